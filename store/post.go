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

// LastPosted returns when the newest post whose key starts with prefix was made,
// the zero time when there is none.
func (db *DB) LastPosted(ctx context.Context, prefix string) (time.Time, error) {
	var at sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT MAX(posted_at) FROM posts WHERE key >= ? AND key < ?`,
		prefix, prefix+"\U0010FFFF").Scan(&at); err != nil {
		return time.Time{}, fmt.Errorf("last post %s: %w", prefix, err)
	}
	return timeOf(at), nil
}
