package render

import (
	"math/big"

	"github.com/planhq/plan/plan"
)

// An attainment is shown next to its status, so it is rounded the way the
// status was decided (plan.Tracking.Shown): 89.98 % against a 90 % threshold
// is 89.9 %, never 90 % yellow.

// attainmentPercent writes an attainment as a percent with one decimal
// (more when a narrow band needs them), its status kept.
func attainmentPercent(t plan.Tracking, a *big.Rat) string {
	if a == nil {
		return ""
	}
	r, places := t.Shown(a, 3)
	return plan.FormatRat(new(big.Rat).Mul(r, big.NewRat(100, 1)), places-2) + "%"
}

// attainmentFraction writes an attainment as a fraction of up to 10 places,
// its status kept.
func attainmentFraction(t plan.Tracking, a *big.Rat) string {
	if a == nil {
		return ""
	}
	r, places := t.Shown(a, 10)
	return plan.FormatRat(r, places)
}

// attainmentCell is the workbook's attainment: the formula x (YTD actual /
// YTD target), cut to 3 places (a percent with one decimal, as the sheet
// shows it) when it lies within half a step below a threshold, so the number
// shown never contradicts the status formula that reads it; and its cached
// value.
func attainmentCell(t plan.Tracking, x string, a *big.Rat) (formula string, cached any) {
	cut := func(th *big.Rat, rest string) string {
		g := ratLiteral(th)
		return "IF(AND(" + x + "<" + g + ",ROUND(" + x + ",3)>=" + g + "),ROUNDDOWN(" + x + ",3)," + rest + ")"
	}
	formula = cut(t.Green, cut(t.Yellow, x))
	if a == nil {
		return formula, ""
	}
	return formula, digits15(attainmentValue(t, a))
}

// attainmentValue is the value of the workbook's attainment cell for an
// exact attainment a: a itself, or a cut to 3 places when it lies within half
// a step below a threshold.
func attainmentValue(t plan.Tracking, a *big.Rat) *big.Rat {
	for _, th := range []*big.Rat{t.Green, t.Yellow} {
		if a.Cmp(th) < 0 && roundRat(a, 3).Cmp(th) >= 0 {
			return truncRat(a, 3)
		}
	}
	return a
}

// truncRat cuts a non-negative r to the given decimal places.
func truncRat(r *big.Rat, places int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	x := new(big.Rat).Mul(r, new(big.Rat).SetInt(scale))
	q := new(big.Int).Quo(x.Num(), x.Denom())
	return new(big.Rat).SetFrac(q, scale)
}
