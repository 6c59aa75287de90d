package plan

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// fullWidthMarks are the full-width punctuation a Chinese input method types
// where YAML needs ASCII, with what to write instead.
var fullWidthMarks = []struct{ mark, ascii, name string }{
	{"：", ":", "colon"},
	{"，", ",", "comma"},
}

// fullWidthCause finds a full-width colon or comma near a YAML syntax error
// (on its line first, then the lines before and after), outside comments and
// quoted text, and returns its position and a message and hint for it.
func fullWidthCause(data []byte, line int) (pos Pos, msg, hint string, ok bool) {
	lines := bytes.Split(data, []byte("\n"))
	for _, ln := range []int{line, line - 1, line + 1} {
		if ln < 1 || ln > len(lines) {
			continue
		}
		text := unquotedPart(string(lines[ln-1]))
		best := -1
		var mark, ascii, name string
		for _, m := range fullWidthMarks {
			if i := strings.Index(text, m.mark); i >= 0 && (best < 0 || i < best) {
				best, mark, ascii, name = i, m.mark, m.ascii, m.name
			}
		}
		if best >= 0 {
			col := utf8.RuneCountInString(text[:best]) + 1
			return Pos{Line: ln, Col: col},
				"full-width " + name + " " + quoteText(mark) + " where YAML needs " + quoteText(ascii),
				"write an ASCII " + quoteText(ascii) + " (a Chinese input method types " + quoteText(mark) + "); inside quotes either is fine", true
		}
	}
	return Pos{}, "", "", false
}

// unquotedPart is a line up to its comment, with quoted text blanked out
// (kept as spaces of the same byte length so positions stay right).
func unquotedPart(line string) string {
	b := []byte(line)
	var quote byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				b[i] = ' '
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || b[i-1] == ' '):
			return string(b[:i])
		}
	}
	return string(b)
}

// fullWidthKeyHint is the hint for an unknown key that holds a full-width
// colon or comma ("name： a" read as one key), or "".
func fullWidthKeyHint(key string) string {
	for _, m := range fullWidthMarks {
		if strings.Contains(key, m.mark) {
			return "the key holds a full-width " + m.name + " " + quoteText(m.mark) + ": write an ASCII " + quoteText(m.ascii) + " (a Chinese input method types " + quoteText(m.mark) + ")"
		}
	}
	return ""
}

// quoteText writes s in single quotes.
func quoteText(s string) string { return "'" + s + "'" }
