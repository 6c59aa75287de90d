package plan

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// mustLoad loads a plan written in the test and fails on any error.
func mustLoad(t testing.TB, src string) *Plan {
	t.Helper()
	p, diags := Load("plan.yaml", []byte(src))
	if diags.HasErrors() || p == nil {
		t.Fatalf("plan does not load:\n%s\n--- plan ---\n%s", diags.Err(), src)
	}
	return p
}

// mustSplit splits a plan and checks every invariant of SPEC §4 on the result.
func mustSplit(t testing.TB, p *Plan, opt Options) *Breakdown {
	t.Helper()
	b, err := Split(p, opt)
	if err != nil {
		t.Fatalf("Split(%+v): %v", opt, err)
	}
	checkBreakdown(t, b)
	return b
}

// rowByPath finds a row of a dimension by its path "a/b/c".
func rowByPath(t testing.TB, b *Breakdown, dim, path string) *Row {
	t.Helper()
	d := b.Dimension(dim)
	if d == nil {
		t.Fatalf("no dimension %s", dim)
	}
	for _, r := range d.Rows {
		if r.PathString() == path {
			return r
		}
	}
	t.Fatalf("no row %s in dimension %s", path, dim)
	return nil
}

// halfUpRat is n × rate rounded to the nearest whole number, halves up,
// computed plainly for the checks (SPEC §4, rounding of single products).
func halfUpRat(n int64, rate *big.Rat) int64 {
	if rate == nil {
		return 0
	}
	x := new(big.Rat).Mul(big.NewRat(n, 1), rate)
	x.Add(x, big.NewRat(1, 2))
	f := new(big.Int).Div(x.Num(), x.Denom())
	if !f.IsInt64() || f.Int64() > MaxUnits {
		panic(fmt.Sprintf("%d × %s is beyond MaxUnits: the engine should have refused it", n, rate.RatString()))
	}
	return f.Int64()
}

func sum64(v []int64) int64 {
	var s int64
	for _, x := range v {
		s += x
	}
	return s
}

// propRat is a × b / c as an exact rational (c > 0).
func propRat(a, b, c int64) *big.Rat {
	return new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(a), big.NewInt(b)), big.NewInt(c))
}

// checkBreakdown asserts every invariant of SPEC §4 on a breakdown: the target,
// reserve and allocated amounts, the time split, every tree (children add up to
// what their parent shares out, each within one unit of its exact share), every
// block of month cells and of week segments, and every period view.
func checkBreakdown(t testing.TB, b *Breakdown) {
	t.Helper()
	p := b.Plan
	rate := p.Reserve
	if m := p.metric(b.Metric); m != nil {
		rate = p.reserveRate(m) // §11: counts and costs hold nothing back by default
	}
	if want := halfUpRat(b.Target, rate); b.Reserve != want {
		t.Fatalf("reserve %d, want %d (target %d × %v, halves up)", b.Reserve, want, b.Target, rate)
	}
	if b.Allocated != b.Target-b.Reserve {
		t.Fatalf("allocated %d ≠ target %d − reserve %d", b.Allocated, b.Target, b.Reserve)
	}
	checkTimeSplit(t, b)
	checkGrains(t, b)
	checkPeopleSplit(t, b, "") // dimensions with windows: SPEC §9 (split_people_property_test.go)
	for _, d := range b.Dimensions {
		if p.Dimension(d.Name).HasPeople() {
			continue
		}
		checkTree(t, b, d)
		cellsOf := func(r *Row) []int64 { return r.Months }
		checkBlocks(t, d, b.Months, cellsOf, d.Name+" by month")
	}
	checkViews(t, b)
	checkWeekSegments(t, b)
}

// checkTimeSplit: the year is split into quarters, each quarter into its months,
// each by the largest remainder method (every amount within one unit of its
// exact share).
func checkTimeSplit(t testing.TB, b *Breakdown) {
	t.Helper()
	if len(b.Months) != 12 {
		t.Fatalf("%d months", len(b.Months))
	}
	if s := sum64(b.Months); s != b.Allocated {
		t.Fatalf("months add up to %d, allocated is %d", s, b.Allocated)
	}
	months, quarters := checkWeights(b)
	qs := make([]int64, 4)
	for q := range 4 {
		qs[q] = sum64(b.Months[3*q : 3*q+3])
	}
	checkApportion(t, b.Allocated, quarters, qs)
	for q := range 4 {
		checkApportion(t, qs[q], months[3*q:3*q+3], b.Months[3*q:3*q+3])
	}
}

// checkWeights works out a breakdown's month and quarter weights plainly from
// its seasonality (SPEC §4): the month weights given, else working or
// calendar days, else equal; the quarter weights given, else the sums of
// their months' weights.
func checkWeights(b *Breakdown) (months, quarters []*big.Rat) {
	s := b.Seasonality() // a metric's own (§11), else the plan's
	months = make([]*big.Rat, 12)
	for i := range 12 {
		switch {
		case s.Months != nil:
			months[i] = s.Months[i]
		case s.Basis == BasisWorkingDays:
			months[i] = big.NewRat(int64(b.Calendar.Months[i].WorkingDays), 1)
		case s.Basis == BasisCalendarDays:
			months[i] = big.NewRat(int64(b.Calendar.Months[i].Days), 1)
		default:
			months[i] = big.NewRat(1, 1)
		}
	}
	quarters = s.Quarters
	if quarters == nil {
		quarters = make([]*big.Rat, 4)
		for q := range 4 {
			quarters[q] = new(big.Rat).Add(months[3*q], new(big.Rat).Add(months[3*q+1], months[3*q+2]))
		}
	}
	return months, quarters
}

// checkTree walks a dimension's rows: their order, paths and depths, and the
// amounts each parent shares out.
func checkTree(t testing.TB, b *Breakdown, d *DimensionSplit) {
	t.Helper()
	dim := b.Plan.Dimension(d.Name)
	if dim == nil {
		t.Fatalf("dimension %s is not in the plan", d.Name)
	}
	// Rows are depth-first in declaration order, each reserve row after the last
	// child's subtree.
	var want []string
	var walk func(nodes []*Node, prefix string)
	walk = func(nodes []*Node, prefix string) {
		for _, n := range nodes {
			path := prefix + n.Name
			want = append(want, path)
			walk(n.Children, path+"/")
			if n.Reserve != nil && !n.Leaf() {
				want = append(want, path+"/"+ReserveName)
			}
		}
	}
	walk(dim.Roots, "")
	var got []string
	for i, r := range d.Rows {
		got = append(got, r.PathString())
		if r.Index != i {
			t.Fatalf("row %s has Index %d at position %d", r.PathString(), r.Index, i)
		}
		if r.Depth != len(r.Path) {
			t.Fatalf("row %s has depth %d", r.PathString(), r.Depth)
		}
		if r.Amount < 0 {
			t.Fatalf("row %s has a negative amount %d", r.PathString(), r.Amount)
		}
		if len(r.Months) != 12 {
			t.Fatalf("row %s has %d months", r.PathString(), len(r.Months))
		}
		if s := sum64(r.Months); s != r.Amount {
			t.Fatalf("the months of %s add up to %d, its amount is %d", r.PathString(), s, r.Amount)
		}
		for _, c := range r.Months {
			if c < 0 {
				t.Fatalf("row %s has a negative month cell", r.PathString())
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("rows of %s:\n got %q\nwant %q", d.Name, got, want)
	}
	if s := sumAmounts(d.Roots); s != b.Allocated {
		t.Fatalf("the top-level rows of %s add up to %d, allocated is %d", d.Name, s, b.Allocated)
	}
	revenue := b.Metric == RevenueMetric
	checkShares(t, b, b.Allocated, d.Roots, revenue, d.Name)
	for _, r := range d.Rows {
		if r.Leaf() {
			if r.Node != nil && !r.Node.Leaf() {
				t.Fatalf("row %s has no children but its node has", r.PathString())
			}
			continue
		}
		n := r.Node
		reserve := halfUpRat(r.Amount, n.Reserve)
		shared := r.Amount - reserve
		if n.OverAssign != nil {
			shared = halfUpRat(shared, new(big.Rat).Add(big.NewRat(1, 1), n.OverAssign))
		}
		kids := r.Children
		if n.Reserve != nil {
			rr := kids[len(kids)-1]
			if !rr.IsReserve() || rr.Amount != reserve || rr.Parent != r {
				t.Fatalf("the reserve row of %s is %+v, want %d", r.PathString(), rr, reserve)
			}
			kids = kids[:len(kids)-1]
		}
		for _, k := range kids {
			if k.Parent != r || k.IsReserve() {
				t.Fatalf("child %s of %s is misplaced", k.PathString(), r.PathString())
			}
		}
		if s := sumAmounts(kids); s != shared {
			t.Fatalf("the children of %s add up to %d, it shares out %d (amount %d, reserve %d, over_assign %v)",
				r.PathString(), s, shared, r.Amount, reserve, n.OverAssign)
		}
		checkShares(t, b, shared, kids, revenue, r.PathString())
	}
}

func sumAmounts(rows []*Row) int64 {
	var s int64
	for _, r := range rows {
		s += r.Amount
	}
	return s
}

// checkShares asserts that each child is within one unit of its exact share of
// what the parent shares out. For the revenue target the exact share follows
// SPEC §4 from the nodes themselves: fixed amounts first, the rest by
// normalised weights (equally when none or all zero). An extra metric is split
// by the same shares as the revenue (Row.Share).
func checkShares(t testing.TB, b *Breakdown, shared int64, kids []*Row, revenue bool, parent string) {
	t.Helper()
	if !revenue {
		for _, k := range kids {
			checkFloorCeil(t, k.Amount, new(big.Rat).Mul(big.NewRat(shared, 1), k.Share), "metric %s: %s", b.Metric, k.PathString())
		}
		return
	}
	rest := shared
	var weights []*big.Rat
	var weighted []*Row
	for _, k := range kids {
		n := k.Node
		if n.Kind == Fixed {
			// a fixed amount is held as written, in every tier
			if want, _ := b.Unit.Count(n.Amount); k.Amount != want {
				t.Fatalf("fixed %s has %d, wrote %d", k.PathString(), k.Amount, want)
			}
			rest -= k.Amount
			continue
		}
		weighted = append(weighted, k)
		switch n.Kind {
		case Percent, Factor:
			weights = append(weights, n.Weight)
		case History:
			w := new(big.Rat).Set(n.LastYear)
			if n.Growth != nil {
				w.Mul(w, new(big.Rat).Add(big.NewRat(1, 1), n.Growth))
			}
			weights = append(weights, w)
		default:
			weights = append(weights, big.NewRat(1, 1))
		}
	}
	if rest < 0 {
		t.Fatalf("the fixed amounts under %s exceed %d", parent, shared)
	}
	parts := make([]int64, len(weighted))
	for i, k := range weighted {
		parts[i] = k.Amount
	}
	if len(weighted) > 0 {
		checkApportion(t, rest, weights, parts)
		if want := refApportion(rest, weights); !slices.Equal(parts, want) {
			t.Fatalf("children of %s: %v, largest remainder (ties to the first) gives %v", parent, parts, want)
		}
	}
}

// checkBlocks asserts the matrix rules of SPEC §4 over any set of columns
// (months, or another dimension's nodes): every row adds up to its amount (rows
// are checked by the caller for months); the top-level rows add up to top in
// every column; in every block the children (and the reserve row) add up to
// the parent's cell, or, when they add up to more than the parent (over_assign),
// to column totals that are the block's total split in proportion to the
// parent's row; and every cell is the floor or the ceiling of the child's
// amount × the column total / the block's total.
func checkBlocks(t testing.TB, d *DimensionSplit, top []int64, cellsOf func(*Row) []int64, what string) {
	t.Helper()
	checkBlock(t, top, sum64(top), d.Roots, cellsOf, what+": top level")
	for _, r := range d.Rows {
		if r.Leaf() {
			continue
		}
		checkBlock(t, cellsOf(r), r.Amount, r.Children, cellsOf, what+": children of "+r.PathString())
	}
}

func checkBlock(t testing.TB, parent []int64, parentTotal int64, kids []*Row, cellsOf func(*Row) []int64, what string) {
	t.Helper()
	n := len(parent)
	total := sumAmounts(kids)
	cols := make([]int64, n)
	for _, k := range kids {
		cells := cellsOf(k)
		if len(cells) != n {
			t.Fatalf("%s: row %s has %d cells, want %d", what, k.PathString(), len(cells), n)
		}
		if s := sum64(cells); s != k.Amount {
			t.Fatalf("%s: the cells of %s add up to %d, its amount is %d", what, k.PathString(), s, k.Amount)
		}
		for j, c := range cells {
			cols[j] += c
		}
	}
	if total == parentTotal {
		if !slices.Equal(cols, parent) {
			t.Fatalf("%s: the children add up to %v, the parent has %v", what, short(cols), short(parent))
		}
	} else {
		if sum64(cols) != total {
			t.Fatalf("%s: the columns add up to %d, the children to %d", what, sum64(cols), total)
		}
		for j := range n {
			if parentTotal == 0 {
				t.Fatalf("%s: children have %d under a parent with nothing", what, total)
			}
			checkFloorCeil(t, cols[j], propRat(total, parent[j], parentTotal), "%s: column %d total (over-assigned)", what, j)
		}
	}
	if total == 0 {
		return
	}
	for _, k := range kids {
		for j, c := range cellsOf(k) {
			checkFloorCeil(t, c, propRat(k.Amount, cols[j], total), "%s: cell %d of %s", what, j, k.PathString())
		}
	}
}

var isoWeek = regexp.MustCompile(`^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$`)

// checkViews: quarters and the year are sums of months; weeks are exact in both
// directions; labels follow SPEC §7.
func checkViews(t testing.TB, b *Breakdown) {
	t.Helper()
	for _, p := range Periods {
		v, err := b.View(p)
		if err != nil {
			t.Fatalf("View(%s): %v", p, err)
		}
		if len(v.Time) != len(v.Labels) {
			t.Fatalf("View(%s): %d time cells for %d labels", p, len(v.Time), len(v.Labels))
		}
		if s := sum64(v.Time); s != b.Allocated {
			t.Fatalf("View(%s): time adds up to %d, allocated is %d", p, s, b.Allocated)
		}
		switch p {
		case PeriodYear:
			if !slices.Equal(v.Labels, []string{"FY"}) {
				t.Fatalf("year labels %v", v.Labels)
			}
		case PeriodHalf:
			if !slices.Equal(v.Labels, []string{"H1", "H2"}) {
				t.Fatalf("half labels %v", v.Labels)
			}
		case PeriodQuarter:
			if !slices.Equal(v.Labels, []string{"Q1", "Q2", "Q3", "Q4"}) {
				t.Fatalf("quarter labels %v", v.Labels)
			}
		case PeriodMonth:
			for i, l := range v.Labels {
				if l != b.Calendar.Start.Add(i).String() {
					t.Fatalf("month label %d is %s", i, l)
				}
			}
		case PeriodWeek:
			for i, l := range v.Labels {
				if !isoWeek.MatchString(l) || (i > 0 && l <= v.Labels[i-1]) {
					t.Fatalf("week labels not ISO weeks in order: %v", v.Labels)
				}
			}
		}
		for di, d := range b.Dimensions {
			cellsOf := func(r *Row) []int64 { return v.Cells(di, r.Index) }
			for _, r := range d.Rows {
				cells := cellsOf(r)
				if s := sum64(cells); s != r.Amount {
					t.Fatalf("View(%s): %s adds up to %d, its amount is %d", p, r.PathString(), s, r.Amount)
				}
				// quarters and the year are sums of months
				if p == PeriodQuarter || p == PeriodHalf || p == PeriodYear {
					size := 12 / len(v.Labels)
					for g := range v.Labels {
						if want := sum64(r.Months[g*size : (g+1)*size]); cells[g] != want {
							t.Fatalf("View(%s): %s cell %d is %d, its months add up to %d", p, r.PathString(), g, cells[g], want)
						}
					}
				}
			}
			// The top rows add up to the time split; children to their parent
			// wherever there is no over_assign.
			tops := make([]int64, len(v.Labels))
			for _, r := range d.Roots {
				for j, c := range cellsOf(r) {
					tops[j] += c
				}
			}
			if !slices.Equal(tops, v.Time) {
				t.Fatalf("View(%s): the top rows of %s add up to %v, the time split is %v", p, d.Name, short(tops), short(v.Time))
			}
			for _, r := range d.Rows {
				if r.Leaf() || sumAmounts(r.Children) != r.Amount {
					continue
				}
				sums := make([]int64, len(v.Labels))
				for _, k := range r.Children {
					for j, c := range cellsOf(k) {
						sums[j] += c
					}
				}
				if !slices.Equal(sums, cellsOf(r)) {
					t.Fatalf("View(%s): the children of %s add up to %v, it has %v", p, r.PathString(), short(sums), short(cellsOf(r)))
				}
			}
		}
	}
}

// checkWeekSegments: each month is split into its ISO-week segments by working
// days (or calendar days) and every block of segments is a controlled rounding,
// exactly like months.
func checkWeekSegments(t testing.TB, b *Breakdown) {
	t.Helper()
	ws, err := b.weekSegments()
	if err != nil {
		t.Fatal(err)
	}
	c := b.Calendar
	for m := range 12 {
		lo, hi := ws.first[m], ws.first[m+1]
		segs := c.Months[m].Segments
		if hi-lo != len(segs) {
			t.Fatalf("month %d has %d segments, the calendar %d", m, hi-lo, len(segs))
		}
		weights := make([]*big.Rat, len(segs))
		useWorking := b.Seasonality().Basis == BasisWorkingDays && c.Months[m].WorkingDays > 0
		for i, s := range segs {
			w := s.Days
			if useWorking {
				w = s.WorkingDays
			}
			weights[i] = big.NewRat(int64(w), 1)
		}
		checkApportion(t, b.Months[m], weights, ws.time[lo:hi])
		nseg := len(ws.week)
		for di, d := range b.Dimensions {
			segsOf := func(r *Row) []int64 {
				return ws.dims[di][r.Index*nseg+lo : r.Index*nseg+hi]
			}
			what := fmt.Sprintf("%s month %d segments", d.Name, m)
			checkBlockMonth(t, ws.time[lo:hi], d.Roots, m, segsOf, what+": top level")
			for _, r := range d.Rows {
				if !r.Leaf() {
					checkBlockMonth(t, segsOf(r), r.Children, m, segsOf, what+": children of "+r.PathString())
				}
			}
		}
	}
}

// checkBlockMonth is checkBlock for one month's segments, where a row's total is
// its month cell rather than its amount.
func checkBlockMonth(t testing.TB, parent []int64, kids []*Row, m int, segsOf func(*Row) []int64, what string) {
	t.Helper()
	var total int64
	cols := make([]int64, len(parent))
	for _, k := range kids {
		total += k.Months[m]
		s := segsOf(k)
		if sum64(s) != k.Months[m] {
			t.Fatalf("%s: the segments of %s add up to %d, its month is %d", what, k.PathString(), sum64(s), k.Months[m])
		}
		for j, c := range s {
			cols[j] += c
		}
	}
	parentTotal := sum64(parent)
	if total == parentTotal {
		if !slices.Equal(cols, parent) {
			t.Fatalf("%s: children add up to %v, parent %v", what, cols, parent)
		}
	} else {
		for j := range parent {
			checkFloorCeil(t, cols[j], propRat(total, parent[j], parentTotal), "%s: column %d", what, j)
		}
	}
	if total == 0 {
		return
	}
	for _, k := range kids {
		for j, c := range segsOf(k) {
			checkFloorCeil(t, c, propRat(k.Months[m], cols[j], total), "%s: segment %d of %s", what, j, k.PathString())
		}
	}
}

// checkCross asserts SPEC §4 on `--by A,B`: the columns are B's nodes at the
// depth (and B's leaves above it), their totals B's amounts (scaled back to the
// allocated amount when over_assign makes them add up to more), every row adds
// up to A's amount, the top rows to the column totals, children to parents.
func checkCross(t testing.TB, b *Breakdown, a, bn string, depth int) *Cross {
	t.Helper()
	c, err := b.Cross(a, bn, depth)
	if err != nil {
		t.Fatalf("Cross(%s, %s, %d): %v", a, bn, depth, err)
	}
	db := b.Dimension(bn)
	var want []*Row
	for _, r := range db.Rows {
		if r.Depth == depth || (r.Depth < depth && r.Leaf()) {
			want = append(want, r)
		}
	}
	if !slices.Equal(c.Columns, want) {
		t.Fatalf("Cross columns %d, want %d", len(c.Columns), len(want))
	}
	amounts := make([]int64, len(want))
	for i, r := range want {
		amounts[i] = r.Amount
	}
	if sum64(c.Totals) != b.Allocated {
		t.Fatalf("cross column totals add up to %d, allocated %d", sum64(c.Totals), b.Allocated)
	}
	if s := sum64(amounts); s == b.Allocated {
		if !slices.Equal(c.Totals, amounts) {
			t.Fatalf("cross column totals %v, B's amounts %v", short(c.Totals), short(amounts))
		}
	} else {
		for j := range amounts {
			checkFloorCeil(t, c.Totals[j], propRat(b.Allocated, amounts[j], s), "cross column %d scaled", j)
		}
	}
	da := b.Dimension(a)
	checkBlocks(t, da, c.Totals, func(r *Row) []int64 { return c.Cells(r.Index) }, fmt.Sprintf("%s × %s@%d", a, bn, depth))
	return c
}

// sameBreakdown asserts that two breakdowns hold the same numbers everywhere.
func sameBreakdown(t testing.TB, x, y *Breakdown) {
	t.Helper()
	if x.Target != y.Target || x.Reserve != y.Reserve || x.Allocated != y.Allocated || !slices.Equal(x.Months, y.Months) {
		t.Fatalf("two splits differ in their totals")
	}
	for di, d := range x.Dimensions {
		e := y.Dimensions[di]
		if len(d.Rows) != len(e.Rows) {
			t.Fatalf("two splits differ in rows")
		}
		for i, r := range d.Rows {
			s := e.Rows[i]
			if r.PathString() != s.PathString() || r.Amount != s.Amount || !slices.Equal(r.Months, s.Months) || r.Share.Cmp(s.Share) != 0 {
				t.Fatalf("two splits differ at %s", r.PathString())
			}
		}
	}
	for _, p := range Periods {
		vx, _ := x.View(p)
		vy, _ := y.View(p)
		if !slices.Equal(vx.Time, vy.Time) || !slices.Equal(vx.Labels, vy.Labels) {
			t.Fatalf("two splits differ in View(%s)", p)
		}
		for di := range vx.dims {
			if !slices.Equal(vx.dims[di], vy.dims[di]) {
				t.Fatalf("two splits differ in View(%s) cells", p)
			}
		}
	}
}

// indent prefixes every line of s, for plans written inline in tests.
func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n") + "\n"
}
