package plan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Limits that keep hostile files from hanging or exhausting the loader.
const (
	// maxVisits bounds how many YAML nodes the loader visits, aliases expanded,
	// so an alias bomb ends in an error rather than in an exponential walk.
	maxVisits = 5_000_000
	// MaxDepth bounds how deep a dimension tree may be nested.
	MaxDepth = 50
	// MaxFileSize bounds the size of a plan file (16 MiB, three times a plan of
	// 100,000 people). The YAML library spends about 0.3 s and 80 MB per MiB
	// of dense junk, so a larger bound lets a junk file hang the loader.
	MaxFileSize = 16 << 20
)

// Load parses and validates a plan file. file names the plan in messages. It
// returns the plan, or nil when there are errors, and every diagnostic found
// (errors and warnings), in file order.
func Load(file string, data []byte) (*Plan, Diagnostics) {
	l := &loader{file: file}
	p := l.load(data)
	l.sortDiags()
	if l.diags.HasErrors() {
		return nil, l.diags
	}
	return p, l.diags
}

// loader walks the YAML tree of one plan file, collecting diagnostics.
type loader struct {
	file   string
	diags  Diagnostics
	visits int
	errors int  // errors reported so far
	over   bool // the visit budget or the error limit is spent

	// misspelt holds the known keys that the unknown keys of the last mapping
	// were taken for ("targte" → target), so a missing-key error is not
	// reported on top of the typo that caused it.
	misspelt map[string]bool
}

func (l *loader) load(data []byte) *Plan {
	if len(data) > MaxFileSize {
		l.diag(Pos{}, Error, "a plan is a few MiB even with 100,000 people; is this the right file?", "the file is larger than %d MiB", MaxFileSize>>20)
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		l.diag(Pos{Line: 1, Col: 1}, Error, "start from a complete example with `plan init`", "the plan is empty")
		return nil
	}
	if !l.checkBytes(data) {
		return nil
	}
	doc, err := parseYAML(data)
	if err != nil {
		l.yamlError(err, data)
		return nil
	}
	if doc == nil || len(doc.Content) == 0 {
		l.diag(Pos{Line: 1, Col: 1}, Error, "start from a complete example with `plan init`", "the plan is empty")
		return nil
	}
	if !l.checkExpansion(doc) {
		return nil
	}
	return l.plan(doc.Content[0])
}

// parseYAML parses the first document of data into a node tree. A second
// document is an error. A panic inside the YAML library is turned into an error.
func parseYAML(data []byte) (doc *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("yaml: the file could not be parsed (%v)", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var d yaml.Node
	if err := dec.Decode(&d); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, err
		}
		return nil, &multiDocError{line: extra.Line}
	}
	return &d, nil
}

type multiDocError struct{ line int }

func (e *multiDocError) Error() string { return "the file holds more than one YAML document" }

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserProblems are the problems yaml.v3's parser (as opposed to its
// scanner) reports; it gives their line 0-based, one less than the real line.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"did not find expected '-' indicator", "did not find expected <document start>",
	"did not find expected <stream-start>", "did not find expected key",
	"did not find expected node content", "found duplicate %TAG directive",
	"found duplicate %YAML directive", "found incompatible YAML document",
	"found undefined tag handle",
}

// yamlError reports a parse error of the YAML library at its line, pointing
// at a tab when the line has one.
func (l *loader) yamlError(err error, data []byte) {
	var md *multiDocError
	if errors.As(err, &md) {
		l.diag(Pos{Line: md.line, Col: 1}, Error, "a plan file holds one plan; remove the `---` separator and what follows", "%s", md.Error())
		return
	}
	msg := err.Error()
	pos := Pos{Line: 1, Col: 1}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		pos = Pos{Line: n, Col: 1}
		msg = m[2]
		if contains(yamlParserProblems, msg) {
			pos.Line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	hint := ""
	if strings.Contains(msg, "tab") {
		hint = "indent with spaces, not tabs"
	}
	// A tab in the indentation of the line (or of the next one, where the
	// library reports the line before) is the likely cause: point at it.
	lines := bytes.Split(data, []byte("\n"))
	for ln := pos.Line; ln <= pos.Line+1 && ln <= len(lines); ln++ {
		line := lines[ln-1]
		indent := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
		if i := bytes.IndexByte(indent, '\t'); i >= 0 {
			pos = Pos{Line: ln, Col: i + 1}
			hint = "indent with spaces, not tabs"
			break
		}
	}
	l.diag(pos, Error, hint, "malformed YAML: %s", msg)
}

// MaxErrors bounds how many errors one file reports: past it the loader stops,
// so a large file of junk ends quickly in a short list.
const MaxErrors = 100

func (l *loader) diag(pos Pos, sev Severity, hint, format string, args ...any) {
	if sev == Error {
		if l.errors == MaxErrors {
			l.over = true
			l.errors++
			l.diags = append(l.diags, Diagnostic{File: l.file, Pos: pos, Severity: Error, Msg: fmt.Sprintf("too many errors (more than %d); stopping here", MaxErrors), Hint: "fix the errors above first"})
		}
		if l.errors > MaxErrors {
			return
		}
		l.errors++
	}
	l.diags = append(l.diags, Diagnostic{File: l.file, Pos: pos, Severity: sev, Msg: sprintf(format, args...), Hint: hint})
}

func (l *loader) errorf(n *yaml.Node, hint, format string, args ...any) {
	l.diag(posOf(n), Error, hint, format, args...)
}

func (l *loader) warnf(n *yaml.Node, hint, format string, args ...any) {
	l.diag(posOf(n), Warning, hint, format, args...)
}

// valueError reports a ValueError (or any error) about node n.
func (l *loader) valueError(n *yaml.Node, what string, err error) {
	var ve *ValueError
	if errors.As(err, &ve) {
		l.errorf(n, ve.Hint, "%s: %s", what, ve.Msg)
		return
	}
	l.errorf(n, "", "%s: %v", what, err)
}

// sortDiags orders diagnostics by position, keeping the order of equal positions.
func (l *loader) sortDiags() {
	sortDiagnostics(l.diags)
}

func sortDiagnostics(ds Diagnostics) {
	// stable, and n log n: a plan may have a warning on each of 100,000 nodes
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		switch {
		case less(a.Pos, b.Pos):
			return -1
		case less(b.Pos, a.Pos):
			return 1
		}
		return 0
	})
}

func less(a, b Pos) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

func posOf(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{Line: n.Line, Col: n.Column}
}

// visit resolves aliases and charges the visit budget. It returns nil when the
// budget is spent (an error has then been reported once).
func (l *loader) visit(n *yaml.Node) *yaml.Node {
	if l.over {
		return nil
	}
	for hops := 0; n != nil && n.Kind == yaml.AliasNode; hops++ {
		if hops > 100 {
			l.errorf(n, "", "alias chain too long")
			return nil
		}
		n = n.Alias
	}
	l.visits++
	if l.visits > maxVisits {
		l.over = true
		l.errorf(n, "aliases that repeat large parts of the file can blow up; write the plan out", "the plan is too large (more than %d values once aliases are expanded)", maxVisits)
		return nil
	}
	return n
}

// field is one key of a mapping with its value.
type field struct {
	key, val *yaml.Node
}

// mapping checks that n is a mapping with known keys only and returns its
// fields by key. Unknown and duplicate keys are reported (with a suggestion).
// what names the mapping in messages ("a node", "funnel").
func (l *loader) mapping(n *yaml.Node, what string, known ...string) (map[string]field, bool) {
	list, ok := l.fieldList(n, what, known...)
	if !ok {
		return nil, false
	}
	out := make(map[string]field, len(list))
	for _, f := range list {
		out[f.key.Value] = f
	}
	return out, true
}

// fields is a mapping's known keys in file order, each once. A node has a few
// keys, so scanning them is cheaper than building a map for each of a plan's
// 100,000 people.
type fields []field

// get returns the field of the given key.
func (fs fields) get(key string) (field, bool) {
	for _, f := range fs {
		if f.key.Value == key {
			return f, true
		}
	}
	return field{}, false
}

// fieldList is mapping, returning the fields as a list in file order.
func (l *loader) fieldList(n *yaml.Node, what string, known ...string) (fields, bool) {
	n = l.visit(n)
	if n == nil {
		return nil, false
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "", "%s must be a mapping (key: value), found %s", what, describe(n))
		return nil, false
	}
	out := make(fields, 0, len(n.Content)/2)
	l.misspelt = nil
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := l.visit(n.Content[i])
		v := n.Content[i+1]
		if k == nil {
			return nil, false
		}
		if k.Kind != yaml.ScalarNode {
			l.errorf(k, "", "keys of %s must be plain words, found %s", what, describe(k))
			continue
		}
		if k.Value == "<<" {
			l.errorf(k, "write the keys out instead of merging them", "merge keys (<<) are not supported")
			continue
		}
		if _, dup := out.get(k.Value); dup {
			l.errorf(k, "remove one of them", "duplicate key %q in %s", k.Value, what)
			continue
		}
		if !contains(known, k.Value) {
			hint := suggest(k.Value, known)
			l.errorf(k, hint, "unknown key %q in %s", k.Value, what)
			if meant, ok := suggestedKey(k.Value, known); ok {
				if l.misspelt == nil {
					l.misspelt = map[string]bool{}
				}
				l.misspelt[meant] = true
			}
			continue
		}
		out = append(out, field{key: k, val: v})
	}
	return out, true
}

// sequence checks that n is a sequence and returns its items.
func (l *loader) sequence(n *yaml.Node, what string) ([]*yaml.Node, bool) {
	n = l.visit(n)
	if n == nil {
		return nil, false
	}
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "", "%s must be a list, found %s", what, describe(n))
		return nil, false
	}
	return n.Content, true
}

// scalar checks that n is a non-null scalar and returns its text.
func (l *loader) scalar(n *yaml.Node, what string) (string, bool) {
	n = l.visit(n)
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		l.errorf(n, "", "%s must be a single value, found %s", what, describe(n))
		return "", false
	}
	if n.Tag == "!!null" && n.Style == 0 {
		l.errorf(n, "", "%s has no value", what)
		return "", false
	}
	return n.Value, true
}

// describe names the kind of a YAML node for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return Quote(n.Value)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
