package rules

import "rapport"

// Reciprocity is where a contact's favors stand (rule 7), for callers that
// need to know which contacts owe or are owed, such as Today choosing whom to
// read, without building whole histories.
func Reciprocity(fs []*rapport.Favor, s rapport.Settings) ReciprocityStatus {
	return reciprocityOf(&History{Favors: fs}, s).ReciprocityStatus
}
