package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"runtime/debug"
	"strings"
	"syscall"
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
)

// readEvents drains slack-go's event channel. For each envelope it commits the
// payload to the inbox and only then acknowledges it, so an acknowledged envelope
// is never lost; all the work happens in the worker, in order. Commands answer
// through their response_url, so the ack itself stays empty and fast.
func (b *Bot) readEvents(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case evt := <-b.socket.Events:
			b.handleSocketEvent(ctx, evt)
		}
	}
}

func (b *Bot) handleSocketEvent(ctx context.Context, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		b.connected.Store(false)
		b.log.Debug("socket mode", "event", string(evt.Type))
	case socketmode.EventTypeHello:
		b.log.Debug("socket mode", "event", string(evt.Type))
	case socketmode.EventTypeConnected:
		b.connected.Store(true)
		b.log.Info("socket mode connected")
	case socketmode.EventTypeDisconnect:
		b.connected.Store(false)
	case socketmode.EventTypeConnectionError, socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		b.log.Warn("socket mode trouble", "event", string(evt.Type), "err", errorOf(evt.Data))
	case socketmode.EventTypeInvalidAuth:
		b.log.Error("socket mode: invalid app-level token (xapp-…)")
	case socketmode.EventTypeErrorBadMessage:
		b.skipBadMessage(evt)
	case socketmode.EventTypeEventsAPI, socketmode.EventTypeInteractive, socketmode.EventTypeSlashCommand:
		if evt.Request == nil {
			return
		}
		b.receive(ctx, evt)
	}
}

// receive commits one envelope, then acks it.
func (b *Bot) receive(ctx context.Context, evt socketmode.Event) {
	req := evt.Request
	arrived := time.Now()
	b.cfg.Metrics.Received(string(evt.Type))
	key, kind, err := inboxKey(evt)
	if err != nil {
		// Malformed: nothing to commit. Ack so Slack does not redeliver it forever.
		b.log.Warn("malformed envelope skipped", "envelope_id", req.EnvelopeID, "err", err)
		b.ack(req, nil)
		return
	}
	added, err := b.store.InboxAdd(ctx, key, kind, req.Payload, b.cfg.Now())
	if err != nil {
		// Not committed: do not ack, so Slack redelivers it.
		b.log.Error("inbox commit failed; not acknowledging", "key", key, "err", err)
		b.cfg.Metrics.Failed("commit")
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
	if !added {
		b.log.Debug("duplicate envelope acknowledged", "key", key, "retry_attempt", req.RetryAttempt)
		b.cfg.Metrics.Redelivered()
		b.ack(req, nil)
		b.cfg.Metrics.Acked(time.Since(arrived))
		return
	}
	b.ack(req, nil)
	b.cfg.Metrics.Acked(time.Since(arrived))
	b.poke()
}

func (b *Bot) ack(req *socketmode.Request, _ any) {
	if err := b.socket.Ack(*req); err != nil {
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
	}
	_ = json.Unmarshal(bad.Message, &env)
	b.log.Warn("malformed envelope skipped", "envelope_id", env.EnvelopeID, "type", env.Type, "err", bad.Cause)
	if env.EnvelopeID != "" {
		if err := b.socket.Send(socketmode.Response{EnvelopeID: env.EnvelopeID}); err != nil {
			b.log.Error("ack failed", "envelope_id", env.EnvelopeID, "err", err)
		}
	}
}

// inboxKey returns the dedupe key of an envelope: the Events API event_id (the same
// across redeliveries, whatever the envelope_id), or the trigger or view of an
// interaction or command.
func inboxKey(evt socketmode.Event) (key, kind string, err error) {
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		var outer struct {
			EventID string `json:"event_id"`
		}
		if err := json.Unmarshal(evt.Request.Payload, &outer); err != nil {
			return "", "", fmt.Errorf("events_api payload: %w", err)
		}
		if outer.EventID == "" {
			return "", "", errors.New("events_api payload without event_id")
		}
		return "event:" + outer.EventID, kindEvent, nil
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok {
			return "", "", errors.New("slash command payload")
		}
		if cmd.TriggerID != "" {
			return "command:" + cmd.TriggerID, kindCommand, nil
		}
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(slack.InteractionCallback)
		if !ok {
			return "", "", errors.New("interaction payload")
		}
		switch {
		case cb.TriggerID != "":
			return "interaction:" + cb.TriggerID, kindInteraction, nil
		case cb.View.ID != "":
			return "interaction:" + string(cb.Type) + ":" + cb.View.ID + ":" + cb.View.Hash, kindInteraction, nil
		}
	}
	return "envelope:" + evt.Request.EnvelopeID, string(evt.Type), nil
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
	const batch = 64
	items, err := b.store.InboxPending(ctx, batch+len(b.retries))
	if err != nil {
		if ctx.Err() == nil {
			b.log.Error("inbox read failed", "err", err)
		}
		return false
	}
	now := time.Now()
	done := 0
	for _, it := range items {
		if ctx.Err() != nil {
			return false
		}
		if r, ok := b.retries[it.ID]; ok && now.Before(r.next) {
			continue
		}
		// An item in hand is finished even when shutdown begins, within a bound;
		// what is left stays in the inbox for the next start.
		work, cancel := context.WithTimeout(context.WithoutCancel(ctx), inFlightLimit)
		b.process(work, it)
		cancel()
		done++
	}
	return done == batch
}

// inboxRetry is when a transiently failed inbox item is tried again.
type inboxRetry struct {
	attempts int
	next     time.Time
}

// process decodes one stored payload and runs its handler in one transaction
// with the effects it decides and the item's done mark, so a crash at any point
// leaves the item either wholly processed or wholly pending. A transient failure
// (the database locked by another process, Slack unreachable) rolls it all back
// and the item is retried after a backoff, never marked done; any other handler
// error is logged and recorded with the item, which is not retried, so one bad
// payload cannot wedge the inbox. On shutdown the item stays pending.
func (b *Bot) process(ctx context.Context, it unblock.InboxItem) {
	b.prepare(ctx, it)
	var herr error
	err := b.store.Atomic(ctx, func(ctx context.Context) error {
		herr = b.handle(ctx, it)
		if herr != nil {
			return herr
		}
		return b.store.InboxDone(ctx, it.ID, b.cfg.Now(), nil)
	})
	if err == nil {
		delete(b.retries, it.ID)
		// What it decided is committed now: effects to send, readings to read (a
		// wake from inside the transaction may have come too early).
		b.pokeSender()
		if b.readings != nil {
			b.cfg.Reader.Wake()
		}
		return
	}
	if unblock.ErrorCode(err) == unblock.EUNAVAILABLE {
		b.stop(err) // a read-only database or a full disk: nothing can be committed
		return
	}
	if herr == nil || b.transient(herr) {
		r := b.retries[it.ID]
		r.attempts++
		r.next = time.Now().Add(min(backoff(r.attempts)/4, RetryMax))
		b.retries[it.ID] = r
		b.log.Warn("envelope processing failed; retrying", "key", it.Key, "attempt", r.attempts, "err", err)
		b.wakeAt(r.next)
		return
	}
	b.log.Warn("envelope processing failed", "key", it.Key, "err", herr)
	b.cfg.Metrics.Failed("process")
	delete(b.retries, it.ID)
	if derr := b.store.InboxDone(ctx, it.ID, b.cfg.Now(), herr); derr != nil {
		b.log.Error("inbox done failed", "key", it.Key, "err", derr)
	}
}

// prepare makes, before the item's transaction, the Slack reads its handler would
// otherwise make inside it: users.info for the author and the people a message
// mentions whom the directory does not know yet (ensurePeople tries each once per
// run, so the handler's own call is then a no-op). A slow Slack thus never holds
// the database's write lock. A failure is logged, as the handler's would be.
func (b *Bot) prepare(ctx context.Context, it unblock.InboxItem) {
	if it.Kind != kindEvent {
		return
	}
	ev, err := slackevents.ParseEvent(it.Payload, slackevents.OptionNoVerifyToken())
	if err != nil {
		return
	}
	var user, text string
	switch m := ev.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		user, text = m.User, m.Text
		if m.Message != nil {
			user, text = m.Message.User, m.Message.Text
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
// another process, or a Slack read that failed with a 429, a 5xx, a timeout or a
// dropped connection. Anything else fails the same way when tried again.
func (b *Bot) transient(err error) bool {
	if b.store.Busy(err) {
		return true
	}
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	var se slack.SlackErrorResponse
	var ne net.Error
	switch {
	case errors.As(err, &rl):
		return true
	case errors.As(err, &sc):
		return sc.Code >= 500
	case errors.As(err, &se):
		return transientCodes[se.Err]
	}
	return errors.As(err, &ne) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, context.DeadlineExceeded)
}

// wakeAt pokes the worker at t, for a retry.
func (b *Bot) wakeAt(t time.Time) {
	time.AfterFunc(time.Until(t), b.poke)
}

// A handler that panics (a bug, on input nobody foresaw) fails its item like any
// handler error, with the stack in the log: one bad message must not crash the
// bot, nor crash it again at every start while the item stays pending.
func (b *Bot) handle(ctx context.Context, it unblock.InboxItem) (err error) {
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("envelope handler panicked; the envelope is skipped", "key", it.Key, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	switch it.Kind {
	case kindEvent:
		return b.handleEventPayload(ctx, it.Payload)
	case kindCommand:
		return b.handleCommandPayload(ctx, it.Payload)
	case kindInteraction:
		return b.handleInteractionPayload(ctx, it.Payload)
	}
	return fmt.Errorf("unknown inbox kind %q", it.Kind)
}

func (b *Bot) handleEventPayload(ctx context.Context, payload []byte) error {
	ev, err := slackevents.ParseEvent(payload, slackevents.OptionNoVerifyToken())
	if err != nil {
		return fmt.Errorf("parse event: %w", err)
	}
	return b.routes.event(ctx, ev)
}

func (b *Bot) handleCommandPayload(ctx context.Context, payload []byte) error {
	var cmd slack.SlashCommand
	if err := json.Unmarshal(payload, &cmd); err != nil {
		return fmt.Errorf("parse slash command: %w", err)
	}
	return b.routes.command(ctx, cmd)
}

func (b *Bot) handleInteractionPayload(ctx context.Context, payload []byte) error {
	var cb slack.InteractionCallback
	if err := json.Unmarshal(payload, &cb); err != nil {
		return fmt.Errorf("parse interaction: %w", err)
	}
	return b.routes.interaction(ctx, cb)
}

func errorOf(v any) error {
	if err, ok := v.(error); ok {
		return err
	}
	return nil
}

// WaitIdle blocks until every envelope the bot has acknowledged so far has been
// processed and every effect due has been sent (or is waiting for a retry), or
// ctx is done. Tests and the demo use it instead of sleeping.
func (b *Bot) WaitIdle(ctx context.Context) error {
	for {
		b.idle.Lock()
		drained, sent := b.idle.drained, b.idle.sent
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
			}
			continue
		}
		due, err := b.store.Due(ctx, b.clock().Now(), 1)
		if err != nil {
			return err
		}
		if len(due) == 0 {
			return nil
		}
		b.pokeSender()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-sent:
		}
	}
}
