package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
	"github.com/unblock-dev/unblock/store"
)

// The commands that only read the database open it read-only: they answer
// while another process holds its write lock (an import, the bot), create no
// file beside it (no inbox), and refuse what is no up-to-date unblock database
// with one line.
func TestReadingCommands_ReadOnly(t *testing.T) {
	db := importedCompanyX(t)
	if err := os.Remove(store.InboxPath(db)); err != nil {
		t.Fatal(err)
	}
	// Another process's write transaction, held while the commands read.
	w, err := sql.Open("sqlite3", store.DSN(db))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	conn, err := w.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), `ROLLBACK`)
	cfg := "testdata/companyx.yaml"
	for _, args := range [][]string{
		{"digest", "-config", cfg, "-db", db, "-as-of", "2026-11-20"},
		{"blockers", "-config", cfg, "-db", db, "-as-of", "2026-11-20"},
		{"graph", "-config", cfg, "-db", db, "-as-of", "2026-11-20", "-format", "json"},
		{"export", "-config", cfg, "-db", db},
		{"people", "-db", db},
		{"export-user", "-db", db, "U04EVE"},
		{"backup", "-db", db, filepath.Join(t.TempDir(), "b.db")},
	} {
		if code, _, errOut := run(t, args...); code != 0 {
			t.Errorf("%s while the write lock is held: exit %d, %s", args[0], code, errOut)
		}
	}
	if _, err := os.Stat(store.InboxPath(db)); err == nil {
		t.Error("a reading command created the inbox file")
	}

	dir := t.TempDir()
	empty, junk := filepath.Join(dir, "empty.db"), filepath.Join(dir, "junk.db")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(junk, []byte(strings.Repeat("not a database\n", 300)), 0o644)
	for _, tc := range []struct{ path, want string }{
		{empty, "is an empty file"},
		{junk, "is not a SQLite database"},
	} {
		code, _, errOut := run(t, "digest", "-config", cfg, "-db", tc.path)
		if code != exitUsage || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("digest -db %s: exit %d, %q; want %d and one line saying it %s", filepath.Base(tc.path), code, errOut, exitUsage, tc.want)
		}
		if fi, _ := os.Stat(tc.path); tc.path == empty && fi.Size() != 0 {
			t.Errorf("the empty file was written: %d bytes", fi.Size())
		}
	}
	// A command that writes says the same of a file that is not SQLite, with the same exit code.
	code, _, errOut := run(t, "import", "-config", cfg, "-db", junk, slackexporttest.CompanyXZip(t))
	if code != exitUsage || !strings.Contains(errOut, "is not a SQLite database") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("import -db junk: exit %d, %q; want %d and one line saying it is not a SQLite database", code, errOut, exitUsage)
	}
}

// A database an older unblock wrote (a migration missing) is refused by a
// reading command with one line that says how to bring it up to date; backup
// copies it as it is, so a backup taken before an upgrade is the way back.
func TestReadingCommands_OlderDatabase(t *testing.T) {
	db := importedCompanyX(t)
	s, err := sql.Open("sqlite3", store.DSN(db))
	if err != nil {
		t.Fatal(err)
	}
	names, _ := store.Migrations("sqlite")
	if _, err := s.Exec(`DELETE FROM migrations WHERE name = ?`, names[len(names)-1]); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, args := range [][]string{
		{"digest", "-config", "testdata/companyx.yaml", "-db", db},
		{"export-user", "-db", db, "U04EVE"},
	} {
		code, _, errOut := run(t, args...)
		if code != exitUsage || !strings.Contains(errOut, "written by an older unblock") || !strings.Contains(errOut, "unblock import or unblock run") {
			t.Errorf("%s of an older database: exit %d, %q", args[0], code, errOut)
		}
	}
	out := filepath.Join(t.TempDir(), "before-upgrade.db")
	if code, _, errOut := run(t, "backup", "-db", db, out); code != 0 {
		t.Fatalf("backup of an older database: exit %d, %s", code, errOut)
	}
	// The copy is the older database, page for page: what any reading command says of it.
	code, _, errOut := run(t, "digest", "-config", "testdata/companyx.yaml", "-db", out)
	if code != exitUsage || !strings.Contains(errOut, "written by an older unblock") {
		t.Errorf("digest of the older database's backup: exit %d, %q; want it refused as older, as the original", code, errOut)
	}
}

// The commands that only read leave a backup's directory as they found it: the
// backup is one file with a rollback journal, and reading it creates no -wal,
// -shm or inbox file beside it, nor changes its schema.
func TestReadingCommands_LeaveNoFileBesideABackup(t *testing.T) {
	db, dir := importedCompanyX(t), t.TempDir()
	b := filepath.Join(dir, "b.db")
	if code, _, errOut := run(t, "backup", "-db", db, b); code != 0 {
		t.Fatalf("backup: exit %d, %s", code, errOut)
	}
	sum := func() string {
		data, err := os.ReadFile(b)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%x", sha256.Sum256(data))
	}
	want := sum()
	cfg := "testdata/companyx.yaml"
	for _, args := range [][]string{
		{"digest", "-config", cfg, "-db", b, "-as-of", "2026-11-20"},
		{"blockers", "-config", cfg, "-db", b, "-as-of", "2026-11-20"},
		{"graph", "-config", cfg, "-db", b, "-as-of", "2026-11-20", "-format", "json"},
		{"export", "-config", cfg, "-db", b},
		{"people", "-db", b},
		{"export-user", "-db", b, "U04EVE"},
		{"backup", "-db", b, filepath.Join(t.TempDir(), "b2.db")},
	} {
		if code, _, errOut := run(t, args...); code != 0 {
			t.Fatalf("%s of the backup: exit %d, %s", args[0], code, errOut)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("%s of the backup left %v beside it; want b.db alone", args[0], names)
		}
		if got := sum(); got != want {
			t.Errorf("%s changed the backup", args[0])
			want = got
		}
	}
}
