package plan

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// teamGen writes random teams with random windows and ramps (SPEC §9): weights,
// fixed amounts, reserves, over_assign, seasonality, windows that start before,
// inside or after the year's start and end inside or after it.
type teamGen struct {
	rng   *rand.Rand
	b     strings.Builder
	names int
}

func (g *teamGen) month() string {
	m := Month{Year: 2027, Month: 1}.Add(g.rng.IntN(16) - 4) // 2026-09 … 2027-12
	return m.String()
}

// nodes writes a flow list of 1–4 random siblings.
func (g *teamGen) nodes(depth int) string {
	n := 1 + g.rng.IntN(4)
	var items []string
	for i := range n {
		g.names++
		var fields []string
		fields = append(fields, fmt.Sprintf("name: n%d", g.names))
		switch {
		case i == 0:
			fields = append(fields, fmt.Sprintf("weight: %d", 1+g.rng.IntN(3)))
		case g.rng.IntN(6) == 0:
			fields = append(fields, fmt.Sprintf("amount: %d", g.rng.IntN(30)))
		default:
			fields = append(fields, fmt.Sprintf("weight: %d", g.rng.IntN(4)))
		}
		if i > 0 || g.rng.IntN(8) == 0 { // the first child is mostly present all year
			switch g.rng.IntN(4) {
			case 0:
				fields = append(fields, "start: "+g.month())
			case 1:
				fields = append(fields, "end: "+Month{Year: 2027, Month: 1}.Add(g.rng.IntN(14)).String())
			case 2:
				s := Month{Year: 2027, Month: 1}.Add(g.rng.IntN(12) - 4)
				fields = append(fields, "start: "+s.String(), "end: "+s.Add(g.rng.IntN(14)).String())
			}
			if strings.Contains(strings.Join(fields, ","), "start") && g.rng.IntN(3) == 0 {
				fields = append(fields, fmt.Sprintf("ramp: [%d%%, %d%%]", g.rng.IntN(101), g.rng.IntN(101)))
			}
		}
		if depth < 3 && g.rng.IntN(2) == 0 {
			if g.rng.IntN(4) == 0 {
				fields = append(fields, fmt.Sprintf("reserve: %d%%", 1+g.rng.IntN(20)))
			}
			if g.rng.IntN(5) == 0 {
				fields = append(fields, fmt.Sprintf("over_assign: %d%%", 1+g.rng.IntN(30)))
			}
			fields = append(fields, "children: "+g.nodes(depth+1))
		}
		items = append(items, "{"+strings.Join(fields, ", ")+"}")
	}
	return "[" + strings.Join(items, ", ") + "]"
}

func (g *teamGen) plan() string {
	g.b.Reset()
	g.names = 0
	fmt.Fprintf(&g.b, "version: 1\nyear: {start: 2027-01}\ntarget: %d\n", 100+g.rng.IntN(5000))
	if g.rng.IntN(2) == 0 {
		g.b.WriteString("ramp: [25%, 50%, 75%]\n")
	}
	if g.rng.IntN(2) == 0 {
		g.b.WriteString("seasonality: {months: [1, 2, 0, 1, 1, 3, 1, 1, 1, 0.5, 1, 1]}\n")
	}
	g.b.WriteString("dimensions:\n  org: " + g.nodes(1) + "\n")
	return g.b.String()
}

// TestSplitPeopleProperties: over random teams with random windows, every
// block adds up both ways, every cell, quarter, half and year is within one
// unit of its exact value of SPEC §9, and people get nothing outside their
// windows.
func TestSplitPeopleProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 9))
	g := &teamGen{rng: rng}
	split, refused := 0, 0
	for iter := 0; iter < 400; iter++ {
		src := g.plan()
		p, diags := Load("plan.yaml", []byte(src))
		if diags.HasErrors() {
			refused++ // a window outside its parent's: checked by the load tests
			if testing.Verbose() && refused < 6 {
				t.Logf("refused: %v", diags.Err())
			}
			continue
		}
		b, err := Split(p, Options{})
		var inv *InvalidError
		if errors.As(err, &inv) {
			refused++ // a month nobody can carry, fixed amounts that do not fit
			if testing.Verbose() && refused < 12 {
				t.Logf("refused: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Split: %v\n%s", err, src)
		}
		split++
		checkPeopleSplit(t, b, src)
	}
	if split < 200 {
		t.Errorf("only %d of 400 random teams split (%d refused): the generator is too harsh", split, refused)
	}
}

// checkPeopleSplit checks every block of every dimension against exact values
// computed here from the formulas of SPEC §9.
func checkPeopleSplit(t testing.TB, b *Breakdown, src string) {
	t.Helper()
	p := b.Plan
	for _, d := range b.Dimensions {
		if !p.Dimension(d.Name).HasPeople() {
			continue // v1's split, checked by the v1 properties
		}
		avail := p.AvailabilityAll(p.Dimension(d.Name))
		checkPeopleBlock(t, b, avail, b.Months, b.Allocated, d.Roots, "the plan", src)
		for _, r := range d.Rows {
			if r.Leaf() {
				continue
			}
			var total int64
			for _, k := range r.Children {
				total += k.Amount
			}
			checkPeopleBlock(t, b, avail, r.Months, total, r.Children, r.PathString(), src)
			for m := range 12 {
				if avail[r.Node][m].Sign() == 0 && r.Months[m] != 0 {
					t.Fatalf("%s has %d in month %d, outside its window\n%s", r.PathString(), r.Months[m], m+1, src)
				}
			}
		}
	}
}

func checkPeopleBlock(t testing.TB, b *Breakdown, avail map[*Node][12]*big.Rat, parent []int64, total int64, kids []*Row, where, src string) {
	t.Helper()
	var have int64
	for _, c := range parent {
		have += c
	}
	cols := parent
	if have != total {
		cols = apportionCells(total, parent) // over_assign: the children's total spread like the parent
	}
	a := func(k *Row, m int) *big.Rat {
		if k.IsReserve() {
			return big.NewRat(1, 1)
		}
		return avail[k.Node][m]
	}
	// exact values, SPEC §9
	x := make([][12]*big.Rat, len(kids))
	for m := range 12 {
		left := big.NewRat(cols[m], 1)
		sumW := new(big.Rat)
		for i, k := range kids {
			x[i][m] = new(big.Rat)
			if k.IsReserve() || k.Node.Kind == Fixed {
				den := new(big.Rat)
				for n := range 12 {
					den.Add(den, new(big.Rat).Mul(big.NewRat(cols[n], 1), a(k, n)))
				}
				if den.Sign() > 0 {
					x[i][m].Mul(big.NewRat(k.Amount*cols[m], 1), a(k, m))
					x[i][m].Quo(x[i][m], den)
				}
				left.Sub(left, x[i][m])
			} else {
				sumW.Add(sumW, new(big.Rat).Mul(testWeight(kids, k), a(k, m)))
			}
		}
		for i, k := range kids {
			if !(k.IsReserve() || k.Node.Kind == Fixed) && sumW.Sign() > 0 {
				x[i][m].Mul(left, new(big.Rat).Mul(testWeight(kids, k), a(k, m)))
				x[i][m].Quo(x[i][m], sumW)
			}
		}
	}
	for m := range 12 {
		var s int64
		for _, k := range kids {
			s += k.Months[m]
		}
		if s != cols[m] {
			t.Fatalf("children of %s add up to %d in month %d, want %d\n%s", where, s, m+1, cols[m], src)
		}
	}
	grains := [][2]int{{0, 12}, {0, 6}, {6, 12}, {0, 3}, {3, 6}, {6, 9}, {9, 12}}
	for m := range 12 {
		grains = append(grains, [2]int{m, m + 1})
	}
	for i, k := range kids {
		if sum64(k.Months) != k.Amount {
			t.Fatalf("%s/%s: months add up to %d, amount %d\n%s", where, k.Name(), sum64(k.Months), k.Amount, src)
		}
		for _, gr := range grains {
			ex := new(big.Rat)
			var got int64
			for m := gr[0]; m < gr[1]; m++ {
				ex.Add(ex, x[i][m])
				got += k.Months[m]
			}
			diff := new(big.Rat).Sub(big.NewRat(got, 1), ex)
			if diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("%s/%s: months %d–%d have %d, exact %s (not within one unit)\n%s", where, k.Name(), gr[0]+1, gr[1], got, ex.FloatString(3), src)
			}
		}
		for m := range 12 {
			if a(k, m).Sign() == 0 && k.Months[m] != 0 {
				t.Fatalf("%s/%s has %d in month %d, outside its window\n%s", where, k.Name(), k.Months[m], m+1, src)
			}
		}
	}
}

// testWeight is a weighted child's weight: its own, or 1 when none or when all
// its siblings' weights are zero.
func testWeight(kids []*Row, k *Row) *big.Rat {
	allZero := true
	for _, s := range kids {
		if !s.IsReserve() && s.Node.Kind != Fixed && s.Node.Weight != nil && s.Node.Weight.Sign() > 0 {
			allZero = false
		}
		if !s.IsReserve() && s.Node.Kind == NoWeight {
			allZero = false
		}
	}
	if allZero || k.Node.Weight == nil {
		return big.NewRat(1, 1)
	}
	return k.Node.Weight
}
