package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// On SQLite the span read steps the driver's rows itself: it gives what the plain
// read of the same blockers gives (Blocker, one row at a time, through
// database/sql), for words in unblock's vocabularies and words outside them (a
// role a config added, a kind and a resolution old rows may hold, text stored as
// a BLOB), on the read pool and inside a write transaction.
func TestBlockersSpanSQLiteWords(t *testing.T) {
	ctx := context.Background()
	db, path := openLedgerFile(t)
	targets := []unblock.Target{role("design"), role("legal"), person("<@U2>"), person("<@U9>"),
		{Kind: unblock.TargetTeam, Name: "the data team"}, {Kind: unblock.TargetArtifact, Name: "API specs"}}
	people := []string{"U1", "U2", "U3"}
	for n := 0; n < 60; n++ {
		at := day(0).Add(time.Duration(n) * 6 * time.Hour)
		st := blocked(fmt.Sprint("topic ", n%4), targets[n%len(targets)], targets[(n*5+1)%len(targets)])
		if n%7 == 3 {
			st = resolved(targets[n%len(targets)])
		}
		if _, err := db.ApplyReport(ctx, report(people[n%len(people)], fmt.Sprintf("%d.%04d", at.Unix(), n), at), st); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := sql.Open("sqlite3", store.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{
		`UPDATE blockers SET target_role = 'marketing' WHERE id % 5 = 1`,
		`UPDATE blockers SET target_kind = 'channel' WHERE id % 11 = 2`,
		`UPDATE blockers SET resolution = 'moved', resolved_at = opened_at + 1 WHERE id % 13 = 4`,
		`UPDATE blockers SET topic = CAST(topic AS BLOB), target_name = CAST(target_name AS BLOB) WHERE id % 3 = 0`,
		`UPDATE blockers SET target_role = '7' WHERE id % 17 = 5`,
		// Words changed by hand are numbered as migration 0010 numbers them.
		`INSERT INTO targets (kind, name, role, to_node) SELECT DISTINCT target_kind, target_name, target_role, to_node
			FROM blockers WHERE true ON CONFLICT DO NOTHING`,
		`UPDATE blockers SET target_num = (SELECT num FROM targets t WHERE t.kind = blockers.target_kind
			AND t.name = blockers.target_name AND t.role = blockers.target_role AND t.to_node = blockers.to_node)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	check := func(t *testing.T, ctx context.Context, span func(ctx context.Context, from, to time.Time) ([]unblock.Blocker, error)) {
		t.Helper()
		n := 0
		for from := 0; from < 16; from += 5 {
			got, err := span(ctx, day(from), day(from+7))
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range got {
				want, err := db.Blocker(ctx, b.ID)
				if err != nil {
					t.Fatal(err)
				}
				// Blocker reads what is stored; the span applies expiry by silence.
				if b.Resolution != unblock.ResolvedByExpiry {
					n++
					if !reflect.DeepEqual(b, want) {
						t.Fatalf("span read gives\n%+v\nthe plain read\n%+v", b, want)
					}
				}
			}
		}
		if n < 20 {
			t.Fatalf("only %d blockers compared", n)
		}
	}
	t.Run("pool", func(t *testing.T) { check(t, ctx, db.BlockersSpan) })
	t.Run("words", func(t *testing.T) {
		// A row no writer numbered: the span read reads every row's words.
		if _, err := raw.Exec(`UPDATE blockers SET target_num = 0 WHERE id = 7`); err != nil {
			t.Fatal(err)
		}
		defer raw.Exec(`UPDATE blockers SET target_num = (SELECT num FROM targets t WHERE t.kind = blockers.target_kind
			AND t.name = blockers.target_name AND t.role = blockers.target_role AND t.to_node = blockers.to_node) WHERE id = 7`)
		check(t, ctx, db.BlockersSpan)
	})
	t.Run("transaction", func(t *testing.T) {
		err := db.Atomic(ctx, func(ctx context.Context) error {
			check(t, ctx, db.BlockersSpan)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
