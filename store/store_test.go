package store_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
	"github.com/unblock-dev/unblock/store/pgtest"
)

// MustOpenDB opens a store on a new file in a temporary directory and closes it
// when the test ends. Under eachBackend's "postgres" subtest (and benchBackends'),
// it opens a PostgreSQL store in a schema of its own instead (see pgtest).
func MustOpenDB(tb testing.TB) *store.DB {
	tb.Helper()
	if onPostgres(tb) {
		return mustOpenPath(tb, pgtest.Schema(tb))
	}
	return mustOpenPath(tb, filepath.Join(tb.TempDir(), "unblock.db"))
}

// backends are the store's backends, as eachBackend names its subtests.
var backends = []string{"sqlite", "postgres"}

// eachBackend runs fn as one subtest per backend: "sqlite" always, "postgres"
// when UNBLOCK_TEST_POSTGRES names a server (it skips, saying so, otherwise).
// MustOpenDB opens the subtest's backend, so a test body runs unchanged on both.
func eachBackend(t *testing.T, fn func(t *testing.T)) {
	t.Helper()
	for _, b := range backends {
		t.Run(b, func(t *testing.T) {
			if b == "postgres" {
				pgtest.URL(t)
			}
			fn(t)
		})
	}
}

// benchBackends is eachBackend for a benchmark.
func benchBackends(b *testing.B, fn func(b *testing.B)) {
	for _, name := range backends {
		b.Run(name, func(b *testing.B) {
			if name == "postgres" {
				pgtest.URL(b)
			}
			fn(b)
		})
	}
}

// onPostgres reports whether tb runs under a "postgres" subtest of eachBackend.
func onPostgres(tb testing.TB) bool {
	parts := strings.Split(tb.Name(), "/")
	return len(parts) > 1 && parts[1] == "postgres"
}

func mustOpenPath(tb testing.TB, path string) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("Open(%q): %v", path, err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// rawInbox opens where the store keeps its inbox directly: the inbox file beside
// a SQLite database, the database itself on PostgreSQL.
func rawInbox(tb testing.TB, db *store.DB) *sql.DB {
	tb.Helper()
	if store.IsPostgres(db.Path()) {
		return rawDB(tb, db)
	}
	raw, err := sql.Open("sqlite3", store.InboxPath(db.Path()))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}

// rawDB opens the store's database directly, to check what is stored.
func rawDB(tb testing.TB, db *store.DB) *sql.DB {
	tb.Helper()
	driver := "sqlite3"
	if store.IsPostgres(db.Path()) {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, db.Path())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}

// rowValues runs query on raw and returns each row's values, as the driver gives them.
func rowValues(tb testing.TB, raw *sql.DB, query string) [][]any {
	tb.Helper()
	rows, err := raw.Query(query)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			tb.Fatal(err)
		}
		out = append(out, vals)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestOpen(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		ctx := context.Background()
		path := filepath.Join(t.TempDir(), "unblock.db")
		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.UpsertPeople(ctx, []unblock.Person{{ID: "U1", Name: "ana"}}); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}

		// Reopening applies no migration twice and keeps the data.
		db = mustOpenPath(t, path)
		if p, err := db.Person(ctx, "U1"); err != nil {
			t.Fatal(err)
		} else if got, want := p.Name, "ana"; got != want {
			t.Fatalf("Name=%q, want %q", got, want)
		}
		var n, distinct int
		if err := rawDB(t, db).QueryRow(`SELECT COUNT(*), COUNT(DISTINCT name) FROM migrations`).Scan(&n, &distinct); err != nil {
			t.Fatal(err)
		}
		if n == 0 || n != distinct {
			t.Fatalf("migrations rows=%d distinct=%d, want each migration recorded once", n, distinct)
		}
		var mode string
		if err := rawDB(t, db).QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		} else if mode != "wal" {
			t.Fatalf("journal_mode=%q, want wal", mode)
		}
	})

	t.Run("ErrBadPath", func(t *testing.T) {
		_, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "no", "such", "dir", "x.db"))
		if err == nil {
			t.Fatal("Open in a missing directory succeeded")
		}
	})
}

func TestDB_Update(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("ErrRollsBack", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			boom := errors.New("boom")
			err := db.Update(ctx, func(tx *store.Tx) error {
				if err := tx.UpsertPeople(ctx, []unblock.Person{{ID: "U1"}}); err != nil {
					return err
				}
				if _, err := tx.ApplyReport(ctx, report("U1", "1.0", day(0)), blocked("mocks", role("design"))); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("Update err=%v, want %v", err, boom)
			}
			if people, err := db.People(ctx); err != nil {
				t.Fatal(err)
			} else if len(people) != 0 {
				t.Fatalf("People=%v after a failed Update, want none", people)
			}
			if open, err := db.OpenBlockers(ctx, day(1)); err != nil {
				t.Fatal(err)
			} else if len(open) != 0 {
				t.Fatalf("OpenBlockers=%v after a failed Update, want none", open)
			}
		})
	})
}

func TestPeople(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			away := day(3)
			if err := db.UpsertPeople(ctx, []unblock.Person{
				{ID: "U2", Name: "bo", Role: unblock.RoleDesign, RoleSource: unblock.RoleFromTitle, RoleDetail: `title keyword "designer"`},
				{ID: "U1", Name: "ana", RealName: "Ana Ruiz", Title: "Backend Engineer", Team: "checkout", TZ: "Europe/Madrid",
					Role: "robotics", RoleSource: unblock.RoleFromConfig, AwayUntil: away},
			}); err != nil {
				t.Fatal(err)
			}
			// A directory sync without AwayUntil keeps it.
			if err := db.UpsertPeople(ctx, []unblock.Person{{ID: "U1", Name: "ana", RealName: "Ana Ruiz", Title: "Staff Engineer", Role: "robotics"}}); err != nil {
				t.Fatal(err)
			}
			people, err := db.People(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(people), 2; got != want {
				t.Fatalf("len(People)=%d, want %d", got, want)
			}
			if got, want := people[0].ID, "U1"; got != want {
				t.Fatalf("People[0].ID=%q, want %q (ordered by ID)", got, want)
			}
			if got, want := people[0].Title, "Staff Engineer"; got != want {
				t.Fatalf("Title=%q, want %q", got, want)
			}
			if !people[0].AwayUntil.Equal(away) {
				t.Fatalf("AwayUntil=%v, want %v kept", people[0].AwayUntil, away)
			}
			if got, want := people[1].RoleDetail, `title keyword "designer"`; got != want {
				t.Fatalf("RoleDetail=%q, want %q", got, want)
			}
			named, err := db.PeopleNamed(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var want []unblock.Person
			for _, p := range people {
				want = append(want, unblock.Person{ID: p.ID, Name: p.Name, RealName: p.RealName, Role: p.Role})
			}
			if !reflect.DeepEqual(named, want) {
				t.Fatalf("PeopleNamed = %+v, want %+v", named, want)
			}
			roles, err := db.Roles(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, r := range roles {
				found = found || r == "robotics"
			}
			if !found {
				t.Fatalf("Roles=%v, want the config role robotics recorded", roles)
			}

			if err := db.SetAway(ctx, "U2", day(5)); err != nil {
				t.Fatal(err)
			}
			if p, err := db.Person(ctx, "U2"); err != nil {
				t.Fatal(err)
			} else if !p.AwayUntil.Equal(day(5)) {
				t.Fatalf("AwayUntil=%v, want %v", p.AwayUntil, day(5))
			}
		})

		t.Run("ErrNotFound", func(t *testing.T) {
			db := MustOpenDB(t)
			if _, err := db.Person(context.Background(), "U404"); unblock.ErrorCode(err) != unblock.ENOTFOUND {
				t.Fatalf("Person err=%v, want ENOTFOUND", err)
			}
			if err := db.SetAway(context.Background(), "U404", day(1)); unblock.ErrorCode(err) != unblock.ENOTFOUND {
				t.Fatalf("SetAway err=%v, want ENOTFOUND", err)
			}
		})

		t.Run("ErrNoID", func(t *testing.T) {
			db := MustOpenDB(t)
			if err := db.UpsertPeople(context.Background(), []unblock.Person{{Name: "x"}}); unblock.ErrorCode(err) != unblock.EINVALID {
				t.Fatalf("UpsertPeople err=%v, want EINVALID", err)
			}
		})
	})
}

func TestTeams(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			in := unblock.Team{Name: "checkout", Channel: "C1", DefaultRole: unblock.RoleEngineering, Members: []string{"U1", "U2"}}
			if err := db.UpsertTeams(ctx, []unblock.Team{in}); err != nil {
				t.Fatal(err)
			}
			in.Members = []string{"U3"}
			if err := db.UpsertTeams(ctx, []unblock.Team{in}); err != nil {
				t.Fatal(err)
			}
			teams, err := db.Teams(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(teams) != 1 || len(teams[0].Members) != 1 || teams[0].Members[0] != "U3" || teams[0].DefaultRole != unblock.RoleEngineering {
				t.Fatalf("Teams=%+v, want checkout with members [U3]", teams)
			}
		})
	})
}

func TestOpen_Memory(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		ctx := context.Background()
		db, err := store.Open(ctx, ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design")))
		if got := len(openAt(t, db, day(1))); got != 1 {
			t.Fatalf("open=%d, want 1", got)
		}
	})

	t.Run("OKFileURI", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "uri.db")
		db := mustOpenPath(t, "file:"+path+"?cache=private")
		apply(t, db, report("U1", "1.0", day(0)), blocked("mocks", role("design")))
		if got := len(openAt(t, db, day(1))); got != 1 {
			t.Fatalf("open=%d, want 1", got)
		}
	})
}
