package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

// TestRun_ExampleConfigAgainstEmulator runs `unblock run -config config.example.yaml`
// with only the two tokens and SLACK_API_URL set, against the emulator: it
// connects over Socket Mode, reads a standup post, and shuts down cleanly.
func TestRun_ExampleConfigAgainstEmulator(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	emu.AddUser(slackemu.User{ID: "U02ENG0042", Name: "tom", RealName: "Tom Berg", Title: "Backend Engineer", TZ: "Europe/Berlin"})
	emu.AddChannel("C061ENGSTND", "eng-standup", "U02ENG0042", slackemu.BotUserID)

	dir := t.TempDir()
	example, err := os.ReadFile("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, example, 0o644); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"SLACK_APP_TOKEN": emu.AppToken(), "SLACK_BOT_TOKEN": emu.BotToken(), "SLACK_API_URL": emu.APIURL()}
	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- Main(ctx, env, []string{"run", "-config", cfg}) }()

	wait, stop := context.WithTimeout(context.Background(), 30*time.Second)
	defer stop()
	if err := emu.WaitFor(wait, func() bool { return emu.Connections() > 0 }); err != nil {
		cancel()
		t.Fatalf("the bot did not connect: %v\n%s", err, stderr.String())
	}
	d, err := emu.PostMessage("U02ENG0042", "C061ENGSTND", "Blockers: waiting on legal to approve the copy")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WaitAck(wait); err != nil {
		t.Fatal(err)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("run exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "unblock.db")); err != nil {
		t.Fatalf("the database is not beside the config: %v", err)
	}
	for _, tok := range []string{emu.AppToken(), emu.BotToken()} {
		if strings.Contains(stderr.String(), tok) {
			t.Fatalf("a token reached the log:\n%s", stderr.String())
		}
	}
}

func TestRun_BadTokens(t *testing.T) {
	tests := []struct {
		name string
		vars map[string]string
		want []string
	}{
		{"missing", map[string]string{}, []string{"slack.app_token", "slack.bot_token", "missing"}},
		{"swapped", map[string]string{"SLACK_APP_TOKEN": "xoxb-123-secret", "SLACK_BOT_TOKEN": "xapp-1-secret"}, []string{"xapp-", "xoxb-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return tt.vars[k] }}
			code := Main(context.Background(), env, []string{"run", "-config", "testdata/companyx.yaml"})
			if code != 2 {
				t.Fatalf("exit %d, want 2; stderr %q", code, stderr.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr %q does not mention %q", stderr.String(), w)
				}
			}
			if strings.Contains(stderr.String(), "secret") {
				t.Fatalf("a token reached stderr: %q", stderr.String())
			}
		})
	}
}

// TestRun_RefusedTokens: a token Slack refuses, at start or later (revoked while the
// bot runs), stops `unblock run` with exit 1 and a last line that names the token
// and Slack's reason, never the token itself.
func TestRun_RefusedTokens(t *testing.T) {
	tests := []struct {
		name     string
		app, bot string // "" means the emulator's valid token
		revoke   string // "app" or "bot": revoke that token once connected
		fault    string // a Slack error answered to every call of faulted, from the start
		faulted  string
		want     []string
	}{
		{name: "wrong bot token", bot: "xoxb-wrong-secret", want: []string{"bot token xoxb-", "SLACK_BOT_TOKEN", "invalid_auth", "(users.list)"}},
		{name: "wrong app token", app: "xapp-1-wrong-secret", want: []string{"app-level token xapp-", "SLACK_APP_TOKEN", "invalid_auth"}},
		{name: "app token revoked while running", revoke: "app", want: []string{"app-level token xapp-", "SLACK_APP_TOKEN", "token_revoked"}},
		{name: "bot token revoked while running", revoke: "bot", want: []string{"bot token xoxb-", "SLACK_BOT_TOKEN", "token_revoked"}},
		// slack-go retries apps.connections.open forever on this one; unblock stops.
		{name: "app token of the wrong type", fault: "not_allowed_token_type", faulted: "apps.connections.open",
			want: []string{"app-level token xapp-", "SLACK_APP_TOKEN", "not_allowed_token_type"}},
		{name: "app's account inactive", fault: "account_inactive", faulted: "apps.connections.open",
			want: []string{"app-level token xapp-", "SLACK_APP_TOKEN", "account_inactive"}},
		{name: "bot's account inactive while running", revoke: "bot", fault: "account_inactive", faulted: "chat.postMessage",
			want: []string{"bot token xoxb-", "SLACK_BOT_TOKEN", "account_inactive"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			emu := slackemu.New(slackemu.Options{})
			if err := emu.Start(); err != nil {
				t.Fatal(err)
			}
			defer emu.Close()
			emu.AddUser(slackemu.User{ID: "U02ENG0042", Name: "tom", RealName: "Tom Berg", Title: "Backend Engineer", TZ: "Europe/Berlin"})
			emu.AddChannel("C061ENGSTND", "eng-standup", "U02ENG0042", slackemu.BotUserID)
			app, bot := cmp.Or(tt.app, emu.AppToken()), cmp.Or(tt.bot, emu.BotToken())
			if tt.faulted == "apps.connections.open" {
				emu.InjectFault(tt.faulted, slackemu.Fault{Error: tt.fault})
			}
			dir := t.TempDir()
			cfg := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(cfg, []byte("database: unblock.db\ndigest:\n  channel: C061ENGSTND\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			vars := map[string]string{"SLACK_APP_TOKEN": app, "SLACK_BOT_TOKEN": bot, "SLACK_API_URL": emu.APIURL()}
			var stdout, stderr bytes.Buffer
			env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			done := make(chan int, 1)
			go func() { done <- Main(ctx, env, []string{"run", "-config", cfg}) }()

			if tt.revoke != "" {
				if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
					t.Fatalf("the bot did not connect: %v\n%s", err, stderr.String())
				}
				switch {
				case tt.revoke == "app":
					emu.Revoke(app)
				case tt.fault != "":
					emu.InjectFault(tt.faulted, slackemu.Fault{Error: tt.fault})
					if _, err := emu.PostMessage("U02ENG0042", emu.IMChannel("U02ENG0042"), "Blockers: waiting on legal for the DPA"); err != nil {
						t.Fatal(err)
					}
				default:
					emu.Revoke(bot)
					// The next Web API call the bot makes (here: the answer to a DM) is refused.
					if _, err := emu.PostMessage("U02ENG0042", emu.IMChannel("U02ENG0042"), "Blockers: waiting on legal for the DPA"); err != nil {
						t.Fatal(err)
					}
				}
			}
			var code int
			select {
			case code = <-done:
			case <-ctx.Done():
				t.Fatalf("run did not stop on a refused token:\n%s", stderr.String())
			}
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr.String())
			}
			out := strings.TrimSpace(stderr.String())
			last := out[strings.LastIndexByte(out, '\n')+1:]
			for _, w := range tt.want {
				if !strings.Contains(last, w) {
					t.Errorf("last line %q does not mention %q", last, w)
				}
			}
			if strings.Contains(out, "secret") || strings.Contains(out, emu.AppToken()) || strings.Contains(out, emu.BotToken()) {
				t.Fatalf("a token reached stderr:\n%s", out)
			}
			// The refused token is the reason given, once: no warning about the
			// directory sync the same refusal failed muddies it.
			if strings.Contains(out, "directory sync failed") {
				t.Errorf("a refused token is also logged as a failed directory sync:\n%s", out)
			}
			// The last line is the refusal the log's "stopping" line gave, naming
			// the same call (users.list, the start's first with the bot token, not
			// the auth.test after it).
			var stopping string
			for line := range strings.Lines(out) {
				if strings.Contains(line, `msg="stopping: `) {
					stopping = line
					break
				}
			}
			if reason := strings.TrimPrefix(last, "unblock run: "); stopping == "" || !strings.Contains(stopping, `err="`+reason+`"`) {
				t.Errorf("last line %q is not the refusal the log stopped on: %q", last, stopping)
			}
			// The digest's channel exists and has the bot: a refused token is no
			// reason to warn about it, nor to go on checking it once refused.
			if strings.Contains(out, "cannot post in a configured channel") {
				t.Errorf("a refused token is also logged as a channel problem:\n%s", out)
			}
			// The token is at fault, not the message in hand: nothing is given
			// up, so a start with a good token still sends it.
			if strings.Contains(out, "dead-lettered") {
				t.Errorf("a refused token dead-lettered an effect:\n%s", out)
			}
			if tt.revoke == "bot" {
				db, err := store.Open(ctx, filepath.Join(dir, "unblock.db"))
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if dead, err := db.Outbox(ctx, unblock.OutgoingDead); err != nil || len(dead) > 0 {
					t.Errorf("dead effects after a refused token: %+v, %v; want none", dead, err)
				}
			}
		})
	}
}

// Two `unblock run` on one database would both prompt and post every digest: the
// second stops at once with one line naming the database and the first one's pid.
func TestRun_SecondRunOnOneDatabaseRefused(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	dir, cfg, vars := writeRunConfig(t, emu, "database: unblock.db\n")
	newEnv := func(stderr *bytes.Buffer) *Env {
		return &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: stderr, Getenv: func(k string) string { return vars[k] }}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	first, stop := context.WithCancel(ctx)
	var firstErr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Main(first, newEnv(&firstErr), []string{"run", "-config", cfg}) }()
	if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
		t.Fatalf("the first bot did not connect: %v", err)
	}

	var secondErr bytes.Buffer
	code := Main(ctx, newEnv(&secondErr), []string{"run", "-config", cfg})
	if code != 2 || !strings.Contains(secondErr.String(), "another 'unblock run'") ||
		!strings.Contains(secondErr.String(), filepath.Join(dir, "unblock.db")) ||
		!strings.Contains(secondErr.String(), fmt.Sprintf("process %d", os.Getpid())) {
		t.Fatalf("second run: exit %d, stderr %q; want 2 and a line naming the database and the first run's pid", code, secondErr.String())
	}
	// Nor may a run whose database is a symlink to the first's.
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(filepath.Join(dir, "unblock.db"), link); err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	linkCfg := filepath.Join(filepath.Dir(link), "config.yaml")
	if err := os.WriteFile(linkCfg, bytes.Replace(conf, []byte("database: unblock.db"), []byte("database: "+link), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	// Refused, or connected as a second bot: whichever comes first.
	linkCtx, cancelLink := context.WithCancel(ctx)
	var linkErr bytes.Buffer
	linkDone, connected := make(chan int, 1), make(chan error, 1)
	go func() { linkDone <- Main(linkCtx, newEnv(&linkErr), []string{"run", "-config", linkCfg}) }()
	go func() { connected <- emu.WaitFor(linkCtx, func() bool { return emu.Connections() > 1 }) }()
	select {
	case code = <-linkDone:
	case <-connected:
		cancelLink()
		<-linkDone
		t.Fatal("a second bot started on a symlink to the database in use")
	}
	cancelLink()
	<-connected
	if code != 2 || !strings.Contains(linkErr.String(), "another 'unblock run'") {
		t.Fatalf("run on a symlink to the database in use: exit %d, stderr %q; want 2 and the same refusal", code, linkErr.String())
	}
	if _, err := os.Stat(store.InboxPath(link)); err != nil || store.InboxPath(link) != store.InboxPath(filepath.Join(dir, "unblock.db")) {
		t.Fatalf("the symlink's inbox %s is not the database's own (%v)", store.InboxPath(link), err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(link)); len(entries) != 2 {
		t.Fatalf("the refused run left files beside the symlink: %v", entries)
	}
	if got := emu.Connections(); got != 1 {
		t.Fatalf("%d Socket Mode connections, want only the first run's", got)
	}
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("first run exit %d: %s", code, firstErr.String())
	}

	// Once the first has stopped, a new run may start.
	if err := emu.WaitFor(ctx, func() bool { return emu.Connections() == 0 }); err != nil {
		t.Fatalf("the first run's connection stayed open: %v", err)
	}
	again, stopAgain := context.WithCancel(ctx)
	go func() { done <- Main(again, newEnv(&bytes.Buffer{}), []string{"run", "-config", cfg}) }()
	if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
		t.Fatalf("a run after the first stopped did not connect: %v", err)
	}
	stopAgain()
	if code := <-done; code != 0 {
		t.Fatalf("the later run exit %d", code)
	}
}

// TestRun_StoppedWhileStarting: SIGTERM (here: ctx cancelled) while the bot is
// still retrying auth.test against a Slack that answers 503 is a stop asked for,
// as once it runs: exit 0 and no error line blaming the last retry.
func TestRun_StoppedWhileStarting(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	emu.InjectFault("auth.test", slackemu.Fault{Status: 503})
	_, cfg, vars := writeRunConfig(t, emu, "database: unblock.db\n")
	retrying := make(chan struct{})
	stderr := &watchWriter{want: "auth.test failed; retrying", seen: retrying}
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: stderr, Getenv: func(k string) string { return vars[k] }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- Main(ctx, env, []string{"run", "-config", cfg}) }()
	select {
	case <-retrying:
	case code := <-done:
		t.Fatalf("run exit %d before it retried auth.test:\n%s", code, stderr.String())
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("run stopped while starting: exit %d, want 0; stderr:\n%s", code, stderr.String())
	}
	if out := stderr.String(); strings.Contains(out, "unblock run:") {
		t.Fatalf("a stop asked for is reported as an error:\n%s", out)
	}
}

// watchWriter collects what is written to it, from any goroutine, and closes
// seen the first time it holds want.
type watchWriter struct {
	want string
	seen chan struct{}

	mu   sync.Mutex
	buf  bytes.Buffer
	once sync.Once
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return n, err
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// A digest channel the bot is not in is reported at start, not on Monday when the
// digest fails to post.
func TestRun_WarnsOfChannelsItCannotPostIn(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	emu.AddUser(slackemu.User{ID: "U02LEAD001", Name: "lea", RealName: "Lea Park", Title: "VP Engineering"})
	emu.AddChannel("C061LEADS01", "leads", "U02LEAD001") // the bot was never invited
	emu.AddChannel("C061ENGSTND", "eng-standup", "U02LEAD001", slackemu.BotUserID)
	_, cfg, vars := writeRunConfig(t, emu, "database: unblock.db\ndigest:\n  channel: C061LEADS01\nteams:\n  - name: platform\n    channel: C061ENGSTND\n    members: [U02LEAD001]\n")
	var stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	run, stop := context.WithCancel(ctx)
	done := make(chan int, 1)
	go func() { done <- Main(run, env, []string{"run", "-config", cfg}) }()
	if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
		t.Fatalf("the bot did not connect: %v", err)
	}
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("run exit %d:\n%s", code, stderr.String())
	}
	log := stderr.String()
	if !strings.Contains(log, "C061LEADS01 (#leads, for the weekly digest): the bot is not a member; invite it with /invite @unblock") {
		t.Fatalf("no warning about the digest channel:\n%s", log)
	}
	if strings.Contains(log, "C061ENGSTND (#") {
		t.Fatalf("a warning about a channel the bot is in:\n%s", log)
	}
}

// log.format and log.level (or -log-format and -log-level) shape the bot's log:
// JSON lines for collectors, and nothing below the level asked for. A bad flag value
// is a usage error.
func TestRun_LogFormatAndLevel(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	_, cfg, vars := writeRunConfig(t, emu, "database: unblock.db\nlog:\n  format: json\n")
	runBot := func(extra ...string) string {
		var stderr bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }}
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		run, stop := context.WithCancel(ctx)
		done := make(chan int, 1)
		go func() { done <- Main(run, env, append([]string{"run", "-config", cfg}, extra...)) }()
		if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
			t.Fatalf("the bot did not connect: %v", err)
		}
		stop()
		if code := <-done; code != 0 {
			t.Fatalf("run exit %d:\n%s", code, stderr.String())
		}
		if err := emu.WaitFor(ctx, func() bool { return emu.Connections() == 0 }); err != nil {
			t.Fatal(err)
		}
		return stderr.String()
	}

	out := runBot()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec["level"] == nil || rec["msg"] == nil {
			t.Fatalf("log line %q is not a JSON record with level and msg (%v)", l, err)
		}
	}
	if !strings.Contains(out, `"level":"INFO"`) {
		t.Fatalf("no INFO line at the default level:\n%s", out)
	}

	out = runBot("-log-format", "text", "-log-level", "warn")
	if strings.Contains(out, "level=INFO") || strings.HasPrefix(out, "{") {
		t.Fatalf("-log-format text -log-level warn logged INFO or JSON:\n%s", out)
	}

	var stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }}
	if code := Main(context.Background(), env, []string{"run", "-config", cfg, "-log-level", "loud"}); code != 2 || !strings.Contains(stderr.String(), "-log-level") {
		t.Fatalf("-log-level loud: exit %d, %q; want 2 naming the flag", code, stderr.String())
	}
}

// writeRunConfig writes conf as config.yaml in a new directory and returns the
// directory, the file and the environment that points `unblock run` at emu with
// its valid tokens.
func writeRunConfig(t *testing.T, emu *slackemu.Server, conf string) (dir, cfg string, vars map[string]string) {
	t.Helper()
	dir = t.TempDir()
	cfg = filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, cfg, map[string]string{"SLACK_APP_TOKEN": emu.AppToken(), "SLACK_BOT_TOKEN": emu.BotToken(), "SLACK_API_URL": emu.APIURL()}
}
