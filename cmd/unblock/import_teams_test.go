package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
	"github.com/unblock-dev/unblock/store"
)

// An import places people in the teams set up in the App Home as the bot does
// (after the config's, which win): it never undoes the team and default role
// the bot gave a member.
func TestImport_AppHomeTeamsPlacePeople(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: UTC\nteams:\n  - name: checkout\n    channel: C0STAND01\n    members: [U0ANA0001]\n    default_role: qa\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "x.db")
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"web", "checkout"} { // checkout is the config's: its own stands
		err := db.SaveStandupTeam(ctx, unblock.StandupTeam{
			Name: name, Channel: "C0STAND01", Members: []string{"U0ANA0001", "U0SAM0001"}, Time: "10:00",
			Days: []time.Weekday{time.Monday}, Timezone: "UTC", Questions: []string{"Blocked?"}, AnswerWindow: time.Hour,
			DefaultRole: unblock.RoleDesign,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	zip := slackexporttest.Zip(t, map[string]string{
		"users.json": `[{"id":"U0ANA0001","name":"ana","real_name":"Ana Ruiz","profile":{"real_name":"Ana Ruiz"}},
			{"id":"U0SAM0001","name":"sam","real_name":"Sam Reed","profile":{"real_name":"Sam Reed"}}]`,
		"channels.json":           `[{"id":"C0STAND01","name":"standup","members":["U0ANA0001","U0SAM0001"]}]`,
		"standup/2026-11-16.json": `[{"type":"message","user":"U0SAM0001","text":"B: waiting on the checkout team","ts":"1794819600.000100"}]`,
	})
	if code, _, errOut := run(t, "import", "-config", cfg, "-db", dbPath, zip); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	db, err = store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for id, want := range map[string]struct {
		team string
		role unblock.Role
	}{"U0ANA0001": {"checkout", unblock.RoleQA}, "U0SAM0001": {"web", unblock.RoleDesign}} {
		p, err := db.Person(ctx, id)
		if err != nil || p.Team != want.team || p.Role != want.role {
			t.Errorf("%s = team %q, role %q (%v); want %q, %q", id, p.Team, p.Role, err, want.team, want.role)
		}
	}
}
