package dashboard

import (
	"bytes"
	_ "embed"
	"errors"
	"html/template"
	"io"
)

//go:embed page.html.tmpl
var pageTemplate string

//go:embed page.css
var pageCSS string

var tmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"indent": func(n int) template.CSS { return template.CSS("padding-left:" + fmtCoord(float64(n)*1.2) + "em") },
	"width":  func(s string) template.CSS { return template.CSS("width:" + s) },
	"css":    func() template.CSS { return template.CSS(pageCSS) },
	"add":    func(a, b int) int { return a + b },
}).Parse(pageTemplate))

// provenance says where the page's numbers come from.
type provenance struct {
	Source, SHA256, GitCommit, GitState string
}

// Page is the dashboard of one plan: the JSON reports it shows (by the Doc…
// names; split and quarters are required, the rest optional) and where the
// plan file came from.
type Page struct {
	Reports   map[string][]byte
	Source    string // the plan file, relative to its git work tree when in one
	SHA256    string // hex SHA-256 of the plan file
	GitCommit string // "" outside git
	GitState  string // clean, modified or untracked
}

// WriteTo writes the page. The same reports give the same bytes.
func (p *Page) WriteTo(w io.Writer) (int64, error) {
	docs := map[string]*doc{}
	for name, data := range p.Reports {
		if data == nil {
			continue
		}
		d, err := parseDoc(name, data)
		if err != nil {
			return 0, err
		}
		docs[name] = d
	}
	if docs[DocSplit] == nil || docs[DocQuarters] == nil {
		return 0, errors.New("dashboard: the split reports by month and by quarter are required")
	}
	v := build(docs, provenance{Source: p.Source, SHA256: p.SHA256, GitCommit: p.GitCommit, GitState: p.GitState})
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, v); err != nil {
		return 0, err
	}
	return buf.WriteTo(w)
}
