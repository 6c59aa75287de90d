package render

import (
	"bufio"
	"strconv"

	"github.com/planhq/plan/plan"
)

// The several metrics of `plan track` (SPEC §11): a section per metric, per
// ratio and for the KPI score in the text formats; a metric column in CSV;
// "metrics" and "kpi" in JSON.

// attainmentLabel names the attainment column: a cost's is its utilisation.
func attainmentLabel(k plan.MetricKind) string {
	if k == plan.KindCost {
		return "UTILISATION"
	}
	return "ATTAINMENT"
}

// others returns the scorecards of the metrics other than the main one.
func (t *TrackReport) others() []*plan.Scorecard {
	if t.Metrics == nil {
		return nil
	}
	var out []*plan.Scorecard
	for _, c := range t.Metrics.Cards {
		if c != t.Scorecard {
			out = append(out, c)
		}
	}
	return out
}

// severalMetrics reports whether the report holds more than the main metric.
func (t *TrackReport) severalMetrics() bool {
	return t.Metrics != nil && (len(t.others()) > 0 || len(t.Metrics.Ratios) > 0)
}

// metricSections renders the other metrics, the ratios and the KPI score.
func (t *TrackReport) metricSections() []Section {
	if t.Metrics == nil {
		return nil
	}
	var out []Section
	for _, c := range t.others() {
		sub := &TrackReport{Scorecard: c, Color: t.Color}
		for _, s := range sub.cardSections()[1:] {
			s.Title = c.Breakdown.Metric + " · " + s.Title
			out = append(out, s)
		}
	}
	span := t.Scorecard.Breakdown.Calendar.Start.String() + ".." + t.Metrics.AsOf.String()
	for _, r := range t.Metrics.Ratios {
		m := r.Metric
		for _, d := range r.Dimensions {
			sec := Section{Title: m.Name + " · " + d.Name + " · ratio " + m.Numerator + " / " + m.Denominator + ", year to date " + span,
				Columns: []Column{{Name: "NODE"}, {Name: "STATUS"}, {Name: "TARGET", Align: Right}, {Name: m.Numerator, Align: Right},
					{Name: m.Denominator, Align: Right}, {Name: "ACTUAL", Align: Right}, {Name: "ATTAINMENT", Align: Right}}}
			row := func(name string, n *plan.RatioNode) []string {
				return []string{name, t.status(n.Status), Percent(n.Target), trackMoney(n.Numerator, 2), trackMoney(n.Denominator, 2),
					Percent(n.Actual), Percent(n.Attainment)}
			}
			for _, n := range d.Nodes {
				sec.Rows = append(sec.Rows, row(trackIndent(n.Row), n))
			}
			sec.Footer = row("TOTAL", d.Total)
			out = append(out, sec)
		}
	}
	if k := t.Metrics.KPI; k != nil {
		for _, d := range k.Dimensions {
			sec := Section{Title: "KPI · " + d.Name + " · score year to date " + span,
				Columns: []Column{{Name: "NODE"}, {Name: "STATUS"}, {Name: "SCORE", Align: Right}}}
			for i, m := range d.Metrics {
				sec.Columns = append(sec.Columns, Column{Name: m + " " + Percent(d.Weights[i]), Align: Right})
			}
			sec.Columns = append(sec.Columns, Column{Name: "PAYOUT", Align: Right})
			row := func(name string, n *plan.KPINode) []string {
				r := []string{name, t.status(n.Status), Percent(n.Score)}
				for i := range d.Metrics {
					v := ""
					if i < len(n.Parts) {
						v = Percent(n.Parts[i])
					}
					r = append(r, v)
				}
				return append(r, Percent(n.Payout))
			}
			for _, n := range d.Nodes {
				sec.Rows = append(sec.Rows, row(trackIndent(n.Row), n))
			}
			sec.Footer = row("TOTAL", d.Total)
			out = append(out, sec)
		}
	}
	return out
}

// metricRecords streams the CSV of several metrics: v1's columns after a
// metric column, one record per node of every metric; a ratio's records hold
// its target in ytd_target, its actual ratio in ytd_actual and its
// attainment; the KPI's (metric "kpi") its score in attainment and its payout.
func (t *TrackReport) metricRecords(emit func([]string) error) error {
	s := t.Scorecard
	header := append(append([]string{"metric"}, trackHeader...), s.Later...)
	if err := emit(header); err != nil {
		return err
	}
	for _, c := range t.Metrics.Cards {
		u := c.Breakdown.Unit
		for _, d := range c.Dimensions {
			for _, n := range d.Nodes {
				rec := []string{c.Breakdown.Metric, d.Name, n.Row.PathString(), strconv.Itoa(n.Row.Depth), string(n.Status),
					u.Format(n.YTDTarget), trackExact(n.YTDActual), trackFraction(n.Attainment), u.Format(n.FYTarget),
					trackExact(n.Remaining), trackFraction(n.Forecast), trackFraction(n.Payout), trackExact(n.RespreadTotal())}
				for _, v := range n.Respread {
					rec = append(rec, trackExact(v))
				}
				if err := emit(rec); err != nil {
					return err
				}
			}
		}
	}
	blank := func(rec []string) []string {
		for len(rec) < len(header) {
			rec = append(rec, "")
		}
		return rec
	}
	for _, r := range t.Metrics.Ratios {
		for _, d := range r.Dimensions {
			for _, n := range d.Nodes {
				rec := []string{r.Metric.Name, d.Name, n.Row.PathString(), strconv.Itoa(n.Row.Depth), string(n.Status),
					trackFraction(n.Target), trackFraction(n.Actual), trackFraction(n.Attainment)}
				if err := emit(blank(rec)); err != nil {
					return err
				}
			}
		}
	}
	if k := t.Metrics.KPI; k != nil {
		for _, d := range k.Dimensions {
			for _, n := range d.Nodes {
				rec := []string{"kpi", d.Name, n.Row.PathString(), strconv.Itoa(n.Row.Depth), string(n.Status),
					"", "", trackFraction(n.Score), "", "", "", trackFraction(n.Payout)}
				if err := emit(blank(rec)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// writeMetricsJSON writes the "metrics" and "kpi" fields of §11 (after the
// v1 fields, each object on one line).
func (t *TrackReport) writeMetricsJSON(bw jsonOut) {
	if t.Metrics == nil {
		return
	}
	bw.WriteString(",\n  \"metrics\": [")
	first := true
	sep := func() {
		if !first {
			bw.WriteByte(',')
		}
		first = false
	}
	for _, c := range t.Metrics.Cards {
		sep()
		sub := &TrackReport{Scorecard: c}
		bw.WriteString("\n    {\"name\": ")
		bw.Write(jsonString(c.Breakdown.Metric))
		bw.WriteString(", \"kind\": ")
		bw.Write(jsonString(string(c.Breakdown.Kind)))
		bw.WriteString(", \"round\": " + c.Breakdown.Unit.String())
		bw.WriteString(", \"months\": ")
		bw.Write(jsonStrings(c.Later))
		bw.WriteString(", \"dimensions\": [")
		for k, d := range c.Dimensions {
			bw.metricDimension(k, d.Name, len(d.Nodes), func(i int) { sub.writeNode(bw.Writer, d.Nodes[i]) }, func() { sub.writeNode(bw.Writer, d.Total) })
		}
		bw.WriteString("\n    ]}")
	}
	for _, r := range t.Metrics.Ratios {
		sep()
		m := r.Metric
		bw.WriteString("\n    {\"name\": ")
		bw.Write(jsonString(m.Name))
		bw.WriteString(", \"kind\": \"ratio\", \"numerator\": ")
		bw.Write(jsonString(m.Numerator))
		bw.WriteString(", \"denominator\": ")
		bw.Write(jsonString(m.Denominator))
		bw.WriteString(", \"target\": " + Fraction(m.Target) + ", \"dimensions\": [")
		for k, d := range r.Dimensions {
			bw.metricDimension(k, d.Name, len(d.Nodes), func(i int) { writeRatioNode(bw.Writer, d.Nodes[i]) }, func() { writeRatioNode(bw.Writer, d.Total) })
		}
		bw.WriteString("\n    ]}")
	}
	bw.WriteString("\n  ]")
	k := t.Metrics.KPI
	if k == nil {
		return
	}
	bw.WriteString(",\n  \"kpi\": {\"weights\": {")
	for i, w := range k.Weights {
		if i > 0 {
			bw.WriteString(", ")
		}
		bw.Write(jsonString(w.Metric))
		bw.WriteString(": " + Fraction(w.Weight))
	}
	bw.WriteString("}, \"dimensions\": [")
	for j, d := range k.Dimensions {
		if j > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    {\"name\": ")
		bw.Write(jsonString(d.Name))
		bw.WriteString(", \"metrics\": ")
		bw.Write(jsonStrings(d.Metrics))
		bw.WriteString(", \"nodes\": [")
		for i, n := range d.Nodes {
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n      ")
			writeKPINode(bw.Writer, d, n)
		}
		bw.WriteString("\n    ],\n    \"total\": ")
		writeKPINode(bw.Writer, d, d.Total)
		bw.WriteByte('}')
	}
	bw.WriteString("\n  ]}")
}

// jsonPath writes a node's "path" and "depth" fields; nothing for a total.
func jsonPath(bw *bufio.Writer, r *plan.Row) {
	if r == nil {
		return
	}
	bw.WriteString("\"path\": ")
	bw.Write(jsonStrings(r.Path))
	bw.WriteString(", \"depth\": ")
	bw.WriteString(strconv.Itoa(r.Depth))
	bw.WriteString(", ")
}

func jsonStatus(s plan.TrackStatus) []byte {
	if s == plan.StatusNone {
		return []byte("null")
	}
	return jsonString(string(s))
}

// writeRatioNode writes one node of a ratio on one line.
func writeRatioNode(bw *bufio.Writer, n *plan.RatioNode) {
	bw.WriteByte('{')
	jsonPath(bw, n.Row)
	bw.WriteString("\"target\": " + orNull(trackFraction(n.Target)))
	bw.WriteString(", \"numerator\": " + trackExact(n.Numerator))
	bw.WriteString(", \"denominator\": " + trackExact(n.Denominator))
	bw.WriteString(", \"actual\": " + orNull(trackFraction(n.Actual)))
	bw.WriteString(", \"attainment\": " + orNull(trackFraction(n.Attainment)))
	bw.WriteString(", \"status\": ")
	bw.Write(jsonStatus(n.Status))
	bw.WriteByte('}')
}

// writeKPINode writes one node's KPI score on one line.
func writeKPINode(bw *bufio.Writer, d *plan.KPIDimension, n *plan.KPINode) {
	bw.WriteByte('{')
	jsonPath(bw, n.Row)
	bw.WriteString("\"score\": " + orNull(trackFraction(n.Score)))
	bw.WriteString(", \"status\": ")
	bw.Write(jsonStatus(n.Status))
	bw.WriteString(", \"payout\": " + orNull(trackFraction(n.Payout)))
	bw.WriteString(", \"parts\": {")
	for i, m := range d.Metrics {
		if i > 0 {
			bw.WriteString(", ")
		}
		bw.Write(jsonString(m))
		v := ""
		if i < len(n.Parts) {
			v = trackFraction(n.Parts[i])
		}
		bw.WriteString(": " + orNull(v))
	}
	bw.WriteString("}}")
}

func orNull(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

// metricDimension writes the k-th dimension of a metric in the JSON of track:
// its name, its n nodes one per line (node writes the i-th) and its total.
func (bw jsonOut) metricDimension(k int, name string, n int, node func(i int), total func()) {
	if k > 0 {
		bw.WriteByte(',')
	}
	bw.WriteString("\n      {\"name\": ")
	bw.Write(jsonString(name))
	bw.WriteString(", \"nodes\": [")
	for i := range n {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n        ")
		node(i)
	}
	bw.WriteString("\n      ],\n      \"total\": ")
	total()
	bw.WriteByte('}')
}
