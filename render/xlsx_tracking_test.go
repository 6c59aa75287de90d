package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// trackCard tracks a breakdown against an actuals file's text.
func trackCard(t testing.TB, b *plan.Breakdown, actuals string, asOf plan.Month) *plan.Scorecard {
	t.Helper()
	a, diags := plan.LoadActuals("actuals.csv", []byte(actuals), b)
	if err := diags.Err(); err != nil {
		t.Fatalf("actuals: %v", err)
	}
	card, err := plan.Track(b, a, asOf)
	if err != nil {
		t.Fatalf("track: %v", err)
	}
	return card
}

// companyActuals is the company example's actuals file.
func companyActuals(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("../examples/company/actuals.csv")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// genActuals writes random actuals for a breakdown: for every leaf of the
// named dimensions, months 0..last of the fiscal year, most of them near the
// plan cell (50–130 %), some missing, a few credit notes (negative), with
// cents when cents is set. The same seed gives the same file.
func genActuals(b *plan.Breakdown, dims []string, last int, cents bool, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 7))
	var sb strings.Builder
	sb.WriteString("period,dimension,path,amount\n")
	labels := b.Calendar.MonthLabels()
	for _, name := range dims {
		d := b.Dimension(name)
		for _, r := range d.Rows {
			if !r.Leaf() || r.IsReserve() {
				continue
			}
			for m := 0; m <= last; m++ {
				if rng.IntN(10) == 0 {
					continue // a month without a row
				}
				cell := b.Unit.Amount(r.Months[m])
				pct := int64(50 + rng.IntN(81))
				v := new(big.Rat).Mul(cell, big.NewRat(pct, 100))
				if rng.IntN(25) == 0 {
					v.Neg(big.NewRat(int64(rng.IntN(5000)), 1)) // a credit note
				}
				places := 0
				if cents {
					places = 2
					v.Add(v, big.NewRat(int64(rng.IntN(100)), 100))
				}
				fmt.Fprintf(&sb, "%s,%s,%s,%s\n", labels[m], name, r.PathString(), v.FloatString(places))
			}
		}
	}
	return sb.String()
}

// ratio checks a formula cell whose value is a ratio of two cells: its value
// (cached, or recomputed by a spreadsheet application) within the 15th
// significant digit of the exact ratio, or empty when the ratio is undefined (nil).
func (c *checker) ratio(sheet, cell string, want *big.Rat) {
	c.t.Helper()
	c.n++
	raw, _ := c.f.GetCellValue(sheet, cell)
	if want == nil {
		if raw != "" {
			c.t.Errorf("%s!%s = %q, want empty (no target year to date)", sheet, cell, raw)
		}
		return
	}
	w := ratFloat(want)
	near := func(s string) bool {
		got, err := strconv.ParseFloat(s, 64)
		// 15 significant digits (a cell's), or an application's quotient
		return err == nil && math.Abs(got-w) <= 6e-15*math.Max(1, math.Abs(w))
	}
	if !near(raw) {
		c.t.Errorf("%s!%s = %q, want %s", sheet, cell, raw, strconv.FormatFloat(w, 'g', -1, 64))
	}
	if c.formats {
		if f := c.numFmt(sheet, cell); f != c.nums.percent {
			c.t.Errorf("%s!%s format %q, want %q", sheet, cell, f, c.nums.percent)
		}
	}
	if c.calc {
		res, err := c.f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if got, perr := strconv.ParseFloat(res, 64); err != nil || perr != nil || math.Abs(got-w) > 1e-14*math.Max(1, math.Abs(w)) {
			c.t.Errorf("%s!%s evaluates to %q (%v), want %v", sheet, cell, res, err, w)
		}
	}
}

// calcText checks a text cell and, with calc, that its formula gives it.
func (c *checker) calcText(sheet, cell, want string) {
	c.t.Helper()
	c.text(sheet, cell, want)
	if !c.calc {
		return
	}
	if formula, _ := c.f.GetCellFormula(sheet, cell); formula == "" {
		return
	}
	if got, err := c.f.CalcCellValue(sheet, cell); err != nil || got != want {
		c.t.Errorf("%s!%s evaluates to %q (%v), want %q", sheet, cell, got, err, want)
	}
}

// tracking checks the tracking sheet against the engine's scorecard: per
// dimension with actuals its title, every node's figures, monthly actuals and
// re-spread cells, and the total row.
func (c *checker) tracking(card *plan.Scorecard, units DisplayUnit) {
	b, n := c.b, c.nums
	t := labelsFor(b.Plan).tracking()
	sheet := t.Sheet
	tn, err := newTrackNumbers(card, n, units)
	if err != nil {
		c.t.Fatal(err)
	}
	head := []string{t.Node, t.FYTarget, t.YTDTarget, t.YTDActual, t.Attainment, t.Status, t.Remaining, t.Forecast, t.Payout}
	for i, h := range head {
		c.text(sheet, cellRef(i+1, 1), h)
	}
	for m, label := range b.Calendar.MonthLabels() {
		want := label + " " + t.Actual
		if m > card.AsOfIndex {
			want = label + " " + t.Respread
		}
		c.text(sheet, cellRef(tcMonth+m, 1), want)
	}
	k := card.AsOfIndex
	levels := trackLevelFormats(card, n, tn)
	check := func(row int, ns *plan.NodeScore, reserve bool) {
		money, unitMoney := tn.money, n.money
		if ns.Row != nil {
			money, unitMoney = levels[ns.Row.Depth][0], levels[ns.Row.Depth][1]
		}
		c.number(sheet, cellRef(tcFYTarget, row), n.value(ns.FYTarget), unitMoney)
		c.number(sheet, cellRef(tcYTDTarget, row), n.value(ns.YTDTarget), unitMoney)
		c.number(sheet, cellRef(tcYTDActual, row), ratFloat(ns.YTDActual), money)
		c.number(sheet, cellRef(tcRemaining, row), ratFloat(ns.Remaining), money)
		for m := range 12 {
			v := ns.Actual[min(m, k)]
			if m > k {
				v = ns.Respread[m-k-1]
			}
			c.number(sheet, cellRef(tcMonth+m, row), ratFloat(v), money)
		}
		if reserve {
			for _, col := range []int{tcAttainment, tcStatus, tcForecast, tcPayout} {
				c.text(sheet, cellRef(col, row), "")
			}
			return
		}
		att := ns.Attainment
		if att != nil {
			att = attainmentValue(b.Plan.Tracking, att) // shown as decided
		}
		c.ratio(sheet, cellRef(tcAttainment, row), att)
		c.calcText(sheet, cellRef(tcStatus, row), t.status(ns.Status))
		for _, x := range []struct {
			col  int
			v    *big.Rat
			want string
		}{{tcForecast, ns.Forecast, money}, {tcPayout, ns.Payout, n.percent}} {
			if x.v == nil {
				c.text(sheet, cellRef(x.col, row), "")
				continue
			}
			c.number(sheet, cellRef(x.col, row), digits15(x.v), x.want)
		}
	}
	from := 2
	for _, ds := range card.Dimensions {
		title := c.findRow(sheet, ds.Name, from)
		for i, ns := range ds.Nodes {
			r, row := ns.Row, title+1+i
			if r != ds.Split.Rows[i] {
				c.t.Fatalf("engine: node %d of %s is not row %d", i, ds.Name, i)
			}
			c.text(sheet, cellRef(tcName, row), labelsFor(c.b.Plan).nodeName(r))
			c.text(sheet, cellRef(tcDimension, row), ds.Name)
			c.text(sheet, cellRef(tcPath, row), labelsFor(c.b.Plan).pathString(r))
			c.number(sheet, cellRef(tcDepth, row), float64(r.Depth), "")
			check(row, ns, r.IsReserve())
		}
		total := title + 1 + len(ds.Nodes)
		c.text(sheet, cellRef(tcName, total), labelsFor(b.Plan).Total)
		check(total, ds.Total, false)
		from = total + 1
	}
	// The summary's tracking lines: each dimension's totals.
	sum := labelsFor(b.Plan).Summary
	lines := c.findRow(sum, t.Sheet+" · "+t.AsOf+" "+card.AsOf.String(), 2)
	for i, h := range []string{t.YTDTarget, t.YTDActual, t.Attainment, t.Status} {
		c.text(sum, cellRef(2+i, lines), h)
	}
	for i, ds := range card.Dimensions {
		row := lines + 1 + i
		c.text(sum, cellRef(1, row), ds.Name)
		c.number(sum, cellRef(2, row), n.value(ds.Total.YTDTarget), n.money)
		c.number(sum, cellRef(3, row), ratFloat(ds.Total.YTDActual), tn.money)
		c.ratio(sum, cellRef(4, row), ds.Total.Attainment)
		c.calcText(sum, cellRef(5, row), t.status(ds.Total.Status))
	}
}

// checkTrackingBook writes a workbook with a tracking sheet, re-reads it and
// compares every sheet with the engine.
func checkTrackingBook(t *testing.T, card *plan.Scorecard, units DisplayUnit, calc bool) *excelize.File {
	t.Helper()
	b := card.Breakdown
	fn := funnelOf(t, b)
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, Funnel: fn, Scorecard: card, Units: units, Provenance: testProvenance}))
	text := labelsFor(b.Plan)
	want := []string{text.Summary}
	for _, d := range b.Dimensions {
		want = append(want, d.Name)
	}
	if fn != nil {
		want = append(want, text.Funnel)
	}
	want = append(want, text.tracking().Sheet, text.Assumptions)
	if 12*rowsOf(b) <= maxDataRows {
		want = append(want, text.Data)
	}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets %q, want %q", got, want)
	}
	c := newChecker(t, f, b, units, calc)
	c.summary()
	c.dimensions()
	c.v2()
	c.tracking(card, units)
	c.trackPeriods(card)
	c.summaryActuals(card)
	if c.n == 0 {
		t.Fatal("compared no cell")
	}
	return f
}

// TestTrackingCompany checks the company example's tracking sheet against its
// example actuals, as of every month of the year: the first (nothing before),
// the last month with actuals and the last (nothing left to re-spread).
func TestTrackingCompany(t *testing.T) {
	b := companyBreakdown(t, plan.Options{})
	acts := companyActuals(t)
	for _, asOf := range []plan.Month{{}, {Year: 2027, Month: 1}, {Year: 2027, Month: 3}, {Year: 2027, Month: 12}} {
		t.Run(asOf.String(), func(t *testing.T) {
			card := trackCard(t, b, acts, asOf)
			f := checkTrackingBook(t, card, UnitsFull, true)
			if p, _ := f.GetPanes("跟踪"); !p.Freeze || p.TopLeftCell != "B2" {
				t.Errorf("panes %+v, want the header row and the name column frozen", p)
			}
		})
	}
}

// TestTrackingFormulas checks what is live on the tracking sheet: targets
// refer to the dimension sheet, actuals of parents and totals are sums,
// attainment and status are formulas on the plan's thresholds.
func TestTrackingFormulas(t *testing.T) {
	b := companyBreakdown(t, plan.Options{})
	card := trackCard(t, b, companyActuals(t), plan.Month{}) // as of 2027-06
	f := openBook(t, writeBook(t, &Workbook{Breakdown: b, Scorecard: card}))
	// org: title on row 2, 销售部 on 3, 大客户组 on 4, 张伟 on 5, 李娜 6, 王强 7,
	// 中小客户组 8, 赵敏 9, 孙丽 10, 市场部 11, 供应链 12, total 13.
	for cell, want := range map[string]string{
		"B3":  "'org'!C2",
		"C5":  "SUM('org'!D4:I4)",
		"C13": "SUM('org'!D13:I13)", // the org sheet has an (assigned) row for 大客户组
		"D5":  "ROUND(SUM(J5:O5),2)",
		"J3":  "ROUND(SUM(J4,J8),2)",
		"J4":  "ROUND(SUM(J5:J7),2)",
		"P4":  "ROUND(SUM(P5:P7),2)",
		"J13": "ROUND(SUM(J3,J11:J12),2)",
		"E5":  `IF(C5=0,"",IF(AND(D5/C5<0.9,ROUND(D5/C5,3)>=0.9),ROUNDDOWN(D5/C5,3),IF(AND(D5/C5<0.7,ROUND(D5/C5,3)>=0.7),ROUNDDOWN(D5/C5,3),D5/C5)))`,
		"F5":  `IF(C5=0,IF(D5>=0,"绿","红"),IF(E5>=tracking_green,"绿",IF(E5>=tracking_yellow,"黄","红")))`,
		"G5":  "MAX(0,ROUND(B5-D5,2))",
		"J5":  "", // a leaf's actual: the exact amount
		"P5":  "", // a leaf's re-spread: the engine's cell
		"H5":  "", // forecast and payout follow the engine's rules
		"I5":  "",
	} {
		if got, _ := f.GetCellFormula("跟踪", cell); got != want {
			t.Errorf("跟踪!%s = %q, want %q", cell, got, want)
		}
	}
	for row, level := range map[int]int{2: 0, 3: 1, 4: 2, 5: 3, 13: 0} {
		if got, _ := f.GetRowOutlineLevel("跟踪", row); int(got) != level {
			t.Errorf("row %d outline level %d, want %d", row, got, level)
		}
	}
}

// TestTrackingLights checks the traffic lights: fills on the attainment cells
// by the plan's thresholds and on the status cells by their text, in the
// colours of Excel's Good, Neutral and Bad styles; and that the thresholds are
// the plan's own, in the rules and in the status formulas.
func TestTrackingLights(t *testing.T) {
	text := strings.Replace(genPlan(genOptions{People: 20, TeamSize: 5, Depts: 2, English: true}), "dimensions:", "tracking: {green: 95%, yellow: 82.5%}\ndimensions:", 1)
	b := loadSplit(t, text, plan.Options{})
	card := trackCard(t, b, genActuals(b, []string{"org"}, 5, false, 1), plan.Month{})
	f := checkTrackingBook(t, card, UnitsFull, true)
	sheet := "Tracking"
	formats, err := f.GetConditionalFormats(sheet)
	if err != nil {
		t.Fatal(err)
	}
	last := 3 + len(card.Dimensions[0].Nodes) // header, title, nodes, total
	fills := []string{"C6EFCE", "FFEB9C", "FFC7CE"}
	want := map[string][]string{
		"E2:E" + strconv.Itoa(last): {"AND(ISNUMBER(E2),E2>=tracking_green)", "AND(ISNUMBER(E2),E2>=tracking_yellow,E2<tracking_green)", "AND(ISNUMBER(E2),E2<tracking_yellow)"},
		"F2:F" + strconv.Itoa(last): {`F2="green"`, `F2="yellow"`, `F2="red"`},
	}
	for name, v := range map[string]float64{nameGreen: 0.95, nameYellow: 0.825} {
		if got := definedValue(t, f, name); got != v {
			t.Errorf("%s = %v on the assumptions sheet, want the plan's %v", name, got, v)
		}
	}
	if got := wantLights(b, last); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("wantLights = %q, want %q", got, want)
	}
	for ref, want := range want {
		rules := formats[ref]
		if len(rules) != len(want) {
			t.Fatalf("conditional formats on %s: %+v, want %d rules (all: %v)", ref, rules, len(want), formats)
		}
		for i, r := range rules {
			if r.Type != "formula" || r.Criteria != want[i] || r.Format == nil {
				t.Errorf("%s rule %d: %s %q, want the formula %q", ref, i, r.Type, r.Criteria, want[i])
				continue
			}
			st, err := f.GetConditionalStyle(*r.Format)
			if err != nil || len(st.Fill.Color) == 0 || !sameColor(st.Fill.Color[0], fills[i]) {
				t.Errorf("%s rule %d fill %+v (%v), want %s", ref, i, st.Fill, err, fills[i])
			}
		}
	}
	summary, err := f.GetConditionalFormats("Summary")
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for ref, rules := range summary {
		for _, r := range rules {
			kept = append(kept, ref+" "+r.Criteria)
		}
	}
	if len(kept) != 3 || !strings.HasSuffix(kept[0], `="green"`) || !strings.HasSuffix(kept[2], `="red"`) {
		t.Errorf("the summary's status lights %q, want three rules on the status texts", kept)
	}
	status, _ := f.GetCellFormula(sheet, "F3")
	if !strings.Contains(status, "E3>="+nameGreen) || !strings.Contains(status, "E3>="+nameYellow) {
		t.Errorf("status formula %q, want the plan's thresholds 0.95 and 0.825", status)
	}
	seen := map[plan.TrackStatus]bool{}
	for _, ns := range card.Dimensions[0].Nodes {
		seen[ns.Status] = true
	}
	if !seen[plan.StatusGreen] || !seen[plan.StatusYellow] || !seen[plan.StatusRed] {
		t.Errorf("the actuals give the statuses %v; the test wants all three lights", seen)
	}
}

// TestTrackingGenerated checks generated plans (reserves, over-assigned
// teams, a wide team whose parent sums by SUMIF, cents, a round of 0.05,
// English labels, a zero target, credit notes) with random actuals, in
// several dimensions and as-of months, value by value and formula by formula.
func TestTrackingGenerated(t *testing.T) {
	for _, tc := range []struct {
		name  string
		o     genOptions
		dims  []string
		last  int
		asOf  plan.Month
		cents bool
		units DisplayUnit
	}{
		{"whole", genOptions{People: 120, TeamSize: 7, Depts: 4, OverEvery: 3, ReserveDep: true, Funnel: true}, []string{"org", "product"}, 5, plan.Month{}, true, UnitsFull},
		{"cents", genOptions{People: 40, TeamSize: 6, Depts: 3, Round: "0.01", Target: "12345678.91", OverEvery: 2, ReserveDep: true}, []string{"org", "region"}, 8, plan.Month{Year: 2027, Month: 11}, true, UnitsWan},
		{"english", genOptions{People: 12, TeamSize: 4, Depts: 2, English: true, Round: "0.05", Target: "1000000.35"}, []string{"product"}, 11, plan.Month{}, false, UnitsFull},
		{"wide", genOptions{People: 600, TeamSize: 2, Depts: 1}, []string{"org"}, 2, plan.Month{}, true, UnitsMillion},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := loadSplit(t, genPlan(tc.o), plan.Options{})
			card := trackCard(t, b, genActuals(b, tc.dims, tc.last, tc.cents, 42), tc.asOf)
			if len(card.Dimensions) != len(tc.dims) {
				t.Fatalf("%d dimensions with actuals, want %d", len(card.Dimensions), len(tc.dims))
			}
			f := checkTrackingBook(t, card, tc.units, true)
			if tc.name == "wide" {
				sheet := labelsFor(b.Plan).tracking().Sheet
				if formula, _ := f.GetCellFormula(sheet, "J3"); !strings.HasPrefix(formula, "ROUND(SUMIF(W") {
					t.Errorf("the actual of a department of 300 teams %q, want a SUMIF over the depth column", formula)
				}
			}
		})
	}
}

// TestTrackingZeroTarget checks a node with no target year to date (no
// attainment: an empty cell, status green for a non-negative actual), reserve
// rows (no status) and a credit note, on a plan with cents.
func TestTrackingZeroTarget(t *testing.T) {
	b := loadSplit(t, reservePlan, plan.Options{})
	card := trackCard(t, b, reserveActuals, plan.Month{})
	checkTrackingBook(t, card, UnitsFull, true)
}

// TestTrackingDeterministic writes the same workbook with actuals several
// times, a second apart, and compares the SHA-256 of the files.
func TestTrackingDeterministic(t *testing.T) {
	b := loadSplit(t, genPlan(genOptions{People: 200, OverEvery: 5, ReserveDep: true}), plan.Options{})
	card := trackCard(t, b, genActuals(b, []string{"org", "product", "region"}, 6, true, 3), plan.Month{})
	sum := func() string {
		h := sha256.Sum256(writeBook(t, &Workbook{Breakdown: b, Scorecard: card, Units: UnitsWan, Provenance: Provenance{SHA256: "x"}}))
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

// TestTrackingRefused checks the scorecards a workbook refuses: one of another
// breakdown, and actuals a spreadsheet cannot add up exactly.
func TestTrackingRefused(t *testing.T) {
	b := companyBreakdown(t, plan.Options{})
	other := companyBreakdown(t, plan.Options{})
	card := trackCard(t, other, companyActuals(t), plan.Month{})
	if _, err := (&Workbook{Breakdown: b, Scorecard: card}).WriteTo(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "not the tracking of the breakdown") {
		t.Errorf("a scorecard of another breakdown: %v", err)
	}
	// 0.0000001 needs 7 decimals; with a 50,000,000 target every sum would
	// need 8 + 7 digits and more.
	tiny := "period,dimension,path,amount\n2027-01,org,市场部,0.0000001\n2027-01,org,供应链,99999999\n"
	card = trackCard(t, b, tiny, plan.Month{})
	_, err := (&Workbook{Breakdown: b, Scorecard: card}).WriteTo(&bytes.Buffer{})
	var prob *plan.Problem
	if !errors.As(err, &prob) || !strings.Contains(err.Error(), "15 significant digits") {
		t.Errorf("actuals beyond 15 digits: %v, want a problem", err)
	}
	fine := "period,dimension,path,amount\n2027-01,org,市场部,0.001\n"
	if _, err := (&Workbook{Breakdown: b, Scorecard: trackCard(t, b, fine, plan.Month{})}).WriteTo(&bytes.Buffer{}); err != nil {
		t.Errorf("actuals with 3 decimals: %v", err)
	}
}

func TestDecimalPlaces(t *testing.T) {
	for _, tc := range []struct {
		in     string
		places int
		ok     bool
	}{{"0", 0, true}, {"12", 0, true}, {"1.5", 1, true}, {"-0.25", 2, true}, {"0.125", 3, true}, {"1/3", 0, false}, {"1/12", 0, false}, {"3/1024", 10, true}} {
		r, _ := new(big.Rat).SetString(tc.in)
		if p, ok := decimalPlaces(r); ok != tc.ok || (ok && p != tc.places) {
			t.Errorf("decimalPlaces(%s) = %d, %v; want %d, %v", tc.in, p, ok, tc.places, tc.ok)
		}
	}
}

func TestDigits15(t *testing.T) {
	for in, want := range map[string]float64{
		"1/3":                    0.333333333333333,
		"2/3":                    0.666666666666667,
		"1.15":                   1.15,
		"100000000000000001/100": 1000000000000000,
		"-7/9":                   -0.777777777777778,
	} {
		r, _ := new(big.Rat).SetString(in)
		if got := digits15(r); got != want {
			t.Errorf("digits15(%s) = %v, want %v", in, got, want)
		}
	}
}

// TestDigits15Fast compares the fast rounding with the 256-bit one on random
// ratios (forecasts are amount × target / target) and on values a hair off a
// half at the 15th digit, where the fast path must step aside.
func TestDigits15Fast(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(r *big.Rat) {
		t.Helper()
		if got, want := digits15(r), digits15Exact(r); got != want {
			t.Fatalf("digits15(%s) = %v, want %v", r.RatString(), got, want)
		}
	}
	for range 200_000 {
		num := big.NewInt(rng.Int64N(1e15) - 5e14)
		num.Mul(num, big.NewInt(rng.Int64N(1e6)+1))
		check(new(big.Rat).SetFrac(num, big.NewInt(rng.Int64N(1e12)+1)))
	}
	for range 20_000 {
		// 1.23456789012345|5 ± up to 1e-15 of it, at random scales
		half := new(big.Rat).SetFrac(big.NewInt(rng.Int64N(9e14)+1e14), big.NewInt(1))
		half.Add(half, big.NewRat(1, 2))
		half.Mul(half, new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(rng.IntN(20))), nil)))
		eps := new(big.Rat).Mul(half, big.NewRat(rng.Int64N(2001)-1000, 1e18))
		check(half.Add(half, eps))
	}
}

// TestAmountFloat compares the fast conversion of amounts with big.Rat's.
func TestAmountFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 100_000 {
		num := rng.Int64N(1<<56) - 1<<55
		den := []int64{1, 2, 4, 5, 8, 10, 100, 1000, 3, 7, 1 << 53, 1<<53 + 1, 1 << 60}[i%13]
		r := big.NewRat(num, den)
		if got, want := amountFloat(r), ratFloat(r); got != want {
			t.Fatalf("amountFloat(%s) = %v, want %v", r.RatString(), got, want)
		}
	}
	if got := amountFloat(new(big.Rat)); got != 0 {
		t.Errorf("amountFloat(0) = %v", got)
	}
}

// TestTrackingGolden compares the company example's tracking sheet (as of
// 2027-06) cell by cell with a golden dump; go test ./render -run
// TrackingGolden -update rewrites it.
func TestTrackingGolden(t *testing.T) {
	b := companyBreakdown(t, plan.Options{})
	card := trackCard(t, b, companyActuals(t), plan.Month{})
	dump := dumpBook(t, openBook(t, writeBook(t, &Workbook{Breakdown: b, Scorecard: card, Provenance: testProvenance})))
	i := strings.Index(dump, "== 跟踪\n")
	if i < 0 {
		t.Fatal("no tracking sheet in the dump")
	}
	got := dump[i:]
	checkGolden(t, filepath.Join("..", "testdata", "xlsx", "company-tracking.golden"), []byte(got))
}

// sameColor compares an RGB colour with an RGB or ARGB one.
func sameColor(got, want string) bool {
	return strings.EqualFold(got, want) || strings.EqualFold(got, "FF"+want)
}

// wantLights are the traffic-light rules a plan's tracking sheet should
// have, by range: the attainment column's with the plan's thresholds, the
// status column's with the status texts.
func wantLights(b *plan.Breakdown, last int) map[string][]string {
	t := labelsFor(b.Plan).tracking()
	g, y := nameGreen, nameYellow
	return map[string][]string{
		"E2:E" + strconv.Itoa(last): {"AND(ISNUMBER(E2),E2>=" + g + ")", "AND(ISNUMBER(E2),E2>=" + y + ",E2<" + g + ")", "AND(ISNUMBER(E2),E2<" + y + ")"},
		"F2:F" + strconv.Itoa(last): {`F2="` + t.Green + `"`, `F2="` + t.Yellow + `"`, `F2="` + t.Red + `"`},
	}
}

// lightsKept checks that a workbook saved back by a spreadsheet application
// still holds the traffic lights, rule by rule.
func (c *checker) lightsKept(sheet string, last int) {
	c.t.Helper()
	formats, err := c.f.GetConditionalFormats(sheet)
	if err != nil {
		c.t.Fatal(err)
	}
	for ref, want := range wantLights(c.b, last) {
		var got []string
		for _, r := range formats[ref] {
			got = append(got, r.Type+" "+r.Criteria)
		}
		if strings.Join(got, "|") != "formula "+strings.Join(want, "|formula ") {
			c.t.Errorf("%s!%s rules %q, want the formulas %q", sheet, ref, got, want)
		}
	}
}

// trackLast is the last row of a tracking sheet: the header, then per
// dimension a title row, its nodes and a total row, with a blank row between.
func trackLast(card *plan.Scorecard) int {
	last := 1
	for i, ds := range card.Dimensions {
		if i > 0 {
			last++
		}
		last += 2 + len(ds.Nodes)
	}
	return last
}

// benchmarkTracking times the workbook with a tracking sheet (build and
// write) for a split plan with six months of actuals for every person and
// product, the actuals already scored.
func benchmarkTracking(b *testing.B, people int) {
	bd := loadSplit(b, genPlan(genOptions{People: people, OverEvery: 10, ReserveDep: true}), plan.Options{})
	card := trackCard(b, bd, genActuals(bd, []string{"org", "product"}, 5, true, 9), plan.Month{})
	var size int64
	for b.Loop() {
		n, err := (&Workbook{Breakdown: bd, Scorecard: card}).WriteTo(io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		size = n
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}

func BenchmarkWorkbookTracking20k(b *testing.B)  { benchmarkTracking(b, 20_000) }
func BenchmarkWorkbookTracking100k(b *testing.B) { benchmarkTracking(b, 100_000) }
