package bot

import (
	"fmt"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/standup"
)

// scaledRateLimits are slackemu's default limits (Slack's published ones) with
// every refill interval divided by 60 and a Retry-After of one second: the same
// bursts and the same ratios between methods, a minute of Slack compressed into
// a second. At the real tier 3 rate (conversations.open, 50 per minute after a
// burst of 50) 1,000 prompts would take about 19 minutes of real time; scaled,
// about 19 seconds, and the bot still runs into the limit and has to honour
// Retry-After.
func scaledRateLimits() map[string]slackemu.RateLimit {
	limits := slackemu.DefaultRateLimits()
	for method, l := range limits {
		l.Interval /= 60
		l.RetryAfter = time.Second
		limits[method] = l
	}
	return limits
}

// Posting to 1,000 members stays within Slack's rate limits with nothing lost:
// one team of 1,000 is prompted at the same schedule time through slackemu's
// (time-scaled) default limits; the bot gets 429s, waits them out and every
// member gets exactly one prompt, stored in their session.
func TestScale_Prompt1000(t *testing.T) {
	if testing.Short() {
		t.Skip("prompts 1,000 members through rate limits: about 20 s")
	}
	const n = 1000
	monday := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	l := newLive(t, monday, slackemu.Options{RateLimits: scaledRateLimits()}, 120*time.Second)
	members := make([]string, n)
	for i := range members {
		members[i] = fmt.Sprintf("U%08d", i)
		l.emu.AddUser(slackemu.User{ID: members[i], Name: fmt.Sprintf("member%d", i), RealName: fmt.Sprintf("Member %d", i), Title: "Engineer"})
	}
	l.emu.AddChannel("C0COMPANY", "company-standup", append([]string{slackemu.BotUserID}, members...)...)
	l.start([]standup.Team{{
		Name: "company", Channel: "C0COMPANY", Members: members,
		Schedule: mustCron(t, "30 9 * * 1-5"), Location: time.UTC,
		Questions:     []string{"What did you do yesterday?", "What will you do today?", "Anything blocking you?"},
		ReminderAfter: 2 * time.Hour, Summary: true,
	}})
	if n := l.okCalls("chat.postMessage", ""); n != 0 {
		t.Fatalf("before 09:30: %d messages posted, want none", n)
	}

	began := time.Now()
	l.at(monday.Add(30 * time.Minute))
	t.Logf("1,000 prompts took %v of real time", time.Since(began).Round(time.Millisecond))

	limited := map[string]int{}
	for _, c := range l.emu.Calls("") {
		if c.Status == 429 {
			limited[c.Method]++
		}
	}
	if len(limited) == 0 {
		t.Fatalf("the emulator never rate limited the bot: the retry path did not run")
	}
	t.Logf("429s by method: %v", limited)
	for _, id := range members {
		if got := len(l.botPosts(l.emu.IMChannel(id), promptMarker)); got != 1 {
			t.Fatalf("%s got %d prompts, want exactly 1", id, got)
		}
		s, err := l.db.Session(l.ctx, "company", id, "2026-11-16")
		// The outbox knows where the prompt went; the session that it was decided.
		if err != nil || s.PromptAt.IsZero() || s.Skipped != "" {
			t.Fatalf("%s: session %+v, %v; want prompted", id, s, err)
		}
	}
	if got := l.okCalls("chat.postMessage", ""); got != n {
		t.Fatalf("accepted chat.postMessage calls = %d, want %d (one prompt each, nothing else)", got, n)
	}
	// Everyone was prompted in the one wake: nothing is left for a retry.
	if next := l.sched.Next(); !next.Equal(monday.Add(30*time.Minute + 2*time.Hour)) {
		t.Fatalf("the scheduler next wakes at %v, want the reminders at 11:30 (no prompt left to retry)", next)
	}
}
