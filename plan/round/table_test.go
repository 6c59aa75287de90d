package round

import (
	"errors"
	"math/big"
	"slices"
	"testing"
)

func TestSplitByHand(t *testing.T) {
	tests := []struct {
		name       string
		rows, cols []int64
		groups     []Range
		want       []int64
	}{
		// each row's own rounding is [1 0] (a tie goes to the earlier
		// month); the columns need one unit each, so one row moves: the
		// later one, both its cells
		{"two halves of two", []int64{1, 1}, []int64{1, 1}, nil, []int64{1, 0, 0, 1}},
		// whole proportional values are exact: 3000 × 25 % = 750 in Q1
		{"whole quarter", []int64{3000, 1000}, []int64{333, 333, 334, 400, 400, 400, 400, 400, 400, 200, 200, 200}, Grains(0),
			[]int64{250, 250, 250, 300, 300, 300, 300, 300, 300, 150, 150, 150, 83, 83, 84, 100, 100, 100, 100, 100, 100, 50, 50, 50}},
		// equal siblings keep equal months where the columns allow: 3 units
		// of 2 equal rows over 3 months cannot be equal, so one row differs
		{"equal siblings", []int64{3, 3}, []int64{2, 2, 2}, nil, []int64{1, 1, 1, 1, 1, 1}},
		// a zero row stays zero, a zero column stays zero
		{"zeros", []int64{0, 5}, []int64{2, 0, 3}, nil, []int64{0, 0, 0, 2, 0, 3}},
	}
	var s Solver
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := make([]int64, len(tc.rows)*len(tc.cols))
			if err := s.Split(out, tc.rows, tc.cols, tc.groups); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(out, tc.want) {
				t.Errorf("got %v, want %v", out, tc.want)
			}
		})
	}
}

// The example: two people of 5,250 units (thousands) under a team
// of 10,500 whose quarters are 25/25/25/25-ish; equal people get equal
// quarters, each within one unit of its exact 2,625 / 1,312.5 share.
func TestEqualSiblingsEqualQuarters(t *testing.T) {
	cols := []int64{875, 875, 875, 875, 875, 875, 875, 875, 875, 875, 875, 875}
	rows := []int64{5250, 5250}
	out := make([]int64, 24)
	var s Solver
	if err := s.Split(out, rows, cols, Grains(0)); err != nil {
		t.Fatal(err)
	}
	b := rankOne(rows, cols, Grains(0))
	if bad := b.violations(out); len(bad) > 0 {
		t.Fatal(bad)
	}
	// 437.5 a month each: one row takes the odd unit of every month, in
	// alternation the columns allow; both rows' quarters are 1312 or 1313
	for q := range 4 {
		var a, c int64
		for j := 3 * q; j < 3*q+3; j++ {
			a += out[j]
			c += out[12+j]
		}
		if a < 1312 || a > 1313 || c < 1312 || c > 1313 {
			t.Errorf("Q%d: %d and %d", q+1, a, c)
		}
	}
}

func TestSolveByHand(t *testing.T) {
	// two leaves under one team, one month column and a before column; the
	// team's exact sum per column is 1/2 + 1/2 = 1: exact
	half := big.NewRat(1, 2)
	m := &Matrix{Cols: 2, Totals: []int64{1, 1}, Exact: []*big.Rat{half, half, half, half}, Parent: []int{2, 2, -1}}
	out := make([]int64, 4)
	var s Solver
	if err := s.Solve(out, m); err != nil {
		t.Fatal(err)
	}
	if want := []int64{1, 0, 0, 1}; !slices.Equal(out, want) {
		t.Errorf("got %v, want %v", out, want)
	}
	// 4 units over an even year: 2 per half, 1 per quarter, the first
	// month of each quarter (ties to the earlier period)
	third := big.NewRat(1, 3)
	year := &Matrix{Cols: 12, Totals: []int64{4}, Exact: slices.Repeat([]*big.Rat{third}, 12), Groups: Grains(0)}
	out12 := make([]int64, 12)
	if err := s.Solve(out12, year); err != nil {
		t.Fatal(err)
	}
	if want := []int64{1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0}; !slices.Equal(out12, want) {
		t.Errorf("even year: got %v, want %v", out12, want)
	}
	// without a tree each row keeps its own rounding
	m.Parent = nil
	if err := s.Solve(out, m); err != nil {
		t.Fatal(err)
	}
	if want := []int64{1, 0, 1, 0}; !slices.Equal(out, want) {
		t.Errorf("no tree: got %v, want %v", out, want)
	}
}

func TestInconsistentInput(t *testing.T) {
	var s Solver
	out := make([]int64, 4)
	for name, err := range map[string]error{
		"sums differ":  s.Split(out, []int64{1, 2}, []int64{1, 1}, nil),
		"negative row": s.Split(out, []int64{-1, 3}, []int64{1, 1}, nil),
		"overlap":      s.Split(out, []int64{1, 1}, []int64{1, 1}, []Range{{0, 2}, {1, 2}, {0, 1}, {1, 3}}),
		"outside":      s.Split(out, []int64{1, 1}, []int64{1, 1}, []Range{{1, 3}}),
		"total": s.Solve(out, &Matrix{Cols: 2, Totals: []int64{1, 1},
			Exact: []*big.Rat{big.NewRat(1, 2), big.NewRat(1, 3), big.NewRat(1, 2), big.NewRat(1, 2)}}),
		"negative value": s.Solve(out, &Matrix{Cols: 2, Totals: []int64{0, 1},
			Exact: []*big.Rat{big.NewRat(-1, 2), big.NewRat(1, 2), big.NewRat(1, 2), big.NewRat(1, 2)}}),
		"cycle": s.Solve(out, &Matrix{Cols: 2, Totals: []int64{1, 1},
			Exact: []*big.Rat{big.NewRat(1, 2), big.NewRat(1, 2), big.NewRat(1, 2), big.NewRat(1, 2)}, Parent: []int{2, 3, 3, 2}}),
	} {
		if !errors.Is(err, ErrInconsistent) {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

// NodeCols pins a node's column sums to a parent's cells already rounded:
// three rows of 1/3 in each of three columns (each row's total 1) under one
// node whose exact column sums are 1 each; pinned to 2, 1, 0 instead, the
// rows must round so, each cell still 0 or 1 and each row still 1. Among
// those, the fewest cells move from each row's own rounding (1 0 0: ties to
// the earlier column), so the first row keeps it. Pinned sums no rounding can
// meet fail: with a first row of 1/2 1/2 0, a third column of 3 would need a
// 1 where its exact value is 0.
func TestSolvePinnedNodeColumns(t *testing.T) {
	third := big.NewRat(1, 3)
	m := &Matrix{Cols: 3, Totals: []int64{1, 1, 1}, Exact: slices.Repeat([]*big.Rat{third}, 9),
		Parent: []int{3, 3, 3, -1}, NodeCols: []int64{2, 1, 0}}
	out := make([]int64, 9)
	var s Solver
	if err := s.Solve(out, m); err != nil {
		t.Fatal(err)
	}
	cols := make([]int64, 3)
	for i := range 3 {
		if sum := out[3*i] + out[3*i+1] + out[3*i+2]; sum != 1 {
			t.Errorf("row %d adds up to %d: %v", i, sum, out)
		}
		for j := range 3 {
			cols[j] += out[3*i+j]
		}
	}
	if !slices.Equal(cols, []int64{2, 1, 0}) {
		t.Errorf("columns %v, want the pinned 2 1 0 (%v)", cols, out)
	}
	moved := 0
	for i := range 3 {
		if out[3*i] != 1 {
			moved++
		}
	}
	if moved != 1 {
		t.Errorf("%d rows moved from their own rounding 1 0 0, want 1: %v", moved, out)
	}
	half := big.NewRat(1, 2)
	zeroEnd := &Matrix{Cols: 3, Totals: []int64{1, 1, 1}, Exact: append([]*big.Rat{half, half, new(big.Rat)}, slices.Repeat([]*big.Rat{third}, 6)...),
		Parent: []int{3, 3, 3, -1}, NodeCols: []int64{0, 0, 3}}
	if err := s.Solve(out, zeroEnd); !errors.Is(err, ErrInconsistent) {
		t.Errorf("pinned 0 0 3: %v (%v), want ErrInconsistent", err, out)
	}
	m.NodeCols = []int64{1}
	if err := s.Solve(out, m); !errors.Is(err, ErrInconsistent) {
		t.Errorf("one pinned sum for three columns: %v, want ErrInconsistent", err)
	}
}
