package plan

import (
	"math/big"
	"strings"
	"testing"
)

const peoplePlan = `version: 1
year: {start: 2027-01}
target: 1200
ramp: ["25%", "50%", "75%"]
dimensions:
  org:
    - name: 华东
      children:
        - {name: 梁一鸣, weight: 1, start: 2027-04}
        - {name: 侯娟, weight: 1, end: 2027-05}
        - {name: 周杰, weight: 1, start: 2026-11, ramp: ["50%", "80%", "90%"]}
        - {name: 陈志强, weight: 2}
        - {name: 无坡, weight: 1, start: 2027-03, ramp: []}
    - name: 华北
      start: 2027-07
      children:
        - {name: 甲, weight: 1, start: 2027-06}
        - {name: 乙, weight: 1, start: 2027-09, end: 2028-03}
`

// ratsOf writes availabilities as "num/den" strings for comparison.
func ratsOf(a [12]*big.Rat) string {
	s := make([]string, 12)
	for i, r := range a {
		s[i] = r.RatString()
	}
	return strings.Join(s, " ")
}

func TestAvailability(t *testing.T) {
	p := mustLoad(t, peoplePlan)
	org := p.Dimension("org")
	east, north := org.Roots[0], org.Roots[1]
	cases := []struct {
		n    *Node
		want string
	}{
		{east.Children[0], "0 0 0 1/4 1/2 3/4 1 1 1 1 1 1"},   // joins in April, plan ramp
		{east.Children[1], "1 1 1 1 1 0 0 0 0 0 0 0"},         // leaves after May
		{east.Children[2], "9/10 1 1 1 1 1 1 1 1 1 1 1"},      // own ramp from last November
		{east.Children[3], "1 1 1 1 1 1 1 1 1 1 1 1"},         // all year
		{east.Children[4], "0 0 1 1 1 1 1 1 1 1 1 1"},         // ramp: [] means none
		{north, "0 0 0 0 0 0 1/4 1/2 3/4 1 1 1"},              // a parent with a start ramps too
		{north.Children[0], "0 0 0 0 0 0 1/8 3/8 3/4 1 1 1"},  // own ramp from June × the parent's from July
		{north.Children[1], "0 0 0 0 0 0 0 0 3/16 1/2 3/4 1"}, // both ramps multiply
		{east, "1 1 1 1 1 1 1 1 1 1 1 1"},
	}
	all := p.AvailabilityAll(org)
	for _, c := range cases {
		if got := ratsOf(p.Availability("org", c.n)); got != c.want {
			t.Errorf("Availability(%s) = %s, want %s", c.n.Name, got, c.want)
		}
		if got := ratsOf(all[c.n]); got != c.want {
			t.Errorf("AvailabilityAll[%s] = %s, want %s", c.n.Name, got, c.want)
		}
	}
	if org.HasPeople() != true {
		t.Error("HasPeople is false for a dimension with windows")
	}
	if mustLoad(t, minimalPeople("")).Dimension("org").HasPeople() {
		t.Error("HasPeople is true for a dimension without windows")
	}
}

func minimalPeople(extra string) string {
	return "version: 1\nyear: {start: 2027-01}\ntarget: 1200\n" + extra + "dimensions:\n  org:\n    - {name: a, weight: 1}\n    - {name: b, weight: 1}\n"
}

func TestPeopleLoadErrors(t *testing.T) {
	head := "version: 1\nyear: {start: 2027-01}\ntarget: 1200\n"
	cases := []struct {
		name, src, want string
	}{
		{"end before start", head + "dimensions:\n  org:\n    - {name: a, start: 2027-05, end: 2027-03}\n",
			"plan.yaml:6:38: error: a ends (2027-03) before it starts (2027-05)\n\thint: end is the last month the node is active; write a month on or after 2027-05"},
		{"start after the year", head + "dimensions:\n  org:\n    - {name: a, start: 2028-01}\n",
			"plan.yaml:6:24: error: a starts in 2028-01, after the fiscal year\n\thint: the fiscal year runs 2027-01 to 2027-12; remove the node, or move its start into the year"},
		{"end before the year", head + "dimensions:\n  org:\n    - {name: a, end: 2026-12}\n",
			"plan.yaml:6:22: error: a ends in 2026-12, before the fiscal year\n\thint: the fiscal year runs 2027-01 to 2027-12; remove the node, or move its end into the year"},
		{"ramp without start", head + "dimensions:\n  org:\n    - {name: a, ramp: [50%]}\n",
			"plan.yaml:6:17: error: a has a ramp but no start\n\thint: a ramp counts months from start: add `start: YYYY-MM`, or remove the ramp"},
		{"too many rates", head + "ramp: [" + strings.Repeat("50%, ", 24) + "50%]\n",
			"plan.yaml:4:7: error: ramp has 25 rates, more than 24\n\thint: a ramp covers at most the first 24 months; after it a person is at 100%"},
		{"rate above 1", head + "ramp: [50]\n",
			"plan.yaml:4:8: error: ramp 50 is above 1 (a plain number is a fraction: 1 = 100%)\n\thint: did you mean \"50%\"?"},
		{"not a month", head + "dimensions:\n  org:\n    - {name: a, start: April}\n",
			"plan.yaml:6:24: error: start of a: \"April\" is not a month\n\thint: write the month as YYYY-MM, e.g. 2027-01"},
		{"window outside the parent's", head + "dimensions:\n  org:\n    - {name: a, end: 2027-05, children: [{name: b, start: 2027-07}]}\n",
			"plan.yaml:6:59: error: b is never active: its window lies outside the window of a\n\thint: a node is active only inside its parent's window; align the two windows"},
		{"negative headcount", head + "dimensions:\n  org:\n    - {name: a, headcount: -1}\n",
			"plan.yaml:6:28: error: headcount of a must not be negative, found -1"},
		{"unknown capacity dimension", head + "capacity: {dimension: team, productivity: 100}\ndimensions:\n  org: [a]\n",
			"plan.yaml:4:23: error: capacity.dimension \"team\" is not a dimension of the plan\n\thint: set capacity.dimension to one of: org"},
		{"unknown capacity key", head + "capacity: {productivty: 100}\ndimensions:\n  org: [a]\n",
			"plan.yaml:4:12: error: unknown key \"productivty\" in capacity\n\thint: did you mean \"productivity\"?"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := Load("plan.yaml", []byte(c.src))
			if got := diags.Err().Error(); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// TestActualsInsideWindows: a leaver's actuals in their window count; one
// outside it is an error at FILE:LINE naming the window (SPEC §9).
func TestActualsInsideWindows(t *testing.T) {
	src := "version: 1\nyear: {start: 2027-01}\ntarget: 1200\ndimensions:\n  org:\n    - {name: a, weight: 1, end: 2027-05}\n    - {name: b, weight: 1}\n    - {name: t, weight: 1, start: 2027-03, children: [{name: c, end: 2027-10}, d]}\n"
	b, err := Split(mustLoad(t, src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	good := "period,dimension,path,amount\n2027-01,org,a,10\n2027-05,org,a,20\n2027-06,org,b,5\n2027-03,org,t/c,7\n"
	a, diags := LoadActuals("a.csv", []byte(good), b)
	if diags.HasErrors() {
		t.Fatalf("actuals inside the windows refused:\n%v", diags.Err())
	}
	if got := a.Dimensions[0].Amounts[0][4]; got == nil || got.Cmp(big.NewRat(20, 1)) != 0 {
		t.Errorf("a's May actual = %v, want 20", got)
	}
	bad := "period,dimension,path,amount\n2027-06,org,a,10\n2027-02,org,t/c,1\n2027-11,org,t/c,1\n"
	_, diags = LoadActuals("a.csv", []byte(bad), b)
	want := "a.csv:2: error: a is active until 2027-05, but this actual is for 2027-06, outside that window\n\thint: book it to whoever carried the month, or widen the window (start:, end:) in the plan\n" +
		"a.csv:3: error: t/c is active 2027-03..2027-10, but this actual is for 2027-02, outside that window\n\thint: book it to whoever carried the month, or widen the window (start:, end:) in the plan\n" +
		"a.csv:4: error: t/c is active 2027-03..2027-10, but this actual is for 2027-11, outside that window\n\thint: book it to whoever carried the month, or widen the window (start:, end:) in the plan"
	if got := diags.Err().Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
