package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Bulk makes the rest of tx hold what the lifecycle's in-order path writes (a
// new report later than all its person's others: the whole of an import of
// history in time order) and write it later, up to bulkHold reports at a time:
// the report rows, the blockers they open, each written once with its values as
// they then stand (not inserted, then updated each time a later report sees or
// resolves it), and the evidence rows of blocker_reports, which are also the
// undo log that keeps later edits and late reports exact. No statement runs per
// report, none returns an ID: the IDs are taken as SQLite gives them (one more
// than the table's largest), so the rows are the ones the statements would have
// written.
//
// What is held is written before any other statement of tx that could read or
// change it runs (every statement but a SELECT of other tables), and before tx
// commits, so every other path, and everything read in tx, sees the same
// database as without Bulk. On PostgreSQL, whose IDs come from sequences, Bulk
// does nothing.
func (tx *Tx) Bulk() {
	if tx.bulk != nil || tx.cache == nil || tx.db.d.name() != "sqlite" {
		return
	}
	tx.bulk = &bulkWrites{q: tx.q, blockers: map[int64]*heldBlocker{}}
	tx.q = bulkQuerier{b: tx.bulk, q: tx.q}
}

// bulkWrites is what Bulk holds until it is written.
type bulkWrites struct {
	q   querier // the transaction itself
	err error   // the first failed write: the transaction must not commit

	// The next IDs to give, 0 when they must be read again (after a statement
	// that may have inserted or deleted rows).
	nextReport, nextBlocker int64

	reports  []any                  // report rows, reportColumns values each
	order    []int64                // the held blockers, in the order first held
	blockers map[int64]*heldBlocker // by ID
	effects  []any                  // blocker_reports rows, effectColumns values each
}

// heldBlocker is a blocker's values as the in-order path left them.
type heldBlocker struct {
	row blockerRow
	new bool // inserted by Bulk: not in the table yet
}

const (
	reportInsert = `INSERT INTO reports (id, channel, ts, thread_ts, person_id, at, text, hash, statement, meaningful,
		source, edited, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	reportColumns = 13
	blockerInsert = `INSERT INTO blockers (id, person_id, target_kind, target_name, target_role, to_node, topic,
		opened_at, last_seen_at, resolved_at, resolution, resolved_by, report_id, seen_seq)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	blockerColumns = 14
	effectInsert   = `INSERT INTO blocker_reports (report_id, blocker_id, effect, prev_last_seen_at, prev_seen_seq,
		prev_resolved_at, prev_resolution, prev_resolved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	effectColumns = 8
)

// reportID returns the ID the next report inserted gets.
func (b *bulkWrites) reportID(ctx context.Context) (int64, error) {
	if b.nextReport == 0 {
		if err := b.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM reports`).Scan(&b.nextReport); err != nil {
			return 0, fmt.Errorf("next report id: %w", err)
		}
	}
	id := b.nextReport
	b.nextReport++
	return id, nil
}

// blockerID returns the ID the next blocker inserted gets.
func (b *bulkWrites) blockerID(ctx context.Context) (int64, error) {
	if b.nextBlocker == 0 {
		if err := b.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM blockers`).Scan(&b.nextBlocker); err != nil {
			return 0, fmt.Errorf("next blocker id: %w", err)
		}
	}
	id := b.nextBlocker
	b.nextBlocker++
	return id, nil
}

// bulkHold is how many reports Bulk holds before it writes them, and what they
// did: many, since a blocker still open when it is written is updated when a
// later report sees or resolves it (at 1,024 that cost about 7 % of an import's
// CPU), and few enough that what is held stays small and its buffers are
// reused rather than grown.
var bulkHold = 8192

// addReport holds a new report's row; its values are reportInsert's columns.
// When bulkHold reports are held it first writes them.
func (b *bulkWrites) addReport(ctx context.Context, row ...any) error {
	if len(b.reports) >= bulkHold*reportColumns {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	b.reports = append(b.reports, row...)
	return nil
}

// hold records blocker row's values as they now stand; new for one Bulk inserts.
func (b *bulkWrites) hold(row blockerRow, new bool) {
	if h := b.blockers[row.ID]; h != nil {
		h.row = row
		return
	}
	b.blockers[row.ID] = &heldBlocker{row: row, new: new}
	b.order = append(b.order, row.ID)
}

// addEffect holds a blocker_reports row: report did effect to b, whose values
// before it are b's.
func (b *bulkWrites) addEffect(report int64, row blockerRow, effect string) {
	b.effects = append(b.effects, report, row.ID, effect, nanosValue(row.LastSeenAt), row.seenSeq,
		nanosValue(row.ResolvedAt), string(row.Resolution), nullValue(row.resolvedBy))
}

// Held values are the driver's own types (int64, string, []byte, nil), which
// database/sql passes on as they are: an sql.NullInt64 or an int would cost a
// conversion each, and a held row has a dozen values.

// nanosValue is nanos(t) as a driver value: t in Unix nanoseconds, nil for the zero time.
func nanosValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixNano()
}

// nullValue is n as a driver value.
func nullValue(n sql.NullInt64) any {
	if !n.Valid {
		return nil
	}
	return n.Int64
}

// flush writes what is held: reports, then blockers, then the evidence, so that
// every row's references are there before it.
func (b *bulkWrites) flush(ctx context.Context) error {
	if b.err != nil {
		return b.err
	}
	if len(b.reports) == 0 && len(b.order) == 0 && len(b.effects) == 0 {
		return nil
	}
	err := insertRows(ctx, b.q, reportInsert, reportColumns, b.reports)
	if err == nil {
		var rows []any
		for _, id := range b.order {
			h := b.blockers[id]
			r := h.row
			if !h.new {
				if _, err = b.q.ExecContext(ctx, `UPDATE blockers SET last_seen_at = ?, seen_seq = ?, resolved_at = ?,
					resolution = ?, resolved_by = ? WHERE id = ?`, nanosValue(r.LastSeenAt), r.seenSeq,
					nanosValue(r.ResolvedAt), string(r.Resolution), nullValue(r.resolvedBy), r.ID); err != nil {
					break
				}
				continue
			}
			rows = append(rows, r.ID, r.PersonID, string(r.Target.Kind), r.Target.Name, string(r.Target.Role), r.To,
				r.Topic, nanosValue(r.OpenedAt), nanosValue(r.LastSeenAt), nanosValue(r.ResolvedAt),
				string(r.Resolution), nullValue(r.resolvedBy), r.ReportID, r.seenSeq)
		}
		if err == nil {
			err = insertRows(ctx, b.q, blockerInsert, blockerColumns, rows)
		}
	}
	if err == nil {
		err = insertRows(ctx, b.q, effectInsert, effectColumns, b.effects)
	}
	if err != nil {
		b.err = fmt.Errorf("write the import's held rows: %w", err)
		return b.err
	}
	clear(b.reports)
	clear(b.effects)
	b.reports, b.effects, b.order = b.reports[:0], b.effects[:0], b.order[:0]
	clear(b.blockers)
	return nil
}

// insertRows writes rows (columns values each) with insert, an INSERT of one
// row, one statement a row. (INSERTs of many rows each cost SQLite more per row
// than they save database/sql: measured slower at 8, 16 and 64 rows.)
func insertRows(ctx context.Context, q querier, insert string, columns int, rows []any) error {
	for ; len(rows) > 0; rows = rows[columns:] {
		if _, err := q.ExecContext(ctx, insert, rows[:columns]...); err != nil {
			return err
		}
	}
	return nil
}

// bulkQuerier is a transaction under Bulk: it writes what Bulk holds before
// every statement that could read or change it.
type bulkQuerier struct {
	b *bulkWrites
	q querier
}

// before writes what is held unless query is a SELECT that names neither
// reports nor blockers (nor their foreign keys: report_id), and forgets the next
// IDs before any statement that may insert or delete rows.
func (q bulkQuerier) before(ctx context.Context, query string) error {
	read := isSelect(query)
	if read && !strings.Contains(query, "report") && !strings.Contains(query, "blocker") {
		return nil
	}
	if !read {
		q.b.nextReport, q.b.nextBlocker = 0, 0
	}
	return q.b.flush(ctx)
}

// isSelect reports whether query is a SELECT: a read. (Any other statement,
// a WITH … SELECT included, writes what is held first.)
func isSelect(query string) bool {
	query = strings.TrimLeft(query, " \t\r\n")
	if len(query) < 6 {
		return false
	}
	word := strings.ToUpper(query[:6])
	return word == "SELECT"
}

func (q bulkQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := q.before(ctx, query); err != nil {
		return nil, err
	}
	return q.q.ExecContext(ctx, query, args...)
}

func (q bulkQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := q.before(ctx, query); err != nil {
		return nil, err
	}
	return q.q.QueryContext(ctx, query, args...)
}

// QueryRowContext cannot return the error of a failed write: it is kept in the
// bulkWrites, and the transaction then fails to commit (Tx.commitBulk).
func (q bulkQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	_ = q.before(ctx, query)
	return q.q.QueryRowContext(ctx, query, args...)
}

// commitBulk writes what Bulk holds, before tx commits.
func (tx *Tx) commitBulk(ctx context.Context) error {
	if tx.bulk == nil {
		return nil
	}
	return tx.bulk.flush(ctx)
}
