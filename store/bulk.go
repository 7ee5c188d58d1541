package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
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
	if tx.bulk != nil || tx.cache == nil || tx.conn == nil || tx.db.d.name() != "sqlite" {
		return
	}
	tx.bulk = &bulkWrites{q: tx.q, conn: tx.conn, held: newBulkBatch()}
	tx.q = bulkQuerier{b: tx.bulk, q: tx.q}
}

// bulkWrites is what Bulk holds until it is written.
type bulkWrites struct {
	q    querier   // the transaction itself
	conn *sql.Conn // the transaction's connection, where held rows are written
	err  error     // the first failed write: the transaction must not commit

	// The next IDs to give, 0 when they must be read again (after a statement
	// that may have inserted or deleted rows).
	nextReport, nextBlocker int64

	held *bulkBatch // what the lifecycle holds now
	// While one batch is written on a goroutine of its own (start), the
	// lifecycle goes on filling the next: writing overlaps the lifecycle's work
	// on a machine with a core to spare. At most one batch is written at a time,
	// in the order they were held.
	writing  chan error // the write in flight; nil when none
	inFlight *bulkBatch // the batch being written
	spare    *bulkBatch // a written batch, emptied, to hold the next in
	started  int        // batches started by addReport

	// fresh is whether the database held no reports and no blockers when the
	// transaction first asked (isFresh), before anything was held, and nothing
	// but Bulk's own held rows has been written to them since. Then a person
	// with no report applied in the transaction has none at all, nor blockers,
	// and a channel the transaction's cache has not read has no reports: an
	// import into a new database reads nothing back for anyone's first report
	// (each such read would first write what is held, a batch of one report).
	fresh freshness
}

// freshness is bulkWrites.fresh: not asked yet, or the answer.
type freshness int

const (
	freshUnknown freshness = iota
	freshYes
	freshNo
)

// isFresh reports bulkWrites.fresh, asking the database the first time (false
// once anything is held or written: then it is too late to tell).
func (b *bulkWrites) isFresh(ctx context.Context) (bool, error) {
	if b.fresh == freshUnknown {
		b.fresh = freshNo
		if b.held.empty() && b.writing == nil && b.started == 0 && b.err == nil {
			var empty bool
			if err := b.q.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM reports)
				AND NOT EXISTS (SELECT 1 FROM blockers)`).Scan(&empty); err != nil {
				return false, fmt.Errorf("whether the database holds reports: %w", err)
			}
			if empty {
				b.fresh = freshYes
			}
		}
	}
	return b.fresh == freshYes, nil
}

// fresh reports whether tx is under Bulk on a database that was fresh (bulkWrites.fresh).
func (tx *Tx) fresh(ctx context.Context) (bool, error) {
	if tx.bulk == nil {
		return false, nil
	}
	return tx.bulk.isFresh(ctx)
}

// bulkBatch is the rows of one batch of held reports.
type bulkBatch struct {
	reports  []any               // report rows, reportColumns values each
	blockers []heldBlocker       // the held blockers, in the order first held
	index    map[int64]int       // blocker ID -> its place in blockers
	effects  []any               // blocker_reports rows, effectColumns values each
	args     []driver.NamedValue // one row's values, as the driver takes them
	// The held blockers' rows as write writes them: inserts and updates.
	inserts, updates []any
}

func newBulkBatch() *bulkBatch { return &bulkBatch{index: map[int64]int{}} }

func (h *bulkBatch) empty() bool {
	return len(h.reports) == 0 && len(h.blockers) == 0 && len(h.effects) == 0
}

// reset empties h for reuse, keeping its buffers.
func (h *bulkBatch) reset() {
	clear(h.reports)
	clear(h.effects)
	clear(h.blockers)
	clear(h.inserts)
	clear(h.updates)
	h.reports, h.effects, h.blockers = h.reports[:0], h.effects[:0], h.blockers[:0]
	h.inserts, h.updates = h.inserts[:0], h.updates[:0]
	clear(h.index)
}

// heldBlocker is a blocker's values as the in-order path left them.
type heldBlocker struct {
	row blockerRow
	new bool // inserted by Bulk: not in the table yet
}

const (
	reportInsert = `INSERT INTO reports (id, channel, ts, thread_ts, person_id, at, text, hash, statement, meaningful,
		source, edited, edited_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	reportColumns = 14
	blockerInsert = `INSERT INTO blockers (id, person_id, target_kind, target_name, target_role, to_node, topic,
		opened_at, last_seen_at, resolved_at, resolution, resolved_by, report_id, seen_seq, person_num, target_num)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	blockerColumns = 16
	effectInsert   = `INSERT INTO blocker_reports (report_id, blocker_id, effect, prev_last_seen_at, prev_seen_seq,
		prev_resolved_at, prev_resolution, prev_resolved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	effectColumns = 8
	blockerUpdate = `UPDATE blockers SET last_seen_at = ?, seen_seq = ?, resolved_at = ?, resolution = ?,
		resolved_by = ? WHERE id = ?`
	blockerUpdateColumns = 6
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

// bulkHold is how many reports Bulk holds at most: once that many are held, the
// lifecycle waits for the write in flight and writes them. Many, so that the
// lifecycle seldom waits for the writer, and few enough that what is held stays
// bounded on an export of any size.
var bulkHold = 16384

// bulkMin is how many reports Bulk holds at least before it writes them when
// the writer is free: few, so that writing starts soon after the lifecycle and
// the writer is never idle while there is work for it; not one at a time, since
// a blocker still open when it is written is updated when a later report sees
// or resolves it (writing every 1,024 reports cost about 7 % of an import's
// CPU when each batch waited for the one before).
const bulkMin = 1024

// addReport holds a new report's row; its values are reportInsert's columns.
// It starts writing what is held when the writer is free and at least bulkMin
// reports are held, or when bulkHold are (then once the write in flight ends).
func (b *bulkWrites) addReport(ctx context.Context, row ...any) error {
	n := len(b.held.reports) / reportColumns
	if n >= bulkHold || n >= min(bulkMin, bulkHold) && b.idle() {
		if err := b.start(ctx); err != nil {
			return err
		}
		b.started++
	}
	b.held.reports = append(b.held.reports, row...)
	return nil
}

// hold records blocker row's values as they now stand; new for one Bulk inserts.
// (A blocker held in a batch already written, or being written, is held again
// as not new: the next batch updates it, after the one that inserts it.)
func (b *bulkWrites) hold(row blockerRow, new bool) {
	h := b.held
	if i, ok := h.index[row.ID]; ok {
		h.blockers[i].row = row
		return
	}
	h.index[row.ID] = len(h.blockers)
	h.blockers = append(h.blockers, heldBlocker{row: row, new: new})
}

// addEffect holds a blocker_reports row: report did effect to b, whose values
// before it are b's.
func (b *bulkWrites) addEffect(report int64, row blockerRow, effect string) {
	b.held.effects = append(b.held.effects, report, row.ID, effect, nanosValue(row.LastSeenAt), row.seenSeq,
		nanosValue(row.ResolvedAt), string(row.Resolution), nullValue(row.resolvedBy))
}

// Held values are the driver's own types (int64, string, []byte, nil), which
// the driver takes as they are: an sql.NullInt64 or an int would cost a
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

// start starts writing what is held on a goroutine of its own, once the batch
// before it is written, and holds the next reports in another batch.
func (b *bulkWrites) start(ctx context.Context) error {
	if err := b.wait(); err != nil || b.held.empty() {
		return err
	}
	batch := b.held
	if b.held = b.spare; b.held == nil {
		b.held = newBulkBatch()
	}
	b.spare = nil
	b.inFlight, b.writing = batch, make(chan error, 1)
	go func() { b.writing <- b.write(ctx, batch) }()
	return nil
}

// wait waits for the write in flight, if any, and returns the first failed
// write's error.
func (b *bulkWrites) wait() error {
	if b.writing != nil {
		b.written(<-b.writing)
	}
	return b.err
}

// idle reports whether no write is in flight: none was started, or the one in
// flight has ended.
func (b *bulkWrites) idle() bool {
	if b.writing == nil {
		return true
	}
	select {
	case err := <-b.writing:
		b.written(err)
		return true
	default:
		return false
	}
}

// written records that the write in flight ended with err.
func (b *bulkWrites) written(err error) {
	b.writing = nil
	b.inFlight.reset()
	b.spare, b.inFlight = b.inFlight, nil
	if err != nil && b.err == nil {
		b.err = fmt.Errorf("write the import's held rows: %w", err)
	}
}

// flush writes what is held and returns once it is written (or failed).
func (b *bulkWrites) flush(ctx context.Context) error {
	if err := b.start(ctx); err != nil {
		return err
	}
	return b.wait()
}

// write writes batch: reports, then blockers, then the evidence, so that every
// row's references are there before it. It runs the driver's prepared
// statements on the transaction's connection itself, one row each: database/sql
// would check and convert every value again, a quarter of the writes' CPU, and
// INSERTs of many rows each cost SQLite more per row than they save (measured
// slower at 8, 16, 32 and 64 rows).
func (b *bulkWrites) write(ctx context.Context, batch *bulkBatch) error {
	return b.conn.Raw(func(dc any) error {
		conn, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return fmt.Errorf("the SQLite driver's connection (%T) cannot prepare statements", dc)
		}
		if err := batch.insert(ctx, conn, reportInsert, reportColumns, batch.reports); err != nil {
			return err
		}
		rows, updates := batch.inserts[:0], batch.updates[:0]
		for _, h := range batch.blockers {
			r := h.row
			if !h.new {
				updates = append(updates, nanosValue(r.LastSeenAt), r.seenSeq, nanosValue(r.ResolvedAt),
					string(r.Resolution), nullValue(r.resolvedBy), r.ID)
				continue
			}
			rows = append(rows, r.ID, r.PersonID, string(r.Target.Kind), r.Target.Name, string(r.Target.Role), r.To,
				r.Topic, nanosValue(r.OpenedAt), nanosValue(r.LastSeenAt), nanosValue(r.ResolvedAt),
				string(r.Resolution), nullValue(r.resolvedBy), r.ReportID, r.seenSeq, r.personNum, r.targetNum)
		}
		batch.inserts, batch.updates = rows, updates
		if err := batch.insert(ctx, conn, blockerUpdate, blockerUpdateColumns, updates); err != nil {
			return err
		}
		if err := batch.insert(ctx, conn, blockerInsert, blockerColumns, rows); err != nil {
			return err
		}
		return batch.insert(ctx, conn, effectInsert, effectColumns, batch.effects)
	})
}

// insert runs query, a statement of one row's columns values, for each row of rows.
func (h *bulkBatch) insert(ctx context.Context, conn driver.ConnPrepareContext, query string, columns int, rows []any) error {
	if len(rows) == 0 {
		return nil
	}
	st, err := conn.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	defer st.Close()
	exec, ok := st.(driver.StmtExecContext)
	if !ok {
		return fmt.Errorf("the SQLite driver's statement (%T) cannot execute", st)
	}
	args := h.args[:0]
	for i := range columns {
		args = append(args, driver.NamedValue{Ordinal: i + 1})
	}
	h.args = args
	for ; len(rows) > 0; rows = rows[columns:] {
		for i := range args {
			args[i].Value = rows[i]
		}
		if _, err := exec.ExecContext(ctx, args); err != nil {
			return err
		}
	}
	clear(args)
	return nil
}

// bulkQuerier is a transaction under Bulk: it writes what Bulk holds before
// every statement that could read or change it.
type bulkQuerier struct {
	b *bulkWrites
	q querier
}

// before writes what is held unless query is a SELECT that names neither
// reports nor blockers (nor their foreign keys: report_id), forgets the next
// IDs before any statement that may insert or delete rows, and that the
// database was fresh before any that may write reports or blockers.
func (q bulkQuerier) before(ctx context.Context, query string) error {
	if isNumbering(query) {
		return nil
	}
	read := isSelect(query)
	mentioned := strings.Contains(query, "report") || strings.Contains(query, "blocker")
	if read && !mentioned {
		return nil
	}
	if !read {
		q.b.nextReport, q.b.nextBlocker = 0, 0
		if mentioned {
			q.b.fresh = freshNo // rows Bulk does not hold may be written now
		}
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

// endBulk waits for Bulk's write in flight, if any: the transaction is ending
// (committed or rolled back), and nothing may use its connection after.
func (tx *Tx) endBulk() {
	if tx.bulk != nil {
		_ = tx.bulk.wait()
	}
}
