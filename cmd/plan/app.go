package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
)

// Exit statuses of the plan command.
const (
	exitOK      = 0 // success
	exitInvalid = 1 // invalid input: a bad plan, a missing file, an unknown tier…
	exitUsage   = 2 // the command line itself is wrong
)

// Main runs the plan command with the process's arguments and streams and
// returns its exit status.
func Main() int {
	tuneGC()
	stop := cleanUpOnSignal(os.Exit)
	defer stop()
	return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// tuneGC makes the collector run less often. plan is a short batch process
// that builds one large tree (the YAML nodes of the plan) and exits; with the
// default GOGC=100 a quarter of its CPU time on a 100,000-person plan goes to
// collecting garbage it would have dropped at exit anyway. GOGC=400 saves most
// of that (peak RSS 247 MB there), and a 768 MiB soft limit keeps the largest
// plans the loader accepts (16 MiB, about 650 MB live) bounded. GOGC and
// GOMEMLIMIT set in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(768 << 20)
	}
}

// run executes one command line against the given streams.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ins := &inputSet{}
	f := &Factory{ReadFile: ins.recording(readInput)}
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(withInputs(context.Background(), ins))
	if err == nil {
		return exitOK
	}
	return report(root.ErrOrStderr(), cmd, err)
}

// report prints an error the way its kind asks and returns the exit status.
func report(w io.Writer, cmd *cobra.Command, err error) int {
	var inv *plan.InvalidError
	var prob *plan.Problem
	var use *usageError
	var shown shownError
	switch {
	case errors.As(err, &shown):
		return exitInvalid
	case errors.As(err, &inv):
		for _, d := range inv.Diagnostics {
			fmt.Fprintln(w, d.String())
		}
		return exitInvalid
	case errors.As(err, &use):
		fmt.Fprintf(w, "error: %s\n", plan.PrintableLines(use.err.Error()))
		name := "plan"
		if cmd != nil {
			name = cmd.CommandPath()
		}
		fmt.Fprintf(w, "\thint: run '%s --help' for usage\n", name)
		return exitUsage
	case errors.As(err, &prob):
		fmt.Fprintf(w, "error: %s\n", prob.Error())
		return exitInvalid
	case isCobraUsage(err):
		fmt.Fprintf(w, "error: %s\n\thint: run 'plan --help' for usage\n", plan.PrintableLines(err.Error()))
		return exitUsage
	}
	fmt.Fprintf(w, "error: %s\n", plan.PrintableLines(err.Error()))
	return exitInvalid
}

// usageError marks a mistake in the command line (exit status 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// shownError is an invalid-input failure whose messages were already printed.
type shownError struct{}

func (shownError) Error() string { return "invalid input" }

// isCobraUsage recognises the usage errors cobra returns as plain errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "required flag", "accepts ", "requires at least"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// usageArgs wraps a cobra argument check so that its failures are usage errors.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return &usageError{err: err}
		}
		return nil
	}
}
