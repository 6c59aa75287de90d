package dashboard

import (
	"html/template"
	"sort"
)

type scoreView struct {
	Title     string
	Kind      string
	AsOf      string
	RateLabel string // attainment, or utilisation for a cost metric
	HasMisses bool
	HasPayout bool
	Dims      []scoreDim
}

type scoreDim struct {
	Name  string
	Chart template.HTML
	// Months is the chart of the dimension's months up to as-of (target
	// against actual, both cumulated as lines) when the report has periods.
	Months template.HTML
	Rows   []scoreRow
	Total  *scoreRow
}

type scoreRow struct {
	Name      string
	Indent    int
	Status    string // green, yellow, red or ""
	StatusTxt string
	YTDTarget Num
	YTDActual Num
	Rate      Num
	Bar       string
	Misses    Num
	Flagged   bool
	Payout    Num
	Leaf      bool
}

// buildScores makes a scorecard per metric of the track report: the
// top-level one (revenue, or the --metric) and every entry of "metrics".
func buildScores(t ref, split ref, zh bool, l labels) []scoreView {
	asOf := t.at("as_of").str()
	top := t.at("metric").str()
	if top == "" {
		top = split.at("metric").str()
	}
	out := []scoreView{buildScore(t, top, "", asOf, zh, l)}
	for i := range t.at("metrics").list() {
		m := t.at("metrics", i)
		name := m.at("name").str()
		if name == top {
			continue
		}
		out = append(out, buildScore(m, name, m.at("kind").str(), asOf, zh, l))
	}
	return out
}

// buildScore is one metric's scorecard: per dimension its nodes with their
// lights, year-to-date target and actual, attainment bars and misses.
func buildScore(m ref, name, kind, asOf string, zh bool, l labels) scoreView {
	sv := scoreView{Title: name, Kind: kind, AsOf: asOf, RateLabel: l.Attainment}
	if kind == "cost" {
		sv.RateLabel = l.Utilisation
	}
	for i := range m.at("dimensions").list() {
		d := m.at("dimensions", i)
		sd := scoreDim{Name: d.at("name").str()}
		var bars []bar
		for j := range d.at("nodes").list() {
			n := d.at("nodes", j)
			path := n.at("path").strs()
			if last(path) == "(reserve)" {
				continue
			}
			row := scoreRowOf(n, l, &sv)
			row.Name, row.Indent = last(path), len(path)-1
			sd.Rows = append(sd.Rows, row)
			if len(path) == 1 {
				second := short(n.at("ytd_actual"), zh)
				bars = append(bars, bar{Label: last(path), Value: short(n.at("ytd_target"), zh), Second: &second})
			}
		}
		for j := range sd.Rows {
			sd.Rows[j].Leaf = j+1 == len(sd.Rows) || sd.Rows[j+1].Indent <= sd.Rows[j].Indent
		}
		if tot := d.at("total"); tot.obj() != nil {
			row := scoreRowOf(tot, l, &sv)
			row.Name = l.Total
			sd.Total = &row
		}
		if len(bars) > 1 {
			sd.Chart = chart{Bars: bars, ZH: zh, Class: "ytd", Title: l.YTDTarget + " / " + l.YTDActual}.svg()
		}
		sd.Months = monthsToDate(d.at("total", "periods"), zh, l)
		sv.Dims = append(sv.Dims, sd)
	}
	return sv
}

// scoreRowOf reads one node of a track report.
func scoreRowOf(n ref, l labels, sv *scoreView) scoreRow {
	rate := n.at("attainment")
	if !rate.has() && n.at("utilisation").has() {
		rate = n.at("utilisation")
	}
	status := n.at("status").str()
	row := scoreRow{
		Status:    status,
		StatusTxt: l.status(status),
		YTDTarget: money(n.at("ytd_target")),
		YTDActual: money(n.at("ytd_actual")),
		Rate:      percent(rate),
		Bar:       barWidth(rate.num(), 1.5),
	}
	if ms := n.at("misses"); ms.has() {
		sv.HasMisses = true
		row.Misses = count(ms)
		row.Flagged = n.at("flagged").value() == true
	}
	if p := n.at("payout"); p.has() {
		sv.HasPayout = true
		row.Payout = percent(p)
	}
	return row
}

type kpiView struct {
	Weights []cell
	Parts   []string
	Dims    []kpiDim
}

type kpiDim struct {
	Name string
	Rows []kpiRow
}

type kpiRow struct {
	Name      string
	Indent    int
	Score     Num
	Bar       string
	Status    string
	StatusTxt string
	Parts     []Num
}

// buildKPI shows the KPI score per node with its parts, when the track
// report has one.
func buildKPI(t ref, l labels) *kpiView {
	k := t.at("kpi")
	if k.obj() == nil {
		return nil
	}
	kv := &kpiView{}
	weights := k.at("weights").obj()
	names := make([]string, 0, len(weights))
	for n := range weights {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		kv.Weights = append(kv.Weights, cell{Label: n, Num: percent(k.at("weights", n))})
	}
	kv.Parts = names
	for i := range k.at("dimensions").list() {
		d := k.at("dimensions", i)
		kd := kpiDim{Name: d.at("name").str()}
		for j := range d.at("nodes").list() {
			n := d.at("nodes", j)
			path := n.at("path").strs()
			status := n.at("status").str()
			row := kpiRow{Name: last(path), Indent: len(path) - 1, Score: percent(n.at("score")),
				Bar: barWidth(n.at("score").num(), 1.5), Status: status, StatusTxt: l.status(status)}
			for _, p := range names {
				row.Parts = append(row.Parts, percent(n.at("parts", p)))
			}
			kd.Rows = append(kd.Rows, row)
		}
		kv.Dims = append(kv.Dims, kd)
	}
	return kv
}

// monthsToDate charts a total's periods up to as-of: each month's target and
// actual as bars, and both cumulated as lines (the plan's and the actuals'),
// scaled to the larger of the two year-to-date sums. Empty without periods.
func monthsToDate(periods ref, zh bool, l labels) template.HTML {
	obj := periods.obj()
	if len(obj) == 0 {
		return ""
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys) // YYYY-MM, Qn or Hn: their order is their text's
	var bars []bar
	var plan, act []float64
	runP, runA := 0.0, 0.0
	for _, k := range keys {
		p := periods.at(k)
		a := short(p.at("actual"), zh)
		bars = append(bars, bar{Label: monthLabel(k), Value: short(p.at("target"), zh), Second: &a})
		runP += float(p.at("target").num())
		runA += float(p.at("actual").num())
		plan, act = append(plan, runP), append(act, runA)
	}
	top := runP
	if runA > top {
		top = runA
	}
	if top <= 0 {
		top = 1
	}
	for i := range plan {
		plan[i] /= top
		act[i] /= top
	}
	return chart{Bars: bars, Cumulative: plan, Actual: act, ZH: zh, Class: "todate", Title: l.Cumulative}.svg()
}
