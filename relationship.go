package rapport

import (
	"fmt"
	"strings"
	"time"
)

// Effort is the user's decision to strengthen a relationship. Its state is
// not stored: the rules derive it from the interactions since StartedAt.
type Effort struct {
	ID        int64     `json:"id"`
	ContactID int64     `json:"contact_id"`
	Goal      string    `json:"goal"`
	StartedAt time.Time `json:"started_at"`
}

// PromiseBy says who made a promise.
type PromiseBy string

const (
	ByMe   PromiseBy = "me"
	ByThem PromiseBy = "them"
)

// PromiseBys lists both promisers.
var PromiseBys = []PromiseBy{ByMe, ByThem}

// PromiseState is where a promise stands.
type PromiseState string

const (
	PromiseOpen   PromiseState = "open"
	PromiseKept   PromiseState = "kept"
	PromiseBroken PromiseState = "broken"
)

// Promise is something the user or the contact said they would do.
type Promise struct {
	ID         int64        `json:"id"`
	ContactID  int64        `json:"contact_id"`
	By         PromiseBy    `json:"by"`
	What       string       `json:"what"`
	Due        *time.Time   `json:"due"`
	State      PromiseState `json:"state"`
	CreatedAt  time.Time    `json:"created_at"`
	ResolvedAt *time.Time   `json:"resolved_at"`
	Version    int64        `json:"version"`
}

// Resolve marks an open promise kept or broken at now.
func (p *Promise) Resolve(state PromiseState, now time.Time) error {
	if state != PromiseKept && state != PromiseBroken {
		return Invalid("state", state, "a promise is resolved as kept or broken").Keyed("error.invalid.promise_resolution", nil)
	}
	if p.State != PromiseOpen {
		return Errorf(ECONFLICT, "promise %d is already %s", p.ID, p.State).
			Keyed("error.conflict.promise_"+string(p.State), map[string]any{"id": fmt.Sprint(p.ID)})
	}
	p.State, p.ResolvedAt = state, &now
	return nil
}

// Validate checks a promise.
func (p *Promise) Validate() error {
	if err := validEnum("by", p.By, PromiseBys); err != nil {
		return err
	}
	if strings.TrimSpace(p.What) == "" {
		return Invalid("what", p.What, "say what was promised").Keyed("error.invalid.promise_what", nil)
	}
	return validEnum("state", p.State, []PromiseState{PromiseOpen, PromiseKept, PromiseBroken})
}

// Validate checks an effort.
func (e *Effort) Validate() error {
	if len(e.Goal) > 1000 {
		return tooLong("goal", e.Goal, 1000)
	}
	return nil
}

// Validate checks a trust event.
func (t *TrustEvent) Validate() error {
	if err := validEnum("kind", t.Kind, []TrustEventKind{TrustBreach, TrustReset}); err != nil {
		return err
	}
	if t.Kind == TrustReset && strings.TrimSpace(t.Note) == "" {
		return Invalid("reason", t.Note, "say why trust is restored").Keyed("error.invalid.trust_reason", nil)
	}
	return nil
}

// TrustEventKind is a recorded change of trust.
type TrustEventKind string

const (
	TrustBreach TrustEventKind = "breach" // an incident the user records, e.g. manipulation
	TrustReset  TrustEventKind = "reset"  // the user restores trust explicitly, with a reason
)

// TrustEvent is a breach or a reset recorded by the user. Promises they broke
// count as breaches too, without a TrustEvent of their own.
type TrustEvent struct {
	ID        int64          `json:"id"`
	ContactID int64          `json:"contact_id"`
	Kind      TrustEventKind `json:"kind"`
	Note      string         `json:"note"`
	At        time.Time      `json:"at"`
}

// FavorDir says which way a favor went.
type FavorDir string

const (
	FavorGiven    FavorDir = "given"    // the user did something for them
	FavorReceived FavorDir = "received" // they did something for the user
	FavorAsked    FavorDir = "asked"    // the user asked them for something
)

// FavorDirs lists the directions of a favor.
var FavorDirs = []FavorDir{FavorGiven, FavorReceived, FavorAsked}

// FavorKind is what a favor or an ask was about.
type FavorKind string

const (
	FavorIntro    FavorKind = "intro"
	FavorContacts FavorKind = "contacts" // "who else do you know?"
	FavorReferral FavorKind = "referral"
	FavorAdvice   FavorKind = "advice"
	FavorJobLead  FavorKind = "job_lead"
	FavorTime     FavorKind = "time"
	FavorOther    FavorKind = "other"
)

// FavorKinds lists every kind of favor.
var FavorKinds = []FavorKind{FavorIntro, FavorContacts, FavorReferral, FavorAdvice, FavorJobLead, FavorTime, FavorOther}

// FavorOutcome is how an ask ended.
type FavorOutcome string

const (
	FavorPending  FavorOutcome = ""
	FavorGranted  FavorOutcome = "granted"
	FavorPartial  FavorOutcome = "partial"
	FavorDeclined FavorOutcome = "declined"
)

// FavorOutcomes lists the outcomes of an ask, pending first.
var FavorOutcomes = []FavorOutcome{FavorPending, FavorGranted, FavorPartial, FavorDeclined}

// Favor is one entry of the reciprocity ledger.
type Favor struct {
	ID        int64        `json:"id"`
	ContactID int64        `json:"contact_id"`
	Dir       FavorDir     `json:"dir"`
	Kind      FavorKind    `json:"kind"`
	About     string       `json:"about"`
	Outcome   FavorOutcome `json:"outcome"`
	Thanked   bool         `json:"thanked"`
	At        time.Time    `json:"at"`
	Version   int64        `json:"version"`
}

// Received reports whether the favor is one they did for the user: a favor
// received, or an ask they granted in full or in part.
func (f *Favor) Received() bool {
	return f.Dir == FavorReceived || (f.Dir == FavorAsked && (f.Outcome == FavorGranted || f.Outcome == FavorPartial))
}

// Validate checks a favor before it is stored.
func (f *Favor) Validate() error {
	if err := validEnum("dir", f.Dir, FavorDirs); err != nil {
		return err
	}
	if err := validEnum("kind", f.Kind, FavorKinds); err != nil {
		return err
	}
	return validEnum("outcome", f.Outcome, FavorOutcomes)
}

// Records are relationship records written together, as by an import or
// `rapport gen`.
type Records struct {
	Efforts  []*Effort
	Promises []*Promise
	Favors   []*Favor
	Trust    []*TrustEvent
}

// Len is how many records there are.
func (r Records) Len() int { return len(r.Efforts) + len(r.Promises) + len(r.Favors) + len(r.Trust) }

// RelationshipFilter selects efforts, promises, trust events or favors.
type RelationshipFilter struct {
	ContactID int64 // 0 means every contact
	// Open selects open promises (it does not apply to the other records).
	Open bool
}

// Settings are an account's thresholds for the rules. Every rule reads its
// numbers from here, never from a constant of its own.
type Settings struct {
	CadenceInnerDays        int `json:"cadence_inner_days"`
	CadenceCoreDays         int `json:"cadence_core_days"`
	CadenceWiderDays        int `json:"cadence_wider_days"`
	DormantDays             int `json:"dormant_days"`
	MaxAttempts             int `json:"max_attempts"`
	NoResponseDays          int `json:"no_response_days"`
	NetworkMinConversations int `json:"network_min_conversations"`
	NetworkMinKnownDays     int `json:"network_min_known_days"`
	RepeatAskDays           int `json:"repeat_ask_days"`
	ReciprocityDeficit      int `json:"reciprocity_deficit"`
	BirthdayWindowDays      int `json:"birthday_window_days"`
}

// Validate checks settings: every threshold is positive, but the deficit,
// which is negative.
func (s Settings) Validate() error {
	for _, f := range []struct {
		name string
		v    int
	}{
		{"cadence_inner_days", s.CadenceInnerDays}, {"cadence_core_days", s.CadenceCoreDays},
		{"cadence_wider_days", s.CadenceWiderDays}, {"dormant_days", s.DormantDays},
		{"max_attempts", s.MaxAttempts}, {"no_response_days", s.NoResponseDays},
		{"network_min_conversations", s.NetworkMinConversations}, {"network_min_known_days", s.NetworkMinKnownDays},
		{"repeat_ask_days", s.RepeatAskDays}, {"birthday_window_days", s.BirthdayWindowDays},
	} {
		if f.v < 1 || f.v > 3650 {
			return outOfRange(f.name, f.v, 1, 3650)
		}
	}
	if s.ReciprocityDeficit > -1 || s.ReciprocityDeficit < -100 {
		return outOfRange("reciprocity_deficit", s.ReciprocityDeficit, -100, -1)
	}
	return nil
}

func outOfRange(field string, v, min, max int) *Error {
	return Invalid(field, v, fmt.Sprintf("must be between %d and %d", min, max)).
		Keyed("error.invalid.between", map[string]any{"min": min, "max": max})
}

// DefaultSettings are the thresholds good practice suggests.
func DefaultSettings() Settings {
	return Settings{
		CadenceInnerDays:        14,
		CadenceCoreDays:         30,
		CadenceWiderDays:        90,
		DormantDays:             180,
		MaxAttempts:             3,
		NoResponseDays:          14,
		NetworkMinConversations: 3,
		NetworkMinKnownDays:     30,
		RepeatAskDays:           90,
		ReciprocityDeficit:      -2,
		BirthdayWindowDays:      7,
	}
}

// Cadence returns the keep-in-touch cadence of a contact in days: its own, or its tier's.
func (s Settings) Cadence(c *Contact) int {
	if c.CadenceDays > 0 {
		return c.CadenceDays
	}
	switch c.Tier {
	case TierInner:
		return s.CadenceInnerDays
	case TierCore:
		return s.CadenceCoreDays
	default:
		return s.CadenceWiderDays
	}
}
