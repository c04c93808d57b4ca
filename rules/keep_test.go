package rules_test

import (
	"testing"
	"time"

	"rapport"
	"rapport/rules"
)

func TestRule4_KeepInTouch(t *testing.T) {
	never := func(created int) func(*rapport.Contact) {
		return func(c *rapport.Contact) { c.Summary = rapport.Summary{}; c.CreatedAt = ago(created) }
	}
	for _, tc := range []struct {
		name             string
		c                *rapport.Contact
		s                func(*rapport.Settings)
		overdue, dormant bool
		days             *int // days_since_contact
		cadence          int
		due              *time.Time
	}{
		{name: "inner, met 14 days ago: on cadence", c: person(tier(rapport.TierInner), lastMet(14)), days: ptr(14), cadence: 14, due: ptr(ago(0).Truncate(24 * time.Hour))},
		{name: "inner, met 15 days ago: overdue", c: person(tier(rapport.TierInner), lastMet(15)), overdue: true, days: ptr(15), cadence: 14},
		{name: "core, met 30 days ago: on cadence", c: person(lastMet(30)), days: ptr(30), cadence: 30},
		{name: "core, met 31 days ago: overdue", c: person(lastMet(31)), overdue: true, days: ptr(31), cadence: 30},
		{name: "wider, met 90 days ago: on cadence", c: person(tier(rapport.TierWider), lastMet(90)), days: ptr(90), cadence: 90},
		{name: "wider, met 91 days ago: overdue", c: person(tier(rapport.TierWider), lastMet(91)), overdue: true, days: ptr(91), cadence: 90},
		{name: "the contact's own cadence wins", c: person(tier(rapport.TierWider), lastMet(11), func(c *rapport.Contact) { c.CadenceDays = 10 }), overdue: true, days: ptr(11), cadence: 10},
		{name: "179 days: overdue, not dormant", c: person(lastMet(179)), overdue: true, days: ptr(179), cadence: 30},
		{name: "180 days: dormant", c: person(lastMet(180)), overdue: true, dormant: true, days: ptr(180), cadence: 30},
		{name: "a cadence longer than dormancy: dormant, not overdue", c: person(lastMet(200), func(c *rapport.Contact) { c.CadenceDays = 365 }), dormant: true, days: ptr(200), cadence: 365},
		{name: "met today", c: person(lastMet(0)), days: ptr(0), cadence: 30},
		{name: "never met, added 5 days ago: nothing due yet", c: person(never(5)), cadence: 30, due: ptr(ago(-25).Truncate(24 * time.Hour))},
		{name: "never met, added 40 days ago: overdue", c: person(never(40)), overdue: true, cadence: 30},
		{name: "never met, added 200 days ago: dormant", c: person(never(200)), overdue: true, dormant: true, cadence: 30},
		{name: "never met, known from a first message 200 days ago", c: person(func(c *rapport.Contact) {
			c.CreatedAt = ago(3)
			c.Summary = rapport.SummaryOf(ix(200, rapport.ChannelEmail, rapport.Outbound, false, rapport.OutcomeSent))
		}), overdue: true, dormant: true, cadence: 30},
		{name: "nothing known", c: person(func(c *rapport.Contact) { c.CreatedAt = time.Time{} }), cadence: 30},
		{name: "CadenceInnerDays 20 makes 15 days fine", c: person(tier(rapport.TierInner), lastMet(15)), s: func(s *rapport.Settings) { s.CadenceInnerDays = 20 }, days: ptr(15), cadence: 20},
		{name: "CadenceCoreDays 20 makes 25 days overdue", c: person(lastMet(25)), s: func(s *rapport.Settings) { s.CadenceCoreDays = 20 }, overdue: true, days: ptr(25), cadence: 20},
		{name: "CadenceWiderDays 120 makes 100 days fine", c: person(tier(rapport.TierWider), lastMet(100)), s: func(s *rapport.Settings) { s.CadenceWiderDays = 120 }, days: ptr(100), cadence: 120},
		{name: "DormantDays 100 makes 120 days dormant", c: person(lastMet(120)), s: func(s *rapport.Settings) { s.DormantDays = 100 }, overdue: true, dormant: true, days: ptr(120), cadence: 30},
		{name: "DormantDays 365 makes 200 days not dormant", c: person(lastMet(200)), s: func(s *rapport.Settings) { s.DormantDays = 365 }, overdue: true, days: ptr(200), cadence: 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := defaults
			if tc.s != nil {
				tc.s(&s)
			}
			st := rules.Evaluate(rules.History{Contact: tc.c}, s, now)
			if st.Overdue != tc.overdue || st.Dormant != tc.dormant || st.CadenceDays != tc.cadence {
				t.Fatalf("overdue %v, dormant %v, cadence %d; want %v, %v, %d", st.Overdue, st.Dormant, st.CadenceDays, tc.overdue, tc.dormant, tc.cadence)
			}
			if (st.DaysSinceContact == nil) != (tc.days == nil) || (tc.days != nil && *st.DaysSinceContact != *tc.days) {
				t.Fatalf("days_since_contact = %v, want %v", deref(st.DaysSinceContact), deref(tc.days))
			}
			if (st.LastContactAt == nil) != (tc.days == nil) {
				t.Fatalf("last_contact_at = %v", st.LastContactAt)
			}
			if tc.due != nil && (st.DueAt == nil || !st.DueAt.Equal(*tc.due)) {
				t.Fatalf("due_at = %v, want %v", st.DueAt, *tc.due)
			}
			if tc.name == "nothing known" && st.DueAt != nil {
				t.Fatalf("due_at = %v for a contact nothing is known of", st.DueAt)
			}
		})
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestRule4_KeepInTouch_DaysAreCalendarDays(t *testing.T) {
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	at := time.Date(2026, 6, 14, 23, 30, 0, 0, warsaw)
	c := person(func(c *rapport.Contact) { c.Summary = rapport.SummaryOf(met(0, rapport.Outbound)) })
	c.Summary.LastMeaningfulAt = ptr(at.UTC())
	st := rules.Evaluate(rules.History{Contact: c}, defaults, time.Date(2026, 6, 15, 8, 0, 0, 0, warsaw))
	if st.DaysSinceContact == nil || *st.DaysSinceContact != 1 {
		t.Fatalf("met yesterday 23:30, read at 08:00: days_since_contact = %v, want 1", deref(st.DaysSinceContact))
	}
	if want := time.Date(2026, 7, 14, 0, 0, 0, 0, warsaw); !st.DueAt.Equal(want) {
		t.Fatalf("due_at = %v, want %v (midnight, in now's location)", st.DueAt, want)
	}
}

func TestRule4_KeepInTouch_AReplyEndsDormancy(t *testing.T) {
	c := person(tier(rapport.TierInner))
	is := []*rapport.Interaction{met(200, rapport.Outbound), ix(30, rapport.ChannelEmail, rapport.Outbound, false, rapport.OutcomeSent)}
	h := history(c, is...)
	if st := rules.Evaluate(h, defaults, now); !st.Dormant {
		t.Fatalf("met 200 days ago and wrote since: dormant = false, want true (a message sent is not meaningful)")
	}
	if got := kinds(rules.Today([]rules.History{h}, defaults, now)); len(got) != 1 || got[0] != rules.ItemReconnect {
		t.Fatalf("Today = %v, want a reconnect", got)
	}
	if a := rules.CheckAsk(h, rules.Ask{Kind: rapport.FavorAdvice}, defaults, now); !hasCode(a.Warnings, rules.WarnReconnectFirst) {
		t.Fatalf("ask check while dormant = %v, want reconnect_first", codes(a.Warnings))
	}

	is[1].Outcome = rapport.OutcomeReplied // they answered the email
	h = history(c, is...)
	st := rules.Evaluate(h, defaults, now)
	if st.Dormant || st.DaysSinceContact == nil || *st.DaysSinceContact != 30 {
		t.Fatalf("after a reply: dormant %v, days_since_contact %v; want false, 30", st.Dormant, deref(st.DaysSinceContact))
	}
	if got := kinds(rules.Today([]rules.History{h}, defaults, now)); len(got) != 1 || got[0] != rules.ItemKeepInTouch {
		t.Fatalf("Today = %v, want keep_in_touch (inner tier, 30 days)", got)
	}
	if a := rules.CheckAsk(h, rules.Ask{Kind: rapport.FavorAdvice}, defaults, now); !a.OK {
		t.Fatalf("ask check after a reply = %v, want ok", codes(a.Warnings))
	}
}
