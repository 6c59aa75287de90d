package render

import (
	"io"
	"testing"

	"github.com/planhq/plan/funnel"
	"github.com/planhq/plan/plan"
)

// benchmarkExport times what `plan export` does with a generated plan of the
// given number of people (departments → teams of 25 → people, reserves and
// over-assigned teams; with withFunnel a four-stage funnel on every person):
// load, split, run the funnel, build and write the workbook.
func benchmarkExport(b *testing.B, people int, withFunnel bool) {
	text := []byte(genPlan(genOptions{People: people, OverEvery: 10, ReserveDep: true, Funnel: withFunnel}))
	var size int64
	for b.Loop() {
		p, diags := plan.Load("plan.yaml", text)
		if err := diags.Err(); err != nil {
			b.Fatal(err)
		}
		bd, err := plan.Split(p, plan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		wb := &Workbook{Breakdown: bd}
		if withFunnel {
			if wb.Funnel, err = funnel.Compute(bd); err != nil {
				b.Fatal(err)
			}
		}
		n, err := wb.WriteTo(io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		size = n
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}

// benchmarkWorkbook times the workbook alone (build and write) for a split plan.
func benchmarkWorkbook(b *testing.B, people int) {
	bd := loadSplit(b, genPlan(genOptions{People: people, OverEvery: 10, ReserveDep: true}), plan.Options{})
	for b.Loop() {
		if _, err := (&Workbook{Breakdown: bd}).WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExport20k(b *testing.B)        { benchmarkExport(b, 20_000, false) }
func BenchmarkExport100k(b *testing.B)       { benchmarkExport(b, 100_000, false) }
func BenchmarkExportFunnel20k(b *testing.B)  { benchmarkExport(b, 20_000, true) }
func BenchmarkExportFunnel100k(b *testing.B) { benchmarkExport(b, 100_000, true) }
func BenchmarkWorkbook20k(b *testing.B)      { benchmarkWorkbook(b, 20_000) }
func BenchmarkWorkbook100k(b *testing.B)     { benchmarkWorkbook(b, 100_000) }
