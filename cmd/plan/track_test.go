package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestTrackXLSXMatchesCSV writes the company example's actuals into a workbook
// the way a spreadsheet holds them (periods as date cells on every other row,
// amounts as number cells) and checks that plan track reports exactly what it
// reports from the CSV file.
func TestTrackXLSXMatchesCSV(t *testing.T) {
	csvPath := "../../examples/company/actuals.csv"
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	for i, rec := range recs {
		for j, v := range rec {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			switch {
			case i > 0 && j == 0 && i%2 == 0:
				m, perr := time.Parse("2006-01", v)
				if perr != nil {
					t.Fatal(perr)
				}
				err = f.SetCellValue("Sheet1", cell, m)
			case i > 0 && j == 3:
				err = f.SetCellDefault("Sheet1", cell, v)
			default:
				err = f.SetCellStr("Sheet1", cell, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	xlsxPath := filepath.Join(t.TempDir(), "actuals.xlsx")
	if err := f.SaveAs(xlsxPath); err != nil {
		t.Fatal(err)
	}
	track := func(actuals string) string {
		var out, errw bytes.Buffer
		code := run([]string{"track", "../../examples/company/plan.yaml", "--actuals", actuals, "--format", "csv"}, nil, &out, &errw)
		if code != 0 || errw.Len() != 0 {
			t.Fatalf("plan track --actuals %s: exit %d\n%s", actuals, code, errw.String())
		}
		return out.String()
	}
	fromCSV, fromXLSX := track(csvPath), track(xlsxPath)
	if fromCSV != fromXLSX {
		t.Errorf("the workbook's report differs from the CSV's:\n%s\nCSV:\n%s", fromXLSX, fromCSV)
	}
	if !strings.Contains(fromCSV, "org,供应链,1,red,2475000,1110274.51,") {
		t.Errorf("unexpected report:\n%s", fromCSV)
	}
}

// TestTrackXLSXBadRow checks that a bad row of a workbook is named by its sheet
// and row.
func TestTrackXLSXBadRow(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]string{{"period", "dimension", "path", "amount"}, {"2027-01", "org", "市场部", "100"}, {"2027-01", "org", "销售部", "100"}}
	for i, row := range rows {
		if err := f.SetSheetRow("Sheet1", "A"+string(rune('1'+i)), &row); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "a.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	var out, errw bytes.Buffer
	code := run([]string{"track", "../../examples/company/plan.yaml", "--actuals", path}, nil, &out, &errw)
	want := path + ":Sheet1!3: error: 销售部 is not a leaf of org; actuals belong to leaves (a parent's actual is the sum of its children's)\n\thint: book it to one of its children: 大客户组, 中小客户组\n"
	if code != exitInvalid || errw.String() != want || out.Len() != 0 {
		t.Errorf("exit %d\nstderr:\n%s\nwant:\n%s", code, errw.String(), want)
	}
}
