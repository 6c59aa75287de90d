package render

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
)

func init() { register(xlsxFormat{}) }

// FixedTime is the creation and modification time written into a workbook whose
// Provenance has no time: the zip epoch, so that the same input always gives
// the same bytes.
var FixedTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Provenance says where a workbook's numbers come from. It is written into the
// document properties; the render package never reads files or runs git, the
// command layer fills it in.
type Provenance struct {
	Source    string    // the plan file, relative to its git work tree when in one, else its base name
	SHA256    string    // hex SHA-256 of the plan file's bytes
	GitCommit string    // HEAD of the work tree holding the file; "" outside git
	GitState  string    // the file in that work tree: "clean", "modified" or "untracked"; "" outside git
	Time      time.Time // written as created and modified time; zero means FixedTime
}

// Workbook is the workbook of `plan export`: a Summary sheet, one sheet per
// dimension with live formulas over the exact leaf values, a Funnel sheet
// when the plan has a funnel, and a Tracking sheet when there are actuals.
// See README "The workbook".
type Workbook struct {
	Breakdown  *plan.Breakdown
	Funnel     *funnel.Result       // the funnel of Breakdown, or nil for no Funnel sheet
	Scorecard  *plan.Scorecard      // the tracking of Breakdown's actuals, or nil for no Tracking sheet
	Capacity   *plan.CapacityReport // the capacity of Breakdown, or nil for no capacity sheet
	Units      DisplayUnit          // how amounts are displayed; the cells always hold full values
	Provenance Provenance

	MetricSplits []*plan.Breakdown      // the other metrics' splits, a sheet each (§11)
	Metrics      *plan.MetricsScorecard // every tracked metric: a sheet per other metric, a scorecard sheet; nil for none
	Ageing       *plan.AgeingReport     // the receivables' ageing (§12), an Ageing sheet; nil for none

	// omitCached leaves formula cells without their cached results, so that a
	// test can prove a spreadsheet application recomputes every one of them.
	omitCached bool
}

// WriteTo builds the workbook and writes it as .xlsx to w. The same workbook
// gives the same bytes on every run.
func (wb *Workbook) WriteTo(w io.Writer) (int64, error) {
	bk, err := newBook(wb)
	if err != nil {
		return 0, err
	}
	defer bk.f.Close()
	if err := bk.build(); err != nil {
		return 0, err
	}
	return bk.f.WriteTo(w)
}

// book is a workbook being built: the excelize file, the texts in the plan's
// language, the number formats and the styles made so far. Each sheet is
// written by one method (summarySheet, dimensionSheet, …); a new sheet is a new
// method and a line in build.
type book struct {
	wb    *Workbook
	b     *plan.Breakdown
	f     *excelize.File
	text  *labels
	nums  numbers
	style map[cellStyle]int

	summary string       // the summary sheet's name
	dims    []*dimLayout // one per dimension, in the breakdown's order

	trackSheet  string        // the tracking sheet's name; "" without actuals
	assumptions string        // the assumptions sheet's name
	assume      *assumeLayout // its layout, made on first use
	computed    map[int]int   // computedOf's styles by the style they mark
	lights      []int         // the traffic lights' conditional styles (green, yellow, red), made on first use
}

func newBook(wb *Workbook) (*book, error) {
	b := wb.Breakdown
	if b == nil {
		return nil, fmt.Errorf("xlsx: no breakdown to export")
	}
	if wb.Funnel != nil && wb.Funnel.Breakdown != b {
		return nil, fmt.Errorf("xlsx: the funnel is not the funnel of the breakdown")
	}
	if wb.Scorecard != nil && wb.Scorecard.Breakdown != b {
		return nil, fmt.Errorf("xlsx: the scorecard is not the tracking of the breakdown")
	}
	nums, err := newNumbers(b, wb.Units)
	if err != nil {
		return nil, err
	}
	if err := checkExact(b, nums); err != nil {
		return nil, err
	}
	t := wb.Provenance.Time
	if t.IsZero() {
		t = FixedTime
	}
	f := excelize.NewFile()
	f.SetZipWriter(newSortedZip(t.UTC()))
	pinContentTypes(f)
	return &book{wb: wb, b: b, f: f, text: labelsFor(b.Plan), nums: nums, style: map[cellStyle]int{}}, nil
}

// sheet is one sheet of the workbook: its name, the method that writes it,
// the rows and columns printed on every page, and its extent (last column and
// row; nil when unknown). See the sheet helpers in xlsx_print.go.
type sheet struct {
	name  string
	write func() error
}

// sheetLayout is how a sheet prints and how far it reaches: the rows and
// columns printed on every page, and its extent (last column and row; nil
// when unknown). A sheet without one prints with its first row and column
// repeated. See the sheet helpers in xlsx_print.go.
type sheetLayout struct {
	titles printTitles
	extent func() (cols, rows int)
}

// build names the sheets, creates them in order, sets up their printing and
// extent, writes each one and the document properties. A new sheet is one
// more entry in the list, one method that writes it, and optionally an entry
// in layouts.
func (bk *book) build() error {
	names := newSheetNames()
	layouts := map[string]sheetLayout{}
	bk.summary = names.add(bk.text.Summary)
	sheets := []sheet{{bk.summary, bk.summarySheet}}
	layouts[bk.summary] = sheetLayout{extent: bk.summaryExtent}
	for _, d := range bk.b.Dimensions {
		dl := newDimLayout(d, names.add(d.Name))
		dl.commits = hasCommits(bk.b, d)
		dl.windows = dimWindows(bk.b, d)
		bk.dims = append(bk.dims, dl)
		sheets = append(sheets, sheet{dl.sheet, func() error { return bk.dimensionSheet(dl) }})
		// printed: the names with the amounts (and commit and gap on their own pages), not depth and path
		areas := [][2]int{{colName, colQuarter + 3}}
		if dl.commits {
			areas = append(areas, [2]int{dl.commitCol(), dl.gapCol()})
		}
		layouts[dl.sheet] = sheetLayout{printTitles{Rows: 1, Cols: 1, Areas: areas}, func() (int, int) { return bk.dimColumns(dl), dl.check }}
	}
	if fn := bk.wb.Funnel; fn != nil {
		name := names.add(bk.text.Funnel)
		sheets = append(sheets, sheet{name, func() error { return bk.funnelSheet(name, fn) }})
		layouts[name] = sheetLayout{titles: printTitles{Rows: 1, Cols: 1}} // its extent is the funnel sheet's own business
	}
	if rep := bk.wb.Capacity; rep != nil {
		name := names.add(bk.text.window().Sheet)
		sheets = append(sheets, sheet{name, func() error { return bk.capacitySheet(name, rep) }})
		layouts[name] = sheetLayout{printTitles{Rows: 1, Cols: 1}, func() (int, int) { return ccCount, len(rep.Nodes) + 2 }}
	}
	if card := bk.wb.Scorecard; card != nil {
		bk.trackSheet = names.add(bk.text.tracking().Sheet)
		sheets = append(sheets, sheet{bk.trackSheet, func() error { return bk.trackingSheet(bk.trackSheet, card) }})
		areas := [][2]int{{tcName, tcMonth + 11}} // printed: the names, figures and months (money on its own pages)
		pays := bk.b.Plan.Incentive.Commission != nil
		for _, ds := range card.Dimensions {
			pays = pays || ds.Total.PayoutAmount != nil
		}
		if pays {
			areas = append(areas, [2]int{tcBonus, tcCommission})
		}
		layouts[bk.trackSheet] = sheetLayout{printTitles{Rows: 1, Cols: 1, Areas: areas},
			func() (int, int) { _, last := bk.trackLayout(card); return trackAllColumns, last }}
	}
	bk.assumptions = names.add(bk.text.Assumptions)
	sheets = append(sheets, sheet{bk.assumptions, bk.assumptionsSheet})
	layouts[bk.assumptions] = sheetLayout{printTitles{OnePage: true}, bk.assumptionsExtent}
	if bk.hasDataSheet() {
		data := names.add(bk.text.Data)
		sheets = append(sheets, sheet{data, func() error { return bk.dataSheet(data) }})
		layouts[data] = sheetLayout{printTitles{Rows: 1}, func() (int, int) { return dataColumns, 1 + bk.dataRows() }}
	}
	sheets = bk.metricSheets(names, sheets)
	for i, s := range sheets {
		var err error
		if i == 0 {
			err = bk.f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = bk.f.NewSheet(s.name)
		}
		if err != nil {
			return xlsxErr(err)
		}
	}
	for _, s := range sheets {
		l, ok := layouts[s.name]
		if !ok {
			l.titles = printTitles{Rows: 1, Cols: 1}
		}
		rows := 0
		if l.extent != nil {
			var cols int
			cols, rows = l.extent()
			if err := bk.sheetExtent(s.name, cols, rows); err != nil {
				return err
			}
		}
		if err := bk.pageSetup(s.name, l.titles, rows); err != nil {
			return err
		}
	}
	for _, s := range sheets {
		if err := s.write(); err != nil {
			return err
		}
	}
	bk.f.SetActiveSheet(0)
	return bk.properties()
}

// properties writes the document properties: the plan's name as title, and the
// provenance (source, SHA-256, git commit) as custom properties.
func (bk *book) properties() error {
	pv := bk.wb.Provenance
	t := pv.Time
	if t.IsZero() {
		t = FixedTime
	}
	stamp := t.UTC().Format(time.RFC3339)
	desc := "plan export"
	if pv.Source != "" {
		desc += " of " + pv.Source
	}
	if pv.SHA256 != "" {
		desc += " (sha256 " + pv.SHA256 + ")"
	}
	if pv.GitCommit != "" {
		desc += " at git commit " + pv.GitCommit
		if pv.GitState != "" && pv.GitState != "clean" {
			desc += " (" + pv.GitState + ")"
		}
	}
	err := bk.f.SetDocProps(&excelize.DocProperties{
		Title:          bk.b.Plan.Name,
		Subject:        bk.b.Tier + " · " + bk.b.Metric,
		Creator:        "plan",
		LastModifiedBy: "plan",
		Description:    desc,
		Created:        stamp,
		Modified:       stamp,
		Language:       bk.text.Lang,
	})
	if err != nil {
		return xlsxErr(err)
	}
	props := []excelize.CustomProperty{
		{Name: "plan.name", Value: bk.b.Plan.Name},
		{Name: "plan.source", Value: pv.Source},
		{Name: "plan.sha256", Value: pv.SHA256},
		{Name: "plan.git_commit", Value: pv.GitCommit},
		{Name: "plan.git_state", Value: pv.GitState},
		{Name: "plan.tier", Value: bk.b.Tier},
		{Name: "plan.metric", Value: bk.b.Metric},
	}
	for _, p := range props {
		if p.Value == "" {
			continue
		}
		if err := bk.f.SetCustomProps(p); err != nil {
			return xlsxErr(err)
		}
	}
	return nil
}

// imageContentTypes are the content types excelize declares when a sheet gets
// a drawing (our chart), in the order of its source.
var imageContentTypes = [][2]string{
	{"bmp", "image/bmp"}, {"ico", "image/x-ico"}, {"jpeg", "image/jpeg"}, {"png", "image/png"}, {"gif", "image/gif"},
	{"svg", "image/svg"}, {"tiff", "image/tiff"}, {"emf", "image/x-emf"}, {"wmf", "image/x-wmf"},
	{"emz", "image/x-emz"}, {"wmz", "image/x-wmz"},
}

// pinContentTypes declares the image content types up front, in a fixed order:
// excelize adds the missing ones from a map when a drawing is made, which
// would put them in a different order on every run.
func pinContentTypes(f *excelize.File) {
	ct := f.ContentTypes
	if ct == nil || len(ct.Defaults) == 0 {
		return
	}
	have := map[string]bool{}
	for _, d := range ct.Defaults {
		have[d.Extension] = true
	}
	for _, x := range imageContentTypes {
		if have[x[0]] {
			continue
		}
		d := ct.Defaults[0]
		d.Extension, d.ContentType = x[0], x[1]
		ct.Defaults = append(ct.Defaults, d)
	}
}

// maxSheetRows is how many rows a sheet holds (Excel's limit).
const maxSheetRows = 1_048_576

// checkRows refuses a sheet that needs more rows than a sheet holds.
func checkRows(sheet string, rows int) error {
	if rows <= maxSheetRows {
		return nil
	}
	return plan.Problemf("export a smaller plan, or split it in parts",
		"cannot export sheet %s: it needs %d rows, more than the %d a sheet holds", sheet, rows, maxSheetRows)
}

// xlsxErr wraps an excelize failure.
func xlsxErr(err error) error {
	return fmt.Errorf("xlsx: %w", err)
}

// cellStyle is what a cell looks like; book.styleID turns it into an excelize
// style, made once per distinct look, in first-use order (deterministic).
type cellStyle struct {
	numFmt   string // custom number format, "" for General
	bold     bool
	indent   int
	header   bool // filled, bordered, centred, wrapped
	total    bool // a top border
	title    bool // large bold text
	computed bool // a value computed by plan, not a formula: italic grey
	note     bool // a small grey explanatory text
}

// styleID returns the excelize style of a look.
func (bk *book) styleID(s cellStyle) (int, error) {
	if id, ok := bk.style[s]; ok {
		return id, nil
	}
	st := &excelize.Style{Font: bk.font(s.bold || s.header || s.title, bodySize)}
	if s.title {
		st.Font.Size = titleSize
	}
	if s.computed {
		st.Font.Italic, st.Font.Color = true, "595959"
	}
	if s.note {
		st.Font.Size, st.Font.Color = 9, "595959"
	}
	if s.numFmt != "" {
		nf := s.numFmt
		st.CustomNumFmt = &nf
	}
	if s.indent > 0 {
		st.Alignment = &excelize.Alignment{Horizontal: "left", Indent: s.indent, Vertical: "center"}
	}
	if s.header {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
		st.Border = []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
		st.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	}
	if s.total {
		st.Border = []excelize.Border{{Type: "top", Color: "808080", Style: 1}}
	}
	id, err := bk.f.NewStyle(st)
	if err != nil {
		return 0, xlsxErr(err)
	}
	bk.style[s] = id
	return id, nil
}

// rowCells is the row a StreamWriter writes next. Its cells stay in place and
// are passed by pointer, so a row costs no allocation per cell beyond the value.
type rowCells struct {
	vals  []excelize.Cell
	cells []any // &vals[i], or nil for an empty cell
}

func newRowCells(n int) *rowCells {
	return &rowCells{vals: make([]excelize.Cell, n), cells: make([]any, n)}
}

// set puts a cell in column i (0-based).
func (r *rowCells) set(i int, c excelize.Cell) {
	r.vals[i] = c
	r.cells[i] = &r.vals[i]
}

// unset empties column i.
func (r *rowCells) unset(i int) { r.cells[i] = nil }

// reset empties the row.
func (r *rowCells) reset() {
	for i := range r.cells {
		r.cells[i] = nil
	}
}
