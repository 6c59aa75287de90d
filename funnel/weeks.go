package funnel

import (
	"math/big"

	"github.com/planhq/plan/plan"
)

// workingWeeks returns the number of ISO weeks of the fiscal year that have
// at least one working day in a month where active is true (every month when
// active is nil): the divisor of a weekly average (SPEC §5 v2).
func workingWeeks(c *plan.Calendar, active []bool) int {
	counted := make([]bool, len(c.Weeks))
	n := 0
	for m, info := range c.Months {
		if active != nil && !active[m] {
			continue
		}
		for _, seg := range info.Segments {
			if seg.WorkingDays > 0 && !counted[seg.Week] {
				counted[seg.Week] = true
				n++
			}
		}
	}
	return n
}

// weekly returns count / weeks, exact; nil when there are no weeks.
func weekly(count int64, weeks int) *big.Rat {
	if weeks == 0 {
		return nil
	}
	return big.NewRat(count, int64(weeks))
}

// active returns the months in which an availability (SPEC §9) is above 0.
func active(a [12]*big.Rat) []bool {
	out := make([]bool, 12)
	for m, v := range a {
		out[m] = v != nil && v.Sign() > 0
	}
	return out
}
