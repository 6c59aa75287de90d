package plan

import "math/big"

// Plan is a loaded, validated plan file (format version 1). Every number is the
// exact value of what the user wrote.
type Plan struct {
	File     string // the path the plan was loaded from, for messages
	Version  int
	Name     string
	Currency string // ISO 4217 code, or "" when not given
	Round    Unit   // the allocation unit
	Year     Year

	Target    *big.Rat // the annual target, a multiple of Round
	TargetPos Pos
	Reserve   *big.Rat // root reserve rate, nil when none

	Tiers       []Tier   // declared order
	Metrics     []Metric // extra additive metrics, declared order
	Seasonality Seasonality
	Dimensions  []*Dimension // declared order

	KPI    []KPIWeight // the KPI score's weights, declared order (§11)
	Ageing []int       // the receivables' ageing edges in days (§12); nil: DefaultAgeing

	Funnel    *Funnel // nil when the plan has no funnel section
	Tracking  Tracking
	Incentive Incentive

	Base Base // the plan whose closed months a re-plan keeps (SPEC §13); zero when none

	Ramp     Ramp      // the default ramp of nodes with a start (SPEC §9)
	Capacity *Capacity // nil when the plan has no capacity section (SPEC §10)
}

// Tier is a named variant of the whole plan: the target times Factor.
type Tier struct {
	Name   string
	Factor *big.Rat
	Pos    Pos
}

// MetricKind tells whether an extra metric counts things or holds money.
type MetricKind string

// The kinds of an extra metric.
const (
	KindCount  MetricKind = "count"
	KindAmount MetricKind = "amount"
)

// Metric is an extra additive metric split like the target.
type Metric struct {
	Name   string
	Target *big.Rat
	Kind   MetricKind
	Unit   Unit // 1 for counts; the plan's round (or its own) for amounts
	Pos    Pos

	MetricSpec // the v2 settings of §11 (metrics.go)
}

// Basis names how months are weighted when no explicit month weights are given.
type Basis string

// The month bases of a seasonality.
const (
	BasisEqual        Basis = "equal"
	BasisWorkingDays  Basis = "working_days"
	BasisCalendarDays Basis = "calendar_days"
)

// Seasonality holds the time weights: optional quarter weights (fiscal order)
// and either month weights or a basis.
type Seasonality struct {
	Quarters []*big.Rat // nil or 4 non-negative weights
	Months   []*big.Rat // nil or 12 non-negative weights, fiscal order
	Basis    Basis
	Pos      Pos
}

// Dimension is one breakdown of the target: a tree whose root is the whole.
type Dimension struct {
	Name  string
	Pos   Pos
	Roots []*Node
}

// WeightKind is how a node claims its share among its siblings.
type WeightKind int

// The weight kinds. Siblings use one of Percent, Factor or History (or none, to
// share equally); Fixed nodes may sit beside any of them.
const (
	NoWeight WeightKind = iota
	Percent
	Factor
	History
	Fixed
)

func (k WeightKind) String() string {
	return [...]string{"none", "percent", "relative factor", "history basis", "fixed amount"}[k]
}

// Node is one node of a dimension tree.
type Node struct {
	Name string
	Pos  Pos // position of the node's mapping (or its name)

	Kind       WeightKind
	Weight     *big.Rat // Percent (as a fraction) or Factor
	LastYear   *big.Rat // History
	Growth     *big.Rat // History; nil means 0
	Amount     *big.Rat // Fixed
	WeightPos  Pos      // where the weight, last_year or amount is written
	Reserve    *big.Rat // rate held back from the children, nil when none
	OverAssign *big.Rat // rate the children add up to above this node, nil when none
	Commit     *big.Rat // bottom-up estimate, nil when none
	Bonus      *big.Rat // target bonus of this subtree's leaves, nil when inherited

	Children []*Node
	Funnel   *NodeFunnel // per-node funnel overrides, nil when none
	People   People      // start, end, ramp, headcount, productivity (SPEC §9, §10)

	invalid bool // the node had errors; its siblings are not checked as a group

	Metrics map[string]*MetricOverride // per-metric overrides (§11), nil when none
}

// Leaf reports whether the node has no children.
func (n *Node) Leaf() bool { return len(n.Children) == 0 }

// Year is the fiscal calendar: its first month and its working-day exceptions.
type Year struct {
	Start    Month
	Holidays []DateRange
	Workdays []Date // weekend days that are worked (make-up days)
	Pos      Pos
	Closed   Closed // the months kept from the base plan (SPEC §13); zero when none

	HolidaySource string // "cn" when the official calendar was named (year_holidays.go)
	DaysPos       Pos    // where holidays (or workdays) are written; zero when neither is
}

// Funnel is the plan's funnel section (SPEC §5).
type Funnel struct {
	Dimension    string // the dimension whose leaves run the funnel; "org" by default
	DimensionPos Pos
	DealSize     *big.Rat
	WinRate      *big.Rat // set when the funnel is written as a single win rate
	Stages       []Stage  // top of the funnel first; the last is the won deal
	Pipeline     []StageCount
	Pos          Pos
}

// Stage is one stage of the funnel. Rate is the share that moves on to the next
// stage (nil for the last stage); Days how long the stage takes.
type Stage struct {
	Name       string
	Rate       *big.Rat
	Days       int
	Activities []Activity // the work one new entry takes; nil when none
	Pos        Pos
}

// StageCount is a count of deals in flight at a stage.
type StageCount struct {
	Stage string
	Count int64
	Pos   Pos
}

// NodeFunnel holds a node's funnel overrides, inherited by its descendants.
type NodeFunnel struct {
	DealSize *big.Rat
	WinRate  *big.Rat
	Stages   []StageOverride
	Pipeline []StageCount // leaves only
	Pos      Pos
}

// StageOverride overrides the rate and/or days of one named stage.
type StageOverride struct {
	Stage      string
	Rate       *big.Rat   // nil when not overridden
	Days       *int       // nil when not overridden
	Activities []Activity // nil when not overridden; replaces the stage's activities
	Pos        Pos
}

// Tracking holds the attainment thresholds of the traffic lights.
type Tracking struct {
	Green  *big.Rat // default 90 %
	Yellow *big.Rat // default 70 %
	Misses int      // months missed in a row that flag a node (default 3)

	Cost CostThresholds // cost metrics' utilisation thresholds (§11)
}

// Below names what the incentive pays under the ladder's start.
type Below string

// The payout rules under the ladder's start.
const (
	BelowLinear Below = "linear"
	BelowZero   Below = "zero"
)

// Incentive is the payout ladder, every rate a fraction (1 = 100 %).
type Incentive struct {
	Below Below
	Floor *big.Rat // below this attainment nothing is paid; nil when none
	From  *big.Rat // ladder start (default 100 %)
	Every *big.Rat // ladder step (default 10 %)
	Add   *big.Rat // added per step (default 15 %)
	Cap   *big.Rat // nil when uncapped

	Bonus      *big.Rat    // target bonus of every leaf, nil when none (SPEC §13)
	Commission *Commission // nil when none (SPEC §13)

	On string // "" (revenue attainment) or "kpi" (§11)
}

// Dimension returns the dimension with the given name, or nil.
func (p *Plan) Dimension(name string) *Dimension {
	for _, d := range p.Dimensions {
		if sameName(d.Name, name) {
			return d
		}
	}
	return nil
}

// DimensionNames returns the names of the dimensions in declared order.
func (p *Plan) DimensionNames() []string {
	names := make([]string, len(p.Dimensions))
	for i, d := range p.Dimensions {
		names[i] = d.Name
	}
	return names
}
