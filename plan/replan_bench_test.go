package plan_test

import (
	"bytes"
	"testing"

	"github.com/planhq/plan/plan"
)

// BenchmarkReplan100k re-plans the 100,000-person plan closed at June on
// itself with a raised target: Split of the new plan, then Replan on the
// base's cells (the base's own split is done once, outside the loop).
func BenchmarkReplan100k(b *testing.B) {
	data := bigPlan(benchRegions, benchBranches, benchPeople)
	base, diags := plan.Load("base.yaml", data)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	bb, err := plan.Split(base, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	next := bytes.Replace(data, []byte("  start: 2027-01\n"), []byte("  start: 2027-01\n  closed: 2027-06\n"), 1)
	next = bytes.Replace(next, []byte("target: 12_000_000_000\n"), []byte("target: 13_000_000_000\nbase: base.yaml\n"), 1)
	p, diags := plan.Load("next.yaml", next)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	b.ReportAllocs()
	for b.Loop() {
		nb, err := plan.Split(p, plan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := plan.Replan(nb, bb); err != nil {
			b.Fatal(err)
		}
	}
}
