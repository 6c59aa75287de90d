package render

import (
	"io"
	"strings"

	"github.com/olekukonko/tablewriter/renderer"
)

func init() { register(markdownFormat{}) }

// markdownFormat writes each section as a level-2 heading, its notes as
// paragraphs and a GitHub-flavoured pipe table.
type markdownFormat struct{}

func (markdownFormat) Name() string { return "markdown" }

func (markdownFormat) Write(w io.Writer, r Report) error {
	var blocks []string
	secs := r.Sections()
	if err := checkDrawable(secs, "Markdown"); err != nil {
		return err
	}
	for _, sec := range secs {
		if sec.Title != "" {
			blocks = append(blocks, "## "+escapeMarkdown(sec.Title))
		}
		for _, n := range sec.Notes {
			blocks = append(blocks, escapeMarkdown(n))
		}
		if len(sec.Columns) == 0 {
			continue
		}
		md := sec
		md.Columns = make([]Column, len(sec.Columns))
		for k, c := range sec.Columns {
			md.Columns[k] = Column{Name: escapePipes(c.Name), Align: c.Align}
		}
		md.Rows = make([][]string, len(sec.Rows))
		for k, row := range sec.Rows {
			md.Rows[k] = indentMarkdown(escapeCells(row))
		}
		if sec.Footer != nil {
			md.Rows = append(md.Rows, boldRow(escapeCells(sec.Footer)))
			md.Footer = nil
		}
		var b strings.Builder
		if err := drawTable(&b, md, renderer.NewMarkdown()); err != nil {
			return err
		}
		blocks = append(blocks, strings.TrimRight(b.String(), "\n"))
	}
	_, err := io.WriteString(w, strings.Join(blocks, "\n\n")+"\n")
	return err
}

// indentMarkdown keeps a tree's indentation visible in Markdown, where leading
// spaces collapse: each two-space step becomes a non-breaking em space pair.
func indentMarkdown(row []string) []string {
	out := make([]string, len(row))
	copy(out, row)
	if len(out) > 0 {
		s := out[0]
		prefix := ""
		for len(s) >= 2 && s[:2] == "  " {
			prefix += "\u2003"
			s = s[2:]
		}
		out[0] = prefix + s
	}
	return out
}

func boldRow(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		if c != "" {
			out[i] = "**" + c + "**"
		}
	}
	return out
}

// escapeMarkdown escapes the characters that would start Markdown markup in
// a heading or paragraph.
func escapeMarkdown(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '*', '_', '`', '#', '|', '[', ']', '<', '>':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// escapeCells escapes the pipes in a row's cells (a name such as "x|y" would
// otherwise split its cell in two and break the table) and the HTML in them
// (a name such as "<img src=x onerror=…>" is text, not markup).
func escapeCells(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = escapePipes(c)
	}
	return out
}

func escapePipes(s string) string { return strings.ReplaceAll(htmlEscaper.Replace(s), "|", "\\|") }

// htmlEscaper writes the characters that start HTML as entities.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
