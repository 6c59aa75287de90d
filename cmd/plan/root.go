package main

import (
	"github.com/spf13/cobra"
)

// NewCmdRoot builds the plan command and its subcommands.
func NewCmdRoot(f *Factory) *cobra.Command {
	g := &GlobalOptions{}
	root := &cobra.Command{
		Use:   "plan",
		Short: "Break a sales target down, exactly",
		Long: `plan breaks an annual sales target down by time, organisation, product and
region, turns it into the funnel work it takes, tracks actuals against it, and
exports an Excel workbook for finance. Every number is exact: children always
add up to their parent.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageError{err: err}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&g.Format, "format", "table", "output format: table, csv, json or markdown")
	pf.StringVarP(&g.Output, "output", "o", "", "write to `FILE` (atomically) instead of standard output")
	pf.StringVar(&g.Tier, "tier", "", "the tier to compute (default: base)")
	pf.StringVar(&g.Metric, "metric", "", "the metric to split (default: revenue, the target)")

	root.AddCommand(
		NewCmdInit(f, g, nil),
		NewCmdValidate(f, g, nil),
		NewCmdSplit(f, g, nil),
		NewCmdFunnel(f, g, nil),
		NewCmdCapacity(f, g, nil),
		NewCmdTrack(f, g, nil),
		NewCmdAR(f, g, nil),
		NewCmdExport(f, g, nil),
		NewCmdReport(f, g, nil),
		NewCmdDiff(f, g, nil),
		NewCmdSchema(f, g, nil),
		NewCmdVersion(),
	)
	return root
}
