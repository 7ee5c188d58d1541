package store_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// historyLines renders a history one report a line: person, day, text, then each
// effect as effect:node "topic".
func historyLines(list []unblock.HistoryEntry) []string {
	var out []string
	for _, e := range list {
		s := fmt.Sprintf("%s %s %q", e.Report.PersonID, e.Report.At.Format("Mon"), e.Report.Text)
		for _, x := range e.Effects {
			s += fmt.Sprintf(" | %s:%s %q", x.Effect, x.Blocker.To, x.Blocker.Topic)
		}
		out = append(out, s)
	}
	return out
}

func TestHistory(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		ledgerWeek(t, db)
		// A standup report that says nothing of blockers is history too; chatter is not.
		standupReport := report("U1", "1.4", day(2).Add(time.Hour))
		standupReport.Standup = true
		apply(t, db, standupReport, said("shipped the cart", unblock.Statement{}))
		apply(t, db, report("U1", "1.5", day(2).Add(2*time.Hour)), chatter("lunch?"))

		tests := []struct {
			name     string
			person   string
			from, to time.Time
			want     []string
		}{
			{"one person's week", "U1", day(0), day(7), []string{
				`U1 Mon "waiting on design for checkout mocks" | opened:role:design "checkout mocks"`,
				`U1 Tue "still no checkout mocks from design" | seen:role:design "checkout mocks"`,
				`U1 Wed "no blockers" | resolved:role:design "checkout mocks"`,
				`U1 Wed "shipped the cart"`,
			}},
			{"a range is [from, to)", "U1", day(1), day(2), []string{
				`U1 Tue "still no checkout mocks from design" | seen:role:design "checkout mocks"`,
			}},
			{"everyone on a day", "", day(1), day(2), []string{
				`U1 Tue "still no checkout mocks from design" | seen:role:design "checkout mocks"`,
				`U2 Tue "blocked on legal for the DPA" | expired:U1 "API review" | opened:role:legal "DPA"`,
			}},
			{"nobody", "U4", day(0), day(7), nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				list, err := db.History(ctx, tt.person, tt.from, tt.to)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := strings.Join(historyLines(list), "\n"), strings.Join(tt.want, "\n"); got != want {
					t.Fatalf("History(%q) =\n%s\nwant\n%s", tt.person, got, want)
				}
			})
		}
	})
}

// Participation is counted from the sessions of the days asked for, on a fake
// week of prompts, answers, reminders and skips.
func TestSessionsBetween(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		at := func(d, h int) time.Time { return day(d).Add(time.Duration(h) * time.Hour) }
		sessions := []unblock.Session{
			{Team: "checkout", PersonID: "U1", Day: "2026-11-16", PromptAt: at(0, 0), AnsweredAt: at(0, 1)},
			{Team: "checkout", PersonID: "U2", Day: "2026-11-16", PromptAt: at(0, 0), RemindedAt: at(0, 2), AnsweredAt: at(0, 3)},
			{Team: "checkout", PersonID: "U3", Day: "2026-11-16", PromptAt: at(0, 0), RemindedAt: at(0, 2)},
			{Team: "checkout", PersonID: "U1", Day: "2026-11-17", PromptAt: at(1, 0), Skipped: "asked"},
			{Team: "checkout", PersonID: "U2", Day: "2026-11-17", AnsweredAt: at(0, 10)}, // the evening before
			{Team: "growth", PersonID: "U4", Day: "2026-11-17", PromptAt: at(1, 0), Skipped: "away"},
			{Team: "growth", PersonID: "U4", Day: "2026-11-23", PromptAt: at(7, 0), AnsweredAt: at(7, 1)},
		}
		for _, s := range sessions {
			if _, err := db.SaveSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		list, err := db.SessionsBetween(ctx, "2026-11-16", "2026-11-23")
		if err != nil {
			t.Fatal(err)
		}
		teams := unblock.Tally(list)
		type P = unblock.Participation
		want := []unblock.TeamParticipation{
			{Team: "checkout", Participation: P{Asked: 4, Answered: 3, OnTime: 2, Late: 1, Skipped: 1}, People: map[string]P{
				"U1": {Asked: 1, Answered: 1, OnTime: 1, Skipped: 1},
				"U2": {Asked: 2, Answered: 2, OnTime: 1, Late: 1},
				"U3": {Asked: 1},
			}},
			{Team: "growth", Participation: P{Skipped: 1}, People: map[string]P{"U4": {Skipped: 1}}},
		}
		if !reflect.DeepEqual(teams, want) {
			t.Fatalf("Tally =\n%#v\nwant\n%#v", teams, want)
		}
		if got := teams[0].Participation.String(); got != "answered 3 of 4 prompts (2 on time, 1 late), 1 skipped" {
			t.Fatalf("String() = %q", got)
		}
		if total := unblock.Total(teams); total.Asked != 4 || total.Missed() != 1 || total.Skipped != 2 {
			t.Fatalf("Total = %+v, want 4 asked, 1 missed, 2 skipped", total)
		}
	})
}
