package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
)

// maxBaseChain bounds how many bases a re-plan may stand on (a plan re-planned
// on a re-plan on …), so that a base naming itself cannot loop.
const maxBaseChain = 8

// splitPlan splits a plan and, when it re-plans (year.closed with base, SPEC
// §13), keeps the base's cells up to the closed month: the base is read
// (a file relative to the plan at path, or the plan's own file at a git
// revision), split with the same tier and metric (itself re-planned when it
// has a base), and handed to plan.Replan. Problems with the base are reported
// at the plan's base key.
func splitPlan(cmd *cobra.Command, f *Factory, p *plan.Plan, path string, opt plan.Options) (*plan.Breakdown, error) {
	return splitChain(cmd, f, p, path, opt, 0)
}

func splitChain(cmd *cobra.Command, f *Factory, p *plan.Plan, path string, opt plan.Options, depth int) (*plan.Breakdown, error) {
	var b *plan.Breakdown
	var err error
	if from := p.CollectFrom(opt.Metric); from != "" && p.Base.IsSet() && p.Year.Closed.Set {
		// collections follow the re-planned months of what they collect from
		// (SPEC §12, §13); their own closed months are then kept below
		var fb *plan.Breakdown
		if fb, err = splitChain(cmd, f, p, path, plan.Options{Tier: opt.Tier, Metric: from}, depth); err != nil {
			return nil, err
		}
		b, err = plan.Collect(p, fb, opt.Metric)
	} else {
		b, err = plan.Split(p, opt)
	}
	if err != nil || !p.Base.IsSet() || !p.Year.Closed.Set {
		return b, err
	}
	at := func(hint, format string, args ...any) error {
		return &plan.InvalidError{Diagnostics: plan.Diagnostics{{File: p.File, Pos: p.Base.Pos, Severity: plan.Error,
			Msg: fmt.Sprintf(format, args...), Hint: hint}}}
	}
	if depth >= maxBaseChain {
		return nil, at("a base may itself be a re-plan, but not its own base", "base %s: more than %d plans re-planned on one another", p.Base, maxBaseChain)
	}
	label, basePath, data, err := readBase(f, p, path)
	if err != nil {
		return nil, err
	}
	bp, diags := plan.Load(label, data)
	printWarnings(cmd.ErrOrStderr(), diags)
	if err := diags.Err(); err != nil {
		return nil, err
	}
	base, err := splitChain(cmd, f, bp, basePath, opt, depth+1)
	var prob *plan.Problem
	if errors.As(err, &prob) {
		return nil, at(prob.Hint, "base %s: %s", p.Base, prob.Msg)
	}
	if err != nil {
		return nil, err
	}
	if err := plan.Replan(b, base); err != nil {
		return nil, err
	}
	return b, nil
}

// readBase reads a plan's base: its label for messages, the path of the file
// it stands for (the base's own base is relative to it), and its content.
func readBase(f *Factory, p *plan.Plan, path string) (label, basePath string, data []byte, err error) {
	fail := func(hint, format string, args ...any) error {
		return &plan.InvalidError{Diagnostics: plan.Diagnostics{{File: p.File, Pos: p.Base.Pos, Severity: plan.Error,
			Msg: fmt.Sprintf(format, args...), Hint: hint}}}
	}
	if rev := p.Base.Rev; rev != "" {
		data, err := gitShow(path, rev)
		var prob *plan.Problem
		if errors.As(err, &prob) {
			return "", "", nil, fail(prob.Hint, "base %s: %s", p.Base, prob.Msg)
		}
		return path + "@" + rev, path, data, err
	}
	basePath = p.Base.File
	if !filepath.IsAbs(basePath) {
		basePath = filepath.Join(filepath.Dir(path), basePath)
	}
	if data, err = f.ReadFile(basePath); err != nil {
		return "", "", nil, fail("base is a path relative to this plan's directory, or git:REV for this file at a git revision",
			"cannot read base %s", readError(basePath, err))
	}
	return basePath, basePath, data, nil
}
