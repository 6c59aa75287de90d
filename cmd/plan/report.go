package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/render"
	"github.com/planhq/plan/render/dashboard"
)

// ReportOptions are the options of `plan report`.
type ReportOptions struct {
	Factory     *Factory
	Global      *GlobalOptions
	File        string
	DataOptions                  // actuals for the scorecards, receivables for the ageing
	Now         func() time.Time // today, for the receivables' default as-of; nil: the clock
	// Git describes the git work tree holding a file; nil means gitInfo.
	Git func(path string) GitInfo
}

// NewCmdReport builds `plan report`. runF replaces the run function in tests.
func NewCmdReport(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{Factory: f, Global: g}
	cmd := &cobra.Command{
		Use:   "report FILE -o OUT.html [--actuals FILE [--as-of YYYY-MM]] [--receivables FILE [--ar-as-of YYYY-MM-DD]]",
		Short: "Write the dashboard page for managers",
		Long: `Write one self-contained HTML page (styles and charts inline, no network
needed to open it) for the people who read targets and progress but open
neither a terminal nor a workbook: the plan's header with where it comes from
(file SHA-256, git commit), the months with their quarter totals, each
dimension's tree with its shares, the funnel, with --actuals a scorecard per
metric (traffic lights, attainment bars, year to date against the plan,
misses, the KPI score), with --receivables the ageing, and with a capacity
section the team's capacity against its target.

Every number on the page is a value of the JSON that plan split, plan funnel
and plan track print for the same plan and flags; each carries where it came
from (data-k) and its exact value (data-v). Chinese plans get Chinese labels.
The page reads well on a laptop and a phone and prints on A4 landscape; the
same input always gives the same bytes, written atomically.`,
		Example: `  plan report examples/company/plan.yaml -o plan.html
  plan report examples/company/plan.yaml -o plan.html --actuals examples/company/actuals.csv --as-of 2027-06
  plan report examples/company/plan.yaml -o plan.html --receivables examples/company/receivables.csv --ar-as-of 2027-06-30`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if cmd.Flags().Changed("format") {
				return usagef("plan report writes .html only; use plan split --format %s for text", opts.Global.Format)
			}
			if runF != nil {
				return runF(cmd, opts)
			}
			return runReport(cmd, opts)
		},
	}
	opts.addFlags(cmd.Flags(), "a scorecard", "the ageing")
	return cmd
}

func runReport(cmd *cobra.Command, opts *ReportOptions) error {
	out := opts.Global.Output
	if out == "" || out == "-" {
		return usagef("plan report needs -o FILE.html")
	}
	if ext := strings.ToLower(filepath.Ext(out)); ext != ".html" && ext != ".htm" {
		return usagef("-o %s: the page's name must end in .html", out)
	}
	asOf, err := opts.asOf()
	if err != nil {
		return err
	}
	data, p, b, err := opts.Factory.loadAndSplit(cmd, opts.File, opts.Global)
	if err != nil {
		return err
	}
	reports, err := dashboardReports(cmd, opts, p, b, asOf)
	if err != nil {
		return err
	}
	git := opts.Git
	if git == nil {
		git = gitInfo
	}
	pv := provenance(opts.File, data, git(opts.File))
	page := &dashboard.Page{Reports: reports, Source: pv.Source, SHA256: pv.SHA256, GitCommit: pv.GitCommit, GitState: pv.GitState}
	if err := withOutput(cmd, out, func(w io.Writer) error {
		_, err := page.WriteTo(w)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s\n", out)
	return nil
}

// dashboardReports renders the JSON of every report the page shows: exactly
// what plan split (by month and by quarter), plan funnel --period month,
// plan track --period month and plan capacity --period month print for the
// same plan and flags.
func dashboardReports(cmd *cobra.Command, opts *ReportOptions, p *plan.Plan, b *plan.Breakdown, asOf plan.Month) (map[string][]byte, error) {
	reports := map[string][]byte{}
	all := make([]int, len(b.Dimensions))
	for i := range all {
		all[i] = i
	}
	for name, period := range map[string]plan.Period{dashboard.DocSplit: plan.PeriodMonth, dashboard.DocQuarters: plan.PeriodQuarter} {
		view, err := b.View(period)
		if err != nil {
			return nil, err
		}
		if reports[name], err = jsonOf(&render.SplitReport{Breakdown: b, View: view, Dimensions: all}); err != nil {
			return nil, err
		}
	}
	if p.Funnel != nil && b.Metric == plan.RevenueMetric {
		res, err := funnel.Compute(b)
		if err != nil {
			return nil, err
		}
		if reports[dashboard.DocFunnel], err = jsonOf(&render.FunnelReport{Result: res, Period: plan.PeriodMonth}); err != nil {
			return nil, err
		}
	}
	if opts.Actuals != "" {
		ms, err := trackMetrics(cmd, opts.Factory, p, opts.File, opts.Global.Tier, opts.Global.Metric, opts.Actuals, asOf, false)
		if err != nil {
			return nil, err
		}
		if reports[dashboard.DocTrack], err = jsonOf(&render.TrackReport{Scorecard: ms.Main, Metrics: ms, ActualsFile: opts.Actuals, Period: 1}); err != nil {
			return nil, err
		}
	}
	if opts.Receivables != "" {
		rep, err := ageReceivables(cmd, opts.Factory, b, opts.Receivables, opts.ARAsOf, opts.Now)
		if err != nil {
			return nil, err
		}
		if reports[dashboard.DocAR], err = jsonOf(&render.ARReport{Ageing: rep}); err != nil {
			return nil, err
		}
	}
	if p.Capacity != nil && b.Metric == plan.RevenueMetric {
		rep, err := plan.CapacityOf(b, plan.PeriodMonth)
		if err != nil {
			return nil, err
		}
		if reports[dashboard.DocCapacity], err = jsonOf(&render.CapacityReport{Report: rep}); err != nil {
			return nil, err
		}
	}
	return reports, nil
}

// jsonOf renders a report's JSON.
func jsonOf(r render.Report) ([]byte, error) {
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
