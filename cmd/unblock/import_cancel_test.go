package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
	"github.com/unblock-dev/unblock/store"
)

// cancelOnProgress is an import's standard error that cancels the import when the
// first progress line past 0 % is written, as Ctrl-C would, and keeps what was written.
type cancelOnProgress struct {
	cancel    context.CancelFunc
	buf       bytes.Buffer
	cancelled bool
}

func (w *cancelOnProgress) Write(p []byte) (int, error) {
	if !w.cancelled && strings.HasPrefix(string(p), "importing: ") && !strings.Contains(string(p), "(0%)") {
		w.cancelled = true
		w.buf.WriteString("<cancelled>\n")
		defer w.cancel()
	}
	return w.buf.Write(p)
}

// TestImport_Cancelled cancels `unblock import` midway, from its progress output:
// it returns at once (no progress after the cancellation) with exit 1 and one line
// saying it was interrupted (no success: DESIGN's exit codes),
// and the database holds nothing of the export, though its writes ran under a
// context that is never cancelled.
func TestImport_Cancelled(t *testing.T) {
	zip := slackexporttest.GenerateZipMix(t, 2000, slackexporttest.StandupMix)
	db := filepath.Join(t.TempDir(), "x.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &cancelOnProgress{cancel: cancel}
	var stdout bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: stderr, Getenv: func(string) string { return "" }}
	code := Main(ctx, env, []string{"import", "-config", "testdata/companyx.yaml", "-db", db, zip})
	out := stderr.buf.String()
	if code != exitRuntime || !strings.Contains(out, "unblock import: interrupted: ") || !strings.Contains(out, "nothing was written") {
		t.Fatalf("exit %d, want %d and one line saying the import was interrupted and nothing written; stderr:\n%s", code, exitRuntime, out)
	}
	if !stderr.cancelled {
		t.Fatalf("no progress past 0%% was written:\n%s", out)
	}
	if _, after, _ := strings.Cut(out, "<cancelled>\n"); strings.Count(after, "importing: ") > 1 {
		t.Errorf("the import went on after the cancellation:\n%s", out)
	}
	if strings.Contains(stdout.String(), "imported") {
		t.Errorf("a cancelled import reports success: %s", stdout.String())
	}
	s, err := sql.Open("sqlite3", store.DSN(db))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, table := range []string{"people", "teams", "reports", "blockers", "blocker_reports"} {
		var n int
		if err := s.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s: %d rows after a cancelled import, want 0", table, n)
		}
	}
}
