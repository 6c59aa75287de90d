package plan

import (
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// MaxUnits bounds how many allocation units a target may hold (10¹⁵: a 10-trillion
// target allocated to the cent). Below it every product of two unit counts fits
// in 128 bits and every sum of a plan's cells fits in an int64.
const MaxUnits = 1_000_000_000_000_000

// Unit is the allocation unit of a plan (its `round`), a positive decimal
// Mant × 10^Exp with Mant not divisible by 10. Allocated amounts are whole
// counts of it, held in int64.
type Unit struct {
	Mant int64
	Exp  int
}

// One is the unit 1 (whole numbers; the unit of counts).
var One = Unit{Mant: 1}

// NewUnit returns the unit of r, which must be a positive terminating decimal.
func NewUnit(r *big.Rat) (Unit, bool) {
	if r.Sign() <= 0 {
		return Unit{}, false
	}
	places, ok := decimalPlaces(r)
	if !ok {
		return Unit{}, false
	}
	m := new(big.Rat).Mul(r, pow10(places))
	if !m.IsInt() || !m.Num().IsInt64() {
		return Unit{}, false
	}
	u := Unit{Mant: m.Num().Int64(), Exp: -places}
	for u.Mant%10 == 0 {
		u.Mant /= 10
		u.Exp++
	}
	return u, true
}

// Rat returns the unit as an exact rational.
func (u Unit) Rat() *big.Rat {
	r := new(big.Rat).SetInt64(u.Mant)
	if u.Exp > 0 {
		r.Mul(r, pow10(u.Exp))
	} else if u.Exp < 0 {
		r.Quo(r, pow10(-u.Exp))
	}
	return r
}

// String writes the unit as a decimal ("1000", "0.01").
func (u Unit) String() string { return u.Format(1) }

// Count returns r / u when it is a whole number of units within MaxUnits.
func (u Unit) Count(r *big.Rat) (n int64, whole bool) {
	q := new(big.Rat).Quo(r, u.Rat())
	if !q.IsInt() {
		return 0, false
	}
	if !q.Num().IsInt64() || q.Num().Int64() > MaxUnits || q.Num().Int64() < -MaxUnits {
		return 0, false
	}
	return q.Num().Int64(), true
}

// RoundHalfUp returns r / u rounded to the nearest whole number of units, halves
// up (away from zero for the non-negative values plans hold). ok is false when
// the result is beyond MaxUnits.
func (u Unit) RoundHalfUp(r *big.Rat) (n int64, ok bool) {
	q := new(big.Rat).Quo(r, u.Rat())
	q.Add(q, big.NewRat(1, 2))
	f := new(big.Int).Div(q.Num(), q.Denom()) // floor for positive denominators
	if !f.IsInt64() || f.Int64() > MaxUnits || f.Int64() < -MaxUnits {
		return 0, false
	}
	return f.Int64(), true
}

// Amount returns n units as an exact rational.
func (u Unit) Amount(n int64) *big.Rat {
	return new(big.Rat).Mul(new(big.Rat).SetInt64(n), u.Rat())
}

// Format writes n units as an exact decimal with no trailing fractional zeros
// and no grouping: 31500000, 1234.5, -0.01.
func (u Unit) Format(n int64) string {
	return string(u.AppendFormat(nil, n))
}

// AppendFormat appends Format(n) to b.
func (u Unit) AppendFormat(b []byte, n int64) []byte {
	if n == 0 {
		return append(b, '0')
	}
	neg := n < 0
	un := uint64(n)
	if neg {
		un = uint64(-n)
	}
	hi, lo := bits.Mul64(un, uint64(u.Mant))
	var digits string
	if hi == 0 && lo <= 1<<63-1 {
		digits = strconv.FormatUint(lo, 10)
	} else {
		p := new(big.Int).Mul(new(big.Int).SetUint64(un), big.NewInt(u.Mant))
		digits = p.String()
	}
	if neg {
		b = append(b, '-')
	}
	if u.Exp >= 0 {
		b = append(b, digits...)
		for range u.Exp {
			b = append(b, '0')
		}
		return b
	}
	places := -u.Exp
	if len(digits) <= places {
		digits = strings.Repeat("0", places-len(digits)+1) + digits
	}
	intPart, frac := digits[:len(digits)-places], digits[len(digits)-places:]
	frac = strings.TrimRight(frac, "0")
	b = append(b, intPart...)
	if frac != "" {
		b = append(b, '.')
		b = append(b, frac...)
	}
	return b
}

// Places is the number of decimal places a unit amount may need (0 for whole units).
func (u Unit) Places() int {
	if u.Exp >= 0 {
		return 0
	}
	return -u.Exp
}
