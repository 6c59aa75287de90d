package render

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/planhq/plan/plan"
)

// jsonOut writes a report's JSON by hand, so that keys keep their order and
// every number is exact: header fields one per line, then arrays whose objects
// sit on one line each (readable, and diffable in git).
type jsonOut struct {
	*bufio.Writer
}

func newJSONOut(w io.Writer) jsonOut {
	return jsonOut{bufio.NewWriterSize(w, 64<<10)}
}

// field writes a header field on its own line: `  "name": raw,`.
func (j jsonOut) field(name string, raw []byte) {
	j.WriteString("  ")
	j.Write(jsonString(name))
	j.WriteString(": ")
	j.Write(raw)
	j.WriteString(",\n")
}

// planFields writes the fields that say what was computed: the plan's name and
// currency, the unit, the tier and the metric.
func (j jsonOut) planFields(b *plan.Breakdown) {
	j.field("name", jsonString(b.Plan.Name))
	j.field("currency", jsonString(b.Plan.Currency))
	j.field("round", []byte(b.Unit.String()))
	j.field("tier", jsonString(b.Tier))
	j.field("metric", jsonString(b.Metric))
}

// jsonString encodes s as a JSON string without HTML escaping.
func jsonString(s string) []byte {
	if plainJSON(s) {
		out := make([]byte, 0, len(s)+2)
		out = append(out, '"')
		out = append(out, s...)
		return append(out, '"')
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return []byte(strings.TrimSuffix(b.String(), "\n"))
}

// plainJSON reports whether s can be quoted as is: valid UTF-8 without control
// characters, quotes, backslashes or the line separators JSON encoders escape.
func plainJSON(s string) bool {
	if !utf8.ValidString(s) || strings.ContainsAny(s, "\u2028\u2029") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

func jsonStrings(ss []string) []byte {
	out := []byte{'['}
	for i, s := range ss {
		if i > 0 {
			out = append(out, ", "...)
		}
		out = append(out, jsonString(s)...)
	}
	return append(out, ']')
}

func jsonAmounts(u plan.Unit, vs []int64) []byte {
	out := []byte{'['}
	for i, v := range vs {
		if i > 0 {
			out = append(out, ", "...)
		}
		out = u.AppendFormat(out, v)
	}
	return append(out, ']')
}
