package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
	"github.com/unblock-dev/unblock/store"
)

// TestCountOnly holds a transaction under CountOnly, with Bulk and without, to
// the same ledger and the same Changes, their lists left out, as one without
// it: over generated sequences of reports in and out of order, edits and
// deletions.
func TestCountOnly(t *testing.T) {
	for seed := range uint64(4) {
		var ops []bulkOp
		for _, op := range bulkOps(seed+1, 300) {
			if op.kind != "resolve" { // a button names a blocker by the ID a Change lists
				ops = append(ops, op)
			}
		}
		wantCalls, wantOpened, want := playCounted(t, ops, false, false)
		if wantOpened == 0 {
			t.Fatalf("seed %d: the sequence opens no blocker", seed+1)
		}
		for _, bulk := range []bool{false, true} {
			gotCalls, _, got := playCounted(t, ops, bulk, true)
			for i := range wantCalls {
				if gotCalls[i] != wantCalls[i] {
					t.Fatalf("seed %d, bulk %v: call %d\n got %s\nwant %s", seed+1, bulk, i, gotCalls[i], wantCalls[i])
				}
			}
			if got != want {
				t.Fatalf("seed %d, bulk %v: the ledger differs\n%s", seed+1, bulk, firstDiff(got, want))
			}
		}
	}
}

// playCounted applies ops in one transaction, under CountOnly when countOnly,
// and returns each call's Change without its lists, the blockers the Changes
// list as opened (none under CountOnly), and the ledger.
func playCounted(t *testing.T, ops []bulkOp, bulk, countOnly bool) (calls []string, opened int, tables string) {
	t.Helper()
	ctx := context.Background()
	db, path := openLedgerFile(t)
	lex := parse.NewLexicon()
	err := db.Update(ctx, func(tx *store.Tx) error {
		if bulk {
			tx.Bulk()
		}
		if countOnly {
			tx.CountOnly()
		}
		for _, op := range ops {
			var ch unblock.Change
			var err error
			switch op.kind {
			case "apply":
				ch, err = tx.ApplyReport(ctx, op.report, parse.Parse(op.text, lex))
			case "delete":
				ch, err = tx.DeleteReport(ctx, op.report.Channel, op.report.TS, op.at)
			}
			if err != nil && unblock.ErrorCode(err) != unblock.ENOTFOUND {
				return fmt.Errorf("%s %s/%s: %w", op.kind, op.report.Channel, op.report.TS, err)
			}
			if countOnly && (ch.Opened != nil || ch.Seen != nil || ch.Resolved != nil) {
				return fmt.Errorf("%s %s/%s: a Change under CountOnly lists blockers: %+v", op.kind, op.report.Channel, op.report.TS, ch)
			}
			if op.kind == "apply" {
				opened += len(ch.Opened)
			}
			calls = append(calls, fmt.Sprintf("%s %s/%s: report %d unchanged %v err=%v", op.kind, op.report.Channel, op.report.TS, ch.ReportID, ch.Unchanged, err))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return calls, opened, dumpLedger(t, path)
}
