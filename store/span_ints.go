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
// order of reading, and the report that opened the row when it is read too. The
// person and target numbers are one integer, the target's times 2^32 plus the
// person's (0 when either is not numbered, or too large for it): the driver makes
// an allocation of every integer of a row, and the numbers fit in one.
const (
	numColumns = `id, CASE WHEN person_num BETWEEN 1 AND 2147483647 AND target_num BETWEEN 1 AND 2147483647
		THEN target_num * 4294967296 + person_num ELSE 0 END, topic, opened_at, last_seen_at, resolved_at, resolution`
	numReport = `, report_id`
)

// unpackNums sets r's person and target numbers from the one integer the numbered
// read gives of them.
func (r *numRow) unpackNums(nums int64) {
	r.personNum, r.targetNum = nums&(1<<32-1), nums>>32
}

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

// blockersByNumber is blockersNumbered on the blockers' numbers: tableByNumber's
// rows made blockers. It gives the same blockers and numbers as blockersNumbered.
// It reports false (and reads no blockers' words) when a row that matches is not
// numbered, or names a number the tables lack: then the caller reads the words.
func (tx *Tx) blockersByNumber(ctx context.Context, numbered bool, n int, where string, args ...any) ([]unblock.Blocker, unblock.UserNumbers, bool, error) {
	t, _, reports, ok, err := tx.tableByNumber(ctx, n, true, false, where, args...)
	if err != nil || !ok {
		return nil, unblock.UserNumbers{}, ok, err
	}
	out := make([]unblock.Blocker, len(t.Rows))
	var nums unblock.UserNumbers
	if numbered {
		nums = unblock.UserNumbers{Person: make([]int32, len(t.Rows)), To: make([]int32, len(t.Rows)),
			Target: make([]int32, len(t.Rows)), Users: t.Users}
	}
	for i := range t.Rows {
		out[i] = t.Blocker(i)
		out[i].ReportID = reports[i]
		if numbered {
			r := &t.Rows[i]
			nums.Person[i], nums.To[i], nums.Target[i] = t.People[r.Person].User, t.Targets[r.Target].User, r.Target
		}
	}
	return out, nums, true, nil
}

// tableByNumber reads the blockers that match where (a condition of blockers' own
// columns; about n of them) as a table on their numbers, and the report that
// opened each row when reports is set (nil otherwise): each row gives its person
// and target as two integers, whose words come from one read of user_numbers and
// of targets, so a hundred thousand rows take no string of either and no look-up
// by ID. The table's People and Targets are indexed by those numbers (a number no
// row names is an empty entry). User IDs are numbered as blockersNumbered numbers
// them: the people table's, then those it lacks. It reports false (and reads no
// blockers' words) when a row that matches is not numbered, or names a number the
// tables lack: then the caller reads the words. When named is set, the read of
// the people table that gives their roles gives PeopleNamed's people too, by ID:
// a digest names people from them, and a second read of the table cost it a
// tenth of its time.
func (tx *Tx) tableByNumber(ctx context.Context, n int, reports, named bool, where string, args ...any) (unblock.BlockerTable, map[string]unblock.Person, []int64, bool, error) {
	var t unblock.BlockerTable
	var opened []int64 // by row: the report that opened it, when reports is set
	// Each table's list sized once, by its largest number: grown by doubling, the
	// list of 20,000 targets was copied and faulted in again at every step.
	var maxPerson, maxTarget sql.NullInt64
	var nPeople int
	if err := tx.q.QueryRowContext(ctx, `SELECT (SELECT MAX(num) FROM user_numbers), (SELECT MAX(num) FROM targets),
		(SELECT COUNT(*) FROM people)`).Scan(&maxPerson, &maxTarget, &nPeople); err != nil {
		return t, nil, nil, false, fmt.Errorf("read numbers: %w", err)
	}
	// The people table's roles, then the numbering tables, each read whole (a
	// join of people to them cost SQLite more than Go's look-ups of their few
	// thousand rows).
	var people peopleByID
	word := interner() // the analysis compares each blocker's roles
	if n := max(int64(nPeople), maxPerson.Int64); n > 0 && n < 1<<31 {
		people.size(int(n) + 16)
	}
	var byID map[string]unblock.Person // when named
	var err error
	if !named {
		err = tx.rawRows(ctx, `SELECT id, role FROM people`, nil, 2, func(v []driver.Value) {
			people.add(text(v[0]), person{role: unblock.Role(word(v[1])), known: true})
		})
	} else {
		byID = make(map[string]unblock.Person, nPeople+16) // a little room for people written since the count
		err = tx.rawRows(ctx, `SELECT id, name, real_name, role FROM people`, nil, 4, func(v []driver.Value) {
			p := unblock.Person{ID: text(v[0]), Name: text(v[1]), RealName: text(v[2]), Role: unblock.Role(word(v[3]))}
			people.add(p.ID, person{role: p.Role, known: true})
			byID[p.ID] = p
		})
	}
	if err != nil {
		return t, nil, nil, false, fmt.Errorf("read numbers: %w", err)
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
	var personSet, targetSet []bool // by number: the table has it
	if n := maxPerson.Int64; n > 0 && n < 1<<31 {
		t.People, personSet = make([]unblock.TablePerson, n+1), make([]bool, n+1)
	}
	if n := maxTarget.Int64; n > 0 && n < 1<<31 {
		t.Targets, targetSet = make([]unblock.TableTarget, n+1), make([]bool, n+1)
	}
	if err := tx.rawRows(ctx, `SELECT num, id FROM user_numbers`, nil, 2, func(v []driver.Value) {
		num, id := asInt(v[0]), text(v[1])
		if num <= 0 || num >= 1<<31 {
			return // a blocker of this number is read by its words
		}
		p, u := user(id)
		t.People, personSet = grow(t.People, num), grow(personSet, num)
		t.People[num], personSet[num] = unblock.TablePerson{ID: id, Role: p.role, User: u}, true
	}); err != nil {
		return t, nil, nil, false, fmt.Errorf("read numbers: %w", err)
	}
	if err := tx.rawRows(ctx, `SELECT num, kind, name, role, to_node FROM targets`, nil, 5, func(v []driver.Value) {
		num, to := asInt(v[0]), text(v[4])
		if num <= 0 || num >= 1<<31 {
			return
		}
		g := unblock.TableTarget{Target: unblock.Target{Kind: unblock.TargetKind(word(v[1])), Name: text(v[2]), Role: unblock.Role(word(v[3]))},
			To: to}
		p, u := user(to)
		g.User = u
		g.ToRole = toRole(unblock.Blocker{Target: g.Target, To: to}, sql.NullString{String: string(p.role), Valid: p.known})
		t.Targets, targetSet = grow(t.Targets, num), grow(targetSet, num)
		t.Targets[num], targetSet[num] = g, true
	}); err != nil {
		return t, nil, nil, false, fmt.Errorf("read numbers: %w", err)
	}

	t.Rows = make([]unblock.BlockerRow, 0, n+16) // a little room for rows written since the count
	if reports {
		opened = make([]int64, 0, n+16)
	}
	whole := true
	add := func(r *numRow) bool {
		if r.personNum <= 0 || r.targetNum <= 0 || r.personNum >= int64(len(personSet)) || r.targetNum >= int64(len(targetSet)) ||
			!personSet[r.personNum] || !targetSet[r.targetNum] {
			whole = false
			return false
		}
		t.Rows = append(t.Rows, unblock.BlockerRow{
			ID: r.id, Person: int32(r.personNum), Target: int32(r.targetNum), OpenedAt: r.opened, LastSeenAt: r.seen,
			ResolvedAt: r.resolved.Int64, Resolution: t.ResolutionIndex(r.resolution), Topic: t.AddTopic(r.topic),
		})
		if reports {
			opened = append(opened, r.reportID)
		}
		return true
	}
	if err := tx.numRows(ctx, reports, where, args, add); err != nil || !whole {
		return unblock.BlockerTable{}, nil, nil, false, err
	}
	for i := range t.People {
		if !personSet[i] {
			t.People[i].User = -1
		}
	}
	for i := range t.Targets {
		if !targetSet[i] {
			t.Targets[i].User = -1
		}
	}
	t.Users = len(people.list)
	return t, byID, opened, true, nil
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
// blockers' own columns), in the order of their IDs, until add returns false; with
// the report that opened it when reports is set. add must not keep r.
func (tx *Tx) numRows(ctx context.Context, reports bool, where string, args []any, add func(r *numRow) bool) error {
	columns := numColumns
	if reports {
		columns += numReport
	}
	query := `SELECT ` + columns + ` FROM blockers ` + where + ` ORDER BY id`
	if tx.db.d.name() == "sqlite" {
		if conn, release, err := tx.sqliteConn(ctx); err != nil {
			return err
		} else if conn != nil {
			defer release()
			return sqliteNumRows(ctx, conn, reports, query, args, add)
		}
	}
	rows, err := tx.q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("query blockers: %w", err)
	}
	defer rows.Close()
	var r numRow
	var nums int64
	var resolution string
	dest := []any{&r.id, &nums, &r.topic, &r.opened, &r.seen, &r.resolved, &resolution}
	if reports {
		dest = append(dest, &r.reportID)
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("scan blocker: %w", err)
		}
		r.unpackNums(nums)
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
func sqliteNumRows(ctx context.Context, conn *sql.Conn, reports bool, query string, args []any, add func(r *numRow) bool) error {
	var r numRow
	columns := 7
	if reports {
		columns++
	}
	return sqliteRows(ctx, conn, query, args, columns, "query blockers", func(v []driver.Value) (bool, error) {
		var ok [5]bool
		var nums int64
		r.id, ok[0] = v[0].(int64)
		nums, ok[1] = v[1].(int64)
		r.opened, ok[2] = v[3].(int64)
		r.seen, ok[3] = v[4].(int64)
		ok[4] = true
		if reports {
			r.reportID, ok[4] = v[7].(int64)
		}
		if ok != [5]bool{true, true, true, true, true} {
			return false, fmt.Errorf("scan blocker: not an integer: %v", v)
		}
		r.unpackNums(nums)
		r.topic = text(v[2])
		r.resolved.Int64, r.resolved.Valid = v[5].(int64)
		r.resolution = unblock.Resolution(text(v[6]))
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
