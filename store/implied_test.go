package store_test

import (
	"database/sql"
	"fmt"
	"os"
	"testing"

	"github.com/unblock-dev/unblock/store"
)

// TestImpliedEffects_SameAsLogged holds the evidence a blocker's own row states
// (its opening, a closing by a report at its own time), no longer logged in
// blocker_reports since migration 0009, to the store that logged every effect:
// TestBulk_SameLedger's random sequences (late reports, edits, deletions,
// buttons) played with every effect logged, and with every effect logged for
// the first half only (a database written before 0009, then used after it), with
// Tx.Bulk and without, must return the same from every call and give the same
// ledger and history (every blocker's evidence, every report's effects) as when
// none of the implied effects is logged; and migration 0009 must then leave
// exactly the rows the store now writes.
func TestImpliedEffects_SameAsLogged(t *testing.T) {
	seeds, n := 6, 400
	if testing.Short() {
		seeds = 2
	}
	migration, err := os.ReadFile("migrations/0009_implied_evidence.sql")
	if err != nil {
		t.Fatal(err)
	}
	for seed := range uint64(seeds) {
		ops := bulkOps(seed+1, n)
		for _, perTx := range []int{len(ops), 37} {
			wantCalls, path := playBulkAt(t, ops, perTx, false, 0)
			wantTables, wantReaders := dumpTables(t, path), dumpReaders(t, path)
			for _, logged := range []int{len(ops), len(ops) / 2} {
				for _, bulk := range []bool{false, true} {
					name := func() string {
						return fmt.Sprintf("seed %d, %d calls a transaction, implied effects logged by the first %d calls, bulk %v",
							seed+1, perTx, logged, bulk)
					}
					gotCalls, path := playBulkAt(t, ops, perTx, bulk, logged)
					for i := range wantCalls {
						if gotCalls[i] != wantCalls[i] {
							t.Fatalf("%s: call %d\n got %s\nwant %s", name(), i, gotCalls[i], wantCalls[i])
						}
					}
					if got := dumpReaders(t, path); got != wantReaders {
						t.Fatalf("%s: the readers differ\n%s", name(), firstDiff(got, wantReaders))
					}
					if logged == len(ops) && countQuery(t, path, `SELECT COUNT(*) FROM blocker_reports WHERE effect = 'opened'`) == 0 {
						t.Fatalf("%s: no opening logged", name())
					}
					raw, err := sql.Open("sqlite3", store.DSN(path))
					if err != nil {
						t.Fatal(err)
					}
					_, err = raw.Exec(string(migration))
					raw.Close()
					if err != nil {
						t.Fatalf("%s: migration 0009: %v", name(), err)
					}
					if got := dumpTables(t, path); got != wantTables {
						t.Fatalf("%s: after migration 0009 the tables differ\n%s", name(), firstDiff(got, wantTables))
					}
				}
			}
		}
	}
}

// countQuery returns the count query returns on the database at path.
func countQuery(t *testing.T, path, query string) int {
	t.Helper()
	raw, err := sql.Open("sqlite3", store.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
