package rules

import (
	"time"

	"rapport"
)

// keepRun is where a contact stands against its keep-in-touch cadence (rule 4).
//
// The reference is the last meaningful contact (Summary.LastMeaningfulAt: a
// held live conversation, anything they started, or a reply). A contact with
// no meaningful contact on record is measured from when the user has known
// them (knownSince): a contact added today is not overdue, one added a year
// ago and never met is dormant. A contact with neither is neither.
//
// Overdue: more days since the reference than the cadence (the due date is
// reference + cadence). Dormant: DormantDays or more. The two are read
// independently: a contact with a cadence longer than DormantDays may be
// dormant without being overdue.
type keepRun struct {
	cadence    int
	hasRef     bool
	meaningful bool // the reference is a meaningful contact, not knownSince
	ref        day
	lastAt     time.Time // the last meaningful contact
	days       int       // days since the reference
	overdue    bool
	dormant    bool
}

func keepOf(ct *rapport.Contact, s rapport.Settings, c clock) keepRun {
	r := keepRun{cadence: s.Cadence(ct)}
	ref, meaningful := ct.KeepReference()
	if meaningful {
		r.lastAt = ref
	}
	if !ref.IsZero() {
		r.hasRef, r.meaningful, r.ref = true, meaningful, c.day(ref)
	}
	if !r.hasRef {
		return r
	}
	r.days = int(c.today - r.ref)
	r.overdue = r.days > r.cadence
	r.dormant = r.days >= s.DormantDays
	return r
}

// due is the day keeping in touch comes due.
func (r keepRun) due(c clock) time.Time { return c.midnight(r.ref + day(r.cadence)) }

// dormantSince is the day the contact became dormant.
func (r keepRun) dormantSince(s rapport.Settings, c clock) time.Time {
	return c.midnight(r.ref + day(s.DormantDays))
}
