package render

import (
	"math/big"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// summaryWriter writes the summary sheet row by row.
type summaryWriter struct {
	bk   *book
	sw   *excelize.StreamWriter
	row  int // the last row written
	cols int // the most cells in a row
	st   struct {
		title, label, text, header, money, share, totalName, totalMoney, totalShare, plain, note, computed int
	}
}

// put writes the next row (after skip blank rows) and returns its number. A
// dry run (no stream writer) only counts the rows and columns.
func (s *summaryWriter) put(skip int, cells ...any) (int, error) {
	s.row += skip + 1
	s.cols = max(s.cols, len(cells))
	if s.sw == nil {
		return s.row, nil
	}
	return s.row, xlsxErr2(s.sw.SetRow(cellRef(1, s.row), cells))
}

// summarySteps are the summary's sections, in order.
var summarySteps = []func(*summaryWriter) error{(*summaryWriter).facts, (*summaryWriter).tiers, (*summaryWriter).timeSplit, (*summaryWriter).dimensions, (*summaryWriter).tracking, (*summaryWriter).metrics}

// summaryExtent is the summary's last column and row: a dry run of its
// sections.
func (bk *book) summaryExtent() (int, int) {
	s := &summaryWriter{bk: bk}
	for _, step := range summarySteps {
		if err := step(s); err != nil {
			return 1, 1 // the real run reports it
		}
	}
	return s.cols, s.row
}

// formula is a formula cell with its cached result (unless omitted).
func (s *summaryWriter) formula(style int, f string, result any) excelize.Cell {
	if s.bk.wb.omitCached {
		return excelize.Cell{StyleID: style, Formula: f}
	}
	return excelize.Cell{StyleID: style, Formula: f, Value: result}
}

// summarySheet writes the first sheet: what plan this is (name, source,
// SHA-256, commit, currency, tier, metric, round), its target, reserve and
// allocated amounts, its tiers, the time split by month (values) and quarter
// (SUM of months) with a column chart of the months, and the top-level split of
// every dimension (references to the dimension sheets, totals as SUM).
func (bk *book) summarySheet() error {
	sw, err := bk.f.NewStreamWriter(bk.summary)
	if err != nil {
		return xlsxErr(err)
	}
	s := &summaryWriter{bk: bk, sw: sw}
	for _, x := range []struct {
		id *int
		c  cellStyle
	}{
		{&s.st.title, cellStyle{title: true}},
		{&s.st.label, cellStyle{bold: true}},
		{&s.st.text, cellStyle{}},
		{&s.st.header, cellStyle{header: true}},
		{&s.st.money, cellStyle{numFmt: bk.nums.money}},
		{&s.st.share, cellStyle{numFmt: bk.nums.percent}},
		{&s.st.totalName, cellStyle{bold: true, total: true}},
		{&s.st.totalMoney, cellStyle{numFmt: bk.nums.money, bold: true, total: true}},
		{&s.st.totalShare, cellStyle{numFmt: bk.nums.percent, bold: true, total: true}},
		{&s.st.plain, cellStyle{numFmt: "General"}},
		{&s.st.note, cellStyle{note: true}},
		{&s.st.computed, cellStyle{numFmt: bk.nums.money, computed: true}},
	} {
		if *x.id, err = bk.styleID(x.c); err != nil {
			return err
		}
	}
	if err := bk.summaryWidths(sw); err != nil {
		return err
	}
	for _, step := range summarySteps {
		if err := step(s); err != nil {
			return err
		}
	}
	return xlsxErr2(sw.Flush())
}

// summaryWidths sizes the summary's columns: labels and top-level names in A,
// amounts in B…G.
func (bk *book) summaryWidths(sw *excelize.StreamWriter) error {
	t := bk.text
	w := 12.0
	for _, l := range []string{t.Source, t.Commit, t.Currency, t.Round, t.Units, t.Target, t.Reserve, t.Allocated, t.Tiers, t.Month, t.Year, t.Total} {
		w = max(w, textWidth(l))
	}
	for _, d := range bk.b.Dimensions {
		w = max(w, textWidth(d.Name))
		for _, r := range d.Roots {
			w = max(w, textWidth(r.Name()))
		}
	}
	if err := sw.SetColWidth(1, 1, min(w+3, 50)); err != nil {
		return xlsxErr(err)
	}
	return xlsxErr2(sw.SetColWidth(2, 7, bk.moneyWidth(bk.b.Target)))
}

// facts writes the title and the plan's facts, one label and value per row.
func (s *summaryWriter) facts() error {
	bk, t, b := s.bk, s.bk.text, s.bk.b
	pv := bk.wb.Provenance
	if _, err := s.put(0, excelize.Cell{StyleID: s.st.title, Value: b.Plan.Name}); err != nil {
		return err
	}
	text := func(label, value string) error {
		if value == "" {
			return nil
		}
		_, err := s.put(0, excelize.Cell{StyleID: s.st.label, Value: label}, excelize.Cell{StyleID: s.st.text, Value: value})
		return err
	}
	if _, err := s.put(0, excelize.Cell{StyleID: s.st.note, Value: t.ComputedNote}); err != nil {
		return err
	}
	commit := pv.GitCommit
	if commit != "" && pv.GitState != "" && pv.GitState != "clean" {
		commit += " (" + pv.GitState + ")"
	}
	for _, f := range [][2]string{
		{t.Source, pv.Source}, {t.SHA256, pv.SHA256}, {t.Commit, commit}, {t.Currency, b.Plan.Currency},
		{t.Tier, b.Tier}, {t.Metric, b.Metric},
	} {
		if err := text(f[0], f[1]); err != nil {
			return err
		}
	}
	if _, err := s.put(0, excelize.Cell{StyleID: s.st.label, Value: t.Round}, excelize.Cell{StyleID: s.st.plain, Value: bk.nums.value(1)}); err != nil {
		return err
	}
	if err := text(t.Units, string(bk.wb.Units)); err != nil {
		return err
	}
	n := bk.nums
	target, err := s.put(0, excelize.Cell{StyleID: s.st.label, Value: t.Target}, excelize.Cell{StyleID: s.st.money, Value: n.value(b.Target)})
	if err != nil {
		return err
	}
	reserve := []any{excelize.Cell{StyleID: s.st.label, Value: t.Reserve}, excelize.Cell{StyleID: s.st.money, Value: n.value(b.Reserve)}}
	if b.ReserveRate() != nil {
		reserve = append(reserve, excelize.Cell{StyleID: s.st.share, Value: ratFloat(b.ReserveRate())})
	}
	res, err := s.put(0, reserve...)
	if err != nil {
		return err
	}
	_, err = s.put(0, excelize.Cell{StyleID: s.st.label, Value: t.Allocated},
		s.formula(s.st.money, n.sum(cellRef(2, target)+"-"+cellRef(2, res)), n.value(b.Allocated)))
	return err
}

// tiers writes the plan's tiers with their factors (references to the
// assumptions sheet) and targets: the base target × the factor, rounded to
// the unit (halves up, SPEC §4), as formulas.
func (s *summaryWriter) tiers() error {
	tt := tierTargets(s.bk.b)
	if len(tt) == 0 {
		return nil
	}
	bk, t := s.bk, s.bk.text
	h := s.st.header
	if _, err := s.put(1, excelize.Cell{StyleID: h, Value: t.Tiers}, excelize.Cell{StyleID: h, Value: t.Factor}, excelize.Cell{StyleID: h, Value: t.Target}); err != nil {
		return err
	}
	al := bk.assumeRows()
	unit := strconv.FormatFloat(bk.nums.value(1), 'f', -1, 64)
	for i, x := range tt {
		factor := quoteSheet(bk.assumptions) + "$B$" + strconv.Itoa(al.tierFactor[i])
		target := "ROUND(plan_base_target*" + factor + "/" + unit + ",0)*" + unit
		if unit == "1" {
			target = "ROUND(plan_base_target*" + factor + ",0)"
		}
		cell := s.formula(s.st.money, bk.nums.sum(target), bk.nums.value(x.target))
		if base, ok := metricBase(bk.b); !ok || base == nil || !sameRounding(bk.b, base, x) {
			// a target not made from the base by the factor: plan's value
			cell = excelize.Cell{StyleID: s.st.computed, Value: bk.nums.value(x.target)}
		}
		if _, err := s.put(0, excelize.Cell{StyleID: s.st.text, Value: x.name}, s.formula(s.st.share, factor, ratFloat(x.factor)), cell); err != nil {
			return err
		}
	}
	return nil
}

// sameRounding reports whether a tier's target is the base × its factor
// rounded to the unit, as the summary's formula computes it.
func sameRounding(b *plan.Breakdown, base *big.Rat, x tierTarget) bool {
	n, ok := b.Unit.RoundHalfUp(new(big.Rat).Mul(base, x.factor))
	return ok && n == x.target
}

// timeSplit writes the time split: each month's target (a reference to the
// first dimension's total row, so that it follows edits), the cumulative
// target, and with actuals each closed month's actual (a reference to the
// tracking sheet's first total row); the quarters and the year as SUM of
// their months; a chart of the months beside it (target and actual columns,
// the cumulative target as a line). A page break keeps table and chart on one
// printed page.
func (s *summaryWriter) timeSplit() error {
	bk, t, b, n := s.bk, s.bk.text, s.bk.b, s.bk.nums
	h := s.st.header
	card := bk.wb.Scorecard
	var blocks []*trackBlock
	if card != nil {
		blocks, _ = bk.trackLayout(card)
	}
	head := []any{excelize.Cell{StyleID: h, Value: t.TimeSplit}, excelize.Cell{StyleID: h, Value: t.Target}, excelize.Cell{StyleID: h, Value: t.Cumulative}}
	if len(blocks) > 0 {
		head = append(head, excelize.Cell{StyleID: h, Value: t.Actual})
	}
	top, err := s.put(1, head...)
	if err != nil {
		return err
	}
	if s.sw != nil {
		if err := bk.f.InsertPageBreak(bk.summary, cellRef(1, top-1)); err != nil {
			return xlsxErr(err)
		}
	}
	first := top + 1
	var total int64
	actualMoney := s.st.money
	if len(blocks) > 0 {
		tn, err := newTrackNumbers(card, n, bk.wb.Units)
		if err != nil {
			return err
		}
		if actualMoney, err = bk.styleID(cellStyle{numFmt: tn.money}); err != nil {
			return err
		}
	}
	for m, label := range b.Calendar.MonthLabels() {
		row := first + m
		total += b.Months[m]
		target := excelize.Cell{StyleID: s.st.computed, Value: n.value(b.Months[m])}
		if len(bk.dims) > 0 {
			dl := bk.dims[0]
			target = s.formula(s.st.money, quoteSheet(dl.sheet)+cellRef(colMonth+m, dl.total), n.value(b.Months[m]))
		}
		cells := []any{excelize.Cell{StyleID: s.st.text, Value: label}, target,
			s.formula(s.st.money, n.sum("SUM("+rangeRef(2, first, 2, first)+":"+cellRef(2, row)+")"), n.value(total))}
		if len(blocks) > 0 && m <= card.AsOfIndex {
			tb := blocks[0]
			cells = append(cells, s.formula(actualMoney, quoteSheet(bk.trackSheet)+cellRef(tcMonth+m, tb.total), amountFloat(tb.ds.Total.Actual[m])))
		}
		if _, err := s.put(0, cells...); err != nil {
			return err
		}
	}
	lastMonth := s.row
	for q := range 4 {
		var sum int64
		for _, v := range b.Months[q*3 : q*3+3] {
			sum += v
		}
		lo := first + q*3
		cells := []any{excelize.Cell{StyleID: s.st.text, Value: "Q" + string(rune('1'+q))},
			s.formula(s.st.money, n.sum("SUM("+rangeRef(2, lo, 2, lo+2)+")"), n.value(sum))}
		if len(blocks) > 0 && q*3 <= card.AsOfIndex {
			cells = append(cells, nil, s.formula(actualMoney, s.actualSum(card, blocks[0], lo, min(lo+2, first+card.AsOfIndex)), s.actualValue(blocks[0], q*3, min(q*3+2, card.AsOfIndex))))
		}
		if _, err := s.put(0, cells...); err != nil {
			return err
		}
	}
	var year int64
	for _, v := range b.Months {
		year += v
	}
	cells := []any{excelize.Cell{StyleID: s.st.totalName, Value: t.Year},
		s.formula(s.st.totalMoney, n.sum("SUM("+rangeRef(2, first, 2, lastMonth)+")"), n.value(year))}
	if len(blocks) > 0 {
		totalActual, err := bk.styleID(cellStyle{numFmt: bk.styleFormat(actualMoney), bold: true, total: true})
		if err != nil {
			return err
		}
		cells = append(cells, excelize.Cell{StyleID: s.st.totalName},
			s.formula(totalActual, s.actualSum(card, blocks[0], first, first+card.AsOfIndex), s.actualValue(blocks[0], 0, card.AsOfIndex)))
	}
	if _, err := s.put(0, cells...); err != nil {
		return err
	}
	if s.sw == nil {
		return nil
	}
	return bk.monthChart(top, first, lastMonth, len(blocks) > 0)
}

// actualSum is the formula summing the actual column (D) of the summary over
// rows lo…hi, rounded onto the actuals' decimals.
func (s *summaryWriter) actualSum(card *plan.Scorecard, tb *trackBlock, lo, hi int) string {
	tn, _ := newTrackNumbers(card, s.bk.nums, s.bk.wb.Units)
	return tn.sum("SUM(" + rangeRef(4, lo, 4, hi) + ")")
}

// actualValue is the sum of a tracking block's total actuals of months lo…hi.
func (s *summaryWriter) actualValue(tb *trackBlock, lo, hi int) float64 {
	sum := new(big.Rat)
	for m := lo; m <= hi; m++ {
		sum.Add(sum, tb.ds.Total.Actual[m])
	}
	return amountFloat(sum)
}

// styleFormat is the number format of a style made by styleID.
func (bk *book) styleFormat(id int) string {
	for c, x := range bk.style {
		if x == id {
			return c.numFmt
		}
	}
	return ""
}

// labelFormat is the number format of the chart's value labels: short, in
// 万 (Chinese) or M, or in full for small amounts.
func (bk *book) labelFormat() string {
	n := bk.nums
	var biggest int64
	for _, v := range bk.b.Months {
		biggest = max(biggest, v)
	}
	u := UnitsMillion
	if bk.text.Lang == chineseLabels.Lang {
		u = UnitsWan
	}
	return n.moneyIn(levelUnit(u, n.value(biggest)))
}

// monthChart draws the months beside the time split: the targets (and the
// actuals) as columns of one colour each, the cumulative target as a line on
// a second axis, values labelled.
func (bk *book) monthChart(head, first, last int, actuals bool) error {
	t, n := bk.text, bk.nums
	sheet := quoteSheet(bk.summary)
	col := func(c int) string { return colNames[c] }
	rng := func(c int) string {
		return sheet + "$" + col(c) + "$" + strconv.Itoa(first) + ":$" + col(c) + "$" + strconv.Itoa(last)
	}
	name := func(c int) string { return sheet + "$" + col(c) + "$" + strconv.Itoa(head) }
	cats := rng(1)
	axisFont := excelize.Font{Family: t.bodyFont(), Size: 10, Color: "404040"}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	label := excelize.ChartDataLabel{Font: excelize.Font{Family: t.bodyFont(), Size: 8, Color: "262626"}}
	series := []excelize.ChartSeries{{Name: name(2), Categories: cats, Values: rng(2), Fill: fill("4472C4"), DataLabel: label}}
	if actuals {
		series = append(series, excelize.ChartSeries{Name: name(4), Categories: cats, Values: rng(4), Fill: fill("ED7D31"), DataLabel: label})
	}
	no := false
	gap := uint(60)
	chart := &excelize.Chart{
		Type:       excelize.Col,
		Series:     series,
		VaryColors: &no,
		GapWidth:   &gap,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.MonthlyChart, Font: &excelize.Font{Family: t.bodyFont(), Size: 12, Bold: true, Color: "262626"}}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		Dimension:  excelize.ChartDimension{Width: 760, Height: 340},
		PlotArea:   excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: bk.labelFormat()}},
		XAxis:      excelize.ChartAxis{Font: axisFont},
		YAxis:      excelize.ChartAxis{MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: n.money}},
	}
	line := &excelize.Chart{
		Type: excelize.Line,
		Series: []excelize.ChartSeries{{Name: name(3), Categories: cats, Values: rng(3),
			Line: excelize.LineOptions{Width: 2.25}, Fill: fill("70AD47"), Marker: excelize.ChartMarker{Symbol: "circle", Size: 5}}},
		VaryColors: &no,
		YAxis:      excelize.ChartAxis{Secondary: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: n.money}},
	}
	return xlsxErr2(bk.f.AddChart(bk.summary, cellRef(6, head), chart, line))
}

// dimensions writes the top-level split of every dimension: each top-level
// node's share, year and quarters as references to its dimension sheet, and a
// total row (SUM of the rows above).
func (s *summaryWriter) dimensions() error {
	bk, t, n := s.bk, s.bk.text, s.bk.nums
	h := s.st.header
	for _, dl := range bk.dims {
		head := []any{excelize.Cell{StyleID: h, Value: dl.d.Name}, excelize.Cell{StyleID: h, Value: t.Share}, excelize.Cell{StyleID: h, Value: t.Annual}}
		for q := range 4 {
			head = append(head, excelize.Cell{StyleID: h, Value: "Q" + string(rune('1'+q))})
		}
		top, err := s.put(1, head...)
		if err != nil {
			return err
		}
		ref := quoteSheet(dl.sheet)
		var year int64
		quarters := make([]int64, 4)
		for _, r := range dl.d.Roots {
			row := dl.rowOf[r.Index]
			cells := []any{excelize.Cell{StyleID: s.st.text, Value: t.nodeName(r)},
				s.formula(s.st.share, ref+cellRef(colShare, row), ratFloat(r.Share)),
				s.formula(s.st.money, ref+cellRef(colAnnual, row), n.value(r.Amount))}
			year += r.Amount
			for q := range 4 {
				var v int64
				for _, m := range r.Months[q*3 : q*3+3] {
					v += m
				}
				quarters[q] += v
				cells = append(cells, s.formula(s.st.money, ref+cellRef(colQuarter+q, row), n.value(v)))
			}
			if _, err := s.put(0, cells...); err != nil {
				return err
			}
		}
		lo, hi := top+1, s.row
		total := []any{excelize.Cell{StyleID: s.st.totalName, Value: t.Total}, excelize.Cell{StyleID: s.st.totalShare, Value: 1}}
		sum := func(col int) string { return n.sum("SUM(" + rangeRef(col, lo, col, hi) + ")") }
		if hi < lo { // no top-level rows
			sum = func(int) string { return "0" }
		}
		total = append(total, s.formula(s.st.totalMoney, sum(3), n.value(year)))
		for q := range 4 {
			total = append(total, s.formula(s.st.totalMoney, sum(4+q), n.value(quarters[q])))
		}
		if _, err := s.put(0, total...); err != nil {
			return err
		}
	}
	return nil
}
