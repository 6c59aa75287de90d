package render

import (
	"github.com/xuri/excelize/v2"
)

// The columns of the flat data sheet (1-based): one row per dimension × node
// × month, for pivot tables.
const (
	dcDimension = 1 // A: the dimension
	dcPath      = 2 // B: the node's path, a/b/c
	dcNode      = 3 // C: the node's name
	dcDepth     = 4 // D: its depth (1 = top level)
	dcLeaf      = 5 // E: TRUE on leaves (reserve rows too): a pivot over leaves adds up
	dcMetric    = 6 // F: the metric
	dcPeriod    = 7 // G: the month
	dcQuarter   = 8 // H: its fiscal quarter
	dcTarget    = 9 // I: the month's target, a reference to the dimension sheet
	dataColumns = 9
)

// dataTableName is the Excel table over the data sheet.
const dataTableName = "PlanData"

// dataRows is how many rows the data sheet has under its header: 12 per
// engine row of every dimension.
func (bk *book) dataRows() int {
	n := 0
	for _, d := range bk.b.Dimensions {
		n += 12 * len(d.Rows)
	}
	return n
}

// maxDataRows bounds the data sheet: twelve rows a node make it the largest
// sheet by far (a 20,000-person plan would grow from 3.6 to 17 MB), so a plan
// of more than about 8,000 nodes over all dimensions goes without; its
// dimension sheets filter and pivot as well.
const maxDataRows = 100_000

// hasDataSheet reports whether the workbook has a data sheet.
func (bk *book) hasDataSheet() bool {
	return bk.dataRows() <= min(maxDataRows, maxSheetRows-1)
}

// dataSheet writes the flat data table: per dimension, node (depth first) and
// month a row with the node's path, name, depth, whether it is a leaf, the
// metric, the month, its quarter and the month's target as a reference to
// the dimension sheet's cell (so that it follows edits), formatted as an Excel
// table for pivots and filters.
func (bk *book) dataSheet(sheet string) error {
	t, n := bk.text, bk.nums
	sw, err := bk.f.NewStreamWriter(sheet)
	if err != nil {
		return xlsxErr(err)
	}
	header, err := bk.styleID(cellStyle{header: true})
	if err != nil {
		return err
	}
	plain, err := bk.styleID(cellStyle{})
	if err != nil {
		return err
	}
	money, err := bk.styleID(cellStyle{numFmt: n.money})
	if err != nil {
		return err
	}
	dimW, pathW, nodeW := textWidth(t.Dimension), textWidth(t.Path), textWidth(t.Node)
	for _, dl := range bk.dims {
		dimW = max(dimW, textWidth(dl.d.Name))
		for _, r := range dl.d.Rows {
			pathW = max(pathW, textWidth(t.pathString(r)))
			nodeW = max(nodeW, textWidth(t.nodeName(r)))
		}
	}
	for _, c := range []struct {
		lo, hi int
		w      float64
	}{
		{dcDimension, dcDimension, min(dimW+3, 30)}, {dcPath, dcPath, min(pathW+3, 80)}, {dcNode, dcNode, min(nodeW+3, 40)},
		{dcDepth, dcLeaf, 9}, {dcMetric, dcMetric, max(textWidth(t.Metric), textWidth(bk.b.Metric)) + 3}, {dcPeriod, dcQuarter, 11},
		{dcTarget, dcTarget, bk.moneyWidth(bk.b.Target)},
	} {
		if err := sw.SetColWidth(c.lo, c.hi, c.w); err != nil {
			return xlsxErr(err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return xlsxErr(err)
	}
	rc := newRowCells(dataColumns)
	for i, h := range []string{t.Dimension, t.Path, t.Node, t.Depth, t.Leaf, t.Metric, t.Period, t.Quarter, t.Target} {
		rc.set(i, excelize.Cell{StyleID: header, Value: h})
	}
	if err := sw.SetRow("A1", rc.cells); err != nil {
		return xlsxErr(err)
	}
	months := bk.b.Calendar.MonthLabels()
	quarters := [4]string{"Q1", "Q2", "Q3", "Q4"}
	row := 1
	for _, dl := range bk.dims {
		ref := quoteSheet(dl.sheet)
		for _, r := range dl.d.Rows {
			at := dl.rowOf[r.Index]
			path, name := t.pathString(r), t.nodeName(r)
			for m, label := range months {
				row++
				rc.set(dcDimension-1, excelize.Cell{StyleID: plain, Value: dl.d.Name})
				rc.set(dcPath-1, excelize.Cell{StyleID: plain, Value: path})
				rc.set(dcNode-1, excelize.Cell{StyleID: plain, Value: name})
				rc.set(dcDepth-1, excelize.Cell{StyleID: plain, Value: r.Depth})
				rc.set(dcLeaf-1, excelize.Cell{StyleID: plain, Value: r.Leaf()})
				rc.set(dcMetric-1, excelize.Cell{StyleID: plain, Value: bk.b.Metric})
				rc.set(dcPeriod-1, excelize.Cell{StyleID: plain, Value: label})
				rc.set(dcQuarter-1, excelize.Cell{StyleID: plain, Value: quarters[m/3]})
				cell := excelize.Cell{StyleID: money, Formula: ref + cellRef(colMonth+m, at)}
				if !bk.wb.omitCached {
					cell.Value = n.value(r.Months[m])
				}
				rc.set(dcTarget-1, cell)
				if err := sw.SetRow(cellRef(1, row), rc.cells); err != nil {
					return xlsxErr(err)
				}
			}
		}
	}
	if row > 1 {
		if err := sw.AddTable(&excelize.Table{Range: rangeRef(1, 1, dataColumns, row), Name: dataTableName, StyleName: "TableStyleLight9"}); err != nil {
			return xlsxErr(err)
		}
	}
	return xlsxErr2(sw.Flush())
}
