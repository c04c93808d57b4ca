package cli

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rapport/sqlstore/sqltest"
)

// corpusDir holds files written by other software (see its README), beside
// the repository, or RAPPORT_CORPUS.
var corpusDir = cmp.Or(os.Getenv("RAPPORT_CORPUS"), "../../shared/corpus")

// writeFile writes a test file and returns its path.
func writeTestFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func card(lines ...string) string {
	return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCARD\r\n"
}

// importJSON is what import --json prints.
type importJSON struct {
	File     string `json:"file"`
	Format   string `json:"format"`
	Contacts struct {
		Created, Merged, Unchanged []struct {
			Line      int      `json:"line"`
			ID        int64    `json:"id"`
			Name      string   `json:"name"`
			MatchedBy string   `json:"matched_by"`
			Added     []string `json:"added"`
		}
	} `json:"contacts"`
	Interactions struct {
		Created, Unchanged []struct {
			Line       int     `json:"line"`
			ID         int64   `json:"id"`
			Channel    string  `json:"channel"`
			ContactIDs []int64 `json:"contact_ids"`
		}
	} `json:"interactions"`
	Skipped []struct {
		Line      int    `json:"line"`
		Reason    string `json:"reason"`
		Malformed bool   `json:"malformed"`
	} `json:"skipped"`
	Warnings []struct {
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"warnings"`
}

func (s *session) contactCount() int {
	s.t.Helper()
	var list []contactJSON
	s.json(&list, "contact", "list")
	var trash []contactJSON
	s.json(&trash, "contact", "list", "--trash")
	return len(list) + len(trash)
}

func TestImportCommand(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		s := newSession(t, engine)
		s.ok("contact", "add", "Zofia", "--email", "zofia@acme.pl", "--org", "Mine")
		good := writeTestFile(t, "people.vcf", card("FN:Zofia Kowalczyk", "ORG:Acme", "EMAIL:Zofia@Acme.pl", "TEL;TYPE=cell:+48 600 100 200")+
			card("UID:ana", "FN:Ana Silva", "EMAIL:ana@example.com"))
		out := s.ok("import", "vcard", good)
		for _, want := range []string{"Created 1 contact\n", "Merged 1 record into a matching contact:\n",
			"  people.vcf: line 1: merged into Zofia (#1): phone\n"} {
			if !strings.Contains(out, want) {
				t.Fatalf("import said:\n%s\nwant %q", out, want)
			}
		}
		var res importJSON
		s.json(&res, "import", "vcard", good)
		if res.File != good || res.Format != "vcard" || len(res.Contacts.Unchanged) != 2 || len(res.Contacts.Created)+len(res.Contacts.Merged) != 0 ||
			res.Contacts.Unchanged[0].MatchedBy != "key" || res.Contacts.Unchanged[1].ID != 2 || res.Skipped == nil || res.Warnings == nil {
			t.Fatalf("the second import: %+v", res)
		}
		if out := s.ok("import", "vcard", good); out != "2 records matched contacts and brought nothing new\n" {
			t.Fatalf("a third import said %q", out)
		}
		if out := s.ok("--lang", "pl", "import", "vcard", good); out != "2 wpisy pasowały do kontaktów i nie wniosły nic nowego\n" {
			t.Fatalf("in Polish: %q", out)
		}

		// A malformed record refuses the file, naming it and the line; nothing is written.
		bad := writeTestFile(t, "bad.vcf", card("FN:New One", "EMAIL:one@example.com")+card("FN:Broken", "EMAIL:not an address")+card("FN:New Two"))
		r := s.run("import", "vcard", bad)
		if r.code != 2 || r.stderr != "rapport: bad.vcf: line 9: EMAIL: invalid value \"not an address\": not an email address\n" {
			t.Fatalf("a malformed file: exit %d %q", r.code, r.stderr)
		}
		if n := s.contactCount(); n != 2 {
			t.Fatalf("a refused import left %d contacts, want 2", n)
		}
		if r := s.run("--lang", "ar", "import", "vcard", bad); r.code != 2 || !strings.Contains(r.stderr, "bad.vcf") || !strings.Contains(r.stderr, "السطر ٩: ") {
			t.Fatalf("in Arabic: exit %d %q", r.code, r.stderr)
		}
		// --skip-bad imports the rest and lists every record left out.
		out = s.ok("import", "vcard", bad, "--skip-bad")
		if !strings.Contains(out, "Created 2 contacts\n") || !strings.Contains(out, "Left out 1 record:\n  bad.vcf: line 9: EMAIL: invalid value") {
			t.Fatalf("--skip-bad said:\n%s", out)
		}
		// Standard input.
		var in bytes.Buffer
		in.WriteString(card("FN:From Stdin", "EMAIL:stdin@example.com"))
		env := Env{Stdin: &in, Stdout: new(bytes.Buffer), Stderr: new(bytes.Buffer), Getenv: func(k string) string { return s.env[k] }}
		if code := Main(context.Background(), []string{"import", "vcard", "-"}, env); code != 0 || !strings.Contains(fmt.Sprint(env.Stdout), "Created 1 contact") {
			t.Fatalf("from standard input: exit %d %s %s", code, env.Stdout, env.Stderr)
		}

		// Usage mistakes exit 2.
		for _, args := range [][]string{{"import", "vcard"}, {"import", "outlook", good}, {"import", "vcard", filepath.Join(t.TempDir(), "none.vcf")}} {
			if r := s.run(args...); r.code != 2 {
				t.Errorf("rapport %s: exit %d %q", strings.Join(args, " "), r.code, r.stderr)
			}
		}
		if r := s.run("import", "outlook", good); r.stderr != "rapport: FORMAT: invalid value \"outlook\": must be one of vcard, linkedin, google, ics, json\n" {
			t.Errorf("an unknown format: %q", r.stderr)
		}
	})
}

func TestImportCalendarCommand(t *testing.T) {
	s := newSession(t, "sqlite")
	s.ok("contact", "add", "Zofia", "--email", "zofia.wojcik@bankpomorski.pl")
	s.ok("contact", "add", "Ahmad", "--email", "ahmad@gulf-consult.example")
	var res importJSON
	s.json(&res, "import", "ics", "../importer/testdata/calendar.ics")
	if len(res.Interactions.Created) == 0 || len(res.Interactions.Unchanged) != 0 {
		t.Fatalf("the calendar: %+v", res.Interactions)
	}
	n := len(res.Interactions.Created)
	out := s.ok("import", "ics", "../importer/testdata/calendar.ics")
	if !strings.Contains(out, fmt.Sprintf("%d events were imported before and are left as they are\n", n)) || strings.Contains(out, "Logged") {
		t.Fatalf("the calendar again:\n%s", out)
	}
	var tl []struct{ ID int64 }
	s.json(&tl, "timeline", "zofia")
	var tl2 []struct{ ID int64 }
	s.json(&tl2, "timeline", "ahmad")
	if len(tl)+len(tl2) < n {
		t.Fatalf("timelines hold %d+%d interactions, want at least %d", len(tl), len(tl2), n)
	}
}

func TestImportSamplesFromLinkedInAndGoogle(t *testing.T) {
	s := newSession(t, "sqlite")
	out := s.ok("import", "linkedin", "../importer/testdata/Connections.csv")
	if !strings.Contains(out, "Created 3 contacts\n") || !strings.Contains(out, "Connections.csv: line 7: no name") {
		t.Fatalf("LinkedIn:\n%s", out)
	}
	out = s.ok("import", "google", "../importer/testdata/google.csv")
	if !strings.Contains(out, "Created 2 contacts\n") || !strings.Contains(out, "google.csv: line 2: merged into Zofia Łukasiewicz-Wójcik (#1)") {
		t.Fatalf("Google:\n%s", out)
	}
	for _, args := range [][]string{{"linkedin", "../importer/testdata/Connections.csv"}, {"google", "../importer/testdata/google.csv"}} {
		if out := s.ok(append([]string{"import"}, args...)...); strings.Contains(out, "Created") || strings.Contains(out, "Merged") {
			t.Fatalf("%s again:\n%s", args[0], out)
		}
	}
}

// TestCorpusFilesImportOrAreRefusedCleanly runs every file of the shared
// corpus through the whole import path: each is imported, or refused with
// a message naming the file and the line, writing nothing; with
// --skip-bad, what can be is imported. None panics or hangs.
func TestCorpusFilesImportOrAreRefusedCleanly(t *testing.T) {
	for _, kind := range []struct{ dir, format string }{{"vcard", "vcard"}, {"ics", "ics"}} {
		dir := filepath.Join(corpusDir, kind.dir)
		files, err := os.ReadDir(dir)
		if err != nil {
			t.Skipf("the corpus of real-world files is not here (%v): set RAPPORT_CORPUS to its folder to run this test", err)
		}
		s := newSession(t, "sqlite")
		// Someone to meet, for the calendars.
		s.ok("contact", "add", "Someone", "--email", "someone@example.com")
		for _, f := range files {
			path := filepath.Join(dir, f.Name())
			before := s.contactCount()
			r := s.run("import", kind.format, path)
			switch r.code {
			case 0:
			case 2:
				if !strings.HasPrefix(r.stderr, "rapport: "+f.Name()+": line ") || strings.Count(r.stderr, "\n") != 1 {
					t.Errorf("%s: refused with %q, want one line naming the file and the line", f.Name(), r.stderr)
				}
				if n := s.contactCount(); n != before {
					t.Errorf("%s: refused, yet %d contacts were written", f.Name(), n-before)
				}
				if r := s.run("import", kind.format, path, "--skip-bad"); r.code != 0 && r.code != 2 {
					t.Errorf("%s --skip-bad: exit %d %q", f.Name(), r.code, r.stderr)
				}
			default:
				t.Errorf("%s: exit %d %q", f.Name(), r.code, r.stderr)
			}
			// Imported or not, a second time adds nothing.
			if r.code == 0 {
				var res importJSON
				s.json(&res, "import", kind.format, path)
				if len(res.Contacts.Created)+len(res.Contacts.Merged)+len(res.Interactions.Created) != 0 {
					t.Errorf("%s imported twice: %+v", f.Name(), res)
				}
			}
		}
	}
}

func TestImportDrawsProgressOnATerminal(t *testing.T) {
	s := newSession(t, "sqlite")
	var b strings.Builder
	for i := 0; b.Len() < 3<<20/2; i++ {
		b.WriteString(card(fmt.Sprintf("UID:p-%d", i), fmt.Sprintf("FN:Person %d", i), fmt.Sprintf("EMAIL:p%d@example.com", i),
			"NOTE:"+strings.Repeat("A long note about this person. ", 20)))
	}
	path := writeTestFile(t, "big.vcf", b.String())
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, IsTerminal: true, Getenv: func(k string) string { return s.env[k] }}
	if code := Main(context.Background(), []string{"import", "vcard", path}, env); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"reading", "writing", "100%"} {
		if !strings.Contains(errb.String(), want) {
			t.Fatalf("progress on a terminal lacks %q:\n%q", want, errb.String())
		}
	}
	// A short file, or no terminal: no bar.
	errb.Reset()
	small := writeTestFile(t, "small.vcf", card("FN:One"))
	if code := Main(context.Background(), []string{"import", "vcard", small}, env); code != 0 || errb.Len() != 0 {
		t.Fatalf("a short file drew %q", errb.String())
	}
}

func TestExchangeCommandsRefuseAServer(t *testing.T) {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls++ }))
	defer srv.Close()
	s := &session{t: t, env: map[string]string{"TZ": "UTC", "HOME": t.TempDir(), "RAPPORT_TOKEN": "rt_1_1_x", "RAPPORT_SERVER": srv.URL}}
	// import uploads to a server (TestImportThroughAServerIsTheSameImport).
	for _, args := range [][]string{{"export", "json"}, {"backup", "x.db"}, {"contact", "merge", "1", "2"}, {"contact", "dupes"}} {
		r := s.run(args...)
		var want string
		if args[0] == "contact" {
			want = "rapport: rapport contact " + args[1]
		} else {
			want = "rapport: rapport " + args[0]
		}
		if r.code != 2 || !strings.HasPrefix(r.stderr, want+" works on a local database only") {
			t.Errorf("rapport %s with a server: exit %d %q", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	if calls != 0 {
		t.Errorf("the refusals called the server %d times", calls)
	}
}

func TestMergeAndDupesCommands(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string) {
		s := newSession(t, engine)
		s.ok("contact", "add", "Zofia Kowalczyk", "--email", "zofia@acme.pl", "--kind", "client")
		s.ok("contact", "add", "Zosia", "--email", "ZOFIA@acme.pl", "--phone", "+48 600 100 200", "--org", "Acme")
		s.ok("contact", "add", "Omar")
		s.ok("log", "zosia", "omar", "--channel", "in_person", "--at", "-2d")
		s.ok("promise", "add", "zosia", "--by", "them", "--what", "the intro")
		out := s.ok("contact", "dupes")
		if !strings.HasPrefix(out, "#1 Zofia Kowalczyk, #2 Zosia: the same email zofia@acme.pl\n") {
			t.Fatalf("dupes:\n%s", out)
		}
		var dupes []struct {
			Contacts []struct{ ID int64 } `json:"contacts"`
			Reasons  []struct{ By, Value string }
		}
		s.json(&dupes, "contact", "dupes")
		if len(dupes) != 1 || len(dupes[0].Contacts) != 2 || dupes[0].Reasons[0].By != "email" {
			t.Fatalf("dupes --json: %+v", dupes)
		}
		out = s.ok("contact", "merge", "zofia", "zosia")
		if out != "Merged Zosia (#2) into Zofia Kowalczyk (#1); Zosia (#2) is now in the trash\n  Moved 1 interaction\n  Moved 1 note, effort, promise, favor or trust event\n  Added to it: phone, organisation\n" {
			t.Fatalf("merge said %q", out)
		}
		var c contactJSON
		s.json(&c, "contact", "show", "1")
		if c.Org != "Acme" || c.Kind != "client" || c.Summary.Interactions != 1 || len(c.Emails) != 1 {
			t.Fatalf("the kept contact: %+v", c)
		}
		if out := s.ok("contact", "dupes"); out != "No likely duplicates.\n" {
			t.Fatalf("dupes after the merge: %q", out)
		}
		if r := s.run("contact", "merge", "zofia", "zofia"); r.code != 2 || !strings.Contains(r.stderr, "cannot be merged into itself") {
			t.Fatalf("merging a contact into itself: exit %d %q", r.code, r.stderr)
		}
		if r := s.run("contact", "merge", "zofia", "2"); r.code != 1 || !strings.Contains(r.stderr, "in the trash") {
			t.Fatalf("merging a contact in the trash: exit %d %q", r.code, r.stderr)
		}
		if r := s.run("contact", "merge", "zofia"); r.code != 2 || !strings.Contains(r.stderr, "takes two REFs") {
			t.Fatalf("merge with one REF: exit %d %q", r.code, r.stderr)
		}
		var merged struct {
			Moved map[string]int `json:"moved"`
		}
		s.ok("contact", "add", "Omar Haddad")
		s.json(&merged, "contact", "merge", "omar haddad", "3")
		if merged.Moved["interactions"] != 1 {
			t.Fatalf("merge --json: %+v", merged)
		}
	})
}

// exportedJSON is the head of a JSON export.
type exportedJSON struct {
	Format   string            `json:"format"`
	Version  int               `json:"version"`
	Account  string            `json:"account"`
	Contacts []json.RawMessage `json:"contacts"`
}

// TestExchangeCommandsSpeakEveryLanguage runs import, export, merge, dupes
// and backup in each language: none shows a catalog key.
func TestExchangeCommandsSpeakEveryLanguage(t *testing.T) {
	s := newSession(t, "sqlite")
	s.ok("contact", "add", "Zofia", "--email", "zofia@acme.pl")
	dir := t.TempDir()
	file := writeTestFile(t, "people.vcf", card("FN:Zofia K.", "EMAIL:zofia@acme.pl", "TEL:+48 600 100 200")+card("FN:Ana")+
		card("FN:Bad", "EMAIL:bad address")+card("FN:Group", "KIND:group"))
	for _, lang := range []string{"en", "ar", "pl"} {
		for _, args := range [][]string{
			{"import", "vcard", file, "--skip-bad"},
			{"import", "vcard", file},
			{"import", "ics", "../importer/testdata/calendar.ics"},
			{"contact", "add", "Zofia K.", "--email", "zk" + lang + "@acme.pl", "--phone", "+48 600 100 200"},
			{"contact", "dupes"},
			{"contact", "merge", "zofia", "zofia k."},
			{"export", "vcard", "--out", filepath.Join(dir, lang+".vcf")},
			{"export", "json", "--out", filepath.Join(dir, lang+".json")},
			{"import", "json", filepath.Join(dir, lang+".json")},
			{"backup", filepath.Join(dir, lang+".db")},
			{"backup", filepath.Join(dir, lang+".db")},
			{"import", "vcard"},
			{"export", "pdf"},
		} {
			r := s.run(append([]string{"--lang", lang}, args...)...)
			if r.stdout+r.stderr == "" {
				t.Errorf("rapport --lang %s %s said nothing", lang, strings.Join(args, " "))
			}
			for _, key := range []string{"cli.", "enum.", "error.", "state."} {
				if strings.Contains(r.stdout+r.stderr, key) {
					t.Errorf("rapport --lang %s %s shows a key:\n%s%s", lang, strings.Join(args, " "), r.stdout, r.stderr)
				}
			}
		}
	}
}

// TestImportSaysWhatItLeftOutInTheUsersLanguage: the records left out and
// the values read in part are said in the language of --lang, or of the
// user, each after its line; --json keeps the English, as the API does.
func TestImportSaysWhatItLeftOutInTheUsersLanguage(t *testing.T) {
	s := newSession(t, "sqlite")
	file := writeTestFile(t, "people.vcf", card("FN:Ala Kot", "BDAY:1985")+card("FN:Bad", "EMAIL:not an address"))
	out := s.ok("--lang", "pl", "import", "vcard", file, "--skip-bad")
	for _, want := range []string{
		"Pominięto 1 wpis:\n  people.vcf: wiersz 9: EMAIL: nieprawidłowa wartość „not an address”: to nie jest adres e-mail\n",
		"1 ostrzeżenie:\n  people.vcf: wiersz 4: BDAY: pominięto „1985”: sam rok, bez miesiąca i dnia\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("in Polish, import said:\n%s\nwant %q", out, want)
		}
	}
	// Without --lang, the language the user chose at init.
	pl := &session{t: t, env: map[string]string{"RAPPORT_DB": sqltest.DSN(t, "sqlite"), "TZ": "UTC", "LANG": "en_GB.UTF-8"}}
	pl.ok("init", "--lang", "pl")
	out = pl.ok("import", "vcard", writeTestFile(t, "more.vcf", card("FN:Ewa", "BDAY:--03")))
	if !strings.Contains(out, "1 ostrzeżenie:\n  more.vcf: wiersz 4: BDAY: pominięto „--03”: miesiąc bez dnia\n") {
		t.Errorf("in the user's language, import said:\n%s", out)
	}
	var res importJSON
	s.json(&res, "--lang", "pl", "import", "vcard", file, "--skip-bad")
	if len(res.Skipped) != 1 || res.Skipped[0].Reason != `line 9: EMAIL: invalid value "not an address": not an email address` ||
		len(res.Warnings) != 1 || res.Warnings[0].Message != `line 4: BDAY: "1985" left out: a year without its day` {
		t.Errorf("--json: %+v %+v", res.Skipped, res.Warnings)
	}
}
