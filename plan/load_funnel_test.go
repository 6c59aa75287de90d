package plan

import (
	"strings"
	"testing"
)

// funnelLoadBase is a valid plan whose funnel section each case replaces or
// extends; its org leaves are on lines 9–12.
const funnelLoadBase = `version: 1
name: t
year: {start: 2027-01}
target: 100
dimensions:
  org:
    - name: team
      children:
        - {name: a}
        - {name: b}
  product:
    - {name: p}
`

// TestLoadFunnelErrors checks the funnel section's errors: each names its
// FILE:LINE:COL, and every problem of a file is reported.
func TestLoadFunnelErrors(t *testing.T) {
	tests := []struct {
		name string
		text string   // appended to funnelLoadBase, or a whole plan when it starts with "version"
		want []string // the diagnostics, each a prefix of its first line
	}{
		{"rate above 1", "funnel: {deal_size: 10, win_rate: 10}\n",
			[]string{`p.yaml:13:35: error: funnel.win_rate 10 is above 1`}},
		{"zero rate", "funnel:\n  deal_size: 10\n  stages: [{name: x, rate: 0%}, {name: y}]\n",
			[]string{`p.yaml:15:28: error: rate of stage x must be above 0%`}},
		{"rate above 100%", "funnel:\n  deal_size: 10\n  stages: [{name: x, rate: 101%}, {name: y}]\n",
			[]string{`p.yaml:15:28: error: rate of stage x must be at most 100%`}},
		{"zero deal size", "funnel: {deal_size: 0, win_rate: 10%}\n",
			[]string{`p.yaml:13:21: error: funnel.deal_size must be above 0`}},
		{"negative deal size", "funnel: {deal_size: -5, win_rate: 10%}\n",
			[]string{`p.yaml:13:21: error: funnel.deal_size must not be negative`}},
		{"unknown dimension", "funnel: {dimension: team, deal_size: 1, win_rate: 10%}\n",
			[]string{`p.yaml:13:21: error: funnel.dimension "team" is not a dimension of the plan`}},
		{"unknown stage in a pipeline", strings.Replace(funnelLoadBase, "{name: a}", "{name: a, funnel: {pipeline: {prospekt: 3}}}", 1) +
			"funnel: {deal_size: 1, win_rate: 10%}\n",
			[]string{`p.yaml:9:41: error: pipeline stage "prospekt" is not a stage of the funnel`}},
		{"unknown stage in an override", strings.Replace(funnelLoadBase, "name: team\n", "name: team\n      funnel: {stages: {wonn: {days: 3}}}\n", 1) +
			"funnel: {deal_size: 1, win_rate: 10%}\n",
			[]string{`p.yaml:8:25: error: stage "wonn" is not a stage of the funnel`}},
		{"pipeline on a non-leaf", strings.Replace(funnelLoadBase, "name: team\n", "name: team\n      funnel: {pipeline: {won: 1}}\n", 1) +
			"funnel: {deal_size: 1, win_rate: 10%}\n",
			[]string{`p.yaml:8:16: error: pipeline on a node that has children`}},
		{"plan pipeline with the dimension", "funnel: {deal_size: 1, win_rate: 10%, pipeline: {won: 1}}\n",
			[]string{`p.yaml:13:50: error: a plan-level pipeline is only for a plan without the org dimension`}},
		{"settings on another dimension", strings.Replace(funnelLoadBase, "{name: p}", "{name: p, funnel: {deal_size: 5}}", 1) +
			"funnel: {deal_size: 1, win_rate: 10%}\n",
			[]string{`p.yaml:12:25: error: funnel settings on p in dimension product are never used`}},
		{"settings without the funnel dimension", "version: 1\nname: t\nyear: {start: 2027-01}\ntarget: 100\ndimensions:\n  region:\n    - {name: r, funnel: {deal_size: 5}}\nfunnel: {deal_size: 1, win_rate: 10%}\n",
			[]string{"p.yaml:7:25: error: funnel settings on r in dimension region are never used\n\thint: the plan has no org dimension, so the funnel runs once on the whole target; set `funnel: {dimension: region}`"}},
		{"win_rate and the prospect rate", strings.Replace(funnelLoadBase, "{name: a}", "{name: a, funnel: {win_rate: 20%, stages: {prospect: {rate: 30%}}}}", 1) +
			"funnel: {deal_size: 1, win_rate: 10%}\n",
			[]string{`p.yaml:9:54: error: a sets both win_rate and the rate of stage prospect`}},
		{"duplicate override", strings.Replace(funnelLoadBase, "{name: a}", "{name: a, funnel: {stages: [{name: won, days: 1}, {name: won, days: 2}]}}", 1) +
			"funnel: {deal_size: 1, win_rate: 10%}\n",
			[]string{`p.yaml:9:61: error: duplicate override of stage "won"`}},
		{"override days above ten years", strings.Replace(funnelLoadBase, "{name: a}", "{name: a, funnel: {stages: {won: {days: 4000}}}}", 1) +
			"funnel: {deal_size: 1, win_rate: 10%}\n",
			[]string{`p.yaml:9:51: error: days of stage won is more than ten years`}},
		{"empty stage name", "funnel:\n  deal_size: 10\n  stages: [{name: \"\", rate: 10%}, {name: y}]\n",
			[]string{`p.yaml:15:19: error: a stage name must not be empty`}},
		{"non-scalar pipeline key", strings.Replace(funnelLoadBase, "{name: a}", "{name: a, funnel: {pipeline: {[won]: 1}}}", 1) +
			"funnel: {deal_size: 1, win_rate: 10%}\n",
			[]string{`p.yaml:9:41: error: keys of a pipeline must be stage names`}},
		{"every problem at once", strings.Replace(funnelLoadBase, "{name: a}", "{name: a, funnel: {deal_size: 0, pipeline: {x: 1}}}", 1) +
			"funnel:\n  deal_size: 10\n  stages: [{name: x, rate: 2}, {name: y}]\n",
			[]string{`p.yaml:9:41: error: funnel.deal_size must be above 0`, `p.yaml:15:28: error: rate of stage x 2 is above 1`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.text
			if !strings.HasPrefix(text, "version") {
				text = funnelLoadBase + text
			}
			_, diags := Load("p.yaml", []byte(text))
			errs := diags.Errors()
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(errs), len(tt.want), funnelLoadDiags(errs))
			}
			for i, w := range tt.want {
				if got := errs[i].String(); !strings.HasPrefix(got, w) {
					t.Errorf("error %d:\n got %s\nwant %s…", i, got, w)
				}
			}
		})
	}
}

// TestLoadFunnelAccepts checks what the funnel section reads when it is valid.
func TestLoadFunnelAccepts(t *testing.T) {
	text := strings.Replace(funnelLoadBase, "{name: a}", "{name: a, funnel: {deal_size: 5, stages: [{name: prospect, days: 9}], pipeline: {prospect: 4, won: 1}}}", 1) +
		"funnel: {deal_size: 1.5k, win_rate: \"12.5%\"}\n"
	p, diags := Load("p.yaml", []byte(text))
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	fn := p.Funnel
	if fn.Dimension != DefaultFunnelDimension || fn.DealSize.RatString() != "1500" || fn.WinRate.RatString() != "1/8" ||
		len(fn.Stages) != 2 || fn.Stages[0].Name != ProspectStage || fn.Stages[1].Name != WonStage {
		t.Errorf("funnel %+v", fn)
	}
	nf := p.Dimensions[0].Roots[0].Children[0].Funnel
	if nf == nil || nf.DealSize.RatString() != "5" || len(nf.Stages) != 1 || *nf.Stages[0].Days != 9 ||
		len(nf.Pipeline) != 2 || nf.Pipeline[0].Count != 4 || nf.Pipeline[1].Stage != WonStage {
		t.Errorf("node funnel %+v", nf)
	}
}

func funnelLoadDiags(ds Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// TestFunnelWithoutOrgWarns checks that a funnel that falls back to the whole
// target because the plan has dimensions but none named org says so.
func TestFunnelWithoutOrgWarns(t *testing.T) {
	src := "version: 1\nyear: {start: 2027-01}\ntarget: 1000\ndimensions:\n  team: [a, b]\nfunnel: {deal_size: 10, win_rate: 10%}\n"
	_, diags := Load("plan.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want := "plan.yaml:6:9: warning: the plan has no org dimension, so the funnel runs once on the whole target\n\thint: set funnel.dimension to run it per leaf of team"
	if len(diags) != 1 || diags[0].String() != want {
		t.Fatalf("got %v, want %q", diags, want)
	}
	// With funnel.dimension, or without any dimension, there is nothing to say.
	for _, quiet := range []string{
		"version: 1\nyear: {start: 2027-01}\ntarget: 1000\ndimensions:\n  team: [a, b]\nfunnel: {dimension: team, deal_size: 10, win_rate: 10%}\n",
		"version: 1\nyear: {start: 2027-01}\ntarget: 1000\nfunnel: {deal_size: 10, win_rate: 10%}\n",
	} {
		if _, diags := Load("plan.yaml", []byte(quiet)); len(diags) != 0 {
			t.Fatalf("unexpected diagnostics %v", diags)
		}
	}
}
