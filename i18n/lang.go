package i18n

import (
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Supported lists the languages Rapport speaks, the fallback first.
var Supported = []string{"en", "ar", "pl"}

// Match returns the supported language a BCP 47 tag or POSIX locale name
// stands for, keeping its region ("pl_PL.UTF-8" is "pl-PL", "ar-EG" stays
// "ar-EG"), and whether there is one. "C" and "POSIX" are English. Use it to
// check a --lang flag or a user's setting.
func Match(s string) (string, bool) {
	tag, ok := match(s)
	if !ok {
		return "", false
	}
	return tag.String(), true
}

func match(s string) (language.Tag, bool) {
	s = strings.TrimSpace(s)
	// POSIX: language[_territory][.codeset][@modifier].
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return language.Und, false
	}
	if s == "C" || s == "POSIX" {
		return language.English, true
	}
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return language.Und, false
	}
	base, conf := tag.Base()
	if conf != language.Exact || !slices.Contains(Supported, base.String()) {
		return language.Und, false
	}
	return tag, true
}

// Choose picks the language to speak: an explicit flag (--lang), then the
// user's setting, then the environment as POSIX orders it (LC_ALL, then
// LC_MESSAGES, then LANG), then English. A value that names no supported
// language is passed over; an environment that says "C" or "POSIX" means
// English. getenv is os.Getenv in production and a map in tests.
func Choose(flag, user string, getenv func(string) string) string {
	for _, s := range []string{flag, user} {
		if lang, ok := Match(s); ok {
			return lang
		}
	}
	if getenv != nil {
		for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if lang, ok := Match(getenv(name)); ok {
				return lang
			}
		}
	}
	return "en"
}
