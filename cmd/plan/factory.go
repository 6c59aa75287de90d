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
}

// GlobalOptions are the flags every command shares.
type GlobalOptions struct {
	Format string
	Output string
	Tier   string
	Metric string
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
	p, diags := plan.Load(file, data)
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
	format, err := resolveFormat(cmd, g)
	if err != nil {
		return err
	}
	return withOutput(cmd, g.Output, func(w io.Writer) error {
		return format.Write(w, r)
	})
}
