package plan

import (
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// DefaultAgeing is the plan's `ageing` when it gives none: 1–15 days overdue
// (negotiate), 16–30 (a formal demand), over 30 (stop service, legal route).
var DefaultAgeing = []int{15, 30}

// AgeingReport is the ageing of the receivables (SPEC §12) as of a date: per
// node of one dimension the outstanding amount by bucket, and every overdue
// invoice, most overdue first.
type AgeingReport struct {
	Plan      *Plan
	File      string
	AsOf      Date
	Dimension *DimensionSplit
	Buckets   []string      // "current", then "1-15", "16-30", "31+" for [15, 30]
	Nodes     []*AgeingNode // one per row of the dimension, depth first (reserve rows included, always zero)
	Total     *AgeingNode   // the dimension's top-level nodes together (Row nil)
	Invoices  []*Invoice    // the overdue invoices with something outstanding, most overdue first
}

// AgeingNode is one node's receivables: exact amounts.
type AgeingNode struct {
	Row         *Row
	Outstanding *big.Rat
	Buckets     []*big.Rat // one per AgeingReport.Buckets
	Overdue     *big.Rat   // Outstanding less the current bucket
	Share       *big.Rat   // Overdue / Outstanding; nil when nothing is outstanding
	Status      TrackStatus
}

// Invoice is one overdue invoice.
type Invoice struct {
	Row         *Row
	Customer    string
	Invoice     string
	Due         Date
	Days        int
	Outstanding *big.Rat
	Bucket      string
	Src         ActualSource
}

// BucketLabels names the buckets of the ageing edges: current, then 1–e₁,
// e₁+1–e₂, …, and eₖ+1 and more.
func BucketLabels(edges []int) []string {
	out := []string{"current"}
	lo := 1
	for _, e := range edges {
		out = append(out, strconv.Itoa(lo)+"-"+strconv.Itoa(e))
		lo = e + 1
	}
	return append(out, strconv.Itoa(lo)+"+")
}

// bucketOf returns the bucket index of d days overdue: 0 when d ≤ 0.
func bucketOf(edges []int, d int) int {
	if d <= 0 {
		return 0
	}
	for i, e := range edges {
		if d <= e {
			return i + 1
		}
	}
	return len(edges) + 1
}

// Ageing checks receivable records against a breakdown (each row's dimension,
// default org, and the path of one of its leaves; a due date; an amount above
// 0; paid from 0 up to the amount; no customer and invoice twice; one
// dimension per file) and ages them as of asOf. Every bad row is a
// diagnostic naming its line; the report is nil when there is an error.
func Ageing(b *Breakdown, file string, recs []ReceivableRecord, asOf Date) (*AgeingReport, Diagnostics) {
	p := b.Plan
	edges := p.Ageing
	if edges == nil {
		edges = DefaultAgeing
	}
	var diags Diagnostics
	index := map[string]map[string]*Row{}
	type key struct{ customer, invoice string }
	seen := map[key]ActualSource{}
	var dim *DimensionSplit
	var dimSrc ActualSource
	var invoices []*Invoice
	for _, rec := range recs {
		bad := func(hint, format string, args ...any) {
			diags = append(diags, rec.Src.diag(Error, hint, format, args...))
		}
		name := rec.Dimension
		if name == "" {
			name = "org"
		}
		d := b.Dimension(name)
		var row *Row
		switch {
		case d == nil:
			bad(dimensionList(b), "unknown dimension %q", name)
		case dim != nil && d != dim:
			bad("age one dimension per file", "this row is by %s, the rows above by %s (%s)", name, dim.Name, lineRef(dimSrc, rec.Src))
		default:
			if dim == nil {
				dim, dimSrc = d, rec.Src
			}
			if index[name] == nil {
				index[name] = pathIndex(d)
			}
			var hint, msg string
			if row, hint, msg = findLeaf(d, index[name], rec.Path); row == nil {
				bad(hint, "%s", msg)
			}
		}
		due, dueOK := rec.parseDue()
		if !dueOK {
			bad("write the due date as YYYY-MM-DD, e.g. 2027-06-30", "due date %q is not a date", rec.Due)
		}
		amount, err := parseMoney(rec.Amount)
		switch {
		case rec.Amount == "":
			bad("write the invoice's amount", "the amount is empty")
			amount = nil
		case err != nil:
			bad("write the amount as a number, e.g. 120000 or 12万", "amount %q is not an amount", cut80(rec.Amount))
			amount = nil
		case amount.Sign() <= 0:
			bad("a credit note is not a receivable: leave it out, or lower the invoice's outstanding with paid", "amount %s is not above 0", rec.Amount)
			amount = nil
		}
		paid := new(big.Rat)
		if rec.Paid != "" {
			v, err := parseMoney(rec.Paid)
			switch {
			case err != nil:
				bad("write what was paid as a number, or leave it empty", "paid %q is not an amount", cut80(rec.Paid))
				paid = nil
			case v.Sign() < 0:
				bad("", "paid %s is below 0", rec.Paid)
				paid = nil
			case amount != nil && v.Cmp(amount) > 0:
				bad("what was paid cannot exceed the invoice", "paid %s is above the amount %s", rec.Paid, rec.Amount)
				paid = nil
			default:
				paid = v
			}
		}
		k := key{rec.Customer, rec.Invoice}
		if rec.Invoice == "" {
			bad("every receivable names its invoice", "the invoice is empty")
			continue
		}
		if first, dup := seen[k]; dup {
			bad("add the amounts up into one row", "customer %s invoice %s is already on %s", cut80(rec.Customer), cut80(rec.Invoice), lineRef(first, rec.Src))
			continue
		}
		seen[k] = rec.Src
		if row == nil || !dueOK || amount == nil || paid == nil {
			continue
		}
		out := new(big.Rat).Sub(amount, paid)
		if out.Sign() == 0 {
			continue // fully paid
		}
		days := int(asOf - due)
		invoices = append(invoices, &Invoice{Row: row, Customer: rec.Customer, Invoice: rec.Invoice, Due: due, Days: days,
			Outstanding: out, Bucket: BucketLabels(edges)[bucketOf(edges, days)], Src: rec.Src})
	}
	sortDiagnosticsByLine(diags)
	if diags.HasErrors() {
		return nil, diags
	}
	if dim == nil {
		if len(b.Dimensions) == 0 {
			return nil, Diagnostics{{File: file, Severity: Error, Msg: "the plan has no dimension to age receivables by"}}
		}
		dim = b.Dimension("org")
		if dim == nil {
			dim = b.Dimensions[0]
		}
	}
	rep := &AgeingReport{Plan: p, File: file, AsOf: asOf, Dimension: dim, Buckets: BucketLabels(edges)}
	nb := len(rep.Buckets)
	newNode := func(r *Row) *AgeingNode {
		return &AgeingNode{Row: r, Outstanding: new(big.Rat), Buckets: zeroRats(nb), Overdue: new(big.Rat)}
	}
	rep.Nodes = make([]*AgeingNode, len(dim.Rows))
	for i, r := range dim.Rows {
		rep.Nodes[i] = newNode(r)
	}
	rep.Total = newNode(nil)
	for _, inv := range invoices {
		k := bucketOf(edges, inv.Days)
		for r := inv.Row; r != nil; r = r.Parent {
			rep.Nodes[r.Index].Buckets[k].Add(rep.Nodes[r.Index].Buckets[k], inv.Outstanding)
		}
		rep.Total.Buckets[k].Add(rep.Total.Buckets[k], inv.Outstanding)
		if inv.Days > 0 {
			rep.Invoices = append(rep.Invoices, inv)
		}
	}
	for _, n := range append(slices.Clone(rep.Nodes), rep.Total) {
		for k, v := range n.Buckets {
			n.Outstanding.Add(n.Outstanding, v)
			if k > 0 {
				n.Overdue.Add(n.Overdue, v)
			}
		}
		if n.Outstanding.Sign() > 0 {
			n.Share = new(big.Rat).Quo(n.Overdue, n.Outstanding)
		}
		switch {
		case n.Buckets[nb-1].Sign() > 0:
			n.Status = StatusRed
		case n.Overdue.Sign() > 0:
			n.Status = StatusYellow
		default:
			n.Status = StatusGreen
		}
		if n.Row != nil && n.Row.IsReserve() {
			n.Status = StatusNone
		}
	}
	slices.SortStableFunc(rep.Invoices, func(a, b *Invoice) int {
		switch {
		case a.Days != b.Days:
			return b.Days - a.Days
		case a.Due != b.Due:
			return int(a.Due - b.Due)
		}
		return strings.Compare(a.Invoice, b.Invoice)
	})
	return rep, diags
}

// sortDiagnosticsByLine orders diagnostics by line, keeping equal lines in order.
func sortDiagnosticsByLine(ds Diagnostics) {
	slices.SortStableFunc(ds, func(x, y Diagnostic) int { return x.Pos.Line - y.Pos.Line })
}

// cut80 shortens a quoted value to at most 80 characters.
func cut80(s string) string {
	r := []rune(s)
	if len(r) > 80 {
		return string(r[:77]) + "…"
	}
	return s
}
