package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Start-up does no work for a command that does not need it: no package of the
// binary compiles code or writes a cache in its init (go-graphviz did both, under
// /tmp/go-graphviz, and panicked when another user owned that directory), so
// `unblock version` writes nothing under the temporary directory and starts at once.

// startupHeavy names module paths whose packages do work at init: never in the binary.
var startupHeavy = []string{"github.com/goccy/go-graphviz", "github.com/tetratelabs/wazero"}

func TestStartupDependencies(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goBin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, heavy := range startupHeavy {
			if strings.HasPrefix(pkg, heavy) {
				t.Errorf("the binary imports %s, which works at start-up", pkg)
			}
		}
	}
}

func TestVersionWritesNoTempFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "unblock")
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	tmp, home := t.TempDir(), t.TempDir()
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "HOME="+home, "XDG_CACHE_HOME="+filepath.Join(home, "cache"))
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err != nil || !strings.HasPrefix(string(out), "unblock ") {
		t.Fatalf("unblock version: %v\n%s", err, out)
	}
	t.Logf("unblock version took %v", took)
	for _, dir := range []string{tmp, home} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			t.Errorf("unblock version wrote %s", filepath.Join(dir, e.Name()))
		}
	}
}
