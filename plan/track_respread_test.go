package plan

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// Property test of the re-spread lined up (SPEC §6 v2) on random plans with
// random actuals, at every as-of month: each leaf's later months add up to
// its remaining, the part below one unit in the first; each whole cell is
// within one unit of its proportional value; every parent row and the total
// are, month by month, within one unit of the sum of their leaves'
// proportional values (exact where whole), and a parent's re-spread is the
// sum of its children's.
func TestRespreadLinedUpRandom(t *testing.T) {
	n := 60
	if testing.Short() {
		n = 15
	}
	for seed := range uint64(n) {
		src := randomPlan(seed)
		p, diags := Load("random.yaml", []byte(src))
		if p == nil {
			t.Fatalf("seed %d: %v", seed, diags.Err())
		}
		b, err := Split(p, Options{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if len(b.Dimensions) == 0 {
			continue
		}
		r := rand.New(rand.NewPCG(seed, 99))
		csv := randomActuals(r, b)
		a, diags := LoadActuals("a.csv", []byte(csv), b)
		if err := diags.Err(); err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, csv)
		}
		for k := range 11 {
			s, err := Track(b, a, b.Calendar.Start.Add(k))
			if err != nil {
				t.Fatalf("seed %d as of %d: %v", seed, k, err)
			}
			for _, ds := range s.Dimensions {
				checkRespread(t, fmt.Sprintf("seed %d as of %d %s", seed, k, ds.Name), s, ds)
			}
		}
	}
}

// The company example with its actuals, at every as-of month.
func TestRespreadLinedUpCompany(t *testing.T) {
	src, err := os.ReadFile("../examples/company/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	csv, err := os.ReadFile("../examples/company/actuals.csv")
	if err != nil {
		t.Fatal(err)
	}
	b := mustSplit(t, mustLoad(t, string(src)), Options{})
	a, diags := LoadActuals("actuals.csv", csv, b)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	for k := range 6 {
		s, err := Track(b, a, b.Calendar.Start.Add(k))
		if err != nil {
			t.Fatal(err)
		}
		for _, ds := range s.Dimensions {
			checkRespread(t, fmt.Sprintf("as of %d %s", k, ds.Name), s, ds)
		}
	}
}

// randomActuals books a random amount, now and then negative or far above
// plan, for every leaf of every dimension in every month.
func randomActuals(r *rand.Rand, b *Breakdown) string {
	var sb strings.Builder
	sb.WriteString("period,dimension,path,amount\n")
	labels := b.Calendar.MonthLabels()
	for _, d := range b.Dimensions {
		for _, row := range d.Rows {
			if !row.Leaf() || row.IsReserve() {
				continue
			}
			for m, l := range labels {
				plan := b.Unit.Amount(row.Months[m])
				f := big.NewRat(int64(r.IntN(300)), 100) // 0 – 3 × plan
				if r.IntN(20) == 0 {
					f.Neg(f)
				}
				v := new(big.Rat).Mul(plan, f)
				fmt.Fprintf(&sb, "%s,%s,%s,%s\n", l, d.Name, row.PathString(), v.FloatString(2))
			}
		}
	}
	return sb.String()
}

func checkRespread(t *testing.T, what string, s *Scorecard, ds *DimensionScore) {
	t.Helper()
	u := s.Breakdown.Unit
	L := len(s.Later)
	first := s.AsOfIndex + 1
	d := ds.Split
	// each leaf's exact whole-unit proportional values, summed up the tree
	exact := make([][]*big.Rat, len(d.Rows))
	total := make([]*big.Rat, L)
	for j := range total {
		total[j] = new(big.Rat)
	}
	for i := range d.Rows {
		exact[i] = make([]*big.Rat, L)
		for j := range L {
			exact[i][j] = new(big.Rat)
		}
	}
	for _, row := range d.Rows {
		if !row.Leaf() {
			continue
		}
		n := ds.Nodes[row.Index]
		whole, frac, err := wholeUnits(n.Remaining, u)
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Respread) != L {
			t.Fatalf("%s: %s has %d re-spread cells, want %d", what, row.PathString(), len(n.Respread), L)
		}
		sum := new(big.Rat)
		later := row.Months[first:]
		var w int64
		for _, c := range later {
			w += c
		}
		for j, c := range n.Respread {
			sum.Add(sum, c)
			cell := new(big.Rat).Set(c)
			if j == 0 {
				cell.Sub(cell, frac)
			}
			units := new(big.Rat).Quo(cell, u.Rat())
			if !units.IsInt() {
				t.Fatalf("%s: %s month %d is %s, not whole units", what, row.PathString(), j, c.RatString())
			}
			x := big.NewRat(whole, int64(L))
			if w > 0 {
				x = new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(whole), big.NewInt(later[j])), big.NewInt(w))
			}
			checkFloorCeil(t, units.Num().Int64(), x, "%s: %s later month %d", what, row.PathString(), j)
			for q := row; q != nil; q = q.Parent {
				exact[q.Index][j].Add(exact[q.Index][j], x)
			}
			total[j].Add(total[j], x)
		}
		if sum.Cmp(n.Remaining) != 0 {
			t.Fatalf("%s: %s re-spreads %s of its remaining %s", what, row.PathString(), sum.RatString(), n.Remaining.RatString())
		}
	}
	// nodes above: whole parts (their cells minus their leaves' fractions)
	check := func(name string, cells []*big.Rat, fracs *big.Rat, ex []*big.Rat) {
		for j := range L {
			c := new(big.Rat).Set(cells[j])
			if j == 0 {
				c.Sub(c, fracs)
			}
			units := new(big.Rat).Quo(c, u.Rat())
			if !units.IsInt() {
				t.Fatalf("%s: %s month %d is %s, not whole units", what, name, j, cells[j].RatString())
			}
			checkFloorCeil(t, units.Num().Int64(), ex[j], "%s: %s later month %d", what, name, j)
		}
	}
	leafFrac := func(row *Row) *big.Rat {
		f := new(big.Rat)
		var walk func(r *Row)
		walk = func(r *Row) {
			if r.Leaf() {
				_, fr, _ := wholeUnits(ds.Nodes[r.Index].Remaining, u)
				f.Add(f, fr)
				return
			}
			for _, c := range r.Children {
				walk(c)
			}
		}
		walk(row)
		return f
	}
	all := new(big.Rat)
	for _, row := range d.Rows {
		if row.Parent == nil {
			all.Add(all, leafFrac(row))
		}
		if row.Leaf() {
			continue
		}
		n := ds.Nodes[row.Index]
		sum := zeroRats(L)
		for _, c := range row.Children {
			addRats(sum, ds.Nodes[c.Index].Respread)
		}
		for j := range L {
			if sum[j].Cmp(n.Respread[j]) != 0 {
				t.Fatalf("%s: %s month %d is not the sum of its children", what, row.PathString(), j)
			}
		}
		check(row.PathString(), n.Respread, leafFrac(row), exact[row.Index])
	}
	check("the total", ds.Total.Respread, all, total)
}
