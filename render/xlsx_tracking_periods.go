package render

import (
	"math/big"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// The attainment by period on the tracking sheet: after the base columns,
// per month and then per quarter three columns: the period's target (the
// plan cells on the dimension sheet), its actual (the closed months' actuals
// on this sheet; empty for a period not yet begun) and its attainment.
const (
	tcPeriods         = trackColumns + 1 // Y: the first period's target
	trackPeriodCount  = 12 + 4
	trackAllColumns   = tcPeriods + 3*trackPeriodCount - 1
	periodTargetCol   = 0
	periodActualCol   = 1
	periodAttainCol   = 2
	periodColumnCount = 3
)

// trackPeriod is a month or a quarter: its label and fiscal months lo…hi.
type trackPeriod struct {
	label  string
	lo, hi int
}

// trackPeriods are the twelve months, then the four quarters.
func (bk *book) trackPeriods() []trackPeriod {
	var out []trackPeriod
	for m, label := range bk.b.Calendar.MonthLabels() {
		out = append(out, trackPeriod{label, m, m})
	}
	for q := range 4 {
		out = append(out, trackPeriod{"Q" + strconv.Itoa(q+1), q * 3, q*3 + 2})
	}
	return out
}

// periodHeaders are the headers of the period columns.
func (w *trackWriter) periodHeaders() []string {
	t := w.text
	var out []string
	for _, p := range w.bk.trackPeriods() {
		out = append(out, p.label+" "+t.PeriodTarget, p.label+" "+t.Actual, p.label+" "+t.Attainment)
	}
	return out
}

// periodCells fills a row's period columns; months are the row's plan cells
// (units of round), dimRow its row on the dimension sheet.
func (w *trackWriter) periodCells(tb *trackBlock, row, dimRow int, ns *plan.NodeScore, months []int64, st rowStyles, reserve bool) {
	n, tn, k := w.bk.nums, w.tn, w.card.AsOfIndex
	dim := quoteSheet(tb.dl.sheet)
	for i, p := range w.bk.trackPeriods() {
		col := tcPeriods + i*periodColumnCount
		var units int64
		for m := p.lo; m <= p.hi; m++ {
			units += months[m]
		}
		target := dim + cellRef(colMonth+p.lo, dimRow)
		if p.hi > p.lo {
			target = n.sum("SUM(" + dim + rangeRef(colMonth+p.lo, dimRow, colMonth+p.hi, dimRow) + ")")
		}
		w.rc.set(col+periodTargetCol-1, w.formula(st.unitMoney, target, n.value(units)))
		if p.lo > k {
			continue
		}
		hi := min(p.hi, k)
		actual := new(big.Rat)
		for m := p.lo; m <= hi; m++ {
			actual.Add(actual, ns.Actual[m])
		}
		actualExpr := cellRef(tcMonth+p.lo, row)
		if hi > p.lo {
			actualExpr = tn.sum("SUM(" + rangeRef(tcMonth+p.lo, row, tcMonth+hi, row) + ")")
		}
		w.rc.set(col+periodActualCol-1, w.formula(st.money, actualExpr, amountFloat(actual)))
		if reserve {
			continue
		}
		var att any = ""
		if units != 0 {
			att = digits15(new(big.Rat).Quo(actual, w.bk.b.Unit.Amount(units)))
		}
		t, a := cellRef(col+periodTargetCol, row), cellRef(col+periodActualCol, row)
		w.rc.set(col+periodAttainCol-1, w.formula(st.share, "IF("+t+"=0,\"\","+a+"/"+t+")", att))
	}
}

// periodWidths sets the period columns' widths.
func (w *trackWriter) periodWidths(moneyW float64) error {
	t := w.text
	attW := max(textWidth(t.Attainment)+3, 11)
	for i := range trackPeriodCount {
		col := tcPeriods + i*periodColumnCount
		if err := w.sw.SetColWidth(col, col+1, moneyW); err != nil {
			return xlsxErr(err)
		}
		if err := w.sw.SetColWidth(col+2, col+2, attW); err != nil {
			return xlsxErr(err)
		}
	}
	return nil
}

// periodHeaderCells writes the period headers into the header row.
func (w *trackWriter) periodHeaderCells() {
	for i, h := range w.periodHeaders() {
		w.rc.set(tcPeriods+i-1, excelize.Cell{StyleID: w.st.header, Value: h})
	}
}
