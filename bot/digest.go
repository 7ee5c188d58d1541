package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/digest"
)

// DigestDelivery says when and where the weekly digest goes.
type DigestDelivery struct {
	Schedule cron.Schedule
	Location *time.Location
	Channel  string   // post in this channel, "" for none
	Leads    []string // and DM each of these people
	// MoreLeads, when set, returns more people to DM at each sending: the
	// digest recipients of the teams set up in the App Home, as they are then.
	MoreLeads func() []string
	Options   digest.Options
}

// RunDigests sends the digest on its schedule until ctx is done. Each run covers the
// seven days ending the day before it (the last full days).
func (b *Bot) RunDigests(ctx context.Context, clk clock.Clock, d DigestDelivery, src digest.Source) {
	if d.Schedule == nil || (d.Channel == "" && len(d.Leads) == 0 && d.MoreLeads == nil) {
		return
	}
	loc := d.Location
	if loc == nil {
		loc = time.UTC
	}
	// A digest due while the bot was down goes out on start, if it is less than a
	// day late; SendDigest's per-period keys keep it from going out twice.
	if last := lastRun(d.Schedule, clk.Now().In(loc)); !last.IsZero() && clk.Now().Sub(last) < 24*time.Hour {
		b.sendDigestUntil(ctx, clk, d, src, last.AddDate(0, 0, -1), d.Schedule.Next(clk.Now().In(loc)))
	}
	for {
		next := d.Schedule.Next(clk.Now().In(loc))
		if !sleepUntil(ctx, clk, next) {
			return
		}
		b.sendDigestUntil(ctx, clk, d, src, next.AddDate(0, 0, -1), d.Schedule.Next(next))
	}
}

// sendDigestUntil sends the digest for the week ending on asOf, retrying a
// failure (a locked database, a store that is down) with backoff until it is
// decided, ctx is done or the next run is due: a failure at the wrong moment
// must not lose the week's digest.
func (b *Bot) sendDigestUntil(ctx context.Context, clk clock.Clock, d DigestDelivery, src digest.Source, asOf, until time.Time) {
	if until.IsZero() { // a schedule that never runs again
		until = clk.Now().Add(24 * time.Hour)
	}
	for attempt := 1; ; attempt++ {
		err := b.SendDigest(ctx, d, src, asOf)
		if err == nil || ctx.Err() != nil {
			return
		}
		if unblock.ErrorCode(err) == unblock.EUNAVAILABLE {
			b.stop(err) // a read-only database or a full disk: no digest can be recorded, now or later
			return
		}
		retry := clk.Now().Add(backoff(attempt))
		if !retry.Before(until) {
			b.log.Error("weekly digest failed; the next run is due before another try", "as_of", asOf.Format("2006-01-02"), "attempt", attempt, "err", err)
			return
		}
		b.log.Warn("weekly digest failed; retrying", "as_of", asOf.Format("2006-01-02"), "attempt", attempt, "next", retry, "err", err)
		if !sleepUntil(ctx, clk, retry) {
			return
		}
	}
}

// sleepUntil waits on clk until t; it reports false when ctx is done first.
func sleepUntil(ctx context.Context, clk clock.Clock, t time.Time) bool {
	wait, release := clk.At(t)
	select {
	case <-ctx.Done():
		release()
		return false
	case <-wait:
		return true
	}
}

// SendDigest decides the digest for the week ending on asOf for the channel and
// each lead, with the role graph as a PNG, and enqueues them in the outbox. It is
// idempotent per period and destination: a restart or a second call posts
// nothing twice.
func (b *Bot) SendDigest(ctx context.Context, d DigestDelivery, src digest.Source, asOf time.Time) error {
	period := unblock.WeekEnding(asOf)
	dg, err := digest.Build(ctx, src, period, d.Options)
	if err != nil {
		return fmt.Errorf("build digest: %w", err)
	}
	raw, err := digest.Blocks(dg)
	if err != nil {
		return err
	}
	var blocks slack.Blocks
	if err := json.Unmarshal(raw, &blocks); err != nil {
		return fmt.Errorf("digest blocks: %w", err)
	}
	var png []byte
	if dg.Stats.Open > 0 {
		if png, err = digest.RolePNG(ctx, dg); err != nil {
			b.log.Warn("role graph picture failed; sending the digest without it", "err", err)
		}
	}
	text := digestFallback(dg)
	var dests []string
	if d.Channel != "" {
		dests = append(dests, d.Channel)
	}
	dests = append(dests, d.Leads...)
	if d.MoreLeads != nil {
		for _, l := range d.MoreLeads() {
			if !slices.Contains(dests, l) {
				dests = append(dests, l)
			}
		}
	}
	last := period.LastDay().Format("2006-01-02")
	// One transaction decides every destination's digest and picture: each is
	// remembered under its period's key with the effects that deliver it, so a
	// crash before the commit decides again and one after it sends what is pending.
	// The record says where the digest went once it is sent (recordSent: the
	// digest's effect has the same key), and when: the last digest delivered
	// (store.LastDelivered) counts no digest decided and never sent.
	defer b.pokeSender()
	return b.store.Atomic(ctx, func(ctx context.Context) error {
		for _, dest := range dests {
			if dest == "" {
				continue
			}
			key := fmt.Sprintf("%s%s:%s", DigestKeyPrefix, last, dest)
			if _, _, ok, err := b.store.Post(ctx, key); err != nil {
				return err
			} else if ok {
				continue
			}
			if err := b.store.SavePost(ctx, key, "", "", b.cfg.Now()); err != nil {
				return err
			}
			c := call{Method: callPost, Channel: dest, Text: text}
			if dest[0] == 'U' || dest[0] == 'W' {
				c.Channel, c.User = "", dest
			}
			if err := b.enqueue(ctx, effDigest, key, time.Time{}, c, blocks.BlockSet); err != nil {
				return err
			}
			if png == nil {
				continue
			}
			up := call{Method: callUpload, Channel: c.Channel, User: c.User, ThreadOf: key, File: png,
				Filename: "role-graph-" + last + ".png", Title: "Who waits on whom, by role"}
			if err := b.enqueue(ctx, effUpload, "upload:"+key, time.Time{}, up, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// digestFallback is the notification text of a digest: the first loop, if any.
func digestFallback(d *digest.Digest) string {
	from, to := d.Period.From.Format("2 Jan"), d.Period.LastDay().Format("2 Jan")
	if len(d.RoleLoops) > 0 {
		return fmt.Sprintf("Weekly blockers %s–%s: loop %s", from, to, roleLoopText(d.RoleLoops[0].Members))
	}
	return fmt.Sprintf("Weekly blockers %s–%s: %d open", from, to, d.Stats.Open)
}

// lastRun returns the latest time at or before now that schedule fires, looking
// back up to eight days (a weekly digest's schedule), or zero.
func lastRun(schedule cron.Schedule, now time.Time) time.Time {
	var last time.Time
	for t := schedule.Next(now.AddDate(0, 0, -8)); !t.IsZero() && !t.After(now); t = schedule.Next(t) {
		last = t
	}
	return last
}

// DigestKeyPrefix starts the post key of every digest sent ("digest:DAY:DEST").
const DigestKeyPrefix = "digest:"
