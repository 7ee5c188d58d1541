package store

import (
	"context"
	"fmt"
	"time"

	"github.com/unblock-dev/unblock"
)

// PersonRecord is everything the store holds about one person (unblock export-user).
type PersonRecord struct {
	Person     unblock.Person
	Known      bool // a profile is stored (Person is zero otherwise)
	Reports    []unblock.Report
	Blockers   []unblock.LedgerEntry // their own waits, with evidence
	WaitedOnBy []unblock.LedgerEntry // other people's waits on them
	Sessions   []unblock.Session
}

// PersonRecord returns everything stored about the person with user ID id, as of
// at. ENOTFOUND when nothing is.
func (db *DB) PersonRecord(ctx context.Context, id string, at time.Time) (PersonRecord, error) {
	tx := db.reader(ctx)
	var rec PersonRecord
	people, err := tx.people(ctx, `WHERE id = ?`, id)
	if err != nil {
		return rec, err
	}
	if len(people) == 1 {
		rec.Person, rec.Known = people[0], true
	}
	if rec.Reports, err = tx.reportsOf(ctx, id); err != nil {
		return rec, err
	}
	if rec.Blockers, err = tx.Ledger(ctx, at, LedgerFilter{Person: id}); err != nil {
		return rec, err
	}
	all, err := tx.Ledger(ctx, at, LedgerFilter{})
	if err != nil {
		return rec, err
	}
	for _, e := range all {
		if e.To == id {
			rec.WaitedOnBy = append(rec.WaitedOnBy, e)
		}
	}
	if rec.Sessions, err = tx.sessions(ctx, `WHERE person_id = ? ORDER BY day, team`, id); err != nil {
		return rec, err
	}
	if !rec.Known && len(rec.Reports)+len(rec.Blockers)+len(rec.WaitedOnBy)+len(rec.Sessions) == 0 {
		return rec, unblock.Errorf(unblock.ENOTFOUND, "nothing is stored about %s", id)
	}
	return rec, nil
}

// reportsOf returns every stored report of the person, oldest first.
func (tx *Tx) reportsOf(ctx context.Context, id string) ([]unblock.Report, error) {
	rows, err := tx.q.QueryContext(ctx, `SELECT id, person_id, channel, ts, thread_ts, at, text, source, edited, deleted
		FROM reports WHERE person_id = ? ORDER BY at, ts`, id)
	if err != nil {
		return nil, fmt.Errorf("reports of %s: %w", id, err)
	}
	defer rows.Close()
	var out []unblock.Report
	for rows.Next() {
		var r unblock.Report
		var at int64
		if err := rows.Scan(&r.ID, &r.PersonID, &r.Channel, &r.TS, &r.ThreadTS, &at, &r.Text, &r.Source, &r.Edited, &r.Deleted); err != nil {
			return nil, fmt.Errorf("reports of %s: %w", id, err)
		}
		r.At = time.Unix(0, at).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}
