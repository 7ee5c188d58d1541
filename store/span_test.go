package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// BlockersSpan is one read that serves what OpenBlockers and BlockersIn give for
// any time and period within its span: checked against both over generated
// ledgers with silences long enough to expire blockers, late reports, edits,
// deletions and button resolutions, for every day of the span.
func TestBlockersSpanDifferential(t *testing.T) { eachBackend(t, testBlockersSpanDifferential) }

func testBlockersSpanDifferential(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			rng := rand.New(rand.NewPCG(seed, 16))
			people := []string{"U1", "U2", "U3", "U4", "U5", "U6"}
			var ps []unblock.Person
			for i, id := range people {
				ps = append(ps, unblock.Person{ID: id, Name: "p" + id, Role: unblock.BuiltinRoles[i%4]})
			}
			if err := db.UpsertPeople(ctx, ps); err != nil {
				t.Fatal(err)
			}
			targets := []unblock.Target{role("design"), role("legal"), person("<@U2>"), person("<@U5>"), role("product")}
			topics := []string{"", "pricing mocks", "DPA", "checkout spec"}
			var sent []unblock.Report
			for n := 0; n < 120; n++ {
				p := people[rng.IntN(len(people))]
				if n > 30 && p == "U6" {
					p = "U1" // U6 falls silent after day 10: their blockers expire by silence
				}
				// Mostly in order over 40 days, with gaps: a person's silence can pass
				// the seven days of expiry by silence.
				at := day(0).Add(time.Duration(n)*8*time.Hour + time.Duration(rng.IntN(4))*time.Hour)
				if rng.IntN(8) == 0 {
					at = at.Add(-time.Duration(1+rng.IntN(5)) * 24 * time.Hour) // late
				}
				r := report(p, fmt.Sprintf("%d.%04d", at.Unix(), n), at)
				r.Standup = true
				var st unblock.Statement
				switch k := rng.IntN(10); {
				case k < 5:
					st = blocked(topics[rng.IntN(len(topics))], targets[rng.IntN(len(targets))])
				case k < 7:
					st = resolved(targets[rng.IntN(len(targets))])
				case k < 8:
					st = none()
				default:
					st = unblock.Statement{Text: "shipping things"}
				}
				switch {
				case len(sent) > 0 && rng.IntN(12) == 0: // an edit of an earlier report
					old := sent[rng.IntN(len(sent))]
					if _, err := db.ApplyReport(ctx, old, blocked("edited", targets[rng.IntN(len(targets))])); err != nil {
						t.Fatal(err)
					}
				case len(sent) > 0 && rng.IntN(15) == 0: // a deletion
					old := sent[rng.IntN(len(sent))]
					if _, err := db.DeleteReport(ctx, old.Channel, old.TS, at); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := db.ApplyReport(ctx, r, st); err != nil {
					t.Fatal(err)
				}
				sent = append(sent, r)
				if rng.IntN(25) == 0 {
					open, err := db.OpenBlockers(ctx, at)
					if err != nil {
						t.Fatal(err)
					}
					if len(open) > 0 {
						if _, err := db.ResolveBlocker(ctx, open[0].ID, unblock.ResolvedByButton, at.Add(time.Hour)); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			expired := 0
			for from := 0; from < 44; from += 3 {
				f := day(from)
				to := day(from + 14)
				span, err := db.BlockersSpan(ctx, f, to)
				if err != nil {
					t.Fatal(err)
				}
				for d := from; d <= from+14; d++ {
					at := day(d)
					want, err := db.OpenBlockers(ctx, at)
					if err != nil {
						t.Fatal(err)
					}
					var got []unblock.Blocker
					for _, b := range span {
						if b.OpenAt(at) {
							got = append(got, b)
						}
					}
					sameBlockers(t, fmt.Sprintf("open at day %d (span from day %d)", d, from), got, want, nil)
					if d == from+14 {
						continue
					}
					for _, end := range []int{d + 1, from + 7, from + 14} {
						if end <= d || end > from+14 {
							continue
						}
						pf, pt := at, day(end)
						want, err := db.BlockersIn(ctx, pf, pt)
						if err != nil {
							t.Fatal(err)
						}
						in := func(x time.Time) bool { return !x.IsZero() && !x.Before(pf) && x.Before(pt) }
						var got []unblock.Blocker
						for _, b := range span {
							if in(b.OpenedAt) || in(b.ResolvedAt) {
								got = append(got, b)
							}
						}
						sameBlockers(t, fmt.Sprintf("in days [%d, %d) (span from day %d)", d, end, from), got, want, in)
						for _, b := range got {
							if in(b.ResolvedAt) && b.Resolution == unblock.ResolvedByExpiry {
								expired++
							}
						}
					}
				}
			}
			if expired == 0 {
				t.Fatal("no blocker expired in any period: the ledger does not exercise expiry")
			}
		})
	}
}

// sameBlockers fails unless got and want hold the same blockers with the same
// times, and, when closedIn is given, the same closing (time and how) where it
// falls in the period closedIn tells (a closing after the period counts nowhere).
func sameBlockers(t *testing.T, what string, got, want []unblock.Blocker, closedIn func(time.Time) bool) {
	t.Helper()
	key := func(b unblock.Blocker) string {
		k := fmt.Sprintf("%d %s %s %v %v %s %s %s %+v %d", b.ID, b.PersonID, b.To, b.OpenedAt.UnixNano(), b.LastSeenAt.UnixNano(), b.Topic,
			b.PersonRole, b.ToRole, b.Target, b.ReportID)
		if closedIn != nil && closedIn(b.ResolvedAt) {
			k += fmt.Sprintf(" closed %v %s", b.ResolvedAt.UnixNano(), b.Resolution)
		}
		return k
	}
	gk, wk := make([]string, len(got)), make([]string, len(want))
	for i := range got {
		gk[i] = key(got[i])
	}
	for i := range want {
		wk[i] = key(want[i])
	}
	if !slices.Equal(gk, wk) {
		t.Fatalf("%s:\n got  %q\n want %q", what, gk, wk)
	}
}
