package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
	"github.com/unblock-dev/unblock/store/pgtest"
)

// The span read on the blockers' numbers (migration 0010) gives exactly what the
// read of their words gives, every blocker and one number an ID, on generated
// ledgers that every writer of a blocker's person or target has written: reports
// in order and late, through the bulk path and not, edits, deletions, buttons,
// people renamed (a name then resolves to someone else) and given other roles,
// people the table lacks, and people forgotten (others' waits on them repointed).
// No row is left unnumbered: the read never falls back to the words.
func TestBlockersByNumber_SameAsWords(t *testing.T) { eachBackend(t, testBlockersByNumber) }

func testBlockersByNumber(t *testing.T) {
	seeds := uint64(5)
	if testing.Short() {
		seeds = 2
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			rng := rand.New(rand.NewPCG(seed, 29))
			ids := []string{"U11", "U12", "U13", "U14", "U15", "U16", "U17"} // U16 and U17 are not in the table
			names := []string{"Jo", "Ana", "Kim", "Lee", "Sam"}
			upsert := func() {
				var ps []unblock.Person
				for i, id := range ids[:5] {
					ps = append(ps, unblock.Person{ID: id, Name: names[(i+rng.IntN(2))%len(names)],
						Role: unblock.BuiltinRoles[rng.IntN(5)]})
				}
				if err := db.UpsertPeople(ctx, ps); err != nil {
					t.Fatal(err)
				}
			}
			upsert()
			targets := []unblock.Target{
				role("design"), role("eng"), person("<@U12>"), person("<@U15>"), person("<@U17>"), person("<@U19>"),
				person("Jo"), person("Ana"), {Kind: unblock.TargetTeam, Name: "the data team"},
				{Kind: unblock.TargetArtifact, Name: "API specs"}, {Kind: unblock.TargetExternal, Name: "Acme"},
				{Kind: unblock.TargetArtifact, Name: "none"},
			}
			statement := func(n int) unblock.Statement {
				switch rng.IntN(8) {
				case 0:
					return resolved(targets[rng.IntN(len(targets))])
				case 1:
					return none()
				}
				return blocked(fmt.Sprint("topic ", n%5), targets[rng.IntN(len(targets))], targets[rng.IntN(len(targets))])
			}
			var applied []unblock.Report
			newest := day(0)
			check := func(step int) {
				t.Helper()
				for from := -7; from < 50; from += 11 {
					f, to := day(from), day(from+14)
					want, wantNums, err := store.SpanByWords(ctx, db, f, to)
					if err != nil {
						t.Fatal(err)
					}
					got, nums, ok, err := store.SpanByNumber(ctx, db, f, to)
					if err != nil {
						t.Fatal(err)
					}
					if !ok {
						t.Fatalf("step %d, day %d: a blocker of the span is not numbered", step, from)
					}
					if len(got) != len(want) {
						t.Fatalf("step %d, day %d: %d blockers by number, %d by words", step, from, len(got), len(want))
					}
					for i := range got {
						if !reflect.DeepEqual(got[i], want[i]) {
							t.Fatalf("step %d, day %d: by number\n%+v\nby words\n%+v", step, from, got[i], want[i])
						}
					}
					sameNumbering(t, got, nums, wantNums)
					sameTargets(t, got, nums)
					span, err := db.BlockersSpan(ctx, f, to)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(span, got) && len(span)+len(got) > 0 {
						t.Fatalf("step %d, day %d: BlockersSpan differs from the read by number", step, from)
					}
					table, err := db.BlockersSpanTable(ctx, f, to)
					if err != nil {
						t.Fatal(err)
					}
					sameAsTable(t, table, span)
					named, people, err := db.BlockersSpanNamed(ctx, f, to)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(named, table) {
						t.Fatalf("step %d, day %d: BlockersSpanNamed's table differs from BlockersSpanTable", step, from)
					}
					wantPeople, err := db.PeopleNamed(ctx)
					if err != nil {
						t.Fatal(err)
					}
					var byID []unblock.Person
					for _, p := range people {
						byID = append(byID, p)
					}
					slices.SortFunc(byID, func(a, b unblock.Person) int { return strings.Compare(a.ID, b.ID) })
					if !reflect.DeepEqual(byID, wantPeople) {
						t.Fatalf("step %d, day %d: BlockersSpanNamed's people\n%+v\nPeopleNamed\n%+v", step, from, people, wantPeople)
					}
				}
			}
			for n := 0; n < 240; n++ {
				k := rng.IntN(100)
				switch {
				case k < 8 && len(applied) > 0: // an edit
					r := applied[rng.IntN(len(applied))]
					r.Edited = true
					if _, err := db.ApplyReport(ctx, r, statement(n)); err != nil {
						t.Fatal(err)
					}
					continue
				case k < 13 && len(applied) > 0:
					r := applied[rng.IntN(len(applied))]
					if _, err := db.DeleteReport(ctx, r.Channel, r.TS, newest.Add(time.Minute)); err != nil {
						t.Fatal(err)
					}
					continue
				case k < 17:
					open, err := db.OpenBlockers(ctx, newest)
					if err != nil {
						t.Fatal(err)
					}
					if len(open) > 0 {
						if _, err := db.ResolveBlocker(ctx, open[rng.IntN(len(open))].ID, unblock.ResolvedByButton, newest.Add(time.Second)); err != nil {
							t.Fatal(err)
						}
					}
					continue
				case k < 20:
					upsert() // renamed: "Jo" and "Ana" may name others now; roles change
					continue
				case k == 20 && n > 120:
					id := ids[rng.IntN(len(ids))]
					if _, err := db.Forget(ctx, id); err != nil && unblock.ErrorCode(err) != unblock.ENOTFOUND {
						t.Fatal(err)
					}
					check(n)
					continue
				}
				at := newest.Add(time.Duration(1+rng.IntN(10)) * time.Hour)
				if k < 33 { // late
					at = newest.Add(-time.Duration(rng.IntN(96)) * time.Hour)
				} else {
					newest = at
				}
				r := report(ids[rng.IntN(len(ids))], fmt.Sprintf("%d.%04d", at.Unix(), n), at)
				var err error
				if k < 60 && !onPostgres(t) { // in order, through the bulk path where it applies
					err = db.Update(ctx, func(tx *store.Tx) error {
						tx.Bulk()
						_, err := tx.ApplyReport(ctx, r, statement(n))
						return err
					})
				} else {
					_, err = db.ApplyReport(ctx, r, statement(n))
				}
				if err != nil {
					t.Fatal(err)
				}
				applied = append(applied, r)
				if n%40 == 39 {
					check(n)
				}
			}
			check(240)
		})
	}
}

// sameNumbering fails t unless nums and want number the user IDs of list alike:
// -1 for what is no user ID, else one number an ID and one ID a number, within
// Users (the two reads may give the numbers in other orders).
func sameNumbering(t *testing.T, list []unblock.Blocker, nums, want unblock.UserNumbers) {
	t.Helper()
	for _, n := range []unblock.UserNumbers{nums, want} {
		if len(n.Person) != len(list) || len(n.To) != len(list) {
			t.Fatalf("%d, %d numbers for %d blockers", len(n.Person), len(n.To), len(list))
		}
		byID, byNumber := map[string]int32{}, map[int32]string{}
		check := func(id string, u int32) {
			if id == "" || strings.Contains(id, ":") {
				if u != -1 {
					t.Fatalf("%q numbered %d, want -1", id, u)
				}
				return
			}
			if u < 0 || int(u) >= n.Users {
				t.Fatalf("%q numbered %d, want 0 to %d", id, u, n.Users-1)
			}
			if v, ok := byID[id]; ok && v != u {
				t.Fatalf("%q numbered %d and %d", id, v, u)
			}
			if v, ok := byNumber[u]; ok && v != id {
				t.Fatalf("%q and %q both numbered %d", v, id, u)
			}
			byID[id], byNumber[u] = u, id
		}
		for i, b := range list {
			check(b.PersonID, n.Person[i])
			check(b.To, n.To[i])
		}
	}
}

// Migration 0010 numbers the blockers a database already holds, on both backends:
// a ledger written, then taken back to before 0010 (its tables and columns
// dropped), then opened again, reads the same on the blockers' numbers as on their
// words, and the store goes on numbering what it writes after.
func TestMigration0010_NumbersOldBlockers(t *testing.T) { eachBackend(t, testMigration0010) }

func testMigration0010(t *testing.T) {
	ctx := context.Background()
	path, driver := filepath.Join(t.TempDir(), "unblock.db"), "sqlite3"
	if onPostgres(t) {
		path, driver = pgtest.Schema(t), "pgx"
	}
	dsn := path
	if driver == "sqlite3" {
		dsn = store.DSN(path)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.UpsertPeople(ctx, []unblock.Person{{ID: "U11", Name: "Jo", Role: unblock.RoleDesign}, {ID: "U12", Name: "Ana"}}); err != nil {
		t.Fatal(err)
	}
	targets := []unblock.Target{role("design"), person("<@U11>"), person("Jo"), person("<@U13>"),
		{Kind: unblock.TargetTeam, Name: "platform"}, {Kind: unblock.TargetArtifact, Name: "API specs"}}
	apply := func(db *store.DB, from, n int) {
		for i := from; i < from+n; i++ {
			at := day(0).Add(time.Duration(i) * 5 * time.Hour)
			st := blocked(fmt.Sprint("topic ", i%3), targets[i%len(targets)], targets[(i*7+2)%len(targets)])
			if i%6 == 5 {
				st = resolved(targets[i%len(targets)])
			}
			if _, err := db.ApplyReport(ctx, report([]string{"U11", "U12", "U14"}[i%3], fmt.Sprintf("%d.%04d", at.Unix(), i), at), st); err != nil {
				t.Fatal(err)
			}
		}
	}
	apply(db, 0, 60)
	db.Close()
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`ALTER TABLE blockers DROP COLUMN person_num`, `ALTER TABLE blockers DROP COLUMN target_num`,
		`DROP TABLE user_numbers`, `DROP TABLE targets`,
		`DELETE FROM migrations WHERE name = 'migrations/0010_blocker_numbers.sql'`,
	} {
		if _, err := raw.Exec(q); err != nil {
			raw.Close()
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	db = mustOpenPath(t, path)
	check := func() {
		t.Helper()
		for from := 0; from < 20; from += 4 {
			want, wantNums, err := store.SpanByWords(ctx, db, day(from), day(from+7))
			if err != nil {
				t.Fatal(err)
			}
			got, nums, ok, err := store.SpanByNumber(ctx, db, day(from), day(from+7))
			if err != nil || !ok {
				t.Fatalf("day %d: read by number: %v, every row numbered: %v", from, err, ok)
			}
			if len(want) == 0 || !reflect.DeepEqual(got, want) {
				t.Fatalf("day %d: %d blockers by number, %d by words, or they differ", from, len(got), len(want))
			}
			sameNumbering(t, got, nums, wantNums)
		}
	}
	check()
	apply(db, 60, 30)
	check()
}

// sameTargets fails t unless nums numbers every blocker's target, and blockers of
// one number have the same Target, To and ToRole (unblock.UserNumbers.Target).
func sameTargets(t *testing.T, list []unblock.Blocker, nums unblock.UserNumbers) {
	t.Helper()
	if len(nums.Target) != len(list) {
		t.Fatalf("%d target numbers for %d blockers", len(nums.Target), len(list))
	}
	type target struct {
		t      unblock.Target
		to     string
		toRole unblock.Role
	}
	seen := map[int32]target{}
	for i, b := range list {
		k := nums.Target[i]
		if k < 0 {
			t.Fatalf("blocker %d: no target number", b.ID)
		}
		x := target{b.Target, b.To, b.ToRole}
		if y, ok := seen[k]; ok && y != x {
			t.Fatalf("target %d is %+v and %+v", k, y, x)
		}
		seen[k] = x
	}
}

// sameAsTable fails t unless table holds the blockers of list, in its order (but
// for the reports that opened them, which a table does not give), and numbers
// their user IDs as sameNumbering asks.
func sameAsTable(t *testing.T, table unblock.BlockerTable, list []unblock.Blocker) {
	t.Helper()
	if len(table.Rows) != len(list) {
		t.Fatalf("%d rows in the table, %d blockers", len(table.Rows), len(list))
	}
	nums := unblock.UserNumbers{Person: make([]int32, len(list)), To: make([]int32, len(list)), Users: table.Users}
	for i := range list {
		want := list[i]
		want.ReportID = 0 // a table's rows do not say it
		if got := table.Blocker(i); !reflect.DeepEqual(got, want) {
			t.Fatalf("row %d of the table\n%+v\nblocker\n%+v", i, got, want)
		}
		r := table.Rows[i]
		nums.Person[i], nums.To[i] = table.People[r.Person].User, table.Targets[r.Target].User
	}
	sameNumbering(t, list, nums, nums)
}
