package main

import (
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/render"
)

// AROptions are the options of `plan ar`.
type AROptions struct {
	Factory     *Factory
	Global      *GlobalOptions
	File        string
	Receivables string
	AsOf        string
	// Now reads the clock for the default --as-of; nil means time.Now.
	Now func() time.Time
}

// NewCmdAR builds `plan ar`. runF replaces the run function in tests.
func NewCmdAR(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *AROptions) error) *cobra.Command {
	opts := &AROptions{Factory: f, Global: g}
	cmd := &cobra.Command{
		Use:   "ar FILE --receivables FILE [--as-of YYYY-MM-DD]",
		Short: "Age the receivables: what customers owe, by days overdue",
		Long: `Age the receivables as of a date (default: today): per node of the dimension,
what is outstanding, by bucket of days overdue (the plan's ageing, default
[15, 30]: current, 1-15, 16-30, 31+), the overdue total and share and a status
(red when anything is in the last bucket, yellow when anything is overdue),
then every overdue invoice, most overdue first.

The receivables are a CSV file (or the first sheet of an .xlsx workbook) with
the columns path,customer,invoice,due,amount (or 路径,客户,发票,到期日,金额),
optionally dimension (default org) and paid (the outstanding is amount − paid):

  path,customer,invoice,due,amount,paid
  销售部/大客户组/张伟,华星科技,INV-0012,2027-05-31,120000,20000

Every bad row is reported as FILE:LINE in one run.`,
		Example: `  plan ar examples/company/plan.yaml --receivables examples/company/receivables.csv --as-of 2027-06-30
  plan ar plan.yaml --receivables ar.xlsx --format json`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(cmd, opts)
			}
			return runAR(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Receivables, "receivables", "", "the receivables `FILE` (CSV or .xlsx)")
	cmd.Flags().StringVar(&opts.AsOf, "as-of", "", "age the receivables as of `YYYY-MM-DD` (default: today)")
	_ = cmd.MarkFlagRequired("receivables")
	return cmd
}

// parseARAsOf reads a YYYY-MM-DD as-of date; "" is today by now (nil: the clock).
func parseARAsOf(flag, s string, now func() time.Time) (plan.Date, error) {
	if s == "" {
		if now == nil {
			now = time.Now
		}
		t := now()
		return plan.NewDate(t.Year(), int(t.Month()), t.Day()), nil
	}
	d, err := plan.ParseDate(s)
	if err != nil {
		return 0, usagef("%s %q is not a date: write YYYY-MM-DD, e.g. 2027-06-30", flag, s)
	}
	return d, nil
}

// ageReceivables reads a receivables file and ages it against the breakdown;
// every bad row is reported as FILE:LINE.
func ageReceivables(cmd *cobra.Command, f *Factory, b *plan.Breakdown, file, asOfFlag string, now func() time.Time) (*plan.AgeingReport, error) {
	asOf, err := parseARAsOf("--ar-as-of", asOfFlag, now)
	if err != nil {
		return nil, err
	}
	data, err := f.ReadFile(file)
	if err != nil {
		return nil, readError(file, err)
	}
	recs, diags := plan.ReadReceivables(file, data)
	rep, more := plan.Ageing(b, file, recs, asOf)
	diags = append(diags, more...)
	printWarnings(cmd.ErrOrStderr(), diags)
	if err := diags.Err(); err != nil {
		return nil, err
	}
	return rep, nil
}

func runAR(cmd *cobra.Command, opts *AROptions) error {
	asOf, err := parseARAsOf("--as-of", opts.AsOf, opts.Now)
	if err != nil {
		return err
	}
	format, err := resolveFormat(cmd, opts.Global)
	if err != nil {
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
	data, err := opts.Factory.ReadFile(opts.Receivables)
	if err != nil {
		return readError(opts.Receivables, err)
	}
	recs, diags := plan.ReadReceivables(opts.Receivables, data)
	rep, more := plan.Ageing(b, opts.Receivables, recs, asOf)
	diags = append(diags, more...)
	printWarnings(cmd.ErrOrStderr(), diags)
	if err := diags.Err(); err != nil {
		return err
	}
	out := &render.ARReport{Ageing: rep}
	out.Color = format.Name() == "table" && (opts.Global.Output == "" || opts.Global.Output == "-") &&
		os.Getenv("NO_COLOR") == "" && writesToTerminal(cmd.OutOrStdout())
	return writeReport(cmd, opts.Global, out)
}
