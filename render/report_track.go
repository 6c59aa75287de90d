package render

import (
	"bufio"
	"io"
	"math/big"
	"strconv"
	"strings"

	"github.com/planhq/plan/plan"
)

// TrackReport is what `plan track` prints: per dimension with actuals, the
// year to date of every node (status, attainment, forecast, payout) and the
// re-spread of what remains over the months after the as-of month.
type TrackReport struct {
	Scorecard   *plan.Scorecard
	ActualsFile string // shown in the heading of the text formats
	// Color marks the status cells with terminal colours. The command sets it
	// only for a table written to a terminal, without NO_COLOR.
	Color bool
	// Period adds each node's periods up to as-of (SPEC §13): the months per
	// period, 1, 3 or 6; 0 for none.
	Period int
	// Rank lists the leaves of each dimension in rank order instead of the
	// whole tree.
	Rank bool
	// Metrics is the tracking of every metric with actuals (§11), whose Main
	// is Scorecard; nil for a report of Scorecard alone.
	Metrics *plan.MetricsScorecard
}

// statusMarks make a status visible at a glance without colour.
var statusMarks = map[plan.TrackStatus]string{
	plan.StatusGreen:  "● green",
	plan.StatusYellow: "▲ yellow",
	plan.StatusRed:    "✖ red",
}

// statusColors are the ANSI colours of the statuses.
var statusColors = map[plan.TrackStatus]string{
	plan.StatusGreen:  "\x1b[32m",
	plan.StatusYellow: "\x1b[33m",
	plan.StatusRed:    "\x1b[31m",
}

// status writes a status cell for people.
func (t *TrackReport) status(s plan.TrackStatus) string {
	mark := statusMarks[s]
	if t.Color && mark != "" {
		return statusColors[s] + mark + "\x1b[0m"
	}
	return mark
}

// places is how many decimals the money columns show: the unit's, or up to
// two when the actuals have cents.
func (t *TrackReport) places() int {
	s := t.Scorecard
	p := s.Breakdown.Unit.Places()
	for _, d := range s.Dimensions {
		if p >= 2 {
			break
		}
		for _, n := range d.Nodes {
			p = max(p, min(2, trackPlaces(n.YTDActual)))
		}
	}
	return p
}

// trackPlaces is the number of decimals r needs (at most 10).
func trackPlaces(r *big.Rat) int {
	s := plan.FormatRat(r, 10)
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

// trackMoney writes an exact amount for people: grouped, rounded to the given
// number of decimals (halves away from zero), trailing zeros kept.
func trackMoney(r *big.Rat, places int) string {
	if r == nil {
		return ""
	}
	return Grouped(roundRat(r, places).FloatString(places))
}

// Sections renders, per dimension, a year-to-date table and a re-spread table,
// then the other metrics' tables, the ratios and the KPI score (§11).
func (t *TrackReport) Sections() []Section {
	return append(t.cardSections(), t.metricSections()...)
}

// cardSections renders Scorecard's tables.
func (t *TrackReport) cardSections() []Section {
	s := t.Scorecard
	b := s.Breakdown
	u := b.Unit
	places := t.places()
	out := []Section{{Notes: t.heading()}}
	units := func(n int64) string { return trackMoney(u.Amount(n), places) }
	span := b.Calendar.Start.String() + ".." + s.AsOf.String()
	for _, d := range s.Dimensions {
		ytd := Section{Title: d.Name + " · year to date " + span, Columns: []Column{
			{Name: "NODE"}, {Name: "STATUS"}, {Name: "YTD TARGET", Align: Right}, {Name: "YTD ACTUAL", Align: Right},
			{Name: attainmentLabel(b.Kind), Align: Right}, {Name: "FY TARGET", Align: Right}, {Name: "FORECAST", Align: Right}, {Name: "PAYOUT", Align: Right},
		}}
		ytd.Columns = append(ytd.Columns, t.yearColumns()...)
		if t.Rank {
			ytd.Columns = append([]Column{{Name: "RANK", Align: Right}}, ytd.Columns...)
		}
		row := func(name string, n *plan.NodeScore) []string {
			r := []string{name, t.status(n.Status), units(n.YTDTarget), trackMoney(n.YTDActual, places),
				attainmentPercent(b.Plan.Tracking, n.Attainment), units(n.FYTarget), trackMoney(n.Forecast, places), Percent(n.Payout)}
			r = append(r, t.yearCells(n)...)
			if t.Rank {
				r = append([]string{strconv.Itoa(n.Rank)}, r...)
			}
			return r
		}
		for _, n := range t.trackNodes(d) {
			ytd.Rows = append(ytd.Rows, row(t.nodeName(n.Row), n))
		}
		ytd.Footer = row("TOTAL", d.Total)
		if t.Rank {
			ytd.Footer[0] = ""
		}
		out = append(out, ytd)
		if t.Period > 0 {
			out = append(out, t.periodSection(d))
		}

		re := Section{Title: d.Name + " · re-spread after " + s.AsOf.String()}
		if len(s.Later) == 0 {
			re.Notes = []string{"the year is closed at " + s.AsOf.String() + ": there are no later months to re-spread over"}
			out = append(out, re)
			continue
		}
		re.Columns = []Column{{Name: "NODE"}, {Name: "REMAINING", Align: Right}, {Name: "RE-SPREAD", Align: Right}}
		for _, l := range s.Later {
			re.Columns = append(re.Columns, Column{Name: l, Align: Right})
		}
		reRow := func(name string, n *plan.NodeScore) []string {
			r := []string{name, trackMoney(n.Remaining, places), trackMoney(n.RespreadTotal(), places)}
			for _, c := range n.Respread {
				r = append(r, trackMoney(c, places))
			}
			return r
		}
		for _, n := range t.trackNodes(d) {
			re.Rows = append(re.Rows, reRow(t.nodeName(n.Row), n))
		}
		re.Footer = reRow("TOTAL", d.Total)
		out = append(out, re)
	}
	return out
}

func trackIndent(r *plan.Row) string {
	return strings.Repeat("  ", r.Depth-1) + r.Name()
}

// heading is the lines above the tables: the plan, tier and metric, the as-of
// month and the file, and what the statuses mean.
func (t *TrackReport) heading() []string {
	s := t.Scorecard
	b := s.Breakdown
	p := b.Plan
	lines := []string{reportTitle(b, "")}
	asOf := "as of " + s.AsOf.String()
	if t.ActualsFile != "" {
		asOf += " · actuals " + t.ActualsFile
	}
	if b.Reserve > 0 {
		asOf += " · targets exclude the reserve of " + Money(b.Unit, b.Reserve)
	}
	lines = append(lines, asOf)
	tr := p.Tracking
	lines = append(lines, "status: "+statusMarks[plan.StatusGreen]+" ≥ "+Percent(tr.Green)+" · "+
		statusMarks[plan.StatusYellow]+" ≥ "+Percent(tr.Yellow)+" · "+statusMarks[plan.StatusRed]+" below")
	lines = append(lines, t.yearNote())
	return lines
}

// trackHeader is the CSV header before the re-spread's month columns.
var trackHeader = []string{"dimension", "path", "depth", "status", "ytd_target", "ytd_actual", "attainment",
	"fy_target", "remaining", "forecast", "payout", "respread"}

// Records streams one CSV record per node of every dimension with actuals:
// amounts exact and ungrouped, ratios as fractions, empty where undefined,
// then the re-spread's total and one column per later month.
func (t *TrackReport) Records(emit func([]string) error) error {
	if t.severalMetrics() {
		return t.metricRecords(emit)
	}
	s := t.Scorecard
	u := s.Breakdown.Unit
	header := append([]string{}, trackHeader[:len(trackHeader)-1]...) // up to payout
	header = append(header, t.yearHeader()...)
	header = append(header, trackHeader[len(trackHeader)-1])
	header = append(header, s.Later...)
	header = append(header, t.periodHeader()...)
	if err := emit(header); err != nil {
		return err
	}
	rec := make([]string, 0, len(header))
	for _, d := range s.Dimensions {
		for _, n := range t.trackNodes(d) {
			rec = rec[:0]
			rec = append(rec, d.Name, n.Row.PathString(), strconv.Itoa(n.Row.Depth), string(n.Status),
				u.Format(n.YTDTarget), trackExact(n.YTDActual), attainmentFraction(s.Breakdown.Plan.Tracking, n.Attainment), u.Format(n.FYTarget),
				trackExact(n.Remaining), trackFraction(n.Forecast), trackFraction(n.Payout))
			rec = append(rec, t.yearRecord(n)...)
			rec = append(rec, trackExact(n.RespreadTotal()))
			for _, c := range n.Respread {
				rec = append(rec, trackExact(c))
			}
			rec = append(rec, t.periodRecord(n)...)
			if err := emit(rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// trackExact writes an amount as a plain decimal, exact when it terminates within
// 10 places.
func trackExact(r *big.Rat) string { return plan.FormatRat(r, 10) }

// trackFraction writes a ratio (or a derived amount) like Fraction, "" when nil.
func trackFraction(r *big.Rat) string {
	if r == nil {
		return ""
	}
	return Fraction(r)
}

// WriteJSON writes the JSON of SPEC §7: the as-of month, the plan's
// identification, and per dimension one node per line and the total.
func (t *TrackReport) WriteJSON(w io.Writer) error {
	s := t.Scorecard
	b := s.Breakdown
	bw := newJSONOut(w)
	bw.WriteString("{\n")
	bw.field("as_of", jsonString(s.AsOf.String()))
	bw.planFields(b)
	bw.field("months", jsonStrings(s.Later))
	bw.WriteString("  \"dimensions\": [")
	for k, d := range s.Dimensions {
		if k > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    {\"name\": ")
		bw.Write(jsonString(d.Name))
		bw.WriteString(", \"nodes\": [")
		for i, n := range t.trackNodes(d) {
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n      ")
			t.writeNode(bw.Writer, n)
		}
		bw.WriteString("\n    ],\n    \"total\": ")
		t.writeNode(bw.Writer, d.Total)
		bw.WriteByte('}')
	}
	bw.WriteString("\n  ]")
	t.writeMetricsJSON(bw)
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeNode writes one node's object on one line; the total has no path.
func (t *TrackReport) writeNode(bw *bufio.Writer, n *plan.NodeScore) {
	s := t.Scorecard
	u := s.Breakdown.Unit
	bw.WriteByte('{')
	if n.Row != nil {
		bw.WriteString("\"path\": ")
		bw.Write(jsonStrings(n.Row.Path))
		bw.WriteString(", \"depth\": ")
		bw.WriteString(strconv.Itoa(n.Row.Depth))
		bw.WriteString(", ")
	}
	num := func(name, v string) {
		bw.WriteString("\"" + name + "\": ")
		if v == "" {
			v = "null"
		}
		bw.WriteString(v)
		bw.WriteString(", ")
	}
	num("ytd_target", u.Format(n.YTDTarget))
	num("ytd_actual", trackExact(n.YTDActual))
	num("attainment", attainmentFraction(s.Breakdown.Plan.Tracking, n.Attainment))
	if n.Status == plan.StatusNone {
		num("status", "")
	} else {
		num("status", string(jsonString(string(n.Status))))
	}
	num("fy_target", u.Format(n.FYTarget))
	num("remaining", trackExact(n.Remaining))
	num("forecast", trackFraction(n.Forecast))
	num("payout", trackFraction(n.Payout))
	t.writeYear(bw, n)
	bw.WriteString("\"respread\": {")
	for j, c := range n.Respread {
		if j > 0 {
			bw.WriteString(", ")
		}
		bw.Write(jsonString(s.Later[j]))
		bw.WriteString(": ")
		bw.WriteString(trackExact(c))
	}
	bw.WriteString("}}")
}
