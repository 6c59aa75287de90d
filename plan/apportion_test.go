package plan

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

func rats(t testing.TB, ss ...string) []*big.Rat {
	out := make([]*big.Rat, len(ss))
	for i, s := range ss {
		out[i] = rat(t, s)
	}
	return out
}

func TestApportionTable(t *testing.T) {
	tests := []struct {
		name    string
		total   int64
		weights []string
		want    []int64
	}{
		// exact shares need no rounding
		{"exact", 100, []string{"7/10", "2/10", "1/10"}, []int64{70, 20, 10}},
		// 10 by 1:1:1 is 3⅓ each: one unit left, ties go to the first
		{"tie to first", 10, []string{"1", "1", "1"}, []int64{4, 3, 3}},
		// 11 by 1:1:1 is 3⅔ each: two units left, to the first two
		{"two ties", 11, []string{"1", "1", "1"}, []int64{4, 4, 3}},
		// the largest remainder wins over declaration order: 10 × (1,2,2)/5 = 2, 4, 4;
		// 7 × (1,1,3)/5 = 1.4, 1.4, 4.2 → floors 1,1,4 and one unit to the first 0.4
		{"largest remainder", 7, []string{"1", "1", "3"}, []int64{2, 1, 4}},
		// 5 × (1/3, 2/3) = 1.67, 3.33: the larger remainder is the first
		{"remainder beats order", 5, []string{"1/3", "2/3"}, []int64{2, 3}},
		// 1 unit among 0.3, 0.7: the second's exact share 0.7 has the larger remainder
		{"one unit", 1, []string{"3/10", "7/10"}, []int64{0, 1}},
		// all weights zero: equal shares (SPEC §4: a new team with no history)
		{"all zero", 10, []string{"0", "0", "0"}, []int64{4, 3, 3}},
		// a zero weight beside others gets nothing
		{"one zero", 9, []string{"0", "1", "2"}, []int64{0, 3, 6}},
		{"zero total", 0, []string{"1", "2"}, []int64{0, 0}},
		{"single", 12345, []string{"5"}, []int64{12345}},
		{"empty", 0, nil, []int64{}},
		// percent weights 25/30/30/15 of 45,000,000 (the company plan's quarters)
		{"company quarters", 45000000, []string{"25/100", "30/100", "30/100", "15/100"}, []int64{11250000, 13500000, 13500000, 6750000}},
		// huge weights beyond 64 bits take the big-integer path and still tie to the first
		{"big weights", 10, []string{"100000000000000000000000", "100000000000000000000000", "100000000000000000000000"}, []int64{4, 3, 3}},
		{"big denominators", 10, []string{"1/100000000000000000000001", "1/100000000000000000000001", "1/100000000000000000000001"}, []int64{4, 3, 3}},
		{"near MaxUnits", MaxUnits, []string{"1", "1", "1"}, []int64{333333333333334, 333333333333333, 333333333333333}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Apportion(tt.total, rats(t, tt.weights...))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Apportion(%d, %v) = %v, want %v", tt.total, tt.weights, got, tt.want)
			}
		})
	}
}

// refApportion is the largest remainder method written plainly with big.Rat:
// the definition of SPEC §4, to compare the fast paths against.
func refApportion(total int64, ws []*big.Rat) []int64 {
	n := len(ws)
	sum := new(big.Rat)
	for _, w := range ws {
		sum.Add(sum, w)
	}
	if sum.Sign() == 0 {
		ws = make([]*big.Rat, n)
		for i := range ws {
			ws[i] = big.NewRat(1, 1)
		}
		sum = big.NewRat(int64(n), 1)
	}
	out := make([]int64, n)
	fracs := make([]*big.Rat, n)
	var given int64
	for i, w := range ws {
		exact := new(big.Rat).Mul(big.NewRat(total, 1), w)
		exact.Quo(exact, sum)
		fl := new(big.Int).Quo(exact.Num(), exact.Denom())
		out[i] = fl.Int64()
		fracs[i] = new(big.Rat).Sub(exact, new(big.Rat).SetInt(fl))
		given += out[i]
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return fracs[idx[a]].Cmp(fracs[idx[b]]) > 0 })
	for k := int64(0); k < total-given; k++ {
		out[idx[k]]++
	}
	return out
}

// randomWeights returns weights of one of the shapes plans produce: small
// factors, percents, history bases with growth, zeros, and huge values.
func randomWeights(rng *rand.Rand, n int) []*big.Rat {
	ws := make([]*big.Rat, n)
	shape := rng.IntN(6)
	for i := range ws {
		switch shape {
		case 0: // relative factors such as 1.5
			ws[i] = big.NewRat(rng.Int64N(40), 10)
		case 1: // percents
			ws[i] = big.NewRat(rng.Int64N(1001), 1000)
		case 2: // last_year × (1 + growth)
			ws[i] = new(big.Rat).Mul(big.NewRat(rng.Int64N(10_000_000), 1), big.NewRat(rng.Int64N(300)+1, 100))
		case 3: // many zeros
			if rng.IntN(4) == 0 {
				ws[i] = big.NewRat(rng.Int64N(5)+1, 1)
			} else {
				ws[i] = new(big.Rat)
			}
		case 4: // all zero
			ws[i] = new(big.Rat)
		default: // huge, with awkward denominators
			num := new(big.Int).Lsh(big.NewInt(rng.Int64N(1000)+1), uint(rng.IntN(100)))
			ws[i] = new(big.Rat).SetFrac(num, big.NewInt(rng.Int64N(997)+1))
		}
	}
	return ws
}

// Properties of SPEC §4 on random inputs: the parts add up exactly to the total,
// each part is the floor or the ceiling of its exact share (strictly within one
// unit), and the result is the largest remainder method with ties to the first.
func TestApportionProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	iters := 20000
	if testing.Short() {
		iters = 2000
	}
	for iter := range iters {
		n := rng.IntN(12) + 1
		if iter%50 == 0 {
			n = rng.IntN(500) + 1
		}
		ws := randomWeights(rng, n)
		var total int64
		switch rng.IntN(4) {
		case 0:
			total = rng.Int64N(10)
		case 1:
			total = rng.Int64N(100_000)
		case 2:
			total = rng.Int64N(MaxUnits + 1)
		default:
			total = MaxUnits - rng.Int64N(3)
		}
		got := Apportion(total, ws)
		checkApportion(t, total, ws, got)
		if want := refApportion(total, ws); !slices.Equal(got, want) {
			t.Fatalf("Apportion(%d, %v) = %v, reference %v", total, ws, got, want)
		}
		if again := Apportion(total, ws); !slices.Equal(got, again) {
			t.Fatalf("Apportion is not deterministic: %v then %v", got, again)
		}
	}
}

// checkApportion asserts the sum and the within-one-unit property.
func checkApportion(t testing.TB, total int64, ws []*big.Rat, got []int64) {
	t.Helper()
	if len(got) != len(ws) {
		t.Fatalf("Apportion gave %d parts for %d weights", len(got), len(ws))
	}
	sum := new(big.Rat)
	for _, w := range ws {
		sum.Add(sum, w)
	}
	var s int64
	for i, g := range got {
		s += g
		var exact *big.Rat
		if sum.Sign() == 0 {
			exact = big.NewRat(total, int64(len(ws)))
		} else {
			exact = new(big.Rat).Quo(new(big.Rat).Mul(big.NewRat(total, 1), ws[i]), sum)
		}
		checkFloorCeil(t, g, exact, "part %d of Apportion(%d, %v)", i, total, ws)
	}
	if s != total {
		t.Fatalf("Apportion(%d, %v) = %v adds up to %d", total, ws, got, s)
	}
}

// checkFloorCeil asserts that got is ⌊exact⌋ or ⌈exact⌉ (so strictly less than
// one unit away, and exactly exact when exact is whole).
func checkFloorCeil(t testing.TB, got int64, exact *big.Rat, format string, args ...any) {
	t.Helper()
	fl := new(big.Int).Div(exact.Num(), exact.Denom()) // floor (Denom > 0)
	ok := fl.IsInt64() && got == fl.Int64()
	if !exact.IsInt() && fl.IsInt64() && got == fl.Int64()+1 {
		ok = true
	}
	if !ok {
		t.Fatalf(format+": %d is not the floor or ceiling of %s", append(args, got, exact.FloatString(4))...)
	}
}

func BenchmarkApportion(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	ws := make([]*big.Rat, 500)
	for i := range ws {
		ws[i] = big.NewRat(rng.Int64N(40)+1, 10)
	}
	b.ReportAllocs()
	for b.Loop() {
		Apportion(123_456_789, ws)
	}
}
