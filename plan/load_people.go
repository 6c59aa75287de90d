package plan

import (
	"fmt"
	"math/big"
	"strings"

	"gopkg.in/yaml.v3"
)

// rampRule bounds a ramp rate: a share of full productivity, 0 to 100 %.
var rampRule = rateRule{min: ratZero, max: ratOne, plain: plainAboveError}

// ramp reads a list of at most MaxRamp rates.
func (l *loader) ramp(n *yaml.Node, what string) Ramp {
	r := Ramp{Set: true, Pos: posOf(n)}
	items, ok := l.sequence(n, what)
	if !ok {
		return r
	}
	if len(items) > MaxRamp {
		l.errorf(n, fmt.Sprintf("a ramp covers at most the first %d months; after it a person is at 100%%", MaxRamp),
			"%s has %d rates, more than %d", what, len(items), MaxRamp)
		return r
	}
	for _, it := range items {
		if v, ok := l.rate(it, what, rampRule); ok {
			r.Rates = append(r.Rates, v)
		}
	}
	return r
}

// month reads a month YYYY-MM.
func (l *loader) month(n *yaml.Node, what string) (*Month, bool) {
	s, ok := l.text(n, what)
	if !ok {
		return nil, false
	}
	m, err := ParseMonth(s)
	if err != nil {
		l.valueError(n, what, err)
		return nil, false
	}
	return &m, true
}

// nodePeople reads a node's start, end, ramp, headcount and productivity.
func (l *loader) nodePeople(f fields, nd *Node) {
	pp := &nd.People
	if v, ok := f.get("start"); ok {
		pp.StartPos = posOf(v.val)
		pp.Start, _ = l.month(v.val, "start of "+nd.Name)
	}
	if v, ok := f.get("end"); ok {
		pp.EndPos = posOf(v.val)
		pp.End, _ = l.month(v.val, "end of "+nd.Name)
	}
	if v, ok := f.get("ramp"); ok {
		pp.Ramp = l.ramp(v.val, "ramp of "+nd.Name)
		if _, has := f.get("start"); !has {
			l.errorf(v.key, "a ramp counts months from start: add `start: YYYY-MM`, or remove the ramp", "%s has a ramp but no start", nd.Name)
		}
	}
	if v, ok := f.get("headcount"); ok {
		pp.HeadcountPos = posOf(v.val)
		if c, ok := l.whole(v.val, "headcount of "+nd.Name); ok {
			pp.Headcount, pp.HeadcountSet = c, true
		}
	}
	if v, ok := f.get("productivity"); ok {
		pp.ProductivityPos = posOf(v.val)
		pp.Productivity, _ = l.amount(v.val, "productivity of "+nd.Name)
	}
	if pp.Start != nil && pp.End != nil && pp.End.Index(*pp.Start) < 0 {
		l.diag(pp.EndPos, Error, "end is the last month the node is active; write a month on or after "+pp.Start.String(),
			"%s ends (%s) before it starts (%s)", nd.Name, pp.End, pp.Start)
	}
}

// capacity reads the plan's capacity section.
func (l *loader) capacity(n *yaml.Node) *Capacity {
	f, ok := l.mapping(n, "capacity", "dimension", "productivity", "attainment")
	if !ok {
		return nil
	}
	c := &Capacity{Dimension: DefaultCapacityDimension, Attainment: big.NewRat(1, 1), Pos: posOf(n)}
	if v, ok := f["dimension"]; ok {
		c.DimensionPos = posOf(v.val)
		if s, ok := l.text(v.val, "capacity.dimension"); ok {
			c.Dimension = s
		}
	}
	if v, ok := f["productivity"]; ok {
		c.Productivity, _ = l.amount(v.val, "capacity.productivity")
	}
	l.rateField(f, "attainment", "capacity.attainment", shareRule, &c.Attainment)
	return c
}

// checkPeople checks the windows against the fiscal year and each other, and
// the capacity section against the dimensions.
func (l *loader) checkPeople(p *Plan) {
	if p.Year.Start.Month == 0 {
		return // the year has errors of its own
	}
	first, last := p.Year.Start, p.Year.Start.Add(11)
	for _, d := range p.Dimensions {
		var walk func(nodes []*Node, from, to *Month, owner string)
		walk = func(nodes []*Node, from, to *Month, owner string) {
			for _, n := range nodes {
				pp := n.People
				if pp.Start != nil && pp.End != nil && pp.End.Index(*pp.Start) < 0 {
					continue // reported where it was read
				}
				switch {
				case pp.Start != nil && pp.Start.Index(last) > 0:
					l.diag(pp.StartPos, Error, fmt.Sprintf("the fiscal year runs %s to %s; remove the node, or move its start into the year", first, last),
						"%s starts in %s, after the fiscal year", n.Name, pp.Start)
					continue
				case pp.End != nil && pp.End.Index(first) < 0:
					l.diag(pp.EndPos, Error, fmt.Sprintf("the fiscal year runs %s to %s; remove the node, or move its end into the year", first, last),
						"%s ends in %s, before the fiscal year", n.Name, pp.End)
					continue
				}
				s, e, o := from, to, owner
				if pp.Start != nil && (s == nil || pp.Start.Index(*s) > 0) {
					s = pp.Start
				}
				if pp.End != nil && (e == nil || pp.End.Index(*e) < 0) {
					e = pp.End
				}
				if s != nil && e != nil && e.Index(*s) < 0 {
					pos := pp.StartPos
					if pp.Start == nil {
						pos = pp.EndPos
					}
					l.diag(pos, Error, "a node is active only inside its parent's window; align the two windows",
						"%s is never active: its window lies outside the window of %s", n.Name, o)
					continue
				}
				if pp.Start != nil || pp.End != nil {
					o = n.Name
				}
				walk(n.Children, s, e, o)
			}
		}
		walk(d.Roots, nil, nil, "")
	}
	if c := p.Capacity; c != nil && p.Dimension(c.Dimension) == nil {
		pos := c.DimensionPos
		if pos.Line == 0 {
			pos = c.Pos
		}
		hint := "set capacity.dimension to one of: " + strings.Join(p.DimensionNames(), ", ")
		if len(p.Dimensions) == 0 {
			hint = "capacity runs per leaf of a dimension: add dimensions"
		}
		l.diag(pos, Error, hint, "capacity.dimension %q is not a dimension of the plan", c.Dimension)
	}
}
