package render

import (
	"math"

	"github.com/planhq/plan/plan"
)

// levelUnit is the display unit that suits amounts up to biggest (full
// values): the workbook's, or the next smaller one while the biggest amount
// is below one of it, so that a person's 80万 shows as 80.0万 and not as
// ¥0.01亿 under --units 亿 (亿 → 万 → full, M → k → full).
func levelUnit(u DisplayUnit, biggest float64) DisplayUnit {
	for {
		next, below := u, 0.0
		switch u {
		case UnitsYi:
			next, below = UnitsWan, 1e8
		case UnitsMillion:
			next, below = UnitsThousand, 1e6
		case UnitsWan:
			next, below = UnitsFull, 1e4
		case UnitsThousand:
			next, below = UnitsFull, 1e3
		}
		if next == u || math.Abs(biggest) >= below {
			return u
		}
		u = next
	}
}

// moneyIn is the number format of amounts shown in a display unit.
func (n numbers) moneyIn(u DisplayUnit) string {
	return n.prefix + amountFormat(n.places, u)
}

// levelFormats are the number formats of a dimension sheet's amounts by depth
// (index 1 = top level; index 0 the total row's): each level in the display
// unit that suits its largest annual amount.
func levelFormats(d *plan.DimensionSplit, n numbers) []string {
	biggest := []float64{0}
	for _, r := range d.Rows {
		for len(biggest) <= r.Depth+1 {
			biggest = append(biggest, 0)
		}
		biggest[r.Depth] = max(biggest[r.Depth], math.Abs(n.value(r.Amount)))
		if overAssigned(r) {
			biggest[r.Depth+1] = max(biggest[r.Depth+1], math.Abs(n.value(blockTotal(r))))
		}
	}
	out := make([]string, len(biggest))
	out[0] = n.money
	for depth := 1; depth < len(biggest); depth++ {
		out[depth] = n.moneyIn(levelUnit(n.units, biggest[depth]))
	}
	return out
}
