package plan

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// metricKeys are the keys of a metric (SPEC §3, §11, §12).
var metricKeys = []string{"name", "kind", "target", "rate", "of", "round", "seasonality", "reserve",
	"numerator", "denominator", "collect"}

// metricRateRule bounds a metric's rate: at least 0, a plain number above 1 is a
// typo for a percent.
var metricRateRule = rateRule{min: ratZero, plain: plainAboveError}

// ratioTargetRule bounds a ratio's target: above 0 (120 % may be written "120%").
var ratioTargetRule = rateRule{min: ratZero, minOpen: true, plain: plainAboveOK, plainLimit: big.NewRat(10, 1)}

// metricSpec reads what a metric's kind needs beside its name and kind: its
// target (given, or rate + of), seasonality, reserve, a ratio's sides, a
// collections metric's terms. It reports false when the metric is unusable.
func (l *loader) metricSpec(it *yaml.Node, f map[string]field, m *Metric) bool {
	has := func(k string) bool { _, ok := f[k]; return ok }
	if m.Kind == KindRatio {
		for _, k := range []string{"rate", "of", "round", "seasonality", "reserve", "collect"} {
			if v, ok := f[k]; ok {
				l.errorf(v.key, "a ratio is measured from its numerator and denominator, not split", "metric %s is a ratio and cannot have %s", m.Name, k)
			}
		}
		ok := true
		for _, side := range []struct {
			key string
			dst *string
			pos *Pos
		}{{"numerator", &m.Numerator, &m.NumeratorPos}, {"denominator", &m.Denominator, &m.DenominatorPos}} {
			v, has := f[side.key]
			if !has {
				l.errorf(it, "e.g. `{name: 回款率, kind: ratio, numerator: 回款, denominator: revenue, target: 95%}`", "ratio metric %s has no %s", m.Name, side.key)
				ok = false
				continue
			}
			s, good := l.text(v.val, "metric "+side.key)
			*side.dst, *side.pos = s, posOf(v.val)
			ok = ok && good
		}
		v, has := f["target"]
		if !has {
			l.errorf(it, "a ratio's target is a rate, e.g. `target: 95%`", "ratio metric %s has no target", m.Name)
			return false
		}
		m.TargetPos = posOf(v.val)
		r, good := l.rate(v.val, "target of "+m.Name, ratioTargetRule)
		m.Target = r
		return ok && good
	}
	for _, k := range []string{"numerator", "denominator"} {
		if v, ok := f[k]; ok {
			l.errorf(v.key, "only a ratio metric (kind: ratio) has a numerator and a denominator", "metric %s is not a ratio and cannot have %s", m.Name, k)
		}
	}
	if v, has := f["collect"]; has {
		if m.Kind != KindAmount {
			l.errorf(f["kind"].val, "collections are money: write kind: amount (or leave kind out)", "metric %s collects (collect:) and must be of kind amount, not %s", m.Name, m.Kind)
			return false
		}
		c, ok := l.collection(v.val, m, f)
		m.Collect = c
		return ok
	}
	ok := true
	switch {
	case has("target") && has("rate"):
		l.errorf(f["rate"].key, "give either target or rate (with of), not both", "metric %s has both target and rate", m.Name)
		ok = false
	case has("target"):
		v := f["target"]
		m.TargetPos = posOf(v.val)
		r, good := l.amount(v.val, "metric target")
		if good {
			m.Target = r
			l.checkMultiple(v.val, "metric target", m.Target, m.Unit)
		}
		ok = good
	case has("rate"):
		v := f["rate"]
		m.TargetPos = posOf(v.val)
		m.Rate, ok = l.rate(v.val, "rate of "+m.Name, metricRateRule)
	default:
		l.errorf(it, "give it a target, or a rate of another metric (rate: 3%, of: revenue)", "metric %s has no target", m.Name)
		ok = false
	}
	if v, has := f["of"]; has {
		if _, rate := f["rate"]; !rate {
			l.errorf(v.key, "of names the metric a rate applies to: add `rate:`", "metric %s has of but no rate", m.Name)
			ok = false
		}
		s, good := l.text(v.val, "metric of")
		m.Of, m.OfPos = s, posOf(v.val)
		ok = ok && good
	}
	if v, has := f["seasonality"]; has {
		s := l.seasonality(v.val)
		m.Seasonality = &s
	}
	if v, has := f["reserve"]; has {
		switch strings.TrimSpace(v.val.Value) {
		case string(ReserveInherit):
			m.ReserveMode = ReserveInherit
		case string(ReserveNone):
			m.ReserveMode = ReserveNone
		default:
			if r, good := l.rate(v.val, "reserve of "+m.Name, reserveRule); good {
				m.ReserveMode, m.ReserveRate = ReserveRate, r
			}
		}
	}
	return ok
}

// costThresholds reads `tracking.cost: {green: 100%, yellow: 110%}`.
func (l *loader) costThresholds(n *yaml.Node, c *CostThresholds) {
	f, ok := l.mapping(n, "tracking.cost", "green", "yellow")
	if !ok {
		return
	}
	l.rateField(f, "green", "tracking.cost.green", shareRule, &c.Green)
	l.rateField(f, "yellow", "tracking.cost.yellow", shareRule, &c.Yellow)
	if c.Yellow.Cmp(c.Green) < 0 {
		l.errorf(n, "a cost is green up to cost.green and yellow up to the higher cost.yellow", "tracking.cost.yellow (%s) is below tracking.cost.green (%s)", pct(c.Yellow), pct(c.Green))
	}
}

// incentiveOn reads `incentive.on`: revenue (the default) or kpi.
func (l *loader) incentiveOn(n *yaml.Node, in *Incentive) {
	s, ok := l.text(n, "incentive.on")
	if !ok {
		return
	}
	switch s {
	case "kpi":
		in.On = "kpi"
	case RevenueMetric:
	default:
		l.errorf(n, "use revenue (pay by revenue attainment) or kpi (pay by the KPI score)", "unknown incentive.on %q", s)
	}
}

// nodeMetrics reads a node's `metrics: {NAME: {weight|amount|last_year+growth|target}}`.
func (l *loader) nodeMetrics(n *yaml.Node, node string) map[string]*MetricOverride {
	n = l.visit(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "write e.g. `metrics: {new_customers: {weight: 30%}}`", "metrics of %s must be a mapping of metric names to overrides, found %s", node, describe(n))
		return nil
	}
	out := map[string]*MetricOverride{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := l.visit(n.Content[i]), n.Content[i+1]
		if k == nil {
			return out
		}
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			l.errorf(k, "", "a metric name must be plain text, found %s", describe(k))
			continue
		}
		if out[k.Value] != nil {
			l.errorf(k, "", "duplicate metric %q in the metrics of %s", k.Value, node)
			continue
		}
		what := k.Value + " of " + node
		f, ok := l.mapping(v, "a metric override", "weight", "amount", "last_year", "growth", "target")
		if !ok {
			continue
		}
		o := &MetricOverride{Node: Node{Name: node, Pos: posOf(k)}}
		var kinds []string
		bad := false
		if v, ok := f["weight"]; ok {
			kinds = append(kinds, "weight")
			o.WeightPos = posOf(v.val)
			if r, kd, ok := l.weight(v.val, "weight of "+what); ok {
				o.Weight, o.Kind = r, kd
			} else {
				bad = true
			}
		}
		if v, ok := f["last_year"]; ok {
			kinds = append(kinds, "last_year")
			o.WeightPos = posOf(v.val)
			if r, ok := l.amount(v.val, "last_year of "+what); ok {
				o.LastYear, o.Kind = r, History
			} else {
				bad = true
			}
		}
		if v, ok := f["growth"]; ok {
			if r, ok := l.rate(v.val, "growth of "+what, growthRule); ok {
				o.Growth = r
			} else {
				bad = true
			}
			if _, has := f["last_year"]; !has {
				l.errorf(v.key, "growth applies to last_year: add `last_year:` or remove growth", "%s has growth but no last_year", what)
				bad = true
			}
		}
		if v, ok := f["amount"]; ok {
			kinds = append(kinds, "amount")
			o.WeightPos = posOf(v.val)
			if r, ok := l.amount(v.val, "amount of "+what); ok {
				o.Amount, o.Kind = r, Fixed
			} else {
				bad = true
			}
		}
		if v, ok := f["target"]; ok {
			kinds = append(kinds, "target")
			o.WeightPos = posOf(v.val)
			if r, ok := l.rate(v.val, "target of "+what, ratioTargetRule); ok {
				o.Target = r
			} else {
				bad = true
			}
		}
		if len(kinds) > 1 {
			l.errorf(v, "an override has one of weight, last_year (with growth), amount, or for a ratio target", "%s has both %s", what, strings.Join(kinds, " and "))
			bad = true
		}
		if len(kinds) == 0 && !bad {
			l.errorf(v, "give weight, last_year (with growth), amount, or for a ratio target", "the override of %s is empty", what)
			bad = true
		}
		if bad {
			o.invalid = true
		}
		out[k.Value] = o
	}
	return out
}

// checkMetrics checks what ties metrics together once the whole plan is read:
// the metrics that `of`, `numerator`, `denominator` and `collect.from` name,
// no `of` cycle, the KPI weights, and every node override (a known metric of
// the right kind, fixed amounts in the metric's unit, and the all-siblings
// rule).
func (l *loader) checkMetrics(p *Plan, top map[string]field) {
	known := func(name string, pos Pos, what string, splittable bool) bool {
		info, ok := p.Metric(name)
		switch {
		case !ok:
			hint := "the plan's metrics are: " + metricList(p, nil)
			if s, ok := suggestedKey(name, p.MetricNames()); ok {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			l.diag(pos, Error, hint, "%s names unknown metric %q", what, name)
			return false
		case splittable && info.Kind == KindRatio:
			l.diag(pos, Error, "name a metric that is split: "+metricList(p, func(m *Metric) bool { return m == nil || m.Kind != KindRatio }), "%s names ratio metric %s", what, name)
			return false
		}
		return true
	}
	for i := range p.Metrics {
		m := &p.Metrics[i]
		switch {
		case m.Kind == KindRatio:
			known(m.Numerator, m.NumeratorPos, "the numerator of "+m.Name, true)
			known(m.Denominator, m.DenominatorPos, "the denominator of "+m.Name, true)
		case m.Collect != nil:
			l.checkCollectFrom(p, m, known)
		case m.Of != "":
			if m.Of == m.Name {
				l.diag(m.OfPos, Error, "", "metric %s is a rate of itself", m.Name)
				m.Of = ""
			} else if !known(m.Of, m.OfPos, "of of "+m.Name, true) {
				m.Of = ""
			} else if x := p.metric(m.Of); x != nil && x.Collect != nil {
				l.diag(m.OfPos, Error, "a rate applies to a planned target: name "+x.Collect.From+" (what "+x.Name+" collects from) or give a target", "of of %s names %s, a collections metric", m.Name, x.Name)
				m.Of = ""
			}
		}
	}
	// of cycles: following of from any metric must reach revenue.
	for i := range p.Metrics {
		m := &p.Metrics[i]
		x, steps := m, 0
		for x != nil && x.Of != "" && steps <= len(p.Metrics) {
			x, steps = p.metric(x.Of), steps+1
		}
		if steps > len(p.Metrics) {
			l.diag(m.OfPos, Error, "one metric of the chain must be a rate of revenue or have its own target", "metric %s is a rate of itself through of", m.Name)
			m.Of = ""
		}
	}
	if v, ok := top["kpi"]; ok {
		p.KPI = l.kpi(v.val, known)
	}
	if v, ok := top["ageing"]; ok {
		p.Ageing = l.ageing(v.val)
	}
	for _, d := range p.Dimensions {
		l.checkOverrides(p, d.Roots, "dimension "+d.Name)
	}
}

// kpi reads `kpi: {revenue: 70%, 回款率: 20%}`: metric names to weights.
func (l *loader) kpi(n *yaml.Node, known func(string, Pos, string, bool) bool) []KPIWeight {
	n = l.visit(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "write e.g. `kpi: {revenue: 70%, new_customers: 30%}`", "kpi must be a mapping of metric names to weights, found %s", describe(n))
		return nil
	}
	var out []KPIWeight
	seen := map[string]bool{}
	sum := new(big.Rat)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := l.visit(n.Content[i]), n.Content[i+1]
		if k == nil {
			return out
		}
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			l.errorf(k, "", "a kpi key must be a metric name, found %s", describe(k))
			continue
		}
		if seen[k.Value] {
			l.errorf(k, "", "duplicate kpi metric %q", k.Value)
			continue
		}
		seen[k.Value] = true
		ok := known(k.Value, posOf(k), "kpi", false)
		r, good := l.rate(v, "kpi weight of "+k.Value, rateRule{min: ratZero, max: ratOne, plain: plainAboveError})
		if !ok || !good {
			continue
		}
		sum.Add(sum, r)
		out = append(out, KPIWeight{Metric: k.Value, Weight: r, Pos: posOf(k)})
	}
	if len(out) > 0 && sum.Sign() == 0 {
		l.errorf(n, "give at least one metric a weight above 0%", "the kpi weights are all zero")
		return nil
	}
	return out
}

// checkOverrides checks the metric overrides of one sibling group and, below
// it, of every group of the tree.
func (l *loader) checkOverrides(p *Plan, kids []*Node, parent string) {
	names := map[string]bool{}
	var order []string
	for _, k := range kids {
		for name := range k.Metrics {
			if !names[name] {
				names[name] = true
				order = append(order, name)
			}
		}
	}
	slices.Sort(order)
	for _, name := range order {
		info, ok := p.Metric(name)
		var first *MetricOverride
		for _, k := range kids {
			if o := k.Metrics[name]; o != nil && (first == nil || less(o.Pos, first.Pos)) {
				first = o
			}
		}
		if !ok || info.Metric == nil {
			hint := "the plan's metrics are: " + metricList(p, func(m *Metric) bool { return m != nil })
			if name == RevenueMetric {
				hint = "a node's revenue share is its own weight, last_year or amount"
			} else if s, ok := suggestedKey(name, p.MetricNames()); ok {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			l.diag(first.Pos, Error, hint, "%s overrides unknown metric %q", first.Name, name)
			continue
		}
		m := info.Metric
		if m.Collect != nil {
			l.diag(first.Pos, Error, "collections follow the shares of "+m.Collect.From+": override "+m.Collect.From+" instead", "%s overrides %s, a collections metric", first.Name, name)
			continue
		}
		valid := true
		var missing []string
		for _, k := range kids {
			o := k.Metrics[name]
			if o == nil {
				missing = append(missing, k.Name)
				continue
			}
			if o.invalid {
				valid = false
				continue
			}
			switch {
			case m.Kind == KindRatio && o.Target == nil:
				l.diag(o.Pos, Error, "a ratio is not split: give the node its own `target:`", "%s overrides ratio metric %s with a %s", o.Name, name, weightField(o.Kind))
				valid = false
			case m.Kind != KindRatio && o.Target != nil:
				l.diag(o.WeightPos, Error, "give the node a weight, last_year or amount for "+name, "%s gives %s a target; only a ratio metric's nodes have their own target", o.Name, name)
				valid = false
			case o.Kind == Fixed:
				if _, ok := m.Unit.Count(o.Amount); !ok {
					l.diag(o.WeightPos, Error, "a fixed amount is a whole number of the metric's unit "+m.Unit.String(), "the amount of %s for %s is not a multiple of %s", o.Name, name, m.Unit)
					valid = false
				}
			}
		}
		if m.Kind == KindRatio {
			continue // a ratio target applies to one node's subtree; siblings need not give one
		}
		if len(missing) > 0 {
			l.diag(first.Pos, Error, fmt.Sprintf("give %s an override for %s too: siblings share a metric by one rule", strings.Join(missing, ", "), name),
				"%s overrides %s among the children of %s, but %s do%s not", first.Name, name, parent, strings.Join(missing, ", "), map[bool]string{true: "es", false: ""}[len(missing) == 1])
			continue
		}
		if valid {
			group := make([]*Node, len(kids))
			for i, k := range kids {
				group[i] = &k.Metrics[name].Node
			}
			l.siblings(group, nil, parent+" for "+name)
		}
	}
	for _, k := range kids {
		l.checkOverrides(p, k.Children, k.Name)
	}
}

// ageing reads `ageing: [15, 30]`: increasing whole days above 0, at most 12.
func (l *loader) ageing(n *yaml.Node) []int {
	items, ok := l.sequence(n, "ageing")
	if !ok {
		return nil
	}
	if len(items) == 0 || len(items) > 12 {
		l.errorf(n, "e.g. `ageing: [15, 30]`: buckets 1-15, 16-30 and 31+ days overdue", "ageing must have 1 to 12 edges, found %d", len(items))
		return nil
	}
	out := make([]int, 0, len(items))
	for _, it := range items {
		d, ok := l.whole(it, "an ageing edge")
		if !ok {
			return nil
		}
		if d < 1 || d > 3650 || (len(out) > 0 && int(d) <= out[len(out)-1]) {
			l.errorf(it, "edges are days overdue, increasing, e.g. [15, 30]", "ageing edge %d must be above the one before and between 1 and 3650", d)
			return nil
		}
		out = append(out, int(d))
	}
	return out
}
