package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// mentionsAnywhere lists every table and column of the database whose value
// holds one of needles: a check of "everything gone" that also covers tables
// added after this test was written.
func mentionsAnywhere(tb testing.TB, db interface{ Path() string }, needles ...string) []string {
	tb.Helper()
	if store.IsPostgres(db.Path()) {
		return mentionsAnywherePostgres(tb, db.Path(), needles...)
	}
	raw := rawDBPath(tb, db.Path())
	tables, err := raw.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	var found []string
	for _, table := range names {
		cols, err := raw.Query(`SELECT name FROM pragma_table_info(?)`, table)
		if err != nil {
			tb.Fatal(err)
		}
		var columns []string
		for cols.Next() {
			var c string
			cols.Scan(&c)
			columns = append(columns, c)
		}
		cols.Close()
		for _, col := range columns {
			for _, needle := range needles {
				var n int
				q := fmt.Sprintf(`SELECT COUNT(*) FROM %q WHERE instr(CAST(%q AS TEXT), ?) > 0`, table, col)
				if err := raw.QueryRow(q, needle).Scan(&n); err != nil {
					tb.Fatal(err)
				}
				if n > 0 {
					found = append(found, fmt.Sprintf("%s.%s holds %q in %d rows", table, col, needle, n))
				}
			}
		}
	}
	return found
}

// mentionsAnywherePostgres is mentionsAnywhere on PostgreSQL: every column of
// every table in the store's schema, byte strings read as text.
func mentionsAnywherePostgres(tb testing.TB, url string, needles ...string) []string {
	tb.Helper()
	raw, err := sql.Open("pgx", url)
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT table_name, column_name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`)
	if err != nil {
		tb.Fatal(err)
	}
	type column struct{ table, name, kind string }
	var columns []column
	for rows.Next() {
		var c column
		rows.Scan(&c.table, &c.name, &c.kind)
		columns = append(columns, c)
	}
	rows.Close()
	if len(columns) == 0 {
		tb.Fatal("no tables in the store's schema")
	}
	var found []string
	for _, c := range columns {
		cond := fmt.Sprintf(`strpos(CAST(%q AS TEXT), $1) > 0`, c.name)
		if c.kind == "bytea" {
			cond = fmt.Sprintf(`position(convert_to($1, 'UTF8') in %q) > 0`, c.name)
		}
		for _, needle := range needles {
			var n int
			q := fmt.Sprintf(`SELECT COUNT(*) FROM %q WHERE %s`, c.table, cond)
			if err := raw.QueryRow(q, needle).Scan(&n); err != nil {
				tb.Fatal(err)
			}
			if n > 0 {
				found = append(found, fmt.Sprintf("%s.%s holds %q in %d rows", c.table, c.name, needle, n))
			}
		}
	}
	return found
}

func TestForget(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		const ana, dana = "U0ANA0001", "U0DANA001"
		if err := db.UpsertPeople(ctx, []unblock.Person{
			{ID: ana, Name: "ana", RealName: "Ana Ruiz", Title: "Backend Engineer", Role: unblock.RoleEngineering},
			{ID: dana, Name: "dana", RealName: "Dana Levi", Title: "Product Designer", Role: unblock.RoleDesign},
		}); err != nil {
			t.Fatal(err)
		}
		// Ana waits on Dana; Dana waits on product; Dana's DM and an envelope name her.
		anaReport := report(ana, "1.1", day(0))
		anaReport.Text = "Blockers: waiting on <@" + dana + "|dana> for the checkout mocks"
		apply(t, db, anaReport, blocked("checkout mocks", person("<@"+dana+">")))
		danaReport := report(dana, "1.2", day(0))
		danaReport.Text = "Blocked on product for the pricing decision, says Dana Levi"
		apply(t, db, danaReport, blocked("pricing decision", role("product")))
		if _, err := db.SaveSession(ctx, unblock.Session{Team: "web", PersonID: dana, Day: "2026-11-16", PromptAt: day(0), Channel: "D0DANA", PromptTS: "9.1"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.InboxAdd(ctx, "event:Ev1", "events_api", []byte(`{"event":{"user":"`+dana+`","text":"hi"}}`), day(0)); err != nil {
			t.Fatal(err)
		}
		if err := db.SavePost(ctx, "allclear:"+dana+":2026-11-16", "D0DANA", "9.2", day(0)); err != nil {
			t.Fatal(err)
		}
		danas, err := db.BlockersOf(ctx, dana, day(1))
		if err != nil || len(danas) != 1 {
			t.Fatalf("Dana's blockers = %v, %v", danas, err)
		}
		if err := db.SavePost(ctx, fmt.Sprintf("nudge:%d:2026-11-16", danas[0].ID), "D0PROD", "9.3", day(0)); err != nil {
			t.Fatal(err)
		}

		f, err := db.Forget(ctx, dana)
		if err != nil {
			t.Fatal(err)
		}
		if want := (store.Forgotten{Reports: 1, Blockers: 1, Sessions: 1, Envelopes: 1, Posts: 2, Repointed: 1, Redacted: 1}); f != want {
			t.Errorf("Forget = %+v; want %+v", f, want)
		}
		if found := mentionsAnywhere(t, db, dana, "Dana", "dana"); len(found) > 0 {
			t.Fatalf("still stored after Forget:\n%s", strings.Join(found, "\n"))
		}
		// Ana's wait is hers to keep: still open, now on Dana's role, and counted there.
		open, err := db.BlockersOf(ctx, ana, day(1))
		if err != nil || len(open) != 1 || open[0].To != "role:design" || open[0].ToRole != unblock.RoleDesign || open[0].Topic != "checkout mocks" {
			t.Fatalf("Ana's blockers after Forget = %+v, %v; want one on role:design", open, err)
		}
		if _, err := db.Forget(ctx, dana); unblock.ErrorCode(err) != unblock.ENOTFOUND {
			t.Errorf("second Forget = %v; want ENOTFOUND", err)
		}
		if _, err := db.Forget(ctx, "dana"); unblock.ErrorCode(err) != unblock.EINVALID {
			t.Errorf("Forget(%q) = %v; want EINVALID", "dana", err)
		}
	})
}

func rawDBPath(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}
