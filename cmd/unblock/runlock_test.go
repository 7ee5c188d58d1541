package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A database run cannot use stops run with one line that names the database and
// says why, as import and the other commands say it, not with the lock file
// beside it that run happens to create first.
func TestRun_UnusableDatabaseNamed(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, database, want string
	}{
		{"missing directory", filepath.Join(dir, "missing", "u.db"), "its directory " + filepath.Join(dir, "missing") + " does not exist"},
		{"directory is a file", filepath.Join(dir, "afile", "u.db"), filepath.Join(dir, "afile") + " is not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(dir, "afile"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg := filepath.Join(dir, "config.yaml")
			yaml := "slack:\n  app_token: xapp-1-A0-1-abc\n  bot_token: xoxb-1-2-abc\n  api_url: http://127.0.0.1:1/api/\ndatabase: " + tc.database + "\n"
			if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := run(t, "run", "-config", cfg)
			if code != 2 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "database "+tc.database) ||
				!strings.Contains(errOut, tc.want) || strings.Contains(errOut, "run-lock") {
				t.Errorf("run: exit %d, stderr %q; want 2 and one line naming the database and %q", code, errOut, tc.want)
			}
		})
	}
}
