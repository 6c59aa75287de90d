package plan

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Actuals files (SPEC §6) are CSV with the header period,dimension,path,amount,
// or an .xlsx workbook with the same columns in its first sheet. Reading is in
// two steps: ReadActuals turns the bytes into records as written (syntax only),
// CheckActuals checks them against a breakdown (dimensions, leaves, periods,
// amounts, duplicates). LoadActuals does both.

// ActualColumns are the columns an actuals file must have, in the usual order.
var ActualColumns = []string{"period", "dimension", "path", "amount"}

// actualAliases are other header names accepted for the columns (Chinese
// exports, common synonyms), matched case-insensitively.
var actualAliases = map[string]string{
	"period": "period", "month": "period", "月份": "period", "期间": "period",
	"dimension": "dimension", "dim": "dimension", "维度": "dimension",
	"path": "path", "node": "path", "路径": "path", "节点": "path",
	"amount": "amount", "actual": "amount", "金额": "amount", "实际": "amount",
	"metric": "metric", "指标": "metric", // optional (§11): rows without it are revenue
}

// ActualSource is where a row of an actuals file is: a CSV line, or a row of a
// spreadsheet's sheet.
type ActualSource struct {
	File  string
	Sheet string // "" for a CSV file
	Line  int    // the CSV line or the sheet row, 1-based; 0 for the whole file
}

// String writes the source as FILE:LINE, or FILE:SHEET!ROW for a sheet row.
func (s ActualSource) String() string {
	switch {
	case s.Line == 0:
		return s.File
	case s.Sheet != "":
		return fmt.Sprintf("%s:%s!%d", s.File, sheetRef(s.Sheet), s.Line)
	}
	return fmt.Sprintf("%s:%d", s.File, s.Line)
}

// sheetRef quotes a sheet name the way spreadsheet references do when it holds
// spaces or punctuation: 'Q1 data'.
func sheetRef(name string) string {
	if strings.ContainsAny(name, " !'-+()&,;") {
		return "'" + strings.ReplaceAll(name, "'", "''") + "'"
	}
	return name
}

// diag returns a diagnostic at the source. A CSV line is a position of its
// file; a sheet row is written into the file part (FILE:SHEET!ROW), since it is
// not a line.
func (s ActualSource) diag(sev Severity, hint, format string, args ...any) Diagnostic {
	d := Diagnostic{File: s.File, Pos: Pos{Line: s.Line}, Severity: sev, Msg: sprintf(format, args...), Hint: hint}
	if s.Sheet != "" {
		d.File, d.Pos = s.String(), Pos{}
	}
	return d
}

// ActualRecord is one data row of an actuals file as written, its fields
// trimmed, before it is checked against a plan.
type ActualRecord struct {
	Src       ActualSource
	Period    string
	Dimension string
	Path      string
	Amount    string
	Metric    string // "" when the file has no metric column or the cell is empty: revenue
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	zipMagic   = []byte("PK\x03\x04")
	oleMagic   = []byte{0xD0, 0xCF, 0x11, 0xE0}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
	// encryptionInfo is the stream an encrypted workbook's OLE container holds,
	// its name in UTF-16.
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// isWorkbookName reports whether a file is named like an Excel workbook.
func isWorkbookName(file string) bool {
	switch strings.ToLower(path.Ext(file)) {
	case ".xlsx", ".xlsm", ".xltx":
		return true
	}
	return false
}

// ReadActuals reads the records of an actuals file: an .xlsx workbook (first
// sheet) when the data is a zip archive, else CSV. Every syntax problem is a
// diagnostic; a row with a problem is left out of the records.
func ReadActuals(file string, data []byte) ([]ActualRecord, Diagnostics) {
	whole := ActualSource{File: file}
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return readActualsXLSX(file, data)
	case bytes.HasPrefix(data, oleMagic) && bytes.Contains(data, encryptionInfo):
		return nil, Diagnostics{whole.diag(Error, "remove the password (File › Info › Protect Workbook) and save it again, or save it as CSV UTF-8", "the workbook is encrypted (password-protected), so plan cannot read it")}
	case bytes.HasPrefix(data, oleMagic):
		return nil, Diagnostics{whole.diag(Error, "save it as .xlsx, or as CSV UTF-8", "this is an old Excel .xls workbook, which plan cannot read")}
	case isWorkbookName(file):
		return nil, Diagnostics{whole.diag(Error, "save it again from the spreadsheet application as .xlsx, or as CSV UTF-8 named .csv",
			"%s is named like an Excel workbook but is not one (an .xlsx file is a zip archive)", Quote(path.Base(file)))}
	case bytes.HasPrefix(data, utf16LEBOM), bytes.HasPrefix(data, utf16BEBOM):
		return nil, Diagnostics{whole.diag(Error, `save it as "CSV UTF-8 (Comma delimited)"`, "this file is UTF-16 text; actuals must be UTF-8 CSV or .xlsx")}
	}
	return readActualsCSV(file, data)
}

// readActualsCSV reads CSV actuals: a UTF-8 byte order mark and CRLF line ends
// are accepted, the delimiter is a comma (or a semicolon or tab when the
// header has no comma but one of those), blank lines and lines whose fields
// are all empty are skipped, and columns other than the four are ignored.
func readActualsCSV(file string, data []byte) ([]ActualRecord, Diagnostics) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8At(data)], []byte("\n"))
		return nil, Diagnostics{ActualSource{File: file, Line: line}.diag(Error,
			`save the file as "CSV UTF-8" (Excel on a Chinese system saves plain "CSV" as GBK)`,
			"the file is not UTF-8 text")}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffComma(data)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	var (
		cols  *actualHeader
		out   []ActualRecord
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
				diags = append(diags, ActualSource{File: file}.diag(Error, "", "%v", err))
				break
			}
			diags = append(diags, ActualSource{File: file, Line: pe.StartLine}.diag(Error,
				`a field that holds a quote, a comma or a line break must be in double quotes, its quotes doubled: "a ""b"", c"`,
				"%v", pe.Err))
			if cols == nil {
				return nil, diags
			}
			continue
		}
		line, _ := r.FieldPos(0)
		src := ActualSource{File: file, Line: line}
		if blankRecord(rec) {
			continue
		}
		if cols == nil {
			h, d := readActualHeader(src, rec)
			if d != nil {
				return nil, append(diags, *d)
			}
			cols = h
			continue
		}
		if len(rec) != cols.fields {
			diags = append(diags, cols.fieldCount(src, len(rec)))
			continue
		}
		ar, d := cols.record(src, rec)
		if d != nil {
			diags = append(diags, *d)
			continue
		}
		out = append(out, ar)
	}
	if cols == nil && !diags.HasErrors() {
		diags = append(diags, ActualSource{File: file}.diag(Error, "start the file with the header line "+strings.Join(ActualColumns, ","), "the file is empty"))
	}
	return out, diags
}

// invalidUTF8At returns the offset of the first byte that is not valid UTF-8.
func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// sniffComma picks the delimiter from the first line: a comma, unless the line
// has none and has semicolons (Excel in many European locales) or tabs.
func sniffComma(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	switch {
	case bytes.IndexByte(first, ',') >= 0:
		return ','
	case bytes.IndexByte(first, ';') >= 0:
		return ';'
	case bytes.IndexByte(first, '\t') >= 0:
		return '\t'
	}
	return ','
}

// blankRecord reports whether every field is empty or spaces (a spreadsheet's
// trailing ",,," rows).
func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// actualHeader maps the four columns to their positions in a record.
type actualHeader struct {
	index [4]int // positions of period, dimension, path, amount
	need  int    // the number of fields a record must have
	// fields is the number of fields of the header: a CSV row must have as
	// many (2027-01,org,张伟,1,200,000 is six fields, not an amount of 1).
	fields int

	metric int // position of the optional metric column, −1 when none
}

// fieldCount reports a CSV row whose number of fields is not the header's.
func (h *actualHeader) fieldCount(src ActualSource, n int) Diagnostic {
	hint := "every row needs a value in each of the columns " + strings.Join(ActualColumns, ",")
	if n > h.fields {
		hint = `a value holding a comma must be in double quotes, e.g. "1,200,000"`
	}
	return src.diag(Error, hint, "the row has %d fields, the header %d", n, h.fields)
}

// readActualHeader reads the header record: the four columns in any order,
// case-insensitive, other columns ignored. A missing or repeated column is an
// error.
func readActualHeader(src ActualSource, rec []string) (*actualHeader, *Diagnostic) {
	h := &actualHeader{index: [4]int{-1, -1, -1, -1}, fields: len(rec), metric: -1}
	for i, f := range rec {
		name, ok := actualAliases[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(f, "\uFEFF")))]
		if !ok {
			continue
		}
		if name == "metric" {
			if h.metric >= 0 {
				d := src.diag(Error, "keep one metric column", "the header has two metric columns (%q and %q)", strings.TrimSpace(rec[h.metric]), strings.TrimSpace(f))
				return nil, &d
			}
			h.metric = i
			continue
		}
		k := columnIndex(name)
		if h.index[k] >= 0 {
			d := src.diag(Error, "keep one "+name+" column", "the header has two %s columns (%q and %q)", name, strings.TrimSpace(rec[h.index[k]]), strings.TrimSpace(f))
			return nil, &d
		}
		h.index[k] = i
		h.need = max(h.need, i+1)
	}
	var missing []string
	for k, i := range h.index {
		if i < 0 {
			missing = append(missing, ActualColumns[k])
		}
	}
	if len(missing) == 0 {
		return h, nil
	}
	hint := "the first line must name the columns " + strings.Join(ActualColumns, ",")
	if len(rec) > 0 {
		if _, ok := ParseActualPeriod(rec[0]); ok {
			d := src.diag(Error, "start the file with the header line "+strings.Join(ActualColumns, ","), "the file has no header line")
			return nil, &d
		}
	}
	word := "column"
	if len(missing) > 1 {
		word = "columns"
	}
	d := src.diag(Error, hint, "the header has no %s %s", strings.Join(missing, ", "), word)
	return nil, &d
}

func columnIndex(name string) int {
	for k, c := range ActualColumns {
		if c == name {
			return k
		}
	}
	panic("plan: unknown actuals column " + name)
}

// record picks the four fields of a data record.
func (h *actualHeader) record(src ActualSource, rec []string) (ActualRecord, *Diagnostic) {
	if len(rec) < h.need {
		d := src.diag(Error, "every row needs a value in each of the columns "+strings.Join(ActualColumns, ","), "expected at least %d fields, found %d", h.need, len(rec))
		return ActualRecord{}, &d
	}
	field := func(k int) string { return strings.TrimSpace(rec[h.index[k]]) }
	ar := ActualRecord{Src: src, Period: field(0), Dimension: field(1), Path: field(2), Amount: field(3)}
	if h.metric >= 0 && h.metric < len(rec) {
		ar.Metric = strings.TrimSpace(rec[h.metric])
	}
	return ar, nil
}

// Actuals are the checked actuals of one file against one breakdown: the
// amounts booked by each leaf in each fiscal month, for every dimension.
type Actuals struct {
	File       string
	Dimensions []*DimensionActuals // one per Breakdown.Dimensions entry, same order
	Last       int                 // fiscal index (0–11) of the last month with an actual; −1 when none
}

// DimensionActuals are the actuals of one dimension.
type DimensionActuals struct {
	Split *DimensionSplit
	// Amounts holds, per row (indexed like Split.Rows), the amount of each
	// fiscal month, nil where the file has no row. Only leaves have amounts.
	Amounts [][12]*big.Rat
	Count   int // how many rows of the file belong to this dimension
	Last    int // fiscal index of this dimension's last month with an actual; −1 when none
}

// LoadActuals reads an actuals file and checks it against a breakdown. The
// diagnostics hold every problem of the file (all bad rows, not just the
// first) and any warnings; the actuals are nil when there is an error.
func LoadActuals(file string, data []byte, b *Breakdown) (*Actuals, Diagnostics) {
	recs, diags := ReadActuals(file, data)
	a, more := CheckActuals(file, b, recs)
	diags = append(diags, more...)
	// In file order: a CSV line's syntax and content problems side by side.
	slices.SortStableFunc(diags, func(x, y Diagnostic) int { return x.Pos.Line - y.Pos.Line })
	if diags.HasErrors() {
		return nil, diags
	}
	return a, diags
}

// CheckActuals checks records against a breakdown: each must name a dimension
// of the plan, the path of one of its leaves (names joined by /, each name
// trimmed), a month of the fiscal year (YYYY-MM) and an amount (as the plan
// writes amounts: 1200000, "1,200,000", 120万; negative for returns and credit
// notes; whole for a count metric), and no two rows may book the same leaf in
// the same month. Every bad record is a diagnostic naming its line.
func CheckActuals(file string, b *Breakdown, recs []ActualRecord) (*Actuals, Diagnostics) {
	a := &Actuals{File: file, Last: -1}
	index := make([]map[string]*Row, len(b.Dimensions))
	for i, d := range b.Dimensions {
		a.Dimensions = append(a.Dimensions, &DimensionActuals{Split: d, Amounts: make([][12]*big.Rat, len(d.Rows)), Last: -1})
		index[i] = pathIndex(d)
	}
	type key struct{ dim, row, month int }
	seen := map[key]ActualSource{}
	limit := b.Unit.Amount(MaxUnits)
	var diags Diagnostics
	for _, rec := range recs {
		bad := func(hint, format string, args ...any) {
			diags = append(diags, rec.Src.diag(Error, hint, format, args...))
		}
		di := dimensionIndex(b, rec.Dimension)
		var row *Row
		if di < 0 {
			if rec.Dimension == "" {
				bad(dimensionList(b), "the dimension is empty")
			} else {
				bad(dimensionList(b), "unknown dimension %q", rec.Dimension)
			}
		} else {
			var hint, msg string
			row, hint, msg = findLeaf(b.Dimensions[di], index[di], rec.Path)
			if row == nil && (strings.Contains(msg, ": no top-level node ") || strings.Contains(msg, " has no child ")) {
				hint += "; " + leaverHint
			}
			if row == nil {
				bad(hint, "%s", msg)
			}
		}
		month, ok := checkPeriod(b.Calendar, rec, bad)
		amount, ok2 := checkAmount(b, limit, rec, bad)
		if row == nil || !ok || !ok2 {
			continue
		}
		if hint, msg := outsideWindow(b, rec.Dimension, row, month); msg != "" {
			bad(hint, "%s", msg)
			continue
		}
		k := key{di, row.Index, month}
		if first, dup := seen[k]; dup {
			bad("add the amounts up into one row", "duplicate actual: %s %s in %s is already on %s", rec.Dimension, row.PathString(), rec.Period, lineRef(first, rec.Src))
			continue
		}
		seen[k] = rec.Src
		da := a.Dimensions[di]
		da.Amounts[row.Index][month] = amount
		da.Count++
		da.Last = max(da.Last, month)
		a.Last = max(a.Last, month)
	}
	return a, diags
}

// lineRef names an earlier row of the same file briefly: "line 4" or "row 4".
func lineRef(first, at ActualSource) string {
	if first.File != at.File || first.Sheet != at.Sheet {
		return first.String()
	}
	if first.Sheet != "" {
		return fmt.Sprintf("row %d", first.Line)
	}
	return fmt.Sprintf("line %d", first.Line)
}

func dimensionIndex(b *Breakdown, name string) int {
	for i, d := range b.Dimensions {
		if d.Name == name {
			return i
		}
	}
	return -1
}

func dimensionList(b *Breakdown) string {
	names := make([]string, len(b.Dimensions))
	for i, d := range b.Dimensions {
		names[i] = d.Name
	}
	if len(names) == 0 {
		return "the plan has no dimensions"
	}
	return "the plan's dimensions are: " + strings.Join(names, ", ")
}

// pathIndex maps every row's path, each name trimmed, to the row.
func pathIndex(d *DimensionSplit) map[string]*Row {
	m := make(map[string]*Row, len(d.Rows))
	for _, r := range d.Rows {
		k := norm.NFC.String(trimmedPath(r.Path))
		if _, ok := m[k]; !ok {
			m[k] = r
		}
	}
	return m
}

func trimmedPath(names []string) string {
	t := make([]string, len(names))
	for i, n := range names {
		t[i] = strings.TrimSpace(n)
	}
	return strings.Join(t, "/")
}

// findLeaf resolves a path to a leaf row, or explains why it cannot: an empty
// name, an unknown node (naming the deepest known ancestor and its children),
// a reserve row or a node that is not a leaf.
func findLeaf(d *DimensionSplit, index map[string]*Row, path string) (row *Row, hint, msg string) {
	names := strings.Split(norm.NFC.String(path), "/")
	for i, n := range names {
		names[i] = strings.TrimSpace(n)
	}
	if path == "" {
		return nil, "write the leaf's path from the top, its names joined by /, e.g. " + examplePath(d), "the path is empty"
	}
	for _, n := range names {
		if n == "" {
			return nil, "join the names with a single /, without one at either end", fmt.Sprintf("path %q has an empty name", path)
		}
	}
	if r, ok := index[strings.Join(names, "/")]; ok {
		switch {
		case r.IsReserve():
			return nil, "book the amount to a leaf; a reserve is held back, not sold against",
				fmt.Sprintf("%s in %s is a reserve row; actuals belong to leaves", r.PathString(), d.Name)
		case !r.Leaf():
			return nil, "book it to one of its children: " + childList(r.Children),
				fmt.Sprintf("%s is not a leaf of %s; actuals belong to leaves (a parent's actual is the sum of its children's)", r.PathString(), d.Name)
		}
		return r, "", ""
	}
	for _, n := range names {
		if isReserveName(n) {
			return nil, "book the amount to a leaf; a reserve is held back, not sold against",
				fmt.Sprintf("path %s names a reserve row; actuals belong to leaves", Quote(path))
		}
	}
	// Find the deepest known ancestor to say where the path goes wrong.
	kids, parent := d.Roots, (*Row)(nil)
	for depth := 1; depth < len(names); depth++ {
		r, ok := index[strings.Join(names[:depth], "/")]
		if !ok {
			break
		}
		kids, parent = r.Children, r
	}
	if parent == nil {
		return nil, "the top-level nodes of " + d.Name + " are: " + childList(kids),
			fmt.Sprintf("unknown path %s in %s: no top-level node %s", path, d.Name, names[0])
	}
	missing := names[len(parent.Path)]
	if parent.Leaf() {
		return nil, "actuals belong to leaves; " + parent.PathString() + " is one",
			fmt.Sprintf("unknown path %s in %s: %s has no children", path, d.Name, parent.PathString())
	}
	return nil, "the children of " + parent.PathString() + " are: " + childList(kids),
		fmt.Sprintf("unknown path %s in %s: %s has no child %s", path, d.Name, parent.PathString(), missing)
}

// childList names rows for a hint, at most 12 of them, leaving reserve rows out.
func childList(rows []*Row) string {
	var names []string
	n := 0
	for _, r := range rows {
		if r.IsReserve() {
			continue
		}
		if n < 12 {
			names = append(names, r.Name())
		}
		n++
	}
	if n > 12 {
		names = append(names, fmt.Sprintf("… (%d in all)", n))
	}
	return strings.Join(names, ", ")
}

// examplePath returns the path of the dimension's first leaf, for hints.
func examplePath(d *DimensionSplit) string {
	for _, r := range d.Rows {
		if r.Leaf() && !r.IsReserve() {
			return r.PathString()
		}
	}
	return "a/b"
}

// periodPattern matches a month written year first: 2027-03, 2027/3,
// 2027.03, 2027年3月, optionally with a day (2027/3/1, 2027-03-15, 2027年3月1日),
// as spreadsheets write dates in CSV.
var periodPattern = regexp.MustCompile(`^(\d{4})\s*(?:[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?|年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)$`)

// ParseActualPeriod reads the period of an actuals row: a month written year
// first (2027-03, 2027/3, 2027年3月), or a date in it (2027-03-15, 2027/3/1,
// 2027年3月1日); the day only has to exist.
func ParseActualPeriod(s string) (Month, bool) {
	g := periodPattern.FindStringSubmatch(strings.TrimSpace(s))
	if g == nil {
		return Month{}, false
	}
	month, day := g[2], g[3]
	if g[4] != "" {
		month, day = g[4], g[5]
	}
	y, _ := strconv.Atoi(g[1])
	m, _ := strconv.Atoi(month)
	if y < 1900 || m < 1 || m > 12 {
		return Month{}, false
	}
	if day != "" {
		d, _ := strconv.Atoi(day)
		if d < 1 || d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
			return Month{}, false
		}
	}
	return Month{Year: y, Month: m}, true
}

// checkPeriod reads the period as a month of the fiscal year (its index 0–11).
func checkPeriod(c *Calendar, rec ActualRecord, bad func(hint, format string, args ...any)) (int, bool) {
	if rec.Period == "" {
		bad("write the month as YYYY-MM, e.g. "+c.Start.String(), "the period is empty")
		return 0, false
	}
	m, ok := ParseActualPeriod(rec.Period)
	if !ok {
		bad("write the month as YYYY-MM, e.g. "+c.Start.String(), "period %q is not a month", rec.Period)
		return 0, false
	}
	i := m.Index(c.Start)
	if i < 0 || i >= 12 {
		bad("the fiscal year runs "+c.Start.String()+".."+c.Start.Add(11).String()+" (year.start in the plan)",
			"period %s is outside the fiscal year", m)
		return 0, false
	}
	return i, true
}

// plainAmount undoes the formatting a spreadsheet may give an amount in CSV:
// a leading currency sign (¥1,200.00) and accounting parentheses for a
// negative ((1,200.00) is -1,200.00).
func plainAmount(s string) string {
	t := strings.TrimSpace(s)
	neg := false
	if len(t) > 2 && strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg, t = true, strings.TrimSpace(t[1:len(t)-1])
	}
	sign := ""
	if strings.HasPrefix(t, "-") {
		sign, t = "-", t[1:]
	}
	for _, c := range []string{"¥", "￥", "$", "€", "£"} {
		if strings.HasPrefix(t, c) {
			t = strings.TrimSpace(strings.TrimPrefix(t, c))
			break
		}
	}
	if neg {
		if sign == "-" {
			return s // -(…) is not a way anyone writes an amount
		}
		sign = "-"
	}
	return sign + t
}

// checkAmount reads the amount: any exact amount the plan format accepts,
// negative allowed, whole for a count metric, within limit (MaxUnits units).
func checkAmount(b *Breakdown, limit *big.Rat, rec ActualRecord, bad func(hint, format string, args ...any)) (*big.Rat, bool) {
	if rec.Amount == "" {
		bad("write 0 for a month without sales", "the amount is empty")
		return nil, false
	}
	r, err := ParseAmount(plainAmount(rec.Amount))
	if err != nil {
		if _, werr := ParseAmount(rec.Amount); werr != nil {
			err = werr // the message quotes the amount as written
		}
		var ve *ValueError
		if errors.As(err, &ve) {
			bad(ve.Hint, "%s", ve.Msg)
		} else {
			bad("", "%v", err)
		}
		return nil, false
	}
	if b.Kind == KindCount && !r.IsInt() {
		bad("a count is a whole number", "%s is a count; %s is not a whole number", b.Metric, rec.Amount)
		return nil, false
	}
	// |r| > limit: |num(r)| × den(limit) > num(limit) × den(r).
	if new(big.Int).Mul(r.Num(), limit.Denom()).CmpAbs(new(big.Int).Mul(limit.Num(), r.Denom())) > 0 {
		bad("", "amount %s is too large (the limit is %s)", rec.Amount, FormatRat(limit, 10))
		return nil, false
	}
	return r, true
}
