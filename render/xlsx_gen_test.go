package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/planhq/plan/plan"
)

// genOptions shapes a generated plan for the workbook tests and benchmarks.
type genOptions struct {
	People     int    // leaves of the org dimension
	TeamSize   int    // people per team (default 25)
	Depts      int    // departments (default 20)
	Round      string // the plan's round (default 1)
	Target     string // default People × 1,000,000
	English    bool   // English names instead of Chinese
	OverEvery  int    // every n-th team is over-assigned 10 % (0: none)
	ReserveDep bool   // departments hold a 5 % reserve
	Funnel     bool   // add a four-stage funnel on the org dimension
}

var (
	surnames   = []string{"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"}
	givenNames = []string{"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰"}
)

// genPlan writes a plan file with an org tree of departments → teams → people
// (relative weights that vary from person to person), a product tree and a
// region list, and returns its text.
func genPlan(o genOptions) string {
	if o.TeamSize == 0 {
		o.TeamSize = 25
	}
	if o.Depts == 0 {
		o.Depts = 20
	}
	if o.Round == "" {
		o.Round = "1"
	}
	if o.Target == "" {
		o.Target = fmt.Sprint(int64(o.People) * 1_000_000)
	}
	var b strings.Builder
	name := "生成计划"
	if o.English {
		name = "Generated plan"
	}
	fmt.Fprintf(&b, "version: 1\nname: %s %d\ncurrency: CNY\nround: %s\nyear: {start: 2027-04}\ntarget: %s\nreserve: 5%%\n", name, o.People, o.Round, o.Target)
	b.WriteString("tiers: {base: 100%, challenge: 120%}\n")
	b.WriteString("seasonality:\n  quarters: [\"20%\", \"30%\", \"30%\", \"20%\"]\n  months: [1, 1.1, 1.3, 1, 1, 1.2, 0.9, 1, 1.1, 1, 1.05, 1.4]\n")
	b.WriteString("dimensions:\n  org:\n")
	teams := max(1, (o.People+o.TeamSize-1)/o.TeamSize)
	depts := min(o.Depts, teams)
	person, team := 0, 0
	for d := range depts {
		dname := fmt.Sprintf("事业部%02d", d+1)
		if o.English {
			dname = fmt.Sprintf("Division %02d", d+1)
		}
		fmt.Fprintf(&b, "    - name: %s\n      weight: %d\n", dname, 3+d%4)
		if o.ReserveDep {
			b.WriteString("      reserve: 5%\n")
		}
		b.WriteString("      children:\n")
		for ; team < teams && team*depts/teams == d; team++ {
			tname := fmt.Sprintf("团队%04d", team+1)
			if o.English {
				tname = fmt.Sprintf("Team %04d", team+1)
			}
			fmt.Fprintf(&b, "        - name: %s\n          weight: %d\n", tname, 2+team%3)
			if o.OverEvery > 0 && team%o.OverEvery == 0 {
				b.WriteString("          over_assign: 10%\n")
			}
			b.WriteString("          children:\n")
			for k := 0; k < o.TeamSize && person < o.People; k++ {
				pname := surnames[person%len(surnames)] + givenNames[(person/len(surnames))%len(givenNames)] + fmt.Sprintf("%06d", person+1)
				if o.English {
					pname = fmt.Sprintf("Person %06d", person+1)
				}
				fmt.Fprintf(&b, "            - {name: %s, weight: %s}\n", pname, []string{"1", "1.5", "2", "0.8", "1.2"}[person%5])
				person++
			}
		}
	}
	b.WriteString(`  product:
    - name: 明星产品A
      weight: 60%
      children: [{name: 老客户, weight: 30%}, {name: 新客户, weight: 70%}]
    - {name: 潜力产品B, weight: 30%}
    - {name: 长尾产品C, weight: 10%}
  region:
    - {name: 成熟市场, weight: 50%}
    - {name: 成长市场, weight: 30%}
    - {name: 新兴市场, weight: 20%}
`)
	if o.Funnel {
		b.WriteString(`funnel:
  dimension: org
  deal_size: 50_000
  stages:
    - {name: 线索, rate: 50%, days: 20}
    - {name: 商机, rate: 40%, days: 30}
    - {name: 谈判, rate: 50%, days: 15}
    - {name: 成交}
`)
	}
	out := b.String()
	if o.English {
		out = strings.NewReplacer("明星产品A", "Star A", "老客户", "Existing", "新客户", "New", "潜力产品B", "Potential B",
			"长尾产品C", "Long tail C", "成熟市场", "Mature", "成长市场", "Growth", "新兴市场", "Emerging").Replace(out)
	}
	return out
}

// loadSplit loads a plan text and splits it.
func loadSplit(t testing.TB, text string, opt plan.Options) *plan.Breakdown {
	t.Helper()
	p, diags := plan.Load("plan.yaml", []byte(text))
	if err := diags.Err(); err != nil {
		t.Fatalf("load: %v", err)
	}
	b, err := plan.Split(p, opt)
	if err != nil {
		t.Fatalf("split: %v", err)
	}
	return b
}

func TestGenPlanShape(t *testing.T) {
	b := loadSplit(t, genPlan(genOptions{People: 103, TeamSize: 10, Depts: 3, OverEvery: 4, ReserveDep: true}), plan.Options{})
	org := b.Dimension("org")
	leaves := 0
	for _, r := range org.Rows {
		if r.Leaf() && !r.IsReserve() {
			leaves++
		}
	}
	if leaves != 103 || len(org.Roots) != 3 {
		t.Fatalf("generated %d people in %d departments, want 103 in 3", leaves, len(org.Roots))
	}
}
