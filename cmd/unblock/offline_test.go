package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// run runs the CLI in-process and returns its exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runB(t, args...)
}

func runB(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	code := Main(context.Background(), env, args)
	return code, stdout.String(), stderr.String()
}

type digestJSON struct {
	From      string `json:"from"`
	To        string `json:"to"`
	Open      int    `json:"open"`
	RoleLoops []struct {
		Roles []string `json:"roles"`
	} `json:"role_loops"`
	PersonLoops []struct {
		People []string `json:"people"`
	} `json:"person_loops"`
	Bottlenecks []struct {
		Target string `json:"target"`
		Kind   string `json:"kind"`
	} `json:"bottlenecks"`
}

// TestImportDigest_CompanyX imports the Company X export and checks the digest
// names exactly its loops and its bottleneck, and that a second import changes
// nothing.
func TestImportDigest_CompanyX(t *testing.T) {
	zip := slackexporttest.CompanyXZip(t)
	db := filepath.Join(t.TempDir(), "x.db")
	cfg := "testdata/companyx.yaml"

	code, out, errOut := run(t, "import", "-config", cfg, "-db", db, zip)
	if code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "new blockers in the ledger") {
		t.Fatalf("import output %q", out)
	}
	code, first, errOut := run(t, "digest", "-config", cfg, "-db", db, "-as-of", "2026-11-20", "-format", "json")
	if code != 0 {
		t.Fatalf("digest exit %d: %s", code, errOut)
	}
	var d digestJSON
	if err := json.Unmarshal([]byte(first), &d); err != nil {
		t.Fatalf("digest JSON: %v\n%s", err, first)
	}
	roleLoops := map[string]bool{}
	for _, l := range d.RoleLoops {
		roleLoops[strings.Join(l.Roles, "->")] = true
	}
	if want := map[string]bool{"design->product": true, "design->product->engineering": true}; !reflect.DeepEqual(roleLoops, want) {
		t.Errorf("role_loops = %v, want exactly %v", roleLoops, want)
	}
	if len(d.RoleLoops) == 0 || len(d.RoleLoops[0].Roles) != 3 {
		t.Errorf("the Company X loop does not lead the digest: %v", d.RoleLoops)
	}
	var personLoops [][]string
	for _, l := range d.PersonLoops {
		personLoops = append(personLoops, l.People)
	}
	if want := [][]string{{"U04EVE", "U06MARCO"}}; !reflect.DeepEqual(personLoops, want) {
		t.Errorf("person_loops = %v, want %v", personLoops, want)
	}
	if len(d.Bottlenecks) == 0 || d.Bottlenecks[0].Target != "design" || d.Bottlenecks[0].Kind != "role" {
		t.Errorf("bottlenecks = %+v, want design (role) first", d.Bottlenecks)
	}
	if d.From != "2026-11-14" || d.To != "2026-11-20" {
		t.Errorf("period = %s..%s, want 2026-11-14..2026-11-20", d.From, d.To)
	}

	// Safe to run twice: the second import changes nothing.
	if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, zip); code != 0 {
		t.Fatalf("second import exit %d: %s", code, errOut)
	}
	if _, second, _ := run(t, "digest", "-config", cfg, "-db", db, "-as-of", "2026-11-20", "-format", "json"); second != first {
		t.Fatalf("the second import changed the digest:\n%s\nvs\n%s", first, second)
	}

	for _, format := range []string{"json", "dot", "mermaid"} {
		code, out, errOut := run(t, "graph", "-config", cfg, "-db", db, "-as-of", "2026-11-20", "-level", "person", "-format", format)
		if code != 0 || out == "" {
			t.Fatalf("graph -format %s: exit %d, %s", format, code, errOut)
		}
		// A picture is captioned with its snapshot and period, as the digest's is.
		const want = "Person graph: blockers open at the end of 2026-11-20 (the period 2026-11-14 to 2026-11-20)"
		if format != "json" && !strings.Contains(out, want) {
			t.Errorf("graph -format %s is not captioned %q:\n%s", format, want, out)
		}
	}
}

// The digest's "Why these numbers?" line names the blockers command on the
// config and database the digest was run with, quoted for the shell, so it runs
// as printed, from a directory whose name has a space: with -db when the digest
// had one, without when the database is the config's.
func TestDigestHintRunsAsWritten(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my unblock")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "company x.yaml") // its database: unblock.db beside it
	if err := os.WriteFile(cfg, []byte("timezone: UTC\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "other x.db")
	zip := slackexporttest.CompanyXZip(t)
	for _, args := range [][]string{{"import", "-config", cfg, zip}, {"import", "-config", cfg, "-db", db, zip}} {
		if code, _, errOut := run(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", args, code, errOut)
		}
	}
	tests := []struct {
		format string
		db     []string
		want   string
	}{
		{"text", nil, `unblock blockers -config "` + cfg + `" -as-of 2026-11-20`},
		{"markdown", nil, `unblock blockers -config "` + cfg + `" -as-of 2026-11-20`},
		{"text", []string{"-db", db}, `unblock blockers -config "` + cfg + `" -db "` + db + `" -as-of 2026-11-20`},
		{"markdown", []string{"-db", db}, `unblock blockers -config "` + cfg + `" -db "` + db + `" -as-of 2026-11-20`},
	}
	for _, tt := range tests {
		args := append(append([]string{"digest", "-config", cfg}, tt.db...), "-as-of", "2026-11-20", "-format", tt.format)
		code, out, errOut := run(t, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", args, code, errOut)
		}
		_, rest, ok := strings.Cut(out, "Why these numbers? `")
		hint, _, ok2 := strings.Cut(rest, "`")
		if !ok || !ok2 || hint != tt.want {
			t.Errorf("%s: evidence hint %q; want %q", args, hint, tt.want)
			continue
		}
		code, out, errOut = run(t, shellSplit(t, hint)[1:]...)
		if code != 0 || !strings.Contains(out, "U04EVE") {
			t.Errorf("%s: its hint '%s' exits %d, %s:\n%s", args, hint, code, errOut, out)
		}
	}
}

func TestOfflineErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.zip")
	if err := os.WriteFile(bad, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := "testdata/companyx.yaml"
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"corrupt zip", []string{"import", "-config", cfg, "-db", filepath.Join(dir, "a.db"), bad}, 2, "bad.zip"},
		{"bad as-of", []string{"digest", "-config", cfg, "-db", filepath.Join(dir, "a.db"), "-as-of", "20/11/2026"}, 2, "-as-of \"20/11/2026\" is not a date"},
		{"missing db", []string{"digest", "-config", cfg, "-db", filepath.Join(dir, "missing.db")}, 2, "does not exist"},
		{"bad format", []string{"digest", "-config", cfg, "-format", "pdf"}, 2, "-format \"pdf\""},
		{"bad level", []string{"graph", "-config", cfg, "-level", "team"}, 2, "-level \"team\""},
		{"no config", []string{"digest"}, 2, "-config FILE is required"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Fatalf("exit %d, stderr %q; want exit %d and one line containing %q", code, errOut, tt.code, tt.want)
			}
		})
	}
}
