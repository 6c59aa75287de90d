package render

import (
	"math/big"

	"github.com/planhq/plan/plan"
)

// splitCommits are a dimension's commits, rolled up (SPEC §13).
type splitCommits struct {
	rows  []plan.Commit
	total plan.Commit
}

// rowCommits returns the commits of a dimension's rows (by Row.Index) and of
// its total, computed once; none for a metric other than revenue, which
// commits are not estimates of.
func (s *SplitReport) rowCommits(d *plan.DimensionSplit) ([]plan.Commit, plan.Commit) {
	if s.commits == nil {
		s.commits = map[*plan.DimensionSplit]splitCommits{}
	}
	c, ok := s.commits[d]
	if !ok {
		if s.Breakdown.Metric == plan.RevenueMetric {
			c.rows, c.total = d.Commits()
		} else {
			c.rows = make([]plan.Commit, len(d.Rows))
		}
		s.commits[d] = c
	}
	return c.rows, c.total
}

// commitAndGap returns a row's commit (own or rolled up) and its gap (amount −
// commit) as exact decimals; nil when the row has no commit.
func (s *SplitReport) commitAndGap(d *plan.DimensionSplit, r *plan.Row) (commit, gap *big.Rat) {
	rows, _ := s.rowCommits(d)
	return s.gap(rows[r.Index], r.Amount)
}

// totalCommit returns the dimension's rolled-up commit and its gap against
// what the dimension allocates; nil unless every top-level node has a commit.
func (s *SplitReport) totalCommit(d *plan.DimensionSplit) (commit, gap *big.Rat) {
	_, total := s.rowCommits(d)
	return s.gap(total, sumRoots(d))
}

func (s *SplitReport) gap(c plan.Commit, amount int64) (commit, gap *big.Rat) {
	if c.Amount == nil {
		return nil, nil
	}
	return c.Amount, new(big.Rat).Sub(s.Breakdown.Unit.Amount(amount), c.Amount)
}

// groupedOrEmpty writes an exact amount grouped for people, "" when nil.
func groupedOrEmpty(r *big.Rat) string {
	if r == nil {
		return ""
	}
	return Grouped(plan.FormatRat(r, 6))
}

// exactOrEmpty writes an exact amount plainly, "" when nil.
func exactOrEmpty(r *big.Rat) string {
	if r == nil {
		return ""
	}
	return plan.FormatRat(r, 6)
}
