package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/slackexport/slackexporttest"
)

// TestAckDuringImport measures how long `unblock run` takes to acknowledge DMs
// while `unblock import` of a large export writes to the same database (issue 10:
// acks must not queue behind long writes; goal p99 < 100 ms). It is a benchmark
// run as a test, off by default:
//
//	UNBLOCK_ACK_BENCH=200000 go test ./cmd/unblock/ -run TestAckDuringImport -v
//
// The value is the number of messages in the generated export.
func TestAckDuringImport(t *testing.T) {
	n := envInt("UNBLOCK_ACK_BENCH")
	if n == 0 {
		t.Skip("set UNBLOCK_ACK_BENCH=MESSAGES to run")
	}
	zip := slackexporttest.GenerateZip(t, n)
	emu := slackemu.New(slackemu.Options{})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	const user = "U02ENG0042"
	emu.AddUser(slackemu.User{ID: user, Name: "tom", RealName: "Tom Berg", Title: "Backend Engineer", TZ: "Europe/Berlin"})
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("database: unblock.db\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"SLACK_APP_TOKEN": emu.AppToken(), "SLACK_BOT_TOKEN": emu.BotToken(), "SLACK_API_URL": emu.APIURL()}
	env := func() *Env {
		return &Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: func(k string) string { return vars[k] }}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	runCtx, stopRun := context.WithCancel(ctx)
	ran := make(chan int, 1)
	go func() { ran <- Main(runCtx, env(), []string{"run", "-config", cfg}) }()
	if err := emu.WaitFor(ctx, func() bool { return emu.Connections() > 0 }); err != nil {
		t.Fatal(err)
	}

	var importing atomic.Bool
	importing.Store(true)
	imported := make(chan time.Duration, 1)
	go func() {
		start := time.Now()
		importEnv := env()
		if code := Main(ctx, importEnv, []string{"import", "-config", cfg, "-db", filepath.Join(dir, "unblock.db"), zip}); code != 0 {
			t.Errorf("import exit %d: %s", code, importEnv.Stderr)
		}
		importing.Store(false)
		imported <- time.Since(start)
	}()
	var acks []time.Duration
	for i := 0; importing.Load(); i++ {
		start := time.Now()
		d, err := emu.PostMessage(user, emu.IMChannel(user), "blocked on design for the checkout mocks, take "+itoa(i))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.WaitAck(ctx); err != nil {
			t.Fatal(err)
		}
		acks = append(acks, time.Since(start))
		time.Sleep(20 * time.Millisecond)
	}
	took := <-imported
	stopRun()
	<-ran
	slices.Sort(acks)
	q := func(p float64) time.Duration { return acks[min(len(acks)-1, int(p*float64(len(acks))))] }
	t.Logf("import of %d messages took %v; %d DMs acknowledged meanwhile: p50 %v, p99 %v, max %v",
		n, took.Round(time.Millisecond), len(acks), q(0.50), q(0.99), acks[len(acks)-1])
	if q(0.99) > 100*time.Millisecond {
		t.Errorf("ack p99 = %v during the import, want < 100 ms", q(0.99))
	}
}

func envInt(name string) int {
	n := 0
	for _, c := range os.Getenv(name) {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
