package funnel

import (
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/planhq/plan/plan"
)

// dec reads an exact decimal or percentage ("0.7", "70%", "1.5k") for tests.
func dec(t testing.TB, s string) *big.Rat {
	t.Helper()
	if r, isPct, err := plan.ParsePercent(s); err == nil && isPct {
		return r
	}
	r, err := plan.ParseAmount(s)
	if err != nil {
		t.Fatalf("bad decimal %q: %v", s, err)
	}
	return r
}

// stagesOf builds stages from "name:rate:days" items; the last has no rate.
func stagesOf(t testing.TB, specs ...string) []Stage {
	t.Helper()
	out := make([]Stage, len(specs))
	for i, sp := range specs {
		parts := strings.Split(sp, ":")
		out[i].Name = parts[0]
		if len(parts) > 1 && parts[1] != "" {
			out[i].Rate = dec(t, parts[1])
		}
		if len(parts) > 2 {
			d := dec(t, parts[2])
			out[i].Days = int(d.Num().Int64())
		}
	}
	return out
}

var (
	equalMonths = []int64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	days2027    = []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
)

func TestSolveCounts(t *testing.T) {
	tests := []struct {
		name     string
		target   string
		dealSize string
		stages   []string
		pipeline []int64
		deals    int64
		required []int64
		new      []int64
	}{
		// SPEC §1: 1000万 at 100万 a deal and a 10 % win rate: 10 deals, 100 prospects.
		{name: "seed account manager", target: "1000万", dealSize: "100万", stages: []string{"prospect:10%", "won"},
			deals: 10, required: []int64{100, 10}, new: []int64{100, 10}},
		// SPEC §2: 50 deals at 10 % is exactly 500 prospects, never 501.
		{name: "50 deals at 10%", target: "50M", dealSize: "1M", stages: []string{"prospect:10%", "won"},
			deals: 50, required: []int64{500, 50}, new: []int64{500, 50}},
		// float64: 21 / 0.7 = 30.000000000000004, whose ceiling is 31.
		{name: "21 deals at 70% need 30", target: "21", dealSize: "1", stages: []string{"lead:70%", "won"},
			deals: 21, required: []int64{30, 21}, new: []int64{30, 21}},
		// float64: 1.1 / 0.1 = 11.000000000000002, whose ceiling is 12.
		{name: "1.1 at 0.1 a deal is 11 deals", target: "1.1", dealSize: "0.1", stages: []string{"lead:100%", "won"},
			deals: 11, required: []int64{11, 11}, new: []int64{11, 11}},
		// float64: 3 / 0.3 = 10.000000000000002; 10 / 0.1 = 100 only by luck.
		{name: "3 at 30% need 10", target: "3", dealSize: "1", stages: []string{"a:10%", "b:30%", "won"},
			deals: 3, required: []int64{100, 10, 3}, new: []int64{100, 10, 3}},
		// Deals are rounded up, never to the nearest: 10.5 deals is 11.
		{name: "deals round up", target: "10_500_000", dealSize: "1_000_000", stages: []string{"lead:50%", "won"},
			deals: 11, required: []int64{22, 11}, new: []int64{22, 11}},
		// 33.3 % is not 1/3: 10 / 0.333 = 30.03…, so 31.
		{name: "33.3% is not a third", target: "10", dealSize: "1", stages: []string{"lead:33.3%", "won"},
			deals: 10, required: []int64{31, 10}, new: []int64{31, 10}},
		// SPEC §3's 王强: 3 deals; 谈判 ⌈3/50%⌉ = 6 of which 3 in flight; 商机
		// ⌈3/40%⌉ = 8, covered by the 12 in flight; so no new leads.
		{name: "pipeline covers the top", target: "3_000_000", dealSize: "1_000_000",
			stages: []string{"线索:50%:20", "商机:40%:30", "谈判:50%:15", "成交"}, pipeline: []int64{0, 12, 3, 0},
			deals: 3, required: []int64{0, 8, 6, 3}, new: []int64{0, 0, 3, 3}},
		// Deals already won count at the last stage.
		{name: "won pipeline above the deals", target: "3", dealSize: "1", stages: []string{"lead:50%", "won"},
			pipeline: []int64{0, 5}, deals: 3, required: []int64{0, 3}, new: []int64{0, 0}},
		{name: "zero target", target: "0", dealSize: "1", stages: []string{"lead:50%", "won"},
			deals: 0, required: []int64{0, 0}, new: []int64{0, 0}},
		// 11 deals: ⌈11/90%⌉ = 13 (12 new), ⌈12/70%⌉ = 18 (15 new), ⌈15/80%⌉ = 19,
		// ⌈19/70%⌉ = 28, ⌈28/70%⌉ = 40 exactly (float64: 40.00000000000001).
		{name: "nine stages", target: "8_794_000", dealSize: "800_000",
			stages:   []string{"发现线索:30%", "初步接触:60%", "确认商机:55%", "需求分析:70%", "方案演示:70%", "赢得认可:80%", "商务谈判:70%", "签订合同:90%", "成交"},
			pipeline: []int64{0, 0, 6, 4, 0, 0, 3, 1, 0},
			deals:    11, required: []int64{334, 100, 66, 40, 28, 19, 18, 13, 11}, new: []int64{334, 100, 60, 36, 28, 19, 15, 12, 11}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := Solve(Input{Target: dec(t, tt.target), Profile: equalMonths, MonthDays: days2027,
				Settings: Settings{DealSize: dec(t, tt.dealSize), Stages: stagesOf(t, tt.stages...)}, Pipeline: tt.pipeline})
			if err != nil {
				t.Fatal(err)
			}
			if w.Deals != tt.deals {
				t.Errorf("deals = %d, want %d", w.Deals, tt.deals)
			}
			var req, nw []int64
			for _, s := range w.Stages {
				req = append(req, s.Required)
				nw = append(nw, s.New)
			}
			if !slices.Equal(req, tt.required) || !slices.Equal(nw, tt.new) {
				t.Errorf("required = %v, new = %v; want %v, %v", req, nw, tt.required, tt.new)
			}
		})
	}
}

func TestSolveCoverage(t *testing.T) {
	// 12 in 商机 win 40 % × 50 %, 3 in 谈判 win 50 %: 2.4 + 1.5 = 3.9 expected
	// deals of 1M over a 3M target: 130 %. Conversion 50 % × 40 % × 50 % = 10 %.
	w, err := Solve(Input{Target: dec(t, "3M"), Profile: equalMonths, MonthDays: days2027,
		Settings: Settings{DealSize: dec(t, "1M"), Stages: stagesOf(t, "线索:50%", "商机:40%", "谈判:50%", "成交")},
		Pipeline: []int64{0, 12, 3, 0}})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name string
		got  *big.Rat
		want string
	}{
		{"pipeline value", w.PipelineValue, "3.9M"},
		{"coverage", w.Coverage, "1.3"},
		{"conversion", w.Conversion, "0.1"},
		{"coverage needed", w.CoverageNeeded, "10"},
	}
	for _, c := range checks {
		if c.got == nil || c.got.Cmp(dec(t, c.want)) != 0 {
			t.Errorf("%s = %v, want %s", c.name, c.got, c.want)
		}
	}
	zero, err := Solve(Input{Target: new(big.Rat), Profile: equalMonths, MonthDays: days2027,
		Settings: Settings{DealSize: dec(t, "1"), Stages: stagesOf(t, "a:50%", "won")}})
	if err != nil {
		t.Fatal(err)
	}
	if zero.Coverage != nil {
		t.Errorf("coverage of a zero target = %v, want none", zero.Coverage)
	}
}

func TestSolveMonths(t *testing.T) {
	jan := []int64{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	feb := []int64{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	tests := []struct {
		name    string
		profile []int64
		deals   int64 // with a deal size of 1 and a 100 % rate, also the entries
		days    int   // of the first stage: its lead
		before  int64
		months  []int64 // the first months of the first stage
	}{
		// 28 deals in February (28 days): one a day. Entries 14 days earlier
		// fall from 18 January (14 days of January) to 14 February.
		{name: "half a month earlier", profile: feb, deals: 28, days: 14, months: []int64{14, 14, 0}},
		// 31 deals in January, 10 days earlier: 10 before the year.
		{name: "into the year before", profile: jan, deals: 31, days: 10, before: 10, months: []int64{21, 0}},
		{name: "all before", profile: jan, deals: 31, days: 31, before: 31, months: []int64{0, 0}},
		{name: "no lead", profile: feb, deals: 28, days: 0, months: []int64{0, 28, 0}},
		// March's 31 deals, 59 days (January and February) earlier: January.
		{name: "two months earlier", profile: []int64{0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, deals: 31, days: 59, months: []int64{31, 0, 0}},
		// … and 60 days earlier: one on 31 December, before the year.
		{name: "a day more", profile: []int64{0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, deals: 31, days: 60, before: 1, months: []int64{30, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := []Stage{{Name: "lead", Rate: big.NewRat(1, 1), Days: tt.days}, {Name: "won"}}
			w, err := Solve(Input{Target: big.NewRat(tt.deals, 1), Profile: tt.profile, MonthDays: days2027,
				Settings: Settings{DealSize: big.NewRat(1, 1), Stages: st}})
			if err != nil {
				t.Fatal(err)
			}
			s := w.Stages[0]
			if s.Before != tt.before || !slices.Equal(s.Months[:len(tt.months)], tt.months) {
				t.Errorf("before %d, months %v; want %d, %v", s.Before, s.Months, tt.before, tt.months)
			}
			if !slices.Equal(w.DealMonths, w.Stages[1].Months) {
				t.Errorf("won entries %v differ from the deals %v", w.Stages[1].Months, w.DealMonths)
			}
		})
	}
}

func TestSolveDealsFollowMoney(t *testing.T) {
	// 10 deals over months weighted 25/30/30/15 % by quarter: the largest
	// remainder of 10 × each month's share.
	profile := []int64{25, 25, 25, 30, 30, 30, 30, 30, 30, 15, 15, 15}
	w, err := Solve(Input{Target: dec(t, "10"), Profile: profile, MonthDays: days2027,
		Settings: Settings{DealSize: dec(t, "1"), Stages: stagesOf(t, "a:50%", "won")}})
	if err != nil {
		t.Fatal(err)
	}
	ws := make([]*big.Rat, 12)
	for i, v := range profile {
		ws[i] = big.NewRat(v, 1)
	}
	if want := plan.Apportion(10, ws); !slices.Equal(w.DealMonths, want) {
		t.Errorf("deal months %v, want %v", w.DealMonths, want)
	}
}

func TestSolveRejects(t *testing.T) {
	good := func() Input {
		return Input{Target: dec(t, "10"), Profile: equalMonths, MonthDays: days2027,
			Settings: Settings{DealSize: dec(t, "1"), Stages: stagesOf(t, "a:50%", "won")}}
	}
	tests := []struct {
		name string
		edit func(*Input)
		want string
	}{
		{"no deal size", func(in *Input) { in.Settings.DealSize = nil }, "deal_size"},
		{"zero deal size", func(in *Input) { in.Settings.DealSize = new(big.Rat) }, "deal_size"},
		{"one stage", func(in *Input) { in.Settings.Stages = in.Settings.Stages[:1] }, "two stages"},
		{"rate above 1", func(in *Input) { in.Settings.Stages[0].Rate = big.NewRat(3, 2) }, "rate of stage a"},
		{"zero rate", func(in *Input) { in.Settings.Stages[0].Rate = new(big.Rat) }, "rate of stage a"},
		{"short profile", func(in *Input) { in.Profile = in.Profile[:11] }, "12 months"},
		{"pipeline length", func(in *Input) { in.Pipeline = []int64{1} }, "one count per stage"},
		{"negative target", func(in *Input) { in.Target = big.NewRat(-1, 1) }, "target"},
		{"too many deals", func(in *Input) { in.Target = dec(t, "2_000_000_000_000_000"); in.Settings.DealSize = dec(t, "0.5") }, "more than"},
		{"too many entries", func(in *Input) {
			in.Target = dec(t, "1_000_000_000_000_000")
			in.Settings.Stages[0].Rate = dec(t, "0.0001")
		}, "needs more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := good()
			tt.edit(&in)
			_, err := Solve(in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one about %q", err, tt.want)
			}
		})
	}
}
