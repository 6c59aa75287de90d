package round

import "math/bits"

// u128 is an unsigned 128-bit integer: the sums and products of SolveFractions'
// 64-bit numerators.
type u128 struct{ hi, lo uint64 }

func (x u128) isZero() bool { return x.hi == 0 && x.lo == 0 }

// cmp compares x and y: -1, 0 or +1.
func (x u128) cmp(y u128) int {
	switch {
	case x.hi < y.hi:
		return -1
	case x.hi > y.hi:
		return 1
	case x.lo < y.lo:
		return -1
	case x.lo > y.lo:
		return 1
	}
	return 0
}

// add returns x + y; ok is false when it does not fit in 128 bits.
func (x u128) add(y u128) (z u128, ok bool) {
	lo, c := bits.Add64(x.lo, y.lo, 0)
	hi, c := bits.Add64(x.hi, y.hi, c)
	return u128{hi, lo}, c == 0
}

// add64 returns x + y; ok is false when it does not fit in 128 bits.
func (x u128) add64(y uint64) (z u128, ok bool) { return x.add(u128{lo: y}) }

// sub returns x − y for y ≤ x.
func (x u128) sub(y u128) u128 {
	lo, b := bits.Sub64(x.lo, y.lo, 0)
	hi, _ := bits.Sub64(x.hi, y.hi, b)
	return u128{hi, lo}
}

// mul64 returns x × m; ok is false when it does not fit in 128 bits.
func (x u128) mul64(m uint64) (z u128, ok bool) {
	h1, lo := bits.Mul64(x.lo, m)
	h2, l2 := bits.Mul64(x.hi, m)
	hi, c := bits.Add64(h1, l2, 0)
	return u128{hi, lo}, h2 == 0 && c == 0
}

// mul returns a × b.
func mul(a, b uint64) u128 {
	hi, lo := bits.Mul64(a, b)
	return u128{hi, lo}
}

// quoRem returns ⌊x / y⌋ and x mod y for y > 0 when the quotient fits in 64
// bits (the caller knows it does).
func (x u128) quoRem(y u128) (q uint64, r u128) {
	if y.hi == 0 {
		q, rem := bits.Div64(x.hi, x.lo, y.lo)
		return q, u128{lo: rem}
	}
	// y ≥ 2⁶⁴: estimate the quotient from the top 64 bits of y normalized
	// and x halved (so that Div64 cannot overflow), which gives the quotient
	// or one less (Hacker's Delight, divlu on 128 bits).
	n := uint(bits.LeadingZeros64(y.hi))
	top := y.hi
	if n > 0 {
		top = y.hi<<n | y.lo>>(64-n)
	}
	q, _ = bits.Div64(x.hi>>1, x.hi<<63|x.lo>>1, top)
	q >>= 63 - n
	if q != 0 {
		q--
	}
	qy, _ := y.mul64(q) // ≤ x
	r = x.sub(qy)
	if r.cmp(y) >= 0 {
		q++
		r = r.sub(y)
	}
	return q, r
}
