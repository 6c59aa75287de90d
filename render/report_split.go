package render

import (
	"io"
	"math/big"
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
		money := b.Kind == plan.KindAmount
		cols := []Column{{Name: "NODE"}, {Name: "AMOUNT", Align: Right, Money: money}}
		row := []string{"TOTAL", Money(u, b.Allocated)}
		for i, l := range labels {
			cols = append(cols, Column{Name: l, Align: Right, Money: money})
			row = append(row, Money(u, s.View.Time[i]))
		}
		out = append(out, Section{Title: "time", Columns: cols, Rows: [][]string{row}})
	}
	for _, di := range s.dims() {
		d := b.Dimensions[di]
		withCommit := s.hasCommit(d)
		money := b.Kind == plan.KindAmount
		cols := []Column{{Name: "NODE"}, {Name: "SHARE", Align: Right}, {Name: "AMOUNT", Align: Right, Money: money}}
		cols = append(cols, s.collectColumns()...)
		if withCommit {
			cols = append(cols, Column{Name: "COMMIT", Align: Right, Money: money}, Column{Name: "GAP", Align: Right, Money: money})
		}
		for _, l := range labels {
			cols = append(cols, Column{Name: l, Align: Right, Money: money})
		}
		sec := Section{Title: d.Name, Columns: cols}
		ends := assignedEnds(d)
		sec.Rows = make([][]string, 0, len(d.Rows))
		if s.Cross != nil {
			sec.Title = d.Name + " × " + s.CrossBy
		}
		for _, r := range d.Rows {
			if !s.shown(r) {
				continue
			}
			row := make([]string, 0, len(cols))
			row = append(row, strings.Repeat("  ", r.Depth-1)+r.Name(), Percent(r.Share), Money(u, r.Amount))
			row = append(row, s.collectCells(d, r, Money)...)
			if withCommit {
				c, g := s.commitAndGap(d, r)
				row = append(row, groupedOrEmpty(c), groupedOrEmpty(g))
			}
			for _, v := range s.cells(di, r) {
				row = append(row, Money(u, v))
			}
			sec.Rows = append(sec.Rows, row)
			for _, over := range ends[r.Index] {
				if s.shown(over.Children[0]) {
					sec.Rows = append(sec.Rows, s.assignedRow(di, over, withCommit))
				}
			}
		}
		foot := []string{"TOTAL", "100%", Money(u, sumRoots(d))}
		foot = append(foot, s.collectTotals(d)...)
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
	if b.Collect != nil {
		return []string{title, collectHeading(b)}
	}
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
	if s.collects() {
		header = append(header, "opening", "receivable_end")
	}
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
		if s.collects() {
			rec = append(rec, u.Format(b.Opening), u.Format(b.ReceivableEnd))
		}
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
			rec = append(rec, s.collectCells(d, r, exactUnits)...)
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
	if s.collects() {
		bw.field("opening", u.AppendFormat(nil, b.Opening))
		bw.field("receivable_end", u.AppendFormat(nil, b.ReceivableEnd))
	}
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
			if s.collects() {
				bw.WriteString(", \"opening\": ")
				bw.Write(u.AppendFormat(nil, d.Opening[r.Index]))
				bw.WriteString(", \"receivable_end\": ")
				bw.Write(u.AppendFormat(nil, d.ReceivableEnd[r.Index]))
			}
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

// assignedEnds maps the index of the last row of each over-assigned node's
// subtree to the nodes whose (assigned) row follows it, innermost first.
func assignedEnds(d *plan.DimensionSplit) map[int][]*plan.Row {
	ends := map[int][]*plan.Row{}
	for i := len(d.Rows) - 1; i >= 0; i-- {
		r := d.Rows[i]
		if !overAssigned(r) {
			continue
		}
		last := r
		for !last.Leaf() {
			last = last.Children[len(last.Children)-1]
		}
		ends[last.Index] = append(ends[last.Index], r)
	}
	for k, rows := range ends {
		// Deeper nodes' subtrees end first: innermost first.
		for a, b := 0, len(rows)-1; a < b; a, b = a+1, b-1 {
			rows[a], rows[b] = rows[b], rows[a]
		}
		ends[k] = rows
	}
	return ends
}

// assignedRow is the table row that totals an over-assigned node's children:
// named (assigned) at the children's depth, its share what they add up to
// as a share of the node's amount (110% for over_assign 10%).
func (s *SplitReport) assignedRow(di int, r *plan.Row, withCommit bool) []string {
	u := s.Breakdown.Unit
	var amount int64
	var cells []int64
	for _, c := range r.Children {
		amount += c.Amount
		for j, v := range s.cells(di, c) {
			if j == len(cells) {
				cells = append(cells, 0)
			}
			cells[j] += v
		}
	}
	share := ""
	if r.Amount != 0 {
		share = Percent(big.NewRat(amount, r.Amount))
	}
	row := []string{strings.Repeat("  ", r.Depth) + "(assigned)", share, Money(u, amount)}
	if s.collects() {
		var o, e int64
		d := s.Breakdown.Dimensions[di]
		for _, c := range r.Children {
			o, e = o+d.Opening[c.Index], e+d.ReceivableEnd[c.Index]
		}
		row = append(row, Money(u, o), Money(u, e))
	}
	if withCommit {
		row = append(row, "", "")
	}
	for _, v := range cells {
		row = append(row, Money(u, v))
	}
	return row
}
