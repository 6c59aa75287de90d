package render

import (
	"math/big"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// assumeKind is how an assumptions row's value is shown.
type assumeKind int

const (
	assumeMoney    assumeKind = iota // an amount the user wrote
	assumeRate                       // a rate the user wrote
	assumeText                       // a word the user wrote
	assumeComputed                   // an amount computed by plan (italic grey)
	assumeHeader                     // a section header
)

// assumeRow is one row of the assumptions sheet: a label, a value and the
// defined name formulas refer to it by ("" for none).
type assumeRow struct {
	label   string
	value   any // float64, string, or a formula string when formula is set
	kind    assumeKind
	name    string
	formula string
	note    string // shown beside the value when it has no name of its own
}

// assumeLayout places the assumptions: the sheet rows of the items other
// sheets refer to.
type assumeLayout struct {
	rows        []assumeRow // from row assumeFirst
	base        int         // the base target (tier factor 100 %)
	tierFactor  []int       // each declared tier's factor
	months      int         // the first planned month
	target      int
	reserveRate int // 0 when the plan holds no reserve rate
}

// assumeFirst is the sheet row of the first item: a title, a note, a blank row
// and the header come first.
const assumeFirst = 5

// assumptions lays the assumptions sheet out (once).
func (bk *book) assumeRows() *assumeLayout {
	if bk.assume != nil {
		return bk.assume
	}
	t, b, n := bk.text, bk.b, bk.nums
	p := b.Plan
	al := &assumeLayout{}
	add := func(r assumeRow) int {
		al.rows = append(al.rows, r)
		return assumeFirst + len(al.rows) - 1
	}
	base, _ := metricBase(b)
	al.base = add(assumeRow{label: t.BaseTarget, value: ratFloat(base), kind: assumeMoney, name: "plan_base_target"})
	al.target = add(assumeRow{label: t.Target + " (" + b.Tier + ")", value: n.value(b.Target), kind: assumeMoney, name: "plan_target"})
	if p.Reserve != nil && b.Metric == plan.RevenueMetric {
		al.reserveRate = add(assumeRow{label: t.ReserveRate, value: ratFloat(p.Reserve), kind: assumeRate, name: "plan_reserve_rate"})
	}
	reserve := add(assumeRow{label: t.Reserve, value: n.value(b.Reserve), kind: assumeComputed})
	add(assumeRow{label: t.Allocated, value: n.value(b.Allocated), kind: assumeMoney, name: nameAllocated,
		formula: n.sum("B" + strconv.Itoa(al.target) + "-B" + strconv.Itoa(reserve))})
	tr, in := p.Tracking, p.Incentive
	add(assumeRow{label: t.tracking().Sheet, kind: assumeHeader})
	add(assumeRow{label: t.GreenAt, value: ratFloat(tr.Green), kind: assumeRate, name: nameGreen})
	add(assumeRow{label: t.YellowAt, value: ratFloat(tr.Yellow), kind: assumeRate, name: nameYellow})
	add(assumeRow{label: t.LadderBelow, value: string(in.Below), kind: assumeText, name: "incentive_below"})
	for _, x := range []struct {
		label, name string
		v           *big.Rat
	}{{t.LadderFloor, "incentive_floor", in.Floor}, {t.LadderFrom, "incentive_from", in.From}, {t.LadderEvery, "incentive_every", in.Every},
		{t.LadderAdd, "incentive_add", in.Add}, {t.LadderCap, "incentive_cap", in.Cap}} {
		if x.v != nil {
			add(assumeRow{label: x.label, value: ratFloat(x.v), kind: assumeRate, name: x.name})
		}
	}
	if len(p.Tiers) > 0 {
		add(assumeRow{label: t.Tiers, kind: assumeHeader})
		for _, tier := range p.Tiers {
			al.tierFactor = append(al.tierFactor, add(assumeRow{label: tier.Name, value: ratFloat(tier.Factor), kind: assumeRate}))
		}
	}
	if fn := p.Funnel; fn != nil {
		add(assumeRow{label: t.Funnel, kind: assumeHeader})
		for _, s := range fn.Stages {
			if s.Rate != nil {
				add(assumeRow{label: t.stageName(s.Name), value: ratFloat(s.Rate), kind: assumeRate})
			}
		}
	}
	add(assumeRow{label: t.Planned, kind: assumeHeader})
	for m, label := range b.Calendar.MonthLabels() {
		r := assumeRow{label: label, value: n.value(b.Months[m]), kind: assumeComputed}
		if m == 0 {
			r.note = nameMonths
		}
		row := add(r)
		if m == 0 {
			al.months = row
		}
	}
	bk.assume = al
	return al
}

// metricBase is the target the tier factors multiply: the plan's target, or
// the exported metric's.
func metricBase(b *plan.Breakdown) (*big.Rat, bool) {
	p := b.Plan
	if b.Metric == plan.RevenueMetric {
		return p.Target, true
	}
	for _, m := range p.Metrics {
		if m.Name == b.Metric {
			return m.Target, true
		}
	}
	return new(big.Rat), false
}

// assumptionsExtent is the assumptions sheet's last column and row.
func (bk *book) assumptionsExtent() (int, int) {
	return 3, assumeFirst + len(bk.assumeRows().rows) - 1
}

// assumptionsSheet writes the assumptions: the targets, the reserve, the
// tracking thresholds, the payout ladder, the tier factors, the funnel rates
// and the planned month targets, each with the defined name the formulas and
// conditional formats of the other sheets use (tracking_green, plan_months, …).
// Amounts computed by plan (the reserve, the planned months: a controlled
// rounding no formula reproduces) are italic grey.
func (bk *book) assumptionsSheet() error {
	al := bk.assumeRows()
	t := bk.text
	sheet := bk.assumptions
	sw, err := bk.f.NewStreamWriter(sheet)
	if err != nil {
		return xlsxErr(err)
	}
	st := map[assumeKind]int{}
	for _, x := range []struct {
		k assumeKind
		c cellStyle
	}{
		{assumeMoney, cellStyle{numFmt: bk.nums.money}}, {assumeRate, cellStyle{numFmt: "0.0##%"}}, {assumeText, cellStyle{}},
		{assumeComputed, cellStyle{numFmt: bk.nums.money, computed: true}}, {assumeHeader, cellStyle{header: true}},
	} {
		if st[x.k], err = bk.styleID(x.c); err != nil {
			return err
		}
	}
	title, err := bk.styleID(cellStyle{title: true})
	if err != nil {
		return err
	}
	note, err := bk.styleID(cellStyle{note: true})
	if err != nil {
		return err
	}
	plain, err := bk.styleID(cellStyle{})
	if err != nil {
		return err
	}
	labelW := textWidth(t.Item)
	for _, r := range al.rows {
		labelW = max(labelW, textWidth(r.label))
	}
	for _, c := range []struct {
		col int
		w   float64
	}{{1, min(labelW+3, 60)}, {2, bk.moneyWidth(bk.b.Target)}, {3, 20}} {
		if err := sw.SetColWidth(c.col, c.col, c.w); err != nil {
			return xlsxErr(err)
		}
	}
	put := func(row int, cells ...any) error { return xlsxErr2(sw.SetRow(cellRef(1, row), cells)) }
	if err := put(1, excelize.Cell{StyleID: title, Value: t.Assumptions}); err != nil {
		return err
	}
	if err := put(2, excelize.Cell{StyleID: note, Value: t.ComputedNote}); err != nil {
		return err
	}
	h := st[assumeHeader]
	if err := put(4, excelize.Cell{StyleID: h, Value: t.Item}, excelize.Cell{StyleID: h, Value: t.Value}, excelize.Cell{StyleID: h, Value: t.Name}); err != nil {
		return err
	}
	q := quoteSheet(sheet)
	for i, r := range al.rows {
		row := assumeFirst + i
		if r.kind == assumeHeader {
			if err := put(row, excelize.Cell{StyleID: h, Value: r.label}, excelize.Cell{StyleID: h}, excelize.Cell{StyleID: h}); err != nil {
				return err
			}
			continue
		}
		value := excelize.Cell{StyleID: st[r.kind], Value: r.value}
		if r.formula != "" {
			value.Formula = r.formula
			if bk.wb.omitCached {
				value.Value = nil
			}
		}
		cells := []any{excelize.Cell{StyleID: plain, Value: r.label}, value}
		if r.note != "" {
			cells = append(cells, excelize.Cell{StyleID: note, Value: r.note})
		}
		if r.name != "" {
			cells = append(cells, excelize.Cell{StyleID: note, Value: r.name})
			if err := bk.f.SetDefinedName(&excelize.DefinedName{Name: r.name, RefersTo: q + "$B$" + strconv.Itoa(row)}); err != nil {
				return xlsxErr(err)
			}
		}
		if err := put(row, cells...); err != nil {
			return err
		}
	}
	if err := bk.f.SetDefinedName(&excelize.DefinedName{Name: nameMonths, RefersTo: q + "$B$" + strconv.Itoa(al.months) + ":$B$" + strconv.Itoa(al.months+11)}); err != nil {
		return xlsxErr(err)
	}
	return xlsxErr2(sw.Flush())
}
