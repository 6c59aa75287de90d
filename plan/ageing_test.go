package plan

import (
	"math/big"
	"slices"
	"strings"
	"testing"
)

const ageingPlan = `version: 1
year: {start: 2027-01}
target: 1000
dimensions:
  org:
    - {name: team, children: [a, b]}
    - c
  product: [p]
`

func ageOf(t *testing.T, src, csv, asOf string) (*AgeingReport, Diagnostics) {
	t.Helper()
	p := mustLoad(t, src)
	b := mustSplit(t, p, Options{})
	recs, diags := ReadReceivables("ar.csv", []byte(csv))
	d, err := ParseDate(asOf)
	if err != nil {
		t.Fatal(err)
	}
	rep, more := Ageing(b, "ar.csv", recs, d)
	return rep, append(diags, more...)
}

// TestAgeingBuckets: as of 2027-06-30, due dates 0, 1, 15, 16, 30, 31 days
// before fall in current, 1-15, 1-15, 16-30, 16-30, 31+: the edges of
// ageing [15, 30] are inclusive.
func TestAgeingBuckets(t *testing.T) {
	csv := `path,customer,invoice,due,amount,paid
team/a,x,1,2027-06-30,100,
team/a,x,2,2027-06-29,10,
team/a,x,3,2027-06-15,20,5
team/b,y,4,2027-06-14,40,
team/b,y,5,2027/5/31,50,
c,z,6,2027年5月30日,60,
c,z,7,2027-07-31,70,70
`
	rep, diags := ageOf(t, ageingPlan, csv, "2027-06-30")
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if !slices.Equal(rep.Buckets, []string{"current", "1-15", "16-30", "31+"}) {
		t.Fatalf("buckets %v", rep.Buckets)
	}
	r := func(vs ...int64) []*big.Rat {
		out := make([]*big.Rat, len(vs))
		for i, v := range vs {
			out[i] = big.NewRat(v, 1)
		}
		return out
	}
	eq := func(a, b []*big.Rat) bool {
		return slices.EqualFunc(a, b, func(x, y *big.Rat) bool { return x.Cmp(y) == 0 })
	}
	for i, want := range []struct {
		path    string
		buckets []*big.Rat
		status  TrackStatus
	}{
		{"team", r(100, 25, 90, 0), StatusYellow}, // a: 100 current, 10 + 15 in 1-15; b: 40 + 50 in 16-30
		{"team/a", r(100, 25, 0, 0), StatusYellow},
		{"team/b", r(0, 0, 90, 0), StatusYellow},
		{"c", r(0, 0, 0, 60), StatusRed}, // 31 days; invoice 7 is fully paid and left out
	} {
		n := rep.Nodes[i]
		if n.Row.PathString() != want.path || !eq(n.Buckets, want.buckets) || n.Status != want.status {
			t.Errorf("%s: buckets %v status %s, want %v %s", n.Row.PathString(), n.Buckets, n.Status, want.buckets, want.status)
		}
	}
	// total: 100 + 25 + 90 + 60 = 275 outstanding, 175 overdue (7/11).
	if rep.Total.Outstanding.Cmp(big.NewRat(275, 1)) != 0 || rep.Total.Share.Cmp(big.NewRat(7, 11)) != 0 || rep.Total.Status != StatusRed {
		t.Errorf("total %v share %v %s", rep.Total.Outstanding, rep.Total.Share, rep.Total.Status)
	}
	var got []string
	for _, i := range rep.Invoices {
		got = append(got, i.Invoice+":"+i.Bucket)
	}
	// most overdue first: 31, 30, 16, 15, 1 days.
	if want := []string{"6:31+", "5:16-30", "4:16-30", "3:1-15", "2:1-15"}; !slices.Equal(got, want) {
		t.Errorf("invoices %v, want %v", got, want)
	}
	if rep.Invoices[3].Days != 15 || rep.Invoices[2].Days != 16 {
		t.Errorf("days %d and %d, want 15 and 16", rep.Invoices[3].Days, rep.Invoices[2].Days)
	}
}

func TestAgeingOwnEdgesAndChineseHeader(t *testing.T) {
	src := strings.Replace(ageingPlan, "target: 1000\n", "target: 1000\nageing: [7]\n", 1)
	rep, diags := ageOf(t, src, "路径,客户,发票,到期日,金额\nc,z,1,2027-06-23,5\nc,z,2,2027-06-22,5\n", "2027-06-30")
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if !slices.Equal(rep.Buckets, []string{"current", "1-7", "8+"}) || rep.Invoices[0].Bucket != "8+" || rep.Invoices[1].Bucket != "1-7" {
		t.Errorf("buckets %v, invoices %s %s", rep.Buckets, rep.Invoices[0].Bucket, rep.Invoices[1].Bucket)
	}
}

func TestAgeingBadRows(t *testing.T) {
	csv := `path,customer,invoice,due,amount,paid,dimension
team/x,x,1,2027-06-30,100,,
team,x,2,2027-06-30,100,,
c,x,3,2027-02-30,100,,
c,x,4,2027-06-30,0,,
c,x,5,2027-06-30,100,150,
c,x,5,2027-06-30,100,,
c,x,6,2027-06-30,abc,,
p,x,7,2027-06-30,1,,product
c,x,8,2027-06-30,1,,org,extra
`
	_, diags := ageOf(t, ageingPlan, csv, "2027-06-30")
	var lines []string
	for _, d := range diags {
		lines = append(lines, d.String())
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{
		"ar.csv:2: error: unknown path team/x in org: team has no child x",
		"ar.csv:3: error: team is not a leaf of org",
		`ar.csv:4: error: due date "2027-02-30" is not a date`,
		"ar.csv:5: error: amount 0 is not above 0",
		"ar.csv:6: error: paid 150 is above the amount 100",
		"ar.csv:7: error: customer x invoice 5 is already on line 6",
		`ar.csv:8: error: amount "abc" is not an amount`,
		"ar.csv:9: error: this row is by product, the rows above by org (line 2)",
		"ar.csv:10: error: expected 7 fields (as the header), found 8",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
