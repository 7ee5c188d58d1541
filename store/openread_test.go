package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// writeDB creates an up-to-date database at path holding n posts, and closes it
// (its -wal folded into the file and removed, as when the bot stops).
func writeDB(t *testing.T, path string, n int) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := db.SavePost(ctx, fmt.Sprintf("digest:%d", i), "C1", fmt.Sprintf("%d.0", i), time.Unix(int64(i), 0)); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// countPosts reads how many posts db holds.
func countPosts(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.read.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM posts`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// files lists the names in dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// A read-only open reads every committed post and leaves the directory as it
// found it: a backup (one file with a rollback journal), a database in WAL mode
// no process has open, and either on storage this process cannot write.
func TestOpenRead_CreatesNoFile(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		backup   bool // read a Backup of the database rather than the database
		readOnly bool // the directory cannot be written
	}{
		{"backup", true, false},
		{"WAL database, closed", false, false},
		{"backup on read-only storage", true, true},
		{"WAL database on read-only storage", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "unblock.db")
			writeDB(t, path, 3)
			if tc.backup {
				src, err := OpenForBackup(ctx, path)
				if err != nil {
					t.Fatal(err)
				}
				dir = t.TempDir()
				path = filepath.Join(dir, "backup.db")
				if err := src.Backup(ctx, path); err != nil {
					t.Fatal(err)
				}
				src.Close()
				if wal, err := walMode(path); err != nil || wal {
					t.Fatalf("the backup is in WAL mode (%v): want a rollback journal, one file", err)
				}
			}
			if tc.readOnly {
				makeReadOnly(t, dir)
			}
			before := files(t, dir)
			db, err := OpenRead(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if n := countPosts(t, db); n != 3 {
				t.Errorf("read %d posts, want 3", n)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if after := files(t, dir); !slices.Equal(after, before) {
				t.Fatalf("reading created files: %v, before %v", after, before)
			}
		})
	}
}

// A read-only open beside a live writer (the bot) sees what it committed, also
// what is in the -wal and not yet in the file, and what it commits meanwhile.
func TestOpenRead_SeesALiveWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "unblock.db")
	writeDB(t, path, 3)
	live, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := live.SavePost(ctx, "digest:live", "C1", "9.0", time.Unix(9, 0)); err != nil {
		t.Fatal(err)
	}
	db, err := OpenRead(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := countPosts(t, db); n != 4 {
		t.Fatalf("read %d posts beside the live writer, want 4 (its commit in the -wal too)", n)
	}
	if err := live.SavePost(ctx, "digest:later", "C1", "10.0", time.Unix(10, 0)); err != nil {
		t.Fatal(err)
	}
	if n := countPosts(t, db); n != 5 {
		t.Fatalf("read %d posts after the writer's next commit, want 5", n)
	}
}

// A database an older unblock wrote is refused by OpenRead, which reads our
// schema, and opened by OpenForBackup: its backup is a faithful copy, migrations
// as they were, so the backup taken before an upgrade is the way back.
func TestOpenForBackup_OlderDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	writeDB(t, path, 3)
	names, err := Migrations("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	last := names[len(names)-1]
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.ExecContext(ctx, `DELETE FROM migrations WHERE name = ?`, last); err != nil {
		t.Fatal(err)
	}
	db.Close()

	if _, err := OpenRead(ctx, path); unblock.ErrorCode(err) != unblock.EINVALID || !strings.Contains(err.Error(), "older unblock") {
		t.Fatalf("OpenRead of an older database = %v; want it refused as older", err)
	}
	src, err := OpenForBackup(ctx, path)
	if err != nil {
		t.Fatalf("OpenForBackup of an older database: %v", err)
	}
	defer src.Close()
	out := filepath.Join(t.TempDir(), "backup.db")
	if err := src.Backup(ctx, out); err != nil {
		t.Fatalf("Backup of an older database: %v", err)
	}
	copied, err := OpenForBackup(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	var n int
	if err := copied.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations WHERE name = ?`, last).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the backup holds %s (%d, %v): want the migrations as the original had them", last, n, err)
	}
	if got := countPosts(t, copied); got != 3 {
		t.Fatalf("the backup holds %d posts, want 3", got)
	}

	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte(strings.Repeat("not a database\n", 300)), 0o644)
	if _, err := OpenForBackup(ctx, junk); unblock.ErrorCode(err) != unblock.EINVALID || !strings.Contains(err.Error(), "not a SQLite database") {
		t.Fatalf("OpenForBackup of a file that is no database = %v; want it refused", err)
	}
}
