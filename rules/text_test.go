package rules

import (
	"cmp"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"rapport"
	"rapport/i18n"
)

// emits lists every text the rules produce, as each call site builds its
// Params: the key, then the parameters (contact_gender and, for plural
// texts, count are varied by the tests).
func emits() map[string]Params {
	date := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	named := func(p Params) Params { p["name"], p["contact_gender"] = "Anna", "unknown"; return p }
	m := map[string]Params{
		keyProfessionalOnly: nil, // Status.AdviceKey: rendered without parameters

		"warning.not_an_attempt.message":           {"channel": "email"},
		"warning.not_an_attempt.suggestion":        {"channel": "email"},
		"warning.given_up.message":                 named(Params{"count": 3}),
		"warning.given_up.suggestion":              named(Params{"count": 3}),
		"warning.trust_lost.message":               named(Params{}),
		"warning.trust_lost.suggestion":            named(Params{}),
		"warning.third_party_ask.message":          named(Params{"on_behalf": "Sam"}),
		"warning.third_party_ask.suggestion":       named(Params{"on_behalf": "Sam"}),
		"warning.premature_network_ask.message":    named(Params{"held": 1, "min_held": 3, "known": 10, "min_known": 30}),
		"warning.premature_network_ask.suggestion": named(Params{"held": 1, "min_held": 3, "known": 10, "min_known": 30}),
		"warning.repeat_pressure.message":          named(Params{"date": date, "outcome": "partial"}),
		"warning.repeat_pressure.suggestion":       named(Params{"date": date, "outcome": "partial"}),
		"warning.reciprocity_deficit.message":      named(Params{"count": 2}),
		"warning.reciprocity_deficit.suggestion":   named(Params{"count": 2}),
		"warning.thank_you_pending.message":        named(Params{"count": 2}),
		"warning.thank_you_pending.suggestion":     named(Params{"count": 2}),
		"warning.reconnect_first.message":          named(Params{"count": 200}),
		"warning.reconnect_first.suggestion":       named(Params{"count": 200}),

		keyRefuseActive:    named(Params{"attempt": 2, "total": 3, "goal": "lunch"}),
		keyRefuseGivenUp:   named(Params{"count": 3}),
		keyRefuseTrustLost: named(Params{"count": 2}),

		keyHealthRecencyWithin:       {"count": 3, "cadence": 30},
		keyHealthRecencyOverdue:      {"count": 40, "cadence": 30},
		keyHealthRecencyDormant:      {"count": 200},
		keyHealthRecencyNever:        {},
		keyHealthTwoWayNone:          {},
		keyHealthTwoWayOnlyMe:        {"total": 12},
		keyHealthTwoWayBoth:          {"count": 3, "total": 12},
		keyHealthReciprocityBalanced: {"given": 2, "received": 1},
		keyHealthReciprocityBehind:   {"given": 1, "received": 2, "count": 1},
		keyHealthReciprocityDeficit:  {"given": 1, "received": 4, "count": 3},
		keyHealthThankYouNone:        {},
		keyHealthThankYouPending:     {"count": 2},
		keyHealthPromisesNone:        {},
		keyHealthPromisesRecord:      {"count": 3, "total": 4},
		keyHealthEffortNone:          {},
		keyHealthEffortActive:        {"attempt": 2, "total": 3},
		keyHealthEffortSucceeded:     {},
		keyHealthEffortGivenUp:       {"count": 3},
		keyHealthEffortReachedOut:    {},
		keyHealthTrustGood:           {},
		keyHealthTrustSecondChance:   {},
		keyHealthTrustLost:           {"count": 2},
	}
	for k, p := range m {
		if strings.HasPrefix(k, "health.") {
			p["contact_gender"] = "unknown"
		}
	}
	// Today: the reasons as Item.Params gives them.
	for _, it := range []Item{
		{Kind: ItemPromiseDue, ReasonKey: keyTodayPromiseMine, What: "send the deck"},
		{Kind: ItemFollowUp, ReasonKey: keyTodayPromiseTheirs, What: "call back"},
		{Kind: ItemAttempt, ReasonKey: keyTodayAttempt, Attempt: 2, MaxAttempts: 3, What: "lunch"},
		{Kind: ItemThankYou, ReasonKey: keyTodayThankYou, Count: 2},
		{Kind: ItemKeepInTouch, ReasonKey: keyTodayKeepInTouch, Count: 40},
		{Kind: ItemKeepInTouch, ReasonKey: keyTodayKeepInTouchNever, Count: 40},
		{Kind: ItemReconnect, ReasonKey: keyTodayReconnect, Count: 200},
		{Kind: ItemReconnect, ReasonKey: keyTodayReconnectNever, Count: 200},
		{Kind: ItemOffer, ReasonKey: keyTodayOffer, Count: 2},
		{Kind: ItemBirthday, ReasonKey: keyTodayBirthday, Due: date},
	} {
		it.ContactName, it.gender = "Anna", "unknown"
		m[it.ReasonKey] = it.Params()
	}
	return m
}

// textKeys returns every catalog key text.go names (its constants) and every
// warning's message and suggestion key: every key the rules can emit.
func textKeys(t *testing.T) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "text.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for k, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "key") || k >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[k].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				v, _ := strconv.Unquote(lit.Value)
				keys = append(keys, v)
			}
		}
	}
	for _, code := range WarningCodes {
		w := Warning{Code: code}
		keys = append(keys, w.MessageKey(), w.SuggestionKey())
	}
	slices.Sort(keys)
	return keys
}

func TestText_EveryKeyIsListed(t *testing.T) {
	keys, listed := textKeys(t), slices.Sorted(maps.Keys(emits()))
	if len(keys) < 50 || !slices.Equal(keys, listed) {
		t.Fatalf("the rules' keys %v\ndiffer from those the tests render %v", keys, listed)
	}
}

// pluralSamples are a count in each CLDR plural category of each language.
var pluralSamples = map[string][]any{
	"en": {1, 2, 0},
	"ar": {0, 1, 2, 3, 11, 100},
	"pl": {1, 2, 5, 22, 1.5},
}

// TestText_EveryKeyRendersInEveryLanguage renders every key the rules can
// emit, with the parameters its call site passes, strictly (i18n's Render:
// no fallback to English, no missing parameter or plural form) in English,
// Arabic and Polish, for every gender of the contact and, for texts with a
// count, a count in every plural category.
func TestText_EveryKeyRendersInEveryLanguage(t *testing.T) {
	for key, p := range emits() {
		for _, lang := range i18n.Supported {
			tr := i18n.For(lang)
			counts := []any{nil}
			if _, ok := p["count"]; ok {
				counts = pluralSamples[lang]
			}
			for _, count := range counts {
				for _, g := range []string{"feminine", "masculine", "unknown"} {
					args := i18n.Args(maps.Clone(p))
					if args == nil {
						args = i18n.Args{}
					}
					if _, ok := p["contact_gender"]; ok {
						args["contact_gender"] = g
					}
					if count != nil {
						args["count"] = count
					}
					s, err := tr.Render(key, args)
					switch {
					case err != nil:
						t.Errorf("%s %s (count %v, %s): %v", lang, key, count, g, err)
					case strings.TrimSpace(s) == "" || strings.Contains(s, "{{") || strings.Contains(s, "<no value>") || strings.Contains(s, "\n"):
						t.Errorf("%s %s (count %v, %s) renders %q", lang, key, count, g, s)
					}
				}
			}
		}
		// English is what the rules show: it must be english()'s text.
		if got, want := english(key, p), i18n.For("en").T(key, i18n.Args(p)); got != want || got == key {
			t.Errorf("english(%s) = %q, want %q", key, got, want)
		}
	}
	if got := english("no.such.key", nil); got != "no.such.key" {
		t.Errorf("an unknown key renders %q, want the key", got)
	}
}

// TestText_ItemReasonsMatchTheirKeys checks that the fast path of Today (an
// item rendered from a pattern of its key) says exactly what its key says with
// Params, for names in either direction, every gender and both plural forms.
func TestText_ItemReasonsMatchTheirKeys(t *testing.T) {
	for _, it := range []Item{
		{Kind: ItemPromiseDue, ReasonKey: keyTodayPromiseMine, What: "send the deck"},
		{Kind: ItemFollowUp, ReasonKey: keyTodayPromiseTheirs, What: "إرسال العرض"},
		{Kind: ItemAttempt, ReasonKey: keyTodayAttempt, Attempt: 2, MaxAttempts: 3, What: "lunch"},
		{Kind: ItemAttempt, ReasonKey: keyTodayAttempt, Attempt: 1, MaxAttempts: 1234, What: ""},
		{Kind: ItemThankYou, ReasonKey: keyTodayThankYou, Count: 2},
		{Kind: ItemKeepInTouch, ReasonKey: keyTodayKeepInTouch, Count: 40},
		{Kind: ItemKeepInTouch, ReasonKey: keyTodayKeepInTouch, Count: 1},
		{Kind: ItemKeepInTouch, ReasonKey: keyTodayKeepInTouch, Count: 0},
		{Kind: ItemKeepInTouch, ReasonKey: keyTodayKeepInTouchNever, Count: 1},
		{Kind: ItemKeepInTouch, ReasonKey: keyTodayKeepInTouchNever, Count: 40},
		{Kind: ItemReconnect, ReasonKey: keyTodayReconnect, Count: 1},
		{Kind: ItemReconnect, ReasonKey: keyTodayReconnect, Count: 1200},
		{Kind: ItemReconnect, ReasonKey: keyTodayReconnectNever, Count: 200},
		{Kind: ItemOffer, ReasonKey: keyTodayOffer, Count: 2},
		{Kind: ItemBirthday, ReasonKey: keyTodayBirthday, Due: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)},
	} {
		for _, name := range []string{"Anna", "خالد العمري", ""} {
			for _, g := range []string{"", "feminine", "masculine", "unknown"} {
				it.ContactName, it.gender = name, g
				t.Run(it.ReasonKey, func(t *testing.T) {
					for range 2 { // the pattern is made, then reused
						fast, slow := itemReason(&it), english(it.ReasonKey, it.Params())
						if fast != slow || fast == "" || fast == it.ReasonKey {
							t.Fatalf("from a pattern %q, from params %q", fast, slow)
						}
					}
				})
			}
		}
	}
	unknown := Item{ReasonKey: "today.unknown"}
	if got := itemReason(&unknown); got != "today.unknown" {
		t.Fatalf("unknown key renders %q", got)
	}
}

func TestText_EnglishWording(t *testing.T) {
	date := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ got, want string }{
		{english(keyHealthRecencyWithin, Params{"count": 0, "cadence": 30}), "Last real contact today, within the 30-day cadence."},
		{english(keyHealthRecencyWithin, Params{"count": 1, "cadence": 30}), "Last real contact yesterday, within the 30-day cadence."},
		{english(keyHealthRecencyOverdue, Params{"count": 45, "cadence": 30}), "Last real contact 45 days ago, past the 30-day cadence."},
		{english(keyHealthRecencyDormant, Params{"count": 1}), "No real contact for 1 day: dormant."},
		{english(keyHealthEffortGivenUp, Params{"count": 3}), "Given up after 3 failed attempts: professional only."},
		{english(keyHealthThankYouPending, Params{"count": 1}), "1 favor not thanked yet."},
		{english(keyHealthTrustLost, Params{"count": 2}), "2 breaches of trust: trust is lost."},
		{english("warning.given_up.message", Params{"name": "A", "count": 1}), "You have tried once with A, and the effort is given up: don't chase."},
		{english("warning.given_up.message", Params{"name": "A", "count": 2}), "You have tried twice with A, and the effort is given up: don't chase."},
		{english("warning.given_up.message", Params{"name": "A", "count": 3}), "You have tried 3 times with A, and the effort is given up: don't chase."},
		{english("warning.repeat_pressure.message", Params{"name": "A", "date": date, "outcome": "declined"}),
			"You asked A about this on January 2, 2026, and they declined."},
		{english("warning.repeat_pressure.message", Params{"name": "A", "date": date, "outcome": "partial"}),
			"You asked A about this on January 2, 2026, and they helped only in part."},
		{english("warning.thank_you_pending.message", Params{"name": "A", "count": 1}), "A did you a favor, and no thanks is on record yet."},
		{english("warning.thank_you_pending.message", Params{"name": "A", "count": 2}), "A did you 2 favors, and no thanks is on record yet."},
		{english("warning.premature_network_ask.message", Params{"name": "A", "held": 1, "min_held": 3, "known": 1, "min_known": 30}),
			"A: it is too early to ask for introductions or contacts; the relationship is not built yet (1 live conversation held of 3, known for 1 day of 30)."},
		{english(keyRefuseGivenUp, Params{"name": "A", "count": 3}),
			"The last effort with A was given up after 3 failed attempts; a new one may start once they reach out themselves (an inbound call, video call or meeting)."},
		{english(keyProfessionalOnly, nil), "Professional only: include in necessary meetings and communications; stop inviting."},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestCivilDays(t *testing.T) {
	for _, d := range []time.Time{
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2400, 12, 31, 0, 0, 0, 0, time.UTC),
	} {
		y, m, dd := d.Date()
		if got, want := civil(y, m, dd), day(d.Unix()/86400); got != want {
			t.Errorf("civil(%v) = %d, want %d", d, got, want)
		}
		c := newClock(d)
		if !c.midnight(civil(y, m, dd)).Equal(d) {
			t.Errorf("midnight(civil(%v)) = %v", d, c.midnight(civil(y, m, dd)))
		}
	}
}

// TestRule10_Today_SortItems checks the in-place permutation of sortItems
// against a plain sort, on items with many ties.
func TestRule10_Today_SortItems(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	base := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	for n := range 200 {
		items := make([]Item, n)
		for k := range items {
			items[k] = Item{
				rank:      int8(r.IntN(3)),
				Due:       base.Add(time.Duration(r.IntN(3)) * time.Hour).Add(time.Duration(r.IntN(2))),
				ContactID: int64(r.IntN(3)),
				PromiseID: int64(r.IntN(1000)),
				Count:     k,
			}
		}
		want := slices.Clone(items)
		slices.SortStableFunc(want, func(a, b Item) int {
			return cmp.Or(cmp.Compare(a.rank, b.rank), a.Due.Compare(b.Due), cmp.Compare(a.ContactID, b.ContactID), cmp.Compare(a.PromiseID, b.PromiseID))
		})
		sortItems(items)
		for k := range items {
			a, b := items[k], want[k]
			if a.rank != b.rank || !a.Due.Equal(b.Due) || a.ContactID != b.ContactID || a.PromiseID != b.PromiseID {
				t.Fatalf("n=%d: item %d = %+v, want %+v", n, k, a, b)
			}
		}
		seen := map[int]bool{}
		for _, it := range items {
			seen[it.Count] = true
		}
		if len(seen) != n {
			t.Fatalf("n=%d: sorting lost items: %d distinct left", n, len(seen))
		}
	}
}

// TestTimelineReadsTheStoreOrderInPlace: the store returns interactions
// newest first; reading them must not copy them.
func TestTimelineReadsTheStoreOrderInPlace(t *testing.T) {
	base := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	var is []*rapport.Interaction
	for k := range 5 {
		is = append(is, &rapport.Interaction{ID: int64(k), At: base.AddDate(0, 0, -k)}) // newest first
	}
	tl := newTimeline(is)
	if !tl.rev || &tl.is[0] != &is[0] {
		t.Fatal("newest first was copied")
	}
	if tl.at(0).ID != 4 || tl.at(4).ID != 0 || tl.first(base.AddDate(0, 0, -1)) != 3 {
		t.Fatalf("reversed reading is wrong: %d, %d, %d", tl.at(0).ID, tl.at(4).ID, tl.first(base.AddDate(0, 0, -1)))
	}
	slices.Reverse(is)
	if tl := newTimeline(is); tl.rev || &tl.is[0] != &is[0] {
		t.Fatal("oldest first was copied")
	}
	is[0], is[2] = is[2], is[0]
	if tl := newTimeline(is); tl.rev || &tl.is[0] == &is[0] || !slices.IsSortedFunc(tl.is, compareInteractions) {
		t.Fatal("an unsorted history was not copied and sorted")
	}
}
