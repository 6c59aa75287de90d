package plan

import (
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// addSeeds adds every file of the top-level testdata/fuzz/<name> directory to
// the fuzz corpus (the layout keeps corpora at the top; crashers found by
// `go test -fuzz` land in plan/testdata/fuzz and should be copied there).
func addSeeds(f *testing.F, name string) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "fuzz", name, "*"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed corpus for %s: %v", name, err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzParseAmount: the parser never panics, and what it accepts is an exact
// decimal that reads back the same, whatever the spaces around it; a suffix
// multiplies by its power of ten.
func FuzzParseAmount(f *testing.F) {
	addSeeds(f, "FuzzParseAmount")
	f.Fuzz(func(t *testing.T, data []byte) {
		s := string(data)
		r, err := ParseAmount(s)
		if err != nil {
			var ve *ValueError
			if !errors.As(err, &ve) || ve.Msg == "" {
				t.Fatalf("ParseAmount(%q): error %v is not a *ValueError with a message", s, err)
			}
			return
		}
		// An amount is a terminating decimal: FormatRat writes it exactly and it reads back.
		places, ok := decimalPlaces(r)
		if !ok {
			t.Fatalf("ParseAmount(%q) = %s, not a decimal", s, r.RatString())
		}
		back, err := ParseAmount(FormatRat(r, places))
		if err != nil || back.Cmp(r) != 0 {
			t.Fatalf("ParseAmount(%q) = %s; written %q reads back as %v, %v", s, r.RatString(), FormatRat(r, places), back, err)
		}
		// Surrounding spaces do not matter.
		if sp, err := ParseAmount(" " + s + "\t"); err != nil || sp.Cmp(r) != 0 {
			t.Fatalf("ParseAmount(%q) = %s but with spaces %v, %v", s, r.RatString(), sp, err)
		}
		// A plain number (no suffix) means the same to ParseNumber (which
		// refuses commas, as weights and rates have none); a suffix after it
		// multiplies.
		// A currency sign before it, 元 after it, and its full-width spelling
		// read the same.
		t2 := strings.TrimSpace(s)
		if !strings.HasPrefix(t2, "-") && isASCIIText(t2) {
			for _, v := range []string{"¥" + t2, "￥" + t2, t2 + "元", width.Widen.String(t2)} {
				if w, err := ParseAmount(v); err != nil || w.Cmp(r) != 0 {
					t.Fatalf("ParseAmount(%q) = %s but ParseAmount(%q) = %v, %v", s, r.RatString(), v, w, err)
				}
			}
		}
		t2 = plainAmountText(s)
		if last, _ := utf8.DecodeLastRuneInString(t2); last >= '0' && last <= '9' || last == '.' {
			if n, err := ParseNumber(t2); !strings.Contains(t2, ",") && (err != nil || n.Cmp(r) != 0) {
				t.Fatalf("ParseAmount(%q) = %s but ParseNumber gives %v, %v", s, r.RatString(), n, err)
			}
			// A suffix may push a number past the 60 digits an amount may take
			// written out; then, and only then, it is refused.
			for suffix, exp := range map[string]int64{"万": 1e4, "亿": 1e8, "k": 1e3, "M": 1e6, "B": 1e9} {
				want := new(big.Rat).Mul(r, big.NewRat(exp, 1))
				m, err := ParseAmount(t2 + suffix)
				if err != nil && digitsWritten(want) <= maxDigits {
					t.Fatalf("ParseAmount(%q) refused: %v; want %s × %d", t2+suffix, err, r.RatString(), exp)
				}
				if err == nil && m.Cmp(want) != 0 {
					t.Fatalf("ParseAmount(%q) = %v; want %s × %d", t2+suffix, m, r.RatString(), exp)
				}
			}
		}
	})
}

// FuzzLoad: Load never panics; what it refuses it refuses with positioned
// errors; when it returns a plan, Validate and Split never panic, and every
// split adds up (all the invariants of SPEC §4, see checkBreakdown).
func FuzzLoad(f *testing.F) {
	addSeeds(f, "FuzzLoad")
	f.Fuzz(func(t *testing.T, data []byte) {
		p, diags := Load("fuzz.yaml", data)
		for _, d := range diags {
			if d.File != "fuzz.yaml" || d.Msg == "" {
				t.Fatalf("diagnostic without a file or a message: %#v", d)
			}
			if d.Pos.Line < 0 || d.Pos.Col < 0 || (d.Pos.Line == 0 && d.Pos.Col != 0) {
				t.Fatalf("diagnostic with a bad position: %s", d)
			}
		}
		if p == nil {
			if !diags.HasErrors() {
				t.Fatalf("Load refused the plan without an error: %v", diags)
			}
			return
		}
		if diags.HasErrors() {
			t.Fatalf("Load returned a plan and errors: %v", diags.Err())
		}
		Validate("fuzz.yaml", data)
		for _, tier := range p.TierNames() {
			metrics := []string{""}
			for _, m := range p.Metrics {
				if m.Splittable() {
					metrics = append(metrics, m.Name)
				}
			}
			for _, metric := range metrics {
				b, err := Split(p, Options{Tier: tier, Metric: metric})
				if err != nil {
					var inv *InvalidError
					if !errors.As(err, &inv) {
						t.Fatalf("tier %s metric %s: %T %v, want an *InvalidError", tier, metric, err, err)
					}
					continue
				}
				if from := p.CollectFrom(metric); from != "" {
					fb, err := Split(p, Options{Tier: tier, Metric: from})
					if err != nil {
						t.Fatalf("tier %s metric %s: %v, but %s split", tier, from, err, metric)
					}
					checkCollect(t, p, fb, b)
					continue
				}
				checkBreakdown(t, b)
				for _, da := range b.Dimensions {
					for _, db := range b.Dimensions {
						if da != db {
							checkCross(t, b, da.Name, db.Name, 2)
						}
					}
				}
			}
		}
	})
}

// digitsWritten counts the digits of r written out in full (no sign, no
// point, at least one integer digit).
func digitsWritten(r *big.Rat) int {
	places, _ := decimalPlaces(r)
	w := strings.TrimPrefix(FormatRat(r, places), "-")
	return len(strings.ReplaceAll(w, ".", ""))
}
