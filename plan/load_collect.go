package plan

import (
	"math/big"

	"gopkg.in/yaml.v3"
)

// maxTerms is how many months a collection's terms may span (SPEC §12).
const maxTerms = 12

// collectExample is the hint of a malformed collect block.
const collectExample = "e.g. `collect: {from: revenue, terms: [40%, 40%, 20%], opening: {amount: 800万, terms: [50%, 50%]}}`"

// collection reads a metric's `collect: {from, terms, opening}` (SPEC §12).
// A collections metric is money that follows its from metric, so it has no
// target, rate, seasonality or reserve of its own.
func (l *loader) collection(n *yaml.Node, m *Metric, f map[string]field) (*Collection, bool) {
	for _, k := range []string{"target", "rate", "of", "seasonality", "reserve"} {
		if v, ok := f[k]; ok {
			l.errorf(v.key, "collections are worked out from the from metric's months and the terms",
				"metric %s collects (collect:) and cannot have %s", m.Name, k)
		}
	}
	cf, ok := l.mapping(n, "collect", "from", "terms", "opening")
	if !ok {
		return nil, false
	}
	c := &Collection{Pos: posOf(n)}
	good := true
	if v, has := cf["from"]; has {
		c.From, good = l.text(v.val, "collect.from")
		c.FromPos = posOf(v.val)
	} else {
		l.errorf(n, collectExample, "the collect block of %s has no from", m.Name)
		good = false
	}
	if v, has := cf["terms"]; has {
		var ok bool
		c.Terms, ok = l.terms(v.val, "the terms of "+m.Name)
		good = good && ok
	} else {
		l.errorf(n, collectExample, "the collect block of %s has no terms", m.Name)
		good = false
	}
	if v, has := cf["opening"]; has {
		of, ok := l.mapping(v.val, "collect.opening", "amount", "terms")
		if !ok {
			return c, false
		}
		a, has := of["amount"]
		if !has {
			l.errorf(v.val, collectExample, "the opening receivables of %s have no amount", m.Name)
			return c, false
		}
		c.OpeningPos = posOf(a.val)
		amt, ok := l.amount(a.val, "opening amount of "+m.Name)
		if !ok {
			return c, false
		}
		c.Opening = amt
		c.OpeningTerms = c.Terms
		if t, has := of["terms"]; has {
			c.OpeningTerms, ok = l.terms(t.val, "the opening terms of "+m.Name)
			good = good && ok
		}
	}
	return c, good
}

// terms reads a list of 1 to 12 rates, each from 0 to 100 %, adding up to
// exactly 100 %.
func (l *loader) terms(n *yaml.Node, what string) ([]*big.Rat, bool) {
	items, ok := l.sequence(n, what)
	if !ok {
		return nil, false
	}
	if len(items) == 0 || len(items) > maxTerms {
		l.errorf(n, "one rate per month from the month booked: [40%, 40%, 20%] collects 40 % at once, 40 % a month later, 20 % two months later",
			"%s must have 1 to %d rates, found %d", what, maxTerms, len(items))
		return nil, false
	}
	out := make([]*big.Rat, 0, len(items))
	sum := new(big.Rat)
	for _, it := range items {
		r, ok := l.rate(it, "a rate of "+what, rateRule{min: ratZero, max: ratOne, plain: plainAboveError})
		if !ok {
			return nil, false
		}
		out = append(out, r)
		sum.Add(sum, r)
	}
	if sum.Cmp(ratOne) != 0 {
		l.errorf(n, "what is booked is collected in full: make the rates add up to exactly 100%",
			"%s add up to %s, not 100%%", what, pct(sum))
		return nil, false
	}
	return out, true
}

// checkCollectFrom checks the metric a collections metric collects from: a
// known metric of money that is split (revenue or an amount metric), not
// itself a collections metric. An unusable from drops the collect block's
// from, so the split does not run on it.
func (l *loader) checkCollectFrom(p *Plan, m *Metric, known func(string, Pos, string, bool) bool) {
	c := m.Collect
	if c.From == "" {
		return
	}
	if !known(c.From, c.FromPos, "collect.from of "+m.Name, true) {
		c.From = ""
		return
	}
	money := func(x *Metric) bool { return x == nil || (x.Kind == KindAmount && x.Collect == nil) }
	from := p.metric(c.From)
	if from == m || !money(from) {
		l.diag(c.FromPos, Error, "collect from what is booked: "+metricList(p, money),
			"metric %s collects from %s, which is not a booked amount (revenue or a metric of kind amount without collect)", m.Name, c.From)
		c.From = ""
		return
	}
	fromUnit := p.Round
	if from != nil {
		fromUnit = from.Unit
	}
	if n, whole := m.Unit.Count(fromUnit.Amount(1)); !whole || n <= 0 {
		l.diag(c.FromPos, Error, "give "+m.Name+" a round that divides "+fromUnit.String()+", e.g. its default (the plan's round)",
			"metric %s rounds to %s, which does not divide %s's round %s", m.Name, m.Unit, c.From, fromUnit)
		c.From = ""
	}
}
