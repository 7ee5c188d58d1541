package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

// TestRun_StartsWhileTheDatabaseIsLocked: `unblock run` started (or restarted
// after a crash) while another process holds the database's write lock past the
// busy timeout waits for the lock, saying so, instead of exiting; once the lock
// goes it connects, and what arrives is read.
func TestRun_StartsWhileTheDatabaseIsLocked(t *testing.T) {
	if testing.Short() {
		t.Skip("holds a lock past the 5 s busy timeout")
	}
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	emu.AddUser(slackemu.User{ID: "U02ENG0042", Name: "tom", RealName: "Tom Berg", Title: "Backend Engineer", TZ: "Europe/Berlin"})
	emu.AddChannel("C061ENGSTND", "eng-standup", "U02ENG0042", slackemu.BotUserID)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	dir := t.TempDir()
	path := filepath.Join(dir, "unblock.db")
	db, err := store.Open(ctx, path) // a database the bot ran on before
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	other, err := sql.Open("sqlite3", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()

	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("database: unblock.db\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"SLACK_APP_TOKEN": emu.AppToken(), "SLACK_BOT_TOKEN": emu.BotToken(), "SLACK_API_URL": emu.APIURL()}
	stderr := &lockedBuffer{}
	env := &Env{Stdin: strings.NewReader(""), Stdout: &lockedBuffer{}, Stderr: stderr, Getenv: func(k string) string { return vars[k] }}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan int, 1)
	go func() { done <- Main(runCtx, env, []string{"run", "-config", cfg}) }()

	// Past the busy timeout the bot says it waits for the lock, and is still there.
	select {
	case code := <-done:
		t.Fatalf("run exited %d while the database was locked:\n%s", code, stderr)
	case <-waitErr(ctx, stderr, "locked by another process"):
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
		t.Fatalf("the bot did not connect once the lock went: %v\n%s", err, stderr)
	}
	d, err := emu.PostMessage("U02ENG0042", "C061ENGSTND", "Blockers: waiting on legal to approve the copy")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WaitAck(ctx); err != nil {
		t.Fatal(err)
	}
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("run exit %d:\n%s", code, stderr)
	}
}

// waitErr returns a channel closed once b holds want (or ctx ends).
func waitErr(ctx context.Context, b *lockedBuffer, want string) <-chan struct{} {
	ch := make(chan struct{})
	go func() { defer close(ch); _ = b.waitFor(ctx, want) }()
	return ch
}
