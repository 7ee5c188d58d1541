package bot

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/standup"
)

// The DM confirmation of a new blocker carries its buttons: Resolved works there.
func TestButtons_InDMConfirmation(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	im := h.emu.IMChannel(ana)
	h.deliver(h.emu.PostMessage(ana, im, "blocked on design for the checkout mocks"))
	bl := h.onlyBlocker(ana)
	replies := h.botMessages(im)
	if len(replies) != 1 {
		t.Fatalf("bot replies = %d, want 1", len(replies))
	}
	h.deliver(h.emu.ClickButton(ana, im, replies[0].TS, actionResolve, strconv.FormatInt(bl.ID, 10)))
	if open := h.open(ana); len(open) != 0 {
		t.Fatalf("after Resolved in the DM: open = %+v", open)
	}
	if got := h.botMessages(im)[0].Text; !strings.Contains(got, "Resolved") && !strings.Contains(got, "Noted") {
		t.Fatalf("the confirmation now reads %q", got)
	}
}

// The team summary lists each blocker with a menu; Nudge from it DMs the person
// waited on, and only that line of the summary changes.
func TestButtons_InSummary(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.deliver(h.emu.PostMessage(ana, stand, "blocked on <@"+dana+"> for the checkout mocks"))
	h.deliver(h.emu.PostMessage(priya, stand, "waiting on <@"+ana+"> for the estimate"))
	bl := h.onlyBlocker(ana)
	now := time.Now()
	sessions := []unblock.Session{
		{Team: "checkout", PersonID: ana, Day: "2026-11-16", AnsweredAt: now},
		{Team: "checkout", PersonID: priya, Day: "2026-11-16", AnsweredAt: now},
	}
	if _, err := h.bot.Summary(h.ctx, standup.Team{Name: "checkout", Channel: stand}, "2026-11-16", sessions, standup.Post{}); err != nil {
		t.Fatal(err)
	}
	if err := h.bot.WaitIdle(h.ctx); err != nil {
		t.Fatal(err)
	}
	// The sender remembers where it posted the summary, under the summary's key.
	var post standup.Post
	if ch, ts, ok, err := h.db.Post(h.ctx, standup.SummaryKey("checkout", "2026-11-16")); err != nil || !ok {
		t.Fatalf("summary post = %v, %v", ok, err)
	} else {
		post = standup.Post{Channel: ch, TS: ts}
	}
	h.deliver(h.emu.ClickButton(priya, stand, post.TS, actionMenu, actionNudge+":"+strconv.FormatInt(bl.ID, 10)))
	nudges := h.botMessages(h.emu.IMChannel(dana))
	if len(nudges) != 1 || !strings.Contains(nudges[0].Text, "checkout mocks") {
		t.Fatalf("nudges to dana = %+v, want one about the checkout mocks", nudges)
	}
	var summary slackemu.Message
	for _, m := range h.emu.Messages(stand) {
		if m.TS == post.TS {
			summary = m
		}
	}
	if !strings.Contains(string(summary.Blocks), "estimate") {
		t.Fatalf("the summary lost Priya's line: %s", summary.Blocks)
	}

	// Ana resolves hers from the same menu: her line changes, Priya's stays.
	h.deliver(h.emu.ClickButton(ana, stand, post.TS, actionMenu, actionResolve+":"+strconv.FormatInt(bl.ID, 10)))
	if open := h.open(ana); len(open) != 0 {
		t.Fatalf("after Resolved from the summary: open = %+v", open)
	}
	for _, m := range h.emu.Messages(stand) {
		if m.TS == post.TS {
			summary = m
		}
	}
	blocks := string(summary.Blocks)
	if !strings.Contains(blocks, "estimate") || !strings.Contains(blocks, "Resolved") || strings.Count(blocks, actionMenu) != 1 {
		t.Fatalf("after Resolved, the summary should keep Priya's line with its menu and show Ana's as resolved: %s", blocks)
	}
}
