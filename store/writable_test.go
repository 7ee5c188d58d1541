package store

import (
	"context"
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
