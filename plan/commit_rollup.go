package plan

import "math/big"

// Commit is a row's bottom-up estimate (SPEC §13): its node's own commit, or,
// rolled up, the sum of its children's.
type Commit struct {
	Amount *big.Rat // nil when the row has none
	Rolled bool     // Amount is the sum of the children's, the node has no commit of its own
}

// Commits returns the commit of every row of a dimension (by Row.Index) and of
// the dimension as a whole. A node without a commit of its own whose children
// all have one (their own or rolled up) shows their sum; a reserve row commits
// nothing and is left out of the roll-up. The whole has the sum of the
// top-level nodes' commits when they all have one.
func (d *DimensionSplit) Commits() (rows []Commit, total Commit) {
	rows = make([]Commit, len(d.Rows))
	for i := len(d.Rows) - 1; i >= 0; i-- {
		r := d.Rows[i]
		switch {
		case r.IsReserve():
		case r.Node.Commit != nil:
			rows[i].Amount = r.Node.Commit
		case !r.Leaf():
			rows[i] = rollUp(r.Children, rows)
		}
	}
	return rows, rollUp(d.Roots, rows)
}

// rollUp sums the commits of the given rows (reserve rows aside) when every
// one has a commit.
func rollUp(kids []*Row, rows []Commit) Commit {
	sum := new(big.Rat)
	n := 0
	for _, k := range kids {
		if k.IsReserve() {
			continue
		}
		c := rows[k.Index].Amount
		if c == nil {
			return Commit{}
		}
		sum.Add(sum, c)
		n++
	}
	if n == 0 {
		return Commit{}
	}
	return Commit{Amount: sum, Rolled: true}
}
