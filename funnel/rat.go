package funnel

import (
	"math/big"

	"github.com/planhq/plan/plan/wide"
)

var (
	ratOne = big.NewRat(1, 1) // read only
	intOne = big.NewInt(1)    // read only
)

// denom returns x's denominator without allocating (x.Denom allocates for a
// whole number); the result is not to be modified.
func denom(x *big.Rat) *big.Int {
	if x.IsInt() {
		return intOne
	}
	return x.Denom()
}

// ratU64 returns the numerator and denominator of x ≥ 0 when both fit in 64 bits.
func ratU64(x *big.Rat) (num, den uint64, ok bool) {
	n, d := x.Num(), denom(x)
	if n.Sign() < 0 || !n.IsUint64() || !d.IsUint64() {
		return 0, 0, false
	}
	return n.Uint64(), d.Uint64(), true
}

// ceilCount returns ⌈a / b⌉ for a ≥ 0, b > 0; within is false when it is more
// than MaxCount (and then n is meaningless). When the numerators and
// denominators fit in 64 bits it divides 128-bit integers, else it uses ceilQuo.
func ceilCount(a, b *big.Rat) (n int64, within bool) {
	an, ad, ok1 := ratU64(a)
	bn, bd, ok2 := ratU64(b)
	if !ok1 || !ok2 {
		c := ceilQuo(a, b)
		return c.Int64(), c.Cmp(maxCount) <= 0
	}
	return ceilFrac(an, ad, bn, bd)
}

// ceilCountOf is ceilCount of the whole number a ≥ 0.
func ceilCountOf(a int64, b *big.Rat) (n int64, within bool) {
	bn, bd, ok := ratU64(b)
	if !ok {
		c := ceilQuo(new(big.Rat).SetInt64(a), b)
		return c.Int64(), c.Cmp(maxCount) <= 0
	}
	return ceilFrac(uint64(a), 1, bn, bd)
}

// ceilFrac returns ⌈(an/ad) / (bn/bd)⌉ = ⌈an·bd / (ad·bn)⌉ for ad, bn, bd > 0;
// within is false when it is more than MaxCount.
func ceilFrac(an, ad, bn, bd uint64) (n int64, within bool) {
	num, _ := wide.From(an).Mul64(bd) // 64 × 64 bits: fits
	den, _ := wide.From(ad).Mul64(bn)
	q, r, ok := num.QuoRem(den)
	if !ok || q > MaxCount || q == MaxCount && !r.IsZero() {
		return 0, false
	}
	if !r.IsZero() {
		q++
	}
	return int64(q), true
}

// ratEqual reports whether two rationals are equal, without allocating.
func ratEqual(a, b *big.Rat) bool {
	return a == b || a.Num().Cmp(b.Num()) == 0 && denom(a).Cmp(denom(b)) == 0
}

// ratSum adds rationals exactly. Terms that share a denominator add their
// numerators alone; the sum is normalized only when the denominator changes,
// so adding the targets of many leaves (all over the plan's unit) costs an
// integer addition each.
type ratSum struct {
	done big.Rat // the terms before the current run
	num  big.Int // the current run's numerators, added
	den  big.Int // the current run's denominator; 0 before the first term
}

// add adds x.
func (s *ratSum) add(x *big.Rat) {
	d := denom(x)
	if s.den.Cmp(d) != 0 {
		s.flush()
		s.den.Set(d)
	}
	s.num.Add(&s.num, x.Num())
}

func (s *ratSum) flush() {
	if s.den.Sign() != 0 {
		s.done.Add(&s.done, new(big.Rat).SetFrac(&s.num, &s.den))
		s.num.SetInt64(0)
	}
}

// rat returns the sum as a new rational; s is then spent.
func (s *ratSum) rat() *big.Rat {
	s.flush()
	return new(big.Rat).Set(&s.done)
}
