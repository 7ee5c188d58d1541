package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"

	"github.com/unblock-dev/unblock"
)

// Forgotten counts what Forget removed or changed.
type Forgotten struct {
	Reports   int `json:"reports"`   // the person's reports, with their text, deleted
	Blockers  int `json:"blockers"`  // the person's own blockers deleted
	Sessions  int `json:"sessions"`  // standup sessions deleted
	Envelopes int `json:"envelopes"` // received Slack envelopes that mention them deleted
	Posts     int `json:"posts"`     // post records and outbox effects about them (nudges, all-clears, replies) deleted
	Repointed int `json:"repointed"` // others' blockers on them, now on their role (or on "someone")
	Redacted  int `json:"redacted"`  // others' reports whose mentions of them were replaced
}

// forgottenNode is the node others' blockers on a forgotten person whose role is
// unknown wait on: it keeps the waits without saying on whom.
const forgottenNode = "person:someone"

var userIDPattern = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)

// Forget removes everything stored about the person with Slack user ID id: their
// profile, their reports with their text, their blockers and standup sessions,
// and the received envelopes and post records that name them. Other people's
// blockers on them stay (those are the other people's waits) but no longer name
// them: they wait on the forgotten person's role, or on an anonymous "someone"
// when the role is unknown; mentions of them in other people's reports are
// replaced the same way. Counts that cannot identify them (a role's) are kept.
// ENOTFOUND when nothing is stored about id.
func (db *DB) Forget(ctx context.Context, id string) (f Forgotten, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		f, err = tx.Forget(ctx, id)
		return err
	})
	if err != nil && unblock.ErrorCode(err) != unblock.ENOTFOUND {
		return f, err
	}
	// Received envelopes live in the inbox file (see inbox.go).
	n, ierr := db.inboxExec(ctx, `DELETE FROM inbox WHERE instr(CAST(payload AS TEXT), ?) > 0`, id)
	if ierr != nil {
		return f, ierr
	}
	f.Envelopes += int(n)
	if n > 0 {
		err = nil
	}
	return f, err
}

// Forget is DB.Forget inside tx.
func (tx *Tx) Forget(ctx context.Context, id string) (Forgotten, error) {
	var f Forgotten
	if !userIDPattern.MatchString(id) {
		return f, unblock.Errorf(unblock.EINVALID, "%q is not a Slack user ID (U… or W…)", id)
	}
	var role string
	err := tx.q.QueryRowContext(ctx, `SELECT role FROM people WHERE id = ?`, id).Scan(&role)
	known := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("forget %s: %w", id, err)
	}
	anon := unblock.Target{Kind: unblock.TargetPerson, Name: "someone"}
	node := forgottenNode
	if role != "" {
		anon = unblock.Target{Kind: unblock.TargetRole, Name: role, Role: unblock.Role(role)}
		node = "role:" + role
	}

	anonNum, err := tx.targetNum(ctx, anon, node)
	if err != nil {
		return f, fmt.Errorf("forget %s: %w", id, err)
	}
	steps := []struct {
		count *int
		query string
		args  []any
	}{
		// Nudges about their blockers ("nudge:BLOCKER:DAY"), before the blockers go.
		{&f.Posts, `DELETE FROM posts WHERE key >= 'nudge:' AND key < 'nudge;' AND
			CAST(substr(key, 7, instr(substr(key, 7), ':') - 1) AS INTEGER) IN (SELECT id FROM blockers WHERE person_id = ?)`, []any{id}},
		{nil, `DELETE FROM blocker_reports WHERE blocker_id IN (SELECT id FROM blockers WHERE person_id = ?1)
			OR report_id IN (SELECT id FROM reports WHERE person_id = ?1)`, []any{id}},
		{&f.Blockers, `DELETE FROM blockers WHERE person_id = ?`, []any{id}},
		{&f.Sessions, `DELETE FROM sessions WHERE person_id = ?`, []any{id}},
		{&f.Reports, `DELETE FROM reports WHERE person_id = ?`, []any{id}},
		{&f.Repointed, `UPDATE blockers SET target_kind = ?, target_name = ?, target_role = ?, to_node = ?, target_num = ?
			WHERE to_node = ?`, []any{string(anon.Kind), anon.Name, string(anon.Role), node, anonNum, id}},
		// Their numbers: as a blocked person, and the targets read as them, which no blocker names now.
		{nil, `DELETE FROM user_numbers WHERE id = ?`, []any{id}},
		{nil, `DELETE FROM targets WHERE to_node = ?`, []any{id}},
		{&f.Envelopes, `DELETE FROM inbox WHERE instr(CAST(payload AS TEXT), ?) > 0`, []any{id}},
		// Effects to send or sent to them or about them, and readings of their text by the LLM reader.
		{&f.Posts, `DELETE FROM outbox WHERE instr(key, ?1) > 0 OR instr(CAST(payload AS TEXT), ?1) > 0`, []any{id}},
		{&f.Reports, `DELETE FROM readings WHERE person_id = ?`, []any{id}},
		{nil, `DELETE FROM readings WHERE instr(text, ?1) > 0 OR instr(rules, ?1) > 0`, []any{id}},
		{nil, `DELETE FROM reader_cache WHERE instr(answer, ?) > 0`, []any{id}},
		{&f.Posts, `DELETE FROM posts WHERE instr(key, ?) > 0`, []any{id}},
		{nil, `DELETE FROM people WHERE id = ?`, []any{id}},
	}
	for _, s := range steps {
		res, err := tx.q.ExecContext(ctx, s.query, s.args...)
		if err != nil {
			return f, fmt.Errorf("forget %s: %w", id, err)
		}
		if s.count != nil {
			n, _ := res.RowsAffected()
			*s.count += int(n)
		}
	}
	if f.Redacted, err = tx.redactMentions(ctx, id, anon); err != nil {
		return f, err
	}
	tx.cache.forgetPeople()
	if !known && f == (Forgotten{}) {
		return f, unblock.Errorf(unblock.ENOTFOUND, "nothing is stored about %s", id)
	}
	return f, nil
}

// redactMentions replaces the mentions of id (<@U123>, <@U123|ana>) in other
// people's reports: in their text by anon's name, and in their parsed statements
// by anon itself, so a later replay of those reports waits on the same node as
// their re-pointed blockers.
func (tx *Tx) redactMentions(ctx context.Context, id string, anon unblock.Target) (int, error) {
	mention := regexp.MustCompile(`<@` + regexp.QuoteMeta(id) + `(\|[^>]*)?>`)
	rows, err := tx.q.QueryContext(ctx, `SELECT id, text, statement FROM reports
		WHERE instr(text, ?1) > 0 OR instr(statement, ?1) > 0`, "<@"+id)
	if err != nil {
		return 0, fmt.Errorf("forget %s: mentions: %w", id, err)
	}
	type fix struct {
		id              int64
		text, statement string
	}
	var fixes []fix
	for rows.Next() {
		var x fix
		if err := rows.Scan(&x.id, &x.text, &x.statement); err != nil {
			rows.Close()
			return 0, fmt.Errorf("forget %s: mentions: %w", id, err)
		}
		fixes = append(fixes, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("forget %s: mentions: %w", id, err)
	}
	for _, x := range fixes {
		text := mention.ReplaceAllString(x.text, anon.Name)
		statement := x.statement
		var st storedStatement
		if json.Unmarshal([]byte(x.statement), &st) == nil {
			for i, t := range st.Targets {
				if mention.MatchString(t.Name) {
					st.Targets[i] = anon
					st.Targets[i].Resolved = t.Resolved // what cleared stays what cleared on a replay
				}
				st.Targets[i].Topic = mention.ReplaceAllString(t.Topic, anon.Name)
			}
			st.Topic = mention.ReplaceAllString(st.Topic, anon.Name)
			if b, err := json.Marshal(st); err == nil {
				statement = string(b)
			}
		} else {
			statement = mention.ReplaceAllString(statement, anon.Name)
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE reports SET text = ?, statement = ? WHERE id = ?`, text, statement, x.id); err != nil {
			return 0, fmt.Errorf("forget %s: mentions: %w", id, err)
		}
	}
	return len(fixes), nil
}
