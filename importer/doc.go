// Package importer reads files written by other software — vCard, LinkedIn's
// Connections.csv, Google Contacts CSV and iCalendar — into Rapport's domain
// values. It is pure: it reads only the io.Reader it is given, stores
// nothing and reads no clock ("now" is an option).
//
// Every parser returns per-record results: the records it read, the records
// it left out with the line and the reason, and an error for what stops the
// whole file. A malformed record is that error, naming its line and field,
// unless Options.SkipBad asks to list it among the skipped records and go on;
// a record that is well formed but holds nothing to import (a LinkedIn
// connection who hides their name, an event with no start) is always just
// skipped.
package importer
