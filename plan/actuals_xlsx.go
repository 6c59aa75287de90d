package plan

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// excelDigits is how many significant digits a spreadsheet shows of a number:
// a cell stored as 1234.5599999999999 is read as 1234.56, as Excel displays it.
const excelDigits = 15

// readActualsXLSX reads the first sheet of an .xlsx workbook like a CSV file:
// the first non-empty row is the header, rows whose cells are all empty are
// skipped. Cells are read as stored, not as formatted: a number cell is the
// number shown to 15 significant digits, and a period typed as a date
// (Excel turns 2027-03 into a date) is that date's month.
func readActualsXLSX(file string, data []byte) ([]ActualRecord, Diagnostics) {
	whole := ActualSource{File: file}
	fs, bad := readFirstSheet(whole, data)
	if bad != nil {
		return nil, bad
	}
	defer fs.file.Close()
	f, sheet, rows, date1904 := fs.file, fs.name, fs.rows, fs.date1904
	var (
		cols  *actualHeader
		out   []ActualRecord
		diags Diagnostics
	)
	for i, row := range rows {
		src := ActualSource{File: file, Sheet: sheet, Line: i + 1}
		if blankRecord(row) {
			continue
		}
		if cols == nil {
			h, d := readActualHeader(src, row)
			if d != nil {
				return nil, Diagnostics{*d}
			}
			cols = h
			continue
		}
		// A row ends at its last non-empty cell; the missing cells are empty.
		for len(row) < cols.need {
			row = append(row, "")
		}
		ar, _ := cols.record(src, row)
		if ar.Amount == "0" || ar.Amount == "1" {
			// a TRUE or FALSE cell reads as 1 or 0: it is not an amount
			cell, _ := excelize.CoordinatesToCellName(cols.index[3]+1, i+1)
			if t, err := f.GetCellType(sheet, cell); err == nil && t == excelize.CellTypeBool {
				ar.Amount = map[string]string{"1": "TRUE", "0": "FALSE"}[ar.Amount]
			}
		}
		ar.Period = sheetPeriod(ar.Period, date1904)
		ar.Amount = sheetNumber(ar.Amount)
		out = append(out, ar)
	}
	if cols == nil {
		diags = append(diags, ActualSource{File: file, Sheet: sheet}.diag(Error, "put the header period,dimension,path,amount in the first row of the first sheet", "the first sheet (%s) is empty", sheet))
	}
	return out, diags
}

// sheetPeriod turns a period cell that holds a date serial number (a period
// typed into Excel as 2027-03 becomes the date 2027-03-01) into its month,
// YYYY-MM. Text is left as written.
func sheetPeriod(v string, date1904 bool) string {
	if _, ok := ParseActualPeriod(v); ok {
		return v
	}
	if !plainSerial.MatchString(v) {
		return v // NaN, Inf, 1e5: not a date serial number
	}
	serial, err := strconv.ParseFloat(v, 64)
	if err != nil || serial < 1 || serial > 2958465 { // 9999-12-31
		return v
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil {
		return v
	}
	return Month{Year: t.Year(), Month: int(t.Month())}.String()
}

// plainSerial matches a date serial number as a sheet stores it: 46447 or
// 46447.5.
var plainSerial = regexp.MustCompile(`^[0-9]{1,7}(\.[0-9]+)?$`)

// sheetNumber rounds a plain number with more significant digits than a
// spreadsheet shows to the 15 it shows (a double's 1234.5599999999999 is
// 1234.56). Anything else (text, 万 amounts) is left as written.
func sheetNumber(v string) string {
	mant, _, _ := strings.Cut(strings.ToLower(strings.TrimLeft(v, "+-")), "e")
	for _, c := range mant {
		if (c < '0' || c > '9') && c != '.' {
			return v
		}
	}
	sig := strings.Trim(strings.ReplaceAll(mant, ".", ""), "0")
	if len(sig) <= excelDigits {
		return v
	}
	r, err := parseDecimal(v)
	if err != nil {
		return v
	}
	return roundSignificant(r, excelDigits)
}

// roundSignificant writes r rounded to n significant digits, halves away from
// zero, as a plain decimal.
func roundSignificant(r *big.Rat, n int) string {
	neg := r.Sign() < 0
	a := new(big.Rat).Abs(r)
	// e is the exponent of the leading digit: 10^e ≤ a < 10^(e+1).
	e := len(new(big.Int).Quo(a.Num(), a.Denom()).String()) - 1
	if a.Cmp(ratOne) < 0 {
		e = -1
		for x := new(big.Rat).Mul(a, big.NewRat(10, 1)); x.Cmp(ratOne) < 0; x.Mul(x, big.NewRat(10, 1)) {
			e--
		}
	}
	places := n - 1 - e
	var scaled *big.Rat
	if places >= 0 {
		scaled = new(big.Rat).Mul(a, pow10(places))
	} else {
		scaled = new(big.Rat).Quo(a, pow10(-places))
	}
	scaled.Add(scaled, big.NewRat(1, 2))
	q := new(big.Int).Quo(scaled.Num(), scaled.Denom())
	out := new(big.Rat).SetInt(q)
	if places >= 0 {
		out.Quo(out, pow10(places))
	} else {
		out.Mul(out, pow10(-places))
	}
	if neg {
		out.Neg(out)
	}
	return FormatRat(out, max(places, 0))
}
