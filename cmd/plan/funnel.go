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
		Use:   "funnel FILE",
		Short: "Turn each person's target into the deals and leads it takes, month by month",
		Long: `Run the reverse funnel for every leaf of the funnel dimension (default org),
or once on the whole target when the plan has no such dimension: the deals
(target / deal_size, rounded up), and for each stage from the won deal up, how
many must pass through it (the next stage's new entries / its rate, rounded
up), how many are in flight (pipeline) and how many must newly enter it. Each
leaf uses the plan's settings overridden by its ancestors' and its own.

--period quarter, month or week (default year) adds when the deals and new
entries are due: the deals follow the money; each stage's entries fall the days
of that stage and the later ones before the money they turn into (shifted day
by day); "before" counts those due before the fiscal year starts. The deals,
each stage's entries and each activity are rounded at once over the whole team:
every person's month (or week) and quarter is within one unit of its exact
share, and so is every team's, department's and the total's month.

A stage may declare activities, e.g. activities: {拜访: 3}: the work one new
entry takes. The report shows each activity's count (per person and in total)
and its weekly average over the ISO weeks with a working day.

The funnel runs on the revenue target of the chosen --tier; --metric does not
apply.`,
		Example: `  plan funnel examples/funnel-seed/plan.yaml
  plan funnel examples/funnel-stages/plan.yaml --period month
  plan funnel examples/funnel-seed/plan.yaml --period week --format csv
  plan funnel plan.yaml --tier challenge --format json -o funnel.json`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(cmd, opts)
			}
			return runFunnel(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Period, "period", "year", "year (the stage table), quarter, month or week (also the periods tables)")
	return cmd
}

func runFunnel(cmd *cobra.Command, opts *FunnelOptions) error {
	period, err := plan.ParsePeriod(opts.Period)
	if err != nil || period == plan.PeriodHalf {
		return usagef("unknown period %q (valid: year, quarter, month, week)", opts.Period)
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
	grain := funnel.ByMonth
	if period == plan.PeriodWeek {
		grain = funnel.ByWeek
	}
	res, err := funnel.ComputeBy(b, grain)
	if err != nil {
		return err
	}
	return writeReport(cmd, opts.Global, &render.FunnelReport{Result: res, Period: period})
}
