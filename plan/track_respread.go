package plan

import (
	"fmt"
	"math/big"

	"github.com/planhq/plan/plan/round"
)

// respreadLinedUp re-spreads the remaining of every leaf and reserve row of a
// dimension as one controlled rounding over the dimension (SPEC §6 v2): each
// row's whole units of remaining are spread over the later months in
// proportion to its own plan cells for them (equally when they are all
// zero), and rounded together (package round) so that each cell is within one
// unit of its proportional value and every node above the rows — every
// parent row and the dimension's total — is within one unit, month by month,
// of the sum of its rows' proportional values (exact where that sum is
// whole). The part of a remaining below one unit joins the row's first later
// month. nodes holds the rows' scores (Remaining set), indexed like d.Rows.
func (s *Scorecard) respreadLinedUp(d *DimensionSplit, nodes []*NodeScore) error {
	L := len(s.Later)
	if L == 0 {
		return nil
	}
	first := s.AsOfIndex + 1
	u := s.Breakdown.Unit
	// the matrix rows are the leaf and reserve rows; the tree's nodes are the
	// other rows, then the total
	slot := make([]int, len(d.Rows)) // a row's index in the matrix: its own, or its node's
	var leaves []*Row
	for _, r := range d.Rows {
		if r.Leaf() {
			slot[r.Index] = len(leaves)
			leaves = append(leaves, r)
		}
	}
	R := len(leaves)
	next := R
	for _, r := range d.Rows {
		if !r.Leaf() {
			slot[r.Index] = next
			next++
		}
	}
	total := next
	m := &round.Matrix{Cols: L, Totals: make([]int64, R), Exact: make([]*big.Rat, R*L), Parent: make([]int, total+1)}
	parentOf := func(r *Row) int {
		if r.Parent == nil {
			return total
		}
		return slot[r.Parent.Index]
	}
	for _, r := range d.Rows {
		m.Parent[slot[r.Index]] = parentOf(r)
	}
	m.Parent[total] = -1
	fracs := make([]*big.Rat, R)
	for i, r := range leaves {
		n := nodes[r.Index]
		whole, frac, err := wholeUnits(n.Remaining, u)
		if err != nil {
			return Problemf("", "%s: %v", r.PathString(), err)
		}
		m.Totals[i], fracs[i] = whole, frac
		later := r.Months[first:]
		var sum int64
		for _, c := range later {
			sum += c
		}
		for j, c := range later {
			x := new(big.Rat)
			switch {
			case sum == 0:
				x.SetFrac64(whole, int64(L))
			case c != 0:
				x.SetFrac(new(big.Int).Mul(big.NewInt(whole), big.NewInt(c)), big.NewInt(sum))
			}
			m.Exact[i*L+j] = x
		}
	}
	cells := make([]int64, R*L)
	var solver round.Solver
	if err := solver.Solve(cells, m); err != nil {
		return err // never: the rows' exact values add up to their totals
	}
	for i, r := range leaves {
		out := make([]*big.Rat, L)
		for j := range out {
			out[j] = u.Amount(cells[i*L+j])
		}
		out[0].Add(out[0], fracs[i])
		nodes[r.Index].Respread = out
	}
	return nil
}

// wholeUnits splits an exact non-negative remaining into whole units of u
// and the part below one unit; it fails on a negative remaining or one beyond
// MaxUnits units.
func wholeUnits(remaining *big.Rat, u Unit) (int64, *big.Rat, error) {
	if remaining.Sign() < 0 {
		return 0, nil, fmt.Errorf("cannot re-spread a negative remaining %s", FormatRat(remaining, 10))
	}
	q := new(big.Rat).Quo(remaining, u.Rat())
	whole := new(big.Int).Quo(q.Num(), q.Denom())
	if !whole.IsInt64() || whole.Int64() > MaxUnits {
		return 0, nil, fmt.Errorf("the remaining %s is too large to re-spread", FormatRat(remaining, 10))
	}
	return whole.Int64(), new(big.Rat).Sub(remaining, u.Amount(whole.Int64())), nil
}
