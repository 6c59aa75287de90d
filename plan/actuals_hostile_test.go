package plan

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// xlsxOf builds a workbook whose first sheet holds rows.
func xlsxOf(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// farCellXLSX is a workbook with one cell in column XFD on each of n rows.
func farCellXLSX(n int) []byte {
	var sheet strings.Builder
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r := 1; r <= n; r++ {
		fmt.Fprintf(&sheet, `<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	return rawXLSX(map[string]string{"xl/worksheets/sheet1.xml": sheet.String()})
}

// rawXLSX zips a minimal workbook around the given parts.
func rawXLSX(parts map[string]string) []byte {
	base := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	}
	for k, v := range parts {
		base[k] = v
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte(base[name]))
	}
	zw.Close()
	return b.Bytes()
}

// bombXLSX is a workbook whose sheet unpacks to n bytes of blanks.
func bombXLSX(n int) []byte {
	sheet := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		strings.Repeat(" ", n) + `</sheetData></worksheet>`
	return rawXLSX(map[string]string{"xl/worksheets/sheet1.xml": sheet})
}

func TestActualsHostileWorkbooks(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{})
	encrypted := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)
	encrypted = append(encrypted, []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")...)
	for _, tt := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"a far-away cell", "a.xlsx", farCellXLSX(300), "sheet sheet1 spans 300 rows × 16384 columns, more than 2000000 cells"},
		{"a zip bomb", "a.xlsx", bombXLSX(200 << 20), "the workbook unpacks to 200 MiB, more than the 64 MiB allowed"},
		{"an encrypted workbook", "a.xlsx", encrypted, "the workbook is encrypted (password-protected)"},
		{"text named .xlsx", "a.xlsx", []byte("period,dimension,path,amount\n"), `"a.xlsx" is named like an Excel workbook but is not one`},
		{"a NaN period", "a.xlsx", xlsxOf(t, [][]any{{"period", "dimension", "path", "amount"}, {"NaN", "org", "east/ann", 5}}), `period "NaN" is not a month`},
		{"a boolean amount", "a.xlsx", xlsxOf(t, [][]any{{"period", "dimension", "path", "amount"}, {"2027-04", "org", "east/ann", true}}), `"TRUE" is not an amount`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := LoadActuals(tt.file, tt.data, b)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if g := strings.Join(got, "\n"); !strings.Contains(g, tt.want) {
				t.Errorf("got:\n%s\nwant a line with:\n%s", g, tt.want)
			}
		})
	}
}

func TestDiagnosticsAreCapped(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{})
	var csv strings.Builder
	csv.WriteString("period,dimension,path,amount\n")
	for i := range 5000 {
		fmt.Fprintf(&csv, "2027-04,org,nobody%d,1\n", i)
	}
	_, diags := LoadActuals("a.csv", []byte(csv.String()), b)
	err := diags.Err().(*InvalidError)
	if n := len(err.Diagnostics); n != MaxErrors+1 {
		t.Fatalf("%d diagnostics, want %d", n, MaxErrors+1)
	}
	if last := err.Diagnostics[MaxErrors].Msg; last != "4900 more problems not shown (only the first 100 errors are)" {
		t.Errorf("last line %q", last)
	}
}

func TestBadBytesAtTheirPosition(t *testing.T) {
	pad := strings.Repeat("# comment\n", 45)
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"NUL", []byte(base + pad + "name: x\x00y\n"), "plan.yaml:49:8: error: the file holds the control character U+0000"},
		{"ESC", []byte(base + pad + "name: \x1b[2Jx\n"), "plan.yaml:49:7: error: the file holds the control character U+001B"},
		{"invalid UTF-8", append([]byte(base+pad+"name: "), 0xff, '\n'), "plan.yaml:49:7: error: the file is not UTF-8 text (byte 0xff)\n\thint: save the plan as UTF-8"},
		{"GBK", []byte("version: 1\nname: \xcf\xfa\xca\xdb\n"), "plan.yaml:2:7: error: the file is not UTF-8 text (byte 0xcf)\n\thint: the file looks like GBK"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := loadErrors(string(tt.data)); !strings.Contains(got, tt.want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestSizeChecks(t *testing.T) {
	// An alias bomb of 2.5 KB: eight levels of ten.
	var src strings.Builder
	src.WriteString(base + "dimensions:\n  org:\n    - name: z\n      children: &l0 [a, b, c, d, e, f, g, h, i, j]\n")
	for lv := 1; lv < 8; lv++ {
		var kids []string
		for i := range 10 {
			kids = append(kids, fmt.Sprintf("{name: n%d, children: *l%d}", i, lv-1))
		}
		fmt.Fprintf(&src, "    - {name: y%d, children: &l%d [%s]}\n", lv, lv, strings.Join(kids, ", "))
	}
	if got := loadErrors(src.String()); !strings.Contains(got, "error: the plan's aliases expand it by more than 200000 values") {
		t.Errorf("alias bomb: %s", got)
	}
	// Thousands of dimensions.
	var dims strings.Builder
	dims.WriteString(base + "dimensions:\n")
	for i := range 4000 {
		fmt.Fprintf(&dims, "  d%d: [a, b]\n", i)
	}
	if got := loadErrors(dims.String()); !strings.Contains(got, "error: the plan has 4000 dimensions, more than 100") {
		t.Errorf("dimensions: %s", got)
	}
	// A cross above MaxCells is refused before it is allocated.
	var wide strings.Builder
	wide.WriteString("version: 1\nyear: {start: 2027-01}\ntarget: 100000000\ndimensions:\n")
	for _, d := range []string{"a", "b"} {
		fmt.Fprintf(&wide, "  %s: [", d)
		for i := range 4000 {
			if i > 0 {
				wide.WriteString(", ")
			}
			fmt.Fprintf(&wide, "%s%d", d, i)
		}
		wide.WriteString("]\n")
	}
	p := mustLoad(t, wide.String())
	bd := mustSplit(t, p, Options{})
	if _, err := bd.Cross("a", "b", 1); err == nil || !strings.Contains(err.Error(), "the cross of a by b has 16,000,000 cells (4,000 rows × 4,000 columns), more than 10,000,000") {
		t.Errorf("cross: %v", err)
	}
	// Tiers × metrics.
	var tiers strings.Builder
	tiers.WriteString(base + "tiers: {")
	for i := range 200 {
		fmt.Fprintf(&tiers, "t%d: %d%%, ", i, 100+i)
	}
	tiers.WriteString("base: 100%}\nmetrics:\n")
	for i := range 60 {
		fmt.Fprintf(&tiers, "  - {name: m%d, target: 100}\n", i)
	}
	diags := Validate("plan.yaml", []byte(tiers.String()))
	if len(diags) != 1 || !strings.Contains(diags[0].Msg, "201 tiers × 61 metrics, 12261 variants to check, more than 10000") {
		t.Errorf("tiers × metrics: %v", diags)
	}
}
