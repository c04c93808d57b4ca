package rules_test

import (
	"slices"
	"testing"

	"rapport"
	"rapport/rules"
)

func TestRule6_SecondChanceNeverAThird(t *testing.T) {
	brokenByThem := func(n int) *rapport.Promise {
		p := promise(rapport.ByThem, rapport.PromiseBroken, nil)
		p.ResolvedAt = ptr(ago(n))
		return p
	}
	for _, tc := range []struct {
		name     string
		events   []*rapport.TrustEvent
		promises []*rapport.Promise
		want     rules.TrustState
		breaches int
	}{
		{name: "no breach", want: rules.TrustGood},
		{name: "one breach: a second chance", events: []*rapport.TrustEvent{breach(10)}, want: rules.TrustSecondChance, breaches: 1},
		{name: "two breaches: lost", events: []*rapport.TrustEvent{breach(20), breach(10)}, want: rules.TrustLost, breaches: 2},
		{name: "three breaches: lost", events: []*rapport.TrustEvent{breach(30), breach(20), breach(10)}, want: rules.TrustLost, breaches: 3},
		{name: "a promise they broke is a breach", promises: []*rapport.Promise{brokenByThem(10)}, want: rules.TrustSecondChance, breaches: 1},
		{name: "a broken promise and an incident: lost", events: []*rapport.TrustEvent{breach(20)}, promises: []*rapport.Promise{brokenByThem(10)}, want: rules.TrustLost, breaches: 2},
		{name: "a broken promise with no resolution time counts from its creation", promises: []*rapport.Promise{func() *rapport.Promise {
			p := brokenByThem(0)
			p.ResolvedAt = nil
			return p
		}()}, events: []*rapport.TrustEvent{breach(40)}, want: rules.TrustLost, breaches: 2},
		{name: "a promise I broke is not their breach", promises: []*rapport.Promise{promise(rapport.ByMe, rapport.PromiseBroken, nil)}, want: rules.TrustGood},
		{name: "a promise they kept is no breach", promises: []*rapport.Promise{promise(rapport.ByThem, rapport.PromiseKept, nil)}, want: rules.TrustGood},
		{name: "a reset restores lost trust", events: []*rapport.TrustEvent{breach(30), breach(20), reset(10)}, want: rules.TrustGood},
		{name: "a breach after a reset: second chance again", events: []*rapport.TrustEvent{breach(30), breach(20), reset(10), breach(5)}, want: rules.TrustSecondChance, breaches: 1},
		{name: "two breaches after a reset: lost again", events: []*rapport.TrustEvent{breach(30), reset(20), breach(10), breach(5)}, want: rules.TrustLost, breaches: 2},
		{name: "a broken promise before the reset is forgiven", events: []*rapport.TrustEvent{reset(5)}, promises: []*rapport.Promise{brokenByThem(10)}, want: rules.TrustGood},
		{name: "a broken promise after the reset counts", events: []*rapport.TrustEvent{breach(30), breach(20), reset(10)}, promises: []*rapport.Promise{brokenByThem(3)}, want: rules.TrustSecondChance, breaches: 1},
		{name: "the latest of two resets counts", events: []*rapport.TrustEvent{reset(25), breach(20), breach(15), reset(10), breach(5)}, want: rules.TrustSecondChance, breaches: 1},
		{name: "a breach at the instant of the reset is cleared", events: []*rapport.TrustEvent{breach(10), breach(5), reset(5)}, want: rules.TrustGood},
		{name: "events after now are not read yet", events: []*rapport.TrustEvent{breach(10), breach(-1)}, want: rules.TrustSecondChance, breaches: 1},
		{name: "a reset after now is not read yet", events: []*rapport.TrustEvent{breach(10), breach(5), reset(-1)}, want: rules.TrustLost, breaches: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			events := slices.Clone(tc.events)
			slices.Reverse(events) // any order
			h := history(person())
			h.Trust, h.Promises = events, tc.promises
			st := rules.Evaluate(h, defaults, now)
			if st.Trust.State != tc.want || st.Trust.Breaches != tc.breaches {
				t.Fatalf("trust = %s with %d breaches, want %s with %d", st.Trust.State, st.Trust.Breaches, tc.want, tc.breaches)
			}
			if (tc.breaches > 0) != (st.Trust.LastBreachAt != nil) {
				t.Fatalf("last_breach_at = %v with %d breaches", st.Trust.LastBreachAt, tc.breaches)
			}
			if st.ProfessionalOnly != (tc.want == rules.TrustLost) {
				t.Fatalf("professional_only = %v for trust %s", st.ProfessionalOnly, tc.want)
			}
		})
	}
}

func TestRule6_TrustLostIsTreatedLikeGivenUp(t *testing.T) {
	lost := func(more ...*rapport.Interaction) rules.History {
		h := history(person(tier(rapport.TierInner), func(c *rapport.Contact) { c.Birthday = &rapport.Birthday{Month: 6, Day: 17} }), more...)
		h.Trust = []*rapport.TrustEvent{breach(30), breach(20)}
		h.Efforts = []*rapport.Effort{effort(25)} // started between the breaches
		h.Promises = []*rapport.Promise{promise(rapport.ByMe, rapport.PromiseOpen, ptr(0))}
		return h
	}
	t.Run("an invitation warns trust_lost", func(t *testing.T) {
		lc := rules.CheckLog(lost(), invite(-1, rapport.OutcomeScheduled), defaults, now)
		if !slices.Equal(codes(lc.Warnings), []rules.WarningCode{rules.WarnTrustLost}) {
			t.Fatalf("warnings = %v", codes(lc.Warnings))
		}
	})
	t.Run("an ask warns trust_lost", func(t *testing.T) {
		a := rules.CheckAsk(lost(met(40, rapport.Inbound), met(35, rapport.Outbound), met(32, rapport.Outbound)), rules.Ask{Kind: rapport.FavorAdvice, About: "pricing"}, defaults, now)
		if a.OK || !slices.Equal(codes(a.Warnings), []rules.WarningCode{rules.WarnTrustLost}) {
			t.Fatalf("ask = %+v", a)
		}
	})
	t.Run("Today gives no attempt and no keep-in-touch, but keeps promises and birthdays", func(t *testing.T) {
		got := kinds(rules.Today([]rules.History{lost(met(40, rapport.Outbound))}, defaults, now))
		if want := []rules.ItemKind{rules.ItemPromiseDue, rules.ItemBirthday}; !slices.Equal(got, want) {
			t.Fatalf("Today = %v, want %v", got, want)
		}
	})
	t.Run("a reset gives the invitations back", func(t *testing.T) {
		h := lost(met(40, rapport.Outbound))
		h.Trust = append(h.Trust, reset(1))
		got := kinds(rules.Today([]rules.History{h}, defaults, now))
		if want := []rules.ItemKind{rules.ItemPromiseDue, rules.ItemAttempt, rules.ItemKeepInTouch, rules.ItemBirthday}; !slices.Equal(got, want) {
			t.Fatalf("Today = %v, want %v", got, want)
		}
	})
}
