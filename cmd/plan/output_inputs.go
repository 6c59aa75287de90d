package main

import (
	"context"
	"os"
	"path/filepath"
	"sync"

	"github.com/spf13/cobra"

	"github.com/planhq/plan/plan"
)

// inputSet is the files a command reads (the plan, the actuals, the
// receivables, anything read later), registered as they are read, so that -o
// can refuse to replace one of them.
type inputSet struct {
	mu    sync.Mutex
	paths []string
}

// add registers a file as an input.
func (s *inputSet) add(path string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paths = append(s.paths, path)
}

// recording wraps a file reader so that every file it reads is an input.
func (s *inputSet) recording(read func(string) ([]byte, error)) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		s.add(name)
		return read(name)
	}
}

// refuse returns an error when out is one of the inputs: the same file
// (os.SameFile, so links and other spellings of the path count) or the same
// cleaned absolute path.
func (s *inputSet) refuse(out string) error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ofi, oerr := os.Stat(out)
	oabs, _ := filepath.Abs(out)
	for _, in := range s.paths {
		same := false
		if ifi, err := os.Stat(in); err == nil && oerr == nil {
			same = os.SameFile(ifi, ofi)
		}
		if iabs, _ := filepath.Abs(in); iabs == oabs {
			same = true
		}
		if same {
			return plan.Problemf("write the output to another file",
				"-o %s would replace the input %s; nothing was written", plan.Quote(out), plan.Quote(in))
		}
	}
	return nil
}

type inputsKey struct{}

// withInputs returns a context carrying the command's input set.
func withInputs(ctx context.Context, s *inputSet) context.Context {
	return context.WithValue(ctx, inputsKey{}, s)
}

// inputsOf returns the input set of the running command (nil outside run).
func inputsOf(cmd *cobra.Command) *inputSet {
	ctx := cmd.Context()
	if ctx == nil {
		return nil
	}
	s, _ := ctx.Value(inputsKey{}).(*inputSet)
	return s
}
