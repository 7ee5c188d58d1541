package bot

import (
	"context"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/llm"
)

// applyReport applies a report with the rules' statement st, read as a report
// (asReport) or as chat (parse.ParseAs). With the LLM
// reader on and allowed in the report's channel, a candidate is queued for its
// second opinion in the same transaction (and a reading queued for an earlier
// text of the message is dropped), so the ack never waits for the model and a
// crash loses nothing; the answer revises the report later, in the background.
func (b *Bot) applyReport(ctx context.Context, r unblock.Report, st unblock.Statement, asReport bool) (ch unblock.Change, err error) {
	defer func() {
		if err == nil && !ch.Unchanged {
			b.cfg.Metrics.Report(st) // once per report read, not again when it is unchanged
		}
	}()
	if b.readings == nil || !b.mayRead(r.Channel) {
		return b.store.ApplyReport(ctx, r, st)
	}
	// The worker is woken once the inbox item's transaction commits (process).
	return b.readings.ApplyReportQueued(ctx, r, st, llm.Candidate(r.Text, st, asReport), b.cfg.Now())
}

// deleteReport withdraws a deleted message, and any reading queued for it.
func (b *Bot) deleteReport(ctx context.Context, channel, ts string, at time.Time) (unblock.Change, error) {
	if b.readings == nil {
		return b.store.DeleteReport(ctx, channel, ts, at)
	}
	return b.readings.DeleteReportQueued(ctx, channel, ts, at)
}

// mayRead reports whether the LLM reader may read what was posted in channel.
func (b *Bot) mayRead(channel string) bool {
	return len(b.reads) == 0 || b.reads[channel]
}
