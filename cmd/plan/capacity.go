package main

import (
	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/render"
)

// CapacityOptions are the options of `plan capacity`.
type CapacityOptions struct {
	Factory *Factory
	Global  *GlobalOptions
	File    string
	Period  string
}

// NewCmdCapacity builds `plan capacity`. runF replaces the run function in tests.
func NewCmdCapacity(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *CapacityOptions) error) *cobra.Command {
	opts := &CapacityOptions{Factory: f, Global: g}
	cmd := &cobra.Command{
		Use:   "capacity FILE",
		Short: "Check whether the team can carry its target, and the hires that close the gap",
		Long: `Work out the capacity of every node of the capacity dimension (default org):
each leaf's month is productivity × attainment × headcount × its availability
(start, end, ramp) × the month's share of the year, rounded half up; parents
are the sums of their leaves. Beside the target: coverage (capacity / target),
the gap, headcount, FTE (availability over the year), and for every node with
a gap how many people starting in each month would close it (ramped by the
plan's ramp).

The plan needs a capacity section: capacity: {productivity: 600万, attainment: 80%}.`,
		Example: `  plan capacity examples/people/plan.yaml
  plan capacity plan.yaml --period month --format json -o capacity.json`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(cmd, opts)
			}
			return runCapacity(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Period, "period", "quarter", "year, quarter or month")
	return cmd
}

func runCapacity(cmd *cobra.Command, opts *CapacityOptions) error {
	period, err := plan.ParsePeriod(opts.Period)
	if err != nil || period == plan.PeriodWeek {
		return usagef("unknown period %q for capacity (valid: year, quarter, month)", opts.Period)
	}
	if m := opts.Global.Metric; m != "" && m != plan.RevenueMetric {
		return usagef("--metric does not apply to capacity: capacity is measured against the revenue target")
	}
	if _, err := resolveFormat(cmd, opts.Global); err != nil {
		return err
	}
	p, err := opts.Factory.loadPlan(cmd, opts.File)
	if err != nil {
		return err
	}
	b, err := plan.Split(p, plan.Options{Tier: opts.Global.Tier})
	if err != nil {
		return err
	}
	printWarnings(cmd.ErrOrStderr(), b.Warnings)
	rep, err := plan.CapacityOf(b, period)
	if err != nil {
		return err
	}
	return writeReport(cmd, opts.Global, &render.CapacityReport{Report: rep})
}
