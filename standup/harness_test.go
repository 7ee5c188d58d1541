package standup_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
	"github.com/unblock-dev/unblock/standup"
	"github.com/unblock-dev/unblock/store"
)

// The store is what the bot wires in as sessions and directory.
var (
	_ standup.Sessions  = (*store.DB)(nil)
	_ standup.Directory = (*store.DB)(nil)
)

// harness is a scheduler over a real SQLite file, the store as its directory, a
// recording messenger and a fake clock.
type harness struct {
	t        testing.TB
	ctx      context.Context
	path     string
	db       *store.DB
	clk      *clock.Fake
	msg      *messenger
	teams    []standup.Team
	holidays []time.Time
	s        *standup.Scheduler
}

func newHarness(t testing.TB, start time.Time, teams []standup.Team, people []unblock.Person, holidays ...time.Time) *harness {
	t.Helper()
	h := &harness{
		t:        t,
		ctx:      context.Background(),
		path:     filepath.Join(t.TempDir(), "unblock.db"),
		clk:      clock.NewFake(start),
		teams:    teams,
		holidays: holidays,
	}
	h.msg = &messenger{clk: h.clk, fail: map[string]int{}}
	h.open()
	if len(people) > 0 {
		if err := h.db.UpsertPeople(h.ctx, people); err != nil {
			t.Fatalf("UpsertPeople: %v", err)
		}
		for _, p := range people {
			if !p.AwayUntil.IsZero() {
				if err := h.db.SetAway(h.ctx, p.ID, p.AwayUntil); err != nil {
					t.Fatalf("SetAway: %v", err)
				}
			}
		}
	}
	t.Cleanup(func() { h.db.Close() })
	return h
}

func (h *harness) open() {
	db, err := store.Open(h.ctx, h.path)
	if err != nil {
		h.t.Fatalf("store.Open: %v", err)
	}
	h.db = db
	h.s = standup.New(h.teams, h.holidays, time.UTC, h.clk, db, db, h.msg, nil)
}

// restart closes the store and starts a new scheduler over the same file, as a
// process restart does.
func (h *harness) restart() {
	h.t.Helper()
	if err := h.db.Close(); err != nil {
		h.t.Fatalf("Close: %v", err)
	}
	h.open()
}

func (h *harness) tick() {
	h.t.Helper()
	if err := h.s.Tick(h.ctx); err != nil {
		h.t.Fatalf("Tick at %v: %v", h.clk.Now(), err)
	}
}

// runUntil ticks now and at every wake the scheduler plans, up to and including
// end, as Run does; it returns how many ticks that took.
func (h *harness) runUntil(end time.Time) int {
	h.t.Helper()
	h.tick()
	ticks := 1
	for {
		next := h.s.Next()
		if next.IsZero() || next.After(end) {
			break
		}
		h.clk.Set(next)
		h.tick()
		ticks++
	}
	if end.After(h.clk.Now()) {
		h.clk.Set(end)
		h.tick()
		ticks++
	}
	return ticks
}

func (h *harness) answer(person string, at time.Time) bool {
	h.t.Helper()
	ok, err := h.s.Answered(h.ctx, person, unblock.Report{PersonID: person, At: at, Channel: "D" + person, TS: tsOf(at)})
	if err != nil {
		h.t.Fatalf("Answered(%s, %v): %v", person, at, err)
	}
	return ok
}

func (h *harness) session(team, person, day string) (unblock.Session, bool) {
	h.t.Helper()
	s, err := h.db.Session(h.ctx, team, person, day)
	if unblock.ErrorCode(err) == unblock.ENOTFOUND {
		return unblock.Session{}, false
	} else if err != nil {
		h.t.Fatalf("Session: %v", err)
	}
	return s, true
}

func tsOf(t time.Time) string { return fmt.Sprintf("%d.%06d", t.Unix(), t.Nanosecond()/1000) }

// call is one thing the messenger was asked to do.
type call struct {
	Kind     string // prompt, remind, summary
	At       time.Time
	Team     string
	Person   string // prompt, remind
	Day      string
	Prev     standup.Post // summary
	Sessions []unblock.Session
}

// messenger records every call; fail[person] makes that many prompts fail.
type messenger struct {
	clk   clock.Clock
	mu    sync.Mutex
	calls []call
	fail  map[string]int
	posts int
	slow  func() // if set, runs after each prompt: sending takes time
}

func (m *messenger) Prompt(ctx context.Context, t standup.Team, s unblock.Session) (string, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail[s.PersonID] > 0 {
		m.fail[s.PersonID]--
		return "", "", errors.New("slack: ratelimited")
	}
	now := m.clk.Now()
	if !s.PromptAt.Equal(now) {
		return "", "", fmt.Errorf("prompt with PromptAt %v at %v", s.PromptAt, now)
	}
	m.calls = append(m.calls, call{Kind: "prompt", At: now, Team: t.Name, Person: s.PersonID, Day: s.Day})
	if m.slow != nil {
		m.slow()
	}
	return "D" + s.PersonID, tsOf(now), nil
}

func (m *messenger) Remind(ctx context.Context, t standup.Team, s unblock.Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s.PromptTS == "" {
		return errors.New("remind without a prompt")
	}
	m.calls = append(m.calls, call{Kind: "remind", At: m.clk.Now(), Team: t.Name, Person: s.PersonID, Day: s.Day})
	return nil
}

func (m *messenger) Summary(ctx context.Context, t standup.Team, day string, sessions []unblock.Session, prev standup.Post) (standup.Post, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls = append(m.calls, call{Kind: "summary", At: m.clk.Now(), Team: t.Name, Day: day, Prev: prev, Sessions: sessions})
	if prev.TS != "" {
		return prev, nil // chat.update keeps channel and ts
	}
	m.posts++
	return standup.Post{Channel: t.Channel, TS: fmt.Sprintf("1700000000.%06d", m.posts)}, nil
}

// of returns the calls of kind, in order.
func (m *messenger) of(kind string) []call {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []call
	for _, c := range m.calls {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	return out
}

// byPerson returns the times of kind's calls for each person.
func (m *messenger) byPerson(kind string) map[string][]time.Time {
	out := map[string][]time.Time{}
	for _, c := range m.of(kind) {
		out[c.Person] = append(out[c.Person], c.At)
	}
	return out
}

func weekdays0930(t testing.TB) cron.Schedule {
	t.Helper()
	s, err := cron.ParseStandard("30 9 * * MON-FRI")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func date(y int, m time.Month, d, hh, mm int, loc *time.Location) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, loc)
}

func team(t testing.TB, name string, members ...string) standup.Team {
	return standup.Team{
		Name:          name,
		Channel:       "C" + name,
		Members:       members,
		Schedule:      weekdays0930(t),
		Questions:     []string{"Yesterday?", "Today?", "Blockers?"},
		ReminderAfter: 2 * time.Hour,
		AnswerWindow:  4 * time.Hour,
	}
}

func equalTimes(a, b []time.Time) bool {
	return slices.EqualFunc(a, b, func(x, y time.Time) bool { return x.Equal(y) })
}
