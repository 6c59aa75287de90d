package dashboard

import (
	"html/template"
	"math/big"
	"strings"
)

// view is everything the template shows, every number already a Num.
type view struct {
	L          labels
	Name       string
	Header     []headerItem
	Provenance []provItem
	Time       timeView
	Dims       []dimView
	Funnel     *funnelView
	Scores     []scoreView
	KPI        *kpiView
	AR         *arView
	Capacity   *capView
	Footer     string
}

type headerItem struct {
	Label string
	Num   Num
	Text  string
}

type provItem struct {
	Label, Text string
	Code        bool
}

type timeView struct {
	Chart    template.HTML
	Months   []cell
	Quarters []cell
	Year     Num
}

type cell struct {
	Label string
	Num   Num
}

type dimView struct {
	Name string
	Rows []dimRow
}

type dimRow struct {
	Name    string
	Indent  int // em
	Share   Num
	Bar     string // CSS width, e.g. "42.0%"
	Amount  Num
	Reserve bool
	Parent  bool
}

// build reads the documents into the page's view.
func build(docs map[string]*doc, pv provenance) *view {
	split := ref{d: docs[DocSplit]}
	zh := chineseDoc(split)
	l := english
	if zh {
		l = chinese
	}
	v := &view{L: l, Name: split.at("name").str()}
	v.Header = []headerItem{
		{Label: l.Target, Num: money(split.at("target"))},
		{Label: l.Reserve, Num: money(split.at("reserve"))},
		{Label: l.Allocated, Num: money(split.at("allocated"))},
		{Label: l.Round, Num: money(split.at("round"))},
		{Label: l.Tier, Text: split.at("tier").str()},
		{Label: l.Metric, Text: split.at("metric").str()},
	}
	if c := split.at("currency").str(); c != "" {
		v.Header = append(v.Header, headerItem{Label: l.Currency, Text: c})
	}
	v.Provenance = []provItem{{Label: l.Source, Text: pv.Source}, {Label: l.SHA, Text: pv.SHA256, Code: true}}
	if pv.GitCommit != "" {
		v.Provenance = append(v.Provenance, provItem{Label: l.Commit, Text: pv.GitCommit + " (" + pv.GitState + ")", Code: true})
	} else {
		v.Provenance = append(v.Provenance, provItem{Label: l.Commit, Text: l.NoGit})
	}
	v.Footer = l.Generated + " " + pv.Source + " · SHA-256 " + pv.SHA256
	v.Time = buildTime(split, ref{d: docs[DocQuarters]}, docs[DocTrack], zh, l)
	v.Dims = buildDims(split)
	if d := docs[DocFunnel]; d != nil {
		v.Funnel = buildFunnel(ref{d: d}, zh, l)
	}
	if d := docs[DocTrack]; d != nil {
		v.Scores = buildScores(ref{d: d}, split, zh, l)
		v.KPI = buildKPI(ref{d: d}, l)
	}
	if d := docs[DocAR]; d != nil {
		v.AR = buildAR(ref{d: d}, l)
	}
	if d := docs[DocCapacity]; d != nil {
		v.Capacity = buildCapacity(ref{d: d}, zh, l)
	}
	return v
}

// buildTime is the time split: a bar per month with the quarters' totals
// under them and the plan's cumulative line.
func buildTime(split, quarters ref, track *doc, zh bool, l labels) timeView {
	var t timeView
	months := split.at("periods").strs()
	qs := quarters.at("periods").strs()
	alloc := float(split.at("allocated").num())
	cum, run := []float64{}, 0.0
	var bars []bar
	for i, m := range months {
		r := split.at("time", i)
		t.Months = append(t.Months, cell{Label: m, Num: money(r)})
		run += float(r.num())
		if alloc > 0 {
			cum = append(cum, run/alloc)
		}
		b := bar{Label: monthLabel(m), Value: short(r, zh)}
		if i%3 == 1 && i/3 < len(qs) {
			q := short(quarters.at("time", i/3), zh)
			b.Group, b.Total = qs[i/3], &q
		}
		bars = append(bars, b)
	}
	for i, q := range qs {
		t.Quarters = append(t.Quarters, cell{Label: q, Num: money(quarters.at("time", i))})
	}
	t.Year = money(split.at("allocated"))
	c := chart{Bars: bars, Cumulative: cum, ZH: zh, Class: "months", Title: l.Time}
	if track != nil {
		c.Actual = actualCumulative(ref{d: track}, months, alloc)
	}
	t.Chart = c.svg()
	return t
}

// actualCumulative is the cumulative line of the actuals, as fractions of the
// allocated target, month by month up to as-of, when the track report has
// month periods on its first dimension's total; else nil.
func actualCumulative(track ref, months []string, alloc float64) []float64 {
	total := track.at("dimensions", 0, "total", "periods")
	if total.obj() == nil || alloc <= 0 {
		return nil
	}
	var out []float64
	run := 0.0
	for _, m := range months {
		a := total.at(m, "actual")
		if !a.has() {
			break
		}
		run += float(a.num())
		out = append(out, run/alloc)
	}
	return out
}

// monthLabel shortens 2027-03 to 03.
func monthLabel(m string) string {
	if i := strings.LastIndexByte(m, '-'); i >= 0 {
		return m[i+1:]
	}
	return m
}

// buildDims lists each dimension's tree with its shares as bars.
func buildDims(split ref) []dimView {
	var out []dimView
	for i := range split.at("dimensions").list() {
		d := split.at("dimensions", i)
		dv := dimView{Name: d.at("name").str()}
		nodes := d.at("nodes").list()
		for j := range nodes {
			n := d.at("nodes", j)
			path := n.at("path").strs()
			depth := len(path)
			share := n.at("share")
			row := dimRow{
				Name:    last(path),
				Indent:  depth - 1,
				Share:   percent(share),
				Bar:     barWidth(share.num(), 1),
				Amount:  money(n.at("amount")),
				Reserve: last(path) == "(reserve)",
			}
			if j+1 < len(nodes) {
				next := d.at("nodes", j+1, "path").strs()
				row.Parent = len(next) > depth
			}
			dv.Rows = append(dv.Rows, row)
		}
		out = append(out, dv)
	}
	return out
}

func last(p []string) string {
	if len(p) == 0 {
		return ""
	}
	return p[len(p)-1]
}

// barWidth is a CSS width for a value as a share of max, capped at 100 %.
func barWidth(v string, max float64) string {
	if v == "" || max <= 0 {
		return "0%"
	}
	f := float(v) / max * 100
	switch {
	case f < 0:
		f = 0
	case f > 100:
		f = 100
	}
	return fmtCoord(f) + "%"
}

// exactRatio returns a/b exactly as a decimal string with 10 places, for
// drawing only; "" when b is zero or either is missing.
func exactRatio(a, b string) string {
	x, ok1 := new(big.Rat).SetString(a)
	y, ok2 := new(big.Rat).SetString(b)
	if !ok1 || !ok2 || y.Sign() == 0 {
		return ""
	}
	return new(big.Rat).Quo(x, y).FloatString(10)
}
