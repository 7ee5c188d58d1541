package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// lockRun makes sure one `unblock run` at a time uses the database at dbPath: two
// bots on one database would both prompt, answer and post every digest. It holds
// an exclusive lock on DBPATH.run-lock (with the holder's pid in it) until release,
// beside the file dbPath names once symbolic links are followed (store.RealPath),
// so a symlink to a database in use is refused as the database itself is.
// The kernel drops the lock when the process dies, so a crash never leaves it stuck.
//
// A PostgreSQL database has no lock file: the store's schedules lease decides
// which process runs the schedules (see openApp).
func lockRun(dbPath string) (release func(), err error) {
	if dbPath == ":memory:" || strings.HasPrefix(dbPath, "file:") || store.IsPostgres(dbPath) {
		return func() {}, nil
	}
	path := store.RealPath(dbPath) + ".run-lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		if werr := store.CheckPath(dbPath); werr != nil {
			return nil, werr // the database's own problem, named as the other commands name it
		}
		return nil, unblock.Errorf(unblock.EINVALID, "lock file %s: %v", path, errors.Unwrap(err))
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		holder := "another process"
		if b, _ := os.ReadFile(path); len(b) > 0 {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				holder = fmt.Sprintf("process %d", pid)
			}
		}
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, unblock.Errorf(unblock.EINVALID, "another 'unblock run' (%s) is using the database %s: stop it first, or give this one its own database", holder, dbPath)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
