package plan

import (
	"errors"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The numbers of a plan are exact rationals (math/big.Rat) read from the text the
// user wrote, never binary floating point: "0.1" is exactly 1/10. Allocated amounts
// are whole counts of the plan's allocation unit held in int64 (see Unit).

// ValueError is a problem with one written value: a message and an optional hint.
type ValueError struct {
	Msg  string
	Hint string
}

func (e *ValueError) Error() string { return e.Msg }

func valueErr(hint, format string, args ...any) error {
	return &ValueError{Msg: sprintf(format, args...), Hint: hint}
}

// suffixes are the magnitude suffixes accepted after an amount, longest first so
// that 百万 is tried before 万.
var suffixes = []struct {
	text string
	exp  int
}{
	{"百万", 6}, {"千万", 7}, {"万亿", 12},
	{"万", 4}, {"亿", 8}, {"千", 3},
	{"k", 3}, {"K", 3}, {"m", 6}, {"M", 6}, {"b", 9}, {"B", 9},
}

// maxExponent bounds written exponents so that a hostile "1e999999999" cannot make
// the parser build an enormous number.
const maxExponent = 40

// maxDigits bounds the digits a number takes written out in full.
const maxDigits = 60

// maxInputDigits bounds the digits written, zeros included, so that parsing a
// pathological run of zeros stays cheap.
const maxInputDigits = 1000

// ParseAmount reads an amount as a user may write it: 50000000, 50_000_000,
// "50,000,000", "5000万", "0.5亿", "50M", "50m", "1.5k", "2B", "-3", "1.2e6".
// 万 = 10⁴, 亿 = 10⁸, k = 10³, M = 10⁶, B = 10⁹ (also 千, 百万, 千万, 万亿).
func ParseAmount(s string) (*big.Rat, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return nil, valueErr("", "expected an amount, found nothing")
	}
	exp := 0
	for _, suf := range suffixes {
		if strings.HasSuffix(t, suf.text) {
			t = strings.TrimSpace(strings.TrimSuffix(t, suf.text))
			exp = suf.exp
			break
		}
	}
	if strings.HasSuffix(t, "%") || strings.HasSuffix(t, "％") {
		return nil, valueErr("write an amount such as 5000000, \"5,000,000\" or \"500万\"", "%q is a percentage, not an amount", s)
	}
	if strings.Contains(t, ",") && !groupedByThousands(t) {
		return nil, valueErr("commas separate thousands, as in \"5,000,000\"; write a decimal with a point, as in \"1.5万\"", "%q: commas must group the digits by three", s)
	}
	r, err := parseScaled(t, exp)
	if err != nil {
		return nil, valueErr("write an amount such as 5000000, 5_000_000, \"5,000,000\", \"500万\", \"0.5亿\", \"5M\" or \"1.5k\"", "%q is not an amount", s)
	}
	return r, nil
}

// groupedByThousands reports whether the commas of an amount's integer part
// group its digits by three ("5,000,000"), so that "1,5" (a decimal comma) or
// "1,5万" is an error rather than silently fifteen.
func groupedByThousands(t string) bool {
	t = strings.TrimLeft(t, "+-")
	if i := strings.IndexAny(t, ".eE"); i >= 0 {
		t = t[:i]
	}
	groups := strings.Split(t, ",")
	for i, g := range groups {
		if strings.Trim(g, "0123456789") != "" || (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return false
		}
	}
	return true
}

// ParsePercent reads a percentage written "25%" (or "25 %", "25％") as the exact
// fraction 1/4. ok is false when s has no percent sign.
func ParsePercent(s string) (r *big.Rat, ok bool, err error) {
	t := strings.TrimSpace(s)
	switch {
	case strings.HasSuffix(t, "%"):
		t = strings.TrimSuffix(t, "%")
	case strings.HasSuffix(t, "％"):
		t = strings.TrimSuffix(t, "％")
	default:
		return nil, false, nil
	}
	if strings.Contains(t, ",") {
		return nil, true, valueErr("write the decimal with a point, e.g. \"12.5%\"", "%q: a percentage has no comma", s)
	}
	r, err = parseDecimal(strings.TrimSpace(t))
	if err != nil {
		return nil, true, valueErr("write a percentage such as \"25%\" or \"12.5%\"", "%q is not a percentage", s)
	}
	return r.Quo(r, big.NewRat(100, 1)), true, nil
}

// ParseNumber reads a plain decimal number (no suffix, no percent sign), e.g. a
// relative weight "1.5".
//
// Commas are refused: in a weight or a rate "1,5" is more likely a decimal
// comma than a thousands separator, and reading it as 15 would be silent.
func ParseNumber(s string) (*big.Rat, error) {
	if strings.Contains(s, ",") {
		return nil, valueErr("write the decimal with a point, e.g. 1.5", "%q: a weight or rate has no comma", s)
	}
	r, err := parseDecimal(strings.TrimSpace(s))
	if err != nil {
		return nil, valueErr("", "%q is not a number", s)
	}
	return r, nil
}

var errSyntax = errors.New("syntax")

// parseDecimal reads [+-]digits[.digits][e[+-]digits] where the integer digits
// may be grouped by '_' or ',' (never leading, trailing or doubled). The
// digits are gathered into a uint64 while they fit, and into a string only
// beyond 18 digits.
func parseDecimal(s string) (*big.Rat, error) {
	return parseScaled(s, 0)
}

// parseScaled is parseDecimal times 10^extra (a magnitude suffix such as 万).
func parseScaled(s string, extra int) (*big.Rat, error) {
	if s == "" || !utf8.ValidString(s) {
		return nil, errSyntax
	}
	neg := false
	switch s[0] {
	case '+':
		s = s[1:]
	case '-':
		neg = true
		s = s[1:]
	}
	var d decimalDigits
	scale := 0
	i := 0
	seenDigit, lastSep := false, false
	for ; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			d.add(c)
			seenDigit, lastSep = true, false
			continue
		}
		if c == '_' || c == ',' {
			if !seenDigit || lastSep {
				return nil, errSyntax
			}
			lastSep = true
			continue
		}
		break
	}
	if lastSep {
		return nil, errSyntax
	}
	if i < len(s) && s[i] == '.' {
		i++
		frac := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			d.add(s[i])
			frac++
		}
		if frac == 0 && !seenDigit {
			return nil, errSyntax
		}
		scale = frac
		seenDigit = seenDigit || frac > 0
	}
	if !seenDigit {
		return nil, errSyntax
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		n := 0
		start := i
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			n = n*10 + int(s[i]-'0')
			if n > maxExponent {
				return nil, errSyntax
			}
		}
		if i == start {
			return nil, errSyntax
		}
		if eneg {
			n = -n
		}
		exp = n
	}
	shift := exp - scale + extra
	if i != len(s) || d.count > maxInputDigits || writtenDigits(d.count-d.lead-d.trail, shift+d.trail) > maxDigits {
		return nil, errSyntax
	}
	if d.count <= 18 {
		if r, ok := smallDecimal(int64(d.small), shift, neg); ok {
			return r, nil
		}
	}
	n, ok := new(big.Int).SetString(d.String(), 10)
	if !ok {
		return nil, errSyntax
	}
	if neg {
		n.Neg(n)
	}
	r := new(big.Rat).SetInt(n)
	if shift > 0 {
		r.Mul(r, pow10(shift))
	} else if shift < 0 {
		r.Quo(r, pow10(-shift))
	}
	return r, nil
}

// writtenDigits is how many digits the value sig significant digits × 10^e
// takes written out without an exponent: at least one integer digit, plus the
// decimal places. Numbers are refused beyond maxDigits, so that every amount
// read can be written back and read again, and none is absurdly large.
func writtenDigits(sig, e int) int {
	if sig <= 0 {
		return 1 // zero
	}
	if e >= 0 {
		return sig + e
	}
	return max(1, sig+e) - e
}

// decimalDigits gathers the digits of a decimal: in a uint64 while there are
// at most 18, and as text once there are more. It counts the leading and
// trailing zeros, which do not count towards the digits a value needs.
type decimalDigits struct {
	small       uint64
	count       int
	lead, trail int
	text        []byte
}

func (d *decimalDigits) add(c byte) {
	if c == '0' {
		d.trail++
		if d.lead == d.count {
			d.lead++
		}
	} else {
		d.trail = 0
	}
	d.count++
	if d.count <= 18 {
		d.small = d.small*10 + uint64(c-'0')
		return
	}
	if d.text == nil {
		d.text = strconv.AppendUint(make([]byte, 0, 32), d.small, 10)
		for len(d.text) < d.count-1 { // keep leading zeros out of the count's way
			d.text = append([]byte{'0'}, d.text...)
		}
	}
	d.text = append(d.text, c)
}

// String returns the digits as text.
func (d *decimalDigits) String() string {
	if d.text != nil {
		return string(d.text)
	}
	return strconv.FormatUint(d.small, 10)
}

// pow10s are the powers of ten that fit in an int64.
var pow10s = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// smallDecimal builds m × 10^shift without big.Int arithmetic when the power of
// ten fits in an int64 and so does the product (the common case).
func smallDecimal(m int64, shift int, neg bool) (*big.Rat, bool) {
	if shift < -18 || shift > 18 {
		return nil, false
	}
	if neg {
		m = -m
	}
	if shift >= 0 {
		p := pow10s[shift]
		if m != 0 && (m > math.MaxInt64/p || m < math.MinInt64/p) {
			return nil, false
		}
		return new(big.Rat).SetInt64(m * p), true
	}
	return new(big.Rat).SetFrac64(m, pow10s[-shift]), true
}

func pow10(n int) *big.Rat {
	return new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil))
}

// FormatRat writes r as an exact decimal when it has one ("0.7", "31500000",
// "-0.125"), else rounded to prec decimal places with trailing zeros trimmed.
func FormatRat(r *big.Rat, prec int) string {
	if r.IsInt() {
		return r.Num().String()
	}
	if s, ok := formatSmallRat(r, prec); ok {
		return s
	}
	if p, ok := decimalPlaces(r); ok && p <= prec {
		return r.FloatString(p)
	}
	s := r.FloatString(prec)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// decimalPlaces reports how many decimal places r needs to be written exactly,
// and false when its expansion does not terminate.
func decimalPlaces(r *big.Rat) (int, bool) {
	d := new(big.Int).Set(r.Denom())
	two, five := big.NewInt(2), big.NewInt(5)
	var twos, fives int
	m := new(big.Int)
	for {
		q, rem := new(big.Int).QuoRem(d, two, m)
		if rem.Sign() != 0 {
			break
		}
		d, twos = q, twos+1
	}
	for {
		q, rem := new(big.Int).QuoRem(d, five, m)
		if rem.Sign() != 0 {
			break
		}
		d, fives = q, fives+1
	}
	if d.Cmp(big.NewInt(1)) != 0 {
		return 0, false
	}
	return max(twos, fives), true
}

// formatSmallRat is FormatRat with 64-bit arithmetic, for rationals whose
// numerator and denominator fit in 63 bits; ok is false otherwise.
func formatSmallRat(r *big.Rat, prec int) (string, bool) {
	num, den := r.Num(), r.Denom()
	if !num.IsInt64() || !den.IsInt64() || prec > 18 {
		return "", false
	}
	n, d := num.Int64(), uint64(den.Int64())
	neg := n < 0
	un := uint64(n)
	if neg {
		un = uint64(-n)
	}
	// places needed for an exact expansion: d must be 2^a·5^b
	rest, twos, fives := d, 0, 0
	for rest%2 == 0 {
		rest, twos = rest/2, twos+1
	}
	for rest%5 == 0 {
		rest, fives = rest/5, fives+1
	}
	places, exact := max(twos, fives), rest == 1
	if !exact || places > prec {
		places = prec
	}
	hi, lo := bits.Mul64(un, uint64(pow10s[places]))
	if hi >= d {
		return "", false
	}
	q, rem := bits.Div64(hi, lo, d)
	if !exact || rem != 0 {
		if rem >= d-rem { // rem/d ≥ 1/2: round half away from zero
			q++
		}
	}
	digits := strconv.FormatUint(q, 10)
	if len(digits) <= places {
		digits = strings.Repeat("0", places-len(digits)+1) + digits
	}
	intPart, frac := digits[:len(digits)-places], strings.TrimRight(digits[len(digits)-places:], "0")
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out, true
}
