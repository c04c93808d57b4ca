package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"rapport"
)

// parseBirthday reads the dates vCard 3 and 4 and Google's CSV write for a
// birthday: 1985-03-14, 19850314, --03-14, --0314, each possibly followed by
// a time (T…), which is dropped. omitYear is the year Apple writes when the
// year is unknown (X-APPLE-OMIT-YEAR=1604). Dates Rapport cannot hold — a
// year alone, a month alone, a year out of range — come back as a warning
// with what could be kept; a value that is no date at all is an error.
func parseBirthday(line int, field, value, omitYear string) (*rapport.Birthday, string, error) {
	s := strings.TrimSpace(value)
	if i := strings.IndexByte(s, 'T'); i >= 0 {
		s = s[:i]
	}
	bad := invalidAt(line, field, value, "not a date: use YYYY-MM-DD, or --MM-DD when the year is unknown")
	var year, month, day string
	switch {
	case strings.HasPrefix(s, "---"): // ---DD: a day without its month
		if _, ok := digits(s[3:], 2); !ok {
			return nil, "", bad
		}
		return nil, warnAt(line, field, value, "left out: a day without its month"), nil
	case strings.HasPrefix(s, "--"):
		md := strings.ReplaceAll(s[2:], "-", "")
		switch len(md) {
		case 2: // --MM
			if _, ok := digits(md, 2); !ok {
				return nil, "", bad
			}
			return nil, warnAt(line, field, value, "left out: a month without its day"), nil
		case 4:
			month, day = md[:2], md[2:]
		default:
			return nil, "", bad
		}
	case len(s) == 4: // YYYY
		if _, ok := digits(s, 4); !ok {
			return nil, "", bad
		}
		return nil, warnAt(line, field, value, "left out: a year without its day"), nil
	case len(s) == 7 && s[4] == '-': // YYYY-MM
		if _, ok := digits(s[:4]+s[5:], 6); !ok {
			return nil, "", bad
		}
		return nil, warnAt(line, field, value, "left out: a month without its day"), nil
	case len(s) == 8:
		year, month, day = s[:4], s[4:6], s[6:]
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		year, month, day = s[:4], s[5:7], s[8:]
	default:
		return nil, "", bad
	}
	m, ok1 := digits(month, 2)
	d, ok2 := digits(day, 2)
	if !ok1 || !ok2 {
		return nil, "", bad
	}
	b := &rapport.Birthday{Month: time.Month(m), Day: d}
	if b.Validate() != nil {
		return nil, "", invalidAt(line, field, value, "no such day")
	}
	warning := ""
	if year != "" {
		y, ok := digits(year, 4)
		if !ok {
			return nil, "", bad
		}
		withYear := *b
		withYear.Year = y
		switch err := withYear.Validate(); {
		case year == omitYear:
		case err == nil:
			b = &withYear
		case y < 1900 || y > 2200:
			warning = warnAt(line, field, value, "kept without its year, which is out of range")
		default: // 29 February in a common year
			return nil, "", invalidAt(line, field, value, "no such day")
		}
	}
	return b, warning, nil
}

// digits reads exactly n ASCII digits.
func digits(s string, n int) (int, bool) {
	if len(s) != n {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.Atoi(s)
	return v, err == nil
}

// warnAt words a value left out, or kept in part: `line 7: BDAY: "1985" left out: …`.
func warnAt(line int, field, value, what string) string {
	return fmt.Sprintf("line %d: %s: %q %s", line, field, value, what)
}
