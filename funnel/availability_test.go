package funnel

import (
	"math/big"
	"testing"
)

// availabilityPlan has a joiner from April and a leaver after May (SPEC §9)
// and a funnel whose first stage is due 45 days before the money.
const availabilityPlan = `version: 1
name: people
year: {start: 2027-01}
target: 12_000_000
ramp: []
dimensions:
  org:
    - name: team
      children:
        - {name: stay}
        - {name: joiner, start: 2027-04}
        - {name: leaver, end: 2027-05}
funnel:
  deal_size: 100_000
  stages:
    - {name: lead, rate: 50%, days: 30, activities: {visit: 2}}
    - {name: deal, rate: 50%, days: 15}
    - {name: won}
`

// TestAvailability checks SPEC §5 with §9: no deals or entries while a person
// is not active, except the entries the lead time moves before their start;
// weekly averages over the weeks they are active.
func TestAvailability(t *testing.T) {
	res := run(t, loadPlan(t, "people.yaml", availabilityPlan), "")
	rows := map[string]*Row{}
	for _, r := range res.Rows {
		rows[r.Path[1]] = r
	}
	joiner, leaver := rows["joiner"], rows["leaver"]
	for m := range 3 { // January–March: the joiner books nothing
		if joiner.DealMonths[m] != 0 || joiner.Stages[2].Months[m] != 0 {
			t.Errorf("joiner month %d: %d deals, %d won", m+1, joiner.DealMonths[m], joiner.Stages[2].Months[m])
		}
	}
	// Leads are due 45 days before the money: April's money needs leads from
	// 15 February, so January has none and February and March some.
	lead := joiner.Stages[0]
	if lead.Before != 0 || lead.Months[0] != 0 || lead.Months[1] == 0 || lead.Months[2] == 0 {
		t.Errorf("joiner's leads: before %d, months %v", lead.Before, lead.Months)
	}
	for m := 5; m < 12; m++ { // June–December: the leaver has left
		for s, st := range leaver.Stages {
			if st.Months[m] != 0 {
				t.Errorf("leaver month %d stage %d: %d entries", m+1, s, st.Months[m])
			}
		}
		if leaver.DealMonths[m] != 0 {
			t.Errorf("leaver month %d: %d deals", m+1, leaver.DealMonths[m])
		}
	}
	// Weeks with a working day: the leaver's January–May are 2026-W53 to
	// 2027-W22 (31 May is a Monday): 23 weeks; the joiner's April–December
	// 2027-W13 (1 April is a Thursday) to 2027-W52: 40 weeks.
	for _, c := range []struct {
		r     *Row
		weeks int64
	}{{leaver, 23}, {joiner, 40}, {rows["stay"], 53}} {
		a := c.r.Activities[0]
		if a.Weekly.Cmp(big.NewRat(a.Total, c.weeks)) != 0 {
			t.Errorf("%v: weekly %s, want %d/%d", c.r.Path, a.Weekly.RatString(), a.Total, c.weeks)
		}
	}
}
