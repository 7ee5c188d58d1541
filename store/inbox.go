package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/unblock-dev/unblock"
)

// InboxAdd records a received envelope under key. It reports whether it was added:
// false means the key was seen before (a redelivery) and nothing changed.
func (db *DB) InboxAdd(ctx context.Context, key, kind string, payload []byte, at time.Time) (added bool, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		added, err = tx.InboxAdd(ctx, key, kind, payload, at)
		return err
	})
	return added, err
}

// InboxAdd is DB.InboxAdd inside tx.
func (tx *Tx) InboxAdd(ctx context.Context, key, kind string, payload []byte, at time.Time) (bool, error) {
	if key == "" {
		return false, unblock.Errorf(unblock.EINVALID, "inbox item without a key")
	}
	if payload == nil {
		payload = []byte{}
	}
	res, err := tx.q.ExecContext(ctx, `INSERT INTO inbox (key, kind, payload, received_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO NOTHING`, key, kind, payload, at.UnixNano())
	if err != nil {
		return false, fmt.Errorf("inbox add: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("inbox add: %w", err)
	}
	return n == 1, nil
}

// InboxPending returns up to limit items not yet processed, oldest first.
func (db *DB) InboxPending(ctx context.Context, limit int) ([]unblock.InboxItem, error) {
	return db.reader(ctx).InboxPending(ctx, limit)
}

// InboxPending is DB.InboxPending inside tx.
func (tx *Tx) InboxPending(ctx context.Context, limit int) ([]unblock.InboxItem, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := tx.q.QueryContext(ctx, `SELECT id, key, kind, payload, received_at FROM inbox
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

// InboxDone marks item id processed at `at`. A processing error is recorded with
// it; the item is not retried (a poisoned event must not loop forever).
// ENOTFOUND if there is no such item.
func (db *DB) InboxDone(ctx context.Context, id int64, at time.Time, procErr error) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.InboxDone(ctx, id, at, procErr) })
}

// InboxDone is DB.InboxDone inside tx.
func (tx *Tx) InboxDone(ctx context.Context, id int64, at time.Time, procErr error) error {
	var msg string
	if procErr != nil {
		msg = procErr.Error()
	}
	res, err := tx.q.ExecContext(ctx, `UPDATE inbox SET processed_at = ?, error = ? WHERE id = ?`,
		at.UnixNano(), msg, id)
	if err != nil {
		return fmt.Errorf("inbox done: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return unblock.Errorf(unblock.ENOTFOUND, "no inbox item %d", id)
	}
	return nil
}

// InboxPrune deletes items processed before `before` and returns how many. Their
// keys no longer dedupe: Slack stops redelivering an envelope within hours, so a
// week is a safe horizon.
func (db *DB) InboxPrune(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM inbox WHERE processed_at IS NOT NULL AND processed_at < ?`, before.UnixNano())
		if err != nil {
			return fmt.Errorf("inbox prune: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// InboxDepth returns how many committed envelopes wait to be processed.
func (db *DB) InboxDepth(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("inbox depth: %w", err)
	}
	return n, nil
}
