package plan

import (
	"math/big"
	"strings"
)

// The v2 kinds of a metric (SPEC §11), beside KindCount and KindAmount.
const (
	KindCost  MetricKind = "cost"  // money spent: lower is better, tracked by utilisation
	KindRatio MetricKind = "ratio" // numerator / denominator of two other metrics, not split
)

// ReserveMode says what a metric holds back at the root.
type ReserveMode string

// The reserve modes of a metric. ReserveDefault is inherit for amounts, none
// for counts and costs.
const (
	ReserveDefault ReserveMode = ""
	ReserveInherit ReserveMode = "inherit"
	ReserveNone    ReserveMode = "none"
	ReserveRate    ReserveMode = "rate"
)

// MetricSpec holds a metric's v2 settings (SPEC §11).
type MetricSpec struct {
	TargetPos Pos

	Rate  *big.Rat // the target is Rate × the Of metric's target; nil when the target is given
	Of    string   // the metric the rate applies to and whose shares the metric follows ("" = revenue)
	OfPos Pos

	Seasonality *Seasonality // the metric's own time profile; nil: the Of metric's, else the plan's

	ReserveMode ReserveMode
	ReserveRate *big.Rat // with ReserveRate

	Numerator, Denominator string // a ratio's sides
	NumeratorPos           Pos
	DenominatorPos         Pos

	Collect *Collection // a collections metric's terms (SPEC §12); nil otherwise
}

// MetricOverride is a node's own weight (or fixed amount, history basis) for
// one metric, or for a ratio metric its own target. The embedded Node holds
// the weight fields and the node's name.
type MetricOverride struct {
	Node
	Target *big.Rat // a ratio metric's target for the node and its subtree; nil otherwise
}

// KPIWeight is one metric's weight in the KPI score.
type KPIWeight struct {
	Metric string
	Weight *big.Rat
	Pos    Pos
}

// CostThresholds are the utilisation thresholds of cost metrics: green at or
// below Green, yellow at or below Yellow, else red.
type CostThresholds struct {
	Green  *big.Rat // default 100 %
	Yellow *big.Rat // default 110 %
}

// MetricInfo describes any metric of a plan, revenue included.
type MetricInfo struct {
	Name string
	Kind MetricKind
	Unit Unit
	// Metric is the declared metric; nil for revenue.
	Metric *Metric
}

// Metric returns the metric of the given name (revenue included), or false.
func (p *Plan) Metric(name string) (MetricInfo, bool) {
	if name == "" || name == RevenueMetric {
		return MetricInfo{Name: RevenueMetric, Kind: KindAmount, Unit: p.Round}, true
	}
	m := p.metric(name)
	if m == nil {
		return MetricInfo{}, false
	}
	return MetricInfo{Name: m.Name, Kind: m.Kind, Unit: m.Unit, Metric: m}, true
}

// MetricNames returns revenue and the declared metrics' names, in order.
func (p *Plan) MetricNames() []string {
	names := []string{RevenueMetric}
	for _, m := range p.Metrics {
		names = append(names, m.Name)
	}
	return names
}

// Splittable reports whether the metric has a split (every kind but ratio).
func (m *Metric) Splittable() bool { return m.Kind != KindRatio }

// OfMetric returns the name of the metric m follows ("revenue" by default).
func (m *Metric) OfMetric() string {
	if m.Of == "" {
		return RevenueMetric
	}
	return m.Of
}

// reserveRate returns the root reserve rate a metric holds back: the plan's
// for inherit (the default of amounts), none for counts and costs by default.
func (p *Plan) reserveRate(m *Metric) *big.Rat {
	switch m.ReserveMode {
	case ReserveInherit:
		return p.Reserve
	case ReserveNone:
		return nil
	case ReserveRate:
		return m.ReserveRate
	}
	if m.Kind == KindAmount {
		return p.Reserve
	}
	return nil
}

// ratioTarget returns a ratio metric's target for a row: the nearest override
// on the row or its ancestors, else the metric's own.
func ratioTarget(m *Metric, r *Row) *big.Rat {
	for ; r != nil; r = r.Parent {
		if r.Node == nil {
			continue
		}
		if o := r.Node.Metrics[m.Name]; o != nil && o.Target != nil {
			return o.Target
		}
	}
	return m.Target
}

// metricChain returns m and the metrics it follows by `of`, m first, up to
// (not including) revenue. The loader has refused cycles.
func (p *Plan) metricChain(m *Metric) []*Metric {
	var chain []*Metric
	for x := m; x != nil && len(chain) <= len(p.Metrics); x = p.metric(x.Of) {
		chain = append(chain, x)
		if x.Of == "" || x.Of == RevenueMetric {
			break
		}
	}
	return chain
}

// splitMetric turns a breakdown of revenue into one of metric name: its
// target (given, or rate × its `of` metric's target), its root reserve, and
// every dimension's amounts, following the `of` chain down from revenue: a
// sibling group with overrides for a metric shares by them, any other group
// by the shares of the metric it follows.
func (e *engine) splitMetric(b *Breakdown, name string) error {
	p := e.p
	m := p.metric(name)
	if m == nil {
		return Problemf(metricHint(p), "unknown metric %q", name)
	}
	if m.Kind == KindRatio {
		return Problemf("split its sides instead: --metric "+m.Numerator+" or --metric "+m.Denominator+"; plan track measures the ratio",
			"metric %s is a ratio (%s / %s); a ratio has no split", m.Name, m.Numerator, m.Denominator)
	}
	chain := p.metricChain(m)
	target, unit := b.Target, p.Round // revenue's, tier applied
	for i := len(chain) - 1; i >= 0; i-- {
		x := chain[i]
		t, err := e.metricTarget(b, x, target, unit)
		if err != nil {
			return err
		}
		target, unit = t, x.Unit
		b.Target = t
		b.Reserve = halfUp(t, p.reserveRate(x))
		b.Allocated = t - b.Reserve
		for j, d := range b.Dimensions {
			e.reamountMetric(d, p.Dimensions[j], b.Allocated, x)
		}
		if len(e.diags) > 0 {
			return &InvalidError{Diagnostics: e.diags}
		}
	}
	b.Metric, b.Kind, b.Unit = m.Name, m.Kind, m.Unit
	// the nearest own seasonality on the chain, m first
	for _, x := range chain {
		if x.Seasonality != nil {
			e.season = x.Seasonality
			break
		}
	}
	b.season = e.season
	return nil
}

// metricTarget returns metric x's target in its units: its own target times
// the tier's factor, or its rate times the target of the metric it follows
// (ofTarget units of ofUnit), rounded half up to its unit.
func (e *engine) metricTarget(b *Breakdown, x *Metric, ofTarget int64, ofUnit Unit) (int64, error) {
	var exact *big.Rat
	if x.Rate != nil {
		exact = new(big.Rat).Mul(ofUnit.Amount(ofTarget), x.Rate)
	} else {
		exact = new(big.Rat).Mul(x.Target, b.Factor)
	}
	t, ok := x.Unit.RoundHalfUp(exact)
	if !ok {
		return 0, Problemf("", "the target of metric %s is too large", x.Name)
	}
	return t, nil
}

// reamountMetric re-splits a dimension's tree for metric x, top down: the
// same reserves and over-assignments, in x's unit; a sibling group whose
// nodes override x shares by their overrides, any other by the shares the
// rows hold (those of the metric x follows). Each row's Share becomes x's.
func (e *engine) reamountMetric(d *DimensionSplit, dim *Dimension, allocated int64, x *Metric) {
	group := func(total int64, rows []*Row, parent string, pos Pos) {
		if kids, ok := overrides(rows, x.Name); ok {
			amounts, shares := e.shareOut(total, kids, parent, pos, x.Unit)
			for i, r := range rows {
				r.Amount, r.Share = amounts[i], shares[i]
			}
			return
		}
		ws := make([]*big.Rat, len(rows))
		for i, r := range rows {
			ws[i] = r.Share
		}
		parts := Apportion(total, ws)
		for i, r := range rows {
			r.Amount = parts[i]
		}
	}
	group(allocated, d.Roots, "the plan", dim.Pos)
	for _, r := range d.Rows {
		if r.Leaf() {
			continue
		}
		n := r.Node
		reserve := halfUp(r.Amount, n.Reserve)
		shared := e.overAssigned(n, r.Amount-reserve, x.Unit)
		kids := r.Children
		if n.Reserve != nil {
			kids = kids[:len(kids)-1]
			r.Children[len(r.Children)-1].Amount = reserve
		}
		group(shared, kids, n.Name, n.Pos)
	}
}

// overrides returns the override nodes of a sibling group for a metric, when
// every sibling has one.
func overrides(rows []*Row, metric string) ([]*Node, bool) {
	if len(rows) == 0 || rows[0].Node == nil || rows[0].Node.Metrics[metric] == nil {
		return nil, false
	}
	kids := make([]*Node, len(rows))
	for i, r := range rows {
		o := r.Node.Metrics[metric]
		if o == nil {
			return nil, false
		}
		kids[i] = &o.Node
	}
	return kids, true
}

// metricList names the plan's metrics for a hint, with their kinds.
func metricList(p *Plan, keep func(*Metric) bool) string {
	names := []string{}
	if keep == nil || keep(nil) {
		names = append(names, RevenueMetric)
	}
	for i := range p.Metrics {
		if keep == nil || keep(&p.Metrics[i]) {
			names = append(names, p.Metrics[i].Name)
		}
	}
	return strings.Join(names, ", ")
}

// Seasonality returns the time profile the breakdown's metric follows.
func (b *Breakdown) Seasonality() Seasonality {
	if b.season != nil {
		return *b.season
	}
	return b.Plan.Seasonality
}

// ReserveRate returns the root reserve rate the breakdown's metric holds back
// (§11: the plan's for revenue and, by default, amounts; none by default for
// counts and costs); nil when none.
func (b *Breakdown) ReserveRate() *big.Rat {
	if m := b.Plan.metric(b.Metric); m != nil {
		return b.Plan.reserveRate(m)
	}
	return b.Plan.Reserve
}

// TierTarget returns a metric's target (revenue: the plan's) at a tier's
// factor, in units of the metric's unit: its own target × factor, or its
// rate × the target of the metric it follows at that factor, rounded half up.
// ok is false for an unknown or ratio metric, a collections metric, or a
// target too large.
func (p *Plan) TierTarget(metric string, factor *big.Rat) (int64, bool) {
	t, ok := p.Round.RoundHalfUp(new(big.Rat).Mul(p.Target, factor))
	if !ok || metric == "" || metric == RevenueMetric {
		return t, ok
	}
	m := p.metric(metric)
	if m == nil || !m.Splittable() || m.Collect != nil {
		return 0, false // a collections metric's target comes out of its split
	}
	chain := p.metricChain(m)
	unit := p.Round
	for i := len(chain) - 1; i >= 0; i-- {
		x := chain[i]
		var exact *big.Rat
		if x.Rate != nil {
			exact = new(big.Rat).Mul(unit.Amount(t), x.Rate)
		} else {
			exact = new(big.Rat).Mul(x.Target, factor)
		}
		if t, ok = x.Unit.RoundHalfUp(exact); !ok {
			return 0, false
		}
		unit = x.Unit
	}
	return t, true
}
