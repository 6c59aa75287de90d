package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/planhq/plan/plan"
)

// ARReport is what `plan ar` prints (SPEC §12): per node of the dimension the
// outstanding receivables by ageing bucket, the overdue total and share and a
// status, then every overdue invoice, most overdue first.
type ARReport struct {
	Ageing *plan.AgeingReport
	Color  bool // status cells in terminal colours (a table to a terminal)
}

func (a *ARReport) status(s plan.TrackStatus) string {
	return (&TrackReport{Color: a.Color}).status(s)
}

// Sections renders the node table and the invoice list.
func (a *ARReport) Sections() []Section {
	r := a.Ageing
	d := r.Dimension
	head := Section{Notes: []string{r.Plan.Name + " · receivables " + r.File + " · as of " + r.AsOf.String(),
		"status: " + statusMarks[plan.StatusRed] + " something " + r.Buckets[len(r.Buckets)-1] + " days overdue · " +
			statusMarks[plan.StatusYellow] + " something overdue · " + statusMarks[plan.StatusGreen] + " nothing overdue"}}
	nodes := Section{Title: d.Name + " · ageing", Columns: []Column{{Name: "NODE"}, {Name: "STATUS"}, {Name: "OUTSTANDING", Align: Right}}}
	for _, b := range r.Buckets {
		nodes.Columns = append(nodes.Columns, Column{Name: strings.ToUpper(b), Align: Right})
	}
	nodes.Columns = append(nodes.Columns, Column{Name: "OVERDUE", Align: Right}, Column{Name: "SHARE", Align: Right})
	row := func(name string, n *plan.AgeingNode) []string {
		out := []string{name, a.status(n.Status), trackMoney(n.Outstanding, 2)}
		for _, v := range n.Buckets {
			out = append(out, trackMoney(v, 2))
		}
		return append(out, trackMoney(n.Overdue, 2), Percent(n.Share))
	}
	for _, n := range r.Nodes {
		nodes.Rows = append(nodes.Rows, row(trackIndent(n.Row), n))
	}
	nodes.Footer = row("TOTAL", r.Total)
	inv := Section{Title: "overdue invoices, most overdue first", Columns: []Column{{Name: "PATH"}, {Name: "CUSTOMER"}, {Name: "INVOICE"},
		{Name: "DUE"}, {Name: "DAYS", Align: Right}, {Name: "OUTSTANDING", Align: Right}, {Name: "BUCKET"}}}
	if len(r.Invoices) == 0 {
		inv.Columns, inv.Notes = nil, []string{"nothing is overdue"}
	}
	for _, i := range r.Invoices {
		inv.Rows = append(inv.Rows, []string{i.Row.PathString(), i.Customer, i.Invoice, i.Due.String(), strconv.Itoa(i.Days), trackMoney(i.Outstanding, 2), i.Bucket})
	}
	return []Section{head, nodes, inv}
}

// Records streams one CSV record per node (kind node) and per overdue invoice
// (kind invoice), amounts exact.
func (a *ARReport) Records(emit func([]string) error) error {
	r := a.Ageing
	header := []string{"kind", "dimension", "path", "depth", "status", "outstanding"}
	header = append(header, r.Buckets...)
	header = append(header, "overdue", "overdue_share", "customer", "invoice", "due", "days", "bucket")
	if err := emit(header); err != nil {
		return err
	}
	for _, n := range r.Nodes {
		rec := []string{"node", r.Dimension.Name, n.Row.PathString(), strconv.Itoa(n.Row.Depth), string(n.Status), trackExact(n.Outstanding)}
		for _, v := range n.Buckets {
			rec = append(rec, trackExact(v))
		}
		rec = append(rec, trackExact(n.Overdue), trackFraction(n.Share), "", "", "", "", "")
		if err := emit(rec); err != nil {
			return err
		}
	}
	for _, i := range r.Invoices {
		rec := []string{"invoice", r.Dimension.Name, i.Row.PathString(), strconv.Itoa(i.Row.Depth), "", trackExact(i.Outstanding)}
		for range r.Buckets {
			rec = append(rec, "")
		}
		rec = append(rec, "", "", i.Customer, i.Invoice, i.Due.String(), strconv.Itoa(i.Days), i.Bucket)
		if err := emit(rec); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the JSON of SPEC §12.
func (a *ARReport) WriteJSON(w io.Writer) error {
	r := a.Ageing
	bw := newJSONOut(w)
	bw.WriteString("{\n")
	bw.field("as_of", jsonString(r.AsOf.String()))
	bw.field("name", jsonString(r.Plan.Name))
	bw.field("currency", jsonString(r.Plan.Currency))
	bw.field("dimension", jsonString(r.Dimension.Name))
	bw.field("buckets", jsonStrings(r.Buckets))
	node := func(n *plan.AgeingNode) {
		bw.WriteByte('{')
		if n.Row != nil {
			jsonPath(bw.Writer, n.Row)
		}
		bw.WriteString("\"outstanding\": " + trackExact(n.Outstanding) + ", \"buckets\": [")
		for k, v := range n.Buckets {
			if k > 0 {
				bw.WriteString(", ")
			}
			bw.WriteString(trackExact(v))
		}
		bw.WriteString("], \"overdue\": " + trackExact(n.Overdue) + ", \"overdue_share\": " + orNull(trackFraction(n.Share)) + ", \"status\": ")
		bw.Write(jsonStatus(n.Status))
		bw.WriteByte('}')
	}
	bw.WriteString("  \"nodes\": [")
	for i, n := range r.Nodes {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		node(n)
	}
	bw.WriteString("\n  ],\n  \"total\": ")
	node(r.Total)
	bw.WriteString(",\n  \"invoices\": [")
	for k, i := range r.Invoices {
		if k > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    {\"path\": ")
		bw.Write(jsonStrings(i.Row.Path))
		bw.WriteString(", \"customer\": ")
		bw.Write(jsonString(i.Customer))
		bw.WriteString(", \"invoice\": ")
		bw.Write(jsonString(i.Invoice))
		bw.WriteString(", \"due\": ")
		bw.Write(jsonString(i.Due.String()))
		bw.WriteString(", \"days\": " + strconv.Itoa(i.Days) + ", \"outstanding\": " + trackExact(i.Outstanding) + ", \"bucket\": ")
		bw.Write(jsonString(i.Bucket))
		bw.WriteByte('}')
	}
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}
