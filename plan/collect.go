package plan

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"

	"github.com/planhq/plan/plan/round"
)

// Collection is a collections metric's `collect` block (SPEC §12): what is
// booked in a month of From is collected Terms[0] that month, Terms[1] the
// month after, and so on; Opening (money; nil for none) is owed at the start
// of the year and collected by OpeningTerms from the first month.
type Collection struct {
	From         string
	FromPos      Pos
	Terms        []*big.Rat // add up to exactly 1, at most 12
	Opening      *big.Rat
	OpeningPos   Pos
	OpeningTerms []*big.Rat // the opening's own terms (the collect terms when not given)
	Pos          Pos
}

// CollectFrom returns the metric a collections metric collects from, or ""
// when name is not a collections metric.
func (p *Plan) CollectFrom(name string) string {
	if m := p.metric(name); m != nil && m.Collect != nil {
		return m.Collect.From
	}
	return ""
}

// Collect works out a collections metric from a breakdown of the metric it
// collects from (SPEC §12). A node's exact collections in month m are
// Σₖ rₖ × its from cell of month m − k, plus its opening share × the opening
// terms' rate of month m; the opening receivables are shared down every tree
// by the from rows' exact annual amounts (largest remainder, whole units).
//
// Rounding. The top row: the year's exact collections rounded half up, spread
// over the months by largest remainder of the exact months, quarters first.
// Then block by block, top down, as §4 with the exact collections as the
// proportional values: each child's months, quarters, halves and year within
// one unit of its exact collections, the children adding up to the parent's
// cells in every month, and the fewest cells moved from each child's own
// rounding (one round.Solve with the parent's cells pinned). Such a rounding
// does not always exist (the parent's cells are already rounded); a block
// without one is rounded with the months and the year alone within one unit,
// and failing that, by the children's shares of each month's cell (their
// exact collections scaled to it), which always exists. Under over_assign the
// children's exact collections add up to more than the parent's; their
// block's months are then their own sum rounded as the top row is.
//
// A row's year-end receivable is its from year + its opening share − its
// collections, in the collections metric's unit (the loader has checked that
// the from unit is a whole number of it).
func Collect(p *Plan, from *Breakdown, metric string) (*Breakdown, error) {
	m := p.metric(metric)
	if m == nil || m.Collect == nil {
		return nil, fmt.Errorf("plan: %s is not a collections metric", metric)
	}
	c := m.Collect
	perFrom, whole := m.Unit.Count(from.Unit.Amount(1))
	if !whole || perFrom <= 0 {
		return nil, Problemf("give "+m.Name+" a round that divides the round of "+c.From,
			"metric %s counts in %s, which does not divide %s's round %s", m.Name, m.Unit, c.From, from.Unit)
	}
	if total, ok := mulFits(from.Allocated, perFrom); !ok || total > MaxUnits {
		return nil, Problemf("give "+m.Name+" a larger round",
			"metric %s would count more than %d units of %s", m.Name, int64(MaxUnits), m.Unit)
	}
	b := &Breakdown{Plan: p, Calendar: from.Calendar, Tier: from.Tier, Factor: from.Factor,
		Metric: m.Name, Kind: KindAmount, Unit: m.Unit, season: from.season, Collect: c}
	col := newCollector(c, perFrom)
	if c.Opening != nil {
		o, ok := m.Unit.RoundHalfUp(c.Opening)
		if !ok || o > MaxUnits-from.Allocated*perFrom {
			return nil, Problemf("", "the opening receivables of %s are too large", m.Name)
		}
		b.Opening = o
	}
	topRow := col.exact(from.Months, b.Opening)
	topExact := col.rats(topRow)
	year := sumRats(topExact)
	b.Target = roundHalfUpRat(year)
	b.Allocated = b.Target
	months, err := col.spreadRow(b.Target, topExact)
	if err != nil {
		return nil, err
	}
	b.Months = months
	b.monthShares = make([]*big.Rat, 12)
	for i, x := range topExact {
		b.monthShares[i] = new(big.Rat)
		if year.Sign() > 0 {
			b.monthShares[i].Quo(x, year)
		}
	}
	b.ReceivableEnd = from.Allocated*perFrom + b.Opening - b.Target
	for _, fd := range from.Dimensions {
		d, err := col.dimension(fd, b.Months, topRow, b.Opening)
		if err != nil {
			return nil, err
		}
		b.Dimensions = append(b.Dimensions, d)
	}
	b.Warnings = from.Warnings
	return b, nil
}

// collector works out one collections breakdown.
type collector struct {
	c       *Collection
	perFrom int64 // collection units per from unit
	solver  round.Solver

	// the terms over one common denominator den (den 0: they do not fit in
	// 64 bits, and exact works in rationals)
	den           int64
	terms, opener []int64
}

// newCollector prepares the terms of c for rows of from cells in units of
// perFrom collection units each.
func newCollector(c *Collection, perFrom int64) *collector {
	col := &collector{c: c, perFrom: perFrom}
	d := big.NewInt(1)
	for _, r := range append(append([]*big.Rat{}, c.Terms...), c.OpeningTerms...) {
		g := new(big.Int).GCD(nil, nil, d, r.Denom())
		d.Mul(d, new(big.Int).Quo(r.Denom(), g))
	}
	if !d.IsInt64() || d.Int64() > 1<<20 {
		return col
	}
	col.den = d.Int64()
	num := func(rs []*big.Rat) []int64 {
		out := make([]int64, len(rs))
		for i, r := range rs {
			out[i] = new(big.Int).Quo(new(big.Int).Mul(r.Num(), d), r.Denom()).Int64()
		}
		return out
	}
	col.terms, col.opener = num(c.Terms), num(c.OpeningTerms)
	return col
}

// exactRow is a row's exact collections by month: their numerators over the
// collector's common denominator when they fit in 64 bits (num), else
// rationals (rat).
type exactRow struct {
	num []int64
	rat []*big.Rat
}

// rats returns a row's exact values as rationals.
func (col *collector) rats(e exactRow) []*big.Rat {
	if e.rat != nil {
		return e.rat
	}
	out := make([]*big.Rat, 12)
	for m, n := range e.num {
		out[m] = big.NewRat(n, col.den)
	}
	return out
}

// exact returns a row's exact collections by month, in collection units, from
// its from cells and its opening share.
func (col *collector) exact(fromCells []int64, opening int64) exactRow {
	if num, ok := col.exactNums(fromCells, opening); ok {
		return exactRow{num: num}
	}
	out := make([]*big.Rat, 12)
	t := new(big.Rat)
	for m := range 12 {
		x := new(big.Rat)
		for k, r := range col.c.Terms {
			if m-k < 0 {
				break
			}
			if v := fromCells[m-k]; v != 0 {
				x.Add(x, t.Mul(r, big.NewRat(v*col.perFrom, 1)))
			}
		}
		if opening != 0 && m < len(col.c.OpeningTerms) {
			x.Add(x, t.Mul(col.c.OpeningTerms[m], big.NewRat(opening, 1)))
		}
		out[m] = x
	}
	return exactRow{rat: out}
}

// exactNums is exact on 64-bit integers: the numerators over the terms'
// common denominator; ok is false when a product or sum does not fit.
func (col *collector) exactNums(fromCells []int64, opening int64) ([]int64, bool) {
	if col.den == 0 {
		return nil, false
	}
	out := make([]int64, 12)
	ok := true
	for m := range 12 {
		var n int64
		for k, r := range col.terms {
			if m-k < 0 {
				break
			}
			v, fits := mulFits(fromCells[m-k], col.perFrom)
			n, ok = addMul(n, r, v)
			if !fits || !ok {
				return nil, false
			}
		}
		if m < len(col.opener) {
			if n, ok = addMul(n, col.opener[m], opening); !ok {
				return nil, false
			}
		}
		out[m] = n
	}
	return out, true
}

// mulFits returns a × b for non-negative a and b, and whether it fits in an int64.
func mulFits(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	return int64(lo), a >= 0 && b >= 0 && hi == 0 && lo <= math.MaxInt64
}

// addMul returns acc + a × b for non-negative values, and whether it fits.
func addMul(acc, a, b int64) (int64, bool) {
	p, ok := mulFits(a, b)
	s := acc + p
	return s, ok && s >= acc
}

// spreadRow spreads a whole total over the months in proportion to exact
// values (the top row's rule: largest remainder, quarters first, halves within
// one unit).
func (col *collector) spreadRow(total int64, exact []*big.Rat) ([]int64, error) {
	out := make([]int64, 12)
	sum := sumRats(exact)
	if total == 0 || sum.Sign() == 0 {
		return out, nil
	}
	scaled := make([]*big.Rat, 12)
	f := new(big.Rat).Quo(big.NewRat(total, 1), sum)
	for i, x := range exact {
		scaled[i] = new(big.Rat).Mul(x, f)
	}
	m := &round.Matrix{Cols: 12, Totals: []int64{total}, Exact: scaled, Groups: round.Grains(0)}
	if err := col.solver.Solve(out, m); err != nil {
		return nil, fmt.Errorf("collections: %w", err)
	}
	return out, nil
}

// dimension works out one dimension's collections below the top row.
func (col *collector) dimension(fd *DimensionSplit, top []int64, topExact exactRow, opening int64) (*DimensionSplit, error) {
	d := cloneDimension(fd)
	n := len(d.Rows)
	d.Opening = make([]int64, n)
	d.ReceivableEnd = make([]int64, n)
	exact := make([]exactRow, n)
	cells := make([]int64, n*12)

	col.shareOpening(fd.Roots, opening, d.Opening)
	for _, r := range fd.Rows {
		if !r.Leaf() {
			col.shareOpening(r.Children, d.Opening[r.Index], d.Opening)
		}
	}
	for _, r := range fd.Rows {
		exact[r.Index] = col.exact(r.Months, d.Opening[r.Index])
	}
	if err := col.block(top, topExact, d.Roots, exact, cells); err != nil {
		return nil, err
	}
	for _, r := range d.Rows {
		if r.Leaf() {
			continue
		}
		pc := cells[r.Index*12 : (r.Index+1)*12]
		if err := col.block(pc, exact[r.Index], r.Children, exact, cells); err != nil {
			return nil, err
		}
	}
	for _, r := range d.Rows {
		r.Months = cells[r.Index*12 : (r.Index+1)*12 : (r.Index+1)*12]
		d.ReceivableEnd[r.Index] = fd.Rows[r.Index].Amount*col.perFrom + d.Opening[r.Index] - r.Amount
	}
	d.cells = cells
	return d, nil
}

// shareOpening shares a parent's opening receivables among its from rows by
// their exact annual amounts: a reserve row its exact reserve (its rate × the
// parent's amount), any other row its share of what the parent shares out.
func (col *collector) shareOpening(kids []*Row, opening int64, out []int64) {
	if len(kids) == 0 {
		return
	}
	var shared int64
	for _, k := range kids {
		if !k.IsReserve() {
			shared += k.Amount
		}
	}
	ws := make([]*big.Rat, len(kids))
	for i, k := range kids {
		switch {
		case k.Share == nil:
			ws[i] = big.NewRat(k.Amount, 1)
		case k.IsReserve() && k.Parent != nil:
			ws[i] = new(big.Rat).Mul(k.Share, big.NewRat(k.Parent.Amount, 1))
		default:
			ws[i] = new(big.Rat).Mul(k.Share, big.NewRat(shared, 1))
		}
	}
	for i, v := range Apportion(opening, ws) {
		out[kids[i].Index] = v
	}
}

// block shares a parent's month cells among its kids (SPEC §12's rounding,
// see Collect). The kids' exact collections are the proportional values of
// one controlled rounding whose node, the parent, is pinned to the parent's
// cells (roundBlock). Where no such rounding exists, the kids share each
// month's cell in proportion to their exact collections instead (the exact
// values scaled to the cell), which always has one.
func (col *collector) block(pcells []int64, pexact exactRow, kids []*Row, exact []exactRow, cells []int64) error {
	if len(kids) == 0 {
		return nil
	}
	rows := make([][]*big.Rat, len(kids))
	for i, k := range kids {
		rows[i] = col.rats(exact[k.Index])
	}
	sums, same := col.monthSums(pexact, kids, exact, rows)
	cols := pcells
	if !same { // over_assign: the kids' own months, rounded as the top row is
		var err error
		if cols, err = col.spreadRow(roundHalfUpRat(sumRats(sums)), sums); err != nil {
			return err
		}
	}
	err := col.roundBlock(rows, cols, kids, cells, true, round.Grains(0))
	if !errors.Is(err, round.ErrInconsistent) {
		return err
	}
	err = col.roundBlock(rows, cols, kids, cells, true, nil)
	if !errors.Is(err, round.ErrInconsistent) {
		return err
	}
	scaled := make([][]*big.Rat, len(kids))
	for i := range kids {
		scaled[i] = make([]*big.Rat, 12)
		for m := range 12 {
			scaled[i][m] = new(big.Rat)
			if sums[m].Sign() > 0 {
				scaled[i][m].Mul(rows[i][m], big.NewRat(cols[m], 1)).Quo(scaled[i][m], sums[m])
			}
		}
	}
	return col.roundBlock(scaled, cols, kids, cells, false, round.Grains(0))
}

// monthSums returns the kids' exact collections month by month and whether
// they are the parent's (they are more under over_assign): on the integer
// numerators when the parent and every kid have them and the sums fit.
func (col *collector) monthSums(pexact exactRow, kids []*Row, exact []exactRow, rows [][]*big.Rat) ([]*big.Rat, bool) {
	sums := make([]*big.Rat, 12)
	ints := pexact.num != nil
	for _, k := range kids {
		ints = ints && exact[k.Index].num != nil
	}
	for m := 0; ints && m < 12; m++ {
		var s int64
		for _, k := range kids {
			if s, ints = addMul(s, 1, exact[k.Index].num[m]); !ints {
				break
			}
		}
		sums[m] = big.NewRat(s, col.den)
	}
	if ints {
		same := true
		for m, s := range sums {
			same = same && s.Cmp(big.NewRat(pexact.num[m], col.den)) == 0
		}
		return sums, same
	}
	pr := col.rats(pexact)
	same := true
	for m := range 12 {
		sums[m] = new(big.Rat)
		for i := range kids {
			sums[m].Add(sums[m], rows[i][m])
		}
		same = same && sums[m].Cmp(pr[m]) == 0
	}
	return sums, same
}

// roundBlock rounds a block's rows (12 months of proportional values each)
// with one more column, ⌈y⌉ − y for a row whose year is y, so that each kid's
// year is the floor or the ceiling of y; the block's one node, the parent, is
// pinned to cols in every month when pin is set, else the rows add up to cols
// exactly, month by month. It writes the kids' cells, amounts and shares.
func (col *collector) roundBlock(rows [][]*big.Rat, cols []int64, kids []*Row, cells []int64, pin bool, groups []round.Range) error {
	const C = 13
	R := len(kids)
	mx := &round.Matrix{Cols: C, Totals: make([]int64, R), Exact: make([]*big.Rat, R*C), Groups: groups, Parent: make([]int, R+1)}
	years := make([]*big.Rat, R)
	var ups, total int64
	for i := range kids {
		mx.Parent[i] = R
		years[i] = sumRats(rows[i])
		copy(mx.Exact[i*C:i*C+12], rows[i])
		up := ceilRat(years[i])
		mx.Totals[i] = up
		mx.Exact[i*C+12] = new(big.Rat).Sub(big.NewRat(up, 1), years[i])
		ups += up
	}
	mx.Parent[R] = -1
	for _, c := range cols {
		total += c
	}
	if pin {
		mx.NodeCols = append(append(make([]int64, 0, C), cols...), ups-total)
	}
	out := make([]int64, R*C)
	if err := col.solver.Solve(out, mx); err != nil {
		return fmt.Errorf("collections: %w", err)
	}
	for i, k := range kids {
		k.Amount = mx.Totals[i] - out[i*C+12]
		copy(cells[k.Index*12:(k.Index+1)*12], out[i*C:i*C+12])
		k.Share = new(big.Rat)
		if total > 0 {
			k.Share.Quo(years[i], big.NewRat(total, 1))
		}
	}
	return nil
}

// cloneDimension copies a dimension's tree (paths, nodes, links), without its
// amounts, shares and cells.
func cloneDimension(fd *DimensionSplit) *DimensionSplit {
	d := &DimensionSplit{Name: fd.Name, Rows: make([]*Row, len(fd.Rows))}
	for i, r := range fd.Rows {
		d.Rows[i] = &Row{Path: r.Path, Depth: r.Depth, Node: r.Node, Index: r.Index}
	}
	for i, r := range fd.Rows {
		nr := d.Rows[i]
		if r.Parent != nil {
			nr.Parent = d.Rows[r.Parent.Index]
		}
		if len(r.Children) > 0 {
			nr.Children = make([]*Row, len(r.Children))
			for j, k := range r.Children {
				nr.Children[j] = d.Rows[k.Index]
			}
		}
	}
	d.Roots = make([]*Row, len(fd.Roots))
	for i, r := range fd.Roots {
		d.Roots[i] = d.Rows[r.Index]
	}
	return d
}

// sumRats returns the sum of xs.
func sumRats(xs []*big.Rat) *big.Rat {
	s := new(big.Rat)
	for _, x := range xs {
		s.Add(s, x)
	}
	return s
}
