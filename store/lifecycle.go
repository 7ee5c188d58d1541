package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/unblock-dev/unblock"
)

// lifecycle applies and undoes one person's reports inside a write transaction.
//
// Every effect a report has on a blocker is evidence with the values it
// overwrote, so a report can be undone exactly, latest first. Most of it is
// stated by the blocker's own row and not logged (impliedEffects): the opening
// (report_id) and a closing at the report's time over an open blocker
// (resolved_by). The rest is logged in blocker_reports. Undoing an
// opening does not delete the blocker at once: it waits in limbo, and if a report
// applied again in the same replay opens the same blocker (same To, compatible
// topic), the row is revived with its ID (buttons and links that name it keep
// working). What stays in limbo is withdrawn: deleted, so it never counts as
// opened or resolved in the digest's statistics.
type lifecycle struct {
	tx          *Tx
	person      string
	expireAfter int64
	silence     time.Duration   // silence after which the person's open blockers expire; 0 for never
	zone        *time.Location  // whose days are the person's standup days (zoneOf)
	later       []pendingReport // the person's applied reports after the one being changed
	// prevSeq is the seq of the person's applied report before the one being
	// applied, 0 if none; newest is that report's key, once this lifecycle has
	// applied one (applied).
	prevSeq int64
	newest  reportKey
	applied bool
	// pending are the later reports a replay has undone and not yet applied
	// again (catchUp), in time order.
	pending []pendingReport
	// lastAt is the time (Unix nanoseconds) of the person's applied report before
	// the one being applied, 0 if none: silence is measured from it.
	lastAt int64
	limbo  []blockerRow
	// inLimboIDs holds the IDs of limbo's blockers.
	inLimboIDs map[int64]bool
	// inOrder is set while applying reports in time order: a new report later
	// than all the person's others (the common case of an import), or a
	// replay's reports once the later ones are undone. The person's blockers are
	// then read from and kept in the transaction's cache (txCache.open).
	inOrder bool
	// bulk is set on the in-order path under Tx.Bulk: what the report does to
	// blockers is held and written in batches (bulkWrites).
	bulk bool
}

// Effects: blocker_reports.effect, and the evidence readers return.
const (
	effectOpened   = "opened"
	effectSeen     = "seen"
	effectResolved = "resolved" // by the statement, or by "no blockers"
	effectExpired  = "expired"
	// effectSilenced: the blocker expired by its author's silence, at an
	// earlier time than the report whose coming found the silence. It is the
	// report's undo record, not its evidence: a blocker closed by silence has no
	// closing report, so evidenceQuery leaves it out.
	effectSilenced = "silenced"
)

// impliedEffects: the effects a blocker's own row states, which are not logged
// in blocker_reports (about two in three of all effects, none of them needed
// apart to undo a report: the values they overwrote are an open blocker's):
//
//   - the opening: report report_id opened the blocker at opened_at, its time;
//   - a closing by a report at its own time of a blocker open until then:
//     report resolved_by resolved it, or expired it when resolution is
//     'expired', at resolved_at, its time.
//
// A closing that overwrote other values (a blocker a button had resolved later
// than the report, revived from limbo), one by silence (at an earlier time:
// resolved_by is NULL) and a report seeing a blocker are logged. A blocker has
// at most one effect per report. A logged row for the same report and blocker
// (from a database written before this rule, migration 0009, when it could not
// be dropped) wins over the implied one. Readers take both through
// evidenceQuery; undo finds the implied ones by the report's time.
//
// impliedEffect names the implied effect: the opening, or the closing with
// resolution how.
func impliedEffect(opened bool, how unblock.Resolution) string {
	switch {
	case opened:
		return effectOpened
	case how == unblock.ResolvedByExpiry:
		return effectExpired
	default:
		return effectResolved
	}
}

// evidenceQuery is a query of evidence rows (report_id, blocker_id, effect):
// those logged in blocker_reports br where logged holds, the openings implied
// by blockers b where opened holds, and the closings implied by blockers b where
// closed holds (impliedEffects). The arguments of the three conditions'
// placeholders come in that order.
func evidenceQuery(logged, opened, closed string) string {
	return `SELECT br.report_id, br.blocker_id, br.effect FROM blocker_reports br WHERE br.effect <> '` + effectSilenced + `' AND (` + logged + `)
		UNION ALL SELECT b.report_id, b.id, '` + effectOpened + `' FROM blockers b WHERE (` + opened + `)
			AND NOT EXISTS (SELECT 1 FROM blocker_reports x WHERE x.report_id = b.report_id AND x.blocker_id = b.id)
		UNION ALL SELECT b.resolved_by, b.id,
			CASE WHEN b.resolution = '` + string(unblock.ResolvedByExpiry) + `' THEN '` + effectExpired + `' ELSE '` + effectResolved + `' END
			FROM blockers b WHERE b.resolved_by IS NOT NULL AND (` + closed + `)
			AND NOT EXISTS (SELECT 1 FROM blocker_reports x WHERE x.report_id = b.resolved_by AND x.blocker_id = b.id)`
}

// neighbours returns the person's applied reports after key in time order (by
// time, then ts and channel, so reports of the same second have one order whatever
// order they arrived in), and the seq and time of the applied report just before
// key (0, 0 if none).
func (lc *lifecycle) neighbours(ctx context.Context, key reportKey) ([]pendingReport, int64, int64, error) {
	if c := lc.tx.cache; c != nil {
		latest, ok := c.latest[lc.person]
		if ok && key.after(latest.key) {
			return nil, latest.seq, latest.key.at, nil // the newest report: nothing to replay
		}
		if fresh, err := lc.tx.fresh(ctx); err != nil {
			return nil, 0, 0, err
		} else if !ok && fresh {
			return nil, 0, 0, nil // the person's first report in a new database
		}
	}
	var prev, prevAt sql.NullInt64
	err := lc.tx.q.QueryRowContext(ctx, `SELECT seq, at FROM reports
		WHERE person_id = ?1 AND meaningful = 1 AND deleted = 0 AND at <= ?2 AND (at, ts, channel) < (?2, ?3, ?4)
		ORDER BY at DESC, ts DESC, channel DESC LIMIT 1`, lc.person, key.at, key.ts, key.channel).Scan(&prev, &prevAt)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, 0, 0, fmt.Errorf("previous report: %w", err)
	}
	rows, err := lc.tx.q.QueryContext(ctx, `SELECT id, at, ts, channel, seq, statement FROM reports
		WHERE person_id = ?1 AND meaningful = 1 AND deleted = 0 AND at >= ?2 AND (at, ts, channel) > (?2, ?3, ?4)
		ORDER BY at, ts, channel`, lc.person, key.at, key.ts, key.channel)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("later reports: %w", err)
	}
	defer rows.Close()
	var out []pendingReport
	for rows.Next() {
		var r pendingReport
		var enc string
		if err := rows.Scan(&r.id, &r.at, &r.ts, &r.channel, &r.seq, &enc); err != nil {
			return nil, 0, 0, fmt.Errorf("later reports: %w", err)
		}
		var st storedStatement
		if err := json.Unmarshal([]byte(enc), &st); err != nil {
			return nil, 0, 0, fmt.Errorf("report %d statement: %w", r.id, err)
		}
		r.st = st.statement("")
		r.apply = true
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, 0, fmt.Errorf("later reports: %w", err)
	}
	return out, prev.Int64, prevAt.Int64, nil
}

// remember records in the transaction's cache the person's newest applied
// report, as far as this lifecycle knows: the newest it applied when no later
// report is pending, else none (the cache's may be too high, never too low).
func (lc *lifecycle) remember() {
	c := lc.tx.cache
	if c == nil {
		return
	}
	if c.latest == nil {
		c.latest = make(map[string]latestReport)
	}
	if lc.applied && len(lc.pending) == 0 {
		c.latest[lc.person] = latestReport{lc.newest, lc.prevSeq}
	} else {
		delete(c.latest, lc.person) // the newest is one we have not read
	}
}

// undo reverts everything report r did to blockers: what blocker_reports logs,
// and what the blockers' own rows state (impliedEffects).
func (lc *lifecycle) undo(ctx context.Context, r pendingReport) error {
	id := r.id
	rows, err := lc.tx.q.QueryContext(ctx, `SELECT blocker_id, effect, prev_last_seen_at, prev_seen_seq,
		prev_resolved_at, prev_resolution, prev_resolved_by FROM blocker_reports WHERE report_id = ?`, id)
	if err != nil {
		return fmt.Errorf("undo report %d: %w", id, err)
	}
	type logged struct {
		blocker                  int64
		effect                   string
		lastSeen, resolvedAt, by sql.NullInt64
		seenSeq                  int64
		resolution               string
	}
	var effects []logged
	for rows.Next() {
		var e logged
		if err := rows.Scan(&e.blocker, &e.effect, &e.lastSeen, &e.seenSeq, &e.resolvedAt, &e.resolution, &e.by); err != nil {
			rows.Close()
			return fmt.Errorf("undo report %d: %w", id, err)
		}
		effects = append(effects, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("undo report %d: %w", id, err)
	}
	// The implied effects, found by the report's time (an opening and a closing
	// by r are at r's time, which the indexes on opened_at and resolved_at find).
	// Their values before are what impliedEffects requires: an open blocker's.
	nLogged := len(effects)
	rows, err = lc.tx.q.QueryContext(ctx, `SELECT id, report_id = ?1, resolution FROM blockers
		WHERE opened_at = ?2 AND report_id = ?1 OR resolved_at = ?2 AND resolved_by = ?1`, id, r.at)
	if err != nil {
		return fmt.Errorf("undo report %d: %w", id, err)
	}
	for rows.Next() {
		var e logged
		var opened bool
		if err := rows.Scan(&e.blocker, &opened, &e.resolution); err != nil {
			rows.Close()
			return fmt.Errorf("undo report %d: %w", id, err)
		}
		if slices.ContainsFunc(effects[:nLogged], func(l logged) bool { return l.blocker == e.blocker }) {
			continue // logged: a row from before impliedEffects, or not implied
		}
		e.effect, e.resolution = impliedEffect(opened, unblock.Resolution(e.resolution)), ""
		effects = append(effects, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("undo report %d: %w", id, err)
	}
	// In the order of the blockers, as when every effect was logged.
	slices.SortStableFunc(effects, func(a, b logged) int { return cmp.Compare(a.blocker, b.blocker) })

	for _, e := range effects {
		var err error
		switch e.effect {
		case effectOpened:
			var list []unblock.Blocker
			if list, err = lc.tx.blockers(ctx, `WHERE b.id = ?`, e.blocker); err == nil && len(list) == 1 {
				lc.toLimbo(blockerRow{Blocker: list[0]})
			}
		case effectSeen:
			_, err = lc.tx.q.ExecContext(ctx, `UPDATE blockers SET last_seen_at = ?, seen_seq = ? WHERE id = ?`,
				e.lastSeen, e.seenSeq, e.blocker)
		case effectResolved, effectExpired, effectSilenced:
			_, err = lc.tx.q.ExecContext(ctx, `UPDATE blockers SET resolved_at = ?, resolution = ?, resolved_by = ?
				WHERE id = ?`, e.resolvedAt, e.resolution, e.by, e.blocker)
		default:
			err = fmt.Errorf("unknown effect %q", e.effect)
		}
		if err != nil {
			return fmt.Errorf("undo report %d on blocker %d: %w", id, e.blocker, err)
		}
	}
	if _, err := lc.tx.q.ExecContext(ctx, `DELETE FROM blocker_reports WHERE report_id = ?`, id); err != nil {
		return fmt.Errorf("undo report %d: %w", id, err)
	}
	return nil
}

// apply runs the lifecycle for one report's statement at the report's time and, if
// ch is not nil, records there what it did. Blocker identity is unblock.SameWait
// and, for an outsider named short or in full, the one open blocker
// namedShortOrFull finds (docs/DESIGN.md, "Blocker identity"); this applies it:
//
//   - Silence: when the person's previous report is the silence period or more before
//     this one, their open blockers expired at (previous report + period, a day
//     later for each day they skipped with "Skip today"), before this report is read.
//   - None ("no blockers") resolves all of the person's open blockers, whatever
//     else the statement says.
//   - Blocked: each target (canonical, see waitTargets) keeps open the person's
//     open blockers that are the same wait, the ones with the best topic overlap
//     when several could be; a target with none opens one. A statement blocked on
//     no target continues the open blockers its topic overlaps best (all of them
//     when it overlaps none or has no topic); it opens one on the artifact its
//     topic names ("unspecified" without one) only when nothing is open. One
//     whose every target or whose topic names nothing ("none", "n/a") is an
//     explicit none.
//   - Resolved with targets, and not Blocked, resolves the person's open
//     blockers that are the same wait as a target, or whose topic shares a
//     distinctive word with the statement's ("got the mocks from Jo", "legal
//     signed off", "PR merged").
//   - Resolved together with Blocked, with targets marked Resolved ("got the
//     mocks from design, still waiting on legal for the DPA"), resolves the
//     open blockers those targets name, as a resolution with targets does, each
//     by its own topic; the other targets are what is waited on now, and the
//     blockers neither names are merely not mentioned.
//   - Resolved without targets, or together with Blocked and no target marked
//     Resolved ("unblocked now, next I'm waiting on QA"), resolves the person's
//     open blockers this report does not mention again; the targets are then
//     what is waited on now.
//   - Every applied report (each standup report counts, blockers or not) is a
//     miss for each of the person's open blockers it neither mentions nor
//     resolves; a blocker whose misses (the person's reports since the one that
//     last mentioned it: r.seq - seen_seq) reach expireAfter expires at the
//     report's time. A miss writes nothing.
func (lc *lifecycle) apply(ctx context.Context, r pendingReport, ch *unblock.Change) error {
	defer func() { lc.lastAt = r.at }()
	st := r.st
	open, err := lc.openAt(ctx, r.at)
	if err != nil {
		return err
	}
	if lc.silence > 0 && lc.lastAt > 0 && r.at >= lc.lastAt+lc.silence.Nanoseconds() {
		at, err := lc.tx.silenceEndOf(ctx, lc.person, lc.lastAt, lc.silence)
		if err != nil {
			return err
		}
		// Days skipped on purpose may carry the silence past r: then nothing expires.
		if r.at >= at {
			for i := range open {
				if err := lc.resolveAt(ctx, r, at, &open[i], effectSilenced, unblock.ResolvedByExpiry, ch); err != nil {
					return err
				}
			}
			open = nil
		}
	}
	mentioned := make(map[int64]bool, len(open))

	if st.Blocked && unblock.IsNoneName(st.Topic) && strings.TrimSpace(st.Topic) != "" {
		// "B: none, but next week is busy" read as a wait whose awaited thing is
		// "none": an explicit none.
		st.None = true
	}
	switch {
	case st.Continues:
		// "Blockers: same as yesterday": every open blocker goes on; none is
		// opened, since nothing says what a new one would wait on.
		for i := range open {
			mentioned[open[i].ID] = true
			if err := lc.see(ctx, r, &open[i], ch); err != nil {
				return err
			}
		}

	case st.None:
		for i := range open {
			if err := lc.resolve(ctx, r, &open[i], effectResolved, unblock.ResolvedByNone, ch); err != nil {
				return err
			}
		}
		return nil

	case st.Blocked:
		cleared, awaited := splitResolved(st.Targets)
		if st.Resolved && len(cleared) > 0 {
			// "got the mocks from design, still waiting on legal for the DPA":
			// what cleared resolves its own blockers, by each target's own
			// topic (the statement's is the wait's), and the rest are merely
			// not mentioned.
			if open, err = lc.resolveCleared(ctx, r, open, cleared, mentioned, ch); err != nil {
				return err
			}
			st.Resolved = false
		}
		whom, more := waitedOn(awaited, st.Topic)
		targets, err := lc.waitTargets(ctx, whom, st.Topic)
		if err != nil {
			return err
		}
		for i := range targets {
			targets[i].wait.Still = st.Still
		}
		if len(targets) == 0 && len(awaited) > 0 {
			// Every target named nothing ("B: none, but next week is busy"): an
			// explicit none.
			for i := range open {
				if err := lc.resolve(ctx, r, &open[i], effectResolved, unblock.ResolvedByNone, ch); err != nil {
					return err
				}
			}
			return nil
		}
		if len(targets) == 0 && len(open) > 0 {
			for _, i := range continued(open, st.Topic) {
				mentioned[open[i].ID] = true
				if err := lc.see(ctx, r, &open[i], ch); err != nil {
					return err
				}
			}
			break
		}
		if len(targets) == 0 {
			name := strings.TrimSpace(st.Topic)
			if w := unblock.TopicWords(name); len(w.Distinctive)+len(w.Generic) == 0 || unblock.IsNoneName(name) {
				name = "unspecified"
			}
			t := unblock.Canonical(unblock.Target{Kind: unblock.TargetArtifact, Name: name})
			targets = []waitTarget{{Target: t, wait: unblock.Wait{Node: t.Node(), Kind: t.Kind, Topic: st.Topic}}}
		}
		targets = splitTopic(targets)
		for _, name := range more {
			if len(targets) == 0 {
				break
			}
			t := targets[0]
			t.wait.Topic = name
			targets = append(targets, t)
		}
		done := make(map[string]bool, len(targets))
		var unmatched []waitTarget
		opened := make(map[int64]bool) // what this report opens
		for _, t := range targets {
			key := t.wait.Node + "\x00" + t.wait.Topic
			if done[key] {
				continue
			}
			done[key] = true
			same := bestMatches(open, t.wait, mentioned, r.at)
			if len(same) == 0 {
				unmatched = append(unmatched, t)
			}
			if err := lc.seeAll(ctx, r, open, same, mentioned, ch); err != nil {
				return err
			}
		}
		// What matches no open blocker opens one, unless this report opened a
		// wait on the same party already (rule 8). The targets of one party
		// open it once, on the person or outsider when one is named beside
		// their role ("creatives from design (Ines)"), with their topics
		// joined in the order told. open grows with what this report opens:
		// two names for one wait in one report ("design (Bo)") open it once.
		for k, t := range unmatched {
			same := bestMatches(open, t.wait, mentioned, r.at)
			if err := lc.seeAll(ctx, r, open, same, mentioned, ch); err != nil {
				return err
			}
			if len(same) > 0 || saidHere(open, t.wait, opened) {
				continue
			}
			opener := t
			for _, u := range unmatched[k+1:] {
				if !unblock.SameTarget(t.wait, u.wait) || len(bestMatches(open, u.wait, mentioned, r.at)) > 0 {
					continue
				}
				t.wait.Topic = unblock.JoinTopics(t.wait.Topic, u.wait.Topic)
				if !opener.Kind.Individual() && u.Kind.Individual() {
					opener = u
				}
			}
			opener.wait.Topic = t.wait.Topic
			b, err := lc.open(ctx, r, opener, ch)
			if err != nil {
				return err
			}
			mentioned[b.ID] = true
			opened[b.ID] = true
			open = append(open, b)
		}

	case st.Resolved && len(st.Targets) > 0:
		targets, err := lc.waitTargets(ctx, st.Targets, st.Topic)
		if err != nil {
			return err
		}
		for i := range open {
			b := &open[i]
			if mentioned[b.ID] || !resolvedBy(b.Wait(), targets, st.Topic) {
				continue
			}
			mentioned[b.ID] = true
			if err := lc.resolve(ctx, r, b, effectResolved, unblock.ResolvedByStatement, ch); err != nil {
				return err
			}
		}
		st.Resolved = false // the rest are merely not mentioned
	}

	for i := range open {
		b := &open[i]
		switch {
		case mentioned[b.ID]:
		case st.Resolved:
			err = lc.resolve(ctx, r, b, effectResolved, unblock.ResolvedByStatement, ch)
		case lc.expireAfter > 0 && r.seq-b.seenSeq >= lc.expireAfter:
			err = lc.resolve(ctx, r, b, effectExpired, unblock.ResolvedByExpiry, ch)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// splitResolved parts a statement's targets into what cleared (marked
// Resolved: a report both blocked and resolved) and what is still awaited.
func splitResolved(targets []unblock.Target) (cleared, awaited []unblock.Target) {
	for _, t := range targets {
		if t.Resolved {
			cleared = append(cleared, t)
		} else {
			awaited = append(awaited, t)
		}
	}
	if len(cleared) == 0 {
		return nil, targets
	}
	return cleared, awaited
}

// resolveCleared resolves the open blockers that the targets of a report that
// cleared (each with its own topic, never the statement's) name, marks them
// mentioned, and returns the blockers still open.
func (lc *lifecycle) resolveCleared(ctx context.Context, r pendingReport, open []blockerRow, cleared []unblock.Target,
	mentioned map[int64]bool, ch *unblock.Change) ([]blockerRow, error) {
	targets, err := lc.waitTargets(ctx, cleared, "")
	if err != nil {
		return nil, err
	}
	still := open[:0:0]
	for i := range open {
		b := &open[i]
		if mentioned[b.ID] || !resolvedBy(b.Wait(), targets, "") {
			still = append(still, *b)
			continue
		}
		mentioned[b.ID] = true
		if err := lc.resolve(ctx, r, b, effectResolved, unblock.ResolvedByStatement, ch); err != nil {
			return nil, err
		}
	}
	return still, nil
}

// waitTarget is a statement's target in canonical form with the wait it names.
type waitTarget struct {
	unblock.Target
	wait     unblock.Wait
	ownTopic bool // the statement gave this target a topic of its own
}

// waitTargets returns the canonical targets of a statement with their waits,
// without the artifacts that name nothing ("none", "n/a"). A role word the
// parser did not know but the config defines is that role. A target's own
// topic (Target.Topic: one report, several waits on it) is its wait's topic;
// the others take the statement's.
func (lc *lifecycle) waitTargets(ctx context.Context, targets []unblock.Target, topic string) ([]waitTarget, error) {
	out := make([]waitTarget, 0, len(targets))
	for _, t := range targets {
		if t.Kind == unblock.TargetArtifact && unblock.IsNoneName(t.Name) {
			continue
		}
		if t.Kind == unblock.TargetRole && t.Role == unblock.RoleUnknown {
			r, err := lc.tx.knownRole(ctx, unblock.Slug(t.Name))
			if err != nil {
				return nil, err
			}
			t.Role = r
		}
		if t.Kind != unblock.TargetPerson {
			t = unblock.Canonical(t)
		}
		w := unblock.Wait{Kind: t.Kind, Role: t.Role, Topic: topic}
		own := t.Topic != "" // the parser's topic for this wait ("two waits on design")
		if own {
			w.Topic, t.Topic = t.Topic, "" // the blocker holds it as its topic
		}
		if w.Topic == "" && t.Kind == unblock.TargetArtifact {
			w.Topic = t.Name // an awaited thing is its own topic
		}
		var err error
		if w.Node, err = lc.toNode(ctx, t); err != nil {
			return nil, err
		}
		if t.Kind == unblock.TargetPerson && !strings.Contains(w.Node, ":") {
			role, err := lc.tx.roleOf(ctx, w.Node)
			if err != nil {
				return nil, err
			}
			if role.Valid {
				w.Role = unblock.Role(role.String)
			}
		}
		out = append(out, waitTarget{Target: t, wait: w, ownTopic: own})
	}
	return out, nil
}

// splitTopic gives each of several targets of one statement its own topic,
// unless the parser gave it one. The statement has one topic, which belongs to
// the first target it names ("blocked
// on design for the checkout mocks and on legal"): the other waits on someone
// take no topic, so they neither split from nor merge into a wait by a topic
// that is not theirs; an artifact is its own topic unless the statement's is
// about it ("the API spec and the mocks").
func splitTopic(targets []waitTarget) []waitTarget {
	if !slices.ContainsFunc(targets, func(t waitTarget) bool { return t.wait.Node != targets[0].wait.Node }) {
		return targets
	}
	first := targets[0].wait.Node
	out := make([]waitTarget, len(targets))
	for i, t := range targets {
		switch {
		case t.ownTopic:
		case t.Kind == unblock.TargetArtifact && unblock.TopicOverlap(t.wait.Topic, t.Name) == 0:
			t.wait.Topic = t.Name
		case t.wait.Node != first:
			t.wait.Topic = ""
		}
		out[i] = t
	}
	return out
}

// bestMatches returns the indexes of the open blockers that are the same wait as
// w: of several, those whose topics overlap w's best (all of them when none
// overlaps, or when w has no topic). When none is, an outsider named short or in
// full may be one of them (namedShortOrFull), and else the one wait on the same
// person or outsider that this report has not mentioned yet (onlyWaitOn).
func bestMatches(open []blockerRow, w unblock.Wait, mentioned map[int64]bool, at int64) []int {
	if out := bestOf(open, w, unblock.SameWait); len(out) > 0 {
		return out
	}
	node := namedShortOrFull(open, w)
	if node == "" {
		return onlyWaitOn(open, w, mentioned, at)
	}
	return bestOf(open, w, func(a, b unblock.Wait) bool { return a.Node == node && unblock.TopicsAgree(a.Topic, b.Topic) })
}

// retoldAfter is how long after a wait was last told a wait in other words on
// the same person or outsider may be the same one told again (rule 6): a later
// standup's, not a second message of the same morning.
const retoldAfter = 12 * time.Hour

// onlyWaitOn returns the one open blocker on the person or outsider w names
// when there is exactly one, this report has not mentioned it and it was last
// told retoldAfter or more before at (docs/DESIGN.md, "Blocker identity", rule
// 6): "Still waiting on hardware from Trakwise" after "the test sensors from
// Trakwise haven't shipped" is the same wait told in other words. Two open
// waits on them, one this report already named, one told the same morning, or
// two topics that each name a thing of a kind people wait for ("onboarding
// flow mocks", then "pricing copy") keep topics apart as rule 2 says; roles,
// teams and things are left to rule 2.
func onlyWaitOn(open []blockerRow, w unblock.Wait, mentioned map[int64]bool, at int64) []int {
	if w.Kind == unblock.TargetArtifact {
		return nil
	}
	// A person or an outsider, or a role or a team when the report tells the
	// wait as going on ("still no word from infra on RITM0048211").
	one := w.Kind.Individual() || w.Still
	found := -1 // the one open wait on the person or outsider, or on the person's role or team
	for i := range open {
		if o := open[i].Wait(); !(one && o.Node == w.Node || personAndRole(o, w)) {
			continue
		}
		if found >= 0 || mentioned[open[i].ID] {
			return nil
		}
		found = i
	}
	if found < 0 || at-open[found].LastSeenAt.UnixNano() < retoldAfter.Nanoseconds() {
		return nil
	}
	if len(unblock.TopicWords(open[found].Topic).Generic) > 0 && len(unblock.TopicWords(w.Topic).Generic) > 0 {
		return nil // "onboarding flow mocks", then "pricing copy": two things of kinds people wait for are two
	}
	return []int{found}
}

// seeAll marks the open blockers at the indexes same seen by r, once each.
func (lc *lifecycle) seeAll(ctx context.Context, r pendingReport, open []blockerRow, same []int, mentioned map[int64]bool, ch *unblock.Change) error {
	for _, i := range same {
		if b := &open[i]; !mentioned[b.ID] {
			mentioned[b.ID] = true
			if err := lc.see(ctx, r, b, ch); err != nil {
				return err
			}
		}
	}
	return nil
}

// saidHere reports whether this report has opened one of the open blockers on
// the party w waits on (rule 1's targets: the same node, or a person and their
// role, a role and a thing it owns): one report tells one new wait on a party,
// whatever words each of its clauses gives what is awaited ("waiting on Gráinne
// for the legal read on the Mulcahy piece", "waiting on Novatek to confirm a ship
// date / blockers: stool tubes from Novatek", "Waiting on product for the pricing
// decision and the checkout spec"). A wait told before and continued here is no
// such wait: "still waiting on design for the settings mocks, and now for the
// onboarding illustrations" opens a second.
func saidHere(open []blockerRow, w unblock.Wait, opened map[int64]bool) bool {
	for i := range open {
		if opened[open[i].ID] && unblock.SameTarget(open[i].Wait(), w) {
			return true
		}
	}
	return false
}

// personAndRole reports whether one of a and b waits on a person and the other
// on that person's role or team: "on Gráinne for the legal read", then "still
// sitting with legal" (Gráinne being legal) is one party named two ways. Two
// waits on a role are two people's perhaps, and stay rule 2's.
func personAndRole(a, b unblock.Wait) bool {
	if (a.Kind == unblock.TargetPerson) == (b.Kind == unblock.TargetPerson) {
		return false
	}
	other := a.Kind
	if other == unblock.TargetPerson {
		other = b.Kind
	}
	return (other == unblock.TargetRole || other == unblock.TargetTeam) && unblock.SameTarget(a, b)
}

// namedShortOrFull returns the node of the one outsider among the person's open
// blockers that w names by the first words of its name, or that w names in full
// ("Helix" or "Helix Retail Group" for an open wait on Helix Retail; the reverse,
// "Helix Retail" for an open "Helix"), so that the wait goes on under the name it
// opened with; "" when none does, when two outsiders do ("Helix Retail" and
// "Helix Labs" open: "Helix" may be either, or a third), or when w's outsider is
// one of the open blockers itself ("Acme" open beside "Acme Bank": "Acme" is
// Acme, and a topic that tells it from Acme's open wait makes another wait on
// Acme, never a wait on Acme Bank).
func namedShortOrFull(open []blockerRow, w unblock.Wait) string {
	if w.Kind != unblock.TargetExternal {
		return ""
	}
	node := ""
	for i := range open {
		o := open[i].Wait()
		switch {
		case o.Node == w.Node:
			return ""
		case !unblock.ShortOrFullName(o, w):
		case node != "" && node != o.Node:
			return ""
		default:
			node = o.Node
		}
	}
	return node
}

// bestOf returns the indexes of the open blockers that same takes for w: of
// several, those whose topics overlap w's best (all of them when none overlaps).
func bestOf(open []blockerRow, w unblock.Wait, same func(a, b unblock.Wait) bool) []int {
	var out []int
	best := 0
	for i := range open {
		if !same(open[i].Wait(), w) {
			continue
		}
		score := unblock.TopicOverlap(open[i].Topic, w.Topic)
		switch {
		case score > best:
			best, out = score, append(out[:0], i)
		case score == best:
			out = append(out, i)
		}
	}
	return out
}

// continued returns the indexes of the open blockers a statement blocked on no
// target continues ("still blocked, day 4", "still not in"): those its topic
// overlaps best (naming their target counts: "still no API spec"), else all.
func continued(open []blockerRow, topic string) []int {
	var out []int
	best := 0
	for i := range open {
		b := open[i]
		score := unblock.TopicOverlap(b.Topic+" "+b.Target.Name, topic)
		switch {
		case score > best:
			best, out = score, append(out[:0], i)
		case score == best:
			out = append(out, i)
		}
	}
	return out
}

// resolvedBy reports whether a resolution naming targets and topic clears the
// open blocker b: it is the same wait as one target (with the statement's
// topic, else the target's name, as the topic), or its topic shares a
// distinctive word with the statement's.
func resolvedBy(b unblock.Wait, targets []waitTarget, topic string) bool {
	for _, t := range targets {
		if unblock.SameWait(b, t.wait) {
			return true
		}
	}
	for w := range unblock.TopicWords(topic).Distinctive {
		if unblock.TopicWords(b.Topic).Distinctive[w] {
			return true
		}
	}
	return false
}

// openAt returns the person's blockers open at t, outside limbo.
func (lc *lifecycle) openAt(ctx context.Context, t int64) ([]blockerRow, error) {
	if lc.inOrder {
		return lc.openInOrder(ctx, t)
	}
	// No joins: the roles come from the transaction's cache (fillRoles).
	rows, err := lc.tx.q.QueryContext(ctx, `SELECT id, person_id, '', target_kind, target_name, target_role, to_node,
			NULL, topic, opened_at, last_seen_at, resolved_at, resolution, report_id, seen_seq, resolved_by
		FROM blockers WHERE id IN (
			SELECT id FROM blockers WHERE person_id = ?1 AND resolved_at IS NULL AND opened_at <= ?2
			UNION ALL SELECT id FROM blockers WHERE person_id = ?1 AND resolved_at > ?2 AND opened_at <= ?2)
		ORDER BY id`, lc.person, t)
	if err != nil {
		return nil, fmt.Errorf("open blockers of %s: %w", lc.person, err)
	}
	list, err := scanBlockers(rows)
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, b := range list {
		if lc.inLimbo(b.ID) {
			continue
		}
		if err := lc.fillRoles(ctx, &b.Blocker); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// openInOrder is openAt on the in-order path: t is at or after the time of every
// report of the person applied so far, so a blocker resolved at or before t can
// never be open again for this transaction's in-order reports, and the cache keeps
// only the others. It reads the person's blockers once per transaction.
func (lc *lifecycle) openInOrder(ctx context.Context, t int64) ([]blockerRow, error) {
	c := lc.tx.cache
	ob := c.open[lc.person]
	if ob == nil {
		// The person's first report in a new database has no blockers to read.
		_, applied := c.latest[lc.person]
		if fresh, err := lc.tx.fresh(ctx); err != nil {
			return nil, err
		} else if fresh && !applied {
			ob = &openBlockers{}
			if c.open == nil {
				c.open = make(map[string]*openBlockers)
			}
			c.open[lc.person] = ob
		}
	}
	if ob == nil || t < ob.from {
		rows, err := lc.tx.q.QueryContext(ctx, `SELECT id, person_id, '', target_kind, target_name, target_role, to_node,
				NULL, topic, opened_at, last_seen_at, resolved_at, resolution, report_id, seen_seq, resolved_by
			FROM blockers WHERE id IN (
				SELECT id FROM blockers WHERE person_id = ?1 AND resolved_at IS NULL
				UNION ALL SELECT id FROM blockers WHERE person_id = ?1 AND resolved_at > ?2)
			ORDER BY id`, lc.person, t)
		if err != nil {
			return nil, fmt.Errorf("open blockers of %s: %w", lc.person, err)
		}
		list, err := scanBlockers(rows)
		if err != nil {
			return nil, err
		}
		// A replay's limbo stays out: what revives one of them tracks it.
		list = slices.DeleteFunc(list, func(b blockerRow) bool { return lc.inLimbo(b.ID) })
		for i := range list {
			if err := lc.fillRoles(ctx, &list[i].Blocker); err != nil {
				return nil, err
			}
		}
		ob = &openBlockers{rows: list}
		if c.open == nil {
			c.open = make(map[string]*openBlockers)
		}
		c.open[lc.person] = ob
	}
	ob.from = t
	// out reuses the cache's buffer, with room for what the report opens: apply,
	// the only caller, keeps it no longer than one report.
	if need := len(ob.rows) + 4; cap(c.openBuf) < need {
		c.openBuf = make([]blockerRow, 0, 2*need)
	}
	out := c.openBuf[:0]
	keep := ob.rows[:0]
	for _, b := range ob.rows {
		if !b.ResolvedAt.IsZero() && b.ResolvedAt.UnixNano() <= t {
			continue
		}
		keep = append(keep, b)
		if b.OpenedAt.UnixNano() > t || lc.inLimbo(b.ID) {
			continue
		}
		out = append(out, b) // its roles were filled as it entered the cache
	}
	clear(ob.rows[len(keep):])
	ob.rows = keep
	return out, nil
}

// track records b's new values in the transaction's cache on the in-order path.
func (lc *lifecycle) track(b blockerRow) {
	if !lc.inOrder {
		return
	}
	ob := lc.tx.cache.open[lc.person]
	if ob == nil { // openInOrder ran first; this is only a safeguard
		return
	}
	i, found := slices.BinarySearchFunc(ob.rows, b.ID, func(r blockerRow, id int64) int { return cmp.Compare(r.ID, id) })
	if found {
		ob.rows[i] = b
	} else {
		ob.rows = slices.Insert(ob.rows, i, b)
	}
}

// toLimbo puts b, whose opening was undone, in limbo.
func (lc *lifecycle) toLimbo(b blockerRow) {
	if lc.inLimboIDs == nil {
		lc.inLimboIDs = make(map[int64]bool)
	}
	lc.limbo = append(lc.limbo, b)
	lc.inLimboIDs[b.ID] = true
}

func (lc *lifecycle) inLimbo(id int64) bool { return lc.inLimboIDs[id] }

// toNode returns the graph node a target names: a person's user ID when it
// resolves to one, else the node of its canonical form (unblock.Target.Node).
func (lc *lifecycle) toNode(ctx context.Context, t unblock.Target) (string, error) {
	if t.Kind == unblock.TargetPerson {
		id, err := lc.tx.resolvePerson(ctx, t.Name)
		if err != nil || id != "" {
			return id, err
		}
	}
	return t.Node(), nil
}

// open opens a blocker on t for report r and returns it: it revives one from
// limbo when the replay undid the same opening, else inserts a new one.
func (lc *lifecycle) open(ctx context.Context, r pendingReport, wt waitTarget, ch *unblock.Change) (blockerRow, error) {
	t, to := wt.Target, wt.wait.Node
	for i, b := range lc.limbo {
		// A limbo blocker a button resolved before r cannot be reopened at r.
		if !unblock.SameWait(b.Wait(), wt.wait) || !b.ResolvedAt.IsZero() && b.ResolvedAt.UnixNano() <= r.at {
			continue
		}
		lc.limbo = append(lc.limbo[:i], lc.limbo[i+1:]...)
		delete(lc.inLimboIDs, b.ID)
		tnum, err := lc.tx.targetNum(ctx, t, to)
		if err != nil {
			return blockerRow{}, err
		}
		if _, err := lc.tx.q.ExecContext(ctx, `UPDATE blockers SET target_kind = ?, target_name = ?, target_role = ?,
			to_node = ?, target_num = ?, topic = ?, opened_at = ?, last_seen_at = ?, seen_seq = ?, report_id = ? WHERE id = ?`,
			string(t.Kind), t.Name, string(t.Role), to, tnum, wt.wait.Topic, r.at, r.at, r.seq, r.id, b.ID); err != nil {
			return blockerRow{}, fmt.Errorf("reopen blocker %d: %w", b.ID, err)
		}
		// The opening is stated by report_id, opened_at (impliedEffects): not logged.
		if err := lc.logImplied(ctx, r.id, b, effectOpened); err != nil {
			return blockerRow{}, err
		}
		b.Target, b.To, b.Topic, b.ReportID, b.seenSeq = t, to, wt.wait.Topic, r.id, r.seq
		if err := lc.fillRoles(ctx, &b.Blocker); err != nil {
			return blockerRow{}, err
		}
		b.OpenedAt, b.LastSeenAt = time.Unix(0, r.at).UTC(), time.Unix(0, r.at).UTC()
		lc.track(b)
		if ch != nil && !lc.tx.countOnly {
			ch.Seen = append(ch.Seen, b.Blocker)
		}
		return b, nil
	}

	pnum, err := lc.tx.userNum(ctx, lc.person)
	if err != nil {
		return blockerRow{}, err
	}
	tnum, err := lc.tx.targetNum(ctx, t, to)
	if err != nil {
		return blockerRow{}, err
	}
	var id int64
	if lc.bulk {
		id, err = lc.tx.bulk.blockerID(ctx)
	} else if err = lc.tx.q.QueryRowContext(ctx, `INSERT INTO blockers (person_id, target_kind, target_name, target_role,
		to_node, topic, opened_at, last_seen_at, seen_seq, report_id, person_num, target_num)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		lc.person, string(t.Kind), t.Name, string(t.Role), to, wt.wait.Topic, r.at, r.at, r.seq, r.id, pnum, tnum).Scan(&id); err != nil {
		err = fmt.Errorf("open blocker: %w", err)
	}
	if err != nil {
		return blockerRow{}, err
	}
	b := blockerRow{Blocker: unblock.Blocker{ID: id, PersonID: lc.person, Target: t, To: to, Topic: wt.wait.Topic,
		OpenedAt: time.Unix(0, r.at).UTC(), LastSeenAt: time.Unix(0, r.at).UTC(), ReportID: r.id}, seenSeq: r.seq,
		personNum: pnum, targetNum: tnum}
	if err := lc.fillRoles(ctx, &b.Blocker); err != nil {
		return blockerRow{}, err
	}
	if lc.bulk {
		lc.tx.bulk.hold(b, true)
	}
	lc.track(b)
	// The opening is stated by report_id and opened_at (impliedEffects): not logged.
	if err := lc.logImplied(ctx, r.id, b, effectOpened); err != nil {
		return blockerRow{}, err
	}
	if ch != nil && !lc.tx.countOnly {
		ch.Opened = append(ch.Opened, b.Blocker)
	}
	return b, nil
}

// fillRoles sets b's PersonRole and ToRole from the people table, as OpenBlockers does.
func (lc *lifecycle) fillRoles(ctx context.Context, b *unblock.Blocker) error {
	role, err := lc.tx.roleOf(ctx, b.PersonID)
	if err != nil {
		return err
	}
	b.PersonRole = unblock.Role(role.String)
	var toPerson sql.NullString
	if b.ToPerson() {
		if toPerson, err = lc.tx.roleOf(ctx, b.To); err != nil {
			return err
		}
	}
	b.ToRole = toRole(*b, toPerson)
	return nil
}

// see keeps b open: it was mentioned again at r.
func (lc *lifecycle) see(ctx context.Context, r pendingReport, b *blockerRow, ch *unblock.Change) error {
	if err := lc.log(ctx, r.id, *b, effectSeen); err != nil {
		return err
	}
	if !lc.bulk {
		if _, err := lc.tx.q.ExecContext(ctx, `UPDATE blockers SET last_seen_at = ?, seen_seq = ? WHERE id = ?`,
			r.at, r.seq, b.ID); err != nil {
			return fmt.Errorf("see blocker %d: %w", b.ID, err)
		}
	}
	b.LastSeenAt, b.seenSeq = time.Unix(0, r.at).UTC(), r.seq
	if lc.bulk {
		lc.tx.bulk.hold(*b, false)
	}
	lc.track(*b)
	if ch != nil && !lc.tx.countOnly {
		ch.Seen = append(ch.Seen, b.Blocker)
	}
	return nil
}

// resolve resolves b at r's time, by r.
func (lc *lifecycle) resolve(ctx context.Context, r pendingReport, b *blockerRow, effect string, how unblock.Resolution, ch *unblock.Change) error {
	return lc.resolveAt(ctx, r, r.at, b, effect, how, ch)
}

// resolveAt resolves b at time at (Unix nanoseconds), logged under report r. At
// r's own time r resolved it (resolved_by); earlier, silence did, and no report
// is its cause.
func (lc *lifecycle) resolveAt(ctx context.Context, r pendingReport, at int64, b *blockerRow, effect string, how unblock.Resolution, ch *unblock.Change) error {
	by := sql.NullInt64{Int64: r.id, Valid: at == r.at}
	// A closing at r's time of a blocker open before it is stated by the row
	// itself (resolved_by, resolution): not logged (impliedEffects).
	implied := by.Valid && b.ResolvedAt.IsZero() && b.Resolution == "" && !b.resolvedBy.Valid &&
		effect == impliedEffect(false, how)
	if !implied {
		if err := lc.log(ctx, r.id, *b, effect); err != nil {
			return err
		}
	} else if err := lc.logImplied(ctx, r.id, *b, effect); err != nil {
		return err
	}
	if !lc.bulk {
		if _, err := lc.tx.q.ExecContext(ctx, `UPDATE blockers SET resolved_at = ?, resolution = ?, resolved_by = ?
			WHERE id = ?`, at, string(how), by, b.ID); err != nil {
			return fmt.Errorf("resolve blocker %d: %w", b.ID, err)
		}
	}
	b.ResolvedAt, b.Resolution, b.resolvedBy = time.Unix(0, at).UTC(), how, by
	if lc.bulk {
		lc.tx.bulk.hold(*b, false)
	}
	lc.track(*b)
	if ch != nil && !lc.tx.countOnly {
		ch.Resolved = append(ch.Resolved, b.Blocker)
	}
	return nil
}

// logImplied logs an implied effect (impliedEffects) only where tests ask for
// the log as it was before migration 0009 (LogImpliedEffects).
func (lc *lifecycle) logImplied(ctx context.Context, report int64, b blockerRow, effect string) error {
	if !lc.tx.db.logImplied.Load() {
		return nil
	}
	return lc.log(ctx, report, b, effect)
}

// log records that report did effect to blocker b, with b's values before it.
func (lc *lifecycle) log(ctx context.Context, report int64, b blockerRow, effect string) error {
	if lc.bulk {
		lc.tx.bulk.addEffect(report, b, effect)
		return nil
	}
	if _, err := lc.tx.q.ExecContext(ctx, `INSERT INTO blocker_reports (report_id, blocker_id, effect,
		prev_last_seen_at, prev_seen_seq, prev_resolved_at, prev_resolution, prev_resolved_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		report, b.ID, effect, nanos(b.LastSeenAt), b.seenSeq, nanos(b.ResolvedAt), string(b.Resolution), b.resolvedBy); err != nil {
		return fmt.Errorf("log %s of blocker %d: %w", effect, b.ID, err)
	}
	return nil
}

// waitedOn returns the targets a statement opens blockers on, and the names of
// further things awaited from the first of them. An artifact names what is
// awaited, not who: when the statement also names a person, role, team or
// outsider ("no decision on checkout from product"), an artifact the topic is
// about is the topic of that blocker, not a second one, so one wait is counted
// once; one that shares no word with the topic ("on design for the pricing page
// mocks, and for the onboarding copy") is a second thing awaited from the same,
// unless it is the topic of another of the statement's parties.
func waitedOn(targets []unblock.Target, topic string) (whom []unblock.Target, more []string) {
	for _, t := range targets {
		if t.Kind != unblock.TargetArtifact {
			whom = append(whom, t)
		}
	}
	if len(whom) == 0 || len(whom) == len(targets) {
		return targets, nil
	}
	for _, t := range targets {
		if t.Kind == unblock.TargetArtifact && !unblock.IsNoneName(t.Name) && unblock.TopicOverlap(t.Name, topic) == 0 &&
			!topicOfOne(whom, t.Name) {
			more = append(more, t.Name)
		}
	}
	return whom, more
}

// topicOfOne reports whether the thing name is the topic the parser gave one of
// whom ("waiting on Jonas for the staging env • need the pen test results from
// Felix": the results are Felix's wait, not a second one on Jonas).
func topicOfOne(whom []unblock.Target, name string) bool {
	for _, w := range whom {
		if w.Topic != "" && unblock.TopicOverlap(name, w.Topic) > 0 {
			return true
		}
	}
	return false
}
