package render

import (
	"math/big"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
)

// The fixed columns of the funnel sheet (1-based); then one column per stage
// (its new entries), two per activity (count, weekly average) and the twelve
// deal months.
const (
	fcName     = 1 // A: a team (bold, its path) or a person (indented, under the team)
	fcTarget   = 2 // B: the annual target
	fcDealSize = 3 // C: the deal size (people)
	fcDeals    = 4 // D: the deals
	fcStages   = 5 // E…: each stage's new entries
)

// funnelLabels are the funnel sheet's headers.
type funnelLabels struct {
	Node, Target, DealSize, Deals, New, Whole string
	// the team view and the activities
	TeamView, Revenue, DealsNeeded, Weekly, Before string
}

func (l *labels) funnel() funnelLabels {
	if l.Lang == chineseLabels.Lang {
		return funnelLabels{"团队 / 人员", "目标", "单笔金额", "成交数", "新增", "(整体目标)",
			"团队按月：收入与所需成交、新增", "收入", "成交", "周均", "年初前"}
	}
	return funnelLabels{"Team / person", "Target", "Deal size", "Deals", "new", "(whole target)",
		"Teams by month: revenue, the deals and new entries it takes", "revenue", "deals", "a week", "Before"}
}

// funnelLayout is where a result's variable columns sit.
type funnelLayout struct {
	stages, acts int
	month        int // the first deal month's column
	width        int
}

func newFunnelLayout(res *funnel.Result) funnelLayout {
	l := funnelLayout{stages: len(res.StageNames), acts: len(res.ActivityNames)}
	l.month = fcStages + l.stages + 2*l.acts
	l.width = l.month + 11
	return l
}

// funnelSheet writes the reverse funnel compactly, one row per person: the
// target, deal size (when the person's settings differ from the plan's) and
// deals, each stage's new entries, each activity's count and weekly average;
// above each team's people a bold row with the team's sums and its deals by
// month (outline level 1 for the people, so a manager folds the sheet to the
// teams); the total; then the team view by month (revenue, deals, leads). A
// person's entries by month are in `plan funnel --period month`: 20,000
// people fit in a few megabytes.
func (bk *book) funnelSheet(sheet string, res *funnel.Result) error {
	if err := checkFunnelCounts(res); err != nil {
		return err
	}
	teams := funnelTeams(res)
	if err := checkRows(sheet, 1+len(res.Rows)+len(teams)+2+len(teams)*3); err != nil {
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
	lay := newFunnelLayout(res)
	fw := &funnelWriter{bk: bk, sw: sw, res: res, lay: lay, rc: newRowCells(lay.width), text: bk.text.funnel()}
	if err := fw.styles(); err != nil {
		return err
	}
	if err := fw.layout(); err != nil {
		return err
	}
	team := -1
	sums := map[string]int{}
	for i, t := range teams {
		sums[t.label] = i
	}
	for _, r := range res.Rows {
		if len(r.Path) > 1 {
			key := strings.Join(r.Path[:len(r.Path)-1], "/")
			if i := sums[key]; i != team {
				team = i
				if err := fw.teamRow(&teams[i], key); err != nil {
					return err
				}
			}
		}
		if err := fw.person(r); err != nil {
			return err
		}
	}
	if err := fw.totalRow(); err != nil {
		return err
	}
	if err := fw.teamView(teams); err != nil {
		return err
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
	for _, a := range t.Activities {
		biggest = max(biggest, a.Total)
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
	lay  funnelLayout
	text funnelLabels
	rc   *rowCells
	row  int
	st   struct{ header, leaf, stage, money, moneyPlain, count, countBold, weekly, plain, total, totalMoney, totalCount int }
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
		{&fw.st.moneyPlain, cellStyle{numFmt: n.money}},
		{&fw.st.count, cellStyle{numFmt: "#,##0"}},
		{&fw.st.countBold, cellStyle{numFmt: "#,##0", bold: true}},
		{&fw.st.weekly, cellStyle{numFmt: "#,##0.0"}},
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
	sw, t, lay := fw.sw, fw.text, fw.lay
	nameW := textWidth(t.Node)
	for _, r := range fw.res.Rows {
		nameW = max(nameW, textWidth(funnelName(r, t))+1.5)
		if len(r.Path) > 1 {
			nameW = max(nameW, textWidth(strings.Join(r.Path[:len(r.Path)-1], "/")))
		}
	}
	moneyW := fw.bk.moneyWidth(fw.res.Total.Amount)
	for _, c := range []struct {
		lo, hi int
		w      float64
	}{
		{fcName, fcName, min(nameW+3, 60)}, {fcTarget, fcDealSize, moneyW}, {fcDeals, lay.month - 1, 10}, {lay.month, lay.month + 11, 9},
	} {
		if c.lo > c.hi {
			continue
		}
		if err := sw.SetColWidth(c.lo, c.hi, c.w); err != nil {
			return xlsxErr(err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}}); err != nil {
		return xlsxErr(err)
	}
	head := []string{t.Node, t.Target, t.DealSize, t.Deals}
	for _, s := range fw.res.StageNames {
		head = append(head, fw.bk.text.stageName(s)+" "+t.New)
	}
	for _, a := range fw.res.ActivityNames {
		head = append(head, a, a+" "+t.Weekly)
	}
	for _, m := range fw.res.Months {
		head = append(head, t.Deals+" "+m)
	}
	for i, h := range head {
		fw.rc.set(i, excelize.Cell{StyleID: fw.st.header, Value: h})
	}
	return fw.put(excelize.RowOpts{})
}

// funnelName is the name shown for a person: the leaf's name, or the whole
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

func sum64(vs []int64) int64 {
	var t int64
	for _, v := range vs {
		t += v
	}
	return t
}

// counts sets the stage, activity and month cells of a row; zeros are left
// empty on a person's row (no rows of zeros to read through).
func (fw *funnelWriter) counts(style int, blankZero bool, stages []int64, acts []funnel.ActivityWork, months []int64) {
	put := func(col int, v int64) {
		if v != 0 || !blankZero {
			fw.rc.set(col-1, excelize.Cell{StyleID: style, Value: v})
		}
	}
	weekly := func(r *big.Rat) float64 {
		f, _ := roundRat(r, 1).Float64() // shown to one decimal: kept to one
		return f
	}
	for i, v := range stages {
		put(fcStages+i, v)
	}
	for i, a := range acts {
		col := fcStages + fw.lay.stages + 2*i
		put(col, a.Total)
		if a.Weekly != nil && a.Total > 0 {
			fw.rc.set(col, excelize.Cell{StyleID: fw.st.weekly, Value: weekly(a.Weekly)})
		}
	}
	for m, v := range months {
		put(fw.lay.month+m, v)
	}
}

func stageNews(ss []funnel.StageWork) []int64 {
	out := make([]int64, len(ss))
	for i, s := range ss {
		out[i] = s.New
	}
	return out
}

// person writes a person's row.
func (fw *funnelWriter) person(r *funnel.Row) error {
	n := fw.bk.nums
	fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.stage, Value: funnelName(r, fw.text)})
	fw.rc.set(fcTarget-1, excelize.Cell{StyleID: fw.st.moneyPlain, Value: n.value(r.Amount)})
	if r.Overridden || len(r.Path) == 0 {
		fw.rc.set(fcDealSize-1, excelize.Cell{StyleID: fw.st.moneyPlain, Value: ratFloat(r.DealSize)})
	}
	fw.rc.set(fcDeals-1, excelize.Cell{StyleID: fw.st.countBold, Value: r.Deals})
	// a person's counts are small whole numbers: the default format shows
	// them as #,##0 would, and a style on each would cost a fifth of the sheet
	// a person's deals by month are in `plan funnel --period month`; here
	// the months are the teams' (and the total's), the grain a manager plans
	var months []int64
	if len(r.Path) <= 1 {
		months = r.DealMonths // a person without a team, or the whole target
	}
	fw.counts(0, true, stageNews(r.Stages), r.Activities, months)
	level := 0
	if len(r.Path) > 1 {
		level = 1
	}
	return fw.put(excelize.RowOpts{OutlineLevel: level})
}

// teamRow writes a team's row: its path and its people's sums.
func (fw *funnelWriter) teamRow(t *funnelTeam, label string) error {
	n := fw.bk.nums
	fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.leaf, Value: label})
	fw.rc.set(fcTarget-1, excelize.Cell{StyleID: fw.st.money, Value: n.value(t.amount)})
	fw.rc.set(fcDeals-1, excelize.Cell{StyleID: fw.st.countBold, Value: sum64(t.deals)})
	fw.counts(fw.st.countBold, false, t.news, t.acts, t.deals)
	return fw.put(excelize.RowOpts{})
}

// totalRow writes the total over every person.
func (fw *funnelWriter) totalRow() error {
	t := fw.res.Total
	n := fw.bk.nums
	fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.total, Value: fw.bk.text.Total})
	fw.rc.set(fcTarget-1, excelize.Cell{StyleID: fw.st.totalMoney, Value: n.value(t.Amount)})
	fw.rc.set(fcDeals-1, excelize.Cell{StyleID: fw.st.totalCount, Value: t.Deals})
	fw.counts(fw.st.totalCount, false, stageNews(t.Stages), t.Activities, t.DealMonths)
	return fw.put(excelize.RowOpts{})
}
