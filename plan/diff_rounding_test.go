package plan

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// The case: in the company example, 销售部 70 % → 65 % and 市场部
// 20 % → 25 %. Only those branches change; 王强 (a fixed 3,000,000 under
// 大客户组) keeps his exact months, so at most his rounding moves, and no row
// outside the two branches is changed (by week, 供应链's week segments may
// move by rounding: its block's other rows changed).
func TestDiffChangeInOneBranch(t *testing.T) {
	src, err := os.ReadFile("../examples/company/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	edited := diffEdit(t, text, "- name: 销售部\n      weight: 70%", "- name: 销售部\n      weight: 65%", "{name: 市场部, weight: 20%}", "{name: 市场部, weight: 25%}")
	for _, period := range []Period{PeriodQuarter, PeriodMonth, PeriodWeek} {
		c, err := Diff(diffSplit(t, text), diffSplit(t, edited), period)
		if err != nil {
			t.Fatal(err)
		}
		checkDiff(t, c)
		for _, s := range diffStatuses(c) {
			if strings.HasSuffix(s, "=rounding") {
				continue
			}
			if !slices.Contains([]string{"org:销售部", "org:销售部/大客户组", "org:销售部/大客户组/张伟", "org:销售部/大客户组/李娜",
				"org:销售部/中小客户组", "org:销售部/中小客户组/赵敏", "org:销售部/中小客户组/孙丽", "org:市场部"}, s[:len(s)-len("=changed")]) {
				t.Errorf("%s: %s", period, s)
			}
		}
	}
}

// A row whose exact values did not change but whose cells moved is
// rounding; a row whose amount is the same but whose seasonality changed is
// changed (its exact months moved).
func TestDiffRoundingStatus(t *testing.T) {
	old := diffSplit(t, diffBase)
	finer := diffSplit(t, diffEdit(t, diffBase, "round: 1000", "round: 0.01"))
	c, err := Diff(old, finer, PeriodMonth)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range c.Dimensions {
		for _, r := range d.Rows {
			if r.Status == DiffRounding {
				found = true
				if r.Amount.Changed() {
					t.Errorf("%s is rounding but its amount changed", r.PathString())
				}
			}
		}
	}
	if !found {
		t.Fatalf("no rounding row: %q", diffStatuses(c))
	}
	season := diffSplit(t, diffEdit(t, diffBase, `quarters: ["25%", "30%", "30%", "15%"]`, `quarters: ["25%", "30%", "30%", "15%"]`+"\n  months: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"))
	c, err = Diff(old, season, PeriodMonth)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range diffStatuses(c) {
		if strings.HasSuffix(s, "=rounding") {
			t.Errorf("a new seasonality moves exact values: %s", s)
		}
	}
}
