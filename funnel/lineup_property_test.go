package funnel

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/planhq/plan/plan"
)

// randomTeamPlan writes a plan with a random org tree (departments, teams,
// people, some people straight under a department), random weights and
// seasonality, a random funnel of 2–5 stages with activities, per-team
// overrides and pipelines.
func randomTeamPlan(rng *rand.Rand) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "version: 1\nname: r\nround: %d\nyear: {start: 2027-%02d}\ntarget: %d\n", []int{1, 1000}[rng.IntN(2)], 1+rng.IntN(12), 1000*(1+rng.IntN(100_000)))
	if rng.IntN(2) == 0 {
		sb.WriteString("seasonality:\n  months: [")
		for m := range 12 {
			if m > 0 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, "%d", rng.IntN(5)) // zero months too
		}
		sb.WriteString("]\n")
	}
	n := 2 + rng.IntN(4)
	sb.WriteString("dimensions:\n  org:\n")
	person := 0
	for d := range 1 + rng.IntN(3) {
		fmt.Fprintf(&sb, "    - name: d%d\n      weight: %d\n      children:\n", d, 1+rng.IntN(5))
		for tm := range 1 + rng.IntN(3) {
			if rng.IntN(4) == 0 {
				person++
				fmt.Fprintf(&sb, "        - {name: p%d, weight: %d}\n", person, 1+rng.IntN(4))
				continue
			}
			fmt.Fprintf(&sb, "        - name: t%d\n          weight: %d\n", tm, 1+rng.IntN(5))
			if rng.IntN(3) == 0 {
				fmt.Fprintf(&sb, "          funnel: {deal_size: %d, stages: {s0: {days: %d, activities: {visit: %d}}}}\n", 1000*(1+rng.IntN(50)), rng.IntN(90), rng.IntN(6))
			}
			sb.WriteString("          children:\n")
			for range 1 + rng.IntN(6) {
				person++
				fmt.Fprintf(&sb, "            - {name: p%d, weight: %d", person, rng.IntN(4))
				if rng.IntN(4) == 0 {
					fmt.Fprintf(&sb, ", funnel: {pipeline: {s%d: %d}}", rng.IntN(n), rng.IntN(20))
				}
				sb.WriteString("}\n")
			}
		}
	}
	fmt.Fprintf(&sb, "funnel:\n  deal_size: %d\n  stages:\n", 1000*(1+rng.IntN(30)))
	for s := range n - 1 {
		fmt.Fprintf(&sb, "    - {name: s%d, rate: %d%%, days: %d, activities: {visit: %d.%d, call: %d}}\n", s, 5+rng.IntN(96), rng.IntN(60), rng.IntN(4), rng.IntN(10), rng.IntN(3))
	}
	fmt.Fprintf(&sb, "    - {name: s%d, days: %d, activities: {contract: 1}}\n", n-1, rng.IntN(20))
	return sb.String()
}

// exactTables recomputes, from each leaf's money, the exact proportional
// values the result was rounded from: per row the deals, then each stage and
// each activity with its before column first.
func exactTables(res *Result, col columns) [][][]*big.Rat {
	days := make([]int, 12)
	for m, info := range res.Breakdown.Calendar.Months {
		days[m] = info.Days
	}
	out := make([][][]*big.Rat, len(res.Rows))
	for i, r := range res.Rows {
		profile := res.Breakdown.Months
		if r.Source != nil {
			profile = r.Source.Months
		}
		var tl timeline
		tl.init(profile, days)
		out[i] = append(out[i], tl.dealMasses(r.Deals, col.Bounds))
		stages := make([][]*big.Rat, len(r.Stages))
		for s := range r.Stages {
			stages[s] = tl.stageMasses(r.Work, s, col.Bounds)
			out[i] = append(out[i], stages[s])
		}
		for _, name := range res.ActivityNames {
			act := make([]*big.Rat, len(col.Bounds))
			for k := range act {
				act[k] = new(big.Rat)
			}
			for s, st := range r.Settings.Stages {
				for _, a := range st.Activities {
					if a.Name != name || r.Stages[s].New == 0 {
						continue
					}
					c := ceilQuo(new(big.Rat).Mul(big.NewRat(r.Stages[s].New, 1), a.Count), ratOne)
					for k, m := range stages[s] {
						act[k].Add(act[k], new(big.Rat).Mul(m, new(big.Rat).SetFrac(c, big.NewInt(r.Stages[s].New))))
					}
				}
			}
			out[i] = append(out[i], act)
		}
	}
	return out
}

// roundedTables returns a row's rounded tables in the order of exactTables.
func roundedTables(r *Row, g Grain) [][]int64 {
	pick := func(months, weeks []int64) []int64 {
		if g == ByWeek {
			return weeks
		}
		return months
	}
	out := [][]int64{pick(r.DealMonths, r.DealWeeks)}
	for _, s := range r.Stages {
		out = append(out, append([]int64{s.Before}, pick(s.Months, s.Weeks)...))
	}
	for _, a := range r.Activities {
		out = append(out, append([]int64{a.Before}, pick(a.Months, a.Weeks)...))
	}
	return out
}

// withinOne reports whether n is the floor or the ceiling of x (x itself
// when x is whole).
func withinOne(n int64, x *big.Rat) bool {
	d := new(big.Rat).Sub(big.NewRat(n, 1), x)
	return d.Abs(d).Cmp(ratOne) < 0
}

// TestPropertyLinedUp checks SPEC §5 "Lined up with the money" on random
// teams, by month and by ISO week: every row adds up (deals to D, a stage's
// before and periods to newₛ, an activity's to its count), every leaf cell
// and every leaf's quarter (and, by week, each run of weeks in a month) is
// within one unit of its exact value, and every team, department and the
// total is within one unit per period of the sum of its leaves' exact values.
func TestPropertyLinedUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for iter := range 60 {
		text := randomTeamPlan(rng)
		p := loadPlan(t, "r.yaml", text)
		b, err := plan.Split(p, plan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		g := ByMonth
		if iter%4 == 3 {
			g = ByWeek
		}
		res, err := ComputeBy(b, g)
		if err != nil {
			t.Fatalf("%v\n%s", err, text)
		}
		col := grainColumns(b.Calendar, g)
		exact := exactTables(res, col)
		// node sums: by each ancestor's path
		type sums struct {
			exact  [][]*big.Rat
			counts [][]int64
		}
		nodes := map[string]*sums{}
		for i, r := range res.Rows {
			got := roundedTables(r, g)
			for tb, cells := range got {
				ex := exact[i][tb]
				if len(cells) != len(ex) {
					t.Fatalf("row %v table %d: %d cells, want %d", r.Path, tb, len(cells), len(ex))
				}
				var rowSum int64
				for k, v := range cells {
					rowSum += v
					if !withinOne(v, ex[k]) {
						t.Fatalf("iter %d row %v table %d cell %d: %d, exact %s\n%s", iter, r.Path, tb, k, v, ex[k].RatString(), text)
					}
				}
				want := r.Deals
				switch {
				case tb > len(r.Stages):
					want = r.Activities[tb-1-len(r.Stages)].Total
				case tb > 0:
					want = r.Stages[tb-1].New
				}
				if rowSum != want {
					t.Fatalf("row %v table %d adds up to %d, want %d", r.Path, tb, rowSum, want)
				}
				first := 0
				if tb > 0 {
					first = 1
				}
				for _, grp := range col.Groups {
					var n int64
					x := new(big.Rat)
					for k := grp[0]; k < grp[1]; k++ {
						n += cells[first+k]
						x.Add(x, ex[first+k])
					}
					if !withinOne(n, x) {
						t.Fatalf("row %v table %d group %v: %d, exact %s", r.Path, tb, grp, n, x.RatString())
					}
				}
			}
			for depth := 0; depth < len(r.Path); depth++ {
				key := strings.Join(r.Path[:depth], "/")
				s := nodes[key]
				if s == nil {
					s = &sums{}
					for tb := range got {
						s.exact = append(s.exact, make([]*big.Rat, len(got[tb])))
						s.counts = append(s.counts, make([]int64, len(got[tb])))
						for k := range s.exact[tb] {
							s.exact[tb][k] = new(big.Rat)
						}
					}
					nodes[key] = s
				}
				for tb := range got {
					for k := range got[tb] {
						s.exact[tb][k].Add(s.exact[tb][k], exact[i][tb][k])
						s.counts[tb][k] += got[tb][k]
					}
				}
			}
		}
		for key, s := range nodes {
			for tb := range s.exact {
				for k := range s.exact[tb] {
					if !withinOne(s.counts[tb][k], s.exact[tb][k]) {
						t.Fatalf("iter %d node %q table %d period %d: %d, leaves' exact sum %s\n%s", iter, key, tb, k, s.counts[tb][k], s.exact[tb][k].RatString(), text)
					}
				}
			}
		}
		if len(nodes) == 0 {
			t.Fatal("no node checked")
		}
		// The total is the sum of the rows.
		if tot := res.Total; len(res.Rows) > 0 && tot.Deals != sum(tot.DealMonths)+sum(tot.DealWeeks) {
			t.Fatalf("total deals %d, periods %v %v", tot.Deals, tot.DealMonths, tot.DealWeeks)
		}
	}
}
