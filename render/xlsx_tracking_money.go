package render

import (
	"math/big"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// The tracking sheet's money columns (SPEC §13), after the path: each node's
// bonus amount and commission, in cents, when the plan pays them. Values, like
// the payout: they follow the engine's bands and rounding.
const (
	tcBonus      = 25 // Y: payout_amount = bonus × payout, rounded to 0.01; parents the sum of their leaves'
	tcCommission = 26 // Z: commission on the year-to-date actual by bands, rounded to 0.01
)

// moneyTexts are the headers of the money columns.
func (l *labels) moneyTexts() (bonus, commission string) {
	if l.Lang == chineseLabels.Lang {
		return "奖金金额", "提成"
	}
	return "Bonus", "Commission"
}

// paysMoney reports whether the plan has a bonus (its own or a node's) or a
// commission, and so whether the money columns are filled.
func (w *trackWriter) paysMoney() (bonus, commission bool) {
	for _, ds := range w.card.Dimensions {
		bonus = bonus || ds.Total.PayoutAmount != nil
	}
	return bonus, w.bk.b.Plan.Incentive.Commission != nil
}

// moneyLayout writes the money columns' headers and widths.
func (w *trackWriter) moneyLayout() error {
	bonus, commission := w.paysMoney()
	bt, ct := w.bk.text.moneyTexts()
	for _, c := range []struct {
		on   bool
		col  int
		text string
	}{{bonus, tcBonus, bt}, {commission, tcCommission, ct}} {
		if !c.on {
			continue
		}
		w.rc.set(c.col-1, excelize.Cell{StyleID: w.st.header, Value: c.text})
		if err := w.sw.SetColWidth(c.col, c.col, max(textWidth(c.text)+3, 14)); err != nil {
			return xlsxErr(err)
		}
	}
	return nil
}

// moneyCells fills a row's money columns, in cents.
func (w *trackWriter) moneyCells(ns *plan.NodeScore, total bool) {
	bold := 0
	if total || !ns.Row.Leaf() {
		bold = 1
	}
	for _, c := range []struct {
		col int
		v   *big.Rat
	}{{tcBonus, ns.PayoutAmount}, {tcCommission, ns.Commission}} {
		if c.v == nil {
			continue
		}
		style, err := w.bk.styleID(cellStyle{numFmt: currencyPrefix(w.bk.b.Plan.Currency) + amountFormat(2, UnitsFull), bold: bold == 1, total: total})
		if err != nil {
			w.err = err
			return
		}
		w.rc.set(c.col-1, excelize.Cell{StyleID: w.computedOf(style), Value: amountFloat(c.v)})
	}
}
