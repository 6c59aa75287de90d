package plan

import (
	"errors"
	"math/big"
	"os"
	"slices"
	"strings"
	"testing"
)

// companyPlan loads examples/company/plan.yaml, the plan of SPEC §3.
func companyPlan(t testing.TB) *Plan {
	t.Helper()
	data, err := os.ReadFile("../examples/company/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, diags := Load("plan.yaml", data)
	if p == nil || diags.HasErrors() {
		t.Fatalf("the company plan does not load: %v", diags.Err())
	}
	return p
}

type wantRow struct {
	path   string
	amount int64
	q      []int64 // quarter cells, nil when not checked
}

func checkRows(t *testing.T, b *Breakdown, dim string, rows []wantRow) {
	t.Helper()
	v, err := b.View(PeriodQuarter)
	if err != nil {
		t.Fatal(err)
	}
	di := slices.IndexFunc(b.Dimensions, func(d *DimensionSplit) bool { return d.Name == dim })
	for _, w := range rows {
		r := rowByPath(t, b, dim, w.path)
		if u := b.Unit.Amount(r.Amount); u.Cmp(big.NewRat(w.amount, 1)) != 0 {
			t.Errorf("%s: amount %s, want %d", w.path, u.RatString(), w.amount)
		}
		if w.q != nil {
			got := v.Cells(di, r.Index)
			for j := range got {
				if a := b.Unit.Amount(got[j]); a.Cmp(big.NewRat(w.q[j], 1)) != 0 {
					t.Errorf("%s: quarters %v, want %v", w.path, got, w.q)
					break
				}
			}
		}
	}
}

// The company plan of SPEC §3: the figures of SPEC §7's JSON example, and the
// others worked out from the SPEC's rules (reasons beside each).
func TestSplitCompanyPlan(t *testing.T) {
	b := mustSplit(t, companyPlan(t), Options{})
	// SPEC §7: target 50,000,000, reserve 10 % = 5,000,000, allocated 45,000,000.
	u := b.Unit
	if u.Format(b.Target) != "50000000" || u.Format(b.Reserve) != "5000000" || u.Format(b.Allocated) != "45000000" {
		t.Fatalf("target %s reserve %s allocated %s", u.Format(b.Target), u.Format(b.Reserve), u.Format(b.Allocated))
	}
	v, _ := b.View(PeriodQuarter)
	var q []string
	for _, c := range v.Time {
		q = append(q, u.Format(c))
	}
	// SPEC §7: time [11250000, 13500000, 13500000, 6750000] (25/30/30/15 % of 45,000,000).
	if want := []string{"11250000", "13500000", "13500000", "6750000"}; !slices.Equal(q, want) {
		t.Errorf("quarters %v, want %v", q, want)
	}
	checkRows(t, b, "org", []wantRow{
		// SPEC §7: 销售部 70 % of 45,000,000, by quarter.
		{"销售部", 31500000, []int64{7875000, 9450000, 9450000, 4725000}},
		{"市场部", 9000000, nil},        // 20 %
		{"供应链", 4500000, nil},        // 10 %
		{"销售部/大客户组", 18900000, nil},  // 60 % of 31,500,000
		{"销售部/中小客户组", 12600000, nil}, // 40 %
		// 大客户组 shares out 18,900,000 × 110 % = 20,790,000 (over_assign); 王强 is
		// fixed at 3,000,000; 张伟 and 李娜 share 17,790 units of 1000 as 2 : 1.5:
		// 10,165.71 and 7,624.29 → floors 10,165 + 7,624 = 17,789; the last unit
		// goes to the larger remainder (张伟).
		{"销售部/大客户组/王强", 3000000, nil},
		{"销售部/大客户组/张伟", 10166000, nil},
		{"销售部/大客户组/李娜", 7624000, nil},
		// history basis: 4,000,000 × 1.15 = 4,600,000 and 2,500,000 × 1.3 =
		// 3,250,000; 12,600 units × 4.6/7.85 = 7,383.44 and 5,216.56 → 7,383 and
		// 5,217 (the larger remainder takes the last unit).
		{"销售部/中小客户组/赵敏", 7383000, nil},
		{"销售部/中小客户组/孙丽", 5217000, nil},
	})
	checkRows(t, b, "product", []wantRow{
		{"明星产品A", 27000000, nil},     // 60 %
		{"明星产品A/老客户", 8100000, nil},  // 30 % of 27,000,000
		{"明星产品A/新客户", 18900000, nil}, // 70 %
		{"潜力产品B", 13500000, nil},     // 30 %
		{"长尾产品C", 4500000, nil},      // 10 %
	})
	checkRows(t, b, "region", []wantRow{
		{"成熟市场", 22500000, []int64{5625000, 6750000, 6750000, 3375000}}, // 50 %: exact in every quarter
		{"成长市场", 13500000, nil},
		{"新兴市场", 9000000, nil},
	})
	// The shares shown are exact: 张伟 has 2/3.5 of the 17,790,000 left after the
	// fixed 3,000,000 of the 20,790,000 shared out.
	zw := rowByPath(t, b, "org", "销售部/大客户组/张伟")
	if want := big.NewRat(2*17790, 35*2079); zw.Share.Cmp(want) != 0 {
		t.Errorf("张伟's share %s, want %s", zw.Share.RatString(), want.RatString())
	}
	// No warnings on the example.
	if len(b.Warnings) > 0 {
		t.Errorf("warnings: %v", b.Warnings)
	}
}

func TestSplitCompanyTiersAndMetrics(t *testing.T) {
	p := companyPlan(t)
	// --tier challenge: 120 % of 50,000,000 = 60,000,000, reserve 6,000,000.
	ch := mustSplit(t, p, Options{Tier: "challenge"})
	if got := ch.Unit.Format(ch.Target); got != "60000000" || ch.Unit.Format(ch.Allocated) != "54000000" {
		t.Errorf("challenge target %s allocated %s", got, ch.Unit.Format(ch.Allocated))
	}
	if ch.Tier != "challenge" || ch.Factor.Cmp(big.NewRat(6, 5)) != 0 {
		t.Errorf("tier %s factor %v", ch.Tier, ch.Factor)
	}
	base := mustSplit(t, p, Options{Tier: "base"})
	if base.Target != mustSplit(t, p, Options{}).Target {
		t.Errorf("the default tier is not base")
	}
	// The metric new_customers (750, a count) with the same weights: a count
	// holds nothing back (§11), so 750 is allocated: 销售部/市场部/供应链 get
	// 70 %, 20 %, 10 % = 525, 150, 75 exactly.
	m := mustSplit(t, p, Options{Metric: "new_customers"})
	if m.Unit != One || m.Kind != KindCount || m.Target != 750 || m.Reserve != 0 || m.Allocated != 750 {
		t.Fatalf("metric: unit %v kind %s target %d reserve %d allocated %d", m.Unit, m.Kind, m.Target, m.Reserve, m.Allocated)
	}
	for path, want := range map[string]int64{"销售部": 525, "市场部": 150, "供应链": 75} {
		if got := rowByPath(t, m, "org", path).Amount; got != want {
			t.Errorf("new_customers %s = %d, want %d", path, got, want)
		}
	}
	// A metric of a tier: 750 × 120 % = 900.
	mc := mustSplit(t, p, Options{Tier: "challenge", Metric: "new_customers"})
	if mc.Target != 900 {
		t.Errorf("challenge new_customers target %d, want 900", mc.Target)
	}
	// Unknown tier and metric: a Problem naming what exists.
	_, err := Split(p, Options{Tier: "stretch"})
	var prob *Problem
	if !errors.As(err, &prob) || prob.Msg != `unknown tier "stretch"` || prob.Hint != "the plan's tiers are: base, challenge" {
		t.Errorf("unknown tier: %v", err)
	}
	_, err = Split(p, Options{Metric: "calls"})
	if !errors.As(err, &prob) || prob.Msg != `unknown metric "calls"` || prob.Hint != "the plan's metrics are: revenue, new_customers, visits, marketing, 回款, 回款率" {
		t.Errorf("unknown metric: %v", err)
	}
	// A plan without tiers knows only base.
	plain := mustLoad(t, "version: 1\nyear: {start: 2027-01}\ntarget: 100\n")
	if _, err := Split(plain, Options{Tier: "challenge"}); !errors.As(err, &prob) || prob.Hint != "the plan declares no tiers" {
		t.Errorf("no tiers: %v", err)
	}
}

func TestSplitCompanyCross(t *testing.T) {
	b := mustSplit(t, companyPlan(t), Options{})
	c := checkCross(t, b, "org", "product", 1)
	// 销售部 × 明星产品A = 45,000,000 × 70 % × 60 % = 18,900,000: an exact product.
	xs := rowByPath(t, b, "org", "销售部")
	if got := b.Unit.Format(c.Cells(xs.Index)[0]); got != "18900000" {
		t.Errorf("销售部 × 明星产品A = %s, want 18900000", got)
	}
	checkCross(t, b, "org", "product", 2)
	checkCross(t, b, "product", "org", 2)
	checkCross(t, b, "product", "org", 3) // 大客户组 is over-assigned: org's level 3 adds up to more than allocated
	checkCross(t, b, "region", "org", 9)  // deeper than the tree: its leaves
	if _, err := b.Cross("org", "org", 1); err == nil {
		t.Errorf("crossing a dimension with itself is not an error")
	}
	var prob *Problem
	if _, err := b.Cross("org", "channel", 1); !errors.As(err, &prob) || prob.Msg != `unknown dimension "channel"` || prob.Hint != "the plan's dimensions are: org, product, region" {
		t.Errorf("unknown dimension: %v", err)
	}
}

// table tests of the rules of SPEC §4 on small plans
func TestSplitRules(t *testing.T) {
	const head = "version: 1\nyear: {start: 2027-01}\n"
	tests := []struct {
		name  string
		plan  string
		want  map[string]string // path → amount, as written by Unit.Format
		warns []string          // substrings of the warnings of Load and Split
	}{
		{
			name: "equal shares when no sibling has a weight; ties to the first",
			plan: "target: 10\ndimensions:\n  org: [a, b, c]\n",
			want: map[string]string{"a": "4", "b": "3", "c": "3"},
		},
		{
			name:  "all-zero weights share equally with a warning",
			plan:  "target: 10\ndimensions:\n  org:\n    - {name: a, weight: 0}\n    - {name: b, weight: 0}\n    - {name: c, weight: 0}\n",
			want:  map[string]string{"a": "4", "b": "3", "c": "3"},
			warns: []string{"the weights of the children of dimension org are all zero; they share equally"},
		},
		{
			name:  "all-zero history shares equally with a warning",
			plan:  "target: 9\ndimensions:\n  org:\n    - {name: a, last_year: 0}\n    - {name: b, last_year: 0, growth: 20%}\n",
			want:  map[string]string{"a": "5", "b": "4"},
			warns: []string{"are all zero; they share equally"},
		},
		{
			name: "a zero weight beside others gets nothing",
			plan: "target: 9\ndimensions:\n  org:\n    - {name: a, weight: 0}\n    - {name: b, weight: 1}\n    - {name: c, weight: 2}\n",
			want: map[string]string{"a": "0", "b": "3", "c": "6"},
		},
		{
			name: "relative factors: 2 : 1.5 : 1 of 900 is 400, 300, 200",
			plan: "target: 900\ndimensions:\n  org:\n    - {name: a, weight: 2}\n    - {name: b, weight: 1.5}\n    - {name: c, weight: 1}\n",
			want: map[string]string{"a": "400", "b": "300", "c": "200"},
		},
		{
			name:  "percents within 0.1 point of 100 % are normalised with a warning",
			plan:  "target: 1000\ndimensions:\n  org:\n    - {name: a, weight: 33.3%}\n    - {name: b, weight: 33.3%}\n    - {name: c, weight: 33.3%}\n",
			want:  map[string]string{"a": "334", "b": "333", "c": "333"},
			warns: []string{"add up to 99.9%; normalised to 100%"},
		},
		{
			name: "history: last_year × (1 + growth), growth may be negative",
			plan: "target: 1000\ndimensions:\n  org:\n    - {name: a, last_year: 500, growth: -20%}\n    - {name: b, last_year: 200, growth: 100%}\n    - {name: c, last_year: 200}\n",
			// bases 400, 400, 200 of 1000
			want: map[string]string{"a": "400", "b": "400", "c": "200"},
		},
		{
			name: "fixed amounts first, the rest by weights",
			plan: "target: 1000\ndimensions:\n  org:\n    - {name: a, amount: 400}\n    - {name: b, weight: 1}\n    - {name: c, weight: 2}\n",
			want: map[string]string{"a": "400", "b": "200", "c": "400"},
		},
		{
			name: "fixed amounts beside siblings without weights: the rest equally",
			plan: "target: 1000\ndimensions:\n  org:\n    - {name: a, amount: 1_000}\n    - {name: b}\n",
			want: map[string]string{"a": "1000", "b": "0"},
		},
		{
			name: "a node reserve is a (reserve) row after the last child's subtree, halves up",
			plan: "target: 1000\ndimensions:\n  org:\n    - name: a\n      weight: 1\n      reserve: 15%\n      children:\n        - {name: x, children: [deep]}\n        - y\n    - {name: b, weight: 1}\n",
			// a = 500; reserve 75; x and y share 425 → 213, 212
			want: map[string]string{"a": "500", "a/x": "213", "a/x/deep": "213", "a/y": "212", "a/(reserve)": "75", "b": "500"},
		},
		{
			name: "reserve halves up: 10 % of 45 is 4.5 → 5",
			plan: "target: 90\ndimensions:\n  org:\n    - {name: a, weight: 1, reserve: 10%, children: [x]}\n    - {name: b, weight: 1}\n",
			want: map[string]string{"a/(reserve)": "5", "a/x": "40"},
		},
		{
			name: "root reserve held back once; every dimension adds up to the rest",
			plan: "target: 1000\nreserve: 0.125\ndimensions:\n  org: [a, b]\n  product: [p]\n",
			want: map[string]string{"a": "438", "b": "437"}, // 875 / 2 = 437.5 each, the first takes the unit
		},
		{
			name: "over_assign: children add up to the parent × (1 + over_assign), halves up",
			plan: "target: 1001\ndimensions:\n  org:\n    - {name: a, over_assign: 10%, children: [x, y]}\n",
			// 1001 × 1.1 = 1101.1 → 1101; 550.5 each → 551, 550
			want: map[string]string{"a": "1001", "a/x": "551", "a/y": "550"},
		},
		{
			name: "reserve and over_assign together: over_assign applies after the reserve",
			plan: "target: 1000\ndimensions:\n  org:\n    - {name: a, reserve: 10%, over_assign: 50%, children: [x]}\n",
			want: map[string]string{"a/(reserve)": "100", "a/x": "1350"},
		},
		{
			name: "round 0.01: amounts to the cent",
			plan: "round: 0.01\ntarget: 100\ndimensions:\n  org: [a, b, c]\n",
			want: map[string]string{"a": "33.34", "b": "33.33", "c": "33.33"},
		},
		{
			name: "round 1000: amounts in thousands",
			plan: "round: 1000\ntarget: 10万\ndimensions:\n  org: [a, b, c]\n",
			want: map[string]string{"a": "34000", "b": "33000", "c": "33000"},
		},
		{
			name: "Chinese magnitudes: 0.5亿 and 万",
			plan: "round: 1万\ntarget: 0.5亿\ndimensions:\n  org:\n    - {name: 张伟, amount: 1000万}\n    - {name: 李娜}\n",
			want: map[string]string{"张伟": "10000000", "李娜": "40000000"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := Load("plan.yaml", []byte(head+tt.plan))
			if p == nil {
				t.Fatalf("does not load: %v", diags.Err())
			}
			b := mustSplit(t, p, Options{})
			for path, want := range tt.want {
				dim := "org"
				if got := b.Unit.Format(rowByPath(t, b, dim, path).Amount); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
			var warns []string
			for _, d := range append(diags.Warnings(), b.Warnings...) {
				warns = append(warns, d.Msg)
			}
			for _, w := range tt.warns {
				if !slices.ContainsFunc(warns, func(s string) bool { return strings.Contains(s, w) }) {
					t.Errorf("no warning %q in %q", w, warns)
				}
			}
			if len(tt.warns) == 0 && len(warns) > 0 {
				t.Errorf("unexpected warnings %q", warns)
			}
		})
	}
}

// SPEC §4, rounding of single products: a tier's target is rounded to the
// nearest unit, halves up.
func TestSplitTierRoundsHalfUp(t *testing.T) {
	p := mustLoad(t, "version: 1\nround: 10\nyear: {start: 2027-01}\ntarget: 1050\ntiers: {half: 50%, third: 0.334, big: 150%}\n")
	for tier, want := range map[string]string{"half": "530", "third": "350", "big": "1580"} {
		// in units of 10: 52.5 → 53 (half up); 35.07 → 35; 157.5 → 158
		b := mustSplit(t, p, Options{Tier: tier})
		if got := b.Unit.Format(b.Target); got != want {
			t.Errorf("tier %s: target %s, want %s", tier, got, want)
		}
	}
}

// A fixed amount that fits the base tier but not a smaller tier is an error of
// that tier, naming the tier.
func TestSplitFixedAboveParentInTier(t *testing.T) {
	p := mustLoad(t, `version: 1
year: {start: 2027-01}
target: 1000
tiers: {low: 50%}
dimensions:
  org:
    - {name: a, amount: 800}
    - b
`)
	mustSplit(t, p, Options{})
	_, err := Split(p, Options{Tier: "low"})
	var inv *InvalidError
	if !errors.As(err, &inv) || len(inv.Diagnostics) != 1 {
		t.Fatalf("tier low: %v", err)
	}
	d := inv.Diagnostics[0]
	want := "plan.yaml:7:25: error: the fixed amounts of the children of the plan add up to 800, above the 500 it shares out (tier low)\n\thint: lower the fixed amounts, or raise what the plan has"
	if d.String() != want {
		t.Errorf("got  %s\nwant %s", d, want)
	}
}

// SPEC §4: the seasonality's quarters split the year, months are normalised
// inside each quarter; a fiscal year may start in any month.
func TestSplitSeasonality(t *testing.T) {
	t.Run("quarters and months", func(t *testing.T) {
		b := mustSplit(t, mustLoad(t, `version: 1
year: {start: 2027-01}
target: 1200
seasonality:
  quarters: ["40%", "30%", "20%", "10%"]
  months: [1, 2, 1, 0, 0, 1, 1, 1, 1, 5, 3, 2]
`), Options{})
		// 480, 360, 240, 120; Q1 480 × 1:2:1 = 120, 240, 120; Q2 all to June; Q4 120 × 5:3:2
		want := []int64{120, 240, 120, 0, 0, 360, 80, 80, 80, 60, 36, 24}
		if !slices.Equal(b.Months, want) {
			t.Errorf("months %v, want %v", b.Months, want)
		}
	})
	t.Run("a quarter whose months all weigh zero shares equally, with a warning", func(t *testing.T) {
		b := mustSplit(t, mustLoad(t, `version: 1
year: {start: 2027-01}
target: 400
seasonality:
  quarters: [1, 1, 1, 1]
  months: [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]
`), Options{})
		if !slices.Equal(b.Months[:3], []int64{34, 33, 33}) {
			t.Errorf("Q1 months %v, want 34 33 33", b.Months[:3])
		}
		if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0].Msg, "the months of Q1 all have weight zero") {
			t.Errorf("warnings %v", b.Warnings)
		}
	})
	t.Run("months alone: the quarters are their sums", func(t *testing.T) {
		b := mustSplit(t, mustLoad(t, `version: 1
year: {start: 2027-01}
target: 1300
seasonality:
  months: [1, 1, 1.2, 1, 1, 1, 1, 1, 1, 1, 1, 0.8]
`), Options{})
		// weights add up to 12; Q1 3.2/12, Q4 2.8/12 of 1300
		checkTimeSplit(t, b)
	})
	t.Run("fiscal year starting in April", func(t *testing.T) {
		b := mustSplit(t, mustLoad(t, `version: 1
year: {start: 2027-04}
target: 1000
seasonality:
  quarters: ["10%", "20%", "30%", "40%"]
dimensions:
  org: [a]
`), Options{})
		v, _ := b.View(PeriodMonth)
		if v.Labels[0] != "2027-04" || v.Labels[8] != "2027-12" || v.Labels[9] != "2028-01" || v.Labels[11] != "2028-03" {
			t.Errorf("month labels %v", v.Labels)
		}
		q, _ := b.View(PeriodQuarter)
		// Q1 is April–June: 10 % of 1000, Q4 January–March: 40 %.
		if !slices.Equal(q.Time, []int64{100, 200, 300, 400}) {
			t.Errorf("quarters %v", q.Time)
		}
		w, _ := b.View(PeriodWeek)
		// 2027-04-01 is a Thursday in ISO week 13; 2028-03-31 a Friday in week 13 of 2028.
		if w.Labels[0] != "2027-W13" || w.Labels[len(w.Labels)-1] != "2028-W13" {
			t.Errorf("week labels %s … %s", w.Labels[0], w.Labels[len(w.Labels)-1])
		}
	})
}

// SPEC §3/§4: working days are Monday–Friday less holidays plus make-up days;
// the basis weights months by them (inside each quarter when quarters are given).
func TestSplitWorkingDays(t *testing.T) {
	p := mustLoad(t, `version: 1
year:
  start: 2027-01
  holidays: [2027-02-10..2027-02-16, 2027-05-01..2027-05-05]
  workdays: [2027-02-07]
target: 1_000_000
seasonality: {basis: working_days}
dimensions:
  org: [a, b, c]
`)
	b := mustSplit(t, p, Options{})
	// Weekdays of 2027 by month: 21 20 23 22 21 22 22 22 22 21 22 23. February
	// loses 10–12 and 15–16 (5 weekdays) and gains Sunday the 7th: 16. May loses
	// Monday 3 to Wednesday 5 (the 1st and 2nd are a weekend): 18.
	wd := []int{21, 16, 23, 22, 18, 22, 22, 22, 22, 21, 22, 23}
	for i, m := range b.Calendar.Months {
		if m.WorkingDays != wd[i] {
			t.Errorf("%s has %d working days, want %d", m.Month, m.WorkingDays, wd[i])
		}
	}
	// The split follows them: year → quarters by their working days, then months.
	var qw []*big.Rat
	for q := range 4 {
		qw = append(qw, big.NewRat(int64(wd[3*q]+wd[3*q+1]+wd[3*q+2]), 1))
	}
	qs := refApportion(b.Allocated, qw)
	var want []int64
	for q := range 4 {
		want = append(want, refApportion(qs[q], []*big.Rat{big.NewRat(int64(wd[3*q]), 1), big.NewRat(int64(wd[3*q+1]), 1), big.NewRat(int64(wd[3*q+2]), 1)})...)
	}
	if !slices.Equal(b.Months, want) {
		t.Errorf("months %v, want %v", b.Months, want)
	}
	// With quarters given, working days only weigh the months inside each quarter.
	p2 := mustLoad(t, `version: 1
year: {start: 2027-01, holidays: [2027-02-10..2027-02-16], workdays: [2027-02-07]}
target: 1_000_000
seasonality: {quarters: ["25%", "25%", "25%", "25%"], basis: working_days}
`)
	b2 := mustSplit(t, p2, Options{})
	if s := sum64(b2.Months[:3]); s != 250000 {
		t.Errorf("Q1 %d, want 250000", s)
	}
	// Q1 has 21 + 16 + 23 = 60 working days: 87,500, 66,667, 95,833 (rounded by largest remainder).
	if want := refApportion(250000, []*big.Rat{big.NewRat(21, 1), big.NewRat(16, 1), big.NewRat(23, 1)}); !slices.Equal(b2.Months[:3], want) {
		t.Errorf("Q1 months %v, want %v", b2.Months[:3], want)
	}
}

// SPEC §4: weeks are ISO weeks; a week that straddles two months is the sum of
// its two segments, each month split into segments by calendar days here.
func TestSplitWeeksStraddleMonths(t *testing.T) {
	// Equal months of 930 (= 11,160 / 12). March 2027 has segments of 7, 7, 7, 7
	// and 3 days (29–31, ISO week 13); April has 4 (1–4, week 13), 7, 7, 7, 5.
	// Week 13 = 930 × 3/31 + 930 × 4/30 = 90 + 124 = 214.
	b := mustSplit(t, mustLoad(t, "version: 1\nyear: {start: 2027-01}\ntarget: 11160\ndimensions:\n  org: [a, b]\n"), Options{})
	v, err := b.View(PeriodWeek)
	if err != nil {
		t.Fatal(err)
	}
	idx := slices.Index(v.Labels, "2027-W13")
	if idx < 0 || v.Time[idx] != 214 {
		t.Fatalf("2027-W13 = %v (labels %v)", v.Time, v.Labels)
	}
	// 2027-01-01 is a Friday of ISO week 53 of 2026; 2027-12-31 a Friday of week 52.
	if v.Labels[0] != "2026-W53" || v.Labels[len(v.Labels)-1] != "2027-W52" || len(v.Labels) != 53 {
		t.Errorf("week labels %s … %s (%d)", v.Labels[0], v.Labels[len(v.Labels)-1], len(v.Labels))
	}
	// a and b share each segment: 214 = 107 + 107.
	if a, bb := v.Cells(0, 0)[idx], v.Cells(0, 1)[idx]; a+bb != 214 {
		t.Errorf("a %d + b %d ≠ 214", a, bb)
	}
	// With working days, the weekend segment 2027-01-01..03 (one working day, Friday)
	// carries January's amount × 1/21.
	bw := mustSplit(t, mustLoad(t, "version: 1\nyear: {start: 2027-01}\ntarget: 2520\nseasonality: {basis: working_days}\n"), Options{})
	vw, _ := bw.View(PeriodWeek)
	jan := bw.Months[0]
	if want := refApportion(jan, []*big.Rat{big.NewRat(1, 1), big.NewRat(5, 1), big.NewRat(5, 1), big.NewRat(5, 1), big.NewRat(5, 1)})[0]; vw.Time[0] != want {
		t.Errorf("2026-W53 = %d, want %d (January %d × 1/21)", vw.Time[0], want, jan)
	}
}

// Same plan, same numbers: Split is deterministic.
func TestSplitDeterministic(t *testing.T) {
	p := companyPlan(t)
	a := mustSplit(t, p, Options{})
	for range 5 {
		sameBreakdown(t, a, mustSplit(t, companyPlan(t), Options{}))
	}
}

// A plan with no dimensions still has a time split.
func TestSplitNoDimensions(t *testing.T) {
	b := mustSplit(t, mustLoad(t, "version: 1\nyear: {start: 2027-01}\ntarget: 5\n"), Options{})
	if len(b.Dimensions) != 0 || sum64(b.Months) != 5 {
		t.Errorf("dimensions %d months %v", len(b.Dimensions), b.Months)
	}
}

// over_assign has no upper bound, so a large one could push the children's
// total beyond what an int64 holds; SPEC §8: a clear error, never a panic.
func TestSplitOverAssignTooLarge(t *testing.T) {
	for _, tt := range []struct {
		name, plan string
		line       int
	}{
		{"revenue", `version: 1
year: {start: 2027-01}
target: 1_000_000_000_000_000
dimensions:
  org:
    - name: a
      over_assign: 1000000%
      children: [x, y]
`, 6},
		{"metric", `version: 1
year: {start: 2027-01}
target: 1
metrics: [{name: visits, target: 1_000_000_000_000_000, kind: count}]
dimensions:
  org:
    - name: a
      over_assign: 10000000%
      children: [x, y]
`, 7},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := mustLoad(t, tt.plan)
			metric := ""
			if len(p.Metrics) > 0 {
				metric = p.Metrics[0].Name
				mustSplit(t, p, Options{}) // the revenue of 1 unit is fine
			}
			var b *Breakdown
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Split panics: %v", r)
					}
				}()
				b, err = Split(p, Options{Metric: metric})
			}()
			var inv *InvalidError
			if !errors.As(err, &inv) {
				if err == nil {
					checkBreakdown(t, b)
				}
				t.Fatalf("Split = %v, want an *InvalidError", err)
			}
			d := inv.Diagnostics[0]
			if d.Pos != (Pos{Line: tt.line, Col: 7}) || !strings.HasPrefix(d.Msg, "over_assign of a makes its children add up to more than 1000000000000000 units of 1") {
				t.Errorf("diagnostic %s, want one at %d:7 about over_assign", d, tt.line)
			}
		})
	}
}

func TestParsePeriodAndCheckDimension(t *testing.T) {
	for _, p := range Periods {
		if got, err := ParsePeriod(string(p)); err != nil || got != p {
			t.Errorf("ParsePeriod(%s) = %v, %v", p, got, err)
		}
	}
	if _, err := ParsePeriod("fortnight"); err == nil || err.Error() != `unknown period "fortnight" (valid: year, half, quarter, month, week)` {
		t.Errorf("ParsePeriod(fortnight): %v", err)
	}
	p := companyPlan(t)
	if err := p.CheckDimension("org"); err != nil {
		t.Errorf("org: %v", err)
	}
	var prob *Problem
	if err := p.CheckDimension("Org"); !errors.As(err, &prob) || prob.Hint != "the plan's dimensions are: org, product, region" {
		t.Errorf("Org: %v", err)
	}
	noDims := mustLoad(t, "version: 1\nyear: {start: 2027-01}\ntarget: 1\n")
	if err := noDims.CheckDimension("org"); !errors.As(err, &prob) || prob.Hint != "the plan has no dimensions" {
		t.Errorf("no dimensions: %v", err)
	}
}
