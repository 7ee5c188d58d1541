package bot

import (
	"context"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/store"
)

// An API that accepts connections and never answers must not hang the bot: every
// Web API call has a timeout, so Open fails instead of waiting forever.
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
		HTTPTimeout: 200 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db)
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
