package store_test

import (
	"context"
	"fmt"
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
		for _, table := range []string{"people", "reports", "blockers", "blocker_reports", "sessions", "posts", "readings", "reader_cache", "outbox", "inbox", "inbox_done"} {
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
}
