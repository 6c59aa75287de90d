package plan

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// The stage names of a funnel written as a single win rate.
const (
	ProspectStage = "prospect"
	WonStage      = "won"
)

// DefaultFunnelDimension is the dimension whose leaves run the funnel by default.
const DefaultFunnelDimension = "org"

// funnel reads the plan's funnel section.
func (l *loader) funnel(n *yaml.Node) *Funnel {
	f, ok := l.mapping(n, "funnel", "dimension", "deal_size", "win_rate", "stages", "pipeline")
	if !ok {
		return nil
	}
	fn := &Funnel{Dimension: DefaultFunnelDimension, Pos: posOf(n)}
	if v, ok := f["dimension"]; ok {
		fn.DimensionPos = posOf(v.val)
		if s, ok := l.text(v.val, "funnel.dimension"); ok {
			fn.Dimension = s
		}
	}
	if v, ok := f["deal_size"]; ok {
		if r, ok := l.amount(v.val, "funnel.deal_size"); ok {
			if r.Sign() == 0 {
				l.errorf(v.val, "", "funnel.deal_size must be above 0")
			} else {
				fn.DealSize = r
			}
		}
	} else {
		l.errorf(n, "add the average deal, e.g. `deal_size: 1_000_000`", "funnel has no deal_size")
	}
	_, hasStages := f["stages"]
	if v, ok := f["win_rate"]; ok {
		if hasStages {
			l.errorf(v.key, "win_rate is shorthand for a two-stage funnel; with stages, give each stage its rate", "funnel has both win_rate and stages")
		} else if r, ok := l.rate(v.val, "funnel.win_rate", conversionRule); ok {
			fn.WinRate = r
			fn.Stages = []Stage{{Name: ProspectStage, Rate: r, Pos: posOf(v.val)}, {Name: WonStage, Pos: posOf(v.val)}}
		}
	}
	if v, ok := f["stages"]; ok {
		fn.Stages = l.stages(v.val)
	} else if _, ok := f["win_rate"]; !ok {
		l.errorf(n, "add `win_rate: 10%` or a list of stages", "funnel has neither win_rate nor stages")
	}
	if v, ok := f["pipeline"]; ok {
		fn.Pipeline = l.pipeline(v.val)
	}
	return fn
}

// stages reads the list of funnel stages.
func (l *loader) stages(n *yaml.Node) []Stage {
	items, ok := l.sequence(n, "funnel.stages")
	if !ok {
		return nil
	}
	if len(items) < 2 {
		l.errorf(n, "list the stages from the first contact down to the won deal", "a funnel needs at least two stages, found %d", len(items))
		return nil
	}
	var out []Stage
	seen := map[string]bool{}
	for i, it := range items {
		f, ok := l.mapping(it, "a stage", "name", "rate", "days", "activities")
		if !ok {
			return nil
		}
		st := Stage{Pos: posOf(it)}
		v, ok := f["name"]
		if !ok {
			l.errorf(it, "", "a stage has no name")
			return nil
		}
		if st.Name, ok = l.text(v.val, "stage name"); !ok {
			return nil
		}
		if st.Name, ok = l.name(v.val, "stage", st.Name); !ok {
			return nil
		}
		if seen[nameKey(st.Name)] {
			l.errorf(v.val, "", "duplicate stage %q", st.Name)
			return nil
		}
		seen[nameKey(st.Name)] = true
		last := i == len(items)-1
		if v, ok := f["rate"]; ok {
			if last {
				l.errorf(v.key, "the last stage is the won deal: remove its rate", "the last stage %s has a rate", st.Name)
			} else {
				// a bad rate is reported; the stage is kept so that its name is known
				st.Rate, _ = l.rate(v.val, "rate of stage "+st.Name, conversionRule)
			}
		} else if !last {
			l.errorf(it, "the rate is the share of this stage that moves on to the next, e.g. `rate: 40%`", "stage %s has no rate", st.Name)
		}
		if v, ok := f["days"]; ok {
			if d, ok := l.whole(v.val, "days of stage "+st.Name); ok {
				if d > 3650 {
					l.errorf(v.val, "", "days of stage %s is more than ten years", st.Name)
				} else {
					st.Days = int(d)
				}
			}
		}
		if v, ok := f["activities"]; ok {
			st.Activities = l.activities(v.val, st.Name)
		}
		out = append(out, st)
	}
	return out
}

// pipeline reads `pipeline: {商机: 12, 谈判: 3}`: deals in flight per stage.
func (l *loader) pipeline(n *yaml.Node) []StageCount {
	n = l.visit(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "write e.g. `pipeline: {商机: 12, 谈判: 3}`", "pipeline must be a mapping of stage names to counts, found %s", describe(n))
		return nil
	}
	var out []StageCount
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := l.visit(n.Content[i]), n.Content[i+1]
		if k == nil {
			return out
		}
		if k.Kind != yaml.ScalarNode {
			l.errorf(k, "write e.g. `pipeline: {商机: 12, 谈判: 3}`", "keys of a pipeline must be stage names, found %s", describe(k))
			continue
		}
		stage := k.Value
		if seen[stage] {
			l.errorf(k, "", "duplicate pipeline stage %q", stage)
			continue
		}
		seen[stage] = true
		c, ok := l.whole(v, "pipeline "+stage)
		if !ok {
			continue
		}
		out = append(out, StageCount{Stage: stage, Count: c, Pos: posOf(k)})
	}
	return out
}

// nodeFunnel reads a node's funnel overrides.
func (l *loader) nodeFunnel(n *yaml.Node, leaf bool) *NodeFunnel {
	f, ok := l.mapping(n, "a node's funnel", "deal_size", "win_rate", "stages", "pipeline")
	if !ok {
		return nil
	}
	nf := &NodeFunnel{Pos: posOf(n)}
	if v, ok := f["deal_size"]; ok {
		if r, ok := l.amount(v.val, "funnel.deal_size"); ok {
			if r.Sign() == 0 {
				l.errorf(v.val, "", "funnel.deal_size must be above 0")
			} else {
				nf.DealSize = r
			}
		}
	}
	if v, ok := f["win_rate"]; ok {
		nf.WinRate, _ = l.rate(v.val, "funnel.win_rate", conversionRule)
	}
	if v, ok := f["stages"]; ok {
		nf.Stages = l.stageOverrides(v.val)
	}
	if v, ok := f["pipeline"]; ok {
		if !leaf {
			l.errorf(v.key, "the pipeline is a person's deals in flight: put it on the leaves", "pipeline on a node that has children")
		} else {
			nf.Pipeline = l.pipeline(v.val)
		}
	}
	return nf
}

// stageOverrides reads per-node stage overrides, written either as a mapping
// `{商机: {rate: 30%, days: 20}}` or as a list `[{name: 商机, rate: 30%}]`.
func (l *loader) stageOverrides(n *yaml.Node) []StageOverride {
	n = l.visit(n)
	if n == nil {
		return nil
	}
	var out []StageOverride
	seen := map[string]bool{}
	one := func(name string, at, body *yaml.Node, keys ...string) {
		if seen[name] {
			l.errorf(at, "give each stage's rate and days once", "duplicate override of stage %q", name)
			return
		}
		seen[name] = true
		f, ok := l.mapping(body, "stage "+name, keys...)
		if !ok {
			return
		}
		so := StageOverride{Stage: name, Pos: posOf(at)}
		if v, ok := f["rate"]; ok {
			so.Rate, _ = l.rate(v.val, "rate of stage "+name, conversionRule)
		}
		if v, ok := f["days"]; ok {
			if d, ok := l.whole(v.val, "days of stage "+name); ok {
				if d > 3650 {
					l.errorf(v.val, "", "days of stage %s is more than ten years", name)
				} else {
					di := int(d)
					so.Days = &di
				}
			}
		}
		if v, ok := f["activities"]; ok {
			so.Activities = l.activities(v.val, name)
		}
		out = append(out, so)
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := l.visit(n.Content[i])
			if k == nil {
				return out
			}
			if k.Kind != yaml.ScalarNode {
				l.errorf(k, "write e.g. `stages: {商机: {rate: 30%}}`", "keys of funnel.stages must be stage names, found %s", describe(k))
				continue
			}
			one(k.Value, k, n.Content[i+1], "rate", "days", "activities")
		}
	case yaml.SequenceNode:
		for _, it := range n.Content {
			it = l.visit(it)
			if it == nil {
				return out
			}
			name := ""
			if it.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(it.Content); i += 2 {
					k := l.visit(it.Content[i])
					if k != nil && k.Kind == yaml.ScalarNode && k.Value == "name" {
						// `name: *alias` is the anchored value, not the anchor's name
						if v := l.visit(it.Content[i+1]); v != nil && v.Kind == yaml.ScalarNode {
							name = v.Value
						}
					}
				}
			}
			if name == "" {
				l.errorf(it, "", "a stage override has no name")
				continue
			}
			one(name, it, it, "name", "rate", "days", "activities")
		}
	default:
		l.errorf(n, "write e.g. `stages: {商机: {rate: 30%}}`", "funnel.stages of a node must be a mapping of stage names to overrides, found %s", describe(n))
	}
	return out
}

// checkFunnel checks what refers across the plan: the funnel dimension, stage
// names in overrides and pipelines, where overrides and pipelines sit.
func (l *loader) checkFunnel(p *Plan) {
	fn := p.Funnel
	dim := p.Dimension(fn.Dimension)
	if dim == nil && fn.DimensionPos.Line > 0 {
		hint := "the plan's dimensions are: " + strings.Join(p.DimensionNames(), ", ")
		if len(p.Dimensions) == 0 {
			hint = "remove funnel.dimension to run the funnel once on the whole target"
		}
		l.diag(fn.DimensionPos, Error, hint, "funnel.dimension %q is not a dimension of the plan", fn.Dimension)
	}
	if dim == nil && fn.DimensionPos.Line == 0 && len(p.Dimensions) > 0 && len(fn.Pipeline) == 0 {
		l.diag(fn.Pos, Warning, "set funnel.dimension to run it per leaf of "+strings.Join(p.DimensionNames(), " or "),
			"the plan has no %s dimension, so the funnel runs once on the whole target", DefaultFunnelDimension)
	}
	stageNames := make([]string, len(fn.Stages))
	for i, s := range fn.Stages {
		stageNames[i] = s.Name
	}
	checkCounts := func(counts []StageCount) {
		if len(stageNames) == 0 {
			return // the stages have errors of their own
		}
		for _, c := range counts {
			if !contains(stageNames, c.Stage) {
				l.diag(c.Pos, Error, suggestStage(c.Stage, stageNames), "pipeline stage %q is not a stage of the funnel", c.Stage)
			}
		}
	}
	if len(fn.Pipeline) > 0 && dim != nil {
		l.diag(fn.Pipeline[0].Pos, Error, "put each person's pipeline on their leaf of "+fn.Dimension, "a plan-level pipeline is only for a plan without the %s dimension", fn.Dimension)
	}
	checkCounts(fn.Pipeline)
	for _, d := range p.Dimensions {
		walkNodes(d.Roots, func(n *Node) {
			if n.Funnel == nil {
				return
			}
			if d != dim {
				hint := "funnel settings belong on the nodes of the funnel's dimension (" + fn.Dimension + ")"
				if dim == nil {
					hint = "the plan has no " + fn.Dimension + " dimension, so the funnel runs once on the whole target; set `funnel: {dimension: " + d.Name + "}` to run it per leaf of " + d.Name
				}
				l.diag(n.Funnel.Pos, Error, hint, "funnel settings on %s in dimension %s are never used", n.Name, d.Name)
				return
			}
			if n.Funnel.WinRate != nil && fn.WinRate == nil {
				l.diag(n.Funnel.Pos, Error, "override the rate of a stage under `stages:` instead", "win_rate on %s: the funnel has stages, not a single win rate", n.Name)
			}
			if n.Funnel.WinRate != nil && fn.WinRate != nil {
				for _, so := range n.Funnel.Stages {
					if so.Stage == ProspectStage && so.Rate != nil {
						l.diag(so.Pos, Error, "keep one of them", "%s sets both win_rate and the rate of stage %s, which is the same rate", n.Name, ProspectStage)
					}
				}
			}
			for _, so := range n.Funnel.Stages {
				if len(stageNames) == 0 {
					break // the stages have errors of their own
				}
				if !contains(stageNames, so.Stage) {
					l.diag(so.Pos, Error, suggestStage(so.Stage, stageNames), "stage %q is not a stage of the funnel", so.Stage)
				} else if so.Rate != nil && so.Stage == stageNames[len(stageNames)-1] {
					l.diag(so.Pos, Error, "the last stage is the won deal; it has no rate", "rate on the last stage %s", so.Stage)
				}
			}
			checkCounts(n.Funnel.Pipeline)
		})
	}
}

func suggestStage(name string, stages []string) string {
	h := suggest(name, stages)
	if strings.HasPrefix(h, "known keys") {
		return "the stages are: " + strings.Join(stages, ", ")
	}
	return h
}

// walkNodes calls fn on every node depth-first in declaration order.
func walkNodes(nodes []*Node, fn func(*Node)) {
	for _, n := range nodes {
		fn(n)
		walkNodes(n.Children, fn)
	}
}
