package rules

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport"
)

// sampleParams has a value for every parameter any text reads.
var sampleParams = Params{
	"name": "Anna", "on_behalf": "Sam", "what": "send the deck", "goal": "lunch", "channel": "email",
	"count": 3, "total": 5, "attempt": 2, "cadence": 30, "given": 1, "received": 4,
	"held": 1, "min_held": 3, "known": 10, "min_known": 30, "outcome": "partial",
	"date": time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
}

func TestText_EveryKeyRendersItsParams(t *testing.T) {
	for key, f := range englishText {
		t.Run(key, func(t *testing.T) {
			s := f(sampleParams)
			if s == "" || strings.Contains(s, "%!") || strings.Contains(s, "%d") || strings.Contains(s, "<nil>") {
				t.Fatalf("%s renders %q", key, s)
			}
		})
	}
}

func TestText_EveryWarningHasAMessageAndASuggestion(t *testing.T) {
	for _, code := range WarningCodes {
		w := newWarning(code, sampleParams)
		if _, ok := englishText[w.MessageKey()]; !ok {
			t.Errorf("%s: no text for %s", code, w.MessageKey())
		}
		if _, ok := englishText[w.SuggestionKey()]; !ok {
			t.Errorf("%s: no text for %s", code, w.SuggestionKey())
		}
	}
	if got := english("no.such.key", nil); got != "no.such.key" {
		t.Errorf("an unknown key renders %q, want the key", got)
	}
}

// TestText_ItemReasonsMatchTheirKeys checks that the fast path of Today (an
// item rendered from its fields) says exactly what its key says with Params.
func TestText_ItemReasonsMatchTheirKeys(t *testing.T) {
	for _, it := range []Item{
		{Kind: ItemPromiseDue, ReasonKey: keyTodayPromiseMine, What: "send the deck"},
		{Kind: ItemFollowUp, ReasonKey: keyTodayPromiseTheirs, What: "call back"},
		{Kind: ItemAttempt, ReasonKey: keyTodayAttempt, Attempt: 2, MaxAttempts: 3, What: "lunch"},
		{Kind: ItemThankYou, ReasonKey: keyTodayThankYou, Count: 2},
		{Kind: ItemKeepInTouch, ReasonKey: keyTodayKeepInTouch, Count: 40},
		{Kind: ItemKeepInTouch, ReasonKey: keyTodayKeepInTouch, Count: 1},
		{Kind: ItemKeepInTouch, ReasonKey: keyTodayKeepInTouchNever, Count: 1},
		{Kind: ItemKeepInTouch, ReasonKey: keyTodayKeepInTouchNever, Count: 40},
		{Kind: ItemReconnect, ReasonKey: keyTodayReconnect, Count: 1},
		{Kind: ItemReconnect, ReasonKey: keyTodayReconnectNever, Count: 200},
		{Kind: ItemOffer, ReasonKey: keyTodayOffer, Count: 2},
		{Kind: ItemBirthday, ReasonKey: keyTodayBirthday, Due: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)},
	} {
		it.ContactName = "Anna"
		t.Run(it.ReasonKey, func(t *testing.T) {
			fast, slow := itemReason(&it), english(it.ReasonKey, it.Params())
			if fast != slow || fast == "" || fast == it.ReasonKey {
				t.Fatalf("from fields %q, from params %q", fast, slow)
			}
		})
	}
	unknown := Item{ReasonKey: "today.unknown"}
	if got := itemReason(&unknown); got != "today.unknown" {
		t.Fatalf("unknown key renders %q", got)
	}
}

func TestText_EnglishPlurals(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{plural(1, "%d day", "%d days"), "1 day"},
		{plural(0, "%d day", "%d days"), "0 days"},
		{plural(2, "%d day", "%d days"), "2 days"},
		{plural(1, "a favor", "%d favors"), "a favor"},
		{ago(0), "today"}, {ago(1), "yesterday"}, {ago(5), "5 days ago"},
		{times(1), "once"}, {times(2), "twice"}, {times(3), "3 times"},
		{english("warning.repeat_pressure.message", Params{"name": "A", "date": time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), "outcome": "declined"}),
			"You asked A about this on January 2, 2026, and they declined."},
		{english("warning.thank_you_pending.message", Params{"name": "A", "count": 1}), "A did you a favor, and no thanks is on record yet."},
		{english("warning.thank_you_pending.message", Params{"name": "A", "count": 2}), "A did you 2 favors, and no thanks is on record yet."},
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
