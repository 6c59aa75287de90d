package plan

import (
	"fmt"
	"math/big"
	"testing"
)

// TestCapacityByHand: equal months, 600 a year at 80 % is 40 a month for a
// fully ramped person.
func TestCapacityByHand(t *testing.T) {
	src := `version: 1
year: {start: 2027-01}
target: 1200
ramp: [50%]
capacity: {productivity: 600, attainment: 80%}
dimensions:
  org:
    - {name: a, weight: 1}
    - {name: b, weight: 1, start: 2027-07}
    - name: t
      weight: 1
      productivity: 1200
      children:
        - {name: c, headcount: 2, end: 2027-03}
        - {name: d, headcount: 0}
`
	b, err := Split(mustLoad(t, src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := CapacityOf(b, PeriodQuarter)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, n := range append(rep.Nodes, rep.Total) {
		path := "total"
		if n.Row != nil {
			path = n.Row.PathString()
		}
		got[path] = fmt.Sprintf("cap %d %v hc %d fte %s gap %d", n.Capacity, n.CapacityPeriods, n.Headcount, n.FTE.RatString(), n.Gap)
	}
	want := map[string]string{
		// a's target: 50 a month to July (b not there yet), 40 in July (b at 50 %), then a third
		"a":     "cap 480 [120 120 120 120] hc 1 fte 1 gap 27",
		"b":     "cap 220 [0 0 100 120] hc 1 fte 11/24 gap 0", // 50 % in July: 20, then 40
		"t/c":   "cap 480 [480 0 0 0] hc 2 fte 1/2 gap 0",     // 1200 × 80 % / 12 × 2 people = 160 a month
		"t/d":   "cap 0 [0 0 0 0] hc 0 fte 0 gap 432",         // t's 507 less c's 75 in Q1
		"t":     "cap 480 [480 0 0 0] hc 2 fte 1/2 gap 27",
		"total": "cap 1180 [600 120 220 240] hc 4 fte 47/24 gap 20",
	}
	for path, w := range want {
		if got[path] != w {
			t.Errorf("%s: %s, want %s", path, got[path], w)
		}
	}
	// the total's gap of 20 at 600 × 80 % = 480 a year: starting in January
	// (50 %, then 100 %) a hire brings 480 × 11.5/12 = 460 → 1; in December
	// 480 × 0.5/12 = 20 → 1; a node's fy_target is its split amount
	h := rep.Total.Hires
	if h == nil || *h[0] != 1 || *h[11] != 1 {
		t.Errorf("total hires %v", h)
	}
	if rep.Nodes[0].Hires == nil || *rep.Nodes[0].Hires[0] != 1 || rep.Nodes[1].Hires != nil {
		t.Errorf("a node with a gap has hires, one without has none")
	}
	if rep.Total.Coverage.Cmp(big.NewRat(1180, 1200)) != 0 {
		t.Errorf("coverage %s", rep.Total.Coverage.RatString())
	}
}

// TestCapacityHires: hires per start month of SPEC §10, by hand: a gap of 260
// at 480 a year with the ramp [50%]; seasonality puts the year in Q4.
func TestCapacityHires(t *testing.T) {
	shares := make([]*big.Rat, 12)
	for m := range shares {
		shares[m] = big.NewRat(1, 12)
	}
	h := hires(260, One, big.NewRat(600, 1), big.NewRat(4, 5), []*big.Rat{big.NewRat(1, 2)}, shares)
	want := []int64{1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 5, 13} // ⌈260 / (40 × (k − 0.5))⌉ for k = 12 … 1 months left
	for m, w := range want {
		if h[m] == nil || *h[m] != w {
			t.Errorf("hires starting in month %d = %v, want %d", m+1, deref(h[m]), w)
		}
	}
	shares = make([]*big.Rat, 12)
	for m := range shares {
		shares[m] = new(big.Rat)
	}
	shares[0] = big.NewRat(1, 1)
	h = hires(100, One, big.NewRat(600, 1), big.NewRat(1, 1), nil, shares)
	if h[0] == nil || *h[0] != 1 || h[1] != nil {
		t.Errorf("a year all in January: hires %v %v, want 1 then null", h[0], h[1])
	}
}

// TestMonthShares: the exact seasonality proportions.
func TestMonthShares(t *testing.T) {
	p := mustLoad(t, "version: 1\nyear: {start: 2027-01}\ntarget: 100\nseasonality: {quarters: [10%, 20%, 30%, 40%], months: [1, 1, 2, 1, 1, 1, 0, 0, 0, 1, 2, 1]}\n")
	got := ""
	for _, s := range MonthShares(p, NewCalendar(p.Year)) {
		got += s.RatString() + " "
	}
	if want := "1/40 1/40 1/20 1/15 1/15 1/15 1/10 1/10 1/10 1/10 1/5 1/10 "; got != want {
		t.Errorf("shares %s, want %s", got, want)
	}
}

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}
