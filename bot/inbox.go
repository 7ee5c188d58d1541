package bot

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/unblock-dev/unblock"
)

// Inbox kinds: how a stored payload is decoded again by the worker.
const (
	kindEvent       = "events_api"
	kindInteraction = "interactive"
	kindCommand     = "slash_commands"
	// kindRefused is an interaction its ack turned down (a submitted form with
	// problems, shown under its inputs): kept for dedupe, processed as nothing.
	kindRefused = "refused"
)

// readEvents drains slack-go's event channel. Envelopes that are there together
// are committed to the inbox together (one transaction) and only then
// acknowledged, so an acknowledged envelope is never lost; all the work happens
// in the worker, in order. Commands answer through their response_url, so the
// ack itself stays empty and fast.
func (b *Bot) readEvents(ctx context.Context) {
	var reqs []socketmode.Event
	for {
		select {
		case <-ctx.Done():
			return
		case evt := <-b.socket.Events:
			reqs = b.handleSocketEvent(evt, reqs[:0])
		}
		// Whatever else slack-go has decoded meanwhile joins this commit.
	more:
		for len(reqs) < receiveBatch {
			select {
			case evt := <-b.socket.Events:
				reqs = b.handleSocketEvent(evt, reqs)
			default:
				break more
			}
		}
		if len(reqs) > 0 {
			b.receive(ctx, reqs)
		}
		clear(reqs)
	}
}

// receiveBatch bounds how many envelopes one inbox commit holds.
const receiveBatch = 64

// handleSocketEvent handles a connection event at once and appends an envelope
// (an event, interaction or command) to reqs, for receive.
func (b *Bot) handleSocketEvent(evt socketmode.Event, reqs []socketmode.Event) []socketmode.Event {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		b.connected.Store(false)
		b.log.Debug("socket mode", "event", string(evt.Type))
		b.connectionEnded()
	case socketmode.EventTypeHello:
		b.hello(evt.Request)
	case socketmode.EventTypeConnected:
		b.connected.Store(true)
		b.conn = connLife{up: true, since: time.Now(), short: b.conn.short, hellos: b.conn.hellos}
		b.log.Info("socket mode connected")
	case socketmode.EventTypeDisconnect:
		b.connected.Store(false)
	case socketmode.EventTypeConnectionError, socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		b.log.Warn("socket mode trouble", "event", string(evt.Type), "err", errorOf(evt.Data))
	case socketmode.EventTypeInvalidAuth:
		b.log.Error("socket mode: invalid app-level token (xapp-…)")
	case socketmode.EventTypeErrorBadMessage:
		b.conn.used = true
		b.skipBadMessage(evt)
	case socketmode.EventTypeEventsAPI:
		b.conn.used = true
		if evt.Request == nil {
			break
		}
		if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok && ev.Type != slackevents.CallbackEvent {
			b.outerEvent(evt.Request, ev) // about the subscription, not an event in it
			break
		}
		reqs = append(reqs, evt)
	case socketmode.EventTypeInteractive, socketmode.EventTypeSlashCommand:
		b.conn.used = true
		if evt.Request != nil {
			reqs = append(reqs, evt)
		}
	}
	return reqs
}

// hello logs Slack's greeting on a new connection. More than one connection on
// the app-level token means another process (an old deployment, a copy run by
// hand) takes part of the events: Slack hands each envelope to one connection.
// On a reconnection Slack may still count the connection just closed, so there
// it takes more than two. Replicas (Config.Replicas) share the token by design:
// they commit what each receives to one inbox, so there is nothing to warn of.
func (b *Bot) hello(req *socketmode.Request) {
	if req == nil {
		return
	}
	ours := 1
	if b.conn.hellos++; b.conn.hellos > 1 {
		ours = 2
	}
	if req.NumConnections > ours && !b.cfg.Replicas {
		b.log.Warn("another process is connected with the same app-level token: Slack gives each event to one connection, so this one will not see them all; stop the other",
			"num_connections", req.NumConnections)
	}
	b.log.Debug("socket mode hello", "num_connections", req.NumConnections,
		"approximate_connection_time", req.DebugInfo.ApproximateConnectionTime, "host", req.DebugInfo.Host)
}

// outerEvent acknowledges an Events API envelope that carries no event: Slack's
// notice that it drops the app's events past the Events API limit
// (app_rate_limited), logged every time since events are lost, or a type the bot
// has no use for, logged once.
func (b *Bot) outerEvent(req *socketmode.Request, ev slackevents.EventsAPIEvent) {
	if rl, ok := ev.Data.(*slackevents.EventsAPIAppRateLimited); ok {
		b.log.Error("Slack is dropping this app's events: over the Events API limit of 30,000 an hour; events of this minute are lost",
			"minute_rate_limited", rl.MinuteRateLimited)
	} else {
		b.unhandled(req.EnvelopeID, req.Type+"/"+ev.Type, nil)
	}
	b.ack(req, nil)
}

// unhandled logs an envelope of a type the bot does not handle: once a type at
// Warn, then at Debug, since Slack may send it again and again.
func (b *Bot) unhandled(envelopeID, typ string, cause error) {
	level := slog.LevelDebug
	if b.logOnce("envelope:" + typ) {
		level = slog.LevelWarn
	}
	b.log.Log(context.Background(), level, "envelope of a type unblock does not handle acknowledged and skipped (logged once a type)",
		"envelope_id", envelopeID, "type", typ, "err", cause)
}

// receive commits envelopes in one inbox transaction, then acks each. What
// slack-go decoded of each is handed to the worker (see decodedCache), so the
// payload is decoded once.
func (b *Bot) receive(ctx context.Context, evts []socketmode.Event) {
	arrived := time.Now()
	items := make([]unblock.InboxItem, 0, len(evts))
	reqs := make([]*socketmode.Request, 0, len(evts))
	acks := make([]any, 0, len(evts))
	for _, evt := range evts {
		req := evt.Request
		b.cfg.Metrics.Received(string(evt.Type))
		key, kind, err := inboxKey(evt)
		if err != nil {
			// Malformed: nothing to commit. Ack so Slack does not redeliver it forever.
			b.log.Warn("malformed envelope skipped", "envelope_id", req.EnvelopeID, "err", err)
			b.ack(req, nil)
			continue
		}
		// A submitted form's problems go back in its ack (response_action
		// "errors"); such an envelope is committed as refused, so the worker,
		// now or after a crash, does nothing with what the ack turned down.
		ack := b.ackPayload(ctx, evt)
		if ack != nil {
			kind = kindRefused
		}
		items = append(items, unblock.InboxItem{Key: key, Kind: kind, Payload: req.Payload})
		reqs = append(reqs, req)
		acks = append(acks, ack)
		// Before the commit: once committed, the worker may take the item at once.
		b.decoded.put(key, evt.Data)
	}
	if len(items) == 0 {
		return
	}
	added, err := b.store.InboxAddAll(ctx, items, b.cfg.Now())
	if err != nil {
		// Not committed: do not ack, so Slack redelivers them.
		for _, it := range items {
			b.decoded.take(it.Key)
			b.log.Error("inbox commit failed; not acknowledging", "key", it.Key, "err", err)
			b.cfg.Metrics.Failed("commit")
		}
		if unblock.ErrorCode(err) == unblock.EUNAVAILABLE {
			b.stop(err) // a read-only database or a full disk: nothing can be committed
		}
		return
	}
	if ctx.Err() != nil {
		// Shutting down between commit and ack: Slack will redeliver, and the
		// redelivery is acknowledged as a duplicate of what is committed.
		return
	}
	poke := false
	for i, req := range reqs {
		if !added[i] {
			b.log.Debug("duplicate envelope acknowledged", "key", items[i].Key, "retry_attempt", req.RetryAttempt)
			b.cfg.Metrics.Redelivered()
		} else {
			poke = true
		}
		b.ack(req, acks[i])
		b.cfg.Metrics.Acked(time.Since(arrived))
	}
	if poke {
		b.poke()
	}
}

func (b *Bot) ack(req *socketmode.Request, payload any) {
	var err error
	if payload == nil {
		err = b.socket.Ack(*req)
	} else {
		err = b.socket.Ack(*req, payload)
	}
	if err != nil {
		b.log.Error("ack failed", "envelope_id", req.EnvelopeID, "err", err)
	}
}

// skipBadMessage logs an envelope slack-go could not parse and acks it by its
// envelope_id, if it has one: retrying a malformed payload cannot help.
func (b *Bot) skipBadMessage(evt socketmode.Event) {
	bad, ok := evt.Data.(*socketmode.ErrorBadMessage)
	if !ok {
		return
	}
	var env struct {
		EnvelopeID string `json:"envelope_id"`
		Type       string `json:"type"`
		Payload    struct {
			Type  string `json:"type"`
			Event struct {
				Type string `json:"type"`
			} `json:"event"`
		} `json:"payload"`
	}
	_ = json.Unmarshal(bad.Message, &env)
	switch inner := env.Payload.Event.Type; {
	case env.Type != "" && !knownEnvelopes[env.Type]:
		b.unhandled(env.EnvelopeID, env.Type, bad.Cause)
	case env.Type == kindEvent && env.Payload.Type == slackevents.CallbackEvent && inner != "" && !knownEvent(inner):
		b.unhandled(env.EnvelopeID, env.Type+"/"+inner, bad.Cause)
	default:
		b.log.Warn("malformed envelope skipped", "envelope_id", env.EnvelopeID, "type", env.Type, "err", bad.Cause)
	}
	if env.EnvelopeID != "" {
		if err := b.socket.Send(socketmode.Response{EnvelopeID: env.EnvelopeID}); err != nil {
			b.log.Error("ack failed", "envelope_id", env.EnvelopeID, "err", err)
		}
	}
}

// knownEnvelopes are the envelope types slack-go decodes (hello and disconnect
// never reach the bot as bad messages).
var knownEnvelopes = map[string]bool{kindEvent: true, kindInteraction: true, kindCommand: true, "hello": true, "disconnect": true}

// knownEvent reports whether slack-go knows an Events API inner event type; an
// event of another type (one Slack added since) cannot be decoded.
func knownEvent(typ string) bool {
	if _, ok := slackevents.EventsAPIInnerEventMapping[slackevents.EventsAPIType(typ)]; ok {
		return true
	}
	_, ok := slack.EventMapping[typ]
	return ok
}

// inboxKey returns the dedupe key of an envelope: the Events API event_id (the same
// across redeliveries, whatever the envelope_id), or the trigger or view of an
// interaction or command. It reads what slack-go decoded; only an Events API
// payload slack-go did not take for an event callback is decoded here.
func inboxKey(evt socketmode.Event) (key, kind string, err error) {
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		eventID := ""
		if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok {
			if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok {
				eventID = cb.EventID
			}
		}
		if eventID == "" {
			var outer struct {
				EventID string `json:"event_id"`
				Event   struct {
					Type    string `json:"type"`
					Channel string `json:"channel"`
					EventTS string `json:"event_ts"`
					TS      string `json:"ts"`
				} `json:"event"`
			}
			if err := json.Unmarshal(evt.Request.Payload, &outer); err != nil {
				return "", "", fmt.Errorf("events_api payload: %w", err)
			}
			eventID = outer.EventID
			if ev := outer.Event; eventID == "" && ev.Type != "" && cmp.Or(ev.EventTS, ev.TS) != "" {
				// Slack always sends event_id; a payload without one (a stand-in, a
				// proxy that rewrote it) is keyed by the event's own identity, which
				// a redelivery keeps too: its type, channel and event_ts (or ts).
				return "event:" + ev.Type + ":" + ev.Channel + ":" + cmp.Or(ev.EventTS, ev.TS), kindEvent, nil
			}
		}
		if eventID == "" {
			return "", "", errors.New("events_api payload without event_id")
		}
		return "event:" + eventID, kindEvent, nil
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok {
			return "", "", errors.New("slash command payload")
		}
		if id := commandID(cmd); id != "" {
			return "command:" + id, kindCommand, nil
		}
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(slack.InteractionCallback)
		if !ok {
			return "", "", errors.New("interaction payload")
		}
		switch {
		case cb.TriggerID != "":
			// With a digest of the whole interaction, as commandID does.
			return "interaction:" + cb.TriggerID + "." + contentDigest(cb), kindInteraction, nil
		case cb.View.ID != "":
			return "interaction:" + string(cb.Type) + ":" + cb.View.ID + ":" + cb.View.Hash, kindInteraction, nil
		}
	}
	return "envelope:" + evt.Request.EnvelopeID, string(evt.Type), nil
}

// decodedCache hands what slack-go decoded of a committed envelope (a
// slackevents.EventsAPIEvent, slack.SlashCommand or slack.InteractionCallback) to
// the worker by inbox key, so no payload is decoded twice. It is bounded: past
// decodedMax entries, and for what a crash left in the inbox, the worker decodes
// the stored payload, once.
type decodedCache struct {
	sync.Mutex
	m map[string]any
}

const decodedMax = 1024

func (c *decodedCache) put(key string, v any) {
	if v == nil {
		return
	}
	c.Lock()
	defer c.Unlock()
	if c.m == nil {
		c.m = map[string]any{}
	}
	if len(c.m) < decodedMax {
		c.m[key] = v
	}
}

func (c *decodedCache) take(key string) any {
	c.Lock()
	defer c.Unlock()
	v, ok := c.m[key]
	if ok {
		delete(c.m, key)
	}
	return v
}

// decode returns an inbox item's payload decoded: what slack-go decoded when it
// arrived, or else the stored payload decoded now.
func (b *Bot) decode(it unblock.InboxItem) (any, error) {
	if v := b.decoded.take(it.Key); v != nil {
		return v, nil
	}
	switch it.Kind {
	case kindRefused:
		return nil, nil
	case kindEvent:
		ev, err := slackevents.ParseEvent(it.Payload, slackevents.OptionNoVerifyToken())
		if err != nil {
			return nil, fmt.Errorf("parse event: %w", err)
		}
		return ev, nil
	case kindCommand:
		var cmd slack.SlashCommand
		if err := json.Unmarshal(it.Payload, &cmd); err != nil {
			return nil, fmt.Errorf("parse slash command: %w", err)
		}
		return cmd, nil
	case kindInteraction:
		var cb slack.InteractionCallback
		if err := json.Unmarshal(it.Payload, &cb); err != nil {
			return nil, fmt.Errorf("parse interaction: %w", err)
		}
		return cb, nil
	}
	return nil, fmt.Errorf("unknown inbox kind %q", it.Kind)
}

// inFlightLimit bounds how long shutdown waits for the item the worker holds.
const inFlightLimit = 30 * time.Second

// poke wakes the worker without blocking.
func (b *Bot) poke() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// runWorker processes committed inbox items in order, at start (what a crash left)
// and whenever a new one arrives.
func (b *Bot) runWorker(ctx context.Context) {
	for {
		for b.drainInbox(ctx) {
		}
		b.idle.Lock()
		close(b.idle.drained)
		b.idle.drained = make(chan struct{})
		b.idle.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-b.wake:
		}
	}
}

// drainInbox processes one batch of pending items; it reports whether there may be more.
// An item whose processing failed transiently waits for its retry while the
// items behind it go on.
func (b *Bot) drainInbox(ctx context.Context) bool {
	if at := b.admin.applyAt; !at.IsZero() && !time.Now().Before(at) {
		b.applyTeams(ctx) // a change to the teams that did not take effect
	}
	items, err := b.store.InboxPending(ctx, processBatch+len(b.retries))
	if err != nil {
		if ctx.Err() == nil {
			// Read again after a backoff: what is pending was acknowledged, and
			// nothing else may wake the worker (a quiet workspace).
			b.readFails++
			next := time.Now().Add(min(backoff(b.readFails)/4, RetryMax))
			b.log.Error("inbox read failed; reading it again", "attempt", b.readFails, "next", next, "err", err)
			b.wakeAt(next)
		}
		return false
	}
	b.readFails = 0
	now := time.Now()
	ready := make([]unblock.InboxItem, 0, len(items))
	for _, it := range items {
		if r, ok := b.retries[it.ID]; ok && now.Before(r.next) {
			continue
		}
		if ready = append(ready, it); len(ready) == processBatch {
			break
		}
	}
	if len(ready) == 0 {
		return false
	}
	// The items in hand are finished even when shutdown begins, within a bound;
	// what is left stays in the inbox for the next start.
	work, cancel := context.WithTimeout(context.WithoutCancel(ctx), inFlightLimit)
	done := b.process(ctx, work, ready)
	cancel()
	return ctx.Err() == nil && (len(ready) == processBatch || done < len(ready))
}

// processBatch bounds how many inbox items one transaction processes, and
// processTime how long it goes on taking more (a handler may call Slack).
const (
	processBatch = 64
	processTime  = 250 * time.Millisecond
)

// inboxRetry is when a transiently failed inbox item is tried again.
type inboxRetry struct {
	attempts int
	next     time.Time
}

// handlerFailed marks, through a savepoint, the error of an item's own handler.
type handlerFailed struct{ err error }

func (h *handlerFailed) Error() string { return h.err.Error() }

// process runs the handlers of items, in order, in one transaction with the
// effects they decide and each item's done mark, each item under a savepoint of
// its own; it returns how many it took (it stops early on shutdown or past
// processTime). A crash at any point leaves every item either wholly processed or
// wholly pending: one commit serves them all, and an ack never waits for it (the
// inbox file is committed before). A transient failure of an item (a Slack read
// that failed, the database locked) undoes that item alone, which is retried
// after a backoff, never marked done; any other handler error undoes the item's
// work and records the error with the item, which is not retried, so one bad
// payload cannot wedge the inbox. If the transaction itself fails, every item in
// it is retried. On shutdown the items stay pending.
func (b *Bot) process(ctx, work context.Context, items []unblock.InboxItem) int {
	data := make([]any, len(items))
	derr := make([]error, len(items))
	for i, it := range items {
		data[i], derr[i] = b.decode(it)
		b.prepare(work, it, data[i])
	}
	type outcome struct {
		retry bool  // failed transiently: tried again later
		err   error // the handler's error
	}
	out := make([]outcome, len(items))
	taken := 0
	start := time.Now()
	done := b.cfg.Now() // one time for the items of one transaction: they commit together
	err := b.store.Atomic(work, func(tctx context.Context) error {
		for i, it := range items {
			if i > 0 && (ctx.Err() != nil || time.Since(start) > processTime) {
				break
			}
			taken = i + 1
			var failed *handlerFailed
			serr := b.store.Savepoint(tctx, func(sctx context.Context) error {
				// Another replica may have processed it since it was read.
				if claimed, err := b.store.InboxClaim(sctx, it.Key); err != nil || !claimed {
					return err
				}
				if herr := b.handle(sctx, it, data[i], derr[i]); herr != nil {
					failed = &handlerFailed{herr}
					return failed
				}
				return b.store.InboxDoneKey(sctx, it.Key, done, nil)
			})
			switch {
			case serr == nil:
			case failed == nil || serr != error(failed):
				return serr // the store failed, not the handler: the transaction is lost
			case unblock.ErrorCode(failed.err) == unblock.EUNAVAILABLE:
				return failed.err
			case b.transient(failed.err):
				out[i].retry, out[i].err = true, failed.err
			default:
				out[i].err = failed.err
				if err := b.store.InboxDoneKey(tctx, it.Key, done, failed.err); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.admin.changed.Store(false) // rolled back: nothing changed
		if unblock.ErrorCode(err) == unblock.EUNAVAILABLE {
			b.stop(err) // a read-only database or a full disk: nothing can be committed
			return len(items)
		}
		for _, it := range items {
			b.retry(it, err)
		}
		return len(items)
	}
	settled := make([]unblock.InboxItem, 0, taken)
	for i, it := range items[:taken] {
		switch {
		case out[i].retry:
			b.retry(it, out[i].err)
			continue
		case out[i].err != nil:
			// Its error is in the database; InboxPending settles it with it.
			b.log.Warn("envelope processing failed", "key", it.Key, "err", out[i].err)
			b.cfg.Metrics.Failed("process")
		default:
			settled = append(settled, it)
		}
		delete(b.retries, it.ID)
	}
	b.afterCommit(work)
	// What they decided is committed now: effects to send, readings to read (a
	// wake from inside the transaction may have come too early).
	b.pokeSender()
	if b.readings != nil {
		b.cfg.Reader.Wake()
	}
	// Mark them in the inbox file too; if this fails, InboxPending settles them.
	if err := b.store.InboxSettle(ctx, settled, done); err != nil && ctx.Err() == nil {
		b.log.Warn("inbox settle failed", "err", err)
	}
	return taken
}

// retry schedules a transiently failed item's next attempt.
func (b *Bot) retry(it unblock.InboxItem, err error) {
	r := b.retries[it.ID]
	r.attempts++
	r.next = time.Now().Add(min(backoff(r.attempts)/4, RetryMax))
	b.retries[it.ID] = r
	if b.store.Busy(err) {
		// Not a failure of the envelope's: say what holds it up.
		b.log.Warn("envelope kept: another process holds the database's write lock (a backup, an import, a sqlite3 shell?); retrying",
			"key", it.Key, "attempt", r.attempts, "err", err)
	} else {
		b.log.Warn("envelope processing failed; retrying", "key", it.Key, "attempt", r.attempts, "err", err)
	}
	b.wakeAt(r.next)
}

// prepare makes, before the item's transaction, the Slack reads its handler would
// otherwise make inside it: the channel's name and a thread's parent the standup
// rule asks of (preparePosting), users.info for the author and the people a message
// mentions whom the directory does not know yet (ensurePeople tries each once per
// run, so the handler's own call is then a no-op). A slow Slack thus never holds
// the database's write lock. A failure is logged, as the handler's would be.
func (b *Bot) prepare(ctx context.Context, it unblock.InboxItem, data any) {
	b.prepareAdmin(ctx, it)
	ev, ok := data.(slackevents.EventsAPIEvent)
	if !ok {
		return
	}
	var user, text string
	switch m := ev.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		user, text = m.User, m.Text
		if m.Message != nil {
			user, text = m.Message.User, m.Message.Text
			b.preparePosting(ctx, m.Channel, m.ChannelType, user, m.Message.Timestamp, m.Message.ThreadTimestamp, m.Message.ParentUserId)
		}
	case *slackevents.AppMentionEvent:
		user, text = m.User, m.Text
	default:
		return
	}
	ids := []string{user}
	for rest := text; ; {
		i := strings.Index(rest, "<@")
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			break
		}
		ids = append(ids, unblock.MentionID(rest[i:i+j+1]))
		rest = rest[i+j+1:]
	}
	b.ensurePeople(ctx, ids...)
}

// transient reports whether a handler's error passes: the database locked by
// another process, or a Slack call that failed in a way that passes (a 429, a
// 5xx, a timeout, a dropped connection, Slack's internal_error: slackFailure).
// Anything else fails the same way when tried again.
func (b *Bot) transient(err error) bool {
	if b.store.Busy(err) {
		return true
	}
	f, ok := slackFailure(err)
	return ok && f.transient
}

// passOn returns err when it passes (transient, or a database that takes no
// writes), so that the item in hand is rolled back and tried again; any other
// error is logged as what failed, and the item goes on without that step. A
// step the item can do without (a report hook, the all-clear notice) must not
// swallow a failure that passes: the item would commit without it and it
// would never happen.
func (b *Bot) passOn(err error, what string) error {
	if err == nil {
		return nil
	}
	if b.transient(err) || unblock.ErrorCode(err) == unblock.EUNAVAILABLE {
		return fmt.Errorf("%s: %w", what, err)
	}
	b.log.Warn(what, "err", err)
	return nil
}

// wakeAt pokes the worker at t, for a retry.
func (b *Bot) wakeAt(t time.Time) {
	time.AfterFunc(time.Until(t), b.poke)
}

// A handler that panics (a bug, on input nobody foresaw) fails its item like any
// handler error, with the stack in the log: one bad message must not crash the
// bot, nor crash it again at every start while the item stays pending.
func (b *Bot) handle(ctx context.Context, it unblock.InboxItem, data any, decodeErr error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("envelope handler panicked; the envelope is skipped", "key", it.Key, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	if it.Kind == kindRefused {
		return nil // its ack said why; nothing changes
	}
	if decodeErr != nil {
		return decodeErr
	}
	switch v := data.(type) {
	case slackevents.EventsAPIEvent:
		return b.routes.event(ctx, v)
	case slack.SlashCommand:
		return b.routes.command(ctx, v)
	case slack.InteractionCallback:
		return b.routes.interaction(ctx, v)
	}
	return fmt.Errorf("inbox item %q of kind %q holds %T", it.Key, it.Kind, data)
}

func errorOf(v any) error {
	if err, ok := v.(error); ok {
		return err
	}
	return nil
}

// WaitIdle blocks until every envelope the bot has acknowledged so far has been
// processed and every effect due has been sent (or is waiting for a retry), or
// ctx is done, or the bot stops (it then returns the condition it stops under).
// Tests and the demo use it instead of sleeping.
func (b *Bot) WaitIdle(ctx context.Context) error {
	for {
		if b.stopping() {
			return b.haltErr
		}
		b.idle.Lock()
		drained, sent, retryAt := b.idle.drained, b.idle.sent, b.idle.retryAt
		b.idle.Unlock()
		items, err := b.store.InboxPending(ctx, 1)
		if err != nil {
			return err
		}
		if len(items) > 0 {
			b.poke()
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-drained:
			case <-b.halted:
			}
			continue
		}
		due, err := b.store.Due(ctx, b.clock().Now(), 1)
		if err != nil {
			return err
		}
		if len(due) == 0 || b.clock().Now().Before(retryAt) {
			return nil // all sent, or what is due waits for the sender's retry after a back-off
		}
		b.pokeSender()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-sent:
		case <-b.halted:
		}
	}
}
