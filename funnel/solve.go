package funnel

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/planhq/plan/plan"
)

// MaxCount bounds every count the funnel computes (deals, stage entries): a
// plan that needs more than 10¹⁵ of anything has a deal size or a rate wrong.
const MaxCount = plan.MaxUnits

// Input is one run of the funnel: the money it must produce, how that money
// falls over the fiscal months, the settings and the deals in flight.
type Input struct {
	Target    *big.Rat // the annual amount (money), ≥ 0
	Profile   []int64  // 12 non-negative month weights, fiscal order: the money by month (any unit)
	MonthDays []int    // the 12 fiscal months' lengths in days
	Settings  Settings
	Pipeline  []int64 // deals in flight now per stage, in stage order; nil when none
}

// Work is the funnel of one leaf (or of the whole target): the deals, each
// stage's entries and the months in which they are due.
type Work struct {
	Target     *big.Rat // the annual amount the funnel produces (money)
	DealSize   *big.Rat
	Deals      int64 // ⌈Target / DealSize⌉
	DealMonths []int64
	// DealWeeks and DealMonths are the deals by ISO week or by month, lined
	// up with the money: only the grain the funnel was computed on is set.
	DealWeeks []int64
	Stages    []StageWork
	// Activities are the work the stages' new entries take, one per activity
	// of the result (in ActivityNames order); none when no stage has any.
	Activities []ActivityWork

	// Conversion is the overall conversion, the product of the stage rates
	// (first stage to won).
	Conversion *big.Rat
	// PipelineValue is the expected value of the deals in flight: each
	// stage's count times the chance it is won (the product of its rate and
	// the later ones), times the deal size.
	PipelineValue *big.Rat
	// Coverage is PipelineValue / Target; nil when the target is 0.
	Coverage *big.Rat
	// CoverageNeeded is 1 / Conversion: the pipeline, at face value at the top
	// of the funnel, that one unit of target takes.
	CoverageNeeded *big.Rat
}

// StageWork is one stage of a funnel's work.
type StageWork struct {
	Name string
	Rate *big.Rat // nil for the won stage (and in totals)
	Days int      // the stage's own days (0 in totals)
	// Lead is how many days before the revenue an entry into this stage is
	// due: the days of this stage and of every later one.
	Lead     int
	Required int64   // Rₛ: how many must pass through the stage
	Pipeline int64   // Pₛ: in flight at the stage now
	New      int64   // newₛ = max(0, Rₛ − Pₛ): how many must newly enter it
	Before   int64   // new entries due before the fiscal year starts
	Months   []int64 // new entries due in each fiscal month (by month)
	Weeks    []int64 // new entries due in each ISO week (by week)
}

// Solve runs the funnel for one input (SPEC §5):
//
//	D = ⌈Target / DealSize⌉;  Rₙ = D;  newₛ = max(0, Rₛ − Pₛ);  Rₛ = ⌈newₛ₊₁ / rₛ⌉.
//
// The deals follow the money: month m's proportional value is D × its money /
// the year's. Each stage's new entries follow the same money spread over the
// days of the year (each month's evenly over its days), shifted earlier by the
// stage's Lead (see timeline), the pipeline covering the earliest entries
// first. Each row is then rounded to whole counts on its own (before and the
// months adding up to New, every month and quarter within one unit); Compute
// rounds a whole team at once.
func Solve(in Input) (*Work, error) {
	var sv solver
	w, err := sv.solve(in)
	if err != nil {
		return nil, err
	}
	sc := newScheduler(monthColumns(nil, in.MonthDays), ByMonth, nil, 1, in.MonthDays)
	sc.add(0, in.Profile, in.Settings.Stages)
	if err := sc.run([]*Work{w}, activityNames([]Settings{in.Settings})); err != nil {
		return nil, err
	}
	return w, nil
}

// solver runs the funnel on one input after another, keeping its scratch
// space from one to the next.
type solver struct {
	// exact computes everything with math/big, never with the 64- and
	// 128-bit fast paths (for the tests, which require both to agree).
	exact bool

	// The conversions of the last stages seen (most leaves share them, and
	// their rates, by pointer): conv[s] is the product of the rates of stage s
	// and the later ones (1 for the won stage), needed is 1 / conv[0].
	rates  []*big.Rat
	conv   []*big.Rat
	needed *big.Rat

	// The slab the works' stages are cut from, rather than an allocation a
	// leaf; each slab holds twice as many leaves as the one before, up to
	// maxSlab, so that one Solve allocates no more than it needs.
	stageSlab []StageWork
	slab      int // how many leaves the last slab held
}

// maxSlab is how many leaves' stages a slab holds at most.
const maxSlab = 1024

// grown returns the number of leaves for the next slab.
func (sv *solver) grown() int {
	sv.slab = min(max(1, 2*sv.slab), maxSlab)
	return sv.slab
}

// stages returns n new stages, cut from the slab.
func (sv *solver) stages(n int) []StageWork {
	if len(sv.stageSlab) < n {
		sv.stageSlab = make([]StageWork, sv.grown()*n)
	}
	s := sv.stageSlab[:n:n]
	sv.stageSlab = sv.stageSlab[n:]
	return s
}

// ceil is ⌈a / b⌉ (a ≥ 0, b > 0); ok is false when it is more than MaxCount.
func (sv *solver) ceil(a, b *big.Rat) (n int64, ok bool) {
	if sv.exact {
		c := ceilQuo(a, b)
		return c.Int64(), c.Cmp(maxCount) <= 0
	}
	return ceilCount(a, b)
}

// ceilOf is ceil of a whole number a ≥ 0.
func (sv *solver) ceilOf(a int64, b *big.Rat) (n int64, ok bool) {
	if sv.exact {
		return sv.ceil(new(big.Rat).SetInt64(a), b)
	}
	return ceilCountOf(a, b)
}

// conversions returns, for each stage s, the product of the rates of stages
// s to the last but one (1 for the won stage), computed again only when the
// stages' rates are not the last ones seen (not to be modified).
func (sv *solver) conversions(st []Stage) []*big.Rat {
	same := !sv.exact && len(st) == len(sv.rates)
	for i := 0; same && i < len(st); i++ {
		same = st[i].Rate == sv.rates[i]
	}
	if same {
		return sv.conv
	}
	n := len(st)
	sv.rates, sv.conv = make([]*big.Rat, n), make([]*big.Rat, n)
	c := big.NewRat(1, 1)
	for s := n - 1; s >= 0; s-- {
		sv.rates[s] = st[s].Rate
		if s < n-1 {
			c = new(big.Rat).Mul(c, st[s].Rate)
		}
		sv.conv[s] = c
	}
	sv.needed = new(big.Rat).Inv(c)
	return sv.conv
}

func (sv *solver) solve(in Input) (*Work, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	st := in.Settings.Stages
	n := len(st)
	w := &Work{Target: in.Target, DealSize: in.Settings.DealSize, Stages: sv.stages(n)}
	pipe := func(s int) int64 {
		if in.Pipeline == nil {
			return 0
		}
		return in.Pipeline[s]
	}

	deals, ok := sv.ceil(in.Target, in.Settings.DealSize)
	if !ok {
		return nil, fmt.Errorf("the target needs more than %d deals", int64(MaxCount))
	}
	w.Deals = deals

	// Required and new entries, from the won stage up.
	lead := 0
	for s := n - 1; s >= 0; s-- {
		lead += st[s].Days
		sw := &w.Stages[s]
		*sw = StageWork{Name: st[s].Name, Rate: st[s].Rate, Days: st[s].Days, Lead: lead, Pipeline: pipe(s)}
		if s == n-1 {
			sw.Required = w.Deals
		} else {
			r, ok := sv.ceilOf(w.Stages[s+1].New, st[s].Rate)
			if !ok {
				return nil, fmt.Errorf("stage %s needs more than %d entries", st[s].Name, int64(MaxCount))
			}
			sw.Required = r
		}
		sw.New = max(0, sw.Required-sw.Pipeline)
	}

	// Conversion and the expected value of the pipeline.
	conv := sv.conversions(st)
	w.Conversion = new(big.Rat).Set(conv[0])
	expected := new(big.Rat)
	for s := n - 1; s >= 0; s-- {
		if p := pipe(s); p > 0 {
			expected.Add(expected, new(big.Rat).Mul(new(big.Rat).SetInt64(p), conv[s]))
		}
	}
	w.PipelineValue = expected // 0 without a pipeline, as most leaves are
	if expected.Sign() != 0 {
		expected.Mul(expected, in.Settings.DealSize)
	}
	if in.Target.Sign() > 0 {
		w.Coverage = new(big.Rat)
		if expected.Sign() != 0 {
			w.Coverage.Quo(expected, in.Target)
		}
	}
	w.CoverageNeeded = new(big.Rat).Set(sv.needed)

	return w, nil
}

var maxCount = big.NewInt(MaxCount)

// maxWeight bounds a month weight of the profile, so that the timeline's sums
// and products of a weight and a number of days fit in an int64.
const maxWeight = 100 * MaxCount

// ceilQuo returns ⌈a / b⌉ for a ≥ 0, b > 0.
func ceilQuo(a, b *big.Rat) *big.Int {
	q := new(big.Rat).Quo(a, b)
	num, den := q.Num(), q.Denom()
	c := new(big.Int).Add(num, den)
	c.Sub(c, big.NewInt(1))
	return c.Div(c, den)
}

// check reports an input the engine cannot run on; the loader prevents all of
// these for plans, so they are programming errors, reported rather than panics.
func (in Input) check() error {
	s := in.Settings
	switch {
	case in.Target == nil || in.Target.Sign() < 0:
		return errors.New("funnel: the target must be a non-negative amount")
	case s.DealSize == nil || s.DealSize.Sign() <= 0:
		return errors.New("funnel: deal_size must be above 0")
	case len(s.Stages) < 2:
		return errors.New("funnel: a funnel needs at least two stages")
	case len(in.Profile) != 12 || len(in.MonthDays) != 12:
		return errors.New("funnel: the profile and the month lengths must have 12 months")
	case in.Pipeline != nil && len(in.Pipeline) != len(s.Stages):
		return errors.New("funnel: the pipeline must have one count per stage")
	}
	for i, st := range s.Stages {
		last := i == len(s.Stages)-1
		if !last && (st.Rate == nil || st.Rate.Sign() <= 0 || st.Rate.Num().Cmp(denom(st.Rate)) > 0) { // above 1
			return fmt.Errorf("funnel: the rate of stage %s must be in (0, 1]", st.Name)
		}
		if st.Days < 0 || st.Days > 3650 {
			return fmt.Errorf("funnel: the days of stage %s must be between 0 and 3650", st.Name)
		}
	}
	for i := range in.Profile {
		if in.Profile[i] < 0 || in.Profile[i] > maxWeight || in.MonthDays[i] < 1 || in.MonthDays[i] > 31 {
			return errors.New("funnel: month weights must be between 0 and 10¹⁷, and months 1 to 31 days long")
		}
	}
	for _, p := range in.Pipeline {
		if p < 0 || p > MaxCount {
			return errors.New("funnel: pipeline counts must be between 0 and 10¹⁵")
		}
	}
	return nil
}
