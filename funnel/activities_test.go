package funnel

import (
	"math/big"
	"strings"
	"testing"
)

// activityPlan runs the funnel once on a target of 10 at a deal size of 1:
// 10 deals; stage a at rate 30% needs ⌈10 / 30%⌉ = 34 entries.
const activityPlan = `version: 1
name: acts
year: {start: 2027-01, holidays: [HOLIDAYS]}
target: 10
funnel:
  deal_size: 1
  stages:
    - {name: a, rate: 30%, days: 10, activities: {visit: 0.5, call: 0.3}}
    - {name: won, activities: {visit: 1}}
`

// TestActivityCounts checks SPEC §5's activities by hand: per activity the
// sum over the stages of ⌈newₛ × countₛ⌉, and the weekly average over the ISO
// weeks with a working day.
func TestActivityCounts(t *testing.T) {
	tests := []struct {
		name     string
		holidays string
		workdays string
		weeks    int
	}{
		// 2027: 1 January is a Friday, in 2026-W53; 31 December a Friday, in
		// 2027-W52: 53 weeks with a working day.
		{name: "every week", weeks: 53},
		// Monday 4 to Friday 8 October off: 2027-W40 has no working day.
		{name: "a week off", holidays: "2027-10-04..2027-10-08", weeks: 52},
		// … unless its Saturday is a make-up day.
		{name: "a make-up Saturday", holidays: "2027-10-04..2027-10-08", workdays: "2027-10-09", weeks: 53},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(activityPlan, "HOLIDAYS", tt.holidays, 1)
			if tt.workdays != "" {
				text = strings.Replace(text, "]}", "], workdays: ["+tt.workdays+"]}", 1)
			}
			res := run(t, loadPlan(t, "acts.yaml", text), "")
			r := res.Rows[0]
			if r.Deals != 10 || r.Stages[0].New != 34 {
				t.Fatalf("deals %d, a %d; want 10, 34", r.Deals, r.Stages[0].New)
			}
			if want := []string{"visit", "call"}; len(res.ActivityNames) != 2 || res.ActivityNames[0] != want[0] || res.ActivityNames[1] != want[1] {
				t.Fatalf("activities %v, want %v", res.ActivityNames, want)
			}
			// visit: ⌈34 × 0.5⌉ + ⌈10 × 1⌉ = 17 + 10 = 27; call: ⌈34 × 0.3⌉ = ⌈10.2⌉ = 11.
			for i, want := range []int64{27, 11} {
				a := r.Activities[i]
				if a.Total != want {
					t.Errorf("%s: %d, want %d", a.Name, a.Total, want)
				}
				if a.Before+sum(a.Months) != a.Total {
					t.Errorf("%s: before %d and months %v do not add up to %d", a.Name, a.Before, a.Months, a.Total)
				}
				if a.Weekly.Cmp(big.NewRat(want, int64(tt.weeks))) != 0 {
					t.Errorf("%s weekly %s, want %d/%d", a.Name, a.Weekly.RatString(), want, tt.weeks)
				}
			}
			if res.WeeksActive != tt.weeks || res.Total.Activities[0].Weekly.Cmp(big.NewRat(27, int64(tt.weeks))) != 0 {
				t.Errorf("total: %d weeks, weekly %s", res.WeeksActive, res.Total.Activities[0].Weekly.RatString())
			}
		})
	}
}

// TestActivityOverrides checks that a node's stage override replaces that
// stage's activities for its subtree, and that a stage without entries takes
// no work.
func TestActivityOverrides(t *testing.T) {
	text := `version: 1
name: o
year: {start: 2027-01}
target: 20
dimensions:
  org:
    - name: t
      funnel: {stages: {a: {activities: {demo: 2}}}}
      children: [{name: x}, {name: y, funnel: {pipeline: {a: 100}}}]
    - {name: z}
funnel:
  deal_size: 1
  stages:
    - {name: a, rate: 50%, activities: {visit: 3}}
    - {name: won}
`
	res := run(t, loadPlan(t, "o.yaml", text), "")
	if got := strings.Join(res.ActivityNames, ","); got != "visit,demo" {
		t.Fatalf("activities %s", got)
	}
	// 20 / 2 / 2 = 5 each for x and y, 10 for z: a needs 10, 10, 20 entries;
	// y has 100 in flight, so none new.
	want := map[string][2]int64{"t/x": {0, 20}, "t/y": {0, 0}, "z": {60, 0}}
	for _, r := range res.Rows {
		w := want[strings.Join(r.Path, "/")]
		if r.Activities[0].Total != w[0] || r.Activities[1].Total != w[1] {
			t.Errorf("%v: visit %d demo %d, want %v", r.Path, r.Activities[0].Total, r.Activities[1].Total, w)
		}
	}
	if res.Total.Activities[0].Total != 60 || res.Total.Activities[1].Total != 20 {
		t.Errorf("total %+v", res.Total.Activities)
	}
}
