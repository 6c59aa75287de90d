package plan

import (
	"bytes"

	"github.com/xuri/excelize/v2"
)

// firstSheet is the first sheet of a workbook read as actuals or receivables.
type firstSheet struct {
	file     *excelize.File // the open workbook; the caller closes it
	name     string
	rows     [][]string // raw cell values
	date1904 bool       // dates count from 1904
}

// readFirstSheet opens a workbook (checked and bounded first: a zip bomb or a
// far-away cell is refused before excelize unpacks it) and reads its first
// sheet. Any problem is one diagnostic naming the file, and nothing is left
// open.
func readFirstSheet(whole ActualSource, data []byte) (*firstSheet, Diagnostics) {
	if msg, hint := checkWorkbook(data); msg != "" {
		return nil, Diagnostics{whole.diag(Error, hint, "%s", msg)}
	}
	limit := xlsxUnpackLimit(len(data))
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: limit})
	if err != nil {
		return nil, Diagnostics{whole.diag(Error, "save it again from the spreadsheet application as .xlsx, or as CSV UTF-8", "cannot read the workbook: %v", err)}
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, Diagnostics{whole.diag(Error, "", "the workbook has no sheet")}
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		f.Close()
		return nil, Diagnostics{whole.diag(Error, "", "cannot read sheet %s: %v", sheets[0], err)}
	}
	s := &firstSheet{file: f, name: sheets[0], rows: rows}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	return s, nil
}
