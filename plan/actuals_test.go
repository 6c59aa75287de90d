package plan

import (
	"bytes"
	"math/big"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// trackPlan is a small plan for the actuals and tracking tests: a fiscal year
// starting in April, a reserve under east, over_assign under west, a product
// with a zero weight and a count metric.
const trackPlan = `version: 1
name: track test
round: 1000
year: {start: 2027-04}
target: 12_000_000
metrics:
  - {name: deals, target: 120, kind: count}
dimensions:
  org:
    - name: east
      weight: 50%
      reserve: 10%
      children:
        - {name: ann, weight: 1}
        - {name: bob, weight: 1}
    - name: west
      weight: 50%
      over_assign: 20%
      children:
        - {name: cy, weight: 1}
        - {name: di, weight: 1}
  product:
    - {name: p1, weight: 1}
    - {name: p2, weight: 1}
    - {name: p3, weight: 0}
tracking: {green: 90%, yellow: 70%}
incentive: {below: linear, floor: 60%, ladder: {from: 100%, every: 10%, add: 15%}, cap: 200%}
`

// trkBreakdown loads trackPlan (or another plan text) and splits it.
func trkBreakdown(t testing.TB, text string, opt Options) *Breakdown {
	t.Helper()
	p, diags := Load("plan.yaml", []byte(text))
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := Split(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// trkDiags renders diagnostics one per line.
func trkDiags(ds Diagnostics) string {
	var lines []string
	for _, d := range ds {
		lines = append(lines, d.String())
	}
	return strings.Join(lines, "\n")
}

func TestReadActualsCSVAccepts(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{})
	tests := []struct {
		name string
		data string
	}{
		{"plain", "period,dimension,path,amount\n2027-04,org,east/ann,1000\n"},
		{"BOM and CRLF", "\uFEFFperiod,dimension,path,amount\r\n2027-04,org,east/ann,1000\r\n"},
		{"columns in any order, case and extra columns", "Amount,note,PATH,Dimension,Period\n1000,first sale,east/ann,org,2027-04\n"},
		{"Chinese header", "月份,维度,路径,金额\n2027-04,org,east/ann,1000\n"},
		{"semicolons", "period;dimension;path;amount\n2027-04;org;east/ann;1000\n"},
		{"tabs", "period\tdimension\tpath\tamount\n2027-04\torg\teast/ann\t1000\n"},
		{"blank and empty-field lines", "period,dimension,path,amount\n\n,,,\n2027-04,org,east/ann,1000\n ,,, \n"},
		{"names and fields trimmed", "period,dimension,path,amount\n 2027-04 , org , east / ann ,\" 1,000 \"\n"},
		{"grouped amount", "period,dimension,path,amount\n2027-04,org,east/ann,\"1,000\"\n"},
		{"magnitude suffix", "period,dimension,path,amount\n2027-04,org,east/ann,0.1万\n"},
		{"first-of-month date", "period,dimension,path,amount\n2027-04-01,org,east/ann,1000\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, diags := LoadActuals("a.csv", []byte(tt.data), b)
			if diags.HasErrors() {
				t.Fatalf("unexpected errors:\n%s", trkDiags(diags))
			}
			ann := b.Dimensions[0].Rows[1]
			if ann.PathString() != "east/ann" {
				t.Fatalf("row 1 is %s", ann.PathString())
			}
			got := a.Dimensions[0].Amounts[ann.Index][0]
			if got == nil || got.Cmp(big.NewRat(1000, 1)) != 0 {
				t.Errorf("east/ann 2027-04 = %v, want 1000", got)
			}
			if a.Dimensions[0].Count != 1 || a.Last != 0 {
				t.Errorf("count %d, last %d; want 1 row in month 0", a.Dimensions[0].Count, a.Last)
			}
		})
	}
}

// TestReadActualsBadRows checks that every kind of bad row is an error naming
// its line, and that all of them are reported in one run.
func TestReadActualsBadRows(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{})
	data := strings.Join([]string{
		"period,dimension,path,amount",
		"2027-04,org,east/ann,1000",       // 2: fine
		"2027-04,region,east/ann,1000",    // 3
		"2027-04,org,north/ann,1000",      // 4
		"2027-04,org,east/zed,1000",       // 5
		"2027-04,org,east/ann/x,1000",     // 6
		"2027-04,org,east,1000",           // 7
		"2027-04,org,east/(reserve),1000", // 8
		"2027-13,org,east/bob,1000",       // 9
		"2027-03,org,east/bob,1000",       // 10
		"2027-04,org,east/ann,500",        // 11: duplicate of line 2
		"2027-05,org,east/ann,12 apples",  // 12
		"2027-05,org,east/bob,",           // 13
		"2027-05,org,east//bob,1",         // 14
		"2027-05,org",                     // 15
		"2027-05,org,east/bob,5%",         // 16
		`2027-05,org,"east/bob,1`,         // 17: an unterminated quote runs to the end
	}, "\n") + "\n"
	_, diags := LoadActuals("a.csv", []byte(data), b)
	want := []string{
		`a.csv:3: error: unknown dimension "region"` + "\n\thint: the plan's dimensions are: org, product",
		"a.csv:4: error: unknown path north/ann in org: no top-level node north\n\thint: the top-level nodes of org are: east, west; if someone left, keep them in the plan with `end: YYYY-MM` rather than delete them",
		"a.csv:5: error: unknown path east/zed in org: east has no child zed\n\thint: the children of east are: ann, bob; if someone left, keep them in the plan with `end: YYYY-MM` rather than delete them",
		"a.csv:6: error: unknown path east/ann/x in org: east/ann has no children\n\thint: actuals belong to leaves; east/ann is one",
		"a.csv:7: error: east is not a leaf of org; actuals belong to leaves (a parent's actual is the sum of its children's)\n\thint: book it to one of its children: ann, bob",
		"a.csv:8: error: east/(reserve) in org is a reserve row; actuals belong to leaves\n\thint: book the amount to a leaf; a reserve is held back, not sold against",
		`a.csv:9: error: period "2027-13" is not a month` + "\n\thint: write the month as YYYY-MM, e.g. 2027-04",
		"a.csv:10: error: period 2027-03 is outside the fiscal year\n\thint: the fiscal year runs 2027-04..2028-03 (year.start in the plan)",
		"a.csv:11: error: duplicate actual: org east/ann in 2027-04 is already on line 2\n\thint: add the amounts up into one row",
		`a.csv:12: error: "12 apples" is not an amount` + "\n\thint: write an amount such as 5000000, 5_000_000, \"5,000,000\", \"500万\", \"0.5亿\", \"5M\" or \"1.5k\"",
		"a.csv:13: error: the amount is empty\n\thint: write 0 for a month without sales",
		`a.csv:14: error: path "east//bob" has an empty name` + "\n\thint: join the names with a single /, without one at either end",
		"a.csv:15: error: the row has 2 fields, the header 4\n\thint: every row needs a value in each of the columns period,dimension,path,amount",
		`a.csv:16: error: "5%" is a percentage, not an amount` + "\n\thint: write an amount such as 5000000, \"5,000,000\" or \"500万\"",
		"a.csv:17: error: extraneous or missing \" in quoted-field\n\thint: a field that holds a quote, a comma or a line break must be in double quotes, its quotes doubled: \"a \"\"b\"\", c\"",
	}
	if got := trkDiags(diags); got != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\n\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

func TestReadActualsFileProblems(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{})
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "a.csv: error: the file is empty\n\thint: start the file with the header line period,dimension,path,amount"},
		{"no header", []byte("2027-04,org,east/ann,1000\n"), "a.csv:1: error: the file has no header line\n\thint: start the file with the header line period,dimension,path,amount"},
		{"missing columns", []byte("period,dim,amount\n"), "a.csv:1: error: the header has no path column\n\thint: the first line must name the columns period,dimension,path,amount"},
		{"missing two", []byte("when,what,amount\n"), "a.csv:1: error: the header has no period, dimension, path columns\n\thint: the first line must name the columns period,dimension,path,amount"},
		{"repeated column", []byte("period,dimension,path,amount,金额\n"), `a.csv:1: error: the header has two amount columns ("amount" and "金额")` + "\n\thint: keep one amount column"},
		{"GBK", append([]byte("period,dimension,path,amount\n2027-04,org,"), 0xd5, 0xc5, '\n'), "a.csv:2: error: the file is not UTF-8 text\n\thint: save the file as \"CSV UTF-8\" (Excel on a Chinese system saves plain \"CSV\" as GBK)"},
		{"UTF-16", []byte{0xFF, 0xFE, 'p', 0}, "a.csv: error: this file is UTF-16 text; actuals must be UTF-8 CSV or .xlsx\n\thint: save it as \"CSV UTF-8 (Comma delimited)\""},
		{"xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1}, "a.csv: error: this is an old Excel .xls workbook, which plan cannot read\n\thint: save it as .xlsx, or as CSV UTF-8"},
		{"broken zip", []byte("PK\x03\x04 not really"), "a.csv: error: cannot read the workbook: zip: not a valid zip file\n\thint: save it again from the spreadsheet application as .xlsx, or as CSV UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, diags := LoadActuals("a.csv", tt.data, b)
			if a != nil {
				t.Error("actuals returned despite errors")
			}
			if got := trkDiags(diags); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestReadActualsCountMetric(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{Metric: "deals"})
	_, diags := LoadActuals("a.csv", []byte("period,dimension,path,amount\n2027-04,org,east/ann,2.5\n2027-04,org,east/bob,3\n"), b)
	want := "a.csv:2: error: deals is a count; 2.5 is not a whole number\n\thint: a count is a whole number"
	if got := trkDiags(diags); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestReadActualsNegativeAndLarge(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{})
	data := "period,dimension,path,amount\n2027-04,org,east/ann,-1200.50\n2027-05,org,east/ann,1e30\n"
	a, diags := LoadActuals("a.csv", []byte(data), b)
	want := "a.csv:3: error: amount 1e30 is too large (the limit is 1000000000000000000)"
	if got := trkDiags(diags); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if a != nil {
		t.Fatal("actuals returned despite errors")
	}
	a, diags = LoadActuals("a.csv", []byte("period,dimension,path,amount\n2027-04,org,east/ann,-1200.50\n"), b)
	if diags.HasErrors() {
		t.Fatal(trkDiags(diags))
	}
	if got := a.Dimensions[0].Amounts[1][0]; got.Cmp(big.NewRat(-240100, 200)) != 0 {
		t.Errorf("credit note = %v, want -1200.5", got)
	}
}

// trkXLSX builds a workbook whose first sheet holds rows (nil cells are
// left empty); each value is written with excelize's type for it.
func trkXLSX(t *testing.T, sheet string, rows [][]any, setup func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	for i, row := range rows {
		for j, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if setup != nil {
		setup(f)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadActualsXLSX(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{})
	data := trkXLSX(t, "Q1 data", [][]any{
		{},
		{"Period", "Dimension", "Path", "Amount", "Note"},
		{"2027-04", "org", "east/ann", nil, "a double"}, // 3: D3 is a number cell of 17 digits, set below
		{nil},
		{46508, "org", "east/bob", "12万", nil}, // 5: a date serial (2027-05-01) and a text amount
		{"2027-04", "org", "east", 1, nil},     // 6: not a leaf
		{"2027-04", "product", "p1", -7, nil},  // 7: negative
	}, func(f *excelize.File) {
		if err := f.SetCellDefault("Q1 data", "D3", "1234.5599999999999"); err != nil {
			t.Fatal(err)
		}
	})
	a, diags := LoadActuals("a.xlsx", data, b)
	want := "a.xlsx:'Q1 data'!6: error: east is not a leaf of org; actuals belong to leaves (a parent's actual is the sum of its children's)\n\thint: book it to one of its children: ann, bob"
	if got := trkDiags(diags); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if a != nil {
		t.Fatal("actuals returned despite errors")
	}
	recs, diags := ReadActuals("a.xlsx", data)
	if diags.HasErrors() {
		t.Fatal(trkDiags(diags))
	}
	got := []string{}
	for _, r := range recs {
		got = append(got, r.Src.String()+" "+r.Period+" "+r.Dimension+" "+r.Path+" "+r.Amount)
	}
	wantRecs := []string{
		"a.xlsx:'Q1 data'!3 2027-04 org east/ann 1234.56",
		"a.xlsx:'Q1 data'!5 2027-05 org east/bob 12万",
		"a.xlsx:'Q1 data'!6 2027-04 org east 1",
		"a.xlsx:'Q1 data'!7 2027-04 product p1 -7",
	}
	if strings.Join(got, "\n") != strings.Join(wantRecs, "\n") {
		t.Errorf("records:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantRecs, "\n"))
	}
}

func TestReadActualsXLSXEmpty(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{})
	_, diags := LoadActuals("a.xlsx", trkXLSX(t, "Sheet1", nil, nil), b)
	want := "a.xlsx: error: the first sheet (Sheet1) is empty\n\thint: put the header period,dimension,path,amount in the first row of the first sheet"
	if got := trkDiags(diags); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestSheetNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1234.5599999999999", "1234.56"},
		{"0.30000000000000004", "0.3"},
		{"-99999999999999.99", "-100000000000000"}, // 16 digits: rounded to 15, carrying
		{"123456789012345", "123456789012345"},
		{"1.2345678901234567E+20", "123456789012346000000"},
		{"5000万", "5000万"},
		{"abc", "abc"},
		{"1e-7", "1e-7"},
	}
	for _, tt := range tests {
		if got := sheetNumber(tt.in); got != tt.want {
			t.Errorf("sheetNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseActualPeriod(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when not a month
	}{
		{"2027-03", "2027-03"},
		{"2027-3", "2027-03"},
		{"2027/03", "2027-03"},
		{"2027.3", "2027-03"},
		{"2027-03-01", "2027-03"},
		{"2027/3/15", "2027-03"}, // Excel's date in a Chinese-locale CSV
		{"2027年3月", "2027-03"},
		{"2027年3月31日", "2027-03"},
		{" 2027 - 03 ", "2027-03"},
		{"2027-02-29", ""}, // no such day
		{"2027-13", ""},
		{"2027-00", ""},
		{"3/1/2027", ""}, // month or day first: ambiguous
		{"2027-0315", ""},
		{"202703", ""},
		{"March 2027", ""},
		{"", ""},
	}
	for _, tt := range tests {
		m, ok := ParseActualPeriod(tt.in)
		got := ""
		if ok {
			got = m.String()
		}
		if got != tt.want {
			t.Errorf("ParseActualPeriod(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSpreadsheetAmounts(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{})
	tests := []struct{ in, want string }{
		{"¥1,200.50", "1200.5"},
		{"￥ 1,200", "1200"},
		{"-$3", "-3"},
		{"(1,200.00)", "-1200"},
		{"(¥5)", "-5"},
		{"120万", "1200000"},
	}
	for _, tt := range tests {
		data := "period,dimension,path,amount\n2027-04,org,east/ann,\"" + tt.in + "\"\n"
		a, diags := LoadActuals("a.csv", []byte(data), b)
		if diags.HasErrors() {
			t.Errorf("%s: %s", tt.in, trkDiags(diags))
			continue
		}
		if got := FormatRat(a.Dimensions[0].Amounts[1][0], 10); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.in, got, tt.want)
		}
	}
	_, diags := LoadActuals("a.csv", []byte("period,dimension,path,amount\n2027-04,org,east/ann,-(5)\n2027-04,org,east/bob,¥abc\n"), b)
	want := `a.csv:2: error: "-(5)" is not an amount` + "\n\thint: write an amount such as 5000000, 5_000_000, \"5,000,000\", \"500万\", \"0.5亿\", \"5M\" or \"1.5k\"\n" +
		`a.csv:3: error: "¥abc" is not an amount` + "\n\thint: write an amount such as 5000000, 5_000_000, \"5,000,000\", \"500万\", \"0.5亿\", \"5M\" or \"1.5k\""
	if got := trkDiags(diags); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
