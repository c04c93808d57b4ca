package storetest

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"rapport"
)

// testRuleCandidates checks the filters Today narrows its work with.
func testRuleCandidates(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	old := addContact(t, s, acct, &rapport.Contact{DisplayName: "Old", CreatedAt: T0.Add(-days(400)), Birthday: &rapport.Birthday{Month: time.March, Day: 4}})
	met := addContact(t, s, acct, &rapport.Contact{DisplayName: "Met", CreatedAt: T0.Add(-days(400)), Tags: []string{"x"}})
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(40)), Channel: rapport.ChannelCall, ContactIDs: []int64{met.ID}})
	fresh := addContact(t, s, acct, &rapport.Contact{DisplayName: "Fresh", CreatedAt: T0.Add(-days(2)), Birthday: &rapport.Birthday{Year: 1980, Month: time.March, Day: 5}})
	own := addContact(t, s, acct, &rapport.Contact{DisplayName: "Own", CadenceDays: 7, CreatedAt: T0.Add(-days(400))})
	gone := addContact(t, s, acct, &rapport.Contact{DisplayName: "Gone", CreatedAt: T0.Add(-days(400))})
	must(t, s.DeleteContact(ctx, acct, gone.ID, T0))

	ids := func(f rapport.ContactFilter) []int64 {
		t.Helper()
		cs, err := s.Contacts(ctx, acct, f)
		must(t, err)
		out := []int64{}
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		filter rapport.ContactFilter
		want   []int64
	}{
		{"born on", rapport.ContactFilter{BornOn: []rapport.Birthday{{Month: time.March, Day: 4}, {Month: time.March, Day: 5}}}, []int64{fresh.ID, old.ID}},
		{"own cadence", rapport.ContactFilter{OwnCadence: true}, []int64{own.ID}},
		{"keep reference range, oldest first", rapport.ContactFilter{KeepFrom: T0.Add(-days(1000)), KeepTo: T0.Add(-days(30))}, []int64{old.ID, met.ID}},
		{"keep reference range excludes the met", rapport.ContactFilter{KeepFrom: T0.Add(-days(1000)), KeepTo: T0.Add(-days(100))}, []int64{old.ID}},
		{"keep reference with tier", rapport.ContactFilter{Tier: rapport.TierInner, KeepFrom: T0.Add(-days(1000)), KeepTo: T0}, []int64{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ids(tc.filter); !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
	bare, _ := s.Contacts(ctx, acct, rapport.ContactFilter{IDs: []int64{met.ID}, Bare: true})
	if len(bare) != 1 || len(bare[0].Tags) != 0 || bare[0].Summary.Interactions != 1 {
		t.Fatalf("bare contact: %+v", bare)
	}
	// More ids than one IN list holds.
	many := make([]int64, 0, 1300)
	for n := range int64(1300) {
		many = append(many, n+1)
	}
	if got := ids(rapport.ContactFilter{IDs: many}); !slices.Equal(got, []int64{fresh.ID, met.ID, old.ID, own.ID}) {
		t.Fatalf("many ids: %v", got)
	}
}

func testEffortInteractions(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	a := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	b := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ben"})
	before := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(20)), Channel: rapport.ChannelCall, ContactIDs: []int64{a.ID}})
	must(t, s.CreateEffort(ctx, acct, &rapport.Effort{ContactID: a.ID, StartedAt: T0.Add(-days(10))}))
	after := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(5)), Channel: rapport.ChannelVideo, Invitation: true, ContactIDs: []int64{a.ID, b.ID}})
	got, err := s.EffortInteractions(ctx, acct)
	must(t, err)
	if len(got) != 1 || len(got[a.ID]) != 1 || got[a.ID][0].ID != after.ID || !slices.Equal(got[a.ID][0].ContactIDs, []int64{a.ID, b.ID}) {
		t.Fatalf("effort interactions: %v (before the effort: #%d)", got, before.ID)
	}
}

// analyzer is implemented by stores that keep planner statistics.
type analyzer interface {
	Analyze(ctx context.Context) error
}

func testAnalyzeAfterBulkWrites(t *testing.T, s rapport.Store) {
	a, ok := s.(analyzer)
	if !ok {
		t.Skip("this store keeps no statistics")
	}
	acct := newAccount(t, s, "a")
	addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	must(t, a.Analyze(ctx))
}

// testConcurrentWritesKeepSummaries logs interactions and changes outcomes
// from several goroutines at once; each contact's summary must then equal
// the one computed from its interactions: no update lost.
func testConcurrentWritesKeepSummaries(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	scheduled := make([]*rapport.Interaction, 8)
	for n := range scheduled {
		scheduled[n] = logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(n + 1)), Channel: rapport.ChannelCall, Invitation: true, ContactIDs: []int64{c.ID}})
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for n := range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			i := scheduled[n]
			i.Outcome, i.UpdatedAt = rapport.OutcomeHeld, T0
			errs <- s.UpdateInteraction(ctx, acct, i)
		}()
		go func() {
			defer wg.Done()
			errs <- s.CreateInteraction(ctx, acct, &rapport.Interaction{At: T0.Add(-time.Duration(n) * time.Hour), Channel: rapport.ChannelEmail,
				Direction: rapport.Inbound, ContactIDs: []int64{c.ID}, CreatedAt: T0})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, err)
	}
	is, err := s.Interactions(ctx, acct, rapport.InteractionFilter{ContactID: c.ID})
	must(t, err)
	var want rapport.Summary
	for _, i := range is {
		want.Add(i)
	}
	got, _ := s.Contact(ctx, acct, c.ID)
	if len(is) != 16 || got.Summary.Interactions != want.Interactions || got.Summary.HeldLive != want.HeldLive ||
		got.Summary.Inbound != want.Inbound || !got.Summary.LastAt.Equal(*want.LastAt) {
		t.Fatalf("after concurrent writes: summary %+v, from the %d interactions %+v", got.Summary, len(is), want)
	}
}
