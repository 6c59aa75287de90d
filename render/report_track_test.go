package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/planhq/plan/plan"
)

// trackGoldenDir holds the golden files of the track report.
const trackGoldenDir = "../testdata/golden/track"

// trackCompany tracks the company example against its example actuals.
func trackCompany(t *testing.T, asOf plan.Month) *TrackReport {
	t.Helper()
	data, err := os.ReadFile("../examples/company/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, diags := plan.Load("plan.yaml", data)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := plan.Split(p, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	acts, err := os.ReadFile("../examples/company/actuals.csv")
	if err != nil {
		t.Fatal(err)
	}
	a, diags := plan.LoadActuals("actuals.csv", acts, b)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	card, err := plan.Track(b, a, asOf)
	if err != nil {
		t.Fatal(err)
	}
	return &TrackReport{Scorecard: card, ActualsFile: "actuals.csv"}
}

// reservePlan has a fiscal year from April, a reserve row, an over-assigned
// team and a product with a zero target; reserveActuals a credit note.
const reservePlan = `version: 1
name: 小计划
currency: CNY
round: 0.01
year: {start: 2027-04}
target: 1_200_000
dimensions:
  org:
    - name: 华东
      reserve: 10%
      children: [{name: 张伟}, {name: 李娜}]
    - name: 华南
      over_assign: 20%
      children: [{name: 王强}, {name: 赵敏}]
  product:
    - {name: A, weight: 1}
    - {name: B, weight: 1}
    - {name: C, weight: 0}
`

const reserveActuals = `period,dimension,path,amount
2027-04,org,华东/张伟,30000
2027-05,org,华东/张伟,30000.5
2027-04,org,华东/李娜,15000
2027-05,org,华南/王强,-2000
2027-04,org,华南/赵敏,40000
2027-04,product,A,60000
2027-05,product,B,53000.5
`

// trackReserve tracks reservePlan against reserveActuals.
func trackReserve(t *testing.T) *TrackReport {
	t.Helper()
	p, diags := plan.Load("plan.yaml", []byte(reservePlan))
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := plan.Split(p, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, diags := plan.LoadActuals("actuals.csv", []byte(reserveActuals), b)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	card, err := plan.Track(b, a, plan.Month{})
	if err != nil {
		t.Fatal(err)
	}
	return &TrackReport{Scorecard: card, ActualsFile: "actuals.csv"}
}

// TestTrackGolden renders the company example's tracking in every text
// format, as of the last month with actuals (2027-06) and with the year
// closed (2027-12: no months left to re-spread over).
func TestTrackGolden(t *testing.T) {
	exts := map[string]string{"table": "txt", "csv": "csv", "markdown": "md", "json": "json"}
	for _, c := range []struct {
		name string
		asOf plan.Month
	}{{"company", plan.Month{}}, {"closed", plan.Month{Year: 2027, Month: 12}}} {
		for _, format := range []string{"table", "csv", "markdown", "json"} {
			t.Run(c.name+"."+format, func(t *testing.T) {
				got := renderTo(t, format, trackCompany(t, c.asOf))
				checkGolden(t, filepath.Join(trackGoldenDir, c.name+"."+exts[format]), got)
			})
		}
	}
	// Reserve rows (no status), a zero target (null ratios), a credit note.
	for _, format := range []string{"table", "json"} {
		t.Run("reserve."+format, func(t *testing.T) {
			checkGolden(t, filepath.Join(trackGoldenDir, "reserve."+exts[format]), renderTo(t, format, trackReserve(t)))
		})
	}
}

// TestTrackJSON checks the JSON of SPEC §7: valid, the as-of month, and per
// node the fields in the contract, with undefined ratios null.
func TestTrackJSON(t *testing.T) {
	out := renderTo(t, "json", trackCompany(t, plan.Month{}))
	var doc struct {
		AsOf       string `json:"as_of"`
		Dimensions []struct {
			Name  string           `json:"name"`
			Nodes []map[string]any `json:"nodes"`
			Total map[string]any   `json:"total"`
		} `json:"dimensions"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	if doc.AsOf != "2027-06" || len(doc.Dimensions) != 2 || doc.Dimensions[0].Name != "org" || doc.Dimensions[1].Name != "product" {
		t.Fatalf("as_of %q, dimensions %d", doc.AsOf, len(doc.Dimensions))
	}
	fields := []string{"path", "depth", "ytd_target", "ytd_actual", "attainment", "status", "fy_target", "remaining", "forecast", "payout", "respread"}
	for _, d := range doc.Dimensions {
		for _, n := range d.Nodes {
			for _, f := range fields {
				if _, ok := n[f]; !ok {
					t.Errorf("%s node %v lacks %s", d.Name, n["path"], f)
				}
			}
			months, _ := n["respread"].(map[string]any)
			if len(months) != 6 || months["2027-07"] == nil || months["2027-12"] == nil {
				t.Errorf("%s node %v: respread %v", d.Name, n["path"], n["respread"])
			}
		}
		if d.Total["ytd_target"].(json.Number).String() != "24750000" {
			t.Errorf("%s total ytd_target %v", d.Name, d.Total["ytd_target"])
		}
	}
	// No float noise: every number is a plain decimal.
	if regexp.MustCompile(`\d[eE][+-]?\d`).Match(out) {
		t.Error("a number is written with an exponent")
	}
}

// TestTrackCSV checks that every record has the header's width and that the
// amounts are plain and exact.
func TestTrackCSV(t *testing.T) {
	out := renderTo(t, "csv", trackCompany(t, plan.Month{}))
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "dimension,path,depth,status,ytd_target,ytd_actual,attainment,fy_target,remaining,forecast,payout,misses,flagged,rank,respread,2027-07,2027-08,2027-09,2027-10,2027-11,2027-12" {
		t.Errorf("header %s", got)
	}
	for _, r := range recs[1:] {
		if r[0] == "org" && r[1] == "供应链" {
			// 194573.69 + 184304.27 + 255192.34 − 35000 + 250866.51 + 260337.70
			if r[5] != "1110274.51" || r[3] != "red" || r[10] != "0" {
				t.Errorf("供应链: %v", r)
			}
		}
	}
	if len(recs) != 1+10+5 {
		t.Errorf("%d records, want a header and 15 nodes", len(recs))
	}
}

// TestTrackColor checks that colour only wraps the status cells: without the
// escape codes the table is the colourless one.
func TestTrackColor(t *testing.T) {
	plain := renderTo(t, "table", trackCompany(t, plan.Month{}))
	r := trackCompany(t, plan.Month{})
	r.Color = true
	colored := renderTo(t, "table", r)
	if !bytes.Contains(colored, []byte("\x1b[31m✖ red\x1b[0m")) || !bytes.Contains(colored, []byte("\x1b[32m● green\x1b[0m")) {
		t.Fatal("no colour in the coloured table")
	}
	stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAll(colored, nil)
	if !bytes.Equal(stripped, plain) {
		t.Errorf("the coloured table differs from the plain one beyond its colours:\n%s", stripped)
	}
	if bytes.Contains(plain, []byte("\x1b")) {
		t.Error("the plain table has escape codes")
	}
	// The command colours only a table; csv and json never use the sections.
	for _, f := range []string{"csv", "json"} {
		if bytes.Contains(renderTo(t, f, r), []byte("\x1b")) {
			t.Errorf("%s output has escape codes", f)
		}
	}
}
