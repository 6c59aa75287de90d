package round

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// rankOne writes the rank-one block rows × cols / T as a Matrix whose one
// tree node is the parent (its column sums are cols).
func rankOne(rows, cols []int64, groups []Range) *block {
	R, C := len(rows), len(cols)
	var total int64
	for _, r := range rows {
		total += r
	}
	b := &block{m: Matrix{Cols: C, Totals: slices.Clone(rows), Exact: make([]*big.Rat, R*C), Groups: groups, Parent: make([]int, R+1)}}
	for i, r := range rows {
		for j, c := range cols {
			if total > 0 {
				b.m.Exact[i*C+j] = new(big.Rat).SetFrac(big.NewInt(r), big.NewInt(total))
				b.m.Exact[i*C+j].Mul(b.m.Exact[i*C+j], big.NewRat(c, 1))
			}
		}
		b.m.Parent[i] = R
	}
	b.m.Parent[R] = -1
	return b
}

// randomSplit draws a parent's row (cols) and the children's amounts (rows)
// with the same total: weighted children, a fixed child, a reserve row, zero
// rows and zero months, equal siblings.
func randomSplit(r *rand.Rand, R, C int, scale int64) (rows, cols []int64) {
	cols = make([]int64, C)
	var total int64
	for j := range cols {
		if r.IntN(6) > 0 {
			cols[j] = r.Int64N(scale)
		}
		total += cols[j]
	}
	rows = make([]int64, R)
	left := total
	for i := range R - 1 {
		switch {
		case i > 0 && r.IntN(3) == 0:
			rows[i] = min(rows[i-1], left) // an equal sibling
		case r.IntN(6) == 0:
			rows[i] = 0
		default:
			rows[i] = r.Int64N(left/int64(R-i) + 1)
		}
		left -= rows[i]
	}
	rows[R-1] = left // the reserve row, or the last child, takes the rest
	r.Shuffle(R, func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
	return rows, cols
}

func TestRandomSplitBlocksBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var s Solver
	tried := 0
	for n := range 4000 {
		R, C := 1+r.IntN(4), 1+r.IntN(5)
		rows, cols := randomSplit(r, R, C, 12)
		groups := randomGroups(r, C)
		out := make([]int64, R*C)
		if err := s.Split(out, rows, cols, groups); err != nil {
			t.Fatalf("block %d: %v", n, err)
		}
		b := rankOne(rows, cols, groups)
		if bad := b.violations(out); len(bad) > 0 {
			t.Fatalf("block %d rows %v cols %v groups %v: %v -> %v", n, rows, cols, groups, out, bad)
		}
		// the general entry point gives the same table
		general := make([]int64, R*C)
		if err := s.Solve(general, &b.m); err != nil {
			t.Fatalf("block %d: %v", n, err)
		}
		if !slices.Equal(out, general) {
			t.Fatalf("block %d rows %v cols %v: Split %v, Solve %v", n, rows, cols, out, general)
		}
		own := b.ownOf()
		best, ok := b.bruteMin(own)
		if !ok {
			continue
		}
		tried++
		if got := cost(out, own); got != best {
			t.Fatalf("block %d rows %v cols %v: %d cells moved, the least is %d (out %v own %v)", n, rows, cols, got, best, out, own)
		}
	}
	if tried < 1000 {
		t.Fatalf("only %d blocks brute-forced", tried)
	}
}

// Year-sized blocks: twelve months with halves and quarters, large amounts,
// many rows; every rule holds.
func TestRandomYearBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var s Solver
	for n := range 300 {
		R := 1 + r.IntN(40)
		rows, cols := randomSplit(r, R, 12, 1+r.Int64N(1_000_000_000))
		out := make([]int64, R*12)
		if err := s.Split(out, rows, cols, Grains(0)); err != nil {
			t.Fatalf("block %d: %v", n, err)
		}
		b := rankOne(rows, cols, Grains(0))
		if bad := b.violations(out); len(bad) > 0 {
			t.Fatalf("block %d: %v", n, bad)
		}
	}
}

// Arbitrary year blocks with a before column and a deep tree, as the funnel
// and the re-spread use them.
func TestRandomTreeBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var s Solver
	for n := range 300 {
		R := 1 + r.IntN(30)
		b := randomBlock(r, R, 13)
		b.m.Groups = Grains(1)
		randomTree(r, b, 8)
		out := make([]int64, R*13)
		if err := s.Solve(out, &b.m); err != nil {
			t.Fatalf("block %d: %v", n, err)
		}
		if bad := b.violations(out); len(bad) > 0 {
			t.Fatalf("block %d: %v", n, bad)
		}
	}
}
