package plan

import (
	"math/big"
)

// CostStatus returns the traffic light of a cost metric's utilisation u =
// ytd_actual / ytd_target (§11): green at or below Cost.Green, yellow at or
// below Cost.Yellow, else red. A nil utilisation (nothing was budgeted year to
// date) is green when nothing was spent, else red.
func (t Tracking) CostStatus(utilisation, ytdActual *big.Rat) TrackStatus {
	switch {
	case utilisation == nil && ytdActual.Sign() <= 0:
		return StatusGreen
	case utilisation == nil:
		return StatusRed
	case utilisation.Cmp(t.Cost.Green) <= 0:
		return StatusGreen
	case utilisation.Cmp(t.Cost.Yellow) <= 0:
		return StatusYellow
	}
	return StatusRed
}

// RatioScorecard is the tracking of a ratio metric (§11): per node, the year
// to date numerator over the year to date denominator against its target.
type RatioScorecard struct {
	Metric     *Metric
	Dimensions []*RatioDimension // the dimensions where both sides have actuals
}

// RatioDimension is a ratio's scorecard in one dimension.
type RatioDimension struct {
	Name  string
	Nodes []*RatioNode // one per row of the dimension, same order
	Total *RatioNode   // the dimension's top-level nodes together (Row nil)
}

// RatioNode measures one node's ratio. Reserve rows have only their sides.
type RatioNode struct {
	Row         *Row
	Target      *big.Rat // the metric's target, or the nearest override on the node or above
	Numerator   *big.Rat // the numerator's year to date actual
	Denominator *big.Rat // the denominator's year to date actual
	Actual      *big.Rat // Numerator / Denominator; nil when Denominator is 0
	Attainment  *big.Rat // Actual / Target; nil when Actual is nil
	Status      TrackStatus
}

// trackRatio measures ratio metric m from its sides' scorecards.
func trackRatio(m *Metric, num, den *Scorecard) *RatioScorecard {
	rs := &RatioScorecard{Metric: m}
	t := num.Breakdown.Plan.Tracking
	for _, nd := range num.Dimensions {
		dd := den.dimension(nd.Name)
		if dd == nil {
			continue
		}
		measure := func(row *Row, a, b *NodeScore) *RatioNode {
			n := &RatioNode{Row: row, Numerator: a.YTDActual, Denominator: b.YTDActual}
			if row != nil && row.IsReserve() {
				return n
			}
			n.Target = m.Target
			if row != nil {
				n.Target = ratioTarget(m, row)
			}
			if b.YTDActual.Sign() != 0 {
				n.Actual = new(big.Rat).Quo(a.YTDActual, b.YTDActual)
				n.Attainment = new(big.Rat).Quo(n.Actual, n.Target)
			}
			n.Status = t.Status(n.Attainment, new(big.Rat))
			if n.Attainment == nil {
				n.Status = StatusNone // no denominator: nothing to measure
			}
			return n
		}
		rd := &RatioDimension{Name: nd.Name, Nodes: make([]*RatioNode, len(nd.Nodes))}
		for i, a := range nd.Nodes {
			rd.Nodes[i] = measure(a.Row, a, dd.Nodes[i])
		}
		rd.Total = measure(nil, nd.Total, dd.Total)
		rs.Dimensions = append(rs.Dimensions, rd)
	}
	return rs
}

// dimension returns the scorecard of the named dimension, or nil.
func (s *Scorecard) dimension(name string) *DimensionScore {
	for _, d := range s.Dimensions {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// KPIScorecard is the KPI score of every node (§11): per dimension, the
// weighted mean of the scores of the kpi metrics that have actuals there.
type KPIScorecard struct {
	Weights    []KPIWeight // the plan's kpi weights, declared order
	Dimensions []*KPIDimension
}

// KPIDimension is the KPI score in one dimension.
type KPIDimension struct {
	Name    string
	Metrics []string   // the kpi metrics with actuals in this dimension, in the order of Weights
	Weights []*big.Rat // their weights
	Nodes   []*KPINode // one per row of the dimension, same order
	Total   *KPINode   // the dimension's top-level nodes together (Row nil)
}

// KPINode is one node's KPI score. Reserve rows have none.
type KPINode struct {
	Row *Row
	// Parts holds each metric's score before weighting, one per
	// KPIDimension.Metrics entry: the attainment (amount, count, ratio), for a
	// cost min(1, ytd_target / ytd_actual), 1 when nothing was spent; nil when
	// undefined (nothing due year to date, a ratio without denominator).
	Parts  []*big.Rat
	Score  *big.Rat // Σ wₖ × partₖ / Σ wₖ over the defined parts; nil when none is
	Status TrackStatus
	Payout *big.Rat // Incentive.Payout(Score)
}

// kpiPart returns a metric's score of a node for the KPI.
func kpiPart(kind MetricKind, n *NodeScore, u Unit) *big.Rat {
	if kind != KindCost {
		return n.Attainment
	}
	if n.YTDActual.Sign() <= 0 {
		return big.NewRat(1, 1)
	}
	s := new(big.Rat).Quo(u.Amount(n.YTDTarget), n.YTDActual)
	if s.Cmp(ratOne) > 0 {
		s.SetInt64(1)
	}
	return s
}

// trackKPI computes the KPI score from the metrics' scorecards and ratios.
func trackKPI(p *Plan, cards map[string]*Scorecard, ratios map[string]*RatioScorecard) *KPIScorecard {
	ks := &KPIScorecard{Weights: p.KPI}
	for _, d := range p.Dimensions {
		kd := &KPIDimension{Name: d.Name}
		var parts []func(i int) *big.Rat // per metric: the part of row i (−1: the total)
		var rows []*Row
		for _, w := range p.KPI {
			if c := cards[w.Metric]; c != nil {
				ds := c.dimension(d.Name)
				if ds == nil {
					continue
				}
				rows = ds.Split.Rows
				kind, u := c.Breakdown.Kind, c.Breakdown.Unit
				parts = append(parts, func(i int) *big.Rat {
					if i < 0 {
						return kpiPart(kind, ds.Total, u)
					}
					return kpiPart(kind, ds.Nodes[i], u)
				})
			} else if r := ratios[w.Metric]; r != nil {
				var rd *RatioDimension
				for _, x := range r.Dimensions {
					if x.Name == d.Name {
						rd = x
					}
				}
				if rd == nil {
					continue
				}
				parts = append(parts, func(i int) *big.Rat {
					if i < 0 {
						return rd.Total.Attainment
					}
					return rd.Nodes[i].Attainment
				})
			} else {
				continue
			}
			kd.Metrics = append(kd.Metrics, w.Metric)
			kd.Weights = append(kd.Weights, w.Weight)
		}
		if len(kd.Metrics) == 0 {
			continue
		}
		if rows == nil { // only ratios: their sides' rows
			for _, c := range cards {
				if ds := c.dimension(d.Name); ds != nil {
					rows = ds.Split.Rows
					break
				}
			}
		}
		score := func(row *Row, i int) *KPINode {
			n := &KPINode{Row: row}
			if row != nil && row.IsReserve() {
				return n
			}
			sum, wsum := new(big.Rat), new(big.Rat)
			for k, part := range parts {
				v := part(i)
				n.Parts = append(n.Parts, v)
				if v == nil {
					continue
				}
				sum.Add(sum, new(big.Rat).Mul(kd.Weights[k], v))
				wsum.Add(wsum, kd.Weights[k])
			}
			if wsum.Sign() > 0 {
				n.Score = sum.Quo(sum, wsum)
				n.Status = p.Tracking.Status(n.Score, new(big.Rat))
				n.Payout = p.Incentive.Payout(n.Score)
			}
			return n
		}
		for i, r := range rows {
			kd.Nodes = append(kd.Nodes, score(r, i))
		}
		kd.Total = score(nil, -1)
		ks.Dimensions = append(ks.Dimensions, kd)
	}
	return ks
}

// dimension returns the KPI score of the named dimension, or nil.
func (k *KPIScorecard) dimension(name string) *KPIDimension {
	for _, d := range k.Dimensions {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// payByKPI replaces the payout of every node of a scorecard (a metric that
// pays: not a cost) by its KPI score's (incentive.on: kpi).
func payByKPI(c *Scorecard, k *KPIScorecard) {
	if c.Breakdown.Kind == KindCost {
		return
	}
	for _, d := range c.Dimensions {
		kd := k.dimension(d.Name)
		for i, n := range d.Nodes {
			n.Payout = nil
			if kd != nil && n.Row != nil && !n.Row.IsReserve() {
				n.Payout = kd.Nodes[i].Payout
			}
		}
		d.Total.Payout = nil
		if kd != nil {
			d.Total.Payout = kd.Total.Payout
		}
	}
}
