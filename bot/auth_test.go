package bot

import (
	"context"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

// An API that accepts connections and never answers must not hang the bot: every
// Web API call has a timeout, and Open's retries of auth.test a bound
// (StartPatience), so Open fails instead of waiting forever.
func TestOpen_SilentAPITimesOut(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var held []net.Conn // accepted, held open, never answered
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	defer func() {
		ln.Close()
		<-done // the accept loop has ended: held is ours
		for _, c := range held {
			c.Close()
		}
	}()

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "unblock.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b, err := New(Config{AppToken: "xapp-1-x", BotToken: "xoxb-x", APIURL: "http://" + ln.Addr().String() + "/api/",
		HTTPTimeout: 200 * time.Millisecond, StartPatience: 3 * time.Second, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Open(ctx)
	if err == nil {
		b.Close()
		t.Fatal("Open succeeded against an API that never answers")
	}
	if ctx.Err() != nil {
		t.Fatalf("Open waited for the test's own deadline: %v", err)
	}
}

func TestTokenRefused(t *testing.T) {
	for code, want := range map[string]bool{"invalid_auth": true, "token_revoked": true, "account_inactive": true,
		"not_allowed_token_type": true, "ratelimited": false, "channel_not_found": false} {
		if _, got := tokenRefused(errString(code)); got != want {
			t.Errorf("tokenRefused(%q) = %v; want %v", code, got, want)
		}
	}
	if _, got := tokenRefused(nil); got {
		t.Error("tokenRefused(nil) = true")
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// TestOpen_RidesOutAStartOutage: auth.test failing the way a short Slack or
// network outage fails (5xx, a proxy's page, a 429, a reset) does not stop Open:
// it retries with backoff and starts once Slack answers; a refused token or an
// error Slack answered stops it at once, naming the token.
func TestOpen_RidesOutAStartOutage(t *testing.T) {
	tests := []struct {
		name    string
		fault   slackemu.Fault
		wantErr string // "" means Open succeeds
	}{
		{"503 twice", slackemu.Fault{Status: 503, Times: 2}, ""},
		{"a proxy's HTML page", slackemu.Fault{HTML: true, Times: 1}, ""},
		{"429 with Retry-After", slackemu.Fault{Status: 429, RetryAfter: 1, Times: 4}, ""},
		{"connection reset", slackemu.Fault{Reset: true, Times: 1}, ""},
		{"internal_error", slackemu.Fault{Error: "internal_error", Times: 1}, ""},
		{"token revoked", slackemu.Fault{Error: "token_revoked"}, "SLACK_BOT_TOKEN"},
		{"account inactive", slackemu.Fault{Error: "account_inactive"}, "account_inactive"},
		{"an error Slack answered", slackemu.Fault{Error: "team_not_found"}, "team_not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			emu := slackemu.New(slackemu.Options{})
			if err := emu.Start(); err != nil {
				t.Fatal(err)
			}
			defer emu.Close()
			emu.InjectFault("auth.test", tt.fault)
			db, err := store.Open(ctx, filepath.Join(t.TempDir(), "unblock.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			b, err := New(Config{AppToken: emu.AppToken(), BotToken: emu.BotToken(), APIURL: emu.APIURL(),
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db)
			if err != nil {
				t.Fatal(err)
			}
			err = b.Open(ctx)
			if err == nil {
				b.Close()
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Open = %v; want it to ride out the outage", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Open = %v; want an error naming %q", err, tt.wantErr)
			case tt.wantErr != "" && emu.FaultsHit() > 1:
				t.Fatalf("auth.test was called %d times; a refusal must stop Open at once", emu.FaultsHit())
			}
		})
	}
}
