package standup_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/standup"
)

// With EveningBefore, an answer from 18:00 local the day before counts for the
// next standup, which then sends that person no prompt.
func TestEveningBefore(t *testing.T) {
	ny := zone(t, "America/New_York")
	tests := []struct {
		name    string
		evening bool
		holiday bool
		at      time.Time
		want    bool
		wantDay string
	}{
		{name: "18:00 the evening before", evening: true, at: date(2026, 11, 23, 18, 0, ny), want: true, wantDay: "2026-11-24"},
		{name: "late at night", evening: true, at: date(2026, 11, 23, 23, 59, ny), want: true, wantDay: "2026-11-24"},
		{name: "the morning before the prompt", evening: true, at: date(2026, 11, 24, 8, 0, ny), want: true, wantDay: "2026-11-24"},
		{name: "17:59 is too early", evening: true, at: date(2026, 11, 23, 17, 59, ny), want: false},
		{name: "not opted in", evening: false, at: date(2026, 11, 23, 19, 0, ny), want: false},
		{name: "tomorrow is a holiday", evening: true, holiday: true, at: date(2026, 11, 23, 19, 0, ny), want: false},
		// Friday evening: the next standup is Monday, whose evening before is Sunday.
		{name: "Friday evening for Monday", evening: true, at: date(2026, 11, 27, 19, 0, ny), want: false},
		{name: "Sunday evening for Monday", evening: true, at: date(2026, 11, 29, 19, 0, ny), want: true, wantDay: "2026-11-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm := team(t, "checkout", "U1", "U2")
			tm.ReminderAfter = 0
			tm.AnswerWindow = 4 * time.Hour
			tm.EveningBefore = tt.evening
			var holidays []time.Time
			if tt.holiday {
				holidays = append(holidays, date(2026, 11, 24, 0, 0, time.UTC))
			}
			people := []unblock.Person{{ID: "U1", TZ: "America/New_York"}, {ID: "U2", TZ: "America/New_York"}}
			h := newHarness(t, tt.at, []standup.Team{tm}, people, holidays...)
			h.tick()
			if got := h.answer("U1", tt.at); got != tt.want {
				t.Fatalf("Answered at %v = %v, want %v", tt.at, got, tt.want)
			}
			if !tt.want {
				return
			}
			s, ok := h.session("checkout", "U1", tt.wantDay)
			if !ok || !s.AnsweredAt.Equal(tt.at) || s.PromptTS != "" {
				t.Fatalf("session on %s = %+v, %v; want answered at %v, not prompted", tt.wantDay, s, ok, tt.at)
			}
			h.runUntil(date(2026, 11, 30, 23, 0, ny))
			for _, c := range h.msg.of("prompt") {
				if c.Person == "U1" && c.Day == tt.wantDay {
					t.Errorf("U1 was prompted on %s after answering the evening before", c.Day)
				}
			}
			if got := h.msg.byPerson("prompt")["U2"]; len(got) == 0 {
				t.Error("U2, who did not answer ahead, was never prompted")
			}
		})
	}
}

// Answers from people outside every team, or to a skipped session, do not
// count; a person in two teams answers both.
func TestAnsweredWhom(t *testing.T) {
	a := team(t, "checkout", "U1", "U2")
	b := team(t, "platform", "U1")
	people := []unblock.Person{{ID: "U2", StatusEmoji: ":palm_tree:"}}
	h := newHarness(t, date(2026, 11, 23, 9, 30, time.UTC), []standup.Team{a, b}, people)
	h.tick()
	at := date(2026, 11, 23, 10, 0, time.UTC)
	if h.answer("UOUT", at) {
		t.Error("an answer from outside every team counted")
	}
	if h.answer("U2", at) {
		t.Error("an answer to a skipped session counted")
	}
	if !h.answer("U1", at) {
		t.Fatal("U1's answer did not count")
	}
	for _, name := range []string{"checkout", "platform"} {
		if s, _ := h.session(name, "U1", "2026-11-23"); !s.AnsweredAt.Equal(at) {
			t.Errorf("%s session of U1 answered at %v, want %v", name, s.AnsweredAt, at)
		}
	}
}

// The first answer sets AnsweredAt; a later one keeps it and points ReportID at
// the latest report.
func TestAnsweredKeepsFirstTimeLatestReport(t *testing.T) {
	h := newHarness(t, date(2026, 11, 23, 9, 30, time.UTC), []standup.Team{team(t, "checkout", "U1")}, nil)
	h.tick()
	var ids []int64
	for i, at := range []time.Time{date(2026, 11, 23, 10, 0, time.UTC), date(2026, 11, 23, 10, 5, time.UTC)} {
		r := unblock.Report{PersonID: "U1", Channel: "DU1", TS: tsOf(at), At: at, Text: "no blockers", Source: unblock.SourceStandup}
		ch, err := h.db.ApplyReport(h.ctx, r, unblock.Statement{None: true})
		if err != nil {
			t.Fatalf("ApplyReport %d: %v", i, err)
		}
		r.ID = ch.ReportID
		ids = append(ids, r.ID)
		if ok, err := h.s.Answered(h.ctx, "U1", r); err != nil || !ok {
			t.Fatalf("Answered %d = %v, %v", i, ok, err)
		}
	}
	s, _ := h.session("checkout", "U1", "2026-11-23")
	if !s.AnsweredAt.Equal(date(2026, 11, 23, 10, 0, time.UTC)) || s.ReportID != ids[1] || ids[1] == 0 {
		t.Fatalf("session = %+v, want answered at 10:00 with report %d", s, ids[1])
	}
}

// The summary is posted on the first answer and updated in place on every later
// one, also after a restart; a team without Summary gets none.
func TestSummaryPostedOnceThenUpdated(t *testing.T) {
	tm := team(t, "checkout", "U1", "U2", "U3")
	tm.Summary = true
	quiet := team(t, "quiet", "U9")
	h := newHarness(t, date(2026, 11, 23, 9, 30, time.UTC), []standup.Team{tm, quiet}, nil)
	h.tick()
	h.answer("U1", date(2026, 11, 23, 10, 0, time.UTC))
	h.answer("U2", date(2026, 11, 23, 10, 5, time.UTC))
	h.restart()
	h.answer("U3", date(2026, 11, 23, 10, 10, time.UTC))
	h.answer("U9", date(2026, 11, 23, 10, 15, time.UTC))

	calls := h.msg.of("summary")
	if len(calls) != 3 {
		t.Fatalf("summary calls = %d, want 3 (one per answer in checkout, none for quiet)", len(calls))
	}
	if h.msg.posts != 1 {
		t.Fatalf("summaries posted = %d, want 1", h.msg.posts)
	}
	first := standup.Post{Channel: "Ccheckout", TS: "1700000000.000001"}
	for i, c := range calls {
		if c.Team != "checkout" || c.Day != "2026-11-23" {
			t.Errorf("summary %d for %s %s, want checkout 2026-11-23", i, c.Team, c.Day)
		}
		wantPrev := first
		if i == 0 {
			wantPrev = standup.Post{}
		}
		if c.Prev != wantPrev {
			t.Errorf("summary %d prev = %+v, want %+v", i, c.Prev, wantPrev)
		}
		answered := 0
		for _, s := range c.Sessions {
			if !s.AnsweredAt.IsZero() {
				answered++
			}
		}
		if len(c.Sessions) != 3 || answered != i+1 {
			t.Errorf("summary %d has %d sessions, %d answered; want 3, %d", i, len(c.Sessions), answered, i+1)
		}
	}
	ch, ts, ok, err := h.db.Post(h.ctx, standup.SummaryKey("checkout", "2026-11-23"))
	if err != nil || !ok || (standup.Post{Channel: ch, TS: ts}) != first {
		t.Fatalf("stored summary post = %s %s %v %v, want %+v", ch, ts, ok, err, first)
	}
}

// Answers arriving at once from the bot's workers, while the scheduler ticks,
// post the summary once and lose no answer.
func TestConcurrentAnswers(t *testing.T) {
	var members []string
	for i := range 20 {
		members = append(members, fmt.Sprintf("U%02d", i))
	}
	tm := team(t, "checkout", members...)
	tm.Summary = true
	h := newHarness(t, date(2026, 11, 23, 9, 30, time.UTC), []standup.Team{tm}, nil)
	h.tick()
	h.clk.Set(date(2026, 11, 23, 11, 30, time.UTC)) // reminders due while answers arrive
	var wg sync.WaitGroup
	errs := make(chan error, len(members)+1)
	wg.Go(func() { errs <- h.s.Tick(h.ctx) })
	for _, id := range members {
		wg.Go(func() {
			ok, err := h.s.Answered(h.ctx, id, unblock.Report{PersonID: id, At: date(2026, 11, 23, 11, 30, time.UTC)})
			if err == nil && !ok {
				err = fmt.Errorf("answer of %s did not count", id)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if h.msg.posts != 1 {
		t.Fatalf("summaries posted = %d, want 1", h.msg.posts)
	}
	sessions, err := h.db.SessionsOf(h.ctx, "checkout", "2026-11-23")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sessions {
		if s.AnsweredAt.IsZero() {
			t.Errorf("answer of %s lost: %+v", s.PersonID, s)
		}
	}
}
