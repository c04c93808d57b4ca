package rules_test

import (
	"slices"
	"testing"

	"rapport"
	"rapport/rules"
)

func TestRule7_Reciprocity(t *testing.T) {
	given := func() *rapport.Favor { return favor(rapport.FavorGiven, "", false) }
	got := func(thanked bool) *rapport.Favor { return favor(rapport.FavorReceived, "", thanked) }
	asked := func(out rapport.FavorOutcome, thanked bool) *rapport.Favor {
		return favor(rapport.FavorAsked, out, thanked)
	}
	for _, tc := range []struct {
		name               string
		favors             []*rapport.Favor
		s                  func(*rapport.Settings)
		balance            int
		given, received    int
		deficit, thankYou  bool
		wantAskDeficit     bool
		wantTodayOffer     bool
		wantTodayThankYous bool
	}{
		{name: "no favors: balanced"},
		{name: "given minus received", favors: []*rapport.Favor{given(), given(), got(true)}, balance: 1, given: 2, received: 1},
		{name: "one behind: no deficit yet", favors: []*rapport.Favor{got(true)}, balance: -1, received: 1},
		{name: "two behind: a deficit", favors: []*rapport.Favor{got(true), got(true)}, balance: -2, received: 2, deficit: true},
		{name: "an ask granted counts as received", favors: []*rapport.Favor{got(true), asked(rapport.FavorGranted, true)}, balance: -2, received: 2, deficit: true},
		{name: "an ask granted in part counts as received", favors: []*rapport.Favor{got(true), asked(rapport.FavorPartial, true)}, balance: -2, received: 2, deficit: true},
		{name: "an ask declined is not received", favors: []*rapport.Favor{got(true), asked(rapport.FavorDeclined, false)}, balance: -1, received: 1},
		{name: "a pending ask is not received", favors: []*rapport.Favor{got(true), asked(rapport.FavorPending, false)}, balance: -1, received: 1},
		{name: "ReciprocityDeficit -3 tolerates two behind", favors: []*rapport.Favor{got(true), got(true)}, s: func(s *rapport.Settings) { s.ReciprocityDeficit = -3 }, balance: -2, received: 2},
		{name: "ReciprocityDeficit -1 flags one behind", favors: []*rapport.Favor{got(true)}, s: func(s *rapport.Settings) { s.ReciprocityDeficit = -1 }, balance: -1, received: 1, deficit: true},
		{name: "ReciprocityDeficit 0 asks for an offer on an empty ledger", s: func(s *rapport.Settings) { s.ReciprocityDeficit = 0 }, deficit: true},
		{name: "a favor not thanked: thank-you pending", favors: []*rapport.Favor{given(), got(false)}, balance: 0, given: 1, received: 1, thankYou: true},
		{name: "an ask granted and not thanked: thank-you pending", favors: []*rapport.Favor{given(), asked(rapport.FavorGranted, false)}, balance: 0, given: 1, received: 1, thankYou: true},
		{name: "a declined ask needs no thanks", favors: []*rapport.Favor{asked(rapport.FavorDeclined, false)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := defaults
			if tc.s != nil {
				tc.s(&s)
			}
			h := rules.History{Contact: person(lastMet(3)), Favors: tc.favors}
			h.Contact.Summary.HeldLive = 5
			r := rules.Evaluate(h, s, now).Reciprocity
			if r.Balance != tc.balance || r.Given != tc.given || r.Received != tc.received || r.Deficit != tc.deficit || r.ThankYouPending != tc.thankYou {
				t.Fatalf("reciprocity = %+v; want balance %d, given %d, received %d, deficit %v, thank-you %v",
					r, tc.balance, tc.given, tc.received, tc.deficit, tc.thankYou)
			}
			a := rules.CheckAsk(h, rules.Ask{Kind: rapport.FavorTime}, s, now)
			if hasCode(a.Warnings, rules.WarnReciprocityDeficit) != tc.deficit || hasCode(a.Warnings, rules.WarnThankYouPending) != tc.thankYou {
				t.Fatalf("ask check warns %v", codes(a.Warnings))
			}
			items := kinds(rules.Today([]rules.History{h}, s, now))
			if slices.Contains(items, rules.ItemOffer) != tc.deficit || slices.Contains(items, rules.ItemThankYou) != tc.thankYou {
				t.Fatalf("Today = %v", items)
			}
		})
	}
}

func TestRule8_AskCheck(t *testing.T) {
	built := func(opts ...func(*rapport.Contact)) *rapport.Contact {
		c := person(lastMet(3))
		c.Summary.HeldLive, c.Summary.Inbound = 5, 2
		for _, o := range opts {
			o(c)
		}
		return c
	}
	held := func(n int) func(*rapport.Contact) { return func(c *rapport.Contact) { c.Summary.HeldLive = n } }
	known := func(n int) func(*rapport.Contact) {
		return func(c *rapport.Contact) { c.CreatedAt = ago(n); c.Summary.FirstAt = ptr(ago(n)) }
	}
	type ws = []rules.WarningCode
	for _, tc := range []struct {
		name   string
		c      *rapport.Contact
		favors []*rapport.Favor
		a      rules.Ask
		s      func(*rapport.Settings)
		want   ws
	}{
		{name: "a built relationship: ok", c: built(), a: rules.Ask{Kind: rapport.FavorIntro, About: "the CFO of Acme"}, want: ws{}},
		{name: "on behalf of someone they do not know", c: built(), a: rules.Ask{Kind: rapport.FavorAdvice, OnBehalf: "my friend Sam"}, want: ws{rules.WarnThirdPartyAsk}},
		{name: "on behalf of someone they know", c: built(), a: rules.Ask{Kind: rapport.FavorAdvice, OnBehalf: "Sam", OnBehalfKnown: true}, want: ws{}},
		{name: "an intro after 2 conversations is premature", c: built(held(2)), a: rules.Ask{Kind: rapport.FavorIntro}, want: ws{rules.WarnPrematureNetworkAsk}},
		{name: "contacts after 2 conversations are premature", c: built(held(2)), a: rules.Ask{Kind: rapport.FavorContacts}, want: ws{rules.WarnPrematureNetworkAsk}},
		{name: "a referral after 2 conversations is premature", c: built(held(2)), a: rules.Ask{Kind: rapport.FavorReferral}, want: ws{rules.WarnPrematureNetworkAsk}},
		{name: "advice after 2 conversations is fine", c: built(held(2)), a: rules.Ask{Kind: rapport.FavorAdvice}, want: ws{}},
		{name: "an intro after 29 days known is premature", c: built(known(29)), a: rules.Ask{Kind: rapport.FavorIntro}, want: ws{rules.WarnPrematureNetworkAsk}},
		{name: "an intro after 30 days known is fine", c: built(known(30)), a: rules.Ask{Kind: rapport.FavorIntro}, want: ws{}},
		{name: "known since the first interaction, before the contact was added", c: built(func(c *rapport.Contact) { c.CreatedAt = ago(2); c.Summary.FirstAt = ptr(ago(60)) }), a: rules.Ask{Kind: rapport.FavorIntro}, want: ws{}},
		{name: "NetworkMinConversations 2 accepts 2", c: built(held(2)), a: rules.Ask{Kind: rapport.FavorIntro}, s: func(s *rapport.Settings) { s.NetworkMinConversations = 2 }, want: ws{}},
		{name: "NetworkMinConversations 6 refuses 5", c: built(), a: rules.Ask{Kind: rapport.FavorIntro}, s: func(s *rapport.Settings) { s.NetworkMinConversations = 6 }, want: ws{rules.WarnPrematureNetworkAsk}},
		{name: "NetworkMinKnownDays 20 accepts 25 days", c: built(known(25)), a: rules.Ask{Kind: rapport.FavorIntro}, s: func(s *rapport.Settings) { s.NetworkMinKnownDays = 20 }, want: ws{}},
		{name: "NetworkMinKnownDays 400 refuses a year", c: built(), a: rules.Ask{Kind: rapport.FavorReferral}, s: func(s *rapport.Settings) { s.NetworkMinKnownDays = 400 }, want: ws{rules.WarnPrematureNetworkAsk}},
		{name: "the same ask after a decline: repeat pressure", c: built(), favors: []*rapport.Favor{ask(20, rapport.FavorJobLead, "a job lead at Acme", rapport.FavorDeclined)},
			a: rules.Ask{Kind: rapport.FavorJobLead, About: "job leads at ACME"}, want: ws{rules.WarnRepeatPressure}},
		{name: "the same ask after partial help: repeat pressure", c: built(), favors: []*rapport.Favor{ask(20, rapport.FavorAdvice, "pricing strategy", rapport.FavorPartial)},
			a: rules.Ask{Kind: rapport.FavorAdvice, About: "our pricing"}, want: ws{rules.WarnRepeatPressure}},
		{name: "the same ask after full help is no pressure", c: built(), favors: []*rapport.Favor{ask(20, rapport.FavorAdvice, "pricing strategy", rapport.FavorGranted)},
			a: rules.Ask{Kind: rapport.FavorAdvice, About: "pricing strategy"}, want: ws{}},
		{name: "another kind is no repeat", c: built(), favors: []*rapport.Favor{ask(20, rapport.FavorAdvice, "pricing", rapport.FavorDeclined)},
			a: rules.Ask{Kind: rapport.FavorTime, About: "pricing"}, want: ws{}},
		{name: "another topic is no repeat", c: built(), favors: []*rapport.Favor{ask(20, rapport.FavorAdvice, "advice about pricing", rapport.FavorDeclined)},
			a: rules.Ask{Kind: rapport.FavorAdvice, About: "advice about hiring"}, want: ws{}},
		{name: "90 days ago is still a repeat", c: built(), favors: []*rapport.Favor{ask(90, rapport.FavorAdvice, "pricing", rapport.FavorDeclined)},
			a: rules.Ask{Kind: rapport.FavorAdvice, About: "pricing"}, want: ws{rules.WarnRepeatPressure}},
		{name: "91 days ago is not", c: built(), favors: []*rapport.Favor{ask(91, rapport.FavorAdvice, "pricing", rapport.FavorDeclined)},
			a: rules.Ask{Kind: rapport.FavorAdvice, About: "pricing"}, want: ws{}},
		{name: "RepeatAskDays 30 forgets 40 days", c: built(), favors: []*rapport.Favor{ask(40, rapport.FavorAdvice, "pricing", rapport.FavorDeclined)},
			a: rules.Ask{Kind: rapport.FavorAdvice, About: "pricing"}, s: func(s *rapport.Settings) { s.RepeatAskDays = 30 }, want: ws{}},
		{name: "RepeatAskDays 180 remembers 120 days", c: built(), favors: []*rapport.Favor{ask(120, rapport.FavorAdvice, "pricing", rapport.FavorDeclined)},
			a: rules.Ask{Kind: rapport.FavorAdvice, About: "pricing"}, s: func(s *rapport.Settings) { s.RepeatAskDays = 180 }, want: ws{rules.WarnRepeatPressure}},
		{name: "dormant: reconnect first", c: built(lastMet(200)), a: rules.Ask{Kind: rapport.FavorAdvice}, want: ws{rules.WarnReconnectFirst}},
		{name: "every problem at once, in order", c: built(lastMet(190), held(0)),
			favors: []*rapport.Favor{favor(rapport.FavorReceived, "", false), favor(rapport.FavorReceived, "", true), ask(5, rapport.FavorIntro, "", rapport.FavorDeclined)},
			a:      rules.Ask{Kind: rapport.FavorIntro, About: "intro to Acme", OnBehalf: "Sam"},
			want:   ws{rules.WarnThirdPartyAsk, rules.WarnPrematureNetworkAsk, rules.WarnRepeatPressure, rules.WarnReciprocityDeficit, rules.WarnThankYouPending, rules.WarnReconnectFirst}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := defaults
			if tc.s != nil {
				tc.s(&s)
			}
			h := rules.History{Contact: tc.c, Favors: tc.favors}
			res := rules.CheckAsk(h, tc.a, s, now)
			if got := codes(res.Warnings); !slices.Equal(got, tc.want) || res.OK != (len(tc.want) == 0) {
				t.Fatalf("CheckAsk = ok %v, %v; want %v", res.OK, got, tc.want)
			}
			for _, w := range res.Warnings {
				if w.Message == "" || w.Suggestion == "" || w.Message == w.MessageKey() || w.Suggestion == w.SuggestionKey() {
					t.Fatalf("warning %s has no English: %+v", w.Code, w)
				}
			}
		})
	}
}

func TestRule8_AskCheck_Suggestions(t *testing.T) {
	c := person(lastMet(3))
	h := rules.History{Contact: c, Favors: []*rapport.Favor{ask(5, rapport.FavorIntro, "", rapport.FavorPartial)}}
	res := rules.CheckAsk(h, rules.Ask{Kind: rapport.FavorIntro, OnBehalf: "Sam"}, defaults, now)
	want := map[rules.WarningCode][]string{
		rules.WarnThirdPartyAsk:       {"Sam", "one very specific question"},
		rules.WarnPrematureNetworkAsk: {"1 live conversation held of 3", "your own interests and goals"},
		rules.WarnRepeatPressure:      {"helped only in part", "pointers"},
	}
	for _, w := range res.Warnings {
		for _, s := range want[w.Code] {
			if !containsFold(w.Message+" "+w.Suggestion, s) {
				t.Errorf("%s: %q / %q does not say %q", w.Code, w.Message, w.Suggestion, s)
			}
		}
		delete(want, w.Code)
	}
	if len(want) != 0 {
		t.Errorf("missing warnings: %v (got %v)", want, codes(res.Warnings))
	}
}

func TestRule8_AskCheck_SimilarTopic(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"", "anything", true},
		{"pricing", "", true},
		{"Pricing", "pricing", true},
		{"Łukasz's team", "lukasz's team", true},
		{"a job lead at Acme", "job leads at ACME", true},
		{"referral to Acme", "referrals for Acme roles", true},
		{"intro to the Acme CFO", "an introduction to Acme's CFO", true},
		{"advice about pricing", "advice about hiring", false},
		{"intro to Acme", "intro to Globex", false},
		{"job at Acme", "job at Initech", false},
		{"CFO", "CEO", false},
		{"الشركة", "شركة", true},
		{"rekomendacja do firmy Acme", "rekomendacji w sprawie Acme", true},
	} {
		t.Run(tc.a+" ~ "+tc.b, func(t *testing.T) {
			if got := rules.SimilarTopic(tc.a, tc.b); got != tc.want {
				t.Fatalf("SimilarTopic(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
			if got := rules.SimilarTopic(tc.b, tc.a); got != tc.want {
				t.Fatalf("SimilarTopic is not symmetric for %q, %q", tc.b, tc.a)
			}
		})
	}
}
