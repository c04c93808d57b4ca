package rules

import (
	"time"

	"rapport"
)

// Status is everything the rules say of one contact (rule 12): `rapport status`.
type Status struct {
	ContactID   int64             `json:"contact_id"`
	ContactName string            `json:"contact_name"`
	Effort      EffortStatus      `json:"effort"`
	Trust       TrustStatus       `json:"trust"`
	Reciprocity ReciprocityStatus `json:"reciprocity"`
	Promises    PromiseStatus     `json:"promises"`
	// Keep in touch (rule 4). DaysSinceContact and LastContactAt are about
	// the last meaningful contact, null when there was none; DueAt is when
	// keeping in touch comes due (null when nothing is known of the contact).
	Overdue          bool       `json:"overdue"`
	Dormant          bool       `json:"dormant"`
	DaysSinceContact *int       `json:"days_since_contact"`
	LastContactAt    *time.Time `json:"last_contact_at"`
	CadenceDays      int        `json:"cadence_days"`
	DueAt            *time.Time `json:"due_at"`
	// ProfessionalOnly (rule 3): the latest effort was given up and they
	// have not reached out since, or trust is lost. Advice is then the plain
	// words to show (AdviceKey its catalog key); "" otherwise.
	ProfessionalOnly bool   `json:"professional_only"`
	Advice           string `json:"advice"`
	AdviceKey        string `json:"advice_key"`
	Health           Health `json:"health"`
}

// Evaluate returns the status of h's contact at now.
func Evaluate(h History, s rapport.Settings, now time.Time) Status {
	c := newClock(now)
	st, keep := status(&h, s, c, nil)
	st.Health = health(h.contact(), &st, keep, s, true)
	return st
}

// status is Evaluate without the health score, with the keep-in-touch run
// it needs; each is called with every effort of h, oldest first.
func status(h *History, s rapport.Settings, c clock, each func(effortRun)) (Status, keepRun) {
	ct := h.contact()
	last, reachedOut := effortsOf(h, s, c, each)
	trust := trustOf(h, c)
	rec := reciprocityOf(h, s)
	keep := keepOf(ct, s, c)
	st := Status{
		ContactID:   ct.ID,
		ContactName: ct.DisplayName,
		Effort:      last.status(reachedOut, s),
		Trust:       trust.status(),
		Reciprocity: rec.ReciprocityStatus,
		Promises:    promisesOf(h, c),
		Overdue:     keep.overdue,
		Dormant:     keep.dormant,
		CadenceDays: keep.cadence,
	}
	if keep.meaningful {
		days, at := keep.days, keep.lastAt
		st.DaysSinceContact, st.LastContactAt = &days, &at
	}
	if keep.hasRef {
		due := keep.due(c)
		st.DueAt = &due
	}
	if professionalOnly(last, reachedOut, trust) {
		st.ProfessionalOnly = true
		st.AdviceKey = keyProfessionalOnly
		st.Advice = english(keyProfessionalOnly, nil)
	}
	return st, keep
}

// professionalOnly: rule 3, and rule 6's "treated like a given-up one".
func professionalOnly(last effortRun, reachedOut bool, t trustRun) bool {
	return (last.state == EffortGivenUp && !reachedOut) || t.state == TrustLost
}

// Health is a 0–100 score with the factors that made it (rule 9).
type Health struct {
	Score   int      `json:"score"`
	Factors []Factor `json:"factors"`
}

// FactorCode names what a health factor measures.
type FactorCode string

const (
	FactorRecency     FactorCode = "recency"
	FactorTwoWay      FactorCode = "two_way"
	FactorReciprocity FactorCode = "reciprocity"
	FactorPromises    FactorCode = "promises"
	FactorThankYou    FactorCode = "thank_you"
	FactorEffort      FactorCode = "effort"
	FactorTrust       FactorCode = "trust"
)

// Factor is one part of a health score: the points it contributed (negative
// for a penalty), the most it can contribute (0 for a penalty), and words
// saying why (Words, rendered from Key and Params).
type Factor struct {
	Code   FactorCode `json:"code"`
	Points int        `json:"points"`
	Max    int        `json:"max"`
	Words  string     `json:"words"`
	Key    string     `json:"key"`
	Params Params     `json:"params,omitempty"`
}

// The weights of health. They shape a score rather than decide a rule, so
// they are not settings. The four positive factors add up to 100; the
// penalties then take points away, and the score is clamped to 0–100.
const (
	weightRecency      = 40 // full within the cadence, falling to 0 at DormantDays
	weightTwoWay       = 20 // full when they start half the interactions or more
	weightReciprocity  = 20 // full at a balance of 0 or more, 0 at a deficit
	weightPromises     = 20 // the share of promises kept, both sides; full when none
	penaltyThankYou    = -5
	penaltyGivenUp     = -20
	penaltySecondTrust = -15
	penaltyTrustLost   = -40
)

// health scores the relationship of st; with words, it lists the factors
// in words too (the review, which only counts scores, goes without: the
// words cost most of the time).
func health(ct *rapport.Contact, st *Status, keep keepRun, s rapport.Settings, words bool) Health {
	var h Health
	var gender string
	if words {
		h.Factors = make([]Factor, 0, 7)
		gender = genderOf(ct)
	}
	// params makes a factor's parameters only when there are words to
	// render with them: the maps are most of the cost of a bare score.
	add := func(code FactorCode, points, most int, key string, params func() Params) {
		h.Score += points
		if !words {
			return
		}
		// A factor may speak of the contact (never by name): every one
		// carries their gender.
		p := Params{}
		if params != nil {
			p = params()
		}
		p["contact_gender"] = gender
		h.Factors = append(h.Factors, Factor{Code: code, Points: points, Max: most, Key: key, Params: p, Words: english(key, p)})
	}

	// Recency against cadence.
	switch {
	case !keep.meaningful:
		add(FactorRecency, 0, weightRecency, keyHealthRecencyNever, nil)
	case keep.dormant:
		add(FactorRecency, 0, weightRecency, keyHealthRecencyDormant, func() Params { return Params{"count": keep.days} })
	case keep.days <= keep.cadence:
		add(FactorRecency, weightRecency, weightRecency, keyHealthRecencyWithin, func() Params { return Params{"count": keep.days, "cadence": keep.cadence} })
	default: // overdue, not yet dormant: DormantDays > days > cadence
		pts := weightRecency * (s.DormantDays - keep.days) / (s.DormantDays - keep.cadence)
		add(FactorRecency, pts, weightRecency, keyHealthRecencyOverdue, func() Params { return Params{"count": keep.days, "cadence": keep.cadence} })
	}

	// Two-way: do they ever reach out?
	total, inbound := ct.Summary.Interactions, ct.Summary.Inbound
	switch {
	case total == 0:
		add(FactorTwoWay, 0, weightTwoWay, keyHealthTwoWayNone, nil)
	case inbound == 0:
		add(FactorTwoWay, 0, weightTwoWay, keyHealthTwoWayOnlyMe, func() Params { return Params{"total": total} })
	default:
		add(FactorTwoWay, min(weightTwoWay, weightTwoWay*2*inbound/total), weightTwoWay, keyHealthTwoWayBoth, func() Params { return Params{"count": inbound, "total": total} })
	}

	// Reciprocity.
	rec := st.Reciprocity
	p := func() Params {
		p := Params{"given": rec.Given, "received": rec.Received}
		if rec.Balance < 0 {
			p["count"] = -rec.Balance
		}
		return p
	}
	switch {
	case rec.Deficit:
		add(FactorReciprocity, 0, weightReciprocity, keyHealthReciprocityDeficit, p)
	case rec.Balance >= 0:
		add(FactorReciprocity, weightReciprocity, weightReciprocity, keyHealthReciprocityBalanced, p)
	default: // ReciprocityDeficit < balance < 0
		pts := weightReciprocity * (rec.Balance - s.ReciprocityDeficit) / -s.ReciprocityDeficit
		add(FactorReciprocity, pts, weightReciprocity, keyHealthReciprocityBehind, p)
	}
	if rec.ThankYouPending {
		add(FactorThankYou, penaltyThankYou, 0, keyHealthThankYouPending, func() Params { return Params{"count": rec.Unthanked} })
	} else {
		add(FactorThankYou, 0, 0, keyHealthThankYouNone, nil)
	}

	// Promises kept, both sides; my open promises past their due day count as not kept.
	pr := st.Promises
	kept := pr.MineKept + pr.TheirsKept
	resolved := kept + pr.MineBroken + pr.TheirsBroken + pr.MineOverdue
	if resolved == 0 {
		add(FactorPromises, weightPromises, weightPromises, keyHealthPromisesNone, nil)
	} else {
		add(FactorPromises, weightPromises*kept/resolved, weightPromises, keyHealthPromisesRecord, func() Params { return Params{"count": kept, "total": resolved} })
	}

	// Effort and trust.
	ef := st.Effort
	switch {
	case ef.State == EffortGivenUp && !ef.ReachedOut:
		add(FactorEffort, penaltyGivenUp, 0, keyHealthEffortGivenUp, func() Params { return Params{"count": ef.FailedAttempts} })
	case ef.State == EffortGivenUp:
		add(FactorEffort, 0, 0, keyHealthEffortReachedOut, nil)
	case ef.State == EffortActive:
		add(FactorEffort, 0, 0, keyHealthEffortActive, func() Params { return Params{"attempt": ef.NextAttempt, "total": ef.MaxAttempts} })
	case ef.State == EffortSucceeded:
		add(FactorEffort, 0, 0, keyHealthEffortSucceeded, nil)
	default:
		add(FactorEffort, 0, 0, keyHealthEffortNone, nil)
	}
	switch st.Trust.State {
	case TrustLost:
		add(FactorTrust, penaltyTrustLost, 0, keyHealthTrustLost, func() Params { return Params{"count": st.Trust.Breaches} })
	case TrustSecondChance:
		add(FactorTrust, penaltySecondTrust, 0, keyHealthTrustSecondChance, nil)
	default:
		add(FactorTrust, 0, 0, keyHealthTrustGood, nil)
	}
	h.Score = min(max(h.Score, 0), 100)
	return h
}
