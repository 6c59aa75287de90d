package plan

import (
	"strings"

	"golang.org/x/text/width"
)

// currencySigns are the signs an amount may start with: ¥3.6亿, $50M.
var currencySigns = []string{"¥", "$", "€", "£"}

// plainAmountText rewrites an amount as a Chinese input method or a finance
// sheet may write it into the plain spelling ParseAmount reads: full-width
// digits and punctuation made narrow (５０００万 → 5000万, １，２００ → 1,200,
// ￥ → ¥), a leading currency sign dropped (after a minus sign too: -¥5), and
// a trailing 元 dropped (3600万元 → 3600万). Anything else is left as it is.
func plainAmountText(s string) string {
	t := strings.TrimSpace(s)
	if isASCIIText(t) {
		return t
	}
	t = strings.TrimSpace(width.Narrow.String(t))
	t = strings.TrimSpace(strings.TrimSuffix(t, "元"))
	sign := ""
	if strings.HasPrefix(t, "-") {
		sign, t = "-", t[1:]
	}
	for _, c := range currencySigns {
		if strings.HasPrefix(t, c) {
			return sign + strings.TrimSpace(strings.TrimPrefix(t, c))
		}
	}
	return sign + t
}

// isASCIIText reports whether s is ASCII and holds no '$' (the common case,
// which needs no rewriting).
func isASCIIText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == '$' {
			return false
		}
	}
	return true
}
