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
// gathers every leaf's exact proportional values (the masses) and rounds each
// table — the deals, each stage, each activity — at once over the funnel
// dimension's tree (SPEC §5 "Lined up with the money").
type scheduler struct {
	col    columns
	grain  Grain
	parent []int // the tree over the rows for round.Matrix; nil: each row alone
	rows   int
	tl     timeline
	days   []int // the fiscal months' lengths

	deals  [][]*big.Rat   // per row: the deals' mass in each column
	stages [][][]*big.Rat // per row, per stage: before and each column
	acts   [][]Stage      // per row: its stages with their activities
	solver round.Solver
}

func newScheduler(col columns, g Grain, parent []int, rows int, monthDays []int) *scheduler {
	return &scheduler{col: col, grain: g, parent: parent, rows: rows, days: monthDays,
		deals: make([][]*big.Rat, rows), stages: make([][][]*big.Rat, rows), acts: make([][]Stage, rows)}
}

// add computes row i's masses: w's deals follow the money of profile (12
// months), each stage's entries that mass shifted earlier by its lead.
func (sc *scheduler) add(i int, w *Work, profile []int64, st []Stage) {
	tl := &sc.tl
	tl.init(profile, sc.days)
	sc.deals[i] = tl.dealMasses(w.Deals, sc.col.Bounds)
	sc.stages[i] = make([][]*big.Rat, len(w.Stages))
	for s := range w.Stages {
		sc.stages[i][s] = tl.stageMasses(w, s, sc.col.Bounds)
	}
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

// run rounds every table and fills the works (one per row, in order) with
// their periods and activities (named by names).
func (sc *scheduler) run(works []*Work, names []string) error {
	K := len(sc.col.Labels)
	R := sc.rows
	exact := make([]*big.Rat, R*K)
	totals := make([]int64, R)
	for i, w := range works {
		copy(exact[i*K:], sc.deals[i])
		totals[i] = w.Deals
	}
	out, err := sc.round(totals, exact, K, sc.groups(0))
	if err != nil {
		return err
	}
	for i, w := range works {
		sc.set(&w.DealMonths, &w.DealWeeks, out[i*K:(i+1)*K:(i+1)*K])
	}
	if R == 0 {
		return nil
	}
	n := len(works[0].Stages)
	exact = make([]*big.Rat, R*(K+1))
	for s := range n {
		for i, w := range works {
			copy(exact[i*(K+1):], sc.stages[i][s])
			totals[i] = w.Stages[s].New
		}
		out, err := sc.round(totals, exact, K+1, sc.groups(1))
		if err != nil {
			return err
		}
		for i, w := range works {
			row := out[i*(K+1) : (i+1)*(K+1) : (i+1)*(K+1)]
			sw := &w.Stages[s]
			sw.Before = row[0]
			sc.set(&sw.Months, &sw.Weeks, row[1:])
		}
	}
	for a, name := range names {
		for i, w := range works {
			total, ok := sc.activity(exact[i*(K+1):(i+1)*(K+1)], i, w, name)
			if !ok {
				return fmt.Errorf("activity %s needs more than %d", name, int64(MaxCount))
			}
			totals[i] = total
			if a == 0 {
				w.Activities = make([]ActivityWork, len(names))
			}
			w.Activities[a] = ActivityWork{Name: name, Total: total}
		}
		out, err := sc.round(totals, exact, K+1, sc.groups(1))
		if err != nil {
			return err
		}
		for i, w := range works {
			row := out[i*(K+1) : (i+1)*(K+1) : (i+1)*(K+1)]
			aw := &w.Activities[a]
			aw.Before = row[0]
			sc.set(&aw.Months, &aw.Weeks, row[1:])
		}
	}
	return nil
}

// activity sets dst to a row's exact activity by period — Σ over the stages
// of ⌈newₛ × countₛ⌉ × the stage's mass / newₛ — and returns its total;
// ok is false when it is beyond MaxCount.
func (sc *scheduler) activity(dst []*big.Rat, i int, w *Work, name string) (total int64, ok bool) {
	for k := range dst {
		dst[k] = new(big.Rat)
	}
	for s, stage := range sc.acts[i] {
		nw := w.Stages[s].New
		if nw == 0 {
			continue
		}
		for _, a := range stage.Activities {
			if a.Name != name || a.Count.Sign() == 0 {
				continue
			}
			c := ceilQuo(new(big.Rat).Mul(big.NewRat(nw, 1), a.Count), ratOne)
			if c.Cmp(maxCount) > 0 || total > MaxCount-c.Int64() {
				return 0, false
			}
			total += c.Int64()
			scale := new(big.Rat).SetFrac(c, big.NewInt(nw))
			for k, m := range sc.stages[i][s] {
				dst[k].Add(dst[k], new(big.Rat).Mul(scale, m))
			}
		}
	}
	return total, true
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
// per column of the sum of its rows' exact values.
func (sc *scheduler) round(totals []int64, exact []*big.Rat, cols int, groups []round.Range) ([]int64, error) {
	out := make([]int64, len(totals)*cols)
	m := &round.Matrix{Cols: cols, Totals: totals, Exact: exact, Groups: groups, Parent: sc.parent}
	if err := sc.solver.Solve(out, m); err != nil {
		return nil, fmt.Errorf("funnel: %w", err)
	}
	return out, nil
}
