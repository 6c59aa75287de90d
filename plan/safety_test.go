package plan

import (
	"math/big"
	"strings"
	"testing"
)

// loadErrors loads src and returns its diagnostics as text, one per line.
func loadErrors(src string) string {
	_, diags := Load("plan.yaml", []byte(src))
	var out []string
	for _, d := range diags {
		out = append(out, d.String())
	}
	return strings.Join(out, "\n")
}

func TestNamesAreCheckedEverywhere(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"siblings differing by a leading space", base + "dimensions:\n  org:\n    - A\n    - \" A\"\n",
			`plan.yaml:7:7: error: node name " A" begins or ends with a space`},
		{"siblings differing by a trailing space", base + "dimensions:\n  org:\n    - A\n    - \"A \"\n",
			`plan.yaml:7:7: error: node name "A " begins or ends with a space`},
		{"a person named like the reserve", base + "dimensions:\n  org:\n    - name: Sales\n      reserve: 10%\n      children: [a, \" (reserve)\"]\n",
			`error: node name " (reserve)" begins or ends with a space`},
		{"a full-width reserve look-alike", base + "dimensions:\n  org:\n    - name: Sales\n      children: [a, \"（reserve）\"]\n",
			`error: "（reserve）" is the name of reserve rows`},
		{"a Cyrillic reserve look-alike", base + "dimensions:\n  org:\n    - name: Sales\n      children: [a, \"(rеserve)\"]\n",
			`error: "(rеserve)" is the name of reserve rows`},
		{"a zero-width space", base + "dimensions:\n  org:\n    - a\n    - \"a\u200b\"\n",
			`error: node name "a\u200b" contains the invisible character U+200B`},
		{"a right-to-left override", base + "dimensions:\n  org:\n    - \"\u202eabc\"\n",
			`error: node name "\u202eabc" contains the invisible character U+202E`},
		{"an escape in a node name", base + "dimensions:\n  org:\n    - \"\\e[2J\"\n",
			`error: name "\x1b[2J" contains a control character`},
		{"NFC and NFD spellings are one name", base + "dimensions:\n  org:\n    - Zoë\n    - \"Zoe\u0308\"\n",
			"error: duplicate name \"Zoe\u0308\" among the children of dimension org"},
		{"an escape in the plan name", "version: 1\nname: \"\\e]0;pwned\\a\"\nyear: {start: 2027-01}\ntarget: 1000\n",
			`plan.yaml:2:7: error: name "\x1b]0;pwned\a" contains a control character`},
		{"a bidi override in a dimension", base + "dimensions:\n  \"org\u202e\": [a]\n",
			`error: dimension name "org\u202e" contains the invisible character U+202E`},
		{"a space around a tier", base + "tiers: {\" base\": 100%}\n",
			`error: tier name " base" begins or ends with a space`},
		{"NFC duplicate tiers", base + "tiers: {\"é\": 100%, \"e\u0301\": 120%}\n",
			"error: duplicate tier \"e\u0301\""},
		{"an escape in a metric", base + "metrics: [{name: \"v\\e[31m\", target: 10}]\n",
			`error: name "v\x1b[31m" contains a control character`},
		{"a zero-width joiner in a stage", base + "funnel:\n  deal_size: 10\n  stages:\n    - {name: \"lead\u200d\", rate: 10%}\n    - {name: won}\n",
			`error: stage name "lead\u200d" contains the invisible character U+200D`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadErrors(tt.src)
			if !strings.Contains(got, tt.want) {
				t.Errorf("got:\n%s\nwant a line with:\n%s", got, tt.want)
			}
			if strings.ContainsAny(got, "\x1b\a\u202e\u200b\u200d") {
				t.Errorf("raw control or format characters in %q", got)
			}
		})
	}
}

func TestPlainRatesAboveOneAreErrors(t *testing.T) {
	for _, tt := range []struct{ what, src string }{
		{"growth", "dimensions:\n  org:\n    - {name: a, last_year: 100, growth: 15}\n"},
		{"over_assign", "dimensions:\n  org:\n    - {name: a, over_assign: 10, children: [x]}\n"},
		{"incentive.ladder.from", "incentive: {ladder: {from: 120}}\n"},
		{"incentive.ladder.every", "incentive: {ladder: {every: 10}}\n"},
		{"incentive.ladder.add", "incentive: {ladder: {add: 15}}\n"},
		{"incentive.floor", "incentive: {floor: 60}\n"},
		{"incentive.cap", "incentive: {cap: 2}\n"},
		{"tracking.green", "tracking: {green: 90}\n"},
	} {
		got := loadErrors(base + tt.src)
		if !strings.Contains(got, "error: "+tt.what) || !strings.Contains(got, "is above 1") || !strings.Contains(got, `hint: did you mean "`) {
			t.Errorf("%s: got %q", tt.what, got)
		}
	}
	// Percents and fractions stay valid; a tier factor keeps v1's rule.
	ok := base + "tiers: {base: 1, challenge: 1.2}\nincentive: {floor: 0.6, ladder: {from: \"120%\", every: 0.1, add: \"15%\"}, cap: \"200%\"}\n"
	if got := loadErrors(ok); strings.Contains(got, "error") {
		t.Errorf("valid rates refused: %s", got)
	}
}

func TestLadderIsContinuous(t *testing.T) {
	in := Incentive{Below: BelowLinear, From: trkRat("1.2"), Every: trkRat("0.1"), Add: trkRat("0.15")}
	for _, tt := range []struct{ a, want string }{
		{"1.199", "1.199"}, // below the ladder: linear
		{"1.2", "1.2"},     // v1 paid 1 here: a drop of 20 points
		{"1.3", "1.35"},
		{"1.32", "1.35"},
	} {
		if got := trkString(in.Payout(trkRat(tt.a))); got != tt.want {
			t.Errorf("Payout(%s) = %s, want %s", tt.a, got, tt.want)
		}
	}
	// The plan: every: 10 was read as 1000 %, paying 100 % at 132 %.
	std := Incentive{Below: BelowLinear, From: trkRat("1"), Every: trkRat("0.1"), Add: trkRat("0.15")}
	if got := trkString(std.Payout(trkRat("1.32"))); got != "1.45" {
		t.Errorf("Payout(1.32) = %s, want 1.45", got)
	}
}

func TestShownAttainmentKeepsItsStatus(t *testing.T) {
	tr := Tracking{Green: trkRat("0.9"), Yellow: trkRat("0.7")}
	for _, tt := range []struct {
		a      string
		places int
		want   string
	}{
		{"0.8998", 3, "0.899"},  // 89.98 % is yellow: 89.9 %, never 90 %
		{"0.8995", 3, "0.899"},  // a half rounds away, unless it crosses
		{"0.89949", 3, "0.899"}, // ordinary rounding
		{"0.9", 3, "0.9"},
		{"0.90049", 3, "0.9"},
		{"0.69996", 3, "0.699"},
		{"0.9123", 3, "0.912"},
		{"0.89999999999", 10, "0.8999999999"},
	} {
		r, _ := tr.Shown(trkRat(tt.a), tt.places)
		if got := FormatRat(r, 12); got != tt.want {
			t.Errorf("Shown(%s, %d) = %s, want %s", tt.a, tt.places, got, tt.want)
		}
	}
	// A threshold off the grid: a band narrower than a step takes more places.
	narrow := Tracking{Green: trkRat("0.90004"), Yellow: trkRat("0.90001")}
	r, p := narrow.Shown(trkRat("0.90002"), 3)
	if narrow.Status(r, ratZero) != StatusYellow || p <= 3 {
		t.Errorf("narrow band: %s at %d places", FormatRat(r, 12), p)
	}
	// Property: for any attainment, the shown value has the same status.
	for i := range 2000 {
		a := big.NewRat(int64(i)*7+60000, 100000)
		r, _ := tr.Shown(a, 3)
		if tr.Status(r, ratZero) != tr.Status(a, ratZero) {
			t.Fatalf("Shown(%s) = %s changes the status", a.FloatString(6), r.FloatString(6))
		}
	}
}

func TestStageOverrideNameAlias(t *testing.T) {
	src := base + `funnel:
  deal_size: 10
  stages:
    - {name: &lead 线索, rate: 10%}
    - {name: 商机, rate: 50%}
    - {name: won}
dimensions:
  org:
    - name: a
      funnel:
        stages:
          - {name: *lead, rate: 20%}
`
	p, diags := Load("plan.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("%v", diags)
	}
	so := p.Dimensions[0].Roots[0].Funnel.Stages
	if len(so) != 1 || so[0].Stage != "线索" {
		t.Fatalf("the override names %+v, want 线索", so)
	}
}

func TestMessagesAreSafeAndShort(t *testing.T) {
	huge := strings.Repeat("x", 100000)
	got := loadErrors(base + "dimensions:\n  org:\n    - {name: a, weight: \"" + huge + "\"}\n")
	if len(got) > 1000 || !strings.Contains(got, "…") {
		t.Errorf("a 100,000-character value is echoed in %d bytes: %.200q", len(got), got)
	}
	if got := Quote("a\x1b[2Jb\u202e"); got != `"a\x1b[2Jb\u202e"` {
		t.Errorf("Quote = %s", got)
	}
	if got := Printable("line\x1b[2J\u202e\xff"); got != `line\x1b[2J\u202e\xff` {
		t.Errorf("Printable = %s", got)
	}
	d := Diagnostic{File: "a\x1b.csv", Pos: Pos{Line: 3}, Msg: "unknown path x\x07y", Hint: "h\x1b"}
	if s := d.String(); strings.ContainsAny(s, "\x1b\x07") {
		t.Errorf("diagnostic writes raw control bytes: %q", s)
	}
}

func TestActualsStrictRows(t *testing.T) {
	b := trkBreakdown(t, trackPlan, Options{})
	for _, tt := range []struct{ name, csv, want string }{
		{"unquoted thousands", "period,dimension,path,amount\n2027-04,org,east/ann,1,200,000\n",
			"a.csv:2: error: the row has 6 fields, the header 4\n\thint: a value holding a comma must be in double quotes, e.g. \"1,200,000\""},
		{"a reserve row", "period,dimension,path,amount\n2027-04,org,east/(reserve),100\n",
			"a.csv:2: error: east/(reserve) in org is a reserve row; actuals belong to leaves"},
		{"a reserve where there is none", "period,dimension,path,amount\n2027-04,org,west/(reserve),100\n",
			`a.csv:2: error: path "west/(reserve)" names a reserve row; actuals belong to leaves`},
		{"a control byte in a path", "period,dimension,path,amount\n2027-04,org,east/\x1b[2J,100\n",
			`a.csv:2: error: unknown path east/\x1b[2J in org: east has no child \x1b[2J`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := LoadActuals("a.csv", []byte(tt.csv), b)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if g := strings.Join(got, "\n"); !strings.Contains(g, tt.want) {
				t.Errorf("got:\n%s\nwant:\n%s", g, tt.want)
			}
		})
	}
	// An NFD spelling of a leaf's name books to the leaf.
	p := `version: 1
year: {start: 2027-01}
target: 1200
dimensions:
  org: [Zoë, b]
`
	bz := trkBreakdown(t, p, Options{})
	if _, diags := LoadActuals("a.csv", []byte("period,dimension,path,amount\n2027-01,org,Zoe\u0308,5\n"), bz); diags.HasErrors() {
		t.Errorf("NFD path refused: %v", diags)
	}
}

func TestMissingMonthWarning(t *testing.T) {
	s := trkCard(t, "period,dimension,path,amount\n2027-04,org,east/ann,1\n2027-06,org,east/ann,1\n", Month{2027, 6})
	found := false
	for _, w := range s.Warnings {
		if strings.Contains(w.Msg, "no row for month 2027-05") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning for the missing month 2027-05: %v", s.Warnings)
	}
}
