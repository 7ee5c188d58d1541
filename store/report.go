package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/unblock-dev/unblock"
)

// ApplyReport records a report and runs the blocker lifecycle for its statement
// (see lifecycle.apply for the rules).
//
// It is idempotent: the same report (channel, ts) with the same text and statement
// changes nothing and returns Unchanged. A new text (an edit) re-parses: the
// report's earlier effects are undone and the new statement applied, so blockers it
// alone opened and no longer names are withdrawn. A deleted report stays deleted:
// applying it again is Unchanged. Plain chatter (not blocked, resolved or "none")
// with no earlier report is not stored and returns a zero Change.
//
// Reports are applied in time order per person. A report older than the person's
// latest applied report (an import out of order) undoes that person's later
// reports, applies itself and applies them again, so the result is as if the
// reports had arrived in order.
//
// Person targets resolve to user IDs: a mention "<@U1>" or "<@U1|ana>" is U1; a
// name matching one person's display or real name (case-insensitive), or else one
// person's first name, is that person's ID; otherwise To is "person:NAME".
func (db *DB) ApplyReport(ctx context.Context, r unblock.Report, st unblock.Statement) (ch unblock.Change, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		ch, err = tx.ApplyReport(ctx, r, st)
		return err
	})
	return ch, err
}

// CountOnly makes the rest of tx's ApplyReport calls return Changes without
// their lists of blockers (Opened, Seen and Resolved stay nil): for a caller
// that does not look at them, as an import, which spares a copy of each blocker
// a report opens, sees or resolves. What is written is the same.
func (tx *Tx) CountOnly() { tx.countOnly = true }

// BlockerCount returns how many blockers the ledger holds, open or closed.
func (tx *Tx) BlockerCount(ctx context.Context) (int, error) {
	var n int
	if err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM blockers`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count blockers: %w", err)
	}
	return n, nil
}

// ApplyReport is DB.ApplyReport inside tx.
func (tx *Tx) ApplyReport(ctx context.Context, r unblock.Report, st unblock.Statement) (unblock.Change, error) {
	st = st.Bounded() // a pasted megabyte is not a topic
	switch {
	case r.Channel == "" || r.TS == "":
		return unblock.Change{}, unblock.Errorf(unblock.EINVALID, "report without channel or ts")
	case r.PersonID == "":
		return unblock.Change{}, unblock.Errorf(unblock.EINVALID, "report %s/%s without a person", r.Channel, r.TS)
	case r.At.IsZero():
		return unblock.Change{}, unblock.Errorf(unblock.EINVALID, "report %s/%s without a time", r.Channel, r.TS)
	}
	// A report is applied (stored, numbered, and a miss for blockers it does not
	// mention) when it says something about blockers or is a standup report.
	meaningful := st.AboutBlockers() || r.Standup

	var old struct {
		id, at   int64
		person   string
		hash     []byte
		deleted  bool
		edited   int64 // editedNanos of the text kept
		notFound bool
	}
	stored, err := tx.mayHaveReport(ctx, r.Channel, r.TS)
	if err != nil {
		return unblock.Change{}, fmt.Errorf("look up report: %w", err)
	}
	if stored {
		err = tx.q.QueryRowContext(ctx, `SELECT id, at, person_id, hash, deleted, `+keptEdit+` FROM reports WHERE channel = ? AND ts = ?`,
			r.Channel, r.TS).Scan(&old.id, &old.at, &old.person, &old.hash, &old.deleted, &old.edited)
	} else {
		err = sql.ErrNoRows
	}
	if errors.Is(err, sql.ErrNoRows) {
		old.notFound = true
	} else if err != nil {
		return unblock.Change{}, fmt.Errorf("look up report: %w", err)
	}
	if old.notFound && !meaningful {
		return unblock.Change{}, nil // the fast path: chatter is not stored
	}

	text := r.Text
	if text == "" {
		text = st.Text
	}
	// The statement as JSON, and the hash of the text, a zero byte and the
	// statement, each in a buffer the transaction reuses.
	tx.encBuf = appendStatement(tx.encBuf[:0], storedOf(st))
	enc := tx.encBuf
	tx.hashBuf = append(append(append(tx.hashBuf[:0], text...), 0), enc...)
	sum := sha256.Sum256(tx.hashBuf)
	hash := sum[:]
	if tx.db.dropText.Load() {
		text = ""
	}

	edited := editedNanos(r)
	if !old.notFound {
		if old.deleted || bytes.Equal(old.hash, hash) || edited < old.edited {
			// Gone, the same, or an older version than the text kept (an
			// export older than one imported before, an earlier edit's event).
			return unblock.Change{ReportID: old.id, Unchanged: true}, nil
		}
		// An edit: same key, new text. The report keeps its author and time.
		if err := tx.settle(ctx, old.person); err != nil {
			return unblock.Change{}, err
		}
		self := pendingReport{id: old.id, at: old.at, ts: r.TS, channel: r.Channel, st: st, apply: meaningful}
		lc, err := tx.lifecycle(ctx, old.person, &self)
		if err != nil {
			return unblock.Change{}, err
		}
		// Edited when this version is an edit; the same text read anew (another
		// reading of it) keeps the flag.
		if _, err := tx.q.ExecContext(ctx, `UPDATE reports SET text = ?, hash = ?, statement = ?, meaningful = ?,
			edited = CASE WHEN ? > 0 THEN 1 ELSE edited END, edited_at = ?, seq = ? WHERE id = ?`,
			text, hash, string(enc), boolInt(meaningful), edited, edited, self.seq, old.id); err != nil {
			return unblock.Change{}, fmt.Errorf("update report: %w", err)
		}
		return lc.replay(ctx, self, true, r.At)
	}

	self := pendingReport{at: r.At.UnixNano(), ts: r.TS, channel: r.Channel, st: st, apply: true}
	lc := tx.deferred[r.PersonID]
	if lc != nil && lc.applied && !self.key().after(lc.newest) {
		// Older than a report ApplyReports applied again: a replay of its own.
		if err := tx.settle(ctx, r.PersonID); err != nil {
			return unblock.Change{}, err
		}
		lc = nil
	}
	if lc != nil {
		key := self.key()
		if err := lc.catchUp(ctx, &key); err != nil {
			tx.cache.forgetOpen(r.PersonID)
			return unblock.Change{}, err
		}
		self.seq = nextSeq(lc.prevSeq, lc.lastAt, self.at, lc.zone)
	} else {
		var err error
		if lc, err = tx.lifecycle(ctx, r.PersonID, &self); err != nil {
			return unblock.Change{}, err
		}
	}
	if tx.bulk != nil && len(lc.later) == 0 {
		// In order under Bulk: the report is written with the next batch.
		if self.id, err = tx.bulk.reportID(ctx); err != nil {
			return unblock.Change{}, err
		}
		if err := tx.bulk.addReport(ctx, self.id, r.Channel, r.TS, r.ThreadTS, r.PersonID, self.at, text, hash,
			string(enc), int64(1), string(r.Source), int64(boolInt(r.Edited)), edited, self.seq); err != nil {
			return unblock.Change{}, err
		}
	} else if err := tx.q.QueryRowContext(ctx, `INSERT INTO reports (channel, ts, thread_ts, person_id, at, text, hash,
		statement, meaningful, source, edited, edited_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING id`,
		r.Channel, r.TS, r.ThreadTS, r.PersonID, self.at, text, hash, string(enc), string(r.Source),
		boolInt(r.Edited), edited, self.seq).Scan(&self.id); err != nil {
		return unblock.Change{}, fmt.Errorf("insert report: %w", err)
	}
	tx.cache.addReport(r.Channel, r.TS)
	if tx.deferred == nil || len(lc.later) == 0 {
		return lc.replay(ctx, self, false, r.At)
	}
	return tx.applyDeferred(ctx, lc, self)
}

// ApplyReports applies reports, in order, each with the statement read from it
// (statements[i]), as ApplyReport does one by one, with the same result. It is
// for an import: a report older than its person's later ones undoes them and
// leaves them pending, and the person's next reports of the batch are applied
// among them in time order, so that a backfill of many older reports (an older
// export into a database that holds the newer history) replays each person's
// later reports once a batch, not once a report.
func (tx *Tx) ApplyReports(ctx context.Context, reports []unblock.Report, statements []unblock.Statement) (err error) {
	if len(reports) != len(statements) {
		return fmt.Errorf("apply reports: %d reports, %d statements", len(reports), len(statements))
	}
	tx.deferred = map[string]*lifecycle{}
	defer func() {
		if err != nil {
			tx.cache.forgetOpen("")
		}
		tx.deferred = nil
	}()
	for i, r := range reports {
		if _, err := tx.ApplyReport(ctx, r, statements[i]); err != nil {
			return fmt.Errorf("apply report %s/%s: %w", r.Channel, r.TS, err)
		}
	}
	for _, person := range slices.Sorted(maps.Keys(tx.deferred)) {
		if err := tx.settle(ctx, person); err != nil {
			return err
		}
	}
	return nil
}

// applyDeferred applies self, a new report, under ApplyReports: in a replay
// that lc (the person's lifecycle under ApplyReports, or a new one with later
// reports) leaves open until they are applied, by the person's later reports in
// the batch or by settle.
func (tx *Tx) applyDeferred(ctx context.Context, lc *lifecycle, self pendingReport) (_ unblock.Change, err error) {
	defer func() {
		if err != nil {
			tx.cache.forgetOpen(lc.person)
		}
	}()
	if tx.deferred[lc.person] == nil {
		if err := lc.undoLater(ctx, self, false); err != nil {
			return unblock.Change{}, err
		}
		tx.deferred[lc.person] = lc
	}
	ch := unblock.Change{ReportID: self.id}
	if err := lc.applyNext(ctx, self, &ch); err != nil {
		return unblock.Change{}, err
	}
	if len(lc.pending) == 0 {
		return ch, tx.settle(ctx, lc.person)
	}
	return ch, nil
}

// settle ends the person's replay that ApplyReports left open, if any: it
// applies the pending later reports and withdraws what stays in limbo.
func (tx *Tx) settle(ctx context.Context, person string) error {
	lc := tx.deferred[person]
	if lc == nil {
		return nil
	}
	delete(tx.deferred, person)
	var ch unblock.Change
	if err := lc.catchUp(ctx, nil); err != nil {
		return err
	}
	return lc.withdraw(ctx, &ch, time.Unix(0, lc.lastAt))
}

// DeleteReport marks the report (channel, ts) deleted and withdraws what it alone
// opened; its other effects (resolutions, misses) are undone too. A report never
// stored, or already deleted, changes nothing.
func (db *DB) DeleteReport(ctx context.Context, channel, ts string, at time.Time) (ch unblock.Change, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		ch, err = tx.DeleteReport(ctx, channel, ts, at)
		return err
	})
	return ch, err
}

// DeleteReport is DB.DeleteReport inside tx.
func (tx *Tx) DeleteReport(ctx context.Context, channel, ts string, at time.Time) (unblock.Change, error) {
	var id, reportAt int64
	var person string
	var deleted bool
	err := tx.q.QueryRowContext(ctx, `SELECT id, at, person_id, deleted FROM reports WHERE channel = ? AND ts = ?`,
		channel, ts).Scan(&id, &reportAt, &person, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		// Deleted before it was stored: a tombstone keeps an older copy of it
		// (an older export, a redelivered event) from coming back.
		return unblock.Change{Unchanged: true}, tx.tombstone(ctx, channel, ts, at)
	} else if err != nil {
		return unblock.Change{}, fmt.Errorf("look up report: %w", err)
	} else if deleted {
		return unblock.Change{ReportID: id, Unchanged: true}, nil
	}
	self := pendingReport{id: id, at: reportAt, ts: ts, channel: channel}
	lc, err := tx.lifecycle(ctx, person, &self)
	if err != nil {
		return unblock.Change{}, err
	}
	if _, err := tx.q.ExecContext(ctx, `UPDATE reports SET deleted = 1, seq = 0 WHERE id = ?`, id); err != nil {
		return unblock.Change{}, fmt.Errorf("delete report: %w", err)
	}
	return lc.replay(ctx, self, true, at)
}

// tombstone stores that the message channel/ts, never stored, was deleted at
// `at`: a report of no one (person_id ”), deleted, applied to nothing.
func (tx *Tx) tombstone(ctx context.Context, channel, ts string, at time.Time) error {
	var err error
	if tx.bulk != nil {
		// The bulk path numbers reports ahead of the table: take the next number.
		var id int64
		if id, err = tx.bulk.reportID(ctx); err == nil {
			_, err = tx.q.ExecContext(ctx, `INSERT INTO reports (id, channel, ts, person_id, at, hash, deleted)
				VALUES (?, ?, ?, '', ?, ?, 1)`, id, channel, ts, at.UnixNano(), []byte{})
		}
	} else {
		_, err = tx.q.ExecContext(ctx, `INSERT INTO reports (channel, ts, person_id, at, hash, deleted)
			VALUES (?, ?, '', ?, ?, 1)`, channel, ts, at.UnixNano(), []byte{})
	}
	if err != nil {
		return fmt.Errorf("keep deleted message %s/%s: %w", channel, ts, err)
	}
	tx.cache.addReport(channel, ts)
	return nil
}

// keptEdit is the column expression of when a stored report's text was last
// edited, as editedNanos gives it of a report that comes: edited_at, 1 for an
// edit of unknown time (rows from before migration 0011), 0 for an original.
const keptEdit = `CASE WHEN edited_at > 0 THEN edited_at WHEN edited = 1 THEN 1 ELSE 0 END`

// editedNanos is when r's text was last edited, as reports.edited_at keeps it
// and compares versions: Unix nanoseconds, 1 for an edit of unknown time, 0
// for an original.
func editedNanos(r unblock.Report) int64 {
	switch {
	case !r.EditedAt.IsZero():
		return max(r.EditedAt.UnixNano(), 1)
	case r.Edited:
		return 1
	}
	return 0
}

// storedStatement is a Statement as kept in reports.statement, for replays.
type storedStatement struct {
	Blocked   bool             `json:"blocked,omitempty"`
	Resolved  bool             `json:"resolved,omitempty"`
	None      bool             `json:"none,omitempty"`
	Continues bool             `json:"continues,omitempty"`
	Still     bool             `json:"still,omitempty"`
	Targets   []unblock.Target `json:"targets,omitempty"`
	Topic     string           `json:"topic,omitempty"`
}

// storedOf is what of st the store keeps with its report.
func storedOf(st unblock.Statement) storedStatement {
	return storedStatement{Blocked: st.Blocked, Resolved: st.Resolved, None: st.None, Continues: st.Continues,
		Still: st.Still, Targets: st.Targets, Topic: st.Topic}
}

// statement is the statement s keeps, read from text.
func (s storedStatement) statement(text string) unblock.Statement {
	return unblock.Statement{Text: text, Blocked: s.Blocked, Resolved: s.Resolved, None: s.None, Continues: s.Continues,
		Still: s.Still, Targets: s.Targets, Topic: s.Topic}
}

// pendingReport is a report the lifecycle applies.
type pendingReport struct {
	id      int64
	at      int64 // Unix nanoseconds
	ts      string
	channel string
	seq     int64 // the person's report-day count up to this report (nextSeq), 0 if not applied
	st      unblock.Statement
	apply   bool // false for a deleted report, or an edit into plain chatter
}

func (r pendingReport) key() reportKey { return reportKey{r.at, r.ts, r.channel} }

// lifecycle prepares the lifecycle of person's blockers around report self: it
// finds the person's applied reports later than self and sets self.seq.
func (tx *Tx) lifecycle(ctx context.Context, person string, self *pendingReport) (*lifecycle, error) {
	lc := &lifecycle{tx: tx, person: person, expireAfter: tx.db.expireAfter.Load(),
		silence: time.Duration(tx.db.expireSilence.Load())}
	var err error
	if lc.zone, err = tx.zoneOf(ctx, person); err != nil {
		return nil, err
	}
	if lc.later, lc.prevSeq, lc.lastAt, err = lc.neighbours(ctx, self.key()); err != nil {
		return nil, err
	}
	if self.apply {
		self.seq = nextSeq(lc.prevSeq, lc.lastAt, self.at, lc.zone)
	}
	return lc, nil
}

// nextSeq returns the seq of a person's applied report at `at` after one with seq
// prev at prevAt. Seq numbers the days on which the person reported, not the
// reports: blockers.expire_after counts standups, and three messages on one day
// (a DM thread, a standup and a correction) are one standup's worth of misses.
// Days are the person's own, in zone (zoneOf): a standup at 09:30 in Sydney and a
// note at 11:30 are one day, though UTC's midnight falls between them.
func nextSeq(prev, prevAt, at int64, zone *time.Location) int64 {
	if prev > 0 && sameDay(prevAt, at, zone) {
		return prev
	}
	return prev + 1
}

// sameDay reports whether the Unix nanosecond times a and b fall on one date in zone.
func sameDay(a, b int64, zone *time.Location) bool {
	ya, ma, da := time.Unix(0, a).In(zone).Date()
	yb, mb, db := time.Unix(0, b).In(zone).Date()
	return ya == yb && ma == mb && da == db
}

// replay brings the person's blockers to the state their reports give in time
// order, after self was added, edited or deleted: it undoes the person's reports
// later than self (latest first) and self's earlier effects if undoSelf, applies
// self, applies the later reports again (renumbered), and withdraws (deletes) the
// blockers whose opening was undone and that nothing opened again. In the common
// case, a new report later than all others, it only applies self.
func (lc *lifecycle) replay(ctx context.Context, self pendingReport, undoSelf bool, withdrawAt time.Time) (_ unblock.Change, err error) {
	defer func() {
		if err != nil { // the cache may be ahead of what was written
			lc.tx.cache.forgetOpen(lc.person)
		}
	}()
	ch := unblock.Change{ReportID: self.id}
	if err := lc.undoLater(ctx, self, undoSelf); err != nil {
		return unblock.Change{}, err
	}
	if err := lc.applyNext(ctx, self, &ch); err != nil {
		return unblock.Change{}, err
	}
	if err := lc.catchUp(ctx, nil); err != nil {
		return unblock.Change{}, err
	}
	if err := lc.withdraw(ctx, &ch, withdrawAt); err != nil {
		return unblock.Change{}, err
	}
	if len(lc.later) > 0 {
		// Later reports may have changed what self opened or saw: return the final state.
		for _, list := range [][]unblock.Blocker{ch.Opened, ch.Seen, ch.Resolved} {
			for i, b := range list {
				if b.Resolution == unblock.ResolvedByWithdraw {
					continue
				}
				var err error
				if list[i], err = lc.tx.Blocker(ctx, b.ID); err != nil {
					return unblock.Change{}, err
				}
			}
		}
	}
	return ch, nil
}

// undoLater begins a replay around self: it undoes the person's later reports,
// latest first, and self's earlier effects if undoSelf, and leaves the later
// reports pending, to apply again (catchUp). Without later reports and undoSelf,
// the in-order path, it does nothing.
func (lc *lifecycle) undoLater(ctx context.Context, self pendingReport, undoSelf bool) error {
	tx := lc.tx
	lc.inOrder = tx.cache != nil && len(lc.later) == 0 && !undoSelf
	lc.bulk = lc.inOrder && tx.bulk != nil
	lc.pending = lc.later
	if lc.inOrder {
		return nil
	}
	tx.cache.forgetOpen(lc.person)
	for i := len(lc.later) - 1; i >= 0; i-- {
		if err := lc.undo(ctx, lc.later[i]); err != nil {
			return err
		}
	}
	if undoSelf {
		if err := lc.undo(ctx, self); err != nil {
			return err
		}
	}
	// Undone, the person's blockers stand as they did before self: what follows
	// applies reports in time order, as the in-order path does, so it reads the
	// person's blockers once into the cache, limbo left out, and keeps them there,
	// not once a report (a report backfilled before n later ones cost n such
	// reads of up to n rows each). Its writes are not held (lc.bulk): the rows
	// are in the table already.
	lc.inOrder = tx.cache != nil && !tx.db.replayUncached.Load()
	return nil
}

// applyNext applies r, the person's next report in time order, whose seq is
// set, unless it is not to be applied (r.apply), and records it as the newest
// applied (lc.prevSeq, lc.lastAt, the cache's latest).
func (lc *lifecycle) applyNext(ctx context.Context, r pendingReport, ch *unblock.Change) error {
	if !r.apply {
		lc.remember()
		return nil
	}
	if err := lc.apply(ctx, r, ch); err != nil {
		return err
	}
	lc.prevSeq, lc.newest, lc.applied = r.seq, r.key(), true
	lc.remember()
	return nil
}

// catchUp applies again, renumbered, the pending later reports before key, or
// all of them when key is nil.
func (lc *lifecycle) catchUp(ctx context.Context, key *reportKey) error {
	for len(lc.pending) > 0 && (key == nil || key.after(lc.pending[0].key())) {
		r := lc.pending[0]
		lc.pending = lc.pending[1:]
		if seq := nextSeq(lc.prevSeq, lc.lastAt, r.at, lc.zone); r.seq != seq {
			r.seq = seq
			if _, err := lc.tx.q.ExecContext(ctx, `UPDATE reports SET seq = ? WHERE id = ?`, r.seq, r.id); err != nil {
				return fmt.Errorf("renumber report %d: %w", r.id, err)
			}
		}
		if err := lc.applyNext(ctx, r, nil); err != nil {
			return err
		}
	}
	return nil
}

// withdraw ends a replay: it deletes the blockers left in limbo, whose opening
// was undone and that nothing opened again, as withdrawn at `at`.
func (lc *lifecycle) withdraw(ctx context.Context, ch *unblock.Change, at time.Time) error {
	for _, b := range lc.limbo {
		if _, err := lc.tx.q.ExecContext(ctx, `DELETE FROM blockers WHERE id = ?`, b.ID); err != nil {
			return fmt.Errorf("withdraw blocker %d: %w", b.ID, err)
		}
		b.ResolvedAt, b.Resolution = at.UTC(), unblock.ResolvedByWithdraw
		if !lc.tx.countOnly {
			ch.Resolved = append(ch.Resolved, b.Blocker)
		}
	}
	lc.limbo, lc.inLimboIDs = nil, nil
	return nil
}

// LatestReport returns the time of the newest report that is not deleted, and
// false when there is none: what an imported export's last day is.
func (db *DB) LatestReport(ctx context.Context) (time.Time, bool, error) {
	var at sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT MAX(at) FROM reports WHERE deleted = 0`).Scan(&at); err != nil {
		return time.Time{}, false, fmt.Errorf("latest report: %w", err)
	}
	if !at.Valid {
		return time.Time{}, false, nil
	}
	return time.Unix(0, at.Int64).UTC(), true, nil
}
