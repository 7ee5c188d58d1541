package bot

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

// The end-to-end tests run the real slack-go client (Socket Mode and Web API)
// against slackemu over loopback, with a real SQLite file.

const (
	ana   = "U0ANA0001"
	dana  = "U0DANA001"
	priya = "U0PRIYA01"
	stand = "C0STANDUP"
)

type harness struct {
	t   *testing.T
	ctx context.Context
	emu *slackemu.Server
	db  *store.DB
	bot *Bot
	log io.Writer // the next started bot's log; nil discards it
}

func newHarness(t *testing.T, opts slackemu.Options) *harness {
	t.Helper()
	// A safety net against a hang, not a bound on speed: a test that waits out
	// the bot's backoff (refused connections, 5xx) on a loaded machine with the
	// whole suite running can take more than a minute.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	emu := slackemu.New(opts)
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	emu.AddUser(slackemu.User{ID: ana, Name: "ana", RealName: "Ana Ruiz", Title: "Senior Backend Engineer", TZ: "Europe/Madrid"})
	emu.AddUser(slackemu.User{ID: dana, Name: "dana", RealName: "Dana Levi", Title: "Product Designer", TZ: "Europe/Berlin"})
	emu.AddUser(slackemu.User{ID: priya, Name: "priya", RealName: "Priya Shah", Title: "Product Manager", TZ: "Europe/Berlin"})
	emu.AddChannel(stand, "standup", ana, dana, priya, slackemu.BotUserID)

	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "unblock.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := &harness{t: t, ctx: ctx, emu: emu, db: db}
	h.start()
	return h
}

// start connects a new bot to the emulator and the same database.
func (h *harness) start() {
	h.t.Helper()
	b, err := New(Config{
		AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		Logger: slog.New(slog.NewTextHandler(cmp.Or(h.log, io.Discard), nil)),
	}, h.db)
	if err != nil {
		h.t.Fatal(err)
	}
	if err := b.Open(h.ctx); err != nil {
		h.t.Fatal(err)
	}
	h.bot = b
	h.t.Cleanup(func() { b.Close() })
}

// deliver waits for the envelope's ack and for the bot to process it.
func (h *harness) deliver(d *slackemu.Delivery, err error) *slackemu.Delivery {
	h.t.Helper()
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err := d.WaitAck(h.ctx); err != nil {
		h.t.Fatalf("ack: %v", err)
	}
	if err := h.bot.WaitIdle(h.ctx); err != nil {
		h.t.Fatalf("bot idle: %v", err)
	}
	return d
}

func (h *harness) open(person string) []unblock.Blocker {
	h.t.Helper()
	bls, err := h.db.BlockersOf(h.ctx, person, time.Now().Add(time.Hour))
	if err != nil {
		h.t.Fatal(err)
	}
	return bls
}

func TestE2E_PostEditDelete(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	d := h.deliver(h.emu.PostMessage(ana, stand, "Yesterday: cart API\nToday: checkout\nBlockers: blocked on design for the checkout mocks"))
	open := h.open(ana)
	if len(open) != 1 || open[0].Target.Role != unblock.RoleDesign {
		t.Fatalf("after the post: open = %+v, want one blocker on design", open)
	}
	if got, want := open[0].PersonRole, unblock.RoleEngineering; got != want {
		t.Fatalf("PersonRole=%q, want %q (from the title)", got, want)
	}

	h.deliver(h.emu.EditMessage(stand, d.TS, "Blockers: waiting on <@"+priya+"> for the spec"))
	open = h.open(ana)
	if len(open) != 1 || open[0].To != priya {
		t.Fatalf("after the edit: open = %+v, want one blocker on %s", open, priya)
	}

	h.deliver(h.emu.DeleteMessage(stand, d.TS))
	if open = h.open(ana); len(open) != 0 {
		t.Fatalf("after the delete: open = %+v, want none", open)
	}
}

func TestE2E_RedeliveryChangesNothing(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	d := h.deliver(h.emu.PostMessage(dana, stand, "B: still no decision on guest checkout from product"))
	before := h.open(dana)
	if len(before) == 0 {
		t.Fatalf("open = %+v, want a blocker", before)
	}
	// The same event again under a new envelope ID, as Slack does on a retry.
	h.deliver(h.emu.Redeliver(d), nil)
	if after := h.open(dana); !reflect.DeepEqual(after, before) {
		t.Fatalf("after redelivery: open = %+v, want exactly %+v", after, before)
	}
}

func TestE2E_DroppedConnectionLosesNothing(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.deliver(h.emu.PostMessage(ana, stand, "blocked on design for the mocks"))
	opened := h.emu.ConnectionsOpened()
	h.emu.DropConnections()
	// Posted while the bot is disconnected: the emulator queues it until the
	// client reconnects.
	h.deliver(h.emu.PostMessage(priya, stand, "waiting on <@"+ana+"> for an estimate"))
	if got := h.emu.ConnectionsOpened(); got <= opened {
		t.Fatalf("ConnectionsOpened=%d, want more than %d after the drop", got, opened)
	}
	if open := h.open(priya); len(open) != 1 || open[0].To != ana {
		t.Fatalf("open = %+v, want one blocker on %s", open, ana)
	}

	// A refresh disconnect: slack-go reconnects too.
	opened = h.emu.ConnectionsOpened()
	h.emu.Disconnect("refresh_requested")
	h.deliver(h.emu.PostMessage(dana, stand, "B: waiting on product for the pricing decision"))
	if got := h.emu.ConnectionsOpened(); got <= opened {
		t.Fatalf("ConnectionsOpened=%d, want a reconnect after refresh_requested", got)
	}
	if open := h.open(dana); len(open) != 1 {
		t.Fatalf("open = %+v, want one blocker", open)
	}
}

// crashingStore commits an envelope and then kills the bot before it can ack.
type crashingStore struct {
	*store.DB
	crash   func()
	crashed atomic.Bool
}

func (s *crashingStore) InboxAddAll(ctx context.Context, items []unblock.InboxItem, at time.Time) ([]bool, error) {
	added, err := s.DB.InboxAddAll(ctx, items, at)
	if err == nil && s.crashed.CompareAndSwap(false, true) {
		s.crash()
	}
	return added, err
}

func TestE2E_CrashBetweenCommitAndAck(t *testing.T) {
	h := newHarness(t, slackemu.Options{AckTimeout: 200 * time.Millisecond})
	h.bot.Close()

	// A bot whose store kills it right after the first commit: no ack goes out and
	// nothing is processed.
	cs := &crashingStore{DB: h.db}
	b, err := New(Config{AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, cs)
	if err != nil {
		t.Fatal(err)
	}
	cs.crash = func() { b.cancel() }
	if err := b.Open(h.ctx); err != nil {
		t.Fatal(err)
	}
	d, err := h.emu.PostMessage(ana, stand, "blocked on design for the checkout mocks")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.emu.WaitFor(h.ctx, cs.crashed.Load); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if n := len(h.open(ana)); n != 0 {
		t.Fatalf("the crashed bot processed the envelope: %d blockers", n)
	}

	// The restarted bot gets the redelivery (a new envelope, the same event),
	// acks it as a duplicate and processes the committed copy exactly once.
	h.start()
	if _, err := d.WaitAck(h.ctx); err != nil {
		t.Fatalf("the redelivery was not acked: %v", err)
	}
	if err := h.bot.WaitIdle(h.ctx); err != nil {
		t.Fatal(err)
	}
	if open := h.open(ana); len(open) != 1 {
		t.Fatalf("after restart: open = %+v, want exactly one blocker", open)
	}
}

func TestE2E_RateLimitedPostIsRetried(t *testing.T) {
	limits := slackemu.DefaultRateLimits()
	limits["chat.postMessage"] = slackemu.RateLimit{Interval: time.Second, Burst: 1, PerChannel: true, RetryAfter: time.Second}
	h := newHarness(t, slackemu.Options{RateLimits: limits})
	im := h.emu.IMChannel(ana)
	h.deliver(h.emu.PostMessage(ana, im, "blocked on design for the checkout mocks"))
	h.deliver(h.emu.PostMessage(ana, im, "also waiting on legal to approve the copy"))
	var limited, posted int
	for _, c := range h.emu.Calls("chat.postMessage") {
		switch c.Status {
		case 429:
			limited++
		case 200:
			posted++
		}
	}
	if limited == 0 || posted != 2 {
		t.Fatalf("chat.postMessage: %d rate limited, %d posted; want at least one 429 and both confirmations posted", limited, posted)
	}
}

func TestE2E_EchoedTextIsEscaped(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	// A DM whose text tries to ping: the confirmation must not.
	im := h.emu.IMChannel(ana)
	h.deliver(h.emu.PostMessage(ana, im, "blocked on design for the <!channel> & <@U0NOBODY1> <!subteam^S0DESIGN|@design> mocks"))
	var replies []slackemu.Message
	for _, m := range h.emu.Messages(im) {
		if m.User == slackemu.BotUserID {
			replies = append(replies, m)
		}
	}
	if len(replies) != 1 {
		t.Fatalf("bot replies = %d, want 1", len(replies))
	}
	for _, s := range []string{replies[0].Text, string(replies[0].Blocks)} {
		if strings.Contains(s, "<!") || strings.Contains(s, "<@") {
			t.Fatalf("the reply can ping someone: %s", s)
		}
	}

	// A topic recorded with /blocked is echoed verbatim, escaped.
	h.deliver(h.emu.SlashCommand(ana, stand, "/blocked", "on legal <!channel> review & <@U0NOBODY1> <!subteam^S0X|@x>"))
	rs := h.emu.Responses()
	if len(rs) != 1 {
		t.Fatalf("responses = %d, want 1", len(rs))
	}
	if strings.Contains(rs[0].Text, "<!") || strings.Contains(rs[0].Text, "<@") {
		t.Fatalf("the /blocked answer can ping someone: %s", rs[0].Text)
	}
	if !strings.Contains(rs[0].Text, "&lt;!channel&gt; review &amp; &lt;@U0NOBODY1&gt;") {
		t.Fatalf("the /blocked answer %q does not show the escaped topic", rs[0].Text)
	}
}

// Malformed envelopes are logged, acknowledged and skipped; the bot goes on.
func TestE2E_MalformedEnvelopesAreSkipped(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	bad := []struct {
		typ     string
		payload string
	}{
		{slackemu.TypeEventsAPI, `{"type":"event_callback","event_id":"EvBAD1","event":{"type":"no_such_event"}}`},
		{slackemu.TypeEventsAPI, `{"type":"event_callback","event_id":"EvBAD2","event":{"type":"message","channel":42}}`},
		{slackemu.TypeEventsAPI, `{"type":"event_callback","event":{"type":"message","channel":"C1","user":"U1","text":"no event id","ts":"1.000001"}}`},
		{slackemu.TypeEventsAPI, `"just a string"`},
		{slackemu.TypeSlashCommands, `{"command":"/blocked","text":"help"}`},
		{slackemu.TypeInteractive, `{"type":"block_actions","actions":"not a list"}`},
		{"no_such_type", `{}`},
	}
	for _, b := range bad {
		d := h.emu.SendRaw(b.typ, json.RawMessage(b.payload))
		if _, err := d.WaitAck(h.ctx); err != nil {
			t.Fatalf("%s %s: not acknowledged: %v", b.typ, b.payload, err)
		}
	}
	h.deliver(h.emu.PostMessage(ana, stand, "blocked on design for the checkout mocks"))
	if open := h.open(ana); len(open) != 1 {
		t.Fatalf("after malformed envelopes: open = %+v, want one blocker", open)
	}
}

// A standup bot's post (Geekbot and the like) is read as the standup of the person
// it speaks for; other bots' posts are ignored.
func TestE2E_StandupBotPost(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	now := strconv.FormatInt(time.Now().Unix(), 10) // a recent post: older ones expire by silence
	post := func(eventID, username, text, attachments string) {
		payload := `{"type":"event_callback","team_id":"T0EMU","api_app_id":"A0EMU","event_id":"` + eventID + `","event_time":` + now + `,
			"event":{"type":"message","subtype":"bot_message","bot_id":"B0GEEK","username":"` + username + `","text":"` + text + `",
			"attachments":` + attachments + `,"channel":"` + stand + `","channel_type":"channel","ts":"` + now + `.` + eventID[len(eventID)-6:] + `"}}`
		h.deliver(h.emu.SendRaw(slackemu.TypeEventsAPI, json.RawMessage(payload)), nil)
	}
	post("EvGEEK000001", "Ana Ruiz", "", `[{"title":"What did you do yesterday?","text":"cart API"},{"title":"Anything blocking you?","text":"waiting on design for the checkout mocks"}]`)
	post("EvGEEK000002", "GitHub", "<@U0DANA001> opened a PR, blocked on review", `[]`)
	if open := h.open(ana); len(open) != 1 || open[0].ToRole != unblock.RoleDesign {
		t.Fatalf("Ana's open blockers = %+v, want one on design", open)
	}
	if open := h.open(dana); len(open) != 0 {
		t.Fatalf("another bot's post opened %+v", open)
	}
}

// A standup app that posts in Block Kit is read from its blocks, as the import
// reads it: the post's text is only the notification's fallback. A person's
// message with no text but blocks is read from them too.
func TestE2E_StandupBotPostInBlocks(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	now := strconv.FormatInt(time.Now().Unix(), 10) // a recent post: older ones expire by silence
	send := func(eventID, event string) {
		payload := `{"type":"event_callback","team_id":"T0EMU","api_app_id":"A0EMU","event_id":"` + eventID + `","event_time":` + now + `,
			"event":` + event + `}`
		h.deliver(h.emu.SendRaw(slackemu.TypeEventsAPI, json.RawMessage(payload)), nil)
	}
	send("EvGEEK000011", `{"type":"message","subtype":"bot_message","bot_id":"B0GEEK","username":"Standups","text":"Ana Ruiz posted an update",
		"blocks":[{"type":"header","text":{"type":"plain_text","text":"Daily Standup"}},
			{"type":"section","fields":[{"type":"mrkdwn","text":"*What did you do yesterday?*\ncart API"},
				{"type":"mrkdwn","text":"*Anything blocking you?*\nwaiting on legal for the DPA"}]},
			{"type":"context","elements":[{"type":"mrkdwn","text":"Posted with Standups"}]}],
		"channel":"`+stand+`","channel_type":"channel","ts":"`+now+`.000011"}`)
	if open := h.open(ana); len(open) != 1 || open[0].ToRole != unblock.RoleLegal {
		t.Fatalf("Ana's open blockers after a Block Kit standup post = %+v, want one on legal", open)
	}
	send("EvDANA000012", `{"type":"message","user":"`+dana+`","text":"",
		"blocks":[{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[
			{"type":"text","text":"blocked on design for the pricing mocks"}]}]}],
		"channel":"`+stand+`","channel_type":"channel","ts":"`+now+`.000012"}`)
	if open := h.open(dana); len(open) != 1 || open[0].ToRole != unblock.RoleDesign {
		t.Fatalf("Dana's open blockers after a message of blocks alone = %+v, want one on design", open)
	}
}

// blockingStore holds ApplyReport until released, so a test can shut the bot down
// while it is in the middle of an item.
type blockingStore struct {
	*store.DB
	entered, release chan struct{}
}

func (s *blockingStore) ApplyReport(ctx context.Context, r unblock.Report, st unblock.Statement) (unblock.Change, error) {
	s.entered <- struct{}{}
	<-s.release
	return s.DB.ApplyReport(ctx, r, st)
}

// Shutdown finishes the item the worker holds: nothing acknowledged is half done.
func TestE2E_ShutdownFinishesInFlightWork(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.bot.Close()
	bs := &blockingStore{DB: h.db, entered: make(chan struct{}), release: make(chan struct{})}
	b, err := New(Config{AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, bs)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Open(h.ctx); err != nil {
		t.Fatal(err)
	}
	d, err := h.emu.PostMessage(ana, stand, "blocked on design for the checkout mocks")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WaitAck(h.ctx); err != nil {
		t.Fatal(err)
	}
	<-bs.entered // the worker holds the item
	b.cancel()   // shutdown begins (what Close does first)
	close(bs.release)
	b.Close()
	if open := h.open(ana); len(open) != 1 {
		t.Fatalf("after shutdown mid-item: open = %+v, want the blocker", open)
	}
	if pending, err := h.db.InboxPending(h.ctx, 10); err != nil || len(pending) != 0 {
		t.Fatalf("inbox pending = %+v (%v), want none", pending, err)
	}
}

// A standup bot's post that is edited is re-read; one that is deleted withdraws
// what it opened.
func TestE2E_StandupBotPostEditedAndDeleted(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	now := time.Now().Unix() // a recent post: older ones expire by silence
	ts := fmt.Sprintf("%d.000001", now)
	send := func(eventID, event string) {
		payload := `{"type":"event_callback","team_id":"T0EMU","api_app_id":"A0EMU","event_id":"` + eventID + `","event_time":` + fmt.Sprint(now) + `,"event":` + event + `}`
		h.deliver(h.emu.SendRaw(slackemu.TypeEventsAPI, json.RawMessage(payload)), nil)
	}
	post := func(text string) string {
		return `{"type":"message","subtype":"bot_message","bot_id":"B0GEEK","username":"Ana Ruiz","text":"` + text + `","ts":"` + ts + `"}`
	}
	send("EvG1", `{"type":"message","subtype":"bot_message","bot_id":"B0GEEK","username":"Ana Ruiz","text":"Blockers: waiting on design for the checkout mocks","channel":"`+stand+`","channel_type":"channel","ts":"`+ts+`"}`)
	if open := h.open(ana); len(open) != 1 || open[0].ToRole != unblock.RoleDesign {
		t.Fatalf("after the post: %+v", open)
	}
	send("EvG2", `{"type":"message","subtype":"message_changed","hidden":true,"channel":"`+stand+`","channel_type":"channel","ts":"`+fmt.Sprintf("%d.000001", now+100)+`",`+
		`"message":`+post("Blockers: waiting on legal for the DPA")+`,"previous_message":`+post("Blockers: waiting on design for the checkout mocks")+`}`)
	if open := h.open(ana); len(open) != 1 || open[0].ToRole != unblock.RoleLegal {
		t.Fatalf("after the edit: %+v, want one blocker on legal", open)
	}
	send("EvG3", `{"type":"message","subtype":"message_deleted","hidden":true,"channel":"`+stand+`","channel_type":"channel","ts":"`+fmt.Sprintf("%d.000001", now+200)+`","deleted_ts":"`+ts+`",`+
		`"previous_message":`+post("Blockers: waiting on legal for the DPA")+`}`)
	if open := h.open(ana); len(open) != 0 {
		t.Fatalf("after the delete: %+v, want none", open)
	}
}

// Saying the last blocker cleared in a standup gets the all-clear, once.
func TestE2E_AllClearAfterStatement(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.deliver(h.emu.PostMessage(ana, stand, "blocked on design for the checkout mocks"))
	h.deliver(h.emu.PostMessage(ana, stand, "unblocked now that the checkout mocks landed"))
	h.deliver(h.emu.PostMessage(ana, stand, "no blockers"))
	var clear int
	for _, m := range h.emu.Messages(h.emu.IMChannel(ana)) {
		if m.User == slackemu.BotUserID && strings.Contains(m.Text, "all clear") {
			clear++
		}
	}
	if clear != 1 {
		t.Fatalf("all-clear messages = %d, want 1", clear)
	}
}
