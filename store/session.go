package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/unblock-dev/unblock"
)

const sessionSelect = `SELECT id, team, person_id, day, prompt_at, channel, prompt_ts, reminded_at, answered_at,
	report_id, skipped FROM sessions`

// Session returns the session of (team, person, day), or an ENOTFOUND error.
func (db *DB) Session(ctx context.Context, team, personID, day string) (unblock.Session, error) {
	return db.reader(ctx).Session(ctx, team, personID, day)
}

// Session is DB.Session inside tx.
func (tx *Tx) Session(ctx context.Context, team, personID, day string) (unblock.Session, error) {
	list, err := tx.sessions(ctx, `WHERE team = ? AND person_id = ? AND day = ?`, team, personID, day)
	if err != nil {
		return unblock.Session{}, err
	} else if len(list) == 0 {
		return unblock.Session{}, unblock.Errorf(unblock.ENOTFOUND, "no session for %s in %s on %s", personID, team, day)
	}
	return list[0], nil
}

// SaveSession inserts s or updates the session of (s.Team, s.PersonID, s.Day), and
// returns it as stored (with its ID).
func (db *DB) SaveSession(ctx context.Context, s unblock.Session) (out unblock.Session, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		out, err = tx.SaveSession(ctx, s)
		return err
	})
	return out, err
}

// SaveSession is DB.SaveSession inside tx.
func (tx *Tx) SaveSession(ctx context.Context, s unblock.Session) (unblock.Session, error) {
	if s.Team == "" || s.PersonID == "" || s.Day == "" {
		return unblock.Session{}, unblock.Errorf(unblock.EINVALID, "session needs a team, a person and a day")
	}
	if _, err := time.Parse(time.DateOnly, s.Day); err != nil {
		return unblock.Session{}, unblock.Errorf(unblock.EINVALID, "session day %q is not YYYY-MM-DD", s.Day)
	}
	if _, err := tx.q.ExecContext(ctx, `INSERT INTO sessions (team, person_id, day, prompt_at, channel, prompt_ts,
			reminded_at, answered_at, report_id, skipped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (team, person_id, day) DO UPDATE SET prompt_at = excluded.prompt_at, channel = excluded.channel,
			prompt_ts = excluded.prompt_ts, reminded_at = excluded.reminded_at, answered_at = excluded.answered_at,
			report_id = excluded.report_id, skipped = excluded.skipped`,
		s.Team, s.PersonID, s.Day, nanos(s.PromptAt), s.Channel, s.PromptTS, nanos(s.RemindedAt), nanos(s.AnsweredAt),
		nullID(s.ReportID), s.Skipped); err != nil {
		return unblock.Session{}, fmt.Errorf("save session: %w", err)
	}
	return tx.Session(ctx, s.Team, s.PersonID, s.Day)
}

// SessionsOf returns a team's sessions on day, ordered by person.
func (db *DB) SessionsOf(ctx context.Context, team, day string) ([]unblock.Session, error) {
	return db.reader(ctx).SessionsOf(ctx, team, day)
}

// SessionsOf is DB.SessionsOf inside tx.
func (tx *Tx) SessionsOf(ctx context.Context, team, day string) ([]unblock.Session, error) {
	return tx.sessions(ctx, `WHERE team = ? AND day = ? ORDER BY person_id`, team, day)
}

func (tx *Tx) sessions(ctx context.Context, where string, args ...any) ([]unblock.Session, error) {
	rows, err := tx.q.QueryContext(ctx, sessionSelect+" "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query sessions: %w", err)
	}
	defer rows.Close()
	var out []unblock.Session
	for rows.Next() {
		var s unblock.Session
		var prompt, reminded, answered, report sql.NullInt64
		if err := rows.Scan(&s.ID, &s.Team, &s.PersonID, &s.Day, &prompt, &s.Channel, &s.PromptTS, &reminded,
			&answered, &report, &s.Skipped); err != nil {
			return nil, fmt.Errorf("scan session: %w", err)
		}
		s.PromptAt, s.RemindedAt, s.AnsweredAt, s.ReportID = timeOf(prompt), timeOf(reminded), timeOf(answered), report.Int64
		out = append(out, s)
	}
	return out, rows.Err()
}

// SessionsBetween returns the sessions of every team whose standup day is in
// [fromDay, toDay) (YYYY-MM-DD), ordered by team, day and person: what
// participation is counted from (unblock.Tally).
func (db *DB) SessionsBetween(ctx context.Context, fromDay, toDay string) ([]unblock.Session, error) {
	return db.reader(ctx).SessionsBetween(ctx, fromDay, toDay)
}

// SessionsBetween is DB.SessionsBetween inside tx.
func (tx *Tx) SessionsBetween(ctx context.Context, fromDay, toDay string) ([]unblock.Session, error) {
	return tx.sessions(ctx, `WHERE day >= ? AND day < ? ORDER BY team, day, person_id`, fromDay, toDay)
}
