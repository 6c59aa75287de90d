package render

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/planhq/plan/plan"
)

// DisplayUnit is how a workbook displays amounts (`plan export --units`). The
// cells always hold the full values; only their number format scales them.
type DisplayUnit string

// The display units.
const (
	UnitsFull     DisplayUnit = ""  // full amounts, with the plan's decimal places
	UnitsWan      DisplayUnit = "万" // 10⁴, one decimal: 1234.6万
	UnitsYi       DisplayUnit = "亿" // 10⁸, two decimals: 12.35亿
	UnitsThousand DisplayUnit = "k" // 10³, one decimal: 1,234.6k
	UnitsMillion  DisplayUnit = "M" // 10⁶, two decimals: 12.35M
)

// ParseDisplayUnit reads a --units value.
func ParseDisplayUnit(s string) (DisplayUnit, error) {
	switch u := DisplayUnit(s); u {
	case UnitsFull, UnitsWan, UnitsYi, UnitsThousand, UnitsMillion:
		return u, nil
	}
	return "", plan.Problemf("", "unknown display unit %q (valid: 万, 亿, k, M)", s)
}

// maxDigits is how many significant digits a cell can hold exactly: Excel
// keeps 15, and every whole number below 10¹⁵ is an exact double, so are the
// sums of such numbers.
const maxDigits = 15

// numbers holds how a workbook writes amounts: the allocation unit, the number
// formats, and how totals are rounded back onto the unit's decimal places.
type numbers struct {
	unit    plan.Unit
	places  int         // decimal places of the unit (0 for whole units)
	money   string      // number format of amounts
	percent string      // number format of shares
	prefix  string      // the currency part of money
	units   DisplayUnit // the display unit of money
}

func newNumbers(b *plan.Breakdown, units DisplayUnit) (numbers, error) {
	if _, err := ParseDisplayUnit(string(units)); err != nil {
		return numbers{}, err
	}
	n := numbers{unit: b.Unit, places: b.Unit.Places(), percent: "0.0%"}
	prefix := ""
	if b.Kind == plan.KindAmount {
		prefix = currencyPrefix(b.Plan.Currency)
	}
	n.money = prefix + amountFormat(n.places, units)
	n.prefix, n.units = prefix, units
	return n, nil
}

// amountFormat is the number format of an amount with the given decimal places
// shown in a display unit. Trailing commas scale by 10³ each; 万 and 亿 insert a
// literal decimal point into the scaled digits (the usual Chinese Excel formats).
func amountFormat(places int, units DisplayUnit) string {
	switch units {
	case UnitsWan:
		return `0\.0,"万"`
	case UnitsYi:
		return `0\.00,,"亿"`
	case UnitsThousand:
		return `#,##0.0,"k"`
	case UnitsMillion:
		return `#,##0.00,,"M"`
	}
	if places > 0 {
		return "#,##0." + strings.Repeat("0", places)
	}
	return "#,##0"
}

// currencies maps ISO 4217 codes to Excel currency tokens (symbol and locale).
var currencies = map[string]string{
	"CNY": "[$¥-804]",
	"RMB": "[$¥-804]",
	"JPY": "[$¥-411]",
	"USD": "[$$-409]",
	"EUR": "[$€-2] ",
	"GBP": "[$£-809]",
	"HKD": "[$HK$-C04]",
	"TWD": "[$NT$-404]",
	"KRW": "[$₩-412]",
}

// currencyPrefix is the number-format prefix of a currency: its symbol when
// known, else the code itself (e.g. "[$SEK] "), nothing when none is given.
func currencyPrefix(code string) string {
	if code == "" {
		return ""
	}
	if p, ok := currencies[strings.ToUpper(code)]; ok {
		return p
	}
	clean := strings.Map(func(r rune) rune {
		if r == ']' || r == '[' || r == '"' || r == '-' {
			return -1
		}
		return r
	}, code)
	return "[$" + clean + "] "
}

// value is the cell value of n units: the exact amount as the nearest double,
// which is the amount itself when it has at most 15 significant digits
// (checkExact makes sure of it).
func (n numbers) value(x int64) float64 {
	u := n.unit
	v := float64(x) * float64(u.Mant)
	if u.Exp >= 0 {
		return v * math.Pow10(u.Exp)
	}
	return v / math.Pow10(-u.Exp)
}

// sum wraps a sum formula so that it evaluates to exactly the engine's amount:
// whole units add up exactly in doubles; decimal units are rounded back onto
// their places (ROUND(…, 2)), which gives the same double as the amount typed in.
func (n numbers) sum(expr string) string {
	if n.places == 0 {
		return expr
	}
	return "ROUND(" + expr + "," + strconv.Itoa(n.places) + ")"
}

// checkExact refuses a breakdown whose amounts a spreadsheet cannot hold
// exactly: every value and total must fit in 15 significant digits at the
// unit's decimal places (below 10¹⁵ for whole units, 10¹³ for cents).
func checkExact(b *plan.Breakdown, n numbers) error {
	biggest := b.Target
	for _, t := range tierTargets(b) {
		biggest = max(biggest, t.target)
	}
	for _, d := range b.Dimensions {
		for _, r := range d.Rows {
			biggest = max(biggest, r.Amount, blockTotal(r))
		}
	}
	// value × 10^places as a whole number of digits
	digits := new(big.Int).Mul(big.NewInt(biggest), big.NewInt(b.Unit.Mant))
	if e := b.Unit.Exp + n.places; e > 0 {
		digits.Mul(digits, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
	}
	limit := new(big.Int).Exp(big.NewInt(10), big.NewInt(maxDigits), nil)
	if digits.Cmp(limit) < 0 {
		return nil
	}
	hint := "amounts must stay below 1,000,000,000,000,000; split the plan"
	if n.places > 0 {
		hint = "round to fewer decimals (round: 1), or split the plan"
	}
	return plan.Problemf(hint, "cannot export %s: the amount %s needs more than the %d significant digits a spreadsheet holds exactly",
		b.Plan.Name, b.Unit.Format(biggest), maxDigits)
}

// blockTotal is the sum of a row's children's amounts (0 for a leaf): its
// amount, or more under over_assign.
func blockTotal(r *plan.Row) int64 {
	var t int64
	for _, c := range r.Children {
		t += c.Amount
	}
	return t
}

// tierTarget is a tier of the plan with the target it gives the exported metric.
type tierTarget struct {
	name   string
	factor *big.Rat
	target int64
}

// tierTargets lists the plan's declared tiers with their targets (the metric's
// target × factor, rounded to its unit, halves up: SPEC §4).
func tierTargets(b *plan.Breakdown) []tierTarget {
	p := b.Plan
	var out []tierTarget
	for _, t := range p.Tiers {
		n, ok := p.TierTarget(b.Metric, t.Factor)
		if !ok {
			continue
		}
		out = append(out, tierTarget{name: t.Name, factor: t.Factor, target: n})
	}
	return out
}

// ratFloat is a share as the nearest double.
func ratFloat(r *big.Rat) float64 {
	if r == nil {
		return 0
	}
	f, _ := r.Float64()
	return f
}
