package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
)

// SchemaOptions are the options of `plan schema`.
type SchemaOptions struct {
	Global *GlobalOptions
}

// NewCmdSchema builds `plan schema`. runF replaces the run function in tests.
func NewCmdSchema(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{Global: g}
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the plan format, for editors",
		Long: `Print the JSON Schema of the plan format (draft-07). Point yaml-language-server
at it for completion and checks in your editor, e.g. with a first line
# yaml-language-server: $schema=./plan.schema.json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd, opts)
			}
			return withOutput(cmd, opts.Global.Output, func(w io.Writer) error {
				_, err := io.WriteString(w, plan.Schema())
				return err
			})
		},
	}
}
