package importer

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// vevent is one VEVENT read, before its recurrences are expanded.
type vevent struct {
	tmpl   Event // all but the times
	start  icsTime
	zone   zone
	at     time.Time // the start, as an instant
	dur    time.Duration
	rule   *rrule.ROption
	rlines int    // the RRULE's line
	rvalue string // and its value
	rdates []time.Time
	exdate map[int64]bool
	rid    time.Time // RECURRENCE-ID; zero for a master or a single event
	hasRID bool
}

// zoneOf resolves a TZID: Go's time zone database, else the file's
// VTIMEZONE; nil when neither knows it.
func (p *icsParser) zoneOf(tzid string) zone {
	if z, ok := p.zones[tzid]; ok {
		return z
	}
	var z zone
	if loc, err := time.LoadLocation(tzid); err == nil && tzid != "Local" && tzid != "" {
		z = locZone{loc}
	} else if v, ok := p.vtz[tzid]; ok {
		z = v
	}
	p.zones[tzid] = z
	return z
}

// timeOf reads a DATE or DATE-TIME property: a date, or a time without a
// zone, is in opts.Location; an unknown TZID too, with a warning.
func (p *icsParser) timeOf(ev *Event, lp lineProp, field string) (icsTime, zone, error) {
	if lp.err != nil {
		return icsTime{}, nil, lp.err
	}
	w, date, utc, ok := parseWall(strings.TrimSpace(lp.Value), lp.Params.Get(ical.ParamValue))
	if !ok {
		return icsTime{}, nil, invalidAt(lp.line, field, lp.Value, "error.import.date_time", "not a date or date-time like 20250314T093000Z", nil)
	}
	return icsTime{w, date, utc}, p.zoneFor(ev, lp, icsTime{w, date, utc}), nil
}

func (p *icsParser) zoneFor(ev *Event, lp lineProp, t icsTime) zone {
	switch tzid := lp.Params.Get(ical.PropTimezoneID); {
	case t.utc:
		return locZone{time.UTC}
	case t.date || tzid == "":
		return locZone{p.opts.location()}
	default:
		if z := p.zoneOf(tzid); z != nil {
			return z
		}
		loc := p.opts.location().String()
		ev.Warnings = append(ev.Warnings, warnAt(lp.line, "TZID", tzid, "unknown: the time is read as "+loc, "import.warning.tzid_unknown", map[string]any{"name": loc}))
		return locZone{p.opts.location()}
	}
}

// instants reads a list property (RDATE, EXDATE) as instants.
func (p *icsParser) instants(ev *Event, c *icsComponent, comp *ical.Component, name string) ([]time.Time, error) {
	var out []time.Time
	for _, lp := range c.all(comp, name) {
		if lp.err != nil {
			return nil, lp.err
		}
		ts, err := timeList(lp.line, name, lp.Prop)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			out = append(out, p.zoneFor(ev, lp, t).instant(t.w))
		}
	}
	return out, nil
}

// readEvent reads a VEVENT's properties; an event without a start has
// nothing to import.
func (p *icsParser) readEvent(c *icsComponent) (*vevent, error) {
	comp, err := c.decode()
	if err != nil {
		return nil, err
	}
	v := &vevent{tmpl: Event{Line: c.line}}
	ev := &v.tmpl
	text := func(name string) (string, error) {
		lp, _, err := c.prop(comp, name)
		if lp == nil || err != nil {
			return "", err
		}
		return icsText(lp.Value), nil
	}
	for _, f := range []struct {
		name string
		to   *string
	}{{"UID", &ev.UID}, {"SUMMARY", &ev.Summary}, {"LOCATION", &ev.Location}} {
		if *f.to, err = text(f.name); err != nil {
			return nil, err
		}
	}
	status, err := text("STATUS")
	if err != nil {
		return nil, err
	}
	ev.Cancelled = strings.EqualFold(status, "CANCELLED")
	if org, _, err := c.prop(comp, "ORGANIZER"); err != nil {
		return nil, err
	} else if org != nil {
		ev.Organizer = calAddress(org.Value, org.Params.Get("EMAIL"))
	}
	for _, a := range c.all(comp, "ATTENDEE") {
		if a.err != nil {
			return nil, a.err
		}
		email := calAddress(a.Value, a.Params.Get("EMAIL"))
		switch {
		case email == "", email == ev.Organizer, slices.Contains(ev.Attendees, email),
			strings.EqualFold(a.Params.Get("PARTSTAT"), "DECLINED"),
			strings.EqualFold(a.Params.Get("ROLE"), "NON-PARTICIPANT"),
			slices.Contains([]string{"RESOURCE", "ROOM"}, strings.ToUpper(a.Params.Get("CUTYPE"))):
			continue
		}
		ev.Attendees = append(ev.Attendees, email)
	}
	ev.Conference = conferenceLink(comp)

	dtstart, ok := c.first(comp, "DTSTART")
	if !ok {
		return nil, nothingAt(c.line, "error.import.no_dtstart", nil, "VEVENT has no DTSTART: nothing to import")
	}
	if v.start, v.zone, err = p.timeOf(ev, dtstart, "DTSTART"); err != nil {
		return nil, err
	}
	v.at = v.zone.instant(v.start.w)
	ev.AllDay = v.start.date
	if dtend, ok := c.first(comp, "DTEND"); ok {
		end, z, err := p.timeOf(ev, dtend, "DTEND")
		if err != nil {
			return nil, err
		}
		if v.dur = z.instant(end.w).Sub(v.at); v.dur < 0 {
			// Found in real files, and made by summer time: 02:45–03:15 on the
			// day clocks skip from 02:00 to 03:00.
			ev.Warnings = append(ev.Warnings, warnAt(dtend.line, "DTEND", dtend.Value, "is before DTSTART: the event is taken to end when it starts", "import.warning.dtend_before", nil))
			v.dur = 0
		}
	} else if d, line, err := c.prop(comp, "DURATION"); err != nil {
		return nil, err
	} else if d != nil {
		var ok bool
		if v.dur, ok = parseDuration(d.Value); !ok || v.dur < 0 {
			return nil, invalidAt(line, "DURATION", d.Value, "error.import.duration", "not a duration like PT1H30M, of at most ten years", nil)
		}
	} else if ev.AllDay {
		v.dur = 24 * time.Hour
	}

	if rid, ok := c.first(comp, "RECURRENCE-ID"); ok {
		t, z, err := p.timeOf(ev, rid, "RECURRENCE-ID")
		if err != nil {
			return nil, err
		}
		v.rid, v.hasRID = z.instant(t.w), true
	}
	if rule, line, err := c.prop(comp, "RRULE"); err != nil {
		return nil, err
	} else if rule != nil {
		r, err := parseRule(rule.Value)
		if err != nil {
			why := ruleReason(err)
			return nil, invalidAt(line, "RRULE", rule.Value, why.key, why.text, why.args)
		}
		switch instant, date := ruleUntil(rule.Value); {
		case r.Until.IsZero():
		case instant:
			r.Until = v.zone.wall(r.Until)
		case date && !ev.AllDay:
			r.Until = r.Until.Add(24*time.Hour - time.Second) // UNTIL=20250314 includes that day
		}
		v.rule, v.rlines, v.rvalue = r, line, rule.Value
	}
	if v.rdates, err = p.instants(ev, c, comp, "RDATE"); err != nil {
		return nil, err
	}
	exdates, err := p.instants(ev, c, comp, "EXDATE")
	if err != nil {
		return nil, err
	}
	v.exdate = make(map[int64]bool, len(exdates))
	for _, t := range exdates {
		v.exdate[t.Unix()] = true
	}
	return v, nil
}

// expand turns events into occurrences: a master's rule and RDATEs, less its
// EXDATEs and the occurrences its overrides replace, up to the file's range.
func (p *icsParser) expand(evs []*vevent) []Event {
	if len(evs) == 0 {
		return nil
	}
	last := evs[0].at
	masters := map[string]*vevent{}
	overridden := map[string]map[int64]bool{}
	for _, v := range evs {
		if v.at.After(last) {
			last = v.at
		}
		if v.tmpl.UID != "" && !v.hasRID && masters[v.tmpl.UID] == nil {
			masters[v.tmpl.UID] = v
		}
	}
	for _, v := range evs {
		if v.hasRID && masters[v.tmpl.UID] != nil {
			if overridden[v.tmpl.UID] == nil {
				overridden[v.tmpl.UID] = map[int64]bool{}
			}
			overridden[v.tmpl.UID][v.rid.Unix()] = true
		}
	}
	out := make([]Event, 0, len(evs))
	for _, v := range evs {
		switch m := masters[v.tmpl.UID]; {
		case v.hasRID && m != nil: // an override: one changed occurrence
			e := v.occurrence(v.at)
			e.RecurrenceID = v.rid
			out = append(out, e)
		case m != nil && m != v:
			p.res.nothing(v.tmpl.Line, "error.import.same_uid", map[string]any{"value": shown(v.tmpl.UID), "ref": m.tmpl.Line}, "VEVENT: UID %q is the event at line %d again", v.tmpl.UID, m.tmpl.Line)
		case v.hasRID && v.rule == nil && len(v.rdates) == 0: // a changed occurrence, alone in the file
			e := v.occurrence(v.at)
			e.RecurrenceID = v.rid
			out = append(out, e)
		default:
			out = append(out, p.occurrences(v, last, overridden[v.tmpl.UID])...)
		}
	}
	return out
}

// occurrence is the event at a start. Occurrences of one event share its
// attendees and warnings: callers read them, never write them.
func (v *vevent) occurrence(at time.Time) Event {
	e := v.tmpl
	e.Start, e.End = at, at.Add(v.dur)
	return e
}

// occurrences expands one event. A rule without an end is expanded to the
// last start in the file; one with an end (COUNT, UNTIL) to that end. Neither
// goes past Now.
func (p *icsParser) occurrences(v *vevent, last time.Time, overridden map[int64]bool) []Event {
	if v.rule == nil && len(v.rdates) == 0 {
		return []Event{v.occurrence(v.at)}
	}
	now := p.opts.Now
	bound := func(t time.Time) bool { return now.IsZero() || !t.After(now) }
	starts := []time.Time{v.at}
	var warnings []Warning
	if v.rule != nil {
		to := v.zone.wall(last)
		if v.rule.Count > 0 || !v.rule.Until.IsZero() {
			to = farFuture
			if !v.rule.Until.IsZero() && v.rule.Until.Before(to) {
				to = v.rule.Until
			}
			if now.IsZero() && v.start.w.AddDate(200, 0, 0).Before(to) {
				to = v.start.w.AddDate(200, 0, 0)
			}
		}
		if !now.IsZero() && v.zone.wall(now).Before(to) {
			to = v.zone.wall(now)
		}
		ws, capped, err := expandWall(*v.rule, v.start.w, to, p.opts.maxOccurrences())
		switch {
		case err != nil:
			// expandWall's reasons are warnings' keys; rrule-go's words are a cause.
			key, args := "import.warning.rrule_not_expanded", map[string]any{"cause": err.Error()}
			var why *reason
			if errors.As(err, &why) {
				key, args = why.key, why.args
			}
			warnings = append(warnings, warnAt(v.rlines, "RRULE", v.rvalue, "not expanded: "+err.Error()+"; only the first occurrence is imported", key, args))
		case capped:
			n := p.opts.maxOccurrences()
			warnings = append(warnings, warnAt(v.rlines, "RRULE", v.rvalue, fmt.Sprintf("expanded to its first %d occurrences only", n),
				"import.warning.rrule_capped", map[string]any{"count": n}))
		}
		for _, w := range ws {
			starts = append(starts, v.zone.instant(w))
		}
	}
	for _, t := range v.rdates {
		if bound(t) {
			starts = append(starts, t)
		}
	}
	slices.SortFunc(starts, time.Time.Compare)
	starts = slices.CompactFunc(starts, time.Time.Equal)
	var out []Event
	for _, t := range starts {
		if v.exdate[t.Unix()] || overridden[t.Unix()] {
			continue
		}
		e := v.occurrence(t)
		e.RecurrenceID = t
		if len(out) == 0 {
			e.Warnings = append(slices.Clip(e.Warnings), warnings...)
		} else {
			e.Warnings = nil // said once, on the first occurrence
		}
		out = append(out, e)
	}
	return out
}
