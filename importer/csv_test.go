package importer

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport"
)

func openTestdata(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestParseLinkedInReadsConnectionsAfterTheNotes(t *testing.T) {
	warsaw, _ := time.LoadLocation("Europe/Warsaw")
	recs, skipped, err := ParseLinkedIn(openTestdata(t, "Connections.csv"), Options{Location: warsaw})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3", len(recs))
	}
	z := recs[0]
	if z.Line != 5 || z.Contact.DisplayName != "Zofia Łukasiewicz-Wójcik" || z.Contact.Org != "Bank Pomorski" ||
		z.Contact.Title != "Dyrektorka ds. ryzyka" || z.UID != "https://www.linkedin.com/in/zofia-lw" ||
		!slices.Equal(z.Contact.Emails, []rapport.ContactPoint{{Label: "work", Value: "zofia.wojcik@bankpomorski.pl"}}) {
		t.Errorf("first record = line %d %+v uid %q", z.Line, z.Contact, z.UID)
	}
	if want := time.Date(2023, 3, 14, 0, 0, 0, 0, warsaw); !z.KnownSince.Equal(want) {
		t.Errorf("KnownSince = %v, want %v", z.KnownSince, want)
	}
	if a := recs[1]; a.Contact.DisplayName != "أحمد الخطيب" || len(a.Contact.Emails) != 0 || a.Contact.Title != "مستشار أول" {
		t.Errorf("Arabic record = %+v", a.Contact)
	}
	if g := recs[2]; g.Line != 8 || g.Contact.Org != "Chrząszczyżewoszyce, powiat Łękołody" || g.KnownSince.Day() != 5 {
		t.Errorf("quoted company = line %d %+v %v", g.Line, g.Contact, g.KnownSince)
	}
	if len(skipped) != 1 || skipped[0].Line != 7 || skipped[0].Malformed() {
		t.Errorf("skipped = %v, want the hidden connection at line 7, not malformed", skipped)
	}
}

const linkedInHeader = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"

func TestParseLinkedInRefusesMalformedRowsNamingLineAndColumn(t *testing.T) {
	for _, tc := range []struct {
		name, in, err string
	}{
		{"no header", "Notes:\nhello\n\nName,Email\n", "not LinkedIn's Connections.csv: no header with First Name, Last Name and Connected On"},
		{"header too late", strings.Repeat("Notes:\n", 11) + linkedInHeader, "line 11: not LinkedIn's Connections.csv"},
		{"bad date", linkedInHeader + "Jan,Kowalski,,,,,31 Feb 2023\n", `line 2: Connected On: invalid value "31 Feb 2023": not a date like 14 Mar 2023`},
		{"bad email", linkedInHeader + "Jan,Kowalski,,jan@,,,\n", `line 2: Email Address: invalid value "jan@": not an email address`},
		{"too many fields", linkedInHeader + "Jan,Kowalski,,,Acme, Inc.,CEO,01 Jan 2024\n", "line 2: 8 fields, but the header has 7"},
		{"broken quotes", linkedInHeader + "Jan,\"Kowal\"ski,,,,,\n", "line 2: not valid CSV"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ParseLinkedIn(strings.NewReader(tc.in), Options{})
			if err == nil || !strings.Contains(err.Error(), tc.err) || rapport.ErrorCodeOf(err) != rapport.EINVALID {
				t.Fatalf("error = %v, want an invalid error holding %q", err, tc.err)
			}
		})
	}
}

func TestParseLinkedInAcceptsTheDateFormatsItHasUsed(t *testing.T) {
	for _, v := range []string{"14 Mar 2023", "4 Mar 2023", "Mar 14 2023", "Mar 4, 2023", "2023-03-14"} {
		recs, _, err := ParseLinkedIn(strings.NewReader(linkedInHeader+"Jan,Kowalski,,,,,\""+v+"\"\n"), Options{})
		if err != nil || recs[0].KnownSince.Year() != 2023 || recs[0].KnownSince.Month() != time.March {
			t.Errorf("%q: %v, %v", v, recs, err)
		}
	}
}

func TestParseGoogleReadsTheCurrentLayout(t *testing.T) {
	recs, skipped, err := ParseGoogle(openTestdata(t, "google.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d records (%v skipped), want 3", len(recs), skipped)
	}
	z := recs[0]
	c := z.Contact
	if z.Line != 2 || c.DisplayName != "Zofia Łukasiewicz-Wójcik" || c.Org != "Bank Pomorski" || c.Title != "Dyrektorka ds. ryzyka" ||
		c.Birthday.String() != "--03-14" || !z.HasPhoto || z.Note != "Poznałyśmy się w Sopocie.\nLubi kawę." {
		t.Errorf("first record = line %d %+v photo %v note %q", z.Line, c, z.HasPhoto, z.Note)
	}
	wantEmails := []rapport.ContactPoint{{Label: "work", Value: "zofia.wojcik@bankpomorski.pl"}, {Label: "home", Value: "zosia.w@example.pl"}, {Label: "home", Value: "zosia@example.com"}}
	if !slices.Equal(c.Emails, wantEmails) {
		t.Errorf("emails = %v, want %v", c.Emails, wantEmails)
	}
	if !slices.Equal(c.Phones, []rapport.ContactPoint{{Label: "mobile", Value: "+48 600 100 200"}, {Label: "work", Value: "+48 58 123 45 67"}}) {
		t.Errorf("phones = %v", c.Phones)
	}
	if !slices.Equal(c.Tags, []string{"klienci"}) {
		t.Errorf("tags = %v, want only the user's label", c.Tags)
	}
	if a := recs[1]; a.Line != 4 || a.Contact.DisplayName != "أحمد الخطيب" || a.Contact.Birthday.String() != "1985-03-14" {
		t.Errorf("second record (after a note over two lines) = line %d %+v", a.Line, a.Contact)
	}
	if p := recs[2]; p.Line != 6 || p.Contact.DisplayName != "+48 501 234 567" {
		t.Errorf("a contact with only a phone is named by it: line %d %q", p.Line, p.Contact.DisplayName)
	}
	if len(skipped) != 1 || skipped[0].Line != 5 || skipped[0].Malformed() {
		t.Errorf("skipped = %v, want the empty row at line 5", skipped)
	}
}

func TestParseGoogleReadsTheOlderLayout(t *testing.T) {
	recs, skipped, err := ParseGoogle(openTestdata(t, "google_old.csv"), Options{})
	if err != nil || len(skipped) != 0 {
		t.Fatal(err, skipped)
	}
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2", len(recs))
	}
	z := recs[0].Contact
	if z.DisplayName != "Zofia Łukasiewicz-Wójcik" || z.Org != "Bank Pomorski" || z.Title != "Dyrektorka ds. ryzyka" ||
		z.Gender != rapport.GenderFeminine || z.Birthday.String() != "1980-03-14" || !slices.Equal(z.Tags, []string{"klienci"}) ||
		len(z.Emails) != 1 || z.Emails[0].Label != "work" || len(z.Phones) != 1 || z.Phones[0].Label != "mobile" {
		t.Errorf("first record = %+v", z)
	}
	if f := recs[1].Contact; f.DisplayName != "فاطمة الزهراء" || f.GivenName != "فاطمة" || f.Birthday.String() != "--11-02" || f.Emails[0].Label != "home" {
		t.Errorf("second record = %+v", f)
	}
}

func TestParseGoogleRefusesMalformedRowsNamingLineAndColumn(t *testing.T) {
	const header = "First Name,Last Name,Birthday,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Labels\n"
	for _, tc := range []struct {
		name, in, err string
	}{
		{"LinkedIn's file", linkedInHeader, "line 1: not a Google Contacts CSV"},
		{"bad birthday", header + "Jan,Kowalski,1985-02-30,,,,,\n", `line 2: Birthday: invalid value "1985-02-30": no such day`},
		{"bad second email", header + "Jan,Kowalski,,Work,jan@example.pl ::: jan.example.pl,,,\n", `line 2: E-mail 1 - Value: invalid value "jan.example.pl"`},
		{"bad phone", header + "Jan,Kowalski,,,,Mobile,zadzwoń,\n", `line 2: Phone 1 - Value: invalid value "zadzwoń"`},
		{"bad label", header + "Jan,Kowalski,,,,,,\"a,b\"\n", `line 2: Labels: invalid value "a,b"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ParseGoogle(strings.NewReader(tc.in), Options{})
			if err == nil || !strings.Contains(err.Error(), tc.err) || rapport.ErrorCodeOf(err) != rapport.EINVALID {
				t.Fatalf("error = %v, want an invalid error holding %q", err, tc.err)
			}
		})
	}
}

func TestParseCSVCountsLinesAndSkipsABOM(t *testing.T) {
	in := "\ufeff" + linkedInHeader +
		"Jan,Kowalski,,,\"Firma\nz nową linią\",,\n" + // lines 2-3
		"Ewa,Nowak,,ewa@,,,\n" // line 4
	recs, skipped, err := ParseLinkedIn(strings.NewReader(in), Options{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Line != 2 || recs[0].Contact.Org != "Firma\nz nową linią" {
		t.Errorf("records = %+v", recs)
	}
	if len(skipped) != 1 || skipped[0].Line != 4 || !skipped[0].Malformed() || !strings.HasPrefix(skipped[0].Reason.Error(), "line 4: Email Address") {
		t.Errorf("skipped = %v, want line 4", skipped)
	}
}
