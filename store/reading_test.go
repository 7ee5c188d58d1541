package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// queue applies st as report r and queues it for the LLM reader.
func queue(tb testing.TB, db *store.DB, r unblock.Report, st unblock.Statement) unblock.Change {
	tb.Helper()
	r.Text = st.Text
	ch, err := db.ApplyReportQueued(context.Background(), r, st, true, r.At)
	if err != nil {
		tb.Fatalf("ApplyReportQueued(%s): %v", r.TS, err)
	}
	return ch
}

func pending(tb testing.TB, db *store.DB, now time.Time) []unblock.Reading {
	tb.Helper()
	list, err := db.PendingReadings(context.Background(), now, 100)
	if err != nil {
		tb.Fatal(err)
	}
	return list
}

func TestReadings(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		later := day(1) // a week of silence would expire what is open

		t.Run("OK", func(t *testing.T) {
			db := MustOpenDB(t)
			r := report("U1", "1.0", day(0))
			r.Standup = true
			queue(t, db, r, blocked("checkout mocks", role("design")))
			list := pending(t, db, later)
			if len(list) != 1 {
				t.Fatalf("%d pending; want 1", len(list))
			}
			rd := list[0]
			if rd.Report.PersonID != "U1" || !rd.Report.At.Equal(day(0)) || !rd.Report.Standup || rd.Report.Text == "" || !rd.Rules.Blocked ||
				rd.Rules.Topic != "checkout mocks" || len(rd.Rules.Targets) != 1 || rd.Rules.Text != rd.Report.Text {
				t.Fatalf("reading = %+v", rd)
			}
			// The LLM says it is no blocker: the rules' blocker is withdrawn.
			if ok, err := db.ReviseReading(ctx, rd.ID, unblock.Statement{}); err != nil || !ok {
				t.Fatalf("ReviseReading = %v, %v; want true", ok, err)
			}
			if got := openAt(t, db, later); len(got) != 0 {
				t.Errorf("open after the revision: %s; want none", summaries(got))
			}
			if got := pending(t, db, later); len(got) != 0 {
				t.Errorf("%d pending after the revision; want 0", len(got))
			}
			var edited bool
			if err := rawDB(t, db).QueryRow(`SELECT edited FROM reports WHERE ts = '1.0'`).Scan(&edited); err != nil || edited {
				t.Errorf("edited = %v, %v; a revision is not the author's edit", edited, err)
			}
		})

		t.Run("ChatterTheRulesPassedOver", func(t *testing.T) {
			db := MustOpenDB(t)
			ch := queue(t, db, report("U1", "1.0", day(0)), chatter("the PR has sat in review since Tuesday"))
			if ch.ReportID != 0 {
				t.Fatalf("chatter stored as report %d", ch.ReportID)
			}
			rd := pending(t, db, later)[0]
			if ok, err := db.ReviseReading(ctx, rd.ID, blocked("PR review", unblock.Target{Kind: unblock.TargetArtifact, Name: "PR"})); err != nil || !ok {
				t.Fatalf("ReviseReading = %v, %v", ok, err)
			}
			if got, want := summaries(openAt(t, db, later)), `U1->artifact:pr "PR review" opened=Mon seen=Mon`; got != want {
				t.Errorf("open = %s; want %s", got, want)
			}
		})

		t.Run("StaleAfterAnEdit", func(t *testing.T) {
			db := MustOpenDB(t)
			queue(t, db, report("U1", "1.0", day(0)), blocked("checkout mocks", role("design")))
			old := pending(t, db, later)[0]
			edit := report("U1", "1.0", day(0))
			edit.Edited = true
			queue(t, db, edit, blocked("DPA", role("legal")))
			list := pending(t, db, later)
			if len(list) != 1 || list[0].ID == old.ID || list[0].Rules.Topic != "DPA" {
				t.Fatalf("after the edit: %+v; want one reading under a new ID", list)
			}
			if ok, err := db.ReviseReading(ctx, old.ID, unblock.Statement{}); err != nil || ok {
				t.Fatalf("ReviseReading(old) = %v, %v; want false", ok, err)
			}
			if got, want := summaries(openAt(t, db, later)), `U1->role:legal "DPA" opened=Mon seen=Mon`; got != want {
				t.Errorf("open = %s; want %s (the old answer changed nothing)", got, want)
			}
			// An edit into chatter the reader need not see drops the reading.
			if _, err := db.ApplyReportQueued(ctx, report("U1", "1.0", day(0)), chatter("lunch?"), false, day(0)); err != nil {
				t.Fatal(err)
			}
			if got := pending(t, db, later); len(got) != 0 {
				t.Errorf("%d pending after an edit that is not queued; want 0", len(got))
			}
		})

		t.Run("StaleAfterADeletion", func(t *testing.T) {
			db := MustOpenDB(t)
			queue(t, db, report("U1", "1.0", day(0)), chatter("the PR has sat in review since Tuesday"))
			rd := pending(t, db, later)[0]
			if _, err := db.DeleteReportQueued(ctx, "C1", "1.0", day(1)); err != nil {
				t.Fatal(err)
			}
			if ok, err := db.ReviseReading(ctx, rd.ID, blocked("review", role("engineering"))); err != nil || ok {
				t.Fatalf("ReviseReading after deletion = %v, %v; want false", ok, err)
			}
			if got := openAt(t, db, later); len(got) != 0 {
				t.Errorf("a deleted message opened %s", summaries(got))
			}
		})

		t.Run("Context", func(t *testing.T) {
			db := MustOpenDB(t)
			apply(t, db, report("U1", "1.0", day(0)), blocked("checkout mocks", role("design")))
			apply(t, db, report("U1", "2.0", day(1)), blocked("DPA", role("legal")))
			apply(t, db, report("U2", "3.0", day(1)), blocked("estimate", role("engineering")))
			// The rules read "design sent the mocks, now waiting on data" as a
			// resolution of design and a new blocker on data.
			queue(t, db, report("U1", "4.0", day(2)), unblock.Statement{Text: "design sent the mocks, now waiting on data",
				Blocked: true, Resolved: true, Targets: []unblock.Target{role("data")}})
			rd := pending(t, db, later)[0]
			open, err := db.ReadingContext(ctx, rd)
			if err != nil {
				t.Fatal(err)
			}
			// Design and legal were open just before; data is the report's own.
			if got, want := summaries(open), "U1->role:design \"checkout mocks\" opened=Mon seen=Mon statement@Wed\nU1->role:legal \"DPA\" opened=Tue seen=Tue statement@Wed"; got != want {
				t.Errorf("context:\n%s\nwant:\n%s", got, want)
			}
		})

		t.Run("Retry", func(t *testing.T) {
			db := MustOpenDB(t)
			queue(t, db, report("U1", "1.0", day(0)), none())
			rd := pending(t, db, day(0))[0]
			if err := db.RetryReading(ctx, rd.ID, day(1)); err != nil {
				t.Fatal(err)
			}
			if got := pending(t, db, day(1).Add(-time.Second)); len(got) != 0 {
				t.Errorf("a reading held until Tuesday is due on Monday")
			}
			if at, ok, err := db.NextReading(ctx); err != nil || !ok || !at.Equal(day(1)) {
				t.Errorf("NextReading = %v, %v, %v; want %v", at, ok, err, day(1))
			}
			got := pending(t, db, day(1))
			if len(got) != 1 || got[0].Attempts != 1 {
				t.Fatalf("due on Tuesday: %+v; want one with 1 attempt", got)
			}
			if err := db.DropReading(ctx, rd.ID); err != nil {
				t.Fatal(err)
			}
			queue(t, db, report("U1", "2.0", day(1)), none())
			if n, err := db.ClearReadings(ctx); err != nil || n != 1 {
				t.Errorf("ClearReadings = %d, %v; want 1", n, err)
			}
			if n, err := db.CountReadings(ctx); err != nil || n != 0 {
				t.Errorf("CountReadings = %d, %v; want 0", n, err)
			}
		})

		t.Run("Cache", func(t *testing.T) {
			db := MustOpenDB(t)
			hash := []byte{1, 2, 3}
			if _, ok, err := db.CachedAnswer(ctx, "1", "m", hash); err != nil || ok {
				t.Fatalf("CachedAnswer on an empty cache = %v, %v", ok, err)
			}
			if err := db.CacheAnswer(ctx, "1", "m", hash, `{"blocked": true}`, day(0)); err != nil {
				t.Fatal(err)
			}
			if a, ok, err := db.CachedAnswer(ctx, "1", "m", hash); err != nil || !ok || a != `{"blocked": true}` {
				t.Errorf("CachedAnswer = %q, %v, %v", a, ok, err)
			}
			for _, key := range [][2]string{{"2", "m"}, {"1", "other"}} {
				if _, ok, _ := db.CachedAnswer(ctx, key[0], key[1], hash); ok {
					t.Errorf("an answer cached for prompt 1 and model m is found for %v", key)
				}
			}
			if n, err := db.PruneReaderCache(ctx, day(0)); err != nil || n != 0 {
				t.Errorf("PruneReaderCache(the day it was cached) = %d, %v; want 0", n, err)
			}
			if n, err := db.PruneReaderCache(ctx, day(1)); err != nil || n != 1 {
				t.Errorf("PruneReaderCache(a day later) = %d, %v; want 1", n, err)
			}
			if _, ok, _ := db.CachedAnswer(ctx, "1", "m", hash); ok {
				t.Error("a pruned answer is still cached")
			}
		})
	})
}
