package importer

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport"
)

// calendar wraps lines in a VCALENDAR: BEGIN is line 1, the first of lines
// is line 2.
func calendar(lines ...string) string {
	return "BEGIN:VCALENDAR\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCALENDAR\r\n"
}

// event wraps properties in a VEVENT.
func event(props ...string) string {
	return "BEGIN:VEVENT\r\n" + strings.Join(props, "\r\n") + "\r\nEND:VEVENT"
}

func starts(evs []Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Start.UTC().Format("2006-01-02T15:04"))
	}
	return out
}

var now = time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC)

func TestParseICSReadsACalendarExport(t *testing.T) {
	evs, skipped, err := ParseICS(openTestdata(t, "calendar.ics"), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(skipped) != 0 {
		t.Errorf("skipped = %v", skipped)
	}
	byUID := map[string][]Event{}
	for _, e := range evs {
		byUID[e.UID] = append(byUID[e.UID], e)
	}
	lunch := byUID["lunch-1@google.com"]
	if len(lunch) != 1 {
		t.Fatalf("lunch = %v", lunch)
	}
	l := lunch[0]
	if l.Line != 41 || !l.Start.Equal(time.Date(2025, 3, 10, 11, 30, 0, 0, time.UTC)) || l.End.Sub(l.Start) != time.Hour ||
		l.Organizer != "me@example.com" || !slices.Equal(l.Attendees, []string{"zofia.wojcik@bankpomorski.pl"}) ||
		l.Location != "Restauracja Pod Aniołem, ul. Długa 1, Gdańsk" || l.Summary != "Lunch z Zofią" || l.Conference != "" || !l.RecurrenceID.IsZero() {
		t.Errorf("lunch = %+v", l)
	}

	weekly := byUID["weekly-1on1@google.com"]
	want := []string{
		"2025-01-06T08:00", "2025-01-13T08:00", "2025-01-27T08:00", // 20 January is an EXDATE
		"2025-02-04T09:00", // 3 February moved to the 4th, at 10:00
		"2025-02-10T08:00", // cancelled
		"2025-02-17T08:00", "2025-02-24T08:00", "2025-03-03T08:00", "2025-03-10T08:00", "2025-03-17T08:00", "2025-03-24T08:00",
		"2025-03-31T07:00", // summer time
	}
	if got := starts(weekly); !slices.Equal(got, want) {
		t.Errorf("weekly starts = %v\nwant %v", got, want)
	}
	for _, e := range weekly {
		moved := e.Start.Day() == 4 && e.Start.Month() == time.February
		cancelled := e.Start.Day() == 10 && e.Start.Month() == time.February
		if e.Cancelled != cancelled || (e.Conference != "https://meet.google.com/abc-defg-hij") != cancelled ||
			e.Organizer != "ahmad@gulf-consult.example" || e.RecurrenceID.IsZero() || (moved && (e.Line != 70 || e.RecurrenceID.Day() != 3)) {
			t.Errorf("weekly occurrence = %+v", e)
		}
	}

	if tm := byUID["040000008200E00074C5B7101A82E00800000000"]; len(tm) != 1 || !tm[0].Start.Equal(time.Date(2025, 3, 12, 14, 0, 0, 0, time.UTC)) ||
		!strings.HasPrefix(tm[0].Conference, "https://teams.microsoft.com/l/meetup-join/") {
		t.Errorf("Outlook's Teams meeting, in an Outlook time zone = %+v", tm)
	}
	if c := byUID["conf-1@example.com"]; len(c) != 1 || c[0].Conference != "https://chat.example.com/audio?id=123456" ||
		c[0].End.Sub(c[0].Start) != 45*time.Minute || !slices.Equal(c[0].Attendees, []string{"ahmad@gulf-consult.example"}) {
		t.Errorf("RFC 7986 conference, a declined attendee = %+v", c)
	}
	if a := byUID["allday-1@google.com"]; len(a) != 1 || !a[0].AllDay || !a[0].Start.Equal(time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)) || a[0].End.Sub(a[0].Start) != 48*time.Hour {
		t.Errorf("all-day event = %+v", a)
	}
	if f := byUID["future-1@google.com"]; len(f) != 1 || !strings.HasPrefix(f[0].Conference, "https://us02web.zoom.us/j/") {
		t.Errorf("a future event is kept, with its Zoom link = %+v", f)
	}
	if !slices.IsSortedFunc(evs, func(a, b Event) int { return a.Start.Compare(b.Start) }) {
		t.Errorf("events are not sorted by start")
	}
}

func TestParseICSExpandsRecurrences(t *testing.T) {
	const start = "DTSTART:20250106T090000Z"
	for _, tc := range []struct {
		name     string
		in       string
		opts     Options
		want     []string
		warnings string
	}{
		{name: "COUNT ends the rule, past the file's last start",
			in:   calendar(event("UID:a", start, "RRULE:FREQ=DAILY;COUNT=3")),
			want: []string{"2025-01-06T09:00", "2025-01-07T09:00", "2025-01-08T09:00"}},
		{name: "UNTIL is inclusive",
			in:   calendar(event("UID:a", start, "RRULE:FREQ=WEEKLY;UNTIL=20250120T090000Z")),
			want: []string{"2025-01-06T09:00", "2025-01-13T09:00", "2025-01-20T09:00"}},
		{name: "a date UNTIL includes its day",
			in:   calendar(event("UID:a", start, "RRULE:FREQ=DAILY;UNTIL=20250107")),
			want: []string{"2025-01-06T09:00", "2025-01-07T09:00"}},
		{name: "a rule without an end stops at the file's last start",
			in:   calendar(event("UID:a", start, "RRULE:FREQ=WEEKLY"), event("UID:b", "DTSTART:20250121T000000Z")),
			want: []string{"2025-01-06T09:00", "2025-01-13T09:00", "2025-01-20T09:00", "2025-01-21T00:00"}},
		{name: "and never passes now",
			in:   calendar(event("UID:a", start, "RRULE:FREQ=WEEKLY"), event("UID:b", "DTSTART:20300101T000000Z")),
			opts: Options{Now: time.Date(2025, 1, 14, 0, 0, 0, 0, time.UTC)},
			want: []string{"2025-01-06T09:00", "2025-01-13T09:00", "2030-01-01T00:00"}},
		{name: "EXDATE removes an occurrence",
			in:   calendar(event("UID:a", start, "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20250107T090000Z")),
			want: []string{"2025-01-06T09:00", "2025-01-08T09:00"}},
		{name: "several EXDATE values",
			in:   calendar(event("UID:a", start, "RRULE:FREQ=DAILY;COUNT=4", "EXDATE:20250107T090000Z,20250108T090000Z")),
			want: []string{"2025-01-06T09:00", "2025-01-09T09:00"}},
		{name: "RDATE adds occurrences, a period by its start",
			in:   calendar(event("UID:a", start, "RDATE;VALUE=PERIOD:20250110T150000Z/PT1H,20250111T150000Z/20250111T160000Z")),
			want: []string{"2025-01-06T09:00", "2025-01-10T15:00", "2025-01-11T15:00"}},
		{name: "RECURRENCE-ID moves one occurrence",
			in: calendar(event("UID:a", start, "RRULE:FREQ=DAILY;COUNT=3"),
				event("UID:a", "RECURRENCE-ID:20250107T090000Z", "DTSTART:20250107T170000Z")),
			want: []string{"2025-01-06T09:00", "2025-01-07T17:00", "2025-01-08T09:00"}},
		{name: "the override may come first",
			in: calendar(event("UID:a", "RECURRENCE-ID:20250107T090000Z", "DTSTART:20250107T170000Z"),
				event("UID:a", start, "RRULE:FREQ=DAILY;COUNT=3")),
			want: []string{"2025-01-06T09:00", "2025-01-07T17:00", "2025-01-08T09:00"}},
		{name: "recurrence follows the wall clock across summer time",
			in:   calendar(event("UID:a", "DTSTART;TZID=Europe/Warsaw:20250324T090000", "RRULE:FREQ=WEEKLY;COUNT=2")),
			want: []string{"2025-03-24T08:00", "2025-03-31T07:00"}},
		{name: "the last weekday of the month (BYSETPOS)",
			in:   calendar(event("UID:a", "DTSTART:20250131T100000Z", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3")),
			want: []string{"2025-01-31T10:00", "2025-02-28T10:00", "2025-03-31T10:00"}},
		{name: "lower case and spaces, as some exporters write",
			in:   calendar(event("UID:a", start, "RRULE:freq=daily; count=2; x-name=1")),
			want: []string{"2025-01-06T09:00", "2025-01-07T09:00"}},
		{name: "capped at MaxOccurrences, with a warning",
			in:       calendar(event("UID:a", start, "RRULE:FREQ=DAILY;COUNT=100")),
			opts:     Options{Now: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), MaxOccurrences: 2},
			want:     []string{"2025-01-06T09:00", "2025-01-07T09:00"},
			warnings: `line 5: RRULE: "FREQ=DAILY;COUNT=100" expanded to its first 2 occurrences only`},
		{name: "hourly rules are not expanded",
			in:       calendar(event("UID:a", start, "RRULE:FREQ=HOURLY;INTERVAL=2;BYHOUR=1"), event("UID:b", "DTSTART:20250201T000000Z")),
			want:     []string{"2025-01-06T09:00", "2025-02-01T00:00"},
			warnings: "not expanded: repeats more often than daily"},
		{name: "a rule that never matches ends",
			in:   calendar(event("UID:a", start, "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")),
			opts: Options{Now: now},
			want: []string{"2025-01-06T09:00"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs, skipped, err := ParseICS(strings.NewReader(tc.in), tc.opts)
			if err != nil || len(skipped) > 0 {
				t.Fatal(err, skipped)
			}
			if got := starts(evs); !slices.Equal(got, tc.want) {
				t.Errorf("starts = %v\nwant %v", got, tc.want)
			}
			var warnings []string
			for _, e := range evs {
				for _, w := range e.Warnings {
					warnings = append(warnings, w.Message)
				}
			}
			if (tc.warnings == "") != (len(warnings) == 0) || tc.warnings != "" && !strings.Contains(warnings[0], tc.warnings) {
				t.Errorf("warnings = %q, want %q", warnings, tc.warnings)
			}
		})
	}
}

func TestParseICSFinishesRulesThatNeverMatchQuickly(t *testing.T) {
	// rrule-go searches up to the year 9999 for an occurrence; these would
	// take seconds each, or forever, without the guards.
	var evs []string
	for i, r := range []string{
		"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31", "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31",
		"FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=31", "FREQ=HOURLY;INTERVAL=2;BYHOUR=1", "FREQ=SECONDLY;BYHOUR=1;BYMINUTE=1;BYSECOND=1;BYMONTH=2;BYMONTHDAY=30",
	} {
		evs = append(evs, event(fmt.Sprintf("UID:%d", i), "DTSTART:19000101T000000Z", "RRULE:"+r))
	}
	t0 := time.Now()
	got, _, err := ParseICS(strings.NewReader(calendar(evs...)), Options{Now: now})
	if err != nil || len(got) != len(evs) {
		t.Fatal(got, err)
	}
	if d := time.Since(t0); d > 2*time.Second {
		t.Fatalf("took %v", d)
	}
}

func TestParseICSReadsTimesInTheirZones(t *testing.T) {
	tokyo := time.FixedZone("Tokyo", 9*3600)
	const custom = "BEGIN:VTIMEZONE\r\nTZID:My Zone\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE"
	for _, tc := range []struct {
		name, dtstart string
		opts          Options
		want          time.Time
		allDay        bool
		warning       string
	}{
		{name: "UTC", dtstart: "DTSTART:20250314T093000Z", want: time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)},
		{name: "a zone Go knows", dtstart: "DTSTART;TZID=Asia/Riyadh:20250314T093000", want: time.Date(2025, 3, 14, 6, 30, 0, 0, time.UTC)},
		{name: "a zone of the file, in winter", dtstart: "DTSTART;TZID=My Zone:20250114T093000", want: time.Date(2025, 1, 14, 7, 30, 0, 0, time.UTC)},
		{name: "a zone of the file, in summer", dtstart: "DTSTART;TZID=\"My Zone\":20250714T093000", want: time.Date(2025, 7, 14, 6, 30, 0, 0, time.UTC)},
		{name: "floating, in opts.Location", dtstart: "DTSTART:20250314T093000", opts: Options{Location: tokyo}, want: time.Date(2025, 3, 14, 0, 30, 0, 0, time.UTC)},
		{name: "a date", dtstart: "DTSTART;VALUE=DATE:20250314", opts: Options{Location: tokyo}, want: time.Date(2025, 3, 13, 15, 0, 0, 0, time.UTC), allDay: true},
		{name: "an end before the start", dtstart: "DTSTART:20250314T093000Z\r\nDTEND:20250314T083000Z", want: time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC), warning: `line 20: DTEND: "20250314T083000Z" is before DTSTART`},
		{name: "an unknown zone", dtstart: "DTSTART;TZID=Nowhere/Atlantis:20250314T093000", want: time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC), warning: `line 19: TZID: "Nowhere/Atlantis" unknown`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs, _, err := ParseICS(strings.NewReader(calendar(custom, event("UID:a", tc.dtstart))), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			e := evs[0]
			if !e.Start.Equal(tc.want) || e.AllDay != tc.allDay {
				t.Errorf("start = %v all day %v, want %v %v", e.Start.UTC(), e.AllDay, tc.want, tc.allDay)
			}
			if (tc.warning == "") != (len(e.Warnings) == 0) || tc.warning != "" && !strings.HasPrefix(e.Warnings[0].Message, tc.warning) {
				t.Errorf("warnings = %q, want %q", e.Warnings, tc.warning)
			}
		})
	}
}

func TestParseICSRefusesMalformedInputNamingTheLine(t *testing.T) {
	for _, tc := range []struct {
		name, in, err string
	}{
		{"empty", "", "line 1: not an iCalendar file: no BEGIN:VCALENDAR"},
		{"a vCard", "BEGIN:VCARD\r\nEND:VCARD\r\n", `line 1: not an iCalendar file: expected BEGIN:VCALENDAR, found "BEGIN:VCARD"`},
		{"not closed", "BEGIN:VCALENDAR\r\n" + event("DTSTART:20250101T000000Z"), "line 1: BEGIN:VCALENDAR has no END:VCALENDAR: the file ends at line 4"},
		{"event not closed", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101T000000Z\r\nEND:VCALENDAR\r\n", "line 2: BEGIN:VEVENT has no END:VEVENT before line 4"},
		{"wrong END", calendar("BEGIN:VEVENT", "DTSTART:20250101T000000Z", "END:VTODO"), "line 4: END:VTODO where END:VEVENT was expected"},
		{"no colon", calendar(event("DTSTART:20250101T000000Z", "SUMMARY=Spotkanie")), `line 4: not an iCalendar property: no colon in "SUMMARY=Spotkanie"`},
		{"no colon in the calendar", calendar("X-WR-CALNAME"), "line 2: not an iCalendar property"},
		{"bad DTSTART", calendar(event("DTSTART:20250231T100000Z")), `line 3: DTSTART: invalid value "20250231T100000Z": not a date or date-time`},
		{"DATE that is a DATE-TIME", calendar(event("DTSTART;VALUE=DATE:20250101T100000")), "line 3: DTSTART: invalid value"},
		{"bad DTEND", calendar(event("DTSTART:20250101T100000Z", "DTEND:jutro")), `line 4: DTEND: invalid value "jutro"`},
		{"huge duration", calendar(event("DTSTART:20250101T100000Z", "DURATION:P999999999999999999W")), "line 4: DURATION: invalid value"},
		{"bad RRULE", calendar(event("DTSTART:20250101T100000Z", "RRULE:FREQ=FORTNIGHTLY")), `line 4: RRULE: invalid value "FREQ=FORTNIGHTLY"`},
		{"RRULE interval", calendar(event("DTSTART:20250101T100000Z", "RRULE:FREQ=DAILY;INTERVAL=0")), "line 4: RRULE: invalid value \"FREQ=DAILY;INTERVAL=0\": INTERVAL must be between 1 and 1000"},
		{"RRULE out of bounds", calendar(event("DTSTART:20250101T100000Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=32")), "line 4: RRULE: invalid value"},
		{"empty EXDATE", calendar(event("DTSTART:20250101T100000Z", "EXDATE:")), `line 4: EXDATE: invalid value ""`},
		{"bad RDATE", calendar(event("DTSTART:20250101T100000Z", "RDATE;VALUE=PERIOD:20250102/20250103")), "line 4: RDATE: invalid value"},
		{"bad parameters", calendar(event(`ATTENDEE;CN="Jan"Kowalski:mailto:jan@example.pl`, "DTSTART:20250101T100000Z")), "line 3: ATTENDEE: malformed parameters"},
		{"empty parameter", calendar(event("DTSTART;;VALUE=DATE-TIME:20250101T100000")), "line 3: DTSTART: malformed parameters"},
		{"bad time zone offset", calendar("BEGIN:VTIMEZONE", "TZID:X", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+5744", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE"), `line 6: TZOFFSETFROM: invalid value "+5744"`},
		{"time zone without rules", calendar("BEGIN:VTIMEZONE", "TZID:X", "END:VTIMEZONE"), "line 2: VTIMEZONE X: no STANDARD or DAYLIGHT"},
		{"nested too deep", calendar(strings.Repeat("BEGIN:X\r\n", 20)), "line 18: components nested more than 16 deep"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ParseICS(strings.NewReader(tc.in), Options{Now: now})
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) || rapport.ErrorCodeOf(err) != rapport.EINVALID {
				t.Fatalf("error = %v, want an invalid error starting %q", err, tc.err)
			}
		})
	}
}

func TestParseICSSkipBadKeepsTheGoodEvents(t *testing.T) {
	in := calendar(
		event("UID:1", "DTSTART:20250101T100000Z"), // line 2
		event("UID:2", "DTSTART:wczoraj"),          // line 6
		event("UID:3", "SUMMARY:bez daty"),         // line 10
		event("UID:4", "DTSTART:20250102T100000Z"), // line 14
	)
	evs, skipped, err := ParseICS(strings.NewReader(in), Options{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Line != 2 || evs[1].Line != 14 {
		t.Errorf("events = %v", evs)
	}
	if len(skipped) != 2 || skipped[0].Line != 6 || !skipped[0].Malformed() || skipped[1].Line != 10 || skipped[1].Malformed() {
		t.Errorf("skipped = %v, want the bad event at line 6 and the one with no start at line 10", skipped)
	}
	// Without SkipBad the bad event stops the parse; an event without a
	// start never does.
	if _, _, err := ParseICS(strings.NewReader(in), Options{}); err == nil || !strings.HasPrefix(err.Error(), "line 8: DTSTART") {
		t.Errorf("error = %v", err)
	}
}

func TestParseICSTakesAttendeesWhoCame(t *testing.T) {
	evs, _, err := ParseICS(strings.NewReader(calendar(event(
		"DTSTART:20250101T100000Z",
		"ORGANIZER;CN=Ja:MAILTO:Me@Example.com",
		"ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com",
		"ATTENDEE;PARTSTAT=ACCEPTED:mailto:Ewa@Example.pl",
		"ATTENDEE;PARTSTAT=DECLINED:mailto:adam@example.pl",
		"ATTENDEE;ROLE=NON-PARTICIPANT:mailto:info@example.pl",
		"ATTENDEE;CUTYPE=RESOURCE:mailto:projector@example.pl",
		"ATTENDEE;EMAIL=Ola@example.pl:urn:uuid:0001",
		"ATTENDEE;CN=Bez adresu:urn:uuid:0002",
		"ATTENDEE:mailto:ewa@example.pl",
	))), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if e := evs[0]; e.Organizer != "me@example.com" || !slices.Equal(e.Attendees, []string{"ewa@example.pl", "ola@example.pl"}) {
		t.Fatalf("organizer %q attendees %v", e.Organizer, e.Attendees)
	}
}

func TestConferenceLinkFindsTheMeetingRoom(t *testing.T) {
	for _, tc := range []struct {
		prop, want string
	}{
		{"X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij", "https://meet.google.com/abc-defg-hij"},
		{"CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://video.example.com/room/1", "https://video.example.com/room/1"},
		{"CONFERENCE;VALUE=URI;FEATURE=PHONE:tel:+48-22-000-00-00", ""},
		{"X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/x", "https://teams.microsoft.com/l/meetup-join/x"},
		{"URL:https://zoom.us/j/123456789", "https://zoom.us/j/123456789"},
		{"URL:https://podio.com/calendar/items/5", ""},
		{"LOCATION:https://us02web.zoom.us/j/85512345678?pwd=abc", "https://us02web.zoom.us/j/85512345678?pwd=abc"},
		{`DESCRIPTION:Dołącz: <https://teams.microsoft.com/l/meetup-join/19%3a>\nlub zadzwoń`, "https://teams.microsoft.com/l/meetup-join/19%3a"},
		{"DESCRIPTION:Agenda: https://docs.example.com/agenda. Link: https://meet.jit.si/rapport.", "https://meet.jit.si/rapport"},
		{"DESCRIPTION:https://notzoom.us.example.com/j/1 httphttp", ""},
		{"LOCATION:Sala 101", ""},
	} {
		t.Run(tc.prop, func(t *testing.T) {
			evs, _, err := ParseICS(strings.NewReader(calendar(event("DTSTART:20250101T100000Z", tc.prop))), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := evs[0].Conference; got != tc.want {
				t.Fatalf("conference = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseDurationRefusesWhatOverflows(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"PT1H30M", 90 * time.Minute, true},
		{"P1DT2H", 26 * time.Hour, true},
		{"P2W", 14 * 24 * time.Hour, true},
		{"-PT15M", -15 * time.Minute, true},
		{"P999999999999999999W", 0, false},
		{"P3650D", 3650 * 24 * time.Hour, true},
		{"P9999W", 0, false},
		{"PT", 0, false},
		{"P1H", 0, false},
		{"1H", 0, false},
	} {
		if got, ok := parseDuration(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("parseDuration(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
