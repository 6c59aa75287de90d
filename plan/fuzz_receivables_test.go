package plan

import (
	"testing"
)

// FuzzReadReceivables: the receivables reader and the ageing never panic on
// any bytes; every record it returns ages or is refused with a diagnostic
// naming a line; an accepted file's nodes add up (parents are their
// children's sums, buckets add up to the outstanding).
func FuzzReadReceivables(f *testing.F) {
	addSeeds(f, "FuzzReadReceivables")
	p, diags := Load("plan.yaml", []byte(ageingPlan))
	if p == nil || diags.HasErrors() {
		f.Fatal(diags.Err())
	}
	b, err := Split(p, Options{})
	if err != nil {
		f.Fatal(err)
	}
	asOf := NewDate(2027, 6, 30)
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, diags := ReadReceivables("ar.csv", data)
		rep, more := Ageing(b, "ar.csv", recs, asOf)
		diags = append(diags, more...)
		if rep == nil {
			if !more.HasErrors() {
				t.Fatalf("no report and no error")
			}
			return
		}
		for _, d := range more {
			if d.Severity == Error {
				t.Fatalf("a report with errors: %v", more.Err())
			}
		}
		for _, n := range append(append([]*AgeingNode{}, rep.Nodes...), rep.Total) {
			sum := zeroRats(1)[0]
			for _, v := range n.Buckets {
				sum.Add(sum, v)
			}
			if sum.Cmp(n.Outstanding) != 0 {
				t.Fatalf("buckets add up to %v, outstanding %v", sum, n.Outstanding)
			}
			if n.Row == nil || n.Row.Leaf() {
				continue
			}
			kids := zeroRats(1)[0]
			for _, c := range n.Row.Children {
				kids.Add(kids, rep.Nodes[c.Index].Outstanding)
			}
			if kids.Cmp(n.Outstanding) != 0 {
				t.Fatalf("%s: children add up to %v, it has %v", n.Row.PathString(), kids, n.Outstanding)
			}
		}
	})
}
