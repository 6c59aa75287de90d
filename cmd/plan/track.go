package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/render"
)

// TrackOptions are the options of `plan track`.
type TrackOptions struct {
	Factory *Factory
	Global  *GlobalOptions
	File    string
	Actuals string
	AsOf    string
	Strict  bool
	Period  string // "" or month, quarter, half
	Rank    bool
}

// NewCmdTrack builds `plan track`. runF replaces the run function in tests.
func NewCmdTrack(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *TrackOptions) error) *cobra.Command {
	opts := &TrackOptions{Factory: f, Global: g}
	cmd := &cobra.Command{
		Use:   "track FILE --actuals FILE",
		Short: "Compare actuals with the plan: attainment, status, re-spread, forecast, payout",
		Long: `Compare actuals with the plan's targets, year to date, for every node of each
dimension that has actuals: attainment and its status (green, yellow, red by the
plan's tracking thresholds), the forecast at the seasonality-adjusted run rate,
the incentive payout, and what remains of each node's year re-spread over the
later months. Each node also shows its misses (months in a row below 100 % up to
as-of, flagged at tracking.misses), each leaf its rank by attainment, and with
incentive.bonus or incentive.commission the money paid. --period month, quarter
or half adds each period up to as-of; --rank lists the leaves best first.

Actuals are a CSV file with the header period,dimension,path,amount (or an .xlsx
workbook with those columns in its first sheet), one row per leaf and month:

  period,dimension,path,amount
  2027-03,org,销售部/大客户组/张伟,1203400

Amounts are exact and may be negative (returns, credit notes); a parent's actual
is the sum of its children's. Every bad row is reported as FILE:LINE (FILE:SHEET!ROW
for a workbook) in one run. --as-of closes the year to date (default: the last
month with actuals); leaves without actuals count as 0, with a warning.

A leaf's re-spread is its own remaining, in units of round; a parent's is the sum
of its children's (and its reserve row's), so it can exceed the parent's own
remaining when a team is over-assigned or someone is past their year's target.`,
		Example: `  plan track examples/company/plan.yaml --actuals examples/company/actuals.csv
  plan track plan.yaml --actuals actuals.xlsx --as-of 2027-03 --format json
  plan track plan.yaml --actuals actuals.csv --period quarter --rank`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(cmd, opts)
			}
			return runTrack(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Actuals, "actuals", "", "the actuals `FILE` (CSV or .xlsx)")
	cmd.Flags().StringVar(&opts.AsOf, "as-of", "", "close the year to date at `YYYY-MM` (default: the last month with actuals)")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "treat every warning (a missing month, a leaf without actuals…) as an error")
	cmd.Flags().StringVar(&opts.Period, "period", "", "also score each `month`, quarter or half up to as-of")
	cmd.Flags().BoolVar(&opts.Rank, "rank", false, "list the leaves of each dimension by year-to-date attainment, best first")
	_ = cmd.MarkFlagRequired("actuals")
	return cmd
}

func runTrack(cmd *cobra.Command, opts *TrackOptions) error {
	asOf, err := parseAsOf(opts.AsOf)
	if err != nil {
		return err
	}
	period := 0
	if opts.Period != "" {
		if period, err = plan.TrackPeriodMonths(opts.Period); err != nil {
			return &usageError{err: err}
		}
	}
	format, err := resolveFormat(cmd, opts.Global)
	if err != nil {
		return err
	}
	p, err := opts.Factory.loadPlanStrict(cmd, opts.File, opts.Strict)
	if err != nil {
		return err
	}
	ms, err := trackMetrics(cmd, opts.Factory, p, opts.File, opts.Global.Tier, opts.Global.Metric, opts.Actuals, asOf, opts.Strict)
	if err != nil {
		return err
	}
	rep := &render.TrackReport{Scorecard: ms.Main, Metrics: ms, ActualsFile: opts.Actuals, Period: period, Rank: opts.Rank}
	rep.Color = format.Name() == "table" && (opts.Global.Output == "" || opts.Global.Output == "-") &&
		os.Getenv("NO_COLOR") == "" && writesToTerminal(cmd.OutOrStdout())
	return writeReport(cmd, opts.Global, rep)
}

// writesToTerminal reports whether w is a character device (a terminal).
func writesToTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
