package render

import (
	"bytes"
	"io"
	"math/big"
	"strings"
	"testing"

	"github.com/planhq/plan/plan"
)

// fixedReport is a report of given sections and records.
type fixedReport struct {
	sections []Section
	records  [][]string
}

func (r fixedReport) Sections() []Section { return r.sections }
func (r fixedReport) Records(emit func([]string) error) error {
	for _, rec := range r.records {
		if err := emit(rec); err != nil {
			return err
		}
	}
	return nil
}
func (r fixedReport) WriteJSON(w io.Writer) error { return nil }

func TestCSVDefusesFormulas(t *testing.T) {
	rep := fixedReport{records: [][]string{
		{"name", "amount"},
		{"=HYPERLINK(\"http://x\")", "-1200"},
		{"+cmd|' /C calc'!A0", "-0.5"},
		{"-2+3", "+7"},
		{"@SUM(A1)", "1e3"},
		{"\tTab", "0"},
		{"\rCR", "12"},
		{"销售部/大客户组/张伟", "-"},
	}}
	var b bytes.Buffer
	if err := (csvFormat{}).Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	want := "name,amount\n" +
		"\"'=HYPERLINK(\"\"http://x\"\")\",-1200\n" +
		"'+cmd|' /C calc'!A0,-0.5\n" +
		"'-2+3,+7\n" +
		"'@SUM(A1),1e3\n" +
		"'\tTab,0\n" +
		"\"'\rCR\",12\n" +
		"销售部/大客户组/张伟,'-\n"
	if b.String() != want {
		t.Errorf("got:\n%q\nwant:\n%q", b.String(), want)
	}
}

func TestMarkdownEscapesHTML(t *testing.T) {
	rep := fixedReport{sections: []Section{{
		Title:   "<b>plan</b>",
		Columns: []Column{{Name: "NODE <i>"}, {Name: "AMOUNT", Align: Right}},
		Rows:    [][]string{{"<img src=x onerror=alert(1)>", "1"}, {"a & b | c", "2"}},
	}}}
	var b bytes.Buffer
	if err := (markdownFormat{}).Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<img", "<i>", "<b>"} {
		if strings.Contains(out, bad) {
			t.Errorf("raw HTML %q in:\n%s", bad, out)
		}
	}
	for _, good := range []string{"&lt;img src=x onerror=alert(1)&gt;", "a &amp; b \\| c", "NODE &lt;i&gt;"} {
		if !strings.Contains(out, good) {
			t.Errorf("%q missing in:\n%s", good, out)
		}
	}
}

func TestAttainmentShownAsDecided(t *testing.T) {
	tr := plan.Tracking{Green: big.NewRat(9, 10), Yellow: big.NewRat(7, 10)}
	a := big.NewRat(8998, 10000)
	if got := attainmentPercent(tr, a); got != "89.9%" {
		t.Errorf("table: 89.98%% shows as %s, want 89.9%%", got)
	}
	if got := Percent(big.NewRat(9123, 10000)); got != attainmentPercent(tr, big.NewRat(9123, 10000)) {
		t.Errorf("an attainment away from the thresholds is rounded as before: %s", got)
	}
	near := new(big.Rat).SetFrac64(8999999999999, 10000000000000)
	if got := attainmentFraction(tr, near); got != "0.8999999999" {
		t.Errorf("csv: %s", got)
	}
	if v := attainmentValue(tr, a); v.Cmp(big.NewRat(899, 1000)) != 0 {
		t.Errorf("workbook value %s, want 0.899", v.FloatString(4))
	}
	if f, _ := attainmentCell(tr, "D5/C5", a); !strings.Contains(f, "ROUNDDOWN(D5/C5,3)") {
		t.Errorf("workbook formula %s", f)
	}
}
