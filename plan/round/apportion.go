package round

import (
	"math/big"
	"math/bits"
	"slices"
	"sort"
)

// apportionU64 splits amount (≥ 0) by the largest remainder method over
// weights whose sum fits in 64 bits: floors first, the units left over to the
// largest remainders, ties to the earlier part; equal parts when every weight
// is zero.
func apportionU64(out []int64, amount int64, ws []uint64, remBuf *[]uint64, orderBuf *[]int) {
	n := len(ws)
	clear(out)
	if n == 0 || amount == 0 {
		return
	}
	var sum uint64
	for _, w := range ws {
		sum += w
	}
	if sum == 0 {
		for k := range ws {
			out[k] = amount / int64(n)
			if int64(k) < amount%int64(n) {
				out[k]++
			}
		}
		return
	}
	rems := grow(*remBuf, n)
	*remBuf = rems
	left := amount
	for k, w := range ws {
		q, r := mulDiv(uint64(amount), w, sum)
		out[k], rems[k] = int64(q), r
		left -= int64(q)
	}
	if left == 0 {
		return
	}
	order := grow(*orderBuf, n)
	*orderBuf = order
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case rems[a] > rems[b]:
			return -1
		case rems[a] < rems[b]:
			return 1
		}
		return 0
	})
	for k := range left {
		out[order[k]]++
	}
}

// apportionRat is apportionU64 over exact rational weights.
func apportionRat(amount int64, ws []*big.Rat) []int64 {
	n := len(ws)
	out := make([]int64, n)
	if n == 0 || amount == 0 {
		return out
	}
	sum := new(big.Rat)
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
		return out
	}
	// share_k = amount × w_k / sum = amount × w_k × den / num for sum = num/den
	rems := make([]*big.Rat, n)
	left := amount
	a := new(big.Rat).SetInt64(amount)
	for k, w := range ws {
		x := new(big.Rat).Mul(a, w)
		x.Quo(x, sum)
		q, _ := floorRat(x)
		out[k] = q
		rems[k] = x.Sub(x, new(big.Rat).SetInt64(q))
		left -= q
	}
	order := make([]int, n)
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	for k := range left {
		out[order[k]]++
	}
	return out
}

// mulDiv returns a×b / c and its remainder, exactly; the quotient must fit in
// 64 bits (it does when a ≤ c or b ≤ c).
func mulDiv(a, b, c uint64) (q, r uint64) {
	hi, lo := bits.Mul64(a, b)
	return bits.Div64(hi, lo, c)
}

func sortStable(s []int, less func(a, b int) bool) {
	sort.SliceStable(s, func(x, y int) bool { return less(s[x], s[y]) })
}
