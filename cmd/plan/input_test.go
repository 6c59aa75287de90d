package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestEndlessInputEnds checks that an input that never ends (/dev/zero) ends
// in a clear error (exit 1) instead of being read until memory runs out. An
// unbounded read would never return: go test's own timeout fails it. There is
// no wall-clock bound here: on a loaded machine reading 256 MiB can take long.
func TestEndlessInputEnds(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	var stderr bytes.Buffer
	code := run([]string{"validate", "/dev/zero"}, nil, &bytes.Buffer{}, &stderr)
	if code != exitInvalid {
		t.Errorf("exit %d, want %d; stderr %s", code, exitInvalid, stderr.String())
	}
	if !strings.Contains(stderr.String(), "/dev/zero: larger than 256 MiB") {
		t.Errorf("stderr %q does not say the input is too large", stderr.String())
	}
}
