package main

import (
	"bytes"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/planhq/plan/render/dashboard"
)

// pageNumber is one number of a page: its data-k, data-v and display text.
type pageNumber struct{ key, val, text string }

// pageNumbers parses a page and returns every element that carries a data-k.
func pageNumbers(t *testing.T, page []byte) []pageNumber {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("the page does not parse: %v", err)
	}
	var out []pageNumber
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			var pn pageNumber
			for _, a := range n.Attr {
				switch a.Key {
				case "data-k":
					pn.key = a.Val
				case "data-v":
					pn.val = a.Val
				}
			}
			if pn.key != "" {
				if n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
					pn.text = n.FirstChild.Data
				}
				out = append(out, pn)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// runJSON runs a plan command with --format json and decodes its output.
func runJSON(t *testing.T, args ...string) any {
	t.Helper()
	var out, errw bytes.Buffer
	if code := run(append(args, "--format", "json"), nil, &out, &errw); code != 0 {
		t.Fatalf("plan %s: exit %d\n%s", strings.Join(args, " "), code, errw.String())
	}
	dec := json.NewDecoder(&out)
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("plan %s: %v", strings.Join(args, " "), err)
	}
	return v
}

// TestReportNumbersMatchJSON writes the page of every example and checks each
// number on it against the JSON that plan split, funnel and track print for
// the same plan and flags: the value where its data-k points must be its
// data-v, and its text must show that value.
func TestReportNumbersMatchJSON(t *testing.T) {
	cases := []struct {
		plan        string
		actuals     string
		receivables string
		extra       []string
	}{
		{plan: "company", actuals: "company/actuals.csv", extra: []string{"--as-of", "2027-06"}},
		{plan: "company", actuals: "company/actuals-metrics.csv", receivables: "company/receivables.csv"},
		{plan: "company", extra: []string{"--tier", "challenge"}},
		{plan: "team"},
		{plan: "fiscal-april"},
		{plan: "funnel-seed"},
		{plan: "funnel-stages"},
		{plan: "people", actuals: "people/actuals.csv"},
	}
	for _, c := range cases {
		t.Run(c.plan+strings.Join(c.extra, ""), func(t *testing.T) {
			file := filepath.Join("../../examples", c.plan, "plan.yaml")
			out := filepath.Join(t.TempDir(), "page.html")
			args := append([]string{"report", file, "-o", out}, c.extra...)
			var track []string
			if c.actuals != "" {
				args = append(args, "--actuals", filepath.Join("../../examples", c.actuals))
				track = append([]string{"track", file, "--actuals", filepath.Join("../../examples", c.actuals), "--period", "month"}, c.extra...)
			}
			if c.receivables != "" {
				args = append(args, "--receivables", filepath.Join("../../examples", c.receivables), "--ar-as-of", "2027-06-30")
			}
			var stdout, stderr bytes.Buffer
			if code := run(args, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("plan report: exit %d\n%s", code, stderr.String())
			}
			page, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			tier := tierFlags(c.extra)
			docs := map[string]any{
				dashboard.DocSplit:    runJSON(t, append([]string{"split", file, "--period", "month"}, tier...)...),
				dashboard.DocQuarters: runJSON(t, append([]string{"split", file, "--period", "quarter"}, tier...)...),
			}
			if hasFunnel(t, file) {
				docs[dashboard.DocFunnel] = runJSON(t, append([]string{"funnel", file, "--period", "month"}, tier...)...)
			}
			if track != nil {
				docs[dashboard.DocTrack] = runJSON(t, track...)
			}
			if c.receivables != "" {
				rf := filepath.Join("../../examples", c.receivables)
				docs[dashboard.DocAR] = runJSON(t, "ar", file, "--receivables", rf, "--as-of", "2027-06-30")
			}
			if hasCapacity(t, file) {
				docs[dashboard.DocCapacity] = runJSON(t, append([]string{"capacity", file, "--period", "month"}, tier...)...)
			}
			nums := pageNumbers(t, page)
			seen := map[string]bool{}
			for _, n := range nums {
				name, path, ok := dashboard.SplitKey(n.key)
				if !ok {
					t.Errorf("bad data-k %q", n.key)
					continue
				}
				seen[name] = true
				d, ok := docs[name]
				if !ok {
					t.Errorf("%s: no %s report for this command line", n.key, name)
					continue
				}
				got := dashboard.Resolve(d, path)
				if got == nil {
					if n.val != "" {
						t.Errorf("%s: the JSON has null or nothing, the page %q", n.key, n.val)
					}
					continue
				}
				num, isNum := got.(json.Number)
				if !isNum || string(num) != n.val {
					t.Errorf("%s: the JSON has %v, the page data-v %q", n.key, got, n.val)
					continue
				}
				checkShown(t, n)
			}
			for name := range docs {
				if !seen[name] {
					t.Errorf("the page shows no number of the %s report", name)
				}
			}
			if len(nums) < 40 {
				t.Errorf("only %d numbers on the page", len(nums))
			}
		})
	}
}

// hasFunnel reports whether the plan has a funnel section (plan funnel runs).
func hasFunnel(t *testing.T, file string) bool {
	t.Helper()
	var out, errw bytes.Buffer
	return run([]string{"funnel", file, "--format", "json"}, nil, &out, &errw) == 0
}

// hasCapacity reports whether the plan has a capacity section (plan capacity runs).
func hasCapacity(t *testing.T, file string) bool {
	t.Helper()
	var out, errw bytes.Buffer
	return run([]string{"capacity", file, "--format", "json"}, nil, &out, &errw) == 0
}

// tierFlags keeps the flags that choose what split computes (--tier).
func tierFlags(extra []string) []string {
	var out []string
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i] == "--tier" {
			out = append(out, extra[i], extra[i+1])
		}
	}
	return out
}

// checkShown checks that a number's text shows its value: exactly (grouped)
// for plain amounts and counts, rounded down to 0.1 point for percentages,
// within half the last shown digit for 万/亿/k/M/B.
func checkShown(t *testing.T, n pageNumber) {
	t.Helper()
	v, ok := new(big.Rat).SetString(n.val)
	if !ok {
		t.Errorf("%s: data-v %q is not a number", n.key, n.val)
		return
	}
	text := strings.ReplaceAll(n.text, ",", "")
	scale := big.NewRat(1, 1)
	tol := big.NewRat(0, 1)
	percent := false
	for suffix, s := range map[string]int64{"万": 1e4, "亿": 1e8, "k": 1e3, "M": 1e6, "B": 1e9} {
		if strings.HasSuffix(text, suffix) {
			text = strings.TrimSuffix(text, suffix)
			scale.SetInt64(s)
			tol.SetFrac64(s, 20) // half of the one decimal shown
		}
	}
	if strings.HasSuffix(text, "%") {
		text, percent = strings.TrimSuffix(text, "%"), true
		scale.SetFrac64(1, 100)
	}
	shown, ok := new(big.Rat).SetString(text)
	if !ok {
		t.Errorf("%s: text %q does not read as a number", n.key, n.text)
		return
	}
	shown.Mul(shown, scale)
	diff := new(big.Rat).Sub(v, shown)
	if percent {
		// rounded down to a tenth of a point: 0 ≤ value − shown < 0.001
		if diff.Sign() < 0 || diff.Cmp(big.NewRat(1, 1000)) >= 0 {
			t.Errorf("%s: %q does not show %s rounded down", n.key, n.text, n.val)
		}
		return
	}
	if tol.Sign() == 0 {
		// a plain number: within half of its last shown digit (exact when
		// it shows every digit of the value)
		_, frac, _ := strings.Cut(text, ".")
		tol.SetFrac(big.NewInt(1), new(big.Int).Mul(big.NewInt(2), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(frac))), nil)))
		if strings.Contains(n.val, ".") && len(frac) >= len(n.val)-strings.Index(n.val, ".")-1 {
			tol.SetInt64(0)
		}
	}
	if diff.Abs(diff).Cmp(tol) > 0 {
		t.Errorf("%s: %q does not show %s", n.key, n.text, n.val)
	}
}
