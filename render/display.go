package render

import (
	"fmt"
	"io"
	"math/big"
	"strings"
)

// Display is how the text formats (table, markdown) lay a report out for a
// person at a terminal. The zero Display changes nothing. CSV and JSON are
// for programs and always carry the exact values: Display never touches them.
//
// A report takes part by marking its money columns (Column.Money); every
// other transformation (hiding empty columns, choosing columns, fitting to a
// width) works on any report's sections. Commands get it for free through
// cmd/plan's writeReport.
type Display struct {
	// Width is the number of terminal columns a table must fit in; 0 means no
	// limit. A table wider than Width is first drawn without borders, then
	// folded: its columns are split into blocks that each repeat the first
	// column. Notes wider than Width are broken at their " · " separators.
	Width int
	// Units shows the money columns in 万, 亿, k or M (rounded as the
	// workbook rounds them: one decimal for 万 and k, two for 亿 and M).
	Units DisplayUnit
	// Compact shows money without decimals (rounded to whole currency units,
	// halves away from zero) and draws tables without borders.
	Compact bool
	// Columns, when set, keeps only the named columns (matched without regard
	// to case) besides each table's first; a table with none of them is left
	// out.
	Columns []string
}

// zero reports whether d changes nothing.
func (d Display) zero() bool {
	return d.Width == 0 && d.Units == UnitsFull && !d.Compact && len(d.Columns) == 0
}

// Displayed returns r laid out by d for the text formats. Its records and
// JSON are r's own. Empty columns (no cell in any row or the footer, e.g. a
// COMMIT column when nothing shown has a commit) are always left out.
func Displayed(r Report, d Display) Report { return &displayed{Report: r, d: d} }

// displayed is a report seen through a Display.
type displayed struct {
	Report
	d Display
}

// Sections are the report's sections with d applied.
func (r *displayed) Sections() []Section {
	var out []Section
	for i, sec := range r.Report.Sections() {
		if len(sec.Columns) > 0 {
			sec = dropEmptyColumns(sec)
			if len(r.d.Columns) > 0 {
				var ok bool
				if sec, ok = keepColumns(sec, r.d.Columns); !ok {
					continue
				}
			}
			sec = scaleMoney(sec, r.d)
		}
		if i == 0 {
			sec.Notes = append(sec.Notes, r.d.unitNote()...)
		}
		out = append(out, sec)
	}
	return out
}

// unitNote says how amounts are shown when they are not shown in full.
func (d Display) unitNote() []string {
	switch {
	case d.Units != UnitsFull:
		step := map[DisplayUnit]string{UnitsWan: "0.1", UnitsThousand: "0.1", UnitsYi: "0.01", UnitsMillion: "0.01"}[d.Units]
		return []string{fmt.Sprintf("amounts in %s, rounded to %s %s: shown rows may not add up exactly", d.Units, step, d.Units)}
	case d.Compact:
		return []string{"amounts rounded to whole units: shown rows may not add up exactly"}
	}
	return nil
}

// CheckColumns reports an error when none of the names is a column of any of
// the report's tables, listing the columns there are.
func CheckColumns(r Report, names []string) error {
	var all []string
	seen := map[string]bool{}
	for _, sec := range r.Sections() {
		for _, c := range sec.Columns {
			k := strings.ToLower(c.Name)
			if c.Name != "" && !seen[k] {
				seen[k] = true
				all = append(all, c.Name)
			}
		}
	}
	for _, n := range names {
		if !seen[strings.ToLower(strings.TrimSpace(n))] {
			return fmt.Errorf("unknown column %q (this report has: %s)", n, strings.Join(all, ", "))
		}
	}
	return nil
}

// dropEmptyColumns leaves out the columns, other than the first, whose
// header is set and whose cells are all empty.
func dropEmptyColumns(sec Section) Section {
	keep := make([]bool, len(sec.Columns))
	for j, c := range sec.Columns {
		keep[j] = j == 0 || c.Name == ""
	}
	for _, row := range append(sec.Rows, sec.Footer) {
		for j, cell := range row {
			if j < len(keep) && cell != "" {
				keep[j] = true
			}
		}
	}
	return project(sec, keep)
}

// keepColumns keeps a section's first column and the named ones; ok is false
// when it has none of them.
func keepColumns(sec Section, names []string) (Section, bool) {
	want := map[string]bool{}
	for _, n := range names {
		want[strings.ToLower(strings.TrimSpace(n))] = true
	}
	keep := make([]bool, len(sec.Columns))
	any := false
	for j, c := range sec.Columns {
		if j == 0 {
			keep[j] = true
		} else if want[strings.ToLower(c.Name)] {
			keep[j], any = true, true
		}
	}
	return project(sec, keep), any
}

// project returns the section with only the kept columns.
func project(sec Section, keep []bool) Section {
	all := true
	for _, k := range keep {
		all = all && k
	}
	if all {
		return sec
	}
	pick := func(row []string) []string {
		if row == nil {
			return nil
		}
		out := make([]string, 0, len(row))
		for j, c := range row {
			if j >= len(keep) || keep[j] {
				out = append(out, c)
			}
		}
		return out
	}
	out := sec
	out.Columns = nil
	for j, c := range sec.Columns {
		if keep[j] {
			out.Columns = append(out.Columns, c)
		}
	}
	out.Rows = make([][]string, len(sec.Rows))
	for i, row := range sec.Rows {
		out.Rows[i] = pick(row)
	}
	out.Footer = pick(sec.Footer)
	return out
}

// scaleMoney rewrites the money cells in d's units, or without decimals when
// d is compact.
func scaleMoney(sec Section, d Display) Section {
	if d.Units == UnitsFull && !d.Compact {
		return sec
	}
	money := false
	for _, c := range sec.Columns {
		money = money || c.Money
	}
	if !money {
		return sec
	}
	scale := func(row []string) []string {
		if row == nil {
			return nil
		}
		out := append([]string(nil), row...)
		for j, c := range sec.Columns {
			if j < len(out) && c.Money {
				out[j] = ScaleAmount(out[j], d.Units, d.Compact)
			}
		}
		return out
	}
	out := sec
	out.Rows = make([][]string, len(sec.Rows))
	for i, row := range sec.Rows {
		out.Rows[i] = scale(row)
	}
	out.Footer = scale(sec.Footer)
	return out
}

// ScaleAmount rewrites one amount written for people ("10,166,000.50") in the
// given display unit ("1,016.6" for 万), or without decimals when compact and
// no unit is given. Text that is not an amount ("", "—") is returned as it is;
// a leading "+" is kept.
func ScaleAmount(cell string, u DisplayUnit, compact bool) string {
	s := strings.ReplaceAll(cell, ",", "")
	plus := strings.HasPrefix(s, "+")
	s = strings.TrimPrefix(s, "+")
	if s == "" || !isDecimal(s) {
		return cell
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return cell
	}
	places := 0
	switch u {
	case UnitsWan:
		r.Quo(r, big.NewRat(10_000, 1))
		places = 1
	case UnitsYi:
		r.Quo(r, big.NewRat(100_000_000, 1))
		places = 2
	case UnitsThousand:
		r.Quo(r, big.NewRat(1_000, 1))
		places = 1
	case UnitsMillion:
		r.Quo(r, big.NewRat(1_000_000, 1))
		places = 2
	}
	out := Grouped(roundRat(r, places).FloatString(places))
	if out == "-0" || strings.Trim(out, "-0.") == "" && strings.HasPrefix(out, "-") {
		out = out[1:]
	}
	if plus && !strings.HasPrefix(out, "-") {
		out = "+" + out
	}
	return out
}

// isDecimal reports whether s is an optionally negative plain decimal.
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// DisplayOf returns the Display a report is seen through, if any.
func DisplayOf(r Report) (Display, bool) {
	if d, ok := r.(*displayed); ok {
		return d.d, true
	}
	return Display{}, false
}

// writeNotes writes note lines, breaking those wider than width at their
// " · " separators (continuation lines indented by two spaces).
func writeNotes(w io.Writer, notes []string, width int) error {
	for _, n := range notes {
		for _, line := range wrapNote(n, width) {
			if _, err := fmt.Fprintln(w, line); err != nil {
				return err
			}
		}
	}
	return nil
}

// wrapNote breaks a note into lines no wider than width where it can: at
// its " · " separators first, then at " → " (a continued line starts with
// the arrow), then at spaces; continuation lines are indented by two spaces.
// Width 0 keeps the note whole.
func wrapNote(note string, width int) []string {
	if width <= 0 || cellWidth(note) <= width {
		return []string{note}
	}
	type piece struct{ sep, text string }
	pieces := []piece{{"", note}}
	for _, sep := range []string{" · ", " → ", " "} {
		var next []piece
		for _, p := range pieces {
			if cellWidth(p.text)+2 <= width {
				next = append(next, p)
				continue
			}
			for k, part := range strings.Split(p.text, sep) {
				if k == 0 {
					next = append(next, piece{p.sep, part})
				} else {
					next = append(next, piece{sep, part})
				}
			}
		}
		pieces = next
	}
	var lines []string
	cur := ""
	for i, p := range pieces {
		switch {
		case i == 0:
			cur = p.text
		case cellWidth(cur+p.sep+p.text) <= width:
			cur += p.sep + p.text
		default:
			lines = append(lines, cur)
			cur = "  " + p.text
			if p.sep == " → " {
				cur = "  → " + p.text
			}
		}
	}
	return append(lines, cur)
}
