package plan

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// The schema (schema.json, printed by `plan schema`) is editor help: the loader
// is the authority. These tests hold the schema to two promises: it accepts
// every plan the loader accepts (it may be looser, never stricter), and it
// rejects the common mistakes an editor should underline.

const draft07 = "http://json-schema.org/draft-07/schema#"

// compiledSchema compiles Schema() with a well-kept validator.
func compiledSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(Schema()))
	if err != nil {
		t.Fatalf("schema.json is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	if err := c.AddResource("plan.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("plan.schema.json")
	if err != nil {
		t.Fatalf("schema.json does not compile: %v", err)
	}
	return sch
}

// schemaDoc returns the schema as a generic JSON value.
func schemaDoc(t testing.TB) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(Schema()), &doc); err != nil {
		t.Fatalf("schema.json is not JSON: %v", err)
	}
	return doc
}

func TestSchemaIsDraft07(t *testing.T) {
	doc := schemaDoc(t)
	if doc["$schema"] != draft07 {
		t.Fatalf("$schema = %v, want %s (what yaml-language-server supports best)", doc["$schema"], draft07)
	}
	// Validate the schema document against the draft-07 meta-schema (bundled
	// with the library, no network).
	c := jsonschema.NewCompiler()
	meta, err := c.Compile("http://json-schema.org/draft-07/schema")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	if err := meta.Validate(inst); err != nil {
		t.Fatalf("schema.json is not a valid draft-07 schema: %v", err)
	}
	compiledSchema(t)
}

// TestSchemaDescribesEveryProperty: editors show descriptions on hover, so
// every property of every object in the schema has one.
func TestSchemaDescribesEveryProperty(t *testing.T) {
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for name, p := range props {
					pm, _ := p.(map[string]any)
					if d, _ := pm["description"].(string); d == "" {
						t.Errorf("%s/properties/%s has no description", path, name)
					}
				}
			}
			for k, x := range v {
				walk(path+"/"+k, x)
			}
		case []any:
			for i, x := range v {
				walk(path+"/"+strconv.Itoa(i), x)
			}
		}
	}
	walk("#", schemaDoc(t))
}

// yamlView is how an editor's YAML parser types plain scalars.
type yamlView int

const (
	// core12 is the YAML 1.2 core schema, yaml-language-server's default:
	// 50_000_000 is a string, 2027-01-05 a string, 1.5 a number.
	core12 yamlView = iota
	// yaml11 is what gopkg.in/yaml.v3 resolves: 50_000_000 is the number 50000000.
	yaml11
)

func (v yamlView) String() string { return [...]string{"YAML 1.2 core", "yaml.v3"}[v] }

var (
	core12Null  = regexp.MustCompile(`^(?:~|null|Null|NULL|)$`)
	core12Bool  = regexp.MustCompile(`^(?:true|True|TRUE|false|False|FALSE)$`)
	core12Int   = regexp.MustCompile(`^[-+]?[0-9]+$`)
	core12Oct   = regexp.MustCompile(`^0o[0-7]+$`)
	core12Hex   = regexp.MustCompile(`^0x[0-9a-fA-F]+$`)
	core12Float = regexp.MustCompile(`^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$`)
	core12Inf   = regexp.MustCompile(`^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$`)
)

// yamlToJSON converts a parsed YAML node into the JSON value a schema
// validator sees, typing plain scalars the way view does.
func yamlToJSON(n *yaml.Node, view yamlView) (any, error) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return yamlToJSON(n.Content[0], view)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlToJSON(c, view)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			for k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			v, err := yamlToJSON(n.Content[i+1], view)
			if err != nil {
				return nil, err
			}
			out[k.Value] = v
		}
		return out, nil
	}
	s := n.Value
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return s, nil
	}
	if view == yaml11 {
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool", "!!int", "!!float":
			var v any
			if err := n.Decode(&v); err != nil {
				return nil, err
			}
			if f, ok := v.(float64); ok && (f != f || f > 1e308 || f < -1e308) {
				return nil, fmt.Errorf("line %d: %q has no JSON value", n.Line, s)
			}
			return v, nil
		}
		return s, nil
	}
	switch {
	case core12Null.MatchString(s):
		return nil, nil
	case core12Bool.MatchString(s):
		return s[0] == 't' || s[0] == 'T', nil
	case core12Int.MatchString(s):
		i, _ := new(big.Int).SetString(strings.TrimPrefix(s, "+"), 10)
		return json.Number(i.String()), nil
	case core12Oct.MatchString(s), core12Hex.MatchString(s):
		i, _ := new(big.Int).SetString(s, 0)
		return json.Number(i.String()), nil
	case core12Float.MatchString(s):
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, err
		}
		return f, nil
	case core12Inf.MatchString(s):
		return nil, fmt.Errorf("line %d: %q has no JSON value", n.Line, s)
	}
	return s, nil
}

// planJSON parses YAML text into the JSON value view gives it.
func planJSON(t testing.TB, text string, view yamlView) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("YAML: %v", err)
	}
	v, err := yamlToJSON(&doc, view)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var views = []yamlView{core12, yaml11}

// examplePlans returns every YAML file under examples/, by path.
func examplePlans(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir("../examples", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out[path] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 3 {
		t.Fatalf("found %d example plans, want at least 3", len(out))
	}
	return out
}

func TestSchemaAcceptsExamplesAndStarter(t *testing.T) {
	sch := compiledSchema(t)
	plans := examplePlans(t)
	plans["starter.yaml"] = Starter()
	names := make([]string, 0, len(plans))
	for name := range plans {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if _, diags := Load(name, []byte(plans[name])); diags.HasErrors() {
			t.Errorf("%s does not load: %v", name, diags)
		}
		for _, view := range views {
			if err := sch.Validate(planJSON(t, plans[name], view)); err != nil {
				t.Errorf("%s (%s): the schema rejects it:\n%v", name, view, err)
			}
		}
	}
}

// minimalPlan is the smallest valid plan; cases below add to it.
const minimalPlan = "version: 1\nyear: {start: 2027-01}\ntarget: 1200\n"

// TestSchemaAcceptsWhatTheLoaderAccepts: spellings the loader reads must
// pass the schema too (it may be looser, never stricter).
func TestSchemaAcceptsWhatTheLoaderAccepts(t *testing.T) {
	sch := compiledSchema(t)
	cases := []struct{ name, text string }{
		{"minimal", minimalPlan},
		{"amount spellings", "year: {start: 2027-01}\ntarget: 50_000_000\nround: 1000\nmetrics:\n" +
			"  - {name: a, target: \"50,000,000\"}\n  - {name: b, target: \"5000万\"}\n  - {name: c, target: \"0.5亿\"}\n" +
			"  - {name: d, target: 50M}\n  - {name: e, target: 50m}\n  - {name: f, target: 1.5k}\n  - {name: g, target: 2B}\n" +
			"  - {name: h, target: \" 5 万 \"}\n  - {name: i, target: 1e6}\n  - {name: j, target: +12}\n  - {name: k, target: 3百万}\n" +
			"  - {name: l, target: 1千万}\n  - {name: m, target: 2千}\n  - {name: n, target: \"1,000\", kind: amount, round: 0.01}\n"},
		{"round spellings", "year: {start: 2027-01}\ntarget: 1万\nround: 1k\n"},
		{"rates", "year: {start: 2027-01}\ntarget: 1000\nreserve: \"12.5 %\"\n" +
			"tiers: {base: 1, challenge: 1.2, stretch: 150％, low: \"+80%\"}\ntracking: {green: 0.9, yellow: 70%}\n" +
			"incentive: {below: zero, floor: 0.5, ladder: {from: 1, every: 0.1, add: 0.15}, cap: \"200%\"}\n"},
		{"month with day 01", "year: {start: 2027-04-01}\ntarget: 1000\n"},
		{"holidays and workdays", "year:\n  start: 2027-04\n  holidays: [2027-10-01..2027-10-07, \"2028-01-26 .. 2028-02-01\", 2027-05-03]\n" +
			"  workdays: [2027-09-26, 2027-10-09]\ntarget: 1000\nseasonality: {basis: working_days, quarters: [1, 1, 1, 1]}\n"},
		{"equal basis beside months", minimalPlan + "seasonality: {basis: equal, months: [\"10%\", \"5%\", \"10%\", \"5%\", \"5%\", \"10%\", \"10%\", \"10%\", \"5%\", \"10%\", \"10%\", \"10%\"]}\n"},
		{"node spellings", minimalPlan + "dimensions:\n  org:\n    - 华东\n    - 2027\n    - {name: \"50%\"}\n" +
			"  product:\n    - {name: A, weight: \"1_000\"}\n    - {name: B, weight: \"0.5\"}\n    - {name: C, weight: \"1.5\"}\n" +
			"  region:\n    - {name: 老区, last_year: 3000万, growth: -5%}\n    - {name: 新区, last_year: 0.1亿, growth: -0.5}\n    - {name: 特区, amount: 100}\n"},
		{"nested nodes", minimalPlan + "dimensions:\n  org:\n    - name: 销售部\n      reserve: 0\n      over_assign: 150%\n      commit: 100\n      children:\n" +
			"        - {name: 张伟, weight: 2}\n        - {name: 李娜, weight: 1}\n"},
		{"win-rate funnel", minimalPlan + "funnel: {deal_size: 100, win_rate: 10%, pipeline: {prospect: 5, won: \"1\"}}\n"},
		{"stage funnel with overrides", minimalPlan + "dimensions:\n  org:\n    - name: 大客户组\n      funnel: {deal_size: 200, stages: {商机: {rate: 30%, days: 20}, 成交: {days: 0}}}\n" +
			"      children:\n        - {name: 张伟, funnel: {pipeline: {商机: 12}, stages: [{name: 线索, rate: 0.5}]}}\n        - 李娜\n" +
			"funnel:\n  dimension: org\n  deal_size: 100\n  stages:\n    - {name: 线索, rate: 50%, days: 20}\n    - {name: 商机, rate: 1, days: 1k}\n    - {name: 成交}\n"},
		{"anchors", minimalPlan + "tracking: &t {green: 90%, yellow: 70%}\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, diags := Load("plan.yaml", []byte(c.text)); diags.HasErrors() {
				t.Fatalf("the case is not a valid plan: %v", diags)
			}
			for _, view := range views {
				if err := sch.Validate(planJSON(t, c.text, view)); err != nil {
					t.Errorf("(%s) the schema rejects a plan the loader accepts:\n%v", view, err)
				}
			}
		})
	}
}

// TestSchemaRejectsCommonMistakes: the mistakes an editor should underline.
// Every case is also an error to the loader, so the schema is not stricter.
func TestSchemaRejectsCommonMistakes(t *testing.T) {
	sch := compiledSchema(t)
	twelve := "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"
	cases := []struct{ name, text, want string }{
		{"unknown top-level key", minimalPlan + "taget: 5\n", "additional properties 'taget' not allowed"},
		{"unknown node key", minimalPlan + "dimensions: {org: [{name: a, wieght: 1}]}\n", "additional properties 'wieght' not allowed"},
		{"months with 11 items", minimalPlan + "seasonality: {months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}\n", "months/minItems"},
		{"quarters with 5 items", minimalPlan + "seasonality: {quarters: [1, 1, 1, 1, 1]}\n", "quarters/maxItems"},
		{"bad basis", minimalPlan + "seasonality: {basis: workdays}\n", "basis/enum"},
		{"months and a basis", minimalPlan + "seasonality: {basis: working_days, months: " + twelve + "}\n", "then/properties/basis/const"},
		{"no target", "version: 1\nyear: {start: 2027-01}\n", "missing property 'target'"},
		{"no year", "version: 1\ntarget: 100\n", "missing property 'year'"},
		{"year without start", minimalPlan[:11] + "target: 1\nyear: {holidays: []}\n", "missing property 'start'"},
		{"version 2", "version: 2\nyear: {start: 2027-01}\ntarget: 1\n", "version/enum"},
		{"lower-case currency", minimalPlan + "currency: cny\n", "currency/pattern"},
		{"month 13", "year: {start: 2027-13}\ntarget: 1\n", "at '/year/start'"},
		{"holiday not a date", "year: {start: 2027-01, holidays: [2027-1-5]}\ntarget: 1\n", "at '/year/holidays/0'"},
		{"not an amount", "year: {start: 2027-01}\ntarget: 5千千\n", "at '/target' [S#/definitions/amount/pattern]"},
		{"negative amount", "year: {start: 2027-01}\ntarget: \"-5万\"\n", "at '/target' [S#/definitions/amount/pattern]"},
		{"percent as an amount", "year: {start: 2027-01}\ntarget: 50%\n", "at '/target' [S#/definitions/amount/pattern]"},
		{"reserve above 1", minimalPlan + "reserve: 10\n", "reserveRate/exclusiveMaximum"},
		{"reserve of 100%", minimalPlan + "reserve: 1\n", "reserveRate/exclusiveMaximum"},
		{"negative weight", minimalPlan + "dimensions: {org: [{name: a, weight: -1}]}\n", "weight/minimum"},
		{"weight and amount", minimalPlan + "dimensions: {org: [{name: a, weight: 1, amount: 100}]}\n", "node/allOf/1"},
		{"growth without last_year", minimalPlan + "dimensions: {org: [{name: a, growth: 10%}]}\n", "dependency/growth"},
		{"growth of -100%", minimalPlan + "dimensions: {org: [{name: a, last_year: 1, growth: -1}]}\n", "growthRate/exclusiveMinimum"},
		{"reserve on a leaf", minimalPlan + "dimensions: {org: [{name: a, reserve: 10%}]}\n", "dependency/reserve"},
		{"name with a slash", minimalPlan + "dimensions: {org: [{name: a/b}]}\n", "nodeName/pattern"},
		{"reserve row name", minimalPlan + "dimensions: {org: [\"(reserve)\"]}\n", "node/allOf/0"},
		{"empty dimension", minimalPlan + "dimensions: {org: []}\n", "additionalProperties/minItems"},
		{"dimension name with a comma", minimalPlan + "dimensions: {\"a,b\": [x]}\n", "propertyNames/pattern"},
		{"metric kind", minimalPlan + "metrics: [{name: visits, target: 10, kind: visits}]\n", "kind/enum"},
		{"metric named revenue", minimalPlan + "metrics: [{name: revenue, target: 10}]\n", "at '/metrics/0/name'"},
		{"funnel without deal_size", minimalPlan + "funnel: {win_rate: 10%}\n", "missing property 'deal_size'"},
		{"funnel with win_rate and stages", minimalPlan + "funnel: {deal_size: 1, win_rate: 10%, stages: [{name: a, rate: 1}, {name: b}]}\n", "funnel/oneOf"},
		{"conversion rate above 1", minimalPlan + "funnel: {deal_size: 1, win_rate: 10}\n", "conversionRate/maximum"},
		{"one stage", minimalPlan + "funnel: {deal_size: 1, stages: [{name: a}]}\n", "stages/minItems"},
		{"fractional days", minimalPlan + "funnel: {deal_size: 1, stages: [{name: a, rate: 1, days: 1.5}, {name: b}]}\n", "days/type"},
		{"days beyond ten years", minimalPlan + "funnel: {deal_size: 1, stages: [{name: a, rate: 1, days: 4000}, {name: b}]}\n", "days/maximum"},
		{"negative pipeline", minimalPlan + "funnel: {deal_size: 1, win_rate: 10%, pipeline: {prospect: -1}}\n", "count/minimum"},
		{"incentive below", minimalPlan + "incentive: {below: half}\n", "below/enum"},
		{"ladder key", minimalPlan + "incentive: {ladder: {start: 100%}}\n", "additional properties 'start' not allowed"},
		{"tier of 0", minimalPlan + "tiers: {none: 0}\n", "factor/exclusiveMinimum"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, diags := Load("plan.yaml", []byte(c.text)); !diags.HasErrors() {
				t.Fatalf("the loader accepts this plan, so the schema must too:\n%s", c.text)
			}
			for _, view := range views {
				err := sch.Validate(planJSON(t, c.text, view))
				if err == nil {
					t.Errorf("(%s) the schema accepts:\n%s", view, c.text)
					continue
				}
				if msg := fmt.Sprintf("%#v", err); !strings.Contains(msg, c.want) {
					t.Errorf("(%s) the schema's message does not mention %q:\n%s", view, c.want, msg)
				}
			}
		})
	}
}

// schemaAt follows a JSON pointer (without the leading #) in the schema.
func schemaAt(t *testing.T, doc any, pointer string) map[string]any {
	t.Helper()
	v := doc
	for _, part := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i >= len(x) {
				t.Fatalf("no %s in the schema", pointer)
			}
			v = x[i]
		}
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s is not an object in the schema", pointer)
	}
	return m
}

// TestSchemaKeysMatchLoader: for every mapping with fixed keys, the schema
// lists exactly the keys the loader knows. An unknown key far from every known
// one makes the loader list its known keys in the hint.
func TestSchemaKeysMatchLoader(t *testing.T) {
	const bad = "qqqqqqqqqqqq: 1"
	doc := schemaDoc(t)
	cases := []struct{ where, text, pointer string }{
		{"the plan", minimalPlan + bad + "\n", "/properties"},
		{"year", "year: {start: 2027-01, " + bad + "}\ntarget: 1\n", "/properties/year/properties"},
		{"a metric", minimalPlan + "metrics: [{name: x, target: 1, " + bad + "}]\n", "/properties/metrics/items/properties"},
		{"seasonality", minimalPlan + "seasonality: {" + bad + "}\n", "/properties/seasonality/properties"},
		{"a node", minimalPlan + "dimensions: {org: [{name: x, " + bad + "}]}\n", "/definitions/node/properties"},
		{"funnel", minimalPlan + "funnel: {deal_size: 1, win_rate: 10%, " + bad + "}\n", "/properties/funnel/properties"},
		{"a stage", minimalPlan + "funnel: {deal_size: 1, stages: [{name: a, rate: 1, " + bad + "}, {name: b}]}\n", "/definitions/stage/properties"},
		{"a node's funnel", minimalPlan + "dimensions: {org: [{name: x, funnel: {" + bad + "}}]}\nfunnel: {deal_size: 1, win_rate: 10%}\n", "/definitions/nodeFunnel/properties"},
		{"a stage override (mapping)", minimalPlan + "dimensions: {org: [{name: x, funnel: {stages: {a: {" + bad + "}}}}]}\nfunnel: {deal_size: 1, stages: [{name: a, rate: 1}, {name: b}]}\n", "/definitions/stageOverride/properties"},
		{"a stage override (list)", minimalPlan + "dimensions: {org: [{name: x, funnel: {stages: [{name: a, " + bad + "}]}}]}\nfunnel: {deal_size: 1, stages: [{name: a, rate: 1}, {name: b}]}\n", "/definitions/nodeFunnel/properties/stages/items/properties"},
		{"tracking", minimalPlan + "tracking: {" + bad + "}\n", "/properties/tracking/properties"},
		{"incentive", minimalPlan + "incentive: {" + bad + "}\n", "/properties/incentive/properties"},
		{"the ladder", minimalPlan + "incentive: {ladder: {" + bad + "}}\n", "/properties/incentive/properties/ladder/properties"},
	}
	for _, c := range cases {
		t.Run(c.where, func(t *testing.T) {
			_, diags := Load("plan.yaml", []byte(c.text))
			var known []string
			for _, d := range diags {
				if strings.HasPrefix(d.Msg, "unknown key \"qqqqqqqqqqqq\"") {
					known = strings.Split(strings.TrimPrefix(d.Hint, "known keys: "), ", ")
				}
			}
			if known == nil {
				t.Fatalf("no unknown-key error with a list of known keys: %v", diags)
			}
			var listed []string
			for k := range schemaAt(t, doc, c.pointer) {
				listed = append(listed, k)
			}
			slices.Sort(known)
			slices.Sort(listed)
			if !slices.Equal(known, listed) {
				t.Errorf("the loader knows %v, the schema lists %v", known, listed)
			}
		})
	}
}

// TestSchemaPatternsMatchParsers checks the schema's string patterns against
// the parsers on random spellings: every string ParseAmount reads as a
// non-negative amount matches the amount pattern, every string ParsePercent
// reads as a non-negative percent (or ParseNumber as a non-negative number)
// matches the rate pattern, and a string either pattern matches is read.
func TestSchemaPatternsMatchParsers(t *testing.T) {
	doc := schemaDoc(t)
	pattern := func(def string) *regexp.Regexp {
		p, ok := schemaAt(t, doc, "/definitions/"+def)["pattern"].(string)
		if !ok {
			t.Fatalf("definition %s has no pattern", def)
		}
		return regexp.MustCompile(p)
	}
	amountRE, rateRE, growthRE := pattern("amount"), pattern("reserveRate"), pattern("growthRate")
	amountOK := func(s string) bool {
		r, err := ParseAmount(s)
		return err == nil && r.Sign() >= 0
	}
	rateOK := func(s string, signed bool) bool {
		r, isPct, err := ParsePercent(s)
		if err != nil {
			return false
		}
		if !isPct {
			if r, err = ParseNumber(s); err != nil {
				return false
			}
		}
		return signed || r.Sign() >= 0
	}
	pieces := []string{"0", "1", "2", "5", "9", "00", "12", "_", ",", ".", "e", "E", "+", "-", " ", "%", "％", "万", "亿", "千", "百万", "k", "M", "m", "B", "x"}
	rng := rand.New(rand.NewPCG(2027, 4))
	for range 200_000 {
		var b strings.Builder
		for range 1 + rng.IntN(7) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := amountRE.MatchString(s), amountOK(s); got != want {
			t.Fatalf("amount %q: pattern matches %v, ParseAmount reads it %v", s, got, want)
		}
		if got, want := rateRE.MatchString(s), rateOK(s, false); got != want {
			t.Fatalf("rate %q: pattern matches %v, the parsers read it %v", s, got, want)
		}
		if got, want := growthRE.MatchString(s), rateOK(s, true); got != want {
			t.Fatalf("growth %q: pattern matches %v, the parsers read it %v", s, got, want)
		}
	}
}
