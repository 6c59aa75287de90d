package main

import (
	"fmt"
	"io"
	"os"
)

// maxInputSize bounds what plan reads of any input file (256 MiB). The loader
// refuses plans above 16 MiB and a million-row actuals file is about 50 MB;
// the bound makes an endless input (/dev/zero, a FIFO that never closes) end
// in an error instead of reading until memory runs out.
const maxInputSize = 256 << 20

// readInput reads a whole input file, at most maxInputSize bytes.
func readInput(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxInputSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInputSize {
		return nil, fmt.Errorf("larger than %d MiB", maxInputSize>>20)
	}
	return data, nil
}
