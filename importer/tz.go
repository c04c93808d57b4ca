package importer

import (
	"fmt"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // IANA names resolve the same on every machine, Windows included

	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// zone turns wall clocks into instants and back.
type zone interface {
	instant(w wallTime) time.Time
	wall(t time.Time) wallTime
}

// locZone is a zone of Go's time zone database, or a fixed location.
type locZone struct{ loc *time.Location }

func (z locZone) instant(w wallTime) time.Time {
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, z.loc)
}

func (z locZone) wall(t time.Time) wallTime {
	t = t.In(z.loc)
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// vtimezone is a zone defined in the file (VTIMEZONE, RFC 5545 §3.6.5), for
// the TZIDs Go does not know: Outlook's "W. Europe Standard Time", custom
// names. Its offset at a wall clock is the TZOFFSETTO of the latest
// observance that began before it.
type vtimezone struct {
	obs   []observance
	years map[int][]onset // onsets from the year before to the end of the year
}

type observance struct {
	start    wallTime
	from, to int // offsets, seconds east of UTC
	rule     *rrule.ROption
	rdates   []wallTime
}

type onset struct {
	at     wallTime
	offset int
}

// maxZoneSteps bounds the expansion of one observance's rule: yearly, from
// the year 1, that is ten thousand steps.
const maxZoneSteps = 10000

func (z *vtimezone) onsets(year int) []onset {
	if os, ok := z.years[year]; ok {
		return os
	}
	from := time.Date(year-1, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	var all []onset
	for _, o := range z.obs {
		at := append([]wallTime{o.start}, o.rdates...)
		if o.rule != nil {
			ws, _, _ := expandWall(*o.rule, o.start, to, maxZoneSteps)
			at = append(at, ws...)
		}
		for _, w := range at {
			if w.Before(to) {
				all = append(all, onset{w, o.to})
			}
		}
	}
	slices.SortFunc(all, func(a, b onset) int { return a.at.Compare(b.at) })
	// Keep the last onset before the two years, which still rules their start.
	i := 0
	for i+1 < len(all) && all[i+1].at.Before(from) {
		i++
	}
	if len(all) > 0 {
		all = all[i:]
	}
	if z.years == nil {
		z.years = map[int][]onset{}
	}
	z.years[year] = all
	return all
}

func (z *vtimezone) offset(w wallTime) int {
	os := z.onsets(w.Year())
	off := z.obs[0].from // before the first onset, the offset it changed from
	for _, o := range os {
		if o.at.After(w) {
			break
		}
		off = o.offset
	}
	return off
}

func (z *vtimezone) instant(w wallTime) time.Time {
	return w.Add(-time.Duration(z.offset(w)) * time.Second)
}

func (z *vtimezone) wall(t time.Time) wallTime {
	w := t.UTC()
	return w.Add(time.Duration(z.offset(w)) * time.Second)
}

// readTimezone builds a VTIMEZONE's zone, for the TZIDs Go does not know.
func (p *icsParser) readTimezone(c *icsComponent) error {
	comp, err := c.decode()
	if err != nil {
		return err
	}
	tzid, _, err := c.prop(comp, "TZID")
	if err != nil {
		return err
	}
	if tzid == nil || strings.TrimSpace(tzid.Value) == "" {
		return errorAt(c.line, "error.import.tz_no_tzid", nil, "VTIMEZONE: no TZID")
	}
	subs := c.childLines()
	z := &vtimezone{}
	for i, ob := range comp.Children {
		if ob.Name != "STANDARD" && ob.Name != "DAYLIGHT" {
			continue
		}
		sub := &icsComponent{name: ob.Name, line: c.line}
		if i < len(subs) {
			sub = subs[i]
		}
		o, err := p.readObservance(sub, ob)
		if err != nil {
			return err
		}
		z.obs = append(z.obs, o)
	}
	if len(z.obs) == 0 {
		return errorAt(c.line, "error.import.tz_no_rules", map[string]any{"value": tzid.Value}, "VTIMEZONE %s: no STANDARD or DAYLIGHT", tzid.Value)
	}
	p.vtz[tzid.Value] = z
	return nil
}

// childLines gives the lines of the properties of each child of c.
func (c *icsComponent) childLines() []*icsComponent {
	var subs []*icsComponent
	depth := 0
	for _, l := range c.lines[1:] {
		name, value, _, _ := splitICSLine(l.text)
		switch {
		case name == "BEGIN":
			depth++
			if depth == 1 {
				subs = append(subs, &icsComponent{name: strings.ToUpper(value), line: l.line})
			}
		case name == "END":
			depth--
		case depth == 1:
			s := subs[len(subs)-1]
			s.props = append(s.props, propLine{name, l.line})
		}
	}
	return subs
}

func (p *icsParser) readObservance(c *icsComponent, ob *ical.Component) (observance, error) {
	var o observance
	for _, f := range []struct {
		name string
		to   *int
	}{{"TZOFFSETFROM", &o.from}, {"TZOFFSETTO", &o.to}} {
		prop, line, err := c.prop(ob, f.name)
		switch {
		case err != nil:
			return o, err
		case prop == nil:
			return o, errorAt(c.line, "error.import.ics_missing", map[string]any{"field": c.name, "expected": f.name}, "%s: no %s", c.name, f.name)
		}
		off, ok := parseOffset(prop.Value)
		if !ok {
			return o, invalidAt(line, f.name, prop.Value, "error.import.utc_offset", "not a UTC offset like +0100", nil)
		}
		*f.to = off
	}
	start, line, err := c.prop(ob, "DTSTART")
	switch {
	case err != nil:
		return o, err
	case start == nil:
		return o, errorAt(c.line, "error.import.ics_missing", map[string]any{"field": c.name, "expected": "DTSTART"}, "%s: no DTSTART", c.name)
	}
	w, _, _, ok := parseWall(start.Value, "")
	if !ok {
		return o, invalidAt(line, "DTSTART", start.Value, "error.import.tz_start", "not a date-time like 19701025T030000", nil)
	}
	o.start = w
	if rule, line, err := c.prop(ob, "RRULE"); err != nil {
		return o, err
	} else if rule != nil {
		r, err := parseRule(rule.Value)
		if err == nil && r.Freq != rrule.YEARLY {
			err = &reason{key: "error.import.rrule_yearly", args: map[string]any{"got": r.Freq.String()},
				text: fmt.Sprintf("a time zone changes yearly, not %v", r.Freq)}
		}
		if err != nil {
			why := ruleReason(err)
			return o, invalidAt(line, "RRULE", rule.Value, why.key, why.text, why.args)
		}
		if instant, _ := ruleUntil(rule.Value); instant { // an instant: as a wall clock, in the offset before the change
			r.Until = r.Until.Add(time.Duration(o.from) * time.Second)
		}
		o.rule = r
	}
	for _, rd := range c.all(ob, "RDATE") {
		if rd.err != nil {
			return o, rd.err
		}
		ts, err := timeList(rd.line, "RDATE", rd.Prop)
		if err != nil {
			return o, err
		}
		for _, t := range ts {
			w := t.w
			if t.utc { // an instant: as a wall clock, in the offset before the change
				w = w.Add(time.Duration(o.from) * time.Second)
			}
			o.rdates = append(o.rdates, w)
		}
	}
	return o, nil
}
