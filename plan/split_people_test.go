package plan

import (
	"fmt"
	"testing"
)

// TestSplitPeopleByHand: small teams whose §9 split is worked out by hand.
func TestSplitPeopleByHand(t *testing.T) {
	head := "version: 1\nyear: {start: 2027-01}\ntarget: 1200\n"
	cases := []struct {
		name, src string
		want      map[string]string // path → amount and months
	}{
		{"a joiner from July without ramp", head + "dimensions:\n  org:\n    - {name: a, weight: 1}\n    - {name: b, weight: 1, start: 2027-07}\n",
			map[string]string{
				"a": "900 [100 100 100 100 100 100 50 50 50 50 50 50]",
				"b": "300 [0 0 0 0 0 0 50 50 50 50 50 50]",
			}},
		{"a leaver after March and a joiner ramping 50% from October", head + "ramp: [50%]\ndimensions:\n  org:\n    - {name: a, weight: 1, end: 2027-03}\n    - {name: b, weight: 1}\n    - {name: c, weight: 2, start: 2027-10}\n",
			map[string]string{
				// Jan–Mar: a and b 50 each; Apr–Sep: b 100; Oct: b 1, c 2×50% = 1 → 50/50; Nov–Dec: b 1, c 2 → 33⅓/66⅔
				"a": "150 [50 50 50 0 0 0 0 0 0 0 0 0]",
				"b": "867 [50 50 50 100 100 100 100 100 100 50 34 33]",
				"c": "183 [0 0 0 0 0 0 0 0 0 50 66 67]",
			}},
		{"a fixed amount spread over its active months", head + "dimensions:\n  org:\n    - {name: a, weight: 1}\n    - {name: b, amount: 300, start: 2027-10}\n",
			map[string]string{
				"a": "900 [100 100 100 100 100 100 100 100 100 0 0 0]",
				"b": "300 [0 0 0 0 0 0 0 0 0 100 100 100]",
			}},
		{"a team that starts in July carries its children's windows", head + "dimensions:\n  org:\n    - {name: a, weight: 1}\n    - {name: t, weight: 1, start: 2027-07, reserve: 10%, children: [{name: x, weight: 1}, {name: y, weight: 1, start: 2027-10}]}\n",
			map[string]string{
				"a":           "900 [100 100 100 100 100 100 50 50 50 50 50 50]",
				"t":           "300 [0 0 0 0 0 0 50 50 50 50 50 50]",
				"t/x":         "203 [0 0 0 0 0 0 45 45 45 23 23 22]",
				"t/y":         "67 [0 0 0 0 0 0 0 0 0 22 22 23]",
				"t/(reserve)": "30 [0 0 0 0 0 0 5 5 5 5 5 5]",
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := Split(mustLoad(t, c.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			for path, want := range c.want {
				r := rowByPath(t, b, "org", path)
				if got := fmt.Sprintf("%d %v", r.Amount, r.Months); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
		})
	}
}

// TestSplitPeopleErrors: the errors of SPEC §9's split, with the node and month.
func TestSplitPeopleErrors(t *testing.T) {
	head := "version: 1\nyear: {start: 2027-01}\ntarget: 1200\n"
	cases := []struct{ name, src, want string }{
		{"nobody active in the first half", head + "dimensions:\n  org:\n    - {name: a, weight: 1, start: 2027-07}\n",
			"plan.yaml:5:3: error: in 2027-01..2027-06 the plan has 600 to share but no active child to carry it\n\thint: give someone a window that covers 2027-01..2027-06, or lower those months"},
		{"a fixed amount squeezed into one month", head + "dimensions:\n  org:\n    - {name: a, weight: 1}\n    - {name: b, amount: 500, start: 2027-12}\n",
			"plan.yaml:5:3: error: in 2027-12 the fixed amounts among the children of the plan take more than the plan has\n\thint: lower the fixed amounts, or widen their windows so that they spread over more months"},
		{"a team's month with nobody in it", head + "dimensions:\n  org:\n    - name: t\n      children: [{name: x, end: 2027-06}, {name: y, start: 2027-08}]\n",
			"plan.yaml:6:7: error: in 2027-07 t has 100 to share but no active child to carry it\n\thint: give someone a window that covers 2027-07, or lower those months"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Split(mustLoad(t, c.src), Options{})
			if err == nil {
				t.Fatal("Split succeeded")
			}
			if got := err.Error(); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// TestSplitWithoutPeopleUnchanged: a plan-level ramp alone (no node with a
// start) changes nothing.
func TestSplitWithoutPeopleUnchanged(t *testing.T) {
	src := "version: 1\nyear: {start: 2027-01}\ntarget: 1000\nseasonality: {quarters: [10%, 20%, 30%, 40%]}\ndimensions:\n  org:\n    - {name: a, weight: 1}\n    - {name: b, weight: 2, children: [x, y, z]}\n"
	plain := mustSplit(t, mustLoad(t, src), Options{})
	ramped := mustSplit(t, mustLoad(t, "ramp: [50%]\n"+src), Options{})
	sameBreakdown(t, plain, ramped)
}
