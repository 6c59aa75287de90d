package render

import (
	"bufio"
	"math/big"
	"strconv"
	"strings"

	"github.com/planhq/plan/plan"
)

// The parts of the track report for managing the year (SPEC §13): periods,
// streaks, ranks and money.

// flagMark marks a node that missed tracking.misses months or more in a row.
const flagMark = "⚑"

// trackNodes returns the nodes a dimension's tables list: every node in
// declaration order, or with Rank the leaves in rank order.
func (t *TrackReport) trackNodes(d *plan.DimensionScore) []*plan.NodeScore {
	if t.Rank {
		return d.Ranked()
	}
	return d.Nodes
}

// nodeName is a node's first cell: indented by depth, or its whole path when
// the nodes are listed by rank.
func (t *TrackReport) nodeName(r *plan.Row) string {
	if t.Rank {
		return r.PathString()
	}
	return trackIndent(r)
}

// hasBonus and hasCommission tell whether the plan pays money amounts.
func (t *TrackReport) hasBonus() bool {
	p := t.Scorecard.Breakdown.Plan
	if p.Incentive.Bonus != nil {
		return true
	}
	for _, d := range t.Scorecard.Dimensions {
		for _, n := range d.Nodes {
			if n.Row.Node != nil && n.Row.Node.Bonus != nil {
				return true
			}
		}
	}
	return false
}

func (t *TrackReport) hasCommission() bool {
	return t.Scorecard.Breakdown.Plan.Incentive.Commission != nil
}

// yearColumns are the columns of the year-to-date table after PAYOUT.
func (t *TrackReport) yearColumns() []Column {
	cols := []Column{{Name: "MISSES", Align: Right}}
	if t.hasBonus() {
		cols = append(cols, Column{Name: "BONUS", Align: Right})
	}
	if t.hasCommission() {
		cols = append(cols, Column{Name: "COMMISSION", Align: Right})
	}
	return cols
}

// yearCells are a node's cells under yearColumns.
func (t *TrackReport) yearCells(n *plan.NodeScore) []string {
	misses := ""
	if n.Row == nil || !n.Row.IsReserve() {
		misses = strconv.Itoa(n.Misses)
		if n.Flagged {
			misses = flagMark + " " + misses
		}
	}
	cells := []string{misses}
	if t.hasBonus() {
		cells = append(cells, trackMoney(n.PayoutAmount, 2))
	}
	if t.hasCommission() {
		cells = append(cells, trackMoney(n.Commission, 2))
	}
	return cells
}

// yearNote explains the misses column.
func (t *TrackReport) yearNote() string {
	k := t.Scorecard.Breakdown.Plan.Tracking.Misses
	return "misses: months in a row below 100 % up to as-of (a zero-target month counts as met); " +
		flagMark + " " + strconv.Itoa(k) + " or more"
}

// periodSection is a dimension's table by period: one row per node and
// period up to as-of, the period that as-of cuts marked with it.
func (t *TrackReport) periodSection(d *plan.DimensionScore) Section {
	s := t.Scorecard
	u := s.Breakdown.Unit
	places := t.places()
	sec := Section{Title: d.Name + " · by " + periodName(t.Period) + " to " + s.AsOf.String(), Columns: []Column{
		{Name: "NODE"}, {Name: "PERIOD"}, {Name: "STATUS"}, {Name: "TARGET", Align: Right}, {Name: "ACTUAL", Align: Right}, {Name: "ATTAINMENT", Align: Right},
	}}
	add := func(name string, n *plan.NodeScore) {
		for i, ps := range s.PeriodScores(n, t.Period) {
			label := ps.Label
			if ps.Partial {
				label += " to " + s.AsOf.String()
			}
			first := name
			if i > 0 {
				first = ""
			}
			sec.Rows = append(sec.Rows, []string{first, label, t.status(ps.Status), trackMoney(u.Amount(ps.Target), places),
				trackMoney(ps.Actual, places), attainmentPercent(s.Breakdown.Plan.Tracking, ps.Attainment)})
		}
	}
	for _, n := range t.trackNodes(d) {
		add(t.nodeName(n.Row), n)
	}
	add("TOTAL", d.Total)
	return sec
}

// periodName is the word for a period of size months.
func periodName(size int) string {
	switch size {
	case 1:
		return "month"
	case 3:
		return "quarter"
	}
	return "half"
}

// yearHeader is the CSV columns after payout.
func (t *TrackReport) yearHeader() []string {
	h := []string{"misses", "flagged", "rank"}
	if t.hasBonus() {
		h = append(h, "payout_amount")
	}
	if t.hasCommission() {
		h = append(h, "commission")
	}
	return h
}

// yearRecord is a node's CSV cells under yearHeader.
func (t *TrackReport) yearRecord(n *plan.NodeScore) []string {
	rec := []string{"", "", ""}
	if !n.Row.IsReserve() {
		rec[0], rec[1] = strconv.Itoa(n.Misses), strconv.FormatBool(n.Flagged)
	}
	if n.Rank > 0 {
		rec[2] = strconv.Itoa(n.Rank)
	}
	if t.hasBonus() {
		rec = append(rec, optionalExact(n.PayoutAmount))
	}
	if t.hasCommission() {
		rec = append(rec, optionalExact(n.Commission))
	}
	return rec
}

// periodHeader is the CSV columns of the periods, after the re-spread's.
func (t *TrackReport) periodHeader() []string {
	if t.Period == 0 {
		return nil
	}
	var h []string
	for _, l := range t.Scorecard.PeriodLabels(t.Period) {
		for _, f := range []string{"target", "actual", "attainment", "status", "partial"} {
			h = append(h, l+"_"+f)
		}
	}
	return h
}

// periodRecord is a node's CSV cells under periodHeader.
func (t *TrackReport) periodRecord(n *plan.NodeScore) []string {
	if t.Period == 0 {
		return nil
	}
	s := t.Scorecard
	var rec []string
	for _, ps := range s.PeriodScores(n, t.Period) {
		rec = append(rec, s.Breakdown.Unit.Format(ps.Target), trackExact(ps.Actual), attainmentFraction(s.Breakdown.Plan.Tracking, ps.Attainment),
			string(ps.Status), strconv.FormatBool(ps.Partial))
	}
	return rec
}

// optionalExact writes an amount exactly, "" when nil.
func optionalExact(r *big.Rat) string {
	if r == nil {
		return ""
	}
	return trackExact(r)
}

// writeYear writes a node's JSON fields of SPEC §13 (each followed by ", ").
func (t *TrackReport) writeYear(bw *bufio.Writer, n *plan.NodeScore) {
	field := func(name, v string) {
		bw.WriteString("\"" + name + "\": " + v + ", ")
	}
	if n.Row == nil || !n.Row.IsReserve() {
		field("misses", strconv.Itoa(n.Misses))
		field("flagged", strconv.FormatBool(n.Flagged))
	}
	if n.Rank > 0 {
		field("rank", strconv.Itoa(n.Rank))
	}
	null := func(r *big.Rat) string {
		if r == nil {
			return "null"
		}
		return trackExact(r)
	}
	if t.hasBonus() {
		field("payout_amount", null(n.PayoutAmount))
	}
	if t.hasCommission() {
		field("commission", null(n.Commission))
	}
	if t.Period == 0 {
		return
	}
	s := t.Scorecard
	var b strings.Builder
	b.WriteString("{")
	for i, ps := range s.PeriodScores(n, t.Period) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.Write(jsonString(ps.Label))
		b.WriteString(": {\"target\": " + s.Breakdown.Unit.Format(ps.Target) + ", \"actual\": " + trackExact(ps.Actual) +
			", \"attainment\": " + null(ps.Attainment) + ", \"status\": ")
		if ps.Status == plan.StatusNone {
			b.WriteString("null")
		} else {
			b.Write(jsonString(string(ps.Status)))
		}
		b.WriteString(", \"partial\": " + strconv.FormatBool(ps.Partial) + "}")
	}
	b.WriteString("}")
	field("periods", b.String())
}
