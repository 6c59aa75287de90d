package plan

import (
	"errors"
	"strings"
)

// Validate loads a plan and runs the breakdown engine on every tier and every
// metric, so that problems only the amounts reveal (fixed amounts above their
// parent in some tier) are reported too. It returns every diagnostic, errors
// and warnings, in file order, each once.
func Validate(file string, data []byte) Diagnostics {
	p, diags := Load(file, data)
	if p == nil {
		return diags
	}
	seen := map[string]bool{}
	for _, d := range diags {
		seen[d.String()] = true
	}
	// A warning is one problem whatever the variant: it is reported once, as
	// the first variant (the base tier and revenue) gives it, without the
	// variant's note. Errors of different variants state different amounts
	// and are all kept.
	add := func(ds Diagnostics, note string) {
		for _, d := range ds {
			key := d.String()
			if d.Severity == Warning {
				plain := d
				plain.Msg = strings.TrimSuffix(d.Msg, note)
				key = plain.String()
			}
			if !seen[key] {
				seen[key] = true
				diags = append(diags, d)
			}
		}
	}
	metrics := []string{RevenueMetric}
	for _, m := range p.Metrics {
		if m.Splittable() {
			metrics = append(metrics, m.Name)
		}
	}
	for _, tier := range p.TierNames() {
		for _, metric := range metrics {
			b, err := Split(p, Options{Tier: tier, Metric: metric})
			note := variantNote(tier, metric)
			var inv *InvalidError
			switch {
			case errors.As(err, &inv):
				add(inv.Diagnostics, note)
			case err != nil:
				add(Diagnostics{{File: file, Severity: Error, Msg: err.Error()}}, note)
			default:
				add(b.Warnings, note)
			}
		}
	}
	sortDiagnostics(diags)
	return diags
}
