package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
)

// InitOptions are the options of `plan init`.
type InitOptions struct {
	Factory *Factory
	Global  *GlobalOptions
	File    string
	Force   bool
}

// NewCmdInit builds `plan init`. runF replaces the run function in tests.
func NewCmdInit(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *InitOptions) error) *cobra.Command {
	opts := &InitOptions{Factory: f, Global: g}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a complete, commented starter plan",
		Long: `Write a complete, commented, valid starter plan to FILE (default plan.yaml;
"-" writes to standard output; -o FILE is the same as FILE). An existing file is
kept unless --force is given.`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = "plan.yaml"
			switch o := opts.Global.Output; {
			case len(args) == 1 && o != "" && o != args[0]:
				return usagef("init writes one file: give FILE or -o FILE, not both (%s, %s)", args[0], o)
			case len(args) == 1:
				opts.File = args[0]
			case o != "":
				opts.File = o
			}
			if cmd.Flags().Changed("format") {
				return usagef("init writes a YAML plan; --format does not apply")
			}
			if runF != nil {
				return runF(cmd, opts)
			}
			return runInit(cmd, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite an existing file")
	return cmd
}

func runInit(cmd *cobra.Command, opts *InitOptions) error {
	text := plan.Starter()
	if opts.File == "-" {
		_, err := io.WriteString(cmd.OutOrStdout(), text)
		return err
	}
	if _, err := os.Stat(opts.File); err == nil && !opts.Force {
		return plan.Problemf("use --force to overwrite it, or name another file", "%s already exists", opts.File)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return readError(opts.File, err)
	}
	if err := withOutput(cmd, opts.File, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s\n\thint: try 'plan split %s'\n", opts.File, opts.File)
	return nil
}
