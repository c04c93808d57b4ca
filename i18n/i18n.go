// Package i18n holds every string Rapport shows, in English, Arabic and
// Polish, and renders them with the plural form, grammatical gender and
// register they need.
//
// The catalogs are TOML files in locales/, embedded in the binary and read
// with github.com/nicksnyder/go-i18n (see docs/decisions.md, "Translations", for why).
// A message is a Go text/template; its plural forms follow CLDR (Arabic:
// zero, one, two, few, many, other; Polish: one, few, many, other), and it
// selects on gender and register with {{if eq .contact_gender "feminine"}}.
//
//	tr := i18n.For("ar")
//	tr.T("warning.given_up.message", i18n.Args{"count": 3, "user_gender": u.Gender})
//
// Arguments with a meaning of their own:
//
//   - count: a number that picks the plural form. The template sees it
//     formatted for the locale (.count: "3", "٣"), spelled out for 1 to 10
//     (.count_words for masculine nouns, .count_words_f for feminine ones:
//     "ثلاثة أعوام" but "ثلاث محاولات"; "dwa lata" but "dwie próby"), and
//     as digits beyond.
//   - contact_gender, user_gender: feminine, masculine or unknown (the
//     default, and what any other value becomes). Unknown must render a
//     neutral phrasing, never the masculine one.
//   - register: formal (the default) or informal.
//
// Every other argument is formatted for the locale: numbers with its digits
// and separators, times as a long date, and text isolated with FSI…PDI when
// its script runs the other way (a Latin name inside Arabic text). A Text
// argument (a message already rendered) goes in as it is.
//
// Keys are dotted paths grouped by who shows them: lang., number., date.,
// list., unit. (building blocks), error. (rapport.Error messages: see
// app.LocalizeError), warning.CODE.message and warning.CODE.suggestion (rule
// warnings), today. (Today reasons), state., enum. and contact. (labels),
// draft. (the composer), cli. (the CLI only; cli.cmd.PATH.short are the
// commands' help) and, later, web. A key segment must not be one of go-i18n's reserved words
// (id, description, hash, translation, leftdelim, rightdelim, zero, one,
// two, few, many, other): the catalog would not load.
package i18n

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Args are the named values a message is rendered with.
type Args map[string]any

// Text is an argument already written for the message's language, such as
// another message of the same translator: it goes in as it is, neither
// formatted nor isolated.
type Text string

// Genders and registers as the templates see them.
const (
	Feminine  = "feminine"
	Masculine = "masculine"
	Unknown   = "unknown"
	Formal    = "formal"
	Informal  = "informal"
)

//go:embed locales/*.toml
var locales embed.FS

// catalog is every message of every language, loaded once.
type catalog struct {
	bundle *goi18n.Bundle
	// messages[lang][key] is the message as written in that language's file.
	messages map[string]map[string]*goi18n.Message
	// translators caches a *Translator per argument of For.
	translators sync.Map
}

var loadCatalog = sync.OnceValues(func() (*catalog, error) { return load(locales) })

func load(fsys fs.FS) (*catalog, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &catalog{bundle: b, messages: map[string]map[string]*goi18n.Message{}}
	for _, lang := range Supported {
		f, err := b.LoadMessageFileFS(fsys, path.Join("locales", lang+".toml"))
		if err != nil {
			return nil, fmt.Errorf("i18n: catalog %s: %w", lang, err)
		}
		ms := make(map[string]*goi18n.Message, len(f.Messages))
		for _, m := range f.Messages {
			ms[m.ID] = m
		}
		c.messages[lang] = ms
	}
	return c, nil
}

func mustCatalog() *catalog {
	c, err := loadCatalog()
	if err != nil {
		// The catalogs are embedded and tested: a broken one is a bug in
		// this build, not a condition a caller could handle.
		panic(err)
	}
	return c
}

// Translator renders messages in one language. It is safe for concurrent use.
type Translator struct {
	lang string // en, ar or pl: the catalog
	cat  *catalog
	loc  *goi18n.Localizer
	num  *message.Printer
}

// parser executes templates strictly: a placeholder with no argument is an
// error, not "<no value>". It holds no functions, so parses are cached.
var parser = &template.TextParser{Option: "missingkey=error"}

// For returns the translator for a language: a BCP 47 tag or POSIX locale
// name ("ar", "pl-PL", "pl_PL.UTF-8"). An unsupported or empty one gets
// English. The region, if any, is kept for number formatting.
func For(lang string) *Translator {
	return mustCatalog().translator(lang)
}

func (c *catalog) translator(lang string) *Translator {
	tag, ok := match(lang)
	if !ok {
		tag = language.English
	}
	// Only the language and the region matter, which also keeps the cache
	// small whatever callers pass in.
	base, _ := tag.Base()
	if region, conf := tag.Region(); conf == language.Exact {
		tag, _ = language.Compose(base, region)
	} else {
		tag, _ = language.Compose(base)
	}
	key := tag.String()
	if t, ok := c.translators.Load(key); ok {
		return t.(*Translator)
	}
	t, _ := c.translators.LoadOrStore(key, &Translator{
		lang: base.String(),
		cat:  c,
		loc:  goi18n.NewLocalizer(c.bundle, base.String()),
		num:  message.NewPrinter(tag), // the region, if any, picks the digits
	})
	return t.(*Translator)
}

// Lang is the catalog's language: en, ar or pl.
func (t *Translator) Lang() string { return t.lang }

// RTL reports whether the language is written right to left.
func (t *Translator) RTL() bool { return t.lang == "ar" }

// Has reports whether the language's catalog holds key.
func (t *Translator) Has(key string) bool {
	_, ok := t.cat.messages[t.lang][key]
	return ok
}

// T renders key with args. It never fails: a message missing from this
// language falls back to English, and one that cannot be rendered at all
// shows its key, so that a gap is visible but not fatal. Tests make sure
// neither happens.
func (t *Translator) T(key string, args Args) string {
	s, err := t.Render(key, args)
	if err == nil {
		return s
	}
	if t.lang != "en" {
		if s, err := t.cat.translator("en").Render(key, args); err == nil {
			return s
		}
	}
	return key
}

// ErrMissing is wrapped by the error Render returns for a key that is not in
// the language's catalog.
var ErrMissing = errors.New("no such message")

// Render renders key with args, strictly: the key must be in this language's
// catalog, a message with plural forms needs a count and must have the form
// the count selects, and every placeholder needs its argument.
func (t *Translator) Render(key string, args Args) (string, error) {
	m, ok := t.cat.messages[t.lang][key]
	if !ok {
		return "", fmt.Errorf("i18n: %s: %q: %w", t.lang, key, ErrMissing)
	}
	data, count, err := t.data(args)
	if err != nil {
		return "", fmt.Errorf("i18n: %s: %q: %w", t.lang, key, err)
	}
	if count == nil && isPlural(m) {
		return "", fmt.Errorf("i18n: %s: %q has plural forms and needs a count", t.lang, key)
	}
	if !isPlural(m) {
		// A message without plural forms is the same for every count; a
		// count given for other messages rendered with the same arguments
		// must not make go-i18n look for a form it does not have.
		count = nil
	}
	s, err := t.loc.Localize(&goi18n.LocalizeConfig{
		MessageID:      key,
		TemplateData:   data,
		PluralCount:    count,
		TemplateParser: parser,
	})
	if err != nil {
		return "", fmt.Errorf("i18n: %s: %q: %w", t.lang, key, err)
	}
	return s, nil
}

func isPlural(m *goi18n.Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

// data turns args into the template's data, and returns the plural count as
// go-i18n takes it (an integer, or a decimal string).
func (t *Translator) data(args Args) (map[string]any, any, error) {
	data := make(map[string]any, len(args)+6)
	data["contact_gender"] = Unknown
	data["user_gender"] = Unknown
	data["register"] = Formal
	var count any
	for k, v := range args {
		switch {
		case k == "count":
			c, whole, err := pluralCount(v)
			if err != nil {
				return nil, nil, err
			}
			count = c
			data["count"] = t.countText(v)
			data["count_words"], data["count_words_f"] = data["count"], data["count"]
			if whole {
				data["count_words"] = t.words(c.(int64), "masculine")
				data["count_words_f"] = t.words(c.(int64), "feminine")
			}
		case strings.HasSuffix(k, "_gender"):
			data[k] = NormalizeGender(fmt.Sprint(v))
		case k == "register":
			data[k] = NormalizeRegister(fmt.Sprint(v))
		default:
			data[k] = t.value(v)
		}
	}
	return data, count, nil
}

// pluralCount checks a count and returns it as go-i18n takes it: an int64
// when it is a whole number (whole is then true), else a decimal string. A
// decimal string keeps its visible fraction digits, which CLDR's rules look
// at ("1.0" is not "1"); a float without a fraction counts as an integer.
func pluralCount(v any) (count any, whole bool, err error) {
	if s, ok := v.(string); ok {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return nil, false, fmt.Errorf("count %q is not a number", s)
		}
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i, true, nil
		}
		return s, false, nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(rv.Uint()), true, nil
	case reflect.Float32, reflect.Float64:
		f := rv.Float()
		if f == float64(int64(f)) {
			return int64(f), true, nil
		}
		return strconv.FormatFloat(f, 'f', -1, 64), false, nil
	}
	return nil, false, fmt.Errorf("count must be a number, not %T", v)
}

// countText formats a count; a decimal string keeps its fraction digits.
func (t *Translator) countText(v any) string {
	if s, ok := v.(string); ok {
		f, _ := strconv.ParseFloat(s, 64)
		_, frac, _ := strings.Cut(s, ".")
		return t.num.Sprint(number.Decimal(f, number.MinFractionDigits(len(frac))))
	}
	return t.Number(v)
}

// words spells out 1 to 10 for a noun of the given grammatical gender, and
// formats any other number with digits.
func (t *Translator) words(n int64, nounGender string) string {
	if n >= 1 && n <= 10 {
		if s, err := t.Render(fmt.Sprintf("number.%s.n%d", nounGender, n), nil); err == nil {
			return s
		}
	}
	return t.Number(n)
}

// value formats one argument for the template.
func (t *Translator) value(v any) any {
	switch v := v.(type) {
	case nil:
		return ""
	case Text:
		return string(v)
	case string:
		return t.Embed(v)
	case time.Time:
		return t.Date(v)
	case fmt.Stringer:
		return t.Embed(v.String())
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return t.Embed(rv.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return t.Number(v)
	}
	return v
}

// NormalizeGender maps any spelling to feminine, masculine or unknown.
func NormalizeGender(g string) string {
	switch strings.ToLower(strings.TrimSpace(g)) {
	case "feminine", "f", "female":
		return Feminine
	case "masculine", "m", "male":
		return Masculine
	}
	return Unknown
}

// NormalizeRegister maps any spelling to formal or informal; formal is the default.
func NormalizeRegister(r string) string {
	if strings.EqualFold(strings.TrimSpace(r), Informal) {
		return Informal
	}
	return Formal
}

// Keys lists every message key, sorted. The English catalog is the reference;
// a test checks the others hold the same keys.
func Keys() []string {
	ms := mustCatalog().messages["en"]
	keys := make([]string, 0, len(ms))
	for k := range ms {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
