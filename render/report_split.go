package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/planhq/plan/plan"
)

// SplitReport is what `plan split` prints: the breakdown seen by one period, or
// (Cross set) one dimension crossed with another.
type SplitReport struct {
	Breakdown  *plan.Breakdown
	View       *plan.PeriodView // the period view; nil when Cross is set
	Cross      *plan.Cross      // set for --by A,B
	CrossBy    string           // B's name when Cross is set
	Dimensions []int            // the dimensions to show, as indexes into Breakdown.Dimensions
	MaxDepth   int              // rows deeper than this are left out; 0 shows every row

	commits map[*plan.DimensionSplit]splitCommits // computed on first use
}

// shown reports whether a row is within the depth limit.
func (s *SplitReport) shown(r *plan.Row) bool {
	return s.MaxDepth <= 0 || r.Depth <= s.MaxDepth
}

// labels returns the column labels of the value cells.
func (s *SplitReport) labels() []string {
	if s.Cross != nil {
		out := make([]string, len(s.Cross.Columns))
		for i, c := range s.Cross.Columns {
			out[i] = c.PathString()
		}
		return out
	}
	return s.View.Labels
}

// cells returns the value cells of a row of dimension di.
func (s *SplitReport) cells(di int, r *plan.Row) []int64 {
	if s.Cross != nil {
		return s.Cross.Cells(r.Index)
	}
	return s.View.Cells(di, r.Index)
}

// dims returns the dimensions shown.
func (s *SplitReport) dims() []int {
	if s.Cross != nil {
		for i, d := range s.Breakdown.Dimensions {
			if d == s.Cross.Rows {
				return []int{i}
			}
		}
	}
	return s.Dimensions
}

// hasCommit reports whether any shown row of the dimension has a commit.
func (s *SplitReport) hasCommit(d *plan.DimensionSplit) bool {
	if s.Breakdown.Metric != plan.RevenueMetric {
		return false
	}
	rows, _ := s.rowCommits(d)
	for _, r := range d.Rows {
		if rows[r.Index].Amount != nil && s.shown(r) {
			return true
		}
	}
	return false
}

// Sections renders the breakdown as one table per dimension, the tree indented.
func (s *SplitReport) Sections() []Section {
	b := s.Breakdown
	u := b.Unit
	head := Section{Notes: s.heading()}
	out := []Section{head}
	labels := s.labels()
	if len(s.dims()) == 0 && s.View != nil {
		cols := []Column{{Name: "NODE"}, {Name: "AMOUNT", Align: Right}}
		row := []string{"TOTAL", Money(u, b.Allocated)}
		for i, l := range labels {
			cols = append(cols, Column{Name: l, Align: Right})
			row = append(row, Money(u, s.View.Time[i]))
		}
		out = append(out, Section{Title: "time", Columns: cols, Rows: [][]string{row}})
	}
	for _, di := range s.dims() {
		d := b.Dimensions[di]
		withCommit := s.hasCommit(d)
		cols := []Column{{Name: "NODE"}, {Name: "SHARE", Align: Right}, {Name: "AMOUNT", Align: Right}}
		if withCommit {
			cols = append(cols, Column{Name: "COMMIT", Align: Right}, Column{Name: "GAP", Align: Right})
		}
		for _, l := range labels {
			cols = append(cols, Column{Name: l, Align: Right})
		}
		sec := Section{Title: d.Name, Columns: cols}
		if s.Cross != nil {
			sec.Title = d.Name + " × " + s.CrossBy
		}
		for _, r := range d.Rows {
			if !s.shown(r) {
				continue
			}
			row := []string{strings.Repeat("  ", r.Depth-1) + r.Name(), Percent(r.Share), Money(u, r.Amount)}
			if withCommit {
				c, g := s.commitAndGap(d, r)
				row = append(row, groupedOrEmpty(c), groupedOrEmpty(g))
			}
			for _, v := range s.cells(di, r) {
				row = append(row, Money(u, v))
			}
			sec.Rows = append(sec.Rows, row)
		}
		foot := []string{"TOTAL", "100%", Money(u, sumRoots(d))}
		if withCommit {
			c, g := s.totalCommit(d)
			foot = append(foot, groupedOrEmpty(c), groupedOrEmpty(g))
		}
		for j := range labels {
			var t int64
			for _, r := range d.Roots {
				t += s.cells(di, r)[j]
			}
			foot = append(foot, Money(u, t))
		}
		sec.Footer = foot
		out = append(out, sec)
	}
	return out
}

func sumRoots(d *plan.DimensionSplit) int64 {
	var t int64
	for _, r := range d.Roots {
		t += r.Amount
	}
	return t
}

// reportTitle is a report's first line: the plan's name, then what was
// computed. A report that names itself (lead, e.g. "funnel") is always on the
// revenue metric, so the metric is named only when lead is empty. The tier is
// named when the plan has tiers or another one was chosen; the currency when
// the numbers are money.
func reportTitle(b *plan.Breakdown, lead string) string {
	p := b.Plan
	var tags []string
	if lead != "" {
		tags = append(tags, lead)
	}
	if len(p.Tiers) > 0 || b.Tier != plan.BaseTier {
		tags = append(tags, "tier "+b.Tier)
	}
	if lead == "" {
		tags = append(tags, b.Metric)
	}
	if p.Currency != "" && b.Kind == plan.KindAmount {
		tags = append(tags, p.Currency)
	}
	return p.Name + " · " + strings.Join(tags, " · ")
}

// heading is the lines above the tables: what plan, tier and metric, and the
// target, reserve and allocated amounts.
func (s *SplitReport) heading() []string {
	b := s.Breakdown
	title := reportTitle(b, "")
	amounts := "target " + Money(b.Unit, b.Target)
	if rate := b.ReserveRate(); rate != nil {
		amounts += " · reserve " + Money(b.Unit, b.Reserve) + " (" + Percent(rate) + ")"
	}
	amounts += " · allocated " + Money(b.Unit, b.Allocated) + " · round " + b.Unit.String()
	return []string{title, amounts}
}

// Records streams the breakdown as CSV: one record per node of every shown
// dimension, amounts exact and ungrouped, shares as fractions.
func (s *SplitReport) Records(emit func([]string) error) error {
	b := s.Breakdown
	u := b.Unit
	labels := s.labels()
	header := []string{"dimension", "path", "depth", "share", "amount"}
	commit := false
	for _, di := range s.dims() {
		commit = commit || s.hasCommit(b.Dimensions[di])
	}
	if commit {
		header = append(header, "commit", "gap")
	}
	header = append(header, labels...)
	if err := emit(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	var buf []byte
	if len(s.dims()) == 0 && s.View != nil {
		rec = append(rec[:0], "", "", "0", "1", u.Format(b.Allocated))
		for _, v := range s.View.Time {
			rec = append(rec, u.Format(v))
		}
		if err := emit(rec); err != nil {
			return err
		}
	}
	for _, di := range s.dims() {
		d := b.Dimensions[di]
		for _, r := range d.Rows {
			if !s.shown(r) {
				continue
			}
			rec = rec[:0]
			rec = append(rec, d.Name, r.PathString(), strconv.Itoa(r.Depth), Fraction(r.Share), u.Format(r.Amount))
			if commit {
				c, g := s.commitAndGap(d, r)
				rec = append(rec, exactOrEmpty(c), exactOrEmpty(g))
			}
			for _, v := range s.cells(di, r) {
				buf = u.AppendFormat(buf[:0], v)
				rec = append(rec, string(buf))
			}
			if err := emit(rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteJSON writes the JSON of SPEC §7: the header fields on their own lines and
// one node per line, numbers exact.
func (s *SplitReport) WriteJSON(w io.Writer) error {
	b := s.Breakdown
	u := b.Unit
	bw := newJSONOut(w)
	period, labels, time := "year", []string{"FY"}, []int64{b.Allocated}
	if s.View != nil {
		period, labels, time = string(s.View.Period), s.View.Labels, s.View.Time
	}
	bw.WriteString("{\n")
	bw.planFields(b)
	bw.field("target", u.AppendFormat(nil, b.Target))
	bw.field("reserve", u.AppendFormat(nil, b.Reserve))
	bw.field("allocated", u.AppendFormat(nil, b.Allocated))
	bw.field("period", jsonString(period))
	bw.field("periods", jsonStrings(labels))
	bw.field("time", jsonAmounts(u, time))
	bw.WriteString("  \"dimensions\": [")
	for k, di := range s.dims() {
		d := b.Dimensions[di]
		if k > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    {\"name\": ")
		bw.Write(jsonString(d.Name))
		if s.Cross != nil {
			bw.WriteString(", \"by\": ")
			bw.Write(jsonString(s.CrossBy))
			bw.WriteString(", \"depth\": ")
			bw.WriteString(strconv.Itoa(s.Cross.Depth))
			bw.WriteString(", \"columns\": [")
			for j, c := range s.Cross.Columns {
				if j > 0 {
					bw.WriteString(", ")
				}
				bw.Write(jsonStrings(c.Path))
			}
			bw.WriteByte(']')
		}
		bw.WriteString(", \"nodes\": [")
		first := true
		for _, r := range d.Rows {
			if !s.shown(r) {
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
			bw.WriteString(", \"share\": ")
			bw.WriteString(Fraction(r.Share))
			bw.WriteString(", \"amount\": ")
			bw.Write(u.AppendFormat(nil, r.Amount))
			if c, g := s.commitAndGap(d, r); c != nil {
				bw.WriteString(", \"commit\": ")
				bw.WriteString(plan.FormatRat(c, 6))
				if s.commits[d].rows[r.Index].Rolled {
					bw.WriteString(", \"commit_rolled\": true")
				}
				bw.WriteString(", \"gap\": ")
				bw.WriteString(plan.FormatRat(g, 6))
			}
			if s.Cross != nil {
				bw.WriteString(", \"cells\": ")
			} else {
				bw.WriteString(", \"periods\": ")
			}
			bw.Write(jsonAmounts(u, s.cells(di, r)))
			bw.WriteByte('}')
		}
		bw.WriteString("\n    ]")
		if c, g := s.totalCommit(d); c != nil {
			bw.WriteString(", \"commit\": ")
			bw.WriteString(plan.FormatRat(c, 6))
			bw.WriteString(", \"commit_rolled\": true, \"gap\": ")
			bw.WriteString(plan.FormatRat(g, 6))
		}
		bw.WriteByte('}')
	}
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}
