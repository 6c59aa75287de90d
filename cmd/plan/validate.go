package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
	"github.com/planhq/plan/plan/calendar"
)

// ValidateOptions are the options of `plan validate`.
type ValidateOptions struct {
	Factory *Factory
	Global  *GlobalOptions
	Files   []string
}

// NewCmdValidate builds `plan validate`. runF replaces the run function in tests.
func NewCmdValidate(f *Factory, g *GlobalOptions, runF func(*cobra.Command, *ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{Factory: f, Global: g}
	return &cobra.Command{
		Use:   "validate [FILE...]",
		Short: "Check plan files and report every problem",
		Long: `Check plan files: the format, every rule of the numbers, and that every tier and
metric can be split. Every problem is reported as FILE:LINE:COL: error: … (and
warnings as warning: …), all of a file's problems in one run. Exits 1 when any
file has an error.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return planFileArgs(cmd, args)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if len(args) == 0 {
				opts.Files = []string{defaultPlanFile}
			}
			if runF != nil {
				return runF(cmd, opts)
			}
			return runValidate(cmd, opts)
		},
	}
}

func runValidate(cmd *cobra.Command, opts *ValidateOptions) error {
	switch opts.Global.Format {
	case "table", "json":
	default:
		if cmd.Flags().Changed("format") {
			return usagef("validate writes table (lines) or json, not %s", opts.Global.Format)
		}
	}
	asJSON := opts.Global.Format == "json"
	if !cmd.Flags().Changed("format") && strings.HasSuffix(strings.ToLower(opts.Global.Output), ".json") {
		asJSON = true
	}
	var results []validateResult
	failed := false
	for _, file := range opts.Files {
		res := validateFile(opts, file)
		failed = failed || !res.OK
		results = append(results, res)
	}
	err := withOutput(cmd, opts.Global.Output, func(w io.Writer) error {
		if asJSON {
			return writeValidateJSON(w, results)
		}
		for _, res := range results {
			for _, d := range res.diags {
				fmt.Fprintln(cmd.ErrOrStderr(), d.String())
			}
			if res.readErr != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "error: %v\n", res.readErr)
			}
			if !res.OK {
				continue
			}
			line := res.File + ": ok"
			if res.Warnings > 0 {
				line += fmt.Sprintf(" (%d warning%s)", res.Warnings, plural(res.Warnings))
			}
			for _, n := range res.Notes {
				line += "\n\t" + n
			}
			if _, err := fmt.Fprintln(w, line); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if failed {
		return shownError{}
	}
	return nil
}

// validateResult is what validate found in one file.
type validateResult struct {
	File        string           `json:"file"`
	OK          bool             `json:"ok"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Notes       []string         `json:"notes,omitempty"`
	Diagnostics []validateDiag   `json:"diagnostics"`
	diags       plan.Diagnostics // in the order found
	readErr     error
}

// validateDiag is one diagnostic in validate's JSON.
type validateDiag struct {
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

// validateFile reads and checks one file: the format, every tier and metric,
// and the --tier and --metric given.
func validateFile(opts *ValidateOptions, file string) validateResult {
	res := validateResult{File: displayName(file), Diagnostics: []validateDiag{}}
	data, err := opts.Factory.ReadFile(file)
	if err != nil {
		res.readErr = readError(file, err)
		res.Errors = 1
		res.Diagnostics = append(res.Diagnostics, validateDiag{Severity: "error", Message: res.readErr.Error()})
		return res
	}
	res.diags = plan.Validate(displayName(file), data)
	if !res.diags.HasErrors() {
		p, _ := plan.Load(displayName(file), data)
		if p != nil {
			if err := p.CheckVariant(opts.Global.Tier, opts.Global.Metric); err != nil {
				d := plan.Diagnostic{File: displayName(file), Severity: plan.Error, Msg: err.Error()}
				var prob *plan.Problem
				if errors.As(err, &prob) {
					d.Msg, d.Hint = prob.Msg, prob.Hint
				}
				res.diags = append(res.diags, d)
			}
			res.Notes = validateNotes(p)
		}
	}
	for _, d := range res.diags {
		if d.Severity == plan.Warning {
			res.Warnings++
		} else {
			res.Errors++
		}
		res.Diagnostics = append(res.Diagnostics, validateDiag{Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Message: d.Msg, Hint: d.Hint})
	}
	res.OK = res.Errors == 0
	return res
}

// writeValidateJSON writes {"files": [...]}, one object per file.
func writeValidateJSON(w io.Writer, results []validateResult) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Files []validateResult `json:"files"`
	}{results})
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// validateNotes are the lines validate adds under a valid file's "ok": which
// years the official holiday calendar covers when the plan uses it.
func validateNotes(p *plan.Plan) []string {
	if p.Year.HolidaySource == "" {
		return nil
	}
	return []string{fmt.Sprintf("holidays: %s is mainland China's official calendar (%s), covering %s",
		p.Year.HolidaySource, calendar.CNSource, calendar.YearsText())}
}
