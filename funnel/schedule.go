package funnel

import (
	"fmt"
	"math/big"

	"github.com/planhq/plan/plan/round"
)

// ActivityWork is one activity of a leaf (or of the total): the work the
// stages' new entries take (SPEC §5 v2).
type ActivityWork struct {
	Name string
	// Total is Σ over the stages of ⌈newₛ × countₛ⌉.
	Total  int64
	Before int64   // due before the fiscal year (with the entries that take it)
	Months []int64 // by month (by month)
	Weeks  []int64 // by ISO week (by week)
	// Weekly is Total / the ISO weeks of the fiscal year with a working day
	// while the leaf is active; nil when there are none.
	Weekly *big.Rat
}

// scheduler places a team's deals, stage entries and activities in time: it
// rounds each table — the deals, each stage, each activity — at once over the
// funnel dimension's tree (SPEC §5 "Lined up with the money"), from every
// leaf's exact proportional values (the masses, see timeline). The tables are
// independent, so they are rounded side by side, one per processor at a time
// (see tables.go).
type scheduler struct {
	col      columns
	grain    Grain
	parent   []int // the tree over the rows for round.Matrix; nil: each row alone
	rows     int
	days     []int     // the fiscal months' lengths
	profiles [][]int64 // per row: its money by month
	acts     [][]Stage // per row: its stages with their activities
	// exact computes every mass with math/big and rounds every table with
	// round.Solve (for the tests, which require both paths to agree).
	exact bool
}

func newScheduler(col columns, g Grain, parent []int, rows int, monthDays []int) *scheduler {
	return &scheduler{col: col, grain: g, parent: parent, rows: rows, days: monthDays,
		profiles: make([][]int64, rows), acts: make([][]Stage, rows)}
}

// add sets row i: its deals follow the money of profile (12 months), each
// stage's entries that mass shifted earlier by its lead (st: its stages).
func (sc *scheduler) add(i int, profile []int64, st []Stage) {
	sc.profiles[i] = profile
	sc.acts[i] = st
}

// set sets a row's periods: its months or its weeks, by the scheduler's grain.
func (sc *scheduler) set(months, weeks *[]int64, v []int64) {
	if sc.grain == ByWeek {
		*weeks = v
	} else {
		*months = v
	}
}

// activityRat sets dst to a row's exact activity by period from its stages'
// exact masses — Σ over the stages of cₛ × the stage's mass / newₛ, cₛ the
// activity's count of stage s (see activityCounts).
func activityRat(dst []*big.Rat, w *Work, c []int64, stages [][]*big.Rat) {
	for k := range dst {
		dst[k] = new(big.Rat)
	}
	for s, m := range stages {
		if c[s] == 0 || w.Stages[s].New == 0 {
			continue
		}
		scale := big.NewRat(c[s], w.Stages[s].New)
		for k, x := range m {
			dst[k].Add(dst[k], new(big.Rat).Mul(scale, x))
		}
	}
}

// groups returns the column groups every row is rounded within one unit
// over: the quarters by month (after `first` leading columns), none by week.
func (sc *scheduler) groups(first int) []round.Range {
	out := make([]round.Range, len(sc.col.Groups))
	for i, g := range sc.col.Groups {
		out[i] = round.Range{Lo: first + g[0], Hi: first + g[1]}
	}
	return out
}

// round is the one call to the rounding solver: rows exact, every cell and
// every row's group within one unit, every node of the tree within one unit
// per column of the sum of its rows' exact values. A table whose rows all fit
// in 64-bit numerators is rounded by SolveFractions, else by Solve: the same
// rounding of the same exact values.
func (sc *scheduler) round(sv *round.Solver, t *table, groups []round.Range) ([]int64, error) {
	out := make([]int64, len(t.totals)*t.cols)
	var err error
	if t.rats == nil {
		err = sv.SolveFractions(out, &round.Fractions{Cols: t.cols, Totals: t.totals, Num: t.num, Den: t.den, Groups: groups, Parent: sc.parent})
	} else {
		err = sv.Solve(out, &round.Matrix{Cols: t.cols, Totals: t.totals, Exact: t.rats, Groups: groups, Parent: sc.parent})
	}
	if err != nil {
		return nil, fmt.Errorf("funnel: %w", err)
	}
	return out, nil
}
