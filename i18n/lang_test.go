package i18n

import (
	"testing"
	"time"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestChooseTakesFlagThenUserThenEnvironmentThenEnglish(t *testing.T) {
	for _, tc := range []struct {
		name       string
		flag, user string
		env        map[string]string
		want       string
	}{
		{"the flag wins over everything", "ar", "pl", map[string]string{"LC_ALL": "pl_PL.UTF-8"}, "ar"},
		{"the user's setting comes next", "", "pl", map[string]string{"LANG": "ar_EG.UTF-8"}, "pl"},
		{"LC_ALL before LC_MESSAGES and LANG", "", "", map[string]string{"LC_ALL": "ar_SA.UTF-8", "LC_MESSAGES": "pl_PL.UTF-8", "LANG": "en_US.UTF-8"}, "ar-SA"},
		{"LC_MESSAGES before LANG", "", "", map[string]string{"LC_MESSAGES": "pl_PL.UTF-8", "LANG": "ar_EG.UTF-8"}, "pl-PL"},
		{"LANG last", "", "", map[string]string{"LANG": "pl_PL.UTF-8"}, "pl-PL"},
		{"English when nothing is set", "", "", nil, "en"},
		{"an unsupported flag is passed over", "de", "ar", nil, "ar"},
		{"an unsupported LC_ALL is passed over", "", "", map[string]string{"LC_ALL": "de_DE.UTF-8", "LANG": "pl_PL"}, "pl-PL"},
		{"the C locale means English", "", "", map[string]string{"LC_ALL": "C", "LANG": "pl_PL.UTF-8"}, "en"},
		{"C.UTF-8 means English", "", "", map[string]string{"LANG": "C.UTF-8"}, "en"},
		{"a POSIX modifier is ignored", "", "", map[string]string{"LANG": "pl_PL.UTF-8@euro"}, "pl-PL"},
		{"a BCP 47 tag in the user's setting", "", "ar-EG", nil, "ar-EG"},
		{"garbage is passed over", "??", "", map[string]string{"LANG": "xx_YY"}, "en"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Choose(tc.flag, tc.user, env(tc.env)); got != tc.want {
				t.Errorf("Choose(%q, %q, %v) = %q, want %q", tc.flag, tc.user, tc.env, got, tc.want)
			}
		})
	}
	if got := Choose("", "", nil); got != "en" {
		t.Errorf("Choose with no getenv = %q, want en", got)
	}
}

func TestMatchAcceptsTagsAndLocaleNamesOfSupportedLanguages(t *testing.T) {
	for in, want := range map[string]string{"en": "en", "ar": "ar", "pl": "pl", "pl-PL": "pl-PL", "pl_PL.UTF-8": "pl-PL", "AR": "ar", "en-GB": "en-GB", "POSIX": "en"} {
		if got, ok := Match(in); !ok || got != want {
			t.Errorf("Match(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "de", "fr_FR.UTF-8", "und", "x"} {
		if got, ok := Match(in); ok {
			t.Errorf("Match(%q) = %q, want no match", in, got)
		}
	}
	if got := For("pl_PL.UTF-8").Lang(); got != "pl" {
		t.Errorf("For(pl_PL.UTF-8).Lang() = %q", got)
	}
}

func TestNumbersUseTheLocalesDigitsAndSeparators(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    any
		want string
	}{
		{"en", 1234567.5, "1,234,567.5"},
		{"en", 3, "3"},
		{"pl", 1234567.5, "1\u00a0234\u00a0567,5"},
		{"pl", 1234, "1234"}, // CLDR: Polish groups from five digits
		{"pl", 12345, "12\u00a0345"},
		{"ar", 1234567.5, "١٬٢٣٤٬٥٦٧٫٥"},
		{"ar", 200, "٢٠٠"},
		{"ar-MA", 200, "200"}, // Morocco writes Latin digits
	} {
		if got := For(tc.lang).Number(tc.n); got != tc.want {
			t.Errorf("%s Number(%v) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestDatesAreWrittenTheLocalesWay(t *testing.T) {
	d := time.Date(2025, 3, 2, 15, 4, 0, 0, time.UTC)
	for _, tc := range []struct{ lang, long, short, dateTime, dayMonth string }{
		{"en", "March 2, 2025", "3/2/2025", "3/2/2025, 15:04", "March 2"},
		{"pl", "2 marca 2025", "02.03.2025", "02.03.2025, 15:04", "2 marca"},
		{"ar", "٢ مارس ٢٠٢٥", "٢\u200f/٣\u200f/٢٠٢٥", "٢\u200f/٣\u200f/٢٠٢٥، ١٥:٠٤", "٢ مارس"},
	} {
		tr := For(tc.lang)
		if got := tr.Date(d); got != tc.long {
			t.Errorf("%s Date = %q, want %q", tc.lang, got, tc.long)
		}
		if got := tr.DateShort(d); got != tc.short {
			t.Errorf("%s DateShort = %q, want %q", tc.lang, got, tc.short)
		}
		if got := tr.DateTime(d); got != tc.dateTime {
			t.Errorf("%s DateTime = %q, want %q", tc.lang, got, tc.dateTime)
		}
		if got := tr.DayMonth(d); got != tc.dayMonth {
			t.Errorf("%s DayMonth = %q, want %q", tc.lang, got, tc.dayMonth)
		}
	}
	// Polish months are in the genitive in a date, for every month.
	for m, want := range []string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"} {
		got := For("pl").Date(time.Date(2025, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC))
		if got != "1 "+want+" 2025" {
			t.Errorf("pl month %d: %q", m+1, got)
		}
	}
}

func TestEmbedIsolatesTextThatRunsTheOtherWay(t *testing.T) {
	ar, en := For("ar"), For("en")
	for _, tc := range []struct {
		tr   *Translator
		in   string
		want string
	}{
		{ar, "Anna Kowalska", FSI + "Anna Kowalska" + PDI},
		{ar, "خالد العمري", "خالد العمري"},
		{ar, "أعمل الآن في Google", FSI + "أعمل الآن في Google" + PDI},
		{ar, "٢٠٢٥", "٢٠٢٥"},
		{ar, "2025", "2025"},
		{ar, FSI + "Anna" + PDI, FSI + "Anna" + PDI}, // never twice
		{en, "Anna", "Anna"},
		{en, "خالد", FSI + "خالد" + PDI},
		{For("pl"), "Łukasz", "Łukasz"},
		{ar, "", ""},
	} {
		if got := tc.tr.Embed(tc.in); got != tc.want {
			t.Errorf("%s Embed(%q) = %q, want %q", tc.tr.Lang(), tc.in, got, tc.want)
		}
	}
	if Isolate("x") != "\u2068x\u2069" {
		t.Error("Isolate does not use FSI and PDI")
	}
	if !ar.RTL() || en.RTL() || For("pl").RTL() {
		t.Error("only Arabic is right to left")
	}
}

func TestListsAreJoinedTheLocalesWay(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		items []string
		want  string
	}{
		{"en", []string{"vip", "warsaw", "خالد"}, "vip, warsaw, " + FSI + "خالد" + PDI},
		{"pl", []string{"vip", "warsaw"}, "vip, warsaw"},
		{"ar", []string{"خالد", "Anna", "نور"}, "خالد، " + FSI + "Anna" + PDI + "، نور"},
		{"ar", []string{"Anna"}, FSI + "Anna" + PDI},
		{"en", nil, ""},
	} {
		if got := For(tc.lang).List(tc.items...); got != tc.want {
			t.Errorf("%s List(%q) = %q, want %q", tc.lang, tc.items, got, tc.want)
		}
	}
}

func TestTextArgumentsGoInAsTheyAre(t *testing.T) {
	// A message rendered in Arabic holds Latin text already isolated; put
	// into another message as a Text, it is not isolated once more.
	ar := For("ar")
	inner := ar.T("cli.timeline.with", Args{"names": "Anna"})
	got := ar.T("list.join", Args{"head": Text("دعوة"), "tail": Text(inner)})
	if want := "دعوة، بمشاركة " + FSI + "Anna" + PDI; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMessageWithoutPluralFormsIgnoresACount(t *testing.T) {
	for _, lang := range Supported {
		tr := For(lang)
		want, err := tr.Render("warning.not_dormant.suggestion", Args{})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{0, 1, 2, 5, 19, 101} {
			got, err := tr.Render("warning.not_dormant.suggestion", Args{"count": n, "name": "X"})
			if err != nil || got != want {
				t.Fatalf("%s, count %d: %q, %v; want %q", lang, n, got, err, want)
			}
		}
	}
}
