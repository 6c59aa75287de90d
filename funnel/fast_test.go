package funnel

import (
	"github.com/planhq/plan/plan/wide"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/planhq/plan/plan"
)

// The fast paths (64- and 128-bit integers) must give exactly what the exact
// paths (math/big) give, on every input: these tests run both on random and
// adversarial inputs, the latter with magnitudes around the points where the
// fast paths give up, and require identical results.

// randomMonthDays is a fiscal year's month lengths: a real one (a leap year
// or not, any first month), or any lengths from 1 to 31 days.
func randomMonthDays(rng *rand.Rand) []int {
	days := make([]int, 12)
	if rng.IntN(4) == 0 {
		for i := range days {
			days[i] = 1 + rng.IntN(31)
		}
		return days
	}
	year := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if rng.IntN(4) == 0 {
		year[1] = 29
	}
	start := rng.IntN(12)
	for i := range days {
		days[i] = year[(start+i)%12]
	}
	return days
}

// logUniform draws a whole number from 1 to 10^e, every magnitude as likely.
func logUniform(rng *rand.Rand, e float64) int64 {
	return int64(math.Pow(10, rng.Float64()*e))
}

// adversarialInput draws funnels whose numbers span every magnitude: up to
// 10¹⁵ deals, rates down to a ten-thousandth with large denominators, up to 9
// stages, leads longer than a year, big pipelines, odd calendars, profiles
// with empty and huge months.
func adversarialInput(rng *rand.Rand) Input {
	n := 2 + rng.IntN(8)
	st := make([]Stage, n)
	for i := range st {
		st[i].Name = string(rune('A' + i))
		if i < n-1 {
			den := logUniform(rng, 6)
			num := max(1, int64(float64(den)*math.Pow(10, -rng.Float64()*4)))
			if rng.IntN(5) == 0 {
				num = den // 100 %
			}
			st[i].Rate = big.NewRat(num, den)
		}
		st[i].Days = rng.IntN(61)
		if rng.IntN(10) == 0 {
			st[i].Days = rng.IntN(3651)
		}
	}
	profile := make([]int64, 12)
	for i := range profile {
		switch rng.IntN(5) {
		case 0:
		case 1:
			profile[i] = logUniform(rng, 17)
		default:
			profile[i] = logUniform(rng, 4)
		}
	}
	deals := logUniform(rng, 15)
	if rng.IntN(3) == 0 {
		deals = logUniform(rng, 4)
	}
	size := big.NewRat(logUniform(rng, 9), logUniform(rng, 3))
	target := new(big.Rat).Mul(size, big.NewRat(deals, 1))
	if rng.IntN(2) == 0 { // not a whole number of deals
		target.Sub(target, big.NewRat(1, logUniform(rng, 3)+1))
		if target.Sign() < 0 {
			target.SetInt64(0)
		}
	}
	var pipeline []int64
	if rng.IntN(2) == 0 {
		pipeline = make([]int64, n)
		for i := range pipeline {
			if rng.IntN(2) == 0 {
				pipeline[i] = logUniform(rng, float64(rng.IntN(16)))
			}
		}
	}
	return Input{Target: target, Profile: profile, MonthDays: randomMonthDays(rng),
		Settings: Settings{DealSize: size, Stages: st}, Pipeline: pipeline}
}

// sameWork reports how two works differ ("" when they do not).
func sameWork(a, b *Work) string {
	rats := []struct {
		name string
		x, y *big.Rat
	}{{"target", a.Target, b.Target}, {"deal size", a.DealSize, b.DealSize}, {"conversion", a.Conversion, b.Conversion},
		{"pipeline value", a.PipelineValue, b.PipelineValue}, {"coverage", a.Coverage, b.Coverage}, {"coverage needed", a.CoverageNeeded, b.CoverageNeeded}}
	for _, r := range rats {
		if (r.x == nil) != (r.y == nil) || r.x != nil && r.x.Cmp(r.y) != 0 {
			return r.name
		}
	}
	if a.Deals != b.Deals || !slices.Equal(a.DealMonths, b.DealMonths) || len(a.Stages) != len(b.Stages) {
		return "deals"
	}
	for s := range a.Stages {
		x, y := a.Stages[s], b.Stages[s]
		if x.Name != y.Name || !sameRat(x.Rate, y.Rate) || x.Days != y.Days || x.Lead != y.Lead || x.Required != y.Required ||
			x.Pipeline != y.Pipeline || x.New != y.New || x.Before != y.Before || !slices.Equal(x.Months, y.Months) {
			return "stage " + x.Name
		}
	}
	return ""
}

// TestFastMatchesExact solves thousands of random and adversarial inputs with
// the fast paths of the counts and with math/big alone and requires the same
// works (or the same error).
func TestFastMatchesExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	var failed int
	fastSolver := &solver{}
	for i := range 6000 {
		var in Input
		if i%3 == 0 {
			in = randomInput(rng)
		} else {
			in = adversarialInput(rng)
		}
		want, errExact := (&solver{exact: true}).solve(in)
		got, err := fastSolver.solve(in) // one solver throughout, as in Compute
		if (err == nil) != (errExact == nil) || err != nil && err.Error() != errExact.Error() {
			t.Fatalf("input %d: error %v, exact %v", i, err, errExact)
		}
		if err != nil {
			failed++
			continue
		}
		if diff := sameWork(got, want); diff != "" {
			t.Fatalf("input %d (%+v): %s differs:\nfast  %+v\nexact %+v", i, in, diff, got, want)
		}
	}
	if failed < 100 {
		t.Fatal("the inputs do not exercise the refusals")
	}
}

func TestCeilCountMatchesCeilQuo(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	randInt := func() *big.Int { // below 2^72, of a random bit length
		x := wide.From(rng.Uint64())
		x.Hi = rng.Uint64() & 0xff
		n := rng.IntN(73)
		return new(big.Int).Rsh(x.Big(), uint(72-n))
	}
	randRat := func() *big.Rat {
		den := randInt()
		return new(big.Rat).SetFrac(randInt(), den.Add(den, big.NewInt(1)))
	}
	for range 100_000 {
		a, b := randRat(), randRat()
		if b.Sign() == 0 {
			continue
		}
		c := ceilQuo(a, b)
		n, within := ceilCount(a, b)
		if within != (c.Cmp(maxCount) <= 0) || within && n != c.Int64() {
			t.Fatalf("⌈%s / %s⌉: %d (within %v), want %s", a.RatString(), b.RatString(), n, within, c)
		}
		if a.IsInt() && a.Num().IsInt64() {
			n, within := ceilCountOf(a.Num().Int64(), b)
			if within != (c.Cmp(maxCount) <= 0) || within && n != c.Int64() {
				t.Fatalf("⌈%s / %s⌉ of a whole: %d (within %v), want %s", a.RatString(), b.RatString(), n, within, c)
			}
		}
	}
}

func TestUnitAmounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, s := range []string{"1", "1000", "0.01", "0.5", "25", "10000", "1000000000000", "0.001"} {
		r, err := plan.ParseAmount(s)
		if err != nil {
			t.Fatal(err)
		}
		u, ok := plan.NewUnit(r)
		if !ok {
			t.Fatalf("unit %s", s)
		}
		amount := unitAmounts(u)
		for range 2000 {
			n := logUniform(rng, 15)
			if rng.IntN(5) == 0 {
				n = -n
			}
			if got, want := amount(n), u.Amount(n); got.Cmp(want) != 0 {
				t.Fatalf("%d units of %s: %s, want %s", n, s, got.RatString(), want.RatString())
			}
		}
	}
}

// TestTotalMatchesSums compares total's sums (runs of shared denominators)
// with plain big.Rat sums over rows of mixed settings and targets.
func TestTotalMatchesSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for range 200 {
		base := randomInput(rng)
		var rows []*Row
		for range 1 + rng.IntN(40) {
			in := base
			if rng.IntN(4) == 0 { // another leaf's settings
				in.Settings.Stages = slices.Clone(base.Settings.Stages)
				in.Settings.Stages[0].Rate = big.NewRat(1+rng.Int64N(100), 100)
				in.Settings.DealSize = big.NewRat(1+rng.Int64N(1000), 1+rng.Int64N(3))
			}
			in.Target = big.NewRat(rng.Int64N(1_000_000_000), []int64{1, 1, 100, 3}[rng.IntN(4)])
			w, err := Solve(in)
			if err != nil {
				continue
			}
			rows = append(rows, &Row{Amount: 1, Work: w})
		}
		if len(rows) == 0 {
			continue
		}
		names := make([]string, len(base.Settings.Stages))
		got, ok := total(rows, names, nil, ByMonth)
		if !ok {
			t.Fatal("overflow")
		}
		target, value, needed := new(big.Rat), new(big.Rat), new(big.Rat)
		for _, r := range rows {
			target.Add(target, r.Target)
			value.Add(value, r.PipelineValue)
			needed.Add(needed, new(big.Rat).Mul(r.Target, r.CoverageNeeded))
		}
		if got.Target.Cmp(target) != 0 || got.PipelineValue.Cmp(value) != 0 {
			t.Fatalf("target %s value %s, want %s and %s", got.Target.RatString(), got.PipelineValue.RatString(), target.RatString(), value.RatString())
		}
		if target.Sign() > 0 {
			if got.Coverage.Cmp(new(big.Rat).Quo(value, target)) != 0 || got.CoverageNeeded.Cmp(needed.Quo(needed, target)) != 0 {
				t.Fatalf("coverage %s needed %s", got.Coverage.RatString(), got.CoverageNeeded.RatString())
			}
		}
	}
}
