package store

import (
	"context"
	"fmt"
	"time"
)

// DropTextBefore drops what people wrote from everything received before t: the
// text of reports (what was read from them stays: who waits on whom, the topic),
// and the payloads of processed envelopes (their keys stay, for dedupe). It
// returns how many reports lost their text. privacy.text_days runs it daily.
func (db *DB) DropTextBefore(ctx context.Context, t time.Time) (n int64, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE reports SET text = '' WHERE at < ? AND text != ''`, t.UnixNano())
		if err != nil {
			return fmt.Errorf("drop report text: %w", err)
		}
		n, _ = res.RowsAffected()
		if _, err := tx.q.ExecContext(ctx, `UPDATE inbox SET payload = ? WHERE received_at < ? AND processed_at IS NOT NULL
			AND length(payload) > 0`, []byte{}, t.UnixNano()); err != nil {
			return fmt.Errorf("drop envelope text: %w", err)
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	// Received envelopes live in the inbox file (see inbox.go); those the database
	// records as processed are marked so first, so their payloads go too.
	if err := db.settleAll(ctx); err != nil {
		return n, fmt.Errorf("drop envelope text: %w", err)
	}
	if _, err := db.inboxExec(ctx, `UPDATE inbox SET payload = ? WHERE received_at < ? AND processed_at IS NOT NULL
		AND length(payload) > 0`, []byte{}, t.UnixNano()); err != nil {
		return n, fmt.Errorf("drop envelope text: %w", err)
	}
	return n, nil
}
