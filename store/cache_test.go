package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// TestUpdate_OneTransaction runs the same random stream of operations (mostly
// reports in time order, as in an import, with late reports, repeats, edits,
// deletions, button resolutions and role changes mixed in) once with a
// transaction per operation and once inside one Update, and expects the same
// results and the same tables: what the write transaction caches must never change
// an outcome.
func TestUpdate_OneTransaction(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		for seed := uint64(1); seed <= 6; seed++ {
			t.Run(fmt.Sprint(seed), func(t *testing.T) {
				ops := randomOps(seed, 400)
				ctx := context.Background()

				each := MustOpenDB(t)
				each.SetExpireAfter(2)
				mustPeople(t, each)
				var want []string
				for _, op := range ops {
					var got string
					if err := each.Update(ctx, func(tx *store.Tx) error {
						var err error
						got, err = op(ctx, tx)
						return err
					}); err != nil {
						t.Fatal(err)
					}
					want = append(want, got)
				}

				one := MustOpenDB(t)
				one.SetExpireAfter(2)
				mustPeople(t, one)
				var got []string
				if err := one.Update(ctx, func(tx *store.Tx) error {
					for _, op := range ops {
						s, err := op(ctx, tx)
						if err != nil {
							return err
						}
						got = append(got, s)
					}
					return nil
				}); err != nil {
					t.Fatal(err)
				}

				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("operation %d in one transaction:\n%s\nwant (a transaction each)\n%s", i, got[i], want[i])
					}
				}
				for _, table := range []string{"reports", "blockers", "blocker_reports"} {
					if g, w := dumpTable(t, one, table), dumpTable(t, each, table); g != w {
						t.Fatalf("table %s in one transaction:\n%s\nwant (a transaction each)\n%s", table, g, w)
					}
				}
			})
		}
	})
}

// TestReplay_CachedSameAsUncached runs the random streams of
// TestUpdate_OneTransaction (late reports, edits and deletions replay their
// person's later reports) in one transaction with the replays reading the
// person's blockers once into the transaction's cache, and reading them from the
// table at every report, as before (store.ReplayUncached), and expects the same
// results and the same tables.
func TestReplay_CachedSameAsUncached(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		seeds := uint64(8)
		if strings.HasSuffix(t.Name(), "/postgres") {
			seeds = 2 // a round trip a statement: the streams' cases, fewer draws
		}
		for seed := uint64(1); seed <= seeds; seed++ {
			t.Run(fmt.Sprint(seed), func(t *testing.T) {
				ops := randomOps(seed, 600)
				ctx := context.Background()
				var results [2][]string
				var dbs [2]*store.DB
				for i, uncached := range []bool{false, true} {
					db := MustOpenDB(t)
					db.SetExpireAfter(2)
					store.ReplayUncached(db, uncached)
					mustPeople(t, db)
					if err := db.Update(ctx, func(tx *store.Tx) error {
						for _, op := range ops {
							s, err := op(ctx, tx)
							if err != nil {
								return err
							}
							results[i] = append(results[i], s)
						}
						return nil
					}); err != nil {
						t.Fatal(err)
					}
					dbs[i] = db
				}
				for i := range results[1] {
					if results[0][i] != results[1][i] {
						t.Fatalf("operation %d with cached replays:\n%s\nwant (uncached)\n%s", i, results[0][i], results[1][i])
					}
				}
				for _, table := range []string{"reports", "blockers", "blocker_reports"} {
					if g, w := dumpTable(t, dbs[0], table), dumpTable(t, dbs[1], table); g != w {
						t.Fatalf("table %s with cached replays:\n%s\nwant (uncached)\n%s", table, g, w)
					}
				}
			})
		}
	})
}

// op is one operation of a random stream; it returns what it did, for comparing.
type op func(ctx context.Context, tx *store.Tx) (string, error)

// randomOps returns n operations on the people of mustPeople, mostly reports in
// time order.
func randomOps(seed uint64, n int) []op {
	rng := rand.New(rand.NewPCG(seed, 99))
	people := []string{"U1", "U2", "U3", "U4"}
	statement := func() unblock.Statement { return randomStatement(rng, 3) }
	type sent struct {
		r  unblock.Report
		st unblock.Statement
	}
	var reports []sent
	var ops []op
	now := day(0)
	for i := 0; i < n; i++ {
		switch k := rng.IntN(100); {
		case k < 70 || len(reports) == 0: // a new report, mostly the newest
			at := now
			if rng.IntN(10) == 0 {
				at = at.Add(-time.Duration(rng.IntN(48)) * time.Hour)
			} else {
				now = now.Add(time.Duration(rng.IntN(4)) * time.Hour)
				at = now
			}
			r := unblock.Report{PersonID: people[rng.IntN(len(people))], Channel: fmt.Sprintf("C%d", rng.IntN(3)),
				TS: fmt.Sprintf("%d.%03d", at.Unix(), i), At: at, Source: unblock.SourceImport}
			st := statement()
			r.Text = st.Text
			reports = append(reports, sent{r, st})
			ops = append(ops, applyOp(r, st))
		case k < 78: // the same report again
			s := reports[rng.IntN(len(reports))]
			ops = append(ops, applyOp(s.r, s.st))
		case k < 86: // an edit
			s := reports[rng.IntN(len(reports))]
			st := statement()
			s.r.Text = st.Text
			ops = append(ops, applyOp(s.r, st))
		case k < 91: // a deletion
			s, at := reports[rng.IntN(len(reports))], now
			ops = append(ops, func(ctx context.Context, tx *store.Tx) (string, error) {
				ch, err := tx.DeleteReport(ctx, s.r.Channel, s.r.TS, at)
				return fmt.Sprintf("delete %s/%s: %+v", s.r.Channel, s.r.TS, ch), err
			})
		case k < 97: // a button, at a time that may be before or after later reports
			id := int64(1 + rng.IntN(i/2+1))
			at := now.Add(time.Duration(rng.IntN(24)-12) * time.Hour)
			ops = append(ops, func(ctx context.Context, tx *store.Tx) (string, error) {
				b, err := tx.ResolveBlocker(ctx, id, unblock.ResolvedByButton, at)
				if unblock.ErrorCode(err) == unblock.ENOTFOUND {
					return fmt.Sprintf("resolve %d: not found", id), nil
				}
				return fmt.Sprintf("resolve %d: %+v", id, b), err
			})
		default: // a role change
			r := []unblock.Role{unblock.RoleDesign, unblock.RoleProduct, unblock.RoleLegal}[rng.IntN(3)]
			ops = append(ops, func(ctx context.Context, tx *store.Tx) (string, error) {
				err := tx.UpsertPeople(ctx, []unblock.Person{{ID: "U2", Name: "bo", RealName: "Bo Li", Role: r}})
				return "role " + string(r), err
			})
		}
	}
	return ops
}

// randomStatement returns a statement drawn from rng over a few targets and
// topics: a wait (on one target or two, or none), a resolution, "no blockers"
// or chatter, its text one of variants wordings.
func randomStatement(rng *rand.Rand, variants int) unblock.Statement {
	targets := []unblock.Target{role("design"), role("qa"), person("<@U2>"), person("Bo"), person("Sam"),
		{Kind: unblock.TargetArtifact, Name: "API spec"}, {Kind: unblock.TargetTeam, Name: "platform"}}
	topics := []string{"", "mocks", "the mocks", "estimate", "DPA"}
	var st unblock.Statement
	switch k := rng.IntN(10); {
	case k < 4:
		st = blocked(topics[rng.IntN(len(topics))], targets[rng.IntN(len(targets))])
		if rng.IntN(4) == 0 {
			st.Targets = append(st.Targets, targets[rng.IntN(len(targets))])
		}
	case k < 5:
		st = blocked(topics[rng.IntN(len(topics))])
	case k < 6:
		st = resolved(targets[rng.IntN(len(targets))])
	case k < 7:
		st = resolved()
		if rng.IntN(2) == 0 {
			st.Blocked, st.Targets = true, []unblock.Target{targets[rng.IntN(len(targets))]}
		}
	case k < 8:
		st = none()
	default:
		st = chatter(fmt.Sprintf("coffee %d", rng.IntN(1000)))
	}
	st.Text += fmt.Sprintf(" #%d", rng.IntN(variants))
	return st
}

func applyOp(r unblock.Report, st unblock.Statement) op {
	return func(ctx context.Context, tx *store.Tx) (string, error) {
		ch, err := tx.ApplyReport(ctx, r, st)
		return fmt.Sprintf("apply %s/%s %q: %+v", r.Channel, r.TS, st.Text, ch), err
	}
}

// dumpTable returns every row of table, ordered, one a line.
func dumpTable(tb testing.TB, db *store.DB, table string) string {
	tb.Helper()
	var b strings.Builder
	for _, vals := range rowValues(tb, rawDB(tb, db), `SELECT * FROM `+table+` ORDER BY 1, 2`) {
		fmt.Fprintln(&b, vals...)
	}
	return b.String()
}
