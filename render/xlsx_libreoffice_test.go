package render

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

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
// computed. Opt-in (it needs libreoffice-calc and takes a while):
//
//	PLAN_LIBREOFFICE=1 go test ./render -run LibreOffice -v
func TestLibreOfficeRecalc(t *testing.T) {
	if os.Getenv("PLAN_LIBREOFFICE") == "" {
		t.Skip("set PLAN_LIBREOFFICE=1 to recalculate the workbooks in LibreOffice (apt-get install libreoffice-calc)")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("PLAN_LIBREOFFICE is set but soffice is not on PATH: %v", err)
	}
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
	in, out, profile := filepath.Join(dir, "in"), filepath.Join(dir, "out"), filepath.Join(dir, "profile")
	for _, d := range []string{in, out, filepath.Join(profile, "user")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(loRecalcAlways), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "xlsx", "--outdir", out}
	for _, bk := range books {
		path := filepath.Join(in, bk.name+".xlsx")
		data := writeBook(t, &Workbook{Breakdown: bk.b, Funnel: funnelOf(t, bk.b), Scorecard: bk.card, Units: bk.units, Provenance: testProvenance, omitCached: true})
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if msg, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
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
			if fn := funnelOf(t, bk.b); fn != nil {
				c.funnel(labelsFor(bk.b.Plan).Funnel, fn)
			}
			if bk.card != nil {
				c.tracking(bk.card, bk.units)
				c.lightsKept(labelsFor(bk.b.Plan).tracking().Sheet, trackLast(bk.card))
			}
			t.Logf("%d cells recalculated by LibreOffice equal the engine's", c.n)
		})
	}
}
