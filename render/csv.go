package render

import (
	"bufio"
	"encoding/csv"
	"io"
	"regexp"
	"strings"
)

func init() { register(csvFormat{}) }

// csvFormat writes a report's flat records (RFC 4180, header first, exact
// ungrouped numbers).
type csvFormat struct{}

func (csvFormat) Name() string { return "csv" }

func (csvFormat) Write(w io.Writer, r Report) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	cw := csv.NewWriter(bw)
	safe := make([]string, 0, 16)
	write := func(rec []string) error {
		safe = safe[:0]
		for _, c := range rec {
			safe = append(safe, csvCell(c))
		}
		return cw.Write(safe)
	}
	if err := r.Records(write); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// csvCell keeps a spreadsheet from running a text cell as a formula (CSV
// injection): text that begins with =, +, -, @, a tab or a carriage return
// gets a leading '. Numbers (-1200, -0.5, 1e3) are never altered.
func csvCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || plainNumber.MatchString(s) {
		return s
	}
	return "'" + s
}

// plainNumber matches the numbers a report writes.
var plainNumber = regexp.MustCompile(`^[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)
