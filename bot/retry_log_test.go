package bot

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
)

// An envelope held up by another process's write lock is kept and retried, and
// the log says what holds it up, not that processing failed.
func TestRetry_LockedSaysSo(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	var buf bytes.Buffer
	b, err := New(Config{AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		Logger: slog.New(slog.NewTextHandler(&buf, nil))}, h.db)
	if err != nil {
		t.Fatal(err)
	}
	b.retry(unblock.InboxItem{ID: 1, Key: "event:Ev1"}, fmt.Errorf("begin: %w", sqlite3.Error{Code: sqlite3.ErrBusy}))
	b.retry(unblock.InboxItem{ID: 2, Key: "event:Ev2"}, fmt.Errorf("slack: internal_error"))
	log := buf.String()
	for _, want := range []string{
		`msg="envelope kept: another process holds the database's write lock`,
		`key=event:Ev1`,
		`msg="envelope processing failed; retrying" key=event:Ev2`,
	} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %s:\n%s", want, log)
		}
	}
	if strings.Contains(log, `processing failed; retrying" key=event:Ev1`) {
		t.Errorf("a lock is logged as a failed envelope:\n%s", log)
	}
}
