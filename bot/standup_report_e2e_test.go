package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
)

// Standup reports count toward blockers.expire_after (3 by default) whether or
// not they say anything about blockers, one a day: a DM to the bot and a post
// shaped like a standup count; chatter in a channel that is no standup channel
// does not, and neither do more messages the same day.
func TestE2E_StandupReportsExpireBlockers(t *testing.T) {
	monday := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	l := newLive(t, monday, slackemu.Options{}, 60*time.Second)
	l.addTrio()
	const general = "C0GENERAL" // no standup channel: #standup is one by its name
	l.emu.AddChannel(general, "general", ana, dana, priya, slackemu.BotUserID)
	l.start(nil)
	im := l.emu.IMChannel(ana)
	day := func(n int) { l.clk.Set(monday.AddDate(0, 0, n)) }

	l.deliver(l.emu.PostMessage(ana, im, "blocked on design for the checkout mocks"))
	l.deliver(l.emu.PostMessage(dana, stand, "B: blocked on product for the pricing decision"))
	for i := 1; i <= 3; i++ {
		day(i)
		l.deliver(l.emu.PostMessage(dana, general, "lunch anyone?"))
	}
	if n := l.openCount(dana); n != 1 {
		t.Fatalf("after chatter: Dana has %d open blockers, want still one", n)
	}
	day(4)
	for i := 0; i < 3; i++ {
		l.clk.Set(l.clk.Now().Add(time.Minute))
		l.deliver(l.emu.PostMessage(ana, im, "working on the checkout page"))
	}
	if n := l.openCount(ana); n != 1 {
		t.Fatalf("after three DMs on one day: Ana has %d open blockers, want still one", n)
	}
	for i := 5; i <= 7; i++ {
		day(i)
		l.deliver(l.emu.PostMessage(ana, im, "working on the checkout page"))
		l.clk.Set(l.clk.Now().Add(time.Minute)) // one message a virtual moment
		l.deliver(l.emu.PostMessage(dana, stand, "Y: onboarding research\nT: pricing page"))
	}
	if n := l.openCount(ana); n != 0 {
		t.Fatalf("after DMs on three days: Ana has %d open blockers, want it expired", n)
	}
	if n := l.openCount(dana); n != 0 {
		t.Fatalf("after standup posts on three days: Dana has %d open blockers, want it expired", n)
	}

	// A blocker expires by misses as Ana names a new one in a DM: the
	// confirmation says it is no longer counted, not that it cleared.
	day(8)
	l.deliver(l.emu.PostMessage(ana, im, "blocked on legal for the DPA"))
	for i := 9; i <= 10; i++ {
		day(i)
		l.deliver(l.emu.PostMessage(ana, im, "working on the DPA questions"))
	}
	day(11)
	l.deliver(l.emu.PostMessage(ana, im, "blocked on QA for the test plan"))
	var last string
	for _, m := range l.botPosts(im, "") {
		last = m.Text
	}
	if !strings.Contains(last, "No longer counted: *legal* (DPA)") || strings.Contains(last, "Cleared") {
		t.Fatalf("confirmation %q, want the legal blocker no longer counted, not cleared", last)
	}
	// Expired is not resolved: no all-clear.
	if posts := l.botPosts(im, "all clear"); len(posts) > 0 {
		t.Fatalf("an expiry sent the all-clear: %q", posts[0].Text)
	}
}
