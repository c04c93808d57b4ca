package rules

import (
	"time"

	"rapport"
)

// TrustState is how far the user trusts a contact (rule 6).
type TrustState string

const (
	TrustGood         TrustState = "good"
	TrustSecondChance TrustState = "second_chance" // one breach since the last reset
	TrustLost         TrustState = "lost"          // two or more: a second chance, never a third
)

// TrustStates lists every trust state.
var TrustStates = []TrustState{TrustGood, TrustSecondChance, TrustLost}

// LostAfter is how many breaches lose trust. It is the rule itself ("a
// second chance, never a third"), not a threshold, so it is not a setting.
const LostAfter = 2

// TrustStatus is the trust in a contact (rule 6).
//
// A breach is a TrustEvent of kind breach, or a promise they made (By them)
// that is broken, at its ResolvedAt (its CreatedAt when that is missing). A
// reset clears every breach before it; a breach at the very instant of a
// reset is taken to come before it. Events after now are not read yet.
type TrustStatus struct {
	State TrustState `json:"state"`
	// Breaches counts the breaches since the last reset.
	Breaches     int        `json:"breaches"`
	LastBreachAt *time.Time `json:"last_breach_at"`
	ResetAt      *time.Time `json:"reset_at"` // the last reset; null when never reset
}

type trustRun struct {
	state      TrustState
	breaches   int
	lastBreach time.Time
	reset      time.Time
}

func trustOf(h *History, c clock) trustRun {
	var r trustRun
	for _, e := range h.Trust {
		if e.Kind == rapport.TrustReset && !e.At.After(c.now) && e.At.After(r.reset) {
			r.reset = e.At
		}
	}
	breach := func(at time.Time) {
		if at.After(c.now) || (!r.reset.IsZero() && !at.After(r.reset)) {
			return
		}
		r.breaches++
		if at.After(r.lastBreach) {
			r.lastBreach = at
		}
	}
	for _, e := range h.Trust {
		if e.Kind == rapport.TrustBreach {
			breach(e.At)
		}
	}
	for _, p := range h.Promises {
		if p.By == rapport.ByThem && p.State == rapport.PromiseBroken {
			breach(resolvedAt(p))
		}
	}
	switch {
	case r.breaches >= LostAfter:
		r.state = TrustLost
	case r.breaches > 0:
		r.state = TrustSecondChance
	default:
		r.state = TrustGood
	}
	return r
}

func resolvedAt(p *rapport.Promise) time.Time {
	if p.ResolvedAt != nil {
		return *p.ResolvedAt
	}
	return p.CreatedAt
}

func (r trustRun) status() TrustStatus {
	return TrustStatus{State: r.state, Breaches: r.breaches, LastBreachAt: timePtr(r.lastBreach), ResetAt: timePtr(r.reset)}
}

// timePtr returns a pointer to a copy of t, or nil for the zero time.
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
