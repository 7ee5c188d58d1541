package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
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

// outboxFailing is the real store whose outbox call `method` fails its first
// `fails` calls, as when the bot's database connections were terminated under
// it; it tells calls of the number of each call of method, as it is made.
type outboxFailing struct {
	*store.DB
	method string // "ClaimEffect", "Superseded", "BeginAttempt" or "EffectSent"
	fails  int
	calls  chan int

	mu sync.Mutex
	n  int
}

// fail counts a call of method m and reports the failure it meets, if any.
func (s *outboxFailing) fail(m string) error {
	if m != s.method {
		return nil
	}
	s.mu.Lock()
	s.n++
	n := s.n
	s.mu.Unlock()
	select {
	case s.calls <- n:
	default:
	}
	if n <= s.fails {
		return errors.New(m + ": FATAL: terminating connection due to administrator command (SQLSTATE 57P01)")
	}
	return nil
}

func (s *outboxFailing) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

func (s *outboxFailing) ClaimEffect(ctx context.Context, o unblock.Outgoing, until time.Time) (bool, error) {
	if err := s.fail("ClaimEffect"); err != nil {
		return false, err
	}
	return s.DB.ClaimEffect(ctx, o, until)
}

func (s *outboxFailing) Superseded(ctx context.Context, o unblock.Outgoing) (bool, error) {
	if err := s.fail("Superseded"); err != nil {
		return false, err
	}
	return s.DB.Superseded(ctx, o)
}

func (s *outboxFailing) BeginAttempt(ctx context.Context, id int64, at time.Time) error {
	if err := s.fail("BeginAttempt"); err != nil {
		return err
	}
	return s.DB.BeginAttempt(ctx, id, at)
}

func (s *outboxFailing) EffectSent(ctx context.Context, id int64, channel, ts, note string, at time.Time) error {
	if err := s.fail("EffectSent"); err != nil {
		return err
	}
	return s.DB.EffectSent(ctx, id, channel, ts, note, at)
}

// A store call of the sender that the database fails (a claim, a read, a
// record of an attempt or of its success) is not made again at once: the
// sender backs off on its clock (RetryBase doubling), one call and one log
// line a back-off, and delivers the effect once, when the database answers again.
func TestSender_OutboxFailureBacksOff(t *testing.T) {
	tests := []struct {
		method, line string
	}{
		{"ClaimEffect", "outbox claim failed"},
		{"Superseded", "outbox read failed"},
		{"BeginAttempt", "outbox record failed"},
		{"EffectSent", "outbox record failed"}, // the confirmation is made; its record fails
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			o := newOutboxHarness(t)
			st := &outboxFailing{DB: o.db, method: tt.method, fails: 3, calls: make(chan int, 64)}
			o.st = st
			o.restart()
			d, err := o.emu.PostMessage(ana, o.emu.IMChannel(ana), "blocked on design for the checkout mocks")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.WaitAck(o.ctx); err != nil {
				t.Fatal(err)
			}
			for i := 1; i <= st.fails; i++ {
				select {
				case <-st.calls:
				case <-o.ctx.Done():
					t.Fatalf("%s %d never called; log:\n%s", tt.method, i, o.log)
				}
				if err := o.bot.WaitIdle(o.ctx); err != nil {
					t.Fatal(err)
				}
				if n := st.count(); n != i {
					t.Fatalf("after %d failures and %d back-offs: %d calls of %s, want %d (not again at once)", i, i-1, n, tt.method, i)
				}
				if n := strings.Count(o.log.String(), tt.line); n != i {
					t.Fatalf("%d lines %q after %d failures, want one a back-off:\n%s", n, tt.line, i, o.log)
				}
				next, ok := o.clk.Next()
				if wait := next.Sub(o.clk.Now()); !ok || wait < RetryBase<<(i-1) || wait > RetryMax+RetryMax/2 {
					t.Fatalf("after failure %d the sender waits %v on its clock, want at least %v", i, wait, RetryBase<<(i-1))
				}
				o.clk.Set(next)
			}
			o.settle(2)
			if n := len(o.confirmations()); n != 1 {
				t.Fatalf("confirmations = %d, want 1; log:\n%s", n, o.log)
			}
			if n := st.count(); n != st.fails+1 {
				t.Fatalf("calls of %s = %d, want %d: one a back-off, then the one that worked", tt.method, n, st.fails+1)
			}
			if strings.Contains(o.log.String(), "dead-lettered") {
				t.Fatalf("an effect dead-lettered over a failing database:\n%s", o.log)
			}
		})
	}
}
