package plan

import (
	"fmt"
	"math/big"
	"strconv"
)

// PeriodScore is a node's target, actual and attainment in one period of the
// year up to the as-of month (SPEC §13).
type PeriodScore struct {
	Label  string
	Target int64    // the node's plan cells of the period's months up to as-of, in units
	Actual *big.Rat // its actuals of those months
	// Attainment is Actual / Target; nil when Target is 0 and for reserve rows.
	Attainment *big.Rat
	Status     TrackStatus // StatusNone for reserve rows
	Partial    bool        // the as-of month cuts the period: it is counted to as-of
}

// TrackPeriodMonths returns the number of months of a period of `plan track
// --period`: month 1, quarter 3, half 6.
func TrackPeriodMonths(name string) (int, error) {
	switch name {
	case "month":
		return 1, nil
	case "quarter":
		return 3, nil
	case "half":
		return 6, nil
	}
	return 0, fmt.Errorf("unknown period %q for track (valid: month, quarter, half)", name)
}

// PeriodLabels returns the labels of the periods of size months (1, 3 or 6)
// that start up to the as-of month: YYYY-MM, Q1…Q4 or H1, H2.
func (s *Scorecard) PeriodLabels(size int) []string {
	var out []string
	months := s.Breakdown.Calendar.MonthLabels()
	for first := 0; first <= s.AsOfIndex; first += size {
		switch size {
		case 1:
			out = append(out, months[first])
		case 3:
			out = append(out, "Q"+strconv.Itoa(first/3+1))
		default:
			out = append(out, "H"+strconv.Itoa(first/6+1))
		}
	}
	return out
}

// PeriodScores scores a node (or a dimension's total) in each period of size
// months (1, 3 or 6) that starts up to the as-of month; the last is partial
// when the as-of month falls before its end.
func (s *Scorecard) PeriodScores(n *NodeScore, size int) []PeriodScore {
	cells := s.Breakdown.Months
	if n.Row != nil {
		cells = n.Row.Months
	}
	u := s.Breakdown.Unit
	reserve := n.Row != nil && n.Row.IsReserve()
	var out []PeriodScore
	for i, label := range s.PeriodLabels(size) {
		first := i * size
		last := min(first+size-1, s.AsOfIndex)
		ps := PeriodScore{Label: label, Actual: new(big.Rat), Partial: last < first+size-1}
		for m := first; m <= last; m++ {
			ps.Target += cells[m]
			ps.Actual.Add(ps.Actual, n.Actual[m])
		}
		if !reserve {
			if ps.Target != 0 {
				ps.Attainment = new(big.Rat).Quo(ps.Actual, u.Amount(ps.Target))
			}
			ps.Status = s.Breakdown.Plan.Tracking.Status(ps.Attainment, ps.Actual)
		}
		out = append(out, ps)
	}
	return out
}
