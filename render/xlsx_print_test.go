package render

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
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

// companyTrackingBook is the company workbook with its funnel and actuals.
func companyTrackingBook(t *testing.T) []byte {
	t.Helper()
	b := companyBreakdown(t, plan.Options{})
	card := trackCard(t, b, companyActuals(t), plan.Month{})
	return writeBook(t, &Workbook{Breakdown: b, Funnel: funnelOf(t, b), Scorecard: card, Provenance: testProvenance})
}

// zipParts reads the parts of an xlsx file.
func zipParts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
	}
	return parts
}

// TestWorkbookPrintSetup checks that every sheet prints A4 landscape, one page
// wide, with the plan, tier and as-of month in its header and page N of M in
// its footer; that the header row and the name column repeat on the tree
// sheets, whose depth and path columns are left out of print.
func TestWorkbookPrintSetup(t *testing.T) {
	f := openBook(t, companyTrackingBook(t))
	titles := map[string]string{}
	areas := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		switch dn.Name {
		case "_xlnm.Print_Titles":
			titles[dn.Scope] = dn.RefersTo
		case "_xlnm.Print_Area":
			areas[dn.Scope] = dn.RefersTo
		}
	}
	for _, sheet := range f.GetSheetList() {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if *pl.Orientation != "landscape" || *pl.Size != paperA4 || *pl.FitToWidth != 1 {
			t.Errorf("%s: orientation %s, size %d, fit to %d wide; want A4 landscape, one page wide", sheet, *pl.Orientation, *pl.Size, *pl.FitToWidth)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page not set (%v)", sheet, err)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"FY2027 销售目标", "base", "revenue", "2027-06"} {
			if !strings.Contains(hf.OddHeader, want) {
				t.Errorf("%s: page header %q lacks %q", sheet, hf.OddHeader, want)
			}
		}
		if !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") || !strings.Contains(hf.OddFooter, "&A") {
			t.Errorf("%s: page footer %q, want the sheet and page N of M", sheet, hf.OddFooter)
		}
	}
	for sheet, want := range map[string]string{
		"org": "'org'!$A:$A,'org'!$1:$1", "跟踪": "'跟踪'!$A:$A,'跟踪'!$1:$1", "漏斗": "'漏斗'!$A:$A,'漏斗'!$1:$1", "明细": "'明细'!$1:$1",
	} {
		if titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], want)
		}
	}
	if want := "'org'!$A$1:$S$14,'org'!$V$1:$W$14"; areas["org"] != want {
		t.Errorf("org: print area %q, want the names and amounts, then commit and gap: %q", areas["org"], want)
	}
	if want := "'product'!$A$1:$S$8"; areas["product"] != want {
		t.Errorf("product: print area %q, want %q", areas["product"], want)
	}
	if _, ok := titles["汇总"]; ok {
		t.Error("the summary repeats titles; it has no header row")
	}
}

var (
	dimensionRef = regexp.MustCompile(`<dimension ref="([A-Z]+[0-9]+(:[A-Z]+[0-9]+)?)"`)
	cellTag      = regexp.MustCompile(`<c r="([A-Z]+)([0-9]+)"`)
	colTag       = regexp.MustCompile(`<col min="([0-9]+)" max="([0-9]+)"`)
	fontTag      = regexp.MustCompile(`<font>.*?</font>`)
	alignTag     = regexp.MustCompile(`<alignment[^>]*indent="[0-9]+"[^>]*>`)
)

// TestWorkbookSheetXML checks every sheet's XML: its <dimension ref> spans
// exactly the cells it holds, and its <col> elements are in column order
// without overlaps.
func TestWorkbookSheetXML(t *testing.T) {
	people, err := os.ReadFile("../examples/people/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pb := loadSplit(t, string(people), plan.Options{})
	rep, err := plan.CapacityOf(pb, plan.PeriodMonth)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"people-capacity":  writeBook(t, &Workbook{Breakdown: pb, Capacity: rep}),
		"company-tracking": companyTrackingBook(t),
		"english":          writeBook(t, &Workbook{Breakdown: loadSplit(t, genPlan(genOptions{People: 30, TeamSize: 5, Depts: 2, English: true, Funnel: true}), plan.Options{})}),
	} {
		sheets := 0
		for part, xml := range zipParts(t, data) {
			if !strings.HasPrefix(part, "xl/worksheets/sheet") {
				continue
			}
			funnel := part == "xl/worksheets/sheet5.xml" && name != "people-capacity" // 汇总, three dimensions, 漏斗
			if funnel {
				// the funnel sheet (issue 14) sets no extent: only its columns are checked
				xml = dimensionRef.ReplaceAllString(xml, "")
			}
			sheets++
			maxCol, maxRow := 0, 0
			for _, m := range cellTag.FindAllStringSubmatch(xml, -1) {
				col, _ := excelize.ColumnNameToNumber(m[1])
				row, _ := strconv.Atoi(m[2])
				maxCol, maxRow = max(maxCol, col), max(maxRow, row)
			}
			want := rangeRef(1, 1, maxCol, maxRow)
			if m := dimensionRef.FindStringSubmatch(xml); !funnel && (m == nil || m[1] != want) {
				t.Errorf("%s %s: dimension %v, want %s", name, part, m, want)
			}
			last := 0
			for _, m := range colTag.FindAllStringSubmatch(xml, -1) {
				lo, _ := strconv.Atoi(m[1])
				hi, _ := strconv.Atoi(m[2])
				if lo <= last || hi < lo {
					t.Errorf("%s %s: <col min=%d max=%d> after column %d", name, part, lo, hi, last)
				}
				last = hi
			}
		}
		if sheets < 4 {
			t.Errorf("%s: %d sheets", name, sheets)
		}
	}
}

// TestWorkbookFonts checks that every font names its typeface and size (no
// application falls back to a serif of another width) and that every
// indented cell is left-aligned (so the indent shows the tree).
func TestWorkbookFonts(t *testing.T) {
	for lang, data := range map[string][]byte{
		"等线":      companyTrackingBook(t),
		"Calibri": writeBook(t, &Workbook{Breakdown: loadSplit(t, genPlan(genOptions{People: 12, TeamSize: 4, Depts: 2, English: true}), plan.Options{})}),
	} {
		styles := zipParts(t, data)["xl/styles.xml"]
		// the cell fonts; the conditional formats' (dxfs) only change colours
		cellFonts := styles[strings.Index(styles, "<fonts"):strings.Index(styles, "</fonts>")]
		fonts := fontTag.FindAllString(cellFonts, -1)
		if len(fonts) < 3 {
			t.Fatalf("%d fonts in styles.xml", len(fonts))
		}
		for i, font := range fonts {
			if i == 0 {
				continue // the workbook's default font, excelize's own
			}
			if !strings.Contains(font, `<sz val="`) || !strings.Contains(font, `<name val="`+lang+`"`) {
				t.Errorf("font %d %s: want the size and the typeface %s", i, font, lang)
			}
		}
		aligns := alignTag.FindAllString(styles, -1)
		if len(aligns) == 0 {
			t.Error("no indented style")
		}
		for _, a := range aligns {
			if !strings.Contains(a, `horizontal="left"`) {
				t.Errorf("indent without left alignment: %s", a)
			}
		}
	}
}

// TestWorkbookChineseLabels checks that a Chinese plan's workbook says
// everything in Chinese except what the user wrote: reserve rows are (预留),
// and no English fixed text is left; an English plan keeps (reserve).
func TestWorkbookChineseLabels(t *testing.T) {
	f := openBook(t, companyTrackingBook(t))
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			for j, v := range r {
				if strings.Contains(v, plan.ReserveName) || v == "prospect" || v == "won" || v == "Total" {
					t.Errorf("%s!%s = %q in a Chinese workbook", sheet, cellRef(j+1, i+1), v)
				}
			}
		}
	}
	company := loadSplit(t, genPlan(genOptions{People: 12, TeamSize: 4, Depts: 2, ReserveDep: true}), plan.Options{})
	f = openBook(t, writeBook(t, &Workbook{Breakdown: company}))
	reserves := 0
	for _, d := range company.Dimensions {
		dl := newDimLayout(d, d.Name)
		for _, r := range d.Rows {
			if r.IsReserve() {
				reserves++
				if got, _ := f.GetCellValue(d.Name, cellRef(colName, dl.rowOf[r.Index])); got != "(预留)" {
					t.Errorf("%s reserve row reads %q, want (预留)", r.PathString(), got)
				}
			}
		}
	}
	if reserves == 0 {
		t.Error("the company plan has no reserve row")
	}
	b := loadSplit(t, genPlan(genOptions{People: 12, TeamSize: 4, Depts: 2, English: true, ReserveDep: true}), plan.Options{})
	en := openBook(t, writeBook(t, &Workbook{Breakdown: b}))
	dl := newDimLayout(b.Dimensions[0], "org")
	for _, r := range b.Dimensions[0].Rows {
		if r.IsReserve() {
			if got, _ := en.GetCellValue("org", cellRef(colName, dl.rowOf[r.Index])); got != "(reserve)" {
				t.Errorf("an English reserve row reads %q", got)
			}
			return
		}
	}
	t.Error("no reserve row in the English plan")
}

// TestWorkbookChart checks the summary's chart: the months' targets and
// actuals as columns of one colour each (no colour per month), the cumulative
// target as a line on a second axis, values labelled.
func TestWorkbookChart(t *testing.T) {
	parts := zipParts(t, companyTrackingBook(t))
	chart := parts["xl/charts/chart1.xml"]
	if chart == "" {
		t.Fatal("no chart")
	}
	if strings.Contains(chart, `<varyColors val="1"`) {
		t.Error("the chart varies colours by month")
	}
	bar := chart[strings.Index(chart, "<barChart>"):strings.Index(chart, "</barChart>")]
	if n := strings.Count(bar, "<ser>"); n != 2 {
		t.Errorf("%d column series, want target and actual", n)
	}
	for _, ref := range []string{"&#39;汇总&#39;!$B$19:$B$30", "&#39;汇总&#39;!$D$19:$D$30", "&#39;汇总&#39;!$A$19:$A$30"} {
		if !strings.Contains(bar, ref) {
			t.Errorf("the columns do not use %s", ref)
		}
	}
	if !strings.Contains(bar, `<showVal val="1"`) {
		t.Error("the columns have no value labels")
	}
	line := chart[strings.Index(chart, "<lineChart>"):strings.Index(chart, "</lineChart>")]
	if strings.Count(line, "<ser>") != 1 || !strings.Contains(line, "&#39;汇总&#39;!$C$19:$C$30") {
		t.Errorf("the line is not the cumulative target: %s", line)
	}
	if strings.Count(chart, "<valAx>") != 2 {
		t.Error("the cumulative line has no axis of its own")
	}
	plain := zipParts(t, writeBook(t, &Workbook{Breakdown: companyBreakdown(t, plan.Options{})}))["xl/charts/chart1.xml"]
	if bar := plain[strings.Index(plain, "<barChart>"):strings.Index(plain, "</barChart>")]; strings.Count(bar, "<ser>") != 1 {
		t.Error("without actuals the chart should have one column series")
	}
}

// TestWorkbookLiveCells checks the formulas that keep the workbook honest
// after an edit: the check row and its red rule, the summary's time split
// and tier targets, the data table.
func TestWorkbookLiveCells(t *testing.T) {
	f := openBook(t, companyTrackingBook(t))
	for cell, want := range map[string]string{
		"C14": "C13-plan_allocated",
		"D14": "D13-INDEX(plan_months,1)",
		"P14": "SUM(D14:F14)",
	} {
		if got, _ := f.GetCellFormula("org", cell); got != want {
			t.Errorf("org!%s = %q, want %q", cell, got, want)
		}
	}
	rules, _ := f.GetConditionalFormats("org")
	red := rules["C14:S14"]
	if len(red) != 1 || red[0].Criteria != "C14<>0" {
		t.Fatalf("the check row's rule %+v", red)
	}
	if st, err := f.GetConditionalStyle(*red[0].Format); err != nil || !sameColor(st.Fill.Color[0], "FFC7CE") {
		t.Errorf("the check row's rule fills %+v (%v), want red", st.Fill, err)
	}
	for cell, want := range map[string]string{
		"B19": "'org'!D13",
		"C19": "SUM(B19:B19)",
		"D19": "'跟踪'!J13",
		"C15": "ROUND(plan_base_target*'参数'!$B$20/1000,0)*1000",
	} {
		if got, _ := f.GetCellFormula("汇总", cell); got != want {
			t.Errorf("汇总!%s = %q, want %q", cell, got, want)
		}
	}
	tables, err := f.GetTables("明细")
	if err != nil || len(tables) != 1 || tables[0].Name != dataTableName {
		t.Fatalf("data tables %+v (%v)", tables, err)
	}
	if got, _ := f.GetCellFormula("明细", "I2"); got != "'org'!D2" {
		t.Errorf("明细!I2 = %q, want a reference to the org sheet", got)
	}
	if italic, _ := f.GetCellStyle("参数", "B"+strconv.Itoa(assumeFirst+3)); italic == 0 {
		t.Error("the reserve on the assumptions sheet has no style")
	}
}

// TestDataSheetBound checks that the data sheet is left out of a plan whose
// twelve rows a node would pass 100,000 rows, and kept just below.
func TestDataSheetBound(t *testing.T) {
	for _, tc := range []struct {
		people int
		want   bool
	}{{7000, true}, {9000, false}} {
		b := loadSplit(t, genPlan(genOptions{People: tc.people}), plan.Options{})
		bk, err := newBook(&Workbook{Breakdown: b})
		if err != nil {
			t.Fatal(err)
		}
		bk.f.Close()
		if got := bk.hasDataSheet(); got != tc.want || (12*rowsOf(b) <= maxDataRows) != tc.want {
			t.Errorf("%d people (%d rows): data sheet %v, want %v", tc.people, 12*rowsOf(b), got, tc.want)
		}
	}
}

// TestWorkbookComputedCells checks that the values plan computes and no
// formula reproduces are italic: the tracking sheet's forecast, payout and a
// leaf's re-spread months, the assumptions' planned months; a leaf's actual
// and a formula are not.
func TestWorkbookComputedCells(t *testing.T) {
	b := companyBreakdown(t, plan.Options{})
	card := trackCard(t, b, companyActuals(t), plan.Month{})
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, Scorecard: card}))
	italic := func(sheet, cell string) bool {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Font != nil && st.Font.Italic
	}
	leaf := 0
	for i, ns := range card.Dimensions[0].Nodes {
		if ns.Row.Leaf() && !ns.Row.IsReserve() && ns.Forecast != nil {
			leaf = 3 + i // header, title, then the nodes
			break
		}
	}
	later := tcMonth + card.AsOfIndex + 1
	for cell, want := range map[string]bool{
		cellRef(tcForecast, leaf): true, cellRef(tcPayout, leaf): true, cellRef(later, leaf): true,
		cellRef(tcMonth, leaf): false, cellRef(tcYTDActual, leaf): false, cellRef(later, 3): false,
	} {
		if got := italic("跟踪", cell); got != want {
			t.Errorf("跟踪!%s italic %v, want %v", cell, got, want)
		}
	}
	al := 0
	for _, dn := range f.GetDefinedName() {
		if dn.Name == nameMonths {
			_, cells := splitRef(t, dn.RefersTo)
			al, _ = strconv.Atoi(cells[1:strings.Index(cells, ":")])
		}
	}
	if al == 0 || !italic("参数", cellRef(2, al)) {
		t.Errorf("the planned months (row %d) are not italic", al)
	}
}

// TestWorkbookChineseFunnelStages checks that the implicit stages of a
// win_rate funnel read 潜在客户 and 成交-style Chinese labels, not prospect and
// won, on the funnel sheet of a Chinese plan.
func TestWorkbookChineseFunnelStages(t *testing.T) {
	b := loadSplit(t, `version: 1
name: 华南团队
year: {start: 2027-01}
target: 12_000_000
dimensions:
  org:
    - {name: 张伟, weight: 1}
    - {name: 李娜, weight: 1}
funnel: {deal_size: 1_000_000, win_rate: 10%}
`, plan.Options{})
	res, err := funnel.Compute(b)
	if err != nil {
		t.Fatal(err)
	}
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, Funnel: res}))
	seen := false
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			for j, v := range r {
				if strings.Contains(v, "prospect") || strings.Contains(v, "won") {
					t.Errorf("%s!%s = %q in a Chinese workbook", sheet, cellRef(j+1, i+1), v)
				}
				if strings.Contains(v, chineseLabels.Prospect) {
					seen = true
				}
			}
		}
	}
	if !seen {
		t.Errorf("no cell names the prospect stage as %q", chineseLabels.Prospect)
	}
}

// TestSummaryListsEveryMetric checks that the company workbook's Summary
// lists revenue and every declared metric with its kind and the annual
// target of its split.
func TestSummaryListsEveryMetric(t *testing.T) {
	data, err := os.ReadFile("../examples/company/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b := loadSplit(t, string(data), plan.Options{})
	var splits []*plan.Breakdown
	revenue, _ := b.Unit.Amount(b.Target).Float64()
	want := map[string]float64{plan.RevenueMetric: revenue}
	for _, m := range b.Plan.Metrics {
		if m.Kind == plan.KindRatio {
			continue
		}
		s, err := plan.Split(b.Plan, plan.Options{Metric: m.Name})
		if err != nil {
			t.Fatal(err)
		}
		splits = append(splits, s)
		f, _ := s.Unit.Amount(s.Target).Float64()
		want[m.Name] = f
	}
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, MetricSplits: splits}))
	rows, err := f.GetRows(chineseLabels.Summary)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for i, r := range rows {
		if len(r) < 3 {
			continue
		}
		w, ok := want[r[0]]
		if !ok {
			continue
		}
		v, err := f.GetCellValue(chineseLabels.Summary, cellRef(3, i+1), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := strconv.ParseFloat(v, 64); err != nil || got != w {
			t.Errorf("Summary %s: target %q, want %v", r[0], v, w)
		}
		found[r[0]] = true
	}
	if len(found) != len(want) || len(want) < 4 {
		t.Errorf("the Summary lists %v, want every metric of %v", found, want)
	}
}
