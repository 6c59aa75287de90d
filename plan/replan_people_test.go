package plan

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

const replanTeamBase = `version: 1
year: {start: 2027-01}
target: 2400
dimensions:
  org:
    - {name: a, weight: 1}
    - {name: b, weight: 1}
`

const replanTeamNext = `version: 1
year: {start: 2027-01, closed: 2027-06}
base: v1.yaml
target: 3000
dimensions:
  org:
    - {name: a, weight: 1, end: 2027-08}
    - {name: b, weight: 2}
    - {name: c, weight: 1, start: 2027-09, ramp: [50%]}
`

// TestReplanPeopleByHand: the base gives a and b 100 a month. The new plan
// (target 3000, closed June) lets a leave in August, doubles b's weight and
// lets c join in September at half productivity for one month. The top row
// keeps 200 a month to June and spreads the other 1800 evenly: 300 a month.
// July and August go to a and b as 1:2 (100, 200); September to b and c as
// 2:0.5 (240, 60); October to December as 2:1 (200, 100). a gets nothing
// after August, c nothing before September.
func TestReplanPeopleByHand(t *testing.T) {
	b, _, err := replanned(t, replanTeamBase, replanTeamNext)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(b.Months); got != "[200 200 200 200 200 200 300 300 300 300 300 300]" {
		t.Errorf("top row %s", got)
	}
	want := map[string]struct {
		months string
		amount int64
	}{
		"a": {"[100 100 100 100 100 100 100 100 0 0 0 0]", 800},
		"b": {"[100 100 100 100 100 100 200 200 240 200 200 200]", 1840},
		"c": {"[0 0 0 0 0 0 0 0 60 100 100 100]", 360},
	}
	for _, r := range b.Dimensions[0].Rows {
		w := want[r.Name()]
		if got := fmt.Sprint(r.Months); got != w.months {
			t.Errorf("%s: %s, want %s", r.Name(), got, w.months)
		}
		if r.Amount != w.amount {
			t.Errorf("%s: amount %d, want %d", r.Name(), r.Amount, w.amount)
		}
	}
}

// TestReplanPeopleRounds: the same team with a target of 2900 leaves 1700 for
// the later months (283⅓ a month, rounded in the top row), so the later cells
// are rounded: a takes a third of July and August, c a fifth of September and
// a third of October to December, each the floor or the ceiling of its exact
// value; the months add up to the top row, and a and c get nothing outside
// their windows.
func TestReplanPeopleRounds(t *testing.T) {
	next := strings.Replace(replanTeamNext, "target: 3000", "target: 2900", 1)
	b, _, err := replanned(t, replanTeamBase, next)
	if err != nil {
		t.Fatal(err)
	}
	if sum64(b.Months[6:]) != 1700 {
		t.Fatalf("the later months of the top row add up to %d, want 1700", sum64(b.Months[6:]))
	}
	part := map[string][12]int64{ // the exact value's denominator of the top cell, 0: nothing
		"a": {6: 3, 7: 3},
		"c": {8: 5, 9: 3, 10: 3, 11: 3},
	}
	d := b.Dimensions[0]
	for _, r := range d.Rows {
		if r.Name() == "b" {
			continue
		}
		for m := 6; m < 12; m++ {
			den := part[r.Name()][m]
			if den == 0 {
				if r.Months[m] != 0 {
					t.Errorf("%s has %d in month %d, outside its window", r.Name(), r.Months[m], m+1)
				}
				continue
			}
			x := big.NewRat(b.Months[m], den)
			lo := b.Months[m] / den
			if c := r.Months[m]; c != lo && !(c == lo+1 && !x.IsInt()) {
				t.Errorf("%s month %d = %d, exact %s", r.Name(), m+1, c, x.FloatString(3))
			}
		}
	}
	for _, r := range d.Rows {
		if sum64(r.Months) != r.Amount {
			t.Errorf("%s adds up to %d, amount %d", r.Name(), sum64(r.Months), r.Amount)
		}
	}
	for m := range 12 {
		var s int64
		for _, r := range d.Rows {
			s += r.Months[m]
		}
		if s != b.Months[m] {
			t.Errorf("month %d: rows add up to %d, top %d", m+1, s, b.Months[m])
		}
	}
}

// TestReplanPeopleWithoutWindows: a plan without start, end or ramp is
// re-planned exactly as before (v1's proportional spread of the later months).
func TestReplanPeopleWithoutWindows(t *testing.T) {
	next := strings.NewReplacer(", end: 2027-08", "", ", start: 2027-09, ramp: [50%]", "").Replace(replanTeamNext)
	b, _, err := replanned(t, replanTeamBase, next)
	if err != nil {
		t.Fatal(err)
	}
	// a, b and c get 750, 1500 and 750 (1:2:1); a carries 750 − 600 = 150
	// over six months, b 900, c 750: 25, 150 and 125 a month
	want := map[string]string{
		"a": "[100 100 100 100 100 100 25 25 25 25 25 25]",
		"b": "[100 100 100 100 100 100 150 150 150 150 150 150]",
		"c": "[0 0 0 0 0 0 125 125 125 125 125 125]",
	}
	for _, r := range b.Dimensions[0].Rows {
		if got := fmt.Sprint(r.Months); got != want[r.Name()] {
			t.Errorf("%s: %s, want %s", r.Name(), got, want[r.Name()])
		}
	}
}

// TestReplanPeopleProperties: over random teams with random windows, ramps,
// fixed amounts, reserves and seasonality, re-planned with a new target at a
// random closed month on the same plan without it: the closed cells are the
// base's, every row adds up to its amount, children add up to parents every
// month, nobody has anything outside their window, and every later cell,
// quarter and half is within one unit of SPEC §9's exact value restricted to
// the later months.
func TestReplanPeopleProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 9))
	g := &teamGen{rng: rng}
	done, refused := 0, 0
	for iter := 0; iter < 300; iter++ {
		baseSrc := g.plan()
		bp, diags := Load("v1.yaml", []byte(baseSrc))
		if diags.HasErrors() {
			continue
		}
		base, err := Split(bp, Options{})
		if err != nil {
			continue
		}
		closed := Month{Year: 2027, Month: 1 + rng.IntN(11)}
		nextSrc := strings.Replace(baseSrc, "year: {start: 2027-01}", "year: {start: 2027-01, closed: "+closed.String()+"}\nbase: v1.yaml", 1)
		nextSrc = strings.Replace(nextSrc, fmt.Sprintf("target: %d", base.Plan.Target.Num().Int64()), fmt.Sprintf("target: %d", 100+rng.IntN(8000)), 1)
		np, diags := Load("next.yaml", []byte(nextSrc))
		if diags.HasErrors() {
			t.Fatalf("next plan does not load: %v\n%s", diags.Err(), nextSrc)
		}
		b, err := Split(np, Options{})
		if err == nil {
			err = Replan(b, base)
		}
		var inv *InvalidError
		if errors.As(err, &inv) {
			refused++ // below what is closed, a month nobody can carry, fixed amounts that do not fit
			continue
		}
		if err != nil {
			t.Fatalf("Replan: %v\n%s", err, nextSrc)
		}
		done++
		checkReplanPeople(t, b, base, closed.Index(b.Calendar.Start), nextSrc)
	}
	t.Logf("%d re-planned, %d refused", done, refused)
	if done < 100 {
		t.Errorf("only %d of 300 random re-plans succeeded (%d refused)", done, refused)
	}
}

func checkReplanPeople(t *testing.T, b, base *Breakdown, k int, src string) {
	t.Helper()
	p := b.Plan
	for m := 0; m <= k; m++ {
		if b.Months[m] != base.Months[m] {
			t.Fatalf("top month %d is %d, the base's %d\n%s", m+1, b.Months[m], base.Months[m], src)
		}
	}
	for _, d := range b.Dimensions {
		avail := p.AvailabilityAll(p.Dimension(d.Name))
		index := rowIndex(base.Dimension(d.Name))
		for _, r := range d.Rows {
			for m := 0; m <= k; m++ {
				if r.Months[m] != index[r.PathString()].Months[m] {
					t.Fatalf("%s closed month %d is %d, the base's %d\n%s", r.PathString(), m+1, r.Months[m], index[r.PathString()].Months[m], src)
				}
			}
			if sum64(r.Months) != r.Amount {
				t.Fatalf("%s adds up to %d, amount %d\n%s", r.PathString(), sum64(r.Months), r.Amount, src)
			}
			for m := k + 1; m < 12; m++ {
				if !r.IsReserve() && avail[r.Node][m].Sign() == 0 && r.Months[m] != 0 {
					t.Fatalf("%s has %d in month %d, outside its window\n%s", r.PathString(), r.Months[m], m+1, src)
				}
			}
		}
		checkReplanPeopleBlock(t, avail, b.Months, d.Roots, k, "the plan", src)
		for _, r := range d.Rows {
			if !r.Leaf() && r.Node.OverAssign == nil {
				checkReplanPeopleBlock(t, avail, r.Months, r.Children, k, r.PathString(), src)
			}
		}
	}
}

// checkReplanPeopleBlock checks one block's later months against SPEC §9's
// exact values computed here: a fixed kid (or reserve) spreads its later
// total over the parent's later cells × its availability, the weighted kids
// share what is left by weight × availability.
func checkReplanPeopleBlock(t *testing.T, avail map[*Node][12]*big.Rat, parent []int64, kids []*Row, k int, where, src string) {
	t.Helper()
	for m := range 12 {
		var s int64
		for _, c := range kids {
			s += c.Months[m]
		}
		if s != parent[m] {
			t.Fatalf("children of %s add up to %d in month %d, parent %d\n%s", where, s, m+1, parent[m], src)
		}
	}
	a := func(c *Row, m int) *big.Rat {
		if c.IsReserve() {
			return big.NewRat(1, 1)
		}
		return avail[c.Node][m]
	}
	fixed := func(c *Row) bool { return c.IsReserve() || c.Node.Kind == Fixed }
	x := make([][12]*big.Rat, len(kids))
	for m := k + 1; m < 12; m++ {
		left := big.NewRat(parent[m], 1)
		sumW := new(big.Rat)
		for i, c := range kids {
			x[i][m] = new(big.Rat)
			if !fixed(c) {
				sumW.Add(sumW, new(big.Rat).Mul(testWeight(kids, c), a(c, m)))
				continue
			}
			den := new(big.Rat)
			for n := k + 1; n < 12; n++ {
				den.Add(den, new(big.Rat).Mul(big.NewRat(parent[n], 1), a(c, n)))
			}
			if den.Sign() > 0 {
				x[i][m].Mul(big.NewRat(sum64(c.Months[k+1:])*parent[m], 1), a(c, m))
				x[i][m].Quo(x[i][m], den)
			}
			left.Sub(left, x[i][m])
		}
		for i, c := range kids {
			if !fixed(c) && sumW.Sign() > 0 {
				x[i][m].Mul(left, new(big.Rat).Mul(testWeight(kids, c), a(c, m)))
				x[i][m].Quo(x[i][m], sumW)
			}
		}
	}
	grains := [][2]int{{0, 6}, {6, 12}, {0, 3}, {3, 6}, {6, 9}, {9, 12}, {0, 12}}
	for m := range 12 {
		grains = append(grains, [2]int{m, m + 1})
	}
	for i, c := range kids {
		for _, gr := range grains {
			lo := max(gr[0], k+1)
			if lo >= gr[1] {
				continue
			}
			ex := new(big.Rat)
			var got int64
			for m := lo; m < gr[1]; m++ {
				ex.Add(ex, x[i][m])
				got += c.Months[m]
			}
			diff := new(big.Rat).Sub(big.NewRat(got, 1), ex)
			if diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("%s/%s: months %d–%d have %d, exact %s (not within one unit)\n%s", where, c.Name(), lo+1, gr[1], got, ex.FloatString(3), src)
			}
		}
	}
}
