package dashboard

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/render"
)

func TestPercentTextRoundsDown(t *testing.T) {
	cases := map[string]string{
		"0.8998":       "89.9%", // never 90 % next to a yellow light
		"0.9":          "90%",
		"1.0932339371": "109.3%",
		"0":            "0%",
		"0.0004":       "0%",
		"0.001":        "0.1%",
		"2":            "200%",
		"-0.0004":      "-0.1%", // toward −∞
		"0.7":          "70%",
		"0.6999999999": "69.9%",
	}
	for in, want := range cases {
		if got := percentText(in); got != want {
			t.Errorf("percentText(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestCompact(t *testing.T) {
	cases := []struct {
		v    string
		zh   bool
		want string
	}{
		{"10693333", true, "1,069.3万"},
		{"250000000", true, "2.5亿"},
		{"9999", true, "9,999"},
		{"10000", true, "1万"},
		{"10693333", false, "10.7M"},
		{"950000", false, "950k"},
		{"1250000000", false, "1.3B"}, // halves away from zero
		{"999", false, "999"},
		{"-45000", false, "-45k"},
	}
	for _, c := range cases {
		if got := compact(c.v, c.zh); got != c.want {
			t.Errorf("compact(%s, zh=%v) = %s, want %s", c.v, c.zh, got, c.want)
		}
	}
}

func TestKeyRoundTrip(t *testing.T) {
	d := &doc{name: "split"}
	r := ref{d: d}.at("dimensions", 0, "nodes", "a/b~c")
	if got := r.Key(); got != "split:/dimensions/0/nodes/a~1b~0c" {
		t.Fatalf("Key() = %s", got)
	}
	name, path, ok := SplitKey(r.Key())
	if !ok || name != "split" || strings.Join(path, "|") != "dimensions|0|nodes|a/b~c" {
		t.Fatalf("SplitKey = %s %q %v", name, path, ok)
	}
}

// reports renders the split reports (month and quarter) of a plan text.
func reports(t *testing.T, src string) map[string][]byte {
	t.Helper()
	p, diags := plan.Load("plan.yaml", []byte(src))
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := plan.Split(p, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for name, period := range map[string]plan.Period{DocSplit: plan.PeriodMonth, DocQuarters: plan.PeriodQuarter} {
		v, err := b.View(period)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		dims := make([]int, len(b.Dimensions))
		for i := range dims {
			dims[i] = i
		}
		if err := (&render.SplitReport{Breakdown: b, View: v, Dimensions: dims}).WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		out[name] = buf.Bytes()
	}
	return out
}

func page(t *testing.T, r map[string][]byte) string {
	t.Helper()
	var buf bytes.Buffer
	p := &Page{Reports: r, Source: "plan.yaml", SHA256: strings.Repeat("ab", 32)}
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

const hostilePlan = `version: 1
name: "Sales <script>alert(1)</script>"
year: {start: 2027-01}
target: 1200
dimensions:
  org:
    - {name: "<img src=x onerror=alert(1)>", weight: 1}
    - {name: "A&B \"quoted\"", weight: 2}
`

func TestPageEscapesNamesAndIsSelfContained(t *testing.T) {
	out := page(t, reports(t, hostilePlan))
	for _, bad := range []string{"<script", "<img", "http://", "https://", "<link", ` src="`, ` href="`, "@import", "url("} {
		if strings.Contains(out, bad) {
			t.Errorf("page holds %q", bad)
		}
	}
	if !strings.Contains(out, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Errorf("the node name is not shown escaped")
	}
	if !strings.Contains(out, `lang="en"`) || !strings.Contains(out, "Time split") {
		t.Errorf("an English plan should get English labels")
	}
}

func TestPageIsByteIdentical(t *testing.T) {
	src, err := os.ReadFile("../../examples/company/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := reports(t, string(src))
	first := page(t, r)
	for range 3 {
		if page(t, reports(t, string(src))) != first {
			t.Fatal("two pages of the same plan differ")
		}
	}
	if !strings.Contains(first, `lang="zh-CN"`) || !strings.Contains(first, "时间分解") {
		t.Errorf("a Chinese plan should get Chinese labels")
	}
}

func TestPageShowsEveryNodeAndMonth(t *testing.T) {
	src, err := os.ReadFile("../../examples/company/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := page(t, reports(t, string(src)))
	// 12 months in the table and the chart, 4 quarters in the table and the chart.
	for i := range 12 {
		k := `data-k="split:/time/` + itoa2(i) + `"`
		if c := strings.Count(out, k); c != 2 {
			t.Errorf("%s appears %d times, want 2 (table and chart)", k, c)
		}
	}
	for i := range 4 {
		k := `data-k="quarters:/time/` + itoa2(i) + `"`
		if c := strings.Count(out, k); c != 2 {
			t.Errorf("%s appears %d times, want 2", k, c)
		}
	}
	// every node's amount: org 10 nodes, product 5, region 3.
	amounts := regexp.MustCompile(`data-k="split:/dimensions/\d+/nodes/\d+/amount"`).FindAllString(out, -1)
	if len(amounts) != 18 {
		t.Errorf("%d node amounts on the page, want 18", len(amounts))
	}
}

func itoa2(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return "1" + string(rune('0'+i-10))
}

func TestPageNeedsSplitReports(t *testing.T) {
	var buf bytes.Buffer
	if _, err := (&Page{Reports: map[string][]byte{DocSplit: []byte(`{}`)}}).WriteTo(&buf); err == nil {
		t.Fatal("a page without the quarter report should fail")
	}
	if _, err := (&Page{Reports: map[string][]byte{DocSplit: []byte(`{`), DocQuarters: []byte(`{}`)}}).WriteTo(&buf); err == nil {
		t.Fatal("a report that is not JSON should fail")
	}
}

// companyReports renders every report of the company example with its
// actuals: split by month and quarter, the funnel by month and the tracking.
func companyReports(t *testing.T) map[string][]byte {
	t.Helper()
	src, err := os.ReadFile("../../examples/company/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := reports(t, string(src))
	p, _ := plan.Load("plan.yaml", src)
	b, err := plan.Split(p, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := funnel.Compute(b)
	if err != nil {
		t.Fatal(err)
	}
	var fb bytes.Buffer
	if err := (&render.FunnelReport{Result: res, Period: plan.PeriodMonth}).WriteJSON(&fb); err != nil {
		t.Fatal(err)
	}
	out[DocFunnel] = fb.Bytes()
	data, err := os.ReadFile("../../examples/company/actuals.csv")
	if err != nil {
		t.Fatal(err)
	}
	acts, diags := plan.LoadActuals("actuals.csv", data, b)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	card, err := plan.Track(b, acts, plan.Month{})
	if err != nil {
		t.Fatal(err)
	}
	var tb bytes.Buffer
	if err := (&render.TrackReport{Scorecard: card}).WriteJSON(&tb); err != nil {
		t.Fatal(err)
	}
	out[DocTrack] = tb.Bytes()
	return out
}

func TestCompanyPageHasEverySection(t *testing.T) {
	out := page(t, companyReports(t))
	for _, id := range []string{`id="time"`, `id="dim-org"`, `id="dim-product"`, `id="dim-region"`, `id="funnel"`, `id="score-revenue"`} {
		if !strings.Contains(out, id) {
			t.Errorf("the company page with actuals has no %s section", id)
		}
	}
	if !strings.Contains(out, `class="light red"`) || !strings.Contains(out, `class="light green"`) {
		t.Errorf("the scorecard shows no traffic lights")
	}
}
