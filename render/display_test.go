package render

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/renderer"

	"github.com/planhq/plan/plan"
)

// displayReports are reports of every kind the golden tests build.
func displayReports(t *testing.T) map[string]Report {
	out := map[string]Report{}
	for _, c := range splitCases {
		out["split/"+c.name] = buildSplit(t, c)
	}
	out["track/company"] = trackCompany(t, plan.Month{})
	colored := trackCompany(t, plan.Month{})
	colored.Color = true
	out["track/color"] = colored
	out["track/reserve"] = trackReserve(t)
	out["funnel/stages"] = &FunnelReport{Result: funnelResult(t, "funnel-stages", ""), Period: plan.PeriodMonth}
	out["funnel/seed"] = &FunnelReport{Result: funnelResult(t, "funnel-seed", ""), Period: plan.PeriodMonth}
	return out
}

// TestGridDrawsAsTablewriter checks the fast path against tablewriter: every
// table of every golden report drawn both ways is byte-identical.
func TestGridDrawsAsTablewriter(t *testing.T) {
	for name, r := range displayReports(t) {
		for i, sec := range r.Sections() {
			if len(sec.Columns) == 0 {
				continue
			}
			var want, got bytes.Buffer
			if err := drawTable(&want, sec, renderer.NewBlueprint()); err != nil {
				t.Fatal(err)
			}
			g := measure(sec)
			if err := g.drawBox(&got, allColumns(len(sec.Columns))); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s section %d: the grid draws\n%s\ntablewriter\n%s", name, i, got.String(), want.String())
			}
			if w := g.boxWidth(allColumns(len(sec.Columns))); w != cellWidth(strings.SplitN(want.String(), "\n", 2)[0]) {
				t.Errorf("%s section %d: boxWidth %d, drawn %d", name, i, w, cellWidth(strings.SplitN(want.String(), "\n", 2)[0]))
			}
		}
	}
}

// TestDisplayFits checks that at each width every line of every report fits,
// and that the folded table still shows every cell.
func TestDisplayFits(t *testing.T) {
	for name, r := range displayReports(t) {
		for _, width := range []int{60, 80, 120} {
			d := Displayed(r, Display{Width: width})
			out := string(renderTo(t, "table", d))
			for i, line := range strings.Split(out, "\n") {
				if w := cellWidth(line); w > width {
					t.Errorf("%s at %d: line %d is %d wide: %q", name, width, i+1, w, line)
				}
			}
			// Every non-empty cell of the report is still shown.
			for _, sec := range d.Sections() {
				for _, row := range sec.Rows {
					for _, c := range row {
						if c = strings.TrimSpace(c); c != "" && !strings.Contains(out, c) {
							t.Errorf("%s at %d: cell %q is missing", name, width, c)
						}
					}
				}
			}
		}
	}
}

func TestScaleAmount(t *testing.T) {
	cases := []struct {
		in      string
		u       DisplayUnit
		compact bool
		want    string
	}{
		{"10,693,333", UnitsWan, false, "1,069.3"},
		{"10,693,350", UnitsWan, false, "1,069.3"},
		{"10,693,450", UnitsWan, false, "1,069.3"},
		{"10,693,500", UnitsWan, false, "1,069.4"}, // halves away from zero
		{"-10,693,500", UnitsWan, false, "-1,069.4"},
		{"45,000,000", UnitsYi, false, "0.45"},
		{"145,800,000", UnitsYi, false, "1.46"},
		{"999", UnitsThousand, false, "1.0"},
		{"1,234,567.89", UnitsMillion, false, "1.23"},
		{"17,048,004.81", UnitsFull, true, "17,048,005"},
		{"0.49", UnitsFull, true, "0"},
		{"-0.49", UnitsFull, true, "0"},
		{"-0.5", UnitsFull, true, "-1"},
		{"+600,000", UnitsWan, false, "+60.0"},
		{"", UnitsWan, false, ""},
		{"—", UnitsWan, false, "—"},
		{"12%", UnitsWan, false, "12%"},
	}
	for _, c := range cases {
		if got := ScaleAmount(c.in, c.u, c.compact); got != c.want {
			t.Errorf("ScaleAmount(%q, %q, %v) = %q, want %q", c.in, c.u, c.compact, got, c.want)
		}
	}
}

// TestDisplayColumns checks hiding empty columns and --columns.
func TestDisplayColumns(t *testing.T) {
	sec := Section{
		Columns: []Column{{Name: "NODE"}, {Name: "AMOUNT", Align: Right, Money: true}, {Name: "COMMIT", Align: Right, Money: true}, {Name: "", Align: Left}, {Name: "Q1", Align: Right, Money: true}},
		Rows:    [][]string{{"a", "1,000", "", "x", "500"}, {"b", "2,000", "", "y", "1,500"}},
		Footer:  []string{"TOTAL", "3,000", "", "", "2,000"},
	}
	r := &displayFixture{secs: []Section{{Notes: []string{"head"}}, sec}}
	got := Displayed(r, Display{}).Sections()
	if names := columnNames(got[1]); names != "NODE,AMOUNT,,Q1" {
		t.Errorf("empty COMMIT not hidden: %s", names)
	}
	got = Displayed(r, Display{Columns: []string{"q1"}, Units: UnitsThousand}).Sections()
	if names := columnNames(got[1]); names != "NODE,Q1" {
		t.Errorf("--columns q1 shows %s", names)
	}
	if got[1].Rows[1][1] != "1.5" || got[1].Footer[1] != "2.0" {
		t.Errorf("--units k: rows %v footer %v", got[1].Rows, got[1].Footer)
	}
	if n := got[0].Notes; len(n) != 2 || !strings.Contains(n[1], "amounts in k") {
		t.Errorf("no unit note: %v", n)
	}
	if err := CheckColumns(r, []string{"q1", "nope"}); err == nil || !strings.Contains(err.Error(), `unknown column "nope"`) {
		t.Errorf("CheckColumns: %v", err)
	}
	if got := Displayed(r, Display{Columns: []string{"nope"}}).Sections(); len(got) != 1 {
		t.Errorf("a table with none of the columns is kept: %d sections", len(got))
	}
}

func TestWrapNote(t *testing.T) {
	note := "target 50,000,000 · reserve 5,000,000 (10%) · allocated 45,000,000 · round 1000"
	got := wrapNote(note, 60)
	want := []string{"target 50,000,000 · reserve 5,000,000 (10%)", "  allocated 45,000,000 · round 1000"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("wrapNote = %q", got)
	}
	if got := wrapNote(note, 0); len(got) != 1 {
		t.Errorf("width 0 wraps: %q", got)
	}
}

func columnNames(sec Section) string {
	var n []string
	for _, c := range sec.Columns {
		n = append(n, c.Name)
	}
	return strings.Join(n, ",")
}

// displayFixture is a report of given sections.
type displayFixture struct{ secs []Section }

func (f *displayFixture) Sections() []Section                { return f.secs }
func (f *displayFixture) Records(func([]string) error) error { return nil }
func (f *displayFixture) WriteJSON(io.Writer) error          { return nil }

// TestMoneyMatchesGrouped checks the one-buffer Money against the plain
// definition (Format, pad the decimals, Grouped) over units and signs.
func TestMoneyMatchesGrouped(t *testing.T) {
	for _, us := range []string{"1", "1000", "0.01", "0.5", "0.001", "25"} {
		r, err := plan.ParseAmount(us)
		if err != nil {
			t.Fatal(err)
		}
		u, ok := plan.NewUnit(r)
		if !ok {
			t.Fatalf("unit %s", us)
		}
		for _, n := range []int64{0, 1, -1, 7, 12, 999, 1000, -1234, 123456, 1234567, -98765432, 1 << 40, -(1 << 40)} {
			s := u.Format(n)
			if p := u.Places(); p > 0 {
				i, f, _ := strings.Cut(s, ".")
				s = i + "." + f + strings.Repeat("0", p-len(f))
			}
			if got, want := Money(u, n), Grouped(s); got != want {
				t.Errorf("Money(%s, %d) = %q, want %q", us, n, got, want)
			}
		}
	}
}
