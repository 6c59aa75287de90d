package funnel

import (
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/planhq/plan/plan"
)

func loadPlan(t testing.TB, name, text string) *plan.Plan {
	t.Helper()
	p, diags := plan.Load(name, []byte(text))
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	return p
}

func loadExample(t testing.TB, dir string) *plan.Plan {
	t.Helper()
	path := filepath.Join("..", "examples", dir, "plan.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return loadPlan(t, path, string(data))
}

func run(t testing.TB, p *plan.Plan, tier string) *Result {
	t.Helper()
	res, err := Run(p, plan.Options{Tier: tier})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSeedExample(t *testing.T) {
	// SPEC §1: 50,000,000 at 1,000,000 a deal is 50 deals; at a 10 % win
	// rate 500 qualified prospects; over 5 account managers, 100 prospects
	// and 10,000,000 each.
	res := run(t, loadExample(t, "funnel-seed"), "")
	if len(res.Rows) != 5 {
		t.Fatalf("%d rows, want the 5 account managers", len(res.Rows))
	}
	for _, r := range res.Rows {
		if r.Target.Cmp(big.NewRat(10_000_000, 1)) != 0 || r.Deals != 10 || r.Stages[0].Required != 100 {
			t.Errorf("%v: target %s, %d deals, %d prospects; want 10000000, 10, 100", r.Path, r.Target.RatString(), r.Deals, r.Stages[0].Required)
		}
	}
	tot := res.Total
	if tot.Target.Cmp(big.NewRat(50_000_000, 1)) != 0 || tot.Deals != 50 || tot.Stages[0].Required != 500 || tot.Stages[1].Required != 50 {
		t.Errorf("total: target %s, %d deals, stages %+v", tot.Target.RatString(), tot.Deals, tot.Stages)
	}
	if !slices.Equal(res.StageNames, []string{"商机", "成交"}) {
		t.Errorf("stages %v", res.StageNames)
	}
	// The team's deals follow its money, even over the year: 50/12 ≈ 4.2 a
	// month, so 4 or 5 every month (issue 14: it was 5 a month then 1 in
	// December); each person 0 or 1 a month and 2 or 3 a quarter.
	for m, v := range tot.DealMonths {
		if v != 4 && v != 5 {
			t.Errorf("month %d: the team closes %d deals, want 4 or 5", m+1, v)
		}
	}
	for _, r := range res.Rows {
		for q := range 4 {
			if n := r.DealMonths[3*q] + r.DealMonths[3*q+1] + r.DealMonths[3*q+2]; n != 2 && n != 3 {
				t.Errorf("%v Q%d: %d deals, want 2 or 3", r.Path, q+1, n)
			}
		}
	}
	// Activities: 8 visits a prospect, 100 prospects: 800 visits over the 53
	// ISO weeks of 2027 with a working day (2026-W53 holds Friday 1 January).
	if res.WeeksActive != 53 || !slices.Equal(res.ActivityNames, []string{"拜访", "合同"}) {
		t.Fatalf("%d weeks, activities %v", res.WeeksActive, res.ActivityNames)
	}
	a := res.Rows[0].Activities[0]
	if a.Total != 800 || a.Weekly.Cmp(big.NewRat(800, 53)) != 0 || a.Before+sum(a.Months) != 800 {
		t.Errorf("visits %+v", a)
	}
	// The challenge tier (120 %) is 60 deals and 600 prospects.
	ch := run(t, loadExample(t, "funnel-seed"), "challenge")
	if ch.Total.Deals != 60 || ch.Total.Stages[0].Required != 600 {
		t.Errorf("challenge: %d deals, %d prospects; want 60, 600", ch.Total.Deals, ch.Total.Stages[0].Required)
	}
}

func sum(vs []int64) int64 {
	var t int64
	for _, v := range vs {
		t += v
	}
	return t
}

func TestStagesExample(t *testing.T) {
	res := run(t, loadExample(t, "funnel-stages"), "")
	var paths []string
	for _, r := range res.Rows {
		paths = append(paths, strings.Join(r.Path, "/"))
	}
	// The reserve of 上海团队 runs no funnel.
	want := []string{"上海团队/陈静", "上海团队/刘洋", "上海团队/周婷", "杭州团队/吴磊", "杭州团队/郑爽"}
	if !slices.Equal(paths, want) {
		t.Fatalf("rows %v, want %v", paths, want)
	}
	chen := res.Rows[0]
	// 上海团队's deal size, 陈静's own 确认商机 rate, the plan's days.
	if chen.DealSize.Cmp(big.NewRat(800_000, 1)) != 0 || chen.Settings.Stages[2].Rate.Cmp(big.NewRat(55, 100)) != 0 ||
		chen.Settings.Stages[0].Days != 7 || !chen.Overridden {
		t.Errorf("陈静's settings: %+v", chen.Settings)
	}
	wu := res.Rows[3]
	if wu.Settings.Stages[6].Days != 20 || wu.Stages[5].Pipeline != 5 {
		t.Errorf("吴磊: 商务谈判 days %d, 赢得认可 pipeline %d", wu.Settings.Stages[6].Days, wu.Stages[5].Pipeline)
	}
	checkTotals(t, res)
}

// checkTotals checks that the total is the sum of the rows.
func checkTotals(t *testing.T, res *Result) {
	t.Helper()
	var amount, deals int64
	target := new(big.Rat)
	stages := make([]StageWork, len(res.StageNames))
	for _, r := range res.Rows {
		amount += r.Amount
		deals += r.Deals
		target.Add(target, r.Target)
		for i, s := range r.Stages {
			stages[i].Required += s.Required
			stages[i].Pipeline += s.Pipeline
			stages[i].New += s.New
			stages[i].Before += s.Before
		}
	}
	tot := res.Total
	if tot.Amount != amount || tot.Deals != deals || tot.Target.Cmp(target) != 0 {
		t.Errorf("total %d/%d/%s, rows add up to %d/%d/%s", tot.Amount, tot.Deals, tot.Target.RatString(), amount, deals, target.RatString())
	}
	for i, s := range tot.Stages {
		if s.Required != stages[i].Required || s.Pipeline != stages[i].Pipeline || s.New != stages[i].New || s.Before != stages[i].Before {
			t.Errorf("total stage %s: %+v, rows add up to %+v", s.Name, s, stages[i])
		}
	}
}

const wholePlan = `version: 1
name: whole
year: {start: 2027-01}
target: 1_000_000
reserve: 10%
dimensions:
  product:
    - {name: A}
    - {name: B}
funnel:
  deal_size: 70_000
  stages:
    - {name: lead, rate: 70%, days: 45}
    - {name: won}
  pipeline: {lead: 3}
`

func TestWholeTarget(t *testing.T) {
	// No org dimension: one run on the 900,000 allocated after the reserve:
	// ⌈900000 / 70000⌉ = 13 deals, ⌈13 / 70%⌉ = 19 leads, 3 in flight.
	res := run(t, loadPlan(t, "whole.yaml", wholePlan), "")
	if res.Dimension != "" || len(res.Rows) != 1 {
		t.Fatalf("dimension %q, %d rows; want the whole target", res.Dimension, len(res.Rows))
	}
	r := res.Rows[0]
	if len(r.Path) != 0 || r.Source != nil || r.Amount != 900_000 || r.Deals != 13 || r.Stages[0].Required != 19 || r.Stages[0].New != 16 {
		t.Errorf("row: path %v, amount %d, deals %d, stages %+v", r.Path, r.Amount, r.Deals, r.Stages)
	}
	checkTotals(t, res)
}

func TestComputeRefuses(t *testing.T) {
	noFunnel := loadPlan(t, "p.yaml", "version: 1\nname: x\nyear: {start: 2027-01}\ntarget: 100\n")
	var prob *plan.Problem
	if _, err := Run(noFunnel, plan.Options{}); !errors.As(err, &prob) || !strings.Contains(err.Error(), "no funnel") {
		t.Errorf("no funnel section: err = %v", err)
	}
	p := loadPlan(t, "p.yaml", wholePlan+"metrics:\n  - {name: visits, target: 100, kind: count}\n")
	b, err := plan.Split(p, plan.Options{Metric: "visits"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Compute(b); !errors.As(err, &prob) {
		t.Errorf("a metric's breakdown: err = %v, want a problem", err)
	}
	// A deal size of 0.01 on 10¹⁴ is 10¹⁶ deals: an error, not an overflow.
	huge := strings.Replace(wholePlan, "target: 1_000_000", "target: 100_000_000_000_000", 1)
	huge = strings.Replace(huge, "deal_size: 70_000", "deal_size: 0.01", 1)
	if _, err := Run(loadPlan(t, "p.yaml", huge), plan.Options{}); !errors.As(err, &prob) || !strings.Contains(err.Error(), "more than") {
		t.Errorf("too many deals: err = %v", err)
	}
}

const inheritPlan = `version: 1
name: inherit
year: {start: 2027-01}
target: 1200
dimensions:
  org:
    - name: team
      funnel: {deal_size: 50, win_rate: 20%}
      children:
        - name: sub
          funnel: {stages: {prospect: {days: 30}}}
          children:
            - {name: a, funnel: {win_rate: 25%, pipeline: {prospect: 4}}}
            - {name: b}
    - {name: solo}
funnel:
  deal_size: 100
  win_rate: 10%
`

func TestInheritance(t *testing.T) {
	res := run(t, loadPlan(t, "inherit.yaml", inheritPlan), "")
	want := []struct {
		path     string
		dealSize int64
		rate     *big.Rat
		days     int
		pipeline int64
	}{
		{"team/sub/a", 50, big.NewRat(1, 4), 30, 4},
		{"team/sub/b", 50, big.NewRat(1, 5), 30, 0},
		{"solo", 100, big.NewRat(1, 10), 0, 0},
	}
	if len(res.Rows) != len(want) {
		t.Fatalf("%d rows", len(res.Rows))
	}
	for i, w := range want {
		r := res.Rows[i]
		s := r.Settings
		if strings.Join(r.Path, "/") != w.path || s.DealSize.Cmp(big.NewRat(w.dealSize, 1)) != 0 ||
			s.Stages[0].Rate.Cmp(w.rate) != 0 || s.Stages[0].Days != w.days || r.Stages[0].Pipeline != w.pipeline {
			t.Errorf("row %d: %v %+v pipeline %d; want %+v", i, r.Path, s, r.Stages[0].Pipeline, w)
		}
		if r.Overridden != (w.path != "solo") {
			t.Errorf("%s: overridden = %v", w.path, r.Overridden)
		}
	}
}
