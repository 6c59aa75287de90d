package funnel

import (
	"math"
	"math/big"
	"math/bits"
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
	// Grain is what the periods are rounded on; Weeks labels the ISO weeks
	// (2027-W05) of the fiscal year, the columns of the week grain.
	Grain Grain
	Weeks []string
	// ActivityNames are the activities the stages declare, in the order they
	// first appear (the plan's stages, then the overrides).
	ActivityNames []string
	// WeeksActive is the number of ISO weeks of the fiscal year with at
	// least one working day: the divisor of the total's weekly averages.
	WeeksActive int
	Rows        []*Row
	Total       *Total
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
	DealMonths []int64 // by month
	DealWeeks  []int64 // by week
	Stages     []StageWork
	Activities []ActivityWork
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

// Compute runs the funnel by month (ComputeBy with ByMonth).
func Compute(b *plan.Breakdown) (*Result, error) {
	return ComputeBy(b, ByMonth)
}

// ComputeBy runs the funnel on a breakdown of the revenue metric: for every
// leaf of the funnel dimension, in the breakdown's row order, skipping
// `(reserve)` rows (a reserve is held back, not sold); or once on the whole
// allocated target (the target after the root reserve) when the plan has no
// such dimension. The deals, every stage's new entries and every activity by
// period (months or ISO weeks) are each one controlled rounding over the
// dimension's tree (see scheduler). A count beyond MaxCount is a
// *plan.Problem.
func ComputeBy(b *plan.Breakdown, g Grain) (*Result, error) {
	p := b.Plan
	fn := p.Funnel
	if fn == nil {
		return nil, noFunnel()
	}
	if b.Metric != plan.RevenueMetric {
		return nil, plan.Problemf("", "the funnel runs on the revenue target, not on metric %s", b.Metric)
	}
	res := &Result{Breakdown: b, Settings: PlanSettings(fn), Months: b.Calendar.MonthLabels(), Grain: g, Weeks: b.Calendar.Weeks}
	for _, st := range fn.Stages {
		res.StageNames = append(res.StageNames, st.Name)
	}
	monthDays := make([]int, 12)
	for i, m := range b.Calendar.Months {
		monthDays[i] = m.Days
	}
	var sv solver
	amountOf := unitAmounts(b.Unit)
	var profiles [][]int64
	leaf := func(path []string, src *plan.Row, amount int64, profile []int64, s Settings, pipeline []plan.StageCount) error {
		var inFlight []int64 // nil: none
		if len(pipeline) > 0 {
			inFlight = s.Pipeline(pipeline)
		}
		w, err := sv.solve(Input{Target: amountOf(amount), Profile: profile, MonthDays: monthDays, Settings: s, Pipeline: inFlight})
		if err != nil {
			return plan.Problemf("check deal_size and the stage rates", "the funnel of %s: %v", whose(path), err)
		}
		res.Rows = append(res.Rows, &Row{Path: path, Source: src, Amount: amount, Settings: s, Overridden: !s.Same(res.Settings), Work: w})
		profiles = append(profiles, profile)
		return nil
	}
	var parent []int
	if d := b.Dimension(fn.Dimension); d != nil {
		res.Dimension = d.Name
		var nodes []*plan.Node
		for _, r := range d.Rows {
			if r.IsReserve() || !r.Leaf() {
				continue
			}
			nodes = ancestry(nodes[:0], r)
			s := Effective(fn, nodes)
			var pipeline []plan.StageCount
			if r.Node.Funnel != nil {
				pipeline = r.Node.Funnel.Pipeline
			}
			if err := leaf(r.Path, r, r.Amount, r.Months, s, pipeline); err != nil {
				return nil, err
			}
		}
		parent = tree(d, res.Rows)
	} else if err := leaf([]string{}, nil, b.Allocated, b.Months, res.Settings, fn.Pipeline); err != nil {
		return nil, err
	}
	settings := make([]Settings, 0, len(res.Rows)+1)
	settings = append(settings, res.Settings)
	for _, r := range res.Rows {
		settings = append(settings, r.Settings)
	}
	res.ActivityNames = activityNames(settings)
	sc := newScheduler(grainColumns(b.Calendar, g), g, parent, len(res.Rows), monthDays)
	works := make([]*Work, len(res.Rows))
	for i, r := range res.Rows {
		sc.add(i, profiles[i], r.Settings.Stages)
		works[i] = r.Work
	}
	if err := sc.run(works, res.ActivityNames); err != nil {
		return nil, plan.Problemf("check deal_size, the stage rates and the activities", "the funnel: %v", err)
	}
	res.WeeksActive = workingWeeks(b.Calendar, nil)
	if len(res.ActivityNames) > 0 {
		var avail map[*plan.Node][12]*big.Rat
		if d := p.Dimension(res.Dimension); d != nil {
			avail = p.AvailabilityAll(d)
		}
		for _, r := range res.Rows {
			weeks := res.WeeksActive
			if r.Source != nil && avail != nil {
				weeks = workingWeeks(b.Calendar, active(avail[r.Source.Node]))
			}
			for a := range r.Activities {
				r.Activities[a].Weekly = weekly(r.Activities[a].Total, weeks)
			}
		}
	}
	var ok bool
	res.Total, ok = total(res.Rows, res.StageNames, res.ActivityNames, g)
	if !ok {
		return nil, plan.Problemf("check deal_size and the stage rates", "the funnel's totals are too large")
	}
	for a := range res.Total.Activities {
		res.Total.Activities[a].Weekly = weekly(res.Total.Activities[a].Total, res.WeeksActive)
	}
	return res, nil
}

// whose names a leaf in messages.
func whose(path []string) string {
	if len(path) == 0 {
		return "the whole target"
	}
	return strings.Join(path, "/")
}

// tree returns the funnel dimension's tree over the leaves' rows for the
// rounding: entries 0…len(rows)-1 are the leaves, then one entry per node
// above them (the dimension's non-leaf rows, in order), then the total, above
// the top-level rows. A reserve row is not a leaf of the funnel.
func tree(d *plan.DimensionSplit, rows []*Row) []int {
	R := len(rows)
	index := map[*plan.Row]int{}
	for i, r := range rows {
		index[r.Source] = i
	}
	next := R
	for _, r := range d.Rows {
		if !r.IsReserve() && !r.Leaf() {
			index[r] = next
			next++
		}
	}
	parent := make([]int, next+1)
	root := next
	parent[root] = -1
	for _, r := range d.Rows {
		k, ok := index[r]
		if !ok {
			continue
		}
		if r.Parent == nil {
			parent[k] = root
		} else {
			parent[k] = index[r.Parent]
		}
	}
	return parent
}

// ancestry appends to nodes the nodes from the top of r's tree down to r.
func ancestry(nodes []*plan.Node, r *plan.Row) []*plan.Node {
	for ; r != nil; r = r.Parent {
		nodes = append(nodes, r.Node)
	}
	for i, j := 0, len(nodes)-1; i < j; i, j = i+1, j-1 {
		nodes[i], nodes[j] = nodes[j], nodes[i]
	}
	return nodes
}

// unitAmounts returns u.Amount, with the unit made a rational once: n units,
// exactly.
func unitAmounts(u plan.Unit) func(n int64) *big.Rat {
	unit := u.Rat()
	m, whole := int64(0), unit.IsInt() && unit.Num().IsInt64()
	if whole {
		m = unit.Num().Int64()
	}
	return func(n int64) *big.Rat {
		if whole {
			if hi, lo := bits.Mul64(uint64(n), uint64(m)); n >= 0 && hi == 0 && lo <= math.MaxInt64 {
				return new(big.Rat).SetInt64(int64(lo))
			}
		}
		return new(big.Rat).Mul(new(big.Rat).SetInt64(n), unit)
	}
}

// total sums the rows; ok is false when a count overflows.
func total(rows []*Row, names, activities []string, g Grain) (t *Total, ok bool) {
	cols := 12
	if g == ByWeek && len(rows) > 0 {
		cols = len(rows[0].DealWeeks)
	}
	periods := func() ([]int64, []int64) {
		if g == ByWeek {
			return nil, make([]int64, cols)
		}
		return make([]int64, cols), nil
	}
	t = &Total{Stages: make([]StageWork, len(names)), Activities: make([]ActivityWork, len(activities))}
	t.DealMonths, t.DealWeeks = periods()
	for i := range t.Stages {
		t.Stages[i].Name = names[i]
		t.Stages[i].Months, t.Stages[i].Weeks = periods()
	}
	for i := range t.Activities {
		t.Activities[i].Name = activities[i]
		t.Activities[i].Months, t.Activities[i].Weeks = periods()
	}
	var sum counter
	var target, value ratSum
	// needed is Σ targetᵢ × neededᵢ, summed as Σ neededᵢ × (the targets of a
	// run of rows with that neededᵢ): most leaves share their settings.
	needed, run, runTarget := new(big.Rat), (*big.Rat)(nil), new(ratSum)
	flush := func() {
		if run != nil {
			needed.Add(needed, new(big.Rat).Mul(runTarget.rat(), run))
		}
	}
	for _, r := range rows {
		t.Amount = sum.add(t.Amount, r.Amount)
		target.add(r.Target)
		t.Deals = sum.add(t.Deals, r.Deals)
		sum.cells(t.DealMonths, r.DealMonths)
		sum.cells(t.DealWeeks, r.DealWeeks)
		for i, s := range r.Stages {
			ts := &t.Stages[i]
			ts.Required = sum.add(ts.Required, s.Required)
			ts.Pipeline = sum.add(ts.Pipeline, s.Pipeline)
			ts.New = sum.add(ts.New, s.New)
			ts.Before = sum.add(ts.Before, s.Before)
			sum.cells(ts.Months, s.Months)
			sum.cells(ts.Weeks, s.Weeks)
		}
		for i, a := range r.Activities {
			ta := &t.Activities[i]
			ta.Total = sum.add(ta.Total, a.Total)
			ta.Before = sum.add(ta.Before, a.Before)
			sum.cells(ta.Months, a.Months)
			sum.cells(ta.Weeks, a.Weeks)
		}
		value.add(r.PipelineValue)
		if run == nil || !ratEqual(run, r.CoverageNeeded) {
			flush()
			run, runTarget = r.CoverageNeeded, new(ratSum)
		}
		runTarget.add(r.Target)
	}
	flush()
	t.Target, t.PipelineValue = target.rat(), value.rat()
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
