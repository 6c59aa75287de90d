package render

import (
	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// summaryMetric is one line of the summary's list of metrics.
type summaryMetric struct {
	name, kind string
	target     any // a number, or nil when the workbook does not know it
	rate       bool
}

// summaryMetrics lists every metric of the plan (SPEC §11): revenue first,
// then the declared ones, each with its kind and annual target. A split
// metric's target is its split's (a rate of another metric is computed by
// plan); a ratio's is its target rate. Only a plan with declared metrics has
// the list.
func (bk *book) summaryMetrics() []summaryMetric {
	p := bk.b.Plan
	if len(p.Metrics) == 0 {
		return nil
	}
	splits := map[string]*plan.Breakdown{bk.b.Metric: bk.b}
	for _, s := range bk.wb.MetricSplits {
		splits[s.Metric] = s
	}
	target := func(name string) any {
		if b := splits[name]; b != nil {
			return ratFloat(b.Unit.Amount(b.Target))
		}
		return nil
	}
	out := []summaryMetric{{name: plan.RevenueMetric, kind: string(plan.KindAmount), target: target(plan.RevenueMetric)}}
	if out[0].target == nil && p.Target != nil {
		out[0].target = ratFloat(p.Target)
	}
	for i := range p.Metrics {
		m := &p.Metrics[i]
		sm := summaryMetric{name: m.Name, kind: string(m.Kind), target: target(m.Name)}
		switch {
		case m.Kind == plan.KindRatio:
			sm.rate = true
			if m.Target != nil {
				sm.target = ratFloat(m.Target)
			}
		case sm.target == nil && m.Target != nil:
			sm.target = ratFloat(m.Target)
		}
		out = append(out, sm)
	}
	return out
}

// metrics writes the list of metrics at the end of the summary: name, kind, annual
// target (values computed by plan, styled as such).
func (s *summaryWriter) metrics() error {
	ms := s.bk.summaryMetrics()
	if len(ms) == 0 {
		return nil
	}
	t, h := s.bk.text, s.st.header
	if _, err := s.put(1, excelize.Cell{StyleID: h, Value: t.Metrics}, excelize.Cell{StyleID: h, Value: t.Kind}, excelize.Cell{StyleID: h, Value: t.Target}); err != nil {
		return err
	}
	for _, m := range ms {
		target := excelize.Cell{StyleID: s.st.computed, Value: m.target}
		switch {
		case m.rate:
			target.StyleID = s.st.share
		case m.kind == string(plan.KindCount):
			target.StyleID = s.st.plain
		}
		if m.target == nil {
			target = excelize.Cell{StyleID: s.st.text}
		}
		if _, err := s.put(0, excelize.Cell{StyleID: s.st.text, Value: m.name}, excelize.Cell{StyleID: s.st.text, Value: m.kind}, target); err != nil {
			return err
		}
	}
	return nil
}
