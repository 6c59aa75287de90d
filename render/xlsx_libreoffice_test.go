package render

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// loRecalcAlways is a LibreOffice profile setting: recalculate every formula
// of an OOXML file when loading it.
const loRecalcAlways = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// TestLibreOfficeRecalc opens workbooks in LibreOffice (headless) and compares
// every value it computes with the engine. The workbooks are written without
// cached formula results, so every total LibreOffice saves back is one it
// computed. One of them has a leaf edited first: the edit must flow into every
// total above it, the summary, the tracking targets, the data sheet and the
// check cells. Opt-in (it needs libreoffice-calc and takes a while):
//
//	PLAN_LIBREOFFICE=1 go test ./render -run LibreOffice -v
func TestLibreOfficeRecalc(t *testing.T) {
	soffice := needSoffice(t)
	type book struct {
		name  string
		b     *plan.Breakdown
		units DisplayUnit
		card  *plan.Scorecard // nil: no tracking sheet
	}
	var books []book
	files, _ := filepath.Glob("../examples/*/plan.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(filepath.Dir(file))
		books = append(books, book{name, loadSplit(t, string(data), plan.Options{}), UnitsFull, nil})
	}
	// Tracking sheets: the company's example actuals, random actuals with cents
	// and credit notes (reserves, over-assigned teams, a decimal round), and a
	// department whose 300 teams are summed by SUMIF, a node without a target
	// year to date (no attainment).
	company := companyBreakdown(t, plan.Options{})
	cents := loadSplit(t, genPlan(genOptions{People: 90, TeamSize: 7, Depts: 3, Round: "0.01", Target: "98765432.17", OverEvery: 2, ReserveDep: true}), plan.Options{})
	wide := loadSplit(t, genPlan(genOptions{People: 600, TeamSize: 2, Depts: 1}), plan.Options{})
	zero := loadSplit(t, reservePlan, plan.Options{}) // a product with no target, a credit note
	books = append(books,
		book{"company-challenge-wan", companyBreakdown(t, plan.Options{Tier: "challenge"}), UnitsWan, nil},
		book{"generated", loadSplit(t, genPlan(genOptions{People: 400, TeamSize: 9, Depts: 5, OverEvery: 3, ReserveDep: true}), plan.Options{}), UnitsFull, nil},
		book{"cents", cents, UnitsMillion, trackCard(t, cents, genActuals(cents, []string{"org", "product"}, 7, true, 5), plan.Month{Year: 2027, Month: 9})},
		book{"wide", wide, UnitsFull, trackCard(t, wide, genActuals(wide, []string{"org"}, 4, true, 6), plan.Month{})},
		book{"company-tracking", company, UnitsFull, trackCard(t, company, companyActuals(t), plan.Month{})},
		book{"company-closed", company, UnitsWan, trackCard(t, company, companyActuals(t), plan.Month{Year: 2027, Month: 12})},
		book{"zero-target", zero, UnitsFull, trackCard(t, zero, reserveActuals, plan.Month{})},
	)
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, bk := range books {
		path := filepath.Join(in, bk.name+".xlsx")
		data := writeBook(t, &Workbook{Breakdown: bk.b, Funnel: funnelOf(t, bk.b), Scorecard: bk.card, Units: bk.units, Provenance: testProvenance, omitCached: true})
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	edit := editedCompany(t, company, filepath.Join(in, "edited.xlsx"))
	paths = append(paths, edit.path)
	out := convertWith(t, soffice, "xlsx", paths)
	t.Run("edited", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(out, "edited.xlsx"))
		if err != nil {
			t.Fatalf("LibreOffice wrote no workbook: %v", err)
		}
		edit.check(t, openBook(t, data))
	})
	for _, bk := range books {
		t.Run(bk.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(out, bk.name+".xlsx"))
			if err != nil {
				t.Fatalf("LibreOffice wrote no workbook: %v", err)
			}
			c := newChecker(t, openBook(t, data), bk.b, bk.units, false)
			c.formats = false // LibreOffice rewrites the format codes in its own words
			c.summary()
			c.dimensions()
			c.v2()
			if fn := funnelOf(t, bk.b); fn != nil {
				c.funnel(labelsFor(bk.b.Plan).Funnel, fn)
			}
			if bk.card != nil {
				c.tracking(bk.card, bk.units)
				c.lightsKept(labelsFor(bk.b.Plan).tracking().Sheet, trackLast(bk.card))
				c.summaryActuals(bk.card)
				c.trackPeriods(bk.card)
			}
			t.Logf("%d cells recalculated by LibreOffice equal the engine's", c.n)
		})
	}
}

// needSoffice skips a test unless PLAN_LIBREOFFICE is set, and returns the
// soffice binary.
func needSoffice(t *testing.T) string {
	t.Helper()
	if os.Getenv("PLAN_LIBREOFFICE") == "" {
		t.Skip("set PLAN_LIBREOFFICE=1 to check the workbooks in LibreOffice (needs soffice: apt-get install -y libreoffice-calc; the print test also pdfinfo: apt-get install -y poppler-utils)")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("PLAN_LIBREOFFICE is set but soffice is not on PATH (apt-get install -y libreoffice-calc): %v", err)
	}
	return soffice
}

// convertWith converts files with LibreOffice (headless, a fresh profile that
// recalculates every formula on load) to the given format, and returns the
// directory of the results.
func convertWith(t *testing.T, soffice, format string, files []string) string {
	t.Helper()
	dir := t.TempDir()
	out, profile := filepath.Join(dir, "out"), filepath.Join(dir, "profile")
	for _, d := range []string{out, filepath.Join(profile, "user")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(loRecalcAlways), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"-env:UserInstallation=file://" + profile, "--headless", "--convert-to", format, "--outdir", out}, files...)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if msg, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	return out
}

// edited is the company workbook with one leaf's month raised by delta.
type edited struct {
	path  string
	b     *plan.Breakdown
	card  *plan.Scorecard
	leaf  *plan.Row // the edited leaf of the first dimension
	month int       // its edited fiscal month
	delta float64
}

// editedCompany writes the company workbook (with its tracking sheet, no
// cached results) with the first leaf's first month raised by 123,000, as a
// person would type it.
func editedCompany(t *testing.T, b *plan.Breakdown, path string) *edited {
	t.Helper()
	card := trackCard(t, b, companyActuals(t), plan.Month{})
	data := writeBook(t, &Workbook{Breakdown: b, Funnel: funnelOf(t, b), Scorecard: card, Provenance: testProvenance, omitCached: true})
	e := &edited{path: path, b: b, card: card, month: 0, delta: 123000}
	d := b.Dimensions[0]
	// a leaf whose every ancestor sums its children (an over-assigned node
	// keeps its own amounts; its (assigned) row sums the children)
	for _, r := range d.Rows {
		if !r.Leaf() || r.IsReserve() {
			continue
		}
		summed := true
		for p := r.Parent; p != nil; p = p.Parent {
			summed = summed && !overAssigned(p)
		}
		if summed {
			e.leaf = r
			break
		}
	}
	if e.leaf == nil {
		t.Fatal("the company plan has no leaf under summing parents")
	}
	f := openBook(t, data)
	dl := newDimLayout(d, d.Name)
	cell := cellRef(colMonth+e.month, dl.rowOf[e.leaf.Index])
	nums, _ := newNumbers(b, UnitsFull)
	if err := f.SetCellValue(d.Name, cell, nums.value(e.leaf.Months[e.month])+e.delta); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return e
}

// check compares the recalculated edited workbook with the engine's numbers
// plus the edit: every ancestor of the leaf, the dimension's total, the check
// cells (now the delta, and filled red by their rule), the summary's time
// split and top-level rows, the tracking targets and the data sheet.
func (e *edited) check(t *testing.T, f *excelize.File) {
	b := e.b
	c := newChecker(t, f, b, UnitsFull, false)
	c.formats = false
	n := c.nums
	d := b.Dimensions[0]
	dl := newDimLayout(d, d.Name)
	sheet := d.Name
	bumped := func(r *plan.Row) bool {
		for p := e.leaf; p != nil; p = p.Parent {
			if p == r {
				return true
			}
		}
		return false
	}
	q := e.month / 3
	for _, r := range d.Rows {
		months := append([]int64(nil), r.Months...)
		row := dl.rowOf[r.Index]
		plus := 0.0
		if bumped(r) {
			plus = e.delta
		}
		c.number(sheet, cellRef(colMonth+e.month, row), n.value(months[e.month])+plus, "")
		c.number(sheet, cellRef(colAnnual, row), n.value(r.Amount)+plus, "")
		c.number(sheet, cellRef(colQuarter+q, row), n.value(months[q*3]+months[q*3+1]+months[q*3+2])+plus, "")
	}
	c.number(sheet, cellRef(colAnnual, dl.total), n.value(b.Allocated)+e.delta, "")
	for col := colAnnual; col <= colQuarter+3; col++ {
		want := 0.0
		if col == colAnnual || col == colMonth+e.month || col == colQuarter+q {
			want = e.delta
		}
		c.number(sheet, cellRef(col, dl.check), want, "")
	}
	rules, err := f.GetConditionalFormats(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if r := rules[rangeRef(colAnnual, dl.check, colQuarter+3, dl.check)]; len(r) != 1 || !strings.HasSuffix(r[0].Criteria, "<>0") {
		t.Errorf("the check row's red rule after LibreOffice: %+v (all %v)", r, rules)
	}
	text := labelsFor(b.Plan)
	s := text.Summary
	head := c.findRow(s, text.TimeSplit, 2)
	c.number(s, cellRef(2, head+1+e.month), n.value(b.Months[e.month])+e.delta, "")
	c.number(s, cellRef(2, head+17), n.value(b.Allocated)+e.delta, "")
	c.number(s, cellRef(3, head+12), n.value(b.Allocated)+e.delta, "")
	top := c.findRow(s, d.Name, head+18)
	for i, r := range d.Roots {
		plus := 0.0
		if bumped(r) {
			plus = e.delta
		}
		c.number(s, cellRef(3, top+1+i), n.value(r.Amount)+plus, "")
	}
	track := text.tracking().Sheet
	tstart := c.findRow(track, d.Name, 2)
	for i, ns := range e.card.Dimensions[0].Nodes {
		plus := 0.0
		if bumped(ns.Row) {
			plus = e.delta
		}
		row := tstart + 1 + i
		c.number(track, cellRef(tcFYTarget, row), n.value(ns.FYTarget)+plus, "")
		if e.month <= e.card.AsOfIndex {
			c.number(track, cellRef(tcYTDTarget, row), n.value(ns.YTDTarget)+plus, "")
		}
	}
	data := 1 + 12*e.leaf.Index + e.month + 1
	c.text(text.Data, cellRef(dcPath, data), text.pathString(e.leaf))
	c.number(text.Data, cellRef(dcTarget, data), n.value(e.leaf.Months[e.month])+e.delta, "")
	t.Logf("the edit of %s %s by %s reached %d cells", e.leaf.PathString(), b.Calendar.MonthLabels()[e.month], strconv.FormatFloat(e.delta, 'f', -1, 64), c.n)
}

// TestLibreOfficePrint prints the company workbook with its actuals to PDF
// with LibreOffice (headless) and counts the pages, as a person would before
// printing it: every page A4 landscape, every sheet one page wide, so the
// whole workbook takes a handful of pages (it took 26 portrait pages before
// the print setup). Opt-in like TestLibreOfficeRecalc; needs pdfinfo.
func TestLibreOfficePrint(t *testing.T) {
	soffice := needSoffice(t)
	pdfinfo, err := exec.LookPath("pdfinfo")
	if err != nil {
		t.Fatalf("PLAN_LIBREOFFICE is set but pdfinfo is not on PATH (apt-get install -y poppler-utils): %v", err)
	}
	b := companyBreakdown(t, plan.Options{})
	card := trackCard(t, b, companyActuals(t), plan.Month{})
	path := filepath.Join(t.TempDir(), "company.xlsx")
	if err := os.WriteFile(path, writeBook(t, &Workbook{Breakdown: b, Funnel: funnelOf(t, b), Scorecard: card, Provenance: testProvenance}), 0o644); err != nil {
		t.Fatal(err)
	}
	out := convertWith(t, soffice, "pdf", []string{path})
	msg, err := exec.Command(pdfinfo, "-f", "1", "-l", "1000", filepath.Join(out, "company.pdf")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, msg)
	}
	pages, landscape := 0, 0
	for _, line := range strings.Split(string(msg), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			pages, _ = strconv.Atoi(strings.TrimSpace(v))
		}
		// Page    1 size: 841.89 x 595.276 pts (A4)
		if strings.HasPrefix(line, "Page ") && strings.Contains(line, " size: ") {
			var w, h float64
			size := line[strings.Index(line, " size: ")+7:]
			if _, err := fmt.Sscanf(size, "%g x %g", &w, &h); err == nil && w > h && strings.Contains(line, "A4") {
				landscape++
			}
		}
	}
	// Summary: the facts, then the time split with its chart and the
	// dimensions (2 pages); each dimension one page wide and short (1, plus 1
	// for its commit and gap columns); funnel and tracking one or two; the
	// assumptions one; the data table one page per 35 to 60 of its rows.
	rows, dims := 0, 0
	for _, d := range b.Dimensions {
		rows += 12 * len(d.Rows)
		dims++
		if hasCommits(b, d) {
			dims++
		}
	}
	most := 2 + dims + 2 + 2 + 1 + (rows+34)/35
	least := 2 + dims + 1 + 1 + 1 + (rows+59)/60
	t.Logf("%d pages, %d of them A4 landscape (expected %d to %d)", pages, landscape, least, most)
	if pages < least || pages > most {
		t.Errorf("the company workbook prints on %d pages, want %d to %d", pages, least, most)
	}
	if landscape != pages {
		t.Errorf("%d of %d pages are A4 landscape, want all", landscape, pages)
	}
}
