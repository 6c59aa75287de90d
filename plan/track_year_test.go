package plan

import (
	"fmt"
	"math/big"
	"strings"
	"testing"
)

// yearPlan has flat months of 100 per leaf except May, whose weight is zero:
// a, b, c and d carry 1100 each (100 a month, May 0) under t; e has a fixed 0.
const yearPlan = `version: 1
year: {start: 2027-01}
target: 4400
seasonality: {months: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]}
incentive:
  bonus: 1000
  commission: {rate: 3%, accelerators: [{from: 100%, rate: 5%}, {from: 120%, rate: 8%}]}
dimensions:
  org:
    - name: t
      children:
        - {name: a, weight: 1}
        - {name: b, weight: 1, bonus: 2000}
        - {name: c, weight: 1}
        - {name: d, weight: 1}
        - {name: e, amount: 0}
`

const yearActuals = `period,dimension,path,amount
2027-01,org,t/a,100
2027-02,org,t/a,100
2027-03,org,t/a,100
2027-04,org,t/a,100
2027-06,org,t/a,120
2027-01,org,t/b,50
2027-02,org,t/b,90
2027-03,org,t/b,90
2027-04,org,t/b,90
2027-06,org,t/b,50
2027-01,org,t/c,100
2027-02,org,t/c,90
2027-03,org,t/c,100
2027-04,org,t/c,99
2027-05,org,t/c,10
2027-06,org,t/c,100
2027-01,org,t/d,100
2027-02,org,t/d,100
2027-03,org,t/d,100
2027-04,org,t/d,100
`

func yearCard(t *testing.T, asOf string) *Scorecard {
	t.Helper()
	b := mustSplit(t, mustLoad(t, yearPlan), Options{})
	for _, r := range b.Dimensions[0].Rows[1:4] {
		if fmt.Sprint(r.Months) != "[100 100 100 100 0 100 100 100 100 100 100 100]" {
			t.Fatalf("%s has months %v; the test expects 100 a month and May 0", r.PathString(), r.Months)
		}
	}
	a, diags := LoadActuals("a.csv", []byte(yearActuals), b)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	m, err := ParseMonth(asOf)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Track(b, a, m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTrackMissesRanksMoney checks streaks, ranks and money on hand-computed
// numbers as of April (year to date: 400 per leaf).
func TestTrackMissesRanksMoney(t *testing.T) {
	s := yearCard(t, "2027-04")
	tests := []struct {
		path       string
		misses     int
		flagged    bool
		rank       int
		payout     string // payout_amount
		commission string
	}{
		// a: 400 of 400, every month met; 100 % pays 100 % of 1000; the
		// commission is 3 % of 400, the actual sitting exactly on the first band's edge.
		{"t/a", 0, false, 1, "1000", "12"},
		// b: 320 of 400 (80 %), every month below 100: four misses, flagged;
		// its own bonus 2000 × 80 %; 3 % of 320.
		{"t/b", 4, true, 4, "1600", "9.6"},
		// c: 389 of 400 (97.25 %), only April missed; 972.5; 3 % of 389 = 11.67.
		{"t/c", 1, false, 3, "972.5", "11.67"},
		// d ties a at 100 % and is declared after it: rank 2.
		{"t/d", 0, false, 2, "1000", "12"},
		// e has no target: no attainment, ranked last, no payout, no sales.
		{"t/e", 0, false, 5, "nil", "0"},
		// t: 350, 380, 390, 389 against 400 a month: four misses; money is
		// the sum of the leaves'.
		{"t", 4, true, 0, "4572.5", "45.27"},
		{"", 4, true, 0, "4572.5", "45.27"},
	}
	for _, tt := range tests {
		n := s.trkNode("org", tt.path)
		got := fmt.Sprintf("%d %v %d %s %s", n.Misses, n.Flagged, n.Rank, trkString(n.PayoutAmount), trkString(n.Commission))
		want := fmt.Sprintf("%d %v %d %s %s", tt.misses, tt.flagged, tt.rank, tt.payout, tt.commission)
		if got != want {
			t.Errorf("%q: got %s, want %s", tt.path, got, want)
		}
	}
	var ranked []string
	for _, n := range s.Dimensions[0].Ranked() {
		ranked = append(ranked, n.Row.Name())
	}
	if got := strings.Join(ranked, " "); got != "a d c b e" {
		t.Errorf("Ranked() = %s, want a d c b e", got)
	}
}

// TestTrackMissesZeroTargetMonth: May has a zero target, so it counts as met
// and ends every streak that reaches back to it.
func TestTrackMissesZeroTargetMonth(t *testing.T) {
	s := yearCard(t, "2027-06")
	for path, want := range map[string]int{
		"t/a": 0, // June 120 of 100
		"t/b": 1, // June 50 missed; May met (zero target) although nothing was sold
		"t/c": 0, // June 100 met
		"t/d": 1, // June nothing sold
		"t/e": 0, // zero target throughout
		"t":   1, // June 270 of 400; May met
	} {
		if n := s.trkNode("org", path); n.Misses != want || n.Flagged {
			t.Errorf("%s: misses %d flagged %v, want %d not flagged", path, n.Misses, n.Flagged, want)
		}
	}
}

// TestTrackPeriods checks quarters, halves and months as of May, a partial
// second quarter and first half included.
func TestTrackPeriods(t *testing.T) {
	s := yearCard(t, "2027-05")
	show := func(ps []PeriodScore) string {
		var out []string
		for _, p := range ps {
			out = append(out, fmt.Sprintf("%s %d %s %s %s %v", p.Label, p.Target, trkString(p.Actual), trkString(p.Attainment), p.Status, p.Partial))
		}
		return strings.Join(out, "; ")
	}
	tests := []struct {
		path string
		size int
		want string
	}{
		// b: Q1 230 of 300 (76.7 %, yellow); Q2 to May: 90 of 100 (April; May's target is 0).
		{"t/b", 3, "Q1 300 230 0.7666666667 yellow false; Q2 100 90 0.9 green true"},
		{"t/b", 6, "H1 400 320 0.8 yellow true"},
		// c sold 10 in May against nothing due: no attainment, green.
		{"t/c", 1, "2027-01 100 100 1 green false; 2027-02 100 90 0.9 green false; 2027-03 100 100 1 green false; " +
			"2027-04 100 99 0.99 green false; 2027-05 0 10 nil green false"},
		// t: Q1 1120 of 1200; Q2 to May 399 of 400.
		{"t", 3, "Q1 1200 1120 0.9333333333 green false; Q2 400 399 0.9975 green true"},
		{"", 3, "Q1 1200 1120 0.9333333333 green false; Q2 400 399 0.9975 green true"},
		// e has no target: nothing due, nothing sold.
		{"t/e", 6, "H1 0 0 nil green true"},
	}
	for _, tt := range tests {
		if got := show(s.PeriodScores(s.trkNode("org", tt.path), tt.size)); got != tt.want {
			t.Errorf("%q by %d months:\n got %s\nwant %s", tt.path, tt.size, got, tt.want)
		}
	}
	s = yearCard(t, "2027-06")
	if got := show(s.PeriodScores(s.trkNode("org", "t/a"), 3)); got != "Q1 300 300 1 green false; Q2 200 220 1.1 green false" {
		t.Errorf("a by quarter as of June (Q2 complete): %s", got)
	}
}

// TestCommissionBands checks the bands at and around their edges: target
// 1000, 3 % up to 100 %, 5 % from 100 %, 8 % from 120 %.
func TestCommissionBands(t *testing.T) {
	c := &Commission{Rate: trkRat("0.03"), Accelerators: []Accelerator{{From: trkRat("1"), Rate: trkRat("0.05")}, {From: trkRat("1.2"), Rate: trkRat("0.08")}}}
	tests := []struct{ actual, target, want string }{
		{"0", "1000", "0"},
		{"-5", "1000", "0"},       // more returned than sold earns nothing
		{"999", "1000", "29.97"},  // all in the first band
		{"1000", "1000", "30"},    // exactly on the first edge
		{"1001", "1000", "30.05"}, // one above it at 5 %
		{"1200", "1000", "40"},    // 30 + 200 × 5 %, on the second edge
		{"1201", "1000", "40.08"}, // one above it at 8 %
		{"1300", "1000", "48"},    // 30 + 10 + 100 × 8 %
		{"100", "0", "8"},         // no target: every edge is 0, the last rate pays
		{"0.5", "1000", "0.015"},  // exact, before rounding to cents
		{"1100.5", "1000", "35.025"},
	}
	for _, tt := range tests {
		if got := trkString(c.Pay(trkRat(tt.actual), trkRat(tt.target))); got != tt.want {
			t.Errorf("Pay(%s of %s) = %s, want %s", tt.actual, tt.target, got, tt.want)
		}
	}
	flat := &Commission{Rate: trkRat("0.1")}
	if got := trkString(flat.Pay(trkRat("1234"), trkRat("1"))); got != "123.4" {
		t.Errorf("no accelerators: %s, want 123.4", got)
	}
}

func TestRoundCents(t *testing.T) {
	for in, want := range map[string]string{
		"0.015": "0.02", "0.0149": "0.01", "35.025": "35.03", "1.125": "1.13", "2": "2",
		"0.005": "0.01", "0.00499": "0", "-0.005": "0", "-0.0051": "-0.01", "1/3": "0.33",
	} {
		if got := trkString(RoundCents(trkRat(in))); got != want {
			t.Errorf("RoundCents(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestBonusOverride: a node's bonus applies to its whole subtree, the nearest
// one wins, and leaves without any bonus have no payout amount.
func TestBonusOverride(t *testing.T) {
	p := mustLoad(t, `version: 1
year: {start: 2027-01}
target: 1200
dimensions:
  org:
    - name: x
      bonus: 500
      children:
        - {name: x1}
        - {name: x2, bonus: 800}
    - name: y
      children: [y1]
`)
	b := mustSplit(t, p, Options{})
	a, diags := LoadActuals("a.csv", []byte("period,dimension,path,amount\n2027-01,org,x/x1,60\n2027-01,org,x/x2,25\n2027-01,org,y/y1,50\n"), b)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	s, err := Track(b, a, Month{})
	if err != nil {
		t.Fatal(err)
	}
	// Each leaf's January target is 25 (300 a year): x1 240 % pays 100 % +
	// 14 × 15 % = 310 % of 500; x2 100 % of 800; y1 200 % has no bonus.
	for path, want := range map[string]string{"x/x1": "1550", "x/x2": "800", "x": "2350", "y/y1": "nil", "y": "nil", "": "2350"} {
		if got := trkString(s.trkNode("org", path).PayoutAmount); got != want {
			t.Errorf("%q: payout_amount %s, want %s", path, got, want)
		}
	}
	if s.trkNode("org", "x/x1").Commission != nil {
		t.Error("a plan without commission has a commission")
	}
}

// TestCommitsRollUp: a node without a commit whose children all have one
// (own or rolled) shows their sum, at every level; one child without a commit
// stops the roll-up; a reserve row is left out.
func TestCommitsRollUp(t *testing.T) {
	b := mustSplit(t, mustLoad(t, `version: 1
year: {start: 2027-01}
target: 1000
dimensions:
  org:
    - name: north
      reserve: 10%
      children:
        - name: t1
          children: [{name: a, commit: 100}, {name: b, commit: 50.5}]
        - {name: t2, commit: 300}
    - name: south
      commit: 400
      children: [{name: c, commit: 10}, {name: d}]
    - name: west
      children: [{name: e, commit: 1}, {name: f}]
`), Options{})
	d := b.Dimensions[0]
	rows, total := d.Commits()
	want := map[string]string{
		"north": "450.5 rolled", "north/t1": "150.5 rolled", "north/t1/a": "100", "north/t1/b": "50.5", "north/t2": "300",
		"north/(reserve)": "nil", "south": "400", "south/c": "10", "south/d": "nil", "west": "nil", "west/e": "1", "west/f": "nil",
	}
	for _, r := range d.Rows {
		c := rows[r.Index]
		got := trkString(c.Amount)
		if c.Rolled {
			got += " rolled"
		}
		if got != want[r.PathString()] {
			t.Errorf("%s: %s, want %s", r.PathString(), got, want[r.PathString()])
		}
	}
	if total.Amount != nil {
		t.Errorf("west has no commit, yet the total is %s", trkString(total.Amount))
	}
	rows2, total2 := (&DimensionSplit{Rows: d.Rows[:9], Roots: d.Roots[:2]}).Commits()
	if trkString(total2.Amount) != "850.5" || !total2.Rolled || trkString(rows2[0].Amount) != "450.5" {
		t.Errorf("north and south alone: total %s rolled %v", trkString(total2.Amount), total2.Rolled)
	}
}

// TestRankLeavesExact: attainments closer than a double can tell apart are
// still ranked exactly, ties in declaration order, nil last.
func TestRankLeavesExact(t *testing.T) {
	atts := []string{"1", "1+1/10000000000000000000000", "nil", "0.5", "1+1/10000000000000000000000", "1-1/10000000000000000000000", "2"}
	ds := &DimensionScore{}
	for i, a := range atts {
		n := &NodeScore{Row: &Row{Node: &Node{Name: fmt.Sprint(i)}, Index: i}}
		if a != "nil" {
			var r *big.Rat
			if x, y, ok := strings.Cut(a, "+"); ok {
				r = new(big.Rat).Add(trkRat(x), trkRat(y))
			} else if x, y, ok := strings.Cut(a, "-"); ok {
				r = new(big.Rat).Sub(trkRat(x), trkRat(y))
			} else {
				r = trkRat(a)
			}
			n.Attainment = r
		}
		ds.Nodes = append(ds.Nodes, n)
	}
	rankLeaves(ds)
	var got []int
	for _, n := range ds.Nodes {
		got = append(got, n.Rank)
	}
	// 2 first; the two 1+ε tied in order; then 1, 1−ε, 0.5; nil last.
	if fmt.Sprint(got) != "[4 2 7 6 3 5 1]" {
		t.Errorf("ranks %v, want [4 2 7 6 3 5 1]", got)
	}
}
