package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// formatFromExt guesses a format from an output file's extension.
func formatFromExt(path, fallback string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return "csv"
	case ".json":
		return "json"
	case ".md", ".markdown":
		return "markdown"
	case ".xlsx":
		return "xlsx"
	case ".txt":
		return "table"
	}
	return fallback
}

// withOutput runs write against stdout, or against the file path when one is
// given. A file is written atomically: to a temporary file beside it, created
// only when the first byte is written, renamed into place when write succeeds
// and removed when it fails, so a failed run never leaves a half-written file
// and an existing file is untouched.
func withOutput(cmd *cobra.Command, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(cmd.OutOrStdout())
	}
	af := &atomicFile{path: path}
	if err := write(af); err != nil {
		af.abort()
		return err
	}
	return af.commit()
}

// atomicFile is an io.Writer that writes to a temporary file opened lazily and
// renamed to path on commit.
type atomicFile struct {
	path string
	tmp  *os.File
	err  error
}

func (a *atomicFile) open() error {
	if a.tmp != nil || a.err != nil {
		return a.err
	}
	dir := filepath.Dir(a.path)
	if fi, err := os.Stat(a.path); err == nil && fi.IsDir() {
		a.err = &outputError{path: a.path, err: errors.New("is a directory")}
		return a.err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(a.path)+".*.tmp")
	if err != nil {
		a.err = &outputError{path: a.path, err: unwrapPath(err)}
		return a.err
	}
	a.tmp = tmp
	return nil
}

func (a *atomicFile) Write(p []byte) (int, error) {
	if err := a.open(); err != nil {
		return 0, err
	}
	n, err := a.tmp.Write(p)
	if err != nil {
		a.err = &outputError{path: a.path, err: unwrapPath(err)}
		return n, a.err
	}
	return n, nil
}

func (a *atomicFile) abort() {
	if a.tmp != nil {
		a.tmp.Close()
		os.Remove(a.tmp.Name())
		a.tmp = nil
	}
}

func (a *atomicFile) commit() error {
	if err := a.open(); err != nil {
		return err
	}
	tmp := a.tmp
	a.tmp = nil
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return &outputError{path: a.path, err: unwrapPath(err)}
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return &outputError{path: a.path, err: unwrapPath(err)}
	}
	if err := os.Rename(tmp.Name(), a.path); err != nil {
		os.Remove(tmp.Name())
		return &outputError{path: a.path, err: unwrapPath(err)}
	}
	return nil
}

// outputError is a failure to write the output file.
type outputError struct {
	path string
	err  error
}

func (e *outputError) Error() string { return fmt.Sprintf("cannot write %s: %v", e.path, e.err) }

// readError describes a failure to read an input file, without Go's "open" prefix.
func readError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", path)
	}
	return fmt.Errorf("%s: %v", path, unwrapPath(err))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
