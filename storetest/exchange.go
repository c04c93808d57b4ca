package storetest

import (
	"reflect"
	"testing"
	"time"

	"rapport"
)

// Import, export and merge (issue 8).

func testImportWritesOneBatch(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	old := addContact(t, s, acct, &rapport.Contact{DisplayName: "Omar Haddad", Emails: []rapport.ContactPoint{{Value: "omar@example.com"}}})
	fresh := fullContact()
	fresh.CreatedAt = T0.Add(-days(30))
	merged := *old
	merged.Phones = []rapport.ContactPoint{{Label: "mobile", Value: "+971 50 123 4567"}}
	merged.Tags = []string{"gulf"}
	merged.UpdatedAt = T0.Add(time.Hour)
	var seen []int
	b := &rapport.ImportBatch{
		Contacts: []*rapport.ImportedContact{
			{Contact: fresh, Sources: []string{"vcard:lucja"}, Notes: []*rapport.Note{{Body: " Likes tea. ", CreatedAt: T0}}},
			{Contact: &merged, Changed: true, Sources: []string{"vcard:omar"}},
		},
		Progress: func(done, total int) { seen = append(seen, done, total) },
	}
	must(t, s.Import(ctx, acct, b))
	if fresh.ID == 0 || fresh.ID == old.ID || fresh.Version != 1 || merged.Version != 2 {
		t.Fatalf("after import: new %d v%d, merged v%d", fresh.ID, fresh.Version, merged.Version)
	}
	if len(seen) < 2 || seen[len(seen)-2] != 2 || seen[len(seen)-1] != 2 {
		t.Fatalf("progress reports %v, want it to end at 2 of 2", seen)
	}
	got, err := s.Contact(ctx, acct, fresh.ID)
	must(t, err)
	if !reflect.DeepEqual(got, fresh) {
		t.Fatalf("imported contact read back:\n got %+v\nwant %+v", got, fresh)
	}
	got, _ = s.Contact(ctx, acct, old.ID)
	if !reflect.DeepEqual(got, &merged) {
		t.Fatalf("merged contact read back:\n got %+v\nwant %+v", got, &merged)
	}
	notes, _ := s.Notes(ctx, acct, fresh.ID)
	if len(notes) != 1 || notes[0].Body != "Likes tea." || notes[0].ContactID != fresh.ID {
		t.Fatalf("notes of the new contact: %+v", notes)
	}
	keys, err := s.ContactSources(ctx, acct)
	must(t, err)
	if !reflect.DeepEqual(keys, map[string]int64{"vcard:lucja": fresh.ID, "vcard:omar": old.ID}) {
		t.Fatalf("contact sources = %v", keys)
	}

	// Interactions with their keys fold into the summaries.
	at := T0.Add(-days(2))
	i := &rapport.Interaction{At: at, Channel: rapport.ChannelVideo, ContactIDs: []int64{fresh.ID, old.ID}, CreatedAt: T0}
	must(t, s.Import(ctx, acct, &rapport.ImportBatch{Interactions: []*rapport.ImportedInteraction{{Interaction: i, Source: "ics:e1/20260228T093000Z"}}}))
	if i.ID == 0 || i.Outcome != rapport.OutcomeHeld || i.Version != 1 {
		t.Fatalf("imported interaction: %+v", i)
	}
	ikeys, err := s.InteractionSources(ctx, acct)
	must(t, err)
	if !reflect.DeepEqual(ikeys, map[string]int64{"ics:e1/20260228T093000Z": i.ID}) {
		t.Fatalf("interaction sources = %v", ikeys)
	}
	got, _ = s.Contact(ctx, acct, old.ID)
	if got.Summary.Interactions != 1 || got.Summary.HeldLive != 1 || !got.Summary.LastMeaningfulAt.Equal(at) {
		t.Fatalf("summary after an imported interaction: %+v", got.Summary)
	}
	// An interaction logged by hand has no key, and is never in the map.
	logInteraction(t, s, acct, &rapport.Interaction{At: T0, Channel: rapport.ChannelEmail, ContactIDs: []int64{old.ID}})
	if ikeys, _ = s.InteractionSources(ctx, acct); len(ikeys) != 1 {
		t.Fatalf("interaction sources after a logged one: %v", ikeys)
	}
}

// testFailedImportLeavesNoTrace: a stale version, a key already taken or a
// contact of no one refuses the whole batch.
func testFailedImportLeavesNoTrace(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Ana"})
	i := &rapport.Interaction{At: T0, Channel: rapport.ChannelCall, ContactIDs: []int64{c.ID}, CreatedAt: T0}
	must(t, s.Import(ctx, acct, &rapport.ImportBatch{Interactions: []*rapport.ImportedInteraction{{Interaction: i, Source: "ics:x"}}}))
	stale := *c
	stale.Org = "Changed"
	stale.Version = 7
	batches := []struct {
		name string
		b    *rapport.ImportBatch
		code rapport.ErrorCode
	}{
		{"stale version", &rapport.ImportBatch{Contacts: []*rapport.ImportedContact{
			{Contact: &rapport.Contact{DisplayName: "New", CreatedAt: T0}, Sources: []string{"vcard:new"}},
			{Contact: &stale, Changed: true},
		}}, rapport.ECONFLICT},
		{"key taken", &rapport.ImportBatch{
			Contacts: []*rapport.ImportedContact{{Contact: &rapport.Contact{DisplayName: "New", CreatedAt: T0}}},
			Interactions: []*rapport.ImportedInteraction{
				{Interaction: &rapport.Interaction{At: T0, Channel: rapport.ChannelCall, ContactIDs: []int64{c.ID}, CreatedAt: T0}, Source: "ics:y"},
				{Interaction: &rapport.Interaction{At: T0, Channel: rapport.ChannelCall, ContactIDs: []int64{c.ID}, CreatedAt: T0}, Source: "ics:x"},
			}}, rapport.ECONFLICT},
		{"no such contact", &rapport.ImportBatch{
			Contacts: []*rapport.ImportedContact{{Contact: &rapport.Contact{DisplayName: "New", CreatedAt: T0}}},
			Interactions: []*rapport.ImportedInteraction{
				{Interaction: &rapport.Interaction{At: T0, Channel: rapport.ChannelCall, ContactIDs: []int64{999}, CreatedAt: T0}, Source: "ics:z"},
			}}, rapport.EINVALID},
		{"invalid contact", &rapport.ImportBatch{Contacts: []*rapport.ImportedContact{
			{Contact: &rapport.Contact{DisplayName: "New", CreatedAt: T0}},
			{Contact: &rapport.Contact{DisplayName: "Bad", Emails: []rapport.ContactPoint{{Value: "not-an-email"}}, CreatedAt: T0}},
		}}, rapport.EINVALID},
	}
	for _, tc := range batches {
		wantCode(t, s.Import(ctx, acct, tc.b), tc.code)
		cs, _ := s.Contacts(ctx, acct, rapport.ContactFilter{})
		keys, _ := s.ContactSources(ctx, acct)
		ikeys, _ := s.InteractionSources(ctx, acct)
		got, _ := s.Contact(ctx, acct, c.ID)
		if len(cs) != 1 || len(keys) != 0 || len(ikeys) != 1 || got.Org != "" || got.Summary.Interactions != 1 {
			t.Fatalf("%s: a refused import left %d contacts, keys %v and %v, %+v", tc.name, len(cs), keys, ikeys, got)
		}
	}
}

func testMergeContacts(t *testing.T, s rapport.Store) {
	acct := newAccount(t, s, "a")
	a := addContact(t, s, acct, &rapport.Contact{DisplayName: "Zofia Kowalczyk", Emails: []rapport.ContactPoint{{Value: "zofia@acme.pl"}}})
	b := addContact(t, s, acct, &rapport.Contact{DisplayName: "Zosia K.", Emails: []rapport.ContactPoint{{Value: "zosia@example.pl"}}, Org: "Acme"})
	other := addContact(t, s, acct, &rapport.Contact{DisplayName: "Omar"})
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(10)), Channel: rapport.ChannelEmail, ContactIDs: []int64{a.ID}})
	shared := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(5)), Channel: rapport.ChannelInPerson, ContactIDs: []int64{a.ID, b.ID, other.ID}})
	onlyB := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(1)), Channel: rapport.ChannelCall, Direction: rapport.Inbound, ContactIDs: []int64{b.ID}})
	must(t, s.AddNote(ctx, acct, &rapport.Note{ContactID: b.ID, Body: "met at the fair", CreatedAt: T0}))
	must(t, s.CreateEffort(ctx, acct, &rapport.Effort{ContactID: b.ID, StartedAt: T0}))
	p := &rapport.Promise{ContactID: b.ID, By: rapport.ByThem, What: "intro", CreatedAt: T0}
	must(t, s.CreatePromise(ctx, acct, p))
	f := &rapport.Favor{ContactID: b.ID, Dir: rapport.FavorReceived, Kind: rapport.FavorAdvice, At: T0}
	must(t, s.AddFavor(ctx, acct, f))
	must(t, s.AddTrustEvent(ctx, acct, &rapport.TrustEvent{ContactID: b.ID, Kind: rapport.TrustBreach, At: T0}))
	must(t, s.Import(ctx, acct, &rapport.ImportBatch{Contacts: []*rapport.ImportedContact{{Contact: b, Sources: []string{"linkedin:zosia"}}}}))

	keep, _ := s.Contact(ctx, acct, a.ID)
	drop, _ := s.Contact(ctx, acct, b.ID)
	wantCode(t, func() error { _, err := s.MergeContacts(ctx, acct, keep, keep, T0); return err }(), rapport.EINVALID)
	staleDrop := *drop
	staleDrop.Version--
	_, err := s.MergeContacts(ctx, acct, keep, &staleDrop, T0)
	wantCode(t, err, rapport.ECONFLICT)
	keep.Emails = append(keep.Emails, drop.Emails...)
	keep.Org = drop.Org
	keep.UpdatedAt = T0
	counts, err := s.MergeContacts(ctx, acct, keep, drop, T0)
	must(t, err)
	want := rapport.MergeCounts{Interactions: 2, Notes: 1, Efforts: 1, Promises: 1, Favors: 1, TrustEvents: 1}
	if counts != want {
		t.Fatalf("merge moved %+v, want %+v", counts, want)
	}
	got, _ := s.Contact(ctx, acct, a.ID)
	if got.Org != "Acme" || len(got.Emails) != 2 || got.Version != 2 || got.Summary.Interactions != 3 ||
		got.Summary.Inbound != 1 || got.Summary.HeldLive != 2 || !got.Summary.LastAt.Equal(T0.Add(-days(1))) {
		t.Fatalf("kept contact after the merge: %+v", got)
	}
	gone, _ := s.Contact(ctx, acct, b.ID)
	if gone.DeletedAt == nil || gone.Summary.Interactions != 0 || gone.Summary.LastAt != nil || drop.DeletedAt == nil {
		t.Fatalf("merged contact: %+v", gone)
	}
	is, _ := s.Interactions(ctx, acct, rapport.InteractionFilter{ContactID: b.ID})
	if len(is) != 0 {
		t.Fatalf("the merged contact keeps interactions: %+v", is)
	}
	sh, _ := s.Interaction(ctx, acct, shared.ID)
	if !reflect.DeepEqual(sh.ContactIDs, []int64{a.ID, other.ID}) || sh.Version != 2 {
		t.Fatalf("the shared meeting after the merge: %+v", sh)
	}
	ob, _ := s.Interaction(ctx, acct, onlyB.ID)
	if !reflect.DeepEqual(ob.ContactIDs, []int64{a.ID}) {
		t.Fatalf("the merged contact's call: %+v", ob)
	}
	rf := rapport.RelationshipFilter{ContactID: a.ID}
	notes, _ := s.Notes(ctx, acct, a.ID)
	efforts, _ := s.Efforts(ctx, acct, rf)
	promises, _ := s.Promises(ctx, acct, rf)
	favors, _ := s.Favors(ctx, acct, rf)
	trust, _ := s.TrustEvents(ctx, acct, rf)
	if len(notes) != 1 || len(efforts) != 1 || len(promises) != 1 || promises[0].Version != 2 || len(favors) != 1 || favors[0].Version != 2 || len(trust) != 1 {
		t.Fatalf("records of the kept contact: notes %v efforts %v promises %v favors %v trust %v", notes, efforts, promises, favors, trust)
	}
	keys, _ := s.ContactSources(ctx, acct)
	if keys["linkedin:zosia"] != a.ID {
		t.Fatalf("sources after the merge: %v", keys)
	}
	o, _ := s.Contact(ctx, acct, other.ID)
	if o.Summary.Interactions != 1 {
		t.Fatalf("a third contact's summary changed: %+v", o.Summary)
	}
	// Merging a contact in the trash, or a stale kept one, is refused.
	keep, _ = s.Contact(ctx, acct, a.ID)
	_, err = s.MergeContacts(ctx, acct, keep, gone, T0)
	wantCode(t, err, rapport.EINVALID)
	keep.Version--
	o, _ = s.Contact(ctx, acct, other.ID)
	_, err = s.MergeContacts(ctx, acct, keep, o, T0)
	wantCode(t, err, rapport.ECONFLICT)
	if o, _ = s.Contact(ctx, acct, other.ID); o.DeletedAt != nil {
		t.Fatal("a refused merge trashed the contact")
	}
}

// fillAccount writes a little of everything into an account.
func fillAccount(t *testing.T, s rapport.Store, acct int64) {
	t.Helper()
	a := addContact(t, s, acct, fullContact())
	b := addContact(t, s, acct, &rapport.Contact{DisplayName: "أحمد الخطيب", Kind: rapport.KindMentor, Emails: []rapport.ContactPoint{{Value: "ahmad@example.com"}}})
	c := addContact(t, s, acct, &rapport.Contact{DisplayName: "Gone", CreatedAt: T0.Add(-days(400))})
	logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(3)), Channel: rapport.ChannelInPerson, Note: "lunch", ContactIDs: []int64{a.ID, b.ID}})
	i := logInteraction(t, s, acct, &rapport.Interaction{At: T0.Add(-days(300)), Channel: rapport.ChannelCall, Invitation: true, ContactIDs: []int64{c.ID}})
	must(t, i.SetOutcome(rapport.OutcomeNoResponse))
	i.UpdatedAt = T0.Add(time.Minute)
	must(t, s.UpdateInteraction(ctx, acct, i))
	must(t, s.Import(ctx, acct, &rapport.ImportBatch{
		Contacts: []*rapport.ImportedContact{{Contact: b, Sources: []string{"linkedin:https://www.linkedin.com/in/ahmad"}}},
		Interactions: []*rapport.ImportedInteraction{{Interaction: &rapport.Interaction{At: T0.Add(-days(40)), Channel: rapport.ChannelVideo,
			Direction: rapport.Inbound, ContactIDs: []int64{b.ID}, CreatedAt: T0}, Source: "ics:abc/20260121T093000Z"}},
	}))
	must(t, s.AddNote(ctx, acct, &rapport.Note{ContactID: a.ID, Body: "prefers mornings", CreatedAt: T0}))
	must(t, s.CreateEffort(ctx, acct, &rapport.Effort{ContactID: a.ID, Goal: "Q3 launch", StartedAt: T0.Add(-days(7))}))
	due := T0.Add(days(3))
	p := &rapport.Promise{ContactID: a.ID, By: rapport.ByMe, What: "send the deck", Due: &due, CreatedAt: T0}
	must(t, s.CreatePromise(ctx, acct, p))
	must(t, p.Resolve(rapport.PromiseKept, T0.Add(time.Hour)))
	must(t, s.UpdatePromise(ctx, acct, p))
	must(t, s.AddFavor(ctx, acct, &rapport.Favor{ContactID: b.ID, Dir: rapport.FavorAsked, Kind: rapport.FavorIntro, Outcome: rapport.FavorGranted, Thanked: true, At: T0}))
	must(t, s.AddTrustEvent(ctx, acct, &rapport.TrustEvent{ContactID: b.ID, Kind: rapport.TrustBreach, Note: "took credit", At: T0}))
	set := rapport.DefaultSettings()
	set.CadenceInnerDays = 10
	must(t, s.SaveSettings(ctx, acct, set))
	must(t, s.DeleteContact(ctx, acct, c.ID, T0.Add(time.Hour)))
}

func testArchiveRestoresExactly(t *testing.T, s rapport.Store) {
	from := newAccount(t, s, "from")
	fillAccount(t, s, from)
	a, err := s.ReadArchive(ctx, from)
	must(t, err)
	if len(a.Contacts) != 3 || len(a.Interactions) != 3 || len(a.Notes) != 1 || len(a.Efforts) != 1 || len(a.Promises) != 1 ||
		len(a.Favors) != 1 || len(a.TrustEvents) != 1 || len(a.ContactSources) != 1 || len(a.InteractionSources) != 1 ||
		a.Settings.CadenceInnerDays != 10 || a.Contacts[2].DeletedAt == nil {
		t.Fatalf("archive: %d contacts, %d interactions, %d notes, %d efforts, %d promises, %d favors, %d trust events, sources %v %v, settings %+v",
			len(a.Contacts), len(a.Interactions), len(a.Notes), len(a.Efforts), len(a.Promises), len(a.Favors), len(a.TrustEvents),
			a.ContactSources, a.InteractionSources, a.Settings)
	}
	to := newAccount(t, s, "to")
	want, _ := s.ReadArchive(ctx, from) // RestoreArchive may tidy what it is given
	must(t, s.RestoreArchive(ctx, to, a))
	got, err := s.ReadArchive(ctx, to)
	must(t, err)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("restored archive differs:\n got %+v\nwant %+v", got, want)
	}
	// New records follow the restored ids; a second restore is refused.
	n := addContact(t, s, to, &rapport.Contact{DisplayName: "Next"})
	if n.ID != 4 {
		t.Fatalf("first contact after a restore has id %d, want 4", n.ID)
	}
	wantCode(t, s.RestoreArchive(ctx, to, want), rapport.ECONFLICT)
	// A record about a contact the archive does not hold is refused, whole.
	bad, _ := s.ReadArchive(ctx, from)
	bad.Notes[0].ContactID = 99
	empty := newAccount(t, s, "empty")
	wantCode(t, s.RestoreArchive(ctx, empty, bad), rapport.EINVALID)
	if cs, _ := s.Contacts(ctx, empty, rapport.ContactFilter{}); len(cs) != 0 {
		t.Fatalf("a refused restore left %d contacts", len(cs))
	}
	bad, _ = s.ReadArchive(ctx, from)
	bad.Interactions[0].ID = 0
	wantCode(t, s.RestoreArchive(ctx, empty, bad), rapport.EINVALID)
}

// testExchangeIsolation: keys, archives and merges never cross accounts.
func testExchangeIsolation(t *testing.T, s rapport.Store) {
	mine := newAccount(t, s, "mine")
	theirs := newAccount(t, s, "theirs")
	fillAccount(t, s, theirs)
	m := addContact(t, s, mine, &rapport.Contact{DisplayName: "Mine"})
	for _, read := range []func() (map[string]int64, error){
		func() (map[string]int64, error) { return s.ContactSources(ctx, mine) },
		func() (map[string]int64, error) { return s.InteractionSources(ctx, mine) },
	} {
		keys, err := read()
		must(t, err)
		if len(keys) != 0 {
			t.Fatalf("another account's keys are visible: %v", keys)
		}
	}
	a, err := s.ReadArchive(ctx, mine)
	must(t, err)
	if len(a.Contacts) != 1 || len(a.Interactions)+len(a.Notes)+len(a.Efforts)+len(a.Promises)+len(a.Favors)+len(a.TrustEvents) != 0 || a.Settings != rapport.DefaultSettings() {
		t.Fatalf("my archive holds another account's data: %+v", a)
	}
	// Their contact 2 is not mine: merging it, or logging with it, fails.
	theirsTwo, _ := s.Contact(ctx, theirs, 2)
	_, err = s.MergeContacts(ctx, mine, m, theirsTwo, T0)
	wantCode(t, err, rapport.ENOTFOUND)
	two := &rapport.Interaction{At: T0, Channel: rapport.ChannelCall, ContactIDs: []int64{2}, CreatedAt: T0}
	wantCode(t, s.Import(ctx, mine, &rapport.ImportBatch{Interactions: []*rapport.ImportedInteraction{{Interaction: two, Source: "ics:abc/20260121T093000Z"}}}), rapport.EINVALID)
	// The same key may be used in each account.
	i := &rapport.Interaction{At: T0, Channel: rapport.ChannelCall, ContactIDs: []int64{m.ID}, CreatedAt: T0}
	must(t, s.Import(ctx, mine, &rapport.ImportBatch{
		Contacts:     []*rapport.ImportedContact{{Contact: m, Sources: []string{"linkedin:https://www.linkedin.com/in/ahmad"}}},
		Interactions: []*rapport.ImportedInteraction{{Interaction: i, Source: "ics:abc/20260121T093000Z"}},
	}))
	if th, _ := s.ReadArchive(ctx, theirs); len(th.Interactions) != 3 || th.ContactSources[0].ContactID != 2 {
		t.Fatalf("their archive after my import: %+v", th)
	}
}
