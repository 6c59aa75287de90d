package plan

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Receivables files (SPEC §12) are CSV with the columns
// path,customer,invoice,due,amount (路径, 客户, 发票, 到期日, 金额), optional
// dimension (维度, default org) and paid (已付), or an .xlsx workbook with the
// same columns in its first sheet. ReadReceivables reads the records as
// written; Ageing checks them against a breakdown and ages them.

// ReceivableColumns are the columns a receivables file must have.
var ReceivableColumns = []string{"path", "customer", "invoice", "due", "amount"}

// receivableAliases are the header names accepted for each column.
var receivableAliases = map[string]string{
	"path": "path", "node": "path", "路径": "path", "节点": "path",
	"customer": "customer", "client": "customer", "客户": "customer",
	"invoice": "invoice", "invoice_no": "invoice", "发票": "invoice", "发票号": "invoice",
	"due": "due", "due_date": "due", "到期日": "due",
	"amount": "amount", "金额": "amount",
	"dimension": "dimension", "维度": "dimension",
	"paid": "paid", "已付": "paid", "已回款": "paid",
}

// receivableFields are the columns in record order: the five required, then
// the two optional ones.
var receivableFields = []string{"path", "customer", "invoice", "due", "amount", "dimension", "paid"}

// ReceivableRecord is one data row of a receivables file as written, its
// fields trimmed.
type ReceivableRecord struct {
	Src                          ActualSource
	Path, Customer, Invoice, Due string
	Amount, Dimension, Paid      string
	date1904                     bool // an xlsx serial date in Due counts from 1904
	fromSheet                    bool
}

// ReadReceivables reads the records of a receivables file: an .xlsx workbook
// (first sheet) when the data is a zip archive, else UTF-8 CSV. Every syntax
// problem is a diagnostic naming its line.
func ReadReceivables(file string, data []byte) ([]ReceivableRecord, Diagnostics) {
	whole := ActualSource{File: file}
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return readReceivablesXLSX(file, data)
	case bytes.HasPrefix(data, oleMagic):
		return nil, Diagnostics{whole.diag(Error, "save it as .xlsx, or as CSV UTF-8", "this is an old Excel .xls workbook, which plan cannot read")}
	case bytes.HasPrefix(data, utf16LEBOM), bytes.HasPrefix(data, utf16BEBOM):
		return nil, Diagnostics{whole.diag(Error, `save it as "CSV UTF-8 (Comma delimited)"`, "this file is UTF-16 text; receivables must be UTF-8 CSV or .xlsx")}
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8At(data)], []byte("\n"))
		return nil, Diagnostics{ActualSource{File: file, Line: line}.diag(Error, `save the file as "CSV UTF-8"`, "the file is not UTF-8 text")}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffComma(data)
	r.FieldsPerRecord = -1
	var (
		rs    receivableReader
		diags Diagnostics
	)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				diags = append(diags, whole.diag(Error, "", "%v", err))
				break
			}
			diags = append(diags, ActualSource{File: file, Line: pe.StartLine}.diag(Error,
				`a field that holds a quote, a comma or a line break must be in double quotes`, "%v", pe.Err))
			if rs.index == nil {
				return nil, diags
			}
			continue
		}
		line, _ := r.FieldPos(0)
		if d := rs.row(ActualSource{File: file, Line: line}, rec); d != nil {
			diags = append(diags, *d)
			if rs.index == nil {
				return nil, diags
			}
		}
	}
	if rs.index == nil && !diags.HasErrors() {
		diags = append(diags, whole.diag(Error, "start the file with the header line "+strings.Join(ReceivableColumns, ","), "the file is empty"))
	}
	return rs.out, diags
}

// readReceivablesXLSX reads the first sheet of a workbook.
func readReceivablesXLSX(file string, data []byte) ([]ReceivableRecord, Diagnostics) {
	whole := ActualSource{File: file}
	fs, bad := readFirstSheet(whole, data)
	if bad != nil {
		return nil, bad
	}
	fs.file.Close()
	rs := receivableReader{date1904: fs.date1904}
	rs.sheet = true
	var diags Diagnostics
	for i, row := range fs.rows {
		if d := rs.row(ActualSource{File: file, Sheet: fs.name, Line: i + 1}, row); d != nil {
			diags = append(diags, *d)
			if rs.index == nil {
				return nil, diags
			}
		}
	}
	if rs.index == nil && !diags.HasErrors() {
		diags = append(diags, ActualSource{File: file, Sheet: fs.name}.diag(Error, "put the header "+strings.Join(ReceivableColumns, ",")+" in the first row", "the first sheet is empty"))
	}
	return rs.out, diags
}

// receivableReader turns rows into records: the header first.
type receivableReader struct {
	index    []int // position of each of receivableFields, −1 when absent
	need     int
	width    int // the header's number of fields
	out      []ReceivableRecord
	date1904 bool
	sheet    bool
}

// row reads one row: the header, or a record.
func (rs *receivableReader) row(src ActualSource, rec []string) *Diagnostic {
	if blankRecord(rec) {
		return nil
	}
	if rs.index == nil {
		index := []int{-1, -1, -1, -1, -1, -1, -1}
		for i, f := range rec {
			name, ok := receivableAliases[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(f, "\uFEFF")))]
			if !ok {
				continue
			}
			k := indexOf(receivableFields, name)
			if index[k] >= 0 {
				d := src.diag(Error, "keep one "+name+" column", "the header has two %s columns", name)
				return &d
			}
			index[k] = i
			rs.need = max(rs.need, i+1)
		}
		var missing []string
		for k, name := range ReceivableColumns {
			if index[k] < 0 {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			d := src.diag(Error, "the first line must name the columns "+strings.Join(ReceivableColumns, ",")+" (or 路径,客户,发票,到期日,金额), optionally dimension and paid",
				"the header has no %s column%s", strings.Join(missing, ", "), map[bool]string{true: "s", false: ""}[len(missing) > 1])
			return &d
		}
		rs.index, rs.width = index, len(rec)
		return nil
	}
	if !rs.sheet && len(rec) != rs.width {
		d := src.diag(Error, "every row has one field per column of the header; quote a field that holds a comma", "expected %d fields (as the header), found %d", rs.width, len(rec))
		return &d
	}
	field := func(k int) string {
		if i := rs.index[k]; i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	rs.out = append(rs.out, ReceivableRecord{Src: src, Path: field(0), Customer: field(1), Invoice: field(2), Due: field(3),
		Amount: field(4), Dimension: field(5), Paid: field(6), date1904: rs.date1904, fromSheet: rs.sheet})
	return nil
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// duePattern matches a date written year first: 2027-06-30, 2027/6/30,
// 2027.6.30, 2027年6月30日.
var duePattern = regexp.MustCompile(`^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)$`)

// parseDue reads a due date: year first, or an Excel serial date in a sheet.
func (r ReceivableRecord) parseDue() (Date, bool) {
	if g := duePattern.FindStringSubmatch(r.Due); g != nil {
		m, d := g[2], g[3]
		if g[4] != "" {
			m, d = g[4], g[5]
		}
		y, _ := strconv.Atoi(g[1])
		mm, _ := strconv.Atoi(m)
		dd, _ := strconv.Atoi(d)
		if y < 1900 || mm < 1 || mm > 12 || dd < 1 || dd > time.Date(y, time.Month(mm)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
			return 0, false
		}
		return NewDate(y, mm, dd), true
	}
	if r.fromSheet {
		serial, err := strconv.ParseFloat(r.Due, 64)
		if err == nil && serial >= 1 && serial <= 2958465 {
			if t, err := excelize.ExcelDateToTime(serial, r.date1904); err == nil {
				return NewDate(t.Year(), int(t.Month()), t.Day()), true
			}
		}
	}
	return 0, false
}

// parseMoney reads an amount as actuals do (¥, grouping, 万), nil when bad.
func parseMoney(s string) (*big.Rat, error) {
	r, err := ParseAmount(plainAmount(s))
	if err != nil {
		if _, werr := ParseAmount(s); werr != nil {
			err = werr
		}
		return nil, err
	}
	return r, nil
}
