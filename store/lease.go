package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// Lease is the right to run the schedules (prompts, reminders, digests): exactly
// one process of a deployment holds it. On SQLite the one process that may run
// on the file (`unblock run` locks it) holds it from the start. On PostgreSQL it
// is a session advisory lock held on a connection of its own: PostgreSQL releases
// it when that connection ends, so when its process dies (or its node is lost,
// within the TCP keepalive bound below) another replica's LeadSchedules returns.
type Lease struct {
	conn   *sql.Conn
	pool   *sql.DB
	lost   chan struct{}
	stop   chan struct{}
	done   chan struct{}
	once   sync.Once
	reason error
}

// Lease timing on PostgreSQL: the holder checks its connection every
// leaseCheckEvery and gives the lease up when a check fails or takes longer
// than leaseCheckTimeout; the server drops a connection whose peer is gone after
// keepalive idle + count × interval (10 + 3 × 5 s): failover within 30 s.
const (
	leaseCheckEvery   = 5 * time.Second
	leaseCheckTimeout = 5 * time.Second
)

// leaseSettings bound how long the server keeps a lost holder's session (and its
// lock): TCP keepalives on the server's side of the lock's connection.
var leaseSettings = []string{
	`SET tcp_keepalives_idle = 10`,
	`SET tcp_keepalives_interval = 5`,
	`SET tcp_keepalives_count = 3`,
}

// Lost is closed when the lease is lost (its connection failed): the holder must
// stop running the schedules at once; another replica takes them over.
func (l *Lease) Lost() <-chan struct{} { return l.lost }

// Err says why the lease was lost, nil while it is held or after Release.
func (l *Lease) Err() error {
	select {
	case <-l.lost:
		return l.reason
	default:
		return nil
	}
}

// Release gives the lease up (another replica may take it at once).
func (l *Lease) Release() {
	l.once.Do(func() { close(l.stop) })
	<-l.done
}

// TryLeadSchedules takes the schedules' lease if no other process holds it; ok
// is false when one does.
func (db *DB) TryLeadSchedules(ctx context.Context) (l *Lease, ok bool, err error) {
	return db.leadSchedules(ctx, false)
}

// LeadSchedules waits until this process holds the schedules' lease, or ctx is done.
func (db *DB) LeadSchedules(ctx context.Context) (*Lease, error) {
	l, _, err := db.leadSchedules(ctx, true)
	return l, err
}

func (db *DB) leadSchedules(ctx context.Context, wait bool) (*Lease, bool, error) {
	l := &Lease{lost: make(chan struct{}), stop: make(chan struct{}), done: make(chan struct{})}
	if db.pg == nil {
		go func() { <-l.stop; close(l.done) }()
		return l, true, nil
	}
	p, err := sql.Open("pgx", db.path)
	if err != nil {
		return nil, false, err
	}
	p.SetMaxOpenConns(1)
	conn, err := p.Conn(ctx)
	if err != nil {
		p.Close()
		return nil, false, fmt.Errorf("schedules lease: %w", err)
	}
	fail := func(err error) (*Lease, bool, error) {
		conn.Close()
		p.Close()
		return nil, false, err
	}
	for _, s := range leaseSettings {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return fail(fmt.Errorf("schedules lease: %w", err))
		}
	}
	if wait {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1, $2)`, lockClassScheduler, db.pg.key); err != nil {
			return fail(fmt.Errorf("schedules lease: %w", err))
		}
	} else {
		var got bool
		if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1, $2)`, lockClassScheduler, db.pg.key).Scan(&got); err != nil {
			return fail(fmt.Errorf("schedules lease: %w", err))
		} else if !got {
			return fail(nil)
		}
	}
	l.conn, l.pool = conn, p
	go l.watch()
	return l, true, nil
}

// watch checks the lease's connection until Release or a failed check.
func (l *Lease) watch() {
	defer close(l.done)
	defer l.pool.Close()
	defer l.conn.Close()
	t := time.NewTicker(leaseCheckEvery)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			ctx, cancel := context.WithTimeout(context.Background(), leaseCheckTimeout)
			l.conn.ExecContext(ctx, `SELECT pg_advisory_unlock_all()`)
			cancel()
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), leaseCheckTimeout)
		err := l.conn.PingContext(ctx)
		cancel()
		if err != nil {
			l.reason = fmt.Errorf("schedules lease lost: %w", err)
			close(l.lost)
			<-l.stop
			return
		}
	}
}
