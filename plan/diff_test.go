package plan

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// diffBase is the plan the diff tests edit: two dimensions, a node reserve,
// an over-assigned team and quarter seasonality, so that every kind of row and
// cell can move.
const diffBase = `version: 1
name: diff test
round: 1000
year: {start: 2027-01}
target: 12_000_000
reserve: 10%
seasonality:
  quarters: ["25%", "30%", "30%", "15%"]
dimensions:
  org:
    - name: 销售部
      weight: 70%
      reserve: 5%
      children:
        - name: 大客户组
          weight: 60%
          over_assign: 10%
          children:
            - {name: 张伟, weight: 2}
            - {name: 李娜, weight: 1.5}
        - {name: 中小客户组, weight: 40%}
    - {name: 市场部, weight: 20%}
    - {name: 供应链, weight: 10%}
  product:
    - {name: A, weight: 60%}
    - {name: B, weight: 40%}
`

// diffSplit loads and splits a plan, failing the test on any error.
func diffSplit(t testing.TB, text string) *Breakdown {
	t.Helper()
	p, diags := Load("plan.yaml", []byte(text))
	if err := diags.Err(); err != nil {
		t.Fatalf("load: %v\n%s", err, text)
	}
	b, err := Split(p, Options{})
	if err != nil {
		t.Fatalf("split: %v", err)
	}
	return b
}

// edit applies old→new replacements to text, failing when one does not match.
func diffEdit(t testing.TB, text string, pairs ...string) string {
	t.Helper()
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(text, pairs[i]) {
			t.Fatalf("edit: %q not in the plan", pairs[i])
		}
		text = strings.Replace(text, pairs[i], pairs[i+1], 1)
	}
	return text
}

// statuses lists "dimension:path=status" for every row that is not unchanged,
// and "dimension=status" for added or removed dimensions, in report order.
func diffStatuses(c *Comparison) []string {
	var out []string
	for _, d := range c.Dimensions {
		if d.Status == DiffAdded || d.Status == DiffRemoved {
			out = append(out, d.Name+"="+string(d.Status))
		}
		for _, r := range d.Rows {
			if r.Status != DiffUnchanged {
				out = append(out, d.Name+":"+r.PathString()+"="+string(r.Status))
			}
		}
	}
	return out
}

func TestDiffStatuses(t *testing.T) {
	tests := []struct {
		name  string
		edits []string
		want  []string
	}{
		{
			name:  "identical plans",
			edits: nil,
			want:  nil,
		},
		{
			// 销售部 70% → 72% and 市场部 20% → 18%: every descendant of both moves,
			// 供应链 keeps its 10% and product is untouched.
			name:  "weight change moves every descendant",
			edits: []string{"weight: 70%", "weight: 72%", "{name: 市场部, weight: 20%}", "{name: 市场部, weight: 18%}"},
			want: []string{
				"org:销售部=changed", "org:销售部/大客户组=changed", "org:销售部/大客户组/张伟=changed",
				"org:销售部/大客户组/李娜=changed", "org:销售部/中小客户组=changed", "org:销售部/(reserve)=changed",
				"org:市场部=changed",
			},
		},
		{
			// Relative factors inside one team: only that team's people move.
			name:  "factor change stays inside the team",
			edits: []string{"{name: 张伟, weight: 2}", "{name: 张伟, weight: 2.5}"},
			want:  []string{"org:销售部/大客户组/张伟=changed", "org:销售部/大客户组/李娜=changed"},
		},
		{
			name:  "node added",
			edits: []string{"{name: 李娜, weight: 1.5}", "{name: 李娜, weight: 1.5}\n            - {name: 王强, weight: 1}"},
			want: []string{
				"org:销售部/大客户组/张伟=changed", "org:销售部/大客户组/李娜=changed", "org:销售部/大客户组/王强=added",
			},
		},
		{
			// The removed row stays where it was: after its old predecessor 张伟.
			name:  "node removed",
			edits: []string{"            - {name: 李娜, weight: 1.5}\n", ""},
			want:  []string{"org:销售部/大客户组/张伟=changed", "org:销售部/大客户组/李娜=removed"},
		},
		{
			// A rename is the old name removed (with its subtree) and the new added.
			name:  "renamed parent is removed and added",
			edits: []string{"name: 大客户组", "name: 重点客户组"},
			// 大客户组 was the first child, so it stays first, before its new name.
			want: []string{
				"org:销售部/大客户组=removed", "org:销售部/大客户组/张伟=removed", "org:销售部/大客户组/李娜=removed",
				"org:销售部/重点客户组=added", "org:销售部/重点客户组/张伟=added", "org:销售部/重点客户组/李娜=added",
			},
		},
		{
			// A bigger node reserve moves the reserve row and the children, not the node.
			name:  "node reserve changed",
			edits: []string{"reserve: 5%", "reserve: 8%"},
			want: []string{
				"org:销售部/大客户组=changed", "org:销售部/大客户组/张伟=changed", "org:销售部/大客户组/李娜=changed",
				"org:销售部/中小客户组=changed", "org:销售部/(reserve)=changed",
			},
		},
		{
			name:  "node reserve removed",
			edits: []string{"      reserve: 5%\n", ""},
			want: []string{
				"org:销售部/大客户组=changed", "org:销售部/大客户组/张伟=changed", "org:销售部/大客户组/李娜=changed",
				"org:销售部/中小客户组=changed", "org:销售部/(reserve)=removed",
			},
		},
		{
			name:  "reserve added to a team",
			edits: []string{"over_assign: 10%", "over_assign: 10%\n          reserve: 10%"},
			want: []string{
				"org:销售部/大客户组/张伟=changed", "org:销售部/大客户组/李娜=changed", "org:销售部/大客户组/(reserve)=added",
			},
		},
		{
			// 大客户组 gets 60% of (7,560,000 − 5%) = 4,309,200, which round 1000
			// had to round: a finer round moves the amounts below 销售部.
			name:  "finer round",
			edits: []string{"round: 1000", "round: 0.01"},
			want: []string{
				"org:销售部/大客户组=changed", "org:销售部/大客户组/张伟=changed", "org:销售部/大客户组/李娜=changed",
				// the reserve keeps its exact amount: only its months moved
				"org:销售部/中小客户组=changed", "org:销售部/(reserve)=rounding",
			},
		},
		{
			// Moving money between the months of one quarter leaves the quarters
			// alone but is still a change: months are the grain.
			name:  "month shift inside a quarter",
			edits: []string{`quarters: ["25%", "30%", "30%", "15%"]`, `quarters: ["25%", "30%", "30%", "15%"]` + "\n  months: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"},
			want: []string{
				"org:销售部=changed", "org:销售部/大客户组=changed", "org:销售部/大客户组/张伟=changed",
				"org:销售部/大客户组/李娜=changed", "org:销售部/中小客户组=changed", "org:销售部/(reserve)=changed",
				"org:市场部=changed", "org:供应链=changed", "product:A=changed", "product:B=changed",
			},
		},
		{
			name:  "dimension removed",
			edits: []string{"  product:\n    - {name: A, weight: 60%}\n    - {name: B, weight: 40%}\n", ""},
			want:  []string{"product=removed", "product:A=removed", "product:B=removed"},
		},
		{
			// A new dimension placed first in the file is reported first.
			name:  "dimension added",
			edits: []string{"dimensions:\n", "dimensions:\n  region:\n    - {name: 北区}\n    - {name: 南区}\n"},
			want:  []string{"region=added", "region:北区=added", "region:南区=added"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := diffSplit(t, diffBase)
			cur := diffSplit(t, diffEdit(t, diffBase, tt.edits...))
			c, err := Diff(old, cur, PeriodQuarter)
			if err != nil {
				t.Fatal(err)
			}
			got := diffStatuses(c)
			if !slices.Equal(got, tt.want) {
				t.Errorf("statuses:\ngot  %q\nwant %q", got, tt.want)
			}
			if c.HasChanges() != (len(tt.want) > 0) {
				t.Errorf("HasChanges() = %v with statuses %q", c.HasChanges(), got)
			}
			checkDiff(t, c)
		})
	}
}

func TestDiffRoundChangedExactly(t *testing.T) {
	// Three equal shares of 10,000,000 cannot be whole thousands: with round
	// 1000 the largest remainder method gives 3,334,000 / 3,333,000 / 3,333,000,
	// with round 1 it gives 3,333,334 / 3,333,333 / 3,333,333. The deltas must be
	// exact, whatever the units: −666, +333, +333.
	text := `version: 1
name: thirds
round: 1000
year: {start: 2027-01}
target: 10_000_000
dimensions:
  org: [{name: a}, {name: b}, {name: c}]
`
	old := diffSplit(t, text)
	cur := diffSplit(t, diffEdit(t, text, "round: 1000", "round: 1"))
	c, err := Diff(old, cur, PeriodYear)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "-666", "b": "333", "c": "333"}
	for _, r := range c.Dimensions[0].Rows {
		if got := r.Amount.Change.RatString(); got != want[r.PathString()] {
			t.Errorf("%s: change %s, want %s", r.PathString(), got, want[r.PathString()])
		}
		if r.Status != DiffChanged {
			t.Errorf("%s: status %s, want changed", r.PathString(), r.Status)
		}
	}
	if c.Target.Changed() || c.Allocated.Changed() {
		t.Errorf("the target did not change: %v %v", c.Target, c.Allocated)
	}
	checkDiff(t, c)

	// Four equal shares of 12,000,000 over equal months are whole thousands
	// (250,000 a month): a finer round changes nothing, since amounts are
	// compared as exact decimals, not as counts of units.
	even := diffEdit(t, text, "10_000_000", "12_000_000", "{name: c}", "{name: c}, {name: d}")
	c, err = Diff(diffSplit(t, even), diffSplit(t, diffEdit(t, even, "round: 1000", "round: 0.01")), PeriodMonth)
	if err != nil {
		t.Fatal(err)
	}
	if c.HasChanges() {
		t.Errorf("round 1000 → 0.01 on whole thousands: changes %q", diffStatuses(c))
	}
	checkDiff(t, c)
}

func TestDiffRootReserve(t *testing.T) {
	old := diffSplit(t, diffBase)
	cur := diffSplit(t, diffEdit(t, diffBase, "reserve: 10%", "reserve: 15%"))
	c, err := Diff(old, cur, PeriodQuarter)
	if err != nil {
		t.Fatal(err)
	}
	// 12,000,000 × 10 % = 1,200,000 held back before, × 15 % = 1,800,000 after.
	if got := c.Reserve.Change.RatString(); got != "600000" {
		t.Errorf("reserve change %s, want 600000", got)
	}
	if got := c.Allocated.Change.RatString(); got != "-600000" {
		t.Errorf("allocated change %s, want -600000", got)
	}
	if c.Target.Changed() {
		t.Errorf("target changed: %v", c.Target)
	}
	for _, d := range c.Dimensions {
		for _, r := range d.Rows {
			if r.Status != DiffChanged {
				t.Errorf("%s:%s is %s, want changed", d.Name, r.PathString(), r.Status)
			}
		}
	}
	checkDiff(t, c)
}

func TestDiffRemovedRowOrder(t *testing.T) {
	// Old: 销售部{大客户组{张伟, 李娜}, 中小客户组}, 市场部, 供应链.
	// New: 大客户组 and 市场部 removed, 新组 added before 中小客户组, 电商部 added
	// first, with the same weights as the removed nodes, so the rest is unchanged. Removed rows come after their old predecessor sibling (市场部 after
	// 销售部's subtree), or first among their siblings (大客户组), with their
	// subtree below them.
	cur := diffEdit(t, diffBase,
		"        - name: 大客户组\n          weight: 60%\n          over_assign: 10%\n          children:\n            - {name: 张伟, weight: 2}\n            - {name: 李娜, weight: 1.5}\n        - {name: 中小客户组, weight: 40%}",
		"        - {name: 新组, weight: 60%}\n        - {name: 中小客户组, weight: 40%}",
		"    - {name: 市场部, weight: 20%}\n", "",
		"  org:\n", "  org:\n    - {name: 电商部, weight: 20%}\n",
	)
	c, err := Diff(diffSplit(t, diffBase), diffSplit(t, cur), PeriodQuarter)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range c.Dimensions[0].Rows {
		got = append(got, r.PathString()+"="+string(r.Status))
	}
	want := []string{
		"电商部=added",
		"销售部=unchanged",
		"销售部/大客户组=removed", "销售部/大客户组/张伟=removed", "销售部/大客户组/李娜=removed",
		"销售部/新组=added", "销售部/中小客户组=unchanged", "销售部/(reserve)=unchanged",
		"市场部=removed",
		"供应链=unchanged",
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows:\ngot  %q\nwant %q", got, want)
	}
	checkDiff(t, c)
}

func TestDiffFiscalYearMoved(t *testing.T) {
	// Moving the fiscal year three months later leaves quarters labelled Q1…Q4
	// (matched by label) but shifts the months: the merged labels run from the
	// old first month to the new last one, and a month outside a version's year
	// counts as zero there.
	old := diffSplit(t, diffBase)
	cur := diffSplit(t, diffEdit(t, diffBase, "start: 2027-01", "start: 2027-04"))
	c, err := Diff(old, cur, PeriodMonth)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Labels) != 15 || c.Labels[0] != "2027-01" || c.Labels[14] != "2028-03" {
		t.Fatalf("labels %q, want 2027-01 … 2028-03", c.Labels)
	}
	if c.Time[0].New.Sign() != 0 || c.Time[14].Old.Sign() != 0 {
		t.Errorf("months outside a fiscal year must count as zero: %v %v", c.Time[0], c.Time[14])
	}
	checkDiff(t, c)
}

func TestDiffEveryPeriod(t *testing.T) {
	old := diffSplit(t, diffBase)
	cur := diffSplit(t, diffEdit(t, diffBase, "weight: 70%", "weight: 72%", "{name: 市场部, weight: 20%}", "{name: 市场部, weight: 18%}"))
	for _, p := range Periods {
		c, err := Diff(old, cur, p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		checkDiff(t, c)
	}
}

func TestMergeByName(t *testing.T) {
	tests := []struct {
		old, new string
		want     string // "old>new" index pairs, _ for missing
	}{
		{"a b c", "a b c", "0>0 1>1 2>2"},
		{"a b c", "a c", "0>0 1>_ 2>1"},
		{"a b c", "b c", "0>_ 1>0 2>1"},
		{"a b c", "a", "0>0 1>_ 2>_"},
		{"a b c", "x a y", "_>0 0>1 1>_ 2>_ _>2"},
		{"a b", "b a", "1>0 0>1"},
		{"", "a b", "_>0 _>1"},
		{"a b", "", "0>_ 1>_"},
	}
	for _, tt := range tests {
		o, n := strings.Fields(tt.old), strings.Fields(tt.new)
		var got []string
		for _, p := range mergeByName(len(o), len(n), func(i int) string { return o[i] }, func(i int) string { return n[i] }) {
			got = append(got, diffIdx(p.old)+">"+diffIdx(p.new))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("merge %q → %q = %s, want %s", tt.old, tt.new, g, tt.want)
		}
	}
}

func diffIdx(i int) string {
	if i < 0 {
		return "_"
	}
	return fmt.Sprint(i)
}

func TestMergePeriodLabels(t *testing.T) {
	got, ia, ib := mergePeriodLabels([]string{"2027-01", "2027-02", "2027-03"}, []string{"2027-02", "2027-03", "2027-04"})
	if want := []string{"2027-01", "2027-02", "2027-03", "2027-04"}; !slices.Equal(got, want) {
		t.Errorf("labels %q, want %q", got, want)
	}
	if !slices.Equal(ia, []int{0, 1, 2, -1}) || !slices.Equal(ib, []int{-1, 0, 1, 2}) {
		t.Errorf("indexes %v %v", ia, ib)
	}
}

// TestDiffRandomEdits diffs random plans against random edits of themselves
// (weights changed, nodes added and removed, round and target changed) and
// checks the invariants of checkDiff.
func TestDiffRandomEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 27))
	seen := map[DiffStatus]int{}
	defer func() {
		// The edits must exercise every status, or the test proves little.
		for _, s := range []DiffStatus{DiffUnchanged, DiffChanged, DiffAdded, DiffRemoved} {
			if seen[s] == 0 && !t.Failed() {
				t.Errorf("no %s row in 200 random diffs", s)
			}
		}
	}()
	for i := range 200 {
		old := diffRandomTree(rng, 3)
		cur := diffMutateTree(rng, old)
		oldText, curText := diffPlanText(rng, old), diffPlanText(rng, cur)
		c, err := Diff(diffSplit(t, oldText), diffSplit(t, curText), Periods[i%len(Periods)])
		if err != nil {
			t.Fatal(err)
		}
		checkDiff(t, c)
		if t.Failed() {
			t.Logf("old:\n%s\nnew:\n%s", oldText, curText)
			return
		}
		for _, r := range c.Dimensions[0].Rows {
			seen[r.Status]++
		}
	}
}

// checkDiff checks what every comparison must satisfy, against the two
// breakdowns it was made from:
//   - every row of either version appears once, with its own amount and cells;
//     the rows of the new version keep their order, and so do the old
//     version's when nothing was reordered;
//   - Change = New − Old exactly (a missing side is zero), per row and period;
//   - a row present in both is unchanged exactly when its amount, its month
//     cells and its period cells are equal (week cells can move while the
//     months stay: the week rounding of a block shifts units between siblings);
//   - the top-level rows' changes add up to the change of the allocated amount,
//     in total and in every period.
func checkDiff(t *testing.T, c *Comparison) {
	t.Helper()
	views := [2]*PeriodView{}
	months := [2]*PeriodView{}
	for k, b := range []*Breakdown{c.Old, c.New} {
		var err error
		if views[k], err = b.View(c.Period); err != nil {
			t.Fatal(err)
		}
		if months[k], err = b.View(PeriodMonth); err != nil {
			t.Fatal(err)
		}
	}
	checkDiffDelta(t, "allocated", c.Allocated)
	for j, d := range c.Time {
		checkDiffDelta(t, "time "+c.Labels[j], d)
	}
	for _, dd := range c.Dimensions {
		var rows [2][]*Row
		var di [2]int
		for k, b := range []*Breakdown{c.Old, c.New} {
			di[k] = -1
			for i, d := range b.Dimensions {
				if d.Name == dd.Name {
					rows[k], di[k] = d.Rows, i
				}
			}
		}
		var seen [2][]*Row
		rootSum := new(big.Rat)
		periodSums := make([]*big.Rat, len(c.Labels))
		for j := range periodSums {
			periodSums[j] = new(big.Rat)
		}
		for _, r := range dd.Rows {
			where := dd.Name + ":" + r.PathString()
			checkDiffDelta(t, where, r.Amount)
			for k, row := range []*Row{r.Old, r.New} {
				if row == nil {
					continue
				}
				seen[k] = append(seen[k], row)
				b := []*Breakdown{c.Old, c.New}[k]
				side := []*big.Rat{r.Amount.Old, r.Amount.New}[k]
				if side.Cmp(b.Unit.Amount(row.Amount)) != 0 {
					t.Errorf("%s: amount %s, want %s", where, side.RatString(), b.Unit.Amount(row.Amount).RatString())
				}
				cells := views[k].Cells(di[k], row.Index)
				for j, l := range c.Labels {
					want := new(big.Rat)
					if i := slices.Index(views[k].Labels, l); i >= 0 {
						want = b.Unit.Amount(cells[i])
					}
					got := []*big.Rat{r.Periods[j].Old, r.Periods[j].New}[k]
					if got.Cmp(want) != 0 {
						t.Errorf("%s %s: cell %s, want %s", where, l, got.RatString(), want.RatString())
					}
				}
			}
			for j, d := range r.Periods {
				checkDiffDelta(t, where+" "+c.Labels[j], d)
				if r.Depth == 1 {
					periodSums[j].Add(periodSums[j], d.Change)
				}
			}
			if r.Depth == 1 {
				rootSum.Add(rootSum, r.Amount.Change)
			}
			if r.Old != nil && r.New != nil {
				same := r.Amount.Old.Cmp(r.Amount.New) == 0 && diffSameMonths(c, months, di, r)
				for _, d := range r.Periods {
					same = same && !d.Changed()
				}
				if same != (r.Status == DiffUnchanged) {
					t.Errorf("%s: status %s, but amounts, months and period cells equal = %v", where, r.Status, same)
				}
			}
		}
		for k := range 2 {
			if len(seen[k]) != len(rows[k]) {
				t.Errorf("%s: %d rows of version %d listed, it has %d", dd.Name, len(seen[k]), k, len(rows[k]))
			}
		}
		if !slices.Equal(seen[1], rows[1]) {
			t.Errorf("%s: the new version's rows are not in their order", dd.Name)
		}
		// Not a general invariant when nodes are reordered; the tests here never reorder.
		if !slices.Equal(seen[0], rows[0]) {
			t.Errorf("%s: the old version's rows are not in their order", dd.Name)
		}
		if di[0] >= 0 && di[1] >= 0 && rootSum.Cmp(c.Allocated.Change) != 0 {
			t.Errorf("%s: top-level changes add up to %s, allocated changed by %s", dd.Name, rootSum.RatString(), c.Allocated.Change.RatString())
		}
		for j := range c.Labels {
			if di[0] >= 0 && di[1] >= 0 && periodSums[j].Cmp(c.Time[j].Change) != 0 {
				t.Errorf("%s %s: top-level changes add up to %s, time changed by %s", dd.Name, c.Labels[j], periodSums[j].RatString(), c.Time[j].Change.RatString())
			}
		}
	}
}

// checkDiffDelta checks Change = New − Old, a missing side counting as zero.
func checkDiffDelta(t *testing.T, where string, d Delta) {
	t.Helper()
	want := new(big.Rat)
	if d.New != nil {
		want.Add(want, d.New)
	}
	if d.Old != nil {
		want.Sub(want, d.Old)
	}
	if d.Change.Cmp(want) != 0 {
		t.Errorf("%s: change %s, want %s", where, d.Change.RatString(), want.RatString())
	}
}

// diffSameMonths compares a row's month cells in both versions by label.
func diffSameMonths(c *Comparison, months [2]*PeriodView, di [2]int, r *RowDiff) bool {
	get := func(k int, row *Row) map[string]string {
		b := []*Breakdown{c.Old, c.New}[k]
		m := map[string]string{}
		for i, v := range months[k].Cells(di[k], row.Index) {
			if v != 0 {
				m[months[k].Labels[i]] = b.Unit.Amount(v).RatString()
			}
		}
		return m
	}
	a, b := get(0, r.Old), get(1, r.New)
	if len(a) != len(b) {
		return false
	}
	for l, v := range a {
		if b[l] != v {
			return false
		}
	}
	return true
}

// diffNode is a node of a random plan.
type diffNode struct {
	name     string
	weight   int
	reserve  int // percent, 0 for none
	children []*diffNode
}

var diffSerial int

func diffRandomTree(rng *rand.Rand, depth int) []*diffNode {
	n := 1 + rng.IntN(4)
	out := make([]*diffNode, n)
	for i := range out {
		diffSerial++
		out[i] = &diffNode{name: fmt.Sprintf("n%d", diffSerial), weight: rng.IntN(5)}
		if depth > 1 && rng.IntN(2) == 0 {
			out[i].children = diffRandomTree(rng, depth-1)
			if rng.IntN(3) == 0 {
				out[i].reserve = 5 + rng.IntN(10)
			}
		}
	}
	return out
}

// diffMutateTree copies a tree with random edits: weights and reserves changed,
// nodes removed, nodes added (never reordered).
func diffMutateTree(rng *rand.Rand, nodes []*diffNode) []*diffNode {
	var out []*diffNode
	for _, n := range nodes {
		if len(nodes) > 1 && rng.IntN(8) == 0 {
			continue // removed
		}
		c := *n
		if rng.IntN(4) == 0 {
			c.weight = rng.IntN(5)
		}
		if rng.IntN(6) == 0 {
			c.reserve = rng.IntN(3) * 5
		}
		c.children = diffMutateTree(rng, n.children)
		out = append(out, &c)
		if rng.IntN(8) == 0 {
			diffSerial++
			out = append(out, &diffNode{name: fmt.Sprintf("n%d", diffSerial), weight: rng.IntN(5)})
		}
	}
	return out
}

// diffPlanText writes a plan holding the tree, with a random round, target
// and seasonality.
func diffPlanText(rng *rand.Rand, nodes []*diffNode) string {
	var b strings.Builder
	round := []string{"1", "1000", "0.01", "250"}[rng.IntN(4)]
	units := 1000 + rng.IntN(100000)
	target := new(big.Rat).Mul(big.NewRat(int64(units), 1), diffRat(round))
	fmt.Fprintf(&b, "version: 1\nname: random\nround: %s\nyear: {start: 2027-%02d}\ntarget: %s\n", round, 1+rng.IntN(3), target.FloatString(2))
	if rng.IntN(2) == 0 {
		fmt.Fprintf(&b, "reserve: %d%%\n", rng.IntN(15))
	}
	if rng.IntN(2) == 0 {
		b.WriteString("seasonality: {quarters: [\"25%\", \"30%\", \"30%\", \"15%\"]}\n")
	}
	b.WriteString("dimensions:\n  org:\n")
	diffWriteNodes(&b, nodes, "    ")
	return b.String()
}

func diffRat(s string) *big.Rat {
	r, _ := new(big.Rat).SetString(s)
	return r
}

func diffWriteNodes(b *strings.Builder, nodes []*diffNode, indent string) {
	for _, n := range nodes {
		fmt.Fprintf(b, "%s- name: %s\n%s  weight: %d\n", indent, n.name, indent, n.weight)
		if len(n.children) > 0 {
			if n.reserve > 0 {
				fmt.Fprintf(b, "%s  reserve: %d%%\n", indent, n.reserve)
			}
			fmt.Fprintf(b, "%s  children:\n", indent)
			diffWriteNodes(b, n.children, indent+"    ")
		}
	}
}

// BenchmarkDiff compares two versions of a plan of 10,000 people (100 teams of
// 100) by month, after one team's weight changed.
func BenchmarkDiff(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("version: 1\nname: bench\nround: 1\nyear: {start: 2027-01}\ntarget: 1_000_000_000\ndimensions:\n  org:\n")
	for i := range 100 {
		fmt.Fprintf(&sb, "    - name: team%d\n      weight: %d\n      children:\n", i, 1+i%7)
		for j := range 100 {
			fmt.Fprintf(&sb, "        - {name: p%d, weight: %d}\n", j, 1+j%5)
		}
	}
	text := sb.String()
	old := diffSplit(b, text)
	cur := diffSplit(b, strings.Replace(text, "name: team0\n      weight: 1", "name: team0\n      weight: 2", 1))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Diff(old, cur, PeriodMonth); err != nil {
			b.Fatal(err)
		}
	}
}
