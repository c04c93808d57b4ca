package rapport_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"rapport"
	"rapport/i18n"
)

func TestParseBirthday(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{in: "1985-03-14", want: "1985-03-14"},
		{in: "--02-29", want: "--02-29"},
		{in: "02-29", want: "--02-29"},
		{in: "2023-02-29", err: "no such day"},
		{in: "1985-13-01", err: "no such day"},
		{in: "14/03/1985", err: "use YYYY-MM-DD"},
		{in: "85-03-14", err: "use YYYY-MM-DD"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			b, err := rapport.ParseBirthday(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "birthday") {
					t.Fatalf("ParseBirthday(%q) error = %v, want one naming the field and %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || b.String() != tc.want {
				t.Fatalf("ParseBirthday(%q) = %v, %v; want %s", tc.in, b, err, tc.want)
			}
		})
	}
}

func TestBirthdayNextFallsOnFebruary28InCommonYears(t *testing.T) {
	b := rapport.Birthday{Month: time.February, Day: 29}
	got := b.Next(time.Date(2027, 1, 10, 15, 0, 0, 0, time.UTC))
	if want := time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("Next = %v, want %v", got, want)
	}
	got = b.Next(time.Date(2028, 2, 29, 15, 0, 0, 0, time.UTC))
	if want := time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("Next on the day = %v, want %v", got, want)
	}
}

func TestContactValidateNamesTheField(t *testing.T) {
	for _, tc := range []struct {
		name  string
		c     rapport.Contact
		field string
	}{
		{"no name", rapport.Contact{}, "display_name"},
		{"unknown kind", rapport.Contact{DisplayName: "A", Kind: "boss"}, "kind"},
		{"unknown tier", rapport.Contact{DisplayName: "A", Tier: "outer"}, "tier"},
		{"negative cadence", rapport.Contact{DisplayName: "A", CadenceDays: -1}, "cadence"},
		{"bad email", rapport.Contact{DisplayName: "A", Emails: []rapport.ContactPoint{{Value: "a@"}}}, "email"},
		{"bad phone", rapport.Contact{DisplayName: "A", Phones: []rapport.ContactPoint{{Value: "call me"}}}, "phone"},
		{"bad label", rapport.Contact{DisplayName: "A", Phones: []rapport.ContactPoint{{Label: "pager", Value: "123"}}}, "phone label"},
		{"bad language", rapport.Contact{DisplayName: "A", Lang: "english please"}, "lang"},
		{"bad gender", rapport.Contact{DisplayName: "A", Gender: "neuter"}, "gender"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			c.Normalize()
			err := c.Validate()
			var e *rapport.Error
			if err == nil || rapport.ErrorCodeOf(err) != rapport.EINVALID {
				t.Fatalf("Validate() = %v, want an invalid error", err)
			}
			if e, _ = err.(*rapport.Error); e.Field != tc.field || !strings.HasPrefix(e.Message, tc.field+":") {
				t.Fatalf("error %q names field %q, want %q", e.Message, e.Field, tc.field)
			}
		})
	}
}

func TestContactNormalizeFillsDefaultsAndFolds(t *testing.T) {
	c := rapport.Contact{GivenName: " Zofia ", FamilyName: "Kowalczyk",
		Emails: []rapport.ContactPoint{{Value: "Z@Example.COM"}, {Value: "z@example.com"}},
		Tags:   []string{"B", "a", " b "}, Lang: "PL-pl"}
	c.Normalize()
	if c.DisplayName != "Zofia Kowalczyk" || c.Kind != rapport.KindNetwork || c.Tier != rapport.TierWider || c.Gender != rapport.GenderUnknown {
		t.Fatalf("defaults: %+v", c)
	}
	if len(c.Emails) != 1 || c.Emails[0] != (rapport.ContactPoint{Label: "work", Value: "z@example.com"}) {
		t.Fatalf("emails: %+v", c.Emails)
	}
	if strings.Join(c.Tags, ",") != "a,b" || c.Lang != "pl-PL" {
		t.Fatalf("tags %v lang %q", c.Tags, c.Lang)
	}
}

func TestFoldSearch(t *testing.T) {
	for in, want := range map[string]string{
		"Łukasz  Wiśniewski": "lukasz wisniewski",
		"José ÁLVAREZ":       "jose alvarez",
		"أحمد":               "احمد",
		"مُحَمَّد":           "محمد",
		"  a\tb ":            "a b",
	} {
		if got := rapport.FoldSearch(in); got != want {
			t.Errorf("FoldSearch(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestInteractionDefaultsAndOutcomeRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		i    rapport.Interaction
		want rapport.Outcome
	}{
		{"live invitation is scheduled", rapport.Interaction{Channel: rapport.ChannelCall, Invitation: true}, rapport.OutcomeScheduled},
		{"live conversation is held", rapport.Interaction{Channel: rapport.ChannelInPerson}, rapport.OutcomeHeld},
		{"written message is sent", rapport.Interaction{Channel: rapport.ChannelEmail, Invitation: true}, rapport.OutcomeSent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := tc.i
			i.Normalize()
			if i.Outcome != tc.want || i.Direction != rapport.Outbound {
				t.Fatalf("outcome %s direction %s, want %s outbound", i.Outcome, i.Direction, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		name    string
		channel rapport.Channel
		from    rapport.Outcome
		to      rapport.Outcome
		ok      bool
	}{
		{"scheduled call can be held", rapport.ChannelCall, rapport.OutcomeScheduled, rapport.OutcomeHeld, true},
		{"scheduled meeting can be cancelled", rapport.ChannelInPerson, rapport.OutcomeScheduled, rapport.OutcomeCancelled, true},
		{"held meeting cannot be cancelled", rapport.ChannelInPerson, rapport.OutcomeHeld, rapport.OutcomeCancelled, false},
		{"a call is never sent", rapport.ChannelCall, rapport.OutcomeScheduled, rapport.OutcomeSent, false},
		{"an email is never held", rapport.ChannelEmail, rapport.OutcomeSent, rapport.OutcomeHeld, false},
		{"an email can be replied to", rapport.ChannelEmail, rapport.OutcomeSent, rapport.OutcomeReplied, true},
		{"unknown outcome", rapport.ChannelCall, rapport.OutcomeScheduled, "maybe", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := rapport.Interaction{Channel: tc.channel, Outcome: tc.from}
			err := i.SetOutcome(tc.to)
			if (err == nil) != tc.ok {
				t.Fatalf("SetOutcome(%s → %s) = %v, want ok=%v", tc.from, tc.to, err, tc.ok)
			}
			if !tc.ok && (rapport.ErrorCodeOf(err) != rapport.EINVALID || i.Outcome != tc.from) {
				t.Fatalf("refused change: code %s, outcome now %s", rapport.ErrorCodeOf(err), i.Outcome)
			}
		})
	}
}

func TestMeaningfulContact(t *testing.T) {
	for _, tc := range []struct {
		name string
		i    rapport.Interaction
		want bool
	}{
		{"held call", rapport.Interaction{Channel: rapport.ChannelCall, Outcome: rapport.OutcomeHeld, Direction: rapport.Outbound}, true},
		{"scheduled video", rapport.Interaction{Channel: rapport.ChannelVideo, Outcome: rapport.OutcomeScheduled, Direction: rapport.Outbound}, false},
		{"email I sent", rapport.Interaction{Channel: rapport.ChannelEmail, Outcome: rapport.OutcomeSent, Direction: rapport.Outbound}, false},
		{"email they sent", rapport.Interaction{Channel: rapport.ChannelEmail, Outcome: rapport.OutcomeSent, Direction: rapport.Inbound}, true},
		{"reply to my email", rapport.Interaction{Channel: rapport.ChannelEmail, Outcome: rapport.OutcomeReplied, Direction: rapport.Outbound}, true},
		{"meeting they proposed, not held yet", rapport.Interaction{Channel: rapport.ChannelVideo, Outcome: rapport.OutcomeScheduled, Direction: rapport.Inbound, Invitation: true}, false},
		{"meeting they proposed, held", rapport.Interaction{Channel: rapport.ChannelVideo, Outcome: rapport.OutcomeHeld, Direction: rapport.Inbound, Invitation: true}, true},
		{"their invitation I declined", rapport.Interaction{Channel: rapport.ChannelCall, Outcome: rapport.OutcomeDeclined, Direction: rapport.Inbound, Invitation: true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.i.Meaningful(); got != tc.want {
				t.Fatalf("Meaningful() = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSummaryMergeKeepsExtremes(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var s rapport.Summary
	for _, i := range []rapport.Interaction{
		{At: t0.AddDate(0, 0, 5), Channel: rapport.ChannelEmail, Outcome: rapport.OutcomeSent, Direction: rapport.Outbound},
		{At: t0, Channel: rapport.ChannelCall, Outcome: rapport.OutcomeHeld, Direction: rapport.Inbound},
		{At: t0.AddDate(0, 0, 2), Channel: rapport.ChannelVideo, Outcome: rapport.OutcomeHeld, Direction: rapport.Outbound},
	} {
		s.Add(&i)
	}
	if s.Interactions != 3 || !s.FirstAt.Equal(t0) || !s.LastAt.Equal(t0.AddDate(0, 0, 5)) ||
		!s.LastMeaningfulAt.Equal(t0.AddDate(0, 0, 2)) || s.Inbound != 1 || s.HeldLive != 2 {
		t.Fatalf("summary = %+v", s)
	}
}

// TestEveryValidationErrorHasAMessageInEveryLanguage: each way the domain
// refuses a value names its reason by a catalog key, which renders with the
// error's arguments in every language.
func TestEveryValidationErrorHasAMessageInEveryLanguage(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	contact := func(edit func(c *rapport.Contact)) func() error {
		return func() error {
			c := rapport.Contact{DisplayName: "A"}
			edit(&c)
			c.Normalize()
			return c.Validate()
		}
	}
	interaction := func(i rapport.Interaction) func() error {
		return func() error {
			i.At, i.ContactIDs = now, []int64{1}
			return i.Validate()
		}
	}
	settings := func(edit func(s *rapport.Settings)) func() error {
		return func() error { s := rapport.DefaultSettings(); edit(&s); return s.Validate() }
	}
	cases := map[string]func() error{
		"no name":       contact(func(c *rapport.Contact) { c.DisplayName = "" }),
		"long name":     contact(func(c *rapport.Contact) { c.DisplayName = strings.Repeat("€", 70) }),
		"unknown kind":  contact(func(c *rapport.Contact) { c.Kind = "boss" }),
		"cadence":       contact(func(c *rapport.Contact) { c.CadenceDays = -1 }),
		"email":         contact(func(c *rapport.Contact) { c.Emails = []rapport.ContactPoint{{Value: "a@"}} }),
		"phone chars":   contact(func(c *rapport.Contact) { c.Phones = []rapport.ContactPoint{{Value: "call me"}} }),
		"phone digits":  contact(func(c *rapport.Contact) { c.Phones = []rapport.ContactPoint{{Value: "12"}} }),
		"label":         contact(func(c *rapport.Contact) { c.Phones = []rapport.ContactPoint{{Label: "pager", Value: "123"}} }),
		"language":      contact(func(c *rapport.Contact) { c.Lang = "english please" }),
		"tag":           contact(func(c *rapport.Contact) { c.Tags = []string{"a,b"} }),
		"birthday year": func() error { return rapport.Birthday{Year: 1850, Month: 1, Day: 1}.Validate() },
		"no such day":   func() error { _, err := rapport.ParseBirthday("2023-02-29"); return err },
		"birthday form": func() error { _, err := rapport.ParseBirthday("14/03/1985"); return err },
		"no time": func() error {
			i := rapport.Interaction{Channel: rapport.ChannelCall, ContactIDs: []int64{1}}
			i.Normalize()
			return i.Validate()
		},
		"no contacts": func() error {
			i := rapport.Interaction{Channel: rapport.ChannelCall, At: now}
			i.Normalize()
			return i.Validate()
		},
		"long note": interaction(rapport.Interaction{Channel: rapport.ChannelCall, Direction: rapport.Outbound, Outcome: rapport.OutcomeHeld, Note: strings.Repeat("x", 10001)}),
		"direction": interaction(rapport.Interaction{Channel: rapport.ChannelCall, Direction: "sideways", Outcome: rapport.OutcomeHeld}),
		"already held": func() error {
			i := rapport.Interaction{ID: 3, Channel: rapport.ChannelCall, Outcome: rapport.OutcomeHeld}
			return i.SetOutcome(rapport.OutcomeCancelled)
		},
		"in the future": func() error {
			i := rapport.Interaction{Channel: rapport.ChannelCall, Outcome: rapport.OutcomeHeld, At: now.Add(time.Hour)}
			return i.CheckTime(now)
		},
		"resolve open": func() error {
			p := rapport.Promise{State: rapport.PromiseOpen}
			return p.Resolve(rapport.PromiseOpen, now)
		},
		"resolved twice": func() error {
			p := rapport.Promise{ID: 2, State: rapport.PromiseKept}
			return p.Resolve(rapport.PromiseBroken, now)
		},
		"promise what": func() error { p := rapport.Promise{By: rapport.ByMe, State: rapport.PromiseOpen}; return p.Validate() },
		"long goal":    func() error { e := rapport.Effort{Goal: strings.Repeat("x", 1001)}; return e.Validate() },
		"trust reason": func() error { e := rapport.TrustEvent{Kind: rapport.TrustReset}; return e.Validate() },
		"favor dir":    func() error { f := rapport.Favor{Dir: "lent"}; return f.Validate() },
		"threshold":    settings(func(s *rapport.Settings) { s.DormantDays = 0 }),
		"deficit":      settings(func(s *rapport.Settings) { s.ReciprocityDeficit = 0 }),
		"user name":    func() error { u := rapport.User{}; return u.Validate() },
	}
	// Each channel has its own message for an outcome it cannot have.
	for _, ch := range rapport.Channels {
		wrong := rapport.OutcomeSent
		if !ch.Live() {
			wrong = rapport.OutcomeHeld
		}
		cases["outcome of "+string(ch)] = interaction(rapport.Interaction{Channel: ch, Direction: rapport.Outbound, Outcome: wrong})
	}
	for name, refuse := range cases {
		t.Run(name, func(t *testing.T) {
			var e *rapport.Error
			if err := refuse(); !errors.As(err, &e) || e.Key == "" {
				t.Fatalf("error %v has no catalog key", err)
			}
			if v, ok := e.Args["value"].(string); e.Code == rapport.EINVALID && (e.Args["field"] != e.Field || !ok || !utf8.ValidString(v)) {
				t.Errorf("%q: arguments %q do not name the field and the value", e.Message, e.Args)
			}
			for _, lang := range i18n.Supported {
				if s, err := i18n.For(lang).Render(e.Key, e.Args); err != nil || s == "" {
					t.Errorf("%s %s: %q, %v", lang, e.Key, s, err)
				}
			}
		})
	}
}
