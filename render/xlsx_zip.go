package render

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// sortedZip is the excelize.ZipWriter of every workbook this package writes.
// excelize writes the parts of streamed sheets in map order, so the same
// workbook could come out as different bytes; sortedZip compresses each part as
// it comes and writes them all on Close in a fixed order
// ([Content_Types].xml first, then by name), every entry stamped with the same
// time. The same workbook is then byte-identical on every run.
type sortedZip struct {
	w       io.Writer
	mod     time.Time
	entries []*zipEntry
	cur     *zipEntry
}

// zipEntry is one compressed part waiting to be written.
type zipEntry struct {
	name string
	data bytes.Buffer
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
	cols *colsSorter // worksheets: sorts the <col> elements on the way in
}

func (e *zipEntry) Write(p []byte) (int, error) {
	if e.cols != nil {
		return e.cols.Write(p)
	}
	return e.write(p)
}

// writer is the entry's raw writer, under the <col> sorter.
type entryWriter struct{ e *zipEntry }

func (w entryWriter) Write(p []byte) (int, error) { return w.e.write(p) }

func (e *zipEntry) write(p []byte) (int, error) {
	e.crc.Write(p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
}

// newSortedZip returns the zip writer constructor excelize calls on save.
func newSortedZip(mod time.Time) func(io.Writer) excelize.ZipWriter {
	return func(w io.Writer) excelize.ZipWriter {
		return &sortedZip{w: w, mod: mod}
	}
}

// Create starts a new part; the previous one is complete.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	e := &zipEntry{name: name, crc: crc32.NewIEEE()}
	fw, err := flate.NewWriter(&e.data, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	e.fw = fw
	if strings.HasPrefix(name, "xl/worksheets/sheet") && strings.HasSuffix(name, ".xml") {
		e.cols = &colsSorter{w: entryWriter{e}}
	}
	z.cur = e
	z.entries = append(z.entries, e)
	return e, nil
}

// AddFS is not used by excelize when saving; it is refused rather than
// silently written out of order.
func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("xlsx: adding a file system to the workbook is not supported")
}

func (z *sortedZip) finish() error {
	if z.cur == nil {
		return nil
	}
	if c := z.cur.cols; c != nil {
		if err := c.flush(); err != nil {
			return err
		}
	}
	err := z.cur.fw.Close()
	z.cur = nil
	return err
}

// Close writes every part in order and the zip's central directory.
func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	sort.SliceStable(z.entries, func(i, j int) bool {
		a, b := z.entries[i].name, z.entries[j].name
		if (a == contentTypesPart) != (b == contentTypesPart) {
			return a == contentTypesPart
		}
		return a < b
	})
	zw := zip.NewWriter(z.w)
	date, clock := msDosTime(z.mod)
	for _, e := range z.entries {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name:               e.name,
			CreatorVersion:     zipVersion20,
			ReaderVersion:      zipVersion20,
			Method:             zip.Deflate,
			Modified:           z.mod,
			ModifiedTime:       clock,
			ModifiedDate:       date,
			CRC32:              e.crc.Sum32(),
			CompressedSize64:   uint64(e.data.Len()),
			UncompressedSize64: e.size,
		})
		if err != nil {
			return err
		}
		if _, err := e.data.WriteTo(w); err != nil {
			return err
		}
	}
	return zw.Close()
}

// zipVersion20 is the zip version (2.0, deflate) a reader needs for the parts.
const zipVersion20 = 20

// msDosTime is t's zip (MS-DOS) date and time, which CreateRaw leaves to its
// caller; times before 1980 are written as 1980-01-01.
func msDosTime(t time.Time) (date, clock uint16) {
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// contentTypesPart is the part OOXML readers look for first.
const contentTypesPart = "[Content_Types].xml"
