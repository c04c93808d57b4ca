package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"rapport"
)

// badTime reports a time the CLI cannot read, listing the forms it reads.
func badTime(field, value, forms string) error {
	return rapport.Invalid(field, value, "use one of: "+forms).Keyed("error.invalid.time", map[string]any{"formats": forms})
}

var relative = regexp.MustCompile(`^([+-]\d+)([hdw])$`)

// parseTime reads the times a user types: RFC 3339, "2026-11-20",
// "2026-11-20 14:30", "now", "today", "yesterday", "tomorrow", or an offset
// from now such as "-3d", "+2w", "-5h". Times without a zone are in loc.
func parseTime(s string, now time.Time, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	day := func(offset int) time.Time {
		y, m, d := now.In(loc).Date()
		return time.Date(y, m, d+offset, 0, 0, 0, 0, loc)
	}
	switch strings.ToLower(s) {
	case "now":
		if !now.IsZero() {
			return now, nil
		}
	case "today":
		if !now.IsZero() {
			return day(0), nil
		}
	case "yesterday":
		if !now.IsZero() {
			return day(-1), nil
		}
	case "tomorrow":
		if !now.IsZero() {
			return day(1), nil
		}
	}
	if m := relative.FindStringSubmatch(s); m != nil && !now.IsZero() {
		n, _ := strconv.Atoi(m[1])
		switch m[2] {
		case "h":
			return now.Add(time.Duration(n) * time.Hour), nil
		case "d":
			return now.AddDate(0, 0, n), nil
		case "w":
			return now.AddDate(0, 0, 7*n), nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time", s)
}
