package round

import (
	"math/big"
	"slices"
)

// maxScaledBits bounds the common denominator of the scaled path: a block
// whose denominators have a larger common multiple is filled rational by
// rational (fillRat), so the numerators never grow without bound.
const maxScaledBits = 8192

// scaled is the scratch space of fillScaled: the block's exact values as
// integer numerators over one common denominator.
type scaled struct {
	den   big.Int   // the common denominator D
	num   []big.Int // R × C: each cell × D
	gsum  []big.Int // G: the current row's group sums × D
	node  []big.Int // N × C: the nodes' column sums × D
	t     big.Int
	q, r  big.Int
	ws    []*big.Int
	rems  []big.Int
	order []int
}

// fillScaled fills the prepared problem as fillRat does, but first puts every
// exact value on the block's common denominator D, so that sums are integer
// additions (no greatest common divisor per addition) and floors one division
// each. The problem is the same: the floors and fractions are those of the
// same exact values, and an apportionment's remainders, all over the same
// sum, compare as the rationals do. It reports false, leaving the block to
// fillRat (which reports the problem), when a value is negative or too large,
// a row does not add up to its total, or D grows beyond maxScaledBits.
func (s *Solver) fillScaled(m *Matrix) bool {
	p, sc := &s.p, &s.sc
	R, C, G, N := p.R, p.C, p.G, p.N
	den := sc.den.SetInt64(1)
	var last uint64
	for _, x := range m.Exact {
		if x == nil {
			continue
		}
		if x.Sign() < 0 {
			return false
		}
		d := x.Denom()
		if d.IsUint64() {
			du := d.Uint64()
			if du == 1 || du == last {
				continue
			}
			last = du
			if f := du / gcd64(sc.r.Rem(den, d).Uint64(), du); f > 1 {
				den.Mul(den, sc.t.SetUint64(f))
			}
		} else {
			last = 0
			sc.q.GCD(nil, nil, den, d)
			den.Mul(den, sc.t.Quo(d, &sc.q))
		}
		if den.BitLen() > maxScaledBits {
			return false
		}
	}
	sc.num = growInts(sc.num, R*C)
	for k, x := range m.Exact {
		n := &sc.num[k]
		switch {
		case x == nil:
			n.SetInt64(0)
		case x.IsInt():
			n.Mul(x.Num(), den)
		default:
			n.Mul(x.Num(), sc.t.Quo(den, x.Denom()))
		}
	}
	sc.node = growInts(sc.node, N*C)
	for k := range sc.node {
		sc.node[k].SetInt64(0)
	}
	sc.gsum = growInts(sc.gsum, G)
	for i := range R {
		row := sc.num[i*C : (i+1)*C]
		t := m.Totals[i]
		if t < 0 {
			return false
		}
		sum := sc.t.SetInt64(0)
		for j := range row {
			sum.Add(sum, &row[j])
		}
		if sum.Cmp(sc.q.Mul(den, sc.r.SetInt64(t))) != 0 {
			return false
		}
		var ok bool
		for j := range row {
			k := i*C + j
			if p.cellLo[k], p.cellFrac[k], ok = sc.floor(&row[j]); !ok {
				return false
			}
			if q := p.parent[i]; q >= 0 {
				x := &sc.node[(q-R)*C+j]
				x.Add(x, &row[j])
			}
		}
		p.total[i] = t
		for g, r := range s.lm.gs {
			x := &sc.gsum[g]
			x.SetInt64(0)
			for j := r.Lo; j < r.Hi; j++ {
				x.Add(x, &row[j])
			}
			if p.grpLo[i*G+g], p.grpFrac[i*G+g], ok = sc.floor(x); !ok {
				return false
			}
		}
		s.ownScaled(p.own[i*C:(i+1)*C], t, -1, row)
	}
	if N > 0 {
		p.nodeOrder()
	}
	for _, k := range p.order {
		q := p.parent[R+k]
		for j := range C {
			x := &sc.node[k*C+j]
			var ok bool
			if p.nodeLo[k*C+j], p.nodeFrac[k*C+j], ok = sc.floor(x); !ok {
				return false
			}
			if q >= 0 {
				y := &sc.node[(q-R)*C+j]
				y.Add(y, x)
			}
		}
	}
	return true
}

// floor returns the floor of x / D and whether it has a fraction; ok is false
// when the floor does not fit in 63 bits.
func (sc *scaled) floor(x *big.Int) (lo int64, frac, ok bool) {
	sc.q.QuoRem(x, &sc.den, &sc.r)
	if !sc.q.IsInt64() {
		return 0, false, false
	}
	return sc.q.Int64(), sc.r.Sign() != 0, true
}

// ownScaled is ownRat on the row's numerators (the current group sums in
// sc.gsum).
func (s *Solver) ownScaled(own []int64, amount int64, g int, row []big.Int) {
	sc := &s.sc
	items := s.lm.steps[g+1]
	ws := make([]*big.Int, len(items))
	for k, it := range items {
		if it.group {
			ws[k] = &sc.gsum[it.idx]
		} else {
			ws[k] = &row[it.idx]
		}
	}
	parts := make([]int64, len(items))
	sc.apportion(parts, amount, ws)
	for k, it := range items {
		if it.group {
			s.ownScaled(own, parts[k], it.idx, row)
		} else {
			own[it.idx] = parts[k]
		}
	}
}

// apportion is apportionRat on integer weights (the rational weights × D):
// the shares amount × w / Σw are the same, and their remainders, all over
// Σw, are in the same order.
func (sc *scaled) apportion(out []int64, amount int64, ws []*big.Int) {
	n := len(ws)
	clear(out)
	if n == 0 || amount == 0 {
		return
	}
	sum := new(big.Int)
	for _, w := range ws {
		sum.Add(sum, w)
	}
	if sum.Sign() == 0 {
		for k := range ws {
			out[k] = amount / int64(n)
			if int64(k) < amount%int64(n) {
				out[k]++
			}
		}
		return
	}
	sc.rems = growInts(sc.rems, n)
	a := new(big.Int).SetInt64(amount)
	q := new(big.Int)
	left := amount
	for k, w := range ws {
		q.QuoRem(sc.t.Mul(a, w), sum, &sc.rems[k])
		out[k] = q.Int64() // at most amount
		left -= out[k]
	}
	if left == 0 {
		return
	}
	order := grow(sc.order, n)
	sc.order = order
	for k := range order {
		order[k] = k
	}
	rems := sc.rems
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(&rems[a]) })
	for k := range left {
		out[order[k]]++
	}
}

// gcd64 returns the greatest common divisor of a and b (b > 0).
func gcd64(a, b uint64) uint64 {
	for a != 0 {
		a, b = b%a, a
	}
	return b
}

// growInts returns s with length n, keeping the big.Ints it already holds
// (and their storage).
func growInts(s []big.Int, n int) []big.Int {
	if cap(s) >= n {
		return s[:n]
	}
	return append(s[:cap(s)], make([]big.Int, n-cap(s))...)
}
