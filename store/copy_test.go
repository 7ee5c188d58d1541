package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
	"github.com/unblock-dev/unblock/store/pgtest"
)

// A database (SQLite, or PostgreSQL itself) copied into PostgreSQL holds the same rows (counted table by
// table) and reads the same: the same ledger; and the copy goes on from there,
// with new IDs after the copied ones.
func TestCopyTo(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		src := MustOpenDB(t) // SQLite
		dst := mustOpenPath(t, pgtest.Schema(t))
		seed(t, src)

		counts, err := src.CopyTo(ctx, dst)
		if err != nil {
			t.Fatalf("CopyTo: %v (counts %v)", err, counts)
		}
		for _, c := range counts {
			if c.Source != c.Target {
				t.Errorf("%s: %d rows copied to %d", c.Table, c.Source, c.Target)
			}
		}
		got := map[string]int64{}
		for _, c := range counts {
			got[c.Table] = c.Source
		}
		for _, table := range []string{"people", "reports", "blockers", "blocker_reports", "sessions", "posts", "readings", "reader_cache", "outbox", "inbox", "inbox_done", "standup_teams"} {
			if got[table] == 0 {
				t.Errorf("no rows of %s were copied: the seed should have some", table)
			}
		}

		want, err := src.Ledger(ctx, day(5), store.LedgerFilter{})
		if err != nil {
			t.Fatal(err)
		}
		have, err := dst.Ledger(ctx, day(5), store.LedgerFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(want, have) {
			t.Fatalf("the ledger differs after the copy:\nsqlite:   %+v\npostgres: %+v", want, have)
		}
		// New rows get new IDs after the copied ones, on both.
		next := report("U1", "9.0", day(4))
		a, b := apply(t, src, next, blocked("DPA", role("legal"))), apply(t, dst, next, blocked("DPA", role("legal")))
		if a.ReportID != b.ReportID || len(a.Opened) != len(b.Opened) || (len(a.Opened) > 0 && a.Opened[0].ID != b.Opened[0].ID) {
			t.Fatalf("the next report after the copy: sqlite %+v, postgres %+v", a, b)
		}

		// A second copy into a database that holds rows is refused, and changes nothing.
		if _, err := src.CopyTo(ctx, dst); err == nil || !strings.Contains(err.Error(), "already holds") {
			t.Fatalf("a copy into a database with rows = %v; want a refusal", err)
		}
	})
}

// The copy covers every table of the schema (migrations aside: the target has
// its own), as the source's backend lists them, so a table a future migration
// adds cannot be left behind while every count matches. Each backend is copied
// into a new SQLite file, which also covers the way back from PostgreSQL.
func TestCopyTo_EveryTable(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		src := MustOpenDB(t)
		if err := src.SaveStandupTeam(ctx, checkoutTeam()); err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, table := range schemaTables(t, src) {
			want[table] = true
		}
		delete(want, "migrations")
		dst := mustOpenPath(t, filepath.Join(t.TempDir(), "copy.db"))
		counts, err := src.CopyTo(ctx, dst)
		if err != nil {
			t.Fatalf("CopyTo: %v", err)
		}
		got := map[string]bool{}
		for _, c := range counts {
			got[c.Table] = true
			if !want[c.Table] {
				t.Errorf("the copy counts %s, which the schema does not have", c.Table)
			}
		}
		for table := range want {
			if !got[table] {
				t.Errorf("table %s is in the schema but the copy leaves it out", table)
			}
		}
		if teams, err := dst.StandupTeams(ctx); err != nil || len(teams) != 1 {
			t.Fatalf("standup teams after the copy = %+v, %v; want the one saved", teams, err)
		}
	})
}

// schemaTables lists the tables of db's schema as its backend does: on SQLite
// those of the database file and of its inbox file, on PostgreSQL those of the
// store's schema.
func schemaTables(tb testing.TB, db *store.DB) []string {
	tb.Helper()
	var tables []string
	if store.IsPostgres(db.Path()) {
		for _, row := range rowValues(tb, rawDB(tb, db), `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`) {
			tables = append(tables, fmt.Sprint(row[0]))
		}
		return tables
	}
	for _, raw := range []*sql.DB{rawDB(tb, db), rawInbox(tb, db)} {
		for _, row := range rowValues(tb, raw, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`) {
			tables = append(tables, fmt.Sprint(row[0]))
		}
	}
	return tables
}

// seed writes a little of everything a running team has.
func seed(tb testing.TB, db *store.DB) {
	tb.Helper()
	ctx := context.Background()
	mustPeople(tb, db)
	apply(tb, db, report("U1", "1.0", day(0)), blocked("checkout mocks", role("design")))
	apply(tb, db, report("U2", "1.1", day(0)), blocked("DPA", role("legal")))
	apply(tb, db, report("U1", "2.0", day(1)), resolved(role("design")))
	apply(tb, db, report("U2", "2.3", day(1)), blocked("DPA", role("legal"))) // seen again: logged in blocker_reports
	apply(tb, db, report("U3", "2.1", day(2)), blocked("", person("<@U1>")))
	for i := range 3 {
		key := fmt.Sprintf("event:Ev%d", i)
		if _, err := db.InboxAdd(ctx, key, "events_api", []byte(`{"event_id":"`+key+`"}`), day(i)); err != nil {
			tb.Fatal(err)
		}
	}
	items, err := db.InboxPending(ctx, 10)
	if err != nil || len(items) != 3 {
		tb.Fatal(items, err)
	}
	if err := db.InboxDone(ctx, items[0].ID, day(0), nil); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.SaveSession(ctx, unblock.Session{Team: "eng", PersonID: "U1", Day: "2026-11-16", PromptAt: day(0), Channel: "D1", PromptTS: "1.5"}); err != nil {
		tb.Fatal(err)
	}
	if err := db.SavePost(ctx, "digest:2026-11-16", "C1", "3.0", day(0)); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Enqueue(ctx, unblock.Outgoing{Key: "dm:U1:1", Kind: "post", Payload: []byte(`{"text":"hi"}`), CreatedAt: day(0), Deadline: day(1)}); err != nil {
		tb.Fatal(err)
	}
	if err := db.Update(ctx, func(tx *store.Tx) error {
		return tx.QueueReading(ctx, report("U2", "2.2", day(2)), blocked("DPA", role("legal")), day(2))
	}); err != nil {
		tb.Fatal(err)
	}
	if err := db.CacheAnswer(ctx, "v1", "m", []byte{0xfd, 0x01}, `{"blocked":true}`, day(1)); err != nil {
		tb.Fatal(err)
	}
	if err := db.SaveStandupTeam(ctx, checkoutTeam()); err != nil {
		tb.Fatal(err)
	}
}

// A source with a table the copy does not know (a newer unblock's) is refused,
// naming the table, and nothing is written.
func TestCopyTo_RefusesAnUnknownTable(t *testing.T) {
	ctx := context.Background()
	src := mustOpenPath(t, filepath.Join(t.TempDir(), "unblock.db"))
	if _, err := rawDB(t, src).Exec(`CREATE TABLE later_feature (id INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	dst := mustOpenPath(t, filepath.Join(t.TempDir(), "copy.db"))
	if _, err := src.CopyTo(ctx, dst); err == nil || !strings.Contains(err.Error(), "later_feature") {
		t.Fatalf("CopyTo of a source with a table it does not know = %v; want a refusal naming it", err)
	}
	if teams, err := dst.StandupTeams(ctx); err != nil || len(teams) != 0 {
		t.Fatalf("the refused copy wrote %+v, %v", teams, err)
	}
}
