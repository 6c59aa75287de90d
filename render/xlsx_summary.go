package render

import (
	"strconv"

	"github.com/xuri/excelize/v2"
)

// summaryWriter writes the summary sheet row by row.
type summaryWriter struct {
	bk  *book
	sw  *excelize.StreamWriter
	row int // the last row written
	st  struct {
		title, label, text, header, money, share, totalName, totalMoney, totalShare, plain int
	}
}

// put writes the next row (after skip blank rows) and returns its number.
func (s *summaryWriter) put(skip int, cells ...any) (int, error) {
	s.row += skip + 1
	return s.row, xlsxErr2(s.sw.SetRow(cellRef(1, s.row), cells))
}

// formula is a formula cell with its cached result (unless omitted).
func (s *summaryWriter) formula(style int, f string, result any) excelize.Cell {
	if s.bk.wb.omitCached {
		return excelize.Cell{StyleID: style, Formula: f}
	}
	return excelize.Cell{StyleID: style, Formula: f, Value: result}
}

// summarySheet writes the first sheet: what plan this is (name, source,
// SHA-256, commit, currency, tier, metric, round), its target, reserve and
// allocated amounts, its tiers, the time split by month (values) and quarter
// (SUM of months) with a column chart of the months, and the top-level split of
// every dimension (references to the dimension sheets, totals as SUM).
func (bk *book) summarySheet() error {
	sw, err := bk.f.NewStreamWriter(bk.summary)
	if err != nil {
		return xlsxErr(err)
	}
	s := &summaryWriter{bk: bk, sw: sw}
	for _, x := range []struct {
		id *int
		c  cellStyle
	}{
		{&s.st.title, cellStyle{title: true}},
		{&s.st.label, cellStyle{bold: true}},
		{&s.st.text, cellStyle{}},
		{&s.st.header, cellStyle{header: true}},
		{&s.st.money, cellStyle{numFmt: bk.nums.money}},
		{&s.st.share, cellStyle{numFmt: bk.nums.percent}},
		{&s.st.totalName, cellStyle{bold: true, total: true}},
		{&s.st.totalMoney, cellStyle{numFmt: bk.nums.money, bold: true, total: true}},
		{&s.st.totalShare, cellStyle{numFmt: bk.nums.percent, bold: true, total: true}},
		{&s.st.plain, cellStyle{numFmt: "General"}},
	} {
		if *x.id, err = bk.styleID(x.c); err != nil {
			return err
		}
	}
	if err := bk.summaryWidths(sw); err != nil {
		return err
	}
	steps := []func(*summaryWriter) error{(*summaryWriter).facts, (*summaryWriter).tiers, (*summaryWriter).timeSplit, (*summaryWriter).dimensions, (*summaryWriter).tracking}
	for _, step := range steps {
		if err := step(s); err != nil {
			return err
		}
	}
	return xlsxErr2(sw.Flush())
}

// summaryWidths sizes the summary's columns: labels and top-level names in A,
// amounts in B…G.
func (bk *book) summaryWidths(sw *excelize.StreamWriter) error {
	t := bk.text
	w := 12.0
	for _, l := range []string{t.Source, t.Commit, t.Currency, t.Round, t.Units, t.Target, t.Reserve, t.Allocated, t.Tiers, t.Month, t.Year, t.Total} {
		w = max(w, textWidth(l))
	}
	for _, d := range bk.b.Dimensions {
		w = max(w, textWidth(d.Name))
		for _, r := range d.Roots {
			w = max(w, textWidth(r.Name()))
		}
	}
	if err := sw.SetColWidth(1, 1, min(w+3, 50)); err != nil {
		return xlsxErr(err)
	}
	return xlsxErr2(sw.SetColWidth(2, 7, bk.moneyWidth(bk.b.Target)))
}

// facts writes the title and the plan's facts, one label and value per row.
func (s *summaryWriter) facts() error {
	bk, t, b := s.bk, s.bk.text, s.bk.b
	pv := bk.wb.Provenance
	if _, err := s.put(0, excelize.Cell{StyleID: s.st.title, Value: b.Plan.Name}); err != nil {
		return err
	}
	text := func(label, value string) error {
		if value == "" {
			return nil
		}
		_, err := s.put(0, excelize.Cell{StyleID: s.st.label, Value: label}, excelize.Cell{StyleID: s.st.text, Value: value})
		return err
	}
	s.row++ // a blank row under the title
	commit := pv.GitCommit
	if commit != "" && pv.GitState != "" && pv.GitState != "clean" {
		commit += " (" + pv.GitState + ")"
	}
	for _, f := range [][2]string{
		{t.Source, pv.Source}, {t.SHA256, pv.SHA256}, {t.Commit, commit}, {t.Currency, b.Plan.Currency},
		{t.Tier, b.Tier}, {t.Metric, b.Metric},
	} {
		if err := text(f[0], f[1]); err != nil {
			return err
		}
	}
	if _, err := s.put(0, excelize.Cell{StyleID: s.st.label, Value: t.Round}, excelize.Cell{StyleID: s.st.plain, Value: bk.nums.value(1)}); err != nil {
		return err
	}
	if err := text(t.Units, string(bk.wb.Units)); err != nil {
		return err
	}
	n := bk.nums
	target, err := s.put(0, excelize.Cell{StyleID: s.st.label, Value: t.Target}, excelize.Cell{StyleID: s.st.money, Value: n.value(b.Target)})
	if err != nil {
		return err
	}
	reserve := []any{excelize.Cell{StyleID: s.st.label, Value: t.Reserve}, excelize.Cell{StyleID: s.st.money, Value: n.value(b.Reserve)}}
	if b.ReserveRate() != nil {
		reserve = append(reserve, excelize.Cell{StyleID: s.st.share, Value: ratFloat(b.ReserveRate())})
	}
	res, err := s.put(0, reserve...)
	if err != nil {
		return err
	}
	_, err = s.put(0, excelize.Cell{StyleID: s.st.label, Value: t.Allocated},
		s.formula(s.st.money, n.sum(cellRef(2, target)+"-"+cellRef(2, res)), n.value(b.Allocated)))
	return err
}

// tiers writes the plan's tiers with their factors and targets.
func (s *summaryWriter) tiers() error {
	tt := tierTargets(s.bk.b)
	if len(tt) == 0 {
		return nil
	}
	t := s.bk.text
	h := s.st.header
	if _, err := s.put(1, excelize.Cell{StyleID: h, Value: t.Tiers}, excelize.Cell{StyleID: h, Value: t.Factor}, excelize.Cell{StyleID: h, Value: t.Target}); err != nil {
		return err
	}
	for _, x := range tt {
		if _, err := s.put(0, excelize.Cell{StyleID: s.st.text, Value: x.name}, excelize.Cell{StyleID: s.st.share, Value: ratFloat(x.factor)},
			excelize.Cell{StyleID: s.st.money, Value: s.bk.nums.value(x.target)}); err != nil {
			return err
		}
	}
	return nil
}

// timeSplit writes the months of the time split (values), the quarters (SUM of
// their months), the year (SUM of the months) and a column chart of the months.
func (s *summaryWriter) timeSplit() error {
	bk, t, b, n := s.bk, s.bk.text, s.bk.b, s.bk.nums
	h := s.st.header
	head, err := s.put(1, excelize.Cell{StyleID: h, Value: t.TimeSplit}, excelize.Cell{StyleID: h, Value: t.Target})
	if err != nil {
		return err
	}
	first := head + 1
	for m, label := range b.Calendar.MonthLabels() {
		if _, err := s.put(0, excelize.Cell{StyleID: s.st.text, Value: label}, excelize.Cell{StyleID: s.st.money, Value: n.value(b.Months[m])}); err != nil {
			return err
		}
	}
	lastMonth := s.row
	for q := range 4 {
		var sum int64
		for _, v := range b.Months[q*3 : q*3+3] {
			sum += v
		}
		lo := first + q*3
		if _, err := s.put(0, excelize.Cell{StyleID: s.st.text, Value: "Q" + string(rune('1'+q))},
			s.formula(s.st.money, n.sum("SUM("+rangeRef(2, lo, 2, lo+2)+")"), n.value(sum))); err != nil {
			return err
		}
	}
	var year int64
	for _, v := range b.Months {
		year += v
	}
	if _, err := s.put(0, excelize.Cell{StyleID: s.st.totalName, Value: t.Year},
		s.formula(s.st.totalMoney, n.sum("SUM("+rangeRef(2, first, 2, lastMonth)+")"), n.value(year))); err != nil {
		return err
	}
	sheet := quoteSheet(bk.summary)
	return xlsxErr2(bk.f.AddChart(bk.summary, cellRef(4, head), &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name:       sheet + "$B$" + strconv.Itoa(head),
			Categories: sheet + "$A$" + strconv.Itoa(first) + ":$A$" + strconv.Itoa(lastMonth),
			Values:     sheet + "$B$" + strconv.Itoa(first) + ":$B$" + strconv.Itoa(lastMonth),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.MonthlyChart}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 640, Height: 320},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: n.money}},
	}))
}

// dimensions writes the top-level split of every dimension: each top-level
// node's share, year and quarters as references to its dimension sheet, and a
// total row (SUM of the rows above).
func (s *summaryWriter) dimensions() error {
	bk, t, n := s.bk, s.bk.text, s.bk.nums
	h := s.st.header
	for _, dl := range bk.dims {
		head := []any{excelize.Cell{StyleID: h, Value: dl.d.Name}, excelize.Cell{StyleID: h, Value: t.Share}, excelize.Cell{StyleID: h, Value: t.Annual}}
		for q := range 4 {
			head = append(head, excelize.Cell{StyleID: h, Value: "Q" + string(rune('1'+q))})
		}
		top, err := s.put(1, head...)
		if err != nil {
			return err
		}
		ref := quoteSheet(dl.sheet)
		var year int64
		quarters := make([]int64, 4)
		for _, r := range dl.d.Roots {
			row := dl.rowOf[r.Index]
			cells := []any{excelize.Cell{StyleID: s.st.text, Value: r.Name()},
				s.formula(s.st.share, ref+cellRef(colShare, row), ratFloat(r.Share)),
				s.formula(s.st.money, ref+cellRef(colAnnual, row), n.value(r.Amount))}
			year += r.Amount
			for q := range 4 {
				var v int64
				for _, m := range r.Months[q*3 : q*3+3] {
					v += m
				}
				quarters[q] += v
				cells = append(cells, s.formula(s.st.money, ref+cellRef(colQuarter+q, row), n.value(v)))
			}
			if _, err := s.put(0, cells...); err != nil {
				return err
			}
		}
		lo, hi := top+1, s.row
		total := []any{excelize.Cell{StyleID: s.st.totalName, Value: t.Total}, excelize.Cell{StyleID: s.st.totalShare, Value: 1}}
		sum := func(col int) string { return n.sum("SUM(" + rangeRef(col, lo, col, hi) + ")") }
		if hi < lo { // no top-level rows
			sum = func(int) string { return "0" }
		}
		total = append(total, s.formula(s.st.totalMoney, sum(3), n.value(year)))
		for q := range 4 {
			total = append(total, s.formula(s.st.totalMoney, sum(4+q), n.value(quarters[q])))
		}
		if _, err := s.put(0, total...); err != nil {
			return err
		}
	}
	return nil
}
