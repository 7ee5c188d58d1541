package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
)

// TestDatabaseURLPasswordNeverPrinted: a command given a PostgreSQL URL it
// cannot open says so on one line, with the password masked as everywhere
// else ("postgres://unblock:xxxxx@…"), never the password itself.
func TestDatabaseURLPasswordNeverPrinted(t *testing.T) {
	// Nothing listens on port 1: the connection is refused at once.
	const url = "postgres://unblock:s3cretpw@127.0.0.1:1/unblock?sslmode=disable&connect_timeout=5"
	tests := []struct {
		name string
		args []string
	}{
		{"people", []string{"people", "-db", url}},
		{"blockers", []string{"blockers", "-config", "testdata/companyx.yaml", "-db", url}},
		{"digest", []string{"digest", "-config", "testdata/companyx.yaml", "-db", url}},
		{"graph", []string{"graph", "-config", "testdata/companyx.yaml", "-db", url}},
		{"export", []string{"export", "-config", "testdata/companyx.yaml", "-db", url}},
		{"export-user", []string{"export-user", "-db", url, "U1"}},
		{"forget", []string{"forget", "-db", url, "U1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != exitRuntime {
				t.Fatalf("exit %d, want %d; stderr %q", code, exitRuntime, stderr)
			}
			if strings.Contains(stderr, "s3cretpw") {
				t.Fatalf("the password reached stderr: %q", stderr)
			}
			if !strings.Contains(stderr, "postgres://unblock:xxxxx@127.0.0.1:1/unblock") {
				t.Errorf("stderr %q does not name the database", stderr)
			}
		})
	}
}

// TestDatabaseKeywordsRefused: a PostgreSQL connection string in keyword/value
// form is refused on one line that says to give a URL, with its password masked;
// it is never taken for a SQLite file's name (which made files named after it).
func TestDatabaseKeywordsRefused(t *testing.T) {
	const dsn = "host=127.0.0.1 port=1 user=unblock password=s3cretpw dbname=unblock"
	cfg, err := filepath.Abs("testdata/companyx.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	for _, args := range [][]string{
		{"import", "-config", cfg, "-db", dsn, "x.zip"},
		{"people", "-db", dsn},
		{"digest", "-config", cfg, "-db", dsn},
		{"forget", "-db", dsn, "U1"},
	} {
		code, stdout, stderr := run(t, args...)
		if code != exitUsage || strings.Contains(stdout+stderr, "s3cretpw") ||
			!strings.Contains(stderr, "password=xxxxx") || !strings.Contains(stderr, "give it as a URL") {
			t.Errorf("%s: exit %d, stderr %q; want %d and one line asking for a URL, the password masked", args[0], code, stderr, exitUsage)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files made for the connection string: %v", entries)
	}
}

// TestAPIURLPasswordNeverPrinted: a Slack API URL with credentials in it
// (SLACK_API_URL=http://user:PASSWORD@proxy/api/) reaches the start's log and
// check-config's summary masked as a database URL is, never in clear.
func TestAPIURLPasswordNeverPrinted(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	_, cfg, vars := writeRunConfig(t, emu, "database: unblock.db\n")
	vars["SLACK_API_URL"] = strings.Replace(emu.APIURL(), "://", "://proxy:s3cretpw@", 1)
	masked := strings.Replace(emu.APIURL(), "://", "://proxy:xxxxx@", 1)

	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }}
	if code := Main(context.Background(), env, []string{"check-config", "-offline", cfg}); code != 0 {
		t.Fatalf("check-config: exit %d, %s", code, stderr.String())
	}
	if strings.Contains(stdout.String()+stderr.String(), "s3cretpw") || !strings.Contains(stdout.String(), "API "+masked) {
		t.Errorf("check-config shows the API URL unmasked or not at all:\n%s%s", stdout.String(), stderr.String())
	}

	stdout.Reset()
	stderr.Reset()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	running, stop := context.WithCancel(ctx)
	done := make(chan int, 1)
	go func() { done <- Main(running, env, []string{"run", "-config", cfg}) }()
	if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
		t.Fatalf("the bot did not connect: %v", err)
	}
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("run: exit %d, %s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), "s3cretpw") || !strings.Contains(stderr.String(), "api_url="+masked) {
		t.Errorf("run logs the API URL unmasked or not at all:\n%s", stderr.String())
	}
}
