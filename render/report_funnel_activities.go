package render

import (
	"math/big"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
)

// activitySection is the activities table: per leaf and in total, each
// activity's count and weekly average, and with a period its count due
// before the year and in each period.
func (f *FunnelReport) activitySection() Section {
	res := f.Result
	cols := []Column{{Name: "NODE"}, {Name: "ACTIVITY"}, {Name: "COUNT", Align: Right}, {Name: "WEEKLY", Align: Right}}
	if f.byPeriod() {
		cols = append(cols, Column{Name: "BEFORE", Align: Right})
		for _, l := range f.periodLabels() {
			cols = append(cols, Column{Name: l, Align: Right})
		}
	}
	title := "activities"
	if f.byPeriod() {
		title += " by " + string(f.Period)
	}
	sec := Section{Title: title, Columns: cols}
	block := func(label string, as []funnel.ActivityWork) {
		for i, a := range as {
			l := ""
			if i == 0 {
				l = label
			}
			row := []string{l, a.Name, funnelCount(a.Total), funnelWeekly(a.Weekly)}
			if f.byPeriod() {
				row = append(row, funnelCount(a.Before))
				for _, v := range f.periods(a.Months, a.Weeks) {
					row = append(row, funnelCount(v))
				}
			}
			sec.Rows = append(sec.Rows, row)
		}
	}
	for _, r := range res.Rows {
		block(funnelLabel(r), r.Activities)
	}
	block("TOTAL", res.Total.Activities)
	return sec
}

// funnelWeekly writes a weekly average to one decimal (halves away from
// zero), or "" when the leaf has no working week.
func funnelWeekly(r *big.Rat) string {
	if r == nil {
		return ""
	}
	return Grouped(plan.FormatRat(roundRat(r, 1), 1))
}
