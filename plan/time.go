package plan

import "math/big"

// timeSplit spreads the allocated amount over the fiscal year: year → quarters
// by the quarter weights, then each quarter → its three months by the month
// weights normalised inside it, each step by the largest remainder method.
//
// Quarter weights: seasonality.quarters if given, else the sums of the month
// weights of each quarter. Month weights: seasonality.months if given, else
// working or calendar days per the basis, else equal.
func (e *engine) timeSplit(c *Calendar, allocated int64) []int64 {
	s := e.p.Seasonality
	if e.season != nil {
		s = *e.season
	}
	months := make([]*big.Rat, 12)
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
	quarters := s.Quarters
	if quarters == nil {
		quarters = make([]*big.Rat, 4)
		for q := range 4 {
			quarters[q] = new(big.Rat).Add(months[3*q], new(big.Rat).Add(months[3*q+1], months[3*q+2]))
		}
	}
	qAmounts := Apportion(allocated, quarters)
	out := make([]int64, 0, 12)
	for q := range 4 {
		w := months[3*q : 3*q+3]
		if qAmounts[q] > 0 && w[0].Sign() == 0 && w[1].Sign() == 0 && w[2].Sign() == 0 {
			e.warnAt(s.Pos, "give at least one month of the quarter a weight", "the months of Q%d all have weight zero but the quarter has an amount; they share it equally", q+1)
		}
		out = append(out, Apportion(qAmounts[q], w)...)
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
