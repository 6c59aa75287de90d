package funnel

import (
	"math"
	"math/big"
	"strings"

	"github.com/planhq/plan/plan"
)

// Result is the reverse funnel of a plan: one Row per leaf of the funnel
// dimension (or a single row for the whole target) and their total.
type Result struct {
	Breakdown *plan.Breakdown
	// Dimension is the dimension whose leaves run the funnel; "" when the
	// plan does not have it and the funnel runs once on the whole target.
	Dimension  string
	Settings   Settings // the plan's own settings
	StageNames []string // in funnel order, the won stage last
	Months     []string // the 12 fiscal month labels (YYYY-MM)
	Rows       []*Row
	Total      *Total
}

// Row is the funnel of one leaf.
type Row struct {
	Path     []string  // the leaf's path; empty for the whole target
	Source   *plan.Row // the leaf's row of the breakdown; nil for the whole target
	Amount   int64     // the leaf's annual amount, in units of the breakdown's Unit
	Settings Settings  // the leaf's effective settings
	// Overridden reports whether the leaf's settings differ from the plan's.
	Overridden bool
	*Work
}

// Total is the sum of the rows: targets, deals and every stage's counts and
// months. Its stages carry no rate or days (the rows' may differ).
type Total struct {
	Amount     int64 // in units of the breakdown's Unit
	Target     *big.Rat
	Deals      int64
	DealMonths []int64
	Stages     []StageWork
	// PipelineValue is the sum of the rows' expected pipeline values.
	PipelineValue *big.Rat
	// Coverage is PipelineValue / Target; nil when the target is 0.
	Coverage *big.Rat
	// CoverageNeeded is the rows' CoverageNeeded weighted by their targets
	// (Σ targetᵢ / conversionᵢ over Σ targetᵢ); nil when the target is 0.
	CoverageNeeded *big.Rat
}

// Run splits the plan (SPEC §4) for the given tier and runs the funnel on its
// revenue target. opt.Metric is ignored: the funnel turns money into deals.
func Run(p *plan.Plan, opt plan.Options) (*Result, error) {
	if p.Funnel == nil {
		return nil, noFunnel()
	}
	b, err := plan.Split(p, plan.Options{Tier: opt.Tier})
	if err != nil {
		return nil, err
	}
	return Compute(b)
}

func noFunnel() error {
	return plan.Problemf("add a funnel section, e.g. `funnel: {deal_size: 1_000_000, win_rate: 10%}`", "the plan has no funnel section")
}

// Compute runs the funnel on a breakdown of the revenue metric: for every leaf
// of the funnel dimension, in the breakdown's row order, skipping `(reserve)`
// rows (a reserve is held back, not sold); or once on the whole allocated
// target (the target after the root reserve) when the plan has no such
// dimension. A count beyond MaxCount is a *plan.Problem.
func Compute(b *plan.Breakdown) (*Result, error) {
	p := b.Plan
	fn := p.Funnel
	if fn == nil {
		return nil, noFunnel()
	}
	if b.Metric != plan.RevenueMetric {
		return nil, plan.Problemf("", "the funnel runs on the revenue target, not on metric %s", b.Metric)
	}
	res := &Result{Breakdown: b, Settings: PlanSettings(fn), Months: b.Calendar.MonthLabels()}
	for _, st := range fn.Stages {
		res.StageNames = append(res.StageNames, st.Name)
	}
	monthDays := make([]int, 12)
	for i, m := range b.Calendar.Months {
		monthDays[i] = m.Days
	}
	leaf := func(path []string, src *plan.Row, amount int64, profile []int64, s Settings, pipeline []plan.StageCount) error {
		w, err := Solve(Input{Target: b.Unit.Amount(amount), Profile: profile, MonthDays: monthDays, Settings: s, Pipeline: s.Pipeline(pipeline)})
		if err != nil {
			who := "the whole target"
			if len(path) > 0 {
				who = strings.Join(path, "/")
			}
			return plan.Problemf("check deal_size and the stage rates", "the funnel of %s: %v", who, err)
		}
		res.Rows = append(res.Rows, &Row{Path: path, Source: src, Amount: amount, Settings: s, Overridden: !s.Same(res.Settings), Work: w})
		return nil
	}
	ok := true
	if d := b.Dimension(fn.Dimension); d != nil {
		res.Dimension = d.Name
		for _, r := range d.Rows {
			if r.IsReserve() || !r.Leaf() {
				continue
			}
			s := Effective(fn, ancestry(r))
			var pipeline []plan.StageCount
			if r.Node.Funnel != nil {
				pipeline = r.Node.Funnel.Pipeline
			}
			if err := leaf(r.Path, r, r.Amount, r.Months, s, pipeline); err != nil {
				return nil, err
			}
		}
	} else if err := leaf([]string{}, nil, b.Allocated, b.Months, res.Settings, fn.Pipeline); err != nil {
		return nil, err
	}
	res.Total, ok = total(res.Rows, res.StageNames)
	if !ok {
		return nil, plan.Problemf("check deal_size and the stage rates", "the funnel's totals are too large")
	}
	return res, nil
}

// ancestry returns the nodes from the top of r's tree down to r.
func ancestry(r *plan.Row) []*plan.Node {
	var nodes []*plan.Node
	for ; r != nil; r = r.Parent {
		nodes = append(nodes, r.Node)
	}
	for i, j := 0, len(nodes)-1; i < j; i, j = i+1, j-1 {
		nodes[i], nodes[j] = nodes[j], nodes[i]
	}
	return nodes
}

// total sums the rows; ok is false when a count overflows.
func total(rows []*Row, names []string) (t *Total, ok bool) {
	t = &Total{Target: new(big.Rat), DealMonths: make([]int64, 12), Stages: make([]StageWork, len(names)), PipelineValue: new(big.Rat)}
	needed := new(big.Rat)
	for i := range t.Stages {
		t.Stages[i].Name = names[i]
		t.Stages[i].Months = make([]int64, 12)
	}
	var sum counter
	for _, r := range rows {
		t.Amount = sum.add(t.Amount, r.Amount)
		t.Target.Add(t.Target, r.Target)
		t.Deals = sum.add(t.Deals, r.Deals)
		sum.cells(t.DealMonths, r.DealMonths)
		for i, s := range r.Stages {
			ts := &t.Stages[i]
			ts.Required = sum.add(ts.Required, s.Required)
			ts.Pipeline = sum.add(ts.Pipeline, s.Pipeline)
			ts.New = sum.add(ts.New, s.New)
			ts.Before = sum.add(ts.Before, s.Before)
			sum.cells(ts.Months, s.Months)
		}
		t.PipelineValue.Add(t.PipelineValue, r.PipelineValue)
		needed.Add(needed, new(big.Rat).Mul(r.Target, r.CoverageNeeded))
	}
	if t.Target.Sign() > 0 {
		t.Coverage = new(big.Rat).Quo(t.PipelineValue, t.Target)
		t.CoverageNeeded = needed.Quo(needed, t.Target)
	}
	return t, !sum.over
}

// counter adds non-negative counts, noting an overflow.
type counter struct{ over bool }

func (c *counter) add(a, b int64) int64 {
	if a > math.MaxInt64-b {
		c.over = true
		return a
	}
	return a + b
}

func (c *counter) cells(dst, src []int64) {
	for i, v := range src {
		dst[i] = c.add(dst[i], v)
	}
}
