package app_test

import (
	"reflect"
	"slices"
	"testing"

	"rapport"
	"rapport/app"
)

func TestMergeKeepsEverythingOfBoth(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		svc, a := newAccount(t, engine)
		ctx := t.Context()
		keep := mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Zofia Kowalczyk", Kind: rapport.KindClient, Tier: rapport.TierCore,
			Emails: []rapport.ContactPoint{{Value: "zofia@acme.pl"}}, Tags: []string{"vip"}})
		drop := mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Zosia", Org: "Acme", Kind: rapport.KindFriend,
			Emails: []rapport.ContactPoint{{Label: "home", Value: "ZOFIA@acme.pl"}, {Label: "home", Value: "zosia@example.pl"}},
			Phones: []rapport.ContactPoint{{Label: "mobile", Value: "+48 600 100 200"}}, Tags: []string{"warsaw"},
			Birthday: &rapport.Birthday{Month: 3, Day: 14}})
		if err := svc.Log(ctx, a.ID, &rapport.Interaction{Channel: rapport.ChannelCall, ContactIDs: []int64{keep.ID}}); err != nil {
			t.Fatal(err)
		}
		if err := svc.Log(ctx, a.ID, &rapport.Interaction{Channel: rapport.ChannelInPerson, Direction: rapport.Inbound, ContactIDs: []int64{drop.ID}}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AddNote(ctx, a.ID, drop.ID, "likes tea"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.RecordTrust(ctx, a.ID, drop, rapport.TrustBreach, "took credit"); err != nil {
			t.Fatal(err)
		}
		res, err := svc.MergeContacts(ctx, a.ID, keep.ID, drop.ID)
		if err != nil {
			t.Fatal(err)
		}
		k := res.Contact
		if k.Kind != rapport.KindClient || k.Org != "Acme" || k.Birthday == nil || len(k.Emails) != 2 || len(k.Phones) != 1 ||
			!slices.Equal(k.Tags, []string{"vip", "warsaw"}) || k.Summary.Interactions != 2 || k.Summary.Inbound != 1 {
			t.Fatalf("kept contact: %+v", k)
		}
		if !slices.Equal(res.Added, []string{"email", "phone", "tag", "org", "birthday"}) {
			t.Fatalf("added %v", res.Added)
		}
		want := rapport.MergeCounts{Interactions: 1, Notes: 1, TrustEvents: 1}
		if res.Moved != want || res.Merged.DeletedAt == nil || res.Merged.Summary != (rapport.Summary{}) {
			t.Fatalf("moved %+v, merged %+v", res.Moved, res.Merged)
		}
		st, err := svc.Status(ctx, a.ID, k)
		if err != nil {
			t.Fatal(err)
		}
		if st.Trust.Breaches != 1 {
			t.Fatalf("the kept contact's trust after the merge: %+v", st.Trust)
		}
		// The merged contact is no longer a likely duplicate.
		ds, err := svc.Duplicates(ctx, a.ID)
		if err != nil || len(ds) != 0 {
			t.Fatalf("duplicates after the merge: %+v, %v", ds, err)
		}
	})
}

func TestDuplicatesShareAnEmailAPhoneOrAName(t *testing.T) {
	svc, a := newAccount(t, "sqlite")
	ctx := t.Context()
	mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Łukasz Nowak", Phones: []rapport.ContactPoint{{Value: "+48 600 100 200"}}})
	mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "lukasz nowak", Phones: []rapport.ContactPoint{{Value: "0048600100200"}}})
	mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Ana", Emails: []rapport.ContactPoint{{Value: "ana@example.com"}}})
	mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Ana Silva", Emails: []rapport.ContactPoint{{Value: "Ana@Example.com"}}})
	mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Omar"})
	ds, err := svc.Duplicates(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []app.Duplicate{
		{Contacts: []app.DuplicateContact{{ID: 1, Name: "Łukasz Nowak"}, {ID: 2, Name: "lukasz nowak"}},
			Reasons: []app.DuplicateReason{{By: "phone", Value: "+48 600 100 200"}, {By: "name", Value: "Łukasz Nowak"}}},
		{Contacts: []app.DuplicateContact{{ID: 3, Name: "Ana"}, {ID: 4, Name: "Ana Silva"}},
			Reasons: []app.DuplicateReason{{By: "email", Value: "ana@example.com"}}},
	}
	if !reflect.DeepEqual(ds, want) {
		t.Fatalf("duplicates:\n got %+v\nwant %+v", ds, want)
	}
}
