package plan

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// checkBytes finds the first byte a plan cannot hold before the YAML library
// sees it (the library reports such bytes at 1:1, or not at all): a byte that
// is not UTF-8, a NUL, an escape or another control character. It reports it
// at its own line and column and returns false.
func (l *loader) checkBytes(data []byte) bool {
	if bytes.HasPrefix(data, utf16LEBOM) || bytes.HasPrefix(data, utf16BEBOM) {
		return true // the YAML library reads UTF-16 with a byte order mark
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		pos := Pos{Line: line, Col: col}
		switch {
		case r == utf8.RuneError && size <= 1:
			hint := "save the plan as UTF-8"
			if gbk(data) {
				hint = "the file looks like GBK (GB2312) text: save it as UTF-8, e.g. iconv -f GBK -t UTF-8 plan.yaml > plan-utf8.yaml"
			}
			l.diag(pos, Error, hint, "the file is not UTF-8 text (byte 0x%02x)", data[i])
			return false
		case r == '\n':
			line, col = line+1, 0
		case r == '\t' || r == '\r' || r == '\uFEFF' && i == 0:
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 && r != 0x85:
			l.diag(pos, Error, "remove it: a plan is text", "the file holds the control character %s", fmt.Sprintf("%U", r))
			return false
		}
		i += size
		col++
	}
	return true
}

// gbk reports whether data reads as GBK text with Chinese in it.
func gbk(data []byte) bool {
	out, err := simplifiedchinese.GBK.NewDecoder().Bytes(data)
	return err == nil && utf8.Valid(out) && !bytes.ContainsRune(out, utf8.RuneError) && !bytes.Equal(out, data)
}
