package render

import (
	"testing"

	"github.com/planhq/plan/plan"
)

// TestTrackingMoneyColumns: with a bonus and a commission the tracking sheet
// carries each node's bonus amount and commission in columns Y and Z, the
// engine's cents; without them the columns stay empty.
func TestTrackingMoneyColumns(t *testing.T) {
	p, diags := plan.Load("plan.yaml", []byte(yearPlan))
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := plan.Split(p, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	card := trackCard(t, b, yearActuals, plan.Month{Year: 2027, Month: 4})
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, Scorecard: card, Provenance: testProvenance}))
	sheet := labelsFor(p).tracking().Sheet
	get := func(cell string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Row 1 headers; row 2 the block's title; t on row 3, a…d on 4…7, the total on 8.
	for cell, want := range map[string]string{
		"Y1": "奖金金额", "Z1": "提成",
		"X4": "t/a", "Y4": "1000", "Z4": "13.5", // a: 100 % of 1000; 3 % of 400 + 5 % of 30
		"X5": "t/b", "Y5": "1600", "Z5": "9.6", // b: 80 % of its own 2000; 3 % of 320
		"Y3": "3600", "Z3": "35.13", // t: the sum of its leaves'
		"Y8": "3600", "Z8": "35.13", // the total
	} {
		if got := get(cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	// The company example pays neither: nothing in Y or Z.
	cb := companyBreakdown(t, plan.Options{})
	cf := openBook(t, writeBook(t, &Workbook{Breakdown: cb, Scorecard: trackCard(t, cb, companyActuals(t), plan.Month{}), Provenance: testProvenance}))
	for _, cell := range []string{"Y1", "Z1", "Y3", "Z3"} {
		if v, _ := cf.GetCellValue("跟踪", cell); v != "" {
			t.Errorf("company %s = %q, want empty", cell, v)
		}
	}
}
