package main

import (
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// An export's DM with unblock's bot user is read as the live bot reads a DM to
// it, a standup report (Ana's "need design to sign off …", which as chat would
// be nothing), also when passive_channels leaves other channels out; DMs
// between people (Dana's "still waiting on legal …" to Ana) and group DMs
// (Priya's "blocked on QA …") are never read. With another bot user named by
// -bot-user, Ana's DM is no DM with unblock and is left out too.
func TestImport_DirectMessages(t *testing.T) {
	type edge struct{ From, To string }
	tests := []struct {
		name     string
		config   string
		flags    []string
		want     []edge
		wantLeft string
	}{
		{"WithTheBot", "timezone: UTC\n", nil,
			[]edge{{"U0ANA0001", "role:design"}, {"U0PRIYA01", "role:ops"}}, "2 private conversations left out"},
		{"PassiveChannels", "timezone: UTC\npassive_channels: [C0STANDUP]\n", nil,
			[]edge{{"U0ANA0001", "role:design"}, {"U0PRIYA01", "role:ops"}}, "2 private conversations left out"},
		{"AnotherBotUser", "timezone: UTC\n", []string{"-bot-user", "U0OTHERBOT"},
			[]edge{{"U0PRIYA01", "role:ops"}}, "3 private conversations left out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg, db := filepath.Join(dir, "config.yaml"), filepath.Join(dir, "x.db")
			if err := os.WriteFile(cfg, []byte(tt.config), 0o600); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"import", "-config", cfg, "-db", db}, tt.flags...)
			code, out, errOut := run(t, append(args, "testdata/dms")...)
			if code != 0 {
				t.Fatalf("import exit %d: %s", code, errOut)
			}
			if !strings.Contains(out, tt.wantLeft+": DMs between people and group DMs are never read") {
				t.Errorf("import said:\n%s\nwant a line %q", out, tt.wantLeft)
			}
			code, out, errOut = run(t, "graph", "-config", cfg, "-db", db, "-as-of", "2026-11-20", "-level", "person", "-format", "json")
			if code != 0 {
				t.Fatalf("graph exit %d: %s", code, errOut)
			}
			var g struct{ Edges []edge }
			if err := json.Unmarshal([]byte(out), &g); err != nil {
				t.Fatalf("graph JSON: %v\n%s", err, out)
			}
			slices.SortFunc(g.Edges, func(a, b edge) int { return cmp.Compare(a.From, b.From) })
			if !slices.Equal(g.Edges, tt.want) {
				t.Errorf("open edges = %+v, want %+v", g.Edges, tt.want)
			}
		})
	}
}
