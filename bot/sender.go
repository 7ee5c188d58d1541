package bot

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
)

// Retry pacing of the sender and of inbox items that failed transiently.
const (
	// RetryBase is the first backoff after a failure; each failure doubles it, up
	// to RetryMax, and a random jitter of up to half of it is added.
	RetryBase = time.Second
	RetryMax  = 5 * time.Minute
	// metadataEvent is the event_type of the metadata every posted message carries:
	// its payload's "key" is the effect's idempotency key (unblock.EffectPayload).
	metadataEvent = unblock.EffectEvent
	// lookBack is how many recent messages of a conversation are searched for an
	// effect whose outcome was lost.
	lookBack = 100
	// pollEvery is how often an idle sender looks at the outbox without a poke.
	pollEvery = time.Second
)

// backoff returns how long to wait after the attempts-th failure: exponential
// from RetryBase, capped at RetryMax, with jitter so many failures do not retry
// in step.
func backoff(attempts int) time.Duration {
	d := RetryBase
	for i := 1; i < attempts && d < RetryMax; i++ {
		d *= 2
	}
	d = min(d, RetryMax)
	return d + rand.N(d/2+1)
}

// shortRetryAfter is the longest Retry-After slack-go waits out in place.
const shortRetryAfter = 2 * time.Second

// shortRateLimit is slack-go's retry handler for a 429 whose Retry-After is at most
// shortRetryAfter.
type shortRateLimit struct{}

func (shortRateLimit) ShouldRetry(state *slack.RetryState, req *http.Request, resp *http.Response, err error) (bool, time.Duration) {
	if resp == nil || resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get(heldHeader) != "" ||
		state.Attempt >= state.MaxRetries || req.GetBody == nil && req.Body != nil {
		return false, 0
	}
	sec, perr := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After")))
	wait := time.Duration(sec) * time.Second
	if perr != nil || wait <= 0 {
		wait = time.Second
	}
	if wait > shortRetryAfter {
		return false, 0
	}
	return true, wait + rand.N(wait/4+1)
}

// failure is how the sender reads an error from Slack.
type failure struct {
	transient  bool          // worth another attempt
	uncertain  bool          // the call may have been made in Slack
	retryAfter time.Duration // at least this long before the next attempt (429)
	// refused: Slack refused the token, not the call. The bot stops (authWatch
	// says why) and the effect or envelope in hand is kept for a start with a
	// good token: it passes once the token is fixed.
	refused bool
}

// transientCodes are Slack error codes that pass.
var transientCodes = map[string]bool{
	"internal_error": true, "fatal_error": true, "service_unavailable": true,
	"request_timeout": true, "ratelimited": true, "team_added_to_org": true,
}

// classify reads err: a 429, a 5xx, a timeout, a reset or a dropped connection
// passes; an error Slack answered with (channel_not_found, not_in_channel,
// msg_too_long, invalid_blocks…) does not. An error it cannot place (an answer
// that is not JSON, a proxy's HTML page served with 200) passes, and the call
// may have been made.
func classify(err error) failure {
	if f, ok := slackFailure(err); ok {
		return f
	}
	return failure{transient: true, uncertain: true}
}

// slackFailure reads an error of a Web API call; ok is false when err is none of
// the failures it knows (a 429, an HTTP status, a Slack error code, a network
// failure). It is the one reading of Slack's failures: the sender's classify and
// the inbox worker's transient both ask it.
func slackFailure(err error) (f failure, ok bool) {
	if TokenRefused(err) {
		return failure{transient: true, refused: true}, true
	}
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	var se slack.SlackErrorResponse
	var ne net.Error
	switch {
	case errors.As(err, &rl):
		return failure{transient: true, retryAfter: rl.RetryAfter}, true
	case errors.As(err, &sc):
		// A 5xx may have been served after the message was posted. (A 429 comes
		// as a RateLimitedError: authWatch gives every 429 a Retry-After.)
		return failure{transient: sc.Code >= 500 || sc.Code == http.StatusRequestTimeout || sc.Code == http.StatusTooManyRequests,
			uncertain: sc.Code >= 500}, true
	case errors.As(err, &se):
		return failure{transient: transientCodes[se.Err]}, true
	case errors.Is(err, syscall.ECONNREFUSED):
		return failure{transient: true}, true // nothing was sent
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET),
		errors.As(err, &ne):
		return failure{transient: true, uncertain: true}, true
	}
	// slack-go reports Slack's own error codes as plain errors in places.
	if code := err.Error(); transientCodes[code] {
		return failure{transient: true}, true
	} else if isSlackCode(code) {
		return failure{}, true
	}
	return failure{}, false
}

// isSlackCode reports whether s looks like a Slack error code (snake_case).
func isSlackCode(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c == '_') {
			return false
		}
	}
	return true
}

// runSender delivers the outbox: what is due now, then whatever becomes due or is
// enqueued, until ctx is done. What is pending at start (a crash, a restart) is
// sent first. When the database under the outbox fails (a claim, a read, a
// record of an attempt: a lost connection, another process's lock), the sender
// backs off (RetryBase doubling to RetryMax, with jitter, on the bot's clock) and
// says so once a back-off: the effects stay as they were, due again after it.
func (b *Bot) runSender(ctx context.Context) {
	fails := 0 // rounds in a row the outbox failed
	for {
		err := b.sendRound(ctx)
		if ctx.Err() != nil {
			b.sentRound(time.Time{})
			return
		}
		if b.stopping() {
			// The bot stops (a refused token, a database that takes no
			// writes): nothing more is sent; what is pending stays for the
			// next start.
			b.sentRound(time.Time{})
			<-ctx.Done()
			return
		}
		var wait <-chan time.Time
		release := func() {}
		if err == nil {
			if at, ok, nerr := b.store.NextDue(ctx); nerr != nil {
				err = outboxFailed{step: "read", err: nerr}
			} else if ok {
				wait, release = b.clock().At(at)
			}
		}
		if err != nil {
			fails++
			d := backoff(fails)
			retry := b.clock().Now().Add(d)
			// The wait is set before the round is told done, so a test that
			// moves the clock once the sender is idle wakes it.
			wait, release = b.clock().At(retry)
			var of outboxFailed
			errors.As(err, &of)
			b.log.Warn("outbox "+of.step+" failed; the sender backs off", "key", of.key, "failures", fails,
				"retry_in", d.Round(time.Millisecond), "err", of.err)
			b.sentRound(retry)
			// Pokes are not heeded meanwhile: each would make the failing call again.
			select {
			case <-ctx.Done():
			case <-wait:
			case <-b.halted:
			}
			release()
			continue
		}
		fails = 0
		b.sentRound(time.Time{})
		// Effects are enqueued inside transactions that may commit after the poke
		// (a prompt, a digest): a slow poll catches what a poke arrived too early for.
		poll := time.NewTimer(pollEvery)
		select {
		case <-ctx.Done():
		case <-b.outWake:
		case <-wait:
		case <-poll.C:
		case <-b.halted:
		}
		release()
		poll.Stop()
	}
}

// sentRound tells WaitIdle that the sender has sent what was due, or, with
// retry set, that it backs off until then after the outbox failed (the effects
// due wait for that retry).
func (b *Bot) sentRound(retry time.Time) {
	b.idle.Lock()
	b.idle.retryAt = retry
	close(b.idle.sent)
	b.idle.sent = make(chan struct{})
	b.idle.Unlock()
}

// outboxFailed is a failure of the database under the sender: the outbox could
// not be read, or an effect claimed or its attempt recorded. The sender backs
// off (runSender); the effect (key, when one is in hand) is settled by a later
// delivery.
type outboxFailed struct {
	step string // what failed: "read", "claim", "record"
	key  string
	err  error
}

func (e outboxFailed) Error() string {
	if e.key == "" {
		return fmt.Sprintf("outbox %s failed: %v", e.step, e.err)
	}
	return fmt.Sprintf("outbox %s of %s failed: %v", e.step, e.key, e.err)
}
func (e outboxFailed) Unwrap() error { return e.err }

// sendRound sends due effects, batch by batch, until none is due, ctx is done,
// the bot stops or the outbox fails (returned as an outboxFailed).
func (b *Bot) sendRound(ctx context.Context) error {
	const batch = 32
	for {
		due, err := b.store.Due(ctx, b.clock().Now(), batch)
		if err != nil {
			return outboxFailed{step: "read", err: err}
		}
		for _, o := range due {
			if ctx.Err() != nil || b.stopping() {
				return nil
			}
			if err := b.deliver(ctx, o); err != nil {
				return err
			}
		}
		if len(due) < batch {
			return nil
		}
	}
}

// deliver makes one effect, at least once and never twice: the attempt is
// recorded before the call; an attempt whose outcome was lost is looked up in
// Slack before it is made again; success is recorded; a transient failure is
// retried with backoff until the effect's deadline, then dead-lettered; a
// permanent one is dead-lettered at once. Every dead letter is one log line
// naming the effect. An error is the outbox failing under it (outboxFailed):
// the sender backs off before it reads the outbox again.
func (b *Bot) deliver(ctx context.Context, o unblock.Outgoing) error {
	now := b.clock().Now()
	// Claimed first, so that of replicas sharing the outbox exactly one makes it
	// (and looks it up, and records it); the claim outlasts every call it may make.
	if claimed, err := b.store.ClaimEffect(ctx, o, now.Add(b.claimFor())); err != nil {
		return outboxFailed{step: "claim", key: o.Key, err: err}
	} else if !claimed {
		return nil // another replica has it
	}
	var c call
	if err := json.Unmarshal(o.Payload, &c); err != nil {
		return b.deadLetter(ctx, o, fmt.Sprintf("unreadable payload: %v", err))
	}
	// An attempt whose outcome this process knows but could not record (the
	// database was locked) is not taken for one whose outcome was lost.
	if k, ok := b.outcomes[o.ID]; ok {
		delete(b.outcomes, o.ID)
		switch {
		case !o.Uncertain || k.attempts != o.Attempts:
			// Recorded since, or another replica's attempt followed.
		case k.made:
			if err := b.recordSent(ctx, o, c, k.channel, k.ts, ""); err != nil {
				b.remember(o.ID, o.Attempts, k)
				return err
			}
			return nil
		default:
			o.Uncertain = false // it failed before Slack made it: made again below
		}
	}
	// An uncertain attempt is settled first: a summary it may have posted must be
	// found (and remembered) before a newer refresh supersedes it.
	if o.Uncertain {
		channel, ts, found, err := b.lookUp(ctx, o, c)
		switch {
		case err != nil:
			// The attempt stays uncertain whatever the look-up met (a 429 or
			// Slack's internal_error is certain of the look-up only).
			return b.failed(ctx, o, c, lookupFailed{err}, now)
		case found:
			b.log.Info("effect found in Slack after an uncertain attempt", "kind", o.Kind, "key", o.Key)
			return b.recordSent(ctx, o, c, channel, ts, "found")
		case once(c):
			// An ephemeral answer leaves nothing to look up: it is made at most once.
			return b.deadLetter(ctx, o, "an attempt's outcome was lost and an ephemeral answer cannot be looked up; not sent again: "+o.Error)
		}
		// Not found, or an update or a publish, which is safe to make again.
	}
	if sup, err := b.store.Superseded(ctx, o); err != nil {
		return outboxFailed{step: "read", key: o.Key, err: err}
	} else if sup {
		return b.recordSent(ctx, o, c, "", "", "superseded")
	}
	if !now.Before(o.Deadline) {
		return b.deadLetter(ctx, o, "deadline passed: "+o.Error)
	}
	if held, err := b.holdBack(ctx, o, c, now); err != nil || held {
		return err
	}
	if err := b.store.BeginAttempt(ctx, o.ID, now); err != nil {
		if unblock.ErrorCode(err) == unblock.EUNAVAILABLE {
			b.stop(err) // nothing sent can be recorded: sending would send it again at every start
			return nil
		}
		return outboxFailed{step: "record", key: o.Key, err: err}
	}
	channel, ts, err := b.make(ctx, o, c)
	if err != nil {
		return b.failed(ctx, o, c, err, now)
	}
	if err := b.recordSent(ctx, o, c, channel, ts, ""); err != nil {
		b.remember(o.ID, o.Attempts+1, outcome{made: true, channel: channel, ts: ts})
		return err
	}
	return nil
}

// holdBack keeps o, a refresh, from being made while an older refresh of the
// same thing (its Coalesce) may still change that thing in Slack: one in hand
// (an attempt under way on another replica: made after o, it would undo o) and,
// when o would post a message not posted yet (a summary's first post), one whose
// attempt's outcome was lost: that attempt may have posted it, and o would post
// it a second time. o waits until the older one is due (as due, it goes first:
// it was decided first), which settles it: its post found in Slack is taken for
// the summary's, and o updates it; not found, it is superseded by o. Behind one
// in hand, o looks again after RetryBase. It reports whether o was held back;
// an error is the outbox failing (outboxFailed).
func (b *Bot) holdBack(ctx context.Context, o unblock.Outgoing, c call, now time.Time) (bool, error) {
	if o.Coalesce == "" {
		return false, nil
	}
	posting := false
	if c.Method == callPost && c.PostKey != "" {
		_, ts, ok, err := b.store.Post(ctx, c.PostKey)
		if err != nil {
			return false, outboxFailed{step: "read", key: o.Key, err: err}
		}
		posting = !ok || ts == ""
	}
	older, ok, err := b.store.Unsettled(ctx, o, posting)
	if err != nil {
		return false, outboxFailed{step: "read", key: o.Key, err: err}
	} else if !ok {
		return false, nil
	}
	next := older.NextAt
	if older.Claimed && next.After(now.Add(RetryBase)) {
		next = now.Add(RetryBase) // its claim outlasts the attempt: look again soon
	}
	if next.Before(now) {
		next = now
	}
	if next.After(o.Deadline) {
		next = o.Deadline
	}
	why := "waiting for " + older.Key + ", decided before it, to settle"
	if err := b.store.EffectRetry(context.WithoutCancel(ctx), o.ID, next, o.Uncertain, why); err != nil {
		return true, outboxFailed{step: "record", key: o.Key, err: err}
	}
	b.log.Info("effect held back until an older one of the same thing settles", "kind", o.Kind, "key", o.Key,
		"older", older.Key, "next", next)
	return true, nil
}

// outcome is what the sender knows of an effect's last attempt (the
// attempts-th) when it could not record it.
type outcome struct {
	attempts    int
	made        bool   // Slack made it (else it failed before Slack made it)
	channel, ts string // where, when made
}

// remember keeps what the sender knows of the attempts-th attempt of effect
// id, which it could not record: the next delivery of the effect settles it
// from this instead of taking it for an attempt whose outcome was lost (an
// answer would then never be made).
func (b *Bot) remember(id int64, attempts int, k outcome) {
	if b.outcomes == nil {
		b.outcomes = map[int64]outcome{}
	}
	k.attempts = attempts
	b.outcomes[id] = k
}

// lookupFailed is the failure of the look-up of an attempt whose outcome was lost.
type lookupFailed struct{ err error }

func (l lookupFailed) Error() string { return "looking up an uncertain attempt: " + l.err.Error() }
func (l lookupFailed) Unwrap() error { return l.err }

// claimFor is how long a claim on an effect holds against other replicas while
// its process lives: longer than a look-up and a call together, each bounded by
// the HTTP timeout. A process that dies frees its claims at once (see
// store.ClaimEffect).
func (b *Bot) claimFor() time.Duration {
	return 2*cmp.Or(b.cfg.HTTPTimeout, DefaultHTTPTimeout) + 5*time.Second
}

// failed records a failed attempt: a retry after backoff, or a dead letter. An
// error is the outbox failing to record it (outboxFailed).
func (b *Bot) failed(ctx context.Context, o unblock.Outgoing, c call, err error, now time.Time) error {
	f := classify(err)
	var sc slack.StatusCodeError
	var lf lookupFailed
	switch {
	case errors.As(err, &lf):
		f.uncertain = true // the attempt looked up is as uncertain as before
	case !lookable(c) && errors.As(err, &sc):
		// An answer Slack failed with a 5xx is taken as not made: it cannot be looked up.
		f.uncertain = false
	}
	why := err.Error()
	if f.refused {
		return b.keepForRestart(ctx, o, f, why)
	}
	if !f.transient {
		return b.deadLetter(ctx, o, why)
	}
	next := now.Add(max(backoff(o.Attempts+1), f.retryAfter+rand.N(RetryBase)))
	if next.After(o.Deadline) {
		return b.deadLetter(ctx, o, fmt.Sprintf("deadline passed after %d attempts: %s", o.Attempts+1, why))
	}
	// The context of a send cut short by shutdown is gone: record with a fresh one.
	rctx := context.WithoutCancel(ctx)
	if err := b.store.EffectRetry(rctx, o.ID, next, f.uncertain, why); err != nil {
		if !f.uncertain {
			b.remember(o.ID, o.Attempts+1, outcome{})
		}
		return outboxFailed{step: "record", key: o.Key, err: err}
	}
	b.log.Warn("effect failed; retrying", "kind", o.Kind, "key", o.Key, "attempt", o.Attempts+1, "next", next, "err", why)
	b.cfg.Metrics.Effect(o.Kind, "retried")
	return nil
}

// keepForRestart keeps o pending, due at once, after Slack refused the bot
// token on its attempt: the token is at fault, not the effect, and the bot stops
// (authWatch reported the refusal; stop here too, should anything else have
// read it). A start with a good token sends it, within its deadline.
func (b *Bot) keepForRestart(ctx context.Context, o unblock.Outgoing, f failure, why string) error {
	b.stop(unblock.Errorf(unblock.EUNAUTHORIZED, "Slack refused %s: %s (%s effect); create or reinstall the app's tokens and restart",
		tokenName(""), why, o.Kind))
	if err := b.store.EffectRetry(context.WithoutCancel(ctx), o.ID, b.clock().Now(), f.uncertain, why); err != nil {
		if !f.uncertain {
			b.remember(o.ID, o.Attempts+1, outcome{})
		}
		return outboxFailed{step: "record", key: o.Key, err: err}
	}
	b.log.Warn("effect kept for the next start: Slack refused the bot token", "kind", o.Kind, "key", o.Key, "err", why)
	return nil
}

// deadLetter gives up o with one clear log line. An error is the outbox
// failing to record it (outboxFailed): it is given up again after a back-off.
func (b *Bot) deadLetter(ctx context.Context, o unblock.Outgoing, why string) error {
	if err := b.store.EffectDead(context.WithoutCancel(ctx), o.ID, why, b.clock().Now()); err != nil {
		return outboxFailed{step: "record", key: o.Key, err: err}
	}
	b.log.Error("effect dead-lettered: not sent", "kind", o.Kind, "key", o.Key, "attempts", o.Attempts, "err", why)
	b.cfg.Metrics.Effect(o.Kind, "dead")
	return nil
}

// recordSent records that o was made, and where, under its PostKey too (a
// digest under its own key, SendDigest's record of it: when it was delivered);
// an error is the outbox failing to record it (outboxFailed).
func (b *Bot) recordSent(ctx context.Context, o unblock.Outgoing, c call, channel, ts, note string) error {
	ctx = context.WithoutCancel(ctx)
	postKey := c.PostKey
	if o.Kind == effDigest {
		postKey = o.Key
	}
	err := b.store.Atomic(ctx, func(ctx context.Context) error {
		if postKey != "" && ts != "" && note != "superseded" {
			if err := b.store.SavePost(ctx, postKey, channel, ts, b.cfg.Now()); err != nil {
				return err
			}
		}
		return b.store.EffectSent(ctx, o.ID, channel, ts, note, b.clock().Now())
	})
	if err != nil {
		return outboxFailed{step: "record", key: o.Key, err: err}
	}
	if note == "superseded" {
		b.cfg.Metrics.Effect(o.Kind, "superseded")
		return nil
	}
	b.cfg.Metrics.Effect(o.Kind, "sent")
	if o.Kind == effPrompt {
		b.cfg.Metrics.Prompted()
	}
	if c.Method == callPost && c.ThreadTS == "" && c.ThreadOf == "" && channel != "" && ts != "" {
		// Our post may open a thread: a reply there answers a prompt or a
		// reminder, and is chat under anything else of ours (threadParent).
		b.rememberParent([2]string{channel, ts}, threadParent{noOne: true, prompt: o.Kind == effPrompt || o.Kind == effReminder})
	}
	return nil
}

// once reports whether an effect is made at most once after an attempt whose
// outcome was lost: an ephemeral answer can neither be looked up nor made again
// harmlessly. (Updates and publishes are idempotent; posts and uploads are looked up.)
func once(c call) bool { return c.Method == callEphemeral || c.Method == callRespond }

// lookable reports whether a made effect leaves a trace the sender can look up.
func lookable(c call) bool { return c.Method == callPost || c.Method == callUpload }

// make makes the call of effect o and returns where its message is.
func (b *Bot) make(ctx context.Context, o unblock.Outgoing, c call) (channel, ts string, err error) {
	switch c.Method {
	case callPost:
		return b.makePost(ctx, o, c)
	case callUpdate:
		channel, ts, _, err = b.api.UpdateMessageContext(ctx, c.Channel, c.TS, msgText(c.Text), blocksOpt(c.Blocks))
		return channel, ts, err
	case callEphemeral:
		if c.Channel == "" {
			return b.makePost(ctx, o, call{Method: callPost, User: c.User, Text: c.Text, Blocks: c.Blocks})
		}
		ts, err = b.api.PostEphemeralContext(ctx, c.Channel, c.User, msgText(c.Text), blocksOpt(c.Blocks))
		return c.Channel, ts, err
	case callRespond:
		return b.makeRespond(ctx, c)
	case callHome:
		_, err = b.api.PublishViewContext(ctx, slack.PublishViewContextRequest{
			UserID: c.User,
			View:   slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: rawBlocks(c.Blocks)},
		})
		return "", "", err
	case callUpload:
		return b.makeUpload(ctx, c)
	}
	return "", "", slack.SlackErrorResponse{Err: "unknown_effect_method_" + c.Method}
}

// target returns the channel of c: its Channel, or the DM with its User.
func (b *Bot) target(ctx context.Context, c call) (string, error) {
	if c.Channel != "" {
		return c.Channel, nil
	}
	return b.dmChannel(ctx, c.User)
}

// threadOf returns the ts c threads under: its ThreadTS, or the message the
// effect c.ThreadOf posted (none if that one was never made).
func (b *Bot) threadOf(ctx context.Context, c call) (string, error) {
	if c.ThreadOf == "" {
		return c.ThreadTS, nil
	}
	parent, err := b.store.Outgoing(ctx, c.ThreadOf)
	if unblock.ErrorCode(err) == unblock.ENOTFOUND {
		return c.ThreadTS, nil
	} else if err != nil {
		return "", err
	}
	if parent.State == unblock.OutgoingPending {
		// The parent goes first; wait for it (its deadline bounds this one's wait).
		return "", fmt.Errorf("waiting for %s: %w", c.ThreadOf, context.DeadlineExceeded)
	}
	return parent.TS, nil
}

func (b *Bot) makePost(ctx context.Context, o unblock.Outgoing, c call) (string, string, error) {
	channel, err := b.target(ctx, c)
	if err != nil {
		return "", "", err
	}
	opts := []slack.MsgOption{msgText(c.Text), blocksOpt(c.Blocks)}
	if c.PostKey != "" {
		if ch, ts, ok, err := b.store.Post(ctx, c.PostKey); err != nil {
			return "", "", err
		} else if ok && ts != "" {
			_, _, _, err := b.api.UpdateMessageContext(ctx, ch, ts, opts...)
			return ch, ts, err
		}
	}
	thread, err := b.threadOf(ctx, c)
	if err != nil {
		return "", "", err
	}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	opts = append(opts, slack.MsgOptionMetadata(slack.SlackMetadata{
		EventType: metadataEvent, EventPayload: unblock.EffectPayload(o.Key),
	}))
	channel, ts, err := b.api.PostMessageContext(ctx, channel, opts...)
	return channel, ts, err
}

func (b *Bot) makeRespond(ctx context.Context, c call) (string, string, error) {
	kind := slack.ResponseTypeEphemeral
	if c.InChannel {
		kind = slack.ResponseTypeInChannel
	}
	opts := []slack.MsgOption{msgText(c.Text), blocksOpt(c.Blocks)}
	if c.ResponseURL != "" {
		_, _, err := b.api.PostMessageContext(ctx, c.Channel, append(opts, slack.MsgOptionResponseURL(c.ResponseURL, kind))...)
		if err == nil || classify(err).transient && !errors.Is(err, syscall.ECONNREFUSED) {
			return c.Channel, "", err
		}
		// An expired or refused response_url: answer the user another way.
		b.log.Warn("response_url failed; answering with chat.postEphemeral", "err", err)
	}
	if c.InChannel {
		return b.api.PostMessageContext(ctx, c.Channel, opts...)
	}
	ts, err := b.api.PostEphemeralContext(ctx, c.Channel, c.User, opts...)
	return c.Channel, ts, err
}

func (b *Bot) makeUpload(ctx context.Context, c call) (string, string, error) {
	channel, err := b.target(ctx, c)
	if err != nil {
		return "", "", err
	}
	thread, err := b.threadOf(ctx, c)
	if err != nil {
		return "", "", err
	}
	_, err = b.api.UploadFileContext(ctx, slack.UploadFileParameters{
		Reader: bytes.NewReader(c.File), FileSize: len(c.File), Filename: c.Filename, Title: c.Title,
		Channel: channel, ThreadTimestamp: thread,
	})
	return channel, thread, err
}

// lookUp searches Slack for the trace of an effect whose last attempt's outcome
// was lost: a message carrying its key in its metadata, or, for an upload, a
// file in its thread.
func (b *Bot) lookUp(ctx context.Context, o unblock.Outgoing, c call) (channel, ts string, found bool, err error) {
	if !lookable(c) {
		return "", "", false, nil
	}
	if c.Method == callPost && c.PostKey != "" {
		if _, ts, ok, err := b.store.Post(ctx, c.PostKey); err != nil || ok && ts != "" {
			// Posted already: the attempt was an update, which is safe to make
			// again. (It was a post only if nothing was posted under the key when
			// it was made, and nothing is while its outcome is unknown: holdBack
			// keeps every newer refresh from posting meanwhile, and an older one
			// not yet made is superseded by it.)
			return "", "", false, err
		}
	}
	channel, err = b.target(ctx, c)
	if err != nil {
		return "", "", false, err
	}
	thread, err := b.threadOf(ctx, c)
	if err != nil {
		return "", "", false, err
	}
	var msgs []slack.Message
	if thread != "" {
		msgs, _, _, err = b.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
			ChannelID: channel, Timestamp: thread, Limit: lookBack, IncludeAllMetadata: true,
		})
	} else {
		var h *slack.GetConversationHistoryResponse
		h, err = b.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
			ChannelID: channel, Limit: lookBack, IncludeAllMetadata: true,
		})
		if h != nil {
			msgs = h.Messages
		}
	}
	if err != nil {
		return "", "", false, err
	}
	for _, m := range msgs {
		if c.Method == callUpload {
			if m.Timestamp != thread && b.sameUpload(m, o, c) {
				return channel, thread, true, nil
			}
			continue
		}
		if m.Metadata.EventType == metadataEvent && unblock.EffectKey(m.Metadata.EventPayload) == o.Key {
			return channel, m.Timestamp, true, nil
		}
	}
	for _, m := range msgs {
		if c.Method != callUpload && b.sameUnmarked(m, o, c) { // a file is found by its name (sameUpload), not by text
			b.log.Warn("effect found by its text: the server keeps no message metadata", "kind", o.Kind, "key", o.Key)
			return channel, m.Timestamp, true, nil
		}
	}
	return channel, "", false, nil
}

// lookSkew is how much earlier than the effect was decided a message found by
// its text may be dated (clocks differ).
const lookSkew = time.Minute

// sameUnmarked reports whether m, a message that carries no metadata at all, is
// effect o's post: the bot's own, with o's text, posted since o was decided. A
// server that keeps no message metadata (Slack keeps it; a stand-in may not)
// would otherwise have every post whose outcome was lost made twice.
func (b *Bot) sameUnmarked(m slack.Message, o unblock.Outgoing, c call) bool {
	if m.Metadata.EventType != "" || m.User != b.botUserID && (m.BotID == "" || m.BotID != b.botID) {
		return false
	}
	if m.Text != truncate(c.Text, MaxMessageText) {
		return false
	}
	sec, err := strconv.ParseFloat(m.Timestamp, 64)
	return err == nil && !time.Unix(0, int64(sec*1e9)).Before(o.CreatedAt.Add(-lookSkew))
}

// sameUpload reports whether m carries effect o's file: the bot's own message,
// posted since o was decided, with a file of o's name or title. Another file
// in the channel (last week's picture, a file someone shared) is not it: taken
// for it, this week's picture would never be posted.
func (b *Bot) sameUpload(m slack.Message, o unblock.Outgoing, c call) bool {
	if len(m.Files) == 0 || m.User != b.botUserID && (m.BotID == "" || m.BotID != b.botID) {
		return false
	}
	sec, err := strconv.ParseFloat(m.Timestamp, 64)
	if err != nil || time.Unix(0, int64(sec*1e9)).Before(o.CreatedAt.Add(-lookSkew)) {
		return false
	}
	for _, f := range m.Files {
		if c.Filename == "" && c.Title == "" || c.Filename != "" && f.Name == c.Filename || c.Title != "" && f.Title == c.Title {
			return true
		}
	}
	return false
}

// blocksOpt sets stored blocks on a message.
func blocksOpt(raw json.RawMessage) slack.MsgOption {
	return slack.MsgOptionBlocks(rawBlocks(raw).BlockSet...)
}

func rawBlocks(raw json.RawMessage) slack.Blocks {
	var blocks slack.Blocks
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &blocks) // written by enqueue from slack.Block values
	}
	return blocks
}

// clock returns the bot's clock: Config.Clock, or Config.Now with real timers.
func (b *Bot) clock() clock.Clock {
	if b.cfg.Clock != nil {
		return b.cfg.Clock
	}
	return nowClock(b.cfg.Now)
}

// nowClock is a clock.Clock over a Now function, waiting on real timers.
type nowClock func() time.Time

func (n nowClock) Now() time.Time { return n() }

func (n nowClock) At(t time.Time) (<-chan time.Time, func()) {
	timer := time.NewTimer(max(t.Sub(n()), 0))
	return timer.C, func() { timer.Stop() }
}
