package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// BenchmarkApplyReport applies an import-like stream inside one Update
// transaction: 200 people in 10 channels; one message in five says something
// about blockers (new, still, resolved, none), the rest is chatter on the fast
// path; or every message does, written a statement each or under Tx.Bulk (the
// writes held and done before commit, inside the timing).
//
//	go test -run '^$' -bench BenchmarkApplyReport -benchtime 100000x ./store/
func BenchmarkApplyReport(b *testing.B) {
	benchBackends(b, func(b *testing.B) {
		for _, bm := range []struct {
			name  string
			every int  // one message in `every` is about blockers
			bulk  bool // under Tx.Bulk, as an import (a no-op on PostgreSQL)
		}{{"mixed", 5, false}, {"blockers", 1, false}, {"blockers-bulk", 1, true}} {
			b.Run(bm.name, func(b *testing.B) {
				ctx := context.Background()
				db := MustOpenDB(b)
				const people = 200
				var list []unblock.Person
				for i := 0; i < people; i++ {
					roles := []unblock.Role{unblock.RoleEngineering, unblock.RoleDesign, unblock.RoleProduct, unblock.RoleQA}
					list = append(list, unblock.Person{ID: fmt.Sprintf("U%03d", i), Name: fmt.Sprintf("user%d", i),
						RealName: fmt.Sprintf("First%d Last%d", i, i), Role: roles[i%len(roles)]})
				}
				if err := db.UpsertPeople(ctx, list); err != nil {
					b.Fatal(err)
				}
				targets := []unblock.Target{role("design"), role("product"), role("qa"), person("<@U007>"), person("First12"),
					{Kind: unblock.TargetArtifact, Name: "API spec"}}
				start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

				b.ReportAllocs()
				b.ResetTimer()
				err := db.Update(ctx, func(tx *store.Tx) error {
					if bm.bulk {
						tx.Bulk()
					}
					for i := 0; i < b.N; i++ {
						r := unblock.Report{PersonID: list[i%people].ID, Channel: fmt.Sprintf("C%d", i%10),
							TS: fmt.Sprintf("%d.%06d", 1767603600+i, i%1000000), At: start.Add(time.Duration(i) * time.Second),
							Source: unblock.SourceImport}
						var st unblock.Statement
						if i%bm.every == 0 {
							k := i / bm.every
							t := targets[(k/people)%len(targets)]
							switch k % 10 {
							case 0, 1, 2, 3, 4, 5:
								st = unblock.Statement{Blocked: true, Targets: []unblock.Target{t}, Topic: fmt.Sprintf("topic %d", k%7)}
							case 6, 7:
								st = unblock.Statement{Blocked: true, Targets: []unblock.Target{t}}
							case 8:
								st = unblock.Statement{Resolved: true, Targets: []unblock.Target{t}}
							case 9:
								st = unblock.Statement{None: true}
							}
							st.Text = fmt.Sprintf("standup %d: blocked? %v", i, st)
						} else {
							st.Text = fmt.Sprintf("message %d: shipped the thing, looking at the next one", i)
						}
						r.Text = st.Text
						if _, err := tx.ApplyReport(ctx, r, st); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
			})
		}
	})
}

// BenchmarkApplyReport_OneTransactionEach applies reports as the bot does, each in
// a transaction of its own (begin, the write lock, the lifecycle, commit): what a
// message costs live, on each backend.
//
//	go test -run '^$' -bench ApplyReport_OneTransactionEach -benchtime 2000x ./store/
func BenchmarkApplyReport_OneTransactionEach(b *testing.B) {
	benchBackends(b, func(b *testing.B) {
		ctx := context.Background()
		db := MustOpenDB(b)
		mustPeople(b, db)
		start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
		targets := []unblock.Target{role("design"), role("legal"), role("qa")}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			r := unblock.Report{PersonID: []string{"U1", "U2", "U3"}[i%3], Channel: "D1", TS: fmt.Sprintf("%d.%06d", 1767603600+i, i),
				At: start.Add(time.Duration(i) * time.Minute), Source: unblock.SourceDM, Text: "Blockers: waiting"}
			st := unblock.Statement{Text: r.Text, Blocked: true, Targets: []unblock.Target{targets[i%len(targets)]}, Topic: "mocks"}
			if i%4 == 3 {
				st = unblock.Statement{Text: r.Text, Resolved: true, Targets: st.Targets}
			}
			if _, err := db.ApplyReport(ctx, r, st); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	})
}

// BenchmarkInboxAdd commits one received envelope, the work before an ack.
//
//	go test -run '^$' -bench InboxAdd -benchtime 2000x ./store/
func BenchmarkInboxAdd(b *testing.B) {
	benchBackends(b, func(b *testing.B) {
		ctx := context.Background()
		db := MustOpenDB(b)
		payload := []byte(`{"event_id":"Ev0","event":{"type":"message","text":"Blockers: waiting on design for the mocks"}}`)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := db.InboxAdd(ctx, fmt.Sprintf("event:Ev%d", i), "events_api", payload, day(0)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBackfill applies reports older than everything their people have
// reported, as an import of an older export into a database that holds the
// newer history does: each such report is applied before its person's later
// reports, which are undone and applied again after it (a replay). Each of
// three people has `later` reports already, one a day (a blocker opened, seen,
// resolved, or "no blockers"); an op backfills 16 older reports per person in
// one transaction, one by one through ApplyReport (a replay each) or in one
// batch through ApplyReports (a replay per person), as the import does. A
// replayed report should cost the same whatever `later` is, and a batch should
// cost about one replay per person.
//
//	go test -run '^$' -bench Backfill -benchtime 3x ./store/
func BenchmarkBackfill(b *testing.B) {
	const older = 16 // backfilled reports per person and op
	for _, bm := range []struct {
		later   int
		batched bool
	}{{250, false}, {1000, false}, {250, true}, {1000, true}, {4000, true}} {
		name := fmt.Sprintf("one-by-one/later=%d", bm.later)
		if bm.batched {
			name = fmt.Sprintf("batch/later=%d", bm.later)
		}
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			db := MustOpenDB(b)
			mustPeople(b, db)
			people := []string{"U1", "U2", "U3"}
			targets := []unblock.Target{role("design"), role("qa"), person("<@U2>"), {Kind: unblock.TargetArtifact, Name: "API spec"}}
			start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
			report := func(p string, i int, at time.Time) (unblock.Report, unblock.Statement) {
				var st unblock.Statement
				switch i % 4 {
				case 0, 1:
					st = blocked(fmt.Sprintf("topic %d", i/4%5), targets[i/4%len(targets)])
				case 2:
					st = resolved(targets[(i/4+1)%len(targets)])
				case 3:
					st = none()
				}
				r := unblock.Report{PersonID: p, Channel: "C1", TS: fmt.Sprintf("%d.%s", at.Unix(), p), At: at,
					Source: unblock.SourceImport, Text: st.Text, Standup: true}
				return r, st
			}
			if err := db.Update(ctx, func(tx *store.Tx) error {
				for i := 0; i < bm.later; i++ {
					for _, p := range people {
						r, st := report(p, i, start.Add(time.Duration(i)*24*time.Hour))
						if _, err := tx.ApplyReport(ctx, r, st); err != nil {
							return err
						}
					}
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for n := 0; n < b.N; n++ {
				// Older reports, in time order, an hour apart, each op's before the last's.
				var rs []unblock.Report
				var sts []unblock.Statement
				first := start.Add(-time.Duration((n+1)*older) * time.Hour)
				for k := 0; k < older; k++ {
					for _, p := range people {
						r, st := report(p, k, first.Add(time.Duration(k)*time.Hour))
						rs, sts = append(rs, r), append(sts, st)
					}
				}
				if err := db.Update(ctx, func(tx *store.Tx) error {
					if bm.batched {
						return tx.ApplyReports(ctx, rs, sts)
					}
					for i := range rs {
						if _, err := tx.ApplyReport(ctx, rs[i], sts[i]); err != nil {
							return err
						}
					}
					return nil
				}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(people)*older), "µs/backfilled")
			if !bm.batched {
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(people)*older*bm.later), "µs/replayed")
			}
		})
	}
}
