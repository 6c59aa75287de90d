package plan

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/planhq/plan/plan/round"
)

// spreadDimension splits a dimension's rows over the months: as v1 (spread)
// when no node of it declares start, end or ramp, else month by month with
// availability (SPEC §9, spreadPeople).
func (e *engine) spreadDimension(b *Breakdown, d *DimensionSplit) ([]int64, error) {
	dim := e.p.Dimension(d.Name)
	if dim == nil || !dim.HasPeople() {
		return spread(d, b.Months, round.Grains(0))
	}
	return e.spreadPeople(b, d, e.p.AvailabilityAll(dim))
}

// spreadPeople splits a dimension with availability (SPEC §9), top down: each
// parent's month cells are shared among its children month by month — fixed
// children (and a reserve row, available all year) spread over their active
// months, the rest by weight × availability — and the block is rounded as one
// controlled rounding (roundPeopleBlock). A parent's amount comes out of its
// own parent's block, so its children's amounts are worked out again from it.
func (e *engine) spreadPeople(b *Breakdown, d *DimensionSplit, avail map[*Node][12]*big.Rat) ([]int64, error) {
	cells := make([]int64, len(d.Rows)*12)
	var s round.Solver
	revenue := b.Metric == RevenueMetric
	if err := e.peopleBlock(&s, b, nil, b.Allocated, b.Months, d.Roots, avail, cells); err != nil {
		return nil, err
	}
	for _, r := range d.Rows {
		if r.Leaf() {
			continue
		}
		n := r.Node
		reserve := halfUp(r.Amount, n.Reserve)
		shared := e.overAssigned(n, r.Amount-reserve, b.Unit)
		kids := r.Children
		if n.Reserve != nil {
			kids[len(kids)-1].Amount = reserve
		}
		fixedAmounts(kids, shared, b.Unit, revenue)
		if err := e.peopleBlock(&s, b, r, shared+reserve, cells[r.Index*12:(r.Index+1)*12], kids, avail, cells); err != nil {
			return nil, err
		}
	}
	return cells, nil
}

// fixedAmounts sets the amounts of the fixed children among kids for what
// their parent shares out: the amount written (revenue), or for an extra
// metric their share of it by the largest remainder, as v1 does.
func fixedAmounts(kids []*Row, shared int64, u Unit, revenue bool) {
	var ws []*big.Rat
	for _, k := range kids {
		if !k.IsReserve() {
			ws = append(ws, k.Share)
		}
	}
	parts := Apportion(shared, ws)
	i := 0
	for _, k := range kids {
		if k.IsReserve() {
			continue
		}
		if k.Node.Kind == Fixed {
			if revenue {
				k.Amount, _ = u.Count(k.Node.Amount)
			} else {
				k.Amount = parts[i]
			}
		}
		i++
	}
}

// isFixed reports whether a row keeps its amount through a people block: a
// fixed child or a reserve row.
func isFixed(r *Row) bool { return r.IsReserve() || r.Node.Kind == Fixed }

// peopleBlock shares a parent's cells (total units over the months: the
// parent's cells, or under over_assign its children's total spread like them)
// among its kids with availability, and rounds the block into cells. Every
// kid's month cells and every weighted kid's amount and share come out of it.
//
// The exact values are those of SPEC §9. A weighted kid's exact year e is
// rarely whole, so the block gets one more column: ⌈e⌉ − e, whose cell (0 or
// 1) takes back the unit of a kid that rounds down. Its column sum is whole
// (what the parent shares out is), and the block's parent is the one tree
// node, so every month of the parent is exact and every kid's year is the
// floor or the ceiling of its exact share.
func (e *engine) peopleBlock(s *round.Solver, b *Breakdown, parent *Row, total int64, pcells []int64, kids []*Row, avail map[*Node][12]*big.Rat, cells []int64) error {
	if len(kids) == 0 {
		return nil
	}
	cols := blockColumns(pcells, []int64{total})
	exact, ok := e.peopleExact(parent, cols, kids, avail, b.Unit)
	if !ok {
		return nil // reported; Split stops after the walk
	}
	const C = 13
	R := len(kids)
	m := &round.Matrix{Cols: C, Totals: make([]int64, R), Exact: make([]*big.Rat, R*C), Groups: round.Grains(0), Parent: make([]int, R+1)}
	years := make([]*big.Rat, R)
	for i := range kids {
		m.Parent[i] = R
		y := new(big.Rat)
		for j := range 12 {
			m.Exact[i*C+j] = exact[i][j]
			y.Add(y, exact[i][j])
		}
		years[i] = y
		up := ceilRat(y)
		m.Totals[i] = up
		m.Exact[i*C+12] = new(big.Rat).Sub(new(big.Rat).SetInt64(up), y)
	}
	m.Parent[R] = -1
	out := make([]int64, R*C)
	if err := s.Solve(out, m); err != nil {
		return fmt.Errorf("people split of %s: %w", blockName(parent), err)
	}
	shared := total // what the weighted and fixed kids share, the reserve row left out
	for _, k := range kids {
		if k.IsReserve() {
			shared -= k.Amount
		}
	}
	for i, k := range kids {
		k.Amount = m.Totals[i] - out[i*C+12]
		copy(cells[k.Index*12:(k.Index+1)*12], out[i*C:i*C+12])
		switch {
		case shared <= 0 || k.IsReserve():
		case isFixed(k):
			k.Share = big.NewRat(k.Amount, shared)
		default:
			k.Share = new(big.Rat).Quo(years[i], big.NewRat(shared, 1))
		}
	}
	return nil
}

// peopleExact returns the exact month values of a block (SPEC §9): a fixed kid
// k (or the reserve row, available all year) takes Aₖ × Cₘ·aₖₘ / Σₙ Cₙ·aₖₙ;
// what is left in month m goes to the other kids by weight × availability.
// It reports a month with something left and no active kid to carry it, and
// fixed kids whose spread is above the month's cell.
func (e *engine) peopleExact(parent *Row, cols []int64, kids []*Row, avail map[*Node][12]*big.Rat, u Unit) ([][12]*big.Rat, bool) {
	R := len(kids)
	exact := make([][12]*big.Rat, R)
	left := make([]*big.Rat, 12)
	for m := range 12 {
		left[m] = new(big.Rat).SetInt64(cols[m])
	}
	a := func(k *Row, m int) *big.Rat {
		if k.IsReserve() {
			return ratOne
		}
		return avail[k.Node][m]
	}
	ok := true
	where, pos := blockName(parent), Pos{}
	if parent != nil {
		pos = parent.Node.Pos
	} else if len(kids) > 0 && !kids[0].IsReserve() {
		pos = e.p.Dimension(dimensionOf(e.p, kids[0].Node)).Pos
	}
	for i, k := range kids {
		if !isFixed(k) {
			continue
		}
		den := new(big.Rat)
		for m := range 12 {
			den.Add(den, new(big.Rat).Mul(new(big.Rat).SetInt64(cols[m]), a(k, m)))
		}
		for m := range 12 {
			exact[i][m] = new(big.Rat)
			if den.Sign() == 0 {
				continue
			}
			x := new(big.Rat).Mul(new(big.Rat).SetInt64(k.Amount*cols[m]), a(k, m))
			exact[i][m] = x.Quo(x, den)
			left[m].Sub(left[m], exact[i][m])
		}
		if den.Sign() == 0 && k.Amount > 0 {
			e.errorAt(k.Node.WeightPos, "give "+k.Node.Name+" a window in which "+where+" has something to share, or remove its amount",
				"%s has a fixed amount of %s but no active month in which %s has anything to share", k.Node.Name, u.Format(k.Amount), where)
			ok = false
		}
	}
	weights := peopleWeights(kids)
	var over, idle []int // months where fixed kids take too much, months nobody carries
	idleSum := new(big.Rat)
	for m := range 12 {
		if left[m].Sign() < 0 {
			over = append(over, m)
			continue
		}
		sum := new(big.Rat)
		for i, k := range kids {
			if weights[i] != nil {
				sum.Add(sum, new(big.Rat).Mul(weights[i], a(k, m)))
			}
		}
		if left[m].Sign() > 0 && sum.Sign() == 0 {
			idle = append(idle, m)
			idleSum.Add(idleSum, left[m])
			continue
		}
		for i, k := range kids {
			if weights[i] == nil {
				continue
			}
			x := new(big.Rat)
			if sum.Sign() > 0 {
				x.Mul(left[m], new(big.Rat).Mul(weights[i], a(k, m)))
				x.Quo(x, sum)
			}
			exact[i][m] = x
		}
	}
	if len(over) > 0 {
		e.errorAt(pos, "lower the fixed amounts, or widen their windows so that they spread over more months",
			"in %s the fixed amounts among the children of %s take more than %s has", e.monthList(over), where, where)
		ok = false
	}
	if len(idle) > 0 {
		e.errorAt(pos, "give someone a window that covers "+e.monthList(idle)+", or lower those months",
			"in %s %s has %s to share but no active child to carry it", e.monthList(idle), where, FormatRat(new(big.Rat).Mul(idleSum, u.Rat()), 2))
		ok = false
	}
	return exact, ok
}

// peopleWeights returns the weights of the kids that share what the fixed
// ones leave (nil for fixed kids and the reserve row): their weight, history
// basis, or 1 when none; all 1 when every weight is zero, as v1 shares.
func peopleWeights(kids []*Row) []*big.Rat {
	ws := make([]*big.Rat, len(kids))
	any := false
	for i, k := range kids {
		if isFixed(k) {
			continue
		}
		switch k.Node.Kind {
		case Percent, Factor:
			ws[i] = k.Node.Weight
		case History:
			ws[i] = HistoryBasis(k.Node)
		default:
			ws[i] = ratOne
		}
		any = any || ws[i].Sign() > 0
	}
	if !any {
		for i := range ws {
			if ws[i] != nil {
				ws[i] = ratOne
			}
		}
	}
	return ws
}

// dimensionOf returns the name of the dimension that holds node n.
func dimensionOf(p *Plan, n *Node) string {
	for _, d := range p.Dimensions {
		if _, ok := findPath(d.Roots, n); ok {
			return d.Name
		}
	}
	return ""
}

func blockName(parent *Row) string {
	if parent == nil {
		return "the plan"
	}
	return parent.Node.Name
}

// ceilRat returns the ceiling of a non-negative rational.
func ceilRat(x *big.Rat) int64 {
	q, r := new(big.Int).QuoRem(x.Num(), x.Denom(), new(big.Int))
	if r.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return q.Int64()
}

// monthList names fiscal months (indexes, ascending) as labels, runs of
// consecutive months as ranges: "2027-01..2027-06, 2027-09".
func (e *engine) monthList(ms []int) string {
	var parts []string
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1] == ms[j]+1 {
			j++
		}
		first := e.p.Year.Start.Add(ms[i]).String()
		if j > i {
			first += ".." + e.p.Year.Start.Add(ms[j]).String()
		}
		parts = append(parts, first)
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
