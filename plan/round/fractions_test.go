package round

import (
	"errors"
	"fmt"
	"github.com/planhq/plan/plan/wide"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// matrixOf returns the Matrix of the same exact values as f.
func matrixOf(f *Fractions) *Matrix {
	R, C := len(f.Totals), f.Cols
	m := &Matrix{Cols: C, Totals: f.Totals, Exact: make([]*big.Rat, len(f.Num)), Groups: f.Groups, Parent: f.Parent}
	for k, x := range f.Num {
		if i := k / max(C, 1); i < R && len(f.Den) == R && f.Den[i] != 0 {
			m.Exact[k] = new(big.Rat).SetFrac(new(big.Int).SetUint64(x), new(big.Int).SetUint64(f.Den[i]))
		}
	}
	return m
}

// Hand-computed: two rows under one node, by two groups of three columns.
//
//	row 0, total 5 over 4: 3/4 3/4 3/4 | 3/4 3/4 5/4
//	row 1, total 4 over 3: 2/3 2/3 2/3 | 2/3 2/3 2/3
//
// Row 0's groups are 9/4 and 11/4 (floors 2 and 2): the left-over unit goes
// to the larger remainder, so 2 and 3; inside them 2 × 3/9 each → 1 1 0, and
// 3 × (3, 3, 5)/11 = 9/11 9/11 15/11 → 1 1 1. Row 1's groups are 2 and 2
// exactly; inside, 2/3 each → 1 1 0 twice. The node's columns are 17/12 five
// times and 23/12 (floors 1): the own roundings add up to 2 2 0 2 2 1, so the
// third column is one short, and one row must move one unit into it from
// another column: two cells, the fewest.
func TestSolveFractionsByHand(t *testing.T) {
	f := &Fractions{
		Cols:   6,
		Totals: []int64{5, 4},
		Num:    []uint64{3, 3, 3, 3, 3, 5, 2, 2, 2, 2, 2, 2},
		Den:    []uint64{4, 3},
		Groups: []Range{{0, 3}, {3, 6}},
		Parent: []int{2, 2, -1},
	}
	var s Solver
	out := make([]int64, 12)
	if err := s.SolveFractions(out, f); err != nil {
		t.Fatal(err)
	}
	// the problem, by hand
	p := &s.p
	if want := []int64{0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}; !slices.Equal(p.cellLo, want) {
		t.Fatalf("cell floors %v, want %v", p.cellLo, want)
	}
	if want := []int64{2, 2, 2, 2}; !slices.Equal(p.grpLo[:4], want) || !slices.Equal(p.grpFrac[:4], []bool{true, true, false, false}) {
		t.Fatalf("group floors %v fractions %v, want %v, row 0's with a fraction", p.grpLo[:4], p.grpFrac[:4], want)
	}
	if want := []int64{1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 0}; !slices.Equal(p.own, want) {
		t.Fatalf("own roundings %v, want %v", p.own, want)
	}
	if want := []int64{1, 1, 1, 1, 1, 1}; !slices.Equal(p.nodeLo[:6], want) {
		t.Fatalf("node floors %v, want %v", p.nodeLo[:6], want)
	}
	if bad := (&block{m: *matrixOf(f)}).violations(out); len(bad) > 0 {
		t.Fatalf("%v breaks %v", out, bad)
	}
	if got := cost(out, p.own); got != 2 {
		t.Fatalf("%v moves %d cells from %v, want 2", out, got, p.own)
	}
}

// A node whose fractions add up to a whole number (thirds) is exact column by
// column, though its fixed-point sum is just below the whole.
func TestSolveFractionsWholeNode(t *testing.T) {
	f := &Fractions{
		Cols:   2,
		Totals: []int64{1, 1, 1},
		Num:    []uint64{1, 2, 2, 1, 0, 3},
		Den:    []uint64{3, 3, 3},
		Parent: []int{3, 3, 4, 4, -1},
	}
	var s Solver
	out := make([]int64, 6)
	if err := s.SolveFractions(out, f); err != nil {
		t.Fatal(err)
	}
	// node 3 (rows 0, 1): 1/3 + 2/3 = 1 and 2/3 + 1/3 = 1: exact
	if p := &s.p; !slices.Equal(p.nodeLo[:4], []int64{1, 1, 1, 2}) || slices.Contains(p.nodeFrac[:4], true) {
		t.Fatalf("node floors %v fractions %v, want [1 1 1 2] and none", p.nodeLo[:4], p.nodeFrac[:4])
	}
	if out[0]+out[2] != 1 || out[1]+out[3] != 1 || out[5] != 1 {
		t.Fatalf("out %v: node 3's columns must be 1 and 1, row 2 is 0 1", out)
	}
}

func TestSolveFractionsRejects(t *testing.T) {
	for name, f := range map[string]*Fractions{
		"total":       {Cols: 2, Totals: []int64{2}, Num: []uint64{1, 2}, Den: []uint64{2}},
		"denominator": {Cols: 1, Totals: []int64{0}, Num: []uint64{0}, Den: []uint64{0}},
		"negative":    {Cols: 1, Totals: []int64{-1}, Num: []uint64{0}, Den: []uint64{1}},
		"shape":       {Cols: 2, Totals: []int64{1}, Num: []uint64{1}, Den: []uint64{1}},
		"overflow":    {Cols: 2, Totals: []int64{1}, Num: []uint64{math.MaxUint64, 2}, Den: []uint64{1}},
		"cycle":       {Cols: 1, Totals: []int64{1}, Num: []uint64{1}, Den: []uint64{1}, Parent: []int{1, 2, 1}},
	} {
		var s Solver
		out := make([]int64, len(f.Totals)*f.Cols)
		if err := s.SolveFractions(out, f); !errors.Is(err, ErrInconsistent) {
			t.Errorf("%s: error %v, want ErrInconsistent", name, err)
		}
	}
}

// randomFractions builds a block of rows over their own denominators: small
// (thirds, twelfths), up to 2⁴⁰, or close to 2⁶⁴ (cells below 2 then); each
// row topped up to a whole total on its last column; groups and a tree now
// and then.
func randomFractions(r *rand.Rand, R, C int) *Fractions {
	f := &Fractions{Cols: C, Totals: make([]int64, R), Num: make([]uint64, R*C), Den: make([]uint64, R)}
	for i := range R {
		var den uint64
		switch r.IntN(4) {
		case 0:
			den = 1 + r.Uint64N(12)
		case 1:
			den = 1 + r.Uint64N(1<<40)
		case 2:
			den = math.MaxUint64 - r.Uint64N(1<<20)
		default:
			den = 3 // many thirds: node sums that are whole
		}
		f.Den[i] = den
		limit := uint64(math.MaxUint64) / uint64(2*C) // the row's sum stays within 64 bits
		if den <= limit/50 {
			limit = den * 50
		}
		var sum wide.U128
		for j := range C - 1 {
			var x uint64
			if r.IntN(5) > 0 {
				x = r.Uint64N(limit)
			}
			f.Num[i*C+j] = x
			sum, _ = sum.Add64(x)
		}
		q, rem, _ := sum.QuoRem(wide.U128{Lo: den})
		if rem.Lo != 0 || r.IntN(3) == 0 {
			q++
		}
		last, _ := wide.Mul(q, den).Sub(sum)
		if last.Hi != 0 {
			q--
			last, _ = wide.Mul(q, den).Sub(sum)
		}
		f.Num[i*C+C-1] = last.Lo
		f.Totals[i] = int64(q)
	}
	return f
}

// SolveFractions builds the problem fillRat builds from the same exact
// values, on thousands of random blocks (groups, trees, node sums that are
// whole, denominators near 2⁶⁴); its rounding obeys every rule and moves as
// few cells as Solve's.
func TestFractionsMatchSolve(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	var s1, s2 Solver
	for n := range 3000 {
		R, C := 1+r.IntN(12), 1+r.IntN(14)
		f := randomFractions(r, R, C)
		if r.IntN(3) > 0 {
			f.Groups = randomGroups(r, C)
		}
		m := matrixOf(f)
		if r.IntN(4) > 0 {
			b := &block{m: *m}
			randomTree(r, b, 6)
			f.Parent, m.Parent = b.m.Parent, b.m.Parent
		}
		name := fmt.Sprintf("block %d", n)
		got, err1 := fractionsProblem(&s1, f)
		want, _, err2 := problemOf(t, m, false)
		if fmt.Sprint(err1) != fmt.Sprint(err2) && (err1 == nil || err2 == nil) {
			t.Fatalf("%s: errors %v and %v", name, err1, err2)
		}
		if got != want {
			t.Fatalf("%s: fractions' problem\n%s\nexact problem\n%s", name, got, want)
		}
		out1 := make([]int64, R*C)
		out2 := make([]int64, R*C)
		if err := s1.SolveFractions(out1, f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := s2.Solve(out2, m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if bad := (&block{m: *m}).violations(out1); len(bad) > 0 {
			t.Fatalf("%s: %v breaks %v", name, out1, bad)
		}
		// the same problem, so the same own roundings: both move the
		// fewest cells (ties may go another way)
		if c1, c2 := cost(out1, s1.p.own), cost(out2, s1.p.own); c1 != c2 {
			t.Fatalf("%s: SolveFractions moves %d cells %v, Solve %d %v", name, c1, out1, c2, out2)
		}
	}
}

// fractionsProblem fills a problem from f and returns it as problemOf does.
func fractionsProblem(s *Solver, f *Fractions) (string, error) {
	out := make([]int64, len(f.Totals)*f.Cols)
	if done, err := s.setup(out, len(f.Totals), f.Cols, f.Groups, f.Parent); done || err != nil {
		return "", err
	}
	if err := s.fillFractions(f); err != nil {
		return "", err
	}
	p := &s.p
	return fmt.Sprint(p.total, p.cellLo, p.cellFrac, p.own, p.grpLo, p.grpFrac, p.nodeLo[:p.N*p.C], p.nodeFrac[:p.N*p.C], p.order), nil
}

// Small blocks against the brute force: SolveFractions moves the fewest cells.
func TestFractionsBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	var s Solver
	tried := 0
	for n := range 2000 {
		R, C := 1+r.IntN(4), 1+r.IntN(5)
		f := randomFractions(r, R, C)
		for i := range f.Den { // small values: few cells with a fraction
			if f.Den[i] > 12 {
				f.Den[i] = 1 + f.Den[i]%12
				var sum uint64
				for j := range C - 1 {
					f.Num[i*C+j] %= 3 * f.Den[i]
					sum += f.Num[i*C+j]
				}
				tot := (sum + f.Den[i] - 1) / f.Den[i]
				f.Num[i*C+C-1] = tot*f.Den[i] - sum
				f.Totals[i] = int64(tot)
			}
		}
		f.Groups = randomGroups(r, C)
		m := matrixOf(f)
		if r.IntN(4) > 0 {
			b := &block{m: *m}
			randomTree(r, b, 3)
			f.Parent, m.Parent = b.m.Parent, b.m.Parent
		}
		out := make([]int64, R*C)
		if err := s.SolveFractions(out, f); err != nil {
			t.Fatalf("block %d: %v", n, err)
		}
		b := &block{m: *m}
		if bad := b.violations(out); len(bad) > 0 {
			t.Fatalf("block %d: %v breaks %v", n, out, bad)
		}
		own := b.ownOf()
		best, ok := b.bruteMin(own)
		if !ok {
			continue
		}
		tried++
		if got := cost(out, own); got != best {
			t.Fatalf("block %d: %d cells moved, the least is %d", n, got, best)
		}
	}
	if tried < 500 {
		t.Fatalf("only %d blocks brute-forced", tried)
	}
}

// Three equal rows under one node, each 1/2 1/2 of one unit, and a fourth of
// 1/4 3/4. Each equal row's own rounding is 1 0 (the tie to the earlier
// column), so the node's first column would get 3 + 0 against an exact
// 3/2 + 1/4 = 7/4: at most 2. The class of three moves one unit as one row
// of sums (cells 3 and 0 → 2 and 1), and the last of the three rows takes
// it: two cells moved, the fewest.
func TestSolveFractionsEqualRows(t *testing.T) {
	f := &Fractions{
		Cols:   2,
		Totals: []int64{1, 1, 1, 1},
		Num:    []uint64{1, 1, 1, 1, 1, 3, 1, 1},
		Den:    []uint64{2, 2, 4, 2},
		Parent: []int{4, 4, 4, 4, -1},
	}
	var s Solver
	out := make([]int64, 8)
	if err := s.SolveFractions(out, f); err != nil {
		t.Fatal(err)
	}
	if want := []int64{1, 0, 1, 0, 0, 1, 0, 1}; !slices.Equal(out, want) {
		t.Fatalf("out %v, want %v", out, want)
	}
	if got := cost(out, s.p.own); got != 2 {
		t.Fatalf("%d cells moved, want 2", got)
	}
}

// withEqualRows copies some rows of f over others under the same node, so
// that the block has classes of equal rows (of equal exact values, or of
// equal problems with other values).
func withEqualRows(r *rand.Rand, f *Fractions) {
	R, C := len(f.Totals), f.Cols
	for range r.IntN(2 * R) {
		a, b := r.IntN(R), r.IntN(R)
		copy(f.Num[b*C:(b+1)*C], f.Num[a*C:(a+1)*C])
		f.Den[b], f.Totals[b] = f.Den[a], f.Totals[a]
		if f.Parent != nil {
			f.Parent[b] = f.Parent[a]
		}
		if r.IntN(3) == 0 && f.Den[a] < math.MaxUint64/2 { // the same problem over another denominator
			for j := range C {
				f.Num[b*C+j] *= 2
			}
			f.Den[b] *= 2
		}
	}
}

// Blocks with classes of equal rows: every rule holds and the cells moved are
// as few as Solve's (and, on small blocks, the brute force's).
func TestFractionsEqualRows(t *testing.T) {
	r := rand.New(rand.NewPCG(37, 38))
	var s1, s2 Solver
	brute := 0
	for n := range 2000 {
		R, C := 2+r.IntN(14), 1+r.IntN(13)
		small := n%2 == 0
		if small {
			R, C = 2+r.IntN(4), 1+r.IntN(4)
		}
		f := randomFractions(r, R, C)
		if small {
			for i := range f.Den {
				f.Den[i] = 1 + f.Den[i]%6
				var sum uint64
				for j := range C - 1 {
					f.Num[i*C+j] %= 2 * f.Den[i]
					sum += f.Num[i*C+j]
				}
				tot := (sum + f.Den[i] - 1) / f.Den[i]
				f.Num[i*C+C-1] = tot*f.Den[i] - sum
				f.Totals[i] = int64(tot)
			}
		}
		f.Groups = randomGroups(r, C)
		if r.IntN(5) > 0 {
			b := &block{m: Matrix{Totals: f.Totals}}
			randomTree(r, b, 4)
			f.Parent = b.m.Parent
		}
		withEqualRows(r, f)
		m := matrixOf(f)
		name := fmt.Sprintf("block %d", n)
		out1 := make([]int64, R*C)
		out2 := make([]int64, R*C)
		if err := s1.SolveFractions(out1, f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := s2.Solve(out2, m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b := &block{m: *m}
		if bad := b.violations(out1); len(bad) > 0 {
			t.Fatalf("%s: %v breaks %v", name, out1, bad)
		}
		own := b.ownOf()
		if c1, c2 := cost(out1, own), cost(out2, own); c1 != c2 {
			t.Fatalf("%s: SolveFractions moves %d cells %v, Solve %d %v", name, c1, out1, c2, out2)
		}
		if best, ok := b.bruteMin(own); ok {
			brute++
			if got := cost(out1, own); got != best {
				t.Fatalf("%s: %d cells moved, the least is %d", name, got, best)
			}
		}
	}
	if brute < 300 {
		t.Fatalf("only %d blocks brute-forced", brute)
	}
}
