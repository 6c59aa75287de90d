package round

import (
	"math"
	"slices"
)

// Equal rows. Rows under the same node with the same problem — total, cell
// and group floors and fractions, own rounding — are interchangeable: a team
// of people with equal quotas. Their own roundings err the same way, so
// their imbalances add up, and the flow would move one unit per person. The
// solver rounds such a class of m rows as one row whose cells and groups may
// rise up to m above their floors (m units of flow at the same cost each),
// then deals the class's units out to its rows (spreadClass): the same number
// of cells moved, so the least, since any rounding of the rows sums to one of
// the class. Within a class, the earlier rows take the extra units first.

// classes is the scratch space of the equal-row classes.
type classes struct {
	of    []int32 // per row: its class
	first []int32 // per class: its first row
	mult  []int64 // per class: its rows
	next  []int32 // per row: the next row of its class, or -1
	last  []int32 // per class: its last row so far
	index map[uint64][]int32
	q     problem
	out   []int64
	rows  []int32
	need  []int64
	rem   []int64
	bufs  [][]int64 // per container depth: its needs left, its items' needs
}

// solveClasses rounds the prepared problem through its classes of equal
// rows; it reports false, having written nothing, when there are none (or
// their sums would not fit), so that the rows are rounded one by one.
func (s *Solver) solveClasses(out []int64) (bool, error) {
	p, cl := &s.p, &s.cls
	R, C, G, N := p.R, p.C, p.G, p.N
	if cl.index == nil {
		cl.index = map[uint64][]int32{}
	}
	clear(cl.index)
	cl.of = grow(cl.of, R)
	cl.next = grow(cl.next, R)
	cl.first, cl.mult, cl.last = cl.first[:0], cl.mult[:0], cl.last[:0]
	for i := range R {
		// FNV-1a over the row's numbers (equal keys are then compared)
		key := uint64(14695981039346656037)
		mix := func(x int64) { key = (key ^ uint64(x)) * 1099511628211 }
		mix(int64(p.parent[i]))
		mix(p.total[i])
		for j := i * C; j < (i+1)*C; j++ {
			mix(p.cellLo[j])
			mix(p.own[j])
		}
		for g := i * G; g < (i+1)*G; g++ {
			mix(p.grpLo[g])
		}
		c := int32(-1)
		for _, k := range cl.index[key] {
			if p.sameRow(int(cl.first[k]), i) {
				c = k
				break
			}
		}
		cl.next[i] = -1
		if c < 0 {
			c = int32(len(cl.first))
			cl.index[key] = append(cl.index[key], c)
			cl.first = append(cl.first, int32(i))
			cl.last = append(cl.last, int32(i))
			cl.mult = append(cl.mult, 0)
		} else {
			cl.next[cl.last[c]] = int32(i)
			cl.last[c] = int32(i)
		}
		cl.of[i] = c
		cl.mult[c]++
	}
	K := len(cl.first)
	if K == R {
		return false, nil
	}
	// the classes' problem: each class one row of sums
	q := &cl.q
	q.reset(K, C, G, N)
	q.lm, q.order, q.push = p.lm, p.order, p.push
	q.mult = append(q.mult[:0], cl.mult...)
	copy(q.nodeLo, p.nodeLo[:N*C])
	copy(q.nodeFrac, p.nodeFrac[:N*C])
	remap := func(x int) int {
		if x < 0 {
			return x
		}
		return x - R + K
	}
	for c, r := range cl.first {
		m, i := cl.mult[c], int(r)
		if p.total[i] > math.MaxInt64/m {
			return false, nil
		}
		q.total[c] = m * p.total[i]
		q.parent[c] = remap(p.parent[i])
		for j := range C {
			q.cellLo[c*C+j], q.cellFrac[c*C+j], q.own[c*C+j] = m*p.cellLo[i*C+j], p.cellFrac[i*C+j], m*p.own[i*C+j]
		}
		for g := range G {
			q.grpLo[c*G+g], q.grpFrac[c*G+g] = m*p.grpLo[i*G+g], p.grpFrac[i*G+g]
		}
	}
	for k := range N {
		q.parent[K+k] = remap(p.parent[R+k])
	}
	cl.out = grow(cl.out, K*C)
	if err := s.f.solve(q, cl.out); err != nil {
		return true, err
	}
	for c := range K {
		cl.rows = cl.rows[:0]
		for r := cl.first[c]; r >= 0; r = cl.next[r] {
			cl.rows = append(cl.rows, r)
		}
		s.spreadClass(out, cl.out[c*C:(c+1)*C])
		for _, r := range cl.rows {
			if !p.obeys(out, int(r)) {
				return false, nil // cannot happen (see spreadClass); the rows one by one, then
			}
		}
	}
	return true, nil
}

// obeys reports whether row i of out adds up to its total and has every cell
// and group within its bounds.
func (p *problem) obeys(out []int64, i int) bool {
	C, G := p.C, p.G
	var sum int64
	row := out[i*C : (i+1)*C]
	for j, v := range row {
		k := i*C + j
		if v < p.cellLo[k] || v > p.cellLo[k]+b2i(p.cellFrac[k]) {
			return false
		}
		sum += v
	}
	for g, rg := range p.lm.gs {
		var x int64
		for _, v := range row[rg.Lo:rg.Hi] {
			x += v
		}
		if k := i*G + g; x < p.grpLo[k] || x > p.grpLo[k]+b2i(p.grpFrac[k]) {
			return false
		}
	}
	return sum == p.total[i]
}

// sameRow reports whether rows a and b have the same problem.
func (p *problem) sameRow(a, b int) bool {
	C, G := p.C, p.G
	return p.parent[a] == p.parent[b] && p.total[a] == p.total[b] &&
		slices.Equal(p.cellLo[a*C:(a+1)*C], p.cellLo[b*C:(b+1)*C]) &&
		slices.Equal(p.cellFrac[a*C:(a+1)*C], p.cellFrac[b*C:(b+1)*C]) &&
		slices.Equal(p.own[a*C:(a+1)*C], p.own[b*C:(b+1)*C]) &&
		slices.Equal(p.grpLo[a*G:(a+1)*G], p.grpLo[b*G:(b+1)*G]) &&
		slices.Equal(p.grpFrac[a*G:(a+1)*G], p.grpFrac[b*G:(b+1)*G])
}

// spreadClass deals a class's rounding (sums, agg) out to its rows
// (cl.rows): container by container (the row, then each group), each item
// (a sub-group or a loose column) gives its units above the rows' floors to
// the rows that need the most still, ties to the earlier row. The rows'
// needs never differ by more than one, so every row ends with its total and
// every group and cell within its bounds.
func (s *Solver) spreadClass(out []int64, agg []int64) {
	p, cl := &s.p, &s.cls
	C := p.C
	r0 := int(cl.rows[0])
	m := int64(len(cl.rows))
	cl.need = grow(cl.need, len(cl.rows))
	var base int64
	for j := range C {
		base += p.cellLo[r0*C+j]
	}
	for k := range cl.need {
		cl.need[k] = p.total[r0] - base
	}
	s.spreadItems(out, agg, -1, cl.need, m, 0)
}

// spreadItems deals the units of container g's items (g = -1: the row) to
// the class's rows, each row needing need[k] units above the items' floors;
// depth numbers the scratch buffers of the containers being dealt.
func (s *Solver) spreadItems(out, agg []int64, g int, need []int64, m int64, depth int) {
	p, cl, lm := &s.p, &s.cls, s.p.lm
	C, G := p.C, p.G
	r0 := int(cl.rows[0])
	lo := func(j int) int64 { return p.cellLo[r0*C+j] }
	// the units of an item above m × its floor, and its floor over the cells' floors
	item := func(it item) (units, floor int64) {
		if !it.group {
			return agg[it.idx] - m*lo(it.idx), 0
		}
		rg := lm.gs[it.idx]
		var sum, cells int64
		for j := rg.Lo; j < rg.Hi; j++ {
			sum += agg[j] - m*lo(j)
			cells += lo(j)
		}
		floor = p.grpLo[r0*G+it.idx] - cells
		return sum - m*floor, floor
	}
	for len(cl.bufs) <= 2*depth+1 {
		cl.bufs = append(cl.bufs, nil)
	}
	n := len(need)
	rem := grow(cl.bufs[2*depth], n)
	sub := grow(cl.bufs[2*depth+1], n)
	cl.bufs[2*depth], cl.bufs[2*depth+1] = rem, sub
	copy(rem, need)
	items := lm.items[g+1]
	for _, it := range items {
		_, floor := item(it)
		for k := range rem {
			rem[k] -= floor
		}
	}
	for _, it := range items {
		units, floor := item(it)
		// the rows needing the most take the units, the earlier first: the
		// needs are a and a+1 (they start within one of each other and each
		// item takes one from the largest), so the rows at the top value
		// in order, then the others in order
		for k := range sub {
			sub[k] = floor
		}
		switch units {
		case 0: // no row rises
		case int64(n): // every row rises
			for k := range sub {
				sub[k]++
				rem[k]--
			}
			units = 0
		}
		top := int64(0)
		if units > 0 {
			top = slices.Max(rem)
		}
		for pass := 0; pass < 2 && units > 0; pass++ {
			want := top - int64(pass)
			for k := 0; k < n && units > 0; k++ {
				if rem[k] == want && sub[k] == floor {
					sub[k]++
					rem[k]--
					units--
				}
			}
		}
		if !it.group {
			for k, r := range cl.rows {
				out[int(r)*C+it.idx] = lo(it.idx) + sub[k] - floor
			}
			continue
		}
		s.spreadItems(out, agg, it.idx, sub, m, depth+1)
	}
}
