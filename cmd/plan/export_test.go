package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const exportPlan = `version: 1
name: Git plan
year: {start: 2027-01}
target: 1_000_000
dimensions:
  org:
    - {name: North, weight: 60%}
    - {name: South, weight: 40%}
`

// gitRepo makes a git work tree in a temporary directory holding plans/plan.yaml,
// committed, and returns the plan's path. It skips the test without git.
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2026-03-04T05:06:07Z", "GIT_COMMITTER_DATE=2026-03-04T05:06:07Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("init", "-q")
	git("config", "user.email", "test@example.com")
	git("config", "user.name", "test")
	git("config", "commit.gpgsign", "false")
	file := filepath.Join(dir, "plans", "plan.yaml")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(exportPlan), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	git("commit", "-q", "-m", "plan")
	return file
}

func TestGitInfo(t *testing.T) {
	file := gitRepo(t)
	g := gitInfo(file)
	if len(g.Commit) != 40 || g.Path != "plans/plan.yaml" || g.State != "clean" || g.Time.UTC().Format("2006-01-02T15:04:05Z") != "2026-03-04T05:06:07Z" {
		t.Fatalf("gitInfo = %+v", g)
	}
	if err := os.WriteFile(file, []byte(exportPlan+"# edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if g := gitInfo(file); g.State != "modified" {
		t.Errorf("state of an edited file %q, want modified", g.State)
	}
	other := filepath.Join(filepath.Dir(file), "new.yaml")
	if err := os.WriteFile(other, []byte(exportPlan), 0o644); err != nil {
		t.Fatal(err)
	}
	if g := gitInfo(other); g.State != "untracked" || g.Path != "plans/new.yaml" {
		t.Errorf("gitInfo of a new file = %+v, want untracked plans/new.yaml", g)
	}
	outside := filepath.Join(t.TempDir(), "plan.yaml")
	if g := gitInfo(outside); g != (GitInfo{}) {
		t.Errorf("gitInfo outside a work tree = %+v, want nothing", g)
	}
}

// TestExportProvenance exports a committed plan and reads the provenance back
// from the workbook's properties.
func TestExportProvenance(t *testing.T) {
	file := gitRepo(t)
	out := filepath.Join(t.TempDir(), "plan.xlsx")
	var stdout, stderr bytes.Buffer
	cmd := NewCmdExport(&Factory{ReadFile: os.ReadFile}, &GlobalOptions{Output: out}, nil)
	cmd.SetArgs([]string{file})
	cmd.SetOut(&stdout)
	cmd.SetErr(&stderr)
	if err := cmd.Execute(); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr.String())
	}
	if stderr.String() != "wrote "+out+"\n" {
		t.Errorf("stderr %q, want the wrote line", stderr.String())
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props, err := f.GetCustomProps()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range props {
		got[p.Name], _ = p.Value.(string)
	}
	sum := sha256.Sum256([]byte(exportPlan))
	want := map[string]string{
		"plan.name":       "Git plan",
		"plan.source":     "plans/plan.yaml",
		"plan.sha256":     hex.EncodeToString(sum[:]),
		"plan.git_commit": gitInfo(file).Commit,
		"plan.git_state":  "clean",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	dp, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if dp.Created != "2026-03-04T05:06:07Z" || dp.Title != "Git plan" {
		t.Errorf("created %q title %q, want the commit time and the plan's name", dp.Created, dp.Title)
	}
}
