package render

import (
	"io"
	"math/big"
	"strconv"
	"strings"

	"github.com/planhq/plan/plan"
)

// CapacityReport is what `plan capacity` prints (SPEC §10): per node of the
// capacity dimension, target against capacity for the year and by period,
// coverage, gap, headcount, FTE and the hires that close each gap.
type CapacityReport struct {
	Report *plan.CapacityReport
}

// capacityTotalLabel names the total row in the text formats.
const capacityTotalLabel = "TOTAL"

func (c *CapacityReport) label(n *plan.CapacityNode) string {
	if n.Row == nil {
		return capacityTotalLabel
	}
	return trackIndent(n.Row)
}

// Sections renders the heading, the year table, the periods table (unless the
// period is the year) and the hires table when a node has a gap.
func (c *CapacityReport) Sections() []Section {
	r := c.Report
	b := r.Breakdown
	u := b.Unit
	cp := b.Plan.Capacity
	heading := []string{reportTitle(b, "capacity"), "by " + r.Dimension + " · attainment " + Percent(cp.Attainment)}
	if cp.Productivity != nil {
		heading[1] += " · productivity " + Grouped(plan.FormatRat(cp.Productivity, 10)) + " a year"
	}
	out := []Section{{Notes: heading}}
	year := Section{Title: "capacity against target", Columns: []Column{{"NODE", Left}, {"HEADCOUNT", Right}, {"FTE", Right},
		{"TARGET", Right}, {"CAPACITY", Right}, {"COVERAGE", Right}, {"GAP", Right}}}
	row := func(n *plan.CapacityNode) []string {
		return []string{c.label(n), strconv.FormatInt(n.Headcount, 10), plan.FormatRat(roundRat(n.FTE, 2), 2),
			Money(u, n.FYTarget), Money(u, n.Capacity), Percent(n.Coverage), Money(u, n.Gap)}
	}
	for _, n := range r.Nodes {
		year.Rows = append(year.Rows, row(n))
	}
	year.Footer = row(r.Total)
	out = append(out, year)
	if len(r.Labels) > 1 {
		per := Section{Title: "capacity / target by period", Columns: []Column{{"NODE", Left}}}
		for _, l := range r.Labels {
			per.Columns = append(per.Columns, Column{l, Right})
		}
		cells := func(n *plan.CapacityNode) []string {
			rec := []string{c.label(n)}
			for i := range r.Labels {
				rec = append(rec, Money(u, n.CapacityPeriods[i])+" / "+Money(u, n.TargetPeriods[i]))
			}
			return rec
		}
		for _, n := range r.Nodes {
			per.Rows = append(per.Rows, cells(n))
		}
		per.Footer = cells(r.Total)
		out = append(out, per)
	}
	hires := Section{Title: "hires that close the gap, by start month", Notes: []string{"people starting that month at productivity × attainment, ramped by the plan's ramp; – when a start that late cannot close it"},
		Columns: []Column{{"NODE", Left}, {"GAP", Right}}}
	for _, m := range r.Months {
		hires.Columns = append(hires.Columns, Column{m, Right})
	}
	hireRow := func(n *plan.CapacityNode) []string {
		rec := []string{c.label(n), Money(u, n.Gap)}
		for _, h := range n.Hires {
			if h == nil {
				rec = append(rec, "–")
			} else {
				rec = append(rec, strconv.FormatInt(*h, 10))
			}
		}
		return rec
	}
	for _, n := range r.Nodes {
		if n.Hires != nil {
			hires.Rows = append(hires.Rows, hireRow(n))
		}
	}
	if r.Total.Hires != nil {
		hires.Footer = hireRow(r.Total)
	}
	if len(hires.Rows) > 0 || hires.Footer != nil {
		out = append(out, hires)
	}
	return out
}

// Records streams one CSV record per node and the total (path empty, depth
// 0): exact plain values, then target and capacity per period and hires per
// start month (empty when none).
func (c *CapacityReport) Records(emit func([]string) error) error {
	r := c.Report
	u := r.Breakdown.Unit
	header := []string{"dimension", "path", "depth", "fy_target", "capacity", "coverage", "gap", "headcount", "fte"}
	for _, l := range r.Labels {
		header = append(header, "target_"+l)
	}
	for _, l := range r.Labels {
		header = append(header, "capacity_"+l)
	}
	for _, m := range r.Months {
		header = append(header, "hires_"+m)
	}
	if err := emit(header); err != nil {
		return err
	}
	write := func(n *plan.CapacityNode) error {
		path, depth := "", "0"
		if n.Row != nil {
			path, depth = n.Row.PathString(), strconv.Itoa(n.Row.Depth)
		}
		rec := []string{r.Dimension, path, depth, u.Format(n.FYTarget), u.Format(n.Capacity), trackFraction(n.Coverage),
			u.Format(n.Gap), strconv.FormatInt(n.Headcount, 10), Fraction(n.FTE)}
		for _, v := range n.TargetPeriods {
			rec = append(rec, u.Format(v))
		}
		for _, v := range n.CapacityPeriods {
			rec = append(rec, u.Format(v))
		}
		for m := range r.Months {
			if n.Hires == nil || n.Hires[m] == nil {
				rec = append(rec, "")
			} else {
				rec = append(rec, strconv.FormatInt(*n.Hires[m], 10))
			}
		}
		return emit(rec)
	}
	for _, n := range r.Nodes {
		if err := write(n); err != nil {
			return err
		}
	}
	return write(r.Total)
}

// WriteJSON writes the JSON of SPEC §10, one node per line.
func (c *CapacityReport) WriteJSON(w io.Writer) error {
	r := c.Report
	b := r.Breakdown
	bw := newJSONOut(w)
	bw.WriteString("{\n")
	bw.field("dimension", jsonString(r.Dimension))
	bw.field("periods", jsonStrings(r.Labels))
	bw.planFields(b)
	bw.field("attainment", []byte(Fraction(b.Plan.Capacity.Attainment)))
	bw.WriteString("  \"nodes\": [")
	for i, n := range r.Nodes {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.WriteString(c.nodeJSON(n))
	}
	bw.WriteString("\n  ],\n  \"total\": ")
	bw.WriteString(c.nodeJSON(r.Total))
	bw.WriteString("\n}\n")
	return bw.Flush()
}

func (c *CapacityReport) nodeJSON(n *plan.CapacityNode) string {
	r := c.Report
	u := r.Breakdown.Unit
	var s strings.Builder
	s.WriteByte('{')
	if n.Row != nil {
		s.WriteString("\"path\": ")
		s.Write(jsonStrings(n.Row.Path))
		s.WriteString(", \"depth\": " + strconv.Itoa(n.Row.Depth) + ", ")
	}
	coverage := "null"
	if n.Coverage != nil {
		coverage = Fraction(n.Coverage)
	}
	s.WriteString("\"fy_target\": " + u.Format(n.FYTarget) + ", \"capacity\": " + u.Format(n.Capacity) +
		", \"coverage\": " + coverage + ", \"gap\": " + u.Format(n.Gap) +
		", \"headcount\": " + strconv.FormatInt(n.Headcount, 10) + ", \"fte\": " + Fraction(n.FTE) +
		", \"productivity\": " + capacityRat(n.Productivity) +
		", \"target_periods\": " + string(jsonAmounts(u, n.TargetPeriods)) +
		", \"capacity_periods\": " + string(jsonAmounts(u, n.CapacityPeriods)) + ", \"hires\": {")
	if n.Hires != nil {
		for m, h := range n.Hires {
			if m > 0 {
				s.WriteString(", ")
			}
			s.Write(jsonString(r.Months[m]))
			s.WriteString(": ")
			if h == nil {
				s.WriteString("null")
			} else {
				s.WriteString(strconv.FormatInt(*h, 10))
			}
		}
	}
	s.WriteString("}}")
	return s.String()
}

// capacityRat writes an exact amount as a JSON number, null when nil.
func capacityRat(r *big.Rat) string {
	if r == nil {
		return "null"
	}
	return plan.FormatRat(r, 10)
}
