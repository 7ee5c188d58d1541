package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/standup"
)

// slash runs "/blocked text" as user and returns the answer's text and blocks.
func (l *live) slash(user, text string) string {
	l.t.Helper()
	before := len(l.emu.Responses())
	l.deliver(l.emu.SlashCommand(user, stand, BlockedCommand, text))
	if err := l.bot.WaitIdle(l.ctx); err != nil {
		l.t.Fatal(err)
	}
	rs := l.emu.Responses()
	if len(rs) != before+1 {
		l.t.Fatalf("/blocked %s: %d responses, want %d", text, len(rs), before+1)
	}
	return string(rs[len(rs)-1].Body)
}

// home opens user's App Home and returns its view's ID and blocks.
func (l *live) home(user string) (string, string) {
	l.t.Helper()
	l.deliver(l.emu.OpenHome(user))
	if err := l.bot.WaitIdle(l.ctx); err != nil {
		l.t.Fatal(err)
	}
	v, ok := l.emu.HomeView(user)
	if !ok {
		l.t.Fatalf("no App Home published for %s", user)
	}
	return v.ID, viewBlocks(l.t, v)
}

func wantIn(t *testing.T, what, got string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, got)
		}
	}
	for _, w := range not {
		if strings.Contains(got, w) {
			t.Errorf("%s contains %q:\n%s", what, w, got)
		}
	}
}

// Two days of the checkout standup on a fake clock: an answer on time, one after
// the reminder, a skip and two misses. Participation counts them for the team
// (names only for the lead), history shows each person's own reports with what
// was read from them (others' only to the lead, without their words), and the
// Home's date picker sets the away state the scheduler then honours.
func TestStandupE2E_ParticipationAndHistory(t *testing.T) {
	monday := time.Date(2026, 11, 16, 0, 0, 0, 0, berlin)
	clockAt := func(d, h, m int) time.Time {
		return monday.AddDate(0, 0, d).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	l := newLive(t, clockAt(0, 8, 0), slackemu.Options{}, 90*time.Second)
	l.configure = func(c *Config) { c.Leads = []string{priya} }
	l.prepare = func(b *Bot) { b.SetAdmin(Admin{Admins: []string{ana}, Teams: l.db}) }
	l.addTrio()
	l.start([]standup.Team{{
		Name: "checkout", Channel: stand, Members: []string{ana, dana, priya},
		Schedule: mustCron(t, "30 9 * * 1-5"), Location: berlin,
		Questions:     []string{"Anything blocking you?"},
		ReminderAfter: 2 * time.Hour, AnswerWindow: 4 * time.Hour,
	}})
	im := map[string]string{ana: l.emu.IMChannel(ana), dana: l.emu.IMChannel(dana), priya: l.emu.IMChannel(priya)}
	reply := func(user, text string) {
		t.Helper()
		prompts := l.botPosts(im[user], promptMarker)
		l.deliver(l.emu.PostThreadReply(user, im[user], prompts[len(prompts)-1].TS, text))
	}

	// Monday: ana on time, dana skips, priya after the reminder.
	l.at(clockAt(0, 9, 30))
	l.clk.Set(clockAt(0, 9, 40))
	reply(ana, "Blockers: blocked on design for the checkout mocks")
	l.clk.Set(clockAt(0, 9, 45))
	l.deliver(l.emu.ClickButton(dana, im[dana], l.botPosts(im[dana], promptMarker)[0].TS, actionSkip, ""))
	l.at(clockAt(0, 11, 30))
	l.clk.Set(clockAt(0, 11, 45))
	reply(priya, "no blockers")
	// Tuesday: only ana answers.
	l.at(clockAt(1, 9, 30))
	l.clk.Set(clockAt(1, 9, 40))
	reply(ana, "Got the checkout mocks from design, no blockers")
	l.at(clockAt(1, 13, 31))
	l.at(clockAt(2, 8, 0))

	_, home := l.home(ana)
	wantIn(t, "ana's Home", home,
		[]string{"Standup participation", "answered 3 of 5 prompts (2 on time, 1 late), 1 skipped", "Your recent answers",
			"opened: waiting on", "checkout mocks", "resolved: waiting on", "blocked on design for the checkout mocks"},
		[]string{"Missed:", "Late:"})
	_, home = l.home(priya)
	wantIn(t, "the lead's Home", home, []string{"answered 3 of 5 prompts", "Missed: ", "Late: ", "as a lead"}, nil)

	self := l.slash(ana, "history")
	wantIn(t, "ana's /blocked history", self,
		[]string{"Your last 14 days", "Standups: answered 2 of 2 prompts (2 on time, 0 late)", "opened: waiting on",
			"(checkout mocks)", "resolved: waiting on", "blocked on design for the checkout mocks", "direct message"}, nil)
	wantIn(t, "dana's /blocked history @ana", l.slash(dana, "history <@"+ana+"|ana>"),
		[]string{"the leads and the unblock admins can see their history"}, []string{"checkout mocks"})
	wantIn(t, "the lead's /blocked history @ana 7", l.slash(priya, "history <@"+ana+"|ana> 7"),
		[]string{"the last 7 days", "opened: waiting on", "resolved: waiting on", "is not shown"},
		[]string{"checkout mocks", "blocked on design"})
	wantIn(t, "an admin's /blocked history @priya", l.slash(ana, "history <@"+priya+"|priya>"),
		[]string{"the last 14 days", "no blocker changed", "Standups: answered 1 of 2 prompts (0 on time, 1 late)"},
		[]string{"no blockers"})
	wantIn(t, "dana's /blocked history", l.slash(dana, "history"), []string{"1 skipped", "No reports from"}, nil)
	wantIn(t, "the lead's /blocked history @ana share", l.slash(priya, "history <@"+ana+"|ana> share"),
		[]string{`"response_type":"ephemeral"`}, []string{"in_channel"})
	wantIn(t, "/blocked history 500", l.slash(ana, "history 500"), []string{"days from 1 to 90"}, nil)

	// The week's digest in the team channel says the same, in counts.
	if err := l.bot.SendDigest(l.ctx, DigestDelivery{Channel: stand}, l.db, clockAt(1, 12, 0)); err != nil {
		t.Fatal(err)
	}
	if dg := l.botPosts(stand, "answered 3 of 5 prompts (2 on time, 1 late), 1 skipped"); len(dg) != 1 {
		t.Fatalf("digests with the standups' line = %d, want 1", len(dg))
	}

	// Away until Friday from the Home's date picker: Thursday's prompt skips ana.
	id, _ := l.home(ana)
	l.deliver(l.emu.ClickViewButton(ana, id, actionAwayUntil, "2026-11-20"))
	_, home = l.home(ana)
	wantIn(t, "ana's Home after picking a date", home, []string{"You are away until Fri 20 Nov", "home_back"}, nil)
	l.at(clockAt(3, 9, 30))
	if s, err := l.db.Session(l.ctx, "checkout", ana, "2026-11-19"); err != nil || s.Skipped != standup.SkipAway {
		t.Fatalf("ana's Thursday session = %+v, %v; want skipped as away", s, err)
	}
	// A day in the past is refused, privately.
	l.deliver(l.emu.ClickViewButton(ana, id, actionAwayUntil, "2026-11-01"))
	if msgs := l.botPosts(im[ana], "in the past"); len(msgs) != 1 {
		t.Fatalf("messages saying the date is past = %d, want 1", len(msgs))
	}
}
