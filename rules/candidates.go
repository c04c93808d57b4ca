package rules

import (
	"time"

	"rapport"
)

// Reciprocity is where a contact's favors stand (rule 7), for callers that
// need to know which contacts owe or are owed, such as Today choosing whom to
// read, without building whole histories.
func Reciprocity(fs []*rapport.Favor, s rapport.Settings) ReciprocityStatus {
	return reciprocityOf(&History{Favors: fs}, s).ReciprocityStatus
}

// LatestEffort is where the latest effort with h's contact stands at now
// (rules 1–3), as Evaluate gives it, for callers that need to know whose
// efforts are active, such as Today choosing whom to read, without building
// whole histories: it reads only h.Efforts and h.Interactions.
func LatestEffort(h History, s rapport.Settings, now time.Time) EffortStatus {
	last, reachedOut := effortsOf(&h, s, newClock(now), nil)
	return last.status(reachedOut, s)
}
