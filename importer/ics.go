package importer

import (
	"io"
	"slices"
	"time"
)

// Event is one occurrence of a calendar event (VEVENT, RFC 5545 §3.6.1): a
// recurring event gives one Event per occurrence.
type Event struct {
	Line      int // the event's BEGIN:VEVENT (the override's, for a changed occurrence)
	UID       string
	Summary   string
	Start     time.Time
	End       time.Time
	AllDay    bool
	Cancelled bool   // STATUS:CANCELLED
	Organizer string // email, lower case; "" when none
	// Attendees are the emails, lower case, of the attendees who did not
	// decline, without the organizer, rooms and resources.
	Attendees  []string
	Location   string
	Conference string // a video conference link; "" when none
	// RecurrenceID is the original start of an occurrence of a recurring
	// event, zero for a single event: with UID, it names the occurrence.
	RecurrenceID time.Time
	// Warnings name what was read in part (an unknown time zone, a rule not
	// expanded), each with its line; for a recurring event, on its first
	// occurrence only.
	Warnings []Warning
}

// ParseICS reads the events of iCalendar files (RFC 5545) as calendar
// programs export them. Recurring events (RRULE, RDATE, EXDATE, and
// overrides by RECURRENCE-ID) are expanded up to the last start in the file,
// or, for rules that end (COUNT, UNTIL), to their end — never past
// opts.Now, and to at most opts.MaxOccurrences occurrences each. Events are
// returned by start. An event without a start is skipped; time zones come
// from Go's database or the file's VTIMEZONEs, and an unknown one is read as
// opts.Location with a warning.
func ParseICS(r io.Reader, opts Options) ([]Event, []Skipped, error) {
	p := &icsParser{opts: opts, res: results{skipBad: opts.SkipBad}, zones: map[string]zone{}, vtz: map[string]*vtimezone{}}
	if err := p.scan(r); err != nil {
		return nil, nil, err
	}
	for _, c := range p.timezones {
		if err := p.readTimezone(c); err != nil {
			return nil, nil, err
		}
	}
	evs := make([]*vevent, 0, len(p.events))
	// Decoded in batches, go-ical's components of only one batch are alive
	// at a time, which spares the garbage collector.
	for batch := range slices.Chunk(p.events, 512) {
		decodeAll(batch)
		for _, c := range batch {
			v, err := p.readEvent(c)
			c.comp, c.lines = nil, nil
			if err != nil {
				if err := p.res.add(c.line, err); err != nil {
					return nil, nil, err
				}
				continue
			}
			evs = append(evs, v)
		}
	}
	out := p.expand(evs)
	slices.SortStableFunc(out, func(a, b Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return out, p.res.skipped, nil
}

const (
	maxDepth  = 16      // components nested deeper are refused (go-ical recurses)
	maxParams = 4 << 10 // go-ical reads parameters in quadratic time
)

type icsParser struct {
	opts      Options
	res       results
	events    []*icsComponent
	timezones []*icsComponent
	zones     map[string]zone // TZID → zone; nil for an unknown TZID
	vtz       map[string]*vtimezone
}
