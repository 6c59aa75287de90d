package dashboard

import (
	"html"
	"html/template"
	"strings"
)

// bar is one column of a bar chart: its label, its value and, optionally, a
// second value drawn beside it (actuals against targets).
type bar struct {
	Label  string
	Value  Num
	Second *Num
	Group  string // a group label (a quarter), drawn once under its first bar
	Total  *Num   // the group's total, drawn with its label
}

// chart is a bar chart with an optional cumulative line (as fractions of
// the year's total, 0–1, one per bar) and an optional second line.
type chart struct {
	Bars       []bar
	Cumulative []float64 // the plan's cumulative line, nil for none
	Actual     []float64 // the actuals' cumulative line (may be shorter), nil for none
	ZH         bool
	Class      string // extra class of the svg element
	Title      string // the chart's accessible title
}

// Chart geometry, in the viewBox's units.
const (
	chartW      = 760.0
	chartH      = 280.0
	chartLeft   = 8.0
	chartRight  = 8.0
	chartTop    = 22.0
	chartBottom = 52.0
)

// svg draws the chart as an inline SVG element that scales with its box.
func (c chart) svg() template.HTML {
	var b strings.Builder
	n := len(c.Bars)
	if n == 0 {
		return ""
	}
	max := 0.0
	for _, br := range c.Bars {
		if v := float(br.Value.Val); v > max {
			max = v
		}
		if br.Second != nil {
			if v := float(br.Second.Val); v > max {
				max = v
			}
		}
	}
	if max <= 0 {
		max = 1
	}
	plotH := chartH - chartTop - chartBottom
	slot := (chartW - chartLeft - chartRight) / float64(n)
	b.WriteString(`<svg class="chart ` + html.EscapeString(c.Class) + `" viewBox="0 0 ` + fmtCoord(chartW) + ` ` + fmtCoord(chartH) +
		`" role="img" preserveAspectRatio="xMidYMid meet"><title>` + html.EscapeString(c.Title) + `</title>`)
	base := chartTop + plotH
	b.WriteString(`<line class="axis" x1="` + fmtCoord(chartLeft) + `" y1="` + fmtCoord(base) + `" x2="` + fmtCoord(chartW-chartRight) + `" y2="` + fmtCoord(base) + `"/>`)
	for i, br := range c.Bars {
		x := chartLeft + float64(i)*slot
		w := slot * 0.7
		if br.Second != nil {
			w = slot * 0.38
		}
		h := float(br.Value.Val) / max * plotH
		if h < 0 {
			h = 0
		}
		bx := x + slot*0.15
		b.WriteString(`<rect class="col" x="` + fmtCoord(bx) + `" y="` + fmtCoord(base-h) + `" width="` + fmtCoord(w) + `" height="` + fmtCoord(h) + `"/>`)
		if br.Second != nil {
			h2 := float(br.Second.Val) / max * plotH
			if h2 < 0 {
				h2 = 0
			}
			b.WriteString(`<rect class="col2" x="` + fmtCoord(bx+w+slot*0.02) + `" y="` + fmtCoord(base-h2) + `" width="` + fmtCoord(w) + `" height="` + fmtCoord(h2) + `"/>`)
		}
		cx := x + slot/2
		b.WriteString(`<text class="val" x="` + fmtCoord(cx) + `" y="` + fmtCoord(base-h-4) + `" text-anchor="middle"` + br.Value.attrs() + `>` +
			html.EscapeString(br.Value.Text) + `</text>`)
		b.WriteString(`<text class="lbl" x="` + fmtCoord(cx) + `" y="` + fmtCoord(base+14) + `" text-anchor="middle">` + html.EscapeString(br.Label) + `</text>`)
		if br.Group != "" {
			gx := cx + slot
			label := br.Group
			b.WriteString(`<text class="grp" x="` + fmtCoord(gx) + `" y="` + fmtCoord(base+32) + `" text-anchor="middle">` + html.EscapeString(label) + `</text>`)
			if br.Total != nil {
				b.WriteString(`<text class="grpv" x="` + fmtCoord(gx) + `" y="` + fmtCoord(base+46) + `" text-anchor="middle"` + br.Total.attrs() + `>` +
					html.EscapeString(br.Total.Text) + `</text>`)
			}
		}
	}
	line := func(class string, pts []float64) {
		if len(pts) == 0 {
			return
		}
		var p strings.Builder
		for i, f := range pts {
			if i > 0 {
				p.WriteByte(' ')
			}
			x := chartLeft + (float64(i)+0.5)*slot
			p.WriteString(fmtCoord(x) + "," + fmtCoord(base-f*plotH))
		}
		b.WriteString(`<polyline class="` + class + `" points="` + p.String() + `"/>`)
		last := len(pts) - 1
		b.WriteString(`<circle class="` + class + `" cx="` + fmtCoord(chartLeft+(float64(last)+0.5)*slot) + `" cy="` + fmtCoord(base-pts[last]*plotH) + `" r="3"/>`)
	}
	line("cum", c.Cumulative)
	line("cumact", c.Actual)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// funnelStage is one stage of the funnel drawing.
type funnelStage struct {
	Name     string
	Required Num
}

// funnelSVG draws the stage totals as a funnel: one centred band per stage,
// its width in proportion to how many must pass through it.
func funnelSVG(stages []funnelStage, title string) template.HTML {
	if len(stages) == 0 {
		return ""
	}
	const w, rowH, gap = 560.0, 34.0, 6.0
	h := float64(len(stages))*(rowH+gap) + gap
	max := 0.0
	for _, s := range stages {
		if v := float(s.Required.Val); v > max {
			max = v
		}
	}
	if max <= 0 {
		max = 1
	}
	var b strings.Builder
	b.WriteString(`<svg class="chart funnel" viewBox="0 0 ` + fmtCoord(w) + ` ` + fmtCoord(h) + `" role="img"><title>` + html.EscapeString(title) + `</title>`)
	for i, s := range stages {
		bw := float(s.Required.Val) / max * (w - 200)
		if bw < 4 {
			bw = 4
		}
		y := gap + float64(i)*(rowH+gap)
		x := 100 + (w-200-bw)/2
		b.WriteString(`<rect class="stage s` + itoa(i%6) + `" x="` + fmtCoord(x) + `" y="` + fmtCoord(y) + `" width="` + fmtCoord(bw) + `" height="` + fmtCoord(rowH) + `" rx="3"/>`)
		b.WriteString(`<text class="lbl" x="92" y="` + fmtCoord(y+rowH/2+4) + `" text-anchor="end">` + html.EscapeString(s.Name) + `</text>`)
		b.WriteString(`<text class="val" x="` + fmtCoord(w-92) + `" y="` + fmtCoord(y+rowH/2+4) + `" text-anchor="start"` + s.Required.attrs() + `>` +
			html.EscapeString(s.Required.Text) + `</text>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func itoa(i int) string {
	return string(rune('0' + i))
}
