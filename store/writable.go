package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"

	"github.com/unblock-dev/unblock"
)

// checkWritable reports, in words a person can act on, why the database file or
// the directory that must hold it beside its -wal and -shm files cannot be written.
// SQLite's own message for these cases is "unable to open database file".
func checkWritable(path string) error {
	if path == ":memory:" || strings.HasPrefix(path, "file:") || IsPostgres(path) {
		return nil // SQLite reports on URIs itself
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil {
		return unblock.Errorf(unblock.EINVALID, "database %s: its directory %s does not exist", path, dir)
	} else if !fi.IsDir() {
		return unblock.Errorf(unblock.EINVALID, "database %s: %s is not a directory", path, dir)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return unblock.Errorf(unblock.EINVALID, "database %s is not writable: %v", path, errors.Unwrap(err))
	}
	f.Close()
	// SQLite creates PATH-wal and PATH-shm beside the file (WAL mode).
	probe, err := os.CreateTemp(dir, ".unblock-probe-*")
	if err != nil {
		return unblock.Errorf(unblock.EINVALID, "database %s: its directory %s is not writable (SQLite keeps its -wal and -shm files there): %v",
			path, dir, errors.Unwrap(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// CheckPath reports, in words a person can act on, why the SQLite database at path
// (or the directory that must hold it beside its -wal and -shm files) cannot be
// written; nil for a PostgreSQL URL. Commands call it before they create files
// beside the database, such as run's lock file.
func CheckPath(path string) error { return checkWritable(path) }

// probeWrite runs one write transaction that changes nothing, so a database that
// opens but refuses writes (a read-only file or file system) is found at start, not
// at the first envelope.
func (db *DB) probeWrite(ctx context.Context) error {
	if db.pg != nil {
		return db.probePostgres(ctx)
	}
	var v int64
	if err := db.write.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	_, err := db.write.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, v))
	return err
}

// probeFailed is the error of Open's write probe on the database named name: a
// lock another process took after the migrations (store.Busy) stays a lock, so
// the caller waits it out as it does for a lock met by the migrations; anything
// else means the database cannot be written.
func probeFailed(name string, err error) error {
	if Busy(err) {
		return fmt.Errorf("open database %s: write check: %w", name, err)
	}
	return unblock.Errorf(unblock.EINVALID, "database %s is not writable: %v", name, err)
}

// beforeProbe runs in Open between the migrations and the write probe: a test
// takes another process's write lock there.
var beforeProbe = func() {}

// Unwritable reports whether err means the database cannot be written at all (a
// read-only file or file system, a full disk), a condition the bot cannot work
// under, as opposed to a lock held for a while by another process.
func Unwritable(err error) bool {
	if pgUnwritable(err) {
		return true
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code {
	case sqlite3.ErrReadonly, sqlite3.ErrFull, sqlite3.ErrCantOpen, sqlite3.ErrIoErr, sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return true
	}
	return false
}

// sqlite3Error is the driver's error type.
type sqlite3Error = sqlite3.Error

// isBusy reports whether se is a lock held by another connection or process.
func isBusy(se sqlite3.Error) bool {
	return se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked
}

// CheckWritable runs one write transaction that changes nothing, within ctx: the
// readiness check of /readyz. A lock held past ctx's deadline makes it fail.
func (db *DB) CheckWritable(ctx context.Context) error { return db.probeWrite(ctx) }
