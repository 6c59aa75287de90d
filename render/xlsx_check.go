package render

import (
	"math/big"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// hasCommits reports whether a dimension sheet shows commit and gap columns:
// the breakdown is of the revenue target and some node has a commit.
func hasCommits(b *plan.Breakdown, d *plan.DimensionSplit) bool {
	if b.Metric != plan.RevenueMetric {
		return false
	}
	for _, r := range d.Rows {
		if r.Node != nil && r.Node.Commit != nil {
			return true
		}
	}
	return false
}

// rowCommit is a row's commit: its own, or rolled up (the sum of its
// children's, reserve rows aside) when every child has one; false when none.
func rowCommit(r *plan.Row) (*big.Rat, bool) {
	if r.IsReserve() {
		return nil, false
	}
	if r.Node != nil && r.Node.Commit != nil {
		return r.Node.Commit, true
	}
	if r.Leaf() {
		return nil, false
	}
	return rowsCommit(r.Children)
}

// rowsCommit is the sum of the rows' commits (reserve rows aside) when every
// one has a commit.
func rowsCommit(rows []*plan.Row) (*big.Rat, bool) {
	sum, n := new(big.Rat), 0
	for _, c := range rows {
		if c.IsReserve() {
			continue
		}
		v, ok := rowCommit(c)
		if !ok {
			return nil, false
		}
		sum.Add(sum, v)
		n++
	}
	return sum, n > 0
}

// commitPlaces is the decimals of a dimension's commits and amounts: sums of
// commits and gaps are rounded onto them.
func commitPlaces(d *plan.DimensionSplit, n numbers) int {
	places := n.places
	for _, r := range d.Rows {
		if r.Node != nil && r.Node.Commit != nil {
			if p, ok := decimalPlaces(r.Node.Commit); ok {
				places = max(places, min(p, maxDigits))
			}
		}
	}
	return places
}

// roundTo wraps a formula in ROUND(…, places) when places > 0.
func roundTo(expr string, places int) string {
	if places == 0 {
		return expr
	}
	return "ROUND(" + expr + "," + strconv.Itoa(places) + ")"
}

// commit fills a row's commit and gap: its own commit as a value, a rolled-up
// one as the SUM of its children's commit cells; nothing without one.
func (w *dimWriter) commit(r *plan.Row, row, money int) {
	w.rc.unset(w.dl.commitCol() - 1)
	w.rc.unset(w.dl.gapCol() - 1)
	v, ok := rowCommit(r)
	if !ok {
		return
	}
	if r.Node != nil && r.Node.Commit != nil {
		w.rc.set(w.dl.commitCol()-1, excelize.Cell{StyleID: money, Value: amountFloat(v)})
		w.gap(row, r.Amount, v, money)
		return
	}
	w.commitCells(row, r.Children, v, r.Amount, money)
}

// commitCells fills a rolled-up commit (the SUM of the rows' commit cells) and
// its gap.
func (w *dimWriter) commitCells(row int, rows []*plan.Row, v *big.Rat, amount int64, money int) {
	var kids []int
	for _, c := range rows {
		if !c.IsReserve() {
			kids = append(kids, w.dl.rowOf[c.Index])
		}
	}
	first, last := kids[0], w.dl.lastRow(rows[len(rows)-1])
	depth := rows[0].Depth
	w.rc.set(w.dl.commitCol()-1, w.formula(money, roundTo(sumRows(w.dl.commitCol(), kids, first, last, depth), w.commitPlaces), digits15(v)))
	w.gap(row, amount, v, money)
}

// gap fills the gap cell: year − commit.
func (w *dimWriter) gap(row int, amount int64, commit *big.Rat, money int) {
	gap := new(big.Rat).Sub(w.bk.b.Unit.Amount(amount), commit)
	w.rc.set(w.dl.gapCol()-1, w.formula(money, roundTo(cellRef(colAnnual, row)+"-"+cellRef(w.dl.commitCol(), row), w.commitPlaces), digits15(gap)))
}

// The defined names of the assumptions the formulas refer to.
const (
	nameAllocated = "plan_allocated" // the allocated target (target − reserve)
	nameMonths    = "plan_months"    // the 12 planned monthly targets, fiscal order
	nameGreen     = "tracking_green" // attainment from which a node is green
	nameYellow    = "tracking_yellow"
)

// checkRow fills the check row under a dimension's total: the year's total
// minus the allocated target, each month's total minus the planned month
// (both on the assumptions sheet), each quarter the sum of its months' checks.
// All are 0 as exported; a conditional format turns a cell red when an edit
// made a total drift from the target.
func (w *dimWriter) checkRow() error {
	bk, n, dl := w.bk, w.bk.nums, w.dl
	row, total := dl.check, dl.total
	name, err := bk.styleID(cellStyle{bold: true})
	if err != nil {
		return err
	}
	note, err := bk.styleID(cellStyle{note: true})
	if err != nil {
		return err
	}
	money := w.st.money[0]
	w.rc.set(colName-1, excelize.Cell{StyleID: name, Value: bk.text.Check})
	w.rc.set(colAnnual-1, w.formula(money, n.sum(cellRef(colAnnual, total)+"-"+nameAllocated), 0))
	for m := range 12 {
		col := colMonth + m
		w.rc.set(col-1, w.formula(money, n.sum(cellRef(col, total)+"-INDEX("+nameMonths+","+strconv.Itoa(m+1)+")"), 0))
	}
	for q := range 4 {
		c := colMonth + q*3
		w.rc.set(colQuarter+q-1, w.formula(money, n.sum("SUM("+rangeRef(c, row, c+2, row)+")"), 0))
	}
	w.rc.set(colPath-1, excelize.Cell{StyleID: note, Value: bk.text.CheckNote})
	ids, err := bk.lightStyles()
	if err != nil {
		return err
	}
	first := cellRef(colAnnual, row)
	return xlsxErr2(bk.f.SetConditionalFormat(dl.sheet, rangeRef(colAnnual, row, colQuarter+3, row),
		[]excelize.ConditionalFormatOptions{{Type: "formula", Criteria: first + "<>0", Format: &ids[2]}}))
}

// dimWindows is how many window columns (start, end) a dimension sheet has:
// 2 when the dimension has people with windows (SPEC §9), else 0.
func dimWindows(b *plan.Breakdown, d *plan.DimensionSplit) int {
	if pd := b.Plan.Dimension(d.Name); pd != nil && pd.HasPeople() {
		return 2
	}
	return 0
}
