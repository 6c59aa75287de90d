package round

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// block is a test problem in exact form, whatever entry point solves it.
type block struct {
	m Matrix
}

func (b *block) val(i, j int) *big.Rat {
	if x := b.m.Exact[i*b.m.Cols+j]; x != nil {
		return x
	}
	return new(big.Rat)
}

// within reports whether whole v is the floor or the ceiling of x (x itself
// when x is whole).
func within(v int64, x *big.Rat) bool {
	d := new(big.Rat).Sub(new(big.Rat).SetInt64(v), x)
	if x.IsInt() {
		return d.Sign() == 0
	}
	return d.Cmp(big.NewRat(-1, 1)) > 0 && d.Cmp(big.NewRat(1, 1)) < 0
}

// violations lists every rule out breaks.
func (b *block) violations(out []int64) []string {
	m := &b.m
	R, C := len(m.Totals), m.Cols
	var bad []string
	N := 0
	if m.Parent != nil {
		N = len(m.Parent) - R
	}
	nodeX := make([]*big.Rat, N*C)
	nodeV := make([]int64, N*C)
	for k := range nodeX {
		nodeX[k] = new(big.Rat)
	}
	for i := range R {
		var sum int64
		for j := range C {
			v := out[i*C+j]
			sum += v
			if !within(v, b.val(i, j)) {
				bad = append(bad, fmt.Sprintf("cell %d,%d = %d, exact %s", i, j, v, b.val(i, j).RatString()))
			}
			// up the tree
			for q := parentOf(m, i); q >= 0; q = parentOf(m, q) {
				nodeX[(q-R)*C+j].Add(nodeX[(q-R)*C+j], b.val(i, j))
				nodeV[(q-R)*C+j] += v
			}
		}
		if sum != m.Totals[i] {
			bad = append(bad, fmt.Sprintf("row %d adds up to %d, not %d", i, sum, m.Totals[i]))
		}
		for _, g := range m.Groups {
			x := new(big.Rat)
			var v int64
			for j := g.Lo; j < g.Hi; j++ {
				x.Add(x, b.val(i, j))
				v += out[i*C+j]
			}
			if !within(v, x) {
				bad = append(bad, fmt.Sprintf("row %d group %v = %d, exact %s", i, g, v, x.RatString()))
			}
		}
	}
	for k := range nodeX {
		if !within(nodeV[k], nodeX[k]) {
			bad = append(bad, fmt.Sprintf("node %d column %d = %d, exact %s", R+k/C, k%C, nodeV[k], nodeX[k].RatString()))
		}
	}
	return bad
}

func parentOf(m *Matrix, k int) int {
	if m.Parent == nil {
		return -1
	}
	return m.Parent[k]
}

// cost counts the cells of out that differ from own.
func cost(out, own []int64) int {
	n := 0
	for k := range out {
		if out[k] != own[k] {
			n++
		}
	}
	return n
}

// ownOf returns every row's own rounding, computed the slow, obvious way:
// the row's total over its innermost groups and the columns outside them,
// then each innermost group over its columns, by the largest remainder.
func (b *block) ownOf() []int64 {
	m := &b.m
	R, C := len(m.Totals), m.Cols
	var l laminar
	if err := l.build(m.Groups, C); err != nil {
		panic(err)
	}
	own := make([]int64, R*C)
	innermost := func(j int) (Range, bool) {
		var best Range
		found := false
		for _, g := range m.Groups {
			if g.Lo <= j && j < g.Hi && (!found || g.Hi-g.Lo < best.Hi-best.Lo) {
				best, found = g, true
			}
		}
		if !found {
			return best, false
		}
		for _, g := range m.Groups { // a group inside it: not innermost
			if best.Lo <= g.Lo && g.Hi <= best.Hi && g != best {
				return best, false
			}
		}
		return best, true
	}
	for i := range R {
		var pieces []Range
		for j := 0; j < C; {
			g, ok := innermost(j)
			if !ok {
				g = Range{j, j + 1}
			}
			pieces = append(pieces, g)
			j = g.Hi
		}
		sum := func(g Range) *big.Rat {
			x := new(big.Rat)
			for j := g.Lo; j < g.Hi; j++ {
				x.Add(x, b.val(i, j))
			}
			return x
		}
		var ws []*big.Rat
		for _, g := range pieces {
			ws = append(ws, sum(g))
		}
		for k, a := range bruteLR(m.Totals[i], ws) {
			g := pieces[k]
			var cw []*big.Rat
			for j := g.Lo; j < g.Hi; j++ {
				cw = append(cw, b.val(i, j))
			}
			copy(own[i*C+g.Lo:i*C+g.Hi], bruteLR(a, cw))
		}
	}
	return own
}

// bruteLR is the largest remainder method written the slow, obvious way.
func bruteLR(amount int64, ws []*big.Rat) []int64 {
	sum := new(big.Rat)
	for _, w := range ws {
		sum.Add(sum, w)
	}
	out := make([]int64, len(ws))
	if sum.Sign() == 0 {
		for k := range out {
			out[k] = amount / int64(len(ws))
			if int64(k) < amount%int64(len(ws)) {
				out[k]++
			}
		}
		return out
	}
	rem := make([]*big.Rat, len(ws))
	left := amount
	for k, w := range ws {
		x := new(big.Rat).Mul(new(big.Rat).SetInt64(amount), w)
		x.Quo(x, sum)
		f := new(big.Int).Quo(x.Num(), x.Denom())
		out[k] = f.Int64()
		rem[k] = new(big.Rat).Sub(x, new(big.Rat).SetInt(f))
		left -= out[k]
	}
	for ; left > 0; left-- {
		best := -1
		for k := range ws {
			if rem[k] != nil && (best < 0 || rem[k].Cmp(rem[best]) > 0) {
				best = k
			}
		}
		out[best]++
		rem[best] = nil
	}
	return out
}

// bruteMin returns the least cost of a rounding that obeys every rule, by
// trying every floor/ceiling choice of the cells with a fraction; -1 when
// none does (never, for consistent input). ok is false when the block has
// too many such cells to try.
func (b *block) bruteMin(own []int64) (best int, ok bool) {
	m := &b.m
	R, C := len(m.Totals), m.Cols
	base := make([]int64, R*C)
	var free []int
	for i := range R {
		for j := range C {
			x := b.val(i, j)
			f := new(big.Int).Quo(x.Num(), x.Denom())
			base[i*C+j] = f.Int64()
			if !x.IsInt() {
				free = append(free, i*C+j)
			}
		}
	}
	if len(free) > 14 {
		return 0, false
	}
	cons := b.constraints()
	best = -1
	out := make([]int64, R*C)
next:
	for mask := 0; mask < 1<<len(free); mask++ {
		copy(out, base)
		for k, c := range free {
			if mask>>k&1 == 1 {
				out[c]++
			}
		}
		for _, c := range cons {
			var v int64
			for _, k := range c.cells {
				v += out[k]
			}
			if v < c.lo || v > c.lo+b2i(c.frac) {
				continue next
			}
		}
		if c := cost(out, own); best < 0 || c < best {
			best = c
		}
	}
	return best, true
}

// randomBlock builds an arbitrary block: rows of random rationals over a
// random denominator, each row topped up to a whole total; some rows are
// rank-one (a reserve or fixed row spread like the parent), some cells zero,
// some whole.
func randomBlock(r *rand.Rand, R, C int) *block {
	b := &block{m: Matrix{Cols: C, Totals: make([]int64, R), Exact: make([]*big.Rat, R*C)}}
	colW := make([]int64, C)
	for j := range colW {
		colW[j] = r.Int64N(5)
	}
	for i := range R {
		den := int64(1 + r.IntN(12))
		sum := new(big.Rat)
		rankOne := r.IntN(3) == 0
		var amount int64
		if rankOne {
			amount = r.Int64N(30)
		}
		var cw int64
		for _, w := range colW {
			cw += w
		}
		for j := range C {
			var x *big.Rat
			switch {
			case rankOne && cw > 0:
				x = big.NewRat(amount*colW[j], cw)
			case rankOne:
				x = big.NewRat(amount, int64(C))
			case r.IntN(5) == 0:
				x = new(big.Rat)
			default:
				x = big.NewRat(r.Int64N(4*den), den)
			}
			b.m.Exact[i*C+j] = x
			sum.Add(sum, x)
		}
		// top up to a whole total on one cell
		f := new(big.Int).Quo(sum.Num(), sum.Denom())
		if !sum.IsInt() {
			gap := new(big.Rat).Sub(new(big.Rat).SetInt(new(big.Int).Add(f, big.NewInt(1))), sum)
			j := r.IntN(C)
			b.m.Exact[i*C+j] = new(big.Rat).Add(b.m.Exact[i*C+j], gap)
			f.Add(f, big.NewInt(1))
		}
		b.m.Totals[i] = f.Int64()
	}
	return b
}

// randomTree gives the rows of b a random tree of up to nodes nodes.
func randomTree(r *rand.Rand, b *block, nodes int) {
	R := len(b.m.Totals)
	N := 1 + r.IntN(nodes)
	b.m.Parent = make([]int, R+N)
	for k := range N {
		if k == 0 || r.IntN(4) == 0 {
			b.m.Parent[R+k] = -1
		} else {
			b.m.Parent[R+k] = R + r.IntN(k) // an earlier node: no cycle
		}
	}
	for i := range R {
		b.m.Parent[i] = R + r.IntN(N)
		if r.IntN(8) == 0 {
			b.m.Parent[i] = -1
		}
	}
}

func randomGroups(r *rand.Rand, C int) []Range {
	switch {
	case C >= 13 && r.IntN(2) == 0:
		return Grains(1) // a before column, then the year
	case C >= 12:
		return Grains(0)
	}
	var gs []Range
	for lo := 0; lo < C; {
		w := 1 + r.IntN(3)
		if lo+w > C {
			w = C - lo
		}
		if w > 1 && r.IntN(3) > 0 {
			gs = append(gs, Range{lo, lo + w})
		}
		lo += w
	}
	if len(gs) >= 2 && gs[0].Lo == 0 && r.IntN(2) == 0 {
		gs = append(gs, Range{0, gs[1].Hi}) // an outer group around the first two
	}
	return gs
}

func TestRandomArbitraryBlocksBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var s Solver
	tried := 0
	for n := range 3000 {
		R, C := 1+r.IntN(4), 1+r.IntN(5)
		b := randomBlock(r, R, C)
		b.m.Groups = randomGroups(r, C)
		if r.IntN(4) > 0 {
			randomTree(r, b, 3)
		}
		out := make([]int64, R*C)
		if err := s.Solve(out, &b.m); err != nil {
			t.Fatalf("block %d: %v", n, err)
		}
		if bad := b.violations(out); len(bad) > 0 {
			t.Fatalf("block %d %+v: %v -> %v", n, b.m, out, bad)
		}
		own := b.ownOf()
		best, ok := b.bruteMin(own)
		if !ok {
			continue
		}
		tried++
		if got := cost(out, own); got != best {
			t.Fatalf("block %d: %d cells moved, the least is %d (out %v own %v)", n, got, best, out, own)
		}
	}
	if tried < 1000 {
		t.Fatalf("only %d blocks brute-forced", tried)
	}
}

// constraint is one rule in integer form: the cells' sum lies in
// [lo, lo+1] when frac, else equals lo.
type constraint struct {
	cells []int
	lo    int64
	frac  bool
}

// constraints lists every rule of b: rows, cells, row × group, node × column.
func (b *block) constraints() []constraint {
	m := &b.m
	R, C := len(m.Totals), m.Cols
	var out []constraint
	add := func(cells []int) {
		x := new(big.Rat)
		for _, k := range cells {
			x.Add(x, b.val(k/C, k%C))
		}
		f := new(big.Int).Quo(x.Num(), x.Denom())
		out = append(out, constraint{cells: cells, lo: f.Int64(), frac: !x.IsInt()})
	}
	for i := range R {
		var row []int
		for j := range C {
			row = append(row, i*C+j)
			add([]int{i*C + j})
		}
		add(row)
		for _, g := range m.Groups {
			var cells []int
			for j := g.Lo; j < g.Hi; j++ {
				cells = append(cells, i*C+j)
			}
			add(cells)
		}
	}
	if m.Parent != nil {
		for k := R; k < len(m.Parent); k++ {
			for j := range C {
				var cells []int
				for i := range R {
					for q := m.Parent[i]; q >= 0; q = m.Parent[q] {
						if q == k {
							cells = append(cells, i*C+j)
							break
						}
					}
				}
				add(cells)
			}
		}
	}
	return out
}
