package render

import (
	"bufio"
	"encoding/csv"
	"io"
)

func init() { register(csvFormat{}) }

// csvFormat writes a report's flat records (RFC 4180, header first, exact
// ungrouped numbers).
type csvFormat struct{}

func (csvFormat) Name() string { return "csv" }

func (csvFormat) Write(w io.Writer, r Report) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	cw := csv.NewWriter(bw)
	if err := r.Records(cw.Write); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
