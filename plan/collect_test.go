package plan

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// collectPlan is a plan of 1,200 a year, 100 a month, shared 60/40, with a
// collections metric of the given collect block.
func collectPlan(collect string) string {
	return `version: 1
name: c
round: 1
year: {start: 2027-01}
target: 1200
metrics:
  - {name: 回款, kind: amount, collect: ` + collect + `}
dimensions:
  org:
    - {name: A, weight: 60%}
    - {name: B, weight: 40%}
`
}

// Hand-computed (SPEC §12): 100 booked every month, half collected at once and
// half a month later, 100 owed at the start of the year and collected in
// January. January collects 50 + 100 = 150, every later month 50 + 50 = 100;
// the year 1,250; what stays owed at the end is December's second half, 50.
// A (60 a month, opening 60): 90 then 60 a month, year 750, owes 30; B: 60
// then 40, year 500, owes 20.
func TestCollectHandComputed(t *testing.T) {
	p := mustLoad(t, collectPlan(`{from: revenue, terms: [50%, 50%], opening: {amount: 100, terms: [100%]}}`))
	b, err := Split(p, Options{Metric: "回款"})
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{150, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100}
	if !slices.Equal(b.Months, want) || b.Target != 1250 || b.Opening != 100 || b.ReceivableEnd != 50 {
		t.Fatalf("top: months %v target %d opening %d receivable %d; want %v 1250 100 50", b.Months, b.Target, b.Opening, b.ReceivableEnd, want)
	}
	d := b.Dimension("org")
	for _, c := range []struct {
		path          string
		jan, later    int64
		amount, open  int64
		receivableEnd int64
	}{{"A", 90, 60, 750, 60, 30}, {"B", 60, 40, 500, 40, 20}} {
		r := rowByPath(t, b, "org", c.path)
		if r.Months[0] != c.jan || r.Months[5] != c.later || r.Amount != c.amount || d.Opening[r.Index] != c.open || d.ReceivableEnd[r.Index] != c.receivableEnd {
			t.Errorf("%s: months %v amount %d opening %d receivable %d; want Jan %d later %d, %d, %d, %d",
				c.path, r.Months, r.Amount, d.Opening[r.Index], d.ReceivableEnd[r.Index], c.jan, c.later, c.amount, c.open, c.receivableEnd)
		}
	}
}

// Hand-computed year rounding: 1,000 over equal months is 84, 83, 83 in every
// quarter, so November and December book 83 each. With terms [50%, 50%]
// December's half stays owed: the year collects 1,000 − 41.5 = 958.5, rounded
// half up to 959, and 41 is owed at the end. With [50%, 25%, 25%] November
// leaves 20.75 and December 41.5: 937.75 rounds to 938, 62 owed.
func TestCollectYearRounding(t *testing.T) {
	for _, c := range []struct {
		terms       string
		year, owed  int64
		exactMonth0 string
	}{
		{"[50%, 50%]", 959, 41, "42"},
		{"[50%, 25%, 25%]", 938, 62, "42"},
	} {
		src := strings.Replace(collectPlan(`{from: revenue, terms: `+c.terms+`}`), "target: 1200", "target: 1000", 1)
		p := mustLoad(t, src)
		rev, err := Split(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rev.Months, []int64{84, 83, 83, 84, 83, 83, 84, 83, 83, 84, 83, 83}) {
			t.Fatalf("revenue months %v: the hand computation assumed 84, 83, 83 a quarter", rev.Months)
		}
		b, err := Split(p, Options{Metric: "回款"})
		if err != nil {
			t.Fatal(err)
		}
		if b.Target != c.year || b.ReceivableEnd != c.owed || sum64(b.Months) != c.year {
			t.Errorf("terms %s: year %d (months add up to %d), owed %d; want %d, %d", c.terms, b.Target, sum64(b.Months), b.ReceivableEnd, c.year, c.owed)
		}
		// January collects half of its 84: 42 exactly, whatever the year's rounding moves.
		if got := fmt.Sprint(b.Months[0]); got != c.exactMonth0 {
			t.Errorf("terms %s: January %s, want %s", c.terms, got, c.exactMonth0)
		}
	}
}

// The opening is shared down every tree by the from rows' exact annual
// amounts, largest remainder: 1,000 over 1/3, 1/3, 1/3 is 334, 333, 333 (ties
// to the first), whatever the rounded revenue amounts are.
func TestCollectOpeningShares(t *testing.T) {
	src := `version: 1
name: c
round: 1
year: {start: 2027-01}
target: 1000
metrics:
  - {name: 回款, collect: {from: revenue, terms: [100%], opening: {amount: 1000}}}
dimensions:
  org:
    - {name: A, weight: 1}
    - {name: B, weight: 1}
    - name: C
      weight: 1
      reserve: 10%
      children: [{name: C1, weight: 1}, {name: C2, weight: 2}]
`
	p := mustLoad(t, src)
	b, err := Split(p, Options{Metric: "回款"})
	if err != nil {
		t.Fatal(err)
	}
	d := b.Dimension("org")
	got := map[string]int64{}
	for _, r := range d.Rows {
		got[r.PathString()] = d.Opening[r.Index]
	}
	// C's 333: its reserve row's exact share is 10 % of C's amount 333 = 33.3 of
	// 333 → 33.3; C1 and C2 share 299.7 (C's 333 − 33.3, as revenue: C shares
	// out 333 − 33 = 300 by 1:2) → 99.9 and 199.8: floors 33, 99, 199 = 331,
	// two left, to the largest remainders .9 (C1) and .8 (C2).
	want := map[string]int64{"A": 334, "B": 333, "C": 333, "C/C1": 100, "C/C2": 200, "C/(reserve)": 33}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("opening of %s: %d, want %d (all: %v)", k, got[k], v, got)
		}
	}
	// terms [100%]: everything booked is collected the same month; only the
	// opening, collected in January, adds; nothing stays owed.
	if b.Target != 2000 || b.ReceivableEnd != 0 || b.Months[0] != 1000+84 {
		t.Errorf("year %d owed %d January %d; want 2000, 0, 1084", b.Target, b.ReceivableEnd, b.Months[0])
	}
}

// Property (SPEC §12 with §4): on random plans with a collections metric of
// random terms and opening, collections add up both ways (every row to its
// amount, children to their parent in every month, the top level to the top
// row), the year is the exact year rounded half up, every cell and the year
// of every row within one unit of its proportional value, openings add up
// down the trees, and year-end receivables are from + opening − collections.
func TestCollectRandomPlans(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 40
	}
	for seed := range uint64(n) {
		src := withCollectMetric(randomPlan(seed), seed)
		ok := t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			p, diags := Load("random.yaml", []byte(src))
			if p == nil || diags.HasErrors() {
				t.Fatalf("random plan does not load: %v", diags.Err())
			}
			from, err := Split(p, Options{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := Split(p, Options{Metric: "collected"})
			if err != nil {
				t.Fatal(err)
			}
			checkCollect(t, p, from, b)
			again, err := Split(p, Options{Metric: "collected"})
			if err != nil {
				t.Fatal(err)
			}
			sameBreakdown(t, b, again)
		})
		if !ok {
			t.Logf("plan of seed %d:\n%s", seed, src)
			return
		}
	}
	t.Logf("blocks rounded by their exact values: %d, by them without quarters and halves: %d, by their shares of the parent's cells: %d",
		collectBlocks[0], collectBlocks[1], collectBlocks[2])
	if collectBlocks[0] < 50*(collectBlocks[1]+collectBlocks[2]) {
		t.Errorf("more than one block in 50 falls back from the exact values")
	}
}

// withCollectMetric adds a collections metric of revenue with random terms
// and opening to a random plan.
func withCollectMetric(src string, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 7))
	g := &planGen{rng: r}
	terms := func() string { return "[" + strings.Join(g.percents(r.IntN(6)+1), ", ") + "]" }
	var units string
	for _, l := range strings.Split(src, "\n") {
		if strings.HasPrefix(l, "round: ") {
			units = strings.TrimPrefix(l, "round: ")
		}
	}
	g.round, _ = new(big.Rat).SetString(units)
	collect := "{from: revenue, terms: " + terms()
	if r.IntN(4) == 0 {
		// a denominator of 10⁹: too fine for the 64-bit path, worked in rationals
		collect = "{from: revenue, terms: [33.3333333%, 33.3333333%, 33.3333334%]"
	}
	if r.IntN(2) == 0 {
		collect += ", opening: {amount: " + g.amountText(r.Int64N(1_000_000)) + "}"
	} else if r.IntN(2) == 0 {
		collect += ", opening: {amount: " + g.amountText(r.Int64N(1_000)) + ", terms: " + terms() + "}"
	}
	line := "  - {name: collected, kind: amount, collect: " + collect + "}}\n"
	if i := strings.Index(src, "metrics:\n"); i >= 0 {
		return src[:i+len("metrics:\n")] + line + src[i+len("metrics:\n"):]
	}
	return src + "metrics:\n" + line
}

// checkCollect checks a collections breakdown against the breakdown of what it
// collects from, recomputing every exact value from the plan's terms.
func checkCollect(t testing.TB, p *Plan, from, b *Breakdown) {
	t.Helper()
	c := p.metric(b.Metric).Collect
	exactOf := func(cells []int64, opening int64) []*big.Rat {
		out := make([]*big.Rat, 12)
		for m := range 12 {
			x := new(big.Rat)
			for k := 0; k <= m && k < len(c.Terms); k++ {
				x.Add(x, new(big.Rat).Mul(c.Terms[k], big.NewRat(cells[m-k], 1)))
			}
			if m < len(c.OpeningTerms) {
				x.Add(x, new(big.Rat).Mul(c.OpeningTerms[m], big.NewRat(opening, 1)))
			}
			out[m] = x
		}
		return out
	}
	top := exactOf(from.Months, b.Opening)
	if y := roundHalfUpRat(sumRats(top)); y != b.Target || sum64(b.Months) != b.Target {
		t.Fatalf("year %d, months add up to %d; exact year %s rounds to %d", b.Target, sum64(b.Months), sumRats(top).RatString(), y)
	}
	if b.ReceivableEnd != from.Allocated+b.Opening-b.Target {
		t.Fatalf("receivable %d, want %d + %d − %d", b.ReceivableEnd, from.Allocated, b.Opening, b.Target)
	}
	checkGrainCells(t, b.Months, scaleTo(top, b.Target), "top row")
	for i, d := range b.Dimensions {
		fd := from.Dimensions[i]
		exact := make([][]*big.Rat, len(d.Rows))
		for _, r := range fd.Rows {
			exact[r.Index] = exactOf(r.Months, d.Opening[r.Index])
		}
		checkOpenings(t, d, fd.Roots, b.Opening)
		for _, r := range d.Rows {
			if got := d.ReceivableEnd[r.Index]; got != fd.Rows[r.Index].Amount+d.Opening[r.Index]-r.Amount {
				t.Fatalf("%s: receivable %d is not from + opening − collections", r.PathString(), got)
			}
			if !r.Leaf() {
				checkOpenings(t, d, fd.Rows[r.Index].Children, d.Opening[r.Index])
			}
		}
		checkCollectBlock(t, b.Months, top, d.Roots, exact, d.Name+": top level")
		for _, r := range d.Rows {
			if !r.Leaf() {
				checkCollectBlock(t, r.Months, exact[r.Index], r.Children, exact, d.Name+": children of "+r.PathString())
			}
		}
	}
}

// checkOpenings: the kids' openings add up to the parent's, each within one
// unit of its exact share.
func checkOpenings(t testing.TB, d *DimensionSplit, fromKids []*Row, opening int64) {
	t.Helper()
	var sum int64
	for _, k := range fromKids {
		sum += d.Opening[k.Index]
	}
	if sum != opening {
		t.Fatalf("%s: openings of %d rows add up to %d, want %d", d.Name, len(fromKids), sum, opening)
	}
}

// checkCollectBlock checks one block: rows add up to their amounts, columns
// to the parent's cells (or, when the kids' exact collections add up to more
// than the parent's under over_assign, to their own sums rounded), every cell
// and every kid's year within one unit of its proportional value.
func checkCollectBlock(t testing.TB, pcells []int64, pexact []*big.Rat, kids []*Row, exact [][]*big.Rat, what string) {
	t.Helper()
	sums := make([]*big.Rat, 12)
	same := true
	for m := range 12 {
		sums[m] = new(big.Rat)
		for _, k := range kids {
			sums[m].Add(sums[m], exact[k.Index][m])
		}
		same = same && sums[m].Cmp(pexact[m]) == 0
	}
	cols := make([]int64, 12)
	for _, k := range kids {
		if sum64(k.Months) != k.Amount {
			t.Fatalf("%s: %s's months add up to %d, its amount is %d", what, k.PathString(), sum64(k.Months), k.Amount)
		}
		for m, v := range k.Months {
			cols[m] += v
		}
	}
	if same && !slices.Equal(cols, pcells) {
		t.Fatalf("%s: the children add up to %v, the parent has %v", what, cols, pcells)
	}
	if !same {
		if y := roundHalfUpRat(sumRats(sums)); sum64(cols) != y {
			t.Fatalf("%s (over-assigned): the children add up to %d, their exact year %s rounds to %d", what, sum64(cols), sumRats(sums).RatString(), y)
		}
		checkGrainCells(t, cols, scaleTo(sums, sum64(cols)), what+" (over-assigned columns)")
	}
	// the kids' own exact values are the proportional values (SPEC §12);
	// where no rounding of them meets the parent's cells, their shares of
	// each month's cell (the exact values scaled to it)
	own, ownCells, scaled := true, true, true
	for _, k := range kids {
		prop := make([]*big.Rat, 12)
		for m := range 12 {
			prop[m] = new(big.Rat)
			if sums[m].Sign() > 0 {
				prop[m].Mul(exact[k.Index][m], big.NewRat(cols[m], 1)).Quo(prop[m], sums[m])
			}
		}
		own = own && inGrains(k.Amount, k.Months, exact[k.Index], true)
		ownCells = ownCells && inGrains(k.Amount, k.Months, exact[k.Index], false)
		scaled = scaled && inGrains(k.Amount, k.Months, prop, true)
	}
	switch {
	case own:
		collectBlocks[0]++
	case ownCells:
		collectBlocks[1]++
	case scaled:
		collectBlocks[2]++
	default:
		t.Fatalf("%s: the kids are within one unit neither of their exact collections nor of their shares of the parent's cells", what)
	}
}

// collectBlocks counts the blocks checked that are rounded by their exact
// values [0], by them without quarters and halves [1], and by their shares of
// the parent's cells [2].
var collectBlocks [3]int

// inGrains reports whether a row's year and months (and with grains its
// halves and quarters) are each the floor or the ceiling of the sums of exact.
func inGrains(amount int64, cells []int64, exact []*big.Rat, grains bool) bool {
	in := func(got int64, x *big.Rat) bool {
		f := new(big.Int).Div(x.Num(), x.Denom()).Int64()
		return got == f || (!x.IsInt() && got == f+1)
	}
	if !in(amount, sumRats(exact)) {
		return false
	}
	for m := range 12 {
		if !in(cells[m], exact[m]) {
			return false
		}
	}
	for _, g := range [][2]int{{0, 3}, {3, 6}, {6, 9}, {9, 12}, {0, 6}, {6, 12}} {
		if grains && !in(sum64(cells[g[0]:g[1]]), sumRats(exact[g[0]:g[1]])) {
			return false
		}
	}
	return true
}

// checkGrainCells checks that every month, quarter and half of a row is within one
// unit of its proportional value.
func checkGrainCells(t testing.TB, cells []int64, prop []*big.Rat, what string) {
	t.Helper()
	for m := range 12 {
		checkFloorCeil(t, cells[m], prop[m], "%s: month %d", what, m+1)
	}
	for _, g := range [][2]int{{0, 3}, {3, 6}, {6, 9}, {9, 12}, {0, 6}, {6, 12}} {
		checkFloorCeil(t, sum64(cells[g[0]:g[1]]), sumRats(prop[g[0]:g[1]]), "%s: months %d–%d", what, g[0]+1, g[1])
	}
}

// scaleTo scales exact values to add up to total.
func scaleTo(xs []*big.Rat, total int64) []*big.Rat {
	sum := sumRats(xs)
	out := make([]*big.Rat, len(xs))
	for i, x := range xs {
		out[i] = new(big.Rat)
		if sum.Sign() > 0 {
			out[i].Mul(x, big.NewRat(total, 1)).Quo(out[i], sum)
		}
	}
	return out
}

// Every problem of a collect block gets one message at its line and column.
func TestCollectLoadErrors(t *testing.T) {
	head := "version: 1\nyear: {start: 2027-01}\ntarget: 100\nround: 1\nmetrics:\n"
	tail := "dimensions:\n  org: [a, b]\n"
	for _, tc := range []struct{ name, metrics, want string }{
		{"terms not 100 %", "  - {name: c, collect: {from: revenue, terms: [40%, 40%]}}\n",
			"plan.yaml:6:47: error: the terms of c add up to 80%, not 100%\n\thint: what is booked is collected in full: make the rates add up to exactly 100%"},
		{"too many terms", "  - {name: c, collect: {from: revenue, terms: [" + strings.Repeat("5%, ", 12) + "40%]}}\n",
			"plan.yaml:6:47: error: the terms of c must have 1 to 12 rates, found 13"},
		{"a rate above 100 %", "  - {name: c, collect: {from: revenue, terms: [120%]}}\n",
			"plan.yaml:6:48: error: a rate of the terms of c must be at most 100%, found 120%"},
		{"no terms", "  - {name: c, collect: {from: revenue}}\n",
			"plan.yaml:6:24: error: the collect block of c has no terms"},
		{"unknown from", "  - {name: c, collect: {from: revenu, terms: [100%]}}\n",
			"plan.yaml:6:31: error: collect.from of c names unknown metric \"revenu\"\n\thint: did you mean \"revenue\"?"},
		{"from a count", "  - {name: n, target: 10}\n  - {name: c, collect: {from: n, terms: [100%]}}\n",
			"plan.yaml:7:31: error: metric c collects from n, which is not a booked amount (revenue or a metric of kind amount without collect)\n\thint: collect from what is booked: revenue"},
		{"from itself", "  - {name: c, collect: {from: c, terms: [100%]}}\n",
			"plan.yaml:6:31: error: metric c collects from c, which is not a booked amount"},
		{"from a ratio", "  - {name: r, kind: ratio, numerator: revenue, denominator: revenue, target: 1}\n  - {name: c, collect: {from: r, terms: [100%]}}\n",
			"plan.yaml:7:31: error: collect.from of c names ratio metric r"},
		{"a target beside collect", "  - {name: c, target: 10, collect: {from: revenue, terms: [100%]}}\n",
			"plan.yaml:6:15: error: metric c collects (collect:) and cannot have target\n\thint: collections are worked out from the from metric's months and the terms"},
		{"kind count", "  - {name: c, kind: count, collect: {from: revenue, terms: [100%]}}\n",
			"plan.yaml:6:21: error: metric c collects (collect:) and must be of kind amount, not count"},
		{"a round that does not divide", "  - {name: c, round: 3, collect: {from: revenue, terms: [100%]}}\n",
			"plan.yaml:6:41: error: metric c rounds to 3, which does not divide revenue's round 1"},
		{"opening without amount", "  - {name: c, collect: {from: revenue, terms: [100%], opening: {terms: [100%]}}}\n",
			"plan.yaml:6:64: error: the opening receivables of c have no amount"},
		{"opening terms", "  - {name: c, collect: {from: revenue, terms: [100%], opening: {amount: 10, terms: [50%]}}}\n",
			"plan.yaml:6:84: error: the opening terms of c add up to 50%, not 100%"},
		{"a rate of a collections metric", "  - {name: c, collect: {from: revenue, terms: [100%]}}\n  - {name: fee, kind: cost, rate: 1%, of: c}\n",
			"plan.yaml:7:43: error: of of fee names c, a collections metric\n\thint: a rate applies to a planned target: name revenue (what c collects from) or give a target"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Load("plan.yaml", []byte(head+tc.metrics+tail))
			got := diags.Err()
			if got == nil || !strings.Contains(got.Error(), tc.want) {
				t.Errorf("got:\n%v\nwant it to contain:\n%s", got, tc.want)
			}
		})
	}
	// an override of a collections metric
	src := head + "  - {name: c, collect: {from: revenue, terms: [100%]}}\ndimensions:\n  org:\n    - {name: a, metrics: {c: {weight: 1}}}\n    - {name: b, metrics: {c: {weight: 1}}}\n"
	_, diags := Load("plan.yaml", []byte(src))
	want := "plan.yaml:9:27: error: a overrides c, a collections metric\n\thint: collections follow the shares of revenue: override revenue instead"
	if got := diags.Err(); got == nil || !strings.Contains(got.Error(), want) {
		t.Errorf("override: got:\n%v\nwant:\n%s", got, want)
	}
}

// The 64-bit path and the rational path work out the same collections: the
// company example's 回款 once on integers, once with the integers turned off.
func TestCollectPathsAgree(t *testing.T) {
	data, err := os.ReadFile("../examples/company/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p := mustLoad(t, string(data))
	from, err := Split(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := p.metric("回款")
	fast := newCollector(m.Collect, 1)
	slow := newCollector(m.Collect, 1)
	slow.den = 0
	opening, _ := m.Unit.RoundHalfUp(m.Collect.Opening)
	for _, fd := range from.Dimensions {
		var got [2]*DimensionSplit
		for i, col := range []*collector{fast, slow} {
			top := col.exact(from.Months, opening)
			if (top.num != nil) != (i == 0) {
				t.Fatalf("collector %d took the wrong path", i)
			}
			months, err := col.spreadRow(roundHalfUpRat(sumRats(col.rats(top))), col.rats(top))
			if err != nil {
				t.Fatal(err)
			}
			if got[i], err = col.dimension(fd, months, top, opening); err != nil {
				t.Fatal(err)
			}
		}
		if !slices.Equal(got[0].cells, got[1].cells) || !slices.Equal(got[0].ReceivableEnd, got[1].ReceivableEnd) {
			t.Errorf("%s: the paths differ:\n%v\n%v", fd.Name, got[0].cells, got[1].cells)
		}
	}
}

// A collections metric whose units would pass MaxUnits is refused with a
// message, not an overflow: revenue of 10¹⁴ units of 1,000 counted in cents.
func TestCollectTooLarge(t *testing.T) {
	for _, c := range []struct{ metric, want string }{
		{"{name: c, round: 0.01, collect: {from: revenue, terms: [100%]}}", "metric c would count more than"},
		{"{name: c, collect: {from: revenue, terms: [100%], opening: {amount: 999_999_999_999_999_000}}}", "the opening receivables of c are too large"},
	} {
		p := mustLoad(t, "version: 1\nyear: {start: 2027-01}\nround: 1000\ntarget: 100_000_000_000_000_000\nmetrics:\n  - "+c.metric+"\ndimensions:\n  org: [a, b]\n")
		_, err := Split(p, Options{Metric: "c"})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.metric, err, c.want)
		}
	}
}
