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

const standupTeamSelect = `SELECT name, channel, members, user_group, prompt_time, days, timezone, questions,
	reminder_after, answer_window, evening_before, digest_to, paused, updated_by, updated_at,
	default_role, summary, public_reminders, created_view FROM standup_teams`

// StandupTeams returns the standup teams set up in Slack, ordered by name.
func (db *DB) StandupTeams(ctx context.Context) ([]unblock.StandupTeam, error) {
	return db.reader(ctx).StandupTeams(ctx)
}

// StandupTeams is DB.StandupTeams inside tx.
func (tx *Tx) StandupTeams(ctx context.Context) ([]unblock.StandupTeam, error) {
	return tx.standupTeams(ctx, `ORDER BY name`)
}

// StandupTeam returns the standup team named name, or an ENOTFOUND error.
func (db *DB) StandupTeam(ctx context.Context, name string) (unblock.StandupTeam, error) {
	return db.reader(ctx).StandupTeam(ctx, name)
}

// StandupTeam is DB.StandupTeam inside tx.
func (tx *Tx) StandupTeam(ctx context.Context, name string) (unblock.StandupTeam, error) {
	list, err := tx.standupTeams(ctx, `WHERE name = ?`, name)
	if err != nil {
		return unblock.StandupTeam{}, err
	} else if len(list) == 0 {
		return unblock.StandupTeam{}, unblock.Errorf(unblock.ENOTFOUND, "no standup team is named %q", name)
	}
	return list[0], nil
}

// SaveStandupTeam inserts t or replaces the team of its name. It refuses, with
// an EINVALID error, a team that could not run (unblock.StandupTeam.Problems).
func (db *DB) SaveStandupTeam(ctx context.Context, t unblock.StandupTeam) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.SaveStandupTeam(ctx, t) })
}

// SaveStandupTeam is DB.SaveStandupTeam inside tx.
func (tx *Tx) SaveStandupTeam(ctx context.Context, t unblock.StandupTeam) error {
	if p := t.Problems(time.LoadLocation); len(p) > 0 {
		for _, f := range []string{"name", "channel", "members", "usergroup", "time", "days", "timezone", "questions", "reminder", "window", "digest"} {
			if msg, ok := p[f]; ok {
				return unblock.Errorf(unblock.EINVALID, "standup team %q: %s: %s", t.Name, f, msg)
			}
		}
	}
	days := make([]int, len(t.Days))
	for i, d := range t.Days {
		days[i] = int(d)
	}
	lists := make([]string, 4)
	for i, v := range []any{nonNil(t.Members), days, nonNil(t.Questions), nonNil(t.DigestTo)} {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		lists[i] = string(b)
	}
	if _, err := tx.q.ExecContext(ctx, `INSERT INTO standup_teams (name, channel, members, user_group, prompt_time, days,
			timezone, questions, reminder_after, answer_window, evening_before, digest_to, paused, updated_by, updated_at,
			default_role, summary, public_reminders, created_view)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET channel = excluded.channel, members = excluded.members,
			user_group = excluded.user_group, prompt_time = excluded.prompt_time, days = excluded.days, timezone = excluded.timezone,
			questions = excluded.questions, reminder_after = excluded.reminder_after,
			answer_window = excluded.answer_window, evening_before = excluded.evening_before,
			digest_to = excluded.digest_to, paused = excluded.paused, updated_by = excluded.updated_by,
			updated_at = excluded.updated_at, default_role = excluded.default_role, summary = excluded.summary,
			public_reminders = excluded.public_reminders, created_view = excluded.created_view`,
		t.Name, t.Channel, lists[0], t.UserGroup, t.Time, lists[1], t.Timezone, lists[2],
		int64(t.ReminderAfter/time.Second), int64(t.AnswerWindow/time.Second), boolInt(t.EveningBefore), lists[3],
		boolInt(t.Paused), t.UpdatedBy, t.UpdatedAt.UnixNano(),
		string(t.DefaultRole), boolInt(!t.NoSummary), boolInt(t.PublicReminders), t.CreatedView); err != nil {
		return fmt.Errorf("save standup team %s: %w", t.Name, err)
	}
	return nil
}

// DeleteStandupTeam removes the standup team named name; its past sessions
// stay. It returns an ENOTFOUND error when there is no such team.
func (db *DB) DeleteStandupTeam(ctx context.Context, name string) error {
	return db.Update(ctx, func(tx *Tx) error { return tx.DeleteStandupTeam(ctx, name) })
}

// DeleteStandupTeam is DB.DeleteStandupTeam inside tx.
func (tx *Tx) DeleteStandupTeam(ctx context.Context, name string) error {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM standup_teams WHERE name = ?`, name)
	if err != nil {
		return fmt.Errorf("delete standup team %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return unblock.Errorf(unblock.ENOTFOUND, "no standup team is named %q", name)
	}
	return nil
}

func (tx *Tx) standupTeams(ctx context.Context, where string, args ...any) ([]unblock.StandupTeam, error) {
	rows, err := tx.q.QueryContext(ctx, standupTeamSelect+" "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query standup teams: %w", err)
	}
	defer rows.Close()
	var out []unblock.StandupTeam
	for rows.Next() {
		var t unblock.StandupTeam
		var members, days, questions, digestTo string
		var reminder, window, updated int64
		var evening, paused, summary, public int
		if err := rows.Scan(&t.Name, &t.Channel, &members, &t.UserGroup, &t.Time, &days, &t.Timezone, &questions,
			&reminder, &window, &evening, &digestTo, &paused, &t.UpdatedBy, &updated,
			&t.DefaultRole, &summary, &public, &t.CreatedView); err != nil {
			return nil, fmt.Errorf("scan standup team: %w", err)
		}
		var dayNums []int
		if err := errors.Join(json.Unmarshal([]byte(members), &t.Members), json.Unmarshal([]byte(days), &dayNums),
			json.Unmarshal([]byte(questions), &t.Questions), json.Unmarshal([]byte(digestTo), &t.DigestTo)); err != nil {
			return nil, fmt.Errorf("standup team %s: %w", t.Name, err)
		}
		for _, d := range dayNums {
			t.Days = append(t.Days, time.Weekday(d))
		}
		t.ReminderAfter, t.AnswerWindow = time.Duration(reminder)*time.Second, time.Duration(window)*time.Second
		t.EveningBefore, t.Paused = evening != 0, paused != 0
		t.NoSummary, t.PublicReminders = summary == 0, public != 0
		t.UpdatedAt = timeOf(sql.NullInt64{Int64: updated, Valid: true})
		out = append(out, t)
	}
	return out, rows.Err()
}

// nonNil returns list, or an empty list for nil, so JSON stores [] and never null.
func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// StandupTeamsVersion returns a value that changes whenever a standup team is
// saved or deleted (how many there are, and the latest change), so a replica can
// tell cheaply that another one changed them.
func (db *DB) StandupTeamsVersion(ctx context.Context) (string, error) {
	var n, latest int64
	err := db.reader(ctx).q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(updated_at), 0) FROM standup_teams`).Scan(&n, &latest)
	if err != nil {
		return "", fmt.Errorf("standup teams version: %w", err)
	}
	return fmt.Sprintf("%d:%d", n, latest), nil
}
