package dashboard

import "html/template"

type funnelView struct {
	Chart      template.HTML
	Deals      Num
	Target     Num
	Stages     []funnelRow
	LeadsStage string
	LeadsChart template.HTML
	Leads      []cell
}

type funnelRow struct {
	Name     string
	Required Num
	Pipeline Num
	New      Num
}

// buildFunnel shows the total funnel: every stage's count as a band, and the
// new entries the top stage needs by month (with those due before the year).
func buildFunnel(f ref, zh bool, l labels) *funnelView {
	total := f.at("total")
	fv := &funnelView{Deals: count(total.at("deals")), Target: money(total.at("target"))}
	var drawn []funnelStage
	for i := range total.at("stages").list() {
		s := total.at("stages", i)
		name := s.at("name").str()
		fv.Stages = append(fv.Stages, funnelRow{
			Name:     name,
			Required: count(s.at("required")),
			Pipeline: count(s.at("pipeline")),
			New:      count(s.at("new")),
		})
		drawn = append(drawn, funnelStage{Name: name, Required: count(s.at("required"))})
	}
	fv.Chart = funnelSVG(drawn, l.Funnel)
	if len(fv.Stages) == 0 {
		return fv
	}
	top := fv.Stages[0].Name
	fv.LeadsStage = top
	months := total.at("months", top)
	if months.obj() == nil {
		return fv
	}
	var bars []bar
	for _, p := range f.at("periods").strs() {
		r := months.at(p)
		if !r.has() {
			continue
		}
		label := monthLabel(p)
		if p == "before" {
			label = l.Before
		}
		fv.Leads = append(fv.Leads, cell{Label: label, Num: count(r)})
		bars = append(bars, bar{Label: label, Value: count(r)})
	}
	fv.LeadsChart = chart{Bars: bars, ZH: zh, Class: "leads", Title: l.LeadsByMonth}.svg()
	return fv
}
