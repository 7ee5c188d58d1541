package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestAuditDigests imports each whole-workspace truth audit under
// testdata/audits (an invented company's Slack export, its config, and the
// numbers a careful lead counts, written before any run: truth.json and
// TRUTH.md) and checks that every number of the digest stands no farther from
// the truth than it did when the audit was last measured. The audits are dev
// data (rules were written from them), so this measures no unseen company: it
// makes ground lost show.
func TestAuditDigests(t *testing.T) {
	dirs, err := filepath.Glob("testdata/audits/*/truth.json")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no audits: %v", err)
	}
	for _, truthFile := range dirs {
		dir := filepath.Dir(truthFile)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var audit struct {
				Waits     int `json:"waits"`
				LedgerOff int `json:"ledger_off"`
				Weeks     []struct {
					AsOf  string         `json:"as_of"`
					Truth map[string]int `json:"truth"`
					Off   map[string]int `json:"off"`
				} `json:"weeks"`
			}
			data, err := os.ReadFile(truthFile)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &audit); err != nil {
				t.Fatalf("%s: %v", truthFile, err)
			}
			db := filepath.Join(t.TempDir(), "audit.db")
			cfg := filepath.Join(dir, "config.yaml")
			if code, _, errOut := run(t, "import", "-config", cfg, "-db", db, filepath.Join(dir, "export")); code != 0 {
				t.Fatalf("import exit %d: %s", code, errOut)
			}
			for _, w := range audit.Weeks {
				code, out, errOut := run(t, "digest", "-config", cfg, "-db", db, "-as-of", w.AsOf, "-format", "json")
				if code != 0 {
					t.Fatalf("digest -as-of %s exit %d: %s", w.AsOf, code, errOut)
				}
				var d struct {
					Open, Opened, Resolved, Expired int
					RoleLoops                       []json.RawMessage `json:"role_loops"`
					PersonLoops                     []json.RawMessage `json:"person_loops"`
				}
				if err := json.Unmarshal([]byte(out), &d); err != nil {
					t.Fatalf("digest JSON: %v", err)
				}
				got := map[string]int{"open": d.Open, "opened": d.Opened, "resolved": d.Resolved, "expired": d.Expired,
					"role_loops": len(d.RoleLoops), "person_loops": len(d.PersonLoops)}
				for name, want := range w.Truth {
					if off := abs(got[name] - want); off > w.Off[name] {
						t.Errorf("week to %s: %s = %d, truth %d: %d off, at most %d before", w.AsOf, name, got[name], want, off, w.Off[name])
					}
				}
			}
			code, out, errOut := run(t, "blockers", "-config", cfg, "-db", db, "-as-of", audit.Weeks[len(audit.Weeks)-1].AsOf, "-format", "json")
			if code != 0 {
				t.Fatalf("blockers exit %d: %s", code, errOut)
			}
			var ledger struct {
				Blockers []json.RawMessage `json:"blockers"`
			}
			if err := json.Unmarshal([]byte(out), &ledger); err != nil {
				t.Fatalf("blockers JSON: %v", err)
			}
			if n := len(ledger.Blockers); abs(n-audit.Waits) > audit.LedgerOff {
				t.Errorf("ledger holds %d blockers for %d real waits: %d off, at most %d before", n, audit.Waits, abs(n-audit.Waits), audit.LedgerOff)
			}
		})
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
