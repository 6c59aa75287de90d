package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// runPlan runs the command line in dir and returns its exit status and
// standard error.
func runPlan(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return code, stderr.String()
}

// companyDir copies the company example (plan and actuals) into a new
// directory and returns it.
func companyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"plan.yaml", "actuals.csv"} {
		data, err := os.ReadFile(filepath.Join("../../examples/company", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readOrFail(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// noTemp fails when dir holds a temporary output file.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestOutputRefusesInputs(t *testing.T) {
	dir := companyDir(t)
	if err := os.Symlink("plan.yaml", filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	// An actuals workbook to be refused as the export's output.
	wb := excelize.NewFile()
	for i, row := range [][]any{{"period", "dimension", "path", "amount"}, {"2027-01", "org", "市场部", 1000}} {
		wb.SetSheetRow("Sheet1", "A"+strconv.Itoa(i+1), &row)
	}
	if err := wb.SaveAs(filepath.Join(dir, "my.xlsx")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		file string // the input that must survive
	}{
		{"plan", []string{"split", "plan.yaml", "-o", "plan.yaml"}, "plan.yaml"},
		{"plan by another path", []string{"split", "./sub/../plan.yaml", "-o", "plan.yaml"}, "plan.yaml"},
		{"plan through a link", []string{"split", "plan.yaml", "-o", "link.yaml"}, "plan.yaml"},
		{"plan as csv", []string{"split", "plan.yaml", "--format", "csv", "-o", "plan.yaml"}, "plan.yaml"},
		{"actuals", []string{"track", "plan.yaml", "--actuals", "actuals.csv", "-o", "actuals.csv"}, "actuals.csv"},
		{"export actuals", []string{"export", "plan.yaml", "--actuals", "my.xlsx", "-o", "my.xlsx"}, "my.xlsx"},
		{"export plan", []string{"funnel", "plan.yaml", "-o", "plan.yaml"}, "plan.yaml"},
		{"diff", []string{"diff", "plan.yaml", "link.yaml", "-o", "plan.yaml"}, "plan.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
			before := readOrFail(t, filepath.Join(dir, tc.file))
			code, stderr := runPlan(t, dir, tc.args...)
			if code != exitInvalid {
				t.Errorf("exit %d, want %d; stderr %s", code, exitInvalid, stderr)
			}
			if !strings.Contains(stderr, "would replace the input") || !strings.Contains(stderr, "nothing was written") {
				t.Errorf("stderr %q does not say the input is refused", stderr)
			}
			if after := readOrFail(t, filepath.Join(dir, tc.file)); !bytes.Equal(before, after) {
				t.Errorf("%s was changed", tc.file)
			}
			if fi, err := os.Lstat(filepath.Join(dir, "link.yaml")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("link.yaml is no longer a link")
			}
			noTemp(t, dir)
		})
	}
}

func TestOutputSymlinkWritesTarget(t *testing.T) {
	dir := companyDir(t)
	os.Mkdir(filepath.Join(dir, "out"), 0o755)
	if err := os.Symlink("out/real.csv", filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}
	for round := range 2 { // the first run creates the target, the second replaces it
		if code, stderr := runPlan(t, dir, "split", "plan.yaml", "-o", "link.csv"); code != 0 {
			t.Fatalf("run %d: exit %d: %s", round, code, stderr)
		}
		fi, err := os.Lstat(filepath.Join(dir, "link.csv"))
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("run %d: link.csv is no longer a symbolic link", round)
		}
		if data := readOrFail(t, filepath.Join(dir, "out/real.csv")); !bytes.HasPrefix(data, []byte("dimension,path,")) {
			t.Fatalf("run %d: the link's target holds %.40q", round, data)
		}
		noTemp(t, dir)
		noTemp(t, filepath.Join(dir, "out"))
	}
}

func TestOutputDeviceAndFIFO(t *testing.T) {
	dir := companyDir(t)
	if code, stderr := runPlan(t, dir, "split", "plan.yaml", "-o", "/dev/null"); code != 0 {
		t.Fatalf("-o /dev/null: exit %d: %s", code, stderr)
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Fatalf("/dev/null is no longer a device")
	}
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		var b bytes.Buffer
		b.ReadFrom(f)
		got <- b.Bytes()
	}()
	if code, stderr := runPlan(t, dir, "split", "plan.yaml", "-o", "pipe.csv"); code != 0 {
		t.Fatalf("-o FIFO: exit %d: %s", code, stderr)
	}
	if data := <-got; !bytes.HasPrefix(data, []byte("dimension,path,")) {
		t.Errorf("the FIFO's reader got %.40q", data)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced")
	}
	noTemp(t, dir)
}

func TestOutputModes(t *testing.T) {
	dir := companyDir(t)
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	if code, stderr := runPlan(t, dir, "split", "plan.yaml", "-o", "new.csv"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "new.csv")); fi.Mode().Perm() != 0o640 {
		t.Errorf("a new file under umask 027 has mode %o, want 640", fi.Mode().Perm())
	}
	kept := filepath.Join(dir, "kept.csv")
	os.WriteFile(kept, []byte("old"), 0o600)
	os.Chmod(kept, 0o604) // a bit the umask would take
	if code, stderr := runPlan(t, dir, "split", "plan.yaml", "-o", "kept.csv"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if fi, _ := os.Stat(kept); fi.Mode().Perm() != 0o604 {
		t.Errorf("a replaced 604 file has mode %o", fi.Mode().Perm())
	}
	if data := readOrFail(t, kept); string(data) == "old" {
		t.Errorf("kept.csv was not replaced")
	}
}

// TestSignalRemovesTemp interrupts a process in the middle of writing an
// output file (the test binary, as TestSignalHelper) and checks that the
// temporary file is gone and the old file untouched.
func TestSignalRemovesTemp(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.csv")
		os.WriteFile(out, []byte("old"), 0o644)
		cmd := exec.Command(os.Args[0], "-test.run=^TestSignalHelper$")
		cmd.Env = append(os.Environ(), "PLAN_SIGNAL_HELPER="+out)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		if !strings.HasPrefix(line, "writing") {
			cmd.Process.Kill()
			t.Fatalf("helper said %q", line)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 2 {
			t.Fatalf("expected the output and its temporary file, found %d files", len(entries))
		}
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		want := 128 + int(sig)
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != want {
			t.Errorf("%v: exit %v, want %d", sig, err, want)
		}
		noTemp(t, dir)
		if data := readOrFail(t, out); string(data) != "old" {
			t.Errorf("%v: the output file was changed to %q", sig, data)
		}
	}
}

// TestSignalHelper is the process TestSignalRemovesTemp interrupts: it starts
// an atomic write, says so, and waits to be stopped.
func TestSignalHelper(t *testing.T) {
	out := os.Getenv("PLAN_SIGNAL_HELPER")
	if out == "" {
		t.Skip("run by TestSignalRemovesTemp")
	}
	stop := cleanUpOnSignal(os.Exit)
	defer stop()
	of := &outputFile{path: out}
	if _, err := of.Write([]byte("partial")); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("writing\n")
	time.Sleep(time.Minute)
	of.abort()
	t.Fatal("not interrupted")
}
