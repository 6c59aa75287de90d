package plan

import (
	"math/big"
	"slices"
)

// YearScore holds a node's figures for managing the year (SPEC §13): its
// streak of missed months, its rank and its money.
type YearScore struct {
	// Misses is the number of consecutive months ending at the as-of month
	// whose attainment is below 100 % (a month with a zero target counts as
	// met); 0 for reserve rows.
	Misses int
	// Flagged is Misses ≥ tracking.misses.
	Flagged bool
	// Rank is a leaf's place in its dimension by year-to-date attainment (1 =
	// best; equal attainments in declaration order, no attainment last); 0 for
	// parents and reserve rows.
	Rank int
	// PayoutAmount is a leaf's bonus × Payout rounded to 0.01 (halves up), a
	// parent's the sum of its leaves'; nil when no bonus applies (or the leaf
	// has no payout).
	PayoutAmount *big.Rat
	// Commission is a leaf's commission on its year-to-date actual by bands,
	// rounded to 0.01 (halves up), a parent's the sum of its leaves'; nil
	// when the plan has no commission.
	Commission *big.Rat
}

// scoreYear fills the YearScore of every node of a scored dimension and of
// its total.
func (s *Scorecard) scoreYear(ds *DimensionScore) {
	p := s.Breakdown.Plan
	for _, n := range ds.Nodes {
		s.streak(n)
	}
	s.streak(ds.Total)
	rankLeaves(ds)
	bonus := make([]*big.Rat, len(ds.Nodes)) // the bonus in force at each row
	for i := len(ds.Nodes) - 1; i >= 0; i-- {
		n := ds.Nodes[i]
		if !n.Row.Leaf() {
			for _, c := range n.Row.Children {
				cn := ds.Nodes[c.Index]
				n.PayoutAmount = addOptional(n.PayoutAmount, cn.PayoutAmount)
				n.Commission = addOptional(n.Commission, cn.Commission)
			}
			continue
		}
		if n.Row.IsReserve() {
			continue
		}
		bonus[i] = bonusOf(n.Row, p.Incentive.Bonus)
		if bonus[i] != nil && n.Payout != nil {
			n.PayoutAmount = RoundCents(new(big.Rat).Mul(bonus[i], n.Payout))
		}
		if c := p.Incentive.Commission; c != nil {
			n.Commission = RoundCents(c.Pay(n.YTDActual, s.Breakdown.Unit.Amount(n.YTDTarget)))
		}
	}
	for _, r := range ds.Split.Roots {
		n := ds.Nodes[r.Index]
		ds.Total.PayoutAmount = addOptional(ds.Total.PayoutAmount, n.PayoutAmount)
		ds.Total.Commission = addOptional(ds.Total.Commission, n.Commission)
	}
}

// bonusOf returns the bonus in force at a row: its own node's, else its
// nearest ancestor's, else the plan's (nil when none).
func bonusOf(r *Row, plan *big.Rat) *big.Rat {
	for ; r != nil; r = r.Parent {
		if r.Node != nil && r.Node.Bonus != nil {
			return r.Node.Bonus
		}
	}
	return plan
}

// addOptional returns sum + v, treating nil as nothing (nil + nil is nil).
func addOptional(sum, v *big.Rat) *big.Rat {
	if v == nil {
		return sum
	}
	if sum == nil {
		return new(big.Rat).Set(v)
	}
	return sum.Add(sum, v)
}

// streak counts a node's months missed in a row up to the as-of month.
func (s *Scorecard) streak(n *NodeScore) {
	if n.Row != nil && n.Row.IsReserve() {
		return
	}
	cells := s.Breakdown.Months
	if n.Row != nil {
		cells = n.Row.Months
	}
	unit := s.Breakdown.Unit.Rat()
	target := new(big.Rat)
	n.Misses = 0
	cost := s.Breakdown.Kind == KindCost // §11: a cost misses a month by spending above it
	for m := s.AsOfIndex; m >= 0; m-- {
		c := n.Actual[m].Cmp(target.Mul(target.SetInt64(cells[m]), unit))
		if cost && c <= 0 || !cost && (cells[m] == 0 || c >= 0) {
			break
		}
		n.Misses++
	}
	n.Flagged = n.Misses >= s.Breakdown.Plan.Tracking.Misses
}

// rankLeaves ranks the leaves of a dimension by year-to-date attainment,
// best first; equal attainments keep the declaration order, leaves without an
// attainment come last.
//
// The sort compares the nearest doubles of the attainments and the exact
// values only where those are equal: rounding to the nearest double never
// reverses an order, so unequal doubles order the exact values the same way.
func rankLeaves(ds *DimensionScore) {
	type leaf struct {
		n   *NodeScore
		key float64
	}
	var leaves []leaf
	for _, n := range ds.Nodes {
		if n.Row.Leaf() && !n.Row.IsReserve() {
			l := leaf{n: n}
			if n.Attainment != nil {
				l.key, _ = n.Attainment.Float64()
			}
			leaves = append(leaves, l)
		}
	}
	slices.SortStableFunc(leaves, func(a, b leaf) int {
		switch {
		case a.n.Attainment == nil && b.n.Attainment == nil:
			return 0
		case a.n.Attainment == nil:
			return 1
		case b.n.Attainment == nil:
			return -1
		case a.key > b.key:
			return -1
		case a.key < b.key:
			return 1
		}
		return b.n.Attainment.Cmp(a.n.Attainment)
	})
	for i, l := range leaves {
		l.n.Rank = i + 1
	}
}

// Ranked returns the leaves of a dimension in rank order.
func (d *DimensionScore) Ranked() []*NodeScore {
	var out []*NodeScore
	for _, n := range d.Nodes {
		if n.Rank > 0 {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b *NodeScore) int { return a.Rank - b.Rank })
	return out
}

// Pay returns the exact commission on a year-to-date actual against a
// year-to-date target: Rate on the part of the actual up to the first
// accelerator's From × target, each accelerator's Rate on the part from its
// From × target up to the next one's, the last on the rest. A negative actual
// (more returned than sold) earns nothing.
func (c *Commission) Pay(actual, target *big.Rat) *big.Rat {
	pay := new(big.Rat)
	if actual.Sign() <= 0 {
		return pay
	}
	lo := new(big.Rat) // the band's lower edge
	rate := c.Rate
	for _, a := range c.Accelerators {
		hi := new(big.Rat).Mul(a.From, target)
		if actual.Cmp(hi) <= 0 {
			break
		}
		if hi.Cmp(lo) > 0 {
			pay.Add(pay, new(big.Rat).Mul(rate, new(big.Rat).Sub(hi, lo)))
			lo = hi
		}
		rate = a.Rate
	}
	return pay.Add(pay, new(big.Rat).Mul(rate, new(big.Rat).Sub(actual, lo)))
}

// cent is 0.01, the grain of money paid out.
var cent = big.NewRat(1, 100)

// RoundCents rounds an amount to 0.01, halves up (toward +∞).
func RoundCents(r *big.Rat) *big.Rat {
	q := new(big.Rat).Quo(r, cent)
	q.Add(q, big.NewRat(1, 2))
	f := new(big.Int).Div(q.Num(), q.Denom()) // Euclidean: the floor for a positive denominator
	return new(big.Rat).Mul(new(big.Rat).SetInt(f), cent)
}
