package main

import (
	"github.com/spf13/pflag"

	"github.com/planhq/plan/plan"
)

// DataOptions are the flags of the commands that add what happened to the
// plan they write (export, report): actuals closed at a month, receivables
// aged at a day.
type DataOptions struct {
	Actuals     string // the actuals file; "" for none
	AsOf        string // YYYY-MM; "" for the last month with actuals
	Receivables string // the receivables file; "" for none
	ARAsOf      string // YYYY-MM-DD; "" for today
}

// addFlags adds --actuals, --as-of, --receivables and --ar-as-of; the
// actuals and the receivables add what the command names (e.g. "a tracking
// sheet", "the ageing").
func (d *DataOptions) addFlags(fs *pflag.FlagSet, actualsAdd, receivablesAdd string) {
	fs.StringVar(&d.Actuals, "actuals", "", "add "+actualsAdd+" of the actuals `FILE` (CSV or .xlsx)")
	fs.StringVar(&d.AsOf, "as-of", "", "close the year to date at `YYYY-MM` (default: the last month with actuals)")
	fs.StringVar(&d.Receivables, "receivables", "", "add "+receivablesAdd+" of the receivables `FILE` (CSV or .xlsx)")
	fs.StringVar(&d.ARAsOf, "ar-as-of", "", "age the receivables as of `YYYY-MM-DD` (default: today)")
}

// asOf refuses a date without the file it applies to (a usage error) and
// reads --as-of.
func (d *DataOptions) asOf() (plan.Month, error) {
	if d.AsOf != "" && d.Actuals == "" {
		return plan.Month{}, usagef("--as-of needs --actuals FILE")
	}
	if d.ARAsOf != "" && d.Receivables == "" {
		return plan.Month{}, usagef("--ar-as-of needs --receivables FILE")
	}
	return parseAsOf(d.AsOf)
}
