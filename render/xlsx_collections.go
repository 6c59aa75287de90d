package render

import (
	"math/big"
	"strings"

	"github.com/planhq/plan/plan"
)

// The collections sheet (SPEC §12): a collections metric's targets by month
// for every node, with what each node is owed at the start of the year (its
// opening share) and at its end (the year-end receivable), and the terms the
// targets come from. Values computed by plan, like every metric sheet.

// collectLabels are the texts of the collections sheet in one language.
type collectLabels struct {
	Sheet, From, Terms, OpeningTerms, Opening, Collected, ReceivableEnd string
}

var chineseCollectLabels = collectLabels{Sheet: "回款计划", From: "来源", Terms: "账期", OpeningTerms: "期初账期",
	Opening: "期初应收", Collected: "全年回款", ReceivableEnd: "年末应收"}

var englishCollectLabels = collectLabels{Sheet: "collections", From: "From", Terms: "Terms", OpeningTerms: "Opening terms",
	Opening: "Opening receivable", Collected: "Collected in the year", ReceivableEnd: "Year-end receivable"}

func (bk *book) collectText() collectLabels {
	if bk.text.Lang == chineseLabels.Lang {
		return chineseCollectLabels
	}
	return englishCollectLabels
}

// termsText writes terms as "40% / 40% / 20%", the first rate in the month booked.
func termsText(terms []*big.Rat) string {
	parts := make([]string, len(terms))
	for i, r := range terms {
		parts[i] = Percent(r)
	}
	return strings.Join(parts, " / ")
}

// collectionsSheet writes a collections metric's sheet: the terms and the
// whole's opening, year and year-end receivable, then per dimension every
// node's opening, year, months and year-end receivable.
func (bk *book) collectionsSheet(sheet string, b *plan.Breakdown) error {
	t, l := bk.collectText(), bk.text
	c := b.Collect
	u := b.Unit
	w := bk.newSheetWriter(sheet, u.Places())
	w.put(bk.b.Plan.Name + " · " + b.Metric)
	w.style(1, 1, w.st.title)
	w.put(t.From, c.From, t.Terms, termsText(c.Terms))
	if c.Opening != nil {
		w.put(t.Opening, exact(u.Amount(b.Opening)), t.OpeningTerms, termsText(c.OpeningTerms))
		w.style(2, 2, w.st.money)
	}
	w.put(t.Collected, exact(u.Amount(b.Target)), t.ReceivableEnd, exact(u.Amount(b.ReceivableEnd)))
	w.style(2, 2, w.st.money)
	w.style(4, 4, w.st.money)
	w.put()
	header := []any{bk.metricText().Dimension, l.Node, t.Opening, t.Collected}
	for _, m := range b.Calendar.MonthLabels() {
		header = append(header, m)
	}
	header = append(header, t.ReceivableEnd)
	w.put(header...)
	w.style(1, len(header), w.st.header)
	row := func(dim, name string, opening, year int64, months []int64, end int64) {
		cells := []any{dim, name, exact(u.Amount(opening)), exact(u.Amount(year))}
		for _, v := range months {
			cells = append(cells, exact(u.Amount(v)))
		}
		cells = append(cells, exact(u.Amount(end)))
		w.put(cells...)
		w.style(3, len(cells), w.st.money)
	}
	row("", l.Total, b.Opening, b.Target, b.Months, b.ReceivableEnd)
	for _, d := range b.Dimensions {
		for _, r := range d.Rows {
			row(d.Name, nodeName(r), d.Opening[r.Index], r.Amount, r.Months, d.ReceivableEnd[r.Index])
		}
	}
	return w.done()
}
