package bot

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/standup"
	"github.com/unblock-dev/unblock/store"
)

// These end-to-end tests wire the bot and the standup scheduler as the app does
// (cmd/unblock/app.go): one fake clock for the bot, the scheduler and the
// emulator's timestamps, and a real SQLite file that survives restarts.

var berlin = mustZone("Europe/Berlin")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// live is a running bot with its standup scheduler on a fake clock.
type live struct {
	t     testing.TB
	ctx   context.Context
	emu   *slackemu.Server
	clk   *clock.Fake
	db    *store.DB
	teams []standup.Team

	// configure, if set, changes the bot's config before each start; prepare,
	// if set, is called with each new bot before it opens.
	configure func(*Config)
	prepare   func(*Bot)

	bot    *Bot
	sched  *standup.Scheduler
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// newLive starts the emulator at start (opts.Now is set to the fake clock) and
// opens the store; call addUsers then start.
func newLive(t testing.TB, start time.Time, opts slackemu.Options, timeout time.Duration) *live {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	clk := clock.NewFake(start)
	opts.Now = clk.Now
	emu := slackemu.New(opts)
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "unblock.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	l := &live{t: t, ctx: ctx, emu: emu, clk: clk, db: db}
	t.Cleanup(l.stop)
	return l
}

// start connects a new bot and, with teams, a new scheduler over the same store,
// as a process start does, and waits for the scheduler's first tick.
func (l *live) start(teams []standup.Team) {
	l.t.Helper()
	l.teams = teams
	cfg := Config{
		AppToken: l.emu.AppToken(), BotToken: l.emu.BotToken(), APIURL: l.emu.APIURL(),
		Now: l.clk.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if l.configure != nil {
		l.configure(&cfg)
	}
	b, err := New(cfg, l.db)
	if err != nil {
		l.t.Fatal(err)
	}
	l.bot = b
	if l.prepare != nil {
		l.prepare(b)
	}
	if len(teams) > 0 {
		l.sched = standup.New(teams, nil, time.UTC, l.clk, l.db, l.db, b, nil)
		b.SetStandups(l.sched, teams)
	}
	if err := b.Open(l.ctx); err != nil {
		l.t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(l.ctx)
	l.cancel = cancel
	if l.sched != nil {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			l.sched.Run(runCtx)
		}()
		l.settle()
	}
}

// stop stops the scheduler and the bot, as a process exit does.
func (l *live) stop() {
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	l.wg.Wait()
	if l.bot != nil {
		l.bot.Close()
		l.bot = nil
	}
	l.sched = nil
}

func (l *live) restart() {
	l.t.Helper()
	l.stop()
	l.start(l.teams)
}

// settle waits until the scheduler waits on the clock again and the bot has
// processed everything acknowledged.
func (l *live) settle() {
	l.t.Helper()
	if !l.clk.WaitForWaiters(1, l.ctx.Done()) {
		l.t.Fatalf("the scheduler did not settle: %v", l.ctx.Err())
	}
	if err := l.emu.WaitIdle(l.ctx); err != nil {
		l.t.Fatal(err)
	}
	if err := l.bot.WaitIdle(l.ctx); err != nil {
		l.t.Fatal(err)
	}
}

// at moves the clock to t and lets the scheduler act.
func (l *live) at(t time.Time) {
	l.t.Helper()
	l.clk.Set(t)
	l.settle()
}

func (l *live) deliver(d *slackemu.Delivery, err error) {
	l.t.Helper()
	if err != nil {
		l.t.Fatal(err)
	}
	if _, err := d.WaitAck(l.ctx); err != nil {
		l.t.Fatalf("ack: %v", err)
	}
	if err := l.bot.WaitIdle(l.ctx); err != nil {
		l.t.Fatalf("bot idle: %v", err)
	}
}

// botPosts returns the bot's messages in channel (thread replies included)
// whose text or blocks contain marker.
func (l *live) botPosts(channel, marker string) []slackemu.Message {
	l.t.Helper()
	// What the bot decided goes out through its outbox: let it send.
	if err := l.bot.WaitIdle(l.ctx); err != nil {
		l.t.Fatal(err)
	}
	var out []slackemu.Message
	for _, m := range l.emu.Messages(channel) {
		if m.User == slackemu.BotUserID && !m.Deleted && (strings.Contains(m.Text, marker) || strings.Contains(string(m.Blocks), marker)) {
			out = append(out, m)
		}
	}
	return out
}

// okCalls counts the accepted calls to method whose channel argument is channel
// ("" for any).
func (l *live) okCalls(method, channel string) int {
	n := 0
	for _, c := range l.emu.Calls(method) {
		if c.Status == 200 && c.Error == "" && (channel == "" || c.Arg("channel") == channel) {
			n++
		}
	}
	return n
}

func mustCron(t testing.TB, spec string) cron.Schedule {
	t.Helper()
	s, err := cron.ParseStandard(spec)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// addTrio adds ana, dana and priya and the standup channel to the emulator.
func (l *live) addTrio() {
	l.emu.AddUser(slackemu.User{ID: ana, Name: "ana", RealName: "Ana Ruiz", Title: "Senior Backend Engineer", TZ: "Europe/Madrid"})
	l.emu.AddUser(slackemu.User{ID: dana, Name: "dana", RealName: "Dana Levi", Title: "Product Designer", TZ: "Europe/Berlin"})
	l.emu.AddUser(slackemu.User{ID: priya, Name: "priya", RealName: "Priya Shah", Title: "Product Manager", TZ: "Europe/Berlin"})
	l.emu.AddChannel(stand, "standup", ana, dana, priya, slackemu.BotUserID)
}

const (
	promptMarker   = actionAnswer // the Answer button's action ID is only on prompts
	reminderMarker = "gentle reminder"
	summaryMarker  = "checkout standup, 2026-11-16"
)

// A day of the checkout standup: prompts at 09:30 Berlin, an answer in the
// prompt's DM thread and one by the modal, the summary updated in place, one
// reminder for the member who did not answer, and restarts that send nothing
// twice.
func TestStandupE2E_Day(t *testing.T) {
	monday := time.Date(2026, 11, 16, 0, 0, 0, 0, berlin)
	clockAt := func(h, m int) time.Time { return monday.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	l := newLive(t, clockAt(8, 0), slackemu.Options{}, 60*time.Second)
	l.addTrio()
	const general = "C0GENERAL" // no standup channel
	l.emu.AddChannel(general, "general", ana, dana, priya, slackemu.BotUserID)
	l.start([]standup.Team{{
		Name: "checkout", Channel: stand, Members: []string{ana, dana, priya},
		Schedule: mustCron(t, "30 9 * * 1-5"), Location: berlin,
		Questions:     []string{"What did you do yesterday?", "What will you do today?", "Anything blocking you?"},
		ReminderAfter: 2 * time.Hour, AnswerWindow: 4 * time.Hour, Summary: true,
	}})
	members := []string{ana, dana, priya}
	im := map[string]string{}
	for _, m := range members {
		im[m] = l.emu.IMChannel(m)
	}
	countPrompts := func(when string) {
		t.Helper()
		for _, m := range members {
			if n := len(l.botPosts(im[m], promptMarker)); n != 1 {
				t.Fatalf("%s: %s got %d prompts, want exactly 1", when, m, n)
			}
		}
	}

	if n := l.okCalls("chat.postMessage", ""); n != 0 {
		t.Fatalf("before 09:30: %d messages posted, want none", n)
	}
	l.at(clockAt(9, 30))
	countPrompts("at 09:30")
	prompt := l.botPosts(im[ana], promptMarker)[0]
	if !strings.Contains(prompt.Text, "checkout") || !strings.Contains(string(prompt.Blocks), "Anything blocking you?") {
		t.Fatalf("prompt %q %s does not name the standup and its questions", prompt.Text, prompt.Blocks)
	}

	// A restart at the same virtual time prompts nobody again.
	l.restart()
	countPrompts("after a restart at 09:30")

	// Ana replies in the prompt's DM thread: the summary appears in the channel.
	l.clk.Set(clockAt(9, 40))
	l.deliver(l.emu.PostThreadReply(ana, im[ana], prompt.TS, "Yesterday: cart API\nToday: checkout page\nBlockers: blocked on design for the checkout mocks"))
	sums := l.botPosts(stand, summaryMarker)
	if len(sums) != 1 {
		t.Fatalf("summaries in the channel after ana's answer = %d, want 1", len(sums))
	}
	if !strings.Contains(sums[0].Text, "1 answered") || !strings.Contains(string(sums[0].Blocks), "checkout mocks") {
		t.Fatalf("summary %q %s does not count ana's answer with her blocker", sums[0].Text, sums[0].Blocks)
	}
	if s, err := l.db.Session(l.ctx, "checkout", ana, "2026-11-16"); err != nil || s.AnsweredAt.IsZero() {
		t.Fatalf("ana's session = %+v, %v; want answered", s, err)
	}

	// Dana answers with the Answer button and the modal: the same summary is updated.
	l.clk.Set(clockAt(9, 45))
	danaPrompt := l.botPosts(im[dana], promptMarker)[0]
	l.deliver(l.emu.ClickButton(dana, im[dana], danaPrompt.TS, actionAnswer, ""))
	modals := l.emu.Modals(dana)
	if len(modals) != 1 || modals[0].CallbackID != viewAnswer {
		t.Fatalf("modals for dana = %+v, want the standup modal", modals)
	}
	for i := range 3 {
		if !strings.Contains(string(modals[0].JSON), `"block_id":"q`+string(rune('0'+i))+`"`) {
			t.Fatalf("the modal has no input block q%d: %s", i, modals[0].JSON)
		}
	}
	l.deliver(l.emu.SubmitView(dana, modals[0].ID, map[string]map[string]string{
		"q0": {answerActionID: "Reviewed the onboarding research"},
		"q1": {answerActionID: "Checkout mocks"},
		"q2": {answerActionID: "Still no decision on guest checkout from product"},
	}))
	if s, err := l.db.Session(l.ctx, "checkout", dana, "2026-11-16"); err != nil || s.AnsweredAt.IsZero() {
		t.Fatalf("dana's session = %+v, %v; want answered", s, err)
	}
	sums = l.botPosts(stand, summaryMarker)
	if len(sums) != 1 || !strings.Contains(sums[0].Text, "2 answered") || !strings.Contains(sums[0].Text, "1 still to answer") {
		t.Fatalf("summaries after dana's answer = %+v, want one saying 2 answered, 1 still to answer", sums)
	}
	if n := l.okCalls("chat.postMessage", stand); n != 1 {
		t.Fatalf("chat.postMessage to the team channel = %d, want 1 (then chat.update)", n)
	}
	if n := l.okCalls("chat.update", stand); n < 1 {
		t.Fatalf("chat.update to the team channel = %d, want at least 1", n)
	}

	// Priya speaks of a blocker in #general: it is read (a wait opens), but it
	// answers no standup, so her prompt stays unanswered and is reminded.
	l.clk.Set(clockAt(10, 0))
	l.deliver(l.emu.PostMessage(priya, general, "still waiting on legal for the DPA"))
	if n := l.openCount(priya); n != 1 {
		t.Fatalf("priya's chat in #general: %d open blockers, want 1", n)
	}
	if s, err := l.db.Session(l.ctx, "checkout", priya, "2026-11-16"); err != nil || !s.AnsweredAt.IsZero() {
		t.Fatalf("priya's session after chat in #general = %+v, %v; want unanswered", s, err)
	}

	// 11:30, two hours after the prompt: one private reminder, for priya only.
	l.at(clockAt(11, 29))
	if n := len(l.botPosts(im[priya], reminderMarker)); n != 0 {
		t.Fatalf("reminders to priya before 11:30 = %d, want 0", n)
	}
	l.at(clockAt(11, 30))
	check := func(when string) {
		t.Helper()
		for _, m := range members {
			want := 0
			if m == priya {
				want = 1
			}
			if n := len(l.botPosts(im[m], reminderMarker)); n != want {
				t.Fatalf("%s: reminders to %s = %d, want %d", when, m, n, want)
			}
		}
		if n := len(l.botPosts(stand, reminderMarker)); n != 0 {
			t.Fatalf("%s: %d reminders in the channel, want none (no public reminders)", when, n)
		}
	}
	check("at 11:30")
	rem := l.botPosts(im[priya], reminderMarker)[0]
	if rem.ThreadTS != l.botPosts(im[priya], promptMarker)[0].TS {
		t.Fatalf("the reminder is not in the prompt's thread: thread_ts %q", rem.ThreadTS)
	}

	// A restart and the rest of the window send nothing more.
	l.restart()
	l.at(clockAt(13, 29))
	l.at(clockAt(13, 31))
	check("after a restart and the window's close")
	countPrompts("after a restart and the window's close")
	if n := l.okCalls("chat.postMessage", stand); n != 1 {
		t.Fatalf("chat.postMessage to the team channel = %d, want still 1", n)
	}

	// Tuesday's prompt is a new one, sent once.
	l.at(clockAt(24+9, 30))
	for _, m := range members {
		if n := len(l.botPosts(im[m], promptMarker)); n != 2 {
			t.Fatalf("%s got %d prompts by Tuesday 09:30, want 2", m, n)
		}
	}
}
