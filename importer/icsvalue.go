package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"
)

// wallTime is a calendar date and clock time with no zone, kept in a
// time.Time's UTC fields: iCalendar's "local time", which a zone turns into
// an instant.
type wallTime = time.Time

const (
	icsDate     = "20060102"
	icsDateTime = "20060102T150405"
)

// parseWall reads an iCalendar DATE or DATE-TIME value. utc reports a
// trailing Z (an instant, not a wall clock); date reports a DATE.
func parseWall(s, valueType string) (w wallTime, date, utc bool, ok bool) {
	valueType = strings.ToUpper(valueType)
	switch {
	case len(s) == len(icsDate) && (valueType == "" || valueType == "DATE"):
		t, err := time.Parse(icsDate, s)
		return t, true, false, err == nil
	case valueType == "DATE":
		return time.Time{}, false, false, false
	case len(s) == len(icsDateTime)+1 && (s[len(s)-1] == 'Z' || s[len(s)-1] == 'z'):
		s, utc = s[:len(s)-1], true
	}
	if len(s) != len(icsDateTime) || (valueType != "" && valueType != "DATE-TIME") {
		return time.Time{}, false, false, false
	}
	t, err := time.Parse(icsDateTime, s)
	return t, false, utc, err == nil
}

// parseDuration reads an iCalendar DURATION (RFC 5545 §3.3.6): go-ical's
// parser overflows silently on P999999999999999999W, so this one counts in
// seconds and refuses anything longer than maxDuration.
func parseDuration(s string) (time.Duration, bool) {
	const maxDuration = 10 * 366 * 24 * time.Hour
	s = strings.ToUpper(strings.TrimSpace(s))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, false
	}
	s = s[1:]
	var total int64
	inTime := false
	units := map[byte]int64{'W': 7 * 86400, 'D': 86400}
	for s != "" {
		if s[0] == 'T' {
			if inTime {
				return 0, false
			}
			inTime, s = true, s[1:]
			units = map[byte]int64{'H': 3600, 'M': 60, 'S': 1}
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i > 9 || i == len(s) {
			return 0, false
		}
		n, _ := strconv.ParseInt(s[:i], 10, 64)
		unit, ok := units[s[i]]
		if !ok {
			return 0, false
		}
		total += n * unit
		if time.Duration(total)*time.Second > maxDuration {
			return 0, false
		}
		s = s[i+1:]
	}
	d := time.Duration(total) * time.Second
	if neg {
		d = -d
	}
	return d, true
}

// parseOffset reads a UTC offset, "+0100" or "-000115", in seconds.
func parseOffset(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	h, ok1 := digits(s[1:3], 2)
	m, ok2 := digits(s[3:5], 2)
	sec, ok3 := 0, true
	if len(s) == 7 {
		sec, ok3 = digits(s[5:7], 2)
	}
	if !ok1 || !ok2 || !ok3 || h > 23 || m > 59 || sec > 59 {
		return 0, false
	}
	off := h*3600 + m*60 + sec
	if s[0] == '-' {
		off = -off
	}
	return off, true
}

// icsText undoes iCalendar text escapes (RFC 5545 §3.3.11), keeping the
// character after a backslash it does not know rather than refusing the
// value: free text is shown to the user, not interpreted.
func icsText(s string) string {
	if !strings.Contains(s, `\`) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		if s[i] == 'n' || s[i] == 'N' {
			b.WriteByte('\n')
		} else {
			b.WriteByte(s[i])
		}
	}
	return strings.TrimSpace(b.String())
}

// calAddress is the email of an ATTENDEE or ORGANIZER, lower case: the
// EMAIL parameter (RFC 7986) when there is one, else a mailto: value.
func calAddress(value, emailParam string) string {
	v := strings.TrimSpace(emailParam)
	if v == "" {
		v = strings.TrimSpace(value)
		if len(v) > 7 && strings.EqualFold(v[:7], "mailto:") {
			v = v[7:]
		} else if strings.Contains(v, ":") {
			return "" // urn:uuid:…, a CN-only address: no email
		}
	}
	if !strings.Contains(v, "@") {
		return ""
	}
	return strings.ToLower(v)
}

// icsTime is a DATE or DATE-TIME value before a zone makes it an instant.
type icsTime struct {
	w         wallTime
	date, utc bool
}

// timeList reads a list of dates, date-times or periods (RDATE, EXDATE); a
// period stands for its start.
func timeList(line int, field string, prop *ical.Prop) ([]icsTime, error) {
	vt := prop.Params.Get(ical.ParamValue)
	var out []icsTime
	for _, v := range strings.Split(prop.Value, ",") {
		v, typ := strings.TrimSpace(v), vt
		if strings.EqualFold(vt, "PERIOD") {
			start, end, ok := strings.Cut(v, "/")
			if _, err := parsePeriodEnd(end); !ok || err != nil {
				return nil, invalidAt(line, field, prop.Value, "error.import.period", "not a period like 19970101T180000Z/PT5H", nil)
			}
			v, typ = start, "DATE-TIME"
		}
		w, date, utc, ok := parseWall(v, typ)
		if !ok {
			return nil, invalidAt(line, field, prop.Value, "error.import.date_list", "not a list of dates or date-times", nil)
		}
		out = append(out, icsTime{w, date, utc})
	}
	return out, nil
}

// parsePeriodEnd checks the end of a period: a date-time or a duration.
func parsePeriodEnd(s string) (time.Time, error) {
	if _, ok := parseDuration(s); ok {
		return time.Time{}, nil
	}
	if w, _, _, ok := parseWall(s, "DATE-TIME"); ok {
		return w, nil
	}
	return time.Time{}, fmt.Errorf("not a period end")
}
