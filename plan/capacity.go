package plan

import (
	"math/big"
	"strings"
)

// CapacityReport is the result of `plan capacity` (SPEC §10): per node of the
// capacity dimension its target and capacity, by period and for the year,
// coverage, gap, headcount, FTE, and the hires that would close the gap.
type CapacityReport struct {
	Breakdown *Breakdown
	Dimension string
	Labels    []string // the periods' labels
	Months    []string // the fiscal months' labels, the keys of Hires
	Nodes     []*CapacityNode
	Total     *CapacityNode
}

// CapacityNode is one node's capacity (SPEC §10). Amounts are whole units of
// the breakdown's unit.
type CapacityNode struct {
	Row             *Row // nil for the total
	FYTarget        int64
	Capacity        int64
	Coverage        *big.Rat // capacity / fy_target; nil when the target is 0
	Gap             int64    // max(0, fy_target − capacity)
	Headcount       int64
	FTE             *big.Rat // Σₘ aₘ × headcount / 12, exact
	TargetPeriods   []int64
	CapacityPeriods []int64
	CapacityMonths  []int64
	// Hires[h] is the number of people starting in fiscal month h that closes
	// the gap; nil when the node has no gap, an entry nil when that start
	// cannot close it (nothing left of the year to ramp into).
	Hires []*int64
	// Productivity is the node's own or inherited productivity; nil when none.
	Productivity *big.Rat
}

// CapacityOf works out the capacity of the plan's capacity dimension against
// the breakdown's targets, summed into periods of the given grain (year,
// quarter or month).
func CapacityOf(b *Breakdown, period Period) (*CapacityReport, error) {
	p := b.Plan
	if p.Capacity == nil {
		return nil, Problemf("add e.g. `capacity: {productivity: 600万, attainment: 80%}` to the plan", "the plan has no capacity section")
	}
	if period == PeriodWeek {
		return nil, Problemf("use --period year, quarter or month", "capacity is worked out by month; weeks are not supported")
	}
	c := p.Capacity
	d := b.Dimension(c.Dimension)
	dim := p.Dimension(c.Dimension)
	if d == nil || dim == nil {
		return nil, Problemf("set capacity.dimension to one of: "+strings.Join(p.DimensionNames(), ", "), "capacity.dimension %q is not a dimension of the plan", c.Dimension)
	}
	view, err := b.View(period)
	if err != nil {
		return nil, err
	}
	di := 0
	for i, x := range b.Dimensions {
		if x == d {
			di = i
		}
	}
	shares := MonthShares(p, b.Calendar)
	avail := p.AvailabilityAll(dim)
	rep := &CapacityReport{Breakdown: b, Dimension: d.Name, Labels: view.Labels, Months: b.Calendar.MonthLabels()}
	byRow := make([]*CapacityNode, len(d.Rows))
	prod := make([]*big.Rat, len(d.Rows))
	var missing Diagnostics
	cache := leafCache{attainment: c.Attainment, unit: b.Unit, shares: shares, seen: map[leafKey]leafFigures{}}
	for _, r := range d.Rows {
		if r.IsReserve() {
			continue
		}
		n := &CapacityNode{Row: r, FYTarget: r.Amount, TargetPeriods: view.Cells(di, r.Index), FTE: new(big.Rat), CapacityMonths: make([]int64, 12)}
		prod[r.Index] = c.Productivity
		if r.Parent != nil {
			prod[r.Index] = prod[r.Parent.Index]
		}
		if r.Node.People.Productivity != nil {
			prod[r.Index] = r.Node.People.Productivity
		}
		n.Productivity = prod[r.Index]
		byRow[r.Index] = n
		rep.Nodes = append(rep.Nodes, n)
		if !r.Leaf() {
			continue
		}
		if n.Productivity == nil {
			missing = append(missing, Diagnostic{File: p.File, Pos: r.Node.Pos, Severity: Error,
				Msg: r.PathString() + " has no productivity", Hint: "set capacity.productivity, or productivity: on it or a node above it"})
			continue
		}
		hc := r.Node.HeadcountOf()
		n.Headcount = hc
		n.CapacityMonths, n.FTE = cache.leaf(n.Productivity, hc, avail[r.Node])
	}
	if len(missing) > 0 {
		return nil, &InvalidError{Diagnostics: missing}
	}
	// parents are the sums of their leaves, deepest first
	for i := len(d.Rows) - 1; i >= 0; i-- {
		r := d.Rows[i]
		n := byRow[i]
		if n == nil || r.Parent == nil {
			continue
		}
		pn := byRow[r.Parent.Index]
		for m := range 12 {
			pn.CapacityMonths[m] += n.CapacityMonths[m]
		}
		pn.Headcount += n.Headcount
		pn.FTE.Add(pn.FTE, n.FTE)
	}
	total := &CapacityNode{FYTarget: b.Allocated, FTE: new(big.Rat), CapacityMonths: make([]int64, 12), Productivity: c.Productivity, TargetPeriods: view.Time}
	for _, r := range d.Roots {
		n := byRow[r.Index]
		if n == nil {
			continue
		}
		for m := range 12 {
			total.CapacityMonths[m] += n.CapacityMonths[m]
		}
		total.Headcount += n.Headcount
		total.FTE.Add(total.FTE, n.FTE)
	}
	rep.Total = total
	ramp := p.Ramp.Rates
	for _, n := range append(rep.Nodes, total) {
		n.CapacityPeriods = sumToPeriods(n.CapacityMonths, period)
		for _, v := range n.CapacityMonths {
			n.Capacity += v
		}
		if n.FYTarget > 0 {
			n.Coverage = big.NewRat(n.Capacity, n.FYTarget)
		}
		n.Gap = max(0, n.FYTarget-n.Capacity)
		if n.Gap > 0 {
			n.Hires = hires(n.Gap, b.Unit, n.Productivity, c.Attainment, ramp, shares)
		}
	}
	return rep, nil
}

// hires returns, for each fiscal month h, ⌈gap / (productivity × attainment ×
// Σₘ≥ₕ ramp(m−h) × sₘ)⌉ (SPEC §10), nil where the denominator is 0.
func hires(gap int64, u Unit, productivity, attainment *big.Rat, ramp []*big.Rat, shares []*big.Rat) []*int64 {
	out := make([]*int64, 12)
	if productivity == nil {
		return out
	}
	money := new(big.Rat).Mul(big.NewRat(gap, 1), u.Rat())
	for h := range 12 {
		sum := new(big.Rat)
		for m := h; m < 12; m++ {
			r := ratOne
			if m-h < len(ramp) {
				r = ramp[m-h]
			}
			sum.Add(sum, new(big.Rat).Mul(r, shares[m]))
		}
		den := new(big.Rat).Mul(productivity, attainment)
		den.Mul(den, sum)
		if den.Sign() == 0 {
			continue
		}
		q := new(big.Rat).Quo(money, den)
		v := ceilRat(q)
		out[h] = &v
	}
	return out
}

// sumToPeriods sums 12 month values into the periods of a grain.
func sumToPeriods(months []int64, period Period) []int64 {
	size := map[Period]int{PeriodYear: 12, PeriodQuarter: 3, PeriodMonth: 1}[period]
	out := make([]int64, 12/size)
	for m, v := range months {
		out[m/size] += v
	}
	return out
}

// roundHalfUpRat rounds a non-negative rational to the nearest whole number,
// halves up.
func roundHalfUpRat(x *big.Rat) int64 {
	y := new(big.Rat).Add(x, big.NewRat(1, 2))
	return new(big.Int).Quo(y.Num(), y.Denom()).Int64()
}

// MonthShares returns the plan's exact month shares of the year sₘ (SPEC §10):
// the seasonality's proportions — each quarter's weight over the four, times
// the month's weight within its quarter (equal when the quarter's months all
// weigh zero) — not the rounded time split.
func MonthShares(p *Plan, c *Calendar) []*big.Rat {
	months, quarters := seasonWeights(p.Seasonality, c)
	qsum := new(big.Rat)
	for _, q := range quarters {
		qsum.Add(qsum, q)
	}
	out := make([]*big.Rat, 12)
	for q := range 4 {
		msum := new(big.Rat).Add(months[3*q], new(big.Rat).Add(months[3*q+1], months[3*q+2]))
		for k := range 3 {
			x := new(big.Rat)
			if qsum.Sign() > 0 {
				x.Quo(quarters[q], qsum)
				if msum.Sign() > 0 {
					x.Mul(x, new(big.Rat).Quo(months[3*q+k], msum))
				} else {
					x.Quo(x, big.NewRat(3, 1))
				}
			}
			out[3*q+k] = x
		}
	}
	return out
}

// leafCache remembers the capacity months and FTE of leaves with the same
// productivity, headcount and availability: in a large team most people are
// alike, and exact arithmetic is worth doing once per kind.
type leafCache struct {
	attainment *big.Rat
	unit       Unit
	shares     []*big.Rat
	seen       map[leafKey]leafFigures
	key        []byte
}

type leafKey struct {
	productivity string
	headcount    int64
	avail        string
}

type leafFigures struct {
	months []int64
	fte    *big.Rat
}

// leaf returns a leaf's capacity months (productivity × attainment ×
// headcount × aₘ × sₘ in units, rounded half up) and its FTE (Σₘ aₘ ×
// headcount / 12). The caller must not modify what it returns but the FTE,
// which is a fresh copy.
func (lc *leafCache) leaf(productivity *big.Rat, hc int64, a [12]*big.Rat) ([]int64, *big.Rat) {
	lc.key = lc.key[:0]
	for _, x := range a {
		lc.key = x.Num().Append(lc.key, 10)
		lc.key = append(lc.key, '/')
		lc.key = x.Denom().Append(lc.key, 10)
		lc.key = append(lc.key, ' ')
	}
	k := leafKey{productivity.RatString(), hc, string(lc.key)}
	f, ok := lc.seen[k]
	if !ok {
		base := new(big.Rat).Mul(productivity, lc.attainment)
		base.Mul(base, big.NewRat(hc, 1))
		base.Quo(base, lc.unit.Rat())
		f = leafFigures{months: make([]int64, 12), fte: new(big.Rat)}
		sumA := new(big.Rat)
		for m := range 12 {
			x := new(big.Rat).Mul(base, a[m])
			x.Mul(x, lc.shares[m])
			f.months[m] = roundHalfUpRat(x)
			sumA.Add(sumA, a[m])
		}
		f.fte.Mul(sumA, big.NewRat(hc, 12))
		lc.seen[k] = f
	}
	return append([]int64(nil), f.months...), new(big.Rat).Set(f.fte)
}
