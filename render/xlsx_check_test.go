package render

import (
	"math/big"
	"strconv"

	"github.com/planhq/plan/plan"
)

// layouts lays out the dimension sheets as the workbook does.
func (c *checker) layouts() []*dimLayout {
	text := labelsFor(c.b.Plan)
	names := newSheetNames()
	names.add(text.Summary)
	var out []*dimLayout
	for _, d := range c.b.Dimensions {
		dl := newDimLayout(d, names.add(d.Name))
		dl.commits = hasCommits(c.b, d)
		dl.windows = dimWindows(c.b, d)
		out = append(out, dl)
	}
	return out
}

// checks checks every dimension sheet's check row: labelled, every cell 0
// (the totals equal the targets as exported).
func (c *checker) checks() {
	text := labelsFor(c.b.Plan)
	for _, dl := range c.layouts() {
		c.text(dl.sheet, cellRef(colName, dl.check), text.Check)
		for col := colAnnual; col <= colQuarter+3; col++ {
			c.number(dl.sheet, cellRef(col, dl.check), 0, c.nums.money)
		}
	}
}

// commits checks the commit and gap columns: a node's own commit, a rolled-up
// commit (every child has one), and amount − commit.
func (c *checker) commits() {
	for _, dl := range c.layouts() {
		if !dl.commits {
			continue
		}
		text := labelsFor(c.b.Plan)
		c.text(dl.sheet, cellRef(dl.commitCol(), 1), text.CommitCol)
		c.text(dl.sheet, cellRef(dl.gapCol(), 1), text.Gap)
		for _, r := range dl.d.Rows {
			row := dl.rowOf[r.Index]
			v, ok := rowCommit(r)
			if !ok {
				c.text(dl.sheet, cellRef(dl.commitCol(), row), "")
				continue
			}
			gap := new(big.Rat).Sub(c.b.Unit.Amount(r.Amount), v)
			c.number(dl.sheet, cellRef(dl.commitCol(), row), digits15(v), "")
			c.number(dl.sheet, cellRef(dl.gapCol(), row), digits15(gap), "")
		}
	}
}

// cumulative checks the summary's cumulative column: the months' targets
// added up.
func (c *checker) cumulative() {
	text := labelsFor(c.b.Plan)
	s := text.Summary
	head := c.findRow(s, text.TimeSplit, 2)
	c.text(s, cellRef(3, head), text.Cumulative)
	var sum int64
	for m := range 12 {
		sum += c.b.Months[m]
		c.number(s, cellRef(3, head+1+m), c.nums.value(sum), c.nums.money)
	}
}

// summaryActuals checks the summary's actual column: each closed month's
// actual of the first dimension with actuals, the quarters and the year.
func (c *checker) summaryActuals(card *plan.Scorecard) {
	text := labelsFor(c.b.Plan)
	s := text.Summary
	head := c.findRow(s, text.TimeSplit, 2)
	c.text(s, cellRef(4, head), text.Actual)
	total := card.Dimensions[0].Total
	year := new(big.Rat)
	for m := range 12 {
		if m > card.AsOfIndex {
			c.text(s, cellRef(4, head+1+m), "")
			continue
		}
		year.Add(year, total.Actual[m])
		c.number(s, cellRef(4, head+1+m), amountFloat(total.Actual[m]), "")
	}
	c.number(s, cellRef(4, head+17), amountFloat(year), "")
}

// assumptions checks the assumptions sheet's named values against the plan.
func (c *checker) assumptions() {
	p := c.b.Plan
	want := map[string]float64{
		nameGreen: ratFloat(p.Tracking.Green), nameYellow: ratFloat(p.Tracking.Yellow),
		nameAllocated: c.nums.value(c.b.Allocated), "plan_target": c.nums.value(c.b.Target),
	}
	for name, v := range want {
		if got := definedValue(c.t, c.f, name); got != v {
			c.t.Errorf("%s = %v, want %v", name, got, v)
		}
		c.n++
	}
	for _, dn := range c.f.GetDefinedName() {
		if dn.Name != nameMonths {
			continue
		}
		sheet, cells := splitRef(c.t, dn.RefersTo)
		first, _ := strconv.Atoi(cells[1:indexByte(cells, ':')])
		for m := range 12 {
			c.number(sheet, cellRef(2, first+m), c.nums.value(c.b.Months[m]), c.nums.money)
		}
		return
	}
	c.t.Errorf("no defined name %s", nameMonths)
}

func indexByte(s string, b byte) int {
	for i := range len(s) {
		if s[i] == b {
			return i
		}
	}
	return len(s)
}

// data checks the flat data sheet: a row per dimension, node and month with
// the month's target.
func (c *checker) data() {
	if 12*rowsOf(c.b) > maxDataRows {
		return
	}
	text := labelsFor(c.b.Plan)
	sheet := text.Data
	row := 1
	for _, d := range c.b.Dimensions {
		for _, r := range d.Rows {
			for m, label := range c.b.Calendar.MonthLabels() {
				row++
				if m == 0 {
					c.text(sheet, cellRef(dcDimension, row), d.Name)
					c.text(sheet, cellRef(dcPath, row), text.pathString(r))
				}
				c.text(sheet, cellRef(dcPeriod, row), label)
				c.number(sheet, cellRef(dcTarget, row), c.nums.value(r.Months[m]), c.nums.money)
			}
		}
	}
}

// v2 checks what the workbook gained for finance: the check rows, the commit
// columns, the cumulative time split, the assumptions and the data sheet.
func (c *checker) v2() {
	c.checks()
	c.commits()
	c.cumulative()
	c.assumptions()
	c.data()
}

// trackPeriods checks the tracking sheet's attainment by month and quarter:
// each period's target (the plan cells), actual (the closed months') and
// attainment, per node and total.
func (c *checker) trackPeriods(card *plan.Scorecard) {
	b, n := c.b, c.nums
	t := labelsFor(b.Plan).tracking()
	sheet := t.Sheet
	c.text(sheet, cellRef(tcPeriods, 1), b.Calendar.MonthLabels()[0]+" "+t.PeriodTarget)
	c.text(sheet, cellRef(tcPeriods+12*periodColumnCount+2, 1), "Q1 "+t.Attainment)
	type period struct{ lo, hi int }
	var periods []period
	for m := range 12 {
		periods = append(periods, period{m, m})
	}
	for q := range 4 {
		periods = append(periods, period{q * 3, q*3 + 2})
	}
	from := 2
	for _, ds := range card.Dimensions {
		title := c.findRow(sheet, ds.Name, from)
		rows := append(append([]*plan.NodeScore{}, ds.Nodes...), ds.Total)
		for i, ns := range rows {
			row := title + 1 + i
			months := b.Months
			if ns.Row != nil {
				months = ns.Row.Months
			}
			for j, p := range periods {
				col := tcPeriods + j*periodColumnCount
				var units int64
				for m := p.lo; m <= p.hi; m++ {
					units += months[m]
				}
				c.number(sheet, cellRef(col, row), n.value(units), "")
				if p.lo > card.AsOfIndex {
					c.text(sheet, cellRef(col+1, row), "")
					continue
				}
				actual := new(big.Rat)
				for m := p.lo; m <= min(p.hi, card.AsOfIndex); m++ {
					actual.Add(actual, ns.Actual[m])
				}
				c.number(sheet, cellRef(col+1, row), amountFloat(actual), "")
				if units != 0 && (ns.Row == nil || !ns.Row.IsReserve()) {
					c.ratio(sheet, cellRef(col+2, row), new(big.Rat).Quo(actual, b.Unit.Amount(units)))
				}
			}
		}
		from = title + len(rows) + 1
	}
}

// rowsOf is the number of engine rows over all dimensions.
func rowsOf(b *plan.Breakdown) int {
	n := 0
	for _, d := range b.Dimensions {
		n += len(d.Rows)
	}
	return n
}
