package plan

import (
	"fmt"
	"math/big"
	"strings"

	"gopkg.in/yaml.v3"
)

var (
	ratZero    = new(big.Rat)
	ratOne     = big.NewRat(1, 1)
	ratHundred = big.NewRat(100, 1)
)

// amount reads a non-negative amount.
func (l *loader) amount(n *yaml.Node, what string) (*big.Rat, bool) {
	s, ok := l.scalar(n, what)
	if !ok {
		return nil, false
	}
	r, err := ParseAmount(s)
	if err != nil {
		l.valueError(n, what, err)
		return nil, false
	}
	if r.Sign() < 0 {
		l.errorf(n, "", "%s must not be negative, found %s", what, s)
		return nil, false
	}
	return r, true
}

// plainAbove says what a rate written as a plain number above 1 means.
type plainAbove int

const (
	plainAboveError plainAbove = iota // an error: a conversion rate or reserve of 3 is a typo for 3 %
	plainAboveWarn                    // accepted (1.5 = 150 %) with a warning
	plainAboveOK                      // accepted silently (a cap of 2 = 200 %)
)

// rateRule bounds a rate: min/max as fractions (nil = unbounded), whether the
// bounds are open, and what a plain number above 1 means.
type rateRule struct {
	min, max         *big.Rat
	minOpen, maxOpen bool
	plain            plainAbove
	plainLimit       *big.Rat // plain numbers above this are errors even when plainAboveOK (e.g. 120 for 120 %)
}

var (
	conversionRule = rateRule{min: ratZero, minOpen: true, max: ratOne, plain: plainAboveError}
	reserveRule    = rateRule{min: ratZero, max: ratOne, maxOpen: true, plain: plainAboveError}
	overAssignRule = rateRule{min: ratZero, plain: plainAboveError}
	growthRule     = rateRule{min: big.NewRat(-1, 1), minOpen: true, plain: plainAboveError}
	// shareRule is a tier factor's (v1's rule: 1.2 is 120 %).
	shareRule = rateRule{min: ratZero, plain: plainAboveOK, plainLimit: big.NewRat(10, 1)}
	// percentRule is a threshold's or an incentive's: v2 (SPEC §2) refuses a
	// plain number above 1 (`every: 10` meant 10 %, not 1000 %).
	percentRule = rateRule{min: ratZero, plain: plainAboveError}
)

// rateField reads the rate of a mapping's key into *dst when the key is there
// and its rate valid (a problem is reported; *dst keeps its default).
func (l *loader) rateField(f map[string]field, key, what string, rule rateRule, dst **big.Rat) {
	if v, ok := f[key]; ok {
		if r, ok := l.rate(v.val, what, rule); ok {
			*dst = r
		}
	}
}

// rate reads a rate written as a percent ("25%") or a plain fraction (0.25).
func (l *loader) rate(n *yaml.Node, what string, rule rateRule) (*big.Rat, bool) {
	s, ok := l.scalar(n, what)
	if !ok {
		return nil, false
	}
	r, isPct, err := ParsePercent(s)
	if err != nil {
		l.valueError(n, what, err)
		return nil, false
	}
	if !isPct {
		r, err = ParseNumber(s)
		if err != nil && strings.Contains(s, ",") {
			l.valueError(n, what, err)
			return nil, false
		}
		if err != nil {
			l.errorf(n, "write a percentage such as \"25%\" or a fraction such as 0.25", "%s: %q is not a rate", what, s)
			return nil, false
		}
		if r.Cmp(ratOne) > 0 {
			pctHint := fmt.Sprintf("did you mean \"%s%%\"?", strings.TrimSpace(s))
			switch {
			case rule.plain == plainAboveError:
				l.errorf(n, pctHint, "%s %s is above 1 (a plain number is a fraction: 1 = 100%%)", what, s)
				return nil, false
			case rule.plainLimit != nil && r.Cmp(rule.plainLimit) > 0:
				l.errorf(n, pctHint, "%s: %s would mean %s%%", what, s, FormatRat(new(big.Rat).Mul(r, ratHundred), 4))
				return nil, false
			case rule.plain == plainAboveWarn:
				l.warnf(n, pctHint, "%s %s is read as %s%%", what, s, FormatRat(new(big.Rat).Mul(r, ratHundred), 4))
			}
		}
	}
	if rule.min != nil {
		c := r.Cmp(rule.min)
		if c < 0 || (c == 0 && rule.minOpen) {
			l.errorf(n, "", "%s must be %s %s, found %s", what, cmpWord(rule.minOpen, "above", "at least"), pct(rule.min), s)
			return nil, false
		}
	}
	if rule.max != nil {
		c := r.Cmp(rule.max)
		if c > 0 || (c == 0 && rule.maxOpen) {
			l.errorf(n, "", "%s must be %s %s, found %s", what, cmpWord(rule.maxOpen, "below", "at most"), pct(rule.max), s)
			return nil, false
		}
	}
	return r, true
}

func cmpWord(open bool, strict, loose string) string {
	if open {
		return strict
	}
	return loose
}

// pct writes a fraction as a percent, e.g. 0.25 → "25%".
func pct(r *big.Rat) string {
	return FormatRat(new(big.Rat).Mul(r, ratHundred), 4) + "%"
}

// weight reads a sibling weight: a percent (Percent) or a plain non-negative
// number (Factor).
func (l *loader) weight(n *yaml.Node, what string) (*big.Rat, WeightKind, bool) {
	s, ok := l.scalar(n, what)
	if !ok {
		return nil, NoWeight, false
	}
	r, isPct, err := ParsePercent(s)
	if err != nil {
		l.valueError(n, what, err)
		return nil, NoWeight, false
	}
	kind := Percent
	if !isPct {
		kind = Factor
		r, err = ParseNumber(s)
		if err != nil && strings.Contains(s, ",") {
			l.valueError(n, what, err)
			return nil, NoWeight, false
		}
		if err != nil {
			hint := "write a percentage such as \"60%\" or a relative factor such as 1.5"
			if _, aerr := ParseAmount(s); aerr == nil {
				hint = "a fixed amount is written `amount: " + s + "`, not as a weight"
			}
			l.errorf(n, hint, "%s: %q is not a weight", what, s)
			return nil, NoWeight, false
		}
	}
	if r.Sign() < 0 {
		l.errorf(n, "", "%s must not be negative, found %s", what, s)
		return nil, NoWeight, false
	}
	return r, kind, true
}

// whole reads a non-negative whole number (a count, a number of days).
func (l *loader) whole(n *yaml.Node, what string) (int64, bool) {
	s, ok := l.scalar(n, what)
	if !ok {
		return 0, false
	}
	r, err := ParseAmount(s)
	if err != nil {
		l.errorf(n, "", "%s: %q is not a whole number", what, s)
		return 0, false
	}
	if !r.IsInt() {
		l.errorf(n, "counts are whole numbers", "%s must be a whole number, found %s", what, s)
		return 0, false
	}
	if r.Sign() < 0 {
		l.errorf(n, "", "%s must not be negative, found %s", what, s)
		return 0, false
	}
	if !r.Num().IsInt64() || r.Num().Int64() > MaxUnits {
		l.errorf(n, "", "%s is too large", what)
		return 0, false
	}
	return r.Num().Int64(), true
}

// text reads a string value.
func (l *loader) text(n *yaml.Node, what string) (string, bool) {
	return l.scalar(n, what)
}
