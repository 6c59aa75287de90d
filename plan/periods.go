package plan

import (
	"fmt"
	"strings"

	"github.com/planhq/plan/plan/round"
)

// Period is the grain of a time view.
type Period string

// The periods a breakdown can be viewed by.
const (
	PeriodYear    Period = "year"
	PeriodHalf    Period = "half"
	PeriodQuarter Period = "quarter"
	PeriodMonth   Period = "month"
	PeriodWeek    Period = "week"
)

// Periods lists the valid periods in order.
var Periods = []Period{PeriodYear, PeriodHalf, PeriodQuarter, PeriodMonth, PeriodWeek}

// ParsePeriod reads a period name.
func ParsePeriod(s string) (Period, error) {
	for _, p := range Periods {
		if string(p) == s {
			return p, nil
		}
	}
	names := make([]string, len(Periods))
	for i, p := range Periods {
		names[i] = string(p)
	}
	return "", fmt.Errorf("unknown period %q (valid: %s)", s, strings.Join(names, ", "))
}

// PeriodView is a breakdown summed into periods of one grain: the labels
// (FY, H1 H2, Q1…Q4, YYYY-MM, YYYY-Www), the allocated amount per period and
// every row's cells. Months are the grain: halves, quarters and the year are
// sums of months, and a week is the sum of its month segments.
type PeriodView struct {
	Period Period
	Labels []string
	Time   []int64
	dims   [][]int64 // per dimension, rows × len(Labels), row-major
}

// Cells returns the cells of row r of dimension d (indexes into Breakdown.Dimensions and its Rows).
func (v *PeriodView) Cells(d, r int) []int64 {
	w := len(v.Labels)
	return v.dims[d][r*w : (r+1)*w : (r+1)*w]
}

// View sums the breakdown into periods of one grain.
func (b *Breakdown) View(p Period) (*PeriodView, error) {
	v := &PeriodView{Period: p}
	switch p {
	case PeriodMonth:
		v.Labels = b.Calendar.MonthLabels()
		v.Time = b.Months
		for _, d := range b.Dimensions {
			v.dims = append(v.dims, d.cells)
		}
	case PeriodQuarter, PeriodHalf, PeriodYear:
		v.Labels = PeriodLabels(p)
		size := 12 / len(v.Labels)
		v.Time = sumGroups(b.Months, 12, size)
		for _, d := range b.Dimensions {
			v.dims = append(v.dims, sumGroups(d.cells, 12, size))
		}
	case PeriodWeek:
		rows := 0
		for _, d := range b.Dimensions {
			rows += len(d.Rows)
		}
		if err := checkCells("the table by week", rows, len(b.Calendar.Weeks)); err != nil {
			return nil, err
		}
		ws, err := b.weekSegments()
		if err != nil {
			return nil, err
		}
		nw := len(b.Calendar.Weeks)
		v.Labels = b.Calendar.Weeks
		v.Time = ws.toWeeks(ws.time, nw)
		for _, cells := range ws.dims {
			v.dims = append(v.dims, ws.toWeeks(cells, nw))
		}
	default:
		return nil, fmt.Errorf("unknown period %q", p)
	}
	return v, nil
}

// sumGroups sums each row of a row-major table of the given width in groups of size columns.
func sumGroups(cells []int64, width, size int) []int64 {
	rows := len(cells) / width
	groups := width / size
	out := make([]int64, rows*groups)
	for r := range rows {
		for g := range groups {
			var s int64
			for _, c := range cells[r*width+g*size : r*width+(g+1)*size] {
				s += c
			}
			out[r*groups+g] = s
		}
	}
	return out
}

// weekSplit holds every row's month segments (the parts of each month in each
// ISO week), computed once.
type weekSplit struct {
	week  []int // week index of each segment, in month order
	first [13]int
	time  []int64
	dims  [][]int64 // per dimension, rows × segments
}

// toWeeks sums a row-major table of segments into weeks.
func (ws *weekSplit) toWeeks(cells []int64, nweeks int) []int64 {
	nseg := len(ws.week)
	rows := len(cells) / nseg
	out := make([]int64, rows*nweeks)
	for r := range rows {
		for s, w := range ws.week {
			out[r*nweeks+w] += cells[r*nseg+s]
		}
	}
	return out
}

// weekSegments splits every month cell into its week segments: the allocated
// month by the segments' working (or calendar) days, and below, every block's
// month column over the parent's segments the same way rows are split over
// months (round.Solver.Split), so weeks are exact in both directions too.
func (b *Breakdown) weekSegments() (*weekSplit, error) {
	if b.weeks != nil {
		return b.weeks, nil
	}
	c := b.Calendar
	ws := &weekSplit{}
	for m := range 12 {
		ws.first[m] = len(ws.week)
		for _, s := range c.Months[m].Segments {
			ws.week = append(ws.week, s.Week)
		}
		ws.time = append(ws.time, apportionU64(b.Months[m], segmentWeights(c, b.Seasonality().Basis, m))...)
	}
	ws.first[12] = len(ws.week)
	nseg := len(ws.week)
	for _, d := range b.Dimensions {
		segs := make([]int64, len(d.Rows)*nseg)
		var solver round.Solver
		var rows, out []int64
		block := func(parent []int64, kids []*Row) error {
			for m := range 12 {
				lo, hi := ws.first[m], ws.first[m+1]
				rows = rows[:0]
				for _, k := range kids {
					rows = append(rows, k.Months[m])
				}
				cols := blockColumns(parent[lo:hi], rows)
				w := hi - lo
				out = grow(out, len(kids)*w)
				if err := solver.Split(out, rows, cols, nil); err != nil {
					return err
				}
				for i, k := range kids {
					copy(segs[k.Index*nseg+lo:k.Index*nseg+hi], out[i*w:(i+1)*w])
				}
			}
			return nil
		}
		if err := block(ws.time, d.Roots); err != nil {
			return nil, err
		}
		for _, r := range d.Rows {
			if r.Leaf() {
				continue
			}
			if err := block(segs[r.Index*nseg:(r.Index+1)*nseg], r.Children); err != nil {
				return nil, err
			}
		}
		ws.dims = append(ws.dims, segs)
	}
	b.weeks = ws
	return ws, nil
}

// PeriodLabels returns the labels of the fiscal periods of a grain coarser
// than a month: FY for the year, H1 H2 for halves, Q1…Q4 for quarters; nil for
// months and weeks, whose labels come from the calendar.
func PeriodLabels(p Period) []string {
	switch p {
	case PeriodYear:
		return []string{"FY"}
	case PeriodHalf:
		return []string{"H1", "H2"}
	case PeriodQuarter:
		return []string{"Q1", "Q2", "Q3", "Q4"}
	}
	return nil
}
