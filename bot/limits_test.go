package bot

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
)

// A pasted megabyte in a blocker's topic neither breaks the reply (msg_too_long,
// invalid_blocks) nor a later one: the topic is cut when stored and every text the
// bot sends is cut to Slack's limits.
func TestE2E_HugeTopicStaysWithinSlackLimits(t *testing.T) {
	// What is tested is what the bot sends, not how fast a megabyte is
	// committed: the ack window is widened so a loaded machine cannot fail it.
	h := newHarness(t, slackemu.Options{AckTimeout: 30 * time.Second})
	huge := strings.Repeat("checkout&co <mocks> ", 50_000) // about 1 MiB, with characters to escape
	h.deliver(h.emu.SlashCommand(ana, stand, "/blocked", "on design "+huge))
	h.deliver(h.emu.SlashCommand(ana, stand, "/blocked", ""))

	for _, c := range h.emu.Calls("") {
		if c.Error != "" {
			t.Fatalf("%s failed with %s: an answer broke Slack's limits", c.Method, c.Error)
		}
	}
	if n := len(h.emu.Responses()); n != 2 {
		t.Fatalf("%d answers through response_url, want one for each command", n)
	}
	open := h.open(ana)
	if len(open) != 1 {
		t.Fatalf("open = %d blockers, want 1", len(open))
	}
	if n := utf8.RuneCountInString(open[0].Topic); n > unblock.MaxTopicRunes {
		t.Fatalf("stored topic has %d runes, want at most %d", n, unblock.MaxTopicRunes)
	}
}

func TestTruncate_KeepsEntitiesWhole(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"abcdefghij", 5, "abcd…"},
		{"ab &amp; cd", 6, "ab …"},
		{"see <@U0123456> now", 10, "see …"},
		{"done &amp; dusted", 12, "done &amp; …"},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q; want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// privacy.text_days: at start (and every directory refresh) the bot drops the text
// of reports older than TextKeep, keeping the blockers read from them.
func TestOpen_DropsOldText(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	old := time.Now().Add(-3 * 24 * time.Hour)
	r := unblock.Report{PersonID: ana, Channel: stand, TS: "1.1", At: old, Text: "Blockers: waiting on legal for the DPA", Source: unblock.SourceChannel}
	st := unblock.Statement{Blocked: true, Targets: []unblock.Target{{Kind: unblock.TargetRole, Name: "legal", Role: unblock.RoleLegal}}, Topic: "DPA"}
	if _, err := h.db.ApplyReport(h.ctx, r, st); err != nil {
		t.Fatal(err)
	}
	h.bot.Close()
	b, err := New(Config{AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		TextKeep: 2 * 24 * time.Hour, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, h.db)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Open(h.ctx); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := h.emu.WaitFor(h.ctx, func() bool {
		rec, err := h.db.PersonRecord(h.ctx, ana, time.Now())
		return err == nil && len(rec.Reports) == 1 && rec.Reports[0].Text == ""
	}); err != nil {
		t.Fatalf("the old report's text was not dropped: %v", err)
	}
	if open := h.open(ana); len(open) != 1 || open[0].Topic != "DPA" {
		t.Fatalf("the blocker read from it is lost: %+v", open)
	}
}
