package round

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
)

// Range is a group of columns [Lo, Hi): a quarter, a half, the year.
type Range struct{ Lo, Hi int }

// Grains returns the halves (H1, H2) and quarters (Q1…Q4) of a fiscal year
// whose twelve months are the columns from first on, as groups for Split and
// Solve.
func Grains(first int) []Range {
	g := []Range{{first, first + 6}, {first + 6, first + 12}}
	for q := range 4 {
		g = append(g, Range{first + 3*q, first + 3*q + 3})
	}
	return g
}

// Matrix is a block of arbitrary exact values to round.
type Matrix struct {
	// Cols is the number of columns.
	Cols int
	// Totals are the rows' whole totals; each must equal its row's exact sum.
	Totals []int64
	// Exact holds the non-negative exact cell values, row-major,
	// len(Totals) × Cols.
	Exact []*big.Rat
	// Groups are laminar column ranges every row is rounded within one unit
	// over (quarters, halves).
	Groups []Range
	// Parent, when not nil, is the tree over the rows: indexes 0…len(Totals)-1
	// are the rows, len(Totals)… the nodes above them; Parent[k] is the index
	// of k's node (≥ len(Totals)) or -1. Every node's column sums are rounded
	// within one unit of the sums of its rows' exact values (exact when whole).
	// Without a tree the rows are rounded each on its own (rows and groups).
	Parent []int
	// NodeCols, when not nil, pins the tree's nodes' column sums: node k's
	// (index len(Totals)+k) column j must add up to NodeCols[k×Cols+j], in
	// place of the floor or the ceiling of its exact sum (a parent's cells
	// already rounded, whose children are rounded by their own exact values).
	// Such a rounding need not exist: Solve then fails with ErrInconsistent.
	NodeCols []int64
}

// ErrInconsistent wraps every error the solver returns: the input was not a
// rounding problem (totals that are not the exact sums, negative values,
// groups that are not laminar, a tree with a cycle).
var ErrInconsistent = errors.New("round: inconsistent input")

func inconsistent(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInconsistent}, args...)...)
}

// Solver rounds blocks; its scratch space is reused from one call to the next.
// The zero value is ready to use; a Solver must not be used by two goroutines
// at once.
type Solver struct {
	p   problem
	lm  laminar
	f   flow
	sc  scaled
	fr  fractions
	cls classes
	// rank-one scratch
	w     []uint64
	w2    []uint64
	parts []int64
	rems  []uint64
	order []int
}

// Split rounds the rank-one block whose cell (i, j) has the exact value
// rows[i] × cols[j] / T, T = Σ rows = Σ cols, into out (row-major,
// len(rows) × len(cols)): rows add up to rows, columns to cols, every
// row × group within one unit. It fails only when the inputs are negative or
// the two sums differ.
func (s *Solver) Split(out []int64, rows, cols []int64, groups []Range) error {
	R, C := len(rows), len(cols)
	if len(out) != R*C {
		return inconsistent("out has %d cells, want %d", len(out), R*C)
	}
	var total, colSum uint64
	for _, r := range rows {
		if r < 0 {
			return inconsistent("negative row total %d", r)
		}
		total += uint64(r)
	}
	for _, c := range cols {
		if c < 0 {
			return inconsistent("negative column total %d", c)
		}
		colSum += uint64(c)
	}
	if total != colSum {
		return inconsistent("rows add up to %d but columns to %d", total, colSum)
	}
	if total == 0 || R == 0 {
		clear(out)
		return nil
	}
	if C == 1 {
		copy(out, rows)
		return nil
	}
	if R == 1 {
		copy(out, cols)
		return nil
	}
	if err := s.lm.build(groups, C); err != nil {
		return err
	}
	p := &s.p
	p.reset(R, C, len(s.lm.gs), 1)
	p.lm = &s.lm
	p.order = append(p.order[:0], 0)
	for i := range R {
		p.parent[i] = R
	}
	p.parent[R] = -1
	copy(p.nodeLo, cols)
	// group weights: the column totals summed over each group
	G := len(s.lm.gs)
	s.w = grow(s.w, C+G)
	cw, gw := s.w[:C], s.w[C:]
	for j, c := range cols {
		cw[j] = uint64(c)
	}
	for g, r := range s.lm.gs {
		var sum uint64
		for _, c := range cols[r.Lo:r.Hi] {
			sum += uint64(c)
		}
		gw[g] = sum
	}
	for i, r := range rows {
		ru := uint64(r)
		base := i * C
		for j := range C {
			q, rem := mulDiv(ru, cw[j], total)
			p.cellLo[base+j] = int64(q)
			p.cellFrac[base+j] = rem != 0
		}
		for g := range G {
			q, rem := mulDiv(ru, gw[g], total)
			p.grpLo[i*G+g] = int64(q)
			p.grpFrac[i*G+g] = rem != 0
		}
		p.total[i] = r
		if i > 0 && r == rows[i-1] {
			copy(p.own[base:base+C], p.own[base-C:base])
			continue
		}
		s.ownU64(p.own[base:base+C], r, cw, gw)
	}
	return s.f.solve(p, out)
}

// ownU64 spreads amount over the row's steps by the largest remainder method
// on 64-bit weights, then each innermost group over its columns.
func (s *Solver) ownU64(own []int64, amount int64, cw, gw []uint64) {
	top := s.lm.steps[0]
	s.w2 = grow(s.w2, len(top))
	s.parts = grow(s.parts, len(top))
	for k, it := range top {
		if it.group {
			s.w2[k] = gw[it.idx]
		} else {
			s.w2[k] = cw[it.idx]
		}
	}
	apportionU64(s.parts, amount, s.w2, &s.rems, &s.order)
	for k, it := range top {
		if !it.group {
			own[it.idx] = s.parts[k]
			continue
		}
		r := s.lm.gs[it.idx]
		apportionU64(own[r.Lo:r.Hi], s.parts[k], cw[r.Lo:r.Hi], &s.rems, &s.order)
	}
}

// Solve rounds an arbitrary exact matrix into out (row-major,
// len(m.Totals) × m.Cols). It fails only on inconsistent input (or, with
// NodeCols, when no rounding meets the pinned sums).
func (s *Solver) Solve(out []int64, m *Matrix) error {
	return s.solve(out, m, true)
}

// solve is Solve; with scaledOK it first tries the block on one common
// denominator (fillScaled), else and when that does not apply it works on the
// exact rationals cell by cell (fillRat). Both give the same problem.
func (s *Solver) solve(out []int64, m *Matrix, scaledOK bool) error {
	if done, err := s.prepare(out, m); done || err != nil {
		return err
	}
	if !scaledOK || !s.fillScaled(m) {
		if err := s.fillRat(m); err != nil {
			return err
		}
	}
	if m.NodeCols != nil {
		p := &s.p
		if len(m.NodeCols) != p.N*p.C {
			return inconsistent("%d pinned node sums for %d nodes × %d columns", len(m.NodeCols), p.N, p.C)
		}
		copy(p.nodeLo, m.NodeCols)
		clear(p.nodeFrac[:p.N*p.C])
	}
	return s.f.solve(&s.p, out)
}

// prepare checks a matrix's shape, groups and tree and sets up the problem;
// done reports an empty block (nothing to round).
func (s *Solver) prepare(out []int64, m *Matrix) (done bool, err error) {
	R, C := len(m.Totals), m.Cols
	if C < 0 || len(m.Exact) != R*C {
		return false, inconsistent("%d exact values for %d rows × %d columns", len(m.Exact), R, C)
	}
	return s.setup(out, R, C, m.Groups, m.Parent)
}

// setup checks a block's shape, groups and tree (parent) and sets up the
// problem; done reports an empty block (nothing to round).
func (s *Solver) setup(out []int64, R, C int, groups []Range, parent []int) (done bool, err error) {
	if len(out) != R*C {
		return false, inconsistent("out has %d cells, want %d", len(out), R*C)
	}
	if R == 0 || C == 0 {
		return true, nil
	}
	if err := s.lm.build(groups, C); err != nil {
		return false, err
	}
	N := 0
	if parent != nil {
		if len(parent) < R {
			return false, inconsistent("tree has %d entries for %d rows", len(parent), R)
		}
		N = len(parent) - R
	}
	G := len(s.lm.gs)
	p := &s.p
	p.reset(R, C, G, N)
	p.lm = &s.lm
	p.order = p.order[:0]
	if parent == nil {
		for i := range R {
			p.parent[i] = -1
		}
	} else {
		for k, q := range parent {
			if q != -1 && (q < R || q >= R+N || q == k) {
				return false, inconsistent("tree entry %d has parent %d", k, q)
			}
			p.parent[k] = q
		}
		if err := p.checkTree(); err != nil {
			return false, err
		}
	}
	return false, nil
}

// fillRat fills the prepared problem from the exact values, rational by
// rational, and checks them.
func (s *Solver) fillRat(m *Matrix) error {
	p := &s.p
	R, C, G, N := p.R, p.C, p.G, p.N
	zero := new(big.Rat)
	nodeSum := make([]*big.Rat, N*C)
	for k := range nodeSum {
		nodeSum[k] = new(big.Rat)
	}
	gsum := make([]*big.Rat, G)
	for g := range gsum {
		gsum[g] = new(big.Rat)
	}
	sum := new(big.Rat)
	var lo int64
	var frac bool
	for i := range R {
		row := m.Exact[i*C : (i+1)*C]
		sum.SetInt64(0)
		for j, x := range row {
			if x == nil {
				x = zero
			}
			if x.Sign() < 0 {
				return inconsistent("row %d column %d is negative", i, j)
			}
			sum.Add(sum, x)
			if lo, frac = floorRat(x); lo < 0 {
				return inconsistent("row %d column %d is too large", i, j)
			}
			p.cellLo[i*C+j], p.cellFrac[i*C+j] = lo, frac
			if q := p.parent[i]; q >= 0 {
				nodeSum[(q-R)*C+j].Add(nodeSum[(q-R)*C+j], x)
			}
		}
		if t := m.Totals[i]; t < 0 || !sum.IsInt() || sum.Num().Cmp(big.NewInt(t)) != 0 {
			return inconsistent("row %d adds up to %s, not its total %d", i, sum.RatString(), t)
		}
		p.total[i] = m.Totals[i]
		for g, r := range s.lm.gs {
			gsum[g].SetInt64(0)
			for _, x := range row[r.Lo:r.Hi] {
				if x != nil {
					gsum[g].Add(gsum[g], x)
				}
			}
			p.grpLo[i*G+g], p.grpFrac[i*G+g] = floorRat(gsum[g])
		}
		s.ownRat(p.own[i*C:(i+1)*C], m.Totals[i], -1, row, gsum)
	}
	// node sums up the tree, deepest nodes first
	if N > 0 {
		p.nodeOrder()
	}
	for _, k := range p.order {
		q := p.parent[R+k]
		for j := range C {
			x := nodeSum[k*C+j]
			p.nodeLo[k*C+j], p.nodeFrac[k*C+j] = floorRat(x)
			if q >= 0 {
				nodeSum[(q-R)*C+j].Add(nodeSum[(q-R)*C+j], x)
			}
		}
	}
	return nil
}

// ownRat is ownU64 on exact rational weights.
func (s *Solver) ownRat(own []int64, amount int64, g int, row, gsum []*big.Rat) {
	items := s.lm.steps[g+1]
	ws := make([]*big.Rat, len(items))
	for k, it := range items {
		if it.group {
			ws[k] = gsum[it.idx]
		} else if ws[k] = row[it.idx]; ws[k] == nil {
			ws[k] = new(big.Rat)
		}
	}
	parts := apportionRat(amount, ws)
	for k, it := range items {
		if it.group {
			s.ownRat(own, parts[k], it.idx, row, gsum)
		} else {
			own[it.idx] = parts[k]
		}
	}
}

// floorRat returns the floor of a non-negative x and whether x has a
// fraction; the floor is -1 when it does not fit in 63 bits.
func floorRat(x *big.Rat) (int64, bool) {
	if x.IsInt() {
		if !x.Num().IsInt64() {
			return -1, false
		}
		return x.Num().Int64(), false
	}
	q := new(big.Int).Quo(x.Num(), x.Denom())
	if !q.IsInt64() {
		return -1, true
	}
	return q.Int64(), true
}

func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// laminar is a validated family of column groups, sorted so that a group comes
// after the groups that contain it, with each container's items (sub-groups
// and loose columns) in column order.
type laminar struct {
	gs     []Range
	inner  []int32  // per column: the innermost group holding it, or -1
	gpar   []int32  // per group: the innermost group holding it, or -1
	items  [][]item // per container (0: the row, g+1: group g)
	steps  [][]item // the own rounding's steps: 0: the row, g+1: innermost group g
	cols   int
	groups []Range // the groups the family was built from
}

type item struct {
	group bool
	idx   int
}

func (l *laminar) build(groups []Range, cols int) error {
	if l.cols == cols && slices.Equal(l.groups, groups) && l.items != nil {
		return nil
	}
	l.groups = append(l.groups[:0], groups...)
	l.cols = cols
	gs := make([]Range, 0, len(groups))
	for _, r := range groups {
		if r.Lo < 0 || r.Hi > cols || r.Lo >= r.Hi {
			l.items = nil
			return inconsistent("group [%d, %d) outside the %d columns", r.Lo, r.Hi, cols)
		}
		gs = append(gs, r)
	}
	slices.SortFunc(gs, func(a, b Range) int {
		if a.Lo != b.Lo {
			return a.Lo - b.Lo
		}
		return b.Hi - a.Hi
	})
	gs = slices.Compact(gs)
	l.gs = gs
	l.gpar = make([]int32, len(gs))
	for g, r := range gs {
		l.gpar[g] = -1
		for h := g - 1; h >= 0; h-- {
			o := gs[h]
			if o.Lo <= r.Lo && r.Hi <= o.Hi {
				l.gpar[g] = int32(h)
				break
			}
			if o.Hi > r.Lo { // overlaps without containing
				l.items = nil
				return inconsistent("groups [%d, %d) and [%d, %d) overlap", o.Lo, o.Hi, r.Lo, r.Hi)
			}
		}
	}
	l.inner = make([]int32, cols)
	for j := range cols {
		l.inner[j] = -1
	}
	for g, r := range gs { // later groups are inner
		for j := r.Lo; j < r.Hi; j++ {
			l.inner[j] = int32(g)
		}
	}
	l.items = make([][]item, len(gs)+1)
	seen := make([]bool, len(gs))
	for j := range cols {
		g := int(l.inner[j])
		l.items[g+1] = append(l.items[g+1], item{idx: j})
		// the chain of groups starting at j, outermost first
		for h := g; h >= 0; h = int(l.gpar[h]) {
			if !seen[h] && gs[h].Lo == j {
				seen[h] = true
				par := int(l.gpar[h]) + 1 // a column of h's container comes later
				l.items[par] = append(l.items[par], item{group: true, idx: h})
			}
		}
	}
	l.steps = make([][]item, len(gs)+1)
	hasInner := make([]bool, len(gs))
	for _, par := range l.gpar {
		if par >= 0 {
			hasInner[par] = true
		}
	}
	for j := range cols {
		g := int(l.inner[j])
		if g < 0 || hasInner[g] {
			l.steps[0] = append(l.steps[0], item{idx: j})
			continue
		}
		if gs[g].Lo == j {
			l.steps[0] = append(l.steps[0], item{group: true, idx: g})
		}
		l.steps[g+1] = append(l.steps[g+1], item{idx: j})
	}
	return nil
}
