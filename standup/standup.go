// Package standup runs each team's asynchronous standup: who is asked what and
// when, one reminder, skips for people who are away, and the team summary.
//
// Schedules are cron schedules evaluated in the prompt's time zone: the team's
// zone, or each member's own Slack profile zone, so a 09:30 standup prompts at
// 09:30 local time for everyone, across daylight saving changes. The standup day
// of a prompt is its local date.
//
// Everything the scheduler does is stored as a session, one per team, person and
// day: a prompt (PromptAt is when it was decided; PromptTS where, when the
// Messenger knows it at once, "" when its outbox will post it later), the reminder
// (RemindedAt), the answer (AnsweredAt, ReportID) or a skip (Skipped says why;
// PromptAt is then the scheduled time). So a restart never prompts twice, and a
// prompt whose time passed while the process was down is sent on start as long
// as its window (AnswerWindow from the scheduled time) is still open; it then
// gets a full window and its reminder from when it was decided. A prompt or a
// reminder is decided in the transaction that stores it in the session: the
// Messenger enqueues it in the bot's outbox, which delivers it once.
//
// The package knows nothing of Slack: it talks to people through a Messenger,
// which the bot implements, and it is driven by a clock.Clock, so tests move a
// fake clock instead of sleeping.
package standup

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/clock"
)

// Defaults for Team fields left zero and for the scheduler's own pacing.
const (
	DefaultAnswerWindow = 4 * time.Hour // a prompt accepts answers for this long
	DefaultRetryAfter   = time.Minute   // after a failed prompt or reminder, try again this much later
	EveningBeforeHour   = 18            // with EveningBefore, answers count from 18:00 local the day before
	maxOccurrences      = 64            // occurrences of one schedule looked at per member and tick
	dayLayout           = "2006-01-02"
)

// Team is one team's standup, copied from the config.
type Team struct {
	Name    string   // unique team name; part of each session's key
	Channel string   // channel ID for the summary and public reminders
	Members []string // Slack user IDs

	// Schedule says when prompts go out (5-field cron, parsed by config). It is
	// evaluated in the prompt's zone: a schedule without CRON_TZ= takes the zone
	// of the time it is given.
	Schedule cron.Schedule
	// Location is the team's zone. Nil means each member's own Slack profile
	// zone (unblock.Person.TZ), falling back to the scheduler's fallback zone.
	Location *time.Location

	Questions []string // the standup questions, in order

	// ReminderAfter is how long after the prompt an unanswered member gets one
	// reminder; zero means no reminder. AnswerWindow is how long after the
	// prompt answers count; zero means DefaultAnswerWindow. No reminder is sent
	// once the window has closed.
	ReminderAfter, AnswerWindow time.Duration

	// EveningBefore accepts answers from 18:00 local the evening before the
	// standup day until its prompt; such an answer means no prompt is sent.
	EveningBefore bool

	Summary         bool // post the team summary to Channel and update it as answers arrive
	PublicReminders bool // the reminder may tag the person in Channel; otherwise it is a private DM
}

// Messenger talks to people; the bot implements it over Slack.
type Messenger interface {
	// Prompt sends s.PersonID the team's questions with an "Answer" button, or
	// decides to in ctx's transaction (the bot's outbox), and returns where the
	// prompt was posted if it knows ("", "" when it is posted later).
	// s.PromptAt is the time of deciding; answers count until
	// s.PromptAt+t.AnswerWindow.
	Prompt(ctx context.Context, t Team, s unblock.Session) (channel, ts string, err error)
	// Remind sends one polite reminder about the prompt in s (s.Channel,
	// s.PromptTS); it tags the person publicly in t.Channel only if
	// t.PublicReminders.
	Remind(ctx context.Context, t Team, s unblock.Session) error
	// Summary posts the team's summary for day to t.Channel, or updates prev in
	// place (chat.update) when prev.TS != "", and returns where it is; a
	// Messenger that posts later (the bot's outbox, which remembers the post
	// under SummaryKey itself) returns prev.
	Summary(ctx context.Context, t Team, day string, sessions []unblock.Session, prev Post) (Post, error)
}

// Post is where a message was posted.
type Post struct{ Channel, TS string }

// Directory tells the scheduler about a person: their profile zone (TZ), Slack
// status (StatusText, StatusEmoji) and AwayUntil. It is asked for every member
// at every wake, so it should be cheap (the store's people table, not the Web
// API). An unblock.ENOTFOUND error means a person with no zone and no status.
type Directory interface {
	Person(ctx context.Context, id string) (unblock.Person, error)
}

// Sessions stores standup sessions and posts; *store.DB implements it.
type Sessions interface {
	// Session returns the session of person in team on day, or an
	// unblock.ENOTFOUND error.
	Session(ctx context.Context, team, personID, day string) (unblock.Session, error)
	// SaveSession inserts or updates s by (Team, PersonID, Day).
	SaveSession(ctx context.Context, s unblock.Session) (unblock.Session, error)
	// SessionsOf returns the sessions of team on day.
	SessionsOf(ctx context.Context, team, day string) ([]unblock.Session, error)
	// Post returns what was posted under key.
	Post(ctx context.Context, key string) (channel, ts string, ok bool, err error)
	// SavePost remembers what was posted under key.
	SavePost(ctx context.Context, key, channel, ts string, at time.Time) error
	// Atomic runs fn in one transaction: every call made with the ctx fn is
	// given commits together, or none does.
	Atomic(ctx context.Context, fn func(ctx context.Context) error) error
}

// Scheduler sends prompts and reminders when they are due and counts answers.
// Its methods are safe for concurrent use: the bot calls Answered from its
// workers while Run ticks.
type Scheduler struct {
	set      atomic.Pointer[teamSet] // the teams, replaced whole by SetTeams
	holidays map[string]bool         // YYYY-MM-DD
	fallback *time.Location
	clk      clock.Clock
	sess     Sessions
	dir      Directory
	msg      Messenger
	log      *slog.Logger

	tickMu sync.Mutex     // one Tick at a time
	locks  [64]sync.Mutex // striped by session or summary key: read-modify-write of one session, one summary
	zones  sync.Map       // IANA name -> *time.Location

	mu      sync.Mutex
	next    time.Time     // the next due action, planned by the last Tick
	gen     uint64        // counts SetTeams calls
	planned uint64        // the gen Run last planned its wake for
	running bool          // Run is running
	replan  chan struct{} // closed and replaced each time Run plans its wake
	reload  chan struct{} // SetTeams tells Run to plan again

	unwritable func(error)      // told when the database cannot be written at all (OnUnwritable)
	busy       func(error) bool // whether an error is a lock another process holds (SetBusy)
}

// teamSet is one version of the scheduler's teams; it is never changed once made.
type teamSet struct {
	teams   []Team
	teamsOf map[string][]int // person ID -> indexes into teams
}

// New returns a scheduler for teams. holidays are dates (their year, month and
// day, as written) with no prompts, matched against the standup day in the
// prompt's zone. fallback is the zone of members whose profile has none (nil
// means UTC). A team without a schedule is left out with a warning.
func New(teams []Team, holidays []time.Time, fallback *time.Location, clk clock.Clock, sess Sessions, dir Directory, msg Messenger, log *slog.Logger) *Scheduler {
	if fallback == nil {
		fallback = time.UTC
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Scheduler{
		holidays: map[string]bool{},
		fallback: fallback,
		clk:      clk,
		sess:     sess,
		dir:      dir,
		msg:      msg,
		log:      log,
		replan:   make(chan struct{}),
		reload:   make(chan struct{}, 1),
	}
	s.set.Store(s.newTeamSet(teams))
	for _, h := range holidays {
		s.holidays[h.Format(dayLayout)] = true
	}
	return s
}

// newTeamSet checks and indexes teams. A team without a schedule is left out
// with a warning.
func (s *Scheduler) newTeamSet(teams []Team) *teamSet {
	set := &teamSet{teamsOf: map[string][]int{}}
	for _, t := range teams {
		if t.Schedule == nil {
			s.log.Warn("standup team has no schedule; it is never prompted", "team", t.Name)
			continue
		}
		if t.AnswerWindow <= 0 {
			t.AnswerWindow = DefaultAnswerWindow
		}
		set.teams = append(set.teams, t)
		for _, id := range t.Members {
			set.teamsOf[id] = append(set.teamsOf[id], len(set.teams)-1)
		}
	}
	return set
}

// Teams returns the teams the scheduler runs now.
func (s *Scheduler) Teams() []Team { return s.set.Load().teams }

// SetTeams replaces the teams, as a config reload or a change in the App Home
// does, with no restart. When Run is running it then ticks, so what the new
// teams make due now is done before it returns, and waits until Run has
// planned its next wake for them (or ctx is done); when it is not (a replica
// standing by), Run's first tick will. Sessions are keyed by team name, so a
// team that keeps its name keeps today's sessions: nobody is prompted twice.
func (s *Scheduler) SetTeams(ctx context.Context, teams []Team) error {
	s.set.Store(s.newTeamSet(teams))
	s.mu.Lock()
	running := s.running
	s.mu.Unlock()
	if !running {
		return nil
	}
	err := s.Tick(ctx)
	s.mu.Lock()
	s.gen++
	gen, running := s.gen, s.running
	s.mu.Unlock()
	if !running {
		return err
	}
	select {
	case s.reload <- struct{}{}:
	default: // Run has a reload pending already: it plans with this gen or a later one
	}
	for {
		s.mu.Lock()
		done, replan := s.planned >= gen || !s.running, s.replan
		s.mu.Unlock()
		if done {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-replan:
		}
	}
}

// OnUnwritable sets fn to be told when a Tick finds that the database cannot be
// written at all (an EUNAVAILABLE error: a full disk, a read-only file system):
// no prompt or reminder can be recorded, so none can be sent, and the program
// should stop rather than tick on. Call it before Run.
func (s *Scheduler) OnUnwritable(fn func(error)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.unwritable = fn
}

// SetBusy tells the scheduler which errors are a lock another process holds
// on the database (a backup, an import, a sqlite3 shell): a Tick that meets one
// stops there and tries again DefaultRetryAfter later, rather than waiting out
// the lock once per member (5 s each: over an hour for a team of a thousand)
// and saying so once per member. Call it before Run.
func (s *Scheduler) SetBusy(busy func(error) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.busy = busy
}

// Run ticks whenever an action is due, until ctx is done; then it returns nil.
// It ticks once at start, which catches up on prompts whose time passed while
// the process was down and whose answer window is still open. Errors of a tick
// are logged and retried DefaultRetryAfter later. SetTeams makes it plan again.
func (s *Scheduler) Run(ctx context.Context) error {
	s.setRunning(true)
	defer s.setRunning(false)
	for {
		if err := s.Tick(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			s.log.Error("standup tick failed", "err", err)
		}
		if !s.wait(ctx) {
			return nil
		}
	}
}

// wait waits until the next action is due, planning again whenever SetTeams
// changes the teams; it reports false when ctx is done.
func (s *Scheduler) wait(ctx context.Context) bool {
	for {
		s.mu.Lock()
		gen, next := s.gen, s.next
		s.mu.Unlock()
		if next.IsZero() {
			next = s.clk.Now().Add(24 * time.Hour) // no team can ever prompt; look again tomorrow
		}
		wake, stop := s.clk.At(next)
		s.mu.Lock()
		s.planned = max(s.planned, gen)
		close(s.replan)
		s.replan = make(chan struct{})
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			stop()
			return false
		case <-wake:
			return true
		case <-s.reload:
			stop()
		}
	}
}

func (s *Scheduler) setRunning(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = on
	close(s.replan)
	s.replan = make(chan struct{})
}

// Next returns when the next action is due as planned by the last Tick: the
// earliest next prompt of any member, pending reminder or retry. It is the zero
// time before the first Tick or when nothing will ever be due.
func (s *Scheduler) Next() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.next
}

// Tick does everything due at the clock's time: it prompts every member whose
// prompt time has come (or passed while their window is still open) and who
// has no session yet, stores a skip for those away or on a holiday, and sends
// due reminders; then it plans the next wake (see Next). It goes on past
// failures: a failed prompt or reminder is retried DefaultRetryAfter later, and
// all failures are returned together.
func (s *Scheduler) Tick(ctx context.Context) error {
	s.tickMu.Lock()
	defer s.tickMu.Unlock()
	now := s.clk.Now()
	var next time.Time
	var errs []error
	set := s.set.Load()
	for ti := range set.teams {
		t := &set.teams[ti]
		for _, id := range t.Members {
			if err := ctx.Err(); err != nil {
				return err
			}
			n, err := s.tickMember(ctx, now, t, id)
			if unblock.ErrorCode(err) == unblock.EUNAVAILABLE {
				// No other member's session can be recorded either: one error, said once.
				s.mu.Lock()
				s.next = now.Add(DefaultRetryAfter)
				fn := s.unwritable
				s.mu.Unlock()
				if fn != nil {
					fn(err)
				}
				return err
			}
			s.mu.Lock()
			busy := s.busy
			s.mu.Unlock()
			if err != nil && busy != nil && busy(err) {
				// Every other member's session waits for the same lock: try
				// them all again later, with the members done so far.
				s.mu.Lock()
				s.next = earliest(next, now.Add(DefaultRetryAfter))
				s.mu.Unlock()
				return fmt.Errorf("the database is locked by another process; the standups are tried again in %s: %w", DefaultRetryAfter, err)
			}
			if err != nil {
				errs = append(errs, err)
				n = now.Add(DefaultRetryAfter)
			}
			next = earliest(next, n)
		}
	}
	s.mu.Lock()
	s.next = next
	s.mu.Unlock()
	return errors.Join(errs...)
}

// tickMember handles one member of t and returns when it next needs attention.
func (s *Scheduler) tickMember(ctx context.Context, now time.Time, t *Team, id string) (time.Time, error) {
	p, loc, err := s.person(ctx, t, id)
	if err != nil {
		return time.Time{}, err
	}
	next := t.Schedule.Next(now.In(loc))
	// A session's reminder and window run from when it was sent, which is at
	// most one window after its schedule time: older occurrences are settled.
	var errs []error
	for _, at := range occurrences(t.Schedule, now.Add(-2*t.AnswerWindow), now, loc) {
		n, err := s.due(ctx, now, t, p, loc, at)
		if unblock.ErrorCode(err) == unblock.EUNAVAILABLE {
			return time.Time{}, err
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		next = earliest(next, n)
	}
	return next, errors.Join(errs...)
}

// due does what is due for p's session of the occurrence at, and returns when
// the session next needs attention (zero for never).
//
// It runs in one transaction (Sessions.Atomic): the session's new state and the
// message it decides (Messenger.Prompt, Remind, which enqueue) commit together.
// The transaction is taken before the session's lock, in the same order as
// Answered, which the bot calls inside its own transaction. What it did is
// logged once it is committed: a prompt whose transaction failed was not sent.
func (s *Scheduler) due(ctx context.Context, now time.Time, t *Team, p unblock.Person, loc *time.Location, at time.Time) (next time.Time, err error) {
	// Most sessions are settled or waiting: a read says so without a transaction.
	if sess, err := s.session(ctx, t.Name, p.ID, at.In(loc).Format(dayLayout)); err == nil {
		switch {
		case sess.Skipped != "" || !sess.AnsweredAt.IsZero():
			return time.Time{}, nil
		case sess.PromptAt.IsZero():
		case !sess.RemindedAt.IsZero() || t.ReminderAfter <= 0:
			return time.Time{}, nil
		case now.Before(reminderAt(t, sess)):
			return reminderAt(t, sess), nil
		}
	}
	var did func()
	err = s.sess.Atomic(ctx, func(ctx context.Context) error {
		next, did, err = s.dueTx(ctx, now, t, p, loc, at)
		return err
	})
	if err == nil && did != nil {
		did()
	}
	return next, err
}

// dueTx does due's work in its transaction; did, when not nil, logs what it did.
func (s *Scheduler) dueTx(ctx context.Context, now time.Time, t *Team, p unblock.Person, loc *time.Location, at time.Time) (next time.Time, did func(), err error) {
	day := at.In(loc).Format(dayLayout)
	unlock := s.lock("session:" + t.Name + ":" + p.ID + ":" + day)
	defer unlock()
	sess, err := s.session(ctx, t.Name, p.ID, day)
	if err != nil {
		return time.Time{}, nil, err
	}
	switch {
	case sess.Skipped != "" || !sess.AnsweredAt.IsZero():
		return time.Time{}, nil, nil
	case sess.PromptAt.IsZero():
		if !now.Before(at.Add(t.AnswerWindow)) {
			return time.Time{}, nil, nil // the window closed while we were down
		}
		if reason := s.skipReason(p, day, now); reason != "" {
			sess.PromptAt, sess.Skipped = at, reason
			if _, err := s.sess.SaveSession(ctx, sess); err != nil {
				return time.Time{}, nil, fmt.Errorf("save skipped session %s/%s/%s: %w", t.Name, p.ID, day, err)
			}
			return time.Time{}, func() { s.log.Info("standup skipped", "team", t.Name, "user", p.ID, "day", day, "reason", reason) }, nil
		}
		// The time of sending, not of the tick: prompting a large team under Slack's
		// rate limits takes a while, and the last member keeps a full window.
		sess.PromptAt = s.clk.Now()
		channel, ts, err := s.msg.Prompt(ctx, *t, sess)
		if err != nil {
			return time.Time{}, nil, fmt.Errorf("prompt %s/%s/%s: %w", t.Name, p.ID, day, err)
		}
		sess.Channel, sess.PromptTS = channel, ts
		if _, err := s.sess.SaveSession(ctx, sess); err != nil {
			return time.Time{}, nil, fmt.Errorf("save prompted session %s/%s/%s: %w", t.Name, p.ID, day, err)
		}
		return reminderAt(t, sess), func() { s.log.Info("standup prompted", "team", t.Name, "user", p.ID, "day", day) }, nil
	case !sess.RemindedAt.IsZero() || t.ReminderAfter <= 0:
		return time.Time{}, nil, nil
	}
	remindAt := reminderAt(t, sess)
	if remindAt.IsZero() {
		return time.Time{}, nil, nil
	} else if now.Before(remindAt) {
		return remindAt, nil, nil
	} else if !now.Before(sess.PromptAt.Add(t.AnswerWindow)) {
		return time.Time{}, nil, nil // too late: the window has closed
	}
	if err := s.msg.Remind(ctx, *t, sess); err != nil {
		return time.Time{}, nil, fmt.Errorf("remind %s/%s/%s: %w", t.Name, p.ID, day, err)
	}
	sess.RemindedAt = now
	if _, err := s.sess.SaveSession(ctx, sess); err != nil {
		return time.Time{}, nil, fmt.Errorf("save reminded session %s/%s/%s: %w", t.Name, p.ID, day, err)
	}
	return time.Time{}, func() { s.log.Info("standup reminded", "team", t.Name, "user", p.ID, "day", day) }, nil
}

// reminderAt returns when sess, prompted, gets its reminder: zero for never
// (no reminder configured, or not before the window closes).
func reminderAt(t *Team, sess unblock.Session) time.Time {
	if t.ReminderAfter <= 0 || t.ReminderAfter >= t.AnswerWindow {
		return time.Time{}
	}
	return sess.PromptAt.Add(t.ReminderAfter)
}

// session returns the stored session of person in team on day, or a new,
// unsaved one.
func (s *Scheduler) session(ctx context.Context, team, personID, day string) (unblock.Session, error) {
	sess, err := s.sess.Session(ctx, team, personID, day)
	if unblock.ErrorCode(err) == unblock.ENOTFOUND {
		return unblock.Session{Team: team, PersonID: personID, Day: day}, nil
	} else if err != nil {
		return unblock.Session{}, fmt.Errorf("session %s/%s/%s: %w", team, personID, day, err)
	}
	return sess, nil
}

// occurrences returns the times of sched in (from, to], oldest first, in loc: the
// newest maxOccurrences of them, so a schedule that fires every minute still
// reaches the occurrence at hand (the oldest are settled long ago).
func occurrences(sched cron.Schedule, from, to time.Time, loc *time.Location) []time.Time {
	var out []time.Time
	for at := sched.Next(from.In(loc)); !at.IsZero() && !at.After(to); at = sched.Next(at) {
		if len(out) == maxOccurrences {
			out = append(out[:0], out[1:]...)
		}
		out = append(out, at)
	}
	return out
}

// lock locks the stripe of key and returns its unlock.
func (s *Scheduler) lock(key string) func() {
	h := fnv.New32a()
	h.Write([]byte(key))
	m := &s.locks[h.Sum32()%uint32(len(s.locks))]
	m.Lock()
	return m.Unlock
}

// earliest returns the earlier of a and b, ignoring zero times.
func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}
