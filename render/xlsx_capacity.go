package render

import (
	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// windowLabels are the headers of the window columns and the capacity sheet.
type windowLabels struct {
	Start, End, Sheet, Node, Path, Headcount, FTE, Target, Capacity, Coverage, Gap string
}

func (l *labels) window() windowLabels {
	if l.Lang == chineseLabels.Lang {
		return windowLabels{"开始", "结束", "产能", "节点", "路径", "人数", "FTE", "目标", "产能", "覆盖率", "缺口"}
	}
	return windowLabels{"Start", "End", "Capacity", "Node", "Path", "Headcount", "FTE", "Target", "Capacity", "Coverage", "Gap"}
}

// windowHeader is the extra header of a dimension sheet whose dimension has
// windows (SPEC §9): each node's effective start and end; nil otherwise.
func (bk *book) windowHeader(dl *dimLayout) []string {
	d := bk.b.Plan.Dimension(dl.d.Name)
	if d == nil || !d.HasPeople() {
		return nil
	}
	t := bk.text.window()
	return []string{t.Start, t.End}
}

// windowCells fills a dimension row's start and end (empty when open), or
// clears them for a row that is no node (nil, a reserve). A sheet without
// window columns is left alone.
func (w *dimWriter) windowCells(r *plan.Row) {
	if w.dl.windows == 0 {
		return
	}
	w.rc.unset(dimColCount)
	w.rc.unset(dimColCount + 1)
	if r == nil || r.IsReserve() {
		return
	}
	from, to := w.bk.b.Plan.Window(w.dl.d.Name, r.Node)
	if from != nil {
		w.rc.set(dimColCount, excelize.Cell{StyleID: w.st.path, Value: from.String()})
	}
	if to != nil {
		w.rc.set(dimColCount+1, excelize.Cell{StyleID: w.st.path, Value: to.String()})
	}
}

// The columns of the capacity sheet (1-based).
const (
	ccName      = 1  // A: the node, indented
	ccStart     = 2  // B: its effective start
	ccEnd       = 3  // C: its effective end
	ccHeadcount = 4  // D: people
	ccFTE       = 5  // E: full-time equivalents over the year
	ccTarget    = 6  // F: fy_target
	ccCapacity  = 7  // G: SUM of the capacity months
	ccCoverage  = 8  // H: capacity / target
	ccGap       = 9  // I: MAX(0, target − capacity)
	ccMonth     = 10 // J…U: capacity by month
	ccPath      = 22 // V: the path
	ccCount     = 22
)

// capacitySheet writes `plan capacity` (SPEC §10): per node of the capacity
// dimension its window, headcount, FTE, target, capacity by month (the year a
// SUM of them), coverage and gap as formulas; the total row last.
func (bk *book) capacitySheet(sheet string, rep *plan.CapacityReport) error {
	if err := checkRows(sheet, len(rep.Nodes)+2); err != nil {
		return err
	}
	sw, err := bk.f.NewStreamWriter(sheet)
	if err != nil {
		return xlsxErr(err)
	}
	n := bk.nums
	t := bk.text.window()
	var st struct{ header, name, money, share, plain, bold, boldMoney, boldShare int }
	for _, x := range []struct {
		id *int
		c  cellStyle
	}{
		{&st.header, cellStyle{header: true}},
		{&st.plain, cellStyle{}},
		{&st.money, cellStyle{numFmt: n.money}},
		{&st.share, cellStyle{numFmt: n.percent}},
		{&st.bold, cellStyle{bold: true, total: true}},
		{&st.boldMoney, cellStyle{numFmt: n.money, bold: true, total: true}},
		{&st.boldShare, cellStyle{numFmt: n.percent, bold: true, total: true}},
	} {
		if *x.id, err = bk.styleID(x.c); err != nil {
			return err
		}
	}
	rc := newRowCells(ccCount)
	header := []string{t.Node, t.Start, t.End, t.Headcount, t.FTE, t.Target, t.Capacity, t.Coverage, t.Gap}
	header = append(header, bk.b.Calendar.MonthLabels()...)
	header = append(header, t.Path)
	for i, h := range header {
		rc.set(i, excelize.Cell{StyleID: st.header, Value: h})
	}
	if err := sw.SetRow("A1", rc.cells); err != nil {
		return xlsxErr(err)
	}
	formula := func(style int, f string, v float64) excelize.Cell {
		if bk.wb.omitCached {
			return excelize.Cell{StyleID: style, Formula: f}
		}
		return excelize.Cell{StyleID: style, Formula: f, Value: v}
	}
	write := func(row int, c *plan.CapacityNode, name string, text, money, share int) error {
		rc.reset()
		rc.set(ccName-1, excelize.Cell{StyleID: text, Value: name})
		if c.Row != nil && c.Row.Node != nil {
			from, to := bk.b.Plan.Window(rep.Dimension, c.Row.Node)
			if from != nil {
				rc.set(ccStart-1, excelize.Cell{StyleID: text, Value: from.String()})
			}
			if to != nil {
				rc.set(ccEnd-1, excelize.Cell{StyleID: text, Value: to.String()})
			}
			rc.set(ccPath-1, excelize.Cell{StyleID: text, Value: c.Row.PathString()})
		}
		rc.set(ccHeadcount-1, excelize.Cell{StyleID: text, Value: c.Headcount})
		rc.set(ccFTE-1, excelize.Cell{StyleID: text, Value: ratFloat(c.FTE)})
		rc.set(ccTarget-1, excelize.Cell{StyleID: money, Value: n.value(c.FYTarget)})
		for m, v := range c.CapacityMonths {
			rc.set(ccMonth+m-1, excelize.Cell{StyleID: money, Value: n.value(v)})
		}
		rc.set(ccCapacity-1, formula(money, "SUM("+rangeRef(ccMonth, row, ccMonth+11, row)+")", n.value(c.Capacity)))
		tgt, cp := cellRef(ccTarget, row), cellRef(ccCapacity, row)
		rc.set(ccCoverage-1, formula(share, "IF("+tgt+"=0,0,"+cp+"/"+tgt+")", ratFloat(c.Coverage)))
		rc.set(ccGap-1, formula(money, "MAX(0,"+tgt+"-"+cp+")", n.value(c.Gap)))
		return xlsxErr2(sw.SetRow(cellRef(ccName, row), rc.cells))
	}
	row := 2
	for _, c := range rep.Nodes {
		if err := write(row, c, trackIndent(c.Row), st.plain, st.money, st.share); err != nil {
			return err
		}
		row++
	}
	if err := write(row, rep.Total, bk.text.Total, st.bold, st.boldMoney, st.boldShare); err != nil {
		return err
	}
	return xlsxErr2(sw.Flush())
}
