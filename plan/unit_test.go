package plan

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

func TestNewUnit(t *testing.T) {
	tests := []struct {
		in     string
		want   Unit
		places int
		str    string
	}{
		{"1", Unit{Mant: 1}, 0, "1"},
		{"1000", Unit{Mant: 1, Exp: 3}, 0, "1000"},
		{"0.01", Unit{Mant: 1, Exp: -2}, 2, "0.01"},
		{"0.5", Unit{Mant: 5, Exp: -1}, 1, "0.5"},
		{"250", Unit{Mant: 25, Exp: 1}, 0, "250"},
		{"0.25", Unit{Mant: 25, Exp: -2}, 2, "0.25"},
		{"1.5", Unit{Mant: 15, Exp: -1}, 1, "1.5"},
		{"10000000", Unit{Mant: 1, Exp: 7}, 0, "10000000"},
	}
	for _, tt := range tests {
		u, ok := NewUnit(rat(t, tt.in))
		if !ok || u != tt.want {
			t.Errorf("NewUnit(%s) = %+v, %v; want %+v", tt.in, u, ok, tt.want)
			continue
		}
		if u.Places() != tt.places || u.String() != tt.str {
			t.Errorf("unit %s: Places %d String %q; want %d %q", tt.in, u.Places(), u.String(), tt.places, tt.str)
		}
		if u.Rat().Cmp(rat(t, tt.in)) != 0 {
			t.Errorf("unit %s: Rat() = %s", tt.in, u.Rat().RatString())
		}
	}
	// Not an allocation unit: zero, negative, or no terminating decimal.
	for _, in := range []string{"0", "-1", "1/3", "-0.01"} {
		if u, ok := NewUnit(rat(t, in)); ok {
			t.Errorf("NewUnit(%s) = %+v, want not ok", in, u)
		}
	}
}

func TestUnitFormat(t *testing.T) {
	tests := []struct {
		unit string
		n    int64
		want string
	}{
		{"1", 0, "0"},
		{"1", 31500000, "31500000"},
		{"1000", 31500, "31500000"},
		{"1000", -3, "-3000"},
		{"0.01", 123450, "1234.5"}, // trailing fractional zeros are dropped
		{"0.01", 5, "0.05"},
		{"0.01", -5, "-0.05"},
		{"0.01", 100, "1"},
		{"0.25", 3, "0.75"},
		{"0.5", 7, "3.5"},
		{"250", 4, "1000"},
		{"1", math.MaxInt64, "9223372036854775807"},
		{"1", math.MinInt64 + 1, "-9223372036854775807"},
		{"1000", MaxUnits, "1000000000000000000"}, // beyond int64 once multiplied: still exact
		{"0.001", 1, "0.001"},
	}
	for _, tt := range tests {
		u, _ := NewUnit(rat(t, tt.unit))
		if got := u.Format(tt.n); got != tt.want {
			t.Errorf("unit %s: Format(%d) = %q, want %q", tt.unit, tt.n, got, tt.want)
		}
		if got := string(u.AppendFormat([]byte("x"), tt.n)); got != "x"+tt.want {
			t.Errorf("unit %s: AppendFormat(x, %d) = %q", tt.unit, tt.n, got)
		}
		// Format and Amount say the same exact number.
		if back := rat(t, u.Format(tt.n)); back.Cmp(u.Amount(tt.n)) != 0 {
			t.Errorf("unit %s: Format(%d) = %s but Amount = %s", tt.unit, tt.n, u.Format(tt.n), u.Amount(tt.n).RatString())
		}
	}
}

// Format agrees with exact rational arithmetic on random units and counts.
func TestUnitFormatRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		u := Unit{Mant: rng.Int64N(999) + 1, Exp: rng.IntN(9) - 5}
		for u.Mant%10 == 0 {
			u.Mant /= 10
		}
		n := rng.Int64N(2*MaxUnits) - MaxUnits
		got, ok := new(big.Rat).SetString(u.Format(n))
		if !ok || got.Cmp(u.Amount(n)) != 0 {
			t.Fatalf("unit %+v: Format(%d) = %q, want %s", u, n, u.Format(n), u.Amount(n).FloatString(u.Places()))
		}
	}
}

func TestUnitCount(t *testing.T) {
	k, _ := NewUnit(rat(t, "1000"))
	cent, _ := NewUnit(rat(t, "0.01"))
	tests := []struct {
		u     Unit
		r     string
		n     int64
		whole bool
	}{
		{k, "50000000", 50000, true},
		{k, "50000500", 0, false}, // not a multiple of round
		{k, "0", 0, true},
		{k, "-3000", -3, true},
		{cent, "1234.56", 123456, true},
		{cent, "1234.565", 0, false},
		{One, "1000000000000000", MaxUnits, true},
		{One, "1000000000000001", 0, false}, // beyond MaxUnits
		{One, "-1000000000000001", 0, false},
		{One, "100000000000000000000", 0, false}, // beyond int64
	}
	for _, tt := range tests {
		n, whole := tt.u.Count(rat(t, tt.r))
		if n != tt.n || whole != tt.whole {
			t.Errorf("unit %s: Count(%s) = %d, %v; want %d, %v", tt.u, tt.r, n, whole, tt.n, tt.whole)
		}
	}
}

func TestUnitRoundHalfUp(t *testing.T) {
	k, _ := NewUnit(rat(t, "1000"))
	tests := []struct {
		u  Unit
		r  string
		n  int64
		ok bool
	}{
		{k, "1499", 1, true},
		{k, "1500", 2, true}, // half: up
		{k, "1500.0001", 2, true},
		{k, "2500", 3, true}, // half: up, not to even
		{k, "499.999", 0, true},
		{k, "0", 0, true},
		{One, "7/2", 4, true},
		{One, "60000000", 60000000, true},
		{One, "1000000000000000.4", MaxUnits, true},
		{One, "1000000000000000.5", 0, false}, // rounds beyond MaxUnits
	}
	for _, tt := range tests {
		n, ok := tt.u.RoundHalfUp(rat(t, tt.r))
		if n != tt.n || ok != tt.ok {
			t.Errorf("unit %s: RoundHalfUp(%s) = %d, %v; want %d, %v", tt.u, tt.r, n, ok, tt.n, tt.ok)
		}
	}
}

func TestHalfUp(t *testing.T) {
	// SPEC §4: single products (a reserve, an over-assigned total, a tier) are
	// rounded to the nearest unit, halves up.
	tests := []struct {
		n    int64
		rate string
		want int64
	}{
		{45, "1/10", 5}, // 4.5 → 5
		{44, "1/10", 4}, // 4.4 → 4
		{46, "1/10", 5}, // 4.6 → 5
		{15, "1/10", 2}, // 1.5 → 2
		{25, "1/10", 3}, // 2.5 → 3, not 2 (no banker's rounding)
		{18900, "11/10", 20790},
		{7, "0", 0},
		{0, "1/2", 0},
	}
	for _, tt := range tests {
		if got := halfUp(tt.n, rat(t, tt.rate)); got != tt.want {
			t.Errorf("halfUp(%d, %s) = %d, want %d", tt.n, tt.rate, got, tt.want)
		}
	}
	if got := halfUp(100, nil); got != 0 {
		t.Errorf("halfUp(100, nil) = %d, want 0", got)
	}
}
