package funnel

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/planhq/plan/plan"
)

// withActivities gives some of in's stages activities: whole counts, decimals
// and zeros, one name shared by several stages, counts up to a million.
func withActivities(rng *rand.Rand, in *Input) []string {
	names := []string{"visit", "demo"}
	for s := range in.Settings.Stages {
		var acts []plan.Activity
		for _, name := range names {
			switch rng.IntN(4) {
			case 0:
				acts = append(acts, plan.Activity{Name: name, Count: big.NewRat(int64(rng.IntN(9)), 1)})
			case 1:
				acts = append(acts, plan.Activity{Name: name, Count: big.NewRat(int64(1+rng.IntN(999)), int64(1+rng.IntN(100)))})
			case 2:
				acts = append(acts, plan.Activity{Name: name, Count: big.NewRat(logUniform(rng, 6), 1)})
			}
		}
		in.Settings.Stages[s].Activities = acts
	}
	return names
}

// tablesOf builds every table of a scheduler over the inputs (one row each),
// by the integer path or, with exact, by math/big; it returns each table's
// totals and exact values as text, and how many tables kept 64-bit rows.
func tablesOf(t *testing.T, ins []Input, works []*Work, names []string, g Grain, exact bool) (text []string, integer int) {
	t.Helper()
	col := monthColumns(nil, ins[0].MonthDays)
	if g == ByWeek { // a year of 7-day weeks from the first day, the last one short
		col = columns{Labels: nil, Bounds: []int64{0}}
		var year int64
		for _, d := range ins[0].MonthDays {
			year += int64(d)
		}
		for day := int64(7); ; day += 7 {
			col.Labels = append(col.Labels, "")
			if day >= year {
				col.Bounds = append(col.Bounds, year)
				break
			}
			col.Bounds = append(col.Bounds, day)
		}
	}
	sc := newScheduler(col, g, nil, len(ins), ins[0].MonthDays)
	sc.exact = exact
	for i, in := range ins {
		sc.add(i, in.Profile, in.Settings.Stages)
		if len(names) > 0 {
			works[i].Activities = make([]ActivityWork, len(names))
		}
	}
	var wk worker
	for j := range 1 + len(works[0].Stages) + len(names) {
		if err := sc.build(&wk, works, names, j); err != nil {
			text = append(text, "error: "+err.Error())
			continue
		}
		tb := &wk.t
		var vals []string
		for k := range tb.totals {
			for c := range tb.cols {
				var x *big.Rat
				if tb.rats != nil {
					x = tb.rats[k*tb.cols+c]
				} else {
					x = new(big.Rat).SetFrac(new(big.Int).SetUint64(tb.num[k*tb.cols+c]), new(big.Int).SetUint64(tb.den[k]))
				}
				vals = append(vals, x.RatString())
			}
		}
		if tb.rats == nil {
			integer++
		}
		text = append(text, fmt.Sprint(tb.totals, vals))
	}
	return text, integer
}

// The tables' exact values on 64- and 128-bit integers are those math/big
// computes, on funnels of every magnitude (up to 10¹⁵ deals, leads beyond a
// year, big pipelines, activities with decimal counts), by month and by week;
// and most tables stay on the integer path.
func TestTablesMatchExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	var tables, integer int
	for iter := range 300 {
		rows := 1 + rng.IntN(4)
		ins := make([]Input, rows)
		works := make([]*Work, rows)
		var names []string
		for i := range ins {
			if iter%2 == 0 {
				ins[i] = adversarialInput(rng)
			} else {
				ins[i] = randomInput(rng)
			}
			if i > 0 { // one table: the same stages and calendar
				ins[i].Settings.Stages = ins[0].Settings.Stages
				ins[i].MonthDays = ins[0].MonthDays
				if ins[i].Pipeline != nil && len(ins[i].Pipeline) != len(ins[0].Settings.Stages) {
					ins[i].Pipeline = nil
				}
			} else if rng.IntN(2) == 0 {
				names = withActivities(rng, &ins[0])
			}
		}
		ok := true
		for i, in := range ins {
			var sv solver
			w, err := sv.solve(in)
			if err != nil {
				ok = false // beyond MaxCount: nothing to place
				break
			}
			works[i] = w
		}
		if !ok {
			continue
		}
		g := Grain(iter / 2 % 2)
		fast, n := tablesOf(t, ins, works, names, g, false)
		exact, _ := tablesOf(t, ins, works, names, g, true)
		for j := range fast {
			if fast[j] != exact[j] {
				t.Fatalf("iter %d table %d:\nintegers %s\nmath/big %s", iter, j, fast[j], exact[j])
			}
		}
		tables += len(fast)
		integer += n
	}
	t.Logf("%d of %d tables on 64-bit rows", integer, tables)
	if integer < tables/2 {
		t.Fatalf("only %d of %d tables on 64-bit rows", integer, tables)
	}
}

// The tables are rounded side by side, one per processor: the result does not
// depend on how many there are or on which worker took which table.
func TestComputeSameOnAnyProcessors(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	texts := []string{orgPlan(2, 3, 40)}
	for range 6 {
		texts = append(texts, randomTeamPlan(rng))
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for n, text := range texts {
		b, err := plan.Split(loadPlan(t, "p.yaml", text), plan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range []Grain{ByMonth, ByWeek} {
			var first string
			for k, procs := range []int{1, 4, 2, 4} {
				runtime.GOMAXPROCS(procs)
				res, err := ComputeBy(b, g)
				if err != nil {
					t.Fatal(err)
				}
				var sb strings.Builder
				for _, r := range res.Rows {
					fmt.Fprintln(&sb, r.Path, roundedTables(r, g))
				}
				if k == 0 {
					first = sb.String()
				} else if sb.String() != first {
					t.Fatalf("plan %d grain %d: %d processors round otherwise than 1", n, g, procs)
				}
			}
		}
	}
}
