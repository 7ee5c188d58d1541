package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/unblock-dev/unblock"
)

// Post returns where the message posted under key went; ok is false if nothing
// was posted under it.
func (db *DB) Post(ctx context.Context, key string) (channel, ts string, ok bool, err error) {
	return db.reader(ctx).Post(ctx, key)
}

// Post is DB.Post inside tx.
func (tx *Tx) Post(ctx context.Context, key string) (channel, ts string, ok bool, err error) {
	err = tx.q.QueryRowContext(ctx, `SELECT channel, ts FROM posts WHERE key = ?`, key).Scan(&channel, &ts)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", false, nil
	} else if err != nil {
		return "", "", false, fmt.Errorf("post %s: %w", key, err)
	}
	return channel, ts, true, nil
}

// SavePost remembers that the message for key was posted as (channel, ts),
// replacing what was saved under key before.
func (db *DB) SavePost(ctx context.Context, key, channel, ts string, at time.Time) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.SavePost(ctx, key, channel, ts, at) })
}

// SavePost is DB.SavePost inside tx.
func (tx *Tx) SavePost(ctx context.Context, key, channel, ts string, at time.Time) error {
	if key == "" {
		return unblock.Errorf(unblock.EINVALID, "post without a key")
	}
	if _, err := tx.q.ExecContext(ctx, `INSERT INTO posts (key, channel, ts, posted_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET channel = excluded.channel, ts = excluded.ts, posted_at = excluded.posted_at`,
		key, channel, ts, at.UnixNano()); err != nil {
		return fmt.Errorf("save post %s: %w", key, err)
	}
	return nil
}

// LastDelivered returns when the newest message posted under a key that starts
// with prefix was delivered to Slack, the zero time when none was: a post record
// that says where the message went (its ts, saved as it was sent), or a sent
// outbox effect of such a key (kept a week; it covers records saved before
// their ts was, which say only when the message was decided). A message decided
// and never sent (pending, or dead-lettered) does not count.
func (db *DB) LastDelivered(ctx context.Context, prefix string) (time.Time, error) {
	var at sql.NullInt64
	end := prefix + "\U0010FFFF"
	if err := db.read.QueryRowContext(ctx, `SELECT MAX(t) FROM (
			SELECT MAX(posted_at) AS t FROM posts WHERE key >= ? AND key < ? AND ts != ''
			UNION ALL
			SELECT MAX(done_at) AS t FROM outbox WHERE key >= ? AND key < ? AND state = 'sent' AND error != 'superseded'
		) AS delivered`, prefix, end, prefix, end).Scan(&at); err != nil {
		return time.Time{}, fmt.Errorf("last delivered %s: %w", prefix, err)
	}
	return timeOf(at), nil
}
