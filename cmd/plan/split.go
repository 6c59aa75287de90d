package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/render"
)

// SplitOptions are the options of `plan split`.
type SplitOptions struct {
	Factory *Factory
	Global  *GlobalOptions
	File    string
	By      []string
	Period  string
	Depth   int

	periodSet bool
	depthSet  bool
}

// NewCmdSplit builds `plan split`. runF replaces the run function in tests.
func NewCmdSplit(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *SplitOptions) error) *cobra.Command {
	opts := &SplitOptions{Factory: f, Global: g}
	cmd := &cobra.Command{
		Use:   "split FILE",
		Short: "Break the target down by period and dimension",
		Long: `Break the plan's target down along every dimension, by quarter (default),
year, month or ISO week. Children always add up to their parent and every cell
is within one unit (round) of its exact share.

--by DIM shows one dimension; --by A,B crosses two: the rows are A's nodes, the
columns B's nodes at --depth (default the top level).`,
		Example: `  plan split examples/company/plan.yaml
  plan split plan.yaml --period month --by org --format csv -o org.csv
  plan split plan.yaml --by org,product --depth 2`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			opts.periodSet = cmd.Flags().Changed("period")
			opts.depthSet = cmd.Flags().Changed("depth")
			if runF != nil {
				return runF(cmd, opts)
			}
			return runSplit(cmd, opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.By, "by", nil, "`DIM[,DIM]`: one dimension, or two to cross")
	cmd.Flags().StringVar(&opts.Period, "period", "quarter", "year, half, quarter, month or week")
	cmd.Flags().IntVar(&opts.Depth, "depth", 0, "with one dimension: show nodes down to depth `N`; with two: the depth of the columns (default 1)")
	return cmd
}

func runSplit(cmd *cobra.Command, opts *SplitOptions) error {
	period, err := plan.ParsePeriod(opts.Period)
	if err != nil {
		return &usageError{err: err}
	}
	if len(opts.By) > 2 {
		return usagef("--by takes one dimension or two to cross, found %d", len(opts.By))
	}
	if len(opts.By) == 2 && opts.periodSet {
		return usagef("--period cannot be combined with --by A,B (a cross shows annual amounts)")
	}
	if opts.depthSet && opts.Depth < 1 {
		return usagef("--depth must be at least 1")
	}
	if _, err := resolveFormat(cmd, opts.Global); err != nil {
		return err
	}
	p, err := opts.Factory.loadPlan(cmd, opts.File)
	if err != nil {
		return err
	}
	for _, name := range opts.By {
		if err := p.CheckDimension(strings.TrimSpace(name)); err != nil {
			return err
		}
	}
	b, err := splitPlan(cmd, opts.Factory, p, opts.File, plan.Options{Tier: opts.Global.Tier, Metric: opts.Global.Metric})
	if err != nil {
		return err
	}
	printWarnings(cmd.ErrOrStderr(), b.Warnings)
	rep := &render.SplitReport{Breakdown: b}
	switch len(opts.By) {
	case 2:
		depth := 1
		if opts.depthSet {
			depth = opts.Depth
		}
		a, bn := strings.TrimSpace(opts.By[0]), strings.TrimSpace(opts.By[1])
		rep.Cross, err = b.Cross(a, bn, depth)
		if err != nil {
			return err
		}
		rep.CrossBy = bn
	case 1:
		for i, d := range b.Dimensions {
			if d.Name == strings.TrimSpace(opts.By[0]) {
				rep.Dimensions = []int{i}
			}
		}
		rep.MaxDepth = opts.Depth
	default:
		for i := range b.Dimensions {
			rep.Dimensions = append(rep.Dimensions, i)
		}
		rep.MaxDepth = opts.Depth
	}
	if rep.Cross == nil {
		rep.View, err = b.View(period)
		if err != nil {
			return err
		}
	}
	return writeReport(cmd, opts.Global, rep)
}
