package plan

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// Every name of a plan (the plan's, a dimension's, a tier's, a metric's, a
// stage's, a node's) goes through one check, checkName, and names are compared
// in Unicode NFC form (nameKey), so two spellings of the same text are the
// same name. A name is kept as written.

// checkName returns why name cannot be the name of a kind ("node", "tier"…),
// with a hint, or "" when it can. A name is one line of visible text: no
// control characters, no white space at either end (the actuals reader trims
// names, so " A" and "A" could not be told apart), no zero-width or
// bidirectional formatting characters (they make look-alikes of other names
// and reorder text on a terminal), and not (reserve) or a look-alike of it.
func checkName(kind, name string) (msg, hint string) {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Sprintf("a %s name must not be empty", kind), ""
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Sprintf("name %s contains a control character", Quote(name)),
			"a name is one line of text: remove the line break or tab"
	case strings.IndexFunc(name, invisible) >= 0:
		c, _ := utf8.DecodeRuneInString(name[strings.IndexFunc(name, invisible):])
		return fmt.Sprintf("%s name %s contains the invisible character U+%04X", kind, Quote(name), c),
			"remove it: zero-width and direction characters make names that look alike but differ"
	case strings.TrimFunc(name, unicode.IsSpace) != name:
		return fmt.Sprintf("%s name %s begins or ends with a space", kind, Quote(name)),
			"remove the space: names are compared as written, actuals paths are trimmed"
	case isReserveName(name):
		return fmt.Sprintf("%s is the name of reserve rows", Quote(name)),
			"write `reserve: 10%` on the parent instead"
	}
	return "", ""
}

// invisible reports zero-width and bidirectional formatting characters (the
// Unicode format category: U+200B–U+200F, U+202A–U+202E, U+2060–U+2069,
// U+FEFF…) and the line and paragraph separators.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

// reserveLookalikes maps letters that look like those of "reserve" to them.
var reserveLookalikes = strings.NewReplacer(
	"е", "e", "ѕ", "s", "ѵ", "v", "ν", "v", "ε", "e", "г", "r", "ʀ", "r",
)

// isReserveName reports whether a name is (reserve) or looks like it: the
// same after compatibility folding (full-width brackets), case folding,
// Cyrillic and Greek look-alike letters and dropping spaces.
func isReserveName(name string) bool {
	s := norm.NFKC.String(name)
	s = strings.ToLower(s)
	s = reserveLookalikes.Replace(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || invisible(r) {
			return -1
		}
		return r
	}, s)
	return s == ReserveName
}

// name checks the name of a kind written at n and returns it; a bad name is
// reported and ok is false.
func (l *loader) name(n *yaml.Node, kind, name string) (string, bool) {
	if msg, hint := checkName(kind, name); msg != "" {
		l.diag(posOf(n), Error, hint, "%s", msg)
		return "", false
	}
	return name, true
}

// nameKey is the form in which names are compared: Unicode NFC.
func nameKey(name string) string { return norm.NFC.String(name) }

// sameName reports whether two names are the same name (equal in NFC), so a
// name given on the command line finds the plan's in any spelling.
func sameName(a, b string) bool { return a == b || nameKey(a) == nameKey(b) }
