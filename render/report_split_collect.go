package render

import "github.com/planhq/plan/plan"

// A collections metric's split (SPEC §12) shows, beside each row's amount (its
// collections), its share of the opening receivables and its year-end
// receivable: the from year + the opening share − the collections.

// collects reports whether the breakdown is of a collections metric.
func (s *SplitReport) collects() bool { return s.Breakdown.Collect != nil }

// collectHeading is the heading's amounts line of a collections metric.
func collectHeading(b *plan.Breakdown) string {
	return "collected " + Money(b.Unit, b.Target) + " from " + b.Collect.From +
		" · opening " + Money(b.Unit, b.Opening) + " · year-end receivable " + Money(b.Unit, b.ReceivableEnd) +
		" · round " + b.Unit.String()
}

// collectColumns are the table's columns after AMOUNT for a collections metric.
func (s *SplitReport) collectColumns() []Column {
	if !s.collects() {
		return nil
	}
	return []Column{{Name: "OPENING", Align: Right, Money: true}, {Name: "YEAR-END AR", Align: Right, Money: true}}
}

// collectCells are a row's opening share and year-end receivable, formatted by f.
func (s *SplitReport) collectCells(d *plan.DimensionSplit, r *plan.Row, f func(plan.Unit, int64) string) []string {
	if !s.collects() {
		return nil
	}
	u := s.Breakdown.Unit
	return []string{f(u, d.Opening[r.Index]), f(u, d.ReceivableEnd[r.Index])}
}

// collectTotals are the footer's opening and year-end receivable: the sums of
// the top-level rows (the whole's).
func (s *SplitReport) collectTotals(d *plan.DimensionSplit) []string {
	if !s.collects() {
		return nil
	}
	var o, e int64
	for _, r := range d.Roots {
		o += d.Opening[r.Index]
		e += d.ReceivableEnd[r.Index]
	}
	u := s.Breakdown.Unit
	return []string{Money(u, o), Money(u, e)}
}

// exactUnits formats an amount exactly and ungrouped (CSV, JSON).
func exactUnits(u plan.Unit, n int64) string { return u.Format(n) }
