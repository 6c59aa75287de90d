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
	written, aliases := 0, 0
	var count func(n *yaml.Node)
	count = func(n *yaml.Node) {
		written++
		if n.Kind == yaml.AliasNode {
			aliases++
			return
		}
		for _, c := range n.Content {
			count(c)
		}
	}
	count(doc)
	if aliases == 0 {
		return true // without aliases nothing expands beyond what is written
	}
	limit := int64(written) + aliasAllowance
	memo := map[*yaml.Node]int64{}
	var size func(n *yaml.Node) int64
	size = func(n *yaml.Node) int64 {
		if n == nil {
			return 0
		}
		if n.Kind == yaml.AliasNode {
			return size(n.Alias)
		}
		if s, ok := memo[n]; ok {
			return s
		}
		// A node inside itself (a recursive alias) counts once here: the
		// loader's own limits (depth, visits) report it.
		memo[n] = 1
		s := int64(1)
		for _, c := range n.Content {
			s += size(c)
			if s > limit {
				break
			}
		}
		memo[n] = s
		return s
	}
	// Only the values of known top-level keys are ever read: aliases under an
	// unknown key are reported as that key, not expanded.
	total := int64(0)
	for _, v := range readValues(doc) {
		total += size(v)
	}
	if total <= limit {
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

// readValues returns the parts of a document the loader reads: the values of
// the known top-level keys (the whole document when it is not a mapping).
func readValues(doc *yaml.Node) []*yaml.Node {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return []*yaml.Node{doc}
	}
	var out []*yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if contains(topKeys, root.Content[i].Value) {
			out = append(out, root.Content[i+1])
		}
	}
	return out
}
