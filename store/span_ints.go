package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"strings"

	"github.com/unblock-dev/unblock"
)

// numRow is a row of blockers as the numbered read gives it: its person and its
// target by number (migration 0010).
type numRow struct {
	id, reportID, opened, seen int64
	personNum, targetNum       int64
	resolved                   sql.NullInt64
	topic                      string
	resolution                 unblock.Resolution
}

// numColumns are the columns of blockers the numbered read gives, in numRow's
// order of reading.
const numColumns = `id, person_num, target_num, topic, opened_at, last_seen_at, resolved_at, resolution, report_id`

// numPerson and numTarget are a person and a target of the numbering tables as
// the numbered read resolves them, once each.
type numPerson struct {
	id   string
	role unblock.Role
	user int32 // the user number given to id (-1: no user ID)
	set  bool  // the table has this number
}

type numTarget struct {
	target unblock.Target
	to     string
	toRole unblock.Role
	user   int32 // the user number of to when it is a user ID, else -1
	set    bool  // the table has this number
}

// blockersByNumber is blockersNumbered on the blockers' numbers: each row gives
// its person and target as two integers, whose words come from one read of
// user_numbers and of targets, so a hundred thousand rows take no string of
// either and no look-up by ID. It gives the same blockers and numbers as
// blockersNumbered. It reports false (and reads no blockers' words) when a row
// that matches is not numbered, or names a number the tables lack: then the
// caller reads the words.
func (tx *Tx) blockersByNumber(ctx context.Context, numbered bool, n int, where string, args ...any) ([]unblock.Blocker, unblock.UserNumbers, bool, error) {
	var nums unblock.UserNumbers
	var people peopleByID
	prow, err := tx.q.QueryContext(ctx, `SELECT id, role FROM people`)
	if err != nil {
		return nil, nums, false, fmt.Errorf("query people: %w", err)
	}
	for prow.Next() {
		var id string
		var role unblock.Role
		if err := prow.Scan(&id, &role); err != nil {
			prow.Close()
			return nil, nums, false, fmt.Errorf("scan people: %w", err)
		}
		people.add(id, person{role: role, known: true})
	}
	if err := prow.Close(); err != nil {
		return nil, nums, false, fmt.Errorf("query people: %w", err)
	}
	// user returns the number of a user ID, numbering one the table lacks.
	user := func(id string) (person, int32) {
		p, ok := people.get(id)
		if id == "" || strings.Contains(id, ":") {
			return p, -1
		}
		if !ok {
			p = people.add(id, person{})
		}
		return p, p.user
	}
	var persons []numPerson // by person_num
	var id string
	if err := tx.numberRows(ctx, `SELECT num, id FROM user_numbers`, []any{&id}, func(num int64) {
		p, u := user(id)
		persons = grow(persons, num)
		persons[num] = numPerson{id: id, role: p.role, user: u, set: true}
	}); err != nil {
		return nil, nums, false, err
	}
	var targets []numTarget // by target_num
	var kind, name, role, to string
	if err := tx.numberRows(ctx, `SELECT num, kind, name, role, to_node FROM targets`, []any{&kind, &name, &role, &to}, func(num int64) {
		t := numTarget{target: unblock.Target{Kind: unblock.TargetKind(kind), Name: name, Role: unblock.Role(role)}, to: to, set: true}
		p, u := user(to)
		t.user = u
		t.toRole = toRole(unblock.Blocker{Target: t.target, To: to}, sql.NullString{String: string(p.role), Valid: p.known})
		targets = grow(targets, num)
		targets[num] = t
	}); err != nil {
		return nil, nums, false, err
	}

	out := make([]unblock.Blocker, 0, n+16) // a little room for rows written since the count
	if numbered {
		nums.Person, nums.To = make([]int32, 0, n+16), make([]int32, 0, n+16)
	}
	whole := true
	add := func(r *numRow) bool {
		if r.personNum <= 0 || r.targetNum <= 0 || r.personNum >= int64(len(persons)) || r.targetNum >= int64(len(targets)) ||
			!persons[r.personNum].set || !targets[r.targetNum].set {
			whole = false
			return false
		}
		p, t := &persons[r.personNum], &targets[r.targetNum]
		out = append(out, unblock.Blocker{
			ID: r.id, PersonID: p.id, PersonRole: p.role,
			Target: t.target, To: t.to, ToRole: t.toRole, Topic: r.topic,
			OpenedAt: timeOf(sql.NullInt64{Int64: r.opened, Valid: true}), LastSeenAt: timeOf(sql.NullInt64{Int64: r.seen, Valid: true}),
			ResolvedAt: timeOf(r.resolved), Resolution: r.resolution, ReportID: r.reportID,
		})
		if numbered {
			nums.Person = append(nums.Person, p.user)
			nums.To = append(nums.To, t.user)
		}
		return true
	}
	if err := tx.numRows(ctx, where, args, add); err != nil || !whole {
		return nil, unblock.UserNumbers{}, false, err
	}
	nums.Users = len(people.list)
	return out, nums, true, nil
}

// grow returns list with room for index i.
func grow[T any](list []T, i int64) []T {
	if i < int64(len(list)) {
		return list
	}
	return append(list, make([]T, int(i)+1-len(list))...)
}

// numberRows calls row with the number of each row of query, a read of a
// numbering table whose first column is its number, its other columns scanned
// into dest.
func (tx *Tx) numberRows(ctx context.Context, query string, dest []any, row func(num int64)) error {
	rows, err := tx.q.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("query numbers: %w", err)
	}
	defer rows.Close()
	var num int64
	all := append([]any{&num}, dest...)
	for rows.Next() {
		if err := rows.Scan(all...); err != nil {
			return fmt.Errorf("scan numbers: %w", err)
		}
		if num <= 0 || num > 1<<31 {
			return fmt.Errorf("query numbers: number %d out of range", num)
		}
		row(num)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("query numbers: %w", err)
	}
	return nil
}

// numRows calls add with each row of blockers that matches where (a condition of
// blockers' own columns), in the order of their IDs, until add returns false.
// add must not keep r.
func (tx *Tx) numRows(ctx context.Context, where string, args []any, add func(r *numRow) bool) error {
	query := `SELECT ` + numColumns + ` FROM blockers ` + where + ` ORDER BY id`
	if tx.db.d.name() == "sqlite" {
		if conn, release, err := tx.sqliteConn(ctx); err != nil {
			return err
		} else if conn != nil {
			defer release()
			return sqliteNumRows(ctx, conn, query, args, add)
		}
	}
	rows, err := tx.q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("query blockers: %w", err)
	}
	defer rows.Close()
	var r numRow
	var resolution string
	for rows.Next() {
		if err := rows.Scan(&r.id, &r.personNum, &r.targetNum, &r.topic, &r.opened, &r.seen, &r.resolved,
			&resolution, &r.reportID); err != nil {
			return fmt.Errorf("scan blocker: %w", err)
		}
		r.resolution = unblock.Resolution(resolution)
		if !add(&r) {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("query blockers: %w", err)
	}
	return nil
}

// sqliteNumRows is numRows on SQLite, stepping the driver's rows itself (see
// sqliteSpanRows).
func sqliteNumRows(ctx context.Context, conn *sql.Conn, query string, args []any, add func(r *numRow) bool) error {
	return conn.Raw(func(dc any) error {
		q, ok := dc.(driver.QueryerContext)
		if !ok {
			return fmt.Errorf("the SQLite driver's connection (%T) cannot query", dc)
		}
		named := make([]driver.NamedValue, len(args))
		for i, a := range args {
			named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
		}
		rows, err := q.QueryContext(ctx, query, named)
		if err != nil {
			return fmt.Errorf("query blockers: %w", err)
		}
		defer rows.Close()
		var r numRow
		v := make([]driver.Value, 9)
		for {
			if err := rows.Next(v); err == io.EOF {
				return nil
			} else if err != nil {
				return fmt.Errorf("query blockers: %w", err)
			}
			var ok [6]bool
			r.id, ok[0] = v[0].(int64)
			r.personNum, ok[1] = v[1].(int64)
			r.targetNum, ok[2] = v[2].(int64)
			r.opened, ok[3] = v[4].(int64)
			r.seen, ok[4] = v[5].(int64)
			r.reportID, ok[5] = v[8].(int64)
			if ok != [6]bool{true, true, true, true, true, true} {
				return fmt.Errorf("scan blocker: not an integer: %v", v)
			}
			r.topic = text(v[3])
			r.resolved.Int64, r.resolved.Valid = v[6].(int64)
			r.resolution = unblock.Resolution(text(v[7]))
			if !add(&r) {
				return nil
			}
		}
	})
}
