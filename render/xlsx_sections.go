package render

import (
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxFormat writes any report as a workbook, one sheet per section (`-o
// FILE.xlsx` on any command). Right-aligned cells that read as numbers
// ("31,500,000", "70%") are written as numbers with a matching format; the
// rest as text. `plan export` writes the richer Workbook instead.
type xlsxFormat struct{}

func (xlsxFormat) Name() string { return "xlsx" }

func (xlsxFormat) Write(w io.Writer, r Report) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newSortedZip(FixedTime))
	sw := sectionWriter{f: f, styles: map[string]int{}}
	names := newSheetNames()
	for i, sec := range r.Sections() {
		title := sec.Title
		if title == "" {
			title = "Sheet" + strconv.Itoa(i+1)
		}
		name := names.add(title)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return xlsxErr(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return xlsxErr(err)
		}
		if err := sw.section(name, sec); err != nil {
			return err
		}
	}
	stamp := FixedTime.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "plan", LastModifiedBy: "plan", Created: stamp, Modified: stamp}); err != nil {
		return xlsxErr(err)
	}
	_, err := f.WriteTo(w)
	return err
}

// sectionWriter writes report sections as sheets.
type sectionWriter struct {
	f      *excelize.File
	styles map[string]int // by number format; "!" is the bold header style
}

func (s *sectionWriter) style(numFmt string, bold bool) (int, error) {
	key := numFmt
	if bold {
		key = "!" + numFmt
	}
	if id, ok := s.styles[key]; ok {
		return id, nil
	}
	st := &excelize.Style{Font: &excelize.Font{Bold: bold}}
	if numFmt != "" {
		nf := numFmt
		st.CustomNumFmt = &nf
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, xlsxErr(err)
	}
	s.styles[key] = id
	return id, nil
}

// section writes one section: its notes, then its table (header, rows, footer)
// with the header row frozen.
func (s *sectionWriter) section(name string, sec Section) error {
	sw, err := s.f.NewStreamWriter(name)
	if err != nil {
		return xlsxErr(err)
	}
	for c, col := range sec.Columns {
		w := textWidth(col.Name)
		for _, r := range sec.Rows {
			if c < len(r) {
				w = max(w, textWidth(r[c]))
			}
		}
		if err := sw.SetColWidth(c+1, c+1, min(w+3, 60)); err != nil {
			return xlsxErr(err)
		}
	}
	// The panes must be set before the first row is written: the header row
	// comes after the notes and a blank row.
	header := 1
	if len(sec.Notes) > 0 {
		header = len(sec.Notes) + 2
	}
	if len(sec.Columns) > 0 {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: "A" + strconv.Itoa(header+1), ActivePane: "bottomLeft"}); err != nil {
			return xlsxErr(err)
		}
	}
	row := 0
	for _, n := range sec.Notes {
		row++
		if err := sw.SetRow(cellRef(1, row), []any{n}); err != nil {
			return xlsxErr(err)
		}
	}
	if len(sec.Columns) > 0 {
		row = header
		head := make([]string, len(sec.Columns))
		for i, c := range sec.Columns {
			head[i] = c.Name
		}
		write := func(cells []string, header, bold bool) error {
			vals := make([]any, len(cells))
			for i, text := range cells {
				var v any = text
				numFmt := ""
				if !header && i < len(sec.Columns) && sec.Columns[i].Align == Right {
					v, numFmt = sectionValue(text)
				}
				id, err := s.style(numFmt, bold)
				if err != nil {
					return err
				}
				vals[i] = excelize.Cell{StyleID: id, Value: v}
			}
			err := sw.SetRow(cellRef(1, row), vals)
			row++
			return xlsxErr2(err)
		}
		if err := write(head, true, true); err != nil {
			return err
		}
		for _, r := range sec.Rows {
			if err := write(r, false, false); err != nil {
				return err
			}
		}
		if sec.Footer != nil {
			if err := write(sec.Footer, false, true); err != nil {
				return err
			}
		}
	}
	return xlsxErr2(sw.Flush())
}

var (
	groupedNumber = regexp.MustCompile(`^-?(\d{1,3}(,\d{3})*|\d+)(\.\d+)?$`)
	percentNumber = regexp.MustCompile(`^-?\d+(\.\d+)?%$`)
)

// sectionValue reads a right-aligned cell: a grouped decimal becomes a number
// (#,##0 with its decimals), a percentage a fraction (0% with its decimals);
// anything else, or a number with more than 15 significant digits, stays text.
func sectionValue(text string) (any, string) {
	s := strings.TrimSpace(text)
	switch {
	case percentNumber.MatchString(s):
		num := strings.TrimSuffix(s, "%")
		if v, ok := exactFloat(num); ok {
			return v / 100, "0" + decimals(num) + "%"
		}
	case groupedNumber.MatchString(s):
		num := strings.ReplaceAll(s, ",", "")
		if v, ok := exactFloat(num); ok {
			return v, "#,##0" + decimals(num)
		}
	}
	return text, ""
}

// exactFloat parses a plain decimal that a spreadsheet holds exactly (at most
// 15 significant digits).
func exactFloat(s string) (float64, bool) {
	digits := strings.TrimLeft(strings.NewReplacer("-", "", ".", "").Replace(s), "0")
	if len(digits) > maxDigits {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// decimals is the ".00" part of a number format showing as many decimals as s.
func decimals(s string) string {
	_, frac, ok := strings.Cut(s, ".")
	if !ok {
		return ""
	}
	return "." + strings.Repeat("0", len(frac))
}
