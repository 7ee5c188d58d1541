package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// evidenceLines renders a ledger one blocker a line: person, node, topic, status and
// closing time, then each piece of evidence as effect@day:report text.
func evidenceLines(at time.Time, list []unblock.LedgerEntry) []string {
	var out []string
	for _, e := range list {
		s := fmt.Sprintf("%s->%s %q %s seen=%s", e.PersonID, e.To, e.Topic, e.StatusAt(at), e.LastSeenAt.Format("Mon"))
		if !e.ResolvedAt.IsZero() {
			s += fmt.Sprintf(" %s@%s", e.Resolution, e.ResolvedAt.Format("Mon"))
		}
		for _, ev := range e.Evidence {
			s += fmt.Sprintf(" | %s@%s:%s", ev.Effect, ev.Report.At.Format("Mon"), ev.Report.Text)
		}
		out = append(out, s)
	}
	return out
}

// ledgerWeek is a week in which a blocker is opened, kept and resolved; one
// expires; one is dismissed; one stays open.
func ledgerWeek(t *testing.T, db *store.DB) {
	t.Helper()
	mustPeople(t, db)
	db.SetExpireAfter(1)
	apply(t, db, report("U1", "1.1", day(0)), said("waiting on design for checkout mocks", blocked("checkout mocks", role("design"))))
	apply(t, db, report("U1", "1.2", day(1)), said("still no checkout mocks from design", blocked("checkout mocks", role("design"))))
	apply(t, db, report("U1", "1.3", day(2)), said("no blockers", none()))
	apply(t, db, report("U2", "2.1", day(0)), said("need <@U1> to do the API review", blocked("API review", person("<@U1>"))))
	apply(t, db, report("U2", "2.2", day(1)), said("blocked on legal for the DPA", blocked("DPA", role("legal"))))
	ch := apply(t, db, report("U3", "3.1", day(0)), said("icons from design", blocked("icons", role("design"))))
	if _, err := db.ResolveBlocker(context.Background(), ch.Opened[0].ID, unblock.ResolvedByDismiss, day(1)); err != nil {
		t.Fatal(err)
	}
}

// said gives st the text of the report that said it.
func said(text string, st unblock.Statement) unblock.Statement {
	st.Text = text
	return st
}

func TestLedger(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()

		t.Run("OK", func(t *testing.T) {
			db := MustOpenDB(t)
			ledgerWeek(t, db)
			at := day(3)
			list, err := db.Ledger(ctx, at, store.LedgerFilter{})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{
				`U1->role:design "checkout mocks" resolved seen=Tue none@Wed | opened@Mon:waiting on design for checkout mocks | seen@Tue:still no checkout mocks from design | resolved@Wed:no blockers`,
				`U2->U1 "API review" expired seen=Mon expired@Tue | opened@Mon:need <@U1> to do the API review | expired@Tue:blocked on legal for the DPA`,
				`U3->role:design "icons" dismissed seen=Mon dismissed@Tue | opened@Mon:icons from design`,
				`U2->role:legal "DPA" open seen=Tue | opened@Tue:blocked on legal for the DPA`,
			}
			if got := evidenceLines(at, list); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("Ledger=\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if list[0].PersonRole != unblock.RoleEngineering || list[0].ToRole != unblock.RoleDesign || list[1].ToRole != unblock.RoleEngineering {
				t.Fatalf("roles = %s->%s, %s->%s; want engineering->design and U1's role engineering",
					list[0].PersonRole, list[0].ToRole, list[1].PersonRole, list[1].ToRole)
			}
			ev := list[0].Evidence[0].Report
			if ev.Channel != "C1" || ev.TS != "1.1" || ev.PersonID != "U1" || ev.Source != unblock.SourceImport || ev.ID == 0 {
				t.Fatalf("opening report = %+v; want C1/1.1 by U1 from an import", ev)
			}
		})

		t.Run("OKAsOf", func(t *testing.T) {
			// On Tuesday at noon the blocker resolved on Wednesday is still open, seen
			// on Tuesday; Wednesday's report is not yet evidence.
			db := MustOpenDB(t)
			ledgerWeek(t, db)
			at := day(1).Add(3 * time.Hour)
			list, err := db.Ledger(ctx, at, store.LedgerFilter{Person: "U1"})
			if err != nil {
				t.Fatal(err)
			}
			want := `U1->role:design "checkout mocks" open seen=Tue | opened@Mon:waiting on design for checkout mocks | seen@Tue:still no checkout mocks from design`
			if got := evidenceLines(at, list); len(got) != 1 || got[0] != want {
				t.Fatalf("Ledger(Tue noon, U1)=\n%s\nwant\n%s", strings.Join(got, "\n"), want)
			}
			// Before anything was said, nothing is listed; [] rather than nil.
			if list, err := db.Ledger(ctx, day(0).Add(-time.Hour), store.LedgerFilter{}); err != nil || list == nil || len(list) != 0 {
				t.Fatalf("Ledger(before the week) = %v, %v; want an empty list", list, err)
			}
		})

		t.Run("OKOpenOnly", func(t *testing.T) {
			db := MustOpenDB(t)
			ledgerWeek(t, db)
			list, err := db.Ledger(ctx, day(3), store.LedgerFilter{OpenOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].To != "role:legal" || list[0].StatusAt(day(3)) != unblock.StatusOpen {
				t.Fatalf("Ledger(open) = %v; want only U2's wait on legal", evidenceLines(day(3), list))
			}
			open := openAt(t, db, day(3))
			if len(open) != len(list) || open[0].ID != list[0].ID {
				t.Fatalf("Ledger(open) lists %d blockers, OpenBlockers %d: they must agree", len(list), len(open))
			}
		})

		t.Run("OKSilence", func(t *testing.T) {
			// Its author never reports again: the blocker expired a week after their
			// last report, with no report to close it, and is not open.
			db := MustOpenDB(t)
			mustPeople(t, db)
			db.SetExpireSilence(7 * 24 * time.Hour)
			apply(t, db, report("U4", "4.1", day(0)), said("waiting on legal for the DPA", blocked("DPA", role("legal"))))
			at := day(10)
			list, err := db.Ledger(ctx, at, store.LedgerFilter{})
			if err != nil {
				t.Fatal(err)
			}
			want := `U4->role:legal "DPA" expired seen=Mon expired@Mon | opened@Mon:waiting on legal for the DPA`
			if got := evidenceLines(at, list); len(got) != 1 || got[0] != want || !list[0].ResolvedAt.Equal(day(7)) {
				t.Fatalf("Ledger=%v (closed %v); want %s, closed %v", got, list[0].ResolvedAt, want, day(7))
			}
			if open, err := db.Ledger(ctx, at, store.LedgerFilter{OpenOnly: true}); err != nil || len(open) != 0 || len(openAt(t, db, at)) != 0 {
				t.Fatalf("Ledger(open) = %v, %v; want none, as OpenBlockers", evidenceLines(at, open), err)
			}
			// The day before the week was up it was still open.
			if list, _ := db.Ledger(ctx, day(6), store.LedgerFilter{OpenOnly: true}); len(list) != 1 {
				t.Fatalf("Ledger(open, day 6) = %v; want the DPA wait", evidenceLines(day(6), list))
			}
		})

		t.Run("OKNoneIsNoBlocker", func(t *testing.T) {
			// A row from before issue 14 on an artifact called "none" ("B: none, but …")
			// is no blocker: the ledger does not list it, as the digest does not count it.
			db := MustOpenDB(t)
			ledgerWeek(t, db)
			if _, err := rawDB(t, db).Exec(`UPDATE blockers SET target_kind = 'artifact', target_name = 'none',
				to_node = 'artifact:none' WHERE topic = 'DPA'`); err != nil {
				t.Fatal(err)
			}
			list, err := db.Ledger(ctx, day(3), store.LedgerFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range list {
				if e.Topic == "DPA" {
					t.Fatalf("Ledger lists the blocker on \"none\": %v", evidenceLines(day(3), list))
				}
			}
			if len(list) != 3 {
				t.Fatalf("Ledger lists %d blockers; want the other 3", len(list))
			}
		})

		t.Run("OKNoText", func(t *testing.T) {
			// privacy.store_text: false: the evidence is there, its text is not.
			db := MustOpenDB(t)
			db.SetStoreText(false)
			ledgerWeek(t, db)
			list, err := db.Ledger(ctx, day(3), store.LedgerFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var n int
			for _, e := range list {
				for _, ev := range e.Evidence {
					n++
					if ev.Report.Text != "" {
						t.Errorf("evidence of blocker %d has text %q with store_text off", e.ID, ev.Report.Text)
					}
				}
			}
			if n != 7 {
				t.Fatalf("%d pieces of evidence; want 7 without their text", n)
			}
		})
	})
}
