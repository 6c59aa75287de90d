package plan

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// metricsPlan has one metric of each kind, node overrides and KPI weights.
// Revenue: 1200, a 3 : b 1 = 900 and 300, 75 and 25 a month.
const metricsPlan = `version: 1
name: metrics
round: 1
year: {start: 2027-01}
target: 1200
metrics:
  - {name: deals, target: 120, kind: count}
  - {name: margin, target: 480, kind: amount}
  - {name: budget, kind: cost, rate: 12%, of: revenue}
  - {name: calls, target: 120, reserve: 20%, seasonality: {quarters: ["10%", "20%", "30%", "40%"]}}
  - {name: win, kind: ratio, numerator: margin, denominator: revenue, target: 25%}
kpi: {revenue: 60%, deals: 20%, budget: 20%}
dimensions:
  org:
    - {name: a, weight: 3, metrics: {deals: {weight: 1}}}
    - {name: b, weight: 1, metrics: {deals: {amount: 48}, win: {target: 30%}}}
`

func TestMetricKindsSplit(t *testing.T) {
	p := mustLoad(t, metricsPlan)
	amounts := func(b *Breakdown) []int64 {
		return []int64{rowByPath(t, b, "org", "a").Amount, rowByPath(t, b, "org", "b").Amount}
	}
	for _, tc := range []struct {
		metric            string
		kind              MetricKind
		target, reserve   int64
		a, b              int64
		why               string
		monthA, monthLast int64
	}{
		// a count holds nothing back; b's override is a fixed 48, a takes the rest.
		{"deals", KindCount, 120, 0, 72, 48, "fixed 48, the rest 72 to a", 6, 6},
		// an amount follows revenue's shares 3 : 1.
		{"margin", KindAmount, 480, 0, 360, 120, "revenue's shares", 30, 30},
		// a cost: 12 % of revenue's 1200 = 144, revenue's shares: 108 and 36.
		{"budget", KindCost, 144, 0, 108, 36, "12 % of 1200", 9, 9},
	} {
		b := mustSplit(t, p, Options{Metric: tc.metric})
		if b.Kind != tc.kind || b.Target != tc.target || b.Reserve != tc.reserve {
			t.Errorf("%s: kind %s target %d reserve %d, want %s %d %d", tc.metric, b.Kind, b.Target, b.Reserve, tc.kind, tc.target, tc.reserve)
		}
		if got := amounts(b); !slices.Equal(got, []int64{tc.a, tc.b}) {
			t.Errorf("%s: a, b = %v, want %d, %d (%s)", tc.metric, got, tc.a, tc.b, tc.why)
		}
		if a := rowByPath(t, b, "org", "a"); a.Months[0] != tc.monthA || a.Months[11] != tc.monthLast {
			t.Errorf("%s: a's months %v", tc.metric, a.Months)
		}
	}
	// calls: 120 less its own 20 % reserve = 96 over its own quarters
	// 10/20/30/40 %: 9.6, 19.2, 28.8, 38.4 → floors 9, 19, 28, 38 leave 2 units
	// for the largest remainders Q3 (.8) and Q1 (.6): 10, 19, 29, 38; Q1's
	// equal months 10/3 each → 3, 3, 3 and the unit left to January.
	c := mustSplit(t, p, Options{Metric: "calls"})
	if c.Reserve != 24 || c.Allocated != 96 {
		t.Fatalf("calls reserve %d allocated %d, want 24 and 96", c.Reserve, c.Allocated)
	}
	q := []int64{sum64(c.Months[0:3]), sum64(c.Months[3:6]), sum64(c.Months[6:9]), sum64(c.Months[9:12])}
	if !slices.Equal(q, []int64{10, 19, 29, 38}) || !slices.Equal(c.Months[0:3], []int64{4, 3, 3}) {
		t.Errorf("calls quarters %v, Q1 months %v; want [10 19 29 38] and [4 3 3]", q, c.Months[0:3])
	}
	// A ratio has no split.
	if _, err := Split(p, Options{Metric: "win"}); err == nil || !strings.Contains(err.Error(), "a ratio has no split") {
		t.Errorf("split of a ratio: %v", err)
	}
	// A tier scales a rate metric through its of: 120 % × 1200 × 12 % = 172.8 → 173.
	p2 := mustLoad(t, strings.Replace(metricsPlan, "target: 1200\n", "target: 1200\ntiers: {base: 100%, challenge: 120%}\n", 1))
	if b := mustSplit(t, p2, Options{Tier: "challenge", Metric: "budget"}); b.Target != 173 {
		t.Errorf("challenge budget %d, want 173", b.Target)
	}
	if n, ok := p2.TierTarget("budget", big.NewRat(6, 5)); !ok || n != 173 {
		t.Errorf("TierTarget budget = %d %v, want 173", n, ok)
	}
}

func TestMetricReserveDefaults(t *testing.T) {
	src := `version: 1
year: {start: 2027-01}
target: 1000
reserve: 10%
metrics:
  - {name: n, target: 100}
  - {name: m, target: 100, kind: amount}
  - {name: c, kind: cost, rate: 10%}
  - {name: k, target: 100, reserve: inherit}
  - {name: z, target: 100, kind: amount, reserve: none}
dimensions:
  org: [x, y]
`
	p := mustLoad(t, src)
	// a count and a cost keep everything; amounts and inherit hold back 10 %.
	for metric, want := range map[string]int64{"": 100, "n": 0, "m": 10, "c": 0, "k": 10, "z": 0} {
		if b := mustSplit(t, p, Options{Metric: metric}); b.Reserve != want {
			t.Errorf("metric %q: reserve %d, want %d", metric, b.Reserve, want)
		}
	}
}

func TestMetricLoadErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"all siblings override", `version: 1
year: {start: 2027-01}
target: 100
metrics: [{name: n, target: 10}]
dimensions:
  org:
    - {name: a, metrics: {n: {weight: 1}}}
    - {name: b}
    - {name: c}
`, "plan.yaml:7:27: error: a overrides n among the children of dimension org, but b, c do not\n\thint: give b, c an override for n too: siblings share a metric by one rule"},
		{"unknown metric in override and kpi", `version: 1
year: {start: 2027-01}
target: 100
metrics: [{name: visits, target: 10}]
kpi: {revenue: 50%, visit: 50%}
dimensions:
  org:
    - {name: a, metrics: {visit: {weight: 1}}}
`, "plan.yaml:5:21: error: kpi names unknown metric \"visit\"\n\thint: did you mean \"visits\"?\nplan.yaml:8:27: error: a overrides unknown metric \"visit\"\n\thint: did you mean \"visits\"?"},
		{"of cycle and ratio sides", `version: 1
year: {start: 2027-01}
target: 100
metrics:
  - {name: x, rate: 10%, of: y}
  - {name: y, rate: 10%, of: x}
  - {name: r, kind: ratio, numerator: x, denominator: q, target: 50%}
dimensions:
  org: [a]
`, "plan.yaml:5:30: error: metric x is a rate of itself through of"},
		{"ratio override with a weight, target on an amount", `version: 1
year: {start: 2027-01}
target: 100
metrics:
  - {name: m, target: 10}
  - {name: r, kind: ratio, numerator: m, denominator: revenue, target: 50%}
dimensions:
  org:
    - {name: a, metrics: {r: {weight: 1}, m: {target: 10%}}}
`, "plan.yaml:9:27: error: a overrides ratio metric r with a weight"},
		{"cost thresholds", `version: 1
year: {start: 2027-01}
target: 100
tracking: {cost: {green: 110%, yellow: 100%}}
incentive: {on: score}
`, "error: tracking.cost.yellow (100%) is below tracking.cost.green (110%)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Load("plan.yaml", []byte(tc.src))
			got := diags.Err()
			if got == nil || !strings.Contains(got.Error(), tc.want) {
				t.Errorf("got:\n%v\nwant it to contain:\n%s", got, tc.want)
			}
		})
	}
}

// metricsActuals: January, every metric; a missed revenue (80 %), b ahead
// (120 %); a's budget 20 % over (red), b's exactly at 110 % (yellow).
const metricsActuals = `period,dimension,path,指标,amount
2027-01,org,a,,60
2027-01,org,b,revenue,30
2027-01,org,a,deals,6
2027-01,org,b,deals,2
2027-01,org,a,budget,10.8
2027-01,org,b,budget,3.3
2027-01,org,a,margin,15
2027-01,org,b,margin,9
`

func trackMetricsOf(t *testing.T, src, actuals, only string) *MetricsScorecard {
	t.Helper()
	p := mustLoad(t, src)
	recs, diags := ReadActuals("actuals.csv", []byte(actuals))
	ms, more, err := TrackMetrics(p, nil, "", only, "actuals.csv", recs, Month{})
	diags = append(diags, more...)
	if err != nil || diags.HasErrors() {
		t.Fatalf("track: %v %v", err, diags.Err())
	}
	return ms
}

func node(t *testing.T, c *Scorecard, path string) *NodeScore {
	t.Helper()
	for _, n := range c.Dimensions[0].Nodes {
		if n.Row.PathString() == path {
			return n
		}
	}
	t.Fatalf("no node %s", path)
	return nil
}

func TestTrackMetricKinds(t *testing.T) {
	ms := trackMetricsOf(t, metricsPlan, metricsActuals, "")
	if ms.AsOf.String() != "2027-01" || len(ms.Cards) != 4 || ms.Main.Breakdown.Metric != RevenueMetric {
		t.Fatalf("as of %s, %d cards, main %s", ms.AsOf, len(ms.Cards), ms.Main.Breakdown.Metric)
	}
	r := func(s string) *big.Rat { v, _ := new(big.Rat).SetString(s); return v }
	for _, tc := range []struct {
		metric, path string
		att          string
		status       TrackStatus
	}{
		{"revenue", "a", "4/5", StatusYellow},  // 60 / 75
		{"revenue", "b", "6/5", StatusGreen},   // 30 / 25
		{"deals", "a", "1", StatusGreen},       // 6 / 6
		{"deals", "b", "1/2", StatusRed},       // 2 / 4
		{"budget", "a", "6/5", StatusRed},      // 10.8 / 9: a 20 % overspend is red
		{"budget", "b", "11/10", StatusYellow}, // 3.3 / 3: at cost.yellow
		{"margin", "a", "1/2", StatusRed},      // 15 / 30
		{"margin", "b", "9/10", StatusGreen},   // 9 / 10
	} {
		n := node(t, ms.Card(tc.metric), tc.path)
		if n.Attainment.Cmp(r(tc.att)) != 0 || n.Status != tc.status {
			t.Errorf("%s %s: attainment %v status %s, want %s %s", tc.metric, tc.path, n.Attainment, n.Status, tc.att, tc.status)
		}
	}
	if n := node(t, ms.Card("budget"), "a"); n.Payout != nil || n.Misses != 1 {
		t.Errorf("a cost pays nothing, got %v; a month over budget is a miss, got %d", n.Payout, n.Misses)
	}
	if n := node(t, ms.Card("deals"), "a"); n.Misses != 0 {
		t.Errorf("deals a met January, misses %d", n.Misses)
	}
	// budget total: 14.1 / 12 = 1.175 → red.
	if tot := ms.Card("budget").Dimensions[0].Total; tot.Status != StatusRed {
		t.Errorf("budget total %s", tot.Status)
	}
	// The ratio win = margin / revenue: a 15/60 = 25 % against 25 % → 100 %;
	// b 9/30 = 30 % against its own 30 % → 100 %; the total 24/90 against 25 %.
	if len(ms.Ratios) != 1 {
		t.Fatalf("%d ratios", len(ms.Ratios))
	}
	rd := ms.Ratios[0].Dimensions[0]
	if a := rd.Nodes[0]; a.Actual.Cmp(r("1/4")) != 0 || a.Attainment.Cmp(r("1")) != 0 || a.Status != StatusGreen {
		t.Errorf("win a: %v %v %s", a.Actual, a.Attainment, a.Status)
	}
	if b := rd.Nodes[1]; b.Target.Cmp(r("3/10")) != 0 || b.Attainment.Cmp(r("1")) != 0 {
		t.Errorf("win b: target %v attainment %v", b.Target, b.Attainment)
	}
	if rd.Total.Attainment.Cmp(r("16/15")) != 0 {
		t.Errorf("win total attainment %v, want 16/15", rd.Total.Attainment)
	}
}

func TestKPIScore(t *testing.T) {
	ms := trackMetricsOf(t, metricsPlan, metricsActuals, "")
	r := func(s string) *big.Rat { v, _ := new(big.Rat).SetString(s); return v }
	kd := ms.KPI.Dimensions[0]
	if !slices.Equal(kd.Metrics, []string{"revenue", "deals", "budget"}) {
		t.Fatalf("kpi metrics %v", kd.Metrics)
	}
	// a: 60 % × 0.8 + 20 % × 1 + 20 % × min(1, 9/10.8 = 5/6) = 127/150 (84.7 %, yellow).
	a := kd.Nodes[0]
	if a.Score.Cmp(r("127/150")) != 0 || a.Status != StatusYellow || a.Parts[2].Cmp(r("5/6")) != 0 {
		t.Errorf("a: score %v status %s parts %v", a.Score, a.Status, a.Parts)
	}
	// b: 60 % × 1.2 + 20 % × 0.5 + 20 % × 3/3.3 = 0.82 + 2/11 = 551/550 (green).
	b := kd.Nodes[1]
	if b.Score.Cmp(r("551/550")) != 0 || b.Status != StatusGreen {
		t.Errorf("b: score %v status %s", b.Score, b.Status)
	}
	// A cost with nothing spent scores 1.
	if got := kpiPart(KindCost, &NodeScore{YTDTarget: 5, YTDActual: new(big.Rat)}, One); got.Cmp(ratOne) != 0 {
		t.Errorf("nothing spent scores %v", got)
	}
	// incentive.on: kpi pays by the score: a's revenue payout is 127/150, not 80 %.
	kpi := strings.Replace(metricsPlan, "kpi:", "incentive: {on: kpi}\nkpi:", 1)
	ms = trackMetricsOf(t, kpi, metricsActuals, "")
	if n := node(t, ms.Main, "a"); n.Payout.Cmp(r("127/150")) != 0 {
		t.Errorf("payout on kpi %v, want 127/150", n.Payout)
	}
	// --metric budget: that metric alone, no KPI.
	ms = trackMetricsOf(t, metricsPlan, metricsActuals, "budget")
	if len(ms.Cards) != 1 || ms.Main.Breakdown.Metric != "budget" || ms.KPI != nil {
		t.Errorf("only budget: %d cards, main %s, kpi %v", len(ms.Cards), ms.Main.Breakdown.Metric, ms.KPI)
	}
}

func TestTrackMetricRowErrors(t *testing.T) {
	p := mustLoad(t, metricsPlan)
	recs, _ := ReadActuals("actuals.csv", []byte(`period,dimension,path,metric,amount
2027-01,org,a,visits,1
2027-01,org,a,win,1
2027-01,org,a,deals,1.5
2027-01,org,a,,10
`))
	_, diags, err := TrackMetrics(p, nil, "", "", "actuals.csv", recs, Month{})
	want := `actuals.csv:2: error: unknown metric "visits"
	hint: the plan's metrics are: revenue, deals, margin, budget, calls, win
actuals.csv:3: error: win is a ratio metric; actuals belong to its sides
	hint: book its numerator (margin) and denominator (revenue); the ratio is computed from them
actuals.csv:4: error: deals is a count; 1.5 is not a whole number
	hint: a count is a whole number`
	if err != nil || diags.Err() == nil || diags.Err().Error() != want {
		t.Errorf("got %v\n%v\nwant\n%s", err, diags.Err(), want)
	}
}

// TestMetricOverridesRandom: random trees whose sibling groups share a metric
// by their own overrides (percents, factors, history, fixed amounts) or by
// revenue's shares; every split adds up both ways (children to parents in
// every month, rows to their amounts) and every share is within one unit.
func TestMetricOverridesRandom(t *testing.T) {
	checked := 0
	defer func() {
		if checked < 200 {
			t.Errorf("only %d of 300 splits checked", checked)
		}
	}()
	for seed := range uint64(150) {
		rng := rand.New(rand.NewPCG(seed, 11))
		var b strings.Builder
		b.WriteString("version: 1\nyear: {start: 2027-04}\ntarget: 1_000_000\nreserve: 5%\nmetrics:\n")
		fmt.Fprintf(&b, "  - {name: m, target: %d}\n", rng.IntN(5000))
		fmt.Fprintf(&b, "  - {name: c, kind: cost, rate: %d%%, of: m, seasonality: {basis: working_days}}\n", rng.IntN(40)+1)
		b.WriteString("seasonality: {quarters: [\"10%\", \"20%\", \"30%\", \"40%\"]}\ndimensions:\n  org:\n")
		id := 0
		var group func(indent string, depth int)
		group = func(indent string, depth int) {
			n := rng.IntN(4) + 1
			kind := rng.IntN(5) // 0: no override; 1 percents; 2 factors; 3 history; 4 a fixed amount and factors
			pcts := make([]int, n)
			left := 100
			for i := range n - 1 {
				pcts[i] = rng.IntN(left + 1)
				left -= pcts[i]
			}
			pcts[n-1] = left
			for i := range n {
				id++
				fmt.Fprintf(&b, "%s- name: n%d\n%s  weight: %d\n", indent, id, indent, rng.IntN(5))
				switch {
				case kind == 1:
					fmt.Fprintf(&b, "%s  metrics: {m: {weight: \"%d%%\"}}\n", indent, pcts[i])
				case kind == 2:
					fmt.Fprintf(&b, "%s  metrics: {m: {weight: %d}}\n", indent, rng.IntN(4))
				case kind == 3:
					fmt.Fprintf(&b, "%s  metrics: {m: {last_year: %d, growth: \"%d%%\"}}\n", indent, rng.IntN(100)+1, rng.IntN(50)-20)
				case kind == 4 && i == 0:
					fmt.Fprintf(&b, "%s  metrics: {m: {amount: %d}}\n", indent, rng.IntN(3))
				case kind == 4:
					fmt.Fprintf(&b, "%s  metrics: {m: {weight: %d}}\n", indent, rng.IntN(3)+1)
				}
				if depth < 3 && rng.IntN(2) == 0 {
					if rng.IntN(3) == 0 {
						fmt.Fprintf(&b, "%s  reserve: %d%%\n", indent, rng.IntN(20))
					}
					fmt.Fprintf(&b, "%s  children:\n", indent)
					group(indent+"    ", depth+1)
				}
			}
		}
		group("    ", 1)
		src := b.String()
		p, diags := Load("plan.yaml", []byte(src))
		if p == nil || diags.HasErrors() {
			t.Fatalf("seed %d: %v\n%s", seed, diags.Err(), src)
		}
		for _, metric := range []string{"m", "c"} {
			bd, err := Split(p, Options{Metric: metric})
			var inv *InvalidError
			if errors.As(err, &inv) && strings.Contains(err.Error(), "fixed amounts") {
				continue // a fixed override above what a small parent has
			}
			if err != nil {
				t.Fatalf("seed %d metric %s: %v\n%s", seed, metric, err, src)
			}
			checkBreakdown(t, bd)
			checked++
		}
	}
}
