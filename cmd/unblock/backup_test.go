package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A backup is a database every command reads as the original: restoring it (using
// it in the original's place) gives the same digest. A second backup to the same
// file is refused.
func TestBackup_CopyReadsAsTheOriginal(t *testing.T) {
	db, dir := importedCompanyX(t), t.TempDir()
	out := filepath.Join(dir, "backup.db")
	code, stdout, errOut := run(t, "backup", "-db", db, out)
	if code != 0 || !strings.Contains(stdout, "integrity checked") {
		t.Fatalf("backup exit %d, stdout %q, stderr %q", code, stdout, errOut)
	}
	_, want, _ := run(t, "digest", "-config", "testdata/companyx.yaml", "-db", db, "-as-of", "2026-11-20", "-format", "json")
	_, got, _ := run(t, "digest", "-config", "testdata/companyx.yaml", "-db", out, "-as-of", "2026-11-20", "-format", "json")
	if got != want || !strings.Contains(got, `"open"`) {
		t.Fatalf("digest of the backup differs from the original's:\n%s\nwant\n%s", got, want)
	}
	if code, _, errOut := run(t, "backup", "-db", db, out); code != 2 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("backup over an existing file: exit %d, %q; want 2 and a refusal", code, errOut)
	}
	if code, _, errOut := run(t, "backup", "-db", filepath.Join(dir, "none.db"), filepath.Join(dir, "b2.db")); code != 2 || !strings.Contains(errOut, "does not exist") {
		t.Fatalf("backup of a missing database: exit %d, %q", code, errOut)
	}
}
