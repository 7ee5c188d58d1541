package bot

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
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

// unwritableOutbox is the real store whose outbox cannot record an attempt,
// as on a full disk once the inbox's commit went through.
type unwritableOutbox struct{ *store.DB }

func (s unwritableOutbox) BeginAttempt(ctx context.Context, id int64, at time.Time) error {
	return unblock.Errorf(unblock.EUNAVAILABLE, "database x.db cannot be written: database or disk is full")
}

// An effect whose attempt cannot be recorded is not made (it would be made
// again at every start): the bot stops with the database's condition, as the
// inbox does, instead of warning at every try.
func TestSender_UnwritableStops(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.bot.Close()
	b, err := New(Config{AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, unwritableOutbox{h.db})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Open(h.ctx); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	d, err := h.emu.PostMessage(ana, h.emu.IMChannel(ana), "blocked on design for the checkout mocks")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WaitAck(h.ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-b.Fatal():
		if unblock.ErrorCode(err) != unblock.EUNAVAILABLE {
			t.Fatalf("the bot stopped with %v, want the database's condition", err)
		}
	case <-h.ctx.Done():
		t.Fatal("the bot did not stop when no attempt could be recorded")
	}
	if n := len(h.emu.Calls("chat.postMessage")); n != 0 {
		t.Errorf("%d posts made with no attempt recorded, want none", n)
	}
}
