package plan

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// planGen writes random plans as YAML text: random trees with every weight
// kind, reserves, over_assign, fixed amounts that fit, seasonality, units,
// fiscal years, holidays, tiers and metrics. The plans are valid by
// construction, so any error from Load or Split is a failure.
type planGen struct {
	rng   *rand.Rand
	b     strings.Builder
	names int
	round *big.Rat
}

var genRounds = []string{"1", "1", "1000", "0.01", "5", "0.5", "100", "25"}

var genNames = []string{"销售部", "大客户组", "张伟", "李娜", "王强", "华东区", "East", "West", "Team A", "新客户", "產品", "ＡＢＣ", "🚀 Launch", "o'Brien", "a: b", "#1", "- dash", "Zoë", "x"}

func (g *planGen) name() string {
	g.names++
	return genNames[g.rng.IntN(len(genNames))] + " " + strconv.Itoa(g.names)
}

func (g *planGen) line(depth int, format string, args ...any) {
	g.b.WriteString(strings.Repeat("  ", depth))
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

// amountText writes n units of round in one of the SPEC §2 spellings.
func (g *planGen) amountText(units int64) string {
	v := new(big.Rat).Mul(big.NewRat(units, 1), g.round)
	s := FormatRat(v, 10)
	if !v.IsInt() {
		return s
	}
	n := v.Num().Int64()
	switch g.rng.IntN(6) {
	case 0:
		if n%10000 == 0 {
			return strconv.Quote(FormatRat(new(big.Rat).SetFrac64(n, 10000), 10) + "万")
		}
	case 1:
		if n%1000 == 0 {
			return strconv.Quote(strconv.FormatInt(n/1000, 10) + "k")
		}
	case 2:
		return underscores(s)
	case 3:
		return strconv.Quote(strings.ReplaceAll(underscores(s), "_", ","))
	}
	return s
}

func underscores(s string) string {
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '_')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// percents returns n integer-or-tenth percents that add up to exactly 100 %.
func (g *planGen) percents(n int) []string {
	tenths := make([]*big.Rat, n)
	for i := range tenths {
		tenths[i] = big.NewRat(g.rng.Int64N(10)+int64(g.rng.IntN(2))*g.rng.Int64N(40), 1)
	}
	parts := Apportion(1000, tenths)
	out := make([]string, n)
	for i, p := range parts {
		out[i] = strconv.Quote(FormatRat(big.NewRat(p, 10), 1) + "%")
	}
	return out
}

func (g *planGen) rate(maxPct int) string {
	p := g.rng.IntN(maxPct + 1)
	if g.rng.IntN(2) == 0 {
		return strconv.Quote(strconv.Itoa(p) + "%")
	}
	return FormatRat(big.NewRat(int64(p), 100), 4)
}

// plan writes a whole random plan.
func (g *planGen) plan() string {
	r := g.rng
	round := genRounds[r.IntN(len(genRounds))]
	g.round, _ = new(big.Rat).SetString(round)
	var units int64
	switch r.IntN(4) {
	case 0:
		units = r.Int64N(60)
	case 1:
		units = r.Int64N(100_000)
	default:
		units = r.Int64N(10_000_000_000) + 1
	}
	start := Month{Year: 2025 + r.IntN(4), Month: r.IntN(12) + 1}
	g.line(0, "version: 1")
	g.line(0, "name: random plan")
	if r.IntN(2) == 0 {
		g.line(0, "currency: CNY")
	}
	g.line(0, "round: %s", round)
	g.line(0, "year:")
	g.line(1, "start: %s", start)
	if r.IntN(2) == 0 {
		g.line(1, "holidays: [%s]", strings.Join(g.holidays(start), ", "))
		g.line(1, "workdays: [%s]", strings.Join(g.weekendDays(start), ", "))
	}
	g.line(0, "target: %s", g.amountText(units))
	avail := float64(units)
	if r.IntN(3) == 0 {
		rate := g.rate(30)
		g.line(0, "reserve: %s", rate)
		avail *= 0.7
	}
	if r.IntN(3) == 0 {
		g.line(0, "tiers: {base: 100%%, challenge: 120%%, floor: %d%%}", r.IntN(100)+1)
	}
	if r.IntN(3) == 0 {
		g.line(0, "metrics:")
		g.line(1, "- {name: visits, target: %d, kind: count}", r.Int64N(100_000))
		g.line(1, "- {name: margin, target: %s, kind: amount}", g.amountText(r.Int64N(1_000_000)))
		// §11: a cost as a rate of another metric, a count with its own seasonality
		g.line(1, "- {name: budget, kind: cost, rate: %s, of: margin, reserve: %s}", g.rate(50), []string{"none", "inherit", "5%"}[r.IntN(3)])
		g.line(1, "- {name: calls, target: %d, seasonality: {basis: working_days}}", r.Int64N(10_000))
	}
	g.seasonality()
	g.line(0, "dimensions:")
	for d := range r.IntN(3) + 1 {
		g.line(1, "dim%d:", d)
		g.nodes(2, 1, avail, r.IntN(4)+1)
	}
	return g.b.String()
}

func (g *planGen) holidays(start Month) []string {
	first := NewDate(start.Year, start.Month, 1)
	var out []string
	for range g.rng.IntN(5) {
		from := first + Date(g.rng.IntN(360))
		to := from + Date(g.rng.IntN(6))
		if g.rng.IntN(3) == 0 {
			out = append(out, from.String())
		} else {
			out = append(out, from.String()+".."+to.String())
		}
	}
	return out
}

func (g *planGen) weekendDays(start Month) []string {
	first := NewDate(start.Year, start.Month, 1)
	var out []string
	for range g.rng.IntN(3) {
		d := first + Date(g.rng.IntN(360))
		for !d.Weekend() {
			d++
		}
		out = append(out, d.String())
	}
	return out
}

func (g *planGen) seasonality() {
	r := g.rng
	weights := func(n int, zeros bool) string {
		ws := make([]string, n)
		nonzero := false
		for i := range ws {
			w := r.IntN(30)
			if zeros && r.IntN(3) == 0 {
				w = 0
			}
			nonzero = nonzero || w != 0
			ws[i] = FormatRat(big.NewRat(int64(w), 10), 1)
		}
		if !nonzero {
			ws[0] = "1"
		}
		return "[" + strings.Join(ws, ", ") + "]"
	}
	switch r.IntN(7) {
	case 0:
		return // equal months
	case 1:
		g.line(0, "seasonality: {quarters: [%s]}", strings.Join(g.percents(4), ", "))
	case 2:
		g.line(0, "seasonality: {quarters: [%s], months: %s}", strings.Join(g.percents(4), ", "), weights(12, true))
	case 3:
		g.line(0, "seasonality: {months: %s}", weights(12, true))
	case 4:
		g.line(0, "seasonality: {basis: working_days}")
	case 5:
		g.line(0, "seasonality: {quarters: %s, basis: working_days}", weights(4, false))
	default:
		g.line(0, "seasonality: {basis: calendar_days}")
	}
}

// nodes writes a list of siblings (block style) that share about avail units.
func (g *planGen) nodes(indent, depth int, avail float64, n int) {
	r := g.rng
	// Fixed amounts that fit: at most half of what the siblings share, and at
	// least one sibling left without an amount to take the rest.
	fixed := make([]int64, n)
	if n > 1 && avail >= 40 && r.IntN(3) == 0 {
		k := r.IntN(n-1) + 1
		for range k {
			fixed[r.IntN(n-1)+1] = int64(avail * 0.5 / float64(k) * r.Float64())
		}
	}
	var fixedSum int64
	free := 0
	for _, f := range fixed {
		fixedSum += f
		if f == 0 {
			free++
		}
	}
	rest := avail - float64(fixedSum)
	kind := r.IntN(5) // 0 none, 1 percent, 2 factor, 3 history, 4 all-zero factors
	var pcts []string
	if kind == 1 {
		pcts = g.percents(free)
	}
	fields := make([][]string, n)
	weights := make([]float64, n)
	var wsum float64
	for i := range n {
		f := []string{"name: " + strconv.Quote(g.name())}
		switch {
		case fixed[i] > 0:
			f = append(f, "amount: "+g.amountText(fixed[i]))
		case kind == 1:
			p := pcts[0]
			pcts = pcts[1:]
			f = append(f, "weight: "+p)
			weights[i], _ = strconv.ParseFloat(strings.Trim(p, `"%`), 64)
		case kind == 2:
			w := r.IntN(40)
			f = append(f, "weight: "+FormatRat(big.NewRat(int64(w), 10), 1))
			weights[i] = float64(w)
		case kind == 3:
			ly := r.Int64N(5_000_000)
			f = append(f, "last_year: "+g.amountText(ly))
			weights[i] = float64(ly)
			if r.IntN(3) > 0 {
				growth := r.IntN(180) - 60
				f = append(f, fmt.Sprintf("growth: %q", strconv.Itoa(growth)+"%"))
				weights[i] *= 1 + float64(growth)/100
			}
		case kind == 4:
			f = append(f, "weight: 0")
		}
		wsum += weights[i]
		if r.IntN(4) == 0 {
			f = append(f, "commit: "+g.amountText(r.Int64N(1000)))
		}
		fields[i] = f
	}
	for i := range n {
		mine := float64(fixed[i])
		if fixed[i] == 0 {
			if wsum > 0 {
				mine = rest * weights[i] / wsum
			} else {
				mine = rest / float64(free)
			}
		}
		g.line(indent, "- %s", fields[i][0])
		for _, f := range fields[i][1:] {
			g.line(indent, "  %s", f)
		}
		if depth < 4 && r.IntN(3) == 0 {
			if r.IntN(4) == 0 {
				g.line(indent, "  reserve: %s", g.rate(25))
				mine *= 0.74
			}
			if r.IntN(4) == 0 {
				g.line(indent, "  over_assign: %s", g.rate(60))
			}
			g.line(indent, "  children:")
			g.nodes(indent+2, depth+1, mine, r.IntN(5)+1)
		}
	}
}

// randomPlan returns a random valid plan with its seed in the name for replay.
func randomPlan(seed uint64) string {
	g := &planGen{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	return g.plan()
}

// Property tests over random plans (SPEC §4): for every tier and metric, every
// dimension and every period, rows add up to their amounts, children and
// reserve rows to their parent's cells (or, under over_assign, to column totals
// that add up to the children's total), the top rows to the time split, every
// cell within one unit of its proportional value; crosses of every pair of
// dimensions at every depth are exact too; the same plan gives the same numbers.
func TestSplitRandomPlans(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 60
	}
	for seed := range uint64(n) {
		src := randomPlan(seed)
		ok := t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			p, diags := Load("random.yaml", []byte(src))
			if p == nil {
				t.Fatalf("random plan does not load: %v", diags.Err())
			}
			for _, tier := range p.TierNames() {
				metrics := []string{""}
				for _, m := range p.Metrics {
					metrics = append(metrics, m.Name)
				}
				for _, metric := range metrics {
					b, err := Split(p, Options{Tier: tier, Metric: metric})
					var inv *InvalidError
					if errors.As(err, &inv) && tier != BaseTier && strings.Contains(err.Error(), "fixed amounts") {
						continue // a smaller tier may leave fixed amounts above their parent
					}
					if err != nil {
						t.Fatalf("tier %s metric %s: %v", tier, metric, err)
					}
					checkBreakdown(t, b)
					again, err := Split(p, Options{Tier: tier, Metric: metric})
					if err != nil {
						t.Fatal(err)
					}
					sameBreakdown(t, b, again)
					if tier == BaseTier && metric == "" {
						for _, da := range b.Dimensions {
							for _, db := range b.Dimensions {
								if da == db {
									continue
								}
								for depth := 1; depth <= 3; depth++ {
									checkCross(t, b, da.Name, db.Name, depth)
								}
							}
						}
					}
				}
			}
		})
		if !ok {
			t.Logf("plan of seed %d:\n%s", seed, src)
			return
		}
	}
}

// The generator must itself be deterministic, or failures could not be replayed.
func TestRandomPlanReplays(t *testing.T) {
	if randomPlan(42) != randomPlan(42) || randomPlan(1) == randomPlan(2) {
		t.Fatal("randomPlan is not a function of its seed")
	}
}
