package storetest

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"rapport"
)

var ctx = context.Background()

func testEnsureAccountIsIdempotent(t *testing.T, s rapport.Store) {
	_, err := s.DefaultAccount(ctx)
	wantCode(t, err, rapport.ENOTFOUND)
	a1, created, err := s.EnsureAccount(ctx, "Personal", &rapport.User{DisplayName: "Me"}, T0)
	must(t, err)
	if !created {
		t.Fatal("first EnsureAccount did not create an account")
	}
	a2, created, err := s.EnsureAccount(ctx, "Other", &rapport.User{DisplayName: "Me again"}, T0)
	must(t, err)
	if created || a2.ID != a1.ID || a2.Name != "Personal" {
		t.Fatalf("second EnsureAccount = %+v created=%v, want the first account unchanged", a2, created)
	}
	users, err := s.Users(ctx, a1.ID)
	must(t, err)
	if len(users) != 1 || users[0].Role != rapport.RoleOwner || users[0].DisplayName != "Me" {
		t.Fatalf("users = %+v, want one owner named Me", users)
	}
}

func fullContact() *rapport.Contact {
	return &rapport.Contact{
		DisplayName: "Łucja Nowak-Kowalska",
		GivenName:   "Łucja",
		FamilyName:  "Nowak-Kowalska",
		Kind:        rapport.KindClient,
		Tier:        rapport.TierCore,
		CadenceDays: 21,
		Org:         "Acme Sp. z o.o.",
		Title:       "Head of Procurement",
		Emails:      []rapport.ContactPoint{{Label: "work", Value: "lucja@acme.pl"}, {Label: "home", Value: "lucja@example.org"}},
		Phones:      []rapport.ContactPoint{{Label: "mobile", Value: "+48 601 234 567"}},
		Lang:        "pl",
		Gender:      rapport.GenderFeminine,
		Birthday:    &rapport.Birthday{Month: time.February, Day: 29},
		HowWeMet:    "Warsaw fintech meetup",
		Tags:        []string{"warsaw", "procurement"},
		CreatedAt:   T0,
	}
}

func testContactRoundTrip(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, fullContact())
	if c.ID == 0 || c.Version != 1 {
		t.Fatalf("created contact has id %d version %d, want an id and version 1", c.ID, c.Version)
	}
	got, err := s.Contact(ctx, acct, c.ID)
	must(t, err)
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("read back:\n got %+v\nwant %+v", got, c)
	}
	_, err = s.Contact(ctx, acct, c.ID+100)
	wantCode(t, err, rapport.ENOTFOUND)
}

func testInvalidContactRefused(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	for _, c := range []*rapport.Contact{
		{DisplayName: "  "},
		{DisplayName: "X", Kind: "boss"},
		{DisplayName: "X", Emails: []rapport.ContactPoint{{Value: "not-an-email"}}},
		{DisplayName: "X", Lang: "!!"},
	} {
		c.CreatedAt = T0
		wantCode(t, s.CreateContact(ctx, acct, c), rapport.EINVALID)
	}
	cs, err := s.Contacts(ctx, acct, rapport.ContactFilter{})
	must(t, err)
	if len(cs) != 0 {
		t.Fatalf("refused contacts were stored: %d", len(cs))
	}
}

func testUpdateContact(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, fullContact())
	c.Title = "CFO"
	c.Emails = []rapport.ContactPoint{{Label: "work", Value: "cfo@acme.pl"}}
	c.Tags = []string{"finance"}
	c.Birthday = nil
	c.UpdatedAt = T0.Add(time.Hour)
	must(t, s.UpdateContact(ctx, acct, c))
	if c.Version != 2 {
		t.Fatalf("version after update = %d, want 2", c.Version)
	}
	got, err := s.Contact(ctx, acct, c.ID)
	must(t, err)
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("after update:\n got %+v\nwant %+v", got, c)
	}
}

func testStaleUpdateRejected(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, fullContact())
	mine, _ := s.Contact(ctx, acct, c.ID)
	theirs, _ := s.Contact(ctx, acct, c.ID)
	theirs.Title = "Theirs"
	theirs.UpdatedAt = T0.Add(time.Minute)
	must(t, s.UpdateContact(ctx, acct, theirs))

	mine.Title = "Mine"
	mine.Tags = []string{"mine"}
	mine.UpdatedAt = T0.Add(2 * time.Minute)
	wantCode(t, s.UpdateContact(ctx, acct, mine), rapport.ECONFLICT)
	got, err := s.Contact(ctx, acct, c.ID)
	must(t, err)
	if got.Title != "Theirs" || !slices.Equal(got.Tags, []string{"procurement", "warsaw"}) || got.Version != 2 {
		t.Fatalf("stale update changed the contact: title %q tags %v version %d", got.Title, got.Tags, got.Version)
	}
	ghost := fullContact()
	ghost.ID, ghost.Version = 999, 1
	wantCode(t, s.UpdateContact(ctx, acct, ghost), rapport.ENOTFOUND)
}

func testSoftDeleteAndRestore(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Omar"})
	must(t, s.DeleteContact(ctx, acct, c.ID, T0.Add(time.Hour)))
	wantCode(t, s.DeleteContact(ctx, acct, c.ID, T0.Add(time.Hour)), rapport.ECONFLICT)

	live, _ := s.Contacts(ctx, acct, rapport.ContactFilter{})
	trash, _ := s.Contacts(ctx, acct, rapport.ContactFilter{Deleted: true})
	if len(live) != 0 || len(trash) != 1 || trash[0].DeletedAt == nil {
		t.Fatalf("after delete: %d live, %d in trash", len(live), len(trash))
	}
	got, err := s.Contact(ctx, acct, c.ID)
	must(t, err)
	if got.DeletedAt == nil || !got.DeletedAt.Equal(T0.Add(time.Hour)) {
		t.Fatalf("deleted_at = %v", got.DeletedAt)
	}
	must(t, s.RestoreContact(ctx, acct, c.ID, T0.Add(2*time.Hour)))
	wantCode(t, s.RestoreContact(ctx, acct, c.ID, T0.Add(2*time.Hour)), rapport.ECONFLICT)
	live, _ = s.Contacts(ctx, acct, rapport.ContactFilter{})
	if len(live) != 1 || live[0].DeletedAt != nil || live[0].DisplayName != "Omar" {
		t.Fatalf("after restore: %+v", live)
	}
	wantCode(t, s.DeleteContact(ctx, acct, 12345, T0), rapport.ENOTFOUND)
}

func names(cs []*rapport.Contact) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.DisplayName)
	}
	return out
}

func testContactFilters(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	addContact(t, s, acct, &rapport.Contact{DisplayName: "Łukasz Wiśniewski", Kind: rapport.KindColleague, Tier: rapport.TierInner, Tags: []string{"Team"}})
	addContact(t, s, acct, &rapport.Contact{DisplayName: "Lucy Grant", Kind: rapport.KindClient, Org: "Globex", Emails: []rapport.ContactPoint{{Value: "lucy@globex.com"}}})
	addContact(t, s, acct, &rapport.Contact{DisplayName: "أحمد المصري", Kind: rapport.KindClient, Tier: rapport.TierCore, Tags: []string{"team"}})
	addContact(t, s, acct, &rapport.Contact{DisplayName: "100%_Real", Kind: rapport.KindNetwork})
	for _, tc := range []struct {
		name   string
		filter rapport.ContactFilter
		want   []string
	}{
		{"everyone sorted by folded name", rapport.ContactFilter{}, []string{"100%_Real", "Lucy Grant", "Łukasz Wiśniewski", "أحمد المصري"}},
		{"kind", rapport.ContactFilter{Kind: rapport.KindClient}, []string{"Lucy Grant", "أحمد المصري"}},
		{"tier", rapport.ContactFilter{Tier: rapport.TierInner}, []string{"Łukasz Wiśniewski"}},
		{"tag ignores case", rapport.ContactFilter{Tag: "TEAM"}, []string{"Łukasz Wiśniewski", "أحمد المصري"}},
		{"search ignores accents", rapport.ContactFilter{Search: "wisniew"}, []string{"Łukasz Wiśniewski"}},
		{"search matches org and email", rapport.ContactFilter{Search: "GLOBEX"}, []string{"Lucy Grant"}},
		{"search ignores hamza", rapport.ContactFilter{Search: "احمد"}, []string{"أحمد المصري"}},
		{"search treats % and _ literally", rapport.ContactFilter{Search: "0%_r"}, []string{"100%_Real"}},
		{"prefix", rapport.ContactFilter{NamePrefix: "lu"}, []string{"Lucy Grant", "Łukasz Wiśniewski"}},
		{"nothing matches", rapport.ContactFilter{Search: "zzz"}, []string{}},
		{"filters combine", rapport.ContactFilter{Kind: rapport.KindClient, Tag: "team"}, []string{"أحمد المصري"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := s.Contacts(ctx, acct, tc.filter)
			must(t, err)
			if got := names(cs); !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func testContactPagination(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	var batch []*rapport.Contact
	for _, n := range []string{"Eve", "adam", "Bea", "Adam", "Cyril", "Dana", "Émile"} {
		batch = append(batch, &rapport.Contact{DisplayName: n, CreatedAt: T0})
	}
	must(t, s.CreateContacts(ctx, acct, batch))
	all, err := s.Contacts(ctx, acct, rapport.ContactFilter{})
	must(t, err)
	var paged []string
	f := rapport.ContactFilter{Limit: 3}
	for {
		page, err := s.Contacts(ctx, acct, f)
		must(t, err)
		if len(page) == 0 {
			break
		}
		paged = append(paged, names(page)...)
		last := page[len(page)-1]
		f.AfterName, f.AfterID = rapport.FoldSearch(last.DisplayName), last.ID
	}
	if !slices.Equal(paged, names(all)) || len(paged) != 7 {
		t.Fatalf("pages %q, want %q", paged, names(all))
	}
	if got := names(all)[:3]; !slices.Equal(got, []string{"adam", "Adam", "Bea"}) {
		t.Fatalf("order = %q: want folded name, then id", names(all))
	}
}

func testInteractionTimeline(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	a := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	b := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ben"})
	meeting := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(2)), Channel: rapport.ChannelInPerson, ContactIDs: []int64{a.ID, b.ID}, Note: "quarterly review"})
	email := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(1)), Channel: rapport.ChannelEmail, ContactIDs: []int64{a.ID}})
	if meeting.Outcome != rapport.OutcomeHeld || email.Outcome != rapport.OutcomeSent || email.Direction != rapport.Outbound {
		t.Fatalf("defaults: meeting %s, email %s %s", meeting.Outcome, email.Outcome, email.Direction)
	}
	tl, err := s.Interactions(ctx, acct, rapport.InteractionFilter{ContactID: a.ID})
	must(t, err)
	if len(tl) != 2 || tl[0].ID != email.ID || tl[1].ID != meeting.ID {
		t.Fatalf("Ana's timeline is not newest first: %+v", tl)
	}
	if !reflect.DeepEqual(tl[1], meeting) {
		t.Fatalf("read back:\n got %+v\nwant %+v", tl[1], meeting)
	}
	tl, _ = s.Interactions(ctx, acct, rapport.InteractionFilter{ContactID: b.ID})
	if len(tl) != 1 || !slices.Equal(tl[0].ContactIDs, []int64{a.ID, b.ID}) {
		t.Fatalf("Ben's timeline: %+v", tl)
	}
	tl, _ = s.Interactions(ctx, acct, rapport.InteractionFilter{ContactID: a.ID, Since: T0.Add(-days(1))})
	if len(tl) != 1 || tl[0].ID != email.ID {
		t.Fatalf("since filter: %+v", tl)
	}
	tl, _ = s.Interactions(ctx, acct, rapport.InteractionFilter{Limit: 1})
	if len(tl) != 1 || tl[0].ID != email.ID {
		t.Fatalf("limit: %+v", tl)
	}
	got, err := s.Interaction(ctx, acct, meeting.ID)
	must(t, err)
	if !reflect.DeepEqual(got, meeting) {
		t.Fatalf("Interaction(id):\n got %+v\nwant %+v", got, meeting)
	}
}

func testSummaryMaintained(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	first := T0.Add(-days(30))
	logInteraction(t, s, acct, &rapport.Interaction{At: first, Channel: rapport.ChannelCall, ContactIDs: []int64{c.ID}})
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(10)), Channel: rapport.ChannelEmail, Direction: rapport.Inbound, ContactIDs: []int64{c.ID}})
	last := T0.Add(-days(2))
	logInteraction(t, s, acct, &rapport.Interaction{At: last, Channel: rapport.ChannelVideo, Invitation: true, ContactIDs: []int64{c.ID}})
	got, err := s.Contact(ctx, acct, c.ID)
	must(t, err)
	meaningful := T0.Add(-days(10))
	want := rapport.Summary{Interactions: 3, FirstAt: &first, LastAt: &last, LastMeaningfulAt: &meaningful, Inbound: 1, HeldLive: 1}
	if !reflect.DeepEqual(got.Summary, want) {
		t.Fatalf("summary = %+v, want %+v", got.Summary, want)
	}
}

func testOutcomeChangeResummarizes(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	i := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(1)), Channel: rapport.ChannelVideo, Invitation: true, ContactIDs: []int64{c.ID}})
	got, _ := s.Contact(ctx, acct, c.ID)
	if got.Summary.LastMeaningfulAt != nil || got.Summary.HeldLive != 0 {
		t.Fatalf("a scheduled video counted as meaningful: %+v", got.Summary)
	}
	must(t, i.SetOutcome(rapport.OutcomeHeld))
	i.UpdatedAt = T0
	must(t, s.UpdateInteraction(ctx, acct, i))
	got, _ = s.Contact(ctx, acct, c.ID)
	if got.Summary.LastMeaningfulAt == nil || !got.Summary.LastMeaningfulAt.Equal(i.At) || got.Summary.HeldLive != 1 {
		t.Fatalf("after held: %+v", got.Summary)
	}
	stored, _ := s.Interaction(ctx, acct, i.ID)
	if stored.Outcome != rapport.OutcomeHeld || stored.Version != 2 {
		t.Fatalf("stored interaction: %+v", stored)
	}
}

func testStaleInteractionUpdate(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	i := logInteraction(t, s, acct, &rapport.Interaction{At: T0, Channel: rapport.ChannelCall, Invitation: true, ContactIDs: []int64{c.ID}})
	stale := *i
	i.Outcome, i.UpdatedAt = rapport.OutcomeDeclined, T0
	must(t, s.UpdateInteraction(ctx, acct, i))
	stale.Outcome, stale.UpdatedAt = rapport.OutcomeHeld, T0
	wantCode(t, s.UpdateInteraction(ctx, acct, &stale), rapport.ECONFLICT)
	got, _ := s.Interaction(ctx, acct, i.ID)
	if got.Outcome != rapport.OutcomeDeclined {
		t.Fatalf("stale update overwrote the outcome: %s", got.Outcome)
	}
}

func testInteractionNeedsLiveContacts(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	err := s.CreateInteraction(ctx, acct, &rapport.Interaction{At: T0, Channel: rapport.ChannelCall, ContactIDs: []int64{c.ID, 77}, CreatedAt: T0})
	wantCode(t, err, rapport.ENOTFOUND)
	must(t, s.DeleteContact(ctx, acct, c.ID, T0))
	err = s.CreateInteraction(ctx, acct, &rapport.Interaction{At: T0, Channel: rapport.ChannelCall, ContactIDs: []int64{c.ID}, CreatedAt: T0})
	wantCode(t, err, rapport.EINVALID)
	is, _ := s.Interactions(ctx, acct, rapport.InteractionFilter{})
	if len(is) != 0 {
		t.Fatalf("refused interactions were stored: %d", len(is))
	}
}

func testFailedContactBatchLeavesNoTrace(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	batch := []*rapport.Contact{
		{DisplayName: "Good One", CreatedAt: T0, Tags: []string{"x"}},
		{DisplayName: "Bad", Emails: []rapport.ContactPoint{{Value: "nope"}}, CreatedAt: T0},
	}
	err := s.CreateContacts(ctx, acct, batch)
	wantCode(t, err, rapport.EINVALID)
	cs, _ := s.Contacts(ctx, acct, rapport.ContactFilter{})
	if len(cs) != 0 {
		t.Fatalf("a refused batch stored %d contacts", len(cs))
	}
	// A batch the database refuses half-way is rolled back too.
	ok := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	is := []*rapport.Interaction{
		{At: T0, Channel: rapport.ChannelCall, ContactIDs: []int64{ok.ID}, CreatedAt: T0},
	}
	must(t, s.CreateInteractions(ctx, acct, is))
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Zed"})
	if c.ID != ok.ID+1 {
		t.Fatalf("ids after a refused batch: %d then %d, want consecutive ids", ok.ID, c.ID)
	}
}

func testFailedInteractionBatchLeavesNoTrace(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	var batch []*rapport.Interaction
	for n := range 1200 { // several multi-row INSERTs, the last one failing
		batch = append(batch, &rapport.Interaction{At: T0.Add(-time.Duration(n) * time.Hour), Channel: rapport.ChannelCall, ContactIDs: []int64{c.ID}, CreatedAt: T0})
	}
	batch[len(batch)-1].ContactIDs = []int64{c.ID + 1000}
	err := s.CreateInteractions(ctx, acct, batch)
	if err == nil {
		t.Fatal("a batch with an unknown contact was accepted")
	}
	is, _ := s.Interactions(ctx, acct, rapport.InteractionFilter{})
	got, _ := s.Contact(ctx, acct, c.ID)
	if len(is) != 0 || got.Summary.Interactions != 0 || got.Summary.LastAt != nil {
		t.Fatalf("a failed batch left %d interactions and summary %+v", len(is), got.Summary)
	}
}

func testLastInteractions(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	a := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	b := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ben"})
	addContact(t, s, acct, &rapport.Contact{DisplayName: "Never"})
	var batch []*rapport.Interaction
	for _, d := range []int{9, 3, 5} {
		batch = append(batch, &rapport.Interaction{At: T0.Add(-days(d)), Channel: rapport.ChannelEmail, ContactIDs: []int64{a.ID}, CreatedAt: T0})
	}
	batch = append(batch, &rapport.Interaction{At: T0.Add(-days(7)), Channel: rapport.ChannelCall, ContactIDs: []int64{a.ID, b.ID}, CreatedAt: T0})
	must(t, s.CreateInteractions(ctx, acct, batch))
	last, err := s.LastInteractions(ctx, acct)
	must(t, err)
	want := map[int64]time.Time{a.ID: T0.Add(-days(3)), b.ID: T0.Add(-days(7))}
	if !reflect.DeepEqual(last, want) {
		t.Fatalf("last = %v, want %v", last, want)
	}
}

func testNotes(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	must(t, s.AddNote(ctx, acct, &rapport.Note{ContactID: c.ID, Body: "likes hiking", CreatedAt: T0}))
	must(t, s.AddNote(ctx, acct, &rapport.Note{ContactID: c.ID, Body: "two kids", CreatedAt: T0.Add(time.Hour)}))
	wantCode(t, s.AddNote(ctx, acct, &rapport.Note{ContactID: c.ID, Body: " ", CreatedAt: T0}), rapport.EINVALID)
	wantCode(t, s.AddNote(ctx, acct, &rapport.Note{ContactID: 404, Body: "x", CreatedAt: T0}), rapport.ENOTFOUND)
	ns, err := s.Notes(ctx, acct, c.ID)
	must(t, err)
	if len(ns) != 2 || ns[0].Body != "two kids" || ns[1].Body != "likes hiking" {
		t.Fatalf("notes = %+v", ns)
	}
}

// testAccountIsolation proves that no read or write of one account reaches
// another's data, even with the other's ids in hand.
func testAccountIsolation(t *testing.T, s rapport.Store) {
	mine := newAccount(t, s, "mine")
	theirs := newAccount(t, s, "theirs")
	secret := addContact(t, s, theirs, &rapport.Contact{DisplayName: "Secret Client", Tags: []string{"vip"}, Emails: []rapport.ContactPoint{{Value: "s@x.com"}}})
	si := logInteraction(t, s, theirs, &rapport.Interaction{At: T0, Channel: rapport.ChannelCall, ContactIDs: []int64{secret.ID}})
	must(t, s.AddNote(ctx, theirs, &rapport.Note{ContactID: secret.ID, Body: "confidential", CreatedAt: T0}))
	own := addContact(t, s, mine, &rapport.Contact{DisplayName: "My Contact"})
	if own.ID != secret.ID {
		t.Fatalf("ids are per account: mine %d, theirs %d, want both 1", own.ID, secret.ID)
	}
	// Ids collide by design, so use one that exists only in theirs.
	other := addContact(t, s, theirs, &rapport.Contact{DisplayName: "Other Secret"})

	_, err := s.Contact(ctx, mine, other.ID)
	wantCode(t, err, rapport.ENOTFOUND)
	got, _ := s.Contact(ctx, mine, own.ID)
	if got.DisplayName != "My Contact" || len(got.Tags) != 0 || len(got.Emails) != 0 {
		t.Fatalf("my contact carries their data: %+v", got)
	}
	for _, f := range []rapport.ContactFilter{{}, {Search: "secret"}, {Tag: "vip"}, {Deleted: true}, {IDs: []int64{other.ID}}} {
		cs, err := s.Contacts(ctx, mine, f)
		must(t, err)
		for _, c := range cs {
			if c.DisplayName != "My Contact" {
				t.Fatalf("filter %+v shows their contact %q", f, c.DisplayName)
			}
		}
	}
	upd := *other
	upd.DisplayName, upd.UpdatedAt = "hijacked", T0
	wantCode(t, s.UpdateContact(ctx, mine, &upd), rapport.ENOTFOUND)
	wantCode(t, s.DeleteContact(ctx, mine, other.ID, T0), rapport.ENOTFOUND)
	wantCode(t, s.RestoreContact(ctx, mine, other.ID, T0), rapport.ENOTFOUND)
	wantCode(t, s.AddNote(ctx, mine, &rapport.Note{ContactID: other.ID, Body: "x", CreatedAt: T0}), rapport.ENOTFOUND)
	err = s.CreateInteraction(ctx, mine, &rapport.Interaction{At: T0, Channel: rapport.ChannelCall, ContactIDs: []int64{other.ID}, CreatedAt: T0})
	wantCode(t, err, rapport.ENOTFOUND)
	_, err = s.Interaction(ctx, mine, si.ID)
	wantCode(t, err, rapport.ENOTFOUND)
	upi := *si
	upi.Outcome, upi.UpdatedAt = rapport.OutcomeNoResponse, T0
	wantCode(t, s.UpdateInteraction(ctx, mine, &upi), rapport.ENOTFOUND)
	is, _ := s.Interactions(ctx, mine, rapport.InteractionFilter{})
	ns, _ := s.Notes(ctx, mine, secret.ID)
	last, _ := s.LastInteractions(ctx, mine)
	if len(is) != 0 || len(ns) != 0 || len(last) != 0 {
		t.Fatalf("mine sees their interactions %d, notes %d, last %v", len(is), len(ns), last)
	}
	// And their data is intact.
	c, err := s.Contact(ctx, theirs, other.ID)
	must(t, err)
	if c.DisplayName != "Other Secret" || c.DeletedAt != nil {
		t.Fatalf("their contact was changed: %+v", c)
	}
	users, _ := s.Users(ctx, mine)
	if len(users) != 1 || users[0].Email != "mine@example.com" {
		t.Fatalf("users of mine: %+v", users)
	}
}
