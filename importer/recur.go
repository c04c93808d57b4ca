package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// Recurrences are expanded with github.com/teambition/rrule-go, which loops
// until it finds an occurrence or passes the year 9999. Two guards keep it
// from hanging on a rule that never matches (FREQ=DAILY;BYMONTH=2;
// BYMONTHDAY=30): rules more frequent than daily, whose inner loops can spin
// forever (FREQ=HOURLY;INTERVAL=2;BYHOUR=1), are not expanded; and every rule
// is expanded moved forward by whole 400-year cycles, as close to the year
// 9999 as its end allows, so that a fruitless search stops within four
// centuries. The Gregorian calendar repeats every 400 years to the weekday,
// so the occurrences moved back are exactly the rule's.

// parseRule reads an RRULE value into rrule-go's options, leniently where
// exporters are sloppy (lower case, spaces, x-name parts) and strictly where
// rrule-go would misbehave (parts outside RFC 5545, huge intervals).
func parseRule(value string) (*rrule.ROption, error) {
	var parts []string
	for _, p := range strings.Split(strings.Join(strings.Fields(strings.ToUpper(value)), ""), ";") {
		key, _, _ := strings.Cut(p, "=")
		switch {
		case p == "":
		case strings.HasPrefix(key, "X-"):
		case key == "DTSTART" || key == "BYEASTER":
			return nil, &reason{key: "error.import.rrule_part", args: map[string]any{"name": key}, text: key + " is not part of an RRULE"}
		case key == "INTERVAL":
			if n, err := strconv.Atoi(strings.TrimPrefix(p, "INTERVAL=")); err != nil || n < 1 || n > 1000 {
				return nil, &reason{key: "error.import.rrule_interval", text: "INTERVAL must be between 1 and 1000"}
			}
			parts = append(parts, p)
		default:
			parts = append(parts, p)
		}
	}
	o, err := rrule.StrToROption(strings.Join(parts, ";"))
	if err != nil {
		return nil, err
	}
	if _, err := rrule.NewRRule(*o); err != nil { // checks the BY parts' bounds
		return nil, err
	}
	return o, nil
}

// ruleUntil reports whether a rule's UNTIL is an instant (…Z) rather than
// a wall clock, and whether it is a date.
func ruleUntil(value string) (instant, date bool) {
	for _, p := range strings.Split(strings.ToUpper(value), ";") {
		if v, ok := strings.CutPrefix(strings.Join(strings.Fields(p), ""), "UNTIL="); ok {
			return strings.HasSuffix(v, "Z"), len(v) == len(icsDate)
		}
	}
	return false, false
}

// subDaily reports a rule that repeats more often than daily.
func subDaily(o *rrule.ROption) bool { return o.Freq > rrule.DAILY }

// expandWall lists a rule's occurrences as wall clocks from dtstart up to
// and including to, at most max of them (capped reports more). o.Until, when
// set, is a wall clock too. A rule it will not expand is a *reason keyed
// for the warning that says so (import.warning.…); rrule-go's own errors
// are not.
func expandWall(o rrule.ROption, dtstart, to wallTime, max int) (out []wallTime, capped bool, err error) {
	if subDaily(&o) {
		return nil, false, &reason{key: "import.warning.rrule_sub_daily", text: "repeats more often than daily"}
	}
	if dtstart.After(to) || to.Year() > 9999 {
		return nil, false, nil
	}
	if o.Freq >= rrule.WEEKLY && to.Year()-dtstart.Year() > 200 {
		// A fruitless daily search costs a step a day: keep it within six centuries.
		return nil, false, &reason{key: "import.warning.rrule_too_early", text: "starts more than 200 years before the end of its expansion"}
	}
	if o.Until.IsZero() || o.Until.After(to) {
		o.Until = to // else rrule-go stops 292 years after DTSTART
	}
	shift := (9999 - to.Year()) / 400 * 400
	o.Dtstart = dtstart.AddDate(shift, 0, 0)
	o.Until = o.Until.AddDate(shift, 0, 0)
	defer func() {
		if p := recover(); p != nil { // rrule-go indexes out of range on some rules
			out, capped, err = nil, false, fmt.Errorf("cannot be expanded: %v", p)
		}
	}()
	r, err := rrule.NewRRule(o)
	if err != nil {
		return nil, false, err
	}
	next := r.Iterator()
	for w, ok := next(); ok; w, ok = next() {
		w = w.AddDate(-shift, 0, 0)
		if w.After(to) {
			break
		}
		if len(out) == max {
			return out, true, nil
		}
		out = append(out, w)
	}
	return out, false, nil
}

// farFuture bounds a rule when nothing else does.
var farFuture = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
