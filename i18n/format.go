package i18n

import (
	"math"
	"reflect"
	"strings"
	"time"

	"golang.org/x/text/number"
	"golang.org/x/text/unicode/bidi"
)

// Number formats a number with the locale's digits and separators:
// 1234567.5 is "1,234,567.5" in English, "1 234 567,5" in Polish and
// "١٬٢٣٤٬٥٦٧٫٥" in Arabic.
func (t *Translator) Number(n any) string {
	if t.lang == "pl" && math.Abs(toFloat(n)) < 10000 {
		// CLDR's minimumGroupingDigits is 2 for Polish ("1234" but
		// "12 345"); golang.org/x/text does not apply it.
		return t.num.Sprint(number.Decimal(n, number.NoSeparator()))
	}
	return t.num.Sprint(number.Decimal(n))
}

func toFloat(n any) float64 {
	v := reflect.ValueOf(n)
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	}
	return math.Inf(1)
}

// Digits formats a whole number with the locale's digits and no grouping,
// as in a year, a day of the month or a line of a file.
func (t *Translator) Digits(n int) string {
	return t.num.Sprint(number.Decimal(n, number.NoSeparator()))
}

// Date formats a day in words, as in a letter: "March 12, 2025",
// "12 marca 2025", "١٢ مارس ٢٠٢٥". The pattern and the month names are in
// the catalog (date.long, date.month.*).
func (t *Translator) Date(d time.Time) string {
	return t.date("date.long", d)
}

// DateShort formats a day in digits: "3/12/2025", "12.03.2025", "١٢‏/٣‏/٢٠٢٥".
func (t *Translator) DateShort(d time.Time) string {
	return t.date("date.short", d)
}

// DateTime formats a moment in digits, to the minute: "3/12/2025, 14:30",
// "12.03.2025, 14:30", "١٢‏/٣‏/٢٠٢٥، ١٤:٣٠".
func (t *Translator) DateTime(d time.Time) string {
	return t.T("date.short_time", Args{
		"date":   Text(t.DateShort(d)),
		"hour":   Text(t.twoDigits(d.Hour())),
		"minute": Text(t.twoDigits(d.Minute())),
	})
}

// DayMonth formats a day of the year without the year, as a birthday whose
// year is unknown: "March 12", "12 marca", "١٢ مارس".
func (t *Translator) DayMonth(d time.Time) string {
	return t.date("date.day_month", d)
}

func (t *Translator) date(key string, d time.Time) string {
	month := t.T("date.month."+strings.ToLower(d.Month().String()), nil)
	// The parts are passed through value() like any argument, and digits
	// are never isolated, so they can go in as they are.
	return t.T(key, Args{
		"day":          t.Digits(d.Day()),
		"day2":         t.twoDigits(d.Day()),
		"month":        month,
		"month_number": t.Digits(int(d.Month())),
		"month2":       t.twoDigits(int(d.Month())),
		"year":         t.Digits(d.Year()),
	})
}

func (t *Translator) twoDigits(n int) string {
	return t.num.Sprint(number.Decimal(n, number.NoSeparator(), number.MinIntegerDigits(2)))
}

// List joins items as the language writes a list without a conjunction:
// "a, b, c", "أ، ب، ج". Each item is prepared with Embed.
func (t *Translator) List(items ...string) string {
	var out string
	for i, s := range items {
		if i == 0 {
			out = t.Embed(s)
			continue
		}
		out = t.T("list.join", Args{"head": Text(out), "tail": Text(t.Embed(s))})
	}
	return out
}

// The Unicode bidi isolates: first strong isolate and pop directional isolate.
const (
	FSI = "\u2068"
	PDI = "\u2069"
)

// Isolate wraps s in FSI…PDI, so that it takes the direction of its own first
// strong letter and neither reorders nor is reordered by the text around it.
func Isolate(s string) string {
	if s == "" {
		return s
	}
	return FSI + s + PDI
}

// Embed prepares text for a message in this language: it isolates s if s
// holds letters that run the other way (Latin in Arabic, Arabic in English
// or Polish), and leaves it alone otherwise, digits included.
func (t *Translator) Embed(s string) string {
	if strings.HasPrefix(s, FSI) && strings.HasSuffix(s, PDI) {
		return s
	}
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			if t.RTL() {
				return Isolate(s)
			}
		case bidi.R, bidi.AL:
			if !t.RTL() {
				return Isolate(s)
			}
		}
	}
	return s
}
