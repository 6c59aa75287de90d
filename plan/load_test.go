package plan

import (
	"fmt"
	"strings"
	"testing"
)

// base is the smallest valid plan; cases append to it.
const base = "version: 1\nyear: {start: 2027-01}\ntarget: 1000\n"

// Bad plans, one case per rule of SPEC §8 and per loader message: every
// diagnostic of `plan validate` (the loader, then the engine on every tier and
// metric) with its exact FILE:LINE:COL, message and hint, in file order. Each
// position was checked by hand to point at the value, key or item at fault.
func TestValidateBadPlans(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // the diagnostics, one String() per line; "" for a clean plan
	}{
		{
			name: "empty file",
			src:  "",
			want: "plan.yaml:1:1: error: the plan is empty\n\thint: start from a complete example with `plan init`",
		},
		{
			name: "only comments",
			src: `# a plan
   # nothing else
`,
			want: "plan.yaml:1:1: error: the plan is empty\n\thint: start from a complete example with `plan init`",
		},
		{
			name: "malformed YAML: an unclosed flow list",
			src: `version: 1
year: {start: 2027-01}
target: [1000
`,
			want: `plan.yaml:3:1: error: malformed YAML: did not find expected ',' or ']'`,
		},
		{
			name: "tabs for indentation",
			src: `version: 1
year:
	start: 2027-01
target: 1000
`,
			want: `plan.yaml:3:1: error: malformed YAML: found character that cannot start any token
	hint: indent with spaces, not tabs`,
		},
		{
			name: "a second YAML document",
			src: `version: 1
year: {start: 2027-01}
target: 1000
---
target: 2000
`,
			want: "plan.yaml:4:1: error: the file holds more than one YAML document\n\thint: a plan file holds one plan; remove the `---` separator and what follows",
		},
		{
			name: "the plan is a list",
			src: `- version: 1
`,
			want: `plan.yaml:1:1: error: the plan must be a mapping (key: value), found a list`,
		},
		{
			name: "the plan is a single value",
			src: `just words
`,
			want: `plan.yaml:1:1: error: the plan must be a mapping (key: value), found "just words"`,
		},
		{
			name: "binary garbage",
			src:  "\x00\x01\xfe\xff garbage \x89PNG\r\n",
			want: `plan.yaml:1:1: error: the file holds the control character U+0000
	hint: remove it: a plan is text`,
		},
		{
			name: "unknown top-level key close to a known one (no second error for the missing target)",
			src: `version: 1
year: {start: 2027-01}
targte: 1000
`,
			want: "plan.yaml:3:1: error: unknown key \"targte\" in the plan\n\thint: did you mean \"target\"?",
		},
		{
			name: "unknown top-level key that is a synonym",
			src: `version: 1
year: {start: 2027-01}
goal: 1000
`,
			want: "plan.yaml:3:1: error: unknown key \"goal\" in the plan\n\thint: did you mean \"target\"?",
		},
		{
			name: "unknown top-level key far from every known key",
			src: `version: 1
year: {start: 2027-01}
target: 1000
colour: blue
`,
			want: `plan.yaml:4:1: error: unknown key "colour" in the plan
	hint: known keys: version, name, currency, round, year, target, reserve, tiers, metrics, seasonality, dimensions, funnel, tracking, incentive, base, ramp, capacity, kpi, ageing`,
		},
		{
			name: "duplicate key",
			src: `version: 1
year: {start: 2027-01}
target: 1000
target: 2000
`,
			want: `plan.yaml:4:1: error: duplicate key "target" in the plan
	hint: remove one of them`,
		},
		{
			name: "merge keys are not supported",
			src: `version: 1
anchor: &b {start: 2027-01}
year: {<<: *b}
target: 1000
`,
			want: "plan.yaml:2:1: error: unknown key \"anchor\" in the plan\n\thint: known keys: version, name, currency, round, year, target, reserve, tiers, metrics, seasonality, dimensions, funnel, tracking, incentive, base, ramp, capacity, kpi, ageing\nplan.yaml:3:7: error: year has no start\n\thint: add `start: 2027-01` (the first month of the fiscal year)\nplan.yaml:3:8: error: merge keys (<<) are not supported\n\thint: write the keys out instead of merging them",
		},
		{
			name: "a key that is not a word",
			src: `version: 1
year: {start: 2027-01}
target: 1000
? [a, b]
: 1
`,
			want: `plan.yaml:4:3: error: keys of the plan must be plain words, found a list`,
		},
		{
			name: "unsupported format version",
			src: `version: 2
year: {start: 2027-01}
target: 1000
`,
			want: `plan.yaml:1:10: error: unsupported format version 2
	hint: this version of plan reads format version 1`,
		},
		{
			name: "no format version is a warning",
			src: `year: {start: 2027-01}
target: 1000
`,
			want: "plan.yaml:1:1: warning: no format version; reading it as version 1\n\thint: add `version: 1` at the top",
		},
		{
			name: "currency in lower case",
			src: base + `currency: cny
`,
			want: `plan.yaml:4:11: error: currency "cny" must be an ISO 4217 code in capitals
	hint: did you mean "CNY"?`,
		},
		{
			name: "currency that is not an ISO 4217 code",
			src: base + `currency: RMB¥
`,
			want: `plan.yaml:4:11: error: currency "RMB¥" is not an ISO 4217 code
	hint: use an ISO 4217 code such as CNY, USD or EUR`,
		},
		{
			name: "round zero",
			src: `version: 1
round: 0
year: {start: 2027-01}
target: 1000
`,
			want: `plan.yaml:2:8: error: round must be a positive decimal, found 0
	hint: round is the allocation unit, e.g. 1, 1000 or 0.01`,
		},
		{
			name: "round negative",
			src: `version: 1
round: -5
year: {start: 2027-01}
target: 1000
`,
			want: `plan.yaml:2:8: error: round must not be negative, found -5`,
		},
		{
			name: "no year",
			src: `version: 1
target: 1000
`,
			want: "plan.yaml:1:1: error: the plan has no year\n\thint: add `year: {start: 2027-01}` (the first month of the fiscal year)",
		},
		{
			name: "year without start",
			src: `version: 1
year: {holidays: []}
target: 1000
`,
			want: "plan.yaml:2:7: error: year has no start\n\thint: add `start: 2027-01` (the first month of the fiscal year)",
		},
		{
			name: "year.start is not a month",
			src: `version: 1
year: {start: 2027-13}
target: 1000
`,
			want: `plan.yaml:2:15: error: year.start: "2027-13" is not a month
	hint: write the month as YYYY-MM, e.g. 2027-01`,
		},
		{
			name: "a holiday that is not a date",
			src: `version: 1
year: {start: 2027-01, holidays: [2027-02-30]}
target: 1000
`,
			want: `plan.yaml:2:35: error: holiday "2027-02-30" is not a date or a date range
	hint: write dates as YYYY-MM-DD, and ranges as YYYY-MM-DD..YYYY-MM-DD`,
		},
		{
			name: "a holiday range that ends before it starts",
			src: `version: 1
year: {start: 2027-01, holidays: [2027-05-05..2027-05-01]}
target: 1000
`,
			want: `plan.yaml:2:35: error: holiday range "2027-05-05..2027-05-01" ends before it starts
	hint: write the earlier date first`,
		},
		{
			name: "a holiday outside the fiscal year",
			src: `version: 1
year: {start: 2027-04, holidays: [2027-02-10..2027-02-16]}
target: 1000
`,
			want: `plan.yaml:2:35: error: holiday "2027-02-10..2027-02-16" is outside the fiscal year
	hint: the fiscal year runs 2027-04 to 2028-03`,
		},
		{
			name: "a make-up workday outside the fiscal year",
			src: `version: 1
year: {start: 2027-01, workdays: [2028-01-08]}
target: 1000
`,
			want: `plan.yaml:2:35: error: make-up workday 2028-01-08 is outside the fiscal year
	hint: the fiscal year runs 2027-01 to 2027-12`,
		},
		{
			name: "a make-up workday on a weekday is a warning",
			src: `version: 1
year: {start: 2027-01, workdays: [2027-02-08]}
target: 1000
`,
			want: `plan.yaml:2:35: warning: make-up workday 2027-02-08 is a Monday
	hint: workdays lists weekend days that are worked; weekdays already are`,
		},
		{
			name: "no target",
			src: `version: 1
year: {start: 2027-01}
`,
			want: "plan.yaml:1:1: error: the plan has no target\n\thint: add e.g. `target: 50_000_000`",
		},
		{
			name: "a target that is not a multiple of round",
			src: `version: 1
round: 1000
year: {start: 2027-01}
target: 50_000_500
`,
			want: `plan.yaml:4:9: error: target 50000500 is not a multiple of round 1000
	hint: use 50000000 or 50001000, or change round`,
		},
		{
			name: "a target beyond 10^15 units",
			src: `version: 1
year: {start: 2027-01}
target: 2e15
`,
			want: `plan.yaml:3:9: error: target 2000000000000000 is too large (more than 1000000000000000 units of 1)
	hint: use a larger round, or a smaller amount`,
		},
		{
			name: "a negative target",
			src: `version: 1
year: {start: 2027-01}
target: -1000
`,
			want: `plan.yaml:3:9: error: target must not be negative, found -1000`,
		},
		{
			name: "a target that is not an amount",
			src: `version: 1
year: {start: 2027-01}
target: lots
`,
			want: `plan.yaml:3:9: error: target: "lots" is not an amount
	hint: write an amount such as 5000000, 5_000_000, "5,000,000", "500万", "0.5亿", "5M" or "1.5k"`,
		},
		{
			name: "a target written as a percentage",
			src: `version: 1
year: {start: 2027-01}
target: 25%
`,
			want: `plan.yaml:3:9: error: target: "25%" is a percentage, not an amount
	hint: write an amount such as 5000000, "5,000,000" or "500万"`,
		},
		{
			name: "a target that is a list",
			src: `version: 1
year: {start: 2027-01}
target: [1000]
`,
			want: `plan.yaml:3:9: error: target must be a single value, found a list`,
		},
		{
			name: "a target with no value",
			src: `version: 1
year: {start: 2027-01}
target:
`,
			want: `plan.yaml:3:8: error: target has no value`,
		},
		{
			name: "a reserve written as a plain number above 1",
			src: base + `reserve: 10
`,
			want: `plan.yaml:4:10: error: reserve 10 is above 1 (a plain number is a fraction: 1 = 100%)
	hint: did you mean "10%"?`,
		},
		{
			name: "a reserve of 100 %",
			src: base + `reserve: 100%
`,
			want: `plan.yaml:4:10: error: reserve must be below 100%, found 100%`,
		},
		{
			name: "a negative reserve",
			src: base + `reserve: -5%
`,
			want: `plan.yaml:4:10: error: reserve must be at least 0%, found -5%`,
		},
		{
			name: "a reserve that is not a rate",
			src: base + `reserve: some
`,
			want: `plan.yaml:4:10: error: reserve: "some" is not a rate
	hint: write a percentage such as "25%" or a fraction such as 0.25`,
		},
		{
			name: "tiers that are not a mapping",
			src: base + `tiers: [base, challenge]
`,
			want: "plan.yaml:4:8: error: tiers must be a mapping of names to factors, found a list\n\thint: write e.g. `tiers: {base: 100%, challenge: 120%}`",
		},
		{
			name: "a tier of zero",
			src: base + `tiers: {base: 100%, none: 0%}
`,
			want: `plan.yaml:4:27: error: tier none must be above 0%`,
		},
		{
			name: "a tier written as a large plain number",
			src: base + `tiers: {challenge: 120}
`,
			want: `plan.yaml:4:20: error: tier challenge: 120 would mean 12000%
	hint: did you mean "120%"?`,
		},
		{
			name: "metrics: no name, duplicate, unknown kind, no target, bad round, not a multiple",
			src: base + `metrics:
  - {target: 10}
  - {name: visits, target: 10}
  - {name: visits, target: 20}
  - {name: revenue, target: 20}
  - {name: calls, target: 5, kind: hours}
  - {name: deals}
  - {name: margin, target: 100, round: 0}
  - {name: cost, target: 1005, kind: amount, round: 10}
`,
			want: `plan.yaml:5:5: error: a metric has no name
plan.yaml:7:12: error: duplicate metric "visits"
plan.yaml:8:12: error: duplicate metric "revenue"
plan.yaml:9:36: error: unknown metric kind "hours"
	hint: use count, amount, cost or ratio
plan.yaml:10:5: error: metric deals has no target
	hint: give it a target, or a rate of another metric (rate: 3%, of: revenue)
plan.yaml:11:40: error: metric round must be a positive decimal, found 0
	hint: round is the allocation unit, e.g. 1, 1000 or 0.01
plan.yaml:12:26: error: metric target 1005 is not a multiple of round 10
	hint: use 1000 or 1010, or change round`,
		},
		{
			name: "seasonality: quarters of the wrong length",
			src: base + `seasonality:
  quarters: ["50%", "50%"]
`,
			want: `plan.yaml:5:13: error: seasonality.quarters must have 4 weights, found 2`,
		},
		{
			name: "seasonality: quarters mixing percents and numbers",
			src: base + `seasonality:
  quarters: ["25%", 1, 1, 1]
`,
			want: `plan.yaml:5:13: error: seasonality.quarters mixes percents and plain numbers
	hint: write all of them as percents or all as plain numbers`,
		},
		{
			name: "seasonality: percents that do not add up",
			src: base + `seasonality:
  quarters: ["25%", "25%", "25%", "20%"]
`,
			want: `plan.yaml:5:13: error: seasonality.quarters add up to 95%, not 100%
	hint: make them add up to 100%, or write plain numbers to have them normalised`,
		},
		{
			name: "seasonality: percents within 0.1 point are normalised with a warning",
			src: base + `seasonality:
  quarters: ["25%", "25%", "25%", "24.95%"]
`,
			want: `plan.yaml:5:13: warning: seasonality.quarters add up to 99.95%; normalised to 100%`,
		},
		{
			name: "seasonality: all-zero months",
			src: base + `seasonality:
  months: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
`,
			want: `plan.yaml:5:11: error: seasonality.months are all zero`,
		},
		{
			name: "seasonality: months and a basis",
			src: base + `seasonality:
  months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
  basis: working_days
`,
			want: `plan.yaml:6:10: error: seasonality has both months and basis working_days
	hint: give either months weights or a basis, not both`,
		},
		{
			name: "seasonality: unknown basis",
			src: base + `seasonality: {basis: workdays}
`,
			want: `plan.yaml:4:22: error: unknown seasonality basis "workdays"
	hint: use equal, working_days or calendar_days`,
		},
		{
			name: "seasonality: a negative month weight",
			src: base + `seasonality:
  months: [1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1]
`,
			want: `plan.yaml:5:27: error: seasonality.months must not be negative, found -1`,
		},
		{
			name: "dimensions that are not a mapping",
			src: base + `dimensions: [org]
`,
			want: "plan.yaml:4:13: error: dimensions must be a mapping of dimension names to lists of nodes, found a list\n\thint: write e.g. `dimensions: {org: [{name: \u9500\u552e\u90e8, weight: 70%}, \u2026]}`",
		},
		{
			name: "a dimension that is not a list",
			src: base + `dimensions:
  org: 销售部
`,
			want: `plan.yaml:5:8: error: dimension org must be a list, found "销售部"`,
		},
		{
			name: "a dimension with no nodes",
			src: base + `dimensions:
  org: []
`,
			want: `plan.yaml:5:8: error: dimension org has no nodes`,
		},
		{
			name: "a dimension name with a comma",
			src: base + `dimensions:
  "org,product": [a]
`,
			want: `plan.yaml:5:3: error: dimension name "org,product" must not contain a comma
	hint: commas separate dimensions in --by`,
		},
		{
			name: "a node without a name",
			src: base + `dimensions:
  org:
    - {weight: 50%}
    - {name: b, weight: 50%}
`,
			want: "plan.yaml:6:7: error: a node has no name\n\thint: every node needs `name:`\nplan.yaml:7:25: error: the percent weights of the children of dimension org add up to 50%, not 100%\n\thint: make them add up to 100%, or use plain numbers (relative factors) to have them normalised",
		},
		{
			name: "an empty node name",
			src: base + `dimensions:
  org:
    - {name: "  "}
`,
			want: `plan.yaml:6:14: error: a node name must not be empty`,
		},
		{
			name: "a node name with a slash",
			src: base + `dimensions:
  org:
    - {name: 华东/华南}
`,
			want: `plan.yaml:6:14: error: name "华东/华南" contains /
	hint: paths join names with /; use another character such as - or ·`,
		},
		{
			name: "a node named (reserve)",
			src: base + `dimensions:
  org:
    - "(reserve)"
`,
			want: "plan.yaml:6:7: error: \"(reserve)\" is the name of reserve rows\n\thint: write `reserve: 10%` on the parent instead",
		},
		{
			name: "node names with a line break or a tab",
			src:  base + "dimensions:\n  org:\n    - \"line\\nbreak\"\n    - {name: \"tab\\there\"}\n",
			want: `plan.yaml:6:7: error: name "line\nbreak" contains a control character
	hint: a name is one line of text: remove the line break or tab
plan.yaml:7:14: error: name "tab\there" contains a control character
	hint: a name is one line of text: remove the line break or tab`,
		},
		{
			name: "duplicate sibling names",
			src: base + `dimensions:
  org:
    - {name: 张伟, weight: 1}
    - {name: 李娜, weight: 1}
    - {name: 张伟, weight: 2}
`,
			want: `plan.yaml:8:7: error: duplicate name "张伟" among the children of dimension org
	hint: the first "张伟" is at line 6`,
		},
		{
			name: "the same name under different parents is fine",
			src: base + `dimensions:
  org:
    - {name: a, children: [x]}
    - {name: b, children: [x]}
`,
			want: "",
		},
		{
			name: "a negative weight",
			src: base + `dimensions:
  org:
    - {name: a, weight: -1}
    - {name: b, weight: 2}
`,
			want: `plan.yaml:6:25: error: weight of a must not be negative, found -1`,
		},
		{
			name: "a negative fixed amount",
			src: base + `dimensions:
  org:
    - {name: a, amount: -100}
    - b
`,
			want: `plan.yaml:6:25: error: amount of a must not be negative, found -100`,
		},
		{
			name: "a weight that is not a number",
			src: base + `dimensions:
  org:
    - {name: a, weight: high}
    - {name: b, weight: 1}
`,
			want: `plan.yaml:6:25: error: weight of a: "high" is not a weight
	hint: write a percentage such as "60%" or a relative factor such as 1.5`,
		},
		{
			name: "a fixed amount written as a weight",
			src: base + `dimensions:
  org:
    - {name: a, weight: 5万}
    - {name: b, weight: 1}
`,
			want: "plan.yaml:6:25: error: weight of a: \"5\u4e07\" is not a weight\n\thint: a fixed amount is written `amount: 5\u4e07`, not as a weight",
		},
		{
			name: "a node with both a weight and an amount",
			src: base + `dimensions:
  org:
    - {name: a, weight: 1, amount: 100}
    - {name: b, weight: 1}
`,
			want: `plan.yaml:6:7: error: a has both weight and amount
	hint: a node has either weight, last_year (with growth) or amount`,
		},
		{
			name: "a node with both a weight and last_year",
			src: base + `dimensions:
  org:
    - {name: a, weight: 1, last_year: 100}
    - {name: b, weight: 1}
`,
			want: `plan.yaml:6:7: error: a has both weight and last_year
	hint: a node has either weight, last_year (with growth) or amount`,
		},
		{
			name: "growth without last_year",
			src: base + `dimensions:
  org:
    - {name: a, growth: 10%}
`,
			want: "plan.yaml:6:17: error: a has growth but no last_year\n\thint: growth applies to last_year: add `last_year:` or remove growth",
		},
		{
			name: "growth of -100 %",
			src: base + `dimensions:
  org:
    - {name: a, last_year: 100, growth: -100%}
    - {name: b, last_year: 100, growth: -99%}
`,
			want: `plan.yaml:6:41: error: growth of a must be above -100%, found -100%`,
		},
		{
			name: "growth written as a plain number above 1 is an error (v2)",
			src: base + `dimensions:
  org:
    - {name: a, last_year: 100, growth: 2}
    - {name: b, last_year: 100}
`,
			want: `plan.yaml:6:41: error: growth of a 2 is above 1 (a plain number is a fraction: 1 = 100%)
	hint: did you mean "2%"?`,
		},
		{
			name: "a reserve and over_assign on a leaf",
			src: base + `dimensions:
  org:
    - {name: a, reserve: 10%, over_assign: 10%}
`,
			want: `plan.yaml:6:17: error: a has a reserve but no children
	hint: a reserve is held back from a node's children
plan.yaml:6:31: error: a has over_assign but no children
	hint: over_assign raises what a node's children add up to`,
		},
		{
			name: "a negative over_assign",
			src: base + `dimensions:
  org:
    - {name: a, over_assign: -10%, children: [x]}
`,
			want: `plan.yaml:6:30: error: over_assign of a must be at least 0%, found -10%`,
		},
		{
			name: "an over_assign written as a plain number above 1 is an error (v2)",
			src: base + `dimensions:
  org:
    - {name: a, over_assign: 2, children: [x]}
`,
			want: `plan.yaml:6:30: error: over_assign of a 2 is above 1 (a plain number is a fraction: 1 = 100%)
	hint: did you mean "2%"?`,
		},
		{
			name: "percent weights that do not add up",
			src: base + `dimensions:
  org:
    - {name: a, weight: 60%}
    - {name: b, weight: 30%}
`,
			want: `plan.yaml:6:25: error: the percent weights of the children of dimension org add up to 90%, not 100%
	hint: make them add up to 100%, or use plain numbers (relative factors) to have them normalised`,
		},
		{
			name: "percent weights within 0.1 point are normalised with a warning",
			src: base + `dimensions:
  org:
    - {name: a, weight: 60%}
    - {name: b, weight: 39.95%}
`,
			want: `plan.yaml:6:25: warning: the percent weights of the children of dimension org add up to 99.95%; normalised to 100%`,
		},
		{
			name: "siblings mixing percents and relative factors",
			src: base + `dimensions:
  org:
    - {name: a, weight: 60%}
    - {name: b, weight: 1.5}
`,
			want: `plan.yaml:7:25: error: b has a relative factor while a has a percent
	hint: siblings use one kind only: all percents, all plain numbers (relative factors), or all last_year; a fixed amount may sit beside any of them`,
		},
		{
			name: "siblings mixing relative factors and history",
			src: base + `dimensions:
  org:
    - {name: a, weight: 2}
    - {name: b, last_year: 100}
`,
			want: `plan.yaml:7:28: error: b has a history basis while a has a relative factor
	hint: siblings use one kind only: all percents, all plain numbers (relative factors), or all last_year; a fixed amount may sit beside any of them`,
		},
		{
			name: "a sibling without a weight among weighted ones",
			src: base + `dimensions:
  org:
    - {name: a, weight: 60%}
    - {name: b}
`,
			want: `plan.yaml:7:7: error: b has no weight while its siblings have percent weights
	hint: give it a weight, or remove the weights of all siblings to share equally`,
		},
		{
			name: "a fixed amount that is not a multiple of round",
			src: `version: 1
round: 100
year: {start: 2027-01}
target: 1000
dimensions:
  org:
    - {name: a, amount: 150}
    - b
`,
			want: `plan.yaml:7:25: error: amount of a 150 is not a multiple of round 100
	hint: use 100 or 200, or change round`,
		},
		{
			name: "unknown node key close to a known one",
			src: base + `dimensions:
  org:
    - {name: a, wieght: 1}
`,
			want: `plan.yaml:6:17: error: unknown key "wieght" in a node
	hint: did you mean "weight"?`,
		},
		{
			name: "unknown node key that is a synonym",
			src: base + `dimensions:
  org:
    - {name: a, share: 1}
`,
			want: `plan.yaml:6:17: error: unknown key "share" in a node
	hint: did you mean "weight"?`,
		},
		{
			name: "a node that is a list",
			src: base + `dimensions:
  org:
    - [a, b]
`,
			want: `plan.yaml:6:7: error: a node must be a mapping (key: value), found a list`,
		},
		{
			name: "children that are not a list",
			src: base + `dimensions:
  org:
    - {name: a, children: {name: b}}
`,
			want: `plan.yaml:6:27: error: children of a must be a list, found a mapping`,
		},
		{
			name: "a conversion rate above 100 %",
			src: base + `funnel:
  deal_size: 1000
  stages:
    - {name: lead, rate: 150%}
    - {name: won}
`,
			want: `plan.yaml:7:26: error: rate of stage lead must be at most 100%, found 150%`,
		},
		{
			name: "a conversion rate of zero",
			src: base + `funnel:
  deal_size: 1000
  stages:
    - {name: lead, rate: 0%}
    - {name: won}
`,
			want: `plan.yaml:7:26: error: rate of stage lead must be above 0%, found 0%`,
		},
		{
			name: "a conversion rate written as a plain number above 1",
			src: base + `funnel:
  deal_size: 1000
  win_rate: 10
`,
			want: `plan.yaml:6:13: error: funnel.win_rate 10 is above 1 (a plain number is a fraction: 1 = 100%)
	hint: did you mean "10%"?`,
		},
		{
			name: "a funnel without deal_size",
			src: base + `funnel: {win_rate: 10%}
`,
			want: "plan.yaml:4:9: error: funnel has no deal_size\n\thint: add the average deal, e.g. `deal_size: 1_000_000`",
		},
		{
			name: "a funnel dimension that does not exist",
			src: base + `dimensions:
  org: [a]
funnel: {dimension: team, deal_size: 100, win_rate: 10%}
`,
			want: `plan.yaml:6:21: error: funnel.dimension "team" is not a dimension of the plan
	hint: the plan's dimensions are: org`,
		},
		{
			name: "tracking thresholds upside down",
			src: base + `tracking: {green: 70%, yellow: 90%}
`,
			want: `plan.yaml:4:11: error: tracking.yellow (90%) is above tracking.green (70%)
	hint: yellow is the lower threshold`,
		},
		{
			name: "incentive: unknown below, zero step, cap below the start",
			src: base + `incentive:
  below: half
  ladder: {from: 100%, every: 0%, add: 15%}
  cap: 90%
`,
			want: `plan.yaml:5:10: error: unknown incentive.below "half"
	hint: use linear or zero
plan.yaml:6:31: error: incentive.ladder.every must be above 0%
plan.yaml:7:8: error: incentive.cap (90%) is below the ladder's start (100%)`,
		},
		{
			name: "fixed amounts above what the parent shares out",
			src: base + `dimensions:
  org:
    - {name: a, amount: 600}
    - {name: b, amount: 500}
    - c
`,
			want: `plan.yaml:6:25: error: the fixed amounts of the children of the plan add up to 1100, above the 1000 it shares out
	hint: lower the fixed amounts, or raise what the plan has`,
		},
		{
			name: "fixed amounts that leave a rest nobody takes",
			src: base + `dimensions:
  org:
    - {name: a, amount: 600}
    - {name: b, amount: 300}
`,
			want: `plan.yaml:6:25: error: the fixed amounts of the children of the plan add up to 900, but it shares out 1000
	hint: leave one child without an amount to take the rest, or add a reserve to the plan`,
		},
		{
			name: "fixed amounts above the parent in one tier only",
			src: base + `tiers: {base: 100%, low: 50%}
dimensions:
  org:
    - name: a
      children:
        - {name: x, amount: 600}
        - y
`,
			want: `plan.yaml:9:29: error: the fixed amounts of the children of a add up to 600, above the 500 it shares out (tier low)
	hint: lower the fixed amounts, or raise what a has`,
		},
		{
			name: "all problems of the file in one run",
			src: `version: 1
round: 1000
year: {start: 2027-13}
target: 1500
reserve: 15
dimensions:
  org:
    - {name: a/b, weight: 60%}
    - {name: c, wieght: 40%}
`,
			want: `plan.yaml:3:15: error: year.start: "2027-13" is not a month
	hint: write the month as YYYY-MM, e.g. 2027-01
plan.yaml:4:9: error: target 1500 is not a multiple of round 1000
	hint: use 1000 or 2000, or change round
plan.yaml:5:10: error: reserve 15 is above 1 (a plain number is a fraction: 1 = 100%)
	hint: did you mean "15%"?
plan.yaml:8:14: error: name "a/b" contains /
	hint: paths join names with /; use another character such as - or ·
plan.yaml:9:17: error: unknown key "wieght" in a node
	hint: did you mean "weight"?`,
		},
		{
			name: "an unclosed flow mapping on line 1, reported where the parser gave up",
			src: `year: {start: 2027-01
target: 1000
`,
			want: `plan.yaml:2:1: error: malformed YAML: did not find expected ',' or '}'`,
		},
		{
			name: "block mapping with a bad indent on line 4",
			src: `version: 1
year:
    start: 2027-01
  target: 1000
`,
			want: `plan.yaml:4:1: error: malformed YAML: did not find expected key`,
		},
		{
			name: "a sequence item indented wrongly, reported at the mapping that holds it",
			src: `version: 1
year: {start: 2027-01}
target: 1000
dimensions:
  org:
    - a
   - b
`,
			want: `plan.yaml:5:1: error: malformed YAML: did not find expected key`,
		},
		{
			name: "unexpected text after the mapping on line 3",
			src: `version: 1
target: 1000
"x" y
`,
			want: `plan.yaml:3:1: error: malformed YAML: could not find expected ':'`,
		},
		{
			name: "a flow mapping missing its close on line 4",
			src: `version: 1
year: {start: 2027-01}
target: 1000
tiers: {base: 100%, x: [1, 2}
`,
			want: `plan.yaml:4:1: error: malformed YAML: did not find expected ',' or ']'`,
		},
		{
			name: "undefined tag handle on line 3",
			src: `version: 1
year: {start: 2027-01}
target: !x!y 1000
`,
			want: `plan.yaml:3:1: error: malformed YAML: found undefined tag handle`,
		},
		{
			name: "mapping values not allowed on line 3",
			src: `version: 1
year: {start: 2027-01}
target: a: b
`,
			want: `plan.yaml:3:1: error: malformed YAML: mapping values are not allowed in this context`,
		},
		{
			name: "an empty dimension name",
			src: base + `dimensions:
  "": [a]
`,
			want: `plan.yaml:5:3: error: a dimension name must be a plain word`,
		},
		{
			name: "duplicate dimensions",
			src: base + `dimensions:
  org: [a]
  org: [b]
`,
			want: `plan.yaml:6:3: error: duplicate dimension "org"`,
		},
		{
			name: "duplicate tiers",
			src: base + `tiers: {base: 100%, high: 120%, high: 130%}
`,
			want: `plan.yaml:4:33: error: duplicate tier "high"`,
		},
		{
			name: "a make-up workday that is not a date",
			src: `version: 1
year: {start: 2027-01, workdays: [next-sunday]}
target: 1000
`,
			want: `plan.yaml:2:35: error: make-up workday: "next-sunday" is not a date
	hint: write dates as YYYY-MM-DD, and ranges as YYYY-MM-DD..YYYY-MM-DD`,
		},
		{
			name: "holidays that are not a list",
			src: `version: 1
year: {start: 2027-01, holidays: 2027-02-10}
target: 1000
`,
			want: `plan.yaml:2:34: error: year.holidays must be a list, found "2027-02-10"`,
		},
		{
			name: "a name that is not a single value",
			src: base + `name: [a, b]
`,
			want: `plan.yaml:4:7: error: name must be a single value, found a list`,
		},
		{
			name: "seasonality months of the wrong length",
			src: base + `seasonality:
  months: [1, 1, 1]
`,
			want: `plan.yaml:5:11: error: seasonality.months must have 12 weights, found 3`,
		},
		{
			name: "a sibling without last_year among history siblings",
			src: base + `dimensions:
  org:
    - {name: a, last_year: 100}
    - {name: b}
`,
			want: `plan.yaml:7:7: error: b has no last_year while its siblings have last_year (history basis)
	hint: give it a last_year, or remove the weights of all siblings to share equally`,
		},
		{
			name: "a sibling without a weight among relative factors",
			src: base + `dimensions:
  org:
    - {name: a, weight: 2}
    - {name: b}
    - {name: c, amount: 100}
`,
			want: `plan.yaml:7:7: error: b has no weight while its siblings have relative factors
	hint: give it a weight, or remove the weights of all siblings to share equally`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := Validate("plan.yaml", []byte(tt.src))
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if g := strings.Join(got, "\n"); g != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", g, tt.want)
			}
			// Load agrees: it refuses the plan exactly when it has a loader error.
			p, loadDiags := Load("plan.yaml", []byte(tt.src))
			if (p == nil) != loadDiags.HasErrors() {
				t.Errorf("Load returned a plan %v with errors %v", p != nil, loadDiags.HasErrors())
			}
			for _, d := range loadDiags {
				if !strings.Contains(tt.want, d.String()) {
					t.Errorf("Load reports %q, which validate does not", d)
				}
			}
		})
	}
}

// SPEC §3: all problems of a file are reported in one run, not just the first.
func TestValidateReportsEveryProblem(t *testing.T) {
	src := `version: 1
round: 1000
year: {start: 2027-13}
target: 1500
reserve: 15
dimensions:
  org:
    - {name: a/b, weight: 60%}
    - {name: c, wieght: 40%}
`
	diags := Validate("plan.yaml", []byte(src))
	if n := len(diags.Errors()); n != 5 {
		t.Fatalf("%d errors, want 5 (bad month, not a multiple, reserve above 1, name with /, unknown key):\n%v", n, diags.Err())
	}
	lines := []int{3, 4, 5, 8, 9}
	for i, d := range diags {
		if d.Pos.Line != lines[i] {
			t.Errorf("diagnostic %d at line %d, want %d", i, d.Pos.Line, lines[i])
		}
	}
}

// Nodes nested deeper than MaxDepth are one error at the list that is too deep.
func TestLoadNestedTooDeep(t *testing.T) {
	var b strings.Builder
	b.WriteString(base + "dimensions:\n  org:\n")
	indent := "    "
	for i := range MaxDepth + 5 {
		fmt.Fprintf(&b, "%s- name: n%d\n%s  children:\n", indent, i, indent)
		indent += "    "
	}
	b.WriteString(indent + "- leaf\n")
	diags := Validate("plan.yaml", []byte(b.String()))
	// the 51st level's list starts on line 6 + 2×50 = 106, indented 4×51 + 1
	want := fmt.Sprintf("plan.yaml:106:%d: error: nodes are nested deeper than %d levels", 4*(MaxDepth+1)+1, MaxDepth)
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("got %v, want %s", diags, want)
	}
	// MaxDepth levels are fine.
	b.Reset()
	b.WriteString(base + "dimensions:\n  org:\n")
	indent = "    "
	for i := range MaxDepth - 1 {
		fmt.Fprintf(&b, "%s- name: n%d\n%s  children:\n", indent, i, indent)
		indent += "    "
	}
	b.WriteString(indent + "- leaf\n")
	if diags := Validate("plan.yaml", []byte(b.String())); len(diags) != 0 {
		t.Errorf("%d levels: %v", MaxDepth, diags)
	}
}

// A file with hundreds of errors reports the first MaxErrors and says it stopped.
func TestLoadTooManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString(base)
	for i := range 500 {
		fmt.Fprintf(&b, "junk%d: %d\n", i, i)
	}
	_, diags := Load("plan.yaml", []byte(b.String()))
	if len(diags) != MaxErrors+1 {
		t.Fatalf("%d diagnostics, want %d", len(diags), MaxErrors+1)
	}
	last := diags[len(diags)-1]
	if want := fmt.Sprintf("plan.yaml:%d:1: error: too many errors (more than %d); stopping here\n\thint: fix the errors above first", 4+MaxErrors, MaxErrors); last.String() != want {
		t.Errorf("last diagnostic %q, want %q", last, want)
	}
}

func TestDiagnosticString(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "plan.yaml", Pos: Pos{12, 7}, Msg: "bad"}, "plan.yaml:12:7: error: bad"},
		{Diagnostic{File: "plan.yaml", Pos: Pos{12, 7}, Severity: Warning, Msg: "odd", Hint: "look"}, "plan.yaml:12:7: warning: odd\n\thint: look"},
		{Diagnostic{File: "actuals.csv", Pos: Pos{Line: 3}, Msg: "bad row"}, "actuals.csv:3: error: bad row"},
		{Diagnostic{File: "big.yaml", Msg: "too large"}, "big.yaml: error: too large"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	ds := Diagnostics{tests[1].d, tests[0].d}
	if !ds.HasErrors() || len(ds.Errors()) != 1 || len(ds.Warnings()) != 1 {
		t.Errorf("errors/warnings of %v", ds)
	}
	if ds.Err() == nil || ds.Warnings().Err() != nil {
		t.Errorf("Err() of errors and of warnings only")
	}
	if got := ds.Err().Error(); got != "plan.yaml:12:7: error: bad" {
		t.Errorf("InvalidError %q", got)
	}
	if got := Problemf("try x", "unknown %s", "y").Error(); got != "unknown y\n\thint: try x" {
		t.Errorf("Problem %q", got)
	}
}

// A warning that does not depend on the tier or the metric (here: a quarter
// whose months all weigh zero) is one problem: validate reports it once, not
// once per tier and metric.
func TestValidateWarnsOnce(t *testing.T) {
	src := `version: 1
year: {start: 2027-01}
target: 400
tiers: {base: 100%, challenge: 120%, low: 80%}
metrics: [{name: visits, target: 100}]
seasonality:
  quarters: [1, 1, 1, 1]
  months: [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]
`
	diags := Validate("plan.yaml", []byte(src))
	want := "plan.yaml:7:3: warning: the months of Q1 all have weight zero but the quarter has an amount; they share it equally\n\thint: give at least one month of the quarter a weight"
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("got %d diagnostics:\n%v\nwant one:\n%s", len(diags), diags, want)
	}
}
