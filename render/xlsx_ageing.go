package render

import (
	"strconv"

	"github.com/planhq/plan/plan"
)

// ageingSheet writes the receivables' ageing (SPEC §12): per node the
// outstanding by bucket, the overdue total and share, the status filled red,
// yellow or green; then the overdue invoices, most overdue first. Values, not
// formulas.
func (bk *book) ageingSheet(sheet string, r *plan.AgeingReport) error {
	t := bk.metricText()
	w := bk.newSheetWriter(sheet, 2)
	w.put(bk.b.Plan.Name + " · " + r.File + " · " + r.AsOf.String())
	w.style(1, 1, w.st.title)
	header := []any{t.Dimension, bk.text.Node, t.Status, t.Outstanding}
	for _, b := range r.Buckets {
		header = append(header, b)
	}
	header = append(header, t.Overdue, bk.text.Share)
	w.put(header...)
	w.style(1, len(header), w.st.header)
	nb := len(r.Buckets)
	row := func(name string, n *plan.AgeingNode) {
		cells := []any{r.Dimension.Name, name, t.statusText(n.Status), exact(n.Outstanding)}
		for _, v := range n.Buckets {
			cells = append(cells, exact(v))
		}
		cells = append(cells, exact(n.Overdue), exact(n.Share))
		w.put(cells...)
		w.style(4, 5+nb, w.st.money)
		w.style(6+nb, 6+nb, w.st.share)
		w.status(3, n.Status)
	}
	for _, n := range r.Nodes {
		row(nodeName(n.Row), n)
	}
	row(bk.text.Total, r.Total)
	w.row++
	head := []any{bk.text.Path, t.Customer, t.Invoice, t.Due, t.Days, t.Outstanding, t.Bucket}
	w.put(head...)
	w.style(1, len(head), w.st.header)
	for _, i := range r.Invoices {
		w.put(i.Row.PathString(), i.Customer, i.Invoice, i.Due.String(), strconv.Itoa(i.Days), exact(i.Outstanding), i.Bucket)
		w.style(6, 6, w.st.money)
	}
	return w.done()
}
