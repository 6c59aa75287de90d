package calendar

import (
	"testing"
	"time"
)

// TestCNKnownYears checks the data against the published notices for days
// anyone can check: 2026 (国办发明电〔2025〕7号) and 2025 (国办发明电〔2024〕12号).
func TestCNKnownYears(t *testing.T) {
	cases := []struct {
		day  string
		work bool
		name string
	}{
		{"2026-01-01", false, "元旦节"},
		{"2026-01-04", true, "元旦节"}, // Sunday worked
		{"2026-02-15", false, "春节"},
		{"2026-02-23", false, "春节"},
		{"2026-02-14", true, "春节"}, // Saturday worked
		{"2026-10-07", false, "国庆节"},
		{"2026-10-10", true, "国庆节"},
		{"2025-01-28", false, "春节"},
		{"2025-01-26", true, "春节"},
		{"2025-05-05", false, "劳动节"},
	}
	byDay := map[string]Day{}
	for _, y := range []int{2025, 2026} {
		days, ok := CN(y)
		if !ok {
			t.Fatalf("%d is not covered", y)
		}
		for _, d := range days {
			byDay[d.Date.Format("2006-01-02")] = d
		}
	}
	for _, c := range cases {
		d, ok := byDay[c.day]
		if !ok || d.Work != c.work || d.Name != c.name {
			t.Errorf("%s: got %+v (listed %v), want work=%v %s", c.day, d, ok, c.work, c.name)
		}
	}
	// A plain weekday is not listed.
	if _, ok := byDay["2026-03-10"]; ok {
		t.Error("2026-03-10 is listed")
	}
}

// TestCNCoverage checks that the covered years are a run ending no earlier
// than 2027 (the module version pinned in go.mod has the notice for 2027),
// and that an uncovered year says so.
func TestCNCoverage(t *testing.T) {
	first, last := Years()
	if last < 2027 || first > 2010 {
		t.Errorf("covered %d–%d", first, last)
	}
	if _, ok := CN(last + 1); ok {
		t.Errorf("%d covered after the last year", last+1)
	}
	days, _ := CN(2027)
	for i := 1; i < len(days); i++ {
		if days[i].Date.Before(days[i-1].Date) {
			t.Fatal("days out of order")
		}
	}
	for _, d := range days {
		if d.Work && d.Date.Weekday() != time.Saturday && d.Date.Weekday() != time.Sunday {
			t.Errorf("make-up day %s is a %s", d.Date.Format("2006-01-02"), d.Date.Weekday())
		}
	}
}
