package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
)

// testProvenance is a fixed provenance for the tests.
var testProvenance = Provenance{
	Source:    "examples/company/plan.yaml",
	SHA256:    strings.Repeat("ab", 32),
	GitCommit: strings.Repeat("1f", 20),
	GitState:  "clean",
	Time:      time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC),
}

func companyBreakdown(t testing.TB, opt plan.Options) *plan.Breakdown {
	t.Helper()
	data, err := os.ReadFile("../examples/company/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return loadSplit(t, string(data), opt)
}

// writeBook builds a workbook and returns its bytes.
func writeBook(t testing.TB, wb *Workbook) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		t.Fatalf("write workbook: %v", err)
	}
	return buf.Bytes()
}

// openBook re-reads a workbook, cells as raw values.
func openBook(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("re-read workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// checker compares a re-read workbook with the engine's numbers.
type checker struct {
	t       *testing.T
	f       *excelize.File
	b       *plan.Breakdown
	nums    numbers
	calc    bool // also evaluate every formula with excelize's calculation engine
	formats bool // also compare number formats
	fmts    map[int]string
	n       int // cells compared
}

func newChecker(t *testing.T, f *excelize.File, b *plan.Breakdown, units DisplayUnit, calc bool) *checker {
	nums, err := newNumbers(b, units)
	if err != nil {
		t.Fatal(err)
	}
	return &checker{t: t, f: f, b: b, nums: nums, calc: calc, formats: true, fmts: map[int]string{}}
}

// numFmt is the number format of a cell.
func (c *checker) numFmt(sheet, cell string) string {
	id, err := c.f.GetCellStyle(sheet, cell)
	if err != nil {
		c.t.Fatalf("%s!%s: style: %v", sheet, cell, err)
	}
	if s, ok := c.fmts[id]; ok {
		return s
	}
	st, err := c.f.GetStyle(id)
	if err != nil {
		c.t.Fatal(err)
	}
	s := "General"
	if st.CustomNumFmt != nil {
		s = *st.CustomNumFmt
	} else if st.NumFmt != 0 {
		s = "builtin " + strconv.Itoa(st.NumFmt)
	}
	c.fmts[id] = s
	return s
}

// number checks that a cell is a number (never text) equal to want, with the
// given number format, and that its formula, if any, evaluates to want.
func (c *checker) number(sheet, cell string, want float64, format string) {
	c.t.Helper()
	c.n++
	raw, err := c.f.GetCellValue(sheet, cell)
	if err != nil {
		c.t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	typ, _ := c.f.GetCellType(sheet, cell)
	if typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		c.t.Errorf("%s!%s holds text %q, want the number %v", sheet, cell, raw, want)
		return
	}
	got, err := strconv.ParseFloat(raw, 64)
	if err != nil || got != want {
		c.t.Errorf("%s!%s = %q, want %s", sheet, cell, raw, strconv.FormatFloat(want, 'f', -1, 64))
	}
	if format != "" && c.formats {
		if f := c.numFmt(sheet, cell); f != format {
			c.t.Errorf("%s!%s format %q, want %q", sheet, cell, f, format)
		}
	}
	if !c.calc {
		return
	}
	formula, _ := c.f.GetCellFormula(sheet, cell)
	if formula == "" {
		return
	}
	res, err := c.f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		c.t.Errorf("%s!%s =%s: %v", sheet, cell, formula, err)
		return
	}
	if v, err := strconv.ParseFloat(res, 64); err != nil || !sameNumber(v, want) {
		c.t.Errorf("%s!%s =%s evaluates to %s, want %s", sheet, cell, formula, res, strconv.FormatFloat(want, 'f', -1, 64))
	}
}

// sameNumber compares an evaluated formula with the expected value: exactly,
// or to the 15 significant digits excelize's calculation engine prints.
func sameNumber(got, want float64) bool {
	if got == want {
		return true
	}
	g, _ := strconv.ParseFloat(strconv.FormatFloat(want, 'g', 15, 64), 64)
	return g == got
}

// share checks a share cell: the engine's exact share to 15 significant digits.
func (c *checker) share(sheet, cell string, want float64) {
	c.t.Helper()
	c.n++
	raw, _ := c.f.GetCellValue(sheet, cell)
	got, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.Abs(got-want) > 1e-14*math.Max(1, math.Abs(want)) {
		c.t.Errorf("%s!%s share = %q, want %v", sheet, cell, raw, want)
	}
	if f := c.numFmt(sheet, cell); c.formats && f != c.nums.percent {
		c.t.Errorf("%s!%s format %q, want %q", sheet, cell, f, c.nums.percent)
	}
}

// text checks a text cell.
func (c *checker) text(sheet, cell, want string) {
	c.t.Helper()
	c.n++
	got, _ := c.f.GetCellValue(sheet, cell)
	if got != want {
		c.t.Errorf("%s!%s = %q, want %q", sheet, cell, got, want)
	}
}

// amounts checks the year, month and quarter cells of a dimension sheet row.
func (c *checker) amounts(sheet string, row int, annual int64, months []int64, format string) {
	c.t.Helper()
	n := c.nums
	c.number(sheet, cellRef(colAnnual, row), n.value(annual), format)
	for m, v := range months {
		c.number(sheet, cellRef(colMonth+m, row), n.value(v), format)
	}
	for q := range 4 {
		c.number(sheet, cellRef(colQuarter+q, row), n.value(months[q*3]+months[q*3+1]+months[q*3+2]), format)
	}
}

// dimensions checks every dimension sheet against the engine: every row's
// name, path, depth, share, year, months and quarters, the (assigned) rows and
// the total row.
func (c *checker) dimensions() {
	b := c.b
	text := labelsFor(b.Plan)
	names := newSheetNames()
	names.add(text.Summary)
	for _, d := range b.Dimensions {
		dl := newDimLayout(d, names.add(d.Name))
		sheet := dl.sheet
		formats := levelFormats(d, c.nums)
		for i, h := range []string{text.Node, text.Share, text.Annual} {
			c.text(sheet, cellRef(i+1, 1), h)
		}
		for _, r := range d.Rows {
			row := dl.rowOf[r.Index]
			c.text(sheet, cellRef(colName, row), text.nodeName(r))
			c.text(sheet, cellRef(colPath, row), text.pathString(r))
			c.number(sheet, cellRef(colDepth, row), float64(r.Depth), "")
			c.share(sheet, cellRef(colShare, row), ratFloat(r.Share))
			var sum int64
			for _, m := range r.Months {
				sum += m
			}
			if sum != r.Amount {
				c.t.Errorf("engine: %s months add up to %d, amount %d", r.PathString(), sum, r.Amount)
			}
			c.amounts(sheet, row, r.Amount, r.Months, formats[r.Depth])
			if a := dl.assigned[r.Index]; a > 0 {
				months := make([]int64, 12)
				for _, k := range r.Children {
					for m := range months {
						months[m] += k.Months[m]
					}
				}
				c.text(sheet, cellRef(colName, a), text.Assigned)
				c.amounts(sheet, a, blockTotal(r), months, formats[r.Depth+1])
			}
		}
		c.text(sheet, cellRef(colName, dl.total), text.Total)
		c.amounts(sheet, dl.total, b.Allocated, b.Months, c.nums.money)
	}
}

// findRow returns the first row at or after from whose column A reads label.
func (c *checker) findRow(sheet, label string, from int) int {
	c.t.Helper()
	rows, err := c.f.GetRows(sheet)
	if err != nil {
		c.t.Fatal(err)
	}
	for i := from - 1; i < len(rows); i++ {
		if len(rows[i]) > 0 && rows[i][0] == label {
			return i + 1
		}
	}
	c.t.Fatalf("%s: no row %q", sheet, label)
	return 0
}

// summary checks the summary sheet: target, reserve, allocated, tiers, the
// time split and each dimension's top-level split.
func (c *checker) summary() {
	b, n := c.b, c.nums
	text := labelsFor(b.Plan)
	s := text.Summary
	c.text(s, "A1", b.Plan.Name)
	c.number(s, cellRef(2, c.findRow(s, text.Target, 2)), n.value(b.Target), n.money)
	c.number(s, cellRef(2, c.findRow(s, text.Reserve, 2)), n.value(b.Reserve), n.money)
	c.number(s, cellRef(2, c.findRow(s, text.Allocated, 2)), n.value(b.Allocated), n.money)
	if tt := tierTargets(b); len(tt) > 0 {
		at := c.findRow(s, text.Tiers, c.findRow(s, text.Allocated, 2)+1)
		for i, x := range tt {
			c.text(s, cellRef(1, at+1+i), x.name)
			c.number(s, cellRef(3, at+1+i), n.value(x.target), n.money)
		}
	}
	head := c.findRow(s, text.TimeSplit, 2)
	var year int64
	for m, label := range b.Calendar.MonthLabels() {
		c.text(s, cellRef(1, head+1+m), label)
		c.number(s, cellRef(2, head+1+m), n.value(b.Months[m]), n.money)
		year += b.Months[m]
	}
	for q := range 4 {
		c.text(s, cellRef(1, head+13+q), "Q"+strconv.Itoa(q+1))
		c.number(s, cellRef(2, head+13+q), n.value(b.Months[q*3]+b.Months[q*3+1]+b.Months[q*3+2]), n.money)
	}
	c.text(s, cellRef(1, head+17), text.Year)
	c.number(s, cellRef(2, head+17), n.value(year), n.money)
	if year != b.Allocated {
		c.t.Errorf("engine: the months add up to %d, allocated %d", year, b.Allocated)
	}
	from := head + 18
	for _, d := range b.Dimensions {
		top := c.findRow(s, d.Name, from)
		for i, r := range d.Roots {
			row := top + 1 + i
			c.text(s, cellRef(1, row), text.nodeName(r))
			c.share(s, cellRef(2, row), ratFloat(r.Share))
			c.number(s, cellRef(3, row), n.value(r.Amount), n.money)
			for q := range 4 {
				c.number(s, cellRef(4+q, row), n.value(r.Months[q*3]+r.Months[q*3+1]+r.Months[q*3+2]), n.money)
			}
		}
		total := top + 1 + len(d.Roots)
		c.text(s, cellRef(1, total), text.Total)
		c.number(s, cellRef(3, total), n.value(b.Allocated), n.money)
		for q := range 4 {
			c.number(s, cellRef(4+q, total), n.value(b.Months[q*3]+b.Months[q*3+1]+b.Months[q*3+2]), n.money)
		}
		from = total + 1
	}
}

// funnelOf runs the funnel of a breakdown when its plan has one (and the
// breakdown is of the revenue target), else nil.
func funnelOf(t testing.TB, b *plan.Breakdown) *funnel.Result {
	t.Helper()
	if b.Plan.Funnel == nil || b.Metric != plan.RevenueMetric {
		return nil
	}
	res, err := funnel.Compute(b)
	if err != nil {
		t.Fatalf("funnel: %v", err)
	}
	return res
}

// funnel checks the funnel sheet: every person's target, deals, each
// stage's new entries, each activity and the deal months (zeros left empty),
// each team's row of sums above its people, and the total.
func (c *checker) funnel(sheet string, res *funnel.Result) {
	n := c.nums
	count := "#,##0"
	lay := newFunnelLayout(res)
	row := 2
	teams := funnelTeams(res)
	index := map[string]int{}
	for i, t := range teams {
		index[t.label] = i
	}
	cells := func(row int, blank bool, news []int64, acts []funnel.ActivityWork, months []int64) {
		num := func(col int, v int64) {
			if v == 0 && blank {
				if got, _ := c.f.GetCellValue(sheet, cellRef(col, row)); got != "" {
					c.t.Errorf("%s!%s = %q, want empty for 0", sheet, cellRef(col, row), got)
				}
				return
			}
			format := count
			if blank { // a person's counts are in the default format
				format = "General"
			}
			c.number(sheet, cellRef(col, row), float64(v), format)
		}
		for i, v := range news {
			num(fcStages+i, v)
		}
		for i, a := range acts {
			num(fcStages+lay.stages+2*i, a.Total)
		}
		for m, v := range months {
			num(lay.month+m, v)
		}
	}
	team := ""
	for _, r := range res.Rows {
		if len(r.Path) > 1 {
			if key := strings.Join(r.Path[:len(r.Path)-1], "/"); key != team {
				team = key
				t := teams[index[key]]
				c.text(sheet, cellRef(fcName, row), key)
				c.number(sheet, cellRef(fcTarget, row), n.value(t.amount), n.money)
				cells(row, false, t.news, t.acts, t.deals)
				row++
			}
		}
		c.text(sheet, cellRef(fcName, row), funnelName(r, labelsFor(c.b.Plan).funnel()))
		c.number(sheet, cellRef(fcTarget, row), n.value(r.Amount), n.money)
		c.number(sheet, cellRef(fcDeals, row), float64(r.Deals), count)
		news := make([]int64, len(r.Stages))
		for i, s := range r.Stages {
			news[i] = s.New
		}
		var months []int64
		if len(r.Path) <= 1 {
			months = r.DealMonths
		}
		cells(row, true, news, r.Activities, months)
		row++
	}
	c.text(sheet, cellRef(fcName, row), labelsFor(c.b.Plan).Total)
	c.number(sheet, cellRef(fcTarget, row), n.value(res.Total.Amount), n.money)
	c.number(sheet, cellRef(fcDeals, row), float64(res.Total.Deals), count)
	news := make([]int64, len(res.Total.Stages))
	for i, s := range res.Total.Stages {
		news[i] = s.New
	}
	cells(row, false, news, res.Total.Activities, res.Total.DealMonths)
}

// checkWorkbook builds the workbook of a breakdown (with its funnel when the
// plan has one), re-reads it and compares every value with the engine.
func checkWorkbook(t *testing.T, b *plan.Breakdown, units DisplayUnit, calc bool) *excelize.File {
	t.Helper()
	fn := funnelOf(t, b)
	data := writeBook(t, &Workbook{Breakdown: b, Funnel: fn, Units: units, Provenance: testProvenance})
	f := openBook(t, data)
	c := newChecker(t, f, b, units, calc)
	text := labelsFor(b.Plan)
	want := []string{text.Summary}
	for _, d := range b.Dimensions {
		want = append(want, d.Name)
	}
	if fn != nil {
		want = append(want, text.Funnel)
	}
	want = append(want, text.Assumptions)
	if 12*rowsOf(b) <= maxDataRows {
		want = append(want, text.Data)
	}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets %q, want %q", got, want)
	}
	c.summary()
	c.dimensions()
	c.v2()
	if fn != nil {
		c.funnel(text.Funnel, fn)
	}
	if c.n == 0 {
		t.Fatal("compared no cell")
	}
	return f
}

// TestWorkbookExamples checks the workbook of every example, in every tier and
// for every metric, value by value and formula by formula.
func TestWorkbookExamples(t *testing.T) {
	files, err := filepath.Glob("../examples/*/plan.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples (%v)", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		p, diags := plan.Load(file, data)
		if err := diags.Err(); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		metrics := []string{plan.RevenueMetric}
		for _, m := range p.Metrics {
			if m.Splittable() {
				metrics = append(metrics, m.Name)
			}
		}
		for _, tier := range p.TierNames() {
			for _, metric := range metrics {
				t.Run(filepath.Base(filepath.Dir(file))+"/"+tier+"/"+metric, func(t *testing.T) {
					checkWorkbook(t, loadSplit(t, string(data), plan.Options{Tier: tier, Metric: metric}), UnitsFull, true)
				})
			}
		}
	}
}

func TestWorkbookUnits(t *testing.T) {
	b := companyBreakdown(t, plan.Options{})
	// The total (45,000,000) shows in the unit asked for; a level whose
	// amounts are all below one of it in the next smaller one: departments
	// and people under 亿 in 万 (people reach 1,000,000, so M stays M).
	wan, k := `[$¥-804]0\.0,"万"`, `[$¥-804]#,##0.0,"k"`
	for _, tc := range []struct {
		units            DisplayUnit
		total, top, leaf string
	}{
		{UnitsFull, `[$¥-804]#,##0`, `[$¥-804]#,##0`, `[$¥-804]#,##0`},
		{UnitsWan, wan, wan, wan},
		{UnitsYi, `[$¥-804]0\.00,,"亿"`, wan, wan},
		{UnitsThousand, k, k, k},
		{UnitsMillion, `[$¥-804]#,##0.00,,"M"`, `[$¥-804]#,##0.00,,"M"`, `[$¥-804]#,##0.00,,"M"`},
	} {
		t.Run(string(tc.units), func(t *testing.T) {
			f := checkWorkbook(t, b, tc.units, false)
			c := newChecker(t, f, b, tc.units, false)
			for cell, want := range map[string]string{"C13": tc.total, "C2": tc.top, "C4": tc.leaf} {
				if got := c.numFmt("org", cell); got != want {
					t.Errorf("org!%s format %q, want %q", cell, got, want)
				}
			}
		})
	}
	for _, tc := range []struct {
		u       DisplayUnit
		biggest float64
		want    DisplayUnit
	}{
		{UnitsYi, 1e8, UnitsYi}, {UnitsYi, 99_999_999, UnitsWan}, {UnitsYi, 9_999, UnitsFull}, {UnitsYi, -2e8, UnitsYi},
		{UnitsMillion, 999_999, UnitsThousand}, {UnitsMillion, 999, UnitsFull}, {UnitsWan, 10_000, UnitsWan}, {UnitsFull, 1, UnitsFull},
	} {
		if got := levelUnit(tc.u, tc.biggest); got != tc.want {
			t.Errorf("levelUnit(%s, %v) = %q, want %q", tc.u, tc.biggest, got, tc.want)
		}
	}
	if _, err := ParseDisplayUnit("w"); err == nil {
		t.Error("ParseDisplayUnit(w) succeeded, want an error")
	}
}

// TestWorkbookGenerated checks generated plans with reserves on every
// department, over-assigned teams and a decimal round (0.01), whose sums must be
// rounded back onto cents to be exact.
func TestWorkbookGenerated(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    genOptions
	}{
		{"whole", genOptions{People: 180, TeamSize: 7, Depts: 4, OverEvery: 3, ReserveDep: true, Funnel: true}},
		{"cents", genOptions{People: 60, TeamSize: 6, Depts: 3, Round: "0.01", Target: "12345678.91", OverEvery: 2, ReserveDep: true}},
		{"english", genOptions{People: 12, TeamSize: 4, Depts: 2, English: true, Round: "0.05", Target: "1000000.35"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := loadSplit(t, genPlan(tc.o), plan.Options{})
			f := checkWorkbook(t, b, UnitsFull, true)
			if tc.o.Round == "0.01" {
				formula, _ := f.GetCellFormula("org", "C2")
				if formula != "ROUND(SUM(D2:O2),2)" {
					t.Errorf("org!C2 formula %q, want the sum rounded to cents", formula)
				}
			}
			if tc.o.English && f.GetSheetName(0) != "Summary" {
				t.Errorf("first sheet of an English plan %q, want Summary", f.GetSheetName(0))
			}
		})
	}
}

// TestWorkbookWideParent checks a parent with more children than a SUM takes
// arguments (255 ranges): it sums them with SUMIF over its depth column.
func TestWorkbookWideParent(t *testing.T) {
	b := loadSplit(t, genPlan(genOptions{People: 600, TeamSize: 2, Depts: 1}), plan.Options{})
	f := checkWorkbook(t, b, UnitsFull, true)
	formula, _ := f.GetCellFormula("org", "D2")
	if !strings.HasPrefix(formula, "SUMIF(T3:T") {
		t.Errorf("org!D2 = %q, want a SUMIF over the depth column", formula)
	}
}

func TestWorkbookTooLarge(t *testing.T) {
	b := loadSplit(t, genPlan(genOptions{People: 3, Round: "0.01", Target: "10000000000000"}), plan.Options{})
	_, err := (&Workbook{Breakdown: b}).WriteTo(&bytes.Buffer{})
	var prob *plan.Problem
	if !errors.As(err, &prob) || !strings.Contains(err.Error(), "15 significant digits") {
		t.Fatalf("err = %v, want a problem about 15 significant digits", err)
	}
	b = loadSplit(t, genPlan(genOptions{People: 3, Round: "0.01", Target: "9999999999999.99"}), plan.Options{})
	if _, err := (&Workbook{Breakdown: b}).WriteTo(&bytes.Buffer{}); err != nil {
		t.Fatalf("the largest exact amount at 0.01: %v", err)
	}
}

// TestWorkbookProperties checks the document properties: title, provenance and
// the pinned timestamps.
func TestWorkbookProperties(t *testing.T) {
	b := companyBreakdown(t, plan.Options{})
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, Provenance: testProvenance}))
	dp, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if dp.Title != "FY2027 销售目标" || dp.Created != "2026-11-02T09:30:00Z" || dp.Modified != dp.Created || dp.Language != "zh-CN" {
		t.Errorf("doc props %+v", dp)
	}
	props, err := f.GetCustomProps()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range props {
		got[p.Name] = fmt.Sprint(p.Value)
	}
	for k, v := range map[string]string{"plan.sha256": testProvenance.SHA256, "plan.git_commit": testProvenance.GitCommit,
		"plan.source": testProvenance.Source, "plan.name": "FY2027 销售目标", "plan.tier": "base"} {
		if got[k] != v {
			t.Errorf("custom property %s = %q, want %q", k, got[k], v)
		}
	}
	f = openBook(t, writeBook(t, &Workbook{Breakdown: b}))
	if dp, _ := f.GetDocProps(); dp.Created != "1980-01-01T00:00:00Z" {
		t.Errorf("created %q without a provenance time, want the fixed 1980-01-01T00:00:00Z", dp.Created)
	}
}

// TestWorkbookDeterministic writes the same workbook twice, a second apart,
// and compares the SHA-256 of the files.
func TestWorkbookDeterministic(t *testing.T) {
	b := loadSplit(t, genPlan(genOptions{People: 300, OverEvery: 5, ReserveDep: true}), plan.Options{})
	sum := func() string {
		h := sha256.Sum256(writeBook(t, &Workbook{Breakdown: b, Units: UnitsWan, Provenance: Provenance{SHA256: "x"}}))
		return hex.EncodeToString(h[:])
	}
	first := sum()
	time.Sleep(1100 * time.Millisecond)
	for range 5 {
		if again := sum(); again != first {
			t.Fatalf("sha256 %s, then %s", first, again)
		}
	}
}

func TestCheckRows(t *testing.T) {
	if err := checkRows("org", maxSheetRows); err != nil {
		t.Errorf("a full sheet: %v", err)
	}
	err := checkRows("org", maxSheetRows+1)
	var prob *plan.Problem
	if !errors.As(err, &prob) || prob.Msg != "cannot export sheet org: it needs 1048577 rows, more than the 1048576 a sheet holds" {
		t.Errorf("one row too many: %v", err)
	}
}

func TestSheetNames(t *testing.T) {
	s := newSheetNames()
	for _, tc := range []struct{ in, want string }{
		{"org", "org"},
		{"ORG", "ORG (2)"},
		{"a/b:c?[d]*'e'", "a_b_c__d___e_"},
		{"", "_"},
		{"History", "History_"},
		{strings.Repeat("区", 40), strings.Repeat("区", 31)},
		{strings.Repeat("区", 40), strings.Repeat("区", 27) + " (2)"},
	} {
		if got := s.add(tc.in); got != tc.want {
			t.Errorf("add(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCurrencyPrefix(t *testing.T) {
	for code, want := range map[string]string{"CNY": "[$¥-804]", "usd": "[$$-409]", "SEK": "[$SEK] ", "": "", "X]Y": "[$XY] "} {
		if got := currencyPrefix(code); got != want {
			t.Errorf("currencyPrefix(%q) = %q, want %q", code, got, want)
		}
	}
}

// TestFunnelSheet checks the funnel sheet's layout: the header, a team's row
// above its people (who sit one outline level down), the frozen panes.
func TestFunnelSheet(t *testing.T) {
	b := companyBreakdown(t, plan.Options{})
	res := funnelOf(t, b)
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, Funnel: res}))
	lay := newFunnelLayout(res)
	head, _ := f.GetCellValue("漏斗", cellRef(fcStages, 1))
	month, _ := f.GetCellValue("漏斗", cellRef(lay.month, 1))
	if head != res.StageNames[0]+" 新增" || month != "成交数 "+res.Months[0] {
		t.Errorf("headers %q, %q", head, month)
	}
	team, _ := f.GetCellValue("漏斗", "A2")
	if want := strings.Join(res.Rows[0].Path[:len(res.Rows[0].Path)-1], "/"); team != want {
		t.Errorf("A2 = %q, want the first team %q", team, want)
	}
	if level, _ := f.GetRowOutlineLevel("漏斗", 2); level != 0 {
		t.Errorf("a team row's outline level %d, want 0", level)
	}
	if level, _ := f.GetRowOutlineLevel("漏斗", 3); level != 1 {
		t.Errorf("a person's outline level %d, want 1 (under the team)", level)
	}
	if p, _ := f.GetPanes("漏斗"); !p.Freeze || p.TopLeftCell != "B2" {
		t.Errorf("panes %+v, want frozen at B2", p)
	}
}

// notesReport is a report of one section with notes, a table and a footer.
type notesReport struct{ *SplitReport }

func (notesReport) Sections() []Section {
	return []Section{{
		Title:   "stages",
		Notes:   []string{"plan · funnel", "deal size 1,000,000"},
		Columns: []Column{{Name: "STAGE"}, {Name: "REQUIRED", Align: Right}, {Name: "RATE", Align: Right}},
		Rows:    [][]string{{"线索", "1,100", "50%"}, {"成交", "55", ""}},
		Footer:  []string{"TOTAL", "1,155", ""},
	}}
}

// TestSectionsXlsxNotes writes a section with notes above its table: the notes
// first, a blank row, the frozen header, the rows and the footer.
func TestSectionsXlsxNotes(t *testing.T) {
	format, _ := Lookup("xlsx")
	var buf bytes.Buffer
	if err := format.Write(&buf, notesReport{}); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, buf.Bytes())
	c := &checker{t: t, f: f, formats: true, fmts: map[int]string{}}
	c.text("stages", "A1", "plan · funnel")
	c.text("stages", "A2", "deal size 1,000,000")
	c.text("stages", "A3", "")
	c.text("stages", "A4", "STAGE")
	c.text("stages", "A5", "线索")
	c.number("stages", "B5", 1100, "#,##0")
	c.number("stages", "C5", 0.5, "0%")
	c.text("stages", "C6", "")
	c.number("stages", "B7", 1155, "#,##0")
	if p, _ := f.GetPanes("stages"); !p.Freeze || p.TopLeftCell != "A5" {
		t.Errorf("panes %+v, want the header row (4) frozen", p)
	}
}

// TestSectionsXlsx writes `plan split` through the generic xlsx format: one
// sheet per section, numbers as numbers.
func TestSectionsXlsx(t *testing.T) {
	b := companyBreakdown(t, plan.Options{})
	view, err := b.View(plan.PeriodQuarter)
	if err != nil {
		t.Fatal(err)
	}
	rep := &SplitReport{Breakdown: b, View: view, Dimensions: []int{0, 1, 2}}
	format, err := Lookup("xlsx")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := format.Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, buf.Bytes())
	if got := strings.Join(f.GetSheetList(), "|"); got != "Sheet1|org|product|region" {
		t.Errorf("sheets %s", got)
	}
	c := newChecker(t, f, b, UnitsFull, false)
	c.text("org", "A2", "销售部")
	c.number("org", "C2", 31500000, "#,##0")
	c.number("org", "B2", 0.7, "0%")
	c.text("org", "D1", "COMMIT")
	c.number("org", "F2", 7875000, "#,##0")
	var again bytes.Buffer
	if err := format.Write(&again, rep); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("the generic workbook differs between two runs (err %v)", err)
	}
}

// TestWorkbookGolden compares the company workbook cell by cell (values,
// formulas, number formats, outline levels, widths, panes) with a golden dump.
// The Funnel sheet is left out: its numbers belong to the funnel engine, and
// TestFunnelSheet checks its formulas and formats.
// go test ./render -run Golden -update rewrites it.
func TestWorkbookGolden(t *testing.T) {
	b := companyBreakdown(t, plan.Options{})
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, Provenance: testProvenance}))
	got := dumpBook(t, f)
	checkGolden(t, filepath.Join("..", "testdata", "xlsx", "company.golden"), []byte(got))
}

// dumpBook writes a workbook as text: per sheet its panes, column widths and
// every non-empty cell with its formula, raw value and number format, and each
// row's outline level.
func dumpBook(t *testing.T, f *excelize.File) string {
	var b strings.Builder
	c := &checker{t: t, f: f, fmts: map[int]string{}}
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		if p, err := f.GetPanes(sheet); err == nil && p.Freeze {
			fmt.Fprintf(&b, "freeze %s\n", p.TopLeftCell)
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		var widths []string
		for col := 1; col <= width; col++ {
			name, _ := excelize.ColumnNumberToName(col)
			w, _ := f.GetColWidth(sheet, name)
			widths = append(widths, fmt.Sprintf("%s=%g", name, w))
		}
		fmt.Fprintf(&b, "widths %s\n", strings.Join(widths, " "))
		for i, r := range rows {
			row := i + 1
			level, _ := f.GetRowOutlineLevel(sheet, row)
			fmt.Fprintf(&b, "row %d", row)
			if level > 0 {
				fmt.Fprintf(&b, " level %d", level)
			}
			b.WriteByte('\n')
			for col := range r {
				cell := cellRef(col+1, row)
				formula, _ := f.GetCellFormula(sheet, cell)
				if r[col] == "" && formula == "" {
					continue
				}
				fmt.Fprintf(&b, "  %s", cell)
				if formula != "" {
					fmt.Fprintf(&b, " =%s", formula)
				}
				fmt.Fprintf(&b, " %q", r[col])
				if nf := c.numFmt(sheet, cell); nf != "General" {
					fmt.Fprintf(&b, " [%s]", nf)
				}
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// TestFunnelTeamView checks the team view under the funnel's totals: per
// team its revenue by month (the sum of its people's money), its deals and
// its leads, and the total last.
func TestFunnelTeamView(t *testing.T) {
	b := companyBreakdown(t, plan.Options{})
	res := funnelOf(t, b)
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, Funnel: res}))
	rows, err := f.GetRows("漏斗")
	if err != nil {
		t.Fatal(err)
	}
	teams := funnelTeams(res)
	at := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == labelsFor(b.Plan).funnel().TeamView {
			at = i
		}
	}
	if at < 0 || len(teams) == 0 {
		t.Fatalf("no team view (%d teams)", len(teams))
	}
	row := at + 1
	for _, tm := range teams {
		if tm.amount == 0 {
			continue
		}
		label := tm.label
		if label == "" {
			label = labelsFor(b.Plan).Total
		}
		if got := rows[row][0]; got != label+" · 收入" {
			t.Fatalf("row %d: %q, want %s's revenue", row+1, got, label)
		}
		deals, _ := f.GetCellValue("漏斗", cellRef(fcDeals, row+2))
		if deals != strconv.FormatInt(sum64(tm.deals), 10) {
			t.Errorf("%s: deals %s, want %d", label, deals, sum64(tm.deals))
		}
		row += 3
	}
	if teams[len(teams)-1].label != "" || sum64(teams[len(teams)-1].deals) != res.Total.Deals {
		t.Errorf("the last team is not the total: %+v", teams[len(teams)-1])
	}
}
