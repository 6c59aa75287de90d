package plan

import (
	"fmt"
	"math/big"

	"github.com/planhq/plan/plan/round"
)

// hasWindows reports whether the re-planned plan's dimension d declares
// start, end or ramp on any node: its later months are then spread with
// availability (SPEC §9) instead of v1's proportional spread.
func (rp *replanner) hasWindows(d *DimensionSplit) bool {
	dim := rp.b.Plan.Dimension(d.Name)
	return dim != nil && dim.HasPeople()
}

// peopleDimension re-plans the later months of a dimension with windows
// (SPEC §13 with §9): every parent's later cells, top down, are shared among
// its children month by month with §9's exact values restricted to the months
// after first-1 — a fixed child (or a reserve row) carries its new annual
// amount minus its closed cells (rest) over its active later months, the
// weighted children share what is left by weight × availability, and a
// weighted child's later total comes out of the block (its annual amount
// becomes its closed cells plus that total), as §9 works a parent's amount
// out of its own parent's block. first is the first month re-spread (0 when
// nothing is closed); groups are the halves and quarters cut to those months.
func (rp *replanner) peopleDimension(d *DimensionSplit, top []int64, rest []int64, first int, groups []round.Range) {
	p := rp.b.Plan
	e := &engine{p: p, note: variantNote(rp.b.Tier, rp.b.Metric)}
	avail := p.AvailabilityAll(p.Dimension(d.Name))
	pb := peopleLater{rp: rp, e: e, d: d, rest: rest, first: first, groups: groups, avail: avail}
	err := pb.block(nil, top, d.Roots)
	for _, r := range d.Rows {
		if err != nil || len(e.diags) > 0 {
			break
		}
		if !r.Leaf() {
			err = pb.block(r, d.cells[r.Index*12:(r.Index+1)*12], r.Children)
		}
	}
	rp.diags = append(rp.diags, e.diags...)
	if err != nil {
		rp.errorAt(Pos{}, "", "dimension %s: %v", d.Name, err)
	}
}

// peopleLater carries one dimension's re-spread with availability.
type peopleLater struct {
	rp     *replanner
	e      *engine
	d      *DimensionSplit
	rest   []int64 // each row's amount after its closed months
	first  int     // first fiscal month re-spread
	groups []round.Range
	avail  map[*Node][12]*big.Rat
}

// block shares a parent's later cells (pcells, all 12 months; under
// over_assign the kids' total spread like them) among its kids with §9's
// exact values and rounds them as one controlled rounding (round.Solver.Solve)
// with the parent as the tree's one node, so that every later month of the
// parent is exact, every row adds up, and every cell, quarter and half is
// within one unit of its exact value. A kid inactive in a month has exact 0
// there and so gets 0. This is the one place it rounds.
func (pl *peopleLater) block(parent *Row, pcells []int64, kids []*Row) error {
	first, n := pl.first, 12-pl.first
	cols := make([]int64, 12)
	copy(cols[first:], pcells[first:])
	if parent != nil && parent.Node.OverAssign != nil {
		total := pl.e.overAssigned(parent.Node, sum64s(cols), pl.rp.b.Unit)
		cols = blockColumns(cols, []int64{total})
	}
	if sum64s(cols) == 0 {
		for _, k := range kids {
			if k.IsReserve() && pl.rest[k.Index] > 0 {
				u := pl.rp.b.Unit
				pl.rp.errorAt(parent.Node.Pos, "lower the reserve of "+parent.PathString()+", or close an earlier month",
					"the reserve of %s carries %s after %s, but %s has nothing left to share then", parent.PathString(), u.Format(pl.rest[k.Index]), pl.rp.b.Plan.Year.Closed.Month, parent.PathString())
				return nil
			}
		}
	}
	// §9's exact values with every fixed kid carrying its rest; the closed
	// months have nothing to share, so their exact values are all 0
	saved := make([]int64, len(kids))
	for i, k := range kids {
		saved[i] = k.Amount
		if isFixed(k) {
			k.Amount = pl.rest[k.Index]
		}
	}
	exact, ok := pl.e.peopleExact(parent, cols, kids, pl.avail, pl.rp.b.Unit)
	for i, k := range kids {
		k.Amount = saved[i]
	}
	if !ok {
		return nil // reported
	}
	// one more column, ⌈e⌉ − e, takes back the unit of a weighted kid whose
	// exact later total e rounds down (see engine.peopleBlock)
	C := n + 1
	R := len(kids)
	m := &round.Matrix{Cols: C, Totals: make([]int64, R), Exact: make([]*big.Rat, R*C), Groups: pl.groups, Parent: make([]int, R+1)}
	for i := range kids {
		m.Parent[i] = R
		y := new(big.Rat)
		for j := range n {
			m.Exact[i*C+j] = exact[i][first+j]
			y.Add(y, exact[i][first+j])
		}
		up := ceilRat(y)
		m.Totals[i] = up
		m.Exact[i*C+n] = new(big.Rat).Sub(new(big.Rat).SetInt64(up), y)
	}
	m.Parent[R] = -1
	out := make([]int64, R*C)
	if err := pl.rp.solver.Solve(out, m); err != nil {
		return fmt.Errorf("re-plan of %s: %w", blockName(parent), err)
	}
	cells := pl.d.cells
	for i, k := range kids {
		copy(cells[k.Index*12+first:(k.Index+1)*12], out[i*C:i*C+n])
		if !isFixed(k) {
			k.Amount = sum64s(cells[k.Index*12 : (k.Index+1)*12])
		}
	}
	// shares follow the re-planned amounts, as §9 works them out of the block
	var shared int64
	for _, k := range kids {
		if !k.IsReserve() {
			shared += k.Amount
		}
	}
	for _, k := range kids {
		if !k.IsReserve() && shared > 0 {
			k.Share = big.NewRat(k.Amount, shared)
		}
	}
	return nil
}
