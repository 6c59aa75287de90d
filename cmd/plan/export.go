package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/render"
)

// ExportOptions are the options of `plan export`.
type ExportOptions struct {
	Factory     *Factory
	Global      *GlobalOptions
	File        string
	Units       string
	DataOptions // actuals for a tracking sheet, receivables for an ageing sheet
	// Git describes the git work tree holding a file; nil means gitInfo.
	Git func(path string) GitInfo
}

// GitInfo is what git says about a plan file: the commit of its work tree, its
// committer time, the file's path in the tree and whether it differs from the
// commit. The zero value means the file is not in a git work tree.
type GitInfo struct {
	Commit string
	Time   time.Time
	Path   string // relative to the work tree's top, with slashes
	State  string // "clean", "modified" or "untracked"
}

// NewCmdExport builds `plan export`. runF replaces the run function in tests.
func NewCmdExport(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{Factory: f, Global: g}
	cmd := &cobra.Command{
		Use:   "export [FILE] -o OUT.xlsx [--actuals FILE [--as-of YYYY-MM]]",
		Short: "Write the Excel workbook for finance",
		Long: `Write the plan as an Excel workbook: a summary sheet (target, reserve, tiers,
the time split with a chart, every dimension's top-level split), one sheet per
dimension (the tree as foldable rows: share, year, the 12 months and the
quarters), when the plan has one, the funnel (per leaf, each stage's counts
and its new entries by month; not with --metric, the funnel turns the revenue
target into deals) and, with --actuals, the tracking sheet: per node of each
dimension with actuals the year's and the year to date's targets, the actual,
attainment and status (filled green, yellow or red by the plan's tracking
thresholds), remaining, forecast and payout, then the actual of each month up
to --as-of and the re-spread of each later month. Actuals are read as by plan
track: every bad row is reported as FILE:LINE and nothing is written.

Leaves hold the exact amounts; every parent, year, quarter and total is a live
formula, so editing a leaf updates every total. --units shows amounts in 万, 亿,
k or M while the cells keep their full values. The document properties carry
the plan's name, the SHA-256 of FILE and, in a git work tree, the commit. The
same input always gives the same bytes; the file is written atomically.`,
		Example: `  plan export examples/company/plan.yaml -o plan.xlsx
  plan export plan.yaml -o plan.xlsx --units 万 --tier challenge
  plan export examples/company/plan.yaml -o plan.xlsx --actuals examples/company/actuals.csv --as-of 2027-06`,
		Args: planFileArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = planFile(args)
			if cmd.Flags().Changed("format") && opts.Global.Format != "xlsx" {
				return usagef("plan export writes .xlsx only; use plan split --format %s for text", opts.Global.Format)
			}
			if runF != nil {
				return runF(cmd, opts)
			}
			return runExport(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Units, "units", "", "display amounts in `UNIT`: 万, 亿, k or M (cells keep full values)")
	opts.addFlags(cmd.Flags(), "a tracking sheet", "an ageing sheet")
	return cmd
}

func runExport(cmd *cobra.Command, opts *ExportOptions) error {
	out := opts.Global.Output
	if out == "" || out == "-" {
		return usagef("plan export needs -o FILE.xlsx")
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return usagef("-o %s: the workbook's name must end in .xlsx", out)
	}
	units, err := render.ParseDisplayUnit(opts.Units)
	if err != nil {
		return &usageError{err: err}
	}
	asOf, err := opts.asOf()
	if err != nil {
		return err
	}
	data, p, b, err := opts.Factory.loadAndSplit(cmd, opts.File, opts.Global)
	if err != nil {
		return err
	}
	var ms *plan.MetricsScorecard
	if opts.Actuals != "" {
		if ms, err = trackMetrics(cmd, opts.Factory, p, opts.File, opts.Global.Tier, opts.Global.Metric, opts.Actuals, asOf, false); err != nil {
			return err
		}
		b = ms.Main.Breakdown
	}
	git := opts.Git
	if git == nil {
		git = gitInfo
	}
	wb := &render.Workbook{Breakdown: b, Units: units, Provenance: provenance(opts.File, data, git(opts.File))}
	if p.Funnel != nil && b.Metric == plan.RevenueMetric {
		if wb.Funnel, err = funnel.Compute(b); err != nil {
			return err
		}
	}
	if p.Capacity != nil && b.Metric == plan.RevenueMetric {
		if wb.Capacity, err = plan.CapacityOf(b, plan.PeriodMonth); err != nil {
			return err
		}
	}
	if ms != nil {
		wb.Metrics = ms
		if len(ms.Main.Dimensions) > 0 {
			wb.Scorecard = ms.Main
		}
	}
	if wb.MetricSplits, err = metricSplits(p, b.Metric, func(metric string) (*plan.Breakdown, error) {
		return splitPlan(cmd, opts.Factory, p, opts.File, plan.Options{Tier: opts.Global.Tier, Metric: metric})
	}); err != nil {
		return err
	}
	if opts.Receivables != "" {
		if wb.Ageing, err = ageReceivables(cmd, opts.Factory, b, opts.Receivables, opts.ARAsOf, nil); err != nil {
			return err
		}
	}
	if err := withOutput(cmd, out, func(w io.Writer) error {
		_, err := wb.WriteTo(w)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s\n", out)
	return nil
}

// provenance says where the workbook's numbers come from: the file (its path
// in its git work tree, else its base name), its SHA-256 and its commit. The
// workbook's timestamps are the commit's time, or render.FixedTime outside git,
// never the clock: the same input gives the same bytes.
func provenance(file string, data []byte, g GitInfo) render.Provenance {
	sum := sha256.Sum256(data)
	pv := render.Provenance{Source: filepath.Base(file), SHA256: hex.EncodeToString(sum[:])}
	if g.Commit != "" {
		pv.GitCommit, pv.GitState, pv.Time = g.Commit, g.State, g.Time.UTC()
		if g.Path != "" {
			pv.Source = g.Path
		}
	}
	return pv
}

// gitTimeout bounds each git command; git is only asked, never needed.
const gitTimeout = 5 * time.Second

// gitInfo asks git about the work tree holding path. Anything going wrong (no
// git, not a work tree, no commit yet) gives the zero GitInfo: an export never
// fails for git.
func gitInfo(path string) GitInfo {
	dir := filepath.Dir(path)
	run := func(args ...string) (string, bool) {
		ctx, cancel := context.WithTimeout(context.Background(), gitTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Run(); err != nil {
			return "", false
		}
		return strings.TrimRight(out.String(), "\n"), true
	}
	head, ok := run("log", "-1", "--format=%H %cI")
	if !ok {
		return GitInfo{}
	}
	commit, stamp, _ := strings.Cut(head, " ")
	if len(commit) < 40 {
		return GitInfo{}
	}
	g := GitInfo{Commit: commit, State: "clean"}
	if t, err := time.Parse(time.RFC3339, stamp); err == nil {
		g.Time = t
	}
	base := filepath.Base(path)
	if prefix, ok := run("rev-parse", "--show-prefix"); ok {
		g.Path = prefix + base
	}
	switch status, ok := run("status", "--porcelain", "--", base); {
	case !ok:
	case !tracked(run, base):
		g.State = "untracked"
	case status != "":
		g.State = "modified"
	}
	return g
}

// tracked reports whether git tracks the file (ignored and new files are not).
func tracked(run func(...string) (string, bool), base string) bool {
	_, ok := run("ls-files", "--error-unmatch", "--", base)
	return ok
}

// metricSplits splits every metric of the plan that has a split, but the one
// shown (§11: the workbook has a sheet per metric).
func metricSplits(p *plan.Plan, shown string, split func(metric string) (*plan.Breakdown, error)) ([]*plan.Breakdown, error) {
	var out []*plan.Breakdown
	for _, name := range p.MetricNames() {
		if info, _ := p.Metric(name); name == shown || info.Kind == plan.KindRatio {
			continue
		}
		b, err := split(name)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}
