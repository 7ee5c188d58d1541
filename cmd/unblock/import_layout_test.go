package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// A day file that is not JSON costs only that file: the import goes on, says which
// file it left out and where it went wrong in one line, and counts the rest.
func TestImport_SkipsBadDayFile(t *testing.T) {
	zip := slackexporttest.Zip(t, map[string]string{
		"users.json":              `[{"id": "U1", "name": "ana", "profile": {"title": "Engineer"}}]`,
		"channels.json":           `[{"id": "C1", "name": "standup", "members": ["U1"]}]`,
		"standup/2026-11-16.json": `[{"type": "message", "user": "U1", "text": "blocked on legal for the DPA", "ts": "1794821460.000100"}]`,
		"standup/2026-11-17.json": "[\n  {\"type\": \"message\", \"user\": \"U1\" \"text\": \"legal signed the DPA\"}\n]",
	})
	db := filepath.Join(t.TempDir(), "x.db")
	code, out, errOut := run(t, "import", "-config", "testdata/companyx.yaml", "-db", db, zip)
	if code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	want := "warning: " + zip + ": standup/2026-11-17.json: invalid JSON at line 2, column 36: invalid character '\"' after object key:value pair: the file is skipped\n"
	if !strings.Contains(errOut, want) || strings.Count(errOut, "warning:") != 1 {
		t.Errorf("stderr = %q\nwant the line %q", errOut, want)
	}
	if !strings.Contains(out, "\n1 warning: parts of the export were left out (the warning lines above say which)\n") {
		t.Errorf("stdout = %q, want it to count the warnings", out)
	}
	if !strings.Contains(out, ", 1 message;") {
		t.Errorf("stdout = %q, want 1 message imported", out)
	}
	// The digest defaults to today: the import says which as-of date shows the export.
	if want := "the export's messages run from 2026-11-16 to 2026-11-16: 'unblock digest -config testdata/companyx.yaml -db " + db + " -as-of 2026-11-16' shows its last week\n"; !strings.HasSuffix(out, want) {
		t.Errorf("stdout = %q, want it to end with %q", out, want)
	}
	code, out, errOut = run(t, "blockers", "-config", "testdata/companyx.yaml", "-db", db, "-as-of", "2026-11-17", "-format", "csv")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, ",open,") {
		t.Errorf("blockers exit %d: %s%s; want the one blocker, open", code, out, errOut)
	}
}

// An export unzipped into a folder imports as its zip does.
func TestImport_Folder(t *testing.T) {
	dir := t.TempDir()
	cfg := "testdata/companyx.yaml"
	digest := func(export string) string {
		db := filepath.Join(dir, filepath.Base(export)+".db")
		if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, export); code != 0 {
			t.Fatalf("import %s exit %d: %s", export, code, errOut)
		}
		code, out, errOut := run(t, "digest", "-config", cfg, "-db", db, "-as-of", "2026-11-20", "-format", "json")
		if code != 0 {
			t.Fatalf("digest exit %d: %s", code, errOut)
		}
		return out
	}
	if fromDir, fromZip := digest(slackexporttest.CompanyXDir()), digest(slackexporttest.CompanyXZip(t)); fromDir != fromZip {
		t.Errorf("digest from the folder:\n%s\nfrom the zip:\n%s", fromDir, fromZip)
	}
	if _, err := os.Stat(filepath.Join(dir, "companyx.db")); err != nil {
		t.Fatal(err)
	}
}

// The digest, the graph and the ledger default to today; on an export of weeks
// long past they say on stderr which -as-of shows its last week.
func TestOffline_NotesOldData(t *testing.T) {
	zip := slackexporttest.Zip(t, map[string]string{
		"users.json":              `[{"id": "U1", "name": "ana", "profile": {"title": "Engineer"}}]`,
		"channels.json":           `[{"id": "C1", "name": "standup", "members": ["U1"]}]`,
		"standup/2020-03-02.json": `[{"type": "message", "user": "U1", "text": "blocked on legal for the DPA", "ts": "1583141400.000100"}]`,
	})
	db := filepath.Join(t.TempDir(), "x.db")
	cfg := "testdata/companyx.yaml"
	if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, zip); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	const note = "note: the newest report is from 2020-03-02, before the week ending today: -as-of 2020-03-02 shows its week\n"
	for _, args := range [][]string{
		{"digest", "-format", "json"},
		{"graph", "-format", "json"},
		{"blockers", "-format", "json"},
	} {
		code, out, errOut := run(t, append(args, "-config", cfg, "-db", db)...)
		if code != 0 || errOut != note || !strings.HasPrefix(out, "{") {
			t.Errorf("%s: exit %d, stderr %q; want the note %q and the JSON on stdout", args[0], code, errOut, note)
		}
		code, _, errOut = run(t, append(args, "-config", cfg, "-db", db, "-as-of", "2020-03-02")...)
		if code != 0 || errOut != "" {
			t.Errorf("%s -as-of 2020-03-02: exit %d, stderr %q; want no note", args[0], code, errOut)
		}
	}
}
