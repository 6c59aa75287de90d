package render

import (
	"fmt"
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
			if _, err := fmt.Fprintln(w, sec.Title); err != nil {
				return err
			}
		}
		for _, n := range sec.Notes {
			if _, err := fmt.Fprintln(w, n); err != nil {
				return err
			}
		}
		if len(sec.Columns) == 0 {
			continue
		}
		if err := drawTable(w, sec, renderer.NewBlueprint()); err != nil {
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
