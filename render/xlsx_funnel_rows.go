package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The funnel sheet has a row per leaf and per stage: 500,000 rows of some 20
// cells for 100,000 people. excelize's StreamWriter.SetRow spends about 20
// allocations and a third of a microsecond on each cell (its name, its value
// as a string, escaping), most of the export. So the leaves' rows are encoded
// here instead, as the very bytes SetRow writes for them, and go straight into
// the sheet's part when the workbook is saved: the sheet is streamed with its
// header, an empty marker row 2 and its totals, and the zip writer puts the
// leaves' rows where the marker row is. Tests hold the bytes to SetRow's on
// every kind of cell the sheet has; a sheet with text that SetRow would
// transform beyond escaping (see plainText) is written by SetRow throughout.

// markerRow is the row streamed where the leaves' rows go. It occurs once in
// the part: rows are numbered once, and cell text is escaped ("<" is "&lt;").
const markerRow = `<row r="2"></row>`

// maxSplicedBytes bounds the leaves' rows spliced into the part: excelize
// marks a part beyond 4 GiB as zip64 by the size it streamed itself, which
// would not count them.
const maxSplicedBytes = 1 << 31

// plainText reports whether excelize writes s in a cell as its XML escape
// alone: valid UTF-8, short enough not to be cut at Excel's 32,767
// characters, and no "_x" that could start an _xHHHH_ escape.
func plainText(s string) bool {
	return len(s) <= excelize.TotalCellChars && utf8.ValidString(s) && !strings.Contains(s, "_x")
}

// rowEncoder appends rows as StreamWriter.SetRow writes them, for the cells
// the funnel sheet has: numbers (int, int64, float64), plain text, and
// formulas with a number or no cached result.
type rowEncoder struct {
	w     io.Writer
	buf   []byte
	texts map[string]string // a text's inline string element, by text
}

func newRowEncoder(w io.Writer) *rowEncoder {
	return &rowEncoder{w: w, buf: make([]byte, 0, 128<<10), texts: map[string]string{}}
}

// flush writes the rows encoded so far when they fill the buffer, or with all.
func (e *rowEncoder) flush(all bool) error {
	if len(e.buf) == 0 || !all && len(e.buf) < 64<<10 {
		return nil
	}
	_, err := e.w.Write(e.buf)
	e.buf = e.buf[:0]
	return err
}

// row appends row r with cells from column 1 (nil for an empty cell, else an
// *excelize.Cell), as SetRow(cellRef(1, r), cells, opts) writes it.
func (e *rowEncoder) row(r int, cells []any, opts excelize.RowOpts) error {
	if opts.Height > excelize.MaxRowHeight || opts.OutlineLevel > 7 || len(cells) >= len(colNames) {
		return errors.New("xlsx: a funnel row the encoder does not write")
	}
	b := append(e.buf, `<row r="`...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, '"')
	// RowOpts.marshalAttrs
	if opts.StyleID > 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(opts.StyleID), 10)
		b = append(b, `" customFormat="1"`...)
	}
	if opts.Height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, opts.Height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	if opts.OutlineLevel > 0 {
		b = append(b, ` outlineLevel="`...)
		b = strconv.AppendInt(b, int64(opts.OutlineLevel), 10)
		b = append(b, '"')
	}
	if opts.Hidden {
		b = append(b, ` hidden="1"`...)
	}
	b = append(b, '>')
	var digits [20]byte
	num := strconv.AppendInt(digits[:0], int64(r), 10)
	for i, v := range cells {
		if v == nil {
			continue
		}
		c, ok := v.(*excelize.Cell)
		if !ok || c == nil {
			return errors.New("xlsx: a funnel cell the encoder does not write")
		}
		var err error
		if b, err = e.cell(b, colNames[i+1], num, opts.StyleID, c); err != nil {
			return err
		}
	}
	e.buf = append(b, `</row>`...)
	return nil
}

// cell appends a cell as SetRow's writeCell does: its style (else the row's;
// the funnel sheet's columns have none), type "str" for a formula unless its
// value is a number, the formula, the value.
func (e *rowEncoder) cell(b []byte, col string, row []byte, rowStyle int, c *excelize.Cell) ([]byte, error) {
	b = append(b, `<c r="`...)
	b = append(b, col...)
	b = append(b, row...)
	b = append(b, '"')
	style := rowStyle
	if c.StyleID > 0 {
		style = c.StyleID
	}
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	var num, text string
	isNum := false
	switch v := c.Value.(type) {
	case nil:
	case int:
		isNum, num = true, strconv.Itoa(v)
	case int64:
		isNum, num = true, strconv.FormatInt(v, 10)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return b, errors.New("xlsx: a funnel cell holds no number")
		}
		isNum, num = true, floatText(v)
	case string:
		var ok bool
		if text, ok = e.text(v); !ok || c.Formula != "" {
			return b, errors.New("xlsx: a funnel cell the encoder does not write")
		}
	default:
		return b, fmt.Errorf("xlsx: a funnel cell of type %T", v)
	}
	switch {
	case text != "":
		b = append(b, ` t="inlineStr"`...)
	case c.Formula != "" && !isNum:
		b = append(b, ` t="str"`...)
	}
	b = append(b, '>')
	if c.Formula != "" {
		b = append(b, `<f>`...)
		b = appendEscaped(b, c.Formula)
		b = append(b, `</f>`...)
	}
	if isNum {
		b = append(b, `<v>`...)
		b = append(b, num...) // digits, '-' and '.': nothing to escape
		b = append(b, `</v>`...)
	}
	b = append(b, text...)
	return append(b, `</c>`...), nil
}

// text returns the inline string element of a plain text, as setInlineStr and
// writeCell make it: escaped, line feeds kept, and xml:space="preserve" when it
// starts or ends with white space; ok is false when s is not plain.
func (e *rowEncoder) text(s string) (elem string, ok bool) {
	if t, ok := e.texts[s]; ok {
		return t, true
	}
	if !plainText(s) {
		return "", false
	}
	var sb strings.Builder
	sb.WriteString(`<is><t`)
	if s != "" && (isXMLSpace(s[0]) || isXMLSpace(s[len(s)-1])) {
		sb.WriteString(` xml:space="preserve"`)
	}
	sb.WriteByte('>')
	var esc strings.Builder
	_ = xml.EscapeText(&esc, []byte(s))
	sb.WriteString(strings.ReplaceAll(esc.String(), "&#xA;", "\n"))
	sb.WriteString(`</t></is>`)
	if len(e.texts) >= 4096 { // names of leaves seen once: keep the map small
		clear(e.texts)
	}
	e.texts[s] = sb.String()
	return e.texts[s], true
}

func isXMLSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

// appendEscaped appends s escaped as xml.EscapeText does.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' {
			var buf bytes.Buffer
			_ = xml.EscapeText(&buf, []byte(s))
			return append(b, buf.Bytes()...)
		}
	}
	return append(b, s...)
}

// floatText is a number as excelize writes it (formatCellFloat): the shortest
// decimal that reads back as v, cut to Excel's 15 significant digits.
func floatText(v float64) string {
	str := strconv.FormatFloat(v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range len(str) {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}

// funnelZip is the workbook's zip writer with the leaves' rows of the funnel
// sheet written into its part in place of the marker row.
type funnelZip struct {
	excelize.ZipWriter
	part    string                // the funnel sheet's part, e.g. xl/worksheets/sheet4.xml
	rows    func(io.Writer) error // writes the leaves' rows
	spliced bool
}

// Create starts a part; the funnel sheet's goes through a splicer.
func (z *funnelZip) Create(name string) (io.Writer, error) {
	w, err := z.ZipWriter.Create(name)
	if err != nil || name != z.part {
		return w, err
	}
	return &splicer{w: w, z: z}, nil
}

// Close completes the zip, or fails when the leaves' rows found no marker row.
func (z *funnelZip) Close() error {
	err := z.ZipWriter.Close()
	if err == nil && !z.spliced {
		err = fmt.Errorf("xlsx: no place for the funnel's rows in %s", z.part)
	}
	return err
}

// splicer passes a part through, writing the leaves' rows instead of the
// marker row.
type splicer struct {
	w    io.Writer
	z    *funnelZip
	held []byte // the end of what came so far, which may be the start of the marker
	done bool
}

func (s *splicer) Write(p []byte) (int, error) {
	if s.done {
		return s.w.Write(p)
	}
	data := append(s.held, p...)
	if i := bytes.Index(data, []byte(markerRow)); i >= 0 {
		s.done, s.z.spliced, s.held = true, true, nil
		if _, err := s.w.Write(data[:i]); err != nil {
			return 0, err
		}
		if err := s.z.rows(s.w); err != nil {
			return 0, err
		}
		if _, err := s.w.Write(data[i+len(markerRow):]); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	keep := min(len(data), len(markerRow)-1)
	if _, err := s.w.Write(data[:len(data)-keep]); err != nil {
		return 0, err
	}
	s.held = bytes.Clone(data[len(data)-keep:])
	return len(p), nil
}
