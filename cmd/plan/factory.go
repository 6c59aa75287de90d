package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/render"
)

// Factory holds what commands need from the outside world, so tests can
// replace it. Streams come from the cobra command (OutOrStdout, ErrOrStderr).
type Factory struct {
	ReadFile func(name string) ([]byte, error)
	// TermSize is the size of the terminal a writer is, or 0, 0 (terminal.go).
	TermSize func(w io.Writer) (width, height int)
}

// GlobalOptions are the flags every command shares.
type GlobalOptions struct {
	Format string
	Output string
	Tier   string
	Metric string
	Term   TerminalOptions // the flags that lay tables out for a person (terminal.go)

	factory *Factory // the root's factory, for the terminal's size
}

// loadPlan reads and validates a plan file, printing its warnings. A plan with
// errors yields an *plan.InvalidError holding every one of them.
func (f *Factory) loadPlan(cmd *cobra.Command, file string) (*plan.Plan, error) {
	return f.loadPlanStrict(cmd, file, false)
}

// loadPlanStrict is loadPlan; when strict, a warning is an error (--strict).
func (f *Factory) loadPlanStrict(cmd *cobra.Command, file string, strict bool) (*plan.Plan, error) {
	data, err := f.ReadFile(file)
	if err != nil {
		return nil, readError(file, err)
	}
	p, diags := plan.Load(displayName(file), data)
	if err := checkWarnings(cmd, diags, strict); err != nil {
		return nil, err
	}
	return p, nil
}

// checkWarnings prints the warnings among diags and returns their errors as
// an error; when strict (--strict), the warnings are errors too.
func checkWarnings(cmd *cobra.Command, diags plan.Diagnostics, strict bool) error {
	if strict {
		diags = diags.Strict()
	}
	printWarnings(cmd.ErrOrStderr(), diags)
	return diags.Err()
}

// printWarnings writes the warnings among diags.
func printWarnings(w io.Writer, diags plan.Diagnostics) {
	for _, d := range diags.Warnings() {
		fmt.Fprintln(w, d.String())
	}
}

// resolveFormat picks the output format: --format if given, else from the -o
// file's extension, else table.
func resolveFormat(cmd *cobra.Command, g *GlobalOptions) (render.Format, error) {
	name := g.Format
	if !cmd.Flags().Changed("format") && g.Output != "" {
		name = formatFromExt(g.Output, name)
	}
	f, err := render.Lookup(name)
	if err != nil {
		return nil, &usageError{err: err}
	}
	return f, nil
}

// writeReport renders a report in the chosen format to stdout or, with -o,
// atomically to a file.
func writeReport(cmd *cobra.Command, g *GlobalOptions, r render.Report) error {
	f := g.factory
	format, err := resolveFormat(cmd, g)
	if err != nil {
		return err
	}
	if err := checkTerminalFlags(cmd, g, format); err != nil {
		return err
	}
	switch format.Name() {
	case "table", "markdown":
		if len(g.Term.Columns) > 0 {
			if err := render.CheckColumns(r, g.Term.Columns); err != nil {
				return &usageError{err: err}
			}
		}
		r = render.Displayed(r, display(cmd, f, g))
		return present(cmd, f, g, func(w io.Writer) error { return format.Write(w, r) })
	case "csv":
		if g.Term.BOM {
			return withOutput(cmd, g.Output, func(w io.Writer) error {
				if _, err := io.WriteString(w, "\uFEFF"); err != nil {
					return err
				}
				return format.Write(w, r)
			})
		}
	}
	return withOutput(cmd, g.Output, func(w io.Writer) error {
		return format.Write(w, r)
	})
}

// loadAndSplit reads a plan file, loads it and splits it (re-planned when it
// has closed months, SPEC §13) for the global tier and metric, printing the
// warnings. It also returns the file's bytes, which the workbook and the page
// hash for their provenance.
func (f *Factory) loadAndSplit(cmd *cobra.Command, file string, g *GlobalOptions) ([]byte, *plan.Plan, *plan.Breakdown, error) {
	data, err := f.ReadFile(file)
	if err != nil {
		return nil, nil, nil, readError(file, err)
	}
	p, diags := plan.Load(file, data)
	printWarnings(cmd.ErrOrStderr(), diags)
	if err := diags.Err(); err != nil {
		return nil, nil, nil, err
	}
	b, err := splitPlan(cmd, f, p, file, plan.Options{Tier: g.Tier, Metric: g.Metric})
	if err != nil {
		return nil, nil, nil, err
	}
	printWarnings(cmd.ErrOrStderr(), b.Warnings)
	return data, p, b, nil
}
