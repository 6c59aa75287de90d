package plan

import (
	"fmt"
	"strings"
)

// synonyms maps words users reach for to the key the format uses.
var synonyms = map[string]string{
	"share": "weight", "ratio": "weight", "percent": "weight", "percentage": "weight", "pct": "weight", "factor": "weight",
	"fixed": "amount", "quota": "amount", "value": "amount",
	"nodes": "children", "items": "children", "subs": "children", "child": "children", "members": "children",
	"lastyear": "last_year", "history": "last_year", "last": "last_year", "prior_year": "last_year",
	"overassign": "over_assign", "over": "over_assign", "overassignment": "over_assign",
	"buffer": "reserve", "holdback": "reserve",
	"estimate": "commit", "bottom_up": "commit",
	"dims": "dimensions", "dimension": "dimensions",
	"goal": "target", "total": "target",
	"season": "seasonality", "seasonal": "seasonality",
	"unit": "round", "rounding": "round",
	"quarter": "quarters", "month": "months",
	"stage": "stages", "deal": "deal_size", "dealsize": "deal_size", "avg_deal": "deal_size", "winrate": "win_rate",
	"conversion": "rate", "duration": "days",
	"holiday": "holidays", "workday": "workdays", "makeup": "workdays",
	"tier": "tiers", "metric": "metrics",
}

// suggest returns a "did you mean …?" hint for an unknown key, or the list of
// known keys when none is close.
func suggest(key string, known []string) string {
	if s, ok := suggestedKey(key, known); ok {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return "known keys: " + strings.Join(known, ", ")
}

// suggestedKey returns the known key an unknown key was most likely meant to
// be: a synonym, or the closest key within two edits (one for short keys).
func suggestedKey(key string, known []string) (string, bool) {
	if s, ok := synonyms[strings.ToLower(key)]; ok && contains(known, s) {
		return s, true
	}
	best, bestD := "", 1<<30
	lk := strings.ToLower(strings.ReplaceAll(key, "-", "_"))
	for _, k := range known {
		d := editDistance(lk, k)
		if d < bestD {
			best, bestD = k, d
		}
	}
	limit := 2
	if n := len([]rune(key)); n <= 4 {
		limit = 1
	}
	return best, best != "" && bestD <= limit
}

// editDistance is the optimal-string-alignment distance between a and b: the
// edits (insert, delete, substitute, swap two neighbours) that turn a into b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 20
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
