package plan

import (
	"strings"
	"testing"
)

// TestLoadActivities checks what a stage's activities read: names in file
// order, exact decimal counts, and per-node overrides in both override forms.
func TestLoadActivities(t *testing.T) {
	text := strings.Replace(funnelLoadBase, "{name: a}", "{name: a, funnel: {stages: {商机: {activities: {拜访: 0.5}}}}}", 1) +
		"funnel:\n  deal_size: 10\n  stages:\n    - {name: 商机, rate: 10%, activities: {拜访: 3, 方案: 1}}\n    - {name: 成交, activities: {签约: 1}}\n"
	p, diags := Load("p.yaml", []byte(text))
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	acts := p.Funnel.Stages[0].Activities
	if len(acts) != 2 || acts[0].Name != "拜访" || acts[0].Count.RatString() != "3" || acts[1].Name != "方案" || acts[1].Count.RatString() != "1" {
		t.Errorf("stage activities %+v", acts)
	}
	if got := p.Funnel.Stages[1].Activities; len(got) != 1 || got[0].Name != "签约" {
		t.Errorf("won stage activities %+v", got)
	}
	ov := p.Dimensions[0].Roots[0].Children[0].Funnel.Stages[0]
	if len(ov.Activities) != 1 || ov.Activities[0].Count.RatString() != "1/2" {
		t.Errorf("override activities %+v", ov.Activities)
	}
	list := strings.Replace(text, "stages: {商机: {activities: {拜访: 0.5}}}", "stages: [{name: 商机, activities: {拜访: 2}}]", 1)
	p, diags = Load("p.yaml", []byte(list))
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	if ov := p.Dimensions[0].Roots[0].Children[0].Funnel.Stages[0]; len(ov.Activities) != 1 || ov.Activities[0].Count.RatString() != "2" {
		t.Errorf("list override activities %+v", ov.Activities)
	}
}

// TestLoadActivityErrors checks that each bad activity is reported once, at
// its FILE:LINE:COL, and that all of a file's are reported.
func TestLoadActivityErrors(t *testing.T) {
	text := funnelLoadBase + "funnel:\n  deal_size: 10\n  stages:\n" +
		"    - {name: x, rate: 10%, activities: {拜访: -1, 方案: many, 拜访: 2}}\n" +
		"    - {name: y, rate: 1, activities: [拜访]}\n" +
		"    - {name: z, activities: {拜访: 2000000}}\n"
	_, diags := Load("p.yaml", []byte(text))
	want := []string{
		"p.yaml:16:45: error: activity 拜访 of stage x must not be negative",
		"p.yaml:16:53: error: activity 方案 of stage x: \"many\" is not a number",
		"p.yaml:16:59: error: duplicate activity \"拜访\" in stage x",
		"p.yaml:17:38: error: activities of stage y must be a mapping",
		"p.yaml:18:34: error: activity 拜访 of stage z is more than a million per entry",
	}
	errs := diags.Errors()
	if len(errs) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(errs), len(want), funnelLoadDiags(errs))
	}
	for i, w := range want {
		if got := errs[i].String(); !strings.HasPrefix(got, w) {
			t.Errorf("error %d:\n got %s\nwant %s…", i, got, w)
		}
	}
}
