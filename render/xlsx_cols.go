package render

import (
	"bytes"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// colsSorter passes a worksheet part through, with the <col> elements of its
// <cols> block sorted by column: excelize's stream writer writes them in
// reverse order of the SetColWidth calls, and OOXML wants them ascending (some
// readers drop the widths otherwise). It holds back the part's head, up to
// <sheetData>, which holds the block; the rows stream through untouched.
type colsSorter struct {
	w    io.Writer
	head bytes.Buffer
	done bool
}

// maxSheetHead bounds the head held back: a head without <sheetData> in it
// by then passes through unchanged.
const maxSheetHead = 1 << 20

var colElement = regexp.MustCompile(`<col min="([0-9]+)"[^>]*/>`)

func (c *colsSorter) Write(p []byte) (int, error) {
	if c.done {
		return c.w.Write(p)
	}
	c.head.Write(p)
	if !bytes.Contains(c.head.Bytes(), []byte("<sheetData")) && c.head.Len() < maxSheetHead {
		return len(p), nil
	}
	c.done = true
	if _, err := c.w.Write([]byte(sortCols(c.head.String()))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes a head still held back (a part without rows).
func (c *colsSorter) flush() error {
	if c.done {
		return nil
	}
	c.done = true
	_, err := c.w.Write([]byte(sortCols(c.head.String())))
	return err
}

// sortCols sorts the <col> elements of the first <cols> block by their min.
func sortCols(s string) string {
	lo, hi := strings.Index(s, "<cols>"), strings.Index(s, "</cols>")
	if lo < 0 || hi < lo {
		return s
	}
	block := s[lo+len("<cols>") : hi]
	cols := colElement.FindAllStringSubmatch(block, -1)
	if len(cols) < 2 || len(strings.Join(flatten(cols), "")) != len(block) {
		return s
	}
	sort.SliceStable(cols, func(i, j int) bool {
		a, _ := strconv.Atoi(cols[i][1])
		b, _ := strconv.Atoi(cols[j][1])
		return a < b
	})
	return s[:lo+len("<cols>")] + strings.Join(flatten(cols), "") + s[hi:]
}

// flatten is the whole matches of FindAllStringSubmatch.
func flatten(m [][]string) []string {
	out := make([]string, len(m))
	for i, x := range m {
		out[i] = x[0]
	}
	return out
}
