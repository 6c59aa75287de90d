package main

import (
	"os"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
)

// setupCommandLine finishes the command tree once every command is added:
// --version, "did you mean …?" for unknown commands, a completion command
// that refuses shells it does not know, and value and file completion for
// every flag and argument.
func setupCommandLine(root *cobra.Command) {
	root.Version = versionString()
	root.SetVersionTemplate("plan {{.Version}} (" + runtime.Version() + ", format version 1)\n")
	root.SuggestionsMinimumDistance = 2
	root.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			return usagef("unknown command %q (did you mean %s?)", args[0], strings.Join(s, " or "))
		}
		return usagef("unknown command %q (commands: %s)", args[0], strings.Join(commandNames(cmd), ", "))
	}
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = func(cmd *cobra.Command, args []string) error {
				if len(args) == 0 {
					return nil
				}
				return usagef("no completion for %q (valid: bash, zsh, fish, powershell)", args[0])
			}
			c.RunE = func(cmd *cobra.Command, args []string) error {
				return usagef("name a shell: plan completion bash|zsh|fish|powershell")
			}
		}
	}
	registerCompletions(root)
	refuseTerminalFlags(root)
}

// noTerminalFlags are the commands that write no table, so the terminal flags
// (--units, --compact, --columns, --wide, --color, --no-pager, --bom) have
// nothing to change there: they are refused rather than ignored.
var noTerminalFlags = map[string]bool{"init": true, "validate": true, "export": true, "schema": true, "version": true, "docs": true, "report": true}

// refuseTerminalFlags makes the commands of noTerminalFlags refuse the
// terminal flags, keeping any pre-run hook the root already has.
func refuseTerminalFlags(root *cobra.Command) {
	prevE, prev := root.PersistentPreRunE, root.PersistentPreRun
	root.PersistentPreRun = nil
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if noTerminalFlags[cmd.Name()] && cmd.Parent() == root {
			for _, name := range []string{"units", "compact", "columns", "wide", "color", "no-pager", "bom"} {
				if f := cmd.InheritedFlags().Lookup(name); f != nil && f.Changed {
					return usagef("--%s does not apply to plan %s", name, cmd.Name())
				}
			}
		}
		if prevE != nil {
			return prevE(cmd, args)
		}
		if prev != nil {
			prev(cmd, args)
		}
		return nil
	}
}

// commandNames lists the visible subcommands of cmd.
func commandNames(cmd *cobra.Command) []string {
	var out []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			out = append(out, c.Name())
		}
	}
	return out
}

// planArgs are the commands whose arguments are plan files.
var planArgs = map[string]bool{"validate": true, "split": true, "funnel": true, "track": true, "export": true, "diff": true, "init": true}

// registerCompletions sets the completion of every flag and argument: plan
// files (*.yaml, *.yml) for the commands' arguments, the right file kinds for
// --actuals and -o, fixed lists for --format, --period, --units and --color,
// and the plan's own dimensions, tiers and metrics for --by, --tier and
// --metric (read from the plan named on the line, else ./plan.yaml).
func registerCompletions(root *cobra.Command) {
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	files := func(exts ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return exts, cobra.ShellCompDirectiveFilterFileExt
		}
	}
	_ = root.RegisterFlagCompletionFunc("format", fixed("table", "csv", "json", "markdown", "xlsx"))
	_ = root.RegisterFlagCompletionFunc("units", fixed("万", "亿", "k", "M"))
	_ = root.RegisterFlagCompletionFunc("color", fixed("auto", "always", "never"))
	_ = root.RegisterFlagCompletionFunc("output", files("csv", "json", "md", "txt", "xlsx", "yaml"))
	_ = root.RegisterFlagCompletionFunc("tier", fromPlan(func(p *plan.Plan) []string { return p.TierNames() }))
	_ = root.RegisterFlagCompletionFunc("metric", fromPlan(func(p *plan.Plan) []string { return p.MetricNames() }))
	for _, c := range root.Commands() {
		if planArgs[c.Name()] {
			c.ValidArgsFunction = files("yaml", "yml")
		}
		if c.Flags().Lookup("by") != nil {
			_ = c.RegisterFlagCompletionFunc("by", fromPlan(func(p *plan.Plan) []string { return p.DimensionNames() }))
		}
		if f := c.Flags().Lookup("period"); f != nil {
			_ = c.RegisterFlagCompletionFunc("period", fixed(periodValues(f.Usage)...))
		}
		if c.Flags().Lookup("actuals") != nil {
			_ = c.RegisterFlagCompletionFunc("actuals", files("csv", "xlsx"))
		}
		if c.Flags().Lookup("receivables") != nil {
			_ = c.RegisterFlagCompletionFunc("receivables", files("csv", "xlsx"))
		}
	}
}

// periodValues picks the period names a --period flag's usage mentions.
func periodValues(usage string) []string {
	var out []string
	for _, p := range []string{"year", "half", "quarter", "month", "week"} {
		if strings.Contains(usage, p) {
			out = append(out, p)
		}
	}
	return out
}

// fromPlan completes a flag with names read from the plan on the command line
// (its first argument, else ./plan.yaml); nothing when it cannot be read.
func fromPlan(names func(*plan.Plan) []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		file := defaultPlanFile
		if len(args) > 0 {
			file = args[0]
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		p, _ := plan.Load(file, data)
		if p == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		// --by A,B: complete the name after the last comma.
		head := ""
		if i := strings.LastIndex(prefix, ","); i >= 0 {
			head, prefix = prefix[:i+1], prefix[i+1:]
		}
		var out []string
		for _, n := range names(p) {
			if strings.HasPrefix(n, prefix) {
				out = append(out, head+n)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
