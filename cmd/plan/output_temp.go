package main

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
)

// tempFiles are the temporary files of the atomic writes under way. A signal
// that ends the process (Ctrl-C, SIGTERM) removes them first, so an
// interrupted run leaves nothing behind. It is the one piece of process-wide
// state of the command: a signal reaches the process, not a command.
var tempFiles = struct {
	sync.Mutex
	names map[string]bool
	done  bool // a signal arrived: no new temporary file may appear
}{names: map[string]bool{}}

// createTemp creates a new temporary file beside target (.NAME.RANDOM.tmp)
// with the given mode (less the umask) and registers it for removal on a
// signal.
func createTemp(target string, mode fs.FileMode) (*os.File, error) {
	dir, base := filepath.Split(target)
	tempFiles.Lock()
	defer tempFiles.Unlock()
	if tempFiles.done {
		return nil, errors.New("interrupted")
	}
	for range 100 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, mode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		tempFiles.names[name] = true
		return f, nil
	}
	return nil, errors.New("cannot find a free temporary file name")
}

// dropTemp removes a temporary file and forgets it.
func dropTemp(name string) {
	tempFiles.Lock()
	defer tempFiles.Unlock()
	os.Remove(name)
	delete(tempFiles.names, name)
}

// forgetTemp forgets a temporary file that was renamed into place.
func forgetTemp(name string) {
	tempFiles.Lock()
	defer tempFiles.Unlock()
	delete(tempFiles.names, name)
}

// removeTemps removes every registered temporary file and refuses new ones.
func removeTemps() {
	tempFiles.Lock()
	defer tempFiles.Unlock()
	tempFiles.done = true
	for name := range tempFiles.names {
		os.Remove(name)
		delete(tempFiles.names, name)
	}
}

// cleanUpOnSignal makes SIGINT and SIGTERM remove the temporary files and end
// the process through exit with the shell's status for the signal (130, 143).
// The returned function stops listening.
func cleanUpOnSignal(exit func(code int)) (stop func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	quit := make(chan struct{})
	go func() {
		select {
		case s := <-c:
			removeTemps()
			code := 130
			if s == syscall.SIGTERM {
				code = 143
			}
			exit(code)
		case <-quit:
		}
	}()
	return func() {
		signal.Stop(c)
		close(quit)
	}
}
