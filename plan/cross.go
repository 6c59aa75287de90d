package plan

import "strings"

// Cross is two dimensions crossed (`--by A,B`): the rows are A's nodes, the
// columns B's nodes at one depth, each cell the product of the two shares,
// exact in both directions like a period view.
type Cross struct {
	Rows    *DimensionSplit
	Columns []*Row  // B's nodes at Depth, and B's leaves above it
	Totals  []int64 // column totals: the columns' amounts (scaled to the allocated amount under over_assign)
	Depth   int
	width   int
	cells   []int64
}

// Cells returns the cells of row r of the cross.
func (c *Cross) Cells(r int) []int64 {
	return c.cells[r*c.width : (r+1)*c.width : (r+1)*c.width]
}

// Cross crosses dimension a (rows) with dimension b's nodes at depth (columns).
// When B's columns add up to more than the allocated amount (over_assign above
// that depth) they are scaled back to it in proportion before the cross.
func (b *Breakdown) Cross(a, bn string, depth int) (*Cross, error) {
	da, db := b.Dimension(a), b.Dimension(bn)
	for _, x := range []struct {
		name string
		d    *DimensionSplit
	}{{a, da}, {bn, db}} {
		if x.d == nil {
			return nil, Problemf(dimensionHint(b.Plan), "unknown dimension %q", x.name)
		}
	}
	if a == bn {
		return nil, Problemf("name two different dimensions, e.g. --by org,product", "cannot cross dimension %s with itself", a)
	}
	if depth < 1 {
		depth = 1
	}
	c := &Cross{Rows: da, Depth: depth}
	for _, r := range db.Rows {
		if r.Depth == depth || (r.Depth < depth && r.Leaf()) {
			c.Columns = append(c.Columns, r)
		}
	}
	var sum int64
	for _, col := range c.Columns {
		c.Totals = append(c.Totals, col.Amount)
		sum += col.Amount
	}
	if sum != b.Allocated {
		c.Totals = apportionCells(b.Allocated, c.Totals)
	}
	if err := checkCells("the cross of "+a+" by "+bn, len(da.Rows), len(c.Columns)); err != nil {
		return nil, err
	}
	c.width = len(c.Columns)
	cells, err := spread(da, c.Totals, nil)
	if err != nil {
		return nil, err
	}
	c.cells = cells
	return c, nil
}

func dimensionHint(p *Plan) string {
	if len(p.Dimensions) == 0 {
		return "the plan has no dimensions"
	}
	return "the plan's dimensions are: " + strings.Join(p.DimensionNames(), ", ")
}

// CheckDimension returns a *Problem when the plan has no dimension of that name.
func (p *Plan) CheckDimension(name string) error {
	if p.Dimension(name) == nil {
		return Problemf(dimensionHint(p), "unknown dimension %q", name)
	}
	return nil
}
