package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/config"
	"github.com/unblock-dev/unblock/store"
)

// The scheduler's teams are the config's, then the App Home's that run: a name
// both define is the config's, a paused team is left out, and the digest
// recipients are those of the teams that run.
func TestTeamSource(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "unblock.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg, err := config.Parse("c.yaml", strings.NewReader("teams:\n  - name: checkout\n    channel: C0CHECK01\n    members: [U0ANA0001]\n"), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	setup := func(name string, paused bool, digestTo ...string) {
		t.Helper()
		err := db.SaveStandupTeam(ctx, unblock.StandupTeam{
			Name: name, Channel: "C0WEB0001", UserGroup: "S0WEB0001", Time: "10:00", Days: []time.Weekday{time.Monday},
			Timezone: "UTC", Questions: []string{"Blocked?"}, AnswerWindow: time.Hour, DigestTo: digestTo, Paused: paused,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	setup("checkout", false, "U0NOPE001") // the config's name: the config wins
	setup("web", false, "U0LEAD001", "U0LEAD002")
	setup("mobile", true, "U0LEAD003") // paused
	groups := func(id string) []string {
		if id == "S0WEB0001" {
			return []string{"U0BEN0001", "U0CAT0001"}
		}
		return nil
	}
	src := newTeamSource(cfg, db, groups, slog.New(slog.NewTextHandler(io.Discard, nil)))
	teams, err := src.teams(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tm := range teams {
		names = append(names, tm.Name+":"+tm.Channel+":"+strings.Join(tm.Members, ","))
	}
	if want := []string{"checkout:C0CHECK01:U0ANA0001", "web:C0WEB0001:U0BEN0001,U0CAT0001"}; !slices.Equal(names, want) {
		t.Fatalf("teams = %v, want %v", names, want)
	}
	if got, want := src.moreLeads(), []string{"U0LEAD001", "U0LEAD002"}; !slices.Equal(got, want) {
		t.Fatalf("digest recipients = %v, want %v", got, want)
	}
	if code := src.codeTeams(); len(code) != 1 || code[0].Name != "checkout" || code[0].Members != 1 {
		t.Fatalf("codeTeams = %+v, want the config's checkout", code)
	}
}

// The replica that runs the schedules applies the teams another replica
// changed: watch calls back once the database holds teams other than those it
// read last, and not again for the same ones.
func TestTeamSourceWatch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "unblock.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	src := newTeamSource(config.Default(), db, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if _, err := src.teams(ctx); err != nil { // what this replica runs: no team
		t.Fatal(err)
	}
	// Another replica saves a team.
	err = db.SaveStandupTeam(ctx, unblock.StandupTeam{
		Name: "web", Channel: "C0WEB0001", Members: []string{"U0BEN0001"}, Time: "10:00", Days: []time.Weekday{time.Monday},
		Timezone: "UTC", Questions: []string{"Blocked?"}, AnswerWindow: time.Hour, UpdatedAt: time.Now(),
	})
	if err != nil {
		t.Fatal(err)
	}
	changed := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		src.watch(ctx, time.Millisecond, func(ctx context.Context) error {
			if _, err := src.teams(ctx); err != nil { // as apply reads them
				return err
			}
			select {
			case changed <- struct{}{}:
			default:
				t.Error("watch called back again with nothing new")
			}
			return nil
		})
	}()
	select {
	case <-changed:
	case <-time.After(30 * time.Second):
		t.Fatal("watch did not call back after a change")
	}
	cancel()
	<-done
}
