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
		code, _, errOut := run(t, c.Name(), "-h")
		if code != 0 || !strings.Contains(errOut, "Usage: unblock "+c.Name()) {
			t.Errorf("%s -h: exit %d, %q", c.Name(), code, errOut)
		}
	}
	if code, out, _ := run(t, "version"); code != 0 || !strings.HasPrefix(out, "unblock dev (commit dev, go") {
		t.Errorf("version: exit %d, %q", code, out)
	}
	if code, _, errOut := run(t); code != 2 || !strings.Contains(errOut, "Usage: unblock COMMAND") {
		t.Errorf("no command: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, "digest", "-bogus"); code != 2 || strings.Count(errOut, "\n") != 1 {
		t.Errorf("digest -bogus: exit %d, %q; want 2 and one line", code, errOut)
	}
}
