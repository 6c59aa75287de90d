package plan

import (
	"fmt"
	"math/big"
	"strings"
)

// TrackStatus is a node's traffic light (SPEC §6).
type TrackStatus string

// The statuses. Reserve rows have none.
const (
	StatusNone   TrackStatus = ""
	StatusGreen  TrackStatus = "green"
	StatusYellow TrackStatus = "yellow"
	StatusRed    TrackStatus = "red"
)

// Status returns the traffic light of an attainment: green from t.Green on,
// yellow from t.Yellow on, red below (both bounds inclusive). A nil attainment
// (nothing was due year to date) is green when ytdActual is not negative.
func (t Tracking) Status(attainment, ytdActual *big.Rat) TrackStatus {
	switch {
	case attainment == nil && ytdActual.Sign() >= 0:
		return StatusGreen
	case attainment == nil:
		return StatusRed
	case attainment.Cmp(t.Green) >= 0:
		return StatusGreen
	case attainment.Cmp(t.Yellow) >= 0:
		return StatusYellow
	}
	return StatusRed
}

// Payout returns the incentive paid at an attainment, as a share of the target
// bonus: from the ladder's start on, from + ⌊(attainment − from) / every⌋ ×
// add (continuous: at from it pays from, SPEC §6 v2); below it, the attainment itself (below: linear) or 0 (below: zero), and
// 0 under the floor; never above the cap, never below 0. A nil attainment pays
// nil (undefined).
func (in Incentive) Payout(attainment *big.Rat) *big.Rat {
	if attainment == nil {
		return nil
	}
	var p *big.Rat
	switch {
	case attainment.Cmp(in.From) >= 0:
		steps := new(big.Rat).Quo(new(big.Rat).Sub(attainment, in.From), in.Every)
		n := new(big.Int).Quo(steps.Num(), steps.Denom()) // floor: steps ≥ 0
		p = new(big.Rat).Mul(new(big.Rat).SetInt(n), in.Add)
		p.Add(p, in.From)
	case in.Floor != nil && attainment.Cmp(in.Floor) < 0, in.Below == BelowZero, attainment.Sign() < 0:
		p = new(big.Rat)
	default:
		p = new(big.Rat).Set(attainment)
	}
	if in.Cap != nil && p.Cmp(in.Cap) > 0 {
		p.Set(in.Cap)
	}
	return p
}

// Scorecard is the result of the tracking engine (SPEC §6): every node of
// every dimension that has actuals, measured against its plan cells up to the
// as-of month.
type Scorecard struct {
	Breakdown  *Breakdown
	Actuals    *Actuals
	AsOf       Month
	AsOfIndex  int      // fiscal index (0–11) of AsOf
	Later      []string // labels (YYYY-MM) of the months after AsOf, the re-spread's columns
	Dimensions []*DimensionScore
	Warnings   Diagnostics
}

// DimensionScore is the scorecard of one dimension.
type DimensionScore struct {
	Name  string
	Split *DimensionSplit
	Nodes []*NodeScore // one per row of Split.Rows, same order (reserve rows included)
	Total *NodeScore   // the dimension's top-level nodes together (Row nil): the allocated target
}

// NodeScore measures one node. Amounts in units (YTDTarget, FYTarget) are whole
// counts of Breakdown.Unit; the rest are exact amounts.
type NodeScore struct {
	Row       *Row       // nil for a dimension's total
	Actual    []*big.Rat // the actual of each month up to and including AsOf (a parent: its children's sum)
	YTDTarget int64      // the plan cells summed up to AsOf
	YTDActual *big.Rat   // Actual summed
	// Attainment is YTDActual / YTDTarget; nil when YTDTarget is 0 and for
	// reserve rows.
	Attainment *big.Rat
	Status     TrackStatus // StatusNone for reserve rows
	FYTarget   int64       // the node's annual amount
	Remaining  *big.Rat
	// Respread is the re-spread of the remaining over the months after AsOf,
	// one cell per Scorecard.Later entry. A leaf's (or reserve row's) cells
	// add up to its Remaining; a parent's are the sums of its children's.
	Respread []*big.Rat
	// Forecast is YTDActual × FYTarget / YTDTarget, the seasonality-adjusted
	// run rate; nil when YTDTarget is 0 and for reserve rows.
	Forecast *big.Rat
	// Payout is Incentive.Payout(Attainment); nil when Attainment is nil.
	Payout *big.Rat

	YearScore // misses, rank and money (SPEC §13, track_year.go)
}

// RespreadTotal returns the sum of the node's re-spread cells.
func (n *NodeScore) RespreadTotal() *big.Rat {
	t := new(big.Rat)
	for _, c := range n.Respread {
		t.Add(t, c)
	}
	return t
}

// Track runs the tracking engine: it closes the year to date at asOf (the zero
// Month: the last month with actuals) and scores every node of each dimension
// that has actuals. It fails with a *Problem when asOf is outside the fiscal
// year, when there are no actuals at all, or when an amount is beyond what the
// engine can spread.
func Track(b *Breakdown, a *Actuals, asOf Month) (*Scorecard, error) {
	c := b.Calendar
	k := a.Last
	if asOf != (Month{}) {
		k = asOf.Index(c.Start)
		if k < 0 || k >= 12 {
			return nil, Problemf("the fiscal year runs "+c.Start.String()+".."+c.Start.Add(11).String(), "--as-of %s is outside the fiscal year", asOf)
		}
	}
	if a.Last < 0 {
		return nil, Problemf("add rows period,dimension,path,amount below the header", "%s has no actuals; there is nothing to track", a.File)
	}
	s := &Scorecard{Breakdown: b, Actuals: a, AsOf: c.Start.Add(k), AsOfIndex: k, Later: c.MonthLabels()[k+1:]}
	for i, d := range b.Dimensions {
		da := a.Dimensions[i]
		if da.Count == 0 {
			continue
		}
		ds, err := s.score(d, da)
		if err != nil {
			return nil, err
		}
		s.scoreYear(ds)
		s.Dimensions = append(s.Dimensions, ds)
		s.warnGaps(da)
		s.warnMissingMonths(da)
	}
	s.warnTotals()
	return s, nil
}

// score measures every row of a dimension: the leaf and reserve rows, their
// re-spread as one rounding over the dimension, then the parents, children
// before parents, so that a parent's actuals and re-spread are the sums of its
// children's.
func (s *Scorecard) score(d *DimensionSplit, da *DimensionActuals) (*DimensionScore, error) {
	k := s.AsOfIndex
	ds := &DimensionScore{Name: d.Name, Split: d, Nodes: make([]*NodeScore, len(d.Rows))}
	for i := len(d.Rows) - 1; i >= 0; i-- {
		r := d.Rows[i]
		if !r.Leaf() {
			continue
		}
		n := &NodeScore{Row: r, Actual: zeroRats(k + 1), FYTarget: r.Amount}
		for m := 0; m <= k; m++ {
			if v := da.Amounts[r.Index][m]; v != nil {
				n.Actual[m].Set(v)
			}
		}
		s.totals(n, r.Months)
		ds.Nodes[i] = n
	}
	if err := s.respreadLinedUp(d, ds.Nodes); err != nil {
		return nil, err
	}
	for i := len(d.Rows) - 1; i >= 0; i-- {
		r := d.Rows[i]
		if r.Leaf() {
			continue
		}
		n := &NodeScore{Row: r, Actual: zeroRats(k + 1), FYTarget: r.Amount, Respread: zeroRats(len(s.Later))}
		for _, c := range r.Children {
			addRats(n.Actual, ds.Nodes[c.Index].Actual)
			addRats(n.Respread, ds.Nodes[c.Index].Respread)
		}
		s.totals(n, r.Months)
		ds.Nodes[i] = n
	}
	t := &NodeScore{Actual: zeroRats(k + 1), Respread: zeroRats(len(s.Later))}
	for _, r := range d.Roots {
		t.FYTarget += r.Amount
		addRats(t.Actual, ds.Nodes[r.Index].Actual)
		addRats(t.Respread, ds.Nodes[r.Index].Respread)
	}
	s.totals(t, s.Breakdown.Months)
	ds.Total = t
	return ds, nil
}

// totals fills the year-to-date figures, the remaining, and the ratios of a
// node whose Actual is set.
func (s *Scorecard) totals(n *NodeScore, months []int64) {
	b := s.Breakdown
	for _, v := range months[:s.AsOfIndex+1] {
		n.YTDTarget += v
	}
	n.YTDActual = new(big.Rat)
	for _, v := range n.Actual {
		n.YTDActual.Add(n.YTDActual, v)
	}
	n.Remaining = new(big.Rat).Sub(b.Unit.Amount(n.FYTarget), n.YTDActual)
	if n.Remaining.Sign() < 0 {
		n.Remaining.SetInt64(0)
	}
	if n.Row != nil && n.Row.IsReserve() {
		return
	}
	if n.YTDTarget != 0 {
		n.Attainment = new(big.Rat).Quo(n.YTDActual, b.Unit.Amount(n.YTDTarget))
		n.Forecast = new(big.Rat).Mul(n.YTDActual, big.NewRat(n.FYTarget, n.YTDTarget))
	}
	if b.Kind == KindCost { // §11: utilisation, lower is better, no payout
		n.Status = b.Plan.Tracking.CostStatus(n.Attainment, n.YTDActual)
		return
	}
	n.Status = b.Plan.Tracking.Status(n.Attainment, n.YTDActual)
	n.Payout = b.Plan.Incentive.Payout(n.Attainment)
}

// Respread spreads an exact remaining amount over later months in proportion
// to their plan cells (equally when they are all zero): its whole units by the
// largest remainder method, and the remainder below one unit added to the
// first later month. The cells add up to remaining exactly. It returns nil when
// there are no later months, and an error when remaining is negative or beyond
// MaxUnits units.
func Respread(remaining *big.Rat, later []int64, u Unit) ([]*big.Rat, error) {
	if len(later) == 0 {
		return nil, nil
	}
	whole, frac, err := wholeUnits(remaining, u)
	if err != nil {
		return nil, err
	}
	parts := apportionCells(whole, later)
	out := make([]*big.Rat, len(later))
	for i, p := range parts {
		out[i] = u.Amount(p)
	}
	out[0].Add(out[0], frac)
	return out, nil
}

func zeroRats(n int) []*big.Rat {
	out := make([]*big.Rat, n)
	for i := range out {
		out[i] = new(big.Rat)
	}
	return out
}

// addRats adds src to dst cell by cell.
func addRats(dst, src []*big.Rat) {
	for i, v := range src {
		dst[i].Add(dst[i], v)
	}
}

// warnGaps warns about leaves of a dimension with no actuals up to the as-of
// month, and about a dimension whose actuals stop before it: they count as 0.
func (s *Scorecard) warnGaps(da *DimensionActuals) {
	file := s.Actuals.File
	if da.Last < s.AsOfIndex {
		s.Warnings = append(s.Warnings, Diagnostic{File: file, Severity: Warning,
			Msg:  fmt.Sprintf("the actuals of %s stop at %s, before the as-of month %s; the months after count as 0", da.Split.Name, s.Breakdown.Calendar.Start.Add(da.Last), s.AsOf),
			Hint: "add the missing months, or pass --as-of " + s.Breakdown.Calendar.Start.Add(da.Last).String()})
	}
	var missing []string
	n := 0
	for _, r := range da.Split.Rows {
		if !r.Leaf() || r.IsReserve() || notStarted(s.Breakdown, da.Split.Name, r, s.AsOfIndex) {
			continue
		}
		has := false
		for m := 0; m <= s.AsOfIndex && !has; m++ {
			has = da.Amounts[r.Index][m] != nil
		}
		if has {
			continue
		}
		if n < 5 {
			missing = append(missing, r.PathString())
		}
		n++
	}
	if n == 0 {
		return
	}
	if n > 5 {
		missing = append(missing, fmt.Sprintf("and %d more", n-5))
	}
	what := fmt.Sprintf("%d leaves of %s have", n, da.Split.Name)
	if n == 1 {
		what = "1 leaf of " + da.Split.Name + " has"
	}
	s.Warnings = append(s.Warnings, Diagnostic{File: file, Severity: Warning,
		Msg: fmt.Sprintf("%s no actuals up to %s and count%s as 0: %s", what, s.AsOf, map[bool]string{true: "s", false: ""}[n == 1], strings.Join(missing, ", "))})
}

// warnTotals warns when the dimensions' actuals do not add up to the same
// year-to-date total: the same sales seen by organisation and by product
// should agree.
func (s *Scorecard) warnTotals() {
	if len(s.Dimensions) < 2 {
		return
	}
	first := s.Dimensions[0]
	for _, d := range s.Dimensions[1:] {
		if d.Total.YTDActual.Cmp(first.Total.YTDActual) != 0 {
			s.Warnings = append(s.Warnings, Diagnostic{File: s.Actuals.File, Severity: Warning,
				Msg:  fmt.Sprintf("the actuals of %s add up to %s up to %s, those of %s to %s", first.Name, FormatRat(first.Total.YTDActual, 10), s.AsOf, d.Name, FormatRat(d.Total.YTDActual, 10)),
				Hint: "every dimension sees the same sales; check for rows missing in one of them"})
		}
	}
}
