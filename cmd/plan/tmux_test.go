package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// tmuxGoldenDir holds what a terminal shows of split, track and funnel on the
// examples at 80 and 120 columns.
const tmuxGoldenDir = "../../testdata/golden/tmux"

// tmuxCases are the screens captured: the reports an analyst runs most, on the
// examples, in the widest form each takes.
var tmuxCases = []struct {
	name string
	dir  string // under examples/
	args []string
}{
	{"split", "company", []string{"split", "plan.yaml"}},
	{"split-month", "company", []string{"split", "plan.yaml", "--by", "org", "--period", "month"}},
	{"track", "company", []string{"track", "plan.yaml", "--actuals", "actuals.csv"}},
	{"funnel", "funnel-stages", []string{"funnel", "plan.yaml", "--period", "month"}},
}

// TestTmuxCaptures runs plan in a real terminal (tmux, detached) at 80 and
// 120 columns, with the width found from the terminal itself (no $COLUMNS),
// and checks that no line is wider than the terminal (tmux wraps nothing) and
// that the screen matches its golden capture. It needs tmux, so it is opt-in:
//
//	PLAN_TMUX=1 go test ./cmd/plan -run TestTmuxCaptures [-update]
func TestTmuxCaptures(t *testing.T) {
	if os.Getenv("PLAN_TMUX") == "" {
		t.Skip("set PLAN_TMUX=1 to run plan inside tmux (needs tmux)")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Fatalf("PLAN_TMUX is set but tmux is not installed: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "plan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	socket := "plan-test-" + strconv.Itoa(os.Getpid())
	// A session that lives as long as the test keeps one server up: a server
	// whose last session ends exits, and a new one racing it fails to start.
	if out, err := exec.Command(tmux, "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "keep", "sleep", "600").CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	defer exec.Command(tmux, "-L", socket, "kill-server").Run()
	// On a terminal a report taller than the screen goes through PLAN_PAGER;
	// one that fits, or --no-pager, is written straight.
	t.Run("pager", func(t *testing.T) {
		dir := filepath.Join(examples, "company")
		pager := `sed "s/^/paged: /" | head -2`
		screen := tmuxRunSized(t, tmux, socket, 120, 20, pager, dir, bin, []string{"split", "plan.yaml"})
		if screen != "paged: FY2027 销售目标 · tier base · revenue · CNY\npaged: target 50,000,000 · reserve 5,000,000 (10%) · allocated 45,000,000 · round 1000\n" {
			t.Errorf("not paged:\n%s", screen)
		}
		screen = tmuxRunSized(t, tmux, socket, 120, 20, pager, dir, bin, []string{"split", "plan.yaml", "--no-pager", "--by", "region", "--period", "year"})
		if strings.Contains(screen, "paged:") || !strings.Contains(screen, "成熟市场") {
			t.Errorf("--no-pager paged:\n%s", screen)
		}
		screen = tmuxRunSized(t, tmux, socket, 120, 30, pager, dir, bin, []string{"split", "plan.yaml", "--by", "region", "--period", "year"})
		if strings.Contains(screen, "paged:") || !strings.Contains(screen, "成熟市场") {
			t.Errorf("a short output was paged:\n%s", screen)
		}
	})
	for _, c := range tmuxCases {
		for _, width := range []int{80, 120} {
			name := fmt.Sprintf("%s-%d", c.name, width)
			t.Run(name, func(t *testing.T) {
				screen := tmuxRun(t, tmux, socket, width, filepath.Join(examples, c.dir), bin, c.args)
				for i, line := range strings.Split(screen, "\n") {
					if w := twwidth.Width(line); w > width {
						t.Errorf("line %d is %d columns wide, more than %d: %q", i+1, w, width, line)
					}
				}
				path := filepath.Join(tmuxGoldenDir, name+".txt")
				if *update {
					if err := os.WriteFile(path, []byte(screen), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update to write it)", err)
				}
				if screen != string(want) {
					t.Errorf("the screen differs from %s:\n%s", path, screen)
				}
			})
		}
	}
}

// tmuxRun runs plan with args in dir inside a new detached tmux session of the
// given width (and a height that holds the whole report, so nothing pages)
// and returns the screen, trailing blank lines dropped. A line tmux had to
// wrap fails the test.
func tmuxRun(t *testing.T, tmux, socket string, width int, dir, bin string, args []string) string {
	t.Helper()
	return tmuxRunSized(t, tmux, socket, width, 400, "cat", dir, bin, args)
}

// tmuxRunSized is tmuxRun with a given height and PLAN_PAGER.
func tmuxRunSized(t *testing.T, tmux, socket string, width, height int, pager, dir, bin string, args []string) string {
	t.Helper()
	const done = "__plan_done__"
	session := fmt.Sprintf("s%d-%d", width, height)
	script := fmt.Sprintf("cd %s && %s %s; echo %s; sleep 60", shellQuote(dir), shellQuote(bin), shellArgs(args), done)
	cmd := exec.Command(tmux, "-L", socket, "-f", "/dev/null", "-u", "new-session", "-d", "-s", session,
		"-x", strconv.Itoa(width), "-y", strconv.Itoa(height), "env", "-u", "COLUMNS", "-u", "LINES",
		"NO_COLOR=1", "PLAN_PAGER="+pager, "LANG=C.UTF-8", "sh", "-c", script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	defer exec.Command(tmux, "-L", socket, "kill-session", "-t", session).Run()
	capture := func(join bool) string {
		a := []string{"-L", socket, "capture-pane", "-p", "-t", session, "-S", "0", "-E", strconv.Itoa(height - 1)}
		if join {
			a = append(a, "-J")
		}
		out, err := exec.Command(tmux, a...).Output()
		if err != nil {
			t.Fatalf("tmux capture-pane: %v", err)
		}
		return string(out)
	}
	deadline := time.Now().Add(30 * time.Second)
	var screen string
	for {
		screen = capture(false)
		if strings.Contains(screen, done) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("plan did not finish in the terminal; the screen shows:\n%s", screen)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if joined := capture(true); trimScreen(joined, done) != trimScreen(screen, done) {
		t.Errorf("tmux wrapped a line at %d columns:\n%s", width, joined)
	}
	return trimScreen(screen, done)
}

// trimScreen cuts a capture at the end marker and drops trailing blanks.
func trimScreen(s, done string) string {
	if i := strings.Index(s, done); i >= 0 {
		s = s[:i]
	}
	var b bytes.Buffer
	for _, line := range strings.Split(strings.TrimRight(s, "\n "), "\n") {
		b.WriteString(strings.TrimRight(line, " "))
		b.WriteByte('\n')
	}
	return b.String()
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func shellArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = shellQuote(a)
	}
	return strings.Join(q, " ")
}
