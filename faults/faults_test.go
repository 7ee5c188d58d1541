package faults_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
)

const (
	standupChannel = "C0FSTAND1"
	leadsChannel   = "C0FLEADS1"
	lead           = "U0FLEAD01"
)

var members = []string{"U0FANA001", "U0FBEN001", "U0FCAT001", "U0FDAN001", "U0FEVE001"}

// suite is the real binary, run and killed against slackemu, and what was sent to it.
type suite struct {
	t   *testing.T
	ctx context.Context
	bin string
	dir string
	emu *slackemu.Server
	cfg string
	env []string
	// zone is the team's zone, fixed for the run (middayZone).
	zone string

	back     *atomic.Int64 // how far the emulator's clock is set back (a time.Duration)
	mu       sync.Mutex
	proc     *exec.Cmd
	exited   chan error
	runs     int
	dms      []sent // DMs sent, to be acknowledged and confirmed once
	commands []sent // /blocked on commands, to be recorded and answered once
	kills    int
}

// sent is one message or command the test sent, with what tells its effects apart.
type sent struct {
	user, channel, tag string
	d                  *slackemu.Delivery
	ts                 string
}

// TestFaults runs the real binary against slackemu with faults injected and checks
// that nothing acknowledged is lost and nothing happens twice: reports,
// confirmations, /blocked answers, prompts, the summary, the digest and its
// picture. UNBLOCK_FAULT_KILLS sets how many SIGKILLs (default 8, CI's scale).
func TestFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	kills := 8
	if n, err := strconv.Atoi(os.Getenv("UNBLOCK_FAULT_KILLS")); err == nil && n > 0 {
		kills = n
	}
	s := newSuite(t)

	// 0. Blockers open before the digest is on, so the digest has a picture to
	// draw and send when the kills begin.
	s.start()
	s.back.Store(int64(26 * time.Hour))
	for i, id := range members {
		s.sendDM(id, fmt.Sprintf("seed%d", i))
	}
	s.settle()
	s.back.Store(0)
	s.kill()
	s.writeConfig(true)

	// 1. SIGKILL at random points, with messages and commands in flight, the
	// prompts, the summary and the digest being decided and sent.
	for k := range kills {
		s.start()
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() { s.traffic(k, stop) })
		time.Sleep(time.Duration(50+rand.IntN(1500)) * time.Millisecond)
		s.kill()
		close(stop)
		wg.Wait()
	}
	s.start()

	// 2. Another process holds the write lock past the busy timeout.
	s.holdWriteLock(store.DefaultBusyTimeout + 2*time.Second)

	// 3. 429 and 5xx storms, resets, answers lost after the call was served, and
	// what a proxy in front of Slack answers. No call of a method may leave the
	// bot inside a Retry-After Slack gave for it.
	early := s.emu.EarlyCalls("chat.postMessage")
	storms := []struct {
		method string
		fault  slackemu.Fault
	}{
		{"chat.postMessage", slackemu.Fault{Status: 429, RetryAfter: 3, Times: 3}},
		{"chat.postMessage", slackemu.Fault{Status: 429, RetryAfter: -1, Times: 2}},
		{"chat.postMessage", slackemu.Fault{Status: 503, Times: 3}},
		{"chat.postMessage", slackemu.Fault{Status: 500, Served: true, Times: 2}},
		{"chat.postMessage", slackemu.Fault{Reset: true, Times: 2}},
		{"chat.postMessage", slackemu.Fault{HTML: true, Times: 2}},
		{"chat.postMessage", slackemu.Fault{HTML: true, Served: true, Times: 1}},
		{"chat.postMessage", slackemu.Fault{Error: "internal_error", Times: 2}},
		{"chat.postMessage", slackemu.Fault{Warning: "missing_charset", Times: 2}},
		{"response_url", slackemu.Fault{Status: 502, Times: 2}},
		// An expired or used-up response_url: the answer comes by chat.postEphemeral.
		{"response_url", slackemu.Fault{Status: 404, Times: 1}},
		{"conversations.open", slackemu.Fault{Status: 503, Times: 2}},
	}
	for i, st := range storms {
		s.emu.InjectFault(st.method, st.fault)
		s.sendDM(members[i%len(members)], fmt.Sprintf("storm%d", i))
		s.sendCommand(members[(i+1)%len(members)], fmt.Sprintf("stormcmd%d", i))
		s.settle()
		s.emu.ClearFaults()
	}
	if n := s.emu.EarlyCalls("chat.postMessage") - early; n != 0 {
		t.Errorf("%d chat.postMessage calls came inside a Retry-After", n)
	}

	// 4. Slack ends the socket for each of its reasons, or with no word, while
	// messages arrive; apps.connections.open fails for a while as the bot
	// connects again.
	ends := []func(){
		func() { s.emu.Disconnect("refresh_requested") },
		func() { s.emu.Disconnect("warning") },
		func() { s.emu.Disconnect("link_disabled") },
		func() { s.emu.Disconnect("too_many_websockets") },
		s.emu.DropConnections,
		func() {
			s.emu.InjectFault("apps.connections.open", slackemu.Fault{Status: 503, Times: 2})
			s.emu.DropConnections()
		},
	}
	for i, end := range ends {
		s.sendDM(members[i%len(members)], fmt.Sprintf("socket%d", i))
		end()
		s.sendDM(members[(i+2)%len(members)], fmt.Sprintf("socketafter%d", i))
		s.settle()
		s.emu.ClearFaults()
	}
	s.settle()
	figures := s.check()

	// 5. A revoked token stops the bot with one line naming it.
	s.revoke()
	t.Logf("figures: kills %d, faults %d, lost %d, duplicated %d, answers cut off mid-call %d (%d DMs, %d commands)",
		s.kills, s.emu.FaultsHit(), figures.lost, figures.duplicated, figures.midCall, len(s.dms), len(s.commands))
}

func newSuite(t *testing.T) *suite {
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	t.Cleanup(cancel)
	dir := t.TempDir()
	bin := buildUnblock(ctx, t, dir)
	// Slack allows about 20 apps.connections.open a minute; the suite restarts faster.
	limits := slackemu.DefaultRateLimits()
	limits["apps.connections.open"] = slackemu.RateLimit{Interval: time.Second, Burst: 100}
	// The emulator's clock can be set back, so seeded reports date from yesterday:
	// the digest covers the days up to yesterday.
	var back atomic.Int64
	now := func() time.Time { return time.Now().Add(-time.Duration(back.Load())) }
	emu := slackemu.New(slackemu.Options{AckTimeout: 2 * time.Second, MaxRetries: 5, RateLimits: limits, Now: now})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	for i, id := range members {
		emu.AddUser(slackemu.User{ID: id, Name: strings.ToLower(id[3:6]), RealName: "Member " + strconv.Itoa(i), Title: "Backend Engineer", TZ: "UTC"})
	}
	emu.AddUser(slackemu.User{ID: lead, Name: "lead", RealName: "Lena Lead", Title: "VP Engineering", TZ: "UTC"})
	emu.AddChannel(standupChannel, "standup", append([]string{slackemu.BotUserID}, members...)...)
	emu.AddChannel(leadsChannel, "leads", slackemu.BotUserID, lead)

	s := &suite{t: t, ctx: ctx, bin: bin, dir: dir, emu: emu, cfg: filepath.Join(dir, "config.yaml"), back: &back, zone: middayZone(time.Now())}
	s.writeConfig(false)
	s.env = append(os.Environ(), "SLACK_APP_TOKEN="+emu.AppToken(), "SLACK_BOT_TOKEN="+emu.BotToken(), "SLACK_API_URL="+emu.APIURL())
	t.Cleanup(func() {
		if s.proc != nil {
			s.proc.Process.Kill()
			<-s.exited
		}
	})
	return s
}

// writeConfig writes the bot's config: a team with a standup every minute and,
// with digest, a digest every minute to the leads' channel.
func (s *suite) writeConfig(digest bool) {
	yaml := `database: unblock.db
timezone: UTC
teams:
  - name: core
    channel: ` + standupChannel + `
    default_role: engineering
    members: [` + strings.Join(members, ", ") + `]
    schedule: "* * * * *"
    timezone: ` + s.zone + `
    summary: true
`
	if digest {
		yaml += `digest:
  schedule: "* * * * *"
  timezone: ` + s.zone + `
  channel: ` + leadsChannel + `
`
	}
	if err := os.WriteFile(s.cfg, []byte(yaml), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// noRound makes the team's standup schedule one that is never due in a test
// (the first of January at midnight): a round comes only when a test makes it due.
func (s *suite) noRound() {
	s.t.Helper()
	b, err := os.ReadFile(s.cfg)
	if err != nil {
		s.t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), `schedule: "* * * * *"`, `schedule: "0 0 1 1 *"`, 1))
	if err := os.WriteFile(s.cfg, b, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// start runs the binary and waits until it is connected.
func (s *suite) start() {
	s.t.Helper()
	opened := s.emu.ConnectionsOpened()
	s.runs++
	log, err := os.Create(filepath.Join(s.dir, fmt.Sprintf("run%02d.log", s.runs)))
	if err != nil {
		s.t.Fatal(err)
	}
	cmd := exec.Command(s.bin, "run", "-config", s.cfg)
	cmd.Env, cmd.Stdout, cmd.Stderr = s.env, log, log
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); log.Close() }()
	s.proc, s.exited = cmd, exited
	if err := s.emu.WaitFor(s.ctx, func() bool { return s.emu.ConnectionsOpened() > opened }); err != nil {
		s.t.Fatalf("the bot did not connect: %v\n%s", err, s.logTail())
	}
}

// kill SIGKILLs the binary.
func (s *suite) kill() {
	s.t.Helper()
	if err := s.proc.Process.Kill(); err != nil {
		s.t.Fatal(err)
	}
	<-s.exited
	s.proc = nil
	s.kills++
}

// traffic sends DMs and commands until stop, k naming the round.
func (s *suite) traffic(k int, stop <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		user := members[rand.IntN(len(members))]
		if i%3 == 2 {
			s.sendCommand(user, fmt.Sprintf("k%dc%d", k, i))
		} else {
			s.sendDM(user, fmt.Sprintf("k%dm%d", k, i))
		}
		time.Sleep(time.Duration(20+rand.IntN(60)) * time.Millisecond)
	}
}

func (s *suite) sendDM(user, tag string) {
	im := s.emu.IMChannel(user)
	d, err := s.emu.PostMessage(user, im, "Blockers: waiting on design for the zz"+tag+" mocks")
	if err != nil {
		s.t.Error(err)
		return
	}
	s.mu.Lock()
	s.dms = append(s.dms, sent{user: user, channel: im, tag: "zz" + tag, d: d, ts: d.TS})
	s.mu.Unlock()
}

func (s *suite) sendCommand(user, tag string) {
	d, err := s.emu.SlashCommand(user, standupChannel, "/blocked", "on design zz"+tag)
	if err != nil {
		s.t.Error(err)
		return
	}
	s.mu.Lock()
	s.commands = append(s.commands, sent{user: user, channel: standupChannel, tag: "zz" + tag, d: d})
	s.mu.Unlock()
}

// holdWriteLock holds the database's write lock from another process's connection
// for d while DMs arrive: their acks must not wait.
func (s *suite) holdWriteLock(d time.Duration) {
	s.t.Helper()
	other, err := sql.Open("sqlite3", "file:"+filepath.Join(s.dir, "unblock.db")+"?_txlock=immediate&_busy_timeout=10000")
	if err != nil {
		s.t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.BeginTx(s.ctx, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE people SET updated_at = updated_at`); err != nil {
		s.t.Fatal(err)
	}
	for i := range 3 {
		s.sendDM(members[i], fmt.Sprintf("lock%d", i))
		s.mu.Lock()
		d := s.dms[len(s.dms)-1].d
		s.mu.Unlock()
		if _, err := d.WaitAck(s.ctx); err != nil {
			s.t.Fatalf("a DM was not acknowledged while another process held the write lock: %v", err)
		}
		// Acknowledged within Slack's ack window (the emulator's): it was not
		// sent again, as it would be had the ack waited behind the lock.
		for _, e := range s.emu.Envelopes() {
			if e.EventID == d.EventID && e.RetryAttempt > 0 {
				s.t.Errorf("the DM lock%d was sent again (attempt %d): its ack waited behind another process's write lock", i, e.RetryAttempt)
			}
		}
	}
	time.Sleep(d)
	if err := tx.Rollback(); err != nil {
		s.t.Fatal(err)
	}
}

// settle waits for every delivery's fate and for the bot to have processed and
// sent everything.
func (s *suite) settle() {
	s.t.Helper()
	s.mu.Lock()
	all := append(append([]sent{}, s.dms...), s.commands...)
	s.mu.Unlock()
	for _, m := range all {
		m.d.WaitAck(s.ctx) // an envelope Slack gave up on is simply not acknowledged
	}
	db, err := store.Open(s.ctx, filepath.Join(s.dir, "unblock.db"))
	if err != nil {
		s.t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		inbox, err1 := db.InboxPending(s.ctx, 1)
		out, err2 := db.Outbox(s.ctx, "pending")
		if err1 == nil && err2 == nil && len(inbox) == 0 && len(out) == 0 {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	s.t.Fatalf("the bot did not settle\n%s", s.logTail())
}

type figures struct {
	lost, duplicated int
	// midCall counts /blocked answers a kill cut off between the record of
	// their attempt and the call: made at most once, as documented.
	midCall int
}

// check counts what was lost and what happened twice, and fails on either.
func (s *suite) check() figures {
	s.t.Helper()
	var f figures
	lost := func(format string, args ...any) { f.lost++; s.t.Errorf("lost: "+format, args...) }
	twice := func(format string, args ...any) { f.duplicated++; s.t.Errorf("twice: "+format, args...) }

	db, err := store.Open(s.ctx, filepath.Join(s.dir, "unblock.db"))
	if err != nil {
		s.t.Fatal(err)
	}
	defer db.Close()
	reports := map[string]int{} // by tag
	for _, id := range members {
		rec, err := db.PersonRecord(s.ctx, id, time.Now().Add(time.Hour))
		if err != nil {
			s.t.Fatal(err)
		}
		for _, r := range rec.Reports {
			for _, w := range strings.Fields(r.Text) {
				if strings.HasPrefix(w, "zz") {
					reports[w]++
				}
			}
		}
	}
	for _, m := range s.dms {
		if _, err := m.d.WaitAck(s.ctx); err != nil {
			continue // never acknowledged: Slack would have shown the user an error
		}
		switch n := reports[m.tag]; {
		case n == 0:
			lost("the report of DM %s", m.tag)
		case n > 1:
			twice("the report of DM %s (%d)", m.tag, n)
		}
		confirmations := 0
		for _, msg := range s.emu.Messages(m.channel) {
			if msg.User == slackemu.BotUserID && msg.ThreadTS == m.ts {
				confirmations++
			}
		}
		switch {
		case confirmations == 0:
			lost("the confirmation of DM %s", m.tag)
		case confirmations > 1:
			twice("the confirmation of DM %s (%d)", m.tag, confirmations)
		}
	}
	// An answer is what its user sees: an ephemeral message in the command's
	// channel, made through the response_url or, when Slack refused that, with
	// chat.postEphemeral (the emulator records both as the user's ephemerals).
	answers := map[string]int{} // by user and tag
	for _, id := range members {
		for _, e := range s.emu.Ephemerals(id) {
			if e.Channel != standupChannel {
				continue
			}
			for _, w := range strings.FieldsFunc(e.Text, func(c rune) bool { return c == ' ' || c == '(' || c == ')' || c == '.' }) {
				if strings.HasPrefix(w, "zz") {
					answers[id+" "+w]++
				}
			}
		}
	}
	for _, c := range s.commands {
		if _, err := c.d.WaitAck(s.ctx); err != nil {
			continue
		}
		switch n := reports[c.tag]; {
		case n == 0:
			lost("the report of command %s", c.tag)
		case n > 1:
			twice("the report of command %s (%d)", c.tag, n)
		}
		switch n := answers[c.user+" "+c.tag]; {
		case n == 0 && s.lostMidCall(db, c):
			// Made at most once after an attempt's outcome was lost (README): a
			// kill between the attempt's record and the call leaves no trace in
			// Slack to look up, and making it again could show it twice.
			f.midCall++
			s.t.Logf("the answer to command %s was not made again: a kill came mid-call", c.tag)
		case n == 0:
			lost("the answer to command %s", c.tag)
			s.explainAnswer(db, c)
		case n > 1:
			twice("the answer to command %s (%d)", c.tag, n)
		}
	}
	// A kill lands between an answer's record and its call a few microseconds
	// in each answer's life: more than one such answer in a run means that
	// window has grown (work moved between BeginAttempt and the call).
	if f.midCall > 1 {
		s.t.Errorf("%d /blocked answers were cut off mid-call, want at most 1: the window between an attempt's record and its call has grown", f.midCall)
	}
	for _, id := range members {
		prompts := 0
		for _, msg := range s.emu.Messages(s.emu.IMChannel(id)) {
			if msg.User == slackemu.BotUserID && msg.ThreadTS == "" && strings.Contains(msg.Text, "standup") {
				prompts++
			}
		}
		switch {
		case prompts == 0:
			lost("the prompt of %s", id)
		case prompts > 1:
			twice("the prompt of %s (%d)", id, prompts)
		}
	}
	top := func(channel string) (n int) {
		for _, msg := range s.emu.Messages(channel) {
			if msg.User == slackemu.BotUserID && (msg.ThreadTS == "" || msg.ThreadTS == msg.TS) {
				n++
			}
		}
		return n
	}
	if n := top(standupChannel); n > 1 {
		twice("the team summary (%d)", n)
	}
	switch n := top(leadsChannel); {
	case n == 0:
		lost("the digest")
		s.explainDigest(db)
	case n > 1:
		twice("the digest (%d)", n)
	}
	pictures := 0
	for _, f := range s.emu.Files() {
		for _, ch := range f.Channels {
			if ch == leadsChannel {
				pictures++
			}
		}
	}
	switch {
	case pictures == 0:
		lost("the digest's picture")
		s.explainDigest(db)
	case pictures > 1:
		twice("the digest's picture (%d)", pictures)
	}
	if f.lost+f.duplicated > 0 {
		s.t.Logf("last run's log:\n%s", s.logTail())
		for i := 1; i <= s.runs; i++ {
			b, _ := os.ReadFile(filepath.Join(s.dir, fmt.Sprintf("run%02d.log", i)))
			for _, line := range strings.Split(string(b), "\n") {
				if strings.Contains(line, "dead-lettered") || strings.Contains(line, "digest") || strings.Contains(line, "picture") {
					s.t.Logf("run %d: %s", i, line)
				}
			}
		}
	}
	return f
}

// revoke revokes the bot token while the bot runs: it must stop with exit 1 and
// a last line that names the token.
func (s *suite) revoke() {
	s.t.Helper()
	s.emu.Revoke(s.emu.BotToken())
	s.sendDM(members[0], "revoked")
	select {
	case err := <-s.exited:
		s.proc = nil
		var ee *exec.ExitError
		if !asExit(err, &ee) || ee.ExitCode() != 1 {
			s.t.Errorf("exit after a revoked token: %v, want exit 1", err)
		}
		last := lastLine(s.logTail())
		if !strings.Contains(last, "SLACK_BOT_TOKEN") || !strings.Contains(last, "token_revoked") {
			s.t.Errorf("last line %q does not name SLACK_BOT_TOKEN and token_revoked", last)
		}
	case <-time.After(30 * time.Second):
		s.t.Errorf("the bot runs on with a revoked token\n%s", s.logTail())
	}
}

func asExit(err error, ee **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	*ee = e
	return ok
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// logTail returns the end of the last run's log.
func (s *suite) logTail() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, fmt.Sprintf("run%02d.log", s.runs)))
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(bytes.TrimSpace(b))
}

// buildUnblock builds the real binary into dir, as an operator runs it, and
// returns its path.
func buildUnblock(ctx context.Context, t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "unblock")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "../cmd/unblock").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// middayZone names a fixed-offset zone where it is about noon now. The suites'
// standups and digests run every minute, one round a day and one digest a period
// in their zone: in UTC a run that started just before midnight saw a second
// day's round begin and counted its prompts as the first round's sent twice (CI
// at 00:00 UTC). From noon no run of a few minutes crosses a day, and the
// emulator's reports, 26 hours back, date from yesterday there too.
func middayZone(now time.Time) string {
	off := 12 - now.UTC().Hour() // -11 .. +12 hours; IANA's Etc/GMT signs are inverted
	switch {
	case off > 0:
		return fmt.Sprintf("Etc/GMT-%d", off)
	case off < 0:
		return fmt.Sprintf("Etc/GMT+%d", -off)
	}
	return "UTC"
}

// answerEffect returns the outbox's effect that answers command c.
func (s *suite) answerEffect(db *store.DB, c sent) (unblock.Outgoing, bool) {
	all, err := db.Outbox(s.ctx, "")
	if err != nil {
		s.t.Errorf("outbox: %v", err)
		return unblock.Outgoing{}, false
	}
	for _, o := range all {
		if o.Kind == "answer" && strings.Contains(string(o.Payload), "("+c.tag+")") {
			return o, true
		}
	}
	return unblock.Outgoing{}, false
}

// lostMidCall reports whether the answer to c, a command sent while the bot
// was being killed, was given up because a kill came between the record of
// its attempt and its outcome: the one case where a /blocked answer is made at
// most once (an ephemeral answer cannot be looked up in Slack). Nothing reached
// Slack's response_url for it, or the user would have seen it.
func (s *suite) lostMidCall(db *store.DB, c sent) bool {
	if !strings.HasPrefix(c.tag, "zzk") {
		return false // sent after the kills: nothing may cut it off
	}
	o, ok := s.answerEffect(db, c)
	return ok && o.State == unblock.OutgoingDead && o.Attempts == 1 && strings.Contains(o.Error, "outcome was lost")
}

// explainDigest logs what became of the digest and its picture: their effects
// in the outbox and what the bot posted in the leads' channel.
func (s *suite) explainDigest(db *store.DB) {
	all, err := db.Outbox(s.ctx, "")
	if err != nil {
		s.t.Logf("outbox: %v", err)
		return
	}
	for _, o := range all {
		if o.Kind == "digest" || o.Kind == "upload" {
			s.t.Logf("%s: key %s state %s attempts %d uncertain %v error %q", o.Kind, o.Key, o.State, o.Attempts, o.Uncertain, o.Error)
		}
	}
	for _, m := range s.emu.Messages(leadsChannel) {
		if m.User == slackemu.BotUserID {
			s.t.Logf("in the leads' channel (thread %q, %d files): %.300q", m.ThreadTS, len(m.Files), m.Text)
		}
	}
}

// explainAnswer logs what became of the answer to command c: its effect in the
// outbox and any ephemeral message that carries its tag.
func (s *suite) explainAnswer(db *store.DB, c sent) {
	if o, ok := s.answerEffect(db, c); ok {
		s.t.Logf("answer to %s: key %s state %s attempts %d uncertain %v error %q", c.tag, o.Key, o.State, o.Attempts, o.Uncertain, o.Error)
	} else {
		s.t.Logf("answer to %s: no effect in the outbox", c.tag)
	}
	for _, e := range s.emu.Ephemerals(c.user) {
		if strings.Contains(e.Text, "("+c.tag+")") {
			s.t.Logf("ephemeral to %s in %s: %q", c.user, e.Channel, e.Text)
		}
	}
}
