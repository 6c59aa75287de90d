// Package calendar holds public-holiday calendars as data: for now mainland
// China's official one (holidays: cn in a plan), with its 调休 make-up
// working days.
//
// The data comes from github.com/6tail/lunar-go (package HolidayUtil), which
// transcribes the State Council General Office's yearly notice on the
// arrangement of public holidays (国务院办公厅关于…部分节假日安排的通知) and
// adds each year when the notice is published, usually in November of the
// year before. A new year is picked up by updating that module; Years tells
// which years the linked version covers.
package calendar

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// CNSource names the source of the CN calendar, for messages.
const CNSource = "the State Council's yearly holiday notices, via github.com/6tail/lunar-go"

// Day is one day of the official calendar: a day off, or a weekend day
// worked in exchange (调休).
type Day struct {
	Date time.Time // midnight UTC
	Name string    // the holiday it belongs to: 春节, 国庆节…
	Work bool      // a make-up working day
}

// CN returns the official days of a calendar year in date order, and whether
// the year is covered (false when no notice for it is in the data).
func CN(year int) ([]Day, bool) {
	l := HolidayUtil.GetHolidaysByYear(year)
	if l == nil || l.Len() == 0 {
		return nil, false
	}
	var out []Day
	for e := l.Front(); e != nil; e = e.Next() {
		h, ok := e.Value.(*HolidayUtil.Holiday)
		if !ok {
			continue
		}
		t, err := time.Parse("2006-01-02", h.GetDay())
		if err != nil {
			continue
		}
		out = append(out, Day{Date: t, Name: h.GetName(), Work: h.IsWork()})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, len(out) > 0
}

// Years returns the first and last year of the covered run of years that
// ends with the latest covered one (searched from 1990 to 2200).
func Years() (first, last int) {
	for y := 2200; y >= 1990; y-- {
		if _, ok := CN(y); ok {
			if last == 0 {
				last = y
			}
			first = y
		} else if last != 0 {
			break
		}
	}
	return first, last
}

// YearsText writes the covered years, e.g. "2002–2027".
func YearsText() string {
	first, last := Years()
	if last == 0 {
		return "no years"
	}
	return strconv.Itoa(first) + "–" + strconv.Itoa(last)
}

// Names lists the calendars a plan may name in year.holidays.
func Names() []string { return []string{"cn"} }

// Known reports whether name (any case) is a calendar.
func Known(name string) bool { return strings.EqualFold(strings.TrimSpace(name), "cn") }
