package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExportAgeing: --receivables adds an ageing sheet (账龄) with the
// engine's figures and the status filled by colour.
func TestExportAgeing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ar.xlsx")
	var stdout, stderr bytes.Buffer
	args := []string{"export", "../../examples/company/plan.yaml", "-o", out,
		"--receivables", "../../examples/company/receivables.csv", "--ar-as-of", "2027-06-30"}
	if code := run(args, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// row 5 is 张伟 (rows: title, header, 销售部, 大客户组, 张伟).
	for cell, want := range map[string]string{"A2": "维度", "C2": "状态", "H2": "31+", "B5": "    张伟", "C5": "红", "H5": "800,000.00", "I5": "1,480,000.00"} {
		if got, _ := f.GetCellValue("账龄", cell); got != want {
			t.Errorf("账龄!%s = %q, want %q", cell, got, want)
		}
	}
	st, _ := f.GetCellStyle("账龄", "C5")
	s, err := f.GetStyle(st)
	if err != nil || len(s.Fill.Color) == 0 || s.Fill.Color[0] != "FFC7CE" {
		t.Errorf("张伟's status is not filled red: %+v %v", s, err)
	}
	// A bad receivables file: nothing written, every bad row reported.
	bad := filepath.Join(t.TempDir(), "bad.xlsx")
	stderr.Reset()
	if code := run([]string{"export", "../../examples/company/plan.yaml", "-o", bad, "--receivables", "../../examples/company/actuals.csv"}, nil, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d, want 1\n%s", code, stderr.String())
	}
}
