package plan

import (
	"fmt"
	"slices"
)

// RoundMatrix solves the controlled-rounding problem of a proportional table.
// Given row totals and column totals with the same sum T, it returns the m×n
// table (row-major) of whole numbers whose rows add up to rows, whose columns add
// up to cols, and whose every cell is the floor or the ceiling of its exact
// proportional value rows[i] × cols[j] / T.
//
// The cells start at their floors; the units each row and each column still
// needs are then a bipartite b-matching over the cells that have a fraction.
// A greedy pass gives the units to the largest fractions first (ties to the
// earlier cell), then Dinic's max-flow on the residual graph completes it. Such a
// rounding always exists (the transportation polytope has integral vertices),
// so the flow always saturates; an error means the inputs were inconsistent.
func RoundMatrix(rows, cols []int64) ([]int64, error) {
	var s matrixSolver
	out := make([]int64, len(rows)*len(cols))
	if err := s.solve(rows, cols, out); err != nil {
		return nil, err
	}
	return out, nil
}

// matrixSolver holds the scratch space of RoundMatrix, reused across blocks.
type matrixSolver struct {
	rems     []uint64
	up       []bool
	rowNeed  []int64
	colNeed  []int64
	rowFlow  []int64
	colFlow  []int64
	order    []cellKey
	scratch  []cellKey
	level    []int32 // rows first, then columns
	rowIter  []int32
	colIter  []int32
	queue    []int32
	m, n     int
	levelEnd int32
}

// solve fills out (len(rows)×len(cols), row-major) with the rounded table.
func (s *matrixSolver) solve(rows, cols []int64, out []int64) error {
	m, n := len(rows), len(cols)
	var total, colSum int64
	for _, r := range rows {
		if r < 0 {
			return fmt.Errorf("matrix: negative row total %d", r)
		}
		total += r
	}
	for _, c := range cols {
		if c < 0 {
			return fmt.Errorf("matrix: negative column total %d", c)
		}
		colSum += c
	}
	if total != colSum {
		return fmt.Errorf("matrix: rows add up to %d but columns to %d", total, colSum)
	}
	if total == 0 {
		clear(out)
		return nil
	}
	if n == 1 {
		copy(out, rows)
		return nil
	}
	if m == 1 {
		copy(out, cols)
		return nil
	}
	s.m, s.n = m, n
	s.rems = grow(s.rems, m*n)
	s.up = grow(s.up, m*n)
	s.rowNeed = grow(s.rowNeed, m)
	s.colNeed = grow(s.colNeed, n)
	s.rowFlow = grow(s.rowFlow, m)
	s.colFlow = grow(s.colFlow, n)
	copy(s.rowNeed, rows)
	copy(s.colNeed, cols)
	clear(s.rowFlow)
	clear(s.colFlow)
	clear(s.up)
	s.order = s.order[:0]
	t := uint64(total)
	for i, r := range rows {
		base := i * n
		for j, c := range cols {
			q, rem := mulDiv(uint64(r), uint64(c), t)
			out[base+j] = int64(q)
			s.rems[base+j] = rem
			s.rowNeed[i] -= int64(q)
			s.colNeed[j] -= int64(q)
			if rem != 0 {
				s.order = append(s.order, cellKey{rem: rem, k: int32(base + j)})
			}
		}
	}
	var need int64
	for _, v := range s.rowNeed {
		need += v
	}
	if need > 0 {
		s.greedy()
		if got := s.maxFlow(); got != need {
			return fmt.Errorf("matrix: rounding found %d of %d units", got, need)
		}
		for k, u := range s.up[:m*n] {
			if u {
				out[k]++
			}
		}
	}
	return nil
}

func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// cellKey orders the cells that have a fraction: largest remainder first, ties
// to the earlier cell.
type cellKey struct {
	rem uint64
	k   int32
}

// greedy gives the units to the cells with the largest fractions first.
func (s *matrixSolver) greedy() {
	s.scratch = grow(s.scratch, len(s.order))
	if sorted := sortCells(s.order, s.scratch); len(sorted) > 0 && &sorted[0] != &s.order[0] {
		s.order, s.scratch = sorted, s.order // keep the two buffers distinct for the next block
	}
	n := int32(s.n)
	for _, c := range s.order {
		k := c.k
		i, j := k/n, k%n
		if s.rowFlow[i] < s.rowNeed[i] && s.colFlow[j] < s.colNeed[j] {
			s.up[k] = true
			s.rowFlow[i]++
			s.colFlow[j]++
		}
	}
}

// sortCells orders cells by remainder, largest first, ties to the earlier
// cell. The cells arrive in index order, so a stable sort on the remainder
// alone gives that order: a least-significant-digit radix sort, one pass per
// byte the largest remainder uses, in linear time. tmp must be as long as a;
// the result is a or tmp.
func sortCells(a, tmp []cellKey) []cellKey {
	if len(a) < 48 {
		slices.SortStableFunc(a, func(x, y cellKey) int {
			switch {
			case x.rem > y.rem:
				return -1
			case x.rem < y.rem:
				return 1
			}
			return 0
		})
		return a
	}
	var most uint64
	for _, c := range a {
		most |= c.rem
	}
	for shift := uint(0); shift < 64 && most>>shift != 0; shift += 8 {
		var count [256]int
		for _, c := range a {
			count[255-byte(c.rem>>shift)]++ // 255 − digit: largest first
		}
		pos := 0
		for d, c := range count {
			count[d] = pos
			pos += c
		}
		for _, c := range a {
			d := 255 - byte(c.rem>>shift)
			tmp[count[d]] = c
			count[d]++
		}
		a, tmp = tmp, a
	}
	return a
}

// maxFlow completes the matching with Dinic's algorithm and returns the total
// number of units placed. Nodes: the source, rows, columns, the sink; edges:
// source→row (capacity rowNeed), row→column (capacity 1 where the cell has a
// fraction), column→sink (capacity colNeed).
func (s *matrixSolver) maxFlow() int64 {
	m, n := s.m, s.n
	s.level = grow(s.level, m+n)
	s.rowIter = grow(s.rowIter, m)
	s.colIter = grow(s.colIter, n)
	for {
		if !s.bfs() {
			break
		}
		clear(s.rowIter)
		clear(s.colIter)
		for i := range m {
			for s.level[i] == 0 && s.rowFlow[i] < s.rowNeed[i] && s.dfsRow(i) {
				s.rowFlow[i]++
			}
		}
	}
	var placed int64
	for _, f := range s.rowFlow[:m] {
		placed += f
	}
	return placed
}

const unreached = -1

// bfs levels the residual graph from the rows that still need units (level 0)
// and reports whether a column with spare capacity is reachable.
func (s *matrixSolver) bfs() bool {
	m, n := s.m, s.n
	for k := range s.level {
		s.level[k] = unreached
	}
	s.queue = s.queue[:0]
	for i := range m {
		if s.rowFlow[i] < s.rowNeed[i] {
			s.level[i] = 0
			s.queue = append(s.queue, int32(i))
		}
	}
	s.levelEnd = unreached
	for h := 0; h < len(s.queue); h++ {
		v := int(s.queue[h])
		lv := s.level[v]
		if s.levelEnd != unreached && lv >= s.levelEnd {
			break
		}
		if v < m { // a row: to columns whose cell can still go up
			base := v * n
			for j := range n {
				c := m + j
				if s.level[c] == unreached && s.rems[base+j] != 0 && !s.up[base+j] {
					s.level[c] = lv + 1
					s.queue = append(s.queue, int32(c))
					if s.colFlow[j] < s.colNeed[j] && s.levelEnd == unreached {
						s.levelEnd = lv + 1
					}
				}
			}
		} else { // a column: back to rows whose cell went up
			j := v - m
			for i := range m {
				if s.level[i] == unreached && s.up[i*n+j] {
					s.level[i] = lv + 1
					s.queue = append(s.queue, int32(i))
				}
			}
		}
	}
	return s.levelEnd != unreached
}

// dfsRow looks for an augmenting path from row i along the level graph.
func (s *matrixSolver) dfsRow(i int) bool {
	m, n := s.m, s.n
	base := i * n
	for ; int(s.rowIter[i]) < n; s.rowIter[i]++ {
		j := int(s.rowIter[i])
		k := base + j
		if s.rems[k] == 0 || s.up[k] || s.level[m+j] != s.level[i]+1 {
			continue
		}
		if s.dfsCol(j) {
			s.up[k] = true
			return true
		}
	}
	return false
}

// dfsCol continues an augmenting path at column j: to the sink if it has spare
// capacity at the last level, else back through a row whose cell went up.
func (s *matrixSolver) dfsCol(j int) bool {
	m, n := s.m, s.n
	lv := s.level[m+j]
	if lv == s.levelEnd {
		if s.colFlow[j] < s.colNeed[j] {
			s.colFlow[j]++
			return true
		}
		return false
	}
	for ; int(s.colIter[j]) < m; s.colIter[j]++ {
		i := int(s.colIter[j])
		k := i*n + j
		if !s.up[k] || s.level[i] != lv+1 {
			continue
		}
		if s.dfsRow(i) {
			s.up[k] = false
			return true
		}
	}
	return false
}
