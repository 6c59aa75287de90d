package round

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkSplitYear500 rounds a block of 500 children by 12 months with
// halves and quarters, amounts in the millions: the block of the 100,000-
// person benchmark plan.
func BenchmarkSplitYear500(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 10))
	rows, cols := randomSplit(r, 500, 12, 5_000_000_000)
	out := make([]int64, len(rows)*12)
	var s Solver
	groups := Grains(0)
	for b.Loop() {
		if err := s.Split(out, rows, cols, groups); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSplitSegments rounds the week segments of one month: 500 children
// by 5 segments, no groups.
func BenchmarkSplitSegments500(b *testing.B) {
	r := rand.New(rand.NewPCG(11, 12))
	rows, cols := randomSplit(r, 500, 5, 500_000_000)
	out := make([]int64, len(rows)*5)
	var s Solver
	for b.Loop() {
		if err := s.Split(out, rows, cols, nil); err != nil {
			b.Fatal(err)
		}
	}
}
