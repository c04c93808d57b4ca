package app_test

import (
	"cmp"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/i18n"
	"rapport/importer"
	"rapport/sqlstore/sqltest"
)

// corpusDir holds files written by other software (see its README), beside
// the repository, or RAPPORT_CORPUS.
var corpusDir = cmp.Or(os.Getenv("RAPPORT_CORPUS"), "../../shared/corpus")

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

// addJansAndGone adds two contacts a file's "Jan" could be (one by email,
// one by phone) and one in the trash (gone@example.com).
func addJansAndGone(t *testing.T, svc *app.Service, acct int64) {
	t.Helper()
	mustAdd(t, svc, acct, &rapport.Contact{DisplayName: "Jan One", Emails: []rapport.ContactPoint{{Value: "jan@example.com"}}})
	mustAdd(t, svc, acct, &rapport.Contact{DisplayName: "Jan Two", Phones: []rapport.ContactPoint{{Value: "+48 601 000 000"}}})
	gone := mustAdd(t, svc, acct, &rapport.Contact{DisplayName: "Gone", Emails: []rapport.ContactPoint{{Value: "gone@example.com"}}})
	if err := svc.DeleteContact(t.Context(), acct, gone.ID); err != nil {
		t.Fatal(err)
	}
}

func TestImportSkipsWhatItCannotPlace(t *testing.T) {
	svc, a := newAccount(t, "sqlite")
	ctx := t.Context()
	addJansAndGone(t, svc, a.ID)
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

// importSaid is an error or a warning an import gave, and what gave it.
type importSaid struct {
	where string
	err   *rapport.Error     // or
	warn  *app.RecordWarning // this
}

func (s importSaid) key() string {
	if s.err != nil {
		return s.err.Key
	}
	return s.warn.Key
}

// importCase is a file to import, in a format.
type importCase struct {
	name   string
	format app.ImportFormat
	file   string
}

// importCases are files that make every error and warning of an import
// happen: the parsers' (package importer) and the app's own.
func importCases() []importCase {
	card := func(props ...string) string { return vcards(strings.Join(props, "\n")) }
	cal := func(lines ...string) string {
		return "BEGIN:VCALENDAR\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCALENDAR\r\n"
	}
	ev := func(props ...string) string {
		return "BEGIN:VEVENT\r\n" + strings.Join(props, "\r\n") + "\r\nEND:VEVENT"
	}
	zone := func(props ...string) string {
		return cal(append(append([]string{"BEGIN:VTIMEZONE", "TZID:Custom/Zone", "BEGIN:STANDARD"}, props...), "END:STANDARD", "END:VTIMEZONE")...)
	}
	const at = "DTSTART:20250101T100000Z"
	const google = "First Name,Last Name,E-mail 1 - Value,Notes\r\n"
	const linkedIn = "Notes:\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
	return []importCase{
		{"not UTF-8", app.ImportVCard, "BEGIN:VCARD\r\nFN:Pawe\xb3\r\nEND:VCARD\r\n"},
		{"a continuation first", app.ImportVCard, " FN:X\r\n"},
		{"not a vCard", app.ImportVCard, "hello\r\n"},
		{"no vCard", app.ImportVCard, ""},
		{"a vCard not closed", app.ImportVCard, "BEGIN:VCARD\r\nFN:X\r\n"},
		{"a vCard before END", app.ImportVCard, "BEGIN:VCARD\r\nFN:X\r\nBEGIN:VCARD\r\nFN:Y\r\nEND:VCARD\r\n"},
		{"no colon in a vCard", app.ImportVCard, card("FN:X", "NOTE Zadzwonić")},
		{"END inside a vCard", app.ImportVCard, card("FN:X", "END:VCALENDAR")},
		{"vCard parameters", app.ImportVCard, card("FN:X", `EMAIL;TYPE="work\q":a@example.pl`)},
		{"vCard 2.1", app.ImportVCard, "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Kot;Ala\r\nEND:VCARD\r\n"},
		{"vCard 5.0", app.ImportVCard, "BEGIN:VCARD\r\nVERSION:5.0\r\nFN:X\r\nEND:VCARD\r\n"},
		{"a group", app.ImportVCard, card("FN:Zespół", "KIND:group")},
		{"no name", app.ImportVCard, card("NOTE:kto to?")},
		{"a bad email", app.ImportVCard, card("FN:X", "EMAIL:jan(at)example.pl")},
		{"a bad birthday", app.ImportVCard, card("FN:X", "BDAY:jutro")},
		{"no such day", app.ImportVCard, card("FN:X", "BDAY:2023-02-30")},
		{"birthdays in part", app.ImportVCard, card("FN:A", "BDAY:---14") + card("FN:B", "BDAY:--03") + card("FN:C", "BDAY:1985") +
			card("FN:D", "BDAY:1850-03-14") + card("FN:E", "BDAY;VALUE=text:circa 1800") + card("FN:F", "PHOTO:https://example.com/f.jpg")},
		{"matches", app.ImportVCard, card("FN:Jan", "EMAIL:jan@example.com", "TEL:+48601000000") + card("FN:Gone", "EMAIL:gone@example.com")},
		{"an unknown format", "outlook", ""},

		{"a Google row", app.ImportGoogle, google + ",,,met at a fair\r\n,,,\r\nAnna,Nowak,anna@example.com,x,y\r\n\"Ewa\"x,,,\r\n\"Ewa\r\nMaria\"x,,,\r\n"},
		{"not Google", app.ImportGoogle, "Name;Email\r\n"},
		{"no Google header", app.ImportGoogle, ""},
		{"LinkedIn rows", app.ImportLinkedIn, linkedIn + ",,,,,,01 Jan 2024\r\nAnna,Nowak,,,,,yesterday\r\n"},
		{"not LinkedIn", app.ImportLinkedIn, strings.Repeat("a note\r\n", 12)},
		{"no LinkedIn header", app.ImportLinkedIn, ""},

		{"not a calendar", app.ImportICS, "BEGIN:VCARD\r\nEND:VCARD\r\n"},
		{"no calendar", app.ImportICS, ""},
		{"a calendar not closed", app.ImportICS, "BEGIN:VCALENDAR\r\n" + ev(at) + "\r\nBEGIN:VEVENT\r\n" + at + "\r\n"},
		{"an event not closed", app.ImportICS, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + at + "\r\nEND:VCALENDAR\r\n"},
		{"a wrong END", app.ImportICS, cal("BEGIN:VEVENT", at, "END:VTODO")},
		{"END without BEGIN", app.ImportICS, cal("END:VEVENT")},
		{"no colon in a calendar", app.ImportICS, cal(ev(at, "SUMMARY=Spotkanie"))},
		{"long parameters", app.ImportICS, cal(ev(at, "SUMMARY;X-A="+strings.Repeat("a", 5000)+":x"))},
		{"nested too deep", app.ImportICS, cal(strings.Repeat("BEGIN:X\r\n", 20))},
		{"calendar parameters", app.ImportICS, cal(ev("DTSTART;;VALUE=DATE-TIME:20250101T100000"))},
		{"bad times", app.ImportICS, cal(ev("DTSTART:20250231T100000Z"), ev(at, "DURATION:P999999999999999999W"),
			ev(at, "RDATE;VALUE=PERIOD:20250102/20250103"), ev(at, "EXDATE:"), ev("SUMMARY:no start"),
			ev(at, "RRULE:FREQ=DAILY;DTSTART=20250101"), ev(at, "RRULE:FREQ=DAILY;INTERVAL=0"), ev(at, "RRULE:FREQ=FORTNIGHTLY"))},
		{"events read in part", app.ImportICS, cal(ev("UID:a", at, "DTEND:20250101T090000Z"), ev("UID:b", "DTSTART;TZID=Nowhere/Atlantis:20250314T093000"),
			ev("UID:c", at, "RRULE:FREQ=HOURLY"), ev("UID:d", "DTSTART:17000101T100000Z", "RRULE:FREQ=WEEKLY"),
			ev("UID:e", "DTSTART:20000101T100000Z", "RRULE:FREQ=DAILY;COUNT=6000"), ev("UID:a", at))},
		{"events not imported", app.ImportICS, cal(ev("UID:f", "DTSTART:20300101T100000Z", "ATTENDEE:mailto:jan@example.com"),
			ev("UID:r", "DTSTART:20250106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=2", "ATTENDEE:mailto:jan@example.com"),
			ev("UID:r", "RECURRENCE-ID:20250113T100000Z", "DTSTART:20250114T100000Z", "ATTENDEE:mailto:jan@example.com"),
			ev("UID:r", "RECURRENCE-ID:20250113T100000Z", "DTSTART:20250115T100000Z", "ATTENDEE:mailto:jan@example.com"))},
		{"time zone without TZID", app.ImportICS, cal("BEGIN:VTIMEZONE", "BEGIN:STANDARD", "END:STANDARD", "END:VTIMEZONE")},
		{"time zone without rules", app.ImportICS, cal("BEGIN:VTIMEZONE", "TZID:X", "END:VTIMEZONE")},
		{"time zone without offset", app.ImportICS, zone("DTSTART:19700101T000000", "TZOFFSETTO:+0100")},
		{"time zone bad offset", app.ImportICS, zone("DTSTART:19700101T000000", "TZOFFSETFROM:+5744", "TZOFFSETTO:+0100")},
		{"time zone without start", app.ImportICS, zone("TZOFFSETFROM:+0000", "TZOFFSETTO:+0100")},
		{"time zone bad start", app.ImportICS, zone("DTSTART:1970", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100")},
		{"time zone monthly", app.ImportICS, zone("DTSTART:19700101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "RRULE:FREQ=MONTHLY")},
	}
}

// TestEveryImportErrorAndWarningSaysItselfInEveryLanguage imports files
// that make every error and warning of an import happen, and the shared
// corpus of real files: each has a catalog key, which renders strictly (no
// fallback to English, no missing argument) in every language, after its
// line in the language's digits; the English is the importer's own Message.
// go test -v -run EveryImportError ./app prints one of each in each language.
func TestEveryImportErrorAndWarningSaysItselfInEveryLanguage(t *testing.T) {
	svc, a := newAccount(t, "sqlite")
	ctx := t.Context()
	addJansAndGone(t, svc, a.ID)

	var said []importSaid
	add := func(where string, err error) {
		t.Helper()
		var e *rapport.Error
		if !errors.As(err, &e) || e.Code == rapport.EINTERNAL {
			t.Fatalf("%s: %v is not an error a user can read", where, err)
		}
		said = append(said, importSaid{where: where, err: e})
	}
	read := func(where string, format app.ImportFormat, file string) {
		t.Helper()
		for _, skipBad := range []bool{false, true} {
			res, err := svc.Import(ctx, a.ID, format, strings.NewReader(file), app.ImportOptions{SkipBad: skipBad})
			if err != nil {
				add(where, err)
				continue
			}
			for _, s := range res.Skipped {
				add(where, s.Err)
				if s.Reason != s.Err.Error() {
					t.Errorf("%s: the reason %q is not the error's English %q", where, s.Reason, s.Err.Error())
				}
			}
			for _, w := range res.Warnings {
				said = append(said, importSaid{where: where, warn: &w})
			}
		}
	}
	for _, f := range importCases() {
		read(f.name, f.format, f.file)
	}
	// A file over the limit, which takes the parser's own options.
	_, _, err := importer.ParseVCard(strings.NewReader(vcards("FN:X\nNOTE:"+strings.Repeat("x", 100))), importer.Options{MaxBytes: 10})
	add("over the limit", err)
	for _, dir := range []struct {
		name   string
		format app.ImportFormat
	}{{"vcard", app.ImportVCard}, {"ics", app.ImportICS}} {
		files, _ := filepath.Glob(filepath.Join(corpusDir, dir.name, "*"))
		if len(files) == 0 {
			t.Logf("no corpus in %s: only the files above are read", filepath.Join(corpusDir, dir.name))
		}
		for _, path := range files {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			read(filepath.Base(path), dir.format, string(b))
		}
	}
	// What no file in a test makes happen: go-vcard and go-ical refusing a
	// whole that they read line by line, and rrule-go panicking.
	rare := func(key string, args map[string]any, format string, a ...any) {
		e := rapport.Errorf(rapport.EINVALID, "line 3: "+format, a...).Keyed(key, args)
		e.Line = 3
		add("rare", e)
	}
	rare("error.import.vcard_invalid", map[string]any{"cause": "vcard: invalid BEGIN value"}, "not a valid vCard: %v", "vcard: invalid BEGIN value")
	rare("error.import.ics_component", map[string]any{"field": "VEVENT", "cause": "ical: malformed"}, "%s: not a valid component: %v", "VEVENT", "ical: malformed")
	said = append(said, importSaid{where: "rare", warn: &app.RecordWarning{Line: 2,
		Message: `line 4: RRULE: "FREQ=YEARLY" not expanded: cannot be expanded: index out of range; only the first occurrence is imported`,
		Key:     "import.warning.rrule_not_expanded",
		Args:    map[string]any{"line": 4, "field": "RRULE", "value": "FREQ=YEARLY", "cause": "cannot be expanded: index out of range"}}})

	// Keys of the sources: every one is said above.
	keys := map[string]bool{"error.import.ambiguous": true, "error.import.in_trash": true, "error.import.same_event": true}
	srcs, _ := filepath.Glob("../importer/*.go")
	literal := regexp.MustCompile(`"((?:error\.import|error\.invalid|import\.warning)\.[a-z0-9_]+)"`)
	for _, f := range append(srcs, "importing.go") {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllSubmatch(src, -1) {
			keys[string(m[1])] = true
		}
	}
	if len(keys) < 60 {
		t.Fatalf("found only %d keys in the sources: %v", len(keys), keys)
	}

	ungroup := strings.NewReplacer(",", "", i18n.FSI, "", i18n.PDI, "")
	lineIn := map[string]func(n int) string{
		"en": func(n int) string { return "line " + strconv.Itoa(n) + ": " },
		"pl": func(n int) string { return "wiersz " + strconv.Itoa(n) + ": " },
		"ar": func(n int) string {
			return "السطر " + strings.Map(func(r rune) rune { return r - '0' + '٠' }, strconv.Itoa(n)) + ": "
		},
	}
	perKey := map[string]int{}
	for _, s := range said {
		key := s.key()
		if key == "" {
			t.Errorf("%s: %+v %+v has no catalog key", s.where, s.err, s.warn)
			continue
		}
		if !keys[key] && !strings.HasPrefix(key, "error.invalid.") { // the domain's, reframed
			t.Errorf("%s: %s is not named in the sources the test reads", s.where, key)
		}
		perKey[key]++
		english, args, line := "", map[string]any(nil), 0
		if s.err != nil {
			english, args, line = s.err.Message, s.err.Args, s.err.Line
		} else {
			english, args, line = s.warn.Message, s.warn.Args, s.warn.Args["line"].(int)
		}
		for _, lang := range i18n.Supported {
			tr := i18n.For(lang)
			if _, err := tr.Render(key, i18n.Args(args)); err != nil {
				t.Errorf("%s: %s: %v", s.where, lang, err)
				continue
			}
			var got string
			if s.err != nil {
				got = app.LocalizeError(tr, s.err)
			} else {
				got = app.LocalizeWarning(tr, *s.warn)
			}
			switch {
			case lang == "en" && ungroup.Replace(got) != ungroup.Replace(english):
				t.Errorf("%s: %s says %q, the catalog %q", s.where, key, english, got)
			case lang != "en" && got == english:
				t.Errorf("%s: %s: %s falls back to English: %q", s.where, lang, key, got)
			case line > 0 && !strings.HasPrefix(got, lineIn[lang](line)):
				t.Errorf("%s: %s: %q does not start with its line %d", s.where, lang, got, line)
			case testing.Verbose() && perKey[key] == 1:
				t.Logf("%s %s: %s", lang, key, got)
			}
		}
	}
	for key := range keys {
		if perKey[key] == 0 {
			t.Errorf("%s: no file above makes it happen", key)
		}
	}
}
