package rapport

import (
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
}

// Validate checks a new promise.
func (p *Promise) Validate() error {
	if err := validEnum("by", p.By, PromiseBys); err != nil {
		return err
	}
	if strings.TrimSpace(p.What) == "" {
		return Invalid("what", p.What, "say what was promised")
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
