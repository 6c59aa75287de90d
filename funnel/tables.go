package funnel

import (
	"fmt"
	"github.com/planhq/plan/plan/wide"
	"math/big"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/planhq/plan/plan/round"
)

// The scheduler's tables: 0 is the deals, 1…n the stages, then one per
// activity. Each is built and rounded on its own, so workers (one per
// processor) take them in turn; each writes only its own fields of the works,
// and the first error in table order is the one returned, so the result does
// not depend on which worker ran what.

// run rounds every table and fills the works (one per row, in order) with
// their periods and activities (named by names).
func (sc *scheduler) run(works []*Work, names []string) error {
	if sc.rows == 0 {
		return nil
	}
	if len(names) > 0 {
		for _, w := range works {
			w.Activities = make([]ActivityWork, len(names))
		}
	}
	jobs := 1 + len(works[0].Stages) + len(names)
	errs := make([]error, jobs)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), jobs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var wk worker
			for j := int(next.Add(1) - 1); j < jobs; j = int(next.Add(1) - 1) {
				errs[j] = sc.table(&wk, works, names, j)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// worker is one worker's scratch space, kept from one table to the next.
type worker struct {
	solver round.Solver
	tl     timeline
	t      table
	nums   [][]wide.U128 // per stage: its numerators (before, then the columns)
	dens   []wide.U128   // per stage: their denominator
	row    []wide.U128
	c      []int64
}

// table builds table j (see run) from every row's masses, rounds it and
// writes it into the works.
func (sc *scheduler) table(wk *worker, works []*Work, names []string, j int) error {
	n := len(works[0].Stages)
	if err := sc.build(wk, works, names, j); err != nil {
		return err
	}
	first := 1 // the before column
	if j == 0 {
		first = 0
	}
	out, err := sc.round(&wk.solver, &wk.t, sc.groups(first))
	if err != nil {
		return err
	}
	cols := wk.t.cols
	for i, w := range works {
		row := out[i*cols : (i+1)*cols : (i+1)*cols]
		switch {
		case j == 0:
			sc.set(&w.DealMonths, &w.DealWeeks, row)
		case j <= n:
			sw := &w.Stages[j-1]
			sw.Before = row[0]
			sc.set(&sw.Months, &sw.Weeks, row[1:])
		default:
			aw := &w.Activities[j-n-1]
			aw.Before = row[0]
			sc.set(&aw.Months, &aw.Weeks, row[1:])
		}
	}
	return nil
}

// build sets wk.t to table j's exact values and totals, one row per work:
// the deals by column, or a stage's or an activity's new entries before the
// year and by column. It also sets the works' activity totals.
func (sc *scheduler) build(wk *worker, works []*Work, names []string, j int) error {
	K := len(sc.col.Labels)
	n := len(works[0].Stages)
	bounds := sc.col.Bounds
	t := &wk.t
	switch {
	case j == 0: // the deals
		t.reset(sc.rows, K)
		wk.row = grow(wk.row, K)
		for i, w := range works {
			t.totals[i] = w.Deals
			wk.tl.init(sc.profiles[i], sc.days)
			if !sc.exact {
				if den, ok := wk.tl.dealNums(w.Deals, bounds, wk.row); ok && t.set(i, wk.row, den) {
					continue
				}
			}
			t.setRat(i, wk.tl.dealMasses(w.Deals, bounds))
		}
		return nil
	case j <= n: // stage s
		s := j - 1
		t.reset(sc.rows, K+1)
		wk.row = grow(wk.row, K+1)
		for i, w := range works {
			t.totals[i] = w.Stages[s].New
			wk.tl.init(sc.profiles[i], sc.days)
			if !sc.exact {
				if den, ok := wk.tl.stageNums(w, s, bounds, wk.row); ok && t.set(i, wk.row, den) {
					continue
				}
			}
			t.setRat(i, wk.tl.stageMasses(w, s, bounds))
		}
		return nil
	}
	a := j - n - 1 // activity a
	name := names[a]
	t.reset(sc.rows, K+1)
	wk.row = grow(wk.row, K+1)
	wk.c = grow(wk.c, n)
	wk.dens = grow(wk.dens, n)
	for len(wk.nums) < n {
		wk.nums = append(wk.nums, nil)
	}
	for i, w := range works {
		total, ok := activityCounts(sc.acts[i], w, name, wk.c)
		if !ok {
			return fmt.Errorf("activity %s needs more than %d", name, int64(MaxCount))
		}
		t.totals[i] = total
		works[i].Activities[a] = ActivityWork{Name: name, Total: total}
		wk.tl.init(sc.profiles[i], sc.days)
		if !sc.exact && wk.activityNums(w, bounds, t, i) {
			continue
		}
		stages := make([][]*big.Rat, n)
		for s := range n {
			if wk.c[s] != 0 {
				stages[s] = wk.tl.stageMasses(w, s, bounds)
			}
		}
		exact := make([]*big.Rat, K+1)
		activityRat(exact, w, wk.c, stages)
		t.setRat(i, exact)
	}
	return nil
}

// activityNums sets row i of t to the activity of counts wk.c on 128 bits,
// from the stages' numerators; it reports false when a number does not fit.
func (wk *worker) activityNums(w *Work, bounds []int64, t *table, i int) bool {
	for s, c := range wk.c {
		if c == 0 {
			continue
		}
		wk.nums[s] = grow(wk.nums[s], len(bounds))
		den, ok := wk.tl.stageNums(w, s, bounds, wk.nums[s])
		if !ok {
			return false
		}
		wk.dens[s] = den
	}
	den, ok := activityNums(w, wk.c, wk.nums, wk.dens, wk.row)
	return ok && t.set(i, wk.row, den)
}

// table is one table's exact values: one row per leaf, each row's values as
// 64-bit numerators over the row's own denominator (round.Fractions) while
// every row fits, else every row as rationals (round.Matrix). Rows are set in
// order.
type table struct {
	cols   int
	totals []int64
	num    []uint64
	den    []uint64
	rats   []*big.Rat // nil while every row fits
}

// reset empties the table for rows × cols values, keeping its space.
func (t *table) reset(rows, cols int) {
	t.cols = cols
	t.totals = grow(t.totals, rows)
	t.num = grow(t.num, rows*cols)
	t.den = grow(t.den, rows)
	t.rats = nil
}

// set sets row i to nums / den (den > 0); it reports false, setting nothing,
// when they do not fit in 64 bits, even divided by their greatest common
// divisor.
func (t *table) set(i int, nums []wide.U128, den wide.U128) bool {
	C := t.cols
	fits := den.Hi == 0
	for _, x := range nums {
		fits = fits && x.Hi == 0
	}
	if !fits && !reduce(nums, &den) {
		return false
	}
	if t.rats != nil {
		d := new(big.Int).SetUint64(den.Lo)
		for k, x := range nums {
			t.rats[i*C+k] = new(big.Rat).SetFrac(new(big.Int).SetUint64(x.Lo), d)
		}
		return true
	}
	for k, x := range nums {
		t.num[i*C+k] = x.Lo
	}
	t.den[i] = den.Lo
	return true
}

// setRat sets row i to exact values; from then on every row is a rational.
func (t *table) setRat(i int, vals []*big.Rat) {
	C := t.cols
	if t.rats == nil {
		t.rats = make([]*big.Rat, len(t.num))
		for r := range i {
			d := new(big.Int).SetUint64(t.den[r])
			for k := r * C; k < (r+1)*C; k++ {
				t.rats[k] = new(big.Rat).SetFrac(new(big.Int).SetUint64(t.num[k]), d)
			}
		}
	}
	copy(t.rats[i*C:(i+1)*C], vals)
}

// reduce divides nums and den by their greatest common divisor and reports
// whether they then fit in 64 bits.
func reduce(nums []wide.U128, den *wide.U128) bool {
	g := den.Big()
	for _, x := range nums {
		g.GCD(nil, nil, g, x.Big())
	}
	fit := func(x wide.U128) (wide.U128, bool) {
		q := new(big.Int).Quo(x.Big(), g)
		return wide.From(q.Uint64()), q.IsUint64()
	}
	d, ok := fit(*den)
	if !ok {
		return false
	}
	for k, x := range nums {
		if nums[k], ok = fit(x); !ok {
			return false
		}
	}
	*den = d
	return true
}

func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}
