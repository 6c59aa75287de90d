package render

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/funnel"
)

// funnelTeam is one node above the funnel's leaves (or the total) summed over
// its leaves: the money it plans by month, its deals and its first stage's
// new entries (the leads it must find).
type funnelTeam struct {
	label  string
	amount int64
	money  []int64
	deals  []int64
	leads  []int64
	before int64   // leads due before the year
	news   []int64 // each stage's new entries
	acts   []funnel.ActivityWork
}

// funnelTeams returns the team view: every node of the funnel dimension that
// has leaves below it, in the dimension's order, then the total. A plan run
// on the whole target has none.
func funnelTeams(res *funnel.Result) []funnelTeam {
	if res.Dimension == "" || len(res.Rows) == 0 || len(res.Rows[0].DealMonths) != 12 {
		return nil
	}
	var out []funnelTeam
	index := map[string]int{}
	add := func(key string, r *funnel.Row) {
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, funnelTeam{label: key, money: make([]int64, 12), deals: make([]int64, 12), leads: make([]int64, 12),
				news: make([]int64, len(r.Stages)), acts: make([]funnel.ActivityWork, len(r.Activities))})
		}
		t := &out[i]
		t.amount += r.Amount
		for s, st := range r.Stages {
			t.news[s] += st.New
		}
		for a, act := range r.Activities {
			t.acts[a].Total += act.Total
		}
		lead := r.Stages[0]
		t.before += lead.Before
		for m := range 12 {
			t.money[m] += r.Source.Months[m]
			t.deals[m] += r.DealMonths[m]
			t.leads[m] += lead.Months[m]
		}
	}
	for _, r := range res.Rows {
		for d := 1; d < len(r.Path); d++ {
			add(strings.Join(r.Path[:d], "/"), r)
		}
	}
	for _, r := range res.Rows {
		add("", r)
	}
	return out
}

// teamView writes the team view below the totals: per team a revenue row
// (its money by month, bold), its deals and its leads (the first stage's new
// entries, with those due before the year in the label) by month: what a
// sales manager reads against the revenue curve. No row of zeros: a team
// without money is left out.
func (fw *funnelWriter) teamView(teams []funnelTeam) error {
	if len(teams) == 0 {
		return nil
	}
	fw.row++ // a blank row
	month := fw.lay.month
	fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.header, Value: fw.text.TeamView})
	for m, label := range fw.res.Months {
		fw.rc.set(month+m-1, excelize.Cell{StyleID: fw.st.header, Value: label})
	}
	if err := fw.put(excelize.RowOpts{}); err != nil {
		return err
	}
	n := fw.bk.nums
	lead := fw.bk.text.stageName(fw.res.StageNames[0])
	for _, t := range teams {
		if t.amount == 0 {
			continue
		}
		label := t.label
		if label == "" {
			label = fw.bk.text.Total
		}
		fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.leaf, Value: label + " · " + fw.text.Revenue})
		fw.rc.set(fcTarget-1, excelize.Cell{StyleID: fw.st.money, Value: n.value(t.amount)})
		for m, v := range t.money {
			fw.rc.set(month+m-1, excelize.Cell{StyleID: fw.st.moneyPlain, Value: n.value(v)})
		}
		if err := fw.put(excelize.RowOpts{}); err != nil {
			return err
		}
		fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.stage, Value: fw.text.DealsNeeded})
		fw.rc.set(fcDeals-1, excelize.Cell{StyleID: fw.st.countBold, Value: sum64(t.deals)})
		for m, v := range t.deals {
			fw.rc.set(month+m-1, excelize.Cell{StyleID: fw.st.count, Value: v})
		}
		if err := fw.put(excelize.RowOpts{OutlineLevel: 1}); err != nil {
			return err
		}
		fw.rc.set(fcName-1, excelize.Cell{StyleID: fw.st.stage, Value: lead + " (" + fw.text.Before + " " + funnelCount(t.before) + ")"})
		fw.rc.set(fcStages-1, excelize.Cell{StyleID: fw.st.countBold, Value: t.before + sum64(t.leads)})
		for m, v := range t.leads {
			fw.rc.set(month+m-1, excelize.Cell{StyleID: fw.st.count, Value: v})
		}
		if err := fw.put(excelize.RowOpts{OutlineLevel: 1}); err != nil {
			return err
		}
	}
	return nil
}
