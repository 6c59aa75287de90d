package main

import (
	"github.com/spf13/cobra"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/render"
)

// FunnelOptions are the options of `plan funnel`.
type FunnelOptions struct {
	Factory *Factory
	Global  *GlobalOptions
	File    string
	Period  string
}

// NewCmdFunnel builds `plan funnel`. runF replaces the run function in tests.
func NewCmdFunnel(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *FunnelOptions) error) *cobra.Command {
	opts := &FunnelOptions{Factory: f, Global: g}
	cmd := &cobra.Command{
		Use:   "funnel [FILE]",
		Short: "Turn each person's target into the deals and leads it takes, month by month",
		Long: `Run the reverse funnel for every leaf of the funnel dimension (default org),
or once on the whole target when the plan has no such dimension: the deals
(target / deal_size, rounded up), and for each stage from the won deal up, how
many must pass through it (the next stage's new entries / its rate, rounded
up), how many are in flight (pipeline) and how many must newly enter it. Each
leaf uses the plan's settings overridden by its ancestors' and its own.

--period month (default year) adds when the new entries are due: each stage's
entries fall the days of that stage and the later ones before the money they
turn into; "before" counts those due before the fiscal year starts.

The funnel runs on the revenue target of the chosen --tier; --metric does not
apply.`,
		Example: `  plan funnel examples/funnel-seed/plan.yaml
  plan funnel examples/funnel-stages/plan.yaml --period month
  plan funnel plan.yaml --tier challenge --format json -o funnel.json`,
		Args: planFileArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = planFile(args)
			if runF != nil {
				return runF(cmd, opts)
			}
			return runFunnel(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Period, "period", "year", "`PERIOD`: year (the stage table) or month (also the months table)")
	return cmd
}

func runFunnel(cmd *cobra.Command, opts *FunnelOptions) error {
	if opts.Period != string(plan.PeriodYear) && opts.Period != string(plan.PeriodMonth) {
		return usagef("unknown period %q for funnel (valid: year, month)", opts.Period)
	}
	if m := opts.Global.Metric; m != "" && m != plan.RevenueMetric {
		return usagef("--metric does not apply to funnel: the funnel turns the revenue target into deals")
	}
	if _, err := resolveFormat(cmd, opts.Global); err != nil {
		return err
	}
	p, err := opts.Factory.loadPlan(cmd, opts.File)
	if err != nil {
		return err
	}
	if p.Funnel == nil {
		return plan.Problemf("add a funnel section, e.g. `funnel: {deal_size: 1_000_000, win_rate: 10%}`", "%s has no funnel section", opts.File)
	}
	b, err := plan.Split(p, plan.Options{Tier: opts.Global.Tier})
	if err != nil {
		return err
	}
	printWarnings(cmd.ErrOrStderr(), b.Warnings)
	res, err := funnel.Compute(b)
	if err != nil {
		return err
	}
	return writeReport(cmd, opts.Global, &render.FunnelReport{Result: res, Months: opts.Period == string(plan.PeriodMonth)})
}
