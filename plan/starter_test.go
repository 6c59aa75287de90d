package plan

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestStarterLoadsCleanly: the plan `plan init` writes loads with no error
// and no warning.
func TestStarterLoadsCleanly(t *testing.T) {
	p, diags := Load("plan.yaml", []byte(Starter()))
	if len(diags) > 0 {
		t.Fatalf("the starter has diagnostics:\n%v", diags)
	}
	if p == nil {
		t.Fatal("the starter did not load")
	}
}

// TestStarterSplitsEveryVariant: every tier and every metric of the starter
// splits with no error and no warning, and every dimension adds up to what is
// allocated.
func TestStarterSplitsEveryVariant(t *testing.T) {
	p, diags := Load("plan.yaml", []byte(Starter()))
	if p == nil {
		t.Fatalf("the starter did not load: %v", diags)
	}
	metrics := []string{RevenueMetric}
	for _, m := range p.Metrics {
		if m.Splittable() {
			metrics = append(metrics, m.Name)
		}
	}
	if len(p.TierNames()) < 2 || len(metrics) < 2 {
		t.Fatalf("the starter should show tiers and metrics, has tiers %v, metrics %v", p.TierNames(), metrics)
	}
	for _, tier := range p.TierNames() {
		for _, metric := range metrics {
			b, err := Split(p, Options{Tier: tier, Metric: metric})
			if err != nil {
				t.Errorf("tier %s, metric %s: %v", tier, metric, err)
				continue
			}
			if len(b.Warnings) > 0 {
				t.Errorf("tier %s, metric %s: warnings:\n%v", tier, metric, b.Warnings)
			}
			for _, d := range b.Dimensions {
				var sum int64
				for _, r := range d.Roots {
					sum += r.Amount
				}
				if sum != b.Allocated {
					t.Errorf("tier %s, metric %s, dimension %s: top level adds up to %d, allocated is %d", tier, metric, d.Name, sum, b.Allocated)
				}
			}
		}
	}
	if errs := Validate("plan.yaml", []byte(Starter())); len(errs) > 0 {
		t.Errorf("plan validate reports:\n%v", errs)
	}
}

// TestStarterShowsEveryKey: the starter is the format's tour, so every
// property the schema defines is used in it where it belongs (the starter is
// walked along the schema), or, for alternatives that cannot be active at the
// same time, shown in a comment as `key:`. Every value of the enumerations is
// mentioned too.
func TestStarterShowsEveryKey(t *testing.T) {
	doc := schemaDoc(t)
	all := map[string]string{} // schema path of a property → its key
	var collect func(path string, v any)
	collect = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for k := range props {
					all[path+"/properties/"+k] = k
				}
			}
			for k, x := range v {
				collect(path+"/"+k, x)
			}
		case []any:
			for i, x := range v {
				collect(path+"/"+strconv.Itoa(i), x)
			}
		}
	}
	collect("#", doc)
	delete(all, "#/properties/seasonality/then/properties/basis") // a constraint, not a place

	used := map[string]bool{}
	var walk func(path string, sch map[string]any, n *yaml.Node)
	walk = func(path string, sch map[string]any, n *yaml.Node) {
		for {
			ref, ok := sch["$ref"].(string)
			if !ok {
				break
			}
			path = ref
			sch = schemaAt(t, doc, strings.TrimPrefix(ref, "#"))
		}
		switch n.Kind {
		case yaml.MappingNode:
			props, _ := sch["properties"].(map[string]any)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i].Value, n.Content[i+1]
				if p, ok := props[k].(map[string]any); ok {
					used[path+"/properties/"+k] = true
					walk(path+"/properties/"+k, p, v)
				} else if ap, ok := sch["additionalProperties"].(map[string]any); ok {
					walk(path+"/additionalProperties", ap, v)
				}
			}
		case yaml.SequenceNode:
			if items, ok := sch["items"].(map[string]any); ok {
				for _, it := range n.Content {
					walk(path+"/items", items, it)
				}
			}
		}
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(Starter()), &root); err != nil {
		t.Fatal(err)
	}
	walk("#", doc, root.Content[0])

	var comments strings.Builder
	for _, line := range strings.Split(Starter(), "\n") {
		if _, c, ok := strings.Cut(line, "#"); ok {
			comments.WriteString(c + "\n")
		}
	}
	var missing []string
	for path, key := range all {
		if used[path] {
			continue
		}
		if !regexp.MustCompile(`(?m)(^\s*|[{\x60]|, )` + regexp.QuoteMeta(key) + `:`).MatchString(comments.String()) {
			missing = append(missing, path)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("the starter never shows:\n%s", strings.Join(missing, "\n"))
	}
	if len(used) < 40 {
		t.Errorf("the starter uses only %d of the schema's %d properties", len(used), len(all))
	}
	for _, word := range []string{"working_days", "calendar_days", "equal", "count", "amount", "linear", "zero"} {
		if !strings.Contains(Starter(), word) {
			t.Errorf("the starter never mentions %s", word)
		}
	}
}

// TestStarterMatchesTopKeyOrder: the starter writes the top-level keys in the
// order the loader lists them (topKeys), so that it reads like the format.
func TestStarterMatchesTopKeyOrder(t *testing.T) {
	var got []string
	for _, line := range strings.Split(Starter(), "\n") {
		if m := regexp.MustCompile(`^([a-z_]+):`).FindStringSubmatch(line); m != nil {
			got = append(got, m[1])
		}
	}
	want := slices.DeleteFunc(slices.Clone(topKeys), func(k string) bool { return k == "base" }) // needs year.closed: shown in a comment
	if !slices.Equal(got, want) {
		t.Errorf("the starter's top-level keys are\n%v\nwant\n%v", got, want)
	}
}
