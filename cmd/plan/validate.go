package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
)

// ValidateOptions are the options of `plan validate`.
type ValidateOptions struct {
	Factory *Factory
	Global  *GlobalOptions
	Files   []string
}

// NewCmdValidate builds `plan validate`. runF replaces the run function in tests.
func NewCmdValidate(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{Factory: f, Global: g}
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check plan files and report every problem",
		Long: `Check plan files: the format, every rule of the numbers, and that every tier and
metric can be split. Every problem is reported as FILE:LINE:COL: error: … (and
warnings as warning: …), all of a file's problems in one run. Exits 1 when any
file has an error.`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(cmd, opts)
			}
			return runValidate(cmd, opts)
		},
	}
}

func runValidate(cmd *cobra.Command, opts *ValidateOptions) error {
	out, errw := cmd.OutOrStdout(), cmd.ErrOrStderr()
	failed := false
	for _, file := range opts.Files {
		data, err := opts.Factory.ReadFile(file)
		if err != nil {
			fmt.Fprintf(errw, "error: %v\n", readError(file, err))
			failed = true
			continue
		}
		diags := plan.Validate(file, data)
		for _, d := range diags {
			fmt.Fprintln(errw, d.String())
		}
		if diags.HasErrors() {
			failed = true
			continue
		}
		if n := len(diags.Warnings()); n > 0 {
			fmt.Fprintf(out, "%s: ok (%d warning%s)\n", file, n, plural(n))
		} else {
			fmt.Fprintf(out, "%s: ok\n", file)
		}
	}
	if failed {
		return shownError{}
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
