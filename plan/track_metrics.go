package plan

import (
	"fmt"
	"slices"
)

// MetricsScorecard is the tracking of every metric with actuals (SPEC §11):
// each split metric's scorecard, the ratios whose sides both have actuals, and
// the KPI score.
type MetricsScorecard struct {
	AsOf Month
	// Main is the scorecard of revenue, or of the metric asked for with
	// --metric (of a ratio: its numerator's); its Dimensions are empty when it
	// has no actuals.
	Main     *Scorecard
	Cards    []*Scorecard      // every split metric with actuals (or the one asked for and a ratio's sides), plan order, revenue first
	Ratios   []*RatioScorecard // the ratio metrics whose sides both have actuals (or the one asked for)
	KPI      *KPIScorecard     // nil when the plan has no kpi, a metric was asked for, or no kpi metric has actuals
	Warnings Diagnostics       // the splits' and the scorecards' warnings, each once
}

// Card returns the scorecard of the named metric, or nil.
func (ms *MetricsScorecard) Card(metric string) *Scorecard {
	for _, c := range ms.Cards {
		if c.Breakdown.Metric == metric {
			return c
		}
	}
	return nil
}

// TrackMetrics checks the records of an actuals file against every metric
// they name (the metric column; rows without one are revenue) and scores each
// metric with actuals as of asOf (the zero Month: the last month with an
// actual of any metric). only, when not "", limits the report to one metric
// (a ratio: with its sides). Bad rows are diagnostics naming their line, all
// of them; an error is returned for a problem of the whole run (an unknown
// tier or metric, no actuals at all, an as-of outside the year).
//
// split gives a metric's breakdown (nil: Split with the tier; the command
// passes one that applies re-planning, §13).
func TrackMetrics(p *Plan, split func(metric string) (*Breakdown, error), tier, only, file string, recs []ActualRecord, asOf Month) (*MetricsScorecard, Diagnostics, error) {
	if split == nil {
		split = func(metric string) (*Breakdown, error) { return Split(p, Options{Tier: tier, Metric: metric}) }
	}
	main := only
	if main == "" {
		main = RevenueMetric
	}
	info, ok := p.Metric(main)
	if !ok {
		return nil, nil, Problemf(metricHint(p), "unknown metric %q", main)
	}
	main = info.Name // the plan's spelling of the name asked for
	if only != "" {
		only = info.Name
	}
	if info.Kind == KindRatio {
		main = info.Metric.Numerator
	}
	byMetric := map[string][]ActualRecord{}
	var diags Diagnostics
	for _, r := range recs {
		name := r.Metric
		if name == "" {
			name = RevenueMetric
		}
		m, ok := p.Metric(name)
		switch {
		case !ok:
			hint := "the plan's metrics are: " + metricList(p, nil)
			if s, ok := suggestedKey(r.Metric, p.MetricNames()); ok {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			diags = append(diags, r.Src.diag(Error, hint, "unknown metric %q", r.Metric))
			continue
		case m.Kind == KindRatio:
			diags = append(diags, r.Src.diag(Error, "book its numerator ("+m.Metric.Numerator+") and denominator ("+m.Metric.Denominator+"); the ratio is computed from them",
				"%s is a ratio metric; actuals belong to its sides", m.Name))
			continue
		}
		byMetric[m.Name] = append(byMetric[m.Name], r)
	}
	wanted := func(name string) bool {
		if only == "" || name == main {
			return true
		}
		return info.Kind == KindRatio && (name == info.Metric.Numerator || name == info.Metric.Denominator)
	}
	ms := &MetricsScorecard{}
	seen := map[string]bool{}
	warn := func(ds Diagnostics) {
		for _, d := range ds {
			if k := d.String(); !seen[k] {
				seen[k] = true
				ms.Warnings = append(ms.Warnings, d)
			}
		}
	}
	type checked struct {
		b *Breakdown
		a *Actuals
	}
	var runs []checked
	var mainSplit *Breakdown
	for _, name := range p.MetricNames() {
		if info, _ := p.Metric(name); info.Kind == KindRatio {
			continue
		}
		rs := byMetric[name]
		if len(rs) == 0 && name != main {
			continue
		}
		b, err := split(name)
		if err != nil {
			return nil, nil, err
		}
		if name == main {
			mainSplit = b
		}
		if len(rs) == 0 {
			continue
		}
		a, ds := CheckActuals(file, b, rs)
		diags = append(diags, ds...)
		if wanted(name) {
			warn(b.Warnings)
			runs = append(runs, checked{b, a})
		}
	}
	slices.SortStableFunc(diags, func(x, y Diagnostic) int { return x.Pos.Line - y.Pos.Line })
	if diags.HasErrors() {
		return nil, diags, nil
	}
	if asOf == (Month{}) {
		last := -1
		for _, r := range runs {
			last = max(last, r.a.Last)
		}
		if last < 0 {
			return nil, diags, Problemf("add rows period,dimension,path,amount below the header", "%s has no actuals; there is nothing to track", file)
		}
		asOf = mainSplit.Calendar.Start.Add(last)
	}
	for _, r := range runs {
		c, err := Track(r.b, r.a, asOf)
		if err != nil {
			return nil, diags, err
		}
		warn(c.Warnings)
		ms.Cards = append(ms.Cards, c)
	}
	ms.Main = ms.Card(main)
	if ms.Main == nil {
		c := mainSplit.Calendar
		k := asOf.Index(c.Start)
		if k < 0 || k >= 12 {
			return nil, diags, Problemf("the fiscal year runs "+c.Start.String()+".."+c.Start.Add(11).String(), "--as-of %s is outside the fiscal year", asOf)
		}
		ms.Main = &Scorecard{Breakdown: mainSplit, AsOf: asOf, AsOfIndex: k, Later: c.MonthLabels()[k+1:]}
	}
	ms.AsOf = ms.Main.AsOf
	cards := map[string]*Scorecard{}
	for _, c := range ms.Cards {
		cards[c.Breakdown.Metric] = c
	}
	ratios := map[string]*RatioScorecard{}
	for i := range p.Metrics {
		m := &p.Metrics[i]
		if m.Kind != KindRatio || (only != "" && m.Name != only) {
			continue
		}
		num, den := cards[m.Numerator], cards[m.Denominator]
		if num == nil || den == nil {
			continue
		}
		r := trackRatio(m, num, den)
		ratios[m.Name] = r
		ms.Ratios = append(ms.Ratios, r)
	}
	if len(p.KPI) > 0 && only == "" {
		ms.KPI = trackKPI(p, cards, ratios)
		if len(ms.KPI.Dimensions) == 0 {
			ms.KPI = nil
		}
	}
	if ms.KPI != nil && p.Incentive.On == "kpi" {
		for _, c := range ms.Cards {
			payByKPI(c, ms.KPI)
		}
	}
	return ms, diags, nil
}
