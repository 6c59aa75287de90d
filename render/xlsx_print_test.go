package render

import (
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// definedValue is the number in the cell a workbook-wide defined name refers to.
func definedValue(t *testing.T, f *excelize.File, name string) float64 {
	t.Helper()
	for _, dn := range f.GetDefinedName() {
		if dn.Name != name || dn.Scope != "Workbook" {
			continue
		}
		sheet, cell := splitRef(t, dn.RefersTo)
		raw, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Fatalf("%s → %s!%s = %q, not a number", name, sheet, cell, raw)
		}
		return v
	}
	t.Fatalf("no defined name %s", name)
	return 0
}

// splitRef splits 'sheet'!$B$7 into the sheet and B7.
func splitRef(t *testing.T, ref string) (string, string) {
	t.Helper()
	i := strings.LastIndex(ref, "!")
	if i < 0 {
		t.Fatalf("reference %q has no sheet", ref)
	}
	sheet := strings.ReplaceAll(strings.Trim(ref[:i], "'"), "''", "'")
	return sheet, strings.ReplaceAll(ref[i+1:], "$", "")
}
