package store

import (
	"context"
	"fmt"
	"time"

	"github.com/unblock-dev/unblock"
)

// History returns the reports applied in [from, to), in time order, each with
// what was read from it: its effects on blockers (evidenceQuery), with those
// blockers as they stand now. personID "" means everyone's. Deleted reports are
// left out, and so is chatter that was stored only as an earlier version of an
// applied report. Report.Text is "" when it is not kept or was dropped
// (privacy.text_days).
func (db *DB) History(ctx context.Context, personID string, from, to time.Time) ([]unblock.HistoryEntry, error) {
	return db.reader(ctx).History(ctx, personID, from, to)
}

// History is DB.History inside tx.
func (tx *Tx) History(ctx context.Context, personID string, from, to time.Time) ([]unblock.HistoryEntry, error) {
	cond, args := `r.meaningful = 1 AND r.deleted = 0 AND r.at >= ? AND r.at < ?`, []any{from.UnixNano(), to.UnixNano()}
	if personID != "" {
		cond, args = cond+` AND r.person_id = ?`, append(args, personID)
	}
	rows, err := tx.q.QueryContext(ctx, `SELECT r.id, r.channel, r.ts, r.thread_ts, r.person_id, r.at, r.text, r.source,
			r.edited FROM reports r WHERE `+cond+` ORDER BY r.at, r.ts, r.channel`, args...)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	var out []unblock.HistoryEntry
	index := map[int64]int{}
	for rows.Next() {
		var r unblock.Report
		var at int64
		var edited int
		if err := rows.Scan(&r.ID, &r.Channel, &r.TS, &r.ThreadTS, &r.PersonID, &at, &r.Text, &r.Source, &edited); err != nil {
			rows.Close()
			return nil, fmt.Errorf("history: %w", err)
		}
		r.At, r.Edited = time.Unix(0, at).UTC(), edited != 0
		index[r.ID] = len(out)
		out = append(out, unblock.HistoryEntry{Report: r})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	if len(out) == 0 {
		return []unblock.HistoryEntry{}, nil
	}
	// The reports' evidence: an implied opening or closing is at its report's
	// time, which the indexes on opened_at and resolved_at find.
	inReports := `SELECT r.id FROM reports r WHERE ` + cond
	evidence := evidenceQuery(`br.report_id IN (`+inReports+`)`,
		`b.report_id IN (`+inReports+`) AND b.opened_at >= ? AND b.opened_at < ?`,
		`b.resolved_by IN (`+inReports+`) AND b.resolved_at >= ? AND b.resolved_at < ?`)
	span := []any{from.UnixNano(), to.UnixNano()}
	evArgs := make([]any, 0, 3*len(args)+4)
	evArgs = append(append(append(append(append(evArgs, args...), args...), span...), args...), span...)
	blockers, err := tx.blockers(ctx, `WHERE b.id IN (SELECT e.blocker_id FROM (`+evidence+`) e)`, evArgs...)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	byID := make(map[int64]unblock.Blocker, len(blockers))
	for _, b := range blockers {
		byID[b.ID] = b
	}
	rows, err = tx.q.QueryContext(ctx, `SELECT e.report_id, e.blocker_id, e.effect FROM (`+evidence+`) e
		ORDER BY e.report_id, e.blocker_id`, evArgs...)
	if err != nil {
		return nil, fmt.Errorf("history effects: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var report, blocker int64
		var effect string
		if err := rows.Scan(&report, &blocker, &effect); err != nil {
			return nil, fmt.Errorf("history effects: %w", err)
		}
		i, ok := index[report]
		b, known := byID[blocker]
		if !ok || !known {
			continue
		}
		out[i].Effects = append(out[i].Effects, unblock.BlockerEffect{Effect: unblock.Effect(effect), Blocker: b})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history effects: %w", err)
	}
	return out, nil
}
