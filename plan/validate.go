package plan

import "errors"

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
	add := func(ds Diagnostics) {
		for _, d := range ds {
			if !seen[d.String()] {
				seen[d.String()] = true
				diags = append(diags, d)
			}
		}
	}
	metrics := []string{RevenueMetric}
	for _, m := range p.Metrics {
		metrics = append(metrics, m.Name)
	}
	for _, tier := range p.TierNames() {
		for _, metric := range metrics {
			b, err := Split(p, Options{Tier: tier, Metric: metric})
			var inv *InvalidError
			switch {
			case errors.As(err, &inv):
				add(inv.Diagnostics)
			case err != nil:
				add(Diagnostics{{File: file, Severity: Error, Msg: err.Error()}})
			default:
				add(b.Warnings)
			}
		}
	}
	sortDiagnostics(diags)
	return diags
}
