package importer

import (
	"cmp"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport"
)

// corpusDir holds files written by other software (see its README): the
// shared folder beside the repository on developers' machines and in CI, or
// RAPPORT_CORPUS.
var corpusDir = cmp.Or(os.Getenv("RAPPORT_CORPUS"), "../../shared/corpus")

// expect is what a corpus file deserves. Refused files name the line at
// fault; with SkipBad, a file refused for a bad record gives the others.
type expect struct {
	err     string // the error's beginning without SkipBad; "" when the file is read
	whole   bool   // the error is the whole file's: SkipBad does not help
	records int    // contacts or events, with SkipBad
	skipped int    // records skipped, with SkipBad
	why     string
}

var vcardCorpus = map[string]expect{
	"fixture__broken.abook__unparsable.vcf": {err: "line 1: not a vCard", whole: true, why: "a Git symlink saved as text: no card at all"},
	"fixture__minimal.abook__minimal.vcf":   {err: "line 1: not a vCard", whole: true, why: "a Git symlink saved as text"},
	"fixture__nick.abook__nickname.vcf":     {err: "line 1: not a vCard", whole: true, why: "a Git symlink saved as text"},
	"fixture__test.abook__contact1.vcf":     {err: "line 1: not a vCard", whole: true, why: "a Git symlink saved as text"},
	"fixture__test.abook__text-bday.vcf":    {err: "line 1: not a vCard", whole: true, why: "a Git symlink saved as text"},
	"fixture__vcards__altid.vcf":            {records: 1, why: "two N with ALTID: the first is taken"},
	"fixture__vcards__contact1.vcf":         {records: 1, why: "BDAY in basic format (20180120)"},
	"fixture__vcards__contact2.vcf":         {records: 1},
	"fixture__vcards__issue249.vcf":         {records: 1},
	"fixture__vcards__joe.vcf":              {records: 1, why: "EMAIL;TYPE=pref: no label, so work"},
	"fixture__vcards__korean-j.vcf":         {records: 1, why: "LF line ends, Korean FN, no UID"},
	"fixture__vcards__labels.vcf":           {records: 1, why: "a grouped ORG (item1.ORG)"},
	"fixture__vcards__nickname.vcf":         {records: 1, why: "no FN: named from N"},
	"fixture__vcards__no-nickname.vcf":      {records: 1, why: "no FN: named from N"},
	"fixture__vcards__photov3.vcf":          {records: 1, why: "an inline base64 photo: HasPhoto"},
	"fixture__vcards__photov4.vcf":          {records: 1, why: "a data: URI photo: HasPhoto"},
	"fixture__vcards__tel-value-uri.vcf":    {records: 1, why: "TEL;VALUE=URI: a mobile number"},
	"fixture__vcards__text-bday.vcf":        {records: 1, why: "BDAY;VALUE=text: kept without a birthday, with a warning"},
}

var icsCorpus = map[string]expect{
	"alarm_etar_future.ics":                                           {records: 1},
	"alarm_etar_notification.ics":                                     {records: 1},
	"alarm_google_acknowledged.ics":                                   {records: 1},
	"alarm_google_future.ics":                                         {records: 1},
	"alarm_thunderbird_2_notification_5_min_postponed.ics":            {records: 1},
	"alarm_thunderbird_2_notification_5_min_postponed_and_closed.ics": {records: 1},
	"alarm_thunderbird_2_notification_popped_up.ics":                  {records: 1},
	"alarm_thunderbird_closed.ics":                                    {records: 1},
	"alarm_thunderbird_snoozed_until_1457.ics":                        {records: 1},
	"america_new_york.ics":                                            {records: 1, why: "a custom TZID defined by the file's VTIMEZONE"},
	"big_bad_calendar.ics":                                            {err: "line 1: BEGIN:VCALENDAR has no END:VCALENDAR", whole: true, why: "truncated"},
	"bom_calendar.ics":                                                {why: "a byte order mark, no event"},
	"broken_ical.ics":                                                 {err: "line 4: DTSTART: malformed parameters", skipped: 1, why: "DTSTART;;VALUE="},
	"calendar_with_unicode.ics":                                       {},
	"empty.ics":                                                       {},
	"empty_RDATE.ics":                                                 {why: "a stray DAYLIGHT outside any VTIMEZONE: ignored"},
	"fuzz_testcase_0_char_in_component_name.ics":                      {err: "line 1: not an iCalendar file", whole: true},
	"fuzz_testcase_invalid_month.ics":                                 {err: "line 1: not an iCalendar file", whole: true},
	"invalid_duration.ics":                                            {err: "line 8: DURATION: invalid value", skipped: 1, why: "P999999999999999999W overflows"},
	"issue_104_broken_calendar.ics":                                   {err: "line 13: not an iCalendar property", whole: true, why: "a line X with no colon in the calendar"},
	"issue_1050_calendar_with_events_and_todos.ics":                   {records: 2, why: "VTODO and VJOURNAL ignored"},
	"issue_1050_empty_calendar.ics":                                   {},
	"issue_1050_multiple_calendars.ics":                               {skipped: 2, why: "two calendars; events without DTSTART skipped"},
	"issue_1050_simple_calendar.ics":                                  {records: 1},
	"issue_1050_uid_in_description.ics":                               {skipped: 2, why: "events without DTSTART"},
	"issue_1081_empty_rdate.ics":                                      {err: "line 7: RDATE: invalid value", skipped: 1, why: "RDATE with no value"},
	"issue_1081_freebusy_comma_separated.ics":                         {why: "VFREEBUSY ignored"},
	"issue_1081_invalid_rrule_freq.ics":                               {err: "line 7: RRULE: invalid value", skipped: 1, why: "FREQ=INVALID_TYPE_CAUSES_ERROR"},
	"issue_1081_invalid_start_valid_end.ics":                          {err: "line 6: DTSTART: invalid value", skipped: 1, why: "DTSTART:INVALID-DATE"},
	"issue_1081_list_of_properties.ics":                               {records: 1, why: "EXDATEs without a rule"},
	"issue_1081_with_summary.ics":                                     {skipped: 1, why: "no DTSTART"},
	"issue_1231_recurrence.ics":                                       {records: 1, why: "an override alone in the file"},
	"issue_127_categories_with_commas.ics":                            {records: 1},
	"issue_1426.ics":                                                  {records: 3, why: "RDATE periods, by end and by duration"},
	"issue_1549_binary_attachment.ics":                                {skipped: 1, why: "no DTSTART"},
	"issue_1561_image_value.ics":                                      {skipped: 4, why: "no DTSTART"},
	"issue_156_RDATE_with_PERIOD_TZID_khal_2.ics":                     {records: 4, why: "RDATE periods in a VTIMEZONE-only TZID"},
	"issue_1633_freebusy_with_dates.ics":                              {why: "VFREEBUSY ignored"},
	"issue_1633_rdate_with_dates_and_tzid.ics":                        {err: "line 5: RDATE: invalid value", skipped: 1, why: "a PERIOD of DATEs"},
	"issue_165_missing_event.ics":                                     {records: 14, why: "weekdays until UNTIL, in Exchange's own TZID"},
	"issue_168_input.ics":                                             {err: "line 6: not an iCalendar property", skipped: 1, why: "X-APPLE-RADIUS=… has no colon"},
	"issue_178_component_with_invalid_name_represented.ics":           {err: "line 1: not an iCalendar file", whole: true, why: "BEGIN:MYCOMP"},
	"issue_178_custom_component_inside_other.ics":                     {why: "an unknown component, ignored"},
	"issue_218_bad_tzid.ics":                                          {records: 1, why: "TZID=UTC+11 from its VTIMEZONE"},
	"issue_27_multiple_periods_in_freebusy_multiple_freebusies.ics":   {},
	"issue_27_multiple_periods_in_freebusy_one_freebusy.ics":          {},
	"issue_321_assert_dst_offset_is_not_false.ics":                    {records: 1},
	"issue_322_expected_calendar.ics":                                 {skipped: 1, why: "no DTSTART"},
	"issue_350.ics":                                                   {records: 1, why: "a property after END:VCALENDAR, ignored"},
	"issue_351_whitespace_in_property_and_params.ics":                 {records: 1, why: "a malformed calendar property Rapport does not use"},
	"issue_466_respect_unique_timezone.ics":                           {records: 1, why: "a weekly rule without an end, alone in its file"},
	"issue_526_calendar_with_different_events.ics":                    {records: 2, why: "an unknown TZID: read as UTC, with a warning"},
	"issue_526_calendar_with_events.ics":                              {records: 2},
	"issue_526_calendar_with_shuffeled_events.ics":                    {records: 2},
	"issue_722_missing_timezones.ics":                                 {records: 2, skipped: 2, why: "IANA TZIDs without VTIMEZONE"},
	"issue_722_timezone_transition_ambiguity.ics":                     {records: 4},
	"issue_798_related_to.ics":                                        {skipped: 2, why: "no DTSTART"},
	"issue_82_expected_output.ics":                                    {err: "line 1: not an iCalendar file", whole: true, why: "a bare VEVENT"},
	"multiple_calendar_components.ics":                                {records: 3, why: "blank lines inside folds"},
	"multiple_timezones.ics":                                          {err: "line 23: RDATE: invalid value", skipped: 3, why: "RDATE;VALUE=TIME is not RFC 5545"},
	"parsing_error.ics":                                               {err: "line 19: EXDATE: invalid value", records: 20, skipped: 1, why: "an empty EXDATE"},
	"parsing_error_in_UTC_offset.ics":                                 {err: "line 7: TZOFFSETFROM: invalid value", whole: true, why: "TZOFFSETFROM:+5744"},
	"pr_480_summary_with_colon.ics":                                   {err: "line 1: BEGIN:VCALENDAR has no END:VCALENDAR", whole: true},
	"property_params.ics":                                             {records: 1, why: "attendees with quoted CN, MAILTO: upper case"},
	"rfc_6868.ics":                                                    {skipped: 1, why: "no DTSTART"},
	"rfc_7256_multi_value_parameters.ics":                             {skipped: 2, why: "no DTSTART"},
	"rfc_7265_appendix_example_2_ical.ics":                            {records: 6, why: "COUNT, RDATE period, an override"},
	"rfc_7265_example_1.ics":                                          {},
	"rfc_7953_3.ics":                                                  {why: "VAVAILABILITY ignored"},
	"rfc_7986_conferences.ics":                                        {skipped: 1, why: "no DTSTART"},
	"rfc_7986_properties.ics":                                         {},
	"rfc_9253_examples.ics":                                           {records: 2},
	"rfc_9253_related_to.ics":                                         {skipped: 1, why: "no DTSTART"},
	"small_bad_calendar.ics":                                          {err: "line 1: BEGIN:VCALENDAR has no END:VCALENDAR", whole: true},
	"timezone_rdate.ics":                                              {err: "line 53: not an iCalendar property", skipped: 1, why: "SUMMARY=testevent"},
	"timezone_same_start.ics":                                         {records: 1},
	"timezoned.ics":                                                   {records: 1},
	"x_location.ics":                                                  {records: 1},
}

func TestCorpusVCard(t *testing.T) {
	runCorpus(t, "vcard", vcardCorpus, func(r io.Reader, opts Options) (int, []Skipped, error) {
		recs, skipped, err := ParseVCard(r, opts)
		for _, rec := range recs {
			if err := rec.Contact.Validate(); err != nil {
				t.Errorf("line %d: %v", rec.Line, err)
			}
		}
		return len(recs), skipped, err
	})
}

func TestCorpusICS(t *testing.T) {
	runCorpus(t, "ics", icsCorpus, func(r io.Reader, opts Options) (int, []Skipped, error) {
		opts.Now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
		evs, skipped, err := ParseICS(r, opts)
		for _, e := range evs {
			if e.End.Before(e.Start) || e.Start.IsZero() {
				t.Errorf("line %d: start %v end %v", e.Line, e.Start, e.End)
			}
		}
		return len(evs), skipped, err
	})
}

func runCorpus(t *testing.T, dir string, want map[string]expect, parse func(io.Reader, Options) (int, []Skipped, error)) {
	files, err := filepath.Glob(filepath.Join(corpusDir, dir, "*"))
	if err != nil || len(files) == 0 {
		t.Skipf("no corpus in %s: the shared corpus of files written by other software is absent here", filepath.Join(corpusDir, dir))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			w, known := want[name]
			for _, skipBad := range []bool{false, true} {
				f, err := os.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				start := time.Now()
				n, skipped, err := parse(f, Options{SkipBad: skipBad})
				f.Close()
				if d := time.Since(start); d > time.Second {
					t.Errorf("took %v", d)
				}
				if err != nil {
					var e *rapport.Error
					if !errors.As(err, &e) || e.Code != rapport.EINVALID || !strings.HasPrefix(e.Message, "line ") {
						t.Errorf("error %v is not an invalid-input error naming a line", err)
					}
				}
				for _, s := range skipped {
					if !strings.HasPrefix(s.Reason.Error(), "line ") || s.Line < 1 {
						t.Errorf("skipped %+v does not name its line", s)
					}
				}
				if !known {
					t.Logf("no expectation for this file: read %d, skipped %d, error %v", n, len(skipped), err)
					continue
				}
				switch {
				case !skipBad && w.err != "":
					if err == nil || !strings.HasPrefix(err.Error(), w.err) {
						t.Errorf("error = %v, want %q (%s)", err, w.err, w.why)
					}
				case skipBad && w.whole:
					if err == nil || !strings.HasPrefix(err.Error(), w.err) {
						t.Errorf("with SkipBad, error = %v, want %q (%s)", err, w.err, w.why)
					}
				case err != nil:
					t.Errorf("error = %v, want none (%s)", err, w.why)
				case (skipBad || w.err == "") && (n != w.records || len(skipped) != w.skipped):
					t.Errorf("SkipBad %v: read %d, skipped %d %v; want %d and %d (%s)", skipBad, n, len(skipped), skipped, w.records, w.skipped, w.why)
				}
			}
		})
	}
}
