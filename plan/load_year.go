package plan

import (
	"math/big"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The plan-file keys of managing the year (SPEC §13): year.closed and base,
// tracking.misses, incentive.bonus and incentive.commission.

// DefaultMisses is how many months missed in a row flag a node when the plan
// does not set tracking.misses.
const DefaultMisses = 3

// Closed is the last month of a re-planned year whose cells are kept from the
// base plan.
type Closed struct {
	Month Month
	Index int // fiscal index of Month (0–10)
	Pos   Pos
	Set   bool
}

// Base names the plan whose closed months a re-plan keeps: a file (relative
// to the plan's directory) or, with Rev set, the plan's own file at a git
// revision.
type Base struct {
	File string
	Rev  string
	Pos  Pos
}

// IsSet reports whether the plan names a base.
func (b Base) IsSet() bool { return b.File != "" || b.Rev != "" }

// String is the base as written: FILE or git:REV.
func (b Base) String() string {
	if b.Rev != "" {
		return "git:" + b.Rev
	}
	return b.File
}

// Commission pays a share of the year-to-date actual by bands of attainment:
// Rate up to the first accelerator's From × the year-to-date target, then each
// accelerator's Rate from its From on.
type Commission struct {
	Rate         *big.Rat
	Accelerators []Accelerator // From strictly increasing
	Pos          Pos
}

// Accelerator is a commission band: Rate is paid on the actual above From ×
// the year-to-date target (up to the next band).
type Accelerator struct {
	From *big.Rat
	Rate *big.Rat
	Pos  Pos
}

// moneyRule bounds the commission's rates and bands: at least 0, a plain
// number above 1 is a typo for a percent.
var moneyRule = rateRule{min: ratZero, plain: plainAboveError}

// closed reads year.closed: a month of the fiscal year that starts at start,
// before its last month (a closed year has nothing left to re-plan).
func (l *loader) closed(n *yaml.Node, start Month) Closed {
	s, ok := l.text(n, "year.closed")
	if !ok {
		return Closed{}
	}
	m, err := ParseMonth(s)
	if err != nil {
		l.valueError(n, "year.closed", err)
		return Closed{}
	}
	k := m.Index(start)
	switch {
	case k < 0 || k >= 12:
		l.errorf(n, "the fiscal year runs "+start.String()+".."+start.Add(11).String(), "year.closed %s is outside the fiscal year", s)
		return Closed{}
	case k == 11:
		l.errorf(n, "close at most "+start.Add(10).String()+"; a closed year is tracked, not re-planned", "year.closed %s closes the whole year: there is nothing left to re-plan", s)
		return Closed{}
	}
	return Closed{Month: m, Index: k, Pos: posOf(n), Set: true}
}

// base reads the top-level base and checks that it comes with year.closed,
// and year.closed with it. typos are the top-level keys that were misspelt
// (already reported).
func (l *loader) base(f map[string]field, typos map[string]bool, p *Plan) {
	if v, ok := f["base"]; ok {
		if s, ok := l.text(v.val, "base"); ok {
			p.Base = l.baseValue(v.val, s)
		}
		if p.Base.IsSet() && !p.Year.Closed.Set {
			if _, ok := f["year"]; ok && !typos["year"] {
				l.errorf(v.key, "add `closed: YYYY-MM` under year: the last month kept from the base", "base is set but year.closed is not")
			}
		}
		return
	}
	if p.Year.Closed.Set && !typos["base"] {
		l.diag(p.Year.Closed.Pos, Error, "add `base: plan-v1.yaml` (a file next to this one) or `base: git:v1` (this file at a git revision)",
			"year.closed needs a base: the plan whose months up to %s are kept", p.Year.Closed.Month)
	}
}

// baseValue reads the value of base: git:REV or a file path.
func (l *loader) baseValue(n *yaml.Node, s string) Base {
	pos := posOf(n)
	if rev, ok := strings.CutPrefix(s, "git:"); ok {
		if rev == "" || strings.HasPrefix(rev, "-") || strings.ContainsAny(rev, " \t\r\n:") {
			l.errorf(n, "write git: then a commit, branch or tag, e.g. git:v1 or git:HEAD~1", "base %q is not a git revision", s)
			return Base{}
		}
		return Base{Rev: rev, Pos: pos}
	}
	if strings.TrimSpace(s) == "" {
		l.errorf(n, "write a file next to the plan, e.g. base: plan-v1.yaml, or git:REV", "base is empty")
		return Base{}
	}
	return Base{File: s, Pos: pos}
}

// misses reads tracking.misses: a whole number of months from 1 to 12.
func (l *loader) misses(n *yaml.Node, def int) int {
	s, ok := l.scalar(n, "tracking.misses")
	if !ok {
		return def
	}
	k, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || k < 1 || k > 12 {
		l.errorf(n, "e.g. misses: 3 flags a node that missed three months in a row", "tracking.misses must be a whole number of months from 1 to 12, found %s", s)
		return def
	}
	return k
}

// incentiveMoney reads incentive.bonus and incentive.commission.
func (l *loader) incentiveMoney(f map[string]field, in *Incentive) {
	if v, ok := f["bonus"]; ok {
		in.Bonus, _ = l.amount(v.val, "incentive.bonus")
	}
	v, ok := f["commission"]
	if !ok {
		return
	}
	cf, ok := l.mapping(v.val, "incentive.commission", "rate", "accelerators")
	if !ok {
		return
	}
	c := &Commission{Pos: posOf(v.val)}
	r, has := cf["rate"]
	if !has {
		if !l.misspelt["rate"] {
			l.errorf(v.val, "e.g. commission: {rate: 3%}", "incentive.commission has no rate")
		}
		return
	}
	if c.Rate, ok = l.rate(r.val, "incentive.commission.rate", moneyRule); !ok {
		return
	}
	if a, has := cf["accelerators"]; has {
		if c.Accelerators, ok = l.accelerators(a.val); !ok {
			return
		}
	}
	in.Commission = c
}

// accelerators reads the commission's bands: [{from, rate}…], from strictly
// increasing.
func (l *loader) accelerators(n *yaml.Node) ([]Accelerator, bool) {
	items, ok := l.sequence(n, "incentive.commission.accelerators")
	if !ok {
		return nil, false
	}
	out := make([]Accelerator, 0, len(items))
	good := true
	for _, it := range items {
		af, ok := l.mapping(it, "an accelerator", "from", "rate")
		if !ok {
			good = false
			continue
		}
		a := Accelerator{Pos: posOf(it)}
		for _, k := range []string{"from", "rate"} {
			v, has := af[k]
			if !has {
				l.errorf(it, "write e.g. {from: 100%, rate: 5%}", "an accelerator has no %s", k)
				good = false
				continue
			}
			r, ok := l.rate(v.val, "accelerator "+k, moneyRule)
			if !ok {
				good = false
				continue
			}
			if k == "from" {
				a.From = r
			} else {
				a.Rate = r
			}
		}
		if a.From == nil || a.Rate == nil {
			continue
		}
		if len(out) > 0 && a.From.Cmp(out[len(out)-1].From) <= 0 {
			l.errorf(it, "list the accelerators from the lowest from to the highest", "accelerator from %s is not above the one before (%s)", pct(a.From), pct(out[len(out)-1].From))
			good = false
			continue
		}
		out = append(out, a)
	}
	return out, good
}
