package render

import (
	"fmt"

	"github.com/planhq/plan/plan"
)

// maxDrawnCells bounds what the text formats (table, markdown) draw: aligning
// columns takes time that grows faster than the cells (1 million cells take
// about 2.5 s, 9 million a minute), and nobody reads such a table. CSV and
// JSON write any size the engine allows.
const maxDrawnCells = 2_000_000

// checkDrawable returns a *plan.Problem when the sections hold more cells
// than a text table is drawn with.
func checkDrawable(secs []Section, format string) error {
	cells := 0
	for _, s := range secs {
		cells += len(s.Rows) * len(s.Columns)
	}
	if cells <= maxDrawnCells {
		return nil
	}
	return plan.Problemf("write it with --format csv or json (or -o FILE.csv), or show less with --by and --depth",
		"the report has %s cells, too many to draw as a %s table (at most %s)", groupCells(cells), format, groupCells(maxDrawnCells))
}

func groupCells(n int) string {
	s := fmt.Sprint(n)
	out := ""
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out += ","
		}
		out += string(c)
	}
	return out
}
