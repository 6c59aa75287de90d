package funnel

import (
	"math/big"

	"github.com/planhq/plan/plan/wide"
)

// The timeline's masses on 128-bit integers: the numerators dealMasses and
// stageMasses compute with math/big, over the same denominators, for the
// leaves whose numbers fit (nearly all). Each function reports ok = false
// when a number does not fit; the caller then takes the math/big path.

// den128 returns cum[12] × lcm, the denominator of M(t).
func (tl *timeline) den128() (wide.U128, bool) {
	return wide.From(uint64(tl.cum[12])).Mul64(uint64(tl.lcm))
}

// shareNum128 is shareNum on 128 bits.
func (tl *timeline) shareNum128(t int64) (wide.U128, bool) {
	switch {
	case t <= 0:
		return wide.U128{}, true
	case t >= tl.starts[12]:
		return tl.den128()
	}
	m := 0
	for tl.starts[m+1] <= t {
		m++
	}
	num, ok1 := wide.From(uint64(tl.cum[m])).Mul64(uint64(tl.lcm))
	part, ok2 := wide.From(uint64(tl.profile[m] * (t - tl.starts[m]))).Mul64(uint64(tl.lcm / tl.days[m]))
	sum, ok3 := num.Add(part)
	return sum, ok1 && ok2 && ok3
}

// dealNums sets dst (one per column) to the numerators of dealMasses and
// returns their denominator.
func (tl *timeline) dealNums(deals int64, bounds []int64, dst []wide.U128) (den wide.U128, ok bool) {
	if den, ok = tl.den128(); !ok {
		return den, false
	}
	var prev wide.U128
	for k := range dst {
		share, ok1 := tl.shareNum128(bounds[k+1])
		cur, ok2 := share.Mul64(uint64(deals))
		d, ok3 := cur.Sub(prev)
		if !ok1 || !ok2 || !ok3 {
			return den, false
		}
		dst[k], prev = d, cur
	}
	return den, true
}

// stageNums sets dst (before, then one per column) to the numerators of
// stageMasses and returns their denominator: den × the product of the
// newᵤ₊₁ for u = n−2 … s.
func (tl *timeline) stageNums(w *Work, s int, bounds []int64, dst []wide.U128) (den wide.U128, ok bool) {
	n := len(w.Stages)
	if den, ok = tl.den128(); !ok {
		return den, false
	}
	for u := n - 2; u >= s; u-- {
		if w.Stages[u+1].New == 0 {
			clear(dst) // nothing to feed, as in stageMasses
			return wide.From(1), true
		}
		if den, ok = den.Mul64(uint64(w.Stages[u+1].New)); !ok {
			return den, false
		}
	}
	var prev wide.U128
	for k := range dst {
		cur, ok1 := tl.newBy128(w, s, bounds[k], den)
		d, ok2 := cur.Sub(prev)
		if !ok1 || !ok2 {
			return den, false
		}
		dst[k], prev = d, cur
	}
	return den, true
}

// newBy128 is newBy on 128 bits.
func (tl *timeline) newBy128(w *Work, s int, t int64, den wide.U128) (wide.U128, bool) {
	n := len(w.Stages)
	at := t + int64(w.Stages[s].Lead)
	switch {
	case at <= 0:
		return wide.U128{}, true
	case at >= tl.starts[12]:
		return den.Mul64(uint64(w.Stages[s].New))
	}
	share, ok := tl.shareNum128(at)
	if !ok {
		return share, false
	}
	x, ok := share.Mul64(uint64(w.Deals))
	if !ok {
		return x, false
	}
	d, ok := tl.den128()
	if !ok {
		return d, false
	}
	if x, ok = less128(x, w.Stages[n-1].Pipeline, d); !ok {
		return x, false
	}
	for u := n - 2; u >= s; u-- {
		if x.IsZero() {
			return x, true
		}
		var ok1, ok2, ok3 bool
		x, ok1 = x.Mul64(uint64(w.Stages[u].Required))
		d, ok2 = d.Mul64(uint64(w.Stages[u+1].New))
		x, ok3 = less128(x, w.Stages[u].Pipeline, d)
		if !ok1 || !ok2 || !ok3 {
			return x, false
		}
	}
	return x, true
}

// less128 returns max(0, x − p·d).
func less128(x wide.U128, p int64, d wide.U128) (wide.U128, bool) {
	if p == 0 {
		return x, true
	}
	pd, ok := d.Mul64(uint64(p))
	if !ok {
		return x, false
	}
	if x.Cmp(pd) <= 0 {
		return wide.U128{}, true
	}
	z, _ := x.Sub(pd)
	return z, true
}

// activityNums sets dst (before, then one per column) to the numerators of a
// row's exact activity — Σₛ cₛ × the stage's mass / newₛ, cₛ the activity's
// count of stage s (0 for none) — over the denominator it returns, from the
// stages' numerators nums[s] over dens[s]. Stage s's mass / newₛ has the
// denominator Pₛ = den × newₛ × … × newₙ₋₁, so the first stage with an
// activity has a denominator every later one divides.
func activityNums(w *Work, c []int64, nums [][]wide.U128, dens []wide.U128, dst []wide.U128) (den wide.U128, ok bool) {
	clear(dst)
	first := -1
	var scale wide.U128 // P_first / Pₛ
	for s := range c {
		nw := w.Stages[s].New
		if first >= 0 {
			if scale, ok = scale.Mul64(uint64(w.Stages[s-1].New)); !ok {
				return den, false
			}
		}
		if c[s] == 0 || nw == 0 {
			continue
		}
		if first < 0 {
			first, scale = s, wide.From(1)
			if den, ok = dens[s].Mul64(uint64(nw)); !ok {
				return den, false
			}
		}
		f, ok := scale.Mul64(uint64(c[s]))
		if !ok {
			return den, false
		}
		for k, x := range nums[s] {
			y, ok1 := mulWide(x, f)
			z, ok2 := dst[k].Add(y)
			if !ok1 || !ok2 {
				return den, false
			}
			dst[k] = z
		}
	}
	if first < 0 {
		return wide.From(1), true
	}
	return den, true
}

// mulWide returns x × y; ok is false when it does not fit in 128 bits.
func mulWide(x, y wide.U128) (wide.U128, bool) {
	switch {
	case x.Hi == 0:
		return y.Mul64(x.Lo)
	case y.Hi == 0:
		return x.Mul64(y.Lo)
	}
	return wide.U128{}, false
}

// activityCounts sets c[s] to the activity's count of stage s, Σ ⌈newₛ ×
// count⌉ over the stage's activities of that name, and returns their total;
// ok is false when it is beyond MaxCount.
func activityCounts(st []Stage, w *Work, name string, c []int64) (total int64, ok bool) {
	clear(c)
	for s, stage := range st {
		nw := w.Stages[s].New
		if nw == 0 {
			continue
		}
		for _, a := range stage.Activities {
			if a.Name != name || a.Count.Sign() == 0 {
				continue
			}
			n, within := ceilTimes(nw, a.Count)
			if !within || total > MaxCount-n {
				return 0, false
			}
			total += n
			c[s] += n
		}
	}
	return total, true
}

// ceilTimes returns ⌈n × x⌉ for n ≥ 0, x > 0; within is false when it is more
// than MaxCount.
func ceilTimes(n int64, x *big.Rat) (int64, bool) {
	if xn, xd, ok := ratU64(x); ok {
		num, ok1 := wide.From(uint64(n)).Mul64(xn)
		q, r, ok2 := num.QuoRem(wide.From(xd))
		if ok1 && ok2 && q <= MaxCount && !(q == MaxCount && !r.IsZero()) {
			if !r.IsZero() {
				q++
			}
			return int64(q), true
		}
	}
	c := ceilQuo(new(big.Rat).Mul(big.NewRat(n, 1), x), ratOne)
	return c.Int64(), c.Cmp(maxCount) <= 0
}
