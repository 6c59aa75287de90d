package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/planhq/plan/plan"
)

// splitGoldenDir holds the golden files of `plan split`: <case>.<format>.
const splitGoldenDir = "../testdata/golden/split"

// splitCase is one `plan split` command line, turned into a report the way
// cmd/plan does it.
type splitCase struct {
	name   string
	plan   string // path of the plan, or the plan's text when it has a newline
	opt    plan.Options
	period plan.Period
	by     []string
	depth  int
}

// splitCases are the golden cases: the company example (SPEC §3) by every
// period, one dimension to a depth, crossed, and in a tier and a metric.
var splitCases = []splitCase{
	{name: "company-quarter", plan: "../examples/company/plan.yaml", period: plan.PeriodQuarter},
	{name: "company-month", plan: "../examples/company/plan.yaml", period: plan.PeriodMonth},
	{name: "company-week", plan: "../examples/company/plan.yaml", period: plan.PeriodWeek},
	{name: "company-year", plan: "../examples/company/plan.yaml", period: plan.PeriodYear},
	{name: "company-by-org-product", plan: "../examples/company/plan.yaml", by: []string{"org", "product"}},
	{name: "company-by-org-product-depth2", plan: "../examples/company/plan.yaml", by: []string{"org", "product"}, depth: 2},
	{name: "company-org-depth2-month", plan: "../examples/company/plan.yaml", by: []string{"org"}, depth: 2, period: plan.PeriodMonth},
	{name: "company-challenge", plan: "../examples/company/plan.yaml", opt: plan.Options{Tier: "challenge"}, period: plan.PeriodQuarter},
	{name: "company-new-customers-month", plan: "../examples/company/plan.yaml", opt: plan.Options{Metric: "new_customers"}, period: plan.PeriodMonth},
	{name: "cents-quarter", plan: centsPlan, period: plan.PeriodQuarter},
}

// centsPlan allocates to the cent, with a node reserve and names that need
// escaping in every format.
const centsPlan = `version: 1
name: "Q&A <plan> \"cents\""
currency: EUR
round: 0.01
year: {start: 2027-04}
target: 1000.01
dimensions:
  team:
    - name: "a,b"
      reserve: 12.5%
      children: ["x|y", "*star*"]
    - "say \"hi\""
    - 'back\slash'
`

// buildSplit loads, splits and builds the report of a case as `plan split` does.
func buildSplit(t testing.TB, c splitCase) *SplitReport {
	t.Helper()
	src := []byte(c.plan)
	if !strings.Contains(c.plan, "\n") {
		var err error
		if src, err = os.ReadFile(c.plan); err != nil {
			t.Fatal(err)
		}
	}
	p, diags := plan.Load("plan.yaml", src)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := plan.Split(p, c.opt)
	if err != nil {
		t.Fatal(err)
	}
	rep := &SplitReport{Breakdown: b}
	switch len(c.by) {
	case 2:
		rep.Cross, err = b.Cross(c.by[0], c.by[1], max(c.depth, 1))
		if err != nil {
			t.Fatal(err)
		}
		rep.CrossBy = c.by[1]
		return rep
	case 1:
		for i, d := range b.Dimensions {
			if d.Name == c.by[0] {
				rep.Dimensions = []int{i}
			}
		}
	default:
		for i := range b.Dimensions {
			rep.Dimensions = append(rep.Dimensions, i)
		}
	}
	rep.MaxDepth = c.depth
	if rep.View, err = b.View(c.period); err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestSplitGolden renders every case in every text format, compares it with
// its golden file (go test ./render -update rewrites them), checks that a
// second run gives the same bytes, and checks what each format promises:
// exact JSON numbers that add up, CSV rows that add up, tables whose lines all
// have the same display width, Markdown tables with whole rows.
func TestSplitGolden(t *testing.T) {
	for _, c := range splitCases {
		for _, format := range TextNames() {
			t.Run(c.name+"."+format, func(t *testing.T) {
				got := renderTo(t, format, buildSplit(t, c))
				again := renderTo(t, format, buildSplit(t, c))
				if !bytes.Equal(got, again) {
					t.Fatalf("two runs differ")
				}
				checkGolden(t, filepath.Join(splitGoldenDir, c.name+"."+format), got)
				switch format {
				case "json":
					checkSplitJSON(t, got, len(c.by) == 2)
				case "csv":
					checkSplitCSV(t, got)
				case "table":
					checkTableWidths(t, got)
				case "markdown":
					checkMarkdownTables(t, got)
				}
			})
		}
	}
}

// exactNumber is how SPEC §7 writes amounts: no exponent, no binary noise.
var exactNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$`)

func jsonRatOf(t *testing.T, n json.Number) *big.Rat {
	t.Helper()
	if !exactNumber.MatchString(string(n)) {
		t.Fatalf("number %s is not written exactly", n)
	}
	r, ok := new(big.Rat).SetString(string(n))
	if !ok {
		t.Fatalf("bad number %s", n)
	}
	return r
}

func sumJSON(t *testing.T, ns []json.Number) *big.Rat {
	s := new(big.Rat)
	for _, n := range ns {
		s.Add(s, jsonRatOf(t, n))
	}
	return s
}

// checkSplitJSON checks the JSON of SPEC §7: its fields, exact numbers, and
// that it adds up (time to allocated, every node's periods or cells to its
// amount, the top-level nodes to the time split in every period).
func checkSplitJSON(t *testing.T, data []byte, cross bool) {
	t.Helper()
	var keys map[string]any
	if err := json.Unmarshal(data, &keys); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	for _, k := range []string{"name", "currency", "round", "tier", "metric", "target", "reserve", "allocated", "period", "periods", "time", "dimensions"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("no %q field", k)
		}
	}
	var doc struct {
		Round, Target, Reserve, Allocated json.Number
		Periods                           []string
		Time                              []json.Number
		Dimensions                        []struct {
			Name    string
			Columns [][]string
			Nodes   []struct {
				Path    []string
				Depth   int
				Share   json.Number
				Amount  json.Number
				Periods []json.Number
				Cells   []json.Number
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	jsonRatOf(t, doc.Round)
	if new(big.Rat).Sub(jsonRatOf(t, doc.Target), jsonRatOf(t, doc.Reserve)).Cmp(jsonRatOf(t, doc.Allocated)) != 0 {
		t.Errorf("target − reserve ≠ allocated")
	}
	if len(doc.Time) != len(doc.Periods) || sumJSON(t, doc.Time).Cmp(jsonRatOf(t, doc.Allocated)) != 0 {
		t.Errorf("time %v does not add up to allocated %s", doc.Time, doc.Allocated)
	}
	for _, d := range doc.Dimensions {
		width := len(doc.Periods)
		if cross {
			width = len(d.Columns)
		}
		tops := make([]*big.Rat, width)
		for i := range tops {
			tops[i] = new(big.Rat)
		}
		for _, n := range d.Nodes {
			cells := n.Periods
			if cross {
				cells = n.Cells
				if n.Periods != nil {
					t.Errorf("%v: periods in a cross", n.Path)
				}
			}
			if len(cells) != width || n.Depth != len(n.Path) {
				t.Fatalf("%v: %d cells for %d columns, depth %d", n.Path, len(cells), width, n.Depth)
			}
			if sumJSON(t, cells).Cmp(jsonRatOf(t, n.Amount)) != 0 {
				t.Errorf("%v: cells do not add up to %s", n.Path, n.Amount)
			}
			if n.Depth == 1 {
				for i, c := range cells {
					tops[i].Add(tops[i], jsonRatOf(t, c))
				}
			}
			if _, ok := new(big.Rat).SetString(string(n.Share)); !ok {
				t.Errorf("%v: share %s", n.Path, n.Share)
			}
		}
		if !cross {
			for i, c := range doc.Time {
				if tops[i].Cmp(jsonRatOf(t, c)) != 0 {
					t.Errorf("%s: the top nodes add up to %s in %s, the time split is %s", d.Name, tops[i].FloatString(2), doc.Periods[i], c)
				}
			}
		}
	}
}

// checkSplitCSV: the header, and every row's period cells add up to its amount.
func checkSplitCSV(t *testing.T, data []byte) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("invalid CSV: %v", err)
	}
	head := recs[0]
	if !slices.Equal(head[:5], []string{"dimension", "path", "depth", "share", "amount"}) {
		t.Fatalf("header %v", head)
	}
	first := 5
	if slices.Contains(head, "commit") {
		first = 7
	}
	for _, r := range recs[1:] {
		s := new(big.Rat)
		for _, c := range r[first:] {
			v, ok := new(big.Rat).SetString(c)
			if !ok || !exactNumber.MatchString(c) {
				t.Fatalf("cell %q of %v", c, r[:2])
			}
			s.Add(s, v)
		}
		if a, _ := new(big.Rat).SetString(r[4]); a == nil || s.Cmp(a) != 0 {
			t.Errorf("%v: cells add up to %s, amount %s", r[:2], s.FloatString(2), r[4])
		}
	}
}

// displayWidth is the width of s in a terminal by the East Asian width rules
// (UAX #11): wide and full-width characters take two columns, combining marks
// and format characters none, everything else (ambiguous included, as the
// table pins them narrow) one.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || r == '\u200d':
			// zero width
		case width.LookupRune(r).Kind() == width.EastAsianWide || width.LookupRune(r).Kind() == width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return w
}

// checkTableWidths: within each drawn table, every line has the same display width.
func checkTableWidths(t *testing.T, data []byte) {
	t.Helper()
	want := -1
	tables := 0
	for i, line := range strings.Split(string(data), "\n") {
		if r, _ := utf8.DecodeRuneInString(line); !strings.ContainsRune("┌│├└", r) {
			want = -1
			continue
		}
		if strings.HasPrefix(line, "┌") {
			tables++
		}
		w := displayWidth(line)
		if want < 0 {
			want = w
		} else if w != want {
			t.Errorf("line %d is %d columns wide, the table %d:\n%s", i+1, w, want, line)
		}
	}
	if tables == 0 {
		t.Errorf("no table drawn")
	}
}

// checkMarkdownTables: every row of a pipe table has as many cells as its header.
func checkMarkdownTables(t *testing.T, data []byte) {
	t.Helper()
	cells := func(line string) int {
		n := 0
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '|':
				n++
			}
		}
		return n
	}
	want := -1
	for i, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		if !strings.HasSuffix(line, "|") {
			t.Errorf("line %d does not end with |: %s", i+1, line)
		}
		if want < 0 {
			want = cells(line)
		} else if n := cells(line); n != want {
			t.Errorf("line %d has %d cells, the header %d: %s", i+1, n-1, want-1, line)
		}
	}
}

// SPEC §1: Chinese is first-class. Names of every width class line up in a
// table: CJK ideographs and Hangul (wide), full-width Latin, half-width
// katakana, ambiguous characters (narrow here), combining marks, emoji.
func TestSplitTableUnicodeWidths(t *testing.T) {
	names := []string{"销售部", "ＡＢＣ商事", "ﾊﾝｶｸ", "한국지사", "±°α Ω", "Zoë", "Zoi\u0308", "🚀 Launch", "Ä\u0323ccent", "Plain"}
	var b strings.Builder
	b.WriteString("version: 1\nname: 宽度测试\nyear: {start: 2027-01}\ntarget: 123456789\ndimensions:\n  org:\n")
	for i, n := range names {
		fmt.Fprintf(&b, "    - name: %q\n      weight: %d\n", n, i+1)
		if i%3 == 0 {
			fmt.Fprintf(&b, "      children: [%q, \"x\"]\n", n+"子")
		}
	}
	c := splitCase{plan: b.String(), period: plan.PeriodMonth}
	for _, format := range []string{"table", "markdown"} {
		out := renderTo(t, format, buildSplit(t, c))
		if format == "table" {
			checkTableWidths(t, out)
		} else {
			checkMarkdownTables(t, out)
		}
		for _, n := range names {
			if !bytes.Contains(out, []byte(n)) {
				t.Errorf("%s: name %q is not shown as written", format, n)
			}
		}
	}
}

// The width function itself, on characters whose class is known.
func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "销售": 4, "ＡＢ": 4, "ﾊﾝ": 2, "e\u0301": 1, "±": 1, "한": 2, "│": 1} {
		if got := displayWidth(s); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}
