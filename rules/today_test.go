package rules_test

import (
	"slices"
	"testing"
	"time"

	"rapport"
	"rapport/rules"
)

// midnight is the start of the day n days ago (UTC, now's location).
func midnight(n int) time.Time { return ago(n).Truncate(24 * time.Hour) }

func TestRule10_Today_Ranking(t *testing.T) {
	mk := func(cid int64, name string, opts ...func(*rapport.Contact)) *rapport.Contact {
		c := person(opts...)
		c.ID, c.DisplayName = cid, name
		return c
	}
	// One contact per kind of item, given in reverse order, plus a second
	// promise of mine more overdue than the first.
	hs := []rules.History{
		{Contact: mk(8, "Birthday", lastMet(1), func(c *rapport.Contact) { c.Birthday = &rapport.Birthday{Month: 6, Day: 20} })},
		{Contact: mk(7, "Offer", lastMet(1)), Favors: []*rapport.Favor{favor(rapport.FavorReceived, "", true), favor(rapport.FavorReceived, "", true)}},
		{Contact: mk(6, "Reconnect", lastMet(400))},
		{Contact: mk(5, "Keep", lastMet(40))},
		{Contact: mk(4, "Thanks", lastMet(1)), Favors: []*rapport.Favor{favor(rapport.FavorReceived, "", false), favor(rapport.FavorGiven, "", false)}},
		{Contact: mk(3, "Attempt", lastMet(1)), Efforts: []*rapport.Effort{effort(20)},
			Interactions: []*rapport.Interaction{invite(10, rapport.OutcomeDeclined)}},
		{Contact: mk(2, "Theirs", lastMet(1)), Promises: []*rapport.Promise{promise(rapport.ByThem, rapport.PromiseOpen, ptr(2))}},
		{Contact: mk(1, "Mine", lastMet(1)), Promises: []*rapport.Promise{
			promise(rapport.ByMe, rapport.PromiseOpen, ptr(0)), promise(rapport.ByMe, rapport.PromiseOpen, ptr(5))}},
	}
	items := rules.Today(hs, defaults, now)
	want := []rules.ItemKind{rules.ItemPromiseDue, rules.ItemPromiseDue, rules.ItemFollowUp, rules.ItemAttempt, rules.ItemThankYou,
		rules.ItemKeepInTouch, rules.ItemReconnect, rules.ItemOffer, rules.ItemBirthday}
	if got := kinds(items); !slices.Equal(got, want) {
		t.Fatalf("Today = %v, want %v", got, want)
	}
	if !items[0].Due.Equal(midnight(5)) || !items[1].Due.Equal(midnight(0)) {
		t.Errorf("promises due %v then %v: want the most overdue first", items[0].Due, items[1].Due)
	}
	wantReason := map[rules.ItemKind]string{
		rules.ItemPromiseDue:  "You promised Mine: send the deck",
		rules.ItemFollowUp:    "Theirs promised: send the deck. Follow up.",
		rules.ItemAttempt:     "Attempt 2 of 3: quarterly lunch",
		rules.ItemThankYou:    "Thanks did you a favor: say thank you.",
		rules.ItemKeepInTouch: "Overdue: last real contact 40 days ago.",
		rules.ItemReconnect:   "Dormant: no real contact for 400 days. Time to reconnect.",
		rules.ItemOffer:       "Offer has done more for you than you for them: offer something.",
		rules.ItemBirthday:    "Birthday: June 20, 2026.",
	}
	for _, it := range items {
		if it.Reason != wantReason[it.Kind] {
			t.Errorf("%s reason = %q, want %q", it.Kind, it.Reason, wantReason[it.Kind])
		}
		if it.ContactName == "" || it.ContactID == 0 || it.Due.IsZero() || it.ReasonKey == "" {
			t.Errorf("item %+v lacks a field", it)
		}
		if (it.Kind == rules.ItemAttempt) != (it.Attempt != 0 && it.MaxAttempts != 0) {
			t.Errorf("%s: attempt %d of %d", it.Kind, it.Attempt, it.MaxAttempts)
		}
		if p := it.Params(); p["name"] != it.ContactName {
			t.Errorf("%s params = %v", it.Kind, p)
		}
	}
	if it := items[3]; it.Attempt != 2 || it.MaxAttempts != 3 || !it.Due.Equal(ago(10)) || it.EffortID == 0 {
		t.Errorf("attempt item = %+v: want attempt 2 of 3, due when the first failed", it)
	}
	if it := items[6]; !it.Due.Equal(midnight(400 - 180)) {
		t.Errorf("reconnect due %v, want the day it became dormant", it.Due)
	}
}

func TestRule10_Today_Inclusion(t *testing.T) {
	withBirthday := func(m time.Month, d int) func(*rapport.Contact) {
		return func(c *rapport.Contact) { c.Birthday = &rapport.Birthday{Month: m, Day: d} }
	}
	effortWith := func(is ...*rapport.Interaction) rules.History {
		h := rules.History{Contact: person(lastMet(1)), Efforts: []*rapport.Effort{effort(30)}, Interactions: is}
		return h
	}
	for _, tc := range []struct {
		name string
		h    rules.History
		s    func(*rapport.Settings)
		want []rules.ItemKind
	}{
		{name: "nothing to do", h: rules.History{Contact: person(lastMet(1))}},
		{name: "a contact in the trash never appears", h: rules.History{Contact: person(lastMet(400), func(c *rapport.Contact) { c.DeletedAt = ptr(ago(1)) }),
			Promises: []*rapport.Promise{promise(rapport.ByMe, rapport.PromiseOpen, ptr(1))}}},
		{name: "a history without a contact never appears", h: rules.History{Promises: []*rapport.Promise{promise(rapport.ByMe, rapport.PromiseOpen, ptr(1))}}},
		{name: "my promise due tomorrow is not due", h: rules.History{Contact: person(lastMet(1)), Promises: []*rapport.Promise{promise(rapport.ByMe, rapport.PromiseOpen, ptr(-1))}}},
		{name: "my promise without a date never comes due", h: rules.History{Contact: person(lastMet(1)), Promises: []*rapport.Promise{promise(rapport.ByMe, rapport.PromiseOpen, nil)}}},
		{name: "my kept promise is done", h: rules.History{Contact: person(lastMet(1)), Promises: []*rapport.Promise{promise(rapport.ByMe, rapport.PromiseKept, ptr(3))}}},
		{name: "their promise due today is not overdue yet", h: rules.History{Contact: person(lastMet(1)), Promises: []*rapport.Promise{promise(rapport.ByThem, rapport.PromiseOpen, ptr(0))}}},
		{name: "their promise due yesterday: follow up", h: rules.History{Contact: person(lastMet(1)), Promises: []*rapport.Promise{promise(rapport.ByThem, rapport.PromiseOpen, ptr(1))}},
			want: []rules.ItemKind{rules.ItemFollowUp}},
		{name: "a new effort: attempt 1", h: effortWith(), want: []rules.ItemKind{rules.ItemAttempt}},
		{name: "a pending attempt in the future is not for today", h: effortWith(invite(-3, rapport.OutcomeScheduled))},
		{name: "a pending attempt later today is", h: effortWith(ix(0, rapport.ChannelVideo, rapport.Outbound, true, rapport.OutcomeScheduled)), want: []rules.ItemKind{rules.ItemAttempt}},
		{name: "a pending attempt in the past awaits its outcome", h: effortWith(invite(3, rapport.OutcomeScheduled)), want: []rules.ItemKind{rules.ItemAttempt}},
		{name: "a succeeded effort asks nothing", h: effortWith(met(3, rapport.Outbound))},
		{name: "a given-up effort asks nothing", h: effortWith(invite(25, rapport.OutcomeDeclined), invite(20, rapport.OutcomeDeclined), invite(15, rapport.OutcomeDeclined))},
		{name: "overdue: keep in touch", h: rules.History{Contact: person(lastMet(31))}, want: []rules.ItemKind{rules.ItemKeepInTouch}},
		{name: "dormant inner: reconnect", h: rules.History{Contact: person(tier(rapport.TierInner), lastMet(200))}, want: []rules.ItemKind{rules.ItemReconnect}},
		{name: "dormant core: reconnect", h: rules.History{Contact: person(lastMet(200))}, want: []rules.ItemKind{rules.ItemReconnect}},
		{name: "dormant wider: left to drift", h: rules.History{Contact: person(tier(rapport.TierWider), lastMet(200))}},
		{name: "overdue wider: keep in touch", h: rules.History{Contact: person(tier(rapport.TierWider), lastMet(100))}, want: []rules.ItemKind{rules.ItemKeepInTouch}},
		{name: "given up and overdue: no keep in touch", h: func() rules.History {
			h := effortWith(invite(25, rapport.OutcomeDeclined), invite(20, rapport.OutcomeDeclined), invite(15, rapport.OutcomeDeclined))
			lastMet(100)(h.Contact)
			return h
		}()},
		{name: "given up and dormant: no reconnect", h: func() rules.History {
			h := effortWith(invite(25, rapport.OutcomeDeclined), invite(20, rapport.OutcomeDeclined), invite(15, rapport.OutcomeDeclined))
			lastMet(300)(h.Contact)
			return h
		}()},
		{name: "given up, they called since, and overdue again: keep in touch", h: func() rules.History {
			h := history(person(), invite(190, rapport.OutcomeDeclined), invite(180, rapport.OutcomeDeclined), invite(170, rapport.OutcomeDeclined),
				ix(100, rapport.ChannelCall, rapport.Inbound, false, rapport.OutcomeNoResponse))
			h.Efforts = []*rapport.Effort{effort(200)}
			return h
		}(), want: []rules.ItemKind{rules.ItemKeepInTouch}},
		{name: "a birthday today", h: rules.History{Contact: person(lastMet(1), withBirthday(6, 15))}, want: []rules.ItemKind{rules.ItemBirthday}},
		{name: "a birthday in 7 days", h: rules.History{Contact: person(lastMet(1), withBirthday(6, 22))}, want: []rules.ItemKind{rules.ItemBirthday}},
		{name: "a birthday in 8 days is not yet", h: rules.History{Contact: person(lastMet(1), withBirthday(6, 23))}},
		{name: "a birthday yesterday is past", h: rules.History{Contact: person(lastMet(1), withBirthday(6, 14))}},
		{name: "BirthdayWindowDays 10 shows 8 days ahead", h: rules.History{Contact: person(lastMet(1), withBirthday(6, 23))},
			s: func(s *rapport.Settings) { s.BirthdayWindowDays = 10 }, want: []rules.ItemKind{rules.ItemBirthday}},
		{name: "BirthdayWindowDays 0 shows today only", h: rules.History{Contact: person(lastMet(1), withBirthday(6, 16))},
			s: func(s *rapport.Settings) { s.BirthdayWindowDays = 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := defaults
			if tc.s != nil {
				tc.s(&s)
			}
			got := kinds(rules.Today([]rules.History{tc.h}, s, now))
			if !slices.Equal(got, append([]rules.ItemKind{}, tc.want...)) {
				t.Fatalf("Today = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRule10_Today_NeverMetContacts(t *testing.T) {
	added := func(n int, tr rapport.Tier) rules.History {
		return rules.History{Contact: person(tier(tr), func(c *rapport.Contact) { c.CreatedAt = ago(n) })}
	}
	for _, tc := range []struct {
		name   string
		h      rules.History
		key    string
		reason string
	}{
		{"added 40 days ago", added(40, rapport.TierCore), "today.keep_in_touch_never", "Overdue: no real contact yet, in 40 days since you added them."},
		{"added 200 days ago", added(200, rapport.TierInner), "today.reconnect_never", "Dormant: no real contact in 200 days since you added them. Time to connect."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items := rules.Today([]rules.History{tc.h}, defaults, now)
			if len(items) != 1 || items[0].ReasonKey != tc.key || items[0].Reason != tc.reason || items[0].Count == 0 {
				t.Fatalf("Today = %+v", items)
			}
		})
	}
}

// TestRule10_Today_TopKeepsTheFirstOfEachKind: Top keeps, in order, the
// first limit items of each kind, and counts the rest by kind.
func TestRule10_Today_TopKeepsTheFirstOfEachKind(t *testing.T) {
	item := func(kind rules.ItemKind, id int64) rules.Item { return rules.Item{Kind: kind, ContactID: id} }
	tests := []struct {
		name     string
		items    []rules.Item
		limit    int
		wantIDs  []int64
		wantMore map[rules.ItemKind]int
	}{
		{"nothing", nil, 2, []int64{}, map[rules.ItemKind]int{}},
		{"under the limit", []rules.Item{item(rules.ItemPromiseDue, 1), item(rules.ItemBirthday, 2)}, 2, []int64{1, 2}, map[rules.ItemKind]int{}},
		{"each kind capped on its own", []rules.Item{
			item(rules.ItemPromiseDue, 1), item(rules.ItemPromiseDue, 2), item(rules.ItemPromiseDue, 3),
			item(rules.ItemAttempt, 4), item(rules.ItemThankYou, 5), item(rules.ItemThankYou, 6), item(rules.ItemThankYou, 7), item(rules.ItemThankYou, 8),
		}, 2, []int64{1, 2, 4, 5, 6}, map[rules.ItemKind]int{rules.ItemPromiseDue: 1, rules.ItemThankYou: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top, more := rules.Top(tt.items, tt.limit)
			ids := []int64{}
			for _, it := range top {
				ids = append(ids, it.ContactID)
			}
			if !slices.Equal(ids, tt.wantIDs) || len(more) != len(tt.wantMore) {
				t.Fatalf("kept %v, more %v; want %v, %v", ids, more, tt.wantIDs, tt.wantMore)
			}
			for k, n := range tt.wantMore {
				if more[k] != n {
					t.Errorf("more[%s] = %d, want %d", k, more[k], n)
				}
			}
		})
	}
}
