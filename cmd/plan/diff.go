package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/render"
)

// DiffOptions are the options of `plan diff`.
type DiffOptions struct {
	Factory *Factory
	Global  *GlobalOptions
	Old     string // the old version's file (OLD NEW form)
	New     string // the new version's file; with --rev, the file in the work tree
	Rev     string // the git revision of the old version (FILE --rev REV form)
	Period  string
	All     bool

	// ReadRev returns a file's content at a git revision; nil runs git.
	ReadRev func(file, rev string) ([]byte, error)

	revSet bool
}

// NewCmdDiff builds `plan diff`. runF replaces the run function in tests.
func NewCmdDiff(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{Factory: f, Global: g}
	cmd := &cobra.Command{
		Use:   "diff {OLD NEW | FILE --rev REV}",
		Short: "Show what changed in every allocation between two versions of a plan",
		Long: `Compare two versions of a plan: the target, reserve and allocated amounts, the
time split, and every node of every dimension (matched by dimension and path),
by quarter (default), year, month or ISO week. Amounts are compared exactly, so
versions with different rounds compare correctly. A renamed node shows as the
old name removed and the new one added.

The old version is either a second file (plan diff OLD NEW) or FILE as committed
at a git revision (plan diff FILE --rev REV, e.g. --rev HEAD or --rev main).

By default the tables list only the rows that changed (with their unchanged
parents for context); rows whose exact values did not change but whose rounded
cells moved (status rounding) are counted in one line; --all lists every row. The exit status is 0 whether or not
anything changed. Plan settings that are not allocations (tiers, metrics,
funnel, tracking, incentive) are not compared.`,
		Example: `  plan diff plan.yaml --rev HEAD
  plan diff old/plan.yaml plan.yaml --period month
  plan diff plan.yaml --rev main --format json -o changes.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			revSet := cmd.Flags().Changed("rev")
			switch {
			case revSet && len(args) == 1:
				return nil
			case !revSet && len(args) == 2:
				return nil
			case revSet && len(args) == 2:
				return usagef("give either two files (OLD NEW) or one file with --rev REV, not both")
			case revSet:
				return usagef("--rev REV compares one file with its committed version: give one FILE, found %d argument%s", len(args), plural(len(args)))
			}
			return usagef("plan diff needs two files (OLD NEW), or one FILE with --rev REV; found %d argument%s", len(args), plural(len(args)))
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.revSet = cmd.Flags().Changed("rev")
			if opts.revSet {
				opts.New = args[0]
			} else {
				opts.Old, opts.New = args[0], args[1]
			}
			if runF != nil {
				return runF(cmd, opts)
			}
			return runDiff(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Rev, "rev", "", "compare FILE with its version at git revision `REV` (a commit, branch or tag)")
	cmd.Flags().StringVar(&opts.Period, "period", "quarter", "year, half, quarter, month or week")
	cmd.Flags().BoolVar(&opts.All, "all", false, "list the rows moved only by rounding and the unchanged rows too")
	return cmd
}

func runDiff(cmd *cobra.Command, opts *DiffOptions) error {
	period, err := plan.ParsePeriod(opts.Period)
	if err != nil {
		return &usageError{err: err}
	}
	if opts.revSet && (opts.Rev == "" || strings.HasPrefix(opts.Rev, "-")) {
		return usagef("--rev needs a git revision (a commit, branch or tag), found %q", opts.Rev)
	}
	if _, err := resolveFormat(cmd, opts.Global); err != nil {
		return err
	}
	newData, err := opts.Factory.ReadFile(opts.New)
	if err != nil {
		return readError(opts.New, err)
	}
	oldLabel := opts.Old
	var oldData []byte
	if opts.revSet {
		oldLabel = opts.New + "@" + opts.Rev
		read := opts.ReadRev
		if read == nil {
			read = gitShow
		}
		if oldData, err = read(opts.New, opts.Rev); err != nil {
			return err
		}
	} else if oldData, err = opts.Factory.ReadFile(opts.Old); err != nil {
		return readError(opts.Old, err)
	}

	// Both versions are checked before either error is reported, so that every
	// problem of both is shown in one run.
	oldPlan, oldDiags := plan.Load(oldLabel, oldData)
	newPlan, newDiags := plan.Load(opts.New, newData)
	printWarnings(cmd.ErrOrStderr(), oldDiags)
	printWarnings(cmd.ErrOrStderr(), newDiags)
	if errs := append(oldDiags.Errors(), newDiags.Errors()...); len(errs) > 0 {
		return &plan.InvalidError{Diagnostics: errs}
	}
	split := func(p *plan.Plan, label, path string) (*plan.Breakdown, error) {
		b, err := splitPlan(cmd, opts.Factory, p, path, plan.Options{Tier: opts.Global.Tier, Metric: opts.Global.Metric})
		var prob *plan.Problem
		if errors.As(err, &prob) {
			return nil, plan.Problemf(prob.Hint, "%s: %s", label, prob.Msg)
		}
		if err != nil {
			return nil, err
		}
		printWarnings(cmd.ErrOrStderr(), b.Warnings)
		return b, nil
	}
	oldPath := opts.Old
	if opts.revSet {
		oldPath = opts.New
	}
	oldB, err := split(oldPlan, oldLabel, oldPath)
	if err != nil {
		return err
	}
	newB, err := split(newPlan, opts.New, opts.New)
	if err != nil {
		return err
	}
	c, err := plan.Diff(oldB, newB, period)
	if err != nil {
		return err
	}
	return writeReport(cmd, opts.Global, &render.DiffReport{Comparison: c, All: opts.All})
}

// gitShow returns the content of file as committed at rev, asking git in the
// file's directory. Each way it can fail (no git, not a work tree, an unknown
// revision, no such file at rev) is a *plan.Problem of its own.
func gitShow(file, rev string) ([]byte, error) {
	what := file + "@" + rev
	if _, err := exec.LookPath("git"); err != nil {
		return nil, plan.Problemf("install git, or compare two files: plan diff OLD NEW", "cannot read %s: git is not installed", what)
	}
	dir, base := filepath.Dir(file), filepath.Base(file)
	git := func(args ...string) (string, error) {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "LC_ALL=C", "GIT_TERMINAL_PROMPT=0")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if err != nil {
			msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
			return stdout.String(), errors.New(msg)
		}
		return stdout.String(), nil
	}
	if out, err := git("rev-parse", "--is-inside-work-tree"); err != nil || strings.TrimSpace(out) != "true" {
		hint := "--rev reads the committed version from git; to compare two files: plan diff OLD NEW"
		if err != nil && err.Error() != "" && !strings.Contains(err.Error(), "not a git repository") {
			hint = "git says: " + err.Error()
		}
		return nil, plan.Problemf(hint, "cannot read %s: %s is not in a git work tree", what, file)
	}
	if _, err := git("rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, plan.Problemf("name a commit, branch or tag, e.g. HEAD, HEAD~1 or main", "cannot read %s: unknown revision %q", what, rev)
	}
	out, err := git("cat-file", "blob", rev+":./"+base)
	if err != nil {
		return nil, plan.Problemf("'git log --oneline -- "+file+"' lists the commits that changed it",
			"cannot read %s: %s does not exist at %s", what, file, rev)
	}
	return []byte(out), nil
}
