package importer

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"rapport"
)

// The fuzzers check that no input panics, hangs or comes back as anything but
// valid records or an invalid-input error. Seeds are in testdata/fuzz/; run
// them longer with .ci/fuzz.

var fuzzNow = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// fuzzOptions bound the work of one input.
func fuzzOptions(skipBad bool) Options {
	return Options{SkipBad: skipBad, Now: fuzzNow, MaxBytes: 1 << 20}
}

func checkFuzzResult(t *testing.T, start time.Time, skipped []Skipped, err error) {
	t.Helper()
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("took %v", d)
	}
	if err != nil {
		var e *rapport.Error
		if !errors.As(err, &e) || e.Code != rapport.EINVALID {
			t.Fatalf("error %v (%T) is not an invalid-input error", err, err)
		}
	}
	for _, s := range skipped {
		if s.Line < 1 || s.Reason == nil {
			t.Fatalf("skipped %+v names no line or reason", s)
		}
	}
}

func fuzzContacts(t *testing.T, data []byte, parse func([]byte, Options) ([]Record, []Skipped, error)) {
	for _, skipBad := range []bool{false, true} {
		start := time.Now()
		recs, skipped, err := parse(data, fuzzOptions(skipBad))
		checkFuzzResult(t, start, skipped, err)
		for _, r := range recs {
			if r.Line < 1 || r.Contact == nil {
				t.Fatalf("record %+v", r)
			}
			if err := r.Contact.Validate(); err != nil {
				t.Fatalf("line %d: an invalid contact: %v", r.Line, err)
			}
		}
	}
}

func FuzzVCard(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzContacts(t, data, func(b []byte, o Options) ([]Record, []Skipped, error) { return ParseVCard(bytes.NewReader(b), o) })
	})
}

func FuzzLinkedIn(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzContacts(t, data, func(b []byte, o Options) ([]Record, []Skipped, error) { return ParseLinkedIn(bytes.NewReader(b), o) })
	})
}

func FuzzGoogle(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzContacts(t, data, func(b []byte, o Options) ([]Record, []Skipped, error) { return ParseGoogle(bytes.NewReader(b), o) })
	})
}

func FuzzICS(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, skipBad := range []bool{false, true} {
			start := time.Now()
			evs, skipped, err := ParseICS(bytes.NewReader(data), fuzzOptions(skipBad))
			checkFuzzResult(t, start, skipped, err)
			contacts := map[string][]int64{}
			for _, e := range evs {
				if e.Line < 1 || e.Start.IsZero() || e.End.Before(e.Start) {
					t.Fatalf("event %+v", e)
				}
				contacts[e.Organizer] = []int64{1}
				for _, a := range e.Attendees {
					contacts[a] = []int64{2}
				}
			}
			is, _ := Interactions(evs, contacts, fuzzNow)
			for _, i := range is {
				if err := i.Validate(); err != nil {
					t.Fatalf("an invalid interaction %+v: %v", i, err)
				}
			}
		}
	})
}
