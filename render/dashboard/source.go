package dashboard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The names of the documents a page reads. A number's data-k starts with one
// of them.
const (
	DocSplit    = "split"    // plan split --period month --format json
	DocQuarters = "quarters" // plan split --period quarter --format json
	DocFunnel   = "funnel"   // plan funnel --period month --format json
	DocTrack    = "track"    // plan track --format json
	DocAR       = "ar"       // plan ar --format json
	DocCapacity = "capacity" // plan capacity --period month --format json
)

// doc is one parsed JSON document: objects are map[string]any, arrays []any,
// numbers json.Number (their exact text), strings, booleans and nil.
type doc struct {
	name string
	root any
}

// parseDoc decodes a report's JSON keeping every number's exact text.
func parseDoc(name string, data []byte) (*doc, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("dashboard: the %s report is not JSON: %w", name, err)
	}
	return &doc{name: name, root: v}, nil
}

// ref is a place in a document: the document and a JSON pointer into it.
type ref struct {
	d    *doc
	path []string
}

// at returns the reference of a child: a key of an object or an index of an array.
func (r ref) at(keys ...any) ref {
	p := make([]string, len(r.path), len(r.path)+len(keys))
	copy(p, r.path)
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			p = append(p, k)
		case int:
			p = append(p, strconv.Itoa(k))
		default:
			panic(fmt.Sprintf("dashboard: bad key %v", k))
		}
	}
	return ref{d: r.d, path: p}
}

// Key is the data-k of the reference: "split:/time/3".
func (r ref) Key() string {
	var b strings.Builder
	b.WriteString(r.d.name)
	b.WriteByte(':')
	for _, p := range r.path {
		b.WriteByte('/')
		b.WriteString(escapePointer(p))
	}
	return b.String()
}

// escapePointer escapes a JSON pointer token (RFC 6901).
func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// value returns what the reference points at, or nil when nothing is there.
func (r ref) value() any {
	return Resolve(r.d.root, r.path)
}

// Resolve follows a JSON pointer's tokens from v; it returns nil when the
// path leads nowhere. Tests use it to check a page's data-k against a report.
func Resolve(v any, path []string) any {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// SplitKey splits a data-k into its document name and pointer tokens.
func SplitKey(k string) (name string, path []string, ok bool) {
	name, ptr, ok := strings.Cut(k, ":")
	if !ok || (ptr != "" && !strings.HasPrefix(ptr, "/")) {
		return "", nil, false
	}
	if ptr == "" {
		return name, nil, true
	}
	for _, t := range strings.Split(ptr[1:], "/") {
		path = append(path, strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~"))
	}
	return name, path, true
}

// str returns the string at the reference, or "".
func (r ref) str() string {
	s, _ := r.value().(string)
	return s
}

// num returns the exact text of the number at the reference, or "" when
// there is none (missing or null).
func (r ref) num() string {
	n, _ := r.value().(json.Number)
	return string(n)
}

// list returns the array at the reference, or nil.
func (r ref) list() []any {
	l, _ := r.value().([]any)
	return l
}

// obj returns the object at the reference, or nil.
func (r ref) obj() map[string]any {
	m, _ := r.value().(map[string]any)
	return m
}

// has reports whether something other than null is at the reference.
func (r ref) has() bool { return r.value() != nil }

// strs returns the strings of the array at the reference.
func (r ref) strs() []string {
	var out []string
	for _, v := range r.list() {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
