package plan

import (
	"errors"
	"strings"
	"testing"
)

// checkActualsRun loads fuzzed actuals against the tracking test plan: never
// a panic; every problem has a message, a file and no raw control bytes;
// accepted actuals sit on leaves and score without panicking.
func checkActualsRun(t *testing.T, b *Breakdown, file string, data []byte) {
	a, diags := LoadActuals(file, data, b)
	for _, d := range diags {
		if d.Msg == "" || !strings.HasPrefix(d.File, file) {
			t.Fatalf("diagnostic without a file or a message: %#v", d)
		}
		if s := d.String(); s != PrintableLines(s) {
			t.Fatalf("diagnostic with raw control characters: %q", s)
		}
	}
	if err := diags.Err(); err != nil {
		if n := len(err.(*InvalidError).Diagnostics); n > MaxErrors+1 {
			t.Fatalf("%d errors shown, more than %d", n, MaxErrors+1)
		}
		return
	}
	for _, da := range a.Dimensions {
		for i, months := range da.Amounts {
			for _, v := range months {
				if v != nil && (!da.Split.Rows[i].Leaf() || da.Split.Rows[i].IsReserve()) {
					t.Fatalf("an actual on %s, which is not a leaf", da.Split.Rows[i].PathString())
				}
			}
		}
	}
	if a.Last < 0 {
		return
	}
	if _, err := Track(b, a, Month{}); err != nil {
		var prob *Problem
		if !errors.As(err, &prob) {
			t.Fatalf("Track: %T %v, want a *Problem", err, err)
		}
	}
}

// FuzzActualsCSV: the CSV actuals reader (checkActualsRun).
func FuzzActualsCSV(f *testing.F) {
	addSeeds(f, "FuzzActualsCSV")
	b := trkBreakdown(f, trackPlan, Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		checkActualsRun(t, b, "a.csv", data)
	})
}

// FuzzActualsXLSX: the workbook actuals reader (checkActualsRun).
func FuzzActualsXLSX(f *testing.F) {
	addSeeds(f, "FuzzActualsXLSX")
	b := trkBreakdown(f, trackPlan, Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		checkActualsRun(t, b, "a.xlsx", data)
	})
}
