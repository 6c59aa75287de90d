package plan

import "gopkg.in/yaml.v3"

// aliasAllowance is how many values aliases may add to a plan once expanded.
// A plan repeats a stage list or a team with an alias a few times; an alias
// bomb (each level repeating the one below ten times) asks for billions, and
// walking even a few million expanded values takes seconds and hundreds of MB.
const aliasAllowance = 200_000

// checkExpansion counts the values of the document with and without its
// aliases expanded, before any of it is read, and reports a plan whose
// aliases add more than aliasAllowance values. Sizes of anchored nodes are
// computed once each, so the count itself is linear in the file.
func (l *loader) checkExpansion(doc *yaml.Node) bool {
	written := 0
	var count func(n *yaml.Node)
	count = func(n *yaml.Node) {
		written++
		if n.Kind != yaml.AliasNode {
			for _, c := range n.Content {
				count(c)
			}
		}
	}
	count(doc)
	limit := int64(written) + aliasAllowance
	memo := map[*yaml.Node]int64{}
	var size func(n *yaml.Node, depth int) int64
	size = func(n *yaml.Node, depth int) int64 {
		if n == nil {
			return 0
		}
		if depth > 10_000 {
			return limit + 1
		}
		if n.Kind == yaml.AliasNode {
			return size(n.Alias, depth+1)
		}
		if s, ok := memo[n]; ok {
			return s
		}
		memo[n] = limit + 1 // a node inside itself expands without end
		s := int64(1)
		for _, c := range n.Content {
			s += size(c, depth+1)
			if s > limit {
				break
			}
		}
		memo[n] = s
		return s
	}
	if size(doc, 0) <= limit {
		return true
	}
	var first *yaml.Node
	var find func(n *yaml.Node)
	find = func(n *yaml.Node) {
		if first != nil {
			return
		}
		if n.Kind == yaml.AliasNode {
			first = n
			return
		}
		for _, c := range n.Content {
			find(c)
		}
	}
	find(doc)
	l.errorf(first, "aliases that repeat large parts of the file can blow up; write the plan out",
		"the plan's aliases expand it by more than %d values", aliasAllowance)
	return false
}
