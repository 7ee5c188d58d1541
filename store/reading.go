package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/unblock-dev/unblock"
)

// ApplyReportQueued is ApplyReport, and in the same transaction queues the
// report for the LLM reader when queue is true, or else drops a reading queued
// for an earlier text of the same message. The rules' statement st stands until
// ReviseReading replaces it; a crash between the two loses nothing.
func (db *DB) ApplyReportQueued(ctx context.Context, r unblock.Report, st unblock.Statement, queue bool, now time.Time) (ch unblock.Change, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		if ch, err = tx.ApplyReport(ctx, r, st); err != nil {
			return err
		}
		if queue {
			return tx.QueueReading(ctx, r, st, now)
		}
		return tx.dropReading(ctx, r.Channel, r.TS)
	})
	return ch, err
}

// DeleteReportQueued is DeleteReport, and drops in the same transaction any
// reading queued for the message, so an answer can never bring it back.
func (db *DB) DeleteReportQueued(ctx context.Context, channel, ts string, at time.Time) (ch unblock.Change, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		ch, err = tx.DeleteReportQueued(ctx, channel, ts, at)
		return err
	})
	return ch, err
}

// DeleteReportQueued is DB.DeleteReportQueued inside tx.
func (tx *Tx) DeleteReportQueued(ctx context.Context, channel, ts string, at time.Time) (unblock.Change, error) {
	ch, err := tx.DeleteReport(ctx, channel, ts, at)
	if err != nil {
		return ch, err
	}
	return ch, tx.dropReading(ctx, channel, ts)
}

// QueueReading queues report r, which the rules read as st, for the LLM reader.
// It replaces a reading queued for the same message (channel, ts), under a new
// ID. Apply the report in the same transaction.
func (tx *Tx) QueueReading(ctx context.Context, r unblock.Report, st unblock.Statement, now time.Time) error {
	enc, err := json.Marshal(storedOf(st))
	if err != nil {
		return fmt.Errorf("queue reading: %w", err)
	}
	// An older version of the message than the one kept (a stale edit, an
	// older export's copy), or one deleted, is not read: ApplyReport kept
	// what it had, and so does the queue.
	var kept int64
	var deleted bool
	err = tx.q.QueryRowContext(ctx, `SELECT `+keptEdit+`, deleted
		FROM reports WHERE channel = ? AND ts = ?`, r.Channel, r.TS).Scan(&kept, &deleted)
	if err == nil && (deleted || editedNanos(r) < kept) {
		return nil
	} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("queue reading: %w", err)
	}
	text := r.Text
	if text == "" {
		text = st.Text
	}
	// A reading of an older text of the message goes, and this one gets a new ID.
	if err := tx.dropReading(ctx, r.Channel, r.TS); err != nil {
		return err
	}
	if _, err := tx.q.ExecContext(ctx, `INSERT INTO readings (channel, ts, thread_ts, person_id, at, source,
		edited, standup, text, rules, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Channel, r.TS, r.ThreadTS, r.PersonID, r.At.UnixNano(), string(r.Source), boolInt(r.Edited), boolInt(r.Standup),
		text, string(enc), now.UnixNano()); err != nil {
		return fmt.Errorf("queue reading %s/%s: %w", r.Channel, r.TS, err)
	}
	return nil
}

func (tx *Tx) dropReading(ctx context.Context, channel, ts string) error {
	if _, err := tx.q.ExecContext(ctx, `DELETE FROM readings WHERE channel = ? AND ts = ?`, channel, ts); err != nil {
		return fmt.Errorf("drop reading %s/%s: %w", channel, ts, err)
	}
	return nil
}

// PendingReadings returns up to limit readings due at now (not waiting for a
// retry), oldest first.
func (db *DB) PendingReadings(ctx context.Context, now time.Time, limit int) ([]unblock.Reading, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, channel, ts, thread_ts, person_id, at, source, edited, standup, text,
		rules, attempts FROM readings WHERE not_before <= ? ORDER BY id LIMIT ?`, now.UnixNano(), limit)
	if err != nil {
		return nil, fmt.Errorf("pending readings: %w", err)
	}
	defer rows.Close()
	var out []unblock.Reading
	for rows.Next() {
		var rd unblock.Reading
		var at int64
		var source, enc string
		if err := rows.Scan(&rd.ID, &rd.Report.Channel, &rd.Report.TS, &rd.Report.ThreadTS, &rd.Report.PersonID, &at,
			&source, &rd.Report.Edited, &rd.Report.Standup, &rd.Report.Text, &enc, &rd.Attempts); err != nil {
			return nil, fmt.Errorf("pending readings: %w", err)
		}
		rd.Report.At = time.Unix(0, at).UTC()
		rd.Report.Source = unblock.ReportSource(source)
		var st storedStatement
		if err := json.Unmarshal([]byte(enc), &st); err != nil {
			return nil, fmt.Errorf("reading %d: rules statement: %w", rd.ID, err)
		}
		rd.Rules = st.statement(rd.Report.Text)
		out = append(out, rd)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pending readings: %w", err)
	}
	return out, nil
}

// NextReading returns when the earliest reading waiting for a retry is due;
// ok is false when none waits.
func (db *DB) NextReading(ctx context.Context) (at time.Time, ok bool, err error) {
	var n sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT MIN(not_before) FROM readings`).Scan(&n); err != nil {
		return time.Time{}, false, fmt.Errorf("next reading: %w", err)
	}
	return timeOf(n), n.Valid, nil
}

// CountReadings returns how many readings are queued.
func (db *DB) CountReadings(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM readings`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count readings: %w", err)
	}
	return n, nil
}

// ReadingContext returns the blockers of the reading's author that were open
// just before its report: open at the report's time, or resolved by the report
// itself, and not opened by it.
func (db *DB) ReadingContext(ctx context.Context, rd unblock.Reading) ([]unblock.Blocker, error) {
	t := rd.Report.At.UnixNano()
	return db.reader(ctx).blockers(ctx, `WHERE b.person_id = ?1 AND b.opened_at <= ?2
		AND (b.resolved_at IS NULL OR b.resolved_at >= ?2)
		AND b.report_id NOT IN (SELECT id FROM reports WHERE channel = ?3 AND ts = ?4)
		ORDER BY b.id`, rd.Report.PersonID, t, rd.Report.Channel, rd.Report.TS)
}

// ReviseReading replaces the statement of the reading's report with st through
// ApplyReport (the undo and replay an edited message goes through, so the
// ledger is as if st had been read in the first place) and removes the reading,
// in one transaction. A reading no longer queued under that ID (the message was
// edited or deleted since) changes nothing and returns false.
func (db *DB) ReviseReading(ctx context.Context, id int64, st unblock.Statement) (revised bool, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		var r unblock.Report
		var at int64
		var source string
		err := tx.q.QueryRowContext(ctx, `SELECT channel, ts, thread_ts, person_id, at, source, edited, standup, text
			FROM readings WHERE id = ?`, id).Scan(&r.Channel, &r.TS, &r.ThreadTS, &r.PersonID, &at, &source, &r.Edited,
			&r.Standup, &r.Text)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return fmt.Errorf("revise reading %d: %w", id, err)
		}
		r.At, r.Source = time.Unix(0, at).UTC(), unblock.ReportSource(source)
		st.Text = r.Text
		// A revision is not an edit by the author: the report keeps its edited
		// flag, and it is of the version kept (edited_at), so it applies.
		var edited sql.NullBool
		var editedAt sql.NullInt64
		if err := tx.q.QueryRowContext(ctx, `SELECT edited, edited_at FROM reports WHERE channel = ? AND ts = ?`, r.Channel, r.TS).
			Scan(&edited, &editedAt); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("revise reading %d: %w", id, err)
		}
		if edited.Valid {
			r.Edited = edited.Bool
			if editedAt.Int64 > 1 {
				r.EditedAt = time.Unix(0, editedAt.Int64)
			}
		}
		if _, err := tx.ApplyReport(ctx, r, st); err != nil {
			return fmt.Errorf("revise reading %d: %w", id, err)
		}
		if edited.Valid {
			if _, err := tx.q.ExecContext(ctx, `UPDATE reports SET edited = ? WHERE channel = ? AND ts = ?`,
				edited.Bool, r.Channel, r.TS); err != nil {
				return fmt.Errorf("revise reading %d: %w", id, err)
			}
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM readings WHERE id = ?`, id); err != nil {
			return fmt.Errorf("revise reading %d: %w", id, err)
		}
		revised = true
		return nil
	})
	return revised, err
}

// ClaimReading takes reading id, due at now, until `until`: it reports false when
// it is no longer due (another process, a replica sharing the database, claimed
// it) or gone, and then it must not be asked about here.
func (db *DB) ClaimReading(ctx context.Context, id int64, now, until time.Time) (claimed bool, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE readings SET not_before = ? WHERE id = ? AND not_before <= ?`,
			until.UnixNano(), id, now.UnixNano())
		if err != nil {
			return fmt.Errorf("claim reading %d: %w", id, err)
		}
		n, err := res.RowsAffected()
		claimed = n == 1
		return err
	})
	return claimed, err
}

// RetryReading counts a failed attempt at reading id and holds it until notBefore.
func (db *DB) RetryReading(ctx context.Context, id int64, notBefore time.Time) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.q.ExecContext(ctx, `UPDATE readings SET attempts = attempts + 1, not_before = ? WHERE id = ?`,
			notBefore.UnixNano(), id); err != nil {
			return fmt.Errorf("retry reading %d: %w", id, err)
		}
		return nil
	})
}

// DropReading removes reading id unanswered: the rules' statement stands.
func (db *DB) DropReading(ctx context.Context, id int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM readings WHERE id = ?`, id); err != nil {
			return fmt.Errorf("drop reading %d: %w", id, err)
		}
		return nil
	})
}

// CachedAnswer returns the LLM answer cached for a prompt version, model and
// request hash.
func (db *DB) CachedAnswer(ctx context.Context, version, model string, hash []byte) (string, bool, error) {
	var answer string
	err := db.read.QueryRowContext(ctx, `SELECT answer FROM reader_cache WHERE prompt_version = ? AND model = ? AND hash = ?`,
		version, model, hash).Scan(&answer)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	} else if err != nil {
		return "", false, fmt.Errorf("cached answer: %w", err)
	}
	return answer, true, nil
}

// CacheAnswer keeps a valid LLM answer for a prompt version, model and request hash.
func (db *DB) CacheAnswer(ctx context.Context, version, model string, hash []byte, answer string, at time.Time) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO reader_cache (prompt_version, model, hash, answer, at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (prompt_version, model, hash) DO UPDATE SET answer = excluded.answer,
			at = excluded.at`, version, model, hash, answer, at.UnixNano()); err != nil {
			return fmt.Errorf("cache answer: %w", err)
		}
		return nil
	})
}

// PruneReaderCache deletes the LLM answers cached before `before` and returns
// how many it deleted.
func (db *DB) PruneReaderCache(ctx context.Context, before time.Time) (n int64, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM reader_cache WHERE at < ?`, before.UnixNano())
		if err != nil {
			return fmt.Errorf("prune reader cache: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// ClearReadings drops every queued reading, with its text, and returns how many
// it dropped: what is left when the LLM reader is turned off.
func (db *DB) ClearReadings(ctx context.Context) (n int64, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM readings`)
		if err != nil {
			return fmt.Errorf("clear readings: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
