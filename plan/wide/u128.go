// Package wide is unsigned 128-bit integer arithmetic: the sums and products
// of 64-bit numerators on the rounding's and the funnel's integer paths, which
// fall back to math/big when a value does not fit. Every operation that can
// overflow reports whether its result fits.
package wide

import (
	"math/big"
	"math/bits"
)

// U128 is an unsigned 128-bit integer, Hi × 2⁶⁴ + Lo.
type U128 struct{ Hi, Lo uint64 }

// From returns v as a U128.
func From(v uint64) U128 { return U128{Lo: v} }

// Mul returns a × b, which always fits.
func Mul(a, b uint64) U128 {
	hi, lo := bits.Mul64(a, b)
	return U128{hi, lo}
}

// IsZero reports whether x is 0.
func (x U128) IsZero() bool { return x.Hi == 0 && x.Lo == 0 }

// Cmp compares x and y: -1, 0 or +1.
func (x U128) Cmp(y U128) int {
	switch {
	case x.Hi < y.Hi:
		return -1
	case x.Hi > y.Hi:
		return 1
	case x.Lo < y.Lo:
		return -1
	case x.Lo > y.Lo:
		return 1
	}
	return 0
}

// Add returns x + y; ok is false when it does not fit in 128 bits.
func (x U128) Add(y U128) (z U128, ok bool) {
	lo, c := bits.Add64(x.Lo, y.Lo, 0)
	hi, c := bits.Add64(x.Hi, y.Hi, c)
	return U128{hi, lo}, c == 0
}

// Add64 returns x + y; ok is false when it does not fit in 128 bits.
func (x U128) Add64(y uint64) (z U128, ok bool) { return x.Add(From(y)) }

// Sub returns x − y; ok is false when y > x.
func (x U128) Sub(y U128) (z U128, ok bool) {
	lo, b := bits.Sub64(x.Lo, y.Lo, 0)
	hi, b := bits.Sub64(x.Hi, y.Hi, b)
	return U128{hi, lo}, b == 0
}

// Mul64 returns x × m; ok is false when it does not fit in 128 bits.
func (x U128) Mul64(m uint64) (z U128, ok bool) {
	h1, lo := bits.Mul64(x.Lo, m)
	h2, l2 := bits.Mul64(x.Hi, m)
	hi, c := bits.Add64(h1, l2, 0)
	return U128{hi, lo}, h2 == 0 && c == 0
}

// Shl returns x shifted left by n bits, 0 ≤ n < 64, dropping the bits shifted out.
func (x U128) Shl(n uint) U128 {
	if n == 0 {
		return x
	}
	return U128{x.Hi<<n | x.Lo>>(64-n), x.Lo << n}
}

// QuoRem returns ⌊x / y⌋ and x mod y when the quotient fits in 64 bits; ok is
// false when it does not, or when y is 0.
func (x U128) QuoRem(y U128) (q uint64, r U128, ok bool) {
	if y.Hi == 0 {
		if x.Hi >= y.Lo { // also y = 0
			return 0, U128{}, false
		}
		q, rem := bits.Div64(x.Hi, x.Lo, y.Lo)
		return q, From(rem), true
	}
	// y ≥ 2⁶⁴, so the quotient is below 2⁶⁴. Estimate it from the top 64
	// bits of y normalized and x halved (so that Div64 cannot overflow), which
	// gives the quotient or one less (Hacker's Delight, divlu with 128 bits).
	n := uint(bits.LeadingZeros64(y.Hi))
	top := y.Shl(n).Hi
	half := U128{x.Hi >> 1, x.Hi<<63 | x.Lo>>1}
	q, _ = bits.Div64(half.Hi, half.Lo, top)
	q >>= 63 - n
	if q != 0 {
		q--
	}
	qy, _ := y.Mul64(q) // ≤ x: cannot overflow
	r, _ = x.Sub(qy)
	if r.Cmp(y) >= 0 {
		q++
		r, _ = r.Sub(y)
	}
	return q, r, true
}

// Big returns x as a big.Int.
func (x U128) Big() *big.Int {
	b := new(big.Int).SetUint64(x.Hi)
	return b.Lsh(b, 64).Or(b, new(big.Int).SetUint64(x.Lo))
}
