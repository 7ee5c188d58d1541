package bot

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

// The tests in this file are the failure modes of Slack's wire that DESIGN.md's
// "Failure modes" table lists: what Slack (or a proxy in front of it) may send
// that the happy path never shows.

// TestE2E_RetryAfterHonouredPerMethod: after a 429 on chat.postMessage, or a
// 503 that carries a Retry-After, no call of chat.postMessage leaves the bot
// before its Retry-After has passed, whichever effect makes it (Slack's limits
// are per method), and every confirmation still arrives once. It runs on real
// time: Retry-After is in real seconds.
func TestE2E_RetryAfterHonouredPerMethod(t *testing.T) {
	for _, status := range []int{429, 503} {
		t.Run(fmt.Sprint(status), func(t *testing.T) { testRetryAfterHonoured(t, status) })
	}
}

func testRetryAfterHonoured(t *testing.T, status int) {
	h := newHarness(t, slackemu.Options{})
	h.emu.InjectFault("chat.postMessage", slackemu.Fault{Status: status, RetryAfter: 3, Times: 1})
	people := []string{ana, dana, priya}
	for _, p := range people {
		d, err := h.emu.PostMessage(p, h.emu.IMChannel(p), "blocked on design for the checkout mocks")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.WaitAck(h.ctx); err != nil {
			t.Fatal(err)
		}
	}
	replied := func() bool {
		for _, p := range people {
			if len(h.botMessages(h.emu.IMChannel(p))) == 0 {
				return false
			}
		}
		return true
	}
	if err := h.emu.WaitFor(h.ctx, replied); err != nil {
		t.Fatalf("not every DM was confirmed: %v", err)
	}
	if err := h.bot.WaitIdle(h.ctx); err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		if n := len(h.botMessages(h.emu.IMChannel(p))); n != 1 {
			t.Errorf("confirmations to %s = %d, want 1", p, n)
		}
	}
	if n := h.emu.EarlyCalls("chat.postMessage"); n != 0 {
		t.Fatalf("%d chat.postMessage calls came before the Retry-After had passed, want 0", n)
	}
}

// TestRetryAfter reads Retry-After in the forms Slack and proxies send it.
func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want string
	}{
		{"30", "30s"},
		{" 2 ", "2s"},
		{"1.5", "1.5s"},
		{"0", "0s"},
		{"Sun, 06 Dec 2026 08:00:45 GMT", "45s"},
		{"Sun, 06 Dec 2026 07:00:00 GMT", "0s"},
		{"", DefaultRetryAfter.String()},
		{"soon", DefaultRetryAfter.String()},
		{"-3", DefaultRetryAfter.String()},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, now).String(); got != tt.want {
			t.Errorf("retryAfter(%q) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

// TestRateWindows_Answered: an answer that is not a 429 holds its method only
// when it carries a Retry-After that can be read.
func TestRateWindows_Answered(t *testing.T) {
	tests := []struct {
		retryAfter string
		held       bool
	}{
		{"3", true},
		{"1.5", true},
		{time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), true},
		{"0", false},
		{"soon", false},
		{"-3", false},
		{"", false},
	}
	for _, tt := range tests {
		r := &rateWindows{now: time.Now}
		r.answered("chat.postMessage", http.Header{"Retry-After": {tt.retryAfter}})
		if held := r.wait("chat.postMessage") > 0; held != tt.held {
			t.Errorf("after a 503 with Retry-After %q: held = %v; want %v", tt.retryAfter, held, tt.held)
		}
		if r.wait("chat.update") > 0 {
			t.Errorf("after a 503 of chat.postMessage with Retry-After %q: chat.update is held", tt.retryAfter)
		}
	}
}

// TestE2E_UnhandledEnvelopesLoggedOnce: envelopes of a type unblock does not
// handle (an envelope type or an inner event Slack added since slack-go was
// built, an Events API notice that is no event) are acknowledged at once and
// logged once a type; app_rate_limited, which means events are lost, is logged
// every time. None of them holds up the inbox.
func TestE2E_UnhandledEnvelopesLoggedOnce(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	log := &syncBuffer{}
	h.bot.Close()
	h.log = log
	h.start()
	sends := []struct{ typ, payload string }{
		{"workflow_step", `{"step":1}`},
		{"workflow_step", `{"step":2}`},
		{slackemu.TypeEventsAPI, `{"type":"event_callback","event_id":"EvNEW1","event":{"type":"brand_new_event","user":"U1"}}`},
		{slackemu.TypeEventsAPI, `{"type":"event_callback","event_id":"EvNEW2","event":{"type":"brand_new_event","user":"U2"}}`},
		{slackemu.TypeEventsAPI, `{"type":"url_verification","challenge":"abc"}`},
		{slackemu.TypeEventsAPI, `{"type":"app_rate_limited","team_id":"T0EMU","minute_rate_limited":1518467820,"api_app_id":"A0EMU"}`},
		{slackemu.TypeEventsAPI, `{"type":"app_rate_limited","team_id":"T0EMU","minute_rate_limited":1518467880,"api_app_id":"A0EMU"}`},
	}
	for _, s := range sends {
		d := h.emu.SendRaw(s.typ, json.RawMessage(s.payload))
		if _, err := d.WaitAck(h.ctx); err != nil {
			t.Fatalf("%s %s: not acknowledged: %v", s.typ, s.payload, err)
		}
	}
	h.deliver(h.emu.PostMessage(ana, stand, "blocked on design for the checkout mocks"))
	if open := h.open(ana); len(open) != 1 {
		t.Fatalf("after unhandled envelopes: open = %+v, want one blocker", open)
	}
	count := func(words ...string) (n int) {
		for _, line := range strings.Split(log.String(), "\n") {
			all := true
			for _, w := range words {
				all = all && strings.Contains(line, w)
			}
			if all {
				n++
			}
		}
		return n
	}
	for _, typ := range []string{"type=workflow_step", "type=events_api/brand_new_event", "type=events_api/url_verification"} {
		if n := count("level=WARN", "does not handle", typ); n != 1 {
			t.Errorf("warnings for %s = %d, want 1:\n%s", typ, n, log)
		}
	}
	if n := count("level=ERROR", "dropping this app's events", "minute_rate_limited="); n != 2 {
		t.Errorf("app_rate_limited errors = %d, want 2 (one each):\n%s", n, log)
	}
	if n := count("malformed"); n != 0 {
		t.Errorf("unhandled types were logged as malformed:\n%s", log)
	}
}

// TestE2E_HelloWarnsOfOtherConnections: Slack's hello counts the connections on
// the app-level token; another one means another process takes part of the
// events, which the bot says.
func TestE2E_HelloWarnsOfOtherConnections(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.bot.Close()
	if err := h.emu.WaitFor(h.ctx, func() bool { return h.emu.Connections() == 0 }); err != nil {
		t.Fatal(err)
	}

	// Alone on the token: no warning.
	alone := &syncBuffer{}
	h.log = alone
	h.start()
	if err := h.emu.WaitFor(h.ctx, func() bool { return h.emu.Connections() == 1 }); err != nil {
		t.Fatal(err)
	}
	h.deliver(h.emu.PostMessage(ana, stand, "blocked on design for the checkout mocks"))
	h.bot.Close()
	if strings.Contains(alone.String(), "another process") {
		t.Fatalf("a warning with one connection:\n%s", alone)
	}
	if err := h.emu.WaitFor(h.ctx, func() bool { return h.emu.Connections() == 0 }); err != nil {
		t.Fatal(err)
	}

	// Another client holds a connection on the same token.
	other := slack.New(h.emu.BotToken(), slack.OptionAppLevelToken(h.emu.AppToken()), slack.OptionAPIURL(h.emu.APIURL()))
	_, url, err := other.StartSocketModeContext(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	ws, _, err := websocket.DefaultDialer.DialContext(h.ctx, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	shared := &syncBuffer{}
	h.log = shared
	h.start()
	if err := h.emu.WaitFor(h.ctx, func() bool { return h.emu.Connections() == 2 }); err != nil {
		t.Fatal(err)
	}
	if err := h.emu.WaitFor(h.ctx, func() bool { return strings.Contains(shared.String(), "another process") }); err != nil {
		t.Fatalf("no warning of the other connection: %v\n%s", err, shared)
	}
	if !strings.Contains(shared.String(), "num_connections=2") {
		t.Fatalf("the warning does not say how many connections:\n%s", shared)
	}
}

// helloSeen is a log handler that tells hellos the num_connections of each
// "socket mode hello" record, the last thing the bot logs of a hello.
type helloSeen struct {
	slog.Handler
	hellos chan int64
}

func (h helloSeen) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Message == "socket mode hello" {
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "num_connections" {
				h.hellos <- a.Value.Int64()
			}
			return true
		})
	}
	return err
}

func (h helloSeen) WithAttrs(as []slog.Attr) slog.Handler {
	return helloSeen{h.Handler.WithAttrs(as), h.hellos}
}

func (h helloSeen) WithGroup(name string) slog.Handler {
	return helloSeen{h.Handler.WithGroup(name), h.hellos}
}

// TestE2E_HelloReplicas: another connection on the app-level token is a process
// too many for a bot alone on its database (SQLite), which says so; replicas on
// one PostgreSQL share the token by design and do not warn each other to stop.
func TestE2E_HelloReplicas(t *testing.T) {
	tests := []struct {
		name     string
		replicas bool
		warn     bool
	}{
		{"alone on its database", false, true},
		{"replicas", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, slackemu.Options{})
			h.bot.Close()
			if err := h.emu.WaitFor(h.ctx, func() bool { return h.emu.Connections() == 0 }); err != nil {
				t.Fatal(err)
			}
			// Another process holds a connection on the same token.
			other := slack.New(h.emu.BotToken(), slack.OptionAppLevelToken(h.emu.AppToken()), slack.OptionAPIURL(h.emu.APIURL()))
			_, url, err := other.StartSocketModeContext(h.ctx)
			if err != nil {
				t.Fatal(err)
			}
			ws, _, err := websocket.DefaultDialer.DialContext(h.ctx, url, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer ws.Close()
			log := &syncBuffer{}
			seen := helloSeen{slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}), make(chan int64, 4)}
			b, err := New(Config{AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
				Logger: slog.New(seen), Replicas: tt.replicas}, h.db)
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Open(h.ctx); err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			select {
			case n := <-seen.hellos:
				if n != 2 {
					t.Fatalf("hello counts %d connections, want 2", n)
				}
			case <-h.ctx.Done():
				t.Fatalf("no hello logged:\n%s", log)
			}
			if got := strings.Contains(log.String(), "another process is connected"); got != tt.warn {
				t.Fatalf("warned of another process: %v, want %v:\n%s", got, tt.warn, log)
			}
		})
	}
}

// TestE2E_SocketReconnects: whatever Slack's reason to end the connection (a
// disconnect envelope of each documented reason, or the socket closed with no
// word), and however apps.connections.open fails for a while as the bot connects
// again (a 429 with Retry-After, 5xx, a proxy's page, internal_error), the bot
// connects again and goes on reading; nothing is lost.
func TestE2E_SocketReconnects(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	log := &syncBuffer{}
	h.bot.Close()
	h.log = log
	h.start()
	if err := h.emu.WaitFor(h.ctx, func() bool { return h.emu.Connections() == 1 }); err != nil {
		t.Fatal(err)
	}
	drop := func(f slackemu.Fault) func() {
		return func() { h.emu.InjectFault("apps.connections.open", f); h.emu.DropConnections() }
	}
	ends := []struct {
		name  string
		end   func()
		topic string
	}{
		{"refresh_requested", func() { h.emu.Disconnect("refresh_requested") }, "checkout"},
		{"warning", func() { h.emu.Disconnect("warning") }, "pricing"},
		{"link_disabled", func() { h.emu.Disconnect("link_disabled") }, "onboarding"},
		{"too_many_websockets", func() { h.emu.Disconnect("too_many_websockets") }, "billing"},
		{"closed without a word", h.emu.DropConnections, "settings"},
		{"then apps.connections.open 429", drop(slackemu.Fault{Status: 429, RetryAfter: 1, Times: 4}), "invoice"},
		{"then apps.connections.open 503", drop(slackemu.Fault{Status: 503, Times: 2}), "search"},
		{"then apps.connections.open a proxy's page", drop(slackemu.Fault{HTML: true, Times: 1}), "profile"},
		{"then apps.connections.open internal_error", drop(slackemu.Fault{Error: "internal_error", Times: 1}), "export"},
	}
	for i, e := range ends {
		opened := h.emu.ConnectionsOpened()
		e.end()
		if err := h.emu.WaitFor(h.ctx, func() bool { return h.emu.ConnectionsOpened() > opened && h.emu.Connections() == 1 }); err != nil {
			t.Fatalf("%s: the bot did not connect again: %v", e.name, err)
		}
		h.deliver(h.emu.PostMessage(ana, stand, "blocked on design for the "+e.topic+" mocks"))
		if n := len(h.open(ana)); n != i+1 {
			t.Fatalf("%s: open blockers = %d, want %d", e.name, n, i+1)
		}
	}
	// Slack may still count the connection just closed when it greets the next:
	// no reconnection is taken for another process.
	if strings.Contains(log.String(), "another process") {
		t.Fatalf("a reconnection was taken for another process on the token:\n%s", log)
	}
}

// TestWebAPIFailures: how every answer Slack, or a proxy in front of it, may give
// a Web API call is read, by the sender (classify) and the inbox worker
// (transient) alike: through the bot's own HTTP client, against slackemu.
func TestWebAPIFailures(t *testing.T) {
	emu := slackemu.New(slackemu.Options{RateLimits: map[string]slackemu.RateLimit{}})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	emu.AddUser(slackemu.User{ID: ana, Name: "ana", RealName: "Ana Ruiz"})
	tests := []struct {
		name    string
		fault   slackemu.Fault
		want    failure
		refused bool
	}{
		{"429 with Retry-After", slackemu.Fault{Status: 429, RetryAfter: 30}, failure{transient: true, retryAfter: 30 * time.Second}, false},
		{"429 without Retry-After", slackemu.Fault{Status: 429, RetryAfter: -1}, failure{transient: true, retryAfter: DefaultRetryAfter}, false},
		{"503", slackemu.Fault{Status: 503}, failure{transient: true, uncertain: true}, false},
		{"a proxy's HTML 502", slackemu.Fault{HTML: true, Status: 502}, failure{transient: true, uncertain: true}, false},
		{"a proxy's HTML page served with 200", slackemu.Fault{HTML: true}, failure{transient: true, uncertain: true}, false},
		{"connection reset", slackemu.Fault{Reset: true}, failure{transient: true, uncertain: true}, false},
		{"internal_error", slackemu.Fault{Error: "internal_error"}, failure{transient: true}, false},
		{"fatal_error", slackemu.Fault{Error: "fatal_error"}, failure{transient: true}, false},
		{"service_unavailable", slackemu.Fault{Error: "service_unavailable"}, failure{transient: true}, false},
		{"request_timeout", slackemu.Fault{Error: "request_timeout"}, failure{transient: true}, false},
		{"ratelimited with 200", slackemu.Fault{Error: "ratelimited"}, failure{transient: true}, false},
		{"channel_not_found", slackemu.Fault{Error: "channel_not_found"}, failure{}, false},
		{"not_in_channel", slackemu.Fault{Error: "not_in_channel"}, failure{}, false},
		{"is_archived", slackemu.Fault{Error: "is_archived"}, failure{}, false},
		{"msg_too_long", slackemu.Fault{Error: "msg_too_long"}, failure{}, false},
		{"invalid_blocks", slackemu.Fault{Error: "invalid_blocks"}, failure{}, false},
		{"user_not_found", slackemu.Fault{Error: "user_not_found"}, failure{}, false},
		{"cannot_dm_bot", slackemu.Fault{Error: "cannot_dm_bot"}, failure{}, false},
		{"missing_scope", slackemu.Fault{Error: "missing_scope"}, failure{}, false},
		{"token_revoked", slackemu.Fault{Error: "token_revoked"}, failure{transient: true, refused: true}, true},
		{"invalid_auth", slackemu.Fault{Error: "invalid_auth"}, failure{transient: true, refused: true}, true},
		{"account_inactive", slackemu.Fault{Error: "account_inactive"}, failure{transient: true, refused: true}, true},
		{"not_authed", slackemu.Fault{Error: "not_authed"}, failure{transient: true, refused: true}, true},
		{"token_expired", slackemu.Fault{Error: "token_expired"}, failure{transient: true, refused: true}, true},
		{"invalid_auth from a gateway with 401", slackemu.Fault{Status: 401, Error: "invalid_auth"}, failure{transient: true, refused: true}, true},
		{"token_revoked from a gateway with 403", slackemu.Fault{Status: 403, Error: "token_revoked"}, failure{transient: true, refused: true}, true},
		{"token_revoked under text/plain", slackemu.Fault{Error: "token_revoked", ContentType: "text/plain"}, failure{transient: true, refused: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var refused error
			api := slack.New(emu.BotToken(), slack.OptionAPIURL(emu.APIURL()), slack.OptionHTTPClient(authWatch{
				client: &http.Client{Timeout: 5 * time.Second}, api: emu.APIURL(),
				onRefused: func(err error) { refused = err }, onWarning: func(string, []string) {},
				metrics: noMetrics{}, limits: &rateWindows{now: time.Now},
			}))
			emu.InjectFault("users.info", tt.fault)
			defer emu.ClearFaults()
			_, err := api.GetUserInfoContext(context.Background(), ana)
			if err == nil {
				t.Fatal("users.info succeeded")
			}
			if got := classify(err); got != tt.want {
				t.Errorf("classify(%v) = %+v; want %+v", err, got, tt.want)
			}
			if got, ok := slackFailure(err); !ok || got.transient != tt.want.transient {
				t.Errorf("slackFailure(%v) = %+v, %v; want transient %v, known", err, got, ok, tt.want.transient)
			}
			if (refused != nil) != tt.refused {
				t.Errorf("refused = %v; want %v", refused, tt.refused)
			}
			if refused != nil && !strings.Contains(refused.Error(), "SLACK_BOT_TOKEN") {
				t.Errorf("refusal %q does not name the bot token", refused)
			}
		})
	}
}

// TestInbox_InboxFileLocked: while another process holds the inbox file's write
// lock past the busy timeout, nothing is acknowledged (nothing could be
// committed), so Slack redelivers; once the lock goes, a redelivery is committed
// and acknowledged and the report is applied and confirmed once.
func TestInbox_InboxFileLocked(t *testing.T) {
	if testing.Short() {
		t.Skip("holds a lock past the 5 s busy timeout")
	}
	h := newHarness(t, slackemu.Options{AckTimeout: time.Second, MaxRetries: 30})
	log := &syncBuffer{}
	h.bot.Close()
	h.log = log
	h.start()
	other, err := sql.Open("sqlite3", "file:"+store.InboxPath(h.db.Path())+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.BeginTx(h.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	im := h.emu.IMChannel(ana)
	d, err := h.emu.PostMessage(ana, im, "blocked on design for the checkout mocks")
	if err != nil {
		t.Fatal(err)
	}
	// Slack's ack window passes unanswered: the envelope is sent again, and the
	// bot says why it did not acknowledge.
	if err := h.emu.WaitFor(h.ctx, func() bool {
		return strings.Contains(log.String(), "not acknowledging") && len(h.emu.Envelopes()) >= 2
	}); err != nil {
		t.Fatalf("no redelivery while the inbox was locked: %v\n%s", err, log)
	}
	for _, e := range h.emu.Envelopes() {
		if e.Acked {
			t.Fatalf("envelope %s (attempt %d) acknowledged while nothing could be committed", e.ID, e.RetryAttempt)
		}
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := d.WaitAck(h.ctx); err != nil {
		t.Fatalf("not acknowledged after the lock went: %v\n%s", err, log)
	}
	if err := h.bot.WaitIdle(h.ctx); err != nil {
		t.Fatal(err)
	}
	if err := h.emu.WaitFor(h.ctx, func() bool { return len(h.botMessages(im)) > 0 }); err != nil {
		t.Fatal(err)
	}
	if n := len(h.open(ana)); n != 1 {
		t.Fatalf("open blockers = %d, want 1", n)
	}
	if err := h.bot.WaitIdle(h.ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(h.botMessages(im)); n != 1 {
		t.Fatalf("confirmations = %d, want 1", n)
	}
}

// TestE2E_RefusedConnectionsArePaced: while Slack ends every connection as soon
// as it is made (Socket Mode turned off: link_disabled), slack-go would connect
// again at once, for ever; the bot says what is wrong once and holds
// apps.connections.open back with backoff, and reads again as soon as Slack
// serves the socket.
func TestE2E_RefusedConnectionsArePaced(t *testing.T) {
	h := newHarness(t, slackemu.Options{RateLimits: map[string]slackemu.RateLimit{}})
	log := newLogWatch()
	h.bot.Close()
	h.log = log
	h.start()
	h.emu.RefuseConnections("link_disabled")
	h.emu.DropConnections()
	if err := log.wait(h.ctx, func(s string) bool {
		return strings.Contains(s, "ends each Socket Mode connection") && strings.Contains(s, "rate limit exceeded")
	}); err != nil {
		t.Fatalf("refused connections were not paced: %v (%d connections opened)\n%s", err, h.emu.ConnectionsOpened(), log)
	}
	if n := strings.Count(log.String(), "ends each Socket Mode connection"); n != 1 {
		t.Errorf("the refusal was explained %d times, want once", n)
	}
	h.emu.RefuseConnections("")
	h.deliver(h.emu.PostMessage(ana, stand, "blocked on design for the checkout mocks"))
	if n := len(h.open(ana)); n != 1 {
		t.Fatalf("open blockers = %d, want 1", n)
	}
}

// logWatch is a log sink a test can wait on.
type logWatch struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newLogWatch() *logWatch { return &logWatch{changed: make(chan struct{})} }

func (l *logWatch) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	close(l.changed)
	l.changed = make(chan struct{})
	return l.buf.Write(p)
}

func (l *logWatch) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// wait blocks until cond holds for the log so far, or ctx ends.
func (l *logWatch) wait(ctx context.Context, cond func(string) bool) error {
	for {
		l.mu.Lock()
		s, ch := l.buf.String(), l.changed
		l.mu.Unlock()
		if cond(s) {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// TestE2E_EventWithoutEventID: Slack always sends event_id, but an event that
// comes without one is still read, keyed by its own type, channel and event_ts,
// so its redelivery changes nothing.
func TestE2E_EventWithoutEventID(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	ts := fmt.Sprintf("%d.000100", time.Now().Unix())
	payload := json.RawMessage(`{"type":"event_callback","team_id":"T0EMU","api_app_id":"A0EMU","event_time":` + ts[:10] + `,
		"event":{"type":"message","channel":"` + stand + `","channel_type":"channel","user":"` + ana + `",
		"text":"blocked on design for the checkout mocks","ts":"` + ts + `","event_ts":"` + ts + `"}}`)
	d := h.deliver(h.emu.SendRaw(slackemu.TypeEventsAPI, payload), nil)
	if n := len(h.open(ana)); n != 1 {
		t.Fatalf("open blockers = %d, want 1: the event was not read", n)
	}
	h.deliver(h.emu.Redeliver(d), nil)
	bls := h.open(ana)
	if len(bls) != 1 {
		t.Fatalf("open blockers after the redelivery = %d, want 1", len(bls))
	}
	led, err := h.db.LedgerOf(h.ctx, ana, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(led) != 1 || len(led[0].Evidence) != 1 {
		t.Fatalf("ledger = %+v, want one blocker from one report", led)
	}
}

// TestOutbox_UncertainPostFoundWithoutMetadata: against a server that keeps no
// message metadata, a post whose outcome was lost (served, then the answer lost
// or reset, or slower than the timeout) is still found before it is made again:
// by the bot's own message with its text, posted since it was decided.
func TestOutbox_UncertainPostFoundWithoutMetadata(t *testing.T) {
	tests := []struct {
		name  string
		fault slackemu.Fault
	}{
		{"posted, then the answer lost", slackemu.Fault{Status: 500, Served: true, Times: 1}},
		{"posted, then the connection reset", slackemu.Fault{Reset: true, Served: true, Times: 2}},
		{"posted, then a proxy's page", slackemu.Fault{HTML: true, Served: true, Times: 1}},
		{"slower than the timeout, posted", slackemu.Fault{Delay: 3 * time.Second, Served: true, Times: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, slackemu.Options{DropMetadata: true})
			h.bot.Close()
			o := &outboxHarness{harness: h, clk: clock.NewFake(time.Now()), log: &syncBuffer{}}
			o.restart()
			o.emu.InjectFault("chat.postMessage", tt.fault)
			o.deliver(o.emu.PostMessage(ana, o.emu.IMChannel(ana), "blocked on design for the checkout mocks"))
			o.settle(2 + int(Deadlines[effConfirm]/RetryMax))
			if n := len(o.confirmations()); n != 1 {
				t.Fatalf("confirmations = %d, want 1; log:\n%s", n, o.log)
			}
			if !strings.Contains(o.log.String(), "found by its text") {
				t.Fatalf("the post was not found by its text:\n%s", o.log)
			}
		})
	}
}

// TestE2E_ReusedTriggerIDs: Slack makes every trigger_id unique, but a server
// that sends one trigger_id with every command (copied from Slack's docs) must
// not make two commands one: each is read and answered; the same command
// delivered again still changes nothing.
func TestE2E_ReusedTriggerIDs(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	command := func(text string) json.RawMessage {
		return json.RawMessage(`{"token":"x","team_id":"T0EMU","team_domain":"emu","is_enterprise_install":"false",
			"channel_id":"` + stand + `","channel_name":"standup","user_id":"` + ana + `","user_name":"ana",
			"command":"/blocked","text":"` + text + `","api_app_id":"A0EMU",
			"trigger_id":"13345224609.738474920.8088930838d88f008e0","response_url":"` + h.emu.APIURL() + `../response/none"}`)
	}
	first := h.deliver(h.emu.SendRaw(slackemu.TypeSlashCommands, command("on design for the pricing mocks")), nil)
	h.deliver(h.emu.SendRaw(slackemu.TypeSlashCommands, command("on legal for the DPA review")), nil)
	if n := len(h.open(ana)); n != 2 {
		t.Fatalf("open blockers = %d, want 2: two commands with one trigger_id were taken for one", n)
	}
	h.deliver(h.emu.Redeliver(first), nil)
	if n := len(h.open(ana)); n != 2 {
		t.Fatalf("open blockers after a redelivery = %d, want 2", n)
	}
	answers, err := h.db.Outbox(h.ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, o := range answers {
		if o.Kind == effAnswer {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("answers decided = %d, want 2 (one a command)", n)
	}
}
