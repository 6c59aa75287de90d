package funnel

import "math/bits"

// u128 is an unsigned 128-bit integer: the fast path of the timeline keeps its
// numerators in one when they fit, and falls back to math/big when they do not.
// Every operation that can overflow reports whether its result fits.
type u128 struct{ hi, lo uint64 }

// wide returns v as a u128.
func wide(v uint64) u128 { return u128{lo: v} }

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

// sub returns x − y; ok is false when y > x.
func (x u128) sub(y u128) (z u128, ok bool) {
	lo, b := bits.Sub64(x.lo, y.lo, 0)
	hi, b := bits.Sub64(x.hi, y.hi, b)
	return u128{hi, lo}, b == 0
}

// mul64 returns x × m; ok is false when it does not fit in 128 bits.
func (x u128) mul64(m uint64) (z u128, ok bool) {
	h1, lo := bits.Mul64(x.lo, m)
	h2, l2 := bits.Mul64(x.hi, m)
	hi, c := bits.Add64(h1, l2, 0)
	return u128{hi, lo}, h2 == 0 && c == 0
}

// shl returns x shifted left by n bits, 0 ≤ n < 64, dropping the bits shifted out.
func (x u128) shl(n uint) u128 {
	if n == 0 {
		return x
	}
	return u128{x.hi<<n | x.lo>>(64-n), x.lo << n}
}

// quoRem returns ⌊x / y⌋ and x mod y when the quotient fits in 64 bits; ok is
// false when it does not, or when y is 0.
func (x u128) quoRem(y u128) (q uint64, r u128, ok bool) {
	if y.hi == 0 {
		if x.hi >= y.lo { // also y = 0
			return 0, u128{}, false
		}
		q, rem := bits.Div64(x.hi, x.lo, y.lo)
		return q, wide(rem), true
	}
	// y ≥ 2⁶⁴, so the quotient is below 2⁶⁴. Estimate it from the top 64
	// bits of y normalized and x halved (so that Div64 cannot overflow), which
	// gives the quotient or one less (Hacker's Delight, divlu with 128 bits).
	n := uint(bits.LeadingZeros64(y.hi))
	top := y.shl(n).hi
	half := u128{x.hi >> 1, x.hi<<63 | x.lo>>1}
	q, _ = bits.Div64(half.hi, half.lo, top)
	q >>= 63 - n
	if q != 0 {
		q--
	}
	qy, _ := y.mul64(q) // ≤ x: cannot overflow
	r, _ = x.sub(qy)
	if r.cmp(y) >= 0 {
		q++
		r, _ = r.sub(y)
	}
	return q, r, true
}
