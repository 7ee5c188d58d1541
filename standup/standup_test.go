package standup_test

import (
	"github.com/robfig/cron/v3"

	"context"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/standup"
)

// Each member is prompted at 09:30 in their own profile zone on their local
// weekday, and the standup day is their local date.
func TestPromptsInMembersZones(t *testing.T) {
	people := []unblock.Person{
		{ID: "UNY", TZ: "America/New_York"},
		{ID: "UTOKYO", TZ: "Asia/Tokyo"},
		{ID: "UAKL", TZ: "Pacific/Auckland"}, // UTC+13: Monday 09:30 is Sunday 20:30 UTC
		{ID: "UKOL", TZ: "Asia/Kolkata"},     // a half-hour offset
		{ID: "UNONE"},                        // no profile zone: the fallback, UTC
		{ID: "UBAD", TZ: "Mars/Olympus"},     // unknown zone: the fallback
		// UGONE is not in the directory at all: the fallback.
	}
	tm := team(t, "checkout", "UNY", "UTOKYO", "UAKL", "UKOL", "UNONE", "UBAD", "UGONE")
	start := date(2026, 11, 21, 12, 0, time.UTC) // Saturday
	h := newHarness(t, start, []standup.Team{tm}, people)
	h.runUntil(date(2026, 11, 23, 20, 0, time.UTC)) // before Auckland's Tuesday

	got := h.msg.byPerson("prompt")
	want := map[string][]time.Time{
		"UAKL":   {date(2026, 11, 23, 9, 30, zone(t, "Pacific/Auckland"))},
		"UTOKYO": {date(2026, 11, 23, 9, 30, zone(t, "Asia/Tokyo"))},
		"UKOL":   {date(2026, 11, 23, 9, 30, zone(t, "Asia/Kolkata"))},
		"UNONE":  {date(2026, 11, 23, 9, 30, time.UTC)},
		"UBAD":   {date(2026, 11, 23, 9, 30, time.UTC)},
		"UGONE":  {date(2026, 11, 23, 9, 30, time.UTC)},
		"UNY":    {date(2026, 11, 23, 9, 30, zone(t, "America/New_York"))},
	}
	for id, w := range want {
		if !equalTimes(got[id], w) {
			t.Errorf("prompts of %s at %v, want %v", id, got[id], w)
		}
	}
	for _, c := range h.msg.of("prompt") {
		if c.Day != "2026-11-23" {
			t.Errorf("prompt of %s at %v has day %s, want the local date 2026-11-23", c.Person, c.At, c.Day)
		}
	}
	// Auckland's Monday prompt is on Sunday in UTC; its session is Monday's.
	if s, ok := h.session("checkout", "UAKL", "2026-11-23"); !ok || s.PromptTS == "" || s.Channel != "DUAKL" {
		t.Errorf("session of UAKL on Monday = %+v, %v; want prompted in DUAKL", s, ok)
	}
}

// A team zone overrides the members' profile zones.
func TestPromptsInTeamZone(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	tm := team(t, "platform", "UNY", "UTOKYO")
	tm.Location = berlin
	people := []unblock.Person{{ID: "UNY", TZ: "America/New_York"}, {ID: "UTOKYO", TZ: "Asia/Tokyo"}}
	h := newHarness(t, date(2026, 11, 22, 12, 0, time.UTC), []standup.Team{tm}, people)
	h.runUntil(date(2026, 11, 24, 0, 0, time.UTC))
	want := []time.Time{date(2026, 11, 23, 9, 30, berlin)}
	for _, id := range []string{"UNY", "UTOKYO"} {
		if got := h.msg.byPerson("prompt")[id]; !equalTimes(got, want) {
			t.Errorf("prompts of %s at %v, want %v (Berlin)", id, got, want)
		}
	}
}

// Across a daylight saving change the prompt stays at 09:30 local, so it moves
// by an hour in UTC.
func TestPromptsAcrossDST(t *testing.T) {
	tests := []struct {
		name       string
		tz         string
		start, end time.Time
		wantUTC    []time.Time
	}{
		{
			name:  "New York, November (EDT to EST)",
			tz:    "America/New_York",
			start: date(2026, 10, 30, 0, 0, time.UTC),
			end:   date(2026, 11, 3, 23, 0, time.UTC),
			wantUTC: []time.Time{
				date(2026, 10, 30, 13, 30, time.UTC), // Fri 09:30 EDT
				date(2026, 11, 2, 14, 30, time.UTC),  // Mon 09:30 EST
				date(2026, 11, 3, 14, 30, time.UTC),
			},
		},
		{
			name:  "New York, March (EST to EDT)",
			tz:    "America/New_York",
			start: date(2027, 3, 12, 0, 0, time.UTC),
			end:   date(2027, 3, 15, 23, 0, time.UTC),
			wantUTC: []time.Time{
				date(2027, 3, 12, 14, 30, time.UTC), // Fri 09:30 EST
				date(2027, 3, 15, 13, 30, time.UTC), // Mon 09:30 EDT
			},
		},
		{
			name:  "Berlin, October (CEST to CET)",
			tz:    "Europe/Berlin",
			start: date(2026, 10, 23, 0, 0, time.UTC),
			end:   date(2026, 10, 26, 23, 0, time.UTC),
			wantUTC: []time.Time{
				date(2026, 10, 23, 7, 30, time.UTC), // Fri 09:30 CEST
				date(2026, 10, 26, 8, 30, time.UTC), // Mon 09:30 CET
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm := team(t, "checkout", "U1")
			tm.ReminderAfter = 0
			h := newHarness(t, tt.start, []standup.Team{tm}, []unblock.Person{{ID: "U1", TZ: tt.tz}})
			h.runUntil(tt.end)
			got := h.msg.byPerson("prompt")["U1"]
			if !equalTimes(got, tt.wantUTC) {
				t.Fatalf("prompts at %v, want %v", got, tt.wantUTC)
			}
			for _, at := range got {
				if l := at.In(zone(t, tt.tz)); l.Hour() != 9 || l.Minute() != 30 {
					t.Errorf("prompt at %v local, want 09:30", l)
				}
			}
		})
	}
}

// One reminder at PromptAt+ReminderAfter to those who have not answered, never
// a second one, and none once answered.
func TestReminder(t *testing.T) {
	tm := team(t, "checkout", "U1", "U2")
	h := newHarness(t, date(2026, 11, 23, 8, 0, time.UTC), []standup.Team{tm}, nil)
	h.runUntil(date(2026, 11, 23, 10, 0, time.UTC))
	if !h.answer("U2", date(2026, 11, 23, 10, 0, time.UTC)) {
		t.Fatal("U2's answer did not count")
	}
	if got, want := h.s.Next(), date(2026, 11, 23, 11, 30, time.UTC); !got.Equal(want) {
		t.Fatalf("Next()=%v, want the reminder at %v", got, want)
	}
	h.runUntil(date(2026, 11, 23, 13, 0, time.UTC))
	// Ticking again (a second wake, a restart) sends nothing more.
	h.tick()
	h.restart()
	h.tick()

	reminders := h.msg.of("remind")
	if len(reminders) != 1 {
		t.Fatalf("reminders = %+v, want exactly one", reminders)
	}
	if r := reminders[0]; r.Person != "U1" || !r.At.Equal(date(2026, 11, 23, 11, 30, time.UTC)) {
		t.Errorf("reminder = %+v, want U1 at 11:30", r)
	}
	if s, _ := h.session("checkout", "U1", "2026-11-23"); !s.RemindedAt.Equal(date(2026, 11, 23, 11, 30, time.UTC)) {
		t.Errorf("RemindedAt = %v, want 11:30", s.RemindedAt)
	}
}

func TestNoReminderConfigured(t *testing.T) {
	tm := team(t, "checkout", "U1")
	tm.ReminderAfter = 0
	h := newHarness(t, date(2026, 11, 23, 8, 0, time.UTC), []standup.Team{tm}, nil)
	h.runUntil(date(2026, 11, 23, 18, 0, time.UTC))
	if got := h.msg.of("remind"); len(got) != 0 {
		t.Fatalf("reminders = %+v, want none", got)
	}
}

// The window closes at PromptAt+AnswerWindow: answers before count, after do
// not, and a reminder missed while down is not sent after the close.
func TestWindowClose(t *testing.T) {
	prompt := date(2026, 11, 23, 9, 30, time.UTC)
	tests := []struct {
		name string
		at   time.Time
		want bool
	}{
		{"at the prompt", prompt, true},
		{"one minute before close", prompt.Add(4*time.Hour - time.Minute), true},
		{"at close", prompt.Add(4 * time.Hour), false},
		{"after close", prompt.Add(6 * time.Hour), false},
		{"before the prompt", prompt.Add(-time.Minute), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, date(2026, 11, 23, 8, 0, time.UTC), []standup.Team{team(t, "checkout", "U1")}, nil)
			h.runUntil(prompt)
			if got := h.answer("U1", tt.at); got != tt.want {
				t.Fatalf("Answered at %v = %v, want %v", tt.at, got, tt.want)
			}
		})
	}

	t.Run("no reminder after close", func(t *testing.T) {
		h := newHarness(t, date(2026, 11, 23, 8, 0, time.UTC), []standup.Team{team(t, "checkout", "U1")}, nil)
		h.runUntil(prompt)
		h.restart() // down from 09:30 to 13:30: the 11:30 reminder is missed
		h.clk.Set(prompt.Add(4 * time.Hour))
		h.runUntil(date(2026, 11, 23, 20, 0, time.UTC))
		if got := h.msg.of("remind"); len(got) != 0 {
			t.Fatalf("reminders = %+v, want none after the window closed", got)
		}
	})
	t.Run("late reminder inside the window", func(t *testing.T) {
		h := newHarness(t, date(2026, 11, 23, 8, 0, time.UTC), []standup.Team{team(t, "checkout", "U1")}, nil)
		h.runUntil(prompt)
		h.restart() // down from 09:30 to 12:00: the reminder is sent on start
		h.clk.Set(date(2026, 11, 23, 12, 0, time.UTC))
		h.runUntil(date(2026, 11, 23, 20, 0, time.UTC))
		got := h.msg.of("remind")
		if len(got) != 1 || !got[0].At.Equal(date(2026, 11, 23, 12, 0, time.UTC)) {
			t.Fatalf("reminders = %+v, want one at 12:00", got)
		}
	})
}

// A restart never prompts twice: the new scheduler finds the stored sessions,
// and still sends the reminder the old one had planned.
func TestRestartNoDoublePrompt(t *testing.T) {
	tm := team(t, "checkout", "U1", "U2")
	h := newHarness(t, date(2026, 11, 23, 8, 0, time.UTC), []standup.Team{tm}, nil)
	h.runUntil(date(2026, 11, 23, 9, 31, time.UTC))
	for range 3 {
		h.restart()
		h.tick()
	}
	if got, want := h.s.Next(), date(2026, 11, 23, 11, 30, time.UTC); !got.Equal(want) {
		t.Fatalf("Next() after restart = %v, want the planned reminder at %v", got, want)
	}
	h.runUntil(date(2026, 11, 24, 0, 0, time.UTC))
	if got := h.msg.byPerson("prompt"); len(got["U1"]) != 1 || len(got["U2"]) != 1 {
		t.Fatalf("prompts = %v, want one each", got)
	}
	if got := h.msg.byPerson("remind"); len(got["U1"]) != 1 || len(got["U2"]) != 1 {
		t.Fatalf("reminders = %v, want one each", got)
	}
}

// A prompt whose time passed while the process was down is sent on start if its
// window is still open, with a full window and its reminder from then; once the
// window has closed it is not sent.
func TestCatchUpAfterDowntime(t *testing.T) {
	tests := []struct {
		name       string
		up         time.Time
		wantPrompt []time.Time
		wantRemind []time.Time
	}{
		{
			name:       "up at 11:00",
			up:         date(2026, 11, 23, 11, 0, time.UTC),
			wantPrompt: []time.Time{date(2026, 11, 23, 11, 0, time.UTC)},
			wantRemind: []time.Time{date(2026, 11, 23, 13, 0, time.UTC)},
		},
		{
			name:       "up a minute before the scheduled window closes",
			up:         date(2026, 11, 23, 13, 29, time.UTC),
			wantPrompt: []time.Time{date(2026, 11, 23, 13, 29, time.UTC)},
			wantRemind: []time.Time{date(2026, 11, 23, 15, 29, time.UTC)},
		},
		{
			name: "up after the window closed",
			up:   date(2026, 11, 23, 13, 30, time.UTC),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.up, []standup.Team{team(t, "checkout", "U1")}, nil)
			h.runUntil(date(2026, 11, 23, 23, 0, time.UTC))
			if got := h.msg.byPerson("prompt")["U1"]; !equalTimes(got, tt.wantPrompt) {
				t.Errorf("prompts at %v, want %v", got, tt.wantPrompt)
			}
			if got := h.msg.byPerson("remind")["U1"]; !equalTimes(got, tt.wantRemind) {
				t.Errorf("reminders at %v, want %v", got, tt.wantRemind)
			}
			if len(tt.wantPrompt) > 0 {
				ok := h.answer("U1", tt.wantPrompt[0].Add(4*time.Hour-time.Minute))
				if !ok {
					t.Error("an answer inside the full window from the late prompt did not count")
				}
			}
		})
	}
}

// A failed prompt leaves the session unprompted; it is retried a minute later.
func TestPromptErrorRetries(t *testing.T) {
	h := newHarness(t, date(2026, 11, 23, 9, 30, time.UTC), []standup.Team{team(t, "checkout", "U1", "U2")}, nil)
	h.msg.fail["U1"] = 2
	if err := h.s.Tick(h.ctx); err == nil {
		t.Fatal("Tick with a failing prompt returned no error")
	}
	if _, ok := h.session("checkout", "U1", "2026-11-23"); ok {
		t.Fatal("a failed prompt stored a session")
	}
	if got, want := h.s.Next(), date(2026, 11, 23, 9, 31, time.UTC); !got.Equal(want) {
		t.Fatalf("Next()=%v, want the retry at %v", got, want)
	}
	h.clk.Set(h.s.Next())
	if err := h.s.Tick(h.ctx); err == nil {
		t.Fatal("second failing Tick returned no error")
	}
	h.clk.Set(h.s.Next())
	h.tick()
	got := h.msg.byPerson("prompt")
	if want := []time.Time{date(2026, 11, 23, 9, 32, time.UTC)}; !equalTimes(got["U1"], want) {
		t.Errorf("prompts of U1 at %v, want %v", got["U1"], want)
	}
	if len(got["U2"]) != 1 {
		t.Errorf("prompts of U2 = %v, want one (not retried)", got["U2"])
	}
}

// Run waits on the clock for the next due action and acts on it.
func TestRunDrivenByClock(t *testing.T) {
	ny := zone(t, "America/New_York")
	h := newHarness(t, date(2026, 11, 23, 6, 0, ny), []standup.Team{team(t, "checkout", "U1")}, []unblock.Person{{ID: "U1", TZ: "America/New_York"}})
	clk, s := h.clk, h.s

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var runErr error
	go func() {
		defer close(done)
		runErr = s.Run(ctx)
	}()
	// step waits until Run waits on the clock, checks when, and moves the clock there.
	step := func(want time.Time) {
		t.Helper()
		if !clk.WaitForWaiters(1, done) {
			t.Fatal("Run returned early")
		}
		next, _ := clk.Next()
		if !next.Equal(want) {
			t.Fatalf("Run waits until %v, want %v", next, want)
		}
		clk.Set(next)
	}
	step(date(2026, 11, 23, 9, 30, ny))
	step(date(2026, 11, 23, 11, 30, ny)) // the reminder
	step(date(2026, 11, 24, 9, 30, ny))  // Tuesday's prompt
	if !clk.WaitForWaiters(1, done) {    // Tuesday's prompt is done
		t.Fatal("Run returned early")
	}
	cancel()
	<-done
	if runErr != nil {
		t.Fatalf("Run = %v, want nil after cancel", runErr)
	}
	if got, want := h.msg.byPerson("prompt")["U1"], []time.Time{date(2026, 11, 23, 9, 30, ny), date(2026, 11, 24, 9, 30, ny)}; !equalTimes(got, want) {
		t.Errorf("prompts at %v, want %v", got, want)
	}
	if got, want := h.msg.byPerson("remind")["U1"], []time.Time{date(2026, 11, 23, 11, 30, ny)}; !equalTimes(got, want) {
		t.Errorf("reminders at %v, want %v", got, want)
	}
}

// Prompting a big team under rate limits takes time: each member's window and
// reminder count from their own prompt, not from the start of the round.
func TestSlowPromptsKeepFullWindows(t *testing.T) {
	tm := team(t, "checkout", "U1", "U2", "U3")
	h := newHarness(t, date(2026, 11, 23, 8, 0, time.UTC), []standup.Team{tm}, nil)
	h.msg.slow = func() { h.clk.Advance(10 * time.Minute) }
	h.runUntil(date(2026, 11, 23, 9, 30, time.UTC))
	for i, id := range []string{"U1", "U2", "U3"} {
		s, ok := h.session("checkout", id, "2026-11-23")
		want := date(2026, 11, 23, 9, 30+10*i, time.UTC)
		if !ok || !s.PromptAt.Equal(want) {
			t.Fatalf("%s: PromptAt=%v, want %v (when it was sent)", id, s.PromptAt, want)
		}
	}
	h.msg.slow = nil
	h.runUntil(date(2026, 11, 23, 14, 0, time.UTC))
	got := h.msg.byPerson("remind")
	if r := got["U3"]; len(r) != 1 || !r[0].Equal(date(2026, 11, 23, 11, 50, time.UTC)) {
		t.Fatalf("U3's reminder at %v, want one at 11:50 (2 h after its prompt)", r)
	}
}

// Every cron spec the config accepts prompts as written: a schedule that fires every
// minute reaches the occurrence at hand (the scheduler looks back two answer
// windows, far more than the occurrences it keeps), prompting once a day.
func TestPromptsEveryMinute(t *testing.T) {
	tm := team(t, "minutely", "U1")
	sched, err := cron.ParseStandard("* * * * *")
	if err != nil {
		t.Fatal(err)
	}
	tm.Schedule = sched
	h := newHarness(t, date(2026, 11, 23, 9, 30, time.UTC), []standup.Team{tm}, nil)
	h.tick()
	if got := h.msg.byPerson("prompt")["U1"]; len(got) != 1 || !got[0].Equal(date(2026, 11, 23, 9, 30, time.UTC)) {
		t.Fatalf("prompts = %v, want one at 09:30", got)
	}
	h.clk.Set(date(2026, 11, 23, 12, 0, time.UTC))
	h.tick()
	if got := h.msg.byPerson("prompt")["U1"]; len(got) != 1 {
		t.Fatalf("prompts = %v, want still one: one session a day", got)
	}
}
