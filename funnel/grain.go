package funnel

import "github.com/planhq/plan/plan"

// Grain is what the funnel's periods are rounded on: the fiscal months
// (quarters and the year are their sums) or the ISO weeks.
type Grain int

// The grains of a funnel.
const (
	ByMonth Grain = iota
	ByWeek
)

// columns are the periods of a grain, in days from the first day of the
// fiscal year: column k holds the days [Bounds[k], Bounds[k+1]).
type columns struct {
	Labels []string
	Bounds []int64 // len(Labels) + 1; Bounds[0] = 0, the last is the year's length
	// Groups are the runs of columns that must also be within one unit
	// (the quarters by month; the quarters and months by week); each is
	// [from, to).
	Groups [][2]int
	Month  []int // the fiscal month that holds each column's first day
}

// grainColumns returns the columns of a grain over a calendar.
func grainColumns(c *plan.Calendar, g Grain) columns {
	var col columns
	col.Bounds = []int64{0}
	var day int64
	switch g {
	case ByWeek:
		for m, info := range c.Months {
			for _, seg := range info.Segments {
				if seg.Week == len(col.Labels) {
					col.Labels = append(col.Labels, c.Weeks[seg.Week])
					col.Month = append(col.Month, m)
					if day > 0 {
						col.Bounds = append(col.Bounds, day)
					}
				}
				day += int64(seg.Days)
			}
		}
		col.Bounds = append(col.Bounds, day)
		col.Groups = weekGroups(col.Month)
	default:
		days := make([]int, 12)
		for m, info := range c.Months {
			days[m] = info.Days
		}
		col = monthColumns(c.MonthLabels(), days)
	}
	return col
}

// weekGroups groups the weeks by the fiscal month and quarter that hold their
// first day in the year, so that a leaf's weeks are spread like its months
// (each such run of weeks within one unit, as its quarter's).
func weekGroups(month []int) [][2]int {
	var out [][2]int
	runs := func(key func(int) int) {
		lo := 0
		for k := 1; k <= len(month); k++ {
			if k == len(month) || key(month[k]) != key(month[lo]) {
				if k-lo > 1 {
					out = append(out, [2]int{lo, k})
				}
				lo = k
			}
		}
	}
	runs(func(m int) int { return m / 3 })
	runs(func(m int) int { return m })
	return out
}

// monthColumns returns the columns of the twelve fiscal months of the given
// lengths, labelled by labels (or not, when nil).
func monthColumns(labels []string, monthDays []int) columns {
	col := columns{Labels: labels, Bounds: []int64{0}, Groups: [][2]int{{0, 3}, {3, 6}, {6, 9}, {9, 12}}}
	if col.Labels == nil {
		col.Labels = make([]string, 12)
	}
	var day int64
	for m, d := range monthDays {
		col.Month = append(col.Month, m)
		day += int64(d)
		col.Bounds = append(col.Bounds, day)
	}
	return col
}

// activityNames returns the activities of the stages of every settings, in
// the order they first appear.
func activityNames(all []Settings) []string {
	var names []string
	seen := map[string]bool{}
	for _, s := range all {
		for _, st := range s.Stages {
			for _, a := range st.Activities {
				if !seen[a.Name] {
					seen[a.Name] = true
					names = append(names, a.Name)
				}
			}
		}
	}
	return names
}
