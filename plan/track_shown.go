package plan

import "math/big"

// Shown rounds an attainment for display to places decimal places of the
// fraction (3 for a percent with one decimal) so that it never contradicts
// its status (SPEC §6 "shown as decided"): it is rounded half away from zero
// unless that crosses a threshold, in which case it is cut toward the
// attainment's own side (89.98 % with a 90 % threshold is 89.9 %, never 90 %
// yellow). When no value at places decimals lies in the status's band (a band
// narrower than one step), more places are used. It returns the value and its
// number of places; nil for a nil attainment.
func (t Tracking) Shown(a *big.Rat, places int) (*big.Rat, int) {
	if a == nil {
		return nil, places
	}
	want := t.Status(a, ratZero)
	for p := places; p < places+20; p++ {
		r := roundHalfAway(a, p)
		if t.Status(r, ratZero) == want {
			return r, p
		}
		toward := floorAt(a, p) // the rounding went up past a threshold
		if r.Cmp(a) < 0 {
			toward = ceilAt(a, p)
		}
		if t.Status(toward, ratZero) == want {
			return toward, p
		}
	}
	return new(big.Rat).Set(a), places + 20
}

// roundHalfAway rounds r to p decimal places, halves away from zero.
func roundHalfAway(r *big.Rat, p int) *big.Rat {
	x := new(big.Rat).Mul(r, pow10(p))
	neg := x.Sign() < 0
	x.Abs(x)
	x.Add(x, big.NewRat(1, 2))
	q := new(big.Int).Quo(x.Num(), x.Denom())
	if neg {
		q.Neg(q)
	}
	return new(big.Rat).Quo(new(big.Rat).SetInt(q), pow10(p))
}

// floorAt rounds r down to p decimal places; ceilAt rounds it up.
func floorAt(r *big.Rat, p int) *big.Rat {
	x := new(big.Rat).Mul(r, pow10(p))
	q := new(big.Int).Div(x.Num(), x.Denom()) // Euclidean: floor for a positive denominator
	return new(big.Rat).Quo(new(big.Rat).SetInt(q), pow10(p))
}

func ceilAt(r *big.Rat, p int) *big.Rat {
	return new(big.Rat).Neg(floorAt(new(big.Rat).Neg(r), p))
}
