package render

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// The columns of the tracking sheet (1-based).
const (
	tcName       = 1  // A: the node, indented by depth
	tcFYTarget   = 2  // B: the year's target, a reference to the dimension sheet
	tcYTDTarget  = 3  // C: the plan cells up to the as-of month, SUM over the dimension sheet
	tcYTDActual  = 4  // D: SUM of the actual months
	tcAttainment = 5  // E: D/C, "" when C is 0
	tcStatus     = 6  // F: the traffic light of E by the plan's thresholds
	tcRemaining  = 7  // G: MAX(0, B−D)
	tcForecast   = 8  // H: the engine's forecast (a value)
	tcPayout     = 9  // I: the engine's payout (a value)
	tcMonth      = 10 // J…U: the actuals up to the as-of month, the re-spread after it
	tcDimension  = 22 // V: the dimension
	tcDepth      = 23 // W: depth (1 = top level); parents SUMIF on it past 255 children
	tcPath       = 24 // X: the full path, a/b/c
	trackColumns = 26 // with the money columns Y, Z (xlsx_tracking_money.go)
)

// trackLabels are the tracking sheet's texts.
type trackLabels struct {
	Sheet                                                                                 string
	Node, FYTarget, YTDTarget, YTDActual, Attainment, Status, Remaining, Forecast, Payout string
	Actual, Respread                                                                      string // after a month's label in its header
	Dimension, AsOf                                                                       string
	PeriodTarget                                                                          string // after a period's label: its target
	Green, Yellow, Red                                                                    string // the statuses
}

func (l *labels) tracking() trackLabels {
	if l.Lang == chineseLabels.Lang {
		return trackLabels{Sheet: "跟踪",
			Node: "节点", FYTarget: "全年目标", YTDTarget: "累计目标", YTDActual: "累计实际", Attainment: "达成率", Status: "状态",
			Remaining: "剩余", Forecast: "全年预测", Payout: "奖金比例", Actual: "实际", Respread: "剩余分配",
			Dimension: "维度", AsOf: "截至", PeriodTarget: "目标", Green: "绿", Yellow: "黄", Red: "红"}
	}
	return trackLabels{Sheet: "Tracking",
		Node: "Node", FYTarget: "FY target", YTDTarget: "YTD target", YTDActual: "YTD actual", Attainment: "Attainment", Status: "Status",
		Remaining: "Remaining", Forecast: "Forecast", Payout: "Payout", Actual: "actual", Respread: "re-spread",
		Dimension: "Dimension", AsOf: "as of", PeriodTarget: "target", Green: "green", Yellow: "yellow", Red: "red"}
}

// status is the text of a status.
func (t trackLabels) status(s plan.TrackStatus) string {
	switch s {
	case plan.StatusGreen:
		return t.Green
	case plan.StatusYellow:
		return t.Yellow
	case plan.StatusRed:
		return t.Red
	}
	return ""
}

// trackNumbers is how the tracking sheet writes amounts derived from actuals,
// which may have more decimals than the allocation unit (cents under a round
// of 1000).
type trackNumbers struct {
	places int    // decimals of every actual, re-spread cell and unit amount
	money  string // number format: the unit's decimals, or up to 2 for actuals with cents
	prefix string // the currency part of money
	shown  int    // the decimals money shows
	units  DisplayUnit
}

// sum wraps a sum of actuals so that it evaluates to exactly the engine's
// amount: rounded back onto the decimals of the actuals (see numbers.sum).
func (t trackNumbers) sum(expr string) string {
	if t.places == 0 {
		return expr
	}
	return "ROUND(" + expr + "," + strconv.Itoa(t.places) + ")"
}

// newTrackNumbers finds the decimals the tracking sheet's sums round to, and
// refuses actuals a spreadsheet cannot add up exactly: every actual must be a
// decimal, and every sum on the sheet must fit in 15 significant digits at
// those decimals. No sum is larger than a dimension's allocated target plus
// the absolute values of its leaves' cells.
func newTrackNumbers(card *plan.Scorecard, n numbers, units DisplayUnit) (trackNumbers, error) {
	b := card.Breakdown
	places := n.places
	var bound float64 // the largest bound, added up in doubles
	for _, ds := range card.Dimensions {
		sum := n.value(b.Allocated)
		for _, ns := range ds.Nodes {
			if !ns.Row.Leaf() {
				continue
			}
			for _, cells := range [2][]*big.Rat{ns.Actual, ns.Respread} {
				for _, v := range cells {
					p, ok := decimalPlaces(v)
					if !ok || p > maxDigits {
						return trackNumbers{}, plan.Problemf("write the actuals with at most a few decimals",
							"cannot export the tracking sheet: the actual %s of %s is not a decimal a spreadsheet holds exactly", plan.FormatRat(v, 20), ns.Row.PathString())
					}
					places = max(places, p)
					sum += math.Abs(amountFloat(v))
				}
			}
		}
		bound = max(bound, sum)
	}
	// A sum of doubles is off by far less than 0.1 %; only a bound that
	// close to the limit is added up exactly.
	limit := math.Pow10(maxDigits - places)
	if bound >= 0.999*limit && (bound >= 1.001*limit || !exactBelow(card, places)) {
		return trackNumbers{}, plan.Problemf("round the actuals to fewer decimals, or split the plan",
			"cannot export the tracking sheet: the actuals with %d decimals add up to more than the %d significant digits a spreadsheet holds exactly", places, maxDigits)
	}
	prefix := ""
	if b.Kind == plan.KindAmount {
		prefix = currencyPrefix(b.Plan.Currency)
	}
	shown := max(n.places, min(places, 2))
	return trackNumbers{places: places, money: prefix + amountFormat(shown, units), prefix: prefix, shown: shown, units: units}, nil
}

// exactBelow reports whether every dimension's bound (its allocated target
// plus the absolute values of its leaves' cells), at the given decimals, is
// below 10¹⁵, added up exactly.
func exactBelow(card *plan.Scorecard, places int) bool {
	b := card.Breakdown
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil))
	limit := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(maxDigits), nil))
	for _, ds := range card.Dimensions {
		sum := b.Unit.Amount(b.Allocated)
		for _, ns := range ds.Nodes {
			if !ns.Row.Leaf() {
				continue
			}
			for _, cells := range [2][]*big.Rat{ns.Actual, ns.Respread} {
				for _, v := range cells {
					sum.Add(sum, new(big.Rat).Abs(v))
				}
			}
		}
		if sum.Mul(sum, scale).Cmp(limit) >= 0 {
			return false
		}
	}
	return true
}

// decimalPlaces is the number of decimals r needs; false when r is not a
// finite decimal (its denominator has a prime factor other than 2 and 5).
func decimalPlaces(r *big.Rat) (int, bool) {
	if r.IsInt() {
		return 0, true
	}
	if d := r.Denom(); d.IsUint64() {
		u := d.Uint64()
		twos := bits.TrailingZeros64(u)
		u >>= twos
		fives := 0
		for u%5 == 0 {
			u /= 5
			fives++
		}
		return max(twos, fives), u == 1
	}
	d := new(big.Int).Set(r.Denom())
	twos := int(d.TrailingZeroBits())
	d.Rsh(d, uint(twos))
	fives := 0
	five, q, m := big.NewInt(5), new(big.Int), new(big.Int)
	for {
		q.QuoRem(d, five, m)
		if m.Sign() != 0 {
			break
		}
		d.Set(q)
		fives++
	}
	return max(twos, fives), d.IsInt64() && d.Int64() == 1
}

// amountFloat is an exact amount as the nearest double, like ratFloat, without
// allocating for the amounts of actuals: a numerator and a denominator that
// are both exact doubles divide to the nearest double of their quotient.
func amountFloat(r *big.Rat) float64 {
	const exact = 1 << 53
	if num := r.Num(); num.IsInt64() {
		n := num.Int64()
		if n >= -exact && n <= exact {
			if r.IsInt() {
				return float64(n)
			}
			if d := r.Denom(); d.IsInt64() && d.Int64() <= exact {
				return float64(n) / float64(d.Int64())
			}
		}
	}
	return ratFloat(r)
}

// trackBlock places one dimension's scorecard on the tracking sheet: a title
// row, the nodes depth-first (engine row i on row first+i), a total row.
type trackBlock struct {
	ds    *plan.DimensionScore
	dl    *dimLayout // the dimension's sheet, which the targets refer to
	title int
	first int
	total int
}

func (tb *trackBlock) rowOf(r *plan.Row) int { return tb.first + r.Index }

// lastRow is the sheet row of the last row of r's subtree.
func (tb *trackBlock) lastRow(r *plan.Row) int {
	for !r.Leaf() {
		r = r.Children[len(r.Children)-1]
	}
	return tb.rowOf(r)
}

// trackLayout lays the blocks out from row 2, a blank row between blocks, and
// returns them with the last row of the sheet.
func (bk *book) trackLayout(card *plan.Scorecard) ([]*trackBlock, int) {
	var blocks []*trackBlock
	row := 2
	for _, ds := range card.Dimensions {
		var dl *dimLayout
		for _, d := range bk.dims {
			if d.d == ds.Split {
				dl = d
			}
		}
		tb := &trackBlock{ds: ds, dl: dl, title: row, first: row + 1}
		tb.total = tb.first + len(ds.Nodes)
		blocks = append(blocks, tb)
		row = tb.total + 2
	}
	return blocks, row - 2
}

// trackingSheet writes the tracking of the actuals: per dimension with
// actuals a block with the tree (indented and grouped like the dimension
// sheets) and a total row. Per node: the year's and the year to date's
// targets (references to the dimension sheet), the actual (leaves hold the
// exact amounts, parents SUM their children), attainment (actual / target),
// status (a formula on the plan's thresholds), remaining, forecast and payout
// (values: they follow the engine's rules), then the actual of each month up
// to the as-of month and the re-spread of each later month (leaves hold the
// engine's cells, parents SUM their children's). Attainment and status cells
// are filled green, yellow or red by conditional formats on the thresholds.
func (bk *book) trackingSheet(sheet string, card *plan.Scorecard) error {
	blocks, last := bk.trackLayout(card)
	for _, tb := range blocks {
		if tb.dl == nil {
			return fmt.Errorf("xlsx: the scorecard's dimension %s is not in the breakdown", tb.ds.Name)
		}
	}
	if err := checkRows(sheet, last); err != nil {
		return err
	}
	tn, err := newTrackNumbers(card, bk.nums, bk.wb.Units)
	if err != nil {
		return err
	}
	f := bk.f
	below := false
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{OutlineSummaryBelow: &below}); err != nil {
		return xlsxErr(err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return xlsxErr(err)
	}
	w := &trackWriter{bk: bk, sw: sw, card: card, text: bk.text.tracking(), tn: tn, rc: newRowCells(trackAllColumns)}
	if err := w.styles(); err != nil {
		return err
	}
	if err := w.layout(blocks); err != nil {
		return err
	}
	for _, tb := range blocks {
		if err := w.block(tb); err != nil {
			return err
		}
	}
	if err := w.lights(sheet, last); err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, rangeRef(tcName, 1, trackAllColumns, max(last, 2)), nil); err != nil {
		return xlsxErr(err)
	}
	return xlsxErr2(sw.Flush())
}

// trackWriter writes the tracking sheet row by row.
type trackWriter struct {
	bk   *book
	sw   *excelize.StreamWriter
	card *plan.Scorecard
	text trackLabels
	tn   trackNumbers
	rc   *rowCells
	kids []int // scratch: sheet rows of a parent's children
	err  error // the first failure to make a style
	st   struct {
		header, later, title, plain int
		money, share, status        [2]int // by bold
		totalName, totalMoney       int
		totalShare, totalStatus     int
		unitMoney                   [2]int // amounts in units of round (targets)
		totalUnitMoney              int
		name                        map[[2]int]int // by indent and bold, made on first use
		level                       [][2][2]int    // by depth: (money, unit money) by bold, see trackLevelFormats
	}
}

// styles makes the sheet's styles, in a fixed order.
func (w *trackWriter) styles() error {
	n, tn := w.bk.nums, w.tn
	get := func(id *int, c cellStyle) {
		if w.err == nil {
			*id, w.err = w.bk.styleID(c)
		}
	}
	get(&w.st.header, cellStyle{header: true})
	get(&w.st.title, cellStyle{bold: true})
	get(&w.st.plain, cellStyle{})
	for b := range 2 {
		get(&w.st.money[b], cellStyle{numFmt: tn.money, bold: b == 1})
		get(&w.st.unitMoney[b], cellStyle{numFmt: n.money, bold: b == 1})
		get(&w.st.share[b], cellStyle{numFmt: n.percent, bold: b == 1})
		get(&w.st.status[b], cellStyle{bold: b == 1})
	}
	get(&w.st.totalName, cellStyle{bold: true, total: true})
	get(&w.st.totalMoney, cellStyle{numFmt: tn.money, bold: true, total: true})
	get(&w.st.totalUnitMoney, cellStyle{numFmt: n.money, bold: true, total: true})
	get(&w.st.totalShare, cellStyle{numFmt: n.percent, bold: true, total: true})
	get(&w.st.totalStatus, cellStyle{bold: true, total: true})
	for _, f := range trackLevelFormats(w.card, n, tn) {
		var ids [2][2]int
		for b := range 2 {
			get(&ids[0][b], cellStyle{numFmt: f[0], bold: b == 1})
			get(&ids[1][b], cellStyle{numFmt: f[1], bold: b == 1})
		}
		w.st.level = append(w.st.level, ids)
	}
	if w.err != nil {
		return w.err
	}
	w.st.name = map[[2]int]int{}
	// The re-spread months' headers: another fill, so the as-of month shows.
	later, err := w.bk.f.NewStyle(&excelize.Style{
		Font:      w.bk.font(true, bodySize),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	if err != nil {
		return xlsxErr(err)
	}
	w.st.later = later
	return nil
}

// trackLevelFormats are the tracking sheet's number formats by depth (index
// 1 = top level): amounts derived from actuals and amounts in units of round,
// each level in the display unit that suits its largest year target (see
// levelUnit).
func trackLevelFormats(card *plan.Scorecard, n numbers, tn trackNumbers) [][2]string {
	biggest := []float64{0}
	for _, ds := range card.Dimensions {
		for _, ns := range ds.Nodes {
			d := ns.Row.Depth
			for len(biggest) <= d {
				biggest = append(biggest, 0)
			}
			biggest[d] = max(biggest[d], math.Abs(n.value(ns.FYTarget)))
		}
	}
	out := make([][2]string, len(biggest))
	for d, v := range biggest {
		u := levelUnit(tn.units, v)
		out[d] = [2]string{tn.prefix + amountFormat(tn.shown, u), n.moneyIn(u)}
	}
	return out
}

// lightStyles returns the conditional styles of the traffic lights (green,
// yellow, red: Excel's Good, Neutral and Bad cell styles), made once.
func (bk *book) lightStyles() ([]int, error) {
	if bk.lights != nil {
		return bk.lights, nil
	}
	for _, x := range [][2]string{{"C6EFCE", "006100"}, {"FFEB9C", "9C5700"}, {"FFC7CE", "9C0006"}} {
		id, err := bk.f.NewConditionalStyle(&excelize.Style{
			Font: &excelize.Font{Color: x[1]},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{x[0]}},
		})
		if err != nil {
			return nil, xlsxErr(err)
		}
		bk.lights = append(bk.lights, id)
	}
	return bk.lights, nil
}

// statusLights are the rules that fill a column of status texts whose first
// cell is first: green, yellow or red by the text.
func (bk *book) statusLights(first string, t trackLabels) ([]excelize.ConditionalFormatOptions, error) {
	ids, err := bk.lightStyles()
	if err != nil {
		return nil, err
	}
	return []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: first + "=" + quote(t.Green), Format: &ids[0]},
		{Type: "formula", Criteria: first + "=" + quote(t.Yellow), Format: &ids[1]},
		{Type: "formula", Criteria: first + "=" + quote(t.Red), Format: &ids[2]},
	}, nil
}

// nameStyle is the style of a name indented by indent levels (at most 15),
// bold (1) or not (0).
func (w *trackWriter) nameStyle(indent, bold int) int {
	key := [2]int{min(indent, 15), bold}
	if id, ok := w.st.name[key]; ok {
		return id
	}
	id, err := w.bk.styleID(cellStyle{indent: key[0], bold: bold == 1})
	if err != nil && w.err == nil {
		w.err = err
	}
	w.st.name[key] = id
	return id
}

// monthHeader is the header of fiscal month m: its label and whether it holds
// the actual or the re-spread.
func (w *trackWriter) monthHeader(m int) string {
	label := w.bk.b.Calendar.MonthLabels()[m]
	if m <= w.card.AsOfIndex {
		return label + " " + w.text.Actual
	}
	return label + " " + w.text.Respread
}

// layout sets the widths and panes and writes the header row.
func (w *trackWriter) layout(blocks []*trackBlock) error {
	t, l := w.text, w.bk.text
	nameW, pathW, dimW := textWidth(t.Node), textWidth(l.Path), textWidth(t.Dimension)
	var biggest float64
	for _, tb := range blocks {
		nameW = max(nameW, textWidth(tb.ds.Name))
		dimW = max(dimW, textWidth(tb.ds.Name))
		for i := range len(tb.ds.Nodes) + 1 {
			ns := tb.ds.Total
			if i < len(tb.ds.Nodes) {
				ns = tb.ds.Nodes[i]
			}
			biggest = max(biggest, w.bk.nums.value(ns.FYTarget), absFloat(ns.YTDActual), absFloat(ns.Forecast))
			for _, v := range append(append([]*big.Rat{}, ns.Actual...), ns.Respread...) {
				biggest = max(biggest, absFloat(v))
			}
			if r := ns.Row; r != nil {
				nameW = max(nameW, textWidth(l.nodeName(r))+1.5*float64(min(r.Depth-1, 15))+boolf(!r.Leaf())*0.2*textWidth(r.Name()))
				pathW = max(pathW, textWidth(l.pathString(r)))
			}
		}
	}
	moneyW := w.moneyWidth(biggest)
	monthW := moneyW
	for m := range 12 {
		monthW = max(monthW, textWidth(w.monthHeader(m))*0.6+2)
	}
	for _, c := range []struct {
		lo, hi int
		w      float64
	}{
		{tcName, tcName, min(nameW+3, 60)},
		{tcFYTarget, tcYTDActual, moneyW},
		{tcAttainment, tcAttainment, max(textWidth(t.Attainment)+3, 11)},
		{tcStatus, tcStatus, max(textWidth(t.Status)+3, textWidth(t.Yellow)+3, 8)},
		{tcRemaining, tcForecast, moneyW},
		{tcPayout, tcPayout, max(textWidth(t.Payout)+3, 10)},
		{tcMonth, tcMonth + 11, monthW},
		{tcDimension, tcDimension, min(dimW+3, 40)},
		{tcDepth, tcDepth, max(textWidth(l.Depth)+3, 7)},
		{tcPath, tcPath, min(pathW+3, 80)},
	} {
		if err := w.sw.SetColWidth(c.lo, c.hi, c.w); err != nil {
			return xlsxErr(err)
		}
	}
	if err := w.periodWidths(moneyW); err != nil {
		return err
	}
	if err := w.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}}); err != nil {
		return xlsxErr(err)
	}
	head := []string{t.Node, t.FYTarget, t.YTDTarget, t.YTDActual, t.Attainment, t.Status, t.Remaining, t.Forecast, t.Payout}
	for i, h := range head {
		w.rc.set(i, excelize.Cell{StyleID: w.st.header, Value: h})
	}
	for m := range 12 {
		style := w.st.header
		if m > w.card.AsOfIndex {
			style = w.st.later
		}
		w.rc.set(tcMonth+m-1, excelize.Cell{StyleID: style, Value: w.monthHeader(m)})
	}
	for i, h := range []string{t.Dimension, l.Depth, l.Path} {
		w.rc.set(tcDimension+i-1, excelize.Cell{StyleID: w.st.header, Value: h})
	}
	w.periodHeaderCells()
	if err := w.moneyLayout(); err != nil {
		return err
	}
	return w.put(1, excelize.RowOpts{})
}

// moneyWidth is a column width that fits amounts up to biggest as displayed.
func (w *trackWriter) moneyWidth(biggest float64) float64 {
	places := max(w.bk.nums.places, min(w.tn.places, 2))
	return max(float64(len(Grouped(strconv.FormatFloat(biggest, 'f', places, 64))))+5, 12)
}

func absFloat(r *big.Rat) float64 {
	if r == nil {
		return 0
	}
	return math.Abs(amountFloat(r))
}

// computedOf is the style like id marked as computed by plan.
func (w *trackWriter) computedOf(id int) int {
	c, err := w.bk.computedOf(id)
	if err != nil && w.err == nil {
		w.err = err
	}
	return c
}

// put writes the cells as sheet row row and clears them.
func (w *trackWriter) put(row int, opts excelize.RowOpts) error {
	err := w.sw.SetRow(cellRef(1, row), w.rc.cells, opts)
	w.rc.reset()
	if w.err != nil {
		return w.err
	}
	return xlsxErr2(err)
}

// formula is a formula cell with its cached result (unless omitted).
func (w *trackWriter) formula(style int, f string, result any) excelize.Cell {
	if w.bk.wb.omitCached {
		return excelize.Cell{StyleID: style, Formula: f}
	}
	return excelize.Cell{StyleID: style, Formula: f, Value: result}
}

// block writes one dimension: its title row, its nodes and its total row.
func (w *trackWriter) block(tb *trackBlock) error {
	w.rc.set(tcName-1, excelize.Cell{StyleID: w.st.title, Value: tb.ds.Name})
	w.rc.set(tcFYTarget-1, excelize.Cell{StyleID: w.st.plain, Value: w.text.AsOf + " " + w.card.AsOf.String()})
	w.rc.set(tcDimension-1, excelize.Cell{StyleID: w.st.plain, Value: tb.ds.Name})
	if err := w.put(tb.title, excelize.RowOpts{}); err != nil {
		return err
	}
	for _, ns := range tb.ds.Nodes {
		r := ns.Row
		if err := w.nodeRow(tb, ns); err != nil {
			return err
		}
		if err := w.put(tb.rowOf(r), excelize.RowOpts{OutlineLevel: min(r.Depth, maxOutline)}); err != nil {
			return err
		}
	}
	w.totalRow(tb)
	return w.put(tb.total, excelize.RowOpts{})
}

// rowStyles are the styles of one row's cells.
type rowStyles struct{ money, unitMoney, share, status int }

// nodeRow fills the cells of an engine row.
func (w *trackWriter) nodeRow(tb *trackBlock, ns *plan.NodeScore) error {
	r := ns.Row
	row := tb.rowOf(r)
	bold := 0
	if !r.Leaf() {
		bold = 1
	}
	lv := w.st.level[r.Depth]
	st := rowStyles{lv[0][bold], lv[1][bold], w.st.share[bold], w.st.status[bold]}
	w.rc.set(tcName-1, excelize.Cell{StyleID: w.nameStyle(r.Depth-1, bold), Value: w.bk.text.nodeName(r)})
	var cells func(col int, m int, v *big.Rat)
	if r.Leaf() {
		respread := w.computedOf(st.money) // the re-spread: the engine's controlled rounding
		cells = func(col, m int, v *big.Rat) {
			style := st.money
			if m > w.card.AsOfIndex {
				style = respread
			}
			w.rc.set(col-1, excelize.Cell{StyleID: style, Value: amountFloat(v)})
		}
	} else {
		w.kids = w.kids[:0]
		for _, c := range r.Children {
			w.kids = append(w.kids, tb.rowOf(c))
		}
		first, last := tb.rowOf(r.Children[0]), tb.lastRow(r.Children[len(r.Children)-1])
		cells = func(col, _ int, v *big.Rat) {
			w.rc.set(col-1, w.formula(st.money, w.tn.sum(sumRowsBy(tcDepth, col, w.kids, first, last, r.Depth+1)), amountFloat(v)))
		}
	}
	w.months(ns, cells)
	dimRow := tb.dl.rowOf[r.Index]
	w.figures(tb, row, dimRow, ns, st, r.IsReserve())
	w.periodCells(tb, row, dimRow, ns, r.Months, st, r.IsReserve())
	w.rc.set(tcDimension-1, excelize.Cell{StyleID: w.st.plain, Value: tb.ds.Name})
	w.rc.set(tcDepth-1, excelize.Cell{StyleID: w.st.plain, Value: r.Depth})
	w.rc.set(tcPath-1, excelize.Cell{StyleID: w.st.plain, Value: w.bk.text.pathString(r)})
	w.moneyCells(ns, false)
	return nil
}

// months fills the month cells: the actuals up to the as-of month, the
// re-spread after it.
func (w *trackWriter) months(ns *plan.NodeScore, cell func(col, m int, v *big.Rat)) {
	k := w.card.AsOfIndex
	for m := range 12 {
		if m <= k {
			cell(tcMonth+m, m, ns.Actual[m])
		} else {
			cell(tcMonth+m, m, ns.Respread[m-k-1])
		}
	}
}

// figures fills the year-to-date columns B…I of a row whose months are set;
// dimRow is the row of its targets on the dimension sheet.
func (w *trackWriter) figures(tb *trackBlock, row, dimRow int, ns *plan.NodeScore, st rowStyles, reserve bool) {
	n, tn, t := w.bk.nums, w.tn, w.text
	dim := quoteSheet(tb.dl.sheet)
	k := w.card.AsOfIndex
	fy, ytdT, ytdA := cellRef(tcFYTarget, row), cellRef(tcYTDTarget, row), cellRef(tcYTDActual, row)
	att := cellRef(tcAttainment, row)
	w.rc.set(tcFYTarget-1, w.formula(st.unitMoney, dim+cellRef(colAnnual, dimRow), n.value(ns.FYTarget)))
	w.rc.set(tcYTDTarget-1, w.formula(st.unitMoney, n.sum("SUM("+dim+rangeRef(colMonth, dimRow, colMonth+k, dimRow)+")"), n.value(ns.YTDTarget)))
	w.rc.set(tcYTDActual-1, w.formula(st.money, tn.sum("SUM("+rangeRef(tcMonth, row, tcMonth+k, row)+")"), amountFloat(ns.YTDActual)))
	w.rc.set(tcRemaining-1, w.formula(st.money, "MAX(0,"+tn.sum(fy+"-"+ytdA)+")", amountFloat(ns.Remaining)))
	if reserve {
		return
	}
	attFormula, attCached := attainmentCell(w.bk.b.Plan.Tracking, ytdA+"/"+ytdT, ns.Attainment)
	w.rc.set(tcAttainment-1, w.formula(st.share, "IF("+ytdT+"=0,\"\","+attFormula+")", attCached))
	status := "IF(" + ytdT + "=0,IF(" + ytdA + ">=0," + quote(t.Green) + "," + quote(t.Red) + ")," +
		"IF(" + att + ">=" + nameGreen + "," + quote(t.Green) + ",IF(" + att + ">=" + nameYellow + "," + quote(t.Yellow) + "," + quote(t.Red) + ")))"
	w.rc.set(tcStatus-1, w.formula(st.status, status, t.status(ns.Status)))
	if ns.Forecast != nil {
		w.rc.set(tcForecast-1, excelize.Cell{StyleID: w.computedOf(st.money), Value: digits15(ns.Forecast)})
	}
	if ns.Payout != nil {
		w.rc.set(tcPayout-1, excelize.Cell{StyleID: w.computedOf(st.share), Value: digits15(ns.Payout)})
	}
}

// totalRow fills the total row of a block: the SUM of the top-level rows.
func (w *trackWriter) totalRow(tb *trackBlock) {
	roots := tb.ds.Split.Roots
	w.kids = w.kids[:0]
	for _, r := range roots {
		w.kids = append(w.kids, tb.rowOf(r))
	}
	w.rc.set(tcName-1, excelize.Cell{StyleID: w.st.totalName, Value: w.bk.text.Total})
	w.months(tb.ds.Total, func(col, _ int, v *big.Rat) {
		if len(w.kids) == 0 {
			w.rc.set(col-1, excelize.Cell{StyleID: w.st.totalMoney, Value: 0})
			return
		}
		w.rc.set(col-1, w.formula(w.st.totalMoney, w.tn.sum(sumRowsBy(tcDepth, col, w.kids, tb.first, tb.total-1, 1)), amountFloat(v)))
	})
	st := rowStyles{w.st.totalMoney, w.st.totalUnitMoney, w.st.totalShare, w.st.totalStatus}
	w.figures(tb, tb.total, tb.dl.total, tb.ds.Total, st, false)
	w.periodCells(tb, tb.total, tb.dl.total, tb.ds.Total, w.bk.b.Months, st, false)
	w.rc.set(tcDimension-1, excelize.Cell{StyleID: w.st.plain, Value: tb.ds.Name})
	w.moneyCells(tb.ds.Total, true)
}

// lights adds the traffic lights: the attainment cells filled green, yellow
// or red by the plan's thresholds (green from tracking.green on, yellow from
// tracking.yellow on, red below; cells without a number stay plain), and the
// status cells filled by their text.
func (w *trackWriter) lights(sheet string, last int) error {
	ids, err := w.bk.lightStyles()
	if err != nil {
		return err
	}
	a := cellRef(tcAttainment, 2)
	num := "ISNUMBER(" + a + ")"
	g, y := nameGreen, nameYellow
	att := []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: "AND(" + num + "," + a + ">=" + g + ")", Format: &ids[0]},
		{Type: "formula", Criteria: "AND(" + num + "," + a + ">=" + y + "," + a + "<" + g + ")", Format: &ids[1]},
		{Type: "formula", Criteria: "AND(" + num + "," + a + "<" + y + ")", Format: &ids[2]},
	}
	if err := w.bk.f.SetConditionalFormat(sheet, rangeRef(tcAttainment, 2, tcAttainment, max(last, 2)), att); err != nil {
		return xlsxErr(err)
	}
	status, err := w.bk.statusLights(cellRef(tcStatus, 2), w.text)
	if err != nil {
		return err
	}
	return xlsxErr2(w.bk.f.SetConditionalFormat(sheet, rangeRef(tcStatus, 2, tcStatus, max(last, 2)), status))
}

// digits15 is an exact ratio or amount as a cell holds it: rounded to the 15
// significant digits a spreadsheet keeps (excelize would cut the nearest
// double's digits after the 15th instead of rounding).
func digits15(r *big.Rat) float64 {
	f := amountFloat(r)
	// The nearest double is within 12 units of its 17th significant digit of
	// r, so unless its 16th and 17th digits are that close to 50 (a half at
	// the 15th), rounding it rounds r.
	s := strconv.FormatFloat(math.Abs(f), 'e', 16, 64) // d.dddddddddddddddde±x
	if tail := int(s[16]-'0')*10 + int(s[17]-'0'); f != 0 && (tail < 50-13 || tail > 50+13) {
		g, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'e', maxDigits-1, 64), 64)
		return g
	}
	return digits15Exact(r)
}

// digits15Exact rounds r to 15 significant digits by way of a 256-bit float.
func digits15Exact(r *big.Rat) float64 {
	s := new(big.Float).SetPrec(256).SetRat(r).Text('e', maxDigits-1)
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// ratLiteral writes a threshold as a formula's number: the shortest text of
// its nearest double.
func ratLiteral(r *big.Rat) string {
	return strconv.FormatFloat(ratFloat(r), 'g', -1, 64)
}

// quote writes a text as a formula's string literal.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// tracking writes the summary's tracking lines, when there are actuals: per
// dimension with actuals its year-to-date target and actual, attainment and
// status, references to the tracking sheet's total rows, the status filled
// like there.
func (s *summaryWriter) tracking() error {
	bk := s.bk
	card := bk.wb.Scorecard
	if card == nil {
		return nil
	}
	t := bk.text.tracking()
	tn, err := newTrackNumbers(card, bk.nums, bk.wb.Units)
	if err != nil {
		return err
	}
	money, err := bk.styleID(cellStyle{numFmt: tn.money})
	if err != nil {
		return err
	}
	h := s.st.header
	head, err := s.put(1, excelize.Cell{StyleID: h, Value: t.Sheet + " · " + t.AsOf + " " + card.AsOf.String()},
		excelize.Cell{StyleID: h, Value: t.YTDTarget}, excelize.Cell{StyleID: h, Value: t.YTDActual},
		excelize.Cell{StyleID: h, Value: t.Attainment}, excelize.Cell{StyleID: h, Value: t.Status})
	if err != nil {
		return err
	}
	blocks, _ := bk.trackLayout(card)
	sheet := quoteSheet(bk.trackSheet)
	for _, tb := range blocks {
		n := tb.ds.Total
		var att any = ""
		if n.Attainment != nil {
			att = digits15(n.Attainment)
		}
		ref := func(col int) string { return sheet + cellRef(col, tb.total) }
		if _, err := s.put(0, excelize.Cell{StyleID: s.st.text, Value: tb.ds.Name},
			s.formula(s.st.money, ref(tcYTDTarget), bk.nums.value(n.YTDTarget)),
			s.formula(money, ref(tcYTDActual), amountFloat(n.YTDActual)),
			s.formula(s.st.share, ref(tcAttainment), att),
			s.formula(s.st.text, ref(tcStatus), t.status(n.Status))); err != nil {
			return err
		}
	}
	rules, err := bk.statusLights(cellRef(5, head+1), t)
	if err != nil || s.sw == nil {
		return err
	}
	return xlsxErr2(bk.f.SetConditionalFormat(bk.summary, rangeRef(5, head+1, 5, s.row), rules))
}
