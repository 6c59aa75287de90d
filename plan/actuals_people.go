package plan

import "fmt"

// leaverHint is added to the unknown-path error of actuals: a person who left
// is kept in the plan with `end:`, so that their booked rows still count and
// their quota does not move onto their teammates.
const leaverHint = "if someone left, keep them in the plan with `end: YYYY-MM` rather than delete them"

// Window returns node n's effective window in the named dimension: its own
// start and end intersected with its ancestors' (SPEC §9); nil ends are open.
func (p *Plan) Window(dim string, n *Node) (from, to *Month) {
	d := p.Dimension(dim)
	var chain []*Node
	if d != nil {
		chain = ancestors(d.Roots, n)
	}
	for _, x := range append(chain, n) {
		if s := x.People.Start; s != nil && (from == nil || s.Index(*from) > 0) {
			from = s
		}
		if e := x.People.End; e != nil && (to == nil || e.Index(*to) < 0) {
			to = e
		}
	}
	return from, to
}

// WindowString writes a window: "2027-04..2027-09", "from 2027-04",
// "until 2027-09", or "all year" when both ends are open.
func WindowString(from, to *Month) string {
	switch {
	case from != nil && to != nil:
		return from.String() + ".." + to.String()
	case from != nil:
		return "from " + from.String()
	case to != nil:
		return "until " + to.String()
	}
	return "all year"
}

// outsideWindow explains an actual booked by a leaf in a fiscal month outside
// the leaf's window (SPEC §9), or returns "" when the month is inside it.
func outsideWindow(b *Breakdown, dim string, row *Row, month int) (hint, msg string) {
	if row.Node == nil {
		return "", ""
	}
	from, to := b.Plan.Window(dim, row.Node)
	if from == nil && to == nil {
		return "", ""
	}
	m := b.Plan.Year.Start.Add(month)
	if (from == nil || m.Index(*from) >= 0) && (to == nil || m.Index(*to) <= 0) {
		return "", ""
	}
	return "book it to whoever carried the month, or widen the window (start:, end:) in the plan",
		fmt.Sprintf("%s is active %s, but this actual is for %s, outside that window", row.PathString(), WindowString(from, to), m)
}

// notStarted reports whether a leaf's window starts after fiscal month asOf:
// it cannot have actuals yet, so their absence is no gap.
func notStarted(b *Breakdown, dim string, row *Row, asOf int) bool {
	if row.Node == nil {
		return false
	}
	from, _ := b.Plan.Window(dim, row.Node)
	return from != nil && from.Index(b.Plan.Year.Start.Add(asOf)) > 0
}
