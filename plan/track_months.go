package plan

import (
	"fmt"
	"strings"
)

// warnMissingMonths warns about the months up to the as-of month (and up to
// the dimension's last month with actuals: the months after it have their
// own warning) in which the dimension has no row at all: a month left out of
// the export counts as 0 and turns a team from green to yellow unseen.
func (s *Scorecard) warnMissingMonths(da *DimensionActuals) {
	var missing []string
	for m := 0; m <= min(s.AsOfIndex, da.Last); m++ {
		has := false
		for _, row := range da.Amounts {
			if row[m] != nil {
				has = true
				break
			}
		}
		if !has {
			missing = append(missing, s.Breakdown.Calendar.Start.Add(m).String())
		}
	}
	if len(missing) == 0 {
		return
	}
	what, verb := "month "+missing[0], "counts"
	if len(missing) > 1 {
		what, verb = "months "+strings.Join(missing, ", "), "count"
	}
	s.Warnings = append(s.Warnings, Diagnostic{File: s.Actuals.File, Severity: Warning,
		Msg:  fmt.Sprintf("the actuals of %s have no row for %s, which %s as 0", da.Split.Name, what, verb),
		Hint: "add the missing months' rows (0 for a month without sales)"})
}
