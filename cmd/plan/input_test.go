package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

// TestEndlessInputEnds checks that an input that never ends (/dev/zero) ends
// in a clear error (exit 1) instead of being read until memory runs out.
func TestEndlessInputEnds(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() { done <- run([]string{"validate", "/dev/zero"}, nil, &bytes.Buffer{}, &stderr) }()
	select {
	case code := <-done:
		if code != exitInvalid {
			t.Errorf("exit %d, want %d; stderr %s", code, exitInvalid, stderr.String())
		}
		if !strings.Contains(stderr.String(), "/dev/zero: larger than 256 MiB") {
			t.Errorf("stderr %q does not say the input is too large", stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("plan validate /dev/zero is still reading after 20 s (it reads until memory runs out)")
	}
}
