package compose

import "time"

// Unit is the unit a silence is told in.
type Unit string

const (
	UnitUnknown Unit = "unknown" // no meaningful contact on record
	UnitDays    Unit = "days"    // under a week: "a few days", no count
	UnitWeeks   Unit = "weeks"
	UnitMonths  Unit = "months"
	UnitYears   Unit = "years"
)

// Approx says how a count relates to the real length.
type Approx string

const (
	Exact  Approx = "exact"  // the count, give or take less than a week (months) or a month (years)
	Almost Approx = "almost" // just under the count: rounded up
	Over   Approx = "over"   // more than the count: rounded down
)

// Span is the length of a silence as a person would say it: "almost two
// years", "over five months".
type Span struct {
	Unit   Unit
	Count  int
	Approx Approx
}

// Since measures the silence from the last meaningful contact to now, in
// calendar terms, on the dates of now's time zone:
//
//   - no last contact: unknown;
//   - under 7 days (or a last contact in the future): days;
//   - under a calendar month: whole weeks;
//   - 1 to 10 whole months: months, and the days past the last whole month
//     decide: under 7 is exact, 21 or more is almost the next month, and
//     anything between is over;
//   - 11 months or more: years, and the months past the last whole year
//     decide: none is exact, 9 or more is almost the next year, 1 to 8 is over.
//
// So 11 months is "almost a year", 1 year 2 months "over a year", 1 year 9
// months (about 700 days) "almost two years", and 24 months "two years".
func Since(last, now time.Time) Span {
	if last.IsZero() {
		return Span{Unit: UnitUnknown}
	}
	if !last.Before(now) {
		return Span{Unit: UnitDays}
	}
	ly, lm, ld := last.In(now.Location()).Date()
	ny, nm, nd := now.Date()
	from := time.Date(ly, lm, ld, 0, 0, 0, 0, time.UTC)
	to := time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC)

	months := (ny-ly)*12 + int(nm-lm)
	if nd < ld {
		months--
	}
	// The day the last whole month ended, clamped to the length of its
	// month (31 January plus one month is 28 or 29 February).
	anchor := addMonths(from, months)
	rest := int(to.Sub(anchor).Hours() / 24)

	switch {
	case months <= 0:
		days := int(to.Sub(from).Hours() / 24)
		if days < 7 {
			return Span{Unit: UnitDays, Count: days, Approx: Exact}
		}
		return Span{Unit: UnitWeeks, Count: days / 7, Approx: Exact}
	case months < 11:
		switch {
		case rest < 7:
			return Span{Unit: UnitMonths, Count: months, Approx: Exact}
		case rest >= 21:
			return Span{Unit: UnitMonths, Count: months + 1, Approx: Almost}
		}
		return Span{Unit: UnitMonths, Count: months, Approx: Over}
	}
	years, extra := months/12, months%12
	switch {
	case extra >= 9:
		return Span{Unit: UnitYears, Count: years + 1, Approx: Almost}
	case extra == 0:
		return Span{Unit: UnitYears, Count: years, Approx: Exact}
	}
	return Span{Unit: UnitYears, Count: years, Approx: Over}
}

// addMonths adds n months to a date at midnight UTC, keeping the day of the
// month where it exists and taking the month's last day where it does not.
func addMonths(d time.Time, n int) time.Time {
	y, m, day := d.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(day, last), 0, 0, 0, 0, time.UTC)
}

// key is the catalog key of the sentence that tells the span.
func (s Span) key() string {
	switch s.Unit {
	case UnitYears, UnitMonths:
		return "draft.silence." + string(s.Unit) + "." + string(s.Approx)
	case UnitWeeks:
		return "draft.silence.weeks"
	case UnitDays:
		return "draft.silence.days"
	}
	return "draft.silence.unknown"
}

// counted reports whether the sentence takes a count.
func (s Span) counted() bool {
	return s.Unit == UnitYears || s.Unit == UnitMonths || s.Unit == UnitWeeks
}
