package bot

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

const (
	lena  = "U0LENA001" // a lead who gets the digest by DM
	leads = "C0LEADS01" // the leads' channel
)

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// The weekly digest through slackemu: posted at its cron time to the leads'
// channel and by DM to each lead, each with the role graph uploaded as a PNG in
// the digest's thread, and never twice for the same week.
func TestDigestE2E_Weekly(t *testing.T) {
	monday := time.Date(2026, 11, 16, 10, 0, 0, 0, berlin)
	l := newLive(t, monday, slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.emu.AddUser(slackemu.User{ID: lena, Name: "lena", RealName: "Lena Vogt", Title: "VP of Engineering", TZ: "Europe/Berlin"})
	l.emu.AddChannel(leads, "leads", lena, slackemu.BotUserID)
	l.start(nil)

	// Engineering waits on design, design on product, product on engineering.
	for _, s := range []step{
		{ana, "on design checkout mocks"},
		{dana, "on product guest checkout decision"},
		{priya, "on engineering cost estimate"},
	} {
		l.deliver(l.emu.SlashCommand(s.user, stand, BlockedCommand, s.text))
	}
	if n := l.openCount(ana) + l.openCount(dana) + l.openCount(priya); n != 3 {
		t.Fatalf("open blockers = %d, want 3", n)
	}

	d := DigestDelivery{
		Schedule: mustCron(t, "0 9 * * 1"), Location: berlin,
		Channel: leads, Leads: []string{lena},
	}
	lenaIM := l.emu.IMChannel(lena)
	const marker = "Loop:"
	posted := func() (channel, dm int) {
		return len(l.botPosts(leads, marker)), len(l.botPosts(lenaIM, marker))
	}

	// RunDigests on the fake clock: nothing before Monday 09:00, then the week
	// ending Sunday 22 November.
	l.clk.Set(time.Date(2026, 11, 22, 12, 0, 0, 0, berlin))
	runCtx, stopRun := context.WithCancel(l.ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); l.bot.RunDigests(runCtx, l.clk, d, l.db) }()
	defer func() { stopRun(); wg.Wait() }()
	if !l.clk.WaitForWaiters(1, l.ctx.Done()) {
		t.Fatal("RunDigests does not wait on the clock")
	}
	if next, _ := l.clk.Next(); !next.Equal(time.Date(2026, 11, 23, 9, 0, 0, 0, berlin)) {
		t.Fatalf("RunDigests waits until %v, want Monday 23 November 09:00 Berlin", next)
	}
	l.clk.Set(time.Date(2026, 11, 23, 8, 59, 0, 0, berlin))
	if c, dm := posted(); c != 0 || dm != 0 {
		t.Fatalf("before 09:00: %d digests in the channel, %d by DM; want none", c, dm)
	}
	l.clk.Set(time.Date(2026, 11, 23, 9, 0, 0, 0, berlin))
	if !l.clk.WaitForWaiters(1, l.ctx.Done()) {
		t.Fatal("RunDigests did not wait again after sending")
	}

	if c, dm := posted(); c != 1 || dm != 1 {
		t.Fatalf("at 09:00: %d digests in the channel, %d by DM to lena; want 1 each", c, dm)
	}
	for _, ch := range []string{leads, lenaIM} {
		m := l.botPosts(ch, marker)[0]
		if !strings.Contains(m.Text, "Weekly blockers 16 Nov–22 Nov") {
			t.Errorf("digest in %s: text %q does not name the week", ch, m.Text)
		}
		for _, role := range []string{"Engineering", "Design", "Product"} {
			if !strings.Contains(m.Text, role) || !strings.Contains(string(m.Blocks), role) {
				t.Errorf("digest in %s does not name %s in the loop: text %q blocks %s", ch, role, m.Text, m.Blocks)
			}
		}
		// The loop comes first: before the other sections.
		if i, j := strings.Index(string(m.Blocks), marker), strings.Index(string(m.Blocks), "Wait chains"); i < 0 || j < 0 || i > j {
			t.Errorf("digest in %s: the loop is not first: %s", ch, m.Blocks)
		}
	}
	checkFiles := func(when string) {
		t.Helper()
		files := l.emu.Files()
		if len(files) != 2 {
			t.Fatalf("%s: %d files uploaded, want 2 (channel and DM)", when, len(files))
		}
		for i, ch := range []string{leads, lenaIM} {
			f := files[i]
			dg := l.botPosts(ch, marker)[0]
			if !f.Complete || !slices.Contains(f.Channels, ch) || f.ThreadTS != dg.TS {
				t.Errorf("%s: file %d = %+v, want completed and shared in %s under the digest %s", when, i, f, ch, dg.TS)
			}
			if !bytes.HasPrefix(f.Data, pngMagic) || f.Length != len(f.Data) {
				t.Errorf("%s: file %d is not a whole PNG (%d of %d bytes)", when, i, len(f.Data), f.Length)
			}
			if !strings.HasSuffix(f.Name, "2026-11-22.png") {
				t.Errorf("%s: file %d named %q, want the week's last day", when, i, f.Name)
			}
		}
	}
	checkFiles("at 09:00")
	postsBefore := l.okCalls("chat.postMessage", "")

	// The same week again, by hand and after a restart: nothing new.
	if err := l.bot.SendDigest(l.ctx, d, l.db, time.Date(2026, 11, 22, 0, 0, 0, 0, berlin)); err != nil {
		t.Fatal(err)
	}
	stopRun()
	wg.Wait()
	l.restart()
	if err := l.bot.SendDigest(l.ctx, d, l.db, time.Date(2026, 11, 22, 0, 0, 0, 0, berlin)); err != nil {
		t.Fatal(err)
	}
	if n := l.okCalls("chat.postMessage", ""); n != postsBefore {
		t.Fatalf("chat.postMessage calls = %d after resending the same week, want still %d", n, postsBefore)
	}
	if c, dm := posted(); c != 1 || dm != 1 {
		t.Fatalf("after resending: %d digests in the channel, %d by DM; want still 1 each", c, dm)
	}
	checkFiles("after resending")

	// The next week is a new digest. The three say it again on Thursday, so the
	// loop is still open then (a week of silence would expire it).
	l.clk.Set(time.Date(2026, 11, 26, 10, 0, 0, 0, berlin))
	for _, s := range []step{
		{ana, "on design checkout mocks"},
		{dana, "on product guest checkout decision"},
		{priya, "on engineering cost estimate"},
	} {
		l.deliver(l.emu.SlashCommand(s.user, stand, BlockedCommand, s.text))
	}
	l.clk.Set(time.Date(2026, 11, 30, 9, 0, 0, 0, berlin))
	if err := l.bot.SendDigest(l.ctx, d, l.db, time.Date(2026, 11, 29, 0, 0, 0, 0, berlin)); err != nil {
		t.Fatal(err)
	}
	if c, dm := posted(); c != 2 || dm != 2 {
		t.Fatalf("after the next week: %d digests in the channel, %d by DM; want 2 each", c, dm)
	}
	if n := len(l.emu.Files()); n != 4 {
		t.Fatalf("files after the next week = %d, want 4", n)
	}
}

// openCount returns how many blockers person has open now.
func (l *live) openCount(person string) int {
	l.t.Helper()
	bls, err := l.db.BlockersOf(l.ctx, person, l.clk.Now())
	if err != nil {
		l.t.Fatal(err)
	}
	return len(bls)
}

// A digest due while the bot was down goes out when it starts, once.
func TestDigestE2E_CatchUp(t *testing.T) {
	monday := time.Date(2026, 11, 23, 11, 0, 0, 0, berlin) // two hours after the 09:00 digest
	l := newLive(t, monday, slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.emu.AddChannel(leads, "leads", slackemu.BotUserID)
	l.start(nil)
	l.deliver(l.emu.SlashCommand(ana, stand, BlockedCommand, "on design checkout mocks"))
	d := DigestDelivery{Schedule: mustCron(t, "0 9 * * 1"), Location: berlin, Channel: leads}

	run := func() {
		ctx, stop := context.WithCancel(l.ctx)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done(); l.bot.RunDigests(ctx, l.clk, d, l.db) }()
		if !l.clk.WaitForWaiters(1, l.ctx.Done()) {
			t.Fatal("RunDigests does not wait on the clock")
		}
		stop()
		wg.Wait()
	}
	run()
	if n := len(l.botPosts(leads, "")); n != 1 {
		t.Fatalf("after starting two hours late: %d digests, want 1", n)
	}
	run() // a second start the same morning sends nothing new
	if n := len(l.botPosts(leads, "")); n != 1 {
		t.Fatalf("after a second start: %d digests, want still 1", n)
	}
}

// failingSource is the store, but its first `fails` reads of people fail, as a
// locked or unreachable database does.
type failingSource struct {
	*store.DB
	fails atomic.Int32
	err   error // what a failed read returns; nil for a lock
}

// failure is the error of a failed read.
func (f *failingSource) failure() error {
	if f.err != nil {
		return f.err
	}
	return errors.New("begin: database is locked")
}

func (f *failingSource) People(ctx context.Context) ([]unblock.Person, error) {
	if f.fails.Add(-1) >= 0 {
		return nil, f.failure()
	}
	return f.DB.People(ctx)
}

// PeopleNamed is the read of people a digest makes of a store.
func (f *failingSource) PeopleNamed(ctx context.Context) ([]unblock.Person, error) {
	if f.fails.Add(-1) >= 0 {
		return nil, f.failure()
	}
	return f.DB.PeopleNamed(ctx)
}

// BlockersSpanNamed is the read of people (and blockers) a digest makes of a store
// that reads them together.
func (f *failingSource) BlockersSpanNamed(ctx context.Context, from, to time.Time) (unblock.BlockerTable, map[string]unblock.Person, error) {
	if f.fails.Add(-1) >= 0 {
		return unblock.BlockerTable{}, nil, f.failure()
	}
	return f.DB.BlockersSpanNamed(ctx, from, to)
}

// A digest that meets a database that cannot be written (a full disk, a
// read-only file) stops the bot with that condition, as the inbox and the
// scheduler do, instead of retrying the week's digest until the next.
func TestDigestE2E_UnwritableStops(t *testing.T) {
	l := newLive(t, time.Date(2026, 11, 22, 12, 0, 0, 0, berlin), slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.emu.AddChannel(leads, "leads", slackemu.BotUserID)
	l.start(nil)
	d := DigestDelivery{Schedule: mustCron(t, "0 9 * * 1"), Location: berlin, Channel: leads}
	full := unblock.Errorf(unblock.EUNAVAILABLE, "database x.db cannot be written: database or disk is full")
	src := &failingSource{DB: l.db, err: full}
	src.fails.Store(1000)
	ctx, stop := context.WithCancel(l.ctx)
	var wg sync.WaitGroup
	wg.Go(func() { l.bot.RunDigests(ctx, l.clk, d, src) })
	defer func() { stop(); wg.Wait() }()
	if !l.clk.WaitForWaiters(1, l.ctx.Done()) {
		t.Fatal("RunDigests does not wait on the clock")
	}
	l.clk.Set(time.Date(2026, 11, 23, 9, 0, 0, 0, berlin))
	select {
	case err := <-l.bot.Fatal():
		if unblock.ErrorCode(err) != unblock.EUNAVAILABLE {
			t.Fatalf("the bot stopped with %v, want the database's condition", err)
		}
	case <-l.ctx.Done():
		t.Fatal("the bot did not stop on a database that cannot be written")
	}
}

// A digest whose first tries fail is retried with backoff until it goes out,
// once: a lock at the wrong moment does not lose the week's digest.
func TestDigestE2E_RetriesAFailure(t *testing.T) {
	l := newLive(t, time.Date(2026, 11, 22, 12, 0, 0, 0, berlin), slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.emu.AddChannel(leads, "leads", slackemu.BotUserID)
	l.start(nil)
	l.deliver(l.emu.SlashCommand(ana, stand, BlockedCommand, "on design checkout mocks"))
	d := DigestDelivery{Schedule: mustCron(t, "0 9 * * 1"), Location: berlin, Channel: leads}
	src := &failingSource{DB: l.db}
	src.fails.Store(2)

	ctx, stop := context.WithCancel(l.ctx)
	var wg sync.WaitGroup
	wg.Go(func() { l.bot.RunDigests(ctx, l.clk, d, src) })
	defer func() { stop(); wg.Wait() }()
	nine := time.Date(2026, 11, 23, 9, 0, 0, 0, berlin)
	for i := range 3 {
		if !l.clk.WaitForWaiters(1, l.ctx.Done()) {
			t.Fatalf("wait %d: RunDigests does not wait on the clock", i)
		}
		next, _ := l.clk.Next()
		switch {
		case i == 0 && !next.Equal(nine):
			t.Fatalf("RunDigests waits until %v, want %v", next, nine)
		case i > 0 && (!next.After(nine) || next.After(nine.Add(10*time.Minute))):
			t.Fatalf("retry %d waits until %v, want within minutes after %v", i, next, nine)
		}
		if n := len(l.botPosts(leads, "")); n != 0 {
			t.Fatalf("before try %d: %d digests, want none yet", i+1, n)
		}
		l.clk.Set(next)
	}
	if !l.clk.WaitForWaiters(1, l.ctx.Done()) {
		t.Fatal("RunDigests did not wait again after sending")
	}
	if next, _ := l.clk.Next(); !next.Equal(nine.AddDate(0, 0, 7)) {
		t.Errorf("after the digest went out RunDigests waits until %v, want next Monday", next)
	}
	if n := len(l.botPosts(leads, "Weekly blockers 16 Nov–22 Nov")); n != 1 {
		t.Fatalf("after two failed tries and a good one: %d digests of the week, want 1", n)
	}
}

// A digest picture whose upload's outcome was lost is looked up before it is
// uploaded again, and only the bot's own file of that name counts: last
// week's picture in the channel is not this week's. Both weeks the digest post
// is refused, so the picture goes to the channel unthreaded. Week one: its
// upload is served but the answer lost, and the look-up finds it (one picture,
// not two). Week two: its upload's connection drops before it is served, and
// the look-up, finding only last week's picture, uploads it again (not lost).
func TestDigestE2E_PictureLookUp(t *testing.T) {
	l := newLive(t, time.Date(2026, 11, 16, 10, 0, 0, 0, berlin), slackemu.Options{}, 60*time.Second)
	l.addTrio()
	l.emu.AddChannel(leads, "leads", slackemu.BotUserID)
	l.start(nil)
	say := func() {
		for _, s := range []step{
			{ana, "on design checkout mocks"},
			{dana, "on product guest checkout decision"},
			{priya, "on engineering cost estimate"},
		} {
			l.deliver(l.emu.SlashCommand(s.user, stand, BlockedCommand, s.text))
		}
	}
	d := DigestDelivery{Schedule: mustCron(t, "0 9 * * 1"), Location: berlin, Channel: leads}
	pictures := func(suffix string) int {
		if err := l.bot.WaitIdle(l.ctx); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range l.emu.Files() {
			if f.Complete && slices.Contains(f.Channels, leads) && strings.HasSuffix(f.Name, suffix) {
				n++
			}
		}
		return n
	}

	// retries lets the bot try again what failed, after its backoff on the bot's
	// clock, until nothing is left to send (the refused digest posts are dead
	// letters, the pictures sent).
	retries := func(deadPosts int) {
		for range 60 {
			if err := l.bot.WaitIdle(l.ctx); err != nil {
				t.Fatal(err)
			}
			if pending, dead, err := l.db.OutboxDepth(l.ctx); err != nil {
				t.Fatal(err)
			} else if pending == 0 {
				if dead != deadPosts {
					t.Fatalf("%d dead letters, want %d (the refused digest posts only)", dead, deadPosts)
				}
				return
			}
			l.clk.Set(l.clk.Now().Add(time.Minute))
		}
		t.Fatal("effects still pending an hour later")
	}

	say()
	l.emu.InjectFault("chat.postMessage", slackemu.Fault{Error: "invalid_blocks", Times: 1})
	l.emu.InjectFault("files.completeUploadExternal", slackemu.Fault{Served: true, Status: 502, Times: 1})
	l.clk.Set(time.Date(2026, 11, 23, 9, 0, 0, 0, berlin))
	if err := l.bot.SendDigest(l.ctx, d, l.db, time.Date(2026, 11, 22, 0, 0, 0, 0, berlin)); err != nil {
		t.Fatal(err)
	}
	retries(1)
	if looks := len(l.emu.Calls("conversations.history")); looks == 0 {
		t.Fatal("week one: the upload whose answer was lost was not looked up")
	}
	if n := pictures("2026-11-22.png"); n != 1 {
		t.Fatalf("week one, its upload's answer lost: %d pictures, want 1", n)
	}

	l.clk.Set(time.Date(2026, 11, 26, 10, 0, 0, 0, berlin))
	say()
	l.emu.InjectFault("chat.postMessage", slackemu.Fault{Error: "invalid_blocks", Times: 1})
	l.emu.InjectFault("files.completeUploadExternal", slackemu.Fault{Reset: true, Times: 1})
	l.clk.Set(time.Date(2026, 11, 30, 9, 0, 0, 0, berlin))
	if err := l.bot.SendDigest(l.ctx, d, l.db, time.Date(2026, 11, 29, 0, 0, 0, 0, berlin)); err != nil {
		t.Fatal(err)
	}
	retries(2)
	if n := pictures("2026-11-29.png"); n != 1 {
		t.Fatalf("week two, unthreaded, its upload's connection dropped: %d pictures, want 1", n)
	}
	if n := pictures("2026-11-22.png"); n != 1 {
		t.Fatalf("week one's picture: %d, want still 1", n)
	}
}

// The last digest delivered is the time one went out to Slack: a digest to a
// channel the bot is not in is dead-lettered (not_in_channel) and counts for
// nothing, however long ago it was decided; one posted counts from when it was
// sent, also once the outbox has pruned its effect (a week on).
func TestDigestE2E_LastDeliveredOnlyWhenSent(t *testing.T) {
	o := newOutboxHarness(t)
	const outside = "C0OUTSIDE" // the bot was never invited
	o.emu.AddChannel(outside, "announcements", ana)
	asOf := o.clk.Now().AddDate(0, 0, -1)
	last := func() time.Time {
		t.Helper()
		at, err := o.db.LastDelivered(o.ctx, DigestKeyPrefix)
		if err != nil {
			t.Fatal(err)
		}
		return at
	}

	if err := o.bot.SendDigest(o.ctx, DigestDelivery{Channel: outside}, o.db, asOf); err != nil {
		t.Fatal(err)
	}
	o.settle(2)
	if dead, err := o.db.Outbox(o.ctx, unblock.OutgoingDead); err != nil || len(dead) != 1 || dead[0].Kind != effDigest {
		t.Fatalf("dead effects = %+v, %v; want the digest to %s", dead, err, outside)
	}
	if at := last(); !at.IsZero() {
		t.Fatalf("after a digest that was never sent: last delivered %v, want never", at)
	}

	o.clk.Advance(time.Hour)
	sent := o.clk.Now()
	if err := o.bot.SendDigest(o.ctx, DigestDelivery{Channel: stand}, o.db, asOf); err != nil {
		t.Fatal(err)
	}
	o.settle(2)
	if n := len(o.botMessages(stand)); n != 1 {
		t.Fatalf("digests in %s = %d, want 1", stand, n)
	}
	if at := last(); !at.Equal(sent) {
		t.Fatalf("after a digest sent at %v: last delivered %v", sent, at)
	}
	if _, err := o.db.OutboxPrune(o.ctx, sent.AddDate(0, 0, 30)); err != nil {
		t.Fatal(err)
	}
	if at := last(); !at.Equal(sent) {
		t.Fatalf("once the outbox is pruned: last delivered %v, want %v", at, sent)
	}
}
