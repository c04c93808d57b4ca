package rules_test

import (
	"fmt"
	"reflect"
	"testing"

	"rapport"
	"rapport/rules"
)

// TestEveryThresholdIsASetting changes each field of rapport.Settings in turn
// and checks that a verdict changes with it. A field added to Settings
// without a case here fails the test.
func TestEveryThresholdIsASetting(t *testing.T) {
	today := func(h rules.History) func(rapport.Settings) string {
		return func(s rapport.Settings) string { return fmt.Sprint(kinds(rules.Today([]rules.History{h}, s, now))) }
	}
	status := func(h rules.History) func(rapport.Settings) string {
		return func(s rapport.Settings) string {
			st := rules.Evaluate(h, s, now)
			return fmt.Sprint(st.Overdue, st.Dormant, st.Effort.State, st.Reciprocity.Deficit)
		}
	}
	askCheck := func(h rules.History, a rules.Ask) func(rapport.Settings) string {
		return func(s rapport.Settings) string { return fmt.Sprint(codes(rules.CheckAsk(h, a, s, now).Warnings)) }
	}
	withEffort := func(is ...*rapport.Interaction) rules.History {
		return rules.History{Contact: person(lastMet(1)), Efforts: []*rapport.Effort{effort(60)}, Interactions: is}
	}
	built := person(lastMet(3))
	built.Summary.HeldLive = 3

	cases := map[string]struct {
		verdict func(rapport.Settings) string
		change  func(*rapport.Settings)
	}{
		"CadenceInnerDays": {status(rules.History{Contact: person(tier(rapport.TierInner), lastMet(20))}), func(s *rapport.Settings) { s.CadenceInnerDays = 21 }},
		"CadenceCoreDays":  {status(rules.History{Contact: person(lastMet(20))}), func(s *rapport.Settings) { s.CadenceCoreDays = 19 }},
		"CadenceWiderDays": {status(rules.History{Contact: person(tier(rapport.TierWider), lastMet(60))}), func(s *rapport.Settings) { s.CadenceWiderDays = 59 }},
		"DormantDays":      {status(rules.History{Contact: person(lastMet(100))}), func(s *rapport.Settings) { s.DormantDays = 100 }},
		"MaxAttempts": {status(withEffort(invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined))),
			func(s *rapport.Settings) { s.MaxAttempts = 2 }},
		"NoResponseDays": {status(withEffort(invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(7, rapport.OutcomeScheduled))),
			func(s *rapport.Settings) { s.NoResponseDays = 7 }},
		"NetworkMinConversations": {askCheck(rules.History{Contact: built}, rules.Ask{Kind: rapport.FavorIntro}),
			func(s *rapport.Settings) { s.NetworkMinConversations = 4 }},
		"NetworkMinKnownDays": {askCheck(rules.History{Contact: built}, rules.Ask{Kind: rapport.FavorIntro}),
			func(s *rapport.Settings) { s.NetworkMinKnownDays = 366 }},
		"RepeatAskDays": {askCheck(rules.History{Contact: built, Favors: []*rapport.Favor{ask(60, rapport.FavorAdvice, "pricing", rapport.FavorDeclined)}},
			rules.Ask{Kind: rapport.FavorAdvice, About: "pricing"}), func(s *rapport.Settings) { s.RepeatAskDays = 59 }},
		"ReciprocityDeficit": {status(rules.History{Contact: built, Favors: []*rapport.Favor{favor(rapport.FavorReceived, "", true)}}),
			func(s *rapport.Settings) { s.ReciprocityDeficit = -1 }},
		"BirthdayWindowDays": {today(rules.History{Contact: person(lastMet(1), func(c *rapport.Contact) { c.Birthday = &rapport.Birthday{Month: 6, Day: 25} })}),
			func(s *rapport.Settings) { s.BirthdayWindowDays = 10 }},
	}
	fields := reflect.TypeFor[rapport.Settings]()
	for f := range fields.Fields() {
		t.Run(f.Name, func(t *testing.T) {
			tc, ok := cases[f.Name]
			if !ok {
				t.Fatalf("no test shows that Settings.%s changes a verdict", f.Name)
			}
			changed := defaults
			tc.change(&changed)
			if reflect.ValueOf(changed).FieldByName(f.Name).Equal(reflect.ValueOf(defaults).FieldByName(f.Name)) {
				t.Fatalf("the change does not change %s", f.Name)
			}
			before, after := tc.verdict(defaults), tc.verdict(changed)
			if before == after {
				t.Fatalf("changing %s leaves the verdict at %s", f.Name, before)
			}
		})
	}
}
