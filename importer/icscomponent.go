package importer

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/emersion/go-ical"
)

// icsComponent is a component of a calendar, as lines, before decoding.
type icsComponent struct {
	name   string
	line   int
	lines  []contentLine // BEGIN to END, both included; of an event, only the lines Rapport reads
	props  []propLine    // its own properties (not its children's), in order
	broken error
	comp   *ical.Component // decoded
}

// eventProps are the properties of an event that Rapport reads.
var eventProps = map[string]bool{
	"UID": true, "SUMMARY": true, "LOCATION": true, "DESCRIPTION": true, "STATUS": true, "URL": true,
	"ORGANIZER": true, "ATTENDEE": true, "DTSTART": true, "DTEND": true, "DURATION": true,
	"RECURRENCE-ID": true, "RRULE": true, "RDATE": true, "EXDATE": true,
	"CONFERENCE": true, "X-GOOGLE-CONFERENCE": true, "X-MICROSOFT-SKYPETEAMSMEETINGURL": true, "X-MICROSOFT-ONLINEMEETINGCONFLINK": true,
}

func (c *icsComponent) fail(err error) {
	if c.broken == nil {
		c.broken = err
	}
}

// splitICSLine splits "DTSTART;TZID=Europe/Warsaw:20250101T100000" into its
// upper case name and value; ok is false when it is no content line.
func splitICSLine(s string) (name, value string, params int, ok bool) {
	i := strings.IndexAny(s, ";:")
	if i <= 0 {
		return "", "", 0, false
	}
	v := valueStart(s, i)
	if v < 0 {
		return "", "", 0, false
	}
	return strings.ToUpper(s[:i]), s[v:], v - i, true
}

// scan splits the file into the components of its calendars.
func (p *icsParser) scan(r io.Reader) error {
	sc := newLineScanner(r, p.opts.maxBytes())
	inCal, seen, calLine := false, false, 0
	var child *icsComponent
	var stack []string
	for sc.Scan() {
		l := sc.Line()
		name, value, params, ok := splitICSLine(l.text)
		if name == "BEGIN" || name == "END" {
			value = strings.ToUpper(strings.TrimSpace(value))
		}
		var bad error
		switch {
		case !ok:
			text := cut(l.text, 40)
			bad = errorAt(l.line, "error.import.ics_no_colon", map[string]any{"value": shown(text)}, "not an iCalendar property: no colon in %q", text)
		case params > maxParams:
			bad = errorAt(l.line, "error.import.ics_params_long", map[string]any{"field": name, "count": maxParams}, "%s: parameters longer than %d bytes", name, maxParams)
		}
		if child != nil {
			switch {
			case bad != nil:
				child.fail(bad)
				continue
			case name == "BEGIN":
				if len(stack) == maxDepth {
					return errorAt(l.line, "error.import.ics_too_deep", map[string]any{"count": maxDepth}, "components nested more than %d deep", maxDepth)
				}
				stack = append(stack, value)
			case name == "END" && value == stack[len(stack)-1]:
				stack = stack[:len(stack)-1]
			case name == "END" && value == "VCALENDAR":
				unclosed := errorAt(child.line, "error.import.unclosed_before", map[string]any{"field": child.name, "ref": l.line},
					"BEGIN:%s has no END:%s before line %d", child.name, child.name, l.line)
				if err := p.finish(child, unclosed); err != nil {
					return err
				}
				child, inCal = nil, false
				continue
			case name == "END":
				want := stack[len(stack)-1]
				child.fail(errorAt(l.line, "error.import.ics_end_mismatch", map[string]any{"value": value, "expected": want}, "END:%s where END:%s was expected", value, want))
				if i := slices.Index(stack, value); i >= 0 {
					stack = stack[:i]
				}
			}
			// An event keeps only the properties Rapport reads: go-ical then
			// reads less, and what Rapport ignores cannot break an import.
			keep := child.name != "VEVENT" || len(stack) == 0 || len(stack) == 1 && name != "BEGIN" && name != "END" && eventProps[name]
			if keep && len(stack) == 1 && name != "BEGIN" && name != "END" {
				child.props = append(child.props, propLine{name, l.line})
			}
			if keep {
				child.lines = append(child.lines, l)
			}
			if len(stack) == 0 {
				if err := p.finish(child, nil); err != nil {
					return err
				}
				child = nil
			}
			continue
		}
		switch {
		case !inCal && ok && name == "BEGIN" && value == "VCALENDAR":
			inCal, seen, calLine = true, true, l.line
		case !inCal && seen && ok && name != "BEGIN" && name != "END":
			// A property after the calendar: some exporters append a comment.
		case !inCal:
			found := cut(l.text, 40)
			return errorAt(l.line, "error.import.ics_not_calendar", map[string]any{"value": shown(found)}, "not an iCalendar file: expected BEGIN:VCALENDAR, found %q", found)
		case bad != nil:
			return bad
		case name == "BEGIN":
			child = &icsComponent{name: value, line: l.line, lines: make([]contentLine, 1, 16), props: make([]propLine, 0, 16)}
			child.lines[0] = l
			stack = append(stack[:0], value)
		case name == "END" && value == "VCALENDAR":
			inCal = false
		case name == "END":
			return errorAt(l.line, "error.import.ics_end_without_begin", map[string]any{"value": value}, "END:%s without BEGIN:%s", value, value)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if child != nil {
		unclosed := errorAt(child.line, "error.import.unclosed_at_end", map[string]any{"field": child.name, "ref": sc.Lines()},
			"BEGIN:%s has no END:%s: the file ends at line %d", child.name, child.name, sc.Lines())
		if err := p.finish(child, unclosed); err != nil {
			return err
		}
	}
	switch {
	case inCal:
		return errorAt(calLine, "error.import.unclosed_at_end", map[string]any{"field": "VCALENDAR", "ref": sc.Lines()}, "BEGIN:VCALENDAR has no END:VCALENDAR: the file ends at line %d", sc.Lines())
	case !seen:
		return errorAt(max(sc.Lines(), 1), "error.import.ics_no_calendar", nil, "not an iCalendar file: no BEGIN:VCALENDAR")
	}
	return nil
}

// finish files a component read whole, or cut short by unclosed. A broken
// event is a bad record; a broken time zone breaks the file.
func (p *icsParser) finish(c *icsComponent, unclosed error) error {
	if unclosed != nil {
		c.fail(unclosed)
	}
	switch c.name {
	case "VEVENT":
		p.events = append(p.events, c)
	case "VTIMEZONE":
		if c.broken != nil {
			return c.broken
		}
		p.timezones = append(p.timezones, c)
	}
	return nil
}

// decodeAll decodes the components in one go, which is much faster than one
// at a time; when go-ical fails on one of them, each is decoded alone, in
// decode, to find which.
func decodeAll(cs []*icsComponent) {
	var b strings.Builder
	n := 64
	for _, c := range cs {
		for _, l := range c.lines {
			n += len(l.text) + 2
		}
	}
	b.Grow(n)
	b.WriteString("BEGIN:VCALENDAR\r\n")
	var ok []*icsComponent
	for _, c := range cs {
		if c.broken == nil {
			c.write(&b)
			ok = append(ok, c)
		}
	}
	b.WriteString("END:VCALENDAR\r\n")
	cal, err := decodeICal(b.String())
	if err != nil || len(cal.Children) != len(ok) {
		return
	}
	for i, c := range ok {
		c.comp = cal.Children[i]
	}
}

// decode reads a component with go-ical, and names the line go-ical could
// not read.
func (c *icsComponent) decode() (*ical.Component, error) {
	if c.broken != nil {
		return nil, c.broken
	}
	if c.comp != nil {
		return c.comp, nil
	}
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\n")
	c.write(&b)
	b.WriteString("END:VCALENDAR\r\n")
	cal, err := decodeICal(b.String())
	if err == nil && len(cal.Children) == 1 {
		return cal.Children[0], nil
	}
	for _, l := range c.lines[1 : len(c.lines)-1] {
		name, _, _, _ := splitICSLine(l.text)
		if name == "BEGIN" || name == "END" {
			continue
		}
		if _, err := decodeICal("BEGIN:VCALENDAR\r\nBEGIN:X\r\n" + l.text + "\r\nEND:X\r\nEND:VCALENDAR\r\n"); err != nil {
			return nil, errorAt(l.line, "error.import.params", map[string]any{"field": name}, "%s: malformed parameters", name)
		}
	}
	return nil, errorAt(c.line, "error.import.ics_component", map[string]any{"field": c.name, "cause": fmt.Sprint(err)}, "%s: not a valid component: %v", c.name, err)
}

func (c *icsComponent) write(b *strings.Builder) {
	for _, l := range c.lines {
		b.WriteString(l.text)
		b.WriteString("\r\n")
	}
}

// decodeICal runs go-ical's decoder, which panics on some malformed
// parameters.
func decodeICal(s string) (cal *ical.Calendar, err error) {
	defer func() {
		if r := recover(); r != nil {
			cal, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return ical.NewDecoder(strings.NewReader(s)).Decode()
}

// prop is the first property name of comp, with its line; go-ical takes
// ";;VALUE" for a parameter named ";VALUE", so names are checked here.
func (c *icsComponent) prop(comp *ical.Component, name string) (*ical.Prop, int, error) {
	lp, ok := c.first(comp, name)
	if !ok {
		return nil, 0, nil
	}
	return lp.Prop, lp.line, lp.err
}

type lineProp struct {
	*ical.Prop
	line int
	err  error
}

func (c *icsComponent) all(comp *ical.Component, name string) []lineProp {
	ps := comp.Props[name]
	out := make([]lineProp, len(ps))
	for i := range ps {
		out[i] = c.at(&ps[i], name, i)
	}
	return out
}

// first is the first property name, with ok false when there is none.
func (c *icsComponent) first(comp *ical.Component, name string) (lineProp, bool) {
	ps := comp.Props[name]
	if len(ps) == 0 {
		return lineProp{}, false
	}
	return c.at(&ps[0], name, 0), true
}

func (c *icsComponent) at(p *ical.Prop, name string, k int) lineProp {
	lp := lineProp{Prop: p, line: c.lineOf(name, k)}
	for param := range p.Params {
		if !isToken(param) {
			lp.err = errorAt(lp.line, "error.import.params", map[string]any{"field": name}, "%s: malformed parameters", name)
		}
	}
	return lp
}

// propLine is the line of a property.
type propLine struct {
	name string
	line int
}

// lineOf is the line of the k-th property name of c, or of c's BEGIN.
func (c *icsComponent) lineOf(name string, k int) int {
	for _, p := range c.props {
		if p.name == name {
			if k == 0 {
				return p.line
			}
			k--
		}
	}
	return c.line
}

func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return s != ""
}
