package plan

import (
	"errors"
	"math/big"
	"strings"
	"testing"
)

// rat parses an exact rational written "a/b" or as a decimal, for expectations.
func rat(t testing.TB, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("bad rational %q in test", s)
	}
	return r
}

// Every spelling of SPEC §2, with the value it must mean: the multipliers are
// the SPEC's own (万 = 10⁴, 亿 = 10⁸, k = 10³, M = 10⁶, B = 10⁹).
func TestParseAmountSpellings(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		// SPEC §2, literally
		{"50000000", "50000000"},
		{"50_000_000", "50000000"},
		{"50,000,000", "50000000"},
		{"5000万", "50000000"},
		{"0.5亿", "50000000"},
		{"50M", "50000000"},
		{"50m", "50000000"},
		// as a Chinese input method or a finance sheet writes them (issue 15)
		{"3600万元", "36000000"},
		{"¥3.6亿", "360000000"},
		{"￥3.6亿", "360000000"},
		{"５０００万", "50000000"},
		{"５０，０００，０００", "50000000"},
		{"１．５万", "15000"},
		{"-¥1,200.50", "-1200.5"},
		{"$50M", "50000000"},
		{"1200元", "1200"},
		{"1.5k", "1500"},
		{"2B", "2000000000"},
		// other forms the parser documents
		{"1.5K", "1500"},
		{"2b", "2000000000"},
		{"3千", "3000"},
		{"2百万", "2000000"},
		{"1.2千万", "12000000"},
		{"1万亿", "1000000000000"},
		{"5,000万", "50000000"},
		{"1,000.5", "2001/2"},
		{"-1,234,567", "-1234567"},
		{"999,999e3", "999999000"},
		{"1_0000_0000", "100000000"}, // underscores may group freely
		{" 5000 万 ", "50000000"},
		{"50 M", "50000000"},
		{"1.2e6", "1200000"},
		{"1.2E6", "1200000"},
		{"12e-1", "6/5"},
		{"-3", "-3"},
		{"+3", "3"},
		{"0", "0"},
		{"-0", "0"},
		{".5", "1/2"},
		{"5.", "5"},
		{"0.1", "1/10"}, // exactly one tenth, not the binary 0.1000000000000000055…
		{"0.30000000000000004", "30000000000000004/100000000000000000"},
		{"1234567.89", "123456789/100"},
		{"0.0001万", "1"},
		{"9223372036854775808", "9223372036854775808"}, // beyond int64: still exact
	}
	for _, tt := range tests {
		got, err := ParseAmount(tt.in)
		if err != nil {
			t.Errorf("ParseAmount(%q): unexpected error %v", tt.in, err)
			continue
		}
		if want := rat(t, tt.want); got.Cmp(want) != 0 {
			t.Errorf("ParseAmount(%q) = %s, want %s", tt.in, got.RatString(), want.RatString())
		}
	}
}

func TestParseAmountRejects(t *testing.T) {
	tests := []struct {
		in       string
		msg      string // substring of the message
		wantHint bool
	}{
		{"", "expected an amount, found nothing", false},
		{"   ", "expected an amount, found nothing", false},
		{"abc", `"abc" is not an amount`, true},
		{"25%", `"25%" is a percentage, not an amount`, true},
		{"25％", "is a percentage, not an amount", true},
		{"万", "is not an amount", true},
		{"M", "is not an amount", true},
		{"50MM", "is not an amount", true},
		{"5亿万", "is not an amount", true},
		{"1__000", "is not an amount", true},
		{"1,,000", "commas must group the digits by three", true},
		// commas group thousands: a decimal comma is refused, not read as fifteen
		{"1,5", `"1,5": commas must group the digits by three`, true},
		{"1,5万", "commas must group the digits by three", true},
		{"12,34,567", "commas must group the digits by three", true},
		{"1234,567", "commas must group the digits by three", true},
		{"5000,0000", "commas must group the digits by three", true},
		{"1_0,000", "commas must group the digits by three", true},
		{"_1000", "is not an amount", true},
		{",1000", "commas must group the digits by three", true},
		{"1000_", "is not an amount", true},
		{"1000,", "commas must group the digits by three", true},
		{"1.000.000", "is not an amount", true},
		{"1.5.", "is not an amount", true},
		{".", "is not an amount", true},
		{"-", "is not an amount", true},
		{"+-1", "is not an amount", true},
		{"1e", "is not an amount", true},
		{"1e+", "is not an amount", true},
		{"1e999999999", "is not an amount", true}, // a hostile exponent is refused, not computed
		{"1e-41", "is not an amount", true},
		{strings.Repeat("9", 61), "is not an amount", true},
		{"0x10", "is not an amount", true},
		{"1_000.5_0", "is not an amount", true},
		{"NaN", "is not an amount", true},
		{"Inf", "is not an amount", true},
		{"−5", "is not an amount", true}, // U+2212 minus sign
		{"50 000", "is not an amount", true},
		{"\xff", "is not an amount", true},
		{"¥", "is not an amount", true},
		{"元", "is not an amount", true},
		{"¥¥5", "is not an amount", true},
		{"5元元", "is not an amount", true},
		{"1 k k", "is not an amount", true},
	}
	for _, tt := range tests {
		got, err := ParseAmount(tt.in)
		if err == nil {
			t.Errorf("ParseAmount(%q) = %s, want an error", tt.in, got.RatString())
			continue
		}
		var ve *ValueError
		if !errors.As(err, &ve) {
			t.Errorf("ParseAmount(%q): error %T is not a *ValueError", tt.in, err)
			continue
		}
		if !strings.Contains(ve.Msg, tt.msg) {
			t.Errorf("ParseAmount(%q): message %q does not contain %q", tt.in, ve.Msg, tt.msg)
		}
		if (ve.Hint != "") != tt.wantHint {
			t.Errorf("ParseAmount(%q): hint %q, want a hint: %v", tt.in, ve.Hint, tt.wantHint)
		}
	}
}

func TestParsePercent(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"25%", "1/4"},
		{"25 %", "1/4"},
		{" 25% ", "1/4"},
		{"25％", "1/4"},
		{"12.5%", "1/8"},
		{"0%", "0"},
		{"100%", "1"},
		{"120%", "6/5"},
		{"-30%", "-3/10"},
		{"0.1%", "1/1000"},
		{"33.333%", "33333/100000"},
		{"1e1%", "1/10"},
	}
	for _, tt := range tests {
		got, ok, err := ParsePercent(tt.in)
		if err != nil || !ok {
			t.Errorf("ParsePercent(%q) = _, %v, %v; want a percentage", tt.in, ok, err)
			continue
		}
		if want := rat(t, tt.want); got.Cmp(want) != 0 {
			t.Errorf("ParsePercent(%q) = %s, want %s", tt.in, got.RatString(), want.RatString())
		}
	}
}

func TestParsePercentNotPercent(t *testing.T) {
	// No percent sign: not a percentage, and not an error (the caller reads a fraction).
	for _, in := range []string{"0.25", "25", "", "abc", "%25"} {
		r, ok, err := ParsePercent(in)
		if ok || err != nil || r != nil {
			t.Errorf("ParsePercent(%q) = %v, %v, %v; want nil, false, nil", in, r, ok, err)
		}
	}
	// A percent sign after something that is not a number is an error with a hint.
	for _, in := range []string{"%", "abc%", "1,,0%", "--1%", "25%%"} {
		_, ok, err := ParsePercent(in)
		var ve *ValueError
		if !ok || !errors.As(err, &ve) || ve.Hint == "" {
			t.Errorf("ParsePercent(%q) = _, %v, %v; want a *ValueError with a hint", in, ok, err)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]string{"1.5": "3/2", "2": "2", " 0 ": "0", "0.25": "1/4", "1_000": "1000"} {
		got, err := ParseNumber(in)
		if err != nil || got.Cmp(rat(t, want)) != 0 {
			t.Errorf("ParseNumber(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	// A plain number has no magnitude suffix, no percent sign and no comma (a
	// weight of "1,5" is a decimal comma, not fifteen).
	for _, in := range []string{"1.5k", "25%", "5万", "x", "", "1,5", "1,000"} {
		if got, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q) = %s, want an error", in, got.RatString())
		}
	}
}

func TestFormatRat(t *testing.T) {
	tests := []struct {
		r    string
		prec int
		want string
	}{
		{"31500000", 6, "31500000"},
		{"7/10", 6, "0.7"},
		{"-1/8", 6, "-0.125"},
		{"-1/8", 2, "-0.13"},   // not exact within 2 places: rounded (big.Rat rounds halves away from zero)
		{"1/3", 4, "0.3333"},   // non-terminating: rounded
		{"2/3", 4, "0.6667"},   // rounded, not truncated
		{"1/2", 0, "1"},        // rounded to 0 places
		{"1/4", 1, "0.3"},      // 0.25 → 0.3 (halves away from zero)
		{"1/40000", 4, "0"},    // rounds to zero: no "0.0000"
		{"-1/30000", 4, "0"},   // and no "-0"
		{"101/100", 1, "1"},    // 1.01 → "1.0" trimmed to "1"
		{"123/10", 10, "12.3"}, // exact: no padding
		{"0", 3, "0"},
		{"-5", 3, "-5"},
		{"4889850796/10000000000", 10, "0.4889850796"},
		// beyond 64 bits: the same rules on big numbers
		{"123456789012345678901/4", 2, "30864197253086419725.25"},
		{"123456789012345678901/3", 4, "41152263004115226300.3333"},
		{"-1/300000000000000000000000", 4, "0"},
		{"1/300000000000000000000000", 30, "0.000000000000000000000003333333"},
	}
	for _, tt := range tests {
		if got := FormatRat(rat(t, tt.r), tt.prec); got != tt.want {
			t.Errorf("FormatRat(%s, %d) = %q, want %q", tt.r, tt.prec, got, tt.want)
		}
	}
}

// Writing an exact decimal and reading it back gives the same number.
func TestFormatRatRoundTrip(t *testing.T) {
	for _, s := range []string{"0.7", "31500000", "-0.125", "1234.5678", "0.000001", "98765432109876543210.5"} {
		r := rat(t, s)
		out := FormatRat(r, 30)
		back, err := ParseAmount(out)
		if err != nil || back.Cmp(r) != 0 {
			t.Errorf("FormatRat(%s) = %q, read back as %v, %v", s, out, back, err)
		}
	}
}
