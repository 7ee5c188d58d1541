package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

// With no teams in the config, `unblock run` starts, and the App Home shows an
// admin the first-standup flow; a SIGHUP then reloads the config, whose new
// team the App Home shows read-only, managed as code.
func TestRun_NoTeamsAdminHomeAndReload(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	const lead, member = "U02LEAD001", "U02ENG0042"
	emu.AddUser(slackemu.User{ID: lead, Name: "lea", RealName: "Lea Park", Title: "VP Engineering"})
	emu.AddUser(slackemu.User{ID: member, Name: "tom", RealName: "Tom Berg", Title: "Backend Engineer"})
	emu.AddChannel("C061ENGSTND", "eng-standup", lead, member, slackemu.BotUserID)
	_, cfg, vars := writeRunConfig(t, emu, "database: unblock.db\nadmins: ["+lead+"]\n")
	var stderr lockedBuffer // the bot logs to it while the test reads it
	hangup := make(chan os.Signal, 1)
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }, Hangup: hangup}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	run, stop := context.WithCancel(ctx)
	done := make(chan int, 1)
	go func() { done <- Main(run, env, []string{"run", "-config", cfg}) }()
	if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
		t.Fatalf("the bot did not connect: %v\n%s", err, stderr.String())
	}
	homeSays := func(user, want string) {
		t.Helper()
		d, err := emu.OpenHome(user)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.WaitAck(ctx); err != nil {
			t.Fatal(err)
		}
		err = emu.WaitFor(ctx, func() bool {
			v, ok := emu.HomeView(user)
			return ok && strings.Contains(string(v.JSON), want)
		})
		if err != nil {
			v, _ := emu.HomeView(user)
			t.Fatalf("%s's App Home does not say %q: %s\n%s", user, want, v.JSON, stderr.String())
		}
	}
	homeSays(lead, "Create your first standup")
	homeSays(member, "Your blockers")
	if v, _ := emu.HomeView(member); strings.Contains(string(v.JSON), "Create your first standup") {
		t.Fatalf("a member sees the admin's flow: %s", v.JSON)
	}

	conf := "database: unblock.db\nadmins: [" + lead + "]\nteams:\n  - name: platform\n    channel: C061ENGSTND\n    members: [" + member + "]\n"
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	hangup <- syscall.SIGHUP
	if err := stderr.waitFor(ctx, "config reloaded"); err != nil {
		t.Fatalf("no reload: %v\n%s", err, stderr.String())
	}
	homeSays(lead, "Managed as code")

	// A broken config on reload changes nothing.
	if err := os.WriteFile(cfg, []byte("teams: [{name: Bad Name}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	hangup <- syscall.SIGHUP
	if err := stderr.waitFor(ctx, "config reload refused"); err != nil {
		t.Fatalf("a broken config was not refused: %v\n%s", err, stderr.String())
	}
	homeSays(lead, "*platform*")
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("run exit %d:\n%s", code, stderr.String())
	}
}

// check-config accepts a config with no teams: they can all be set up in the App Home.
func TestCheckConfig_NoTeams(t *testing.T) {
	dir := t.TempDir()
	cfg := dir + "/config.yaml"
	if err := os.WriteFile(cfg, []byte("admins: [U02LEAD001]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	vars := map[string]string{"SLACK_APP_TOKEN": "xapp-1-A1-1-abc", "SLACK_BOT_TOKEN": "xoxb-1-2-abc"}
	env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }}
	if code := Main(context.Background(), env, []string{"check-config", "-offline", cfg}); code != 0 {
		t.Fatalf("check-config exit %d:\n%s\n%s", code, stdout.String(), stderr.String())
	}
	if want := "none here: the workspace's admins and owners and U02LEAD001 set standups up in the App Home"; !strings.Contains(stdout.String(), want) {
		t.Fatalf("check-config does not say who sets the teams up:\n%s", stdout.String())
	}
}

// lockedBuffer is a bytes.Buffer safe for one writer and one reader at once,
// which a reader can wait on.
type lockedBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	written chan struct{} // closed and replaced at each write
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.written != nil {
		close(b.written)
		b.written = nil
	}
	return b.buf.Write(p)
}

// waitFor waits until the buffer holds want, or ctx is done.
func (b *lockedBuffer) waitFor(ctx context.Context, want string) error {
	for {
		b.mu.Lock()
		if strings.Contains(b.buf.String(), want) {
			b.mu.Unlock()
			return nil
		}
		if b.written == nil {
			b.written = make(chan struct{})
		}
		ch := b.written
		b.mu.Unlock()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		}
	}
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// `unblock run` with no config at all: two tokens in the environment, and a
// workspace admin sets the standups up in the App Home.
func TestRun_NoConfigFile(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	const owner = "U02OWNER01"
	emu.AddUser(slackemu.User{ID: owner, Name: "olga", RealName: "Olga Berg", Title: "CTO", IsOwner: true})
	data := t.TempDir()
	vars := map[string]string{"SLACK_APP_TOKEN": emu.AppToken(), "SLACK_BOT_TOKEN": emu.BotToken(), "SLACK_API_URL": emu.APIURL(), "UNBLOCK_DATA_DIR": data}
	var stderr lockedBuffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }, Hangup: make(chan os.Signal)}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	run, stop := context.WithCancel(ctx)
	done := make(chan int, 1)
	go func() { done <- Main(run, env, []string{"run"}) }()
	if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
		t.Fatalf("the bot did not connect: %v\n%s", err, stderr.String())
	}
	d, err := emu.OpenHome(owner)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	if err := emu.WaitFor(ctx, func() bool {
		v, ok := emu.HomeView(owner)
		return ok && strings.Contains(string(v.JSON), "Create your first standup")
	}); err != nil {
		t.Fatalf("the owner's App Home has no first-standup flow: %v\n%s", err, stderr.String())
	}
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("run exit %d:\n%s", code, stderr.String())
	}
	if _, err := os.Stat(data + "/unblock.db"); err != nil {
		t.Fatalf("no database in UNBLOCK_DATA_DIR: %v", err)
	}
}

// The App Home's teams place people as the config's do, in the running app
// too: a team saved before the start (or by another replica) gives its member
// its team and default role, and a change saved while it runs is followed when
// the app applies the teams again (here a SIGHUP; on PostgreSQL the watch).
func TestRun_AppHomeTeamsPlacePeople(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	const lead, member = "U02LEAD001", "U02NEW0042"
	emu.AddUser(slackemu.User{ID: lead, Name: "lea", RealName: "Lea Park", Title: "VP Engineering"})
	emu.AddUser(slackemu.User{ID: member, Name: "tom", RealName: "Tom Berg"}) // no title: no role of his own
	emu.AddChannel("C061ENGSTND", "eng-standup", lead, member, slackemu.BotUserID)
	dir, cfg, vars := writeRunConfig(t, emu, "database: unblock.db\nadmins: ["+lead+"]\n")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db, err := store.Open(ctx, filepath.Join(dir, "unblock.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	web := unblock.StandupTeam{
		Name: "web", Channel: "C061ENGSTND", Members: []string{member}, Time: "10:00", Days: []time.Weekday{time.Monday},
		Timezone: "UTC", Questions: []string{"Blocked?"}, AnswerWindow: time.Hour, DefaultRole: unblock.RoleQA, UpdatedAt: time.Now(),
	}
	if err := db.SaveStandupTeam(ctx, web); err != nil {
		t.Fatal(err)
	}

	var stderr lockedBuffer
	hangup := make(chan os.Signal, 1)
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }, Hangup: hangup}
	run, stop := context.WithCancel(ctx)
	done := make(chan int, 1)
	go func() { done <- Main(run, env, []string{"run", "-config", cfg}) }()
	if err := stderr.waitFor(ctx, "unblock is running"); err != nil {
		t.Fatalf("the bot did not start: %v\n%s", err, stderr.String())
	}
	placed := func(team string, role unblock.Role) {
		t.Helper()
		p, err := db.Person(ctx, member)
		if err != nil || p.Team != team || p.Role != role {
			t.Fatalf("tom = team %q, role %q (%v); want %q, %q\n%s", p.Team, p.Role, err, team, role, stderr.String())
		}
	}
	placed("web", unblock.RoleQA)

	// Another replica gives the team another default role; this one applies the teams again.
	web.DefaultRole, web.UpdatedAt = unblock.RoleData, time.Now()
	if err := db.SaveStandupTeam(ctx, web); err != nil {
		t.Fatal(err)
	}
	hangup <- syscall.SIGHUP
	if err := stderr.waitFor(ctx, "config reloaded"); err != nil {
		t.Fatalf("no reload: %v\n%s", err, stderr.String())
	}
	placed("web", unblock.RoleData)
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("run exit %d:\n%s", code, stderr.String())
	}
}
