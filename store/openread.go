package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/mattn/go-sqlite3"

	"github.com/unblock-dev/unblock"
)

// OpenRead opens an existing database for a command that only reads it (digest,
// blockers, graph, export, people, export-user). On SQLite the file is opened
// read-only, with no migration, no write probe and no inbox file: it reads a
// backup on read-only storage, never waits for the write lock an import or the
// bot holds, and changes no file. A file that is not SQLite, not unblock's or
// written by an older unblock (its migrations behind this build's) is refused
// with one line saying what to do. PostgreSQL opens as Open does.
func OpenRead(ctx context.Context, path string) (*DB, error) {
	return openRead(ctx, path, true)
}

// OpenForBackup is OpenRead for Backup: it opens an unblock database whatever
// migrations it holds (the online backup API copies pages, not our schema), so
// a backup can be taken before an upgrade. A PostgreSQL URL is refused: it is
// backed up with pg_dump.
func OpenForBackup(ctx context.Context, path string) (*DB, error) {
	if IsPostgres(path) {
		return nil, errBackupPostgres
	}
	return openRead(ctx, path, false)
}

func openRead(ctx context.Context, path string, current bool) (*DB, error) {
	if IsPostgres(path) || unblock.IsPostgresKeywords(path) || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return Open(ctx, path) // which refuses the keyword/value form
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, unblock.Errorf(unblock.EINVALID, "database %s does not exist", path)
	case err != nil:
		return nil, fmt.Errorf("open database %s: %w", path, err)
	case fi.IsDir():
		return nil, unblock.Errorf(unblock.EINVALID, "database %s is a directory", path)
	case fi.Size() == 0:
		return nil, unblock.Errorf(unblock.EINVALID, "database %s is an empty file, no unblock database", path)
	}
	db := &DB{path: path, d: sqliteDialect{}}
	db.expireAfter.Store(int64(DefaultExpireAfter))
	db.expireSilence.Store(int64(DefaultExpireSilence))
	if db.read, err = db.open(readOnlyDSN(path)); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	db.read.SetMaxOpenConns(n)
	db.read.SetMaxIdleConns(n)
	db.write = db.read // a write on a read-only database fails loudly, never panics
	if err := db.checkMigrated(ctx, current); err != nil {
		db.read.Close()
		return nil, err
	}
	return db, nil
}

// readOnlyDSN is the data source name of a read-only connection to path: as
// dsn's read connections, opened with mode=ro and without setting the journal
// mode (which writes). A file in a directory this process cannot write (a
// backup on read-only storage) is opened immutable, as SQLite cannot keep its
// shared-memory file there; nobody writes such a file meanwhile.
func readOnlyDSN(path string) string {
	q := connParams()
	q.Set("mode", "ro")
	q.Set("_query_only", "true")
	if !dirWritable(filepath.Dir(path)) {
		q.Set("immutable", "1")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// dirWritable reports whether this process may create files in dir.
func dirWritable(dir string) bool {
	probe, err := os.CreateTemp(dir, ".unblock-probe-*")
	if err != nil {
		return false
	}
	probe.Close()
	os.Remove(probe.Name())
	return true
}

// checkMigrated reports whether the database is unblock's and, when current is
// set, holds every migration of this build, in words a person can act on when
// it does not.
func (db *DB) checkMigrated(ctx context.Context, current bool) error {
	rows, err := db.read.QueryContext(ctx, `SELECT name FROM migrations`)
	if err != nil {
		var se sqlite3.Error
		switch {
		case errors.As(err, &se) && se.Code == sqlite3.ErrNotADB:
			return unblock.Errorf(unblock.EINVALID, "database %s is not a SQLite database", db.path)
		case strings.Contains(err.Error(), "no such table"):
			return unblock.Errorf(unblock.EINVALID, "database %s is not an unblock database (it has no migrations table)", db.path)
		}
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return fmt.Errorf("open database %s: %w", db.path, err)
		}
		have[name] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	if !current {
		return nil
	}
	names, err := Migrations(db.d.name())
	if err != nil {
		return err
	}
	for _, name := range names {
		if !have[name] {
			return unblock.Errorf(unblock.EINVALID, "database %s was written by an older unblock (it lacks %s): run a command that writes it once (unblock import or unblock run) to bring it up to date",
				db.path, strings.TrimPrefix(name, "migrations/"))
		}
	}
	return nil
}
