package dashboard

import "html/template"

type arView struct {
	AsOf     string
	Buckets  []string
	Rows     []arRow
	Invoices []arInvoice
}

type arRow struct {
	Name        string
	Indent      int
	Outstanding Num
	Buckets     []Num
	Overdue     Num
	Status      string
	StatusTxt   string
	Bar         string // overdue share of outstanding, for the bar
}

type arInvoice struct {
	Path        string
	Customer    string
	Invoice     string
	Due         string
	Days        Num
	Outstanding Num
	Bucket      string
}

// buildAR shows the receivables ageing: per node the buckets, and the
// overdue invoices, most overdue first (as the ar report orders them).
func buildAR(a ref, l labels) *arView {
	av := &arView{AsOf: a.at("as_of").str(), Buckets: a.at("buckets").strs()}
	for i := range a.at("nodes").list() {
		n := a.at("nodes", i)
		path := n.at("path").strs()
		status := n.at("status").str()
		row := arRow{Name: last(path), Indent: len(path) - 1, Outstanding: money(n.at("outstanding")),
			Overdue: money(n.at("overdue")), Status: status, StatusTxt: l.status(status),
			Bar: barWidth(exactRatio(n.at("overdue").num(), n.at("outstanding").num()), 1)}
		if len(path) == 0 {
			row.Name = l.Total
		}
		for j := range n.at("buckets").list() {
			row.Buckets = append(row.Buckets, money(n.at("buckets", j)))
		}
		av.Rows = append(av.Rows, row)
	}
	for i := range a.at("invoices").list() {
		n := a.at("invoices", i)
		av.Invoices = append(av.Invoices, arInvoice{
			Path: joinPath(n.at("path").strs()), Customer: n.at("customer").str(), Invoice: n.at("invoice").str(),
			Due: n.at("due").str(), Days: count(n.at("days")), Outstanding: money(n.at("outstanding")),
			Bucket: n.at("bucket").str(),
		})
	}
	return av
}

func joinPath(p []string) string {
	s := ""
	for i, x := range p {
		if i > 0 {
			s += "/"
		}
		s += x
	}
	return s
}

type capView struct {
	Chart template.HTML
	Rows  []capRow
}

type capRow struct {
	Name      string
	Indent    int
	Target    Num
	Capacity  Num
	Coverage  Num
	Bar       string
	Gap       Num
	Headcount Num
	FTE       Num
}

// buildCapacity shows capacity against target per node, with the total.
func buildCapacity(c ref, zh bool, l labels) *capView {
	cv := &capView{}
	row := func(n ref, name string, indent int) capRow {
		return capRow{Name: name, Indent: indent, Target: money(n.at("fy_target")), Capacity: money(n.at("capacity")),
			Coverage: percent(n.at("coverage")), Bar: barWidth(n.at("coverage").num(), 1.5), Gap: money(n.at("gap")),
			Headcount: count(n.at("headcount")), FTE: fte(n.at("fte"))}
	}
	var bars []bar
	for i := range c.at("nodes").list() {
		n := c.at("nodes", i)
		path := n.at("path").strs()
		cv.Rows = append(cv.Rows, row(n, last(path), len(path)-1))
		if len(path) == 1 {
			capShort := short(n.at("capacity"), zh)
			bars = append(bars, bar{Label: last(path), Value: short(n.at("fy_target"), zh), Second: &capShort})
		}
	}
	if t := c.at("total"); t.obj() != nil {
		cv.Rows = append(cv.Rows, row(t, l.Total, 0))
	}
	if len(bars) > 1 {
		cv.Chart = chart{Bars: bars, ZH: zh, Class: "capacity", Title: l.Capacity}.svg()
	}
	return cv
}

// fte is an exact FTE figure shown with two decimals.
func fte(r ref) Num {
	v := r.num()
	if v == "" {
		return Num{Key: r.Key(), Text: "—"}
	}
	return Num{Key: r.Key(), Val: v, Text: twoDecimals(v)}
}
