package plan

import (
	"math/big"
	"strings"

	"gopkg.in/yaml.v3"
)

// Activity is the work one new entry of a funnel stage takes: `拜访: 3` means
// three visits for every entry into the stage (SPEC §5).
type Activity struct {
	Name  string
	Count *big.Rat // ≥ 0; may be a decimal (0.5 visits an entry)
	Pos   Pos
}

// maxActivityCount bounds an activity's count per entry: more than a million
// of anything per entry is a typo.
var maxActivityCount = big.NewRat(1_000_000, 1)

// activities reads `activities: {拜访: 3, 方案: 1}` of a stage (or of a node's
// stage override): activity names to the count one new entry takes.
func (l *loader) activities(n *yaml.Node, stage string) []Activity {
	n = l.visit(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "write e.g. `activities: {拜访: 3, 方案: 1}`", "activities of stage %s must be a mapping of activity names to counts, found %s", stage, describe(n))
		return nil
	}
	out := []Activity{}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := l.visit(n.Content[i]), n.Content[i+1]
		if k == nil {
			return out
		}
		if k.Kind != yaml.ScalarNode || strings.TrimSpace(k.Value) == "" {
			l.errorf(k, "write e.g. `activities: {拜访: 3, 方案: 1}`", "keys of activities must be activity names, found %s", describe(k))
			continue
		}
		if seen[k.Value] {
			l.errorf(k, "", "duplicate activity %q in stage %s", k.Value, stage)
			continue
		}
		seen[k.Value] = true
		what := "activity " + k.Value + " of stage " + stage
		s, ok := l.scalar(v, what)
		if !ok {
			continue
		}
		r, err := ParseNumber(s)
		if err != nil {
			l.errorf(v, "write how many of it one new entry takes, e.g. 3 or 0.5", "%s: %q is not a number", what, s)
			continue
		}
		if r.Sign() < 0 {
			l.errorf(v, "", "%s must not be negative, found %s", what, s)
			continue
		}
		if r.Cmp(maxActivityCount) > 0 {
			l.errorf(v, "it is the work one new entry of the stage takes", "%s is more than a million per entry", what)
			continue
		}
		out = append(out, Activity{Name: k.Value, Count: r, Pos: posOf(k)})
	}
	return out
}
