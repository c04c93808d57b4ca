package app_test

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/sqlstore/sqltest"
)

var importNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// newAccount opens an empty database on engine with an account.
func newAccount(t *testing.T, engine string) (*app.Service, rapport.Account) {
	t.Helper()
	db := sqltest.Open(t, engine)
	svc := &app.Service{Store: db, Now: func() time.Time { return importNow }}
	a, _, err := db.EnsureAccount(t.Context(), "Me", &rapport.User{DisplayName: "Maya", Lang: "en"}, importNow)
	if err != nil {
		t.Fatal(err)
	}
	return svc, a
}

func forEachEngine(t *testing.T, test func(t *testing.T, engine string)) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			test(t, engine)
		})
	}
}

func mustAdd(t *testing.T, svc *app.Service, acct int64, c *rapport.Contact) *rapport.Contact {
	t.Helper()
	if err := svc.AddContact(t.Context(), acct, c); err != nil {
		t.Fatal(err)
	}
	return c
}

func archive(t *testing.T, svc *app.Service, acct int64) *rapport.Archive {
	t.Helper()
	a, err := svc.Store.ReadArchive(t.Context(), acct)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// vcards joins cards into a file, with CRLF line ends.
func vcards(cards ...string) string {
	var b strings.Builder
	for _, c := range cards {
		b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\n")
		for l := range strings.Lines(strings.TrimSpace(c)) {
			b.WriteString(strings.TrimSpace(l) + "\r\n")
		}
		b.WriteString("END:VCARD\r\n")
	}
	return b.String()
}

func records(cs []app.ContactRecord) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

func TestImportMatchesContactsAndIsIdempotent(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		svc, a := newAccount(t, engine)
		ctx := t.Context()
		zofia := mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Zofia", Org: "Mine", Emails: []rapport.ContactPoint{{Value: "Zofia.Wojcik@Bank.example"}}, Tags: []string{"vip"}})
		omar := mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Omar Haddad", Phones: []rapport.ContactPoint{{Label: "mobile", Value: "+971501234567"}}})
		file := vcards(
			// By email, whatever its case: gets a phone, a tag, a note and
			// its empty title; its organisation stays the user's.
			`FN:Zofia Łukasiewicz-Wójcik
			ORG:Bank Pomorski
			TITLE:Risk director
			EMAIL;TYPE=work:zofia.wojcik@BANK.example
			TEL;TYPE=cell:+48 600 100 200
			CATEGORIES:clients
			NOTE:Met in Sopot.`,
			// By phone, whatever its formatting.
			`FN:O. Haddad
			TEL:00971 50 123-4567`,
			// New, with a UID.
			`UID:urn:uuid:ana
			FN:Ana Silva
			EMAIL:ana@example.com`,
			// New, with neither UID, email nor phone: found again by a
			// digest of what it holds.
			`FN:Grzegorz Brzęczyszczykiewicz
			ORG:Gmina`,
			// The same person as the UID card, by email: merged into the
			// contact the file's third card creates.
			`FN:Ana S.
			EMAIL:ANA@example.com
			TEL:+351 912 345 678`,
		)
		res, err := svc.Import(ctx, a.ID, app.ImportVCard, strings.NewReader(file), app.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := records(res.Contacts.Created); !slices.Equal(got, []string{"Ana Silva", "Grzegorz Brzęczyszczykiewicz"}) {
			t.Fatalf("created %v", got)
		}
		if got := records(res.Contacts.Merged); !slices.Equal(got, []string{"Zofia", "Ana Silva"}) {
			t.Fatalf("merged %v", got)
		}
		m, u := res.Contacts.Merged, res.Contacts.Unchanged
		if m[0].Line != 1 || m[0].ID != zofia.ID || m[0].MatchedBy != "email" || !slices.Equal(m[0].Added, []string{"phone", "tag", "title", "note"}) ||
			m[1].ID != res.Contacts.Created[0].ID || m[1].MatchedBy != "email" || !slices.Equal(m[1].Added, []string{"phone"}) {
			t.Fatalf("merges: %+v", m)
		}
		if len(u) != 1 || u[0].ID != omar.ID || u[0].MatchedBy != "phone" || u[0].Line != 11 {
			t.Fatalf("unchanged: %+v", u)
		}
		z, _ := svc.Store.Contact(ctx, a.ID, zofia.ID)
		if z.Org != "Mine" || z.Title != "Risk director" || z.DisplayName != "Zofia" || len(z.Phones) != 1 || !slices.Equal(z.Tags, []string{"clients", "vip"}) {
			t.Fatalf("Zofia after the import: %+v", z)
		}
		if o, _ := svc.Store.Contact(ctx, a.ID, omar.ID); len(o.Phones) != 1 || o.Version != 1 {
			t.Fatalf("a match that brings nothing new changes nothing: %+v", o)
		}
		ana, _ := svc.Store.Contact(ctx, a.ID, res.Contacts.Created[0].ID)
		if len(ana.Emails) != 1 || len(ana.Phones) != 1 {
			t.Fatalf("two cards of one person in the file: %+v", ana)
		}
		notes, _ := svc.Store.Notes(ctx, a.ID, zofia.ID)
		if len(notes) != 1 || notes[0].Body != "Met in Sopot." {
			t.Fatalf("notes: %+v", notes)
		}

		// The same file again changes nothing at all.
		before := archive(t, svc, a.ID)
		res, err = svc.Import(ctx, a.ID, app.ImportVCard, strings.NewReader(file), app.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Contacts.Created)+len(res.Contacts.Merged) != 0 || len(res.Contacts.Unchanged) != 5 {
			t.Fatalf("second import: %+v", res.Contacts)
		}
		for _, u := range res.Contacts.Unchanged {
			if u.ID == 0 || u.MatchedBy == "" {
				t.Fatalf("second import, unchanged record: %+v", u)
			}
		}
		if after := archive(t, svc, a.ID); !reflect.DeepEqual(before, after) {
			t.Fatalf("a second import of the same file changed the account:\nbefore %+v\nafter  %+v", before, after)
		}
	})
}

func TestImportSkipsWhatItCannotPlace(t *testing.T) {
	svc, a := newAccount(t, "sqlite")
	ctx := t.Context()
	mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Jan One", Emails: []rapport.ContactPoint{{Value: "jan@example.com"}}})
	mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Jan Two", Phones: []rapport.ContactPoint{{Value: "+48 601 000 000"}}})
	gone := mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Gone", Emails: []rapport.ContactPoint{{Value: "gone@example.com"}}})
	if err := svc.DeleteContact(ctx, a.ID, gone.ID); err != nil {
		t.Fatal(err)
	}
	file := vcards("FN:Jan\nEMAIL:jan@example.com\nTEL:+48601000000", "FN:Gone\nEMAIL:gone@example.com")
	res, err := svc.Import(ctx, a.ID, app.ImportVCard, strings.NewReader(file), app.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) != 2 || res.Skipped[0].Malformed ||
		res.Skipped[0].Reason != "line 1: matches several contacts (1 Jan One, 2 Jan Two): merge them first with `rapport contact merge`" ||
		res.Skipped[1].Reason != "line 7: matches 3 Gone, which is in the trash: restore it to import into it" {
		t.Fatalf("skipped: %+v", res.Skipped)
	}
	if len(res.Contacts.Created)+len(res.Contacts.Merged)+len(res.Contacts.Unchanged) != 0 {
		t.Fatalf("contacts: %+v", res.Contacts)
	}
}

func TestMalformedFileIsRefusedWholeUnlessSkipBad(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		svc, a := newAccount(t, engine)
		ctx := t.Context()
		file := vcards("FN:Good One\nEMAIL:one@example.com", "FN:Bad\nEMAIL:not an address", "FN:Good Two")
		before := archive(t, svc, a.ID)
		_, err := svc.Import(ctx, a.ID, app.ImportVCard, strings.NewReader(file), app.ImportOptions{})
		if rapport.ErrorCodeOf(err) != rapport.EINVALID || !strings.HasPrefix(rapport.ErrorMessage(err), "line 9: EMAIL: invalid value") {
			t.Fatalf("a malformed record: %v", err)
		}
		if after := archive(t, svc, a.ID); !reflect.DeepEqual(before, after) {
			t.Fatal("a refused import wrote something")
		}
		res, err := svc.Import(ctx, a.ID, app.ImportVCard, strings.NewReader(file), app.ImportOptions{SkipBad: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Contacts.Created) != 2 || len(res.Skipped) != 1 || !res.Skipped[0].Malformed || res.Skipped[0].Line != 6 {
			t.Fatalf("with SkipBad: %+v", res)
		}
	})
}

func TestLinkedInAndGoogleSamplesImportOnceEach(t *testing.T) {
	svc, a := newAccount(t, "sqlite")
	ctx := t.Context()
	for _, tc := range []struct {
		format  app.ImportFormat
		file    string
		created int
	}{
		{app.ImportLinkedIn, "../importer/testdata/Connections.csv", 3},
		// Zofia is in both files, by her work email: merged the second time.
		{app.ImportGoogle, "../importer/testdata/google.csv", 2},
		{app.ImportGoogle, "../importer/testdata/google_old.csv", -1},
	} {
		data, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		res, err := svc.Import(ctx, a.ID, tc.format, strings.NewReader(string(data)), app.ImportOptions{})
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if tc.created >= 0 && len(res.Contacts.Created) != tc.created {
			t.Fatalf("%s: created %v, merged %v, skipped %+v", tc.file, records(res.Contacts.Created), records(res.Contacts.Merged), res.Skipped)
		}
		for _, s := range res.Skipped {
			if s.Malformed {
				t.Fatalf("%s: malformed %+v", tc.file, s)
			}
		}
		before := archive(t, svc, a.ID)
		again, err := svc.Import(ctx, a.ID, tc.format, strings.NewReader(string(data)), app.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Contacts.Created)+len(again.Contacts.Merged) != 0 || !reflect.DeepEqual(before, archive(t, svc, a.ID)) {
			t.Fatalf("%s imported twice changed the account: %+v", tc.file, again.Contacts)
		}
	}
	cs, _ := svc.Store.Contacts(ctx, a.ID, rapport.ContactFilter{Search: "zofia.wojcik@bankpomorski.pl"})
	if len(cs) != 1 || cs[0].Org != "Bank Pomorski" || cs[0].CreatedAt.Format(time.DateOnly) != "2023-03-14" {
		t.Fatalf("Zofia, from LinkedIn (connected 14 Mar 2023) then Google: %+v", cs)
	}
	if notes, _ := svc.Store.Notes(ctx, a.ID, cs[0].ID); len(notes) != 1 {
		t.Fatalf("Google's note of Zofia: %+v", notes)
	}
}

// calendar joins events into an iCalendar file.
func calendar(events ...string) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n")
	for _, e := range events {
		b.WriteString("BEGIN:VEVENT\r\n")
		for l := range strings.Lines(strings.TrimSpace(e)) {
			b.WriteString(strings.TrimSpace(l) + "\r\n")
		}
		b.WriteString("END:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

func TestCalendarImportLogsPastMeetingsOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		svc, a := newAccount(t, engine)
		ctx := t.Context()
		zofia := mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Zofia", Emails: []rapport.ContactPoint{{Value: "zofia@acme.pl"}}})
		omar := mustAdd(t, svc, a.ID, &rapport.Contact{DisplayName: "Omar", Emails: []rapport.ContactPoint{{Value: "omar@example.com"}}})
		file := calendar(
			`UID:review@test
			DTSTART:20261110T100000Z
			DTEND:20261110T110000Z
			SUMMARY:Quarterly review
			ORGANIZER:mailto:me@example.com
			ATTENDEE;PARTSTAT=ACCEPTED:mailto:Zofia@Acme.pl
			ATTENDEE;PARTSTAT=ACCEPTED:mailto:omar@example.com
			X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij`,
			`UID:lunch@test
			DTSTART:20261112T120000Z
			DTEND:20261112T130000Z
			SUMMARY:Lunch
			LOCATION:Restauracja Pod Aniołem, Gdańsk
			ORGANIZER:mailto:omar@example.com
			ATTENDEE:mailto:me@example.com`,
			`UID:cancelled@test
			DTSTART:20261113T090000Z
			SUMMARY:Call
			STATUS:CANCELLED
			ATTENDEE:mailto:zofia@acme.pl`,
			`UID:weekly@test
			DTSTART:20261102T080000Z
			DTEND:20261102T081500Z
			RRULE:FREQ=WEEKLY;COUNT=3
			SUMMARY:Sync
			ATTENDEE:mailto:zofia@acme.pl`,
			`UID:future@test
			DTSTART:20261201T100000Z
			SUMMARY:Later
			ATTENDEE:mailto:zofia@acme.pl`,
			`UID:stranger@test
			DTSTART:20261101T100000Z
			SUMMARY:Someone else
			ATTENDEE:mailto:nobody@example.org`,
			`UID:review@test
			DTSTART:20261110T100000Z
			SUMMARY:Quarterly review, again`,
		)
		res, err := svc.Import(ctx, a.ID, app.ImportICS, strings.NewReader(file), app.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		created := res.Interactions.Created
		if len(created) != 6 {
			t.Fatalf("created %+v, skipped %+v", created, res.Skipped)
		}
		var channels []string
		for _, c := range created {
			channels = append(channels, string(c.Channel)+"/"+string(c.Outcome))
		}
		// By start: the weekly sync three times, the review, the lunch, the cancelled call.
		want := []string{"call/held", "call/held", "video/held", "in_person/held", "call/cancelled", "call/held"}
		if !slices.Equal(channels, want) {
			t.Fatalf("interactions %v, want %v", channels, want)
		}
		// The future event, the stranger's, and the UID given twice.
		if len(res.Skipped) != 3 || !strings.Contains(res.Skipped[0].Reason, "in the future") || !strings.Contains(res.Skipped[1].Reason, "no attendee") {
			t.Fatalf("skipped: %+v", res.Skipped)
		}
		z, _ := svc.Store.Contact(ctx, a.ID, zofia.ID)
		o, _ := svc.Store.Contact(ctx, a.ID, omar.ID)
		if z.Summary.Interactions != 5 || z.Summary.HeldLive != 4 || o.Summary.Interactions != 2 || o.Summary.Inbound != 1 {
			t.Fatalf("summaries: Zofia %+v, Omar %+v", z.Summary, o.Summary)
		}

		before := archive(t, svc, a.ID)
		res, err = svc.Import(ctx, a.ID, app.ImportICS, strings.NewReader(file), app.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Interactions.Created) != 0 || len(res.Interactions.Unchanged) != 6 {
			t.Fatalf("second import: %+v", res.Interactions)
		}
		if !reflect.DeepEqual(before, archive(t, svc, a.ID)) {
			t.Fatal("a second import of the same calendar changed the account")
		}
	})
}
