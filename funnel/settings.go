// Package funnel is the reverse-funnel engine (SPEC §5): it turns a target into
// the deals, the stage-by-stage entries and the months in which they are due.
// It is pure: no printing, no files, no clock. Every count is exact, computed
// from the rates and amounts as written (math/big), never from floats.
package funnel

import (
	"math/big"

	"github.com/planhq/plan/plan"
)

// Stage is one stage of a funnel with its effective settings.
type Stage struct {
	Name string
	Rate *big.Rat // the share that moves on to the next stage; nil for the last (won) stage
	Days int      // how long the stage takes; on the won stage, the lag from winning to booking
	// Activities is the work one new entry of the stage takes (SPEC §5 v2);
	// nil when none.
	Activities []plan.Activity
}

// Settings are the effective funnel settings of one leaf: the plan's, then
// each ancestor's overrides, then the leaf's own.
type Settings struct {
	DealSize *big.Rat
	Stages   []Stage // top of the funnel first; the last is the won deal
}

// PlanSettings returns the settings written in the plan's funnel section.
func PlanSettings(f *plan.Funnel) Settings {
	s := Settings{DealSize: f.DealSize, Stages: make([]Stage, len(f.Stages))}
	for i, st := range f.Stages {
		s.Stages[i] = Stage{Name: st.Name, Rate: st.Rate, Days: st.Days, Activities: st.Activities}
	}
	return s
}

// Effective returns the settings of the last node of nodes, a path from a
// top-level node down: the plan's settings overridden by each node's funnel
// section in turn (deal_size, win_rate, then the stage rates, days and
// activities; a stage's activities are replaced as a whole).
func Effective(f *plan.Funnel, nodes []*plan.Node) Settings {
	s := PlanSettings(f)
	for _, n := range nodes {
		nf := n.Funnel
		if nf == nil {
			continue
		}
		if nf.DealSize != nil {
			s.DealSize = nf.DealSize
		}
		if nf.WinRate != nil && len(s.Stages) > 1 {
			s.Stages[0].Rate = nf.WinRate
		}
		for _, so := range nf.Stages {
			i := s.stage(so.Stage)
			if i < 0 {
				continue // the loader reports unknown stages
			}
			if so.Rate != nil && i < len(s.Stages)-1 {
				s.Stages[i].Rate = so.Rate
			}
			if so.Days != nil {
				s.Stages[i].Days = *so.Days
			}
			if so.Activities != nil {
				s.Stages[i].Activities = so.Activities
			}
		}
	}
	return s
}

// Same reports whether two settings are equal: the same deal size and the same
// stages with the same rates and days.
func (s Settings) Same(o Settings) bool {
	if !sameRat(s.DealSize, o.DealSize) || len(s.Stages) != len(o.Stages) {
		return false
	}
	for i, st := range s.Stages {
		ot := o.Stages[i]
		if st.Name != ot.Name || st.Days != ot.Days || !sameRat(st.Rate, ot.Rate) || !sameActivities(st.Activities, ot.Activities) {
			return false
		}
	}
	return true
}

func sameActivities(a, b []plan.Activity) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || !ratEqual(a[i].Count, b[i].Count) {
			return false
		}
	}
	return true
}

func sameRat(a, b *big.Rat) bool {
	if a == nil || b == nil {
		return a == b
	}
	return ratEqual(a, b)
}

// stage returns the index of the named stage, or -1.
func (s Settings) stage(name string) int {
	for i, st := range s.Stages {
		if st.Name == name {
			return i
		}
	}
	return -1
}

// Pipeline returns the counts in flight per stage, in stage order; counts for
// names that are not stages are ignored (the loader reports them).
func (s Settings) Pipeline(counts []plan.StageCount) []int64 {
	out := make([]int64, len(s.Stages))
	for _, c := range counts {
		if i := s.stage(c.Stage); i >= 0 {
			out[i] += c.Count
		}
	}
	return out
}
