package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
	"github.com/unblock-dev/unblock/store"
)

// bulkTexts are what the people of TestBulk_SameLedger write: waits that open,
// repeat, clear in part or whole, go on unchanged, explicit nones and chatter.
var bulkTexts = []string{
	"blocked on design for the checkout mocks",
	"waiting on Bo for the API spec",
	"still waiting on legal for the DPA",
	"still waiting on design for the checkout mocks",
	"no blockers",
	"unblocked now that the checkout mocks landed",
	"got the mocks from design, still waiting on legal for the DPA",
	"blocked on QA for the load test results and on product for the pricing decision",
	"waiting on Sam Park for the estimate",
	"the API spec is in, thanks Bo",
	"still blocked, day 4",
	"B: none",
	"Blockers: same as yesterday",
	"lunch anyone?",
	"deploying build 42 to staging",
	"Y: review\nT: ticket 7\nB: waiting on <@U2> for the icon set",
}

// bulkOp is one call of TestBulk_SameLedger's sequence.
type bulkOp struct {
	kind   string // apply, delete, resolve
	report unblock.Report
	text   string
	at     time.Time // deletion or button time
	pick   int       // resolve: which opened blocker, by the order they opened
}

// bulkOps returns a random sequence of n calls: reports mostly in time order,
// some late (days before the newest), some in the same second, edits of earlier
// reports, deletions, and blockers resolved by a button.
func bulkOps(seed uint64, n int) []bulkOp {
	rng := rand.New(rand.NewPCG(seed, seed*31+7))
	people := []string{"U1", "U2", "U3", "U4"}
	base := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	now := base
	var applied []unblock.Report
	var ops []bulkOp
	for i := range n {
		k := rng.IntN(100)
		switch {
		case k < 10 && len(applied) > 0: // an edit: same key, author and time, new text
			r := applied[rng.IntN(len(applied))]
			r.Text, r.Edited = bulkTexts[rng.IntN(len(bulkTexts))], true
			ops = append(ops, bulkOp{kind: "apply", report: r, text: r.Text})
			continue
		case k < 17 && len(applied) > 0:
			r := applied[rng.IntN(len(applied))]
			ops = append(ops, bulkOp{kind: "delete", report: r, at: now.Add(time.Minute)})
			continue
		case k < 21:
			ops = append(ops, bulkOp{kind: "resolve", pick: rng.IntN(64), at: now.Add(time.Second)})
			continue
		}
		at := now
		switch {
		case k < 33: // late: up to ten days before the newest
			at = now.Add(-time.Duration(1+rng.IntN(10*24)) * time.Hour)
		case k < 38: // the same second as the newest
		default: // on: minutes to days later (a silence of more than a week now and then)
			step := time.Duration(1+rng.IntN(600)) * time.Minute
			if rng.IntN(6) == 0 {
				step = time.Duration(1+rng.IntN(9)) * 24 * time.Hour
			}
			now = now.Add(step)
			at = now
		}
		text := bulkTexts[rng.IntN(len(bulkTexts))]
		r := unblock.Report{PersonID: people[rng.IntN(len(people))], Channel: fmt.Sprintf("C%d", 1+rng.IntN(3)),
			TS: fmt.Sprintf("%d.%06d", at.Unix(), i), At: at, Text: text, Source: unblock.SourceImport,
			Standup: rng.IntN(3) == 0}
		applied = append(applied, r)
		ops = append(ops, bulkOp{kind: "apply", report: r, text: text})
	}
	return ops
}

// openLedgerFile opens a fresh SQLite ledger holding mustPeople's people and
// returns it with its path, for dumpLedger; it is closed when the test ends.
func openLedgerFile(t *testing.T) (*store.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "unblock.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	mustPeople(t, db)
	return db, path
}

// playBulk opens a database, plays ops on it in transactions of perTx calls
// (Tx.Bulk on each when bulk), and returns what each call returned and the
// ledger's tables as the database then holds them.
func playBulk(t *testing.T, ops []bulkOp, perTx int, bulk bool) (calls []string, tables string) {
	t.Helper()
	calls, path := playBulkAt(t, ops, perTx, bulk, 0)
	return calls, dumpLedger(t, path)
}

// playBulkAt is playBulk, but returns the database's path, and the ops before
// the logImplied'th log the effects a blocker's row states too, as the store
// did before migration 0009 (store.LogImpliedEffects).
func playBulkAt(t *testing.T, ops []bulkOp, perTx int, bulk bool, logImplied int) (calls []string, path string) {
	t.Helper()
	ctx := context.Background()
	db, path := openLedgerFile(t)
	lex := parse.NewLexicon()
	all, err := db.People(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range all {
		if !p.IsBot {
			for _, name := range p.Names() {
				lex.AddPerson(name, p.ID)
			}
		}
	}
	var opened []int64
	for start := 0; start < len(ops); start += perTx {
		err := db.Update(ctx, func(tx *store.Tx) error {
			if bulk {
				tx.Bulk()
			}
			for i, op := range ops[start:min(start+perTx, len(ops))] {
				store.LogImpliedEffects(db, start+i < logImplied)
				var ch unblock.Change
				var err error
				switch op.kind {
				case "apply":
					ch, err = tx.ApplyReport(ctx, op.report, parse.Parse(op.text, lex))
				case "delete":
					ch, err = tx.DeleteReport(ctx, op.report.Channel, op.report.TS, op.at)
				case "resolve":
					if len(opened) == 0 {
						continue
					}
					var b unblock.Blocker
					b, err = tx.ResolveBlocker(ctx, opened[op.pick%len(opened)], unblock.ResolvedByButton, op.at)
					ch = unblock.Change{Resolved: []unblock.Blocker{b}}
				}
				if err != nil && unblock.ErrorCode(err) != unblock.ENOTFOUND {
					return fmt.Errorf("%s %s/%s: %w", op.kind, op.report.Channel, op.report.TS, err)
				}
				for _, b := range ch.Opened {
					opened = append(opened, b.ID)
				}
				calls = append(calls, fmt.Sprintf("%s %s/%s: %+v err=%v", op.kind, op.report.Channel, op.report.TS, ch, err))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return calls, path
}

// dumpLedger returns every row of the ledger's tables at path, in key order,
// then what its readers answer: the ledger with every blocker's evidence, and
// the history with every report's effects.
func dumpLedger(t *testing.T, path string) string {
	t.Helper()
	return dumpTables(t, path) + dumpReaders(t, path)
}

// dumpReaders returns the ledger (every blocker, with its evidence) and the
// history (every report, with its effects) of the database at path, as JSON.
func dumpReaders(t *testing.T, path string) string {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	end := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	ledger, err := db.Ledger(ctx, end, store.LedgerFilter{})
	if err != nil {
		t.Fatal(err)
	}
	history, err := db.History(ctx, "", time.Unix(0, 0), end)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, v := range []any{ledger, history} {
		buf, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(buf)
		b.WriteByte('\n')
	}
	return b.String()
}

// dumpTables returns every row of the ledger's tables at path, in key order.
func dumpTables(t *testing.T, path string) string {
	t.Helper()
	raw, err := sql.Open("sqlite3", store.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var b strings.Builder
	for _, q := range []string{
		`SELECT * FROM reports ORDER BY id`,
		`SELECT * FROM blockers ORDER BY id`,
		`SELECT * FROM blocker_reports ORDER BY report_id, blocker_id`,
	} {
		for _, vals := range rowValues(t, raw, q) {
			fmt.Fprintf(&b, "%q\n", vals)
		}
	}
	return b.String()
}

// TestBulk_SameLedger plays random sequences of reports (some late, some in the
// same second), edits, deletions and button resolutions with and without
// Tx.Bulk, in one transaction and in several, holding all reports until commit
// and writing every three: every call must return the same,
// and the reports, blockers and evidence rows must be the same, IDs included.
func TestBulk_SameLedger(t *testing.T) {
	seeds, n := 12, 400
	if testing.Short() {
		seeds = 3
	}
	for seed := range uint64(seeds) {
		ops := bulkOps(seed+1, n)
		for _, perTx := range []int{len(ops), 37} {
			wantCalls, want := playBulk(t, ops, perTx, false)
			if !strings.Contains(want, `"opened"`) || !strings.Contains(want, `"expired"`) || !strings.Contains(want, `"resolved"`) {
				t.Fatalf("seed %d: the sequence should open, resolve and expire blockers:\n%s", seed+1, want)
			}
			// Holding up to 8,192 reports (all of them), and 3 (written mid-transaction).
			for _, hold := range []int{8192, 3} {
				restore := store.SetBulkHold(hold)
				gotCalls, got := playBulk(t, ops, perTx, true)
				restore()
				for i := range wantCalls {
					if gotCalls[i] != wantCalls[i] {
						t.Fatalf("seed %d, %d calls a transaction, %d held: call %d\n got %s\nwant %s", seed+1, perTx, hold, i, gotCalls[i], wantCalls[i])
					}
				}
				if got != want {
					t.Fatalf("seed %d, %d calls a transaction, %d held: the ledger differs\n%s", seed+1, perTx, hold, firstDiff(got, want))
				}
			}
		}
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, gl, wl)
		}
	}
	return ""
}
