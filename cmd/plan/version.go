package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

// versionString is plan's version: set at build time, else the module's.
func versionString() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok && v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	return v
}

// NewCmdVersion builds `plan version`. It honours -o and --format json.
func NewCmdVersion(g *GlobalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of plan",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			format := g.Format
			if !cmd.Flags().Changed("format") && g.Output != "" {
				format = formatFromExt(g.Output, format)
			}
			if format != "table" && format != "json" {
				return usagef("version writes table (a line) or json, not %s", format)
			}
			return withOutput(cmd, g.Output, func(w io.Writer) error {
				if format == "json" {
					_, err := fmt.Fprintf(w, "{\"version\": %q, \"go\": %q, \"format_version\": 1}\n", versionString(), runtime.Version())
					return err
				}
				_, err := fmt.Fprintf(w, "plan %s (%s, format version 1)\n", versionString(), runtime.Version())
				return err
			})
		},
	}
}
