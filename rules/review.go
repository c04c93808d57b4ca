package rules

import (
	"cmp"
	"slices"
	"time"

	"rapport"
)

// ReviewTop is how many of the most one-sided relationships Review lists each way.
const ReviewTop = 10

// ReviewResult is a look at how the user builds their relationships (rule 11).
// Contacts in the trash are left out. Counts of state (kind, effort, trust,
// overdue, dormant) are as of now; Promises and Efforts count what happened
// in the period from Since to Until (now), both included.
type ReviewResult struct {
	Since    *time.Time `json:"since"` // null: since the beginning
	Until    time.Time  `json:"until"`
	Contacts int        `json:"contacts"`
	// ByKind counts every kind; colleagues are the internal customers,
	// clients the external ones, and the rest the others.
	ByKind            map[rapport.Kind]int `json:"by_kind"`
	InternalCustomers int                  `json:"internal_customers"`
	ExternalCustomers int                  `json:"external_customers"`
	OtherContacts     int                  `json:"other_contacts"`
	// ByEffortState counts the contacts by the state of their latest effort.
	ByEffortState    map[EffortState]int `json:"by_effort_state"`
	ByTrustState     map[TrustState]int  `json:"by_trust_state"`
	Overdue          int                 `json:"overdue"`
	Dormant          int                 `json:"dormant"`
	ProfessionalOnly int                 `json:"professional_only"`
	// The most one-sided relationships, from the contacts' summaries: those
	// where only the user ever reached out (no inbound interaction), most
	// interactions first, and those where only they did (every interaction
	// inbound). At most ReviewTop each; ties by contact id.
	OnlyIReachOut    []OneSided    `json:"only_i_reach_out"`
	OnlyTheyReachOut []OneSided    `json:"only_they_reach_out"`
	Promises         PromiseCounts `json:"promises"`
	Efforts          EffortCounts  `json:"efforts"`
	// ByHealth counts the contacts by health score now (rule 9), in bands
	// of HealthBand points: 0–19, 20–39, 40–59, 60–79 and 80–100.
	ByHealth    []int             `json:"by_health"`
	Reciprocity ReciprocityCounts `json:"reciprocity"`
}

// HealthBand is how many points of health each of ReviewResult.ByHealth's
// bands spans; the last takes 100 too.
const HealthBand = 20

// HealthBandScores is the lowest and the highest score of band i of
// ReviewResult.ByHealth: 0–19, …, 80–100.
func HealthBandScores(i int) (lo, hi int) {
	lo, hi = i*HealthBand, (i+1)*HealthBand-1
	if i == 100/HealthBand-1 {
		hi = 100
	}
	return lo, hi
}

// ReciprocityCounts is the favor ledger (rule 7): the favors exchanged in
// the period, and the contacts with any favor by where their balance
// (given − received) stands now.
type ReciprocityCounts struct {
	Given    int `json:"given"`
	Received int `json:"received"` // favors received, and asks granted in full or in part
	// Ahead: balance above 0; Even: 0; Behind: below 0 but above the
	// deficit setting; Deficit: at or below it.
	Ahead   int `json:"ahead"`
	Even    int `json:"even"`
	Behind  int `json:"behind"`
	Deficit int `json:"deficit"`
	// ThankYouPending counts the contacts with a favor received not thanked.
	ThankYouPending int `json:"thank_you_pending"`
}

// OneSided is a relationship where only one side reaches out.
type OneSided struct {
	ContactID   int64  `json:"contact_id"`
	ContactName string `json:"contact_name"`
	Outbound    int    `json:"outbound"`
	Inbound     int    `json:"inbound"`
}

// PromiseCounts counts the promises resolved in the period.
type PromiseCounts struct {
	MineKept     int `json:"mine_kept"`
	MineBroken   int `json:"mine_broken"`
	TheirsKept   int `json:"theirs_kept"`
	TheirsBroken int `json:"theirs_broken"`
}

// EffortCounts counts the efforts started, succeeded and given up in the period.
type EffortCounts struct {
	Started   int `json:"started"`
	Succeeded int `json:"succeeded"`
	GivenUp   int `json:"given_up"`
}

// Review reviews the contacts of hs from since (zero: from the beginning) to now.
func Review(hs []History, since time.Time, s rapport.Settings, now time.Time) ReviewResult {
	c := newClock(now)
	r := ReviewResult{
		Since:            timePtr(since),
		Until:            now,
		ByKind:           make(map[rapport.Kind]int, len(rapport.Kinds)),
		ByEffortState:    make(map[EffortState]int, len(EffortStates)),
		ByTrustState:     make(map[TrustState]int, len(TrustStates)),
		OnlyIReachOut:    make([]OneSided, 0, ReviewTop),
		OnlyTheyReachOut: make([]OneSided, 0, ReviewTop),
		ByHealth:         make([]int, 100/HealthBand),
	}
	for _, k := range rapport.Kinds {
		r.ByKind[k] = 0
	}
	for _, st := range EffortStates {
		r.ByEffortState[st] = 0
	}
	for _, st := range TrustStates {
		r.ByTrustState[st] = 0
	}
	inPeriod := func(t time.Time) bool { return !t.IsZero() && !t.Before(since) && !t.After(now) }
	var kinds [8]int // counts by index in rapport.Kinds; the last for unknown kinds
	var efforts [4]int
	var trusts [3]int

	for k := range hs {
		h := &hs[k]
		ct := h.Contact
		if ct == nil || ct.DeletedAt != nil {
			continue
		}
		r.Contacts++
		if n := slices.Index(rapport.Kinds, ct.Kind); n >= 0 {
			kinds[n]++
		} else {
			kinds[len(kinds)-1]++
		}

		st, keep := status(h, s, c, func(e effortRun) {
			if inPeriod(e.effort.StartedAt) {
				r.Efforts.Started++
			}
			if inPeriod(e.endedAt) {
				switch e.state {
				case EffortSucceeded:
					r.Efforts.Succeeded++
				case EffortGivenUp:
					r.Efforts.GivenUp++
				}
			}
		})
		efforts[slices.Index(EffortStates, st.Effort.State)]++
		trusts[slices.Index(TrustStates, st.Trust.State)]++
		if st.ProfessionalOnly {
			r.ProfessionalOnly++
		}
		if st.Overdue {
			r.Overdue++
		}
		if st.Dormant {
			r.Dormant++
		}
		score := health(ct, &st, keep, s, false).Score
		r.ByHealth[min(score/HealthBand, len(r.ByHealth)-1)]++
		r.Reciprocity.count(h.Favors, st.Reciprocity, inPeriod)

		sum := ct.Summary
		switch outbound := sum.Interactions - sum.Inbound; {
		case sum.Interactions > 0 && sum.Inbound == 0:
			r.OnlyIReachOut = topInsert(r.OnlyIReachOut, OneSided{ct.ID, ct.DisplayName, outbound, 0}, func(o OneSided) int { return o.Outbound })
		case sum.Inbound > 0 && outbound <= 0:
			r.OnlyTheyReachOut = topInsert(r.OnlyTheyReachOut, OneSided{ct.ID, ct.DisplayName, 0, sum.Inbound}, func(o OneSided) int { return o.Inbound })
		}

		for _, p := range h.Promises {
			if p.State == rapport.PromiseOpen || !inPeriod(resolvedAt(p)) {
				continue
			}
			switch {
			case p.By == rapport.ByMe && p.State == rapport.PromiseKept:
				r.Promises.MineKept++
			case p.By == rapport.ByMe:
				r.Promises.MineBroken++
			case p.State == rapport.PromiseKept:
				r.Promises.TheirsKept++
			default:
				r.Promises.TheirsBroken++
			}
		}
	}

	for n, k := range rapport.Kinds {
		r.ByKind[k] = kinds[n]
	}
	r.InternalCustomers = r.ByKind[rapport.KindColleague]
	r.ExternalCustomers = r.ByKind[rapport.KindClient]
	r.OtherContacts = r.Contacts - r.InternalCustomers - r.ExternalCustomers
	for n, st := range EffortStates {
		r.ByEffortState[st] = efforts[n]
	}
	for n, st := range TrustStates {
		r.ByTrustState[st] = trusts[n]
	}
	return r
}

// count adds a contact's favors in the period, and where its balance stands
// (when it has any favor).
func (r *ReciprocityCounts) count(fs []*rapport.Favor, rec ReciprocityStatus, inPeriod func(time.Time) bool) {
	if len(fs) == 0 {
		return
	}
	for _, f := range fs {
		switch {
		case !inPeriod(f.At):
		case f.Dir == rapport.FavorGiven:
			r.Given++
		case f.Received():
			r.Received++
		}
	}
	switch {
	case rec.Deficit:
		r.Deficit++
	case rec.Balance < 0:
		r.Behind++
	case rec.Balance == 0:
		r.Even++
	default:
		r.Ahead++
	}
	if rec.ThankYouPending {
		r.ThankYouPending++
	}
}

// topInsert keeps top, at most ReviewTop long, sorted by score (highest
// first) then contact id: O(log ReviewTop) to reject, O(ReviewTop) to insert.
func topInsert(top []OneSided, o OneSided, score func(OneSided) int) []OneSided {
	order := func(a, b OneSided) int {
		if c := cmp.Compare(score(b), score(a)); c != 0 {
			return c
		}
		return cmp.Compare(a.ContactID, b.ContactID)
	}
	if len(top) == ReviewTop && order(o, top[len(top)-1]) >= 0 {
		return top
	}
	n, _ := slices.BinarySearchFunc(top, o, order)
	if len(top) == ReviewTop {
		top = top[:len(top)-1]
	}
	return slices.Insert(top, n, o)
}
