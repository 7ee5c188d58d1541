package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
)

// Outbox holds the effects the bot decided, between the transaction that decided
// them and their delivery; *store.DB satisfies it.
type Outbox interface {
	// Atomic runs fn in one transaction: every store call made with the ctx fn is
	// given commits with the effects it enqueues, or none does.
	Atomic(ctx context.Context, fn func(ctx context.Context) error) error
	// Savepoint runs fn inside Atomic's transaction and undoes only fn's writes if
	// it fails.
	Savepoint(ctx context.Context, fn func(ctx context.Context) error) error
	Enqueue(ctx context.Context, o unblock.Outgoing) (bool, error)
	Due(ctx context.Context, now time.Time, limit int) ([]unblock.Outgoing, error)
	NextDue(ctx context.Context) (time.Time, bool, error)
	Outgoing(ctx context.Context, key string) (unblock.Outgoing, error)
	// Superseded reports whether a newer effect of o's Coalesce is pending or sent.
	Superseded(ctx context.Context, o unblock.Outgoing) (bool, error)
	// Unsettled returns the oldest pending effect of o's Coalesce decided before
	// it that is in hand (claimed) or, with uncertain, whose attempt's outcome was lost.
	Unsettled(ctx context.Context, o unblock.Outgoing, uncertain bool) (unblock.Outgoing, bool, error)
	// ClaimEffect claims o (as Due returned it) for this process until `until`, or
	// reports false when another process (a replica) claimed or settled it first.
	ClaimEffect(ctx context.Context, o unblock.Outgoing, until time.Time) (bool, error)
	BeginAttempt(ctx context.Context, id int64, at time.Time) error
	EffectSent(ctx context.Context, id int64, channel, ts, note string, at time.Time) error
	EffectRetry(ctx context.Context, id int64, next time.Time, uncertain bool, why string) error
	EffectDead(ctx context.Context, id int64, why string, at time.Time) error
	OutboxPrune(ctx context.Context, before time.Time) (int64, error)
	// Busy reports whether err is the database locked by another process past its
	// busy timeout: the work that met it is tried again later.
	Busy(err error) bool
}

// Effect kinds: what an outgoing effect is, which sets how long it is retried.
const (
	effConfirm   = "confirm"              // the DM reply to a report
	effDM        = "dm"                   // a notice by DM (all clear, marked done, thanks)
	effPrompt    = unblock.EffectPrompt   // a standup prompt
	effReminder  = unblock.EffectReminder // a standup reminder
	effSummary   = "summary"              // a team summary, posted then updated in place
	effDigest    = "digest"               // the weekly digest to a channel or a lead
	effUpload    = "upload"               // the digest's role-graph picture
	effNudge     = "nudge"                // a nudge to the person waited on
	effAnswer    = "answer"               // a /blocked answer through its response_url
	effEphemeral = "ephemeral"            // a private answer to a button
	effUpdate    = "update"               // a pressed message's buttons turned into a line
	effHome      = "home"                 // the App Home
)

// Deadlines says, per effect kind, how long after it was decided an effect is
// still worth making; past it a failing effect is dead-lettered. An answer lives
// as long as its response_url (30 minutes); a reminder's own deadline is the
// close of its answer window (set when it is enqueued).
var Deadlines = map[string]time.Duration{
	effConfirm:   6 * time.Hour,
	effDM:        6 * time.Hour,
	effPrompt:    4 * time.Hour,
	effReminder:  4 * time.Hour,
	effSummary:   12 * time.Hour,
	effDigest:    24 * time.Hour,
	effUpload:    24 * time.Hour,
	effNudge:     6 * time.Hour,
	effAnswer:    30 * time.Minute,
	effEphemeral: 30 * time.Minute,
	effUpdate:    6 * time.Hour,
	effHome:      time.Hour,
}

// Call methods: how the sender makes an effect.
const (
	callPost      = "post"      // chat.postMessage (to Channel, or the DM with User); with PostKey: chat.update once posted
	callUpdate    = "update"    // chat.update of Channel/TS
	callEphemeral = "ephemeral" // chat.postEphemeral to User in Channel, or a DM without Channel
	callRespond   = "respond"   // the response_url; chat.postEphemeral if it is refused
	callHome      = "home"      // views.publish of User's App Home
	callUpload    = "upload"    // files upload into ThreadOf's thread
)

// call is an outgoing effect's Slack call, as stored in the outbox.
type call struct {
	Method   string `json:"method"`
	User     string `json:"user,omitempty"`
	Channel  string `json:"channel,omitempty"`
	TS       string `json:"ts,omitempty"`
	ThreadTS string `json:"thread_ts,omitempty"`
	// ThreadOf threads the message under the one the effect with this key posted.
	ThreadOf string `json:"thread_of,omitempty"`
	// PostKey remembers where the message went under this key (store.SavePost);
	// when something is already posted under it, the message is updated instead.
	PostKey     string          `json:"post_key,omitempty"`
	Text        string          `json:"text,omitempty"`
	Blocks      json.RawMessage `json:"blocks,omitempty"`
	ResponseURL string          `json:"response_url,omitempty"`
	InChannel   bool            `json:"in_channel,omitempty"`
	File        []byte          `json:"file,omitempty"`
	Filename    string          `json:"filename,omitempty"`
	Title       string          `json:"title,omitempty"`
}

// enqueue writes an effect to the outbox in ctx's transaction. key is its
// idempotency key; "" generates one, for effects that only the transaction
// deciding them can decide (an inbox item is processed in one transaction, so a
// reprocessed item decides again only what its first run never committed).
// deadline zero means the kind's (Deadlines).
func (b *Bot) enqueue(ctx context.Context, kind, key string, deadline time.Time, c call, blocks []slack.Block) error {
	now := b.cfg.Now()
	if deadline.IsZero() {
		deadline = now.Add(Deadlines[kind])
	}
	if key == "" {
		key = fmt.Sprintf("%s:%d.%d", kind, now.UnixNano(), b.effectSeq.Add(1))
	}
	if blocks != nil {
		raw, err := json.Marshal(blocks)
		if err != nil {
			return fmt.Errorf("effect %s: %w", key, err)
		}
		c.Blocks = raw
	}
	payload, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("effect %s: %w", key, err)
	}
	o := unblock.Outgoing{Key: key, Kind: kind, Payload: payload, CreatedAt: now, Deadline: deadline}
	switch {
	case c.Method == callHome:
		o.Coalesce = "home:" + c.User
	case c.PostKey != "":
		o.Coalesce = c.PostKey
	}
	if _, err := b.store.Enqueue(ctx, o); err != nil {
		return err
	}
	b.pokeSender()
	return nil
}

// dmEffect decides a DM to user (text with optional blocks).
func (b *Bot) dmEffect(ctx context.Context, kind, key, user, text string, blocks []slack.Block) error {
	if blocks == nil {
		blocks = []slack.Block{section(text)}
	}
	return b.enqueue(ctx, kind, key, time.Time{}, call{Method: callPost, User: user, Text: truncate(text, MaxMessageText)}, blocks)
}

// pokeSender wakes the sender without blocking.
func (b *Bot) pokeSender() {
	select {
	case b.outWake <- struct{}{}:
	default:
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
