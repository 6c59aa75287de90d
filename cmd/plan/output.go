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
// given (see outputFile). Before anything is written, the path is checked
// against the inputs the command read: -o never replaces an input.
func withOutput(cmd *cobra.Command, path string, write func(io.Writer) error) error {
	return withOutputOf(cmd, nil, path, write)
}

// withOutputOf is withOutput that also refuses the inputs in ins (nil: none
// but those read through a Factory, which registers itself).
func withOutputOf(cmd *cobra.Command, ins *inputSet, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(cmd.OutOrStdout())
	}
	of := &outputFile{path: path, inputs: ins}
	if ins == nil {
		of.inputs = inputsOf(cmd)
	}
	if err := write(of); err != nil {
		of.abort()
		return err
	}
	return of.commit()
}

// outputFile is an io.Writer onto an output file, opened when the first byte
// is written (so a run that fails before writing leaves nothing):
//   - a regular file (new or existing) is written atomically: to a temporary
//     file beside it, renamed into place by commit and removed by abort or by
//     an interrupting signal. A new file gets 0666 less the umask; a replaced
//     file keeps its mode.
//   - a symbolic link is followed: its target is written (atomically), the
//     link stays.
//   - a device or a FIFO (/dev/null, /dev/stdout) is written straight through.
//   - an input of the command is refused: nothing is written.
type outputFile struct {
	path   string    // as given, for messages
	inputs *inputSet // the command's inputs, refused as outputs
	target string    // path with symbolic links resolved
	tmp    *os.File  // the temporary file of an atomic write
	direct *os.File  // a device or FIFO written straight through
	err    error
}

func (o *outputFile) fail(err error) error {
	o.err = &outputError{path: o.path, err: unwrapPath(err)}
	return o.err
}

func (o *outputFile) open() error {
	if o.tmp != nil || o.direct != nil || o.err != nil {
		return o.err
	}
	target, err := resolveLinks(o.path)
	if err != nil {
		return o.fail(err)
	}
	o.target = target
	if err := o.inputs.refuse(o.path); err != nil {
		o.err = err
		return err
	}
	fi, err := os.Stat(target)
	switch {
	case err == nil && fi.IsDir():
		return o.fail(errors.New("is a directory"))
	case err == nil && !fi.Mode().IsRegular():
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return o.fail(err)
		}
		o.direct = f
		return nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return o.fail(err)
	}
	mode := fs.FileMode(0o666) // less the umask, applied by the system
	keep := err == nil
	if keep {
		mode = fi.Mode().Perm()
	}
	tmp, err := createTemp(target, mode)
	if err != nil {
		return o.fail(err)
	}
	if keep {
		// The umask may have taken bits the file had: give them back.
		if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
			tmp.Close()
			dropTemp(tmp.Name())
			return o.fail(err)
		}
	}
	o.tmp = tmp
	return nil
}

func (o *outputFile) Write(p []byte) (int, error) {
	if err := o.open(); err != nil {
		return 0, err
	}
	f := o.tmp
	if f == nil {
		f = o.direct
	}
	n, err := f.Write(p)
	if err != nil {
		return n, o.fail(err)
	}
	return n, nil
}

func (o *outputFile) abort() {
	if o.tmp != nil {
		o.tmp.Close()
		dropTemp(o.tmp.Name())
		o.tmp = nil
	}
	if o.direct != nil {
		o.direct.Close()
		o.direct = nil
	}
}

func (o *outputFile) commit() error {
	if err := o.open(); err != nil {
		return err
	}
	if o.direct != nil {
		f := o.direct
		o.direct = nil
		if err := f.Close(); err != nil {
			return o.fail(err)
		}
		return nil
	}
	tmp := o.tmp
	o.tmp = nil
	if err := tmp.Close(); err != nil {
		dropTemp(tmp.Name())
		return o.fail(err)
	}
	if err := os.Rename(tmp.Name(), o.target); err != nil {
		dropTemp(tmp.Name())
		return o.fail(err)
	}
	forgetTemp(tmp.Name())
	return nil
}

// resolveLinks follows symbolic links in path's last element (a link to a
// link too) and returns the file they lead to, which need not exist.
func resolveLinks(path string) (string, error) {
	for hops := 0; ; hops++ {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		if hops == 40 {
			return "", errors.New("too many levels of symbolic links")
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
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
