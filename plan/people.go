package plan

import "math/big"

// MaxRamp is the most rates a ramp may have (SPEC §9).
const MaxRamp = 24

// Ramp is a productivity schedule: the rates of a person's first, second, …
// month from their start; 100 % after them.
type Ramp struct {
	Rates []*big.Rat // each a fraction in [0, 1]
	Set   bool       // written in the file (ramp: [] sets an empty ramp)
	Pos   Pos
}

// People holds a node's window and ramp (SPEC §9) and its capacity settings
// (SPEC §10). The zero value is a node present all year at full productivity.
type People struct {
	Start, End       *Month // inclusive; nil when not given
	StartPos, EndPos Pos
	Ramp             Ramp // the node's own ramp; unset means the plan's default
	Headcount        int64
	HeadcountSet     bool
	HeadcountPos     Pos
	Productivity     *big.Rat // a fully ramped person's annual bookings; nil: inherited
	ProductivityPos  Pos
}

// Capacity is the plan's capacity section (SPEC §10).
type Capacity struct {
	Dimension    string // "org" by default
	DimensionPos Pos
	Productivity *big.Rat // nil when only nodes give it
	Attainment   *big.Rat // default 100 %
	Pos          Pos
}

// DefaultCapacityDimension is the dimension capacity runs on when none is named.
const DefaultCapacityDimension = "org"

// HeadcountOf returns the number of people a node stands for (1 by default).
func (n *Node) HeadcountOf() int64 {
	if n.People.HeadcountSet {
		return n.People.Headcount
	}
	return 1
}

// HasWindow reports whether a node declares start, end or ramp.
func (n *Node) HasWindow() bool {
	return n.People.Start != nil || n.People.End != nil || n.People.Ramp.Set
}

// HasPeople reports whether any node of the dimension declares start, end or
// ramp; without them the dimension splits exactly as in v1.
func (d *Dimension) HasPeople() bool {
	found := false
	walkNodes(d.Roots, func(n *Node) { found = found || n.HasWindow() })
	return found
}

// RampOf returns the ramp that applies to node n: its own, else the plan's
// default when n has a start, else none.
func (p *Plan) RampOf(n *Node) []*big.Rat {
	if n.People.Ramp.Set {
		return n.People.Ramp.Rates
	}
	if n.People.Start != nil && p.Ramp.Set {
		return p.Ramp.Rates
	}
	return nil
}

// OwnAvailability returns node n's own factor in each fiscal month, without
// its ancestors': 0 outside its window, else its ramp rate for the month
// (counted from start, even when start lies before the year), 1 after the ramp.
func (p *Plan) OwnAvailability(n *Node) [12]*big.Rat {
	var a [12]*big.Rat
	ramp := p.RampOf(n)
	for m := range 12 {
		month := p.Year.Start.Add(m)
		switch {
		case n.People.Start != nil && month.Index(*n.People.Start) < 0,
			n.People.End != nil && month.Index(*n.People.End) > 0:
			a[m] = new(big.Rat)
		case n.People.Start != nil && month.Index(*n.People.Start) < len(ramp):
			a[m] = new(big.Rat).Set(ramp[month.Index(*n.People.Start)])
		default:
			a[m] = big.NewRat(1, 1)
		}
	}
	return a
}

// Availability returns node n's availability aₘ in each fiscal month of the
// plan (SPEC §9), as exact rationals: 0 outside its window, else its ramp rate
// for that month (1 after the ramp), times its parent's availability. n must be
// a node of the named dimension; a node not found there gets its own factors.
// The funnel and capacity use it to leave people out of the months they are
// not active.
func (p *Plan) Availability(dim string, n *Node) [12]*big.Rat {
	a := p.OwnAvailability(n)
	d := p.Dimension(dim)
	if d == nil {
		return a
	}
	for _, anc := range ancestors(d.Roots, n) {
		own := p.OwnAvailability(anc)
		for m := range 12 {
			a[m].Mul(a[m], own[m])
		}
	}
	return a
}

// AvailabilityAll returns the availability of every node of a dimension in one
// walk (SPEC §9), keyed by node.
func (p *Plan) AvailabilityAll(d *Dimension) map[*Node][12]*big.Rat {
	out := map[*Node][12]*big.Rat{}
	var walk func(nodes []*Node, parent *[12]*big.Rat)
	walk = func(nodes []*Node, parent *[12]*big.Rat) {
		for _, n := range nodes {
			a := p.OwnAvailability(n)
			if parent != nil {
				for m := range 12 {
					if a[m].Sign() != 0 && !isOne(parent[m]) {
						a[m].Mul(a[m], parent[m])
					}
				}
			}
			out[n] = a
			walk(n.Children, &a)
		}
	}
	walk(d.Roots, nil)
	return out
}

// ancestors returns the ancestors of n among nodes, root first; found is
// false when n is not in the trees.
func ancestors(nodes []*Node, n *Node) []*Node {
	path, _ := findPath(nodes, n)
	return path
}

func findPath(nodes []*Node, n *Node) ([]*Node, bool) {
	for _, c := range nodes {
		if c == n {
			return nil, true
		}
		if path, ok := findPath(c.Children, n); ok {
			return append([]*Node{c}, path...), true
		}
	}
	return nil, false
}

func isOne(r *big.Rat) bool { return r.IsInt() && r.Num().IsInt64() && r.Num().Int64() == 1 }
