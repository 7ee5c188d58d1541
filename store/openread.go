package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/mattn/go-sqlite3"

	"github.com/unblock-dev/unblock"
)

// OpenRead opens an existing database for a command that only reads it (digest,
// blockers, graph, export, people, export-user). On SQLite the file is opened
// read-only, with no migration, no write probe and no inbox file: it reads a
// backup on read-only storage, never waits for the write lock an import or the
// bot holds, and creates no file where SQLite allows (see readOnlyDSN). A file
// that is not SQLite, not unblock's or written by an older unblock (its
// migrations behind this build's) is refused with one line saying what to do.
// PostgreSQL opens as Open does.
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
	wal, err := walMode(path)
	if err != nil {
		return nil, err
	}
	db := &DB{path: path, d: sqliteDialect{}}
	db.expireAfter.Store(int64(DefaultExpireAfter))
	db.expireSilence.Store(int64(DefaultExpireSilence))
	if db.read, err = db.open(readOnlyDSN(path, wal)); err != nil {
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

// walMode reports whether the SQLite file at path is in WAL mode, by its
// header (the file format's read and write versions are 2 in WAL mode, 1 with a
// rollback journal); a file that is no SQLite database is refused.
func walMode(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || string(h[:16]) != "SQLite format 3\x00" {
		return false, unblock.Errorf(unblock.EINVALID, "database %s is not a SQLite database", path)
	}
	return h[18] == 2 || h[19] == 2, nil
}

// readOnlyDSN is the data source name of a read-only connection to path: as
// dsn's read connections, opened with mode=ro and without setting the journal
// mode (which writes). Where the file is, it is read so as to see every
// committed transaction and to create no file where SQLite allows:
//
//   - a file with a rollback journal (a backup) is read under SQLite's locks:
//     a reader of such a file creates nothing;
//   - a file in WAL mode with its -wal beside it (the bot or an import has it
//     open, or one stopped without closing it) is read through the -wal and
//     -shm there, which hold what was committed last; SQLite creates the -shm if
//     it is missing and the directory may be written, and when it cannot, the
//     file is read as it is on disk (immutable), without the -wal's transactions;
//   - a file in WAL mode without a -wal (no process has it open: every
//     transaction is in the file) is read as it is on disk (immutable): SQLite
//     would otherwise create a -wal and a -shm, which a read-only connection
//     cannot remove again. A writer that opens it meanwhile is not seen.
func readOnlyDSN(path string, wal bool) string {
	q := connParams()
	q.Set("mode", "ro")
	q.Set("_query_only", "true")
	if wal && !walReadable(path) {
		q.Set("immutable", "1")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// walReadable reports whether a read-only connection can read the WAL-mode
// database at path through its -wal without creating one: the -wal exists, and
// so does the -shm or the directory may be written (SQLite creates it then).
func walReadable(path string) bool {
	if _, err := os.Stat(path + "-wal"); err != nil {
		return false
	}
	if _, err := os.Stat(path + "-shm"); err == nil {
		return true
	}
	return syscall.Access(filepath.Dir(path), 2 /* W_OK */) == nil
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
