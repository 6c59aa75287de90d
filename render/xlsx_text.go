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
}

var chineseLabels = labels{
	Lang:    "zh-CN",
	Summary: "汇总", Funnel: "漏斗",
	Plan: "计划", Source: "来源文件", SHA256: "SHA-256", Commit: "Git 提交", Currency: "币种",
	Tier: "档位", Metric: "指标", Round: "分配单位", Units: "显示单位",
	Target: "目标", Reserve: "预留", Allocated: "已分配", Rate: "比例", Tiers: "档位", Factor: "系数",
	TimeSplit: "时间分解", Month: "月份", Year: "全年", MonthlyChart: "月度目标",
	Node: "节点", Share: "占比", Annual: "全年", Depth: "层级", Path: "路径", Total: "合计",
	Assigned: "(分配合计)",
}

var englishLabels = labels{
	Lang:    "en-US",
	Summary: "Summary", Funnel: "Funnel",
	Plan: "Plan", Source: "Source file", SHA256: "SHA-256", Commit: "Git commit", Currency: "Currency",
	Tier: "Tier", Metric: "Metric", Round: "Round", Units: "Display unit",
	Target: "Target", Reserve: "Reserve", Allocated: "Allocated", Rate: "Rate", Tiers: "Tier", Factor: "Factor",
	TimeSplit: "Time split", Month: "Month", Year: "Year", MonthlyChart: "Monthly target",
	Node: "Node", Share: "Share", Annual: "Year", Depth: "Depth", Path: "Path", Total: "Total",
	Assigned: "(assigned)",
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
