package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
)

// The inbox lives in a SQLite file of its own beside the database (unblock.db ->
// unblock.inbox.db), written through a connection of its own: committing an
// envelope before its ack never waits for the database's write lock, which an
// import, a digest or any long transaction in this or another process may hold.
// Which envelopes were processed is recorded in the database itself (inbox_done),
// in the transaction that processed each, so processing and its done mark commit
// together; the inbox file's own mark follows and is settled from inbox_done
// whenever the two disagree (a crash between the commits).
const inboxSchema = `CREATE TABLE IF NOT EXISTS inbox (
	id           INTEGER PRIMARY KEY,
	key          TEXT NOT NULL UNIQUE,
	kind         TEXT NOT NULL,
	payload      BLOB NOT NULL,
	received_at  INTEGER NOT NULL,
	processed_at INTEGER,
	error        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS inbox_pending ON inbox (id) WHERE processed_at IS NULL;`

// InboxPath returns the inbox file of the database at path: beside the file it
// names once symbolic links are followed (RealPath), so every name of one
// database has one inbox.
//
// On PostgreSQL the inbox is a table of the database itself: InboxPath returns path.
func InboxPath(path string) string {
	if path == ":memory:" || IsPostgres(path) {
		return path
	}
	base, query, _ := strings.Cut(path, "?")
	base = RealPath(base)
	ext := filepath.Ext(base)
	inbox := strings.TrimSuffix(base, ext) + ".inbox" + cmpOr(ext, ".db")
	if query != "" {
		return inbox + "?" + query
	}
	return inbox
}

// RealPath returns the SQLite database file path names once symbolic links are
// followed (those of the file, or of its directory while the file does not exist
// yet), so that every name of one database (a symlink to it, a symlinked
// directory) finds one inbox file and one run lock. A ":memory:" database, a
// "file:" URI and a PostgreSQL URL are returned as given.
func RealPath(path string) string {
	if path == ":memory:" || strings.HasPrefix(path, "file:") || IsPostgres(path) {
		return path
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(path)); err == nil {
		return filepath.Join(dir, filepath.Base(path))
	}
	return path
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// openInbox opens the inbox file (Open calls it) and moves into it what an older
// version left in the database's own inbox table.
func (db *DB) openInbox(ctx context.Context) error {
	path := InboxPath(db.path)
	if err := checkWritable(path); err != nil {
		return err
	}
	ib, err := db.open(dsn(path, false))
	if err != nil {
		return fmt.Errorf("open inbox %s: %w", path, err)
	}
	ib.SetMaxOpenConns(1)
	ib.SetMaxIdleConns(1)
	ib.SetConnMaxLifetime(0)
	ib.SetConnMaxIdleTime(0)
	if _, err := ib.ExecContext(ctx, inboxSchema); err != nil {
		ib.Close()
		return fmt.Errorf("inbox %s: %w", path, err)
	}
	db.inbox = ib
	return db.moveLegacyInbox(ctx)
}

// inboxDB returns the inbox file's connection.
func (db *DB) inboxDB(context.Context) (*pool, error) { return db.inbox, nil }

// moveLegacyInbox moves the envelopes of the database's own inbox table (before
// migration 0005) to the inbox file, processed ones with their marks (they still
// dedupe redeliveries).
func (db *DB) moveLegacyInbox(ctx context.Context) error {
	err := db.Update(ctx, func(tx *Tx) error {
		rows, err := tx.q.QueryContext(ctx, `SELECT key, kind, payload, received_at, processed_at, error FROM inbox ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var key, kind, msg string
			var payload []byte
			var received int64
			var processed sql.NullInt64
			if err := rows.Scan(&key, &kind, &payload, &received, &processed, &msg); err != nil {
				return err
			}
			if payload == nil {
				payload = []byte{}
			}
			if _, err := db.inbox.ExecContext(ctx, `INSERT INTO inbox (key, kind, payload, received_at, processed_at, error)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`, key, kind, payload, received, processed, msg); err != nil {
				return err
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		_, err = tx.q.ExecContext(ctx, `DELETE FROM inbox`)
		return err
	})
	if err != nil {
		return fmt.Errorf("move the inbox to %s: %w", InboxPath(db.path), err)
	}
	return nil
}

// InboxAdd records a received envelope under key. It reports whether it was added:
// false means the key was seen before (a redelivery) and nothing changed. It
// writes only the inbox file: no lock on the database delays it.
func (db *DB) InboxAdd(ctx context.Context, key, kind string, payload []byte, at time.Time) (added bool, err error) {
	added1, err := db.InboxAddAll(ctx, []unblock.InboxItem{{Key: key, Kind: kind, Payload: payload}}, at)
	if err != nil {
		return false, err
	}
	return added1[0], nil
}

// InboxAddAll records several received envelopes (their Key, Kind and Payload)
// in one transaction of the inbox file, so envelopes that arrive together cost
// one commit before their acks. added[i] reports whether items[i] was added; a
// key seen before (also earlier in items) is not. On error nothing was added.
func (db *DB) InboxAddAll(ctx context.Context, items []unblock.InboxItem, at time.Time) (added []bool, err error) {
	if _, err := db.inboxDB(ctx); err != nil {
		return nil, err
	}
	added, err = db.inboxAddAll(ctx, items, at)
	if Unwritable(err) {
		return nil, unblock.Errorf(unblock.EUNAVAILABLE, "inbox %s cannot be written: %v", Redacted(InboxPath(db.path)), err)
	}
	return added, err
}

func (db *DB) inboxAddAll(ctx context.Context, items []unblock.InboxItem, at time.Time) ([]bool, error) {
	for _, it := range items {
		if it.Key == "" {
			return nil, unblock.Errorf(unblock.EINVALID, "inbox item without a key")
		}
	}
	tx, err := db.inbox.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("inbox add: %w", err)
	}
	defer tx.Rollback()
	added := make([]bool, len(items))
	for i, it := range items {
		payload := it.Payload
		if payload == nil {
			payload = []byte{}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO inbox (key, kind, payload, received_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO NOTHING`, it.Key, it.Kind, payload, at.UnixNano())
		if err != nil {
			return nil, fmt.Errorf("inbox add: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, fmt.Errorf("inbox add: %w", err)
		}
		added[i] = n == 1
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("inbox add: %w", err)
	}
	return added, nil
}

// InboxPending returns up to limit items not yet processed, oldest first. Items
// the database records as processed are marked so in the inbox file on the way.
func (db *DB) InboxPending(ctx context.Context, limit int) ([]unblock.InboxItem, error) {
	if limit <= 0 {
		return nil, nil
	}
	ib, err := db.inboxDB(ctx)
	if err != nil {
		return nil, err
	}
	for {
		items, err := inboxPending(ctx, ib, limit)
		if err != nil {
			return nil, err
		}
		settled, err := db.settleInbox(ctx, items)
		if err != nil {
			return nil, err
		}
		if settled == 0 {
			return items, nil
		}
	}
}

func inboxPending(ctx context.Context, ib *pool, limit int) ([]unblock.InboxItem, error) {
	rows, err := ib.QueryContext(ctx, `SELECT id, key, kind, payload, received_at FROM inbox
		WHERE processed_at IS NULL ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("inbox pending: %w", err)
	}
	defer rows.Close()
	var out []unblock.InboxItem
	for rows.Next() {
		var it unblock.InboxItem
		var at sql.NullInt64
		if err := rows.Scan(&it.ID, &it.Key, &it.Kind, &it.Payload, &at); err != nil {
			return nil, fmt.Errorf("inbox pending: %w", err)
		}
		it.ReceivedAt = timeOf(at)
		out = append(out, it)
	}
	return out, rows.Err()
}

// settleInbox marks in the inbox file those of items the database records as
// processed, and returns how many: one query of the database and one transaction
// of the inbox file for them all. With privacy.store_text off, their payloads
// (what people wrote) are dropped then too.
func (db *DB) settleInbox(ctx context.Context, items []unblock.InboxItem) (int, error) {
	if len(items) == 0 {
		return 0, nil
	}
	type mark struct {
		at  int64
		msg string
	}
	done := make(map[string]mark, len(items))
	const chunk = 500 // stays under any backend's limit of bound parameters
	for lo := 0; lo < len(items); lo += chunk {
		part := items[lo:min(lo+chunk, len(items))]
		args := make([]any, len(part))
		for i, it := range part {
			args[i] = it.Key
		}
		rows, err := db.reader(ctx).q.QueryContext(ctx, `SELECT key, at, error FROM inbox_done WHERE key IN (`+
			strings.TrimSuffix(strings.Repeat("?, ", len(part)), ", ")+`)`, args...)
		if err != nil {
			return 0, fmt.Errorf("inbox done: %w", err)
		}
		for rows.Next() {
			var key string
			var m mark
			if err := rows.Scan(&key, &m.at, &m.msg); err != nil {
				rows.Close()
				return 0, fmt.Errorf("inbox done: %w", err)
			}
			done[key] = m
		}
		if err := rows.Close(); err != nil {
			return 0, fmt.Errorf("inbox done: %w", err)
		}
	}
	if len(done) == 0 {
		return 0, nil
	}
	tx, err := db.inbox.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("inbox settle: %w", err)
	}
	defer tx.Rollback()
	n := 0
	for _, it := range items {
		m, ok := done[it.Key]
		if !ok {
			continue
		}
		q, args := `UPDATE inbox SET processed_at = ?, error = ? WHERE id = ?`, []any{m.at, m.msg, it.ID}
		if db.dropText.Load() {
			q, args = `UPDATE inbox SET processed_at = ?, error = ?, payload = ? WHERE id = ?`, []any{m.at, m.msg, []byte{}, it.ID}
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return 0, fmt.Errorf("inbox settle: %w", err)
		}
		n++
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("inbox settle: %w", err)
	}
	return n, nil
}

// InboxSettle marks in the inbox file items whose processing the database has
// committed without error, done at `at` (the time their InboxDoneKey recorded):
// the worker calls it after each transaction, so the next InboxPending neither
// returns them nor settles them one by one. One statement for up to 500 items,
// no read: the caller knows what it committed.
func (db *DB) InboxSettle(ctx context.Context, items []unblock.InboxItem, at time.Time) error {
	drop := ""
	if db.dropText.Load() {
		drop = `, payload = X''`
	}
	const chunk = 500 // stays under any backend's limit of bound parameters
	for lo := 0; lo < len(items); lo += chunk {
		part := items[lo:min(lo+chunk, len(items))]
		args := make([]any, 0, 1+len(part))
		args = append(args, at.UnixNano())
		for _, it := range part {
			args = append(args, it.ID)
		}
		if _, err := db.inbox.ExecContext(ctx, `UPDATE inbox SET processed_at = ?, error = ''`+drop+` WHERE id IN (`+
			strings.TrimSuffix(strings.Repeat("?, ", len(part)), ", ")+`)`, args...); err != nil {
			return fmt.Errorf("inbox settle: %w", err)
		}
	}
	return nil
}

// InboxDone records item id processed at `at`, in the database: inside Atomic it
// commits with the processing. A processing error is recorded with it; the item
// is not retried (a poisoned event must not loop forever). ENOTFOUND if there is
// no such item.
func (db *DB) InboxDone(ctx context.Context, id int64, at time.Time, procErr error) error {
	ib, err := db.inboxDB(ctx)
	if err != nil {
		return err
	}
	var key string
	if err := ib.QueryRowContext(ctx, `SELECT key FROM inbox WHERE id = ?`, id).Scan(&key); errors.Is(err, sql.ErrNoRows) {
		return unblock.Errorf(unblock.ENOTFOUND, "no inbox item %d", id)
	} else if err != nil {
		return fmt.Errorf("inbox done: %w", err)
	}
	return db.InboxDoneKey(ctx, key, at, procErr)
}

// InboxClaim claims the inbox item under key for processing in Atomic's
// transaction (call it with Atomic's ctx, before the item's handler): it reports
// false when the item is processed already, by this process or another replica
// sharing the inbox, and then it must not be handled again. On PostgreSQL it also
// locks the item's row until the transaction ends (FOR UPDATE SKIP LOCKED: an
// item another replica holds is not waited for, it is theirs).
func (db *DB) InboxClaim(ctx context.Context, key string) (claimed bool, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		if db.pg != nil {
			var id int64
			err := tx.q.QueryRowContext(ctx, `SELECT id FROM inbox WHERE key = ? AND processed_at IS NULL
				FOR UPDATE SKIP LOCKED`, key).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			} else if err != nil {
				return fmt.Errorf("inbox claim: %w", err)
			}
		}
		var n int
		if err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM inbox_done WHERE key = ?`, key).Scan(&n); err != nil {
			return fmt.Errorf("inbox claim: %w", err)
		}
		claimed = n == 0
		return nil
	})
	return claimed, err
}

// InboxDoneKey is InboxDone for an item whose key the caller holds (the worker
// has it from InboxPending), without looking it up in the inbox file.
func (db *DB) InboxDoneKey(ctx context.Context, key string, at time.Time, procErr error) error {
	var msg string
	if procErr != nil {
		msg = procErr.Error()
	}
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO inbox_done (key, at, error) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET at = excluded.at, error = excluded.error`, key, at.UnixNano(), msg); err != nil {
			return fmt.Errorf("inbox done: %w", err)
		}
		return nil
	})
}

// InboxPrune deletes items processed before `before` and returns how many. Their
// keys no longer dedupe: Slack stops redelivering an envelope within hours, so a
// week is a safe horizon.
func (db *DB) InboxPrune(ctx context.Context, before time.Time) (int64, error) {
	ib, err := db.inboxDB(ctx)
	if err != nil {
		return 0, err
	}
	// Settle everything first, so what the database says is done is prunable.
	if err := db.settleAll(ctx); err != nil {
		return 0, err
	}
	res, err := ib.ExecContext(ctx, `DELETE FROM inbox WHERE processed_at IS NOT NULL AND processed_at < ?`, before.UnixNano())
	if err != nil {
		return 0, fmt.Errorf("inbox prune: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	err = db.Update(ctx, func(tx *Tx) error {
		_, err := tx.q.ExecContext(ctx, `DELETE FROM inbox_done WHERE at < ?`, before.UnixNano())
		return err
	})
	return n, err
}

// settleAll marks in the inbox every item the database records as processed.
func (db *DB) settleAll(ctx context.Context) error {
	for {
		items, err := inboxPending(ctx, db.inbox, 1000)
		if err != nil {
			return err
		}
		n, err := db.settleInbox(ctx, items)
		if err != nil {
			return err
		}
		if n < 1000 {
			return nil
		}
	}
}

// InboxDepth returns how many committed envelopes wait to be processed (in the
// inbox file: an envelope processed moments ago may still count until it is settled).
func (db *DB) InboxDepth(ctx context.Context) (int, error) {
	var n int
	if err := db.inbox.QueryRowContext(ctx, `SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("inbox depth: %w", err)
	}
	return n, nil
}

// inboxExec runs a statement on the inbox file (privacy: dropping text, forgetting
// a person) and returns the rows it changed.
func (db *DB) inboxExec(ctx context.Context, query string, args ...any) (int64, error) {
	ib, err := db.inboxDB(ctx)
	if err != nil {
		return 0, err
	}
	res, err := ib.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("inbox: %w", err)
	}
	return res.RowsAffected()
}
