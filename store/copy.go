package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/unblock-dev/unblock"
)

// copyTables are the tables CopyTo moves, parents before the rows that refer to
// them: every table of the schema but migrations (the target has its own). The
// inbox is read from where the source keeps it (the inbox file of a SQLite
// database). A table a migration adds must be listed here: CopyTo refuses a
// source with a table it does not list (uncopied), and TestCopyTo_EveryTable
// compares the list with the schema of both backends.
var copyTables = []string{
	"roles", "teams", "people", "reports", "user_numbers", "targets", "blockers", "blocker_reports", "sessions", "posts",
	"readings", "reader_cache", "outbox", "inbox_done", "inbox", "standup_teams",
}

// TableCount is one table's rows in the source and, after the copy, in the target.
type TableCount struct {
	Table          string
	Source, Target int64
}

// CopyTo copies everything db holds into dst, a store of the other backend (or
// the same) whose tables hold nothing yet but the built-in roles, in one
// transaction of dst: row IDs are kept, so every reference holds, and the
// target's ID sequences continue after them. It then counts every table on both
// sides and returns the counts; an error if any differs (nothing is committed
// then). Stop the bot first: what it writes after the copy began is not copied.
func (db *DB) CopyTo(ctx context.Context, dst *DB) ([]TableCount, error) {
	// One snapshot of the source: a read transaction of the database and one of the inbox.
	src, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	defer src.Rollback()
	if err := db.uncopied(ctx, src); err != nil {
		return nil, err
	}
	inbox := src
	if db.inbox != db.read && db.pg == nil {
		if inbox, err = db.inbox.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}); err != nil {
			return nil, fmt.Errorf("copy: %w", err)
		}
		defer inbox.Rollback()
	}
	var counts []TableCount
	err = dst.writeTx(ctx, func(out dtx) error {
		for _, table := range copyTables {
			from := src
			if table == "inbox" {
				from = inbox
			}
			n, err := copyTable(ctx, from, out, dst, table)
			if err != nil {
				return fmt.Errorf("copy %s: %w", table, err)
			}
			var m int64
			if err := out.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&m); err != nil {
				return fmt.Errorf("count %s: %w", table, err)
			}
			counts = append(counts, TableCount{Table: table, Source: n, Target: m})
		}
		if dst.pg != nil {
			if err := resetIdentities(ctx, out); err != nil {
				return err
			}
		}
		var bad []string
		for _, c := range counts {
			if c.Source != c.Target {
				bad = append(bad, fmt.Sprintf("%s: %d rows in the source, %d in the target", c.Table, c.Source, c.Target))
			}
		}
		if len(bad) > 0 {
			return unblock.Errorf(unblock.EINTERNAL, "the copy does not match, nothing was written: %s", strings.Join(bad, "; "))
		}
		return nil
	})
	if err != nil {
		return counts, err
	}
	return counts, dst.Analyze(ctx)
}

// uncopied returns an error naming the tables of the source's schema that
// copyTables leaves out, so a copy never drops one while every count it makes matches.
func (db *DB) uncopied(ctx context.Context, src dtx) error {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if db.pg != nil {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	rows, err := src.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("copy: list tables: %w", err)
	}
	defer rows.Close()
	listed := map[string]bool{"migrations": true}
	for _, t := range copyTables {
		listed[t] = true
	}
	var missing []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			return fmt.Errorf("copy: list tables: %w", err)
		}
		if !listed[table] {
			missing = append(missing, table)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("copy: list tables: %w", err)
	}
	if len(missing) > 0 {
		return unblock.Errorf(unblock.EINTERNAL, "copy: this unblock does not know how to copy the table(s) %s of %s, nothing was written",
			strings.Join(missing, ", "), Redacted(db.path))
	}
	return nil
}

// copyTable copies table from src into out and returns how many rows the source
// has. The target must hold none of them yet (built-in roles excepted: those
// are kept as the source has them).
func copyTable(ctx context.Context, src, out dtx, dst *DB, table string) (int64, error) {
	var existing int64
	where := ""
	if table == "roles" {
		where = " WHERE builtin = 0"
	}
	if err := out.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+where).Scan(&existing); err != nil {
		return 0, err
	}
	if existing > 0 {
		return 0, unblock.Errorf(unblock.EINVALID, "the target already holds %d rows of %s: copy into a new, empty database", existing, table)
	}
	if table == "roles" {
		if _, err := out.ExecContext(ctx, `DELETE FROM roles`); err != nil {
			return 0, err
		}
	}
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+table)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	kinds, err := dst.columnKinds(ctx, out, table, cols)
	if err != nil {
		return 0, err
	}
	const batch = 200
	var n int64
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		k := len(args) / len(cols)
		row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
		q := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES ` +
			strings.TrimSuffix(strings.Repeat(row+", ", k), ", ")
		_, err := out.ExecContext(ctx, q, args...)
		args = args[:0]
		return err
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return 0, err
		}
		for i, v := range vals {
			args = append(args, asKind(v, kinds[i]))
		}
		n++
		if n%batch == 0 {
			if err := flush(); err != nil {
				return 0, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return n, flush()
}

// columnKinds says, per column of table in the target, whether it holds bytes
// ("bytes") or text ("text"), so a value SQLite stored in the other class
// (SQLite's columns take any) is written as the target's column wants.
func (db *DB) columnKinds(ctx context.Context, out dtx, table string, cols []string) ([]string, error) {
	kinds := make([]string, len(cols))
	q := `SELECT name, type FROM pragma_table_info(?)`
	if db.pg != nil {
		q = `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`
	}
	rows, err := out.QueryContext(ctx, q, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	types := map[string]string{}
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, err
		}
		types[name] = strings.ToLower(typ)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, c := range cols {
		t, ok := types[c]
		switch {
		case !ok:
			return nil, fmt.Errorf("the target's %s has no column %s (are both at the same migration?)", table, c)
		case t == "bytea" || t == "blob":
			kinds[i] = "bytes"
		case t == "text":
			kinds[i] = "text"
		}
	}
	return kinds, nil
}

// asKind returns v as the target column's kind wants it.
func asKind(v any, kind string) any {
	switch x := v.(type) {
	case string:
		if kind == "bytes" {
			return []byte(x)
		}
	case []byte:
		if kind == "text" {
			return string(x)
		}
	}
	return v
}

// resetIdentities moves every identity sequence of the PostgreSQL schema past the
// IDs copied in, so the next row gets a new one.
func resetIdentities(ctx context.Context, out dtx) error {
	rows, err := out.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND is_identity = 'YES'`)
	if err != nil {
		return fmt.Errorf("identities: %w", err)
	}
	type col struct{ table, name string }
	var list []col
	for rows.Next() {
		var c col
		if err := rows.Scan(&c.table, &c.name); err != nil {
			rows.Close()
			return fmt.Errorf("identities: %w", err)
		}
		list = append(list, c)
	}
	rows.Close()
	for _, c := range list {
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', '%s'), COALESCE((SELECT MAX(%s) FROM %s), 0) + 1, false)`,
			c.table, c.name, c.name, c.table)
		if _, err := out.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("identity of %s: %w", c.table, err)
		}
	}
	return nil
}
