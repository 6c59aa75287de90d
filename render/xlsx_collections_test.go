package render

import (
	"testing"

	"github.com/planhq/plan/plan"
)

// TestWorkbookCollections: a collections metric gets the collections sheet
// (SPEC §12) in place of a plain split sheet: the terms, the whole's opening,
// year and year-end receivable, then every node's opening, year, months and
// year-end receivable. Hand-computed plan: 100 booked a month, half collected
// at once and half a month later, 100 owed at the start and collected in
// January: the year collects 150 + 11 × 100 = 1,250 and 50 stays owed; A
// (60 %) collects 90 then 60 a month and owes 30 at the end.
func TestWorkbookCollections(t *testing.T) {
	src := `version: 1
name: 回款示例
round: 1
year: {start: 2027-01}
target: 1200
metrics:
  - {name: 回款, collect: {from: revenue, terms: [50%, 50%], opening: {amount: 100, terms: [100%]}}}
dimensions:
  org:
    - {name: 华东, weight: 60%}
    - {name: 华北, weight: 40%}
`
	b := loadSplit(t, src, plan.Options{})
	cb := loadSplit(t, src, plan.Options{Metric: "回款"})
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, MetricSplits: []*plan.Breakdown{cb}, Provenance: testProvenance}))
	const sheet = "回款 回款计划"
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		t.Fatalf("no sheet %s in %v", sheet, f.GetSheetList())
	}
	for cell, want := range map[string]string{
		"A2": "来源", "B2": "revenue", "D2": "50% / 50%",
		"A3": "期初应收", "B3": "100", "D3": "100%",
		"A4": "全年回款", "B4": "1250", "C4": "年末应收", "D4": "50",
		"C6": "期初应收", "D6": "全年回款", "E6": "2027-01", "Q6": "年末应收",
		"B7": "合计", "C7": "100", "D7": "1250", "E7": "150", "F7": "100", "P7": "100", "Q7": "50",
		"A8": "org", "B8": "华东", "C8": "60", "D8": "750", "E8": "90", "F8": "60", "Q8": "30",
		"B9": "华北", "C9": "40", "D9": "500", "E9": "60", "F9": "40", "Q9": "20",
	} {
		v, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		if v != want {
			t.Errorf("%s!%s = %q, want %q", sheet, cell, v, want)
		}
	}
}
