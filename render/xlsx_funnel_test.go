package render

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planhq/plan/plan"
)

// The leaves' rows of the funnel sheet are encoded without excelize's SetRow
// (xlsx_funnel_rows.go); these tests require the very bytes SetRow writes.

// bySetRow writes a workbook with every funnel row written by SetRow.
func bySetRow(t *testing.T, wb *Workbook) []byte {
	t.Helper()
	funnelRowsBySetRow = true
	defer func() { funnelRowsBySetRow = false }()
	return writeBook(t, wb)
}

// TestFunnelRowsSameWorkbook writes workbooks with a funnel both ways and
// requires the same bytes: examples with overrides, pipelines and the whole
// target, generated plans in both languages, display units, formulas without
// cached results, and names that need escaping.
func TestFunnelRowsSameWorkbook(t *testing.T) {
	example := func(dir string) string {
		data, err := os.ReadFile("../examples/" + dir + "/plan.yaml")
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	escaping := strings.NewReplacer("张伟000001", "A&B <x> \"q\" 'a'", "王伟000002", " 前后空格 ", "李伟000003", "emoji 🚀 end",
		"团队0001", "R&D", "明星产品A", "<产品>").Replace(genPlan(genOptions{People: 60, TeamSize: 10, Funnel: true}))
	tests := []struct {
		name   string
		text   string
		units  DisplayUnit
		cached bool
		splice bool // whether the rows are spliced (else SetRow writes them anyway)
	}{
		{"company", example("company"), "", true, true},
		{"funnel-stages", example("funnel-stages"), "", true, true},
		{"funnel-seed (whole target)", example("funnel-seed"), "", true, true},
		{"generated", genPlan(genOptions{People: 400, OverEvery: 5, ReserveDep: true, Funnel: true}), UnitsWan, true, true},
		{"english, no cached results", genPlan(genOptions{People: 120, English: true, Round: "0.01", Funnel: true}), "", false, true},
		{"names to escape", escaping, UnitsMillion, true, true},
		{"a name SetRow would transform", strings.Replace(escaping, "R&D", "R_x0041_D", 1), "", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := loadSplit(t, tt.text, plan.Options{})
			res := funnelOf(t, b)
			if res == nil {
				t.Fatal("no funnel")
			}
			fw := &funnelWriter{res: res, text: labelsFor(b.Plan).funnel()}
			if got := fw.spliceable(); got != tt.splice {
				t.Fatalf("spliceable %v, want %v", got, tt.splice)
			}
			wb := &Workbook{Breakdown: b, Funnel: res, Units: tt.units, Provenance: testProvenance, omitCached: !tt.cached}
			got, want := writeBook(t, wb), bySetRow(t, wb)
			if !bytes.Equal(got, want) {
				gs, ws := funnelPart(t, got), funnelPart(t, want)
				i := 0
				for i < min(len(gs), len(ws)) && gs[i] == ws[i] {
					i++
				}
				t.Fatalf("workbooks differ (%d and %d bytes); the funnel sheets first at byte %d:\n got: %.200s\nwant: %.200s",
					len(got), len(want), i, gs[max(0, i-80):], ws[max(0, i-80):])
			}
		})
	}
}

// funnelPart returns the largest worksheet part of a workbook: the funnel
// sheet in these tests.
func funnelPart(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	best := ""
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if len(b) > len(best) {
			best = string(b)
		}
	}
	return best
}

// randomCell draws a cell of a kind the funnel sheet has: a number (int,
// int64, float64 of any magnitude), a text with characters to escape and white
// space at its ends, a formula with a number or no cached result.
func randomCell(rng *rand.Rand) *excelize.Cell {
	c := &excelize.Cell{StyleID: []int{0, 1, 2, 9, 10, 123}[rng.IntN(6)]}
	switch rng.IntN(5) {
	case 0:
		c.Value = rng.IntN(2000) - 1000
	case 1:
		c.Value = []int64{0, 1, -1, math.MaxInt64, math.MinInt64, rng.Int64(), rng.Int64N(1000)}[rng.IntN(7)]
	case 2:
		c.Value = randomFloat(rng)
	case 3:
		c.Value = randomText(rng)
	default:
		c.Formula = randomText(rng)
		switch rng.IntN(3) {
		case 0:
		case 1:
			c.Value = rng.Int64N(1_000_000)
		default:
			c.Value = randomFloat(rng)
		}
	}
	return c
}

func randomFloat(rng *rand.Rand) float64 {
	switch rng.IntN(6) {
	case 0:
		return []float64{0, math.Copysign(0, -1), 0.1, 0.3, 1.0 / 3, 2.0 / 3, 0.7, 1e15, 1e16 + 1, 123456789012345678, math.MaxFloat64, -math.MaxFloat64,
			math.SmallestNonzeroFloat64, 5e-324, 1e-7, 0.000123456789012345678, 99999999999999.99, 1e21, 1e300}[rng.IntN(19)]
	case 1:
		return float64(rng.Int64N(1e15)) / 100
	case 2:
		return math.Float64frombits(rng.Uint64()&^(0x7ff<<52) | uint64(rng.IntN(0x7ff))<<52) // finite, any exponent
	default:
		return (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(40)-20))
	}
}

// randomText draws a plain text: letters, CJK, emoji, XML's special
// characters, white space (often at the ends), or nothing.
func randomText(rng *rand.Rand) string {
	parts := []string{"a", "Z", "9", "张", "漏斗", "🚀", "&", "<", ">", "\"", "'", " ", "\t", "\n", "\r", "_", "x", "/", "SUM(K2:V2)", "é", "\u00a0", "&amp;"}
	var b strings.Builder
	for range rng.IntN(8) {
		b.WriteString(parts[rng.IntN(len(parts))])
	}
	if s := b.String(); plainText(s) {
		return s
	}
	return "plain"
}

// setRowXML is what SetRow writes for rows (each from column 1): the sheet's
// data, between <sheetData> and </sheetData>.
func setRowXML(t *testing.T, rows [][]any, opts []excelize.RowOpts) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if err := sw.SetRow(cellRef(1, i+1), r, opts[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := zf.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			s := string(data)
			return s[strings.Index(s, "<sheetData>")+len("<sheetData>") : strings.Index(s, "</sheetData>")]
		}
	}
	t.Fatal("no sheet1.xml")
	return ""
}

// TestRowEncoderMatchesSetRow encodes thousands of random rows (random cells,
// row options) and compares them with what SetRow writes.
func TestRowEncoderMatchesSetRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	var rows [][]any
	var opts []excelize.RowOpts
	for range 3000 {
		n := 1 + rng.IntN(funnelColumn)
		r := make([]any, n)
		for i := range r {
			if rng.IntN(4) > 0 {
				r[i] = randomCell(rng)
			}
		}
		rows = append(rows, r)
		var o excelize.RowOpts
		if rng.IntN(3) == 0 {
			o = excelize.RowOpts{OutlineLevel: rng.IntN(8), Hidden: rng.IntN(5) == 0, StyleID: rng.IntN(3), Height: []float64{0, 15, 20.25}[rng.IntN(3)]}
		}
		opts = append(opts, o)
	}
	var buf bytes.Buffer
	enc := newRowEncoder(&buf)
	for i, r := range rows {
		if err := enc.row(i+1, r, opts[i]); err != nil {
			t.Fatalf("row %d: %v", i+1, err)
		}
	}
	if err := enc.flush(true); err != nil {
		t.Fatal(err)
	}
	got, want := buf.String(), setRowXML(t, rows, opts)
	if got != want {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("the encoder differs from SetRow at byte %d:\n got: %.160s\nwant: %.160s", i, got[max(0, i-60):], want[max(0, i-60):])
	}
}

// TestRowEncoderRefuses checks that text SetRow would transform beyond
// escaping, and values the sheet never has, are refused rather than written
// differently.
func TestRowEncoderRefuses(t *testing.T) {
	for _, v := range []any{"a_x0041_b", "\xff", strings.Repeat("a", excelize.TotalCellChars+1), math.NaN(), math.Inf(1), true, uint8(1)} {
		enc := newRowEncoder(io.Discard)
		if err := enc.row(2, []any{&excelize.Cell{Value: v}}, excelize.RowOpts{}); err == nil {
			t.Errorf("%T %.20v: encoded", v, v)
		}
	}
	if err := newRowEncoder(io.Discard).row(2, []any{&excelize.Cell{Formula: "A1", Value: "text"}}, excelize.RowOpts{}); err == nil {
		t.Error("a formula with a text result: encoded")
	}
}

// TestSplicer feeds a part with the marker row in every chunking and checks
// that the rows replace it exactly once; a part without it fails on Close.
func TestSplicer(t *testing.T) {
	part := `<worksheet><sheetData><row r="1"><c r="A1"></c></row>` + markerRow + `<row r="9"></row></sheetData></worksheet>`
	want := strings.Replace(part, markerRow, `<row r="2">ROWS</row>`, 1)
	rows := func(w io.Writer) error { _, err := io.WriteString(w, `<row r="2">ROWS</row>`); return err }
	for size := 1; size <= len(part); size++ {
		var out bytes.Buffer
		z := &funnelZip{ZipWriter: fakeZip{&out}, part: "p", rows: rows}
		w, _ := z.Create("p")
		for i := 0; i < len(part); i += size {
			if n, err := w.Write([]byte(part[i:min(i+size, len(part))])); err != nil || n != min(size, len(part)-i) {
				t.Fatalf("write: %d, %v", n, err)
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Fatalf("chunks of %d: %q", size, out.String())
		}
	}
	z := &funnelZip{ZipWriter: fakeZip{io.Discard}, part: "p", rows: rows}
	w, _ := z.Create("p")
	io.WriteString(w, "<worksheet/>")
	if err := z.Close(); err == nil {
		t.Error("a part without the marker closed without an error")
	}
}

// fakeZip writes every part to one writer.
type fakeZip struct{ w io.Writer }

func (z fakeZip) Create(string) (io.Writer, error) { return z.w, nil }
func (fakeZip) AddFS(fs.FS) error                  { return errors.New("no") }
func (fakeZip) Close() error                       { return nil }
