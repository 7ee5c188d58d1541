package store

import (
	"context"
	"time"

	"github.com/unblock-dev/unblock"
)

// LookUpEverySilence makes expiry by silence look up the last report of every
// blocker's person, as it did before a blocker heard within the silence period
// was known not to have expired: tests check that both ways give the same.
func LookUpEverySilence(db *DB, on bool) { db.everySilence.Store(on) }

// LogImpliedEffects makes the lifecycle log in blocker_reports the effects a
// blocker's own row states too (impliedEffects), as it did before migration
// 0009: tests check that the readers and later replays read the same either way.
func LogImpliedEffects(db *DB, on bool) { db.logImplied.Store(on) }

// ReplayUncached makes a replay (a late report, an edit, a deletion) read the
// person's open blockers from the table at each report it applies, as it did
// before it kept them in the transaction's cache: tests check both ways give the same.
func ReplayUncached(db *DB, on bool) { db.replayUncached.Store(on) }

// SpanByNumber is BlockersSpanNumbered on the blockers' numbers only (migration
// 0010): ok is false when a row of the span is not numbered.
func SpanByNumber(ctx context.Context, db *DB, from, to time.Time) (list []unblock.Blocker, nums unblock.UserNumbers, ok bool, err error) {
	tx := db.reader(ctx)
	list, nums, ok, err = tx.blockersByNumber(ctx, true, 0, `WHERE opened_at <= ? AND (resolved_at IS NULL OR resolved_at >= ?)`,
		to.UnixNano(), from.UnixNano())
	if err != nil || !ok {
		return nil, nums, ok, err
	}
	return list, nums, true, tx.silence(ctx, list, to)
}

// SpanByWords is BlockersSpanNumbered on the blockers' words, as it read them
// before migration 0010.
func SpanByWords(ctx context.Context, db *DB, from, to time.Time) ([]unblock.Blocker, unblock.UserNumbers, error) {
	tx := db.reader(ctx)
	list, nums, err := tx.blockersNumbered(ctx, true, 0, `WHERE opened_at <= ? AND (resolved_at IS NULL OR resolved_at >= ?)`,
		to.UnixNano(), from.UnixNano())
	if err != nil {
		return nil, nums, err
	}
	return list, nums, tx.silence(ctx, list, to)
}
