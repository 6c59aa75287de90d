package round

import (
	"github.com/planhq/plan/plan/wide"
	"math"
	"math/big"
	"math/bits"
	"slices"
)

// Fractions is a block whose rows each have one denominator: the exact value
// of cell (i, j) is Num[i×Cols+j] / Den[i]. It is the integer form of a
// Matrix for callers whose rows are computed over a common denominator (the
// funnel's leaves), rounded by SolveFractions with no big.Rat per cell.
type Fractions struct {
	// Cols is the number of columns.
	Cols int
	// Totals are the rows' whole totals: Σⱼ Num[i×Cols+j] = Totals[i] × Den[i].
	Totals []int64
	// Num holds the cells' numerators, row-major, len(Totals) × Cols.
	Num []uint64
	// Den holds the rows' denominators, each above 0.
	Den []uint64
	// Groups and Parent are those of Matrix.
	Groups []Range
	Parent []int
}

// SolveFractions rounds a block of Fractions into out (row-major,
// len(m.Totals) × m.Cols): the rounding Solve returns for the same exact
// values (the same problem, the same flow). It fails only on inconsistent
// input.
func (s *Solver) SolveFractions(out []int64, m *Fractions) error {
	R, C := len(m.Totals), m.Cols
	if C < 0 || len(m.Num) != R*C || len(m.Den) != R {
		return inconsistent("%d numerators and %d denominators for %d rows × %d columns", len(m.Num), len(m.Den), R, C)
	}
	if done, err := s.setup(out, R, C, m.Groups, m.Parent); done || err != nil {
		return err
	}
	if err := s.fillFractions(m); err != nil {
		return err
	}
	s.p.push = true
	if done, err := s.solveClasses(out); done || err != nil {
		return err
	}
	return s.f.solve(&s.p, out)
}

// nodeSum is a node's exact column sum over its rows, Σ numᵢ / denᵢ, kept as
// the whole parts' sum, the fractions' sum in 64-bit fixed point (each
// fraction rounded down to a multiple of 2⁻⁶⁴) and how many of the fractions
// were rounded: the exact sum lies in [whole + frac/2⁶⁴,
// whole + (frac + inexact)/2⁶⁴), strictly above its lower end when inexact
// is above 0.
type nodeSum struct {
	whole   uint64
	frac    wide.U128
	inexact uint64
	over    bool // whole overflowed
}

// fractions is the scratch space of fillFractions.
type fractions struct {
	gsum  []wide.U128
	nodes []nodeSum
	ws    []wide.U128
	parts []int64
	rems  []wide.U128
	order []int
	amb   []int32 // per node column: -1, or its index in exact
	exact []ratRun
}

// fillFractions fills the prepared problem from a block of Fractions: the
// same problem fillRat builds from the same exact values, on 64- and 128-bit
// integers. A node's column sum is placed between two whole numbers by its
// fixed-point sum; only when an integer lies in the range of its possible
// values is it summed exactly (exactNodes).
func (s *Solver) fillFractions(m *Fractions) error {
	p, fr := &s.p, &s.fr
	R, C, G, N := p.R, p.C, p.G, p.N
	fr.gsum = grow(fr.gsum, G)
	fr.nodes = grow(fr.nodes, N*C)
	clear(fr.nodes)
	for i := range R {
		den, t := m.Den[i], m.Totals[i]
		if den == 0 {
			return inconsistent("row %d has denominator 0", i)
		}
		if t < 0 {
			return inconsistent("row %d has a negative total %d", i, t)
		}
		row := m.Num[i*C : (i+1)*C]
		var sum wide.U128
		ok := true
		for _, x := range row {
			if sum, ok = sum.Add64(x); !ok {
				break
			}
		}
		if !ok || sum != wide.Mul(uint64(t), den) {
			return inconsistent("row %d does not add up to its total %d", i, t)
		}
		p.total[i] = t
		q := p.parent[i]
		for j, x := range row {
			k := i*C + j
			lo, r := x/den, x%den
			p.cellLo[k], p.cellFrac[k] = int64(lo), r != 0 // lo ≤ t
			if q < 0 {
				continue
			}
			ns := &fr.nodes[(q-R)*C+j]
			ns.addWhole(lo)
			if r != 0 {
				f, rem := bits.Div64(r, 0, den)
				ns.frac, _ = ns.frac.Add64(f) // below R × 2⁶⁴
				if rem != 0 {
					ns.inexact++
				}
			}
		}
		for g, rg := range s.lm.gs {
			var x wide.U128
			for _, v := range row[rg.Lo:rg.Hi] {
				x, _ = x.Add64(v) // at most the row's sum
			}
			fr.gsum[g] = x
			lo, r := bits.Div64(x.Hi, x.Lo, den) // the quotient is at most t
			p.grpLo[i*G+g], p.grpFrac[i*G+g] = int64(lo), r != 0
		}
		s.ownFractions(p.own[i*C:(i+1)*C], t, row, den)
	}
	if N == 0 {
		return nil
	}
	p.nodeOrder()
	for _, k := range p.order {
		q := p.parent[R+k]
		if q < 0 {
			continue
		}
		for j := range C {
			x, y := &fr.nodes[k*C+j], &fr.nodes[(q-R)*C+j]
			y.addWhole(x.whole)
			y.over = y.over || x.over
			y.frac, _ = y.frac.Add(x.frac)
			y.inexact += x.inexact
		}
	}
	ambiguous := false
	fr.amb = grow(fr.amb, N*C)
	for k := range fr.nodes {
		x := &fr.nodes[k]
		fr.amb[k] = -1
		if x.over || x.whole+x.frac.Hi < x.whole || x.whole+x.frac.Hi > math.MaxInt64 {
			return inconsistent("node %d column %d is too large", R+k/C, k%C)
		}
		p.nodeLo[k] = int64(x.whole + x.frac.Hi)
		switch lo := x.frac.Lo; {
		case x.inexact == 0:
			p.nodeFrac[k] = lo != 0
		case lo+x.inexact >= lo || lo+x.inexact == 0:
			// frac + inexact reaches at most the next whole: the sum is
			// strictly between two whole numbers
			p.nodeFrac[k] = true
		default:
			ambiguous = true
			fr.amb[k] = 0
		}
	}
	if ambiguous {
		return s.exactNodes(m)
	}
	return nil
}

func (x *nodeSum) addWhole(v uint64) {
	var c uint64
	x.whole, c = bits.Add64(x.whole, v, 0)
	x.over = x.over || c != 0
}

// exactNodes sums exactly the node columns whose fixed-point sums left their
// floor or fraction in doubt (marked in fr.amb), and sets their bounds.
func (s *Solver) exactNodes(m *Fractions) error {
	p, fr := &s.p, &s.fr
	R, C := p.R, p.C
	fr.exact = fr.exact[:0]
	for k, a := range fr.amb {
		if a >= 0 {
			fr.amb[k] = int32(len(fr.exact))
			fr.exact = append(fr.exact, ratRun{})
		}
	}
	for i := range R {
		den := m.Den[i]
		for q := p.parent[i]; q >= 0; q = p.parent[q] {
			base := (q - R) * C
			for j := range C {
				a := fr.amb[base+j]
				if a < 0 {
					continue
				}
				if r := m.Num[i*C+j] % den; r != 0 {
					fr.exact[a].add(r, den)
				}
			}
		}
	}
	for k, a := range fr.amb {
		if a < 0 {
			continue
		}
		x := fr.exact[a].sum()
		f := new(big.Int).Quo(x.Num(), x.Denom())
		whole := fr.nodes[k].whole
		if !f.IsUint64() || whole+f.Uint64() < whole || whole+f.Uint64() > math.MaxInt64 {
			return inconsistent("node %d column %d is too large", R+k/C, k%C)
		}
		p.nodeLo[k], p.nodeFrac[k] = int64(whole+f.Uint64()), !x.IsInt()
	}
	return nil
}

// ratRun sums fractions exactly: fractions over the same denominator as the
// one before add their numerators alone.
type ratRun struct {
	done big.Rat
	num  wide.U128
	den  uint64
}

func (x *ratRun) add(num, den uint64) {
	if den != x.den {
		x.flush()
		x.den = den
	}
	sum, ok := x.num.Add64(num)
	if !ok {
		x.flush()
		sum = wide.U128{Lo: num}
	}
	x.num = sum
}

func (x *ratRun) flush() {
	if x.den == 0 || x.num.IsZero() {
		return
	}
	n := new(big.Int).SetUint64(x.num.Hi)
	n.Lsh(n, 64).Or(n, new(big.Int).SetUint64(x.num.Lo))
	x.done.Add(&x.done, new(big.Rat).SetFrac(n, new(big.Int).SetUint64(x.den)))
	x.num = wide.U128{}
}

// sum returns the exact sum (not to be modified).
func (x *ratRun) sum() *big.Rat {
	x.flush()
	return &x.done
}

// ownFractions is ownScaled on a row of numerators over den: the total over
// the row's innermost groups and loose columns, whose shares are their
// numerators / den (the sum of the weights is total × den), then each
// innermost group's part over its columns.
func (s *Solver) ownFractions(own []int64, total int64, row []uint64, den uint64) {
	fr := &s.fr
	items := s.lm.steps[0]
	n := len(items)
	fr.parts = grow(fr.parts, n)
	fr.rems = grow(fr.rems, n)
	left := total
	for k, it := range items {
		w := wide.U128{Lo: row[it.idx]}
		if it.group {
			w = fr.gsum[it.idx]
		}
		q, r := bits.Div64(w.Hi, w.Lo, den) // at most total
		fr.parts[k], fr.rems[k] = int64(q), wide.U128{Lo: r}
		left -= int64(q)
	}
	s.spread(fr.parts, fr.rems, left)
	for k, it := range items {
		if !it.group {
			own[it.idx] = fr.parts[k]
			continue
		}
		r := s.lm.gs[it.idx]
		apportion128(own[r.Lo:r.Hi], fr.parts[k], row[r.Lo:r.Hi], fr.gsum[it.idx], fr)
	}
}

// apportion128 splits amount (≥ 0) by the largest remainder method over
// weights ws whose sum is sum, as apportionU64 does.
func apportion128(out []int64, amount int64, ws []uint64, sum wide.U128, fr *fractions) {
	n := len(ws)
	clear(out)
	if n == 0 || amount == 0 {
		return
	}
	if sum.IsZero() {
		for k := range ws {
			out[k] = amount / int64(n)
			if int64(k) < amount%int64(n) {
				out[k]++
			}
		}
		return
	}
	rems := grow(fr.ws, n) // fr.ws is free while the parts of the row's groups are spread
	fr.ws = rems
	left := amount
	for k, w := range ws {
		q, r, _ := wide.Mul(uint64(amount), w).QuoRem(sum) // the quotient is at most amount
		out[k], rems[k] = int64(q), r
		left -= int64(q)
	}
	spreadLeft(out, rems, left, &fr.order)
}

// spread gives the row's left-over units to its largest remainders.
func (s *Solver) spread(parts []int64, rems []wide.U128, left int64) {
	spreadLeft(parts, rems, left, &s.fr.order)
}

// spreadLeft adds one to the left parts with the largest remainders, ties to
// the earlier part (left is below the number of parts with a remainder).
func spreadLeft(parts []int64, rems []wide.U128, left int64, orderBuf *[]int) {
	if left <= 0 {
		return
	}
	n := len(parts)
	order := grow(*orderBuf, n)
	*orderBuf = order
	for k := range order {
		order[k] = k
	}
	if n <= 32 { // insertion sort: stable, and no closure to allocate
		for a := 1; a < n; a++ {
			for b := a; b > 0 && rems[order[b]].Cmp(rems[order[b-1]]) > 0; b-- {
				order[b], order[b-1] = order[b-1], order[b]
			}
		}
	} else {
		slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	}
	for k := range left {
		parts[order[k]]++
	}
}
