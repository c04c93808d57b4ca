package importer

import (
	"time"

	"rapport"
)

// Options tune a parse. The zero value is strict, reads floating times in
// UTC, and does not bound recurring events by a clock.
type Options struct {
	// SkipBad lists malformed records among the skipped ones and goes on,
	// instead of failing on the first.
	SkipBad bool
	// Now is the latest time a recurring event is expanded to (iCalendar);
	// zero bounds recurrences by the file's own range only.
	Now time.Time
	// Location reads floating times, all-day dates and times in unknown
	// time zones (iCalendar), and dates without a zone (LinkedIn's Connected
	// On). Nil means UTC.
	Location *time.Location
	// MaxBytes refuses longer input; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxOccurrences caps the occurrences one recurring event expands to;
	// 0 means DefaultMaxOccurrences.
	MaxOccurrences int
}

const (
	// DefaultMaxBytes bounds input: 64 MiB holds some 100,000 contacts with
	// photos, or a lifetime of calendar events.
	DefaultMaxBytes = 64 << 20
	// DefaultMaxOccurrences is a daily meeting for thirteen years.
	DefaultMaxOccurrences = 5000
)

func (o Options) location() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

func (o Options) maxOccurrences() int {
	if o.MaxOccurrences <= 0 {
		return DefaultMaxOccurrences
	}
	return o.MaxOccurrences
}

// Record is one contact read from a file.
type Record struct {
	Line    int              // where the record starts, from 1
	Contact *rapport.Contact // normalized and valid
	// UID is the file's own identifier for the person (vCard UID, LinkedIn
	// profile URL), "" when it has none. With email and phone matching, it
	// is what lets a second import of the same file update rather than add.
	UID string
	// HasPhoto reports a photo in the file; Rapport keeps no pictures.
	HasPhoto bool
	// Note is free text about the person (vCard NOTE, Google's Notes), for
	// a rapport.Note.
	Note string
	// KnownSince is when the user first knew the person, when the file says
	// (LinkedIn's Connected On); zero otherwise.
	KnownSince time.Time
	// Warnings name values left out of the contact, each with its line.
	Warnings []Warning
}

// Warning is a value left out of a record, or read only in part.
type Warning struct {
	Line  int    // the line of the value
	Field string // its name in the file: BDAY, TZID, RRULE
	Value string // as the file has it, escaped as Message quotes it (\t, \x00)
	// Key is the catalog key of the warning (import.warning.…), which names
	// the field and the value (.field, .value) but not the line; Args are
	// its other arguments.
	Key  string
	Args map[string]any
	// Message is the warning in English, naming the line:
	// `line 7: BDAY: "1985" left out: a year without its day`.
	Message string
}

func (w Warning) String() string { return w.Message }

// Skipped is a record left out of the results.
type Skipped struct {
	Line int // where the record starts
	// Reason is a *rapport.Error whose message names the line (and the field
	// when known): EINVALID for a malformed record, ENOTFOUND for one that
	// holds nothing to import.
	Reason error
}

// Malformed reports whether the record was skipped for being malformed
// rather than for holding nothing to import.
func (s Skipped) Malformed() bool { return rapport.ErrorCodeOf(s.Reason) == rapport.EINVALID }

// results gathers what a parse left out, and decides whether a malformed
// record stops it.
type results struct {
	skipBad bool
	skipped []Skipped
}

// bad records a malformed record; it returns the error that ends the parse,
// or nil when the parse goes on.
func (r *results) bad(line int, err error) error {
	if !r.skipBad {
		return err
	}
	r.skipped = append(r.skipped, Skipped{Line: line, Reason: err})
	return nil
}

// nothing records a well-formed record that holds nothing to import, as
// nothingAt words it.
func (r *results) nothing(line int, key string, args map[string]any, format string, a ...any) {
	r.skipped = append(r.skipped, Skipped{Line: line, Reason: nothingAt(line, key, args, format, a...)})
}

// add records a record left out: malformed ones through bad, the others as
// holding nothing to import.
func (r *results) add(line int, err error) error {
	if rapport.ErrorCodeOf(err) == rapport.ENOTFOUND {
		r.skipped = append(r.skipped, Skipped{Line: line, Reason: err})
		return nil
	}
	return r.bad(line, err)
}
