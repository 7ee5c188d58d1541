package standup_test

import (
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/standup"
)

func TestAway(t *testing.T) {
	tests := []struct {
		emoji, text string
		want        bool
	}{
		{":palm_tree:", "", true},
		{":airplane:", "", true},
		{":face_with_thermometer:", "", true},
		{"", "OOO until Monday", true},
		{"", "ooo", true},
		{"", "Out of Office", true},
		{"", "On vacation 🌴", true},
		{"", "Public holiday", true},
		{"", "Sick today", true},
		{"", "On Leave", true},
		{"", "", false},
		{":spiral_calendar_pad:", "In meetings", false},
		{":house:", "Working from home", false},
	}
	for _, tt := range tests {
		p := unblock.Person{StatusEmoji: tt.emoji, StatusText: tt.text}
		if got := standup.Away(p); got != tt.want {
			t.Errorf("Away(%q, %q) = %v, want %v", tt.emoji, tt.text, got, tt.want)
		}
	}
}

// People away or on a holiday are not prompted; their session stores why, so
// they are not retried later in the window or after a restart.
func TestSkips(t *testing.T) {
	monday := date(2026, 11, 23, 9, 30, time.UTC)
	tests := []struct {
		name     string
		person   unblock.Person
		holidays []time.Time
		want     string // Skipped; "" means prompted
	}{
		{name: "away until tomorrow", person: unblock.Person{AwayUntil: monday.Add(24 * time.Hour)}, want: standup.SkipAway},
		{name: "back already", person: unblock.Person{AwayUntil: monday.Add(-time.Hour)}, want: ""},
		{name: "palm tree", person: unblock.Person{StatusEmoji: ":palm_tree:"}, want: standup.SkipStatus},
		{name: "sick", person: unblock.Person{StatusEmoji: ":face_with_thermometer:"}, want: standup.SkipStatus},
		{name: "OOO text", person: unblock.Person{StatusText: "OOO till Wed"}, want: standup.SkipStatus},
		{name: "busy is not away", person: unblock.Person{StatusText: "Heads down"}, want: ""},
		{name: "deactivated", person: unblock.Person{Deleted: true}, want: standup.SkipGone},
		{name: "holiday", holidays: []time.Time{date(2026, 11, 23, 0, 0, time.UTC)}, want: standup.SkipHoliday},
		{name: "holiday the day after", holidays: []time.Time{date(2026, 11, 24, 0, 0, time.UTC)}, want: ""},
		// Monday 09:30 in Auckland is Sunday in UTC: the holiday matches the local date.
		{name: "holiday in the prompt's zone", person: unblock.Person{TZ: "Pacific/Auckland"},
			holidays: []time.Time{date(2026, 11, 23, 0, 0, time.UTC)}, want: standup.SkipHoliday},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.person
			p.ID = "U1"
			h := newHarness(t, date(2026, 11, 22, 12, 0, time.UTC), []standup.Team{team(t, "checkout", "U1")}, []unblock.Person{p}, tt.holidays...)
			loc := time.UTC
			if p.TZ != "" {
				loc = zone(t, p.TZ)
			}
			h.runUntil(date(2026, 11, 23, 9, 30, loc))
			// The status clears later in the window: a skip is not revisited.
			p.StatusEmoji, p.StatusText = "", ""
			if err := h.db.UpsertPeople(h.ctx, []unblock.Person{p}); err != nil {
				t.Fatal(err)
			}
			h.restart()
			h.runUntil(date(2026, 11, 23, 13, 0, loc))

			s, ok := h.session("checkout", "U1", "2026-11-23")
			if !ok || s.Skipped != tt.want {
				t.Fatalf("session = %+v, %v; want Skipped %q", s, ok, tt.want)
			}
			prompts := h.msg.byPerson("prompt")["U1"]
			reminders := h.msg.byPerson("remind")["U1"]
			if tt.want != "" && (len(prompts) != 0 || len(reminders) != 0 || s.PromptTS != "") {
				t.Errorf("skipped, yet prompted %v and reminded %v", prompts, reminders)
			}
			if tt.want == "" && len(prompts) != 1 {
				t.Errorf("prompts = %v, want one", prompts)
			}
		})
	}
}

// "Skip today": no reminder follows, a later answer in the window still counts
// (and clears the skip), and what cannot be skipped says why.
func TestSkipToday(t *testing.T) {
	monday := date(2026, 11, 23, 9, 30, time.UTC)
	tm := team(t, "checkout", "UANA", "UBO")
	tm.Summary = true
	h := newHarness(t, monday, []standup.Team{tm}, nil)
	h.tick()
	if got := len(h.msg.of("prompt")); got != 2 {
		t.Fatalf("prompts = %d, want 2", got)
	}
	h.clk.Set(monday.Add(10 * time.Minute))
	s, err := h.s.Skip(h.ctx, "UANA", "checkout", "2026-11-23")
	if err != nil || s.Skipped != standup.SkipAsked {
		t.Fatalf("Skip = %+v, %v; want skipped %q", s, err, standup.SkipAsked)
	}
	if _, err := h.s.Skip(h.ctx, "UANA", "checkout", "2026-11-23"); err != nil {
		t.Fatalf("Skip again: %v, want no error", err)
	}
	if sums := h.msg.of("summary"); len(sums) == 0 || sums[len(sums)-1].Sessions[0].Skipped != standup.SkipAsked {
		t.Fatalf("summaries = %+v, want one showing the skip", sums)
	}
	h.runUntil(monday.Add(3 * time.Hour))
	if got := h.msg.byPerson("remind"); len(got["UANA"]) != 0 || len(got["UBO"]) != 1 {
		t.Fatalf("reminders = %v, want only UBO's", got)
	}

	tests := []struct {
		name, person, day string
		at                time.Time
		code              string
	}{
		{"no prompt that day", "UANA", "2026-11-22", monday.Add(3 * time.Hour), unblock.EINVALID},
		{"unknown team", "UANA", "2026-11-23", monday.Add(3 * time.Hour), unblock.ENOTFOUND},
		{"window closed", "UBO", "2026-11-23", monday.Add(4 * time.Hour), unblock.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.clk.Set(tt.at)
			teamName := "checkout"
			if tt.code == unblock.ENOTFOUND {
				teamName = "nope"
			}
			if _, err := h.s.Skip(h.ctx, tt.person, teamName, tt.day); unblock.ErrorCode(err) != tt.code {
				t.Fatalf("Skip = %v, want code %s", err, tt.code)
			}
		})
	}

	// Tuesday: Bo skips, then answers after all.
	tuesday := monday.Add(24 * time.Hour)
	h.runUntil(tuesday)
	h.clk.Set(tuesday.Add(5 * time.Minute))
	if _, err := h.s.Skip(h.ctx, "UBO", "checkout", "2026-11-24"); err != nil {
		t.Fatal(err)
	}
	if !h.answer("UBO", tuesday.Add(time.Hour)) {
		t.Fatal("an answer after a skip did not count")
	}
	if s, _ := h.session("checkout", "UBO", "2026-11-24"); s.Skipped != "" || s.AnsweredAt.IsZero() {
		t.Fatalf("session = %+v, want answered and no longer skipped", s)
	}
	if _, err := h.s.Skip(h.ctx, "UBO", "checkout", "2026-11-24"); unblock.ErrorCode(err) != unblock.EINVALID {
		t.Fatalf("Skip after answering = %v, want EINVALID", err)
	}
}
