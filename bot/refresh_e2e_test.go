package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/standup"
)

// Refreshes of one thing (a team's summary, an App Home) through faults: the
// summary is posted once and then updated in place, and the newest refresh
// decided is what Slack shows last, whatever failed and was retried meanwhile.

// newRefreshDay starts the checkout standup of ana, dana and priya with its
// summary, the sender on the fake clock, and prompts them at 09:30.
func newRefreshDay(t *testing.T) *live {
	t.Helper()
	monday := time.Date(2026, 11, 16, 0, 0, 0, 0, berlin)
	at := func(h, m int) time.Time { return monday.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	l := newLive(t, at(8, 0), slackemu.Options{}, 90*time.Second)
	l.configure = func(c *Config) { c.Clock = l.clk }
	l.addTrio()
	l.start([]standup.Team{{
		Name: "checkout", Channel: stand, Members: []string{ana, dana, priya},
		Schedule: mustCron(t, "30 9 * * 1-5"), Location: berlin,
		Questions:     []string{"What did you do yesterday?", "What will you do today?", "Anything blocking you?"},
		ReminderAfter: 2 * time.Hour, AnswerWindow: 4 * time.Hour, Summary: true,
	}})
	// The sender and the directory wait on the clock too: wait for the prompts
	// themselves, not for the scheduler to wait again.
	l.clk.Set(at(9, 30))
	err := l.emu.WaitFor(l.ctx, func() bool {
		for _, m := range []string{ana, dana, priya} {
			if len(l.topLevel(l.emu.IMChannel(m))) == 0 {
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("the prompts: %v", err)
	}
	if err := l.bot.WaitIdle(l.ctx); err != nil {
		t.Fatal(err)
	}
	return l
}

// answer has member reply to their prompt in its DM thread.
func (l *live) answer(member, text string) {
	l.t.Helper()
	im := l.emu.IMChannel(member)
	prompts := l.botPosts(im, promptMarker)
	if len(prompts) != 1 {
		l.t.Fatalf("%s has %d prompts, want 1", member, len(prompts))
	}
	l.deliver(l.emu.PostThreadReply(member, im, prompts[0].TS, text))
}

// drain moves the clock on, past every retry, until the outbox has nothing
// pending; it fails on an effect given up.
func (l *live) drain() {
	l.t.Helper()
	for range 10 {
		if err := l.bot.WaitIdle(l.ctx); err != nil {
			l.t.Fatal(err)
		}
		pending, err := l.db.Outbox(l.ctx, unblock.OutgoingPending)
		if err != nil {
			l.t.Fatal(err)
		}
		if len(pending) == 0 {
			dead, err := l.db.Outbox(l.ctx, unblock.OutgoingDead)
			if err != nil {
				l.t.Fatal(err)
			}
			for _, o := range dead {
				l.t.Errorf("effect %s (%s) given up: %s", o.Key, o.Kind, o.Error)
			}
			return
		}
		l.clk.Advance(RetryMax + RetryMax/2 + time.Second)
	}
	l.t.Fatal("the outbox did not drain")
}

// topLevel returns the bot's messages in channel that are not thread replies
// and were not deleted.
func (l *live) topLevel(channel string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range l.emu.Messages(channel) {
		if m.User == slackemu.BotUserID && !m.Deleted && (m.ThreadTS == "" || m.ThreadTS == m.TS) {
			out = append(out, m)
		}
	}
	return out
}

// TestRefresh_SummaryPostedOnceAfterALostAnswer: the summary's first
// chat.postMessage is made by Slack but its answer is lost (HTTP 500 after
// serving it) while the other members answer. The newer refreshes do not post
// the summary again while the first post's outcome is unknown: the first post
// is found in Slack and updated with the newest state, and it is the only one.
func TestRefresh_SummaryPostedOnceAfterALostAnswer(t *testing.T) {
	l := newRefreshDay(t)
	// Every post is made but its answer lost; the clock stands still, so the
	// first summary's retry (and its look-up) waits while the others answer.
	l.emu.InjectFault("chat.postMessage", slackemu.Fault{Status: 500, Served: true})
	l.answer(ana, "Yesterday: cart API\nToday: checkout page\nBlockers: none")
	l.answer(dana, "Yesterday: research\nToday: mocks\nBlockers: none")
	l.answer(priya, "Yesterday: roadmap\nToday: pricing\nBlockers: none")
	l.emu.ClearFaults()
	l.drain()

	sums := l.topLevel(stand)
	if len(sums) != 1 {
		for _, m := range sums {
			t.Logf("summary post %s: %.80q", m.TS, m.Text)
		}
		t.Fatalf("the team summary was posted %d times, want once", len(sums))
	}
	if !strings.Contains(sums[0].Text, "3 answered") {
		t.Fatalf("the summary says %.80q, want the newest state: 3 answered", sums[0].Text)
	}
	if _, ts, ok, err := l.db.Post(l.ctx, standup.SummaryKey("checkout", "2026-11-16")); err != nil || !ok || ts != sums[0].TS {
		t.Fatalf("the summary's post is saved at %q (%v, %v), want %s, the one post", ts, ok, err, sums[0].TS)
	}
	// Every member's answer is confirmed once, through the same lost answers.
	for _, m := range []string{ana, dana, priya} {
		if n := len(l.emu.Messages(l.emu.IMChannel(m))); n != 3 {
			t.Errorf("%s's DM holds %d messages, want 3: the prompt, the answer, one confirmation", m, n)
		}
	}
}

// TestRefresh_NewestSummaryUpdateWins: one refresh's chat.update fails with a
// 503 and waits to be retried; a newer refresh goes through meanwhile. The
// older one, retried, is superseded: it does not overwrite the newer state.
func TestRefresh_NewestSummaryUpdateWins(t *testing.T) {
	l := newRefreshDay(t)
	l.answer(ana, "Yesterday: cart API\nToday: checkout page\nBlockers: none")
	if sums := l.topLevel(stand); len(sums) != 1 || !strings.Contains(sums[0].Text, "1 answered") {
		t.Fatalf("summary after ana's answer = %+v, want one saying 1 answered", sums)
	}
	l.emu.InjectFault("chat.update", slackemu.Fault{Status: 503, Times: 1})
	l.answer(dana, "Yesterday: research\nToday: mocks\nBlockers: none")
	l.answer(priya, "Yesterday: roadmap\nToday: pricing\nBlockers: none")
	if sums := l.topLevel(stand); len(sums) != 1 || !strings.Contains(sums[0].Text, "3 answered") {
		t.Fatalf("summary after priya's answer = %+v, want one saying 3 answered", sums)
	}
	l.drain()
	sums := l.topLevel(stand)
	if len(sums) != 1 || !strings.Contains(sums[0].Text, "3 answered") {
		for _, c := range l.emu.Calls("chat.update") {
			t.Logf("chat.update %d: %.60q", c.Status, c.Arg("text"))
		}
		t.Fatalf("summary after the retry = %.80q, want the newest: 3 answered", sums[0].Text)
	}
	superseded := 0
	effects, err := l.db.Outbox(l.ctx, unblock.OutgoingSent)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range effects {
		if o.Kind == effSummary && o.Error == "superseded" {
			superseded++
		}
	}
	if superseded != 1 {
		t.Fatalf("summary refreshes superseded = %d, want 1: dana's, retried after priya's was sent", superseded)
	}
}

// TestRefresh_NewestHomeWins: one views.publish of ana's App Home fails with a
// 503 and waits to be retried; ana reports a blocker (/blocked on) and opens the Home again,
// and that publish goes through. The older publish, retried, is superseded:
// the Home still shows her blocker.
func TestRefresh_NewestHomeWins(t *testing.T) {
	o := newOutboxHarness(t)
	o.emu.InjectFault("views.publish", slackemu.Fault{Status: 503, Times: 1})
	o.deliver(o.emu.OpenHome(ana))
	if _, ok := o.emu.HomeView(ana); ok {
		t.Fatal("a Home was published through the 503")
	}
	o.deliver(o.emu.SlashCommand(ana, stand, BlockedCommand, "on design zzhome mocks"))
	o.deliver(o.emu.OpenHome(ana))
	shows := func() bool {
		v, ok := o.emu.HomeView(ana)
		return ok && strings.Contains(string(v.JSON), "zzhome")
	}
	if !shows() {
		v, _ := o.emu.HomeView(ana)
		t.Fatalf("the Home opened after the report does not show ana's blocker: %s", v.JSON)
	}
	o.settle(3)
	if !shows() {
		for _, c := range o.emu.Calls("views.publish") {
			t.Logf("views.publish %d: shows the blocker %v", c.Status, strings.Contains(c.Arg("view"), "zzhome"))
		}
		t.Fatal("the Home no longer shows ana's blocker: an older publish, retried, replaced the newer one")
	}
	homes, err := o.db.Outbox(o.ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range homes {
		if h.Kind == effHome && h.State != unblock.OutgoingSent {
			t.Fatalf("home effect %s is %s (%s), want sent or superseded", h.Key, h.State, h.Error)
		}
	}
}
