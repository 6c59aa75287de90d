package plan

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text from a file reaches the terminal only through messages, and every
// message is made safe in two places: the values formatted into it are cut
// (cutArgs, at the message sinks), and the finished text has every control,
// format (zero-width, bidirectional) and invalid byte escaped (Printable, when
// a diagnostic or problem is written).

// MaxShown is how many characters of a value a message shows at most.
const MaxShown = 80

// Quote writes a value from a file for a message: in double quotes, control,
// zero-width and bidirectional characters and invalid bytes escaped as Go
// escapes them, cut after MaxShown characters with "…".
func Quote(s string) string {
	return strconv.Quote(cut(s, MaxShown))
}

// cut shortens s to at most n characters, marking the cut with "…".
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	if i >= len(s) {
		return s
	}
	return s[:i] + "…"
}

// cutArgs cuts the string arguments that format quotes (%q: a value from a
// file, by the convention of every message) to MaxShown characters, so a huge
// value is never echoed whole. Arguments formatted otherwise (a message built
// earlier, a list of names) are left whole.
func cutArgs(format string, args []any) []any {
	var out []any
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i >= len(format) || format[i] == '%' {
			continue
		}
		if format[i] == 'q' && arg < len(args) {
			if s, ok := args[arg].(string); ok && len(s) > MaxShown {
				if out == nil {
					out = append([]any(nil), args...)
				}
				out[arg] = cut(s, MaxShown)
			}
		}
		arg++
	}
	if out == nil {
		return args
	}
	return out
}

// sprintf is fmt.Sprintf with the quoted values cut (cutArgs).
func sprintf(format string, args ...any) string {
	return fmt.Sprintf(format, cutArgs(format, args)...)
}

// maxMessage bounds a whole message, whatever it holds.
const maxMessage = 2000

// Printable makes text safe for a terminal: control characters (a line
// break and a tab included), zero-width and bidirectional formatting
// characters and bytes that are not UTF-8 are written as escapes (\x1b,
// \u202e), and text beyond maxMessage characters is cut. Printable text,
// Chinese included, is unchanged.
func Printable(s string) string {
	s = cut(s, maxMessage)
	if isPrintable(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// PrintableLines is Printable for text of several lines: line breaks stay.
func PrintableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		indent := len(l) - len(strings.TrimLeft(l, "\t"))
		lines[i] = l[:indent] + Printable(l[indent:])
	}
	return strings.Join(lines, "\n")
}

func isPrintable(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || unsafeRune(r) {
			return false
		}
	}
	return true
}

// unsafeRune reports characters that must not reach a terminal raw: controls
// (C0, DEL, C1), format characters (zero-width, bidirectional overrides and
// isolates, the byte order mark) and line or paragraph separators.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}
