package rules_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport"
	"rapport/rules"
)

// now is the fixed "now" of every test: 15 June 2026, noon UTC.
var now = time.Date(2026, time.June, 15, 12, 0, 0, 0, time.UTC)

var defaults = rapport.DefaultSettings()

// ago is n days before now (after it for negative n), at the same time of day.
func ago(n int) time.Time { return now.AddDate(0, 0, -n) }

func ptr[T any](v T) *T { return &v }

var nextID int64

func id() int64 { nextID++; return nextID }

// ix builds an interaction n days ago.
func ix(n int, ch rapport.Channel, dir rapport.Direction, invite bool, out rapport.Outcome) *rapport.Interaction {
	return &rapport.Interaction{ID: id(), At: ago(n), Channel: ch, Direction: dir, Invitation: invite, Outcome: out, ContactIDs: []int64{1}}
}

// invite is an outbound live invitation by call, n days ago, that ended out.
func invite(n int, out rapport.Outcome) *rapport.Interaction {
	return ix(n, rapport.ChannelCall, rapport.Outbound, true, out)
}

// emailInvite is an outbound written invitation n days ago.
func emailInvite(n int) *rapport.Interaction {
	return ix(n, rapport.ChannelEmail, rapport.Outbound, true, rapport.OutcomeSent)
}

// met is a held live conversation n days ago.
func met(n int, dir rapport.Direction) *rapport.Interaction {
	return ix(n, rapport.ChannelInPerson, dir, false, rapport.OutcomeHeld)
}

// person is a contact of the core tier, known for a year, with no interaction.
func person(opts ...func(*rapport.Contact)) *rapport.Contact {
	c := &rapport.Contact{ID: 1, DisplayName: "Anna Kowalska", Kind: rapport.KindClient, Tier: rapport.TierCore, CreatedAt: ago(365)}
	for _, o := range opts {
		o(c)
	}
	return c
}

func tier(t rapport.Tier) func(*rapport.Contact) { return func(c *rapport.Contact) { c.Tier = t } }

// history is a history of c with the interactions is, c's summary computed
// from them as the store does.
func history(c *rapport.Contact, is ...*rapport.Interaction) rules.History {
	c.Summary = rapport.Summary{}
	for _, i := range is {
		c.Summary.Add(i)
	}
	return rules.History{Contact: c, Interactions: is}
}

// lastMet gives c a summary whose last meaningful contact was n days ago.
func lastMet(n int) func(*rapport.Contact) {
	return func(c *rapport.Contact) { c.Summary = rapport.SummaryOf(met(n, rapport.Outbound)) }
}

func effort(startedDaysAgo int) *rapport.Effort {
	return &rapport.Effort{ID: id(), ContactID: 1, Goal: "quarterly lunch", StartedAt: ago(startedDaysAgo)}
}

func breach(n int) *rapport.TrustEvent {
	return &rapport.TrustEvent{ID: id(), ContactID: 1, Kind: rapport.TrustBreach, At: ago(n)}
}

func reset(n int) *rapport.TrustEvent {
	return &rapport.TrustEvent{ID: id(), ContactID: 1, Kind: rapport.TrustReset, At: ago(n)}
}

func favor(dir rapport.FavorDir, out rapport.FavorOutcome, thanked bool) *rapport.Favor {
	return &rapport.Favor{ID: id(), ContactID: 1, Dir: dir, Kind: rapport.FavorAdvice, Outcome: out, Thanked: thanked, At: ago(10)}
}

func ask(n int, kind rapport.FavorKind, about string, out rapport.FavorOutcome) *rapport.Favor {
	return &rapport.Favor{ID: id(), ContactID: 1, Dir: rapport.FavorAsked, Kind: kind, About: about, Outcome: out, Thanked: true, At: ago(n)}
}

func promise(by rapport.PromiseBy, state rapport.PromiseState, dueDaysAgo *int) *rapport.Promise {
	p := &rapport.Promise{ID: id(), ContactID: 1, By: by, What: "send the deck", State: state, CreatedAt: ago(30)}
	if dueDaysAgo != nil {
		p.Due = ptr(time.Date(now.Year(), now.Month(), now.Day()-*dueDaysAgo, 0, 0, 0, 0, time.UTC))
	}
	if state != rapport.PromiseOpen {
		p.ResolvedAt = ptr(ago(5))
	}
	return p
}

func codes(ws []rules.Warning) []rules.WarningCode {
	out := []rules.WarningCode{}
	for _, w := range ws {
		out = append(out, w.Code)
	}
	return out
}

func kinds(items []rules.Item) []rules.ItemKind {
	out := []rules.ItemKind{}
	for _, it := range items {
		out = append(out, it.Kind)
	}
	return out
}

func hasCode(ws []rules.Warning, c rules.WarningCode) bool {
	return slices.Contains(codes(ws), c)
}

// refusal returns the key of the Refusal behind err, and fails unless err is
// an ECONFLICT error.
func refusal(t *testing.T, err error) string {
	t.Helper()
	if rapport.ErrorCodeOf(err) != rapport.ECONFLICT {
		t.Fatalf("error = %v (%s), want a conflict", err, rapport.ErrorCodeOf(err))
	}
	var r *rules.Refusal
	if !errors.As(err, &r) || r.Error() != rapport.ErrorMessage(err) || r.Params["name"] == nil {
		t.Fatalf("error %v carries no Refusal with its message", err)
	}
	return r.Key
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
