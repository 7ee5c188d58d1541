package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/standup"
)

// "Skip today" on the prompt: the session is stored skipped, the prompt keeps
// its questions and loses its buttons, and no reminder follows that day.
func TestStandupE2E_SkipToday(t *testing.T) {
	monday := time.Date(2026, 11, 16, 0, 0, 0, 0, berlin)
	clockAt := func(h, m int) time.Time { return monday.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	l := newLive(t, clockAt(8, 0), slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.start([]standup.Team{{
		Name: "checkout", Channel: stand, Members: []string{ana, priya},
		Schedule: mustCron(t, "30 9 * * 1-5"), Location: berlin,
		Questions:     []string{"What did you do yesterday?", "Anything blocking you?"},
		ReminderAfter: 2 * time.Hour, AnswerWindow: 4 * time.Hour, Summary: true,
	}})
	l.at(clockAt(9, 30))
	im := l.emu.IMChannel(ana)
	prompts := l.botPosts(im, actionSkip)
	if len(prompts) != 1 {
		t.Fatalf("prompts with a Skip today button = %d, want 1", len(prompts))
	}
	l.clk.Set(clockAt(9, 35))
	l.deliver(l.emu.ClickButton(ana, im, prompts[0].TS, actionSkip, ""))
	s, err := l.db.Session(l.ctx, "checkout", ana, "2026-11-16")
	if err != nil || s.Skipped != standup.SkipAsked {
		t.Fatalf("ana's session = %+v, %v; want skipped at her request", s, err)
	}
	updated := l.botPosts(im, "Skipped the")
	if len(updated) != 1 || !strings.Contains(string(updated[0].Blocks), "Anything blocking you?") ||
		strings.Contains(string(updated[0].Blocks), actionSkip) {
		t.Fatalf("prompt after the skip = %+v, want its questions kept and its buttons gone", updated)
	}
	if sums := l.botPosts(stand, "skipping today"); len(sums) != 1 {
		t.Fatalf("summaries saying ana skips = %d, want 1", len(sums))
	}

	l.at(clockAt(11, 30))
	if n := len(l.botPosts(im, reminderMarker)); n != 0 {
		t.Fatalf("reminders to ana after her skip = %d, want 0", n)
	}
	if n := len(l.botPosts(l.emu.IMChannel(priya), reminderMarker)); n != 1 {
		t.Fatalf("reminders to priya = %d, want 1", n)
	}

	// Pressing it again once the window has closed says so, privately.
	l.at(clockAt(13, 31))
	l.deliver(l.emu.ClickButton(priya, l.emu.IMChannel(priya), l.botPosts(l.emu.IMChannel(priya), actionSkip)[0].TS, actionSkip, ""))
	if eph := l.emu.Ephemerals(priya); len(eph) != 1 || !strings.Contains(eph[0].Text, "closed") {
		t.Fatalf("ephemerals to priya = %+v, want one saying the standup is closed", eph)
	}
}
