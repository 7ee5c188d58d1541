package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
)

// LedgerFilter selects the blockers Ledger lists.
type LedgerFilter struct {
	Person   string // only this person's blockers (a user ID); "" for everyone's
	OpenOnly bool   // only the blockers open at the as-of time
}

// Ledger returns the blockers opened by `at`, as they stood at `at`, each with its
// evidence: the reports up to `at` that opened, kept and closed it (evidenceQuery),
// in time order, with their text when it is kept. A blocker resolved after `at` is
// open in the answer, and its LastSeenAt is the last report by `at` that mentioned
// it; one whose author had fallen silent by `at` is expired (Silence), with no
// closing report. Blockers come in the order they were opened; withdrawn ones are
// gone from the store and never listed, and neither is one on an artifact named like
// an explicit none ("none", "n/a"), which only rows from before issue 14 hold and
// the digest does not count: the open ones are the digest's open blockers.
func (db *DB) Ledger(ctx context.Context, at time.Time, f LedgerFilter) ([]unblock.LedgerEntry, error) {
	return db.reader(ctx).Ledger(ctx, at, f)
}

// LedgerOf returns one person's ledger at `at`: Ledger with LedgerFilter{Person: personID}.
func (db *DB) LedgerOf(ctx context.Context, personID string, at time.Time) ([]unblock.LedgerEntry, error) {
	return db.reader(ctx).Ledger(ctx, at, LedgerFilter{Person: personID})
}

// Ledger is DB.Ledger inside tx.
func (tx *Tx) Ledger(ctx context.Context, at time.Time, f LedgerFilter) ([]unblock.LedgerEntry, error) {
	t := at.UnixNano()
	where, args := `WHERE b.opened_at <= ?`, []any{t}
	if f.Person != "" {
		where, args = where+` AND b.person_id = ?`, append(args, f.Person)
	}
	if f.OpenOnly {
		where, args = where+` AND (b.resolved_at IS NULL OR b.resolved_at > ?)`, append(args, t)
	}
	list, err := tx.blockers(ctx, where+` ORDER BY b.opened_at, b.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	if err := tx.Silence(ctx, list, at); err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	out := make([]unblock.LedgerEntry, 0, len(list))
	index := make(map[int64]int, len(list))
	for _, b := range list {
		if !b.ResolvedAt.IsZero() && b.ResolvedAt.After(at) {
			b.ResolvedAt, b.Resolution = time.Time{}, ""
		}
		if f.OpenOnly && !b.Open() {
			continue // expired by silence by `at`
		}
		if b.Target.Kind == unblock.TargetArtifact && unblock.IsNoneName(b.Target.Name) {
			continue
		}
		index[b.ID] = len(out)
		out = append(out, unblock.LedgerEntry{Blocker: b})
	}
	if len(out) == 0 {
		return out, nil
	}
	if err := tx.ledgerEvidence(ctx, t, strings.TrimPrefix(where, "WHERE "), args, out, index); err != nil {
		return nil, err
	}
	return out, nil
}

// ledgerEvidence fills in the evidence of out (index maps blocker IDs to positions)
// (evidenceQuery), reading the reports by `at` (Unix nanoseconds) of the
// blockers that cond (over blockers b) selects.
func (tx *Tx) ledgerEvidence(ctx context.Context, at int64, cond string, args []any,
	out []unblock.LedgerEntry, index map[int64]int) error {
	evidence := evidenceQuery(`br.blocker_id IN (SELECT b.id FROM blockers b WHERE `+cond+`)`, cond, cond)
	all := make([]any, 0, 3*len(args)+1)
	all = append(append(append(append(all, args...), args...), args...), at)
	rows, err := tx.q.QueryContext(ctx, `SELECT e.blocker_id, e.effect, r.id, r.channel, r.ts, r.thread_ts,
			r.person_id, r.at, r.text, r.source, r.edited, r.deleted
		FROM (`+evidence+`) e JOIN reports r ON r.id = e.report_id
		WHERE r.at <= ?
		ORDER BY r.at, r.ts, r.channel, e.blocker_id`, all...)
	if err != nil {
		return fmt.Errorf("ledger evidence: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var blocker, rat int64
		var e unblock.Evidence
		var edited, deleted int
		if err := rows.Scan(&blocker, &e.Effect, &e.Report.ID, &e.Report.Channel, &e.Report.TS, &e.Report.ThreadTS,
			&e.Report.PersonID, &rat, &e.Report.Text, &e.Report.Source, &edited, &deleted); err != nil {
			return fmt.Errorf("ledger evidence: %w", err)
		}
		i, ok := index[blocker]
		if !ok {
			continue // a blocker the snapshot read does not list
		}
		e.Report.At = time.Unix(0, rat).UTC()
		e.Report.Edited, e.Report.Deleted = edited != 0, deleted != 0
		entry := &out[i]
		entry.Evidence = append(entry.Evidence, e)
		if e.Effect == unblock.EffectOpened || e.Effect == unblock.EffectSeen {
			entry.LastSeenAt = e.Report.At
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("ledger evidence: %w", err)
	}
	return nil
}
