package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planhq/plan/plan"
)

// diffGoldenDir holds the golden files of the diff report.
const diffGoldenDir = "../testdata/golden/diff"

// diffPlan is the company example: the old version of every diff case.
func diffPlan(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../examples/company/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// diffEdit applies old→new replacements, failing when one does not match.
func diffEdit(t *testing.T, text string, pairs ...string) string {
	t.Helper()
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(text, pairs[i]) {
			t.Fatalf("edit: %q not in the plan", pairs[i])
		}
		text = strings.Replace(text, pairs[i], pairs[i+1], 1)
	}
	return text
}

// diffCompare loads, splits and compares two versions labelled like the
// command labels them.
func diffCompare(t *testing.T, oldText, newText string, period plan.Period) *plan.Comparison {
	t.Helper()
	split := func(label, text string) *plan.Breakdown {
		p, diags := plan.Load(label, []byte(text))
		if err := diags.Err(); err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		b, err := plan.Split(p, plan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	c, err := plan.Diff(split("plan.yaml@HEAD", oldText), split("plan.yaml", newText), period)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestDiffReportGolden renders each case in every text format and compares
// with testdata/golden/diff/CASE.{txt,csv,json,md}.
func TestDiffReportGolden(t *testing.T) {
	base := diffPlan(t)
	cases := []struct {
		name   string
		edits  []string
		period plan.Period
		all    bool
	}{
		{
			// The analysts' example: 销售部 70% → 72%, 市场部 20% → 18%.
			name:   "weight",
			edits:  []string{"    - name: 销售部\n      weight: 70%", "    - name: 销售部\n      weight: 72%", "{name: 市场部, weight: 20%}", "{name: 市场部, weight: 18%}"},
			period: plan.PeriodQuarter,
		},
		{
			// A finer round, a reserve on a team, 李娜 renamed 李娜娜, 孙丽 removed,
			// a new person, the region dimension dropped and a channel one added.
			name: "structure",
			edits: []string{
				"round: 1000", "round: 0.01",
				"over_assign: 10%", "over_assign: 10%\n          reserve: 5%",
				"{name: 李娜, weight: 1.5}", "{name: 李娜娜, weight: 1.5}",
				"            - {name: 孙丽, last_year: 2_500_000, growth: 30%}\n", "            - {name: 周杰, last_year: 3_000_000, growth: 0%}\n",
				"  region:\n    - {name: 成熟市场, weight: 50%}\n    - {name: 成长市场, weight: 30%}\n    - {name: 新兴市场, weight: 20%}\n",
				"  channel:\n    - {name: 直销, weight: 80%}\n    - {name: 渠道, weight: 20%}\n",
			},
			period: plan.PeriodYear,
		},
		{
			// The reserve raised and the fiscal year moved: months matched by label.
			name:   "reserve-year",
			edits:  []string{"reserve: 10%", "reserve: 12%", "start: 2027-01", "start: 2027-04"},
			period: plan.PeriodMonth,
		},
		{
			// Only 张伟's factor: the unchanged ancestors are shown as context.
			name:   "context",
			edits:  []string{"{name: 张伟, weight: 2}", "{name: 张伟, weight: 2.5}"},
			period: plan.PeriodQuarter,
		},
		{
			name:   "all",
			edits:  []string{"{name: 张伟, weight: 2}", "{name: 张伟, weight: 2.5}"},
			period: plan.PeriodQuarter,
			all:    true,
		},
		{
			name:   "same",
			period: plan.PeriodQuarter,
		},
	}
	formats := []struct{ name, ext string }{{"table", "txt"}, {"csv", "csv"}, {"json", "json"}, {"markdown", "md"}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := diffCompare(t, base, diffEdit(t, base, tc.edits...), tc.period)
			rep := &DiffReport{Comparison: c, All: tc.all}
			for _, f := range formats {
				format, err := Lookup(f.name)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := format.Write(&buf, rep); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join(diffGoldenDir, tc.name+"."+f.ext), buf.Bytes())
				switch f.name {
				case "json":
					checkDiffJSON(t, buf.Bytes())
				case "csv":
					checkDiffCSV(t, buf.Bytes())
				}
			}
		})
	}
}

// checkDiffJSON checks that the JSON parses and that every change it states is
// new − old, exactly, a null side counting as zero.
func checkDiffJSON(t *testing.T, data []byte) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc struct {
		Target, Reserve, Allocated diffJSONDelta
		Time                       struct{ Old, New, Change []json.Number }
		Dimensions                 []struct {
			Name  string
			Nodes []struct {
				Path []string
				diffJSONDelta
				Periods struct{ Old, New, Change []json.Number }
			}
		}
	}
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	check := func(where string, old, cur, change *json.Number) {
		want := new(big.Rat)
		if cur != nil {
			want.Add(want, jsonRat(t, *cur))
		}
		if old != nil {
			want.Sub(want, jsonRat(t, *old))
		}
		if jsonRat(t, *change).Cmp(want) != 0 {
			t.Errorf("%s: change %s, want %s", where, *change, want.RatString())
		}
	}
	for name, d := range map[string]diffJSONDelta{"target": doc.Target, "reserve": doc.Reserve, "allocated": doc.Allocated} {
		check(name, d.Old, d.New, d.Change)
	}
	for j := range doc.Time.Change {
		check("time", &doc.Time.Old[j], &doc.Time.New[j], &doc.Time.Change[j])
	}
	for _, d := range doc.Dimensions {
		for _, n := range d.Nodes {
			where := d.Name + ":" + strings.Join(n.Path, "/")
			check(where, n.Old, n.New, n.Change)
			for j := range n.Periods.Change {
				var o, c *json.Number
				if n.Periods.Old != nil {
					o = &n.Periods.Old[j]
				}
				if n.Periods.New != nil {
					c = &n.Periods.New[j]
				}
				check(where, o, c, &n.Periods.Change[j])
			}
		}
	}
}

// diffJSONDelta is an old/new/change triple of the diff JSON.
type diffJSONDelta struct {
	Old, New, Change *json.Number
}

func jsonRat(t *testing.T, n json.Number) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(n.String())
	if !ok || strings.ContainsAny(n.String(), "eE") {
		t.Fatalf("number %q is not an exact decimal", n)
	}
	return r
}

// checkDiffCSV checks that the CSV parses into records of the header's width.
func checkDiffCSV(t *testing.T, data []byte) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("invalid CSV: %v", err)
	}
	if len(recs) < 4 {
		t.Fatalf("CSV has %d records, want the header and the three plan-level rows at least", len(recs))
	}
}
