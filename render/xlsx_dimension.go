package render

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// The columns of a dimension sheet (1-based).
const (
	colName     = 1  // A: the node, indented by depth
	colShare    = 2  // B: share of what the parent shares out
	colAnnual   = 3  // C: the year, SUM of the months
	colMonth    = 4  // D…O: the 12 fiscal months
	colQuarter  = 16 // P…S: Q1…Q4, SUM of their months
	colDepth    = 20 // T: depth (1 = top level)
	colPath     = 21 // U: the full path, a/b/c
	dimColCount = 21
)

// maxOutline is the deepest outline level Excel shows.
const maxOutline = 7

// maxSumArgs and maxFormula bound a SUM over a parent's children; beyond them a
// parent sums its children with SUMIF over its subtree's depth column.
const (
	maxSumArgs = 255
	maxFormula = 8000
)

// dimItem is one row of a dimension sheet: an engine row, or the (assigned)
// row that totals the children of an over-assigned node.
type dimItem struct {
	row      *plan.Row
	assigned bool
}

// dimLayout places a dimension's rows on its sheet: the header on row 1, the
// rows depth-first from row 2 (an over-assigned node's (assigned) row after its
// subtree), the total row last.
type dimLayout struct {
	d        *plan.DimensionSplit
	sheet    string
	items    []dimItem
	rowOf    []int // sheet row of each engine row, by Row.Index
	assigned []int // sheet row of each engine row's (assigned) row, 0 when none
	total    int   // sheet row of the total row
	check    int   // sheet row of the check row, under the total
	commits  bool  // the sheet has commit and gap columns
	windows  int   // the window columns (start, end) after the path: 0 or 2
}

// commitCol is the commit column (bottom-up estimate), after the path and the
// window columns; gapCol the gap's (year − commit) beside it.
func (dl *dimLayout) commitCol() int { return dimColCount + dl.windows + 1 }

func (dl *dimLayout) gapCol() int { return dl.commitCol() + 1 }

func newDimLayout(d *plan.DimensionSplit, sheet string) *dimLayout {
	dl := &dimLayout{d: d, sheet: sheet, rowOf: make([]int, len(d.Rows)), assigned: make([]int, len(d.Rows))}
	var walk func(r *plan.Row)
	walk = func(r *plan.Row) {
		dl.rowOf[r.Index] = len(dl.items) + 2
		dl.items = append(dl.items, dimItem{row: r})
		for _, c := range r.Children {
			walk(c)
		}
		if overAssigned(r) {
			dl.assigned[r.Index] = len(dl.items) + 2
			dl.items = append(dl.items, dimItem{row: r, assigned: true})
		}
	}
	for _, r := range d.Roots {
		walk(r)
	}
	dl.total = len(dl.items) + 2
	dl.check = dl.total + 1
	return dl
}

// overAssigned reports whether a row's children add up to more than it: its
// own cells are then values, and an (assigned) row totals its children.
func overAssigned(r *plan.Row) bool {
	return !r.Leaf() && r.Node != nil && r.Node.OverAssign != nil
}

// lastRow is the sheet row of the last row of r's subtree (its (assigned) row
// when it has one).
func (dl *dimLayout) lastRow(r *plan.Row) int {
	if a := dl.assigned[r.Index]; a > 0 {
		return a
	}
	if r.Leaf() {
		return dl.rowOf[r.Index]
	}
	return dl.lastRow(r.Children[len(r.Children)-1])
}

// colNames are the column letters A…Z, by 1-based column.
var colNames = func() []string {
	out := make([]string, 27)
	for c := 1; c < len(out); c++ {
		out[c], _ = excelize.ColumnNumberToName(c)
	}
	return out
}()

// cellRef is a cell's A1 reference.
func cellRef(col, row int) string {
	if col < len(colNames) {
		return colNames[col] + strconv.Itoa(row)
	}
	name, _ := excelize.ColumnNumberToName(col)
	return name + strconv.Itoa(row)
}

// rangeRef is the A1 reference of a range in one row or one column.
func rangeRef(c1, r1, c2, r2 int) string {
	if c1 == c2 && r1 == r2 {
		return cellRef(c1, r1)
	}
	return cellRef(c1, r1) + ":" + cellRef(c2, r2)
}

// sumRows is the formula summing column col over the given rows (ascending),
// consecutive rows merged into ranges: SUM(D3,D5:D9). Past 255 arguments or
// 8,000 characters it sums the rows of depth depth in first..last instead:
// SUMIF(T3:T900,2,D3:D900) (rows and depth of a parent's children).
func sumRows(col int, rows []int, first, last, depth int) string {
	return sumRowsBy(colDepth, col, rows, first, last, depth)
}

// sumRowsBy is sumRows on a sheet whose depth column is depthCol.
func sumRowsBy(depthCol, col int, rows []int, first, last, depth int) string {
	var b strings.Builder
	b.WriteString("SUM(")
	args := 0
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if args > 0 {
			b.WriteByte(',')
		}
		b.WriteString(rangeRef(col, rows[i], col, rows[j]))
		args++
		i = j + 1
	}
	b.WriteByte(')')
	if args <= maxSumArgs && b.Len() <= maxFormula {
		return b.String()
	}
	return "SUMIF(" + rangeRef(depthCol, first, depthCol, last) + "," + strconv.Itoa(depth) + "," + rangeRef(col, first, col, last) + ")"
}

// dimStyles are the style IDs of a dimension sheet's cells.
type dimStyles struct {
	header        int
	name          map[[2]int]int // by indent and bold (0 or 1), made on first use
	money, share  [2]int         // by bold
	level         [][2]int       // money by depth (levelFormats) and bold
	depth, path   int
	totalName     int
	totalMoney    int
	totalShare    int
	assignedMoney int
	assignedShare int
}

func (bk *book) dimStyles(dl *dimLayout) (*dimStyles, error) {
	s := &dimStyles{}
	var err error
	get := func(c cellStyle) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = bk.styleID(c)
		return id
	}
	s.header = get(cellStyle{header: true})
	s.name = map[[2]int]int{}
	for b := range 2 {
		s.money[b] = get(cellStyle{numFmt: bk.nums.money, bold: b == 1})
		s.share[b] = get(cellStyle{numFmt: bk.nums.percent, bold: b == 1})
	}
	s.depth = get(cellStyle{})
	s.path = s.depth
	s.totalName = get(cellStyle{bold: true, total: true})
	s.totalMoney = get(cellStyle{numFmt: bk.nums.money, bold: true, total: true})
	s.totalShare = get(cellStyle{numFmt: bk.nums.percent, bold: true, total: true})
	s.assignedMoney = s.money[0]
	s.assignedShare = s.share[0]
	for _, format := range levelFormats(dl.d, bk.nums) {
		s.level = append(s.level, [2]int{get(cellStyle{numFmt: format}), get(cellStyle{numFmt: format, bold: true})})
	}
	return s, err
}

// dimHeader is the header row of a dimension sheet.
func (bk *book) dimHeader(dl *dimLayout) []string {
	t := bk.text
	h := []string{t.Node, t.Share, t.Annual}
	h = append(h, bk.b.Calendar.MonthLabels()...)
	h = append(h, "Q1", "Q2", "Q3", "Q4", t.Depth, t.Path)
	h = append(h, bk.windowHeader(dl)...)
	if dl.commits {
		h = append(h, t.CommitCol, t.Gap)
	}
	return h
}

// dimColumns is how many columns a dimension sheet has.
func (bk *book) dimColumns(dl *dimLayout) int {
	if dl.commits {
		return dl.gapCol()
	}
	return dimColCount + dl.windows
}

// dimensionSheet writes one dimension's tree: leaves (and reserve rows) hold
// their exact month values, every parent month is the SUM of its children's,
// every year and quarter the SUM of its months, the total row the SUM of the
// top-level rows. An over-assigned node keeps its own month values (its
// children add up to more) and an (assigned) row after its subtree sums its
// children. Rows are grouped by depth (outline levels) with the parent above.
func (bk *book) dimensionSheet(dl *dimLayout) error {
	if err := checkRows(dl.sheet, dl.total); err != nil {
		return err
	}
	f := bk.f
	below := false
	if err := f.SetSheetProps(dl.sheet, &excelize.SheetPropsOptions{OutlineSummaryBelow: &below}); err != nil {
		return xlsxErr(err)
	}
	sw, err := f.NewStreamWriter(dl.sheet)
	if err != nil {
		return xlsxErr(err)
	}
	st, err := bk.dimStyles(dl)
	if err != nil {
		return err
	}
	if err := bk.dimWidths(sw, dl); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}}); err != nil {
		return xlsxErr(err)
	}
	header := bk.dimHeader(dl)
	rc := newRowCells(bk.dimColumns(dl))
	for i, h := range header {
		rc.set(i, excelize.Cell{StyleID: st.header, Value: h})
	}
	if err := sw.SetRow("A1", rc.cells); err != nil {
		return xlsxErr(err)
	}
	w := dimWriter{bk: bk, dl: dl, st: st, rc: rc, commitPlaces: commitPlaces(dl.d, bk.nums)}
	for i, it := range dl.items {
		row := i + 2
		var opts excelize.RowOpts
		if it.assigned {
			opts = w.assignedRow(it.row, row)
		} else {
			opts = w.nodeRow(it.row, row)
		}
		if err := sw.SetRow(cellRef(colName, row), rc.cells, opts); err != nil {
			return xlsxErr(err)
		}
	}
	w.totalRow()
	if w.err != nil {
		return w.err
	}
	if err := sw.SetRow(cellRef(colName, dl.total), rc.cells); err != nil {
		return xlsxErr(err)
	}
	rc.reset()
	if err := w.checkRow(); err != nil {
		return err
	}
	if err := sw.SetRow(cellRef(colName, dl.check), rc.cells); err != nil {
		return xlsxErr(err)
	}
	last := max(dl.total-1, 2)
	if err := f.AutoFilter(dl.sheet, rangeRef(colName, 1, bk.dimColumns(dl), last), nil); err != nil {
		return xlsxErr(err)
	}
	return xlsxErr2(sw.Flush())
}

// xlsxErr2 wraps a possibly nil excelize error.
func xlsxErr2(err error) error {
	if err == nil {
		return nil
	}
	return xlsxErr(err)
}

// dimWidths sets the column widths: the name column fits the longest indented
// name (wide characters count double), amounts fit their largest value.
func (bk *book) dimWidths(sw *excelize.StreamWriter, dl *dimLayout) error {
	nameW, pathW := textWidth(bk.text.Node), max(textWidth(bk.text.Path), textWidth(bk.text.CheckNote)*0.8)
	var maxAmount, maxMonth int64
	for _, it := range dl.items {
		r := it.row
		name := bk.text.nodeName(r)
		indent := r.Depth - 1
		amount := r.Amount
		if it.assigned {
			name, indent, amount = bk.text.Assigned, r.Depth, blockTotal(r)
		}
		nameW = max(nameW, textWidth(name)+1.5*float64(min(indent, 15))+(boolf(!r.Leaf())*0.2*textWidth(name)))
		pathW = max(pathW, textWidth(r.PathString()))
		maxAmount = max(maxAmount, amount)
		for _, m := range r.Months {
			maxMonth = max(maxMonth, m)
		}
	}
	maxAmount = max(maxAmount, bk.b.Allocated)
	widths := []struct {
		lo, hi int
		w      float64
	}{
		{colName, colName, min(nameW+3, 60)},
		{colShare, colShare, 9},
		{colAnnual, colAnnual, bk.moneyWidth(maxAmount)},
		{colMonth, colMonth + 11, bk.moneyWidth(maxMonth)},
		{colQuarter, colQuarter + 3, bk.moneyWidth(maxAmount)},
		{colDepth, colDepth, max(textWidth(bk.text.Depth)+3, 7)},
		{colPath, colPath, min(pathW+3, 80)},
	}
	if dl.commits {
		widths = append(widths, struct {
			lo, hi int
			w      float64
		}{dl.commitCol(), dl.gapCol(), bk.moneyWidth(maxAmount)})
	}
	for _, c := range widths {
		if err := sw.SetColWidth(c.lo, c.hi, c.w); err != nil {
			return xlsxErr(err)
		}
	}
	return nil
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// moneyWidth is a column width that fits an amount as displayed.
func (bk *book) moneyWidth(n int64) float64 {
	return max(float64(len(Money(bk.nums.unit, n)))+5, 12)
}

// dimWriter fills the cells of a dimension sheet's rows.
type dimWriter struct {
	bk   *book
	dl   *dimLayout
	st   *dimStyles
	rc   *rowCells
	kids []int // scratch: sheet rows of a parent's children
	err  error // the first failure to make a style

	commitPlaces int // decimals of the commits and gaps
}

// nameStyle is the style of a name indented by indent levels (at most 15,
// Excel's limit), bold (1) or not (0).
func (w *dimWriter) nameStyle(indent, bold int) int {
	key := [2]int{min(indent, 15), bold}
	if id, ok := w.st.name[key]; ok {
		return id
	}
	id, err := w.bk.styleID(cellStyle{indent: key[0], bold: bold == 1})
	if err != nil {
		w.err = err
	}
	w.st.name[key] = id
	return id
}

// formula returns a formula cell with its result cached (unless the workbook
// omits cached results).
func (w *dimWriter) formula(style int, f string, result float64) excelize.Cell {
	if w.bk.wb.omitCached {
		return excelize.Cell{StyleID: style, Formula: f}
	}
	return excelize.Cell{StyleID: style, Formula: f, Value: result}
}

// sums fills the year and quarter cells of a sheet row from its month cells
// (columns D…O), whose amounts are months.
func (w *dimWriter) sums(row int, months []int64, money int) {
	n := w.bk.nums
	var year int64
	for _, m := range months {
		year += m
	}
	w.rc.set(colAnnual-1, w.formula(money, n.sum("SUM("+rangeRef(colMonth, row, colMonth+11, row)+")"), n.value(year)))
	for q := range 4 {
		var t int64
		for _, m := range months[q*3 : q*3+3] {
			t += m
		}
		c := colMonth + q*3
		w.rc.set(colQuarter+q-1, w.formula(money, n.sum("SUM("+rangeRef(c, row, c+2, row)+")"), n.value(t)))
	}
}

// childSums fills the month cells of a sheet row with the SUM of r's children's.
func (w *dimWriter) childSums(r *plan.Row, row, money int) []int64 {
	n := w.bk.nums
	w.kids = w.kids[:0]
	for _, c := range r.Children {
		w.kids = append(w.kids, w.dl.rowOf[c.Index])
	}
	first, last := w.dl.rowOf[r.Children[0].Index], w.dl.lastRow(r.Children[len(r.Children)-1])
	months := make([]int64, 12)
	for m := range 12 {
		for _, c := range r.Children {
			months[m] += c.Months[m]
		}
		col := colMonth + m
		w.rc.set(col-1, w.formula(money, n.sum(sumRows(col, w.kids, first, last, r.Depth+1)), n.value(months[m])))
	}
	return months
}

// nodeRow fills the cells of an engine row.
func (w *dimWriter) nodeRow(r *plan.Row, row int) excelize.RowOpts {
	n := w.bk.nums
	bold := 0
	if !r.Leaf() {
		bold = 1
	}
	money := w.st.level[r.Depth][bold]
	w.rc.set(colName-1, excelize.Cell{StyleID: w.nameStyle(r.Depth-1, bold), Value: w.bk.text.nodeName(r)})
	w.rc.set(colShare-1, excelize.Cell{StyleID: w.st.share[bold], Value: ratFloat(r.Share)})
	months := r.Months
	if r.Leaf() || overAssigned(r) {
		for m, v := range r.Months {
			w.rc.set(colMonth+m-1, excelize.Cell{StyleID: money, Value: n.value(v)})
		}
	} else {
		months = w.childSums(r, row, money)
	}
	w.sums(row, months, money)
	w.rc.set(colDepth-1, excelize.Cell{StyleID: w.st.depth, Value: r.Depth})
	w.rc.set(colPath-1, excelize.Cell{StyleID: w.st.path, Value: w.bk.text.pathString(r)})
	w.windowCells(r)
	if w.dl.commits {
		w.commit(r, row, money)
	}
	return excelize.RowOpts{OutlineLevel: min(r.Depth-1, maxOutline)}
}

// assignedRow fills the (assigned) row of an over-assigned node: the SUM of its
// children, and its share: the children's total over the node's own amount.
func (w *dimWriter) assignedRow(r *plan.Row, row int) excelize.RowOpts {
	n := w.bk.nums
	w.rc.set(colName-1, excelize.Cell{StyleID: w.nameStyle(r.Depth, 0), Value: w.bk.text.Assigned})
	months := w.childSums(r, row, w.st.level[r.Depth+1][0])
	w.sums(row, months, w.st.level[r.Depth+1][0])
	var ratio float64
	if r.Amount != 0 {
		ratio = n.value(blockTotal(r)) / n.value(r.Amount)
	}
	own := cellRef(colAnnual, w.dl.rowOf[r.Index])
	w.rc.set(colShare-1, w.formula(w.st.assignedShare, "IF("+own+"=0,0,"+cellRef(colAnnual, row)+"/"+own+")", ratio))
	w.rc.unset(colDepth - 1)
	w.rc.set(colPath-1, excelize.Cell{StyleID: w.st.path, Value: w.bk.text.pathString(r) + "/" + w.bk.text.Assigned})
	w.windowCells(nil)
	if w.dl.commits {
		w.rc.unset(w.dl.commitCol() - 1)
		w.rc.unset(w.dl.gapCol() - 1)
	}
	return excelize.RowOpts{OutlineLevel: min(r.Depth, maxOutline)}
}

// totalRow fills the total row: the SUM of the top-level rows.
func (w *dimWriter) totalRow() {
	n := w.bk.nums
	dl := w.dl
	w.rc.set(colName-1, excelize.Cell{StyleID: w.st.totalName, Value: w.bk.text.Total})
	w.rc.set(colShare-1, excelize.Cell{StyleID: w.st.totalShare, Value: 1})
	w.kids = w.kids[:0]
	months := make([]int64, 12)
	for _, r := range dl.d.Roots {
		w.kids = append(w.kids, dl.rowOf[r.Index])
		for m := range 12 {
			months[m] += r.Months[m]
		}
	}
	for m := range 12 {
		col := colMonth + m
		if len(w.kids) == 0 {
			w.rc.set(col-1, excelize.Cell{StyleID: w.st.totalMoney, Value: 0})
			continue
		}
		w.rc.set(col-1, w.formula(w.st.totalMoney, n.sum(sumRows(col, w.kids, 2, dl.total-1, 1)), n.value(months[m])))
	}
	w.sums(dl.total, months, w.st.totalMoney)
	w.rc.unset(colDepth - 1)
	w.rc.unset(colPath - 1)
	w.windowCells(nil)
	if dl.commits {
		w.rc.unset(dl.commitCol() - 1)
		w.rc.unset(dl.gapCol() - 1)
		if c, ok := rowsCommit(dl.d.Roots); ok {
			w.commitCells(dl.total, dl.d.Roots, c, w.bk.b.Allocated, w.st.totalMoney)
		}
	}
}
