package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"rapport/i18n"
	"rapport/sqlstore/sqltest"
)

// session runs rapport commands in-process against one database.
type session struct {
	t   *testing.T
	env map[string]string
}

type result struct {
	code           int
	stdout, stderr string
}

func newSession(t *testing.T, engine string) *session {
	t.Helper()
	s := &session{t: t, env: map[string]string{
		"RAPPORT_DB":  sqltest.DSN(t, engine),
		"RAPPORT_NOW": "2026-11-20T09:00:00Z",
		"TZ":          "UTC",
	}}
	s.ok("init", "--name", "Test User")
	return s
}

func (s *session) run(args ...string) result {
	s.t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return s.env[k] }}
	code := Main(context.Background(), args, env)
	return result{code, out.String(), errb.String()}
}

// ok runs a command that must succeed and returns its standard output.
func (s *session) ok(args ...string) string {
	s.t.Helper()
	r := s.run(args...)
	if r.code != 0 {
		s.t.Fatalf("rapport %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// json runs a command with --json and decodes its output into v.
func (s *session) json(v any, args ...string) {
	s.t.Helper()
	out := s.ok(append(args, "--json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		s.t.Fatalf("rapport %s --json: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// forEachEngine runs a test on SQLite and, when configured, PostgreSQL.
func forEachEngine(t *testing.T, test func(t *testing.T, engine string)) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			test(t, engine)
		})
	}
}

// TestOutputSpeaksTheChosenLanguage runs the commands that print tables and
// confirmations with --lang: their labels, the enums' values, dates and
// numbers are in that language, and the English labels are gone.
func TestOutputSpeaksTheChosenLanguage(t *testing.T) {
	s := newSession(t, "sqlite")
	s.ok("contact", "add", "Zofia Kowalczyk", "--kind", "client", "--tier", "core", "--org", "Acme", "--email", "work:zofia@acme.pl")
	s.ok("contact", "add", "Omar Haddad")
	s.ok("log", "zofia", "omar", "--channel", "in_person", "--at", "2026-11-19 09:00", "--note", "workshop")
	const fsi, pdi = i18n.FSI, i18n.PDI
	commands := []struct {
		args []string
		// want holds what each language shows; the English must be gone
		// from the others.
		want map[string][]string
	}{
		{[]string{"contact", "show", "zofia"}, map[string][]string{
			"en": {"Name", "Kind", "client", "Tier", "core", "Organisation", "Email (work)", "Interactions", "1, the last on 11/19/2026", "Recent interactions"},
			"pl": {"Nazwa", "Typ", "klient", "Krąg", "podstawowy", "Organizacja", "E-mail (służbowy)", "Interakcje", "1, ostatnia 19.11.2026", "Ostatnie interakcje"},
			"ar": {"الاسم", "النوع", "عميل", "الدائرة", "الأساسية", "المؤسسة", "البريد الإلكتروني (العمل)", "التفاعلات", "١، آخرها في ١٩\u200f/١١\u200f/٢٠٢٦", "أحدث التفاعلات"},
		}},
		{[]string{"contact", "list"}, map[string][]string{
			"en": {"NAME", "KIND", "TIER", "ORGANISATION", "LAST CONTACT", "client", "11/19/2026"},
			"pl": {"NAZWA", "TYP", "KRĄG", "ORGANIZACJA", "OSTATNI KONTAKT", "klient", "19.11.2026"},
			"ar": {"الاسم", "النوع", "الدائرة", "المؤسسة", "آخر تواصل", "عميل", "١٩\u200f/١١\u200f/٢٠٢٦"},
		}},
		{[]string{"timeline", "zofia"}, map[string][]string{
			"en": {"11/19/2026, 09:00", "in person", "outbound", "held", "workshop  with Omar Haddad"},
			"pl": {"19.11.2026, 09:00", "spotkanie osobiste", "wychodząca", "odbyta", "workshop  z udziałem: Omar Haddad"},
			"ar": {"١٩\u200f/١١\u200f/٢٠٢٦، ٠٩:٠٠", "لقاء شخصي", "صادر", "تمّ", "workshop  بمشاركة " + fsi + "Omar Haddad" + pdi},
		}},
		{[]string{"contact", "rm", "omar"}, map[string][]string{
			"en": {"Moved Omar Haddad (#2) to the trash"},
			"pl": {"Omar Haddad (#2): przeniesiono do kosza"},
			"ar": {"نُقلت جهة الاتصال " + fsi + "Omar Haddad" + pdi + " (#2) إلى سلة المهملات"},
		}},
		{[]string{"contact", "restore", "omar"}, map[string][]string{
			"en": {"Restored Omar Haddad (#2)"},
			"pl": {"Omar Haddad (#2): przywrócono z kosza"},
			"ar": {"استُعيدت جهة الاتصال " + fsi + "Omar Haddad" + pdi + " (#2)"},
		}},
		{[]string{"outcome", "1", "held"}, map[string][]string{
			"en": {"Interaction 1: held"},
			"pl": {"Interakcja 1: odbyta"},
			"ar": {"التفاعل 1: تمّ"},
		}},
	}
	for _, lang := range i18n.Supported {
		for _, tc := range commands {
			out := s.ok(append([]string{"--lang", lang}, tc.args...)...)
			for _, want := range tc.want[lang] {
				if !strings.Contains(out, want) {
					t.Errorf("rapport --lang %s %s: no %q in\n%s", lang, strings.Join(tc.args, " "), want, out)
				}
			}
			if lang == "en" {
				continue
			}
			for _, english := range tc.want["en"] {
				if strings.Contains(out, english) {
					t.Errorf("rapport --lang %s %s: English %q in\n%s", lang, strings.Join(tc.args, " "), english, out)
				}
			}
		}
	}
}

// TestReviewPrintsHealthBandsAndFavors: the review's table has a row per
// health band, in the language's digits, and the favor ledger's figures.
func TestReviewPrintsHealthBandsAndFavors(t *testing.T) {
	s := newSession(t, "sqlite")
	s.ok("contact", "add", "Zofia Kowalczyk", "--kind", "client", "--tier", "inner")
	s.ok("contact", "add", "Omar Haddad", "--kind", "colleague")
	s.ok("log", "zofia", "--channel", "call", "--at", "-3d")
	s.ok("favor", "zofia", "--dir", "given", "--kind", "advice")
	s.ok("favor", "omar", "--dir", "received", "--kind", "intro")
	s.ok("favor", "omar", "--dir", "asked", "--kind", "advice", "--outcome", "granted")
	// Zofia: seen 3 days ago, ahead on favors, never reaching out (80).
	// Omar: never in touch, in deficit at −2, owed a thank-you (15).
	out := s.ok("review")
	var rows []string
	for line := range strings.SplitSeq(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && (strings.HasPrefix(line, "Health ") || strings.Contains(line, "avors") ||
			strings.HasPrefix(line, "In reciprocity") || strings.HasPrefix(line, "Thank-you")) {
			rows = append(rows, strings.Join(f, " "))
		}
	}
	want := []string{
		"Health 0–19 1", "Health 20–39 0", "Health 40–59 0", "Health 60–79 0", "Health 80–100 1",
		"Favors given 1", "Favors received 2", "Ahead on favors 1", "Even on favors 0", "Behind on favors 0",
		"In reciprocity deficit 1", "Thank-you pending 1",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rapport review:\n%s\nwant the rows\n%s", out, strings.Join(want, "\n"))
	}
	if ar := s.ok("--lang", "ar", "review"); !strings.Contains(ar, "صحة العلاقة ٨٠–١٠٠") || !strings.Contains(ar, "عجز في تبادل الخدمات") {
		t.Errorf("rapport --lang ar review:\n%s", ar)
	}
}

// TestTodaySaysHowManyMoreOfEachKind: `rapport today` lists at most ten
// items of a kind, then a line for each kind with more, and where to see
// them all; in the user's language.
func TestTodaySaysHowManyMoreOfEachKind(t *testing.T) {
	s := newSession(t, "sqlite")
	s.ok("contact", "add", "Zofia Kowalczyk", "--kind", "client")
	for n := range 11 {
		s.ok("promise", "add", "zofia", "--by", "me", "--what", fmt.Sprintf("deck %02d", n), "--due", "today")
	}
	out := s.ok("today")
	if n := strings.Count(out, "deck "); n != 10 {
		t.Errorf("%d promises listed, want 10:\n%s", n, out)
	}
	if !strings.HasSuffix(out, "… and 1 more promise of yours due.\nSee `rapport review` for the whole picture.\n") {
		t.Errorf("rapport today ends:\n%s", out)
	}
	if pl := s.ok("--lang", "pl", "today"); !strings.Contains(pl, "… i jeszcze 1 twoja obietnica do spełnienia.\n") {
		t.Errorf("rapport --lang pl today:\n%s", pl)
	}
}

// TestEveryCommandSpeaksWithoutMissingMessages runs the other commands that
// print text in each language: none shows a catalog key instead of a message.
func TestEveryCommandSpeaksWithoutMissingMessages(t *testing.T) {
	s := newSession(t, "sqlite")
	s.ok("contact", "add", "Zofia Kowalczyk", "--kind", "client", "--tier", "inner", "--birthday", "--11-22", "--tag", "vip", "--gender", "feminine")
	s.ok("contact", "add", "Omar Haddad", "--kind", "colleague")
	s.ok("log", "zofia", "--channel", "call", "--at", "-200d")
	s.ok("effort", "start", "omar", "--goal", "the launch")
	s.ok("promise", "add", "zofia", "--by", "me", "--what", "send the report", "--due", "-1d")
	s.ok("favor", "zofia", "--dir", "received", "--kind", "advice")
	for _, lang := range i18n.Supported {
		for _, args := range [][]string{
			{"status", "zofia"}, {"status", "omar"}, {"today"}, {"review"}, {"settings"},
			{"ask", "check", "omar", "--kind", "advice"}, {"ask", "check", "zofia", "--kind", "contacts"},
			{"log", "omar", "--channel", "email", "--invite"}, {"contact", "show", "zofia"},
		} {
			r := s.run(append([]string{"--lang", lang}, args...)...)
			if r.code != 0 || r.stdout == "" {
				t.Fatalf("rapport --lang %s %s: exit %d\n%s", lang, strings.Join(args, " "), r.code, r.stderr)
			}
			for _, key := range []string{"cli.", "enum.", "error.", "state."} {
				if strings.Contains(r.stdout+r.stderr, key) {
					t.Errorf("rapport --lang %s %s shows a key:\n%s%s", lang, strings.Join(args, " "), r.stdout, r.stderr)
				}
			}
		}
		if out := s.ok("--lang", lang, "thank", "zofia"); strings.Contains(out, "cli.") || strings.Contains(out, "enum.") {
			t.Errorf("thank in %s: %s", lang, out)
		}
		s.ok("favor", "zofia", "--dir", "received", "--kind", "advice")
	}
}

// TestErrorsSpeakTheUsersLanguage: an error is one line in the language of
// --lang, else of the user's setting, and bad input still exits 2.
func TestErrorsSpeakTheUsersLanguage(t *testing.T) {
	const fsi, pdi = i18n.FSI, i18n.PDI
	s := newSession(t, "sqlite")
	s.ok("contact", "add", "Anna Nowak")
	s.ok("contact", "add", "Anna Smith")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"empty name in Polish", []string{"--lang", "pl", "contact", "add", ""}, 2,
			"display_name: nieprawidłowa wartość „”: kontakt musi mieć nazwę"},
		{"empty name in Arabic", []string{"--lang", "ar", "contact", "add", ""}, 2,
			fsi + "display_name" + pdi + ": قيمة غير صالحة «»: لا بد لجهة الاتصال من اسم"},
		{"bad enum in Polish", []string{"--lang", "pl", "contact", "list", "--kind", "boss"}, 2,
			"--kind: nieprawidłowa wartość „boss”: dozwolone wartości to: colleague, client, partner, mentor, network, friend"},
		{"bad time in Arabic", []string{"--lang=ar", "log", "anna nowak", "--channel", "call", "--at", "soon"}, 2,
			fsi + "--at" + pdi + ": قيمة غير صالحة «" + fsi + "soon" + pdi + "»: الصيغ المقبولة: " +
				fsi + "RFC 3339, YYYY-MM-DD [HH:MM], today, yesterday, -3d, +2w, -5h" + pdi},
		{"missing argument in Polish", []string{"--lang", "pl", "contact", "show"}, 2,
			"rapport contact show: podaj jeden REF, czyli identyfikator albo początek nazwy (zobacz `rapport contact show --help`)"},
		{"unknown flag in Polish", []string{"--lang", "pl", "contact", "list", "--colour", "red"}, 2,
			"unknown flag: --colour (zobacz `rapport contact list --help`)"},
		{"no match in Polish", []string{"--lang", "pl", "contact", "show", "zofia"}, 1,
			"żaden kontakt nie pasuje do „zofia”"},
		{"ambiguous in Arabic", []string{"--lang", "ar", "contact", "show", "anna"}, 1,
			"«" + fsi + "anna" + pdi + "» يطابق عدة جهات اتصال؛ يُفضَّل استخدام رقم المعرّف أو اسم أطول\n  1 Anna Nowak\n  2 Anna Smith"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.run(tc.args...)
			if r.code != tc.code || strings.TrimSpace(r.stderr) != "rapport: "+tc.want {
				t.Fatalf("exit %d, stderr\n%q\nwant exit %d and\n%q", r.code, r.stderr, tc.code, "rapport: "+tc.want)
			}
		})
	}

	// Without --lang, the language the user chose at init.
	pl := &session{t: t, env: map[string]string{"RAPPORT_DB": sqltest.DSN(t, "sqlite"), "TZ": "UTC", "LANG": "ar_EG.UTF-8"}}
	if out := pl.ok("init", "--lang", "pl"); !strings.HasPrefix(out, "Utworzono konto „Personal”") {
		t.Fatalf("init said %q", out)
	}
	if r := pl.run("contact", "add", " "); r.code != 2 || !strings.Contains(r.stderr, "kontakt musi mieć nazwę") {
		t.Fatalf("error in the user's language: exit %d %q", r.code, r.stderr)
	}
}

// TestEveryCommandHasItsHelpInEveryLanguage: each command's one-line help is
// in the catalogs (cli.cmd.PATH.short), whose English is the command's own
// Short, so that a changed Short shows its translations are due.
func TestEveryCommandHasItsHelpInEveryLanguage(t *testing.T) {
	en := i18n.For("en")
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		key := shortKey(c)
		if got := en.T(key, nil); got != c.Short {
			t.Errorf("%s: the English catalog says %q, the command %q: update %s in the three catalogs", c.CommandPath(), got, c.Short, key)
		}
		for _, lang := range i18n.Supported {
			if !i18n.For(lang).Has(key) {
				t.Errorf("%s: no %s in the %s catalog", c.CommandPath(), key, lang)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk((&runner{}).rootCommand())

	s := newSession(t, "sqlite")
	if out := s.ok("--lang", "pl", "--help"); !strings.Contains(out, "Dodawaj, przeglądaj, edytuj, usuwaj i przywracaj kontakty") {
		t.Errorf("rapport --lang pl --help:\n%s", out)
	}
	s.env["LANG"] = "ar_EG.UTF-8"
	if out := s.ok("contact", "--help"); !strings.Contains(out, "إضافة جهة اتصال وطباعة رقم معرّفها") {
		t.Errorf("rapport contact --help with LANG=ar_EG:\n%s", out)
	}
}
