package plan

import (
	"fmt"
	"math/big"
	"strings"

	"gopkg.in/yaml.v3"
)

// ReserveName is the name of the row that shows a node's reserve.
const ReserveName = "(reserve)"

var nodeKeys = []string{"name", "weight", "last_year", "growth", "amount", "reserve", "over_assign", "commit", "children", "funnel", "bonus",
	"start", "end", "ramp", "headcount", "productivity", "metrics"}

// dimensions reads `dimensions:`, a mapping of names to lists of nodes.
func (l *loader) dimensions(n *yaml.Node, round Unit) []*Dimension {
	n = l.visit(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "write e.g. `dimensions: {org: [{name: 销售部, weight: 70%}, …]}`", "dimensions must be a mapping of dimension names to lists of nodes, found %s", describe(n))
		return nil
	}
	if len(n.Content)/2 > MaxDimensions {
		l.errorf(n, "a plan breaks its target down along a few dimensions (org, product, region…); put the others in a separate plan",
			"the plan has %d dimensions, more than %d", len(n.Content)/2, MaxDimensions)
		return nil
	}
	var out []*Dimension
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := l.visit(n.Content[i]), n.Content[i+1]
		if k == nil {
			return out
		}
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			l.errorf(k, "", "a dimension name must be a plain word")
			continue
		}
		name, ok := l.name(k, "dimension", k.Value)
		if !ok {
			continue
		}
		if seen[nameKey(name)] {
			l.errorf(k, "", "duplicate dimension %q", name)
			continue
		}
		seen[nameKey(name)] = true
		if strings.Contains(name, ",") {
			l.errorf(k, "commas separate dimensions in --by", "dimension name %q must not contain a comma", name)
		}
		d := &Dimension{Name: name, Pos: posOf(k)}
		items, ok := l.sequence(v, "dimension "+name)
		if !ok {
			continue
		}
		if len(items) == 0 {
			l.errorf(v, "", "dimension %s has no nodes", name)
			continue
		}
		d.Roots = l.nodes(items, v, 1, round, "dimension "+name)
		out = append(out, d)
	}
	return out
}

// nodes reads a list of sibling nodes and checks them as a group.
func (l *loader) nodes(items []*yaml.Node, list *yaml.Node, depth int, round Unit, parent string) []*Node {
	if depth > MaxDepth {
		l.errorf(list, "", "nodes are nested deeper than %d levels", MaxDepth)
		return nil
	}
	var out []*Node
	seen := map[string]*Node{}
	for _, it := range items {
		nd := l.node(it, depth, round)
		if nd == nil {
			continue
		}
		if prev, dup := seen[nameKey(nd.Name)]; dup {
			l.diag(nd.Pos, Error, fmt.Sprintf("the first %q is at line %d", prev.Name, prev.Pos.Line), "duplicate name %q among the children of %s", nd.Name, parent)
			continue
		}
		seen[nameKey(nd.Name)] = nd
		out = append(out, nd)
	}
	l.siblings(out, list, parent)
	return out
}

// node reads one node: a mapping, or a plain name as shorthand for {name: …}.
func (l *loader) node(n *yaml.Node, depth int, round Unit) *Node {
	n = l.visit(n)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		name, ok := l.checkName(n, n.Value)
		if !ok {
			return nil
		}
		return &Node{Name: name, Pos: posOf(n)}
	}
	before := len(l.diags)
	f, ok := l.fieldList(n, "a node", nodeKeys...)
	if !ok {
		return nil
	}
	nd := &Node{Pos: posOf(n)}
	bad := len(l.diags) > before // an unknown key may be a misspelt weight
	v, ok := f.get("name")
	if !ok {
		if !l.misspelt["name"] {
			l.errorf(n, "every node needs `name:`", "a node has no name")
		}
		return nil
	}
	name, ok := l.text(v.val, "name")
	if ok {
		name, ok = l.checkName(v.val, name)
	}
	if !ok {
		return nil
	}
	nd.Name = name

	var kinds []string
	if v, ok := f.get("weight"); ok {
		kinds = append(kinds, "weight")
		nd.WeightPos = posOf(v.val)
		if r, k, ok := l.weight(v.val, "weight of "+name); ok {
			nd.Weight, nd.Kind = r, k
		} else {
			bad = true
		}
	}
	if v, ok := f.get("last_year"); ok {
		kinds = append(kinds, "last_year")
		nd.WeightPos = posOf(v.val)
		if r, ok := l.amount(v.val, "last_year of "+name); ok {
			nd.LastYear, nd.Kind = r, History
		} else {
			bad = true
		}
	}
	if v, ok := f.get("growth"); ok {
		if r, ok := l.rate(v.val, "growth of "+name, growthRule); ok {
			nd.Growth = r
		} else {
			bad = true
		}
		if _, has := f.get("last_year"); !has {
			l.errorf(v.key, "growth applies to last_year: add `last_year:` or remove growth", "%s has growth but no last_year", name)
			bad = true
		}
	}
	if v, ok := f.get("amount"); ok {
		kinds = append(kinds, "amount")
		nd.WeightPos = posOf(v.val)
		if r, ok := l.amount(v.val, "amount of "+name); ok {
			nd.Amount, nd.Kind = r, Fixed
			l.checkMultiple(v.val, "amount of "+name, r, round)
		} else {
			bad = true
		}
	}
	if len(kinds) > 1 {
		l.errorf(n, "a node has either weight, last_year (with growth) or amount", "%s has both %s", name, strings.Join(kinds, " and "))
		bad = true
	}
	if v, ok := f.get("reserve"); ok {
		nd.Reserve, _ = l.rate(v.val, "reserve of "+name, reserveRule)
	}
	if v, ok := f.get("over_assign"); ok {
		nd.OverAssign, _ = l.rate(v.val, "over_assign of "+name, overAssignRule)
	}
	if v, ok := f.get("commit"); ok {
		nd.Commit, _ = l.amount(v.val, "commit of "+name)
	}
	if v, ok := f.get("bonus"); ok {
		nd.Bonus, _ = l.amount(v.val, "bonus of "+name)
	}
	if v, ok := f.get("children"); ok {
		if items, ok := l.sequence(v.val, "children of "+name); ok {
			nd.Children = l.nodes(items, v.val, depth+1, round, name)
		}
	}
	if nd.Leaf() {
		if v, ok := f.get("reserve"); ok {
			l.errorf(v.key, "a reserve is held back from a node's children", "%s has a reserve but no children", name)
		}
		if v, ok := f.get("over_assign"); ok {
			l.errorf(v.key, "over_assign raises what a node's children add up to", "%s has over_assign but no children", name)
		}
	}
	if v, ok := f.get("funnel"); ok {
		nd.Funnel = l.nodeFunnel(v.val, nd.Leaf())
	}
	l.nodePeople(f, nd)
	if v, ok := f.get("metrics"); ok {
		nd.Metrics = l.nodeMetrics(v.val, name)
	}
	if bad {
		nd.Kind = NoWeight
		nd.invalid = true
	}
	return nd
}

// checkName reports names that cannot be used.
// It checks the name as every name is checked (checkName) and refuses a /.
func (l *loader) checkName(n *yaml.Node, name string) (string, bool) {
	name, ok := l.name(n, "node", name)
	if ok && strings.Contains(name, "/") {
		l.errorf(n, "paths join names with /; use another character such as - or ·", "name %q contains /", name)
		return "", false
	}
	return name, ok
}

// siblings checks what a group of siblings claims as a whole: one weight kind,
// percents adding up to 100 %, no node left without a weight among weighted ones.
func (l *loader) siblings(kids []*Node, list *yaml.Node, parent string) {
	for _, k := range kids {
		if k.invalid {
			return // its own error is reported; a group check would only echo it
		}
	}
	var first *Node
	var unweighted []*Node
	kinds := map[WeightKind]bool{}
	for _, k := range kids {
		switch k.Kind {
		case Fixed:
			continue
		case NoWeight:
			unweighted = append(unweighted, k)
			continue
		}
		kinds[k.Kind] = true
		if first == nil {
			first = k
			continue
		}
		if k.Kind != first.Kind {
			l.diag(k.WeightPos, Error, "siblings use one kind only: all percents, all plain numbers (relative factors), or all last_year; a fixed amount may sit beside any of them",
				"%s has a %s while %s has a %s", k.Name, k.Kind, first.Name, first.Kind)
			return
		}
	}
	if first != nil && len(unweighted) > 0 {
		u := unweighted[0]
		l.diag(u.Pos, Error, "give it a "+weightField(first.Kind)+", or remove the weights of all siblings to share equally",
			"%s has no %s while its siblings have %s", u.Name, weightField(first.Kind), kindPlural(first.Kind))
		return
	}
	if first == nil {
		return
	}
	sum := new(big.Rat)
	allZero := true
	for _, k := range kids {
		if k.Kind == Fixed {
			continue
		}
		if k.Kind == Percent {
			sum.Add(sum, k.Weight) // only percents need their sum
		}
		zero := k.Weight != nil && k.Weight.Sign() == 0
		if k.Kind == History { // last_year × (1 + growth) is zero iff last_year is
			zero = k.LastYear.Sign() == 0
		}
		if !zero {
			allZero = false
		}
	}
	if first.Kind == Percent {
		if !percentSumOK(sum) {
			l.diag(first.WeightPos, Error, "make them add up to 100%, or use plain numbers (relative factors) to have them normalised",
				"the percent weights of the children of %s add up to %s, not 100%%", parent, pct(sum))
			return
		}
		if sum.Cmp(ratOne) != 0 {
			l.diag(first.WeightPos, Warning, "", "the percent weights of the children of %s add up to %s; normalised to 100%%", parent, pct(sum))
		}
		return
	}
	if allZero {
		l.diag(first.WeightPos, Warning, "give them weights, or remove the weights to share equally on purpose",
			"the weights of the children of %s are all zero; they share equally", parent)
	}
}

func weightField(k WeightKind) string {
	switch k {
	case History:
		return "last_year"
	case Fixed:
		return "amount"
	}
	return "weight"
}

// HistoryBasis is last_year × (1 + growth), the weight of a history-based node.
func HistoryBasis(n *Node) *big.Rat {
	w := new(big.Rat).Set(n.LastYear)
	if n.Growth != nil {
		w.Mul(w, new(big.Rat).Add(ratOne, n.Growth))
	}
	return w
}

func kindPlural(k WeightKind) string {
	switch k {
	case Percent:
		return "percent weights"
	case Factor:
		return "relative factors"
	case History:
		return "last_year (history basis)"
	}
	return k.String()
}
