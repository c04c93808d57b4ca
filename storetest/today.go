package storetest

import (
	"cmp"
	"reflect"
	"slices"
	"testing"
	"time"

	"rapport"
)

// The reads Today makes: only what can put a contact on the agenda.

func testLatestEfforts(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	a := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana", CreatedAt: T0.Add(-days(60))})
	b := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ben", CreatedAt: T0.Add(-days(60))})
	addContact(t, s, acct, &rapport.Contact{DisplayName: "Cy, no effort", CreatedAt: T0.Add(-days(60))})
	d := addContact(t, s, acct, &rapport.Contact{DisplayName: "Dee, an effort to come", CreatedAt: T0.Add(-days(60))})
	effort := func(c *rapport.Contact, at time.Time) *rapport.Effort {
		e := &rapport.Effort{ContactID: c.ID, Goal: "closer", StartedAt: at}
		must(t, s.CreateEffort(ctx, acct, e))
		return e
	}
	effort(a, T0.Add(-days(30)))
	latestA := effort(a, T0.Add(-days(10)))
	effort(b, T0.Add(-days(8)))
	latestB := effort(b, T0.Add(-days(8))) // the same start: the higher id is the latest
	effort(d, T0.Add(days(5)))
	// Before the latest effort; written.
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(20)), Channel: rapport.ChannelCall, ContactIDs: []int64{a.ID}})
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(5)), Channel: rapport.ChannelEmail, ContactIDs: []int64{a.ID}})
	both := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(3)), Channel: rapport.ChannelVideo, Invitation: true, ContactIDs: []int64{a.ID, b.ID}})
	inbound := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(days(1)), Channel: rapport.ChannelCall, Direction: rapport.Inbound, ContactIDs: []int64{a.ID}})

	es, err := s.LatestEfforts(ctx, acct, T0)
	must(t, err)
	is, err := s.LatestEffortInteractions(ctx, acct, T0)
	must(t, err)
	if len(es) != 2 || !reflect.DeepEqual(es[0], latestA) || !reflect.DeepEqual(es[1], latestB) {
		t.Fatalf("latest efforts: %+v, want %+v and %+v", es, latestA, latestB)
	}
	ids := func(is []*rapport.Interaction) []int64 {
		var out []int64
		for _, i := range is {
			out = append(out, i.ID)
			if len(i.ContactIDs) != 0 {
				t.Errorf("interaction %d carries its contacts %v", i.ID, i.ContactIDs)
			}
		}
		return out
	}
	// Live interactions since the latest effort, oldest first, whenever they are.
	if len(is) != 2 || !slices.Equal(ids(is[a.ID]), []int64{both.ID, inbound.ID}) || !slices.Equal(ids(is[b.ID]), []int64{both.ID}) {
		t.Fatalf("interactions since the latest efforts: Ana %v, Ben %v (%d contacts)", ids(is[a.ID]), ids(is[b.ID]), len(is))
	}
	got := is[a.ID][0]
	if got.At != both.At || got.Channel != rapport.ChannelVideo || got.Outcome != both.Outcome || !got.Invitation || got.Version != 1 {
		t.Fatalf("interaction read back: %+v, logged %+v", got, both)
	}

	// Earlier, Ben's efforts had not started.
	es, err = s.LatestEfforts(ctx, acct, T0.Add(-days(9)))
	must(t, err)
	is, err = s.LatestEffortInteractions(ctx, acct, T0.Add(-days(9)))
	must(t, err)
	if len(es) != 1 || es[0].ID != latestA.ID || len(is) != 1 || len(is[a.ID]) != 2 {
		t.Fatalf("nine days earlier: efforts %+v, interactions of %d contacts", es, len(is))
	}
}

func testAgendaPromises(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	at := func(n int) *time.Time {
		d := T0.Add(days(n))
		return &d
	}
	promise := func(by rapport.PromiseBy, state rapport.PromiseState, due *time.Time) *rapport.Promise {
		p := &rapport.Promise{ContactID: c.ID, By: by, What: "something", Due: due, State: state, CreatedAt: T0.Add(-days(40))}
		if state != rapport.PromiseOpen {
			p.ResolvedAt = at(-1)
		}
		must(t, s.CreatePromise(ctx, acct, p))
		return p
	}
	mineSoon := promise(rapport.ByMe, rapport.PromiseOpen, at(1))
	theirsLate := promise(rapport.ByThem, rapport.PromiseOpen, at(-2))
	promise(rapport.ByMe, rapport.PromiseOpen, nil)     // undated: never due
	promise(rapport.ByThem, rapport.PromiseOpen, at(2)) // due on the bound: not before it
	promise(rapport.ByThem, rapport.PromiseKept, at(-3))
	promise(rapport.ByMe, rapport.PromiseBroken, at(-4)) // mine broken: no breach of theirs
	brokenUndated := promise(rapport.ByThem, rapport.PromiseBroken, nil)
	brokenDated := promise(rapport.ByThem, rapport.PromiseBroken, at(30))

	got, err := s.AgendaPromises(ctx, acct, T0.Add(days(2)))
	must(t, err)
	want := []*rapport.Promise{theirsLate, mineSoon, brokenDated, brokenUndated}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("agenda promises:\n got %+v\nwant %+v", got, want)
	}
}

// candidates reads a []rapport.Candidate as contact id and days from T0.
func candidates(t *testing.T, list []rapport.Candidate, err error) [][2]int64 {
	t.Helper()
	must(t, err)
	out := [][2]int64{}
	for _, c := range list {
		out = append(out, [2]int64{c.ContactID, int64(c.From.Sub(T0) / time.Hour)})
	}
	return out
}

func wantCandidates(t *testing.T, what string, got rapport.Candidates, err error, total int, want ...[2]int64) {
	t.Helper()
	if c := candidates(t, got.List, err); !slices.Equal(c, want) || got.Total != total {
		t.Errorf("%s: %v (total %d), want %v (total %d) as [contact, hours from T0]", what, c, got.Total, want, total)
	}
}

func testFavorCandidates(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	var hour int
	favor := func(c *rapport.Contact, dir rapport.FavorDir, outcome rapport.FavorOutcome, thanked bool) *rapport.Favor {
		hour++
		f := &rapport.Favor{ContactID: c.ID, Dir: dir, Kind: rapport.FavorAdvice, Outcome: outcome, Thanked: thanked, At: T0.Add(-time.Duration(100-hour) * time.Hour)}
		must(t, s.AddFavor(ctx, acct, f))
		return f
	}
	contact := func(name string) *rapport.Contact {
		return addContact(t, s, acct, &rapport.Contact{DisplayName: name})
	}
	unthanked, granted, balanced, declined, askedUnthanked, behind, gone := contact("Unthanked"), contact("Granted"),
		contact("Balanced"), contact("Declined"), contact("Asked"), contact("Behind"), contact("Gone")
	favor(unthanked, rapport.FavorGiven, "", false)
	u2 := favor(unthanked, rapport.FavorReceived, "", false)
	favor(granted, rapport.FavorAsked, rapport.FavorGranted, true)
	g2 := favor(granted, rapport.FavorAsked, rapport.FavorPartial, true) // balance −2
	favor(balanced, rapport.FavorReceived, "", true)
	favor(balanced, rapport.FavorGiven, "", false)
	favor(declined, rapport.FavorAsked, rapport.FavorDeclined, false) // not received: nothing to thank
	favor(declined, rapport.FavorAsked, rapport.FavorPending, false)
	a1 := favor(askedUnthanked, rapport.FavorAsked, rapport.FavorGranted, false) // balance −1
	favor(behind, rapport.FavorReceived, "", true)
	b2 := favor(behind, rapport.FavorReceived, "", true)
	favor(behind, rapport.FavorGiven, "", false) // balance −1
	favor(gone, rapport.FavorReceived, "", false)
	must(t, s.DeleteContact(ctx, acct, gone.ID, T0))
	at := func(c *rapport.Contact, f *rapport.Favor) [2]int64 {
		return [2]int64{c.ID, int64(f.At.Sub(T0) / time.Hour)}
	}

	got, err := s.UnthankedContacts(ctx, acct, 10)
	wantCandidates(t, "owed a thank-you", got, err, 2, at(unthanked, u2), at(askedUnthanked, a1))
	got, err = s.UnthankedContacts(ctx, acct, 1)
	wantCandidates(t, "owed a thank-you, the first", got, err, 2, at(unthanked, u2))
	got, err = s.DeficitContacts(ctx, acct, -2, 10)
	wantCandidates(t, "at a deficit of −2", got, err, 1, at(granted, g2))
	got, err = s.DeficitContacts(ctx, acct, -1, 10)
	wantCandidates(t, "at a deficit of −1", got, err, 3, at(granted, g2), at(askedUnthanked, a1), at(behind, b2))
	got, err = s.DeficitContacts(ctx, acct, -1, 2)
	wantCandidates(t, "at a deficit of −1, the first two", got, err, 3, at(granted, g2), at(askedUnthanked, a1))
}

func testDuePromiseContacts(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	d := addContact(t, s, acct, &rapport.Contact{DisplayName: "Dee"})
	gone := addContact(t, s, acct, &rapport.Contact{DisplayName: "Gone"})
	at := func(n int) *time.Time {
		d := T0.Add(days(n))
		return &d
	}
	promise := func(c *rapport.Contact, by rapport.PromiseBy, state rapport.PromiseState, due *time.Time) {
		p := &rapport.Promise{ContactID: c.ID, By: by, What: "something", Due: due, State: state, CreatedAt: T0.Add(-days(40))}
		if state != rapport.PromiseOpen {
			p.ResolvedAt = at(-1)
		}
		must(t, s.CreatePromise(ctx, acct, p))
	}
	promise(c, rapport.ByMe, rapport.PromiseOpen, at(1))
	promise(c, rapport.ByThem, rapport.PromiseOpen, at(-2))
	promise(c, rapport.ByMe, rapport.PromiseOpen, nil)     // undated: never due
	promise(c, rapport.ByThem, rapport.PromiseOpen, at(2)) // due on the bound: not before it
	promise(c, rapport.ByThem, rapport.PromiseKept, at(-3))
	promise(c, rapport.ByMe, rapport.PromiseBroken, at(-4))
	promise(d, rapport.ByThem, rapport.PromiseOpen, at(-5))
	promise(d, rapport.ByThem, rapport.PromiseOpen, at(-2)) // the same day as Ana's: by contact
	promise(gone, rapport.ByThem, rapport.PromiseOpen, at(-6))
	must(t, s.DeleteContact(ctx, acct, gone.ID, T0))
	h := func(c *rapport.Contact, n int) [2]int64 { return [2]int64{c.ID, int64(24 * n)} }

	got, err := s.DuePromiseContacts(ctx, acct, rapport.ByMe, T0.Add(days(2)), 10)
	wantCandidates(t, "mine due", got, err, 1, h(c, 1))
	got, err = s.DuePromiseContacts(ctx, acct, rapport.ByThem, T0.Add(days(2)), 10)
	wantCandidates(t, "theirs due", got, err, 3, h(d, -5), h(c, -2), h(d, -2))
	got, err = s.DuePromiseContacts(ctx, acct, rapport.ByThem, T0.Add(days(2)), 1)
	wantCandidates(t, "theirs due, the first", got, err, 3, h(d, -5))
}

func testEffortContacts(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	contact := func(name string) *rapport.Contact {
		return addContact(t, s, acct, &rapport.Contact{DisplayName: name, CreatedAt: T0.Add(-days(60))})
	}
	a, b, e, d, gone := contact("Ana"), contact("Ben, held"), contact("Eve, declined"), contact("Dee, to come"), contact("Gone")
	effort := func(c *rapport.Contact, n int) {
		must(t, s.CreateEffort(ctx, acct, &rapport.Effort{ContactID: c.ID, Goal: "closer", StartedAt: T0.Add(days(n))}))
	}
	call := func(c *rapport.Contact, n int, ch rapport.Channel, o rapport.Outcome) {
		logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(days(n)), Channel: ch, Outcome: o, Invitation: true, ContactIDs: []int64{c.ID}})
	}
	effort(a, -30)
	effort(a, -10)
	call(a, -20, rapport.ChannelCall, rapport.OutcomeHeld) // before the latest effort
	call(a, -5, rapport.ChannelEmail, rapport.OutcomeReplied)
	effort(b, -8)
	call(b, -3, rapport.ChannelVideo, rapport.OutcomeHeld) // succeeded
	effort(e, -12)
	call(e, -5, rapport.ChannelCall, rapport.OutcomeDeclined)
	effort(d, 5)
	effort(gone, -20)
	must(t, s.DeleteContact(ctx, acct, gone.ID, T0))
	h := func(c *rapport.Contact, n int) [2]int64 { return [2]int64{c.ID, int64(24 * n)} }

	list, err := s.EffortContacts(ctx, acct, T0, 10)
	if got, want := candidates(t, list, err), [][2]int64{h(e, -12), h(a, -10)}; !slices.Equal(got, want) {
		t.Errorf("efforts not known to have ended: %v, want %v", got, want)
	}
	list, err = s.EffortContacts(ctx, acct, T0, 1)
	if got, want := candidates(t, list, err), [][2]int64{h(e, -12)}; !slices.Equal(got, want) {
		t.Errorf("the first: %v, want %v", got, want)
	}
	list, err = s.EffortContacts(ctx, acct, T0.Add(days(6)), 10)
	if got, want := candidates(t, list, err), [][2]int64{h(e, -12), h(a, -10), h(d, 5)}; !slices.Equal(got, want) {
		t.Errorf("six days later: %v, want %v", got, want)
	}
}

func testAgendaRecords(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	a := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana", CreatedAt: T0.Add(-days(60))})
	b := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ben", CreatedAt: T0.Add(-days(60))})
	other := addContact(t, s, acct, &rapport.Contact{DisplayName: "Not asked for", CreatedAt: T0.Add(-days(60))})
	var want rapport.Records
	for _, c := range []*rapport.Contact{a, b, other} {
		e1 := &rapport.Effort{ContactID: c.ID, Goal: "first", StartedAt: T0.Add(-days(30))}
		e2 := &rapport.Effort{ContactID: c.ID, Goal: "latest", StartedAt: T0.Add(-days(10))}
		p := &rapport.Promise{ContactID: c.ID, By: rapport.ByThem, What: "intro", State: rapport.PromiseOpen, CreatedAt: T0.Add(-days(9))}
		f := &rapport.Favor{ContactID: c.ID, Dir: rapport.FavorReceived, Kind: rapport.FavorAdvice, At: T0.Add(-days(8))}
		x := &rapport.TrustEvent{ContactID: c.ID, Kind: rapport.TrustBreach, Note: "late", At: T0.Add(-days(7))}
		must(t, s.CreateEffort(ctx, acct, e1))
		must(t, s.CreateEffort(ctx, acct, e2))
		must(t, s.CreatePromise(ctx, acct, p))
		must(t, s.AddFavor(ctx, acct, f))
		must(t, s.AddTrustEvent(ctx, acct, x))
		if c != other {
			want.Efforts = append(want.Efforts, e1, e2)
			want.Promises = append(want.Promises, p)
			want.Favors = append(want.Favors, f)
			want.Trust = append(want.Trust, x)
		}
	}
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(20)), Channel: rapport.ChannelCall, ContactIDs: []int64{a.ID}}) // before the latest effort
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(4)), Channel: rapport.ChannelEmail, ContactIDs: []int64{a.ID}}) // written
	both := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(3)), Channel: rapport.ChannelVideo, ContactIDs: []int64{a.ID, b.ID, other.ID}})
	later := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(days(2)), Channel: rapport.ChannelCall, ContactIDs: []int64{a.ID}})

	recs, is, err := s.AgendaRecords(ctx, acct, []int64{b.ID, a.ID}, T0)
	must(t, err)
	sortRecords(&recs)
	sortRecords(&want)
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("records:\n got %+v\nwant %+v", recs, want)
	}
	ids := func(list []*rapport.Interaction) []int64 {
		var out []int64
		for _, i := range list {
			out = append(out, i.ID)
		}
		return out
	}
	if len(is) != 2 || !slices.Equal(ids(is[a.ID]), []int64{both.ID, later.ID}) || !slices.Equal(ids(is[b.ID]), []int64{both.ID}) {
		t.Errorf("interactions since the latest efforts: Ana %v, Ben %v (%d contacts)", ids(is[a.ID]), ids(is[b.ID]), len(is))
	}
	if recs, is, err := s.AgendaRecords(ctx, acct, nil, T0); err != nil || recs.Len() != 0 || len(is) != 0 {
		t.Errorf("no contacts: %+v, %v, %v", recs, is, err)
	}
}

func testBornOn(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	born := func(name string, b *rapport.Birthday) *rapport.Contact {
		return addContact(t, s, acct, &rapport.Contact{DisplayName: name, Birthday: b})
	}
	ana := born("Ana", &rapport.Birthday{Year: 1990, Month: time.March, Day: 3})
	ben := born("Ben", &rapport.Birthday{Month: time.March, Day: 4})
	born("Cy, a day later", &rapport.Birthday{Month: time.March, Day: 5})
	born("Dee, no birthday", nil)
	gone := born("Gone", &rapport.Birthday{Month: time.March, Day: 3})
	must(t, s.DeleteContact(ctx, acct, gone.ID, T0))

	got, err := s.BornOn(ctx, acct, []rapport.Birthday{{Month: time.March, Day: 3}, {Month: time.March, Day: 4}})
	must(t, err)
	slices.SortFunc(got, func(x, y rapport.ContactBirthday) int { return cmp.Compare(x.ContactID, y.ContactID) })
	want := []rapport.ContactBirthday{{ContactID: ana.ID, Birthday: *ana.Birthday}, {ContactID: ben.ID, Birthday: *ben.Birthday}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("born on 3 and 4 March: %+v, want %+v", got, want)
	}
	if got, err := s.BornOn(ctx, acct, nil); err != nil || len(got) != 0 {
		t.Errorf("no days: %+v, %v", got, err)
	}
}

// sortRecords puts records in id order, whatever order a read gives them.
func sortRecords(r *rapport.Records) {
	slices.SortFunc(r.Efforts, func(x, y *rapport.Effort) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(r.Promises, func(x, y *rapport.Promise) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(r.Favors, func(x, y *rapport.Favor) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(r.Trust, func(x, y *rapport.TrustEvent) int { return cmp.Compare(x.ID, y.ID) })
}

func testContactLists(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	addContact(t, s, acct, &rapport.Contact{DisplayName: "Zed", Tier: rapport.TierInner, CreatedAt: T0.Add(-days(300)), Tags: []string{"x"}})
	addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana", Tier: rapport.TierInner, CreatedAt: T0.Add(-days(200)),
		Birthday: &rapport.Birthday{Month: time.March, Day: 3}, Emails: []rapport.ContactPoint{{Value: "ana@example.com"}}})
	addContact(t, s, acct, &rapport.Contact{DisplayName: "Bea", CreatedAt: T0.Add(-days(250)), Tags: []string{"x"}})
	met := addContact(t, s, acct, &rapport.Contact{DisplayName: "Cy", Tier: rapport.TierInner, CreatedAt: T0.Add(-days(400))})
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(5)), Channel: rapport.ChannelCall, ContactIDs: []int64{met.ID}})
	gone := addContact(t, s, acct, &rapport.Contact{DisplayName: "Gone", CreatedAt: T0.Add(-days(500))})
	must(t, s.DeleteContact(ctx, acct, gone.ID, T0))
	many := make([]int64, 0, 700)
	for n := range int64(700) {
		many = append(many, 700-n)
	}
	fs := []rapport.ContactFilter{
		{Bare: true, Tier: rapport.TierInner},
		{Tag: "x"}, // with details
		{Bare: true, Limit: 2},
		{Bare: true, Tier: rapport.TierInner, KeepFrom: T0.Add(-days(1000)), KeepTo: T0, Limit: 2},
		{Bare: true, IDs: many},
		{Bare: true, BornOn: []rapport.Birthday{{Month: time.March, Day: 3}, {Month: time.March, Day: 4}}},
		{Bare: true, Deleted: true},
		{Bare: true, Search: "nobody"},
		{Bare: true, AfterName: "bea", AfterID: 3, Limit: 1},
	}
	got, err := s.ContactLists(ctx, acct, fs)
	must(t, err)
	if len(got) != len(fs) {
		t.Fatalf("%d lists for %d filters", len(got), len(fs))
	}
	for k, f := range fs {
		want, err := s.Contacts(ctx, acct, f)
		must(t, err)
		if !reflect.DeepEqual(got[k], want) {
			t.Errorf("filter %+v:\n got %+v\nwant %+v", f, got[k], want)
		}
	}
	if lists, err := s.ContactLists(ctx, acct, nil); err != nil || len(lists) != 0 {
		t.Fatalf("no filters: %v, %v", lists, err)
	}
}

func testOwnCadenceDue(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	add := func(name string, cadence, createdDaysAgo int) *rapport.Contact {
		return addContact(t, s, acct, &rapport.Contact{DisplayName: name, CadenceDays: cadence, CreatedAt: T0.Add(-days(createdDaysAgo))})
	}
	// Due (the reference plus the cadence) 93 days ago.
	weekly := add("Weekly", 7, 100)
	// Met 40 days ago: due 10 days ago.
	monthly := add("Monthly", 30, 100)
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(40)), Channel: rapport.ChannelCall, ContactIDs: []int64{monthly.ID}})
	// Due 6 days ago; in 50 days.
	fortnightly := add("Fortnightly", 14, 20)
	add("Not yet", 60, 10)
	add("Tier cadence", 0, 100)
	gone := add("Gone", 7, 100)
	must(t, s.DeleteContact(ctx, acct, gone.ID, T0))
	// The reference is before from.
	add("Long ago", 7, 400)
	// Known from a first interaction before it was added, 50 days ago (an
	// email, not a meaningful contact): due 29 days ago.
	early := add("Early", 21, 5)
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(50)), Channel: rapport.ChannelEmail, ContactIDs: []int64{early.ID}})

	ids := func(cs []*rapport.Contact, err error) []int64 {
		t.Helper()
		must(t, err)
		out := []int64{}
		for _, c := range cs {
			out = append(out, c.ID)
			if c.ID == monthly.ID && (c.DisplayName != "Monthly" || c.CadenceDays != 30 || c.Summary.LastMeaningfulAt == nil) {
				t.Errorf("monthly read back as %+v", c)
			}
		}
		return out
	}
	if got, want := ids(s.OwnCadenceDue(ctx, acct, T0.Add(-days(200)), T0, 10)), []int64{weekly.ID, early.ID, monthly.ID, fortnightly.ID}; !slices.Equal(got, want) {
		t.Fatalf("own cadences due: %v, want %v", got, want)
	}
	if got, want := ids(s.OwnCadenceDue(ctx, acct, T0.Add(-days(200)), T0, 2)), []int64{weekly.ID, early.ID}; !slices.Equal(got, want) {
		t.Fatalf("the first two due: %v, want %v", got, want)
	}
	if got, want := ids(s.OwnCadenceDue(ctx, acct, T0.Add(-days(60)), T0.Add(-days(20)), 10)), []int64{early.ID}; !slices.Equal(got, want) {
		t.Fatalf("known for 60 days, due 20 days ago: %v, want %v", got, want)
	}
}

func testDormantContacts(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	add := func(name string, tier rapport.Tier, cadence, createdDaysAgo int) *rapport.Contact {
		return addContact(t, s, acct, &rapport.Contact{DisplayName: name, Tier: tier, CadenceDays: cadence, CreatedAt: T0.Add(-days(createdDaysAgo))})
	}
	oldest := add("Oldest", rapport.TierInner, 0, 300)
	own := add("Own cadence", rapport.TierInner, 7, 250)
	met := add("Met", rapport.TierInner, 0, 300)
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(10)), Channel: rapport.ChannelCall, ContactIDs: []int64{met.ID}})
	gone := add("Gone", rapport.TierInner, 0, 400)
	must(t, s.DeleteContact(ctx, acct, gone.ID, T0))
	core := add("Core", rapport.TierCore, 0, 500)
	// Added lately, but written to 200 days ago (not a meaningful contact).
	written := add("Written to", rapport.TierInner, 0, 10)
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(200)), Channel: rapport.ChannelEmail, ContactIDs: []int64{written.ID}})

	ids := func(cs []*rapport.Contact, err error) []int64 {
		t.Helper()
		must(t, err)
		out := []int64{}
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	before := T0.Add(-days(180))
	if got, want := ids(s.DormantContacts(ctx, acct, rapport.TierInner, before, 10)), []int64{oldest.ID, own.ID, written.ID}; !slices.Equal(got, want) {
		t.Fatalf("dormant inner contacts: %v, want %v", got, want)
	}
	if got, want := ids(s.DormantContacts(ctx, acct, rapport.TierInner, before, 1)), []int64{oldest.ID}; !slices.Equal(got, want) {
		t.Fatalf("the oldest: %v, want %v", got, want)
	}
	if got, want := ids(s.DormantContacts(ctx, acct, rapport.TierCore, before, 10)), []int64{core.ID}; !slices.Equal(got, want) {
		t.Fatalf("dormant core contacts: %v, want %v", got, want)
	}
}

// testTodayReadsIsolation proves that Today's reads never show another
// account's contacts or records.
func testTodayReadsIsolation(t *testing.T, s rapport.Store) {
	mine := newAccount(t, s, "mine")
	theirs := newAccount(t, s, "theirs")
	own := addContact(t, s, mine, &rapport.Contact{DisplayName: "Mine", CreatedAt: T0})
	c := addContact(t, s, theirs, &rapport.Contact{DisplayName: "Theirs", Tier: rapport.TierInner, CadenceDays: 7,
		CreatedAt: T0.Add(-days(400)), Birthday: &rapport.Birthday{Month: T0.Month(), Day: T0.Day()}})
	addContact(t, s, theirs, &rapport.Contact{DisplayName: "Theirs too", CreatedAt: T0.Add(-days(400))})
	must(t, s.CreateEffort(ctx, theirs, &rapport.Effort{ContactID: c.ID, StartedAt: T0.Add(-days(10))}))
	logInteraction(t, s, theirs, &rapport.Interaction{At: T0.Add(-days(5)), Channel: rapport.ChannelCall, Invitation: true, ContactIDs: []int64{c.ID}})
	due := T0.Add(-days(1))
	must(t, s.CreatePromise(ctx, theirs, &rapport.Promise{ContactID: c.ID, By: rapport.ByMe, What: "secret", Due: &due, CreatedAt: T0.Add(-days(9))}))
	must(t, s.CreatePromise(ctx, theirs, &rapport.Promise{ContactID: c.ID, By: rapport.ByThem, What: "secret", State: rapport.PromiseBroken,
		CreatedAt: T0.Add(-days(9)), ResolvedAt: &due}))
	must(t, s.AddFavor(ctx, theirs, &rapport.Favor{ContactID: c.ID, Dir: rapport.FavorReceived, Kind: rapport.FavorReferral, At: T0}))

	es, err := s.LatestEfforts(ctx, mine, T0)
	must(t, err)
	is, err := s.LatestEffortInteractions(ctx, mine, T0)
	must(t, err)
	ps, err := s.AgendaPromises(ctx, mine, T0.Add(days(2)))
	must(t, err)
	if len(es)+len(is)+len(ps) != 0 {
		t.Fatalf("their records show: %d efforts, interactions of %d contacts, %d promises", len(es), len(is), len(ps))
	}
	recs, ris, err := s.AgendaRecords(ctx, mine, []int64{c.ID}, T0)
	must(t, err)
	if recs.Len() != 0 || len(ris) != 0 {
		t.Fatalf("their records show by id: %+v, interactions of %d contacts", recs, len(ris))
	}
	var counted []rapport.Candidates
	for _, read := range []func() (rapport.Candidates, error){
		func() (rapport.Candidates, error) {
			return s.DuePromiseContacts(ctx, mine, rapport.ByMe, T0.Add(days(2)), 10)
		},
		func() (rapport.Candidates, error) { return s.UnthankedContacts(ctx, mine, 10) },
		func() (rapport.Candidates, error) { return s.DeficitContacts(ctx, mine, -1, 10) },
	} {
		cs, err := read()
		must(t, err)
		counted = append(counted, cs)
	}
	if born, err := s.BornOn(ctx, mine, []rapport.Birthday{{Month: T0.Month(), Day: T0.Day()}}); err != nil || len(born) != 0 {
		t.Fatalf("their birthdays show: %+v, %v", born, err)
	}
	efforts, err := s.EffortContacts(ctx, mine, T0, 10)
	must(t, err)
	counted = append(counted, rapport.Candidates{List: efforts})
	for k, cs := range counted {
		if len(cs.List) != 0 || cs.Total != 0 {
			t.Fatalf("candidates %d show theirs: %+v", k, cs)
		}
	}
	var lists [][]*rapport.Contact
	for _, read := range []func() ([]*rapport.Contact, error){
		func() ([]*rapport.Contact, error) {
			return s.OwnCadenceDue(ctx, mine, T0.Add(-days(1000)), T0.Add(days(1000)), 10)
		},
		func() ([]*rapport.Contact, error) {
			return s.DormantContacts(ctx, mine, rapport.TierInner, T0.Add(days(1)), 10)
		},
		func() ([]*rapport.Contact, error) {
			return s.DormantContacts(ctx, mine, rapport.TierWider, T0.Add(days(1)), 10)
		},
	} {
		cs, err := read()
		must(t, err)
		lists = append(lists, cs)
	}
	byFilter, err := s.ContactLists(ctx, mine, []rapport.ContactFilter{
		{Bare: true}, {Bare: true, IDs: []int64{c.ID, c.ID + 1}}, {Bare: true, BornOn: []rapport.Birthday{{Month: T0.Month(), Day: T0.Day()}}},
		{Bare: true, Tier: rapport.TierWider, KeepFrom: T0.Add(-days(1000)), KeepTo: T0.Add(days(1)), Limit: 5}, {Bare: true, OwnCadence: true},
	})
	must(t, err)
	lists = append(lists, byFilter...)
	for k, cs := range lists {
		for _, x := range cs {
			if x.ID != own.ID || x.DisplayName != "Mine" {
				t.Fatalf("list %d shows their contact %+v", k, x)
			}
		}
	}
}
