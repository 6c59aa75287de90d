package round

import "math"

// arc is one residual arc; rev is the index of its reverse arc.
type arc struct {
	cap     int64
	to, rev int32
}

// flow is the min-cost flow over a problem's network, with its scratch space.
// The network is stored by vertex (start[v] … start[v+1]-1 are v's arcs, the
// newest first), built in two passes over the problem: one counts each
// vertex's arcs, the other places them.
type flow struct {
	arcs     []arc
	cost     []int8 // per arc: -1, 0 or +1
	start    []int32
	fill     []int32 // while placing: each vertex's next free slot, from its end
	counting bool
	ex       []int64
	gsum     []int64
	cellArc  []int32
	nodeFlow []int64
	pot      []int64
	dist     []int64
	done     []bool
	buckets  [][]int32
	level    []int32
	iter     []int32
	queue    []int32
	src      int32
	dst      int32
	// minCostPush's scratch
	exv   []int64 // each vertex's excess
	label []int32 // each vertex's distance label to the sink
	cur   []int32 // each vertex's current arc
}

const none = -1

// solve rounds problem p into out: the own roundings clamped to the bounds,
// then the units that break a bound moved along cheapest paths.
func (f *flow) solve(p *problem, out []int64) error {
	R, C, G, N := p.R, p.C, p.G, p.N
	lm := p.lm
	grpBase := R
	colBase := R + R*G
	sink := colBase + N*C
	V := sink + 3
	f.ex = grow(f.ex, V)
	clear(f.ex)
	ex := f.ex
	vs := vertices{R: R, C: C, G: G, colBase: colBase, sink: sink}
	// the starting flow: own roundings clamped to their cells' bounds, every
	// group's and node's flow clamped to its bounds, the rest as imbalances
	f.gsum = grow(f.gsum, G)
	var all int64
	for i := range R {
		base := i * C
		clear(f.gsum)
		for j := range C {
			k := base + j
			v := clampW(p.own[k], p.cellLo[k], p.width(i, p.cellFrac[k]))
			out[k] = v
			g := int(lm.inner[j])
			if g >= 0 {
				f.gsum[g] += v
			}
			ex[vs.container(i, g)] -= v
			ex[vs.target(p.parent[i], j)] += v
		}
		for g := G - 1; g >= 0; g-- {
			v := clampW(f.gsum[g], p.grpLo[i*G+g], p.width(i, p.grpFrac[i*G+g]))
			par := int(lm.gpar[g])
			if par >= 0 {
				f.gsum[par] += v
			}
			ex[grpBase+i*G+g] += v
			ex[vs.container(i, par)] -= v
		}
		ex[i] += p.total[i]
		all += p.total[i]
	}
	nodes := p.order[:N]
	f.nodeFlow = grow(f.nodeFlow, N*C)
	for _, k := range nodes {
		par := p.parent[R+k]
		for j := range C {
			u := colBase + k*C + j
			v := clamp(ex[u], p.nodeLo[k*C+j], p.nodeFrac[k*C+j])
			f.nodeFlow[k*C+j] = v
			ex[u] -= v
			ex[vs.target(par, j)] += v
		}
	}
	ex[sink] -= all
	var need int64
	for _, e := range ex {
		if e > 0 {
			need += e
		}
	}
	if need == 0 {
		return nil // the own roundings obey every bound
	}

	// the residual network of the arcs that can move (a fraction between
	// their bounds), plus a super source and sink for the imbalances
	f.src, f.dst = int32(sink+1), int32(sink+2)
	f.start = grow(f.start, V+1)
	clear(f.start)
	f.counting = true
	f.network(p, out, colBase, sink)
	var n int32
	for v := range V {
		n += f.start[v]
		f.start[v] = n - f.start[v]
	}
	f.start[V] = n
	f.fill = append(f.fill[:0], f.start[1:]...)
	f.arcs = grow(f.arcs, int(n))
	f.cost = grow(f.cost, int(n))
	f.counting = false
	f.network(p, out, colBase, sink)
	got := int64(0)
	if p.push {
		got = f.minCostPush(V, need)
	} else {
		got = f.minCost(V, need)
	}
	if got != need {
		return inconsistent("rounding found %d of %d units", got, need)
	}
	for k, a := range f.cellArc[:R*C] {
		if a != none {
			out[k] = p.cellLo[k] + p.width(k/C, true) - f.arcs[a].cap
		}
	}
	return nil
}

// network adds the residual network's arcs: counting them (f.counting) or
// placing them, in the same order both times.
func (f *flow) network(p *problem, out []int64, colBase, sink int) {
	R, C, G, N := p.R, p.C, p.G, p.N
	lm := p.lm
	grpBase := R
	ex := f.ex
	nodes := p.order[:N]
	vs := vertices{R: R, C: C, G: G, colBase: colBase, sink: sink}
	f.cellArc = grow(f.cellArc, R*C)
	for i := range R {
		base := i * C
		for j := range C {
			k := base + j
			f.cellArc[k] = none
			if !p.cellFrac[k] {
				continue
			}
			lo, hi, o := p.cellLo[k], p.cellLo[k]+p.width(i, true), p.own[k]
			cost := b2i(hi != o) - b2i(lo != o)
			f.cellArc[k] = f.addArc(vs.container(i, int(lm.inner[j])), vs.target(p.parent[i], j), hi-out[k], out[k]-lo, cost)
		}
		clear(f.gsum)
		for j := range C {
			if g := lm.inner[j]; g >= 0 {
				f.gsum[g] += out[base+j]
			}
		}
		for g := G - 1; g >= 0; g-- {
			x := i*G + g
			w := p.width(i, p.grpFrac[x])
			v := clampW(f.gsum[g], p.grpLo[x], w)
			par := int(lm.gpar[g])
			if par >= 0 {
				f.gsum[par] += v
			}
			if p.grpFrac[x] {
				f.addArc(vs.container(i, par), grpBase+x, p.grpLo[x]+w-v, v-p.grpLo[x], 0)
			}
		}
	}
	for _, k := range nodes {
		par := p.parent[R+k]
		for j := range C {
			x := k*C + j
			if !p.nodeFrac[x] {
				continue
			}
			v, lo := f.nodeFlow[x], p.nodeLo[x]
			f.addArc(colBase+x, vs.target(par, j), lo+1-v, v-lo, 0)
		}
	}
	for v := range sink + 1 {
		switch e := ex[v]; {
		case e > 0:
			f.addArc(int(f.src), v, e, 0, 0)
		case e < 0:
			f.addArc(v, int(f.dst), -e, 0, 0)
		}
	}
}

// clampW returns v within [lo, lo+w].
func clampW(v, lo, w int64) int64 {
	return min(max(v, lo), lo+w)
}

// clamp returns v within [lo, lo+1] when frac, else lo.
func clamp(v, lo int64, frac bool) int64 {
	switch {
	case v <= lo:
		return lo
	case frac:
		return lo + 1
	}
	return lo
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// addArc adds the arc u→v with residual capacity fwd at the given cost and its
// reverse with capacity back at the opposite cost; it returns the forward arc
// (none while counting).
func (f *flow) addArc(u, v int, fwd, back, cost int64) int32 {
	if f.counting {
		f.start[u]++
		f.start[v]++
		return none
	}
	f.fill[u]--
	f.fill[v]--
	a, b := f.fill[u], f.fill[v]
	f.arcs[a] = arc{cap: fwd, to: int32(v), rev: b}
	f.arcs[b] = arc{cap: back, to: int32(u), rev: a}
	f.cost[a], f.cost[b] = int8(cost), int8(-cost)
	return a
}

// minCost sends up to need units from the super source to the super sink at
// least cost (primal-dual: Dijkstra on reduced costs, then a blocking flow on
// the arcs of reduced cost zero) and returns the units sent.
func (f *flow) minCost(V int, need int64) int64 {
	f.pot = grow(f.pot, V)
	clear(f.pot)
	f.dist = grow(f.dist, V)
	f.done = grow(f.done, V)
	f.level = grow(f.level, V)
	f.iter = grow(f.iter, V)
	var sent int64
	for sent < need {
		if !f.dijkstra() {
			break
		}
		for sent < need && f.levels() {
			copy(f.iter, f.start[:len(f.iter)])
			for sent < need {
				got := f.push(f.src, need-sent)
				if got == 0 {
					break
				}
				sent += got
			}
		}
	}
	return sent
}

// dijkstra computes shortest reduced-cost distances from the source, stopping
// when the sink is settled, and moves the potentials by them (nodes not settled
// by the sink's distance). Reduced costs are small non-negative integers, so
// the queue is a bucket per distance (Dial's algorithm). It reports whether
// the sink is reachable.
func (f *flow) dijkstra() bool {
	f.resetDistances()
	f.dist[f.src] = 0
	f.bucket(0, f.src)
	return f.settle()
}

// resetDistances empties the queue and marks every vertex unreached.
func (f *flow) resetDistances() {
	for v := range f.dist {
		f.dist[v] = math.MaxInt64
		f.done[v] = false
	}
	for d := range f.buckets {
		f.buckets[d] = f.buckets[d][:0]
	}
}

// settle runs Dial's algorithm from the vertices already queued at distance 0
// until the sink is settled, then moves the potentials by the distances
// (vertices not settled by the sink's distance). It reports whether the sink
// is reachable.
func (f *flow) settle() bool {
	reached := false
	for d := 0; d < len(f.buckets) && !reached; d++ {
		for k := 0; k < len(f.buckets[d]); k++ {
			u := f.buckets[d][k]
			if f.done[u] || f.dist[u] != int64(d) {
				continue
			}
			f.done[u] = true
			if u == f.dst {
				reached = true
				break
			}
			pu := f.pot[u]
			for e := f.start[u]; e < f.start[u+1]; e++ {
				a := &f.arcs[e]
				if a.cap <= 0 || f.done[a.to] {
					continue
				}
				nd := int64(d) + int64(f.cost[e]) + pu - f.pot[a.to]
				if nd < f.dist[a.to] {
					f.dist[a.to] = nd
					f.bucket(nd, a.to)
				}
			}
		}
	}
	if !reached {
		return false
	}
	top := f.dist[f.dst]
	for v := range f.pot {
		if f.done[v] {
			f.pot[v] += f.dist[v]
		} else {
			f.pot[v] += top
		}
	}
	return true
}

// bucket queues node v at distance d.
func (f *flow) bucket(d int64, v int32) {
	for int64(len(f.buckets)) <= d {
		f.buckets = append(f.buckets, nil)
	}
	f.buckets[d] = append(f.buckets[d], v)
}

// admissible reports whether arc e from u has capacity and reduced cost zero.
func (f *flow) admissible(u, e int32) bool {
	a := &f.arcs[e]
	return a.cap > 0 && int64(f.cost[e])+f.pot[u]-f.pot[a.to] == 0
}

// levels numbers the nodes by breadth-first distance from the source over
// admissible arcs and reports whether the sink is reached.
func (f *flow) levels() bool {
	for v := range f.level {
		f.level[v] = none
	}
	f.level[f.src] = 0
	f.queue = append(f.queue[:0], f.src)
	for h := 0; h < len(f.queue); h++ {
		u := f.queue[h]
		if l := f.level[f.dst]; l != none && f.level[u] >= l {
			break // the sink's level is reached: deeper nodes cannot be on a shortest path
		}
		for e := f.start[u]; e < f.start[u+1]; e++ {
			a := &f.arcs[e]
			if f.level[a.to] == none && f.admissible(u, e) {
				f.level[a.to] = f.level[u] + 1
				f.queue = append(f.queue, a.to)
			}
		}
	}
	return f.level[f.dst] != none
}

// push sends up to limit units from u to the sink along the level graph.
func (f *flow) push(u int32, limit int64) int64 {
	if u == f.dst {
		return limit
	}
	for end := f.start[u+1]; f.iter[u] < end; f.iter[u]++ {
		e := f.iter[u]
		a := &f.arcs[e]
		if f.level[a.to] != f.level[u]+1 || !f.admissible(u, e) {
			continue
		}
		if got := f.push(a.to, min(limit, a.cap)); got > 0 {
			f.arcs[e].cap -= got
			f.arcs[a.rev].cap += got
			return got
		}
	}
	return 0
}

// vertices numbers the flow's vertices: the rows (0…R−1), then each row's
// groups (row × group), then each tree node's columns (node × column), then
// the sink.
type vertices struct{ R, C, G, colBase, sink int }

// target is the vertex a row's cell in column j flows into: its node's
// column, or the sink for a row without a node.
func (vs vertices) target(par, j int) int {
	if par < 0 {
		return vs.sink
	}
	return vs.colBase + (par-vs.R)*vs.C + j
}

// container is the vertex a row's flow into group g comes from: the row
// itself for the outermost level (g < 0), else the row's group.
func (vs vertices) container(i, g int) int {
	if g < 0 {
		return i
	}
	return vs.R + i*vs.G + g
}
