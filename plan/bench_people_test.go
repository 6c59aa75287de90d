package plan_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/planhq/plan/plan"
)

// bigPeoplePlan is bigPlan with windows: every 5th weighted person joins
// during the year (ramping by the plan's ramp), every 7th leaves.
func bigPeoplePlan() []byte {
	data := bigPlan(benchRegions, benchBranches, benchPeople)
	data = bytes.Replace(data, []byte("dimensions:\n"), []byte("ramp: [\"25%\", \"50%\", \"75%\"]\ndimensions:\n"), 1)
	lines := bytes.Split(data, []byte("\n"))
	n := 0
	for i, l := range lines {
		if !bytes.Contains(l, []byte("weight: ")) || !bytes.HasSuffix(l, []byte("}")) {
			continue
		}
		n++
		switch {
		case n%5 == 0:
			lines[i] = append(bytes.TrimSuffix(l, []byte("}")), fmt.Sprintf(", start: 2027-%02d}", 2+n%10)...)
		case n%7 == 0:
			lines[i] = append(bytes.TrimSuffix(l, []byte("}")), fmt.Sprintf(", end: 2027-%02d}", 3+n%9)...)
		}
	}
	return bytes.Join(lines, []byte("\n"))
}

// BenchmarkSplitPeople measures the split with availability on 100,000
// people (10 regions × 20 branches × 500), a fifth of them joining and a
// seventh leaving during the year.
func BenchmarkSplitPeople(b *testing.B) {
	p, diags := plan.Load("big.yaml", bigPeoplePlan())
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	b.ResetTimer()
	for range b.N {
		if _, err := plan.Split(p, plan.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCapacity measures plan capacity on the same 100,000 people.
func BenchmarkCapacity(b *testing.B) {
	data := bytes.Replace(bigPeoplePlan(), []byte("dimensions:\n"), []byte("capacity: {productivity: 600万, attainment: 80%}\ndimensions:\n"), 1)
	p, diags := plan.Load("big.yaml", data)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	bd, err := plan.Split(p, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := plan.CapacityOf(bd, plan.PeriodQuarter); err != nil {
			b.Fatal(err)
		}
	}
}
