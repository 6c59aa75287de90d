package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/planhq/plan/render"
)

// TerminalOptions are the global flags that lay a report out for a person:
// they apply to the table and markdown formats (csv and json always carry
// the exact values).
type TerminalOptions struct {
	Units   string   // --units: 万, 亿, k or M
	Compact bool     // --compact: money without decimals, tables without borders
	Columns []string // --columns: only these columns (and each table's first)
	Wide    bool     // --wide: never fit to the terminal's width
	Color   string   // --color: auto, always or never
	NoPager bool     // --no-pager
	BOM     bool     // --bom: a UTF-8 byte order mark before CSV, for Excel
}

// addTerminalFlags registers the terminal flags on the root's persistent flags.
func addTerminalFlags(pf *pflag.FlagSet, t *TerminalOptions) {
	pf.StringVar(&t.Units, "units", "", "show amounts in `UNIT`: 万, 亿, k or M (table and markdown; csv and json stay exact)")
	pf.BoolVar(&t.Compact, "compact", false, "amounts without decimals and tables without borders")
	pf.StringSliceVar(&t.Columns, "columns", nil, "show only these `COLUMNS` (comma-separated, e.g. amount,q1) besides each table's first")
	pf.BoolVar(&t.Wide, "wide", false, "never fit tables to the terminal's width (fold or drop borders)")
	pf.StringVar(&t.Color, "color", "auto", "`WHEN` to colour status marks: auto (on a terminal, unless NO_COLOR is set), always or never")
	pf.BoolVar(&t.NoPager, "no-pager", false, "never page the output (default: PLAN_PAGER, PAGER or less on a terminal)")
	pf.BoolVar(&t.BOM, "bom", false, "start CSV with a UTF-8 byte order mark, so Excel on Chinese Windows reads it right")
}

// checkTerminalFlags refuses the terminal flags a format cannot honour.
func checkTerminalFlags(cmd *cobra.Command, g *GlobalOptions, format render.Format) error {
	t := g.Term
	if _, err := render.ParseDisplayUnit(t.Units); err != nil {
		return usagef("unknown unit %q for --units (valid: 万, 亿, k, M)", t.Units)
	}
	switch t.Color {
	case "auto", "always", "never":
	default:
		return usagef("unknown value %q for --color (valid: auto, always, never)", t.Color)
	}
	text := format.Name() == "table" || format.Name() == "markdown"
	for _, f := range []string{"units", "compact", "columns"} {
		if cmd.Flags().Changed(f) && !text {
			return usagef("--%s applies to table and markdown output; %s keeps exact values", f, format.Name())
		}
	}
	if t.BOM && format.Name() != "csv" {
		return usagef("--bom applies to csv output, not %s", format.Name())
	}
	if format.Name() == "xlsx" && toStdout(g) && writesToTerminal(cmd.OutOrStdout()) {
		return usagef("xlsx is a binary workbook: write it to a file with -o FILE.xlsx")
	}
	return nil
}

// toStdout reports whether the report goes to standard output.
func toStdout(g *GlobalOptions) bool { return g.Output == "" || g.Output == "-" }

// display is the layout the text formats use: the flags, and the width of
// the terminal when the table goes to one (or $COLUMNS when set) unless
// --wide is given.
func display(cmd *cobra.Command, f *Factory, g *GlobalOptions) render.Display {
	units, _ := render.ParseDisplayUnit(g.Term.Units)
	d := render.Display{Units: units, Compact: g.Term.Compact, Columns: g.Term.Columns}
	if !g.Term.Wide && toStdout(g) {
		d.Width, _ = f.termSize(cmd.OutOrStdout())
	}
	return d
}

// termSize is the width and height to fit output to: $COLUMNS and $LINES
// when set, else the terminal's size when w is one, else 0.
func (f *Factory) termSize(w io.Writer) (width, height int) {
	if f != nil && f.TermSize != nil {
		width, height = f.TermSize(w)
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		width = n
	}
	if n, err := strconv.Atoi(os.Getenv("LINES")); err == nil && n > 0 {
		height = n
	}
	return width, height
}

// useColor decides --color for a report in the given format.
func useColor(cmd *cobra.Command, g *GlobalOptions, format render.Format) bool {
	if format.Name() != "table" {
		return false
	}
	switch g.Term.Color {
	case "always":
		return true
	case "never":
		return false
	}
	return toStdout(g) && os.Getenv("NO_COLOR") == "" && writesToTerminal(cmd.OutOrStdout())
}

// pagerCommand is the pager to run: PLAN_PAGER, else PAGER, else less; ""
// when paging is off (--no-pager, or either variable set to "" or "cat").
func pagerCommand(noPager bool) string {
	if noPager {
		return ""
	}
	for _, v := range []string{"PLAN_PAGER", "PAGER"} {
		if p, ok := os.LookupEnv(v); ok {
			if p = strings.TrimSpace(p); p == "cat" {
				return ""
			}
			return p
		}
	}
	return "less"
}

// present writes a text report to stdout through the pager when stdout is a
// terminal and the report is taller than it; else straight.
func present(cmd *cobra.Command, f *Factory, g *GlobalOptions, write func(io.Writer) error) error {
	out := cmd.OutOrStdout()
	pager := pagerCommand(g.Term.NoPager)
	if pager == "" || !toStdout(g) || !writesToTerminal(out) {
		return withOutput(cmd, g.Output, write)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	width, height := f.termSize(out)
	if height <= 0 || (bytes.Count(buf.Bytes(), []byte("\n")) < height && widest(buf.Bytes()) <= width) {
		_, err := out.Write(buf.Bytes())
		return err
	}
	return runPager(pager, buf.Bytes(), out, cmd.ErrOrStderr())
}

// widest is the display width of the widest line.
func widest(b []byte) int {
	m := 0
	for _, line := range bytes.Split(b, []byte("\n")) {
		m = max(m, twwidth.Width(string(line)))
	}
	return m
}

// runPager pipes text through the pager command (run by the shell). less
// gets LESS=FRX when LESS is unset: quit when the text fits, keep colours,
// leave the text on the screen. A pager that is not found is skipped with a
// warning and the text written straight.
func runPager(pager string, text []byte, out, errw io.Writer) error {
	c := exec.Command("/bin/sh", "-c", pager)
	c.Stdin, c.Stdout, c.Stderr = bytes.NewReader(text), out, errw
	c.Env = os.Environ()
	if _, ok := os.LookupEnv("LESS"); !ok {
		c.Env = append(c.Env, "LESS=FRX")
	}
	err := c.Run()
	if ee, isExit := err.(*exec.ExitError); err == nil || isExit && ee.ExitCode() != 127 {
		return nil // the pager quit (q, or a broken pipe): not our failure
	}
	fmt.Fprintf(errw, "warning: cannot run the pager %q; set PLAN_PAGER, or use --no-pager\n", pager)
	_, werr := out.Write(text)
	return werr
}
