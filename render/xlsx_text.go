package render

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/planhq/plan/plan"
)

// labels are the fixed texts of a workbook (sheet names, headers) in one
// language. A plan written in Chinese (its name or a node's name holds a Han
// character) gets Chinese texts, any other plan English ones.
type labels struct {
	Lang string // document language tag

	Summary, Funnel string // sheet names

	Plan, Source, SHA256, Commit, Currency, Tier, Metric, Round, Units string
	Target, Reserve, Allocated, Rate, Tiers, Factor                    string
	TimeSplit, Month, Year, MonthlyChart                               string

	Node, Share, Annual, Depth, Path, Total, Assigned string

	// v2: print, checks, assumptions, the flat table.
	PageOf                   string // page footer: page N of M (&P, &N)
	ReserveRow               string // the name of a reserve row
	Prospect, Won            string // the funnel's implicit first and last stages
	Check, CheckNote         string // the check row and what it compares
	CommitCol, Gap           string // bottom-up estimate and amount − commit
	Cumulative, Actual       string // the summary's time split columns
	ComputedNote             string // what the italic grey cells are
	Assumptions, Item, Value string // the assumptions sheet, its columns
	Name, Planned            string
	GreenAt, YellowAt        string // thresholds
	LadderFloor, LadderFrom  string
	LadderEvery, LadderAdd   string
	LadderCap, LadderBelow   string
	ReserveRate, BaseTarget  string
	Data, Dimension, Period  string // the flat table sheet and its columns
	Quarter, Leaf            string
	Metrics, Kind            string // the summary's list of metrics (§11)
}

var chineseLabels = labels{
	Lang:    "zh-CN",
	Metrics: "指标", Kind: "类型",
	Summary: "汇总", Funnel: "漏斗",
	Plan: "计划", Source: "来源文件", SHA256: "SHA-256", Commit: "Git 提交", Currency: "币种",
	Tier: "档位", Metric: "指标", Round: "分配单位", Units: "显示单位",
	Target: "目标", Reserve: "预留", Allocated: "已分配", Rate: "比例", Tiers: "档位", Factor: "系数",
	TimeSplit: "时间分解", Month: "月份", Year: "全年", MonthlyChart: "月度目标",
	Node: "节点", Share: "占比", Annual: "全年", Depth: "层级", Path: "路径", Total: "合计",
	Assigned:   "(分配合计)",
	PageOf:     "第 &P 页，共 &N 页",
	ReserveRow: "(预留)", Prospect: "潜在客户", Won: "赢单",
	Check: "校验", CheckNote: "合计 − 计划目标（参数表），应为 0；不为 0 时标红",
	CommitCol: "承诺", Gap: "差距", Cumulative: "累计", Actual: "实际",
	ComputedNote: "斜体灰色：plan 计算的值（不是公式，改动后不会自动更新）",
	Assumptions:  "参数", Item: "项目", Value: "值", Name: "名称", Planned: "计划月度目标",
	GreenAt: "绿灯阈值（达成率 ≥）", YellowAt: "黄灯阈值（达成率 ≥）",
	LadderFloor: "奖金起付线", LadderFrom: "阶梯起点", LadderEvery: "阶梯步长", LadderAdd: "每级增加",
	LadderCap: "奖金上限", LadderBelow: "100% 以下（linear 按达成率，zero 为 0）",
	ReserveRate: "预留比例", BaseTarget: "基准目标（系数 100%）",
	Data: "明细", Dimension: "维度", Period: "期间", Quarter: "季度", Leaf: "末级",
}

var englishLabels = labels{
	Lang:    "en-US",
	Metrics: "Metrics", Kind: "Kind",
	Summary: "Summary", Funnel: "Funnel",
	Plan: "Plan", Source: "Source file", SHA256: "SHA-256", Commit: "Git commit", Currency: "Currency",
	Tier: "Tier", Metric: "Metric", Round: "Round", Units: "Display unit",
	Target: "Target", Reserve: "Reserve", Allocated: "Allocated", Rate: "Rate", Tiers: "Tier", Factor: "Factor",
	TimeSplit: "Time split", Month: "Month", Year: "Year", MonthlyChart: "Monthly target",
	Node: "Node", Share: "Share", Annual: "Year", Depth: "Depth", Path: "Path", Total: "Total",
	Assigned:   "(assigned)",
	PageOf:     "Page &P of &N",
	ReserveRow: "(reserve)", Prospect: "prospect", Won: "won",
	Check: "Check", CheckNote: "total − planned target (Assumptions): 0 when it holds; red otherwise",
	CommitCol: "Commit", Gap: "Gap", Cumulative: "Cumulative", Actual: "Actual",
	ComputedNote: "Italic grey: values computed by plan (not formulas; they do not follow edits)",
	Assumptions:  "Assumptions", Item: "Item", Value: "Value", Name: "Name", Planned: "Planned monthly target",
	GreenAt: "Green from (attainment ≥)", YellowAt: "Yellow from (attainment ≥)",
	LadderFloor: "Payout floor", LadderFrom: "Ladder from", LadderEvery: "Ladder step", LadderAdd: "Added per step",
	LadderCap: "Payout cap", LadderBelow: "Under 100 % (linear pays attainment, zero pays 0)",
	ReserveRate: "Reserve rate", BaseTarget: "Base target (factor 100%)",
	Data: "Data", Dimension: "Dimension", Period: "Period", Quarter: "Quarter", Leaf: "Leaf",
}

// labelsFor picks the language of a plan's workbook.
func labelsFor(p *plan.Plan) *labels {
	if isChinese(p) {
		l := chineseLabels
		return &l
	}
	l := englishLabels
	return &l
}

// nodeName is a row's name as the workbook shows it: a reserve row's in the
// workbook's language, any other as the user wrote it.
func (l *labels) nodeName(r *plan.Row) string {
	if r.IsReserve() {
		return l.ReserveRow
	}
	return r.Name()
}

// pathString is a row's path as the workbook shows it, a reserve row's last
// part in the workbook's language.
func (l *labels) pathString(r *plan.Row) string {
	if r.IsReserve() {
		return strings.Join(append(append([]string{}, r.Path[:len(r.Path)-1]...), l.ReserveRow), "/")
	}
	return r.PathString()
}

// stageName is a funnel stage's name as the workbook shows it: the implicit
// prospect and won stages in the workbook's language, declared stages as
// written.
func (l *labels) stageName(name string) string {
	switch name {
	case plan.ProspectStage:
		return l.Prospect
	case plan.WonStage:
		return l.Won
	}
	return name
}

// isChinese reports whether the plan's name or any node's name holds a Han
// character.
func isChinese(p *plan.Plan) bool {
	if hasHan(p.Name) {
		return true
	}
	var walk func([]*plan.Node) bool
	walk = func(ns []*plan.Node) bool {
		for _, n := range ns {
			if hasHan(n.Name) || walk(n.Children) {
				return true
			}
		}
		return false
	}
	for _, d := range p.Dimensions {
		if walk(d.Roots) {
			return true
		}
	}
	return false
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// textWidth is the width of a text in spreadsheet column units: East Asian wide
// characters count two, others one.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if isWide(r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6)
}

// maxSheetName is the longest sheet name Excel accepts, in UTF-16 units.
const maxSheetName = 31

// sheetNames hands out valid, unique sheet names.
type sheetNames struct {
	used map[string]bool // lower-cased
}

func newSheetNames() *sheetNames { return &sheetNames{used: map[string]bool{}} }

// add returns a sheet name for want: the characters Excel forbids
// (: \ / ? * [ ] and quotes) replaced by _, cut to 31 characters, and made
// unique (case-insensitively) with a " (2)", " (3)"… suffix.
func (s *sheetNames) add(want string) string {
	base := strings.Map(func(r rune) rune {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']', '\'':
			return '_'
		}
		if unicode.IsControl(r) {
			return '_'
		}
		return r
	}, want)
	base = strings.TrimSpace(base)
	if base == "" || strings.EqualFold(base, "History") {
		base += "_"
	}
	name := cutUTF16(base, maxSheetName)
	for i := 2; s.used[strings.ToLower(name)]; i++ {
		suffix := " (" + strconv.Itoa(i) + ")"
		name = cutUTF16(base, maxSheetName-len(suffix)) + suffix
	}
	s.used[strings.ToLower(name)] = true
	return name
}

// cutUTF16 cuts s to at most n UTF-16 units, on a character boundary.
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}

// quoteSheet writes a sheet name for a formula reference: 'name'!.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'!"
}
