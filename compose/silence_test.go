package compose

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

func TestSinceRoundsLikeAPersonWould(t *testing.T) {
	now := day(2026, time.June, 15)
	for _, tc := range []struct {
		name string
		last time.Time
		want Span
	}{
		{"no contact on record", time.Time{}, Span{Unit: UnitUnknown}},
		{"a contact in the future counts as days", now.Add(time.Hour), Span{Unit: UnitDays}},
		{"the same day", now.Add(-time.Hour), Span{UnitDays, 0, Exact}},
		{"six days", now.AddDate(0, 0, -6), Span{UnitDays, 6, Exact}},
		{"seven days is a week", now.AddDate(0, 0, -7), Span{UnitWeeks, 1, Exact}},
		{"twenty days is two weeks", now.AddDate(0, 0, -20), Span{UnitWeeks, 2, Exact}},
		{"a calendar month", day(2026, time.May, 15), Span{UnitMonths, 1, Exact}},
		{"a month and six days is still a month", day(2026, time.May, 9), Span{UnitMonths, 1, Exact}},
		{"a month and a week is over a month", day(2026, time.May, 8), Span{UnitMonths, 1, Over}},
		{"two months and twenty days is over two months", day(2026, time.March, 26), Span{UnitMonths, 2, Over}},
		{"two months and three weeks is almost three", day(2026, time.March, 25), Span{UnitMonths, 3, Almost}},
		{"180 days is almost six months", now.AddDate(0, 0, -180), Span{UnitMonths, 6, Almost}},
		{"ten months", day(2025, time.August, 15), Span{UnitMonths, 10, Exact}},
		{"eleven months is almost a year", day(2025, time.July, 15), Span{UnitYears, 1, Almost}},
		{"a year", day(2025, time.June, 15), Span{UnitYears, 1, Exact}},
		{"365 days is a year", now.AddDate(0, 0, -365), Span{UnitYears, 1, Exact}},
		{"a year and twenty days is a year", day(2025, time.May, 26), Span{UnitYears, 1, Exact}},
		{"a year and two months is over a year", day(2025, time.April, 15), Span{UnitYears, 1, Over}},
		{"a year and eight months is over a year", day(2024, time.October, 15), Span{UnitYears, 1, Over}},
		{"a year and nine months is almost two", day(2024, time.September, 15), Span{UnitYears, 2, Almost}},
		{"700 days is almost two years", now.AddDate(0, 0, -700), Span{UnitYears, 2, Almost}},
		{"two years", day(2024, time.June, 15), Span{UnitYears, 2, Exact}},
		{"five years and two months is over five", day(2021, time.April, 10), Span{UnitYears, 5, Over}},
		{"four years and ten months is almost five", day(2021, time.August, 15), Span{UnitYears, 5, Almost}},
		{"twelve years", day(2014, time.June, 1), Span{UnitYears, 12, Exact}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Since(tc.last, now); got != tc.want {
				t.Errorf("Since(%s) = %+v, want %+v", tc.last.Format(time.DateOnly), got, tc.want)
			}
		})
	}
}

func TestSinceHandlesTheEndsOfMonths(t *testing.T) {
	last := day(2026, time.January, 31)
	for _, tc := range []struct {
		now  time.Time
		want Span
	}{
		{day(2026, time.February, 28), Span{UnitWeeks, 4, Exact}},
		{day(2026, time.March, 30), Span{UnitMonths, 2, Almost}},
		{day(2026, time.March, 31), Span{UnitMonths, 2, Exact}},
	} {
		if got := Since(last, tc.now); got != tc.want {
			t.Errorf("31 January to %s: %+v, want %+v", tc.now.Format(time.DateOnly), got, tc.want)
		}
	}
}

func TestSinceCountsCalendarDaysInNowsTimeZone(t *testing.T) {
	warsaw := time.FixedZone("CEST", 2*3600)
	now := time.Date(2026, 6, 15, 0, 30, 0, 0, warsaw)    // 22:30 UTC on the 14th
	last := time.Date(2025, 6, 14, 23, 0, 0, 0, time.UTC) // 01:00 on the 15th in Warsaw
	if got := Since(last, now); got != (Span{UnitYears, 1, Exact}) {
		t.Errorf("got %+v, want a year to the day in Warsaw", got)
	}
}

func TestSinceLeapDay(t *testing.T) {
	last := day(2024, time.February, 29)
	if got := Since(last, day(2025, time.February, 28)); got != (Span{UnitYears, 1, Almost}) {
		t.Errorf("29 Feb to 28 Feb: %+v, want almost a year", got)
	}
	if got := Since(last, day(2025, time.March, 1)); got != (Span{UnitYears, 1, Exact}) {
		t.Errorf("29 Feb to 1 Mar: %+v, want a year", got)
	}
}
