// Package render writes the results of the plan commands in each output
// format: one Format per file (table, csv, json, markdown, xlsx), each writing a
// Report (one per command) to an io.Writer.
package render

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Format writes reports in one output format.
type Format interface {
	// Name is the value of --format that selects the format.
	Name() string
	// Write renders the report to w.
	Write(w io.Writer, r Report) error
}

// Report is a command's result made ready for output. The text formats (table,
// markdown) render its Sections, csv its Records, json its JSON form.
type Report interface {
	// Sections are the report as titled tables with human formatting
	// (thousands separators, indentation, percentages).
	Sections() []Section
	// Records streams the report as flat CSV records, the header first, with
	// exact plain values.
	Records(emit func(record []string) error) error
	// WriteJSON writes the report's JSON form (SPEC §7).
	WriteJSON(w io.Writer) error
}

// Align is the alignment of a column.
type Align int

// The column alignments.
const (
	Left Align = iota
	Right
)

// Column is one column of a section's table.
type Column struct {
	Name  string
	Align Align
	Money bool // the cells are amounts of money, which Display may scale (--units, --compact)
}

// Section is one titled table of a report. A section without columns only
// prints its title and notes.
type Section struct {
	Title   string
	Notes   []string
	Columns []Column
	Rows    [][]string
	Footer  []string // a total row, or nil
}

var formats = map[string]Format{}

// register adds a format to the registry; each format file calls it from init.
func register(f Format) { formats[f.Name()] = f }

// Names returns the names of the registered formats, sorted.
func Names() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// TextNames returns the formats that --format accepts for text output (every
// format but xlsx, which only `plan export` or `-o FILE.xlsx` writes).
func TextNames() []string {
	var out []string
	for _, n := range []string{"table", "csv", "json", "markdown"} {
		if _, ok := formats[n]; ok {
			out = append(out, n)
		}
	}
	return out
}

// Lookup returns the format of the given name, or an error listing the valid ones.
func Lookup(name string) (Format, error) {
	if f, ok := formats[name]; ok {
		return f, nil
	}
	return nil, fmt.Errorf("unknown format %q (valid: %s)", name, strings.Join(Names(), ", "))
}
