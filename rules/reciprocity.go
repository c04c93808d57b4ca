package rules

import (
	"time"

	"rapport"
)

// ReciprocityStatus is the favor ledger of a contact (rule 7).
//
// Received counts favors received and asks they granted in full or in part.
// The balance is Given − Received; at Settings.ReciprocityDeficit or below
// it is a deficit. A thank-you is pending while a favor received (or an ask
// granted in full or in part) is not marked thanked, however old it is.
type ReciprocityStatus struct {
	Given    int `json:"given"`
	Received int `json:"received"`
	// Asked counts every ask, whatever became of it.
	Asked           int  `json:"asked"`
	Balance         int  `json:"balance"`
	Deficit         bool `json:"deficit"`
	ThankYouPending bool `json:"thank_you_pending"`
	Unthanked       int  `json:"unthanked"` // favors received and not thanked
}

type reciprocityRun struct {
	ReciprocityStatus
	oldestUnthanked time.Time // the due date of the thank-you
	lastReceived    time.Time // the due date of an offer
}

func reciprocityOf(h *History, s rapport.Settings) reciprocityRun {
	var r reciprocityRun
	for _, f := range h.Favors {
		switch {
		case f.Dir == rapport.FavorGiven:
			r.Given++
		case f.Dir == rapport.FavorAsked:
			r.Asked++
		}
		if !f.Received() {
			continue
		}
		r.Received++
		if f.At.After(r.lastReceived) {
			r.lastReceived = f.At
		}
		if !f.Thanked {
			r.Unthanked++
			if r.oldestUnthanked.IsZero() || f.At.Before(r.oldestUnthanked) {
				r.oldestUnthanked = f.At
			}
		}
	}
	r.Balance = r.Given - r.Received
	r.Deficit = r.Balance <= s.ReciprocityDeficit
	r.ThankYouPending = r.Unthanked > 0
	return r
}

// PromiseStatus counts a contact's promises (rule 5). A promise is due when
// it is open and its due date is today or before, and overdue when that date
// is before today. Open promises without a due date never come due.
type PromiseStatus struct {
	MineOpen      int `json:"mine_open"`
	MineDue       int `json:"mine_due"`     // due today or overdue
	MineOverdue   int `json:"mine_overdue"` // of which overdue
	MineKept      int `json:"mine_kept"`
	MineBroken    int `json:"mine_broken"`
	TheirsOpen    int `json:"theirs_open"`
	TheirsOverdue int `json:"theirs_overdue"`
	TheirsKept    int `json:"theirs_kept"`
	TheirsBroken  int `json:"theirs_broken"`
}

// mineDue reports whether p is an open promise of mine due today or before.
func mineDue(p *rapport.Promise, c clock) bool {
	return p.By == rapport.ByMe && p.State == rapport.PromiseOpen && p.Due != nil && c.day(*p.Due) <= c.today
}

// theirsOverdue reports whether p is an open promise of theirs past its due day.
func theirsOverdue(p *rapport.Promise, c clock) bool {
	return p.By == rapport.ByThem && p.State == rapport.PromiseOpen && p.Due != nil && c.day(*p.Due) < c.today
}

func promisesOf(h *History, c clock) PromiseStatus {
	var st PromiseStatus
	for _, p := range h.Promises {
		mine := p.By == rapport.ByMe
		switch p.State {
		case rapport.PromiseOpen:
			if mine {
				st.MineOpen++
			} else {
				st.TheirsOpen++
			}
		case rapport.PromiseKept:
			if mine {
				st.MineKept++
			} else {
				st.TheirsKept++
			}
		case rapport.PromiseBroken:
			if mine {
				st.MineBroken++
			} else {
				st.TheirsBroken++
			}
		}
		if mineDue(p, c) {
			st.MineDue++
			if c.day(*p.Due) < c.today {
				st.MineOverdue++
			}
		}
		if theirsOverdue(p, c) {
			st.TheirsOverdue++
		}
	}
	return st
}
