package rules

import (
	"cmp"
	"slices"
	"time"

	"rapport"
)

// EffortState is where the user's latest effort with a contact stands.
type EffortState string

const (
	EffortNone      EffortState = "none"      // no effort was ever started
	EffortActive    EffortState = "active"    // attempts under way
	EffortSucceeded EffortState = "succeeded" // a live conversation was held
	EffortGivenUp   EffortState = "given_up"  // MaxAttempts attempts failed
)

// EffortStates lists every effort state.
var EffortStates = []EffortState{EffortNone, EffortActive, EffortSucceeded, EffortGivenUp}

// EffortStatus is the latest effort with a contact (rules 1–3).
//
// An attempt is a live interaction at or after the effort's start that is
// outbound (the user invited, called or met them), or a live meeting that was
// scheduled (outcome scheduled or cancelled, whoever proposed it). Written
// invitations never count. The first held live conversation at or after the
// start, in either direction, ends the effort as succeeded; an attempt
// declined, unanswered (including a scheduled one read as no_response, see
// EffectiveOutcome) or cancelled has failed, and the MaxAttempts-th failure
// ends it as given up. Once ended, later interactions do not change it: a
// meeting cancelled after one was held leaves the effort succeeded. An
// effort's interactions end where the next effort starts.
type EffortStatus struct {
	State EffortState `json:"state"`
	ID    int64       `json:"id"` // 0 when there is no effort
	Goal  string      `json:"goal"`
	// StartedAt and EndedAt (when it succeeded or was given up) are null when unknown.
	StartedAt *time.Time `json:"started_at"`
	EndedAt   *time.Time `json:"ended_at"`
	// Attempts counts the attempts made: failed, pending, and the one that
	// succeeded when it was an attempt (a conversation they started is not).
	Attempts       int `json:"attempts"`
	FailedAttempts int `json:"failed_attempts"`
	MaxAttempts    int `json:"max_attempts"`
	// NextAttempt is the number of the current attempt of an active effort:
	// the pending one, or the next to make. 0 when the effort is not active.
	NextAttempt int `json:"next_attempt"`
	// PendingAt is when the pending attempt (a scheduled meeting or call
	// without an outcome yet) is, or was, to happen.
	PendingAt *time.Time `json:"pending_at"`
	// ReachedOut: the effort was given up and they reached out since (an
	// inbound live invitation or conversation): the contact is no longer
	// professional only, and a new effort may start.
	ReachedOut bool `json:"reached_out"`
}

// effortRun is one effort evaluated against its interactions.
type effortRun struct {
	effort   *rapport.Effort
	state    EffortState
	attempts int
	failed   int
	pending  *rapport.Interaction // the earliest attempt still pending
	endedAt  time.Time            // when it succeeded or was given up
	endedBy  *rapport.Interaction
	dueAt    time.Time // when the next attempt became due: the start or the last failure
}

// attemptKind reports whether i is the kind of interaction that counts as an
// attempt (rule 1): live, and outbound or a scheduled meeting.
func attemptKind(i *rapport.Interaction) bool {
	if !i.Channel.Live() {
		return false
	}
	return i.Direction == rapport.Outbound || i.Outcome == rapport.OutcomeScheduled || i.Outcome == rapport.OutcomeCancelled
}

// reachOut reports whether i is the contact reaching out: an inbound live
// invitation or conversation, whatever became of it.
func reachOut(i *rapport.Interaction) bool {
	return i.Direction == rapport.Inbound && i.Channel.Live()
}

// sortedEfforts returns the efforts started at or before now, oldest first;
// it copies only when it has to.
func sortedEfforts(es []*rapport.Effort, now time.Time) []*rapport.Effort {
	order := func(a, b *rapport.Effort) int {
		if c := a.StartedAt.Compare(b.StartedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	}
	started := func(e *rapport.Effort) bool { return !e.StartedAt.After(now) }
	if slices.IsSortedFunc(es, order) && (len(es) == 0 || started(es[len(es)-1])) {
		return es
	}
	out := make([]*rapport.Effort, 0, len(es))
	for _, e := range es {
		if started(e) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, order)
	return out
}

// runEffort evaluates e against the interactions of tl from index k on, up to
// (not including) the first one at or after until (zero: no bound).
func runEffort(e *rapport.Effort, tl timeline, k int, until time.Time, s rapport.Settings, c clock) effortRun {
	r := effortRun{effort: e, state: EffortActive, dueAt: e.StartedAt}
	for ; k < tl.len(); k++ {
		i := tl.at(k)
		if !until.IsZero() && !i.At.Before(until) {
			break
		}
		if !i.Channel.Live() {
			continue // written: never an attempt, never a success
		}
		out := c.outcome(i, s)
		if out == rapport.OutcomeHeld {
			if attemptKind(i) {
				r.attempts++
			}
			r.state, r.endedAt, r.endedBy, r.pending = EffortSucceeded, i.At, i, nil
			return r
		}
		if !attemptKind(i) {
			continue
		}
		r.attempts++
		switch out {
		case rapport.OutcomeDeclined, rapport.OutcomeNoResponse, rapport.OutcomeCancelled:
			r.failed++
			at := c.failedAt(i, s)
			if at.After(r.dueAt) {
				r.dueAt = at
			}
			if r.failed >= max(s.MaxAttempts, 1) {
				r.state, r.endedAt, r.endedBy, r.pending = EffortGivenUp, at, i, nil
				return r
			}
		case rapport.OutcomeScheduled:
			if r.pending == nil {
				r.pending = i
			}
		}
	}
	return r
}

// effortsOf evaluates every effort of h, oldest first, calling f with each;
// it returns the latest, and whether they reached out after it was given up.
func effortsOf(h *History, s rapport.Settings, c clock, f func(effortRun)) (last effortRun, reachedOut bool) {
	es := sortedEfforts(h.Efforts, c.now)
	if len(es) == 0 {
		return effortRun{state: EffortNone}, false
	}
	tl := newTimeline(h.Interactions)
	for n, e := range es {
		var until time.Time
		if n+1 < len(es) {
			until = es[n+1].StartedAt
		}
		last = runEffort(e, tl, tl.first(e.StartedAt), until, s, c)
		if f != nil {
			f(last)
		}
	}
	if last.state == EffortGivenUp {
		for k := tl.first(last.endedAt); k < tl.len(); k++ {
			if i := tl.at(k); i != last.endedBy && reachOut(i) {
				reachedOut = true
				break
			}
		}
	}
	return last, reachedOut
}

// status renders a run for Status.
func (r effortRun) status(reachedOut bool, s rapport.Settings) EffortStatus {
	st := EffortStatus{State: r.state, MaxAttempts: max(s.MaxAttempts, 1)}
	if r.effort == nil {
		return st
	}
	started := r.effort.StartedAt
	st.ID, st.Goal, st.StartedAt = r.effort.ID, r.effort.Goal, &started
	st.Attempts, st.FailedAttempts = r.attempts, r.failed
	if r.state == EffortActive {
		st.NextAttempt = r.failed + 1
		if r.pending != nil {
			at := r.pending.At
			st.PendingAt = &at
		}
	} else {
		ended := r.endedAt
		st.EndedAt = &ended
	}
	st.ReachedOut = r.state == EffortGivenUp && reachedOut
	return st
}

// LogCheck is what the rules say of an interaction about to be logged.
type LogCheck struct {
	// CountsAsAttempt: the interaction is of the kind that counts as an
	// attempt (rule 1): live, and outbound or a scheduled meeting.
	CountsAsAttempt bool `json:"counts_as_attempt"`
	// Attempt is which attempt of the active effort it is (1-based); 0 when
	// no effort is active or it does not count.
	Attempt     int       `json:"attempt"`
	MaxAttempts int       `json:"max_attempts"`
	Warnings    []Warning `json:"warnings"`
}

// CheckLog checks an interaction about to be logged with h's contact (rules
// 1, 3 and 6). A written outbound invitation warns not_an_attempt. An
// outbound invitation (live or written) to a contact whose effort was given
// up, and who has not reached out since, warns given_up; to a contact whose
// trust is lost, trust_lost. The interaction may already be in h (same
// non-zero ID): it is then left out of the history it is checked against.
func CheckLog(h History, i *rapport.Interaction, s rapport.Settings, now time.Time) LogCheck {
	c := newClock(now)
	h.Interactions = without(h.Interactions, i.ID)
	lc := LogCheck{CountsAsAttempt: attemptKind(i), MaxAttempts: max(s.MaxAttempts, 1), Warnings: []Warning{}}
	last, reachedOut := effortsOf(&h, s, c, nil)
	if lc.CountsAsAttempt && last.state == EffortActive && !i.At.Before(last.effort.StartedAt) {
		lc.Attempt = last.attempts + 1
	}
	ct := h.contact()
	invitation := i.Direction == rapport.Outbound && i.Invitation
	if invitation && !i.Channel.Live() {
		lc.Warnings = append(lc.Warnings, newWarning(WarnNotAnAttempt, Params{"channel": string(i.Channel)}))
	}
	if invitation && last.state == EffortGivenUp && !reachedOut {
		lc.Warnings = append(lc.Warnings, givenUpWarning(ct, last))
	}
	if invitation && trustOf(&h, c).state == TrustLost {
		lc.Warnings = append(lc.Warnings, newWarning(WarnTrustLost, Params{"name": ct.DisplayName, "contact_gender": genderOf(ct)}))
	}
	return lc
}

func givenUpWarning(ct *rapport.Contact, r effortRun) Warning {
	return newWarning(WarnGivenUp, Params{"name": ct.DisplayName, "contact_gender": genderOf(ct), "count": r.failed})
}

// CanStartEffort says whether the user may start a new effort with h's
// contact now (rules 2, 3 and 6). It refuses, with an ECONFLICT error, when
// an effort is active; when the latest effort was given up and they have not
// reached out since (an inbound live invitation or conversation); and when
// trust is lost. Trust lost refuses even after they reached out: it "stays
// lost until the user resets it", so the reset comes first. The error's
// cause (errors.As) is a *Refusal with the catalog key and parameters.
func CanStartEffort(h History, s rapport.Settings, now time.Time) error {
	c := newClock(now)
	ct := h.contact()
	name, gender := ct.DisplayName, genderOf(ct)
	last, reachedOut := effortsOf(&h, s, c, nil)
	switch {
	case last.state == EffortActive:
		return refuse(keyRefuseActive, Params{"name": name, "contact_gender": gender, "attempt": last.failed + 1, "total": max(s.MaxAttempts, 1), "goal": last.effort.Goal})
	case last.state == EffortGivenUp && !reachedOut:
		return refuse(keyRefuseGivenUp, Params{"name": name, "contact_gender": gender, "count": last.failed})
	}
	if t := trustOf(&h, c); t.state == TrustLost {
		return refuse(keyRefuseTrustLost, Params{"name": name, "contact_gender": gender, "count": t.breaches})
	}
	return nil
}
