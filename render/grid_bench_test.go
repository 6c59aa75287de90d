package render

import (
	"io"
	"strconv"
	"testing"

	"github.com/olekukonko/tablewriter/renderer"
)

// bigSection is a table of n rows: a name and cols amounts, like a split of n
// people by week.
func bigSection(n, cols int) Section {
	sec := Section{Columns: []Column{{Name: "NODE"}}}
	for j := range cols {
		sec.Columns = append(sec.Columns, Column{Name: "2027-W" + strconv.Itoa(j+1), Align: Right, Money: true})
	}
	for i := range n {
		row := []string{"  销售" + strconv.Itoa(i)}
		for j := range cols {
			row = append(row, Grouped(strconv.Itoa(1000*(i+j+1))))
		}
		sec.Rows = append(sec.Rows, row)
	}
	sec.Footer = append([]string{"TOTAL"}, sec.Rows[0][1:]...)
	return sec
}

// BenchmarkTable100k draws 100,000 rows × 14 columns (a month split of
// 100,000 people) with tablewriter and with the grid.
func BenchmarkTable100k(b *testing.B) {
	sec := bigSection(100_000, 14)
	b.Run("tablewriter", func(b *testing.B) {
		for b.Loop() {
			if err := drawTable(io.Discard, sec, renderer.NewBlueprint()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("grid", func(b *testing.B) {
		for b.Loop() {
			if err := drawSection(io.Discard, sec, Display{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkTableWeeks100k draws 100,000 rows × 53 weeks with the grid.
func BenchmarkTableWeeks100k(b *testing.B) {
	sec := bigSection(100_000, 53)
	for b.Loop() {
		if err := drawSection(io.Discard, sec, Display{}); err != nil {
			b.Fatal(err)
		}
	}
}
