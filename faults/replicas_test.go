package faults_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/slackemu"
	"github.com/unblock-dev/unblock/store"
	"github.com/unblock-dev/unblock/store/pgtest"
)

// replicaMembers is the size of the standup round the replicas share.
const replicaMembers = 200

// replicas is two (or more) real binaries on one PostgreSQL against one slackemu.
type replicas struct {
	t    *testing.T
	ctx  context.Context
	bin  string
	dir  string
	url  string
	emu  *slackemu.Server
	cfg  string
	env  []string
	team []string
	zone string // the team's zone, fixed for the run (middayZone)

	mu   sync.Mutex
	runs int
	dms  []sent
}

// replica is one running `unblock run`.
type replica struct {
	name   string
	cmd    *exec.Cmd
	log    string
	exited chan error
}

// TestReplicas runs two `unblock run` on one PostgreSQL and SIGKILLs the one that
// runs the schedules during a 200-member standup round, then again during the
// digest, while members write DMs: every member is prompted exactly once, every
// acknowledged DM is stored once and confirmed once, and one digest goes out for
// the period. It prints how long the other replica took to take the schedules
// over (BENCHMARKS.md).
func TestReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary twice")
	}
	r := newReplicas(t)

	// 1. The standup round: replica a leads, b stands by. Every post's answer takes
	// 30 ms (a slow Slack), so the round takes seconds and the kill lands in it,
	// as likely as not while a post is made but its answer not yet read.
	r.emu.InjectFault("chat.postMessage", slackemu.Fault{Served: true, Delay: 30 * time.Millisecond})
	a := r.start("a")
	r.waitLog(a, "running the schedules")
	b := r.start("b")
	r.waitLog(b, "standing by")
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { r.traffic("r", stop) })
	r.waitFor("a quarter of the round", func() bool { return r.prompted() >= replicaMembers/4 })
	before := r.prompted()
	killed := time.Now()
	r.kill(a)
	took := r.waitLog(b, "running the schedules").Sub(killed)
	t.Logf("kill 1, during the standup round (%d of %d prompted): replica b took the schedules over %v after the SIGKILL",
		before, replicaMembers, took.Round(time.Millisecond))
	if before >= replicaMembers {
		t.Errorf("the round was over before the kill: the test did not kill during the round")
	}
	r.waitFor("the whole round", func() bool { return r.prompted() >= replicaMembers })
	close(stop)
	wg.Wait()
	r.settle()

	// 2. The digest: both restart with the digest on; the leader is killed while
	// its digest is being posted (made, its answer held for 15 s: long enough that
	// the kill lands before the answer on a loaded machine, where 2 s once let the
	// leader record the post before it died, leaving nothing uncertain to find).
	r.stop(b)
	r.writeConfig(true)
	r.emu.ClearFaults()
	hits := r.emu.FaultsHit()
	r.emu.InjectFault("chat.postMessage", slackemu.Fault{Served: true, Delay: 15 * time.Second, Times: 1})
	c := r.start("c")
	r.waitLog(c, "running the schedules")
	d := r.start("d")
	r.waitLog(d, "standing by")
	r.waitFor("the digest to be under way", func() bool { return r.emu.FaultsHit() > hits })
	if n := r.top(leadsChannel); n != 1 {
		t.Errorf("the kill is not during the digest's post: %d digests in the leads' channel before it", n)
	}
	killed = time.Now()
	r.kill(c)
	took2 := r.waitLog(d, "running the schedules").Sub(killed)
	t.Logf("kill 2, during the digest: replica d took the schedules over %v after the SIGKILL", took2.Round(time.Millisecond))
	r.settle()
	if !strings.Contains(r.logOf(d), "effect found in Slack after an uncertain attempt") {
		t.Errorf("replica d did not find the digest replica c posted while it was killed:\n%s", r.logOf(d))
	}
	r.check()
	for _, took := range []time.Duration{took, took2} {
		if took > 30*time.Second {
			t.Errorf("failover took %v; the promise is 30 s", took)
		}
	}
	t.Logf("figures: %d members prompted once each, %d DMs, failover %v and %v", replicaMembers, len(r.dms),
		took.Round(time.Millisecond), took2.Round(time.Millisecond))
	r.stop(d)
}

func newReplicas(t *testing.T) *replicas {
	url := pgtest.Schema(t)
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	t.Cleanup(cancel)
	dir := t.TempDir()
	bin := buildUnblock(ctx, t, dir)
	limits := slackemu.DefaultRateLimits()
	limits["apps.connections.open"] = slackemu.RateLimit{Interval: time.Second, Burst: 100}
	// A 200-member workspace's look-ups and DM opens at the pace of a paid plan's burst.
	for _, m := range []string{"conversations.open", "users.info"} {
		limits[m] = slackemu.RateLimit{Interval: time.Millisecond, Burst: 1000}
	}
	// Reports date from yesterday, so the digest (the week up to yesterday) has them.
	now := func() time.Time { return time.Now().Add(-26 * time.Hour) }
	emu := slackemu.New(slackemu.Options{AckTimeout: 2 * time.Second, MaxRetries: 5, RateLimits: limits, Now: now})
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	team := make([]string, replicaMembers)
	for i := range team {
		team[i] = fmt.Sprintf("U0R%06d", i)
		emu.AddUser(slackemu.User{ID: team[i], Name: fmt.Sprintf("m%03d", i), RealName: fmt.Sprintf("Member %d", i), Title: "Backend Engineer", TZ: "UTC"})
	}
	emu.AddUser(slackemu.User{ID: lead, Name: "lead", RealName: "Lena Lead", Title: "VP Engineering", TZ: "UTC"})
	emu.AddChannel(standupChannel, "standup", append([]string{slackemu.BotUserID}, team...)...)
	emu.AddChannel(leadsChannel, "leads", slackemu.BotUserID, lead)
	r := &replicas{t: t, ctx: ctx, bin: bin, dir: dir, url: url, emu: emu, cfg: filepath.Join(dir, "config.yaml"), team: team, zone: middayZone(time.Now())}
	r.writeConfig(false)
	r.env = append(os.Environ(), "SLACK_APP_TOKEN="+emu.AppToken(), "SLACK_BOT_TOKEN="+emu.BotToken(),
		"SLACK_API_URL="+emu.APIURL(), "DATABASE_URL="+url)
	return r
}

// writeConfig writes the replicas' config: one team with a standup every minute
// (one round a day) and, with digest, a digest every minute (one per period).
func (r *replicas) writeConfig(digest bool) {
	yaml := `database: ${DATABASE_URL}
timezone: UTC
teams:
  - name: core
    channel: ` + standupChannel + `
    default_role: engineering
    members: [` + strings.Join(r.team, ", ") + `]
    schedule: "* * * * *"
    timezone: ` + r.zone + `
`
	if digest {
		yaml += `digest:
  schedule: "* * * * *"
  timezone: ` + r.zone + `
  channel: ` + leadsChannel + `
`
	}
	if err := os.WriteFile(r.cfg, []byte(yaml), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// start runs a replica and waits until it is connected.
func (r *replicas) start(name string) *replica {
	r.t.Helper()
	opened := r.emu.ConnectionsOpened()
	r.runs++
	rep := &replica{name: name, log: filepath.Join(r.dir, "replica-"+name+".log"), exited: make(chan error, 1)}
	f, err := os.Create(rep.log)
	if err != nil {
		r.t.Fatal(err)
	}
	rep.cmd = exec.Command(r.bin, "run", "-config", r.cfg)
	rep.cmd.Env, rep.cmd.Stdout, rep.cmd.Stderr = r.env, f, f
	if err := rep.cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	go func() { rep.exited <- rep.cmd.Wait(); f.Close() }()
	r.t.Cleanup(func() {
		rep.cmd.Process.Kill()
		<-rep.exited
	})
	if err := r.emu.WaitFor(r.ctx, func() bool { return r.emu.ConnectionsOpened() > opened }); err != nil {
		r.t.Fatalf("replica %s did not connect: %v\n%s", name, err, r.logOf(rep))
	}
	return rep
}

// kill SIGKILLs a replica.
func (r *replicas) kill(rep *replica) {
	r.t.Helper()
	if err := rep.cmd.Process.Kill(); err != nil {
		r.t.Fatal(err)
	}
	<-rep.exited
	rep.exited <- nil // for the cleanup
}

// stop stops a replica as an operator does (SIGTERM) and waits for it.
func (r *replicas) stop(rep *replica) {
	r.t.Helper()
	rep.cmd.Process.Signal(os.Interrupt)
	if err := <-rep.exited; err != nil {
		r.t.Errorf("replica %s: %v\n%s", rep.name, err, r.logOf(rep))
	}
	rep.exited <- nil
}

// waitLog waits until the replica's log has a line with text and returns when
// the test saw it.
func (r *replicas) waitLog(rep *replica, text string) time.Time {
	r.t.Helper()
	if err := r.emu.WaitFor(r.ctx, func() bool { return strings.Contains(r.logOf(rep), text) }); err != nil {
		r.t.Fatalf("replica %s never logged %q: %v\n%s", rep.name, text, err, r.logOf(rep))
	}
	return time.Now()
}

func (r *replicas) waitFor(what string, cond func() bool) {
	r.t.Helper()
	if err := r.emu.WaitFor(r.ctx, cond); err != nil {
		r.t.Fatalf("waiting for %s: %v", what, err)
	}
}

func (r *replicas) logOf(rep *replica) string {
	b, _ := os.ReadFile(rep.log)
	return string(b)
}

// traffic sends DMs from random members until stop.
func (r *replicas) traffic(tag string, stop <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		user := r.team[rand.IntN(len(r.team))]
		im := r.emu.IMChannel(user)
		d, err := r.emu.PostMessage(user, im, fmt.Sprintf("Blockers: waiting on design for the zz%s%d mocks", tag, i))
		if err != nil {
			r.t.Error(err)
			return
		}
		r.mu.Lock()
		r.dms = append(r.dms, sent{user: user, channel: im, tag: fmt.Sprintf("zz%s%d", tag, i), d: d, ts: d.TS})
		r.mu.Unlock()
		time.Sleep(time.Duration(20+rand.IntN(40)) * time.Millisecond)
	}
}

// prompts returns how many standup prompts the bot sent each member.
func (r *replicas) prompts() map[string]int {
	n := map[string]int{}
	for _, id := range r.team {
		for _, msg := range r.emu.Messages(r.emu.IMChannel(id)) {
			if msg.User == slackemu.BotUserID && msg.ThreadTS == "" && strings.Contains(msg.Text, "standup") {
				n[id]++
			}
		}
	}
	return n
}

// prompted returns how many members were prompted.
func (r *replicas) prompted() int { return len(r.prompts()) }

// top counts the bot's top-level posts in channel.
func (r *replicas) top(channel string) (n int) {
	for _, msg := range r.emu.Messages(channel) {
		if msg.User == slackemu.BotUserID && (msg.ThreadTS == "" || msg.ThreadTS == msg.TS) {
			n++
		}
	}
	return n
}

// settle waits until every acknowledged DM is processed and every effect sent,
// by whichever replica.
func (r *replicas) settle() {
	r.t.Helper()
	r.mu.Lock()
	all := append([]sent{}, r.dms...)
	r.mu.Unlock()
	for _, m := range all {
		m.d.WaitAck(r.ctx)
	}
	db, err := store.Open(r.ctx, r.url)
	if err != nil {
		r.t.Fatal(err)
	}
	defer db.Close()
	r.waitFor("the replicas to settle", func() bool {
		inbox, err1 := db.InboxPending(r.ctx, 1)
		out, err2 := db.Outbox(r.ctx, "pending")
		return err1 == nil && err2 == nil && len(inbox) == 0 && len(out) == 0
	})
}

// check fails on anything lost or done twice.
func (r *replicas) check() {
	r.t.Helper()
	db, err := store.Open(r.ctx, r.url)
	if err != nil {
		r.t.Fatal(err)
	}
	defer db.Close()
	reports := map[string]int{}
	for _, id := range r.team {
		rec, err := db.PersonRecord(r.ctx, id, time.Now().Add(time.Hour))
		if err != nil {
			r.t.Fatal(err)
		}
		for _, rep := range rec.Reports {
			for _, w := range strings.Fields(rep.Text) {
				if strings.HasPrefix(w, "zz") {
					reports[w]++
				}
			}
		}
	}
	acked := 0
	for _, m := range r.dms {
		if _, err := m.d.WaitAck(r.ctx); err != nil {
			continue // never acknowledged: Slack would have shown the user an error
		}
		acked++
		if n := reports[m.tag]; n != 1 {
			r.t.Errorf("the report of DM %s is stored %d times, want once", m.tag, n)
		}
		confirmations := 0
		for _, msg := range r.emu.Messages(m.channel) {
			if msg.User == slackemu.BotUserID && msg.ThreadTS == m.ts {
				confirmations++
			}
		}
		if confirmations != 1 {
			r.t.Errorf("DM %s is confirmed %d times, want once", m.tag, confirmations)
		}
	}
	if acked == 0 {
		r.t.Error("no DM was acknowledged")
	}
	prompts := r.prompts()
	for _, id := range r.team {
		if n := prompts[id]; n != 1 {
			r.t.Errorf("%s was prompted %d times, want once", id, n)
		}
	}
	if n := r.top(leadsChannel); n != 1 {
		r.t.Errorf("%d digests in the leads' channel, want one for the period", n)
	}
}
