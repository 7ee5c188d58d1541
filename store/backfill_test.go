package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// TestApplyReports_SameAsOneByOne backfills a database that holds newer
// history with a batch of older reports, as an import of an older export does,
// once through ApplyReports (each person's later reports replayed once for the
// batch) and once a report at a time through ApplyReport (replayed once a
// report), and expects the same ledger: the same reports, blockers and
// evidence, whatever IDs the blockers got. The batch mixes reports older than
// the history, newer ones, the history's own messages again (unchanged) and
// edited, a few out of order within the batch, and chatter.
func TestApplyReports_SameAsOneByOne(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		seeds := uint64(6)
		if strings.HasSuffix(t.Name(), "/postgres") {
			seeds = 2 // a round trip a statement: the streams' cases, fewer draws
		}
		for seed := uint64(1); seed <= seeds; seed++ {
			t.Run(fmt.Sprint(seed), func(t *testing.T) {
				history, batch := backfillStreams(seed)
				ctx := context.Background()
				var dumps [2]string
				for i, batched := range []bool{false, true} {
					db := MustOpenDB(t)
					db.SetExpireAfter(3)
					db.SetExpireSilence(4 * 24 * time.Hour)
					mustPeople(t, db)
					if err := db.Update(ctx, func(tx *store.Tx) error {
						for _, s := range history {
							if _, err := tx.ApplyReport(ctx, s.r, s.st); err != nil {
								return err
							}
						}
						return nil
					}); err != nil {
						t.Fatal(err)
					}
					if err := db.Update(ctx, func(tx *store.Tx) error {
						if batched {
							var rs []unblock.Report
							var sts []unblock.Statement
							for _, s := range batch {
								rs, sts = append(rs, s.r), append(sts, s.st)
							}
							return tx.ApplyReports(ctx, rs, sts)
						}
						for _, s := range batch {
							if _, err := tx.ApplyReport(ctx, s.r, s.st); err != nil {
								return err
							}
						}
						return nil
					}); err != nil {
						t.Fatal(err)
					}
					dumps[i] = dumpLedgerByKey(t, db)
				}
				if dumps[1] != dumps[0] {
					t.Fatalf("ApplyReports:\n%s", firstDiff(dumps[1], dumps[0]))
				}
			})
		}
	})
}

// sentReport is a report and the statement read from it.
type sentReport struct {
	r  unblock.Report
	st unblock.Statement
}

// backfillStreams returns a history of reports in time order over four weeks,
// and a batch to backfill it with, mostly in time order and older than the
// history's later reports.
func backfillStreams(seed uint64) (history, batch []sentReport) {
	rng := rand.New(rand.NewPCG(seed, 7))
	people := []string{"U1", "U2", "U3", "U4"}
	statement := func() unblock.Statement { return randomStatement(rng, 1000) }
	report := func(i int, at time.Time) sentReport {
		st := statement()
		r := unblock.Report{PersonID: people[rng.IntN(len(people))], Channel: fmt.Sprintf("C%d", rng.IntN(2)),
			TS: fmt.Sprintf("%d.%06d", at.Unix(), i), At: at, Source: unblock.SourceImport, Text: st.Text,
			Standup: rng.IntN(3) == 0}
		return sentReport{r, st}
	}
	start := day(0)
	for i := 0; i < 240; i++ {
		history = append(history, report(i, start.Add(time.Duration(i)*150*time.Minute)))
	}
	// The batch: older messages over the history's first two weeks, in time order.
	for i := 0; i < 160; i++ {
		batch = append(batch, report(1000+i, start.Add(time.Duration(i)*120*time.Minute+time.Minute)))
	}
	for i := 0; i < 30; i++ {
		switch k := rng.IntN(4); k {
		case 0: // a history message again, as it was
			batch = slices.Insert(batch, rng.IntN(len(batch)), history[rng.IntN(len(history))])
		case 1: // a history message edited
			s := history[rng.IntN(len(history))]
			s.st = statement()
			s.r.Text = s.st.Text
			batch = slices.Insert(batch, rng.IntN(len(batch)), s)
		case 2: // out of order within the batch
			j := rng.IntN(len(batch) - 1)
			batch[j], batch[j+1] = batch[j+1], batch[j]
		case 3: // newer than the history
			batch = append(batch, report(2000+i, start.Add(time.Duration(600+i)*time.Hour)))
		}
	}
	return history, batch
}

// dumpLedgerByKey returns the reports, the blockers and the evidence of db,
// each blocker named by what it is (its person, wait, times and the reports
// that opened and closed it), not by its ID, ordered.
func dumpLedgerByKey(tb testing.TB, db *store.DB) string {
	tb.Helper()
	raw := rawDB(tb, db)
	var out []string
	query := func(q string) {
		for _, vals := range rowValues(tb, raw, q) {
			out = append(out, fmt.Sprintf("%v", vals))
		}
	}
	query(`SELECT 'report', channel, ts, person_id, at, text, statement, meaningful, deleted, edited, seq FROM reports`)
	const blocker = `b.person_id, b.target_kind, b.target_name, b.target_role, b.to_node, b.topic, b.opened_at,
		(SELECT channel || '/' || ts FROM reports WHERE id = b.report_id)`
	query(`SELECT 'blocker', ` + blocker + `, b.last_seen_at, b.seen_seq, b.resolved_at, b.resolution,
		(SELECT channel || '/' || ts FROM reports WHERE id = b.resolved_by) FROM blockers b`)
	query(`SELECT 'evidence', r.channel, r.ts, br.effect, ` + blocker + `, br.prev_last_seen_at, br.prev_seen_seq,
		br.prev_resolved_at, br.prev_resolution, (SELECT channel || '/' || ts FROM reports WHERE id = br.prev_resolved_by)
		FROM blocker_reports br JOIN reports r ON r.id = br.report_id JOIN blockers b ON b.id = br.blocker_id`)
	slices.Sort(out)
	var s string
	for _, l := range out {
		s += l + "\n"
	}
	return s
}
