// Package round solves the controlled-rounding problems of plan (SPEC §4
// "Every grain", "Stable"): a table of exact proportional values, one row per
// node (a parent's children, a (reserve) row, a funnel leaf, a person), one
// column per period (months, week segments, another dimension's nodes, the
// funnel's before column), rounded to whole units so that
//
//   - every row adds up exactly to its whole total;
//   - every cell is the floor or the ceiling of its exact value (exactly the
//     value when it is whole);
//   - for every row and every column group (quarters, halves, the year: any
//     laminar family of contiguous column ranges the caller gives), the
//     group's sum is the floor or the ceiling of the group's exact sum;
//   - for every node of an optional tree over the rows (teams over people,
//     the block's parent over its children), each column's sum over the
//     node's rows is the floor or the ceiling of the exact sum; a node whose
//     exact column sums are whole (the parent of a split block) is therefore
//     exact column by column;
//   - among all roundings that obey the rules above, it has the fewest cells
//     that differ from each row's own rounding.
//
// A row's own rounding is its total spread over the columns by its exact
// values alone, in two steps, each by the largest remainder method with ties
// to the earlier period: first over the innermost groups (the groups that hold
// no other group: the quarters) and the columns outside them (the funnel's
// before column), then inside each innermost group over its columns. Outer
// groups (halves, the year) are bounds, not steps. For a year of months this
// is SPEC §4's "quarters first, then months". When the own roundings already
// obey every rule (no half, column or node is off), they are the answer and no
// flow runs.
//
// Such a rounding always exists: the rules are the bounds of a network flow
//
//	row → row×group → … → row×sub-group → cell → node×column → … → root×column → sink
//
// whose exact values are a feasible fractional flow, and a network with
// integral bounds that has a feasible flow has an integral one. The solver
// starts from the own roundings, clamped to the bounds, and moves the units
// that break a bound along cheapest paths (a primal-dual min-cost flow:
// Dijkstra with potentials on a bucket queue, then a blocking flow on the zero
// reduced-cost arcs); a cell moved away from its own rounding costs 1, any
// other move 0. It fails only on inconsistent input (a row whose exact values do not add up to its total,
// negative values, groups that are not laminar, a tree with a cycle), never on
// consistent input.
//
// Ties. Several roundings can have the same number of moved cells; the solver
// is deterministic (no maps, no randomness: rows, groups, columns and tree
// nodes are visited in the order given) and returns the one its search finds
// first: the Dijkstra search (a bucket queue) settles nodes of equal distance
// in the order it reached them, scanning each node's arcs newest first, and
// the blocking flow tries arcs newest first too (arcs are created row by row,
// a row's cells in column order, then its groups, then the tree nodes'
// columns). Same input, same output.
//
// SolveFractions (below) is the same problem with its own deterministic ties,
// built for large blocks (a funnel table over 100,000 leaves):
//
//   - rows under the same node with the same problem (total, cell and group
//     floors and fractions, own rounding: people with equal quotas) form a
//     class, rounded as one row of sums whose cells and groups may rise up
//     to the class's size above their floors (each unit moved still costs
//     1); the class's units are then dealt to its rows container by
//     container, each item's units to the rows that still need the most,
//     ties to the earlier row. Any rounding of the rows sums to one of the
//     class at the same cost, so the cells moved are still the fewest;
//   - the units move by push-relabel (FIFO, global relabelling) on the arcs
//     of reduced cost zero after each Dijkstra, instead of blocking flows,
//     which scan the whole network once per length of path.
//
// So Solve and SolveFractions move the same (least) number of cells on the
// same exact values, but may break ties differently.
//
// # API
//
// Three entry points, all methods of a reusable Solver (its scratch space is
// kept between calls, so one Solver per goroutine rounds many blocks without
// allocating):
//
//   - Solver.Split(out, rows, cols, groups): the rank-one block of a split. The
//     exact value of cell (i, j) is rows[i] × cols[j] / T, where T = Σ rows =
//     Σ cols; the columns are exact (the parent's cells). All arithmetic is on
//     64-bit integers (128-bit products). This is the fast path for every
//     node × period block and every cross of two dimensions.
//   - Solver.Solve(out, m): an arbitrary exact matrix (Matrix: Totals, Exact
//     as big.Rat cells, Groups, an optional tree Parent over rows and nodes).
//     Used by people over time (§9, a parent's block with availability: give
//     the block's parent as the one tree node; its column sums are the
//     parent's cells) and the re-spread lined up (§6): rows are the leaves,
//     nodes the teams above them.
//   - Solver.SolveFractions(out, f): a matrix whose rows each have one
//     denominator (Fractions: Totals, 64-bit numerators Num, a denominator
//     per row Den, Groups, Parent). No big.Rat: cells and groups on 64- and
//     128-bit integers, a node's column sums in 64-bit fixed point with the
//     exact sum computed only when a whole number lies within its rounding
//     error. Used by the funnel lined up with the money (§5), whose leaves'
//     masses are integers over one denominator each.
//
// Groups are given as half-open column ranges [Lo, Hi); they must be laminar
// (two ranges are disjoint or one contains the other). Columns outside every
// range (the funnel's before column) belong to the row directly. Quarters of a
// fiscal year by months are Quarters(12), halves and quarters Grains(12).
//
// out is row-major, len(rows) × columns, and is overwritten.
package round
