package wide

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

var two128 = new(big.Int).Lsh(big.NewInt(1), 128)

// randU128 draws a 128-bit number of a random bit length n: all ones, a
// single bit (a power of two) or random bits.
func randU128(rng *rand.Rand) U128 {
	n := uint(rng.IntN(129))
	if n == 0 {
		return U128{}
	}
	var x U128
	switch rng.IntN(4) {
	case 0:
		x = U128{math.MaxUint64, math.MaxUint64}
	case 1:
		if n > 64 {
			return U128{Hi: 1 << (n - 65)}
		}
		return From(1 << (n - 1))
	default:
		x = U128{rng.Uint64(), rng.Uint64()}
	}
	switch { // keep the low n bits
	case n < 64:
		x = U128{Lo: x.Lo & (1<<n - 1)}
	case n < 128:
		x.Hi &= 1<<(n-64) - 1
	}
	return x
}

// Every operation gives what math/big gives, and reports exactly when its
// result does not fit.
func TestU128MatchesBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 200_000 {
		x, y := randU128(rng), randU128(rng)
		m := y.Lo >> rng.IntN(64)
		bx, by := x.Big(), y.Big()
		if got, want := x.Cmp(y), bx.Cmp(by); got != want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", bx, by, got, want)
		}
		sum := new(big.Int).Add(bx, by)
		if z, ok := x.Add(y); ok != (sum.Cmp(two128) < 0) || ok && z.Big().Cmp(sum) != 0 {
			t.Fatalf("%s + %s = %s (ok %v)", bx, by, z.Big(), ok)
		}
		diff := new(big.Int).Sub(bx, by)
		if z, ok := x.Sub(y); ok != (diff.Sign() >= 0) || ok && z.Big().Cmp(diff) != 0 {
			t.Fatalf("%s − %s = %s (ok %v)", bx, by, z.Big(), ok)
		}
		prod := new(big.Int).Mul(bx, new(big.Int).SetUint64(m))
		if z, ok := x.Mul64(m); ok != (prod.Cmp(two128) < 0) || ok && z.Big().Cmp(prod) != 0 {
			t.Fatalf("%s × %d = %s (ok %v)", bx, m, z.Big(), ok)
		}
		if got, want := Mul(x.Lo, m).Big(), new(big.Int).Mul(new(big.Int).SetUint64(x.Lo), new(big.Int).SetUint64(m)); got.Cmp(want) != 0 {
			t.Fatalf("Mul(%d, %d) = %s, want %s", x.Lo, m, got, want)
		}
		q, r, ok := x.QuoRem(y)
		if y.IsZero() {
			if ok {
				t.Fatalf("%s / 0 ok", bx)
			}
			continue
		}
		bq, br := new(big.Int).QuoRem(bx, by, new(big.Int))
		if ok != bq.IsUint64() || ok && (q != bq.Uint64() || r.Big().Cmp(br) != 0) {
			t.Fatalf("%s / %s = %d rem %s (ok %v), want %s rem %s", bx, by, q, r.Big(), ok, bq, br)
		}
	}
}

// QuoRem on quotients that fit, built as y × q + a remainder below y: the
// estimate of the quotient from y's top bits is corrected exactly.
func TestQuoRemOfKnownQuotients(t *testing.T) {
	r := rand.New(rand.NewPCG(35, 36))
	for range 100_000 {
		y := U128{Hi: r.Uint64() >> r.UintN(65), Lo: r.Uint64()}
		if y.IsZero() {
			continue
		}
		q := r.Uint64() >> r.UintN(64)
		x, ok := y.Mul64(q)
		if !ok {
			continue
		}
		rem := U128{Hi: r.Uint64() >> r.UintN(65), Lo: r.Uint64()}
		switch {
		case rem.Cmp(y) < 0:
		case y.Hi > 0:
			rem = U128{Lo: rem.Lo} // below y
		default:
			rem = U128{Lo: rem.Lo % y.Lo}
		}
		if x, ok = x.Add(rem); !ok {
			continue
		}
		gq, gr, ok := x.QuoRem(y)
		wq, wr := new(big.Int).QuoRem(x.Big(), y.Big(), new(big.Int))
		if !wq.IsUint64() {
			continue
		}
		if !ok || gq != wq.Uint64() || gr.Big().Cmp(wr) != 0 {
			t.Fatalf("%v / %v = %d r %v (ok %v), want %v r %v", x, y, gq, gr, ok, wq, wr)
		}
	}
}
