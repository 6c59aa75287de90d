package plan

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/planhq/plan/plan/calendar"
)

// holidayItems are the entries of year.holidays: a list, or a single scalar
// (holidays: cn).
func (l *loader) holidayItems(n *yaml.Node) []*yaml.Node {
	if v := l.visit(n); v != nil && v.Kind == yaml.ScalarNode && calendar.Known(v.Value) {
		return []*yaml.Node{v}
	}
	items, _ := l.sequence(n, "year.holidays")
	return items
}

// officialHolidays adds the official calendar's days off and make-up working
// days inside the fiscal year when s names a calendar (cn), and reports
// whether it did. A calendar year of the fiscal year that the data does not
// cover yet gets a warning.
func (l *loader) officialHolidays(y *Year, n *yaml.Node, s string, first, end Date) bool {
	if !calendar.Known(s) {
		return false
	}
	name := strings.ToLower(strings.TrimSpace(s))
	if y.HolidaySource != "" {
		l.warnf(n, "name the calendar once", "holidays: %s is listed twice", name)
		return true
	}
	y.HolidaySource = name
	for year := first.Time().Year(); year <= (end - 1).Time().Year(); year++ {
		days, ok := calendar.CN(year)
		if !ok {
			l.warnf(n, "the official calendar covers "+calendar.YearsText()+"; list that year's holidays by hand until plan's calendar data is updated", "holidays: %s has no official holidays for %d yet", name, year)
			continue
		}
		for _, d := range days {
			date := NewDate(d.Date.Year(), int(d.Date.Month()), d.Date.Day())
			if date < first || date >= end {
				continue
			}
			if d.Work {
				y.Workdays = append(y.Workdays, date)
			} else {
				y.Holidays = append(y.Holidays, DateRange{From: date, To: date, Pos: posOf(n)})
			}
		}
	}
	return true
}

// clipToYear cuts a holiday range to the fiscal year [first, end); clipped
// reports whether it had to. The range must overlap the year.
func clipToYear(from, to, first, end Date) (Date, Date, bool) {
	clipped := false
	if from < first {
		from, clipped = first, true
	}
	if to >= end {
		to, clipped = end-1, true
	}
	return from, to, clipped
}

// checkHolidaysUsed warns when holidays or make-up days are given but the
// months are not weighted by working days, where they change nothing.
func (l *loader) checkHolidaysUsed(p *Plan) {
	y := p.Year
	if len(y.Holidays) == 0 && len(y.Workdays) == 0 {
		return
	}
	if p.Seasonality.Basis == BasisWorkingDays {
		return
	}
	l.diag(y.DaysPos, Warning, "add `basis: working_days` under seasonality to weight months and weeks by working days",
		"holidays and workdays have no effect: seasonality is not weighted by working days")
}
