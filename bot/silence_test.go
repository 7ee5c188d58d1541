package bot

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
)

// TestSilence_HalfOpen: a socket that goes silent (no ping, nothing) is taken for
// half-open and replaced by the bot's own silence limit (its warning says so; no
// wall-clock bound, which a loaded machine breaks), and what was sent meanwhile
// arrives on the new one.
func TestSilence_HalfOpen(t *testing.T) {
	h := newHarness(t, slackemu.Options{PingInterval: 20 * time.Millisecond})
	h.bot.Close()
	const limit = 300 * time.Millisecond
	logs := &syncBuffer{}
	b, err := New(Config{
		AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		SilenceLimit: limit, Logger: slog.New(slog.NewTextHandler(logs, nil)),
	}, h.db)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Open(h.ctx); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	h.bot = b
	if err := h.emu.WaitFor(h.ctx, func() bool { return h.emu.Connections() == 1 }); err != nil {
		t.Fatal(err)
	}
	opened := h.emu.ConnectionsOpened()
	h.emu.Stall()
	if err := h.emu.WaitFor(h.ctx, func() bool { return h.emu.ConnectionsOpened() > opened }); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "taking it for half-open") {
		t.Fatalf("the socket was replaced, but not by the silence limit; log:\n%s", logs.String())
	}
	h.deliver(h.emu.PostMessage(ana, h.emu.IMChannel(ana), "blocked on design for the checkout mocks"))
	if n := len(h.open(ana)); n != 1 {
		t.Fatalf("open blockers = %d after the reconnect, want 1", n)
	}
}
