package render

import (
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

func init() {
	register(tableFormat{})
	pinWidths()
}

// pinWidths fixes how display widths are measured, whatever the locale: East
// Asian ambiguous characters are narrow (CJK ideographs stay wide), so a table
// is byte-identical on every machine and Chinese names line up.
func pinWidths() {
	twwidth.SetOptions(twwidth.Options{EastAsianWidth: false, ForceNarrowBorders: true})
}

// tableFormat draws each section as a bordered text table (tablewriter).
type tableFormat struct{}

func (tableFormat) Name() string { return "table" }

func (tableFormat) Write(w io.Writer, r Report) error {
	d, _ := DisplayOf(r)
	secs := r.Sections()
	if err := checkDrawable(secs, "text"); err != nil {
		return err
	}
	for i, sec := range secs {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if sec.Title != "" {
			if err := writeNotes(w, []string{sec.Title}, d.Width); err != nil {
				return err
			}
		}
		if err := writeNotes(w, sec.Notes, d.Width); err != nil {
			return err
		}
		if len(sec.Columns) == 0 {
			continue
		}
		if err := drawSection(w, sec, d); err != nil {
			return err
		}
	}
	return nil
}

// fastRows is the number of rows from which a table is drawn by the grid
// (one pass, no per-cell allocation) rather than tablewriter; both draw the
// same bytes.
const fastRows = 500

// drawSection draws one table: with borders when it fits in d.Width (or
// there is no width) and d is not compact, else without; folded into blocks
// of columns that each repeat the first when even that is too wide.
func drawSection(w io.Writer, sec Section, d Display) error {
	if d.Width == 0 && !d.Compact && len(sec.Rows) < fastRows {
		return drawTable(w, sec, renderer.NewBlueprint())
	}
	g := measure(sec)
	all := allColumns(len(sec.Columns))
	plain := d.Compact || (d.Width > 0 && g.boxWidth(all) > d.Width)
	if !plain {
		if len(sec.Rows) < fastRows {
			return drawTable(w, sec, renderer.NewBlueprint())
		}
		return g.drawBox(w, all)
	}
	blocks := [][]int{all}
	if d.Width > 0 && g.plainWidth(all) > d.Width {
		blocks = g.fold(d.Width, true)
	}
	for k, cols := range blocks {
		if k > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if err := g.drawPlain(w, cols); err != nil {
			return err
		}
	}
	return nil
}

// drawTable renders one section with tablewriter: no wrapping, no trimming
// (the tree's indentation is kept), headers as written, columns aligned.
func drawTable(w io.Writer, sec Section, rend tw.Renderer) error {
	pinWidths()
	align := make(tw.Alignment, len(sec.Columns))
	header := make([]any, len(sec.Columns))
	for i, c := range sec.Columns {
		align[i] = tw.AlignLeft
		if c.Align == Right {
			align[i] = tw.AlignRight
		}
		header[i] = c.Name
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithRenderer(rend),
		tablewriter.WithEastAsian(tw.Off),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithFooterAutoFormat(tw.Off),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithFooterAutoWrap(tw.WrapNone),
		tablewriter.WithAlignment(align),
	)
	t.Header(header...)
	for _, row := range sec.Rows {
		if err := t.Append(row); err != nil {
			return err
		}
	}
	if sec.Footer != nil {
		f := make([]any, len(sec.Footer))
		for i, c := range sec.Footer {
			f[i] = c
		}
		t.Footer(f...)
	}
	return t.Render()
}
