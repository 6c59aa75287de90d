package funnel

import "math/big"

// timeline places the funnel's entries in time, by days.
//
// The profile is the leaf's money per month. Each month's money (and so its
// share of the deals) is taken to fall evenly over the month's calendar days,
// so the year's deals are a step density over its days and M(t) — the share
// of the year's money booked before day t (day 0 is the first day of the
// fiscal year) — is piecewise linear. A stage whose Lead is L days
// must see its entries L days before the money they turn into, so its required
// entries by day t are proportional to M(t + L). The deals in flight at a stage
// cover its earliest entries: the new entries by day t are max(0, required by
// day t − pipeline). A stage's required entries follow the next stage's new
// entries (shifted by the stage's own days, scaled by Rₛ / newₛ₊₁, which is
// 1 / rate up to the rounding up of Rₛ). Entries due before day 0 are `before`;
// the rest fall into the period (month or ISO week) that holds their day. The
// mass of each bucket is exact (a rational number); the scheduler rounds them.
type timeline struct {
	profile [12]int64
	days    [12]int64
	starts  [13]int64 // the first day of each month; starts[12] is the end of the year
	cum     [13]int64 // the profile summed over the months before
	lcm     int64     // the least common multiple of the month lengths
	den     *big.Int  // cum[12] × lcm, the denominator of M(t): made by bigDen
}

func newTimeline(profile []int64, monthDays []int) *timeline {
	tl := new(timeline)
	tl.init(profile, monthDays)
	return tl
}

// init sets the timeline to a profile and month lengths (12 each), keeping the
// scratch space.
func (tl *timeline) init(profile []int64, monthDays []int) {
	copy(tl.profile[:], profile)
	var total int64
	for _, v := range profile {
		total += v
	}
	if total == 0 {
		// No money to follow: spread evenly over the days of the year.
		for i, d := range monthDays {
			tl.profile[i] = int64(d)
		}
	}
	for i, d := range monthDays {
		tl.days[i] = int64(d)
		tl.starts[i+1] = tl.starts[i] + int64(d)
		tl.cum[i+1] = tl.cum[i] + tl.profile[i]
	}
	tl.lcm = 1
	for _, d := range tl.days {
		tl.lcm = tl.lcm / gcd(tl.lcm, d) * d
	}
	tl.den = nil
}

// bigDen returns cum[12] × lcm as a big.Int (not to be modified).
func (tl *timeline) bigDen() *big.Int {
	if tl.den == nil {
		tl.den = new(big.Int).Mul(big.NewInt(tl.cum[12]), big.NewInt(tl.lcm))
	}
	return tl.den
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// shareNum returns M(t) × den, where den = (the profile's total) × (the least
// common multiple of the month lengths): a whole number, so that every
// cumulative count of a stage has one denominator.
func (tl *timeline) shareNum(t int64) *big.Int {
	switch {
	case t <= 0:
		return new(big.Int)
	case t >= tl.starts[12]:
		return new(big.Int).Set(tl.bigDen())
	}
	m := 0
	for tl.starts[m+1] <= t {
		m++
	}
	// cum[m]·lcm + profile[m]·(t − start[m])·lcm/days[m]
	num := new(big.Int).Mul(big.NewInt(tl.cum[m]), big.NewInt(tl.lcm))
	part := big.NewInt(tl.profile[m] * (t - tl.starts[m]))
	part.Mul(part, big.NewInt(tl.lcm/tl.days[m]))
	return num.Add(num, part)
}

// dealMasses returns the deals' proportional value in each column: D × the
// share of the money that falls in it (D × M(bounds[k+1]) − D × M(bounds[k])).
func (tl *timeline) dealMasses(deals int64, bounds []int64) []*big.Rat {
	out := make([]*big.Rat, len(bounds)-1)
	d := big.NewInt(deals)
	prev := new(big.Int)
	for k := range out {
		cur := tl.shareNum(bounds[k+1])
		cur.Mul(cur, d)
		out[k] = new(big.Rat).SetFrac(new(big.Int).Sub(cur, prev), tl.bigDen())
		prev = cur
	}
	return out
}

// stageMasses returns the exact new entries of stage s due before the year
// (index 0) and in each column (1…): they add up to the stage's New.
//
// The new entries of stage s due before day t are
//
//	x = max(0, D·M(t + Leadₛ) − Pₙ), then for u = n−1 … s: x = max(0, x·Rᵤ/newᵤ₊₁ − Pᵤ).
//
// They are computed as whole numerators over one denominator (den × the
// product of the newᵤ₊₁), with no reduction on the way.
func (tl *timeline) stageMasses(w *Work, s int, bounds []int64) []*big.Rat {
	n := len(w.Stages)
	out := make([]*big.Rat, len(bounds))
	den := new(big.Int).Set(tl.bigDen())
	for u := n - 2; u >= s; u-- {
		if w.Stages[u+1].New == 0 {
			// nothing to feed: stage s needs no entries (and has none: New
			// is 0 whenever a later stage's is)
			for k := range out {
				out[k] = new(big.Rat)
			}
			return out
		}
		den.Mul(den, big.NewInt(w.Stages[u+1].New))
	}
	prev := new(big.Int)
	for k := range out {
		cur := tl.newBy(w, s, bounds[k], den)
		out[k] = new(big.Rat).SetFrac(new(big.Int).Sub(cur, prev), den)
		prev = cur
	}
	return out
}

// newBy returns the numerator over den of the new entries stage s needs
// before day t.
func (tl *timeline) newBy(w *Work, s int, t int64, den *big.Int) *big.Int {
	n := len(w.Stages)
	at := t + int64(w.Stages[s].Lead)
	switch {
	case at <= 0:
		return new(big.Int)
	case at >= tl.starts[12]: // all of the year's money is due
		return new(big.Int).Mul(big.NewInt(w.Stages[s].New), den)
	}
	x := tl.shareNum(at)
	x.Mul(x, big.NewInt(w.Deals))
	d := new(big.Int).Set(tl.bigDen()) // x's denominator so far
	x = less(x, w.Stages[n-1].Pipeline, d)
	for u := n - 2; u >= s; u-- {
		if x.Sign() == 0 {
			return x
		}
		x.Mul(x, big.NewInt(w.Stages[u].Required))
		d.Mul(d, big.NewInt(w.Stages[u+1].New))
		x = less(x, w.Stages[u].Pipeline, d)
	}
	return x
}

// less returns max(0, x − p·d), reusing x.
func less(x *big.Int, p int64, d *big.Int) *big.Int {
	if p == 0 {
		return x
	}
	x.Sub(x, new(big.Int).Mul(big.NewInt(p), d))
	if x.Sign() < 0 {
		x.SetInt64(0)
	}
	return x
}
