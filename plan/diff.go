package plan

import (
	"math/big"
	"strings"
)

// DiffStatus tells how a row, or a whole dimension, differs between two versions
// of a plan.
type DiffStatus string

// The statuses of a compared row or dimension.
const (
	DiffUnchanged DiffStatus = "unchanged"
	DiffChanged   DiffStatus = "changed"
	DiffAdded     DiffStatus = "added"   // only in the new version
	DiffRemoved   DiffStatus = "removed" // only in the old version
)

// Delta is one quantity in two versions, exact. Old or New is nil when that
// version does not have it (the row was added or removed); Change is New − Old,
// a missing diffSide counting as zero. The rationals are shared: do not modify them.
type Delta struct {
	Old, New *big.Rat
	Change   *big.Rat
}

// zeroRat is a shared zero: the Change of equal sides and the amount of a period
// outside a fiscal year.
var zeroRat = new(big.Rat)

// newDelta compares two sides, either of which may be nil.
func newDelta(before, after *big.Rat) Delta {
	d := Delta{Old: before, New: after}
	switch {
	case before == nil && after == nil:
		d.Change = zeroRat
	case before == nil:
		d.Change = after
	case after == nil:
		d.Change = new(big.Rat).Neg(before)
	case before.Cmp(after) == 0:
		d.Change = zeroRat
	default:
		d.Change = new(big.Rat).Sub(after, before)
	}
	return d
}

// Changed reports whether the two sides differ; a side that is missing differs
// from one that is present, even when that one is zero.
func (d Delta) Changed() bool {
	if (d.Old == nil) != (d.New == nil) {
		return true
	}
	return d.Change.Sign() != 0
}

// Ratio returns Change / Old (0.03 is +3 %), or nil when there is no old value
// or it is zero.
func (d Delta) Ratio() *big.Rat {
	if d.Old == nil || d.Old.Sign() == 0 {
		return nil
	}
	return new(big.Rat).Quo(d.Change, d.Old)
}

// Comparison is what changed in every allocation between two breakdowns of
// two versions of a plan (`plan diff`), seen by one period.
//
// Amounts are compared as exact decimals, so versions with different `round`s
// compare correctly. Periods are matched by their label (Q1, 2027-03,
// 2027-W05): Labels merges both versions' labels in time order, and a period
// outside one version's fiscal year counts as zero in that version. Plan
// settings that are not allocations (tiers, metrics, funnel, tracking,
// incentive) are not compared.
type Comparison struct {
	Old, New *Breakdown
	Period   Period
	Labels   []string // the period labels of both versions, merged in time order

	Target, Reserve, Allocated Delta
	Time                       []Delta // the time split of Allocated, one per label

	// Dimensions in the new version's order; a removed dimension comes right
	// after the one that preceded it in the old version (first if it was first).
	Dimensions []*DimensionDiff
}

// DimensionDiff is one dimension compared: DiffAdded or DiffRemoved as a whole,
// DiffChanged when any of its rows is changed, added or removed, DiffRounding
// when its rows only moved by rounding, else DiffUnchanged.
type DimensionDiff struct {
	Name   string
	Status DiffStatus
	// Rows depth-first, every row of either version, matched by path
	// (`(reserve)` rows included). Rows follow the new version's order; a
	// removed row comes right after the sibling that preceded it in the old
	// version (first among its siblings if it was the first), its old subtree
	// below it. So the list is still a tree, and renaming a node shows as the
	// old name removed and the new one added.
	Rows []*RowDiff
}

// RowDiff is one node (or `(reserve)` row) of a dimension in both versions.
// A row is DiffChanged when its annual amount, any cell of the chosen period or any
// month cell differs (months are the grain: a shift between the months of one
// quarter is a change even under --period quarter), DiffRounding instead when
// only its cells moved and its exact values did not (see DiffRounding).
type RowDiff struct {
	Path    []string
	Depth   int
	Reserve bool // the row is a node's reserve
	Status  DiffStatus
	Old     *Row // nil when added
	New     *Row // nil when removed
	Amount  Delta
	Periods []Delta // one per Comparison.Labels
}

// PathString joins the row's path with "/".
func (r *RowDiff) PathString() string { return strings.Join(r.Path, "/") }

// Name returns the last element of the row's path.
func (r *RowDiff) Name() string { return r.Path[len(r.Path)-1] }

// HasChanges reports whether anything differs: the headline amounts, the time
// split or any dimension.
func (c *Comparison) HasChanges() bool {
	if c.Target.Changed() || c.Reserve.Changed() || c.Allocated.Changed() {
		return true
	}
	for _, t := range c.Time {
		if t.Changed() {
			return true
		}
	}
	for _, d := range c.Dimensions {
		if d.Status != DiffUnchanged {
			return true
		}
	}
	return false
}

// Diff compares the breakdowns of two versions of a plan, before and after,
// split with the same tier and metric, by the given period. It fails only when a period view
// cannot be computed.
func Diff(before, after *Breakdown, period Period) (*Comparison, error) {
	o, err := newDiffSide(before, period)
	if err != nil {
		return nil, err
	}
	n, err := newDiffSide(after, period)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Old: before, New: after, Period: period}
	var pOld, pNew []int
	c.Labels, pOld, pNew = mergePeriodLabels(o.view.Labels, n.view.Labels)
	o.periods, n.periods = pOld, pNew
	if o.months != nil {
		_, o.monthIdx, n.monthIdx = mergePeriodLabels(o.months.Labels, n.months.Labels)
	}
	c.Target = compareUnits(o, n, before.Target, after.Target, true, true)
	c.Reserve = compareUnits(o, n, before.Reserve, after.Reserve, true, true)
	c.Allocated = compareUnits(o, n, before.Allocated, after.Allocated, true, true)
	c.Time = make([]Delta, len(c.Labels))
	for j := range c.Labels {
		c.Time[j] = compareUnits(o, n, cellAt(o.view.Time, o.periods[j]), cellAt(n.view.Time, n.periods[j]), true, true)
	}

	oldDims, newDims := before.Dimensions, after.Dimensions
	for _, p := range mergeByName(len(oldDims), len(newDims),
		func(i int) string { return oldDims[i].Name },
		func(i int) string { return newDims[i].Name }) {
		o.dim, n.dim = p.old, p.new
		dd := &DimensionDiff{}
		switch {
		case p.new < 0:
			dd.Name, dd.Status = oldDims[p.old].Name, DiffRemoved
			c.compareRows(dd, o, n, oldDims[p.old].Roots, nil)
		case p.old < 0:
			dd.Name, dd.Status = newDims[p.new].Name, DiffAdded
			c.compareRows(dd, o, n, nil, newDims[p.new].Roots)
		default:
			dd.Name, dd.Status = newDims[p.new].Name, DiffUnchanged
			c.compareRows(dd, o, n, oldDims[p.old].Roots, newDims[p.new].Roots)
			dd.Status = dimensionStatus(dd.Rows)
		}
		c.Dimensions = append(c.Dimensions, dd)
	}
	return c, nil
}

// diffSide is one version being compared: its views and how its period labels map
// onto the merged ones.
type diffSide struct {
	b        *Breakdown
	view     *PeriodView
	months   *PeriodView // the month view, when the period is not months
	periods  []int       // merged label → index into view.Labels, or -1
	monthIdx []int       // merged month label → index into months.Labels, or -1
	dim      int         // the dimension being compared, an index into b.Dimensions
	scale    int64       // the unit as a whole number, 0 when it is not one
}

func newDiffSide(b *Breakdown, period Period) (*diffSide, error) {
	s := &diffSide{b: b}
	if u := b.Unit.Rat(); u.IsInt() && u.Num().IsInt64() {
		s.scale = u.Num().Int64()
	}
	var err error
	if s.view, err = b.View(period); err != nil {
		return nil, err
	}
	if period != PeriodMonth {
		if s.months, err = b.View(PeriodMonth); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// cellAt returns cells[i], or 0 when i < 0 (a period outside this version's
// fiscal year).
func cellAt(cells []int64, i int) int64 {
	if i < 0 {
		return 0
	}
	return cells[i]
}

// amount returns n units of this version as an exact decimal.
func (s *diffSide) amount(n int64) *big.Rat {
	if n == 0 {
		return zeroRat
	}
	if s.scale > 0 && n < maxScaled/s.scale && n > -maxScaled/s.scale {
		return new(big.Rat).SetInt64(n * s.scale)
	}
	return s.b.Unit.Amount(n)
}

// maxScaled bounds the products amount computes in int64.
const maxScaled = 1 << 62

// compareUnits returns the Delta of one quantity, oldN units of the old
// version and newN of the new; hasOld or hasNew is false for a missing side.
// In equal units the change is computed on the counts; equal amounts share
// one rational.
func compareUnits(o, n *diffSide, oldN, newN int64, hasOld, hasNew bool) Delta {
	if o.b.Unit == n.b.Unit && hasOld && hasNew {
		if oldN == newN {
			v := o.amount(oldN)
			return Delta{Old: v, New: v, Change: zeroRat}
		}
		return Delta{Old: o.amount(oldN), New: n.amount(newN), Change: n.amount(newN - oldN)}
	}
	var ov, nv *big.Rat
	if hasOld {
		ov = o.amount(oldN)
	}
	if hasNew {
		nv = n.amount(newN)
	}
	return newDelta(ov, nv)
}

// compareRows appends to dd the rows of two sibling lists (either may be nil)
// and, recursively, of their subtrees, in the order documented on
// DimensionDiff.Rows.
func (c *Comparison) compareRows(dd *DimensionDiff, o, n *diffSide, oldKids, newKids []*Row) {
	for _, p := range mergeByName(len(oldKids), len(newKids),
		func(i int) string { return oldKids[i].Name() },
		func(i int) string { return newKids[i].Name() }) {
		var or, nr *Row
		if p.old >= 0 {
			or = oldKids[p.old]
		}
		if p.new >= 0 {
			nr = newKids[p.new]
		}
		dd.Rows = append(dd.Rows, c.compareRow(o, n, or, nr))
		var oc, nc []*Row
		if or != nil {
			oc = or.Children
		}
		if nr != nil {
			nc = nr.Children
		}
		c.compareRows(dd, o, n, oc, nc)
	}
}

// compareRow compares one row in two versions; either may be nil.
func (c *Comparison) compareRow(o, n *diffSide, or, nr *Row) *RowDiff {
	rd := &RowDiff{Old: or, New: nr, Periods: make([]Delta, len(c.Labels))}
	var oldAmount, newAmount int64
	var oldCells, newCells []int64
	if or != nil {
		rd.Path, rd.Depth, rd.Reserve = or.Path, or.Depth, or.IsReserve()
		oldAmount, oldCells = or.Amount, o.view.Cells(o.dim, or.Index)
	}
	if nr != nil {
		rd.Path, rd.Depth, rd.Reserve = nr.Path, nr.Depth, nr.IsReserve()
		newAmount, newCells = nr.Amount, n.view.Cells(n.dim, nr.Index)
	}
	rd.Amount = compareUnits(o, n, oldAmount, newAmount, or != nil, nr != nil)
	changed := rd.Amount.Changed()
	for j := range c.Labels {
		var ov, nv int64
		if or != nil {
			ov = cellAt(oldCells, o.periods[j])
		}
		if nr != nil {
			nv = cellAt(newCells, n.periods[j])
		}
		rd.Periods[j] = compareUnits(o, n, ov, nv, or != nil, nr != nil)
		changed = changed || rd.Periods[j].Changed()
	}
	switch {
	case or == nil:
		rd.Status = DiffAdded
	case nr == nil:
		rd.Status = DiffRemoved
	case (changed || c.monthsDiffer(o, n, or, nr)) && sameExact(o, n, rd.Amount):
		rd.Status = DiffRounding
	case changed || c.monthsDiffer(o, n, or, nr):
		rd.Status = DiffChanged
	default:
		rd.Status = DiffUnchanged
	}
	return rd
}

// monthsDiffer reports whether a row present in both versions has a different
// month cell (matched by label). With --period month the period cells already
// are the months.
func (c *Comparison) monthsDiffer(o, n *diffSide, or, nr *Row) bool {
	if o.months == nil {
		return false
	}
	oc, nc := o.months.Cells(o.dim, or.Index), n.months.Cells(n.dim, nr.Index)
	sameUnit := o.b.Unit == n.b.Unit
	for j := range o.monthIdx {
		oi, ni := o.monthIdx[j], n.monthIdx[j]
		if sameUnit && oi >= 0 && ni >= 0 {
			if oc[oi] != nc[ni] {
				return true
			}
			continue
		}
		if o.amount(cellAt(oc, oi)).Cmp(n.amount(cellAt(nc, ni))) != 0 {
			return true
		}
	}
	return false
}

// mergePeriodLabels merges two lists of period labels, each in time order, into one.
// Labels of one grain sort in time order as strings (Q1…Q4, YYYY-MM,
// YYYY-Www), so this is a sorted merge; a label in both lists appears once.
// It also returns, per merged label, its index in a and in b (-1 if absent).
func mergePeriodLabels(a, b []string) (merged []string, ia, ib []int) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			merged, ia, ib = append(merged, a[i]), append(ia, i), append(ib, -1)
			i++
		case i == len(a) || b[j] < a[i]:
			merged, ia, ib = append(merged, b[j]), append(ia, -1), append(ib, j)
			j++
		default:
			merged, ia, ib = append(merged, a[i]), append(ia, i), append(ib, j)
			i++
			j++
		}
	}
	return merged, ia, ib
}

// diffPair is one entry of a merged list: an index into the old list and one into
// the new list, -1 for the diffSide that does not have it.
type diffPair struct{ old, new int }

// mergeByName matches two lists of uniquely named items by name and orders the
// result: the new list's order, each old-only item right after the old item
// that preceded it (a run of old-only items keeps its old order after the last
// item both lists share), and old-only items before any shared one first.
func mergeByName(nOld, nNew int, oldName, newName func(int) string) []diffPair {
	inNew := make(map[string]int, nNew)
	for i := range nNew {
		inNew[newName(i)] = i
	}
	inOld := make(map[string]int, nOld)
	for i := range nOld {
		inOld[oldName(i)] = i
	}
	var front []diffPair
	after := map[int][]diffPair{} // new index of the shared anchor → old-only items after it
	anchor := -1
	for i := range nOld {
		if j, ok := inNew[oldName(i)]; ok {
			anchor = j
			continue
		}
		if anchor < 0 {
			front = append(front, diffPair{old: i, new: -1})
		} else {
			after[anchor] = append(after[anchor], diffPair{old: i, new: -1})
		}
	}
	out := make([]diffPair, 0, nNew+len(front))
	out = append(out, front...)
	for j := range nNew {
		i, ok := inOld[newName(j)]
		if !ok {
			i = -1
		}
		out = append(out, diffPair{old: i, new: j})
		out = append(out, after[j]...)
	}
	return out
}
