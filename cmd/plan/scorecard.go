package main

import (
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

// trackActuals reads an actuals file, checks it against the breakdown (every
// bad row reported as FILE:LINE) and scores it as of asOf. Warnings go to the
// command's error output; when strict (--strict), they are errors.
func trackActuals(cmd *cobra.Command, f *Factory, b *plan.Breakdown, file string, asOf plan.Month, strict bool) (*plan.Scorecard, error) {
	data, err := f.ReadFile(file)
	if err != nil {
		return nil, readError(file, err)
	}
	acts, diags := plan.LoadActuals(file, data, b)
	if err := checkWarnings(cmd, diags, strict); err != nil {
		return nil, err
	}
	card, err := plan.Track(b, acts, asOf)
	if err != nil {
		return nil, err
	}
	if err := checkWarnings(cmd, card.Warnings, strict); err != nil {
		return nil, err
	}
	return card, nil
}
