package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/standup"
)

// The live bot asks the import's standup rule (parse.StandupReport): a post in a
// channel named for standups and a reply in the thread of another bot's call for
// standups are standup answers, so a blocker their author stops mentioning
// expires after blockers.expire_after (3) of them. Chatter elsewhere, and replies
// to another bot's report ("Daily build report"), do not count.
func TestE2E_StandupRuleAsImport(t *testing.T) {
	const (
		general = "C0GENERAL"
		eng     = "C0ENGSTAND"
		geekbot = "B0GEEK"
	)
	monday := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	l := newLive(t, monday, slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.emu.AddChannel(general, "general", ana, dana, priya, slackemu.BotUserID)
	l.emu.AddChannel(eng, "eng-stand-up", ana, dana, priya, slackemu.BotUserID)
	l.start(nil)
	day := func(n int) { l.clk.Set(monday.AddDate(0, 0, n)) }
	reply := func(user, prompt, text string) {
		l.t.Helper()
		d, err := l.emu.PostBotMessage(geekbot, general, prompt)
		l.deliver(d, err)
		l.deliver(l.emu.PostThreadReply(user, general, d.TS, text))
	}

	l.deliver(l.emu.PostMessage(ana, eng, "blocked on design for the checkout mocks"))
	reply(dana, "Daily standup :sunrise: reply in this thread", "blocked on legal for the DPA")
	reply(priya, "Daily build report: main is green", "blocked on QA for the test plan")
	for i := 1; i <= 3; i++ {
		day(i)
		l.deliver(l.emu.PostMessage(ana, eng, "lunch anyone?"))
		reply(dana, "Daily standup :sunrise: reply in this thread", "working on the onboarding flow")
		reply(priya, "Daily build report: main is green", "thanks!")
	}
	l.clk.Set(l.clk.Now().Add(time.Minute)) // past the last messages' ts
	if n := l.openCount(dana); n != 0 {
		t.Errorf("Dana answered three standup prompts in their threads: %d open blockers, want the legal one expired", n)
	}
	if n := l.openCount(priya); n != 1 {
		t.Errorf("Priya replied to a build report: %d open blockers, want the QA one still open", n)
	}
	if n := l.openCount(ana); n != 0 {
		t.Errorf("Ana posted in #eng-stand-up on three days: %d open blockers, want none", n)
	}
}

// A prompt posted while the bot was down, or before it last started, is looked
// up when a reply arrives in its thread (conversations.replies): the replies
// still count as standup answers. A reply to another bot's report does not.
func TestE2E_PromptThreadLookedUp(t *testing.T) {
	const general = "C0GENERAL"
	monday := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	l := newLive(t, monday, slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.emu.AddChannel(general, "general", ana, dana, priya, slackemu.BotUserID)
	l.start(nil)
	l.deliver(l.emu.PostMessage(dana, general, "blocked on legal for the DPA"))
	l.deliver(l.emu.PostMessage(priya, general, "blocked on QA for the test plan"))
	for i := 1; i <= 3; i++ {
		l.clk.Set(monday.AddDate(0, 0, i))
		prompt, err := l.emu.PostBotMessage("B0GEEK", general, "Daily standup :sunrise: reply in this thread")
		l.deliver(prompt, err)
		report, err := l.emu.PostBotMessage("B0CI", general, "Daily build report: main is green")
		l.deliver(report, err)
		l.restart() // the prompt is known only to Slack now
		l.deliver(l.emu.PostThreadReply(dana, general, prompt.TS, "working on the onboarding flow"))
		l.deliver(l.emu.PostThreadReply(priya, general, report.TS, "thanks!"))
	}
	l.clk.Set(l.clk.Now().Add(time.Minute)) // past the last messages' ts
	if n := l.openCount(dana); n != 0 {
		t.Errorf("Dana answered three prompts the bot had to look up: %d open blockers, want the legal one expired", n)
	}
	if n := l.openCount(priya); n != 1 {
		t.Errorf("Priya replied to build reports: %d open blockers, want the QA one still open", n)
	}
}

// Slackbot's reminder that names the standup is a call for standups, as in an
// import, and is nobody's report: replies in its thread are standup answers.
func TestE2E_SlackbotReminderPrompt(t *testing.T) {
	const general = "C0GENERAL"
	monday := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	l := newLive(t, monday, slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.emu.AddUser(slackemu.User{ID: "USLACKBOT", Name: "slackbot", RealName: "Slackbot"})
	l.emu.AddChannel(general, "general", ana, dana, "USLACKBOT", slackemu.BotUserID)
	l.emu.AddChannel(stand, "standup", ana, dana, "USLACKBOT", slackemu.BotUserID)
	l.start(nil)
	l.deliver(l.emu.PostMessage(dana, general, "blocked on legal for the DPA"))
	for i := 1; i <= 3; i++ {
		l.clk.Set(monday.AddDate(0, 0, i))
		d, err := l.emu.PostMessage("USLACKBOT", general, "Reminder: post your stand-up notes here.")
		l.deliver(d, err)
		l.deliver(l.emu.PostThreadReply(dana, general, d.TS, "working on the onboarding flow"))
	}
	l.clk.Set(l.clk.Now().Add(time.Minute)) // past the last messages' ts
	if n := l.openCount(dana); n != 0 {
		t.Errorf("Dana answered three Slackbot reminders in their threads: %d open blockers, want the legal one expired", n)
	}
	// In a channel named for standups, its reminder would have been a standup
	// report of Slackbot's own.
	l.deliver(l.emu.PostMessage("USLACKBOT", stand, "Reminder: post your stand-up notes here."))
	if hs, err := l.db.History(l.ctx, "USLACKBOT", monday, l.clk.Now().Add(time.Hour)); err != nil || len(hs) > 0 {
		t.Errorf("Slackbot's reminders were read as its reports: %+v (%v)", hs, err)
	}
}

// Chat in a channel that is no standup's is read only where it speaks of
// blockers in so many words (parse.ParseChat): a request opens no blocker and
// "it works now!" clears none, while "waiting on legal" opens one and the same
// request told to the bot (@unblock) is read as a report.
func TestE2E_ChatReadInSoManyWords(t *testing.T) {
	const general = "C0GENERAL"
	l := newLive(t, time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC), slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.emu.AddChannel(general, "general", ana, dana, priya, slackemu.BotUserID)
	l.start(nil)
	say := func(user, text string) {
		l.t.Helper()
		l.deliver(l.emu.PostMessage(user, general, text))
		l.clk.Set(l.clk.Now().Add(time.Minute)) // past the message's ts
	}

	say(ana, "<@"+dana+"> can you review my PR for the checkout flow?")
	if n := l.openCount(ana); n != 0 {
		t.Fatalf("a request in #general opened %d blockers, want none", n)
	}
	say(ana, "still waiting on legal for the DPA")
	if n := l.openCount(ana); n != 1 {
		t.Fatalf("a wait said in so many words in #general: %d open blockers, want 1", n)
	}
	say(ana, "it works now!")
	if n := l.openCount(ana); n != 1 {
		t.Fatalf("\"it works now!\" in #general: %d open blockers, want the legal one still open", n)
	}
	say(priya, "<@"+slackemu.BotUserID+"> can't ship until <@"+dana+"> reviews the pricing copy")
	if n := l.openCount(priya); n != 1 {
		t.Fatalf("a wait told to the bot in #general: %d open blockers, want 1", n)
	}
}

// A reply in the thread of another's post is chat, also in a channel named for
// standups: Ana's "need design to sign off on the mocks" under Dana's standup
// opens no wait, and three days of her chatty replies there are no misses that
// expire her open blocker. The same text as Ana's own post in the channel is
// her standup report and opens the wait; a reply under her own post, a reply
// shaped like a standup and one told to the bot are read as reports. The
// events name each thread's poster, so no thread is looked up.
func TestE2E_ReplyUnderAnothersPostIsChat(t *testing.T) {
	monday := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	l := newLive(t, monday, slackemu.Options{}, 60*time.Second)
	l.addTrio() // #standup is one by its name
	l.start(nil)
	day := func(n int) { l.clk.Set(monday.AddDate(0, 0, n)) }
	post := func(user, text string) string {
		l.t.Helper()
		d, err := l.emu.PostMessage(user, stand, text)
		l.deliver(d, err)
		l.clk.Set(l.clk.Now().Add(time.Minute)) // past the message's ts
		return d.TS
	}
	reply := func(user, thread, text string) string {
		l.t.Helper()
		d, err := l.emu.PostThreadReply(user, stand, thread, text)
		l.deliver(d, err)
		l.clk.Set(l.clk.Now().Add(time.Minute))
		return d.TS
	}

	post(ana, "blocked on legal for the DPA")
	dana0 := post(dana, "Y: onboarding research\nT: pricing page")
	chat := reply(ana, dana0, "I can pair on that after lunch")
	l.deliver(l.emu.EditMessage(stand, chat, "need design to sign off on the mocks")) // an edit is read as the reply was
	l.clk.Set(l.clk.Now().Add(time.Minute))
	if n := l.openCount(ana); n != 1 {
		t.Errorf("Ana's reply under Dana's standup: %d open blockers, want only the legal one", n)
	}
	for i := 1; i <= 3; i++ {
		day(i)
		ts := post(dana, "Y: pricing page\nT: onboarding flow")
		reply(ana, ts, "I can pair on that after lunch")
	}
	if n := l.openCount(ana); n != 1 {
		t.Errorf("Ana replied under Dana's standups on three days: %d open blockers, want the legal one still open", n)
	}
	if hs, err := l.db.History(l.ctx, ana, monday, l.clk.Now()); err != nil || len(hs) != 1 {
		t.Errorf("Ana's stored reports = %+v (%v), want only her blocker, not her replies", hs, err)
	}

	day(4)
	own := post(ana, "need design to sign off on the mocks")
	if n := l.openCount(ana); n != 2 {
		t.Fatalf("the same text as Ana's own post in #standup: %d open blockers, want the design one opened too", n)
	}
	day(5)
	reply(ana, own, "need QA to sign off on the test plan too")
	day(6)
	reply(dana, own, "Yesterday: pricing page\nToday: onboarding flow\nBlockers: waiting on legal for the DPA")
	reply(priya, own, "<@"+slackemu.BotUserID+"> need design to sign off on the pricing copy")
	if n := l.openCount(ana); n != 3 {
		t.Errorf("Ana's reply under her own post: %d open blockers, want the QA one opened too", n)
	}
	if n := l.openCount(dana); n != 1 {
		t.Errorf("Dana's standup-shaped reply under Ana's post: %d open blockers, want the legal one", n)
	}
	if n := l.openCount(priya); n != 1 {
		t.Errorf("Priya's reply told to the bot under Ana's post: %d open blockers, want the design one", n)
	}
	// Each reply's event names its thread's poster, a person the bot knows:
	// no thread was looked up.
	if n := len(l.emu.Calls("conversations.replies")); n != 0 {
		t.Errorf("conversations.replies called %d times, want none", n)
	}
}

// A mention of the bot written <@U…|name>, as some clients write it, tells the
// message to the bot as <@U…> does: Priya's reply under Ana's post and her
// request in #general are read as reports, with the mention taken out of the
// text the ledger keeps.
func TestE2E_MentionWithNameIsToldToTheBot(t *testing.T) {
	const general = "C0GENERAL"
	l := newLive(t, time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC), slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.emu.AddChannel(general, "general", ana, dana, priya, slackemu.BotUserID)
	l.start(nil)
	from := l.clk.Now()
	d, err := l.emu.PostMessage(ana, stand, "Y: cart API\nT: checkout page")
	l.deliver(d, err)
	l.deliver(l.emu.PostThreadReply(priya, stand, d.TS, "<@"+slackemu.BotUserID+"|unblock> need design to sign off on the pricing copy"))
	l.deliver(l.emu.PostMessage(dana, general, "<@"+slackemu.BotUserID+"|unblock> need legal to approve the DPA"))
	l.clk.Set(l.clk.Now().Add(time.Minute)) // past the messages' ts
	for _, tt := range []struct {
		person, text string
		role         unblock.Role
	}{
		{priya, "need design to sign off on the pricing copy", unblock.RoleDesign},
		{dana, "need legal to approve the DPA", unblock.RoleLegal},
	} {
		bls, err := l.db.BlockersOf(l.ctx, tt.person, l.clk.Now())
		if err != nil {
			t.Fatal(err)
		}
		if len(bls) != 1 || bls[0].ToRole != tt.role {
			t.Errorf("%s told the bot %q: open = %+v, want one blocker on %s", tt.person, tt.text, bls, tt.role)
		}
		hs, err := l.db.History(l.ctx, tt.person, from, l.clk.Now())
		if err != nil || len(hs) != 1 || hs[0].Report.Text != tt.text {
			t.Errorf("%s's stored reports = %+v (%v), want one with text %q", tt.person, hs, err, tt.text)
		}
	}
}

// A standup bot's post is the standup of the person it speaks for: a reply in
// its thread by someone else is chat, and no miss toward expiring the
// replier's blocker, also when the bot has to look the post up after a
// restart; the reply of the person it speaks for is theirs, read as a report.
func TestE2E_ReplyUnderStandupBotPost(t *testing.T) {
	monday := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	l := newLive(t, monday, slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.start(nil)
	next := func() { l.clk.Set(l.clk.Now().Add(time.Minute)) } // past the last message's ts
	geekbot := func() string {
		l.t.Helper()
		d, err := l.emu.PostBotMessage("B0GEEK", stand, "<@"+ana+"> posted an update for Daily Standup\nYesterday: cart API\nToday: checkout page")
		l.deliver(d, err)
		next()
		return d.TS
	}

	l.deliver(l.emu.PostMessage(dana, stand, "blocked on legal for the DPA"))
	next()
	for i := 1; i <= 3; i++ {
		l.clk.Set(monday.AddDate(0, 0, i))
		ts := geekbot()
		if i == 3 {
			l.restart() // the post is known only to Slack now
		}
		text := "I can pair on that after lunch"
		if i == 1 {
			text = "need design to sign off on the mocks"
		}
		l.deliver(l.emu.PostThreadReply(dana, stand, ts, text))
		next()
	}
	if open, err := l.db.BlockersOf(l.ctx, dana, l.clk.Now()); err != nil || len(open) != 1 || open[0].To != "role:legal" {
		t.Errorf("Dana replied under Ana's standup bot posts on three days: open blockers %+v (%v), want the legal one only", open, err)
	}
	l.clk.Set(monday.AddDate(0, 0, 4))
	ts := geekbot()
	l.restart()
	l.deliver(l.emu.PostThreadReply(ana, stand, ts, "need design to sign off on the mocks"))
	next()
	if n := l.openCount(ana); n != 1 {
		t.Errorf("Ana's reply under her own standup bot post: %d open blockers, want the design one", n)
	}
	// Only after the restarts was a post looked up, once each.
	if n := l.okCalls("conversations.replies", stand); n != 2 {
		t.Errorf("conversations.replies called %d times, want 2", n)
	}
}

// A reply also sent to the channel (thread_broadcast) is shown there as its
// author's own post, and read as one: Ana's "Also send to #standup" replies
// under Dana's standups are her standup reports, so three of them without her
// wait expire it, while a plain reply beside them is chat. An edit keeps it a
// broadcast. In #general the same reply is chat, as a post there would be.
func TestE2E_BroadcastReplyIsAPost(t *testing.T) {
	const general = "C0GENERAL"
	monday := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	l := newLive(t, monday, slackemu.Options{}, 60*time.Second)
	l.addTrio() // #standup is one by its name
	l.emu.AddChannel(general, "general", ana, dana, priya, slackemu.BotUserID)
	l.start(nil)
	next := func() { l.clk.Set(l.clk.Now().Add(time.Minute)) } // past the last message's ts
	post := func(user, channel, text string) string {
		l.t.Helper()
		d, err := l.emu.PostMessage(user, channel, text)
		l.deliver(d, err)
		next()
		return d.TS
	}
	broadcast := func(user, channel, thread, text string) string {
		l.t.Helper()
		d, err := l.emu.PostBroadcastReply(user, channel, thread, text)
		l.deliver(d, err)
		next()
		return d.TS
	}

	post(ana, stand, "blocked on legal for the DPA")
	post(priya, stand, "blocked on QA for the test plan")
	for i := 1; i <= 3; i++ {
		l.clk.Set(monday.AddDate(0, 0, i))
		ts := post(dana, stand, "Y: pricing page\nT: onboarding flow")
		b := broadcast(ana, stand, ts, "I can pair on that after lunch")
		if i == 1 {
			l.deliver(l.emu.EditMessage(stand, b, "working on the onboarding flow with Dana"))
			next()
		}
		d, err := l.emu.PostThreadReply(priya, stand, ts, "I can pair on that after lunch")
		l.deliver(d, err)
		next()
	}
	if n := l.openCount(ana); n != 0 {
		t.Errorf("Ana's replies also sent to #standup on three days: %d open blockers, want the legal one expired", n)
	}
	if n := l.openCount(priya); n != 1 {
		t.Errorf("Priya's plain replies under Dana's standups: %d open blockers, want the QA one still open", n)
	}
	// In #general a reply also sent to the channel is read as a post there:
	// chat, which a request in so many words does not make a blocker.
	g := post(dana, general, "anyone free to review the pricing copy?")
	broadcast(priya, general, g, "need design to sign off on the mocks first")
	if n := l.openCount(priya); n != 1 {
		t.Errorf("Priya's reply also sent to #general: %d open blockers, want only the QA one", n)
	}
}

// A reply under a bot's post that speaks for no one is chat, also in the
// team's channel: Priya's "thanks!" under a CI bot's build report and under
// unblock's own summary answers no standup, so she is reminded. A reply under
// unblock's public reminder answers it, as one under its prompt would: the bot
// knows its posts by the effects that made them as it sends them, and after a
// restart by the effect its post's metadata names (conversations.replies).
func TestE2E_ReplyUnderBotPostThatSpeaksForNoOne(t *testing.T) {
	monday := time.Date(2026, 11, 16, 0, 0, 0, 0, berlin)
	clockAt := func(h, m int) time.Time { return monday.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	l := newLive(t, clockAt(8, 0), slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.start([]standup.Team{{
		Name: "checkout", Channel: stand, Members: []string{ana, dana, priya},
		Schedule: mustCron(t, "30 9 * * 1-5"), Location: berlin, Questions: []string{"Anything blocking you?"},
		ReminderAfter: 2 * time.Hour, AnswerWindow: 4 * time.Hour, Summary: true, PublicReminders: true,
	}})
	answered := func(who string) bool {
		t.Helper()
		s, err := l.db.Session(l.ctx, "checkout", who, "2026-11-16")
		if err != nil {
			t.Fatal(err)
		}
		return !s.AnsweredAt.IsZero()
	}
	reply := func(who, thread, text string) {
		t.Helper()
		l.clk.Set(l.clk.Now().Add(time.Minute))
		l.deliver(l.emu.PostThreadReply(who, stand, thread, text))
	}

	l.at(clockAt(9, 30))
	im := l.emu.IMChannel(ana)
	l.clk.Set(clockAt(9, 40))
	l.deliver(l.emu.PostThreadReply(ana, im, l.botPosts(im, promptMarker)[0].TS, "working on the cart API, no blockers"))
	sums := l.botPosts(stand, summaryMarker)
	if len(sums) != 1 {
		t.Fatalf("summaries in #standup = %d, want 1", len(sums))
	}
	ci, err := l.emu.PostBotMessage("B0CI", stand, "Nightly build #12 passed on main")
	l.deliver(ci, err)
	reply(priya, ci.TS, "thanks!")
	reply(priya, sums[0].TS, "thanks!")
	l.restart() // the summary is known only to Slack now
	reply(priya, sums[0].TS, "nice, thanks!")
	if answered(priya) {
		t.Errorf("Priya's replies under a build report and under the summary answered her standup; want chat")
	}

	l.at(clockAt(11, 30))
	reminder := func(who string) string {
		t.Helper()
		for _, m := range l.botPosts(stand, "standup is open until") {
			if strings.Contains(m.Text, "<@"+who+">") {
				return m.TS
			}
		}
		t.Fatalf("no public reminder for %s in #standup", who)
		return ""
	}
	reply(dana, reminder(dana), "working on the onboarding flow")
	if !answered(dana) {
		t.Errorf("Dana's reply under her public reminder answered no standup; want it counted")
	}
	l.restart() // the reminder is known only to Slack now
	reply(priya, reminder(priya), "working on the pricing page")
	if !answered(priya) {
		t.Errorf("Priya's reply under her public reminder, after a restart, answered no standup; want it counted")
	}
	// Only the bot's own posts it had not seen sent were looked up: the
	// summary and Priya's reminder, once each.
	if n := l.okCalls("conversations.replies", stand); n != 2 {
		t.Errorf("conversations.replies called %d times, want 2", n)
	}
}
