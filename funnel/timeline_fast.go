package funnel

import "math/bits"

// The fast path of the timeline: the same numerators as masses and newBy, over
// the same denominators, in 128-bit integers instead of math/big, and their
// largest-remainder apportionment without rationals. Whenever a number does
// not fit, it reports so and the exact path runs instead; it never rounds.
//
// The apportionment needs no rationals because a stage's masses are whole
// numerators Nₖ over one denominator den that add up to New × den: the exact
// share of bucket k, New × (Nₖ/den) / New, is Nₖ/den, so its floor is
// ⌊Nₖ / den⌋ and its remainder, on the common denominator den, is Nₖ mod den.

// spread apportions total over the months like the profile (largest remainder,
// ties to the earlier month) into out, as dealMonths does. The profile's
// weights and their sum fit in 64 bits (check bounds them), so it always can.
func (tl *timeline) spread(total int64, out []int64) {
	sum := uint64(tl.cum[12]) // > 0: init replaces an empty profile by the days
	for i, v := range tl.profile {
		hi, lo := bits.Mul64(uint64(total), uint64(v))
		q, r := bits.Div64(hi, lo, sum) // q ≤ total: v ≤ sum
		out[i], tl.rems[i] = int64(q), wide(r)
	}
	_ = handOut(out, tl.rems[:12], total) // exact floors and remainders: it cannot refuse
}

// stagesFast sets every stage's Before and Months (13 cells a stage from
// cells) as stagesExact would; ok is false when a number does not fit in 128
// bits, and then the stages must be computed again by stagesExact.
func (tl *timeline) stagesFast(w *Work, cells []int64) (ok bool) {
	if !tl.denominators(w) {
		return false
	}
	for s := range w.Stages {
		sw := &w.Stages[s]
		counts := cells[13*s : 13*s+13 : 13*s+13]
		sw.Before, sw.Months = 0, counts[1:]
		if !tl.fed(w, s) {
			equalShares(counts, sw.New)
			sw.Before = counts[0]
			continue
		}
		den := tl.dens[s]
		var prev u128
		for k := range 13 {
			cur, ok := tl.newByFast(w, s, tl.starts[k])
			if !ok {
				return false
			}
			mass, ok := cur.sub(prev)
			if !ok {
				return false
			}
			q, r, ok := mass.quoRem(den)
			if !ok || q > uint64(sw.New) {
				return false
			}
			counts[k], tl.rems[k] = int64(q), r
			prev = cur
		}
		if !handOut(counts, tl.rems[:13], sw.New) {
			return false
		}
		sw.Before = counts[0]
	}
	return true
}

// denominators sets dens[u], the denominator of a count after the stages
// from the won one up to u (den × newₙ × … × newᵤ₊₁, as in newBy), and
// pipe[u] = Pᵤ × dens[u]; ok is false when one does not fit.
func (tl *timeline) denominators(w *Work) (ok bool) {
	n := len(w.Stages)
	tl.dens, tl.pipe = grow(tl.dens, n), grow(tl.pipe, n)
	tl.dens[n-1], ok = wide(uint64(tl.cum[12])).mul64(uint64(tl.lcm))
	if !ok {
		return false
	}
	for u := n - 2; u >= 0; u-- {
		if tl.dens[u], ok = tl.dens[u+1].mul64(uint64(w.Stages[u+1].New)); !ok {
			return false
		}
	}
	for u := range n {
		if tl.pipe[u], ok = tl.dens[u].mul64(uint64(w.Stages[u].Pipeline)); !ok {
			return false
		}
	}
	return true
}

func grow(s []u128, n int) []u128 {
	if cap(s) < n {
		return make([]u128, n)
	}
	return s[:n]
}

// fed reports whether every stage after s has new entries; when one has none,
// stage s needs none either and masses gives it thirteen empty buckets.
func (tl *timeline) fed(w *Work, s int) bool {
	for u := len(w.Stages) - 2; u >= s; u-- {
		if w.Stages[u+1].New == 0 {
			return false
		}
	}
	return true
}

// equalShares is the apportionment of total over empty masses: plan.Apportion
// shares equally, the units left over to the earlier parts.
func equalShares(counts []int64, total int64) {
	n := int64(len(counts))
	for k := range counts {
		counts[k] = total / n
		if int64(k) < total%n {
			counts[k]++
		}
	}
}

// newByFast is newBy over dens[s]: the numerator of the new entries stage s
// needs before day t; ok is false when a number does not fit.
func (tl *timeline) newByFast(w *Work, s int, t int64) (x u128, ok bool) {
	n := len(w.Stages)
	at := t + int64(w.Stages[s].Lead)
	switch {
	case at <= 0:
		return u128{}, true
	case at >= tl.starts[12]: // all of the year's money is due
		return tl.dens[s].mul64(uint64(w.Stages[s].New))
	}
	if x, ok = tl.shareFast(at); !ok {
		return x, false
	}
	if x, ok = x.mul64(uint64(w.Deals)); !ok {
		return x, false
	}
	x = monus(x, tl.pipe[n-1])
	for u := n - 2; u >= s; u-- {
		if x.isZero() {
			return x, true
		}
		if x, ok = x.mul64(uint64(w.Stages[u].Required)); !ok {
			return x, false
		}
		x = monus(x, tl.pipe[u])
	}
	return x, true
}

// monus returns max(0, x − y).
func monus(x, y u128) u128 {
	if z, ok := x.sub(y); ok {
		return z
	}
	return u128{}
}

// shareFast is shareNum for 0 < t < the end of the year:
// cum[m]·lcm + profile[m]·(t − start[m])·lcm/days[m].
func (tl *timeline) shareFast(t int64) (u128, bool) {
	m := 0
	for tl.starts[m+1] <= t {
		m++
	}
	whole, _ := wide(uint64(tl.cum[m])).mul64(uint64(tl.lcm))                                      // 64 × 64 bits: fits
	part, _ := wide(uint64(tl.profile[m] * (t - tl.starts[m]))).mul64(uint64(tl.lcm / tl.days[m])) // likewise
	return whole.add(part)
}
