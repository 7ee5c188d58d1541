package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// Expiry by silence skips the look-up of a blocker heard within the silence period
// (its person's last report is no earlier than its LastSeenAt): checked against
// looking up every blocker over generated ledgers with silences past expiry, late
// reports, edits, deletions and buttons, as of every day and for every week.
func TestSilenceHeardSame(t *testing.T) { eachBackend(t, testSilenceHeardSame) }

func testSilenceHeardSame(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			rng := rand.New(rand.NewPCG(seed, 23))
			people := []string{"U1", "U2", "U3", "U4"}
			targets := []unblock.Target{role("design"), role("legal"), person("<@U2>"), person("<@U4>")}
			var sent []unblock.Report
			for n := 0; n < 80; n++ {
				p := people[rng.IntN(len(people))]
				if n > 20 && p == "U4" || n > 50 && p == "U3" {
					p = "U1" // U4, then U3, fall silent: their blockers expire by silence
				}
				at := day(0).Add(time.Duration(n)*10*time.Hour + time.Duration(rng.IntN(4))*time.Hour)
				if rng.IntN(6) == 0 {
					at = at.Add(-time.Duration(1+rng.IntN(9)) * 24 * time.Hour) // late, past a silence
				}
				r := report(p, fmt.Sprintf("%d.%04d", at.Unix(), n), at)
				var st unblock.Statement
				switch k := rng.IntN(10); {
				case k < 6:
					st = blocked(fmt.Sprint("topic ", rng.IntN(3)), targets[rng.IntN(len(targets))])
				case k < 8:
					st = resolved(targets[rng.IntN(len(targets))])
				default:
					st = none()
				}
				switch {
				case len(sent) > 0 && rng.IntN(10) == 0:
					old := sent[rng.IntN(len(sent))]
					if _, err := db.ApplyReport(ctx, old, resolved(targets[rng.IntN(len(targets))])); err != nil {
						t.Fatal(err)
					}
				case len(sent) > 0 && rng.IntN(12) == 0:
					old := sent[rng.IntN(len(sent))]
					if _, err := db.DeleteReport(ctx, old.Channel, old.TS, at); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := db.ApplyReport(ctx, r, st); err != nil {
					t.Fatal(err)
				}
				sent = append(sent, r)
				if rng.IntN(20) == 0 {
					if open, err := db.OpenBlockers(ctx, at); err == nil && len(open) > 0 {
						if _, err := db.ResolveBlocker(ctx, open[0].ID, unblock.ResolvedByButton, at.Add(time.Hour)); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			both := func(read func() ([]unblock.Blocker, error)) (heard, every []unblock.Blocker) {
				t.Helper()
				var err error
				if heard, err = read(); err != nil {
					t.Fatal(err)
				}
				store.LookUpEverySilence(db, true)
				defer store.LookUpEverySilence(db, false)
				if every, err = read(); err != nil {
					t.Fatal(err)
				}
				return heard, every
			}
			all := func(time.Time) bool { return true }
			expired := 0
			for d := 0; d <= 40; d++ {
				at := day(d)
				got, want := both(func() ([]unblock.Blocker, error) { return db.OpenBlockers(ctx, at) })
				sameBlockers(t, fmt.Sprintf("open at day %d", d), got, want, all)
				got, want = both(func() ([]unblock.Blocker, error) { return db.BlockersSpan(ctx, at.AddDate(0, 0, -7), at) })
				sameBlockers(t, fmt.Sprintf("span of the week to day %d", d), got, want, all)
				span := slices.Clone(want)
				for i := range span {
					span[i].ReportID = 0 // a table's rows do not say it
				}
				got, want = both(func() ([]unblock.Blocker, error) {
					return tableBlockers(db.BlockersSpanTable(ctx, at.AddDate(0, 0, -7), at))
				})
				sameBlockers(t, fmt.Sprintf("table of the week to day %d", d), got, want, all)
				sameBlockers(t, fmt.Sprintf("table and span of the week to day %d", d), got, span, all)
				for _, b := range want {
					if b.Resolution == unblock.ResolvedByExpiry {
						expired++
					}
				}
			}
			if expired == 0 {
				t.Fatal("no blocker expired: the ledger does not exercise expiry by silence")
			}
		})
	}
}

// tableBlockers returns the rows of t in full.
func tableBlockers(t unblock.BlockerTable, err error) ([]unblock.Blocker, error) {
	if err != nil {
		return nil, err
	}
	out := make([]unblock.Blocker, len(t.Rows))
	for i := range out {
		out[i] = t.Blocker(i)
	}
	return out, nil
}
