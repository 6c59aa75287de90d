package plan

import (
	"math/big"
	"math/bits"
	"slices"
)

// Apportion splits total (≥ 0) whole units among non-negative rational weights by
// the largest remainder method: each part gets the floor of its exact share
// total × wᵢ / Σw, and the units left over go one by one to the largest
// remainders, ties to the earlier part. When every weight is zero the parts
// share equally. The parts always add up to total and each is within one unit
// (strictly) of its exact share.
func Apportion(total int64, weights []*big.Rat) []int64 {
	return apportionInts(total, ratsToInts(weights))
}

// ratsToInts scales rationals by the least common multiple of their
// denominators, giving integers in the same proportions.
func ratsToInts(ws []*big.Rat) []*big.Int {
	lcm := big.NewInt(1)
	g := new(big.Int)
	for _, w := range ws {
		d := w.Denom()
		if d.Cmp(lcm) == 0 || d.IsInt64() && d.Int64() == 1 {
			continue
		}
		g.GCD(nil, nil, lcm, d)
		lcm.Mul(lcm, new(big.Int).Quo(d, g))
	}
	out := make([]*big.Int, len(ws))
	for i, w := range ws {
		n := new(big.Int).Mul(w.Num(), lcm)
		out[i] = n.Quo(n, w.Denom())
	}
	return out
}

// apportionInts is Apportion over integer weights; it takes the 64-bit path
// when the weights and their sum fit.
func apportionInts(total int64, ws []*big.Int) []int64 {
	sum := new(big.Int)
	fits := true
	small := make([]uint64, len(ws))
	for i, w := range ws {
		sum.Add(sum, w)
		if !w.IsUint64() {
			fits = false
		} else {
			small[i] = w.Uint64()
		}
	}
	if fits && sum.IsUint64() {
		return apportionU64(total, small)
	}
	n := len(ws)
	out := make([]int64, n)
	if sum.Sign() == 0 {
		return apportionU64(total, equalWeights(n))
	}
	rems := make([]*big.Int, n)
	t := big.NewInt(total)
	var given int64
	for i, w := range ws {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(t, w), sum, new(big.Int))
		out[i] = q.Int64()
		rems[i] = r
		given += out[i]
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := rems[b].Cmp(rems[a]); c != 0 {
			return c
		}
		return a - b // ties to the earlier part
	})
	for k := int64(0); k < total-given; k++ {
		out[order[k]]++
	}
	return out
}

func equalWeights(n int) []uint64 {
	w := make([]uint64, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

// apportionU64 is Apportion over 64-bit integer weights whose sum fits in 64 bits.
func apportionU64(total int64, ws []uint64) []int64 {
	n := len(ws)
	out := make([]int64, n)
	if n == 0 {
		return out
	}
	var sum uint64
	for _, w := range ws {
		sum += w
	}
	if sum == 0 {
		ws, sum = equalWeights(n), uint64(n)
	}
	rems := make([]uint64, n)
	var given int64
	for i, w := range ws {
		q, r := mulDiv(uint64(total), w, sum)
		out[i], rems[i] = int64(q), r
		given += int64(q)
	}
	left := total - given
	if left == 0 {
		return out
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case rems[a] > rems[b]:
			return -1
		case rems[a] < rems[b]:
			return 1
		}
		return a - b // ties to the earlier part
	})
	for k := int64(0); k < left; k++ {
		out[order[k]]++
	}
	return out
}

// apportionCells is apportionU64 over non-negative int64 cells (e.g. a row of
// month amounts used as weights).
func apportionCells(total int64, cells []int64) []int64 {
	ws := make([]uint64, len(cells))
	for i, c := range cells {
		ws[i] = uint64(c)
	}
	return apportionU64(total, ws)
}

// mulDiv returns a×b / c and its remainder, exactly. The quotient must fit in
// 64 bits, which holds whenever a ≤ c or b ≤ c.
func mulDiv(a, b, c uint64) (q, r uint64) {
	hi, lo := bits.Mul64(a, b)
	return bits.Div64(hi, lo, c)
}
