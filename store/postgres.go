package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib" // also registers the "pgx" database/sql driver

	"github.com/unblock-dev/unblock"
)

// IsPostgres reports whether the database named by path is a PostgreSQL URL
// (postgres://… or postgresql://…) rather than a SQLite file.
func IsPostgres(path string) bool { return unblock.IsPostgresURL(path) }

// Redacted returns path for logs: a PostgreSQL URL without its password, in its
// user part or in a query parameter (pgx reads ?password= and ?sslpassword= too).
func Redacted(path string) string {
	if unblock.IsPostgresKeywords(path) {
		return keywordPassword.ReplaceAllString(path, "${1}=xxxxx")
	}
	if !IsPostgres(path) {
		return path
	}
	return unblock.RedactedURL(path)
}

// keywordPassword matches a password in a keyword/value connection string,
// quoted or not: "password=s3cret", "password = 'two words'".
var keywordPassword = regexp.MustCompile(`(?i)\b(password|sslpassword)\s*=\s*('(?:[^'\\]|\\.)*'|\S*)`)

// Advisory lock classes (the first key of PostgreSQL's two-key advisory locks);
// the second key is the hash of the database and schema, so two deployments (or
// two tests) in two schemas of one server never wait on each other.
const (
	lockClassWrite     = 0x756e6201 // "unb" 1: the write lock, held by a write transaction
	lockClassScheduler = 0x756e6202 // "unb" 2: held by the replica that runs the schedules
)

// pgLocks are the advisory lock keys of one PostgreSQL database and schema, and
// the process's presence on the server.
type pgLocks struct {
	key int32 // hashtext(current_database() || '.' || current_schema())

	// presence is a connection the process holds for its whole life, with TCP
	// keepalives (leaseSettings); its backend's pid names the process in the claims
	// it makes (outbox.claimed_by). Other replicas see a claim as live while that
	// backend is in pg_stat_activity: when the process dies its claims are free at
	// once, and a process whose presence fails stops claiming until it has a new one.
	presence *presence
}

// lockWrites takes the write lock for the rest of tx: the PostgreSQL counterpart
// of SQLite's BEGIN IMMEDIATE. Write transactions of every process on the same
// database and schema run one at a time, so the lifecycle's reads within a
// transaction stay true until it commits, as on SQLite. Like SQLite's busy
// timeout, waiting longer than DefaultBusyTimeout fails with a Busy error: the
// write connection's lock_timeout (see openPostgres).
func (l *pgLocks) lockWrites(ctx context.Context, tx dtx) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?, ?)`, lockClassWrite, l.key); err != nil {
		return fmt.Errorf("write lock: %w", err)
	}
	return nil
}

// openPostgres opens db.path, a PostgreSQL URL, and applies the migrations. Its
// options (search_path among them) are pgx's: postgres://user@host/db?search_path=unblock.
func (db *DB) openPostgres(ctx context.Context) (*DB, error) {
	db.d = postgresDialect{cache: &sync.Map{}}
	open := func(conns int, params ...string) (*pool, error) {
		cfg, err := pgx.ParseConfig(db.path)
		if err != nil {
			return nil, unblock.Errorf(unblock.EINVALID, "database %s: %v", Redacted(db.path), err)
		}
		for i := 0; i+1 < len(params); i += 2 {
			cfg.RuntimeParams[params[i]] = params[i+1]
		}
		p := stdlib.OpenDB(*cfg)
		p.SetMaxOpenConns(conns)
		p.SetMaxIdleConns(conns)
		p.SetConnMaxIdleTime(5 * time.Minute)
		return &pool{DB: p, d: db.d}, nil
	}
	var err error
	fail := func(err error) (*DB, error) {
		db.Close()
		return nil, err
	}
	// One write connection, as on SQLite: a process's write transactions queue in
	// Go; the advisory lock orders them with other processes'.
	if db.write, err = open(1, "lock_timeout", fmt.Sprintf("%dms", DefaultBusyTimeout.Milliseconds())); err != nil {
		return fail(err)
	}
	var key sql.NullInt32
	if err := db.write.QueryRowContext(ctx, `SELECT hashtext(current_database() || '.' || current_schema())`).Scan(&key); err != nil {
		return fail(connectFailed(Redacted(db.path), err))
	} else if !key.Valid {
		return fail(unblock.Errorf(unblock.EINVALID, "database %s: no schema of its search_path exists", Redacted(db.path)))
	}
	db.pg = &pgLocks{key: key.Int32}
	if db.pg.presence, err = openPresence(ctx, db.path); err != nil {
		return fail(fmt.Errorf("open database %s: %w", Redacted(db.path), err))
	}
	if err := db.migrate(ctx); err != nil {
		return fail(fmt.Errorf("open database %s: %w", Redacted(db.path), err))
	}
	beforeProbe()
	if err := db.probeWrite(ctx); err != nil {
		return fail(probeFailed(Redacted(db.path), err))
	}
	if db.read, err = open(max(4, runtime.GOMAXPROCS(0))); err != nil {
		return fail(err)
	}
	// The inbox is a table of the same database, written through a pool of its own:
	// an envelope's commit before its ack never waits for the write lock.
	if db.inbox, err = open(2); err != nil {
		return fail(err)
	}
	return db, nil
}

// connectFailed is the error of a first query on name that failed. A server that
// refuses the URL's database or user (it does not exist, or the password is
// wrong) is a configuration problem (EINVALID); one that cannot be reached now
// (EUNAVAILABLE) may be there later. The message names the database once.
func connectFailed(name string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "3D000", "28000", "28P01": // invalid_catalog_name, invalid_authorization_specification, invalid_password
			return unblock.Errorf(unblock.EINVALID, "open database %s: %s (SQLSTATE %s)", name, pe.Message, pe.Code)
		}
	}
	return unblock.Errorf(unblock.EUNAVAILABLE, "open database %s: %v", name, err)
}

// probePostgres runs one write transaction that changes nothing and fails when
// the server takes no writes (a standby, a read-only transaction default).
func (db *DB) probePostgres(ctx context.Context) error {
	return db.writeTx(ctx, func(tx dtx) error {
		var ro string
		if err := tx.QueryRowContext(ctx, `SELECT current_setting('transaction_read_only')`).Scan(&ro); err != nil {
			return err
		}
		if ro == "on" {
			return errors.New("transactions are read-only (a standby server?)")
		}
		return nil
	})
}

// pgCode returns the SQLSTATE of a PostgreSQL error, "" for other errors.
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// pgBusy reports whether err is a PostgreSQL failure that passes: a lock waited
// on past the busy timeout, a serialization failure or deadlock, or a connection
// lost or refused (a server restarting, a failover).
func pgBusy(err error) bool {
	switch pgCode(err) {
	case "55P03", "40001", "40P01", "57P01", "57P02", "57P03":
		return true
	}
	var ce *pgconn.ConnectError
	return errors.As(err, &ce) || pgconn.Timeout(err) || errors.Is(err, sql.ErrConnDone)
}

// pgUnwritable reports whether err means the PostgreSQL database takes no writes
// at all: a read-only transaction (a standby) or a full disk.
func pgUnwritable(err error) bool {
	switch pgCode(err) {
	case "25006", "53100":
		return true
	}
	return false
}

// presence is the process's own connection to the server (see pgLocks).
type presence struct {
	pool *sql.DB
	stop chan struct{}
	done chan struct{}
	kick chan struct{} // a claim found the connection gone: reconnect now
	once sync.Once

	mu   sync.Mutex
	conn *sql.Conn // nil while lost
	pid  int32
}

func openPresence(ctx context.Context, path string) (*presence, error) {
	p, err := sql.Open("pgx", path)
	if err != nil {
		return nil, err
	}
	p.SetMaxOpenConns(1)
	pr := &presence{pool: p, stop: make(chan struct{}), done: make(chan struct{}), kick: make(chan struct{}, 1)}
	if err := pr.connect(ctx); err != nil {
		p.Close()
		return nil, err
	}
	go pr.watch()
	return pr, nil
}

// connect opens the presence connection and learns its backend's pid.
func (pr *presence) connect(ctx context.Context) error {
	conn, err := pr.pool.Conn(ctx)
	if err != nil {
		return fmt.Errorf("presence: %w", err)
	}
	for _, s := range leaseSettings {
		if _, err = conn.ExecContext(ctx, s); err != nil {
			break
		}
	}
	var pid int32
	if err == nil {
		err = conn.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid)
	}
	if err != nil {
		conn.Close()
		return fmt.Errorf("presence: %w", err)
	}
	pr.mu.Lock()
	pr.conn, pr.pid = conn, pid
	pr.mu.Unlock()
	return nil
}

// watch checks the presence connection until close. A failed check drops it:
// until a new one is open (a new backend, a new name) the process claims
// nothing, since the others may take its claims over from then on.
func (pr *presence) watch() {
	defer close(pr.done)
	t := time.NewTicker(leaseCheckEvery)
	defer t.Stop()
	for {
		select {
		case <-pr.stop:
			return
		case <-t.C:
		case <-pr.kick:
		}
		ctx, cancel := context.WithTimeout(context.Background(), leaseCheckTimeout)
		pr.mu.Lock()
		conn := pr.conn
		pr.mu.Unlock()
		if conn == nil {
			pr.connect(ctx) // a server back after a restart; else the next tick tries again
		} else if err := conn.PingContext(ctx); err != nil {
			pr.mu.Lock()
			pr.conn, pr.pid = nil, 0
			pr.mu.Unlock()
			conn.Close()
		}
		cancel()
	}
}

// claimer returns the pid that names this process in its claims, or an error
// while its presence is lost (its claims may already be someone else's).
func (pr *presence) claimer() (int32, error) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.conn == nil {
		return 0, unblock.Errorf(unblock.EUNAVAILABLE, "the connection that names this process to the other replicas was lost; reconnecting")
	}
	return pr.pid, nil
}

// gone drops the presence connection of backend pid, found gone: the watch opens
// a new one at its next check.
func (pr *presence) gone(pid int32) {
	pr.mu.Lock()
	conn := pr.conn
	if pr.pid != pid {
		conn = nil // already replaced
	} else {
		pr.conn, pr.pid = nil, 0
	}
	pr.mu.Unlock()
	if conn != nil {
		conn.Close()
	}
	select {
	case pr.kick <- struct{}{}:
	default:
	}
}

func (pr *presence) close() {
	pr.once.Do(func() {
		close(pr.stop)
		<-pr.done
		pr.mu.Lock()
		if pr.conn != nil {
			pr.conn.Close()
		}
		pr.mu.Unlock()
		pr.pool.Close()
	})
}

// Analyze refreshes PostgreSQL's statistics of the store's tables after a bulk
// write (an import, a copy): until autovacuum gets to them, the planner would
// plan reads for the tables as they were (empty), and a digest's read of 10,000
// blockers takes seconds instead of a tenth of one. On SQLite it does nothing.
func (db *DB) Analyze(ctx context.Context) error {
	if db.pg == nil {
		return nil
	}
	if _, err := db.write.ExecContext(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}
