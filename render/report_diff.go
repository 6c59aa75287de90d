package render

import (
	"io"
	"math/big"
	"strconv"
	"strings"

	"github.com/planhq/plan/plan"
)

// DiffReport is what `plan diff` prints: what changed in every allocation
// between two versions of a plan. By default only the rows that changed, were
// added or removed are listed, and the rows that only moved by rounding
// (status rounding: same exact values, other rounded cells) are counted in one
// line per dimension; All lists the rounding and the unchanged rows too.
//
// The table and markdown forms start with the two versions and the plan
// settings that differ (name, currency, round, fiscal year), then a totals
// table (target, reserve, allocated, and the time split's change per period),
// then one table per dimension: NODE (the tree indented), STATUS, OLD, NEW,
// CHANGE, CHANGE % and the change of every period. So that the tree stays
// readable, a listed row's unchanged ancestors are shown too, as context.
//
// The csv form has one record per listed row (plan-level rows first, with an
// empty dimension and depth 0), exact and ungrouped; the json form is
// described on WriteJSON.
type DiffReport struct {
	Comparison *plan.Comparison
	All        bool // list rounding and unchanged rows too
}

// listed reports whether a row is listed (csv, json; table rows plus context).
func (d *DiffReport) listed(r *plan.RowDiff) bool {
	return d.All || r.Status != plan.DiffUnchanged && r.Status != plan.DiffRounding
}

// roundingOnly counts a dimension's rows with status rounding.
func roundingOnly(dd *plan.DimensionDiff) int {
	n := 0
	for _, r := range dd.Rows {
		if r.Status == plan.DiffRounding {
			n++
		}
	}
	return n
}

// roundingNote is the line that counts the rows hidden because they only
// moved by rounding (not shown, not even as another row's context), or ""
// when there are none.
func (d *DiffReport) roundingNote(dd *plan.DimensionDiff, shown []*plan.RowDiff) string {
	n := roundingOnly(dd)
	for _, r := range shown {
		if r.Status == plan.DiffRounding {
			n--
		}
	}
	switch {
	case d.All || n == 0:
		return ""
	case n == 1:
		return "1 row moved by rounding only (its exact values did not change); --all lists it"
	}
	return strconv.Itoa(n) + " rows moved by rounding only (their exact values did not change); --all lists them"
}

// places is how many decimals amounts need: the finer of the two units.
func (d *DiffReport) places() int {
	c := d.Comparison
	return max(c.Old.Unit.Places(), c.New.Unit.Places())
}

// diffMoney writes an amount for people, grouped, with exactly places
// decimals; "—" for a missing side.
func diffMoney(r *big.Rat, places int) string {
	if r == nil {
		return "—"
	}
	s := plan.FormatRat(r, places)
	if places > 0 {
		intPart, frac, _ := strings.Cut(s, ".")
		s = intPart + "." + frac + strings.Repeat("0", places-len(frac))
	}
	return Grouped(s)
}

// diffSigned writes a change for people: "+1,000", "-1,000" or "0".
func diffSigned(r *big.Rat, places int) string {
	s := diffMoney(r, places)
	if r.Sign() > 0 {
		return "+" + s
	}
	if r.Sign() == 0 {
		return "0"
	}
	return s
}

// diffPercent writes a change ratio as a signed percentage rounded to one
// decimal ("+2.9%", "-10%"); a change that rounds to zero is "+<0.1%" or
// "-<0.1%", so that it still shows. Empty when there is no ratio.
func diffPercent(r *big.Rat) string {
	if r == nil {
		return ""
	}
	sign := "+"
	switch r.Sign() {
	case 0:
		return "0%"
	case -1:
		sign = "-"
	}
	abs := new(big.Rat).Abs(r)
	if roundRat(new(big.Rat).Mul(abs, big.NewRat(100, 1)), 1).Sign() == 0 {
		return sign + "<0.1%"
	}
	return sign + Percent(abs)
}

// diffExact writes an amount exactly for csv and json ("" for a missing side;
// json writes null itself).
func diffExact(r *big.Rat, places int) string {
	if r == nil {
		return ""
	}
	return plan.FormatRat(r, places)
}

// Sections renders the heading, the totals and one table per dimension.
func (d *DiffReport) Sections() []Section {
	c := d.Comparison
	places := d.places()
	out := []Section{{Notes: d.heading()}}

	cols := []Column{{Name: "PLAN"}, {Name: "OLD", Align: Right}, {Name: "NEW", Align: Right}, {Name: "CHANGE", Align: Right}, {Name: "CHANGE %", Align: Right}}
	for _, l := range c.Labels {
		cols = append(cols, Column{Name: "Δ" + l, Align: Right})
	}
	totals := Section{Title: "totals", Columns: cols}
	for _, h := range d.headline() {
		row := []string{h.name, diffMoney(h.delta.Old, places), diffMoney(h.delta.New, places), diffSigned(h.delta.Change, places), diffPercent(h.delta.Ratio())}
		for j := range c.Labels {
			if h.time {
				row = append(row, diffSigned(c.Time[j].Change, places))
			} else {
				row = append(row, "")
			}
		}
		totals.Rows = append(totals.Rows, row)
	}
	out = append(out, totals)

	for _, dd := range c.Dimensions {
		sec := Section{Title: dd.Name}
		if dd.Status == plan.DiffAdded || dd.Status == plan.DiffRemoved {
			sec.Title += " (" + string(dd.Status) + ")"
		}
		shown := d.shownRows(dd)
		note := d.roundingNote(dd, shown)
		if len(shown) == 0 {
			sec.Notes = []string{"no changes"}
			if note != "" {
				sec.Notes = []string{note}
			}
			out = append(out, sec)
			continue
		}
		sec.Columns = append([]Column{{Name: "NODE"}, {Name: "STATUS"}}, cols[1:]...)
		if c.Period != plan.PeriodMonth && hasHiddenChange(shown) {
			sec.Notes = []string{"rows changed with no change shown moved amounts between the months of a period; --period month shows them"}
		}
		if note != "" {
			sec.Notes = append(sec.Notes, note)
		}
		for _, r := range shown {
			row := []string{strings.Repeat("  ", r.Depth-1) + r.Name(), string(r.Status),
				diffMoney(r.Amount.Old, places), diffMoney(r.Amount.New, places),
				diffSigned(r.Amount.Change, places), diffPercent(r.Amount.Ratio())}
			for _, p := range r.Periods {
				row = append(row, diffSigned(p.Change, places))
			}
			sec.Rows = append(sec.Rows, row)
		}
		out = append(out, sec)
	}
	return out
}

// hasHiddenChange reports whether a changed row shows no change in the
// amount or any period: only its month cells differ.
func hasHiddenChange(rows []*plan.RowDiff) bool {
	for _, r := range rows {
		if r.Status != plan.DiffChanged && r.Status != plan.DiffRounding || r.Amount.Changed() {
			continue
		}
		visible := false
		for _, p := range r.Periods {
			visible = visible || p.Changed()
		}
		if !visible {
			return true
		}
	}
	return false
}

// shownRows returns the rows of a dimension's table: the listed rows and, for
// context, their unchanged ancestors.
func (d *DiffReport) shownRows(dd *plan.DimensionDiff) []*plan.RowDiff {
	if d.All {
		return dd.Rows
	}
	// Rows are depth-first, so a row's ancestors are the nearest earlier rows
	// of each smaller depth: keep that chain, and mark it when a row is listed.
	var chain []int
	show := make([]bool, len(dd.Rows))
	found := false
	for i, r := range dd.Rows {
		chain = append(chain[:min(len(chain), r.Depth-1)], i)
		if d.listed(r) {
			found = true
			for _, a := range chain {
				show[a] = true
			}
		}
	}
	if !found {
		return nil
	}
	var out []*plan.RowDiff
	for i, r := range dd.Rows {
		if show[i] {
			out = append(out, r)
		}
	}
	return out
}

// heading is the lines above the tables: the two versions, the plan, and the
// settings that differ between them.
func (d *DiffReport) heading() []string {
	c := d.Comparison
	o, n := c.Old, c.New
	lines := []string{o.Plan.File + " → " + n.Plan.File}
	var tags []string
	tags = append(tags, diffSetting("", o.Plan.Name, n.Plan.Name))
	if len(o.Plan.Tiers) > 0 || len(n.Plan.Tiers) > 0 || n.Tier != plan.BaseTier {
		tags = append(tags, "tier "+n.Tier)
	}
	tags = append(tags, n.Metric)
	if (o.Plan.Currency != "" || n.Plan.Currency != "") && n.Kind == plan.KindAmount {
		tags = append(tags, diffSetting("", o.Plan.Currency, n.Plan.Currency))
	}
	tags = append(tags, diffSetting("round ", o.Unit.String(), n.Unit.String()))
	if oy, ny := o.Calendar.Start.String(), n.Calendar.Start.String(); oy != ny {
		tags = append(tags, diffSetting("year from ", oy, ny))
	}
	lines = append(lines, strings.Join(tags, " · "))
	if !c.HasChanges() {
		lines = append(lines, "no changes")
	}
	return lines
}

// diffSetting writes "label value", or "label old → new" when they differ.
func diffSetting(label, old, cur string) string {
	if old == cur {
		return label + cur
	}
	return label + old + " → " + cur
}

// headlineRow is one plan-level amount.
type headlineRow struct {
	name  string
	delta plan.Delta
	time  bool // the row whose periods are the time split
}

func (d *DiffReport) headline() []headlineRow {
	c := d.Comparison
	return []headlineRow{{"target", c.Target, false}, {"reserve", c.Reserve, false}, {"allocated", c.Allocated, true}}
}

// statusOf is the status of a plan-level amount.
func statusOf(delta plan.Delta) plan.DiffStatus {
	if delta.Changed() {
		return plan.DiffChanged
	}
	return plan.DiffUnchanged
}

// Records streams the comparison as CSV: the plan-level rows (target, reserve,
// allocated; empty dimension, depth 0) and then every listed row, with the old
// and new amounts, the change, the change ratio (a fraction) and the change of
// every period, exact and ungrouped. A missing side is an empty field.
func (d *DiffReport) Records(emit func([]string) error) error {
	c := d.Comparison
	places := d.places()
	header := []string{"dimension", "path", "depth", "status", "old", "new", "change", "change_ratio"}
	for _, l := range c.Labels {
		header = append(header, l+" change")
	}
	if err := emit(header); err != nil {
		return err
	}
	rec := make([]string, 0, len(header))
	ratio := func(delta plan.Delta) string {
		if r := delta.Ratio(); r != nil {
			return Fraction(r)
		}
		return ""
	}
	for _, h := range d.headline() {
		rec = append(rec[:0], "", h.name, "0", string(statusOf(h.delta)),
			diffExact(h.delta.Old, places), diffExact(h.delta.New, places), diffExact(h.delta.Change, places), ratio(h.delta))
		for j := range c.Labels {
			if h.time {
				rec = append(rec, diffExact(c.Time[j].Change, places))
			} else {
				rec = append(rec, "")
			}
		}
		if err := emit(rec); err != nil {
			return err
		}
	}
	for _, dd := range c.Dimensions {
		for _, r := range dd.Rows {
			if !d.listed(r) {
				continue
			}
			rec = append(rec[:0], dd.Name, r.PathString(), strconv.Itoa(r.Depth), string(r.Status),
				diffExact(r.Amount.Old, places), diffExact(r.Amount.New, places), diffExact(r.Amount.Change, places), ratio(r.Amount))
			for _, p := range r.Periods {
				rec = append(rec, diffExact(p.Change, places))
			}
			if err := emit(rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteJSON writes the comparison as JSON, one node per line, numbers exact:
//
//	{
//	  "old": {"file": "plan.yaml@HEAD", "name": "FY2027 销售目标", "currency": "CNY", "round": 1000, "year_start": "2027-01"},
//	  "new": {"file": "plan.yaml", …},
//	  "tier": "base", "metric": "revenue", "period": "quarter", "periods": ["Q1", "Q2", "Q3", "Q4"],
//	  "changed": true,
//	  "target": {"old": 50000000, "new": 50000000, "change": 0, "change_ratio": 0},
//	  "reserve": {…}, "allocated": {…},
//	  "time": {"old": […], "new": […], "change": […]},
//	  "dimensions": [
//	    {"name": "org", "status": "changed", "nodes": [
//	      {"path": ["销售部"], "depth": 1, "status": "changed", "old": 31500000, "new": 32400000,
//	       "change": 900000, "change_ratio": 0.0285714286,
//	       "periods": {"old": […], "new": […], "change": […]}}
//	    ]}
//	  ]
//	}
//
// Statuses are "unchanged", "changed", "rounding" (the exact values did not
// change, only the rounded cells moved), "added" and "removed"; a dimension's
// rounding_rows counts its rounding rows, which nodes lists only with --all.
// A missing side
// (an added or removed row) is null, its change counting it as zero;
// change_ratio is change / old (a fraction, exact to 10 places) or null when
// there is no old amount or it is zero. nodes lists the changed rows (every
// row with --all), depth-first as in the report; every dimension of either
// version is listed. A period outside one version's fiscal year is 0 there.
func (d *DiffReport) WriteJSON(w io.Writer) error {
	c := d.Comparison
	places := d.places()
	bw := newJSONOut(w)
	num := func(r *big.Rat) string {
		if r == nil {
			return "null"
		}
		return plan.FormatRat(r, places)
	}
	ratio := func(delta plan.Delta) string {
		if r := delta.Ratio(); r != nil {
			return Fraction(r)
		}
		return "null"
	}
	delta := func(x plan.Delta) string {
		return `{"old": ` + num(x.Old) + `, "new": ` + num(x.New) + `, "change": ` + num(x.Change) + `, "change_ratio": ` + ratio(x) + "}"
	}
	cells := func(ds []plan.Delta, side func(plan.Delta) *big.Rat) string {
		if len(ds) > 0 && side(ds[0]) == nil {
			return "null"
		}
		parts := make([]string, len(ds))
		for j, x := range ds {
			parts[j] = num(side(x))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	periods := func(ds []plan.Delta) string {
		return `{"old": ` + cells(ds, func(x plan.Delta) *big.Rat { return x.Old }) +
			`, "new": ` + cells(ds, func(x plan.Delta) *big.Rat { return x.New }) +
			`, "change": ` + cells(ds, func(x plan.Delta) *big.Rat { return x.Change }) + "}"
	}
	version := func(b *plan.Breakdown) string {
		return `{"file": ` + string(jsonString(b.Plan.File)) + `, "name": ` + string(jsonString(b.Plan.Name)) +
			`, "currency": ` + string(jsonString(b.Plan.Currency)) + `, "round": ` + b.Unit.String() +
			`, "year_start": ` + string(jsonString(b.Calendar.Start.String())) + "}"
	}
	field := func(name, raw string) { bw.field(name, []byte(raw)) }
	bw.WriteString("{\n")
	field("old", version(c.Old))
	field("new", version(c.New))
	field("tier", string(jsonString(c.New.Tier)))
	field("metric", string(jsonString(c.New.Metric)))
	field("period", string(jsonString(string(c.Period))))
	field("periods", string(jsonStrings(c.Labels)))
	field("changed", strconv.FormatBool(c.HasChanges()))
	field("target", delta(c.Target))
	field("reserve", delta(c.Reserve))
	field("allocated", delta(c.Allocated))
	field("time", periods(c.Time))
	bw.WriteString("  \"dimensions\": [")
	for k, dd := range c.Dimensions {
		if k > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    {\"name\": ")
		bw.Write(jsonString(dd.Name))
		bw.WriteString(", \"status\": ")
		bw.Write(jsonString(string(dd.Status)))
		bw.WriteString(", \"rounding_rows\": ")
		bw.WriteString(strconv.Itoa(roundingOnly(dd)))
		bw.WriteString(", \"nodes\": [")
		first := true
		for _, r := range dd.Rows {
			if !d.listed(r) {
				continue
			}
			if !first {
				bw.WriteByte(',')
			}
			first = false
			bw.WriteString("\n      {\"path\": ")
			bw.Write(jsonStrings(r.Path))
			bw.WriteString(", \"depth\": ")
			bw.WriteString(strconv.Itoa(r.Depth))
			bw.WriteString(", \"status\": ")
			bw.Write(jsonString(string(r.Status)))
			bw.WriteString(", \"old\": ")
			bw.WriteString(num(r.Amount.Old))
			bw.WriteString(", \"new\": ")
			bw.WriteString(num(r.Amount.New))
			bw.WriteString(", \"change\": ")
			bw.WriteString(num(r.Amount.Change))
			bw.WriteString(", \"change_ratio\": ")
			bw.WriteString(ratio(r.Amount))
			bw.WriteString(", \"periods\": ")
			bw.WriteString(periods(r.Periods))
			bw.WriteByte('}')
		}
		if !first {
			bw.WriteString("\n    ")
		}
		bw.WriteString("]}")
	}
	if len(c.Dimensions) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}
