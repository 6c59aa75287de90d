package plan

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month.
type Month struct {
	Year  int
	Month int // 1..12
}

// ParseMonth reads "2027-01" (a trailing "-01" day is accepted: "2027-01-01").
func ParseMonth(s string) (Month, error) {
	t := strings.TrimSpace(s)
	if strings.Count(t, "-") == 2 && strings.HasSuffix(t, "-01") {
		t = strings.TrimSuffix(t, "-01")
	}
	y, m, ok := strings.Cut(t, "-")
	if !ok || len(y) != 4 || len(m) != 2 {
		return Month{}, valueErr("write the month as YYYY-MM, e.g. 2027-01", "%q is not a month", s)
	}
	yy, err1 := strconv.Atoi(y)
	mm, err2 := strconv.Atoi(m)
	if !allDigits(y) || !allDigits(m) || err1 != nil || err2 != nil || mm < 1 || mm > 12 || yy < 1900 || yy > 9999 {
		return Month{}, valueErr("write the month as YYYY-MM, e.g. 2027-01", "%q is not a month", s)
	}
	return Month{Year: yy, Month: mm}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// String writes the month as YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, m.Month) }

// Add returns the month n months later (n may be negative).
func (m Month) Add(n int) Month {
	i := m.Year*12 + (m.Month - 1) + n
	return Month{Year: i / 12, Month: i%12 + 1}
}

// Index returns how many months m is after start (negative when before).
func (m Month) Index(start Month) int {
	return (m.Year*12 + m.Month) - (start.Year*12 + start.Month)
}

// Date is a calendar day, counted in days since 1970-01-01.
type Date int

// NewDate returns the date of y-m-d (which must be a valid day).
func NewDate(y, m, d int) Date {
	return Date(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return 0, valueErr("write dates as YYYY-MM-DD, and ranges as YYYY-MM-DD..YYYY-MM-DD", "%q is not a date", s)
	}
	return NewDate(t.Year(), int(t.Month()), t.Day()), nil
}

// Time returns the date as a UTC time at midnight.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String writes the date as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format("2006-01-02") }

// Weekend reports whether the date is a Saturday or Sunday.
func (d Date) Weekend() bool {
	wd := d.Time().Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// DateRange is an inclusive range of days.
type DateRange struct {
	From, To Date
	Pos      Pos
}

// Segment is the part of a fiscal month that falls in one ISO week.
type Segment struct {
	Week        int // index into Calendar.Weeks
	Days        int
	WorkingDays int
}

// MonthInfo describes one month of the fiscal year.
type MonthInfo struct {
	Month       Month
	First       Date
	Days        int
	WorkingDays int
	Segments    []Segment // in date order
}

// Calendar is the fiscal year: its twelve months, their working days and the ISO
// weeks they fall in.
type Calendar struct {
	Start  Month
	Months [12]MonthInfo
	Weeks  []string // ISO week labels (2027-W05) in date order
}

// NewCalendar builds the fiscal calendar of a year. A day is a working day when
// it is Monday–Friday and not a holiday, or when it is a listed make-up workday.
func NewCalendar(y Year) *Calendar {
	holiday := map[Date]bool{}
	for _, r := range y.Holidays {
		for d := r.From; d <= r.To; d++ {
			holiday[d] = true
		}
	}
	workday := map[Date]bool{}
	for _, d := range y.Workdays {
		workday[d] = true
	}
	c := &Calendar{Start: y.Start}
	weekIndex := map[string]int{}
	for i := range 12 {
		m := y.Start.Add(i)
		first := NewDate(m.Year, m.Month, 1)
		next := m.Add(1)
		end := NewDate(next.Year, next.Month, 1)
		info := MonthInfo{Month: m, First: first, Days: int(end - first)}
		for d := first; d < end; d++ {
			yy, ww := d.Time().ISOWeek()
			label := fmt.Sprintf("%04d-W%02d", yy, ww)
			wi, ok := weekIndex[label]
			if !ok {
				wi = len(c.Weeks)
				weekIndex[label] = wi
				c.Weeks = append(c.Weeks, label)
			}
			if n := len(info.Segments); n == 0 || info.Segments[n-1].Week != wi {
				info.Segments = append(info.Segments, Segment{Week: wi})
			}
			seg := &info.Segments[len(info.Segments)-1]
			seg.Days++
			working := workday[d] || (!d.Weekend() && !holiday[d])
			if working {
				seg.WorkingDays++
				info.WorkingDays++
			}
		}
		c.Months[i] = info
	}
	return c
}

// End returns the first day after the fiscal year.
func (c *Calendar) End() Date {
	last := c.Months[11]
	return last.First + Date(last.Days)
}

// Contains reports whether d falls in the fiscal year.
func (c *Calendar) Contains(d Date) bool {
	return d >= c.Months[0].First && d < c.End()
}

// MonthLabels returns the twelve month labels (YYYY-MM) in fiscal order.
func (c *Calendar) MonthLabels() []string {
	out := make([]string, 12)
	for i, m := range c.Months {
		out[i] = m.Month.String()
	}
	return out
}
