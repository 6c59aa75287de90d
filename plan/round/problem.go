package round

// problem is a block ready for the flow: every cell's, row group's and node
// column's floor and whether it has a fraction (its ceiling is then one more),
// and every row's own rounding.
type problem struct {
	R, C, G, N int
	lm         *laminar
	total      []int64 // per row
	cellLo     []int64 // R × C
	cellFrac   []bool
	own        []int64 // R × C, each row's own rounding
	grpLo      []int64 // R × G
	grpFrac    []bool
	parent     []int   // R + N: the node above each row and node, or -1
	nodeLo     []int64 // N × C: each node's column sums
	nodeFrac   []bool
	depth      []int
	order      []int
	// push: the flow moves its units by push-relabel phases (minCostPush)
	push bool
	// mult, when not nil, is how many equal rows each row stands for (see
	// classes.go): its cells, groups, own rounding and total are the sums
	// of theirs, each between its floor and its floor + mult.
	mult []int64
}

// width returns how far row i's cell or group with a fraction (frac) may
// rise above its floor: 1, or the row's multiplicity; 0 without a fraction.
func (p *problem) width(i int, frac bool) int64 {
	switch {
	case !frac:
		return 0
	case p.mult == nil:
		return 1
	}
	return p.mult[i]
}

func (p *problem) reset(R, C, G, N int) {
	p.R, p.C, p.G, p.N = R, C, G, N
	p.push = false
	p.mult = nil
	p.total = grow(p.total, R)
	p.cellLo = grow(p.cellLo, R*C)
	p.cellFrac = grow(p.cellFrac, R*C)
	p.own = grow(p.own, R*C)
	p.grpLo = grow(p.grpLo, R*G)
	p.grpFrac = grow(p.grpFrac, R*G)
	p.parent = grow(p.parent, R+N)
	p.nodeLo = grow(p.nodeLo, N*C)
	p.nodeFrac = grow(p.nodeFrac, N*C)
	clear(p.nodeFrac)
}

// checkTree rejects a tree whose nodes form a cycle.
func (p *problem) checkTree() error {
	R, N := p.R, p.N
	p.depth = grow(p.depth, N)
	for k := range N {
		p.depth[k] = -1
	}
	for k := range N {
		d, q := 0, p.parent[R+k]
		for q >= 0 {
			if d > N {
				return inconsistent("the tree's node %d is its own ancestor", R+k)
			}
			if dq := p.depth[q-R]; dq >= 0 {
				d += dq + 1
				break
			}
			d++
			q = p.parent[q]
		}
		p.depth[k] = d
	}
	return nil
}

// nodeOrder lists the tree's nodes deepest first (ties in index order), so a
// node comes after every node below it.
func (p *problem) nodeOrder() []int {
	p.order = grow(p.order, p.N)
	for k := range p.N {
		p.order[k] = k
	}
	if p.N > 1 {
		d := p.depth
		sortStable(p.order, func(a, b int) bool { return d[a] > d[b] })
	}
	return p.order
}
