package plan

import (
	"fmt"
	"slices"

	"github.com/planhq/plan/plan/round"
)

// Replan re-plans a breakdown whose plan sets year.closed (SPEC §13): every
// row's months up to the closed month become the base breakdown's cells for
// the same dimension and path (0 for a row the base does not have), and its
// later months carry its annual amount minus those closed cells, spread over
// the later months as §4 spreads a year: the top row by the new time split's
// later months, then every parent's later cells over its children as one
// controlled rounding per block, so that children add up to their parent in
// every month and every row adds up to its amount. A dimension with windows
// (start, end, ramp) shares the later months with availability instead, as
// SPEC §9 shares a year (peopleDimension): nobody gets anything outside their
// window.
//
// b and base must be splits of the same tier and metric. A dimension that the
// base does not have has nothing closed to keep: it is spread over the
// re-planned top row as a whole. The problems of §13 (a base row missing here,
// a row whose annual amount is below its closed cells, a base with another
// round or fiscal year) come back together as an *InvalidError.
func Replan(b, base *Breakdown) error {
	p := b.Plan
	closed := p.Year.Closed
	if !closed.Set {
		return nil
	}
	rp := &replanner{b: b, base: base, k: closed.Index, groups: laterGrains(closed.Index)}
	if !rp.compatible() {
		return &InvalidError{Diagnostics: rp.diags}
	}
	top := rp.topRow()
	for _, d := range b.Dimensions {
		rp.dimension(d, base.Dimension(d.Name), top)
	}
	for _, bd := range base.Dimensions {
		if b.Dimension(bd.Name) == nil {
			rp.missing(bd, bd.Roots, nil)
		}
	}
	if len(rp.diags) > 0 {
		// this plan's problems first, then the base's, each in file order
		slices.SortStableFunc(rp.diags, func(x, y Diagnostic) int {
			xBase, yBase := x.File != p.File, y.File != p.File
			switch {
			case xBase != yBase && yBase:
				return -1
			case xBase != yBase:
				return 1
			case less(x.Pos, y.Pos):
				return -1
			case less(y.Pos, x.Pos):
				return 1
			}
			return 0
		})
		return &InvalidError{Diagnostics: rp.diags}
	}
	b.Months = top
	b.weeks = nil
	return nil
}

// replanner carries the state and the problems of one Replan.
type replanner struct {
	b, base *Breakdown
	k       int // fiscal index of the closed month
	diags   Diagnostics
	solver  round.Solver
	groups  []round.Range // the halves and quarters cut to the later months
	out     []int64
}

// errorAt records a problem of the re-planned plan's file.
func (rp *replanner) errorAt(pos Pos, hint, format string, args ...any) {
	rp.diags = append(rp.diags, Diagnostic{File: rp.b.Plan.File, Pos: pos, Severity: Error,
		Msg: fmt.Sprintf(format, args...) + variantNote(rp.b.Tier, rp.b.Metric), Hint: hint})
}

// compatible checks that the base can lend its cells: the same unit and the
// same fiscal year.
func (rp *replanner) compatible() bool {
	b, base := rp.b, rp.base
	at := b.Plan.Base.Pos
	if b.Unit.Rat().Cmp(base.Unit.Rat()) != 0 {
		what := "round"
		if b.Metric != RevenueMetric {
			what = "the round of metric " + b.Metric
		}
		rp.errorAt(at, "re-plan with the base's round, or start a new plan without year.closed",
			"base %s has %s %s, this plan %s: its closed cells cannot be kept", b.Plan.Base, what, base.Unit, b.Unit)
	}
	if b.Calendar.Start != base.Calendar.Start {
		rp.errorAt(at, "a re-plan keeps the closed months of the same fiscal year",
			"base %s starts its year in %s, this plan in %s", b.Plan.Base, base.Calendar.Start, b.Calendar.Start)
	}
	return len(rp.diags) == 0
}

// topRow returns the re-planned time split: the base's months up to the
// closed one, then the new allocated amount minus them over the later months
// in proportion to the new time split's later months.
func (rp *replanner) topRow() []int64 {
	k, b := rp.k, rp.b
	top := make([]int64, 12)
	copy(top, rp.base.Months[:k+1])
	rest := b.Allocated - sum64s(top)
	if rest < 0 {
		rp.errorAt(b.Plan.TargetPos, "raise the target, or lower the reserve",
			"the allocated %s is below the %s already closed up to %s", b.Unit.Format(b.Allocated), b.Unit.Format(-rest+b.Allocated), b.Plan.Year.Closed.Month)
		return top
	}
	copy(top[k+1:], apportionCells(rest, b.Months[k+1:]))
	return top
}

// dimension re-plans one dimension's cells below the re-planned top row.
func (rp *replanner) dimension(d, bd *DimensionSplit, top []int64) {
	if bd == nil && rp.hasWindows(d) {
		// nothing closed: §9 over the whole re-planned top row
		rest := make([]int64, len(d.Rows))
		for _, r := range d.Rows {
			rest[r.Index] = r.Amount
		}
		clear(d.cells)
		rp.peopleDimension(d, top, rest, 0, round.Grains(0))
		rp.bind(d)
		return
	}
	if bd == nil {
		cells, err := spread(d, top, round.Grains(0))
		if err != nil {
			rp.errorAt(Pos{}, "", "dimension %s: %v", d.Name, err)
			return
		}
		d.cells = cells
		rp.bind(d)
		return
	}
	k := rp.k
	index := rowIndex(bd)
	rest := make([]int64, len(d.Rows)) // each row's amount after its closed months
	for _, r := range d.Rows {
		if br := index[r.PathString()]; br != nil {
			copy(d.cells[r.Index*12:r.Index*12+k+1], br.Months[:k+1])
		} else {
			clear(d.cells[r.Index*12 : r.Index*12+k+1])
		}
		closed := sum64s(d.cells[r.Index*12 : r.Index*12+k+1])
		rest[r.Index] = r.Amount - closed
		if rest[r.Index] < 0 {
			rp.belowClosed(r, closed)
		}
	}
	rp.missing(bd, bd.Roots, rowIndex(d))
	if len(rp.diags) > 0 {
		return
	}
	if rp.hasWindows(d) {
		rp.peopleDimension(d, top, rest, k+1, rp.groups)
		rp.bind(d)
		return
	}
	if err := rp.block(d, top[k+1:], d.Roots, rest); err != nil {
		rp.errorAt(Pos{}, "", "dimension %s: %v", d.Name, err)
		return
	}
	for _, r := range d.Rows {
		if r.Leaf() {
			continue
		}
		if err := rp.block(d, d.cells[r.Index*12+k+1:(r.Index+1)*12], r.Children, rest); err != nil {
			rp.errorAt(Pos{}, "", "%s: %v", r.PathString(), err)
			return
		}
	}
	rp.bind(d)
}

// bind points every row's Months at its cells.
func (rp *replanner) bind(d *DimensionSplit) {
	for _, r := range d.Rows {
		r.Months = d.cells[r.Index*12 : (r.Index+1)*12 : (r.Index+1)*12]
	}
}

// block spreads what the kids still carry (rest) over the parent's later
// cells: a controlled rounding whose rows add up to each kid's rest and whose
// columns add up to the parent's later cells (under over_assign, the kids'
// total split over them in proportion), every cell and every quarter and
// half of the later months within one unit of its proportional value. This
// is the one place the re-plan rounds.
func (rp *replanner) block(d *DimensionSplit, parentLater []int64, kids []*Row, rest []int64) error {
	k := rp.k
	n := 11 - k
	rows := make([]int64, len(kids))
	for i, c := range kids {
		rows[i] = rest[c.Index]
	}
	cols := blockColumns(parentLater, rows)
	rp.out = grow(rp.out, len(kids)*n)
	if err := rp.solver.Split(rp.out, rows, cols, rp.groups); err != nil {
		return err
	}
	for i, c := range kids {
		copy(d.cells[c.Index*12+k+1:(c.Index+1)*12], rp.out[i*n:(i+1)*n])
	}
	return nil
}

// belowClosed reports a row whose new annual amount is below its closed cells.
func (rp *replanner) belowClosed(r *Row, closed int64) {
	u := rp.b.Unit
	month := rp.b.Plan.Year.Closed.Month
	if r.IsReserve() {
		rp.errorAt(r.Parent.Node.Pos, "raise the reserve of "+r.Parent.PathString()+", or its amount",
			"the reserve of %s is %s, below the %s already closed up to %s", r.Parent.PathString(), u.Format(r.Amount), u.Format(closed), month)
		return
	}
	pos := r.Node.WeightPos
	if pos == (Pos{}) {
		pos = r.Node.Pos
	}
	rp.errorAt(pos, "raise its weight or amount to at least what is closed, or close an earlier month",
		"%s's annual amount %s is below the %s already closed up to %s", r.PathString(), u.Format(r.Amount), u.Format(closed), month)
}

// missing reports the base rows (and reserves) that this plan does not have,
// the highest only: a missing parent stands for its subtree. here indexes
// this plan's rows of the dimension (nil: the dimension is missing).
func (rp *replanner) missing(bd *DimensionSplit, rows []*Row, index map[string]*Row) {
	for _, r := range rows {
		if index[r.PathString()] != nil {
			rp.missing(bd, r.Children, index)
			continue
		}
		file := rp.base.Plan.File
		if r.IsReserve() {
			rp.diags = append(rp.diags, Diagnostic{File: file, Pos: r.Parent.Node.Pos, Severity: Error,
				Msg:  fmt.Sprintf("the reserve of %s in %s is in the base but not in this plan: its closed months would be lost", r.Parent.PathString(), bd.Name),
				Hint: "keep the reserve in this plan (its later months may be 0 with reserve: 0%)"})
			continue
		}
		rp.diags = append(rp.diags, Diagnostic{File: file, Pos: r.Node.Pos, Severity: Error,
			Msg:  fmt.Sprintf("%s of %s is in the base but not in this plan: its closed months would be lost", r.PathString(), bd.Name),
			Hint: "keep a leaver with end: (or with amount: its closed months) instead of deleting it"})
	}
}

// sum64s adds up int64 cells.
func sum64s(cells []int64) int64 {
	var s int64
	for _, c := range cells {
		s += c
	}
	return s
}

// laterGrains returns the halves and quarters of the year cut to the months
// after the closed month k, as ranges of those months (0 = the month after
// k): a quarter or half that the closed month cuts keeps its later part, whose
// sum is then within one unit of its exact value.
func laterGrains(k int) []round.Range {
	var out []round.Range
	for _, g := range round.Grains(0) {
		r := round.Range{Lo: max(g.Lo, k+1) - (k + 1), Hi: g.Hi - (k + 1)}
		if r.Hi-r.Lo < 2 || slices.Contains(out, r) {
			continue // a single month is a cell already
		}
		out = append(out, r)
	}
	return out
}

// rowIndex maps every row of a dimension by its path.
func rowIndex(d *DimensionSplit) map[string]*Row {
	m := make(map[string]*Row, len(d.Rows))
	for _, r := range d.Rows {
		m[r.PathString()] = r
	}
	return m
}
