package i18n

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// categories are the CLDR plural categories of each language, with a number
// that falls in each (the reference is in plural_test.go).
var categories = map[string][]struct {
	name   string
	sample any
}{
	"en": {{"one", 1}, {"other", 2}},
	"ar": {{"zero", 0}, {"one", 1}, {"two", 2}, {"few", 3}, {"many", 11}, {"other", 100}},
	"pl": {{"one", 1}, {"few", 2}, {"many", 5}, {"other", 1.5}},
}

var genders = []string{Feminine, Masculine, Unknown}

// sampleArgs holds a value for every placeholder the catalogs use. A message
// that uses a new one fails TestEveryMessageRenders until it is added here,
// which keeps this list the documentation of the placeholders.
func sampleArgs() Args {
	return Args{
		"name":         "Anna Kowalska",
		"format":       "vcard",
		"on_behalf":    "Jan Nowak",
		"what":         "send the report",
		"goal":         "work together on the launch",
		"attempt":      2,
		"total":        3,
		"date":         time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC),
		"text":         "I am starting a new project.",
		"day":          "12",
		"day2":         "12",
		"month":        "March",
		"month_number": "3",
		"month2":       "03",
		"year":         "2026",
		// The parameters of package rules' texts (rules.Params).
		"channel":   "email",
		"held":      1,
		"min_held":  3,
		"known":     10,
		"min_known": 30,
		"outcome":   "partial",
		"cadence":   30,
		"given":     1,
		"received":  4,
		// The building blocks of dates and lists.
		"hour":   "09",
		"minute": "30",
		"head":   Text("Anna Kowalska, Jan Nowak"),
		"tail":   "Ewa Mazur",
		// The arguments of errors (rapport.Error.Args): shown verbatim.
		"field":   "--kind",
		"value":   "boss",
		"why":     Text("must be one of colleague, client"),
		"choices": "colleague, client, partner",
		"formats": "YYYY-MM-DD, -30d, -12w",
		"ref":     "anna",
		"id":      "12",
		"current": "3",
		"version": "2",
		"min":     1,
		"max":     3650,
		"at":      time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC),
		"cause":   "mkdir /x: permission denied",
		// The server's and sign-in's (package server, app/accounts.go).
		"email":    "maya@acme.example",
		"role":     "viewer",
		"header":   "X-CSRF-Token",
		"method":   "PUT",
		"line":     "3",
		"column":   "7",
		"expected": "string",
		"got":      "number",
		// The command line's.
		"command":      "rapport contact show",
		"error":        "unknown flag: --colour",
		"label":        "work",
		"last":         Text("3/12/2026"),
		"names":        Text("Jan Nowak, Ewa Mazur"),
		"state":        Text("effort under way"),
		"balance":      Text("+2"),
		"every":        Text("every 30 days"),
		"verdict":      Text("overdue"),
		"score":        62,
		"outbound":     5,
		"inbound":      0,
		"account":      "Personal",
		"path":         "/home/maya/.local/share/rapport/rapport.db",
		"contacts":     1000,
		"interactions": 20000,
		"records":      350,
		"seconds":      1.234,
		"code":         1,
	}
}

func messages(t *testing.T, lang string) map[string]*goi18n.Message {
	t.Helper()
	c, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return c.messages[lang]
}

// samples returns a count in each plural category of lang if key is a plural
// message there, and a single nil (no count) if it is not.
func samples(t *testing.T, lang, key string) []any {
	m := messages(t, lang)[key]
	if m == nil || !isPlural(m) {
		return []any{nil}
	}
	var counts []any
	for _, c := range categories[lang] {
		counts = append(counts, c.sample)
	}
	return counts
}

func TestEveryKeyIsInEveryCatalog(t *testing.T) {
	en := slices.Sorted(maps.Keys(messages(t, "en")))
	if len(en) < 100 {
		t.Fatalf("the English catalog has %d keys; did it load?", len(en))
	}
	for _, lang := range Supported[1:] {
		other := messages(t, lang)
		for _, k := range en {
			if _, ok := other[k]; !ok {
				t.Errorf("%s: missing %q", lang, k)
			}
		}
		for k := range other {
			if !slices.Contains(en, k) {
				t.Errorf("%s: %q is not in the English catalog", lang, k)
			}
		}
	}
}

func forms(m *goi18n.Message) map[string]string {
	return map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other}
}

func TestPluralMessagesHaveExactlyTheirLanguagesCategories(t *testing.T) {
	for _, key := range Keys() {
		plural := isPlural(messages(t, "en")[key])
		for _, lang := range Supported {
			m := messages(t, lang)[key]
			if m == nil {
				continue // reported by TestEveryKeyIsInEveryCatalog
			}
			if isPlural(m) != plural {
				t.Errorf("%s %q: plural in English is %v, here %v: callers could not pass a count consistently", lang, key, plural, isPlural(m))
				continue
			}
			f := forms(m)
			if !plural {
				if f["other"] == "" {
					t.Errorf("%s %q: empty message", lang, key)
				}
				continue
			}
			var want []string
			for _, c := range categories[lang] {
				want = append(want, c.name)
				if f[c.name] == "" {
					t.Errorf("%s %q: no %q form", lang, key, c.name)
				}
			}
			for name, text := range f {
				if text != "" && !slices.Contains(want, name) {
					t.Errorf("%s %q: %q form, which %s never selects", lang, key, name, lang)
				}
			}
		}
	}
}

// TestEveryMessageRenders renders every key in every language for every plural
// category, both genders of contact and user, unknown included, and both
// registers.
func TestEveryMessageRenders(t *testing.T) {
	for _, lang := range Supported {
		tr := For(lang)
		for _, key := range Keys() {
			counts := samples(t, lang, key)
			for _, count := range counts {
				for _, cg := range genders {
					for _, ug := range genders {
						for _, reg := range []string{Formal, Informal} {
							args := sampleArgs()
							args["contact_gender"], args["user_gender"], args["register"] = cg, ug, reg
							if count != nil {
								args["count"] = count
							}
							s, err := tr.Render(key, args)
							where := fmt.Sprintf("%s %q count=%v contact=%s user=%s %s", lang, key, count, cg, ug, reg)
							switch {
							case err != nil:
								t.Errorf("%s: %v", where, err)
							case strings.TrimSpace(s) == "":
								t.Errorf("%s: renders empty", where)
							case strings.Contains(s, "{{") || strings.Contains(s, "<no value>"):
								t.Errorf("%s: unrendered template: %q", where, s)
							case strings.TrimSpace(s) != s || strings.Contains(s, "\n"):
								t.Errorf("%s: stray white space: %q", where, s)
							}
						}
					}
				}
			}
		}
	}
}

// TestUnknownGenderIsNeverTheMasculine: wherever a message tells feminine and
// masculine apart, the unknown gender gets wording of its own, not a copy of
// either.
func TestUnknownGenderIsNeverTheMasculine(t *testing.T) {
	for _, lang := range Supported {
		tr := For(lang)
		for _, key := range Keys() {
			counts := samples(t, lang, key)
			for _, count := range counts {
				for _, who := range []string{"contact_gender", "user_gender"} {
					for _, reg := range []string{Formal, Informal} {
						render := func(g string) string {
							args := sampleArgs()
							args[who], args["register"] = g, reg
							if count != nil {
								args["count"] = count
							}
							return tr.T(key, args)
						}
						f, m, u := render(Feminine), render(Masculine), render(Unknown)
						if f != m && (u == m || u == f) {
							t.Errorf("%s %q (%s, %s, count %v): unknown renders like a known gender: %q", lang, key, who, reg, count, u)
						}
					}
				}
			}
		}
	}
}

func TestNoKeySegmentIsAReservedWord(t *testing.T) {
	// go-i18n reads a table holding these words as a message, so a key
	// segment spelled like one would silently merge into its parent.
	reserved := []string{"id", "description", "hash", "translation", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other"}
	for _, key := range Keys() {
		for seg := range strings.SplitSeq(key, ".") {
			if slices.Contains(reserved, seg) {
				t.Errorf("%q: segment %q is reserved", key, seg)
			}
		}
	}
}

func TestTFallsBackToEnglishThenToTheKey(t *testing.T) {
	if got := For("ar").T("no.such.key", nil); got != "no.such.key" {
		t.Errorf("missing key renders %q, want the key", got)
	}
	// A plural message rendered without a count fails strictly, and T falls
	// back rather than panicking.
	if _, err := For("pl").Render("unit.year", nil); err == nil {
		t.Error("a plural message without a count rendered")
	}
	if got := For("de").Lang(); got != "en" {
		t.Errorf("For(de) speaks %s, want en", got)
	}
}

func TestArgumentsAreFormattedForTheLocale(t *testing.T) {
	for _, tc := range []struct {
		lang string
		key  string
		args Args
		want string
	}{
		{"en", "today.birthday", Args{"date": time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)}, "Birthday: March 12, 2026."},
		{"pl", "today.birthday", Args{"date": time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)}, "Urodziny: 12 marca 2026."},
		{"ar", "today.birthday", Args{"date": time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)}, "عيد الميلاد: ١٢ مارس ٢٠٢٦."},
		{"ar", "today.effort_attempt", Args{"attempt": 2, "total": 3, "goal": "إطلاق المنتج"}, "المحاولة ٢ من ٣: إطلاق المنتج"},
		{"ar", "warning.trust_lost.message", Args{"name": "Anna"}, FSI + "Anna" + PDI + ": فُقدت الثقة."},
		{"en", "warning.trust_lost.message", Args{"name": "أحمد"}, FSI + "أحمد" + PDI + ": trust is lost."},
		{"ar", "warning.given_up.message", Args{"count": 3, "name": "خالد"}, "حاولت مع خالد ٣ مرات، وتوقّفت المحاولات: لا داعي للإلحاح."},
		{"ar", "warning.given_up.message", Args{"count": 11, "name": "خالد"}, "حاولت مع خالد ١١ مرة، وتوقّفت المحاولات: لا داعي للإلحاح."},
		{"en", "warning.given_up.message", Args{"count": 3, "name": "Anna"}, "You have tried 3 times with Anna, and the effort is given up: don't chase."},
		{"en", "warning.given_up.message", Args{"count": 2, "name": "Anna"}, "You have tried twice with Anna, and the effort is given up: don't chase."},
		{"pl", "warning.given_up.message", Args{"count": 3, "name": "Anna", "user_gender": "feminine"}, "Anna: próbowałaś już 3 razy i starania zostały zaniechane. Nie naciskaj."},
		{"pl", "warning.given_up.message", Args{"count": 5, "name": "Anna"}, "Anna: masz za sobą 5 nieudanych prób i starania zostały zaniechane. Nie naciskaj."},
		{"pl", "refusal.given_up", Args{"count": 2, "name": "Anna", "contact_gender": "feminine"}, "Anna: ostatnie starania zostały zaniechane (2 nieudane próby); nowe możesz zacząć dopiero wtedy, gdy sama się odezwie (przychodzący telefon, wideorozmowa lub spotkanie)."},
		{"ar", "health.effort.given_up", Args{"count": 2}, "توقّفت المحاولات بعد محاولتين فاشلتين: علاقة مهنية فقط."},
		{"ar", "today.reconnect_never", Args{"count": 11}, "انقطاع طويل: لم يحدث أي تواصل حقيقي منذ إضافة جهة الاتصال قبل ١١ يومًا. حان وقت التواصل."},
		{"ar", "warning.repeat_pressure.message", Args{"name": "Anna", "date": time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC), "outcome": "partial", "contact_gender": "feminine"},
			"سبق أن طُلب هذا الأمر من " + FSI + "Anna" + PDI + " في ١٢ مارس ٢٠٢٦، فلم تساعد إلا جزئيًا."},
		{"pl", "health.thank_you.pending", Args{"count": 5}, "5 przysług wciąż czeka na podziękowanie."},
		{"ar", "warning.reciprocity_deficit.message", Args{"count": 3, "name": "Anna"}, "تلقيت من " + FSI + "Anna" + PDI + " خدمات أكثر مما قدّمت، والفارق ثلاث خدمات."},
		{"pl", "unit.day", Args{"count": 1.5}, "1,5 dnia"},
		{"ar", "unit.year", Args{"count": 2}, "عامان"},
		{"pl", "unit.year", Args{"count": 22}, "22 lata"},
		{"pl", "unit.year", Args{"count": 12}, "12 lat"},
		{"pl", "unit.month", Args{"count": 12345}, "12\u00a0345 miesięcy"},
	} {
		got, err := For(tc.lang).Render(tc.key, tc.args)
		if err != nil || got != tc.want {
			t.Errorf("%s %s %v = %q, %v; want %q", tc.lang, tc.key, tc.args, got, err, tc.want)
		}
	}
}

func TestGenderSpellingsAreNormalized(t *testing.T) {
	for in, want := range map[string]string{"feminine": Feminine, "F": Feminine, "female": Feminine, "masculine": Masculine, "m": Masculine, "": Unknown, "unknown": Unknown, "nonbinary": Unknown} {
		if got := NormalizeGender(in); got != want {
			t.Errorf("NormalizeGender(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"": Formal, "formal": Formal, "Informal": Informal, "casual": Formal} {
		if got := NormalizeRegister(in); got != want {
			t.Errorf("NormalizeRegister(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEveryRuleWarningHasAMessageAndASuggestion(t *testing.T) {
	codes := []string{"not_an_attempt", "given_up", "trust_lost", "third_party_ask", "premature_network_ask",
		"repeat_pressure", "reciprocity_deficit", "thank_you_pending", "reconnect_first", "not_dormant"}
	for _, lang := range Supported {
		for _, code := range codes {
			for _, part := range []string{"message", "suggestion"} {
				if !For(lang).Has("warning." + code + "." + part) {
					t.Errorf("%s: no warning.%s.%s", lang, code, part)
				}
			}
		}
	}
}
