package render

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/planhq/plan/plan"
)

// yearPlan pays a bonus (one node overriding it) and a commission with
// accelerators; its months are 100 per leaf except May, which has none.
const yearPlan = `version: 1
name: 年度
year: {start: 2027-01}
target: 4400
seasonality: {months: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]}
tracking: {misses: 2}
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
`

const yearActuals = `period,dimension,path,amount
2027-01,org,t/a,100
2027-02,org,t/a,100
2027-03,org,t/a,130
2027-04,org,t/a,100
2027-01,org,t/b,50
2027-02,org,t/b,90
2027-03,org,t/b,90
2027-04,org,t/b,90
2027-05,org,t/c,10
2027-01,org,t/d,100
2027-02,org,t/d,100
2027-03,org,t/d,100
2027-04,org,t/d,100.5
`

// trackYear tracks yearPlan as of April (a partial second quarter).
func trackYear(t *testing.T, period int, rank bool) *TrackReport {
	t.Helper()
	p, diags := plan.Load("plan.yaml", []byte(yearPlan))
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := plan.Split(p, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, diags := plan.LoadActuals("actuals.csv", []byte(yearActuals), b)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	card, err := plan.Track(b, a, plan.Month{Year: 2027, Month: 4})
	if err != nil {
		t.Fatal(err)
	}
	return &TrackReport{Scorecard: card, ActualsFile: "actuals.csv", Period: period, Rank: rank}
}

// TestTrackYearGolden renders periods (by quarter), misses, money and, ranked,
// the leaves best first, in every text format.
func TestTrackYearGolden(t *testing.T) {
	exts := map[string]string{"table": "txt", "csv": "csv", "markdown": "md", "json": "json"}
	for _, format := range []string{"table", "csv", "markdown", "json"} {
		t.Run("year."+format, func(t *testing.T) {
			checkGolden(t, filepath.Join(trackGoldenDir, "year."+exts[format]), renderTo(t, format, trackYear(t, 3, false)))
		})
		t.Run("rank."+format, func(t *testing.T) {
			checkGolden(t, filepath.Join(trackGoldenDir, "rank."+exts[format]), renderTo(t, format, trackYear(t, 0, true)))
		})
	}
}

// TestTrackYearJSON checks the JSON of SPEC §13 on hand-computed numbers.
func TestTrackYearJSON(t *testing.T) {
	out := renderTo(t, "json", trackYear(t, 3, false))
	var doc struct {
		Dimensions []struct {
			Nodes []struct {
				Path         []string    `json:"path"`
				Misses       *int        `json:"misses"`
				Flagged      bool        `json:"flagged"`
				Rank         *int        `json:"rank"`
				PayoutAmount json.Number `json:"payout_amount"`
				Commission   json.Number `json:"commission"`
				Periods      map[string]struct {
					Target     json.Number  `json:"target"`
					Actual     json.Number  `json:"actual"`
					Attainment *json.Number `json:"attainment"`
					Status     string       `json:"status"`
					Partial    bool         `json:"partial"`
				} `json:"periods"`
			} `json:"nodes"`
		} `json:"dimensions"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	nodes := doc.Dimensions[0].Nodes
	// a: 430 of 400 as of April (107.5 %): rank 1; 100 % pays 1000; commission
	// 3 % of 400 + 5 % of 30 = 13.5. Q2 to April: 100 of 100, partial.
	a := nodes[1]
	if a.Rank == nil || *a.Rank != 1 || a.PayoutAmount != "1000" || a.Commission != "13.5" || *a.Misses != 0 {
		t.Errorf("a: rank %v payout_amount %s commission %s misses %v", a.Rank, a.PayoutAmount, a.Commission, a.Misses)
	}
	q2 := a.Periods["Q2"]
	if q2.Target != "100" || q2.Actual != "100" || !q2.Partial || q2.Status != "green" || a.Periods["Q1"].Partial {
		t.Errorf("a's quarters: %+v", a.Periods)
	}
	// b: 320 of 400, every month missed: 4, flagged at 2; 80 % of its own
	// 2000; 3 % of 320; third after a and d (100.125 %).
	b := nodes[2]
	if *b.Misses != 4 || !b.Flagged || b.PayoutAmount != "1600" || b.Commission != "9.6" || *b.Rank != 3 {
		t.Errorf("b: misses %d flagged %v payout_amount %s commission %s rank %d", *b.Misses, b.Flagged, b.PayoutAmount, b.Commission, *b.Rank)
	}
	// c sold nothing up to April: four misses, ranked last, linear 0 %.
	c := nodes[3]
	if *c.Misses != 4 || !c.Flagged || *c.Rank != 4 || c.PayoutAmount != "0" || c.Commission != "0" {
		t.Errorf("c: misses %d rank %d payout_amount %s commission %s", *c.Misses, *c.Rank, c.PayoutAmount, c.Commission)
	}
	if nodes[0].Rank != nil {
		t.Error("a parent has a rank")
	}
}
