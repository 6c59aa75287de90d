package round

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// wideBlock builds a block like a people block: every cell a rational with its
// own denominator (up to 2^40, now and then beyond 64 bits), each row's year
// topped up to a whole total by a last column, one tree node over the rows.
func wideBlock(r *rand.Rand, R, C int) *block {
	b := &block{m: Matrix{Cols: C + 1, Totals: make([]int64, R), Exact: make([]*big.Rat, R*(C+1)), Groups: Grains(0), Parent: make([]int, R+1)}}
	if C < 12 {
		b.m.Groups = randomGroups(r, C)
	}
	for i := range R {
		sum := new(big.Rat)
		for j := range C {
			var x *big.Rat
			switch k := r.IntN(10); {
			case k == 0:
				x = nil
			case k == 1:
				x = big.NewRat(r.Int64N(1_000_000), 1)
			case k == 2:
				d := new(big.Int).Lsh(big.NewInt(1+r.Int64N(1<<20)), uint(40+r.IntN(40)))
				d.Add(d, big.NewInt(1+r.Int64N(1000)))
				n := new(big.Int).Mul(d, big.NewInt(r.Int64N(1000)))
				n.Add(n, big.NewInt(r.Int64N(1<<40)))
				x = new(big.Rat).SetFrac(n, d)
			default:
				den := 1 + r.Int64N(int64(1)<<(1+r.IntN(40)))
				x = big.NewRat(r.Int64N(1_000_000*den), den)
			}
			b.m.Exact[i*(C+1)+j] = x
			if x != nil {
				sum.Add(sum, x)
			}
		}
		up := new(big.Int).Quo(sum.Num(), sum.Denom())
		if !sum.IsInt() {
			up.Add(up, big.NewInt(1))
		}
		b.m.Totals[i] = up.Int64()
		b.m.Exact[i*(C+1)+C] = new(big.Rat).Sub(new(big.Rat).SetInt(up), sum)
		b.m.Parent[i] = R
	}
	b.m.Parent[R] = -1
	return b
}

// spoil makes a block inconsistent now and then: a negative cell, a total one
// off, a value too large for 63 bits.
func spoil(r *rand.Rand, b *block) {
	R, C := len(b.m.Totals), b.m.Cols
	if R == 0 || C == 0 {
		return
	}
	i, j := r.IntN(R), r.IntN(C)
	switch r.IntN(3) {
	case 0:
		b.m.Exact[i*C+j] = big.NewRat(-1-r.Int64N(5), 1+r.Int64N(7))
	case 1:
		b.m.Totals[i]++
	case 2:
		b.m.Exact[i*C+j] = new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), 70))
	}
}

// problemOf fills a problem from m by the scaled path (scaled) or rational by
// rational, and returns its fields as text; applied reports whether the
// scaled path took the block.
func problemOf(t *testing.T, m *Matrix, scaled bool) (text string, applied bool, err error) {
	t.Helper()
	var s Solver
	out := make([]int64, len(m.Totals)*m.Cols)
	if done, err := s.prepare(out, m); done || err != nil {
		return "", false, err
	}
	if scaled {
		if !s.fillScaled(m) {
			return "", false, nil
		}
	} else if err := s.fillRat(m); err != nil {
		return "", false, err
	}
	p := &s.p
	return fmt.Sprint(p.total, p.cellLo, p.cellFrac, p.own, p.grpLo, p.grpFrac, p.nodeLo[:p.N*p.C], p.nodeFrac[:p.N*p.C], p.order), true, nil
}

// compareScaled checks that the scaled path gives the rational path's problem
// whenever it applies, and that Solve gives the rational path's rounding or
// error, on one block.
func compareScaled(t *testing.T, name string, m *Matrix) (applied bool) {
	t.Helper()
	fast, applied, _ := problemOf(t, m, true)
	exact, _, exactErr := problemOf(t, m, false)
	if applied && exactErr != nil {
		t.Fatalf("%s: the scaled path took a block the exact path rejects: %v", name, exactErr)
	}
	if applied && fast != exact {
		t.Fatalf("%s: scaled problem\n%s\nexact problem\n%s", name, fast, exact)
	}
	var s1, s2 Solver
	out1 := make([]int64, len(m.Totals)*m.Cols)
	out2 := make([]int64, len(out1))
	err1 := s1.solve(out1, m, true)
	err2 := s2.solve(out2, m, false)
	if fmt.Sprint(err1) != fmt.Sprint(err2) {
		t.Fatalf("%s: errors differ: %v, %v", name, err1, err2)
	}
	if !slices.Equal(out1, out2) {
		t.Fatalf("%s: roundings differ:\n%v\n%v", name, out1, out2)
	}
	return applied
}

// The scaled path is the exact path on one common denominator: on thousands
// of random blocks (small and wide denominators, trees, groups, inconsistent
// input) it builds the same problem and Solve the same rounding or error.
func TestScaledMatchesRat(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	var blocks, applied int
	for n := range 2000 {
		var b *block
		switch n % 3 {
		case 0:
			R, C := 1+r.IntN(12), 1+r.IntN(14)
			b = randomBlock(r, R, C)
			b.m.Groups = randomGroups(r, C)
			if r.IntN(2) == 0 {
				randomTree(r, b, 5)
			}
		case 1:
			b = wideBlock(r, 1+r.IntN(20), 12)
		default:
			b = wideBlock(r, 1+r.IntN(8), 1+r.IntN(11))
		}
		if r.IntN(6) == 0 {
			spoil(r, b)
		}
		blocks++
		if compareScaled(t, fmt.Sprintf("block %d", n), &b.m) {
			applied++
		}
	}
	t.Logf("the scaled path took %d of %d blocks", applied, blocks)
	if applied < blocks/2 {
		t.Fatalf("the scaled path took only %d of %d blocks", applied, blocks)
	}
}

// A block whose denominators have no small common multiple is left to the
// exact path, with the same result.
func TestScaledFallsBack(t *testing.T) {
	const R = 200
	m := &Matrix{Cols: 2, Totals: make([]int64, R), Exact: make([]*big.Rat, 2*R)}
	p := big.NewInt(1)
	for i := range R {
		// distinct large primes: their common multiple has thousands of bits
		p.Add(p, big.NewInt(1<<40))
		for !p.ProbablyPrime(10) {
			p.Add(p, big.NewInt(1))
		}
		x := new(big.Rat).SetFrac(big.NewInt(1), p)
		m.Exact[2*i] = x
		m.Exact[2*i+1] = new(big.Rat).Sub(big.NewRat(1, 1), x)
		m.Totals[i] = 1
	}
	if _, applied, _ := problemOf(t, m, true); applied {
		t.Fatal("the scaled path took a block with a common denominator beyond maxScaledBits")
	}
	compareScaled(t, "primes", m)
}
