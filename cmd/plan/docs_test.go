package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docsDir is where the repository keeps the generated docs (cmd/plan/docs:
// the repository's top level holds only what the product's owner fixed).
const docsDir = "docs"

// TestDocsInSync regenerates the man pages and the command reference and
// compares them with the committed ones (-update rewrites them), so the docs
// in the repository always say what plan --help says.
func TestDocsInSync(t *testing.T) {
	tmp := t.TempDir()
	var out, errw bytes.Buffer
	if code := run([]string{"docs", "--dir", tmp}, strings.NewReader(""), &out, &errw); code != 0 {
		t.Fatalf("plan docs: exit %d\n%s", code, errw.String())
	}
	got := listFiles(t, tmp)
	if *update {
		if err := os.RemoveAll(docsDir); err != nil {
			t.Fatal(err)
		}
		for name, data := range got {
			path := filepath.Join(docsDir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := listFiles(t, docsDir)
	for name, data := range got {
		if w, ok := want[name]; !ok {
			t.Errorf("cmd/plan/docs/%s is missing (run go test ./cmd/plan -run TestDocsInSync -update)", name)
		} else if !bytes.Equal(w, data) {
			t.Errorf("cmd/plan/docs/%s is out of date (run go test ./cmd/plan -run TestDocsInSync -update)", name)
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("cmd/plan/docs/%s documents no command", name)
		}
	}
	// Every command has its page and its section.
	for _, c := range docCommands(NewCmdRoot(&Factory{})) {
		page := "man/" + strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"
		if _, ok := got[page]; !ok {
			t.Errorf("no man page %s", page)
		}
		if !bytes.Contains(got["commands.md"], []byte("\n## "+c.CommandPath()+"\n")) {
			t.Errorf("commands.md has no section for %s", c.CommandPath())
		}
	}
}

// TestHelpHasNoBackticks checks every command's help as printed: cobra takes
// `NAME` in a flag's usage as its value's name, and a stray backtick would
// be printed raw.
func TestHelpHasNoBackticks(t *testing.T) {
	for _, c := range docCommands(NewCmdRoot(&Factory{})) {
		args := append(strings.Fields(strings.TrimPrefix(c.CommandPath(), "plan")), "--help")
		var out, errw bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errw); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errw.String())
		}
		if strings.Contains(out.String(), "`") {
			t.Errorf("%s --help shows a backtick:\n%s", c.CommandPath(), out.String())
		}
	}
}

// listFiles reads every file under dir, keyed by its slash path inside dir.
func listFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		data, err := os.ReadFile(path)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}
