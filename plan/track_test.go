package plan

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

func trkRat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("bad rat " + s)
	}
	return r
}

// trkString writes r exactly (or to 10 places) for comparisons, "nil" for nil.
func trkString(r *big.Rat) string {
	if r == nil {
		return "nil"
	}
	return FormatRat(r, 10)
}

func TestTrackingStatus(t *testing.T) {
	tr := Tracking{Green: trkRat("0.9"), Yellow: trkRat("0.7")}
	tests := []struct {
		attainment, actual string // attainment "" is nil
		want               TrackStatus
	}{
		{"0.9", "1", StatusGreen}, // the lower bounds are inclusive
		{"0.8999999", "1", StatusYellow},
		{"0.7", "1", StatusYellow},
		{"0.6999999", "1", StatusRed},
		{"1.5", "1", StatusGreen},
		{"0", "0", StatusRed},
		{"-0.2", "-1", StatusRed},
		{"", "0", StatusGreen}, // nothing due, nothing sold
		{"", "5", StatusGreen}, // nothing due, something sold
		{"", "-5", StatusRed},  // nothing due, more returned than sold
	}
	for _, tt := range tests {
		var a *big.Rat
		if tt.attainment != "" {
			a = trkRat(tt.attainment)
		}
		if got := tr.Status(a, trkRat(tt.actual)); got != tt.want {
			t.Errorf("Status(%s, actual %s) = %q, want %q", tt.attainment, tt.actual, got, tt.want)
		}
	}
}

func TestIncentivePayout(t *testing.T) {
	ladder := Incentive{Below: BelowLinear, Floor: trkRat("0.6"), From: trkRat("1"), Every: trkRat("0.1"), Add: trkRat("0.15"), Cap: trkRat("2")}
	zero := ladder
	zero.Below = BelowZero
	noFloor := ladder
	noFloor.Floor, noFloor.Cap = nil, nil
	from90 := ladder
	from90.From = trkRat("0.9")
	tests := []struct {
		name       string
		in         Incentive
		attainment string
		want       string
	}{
		{"SPEC: 120 % pays 130 %", ladder, "1.2", "1.3"},
		{"just under a step", ladder, "1.1999", "1.15"},
		{"at the start", ladder, "1", "1"},
		{"within the first step", ladder, "1.05", "1"},
		{"linear below", ladder, "0.85", "0.85"},
		{"at the floor", ladder, "0.6", "0.6"},
		{"under the floor", ladder, "0.5999", "0"},
		{"zero below", zero, "0.99", "0"},
		{"zero below, ladder still pays", zero, "1.31", "1.45"},
		{"capped", ladder, "2", "2"}, // 100 % + 10 × 15 % = 250 %, capped at 200 %
		{"uncapped", noFloor, "2", "2.5"},
		{"no floor, linear", noFloor, "0.3", "0.3"},
		{"negative attainment pays nothing", noFloor, "-0.4", "0"},
		{"ladder from 90 % pays from there (v2, continuous)", from90, "0.95", "0.9"},
		{"ladder from 90 %, one step", from90, "1", "1.05"},
	}
	for _, tt := range tests {
		if got := trkString(tt.in.Payout(trkRat(tt.attainment))); got != tt.want {
			t.Errorf("%s: Payout(%s) = %s, want %s", tt.name, tt.attainment, got, tt.want)
		}
	}
	if got := ladder.Payout(nil); got != nil {
		t.Errorf("Payout(nil) = %v, want nil", got)
	}
}

func TestRespread(t *testing.T) {
	thousand := Unit{Mant: 1, Exp: 3}
	tests := []struct {
		name      string
		remaining string
		later     []int64
		unit      Unit
		want      string
	}{
		// 10 whole units over weights 1:1:2 are 2.5, 2.5, 5: floors 2, 2, 5 and
		// the unit left goes to the first of the tied remainders; the 500.5
		// below one unit joins the first month.
		{"largest remainder and fraction", "10500.5", []int64{1, 1, 2}, thousand, "3500.5 2000 5000"},
		{"all later cells zero: equal", "3000", []int64{0, 0, 0}, thousand, "1000 1000 1000"},
		{"proportional", "600", []int64{100, 200, 300}, One, "100 200 300"},
		{"only a fraction", "0.25", []int64{5, 5}, One, "0.25 0"},
		{"nothing remains", "0", []int64{5, 5}, One, "0 0"},
		{"a zero month gets nothing", "7", []int64{0, 1, 0}, One, "0 7 0"},
		{"a zero first month still takes the fraction", "7.5", []int64{0, 1}, One, "0.5 7"},
	}
	for _, tt := range tests {
		cells, err := Respread(trkRat(tt.remaining), tt.later, tt.unit)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []string
		for _, c := range cells {
			got = append(got, trkString(c))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: Respread(%s, %v) = %s, want %s", tt.name, tt.remaining, tt.later, strings.Join(got, " "), tt.want)
		}
	}
	if cells, err := Respread(trkRat("5"), nil, One); cells != nil || err != nil {
		t.Errorf("no later months: %v, %v; want nil, nil", cells, err)
	}
	if _, err := Respread(trkRat("-1"), []int64{1}, One); err == nil {
		t.Error("a negative remaining was re-spread")
	}
}

// trackActuals is a year to date (fiscal months 2027-04..2027-06) on trackPlan,
// whose leaves have flat months: ann 225, bob 225, east's reserve 50, cy and
// di 300, p1 and p2 500, p3 0 (thousands).
const trackActuals = `period,dimension,path,amount
2027-04,org,east/ann,300000
2027-05,org,east/ann,300000
2027-06,org,east/ann,300000
2027-04,org,east/bob,472500
2027-04,org,west/cy,1000000
2027-05,org,west/di,-50000
2027-04,product,p1,1349999
2027-05,product,p2,"1,350,000"
`

func trkCard(t *testing.T, actuals string, asOf Month) *Scorecard {
	t.Helper()
	b := trkBreakdown(t, trackPlan, Options{})
	a, diags := LoadActuals("a.csv", []byte(actuals), b)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	s, err := Track(b, a, asOf)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *Scorecard) trkNode(dim, path string) *NodeScore {
	for _, d := range s.Dimensions {
		if d.Name != dim {
			continue
		}
		if path == "" {
			return d.Total
		}
		for _, n := range d.Nodes {
			if n.Row.PathString() == path {
				return n
			}
		}
	}
	panic("no node " + dim + " " + path)
}

// TestTrackNodes checks every field of the engine on hand-sized numbers; each
// expectation is worked out in its comment from the flat months of trackPlan.
func TestTrackNodes(t *testing.T) {
	s := trkCard(t, trackActuals, Month{})
	if s.AsOf.String() != "2027-06" || len(s.Later) != 9 || s.Later[0] != "2027-07" {
		t.Fatalf("as of %s, later %v; want 2027-06 and 9 months from 2027-07", s.AsOf, s.Later)
	}
	tests := []struct {
		dim, path                                        string
		ytdTarget, ytdActual, attainment                 string
		status                                           TrackStatus
		remaining, respread, forecast, payout, respread0 string
	}{
		// ann: 900k of 675k (133.3 %, above target): ladder 100 % + 3 × 15 %;
		// forecast 900 × 2700 / 675 = 3600k; remaining 1800k, 200k a month.
		{"org", "east/ann", "675000", "900000", "1.3333333333", StatusGreen, "1800000", "1800000", "3600000", "1.45", "200000"},
		// bob: 472.5k of 675k is exactly 70 %: yellow (inclusive), linear
		// payout; remaining 2227.5k: 2227 units over 9 equal months is 247
		// each and 4 left for the first four, plus the 500 below one unit.
		{"org", "east/bob", "675000", "472500", "0.7", StatusYellow, "2227500", "2227500", "1890000", "0.7", "248500"},
		// The reserve sells nothing: no status, its whole amount remains,
		// 600 units over 9 months: 66⅔ each. On its own it would take 67 in
		// the first six months, but east's months (ann 200 + bob 247 4/9 +
		// reserve 66⅔ = 514 1/9 exact) must be 514 or 515: bob's own 248 in
		// July–October and the reserve's 67 would give 515 four times and 513
		// at the end, so the re-spread lined up over the dimension (SPEC §6
		// v2) moves three units to the last months, the reserve's.
		{"org", "east/(reserve)", "150000", "0", "nil", StatusNone, "600000", "600000", "nil", "nil", "66000"},
		// east: 1372.5k of 1500k = 91.5 %; no child is past its year and east
		// has no over_assign, so its re-spread is its remaining; July 514
		// whole units (514 1/9 exact) and bob's 500 below one unit.
		{"org", "east", "1500000", "1372500", "0.915", StatusGreen, "4627500", "4627500", "5490000", "0.915", "514500"},
		// di booked a credit note: negative attainment, red, pays nothing.
		{"org", "west/di", "900000", "-50000", "-0.0555555556", StatusRed, "3650000", "3650000", "-200000", "0", "406000"},
		// west is over-assigned (cy and di 3600k each under 6000k): its
		// remaining is 6000k − 950k, its re-spread the sum of its children's
		// remainings 2600k + 3650k.
		{"org", "west", "1500000", "950000", "0.6333333333", StatusRed, "5050000", "6250000", "3800000", "0.6333333333", "695000"},
		// The total: the allocated 12000k against everything booked.
		// July: 1208 5/9 exact whole units (east 514 1/9 + west 694 4/9): 1209,
		// plus bob's 500.
		{"org", "", "3000000", "2322500", "0.7741666667", StatusYellow, "9677500", "10877500", "9290000", "0.7741666667", "1209500"},
		// p1 is a unit short of 90 %; p2 is exactly on it.
		{"product", "p1", "1500000", "1349999", "0.8999993333", StatusYellow, "4650001", "4650001", "5399996", "0.8999993333", "517001"},
		{"product", "p2", "1500000", "1350000", "0.9", StatusGreen, "4650000", "4650000", "5400000", "0.9", "517000"},
		// p3 has a zero target: nothing due, nothing sold.
		{"product", "p3", "0", "0", "nil", StatusGreen, "0", "0", "nil", "nil", "0"},
	}
	for _, tt := range tests {
		n := s.trkNode(tt.dim, tt.path)
		got := []string{fmt.Sprint(n.YTDTarget * 1000), trkString(n.YTDActual), trkString(n.Attainment), string(n.Status),
			trkString(n.Remaining), trkString(n.RespreadTotal()), trkString(n.Forecast), trkString(n.Payout), trkString(n.Respread[0])}
		want := []string{tt.ytdTarget, tt.ytdActual, tt.attainment, string(tt.status), tt.remaining, tt.respread, tt.forecast, tt.payout, tt.respread0}
		if strings.Join(got, " | ") != strings.Join(want, " | ") {
			t.Errorf("%s %s:\n got %s\nwant %s", tt.dim, tt.path, strings.Join(got, " | "), strings.Join(want, " | "))
		}
	}
	bob := s.trkNode("org", "east/bob")
	var cells []string
	for _, c := range bob.Respread {
		cells = append(cells, trkString(c))
	}
	if got := strings.Join(cells, " "); got != "248500 248000 248000 248000 247000 247000 247000 247000 247000" {
		t.Errorf("bob's re-spread = %s", got)
	}
}

func TestTrackZeroTargetWithSales(t *testing.T) {
	for _, tt := range []struct {
		amount    string
		want      TrackStatus
		remaining int64 // max(0, 0 − actual)
	}{{"10", StatusGreen, 0}, {"-10", StatusRed, 10}} {
		s := trkCard(t, "period,dimension,path,amount\n2027-04,product,p3,"+tt.amount+"\n", Month{})
		n := s.trkNode("product", "p3")
		if n.Status != tt.want || n.Attainment != nil || n.Forecast != nil || n.Payout != nil || n.Remaining.Cmp(big.NewRat(tt.remaining, 1)) != 0 {
			t.Errorf("p3 with %s: status %s, attainment %v, forecast %v, payout %v, remaining %v", tt.amount, n.Status, n.Attainment, n.Forecast, n.Payout, n.Remaining)
		}
	}
}

func TestTrackAsOf(t *testing.T) {
	data := "period,dimension,path,amount\n2027-04,org,east/ann,100\n2027-09,org,east/ann,200\n"
	// Default: the last month with actuals.
	s := trkCard(t, data, Month{})
	if s.AsOf.String() != "2027-09" || s.trkNode("org", "east/ann").YTDActual.Cmp(big.NewRat(300, 1)) != 0 {
		t.Errorf("default as-of %s, ann %v; want 2027-09 and 300", s.AsOf, s.trkNode("org", "east/ann").YTDActual)
	}
	// An earlier as-of leaves the later actuals out of the year to date.
	s = trkCard(t, data, Month{2027, 6})
	ann := s.trkNode("org", "east/ann")
	if ann.YTDActual.Cmp(big.NewRat(100, 1)) != 0 || ann.YTDTarget != 675 || len(ann.Actual) != 3 {
		t.Errorf("as of 2027-06: ann actual %v, target %d, %d months", ann.YTDActual, ann.YTDTarget, len(ann.Actual))
	}
	// The last month closes the year: nothing to re-spread over.
	s = trkCard(t, data, Month{2028, 3})
	if len(s.Later) != 0 || s.trkNode("org", "east/ann").Respread != nil || len(s.trkNode("org", "east").Respread) != 0 {
		t.Errorf("as of 2028-03: later %v", s.Later)
	}
	// Months after the actuals count as 0, with a warning; so do missing leaves.
	s = trkCard(t, data, Month{2027, 12})
	var warns []string
	for _, w := range s.Warnings {
		warns = append(warns, w.String())
	}
	want := []string{
		"a.csv: warning: the actuals of org stop at 2027-09, before the as-of month 2027-12; the months after count as 0\n\thint: add the missing months, or pass --as-of 2027-09",
		"a.csv: warning: 3 leaves of org have no actuals up to 2027-12 and count as 0: east/bob, west/cy, west/di",
		"a.csv: warning: the actuals of org have no row for months 2027-05, 2027-06, 2027-07, 2027-08, which count as 0\n\thint: add the missing months' rows (0 for a month without sales)",
	}
	if strings.Join(warns, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(warns, "\n"), strings.Join(want, "\n"))
	}
	// Only dimensions with actuals are scored.
	if len(s.Dimensions) != 1 || s.Dimensions[0].Name != "org" {
		t.Errorf("dimensions scored: %d", len(s.Dimensions))
	}
}

func TestTrackErrors(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{})
	a, diags := LoadActuals("a.csv", []byte("period,dimension,path,amount\n2027-04,org,east/ann,100\n"), b)
	if diags.HasErrors() {
		t.Fatal(trkDiags(diags))
	}
	for _, m := range []Month{{2027, 3}, {2028, 4}} {
		_, err := Track(b, a, m)
		want := "--as-of " + m.String() + " is outside the fiscal year\n\thint: the fiscal year runs 2027-04..2028-03"
		if err == nil || err.Error() != want {
			t.Errorf("as of %s: %v, want %s", m, err, want)
		}
	}
	empty, diags := LoadActuals("a.csv", []byte("period,dimension,path,amount\n"), b)
	if diags.HasErrors() {
		t.Fatal(trkDiags(diags))
	}
	_, err := Track(b, empty, Month{})
	if want := "a.csv has no actuals; there is nothing to track\n\thint: add rows period,dimension,path,amount below the header"; err == nil || err.Error() != want {
		t.Errorf("no actuals: %v", err)
	}
}

func TestTrackWarnsWhenDimensionsDisagree(t *testing.T) {
	s := trkCard(t, "period,dimension,path,amount\n2027-04,org,east/ann,100\n2027-04,product,p1,90\n", Month{})
	want := "a.csv: warning: the actuals of org add up to 100 up to 2027-04, those of product to 90\n\thint: every dimension sees the same sales; check for rows missing in one of them"
	if len(s.Warnings) == 0 || s.Warnings[len(s.Warnings)-1].String() != want {
		t.Errorf("warnings: %v", s.Warnings)
	}
}

// trkRandomPlan writes a random plan: any start month, round 1, 1000 or
// 0.01, random month weights, one or two dimensions of random trees with
// factor weights (some zero), reserves and over-assignments.
func trkRandomPlan(rng *rand.Rand) string {
	var b strings.Builder
	rounds := []string{"1", "1000", "0.01"}
	round := rounds[rng.IntN(len(rounds))]
	units := 1 + rng.Int64N(10_000_000)
	fmt.Fprintf(&b, "version: 1\nname: random\nround: %s\nyear: {start: %d-%02d}\n", round, 2026+rng.IntN(3), 1+rng.IntN(12))
	fmt.Fprintf(&b, "target: %s\n", Unit{Mant: 1}.Format(units)+map[string]string{"1": "", "1000": "000", "0.01": "e-2"}[round])
	if rng.IntN(2) == 0 {
		fmt.Fprintf(&b, "reserve: %d%%\n", 5+rng.IntN(10))
	}
	b.WriteString("seasonality:\n  months: [")
	for m := range 12 {
		if m > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, 1+rng.IntN(5))
	}
	b.WriteString("]\ndimensions:\n")
	for d := range 1 + rng.IntN(2) {
		fmt.Fprintf(&b, "  d%d:\n", d)
		trkRandomNodes(rng, &b, 4, 1)
	}
	return b.String()
}

func trkRandomNodes(rng *rand.Rand, b *strings.Builder, indent, depth int) {
	n := 1 + rng.IntN(4)
	pad := strings.Repeat(" ", indent)
	for i := range n {
		fmt.Fprintf(b, "%s- name: n%d\n%s  weight: %d\n", pad, i, pad, rng.IntN(4))
		if depth < 3 && rng.IntN(2) == 0 {
			if rng.IntN(3) == 0 {
				fmt.Fprintf(b, "%s  reserve: %d%%\n", pad, 5+rng.IntN(15))
			}
			if rng.IntN(4) == 0 {
				fmt.Fprintf(b, "%s  over_assign: %d%%\n", pad, 5+rng.IntN(20))
			}
			fmt.Fprintf(b, "%s  children:\n", pad)
			trkRandomNodes(rng, b, indent+4, depth+1)
		}
	}
}

// trkRandomActuals books random amounts (some negative, with cents) for a
// random subset of leaves and months, around each leaf's own month cells.
func trkRandomActuals(rng *rand.Rand, b *Breakdown) string {
	var out strings.Builder
	out.WriteString("period,dimension,path,amount\n")
	labels := b.Calendar.MonthLabels()
	for _, d := range b.Dimensions {
		for _, r := range d.Rows {
			if !r.Leaf() || r.IsReserve() || rng.IntN(5) == 0 {
				continue
			}
			for m := range 12 {
				if rng.IntN(3) == 0 {
					continue
				}
				cell := b.Unit.Amount(r.Months[m])
				v := new(big.Rat).Mul(cell, big.NewRat(int64(rng.IntN(160))-10, 100))
				v.Add(v, big.NewRat(int64(rng.IntN(200))-50, 100))
				fmt.Fprintf(&out, "%s,%s,%s,%s\n", labels[m], d.Name, r.PathString(), FormatRat(v, 10))
			}
		}
	}
	return out.String()
}

// TestTrackProperties checks the invariants of the engine on random plans and
// actuals: every leaf's re-spread is its remaining, exact in units with the
// remainder below one unit in the first later month and each cell within one
// unit of its proportional share; every parent's actuals and re-spread are
// its children's sums; a parent's re-spread is its own remaining whenever
// nothing below it is over-assigned or past its year's target; statuses and
// payouts follow the attainment.
func TestTrackProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 2027))
	for iter := range 300 {
		text := trkRandomPlan(rng)
		p, diags := Load("plan.yaml", []byte(text))
		if diags.HasErrors() {
			t.Fatalf("random plan %d does not load:\n%s\n%s", iter, trkDiags(diags), text)
		}
		b, err := Split(p, Options{})
		if err != nil {
			t.Fatalf("random plan %d does not split: %v\n%s", iter, err, text)
		}
		data := trkRandomActuals(rng, b)
		a, diags := LoadActuals("a.csv", []byte(data), b)
		if diags.HasErrors() {
			t.Fatalf("random actuals %d:\n%s", iter, trkDiags(diags))
		}
		if a.Last < 0 {
			continue
		}
		asOf := Month{}
		if rng.IntN(2) == 0 {
			asOf = b.Calendar.Start.Add(rng.IntN(12))
		}
		s, err := Track(b, a, asOf)
		if err != nil {
			t.Fatalf("track %d: %v", iter, err)
		}
		for _, d := range s.Dimensions {
			trkCheckDimension(t, s, d, fmt.Sprintf("plan %d, %s", iter, d.Name))
		}
		if t.Failed() {
			t.Fatalf("plan %d:\n%s\nactuals:\n%s", iter, text, data)
		}
	}
}

func trkCheckDimension(t *testing.T, s *Scorecard, d *DimensionScore, where string) {
	t.Helper()
	b := s.Breakdown
	u := b.Unit
	k := s.AsOfIndex
	// blocked reports whether a row's re-spread may differ from its remaining:
	// over_assign on it or below it, or a node below it past its year.
	var blocked func(r *Row) bool
	blocked = func(r *Row) bool {
		for _, c := range r.Children {
			n := d.Nodes[c.Index]
			if blocked(c) || new(big.Rat).Sub(u.Amount(n.FYTarget), n.YTDActual).Sign() < 0 {
				return true
			}
		}
		return r.Node != nil && r.Node.OverAssign != nil
	}
	for _, r := range d.Split.Rows {
		n := d.Nodes[r.Index]
		name := where + " " + r.PathString()
		var ytd int64
		for _, v := range r.Months[:k+1] {
			ytd += v
		}
		if n.YTDTarget != ytd || n.FYTarget != r.Amount || len(n.Respread) != 11-k || len(n.Actual) != k+1 {
			t.Errorf("%s: ytd target %d (cells %d), fy %d (%d), %d re-spread cells, %d actual months", name, n.YTDTarget, ytd, n.FYTarget, r.Amount, len(n.Respread), len(n.Actual))
		}
		want := new(big.Rat).Sub(u.Amount(r.Amount), n.YTDActual)
		if want.Sign() < 0 {
			want.SetInt64(0)
		}
		if n.Remaining.Cmp(want) != 0 {
			t.Errorf("%s: remaining %s, want %s", name, trkString(n.Remaining), trkString(want))
		}
		if r.Leaf() {
			trkCheckLeaf(t, s, n, name)
		} else {
			sumA, sumR := zeroRats(k+1), zeroRats(11-k)
			for _, c := range r.Children {
				addRats(sumA, d.Nodes[c.Index].Actual)
				addRats(sumR, d.Nodes[c.Index].Respread)
			}
			for m := range sumA {
				if sumA[m].Cmp(n.Actual[m]) != 0 {
					t.Errorf("%s: actual of month %d is %s, its children's sum %s", name, m, trkString(n.Actual[m]), trkString(sumA[m]))
				}
			}
			for m := range sumR {
				if sumR[m].Cmp(n.Respread[m]) != 0 {
					t.Errorf("%s: re-spread of %s is %s, its children's sum %s", name, s.Later[m], trkString(n.Respread[m]), trkString(sumR[m]))
				}
			}
			if k < 11 && !blocked(r) && n.RespreadTotal().Cmp(n.Remaining) != 0 {
				t.Errorf("%s: re-spread %s, remaining %s", name, trkString(n.RespreadTotal()), trkString(n.Remaining))
			}
		}
		trkCheckScore(t, b.Plan, n, name)
	}
	var ytd int64
	for _, v := range b.Months[:k+1] {
		ytd += v
	}
	var roots int64
	for _, r := range d.Split.Roots {
		roots += d.Nodes[r.Index].YTDTarget
	}
	if d.Total.YTDTarget != ytd || roots != ytd || d.Total.FYTarget != b.Allocated {
		t.Errorf("%s: total ytd target %d, roots %d, time split %d; fy %d, allocated %d", where, d.Total.YTDTarget, roots, ytd, d.Total.FYTarget, b.Allocated)
	}
}

// trkCheckLeaf checks a leaf's (or reserve row's) own re-spread.
func trkCheckLeaf(t *testing.T, s *Scorecard, n *NodeScore, name string) {
	t.Helper()
	u := s.Breakdown.Unit
	later := n.Row.Months[s.AsOfIndex+1:]
	if len(later) == 0 {
		return
	}
	if n.RespreadTotal().Cmp(n.Remaining) != 0 {
		t.Errorf("%s: re-spread %s, remaining %s", name, trkString(n.RespreadTotal()), trkString(n.Remaining))
	}
	q := new(big.Rat).Quo(n.Remaining, u.Rat())
	whole := new(big.Int).Quo(q.Num(), q.Denom()).Int64()
	frac := new(big.Rat).Sub(n.Remaining, u.Amount(whole))
	var sum int64
	for _, c := range later {
		sum += c
	}
	for m, c := range n.Respread {
		if m == 0 {
			c = new(big.Rat).Sub(c, frac)
		}
		units, ok := u.Count(c)
		if !ok || units < 0 {
			t.Errorf("%s: re-spread cell %d is %s, not a whole number of units ≥ 0 (first month less %s)", name, m, trkString(n.Respread[m]), trkString(frac))
			continue
		}
		// Within one unit of whole × cell / sum (or whole / months when all zero).
		exact := new(big.Rat)
		if sum == 0 {
			exact.SetFrac64(whole, int64(len(later)))
		} else {
			exact.Mul(big.NewRat(whole, 1), big.NewRat(later[m], sum))
		}
		diff := new(big.Rat).Sub(big.NewRat(units, 1), exact)
		if diff.Abs(diff).Cmp(ratOne) >= 0 {
			t.Errorf("%s: re-spread cell %d has %d units, its share is %s", name, m, units, trkString(exact))
		}
	}
}

// trkCheckScore checks the status, payout and forecast against the attainment.
func trkCheckScore(t *testing.T, p *Plan, n *NodeScore, name string) {
	t.Helper()
	if n.Row != nil && n.Row.IsReserve() {
		if n.Status != StatusNone || n.Attainment != nil || n.Payout != nil || n.Forecast != nil || n.YTDActual.Sign() != 0 {
			t.Errorf("%s: a reserve row is scored", name)
		}
		return
	}
	if (n.Attainment == nil) != (n.YTDTarget == 0) {
		t.Errorf("%s: attainment %v with ytd target %d", name, n.Attainment, n.YTDTarget)
		return
	}
	if n.Attainment == nil {
		return
	}
	want := StatusRed
	switch {
	case n.Attainment.Cmp(p.Tracking.Green) >= 0:
		want = StatusGreen
	case n.Attainment.Cmp(p.Tracking.Yellow) >= 0:
		want = StatusYellow
	}
	if n.Status != want {
		t.Errorf("%s: status %s at %s", name, n.Status, trkString(n.Attainment))
	}
	if n.Payout.Sign() < 0 || p.Incentive.Cap != nil && n.Payout.Cmp(p.Incentive.Cap) > 0 {
		t.Errorf("%s: payout %s", name, trkString(n.Payout))
	}
	// forecast / fy_target (in units) = attainment × unit.
	if n.FYTarget != 0 && new(big.Rat).Quo(n.Forecast, big.NewRat(n.FYTarget, 1)).Cmp(new(big.Rat).Mul(n.Attainment, p.Round.Rat())) != 0 {
		t.Errorf("%s: forecast %s is not attainment × fy target", name, trkString(n.Forecast))
	}
}

// trkBigPlan is a plan of 100 teams of 100 people and its actuals for the
// first six months: 10,000 leaves, 60,000 rows.
func trkBigPlan(b *testing.B) (*Breakdown, []byte) {
	var p strings.Builder
	p.WriteString("version: 1\nname: big\nround: 1\nyear: {start: 2027-01}\ntarget: 1_000_000_000\ndimensions:\n  org:\n")
	for i := range 100 {
		fmt.Fprintf(&p, "    - name: team%d\n      children:\n", i)
		for j := range 100 {
			fmt.Fprintf(&p, "        - {name: p%d, weight: %d}\n", j, 1+j%3)
		}
	}
	bd := trkBreakdown(b, p.String(), Options{})
	var a strings.Builder
	a.WriteString("period,dimension,path,amount\n")
	for m := 1; m <= 6; m++ {
		for i := range 100 {
			for j := range 100 {
				fmt.Fprintf(&a, "2027-%02d,org,team%d/p%d,%d.%02d\n", m, i, j, 5000+(i*j+m)%4000, j)
			}
		}
	}
	return bd, []byte(a.String())
}

func BenchmarkLoadActuals(b *testing.B) {
	bd, data := trkBigPlan(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, diags := LoadActuals("a.csv", data, bd); diags.HasErrors() {
			b.Fatal(trkDiags(diags))
		}
	}
}

func BenchmarkTrack(b *testing.B) {
	bd, data := trkBigPlan(b)
	a, diags := LoadActuals("a.csv", data, bd)
	if diags.HasErrors() {
		b.Fatal(trkDiags(diags))
	}
	for b.Loop() {
		if _, err := Track(bd, a, Month{}); err != nil {
			b.Fatal(err)
		}
	}
}
