package plan

import (
	"fmt"
	"slices"
	"testing"
)

// A fiscal year from December 2027 crosses a leap February. Days and weekdays
// per month (counted by hand from a calendar): December 2027 31/23, January
// 2028 31/21, February 29/21, March 31/23, April 30/20, May 31/23, June 30/22,
// July 31/21, August 31/23, September 30/21, October 31/22, November 30/22.
func TestCalendarLeapFiscalYear(t *testing.T) {
	c := NewCalendar(Year{Start: Month{Year: 2027, Month: 12}})
	days := []int{31, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30}
	wd := []int{23, 21, 21, 23, 20, 23, 22, 21, 23, 21, 22, 22}
	for i, m := range c.Months {
		if m.Days != days[i] || m.WorkingDays != wd[i] {
			t.Errorf("%s: %d days, %d working; want %d, %d", m.Month, m.Days, m.WorkingDays, days[i], wd[i])
		}
	}
	if got := c.MonthLabels(); got[0] != "2027-12" || got[11] != "2028-11" {
		t.Errorf("labels %v", got)
	}
	// 2027-12-01 is a Wednesday of ISO week 48, 2028-11-30 a Thursday of week
	// 48 of 2028: 53 distinct weeks.
	if len(c.Weeks) != 53 || c.Weeks[0] != "2027-W48" || c.Weeks[52] != "2028-W48" {
		t.Errorf("weeks %d: %s … %s", len(c.Weeks), c.Weeks[0], c.Weeks[len(c.Weeks)-1])
	}
	// February 2028 starts on a Tuesday: segments of 6, 7, 7, 7 and 2 days
	// (weeks 5 to 9; the 28th and 29th are Monday and Tuesday of week 9).
	feb := c.Months[2]
	var segDays []int
	var labels []string
	for _, s := range feb.Segments {
		segDays = append(segDays, s.Days)
		labels = append(labels, c.Weeks[s.Week])
	}
	if !slices.Equal(segDays, []int{6, 7, 7, 7, 2}) || !slices.Equal(labels, []string{"2028-W05", "2028-W06", "2028-W07", "2028-W08", "2028-W09"}) {
		t.Errorf("February 2028 segments %v %v", segDays, labels)
	}
	if !c.Contains(NewDate(2028, 2, 29)) || c.Contains(NewDate(2027, 11, 30)) || c.Contains(NewDate(2028, 12, 1)) {
		t.Errorf("Contains is wrong at the edges of the year")
	}
}

// Working days: weekdays that are not holidays, plus listed make-up days; a
// holiday on a weekend changes nothing.
func TestCalendarWorkingDays(t *testing.T) {
	y := Year{
		Start: Month{Year: 2027, Month: 1},
		Holidays: []DateRange{
			{From: NewDate(2027, 2, 10), To: NewDate(2027, 2, 16)}, // Wed–Tue: 5 weekdays
			{From: NewDate(2027, 3, 6), To: NewDate(2027, 3, 7)},   // a weekend
		},
		Workdays: []Date{NewDate(2027, 2, 7), NewDate(2027, 2, 20)}, // two Sundays/Saturdays
	}
	c := NewCalendar(y)
	if got := c.Months[1].WorkingDays; got != 20-5+2 {
		t.Errorf("February: %d working days, want 17", got)
	}
	if got := c.Months[2].WorkingDays; got != 23 {
		t.Errorf("March: %d working days, want 23 (the holiday is a weekend)", got)
	}
	// The segments' working days add up to the month's.
	for _, m := range c.Months {
		var d, w int
		for _, s := range m.Segments {
			d += s.Days
			w += s.WorkingDays
		}
		if d != m.Days || w != m.WorkingDays {
			t.Errorf("%s: segments hold %d days, %d working; the month %d, %d", m.Month, d, w, m.Days, m.WorkingDays)
		}
	}
}

// Every fiscal year from 2020 to 2035, any start month: twelve consecutive
// months, every day in exactly one segment, each segment inside one ISO week
// (by the time package), weeks in date order without repeats.
func TestCalendarProperties(t *testing.T) {
	for y := 2020; y <= 2035; y++ {
		for m := 1; m <= 12; m++ {
			start := Month{Year: y, Month: m}
			c := NewCalendar(Year{Start: start})
			total := 0
			day := NewDate(y, m, 1)
			lastWeek := -1
			for i, mi := range c.Months {
				if mi.Month != start.Add(i) || mi.First != day {
					t.Fatalf("%s: month %d is %s from %s", start, i, mi.Month, mi.First)
				}
				for _, s := range mi.Segments {
					if s.Week < lastWeek || s.Week > lastWeek+1 {
						t.Fatalf("%s: weeks out of order", start)
					}
					lastWeek = s.Week
					for range s.Days {
						yy, ww := day.Time().ISOWeek()
						if got := c.Weeks[s.Week]; got != isoLabel(yy, ww) {
							t.Fatalf("%s: %s is in %s, not %s", start, day, isoLabel(yy, ww), got)
						}
						day++
					}
				}
				total += mi.Days
			}
			next := start.Add(12)
			if Date(total) != NewDate(next.Year, next.Month, 1)-NewDate(y, m, 1) || day != c.End() {
				t.Fatalf("%s: %d days", start, total)
			}
			if lastWeek != len(c.Weeks)-1 {
				t.Fatalf("%s: %d weeks labelled, %d used", start, len(c.Weeks), lastWeek+1)
			}
		}
	}
}

func isoLabel(y, w int) string { return fmt.Sprintf("%04d-W%02d", y, w) }

func TestParseMonthAndDate(t *testing.T) {
	for in, want := range map[string]Month{"2027-01": {2027, 1}, " 2027-12 ": {2027, 12}, "2027-04-01": {2027, 4}} {
		if got, err := ParseMonth(in); err != nil || got != want {
			t.Errorf("ParseMonth(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"2027-13", "2027-00", "2027-1", "27-01", "2027/01", "2027-04-02", "", "1899-12"} {
		if got, err := ParseMonth(in); err == nil {
			t.Errorf("ParseMonth(%q) = %v, want an error", in, got)
		}
	}
	if d, err := ParseDate("2028-02-29"); err != nil || d.String() != "2028-02-29" {
		t.Errorf("ParseDate leap day: %v %v", d, err)
	}
	for _, in := range []string{"2027-02-29", "2027-2-1", "tomorrow"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) accepted", in)
		}
	}
	if got := (Month{2027, 11}).Add(3); got != (Month{2028, 2}) {
		t.Errorf("Add: %v", got)
	}
	if got := (Month{2027, 1}).Add(-1); got != (Month{2026, 12}) {
		t.Errorf("Add(-1): %v", got)
	}
}
