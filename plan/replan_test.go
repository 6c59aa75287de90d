package plan

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// replanned loads and splits base and next, and re-plans next on base.
func replanned(t *testing.T, baseSrc, nextSrc string) (*Breakdown, *Breakdown, error) {
	t.Helper()
	base := mustSplit(t, mustLoad(t, baseSrc), Options{})
	bp, diags := Load("next.yaml", []byte(nextSrc))
	if diags.HasErrors() {
		t.Fatalf("next plan does not load: %v\n%s", diags.Err(), nextSrc)
	}
	b := mustSplit(t, bp, Options{})
	return b, base, Replan(b, base)
}

const replanBase = `version: 1
year: {start: 2027-01}
target: 1200
dimensions:
  org:
    - {name: a, weight: 1}
    - {name: b, weight: 1}
`

// TestReplanByHand: the base gives a and b 50 a month; the new plan raises
// the target to 1500 and adds c, closed at June. The top row keeps 100 a
// month to June and spreads the other 900 evenly (150 a month); a and b
// carry 500 − 300 = 200 over six months, c 500: 33⅓ and 83⅓ a month.
func TestReplanByHand(t *testing.T) {
	next := strings.Replace(replanBase, "target: 1200", "target: 1500\nbase: v1.yaml", 1)
	next = strings.Replace(next, "{start: 2027-01}", "{start: 2027-01, closed: 2027-06}", 1)
	next += "    - {name: c, weight: 1}\n"
	b, _, err := replanned(t, replanBase, next)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(b.Months); got != "[100 100 100 100 100 100 150 150 150 150 150 150]" {
		t.Errorf("top row %s", got)
	}
	want := map[string]struct {
		closed, lo, hi int64
	}{"a": {50, 33, 34}, "b": {50, 33, 34}, "c": {0, 83, 84}}
	for _, r := range b.Dimensions[0].Rows {
		w := want[r.Name()]
		if sum64(r.Months) != 500 {
			t.Errorf("%s adds up to %d, want 500", r.Name(), sum64(r.Months))
		}
		for m, c := range r.Months {
			if m <= 5 && c != w.closed || m > 5 && (c < w.lo || c > w.hi) {
				t.Errorf("%s month %d = %d, want %d closed, then %d or %d", r.Name(), m+1, c, w.closed, w.lo, w.hi)
			}
		}
	}
	for m := range 12 {
		var s int64
		for _, r := range b.Dimensions[0].Rows {
			s += r.Months[m]
		}
		if s != b.Months[m] {
			t.Errorf("month %d: rows add up to %d, top %d", m+1, s, b.Months[m])
		}
	}
	// The quarter view and the diff against the base see the same cells.
	v, err := b.View(PeriodQuarter)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(v.Time); got != "[300 300 450 450]" {
		t.Errorf("quarters %s", got)
	}
}

func TestReplanDiffShowsNothingClosed(t *testing.T) {
	next := strings.Replace(replanBase, "target: 1200", "target: 2400\nbase: v1.yaml", 1)
	next = strings.Replace(next, "{start: 2027-01}", "{start: 2027-01, closed: 2027-06}", 1)
	next = strings.Replace(next, "{name: b, weight: 1}", "{name: b, weight: 3}", 1)
	b, base, err := replanned(t, replanBase, next)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Diff(base, b, PeriodMonth)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Dimensions {
		for _, r := range d.Rows {
			for m := range 6 {
				if r.Periods[m].Changed() {
					t.Errorf("%s changed in closed month %d", r.PathString(), m+1)
				}
			}
		}
	}
}

// TestReplanErrors: every problem of SPEC §13, at its file and position, in
// one run.
func TestReplanErrors(t *testing.T) {
	base := `version: 1
year: {start: 2027-01}
target: 1200
dimensions:
  org:
    - {name: a, weight: 1}
    - name: b
      weight: 1
      reserve: 10%
      children: [b1, b2]
    - {name: gone, weight: 1}
  product:
    - {name: p, weight: 1}
`
	next := `version: 1
year: {start: 2027-01, closed: 2027-06}
base: v1.yaml
target: 1200
dimensions:
  org:
    - {name: a, amount: 100}
    - name: b
      weight: 1
      children: [b1, b2]
`
	_, _, err := replanned(t, base, next)
	var inv *InvalidError
	if !errors.As(err, &inv) {
		t.Fatalf("got %v, want an *InvalidError", err)
	}
	got := inv.Error()
	for _, want := range []string{
		"next.yaml:7:25: error: a's annual amount 100 is below the 200 already closed up to 2027-06",
		"plan.yaml:7:7: error: the reserve of b in org is in the base but not in this plan",
		"plan.yaml:11:7: error: gone of org is in the base but not in this plan",
		"hint: keep a leaver with end:",
		"plan.yaml:13:7: error: p of product is in the base but not in this plan",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}

	other := strings.Replace(replanBase, "target: 1200", "target: 1200\nround: 100", 1)
	next2 := strings.Replace(replanBase, "target: 1200", "target: 1200\nbase: v1.yaml", 1)
	next2 = strings.Replace(next2, "{start: 2027-01}", "{start: 2027-01, closed: 2027-03}", 1)
	_, _, err = replanned(t, other, next2)
	if err == nil || !strings.Contains(err.Error(), "next.yaml:4:7: error: base v1.yaml has round 100, this plan 1") {
		t.Errorf("another round: %v", err)
	}
}

func TestReplanLoadErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"year: {start: 2027-01, closed: 2027-06}\ntarget: 1\n", "2:32: error: year.closed needs a base"},
		{"year: {start: 2027-01}\nbase: v1.yaml\ntarget: 1\n", "3:1: error: base is set but year.closed is not"},
		{"year: {start: 2027-01, closed: 2027-12}\nbase: v1.yaml\ntarget: 1\n", "closes the whole year"},
		{"year: {start: 2027-01, closed: 2026-12}\nbase: v1.yaml\ntarget: 1\n", "year.closed 2026-12 is outside the fiscal year"},
		{"year: {start: 2027-01, closed: 2027-06}\nbase: git:-x\ntarget: 1\n", "is not a git revision"},
		{"year: {start: 2027-01}\ntarget: 1\ntracking: {misses: 0}\n", "tracking.misses must be a whole number of months from 1 to 12"},
		{"year: {start: 2027-01}\ntarget: 1\nincentive: {commission: {rate: 3}}\n", `did you mean "3%"?`},
		{"year: {start: 2027-01}\ntarget: 1\nincentive: {commission: {accelerators: []}}\n", "incentive.commission has no rate"},
		{"year: {start: 2027-01}\ntarget: 1\nincentive: {commission: {rate: 3%, accelerators: [{from: 120%, rate: 8%}, {from: 100%, rate: 5%}]}}\n",
			"accelerator from 100% is not above the one before (120%)"},
		{"year: {start: 2027-01}\ntarget: 1\nincentive: {commission: {rate: 3%, accelerators: [{from: 1.2, rate: 8%}]}}\n", `did you mean "1.2%"?`},
		{"year: {start: 2027-01}\ntarget: 1\nincentive: {bonus: -5}\n", "incentive.bonus must not be negative"},
	}
	for _, tt := range tests {
		_, diags := Load("plan.yaml", []byte("version: 1\n"+tt.src))
		if got := fmt.Sprint(diags.Err()); !strings.Contains(got, tt.want) {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
	p := mustLoad(t, "version: 1\nyear: {start: 2027-04, closed: 2027-09}\nbase: git:v1\ntarget: 1\ntracking: {misses: 2}\n")
	if p.Base.Rev != "v1" || p.Year.Closed.Index != 5 || p.Tracking.Misses != 2 {
		t.Errorf("base %+v closed %+v misses %d", p.Base, p.Year.Closed, p.Tracking.Misses)
	}
}

// gnode is a node of a random tree rendered twice: as the base and, edited,
// as the re-plan.
type gnode struct {
	name           string
	w, w2          int
	reserve, over  int
	kids           []*gnode
	added, dropped bool
}

func genTree(rng *rand.Rand, depth int) []*gnode {
	var out []*gnode
	for i := range 1 + rng.IntN(4) {
		g := &gnode{name: fmt.Sprintf("n%d", i), w: 1 + rng.IntN(4)}
		g.w2 = max(1, g.w+rng.IntN(3)-1)
		if depth < 3 && rng.IntN(2) == 0 {
			if rng.IntN(3) == 0 {
				g.reserve = 5 + rng.IntN(10)
			}
			if rng.IntN(5) == 0 {
				g.over = 5 + rng.IntN(20)
			}
			g.kids = genTree(rng, depth+1)
			if rng.IntN(3) == 0 {
				g.kids = append(g.kids, &gnode{name: "new", w2: 1 + rng.IntN(3), added: true})
			}
		}
		out = append(out, g)
	}
	return out
}

func renderTree(b *strings.Builder, nodes []*gnode, indent int, next bool) {
	pad := strings.Repeat(" ", indent)
	for _, g := range nodes {
		if g.added && !next {
			continue
		}
		w := g.w
		if next {
			w = g.w2
		}
		fmt.Fprintf(b, "%s- name: %s\n%s  weight: %d\n", pad, g.name, pad, w)
		if len(g.kids) > 0 {
			if g.reserve > 0 {
				fmt.Fprintf(b, "%s  reserve: %d%%\n", pad, g.reserve)
			}
			if g.over > 0 {
				fmt.Fprintf(b, "%s  over_assign: %d%%\n", pad, g.over)
			}
			fmt.Fprintf(b, "%s  children:\n", pad)
			renderTree(b, g.kids, indent+4, next)
		}
	}
}

func renderPlan(rng *rand.Rand, round string, units int64, closed string, trees [][]*gnode, next bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "version: 1\nround: %s\ntarget: %d\nyear: {start: 2027-01", round, units*map[string]int64{"1": 1, "1000": 1000}[round])
	if next {
		fmt.Fprintf(&b, ", closed: %s}\nbase: v1.yaml\n", closed)
	} else {
		b.WriteString("}\n")
	}
	b.WriteString("seasonality:\n  months: [")
	for m := range 12 {
		if m > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, rng.IntN(5))
	}
	b.WriteString("]\ndimensions:\n")
	for d, nodes := range trees {
		fmt.Fprintf(&b, "  d%d:\n", d)
		renderTree(&b, nodes, 4, next)
	}
	return b.String()
}

// TestReplanProperties: on random plans and random edits, a re-plan keeps
// every closed cell of the base (0 for new rows), every row adds up to its
// annual amount, children add up to their parent in every month (where the
// parent has no over_assign), the top-level rows to the re-planned top row,
// and every later cell is within one unit of its proportional value.
func TestReplanProperties(t *testing.T) {
	done := 0
	for seed := range uint64(150) {
		rng := rand.New(rand.NewPCG(seed, 13))
		round := []string{"1", "1000"}[rng.IntN(2)]
		units := 1 + rng.Int64N(5_000_000)
		trees := [][]*gnode{genTree(rng, 1)}
		if rng.IntN(2) == 0 {
			trees = append(trees, genTree(rng, 1))
		}
		closed := Month{Year: 2027, Month: 1 + rng.IntN(11)}
		baseSrc := renderPlan(rng, round, units, closed.String(), trees, false)
		nextSrc := renderPlan(rng, round, units*int64(2+rng.IntN(3)), closed.String(), trees, true)
		b, base, err := replanned(t, baseSrc, nextSrc)
		if err != nil {
			if !strings.Contains(err.Error(), "already closed") {
				t.Fatalf("seed %d: %v\n%s", seed, err, nextSrc)
			}
			continue
		}
		done++
		k := closed.Index(b.Calendar.Start)
		where := fmt.Sprintf("seed %d", seed)
		if sum64(b.Months) != b.Allocated {
			t.Fatalf("%s: the top row adds up to %d, not %d", where, sum64(b.Months), b.Allocated)
		}
		for m := 0; m <= k; m++ {
			if b.Months[m] != base.Months[m] {
				t.Fatalf("%s: top month %d is %d, the base's %d", where, m+1, b.Months[m], base.Months[m])
			}
		}
		for _, d := range b.Dimensions {
			index := rowIndex(base.Dimension(d.Name))
			for _, r := range d.Rows {
				br := index[r.PathString()]
				for m := 0; m <= k; m++ {
					want := int64(0)
					if br != nil {
						want = br.Months[m]
					}
					if r.Months[m] != want {
						t.Fatalf("%s: %s closed month %d is %d, want %d", where, r.PathString(), m+1, r.Months[m], want)
					}
				}
				if sum64(r.Months) != r.Amount {
					t.Fatalf("%s: %s adds up to %d, not %d", where, r.PathString(), sum64(r.Months), r.Amount)
				}
			}
			replanCheckBlock(t, where, b.Months, d.Roots, k)
			for _, r := range d.Rows {
				if !r.Leaf() && r.Node.OverAssign == nil {
					replanCheckBlock(t, where+" under "+r.PathString(), r.Months, r.Children, k)
				}
			}
		}
	}
	if done < 75 {
		t.Errorf("only %d of 150 random re-plans succeeded", done)
	}
}

// replanCheckBlock checks that kids add up to parent in every month and that
// each later cell is the floor or ceiling of kid's rest × parent's cell /
// parent's rest.
func replanCheckBlock(t *testing.T, where string, parent []int64, kids []*Row, k int) {
	t.Helper()
	parentRest := sum64(parent[k+1:])
	for m := range 12 {
		var s int64
		for _, c := range kids {
			s += c.Months[m]
		}
		if s != parent[m] {
			t.Fatalf("%s: month %d: children add up to %d, parent %d", where, m+1, s, parent[m])
		}
	}
	if parentRest == 0 {
		return
	}
	for _, c := range kids {
		rest := sum64(c.Months[k+1:])
		for m := k + 1; m < 12; m++ {
			exact := propRat(rest, parent[m], parentRest)
			lo := exact.Num().Int64() / exact.Denom().Int64()
			if c.Months[m] != lo && !(c.Months[m] == lo+1 && !exact.IsInt()) {
				t.Fatalf("%s: %s month %d = %d, exact %s", where, c.PathString(), m+1, c.Months[m], exact.FloatString(3))
			}
		}
	}
}
