package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
)

// blockerSelect reads blockers with the roles of their person and target person
// from the people table as it is now.
const blockerSelect = `
	SELECT b.id, b.person_id, COALESCE(p.role, ''), b.target_kind, b.target_name, b.target_role, b.to_node,
		t.role, b.topic, b.opened_at, b.last_seen_at, b.resolved_at, b.resolution, b.report_id, b.seen_seq,
		b.resolved_by
	FROM blockers b
	LEFT JOIN people p ON p.id = b.person_id
	LEFT JOIN people t ON t.id = b.to_node`

// blockerRow is a blocker as stored, with what the lifecycle needs beyond unblock.Blocker.
type blockerRow struct {
	unblock.Blocker
	seenSeq    int64         // seq of the person's report that last mentioned it
	resolvedBy sql.NullInt64 // the report that resolved or expired it
	// personNum and targetNum are its numbers (numbers.go), for a row the bulk
	// path writes: set when the lifecycle opens it, else 0.
	personNum, targetNum int64
}

func scanBlockers(rows *sql.Rows) ([]blockerRow, error) {
	defer rows.Close()
	var out []blockerRow
	for rows.Next() {
		var b blockerRow
		var toPersonRole sql.NullString
		var opened, seen, resolved sql.NullInt64
		if err := rows.Scan(&b.ID, &b.PersonID, &b.PersonRole, &b.Target.Kind, &b.Target.Name, &b.Target.Role,
			&b.To, &toPersonRole, &b.Topic, &opened, &seen, &resolved, &b.Resolution, &b.ReportID, &b.seenSeq,
			&b.resolvedBy); err != nil {
			return nil, fmt.Errorf("scan blocker: %w", err)
		}
		b.OpenedAt, b.LastSeenAt, b.ResolvedAt = timeOf(opened), timeOf(seen), timeOf(resolved)
		b.ToRole = toRole(b.Blocker, toPersonRole)
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query blockers: %w", err)
	}
	return out, nil
}

// toRole returns the role of b's target: the target person's role when To is a
// known person, else the role of the target's canonical form (never a role
// made from a raw word: a role word that names no known role has none).
func toRole(b unblock.Blocker, personRole sql.NullString) unblock.Role {
	switch {
	case b.ToPerson() && personRole.Valid:
		return unblock.Role(personRole.String)
	case b.Target.Role != unblock.RoleUnknown || b.Target.Kind != unblock.TargetRole && b.Target.Kind != unblock.TargetTeam:
		return b.Target.Role
	}
	return unblock.Canonical(b.Target).Role
}

func (tx *Tx) blockers(ctx context.Context, where string, args ...any) ([]unblock.Blocker, error) {
	rows, err := tx.q.QueryContext(ctx, blockerSelect+" "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query blockers: %w", err)
	}
	list, err := scanBlockers(rows)
	if err != nil {
		return nil, err
	}
	out := make([]unblock.Blocker, len(list))
	for i, b := range list {
		out[i] = b.Blocker
	}
	return out, nil
}

// person is a row of people as blockersNumbered reads it: their role, whether the
// table has them, and their number (the order the table was read in, then IDs
// the table lacks in the order the blockers name them).
type person struct {
	role  unblock.Role
	known bool
	user  int32
}

// peopleByID are the people blockersNumbered looks up by ID, numbered in the
// order they were added. A short ID is a key of its own bytes: a map of strings
// reaches each key it compares through a pointer, and that look-up, once a row,
// was a fifth of the digest's read.
type peopleByID struct {
	short map[userKey]int32 // IDs shorter than a userKey
	long  map[string]int32
	list  []person
}

// userKey is a short ID's bytes, its length in the last byte.
type userKey [16]byte

func keyOf(id string) (userKey, bool) {
	var k userKey
	if len(id) >= len(k) {
		return k, false
	}
	copy(k[:], id)
	k[len(k)-1] = byte(len(id))
	return k, true
}

// get returns the person with ID id, and whether there is one.
func (p *peopleByID) get(id string) (person, bool) {
	i, ok := int32(0), false
	if k, short := keyOf(id); short {
		i, ok = p.short[k]
	} else {
		i, ok = p.long[id]
	}
	if !ok {
		return person{}, false
	}
	return p.list[i], true
}

// size makes room for n people: grown one by one, the maps of 20,000 people were
// copied and hashed again at every doubling.
func (p *peopleByID) size(n int) {
	p.short, p.long, p.list = make(map[userKey]int32, n), map[string]int32{}, make([]person, 0, n)
}

// add adds x with ID id, numbered next, and returns it; id must be new.
func (p *peopleByID) add(id string, x person) person {
	if p.short == nil {
		p.short, p.long = map[userKey]int32{}, map[string]int32{}
	}
	x.user = int32(len(p.list))
	if k, short := keyOf(id); short {
		p.short[k] = x.user
	} else {
		p.long[id] = x.user
	}
	p.list = append(p.list, x)
	return x
}

// blockersNumbered reads blockers as blockers does, for reads of many rows: the
// roles of their people come from one read of the people table rather than two
// joins a row, and the rows are scanned straight into a result allocated once for
// about n blockers (where must be a condition only): growing a list of a hundred
// thousand blockers by doubling cost a sixth of the read. It numbers the user IDs
// the blockers name when numbered is set (see unblock.UserNumbers): the numbers
// come from the look-ups of each person's role it makes anyway.
func (tx *Tx) blockersNumbered(ctx context.Context, numbered bool, n int, where string, args ...any) ([]unblock.Blocker, unblock.UserNumbers, error) {
	var nums unblock.UserNumbers
	var people peopleByID
	prow, err := tx.q.QueryContext(ctx, `SELECT id, role FROM people`)
	if err != nil {
		return nil, nums, fmt.Errorf("query people: %w", err)
	}
	for prow.Next() {
		var id string
		var role unblock.Role
		if err := prow.Scan(&id, &role); err != nil {
			prow.Close()
			return nil, nums, fmt.Errorf("scan people: %w", err)
		}
		people.add(id, person{role: role, known: true})
	}
	if err := prow.Close(); err != nil {
		return nil, nums, fmt.Errorf("query people: %w", err)
	}
	// user returns the number of a user ID, numbering one the table lacks.
	user := func(id string, p person, ok bool) int32 {
		if id == "" || strings.Contains(id, ":") {
			return -1
		}
		if !ok {
			return people.add(id, person{}).user
		}
		return p.user
	}
	out := make([]unblock.Blocker, 0, n+16) // a little room for rows written since the count
	if numbered {
		nums.Person, nums.To = make([]int32, 0, n+16), make([]int32, 0, n+16)
	}
	// A person's blockers are mostly consecutive.
	lastPerson, lastRole, lastUser, seenOne := "", unblock.RoleUnknown, int32(-1), false
	add := func(r *spanRow) {
		if !seenOne || r.personID != lastPerson {
			p, ok := people.get(r.personID)
			lastPerson, lastRole, seenOne = r.personID, p.role, true
			if numbered {
				lastUser = user(r.personID, p, ok)
			}
		}
		b := unblock.Blocker{
			ID: r.id, PersonID: r.personID, PersonRole: lastRole,
			Target: unblock.Target{Kind: r.kind, Name: r.name, Role: r.role},
			To:     r.to, Topic: r.topic,
			OpenedAt: timeOf(sql.NullInt64{Int64: r.opened, Valid: true}), LastSeenAt: timeOf(sql.NullInt64{Int64: r.seen, Valid: true}),
			ResolvedAt: timeOf(r.resolved), Resolution: r.resolution, ReportID: r.reportID,
		}
		toPerson, ok := people.get(r.to)
		b.ToRole = toRole(b, sql.NullString{String: string(toPerson.role), Valid: toPerson.known})
		out = append(out, b)
		if numbered {
			nums.Person = append(nums.Person, lastUser)
			nums.To = append(nums.To, user(r.to, toPerson, ok))
		}
	}
	if err := tx.spanRows(ctx, where, args, add); err != nil {
		return nil, nums, err
	}
	nums.Users = len(people.list)
	return out, nums, nil
}

// Blocker returns the blocker with the given ID, or an ENOTFOUND error.
func (db *DB) Blocker(ctx context.Context, id int64) (unblock.Blocker, error) {
	return db.reader(ctx).Blocker(ctx, id)
}

// Blocker is DB.Blocker inside tx.
func (tx *Tx) Blocker(ctx context.Context, id int64) (unblock.Blocker, error) {
	list, err := tx.blockers(ctx, `WHERE b.id = ?`, id)
	if err != nil {
		return unblock.Blocker{}, err
	} else if len(list) == 0 {
		return unblock.Blocker{}, unblock.Errorf(unblock.ENOTFOUND, "no blocker %d", id)
	}
	return list[0], nil
}

// ResolveBlocker resolves an open blocker outside any report (a button, a command)
// and returns it. A blocker already resolved is returned unchanged, so a double
// click is harmless. ENOTFOUND if there is no such blocker.
func (db *DB) ResolveBlocker(ctx context.Context, id int64, how unblock.Resolution, at time.Time) (b unblock.Blocker, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		b, err = tx.ResolveBlocker(ctx, id, how, at)
		return err
	})
	return b, err
}

// ResolveBlocker is DB.ResolveBlocker inside tx.
func (tx *Tx) ResolveBlocker(ctx context.Context, id int64, how unblock.Resolution, at time.Time) (unblock.Blocker, error) {
	if how == "" {
		return unblock.Blocker{}, unblock.Errorf(unblock.EINVALID, "resolve blocker %d: no resolution given", id)
	} else if at.IsZero() {
		return unblock.Blocker{}, unblock.Errorf(unblock.EINVALID, "resolve blocker %d: no time given", id)
	}
	tx.cache.forgetOpen("") // whoever's blocker it is, and whatever the time
	if _, err := tx.q.ExecContext(ctx, `UPDATE blockers SET resolved_at = ?, resolution = ?, resolved_by = NULL
		WHERE id = ? AND resolved_at IS NULL`, nanos(at), string(how), id); err != nil {
		return unblock.Blocker{}, fmt.Errorf("resolve blocker %d: %w", id, err)
	}
	return tx.Blocker(ctx, id)
}

// OpenBlockers returns the blockers open at `at` (opened by then and not resolved
// or expired by then), with PersonRole, To and ToRole filled from the people table
// as it is now. Ordered by ID.
//
// Expiry by silence holds for any `at`: a blocker whose person sent no report
// for the silence period (SetExpireSilence) before `at` expired at their last
// report plus that period, even when they never report again, and is not open.
func (db *DB) OpenBlockers(ctx context.Context, at time.Time) ([]unblock.Blocker, error) {
	return db.reader(ctx).OpenBlockers(ctx, at)
}

// OpenBlockers is DB.OpenBlockers inside tx.
func (tx *Tx) OpenBlockers(ctx context.Context, at time.Time) ([]unblock.Blocker, error) {
	t := at.UnixNano()
	list, err := tx.blockers(ctx, `WHERE b.opened_at <= ? AND (b.resolved_at IS NULL OR b.resolved_at > ?) ORDER BY b.id`, t, t)
	if err != nil {
		return nil, err
	}
	return tx.openOnly(ctx, list, at)
}

// BlockersIn returns the blockers opened, resolved or expired in [from, to), filled
// like OpenBlockers (expiry by silence included) and ordered by ID.
func (db *DB) BlockersIn(ctx context.Context, from, to time.Time) ([]unblock.Blocker, error) {
	return db.reader(ctx).BlockersIn(ctx, from, to)
}

// BlockersIn is DB.BlockersIn inside tx.
func (tx *Tx) BlockersIn(ctx context.Context, from, to time.Time) ([]unblock.Blocker, error) {
	f, t := from.UnixNano(), to.UnixNano()
	// The third set: open all through the period as stored, so possibly expired
	// by silence within it.
	list, err := tx.blockers(ctx, `WHERE b.id IN (
			SELECT id FROM blockers WHERE opened_at >= ?1 AND opened_at < ?2
			UNION SELECT id FROM blockers WHERE resolved_at >= ?1 AND resolved_at < ?2
			UNION SELECT id FROM blockers WHERE opened_at < ?1 AND (resolved_at IS NULL OR resolved_at >= ?2))
		ORDER BY b.id`, f, t)
	if err != nil {
		return nil, err
	}
	if err := tx.silence(ctx, list, to.Add(-time.Nanosecond)); err != nil {
		return nil, err
	}
	out := list[:0]
	for _, b := range list {
		in := func(x time.Time) bool { return !x.IsZero() && !x.Before(from) && x.Before(to) }
		if in(b.OpenedAt) || in(b.ResolvedAt) {
			out = append(out, b)
		}
	}
	return out, nil
}

// BlockersSpan returns, in one read, the blockers a report on [from, to] needs:
// every blocker opened by `to` and not closed (as stored) before `from`, with
// expiry by silence applied as of `to` and ordered by ID. Of them, those open at
// any time T in [from, to] are the ones with OpenAt(T), the same as OpenBlockers(T)
// gives; and those opened, resolved or expired in a period [f, t) within [from,
// to) are the ones whose OpenedAt or ResolvedAt falls in it, the same as
// BlockersIn(f, t) gives. (An expiry by silence after T that the read as of `to`
// shows is after T, so it does not close the blocker at T; one at or before T is
// the same read as of T or as of `to`: the person's later reports store it.) The
// digest reads its snapshots and both periods' numbers this way, in one scan
// instead of four.
func (db *DB) BlockersSpan(ctx context.Context, from, to time.Time) ([]unblock.Blocker, error) {
	return db.reader(ctx).BlockersSpan(ctx, from, to)
}

// BlockersSpan is DB.BlockersSpan inside tx.
func (tx *Tx) BlockersSpan(ctx context.Context, from, to time.Time) ([]unblock.Blocker, error) {
	list, _, err := tx.blockersSpan(ctx, false, from, to)
	return list, err
}

// BlockersSpanNumbered is BlockersSpan, with the user IDs of the blockers numbered
// (the people table's, then any it lacks): the digest's analysis finds people by
// these numbers.
func (db *DB) BlockersSpanNumbered(ctx context.Context, from, to time.Time) ([]unblock.Blocker, unblock.UserNumbers, error) {
	return db.reader(ctx).BlockersSpanNumbered(ctx, from, to)
}

// BlockersSpanNumbered is DB.BlockersSpanNumbered inside tx.
func (tx *Tx) BlockersSpanNumbered(ctx context.Context, from, to time.Time) ([]unblock.Blocker, unblock.UserNumbers, error) {
	return tx.blockersSpan(ctx, true, from, to)
}

// spanWhere is the condition of the span [from, to]'s blockers: opened by `to` and
// not closed (as stored) before `from`.
func spanWhere(from, to time.Time) (string, []any) {
	return `WHERE opened_at <= ? AND (resolved_at IS NULL OR resolved_at >= ?)`, []any{to.UnixNano(), from.UnixNano()}
}

// spanSize returns about how many blockers the span [from, to] holds, to allocate
// its list once, from two counts that read only an index each: those opened by
// `to`, less those closed before `from` (which opened before they closed).
// Counting the span's own condition read each row from the table, as long as a
// quarter of reading them.
func (tx *Tx) spanSize(ctx context.Context, from, to time.Time) (int, error) {
	var n int
	if err := tx.q.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM blockers WHERE opened_at <= ?1) -
		(SELECT COUNT(*) FROM blockers WHERE resolved_at < ?2)`, to.UnixNano(), from.UnixNano()).Scan(&n); err != nil {
		return 0, fmt.Errorf("count blockers: %w", err)
	}
	return max(n, 0), nil
}

func (tx *Tx) blockersSpan(ctx context.Context, numbered bool, from, to time.Time) ([]unblock.Blocker, unblock.UserNumbers, error) {
	n, err := tx.spanSize(ctx, from, to)
	if err != nil {
		return nil, unblock.UserNumbers{}, err
	}
	where, args := spanWhere(from, to)
	list, nums, ok, err := tx.blockersByNumber(ctx, numbered, n, where, args...)
	if err == nil && !ok {
		// A row no writer numbered: read the words of every row.
		list, nums, err = tx.blockersNumbered(ctx, numbered, n, where, args...)
	}
	if err != nil {
		return nil, nums, err
	}
	if err := tx.silence(ctx, list, to); err != nil {
		return nil, nums, err
	}
	return list, nums, nil
}

// BlockersSpanTable is BlockersSpan as a table (see unblock.BlockerTable): the
// same blockers, read on their numbers (migration 0010), or on their words when a
// row of the span is not numbered. The digest reads a hundred thousand blockers
// this way.
func (db *DB) BlockersSpanTable(ctx context.Context, from, to time.Time) (unblock.BlockerTable, error) {
	return db.reader(ctx).BlockersSpanTable(ctx, from, to)
}

// BlockersSpanTable is DB.BlockersSpanTable inside tx.
func (tx *Tx) BlockersSpanTable(ctx context.Context, from, to time.Time) (unblock.BlockerTable, error) {
	t, _, err := tx.blockersSpanTable(ctx, false, from, to)
	return t, err
}

// BlockersSpanNamed is BlockersSpanTable and PeopleNamed in one, the people table
// read once for both (the table's roles and the people's names), as a digest
// reads them: PeopleNamed's people by ID (nil when there are none).
func (db *DB) BlockersSpanNamed(ctx context.Context, from, to time.Time) (unblock.BlockerTable, map[string]unblock.Person, error) {
	return db.reader(ctx).BlockersSpanNamed(ctx, from, to)
}

// BlockersSpanNamed is DB.BlockersSpanNamed inside tx.
func (tx *Tx) BlockersSpanNamed(ctx context.Context, from, to time.Time) (unblock.BlockerTable, map[string]unblock.Person, error) {
	return tx.blockersSpanTable(ctx, true, from, to)
}

// blockersSpanTable is BlockersSpanTable, and PeopleNamed's people by ID when
// named is set.
func (tx *Tx) blockersSpanTable(ctx context.Context, named bool, from, to time.Time) (unblock.BlockerTable, map[string]unblock.Person, error) {
	n, err := tx.spanSize(ctx, from, to)
	if err != nil {
		return unblock.BlockerTable{}, nil, err
	}
	where, args := spanWhere(from, to)
	t, people, _, ok, err := tx.tableByNumber(ctx, n, false, named, where, args...)
	if err != nil {
		return unblock.BlockerTable{}, nil, err
	}
	if !ok {
		// A row no writer numbered: read the words of every row.
		list, _, err := tx.blockersNumbered(ctx, false, n, where, args...)
		if err != nil {
			return unblock.BlockerTable{}, nil, err
		}
		t = unblock.TableOf(list)
		if named {
			list, err := tx.PeopleNamed(ctx)
			if err != nil {
				return unblock.BlockerTable{}, nil, err
			}
			people = make(map[string]unblock.Person, len(list))
			for _, p := range list {
				people[p.ID] = p
			}
		}
	}
	if err := tx.silenceTable(ctx, &t, to); err != nil {
		return unblock.BlockerTable{}, nil, err
	}
	if len(people) == 0 {
		people = nil // as PeopleNamed gives none
	}
	return t, people, nil
}

// BlockersOf returns the blockers of one person open at `at`, filled like
// OpenBlockers (expiry by silence included) and ordered by ID.
func (db *DB) BlockersOf(ctx context.Context, personID string, at time.Time) ([]unblock.Blocker, error) {
	return db.reader(ctx).BlockersOf(ctx, personID, at)
}

// BlockersOf is DB.BlockersOf inside tx.
func (tx *Tx) BlockersOf(ctx context.Context, personID string, at time.Time) ([]unblock.Blocker, error) {
	t := at.UnixNano()
	list, err := tx.blockers(ctx, `WHERE b.person_id = ? AND b.opened_at <= ? AND (b.resolved_at IS NULL OR b.resolved_at > ?)
		ORDER BY b.id`, personID, t, t)
	if err != nil {
		return nil, err
	}
	return tx.openOnly(ctx, list, at)
}

// openOnly returns the blockers of list still open at `at` after expiry by silence.
func (tx *Tx) openOnly(ctx context.Context, list []unblock.Blocker, at time.Time) ([]unblock.Blocker, error) {
	if err := tx.silence(ctx, list, at); err != nil {
		return nil, err
	}
	out := list[:0]
	for _, b := range list {
		if b.ResolvedAt.IsZero() || b.ResolvedAt.After(at) {
			out = append(out, b)
		}
	}
	return out, nil
}

// Silence applies expiry by silence to blockers read as of asOf: a blocker still
// open (as stored) when its person had sent no report for the silence period
// expired at their last report before then plus the period (a day more for each
// day they skipped with "Skip today", see silenceEnd), when that is at or
// before asOf. The lifecycle stores such an expiry when the person reports again
// (lifecycle.apply); this shows it at any time, including when they never do.
// Other blockers are left as they are.
func (tx *Tx) Silence(ctx context.Context, list []unblock.Blocker, asOf time.Time) error {
	return tx.silence(ctx, list, asOf)
}

func (tx *Tx) silence(ctx context.Context, list []unblock.Blocker, asOf time.Time) error {
	period := time.Duration(tx.db.expireSilence.Load())
	if period <= 0 {
		return nil
	}
	type key struct {
		person string
		at     int64
	}
	heard := tx.heard(period, asOf)
	last := map[key]int64{}
	var cands []candidate // blockers whose person fell silent, unless skipped days say otherwise
	if err := tx.lastReportsAt(ctx, list, asOf, func(b *unblock.Blocker) bool { return heard(b, asOf) },
		func(person string, at int64) { last[key{person, asOf.UnixNano()}] = at }); err != nil {
		return err
	}
	for i := range list {
		b := &list[i]
		until := silenceUntil(b, asOf)
		if b.OpenedAt.After(until) || heard(b, until) {
			continue
		}
		k := key{b.PersonID, until.UnixNano()}
		l, ok := last[k]
		if !ok {
			var at sql.NullInt64
			if err := tx.q.QueryRowContext(ctx, `SELECT MAX(at) FROM reports
				WHERE person_id = ? AND meaningful = 1 AND deleted = 0 AND at <= ?`, k.person, k.at).Scan(&at); err != nil {
				return fmt.Errorf("last report of %s: %w", k.person, err)
			}
			l = at.Int64
			last[k] = l
		}
		if l == 0 {
			continue // opened by no report the store holds: nothing to measure from
		}
		s := time.Unix(0, l).Add(period).UTC()
		if s.After(asOf) || !b.ResolvedAt.IsZero() && !s.Before(b.ResolvedAt) {
			continue
		}
		cands = append(cands, candidate{i, l})
	}
	if len(cands) == 0 {
		return nil
	}
	// Fallen silent, unless days skipped on purpose carry the silence further.
	skips, err := tx.skipsOf(ctx, cands, list)
	if err != nil {
		return err
	}
	for _, c := range cands {
		b := &list[c.i]
		s := time.Unix(0, silenceEnd(c.last, period, skips[b.PersonID])).UTC()
		if s.After(asOf) || !b.ResolvedAt.IsZero() && !s.Before(b.ResolvedAt) {
			continue
		}
		b.ResolvedAt, b.Resolution = s, unblock.ResolvedByExpiry
	}
	return nil
}

// heard returns whether a blocker read as of asOf was heard of within the silence
// period before until: the report that last mentioned it is its person's, at
// LastSeenAt, and their last report by any later time is no earlier, so it cannot
// have expired by silence before LastSeenAt plus the period (skipped days only
// carry it further). Most open blockers are mentioned often: they need no look-up.
func (tx *Tx) heard(period time.Duration, asOf time.Time) func(b *unblock.Blocker, until time.Time) bool {
	every := tx.db.everySilence.Load()
	return func(b *unblock.Blocker, until time.Time) bool {
		if every || b.LastSeenAt.IsZero() || b.LastSeenAt.After(until) {
			return false
		}
		s := b.LastSeenAt.Add(period)
		return s.After(asOf) || !b.ResolvedAt.IsZero() && !s.Before(b.ResolvedAt)
	}
}

// silenceUntil is the time up to which silence could have closed b, read as of
// asOf: asOf, or b's closing when that is earlier.
func silenceUntil(b *unblock.Blocker, asOf time.Time) time.Time {
	if !b.ResolvedAt.IsZero() && b.ResolvedAt.Before(asOf) {
		return b.ResolvedAt
	}
	return asOf
}

// silenceTable is silence for the rows of a table: the rows silence could close
// (those neither opened after the time it looks at nor heard of within the
// period, see heard) are made blockers and given to silence, and what it finds
// written back. The rest, mostly all, are left as they are without being made
// blockers.
func (tx *Tx) silenceTable(ctx context.Context, t *unblock.BlockerTable, asOf time.Time) error {
	period := time.Duration(tx.db.expireSilence.Load())
	if period <= 0 {
		return nil
	}
	every, as := tx.db.everySilence.Load(), asOf.UnixNano()
	var rows []int
	var list []unblock.Blocker
	for i := range t.Rows {
		if !couldSilence(&t.Rows[i], as, int64(period), every) {
			continue
		}
		rows, list = append(rows, i), append(list, t.Blocker(i))
	}
	if len(list) == 0 {
		return nil
	}
	if err := tx.silence(ctx, list, asOf); err != nil {
		return err
	}
	for j, i := range rows {
		if b := &list[j]; !b.ResolvedAt.IsZero() {
			t.Resolve(i, b.ResolvedAt.UnixNano(), b.Resolution)
		}
	}
	return nil
}

// couldSilence reports whether silence could have closed row r read as of asOf
// (Unix nanoseconds, as r's times): whether it was opened by the time silence
// looks at (silenceUntil) and not heard of within the period before it (heard,
// with every as heard reads it). It is the two on the row's nanoseconds: made
// into times for each of a hundred thousand rows, they cost a digest a few
// milliseconds.
func couldSilence(r *unblock.BlockerRow, asOf, period int64, every bool) bool {
	until := asOf
	if r.ResolvedAt != 0 && r.ResolvedAt < asOf {
		until = r.ResolvedAt
	}
	if r.OpenedAt > until {
		return false
	}
	if every || r.LastSeenAt == 0 || r.LastSeenAt > until {
		return true
	}
	s := r.LastSeenAt + period
	return !(s > asOf || r.ResolvedAt != 0 && s >= r.ResolvedAt)
}

// nanoTime is the UTC time of Unix nanoseconds n, the zero time for 0 (a NULL),
// as unblock.BlockerTable gives a row's times.
func nanoTime(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// candidate is a blocker of a silence check (list[i]) whose person's last report
// (at last, Unix nanoseconds) is the silence period or more before the time read.
type candidate struct {
	i    int
	last int64
}

// skipsOf returns the days each candidate's person skipped with "Skip today"
// after their last report (see skipDays): one query a person, or one for all
// when there are bulkLastReports people or more.
func (tx *Tx) skipsOf(ctx context.Context, cands []candidate, list []unblock.Blocker) (map[string][]string, error) {
	since := map[string]int64{}
	for _, c := range cands {
		p := list[c.i].PersonID
		if s, ok := since[p]; !ok || c.last < s {
			since[p] = c.last
		}
	}
	out := make(map[string][]string, len(since))
	if len(since) < bulkLastReports {
		for p, l := range since {
			days, err := tx.skipDays(ctx, p, l)
			if err != nil {
				return nil, err
			}
			out[p] = days
		}
		return out, nil
	}
	earliest := int64(math.MaxInt64)
	for _, l := range since {
		earliest = min(earliest, l)
	}
	rows, err := tx.q.QueryContext(ctx, `SELECT DISTINCT person_id, day FROM sessions
		WHERE skipped = ? AND day > ? ORDER BY person_id, day`,
		unblock.SkipAsked, time.Unix(0, earliest).UTC().Format(time.DateOnly))
	if err != nil {
		return nil, fmt.Errorf("skipped days: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p, d string
		if err := rows.Scan(&p, &d); err != nil {
			return nil, fmt.Errorf("skipped days: %w", err)
		}
		if l, ok := since[p]; ok && d > time.Unix(0, l).UTC().Format(time.DateOnly) {
			out[p] = append(out[p], d)
		}
	}
	return out, rows.Err()
}

// bulkLastReports is how many people's blockers open at asOf make silence read
// their last reports in one query rather than one query each.
const bulkLastReports = 16

// lastReportsAt calls set with the time of the last applied report at or before
// asOf of each person with a blocker open at asOf in list that heard does not
// rule out (0 when they have none), in one query, when there are enough of them
// to be worth it.
func (tx *Tx) lastReportsAt(ctx context.Context, list []unblock.Blocker, asOf time.Time, heard func(*unblock.Blocker) bool,
	set func(person string, at int64)) error {
	people := map[string]bool{}
	for i := range list {
		b := &list[i]
		if !b.OpenedAt.After(asOf) && (b.ResolvedAt.IsZero() || b.ResolvedAt.After(asOf)) && !heard(b) {
			people[b.PersonID] = true
		}
	}
	if len(people) < bulkLastReports {
		return nil
	}
	t := asOf.UnixNano()
	rows, err := tx.q.QueryContext(ctx, `SELECT person_id, MAX(at) FROM reports
		WHERE meaningful = 1 AND deleted = 0 AND at <= ?1 AND person_id IN (
			SELECT person_id FROM blockers WHERE opened_at <= ?1 AND (resolved_at IS NULL OR resolved_at > ?1))
		GROUP BY person_id`, t)
	if err != nil {
		return fmt.Errorf("last reports: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var person string
		var at int64
		if err := rows.Scan(&person, &at); err != nil {
			return fmt.Errorf("last reports: %w", err)
		}
		if people[person] {
			set(person, at)
			delete(people, person)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("last reports: %w", err)
	}
	for person := range people {
		set(person, 0) // no report at or before asOf
	}
	return nil
}
