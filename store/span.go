package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"

	"github.com/unblock-dev/unblock"
)

// spanRow is a row of blockers as the span read gives it.
type spanRow struct {
	id, reportID, opened, seen int64
	resolved                   sql.NullInt64
	personID, name, to, topic  string
	kind                       unblock.TargetKind
	role                       unblock.Role
	resolution                 unblock.Resolution
}

// spanColumns are the columns of blockers the span read gives, in spanRow's
// order of reading; opened_at and last_seen_at are NOT NULL.
const spanColumns = `id, person_id, target_kind, target_name, target_role, to_node, topic,
	opened_at, last_seen_at, resolved_at, resolution, report_id`

// spanRows calls add with each row of blockers that matches where (a condition
// of blockers' own columns), in the order of their IDs. add must not keep r.
func (tx *Tx) spanRows(ctx context.Context, where string, args []any, add func(r *spanRow)) error {
	query := `SELECT ` + spanColumns + ` FROM blockers ` + where + ` ORDER BY id`
	if tx.db.d.name() == "sqlite" {
		if conn, release, err := tx.sqliteConn(ctx); err != nil {
			return err
		} else if conn != nil {
			defer release()
			return sqliteSpanRows(ctx, conn, query, args, add)
		}
	}
	rows, err := tx.q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("query blockers: %w", err)
	}
	defer rows.Close()
	// The row is scanned into variables of its own, declared once: a blocker whose
	// fields were scanned into would escape, one allocation a row. They are plain
	// strings and integers, which scan without reflection (a string type of its own
	// takes database/sql's slow path).
	var r spanRow
	var kind, role, resolution string
	for rows.Next() {
		if err := rows.Scan(&r.id, &r.personID, &kind, &r.name, &role, &r.to, &r.topic, &r.opened, &r.seen, &r.resolved,
			&resolution, &r.reportID); err != nil {
			return fmt.Errorf("scan blocker: %w", err)
		}
		r.kind, r.role, r.resolution = unblock.TargetKind(kind), unblock.Role(role), unblock.Resolution(resolution)
		add(&r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("query blockers: %w", err)
	}
	return nil
}

// sqliteConn returns the SQLite connection tx reads on and a function that gives
// it back: the write transaction's own, or one of the read pool's. It returns
// nil when tx has neither (a transaction opened without its connection).
func (tx *Tx) sqliteConn(ctx context.Context) (*sql.Conn, func(), error) {
	if tx.conn != nil {
		return tx.conn, func() {}, nil
	}
	p, ok := tx.q.(*pool)
	if !ok {
		return nil, nil, nil
	}
	conn, err := p.DB.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("query blockers: %w", err)
	}
	return conn, func() { conn.Close() }, nil
}

// sqliteSpanRows is spanRows on SQLite. It steps the driver's rows itself: of a
// read of a hundred thousand rows, database/sql's checks and conversions of each
// value cost about a quarter of the read's CPU.
func sqliteSpanRows(ctx context.Context, conn *sql.Conn, query string, args []any, add func(r *spanRow)) error {
	var r spanRow
	return sqliteRows(ctx, conn, query, args, 12, "query blockers", func(v []driver.Value) (bool, error) {
		var ok [4]bool
		r.id, ok[0] = v[0].(int64)
		r.opened, ok[1] = v[7].(int64)
		r.seen, ok[2] = v[8].(int64)
		r.reportID, ok[3] = v[11].(int64)
		if ok != [4]bool{true, true, true, true} {
			return false, fmt.Errorf("scan blocker: not an integer: %v", v)
		}
		r.personID, r.name, r.to, r.topic = text(v[1]), text(v[3]), text(v[5]), text(v[6])
		r.kind, r.role = unblock.TargetKind(text(v[2])), unblock.Role(text(v[4]))
		r.resolved.Int64, r.resolved.Valid = v[9].(int64)
		r.resolution = unblock.Resolution(text(v[10]))
		add(&r)
		return true, nil
	})
}

// sqliteRows runs query on the SQLite driver's connection under conn and calls
// row with the values of each row, as the driver gives them (v is reused: row
// must not keep it), until row says stop or fails. It steps the driver's rows
// itself: of a read of a hundred thousand rows, database/sql's checks and
// conversions of each value cost about a quarter of the read's CPU. An error of
// the query or of a step is prefixed with what ("query blockers: …") when what
// is not empty; row's own error is returned as it is.
func sqliteRows(ctx context.Context, conn *sql.Conn, query string, args []any, columns int, what string, row func(v []driver.Value) (bool, error)) error {
	wrap := func(err error) error {
		if what == "" {
			return err
		}
		return fmt.Errorf("%s: %w", what, err)
	}
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
			return wrap(err)
		}
		defer rows.Close()
		v := make([]driver.Value, columns)
		for {
			if err := rows.Next(v); err == io.EOF {
				return nil
			} else if err != nil {
				return wrap(err)
			}
			if more, err := row(v); err != nil || !more {
				return err
			}
		}
	})
}

// text returns a TEXT value as the driver gives it (a string, or bytes for a
// value stored as a BLOB); "" for NULL.
func text(v driver.Value) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}
