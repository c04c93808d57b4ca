package importer

import (
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
func parseBirthday(line int, field, value, omitYear string) (*rapport.Birthday, *Warning, error) {
	s := strings.TrimSpace(value)
	if i := strings.IndexByte(s, 'T'); i >= 0 {
		s = s[:i]
	}
	bad := invalidAt(line, field, value, "error.import.birthday", "not a date: use YYYY-MM-DD, or --MM-DD when the year is unknown", nil)
	var year, month, day string
	switch {
	case strings.HasPrefix(s, "---"): // ---DD: a day without its month
		if _, ok := digits(s[3:], 2); !ok {
			return nil, nil, bad
		}
		return nil, warn(line, field, value, "left out: a day without its month", "import.warning.day_only"), nil
	case strings.HasPrefix(s, "--"):
		md := strings.ReplaceAll(s[2:], "-", "")
		switch len(md) {
		case 2: // --MM
			if _, ok := digits(md, 2); !ok {
				return nil, nil, bad
			}
			return nil, warn(line, field, value, "left out: a month without its day", "import.warning.month_only"), nil
		case 4:
			month, day = md[:2], md[2:]
		default:
			return nil, nil, bad
		}
	case len(s) == 4: // YYYY
		if _, ok := digits(s, 4); !ok {
			return nil, nil, bad
		}
		return nil, warn(line, field, value, "left out: a year without its day", "import.warning.year_only"), nil
	case len(s) == 7 && s[4] == '-': // YYYY-MM
		if _, ok := digits(s[:4]+s[5:], 6); !ok {
			return nil, nil, bad
		}
		return nil, warn(line, field, value, "left out: a month without its day", "import.warning.month_only"), nil
	case len(s) == 8:
		year, month, day = s[:4], s[4:6], s[6:]
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		year, month, day = s[:4], s[5:7], s[8:]
	default:
		return nil, nil, bad
	}
	m, ok1 := digits(month, 2)
	d, ok2 := digits(day, 2)
	if !ok1 || !ok2 {
		return nil, nil, bad
	}
	b := &rapport.Birthday{Month: time.Month(m), Day: d}
	if b.Validate() != nil {
		return nil, nil, invalidAt(line, field, value, "error.invalid.no_such_day", "no such day", nil)
	}
	var warning *Warning
	if year != "" {
		y, ok := digits(year, 4)
		if !ok {
			return nil, nil, bad
		}
		withYear := *b
		withYear.Year = y
		switch err := withYear.Validate(); {
		case year == omitYear:
		case err == nil:
			b = &withYear
		case y < 1900 || y > 2200:
			warning = warn(line, field, value, "kept without its year, which is out of range", "import.warning.year_dropped")
		default: // 29 February in a common year
			return nil, nil, invalidAt(line, field, value, "error.invalid.no_such_day", "no such day", nil)
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

// warn is warnAt for a warning with no arguments but the field and the value.
func warn(line int, field, value, what, key string) *Warning {
	w := warnAt(line, field, value, what, key, nil)
	return &w
}
