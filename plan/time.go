package plan

import (
	"math/big"

	"github.com/planhq/plan/plan/round"
)

// timeSplit spreads the allocated amount over the fiscal year: each month's
// exact value is allocated × its quarter's weight / the quarters' weights ×
// its month weight / the month weights of its quarter, and the row is rounded
// by the solver of every grain (package round): year → quarters → months by
// the largest remainder method (v1's time split), moved only where a half
// would be a unit or more away from its exact value.
//
// Quarter weights: seasonality.quarters if given, else the sums of the month
// weights of each quarter. Month weights: seasonality.months if given, else
// working or calendar days per the basis, else equal.
func (e *engine) timeSplit(c *Calendar, allocated int64) ([]int64, []*big.Rat, error) {
	s := e.p.Seasonality
	if e.season != nil {
		s = *e.season
	}
	months, quarters := seasonWeights(s, c)
	qExact := shares(new(big.Rat).SetInt64(allocated), quarters)
	exact := make([]*big.Rat, 0, 12)
	for q := range 4 {
		w := months[3*q : 3*q+3]
		if qExact[q].Sign() > 0 && w[0].Sign() == 0 && w[1].Sign() == 0 && w[2].Sign() == 0 {
			e.warnAt(s.Pos, "give at least one month of the quarter a weight", "the months of Q%d all have weight zero but the quarter has an amount; they share it equally", q+1)
		}
		exact = append(exact, shares(qExact[q], w)...)
	}
	out := make([]int64, 12)
	var solver round.Solver
	m := &round.Matrix{Cols: 12, Totals: []int64{allocated}, Exact: exact, Groups: round.Grains(0)}
	if err := solver.Solve(out, m); err != nil {
		return nil, nil, err // never: the exact values add up to allocated by construction
	}
	return out, shares(big.NewRat(1, 1), exactWeights(quarters, months)), nil
}

// exactWeights returns each month's exact weight in the year: its quarter's
// weight / the quarters' weights × its month weight / its quarter's month
// weights (equal months in a quarter whose months all weigh zero).
func exactWeights(quarters, months []*big.Rat) []*big.Rat {
	var out []*big.Rat
	for q, x := range shares(big.NewRat(1, 1), quarters) {
		out = append(out, shares(x, months[3*q:3*q+3])...)
	}
	return out
}

// shares splits an exact amount in proportion to non-negative weights, equally
// when they are all zero.
func shares(amount *big.Rat, weights []*big.Rat) []*big.Rat {
	sum := new(big.Rat)
	for _, w := range weights {
		sum.Add(sum, w)
	}
	out := make([]*big.Rat, len(weights))
	for i, w := range weights {
		if sum.Sign() == 0 {
			out[i] = new(big.Rat).Quo(amount, big.NewRat(int64(len(weights)), 1))
			continue
		}
		out[i] = new(big.Rat).Mul(amount, w)
		out[i].Quo(out[i], sum)
	}
	return out
}

// segmentWeights returns the weights that split month m into its week
// segments: working days with the working_days basis (calendar days when the
// month has none), else calendar days.
func segmentWeights(c *Calendar, basis Basis, m int) []uint64 {
	segs := c.Months[m].Segments
	w := make([]uint64, len(segs))
	useWorking := basis == BasisWorkingDays && c.Months[m].WorkingDays > 0
	for i, s := range segs {
		if useWorking {
			w[i] = uint64(s.WorkingDays)
		} else {
			w[i] = uint64(s.Days)
		}
	}
	return w
}

// seasonWeights returns a seasonality's 12 month weights (its months, else
// working or calendar days by its basis, else equal) and 4 quarter weights
// (its quarters, else the sums of each quarter's month weights).
func seasonWeights(s Seasonality, c *Calendar) (months, quarters []*big.Rat) {
	months = make([]*big.Rat, 12)
	for i := range 12 {
		switch {
		case s.Months != nil:
			months[i] = s.Months[i]
		case s.Basis == BasisWorkingDays:
			months[i] = big.NewRat(int64(c.Months[i].WorkingDays), 1)
		case s.Basis == BasisCalendarDays:
			months[i] = big.NewRat(int64(c.Months[i].Days), 1)
		default:
			months[i] = big.NewRat(1, 1)
		}
	}
	quarters = s.Quarters
	if quarters == nil {
		quarters = make([]*big.Rat, 4)
		for q := range 4 {
			quarters[q] = new(big.Rat).Add(months[3*q], new(big.Rat).Add(months[3*q+1], months[3*q+2]))
		}
	}
	return months, quarters
}
