package funnel

import (
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/planhq/plan/plan"
)

func BenchmarkSolveNineStages(b *testing.B) {
	in := Input{Target: big.NewRat(8_794_000, 1), Profile: []int64{25, 25, 30, 30, 30, 30, 30, 30, 30, 15, 15, 15}, MonthDays: days2027,
		Settings: Settings{DealSize: big.NewRat(800_000, 1), Stages: stagesOf(b, "发现线索:30%:7", "初步接触:60%:14", "确认商机:55%:14", "需求分析:70%:21",
			"方案演示:70%:14", "赢得认可:80%:14", "商务谈判:70%:21", "签订合同:90%:7", "成交")},
		Pipeline: []int64{0, 0, 6, 4, 0, 0, 3, 1, 0}}
	for b.Loop() {
		if _, err := Solve(in); err != nil {
			b.Fatal(err)
		}
	}
}

// teamPlan writes a plan with teams × people leaves, a nine-stage funnel,
// per-team deal sizes and a pipeline on every person.
func teamPlan(teams, people int) string {
	var sb strings.Builder
	sb.WriteString("version: 1\nname: bench\nround: 1000\nyear: {start: 2027-01}\ntarget: 10_000_000_000\n")
	sb.WriteString("seasonality: {quarters: [\"25%\", \"30%\", \"30%\", \"15%\"]}\ndimensions:\n  org:\n")
	for t := range teams {
		fmt.Fprintf(&sb, "    - name: team%d\n      funnel: {deal_size: %d}\n      children:\n", t, 500_000+t*10_000)
		for p := range people {
			fmt.Fprintf(&sb, "        - {name: p%d, weight: %d, funnel: {pipeline: {s2: %d, s6: %d}}}\n", p, 1+p%3, p%7, p%3)
		}
	}
	sb.WriteString("funnel:\n  deal_size: 1_000_000\n  stages:\n")
	for s := range 8 {
		fmt.Fprintf(&sb, "    - {name: s%d, rate: %d%%, days: %d}\n", s, 30+s*8, 7+s*3)
	}
	sb.WriteString("    - {name: won}\n")
	return sb.String()
}

func BenchmarkCompute500Leaves(b *testing.B) {
	p := loadPlan(b, "bench.yaml", teamPlan(20, 25))
	bd, err := plan.Split(p, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Compute(bd); err != nil {
			b.Fatal(err)
		}
	}
}

// orgPlan writes a plan of regions × branches × people leaves (relative
// weights that vary from person to person, a root reserve, seasonal months)
// with a four-stage funnel whose deal size gives each person about twenty
// deals: the shape of a large sales organization.
func orgPlan(regions, branches, people int) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "version: 1\nname: bench\ncurrency: CNY\nround: 1\nyear: {start: 2027-01}\ntarget: %d\nreserve: 5%%\n", regions*branches*people*1_000_000)
	sb.WriteString("seasonality: {quarters: [\"20%\", \"25%\", \"30%\", \"25%\"], months: [1, 1, 1.2, 1, 1, 1.1, 1, 1, 1.3, 1, 1, 1.5]}\n")
	sb.WriteString("dimensions:\n  org:\n")
	weights := []string{"2", "1", "0.8", "1.5", "1", "0.8", "1.2"}
	for r := range regions {
		fmt.Fprintf(&sb, "    - name: 区域%d\n      weight: %d\n      children:\n", r, 5+r%4)
		for b := range branches {
			fmt.Fprintf(&sb, "        - name: 分公司%d-%d\n          weight: %d\n          children:\n", r, b, 1+b%3)
			for p := range people {
				fmt.Fprintf(&sb, "            - {name: 销售%d-%d-%d, weight: %s}\n", r, b, p, weights[(r+b+p)%len(weights)])
			}
		}
	}
	sb.WriteString("funnel:\n  deal_size: 50_000\n  stages:\n")
	sb.WriteString("    - {name: 线索, rate: 30%, days: 20}\n    - {name: 商机, rate: 40%, days: 30}\n    - {name: 谈判, rate: 50%, days: 15}\n    - {name: 成交}\n")
	return sb.String()
}

// BenchmarkCompute100kLeaves runs the funnel on every person of a generated
// 100,000-person plan (load and split are outside the timing).
func BenchmarkCompute100kLeaves(b *testing.B) {
	p := loadPlan(b, "bench.yaml", orgPlan(10, 20, 500))
	bd, err := plan.Split(p, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := Compute(bd)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Rows) != 100_000 {
			b.Fatalf("%d rows, want 100000", len(res.Rows))
		}
	}
}

// benchmarkCompute runs the funnel by grain on the people of orgPlan
// (load and split are outside the timing).
func benchmarkCompute(b *testing.B, people int, g Grain) {
	p := loadPlan(b, "bench.yaml", orgPlan(10, 20, people/200))
	bd, err := plan.Split(p, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := ComputeBy(bd, g)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Rows) != people {
			b.Fatalf("%d rows, want %d", len(res.Rows), people)
		}
	}
}

func BenchmarkCompute10kLeaves(b *testing.B)      { benchmarkCompute(b, 10_000, ByMonth) }
func BenchmarkCompute10kLeavesWeek(b *testing.B)  { benchmarkCompute(b, 10_000, ByWeek) }
func BenchmarkCompute100kLeavesWeek(b *testing.B) { benchmarkCompute(b, 100_000, ByWeek) }
