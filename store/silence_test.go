package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// A standup report that says nothing of blockers is stored and counts; its text
// is kept only when privacy allows.
func TestApplyReport_StandupWithoutBlockers(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		for _, keep := range []bool{true, false} {
			db := MustOpenDB(t)
			db.SetStoreText(keep)
			r := report("U1", "1.0", identityDay(0))
			r.Standup = true
			ch := apply(t, db, r, chatter("Y: cart API\nT: checkout page"))
			if ch.ReportID == 0 {
				t.Fatalf("keep=%v: a standup without a blockers line was not stored", keep)
			}
			var text string
			var seq int
			if err := rawDB(t, db).QueryRow(`SELECT text, seq FROM reports WHERE ts = '1.0'`).Scan(&text, &seq); err != nil {
				t.Fatal(err)
			}
			if got, want := text != "", keep; got != want || seq != 1 {
				t.Fatalf("keep=%v: stored text %q, seq %d; want text only when kept, seq 1", keep, text, seq)
			}
			// Chatter outside standups is still not stored.
			if ch := apply(t, db, report("U1", "2.0", identityDay(0)), chatter("lunch?")); ch.ReportID != 0 {
				t.Fatalf("keep=%v: chatter stored as report %d", keep, ch.ReportID)
			}
		}
	})
}

// silentWeek applies U1's standups waiting on legal for the DPA on day 0 and,
// after ten silent days, on day 10; it returns how to apply another standup of U1's.
func silentWeek(t *testing.T, db *store.DB) func(ts string, day int, st unblock.Statement) {
	t.Helper()
	standup := func(ts string, day int, st unblock.Statement) {
		r := report("U1", ts, identityDay(day))
		r.Standup = true
		apply(t, db, r, st)
	}
	legal := unblock.Target{Kind: unblock.TargetRole, Name: "legal", Role: unblock.RoleLegal}
	standup("1.0", 0, blocked("DPA", legal))
	standup("3.0", 10, blocked("DPA", legal))
	return standup
}

// Expiry by silence is exact under late reports and deletions: a report that
// arrives late inside a silence undoes the expiry, and deleting it restores it.
func TestApplyReport_SilenceLateReport(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		standup := silentWeek(t, db)
		const split = "U1 -> role:legal | DPA | opened=0 | expired@7\nU1 -> role:legal | DPA | opened=10 | open"
		if got := strings.Join(ledgerLines(t, db, identityDay(11)), "\n"); got != split {
			t.Fatalf("after a silence:\n%s\nwant\n%s", got, split)
		}
		// A standup on day 5 arrives late: no week was silent, the wait is one.
		standup("2.0", 5, chatter("T: contract redlines"))
		const one = "U1 -> role:legal | DPA | opened=0 | open"
		if got := strings.Join(ledgerLines(t, db, identityDay(11)), "\n"); got != one {
			t.Fatalf("after the late report:\n%s\nwant\n%s", got, one)
		}
		if _, err := db.DeleteReport(ctx, "C1", "2.0", identityDay(12)); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(ledgerLines(t, db, identityDay(11)), "\n"); got != split {
			t.Fatalf("after deleting it:\n%s\nwant\n%s", got, split)
		}
	})
}

// A blocker expired by its author's silence has no closing report: the report
// whose coming found the silence is not its evidence (the blockers contract),
// though it is what undoes the expiry when it goes.
func TestApplyReport_SilenceHasNoClosingReport(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		silentWeek(t, db)
		entries, err := db.LedgerOf(ctx, "U1", identityDay(11))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			for _, ev := range e.Evidence {
				got = append(got, fmt.Sprintf("#%d %s by %s", e.ID, ev.Effect, ev.Report.TS))
			}
		}
		want := []string{fmt.Sprintf("#%d opened by 1.0", entries[0].ID), fmt.Sprintf("#%d opened by 3.0", entries[1].ID)}
		if !slices.Equal(got, want) {
			t.Fatalf("evidence %q; want %q (the silence closed the first, no report)", got, want)
		}
		if _, err := db.DeleteReport(ctx, "C1", "3.0", identityDay(12)); err != nil {
			t.Fatal(err)
		}
		var resolved sql.NullInt64
		if err := rawDB(t, db).QueryRow(fmt.Sprintf(`SELECT resolved_at FROM blockers WHERE id = %d`, entries[0].ID)).Scan(&resolved); err != nil {
			t.Fatal(err)
		}
		if resolved.Valid {
			t.Fatalf("after deleting the report that found the silence, blocker %d is closed at %d; want open (readers expire it lazily)",
				entries[0].ID, resolved.Int64)
		}
	})
}
