package plan_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/render"
)

// bigPlan writes a plan of regions × branches × people as YAML: people with
// varied relative weights, one fixed amount in every 25 people, a reserve on
// the plan and on every region, seasonality by quarter and month, holidays.
func bigPlan(regions, branches, people int) []byte {
	var b bytes.Buffer
	b.Grow(regions * branches * people * 48)
	b.WriteString(`version: 1
name: 全国销售目标 FY2027
currency: CNY
round: 1
year:
  start: 2027-01
  holidays: [2027-02-10..2027-02-16, 2027-05-01..2027-05-05, 2027-10-01..2027-10-07]
  workdays: [2027-02-07, 2027-10-09]
target: 12_000_000_000
reserve: 5%
tiers: {base: 100%, challenge: 120%}
seasonality:
  quarters: ["22%", "28%", "30%", "20%"]
  months: [1, 0.8, 1.2, 1, 1, 1, 1, 1, 1, 1.1, 1, 0.9]
dimensions:
  org:
`)
	factors := []string{"1", "1.5", "2", "0.8", "1.2", "1", "1.75", "0.5"}
	for r := range regions {
		fmt.Fprintf(&b, "    - name: 大区%02d\n      weight: %d\n      reserve: 2%%\n      children:\n", r+1, 10+r%4)
		for br := range branches {
			fmt.Fprintf(&b, "        - name: 分公司%02d-%02d\n          weight: %d\n          children:\n", r+1, br+1, 5+br%7)
			for p := range people {
				if p%25 == 7 {
					fmt.Fprintf(&b, "            - {name: 销售%02d%02d%03d, amount: %d}\n", r+1, br+1, p+1, 90_000+p*10)
				} else {
					fmt.Fprintf(&b, "            - {name: 销售%02d%02d%03d, weight: %s}\n", r+1, br+1, p+1, factors[(r+br+p)%len(factors)])
				}
			}
		}
	}
	return b.Bytes()
}

// The benchmark plan of issue 2: 10 regions × 20 branches × 500 people.
const benchRegions, benchBranches, benchPeople = 10, 20, 500

func loadBig(b *testing.B) (*plan.Plan, []byte) {
	b.Helper()
	data := bigPlan(benchRegions, benchBranches, benchPeople)
	p, diags := plan.Load("big.yaml", data)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	return p, data
}

// BenchmarkLoad100k parses and validates the 100,000-person plan.
func BenchmarkLoad100k(b *testing.B) {
	data := bigPlan(benchRegions, benchBranches, benchPeople)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := plan.Load("big.yaml", data); diags.HasErrors() {
			b.Fatal(diags.Err())
		}
	}
}

// BenchmarkSplit100k runs the breakdown engine (tree split and month cells).
func BenchmarkSplit100k(b *testing.B) {
	p, _ := loadBig(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := plan.Split(p, plan.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkViewMonth100k sums the month view (a fresh breakdown each time, as
// the view of months is the cells themselves).
func BenchmarkViewMonth100k(b *testing.B) {
	p, _ := loadBig(b)
	bd, err := plan.Split(p, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bd.View(plan.PeriodMonth); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkViewWeek100k splits every month cell into its ISO-week segments.
func BenchmarkViewWeek100k(b *testing.B) {
	p, _ := loadBig(b)
	b.ReportAllocs()
	for b.Loop() {
		bd, err := plan.Split(p, plan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := bd.View(plan.PeriodWeek); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEndToEndMonthCSV100k is `plan split --period month --format csv`
// without the process: load, split, the month view, CSV to io.Discard.
func BenchmarkEndToEndMonthCSV100k(b *testing.B) {
	data := bigPlan(benchRegions, benchBranches, benchPeople)
	csv, err := render.Lookup("csv")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		p, diags := plan.Load("big.yaml", data)
		if diags.HasErrors() {
			b.Fatal(diags.Err())
		}
		bd, err := plan.Split(p, plan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		v, err := bd.View(plan.PeriodMonth)
		if err != nil {
			b.Fatal(err)
		}
		rep := &render.SplitReport{Breakdown: bd, View: v, Dimensions: []int{0}}
		if err := csv.Write(io.Discard, rep); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBigPlanIsExact checks the benchmark plan itself: it loads, and every
// person's months add up, so the benchmarks measure a correct run. With
// BIGPLAN=path it also writes the plan there, for timing the real binary.
func TestBigPlanIsExact(t *testing.T) {
	regions, branches, people := 2, 3, 60
	if path := os.Getenv("BIGPLAN"); path != "" {
		regions, branches, people = benchRegions, benchBranches, benchPeople
		if err := os.WriteFile(path, bigPlan(regions, branches, people), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, diags := plan.Load("big.yaml", bigPlan(regions, branches, people))
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	bd, err := plan.Split(p, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := bd.Dimension("org")
	if want := regions * (2 + branches*(1+people)); len(d.Rows) != want {
		t.Fatalf("%d rows, want %d", len(d.Rows), want)
	}
	var total int64
	for _, r := range d.Rows {
		var s int64
		for _, c := range r.Months {
			s += c
		}
		if s != r.Amount {
			t.Fatalf("%s: months add up to %d, amount %d", r.PathString(), s, r.Amount)
		}
		if r.Depth == 1 {
			total += r.Amount
		}
	}
	if total != bd.Allocated {
		t.Fatalf("regions add up to %d, allocated %d", total, bd.Allocated)
	}
}

// BenchmarkSplitCollections100k works out a collections metric (SPEC §12) on
// the 100,000-person plan: the revenue split, then every block's collections.
func BenchmarkSplitCollections100k(b *testing.B) {
	data := bigPlan(benchRegions, benchBranches, benchPeople)
	data = bytes.Replace(data, []byte("seasonality:"), []byte("metrics:\n  - {name: 回款, collect: {from: revenue, terms: [40%, 40%, 20%], opening: {amount: 8亿, terms: [50%, 30%, 20%]}}}\nseasonality:"), 1)
	p, diags := plan.Load("big.yaml", data)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	for b.Loop() {
		if _, err := plan.Split(p, plan.Options{Metric: "回款"}); err != nil {
			b.Fatal(err)
		}
	}
}
