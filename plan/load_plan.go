package plan

import (
	"math/big"
	"path"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// topKeys are the keys of a plan file, in the order `plan init` writes them.
var topKeys = []string{"version", "name", "currency", "round", "year", "target", "reserve",
	"tiers", "metrics", "seasonality", "dimensions", "funnel", "tracking", "incentive", "base",
	"ramp", "capacity", "kpi", "ageing"}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// plan reads the top-level mapping.
func (l *loader) plan(root *yaml.Node) *Plan {
	f, ok := l.mapping(root, "the plan", topKeys...)
	if !ok {
		return nil
	}
	typos := l.misspelt
	p := &Plan{File: l.file, Version: 1, Round: One}

	if v, ok := f["version"]; ok {
		if s, ok := l.scalar(v.val, "version"); ok && s != "1" {
			l.errorf(v.val, "this version of plan reads format version 1", "unsupported format version %s", s)
		}
	} else {
		l.diag(Pos{Line: root.Line, Col: root.Column}, Warning, "add `version: 1` at the top", "no format version; reading it as version 1")
	}

	p.Name = strings.TrimSuffix(path.Base(strings.ReplaceAll(l.file, "\\", "/")), path.Ext(l.file))
	if v, ok := f["name"]; ok {
		if s, ok := l.text(v.val, "name"); ok {
			p.Name, _ = l.name(v.val, "plan", s)
		}
	}
	if v, ok := f["currency"]; ok {
		if s, ok := l.text(v.val, "currency"); ok {
			switch {
			case currencyCode.MatchString(s):
				p.Currency = s
			case currencyCode.MatchString(strings.ToUpper(strings.TrimSpace(s))):
				l.errorf(v.val, "did you mean \""+strings.ToUpper(strings.TrimSpace(s))+"\"?", "currency %q must be an ISO 4217 code in capitals", s)
			default:
				l.errorf(v.val, "use an ISO 4217 code such as CNY, USD or EUR", "currency %q is not an ISO 4217 code", s)
			}
		}
	}
	if v, ok := f["round"]; ok {
		if u, ok := l.unit(v.val, "round"); ok {
			p.Round = u
		}
	}
	if v, ok := f["year"]; ok {
		p.Year, _ = l.year(v.val)
	} else if !typos["year"] {
		l.diag(Pos{Line: root.Line, Col: root.Column}, Error, "add `year: {start: 2027-01}` (the first month of the fiscal year)", "the plan has no year")
	}
	if v, ok := f["target"]; ok {
		p.TargetPos = posOf(v.val)
		if r, ok := l.amount(v.val, "target"); ok {
			p.Target = r
			l.checkMultiple(v.val, "target", r, p.Round)
		}
	} else if !typos["target"] {
		l.diag(Pos{Line: root.Line, Col: root.Column}, Error, "add e.g. `target: 50_000_000`", "the plan has no target")
	}
	if v, ok := f["reserve"]; ok {
		p.Reserve, _ = l.rate(v.val, "reserve", reserveRule)
	}
	if v, ok := f["tiers"]; ok {
		p.Tiers = l.tiers(v.val)
	}
	if v, ok := f["metrics"]; ok {
		p.Metrics = l.metrics(v.val, p.Round)
	}
	p.Seasonality = Seasonality{Basis: BasisEqual}
	if v, ok := f["seasonality"]; ok {
		p.Seasonality = l.seasonality(v.val)
	}
	l.checkHolidaysUsed(p)
	if v, ok := f["dimensions"]; ok {
		p.Dimensions = l.dimensions(v.val, p.Round)
	}
	if v, ok := f["funnel"]; ok {
		p.Funnel = l.funnel(v.val)
	}
	p.Tracking = Tracking{Green: big.NewRat(9, 10), Yellow: big.NewRat(7, 10), Misses: DefaultMisses, Cost: CostThresholds{Green: big.NewRat(1, 1), Yellow: big.NewRat(11, 10)}}
	if v, ok := f["tracking"]; ok {
		l.tracking(v.val, &p.Tracking)
	}
	p.Incentive = Incentive{Below: BelowLinear, From: big.NewRat(1, 1), Every: big.NewRat(1, 10), Add: big.NewRat(15, 100)}
	if v, ok := f["incentive"]; ok {
		l.incentive(v.val, &p.Incentive)
	}
	if p.Funnel != nil {
		l.checkFunnel(p)
	}
	l.checkMetrics(p, f)
	l.base(f, typos, p)
	if v, ok := f["ramp"]; ok {
		p.Ramp = l.ramp(v.val, "ramp")
	}
	if v, ok := f["capacity"]; ok {
		p.Capacity = l.capacity(v.val)
	}
	l.checkPeople(p)
	return p
}

// unit reads an allocation unit: a positive terminating decimal.
func (l *loader) unit(n *yaml.Node, what string) (Unit, bool) {
	r, ok := l.amount(n, what)
	if !ok {
		return Unit{}, false
	}
	u, ok := NewUnit(r)
	if !ok {
		l.errorf(n, "round is the allocation unit, e.g. 1, 1000 or 0.01", "%s must be a positive decimal, found %s", what, n.Value)
	}
	return u, ok
}

// checkMultiple reports an amount that is not a whole number of units.
func (l *loader) checkMultiple(n *yaml.Node, what string, r *big.Rat, u Unit) {
	if _, ok := u.Count(r); !ok {
		q := new(big.Rat).Quo(r, u.Rat())
		if q.IsInt() {
			l.errorf(n, "use a larger round, or a smaller amount", "%s %s is too large (more than %d units of %s)", what, FormatRat(r, 6), int64(MaxUnits), u)
			return
		}
		lo := new(big.Int).Quo(q.Num(), q.Denom())
		below := u.Amount(lo.Int64())
		above := u.Amount(lo.Int64() + 1)
		l.errorf(n, "use "+FormatRat(below, 6)+" or "+FormatRat(above, 6)+", or change round", "%s %s is not a multiple of round %s", what, FormatRat(r, 6), u)
	}
}

// year reads the fiscal year: start, holidays, workdays.
func (l *loader) year(n *yaml.Node) (Year, bool) {
	y := Year{Pos: posOf(n)}
	f, ok := l.mapping(n, "year", "start", "holidays", "workdays", "closed")
	if !ok {
		return y, false
	}
	v, ok := f["start"]
	if !ok {
		if !l.misspelt["start"] {
			l.errorf(n, "add `start: 2027-01` (the first month of the fiscal year)", "year has no start")
		}
		return y, false
	}
	s, ok := l.text(v.val, "year.start")
	if !ok {
		return y, false
	}
	m, err := ParseMonth(s)
	if err != nil {
		l.valueError(v.val, "year.start", err)
		return y, false
	}
	y.Start = m
	first := NewDate(m.Year, m.Month, 1)
	next := m.Add(12)
	end := NewDate(next.Year, next.Month, 1)
	inYear := func(d Date) bool { return d >= first && d < end }
	yearText := m.String() + " to " + m.Add(11).String()

	if v, ok := f["holidays"]; ok {
		y.DaysPos = posOf(v.key)
		items := l.holidayItems(v.val)
		for _, it := range items {
			s, ok := l.text(it, "a holiday")
			if !ok {
				continue
			}
			if l.officialHolidays(&y, it, s, first, end) {
				continue
			}
			from, to := s, s
			if a, b, isRange := strings.Cut(s, ".."); isRange {
				from, to = a, b
			}
			df, err1 := ParseDate(from)
			dt, err2 := ParseDate(to)
			if err1 != nil || err2 != nil {
				l.errorf(it, "write dates as YYYY-MM-DD, and ranges as YYYY-MM-DD..YYYY-MM-DD", "holiday %q is not a date or a date range", s)
				continue
			}
			if dt < df {
				l.errorf(it, "write the earlier date first", "holiday range %q ends before it starts", s)
				continue
			}
			if dt < first || df >= end {
				l.errorf(it, "the fiscal year runs "+yearText, "holiday %q is outside the fiscal year", s)
				continue
			}
			if df, dt, ok = clipToYear(df, dt, first, end); ok {
				l.warnf(it, "only the days inside the fiscal year ("+yearText+") count", "holiday %q crosses the edge of the fiscal year: clipped to %s..%s", s, df, dt)
			}
			y.Holidays = append(y.Holidays, DateRange{From: df, To: dt, Pos: posOf(it)})
		}
	}
	if v, ok := f["workdays"]; ok {
		if y.DaysPos == (Pos{}) {
			y.DaysPos = posOf(v.key)
		}
		items, _ := l.sequence(v.val, "year.workdays")
		for _, it := range items {
			s, ok := l.text(it, "a make-up workday")
			if !ok {
				continue
			}
			d, err := ParseDate(s)
			if err != nil {
				l.valueError(it, "make-up workday", err)
				continue
			}
			if !inYear(d) {
				l.errorf(it, "the fiscal year runs "+yearText, "make-up workday %s is outside the fiscal year", s)
				continue
			}
			if !d.Weekend() {
				l.warnf(it, "workdays lists weekend days that are worked; weekdays already are", "make-up workday %s is a %s", s, d.Time().Weekday())
			}
			y.Workdays = append(y.Workdays, d)
		}
	}
	if v, ok := f["closed"]; ok {
		y.Closed = l.closed(v.val, m)
	}
	return y, true
}

// tiers reads `tiers: {base: 100%, challenge: 120%}`.
func (l *loader) tiers(n *yaml.Node) []Tier {
	n = l.visit(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "write e.g. `tiers: {base: 100%, challenge: 120%}`", "tiers must be a mapping of names to factors, found %s", describe(n))
		return nil
	}
	var out []Tier
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := l.visit(n.Content[i]), n.Content[i+1]
		if k == nil {
			return out
		}
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			l.errorf(k, "", "a tier name must be a plain word, found %s", describe(k))
			continue
		}
		name, ok := l.name(k, "tier", k.Value)
		if !ok {
			continue
		}
		if seen[nameKey(name)] {
			l.errorf(k, "", "duplicate tier %q", name)
			continue
		}
		seen[nameKey(name)] = true
		r, ok := l.rate(v, "tier "+name, shareRule)
		if !ok {
			continue
		}
		if r.Sign() <= 0 {
			l.errorf(v, "", "tier %s must be above 0%%", name)
			continue
		}
		out = append(out, Tier{Name: name, Factor: r, Pos: posOf(k)})
	}
	return out
}

// metrics reads the list of extra metrics.
func (l *loader) metrics(n *yaml.Node, round Unit) []Metric {
	items, ok := l.sequence(n, "metrics")
	if !ok {
		return nil
	}
	var out []Metric
	seen := map[string]bool{}
	for _, it := range items {
		f, ok := l.mapping(it, "a metric", metricKeys...)
		if !ok {
			continue
		}
		m := Metric{Kind: KindCount, Unit: One, Pos: posOf(it)}
		v, ok := f["name"]
		if !ok {
			l.errorf(it, "", "a metric has no name")
			continue
		}
		if m.Name, ok = l.text(v.val, "metric name"); !ok {
			continue
		}
		if m.Name, ok = l.name(v.val, "metric", m.Name); !ok {
			continue
		}
		if m.Name == "revenue" || seen[nameKey(m.Name)] {
			l.errorf(v.val, "", "duplicate metric %q", m.Name)
			continue
		}
		seen[nameKey(m.Name)] = true
		if v, ok := f["kind"]; ok {
			if s, ok := l.text(v.val, "metric kind"); ok {
				switch MetricKind(s) {
				case KindCount:
				case KindAmount, KindCost:
					m.Kind, m.Unit = MetricKind(s), round
				case KindRatio:
					m.Kind = KindRatio
				default:
					l.errorf(v.val, "use count, amount, cost or ratio", "unknown metric kind %q", s)
				}
			}
		}
		if _, collect := f["collect"]; collect && f["kind"].val == nil {
			m.Kind, m.Unit = KindAmount, round // collections are money
		}
		if v, ok := f["round"]; ok {
			if u, ok := l.unit(v.val, "metric round"); ok {
				m.Unit = u
			}
		}
		if !l.metricSpec(it, f, &m) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// seasonality reads quarter and month weights or a basis.
func (l *loader) seasonality(n *yaml.Node) Seasonality {
	s := Seasonality{Basis: BasisEqual, Pos: posOf(n)}
	f, ok := l.mapping(n, "seasonality", "quarters", "months", "basis")
	if !ok {
		return s
	}
	if v, ok := f["quarters"]; ok {
		s.Quarters = l.weightList(v.val, "seasonality.quarters", 4)
	}
	if v, ok := f["months"]; ok {
		s.Months = l.weightList(v.val, "seasonality.months", 12)
	}
	if v, ok := f["basis"]; ok {
		if b, ok := l.text(v.val, "seasonality.basis"); ok {
			switch Basis(b) {
			case BasisEqual, BasisWorkingDays, BasisCalendarDays:
				s.Basis = Basis(b)
			default:
				l.errorf(v.val, "use equal, working_days or calendar_days", "unknown seasonality basis %q", b)
			}
			if s.Months != nil && s.Basis != BasisEqual {
				l.errorf(v.val, "give either months weights or a basis, not both", "seasonality has both months and basis %s", b)
			}
		}
	}
	return s
}

// weightList reads a list of exactly n weights of one kind (percents that add up
// to 100 % within 0.1 point, or relative factors).
func (l *loader) weightList(n *yaml.Node, what string, count int) []*big.Rat {
	items, ok := l.sequence(n, what)
	if !ok {
		return nil
	}
	if len(items) != count {
		l.errorf(n, "", "%s must have %d weights, found %d", what, count, len(items))
		return nil
	}
	out := make([]*big.Rat, count)
	kinds := map[WeightKind]bool{}
	sum := new(big.Rat)
	bad := false
	for i, it := range items {
		r, k, ok := l.weight(it, what)
		if !ok {
			bad = true
			continue
		}
		kinds[k] = true
		out[i] = r
		sum.Add(sum, r)
	}
	if bad {
		return nil
	}
	if len(kinds) > 1 {
		l.errorf(n, "write all of them as percents or all as plain numbers", "%s mixes percents and plain numbers", what)
		return nil
	}
	if kinds[Percent] {
		if !percentSumOK(sum) {
			l.errorf(n, "make them add up to 100%, or write plain numbers to have them normalised", "%s add up to %s, not 100%%", what, pct(sum))
			return nil
		}
		if sum.Cmp(ratOne) != 0 {
			l.warnf(n, "", "%s add up to %s; normalised to 100%%", what, pct(sum))
		}
	}
	if sum.Sign() == 0 {
		l.errorf(n, "", "%s are all zero", what)
		return nil
	}
	return out
}

// percentTolerance is how far percent weights may add up from 100 % (0.1 point).
var percentTolerance = big.NewRat(1, 1000)

func percentSumOK(sum *big.Rat) bool {
	d := new(big.Rat).Sub(sum, ratOne)
	return d.Abs(d).Cmp(percentTolerance) <= 0
}

// tracking reads the traffic-light thresholds.
func (l *loader) tracking(n *yaml.Node, t *Tracking) {
	f, ok := l.mapping(n, "tracking", "green", "yellow", "misses", "cost")
	if !ok {
		return
	}
	l.rateField(f, "green", "tracking.green", percentRule, &t.Green)
	l.rateField(f, "yellow", "tracking.yellow", percentRule, &t.Yellow)
	if v, ok := f["misses"]; ok {
		t.Misses = l.misses(v.val, t.Misses)
	}
	if t.Yellow.Cmp(t.Green) > 0 {
		l.errorf(n, "yellow is the lower threshold", "tracking.yellow (%s) is above tracking.green (%s)", pct(t.Yellow), pct(t.Green))
	}
	if v, ok := f["cost"]; ok {
		l.costThresholds(v.val, &t.Cost)
	}
}

// incentive reads the payout ladder.
func (l *loader) incentive(n *yaml.Node, in *Incentive) {
	f, ok := l.mapping(n, "incentive", "below", "floor", "ladder", "cap", "bonus", "commission", "on")
	if !ok {
		return
	}
	if v, ok := f["below"]; ok {
		if s, ok := l.text(v.val, "incentive.below"); ok {
			switch Below(s) {
			case BelowLinear, BelowZero:
				in.Below = Below(s)
			default:
				l.errorf(v.val, "use linear or zero", "unknown incentive.below %q", s)
			}
		}
	}
	if v, ok := f["on"]; ok {
		l.incentiveOn(v.val, in)
	}
	if v, ok := f["floor"]; ok {
		in.Floor, _ = l.rate(v.val, "incentive.floor", percentRule)
	}
	if v, ok := f["cap"]; ok {
		in.Cap, _ = l.rate(v.val, "incentive.cap", percentRule)
	}
	if v, ok := f["ladder"]; ok {
		lf, ok := l.mapping(v.val, "incentive.ladder", "from", "every", "add")
		if ok {
			if v, ok := lf["from"]; ok {
				if r, ok := l.rate(v.val, "incentive.ladder.from", percentRule); ok {
					in.From = r
				}
			}
			if v, ok := lf["every"]; ok {
				if r, ok := l.rate(v.val, "incentive.ladder.every", percentRule); ok {
					if r.Sign() == 0 {
						l.errorf(v.val, "", "incentive.ladder.every must be above 0%%")
					} else {
						in.Every = r
					}
				}
			}
			if v, ok := lf["add"]; ok {
				if r, ok := l.rate(v.val, "incentive.ladder.add", percentRule); ok {
					in.Add = r
				}
			}
		}
	}
	l.incentiveMoney(f, in)
	if in.Cap != nil && in.Cap.Cmp(in.From) < 0 {
		l.errorf(f["cap"].val, "", "incentive.cap (%s) is below the ladder's start (%s)", pct(in.Cap), pct(in.From))
	}
}
