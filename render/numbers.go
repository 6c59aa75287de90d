package render

import (
	"math/big"
	"strings"

	"github.com/planhq/plan/plan"
)

// Grouped inserts thousands separators into a plain decimal: "31500000" →
// "31,500,000", "-1234.5" → "-1,234.5".
func Grouped(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Money writes n units for people: grouped, with exactly the unit's decimal
// places (1,234.50 for a unit of 0.01). It builds the text in one buffer (a
// table of 100,000 people by week has millions of cells).
func Money(u plan.Unit, n int64) string {
	var raw [48]byte
	s := u.AppendFormat(raw[:0], n)
	places := u.Places()
	intEnd := len(s)
	frac := 0
	for i, c := range s {
		if c == '.' {
			intEnd, frac = i, len(s)-i-1
			break
		}
	}
	start := 0
	if len(s) > 0 && s[0] == '-' {
		start = 1
	}
	digits := intEnd - start
	out := make([]byte, 0, len(s)+digits/3+places+1)
	out = append(out, s[:start]...)
	for i := start; i < intEnd; i++ {
		if i > start && (intEnd-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if places > 0 {
		out = append(out, '.')
		if frac > 0 {
			out = append(out, s[intEnd+1:]...)
		}
		for k := frac; k < places; k++ {
			out = append(out, '0')
		}
	}
	return string(out)
}

// Percent writes a fraction as a percentage with at most one decimal place:
// 0.7 → "70%", 0.4889… → "48.9%".
func Percent(r *big.Rat) string {
	if r == nil {
		return ""
	}
	p := new(big.Rat).Mul(r, big.NewRat(100, 1))
	return plan.FormatRat(roundRat(p, 1), 1) + "%"
}

// roundRat rounds r to the given decimal places, halves away from zero.
func roundRat(r *big.Rat, places int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	x := new(big.Rat).Mul(r, new(big.Rat).SetInt(scale))
	neg := x.Sign() < 0
	x.Abs(x)
	x.Add(x, big.NewRat(1, 2))
	q := new(big.Int).Quo(x.Num(), x.Denom())
	if neg {
		q.Neg(q)
	}
	return new(big.Rat).SetFrac(q, scale)
}

// Fraction writes a share as a JSON-ready decimal: exact when it terminates
// within 10 places (0.7), else rounded to 10 places (0.4889850796).
func Fraction(r *big.Rat) string {
	return plan.FormatRat(r, 10)
}
