package plan

import "strconv"

// MaxDimensions bounds how many dimensions a plan may have: each is a sheet
// of the workbook and a table of every report, and 4,000 of them (a 60 KB
// file) took half a minute and a gigabyte to export.
const MaxDimensions = 100

// MaxVariants bounds the tiers × metrics that validate splits one by one.
const MaxVariants = 10_000

// MaxCells bounds a table or cross (SPEC §8): above it the work and the
// output would take gigabytes, so it is an error naming the size, checked
// before anything is allocated.
const MaxCells = 10_000_000

// checkCells returns a *Problem when a table of rows × cols is above MaxCells.
// what names the table ("the cross of org by product").
func checkCells(what string, rows, cols int) error {
	if cols == 0 || rows <= MaxCells/cols {
		return nil
	}
	cells := int64(rows) * int64(cols)
	return Problemf("show less at once: one dimension with --by, a coarser --period, or a smaller --depth",
		"%s has %s cells (%s rows × %s columns), more than %s", what,
		groupDigits(cells), groupDigits(int64(rows)), groupDigits(int64(cols)), groupDigits(MaxCells))
}

// groupDigits writes n with thousands separators: 1,600,000,000.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
