package render

import (
	"os"
	"testing"

	"github.com/planhq/plan/plan"
)

// TestWorkbookPeople: the dimension sheet of a dimension with windows shows
// each node's start and end; the capacity sheet holds the engine's capacity by
// month, its year as a SUM, coverage and gap as formulas that excelize
// recomputes to the engine's values.
func TestWorkbookPeople(t *testing.T) {
	data, err := os.ReadFile("../examples/people/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b := loadSplit(t, string(data), plan.Options{})
	rep, err := plan.CapacityOf(b, plan.PeriodMonth)
	if err != nil {
		t.Fatal(err)
	}
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, Capacity: rep, Provenance: testProvenance}))
	if got := f.GetSheetList(); len(got) != 5 || got[2] != "产能" {
		t.Fatalf("sheets %v, want the capacity sheet 产能 after the dimensions (then 参数, 明细)", got)
	}
	get := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	calc := func(sheet, cell string) string {
		v, err := f.CalcCellValue(sheet, cell)
		if err != nil {
			t.Fatalf("%s!%s: %v", sheet, cell, err)
		}
		return v
	}
	for cell, want := range map[string]string{
		"V1": "开始", "W1": "结束", // the window columns
		"U4": "华东/侯娟", "V4": "", "W4": "2027-05", // a leaver
		"U5": "华东/周杰", "V5": "2026-11", // joined last year
		"U7": "华东/新人池", "V7": "2027-07", "W7": "",
	} {
		if got := get("org", cell); got != want {
			t.Errorf("org!%s = %q, want %q", cell, got, want)
		}
	}
	for cell, want := range map[string]string{
		"V4": "华东/侯娟", "C4": "2027-05", "D4": "1", "J4": "400000", "O4": "0",
		"V7": "华东/新人池", "B7": "2027-07", "D7": "4", "P7": "400000", // 4 people at 25 % in July
	} {
		if got := get("产能", cell); got != want {
			t.Errorf("产能!%s = %q, want %q", cell, got, want)
		}
	}
	for cell, want := range map[string]string{"G4": "2000000", "I4": "1642000", "G8": "21760000", "I8": "14240000"} {
		if got := calc("产能", cell); got != want {
			t.Errorf("产能!%s computes to %q, want %q", cell, got, want)
		}
	}
}
