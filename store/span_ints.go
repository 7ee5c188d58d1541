package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
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
	// The people table's roles, then the numbering tables, each read whole (a
	// join of people to them cost SQLite more than Go's look-ups of their few
	// thousand rows). Users are numbered as blockersNumbered numbers them: the
	// people table's, then those it lacks.
	var people peopleByID
	word := interner() // the analysis compares each blocker's roles
	if err := tx.rawRows(ctx, `SELECT id, role FROM people`, nil, 2, func(v []driver.Value) {
		people.add(text(v[0]), person{role: unblock.Role(word(v[1])), known: true})
	}); err != nil {
		return nil, nums, false, fmt.Errorf("read numbers: %w", err)
	}
	// user returns the person of a user ID and their number, numbering one the
	// table lacks; -1 for what is no user ID.
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
	if err := tx.rawRows(ctx, `SELECT num, id FROM user_numbers`, nil, 2, func(v []driver.Value) {
		num, id := asInt(v[0]), text(v[1])
		if num <= 0 || num >= 1<<31 {
			return // a blocker of this number is read by its words
		}
		p, u := user(id)
		persons = grow(persons, num)
		persons[num] = numPerson{id: id, role: p.role, user: u, set: true}
	}); err != nil {
		return nil, nums, false, fmt.Errorf("read numbers: %w", err)
	}
	var targets []numTarget // by target_num
	if err := tx.rawRows(ctx, `SELECT num, kind, name, role, to_node FROM targets`, nil, 5, func(v []driver.Value) {
		num, to := asInt(v[0]), text(v[4])
		if num <= 0 || num >= 1<<31 {
			return
		}
		t := numTarget{target: unblock.Target{Kind: unblock.TargetKind(word(v[1])), Name: text(v[2]), Role: unblock.Role(word(v[3]))},
			to: to, set: true}
		p, u := user(to)
		t.user = u
		t.toRole = toRole(unblock.Blocker{Target: t.target, To: to}, sql.NullString{String: string(p.role), Valid: p.known})
		targets = grow(targets, num)
		targets[num] = t
	}); err != nil {
		return nil, nums, false, fmt.Errorf("read numbers: %w", err)
	}

	out := make([]unblock.Blocker, 0, n+16) // a little room for rows written since the count
	if numbered {
		nums.Person, nums.To, nums.Target = make([]int32, 0, n+16), make([]int32, 0, n+16), make([]int32, 0, n+16)
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
			nums.Target = append(nums.Target, int32(r.targetNum))
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

// rawRows calls row with the values of each row of query, which gives columns
// values a row: on SQLite as the driver gives them, without database/sql's
// conversions; on PostgreSQL as database/sql gives them. row must not keep v.
func (tx *Tx) rawRows(ctx context.Context, query string, args []any, columns int, row func(v []driver.Value)) error {
	if tx.db.d.name() == "sqlite" {
		if conn, release, err := tx.sqliteConn(ctx); err != nil {
			return err
		} else if conn != nil {
			defer release()
			return sqliteRows(ctx, conn, query, args, columns, "", func(v []driver.Value) (bool, error) {
				row(v)
				return true, nil
			})
		}
	}
	rows, err := tx.q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	v, vals, dest := make([]driver.Value, columns), make([]any, columns), make([]any, columns)
	for i := range dest {
		dest[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		for i := range vals {
			v[i] = vals[i]
		}
		row(v)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return nil
}

// asInt returns an integer (or boolean) value as a driver gives it, 0 for anything else.
func asInt(v driver.Value) int64 {
	switch v := v.(type) {
	case int64:
		return v
	case int32:
		return int64(v)
	case bool:
		if v {
			return 1
		}
	}
	return 0
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
	var r numRow
	return sqliteRows(ctx, conn, query, args, 9, "query blockers", func(v []driver.Value) (bool, error) {
		var ok [6]bool
		r.id, ok[0] = v[0].(int64)
		r.personNum, ok[1] = v[1].(int64)
		r.targetNum, ok[2] = v[2].(int64)
		r.opened, ok[3] = v[4].(int64)
		r.seen, ok[4] = v[5].(int64)
		r.reportID, ok[5] = v[8].(int64)
		if ok != [6]bool{true, true, true, true, true, true} {
			return false, fmt.Errorf("scan blocker: not an integer: %v", v)
		}
		r.topic = text(v[3])
		r.resolved.Int64, r.resolved.Valid = v[6].(int64)
		r.resolution = unblock.Resolution(text(v[7]))
		return add(&r), nil
	})
}

// interner returns a function that gives a TEXT value as one string however
// many rows hold it (a role, a kind): a hundred thousand copies of a few words,
// scattered over the heap, cost whoever compares them a cache miss each.
func interner() func(driver.Value) string {
	words := map[string]string{}
	return func(v driver.Value) string {
		s := text(v)
		if w, ok := words[s]; ok {
			return w
		}
		words[s] = s
		return s
	}
}
