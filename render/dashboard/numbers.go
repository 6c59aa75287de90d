package dashboard

import (
	"html"
	"html/template"
	"math/big"
	"strconv"
	"strings"

	"github.com/planhq/plan/render"
)

// Num is one number on the page: where it comes from (data-k), its exact
// value as the JSON has it (data-v) and its text for people.
type Num struct {
	Key  string
	Val  string
	Text string
}

// HTML writes the number as a span carrying data-k and data-v.
func (n Num) HTML() template.HTML {
	if n.Key == "" {
		return template.HTML(html.EscapeString(n.Text))
	}
	return template.HTML(`<span class="n" data-k="` + html.EscapeString(n.Key) + `" data-v="` +
		html.EscapeString(n.Val) + `">` + html.EscapeString(n.Text) + `</span>`)
}

// attrs returns the data-k and data-v attributes for an SVG element.
func (n Num) attrs() string {
	if n.Key == "" {
		return ""
	}
	return ` data-k="` + html.EscapeString(n.Key) + `" data-v="` + html.EscapeString(n.Val) + `"`
}

// Empty reports whether the number has no value (missing or null in its JSON).
func (n Num) Empty() bool { return n.Val == "" }

// money is the number at r as a grouped amount (31,500,000 or 1,234.50).
func money(r ref) Num {
	v := r.num()
	if v == "" {
		return Num{Key: r.Key(), Text: "—"}
	}
	return Num{Key: r.Key(), Val: v, Text: render.Grouped(v)}
}

// count is the number at r as a grouped whole number.
func count(r ref) Num { return money(r) }

// percent is the fraction at r as a percentage with one decimal, rounded
// down: a status shown next to it never contradicts it (89.98 % with a 90 %
// threshold shows 89.9 %, never 90 %).
func percent(r ref) Num {
	v := r.num()
	if v == "" {
		return Num{Key: r.Key(), Text: "—"}
	}
	return Num{Key: r.Key(), Val: v, Text: percentText(v)}
}

// percentText writes a decimal fraction as a percentage, one decimal, rounded
// toward −∞; whole percentages lose the ".0".
func percentText(v string) string {
	x, ok := new(big.Rat).SetString(v)
	if !ok {
		return v
	}
	x.Mul(x, big.NewRat(1000, 1)) // tenths of a percent
	q := floorRat(x)
	s := q.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for len(s) < 2 {
		s = "0" + s
	}
	out := s[:len(s)-1]
	if d := s[len(s)-1:]; d != "0" {
		out += "." + d
	}
	if neg {
		out = "-" + out
	}
	return out + "%"
}

// floorRat returns ⌊x⌋.
func floorRat(x *big.Rat) *big.Int {
	q, m := new(big.Int).DivMod(x.Num(), x.Denom(), new(big.Int))
	_ = m // DivMod is Euclidean: with a positive denominator q is the floor
	return q
}

// compact writes an amount short for a chart label: 1,069.3万 or 2.4亿 in
// Chinese, 10.7M or 950k otherwise, rounded half up to one decimal.
func compact(v string, zh bool) string {
	x, ok := new(big.Rat).SetString(v)
	if !ok {
		return v
	}
	abs := new(big.Rat).Abs(x)
	type step struct {
		at     int64
		suffix string
	}
	steps := []step{{1_000_000_000, "B"}, {1_000_000, "M"}, {1_000, "k"}}
	if zh {
		steps = []step{{100_000_000, "亿"}, {10_000, "万"}}
	}
	for _, s := range steps {
		if abs.Cmp(new(big.Rat).SetInt64(s.at)) >= 0 {
			y := new(big.Rat).Quo(x, new(big.Rat).SetInt64(s.at))
			return render.Grouped(oneDecimal(y)) + s.suffix
		}
	}
	return render.Grouped(oneDecimal(x))
}

// oneDecimal rounds to one decimal place, halves away from zero, dropping ".0".
func oneDecimal(x *big.Rat) string {
	s := x.FloatString(1)
	return strings.TrimSuffix(s, ".0")
}

// short is the amount at r written compact, with its exact value kept.
func short(r ref, zh bool) Num {
	v := r.num()
	if v == "" {
		return Num{Key: r.Key(), Text: "—"}
	}
	return Num{Key: r.Key(), Val: v, Text: compact(v, zh)}
}

// float is a number's value for drawing only (bar lengths, chart geometry).
func float(v string) float64 {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0
	}
	return f
}

// fmtCoord writes a drawing coordinate with one decimal, deterministically.
func fmtCoord(f float64) string {
	return strconv.FormatFloat(f, 'f', 1, 64)
}

// twoDecimals rounds a decimal to two places, halves away from zero.
func twoDecimals(v string) string {
	x, ok := new(big.Rat).SetString(v)
	if !ok {
		return v
	}
	return x.FloatString(2)
}
