// Package store keeps unblock's state in SQLite (the default) or PostgreSQL:
// people, reports, the blocker lifecycle, the inbox of received Slack events,
// posts and standup sessions. See dialect.go for how one implementation serves both.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3" // the "sqlite3" database/sql driver (cgo)

	"github.com/unblock-dev/unblock"
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// DefaultExpireAfter is how many later meaningful reports of its person may leave a
// blocker unmentioned before it expires.
var DefaultExpireAfter = 3

// DefaultExpireSilence is how long a person may send no report at all before
// their open blockers expire (at their last report plus this).
const DefaultExpireSilence = 7 * 24 * time.Hour

// DefaultBusyTimeout is how long a connection waits for a lock held by another
// process (the bot and "unblock import" on the same file) before it gives up.
const DefaultBusyTimeout = 5 * time.Second

// DB is an open store.
//
// One writer, many readers: writes go through a pool of exactly one connection,
// so write transactions queue in Go instead of failing with SQLITE_BUSY, and each
// begins with BEGIN IMMEDIATE, so it holds the write lock from its first statement
// and never has to upgrade a read lock (the classic SQLite deadlock). Reads go
// through a separate pool of query-only connections; with WAL they read the last
// committed snapshot and neither block nor are blocked by the writer. Two pools
// rather than one pool and a mutex: a reader can never take the writer's
// connection, and a stray write on a read path fails loudly.
//
// On PostgreSQL (postgres.go) the same holds across processes: every write
// transaction first takes a transaction-scoped advisory lock, the counterpart of
// SQLite's BEGIN IMMEDIATE, so the replicas of one deployment write one at a time.
type DB struct {
	path  string
	d     dialect
	write *pool
	read  *pool

	inbox *pool // the inbox file (see inbox.go); on PostgreSQL a pool of its own on the same database

	pg *pgLocks // PostgreSQL only: the advisory lock keys of this database and schema

	expireAfter    atomic.Int64
	expireSilence  atomic.Int64 // a time.Duration
	everySilence   atomic.Bool  // tests: silence looks up every blocker's last report (see heard in silence)
	logImplied     atomic.Bool  // tests: the implied effects are logged too, as before migration 0009 (impliedEffects)
	replayUncached atomic.Bool  // tests: a replay reads the person's open blockers at each report (lifecycle.replay)
	dropText       atomic.Bool
	dayZone        atomic.Pointer[time.Location] // whose days count misses for people with no zone; nil for UTC
	zones          sync.Map                      // IANA name -> *time.Location, or nil when the name loads nothing
}

// Open opens the database at path, creating the file if needed, and applies any
// migrations not yet applied. path may also be a "file:" URI, or ":memory:" for a
// throwaway database (tests): it lives in the one write connection, which then
// serves reads too, so inside Update's fn use tx, never db. Every error names the
// database (a PostgreSQL URL without its password), so callers add no name of
// their own; a database the config names wrongly (a PostgreSQL database or user
// that does not exist, a wrong password) is EINVALID.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open store: empty path")
	}
	if unblock.IsPostgresKeywords(path) {
		return nil, unblock.PostgresKeywordsError(Redacted(path))
	}
	db := &DB{path: path, d: sqliteDialect{}}
	db.expireAfter.Store(int64(DefaultExpireAfter))
	db.expireSilence.Store(int64(DefaultExpireSilence))
	if IsPostgres(path) {
		return db.openPostgres(ctx)
	}

	var err error
	if db.write, err = db.open(dsn(path, false)); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	db.write.SetConnMaxLifetime(0)
	db.write.SetConnMaxIdleTime(0)

	if err := checkWritable(path); err != nil {
		db.write.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.write.Close()
		if se := (sqlite3.Error{}); errors.As(err, &se) && se.Code == sqlite3.ErrNotADB {
			// As the read-only commands say it (checkMigrated): one line, a usage error.
			return nil, unblock.Errorf(unblock.EINVALID, "database %s is not a SQLite database", path)
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	beforeProbe()
	if err := db.probeWrite(ctx); err != nil {
		db.write.Close()
		return nil, probeFailed(path, err)
	}

	if err := db.openInbox(ctx); err != nil {
		db.write.Close()
		return nil, err
	}

	if path == ":memory:" {
		// One in-memory database lives in one connection: reads share the writer's.
		db.read = db.write
		return db, nil
	}
	if db.read, err = db.open(dsn(path, true)); err != nil {
		db.write.Close()
		db.inbox.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	db.read.SetMaxOpenConns(n)
	db.read.SetMaxIdleConns(n)
	return db, nil
}

// open opens a SQLite pool that speaks the store's dialect.
func (db *DB) open(dsn string) (*pool, error) {
	p, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	return &pool{DB: p, d: db.d}, nil
}

// DSN returns the go-sqlite3 data source name the store's write connection opens
// path with (its journal mode, synchronous level, foreign keys and caches), for a
// program that must write the file under the same conditions, such as the import
// benchmark's floor.
func DSN(path string) string { return dsn(path, false) }

// dsn returns the go-sqlite3 data source name for path.
func dsn(path string, readOnly bool) string {
	q := connParams()
	// WAL: readers see the last committed snapshot while the writer appends to the
	// log, so the bot's reads (App Home, /blocked) never wait for an import.
	q.Set("_journal_mode", "WAL")
	// NORMAL is safe with WAL (a power cut may lose the last transactions, never corrupt
	// the file) and saves an fsync per commit.
	q.Set("_synchronous", "NORMAL")
	if readOnly {
		// A read connection refuses writes, so a write on the read path fails loudly.
		q.Set("_query_only", "true")
	} else {
		// Take the write lock at BEGIN (see DB).
		q.Set("_txlock", "immediate")
		// Overwrite what is deleted with zeros, in free space within pages and in
		// freed pages: what people wrote and unblock drops (a processed envelope's
		// payload with privacy.store_text off, text past privacy.text_days, a
		// reading once read, a forgotten person) must not stay readable in the file.
		q.Set("_secure_delete", "on")
	}
	switch {
	case path == ":memory:":
		return path + "?" + q.Encode()
	case strings.HasPrefix(path, "file:"): // a URI from the config: keep its own parameters
		if strings.Contains(path, "?") {
			return path + "&" + q.Encode()
		}
		return path + "?" + q.Encode()
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// connParams are the parameters every connection to a SQLite database opens
// with, the writer's, the readers' and a read-only command's (readOnlyDSN).
func connParams() url.Values {
	q := url.Values{}
	// SQLite leaves foreign keys off by default; blocker_reports and blockers rely on them.
	q.Set("_foreign_keys", "on")
	// A second process (a CLI import beside the bot) waits for the lock instead of failing at once.
	q.Set("_busy_timeout", fmt.Sprint(DefaultBusyTimeout.Milliseconds()))
	// Keep prepared statements per connection: the blocker lifecycle runs the same few
	// statements for every report.
	q.Set("_stmt_cache_size", "64")
	// A bigger page cache (negative: KiB) keeps a large write transaction, such as an
	// import, from spilling dirty pages to the log mid-transaction and reading them back.
	q.Set("_cache_size", "-65536")
	// database/sql hands a connection to one goroutine at a time, so SQLite's own
	// per-connection mutex only costs: it is taken and released around every call,
	// three for each column of each row read (a third of SQLite's time reading the
	// digest's hundred thousand blockers). sqlite3_interrupt, which a cancelled
	// context calls from another goroutine, needs no mutex.
	q.Set("_mutex", "no")
	return q
}

// Close closes both pools.
func (db *DB) Close() error {
	var errs []error
	if db.pg != nil && db.pg.presence != nil {
		db.pg.presence.close()
	}
	if db.inbox != nil {
		errs = append(errs, db.inbox.Close())
	}
	if db.read != nil && db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	return errors.Join(errs...)
}

// Path returns the file (or PostgreSQL URL) the store was opened on.
func (db *DB) Path() string { return db.path }

// SetExpireAfter sets how many later meaningful reports of its person may leave a
// blocker unmentioned before it expires; n <= 0 turns expiry off.
func (db *DB) SetExpireAfter(n int) { db.expireAfter.Store(int64(n)) }

// SetExpireSilence sets how long a person may send no report at all before their
// open blockers expire, at their last report plus d; d <= 0 turns it off.
func (db *DB) SetExpireSilence(d time.Duration) { db.expireSilence.Store(int64(max(d, 0))) }

// SetDayZone sets the time zone whose days count a person's misses (see nextSeq)
// when their profile has no time zone of its own: the config's timezone. nil is UTC.
func (db *DB) SetDayZone(loc *time.Location) { db.dayZone.Store(loc) }

// SetStoreText sets whether report text is kept. When keep is false, reports are
// stored with an empty text and only a hash of it, which still detects edits.
func (db *DB) SetStoreText(keep bool) { db.dropText.Store(!keep) }

// migrationDirs holds each backend's migrations: the same numbered files, each
// in its backend's types (store/migrations/postgres holds PostgreSQL's twins).
var migrationDirs = map[string]string{"sqlite": "migrations", "postgres": "migrations/postgres"}

// Migrations returns the names of the embedded migrations of a backend ("sqlite"
// or "postgres"), in the order they are applied, as the migrations table records
// them ("migrations/0001_init.sql" on both).
func Migrations(backend string) ([]string, error) {
	dir, ok := migrationDirs[backend]
	if !ok {
		return nil, fmt.Errorf("no backend %q", backend)
	}
	names, err := fs.Glob(migrationFS, dir+"/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for i, n := range names {
		// Recorded as SQLite's files are, on both backends: "migrations/0001_init.sql".
		names[i] = "migrations/" + strings.TrimPrefix(n, dir+"/")
	}
	return names, nil
}

// migrate applies, in name order, every embedded migration not yet recorded in the
// migrations table, each in its own transaction. A migration is recorded by its
// file name, the same on both backends.
func (db *DB) migrate(ctx context.Context) error {
	err := db.writeTx(ctx, func(tx dtx) error {
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
			name       TEXT PRIMARY KEY,
			applied_at BIGINT NOT NULL
		)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	names, err := Migrations(db.d.name())
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := db.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
	}
	return nil
}

func (db *DB) migrateFile(ctx context.Context, name string) error {
	return db.writeTx(ctx, func(tx dtx) error {
		return db.migrateIn(ctx, tx, name)
	})
}

func (db *DB) migrateIn(ctx context.Context, tx dtx, name string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	buf, err := fs.ReadFile(migrationFS, migrationDirs[db.d.name()]+"/"+strings.TrimPrefix(name, "migrations/"))
	if err != nil {
		return err
	}
	if _, err := tx.Tx.ExecContext(ctx, string(buf)); err != nil {
		return err
	}
	if step := migrationSteps[name]; step != nil {
		if err := step(ctx, tx); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO migrations (name, applied_at) VALUES (?, ?)`, name, time.Now().UnixNano())
	return err
}

// writeTx runs fn in one transaction on the write pool, holding the write lock
// (SQLite's BEGIN IMMEDIATE; on PostgreSQL, the store's advisory lock), and commits
// it if fn returns nil.
func (db *DB) writeTx(ctx context.Context, fn func(tx dtx) error) error {
	var tx dtx
	var err error
	if db.d.name() == "sqlite" {
		// The transaction keeps the pool's one connection as a *sql.Conn, so that
		// Tx.Bulk can write its held rows on it directly (bulkWrites.write).
		conn, err := db.write.Conn(ctx)
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		defer conn.Close()
		t, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		tx = dtx{Tx: t, d: db.d, conn: conn}
	} else if tx, err = db.write.BeginTx(ctx, nil); err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if db.pg != nil {
		if err := db.pg.lockWrites(ctx, tx); err != nil {
			return err
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Tx is a view of the store inside one transaction (from Update) or, for the DB's
// own read methods, over the read pool. It has every read and write method of DB.
type Tx struct {
	db    *DB
	q     querier
	conn  *sql.Conn   // the write transaction's connection on SQLite (for Bulk), nil otherwise
	cache *txCache    // nil outside a write transaction
	bulk  *bulkWrites // see Bulk; nil without it

	// deferred holds, under ApplyReports, the lifecycles of the people whose
	// later reports a replay has undone and not all applied again yet.
	deferred map[string]*lifecycle

	countOnly bool // see CountOnly

	encBuf  []byte // ApplyReport's buffer for a report's statement as JSON
	hashBuf []byte // ApplyReport's buffer for what a report's hash sums
}

// txCache remembers, for one write transaction, what the lifecycle looks up again
// and again during an import. Only this transaction writes while it is open, so
// the cache cannot go stale except through the Tx's own writes, which update it.
type txCache struct {
	// latest is the newest applied report key known per person. It may be too high
	// after a deletion (then the lifecycle just asks the database), never too low.
	latest map[string]latestReport
	roles  map[string]sql.NullString // person ID -> role; !Valid when not in people
	names  map[string]string         // name key -> user ID, "" when it names nobody
	zones  map[string]*time.Location // person ID -> the zone of their days (zoneOf)
	// open holds, per person, the blockers that may still be open at the person's
	// next report in time order, with their roles filled (fillRoles), so that
	// applying reports in order reads no blockers. It is kept up to date by the lifecycle's in-order path only; any
	// other change to a person's blockers (a late report, an edit, a deletion, a
	// button) drops the person's entry, or every entry.
	open map[string]*openBlockers
	// openBuf is the buffer openInOrder returns a person's open blockers in.
	openBuf []blockerRow
	// reports holds, per channel, what the transaction knows of the reports stored
	// there, so that looking up a message that was never stored (most of an import)
	// needs no query.
	reports map[string]*channelReports
	// nums are the user and target numbers looked up or given (numbers.go).
	nums *numbers
}

// loadReportsAfter is how many reports of one channel a transaction looks up
// before it reads the ts of all the channel's reports at once: an import looks up
// every message, the bot at most one a envelope in a transaction of up to 64
// envelopes (reading a busy channel's whole history for each of those would cost
// more than the look-ups it saves).
const loadReportsAfter = 256

// channelReports is what a transaction knows of the reports stored in a channel.
type channelReports struct {
	lookups int                 // look-ups so far
	ts      map[string]struct{} // every stored report's ts, once read; nil before
}

// mayHaveReport reports whether a report (channel, ts) may be stored: false only
// when the cache knows every report of the channel and this is not one of them.
func (tx *Tx) mayHaveReport(ctx context.Context, channel, ts string) (bool, error) {
	c := tx.cache
	if c == nil {
		return true, nil
	}
	cr := c.reports[channel]
	if cr == nil {
		cr = &channelReports{}
		if c.reports == nil {
			c.reports = make(map[string]*channelReports)
		}
		c.reports[channel] = cr
	}
	if cr.ts == nil {
		if fresh, err := tx.fresh(ctx); err != nil {
			return false, err
		} else if fresh {
			cr.ts = make(map[string]struct{}) // a new database: none, and addReport adds each
			return false, nil
		}
		// Under Bulk (an import) every message is looked up: read the channel's at once.
		if cr.lookups++; cr.lookups < loadReportsAfter && tx.bulk == nil {
			return true, nil
		}
		rows, err := tx.q.QueryContext(ctx, `SELECT ts FROM reports WHERE channel = ?`, channel)
		if err != nil {
			return false, fmt.Errorf("reports of %s: %w", channel, err)
		}
		defer rows.Close()
		known := make(map[string]struct{})
		for rows.Next() {
			var ts string
			if err := rows.Scan(&ts); err != nil {
				return false, fmt.Errorf("reports of %s: %w", channel, err)
			}
			known[ts] = struct{}{}
		}
		if err := rows.Err(); err != nil {
			return false, fmt.Errorf("reports of %s: %w", channel, err)
		}
		cr.ts = known
	}
	_, ok := cr.ts[ts]
	return ok, nil
}

// addReport records in the cache that report (channel, ts) is now stored.
func (c *txCache) addReport(channel, ts string) {
	if c == nil {
		return
	}
	if cr := c.reports[channel]; cr != nil && cr.ts != nil {
		cr.ts[ts] = struct{}{}
	}
}

// openBlockers is a person's blockers as the transaction's cache knows them:
// every one not resolved at or before `from` (resolved_at NULL or later than
// from), ordered by ID, with their stored values. Rows resolved since may linger:
// readers filter by time, so a row too many is harmless and only a missing row
// would be wrong.
type openBlockers struct {
	from int64
	rows []blockerRow
}

// forgetOpen drops what the cache knows of person's blockers, or of everyone's
// when person is "".
func (c *txCache) forgetOpen(person string) {
	switch {
	case c == nil:
	case person == "":
		c.open = nil
	default:
		delete(c.open, person)
	}
}

// latestReport is a person's newest applied report: its key and seq.
type latestReport struct {
	key reportKey
	seq int64
}

// reportKey orders one person's reports: by time, then ts and channel.
type reportKey struct {
	at          int64
	ts, channel string
}

func (k reportKey) after(o reportKey) bool {
	if k.at != o.at {
		return k.at > o.at
	}
	if k.ts != o.ts {
		return k.ts > o.ts
	}
	return k.channel > o.channel
}

// forgetPeople drops what the cache knows about people, after they changed:
// their roles, names and zones, and the open blockers, which hold the roles of
// their people and targets.
func (c *txCache) forgetPeople() {
	if c != nil {
		c.roles, c.names, c.zones, c.open, c.nums = nil, nil, nil, nil, nil
	}
}

// Update runs fn in one write transaction and commits it if fn returns nil;
// otherwise nothing fn wrote is kept. fn must use tx, not db: calling db's write
// methods inside fn would wait forever for the one write connection.
//
// An error that means the database cannot be written at all (see Unwritable) is
// returned as an EUNAVAILABLE error naming the file.
//
// Inside Atomic, Update joins Atomic's transaction: fn runs in it and nothing is
// committed until Atomic's fn returns.
func (db *DB) Update(ctx context.Context, fn func(tx *Tx) error) error {
	if tx := db.txOf(ctx); tx != nil {
		return fn(tx)
	}
	err := db.update(ctx, fn)
	if Unwritable(err) {
		return unblock.Errorf(unblock.EUNAVAILABLE, "database %s cannot be written: %v", Redacted(db.path), err)
	}
	return err
}

func (db *DB) update(ctx context.Context, fn func(tx *Tx) error) error {
	return db.writeTx(ctx, func(tx dtx) error {
		t := &Tx{db: db, q: tx, conn: tx.conn, cache: &txCache{}}
		defer t.endBulk() // no write of Bulk's outlives the transaction
		if err := fn(t); err != nil {
			return err
		}
		return t.commitBulk(ctx)
	})
}

// reader returns a Tx over the read pool, for single-statement reads; inside
// Atomic it returns Atomic's transaction, so a read sees what fn wrote so far.
func (db *DB) reader(ctx context.Context) *Tx {
	if tx := db.txOf(ctx); tx != nil {
		return tx
	}
	return &Tx{db: db, q: db.read}
}

// txKey carries Atomic's transaction in a context.
type txKey struct{}

// Atomic runs fn in one write transaction and commits it if fn returns nil.
// Every method of db called with the ctx fn is given (reads and writes alike)
// runs in that transaction, so a handler's state changes and the effects they
// decide (Enqueue) commit together or not at all. fn must not call db with
// another context: a write would wait forever for the one write connection.
// Atomic inside Atomic joins the outer transaction.
func (db *DB) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	return db.Update(ctx, func(tx *Tx) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	})
}

// Savepoint runs fn inside Atomic's transaction (the one ctx carries) under a
// savepoint: if fn returns an error, what fn wrote is undone and the transaction
// goes on without it. The bot's worker processes several inbox items in one
// transaction this way, so a failing item costs only its own work. Without a
// transaction in ctx it is Atomic. SAVEPOINT, ROLLBACK TO SAVEPOINT and RELEASE
// SAVEPOINT are standard SQL (SQLite and PostgreSQL alike).
func (db *DB) Savepoint(ctx context.Context, fn func(ctx context.Context) error) error {
	tx := db.txOf(ctx)
	if tx == nil {
		return db.Atomic(ctx, fn)
	}
	if _, err := tx.q.ExecContext(ctx, `SAVEPOINT item`); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	ferr := fn(ctx)
	if ferr != nil {
		if _, err := tx.q.ExecContext(ctx, `ROLLBACK TO SAVEPOINT item`); err != nil {
			return errors.Join(ferr, fmt.Errorf("rollback to savepoint: %w", err))
		}
		// The caches may hold what was undone: start them afresh.
		if tx.cache != nil {
			*tx.cache = txCache{}
		}
	}
	if _, err := tx.q.ExecContext(ctx, `RELEASE SAVEPOINT item`); err != nil {
		return errors.Join(ferr, fmt.Errorf("release savepoint: %w", err))
	}
	return ferr
}

// txOf returns the transaction of Atomic that ctx carries for db, or nil.
func (db *DB) txOf(ctx context.Context) *Tx {
	if tx, ok := ctx.Value(txKey{}).(*Tx); ok && tx.db == db {
		return tx
	}
	return nil
}

// nanos returns t as Unix nanoseconds for storage, NULL for the zero time.
func nanos(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixNano(), Valid: true}
}

// timeOf returns the UTC time stored as n, the zero time for NULL.
func timeOf(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}

// nullID returns id for storage, NULL for 0.
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
