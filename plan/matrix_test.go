package plan

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// checkMatrix asserts the controlled-rounding properties of RoundMatrix: rows
// add up to rows, columns to cols, every cell is the floor or the ceiling of
// rows[i] × cols[j] / T.
func checkMatrix(t testing.TB, rows, cols, cells []int64) {
	t.Helper()
	m, n := len(rows), len(cols)
	if len(cells) != m*n {
		t.Fatalf("RoundMatrix(%d×%d) gave %d cells", m, n, len(cells))
	}
	var total int64
	for _, r := range rows {
		total += r
	}
	colSums := make([]int64, n)
	for i := range m {
		var s int64
		for j := range n {
			c := cells[i*n+j]
			s += c
			colSums[j] += c
			if total == 0 {
				if c != 0 {
					t.Fatalf("cell (%d,%d) = %d in an all-zero table", i, j, c)
				}
				continue
			}
			exact := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(rows[i]), big.NewInt(cols[j])), big.NewInt(total))
			checkFloorCeil(t, c, exact, "cell (%d,%d) of rows %v cols %v", i, j, short(rows), short(cols))
		}
		if s != rows[i] {
			t.Fatalf("row %d adds up to %d, want %d", i, s, rows[i])
		}
	}
	for j := range n {
		if colSums[j] != cols[j] {
			t.Fatalf("column %d adds up to %d, want %d", j, colSums[j], cols[j])
		}
	}
}

func short(v []int64) []int64 {
	if len(v) > 8 {
		return v[:8]
	}
	return v
}

// randomMargins returns row and column totals with the same sum.
func randomMargins(rng *rand.Rand, m, n int, total int64, zeros float64) (rows, cols []int64) {
	split := func(k int) []int64 {
		ws := make([]*big.Rat, k)
		for i := range ws {
			if rng.Float64() < zeros {
				ws[i] = new(big.Rat)
			} else {
				ws[i] = big.NewRat(rng.Int64N(1000)+1, 1)
			}
		}
		return Apportion(total, ws)
	}
	return split(m), split(n)
}

func TestRoundMatrixSmall(t *testing.T) {
	tests := []struct {
		name       string
		rows, cols []int64
		want       []int64
	}{
		// proportional cells are whole: no rounding
		{"exact", []int64{2, 4}, []int64{3, 3}, []int64{1, 1, 2, 2}},
		// 1×n and m×1 are the margins themselves
		{"one row", []int64{10}, []int64{3, 3, 4}, []int64{3, 3, 4}},
		{"one column", []int64{3, 3, 4}, []int64{10}, []int64{3, 3, 4}},
		{"all zero", []int64{0, 0}, []int64{0, 0, 0}, []int64{0, 0, 0, 0, 0, 0}},
		// a zero row gets zero cells
		{"zero row", []int64{0, 5}, []int64{2, 3}, []int64{0, 0, 2, 3}},
		// 2×2 of 1s with total 2: cells ½ each, one of each row and column goes up;
		// the greedy pass takes cells in order, ties to the earlier cell
		{"halves", []int64{1, 1}, []int64{1, 1}, []int64{1, 0, 0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RoundMatrix(tt.rows, tt.cols)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("RoundMatrix(%v, %v) = %v, want %v", tt.rows, tt.cols, got, tt.want)
			}
			checkMatrix(t, tt.rows, tt.cols, got)
		})
	}
}

func TestRoundMatrixBadMargins(t *testing.T) {
	tests := []struct {
		rows, cols []int64
		msg        string
	}{
		{[]int64{1, 2}, []int64{4}, "rows add up to 3 but columns to 4"},
		{[]int64{-1, 2}, []int64{1}, "negative row total"},
		{[]int64{1}, []int64{2, -1}, "negative column total"},
	}
	for _, tt := range tests {
		if _, err := RoundMatrix(tt.rows, tt.cols); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("RoundMatrix(%v, %v) error = %v, want %q", tt.rows, tt.cols, err, tt.msg)
		}
	}
}

// Random margins of many shapes: the properties hold and the result is the
// same every time.
func TestRoundMatrixProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	shapes := []struct {
		m, n  int
		iters int
	}{
		{2, 2, 3000}, {3, 12, 3000}, {12, 3, 2000}, {1, 40, 200}, {40, 1, 200},
		{7, 5, 2000}, {20, 12, 500}, {500, 12, 20}, {12, 500, 20}, {60, 60, 30},
	}
	for _, sh := range shapes {
		if testing.Short() {
			sh.iters = max(sh.iters/10, 1)
		}
		for range sh.iters {
			var total int64
			switch rng.IntN(4) {
			case 0:
				total = rng.Int64N(int64(sh.m*sh.n) + 1) // fewer units than cells
			case 1:
				total = rng.Int64N(1_000_000)
			case 2:
				total = MaxUnits - rng.Int64N(1000) // near 10¹⁵
			default:
				total = rng.Int64N(MaxUnits)
			}
			zeros := []float64{0, 0.3, 0.9}[rng.IntN(3)]
			rows, cols := randomMargins(rng, sh.m, sh.n, total, zeros)
			got, err := RoundMatrix(rows, cols)
			if err != nil {
				t.Fatalf("RoundMatrix(%v, %v): %v", short(rows), short(cols), err)
			}
			checkMatrix(t, rows, cols, got)
			again, _ := RoundMatrix(rows, cols)
			if !slices.Equal(got, again) {
				t.Fatalf("RoundMatrix(%v, %v) is not deterministic", short(rows), short(cols))
			}
		}
	}
}

// Adversarial margins: all units in one row or column, rows of one unit each
// (every cell a small fraction), and equal margins that make every remainder tie.
func TestRoundMatrixAdversarial(t *testing.T) {
	ones := func(k int) []int64 {
		v := make([]int64, k)
		for i := range v {
			v[i] = 1
		}
		return v
	}
	concentrated := func(k int, total int64) []int64 {
		v := make([]int64, k)
		v[k/2] = total
		return v
	}
	equal := func(k int, total int64) []int64 {
		return Apportion(total, rats(t, strings.Split(strings.Repeat("1,", k-1)+"1", ",")...))
	}
	cases := []struct {
		name       string
		rows, cols []int64
	}{
		{"500 rows of one unit over 12 months", ones(500), equal(12, 500)},
		{"12 rows of one unit over 500 columns", equal(12, 12), append(ones(12), make([]int64, 488)...)},
		{"12 × 500 of one unit each column", equal(12, 500), ones(500)},
		{"one heavy row", concentrated(50, MaxUnits), equal(12, MaxUnits)},
		{"one heavy column", equal(40, MaxUnits), concentrated(12, MaxUnits)},
		{"ties everywhere", equal(97, 97*13+5), equal(13, 97*13+5)},
		{"primes", []int64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29}, []int64{43, 47, 39}},
		{"huge and tiny", []int64{MaxUnits - 3, 1, 1, 1}, []int64{1, MaxUnits - 2, 1}},
		{"500 × 12 near 10¹⁵", equal(500, MaxUnits), equal(12, MaxUnits)},
		{"12 × 500 near 10¹⁵", equal(12, MaxUnits-7), equal(500, MaxUnits-7)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := RoundMatrix(c.rows, c.cols)
			if err != nil {
				t.Fatal(err)
			}
			checkMatrix(t, c.rows, c.cols, got)
		})
	}
}

func BenchmarkRoundMatrix500x12(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	rows, cols := randomMargins(rng, 500, 12, 98_765_432, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RoundMatrix(rows, cols); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSortCellsMatchesComparisonSort checks the radix sort of the greedy pass
// against the order it must give: remainder descending, index ascending.
func TestSortCellsMatchesComparisonSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 2000 {
		n := rng.IntN(400)
		cells := make([]cellKey, n)
		for i := range cells {
			var rem uint64
			switch rng.IntN(3) {
			case 0:
				rem = uint64(rng.IntN(4)) // many ties
			case 1:
				rem = rng.Uint64N(1 << 20)
			default:
				rem = rng.Uint64N(MaxUnits)
			}
			cells[i] = cellKey{rem: rem, k: int32(i)}
		}
		want := slices.Clone(cells)
		slices.SortFunc(want, func(a, b cellKey) int {
			switch {
			case a.rem > b.rem:
				return -1
			case a.rem < b.rem:
				return 1
			}
			return int(a.k - b.k)
		})
		got := sortCells(slices.Clone(cells), make([]cellKey, n))
		if !slices.Equal(got, want) {
			t.Fatalf("n=%d: radix order differs from the comparison order", n)
		}
	}
}

// TestReusedSolverMatchesFresh checks that one solver reused across many blocks
// of different shapes (as spread reuses it) gives what a fresh solver gives.
func TestReusedSolverMatchesFresh(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	var reused matrixSolver
	for range 300 {
		m, n := 1+rng.IntN(60), 1+rng.IntN(60)
		rows := make([]int64, m)
		var total int64
		for i := range rows {
			rows[i] = rng.Int64N(1_000_000)
			total += rows[i]
		}
		cols := apportionCells(total, randomCells(rng, n))
		fresh, err := RoundMatrix(rows, cols)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]int64, m*n)
		if err := reused.solve(rows, cols, got); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, fresh) {
			t.Fatalf("%d×%d: a reused solver differs from a fresh one", m, n)
		}
	}
}

func randomCells(rng *rand.Rand, n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = 1 + rng.Int64N(1000)
	}
	return out
}
