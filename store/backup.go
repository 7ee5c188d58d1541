package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"

	"github.com/mattn/go-sqlite3"

	"github.com/unblock-dev/unblock"
)

// errBackupPostgres is Backup's answer for a PostgreSQL database.
var errBackupPostgres = unblock.Errorf(unblock.EINVALID, "backup copies a SQLite database; back a PostgreSQL one up with pg_dump (see the README's Operations)")

// Backup writes a consistent copy of the database to dst, a file that must not
// exist yet, with SQLite's online backup API: the copy is the database as of one
// moment, while other connections (a running bot) go on writing, page for page
// whatever migrations it holds (OpenForBackup opens an older one). The copy is
// one file with a rollback journal, not in WAL mode, so a command that reads it
// read-only leaves no -wal or -shm beside it; Open turns it back to WAL when it
// is restored. It checks the copy with PRAGMA integrity_check before it returns.
func (db *DB) Backup(ctx context.Context, dst string) (err error) {
	if db.pg != nil {
		return errBackupPostgres
	}
	if _, err := os.Stat(dst); err == nil {
		return unblock.Errorf(unblock.EINVALID, "backup %s already exists: choose a new file (a backup never overwrites one)", dst)
	}
	// No journal mode set: the copy's is set below, after the pages are in.
	out, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: dst}).EscapedPath()+"?"+connParams().Encode())
	if err != nil {
		return fmt.Errorf("backup %s: %w", dst, err)
	}
	defer func() {
		if cerr := out.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("backup %s: %w", dst, cerr)
		}
		if err != nil {
			for _, f := range []string{dst, dst + "-wal", dst + "-shm"} {
				os.Remove(f)
			}
		}
	}()
	dstConn, err := out.Conn(ctx)
	if err != nil {
		return fmt.Errorf("backup %s: %w", dst, err)
	}
	defer dstConn.Close()
	srcConn, err := db.read.Conn(ctx)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer srcConn.Close()

	err = dstConn.Raw(func(d any) error {
		return srcConn.Raw(func(s any) error {
			dc, ok1 := d.(*sqlite3.SQLiteConn)
			sc, ok2 := s.(*sqlite3.SQLiteConn)
			if !ok1 || !ok2 {
				return errors.New("not a go-sqlite3 connection")
			}
			b, err := dc.Backup("main", sc, "main")
			if err != nil {
				return err
			}
			// One step copies every page inside one read transaction of the
			// source: a snapshot of one moment, which WAL lets writers go on past.
			if _, err := b.Step(-1); err != nil {
				b.Close()
				return err
			}
			return b.Close()
		})
	})
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dst, err)
	}
	// The pages copied carry the source's WAL mode: a rollback journal makes the
	// backup one file that read-only commands read without creating any beside it.
	var mode string
	if err := dstConn.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode); err != nil {
		return fmt.Errorf("backup %s: journal mode: %w", dst, err)
	} else if mode != "delete" {
		return fmt.Errorf("backup %s: journal mode is %s, not delete", dst, mode)
	}
	var check string
	if err := dstConn.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil {
		return fmt.Errorf("backup %s: integrity check: %w", dst, err)
	} else if check != "ok" {
		return fmt.Errorf("backup %s: integrity check failed: %s", dst, check)
	}
	return nil
}
