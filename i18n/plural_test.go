package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// The reference: CLDR's cardinal plural rules for Arabic and Polish, written
// out here from the CLDR "Language Plural Rules" chart, independently of the
// library that renders the catalogs. Operands: n is the absolute value, i its
// integer digits, v the number of visible fraction digits.
//
//	ar  zero:  n = 0
//	    one:   n = 1
//	    two:   n = 2
//	    few:   n % 100 = 3..10
//	    many:  n % 100 = 11..99
//	    other: everything else (100-102, 200-202, …, and fractions)
//	pl  one:   i = 1 and v = 0
//	    few:   v = 0 and i % 10 = 2..4 and i % 100 != 12..14
//	    many:  v = 0 and i != 1 and i % 10 = 0..1
//	           or v = 0 and i % 10 = 5..9
//	           or v = 0 and i % 100 = 12..14
//	    other: everything else (fractions)
type operands struct {
	n float64
	i int64
	v int
}

func ops(s string) operands {
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err)
	}
	o := operands{n: n}
	whole, frac, _ := strings.Cut(s, ".")
	o.i, _ = strconv.ParseInt(whole, 10, 64)
	o.v = len(frac)
	return o
}

func isInt(o operands) bool { return o.n == float64(int64(o.n)) }

func refArabic(o operands) string {
	mod := int64(o.n) % 100
	switch {
	case o.n == 0:
		return "zero"
	case o.n == 1:
		return "one"
	case o.n == 2:
		return "two"
	case isInt(o) && mod >= 3 && mod <= 10:
		return "few"
	case isInt(o) && mod >= 11 && mod <= 99:
		return "many"
	}
	return "other"
}

func refPolish(o operands) string {
	i10, i100 := o.i%10, o.i%100
	switch {
	case o.i == 1 && o.v == 0:
		return "one"
	case o.v == 0 && i10 >= 2 && i10 <= 4 && !(i100 >= 12 && i100 <= 14):
		return "few"
	case o.v == 0 && o.i != 1 && i10 <= 1,
		o.v == 0 && i10 >= 5,
		o.v == 0 && i100 >= 12 && i100 <= 14:
		return "many"
	}
	return "other"
}

var reference = map[string]func(operands) string{"ar": refArabic, "pl": refPolish}

// cldrExamples are the sample numbers CLDR lists for each category ("3~10"
// is a range). They check the reference above before it checks anything else.
var cldrExamples = map[string]map[string]string{
	"ar": {
		"zero":  "0",
		"one":   "1",
		"two":   "2",
		"few":   "3~10, 103~110, 1003",
		"many":  "11~26, 111, 1011",
		"other": "100~102, 200~202, 300~302, 400~402, 500~502, 600, 1000, 10000, 100000, 1000000, 0.1, 0.9, 1.1, 1.7, 10.1",
	},
	"pl": {
		"one":   "1",
		"few":   "2~4, 22~24, 32~34, 42~44, 52~54, 62, 102, 1002",
		"many":  "0, 5~19, 100, 1000, 10000, 100000, 1000000",
		"other": "0.0, 0.5, 1.5, 10.0, 100.0, 1000.0",
	},
}

func expand(examples string) []string {
	var out []string
	for part := range strings.SplitSeq(examples, ",") {
		part = strings.TrimSpace(part)
		from, to, isRange := strings.Cut(part, "~")
		if !isRange {
			out = append(out, part)
			continue
		}
		a, _ := strconv.Atoi(from)
		b, _ := strconv.Atoi(to)
		for n := a; n <= b; n++ {
			out = append(out, strconv.Itoa(n))
		}
	}
	return out
}

func TestReferenceMatchesCLDRExamples(t *testing.T) {
	for lang, cats := range cldrExamples {
		for cat, examples := range cats {
			for _, n := range expand(examples) {
				if got := reference[lang](ops(n)); got != cat {
					t.Errorf("%s %s: reference says %s, CLDR says %s", lang, n, got, cat)
				}
			}
		}
	}
}

// categoryCatalog is a catalog whose one plural message prints the category
// the library selected, so that the library's choice can be read back.
func categoryCatalog(t *testing.T) *catalog {
	t.Helper()
	msg := func(cats ...string) string {
		var b strings.Builder
		b.WriteString("[cat]\n")
		for _, c := range cats {
			fmt.Fprintf(&b, "%s = %q\n", c, c)
		}
		return b.String()
	}
	c, err := load(fstest.MapFS{
		"locales/en.toml": {Data: []byte(msg("one", "other"))},
		"locales/ar.toml": {Data: []byte(msg("zero", "one", "two", "few", "many", "other"))},
		"locales/pl.toml": {Data: []byte(msg("one", "few", "many", "other"))},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPluralCategoriesFrom0To200MatchCLDR(t *testing.T) {
	c := categoryCatalog(t)
	for _, lang := range []string{"ar", "pl"} {
		tr := c.translator(lang)
		var numbers []string
		for n := 0; n <= 200; n++ {
			numbers = append(numbers, strconv.Itoa(n))
		}
		for _, examples := range cldrExamples[lang] {
			numbers = append(numbers, expand(examples)...)
		}
		for _, n := range numbers {
			var count any = n // a decimal goes in as a string, to keep "10.0" apart from "10"
			if i, err := strconv.Atoi(n); err == nil {
				count = i
			}
			got, err := tr.Render("cat", Args{"count": count})
			want := reference[lang](ops(n))
			if err != nil || got != want {
				t.Errorf("%s %s: library selects %q (%v), CLDR %q", lang, n, got, err, want)
			}
		}
	}
}

// TestNumberFormsFrom0To200 renders the real catalog's counted years and
// months for 0 to 200 and checks each against the form its CLDR category
// calls for.
func TestNumberFormsFrom0To200(t *testing.T) {
	type forms map[string]func(count string) string
	expected := map[string]map[string]forms{
		"ar": {
			"unit.year": {
				"zero": func(c string) string { return c + " عام" }, "one": func(string) string { return "عام واحد" },
				"two": func(string) string { return "عامان" }, "few": func(c string) string { return c + " أعوام" },
				"many": func(c string) string { return c + " عامًا" }, "other": func(c string) string { return c + " عام" },
			},
			"unit.month": {
				"zero": func(c string) string { return c + " شهر" }, "one": func(string) string { return "شهر واحد" },
				"two": func(string) string { return "شهران" }, "few": func(c string) string { return c + " أشهر" },
				"many": func(c string) string { return c + " شهرًا" }, "other": func(c string) string { return c + " شهر" },
			},
		},
		"pl": {
			"unit.year": {
				"one": func(c string) string { return c + " rok" }, "few": func(c string) string { return c + " lata" },
				"many": func(c string) string { return c + " lat" }, "other": func(c string) string { return c + " roku" },
			},
			"unit.month": {
				"one": func(c string) string { return c + " miesiąc" }, "few": func(c string) string { return c + " miesiące" },
				"many": func(c string) string { return c + " miesięcy" }, "other": func(c string) string { return c + " miesiąca" },
			},
		},
	}
	for lang, keys := range expected {
		tr := For(lang)
		for key, forms := range keys {
			for n := 0; n <= 200; n++ {
				cat := reference[lang](ops(strconv.Itoa(n)))
				want := forms[cat](tr.Number(n))
				if got := tr.T(key, Args{"count": n}); got != want {
					t.Errorf("%s %s %d (%s): %q, want %q", lang, key, n, cat, got, want)
				}
			}
		}
	}
	// Polish fractions take the genitive singular.
	if got := For("pl").T("unit.year", Args{"count": 2.5}); got != "2,5 roku" {
		t.Errorf("pl 2.5 years: %q, want 2,5 roku", got)
	}
}

// TestArabicDualAndPolishAgreementInTheSilenceSentence spot-checks the forms
// the issue names: the Arabic dual in the nominative and the Polish verb
// agreeing with its count.
func TestArabicDualAndPolishAgreementInTheSilenceSentence(t *testing.T) {
	for _, tc := range []struct {
		lang, key string
		count     int
		want      string
	}{
		{"ar", "draft.silence.years.almost", 2, "يكاد يمرّ عامان على آخر حديث بيننا."},
		{"ar", "draft.silence.years.exact", 2, "مرّ عامان على آخر حديث بيننا."},
		{"ar", "draft.silence.years.over", 2, "مرّ أكثر من عامين على آخر حديث بيننا."},
		{"ar", "draft.silence.years.exact", 5, "مرّت خمسة أعوام على آخر حديث بيننا."},
		{"ar", "draft.silence.years.exact", 12, "مرّ ١٢ عامًا على آخر حديث بيننا."},
		{"ar", "draft.silence.months.exact", 2, "مرّ شهران على آخر حديث بيننا."},
		{"ar", "draft.silence.months.almost", 6, "تكاد تمرّ ستة أشهر على آخر حديث بيننا."},
		{"pl", "draft.silence.years.almost", 2, "Minęły prawie dwa lata od naszej ostatniej rozmowy."},
		{"pl", "draft.silence.years.exact", 5, "Minęło pięć lat od naszej ostatniej rozmowy."},
		{"pl", "draft.silence.years.over", 1, "Minął ponad rok od naszej ostatniej rozmowy."},
		{"pl", "draft.silence.years.exact", 22, "Minęły 22 lata od naszej ostatniej rozmowy."},
		{"pl", "draft.silence.months.almost", 6, "Minęło prawie sześć miesięcy od naszej ostatniej rozmowy."},
		{"pl", "draft.silence.months.over", 3, "Minęły ponad trzy miesiące od naszej ostatniej rozmowy."},
		{"en", "draft.silence.years.almost", 2, "It has been almost two years since we last spoke."},
	} {
		if got := For(tc.lang).T(tc.key, Args{"count": tc.count}); got != tc.want {
			t.Errorf("%s %s %d:\n got %q\nwant %q", tc.lang, tc.key, tc.count, got, tc.want)
		}
	}
}
