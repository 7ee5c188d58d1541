package standup_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/standup"
)

// SetTeams changes what Run does at once, with no restart: a new time moves the
// next prompt, a new member is asked, a removed team is asked nothing more, and
// a team that keeps its name keeps today's sessions.
func TestSetTeamsWhileRunning(t *testing.T) {
	utc := time.UTC
	h := newHarness(t, date(2026, 11, 23, 8, 0, utc), []standup.Team{team(t, "checkout", "U1")}, nil)
	clk, s := h.clk, h.s
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	waiting := func(want time.Time) {
		t.Helper()
		if !clk.WaitForWaiters(1, ctx.Done()) {
			t.Fatal("Run returned early")
		}
		if next, _ := clk.Next(); !next.Equal(want) {
			t.Fatalf("Run waits until %v, want %v", next, want)
		}
	}
	waiting(date(2026, 11, 23, 9, 30, utc))

	// Moved to 10:15 and U2 added: Run waits for 10:15 now.
	moved := team(t, "checkout", "U1", "U2")
	moved.Schedule = mustSchedule(t, "15 10 * * 1-5")
	if err := s.SetTeams(ctx, []standup.Team{moved}); err != nil {
		t.Fatal(err)
	}
	waiting(date(2026, 11, 23, 10, 15, utc))
	clk.Set(date(2026, 11, 23, 10, 15, utc))
	waiting(date(2026, 11, 23, 12, 15, utc)) // the reminders
	want := map[string][]time.Time{"U1": {date(2026, 11, 23, 10, 15, utc)}, "U2": {date(2026, 11, 23, 10, 15, utc)}}
	for id, times := range want {
		if got := h.msg.byPerson("prompt")[id]; !equalTimes(got, times) {
			t.Fatalf("%s prompted at %v, want %v", id, got, times)
		}
	}

	// The same team set again (a reload that changes nothing) prompts nobody twice.
	if err := s.SetTeams(ctx, []standup.Team{moved}); err != nil {
		t.Fatal(err)
	}
	if n := len(h.msg.of("prompt")); n != 2 {
		t.Fatalf("%d prompts after setting the same teams again, want still 2", n)
	}

	// Deleted: no reminder, no prompt tomorrow; Run waits a day and finds nothing.
	if err := s.SetTeams(ctx, nil); err != nil {
		t.Fatal(err)
	}
	waiting(date(2026, 11, 24, 10, 15, utc))
	clk.Set(date(2026, 11, 24, 10, 15, utc))
	waiting(date(2026, 11, 25, 10, 15, utc))
	if n, r := len(h.msg.of("prompt")), len(h.msg.of("remind")); n != 2 || r != 0 {
		t.Fatalf("after the team was removed: %d prompts, %d reminders; want 2 and 0", n, r)
	}
	if _, ok := h.session("checkout", "U1", "2026-11-24"); ok {
		t.Fatal("a removed team got a session")
	}
}

// Without Run (a replica standing by) SetTeams only replaces the teams: Run's
// first tick acts on them. Answered follows SetTeams too.
func TestSetTeamsAnswered(t *testing.T) {
	h := newHarness(t, date(2026, 11, 23, 9, 30, time.UTC), nil, []unblock.Person{{ID: "U1"}})
	if err := h.s.SetTeams(h.ctx, []standup.Team{team(t, "checkout", "U1")}); err != nil {
		t.Fatal(err)
	}
	if n := len(h.msg.of("prompt")); n != 0 {
		t.Fatalf("SetTeams without Run prompted %d times, want none", n)
	}
	h.tick()
	if !h.answer("U1", date(2026, 11, 23, 9, 40, time.UTC)) {
		t.Fatal("the answer did not count for the team set after start")
	}
}

func mustSchedule(t testing.TB, spec string) cron.Schedule {
	t.Helper()
	s, err := cron.ParseStandard(spec)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFromSetup(t *testing.T) {
	setup := unblock.StandupTeam{
		Name: "checkout", Channel: "C01", Members: []string{"U01", "U02"}, UserGroup: "S01", Time: "10:15",
		Days: []time.Weekday{time.Monday, time.Thursday}, Timezone: "Europe/Berlin", Questions: []string{"Blocked?"},
		ReminderAfter: time.Hour, AnswerWindow: 3 * time.Hour, EveningBefore: true,
	}
	group := func(id string) []string {
		if id == "S01" {
			return []string{"U02", "U03"}
		}
		return nil
	}
	got, err := standup.FromSetup(setup, group)
	if err != nil {
		t.Fatal(err)
	}
	berlin := zone(t, "Europe/Berlin")
	if want := []string{"U01", "U02", "U03"}; !slices.Equal(got.Members, want) {
		t.Errorf("Members=%v, want %v", got.Members, want)
	}
	if got.Location.String() != berlin.String() || got.ReminderAfter != time.Hour || got.AnswerWindow != 3*time.Hour || !got.EveningBefore || !got.Summary {
		t.Errorf("FromSetup = %+v", got)
	}
	if next, want := got.Schedule.Next(date(2026, 11, 23, 11, 0, berlin)), date(2026, 11, 26, 10, 15, berlin); !next.Equal(want) {
		t.Errorf("next prompt after Monday 11:00 = %v, want Thursday 10:15 %v", next, want)
	}
	// The channel options as the config's summary and public_reminders.
	setup.NoSummary, setup.PublicReminders = true, true
	if got, err := standup.FromSetup(setup, group); err != nil || got.Summary || !got.PublicReminders {
		t.Errorf("no summary, public reminders: Summary=%v PublicReminders=%v, %v; want false, true", got.Summary, got.PublicReminders, err)
	}
	setup.Timezone = unblock.StandupMemberZone
	if got, err := standup.FromSetup(setup, group); err != nil || got.Location != nil {
		t.Errorf("each member's zone: Location=%v, %v; want nil", got.Location, err)
	}
	setup.Days = nil
	if _, err := standup.FromSetup(setup, group); unblock.ErrorCode(err) != unblock.EINVALID {
		t.Errorf("a team without days: err=%v, want EINVALID", err)
	}
}
