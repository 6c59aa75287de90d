package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
)

// funnelGoldenDir holds the golden files of the funnel report.
const funnelGoldenDir = "../testdata/golden/funnel"

// funnelWholePlan has no org dimension: the funnel runs once on the whole
// target after the root reserve, with a plan-level pipeline.
const funnelWholePlan = `version: 1
name: 整体漏斗
currency: CNY
year: {start: 2027-04}
target: 1_000_000
reserve: 10%
dimensions:
  product:
    - {name: A}
    - {name: B}
funnel:
  deal_size: 70_000
  stages:
    - {name: 线索, rate: 70%, days: 45}
    - {name: 成交, days: 10}
  pipeline: {线索: 3}
`

// funnelResult runs the funnel on an example directory's plan, or on text.
func funnelResult(t *testing.T, example, text string) *funnel.Result {
	t.Helper()
	name := "plan.yaml"
	if example != "" {
		name = filepath.Join("..", "examples", example, "plan.yaml")
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		text = string(data)
	}
	p, diags := plan.Load(name, []byte(text))
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	res, err := funnel.Run(p, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// funnelWeekResult runs res's funnel again by ISO week.
func funnelWeekResult(t *testing.T, res *funnel.Result) *funnel.Result {
	t.Helper()
	w, err := funnel.ComputeBy(res.Breakdown, funnel.ByWeek)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestFunnelGolden(t *testing.T) {
	cases := []struct {
		name    string
		example string
		text    string
		formats []string // format/period pairs: "table", "table-month", …
	}{
		{"seed", "funnel-seed", "", []string{"table", "table-month", "table-quarter", "csv", "csv-month", "csv-week", "markdown-month", "json", "json-week"}},
		{"stages", "funnel-stages", "", []string{"table", "table-month", "csv", "csv-month", "markdown-month", "json"}},
		{"company", "company", "", []string{"table-month", "json"}},
		{"whole", "", funnelWholePlan, []string{"table-month", "csv-month", "json"}},
	}
	for _, c := range cases {
		res := funnelResult(t, c.example, c.text)
		for _, fp := range c.formats {
			t.Run(c.name+"/"+fp, func(t *testing.T) {
				format, period, _ := strings.Cut(fp, "-")
				r := res
				if period == "week" {
					r = funnelWeekResult(t, res)
				}
				got := renderTo(t, format, &FunnelReport{Result: r, Period: plan.Period(period)})
				ext := map[string]string{"table": "txt", "csv": "csv", "markdown": "md", "json": "json"}[format]
				checkGolden(t, filepath.Join(funnelGoldenDir, c.name+"-"+fp+"."+ext), got)
			})
		}
	}
}

// TestFunnelJSON checks the JSON of SPEC §7 against the engine: valid JSON,
// the documented fields, exact numbers, and the keys of "months" in stage
// order, each with "before" first and then the months in fiscal order.
func TestFunnelJSON(t *testing.T) {
	for _, example := range []string{"funnel-seed", "funnel-stages", "company"} {
		res := funnelResult(t, example, "")
		out := renderTo(t, "json", &FunnelReport{Result: res})
		var doc struct {
			DealSize json.Number `json:"deal_size"`
			Rows     []struct {
				Path   []string    `json:"path"`
				Target json.Number `json:"target"`
				Deals  int64       `json:"deals"`
				Stages []struct {
					Name     string `json:"name"`
					Required int64  `json:"required"`
					Pipeline int64  `json:"pipeline"`
					New      int64  `json:"new"`
				} `json:"stages"`
				Months map[string]map[string]int64 `json:"months"`
			} `json:"rows"`
			Total struct {
				Target json.Number `json:"target"`
				Deals  int64       `json:"deals"`
			} `json:"total"`
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("%s: %v\n%s", example, err, out)
		}
		if doc.DealSize.String() != plan.FormatRat(res.Settings.DealSize, 10) || len(doc.Rows) != len(res.Rows) {
			t.Fatalf("%s: deal_size %s, %d rows", example, doc.DealSize, len(doc.Rows))
		}
		u := res.Breakdown.Unit
		for i, r := range res.Rows {
			d := doc.Rows[i]
			if strings.Join(d.Path, "/") != strings.Join(r.Path, "/") || d.Target.String() != u.Format(r.Amount) || d.Deals != r.Deals {
				t.Errorf("%s row %d: %v %s %d", example, i, d.Path, d.Target, d.Deals)
			}
			for s, st := range r.Stages {
				ds := d.Stages[s]
				if ds.Name != st.Name || ds.Required != st.Required || ds.Pipeline != st.Pipeline || ds.New != st.New {
					t.Errorf("%s row %d stage %d: %+v, want %+v", example, i, s, ds, st)
				}
				m := d.Months[st.Name]
				if m["before"] != st.Before {
					t.Errorf("%s row %d stage %s: before %d, want %d", example, i, st.Name, m["before"], st.Before)
				}
				for k, label := range res.Months {
					if m[label] != st.Months[k] {
						t.Errorf("%s row %d stage %s %s: %d, want %d", example, i, st.Name, label, m[label], st.Months[k])
					}
				}
			}
		}
		if doc.Total.Target.String() != u.Format(res.Total.Amount) || doc.Total.Deals != res.Total.Deals {
			t.Errorf("%s total: %s %d", example, doc.Total.Target, doc.Total.Deals)
		}
		// Key order of the first row's months, read token by token.
		var want []string
		for _, name := range res.StageNames {
			want = append(want, name, "before")
			want = append(want, res.Months...)
		}
		if got := funnelMonthKeys(t, out); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: months keys\n got %v\nwant %v", example, got, want)
		}
	}
}

// funnelMonthKeys returns the keys inside the first "months" object of the
// JSON (the stages' and, inside each, the periods'), in the order written.
func funnelMonthKeys(t *testing.T, data []byte) []string {
	t.Helper()
	type frame struct{ object, wantKey bool }
	var stack []frame
	var keys []string
	collecting, depth := false, 0
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return keys
		}
		if err != nil {
			t.Fatal(err)
		}
		top := len(stack) - 1
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:top]
			if top > 0 && stack[top-1].object {
				stack[top-1].wantKey = true
			}
			if collecting && len(stack) < depth {
				return keys
			}
			continue
		}
		if top >= 0 && stack[top].object && stack[top].wantKey {
			k := tok.(string)
			if collecting {
				keys = append(keys, k)
			} else if k == "months" {
				collecting, depth = true, len(stack)+1
			}
			stack[top].wantKey = false
			continue
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, frame{object: d == '{', wantKey: d == '{'})
			continue
		}
		if top >= 0 && stack[top].object {
			stack[top].wantKey = true
		}
	}
}

func TestFunnelCSV(t *testing.T) {
	res := funnelResult(t, "funnel-stages", "")
	for _, months := range []bool{false, true} {
		period := plan.PeriodYear
		if months {
			period = plan.PeriodMonth
		}
		out := renderTo(t, "csv", &FunnelReport{Result: res, Period: period})
		recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		stages := len(res.StageNames)
		if want := 1 + (len(res.Rows)+1)*stages; len(recs) != want {
			t.Fatalf("months=%v: %d records, want %d", months, len(recs), want)
		}
		width := 14
		if months {
			width += 13
		}
		for i, rec := range recs {
			if len(rec) != width {
				t.Fatalf("record %d has %d fields, want %d", i, len(rec), width)
			}
		}
		// The total records add up the leaves' new entries.
		for s := range stages {
			var sum int64
			for r := range res.Rows {
				n, _ := strconv.ParseInt(recs[1+r*stages+s][13], 10, 64)
				sum += n
			}
			tot := recs[1+len(res.Rows)*stages+s]
			if tot[0] != "total" || tot[13] != strconv.FormatInt(sum, 10) {
				t.Errorf("total of stage %s: %v, leaves add up to %d", res.StageNames[s], tot, sum)
			}
		}
	}
}
