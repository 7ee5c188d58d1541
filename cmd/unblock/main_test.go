package main

import (
	"strings"
	"testing"
)

// The CLI contract: every subcommand has -h help, `help` lists them one a line,
// `version` prints version, commit and Go version, and exit codes are 0 ok,
// 2 usage.
func TestMain_HelpVersionAndUsage(t *testing.T) {
	code, out, _ := run(t, "help")
	if code != 0 {
		t.Fatalf("help exit %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.Name()+" ") {
			t.Errorf("help does not list %s:\n%s", c.Name(), out)
		}
		// Asked-for help goes to stdout, so `unblock CMD -h | less` shows it.
		code, helpOut, errOut := run(t, c.Name(), "-h")
		if code != 0 || !strings.Contains(helpOut, "Usage: unblock "+c.Name()) || errOut != "" {
			t.Errorf("%s -h: exit %d, stdout %q, stderr %q", c.Name(), code, helpOut, errOut)
		}
	}
	if _, out, _ := run(t, "run", "-h"); !strings.Contains(out, "SLACK_APP_TOKEN") || !strings.Contains(out, "SLACK_BOT_TOKEN") {
		t.Errorf("run -h does not name the SLACK_* variables:\n%s", out)
	}
	for _, v := range []string{"version", "--version", "-version", "-v"} {
		if code, out, _ := run(t, v); code != 0 || !strings.HasPrefix(out, "unblock dev (commit dev, go") {
			t.Errorf("%s: exit %d, %q", v, code, out)
		}
	}
	if code, _, errOut := run(t); code != 2 || !strings.Contains(errOut, "Usage: unblock COMMAND") {
		t.Errorf("no command: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, "digest", "-bogus"); code != 2 || strings.Count(errOut, "\n") != 1 {
		t.Errorf("digest -bogus: exit %d, %q; want 2 and one line", code, errOut)
	}
}

// Every way of asking for help prints the list (or one command's help) on stdout
// and exits 0; "help -h" once recursed until the stack overflowed.
func TestMain_HelpForms(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"help"}, "Usage: unblock COMMAND"},
		{[]string{"-h"}, "Usage: unblock COMMAND"},
		{[]string{"--help"}, "Usage: unblock COMMAND"},
		{[]string{"help", "-h"}, "Usage: unblock COMMAND"},
		{[]string{"help", "--help"}, "Usage: unblock COMMAND"},
		{[]string{"help", "help"}, "Usage: unblock COMMAND"},
		{[]string{"-h", "-h"}, "Usage: unblock COMMAND"},
		{[]string{"help", "digest"}, "Usage: unblock digest"},
		{[]string{"-h", "graph"}, "Usage: unblock graph"},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != 0 || !strings.Contains(out, tc.want) || errOut != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 0 and %q on stdout", tc.args, code, out, errOut, tc.want)
		}
	}
	if code, _, errOut := run(t, "help", "bogus"); code != 2 || !strings.Contains(errOut, `unknown command "bogus"`) {
		t.Errorf("help bogus: exit %d, stderr %q; want 2 and the unknown command", code, errOut)
	}
}

// A stray argument is refused with one line, exit 2, by every command that takes
// none: "unblock run config.yaml" once ran with every default (no teams, a
// database in the working directory), the file silently ignored.
func TestMain_StrayArgumentRefused(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "config.yaml"}, `unexpected argument "config.yaml": give the config as -config config.yaml`},
		{[]string{"run", "-config", "testdata/companyx.yaml", "extra"}, `unexpected argument "extra"`},
		{[]string{"health", "-addr", "127.0.0.1:9", "extra"}, `unexpected argument "extra"`},
		{[]string{"health", "config.yaml"}, `unexpected argument "config.yaml"`},
		{[]string{"digest", "-config", "testdata/companyx.yaml", "extra"}, `unexpected argument "extra"`},
		{[]string{"version", "extra"}, `unexpected argument "extra"`},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 || out != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and one line with %q", tc.args, code, out, errOut, tc.want)
		}
	}
}
