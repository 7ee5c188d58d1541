package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// seedPeople writes people into a new database at path.
func seedPeople(t *testing.T, path string, people []unblock.Person) {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.UpsertPeople(context.Background(), people); err != nil {
		t.Fatal(err)
	}
}

func runPeople(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	code := Main(context.Background(), env, append([]string{"people"}, args...))
	return code, stdout.String(), stderr.String()
}

func TestPeopleCommand(t *testing.T) {
	people := []unblock.Person{
		{ID: "U2", Name: "bo", RealName: "Bo Li", Title: "Senior Product Designer", Team: "checkout",
			Role: unblock.RoleDesign, RoleSource: unblock.RoleFromTitle, RoleDetail: `title keyword "product designer"`},
		{ID: "U1", Name: "ana", Title: "Wizard\tof things", Role: unblock.RoleUnknown, RoleSource: unblock.RoleFromNothing},
		{ID: "B1", Name: "deploybot", IsBot: true},
	}

	t.Run("OK", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "x.db")
		seedPeople(t, db, people)
		code, out, errOut := runPeople(t, "-db", db)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		if got, want := len(lines), 3; got != want {
			t.Fatalf("got %d lines, want %d (header, two people, no bot):\n%s", got, want, out)
		}
		for i, want := range [][]string{
			{"ID", "NAME", "TITLE", "TEAM", "ROLE", "RESOLVED BY"},
			{"U1", "ana", "Wizard of things", "-", "unknown", "unknown"},
			{"U2", "bo (Bo Li)", "Senior Product Designer", "checkout", "design", `title: title keyword "product designer"`},
		} {
			for _, cell := range want {
				if !strings.Contains(lines[i], cell) {
					t.Fatalf("line %d = %q, want it to contain %q", i, lines[i], cell)
				}
			}
		}
		// Tab-aligned: the ROLE column starts at the same offset on every line.
		col := strings.Index(lines[0], "ROLE")
		if !strings.HasPrefix(lines[1][col:], "unknown") || !strings.HasPrefix(lines[2][col:], "design") {
			t.Fatalf("columns not aligned:\n%s", out)
		}
	})

	t.Run("OKConfig", func(t *testing.T) {
		dir := t.TempDir()
		cfg := filepath.Join(dir, "unblock.yaml")
		if err := os.WriteFile(cfg, []byte("timezone: UTC\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		seedPeople(t, filepath.Join(dir, "unblock.db"), people) // the default: unblock.db beside the config
		code, out, errOut := runPeople(t, "-config", cfg)
		if code != 0 || !strings.Contains(out, "bo (Bo Li)") {
			t.Fatalf("exit %d, stdout %q, stderr %q; want the people of the database beside the config", code, out, errOut)
		}
	})

	t.Run("ErrMissingDB", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "missing.db")
		code, _, errOut := runPeople(t, "-db", db)
		if code != exitUsage || !strings.Contains(errOut, "does not exist") || strings.Count(errOut, "\n") != 1 {
			t.Fatalf("exit %d, stderr %q; want exit 2 and one line naming the missing database", code, errOut)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("people created %s; it must not", db)
		}
	})

	t.Run("ErrNoFlags", func(t *testing.T) {
		if code, _, errOut := runPeople(t); code != exitUsage || !strings.Contains(errOut, "-config") {
			t.Fatalf("exit %d, stderr %q; want a usage error naming -config", code, errOut)
		}
	})
}

// TestPeopleUsage: people reads a database named by -db alone, as backup, forget
// and export-user do, and its help says so (it once said -config was required).
func TestPeopleUsage(t *testing.T) {
	code, out, _ := runPeople(t, "-h")
	if code != 0 {
		t.Fatalf("people -h: exit %d", code)
	}
	for _, want := range []string{"Usage: unblock people [-config FILE | -db PATH]\n", "SQLite database or PostgreSQL URL"} {
		if !strings.Contains(out, want) {
			t.Errorf("people -h does not say %q:\n%s", want, out)
		}
	}
}
