package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExportActuals runs plan export with and without --actuals and opens the
// workbooks: the tracking sheet comes last, only with actuals, closed at the
// as-of month.
func TestExportActuals(t *testing.T) {
	dir := t.TempDir()
	export := func(name string, args ...string) *excelize.File {
		t.Helper()
		out := filepath.Join(dir, name)
		var stdout, stderr bytes.Buffer
		args = append([]string{"export", "../../examples/company/plan.yaml", "-o", out}, args...)
		if code := run(args, nil, &stdout, &stderr); code != 0 {
			t.Fatalf("plan %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	plain := export("plain.xlsx")
	if got := strings.Join(plain.GetSheetList(), "|"); got != "汇总|org|product|region|漏斗|参数|明细|new_customers 分解|visits 分解|marketing 分解|回款 回款计划" {
		t.Errorf("sheets without actuals: %s", got)
	}
	f := export("tracked.xlsx", "--actuals", "../../examples/company/actuals.csv", "--as-of", "2027-03")
	if got := strings.Join(f.GetSheetList(), "|"); got != "汇总|org|product|region|漏斗|跟踪|参数|明细|new_customers 分解|visits 分解|marketing 分解|回款 回款计划|计分卡" {
		t.Errorf("sheets with actuals: %s", got)
	}
	for cell, want := range map[string]string{"A2": "org", "B2": "截至 2027-03", "L1": "2027-03 实际", "M1": "2027-04 剩余分配"} {
		if got, _ := f.GetCellValue("跟踪", cell); got != want {
			t.Errorf("跟踪!%s = %q, want %q", cell, got, want)
		}
	}
	if got, _ := f.GetCellFormula("跟踪", "C3"); got != "SUM('org'!D2:F2)" {
		t.Errorf("跟踪!C3 = %q, want the plan cells of 2027-01..2027-03", got)
	}
}
