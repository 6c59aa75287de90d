package render

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet helpers shared by every sheet of the workbook, the v2 sheets too. A
// new sheet is an entry in book.build's list (sheet{name, write}); every
// sheet gets the common print setup (book.pageSetup: A4 landscape, fitted to
// one page wide, the plan, tier, metric and as-of month in the page header,
// the sheet and page N/M in the footer, the first row and column repeated),
// and an entry in build's layouts map refines it:
//
//   - sheetLayout.titles: the rows and columns repeated on every printed page,
//     the column ranges printed, whether the sheet fits one page.
//   - sheetLayout.extent: the last column and row the sheet writes, so that
//     its <dimension ref> is right (readers in read-only mode trust it).
//   - book.styleID(cellStyle{…}): every style carries an explicit font, name
//     and size (bodyFont, in the plan's language; book.font for styles made
//     by hand); indents are left-aligned. cellStyle.computed (or
//     book.computedOf(id)) marks a value computed by plan that cannot be a
//     formula (italic grey), explained by labels.ComputedNote; cellStyle.note
//     is a small grey explanation.
//   - book.text (labels) holds the fixed texts in the plan's language:
//     labels.nodeName(r) and labels.pathString(r) translate `(reserve)`,
//     labels.stageName the implicit prospect and won stages.
//   - levelUnit / numbers.moneyIn: the display unit that suits a level's
//     largest amount (no ¥0.00亿 for a person), as levelFormats does for the
//     dimension sheets and trackLevelFormats for the tracking sheet.
//   - Defined names on the assumptions sheet (plan_allocated, plan_months,
//     tracking_green, tracking_yellow, incentive_*, plan_base_target) for
//     formulas and conditional formats; book.lightStyles for the green,
//     yellow and red fills.
//
// The print setup and the extent must be set before the sheet's StreamWriter
// is made (excelize writes the sheet properties and dimension first);
// book.build does it for every sheet in its list. <col> elements are sorted
// on the way into the file (xlsx_cols.go), whatever order a sheet sets them.

// printTitles are the rows (1…Rows) and columns (A…Cols) printed on every
// page (0 for none), the column ranges printed (nil: all; each range prints
// on its own pages, the title columns beside it), and whether the sheet is
// short enough to fit on one page.
type printTitles struct {
	Rows, Cols int
	Areas      [][2]int
	OnePage    bool
}

// Fonts: an explicit name and size on every cell, so that no application falls
// back to a serif font of another width.
const (
	bodySize  = 11
	titleSize = 14
	// paperA4 is the OOXML paper size code of A4.
	paperA4 = 9
	// maxHeaderText is the longest page header or footer Excel accepts.
	maxHeaderText = 255
)

// bodyFont is the font of a workbook's cells: the Office default of its
// language (LibreOffice substitutes a metric-compatible one).
func (l *labels) bodyFont() string {
	if l.Lang == chineseLabels.Lang {
		return "等线"
	}
	return "Calibri"
}

// font is a cell font in the workbook's typeface.
func (bk *book) font(bold bool, size float64) *excelize.Font {
	return &excelize.Font{Family: bk.text.bodyFont(), Size: size, Bold: bold}
}

// pageSetup makes a sheet print well: A4 landscape, one page wide (as many
// pages down as it takes), narrow margins, the title rows and columns on
// every page, the plan, tier and metric (and as-of month with actuals) in the
// page header, the sheet's name and page N of M in the footer. Call it before
// the sheet's StreamWriter is made.
func (bk *book) pageSetup(sheet string, titles printTitles, lastRow int) error {
	fit := true
	if err := bk.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return xlsxErr(err)
	}
	size, orient, wide, tall := paperA4, "landscape", 1, 0
	if titles.OnePage {
		tall = 1
	}
	if err := bk.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return xlsxErr(err)
	}
	side, top, edge := 0.4, 0.6, 0.3
	if err := bk.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &top, Bottom: &top, Header: &edge, Footer: &edge}); err != nil {
		return xlsxErr(err)
	}
	header, footer := bk.pageTexts()
	if err := bk.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}); err != nil {
		return xlsxErr(err)
	}
	var refs []string
	q := quoteSheet(sheet)
	if len(titles.Areas) > 0 {
		var areas []string
		for _, a := range titles.Areas {
			areas = append(areas, q+"$"+columnName(a[0])+"$1:$"+columnName(a[1])+"$"+strconv.Itoa(max(lastRow, 1)))
		}
		if err := bk.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: strings.Join(areas, ","), Scope: sheet}); err != nil {
			return xlsxErr(err)
		}
	}
	if titles.Cols > 0 {
		refs = append(refs, q+"$A:$"+columnName(titles.Cols))
	}
	if titles.Rows > 0 {
		refs = append(refs, q+"$1:$"+strconv.Itoa(titles.Rows))
	}
	if len(refs) == 0 {
		return nil
	}
	return xlsxErr2(bk.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: strings.Join(refs, ","), Scope: sheet}))
}

// pageTexts are the page header (plan name left, tier and metric centre, as-of
// month right) and footer (sheet left, page N of M right).
func (bk *book) pageTexts() (header, footer string) {
	t := bk.text
	centre := t.Tier + " " + bk.b.Tier + " · " + t.Metric + " " + bk.b.Metric
	right := ""
	if card := bk.wb.Scorecard; card != nil {
		right = bk.text.tracking().AsOf + " " + card.AsOf.String()
	}
	name := cutUTF16(bk.b.Plan.Name, 80)
	header = "&L" + headerText(name) + "&C" + headerText(centre) + "&R" + headerText(right)
	footer = "&L&A&R" + t.PageOf
	if len(header) > maxHeaderText {
		header = "&L" + headerText(name)
	}
	return header, footer
}

// headerText escapes a text for a page header: & starts a code there.
func headerText(s string) string {
	return strings.ReplaceAll(s, "&", "&&")
}

// sheetExtent writes the sheet's used range (A1 to its last column and row) as
// its <dimension>. Call it before the sheet's StreamWriter is made.
func (bk *book) sheetExtent(sheet string, cols, rows int) error {
	return xlsxErr2(bk.f.SetSheetDimension(sheet, rangeRef(1, 1, max(cols, 1), max(rows, 1))))
}

// columnName is a column's letters.
func columnName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// computedOf is the style id like id but marked as a value computed by plan
// (italic grey): for cells that hold the engine's number because no formula
// can reproduce it (a controlled rounding, a forecast, a payout).
func (bk *book) computedOf(id int) (int, error) {
	if c, ok := bk.computed[id]; ok {
		return c, nil
	}
	for s, x := range bk.style {
		if x != id {
			continue
		}
		s.computed = true
		c, err := bk.styleID(s)
		if err != nil {
			return 0, err
		}
		if bk.computed == nil {
			bk.computed = map[int]int{}
		}
		bk.computed[id] = c
		return c, nil
	}
	return id, nil
}
