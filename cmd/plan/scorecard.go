package main

import (
	"slices"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
)

// The actuals of `plan track` and `plan export --actuals`, read and scored the
// same way by both.

// parseAsOf reads an --as-of value: a month written YYYY-MM, or "" for the
// zero Month (the last month with actuals). A bad value is a usage error.
func parseAsOf(s string) (plan.Month, error) {
	if s == "" {
		return plan.Month{}, nil
	}
	m, err := plan.ParseMonth(s)
	if err != nil {
		return plan.Month{}, usagef("--as-of %q is not a month: write YYYY-MM, e.g. 2027-06", s)
	}
	return m, nil
}

// trackMetrics reads an actuals file and scores every metric it has actuals
// for (§11; only, when not "", one metric): every bad row of every metric is
// reported as FILE:LINE in one run. Warnings go to the command's error output;
// when strict (--strict), they are errors.
func trackMetrics(cmd *cobra.Command, f *Factory, p *plan.Plan, path, tier, only, file string, asOf plan.Month, strict bool) (*plan.MetricsScorecard, error) {
	data, err := f.ReadFile(file)
	if err != nil {
		return nil, readError(file, err)
	}
	recs, diags := plan.ReadActuals(file, data)
	split := func(metric string) (*plan.Breakdown, error) {
		return splitPlan(cmd, f, p, path, plan.Options{Tier: tier, Metric: metric})
	}
	ms, more, err := plan.TrackMetrics(p, split, tier, only, file, recs, asOf)
	diags = append(diags, more...)
	slices.SortStableFunc(diags, func(x, y plan.Diagnostic) int { return x.Pos.Line - y.Pos.Line })
	if err := checkWarnings(cmd, diags, strict); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	if err := checkWarnings(cmd, ms.Warnings, strict); err != nil {
		return nil, err
	}
	return ms, nil
}
