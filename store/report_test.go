package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// day returns 09:00 UTC on the n-th day of a test week.
func day(n int) time.Time { return time.Date(2026, 11, 16+n, 9, 0, 0, 0, time.UTC) }

func report(person, ts string, at time.Time) unblock.Report {
	return unblock.Report{PersonID: person, Channel: "C1", TS: ts, At: at, Source: unblock.SourceImport}
}

func role(name string) unblock.Target {
	return unblock.Target{Kind: unblock.TargetRole, Name: name, Role: unblock.Role(name)}
}

func person(name string) unblock.Target {
	return unblock.Target{Kind: unblock.TargetPerson, Name: name}
}

func blocked(topic string, targets ...unblock.Target) unblock.Statement {
	return unblock.Statement{Text: fmt.Sprintf("blocked on %v: %s", targets, topic), Blocked: true, Targets: targets, Topic: topic}
}

func resolved(targets ...unblock.Target) unblock.Statement {
	return unblock.Statement{Text: fmt.Sprintf("unblocked %v", targets), Resolved: true, Targets: targets}
}

func none() unblock.Statement { return unblock.Statement{Text: "no blockers", None: true} }

func chatter(s string) unblock.Statement { return unblock.Statement{Text: s} }

// apply applies st as report r, with the statement's text, and fails the test on error.
func apply(tb testing.TB, db *store.DB, r unblock.Report, st unblock.Statement) unblock.Change {
	tb.Helper()
	r.Text = st.Text
	ch, err := db.ApplyReport(context.Background(), r, st)
	if err != nil {
		tb.Fatalf("ApplyReport(%s, %q): %v", r.TS, st.Text, err)
	}
	return ch
}

func openAt(tb testing.TB, db *store.DB, at time.Time) []unblock.Blocker {
	tb.Helper()
	open, err := db.OpenBlockers(context.Background(), at)
	if err != nil {
		tb.Fatal(err)
	}
	return open
}

// summary renders a blocker without its ID, for comparing outcomes.
func summary(b unblock.Blocker) string {
	s := fmt.Sprintf("%s->%s %q opened=%s seen=%s", b.PersonID, b.To, b.Topic, b.OpenedAt.Format("Mon"), b.LastSeenAt.Format("Mon"))
	if !b.Open() {
		s += fmt.Sprintf(" %s@%s", b.Resolution, b.ResolvedAt.Format("Mon"))
	}
	return s
}

func summaries(list []unblock.Blocker) string {
	var out []string
	for _, b := range list {
		out = append(out, summary(b))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func mustPeople(tb testing.TB, db *store.DB) {
	tb.Helper()
	if err := db.UpsertPeople(context.Background(), []unblock.Person{
		{ID: "U1", Name: "ana", RealName: "Ana Ruiz", Role: unblock.RoleEngineering},
		{ID: "U2", Name: "bo", RealName: "Bo Li", Role: unblock.RoleDesign},
		{ID: "U3", Name: "sam.p", RealName: "Sam Park", Role: unblock.RoleProduct},
		{ID: "U4", Name: "sam.q", RealName: "Sam Quinn", Role: unblock.RoleQA},
		{ID: "B1", Name: "ana", RealName: "Ana Bot", IsBot: true},
	}); err != nil {
		tb.Fatal(err)
	}
}

func TestApplyReport_Open(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			db := MustOpenDB(t)
			mustPeople(t, db)
			ch := apply(t, db, report("U1", "1.0", day(0)), blocked("checkout mocks", role("design"), role("design")))
			if got, want := len(ch.Opened), 1; got != want {
				t.Fatalf("len(Opened)=%d, want %d (one blocker per target)", got, want)
			}
			b := ch.Opened[0]
			if b.To != "role:design" || b.ToRole != unblock.RoleDesign || b.PersonRole != unblock.RoleEngineering || b.Topic != "checkout mocks" {
				t.Fatalf("Opened=%+v, want U1 (engineering) -> role:design (design) on checkout mocks", b)
			}
			if b.ReportID != ch.ReportID || ch.ReportID == 0 {
				t.Fatalf("ReportID=%d, Change.ReportID=%d, want the same non-zero ID", b.ReportID, ch.ReportID)
			}
			if got, err := db.Blocker(context.Background(), b.ID); err != nil {
				t.Fatal(err)
			} else if summary(got) != summary(b) {
				t.Fatalf("Blocker=%s, want %s", summary(got), summary(b))
			}
		})

		t.Run("OKNoTarget", func(t *testing.T) {
			db := MustOpenDB(t)
			ch := apply(t, db, report("U1", "1.0", day(0)), blocked("API spec"))
			if len(ch.Opened) != 1 || ch.Opened[0].To != "artifact:api-spec" || ch.Opened[0].Target.Kind != unblock.TargetArtifact {
				t.Fatalf("Opened=%+v, want one blocker on artifact:api-spec", ch.Opened)
			}
			ch = apply(t, db, report("U2", "2.0", day(0)), blocked(""))
			if len(ch.Opened) != 1 || ch.Opened[0].To != "artifact:unspecified" {
				t.Fatalf("Opened=%+v, want one blocker on artifact:unspecified", ch.Opened)
			}
		})

		t.Run("ErrInvalid", func(t *testing.T) {
			db := MustOpenDB(t)
			for _, r := range []unblock.Report{
				{PersonID: "U1", TS: "1.0", At: day(0)},
				{PersonID: "U1", Channel: "C1", At: day(0)},
				{Channel: "C1", TS: "1.0", At: day(0)},
				{PersonID: "U1", Channel: "C1", TS: "1.0"},
			} {
				if _, err := db.ApplyReport(context.Background(), r, blocked("x")); unblock.ErrorCode(err) != unblock.EINVALID {
					t.Fatalf("ApplyReport(%+v) err=%v, want EINVALID", r, err)
				}
			}
		})
	})
}

func TestApplyReport_Keep(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			db := MustOpenDB(t)
			mustPeople(t, db)
			first := apply(t, db, report("U1", "1.0", day(0)), blocked("checkout mocks", role("design"))).Opened[0]

			// "still blocked on design": no topic, the same blocker.
			ch := apply(t, db, report("U1", "2.0", day(1)), blocked("", role("design")))
			if len(ch.Opened) != 0 || len(ch.Seen) != 1 || ch.Seen[0].ID != first.ID {
				t.Fatalf("day 1: Opened=%v Seen=%v, want blocker %d seen again", ch.Opened, ch.Seen, first.ID)
			}
			// A topic phrased differently but contained in the first: still the same one.
			ch = apply(t, db, report("U1", "3.0", day(2)), blocked("Mocks", role("design")))
			if len(ch.Opened) != 0 || len(ch.Seen) != 1 {
				t.Fatalf("day 2: Opened=%v Seen=%v, want the blocker seen again", ch.Opened, ch.Seen)
			}
			open := openAt(t, db, day(3))
			if len(open) != 1 {
				t.Fatalf("OpenBlockers=%v, want one", open)
			}
			if got, want := open[0].Age(day(3)), 3*24*time.Hour; got != want {
				t.Fatalf("Age=%v, want %v (age continues from the first report)", got, want)
			}
			if !open[0].LastSeenAt.Equal(day(2)) {
				t.Fatalf("LastSeenAt=%v, want %v", open[0].LastSeenAt, day(2))
			}

			// Another topic on the same target is another blocker.
			ch = apply(t, db, report("U1", "4.0", day(3)), blocked("pricing page copy", role("design")))
			if len(ch.Opened) != 1 {
				t.Fatalf("Opened=%v, want a second blocker for another topic", ch.Opened)
			}
		})
	})
}

func TestApplyReport_Resolve(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OKByTarget", func(t *testing.T) {
			db := MustOpenDB(t)
			mustPeople(t, db)
			apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design")))
			apply(t, db, report("U1", "1.1", day(0)), blocked("test plan", role("qa")))
			ch := apply(t, db, report("U1", "2.0", day(1)), resolved(role("design")))
			if len(ch.Resolved) != 1 || ch.Resolved[0].To != "role:design" || ch.Resolved[0].Resolution != unblock.ResolvedByStatement {
				t.Fatalf("Resolved=%v, want the design blocker resolved by statement", ch.Resolved)
			}
			if got, want := summaries(openAt(t, db, day(1))), `U1->role:qa "test plan" opened=Mon seen=Mon`; got != want {
				t.Fatalf("open=\n%s\nwant\n%s", got, want)
			}
		})

		t.Run("OKRoleMatchesPerson", func(t *testing.T) {
			db := MustOpenDB(t)
			mustPeople(t, db)
			apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", person("<@U2>")))
			ch := apply(t, db, report("U1", "2.0", day(1)), resolved(role("design")))
			if len(ch.Resolved) != 1 || ch.Resolved[0].To != "U2" {
				t.Fatalf("Resolved=%v, want the blocker on designer U2", ch.Resolved)
			}
		})

		t.Run("OKNone", func(t *testing.T) {
			db := MustOpenDB(t)
			apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design")))
			apply(t, db, report("U1", "1.1", day(0)), blocked("estimate", role("engineering")))
			apply(t, db, report("U2", "1.2", day(0)), blocked("roadmap", role("product")))
			ch := apply(t, db, report("U1", "2.0", day(1)), none())
			if got, want := len(ch.Resolved), 2; got != want {
				t.Fatalf("len(Resolved)=%d, want %d", got, want)
			}
			for _, b := range ch.Resolved {
				if b.Resolution != unblock.ResolvedByNone || !b.ResolvedAt.Equal(day(1)) {
					t.Fatalf("Resolved=%+v, want resolved by none at %v", b, day(1))
				}
			}
			if got, want := summaries(openAt(t, db, day(1))), `U2->role:product "roadmap" opened=Mon seen=Mon`; got != want {
				t.Fatalf("open=\n%s\nwant\n%s (another person's blockers stay)", got, want)
			}
		})

		t.Run("OKWithoutTargetAndNewBlocker", func(t *testing.T) {
			db := MustOpenDB(t)
			apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design")))
			st := blocked("test plan", role("qa"))
			st.Resolved = true // "unblocked now, next I'm waiting on QA for the test plan"
			ch := apply(t, db, report("U1", "2.0", day(1)), st)
			if len(ch.Resolved) != 1 || ch.Resolved[0].To != "role:design" {
				t.Fatalf("Resolved=%v, want the design blocker", ch.Resolved)
			}
			if len(ch.Opened) != 1 || ch.Opened[0].To != "role:qa" {
				t.Fatalf("Opened=%v, want a QA blocker", ch.Opened)
			}
			// A bare "unblocked!" resolves everything left.
			ch = apply(t, db, report("U1", "3.0", day(2)), resolved())
			if len(ch.Resolved) != 1 || ch.Resolved[0].To != "role:qa" {
				t.Fatalf("Resolved=%v, want the QA blocker", ch.Resolved)
			}
		})

		t.Run("OKButton", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			b := apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design"))).Opened[0]
			got, err := db.ResolveBlocker(ctx, b.ID, unblock.ResolvedByButton, day(1))
			if err != nil {
				t.Fatal(err)
			}
			if got.Resolution != unblock.ResolvedByButton || !got.ResolvedAt.Equal(day(1)) {
				t.Fatalf("ResolveBlocker=%+v, want resolved by button at %v", got, day(1))
			}
			again, err := db.ResolveBlocker(ctx, b.ID, unblock.ResolvedByDismiss, day(2))
			if err != nil {
				t.Fatal(err)
			} else if again.Resolution != unblock.ResolvedByButton || !again.ResolvedAt.Equal(day(1)) {
				t.Fatalf("second ResolveBlocker=%+v, want the first resolution kept", again)
			}
		})

		t.Run("ErrNotFound", func(t *testing.T) {
			db := MustOpenDB(t)
			if _, err := db.ResolveBlocker(context.Background(), 42, unblock.ResolvedByButton, day(1)); unblock.ErrorCode(err) != unblock.ENOTFOUND {
				t.Fatalf("ResolveBlocker err=%v, want ENOTFOUND", err)
			}
			if _, err := db.Blocker(context.Background(), 42); unblock.ErrorCode(err) != unblock.ENOTFOUND {
				t.Fatalf("Blocker err=%v, want ENOTFOUND", err)
			}
		})
	})
}

func TestApplyReport_Expiry(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			db := MustOpenDB(t)
			db.SetExpireAfter(2)
			b := apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design"))).Opened[0]
			apply(t, db, report("U1", "2.0", day(1)), blocked("test plan", role("qa"))) // design: 1 miss
			apply(t, db, report("U1", "2.5", day(1)), chatter("lunch?"))                // chatter is no report
			ch := apply(t, db, report("U1", "3.0", day(2)), blocked("test plan", role("qa")))
			if len(ch.Resolved) != 1 || ch.Resolved[0].ID != b.ID || ch.Resolved[0].Resolution != unblock.ResolvedByExpiry ||
				!ch.Resolved[0].ResolvedAt.Equal(day(2)) {
				t.Fatalf("Resolved=%+v, want blocker %d expired at %v", ch.Resolved, b.ID, day(2))
			}
			if got, want := summaries(openAt(t, db, day(2))), `U1->role:qa "test plan" opened=Tue seen=Wed`; got != want {
				t.Fatalf("open=\n%s\nwant\n%s", got, want)
			}
		})

		t.Run("OKMentionResetsCount", func(t *testing.T) {
			db := MustOpenDB(t)
			db.SetExpireAfter(2)
			apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design")))
			apply(t, db, report("U1", "2.0", day(1)), blocked("test plan", role("qa")))
			apply(t, db, report("U1", "3.0", day(2)), blocked("", role("design"), role("qa")))
			apply(t, db, report("U1", "4.0", day(3)), blocked("", role("qa")))
			if got := len(openAt(t, db, day(3))); got != 2 {
				t.Fatalf("open=%d, want 2 (design was mentioned on day 2, one miss since)", got)
			}
		})

		t.Run("OKOff", func(t *testing.T) {
			db := MustOpenDB(t)
			db.SetExpireAfter(0)
			apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design")))
			for i := 1; i < 6; i++ {
				apply(t, db, report("U1", fmt.Sprintf("%d.0", i+1), day(i)), blocked("test plan", role("qa")))
			}
			if got := len(openAt(t, db, day(6))); got != 2 {
				t.Fatalf("open=%d, want 2 with expiry off", got)
			}
		})
	})
}

func TestApplyReport_Edit(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			b := apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design"))).Opened[0]

			// The author fixes the message: it was legal, not design.
			r := report("U1", "1.0", day(0))
			r.Edited = true
			ch := apply(t, db, r, blocked("DPA review", role("legal")))
			if len(ch.Resolved) != 1 || ch.Resolved[0].ID != b.ID || ch.Resolved[0].Resolution != unblock.ResolvedByWithdraw {
				t.Fatalf("Resolved=%v, want blocker %d withdrawn", ch.Resolved, b.ID)
			}
			if len(ch.Opened) != 1 || ch.Opened[0].To != "role:legal" || !ch.Opened[0].OpenedAt.Equal(day(0)) {
				t.Fatalf("Opened=%v, want legal opened at the report's time", ch.Opened)
			}
			if _, err := db.Blocker(ctx, b.ID); unblock.ErrorCode(err) != unblock.ENOTFOUND {
				t.Fatalf("withdrawn blocker: err=%v, want ENOTFOUND (deleted, never counted as resolved)", err)
			}
			in, err := db.BlockersIn(ctx, day(-1), day(7))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := summaries(in), `U1->role:legal "DPA review" opened=Mon seen=Mon`; got != want {
				t.Fatalf("BlockersIn=\n%s\nwant\n%s", got, want)
			}

			// An edit that keeps the target keeps the blocker and its ID.
			legal := ch.Opened[0]
			ch = apply(t, db, r, blocked("DPA review", role("legal"), role("security")))
			if len(ch.Resolved) != 0 || len(ch.Opened) != 1 || ch.Opened[0].To != "role:security" {
				t.Fatalf("Change=%+v, want security opened, nothing withdrawn", ch)
			}
			if len(ch.Seen) != 1 || ch.Seen[0].ID != legal.ID {
				t.Fatalf("Seen=%v, want legal blocker %d kept", ch.Seen, legal.ID)
			}
		})

		t.Run("OKUndoesResolution", func(t *testing.T) {
			db := MustOpenDB(t)
			apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design")))
			apply(t, db, report("U1", "2.0", day(1)), none())
			// "no blockers" was a mistake: the author edits it into "still waiting on design".
			ch := apply(t, db, report("U1", "2.0", day(1)), blocked("", role("design")))
			if len(ch.Seen) != 1 || len(ch.Opened) != 0 {
				t.Fatalf("Change=%+v, want the design blocker seen again", ch)
			}
			if got, want := summaries(openAt(t, db, day(2))), `U1->role:design "mocks" opened=Mon seen=Tue`; got != want {
				t.Fatalf("open=\n%s\nwant\n%s", got, want)
			}
		})

		t.Run("OKIntoChatter", func(t *testing.T) {
			db := MustOpenDB(t)
			apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design")))
			ch := apply(t, db, report("U1", "1.0", day(0)), chatter("never mind"))
			if len(ch.Resolved) != 1 || ch.Resolved[0].Resolution != unblock.ResolvedByWithdraw {
				t.Fatalf("Resolved=%v, want the blocker withdrawn", ch.Resolved)
			}
			if open := openAt(t, db, day(1)); len(open) != 0 {
				t.Fatalf("open=%v, want none", open)
			}
		})
	})
}

func TestDeleteReport(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			b := apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design"))).Opened[0]
			ch, err := db.DeleteReport(ctx, "C1", "1.0", day(1))
			if err != nil {
				t.Fatal(err)
			}
			if len(ch.Resolved) != 1 || ch.Resolved[0].ID != b.ID || ch.Resolved[0].Resolution != unblock.ResolvedByWithdraw {
				t.Fatalf("Resolved=%v, want blocker %d withdrawn", ch.Resolved, b.ID)
			}
			if open := openAt(t, db, day(1)); len(open) != 0 {
				t.Fatalf("open=%v, want none", open)
			}
			if ch, err := db.DeleteReport(ctx, "C1", "1.0", day(1)); err != nil || !ch.Unchanged {
				t.Fatalf("second DeleteReport=%+v, %v; want Unchanged", ch, err)
			}
			// A deleted message seen again (an older export) stays deleted.
			if ch := apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design"))); !ch.Unchanged {
				t.Fatalf("ApplyReport after delete=%+v, want Unchanged", ch)
			}
			if ch, err := db.DeleteReport(ctx, "C1", "9.9", day(1)); err != nil || !ch.Unchanged {
				t.Fatalf("DeleteReport of an unknown report=%+v, %v; want Unchanged", ch, err)
			}
		})

		t.Run("OKUndoesExpiry", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			db.SetExpireAfter(2)
			apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design")))
			apply(t, db, report("U1", "2.0", day(1)), blocked("test plan", role("qa")))
			if ch := apply(t, db, report("U1", "3.0", day(2)), blocked("", role("qa"))); len(ch.Resolved) != 1 {
				t.Fatalf("Resolved=%v, want design expired after two misses", ch.Resolved)
			}
			// Without the day-1 report, design has missed only one report: open again.
			if _, err := db.DeleteReport(ctx, "C1", "2.0", day(3)); err != nil {
				t.Fatal(err)
			}
			want := "U1->role:design \"mocks\" opened=Mon seen=Mon\nU1->role:qa \"\" opened=Wed seen=Wed"
			if got := summaries(openAt(t, db, day(3))); got != want {
				t.Fatalf("open=\n%s\nwant\n%s", got, want)
			}
		})

		t.Run("OKKeepsWhatOthersOpened", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			b := apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design"))).Opened[0]
			apply(t, db, report("U1", "2.0", day(1)), blocked("", role("design")))
			ch, err := db.DeleteReport(ctx, "C1", "1.0", day(2))
			if err != nil {
				t.Fatal(err)
			}
			if len(ch.Resolved) != 0 {
				t.Fatalf("Resolved=%v, want nothing: the day-1 report still names design", ch.Resolved)
			}
			open := openAt(t, db, day(2))
			if len(open) != 1 || open[0].ID != b.ID || !open[0].OpenedAt.Equal(day(1)) {
				t.Fatalf("open=%v, want blocker %d kept, opened by the day-1 report", open, b.ID)
			}
		})
	})
}

func TestApplyReport_Idempotent(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			db := MustOpenDB(t)
			db.SetExpireAfter(2)
			st := blocked("mocks", role("design"))
			first := apply(t, db, report("U1", "1.0", day(0)), st)
			apply(t, db, report("U1", "2.0", day(1)), blocked("plan", role("qa")))
			before := summaries(openAt(t, db, day(2)))
			for i := 0; i < 3; i++ {
				ch := apply(t, db, report("U1", "1.0", day(0)), st)
				if !ch.Unchanged || ch.ReportID != first.ReportID || len(ch.Opened)+len(ch.Seen)+len(ch.Resolved) != 0 {
					t.Fatalf("repeat %d: Change=%+v, want Unchanged", i, ch)
				}
			}
			if after := summaries(openAt(t, db, day(2))); after != before {
				t.Fatalf("open after repeats=\n%s\nwant\n%s (no miss counted twice)", after, before)
			}
			if ch := apply(t, db, report("U1", "3.0", day(2)), chatter("shipping the thing")); ch.ReportID != 0 || ch.Unchanged {
				t.Fatalf("chatter Change=%+v, want a zero Change (not stored)", ch)
			}
		})
	})
}

func TestApplyReport_PersonTargets(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		tests := []struct {
			name   string
			target string
			to     string
			toRole unblock.Role
		}{
			{"mention", "<@U2>", "U2", unblock.RoleDesign},
			{"mention with label", "<@U3|sam.p>", "U3", unblock.RoleProduct},
			{"display name", "Bo", "U2", unblock.RoleDesign},
			{"at display name", "@sam.q", "U4", unblock.RoleQA},
			{"real name", "ana RUIZ", "U1", unblock.RoleEngineering},
			{"unique first name", "Ana", "U1", unblock.RoleEngineering},
			{"ambiguous first name", "Sam", "person:sam", ""},
			{"unknown name", "Zed Zed", "person:zed-zed", ""},
			{"unknown mention", "<@U999>", "U999", ""},
		}
		db := MustOpenDB(t)
		mustPeople(t, db)
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// One blocked person per case: "real name" and "unique first name" on Ana are one wait.
				ch := apply(t, db, report(fmt.Sprintf("P%d", i), fmt.Sprintf("%d.0", i), day(0)), blocked(tt.name, person(tt.target)))
				if len(ch.Opened) != 1 {
					t.Fatalf("Opened=%v, want one", ch.Opened)
				}
				if b := ch.Opened[0]; b.To != tt.to || b.ToRole != tt.toRole || b.Target.Name != tt.target {
					t.Fatalf("target %q: To=%q ToRole=%q Target=%+v; want To=%q ToRole=%q", tt.target, b.To, b.ToRole, b.Target, tt.to, tt.toRole)
				}
			})
		}
	})
}

func TestOpenBlockers_AsOf(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			mustPeople(t, db)
			apply(t, db, report("U1", "1.0", day(1)), blocked("mocks", role("design")))
			apply(t, db, report("U2", "1.1", day(2)), blocked("direction", role("product")))
			apply(t, db, report("U1", "2.0", day(3)), none())

			for _, tt := range []struct {
				at   time.Time
				want int
			}{{day(0), 0}, {day(1), 1}, {day(2), 2}, {day(3), 1}, {day(4), 1}} {
				if got := len(openAt(t, db, tt.at)); got != tt.want {
					t.Fatalf("OpenBlockers(%s)=%d, want %d", tt.at.Format(time.DateOnly), got, tt.want)
				}
			}
			of, err := db.BlockersOf(ctx, "U1", day(2))
			if err != nil {
				t.Fatal(err)
			}
			if len(of) != 1 || of[0].PersonID != "U1" || of[0].PersonRole != unblock.RoleEngineering {
				t.Fatalf("BlockersOf(U1, day 2)=%v, want U1's design blocker", of)
			}
			in, err := db.BlockersIn(ctx, day(3), day(4))
			if err != nil {
				t.Fatal(err)
			}
			if len(in) != 1 || in[0].Resolution != unblock.ResolvedByNone {
				t.Fatalf("BlockersIn(day 3)=%v, want the blocker resolved that day", in)
			}
		})
	})
}

// TestApplyReport_OutOfOrder applies a person's week in shuffled orders and
// expects the same blockers as in time order.
func TestApplyReport_OutOfOrder(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		week := []struct {
			ts string
			at time.Time
			st unblock.Statement
		}{
			{"1.0", day(0), blocked("mocks", role("design"))},
			{"2.0", day(1), blocked("", role("design"))},
			{"2.1", day(1), blocked("estimate", person("<@U3>"))},
			{"3.0", day(2), resolved(role("design"))},
			{"4.0", day(3), blocked("test plan", role("qa"))},
			{"5.0", day(4), blocked("", role("qa"))},
			{"6.0", day(5), none()},
			{"7.0", day(6), blocked("DPA", role("legal"))},
			{"7.5", day(6), chatter("coffee")},
			{"8.0", day(7), blocked("", role("security"))},
			{"9.0", day(8), blocked("", role("security"))},
		}
		run := func(t *testing.T, order []int) string {
			db := MustOpenDB(t)
			db.SetExpireAfter(2)
			mustPeople(t, db)
			for _, i := range order {
				apply(t, db, report("U1", week[i].ts, week[i].at), week[i].st)
			}
			all, err := db.BlockersIn(context.Background(), day(-1), day(30))
			if err != nil {
				t.Fatal(err)
			}
			return summaries(all)
		}
		var inOrder []int
		for i := range week {
			inOrder = append(inOrder, i)
		}
		want := run(t, inOrder)
		if !strings.Contains(want, `U1->role:legal "DPA" opened=Sun seen=Sun expired@Tue`) {
			t.Fatalf("in order:\n%s\nwant the legal blocker expired after two misses", want)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for n := 0; n < 6; n++ {
			order := rng.Perm(len(week))
			if n == 0 {
				for i := range order {
					order[i] = len(week) - 1 - i
				}
			}
			t.Run(fmt.Sprint(order), func(t *testing.T) {
				if got := run(t, order); got != want {
					t.Fatalf("order %v:\n%s\nwant (in time order)\n%s", order, got, want)
				}
			})
		}
	})
}

func TestSetStoreText(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			db := MustOpenDB(t)
			db.SetStoreText(false)
			st := blocked("mocks", role("design"))
			st.Text = "blocked on design for the secret mocks"
			apply(t, db, report("U1", "1.0", day(0)), st)
			var text string
			if err := rawDB(t, db).QueryRow(`SELECT text FROM reports WHERE ts = '1.0'`).Scan(&text); err != nil {
				t.Fatal(err)
			} else if text != "" {
				t.Fatalf("stored text=%q, want none", text)
			}
			if ch := apply(t, db, report("U1", "1.0", day(0)), st); !ch.Unchanged {
				t.Fatalf("repeat=%+v, want Unchanged", ch)
			}
			st.Text = "blocked on design for the secret mocks (edited)"
			if ch := apply(t, db, report("U1", "1.0", day(0)), st); ch.Unchanged {
				t.Fatalf("edit=%+v, want it detected without the stored text", ch)
			}
		})
	})
}
