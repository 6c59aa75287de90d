package main

import (
	"io"
	"os"
	"testing"
)

// TestPagerCommand checks the pager's precedence: --no-pager, PLAN_PAGER,
// PAGER, then less; "" and "cat" turn paging off.
func TestPagerCommand(t *testing.T) {
	cases := []struct {
		plan, pager *string
		noPager     bool
		want        string
	}{
		{nil, nil, false, "less"},
		{nil, strp("more"), false, "more"},
		{strp("less -S"), strp("more"), false, "less -S"},
		{strp(""), strp("more"), false, ""},
		{strp("cat"), nil, false, ""},
		{nil, strp("cat"), false, ""},
		{strp("less"), nil, true, ""},
	}
	for _, c := range cases {
		setOrUnset(t, "PLAN_PAGER", c.plan)
		setOrUnset(t, "PAGER", c.pager)
		if got := pagerCommand(c.noPager); got != c.want {
			t.Errorf("PLAN_PAGER=%v PAGER=%v --no-pager=%v: %q, want %q", deref(c.plan), deref(c.pager), c.noPager, got, c.want)
		}
	}
}

// TestTermSize checks that $COLUMNS and $LINES win over the terminal's size.
func TestTermSize(t *testing.T) {
	f := &Factory{TermSize: func(io.Writer) (int, int) { return 100, 40 }}
	t.Setenv("COLUMNS", "")
	t.Setenv("LINES", "")
	if w, h := f.termSize(io.Discard); w != 100 || h != 40 {
		t.Errorf("terminal size %d×%d", w, h)
	}
	t.Setenv("COLUMNS", "80")
	t.Setenv("LINES", "junk")
	if w, h := f.termSize(io.Discard); w != 80 || h != 40 {
		t.Errorf("with COLUMNS=80: %d×%d", w, h)
	}
}

func strp(s string) *string { return &s }

func deref(s *string) string {
	if s == nil {
		return "(unset)"
	}
	return *s
}

// setOrUnset sets an environment variable for the test, or unsets it.
func setOrUnset(t *testing.T, name string, v *string) {
	t.Helper()
	t.Setenv(name, "") // restores the old value after the test
	if v == nil {
		unsetenv(name)
		return
	}
	t.Setenv(name, *v)
}

func unsetenv(name string) { _ = os.Unsetenv(name) }
