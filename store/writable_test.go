package store

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
)

// makeReadOnly makes path unwritable for this process: chmod for a normal user,
// the immutable attribute for root (who ignores permissions). It skips the test,
// saying why, where neither is possible.
func makeReadOnly(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, 0o444); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, 0o644) })
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("running as root and chattr +i is not possible here, so no file is read-only: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}

func TestOpen_NotWritable(t *testing.T) {
	ctx := context.Background()
	t.Run("ErrNoDirectory", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "missing", "unblock.db")
		_, err := Open(ctx, path)
		if err == nil || unblock.ErrorCode(err) != unblock.EINVALID || !strings.Contains(err.Error(), "does not exist") ||
			!strings.Contains(err.Error(), path) {
			t.Fatalf("Open(%s) = %v; want an EINVALID error naming the file and its missing directory", path, err)
		}
	})
	t.Run("ErrReadOnlyFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "unblock.db")
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		makeReadOnly(t, path)
		_, err = Open(ctx, path)
		if err == nil || unblock.ErrorCode(err) != unblock.EINVALID || !strings.Contains(err.Error(), "not writable") ||
			!strings.Contains(err.Error(), path) {
			t.Fatalf("Open(read-only %s) = %v; want an EINVALID error saying the file is not writable", path, err)
		}
	})
	t.Run("ErrReadOnlyDirectory", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "unblock.db")
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		for _, f := range []string{path + "-wal", path + "-shm"} {
			os.Remove(f)
		}
		makeReadOnly(t, dir)
		_, err = Open(ctx, path)
		if err == nil || unblock.ErrorCode(err) != unblock.EINVALID || !strings.Contains(err.Error(), "not writable") {
			t.Fatalf("Open(%s in a read-only directory) = %v; want an EINVALID error saying the directory is not writable", path, err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "unblock.db")
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("Open(%s) = %v", path, err)
		}
		db.Close()
		if m, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".unblock-probe-*")); len(m) > 0 {
			t.Fatalf("the writability probe left %v behind", m)
		}
	})
}

// TestOpen_LockedAfterMigrations: a write lock another process takes in the gap
// between Open's migrations and its write probe is a lock (Busy), not a database
// that cannot be written, so start waits it out (cmd/unblock's untilUnlocked) as
// it does for a lock the migrations meet; once the lock goes, Open succeeds.
func TestOpen_LockedAfterMigrations(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "unblock.db")
	// The URI's own busy timeout wins over the store's 5 s: the lock is met at once.
	path := "file:" + file + "?_busy_timeout=50"
	db, err := Open(ctx, path) // a database the bot ran on before: nothing left to migrate
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	other, err := sql.Open("sqlite3", "file:"+file+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var tx *sql.Tx
	beforeProbe = func() {
		if tx, err = other.BeginTx(ctx, nil); err != nil {
			t.Errorf("taking the write lock before the probe: %v", err)
		}
	}
	t.Cleanup(func() { beforeProbe = func() {} })
	_, err = Open(ctx, path)
	if tx == nil {
		t.Fatal("the write lock was not taken")
	}
	if err == nil || !Busy(err) || unblock.ErrorCode(err) == unblock.EINVALID || Unwritable(err) {
		t.Fatalf("Open with the write lock taken after the migrations = %v; want a lock (Busy), not EINVALID", err)
	}
	beforeProbe = func() {}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("Open once the lock went = %v", err)
	}
	db.Close()
}
