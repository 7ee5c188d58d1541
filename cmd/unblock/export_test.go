package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

var updateExport = flag.Bool("update-export", false, "rewrite testdata/export.* from the current output")

// exportDB writes a small week to a new database: answers that open, continue and
// resolve blockers, a standup answer that touches none, text that a spreadsheet
// would run as a formula or that tries to mention everyone, text gone by
// privacy.text_days, and reports before and after the range that must not be
// exported.
func exportDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "export.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.UpsertPeople(ctx, []unblock.Person{
		{ID: "U1", Name: "ana", Role: unblock.RoleEngineering},
		{ID: "U2", Name: "dana", Role: unblock.RoleDesign},
	}); err != nil {
		t.Fatal(err)
	}
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }
	design := unblock.Target{Kind: unblock.TargetRole, Name: "design", Role: unblock.RoleDesign}
	legal := unblock.Target{Kind: unblock.TargetRole, Name: "legal", Role: unblock.RoleLegal}
	steps := []struct {
		person, ts string
		at         time.Time
		standup    bool
		st         unblock.Statement
	}{
		{"U1", "1.0", at(10, 9), true, unblock.Statement{Text: "waiting on legal for the DPA", Blocked: true, Targets: []unblock.Target{legal}, Topic: "DPA"}},
		{"U1", "1.1", at(16, 9), true, unblock.Statement{Text: "blocked on design for the checkout mocks", Blocked: true, Targets: []unblock.Target{design}, Topic: "checkout mocks"}},
		{"U2", "2.1", at(17, 10), true, unblock.Statement{Text: "=SUM(A1) shipped the icons <!channel>"}},
		{"U1", "1.2", at(17, 9), true, unblock.Statement{Text: "still no checkout mocks from design", Blocked: true, Targets: []unblock.Target{design}, Topic: "checkout mocks"}},
		{"U1", "1.3", at(18, 9), false, unblock.Statement{Text: "got the checkout mocks, no blockers", Resolved: true, None: true}},
		{"U2", "2.2", at(21, 9), true, unblock.Statement{Text: "after the range"}},
	}
	for _, s := range steps {
		r := unblock.Report{PersonID: s.person, Channel: "C1", TS: s.ts, At: s.at, Text: s.st.Text,
			Source: unblock.SourceStandup, Standup: s.standup}
		if _, err := db.ApplyReport(ctx, r, s.st); err != nil {
			t.Fatal(err)
		}
	}
	// privacy.text_days dropped what was written before Monday noon.
	if _, err := db.DropTextBefore(ctx, at(16, 12)); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestExportFormats checks `unblock export` against its golden files, one a
// format, for a range that leaves out a report before it and one after it.
func TestExportFormats(t *testing.T) {
	db := exportDB(t)
	for _, format := range []string{"csv", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := run(t, "export", "-config", "testdata/companyx.yaml", "-db", db,
				"-from", "2026-11-16", "-to", "2026-11-20", "-format", format)
			if code != 0 {
				t.Fatalf("export exit %d: %s", code, errOut)
			}
			golden := filepath.Join("testdata", "export."+format)
			if *updateExport {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("export -format %s =\n%s\nwant (%s)\n%s", format, out, golden, want)
			}
		})
	}
}

func TestExportUsage(t *testing.T) {
	db := exportDB(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-format", "xlsx"}, "want csv or json"},
		{[]string{"-from", "16/11/2026"}, "is not a date"},
		{[]string{"-from", "2026-11-21", "-to", "2026-11-20"}, "is after -to"},
		{[]string{"extra"}, "unexpected argument"},
	}
	for _, tt := range tests {
		args := append([]string{"export", "-config", "testdata/companyx.yaml", "-db", db}, tt.args...)
		code, _, errOut := run(t, args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("unblock %s: exit %d, %q; want exit 2 saying %q", strings.Join(args, " "), code, errOut, tt.want)
		}
	}
}
