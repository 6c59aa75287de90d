package plan

import (
	"fmt"
	"strings"
)

// Severity tells an error (the plan cannot be used) from a warning (it can, but
// the user probably wants to look).
type Severity int

// The severities of a Diagnostic.
const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a plan file, 1-based. A zero Line means "the whole file".
type Pos struct {
	Line, Col int
}

// Diagnostic is one problem found in an input file.
type Diagnostic struct {
	File     string
	Pos      Pos
	Severity Severity
	Msg      string
	Hint     string
}

// String writes the diagnostic as `FILE:LINE:COL: error: msg`, followed by an
// indented `hint: …` line when there is a hint. A position without a column
// (a CSV line) is written FILE:LINE.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(Printable(d.File))
	if d.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Pos.Line)
		if d.Pos.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Pos.Col)
		}
	}
	fmt.Fprintf(&b, ": %s: %s", d.Severity, Printable(d.Msg))
	if d.Hint != "" {
		fmt.Fprintf(&b, "\n\thint: %s", Printable(d.Hint))
	}
	return b.String()
}

// Diagnostics is the list of problems of one run, in the order they were found.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (ds Diagnostics) Errors() Diagnostics { return ds.filter(Error) }

// Warnings returns only the warnings.
func (ds Diagnostics) Warnings() Diagnostics { return ds.filter(Warning) }

func (ds Diagnostics) filter(s Severity) Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Strict returns the diagnostics with every warning made an error (--strict).
func (ds Diagnostics) Strict() Diagnostics {
	out := make(Diagnostics, len(ds))
	for i, d := range ds {
		d.Severity = Error
		out[i] = d
	}
	return out
}

// Err returns the errors as an *InvalidError, or nil when there are none.
func (ds Diagnostics) Err() error {
	errs := ds.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &InvalidError{Diagnostics: errs.Capped()}
}

// Capped is the one place where a long list of problems is cut, for plans and
// actuals alike: the first MaxErrors errors are kept (warnings too, up to as
// many), and the rest are counted in one line at the end.
func (ds Diagnostics) Capped() Diagnostics {
	var out Diagnostics
	errs, warns, more, file := 0, 0, 0, ""
	for _, d := range ds {
		switch {
		case d.Severity == Error && errs < MaxErrors:
			errs++
		case d.Severity == Warning && warns < MaxErrors:
			warns++
		default:
			more++
			file = d.File
			continue
		}
		out = append(out, d)
	}
	if more == 0 {
		return ds
	}
	return append(out, Diagnostic{File: file, Severity: Error,
		Msg:  fmt.Sprintf("%d more problems not shown (only the first %d errors are)", more, MaxErrors),
		Hint: "fix the problems above first"})
}

// InvalidError is returned when an input file has errors; it holds all of them.
type InvalidError struct {
	Diagnostics Diagnostics
}

func (e *InvalidError) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Problem is an error about the input that is not tied to a position in a file
// (an unknown --by dimension, an unknown tier). It may carry a hint.
type Problem struct {
	Msg  string
	Hint string
}

func (p *Problem) Error() string {
	if p.Hint == "" {
		return Printable(p.Msg)
	}
	return Printable(p.Msg) + "\n\thint: " + Printable(p.Hint)
}

// Problemf returns a *Problem with a formatted message and a hint (may be "").
func Problemf(hint, format string, args ...any) *Problem {
	return &Problem{Msg: sprintf(format, args...), Hint: hint}
}
