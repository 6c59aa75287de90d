package plan

import (
	"fmt"
	"math/big"
	"strings"
)

// RevenueMetric is the name of the plan's main metric, its target.
const RevenueMetric = "revenue"

// BaseTier is the name of the tier used when none is asked for.
const BaseTier = "base"

// Options selects the variant of a plan that Split computes.
type Options struct {
	Tier   string // "" means the base tier
	Metric string // "" means the revenue target
}

// Breakdown is the result of the breakdown engine (SPEC §4) for one tier and one
// metric: the target, the reserve held back, the time split of what is
// allocated, and every dimension's tree with its amounts and month cells. All
// amounts are whole counts of Unit.
type Breakdown struct {
	Plan     *Plan
	Calendar *Calendar
	Tier     string
	Factor   *big.Rat // the tier's factor (1 for the base tier)
	Metric   string
	Kind     MetricKind
	Unit     Unit

	Target    int64
	Reserve   int64
	Allocated int64
	Months    []int64 // the time split of Allocated over the 12 fiscal months

	Dimensions []*DimensionSplit
	Warnings   Diagnostics

	weeks       *weekSplit // computed on first use
	monthShares []*big.Rat // each month's exact share of the year, before rounding

	season *Seasonality // the metric's own seasonality (§11); nil: the plan's

	// A collections metric (SPEC §12): its collect block, the opening
	// receivables and the year-end receivable of the whole, in Unit.
	Collect       *Collection
	Opening       int64
	ReceivableEnd int64
}

// DimensionSplit is one dimension's tree, split.
type DimensionSplit struct {
	Name  string
	Rows  []*Row // every row depth-first in declaration order, reserve rows after the last child's subtree
	Roots []*Row // the top-level rows
	cells []int64

	// A collections metric's opening share and year-end receivable of every
	// row, by Row.Index (SPEC §12); nil for any other metric.
	Opening, ReceivableEnd []int64
}

// Row is one node of a split tree, or a node's reserve.
type Row struct {
	Path     []string
	Depth    int   // 1 for top-level rows
	Node     *Node // nil for a reserve row
	Parent   *Row  // nil for top-level rows
	Children []*Row
	Index    int      // position in DimensionSplit.Rows
	Share    *big.Rat // exact share of what the parent shares out (a reserve row: its rate)
	Amount   int64
	Months   []int64 // 12 month cells
}

// IsReserve reports whether the row is a node's reserve.
func (r *Row) IsReserve() bool { return r.Node == nil }

// Leaf reports whether the row has no children rows.
func (r *Row) Leaf() bool { return len(r.Children) == 0 }

// Name returns the last element of the row's path.
func (r *Row) Name() string { return r.Path[len(r.Path)-1] }

// PathString joins the row's path with "/".
func (r *Row) PathString() string { return strings.Join(r.Path, "/") }

// Dimension returns the split of the named dimension, or nil.
func (b *Breakdown) Dimension(name string) *DimensionSplit {
	for _, d := range b.Dimensions {
		if sameName(d.Name, name) {
			return d
		}
	}
	return nil
}

// Split runs the breakdown engine on a loaded plan. It fails with an
// *InvalidError when the amounts cannot be shared (fixed amounts above their
// parent), or a *Problem for an unknown tier or metric.
func Split(p *Plan, opt Options) (*Breakdown, error) {
	return splitWith(p, opt, NewCalendar(p.Year))
}

// splitWith is Split with the plan's calendar made once (validate splits
// every tier × metric of one plan; the calendar is read only).
func splitWith(p *Plan, opt Options, cal *Calendar) (*Breakdown, error) {
	tier, factor, err := p.tier(opt.Tier)
	if err != nil {
		return nil, err
	}
	if from := p.CollectFrom(opt.Metric); from != "" {
		fb, err := splitWith(p, Options{Tier: opt.Tier, Metric: from}, cal)
		if err != nil {
			return nil, err
		}
		return Collect(p, fb, opt.Metric)
	}
	b := &Breakdown{Plan: p, Calendar: cal, Tier: tier, Factor: factor, Metric: RevenueMetric, Kind: KindAmount, Unit: p.Round}
	e := &engine{p: p, note: variantNote(tier, opt.Metric)}

	target, ok := p.Round.RoundHalfUp(new(big.Rat).Mul(p.Target, factor))
	if !ok {
		return nil, &InvalidError{Diagnostics: Diagnostics{{File: p.File, Pos: p.TargetPos, Msg: "the target of tier " + tier + " is too large"}}}
	}
	b.Target = target
	b.Reserve = halfUp(target, p.Reserve)
	b.Allocated = target - b.Reserve
	for _, d := range p.Dimensions {
		b.Dimensions = append(b.Dimensions, e.dimension(d, b.Allocated, p.Round))
	}
	if len(e.diags) > 0 {
		return nil, &InvalidError{Diagnostics: e.diags}
	}
	if opt.Metric != "" && opt.Metric != RevenueMetric {
		if err := e.splitMetric(b, opt.Metric); err != nil {
			return nil, err
		}
	}
	if b.Months, b.monthShares, err = e.timeSplit(b.Calendar, b.Allocated); err != nil {
		return nil, err
	}
	for _, d := range b.Dimensions {
		d.cells, err = e.spreadDimension(b, d)
		if err != nil {
			return nil, err
		}
		if len(e.diags) > 0 {
			return nil, &InvalidError{Diagnostics: e.diags}
		}
		for _, r := range d.Rows {
			r.Months = d.cells[r.Index*12 : (r.Index+1)*12 : (r.Index+1)*12]
		}
	}
	b.Warnings = e.warns
	return b, nil
}

// variantNote names a non-default tier or metric in engine messages.
func variantNote(tier, metric string) string {
	var parts []string
	if tier != BaseTier {
		parts = append(parts, "tier "+tier)
	}
	if metric != "" && metric != RevenueMetric {
		parts = append(parts, "metric "+metric)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// tier resolves a tier name to its factor. The default is the tier named base
// when the plan declares one, else the plain target.
func (p *Plan) tier(name string) (string, *big.Rat, error) {
	if name == "" {
		name = BaseTier
	}
	for _, t := range p.Tiers {
		if sameName(t.Name, name) {
			return t.Name, t.Factor, nil
		}
	}
	if name == BaseTier {
		return BaseTier, big.NewRat(1, 1), nil
	}
	names := []string{}
	for _, t := range p.Tiers {
		names = append(names, t.Name)
	}
	hint := "the plan declares no tiers"
	if len(names) > 0 {
		hint = "the plan's tiers are: " + strings.Join(names, ", ")
	}
	return "", nil, Problemf(hint, "unknown tier %q", name)
}

// TierNames returns the names of the plan's tiers, with base first when the
// plan does not declare it.
func (p *Plan) TierNames() []string {
	names := []string{}
	hasBase := false
	for _, t := range p.Tiers {
		names = append(names, t.Name)
		hasBase = hasBase || t.Name == BaseTier
	}
	if !hasBase {
		names = append([]string{BaseTier}, names...)
	}
	return names
}

func (p *Plan) metric(name string) *Metric {
	for i := range p.Metrics {
		if sameName(p.Metrics[i].Name, name) {
			return &p.Metrics[i]
		}
	}
	return nil
}

func metricHint(p *Plan) string {
	names := []string{RevenueMetric}
	for _, m := range p.Metrics {
		names = append(names, m.Name)
	}
	return "the plan's metrics are: " + strings.Join(names, ", ")
}

// halfUp returns n × rate rounded to the nearest whole unit, halves up; 0 when
// rate is nil.
func halfUp(n int64, rate *big.Rat) int64 {
	if rate == nil || n == 0 {
		return 0
	}
	r := new(big.Rat).Mul(new(big.Rat).SetInt64(n), rate)
	r.Add(r, big.NewRat(1, 2))
	return new(big.Int).Div(r.Num(), r.Denom()).Int64()
}

// engine carries the diagnostics of one Split.
type engine struct {
	p     *Plan
	note  string
	diags Diagnostics
	warns Diagnostics

	season *Seasonality // the metric's own seasonality (§11); nil: the plan's
}

func (e *engine) errorAt(pos Pos, hint, format string, args ...any) {
	e.diags = append(e.diags, Diagnostic{File: e.p.File, Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...) + e.note, Hint: hint})
}

func (e *engine) warnAt(pos Pos, hint, format string, args ...any) {
	e.warns = append(e.warns, Diagnostic{File: e.p.File, Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...) + e.note, Hint: hint})
}

// dimension splits one dimension's tree from the allocated amount down.
func (e *engine) dimension(d *Dimension, allocated int64, u Unit) *DimensionSplit {
	ds := &DimensionSplit{Name: d.Name}
	amounts, shares := e.shareOut(allocated, d.Roots, "the plan", d.Pos, u)
	for i, n := range d.Roots {
		r := &Row{Path: []string{n.Name}, Depth: 1, Node: n, Share: shares[i], Amount: amounts[i]}
		ds.Roots = append(ds.Roots, r)
		e.grow(ds, r, u)
	}
	return ds
}

// grow appends row r and, below it, its children and its reserve row.
func (e *engine) grow(ds *DimensionSplit, r *Row, u Unit) {
	r.Index = len(ds.Rows)
	ds.Rows = append(ds.Rows, r)
	n := r.Node
	if n.Leaf() {
		return
	}
	reserve := halfUp(r.Amount, n.Reserve)
	base := r.Amount - reserve
	shared := e.overAssigned(n, base, u)
	amounts, shares := e.shareOut(shared, n.Children, n.Name, n.Pos, u)
	for i, c := range n.Children {
		cr := &Row{Path: childPath(r.Path, c.Name), Depth: r.Depth + 1, Node: c, Parent: r, Share: shares[i], Amount: amounts[i]}
		r.Children = append(r.Children, cr)
		e.grow(ds, cr, u)
	}
	if n.Reserve != nil {
		rr := &Row{Path: childPath(r.Path, ReserveName), Depth: r.Depth + 1, Parent: r, Share: n.Reserve, Amount: reserve}
		r.Children = append(r.Children, rr)
		rr.Index = len(ds.Rows)
		ds.Rows = append(ds.Rows, rr)
	}
}

func childPath(parent []string, name string) []string {
	p := make([]string, len(parent)+1)
	copy(p, parent)
	p[len(parent)] = name
	return p
}

// shareOut splits what a parent shares out among its children: fixed amounts
// first, the rest by normalised weights (equally when none, or all zero), by the
// largest remainder method. It returns the amounts and the exact shares of the
// whole (fixed: amount / shared; weighted: rest / shared × wᵢ / Σw).
func (e *engine) shareOut(shared int64, kids []*Node, parent string, parentPos Pos, u Unit) ([]int64, []*big.Rat) {
	amounts := make([]int64, len(kids))
	shares := make([]*big.Rat, len(kids))
	var fixed int64
	var firstFixed *Node
	var weights []*big.Rat
	var weighted []int
	for i, k := range kids {
		if k.Kind == Fixed {
			n, _ := u.Count(k.Amount)
			amounts[i] = n
			fixed += n
			if firstFixed == nil {
				firstFixed = k
			}
			continue
		}
		weighted = append(weighted, i)
		switch k.Kind {
		case Percent, Factor:
			weights = append(weights, k.Weight)
		case History:
			weights = append(weights, HistoryBasis(k))
		default:
			weights = append(weights, big.NewRat(1, 1))
		}
	}
	if fixed > shared {
		e.errorAt(firstFixed.WeightPos, "lower the fixed amounts, or raise what "+parent+" has",
			"the fixed amounts of the children of %s add up to %s, above the %s it shares out", parent, u.Format(fixed), u.Format(shared))
		fixed = shared
	}
	rest := shared - fixed
	if len(weighted) == 0 && rest > 0 && len(kids) > 0 {
		e.errorAt(firstFixed.WeightPos, "leave one child without an amount to take the rest, or add a reserve to "+parent,
			"the fixed amounts of the children of %s add up to %s, but it shares out %s", parent, u.Format(fixed), u.Format(shared))
	}
	ints := ratsToInts(weights)
	parts := apportionInts(rest, ints)
	sumW := new(big.Int)
	for _, w := range ints {
		sumW.Add(sumW, w)
	}
	// share = wᵢ/Σw × rest/shared, normalised once
	den := new(big.Int).Set(sumW)
	if shared > 0 {
		den.Mul(den, big.NewInt(shared))
	}
	for wi, i := range weighted {
		amounts[i] = parts[wi]
		switch {
		case sumW.Sign() == 0:
			shares[i] = big.NewRat(1, int64(len(weighted)))
			if shared > 0 {
				shares[i].Mul(shares[i], big.NewRat(rest, shared))
			}
		case shared > 0:
			shares[i] = new(big.Rat).SetFrac(new(big.Int).Mul(ints[wi], big.NewInt(rest)), den)
		default:
			shares[i] = new(big.Rat).SetFrac(ints[wi], den)
		}
	}
	for i, k := range kids {
		if k.Kind == Fixed {
			if shared > 0 {
				shares[i] = big.NewRat(amounts[i], shared)
			} else {
				shares[i] = new(big.Rat)
			}
		}
	}
	return amounts, shares
}

// overAssigned returns what node n shares out of base: base × (1 +
// over_assign) rounded half up, or base when n has no over_assign. A total
// beyond MaxUnits (a huge over_assign) is an error, reported once per node.
func (e *engine) overAssigned(n *Node, base int64, u Unit) int64 {
	if n.OverAssign == nil {
		return base
	}
	r := new(big.Rat).Mul(new(big.Rat).SetInt64(base), new(big.Rat).Add(ratOne, n.OverAssign))
	r.Add(r, big.NewRat(1, 2))
	f := new(big.Int).Div(r.Num(), r.Denom())
	if !f.IsInt64() || f.Int64() > MaxUnits {
		e.errorAt(n.Pos, "lower over_assign, or use a larger round",
			"over_assign of %s makes its children add up to more than %d units of %s", n.Name, int64(MaxUnits), u)
		return base
	}
	return f.Int64()
}
