package bot

import (
	"strings"
	"testing"

	"github.com/unblock-dev/unblock/slackemu"
)

// Standup reports count toward blockers.expire_after (3 by default) whether or
// not they say anything about blockers: a DM to the bot and a post shaped like a
// standup count; chatter in a channel that is no standup channel does not.
func TestE2E_StandupReportsExpireBlockers(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	im := h.emu.IMChannel(ana)
	h.deliver(h.emu.PostMessage(ana, im, "blocked on design for the checkout mocks"))
	h.deliver(h.emu.PostMessage(dana, stand, "B: blocked on product for the pricing decision"))
	for i := 0; i < 3; i++ {
		h.deliver(h.emu.PostMessage(dana, stand, "lunch anyone?"))
	}
	if open := h.open(dana); len(open) != 1 {
		t.Fatalf("after chatter: Dana's open blockers = %+v, want still one", open)
	}
	for i := 0; i < 3; i++ {
		h.deliver(h.emu.PostMessage(ana, im, "working on the checkout page"))
		h.deliver(h.emu.PostMessage(dana, stand, "Y: onboarding research\nT: pricing page"))
	}
	if open := h.open(ana); len(open) != 0 {
		t.Fatalf("after three DMs: Ana's open blockers = %+v, want it expired", open)
	}
	if open := h.open(dana); len(open) != 0 {
		t.Fatalf("after three standup posts: Dana's open blockers = %+v, want it expired", open)
	}
	// Ana's first blocker expires by misses when she names a new one in a DM: the
	// confirmation says it is no longer counted, not that it cleared.
	h.deliver(h.emu.PostMessage(ana, im, "blocked on legal for the DPA"))
	for i := 0; i < 2; i++ {
		h.deliver(h.emu.PostMessage(ana, im, "working on the DPA questions"))
	}
	h.deliver(h.emu.PostMessage(ana, im, "blocked on QA for the test plan"))
	var last string
	for _, m := range h.emu.Messages(im) {
		if m.User == slackemu.BotUserID {
			last = m.Text
		}
	}
	if !strings.Contains(last, "No longer counted: *legal* (DPA)") || strings.Contains(last, "Cleared") {
		t.Fatalf("confirmation %q, want the legal blocker no longer counted, not cleared", last)
	}
	// Expired is not resolved: no all-clear.
	for _, m := range h.emu.Messages(im) {
		if m.User == slackemu.BotUserID && strings.Contains(m.Text, "all clear") {
			t.Fatalf("an expiry sent the all-clear: %q", m.Text)
		}
	}
}
