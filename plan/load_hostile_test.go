package plan

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// hostile files: each must end in a clear error (one of the loader's own
// messages, with a position), never a panic, never a hang, never a plan.
func TestLoadHostileFiles(t *testing.T) {
	laughs := func(levels, width int, leaf string) string {
		var b strings.Builder
		b.WriteString(base + "funnel: {deal_size: 1, win_rate: 10%}\nanchors:\n")
		fmt.Fprintf(&b, "  a0: &a0 [%s]\n", strings.TrimSuffix(strings.Repeat(leaf+", ", width), ", "))
		for i := 1; i < levels; i++ {
			fmt.Fprintf(&b, "  a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), width), ", "))
		}
		fmt.Fprintf(&b, "dimensions: {org: *a%d}\n", levels-1)
		return b.String()
	}
	// a node bomb: every level is two nodes whose children are the level below,
	// so the tree has 2^levels leaves once the aliases are expanded
	nodeBomb := func(levels int) string {
		var b strings.Builder
		b.WriteString(base + "dimensions:\n")
		b.WriteString("  d0: &n0 [{name: x}, {name: y}]\n")
		for i := 1; i < levels; i++ {
			fmt.Fprintf(&b, "  d%d: &n%d [{name: x, children: *n%d}, {name: y, children: *n%d}]\n", i, i, i-1, i-1)
		}
		return b.String()
	}
	rng := rand.New(rand.NewPCG(9, 9))
	garbage := make([]byte, 1<<20)
	for i := range garbage {
		garbage[i] = byte(rng.IntN(256))
	}
	tests := []struct {
		name string
		src  []byte
		want string // a substring of the first error
	}{
		// v2: aliases are counted before the plan is read (SPEC §8)
		{"billion laughs of scalars", []byte(laughs(10, 9, `"lol"`)), "the plan's aliases expand it by more than 200000 values"},
		{"billion laughs of nodes", []byte(strings.Replace(laughs(10, 9, "{name: lol}"), "anchors:", "funnel_anchors:", 1)), "the plan's aliases expand it by more than 200000 values"},
		{"an exponential tree of nodes through aliases", []byte(nodeBomb(40)), "the plan's aliases expand it by more than 200000 values"},
		// the YAML library refuses more than 10,000 levels; the loader never
		// walks deeper than the plan's shape, so deep values are one error
		{"10001-deep flow lists", []byte(base + "dimensions: " + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + "\n"), "malformed YAML: exceeded max depth of 10000"},
		{"10000-deep flow lists", []byte(base + "dimensions: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n"), "dimensions must be a mapping of dimension names to lists of nodes, found a list"},
		{"10000-deep flow mappings", []byte(base + "tracking: {green: " + strings.Repeat("{a: ", 9999) + "1" + strings.Repeat("}", 9999) + "}\n"), "tracking.green must be a single value, found a mapping"},
		{"3000-deep block lists", []byte(base + "tiers:\n" + deepBlockList(3000)), "tiers must be a mapping of names to factors, found a list"},
		{"10000-deep nodes", []byte(base + "dimensions: {org: " + strings.Repeat("[{name: a, children: ", 10000) + "[b]" + strings.Repeat("}]", 10000) + "}\n"), "malformed YAML: exceeded max depth of 10000"},
		{"4000-deep nodes, within the YAML limit", []byte(base + "dimensions: {org: " + strings.Repeat("[{name: a, children: ", 4000) + "[b]" + strings.Repeat("}]", 4000) + "}\n"), "nodes are nested deeper than 50 levels"},
		{"binary garbage", garbage, "the file is not UTF-8 text"},
		{"NUL bytes", []byte("version: 1\x00\x00\x00\n"), "the file holds the control character U+0000"},
		{"a UTF-16 file", []byte("\xff\xfev\x00e\x00r\x00"), `the plan must be a mapping (key: value), found "ver"`},
		{"empty file", nil, "the plan is empty"},
		{"only whitespace", []byte(" \n\t\n  \n"), "the plan is empty"},
		{"only comments", []byte("# plan\n# more\n"), "the plan is empty"},
		{"a YAML null document", []byte("~\n"), "the plan must be a mapping (key: value), found nothing"},
		{"a document marker alone", []byte("---\n...\n"), "the plan must be a mapping (key: value), found nothing"},
		{"50 MB of junk", bytes.Repeat([]byte("x: 1\n"), 10<<20), "the file is larger than 16 MiB"},
		{"50 MB of random bytes", bytes.Repeat(garbage, 50), "the file is larger than 16 MiB"},
		{"a second YAML document", []byte(base + "---\n" + base), "the file holds more than one YAML document"},
		{"a third YAML document after an empty one", []byte(base + "---\n---\n" + base), "the file holds more than one YAML document"},
		{"tabs", []byte("version: 1\nyear:\n\tstart: 2027-01\ntarget: 1000\n"), "malformed YAML:"},
		{"a 2 MB name", []byte(base + "dimensions: {org: [\"" + strings.Repeat("名", 700_000) + "/\"]}\n"), "contains /"},
		{"100,000 duplicate keys", []byte(base + strings.Repeat("x: 1\n", 100_000)), "unknown key \"x\" in the plan"},
		{"an alias to nothing", []byte(base + "reserve: *nope\n"), "malformed YAML: unknown anchor 'nope' referenced"},
		{"a recursive alias", []byte(base + "dimensions: &d {org: *d}\n"), "dimension org must be a list, found a mapping"},
		{"a recursive alias in a node", []byte(base + "dimensions: {org: &n [{name: a, children: *n}]}\n"), "nodes are nested deeper than 50 levels"},
		{"a huge exponent", []byte(base + "reserve: 1e999999999%\n"), "is not a percentage"},
		{"a huge number of digits", []byte("version: 1\nyear: {start: 2027-01}\ntarget: " + strings.Repeat("9", 100_000) + "\n"), "is not an amount"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags Diagnostics
			var p *Plan
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panic: %v", r)
					}
				}()
				p, diags = Load("hostile.yaml", tt.src)
			}()
			if p != nil || !diags.HasErrors() {
				t.Fatalf("a hostile file loads: %v", diags)
			}
			first := diags.Errors()[0]
			if !strings.Contains(first.Msg, tt.want) {
				t.Errorf("first error %q, want %q", first, tt.want)
			}
			if !strings.HasPrefix(first.String(), "hostile.yaml:") || !strings.Contains(first.String(), ": error: ") {
				t.Errorf("not a FILE:LINE:COL: error: line: %q", first)
			}
			if len(diags) > MaxErrors+1 {
				t.Errorf("%d diagnostics, the limit is %d", len(diags), MaxErrors+1)
			}
		})
	}
}

// A file just under the size limit made of junk still ends in errors (the
// first MaxErrors of them) rather than in an endless list.
func TestLoadJunkUnderTheLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 2 MB of YAML")
	}
	src := []byte(base + strings.Repeat("junk: [1, 2]\n", (2<<20)/13))
	_, diags := Load("junk.yaml", src)
	if len(diags) != MaxErrors+1 || !strings.Contains(diags[MaxErrors].Msg, "too many errors") {
		t.Fatalf("%d diagnostics, last %v", len(diags), diags[len(diags)-1])
	}
}

// deepBlockList writes a block list nested depth levels deep, one space per level.
func deepBlockList(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat(" ", i+1))
		b.WriteString("-\n")
	}
	b.WriteString(strings.Repeat(" ", depth+1) + "x\n")
	return b.String()
}
