package plan

import (
	"errors"
	"fmt"
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
	if tiers := len(p.TierNames()); tiers*len(metrics) > MaxVariants {
		return append(diags, Diagnostic{File: file, Pos: Pos{Line: 1, Col: 1}, Severity: Error,
			Msg:  fmt.Sprintf("the plan has %d tiers × %d metrics, %d variants to check, more than %d", tiers, len(metrics), tiers*len(metrics), MaxVariants),
			Hint: "a plan has a few tiers (base, challenge) and a few metrics"})
	}
	cal := NewCalendar(p.Year)
	for _, tier := range p.TierNames() {
		for _, metric := range metrics {
			b, err := splitWith(p, Options{Tier: tier, Metric: metric}, cal)
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
	return diags.Capped()
}
