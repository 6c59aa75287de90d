package render

import (
	"math/big"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// The several metrics of a workbook (SPEC §11): a split sheet per metric
// other than the workbook's own, a tracking sheet per other tracked metric
// and a scorecard sheet (ratios and the KPI score). These sheets hold values
// (the engine's exact figures), not formulas.

// metricLabels are the texts of the metric sheets in one language.
type metricLabels struct {
	Split, Tracking, Scorecard                                  string
	Dimension, Status, YTDTarget, YTDActual, Attainment         string
	Utilisation, FYTarget, Remaining, Forecast, Payout, Score   string
	Ratio, Numerator, Denominator, Actual, KPI, Metric, Weights string
	Green, Yellow, Red                                          string

	Ageing, Outstanding, Overdue, Customer, Invoice, Due, Days, Bucket string
}

var chineseMetricLabels = metricLabels{
	Split: "分解", Tracking: "跟踪", Scorecard: "计分卡",
	Dimension: "维度", Status: "状态", YTDTarget: "累计目标", YTDActual: "累计实际", Attainment: "达成率",
	Utilisation: "使用率", FYTarget: "全年目标", Remaining: "剩余", Forecast: "预测", Payout: "奖金系数", Score: "得分",
	Ratio: "比率", Numerator: "分子", Denominator: "分母", Actual: "实际", KPI: "KPI", Metric: "指标", Weights: "权重",
	Green: "绿", Yellow: "黄", Red: "红",
	Ageing: "账龄", Outstanding: "未回款", Overdue: "逾期", Customer: "客户", Invoice: "发票", Due: "到期日", Days: "逾期天数", Bucket: "账龄段",
}

var englishMetricLabels = metricLabels{
	Split: "split", Tracking: "tracking", Scorecard: "Scorecard",
	Dimension: "Dimension", Status: "Status", YTDTarget: "YTD target", YTDActual: "YTD actual", Attainment: "Attainment",
	Utilisation: "Utilisation", FYTarget: "FY target", Remaining: "Remaining", Forecast: "Forecast", Payout: "Payout", Score: "Score",
	Ratio: "Ratio", Numerator: "Numerator", Denominator: "Denominator", Actual: "Actual", KPI: "KPI", Metric: "Metric", Weights: "Weights",
	Green: "green", Yellow: "yellow", Red: "red",
	Ageing: "Ageing", Outstanding: "Outstanding", Overdue: "Overdue", Customer: "Customer", Invoice: "Invoice", Due: "Due", Days: "Days", Bucket: "Bucket",
}

func (bk *book) metricText() metricLabels {
	if bk.text.Lang == chineseLabels.Lang {
		return chineseMetricLabels
	}
	return englishMetricLabels
}

// statusText writes a status in the workbook's language.
func (t metricLabels) statusText(s plan.TrackStatus) string {
	switch s {
	case plan.StatusGreen:
		return t.Green
	case plan.StatusYellow:
		return t.Yellow
	case plan.StatusRed:
		return t.Red
	}
	return ""
}

// metricSheets adds the metric sheets to the list, in order: the splits, the
// trackings, the scorecard.
func (bk *book) metricSheets(names *sheetNames, sheets []sheet) []sheet {
	t := bk.metricText()
	for _, b := range bk.wb.MetricSplits {
		if b.Collect != nil {
			name := names.add(b.Metric + " " + bk.collectText().Sheet)
			sheets = append(sheets, sheet{name, func() error { return bk.collectionsSheet(name, b) }})
			continue
		}
		name := names.add(b.Metric + " " + t.Split)
		sheets = append(sheets, sheet{name, func() error { return bk.metricSplitSheet(name, b) }})
	}
	if r := bk.wb.Ageing; r != nil {
		name := names.add(t.Ageing)
		sheets = append(sheets, sheet{name, func() error { return bk.ageingSheet(name, r) }})
	}
	ms := bk.wb.Metrics
	if ms == nil {
		return sheets
	}
	for _, c := range ms.Cards {
		if c == bk.wb.Scorecard || c.Breakdown.Metric == bk.b.Metric {
			continue
		}
		name := names.add(c.Breakdown.Metric + " " + t.Tracking)
		sheets = append(sheets, sheet{name, func() error { return bk.metricTrackingSheet(name, c) }})
	}
	if len(ms.Ratios) > 0 || ms.KPI != nil {
		name := names.add(t.Scorecard)
		sheets = append(sheets, sheet{name, func() error { return bk.scorecardSheet(name, ms) }})
	}
	return sheets
}

// sheetWriter writes rows of values on one sheet.
type sheetWriter struct {
	bk    *book
	sheet string
	row   int
	err   error
	st    struct{ header, title, money, share, plain int }
	fills map[plan.TrackStatus]int
}

func (bk *book) newSheetWriter(sheet string, places int) *sheetWriter {
	w := &sheetWriter{bk: bk, sheet: sheet, row: 1}
	get := func(c cellStyle) int {
		if w.err != nil {
			return 0
		}
		id, err := bk.styleID(c)
		w.err = err
		return id
	}
	w.st.header = get(cellStyle{header: true})
	w.st.title = get(cellStyle{title: true})
	fmtMoney := "#,##0"
	if places > 0 {
		fmtMoney += "." + strings.Repeat("0", places)
	}
	w.st.money = get(cellStyle{numFmt: fmtMoney})
	w.st.share = get(cellStyle{numFmt: "0.0%"})
	w.fills = map[plan.TrackStatus]int{}
	for _, f := range []struct {
		s     plan.TrackStatus
		color string
	}{{plan.StatusGreen, "C6EFCE"}, {plan.StatusYellow, "FFEB9C"}, {plan.StatusRed, "FFC7CE"}} { // fixed order: the same bytes every run
		if w.err != nil {
			break
		}
		w.fills[f.s], w.err = bk.f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{f.color}}})
	}
	return w
}

// put writes one row of cells and moves down.
func (w *sheetWriter) put(cells ...any) {
	if w.err != nil {
		return
	}
	ref, _ := excelize.CoordinatesToCellName(1, w.row)
	w.err = w.bk.f.SetSheetRow(w.sheet, ref, &cells)
	w.row++
}

// style styles cells [from, to] (1-based columns) of the previous row.
func (w *sheetWriter) style(from, to, id int) {
	if w.err != nil {
		return
	}
	a, _ := excelize.CoordinatesToCellName(from, w.row-1)
	b, _ := excelize.CoordinatesToCellName(to, w.row-1)
	w.err = w.bk.f.SetCellStyle(w.sheet, a, b, id)
}

// status fills the status cell (column col) of the previous row.
func (w *sheetWriter) status(col int, s plan.TrackStatus) {
	if id, ok := w.fills[s]; ok {
		w.style(col, col, id)
	}
}

func (w *sheetWriter) done() error {
	if w.err == nil {
		w.err = w.bk.f.SetColWidth(w.sheet, "A", "B", 18)
	}
	if w.err != nil {
		return xlsxErr(w.err)
	}
	return nil
}

// exact returns a number cell's value: the float nearest an exact figure, or
// an empty cell for nil.
func exact(r *big.Rat) any {
	if r == nil {
		return nil
	}
	return ratFloat(r)
}

func nodeName(r *plan.Row) string { return strings.Repeat("  ", r.Depth-1) + r.Name() }

// metricSplitSheet writes a metric's split: per dimension, every node's share,
// year and months.
func (bk *book) metricSplitSheet(sheet string, b *plan.Breakdown) error {
	t, l := bk.metricText(), bk.text
	w := bk.newSheetWriter(sheet, b.Unit.Places())
	w.put(bk.b.Plan.Name + " · " + b.Metric + " (" + string(b.Kind) + ")")
	w.style(1, 1, w.st.title)
	w.put(l.Target, exact(b.Unit.Amount(b.Target)), l.Reserve, exact(b.Unit.Amount(b.Reserve)), l.Allocated, exact(b.Unit.Amount(b.Allocated)))
	w.style(2, 2, w.st.money)
	w.style(4, 4, w.st.money)
	w.style(6, 6, w.st.money)
	header := []any{t.Dimension, l.Node, l.Share, l.Annual}
	for _, m := range b.Calendar.MonthLabels() {
		header = append(header, m)
	}
	w.put(header...)
	w.style(1, len(header), w.st.header)
	top := []any{"", l.Total, 1.0, exact(b.Unit.Amount(b.Allocated))}
	for _, v := range b.Months {
		top = append(top, exact(b.Unit.Amount(v)))
	}
	w.put(top...)
	w.style(3, 3, w.st.share)
	w.style(4, len(top), w.st.money)
	for _, d := range b.Dimensions {
		for _, r := range d.Rows {
			cells := []any{d.Name, nodeName(r), exact(r.Share), exact(b.Unit.Amount(r.Amount))}
			for _, v := range r.Months {
				cells = append(cells, exact(b.Unit.Amount(v)))
			}
			w.put(cells...)
			w.style(3, 3, w.st.share)
			w.style(4, len(cells), w.st.money)
		}
	}
	return w.done()
}

// metricTrackingSheet writes a tracked metric's year to date per node.
func (bk *book) metricTrackingSheet(sheet string, c *plan.Scorecard) error {
	t := bk.metricText()
	b := c.Breakdown
	w := bk.newSheetWriter(sheet, max(b.Unit.Places(), 2))
	w.put(bk.b.Plan.Name + " · " + b.Metric + " · " + c.AsOf.String())
	w.style(1, 1, w.st.title)
	att := t.Attainment
	if b.Kind == plan.KindCost {
		att = t.Utilisation
	}
	header := []any{t.Dimension, bk.text.Node, t.Status, t.YTDTarget, t.YTDActual, att, t.FYTarget, t.Remaining, t.Forecast, t.Payout}
	w.put(header...)
	w.style(1, len(header), w.st.header)
	row := func(dim, name string, n *plan.NodeScore) {
		w.put(dim, name, t.statusText(n.Status), exact(b.Unit.Amount(n.YTDTarget)), exact(n.YTDActual), exact(n.Attainment),
			exact(b.Unit.Amount(n.FYTarget)), exact(n.Remaining), exact(n.Forecast), exact(n.Payout))
		w.style(4, 5, w.st.money)
		w.style(6, 6, w.st.share)
		w.style(7, 9, w.st.money)
		w.style(10, 10, w.st.share)
		w.status(3, n.Status)
	}
	for _, d := range c.Dimensions {
		for _, n := range d.Nodes {
			row(d.Name, nodeName(n.Row), n)
		}
		row(d.Name, bk.text.Total, d.Total)
	}
	return w.done()
}

// scorecardSheet writes the ratios and the KPI score per node.
func (bk *book) scorecardSheet(sheet string, ms *plan.MetricsScorecard) error {
	t := bk.metricText()
	w := bk.newSheetWriter(sheet, 2)
	w.put(bk.b.Plan.Name + " · " + t.Scorecard + " · " + ms.AsOf.String())
	w.style(1, 1, w.st.title)
	for _, r := range ms.Ratios {
		m := r.Metric
		w.row++
		w.put(t.Ratio + " " + m.Name + " = " + m.Numerator + " / " + m.Denominator)
		w.style(1, 1, w.st.header)
		header := []any{t.Dimension, bk.text.Node, t.Status, bk.text.Target, m.Numerator, m.Denominator, t.Actual, t.Attainment}
		w.put(header...)
		w.style(1, len(header), w.st.header)
		row := func(dim, name string, n *plan.RatioNode) {
			w.put(dim, name, t.statusText(n.Status), exact(n.Target), exact(n.Numerator), exact(n.Denominator), exact(n.Actual), exact(n.Attainment))
			w.style(4, 4, w.st.share)
			w.style(5, 6, w.st.money)
			w.style(7, 8, w.st.share)
			w.status(3, n.Status)
		}
		for _, d := range r.Dimensions {
			for _, n := range d.Nodes {
				row(d.Name, nodeName(n.Row), n)
			}
			row(d.Name, bk.text.Total, d.Total)
		}
	}
	if k := ms.KPI; k != nil {
		for _, d := range k.Dimensions {
			w.row++
			w.put(t.KPI + " · " + d.Name)
			w.style(1, 1, w.st.header)
			header := []any{t.Dimension, bk.text.Node, t.Status, t.Score}
			for i, m := range d.Metrics {
				header = append(header, m+" "+Percent(d.Weights[i]))
			}
			header = append(header, t.Payout)
			w.put(header...)
			w.style(1, len(header), w.st.header)
			row := func(name string, n *plan.KPINode) {
				cells := []any{d.Name, name, t.statusText(n.Status), exact(n.Score)}
				for i := range d.Metrics {
					var v *big.Rat
					if i < len(n.Parts) {
						v = n.Parts[i]
					}
					cells = append(cells, exact(v))
				}
				cells = append(cells, exact(n.Payout))
				w.put(cells...)
				w.style(4, len(cells), w.st.share)
				w.status(3, n.Status)
			}
			for _, n := range d.Nodes {
				row(nodeName(n.Row), n)
			}
			row(bk.text.Total, d.Total)
		}
	}
	return w.done()
}
