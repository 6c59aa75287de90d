package render

import (
	"bufio"
	"io"
	"sort"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// cellWidth is the display width of s on a terminal: CJK ideographs take two
// columns, ANSI colour codes none (widths pinned as pinWidths sets them).
func cellWidth(s string) int {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 {
			ascii = false
			break
		}
	}
	if ascii {
		return len(s)
	}
	return twwidth.Width(s)
}

// grid is a section measured for drawing: each column's display width and
// each cell's.
type grid struct {
	sec    Section
	widths []int
}

// measure computes the column widths of a section: the widest of its header
// and cells.
func measure(sec Section) grid {
	g := grid{sec: sec, widths: make([]int, len(sec.Columns))}
	see := func(row []string) {
		for j, c := range row {
			if j < len(g.widths) {
				if w := cellWidth(c); w > g.widths[j] {
					g.widths[j] = w
				}
			}
		}
	}
	hdr := make([]string, len(sec.Columns))
	for j, c := range sec.Columns {
		hdr[j] = c.Name
	}
	see(hdr)
	for _, row := range sec.Rows {
		see(row)
	}
	see(sec.Footer)
	return g
}

// boxWidth is the width of the section drawn with borders.
func (g grid) boxWidth(cols []int) int {
	w := 1
	for _, j := range cols {
		w += g.widths[j] + 3
	}
	return w
}

// plainWidth is the width of the section drawn without borders.
func (g grid) plainWidth(cols []int) int {
	w := 0
	for k, j := range cols {
		if k > 0 {
			w += 2
		}
		w += g.widths[j]
	}
	return w
}

// allColumns is 0..n-1.
func allColumns(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// fold splits the columns into blocks that each fit in width: every block
// repeats the key columns (the first, and every left-aligned one: names,
// statuses, stage labels, which say what a row is), and takes as many of the
// others, in order, as fit (a column too wide on its own gets a block of its
// own).
func (g grid) fold(width int, plain bool) [][]int {
	size := g.boxWidth
	if plain {
		size = g.plainWidth
	}
	var keys, rest []int
	for j, c := range g.sec.Columns {
		if j == 0 || c.Align == Left {
			keys = append(keys, j)
		} else {
			rest = append(rest, j)
		}
	}
	merge := func(chunk []int) []int {
		out := append(append([]int(nil), keys...), chunk...)
		sort.Ints(out)
		return out
	}
	var blocks [][]int
	var chunk []int
	for _, j := range rest {
		if len(chunk) > 0 && size(merge(append(chunk[:len(chunk):len(chunk)], j))) > width {
			blocks = append(blocks, merge(chunk))
			chunk = nil
		}
		chunk = append(chunk, j)
	}
	if len(chunk) > 0 || len(blocks) == 0 {
		blocks = append(blocks, merge(chunk))
	}
	return blocks
}

// spaces is written from to pad cells without allocating.
const spaces = "                                                                "

// writeSpaces writes n spaces.
func writeSpaces(b *bufio.Writer, n int) {
	for n > 0 {
		k := min(n, len(spaces))
		b.WriteString(spaces[:k])
		n -= k
	}
}

// pad writes s aligned in a field of width w.
func pad(b *bufio.Writer, s string, w int, a Align) {
	gap := w - cellWidth(s)
	if a == Right {
		writeSpaces(b, gap)
		b.WriteString(s)
		return
	}
	b.WriteString(s)
	writeSpaces(b, gap)
}

// drawBox draws the chosen columns with box-drawing borders, the layout
// tablewriter's blueprint renderer draws, in one pass without per-cell
// allocation: the fast path for large tables.
func (g grid) drawBox(w io.Writer, cols []int) error {
	b := bufio.NewWriterSize(w, 64<<10)
	rule := func(l, m, r string) {
		b.WriteString(l)
		for k, j := range cols {
			if k > 0 {
				b.WriteString(m)
			}
			b.WriteString(strings.Repeat("─", g.widths[j]+2))
		}
		b.WriteString(r)
		b.WriteByte('\n')
	}
	line := func(row []string) {
		b.WriteString("│")
		for _, j := range cols {
			b.WriteByte(' ')
			cell := ""
			if j < len(row) {
				cell = row[j]
			}
			pad(b, cell, g.widths[j], g.sec.Columns[j].Align)
			b.WriteString(" │")
		}
		b.WriteByte('\n')
	}
	hdr := make([]string, len(g.sec.Columns))
	for j, c := range g.sec.Columns {
		hdr[j] = c.Name
	}
	rule("┌", "┬", "┐")
	line(hdr)
	rule("├", "┼", "┤")
	for _, row := range g.sec.Rows {
		line(row)
	}
	if g.sec.Footer != nil {
		rule("├", "┼", "┤")
		line(g.sec.Footer)
	}
	rule("└", "┴", "┘")
	return b.Flush()
}

// drawPlain draws the chosen columns without borders: two spaces between
// columns, a rule under the header and above the footer, no trailing spaces.
func (g grid) drawPlain(w io.Writer, cols []int) error {
	b := bufio.NewWriterSize(w, 64<<10)
	var sb strings.Builder
	line := func(row []string) {
		sb.Reset()
		bw := bufio.NewWriter(&sb)
		for k, j := range cols {
			if k > 0 {
				bw.WriteString("  ")
			}
			cell := ""
			if j < len(row) {
				cell = row[j]
			}
			pad(bw, cell, g.widths[j], g.sec.Columns[j].Align)
		}
		bw.Flush()
		b.WriteString(strings.TrimRight(sb.String(), " "))
		b.WriteByte('\n')
	}
	rule := func() {
		b.WriteString(strings.Repeat("─", g.plainWidth(cols)))
		b.WriteByte('\n')
	}
	hdr := make([]string, len(g.sec.Columns))
	for j, c := range g.sec.Columns {
		hdr[j] = c.Name
	}
	line(hdr)
	rule()
	for _, row := range g.sec.Rows {
		line(row)
	}
	if g.sec.Footer != nil {
		rule()
		line(g.sec.Footer)
	}
	return b.Flush()
}
