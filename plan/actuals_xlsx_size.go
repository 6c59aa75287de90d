package plan

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// An actuals workbook is checked before excelize opens it: a small file may
// unpack to gigabytes (a zip bomb) or hold one cell far away (XFD1048576) that
// makes every row 16,384 cells wide. Both are errors, found from the archive's
// own records and one streaming pass over the sheets.

// xlsxUnpackLimit is how much a workbook of size n may unpack to: 20 times
// its size (XML compresses about 10:1), at least 64 MiB, at most 1 GiB.
func xlsxUnpackLimit(n int) int64 {
	return min(max(int64(n)*20, 64<<20), 1<<30)
}

// xlsxCellLimit is how many cells (rows × columns, blanks included) the sheets
// of a workbook of size n may span: 2 million, or n/2 for a large workbook
// (a real cell takes ten bytes or more). Reading a sheet takes time in
// proportion to its span, whatever it holds.
func xlsxCellLimit(n int) int {
	return max(2_000_000, n/2)
}

// checkWorkbook returns a problem with the workbook's archive or size, or "".
func checkWorkbook(data []byte) (msg, hint string) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "cannot read the workbook: " + err.Error(), "save it again from the spreadsheet application as .xlsx, or as CSV UTF-8"
	}
	limit := xlsxUnpackLimit(len(data))
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
	}
	if total > uint64(limit) {
		return fmt.Sprintf("the workbook unpacks to %d MiB, more than the %d MiB allowed for a file of its size", total>>20, limit>>20),
			"save the actuals as CSV UTF-8, or remove what the workbook holds besides them"
	}
	budget := limit
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "cannot read the workbook: " + err.Error(), "save it again from the spreadsheet application as .xlsx, or as CSV UTF-8"
		}
		lr := &io.LimitedReader{R: rc, N: budget + 1}
		rows, cols := sheetExtent(bufio.NewReaderSize(lr, 64<<10))
		rc.Close()
		budget = lr.N - 1
		if budget < 0 {
			return fmt.Sprintf("the workbook unpacks to more than %d MiB", limit>>20),
				"save the actuals as CSV UTF-8, or remove what the workbook holds besides them"
		}
		if most := xlsxCellLimit(len(data)); cols > 0 && rows > most/cols {
			return fmt.Sprintf("sheet %s spans %d rows × %d columns, more than %d cells", strings.TrimSuffix(strings.TrimPrefix(f.Name, "xl/worksheets/"), ".xml"), rows, cols, most),
				"delete the far-away cells (Ctrl+End shows the last one), or save the actuals as CSV UTF-8"
		}
	}
	return "", ""
}

// sheetExtent reads a worksheet's XML and returns the largest row number and
// column number among its cell references (r="XFD1048576").
func sheetExtent(r *bufio.Reader) (rows, cols int) {
	const marker = `<c r="`
	matched := 0
	for {
		b, err := r.ReadByte()
		if err != nil {
			return rows, cols
		}
		if b != marker[matched] {
			matched = 0
			if b == marker[0] {
				matched = 1
			}
			continue
		}
		matched++
		if matched < len(marker) {
			continue
		}
		matched = 0
		col, row, ok := cellRef(r)
		if !ok {
			return rows, cols
		}
		rows, cols = max(rows, row), max(cols, col)
	}
}

// cellRef reads a cell reference (XFD1048576) up to its closing quote and
// returns its column and row numbers; ok is false at the end of the input.
func cellRef(r *bufio.Reader) (col, row int, ok bool) {
	for {
		c, err := r.ReadByte()
		switch {
		case err != nil:
			return col, row, false
		case c >= 'A' && c <= 'Z' && row == 0 && col < 1<<20:
			col = col*26 + int(c-'A'+1)
		case c >= '0' && c <= '9' && row < 1<<24:
			row = row*10 + int(c-'0')
		default:
			return col, row, true
		}
	}
}
