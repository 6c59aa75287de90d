package funnel

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomInput draws a funnel of 2–9 stages with rates of whole percents or
// tenths of a percent, days up to 60, a target in thousands, a deal size, a
// seasonal profile and (half the time) a pipeline.
func randomInput(rng *rand.Rand) Input {
	n := 2 + rng.IntN(8)
	st := make([]Stage, n)
	for i := range st {
		st[i].Name = string(rune('A' + i))
		if i < n-1 {
			if rng.IntN(2) == 0 {
				st[i].Rate = big.NewRat(int64(1+rng.IntN(100)), 100)
			} else {
				st[i].Rate = big.NewRat(int64(1+rng.IntN(1000)), 1000)
			}
		}
		st[i].Days = rng.IntN(61)
	}
	profile := make([]int64, 12)
	for i := range profile {
		profile[i] = int64(rng.IntN(1000))
	}
	var pipeline []int64
	if rng.IntN(2) == 0 {
		pipeline = make([]int64, n)
		for i := range pipeline {
			if rng.IntN(3) == 0 {
				pipeline[i] = int64(rng.IntN(40))
			}
		}
	}
	return Input{
		Target:    big.NewRat(int64(rng.IntN(50_000))*1000, 1),
		Profile:   profile,
		MonthDays: days2027,
		Settings:  Settings{DealSize: big.NewRat(int64(1+rng.IntN(2000))*500, int64(1+rng.IntN(4))), Stages: st},
		Pipeline:  pipeline,
	}
}

func solveOK(t *testing.T, in Input) *Work {
	t.Helper()
	w, err := Solve(in)
	if err != nil {
		t.Fatalf("solve: %v", err)
	}
	return w
}

// TestPropertyCounts checks, on random funnels, the formulas of SPEC §5 with
// exact arithmetic and that the months add up: the deals to Deals, each
// stage's before and months to its new entries.
func TestPropertyCounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		in := randomInput(rng)
		w := solveOK(t, in)
		// D·size ≥ target > (D−1)·size
		d := big.NewRat(w.Deals, 1)
		if new(big.Rat).Mul(d, w.DealSize).Cmp(in.Target) < 0 ||
			w.Deals > 0 && new(big.Rat).Mul(big.NewRat(w.Deals-1, 1), w.DealSize).Cmp(in.Target) >= 0 {
			t.Fatalf("deals %d are not ⌈%s / %s⌉", w.Deals, in.Target.RatString(), w.DealSize.RatString())
		}
		n := len(w.Stages)
		if w.Stages[n-1].Required != w.Deals {
			t.Fatalf("won stage requires %d, want the %d deals", w.Stages[n-1].Required, w.Deals)
		}
		for s, sw := range w.Stages {
			if sw.New != max(0, sw.Required-sw.Pipeline) {
				t.Fatalf("stage %s: new %d ≠ max(0, %d − %d)", sw.Name, sw.New, sw.Required, sw.Pipeline)
			}
			if s < n-1 { // Rₛ = ⌈newₛ₊₁ / rₛ⌉: Rₛ·rₛ ≥ next > (Rₛ−1)·rₛ
				next := big.NewRat(w.Stages[s+1].New, 1)
				r := in.Settings.Stages[s].Rate
				if new(big.Rat).Mul(big.NewRat(sw.Required, 1), r).Cmp(next) < 0 ||
					sw.Required > 0 && new(big.Rat).Mul(big.NewRat(sw.Required-1, 1), r).Cmp(next) >= 0 {
					t.Fatalf("stage %s: required %d is not ⌈%d / %s⌉", sw.Name, sw.Required, w.Stages[s+1].New, r.RatString())
				}
			}
			sum := sw.Before
			for _, v := range sw.Months {
				if v < 0 {
					t.Fatalf("stage %s: negative month %v", sw.Name, sw.Months)
				}
				sum += v
			}
			if sum != sw.New {
				t.Fatalf("stage %s: before %d + months %v = %d, want new %d", sw.Name, sw.Before, sw.Months, sum, sw.New)
			}
		}
		var deals int64
		for _, v := range w.DealMonths {
			deals += v
		}
		if deals != w.Deals {
			t.Fatalf("deal months %v add up to %d, want %d", w.DealMonths, deals, w.Deals)
		}
	}
}

// TestPropertyMorePipeline checks that more deals in flight at any stage never
// need more entries at any stage.
func TestPropertyMorePipeline(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		in := randomInput(rng)
		before := solveOK(t, in)
		more := make([]int64, len(in.Settings.Stages))
		copy(more, in.Pipeline)
		more[rng.IntN(len(more))] += int64(1 + rng.IntN(30))
		in.Pipeline = more
		after := solveOK(t, in)
		for s := range before.Stages {
			if after.Stages[s].New > before.Stages[s].New || after.Stages[s].Required > before.Stages[s].Required {
				t.Fatalf("stage %d needs more with more pipeline: %+v → %+v", s, before.Stages[s], after.Stages[s])
			}
		}
		if after.PipelineValue.Cmp(before.PipelineValue) <= 0 {
			t.Fatalf("pipeline value did not grow: %s → %s", before.PipelineValue.RatString(), after.PipelineValue.RatString())
		}
	}
}

// TestPropertyMassesByDay checks the timeline against a second, independent
// computation by whole days: each day of a month books an equal part of the
// month's deals; an entry into a stage happens the stage's days before it
// moves on (the won stage's days before its money); the deals in flight cover
// a stage's earliest entries; and a stage's entries are the next stage's new
// entries times Rₛ / newₛ₊₁. Every bucket (before, each month) must hold
// exactly the same mass, and each count must be within one of its mass.
func TestPropertyMassesByDay(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		in := randomInput(rng)
		w := solveOK(t, in)
		// the entries follow the money
		tl := newTimeline(in.Profile, in.MonthDays)
		bounds := monthColumns(nil, in.MonthDays).Bounds
		got := make([][]*big.Rat, len(w.Stages))
		for s := range got {
			got[s] = tl.stageMasses(w, s, bounds)
		}
		want := massesByDay(in, w)
		for s := range got {
			counts := append([]int64{w.Stages[s].Before}, w.Stages[s].Months...)
			for k := range got[s] {
				if got[s][k].Cmp(want[s][k]) != 0 {
					t.Fatalf("stage %d bucket %d: mass %s, by days %s", s, k, got[s][k].RatString(), want[s][k].RatString())
				}
				diff := new(big.Rat).Sub(big.NewRat(counts[k], 1), got[s][k])
				if diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
					t.Fatalf("stage %d bucket %d: count %d is a unit or more from %s", s, k, counts[k], got[s][k].RatString())
				}
			}
		}
	}
}

// massesByDay is the test oracle of TestPropertyMassesByDay.
func massesByDay(in Input, w *Work) [][]*big.Rat {
	n := len(w.Stages)
	lead := w.Stages[0].Lead
	var yearDays int
	for _, d := range in.MonthDays {
		yearDays += d
	}
	size := lead + yearDays // index i is day i − lead
	var total int64
	for _, v := range in.Profile {
		total += v
	}
	profile, monthOf := in.Profile, make([]int, yearDays)
	if total == 0 {
		profile = make([]int64, 12)
		for i, d := range in.MonthDays {
			profile[i] = int64(d)
			total += int64(d)
		}
	}
	day := 0
	for m, d := range in.MonthDays {
		for range d {
			monthOf[day] = m
			day++
		}
	}
	// Entries into the won stage, by the day they happen.
	cur := make([]*big.Rat, size)
	for i := range cur {
		cur[i] = new(big.Rat)
	}
	for d := range yearDays {
		m := monthOf[d]
		per := big.NewRat(w.Deals*profile[m], total*int64(in.MonthDays[m]))
		cur[d+lead-w.Stages[n-1].Days].Add(cur[d+lead-w.Stages[n-1].Days], per)
	}
	out := make([][]*big.Rat, n)
	for s := n - 1; s >= 0; s-- {
		if s < n-1 {
			// Stage s's entries happen its days before they enter stage s+1.
			next := cur
			cur = make([]*big.Rat, size)
			for i := range cur {
				cur[i] = new(big.Rat)
			}
			scale := new(big.Rat)
			if w.Stages[s+1].New > 0 {
				scale = big.NewRat(w.Stages[s].Required, w.Stages[s+1].New)
			}
			for i, v := range next {
				if v.Sign() != 0 {
					cur[i-w.Stages[s].Days].Add(cur[i-w.Stages[s].Days], new(big.Rat).Mul(v, scale))
				}
			}
		}
		// The pipeline covers the earliest entries.
		left := big.NewRat(w.Stages[s].Pipeline, 1)
		for i := 0; i < size && left.Sign() > 0; i++ {
			take := cur[i]
			if take.Cmp(left) > 0 {
				take = left
			}
			take = new(big.Rat).Set(take)
			cur[i].Sub(cur[i], take)
			left.Sub(left, take)
		}
		buckets := make([]*big.Rat, 13)
		for k := range buckets {
			buckets[k] = new(big.Rat)
		}
		for i, v := range cur {
			k := 0
			if d := i - lead; d >= 0 {
				k = 1 + monthOf[d]
			}
			buckets[k].Add(buckets[k], v)
		}
		out[s] = buckets
	}
	return out
}

// TestPropertyWonStageFollowsDeals checks that, when the won stage takes no
// days and nothing is in flight there, its new entries are exactly the deals
// row: both follow the same money and are rounded alike.
func TestPropertyWonStageFollowsDeals(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	checked := 0
	for range 500 {
		in := randomInput(rng)
		n := len(in.Settings.Stages)
		in.Settings.Stages[n-1].Days = 0
		if in.Pipeline != nil {
			in.Pipeline[n-1] = 0
		}
		w := solveOK(t, in)
		won := w.Stages[n-1]
		if won.Before != 0 || !slices.Equal(won.Months, w.DealMonths) {
			t.Fatalf("won stage before %d months %v, deals %v", won.Before, won.Months, w.DealMonths)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no case checked")
	}
}
