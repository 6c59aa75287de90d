package plan

import "github.com/planhq/plan/plan/round"

// spread splits every row of a dimension over a set of columns (months, or
// another dimension's nodes): the top-level rows over top, then each parent's
// cells over its children, block by block. Every block is a controlled rounding
// (round.Solver.Split): each child's row adds up to its amount, each column of
// the block to what the parent shares out in that column, every cell and every
// group of columns (halves and quarters of months) within one unit of its
// proportional value, and the fewest cells moved from each child's own
// rounding. Under over_assign the block's columns are the children's total
// split over the columns in proportion to the parent's row. The result is
// row-major: len(d.Rows) × len(top).
func spread(d *DimensionSplit, top []int64, groups []round.Range) ([]int64, error) {
	n := len(top)
	cells := make([]int64, len(d.Rows)*n)
	sp := spreader{cells: cells, n: n, groups: groups}
	if err := sp.block(top, d.Roots); err != nil {
		return nil, err
	}
	for _, r := range d.Rows {
		if r.Leaf() {
			continue
		}
		if err := sp.block(cells[r.Index*n:(r.Index+1)*n], r.Children); err != nil {
			return nil, err
		}
	}
	return cells, nil
}

// spreader splits blocks into a shared row-major cell table.
type spreader struct {
	solver round.Solver
	groups []round.Range
	cells  []int64
	n      int
	rows   []int64
	out    []int64
}

// block splits the parent's cells over the kids, writing the kids' rows.
func (sp *spreader) block(parent []int64, kids []*Row) error {
	sp.rows = sp.rows[:0]
	for _, k := range kids {
		sp.rows = append(sp.rows, k.Amount)
	}
	cols := blockColumns(parent, sp.rows)
	sp.out = grow(sp.out, len(kids)*sp.n)
	if err := sp.solver.Split(sp.out, sp.rows, cols, sp.groups); err != nil {
		return err
	}
	for i, k := range kids {
		copy(sp.cells[k.Index*sp.n:(k.Index+1)*sp.n], sp.out[i*sp.n:(i+1)*sp.n])
	}
	return nil
}

// blockColumns returns the column totals of a block: the parent's cells when the
// children add up to the parent, else the children's total split over the
// columns in proportion to the parent's cells (over_assign).
func blockColumns(parent, rows []int64) []int64 {
	var total, have int64
	for _, r := range rows {
		total += r
	}
	for _, c := range parent {
		have += c
	}
	if total == have {
		return parent
	}
	return apportionCells(total, parent)
}
