package store

import (
	"context"
	"fmt"
	"strings"
)

// PostKeys returns the keys saved with SavePost that start with prefix, in order.
// The bot keeps small facts under such keys, e.g. the phrases dismissed with
// "Not a blocker" ("ignore:…"), and reloads them on start.
func (db *DB) PostKeys(ctx context.Context, prefix string) ([]string, error) {
	return db.reader(ctx).PostKeys(ctx, prefix)
}

// PostKeys is DB.PostKeys inside tx.
func (tx *Tx) PostKeys(ctx context.Context, prefix string) ([]string, error) {
	// A range on the primary key rather than LIKE, whose wildcards a prefix may contain.
	rows, err := tx.q.QueryContext(ctx, `SELECT key FROM posts WHERE key >= ? AND key < ? ORDER BY key`, prefix, prefix+"\U0010FFFF")
	if err != nil {
		return nil, fmt.Errorf("post keys %s: %w", prefix, err)
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("post keys %s: %w", prefix, err)
		}
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	return keys, rows.Err()
}
