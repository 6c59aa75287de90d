package plan

import (
	"math/big"
	"os"
	"testing"
)

// grainRanges are the halves and quarters of the fiscal year by months.
var grainRanges = [][2]int{{0, 6}, {6, 12}, {0, 3}, {3, 6}, {6, 9}, {9, 12}}

// checkGrains asserts SPEC §4 "Every grain (v2)": the top row's months,
// quarters and halves are within one unit of the allocated amount spread by
// the seasonality, and in every block every child's quarters and halves are
// within one unit of its proportional value (its amount × the block's column
// total over the group / the block's total).
func checkGrains(t testing.TB, b *Breakdown) {
	t.Helper()
	exact := exactMonths(b)
	for _, g := range grainRanges {
		x := new(big.Rat)
		for _, m := range exact[g[0]:g[1]] {
			x.Add(x, m)
		}
		checkFloorCeil(t, sum64(b.Months[g[0]:g[1]]), x, "time split: months %d–%d", g[0]+1, g[1])
	}
	for m, x := range exact {
		checkFloorCeil(t, b.Months[m], x, "time split: month %d", m+1)
	}
	for _, d := range b.Dimensions {
		if b.Plan.Dimension(d.Name).HasPeople() {
			continue // SPEC §9's exact values: checkPeopleSplit
		}
		checkBlockGrains(t, d.Roots, d.Name+": top level")
		for _, r := range d.Rows {
			if !r.Leaf() {
				checkBlockGrains(t, r.Children, d.Name+": children of "+r.PathString())
			}
		}
	}
}

func checkBlockGrains(t testing.TB, kids []*Row, what string) {
	t.Helper()
	total := sumAmounts(kids)
	if total == 0 {
		return
	}
	for _, g := range grainRanges {
		var col int64
		for _, k := range kids {
			col += sum64(k.Months[g[0]:g[1]])
		}
		for _, k := range kids {
			checkFloorCeil(t, sum64(k.Months[g[0]:g[1]]), propRat(k.Amount, col, total), "%s: months %d–%d of %s", what, g[0]+1, g[1], k.PathString())
		}
	}
}

// exactMonths is the time split before rounding: allocated × quarter weight
// / Σ quarter weights × month weight / Σ the quarter's month weights.
func exactMonths(b *Breakdown) []*big.Rat {
	months, quarters := checkWeights(b)
	part := func(amount *big.Rat, ws []*big.Rat) []*big.Rat {
		sum := new(big.Rat)
		for _, w := range ws {
			sum.Add(sum, w)
		}
		out := make([]*big.Rat, len(ws))
		for i, w := range ws {
			if sum.Sign() == 0 {
				out[i] = new(big.Rat).Quo(amount, big.NewRat(int64(len(ws)), 1))
			} else {
				out[i] = new(big.Rat).Quo(new(big.Rat).Mul(amount, w), sum)
			}
		}
		return out
	}
	var out []*big.Rat
	for q, x := range part(big.NewRat(b.Allocated, 1), quarters) {
		out = append(out, part(x, months[3*q:3*q+3])...)
	}
	return out
}

// The examples' quarter views (SPEC §4, issue 9): within one unit
// everywhere, whole values exact.
func TestExamplesEveryGrain(t *testing.T) {
	for _, name := range []string{"company", "team", "fiscal-april", "funnel-seed", "funnel-stages"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile("../examples/" + name + "/plan.yaml")
			if err != nil {
				t.Fatal(err)
			}
			b := mustSplit(t, mustLoad(t, string(src)), Options{})
			checkGrains(t, b)
		})
	}
}
