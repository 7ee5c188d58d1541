package bot

import (
	"cmp"
	"context"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/slack-go/slack"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

// errLocked is the database locked by another process past the busy timeout,
// as the driver reports it: a failure that passes.
var errLocked = sqlite3.Error{Code: sqlite3.ErrBusy}

// flakyStore is the store with failures that pass injected: the next fail[step]
// calls of a step fail with errLocked. Steps are named by method, and some by
// what they are for ("Post allclear").
type flakyStore struct {
	*store.DB
	mu   sync.Mutex
	fail map[string]int
	hit  map[string]int
}

func newFlakyStore(db *store.DB, fail map[string]int) *flakyStore {
	return &flakyStore{DB: db, fail: fail, hit: map[string]int{}}
}

// failing reports whether this call of step fails, and counts it.
func (f *flakyStore) failing(step string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail[step] == 0 {
		return false
	}
	f.fail[step]--
	f.hit[step]++
	return true
}

// hits returns how many calls of step failed.
func (f *flakyStore) hits(step string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hit[step]
}

func (f *flakyStore) Post(ctx context.Context, key string) (string, string, bool, error) {
	if strings.HasPrefix(key, "allclear:") && f.failing("Post allclear") {
		return "", "", false, errLocked
	}
	return f.DB.Post(ctx, key)
}

func (f *flakyStore) ApplyReport(ctx context.Context, r unblock.Report, st unblock.Statement) (unblock.Change, error) {
	if r.Source == unblock.SourceCommand && f.failing("ApplyReport command") {
		return unblock.Change{}, errLocked
	}
	return f.DB.ApplyReport(ctx, r, st)
}

// startOn connects a new bot to the emulator over st instead of the harness's
// database, with setup (if any) done before it opens.
func (h *harness) startOn(st Store, setup func(b *Bot)) {
	h.t.Helper()
	b, err := New(Config{
		AppToken: h.emu.AppToken(), BotToken: h.emu.BotToken(), APIURL: h.emu.APIURL(),
		Logger: slog.New(slog.NewTextHandler(cmp.Or(h.log, io.Discard), nil)),
	}, st)
	if err != nil {
		h.t.Fatal(err)
	}
	if setup != nil {
		setup(b)
	}
	if err := b.Open(h.ctx); err != nil {
		h.t.Fatal(err)
	}
	h.bot = b
	h.t.Cleanup(func() { b.Close() })
}

// flakyStandups is the standup scheduler's Answered failing the next fail
// calls with errLocked, then counting the answers it took.
type flakyStandups struct {
	mu       sync.Mutex
	fail     int
	answered []unblock.Report
}

func (s *flakyStandups) Answered(ctx context.Context, personID string, r unblock.Report) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail > 0 {
		s.fail--
		return false, errLocked
	}
	s.answered = append(s.answered, r)
	return true, nil
}

func (s *flakyStandups) Skip(ctx context.Context, personID, team, day string) (unblock.Session, error) {
	return unblock.Session{}, nil
}

// TestE2E_StepThatPassesRetriesTheItem: a step of an item's processing that
// fails in a way that passes (the database locked by another process; on
// PostgreSQL a lock timeout, which also aborts the transaction) fails the item,
// which is rolled back and processed again. Before, such a step was logged and
// dropped and the item committed without it: the standup answer was never
// counted (a reminder followed, the summary missed it), the all-clear never
// sent, and "/blocked on" answered with the failure and recorded nothing.
func TestE2E_StepThatPassesRetriesTheItem(t *testing.T) {
	t.Run("standup answer", func(t *testing.T) {
		h := newHarness(t, slackemu.Options{})
		h.bot.Close()
		sched := &flakyStandups{fail: 1}
		h.startOn(h.db, func(b *Bot) { b.SetStandups(sched, nil) })
		im := h.emu.IMChannel(ana)
		h.deliver(h.emu.PostMessage(ana, im, "Blockers: waiting on design for the checkout mocks"))
		sched.mu.Lock()
		n := len(sched.answered)
		sched.mu.Unlock()
		if n != 1 {
			t.Fatalf("standup answers taken = %d, want 1 (the report, processed again after the failure)", n)
		}
		if n := len(h.open(ana)); n != 1 {
			t.Fatalf("open blockers = %d, want 1", n)
		}
		if n := len(h.botMessages(im)); n != 1 {
			t.Fatalf("confirmations = %d, want 1", n)
		}
	})
	t.Run("all-clear", func(t *testing.T) {
		h := newHarness(t, slackemu.Options{})
		h.bot.Close()
		st := newFlakyStore(h.db, map[string]int{"Post allclear": 1})
		h.startOn(st, nil)
		h.deliver(h.emu.PostMessage(ana, stand, "blocked on design for the checkout mocks"))
		h.deliver(h.emu.PostMessage(ana, stand, "no blockers"))
		if st.hits("Post allclear") != 1 {
			t.Fatalf("the all-clear's step failed %d times, want 1", st.hits("Post allclear"))
		}
		var clear int
		for _, m := range h.botMessages(h.emu.IMChannel(ana)) {
			if strings.Contains(m.Text, "all clear") {
				clear++
			}
		}
		if clear != 1 {
			t.Fatalf("all-clear messages = %d, want 1", clear)
		}
		if n := len(h.open(ana)); n != 0 {
			t.Fatalf("open blockers = %d, want 0", n)
		}
	})
	t.Run("/blocked on", func(t *testing.T) {
		h := newHarness(t, slackemu.Options{})
		h.bot.Close()
		st := newFlakyStore(h.db, map[string]int{"ApplyReport command": 1})
		h.startOn(st, nil)
		h.deliver(h.emu.SlashCommand(ana, stand, BlockedCommand, "on design checkout mocks"))
		if st.hits("ApplyReport command") != 1 {
			t.Fatalf("recording the command failed %d times, want 1", st.hits("ApplyReport command"))
		}
		if n := len(h.open(ana)); n != 1 {
			t.Fatalf("open blockers = %d, want 1", n)
		}
		answers := h.emu.Responses()
		if len(answers) != 1 || !strings.Contains(answers[0].Text, "Noted") {
			t.Fatalf("answers = %+v, want one saying it is noted", answers)
		}
	})
}

func (f *flakyStore) EffectRetry(ctx context.Context, id int64, next time.Time, uncertain bool, why string) error {
	if f.failing("EffectRetry") {
		return errLocked
	}
	return f.DB.EffectRetry(ctx, id, next, uncertain, why)
}

func (f *flakyStore) EffectSent(ctx context.Context, id int64, channel, ts, note string, at time.Time) error {
	if f.failing("EffectSent") {
		return errLocked
	}
	return f.DB.EffectSent(ctx, id, channel, ts, note, at)
}

// TestOutbox_OutcomeNotRecorded: an attempt whose outcome the sender knows but
// could not record (the database locked by another process) is settled from
// what it knows, not taken for one whose outcome was lost. Before, a /blocked
// answer that Slack refused with a 502 (not made) was then dead-lettered as
// "outcome lost" and never made, and one that was made was dead-lettered too.
func TestOutbox_OutcomeNotRecorded(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fail  string         // the store step that fails once
		fault slackemu.Fault // on the response_url
	}{
		{"a failure not recorded", "EffectRetry", slackemu.Fault{Status: 502, Times: 1}},
		{"a success not recorded", "EffectSent", slackemu.Fault{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := newOutboxHarness(t)
			st := newFlakyStore(o.db, map[string]int{tc.fail: 1})
			o.st = st
			o.restart()
			if tc.fault != (slackemu.Fault{}) {
				o.emu.InjectFault("response_url", tc.fault)
			}
			o.deliver(o.emu.SlashCommand(ana, stand, BlockedCommand, "on design checkout mocks"))
			o.settle(3)
			if st.hits(tc.fail) != 1 {
				t.Fatalf("%s failed %d times, want 1", tc.fail, st.hits(tc.fail))
			}
			if n := len(o.emu.Responses()); n != 1 {
				t.Fatalf("answers = %d, want 1\n%s", n, o.log)
			}
			effects, err := o.db.Outbox(o.ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range effects {
				if e.State != unblock.OutgoingSent {
					t.Errorf("effect %s is %s (%s), want sent", e.Key, e.State, e.Error)
				}
			}
		})
	}
}

// TestOutbox_LookUpFailureKeepsUncertain: when the look-up of an attempt whose
// outcome was lost fails with a failure that is certain of the look-up alone
// (a 429, Slack's internal_error), the attempt stays uncertain and is looked up
// again, not made again. Before, the look-up's failure cleared the mark, and a
// post made before a crash was posted twice.
func TestOutbox_LookUpFailureKeepsUncertain(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault slackemu.Fault
	}{
		{"internal_error", slackemu.Fault{Error: "internal_error", Times: 1}},
		{"429", slackemu.Fault{Status: 429, RetryAfter: 3, Times: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := newOutboxHarness(t)
			im := o.emu.IMChannel(ana)
			o.bot.Close()
			now := o.clk.Now()
			c := `{"method":"post","channel":"` + im + `","text":"made before the crash"}`
			if _, err := o.db.Enqueue(o.ctx, unblock.Outgoing{Key: "crash:mid-call", Kind: effDM, Payload: []byte(c), CreatedAt: now, Deadline: now.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			made, err := o.db.Outgoing(o.ctx, "crash:mid-call")
			if err != nil {
				t.Fatal(err)
			}
			// The crashed process had begun it and Slack had posted it.
			if err := o.db.BeginAttempt(o.ctx, made.ID, now); err != nil {
				t.Fatal(err)
			}
			api := slack.New(o.emu.BotToken(), slack.OptionAPIURL(o.emu.APIURL()))
			if _, _, err := api.PostMessageContext(context.Background(), im, slack.MsgOptionText("made before the crash", false),
				slack.MsgOptionMetadata(slack.SlackMetadata{EventType: metadataEvent, EventPayload: map[string]any{"key": made.Key}})); err != nil {
				t.Fatal(err)
			}
			o.emu.InjectFault("conversations.history", tc.fault)
			o.restart()
			o.settle(3)
			if n := len(o.confirmations()); n != 1 {
				t.Fatalf("messages = %d, want 1 (found by its look-up, not posted again)\n%s", n, o.log)
			}
			if got, err := o.db.Outgoing(o.ctx, made.Key); err != nil || got.State != unblock.OutgoingSent {
				t.Fatalf("effect = %+v, %v; want sent", got, err)
			}
		})
	}
}

func (f *flakyStore) InboxPending(ctx context.Context, limit int) ([]unblock.InboxItem, error) {
	items, err := f.DB.InboxPending(ctx, limit)
	if err == nil && len(items) > 0 && f.failing("InboxPending") {
		return nil, errLocked
	}
	return items, err
}

// TestInbox_ReadFailureReadsAgain: when the worker's read of the inbox fails
// (the inbox file or the database locked by another process past the busy
// timeout), it reads again after a backoff. Before, it waited for the next
// envelope to wake it: in a quiet workspace an acknowledged message was not
// processed until something else arrived, or the next start.
func TestInbox_ReadFailureReadsAgain(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.bot.Close()
	st := newFlakyStore(h.db, map[string]int{"InboxPending": 1})
	h.startOn(st, nil)
	im := h.emu.IMChannel(ana)
	d, err := h.emu.PostMessage(ana, im, "Blockers: waiting on design for the checkout mocks")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WaitAck(h.ctx); err != nil {
		t.Fatal(err)
	}
	// No WaitIdle: it wakes the worker itself. Nothing else arrives.
	ctx, cancel := context.WithTimeout(h.ctx, 30*time.Second)
	defer cancel()
	if err := h.emu.WaitFor(ctx, func() bool { return len(h.botMessages(im)) > 0 }); err != nil {
		t.Fatalf("the acknowledged message was not processed after the inbox read failed: %v", err)
	}
	if st.hits("InboxPending") != 1 {
		t.Fatalf("inbox reads failed %d times, want 1", st.hits("InboxPending"))
	}
	if n := len(h.open(ana)); n != 1 {
		t.Fatalf("open blockers = %d, want 1", n)
	}
}

// TestDirectory_FailedSyncTriedAgain: a directory sync that fails in a way that
// passes (users.list or usergroups.list answering 503) is tried again with
// backoff on the bot's clock, and the first that works hands the teams of user
// groups their members (OnGroupsChanged). Before, the next try came a
// DirectoryRefresh (6 hours) later and applied no teams: a team given as a user
// group whose members could not be read at start prompted nobody until a
// restart, and a failed usergroups.list emptied every group.
func TestDirectory_FailedSyncTriedAgain(t *testing.T) {
	for _, method := range []string{"users.list", "usergroups.list"} {
		t.Run(method, func(t *testing.T) {
			o := newOutboxHarness(t)
			o.emu.AddUserGroup("S0DESIGN", "design", dana)
			o.bot.Close()
			changed := make(chan struct{}, 1)
			o.setup = func(b *Bot) {
				b.OnGroupsChanged(func(ctx context.Context) error {
					select {
					case changed <- struct{}{}:
					default:
					}
					return nil
				})
			}
			o.emu.InjectFault(method, slackemu.Fault{Status: 503, Times: 1})
			o.restart() // its sync at start fails
			if got := o.bot.GroupMembers("S0DESIGN"); len(got) != 0 {
				t.Fatalf("members after the failed sync = %v, want none yet", got)
			}
			ctx, cancel := context.WithTimeout(o.ctx, 30*time.Second)
			defer cancel()
			// The retry is the one wait on the bot's clock: nothing is in the outbox.
			if !o.clk.WaitForWaiters(1, ctx.Done()) {
				t.Fatalf("no retry of the failed sync is planned\n%s", o.log)
			}
			next, _ := o.clk.Next()
			if wait := next.Sub(o.clk.Now()); wait > RetryBase+RetryBase/2 {
				t.Fatalf("the failed sync is tried again in %v, want within %v", wait, RetryBase+RetryBase/2)
			}
			o.clk.Set(next)
			select {
			case <-changed:
			case <-ctx.Done():
				t.Fatalf("the teams of user groups were not given their members\n%s", o.log)
			}
			if got := o.bot.GroupMembers("S0DESIGN"); !slices.Equal(got, []string{dana}) {
				t.Fatalf("members = %v, want [%s]", got, dana)
			}
		})
	}
}

func (f *flakyStore) SavePost(ctx context.Context, key, channel, ts string, at time.Time) error {
	if strings.HasPrefix(key, ignoreKey) && f.failing("SavePost ignore") {
		return errLocked
	}
	return f.DB.SavePost(ctx, key, channel, ts, at)
}

// TestE2E_DismissedWordingRememberedThroughALock: "Not a blocker" whose wording
// could not be stored (the database locked by another process; on PostgreSQL a
// lock timeout, which also aborts the transaction) is processed again, so a
// restart still remembers the wording. Before, the failure was logged and the
// click committed without it: the parser forgot the wording at the next start.
func TestE2E_DismissedWordingRememberedThroughALock(t *testing.T) {
	h := newHarness(t, slackemu.Options{})
	h.bot.Close()
	st := newFlakyStore(h.db, map[string]int{"SavePost ignore": 1})
	h.startOn(st, nil)
	h.deliver(h.emu.PostMessage(ana, stand, "blocked on design for the flaky staging banner"))
	bl := h.onlyBlocker(ana)
	view := h.home(ana)
	h.deliver(h.emu.ClickViewButton(ana, view.ID, actionDismiss, strconv.FormatInt(bl.ID, 10)))
	if st.hits("SavePost ignore") != 1 {
		t.Fatalf("storing the wording failed %d times, want 1", st.hits("SavePost ignore"))
	}
	if open := h.open(ana); len(open) != 0 {
		t.Fatalf("after Not a blocker: open = %+v", open)
	}
	h.bot.Close()
	h.start()
	h.deliver(h.emu.PostMessage(ana, stand, "Blockers: still blocked on design for the "+bl.Topic))
	if open := h.open(ana); len(open) != 0 {
		t.Fatalf("after a restart the dismissed wording %q opened %+v", bl.Topic, open)
	}
}

// TestAdminE2E_ChangeAppliedAfterAFailure: a team created in the App Home whose
// change could not be applied at once (the teams could not be read again: the
// database locked by another process, a lost connection) is applied again after
// a backoff, and its members are prompted at its time with no restart. Before,
// the failure was logged ("it applies at the next change or restart") and the
// new team prompted nobody.
func TestAdminE2E_ChangeAppliedAfterAFailure(t *testing.T) {
	monday := time.Date(2026, 11, 16, 0, 0, 0, 0, berlin)
	at := func(h, m int) time.Time { return monday.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	l := newLive(t, at(8, 0), slackemu.Options{}, 90*time.Second)
	l.addTrio()
	l.addAdmins()
	var mu sync.Mutex
	failures := 1
	applied := make(chan struct{}, 16)
	l.prepare = func(b *Bot) {
		changed := b.admin.cfg.Changed
		b.admin.cfg.Changed = func(ctx context.Context) error {
			mu.Lock()
			fail := failures > 0
			failures--
			mu.Unlock()
			if fail {
				return errLocked
			}
			if err := changed(ctx); err != nil {
				return err
			}
			applied <- struct{}{}
			return nil
		}
	}
	l.startAdmin(nil, nil)
	home := l.homeView(ada)
	l.deliver(l.emu.ClickViewButton(ada, home.ID, actionTeamNew, ""))
	l.submit(ada, map[string]map[string][]string{
		"name": field("name", "Checkout"), "channel": field("channel", stand), "members": field("members", ana, dana),
		"time": field("time", "09:30"), "days": field("days", "1", "2", "3", "4", "5"),
		"timezone": field("timezone", "Europe/Berlin"),
	})
	if _, err := l.db.StandupTeam(l.ctx, "checkout"); err != nil {
		t.Fatalf("the team was not saved: %v", err)
	}
	ctx, cancel := context.WithTimeout(l.ctx, 30*time.Second)
	defer cancel()
	select {
	case <-applied:
	case <-ctx.Done():
		t.Fatal("the change was not applied again after its failure")
	}
	l.at(at(9, 30))
	if a, d := l.prompts(ana), l.prompts(dana); a != 1 || d != 1 {
		t.Fatalf("prompts at 09:30: ana %d, dana %d; want 1 each", a, d)
	}
}
