package render

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
)

// The columns of the funnel sheet (1-based).
const (
	fcName       = 1  // A: the leaf (bold) or, below it, a stage (indented)
	fcTarget     = 2  // B: the leaf's annual target
	fcDealSize   = 3  // C: its deal size
	fcDeals      = 4  // D: deals, SUM of the deal months
	fcRate       = 5  // E: the stage's rate (share that moves on)
	fcDays       = 6  // F: the stage's days
	fcRequired   = 7  // G: Rₛ, how many must pass through the stage
	fcPipeline   = 8  // H: Pₛ, in flight now
	fcNew        = 9  // I: newₛ, SUM of before and the months
	fcBefore     = 10 // J: new entries due before the fiscal year
	fcMonth      = 11 // K…V: new entries (stage rows) or deals (leaf rows) by month
	fcStage      = 23 // W: 0 on a leaf row, the stage's number on a stage row, stages + the activity's on an activity row (totals SUMIF on it)
	fcPath       = 24 // X: the leaf's path
	funnelColumn = 24
)

// funnelLabels are the funnel sheet's headers.
type funnelLabels struct {
	Node, Target, DealSize, Deals, Rate, Days, Required, Pipeline, New, Before, Stage, Whole string
	// the team view and the activities
	TeamView, Revenue, DealsNeeded, Weekly string
}

func (l *labels) funnel() funnelLabels {
	if l.Lang == chineseLabels.Lang {
		return funnelLabels{"节点 / 阶段", "目标", "单笔金额", "成交数", "转化率", "天数", "需经过", "在途", "新增", "年初前", "阶段序号", "(整体目标)",
			"团队按月：收入与所需成交、新增", "收入", "成交", "周均"}
	}
	return funnelLabels{"Node / stage", "Target", "Deal size", "Deals", "Rate", "Days", "Required", "Pipeline", "New", "Before", "Stage #", "(whole target)",
		"Teams by month: revenue, the deals and new entries it takes", "revenue", "deals", "a week"}
}

// funnelSheet writes the reverse funnel: per leaf a row with its target, deal
// size and deals by month (deals = SUM of the months), under it one row per
// stage with its rate, days, required, pipeline, and new entries before the
// year and by month (new = SUM of those); at the bottom the totals over the
// leaves (SUMIF on the stage number column). Counts are whole numbers.
func (bk *book) funnelSheet(sheet string, res *funnel.Result) error {
	if err := checkFunnelCounts(res); err != nil {
		return err
	}
	stages, acts := len(res.StageNames), len(res.ActivityNames)
	teams := funnelTeams(res)
	if err := checkRows(sheet, 1+len(res.Rows)*(1+stages+acts)+1+stages+acts+2+(len(teams)+1)*3); err != nil {
		return err
	}
	f := bk.f
	below := false
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{OutlineSummaryBelow: &below}); err != nil {
		return xlsxErr(err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return xlsxErr(err)
	}
	fw := &funnelWriter{bk: bk, sw: sw, res: res, rc: newRowCells(funnelColumn), text: bk.text.funnel()}
	if err := fw.styles(); err != nil {
		return err
	}
	if err := fw.layout(); err != nil {
		return err
	}
	for _, r := range res.Rows {
		if err := fw.leaf(r); err != nil {
			return err
		}
	}
	last := fw.row
	if err := fw.totals(last); err != nil {
		return err
	}
	if err := fw.teamView(teams); err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, rangeRef(fcName, 1, funnelColumn, max(last, 2)), nil); err != nil {
		return xlsxErr(err)
	}
	return xlsxErr2(sw.Flush())
}

// checkFunnelCounts refuses counts a spreadsheet cannot hold exactly.
func checkFunnelCounts(res *funnel.Result) error {
	t := res.Total
	biggest := t.Deals
	for _, s := range t.Stages {
		biggest = max(biggest, s.Required, s.Pipeline, s.New)
	}
	if biggest < 1_000_000_000_000_000 {
		return nil
	}
	return plan.Problemf("check deal_size and the stage rates", "cannot export the funnel: the count %d needs more than the %d significant digits a spreadsheet holds exactly", biggest, maxDigits)
}

// funnelWriter writes the funnel sheet row by row.
type funnelWriter struct {
	bk   *book
	sw   *excelize.StreamWriter
	res  *funnel.Result
	text funnelLabels
	rc   *rowCells
	row  int
	st   struct{ header, leaf, stage, money, count, countBold, share, plain, total, totalMoney, totalCount int }
}

func (fw *funnelWriter) styles() error {
	n := fw.bk.nums
	for _, x := range []struct {
		id *int
		c  cellStyle
	}{
		{&fw.st.header, cellStyle{header: true}},
		{&fw.st.leaf, cellStyle{bold: true}},
		{&fw.st.stage, cellStyle{indent: 1}},
		{&fw.st.money, cellStyle{numFmt: n.money, bold: true}},
		{&fw.st.count, cellStyle{numFmt: "#,##0"}},
		{&fw.st.countBold, cellStyle{numFmt: "#,##0", bold: true}},
		{&fw.st.share, cellStyle{numFmt: n.percent}},
		{&fw.st.plain, cellStyle{}},
		{&fw.st.total, cellStyle{bold: true, total: true}},
		{&fw.st.totalMoney, cellStyle{numFmt: n.money, bold: true, total: true}},
		{&fw.st.totalCount, cellStyle{numFmt: "#,##0", bold: true, total: true}},
	} {
		id, err := fw.bk.styleID(x.c)
		if err != nil {
			return err
		}
		*x.id = id
	}
	return nil
}

// layout sets the widths and panes and writes the header row.
func (fw *funnelWriter) layout() error {
	sw, t := fw.sw, fw.text
	nameW, pathW := textWidth(t.Node), textWidth(fw.bk.text.Path)
	for _, r := range fw.res.Rows {
		nameW = max(nameW, textWidth(funnelName(r, t)))
		pathW = max(pathW, textWidth(strings.Join(r.Path, "/")))
	}
	for _, s := range fw.res.StageNames {
		nameW = max(nameW, textWidth(s)+1.5)
	}
	moneyW := fw.bk.moneyWidth(fw.res.Total.Amount)
	for _, c := range []struct {
		lo, hi int
		w      float64
	}{
		{fcName, fcName, min(nameW+3, 60)}, {fcTarget, fcDealSize, moneyW}, {fcDeals, fcDeals, 10},
		{fcRate, fcDays, 9}, {fcRequired, fcBefore, 11}, {fcMonth, fcMonth + 11, 10}, {fcStage, fcStage, 9},
		{fcPath, fcPath, min(pathW+3, 80)},
	} {
		if err := sw.SetColWidth(c.lo, c.hi, c.w); err != nil {
			return xlsxErr(err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}}); err != nil {
		return xlsxErr(err)
	}
	head := []string{t.Node, t.Target, t.DealSize, t.Deals, t.Rate, t.Days, t.Required, t.Pipeline, t.New, t.Before}
	head = append(head, fw.res.Months...)
	head = append(head, t.Stage, fw.bk.text.Path)
	for i, h := range head {
		fw.rc.set(i, excelize.Cell{StyleID: fw.st.header, Value: h})
	}
	return fw.put(excelize.RowOpts{})
}

// funnelName is the name shown for a funnel row: the leaf's name, or the whole
// target's label.
func funnelName(r *funnel.Row, t funnelLabels) string {
	if len(r.Path) == 0 {
		return t.Whole
	}
	return r.Path[len(r.Path)-1]
}

// put writes the cells as the next row and clears them.
func (fw *funnelWriter) put(opts excelize.RowOpts) error {
	fw.row++
	err := fw.sw.SetRow(cellRef(1, fw.row), fw.rc.cells, opts)
	fw.rc.reset()
	return xlsxErr2(err)
}

// formula is a formula cell with its cached result (unless omitted).
func (fw *funnelWriter) formula(style int, f string, result any) excelize.Cell {
	if fw.bk.wb.omitCached {
		return excelize.Cell{StyleID: style, Formula: f}
	}
	return excelize.Cell{StyleID: style, Formula: f, Value: result}
}

func sum64(vs []int64) int64 {
	var t int64
	for _, v := range vs {
		t += v
	}
	return t
}

// leaf writes a leaf's row and its stage rows.
func (fw *funnelWriter) leaf(r *funnel.Row) error {
	n := fw.bk.nums
	row := fw.row + 1
	fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.leaf, Value: funnelName(r, fw.text)})
	fw.rc.set(fcTarget-1, excelize.Cell{StyleID: fw.st.money, Value: n.value(r.Amount)})
	fw.rc.set(fcDealSize-1, excelize.Cell{StyleID: fw.st.money, Value: ratFloat(r.DealSize)})
	fw.rc.set(fcDeals-1, fw.formula(fw.st.countBold, "SUM("+rangeRef(fcMonth, row, fcMonth+11, row)+")", sum64(r.DealMonths)))
	for m, v := range r.DealMonths {
		fw.rc.set(fcMonth+m-1, excelize.Cell{StyleID: fw.st.countBold, Value: v})
	}
	fw.rc.set(fcStage-1, excelize.Cell{StyleID: fw.st.plain, Value: 0})
	path := strings.Join(r.Path, "/")
	fw.rc.set(fcPath-1, excelize.Cell{StyleID: fw.st.plain, Value: path})
	if err := fw.put(excelize.RowOpts{}); err != nil {
		return err
	}
	for i, s := range r.Stages {
		if s.Required == 0 && s.Pipeline == 0 {
			continue // no row of zeros: the stage has nothing to do
		}
		row := fw.row + 1
		fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.stage, Value: s.Name})
		if s.Rate != nil {
			fw.rc.set(fcRate-1, excelize.Cell{StyleID: fw.st.share, Value: ratFloat(s.Rate)})
		}
		fw.rc.set(fcDays-1, excelize.Cell{StyleID: fw.st.plain, Value: s.Days})
		fw.rc.set(fcRequired-1, excelize.Cell{StyleID: fw.st.count, Value: s.Required})
		fw.rc.set(fcPipeline-1, excelize.Cell{StyleID: fw.st.count, Value: s.Pipeline})
		fw.rc.set(fcNew-1, fw.formula(fw.st.count, "SUM("+rangeRef(fcBefore, row, fcMonth+11, row)+")", s.Before+sum64(s.Months)))
		fw.rc.set(fcBefore-1, excelize.Cell{StyleID: fw.st.count, Value: s.Before})
		for m, v := range s.Months {
			fw.rc.set(fcMonth+m-1, excelize.Cell{StyleID: fw.st.count, Value: v})
		}
		fw.rc.set(fcStage-1, excelize.Cell{StyleID: fw.st.plain, Value: i + 1})
		fw.rc.set(fcPath-1, excelize.Cell{StyleID: fw.st.plain, Value: path})
		if err := fw.put(excelize.RowOpts{OutlineLevel: 1}); err != nil {
			return err
		}
	}
	for i, a := range r.Activities {
		if a.Total == 0 {
			continue
		}
		if err := fw.activity(a, len(r.Stages)+1+i, path); err != nil {
			return err
		}
	}
	return nil
}

// activity writes an activity's row under its leaf: its name with the
// weekly average, its count (SUM of before and the months), before and the
// months.
func (fw *funnelWriter) activity(a funnel.ActivityWork, key int, path string) error {
	row := fw.row + 1
	name := a.Name
	if a.Weekly != nil {
		name += " · " + fw.text.Weekly + " " + funnelWeekly(a.Weekly)
	}
	fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.stage, Value: name})
	fw.rc.set(fcNew-1, fw.formula(fw.st.count, "SUM("+rangeRef(fcBefore, row, fcMonth+11, row)+")", a.Before+sum64(a.Months)))
	fw.rc.set(fcBefore-1, excelize.Cell{StyleID: fw.st.count, Value: a.Before})
	for m, v := range a.Months {
		fw.rc.set(fcMonth+m-1, excelize.Cell{StyleID: fw.st.count, Value: v})
	}
	fw.rc.set(fcStage-1, excelize.Cell{StyleID: fw.st.plain, Value: key})
	if path != "" {
		fw.rc.set(fcPath-1, excelize.Cell{StyleID: fw.st.plain, Value: path})
	}
	return fw.put(excelize.RowOpts{OutlineLevel: 1})
}

// totals writes the total row (targets and deals over the leaves) and one total
// row per stage, each a SUMIF over the stage number column of rows 2..last.
func (fw *funnelWriter) totals(last int) error {
	t := fw.res.Total
	n := fw.bk.nums
	lo := 2
	sumif := func(key, col int) string {
		return "SUMIF(" + rangeRef(fcStage, lo, fcStage, last) + "," + strconv.Itoa(key) + "," + rangeRef(col, lo, col, last) + ")"
	}
	row := fw.row + 1
	fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.total, Value: fw.bk.text.Total})
	fw.rc.set(fcTarget-1, fw.formula(fw.st.totalMoney, n.sum(sumif(0, fcTarget)), n.value(t.Amount)))
	fw.rc.set(fcDeals-1, fw.formula(fw.st.totalCount, "SUM("+rangeRef(fcMonth, row, fcMonth+11, row)+")", t.Deals))
	for m, v := range t.DealMonths {
		fw.rc.set(fcMonth+m-1, fw.formula(fw.st.totalCount, sumif(0, fcMonth+m), v))
	}
	if err := fw.put(excelize.RowOpts{}); err != nil {
		return err
	}
	for i, s := range t.Stages {
		row := fw.row + 1
		key := i + 1
		fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.stage, Value: s.Name})
		fw.rc.set(fcRequired-1, fw.formula(fw.st.count, sumif(key, fcRequired), s.Required))
		fw.rc.set(fcPipeline-1, fw.formula(fw.st.count, sumif(key, fcPipeline), s.Pipeline))
		fw.rc.set(fcNew-1, fw.formula(fw.st.count, "SUM("+rangeRef(fcBefore, row, fcMonth+11, row)+")", s.Before+sum64(s.Months)))
		fw.rc.set(fcBefore-1, fw.formula(fw.st.count, sumif(key, fcBefore), s.Before))
		for m, v := range s.Months {
			fw.rc.set(fcMonth+m-1, fw.formula(fw.st.count, sumif(key, fcMonth+m), v))
		}
		if err := fw.put(excelize.RowOpts{OutlineLevel: 1}); err != nil {
			return err
		}
	}
	for i, a := range t.Activities {
		row := fw.row + 1
		key := len(t.Stages) + 1 + i
		name := a.Name
		if a.Weekly != nil {
			name += " · " + fw.text.Weekly + " " + funnelWeekly(a.Weekly)
		}
		fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.stage, Value: name})
		fw.rc.set(fcNew-1, fw.formula(fw.st.count, "SUM("+rangeRef(fcBefore, row, fcMonth+11, row)+")", a.Before+sum64(a.Months)))
		fw.rc.set(fcBefore-1, fw.formula(fw.st.count, sumif(key, fcBefore), a.Before))
		for m, v := range a.Months {
			fw.rc.set(fcMonth+m-1, fw.formula(fw.st.count, sumif(key, fcMonth+m), v))
		}
		if err := fw.put(excelize.RowOpts{OutlineLevel: 1}); err != nil {
			return err
		}
	}
	return nil
}
