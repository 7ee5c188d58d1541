package bot

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

// syncBuffer is a log sink safe for the bot's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// outboxHarness is the e2e harness with the sender on a fake clock, so retries
// and deadlines are reached by moving the clock, never by sleeping.
type outboxHarness struct {
	*harness
	clk *clock.Fake
	log *syncBuffer
	st  Store // the bot's store: the harness's database unless a test wraps it
	// setup, if set, is done to each bot before it opens.
	setup func(b *Bot)
}

func newOutboxHarness(t *testing.T) *outboxHarness {
	t.Helper()
	h := newHarness(t, slackemu.Options{})
	h.bot.Close()
	o := &outboxHarness{harness: h, clk: clock.NewFake(time.Now()), log: &syncBuffer{}}
	o.restart()
	return o
}

// restart connects a new bot on the same database, as a process restart does.
func (o *outboxHarness) restart() {
	o.t.Helper()
	if o.bot != nil {
		o.bot.Close()
	}
	b, err := New(Config{
		AppToken: o.emu.AppToken(), BotToken: o.emu.BotToken(), APIURL: o.emu.APIURL(),
		Now: o.clk.Now, Clock: o.clk, HTTPTimeout: 2 * time.Second,
		Logger: slog.New(slog.NewTextHandler(o.log, nil)),
	}, cmp.Or[Store](o.st, o.db))
	if err != nil {
		o.t.Fatal(err)
	}
	if o.setup != nil {
		o.setup(b)
	}
	if err := b.Open(o.ctx); err != nil {
		o.t.Fatal(err)
	}
	o.bot = b
	o.t.Cleanup(func() { b.Close() })
}

// settle moves the clock on until nothing in the outbox is pending, at most n steps.
func (o *outboxHarness) settle(n int) {
	o.t.Helper()
	for range n {
		if err := o.bot.WaitIdle(o.ctx); err != nil {
			o.t.Fatal(err)
		}
		pending, err := o.db.Outbox(o.ctx, unblock.OutgoingPending)
		if err != nil {
			o.t.Fatal(err)
		}
		if len(pending) == 0 {
			return
		}
		o.clk.Advance(RetryMax + RetryMax/2 + time.Second)
	}
}

// confirmations returns the bot's replies in ana's DM.
func (o *outboxHarness) confirmations() []slackemu.Message {
	return o.botMessages(o.emu.IMChannel(ana))
}

// TestOutbox_Faults: a DM report's confirmation goes out exactly once through 5xx
// storms, resets, slow answers, 429s with long Retry-After and answers lost after
// the message was posted; a permanent error kills it with one log line naming it,
// and an effect that fails past its deadline is dead-lettered.
func TestOutbox_Faults(t *testing.T) {
	tests := []struct {
		name      string
		fault     slackemu.Fault
		wantSent  int
		wantState unblock.OutgoingState
		wantLog   string
	}{
		{"503 storm", slackemu.Fault{Status: 503, Times: 4}, 1, unblock.OutgoingSent, ""},
		{"connection resets", slackemu.Fault{Reset: true, Times: 3}, 1, unblock.OutgoingSent, ""},
		{"429 with a long Retry-After", slackemu.Fault{Status: 429, RetryAfter: 120, Times: 2}, 1, unblock.OutgoingSent, ""},
		{"429 without Retry-After", slackemu.Fault{Status: 429, RetryAfter: -1, Times: 5}, 1, unblock.OutgoingSent, ""},
		{"a proxy's HTML page served with 200", slackemu.Fault{HTML: true, Times: 2}, 1, unblock.OutgoingSent, ""},
		{"a proxy's HTML 502", slackemu.Fault{HTML: true, Status: 502, Times: 2}, 1, unblock.OutgoingSent, ""},
		{"posted, then a proxy's HTML page", slackemu.Fault{HTML: true, Served: true, Times: 1}, 1, unblock.OutgoingSent, "found in Slack"},
		{"ok:false internal_error, fatal_error", slackemu.Fault{Error: "internal_error", Times: 2}, 1, unblock.OutgoingSent, ""},
		{"ok:false ratelimited with 200", slackemu.Fault{Error: "ratelimited", Times: 2}, 1, unblock.OutgoingSent, ""},
		{"a warning on a call that worked", slackemu.Fault{Warning: "missing_charset"}, 1, unblock.OutgoingSent, "warning=missing_charset"},
		{"Slack's JSON under a Content-Type that is not JSON", slackemu.Fault{ContentType: "text/plain; charset=utf-8"}, 1, unblock.OutgoingSent, ""},
		{"posted, then the answer lost", slackemu.Fault{Status: 500, Served: true, Times: 1}, 1, unblock.OutgoingSent, "found in Slack"},
		{"posted, then the connection reset", slackemu.Fault{Reset: true, Served: true, Times: 2}, 1, unblock.OutgoingSent, "found in Slack"},
		{"slower than the timeout, posted", slackemu.Fault{Delay: 3 * time.Second, Served: true, Times: 1}, 1, unblock.OutgoingSent, "found in Slack"},
		{"channel_not_found", slackemu.Fault{Error: "channel_not_found"}, 0, unblock.OutgoingDead, "channel_not_found"},
		{"invalid_blocks", slackemu.Fault{Error: "invalid_blocks", Times: 1}, 0, unblock.OutgoingDead, "invalid_blocks"},
		{"is_archived", slackemu.Fault{Error: "is_archived"}, 0, unblock.OutgoingDead, "is_archived"},
		{"missing_scope", slackemu.Fault{Error: "missing_scope"}, 0, unblock.OutgoingDead, "missing_scope"},
		{"503 past the deadline", slackemu.Fault{Status: 503}, 0, unblock.OutgoingDead, "deadline passed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOutboxHarness(t)
			o.emu.InjectFault("chat.postMessage", tt.fault)
			o.deliver(o.emu.PostMessage(ana, o.emu.IMChannel(ana), "blocked on design for the checkout mocks"))
			o.settle(2 + int(Deadlines[effConfirm]/RetryMax))
			o.emu.ClearFaults()
			if got := len(o.confirmations()); got != tt.wantSent {
				t.Fatalf("confirmations = %d, want %d; log:\n%s", got, tt.wantSent, o.log)
			}
			effects, err := o.db.Outbox(o.ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(effects) != 1 || effects[0].Kind != effConfirm || effects[0].State != tt.wantState {
				t.Fatalf("outbox = %+v, want one confirmation %s", effects, tt.wantState)
			}
			if tt.wantLog != "" && !strings.Contains(o.log.String(), tt.wantLog) {
				t.Fatalf("log does not say %q:\n%s", tt.wantLog, o.log)
			}
			if tt.wantState == unblock.OutgoingDead {
				dead := 0
				for _, line := range strings.Split(o.log.String(), "\n") {
					if strings.Contains(line, "dead-lettered") && strings.Contains(line, "kind=confirm") {
						dead++
					}
				}
				if dead != 1 {
					t.Fatalf("dead-letter log lines = %d, want 1 naming the confirmation:\n%s", dead, o.log)
				}
			}
		})
	}
}

// TestOutbox_RefusedTokenKeepsTheEffect: Slack refusing the bot token on an
// effect's call is the token's fault, not the effect's: the bot stops with the
// refusal, the effect stays pending (never dead-lettered), and a start with a
// good token sends it, once.
func TestOutbox_RefusedTokenKeepsTheEffect(t *testing.T) {
	tests := []struct {
		name  string
		fault slackemu.Fault
	}{
		{"token_revoked", slackemu.Fault{Error: "token_revoked", Times: 1}},
		{"invalid_auth", slackemu.Fault{Error: "invalid_auth", Times: 1}},
		{"account_inactive", slackemu.Fault{Error: "account_inactive", Times: 1}},
		{"not_authed", slackemu.Fault{Error: "not_authed", Times: 1}},
		{"token_expired", slackemu.Fault{Error: "token_expired", Times: 1}},
		{"invalid_auth from a gateway with 401", slackemu.Fault{Status: 401, Error: "invalid_auth", Times: 1}},
		{"token_revoked from a gateway with 403", slackemu.Fault{Status: 403, Error: "token_revoked", Times: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOutboxHarness(t)
			o.emu.InjectFault("chat.postMessage", tt.fault)
			d, err := o.emu.PostMessage(ana, o.emu.IMChannel(ana), "blocked on design for the checkout mocks")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.WaitAck(o.ctx); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-o.bot.Fatal():
				if !strings.Contains(err.Error(), "SLACK_BOT_TOKEN") || !strings.Contains(err.Error(), tt.fault.Error) {
					t.Fatalf("the bot stopped with %q, want the refusal naming SLACK_BOT_TOKEN and %s", err, tt.fault.Error)
				}
			case <-o.ctx.Done():
				t.Fatalf("the bot did not stop on a refused token; log:\n%s", o.log)
			}
			o.bot.Close()
			effects, err := o.db.Outbox(o.ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(effects) != 1 || effects[0].Kind != effConfirm {
				t.Fatalf("outbox after the refusal: %d effects, want one confirmation", len(effects))
			}
			if e := effects[0]; e.State != unblock.OutgoingPending || e.Uncertain {
				t.Fatalf("the confirmation after the refusal: state %s, uncertain %v, error %q; want pending, not uncertain (Slack answered)",
					e.State, e.Uncertain, e.Error)
			}
			if strings.Contains(o.log.String(), "dead-lettered") {
				t.Fatalf("a refused token dead-lettered the effect in hand:\n%s", o.log)
			}
			if n := len(o.confirmations()); n != 0 {
				t.Fatalf("confirmations with the token refused = %d, want 0", n)
			}

			// The token fixed, the bot started again: the confirmation goes out, once.
			o.restart()
			o.settle(3)
			if n := len(o.confirmations()); n != 1 {
				t.Fatalf("confirmations after a start with a good token = %d, want 1; log:\n%s", n, o.log)
			}
			if got, err := o.db.Outgoing(o.ctx, effects[0].Key); err != nil || got.State != unblock.OutgoingSent {
				t.Fatalf("the confirmation after the restart: %+v, %v; want sent", got, err)
			}
		})
	}
}

// TestOutbox_Restart: what a crash left in the outbox is sent on start, once; an
// attempt that reached Slack before the crash is found there and not made again.
func TestOutbox_Restart(t *testing.T) {
	o := newOutboxHarness(t)
	im := o.emu.IMChannel(ana)
	now := o.clk.Now()
	enqueue := func(key, text string) unblock.Outgoing {
		t.Helper()
		c := `{"method":"post","channel":"` + im + `","text":"` + text + `"}`
		if _, err := o.db.Enqueue(o.ctx, unblock.Outgoing{Key: key, Kind: effDM, Payload: []byte(c), CreatedAt: now, Deadline: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		got, err := o.db.Outgoing(o.ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	o.bot.Close()
	enqueue("crash:never-sent", "pending at the crash")
	made := enqueue("crash:mid-call", "made before the crash")
	// The crashed process had begun the second and Slack had posted it.
	if err := o.db.BeginAttempt(o.ctx, made.ID, now); err != nil {
		t.Fatal(err)
	}
	api := slack.New(o.emu.BotToken(), slack.OptionAPIURL(o.emu.APIURL()))
	if _, _, err := api.PostMessageContext(context.Background(), im, slack.MsgOptionText("made before the crash", false),
		slack.MsgOptionMetadata(slack.SlackMetadata{EventType: metadataEvent, EventPayload: map[string]any{"key": made.Key}})); err != nil {
		t.Fatal(err)
	}
	o.restart()
	o.settle(3)
	count := map[string]int{}
	for _, m := range o.confirmations() {
		count[m.Text]++
	}
	if count["pending at the crash"] != 1 || count["made before the crash"] != 1 {
		t.Fatalf("messages after the restart = %v, want each once", count)
	}
}

// TestOutbox_AnswerOnce: a /blocked answer whose outcome was lost (posted, answer
// dropped) is not made again: an ephemeral answer cannot be looked up.
func TestOutbox_AnswerOnce(t *testing.T) {
	o := newOutboxHarness(t)
	o.emu.InjectFault("response_url", slackemu.Fault{Reset: true, Served: true, Times: 1})
	o.deliver(o.emu.SlashCommand(ana, stand, BlockedCommand, "on design checkout mocks"))
	o.settle(3)
	if n := len(o.emu.Responses()); n != 1 {
		t.Fatalf("answers = %d, want 1", n)
	}
	if n := len(o.open(ana)); n != 1 {
		t.Fatalf("open blockers = %d, want 1", n)
	}
}

// TestInbox_WriteLockHeld: while another process holds the database's write lock
// past the busy timeout, envelopes are still acknowledged at once (the inbox has a
// file of its own), and the one whose processing met the lock is retried, never
// marked done: its report and confirmation arrive once the lock is released.
func TestInbox_WriteLockHeld(t *testing.T) {
	if testing.Short() {
		t.Skip("holds a lock past the 5 s busy timeout")
	}
	o := newOutboxHarness(t)
	other, err := sql.Open("sqlite3", "file:"+o.db.Path()+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.BeginTx(o.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE people SET updated_at = updated_at`); err != nil {
		t.Fatal(err)
	}
	d, err := o.emu.PostMessage(ana, o.emu.IMChannel(ana), "blocked on design for the checkout mocks")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WaitAck(o.ctx); err != nil {
		t.Fatal(err)
	}
	// Acknowledged within Slack's ack timeout (the emulator's): no envelope was
	// sent again while another process held the write lock.
	for _, e := range o.emu.Envelopes() {
		if e.RetryAttempt > 0 {
			t.Fatalf("envelope %s sent again (attempt %d): the ack waited behind another process's write lock", e.ID, e.RetryAttempt)
		}
	}
	// Hold the lock past the busy timeout, so processing fails at least once.
	deadline := time.Now().Add(3 * store.DefaultBusyTimeout)
	for time.Now().Before(deadline) && !strings.Contains(o.log.String(), "retrying") {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(o.log.String(), "envelope kept: another process holds the database's write lock") {
		t.Fatalf("no retry while the lock was held:\n%s", o.log)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	o.settle(3)
	if n := len(o.open(ana)); n != 1 {
		t.Fatalf("open blockers = %d, want 1 (the acknowledged report is not lost)", n)
	}
	if n := len(o.confirmations()); n != 1 {
		t.Fatalf("confirmations = %d, want 1", n)
	}
}

// TestOutbox_IdempotentRetried: an update or an App Home publish whose outcome was
// lost is made again (both are idempotent), never dropped.
func TestOutbox_IdempotentRetried(t *testing.T) {
	o := newOutboxHarness(t)
	im := o.emu.IMChannel(ana)
	api := slack.New(o.emu.BotToken(), slack.OptionAPIURL(o.emu.APIURL()))
	_, ts, err := api.PostMessageContext(context.Background(), im, slack.MsgOptionText("before", false))
	if err != nil {
		t.Fatal(err)
	}
	now := o.clk.Now()
	for _, e := range []struct{ key, kind, method, payload string }{
		{"update:1", effUpdate, "chat.update", `{"method":"update","channel":"` + im + `","ts":"` + ts + `","text":"after"}`},
		{"home:1", effHome, "views.publish", `{"method":"home","user":"` + ana + `","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"home"}}]}`},
	} {
		o.emu.InjectFault(e.method, slackemu.Fault{Reset: true, Served: true, Times: 1})
		if _, err := o.db.Enqueue(o.ctx, unblock.Outgoing{Key: e.key, Kind: e.kind, Payload: []byte(e.payload), CreatedAt: now, Deadline: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		o.settle(4)
		got, err := o.db.Outgoing(o.ctx, e.key)
		if err != nil || got.State != unblock.OutgoingSent || got.Attempts != 2 {
			t.Fatalf("%s = %+v, %v; want sent on the second attempt\n%s", e.key, got, err, o.log)
		}
	}
	for _, m := range o.emu.Messages(im) {
		if m.TS == ts && m.Text != "after" {
			t.Fatalf("the message reads %q, want it updated", m.Text)
		}
	}
}
