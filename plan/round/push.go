package round

// minCostPush sends up to need units to the sink at least cost, as minCost
// does — primal-dual: Dijkstra on reduced costs from the vertices with
// excess, then as many units as go along arcs of reduced cost zero, again
// until no unit is left — but moves the units of a phase by push-relabel
// (FIFO, with global relabelling) instead of blocking flows on breadth-first
// levels. On a large block most imbalances are local (a team's column over
// its bound is fixed by its own people) and a few take long paths through the
// tree; a blocking flow scans the whole network once per length of path,
// push-relabel works where the excess is.
//
// It is a proper min-cost flow: every push is along an arc of reduced cost
// zero, so the flow stays of least cost for what it has moved, and a phase
// ends with no path of reduced cost zero from an excess to the sink. The
// queue, arcs and labels are visited in a fixed order: the result is
// deterministic, though among roundings of equal cost it may pick another
// than minCost. Excess a phase leaves on a vertex (pushed part of the way)
// is where the next Dijkstra starts from.
func (f *flow) minCostPush(V int, need int64) int64 {
	f.pot = grow(f.pot, V)
	clear(f.pot)
	f.dist = grow(f.dist, V)
	f.done = grow(f.done, V)
	f.exv = grow(f.exv, V)
	clear(f.exv)
	f.label = grow(f.label, V)
	f.cur = grow(f.cur, V)
	// the source's arcs hold the excess: move it onto the vertices
	for e := f.start[f.src]; e < f.start[f.src+1]; e++ {
		a := &f.arcs[e]
		f.exv[a.to] += a.cap
		a.cap = 0
	}
	var sent int64
	for sent < need {
		if !f.dijkstraExcess() {
			break
		}
		got := f.pushRelabel()
		if got == 0 {
			break // cannot happen: Dijkstra found a path of reduced cost zero
		}
		sent += got
	}
	return sent
}

// dijkstraExcess is dijkstra from every vertex with excess at once.
func (f *flow) dijkstraExcess() bool {
	f.resetDistances()
	for v, x := range f.exv {
		if x > 0 {
			f.dist[v] = 0
			f.bucket(0, int32(v))
		}
	}
	return f.settle()
}

// pushRelabel moves as much excess as it can to the sink along arcs of
// reduced cost zero and returns the units that reached it. A vertex's label
// is at most its distance to the sink in such arcs; the excess moves one
// label down at a time; a vertex that can no longer reach the sink gets the
// label V and keeps its excess.
func (f *flow) pushRelabel() int64 {
	V := int32(len(f.label))
	f.globalRelabel()
	f.queue = f.queue[:0]
	for v, x := range f.exv {
		if x > 0 && f.label[v] < V {
			f.queue = append(f.queue, int32(v))
		}
	}
	var sent int64
	work, limit := 0, 6*int(V)+len(f.arcs)
	for h := 0; h < len(f.queue); h++ {
		if work > limit {
			// the labels have drifted from the distances: recompute them
			// and queue again the vertices left with excess
			work = 0
			f.globalRelabel()
			q := f.queue[:0]
			for v, x := range f.exv {
				if x > 0 && f.label[v] < V {
					q = append(q, int32(v))
				}
			}
			f.queue, h = q, 0
			if len(q) == 0 {
				break
			}
		}
		u := f.queue[h]
		for f.exv[u] > 0 && f.label[u] < V {
			end := f.start[u+1]
			if f.cur[u] == end { // relabel: one above the lowest neighbour
				lowest := V
				for e := f.start[u]; e < end; e++ {
					a := &f.arcs[e]
					if a.cap > 0 && a.to != f.src && f.label[a.to] < lowest && f.reduced(u, e) == 0 {
						lowest = f.label[a.to]
					}
				}
				work += int(end-f.start[u]) + 12
				f.label[u] = min(lowest+1, V)
				f.cur[u] = f.start[u]
				continue
			}
			e := f.cur[u]
			a := &f.arcs[e]
			v := a.to
			if a.cap <= 0 || v == f.src || f.label[u] != f.label[v]+1 || f.reduced(u, e) != 0 {
				f.cur[u]++
				continue
			}
			d := min(f.exv[u], a.cap)
			a.cap -= d
			f.arcs[a.rev].cap += d
			f.exv[u] -= d
			if v == f.dst {
				sent += d
				continue
			}
			if f.exv[v] == 0 {
				f.queue = append(f.queue, v)
			}
			f.exv[v] += d
		}
	}
	return sent
}

// reduced returns arc e's reduced cost, u being its tail.
func (f *flow) reduced(u, e int32) int64 {
	return int64(f.cost[e]) + f.pot[u] - f.pot[f.arcs[e].to]
}

// globalRelabel sets every vertex's label to its distance to the sink along
// arcs of reduced cost zero with capacity (V when it does not reach it) and
// rewinds the current arcs.
func (f *flow) globalRelabel() {
	V := int32(len(f.label))
	for v := range f.label {
		f.label[v] = V
	}
	copy(f.cur, f.start[:len(f.cur)])
	f.label[f.dst] = 0
	q := append(f.level[:0], f.dst)
	for h := 0; h < len(q); h++ {
		w := q[h]
		for e := f.start[w]; e < f.start[w+1]; e++ {
			u := f.arcs[e].to
			r := f.arcs[e].rev // u → w
			if f.label[u] < V || u == f.src || f.arcs[r].cap <= 0 || f.reduced(u, r) != 0 {
				continue
			}
			f.label[u] = f.label[w] + 1
			q = append(q, u)
		}
	}
	f.level = q
}
