package render

import (
	"bufio"
	"io"
	"math/big"
	"strconv"
	"strings"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
)

// FunnelReport is what `plan funnel` prints: per leaf of the funnel dimension
// (or once for the whole target) the deals and each stage's required,
// in-flight and new entries, their total, the activities they take, and with
// a Period other than the year the new entries and activities by period.
type FunnelReport struct {
	Result *funnel.Result
	// Period is year (or ""), quarter, month or week: all but the year add
	// the periods tables and, in CSV, the before and period columns. The
	// JSON always holds the periods (the months, for the year). The result
	// must be computed by week for week, by month otherwise.
	Period plan.Period
}

// funnelWholeLabel names the single row of a funnel run on the whole target.
const funnelWholeLabel = "(whole target)"

// hasPipeline reports whether any row has deals in flight.
func (f *FunnelReport) hasPipeline() bool {
	for _, s := range f.Result.Total.Stages {
		if s.Pipeline > 0 {
			return true
		}
	}
	return false
}

// funnelLabel names a row in the text formats.
func funnelLabel(r *funnel.Row) string {
	if len(r.Path) == 0 {
		return funnelWholeLabel
	}
	return strings.Join(r.Path, "/")
}

// Sections renders the heading, the settings of the leaves that override the
// plan's, the stage table and, with Months, the months table.
func (f *FunnelReport) Sections() []Section {
	out := []Section{{Notes: f.heading()}}
	if s, ok := f.settingsSection(); ok {
		out = append(out, s)
	}
	out = append(out, f.stageSection())
	if f.byPeriod() {
		out = append(out, f.periodSection())
	}
	if len(f.Result.ActivityNames) > 0 {
		out = append(out, f.activitySection())
	}
	return out
}

// heading is the lines above the tables.
func (f *FunnelReport) heading() []string {
	res := f.Result
	b := res.Breakdown
	p := b.Plan
	lines := []string{reportTitle(b, "funnel")}
	if res.Dimension != "" {
		line := "by " + res.Dimension + ": " + strconv.Itoa(len(res.Rows)) + " leaves"
		reserves := 0
		for _, r := range b.Dimension(res.Dimension).Rows {
			if r.IsReserve() {
				reserves++
			}
		}
		if reserves > 0 {
			line += "; reserve rows held back run no funnel (" + strconv.Itoa(reserves) + ")"
		}
		lines = append(lines, line)
	} else {
		lines = append(lines, "on the whole target after any root reserve (the plan has no "+p.Funnel.Dimension+" dimension)")
	}
	lines = append(lines, "deal size "+funnelDecimal(res.Settings.DealSize)+" · "+funnelStages(res.Settings.Stages))
	t := res.Total
	line := "target " + Money(b.Unit, t.Amount) + " · deals " + funnelCount(t.Deals)
	if f.hasPipeline() {
		line += " · pipeline coverage " + funnelPercent(t.Coverage)
	}
	line += " · coverage needed " + funnelTimes(t.CoverageNeeded)
	lines = append(lines, line)
	// The legend lives in the heading: sections with both notes and a table
	// do not render in every format.
	if f.hasPipeline() {
		lines = append(lines, "stages: required = entries that must pass through the stage; pipeline = in flight now; new = still to be found")
	} else {
		lines = append(lines, "stages: entries that must pass through each stage (no pipeline: every one is new)")
	}
	if f.byPeriod() {
		lines = append(lines, "by "+string(f.Period)+": deals follow the money; new entries are due the days of their stage and the later ones before it; before = due before the fiscal year")
	}
	if len(res.ActivityNames) > 0 {
		lines = append(lines, "activities: the work the new entries take; weekly = the count over the ISO weeks with a working day while the leaf is active")
	}
	return lines
}

// funnelStages writes the stages as `线索 50% 20d → 商机 40% 30d → 成交`.
func funnelStages(stages []funnel.Stage) string {
	parts := make([]string, len(stages))
	for i, s := range stages {
		parts[i] = strings.TrimSpace(s.Name + " " + funnelRateDays(s))
	}
	return strings.Join(parts, " → ")
}

// funnelRateDays writes a stage's rate and days, e.g. `50% 20d`.
func funnelRateDays(s funnel.Stage) string {
	var parts []string
	if s.Rate != nil {
		parts = append(parts, Percent(s.Rate))
	}
	if s.Days > 0 {
		parts = append(parts, strconv.Itoa(s.Days)+"d")
	}
	return strings.Join(parts, " ")
}

// settingsSection lists the leaves whose settings differ from the plan's.
func (f *FunnelReport) settingsSection() (Section, bool) {
	res := f.Result
	cols := []Column{{Name: "NODE"}, {Name: "DEAL SIZE", Align: Right, Money: true}}
	for _, n := range res.StageNames {
		cols = append(cols, Column{Name: n, Align: Right})
	}
	row := func(label string, s funnel.Settings) []string {
		r := []string{label, funnelDecimal(s.DealSize)}
		for _, st := range s.Stages {
			r = append(r, funnelRateDays(st))
		}
		return r
	}
	sec := Section{Title: "settings (rate, days) that differ from the plan's", Columns: cols}
	sec.Rows = append(sec.Rows, row("(plan)", res.Settings))
	for _, r := range res.Rows {
		if r.Overridden {
			sec.Rows = append(sec.Rows, row(funnelLabel(r), r.Settings))
		}
	}
	return sec, len(sec.Rows) > 1
}

// stageSection is the stage table: one row per leaf with each stage's
// required entries, or, when there is a pipeline, a block of three lines per
// leaf (required, pipeline, new); then the total.
func (f *FunnelReport) stageSection() Section {
	res := f.Result
	u := res.Breakdown.Unit
	pipe := f.hasPipeline()
	cols := []Column{{Name: "NODE"}, {Name: "TARGET", Align: Right, Money: true}, {Name: "DEALS", Align: Right}}
	if pipe {
		cols = append(cols, Column{Name: "COVERAGE", Align: Right})
	}
	cols = append(cols, Column{Name: "NEEDED", Align: Right})
	if pipe {
		cols = append(cols, Column{Name: ""})
	}
	for _, n := range res.StageNames {
		cols = append(cols, Column{Name: n, Align: Right})
	}
	title := "funnel by " + res.Dimension
	if res.Dimension == "" {
		title = "funnel on the whole target"
	}
	sec := Section{Title: title, Columns: cols}
	block := func(label string, amount, deals int64, coverage, needed *big.Rat, stages []funnel.StageWork) [][]string {
		head := []string{label, Money(u, amount), funnelCount(deals)}
		if pipe {
			head = append(head, funnelPercent(coverage))
		}
		head = append(head, funnelTimes(needed))
		if !pipe {
			for _, s := range stages {
				head = append(head, funnelCount(s.Required))
			}
			return [][]string{head}
		}
		blank := make([]string, len(head))
		lines := [][]string{append(head, "required"), append(append([]string{}, blank...), "pipeline"), append(blank, "new")}
		for _, s := range stages {
			lines[0] = append(lines[0], funnelCount(s.Required))
			lines[1] = append(lines[1], funnelCount(s.Pipeline))
			lines[2] = append(lines[2], funnelCount(s.New))
		}
		return lines
	}
	for _, r := range res.Rows {
		sec.Rows = append(sec.Rows, block(funnelLabel(r), r.Amount, r.Deals, r.Coverage, r.CoverageNeeded, r.Stages)...)
	}
	t := res.Total
	total := block("TOTAL", t.Amount, t.Deals, t.Coverage, t.CoverageNeeded, t.Stages)
	if pipe {
		sec.Rows = append(sec.Rows, total...)
	} else {
		sec.Footer = total[0]
	}
	return sec
}

// periodSection is the periods table: each leaf's deals and new entries per
// stage, due before the fiscal year and in each period, then the totals.
func (f *FunnelReport) periodSection() Section {
	res := f.Result
	labels := f.periodLabels()
	cols := []Column{{Name: "NODE"}, {Name: "STAGE"}, {Name: "BEFORE", Align: Right}}
	for _, m := range labels {
		cols = append(cols, Column{Name: m, Align: Right})
	}
	cols = append(cols, Column{Name: "NEW", Align: Right})
	sec := Section{Title: "deals and new entries by " + string(f.Period), Columns: cols}
	block := func(label string, w funnelCells) {
		row := []string{label, "(deals)", ""}
		for _, v := range f.periods(w.dealMonths, w.dealWeeks) {
			row = append(row, funnelCount(v))
		}
		sec.Rows = append(sec.Rows, append(row, funnelCount(w.deals)))
		for _, s := range w.stages {
			row := []string{"", s.Name, funnelCount(s.Before)}
			for _, v := range f.periods(s.Months, s.Weeks) {
				row = append(row, funnelCount(v))
			}
			sec.Rows = append(sec.Rows, append(row, funnelCount(s.New)))
		}
	}
	for _, r := range res.Rows {
		block(funnelLabel(r), leafCells(r.Work))
	}
	block("TOTAL", totalCells(res.Total))
	return sec
}

// funnelCells are what the period tables show of a row or of the total.
type funnelCells struct {
	deals                 int64
	dealMonths, dealWeeks []int64
	stages                []funnel.StageWork
	activities            []funnel.ActivityWork
}

func leafCells(w *funnel.Work) funnelCells {
	return funnelCells{w.Deals, w.DealMonths, w.DealWeeks, w.Stages, w.Activities}
}

func totalCells(t *funnel.Total) funnelCells {
	return funnelCells{t.Deals, t.DealMonths, t.DealWeeks, t.Stages, t.Activities}
}

// byPeriod reports whether the report shows periods (all but the year).
func (f *FunnelReport) byPeriod() bool {
	return f.Period != "" && f.Period != plan.PeriodYear
}

// jsonPeriod is the period the JSON holds: the months for the year.
func (f *FunnelReport) jsonPeriod() plan.Period {
	if !f.byPeriod() {
		return plan.PeriodMonth
	}
	return f.Period
}

// periodLabels are the labels of the report's periods (the months for the
// year, as the JSON holds them).
func (f *FunnelReport) periodLabels() []string {
	switch f.jsonPeriod() {
	case plan.PeriodWeek:
		return f.Result.Weeks
	case plan.PeriodQuarter:
		return []string{"Q1", "Q2", "Q3", "Q4"}
	}
	return f.Result.Months
}

// periods returns the cells of the report's periods from a row's months or
// weeks: quarters are the sums of their months.
func (f *FunnelReport) periods(months, weeks []int64) []int64 {
	switch f.jsonPeriod() {
	case plan.PeriodWeek:
		return weeks
	case plan.PeriodQuarter:
		q := make([]int64, 4)
		for m, v := range months {
			q[m/3] += v
		}
		return q
	}
	return months
}

// Records streams the funnel as CSV: one record per leaf and stage, then the
// total's (row = total, path empty); with a period also the before and period
// columns; then one record per leaf and activity (row = leaf_activity, the
// activity's name under stage, its count under new, its weekly average under
// weekly) and the total's (total_activity). Numbers are exact and ungrouped,
// rates and coverages fractions.
func (f *FunnelReport) Records(emit func([]string) error) error {
	res := f.Result
	u := res.Breakdown.Unit
	header := []string{"row", "path", "target", "deal_size", "deals", "coverage", "coverage_needed", "stage", "rate", "days", "lead_days", "required", "pipeline", "new"}
	if f.byPeriod() {
		header = append(header, "before")
		header = append(header, f.periodLabels()...)
	}
	acts := len(res.ActivityNames) > 0
	if acts {
		header = append(header, "weekly")
	}
	if err := emit(header); err != nil {
		return err
	}
	records := func(kind, path string, amount int64, dealSize *big.Rat, deals int64, coverage, needed *big.Rat, stages []funnel.StageWork) error {
		// the row's own fields, formatted once for all its stages; each
		// record made at its full length (100,000 people: 400,000 records)
		row := [...]string{kind, path, u.Format(amount), funnelExact(dealSize), strconv.FormatInt(deals, 10),
			funnelExact(coverage), funnelExact(needed)}
		width := len(header)
		for _, s := range stages {
			rec := append(make([]string, 0, width), row[:]...)
			rec = append(rec, s.Name, funnelExact(s.Rate), "", "",
				strconv.FormatInt(s.Required, 10), strconv.FormatInt(s.Pipeline, 10), strconv.FormatInt(s.New, 10))
			if kind != "total" {
				rec[9], rec[10] = strconv.Itoa(s.Days), strconv.Itoa(s.Lead)
			}
			if f.byPeriod() {
				rec = append(rec, strconv.FormatInt(s.Before, 10))
				for _, v := range f.periods(s.Months, s.Weeks) {
					rec = append(rec, strconv.FormatInt(v, 10))
				}
			}
			if acts {
				rec = append(rec, "")
			}
			if err := emit(rec); err != nil {
				return err
			}
		}
		return nil
	}
	activities := func(kind, path string, amount int64, as []funnel.ActivityWork) error {
		for _, a := range as {
			rec := []string{kind, path, u.Format(amount), "", "", "", "", a.Name, "", "", "", "", "", strconv.FormatInt(a.Total, 10)}
			if f.byPeriod() {
				rec = append(rec, strconv.FormatInt(a.Before, 10))
				for _, v := range f.periods(a.Months, a.Weeks) {
					rec = append(rec, strconv.FormatInt(v, 10))
				}
			}
			if err := emit(append(rec, funnelExact(a.Weekly))); err != nil {
				return err
			}
		}
		return nil
	}
	for _, r := range res.Rows {
		if err := records("leaf", strings.Join(r.Path, "/"), r.Amount, r.DealSize, r.Deals, r.Coverage, r.CoverageNeeded, r.Stages); err != nil {
			return err
		}
	}
	t := res.Total
	if err := records("total", "", t.Amount, nil, t.Deals, t.Coverage, t.CoverageNeeded, t.Stages); err != nil {
		return err
	}
	for _, r := range res.Rows {
		if err := activities("leaf_activity", strings.Join(r.Path, "/"), r.Amount, r.Activities); err != nil {
			return err
		}
	}
	return activities("total_activity", "", t.Amount, t.Activities)
}

// WriteJSON writes the JSON of SPEC §7, written by hand so that keys keep
// their order: the header fields, one row per leaf (its fields on one line,
// its stages on the next, then one line per stage's months), and the total.
func (f *FunnelReport) WriteJSON(w io.Writer) error {
	res := f.Result
	b := res.Breakdown
	bw := newJSONOut(w)
	field := bw.field
	dim := []byte("null")
	if res.Dimension != "" {
		dim = jsonString(res.Dimension)
	}
	bw.WriteString("{\n")
	bw.planFields(b)
	field("dimension", dim)
	field("deal_size", []byte(funnelJSONNumber(res.Settings.DealSize)))
	field("stages", funnelJSONSettings(res.Settings.Stages))
	field("period", jsonString(string(f.jsonPeriod())))
	field("periods", jsonStrings(append([]string{"before"}, f.periodLabels()...)))
	if len(res.ActivityNames) > 0 {
		field("weeks_active", []byte(strconv.Itoa(res.WeeksActive)))
	}
	bw.WriteString("  \"rows\": [")
	for i, r := range res.Rows {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    {\"path\": ")
		bw.Write(jsonStrings(r.Path))
		f.writeJSONBody(bw.Writer, "     ", r.Amount, r.DealSize, r.Deals, r.Coverage, r.CoverageNeeded, leafCells(r.Work))
	}
	bw.WriteString("\n  ],\n  \"total\": {")
	t := res.Total
	f.writeJSONBody(bw.Writer, "   ", t.Amount, nil, t.Deals, t.Coverage, t.CoverageNeeded, totalCells(t))
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeJSONBody writes the fields of a row (or, without a deal size, of the
// total) after its path and closes its object.
func (f *FunnelReport) writeJSONBody(bw *bufio.Writer, indent string, amount int64, dealSize *big.Rat, deals int64, coverage, needed *big.Rat, c funnelCells) {
	u := f.Result.Breakdown.Unit
	labels := f.periodLabels()
	stages := c.stages
	key := string(f.jsonPeriod()) + "s"
	if f.jsonPeriod() == plan.PeriodMonth {
		key = "months"
	}
	sep := ", "
	if dealSize == nil {
		sep = ""
	}
	bw.WriteString(sep)
	bw.WriteString("\"target\": ")
	bw.Write(u.AppendFormat(nil, amount))
	if dealSize != nil {
		bw.WriteString(", \"deal_size\": ")
		bw.WriteString(funnelJSONNumber(dealSize))
	}
	bw.WriteString(", \"deals\": ")
	bw.WriteString(strconv.FormatInt(deals, 10))
	bw.WriteString(", \"coverage\": ")
	bw.WriteString(funnelJSONNumber(coverage))
	bw.WriteString(", \"coverage_needed\": ")
	bw.WriteString(funnelJSONNumber(needed))
	bw.WriteString(",\n" + indent + "\"stages\": [")
	for i, s := range stages {
		if i > 0 {
			bw.WriteString(", ")
		}
		bw.WriteString("{\"name\": ")
		bw.Write(jsonString(s.Name))
		if dealSize != nil {
			if s.Rate != nil {
				bw.WriteString(", \"rate\": ")
				bw.WriteString(Fraction(s.Rate))
			}
			bw.WriteString(", \"days\": ")
			bw.WriteString(strconv.Itoa(s.Days))
			bw.WriteString(", \"lead_days\": ")
			bw.WriteString(strconv.Itoa(s.Lead))
		}
		bw.WriteString(", \"required\": ")
		bw.WriteString(strconv.FormatInt(s.Required, 10))
		bw.WriteString(", \"pipeline\": ")
		bw.WriteString(strconv.FormatInt(s.Pipeline, 10))
		bw.WriteString(", \"new\": ")
		bw.WriteString(strconv.FormatInt(s.New, 10))
		bw.WriteByte('}')
	}
	bw.WriteString("],\n" + indent + "\"" + key + "\": {")
	for i, s := range stages {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n" + indent + "  ")
		bw.Write(jsonString(s.Name))
		bw.WriteString(": ")
		jsonPeriods(bw, true, s.Before, labels, f.periods(s.Months, s.Weeks))
	}
	bw.WriteString("},\n" + indent + "\"deal_" + key + "\": ")
	jsonPeriods(bw, false, 0, labels, f.periods(c.dealMonths, c.dealWeeks))
	if len(f.Result.ActivityNames) > 0 {
		bw.WriteString(",\n" + indent + "\"activities\": {")
		for i, a := range c.activities {
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n" + indent + "  ")
			bw.Write(jsonString(a.Name))
			bw.WriteString(": {\"total\": ")
			bw.WriteString(strconv.FormatInt(a.Total, 10))
			bw.WriteString(", \"weekly\": ")
			bw.WriteString(funnelJSONNumber(a.Weekly))
			bw.WriteString(", \"periods\": ")
			jsonPeriods(bw, true, a.Before, labels, f.periods(a.Months, a.Weeks))
			bw.WriteByte('}')
		}
		bw.WriteByte('}')
	}
	bw.WriteByte('}')
}

// jsonPeriods writes {"before": n, "2027-01": n, …} (without before unless
// withBefore).
func jsonPeriods(bw *bufio.Writer, withBefore bool, before int64, labels []string, cells []int64) {
	bw.WriteByte('{')
	if withBefore {
		bw.WriteString("\"before\": ")
		bw.WriteString(strconv.FormatInt(before, 10))
	}
	for j, v := range cells {
		if j > 0 || withBefore {
			bw.WriteString(", ")
		}
		bw.Write(jsonString(labels[j]))
		bw.WriteString(": ")
		bw.WriteString(strconv.FormatInt(v, 10))
	}
	bw.WriteByte('}')
}

// funnelJSONSettings writes the plan's stages with their rates, days and lead days.
func funnelJSONSettings(stages []funnel.Stage) []byte {
	var b strings.Builder
	b.WriteByte('[')
	lead := 0
	leads := make([]int, len(stages))
	for i := len(stages) - 1; i >= 0; i-- {
		lead += stages[i].Days
		leads[i] = lead
	}
	for i, s := range stages {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("{\"name\": ")
		b.Write(jsonString(s.Name))
		if s.Rate != nil {
			b.WriteString(", \"rate\": ")
			b.WriteString(Fraction(s.Rate))
		}
		b.WriteString(", \"days\": ")
		b.WriteString(strconv.Itoa(s.Days))
		b.WriteString(", \"lead_days\": ")
		b.WriteString(strconv.Itoa(leads[i]))
		b.WriteByte('}')
	}
	b.WriteByte(']')
	return []byte(b.String())
}

// funnelJSONNumber writes an exact decimal (rounded to 10 places when it does
// not terminate), or null.
func funnelJSONNumber(r *big.Rat) string {
	if r == nil {
		return "null"
	}
	return Fraction(r)
}

// funnelExact writes a CSV value: an exact decimal, or "" for nil.
func funnelExact(r *big.Rat) string {
	if r == nil {
		return ""
	}
	return Fraction(r)
}

// funnelDecimal writes an amount for people, grouped (1,000,000).
func funnelDecimal(r *big.Rat) string {
	return Grouped(plan.FormatRat(r, 6))
}

// funnelPercent writes a coverage as a percentage, or "" when there is none.
func funnelPercent(r *big.Rat) string {
	if r == nil {
		return ""
	}
	return Percent(r)
}

// funnelTimes writes a multiple with at most two decimals: 10×, 3.33×.
func funnelTimes(r *big.Rat) string {
	if r == nil {
		return ""
	}
	return plan.FormatRat(roundRat(r, 2), 2) + "×"
}

// funnelCount writes a whole count grouped: 1,234.
func funnelCount(n int64) string {
	return Grouped(strconv.FormatInt(n, 10))
}
