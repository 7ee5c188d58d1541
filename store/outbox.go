package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/unblock-dev/unblock"
)

// Enqueue writes an outgoing effect to the outbox, to be sent at or after its
// NextAt (CreatedAt when zero). Call it with Atomic's ctx, so the effect commits
// with the state change that decided it. It reports whether the effect was added:
// false means one with the same key was enqueued before and nothing changed.
func (db *DB) Enqueue(ctx context.Context, o unblock.Outgoing) (added bool, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		added, err = tx.Enqueue(ctx, o)
		return err
	})
	return added, err
}

// Enqueue is DB.Enqueue inside tx.
func (tx *Tx) Enqueue(ctx context.Context, o unblock.Outgoing) (bool, error) {
	if o.Key == "" || o.Kind == "" {
		return false, unblock.Errorf(unblock.EINVALID, "outgoing effect without a key or kind")
	}
	if o.NextAt.IsZero() {
		o.NextAt = o.CreatedAt
	}
	if o.Payload == nil {
		o.Payload = []byte{}
	}
	res, err := tx.q.ExecContext(ctx, `INSERT INTO outbox (key, kind, coalesce, payload, created_at, deadline, next_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
		o.Key, o.Kind, o.Coalesce, o.Payload, o.CreatedAt.UnixNano(), o.Deadline.UnixNano(), o.NextAt.UnixNano())
	if err != nil {
		return false, fmt.Errorf("enqueue %s: %w", o.Key, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

const outgoingSelect = `SELECT id, key, kind, coalesce, payload, created_at, deadline, next_at, attempts, uncertain,
	claimed_by, state, channel, ts, error FROM outbox`

// Due returns up to limit pending effects due at now, oldest first. On
// PostgreSQL an effect claimed by a process that is gone is due at once.
func (db *DB) Due(ctx context.Context, now time.Time, limit int) ([]unblock.Outgoing, error) {
	if db.pg != nil {
		return db.reader(ctx).outgoing(ctx, `WHERE state = 'pending' AND (next_at <= ? OR (claimed_by != 0 AND
			NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = claimed_by))) ORDER BY id LIMIT ?`, now.UnixNano(), limit)
	}
	// On SQLite one process sends: a claim is its own (made and settled in turn by
	// its one sender) or a dead process's, due again either way.
	return db.reader(ctx).outgoing(ctx, `WHERE state = 'pending' AND (next_at <= ? OR claimed_by != 0) ORDER BY id LIMIT ?`,
		now.UnixNano(), limit)
}

// ClaimEffect claims o, as Due returned it, for this process until `until` (or
// until the process is gone): it reports false when another process claimed or
// settled it since, and then o must not be sent. Every attempt begins with it, so
// replicas sharing one PostgreSQL outbox never send one effect twice. On SQLite
// the one process claims as -1.
func (db *DB) ClaimEffect(ctx context.Context, o unblock.Outgoing, until time.Time) (bool, error) {
	me := int32(-1)
	if db.pg != nil {
		var err error
		if me, err = db.pg.presence.claimer(); err != nil {
			return false, err
		}
	}
	var claimed bool
	err := db.Update(ctx, func(tx *Tx) error {
		if db.pg != nil {
			// Never a claim under a backend that is gone: the others would take it at once.
			var live bool
			if err := tx.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ?)`, me).Scan(&live); err != nil {
				return fmt.Errorf("outbox claim %s: %w", o.Key, err)
			} else if !live {
				db.pg.presence.gone(me)
				return unblock.Errorf(unblock.EUNAVAILABLE, "the connection that names this process to the other replicas was lost; reconnecting")
			}
		}
		res, err := tx.q.ExecContext(ctx, `UPDATE outbox SET claimed_by = ?, next_at = ?
			WHERE id = ? AND state = 'pending' AND next_at = ?`, me, until.UnixNano(), o.ID, o.NextAt.UnixNano())
		if err != nil {
			return fmt.Errorf("outbox claim %s: %w", o.Key, err)
		}
		n, err := res.RowsAffected()
		claimed = n == 1
		return err
	})
	return claimed, err
}

// NextDue returns when the earliest pending effect is due; ok is false when none is pending.
func (db *DB) NextDue(ctx context.Context) (at time.Time, ok bool, err error) {
	var n sql.NullInt64
	if err := db.reader(ctx).q.QueryRowContext(ctx, `SELECT MIN(next_at) FROM outbox WHERE state = 'pending'`).Scan(&n); err != nil {
		return time.Time{}, false, fmt.Errorf("outbox next: %w", err)
	}
	return timeOf(n), n.Valid, nil
}

// Outgoing returns the effect enqueued under key, or an ENOTFOUND error.
func (db *DB) Outgoing(ctx context.Context, key string) (unblock.Outgoing, error) {
	list, err := db.reader(ctx).outgoing(ctx, `WHERE key = ?`, key)
	if err != nil {
		return unblock.Outgoing{}, err
	} else if len(list) == 0 {
		return unblock.Outgoing{}, unblock.Errorf(unblock.ENOTFOUND, "no outgoing effect %s", key)
	}
	return list[0], nil
}

// Outbox returns every effect in the given state (all states for ""), oldest first.
func (db *DB) Outbox(ctx context.Context, state unblock.OutgoingState) ([]unblock.Outgoing, error) {
	if state == "" {
		return db.reader(ctx).outgoing(ctx, `ORDER BY id`)
	}
	return db.reader(ctx).outgoing(ctx, `WHERE state = ? ORDER BY id`, string(state))
}

// Superseded reports whether an effect decided after o refreshes the same thing
// (the same Coalesce) and is pending or sent: it carries newer state, so o, sent
// now, would be wasted, or would overwrite the newer state with older (an update
// retried after a newer one went through).
func (db *DB) Superseded(ctx context.Context, o unblock.Outgoing) (bool, error) {
	if o.Coalesce == "" {
		return false, nil
	}
	var n int
	err := db.reader(ctx).q.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox
		WHERE coalesce = ? AND id > ? AND state IN ('pending', 'sent')`, o.Coalesce, o.ID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("outbox superseded %s: %w", o.Key, err)
	}
	return n > 0, nil
}

// Unsettled returns the oldest effect decided before o that refreshes the same
// thing (o's Coalesce) and may still change it in Slack unknown to o: one
// pending and in hand (claimed: an attempt under way on another replica, or a
// dead process's claim not yet taken over) or, with uncertain, one pending after
// an attempt whose outcome was lost (a post Slack may have made). ok is false when
// there is none.
func (db *DB) Unsettled(ctx context.Context, o unblock.Outgoing, uncertain bool) (unblock.Outgoing, bool, error) {
	if o.Coalesce == "" {
		return unblock.Outgoing{}, false, nil
	}
	list, err := db.reader(ctx).outgoing(ctx, `WHERE state = 'pending' AND coalesce = ? AND id < ?
		AND (claimed_by != 0 OR uncertain = 1 AND ? = 1) ORDER BY id LIMIT 1`, o.Coalesce, o.ID, boolInt(uncertain))
	if err != nil || len(list) == 0 {
		return unblock.Outgoing{}, false, err
	}
	return list[0], true, nil
}

// BeginAttempt records, before an effect is sent, that an attempt is under way:
// until EffectSent or EffectFailed, its outcome is uncertain, so a crash mid-call
// leaves it marked for a look-up in Slack before the next attempt.
func (db *DB) BeginAttempt(ctx context.Context, id int64, at time.Time) error {
	return db.setOutgoing(ctx, id, `attempts = attempts + 1, uncertain = 1`)
}

// EffectSent records that effect id was made in Slack, at (channel, ts) when it
// posted a message; error says why it was not sent after all ("superseded").
func (db *DB) EffectSent(ctx context.Context, id int64, channel, ts, note string, at time.Time) error {
	return db.setOutgoing(ctx, id, `state = 'sent', uncertain = 0, claimed_by = 0, channel = ?, ts = ?, error = ?, done_at = ?`,
		channel, ts, note, at.UnixNano())
}

// EffectRetry records a failed attempt and when to try again. uncertain says the
// attempt may have reached Slack.
func (db *DB) EffectRetry(ctx context.Context, id int64, next time.Time, uncertain bool, why string) error {
	return db.setOutgoing(ctx, id, `next_at = ?, uncertain = ?, claimed_by = 0, error = ?`, next.UnixNano(), boolInt(uncertain), why)
}

// EffectDead records that effect id was given up (dead-lettered) for why.
func (db *DB) EffectDead(ctx context.Context, id int64, why string, at time.Time) error {
	return db.setOutgoing(ctx, id, `state = 'dead', claimed_by = 0, error = ?, done_at = ?`, why, at.UnixNano())
}

// OutboxPrune deletes effects sent or dead before `before` and returns how many.
func (db *DB) OutboxPrune(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM outbox WHERE state != 'pending' AND done_at < ?`, before.UnixNano())
		if err != nil {
			return fmt.Errorf("outbox prune: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

func (db *DB) setOutgoing(ctx context.Context, id int64, set string, args ...any) error {
	return db.Update(ctx, func(tx *Tx) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE outbox SET `+set+` WHERE id = ?`, append(args, id)...)
		if err != nil {
			return fmt.Errorf("outbox update %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return unblock.Errorf(unblock.ENOTFOUND, "no outgoing effect %d", id)
		}
		return nil
	})
}

func (tx *Tx) outgoing(ctx context.Context, where string, args ...any) ([]unblock.Outgoing, error) {
	rows, err := tx.q.QueryContext(ctx, outgoingSelect+" "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	var out []unblock.Outgoing
	for rows.Next() {
		var o unblock.Outgoing
		var created, deadline, next, claimedBy int64
		var uncertain int
		var state string
		if err := rows.Scan(&o.ID, &o.Key, &o.Kind, &o.Coalesce, &o.Payload, &created, &deadline, &next,
			&o.Attempts, &uncertain, &claimedBy, &state, &o.Channel, &o.TS, &o.Error); err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
		o.CreatedAt, o.Deadline, o.NextAt = time.Unix(0, created).UTC(), time.Unix(0, deadline).UTC(), time.Unix(0, next).UTC()
		o.Uncertain, o.Claimed, o.State = uncertain != 0, claimedBy != 0, unblock.OutgoingState(state)
		out = append(out, o)
	}
	return out, rows.Err()
}

// Busy reports whether err is a database failure that passes (another process
// holds the write lock past the busy timeout; on PostgreSQL also a lost connection),
// so the work that met it should be
// tried again rather than given up.
func (db *DB) Busy(err error) bool { return Busy(err) }

// Busy is DB.Busy for any error.
func Busy(err error) bool {
	if pgBusy(err) {
		return true
	}
	var se sqlite3Error
	if errors.As(err, &se) {
		return isBusy(se)
	}
	return false
}

// OutboxDepth returns how many effects wait to be sent (or retried) and how many
// were given up, for the operator's metrics.
func (db *DB) OutboxDepth(ctx context.Context) (pending, dead int, err error) {
	err = db.read.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE state = 'pending'), COUNT(*) FILTER (WHERE state = 'dead')
		FROM outbox`).Scan(&pending, &dead)
	if err != nil {
		return 0, 0, fmt.Errorf("outbox depth: %w", err)
	}
	return pending, dead, nil
}
