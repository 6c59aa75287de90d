package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// defaultPlanFile is the plan a command reads when none is named and it exists.
const defaultPlanFile = "plan.yaml"

// stdinName is how diagnostics name a plan read from standard input ("-").
const stdinName = "<stdin>"

// planFileArgs accepts a command's plan file argument, or none when
// ./plan.yaml exists. Commands use it with planFile.
func planFileArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 1 {
		return usagef("accepts one plan file, received %d", len(args))
	}
	if len(args) == 0 {
		if _, err := os.Stat(defaultPlanFile); err != nil {
			return usagef("name a plan file (there is no %s here; 'plan init' writes one)", defaultPlanFile)
		}
	}
	return nil
}

// planFile is the plan named by args, else ./plan.yaml.
func planFile(args []string) string {
	if len(args) > 0 {
		return args[0]
	}
	return defaultPlanFile
}

// readInputFrom reads input files as readInput does, and "-" from stdin (once,
// at most maxInputSize bytes).
func readInputFrom(stdin io.Reader) func(string) ([]byte, error) {
	used := false
	return func(name string) ([]byte, error) {
		if name != "-" {
			return readInput(name)
		}
		if used {
			return nil, fmt.Errorf("standard input is read once: name the other files")
		}
		used = true
		data, err := io.ReadAll(io.LimitReader(stdin, maxInputSize+1))
		if err != nil {
			return nil, err
		}
		if len(data) > maxInputSize {
			return nil, fmt.Errorf("larger than %d MiB", maxInputSize>>20)
		}
		return data, nil
	}
}

// displayName is how messages name an input file.
func displayName(file string) string {
	if file == "-" {
		return stdinName
	}
	return file
}
