package importer

import (
	"os"
	"slices"
	"strings"
	"testing"

	"rapport"
)

// card wraps properties in a vCard 4.0, CRLF line ends: the BEGIN line is
// line 1, VERSION line 2, the first property line 3.
func card(props ...string) string {
	return "BEGIN:VCARD\r\nVERSION:4.0\r\n" + strings.Join(props, "\r\n") + "\r\nEND:VCARD\r\n"
}

func parseVCard(t *testing.T, s string, opts Options) ([]Record, []Skipped, error) {
	t.Helper()
	return ParseVCard(strings.NewReader(s), opts)
}

func TestParseVCardReadsWhatRapportKeeps(t *testing.T) {
	f, err := os.Open("testdata/contacts.vcf")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, skipped, err := ParseVCard(f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || len(skipped) != 1 {
		t.Fatalf("got %d records and %d skipped (%v), want 4 and the group card", len(recs), len(skipped), skipped)
	}
	if s := skipped[0]; s.Line != 38 || s.Malformed() || !strings.Contains(s.Reason.Error(), "group") {
		t.Errorf("skipped = %+v, want the group card at line 38, not malformed", s)
	}

	z := recs[0]
	c := z.Contact
	want := rapport.Contact{
		DisplayName: "Zofia Łukasiewicz-Wójcik", GivenName: "Zofia", FamilyName: "Łukasiewicz-Wójcik",
		Org: "Bank Pomorski", Title: "Dyrektorka ds. ryzyka", Lang: "pl", Gender: rapport.GenderFeminine,
	}
	if c.DisplayName != want.DisplayName || c.GivenName != want.GivenName || c.FamilyName != want.FamilyName ||
		c.Org != want.Org || c.Title != want.Title || c.Lang != want.Lang || c.Gender != want.Gender {
		t.Errorf("contact = %+v, want %+v", c, want)
	}
	wantEmails := []rapport.ContactPoint{{Label: "work", Value: "zofia.wojcik@bankpomorski.pl"}, {Label: "home", Value: "zosia.w@example.pl"}}
	wantPhones := []rapport.ContactPoint{{Label: "mobile", Value: "+48 600 100 200"}, {Label: "work", Value: "+48 58 123 45 67"}}
	if !slices.Equal(c.Emails, wantEmails) || !slices.Equal(c.Phones, wantPhones) {
		t.Errorf("emails %v phones %v, want %v %v", c.Emails, c.Phones, wantEmails, wantPhones)
	}
	if c.Birthday == nil || c.Birthday.String() != "--03-14" {
		t.Errorf("birthday = %v, want --03-14", c.Birthday)
	}
	if !slices.Equal(c.Tags, []string{"gdańsk", "klienci"}) {
		t.Errorf("tags = %v", c.Tags)
	}
	if z.Line != 1 || z.UID != "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1" || !z.HasPhoto {
		t.Errorf("record = line %d uid %q photo %v", z.Line, z.UID, z.HasPhoto)
	}
	if want := "Poznałyśmy się na konferencji w Sopocie; lubi kawę, nie herbatę.\nDzieci: Ania i Staś."; z.Note != want {
		t.Errorf("note = %q, want %q", z.Note, want)
	}

	a := recs[1]
	if a.Line != 20 || a.Contact.DisplayName != "أحمد الخطيب" || a.Contact.FamilyName != "الخطيب" || a.Contact.Org != "شركة الخليج للاستشارات" || !a.HasPhoto || a.UID != "" {
		t.Errorf("Arabic card = line %d %+v photo %v uid %q", a.Line, a.Contact, a.HasPhoto, a.UID)
	}
	if p := a.Contact.Phones; len(p) != 1 || p[0].Label != "mobile" {
		t.Errorf("Apple's item1.X-ABLabel should make the phone mobile: %v", p)
	}
	if b := a.Contact.Birthday; b == nil || b.String() != "--11-02" {
		t.Errorf("X-APPLE-OMIT-YEAR birthday = %v, want --11-02", b)
	}

	if o := recs[2].Contact; o.DisplayName != "Acme Sp. z o.o." {
		t.Errorf("an organisation's card is named by ORG: %q", o.DisplayName)
	}
	if p := recs[3]; p.Line != 44 || p.Contact.DisplayName != "Paweł Nowak" || p.Contact.Birthday.String() != "1979-06-05" || p.Contact.Phones[0].Label != "home" {
		t.Errorf("vCard 3 card = line %d %+v", p.Line, p.Contact)
	}
}

func TestParseVCardNamesAContactFromWhatItHas(t *testing.T) {
	for _, tc := range []struct {
		name  string
		props []string
		want  string
	}{
		{"FN", []string{"FN:Ala Kot", "N:Kot;Alicja;;;"}, "Ala Kot"},
		{"N alone", []string{"N:Kowalska;Anna;Maria;Dr.;"}, "Anna Kowalska"},
		{"ORG alone", []string{"ORG:Politechnika Gdańska;Wydział ETI"}, "Politechnika Gdańska"},
		{"EMAIL alone", []string{"EMAIL:Kontakt@Example.pl"}, "kontakt@example.pl"},
		{"TEL alone", []string{"TEL:+48 600 700 800"}, "+48 600 700 800"},
		{"FN with escapes", []string{`FN:Nowak\, Jan`}, "Nowak, Jan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs, _, err := parseVCard(t, card(tc.props...), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := recs[0].Contact.DisplayName; got != tc.want {
				t.Fatalf("display name = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseVCardBirthdays(t *testing.T) {
	for _, tc := range []struct {
		prop    string
		want    string // the birthday, "" for none
		warning string // a warning holding this, "" for none
		err     string // the whole error message, "" for none
	}{
		{prop: "BDAY:19850314", want: "1985-03-14"},
		{prop: "BDAY:1985-03-14", want: "1985-03-14"},
		{prop: "BDAY:--0314", want: "--03-14"},
		{prop: "BDAY:--03-14", want: "--03-14"},
		{prop: "BDAY;VALUE=date:1985-03-14T00:00:00Z", want: "1985-03-14"},
		{prop: "BDAY:19531015T231000Z", want: "1953-10-15"},
		{prop: "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14", want: "--03-14"},
		{prop: "BDAY:2000-02-29", want: "2000-02-29"},
		{prop: "BDAY:--0229", want: "--02-29"},
		{prop: "BDAY:1850-03-14", want: "--03-14", warning: "kept without its year"},
		{prop: "BDAY:1985", warning: `line 4: BDAY: "1985" left out: a year without its day`},
		{prop: "BDAY:1985-03", warning: "a month without its day"},
		{prop: "BDAY:---14", warning: "a day without its month"},
		{prop: "BDAY;VALUE=text:circa 1800", warning: `line 4: BDAY: "circa 1800" left out: not a date`},
		{prop: "BDAY:", want: ""},
		{prop: "BDAY:31-02", err: `line 4: BDAY: invalid value "31-02": not a date: use YYYY-MM-DD, or --MM-DD when the year is unknown`},
		{prop: "BDAY:1985-02-31", err: `line 4: BDAY: invalid value "1985-02-31": no such day`},
		{prop: "BDAY:2001-02-29", err: "no such day"},
		{prop: "BDAY:--1301", err: "no such day"},
		{prop: "BDAY:14/03/1985", err: "not a date"},
	} {
		t.Run(tc.prop, func(t *testing.T) {
			recs, _, err := parseVCard(t, card("FN:X", tc.prop), Options{})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || rapport.ErrorCodeOf(err) != rapport.EINVALID {
					t.Fatalf("error = %v, want an invalid error holding %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r := recs[0]
			got := ""
			if r.Contact.Birthday != nil {
				got = r.Contact.Birthday.String()
			}
			if got != tc.want {
				t.Errorf("birthday = %q, want %q", got, tc.want)
			}
			if tc.warning == "" && len(r.Warnings) > 0 || tc.warning != "" && (len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0].Message, tc.warning)) {
				t.Errorf("warnings = %q, want one holding %q", r.Warnings, tc.warning)
			}
		})
	}
}

func TestParseVCardLabelsEmailsAndPhones(t *testing.T) {
	for _, tc := range []struct {
		prop, want string
	}{
		{"TEL;TYPE=cell:600100200", "mobile"},
		{"TEL;TYPE=CELL,VOICE:600100200", "mobile"},
		{"TEL;type=WORK;type=CELL:600100200", "mobile"},
		{"TEL;TYPE=work:600100200", "work"},
		{"TEL;TYPE=home:600100200", "home"},
		{"TEL;TYPE=fax:600100200", "other"},
		{"TEL;TYPE=voice:600100200", "work"},
		{"TEL:600100200", "work"},
		{"TEL;VALUE=uri;TYPE=home:tel:+48-600-100-200", "home"},
		{"EMAIL;TYPE=INTERNET;TYPE=HOME:a@example.pl", "home"},
		{"EMAIL;TYPE=pref:a@example.pl", "work"},
		{"EMAIL;TYPE=x-private:a@example.pl", "other"},
	} {
		t.Run(tc.prop, func(t *testing.T) {
			recs, _, err := parseVCard(t, card("FN:X", tc.prop), Options{})
			if err != nil {
				t.Fatal(err)
			}
			ps := append(recs[0].Contact.Phones, recs[0].Contact.Emails...)
			if len(ps) != 1 || ps[0].Label != tc.want {
				t.Fatalf("points = %v, want one labelled %q", ps, tc.want)
			}
		})
	}
}

func TestParseVCardRefusesMalformedInputNamingTheLine(t *testing.T) {
	for _, tc := range []struct {
		name, in, err string
	}{
		{"not a vCard", "hello\r\n", `line 1: not a vCard: expected BEGIN:VCARD, found "hello"`},
		{"empty", "", "line 1: not a vCard: no BEGIN:VCARD"},
		{"no END", "BEGIN:VCARD\r\nFN:X\r\n", "line 1: BEGIN:VCARD has no END:VCARD: the file ends at line 2"},
		{"a new card before END", "BEGIN:VCARD\r\nFN:X\r\nBEGIN:VCARD\r\nFN:Y\r\nEND:VCARD\r\n", "line 1: BEGIN:VCARD has no END:VCARD before line 3"},
		{"no colon", card("FN:X", "NOTE Zadzwonić"), `line 4: not a vCard property: no colon in "NOTE Zadzwonić"`},
		{"bad email", card("FN:X", "EMAIL:jan(at)example.pl"), `line 4: EMAIL: invalid value "jan(at)example.pl": not an email address`},
		{"bad phone", card("FN:X", "TEL:+48 600 100 200 wew. 12"), `line 4: TEL: invalid value "+48 600 100 200 wew. 12"`},
		{"bad language", card("FN:X", "LANG:po polsku"), `line 4: LANG: invalid value "po polsku"`},
		{"no name", card("NOTE:kto to?"), "line 1: FN: invalid value \"\": a card needs a name"},
		{"long name", card("FN:" + strings.Repeat("Ż", 101)), "line 3: FN: invalid value"},
		{"vCard 2.1", "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Kot;Ala\r\nEND:VCARD\r\n", `line 2: VERSION: invalid value "2.1": vCard 2.1 is not supported`},
		{"bad parameters", card("FN:X", `EMAIL;TYPE="work\q":a@example.pl`), "line 4: EMAIL: malformed parameters"},
		{"continuation first", " FN:X\r\n", "line 1: a continuation line"},
		{"not UTF-8", "BEGIN:VCARD\r\nFN:Pawe\xb3\r\nEND:VCARD\r\n", "line 2: not UTF-8 text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := parseVCard(t, tc.in, Options{})
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) || rapport.ErrorCodeOf(err) != rapport.EINVALID {
				t.Fatalf("error = %v, want an invalid error starting %q", err, tc.err)
			}
		})
	}
}

func TestParseVCardSkipBadListsEveryBadCardAndKeepsTheRest(t *testing.T) {
	in := card("FN:Dobra") + // lines 1-4
		card("FN:Zła", "EMAIL:zła@") + // lines 5-9
		card("FN:Też dobra") + // lines 10-13
		card("FN:Zła", "BDAY:1985-13-40") // lines 14-18
	recs, skipped, err := parseVCard(t, in, Options{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Line != 1 || recs[1].Line != 10 {
		t.Errorf("records = %+v, want the cards at lines 1 and 10", recs)
	}
	if len(skipped) != 2 || skipped[0].Line != 5 || skipped[1].Line != 14 || !skipped[0].Malformed() ||
		!strings.HasPrefix(skipped[0].Reason.Error(), "line 8: EMAIL:") || !strings.HasPrefix(skipped[1].Reason.Error(), "line 17: BDAY:") {
		t.Errorf("skipped = %v, want the cards at lines 5 and 14 with their bad lines", skipped)
	}
	if _, _, err := parseVCard(t, in, Options{}); err == nil || !strings.HasPrefix(err.Error(), "line 8: EMAIL:") {
		t.Errorf("without SkipBad, error = %v, want the first bad card's", err)
	}
}

func TestParseVCardCountsPhysicalLines(t *testing.T) {
	// Folded lines, LF line ends and blank lines all count.
	in := "BEGIN:VCARD\nVERSION:3.0\nNOTE:a long\n  note\n\nFN:Jan\nEND:VCARD\n\nBEGIN:VCARD\nFN:Ewa\nEMAIL:nie-email\nEND:VCARD\n"
	_, skipped, err := parseVCard(t, in, Options{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(skipped) != 1 || skipped[0].Line != 9 || !strings.HasPrefix(skipped[0].Reason.Error(), "line 11: EMAIL") {
		t.Fatalf("skipped = %v, want the card at line 9, bad at line 11", skipped)
	}
}

func TestParseVCardRefusesInputOverTheLimit(t *testing.T) {
	in := card("FN:X", "NOTE:"+strings.Repeat("x", 1000))
	if _, _, err := parseVCard(t, in, Options{MaxBytes: 100}); err == nil || !strings.Contains(err.Error(), "larger than 100 bytes") {
		t.Fatalf("error = %v, want the size limit", err)
	}
	if _, _, err := parseVCard(t, in, Options{MaxBytes: int64(len(in))}); err != nil {
		t.Fatalf("a file of exactly the limit: %v", err)
	}
}
