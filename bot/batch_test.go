package bot

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

// The worker processes the envelopes waiting in the inbox in one transaction,
// each under a savepoint: one whose handler fails (here a panic) is undone and
// recorded alone, and the others before and after it in the same transaction
// are committed exactly once. The envelopes are committed while the bot is down,
// so the restarted worker finds them all pending at once.
func TestE2E_BatchFailingItemUndoneAlone(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.bot.Close()
	texts := []struct{ user, text string }{
		{dana, "Blockers: waiting on product for the pricing decision"},
		{ana, "Blockers: boom, waiting on legal for the DPA"},
		{priya, "Blockers: blocked on design for the onboarding copy"},
	}
	now := time.Now()
	var items []unblock.InboxItem
	for i, m := range texts {
		payload := fmt.Sprintf(`{"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"EvBatch%d","event_time":%d,`+
			`"event":{"type":"message","channel":%q,"channel_type":"channel","user":%q,"text":%q,"ts":"%d.00010%d"}}`,
			i, now.Unix(), stand, m.user, m.text, now.Unix(), i)
		items = append(items, unblock.InboxItem{Key: fmt.Sprintf("event:EvBatch%d", i), Kind: kindEvent, Payload: []byte(payload)})
	}
	added, err := h.db.InboxAddAll(h.ctx, items, now)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range added {
		if !a {
			t.Fatalf("item %d not added", i)
		}
	}
	cs := &countingStore{DB: h.db}
	b, err := New(Config{AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, cs)
	if err != nil {
		t.Fatal(err)
	}
	b.OnReport(func(_ context.Context, r unblock.Report, _ unblock.Statement, _ unblock.Change) error {
		if strings.Contains(r.Text, "boom") {
			panic("a bug on this input")
		}
		return nil
	})
	if err := b.Open(h.ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if err := b.WaitIdle(h.ctx); err != nil {
		t.Fatal(err)
	}
	if got := cs.most.Load(); got != int64(len(items)) {
		t.Fatalf("at most %d items in one transaction, want all %d", got, len(items))
	}
	if open := h.open(dana); len(open) != 1 || open[0].Topic != "pricing decision" {
		t.Fatalf("dana's envelope before the failing one: open = %+v, want the pricing decision", open)
	}
	if open := h.open(priya); len(open) != 1 || open[0].Topic != "onboarding copy" {
		t.Fatalf("priya's envelope after the failing one: open = %+v, want the onboarding copy", open)
	}
	if open := h.open(ana); len(open) != 0 {
		t.Fatalf("the failing envelope's work was committed: %+v", open)
	}
	if pending, err := h.db.InboxPending(h.ctx, 10); err != nil || len(pending) != 0 {
		t.Fatalf("pending = %+v, %v; want none (the failing one recorded as done with its error)", pending, err)
	}
}

// countingStore is the real store that counts the savepoints of each Atomic
// transaction, to see that the worker's items share one.
type countingStore struct {
	*store.DB
	inTx atomic.Int64
	most atomic.Int64
}

func (s *countingStore) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.DB.Atomic(ctx, func(ctx context.Context) error {
		s.inTx.Store(0)
		return fn(ctx)
	})
}

func (s *countingStore) Savepoint(ctx context.Context, fn func(ctx context.Context) error) error {
	if n := s.inTx.Add(1); n > s.most.Load() {
		s.most.Store(n)
	}
	return s.DB.Savepoint(ctx, fn)
}
