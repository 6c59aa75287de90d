package plan

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// A tier, metric or dimension named on the command line is found in any
// Unicode spelling of the plan's name (SPEC §8: names compare in NFC), and
// the result carries the plan's own spelling.
func TestNamesFoundInAnySpelling(t *testing.T) {
	nfc, nfd := norm.NFC.String("Zoë"), norm.NFD.String("Zoë")
	if nfc == nfd {
		t.Fatal("the test needs two spellings")
	}
	p := mustLoad(t, `version: 1
name: n
round: 1
year: {start: 2027-01}
target: 1200
tiers: {base: 100%, "`+nfc+`": 120%}
metrics:
  - {name: "`+nfc+`", target: 120}
dimensions:
  "`+nfc+`": [a, b]
`)
	b, err := Split(p, Options{Tier: nfd, Metric: nfd})
	if err != nil {
		t.Fatal(err)
	}
	// 120 × 120 % = 144, shared equally
	if b.Tier != nfc || b.Metric != nfc || b.Target != 144 {
		t.Errorf("tier %q metric %q target %d; want the plan's spellings and 144", b.Tier, b.Metric, b.Target)
	}
	if b.Dimension(nfd) == nil || p.Dimension(nfd) == nil {
		t.Error("dimension not found by its NFD spelling")
	}
	if _, ok := p.Metric(nfd); !ok {
		t.Error("metric not found by its NFD spelling")
	}
}
