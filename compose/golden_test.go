package compose

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

// now is the fixed time of writing of every golden draft.
var now = time.Date(2026, time.June, 15, 10, 0, 0, 0, time.UTC)

type person struct{ given, display string }

// people are the contact and the user of each golden file, per language and
// gender. Arabic mixes Arabic-script and Latin-script names, so that the
// isolates show where they are needed and only there.
var people = map[string]map[rapport.Gender][2]person{ // [contact, user]
	"en": {
		rapport.GenderFeminine:  {{"Anna", "Anna Kowalska"}, {"", "Maria Lopez"}},
		rapport.GenderMasculine: {{"David", "David Miller"}, {"", "John Smith"}},
		rapport.GenderUnknown:   {{"Sam", "Sam Rivera"}, {"", "Robin Lee"}},
	},
	"ar": {
		rapport.GenderFeminine:  {{"Anna", "Anna Kowalska"}, {"", "ليلى حداد"}},
		rapport.GenderMasculine: {{"خالد", "خالد العمري"}, {"", "Tomasz Nowak"}},
		rapport.GenderUnknown:   {{"Sam", "Sam Rivera"}, {"", "نور سليمان"}},
	},
	"pl": {
		rapport.GenderFeminine:  {{"Katarzyna", "Katarzyna Wiśniewska"}, {"", "Agnieszka Nowak"}},
		rapport.GenderMasculine: {{"Piotr", "Piotr Zieliński"}, {"", "Tomasz Kowalczyk"}},
		rapport.GenderUnknown:   {{"Alex", "Alex Morgan"}, {"", "Robin Lee"}},
	},
}

// words are what the user types, in each language: written so that they
// suit any gender and either register, as a careful user would.
var words = map[string]struct{ whyNow, offer, silence string }{
	"en": {
		"I am starting a new project in data analytics and I am looking for advice from someone who knows the field",
		"an introduction to our data team, or a second pair of eyes on any project of yours",
		"I changed roles twice in two years and let many conversations drop",
	},
	"ar": {
		"أبدأ مشروعًا جديدًا في تحليل البيانات، وأبحث عن نصيحة من شخص يعرف هذا المجال",
		"التعريف بفريق البيانات في شركتنا، أو مراجعة أي مشروع يهمّك",
		"تغيّر دوري في العمل مرتين خلال عامين، فانقطعت أحاديث كثيرة",
	},
	"pl": {
		"zaczynam nowy projekt związany z analizą danych i szukam rady kogoś, kto zna tę branżę",
		"przedstawienie naszemu zespołowi danych albo świeże spojrzenie na dowolny bieżący projekt",
		"w ciągu dwóch lat dwa razy zmieniła się moja rola w firmie i wiele rozmów się urwało",
	},
}

var goldenGenders = []rapport.Gender{rapport.GenderFeminine, rapport.GenderMasculine, rapport.GenderUnknown}

// reconnections are the silences each reconnection golden file shows.
var reconnections = []struct {
	name    string
	last    time.Time
	silence string // a reason code, or "" for the language's free text
}{
	{"700 days · busy", now.AddDate(0, 0, -700), "busy"},
	{"5 years 2 months · studies", time.Date(2021, time.April, 10, 9, 0, 0, 0, time.UTC), "studies"},
	{"3 years · family", time.Date(2023, time.June, 10, 9, 0, 0, 0, time.UTC), "family"},
	{"2 years 2 months · career", time.Date(2024, time.April, 1, 9, 0, 0, 0, time.UTC), "career"},
	{"5 months 26 days · moved", time.Date(2025, time.December, 20, 9, 0, 0, 0, time.UTC), "moved"},
	{"no contact on record · the user's own reason", time.Time{}, ""},
}

// openers are the situations each opener golden file shows, one per channel.
var openers = []struct {
	situation Situation
	channel   rapport.Channel
}{
	{NewQuarter, rapport.ChannelCall},
	{AfterHardYear, rapport.ChannelVideo},
	{HowWeWork, rapport.ChannelInPerson},
}

func fixture(lang string, g rapport.Gender) (rapport.Contact, rapport.User) {
	p := people[lang][g]
	return rapport.Contact{GivenName: p[0].given, DisplayName: p[0].display, Gender: g},
		rapport.User{DisplayName: p[1].display, Gender: g}
}

func writeDraft(b *strings.Builder, title string, d Draft) {
	fmt.Fprintf(b, "## %s\n\nlang: %s\nregister: %s\n", title, d.Lang, d.Register)
	if d.Parts != nil {
		fmt.Fprintf(b, "acknowledge: %s\nwhy_now: %s\noffer: %s\n", d.Parts.Acknowledge, d.Parts.WhyNow, d.Parts.Offer)
	}
	fmt.Fprintf(b, "text:\n%s\n\n", d.Text)
}

// TestGolden renders every template in every language, for a feminine, a
// masculine and an unknown contact and user (the same gender for both; mixed
// genders are checked in TestMixedGendersAgreeEachWithItsOwnPerson), in both
// registers, and compares the drafts with testdata/golden, which a reviewer
// has read (docs/translations.md). Run with -update to rewrite the files
// after a deliberate change, then review the diff.
func TestGolden(t *testing.T) {
	for _, lang := range []string{"en", "ar", "pl"} {
		for _, g := range goldenGenders {
			for _, reg := range Registers {
				contact, user := fixture(lang, g)
				w := words[lang]
				header := fmt.Sprintf("# %%s · %s · %s · %s\n# contact: %s (%s) · user: %s (%s) · written %s\n\n",
					lang, g, reg, contact.DisplayName, g, user.DisplayName, g, now.Format(time.DateOnly))

				var rb strings.Builder
				fmt.Fprintf(&rb, header, "reconnect")
				for _, r := range reconnections {
					silence := r.silence
					if silence == "" {
						silence = w.silence
					}
					d, err := Reconnect(ReconnectInput{Contact: contact, User: user, LastContact: r.last, Now: now,
						Lang: lang, Register: reg, Silence: silence, WhyNow: w.whyNow, Offer: w.offer})
					if err != nil {
						t.Fatalf("reconnect %s %s %s %s: %v", lang, g, reg, r.name, err)
					}
					writeDraft(&rb, r.name, d)
				}
				golden(t, fmt.Sprintf("reconnect_%s_%s_%s.txt", lang, g, reg), rb.String())

				var ob strings.Builder
				fmt.Fprintf(&ob, header, "opener")
				for _, o := range openers {
					d, err := Opener(OpenerInput{Contact: contact, User: user, Lang: lang, Register: reg, Situation: o.situation, Channel: o.channel})
					if err != nil {
						t.Fatalf("opener %s %s %s %s: %v", lang, g, reg, o.situation, err)
					}
					writeDraft(&ob, fmt.Sprintf("%s · %s", o.situation, o.channel), d)
				}
				golden(t, fmt.Sprintf("opener_%s_%s_%s.txt", lang, g, reg), ob.String())
			}
		}
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./compose -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; review and run with -update if the change is meant:\n%s", name, diff(string(want), got))
	}
}

// diff shows the first lines that differ.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n   got %q\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}
