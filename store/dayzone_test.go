package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// A person's reports count their misses by their own days: in Sydney a standup at
// 10:30 and a note at 11:30 fall on one day, though UTC's midnight lies between
// them, so they are one report-day without a blocker, not two; a person with no
// zone of their own counts by the DB's day zone, else UTC.
func TestMisses_PersonsDays(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		sydney, err := time.LoadLocation("Australia/Sydney")
		if err != nil {
			t.Skip("no tzdata:", err)
		}
		local := func(day, hour, min int) time.Time { return time.Date(2026, 11, 16+day, hour, min, 0, 0, sydney) }
		for _, tt := range []struct {
			name    string
			tz      string         // the person's profile zone
			dayZone *time.Location // SetDayZone
			want    int            // open blockers after the reports
		}{
			{"ProfileZone", "Australia/Sydney", nil, 1},
			{"DayZone", "", sydney, 1},
			{"UTC", "", nil, 0},
		} {
			t.Run(tt.name, func(t *testing.T) {
				ctx := context.Background()
				db := MustOpenDB(t)
				db.SetDayZone(tt.dayZone)
				if err := db.UpsertPeople(ctx, []unblock.Person{{ID: "U1", Name: "ana", TZ: tt.tz, Role: unblock.RoleEngineering}}); err != nil {
					t.Fatal(err)
				}
				apply(t, db, report("U1", "1.0", local(0, 9, 30)), blocked("DPA", role("legal")))
				// Tuesday: the standup and a note before and after UTC's midnight; Wednesday's standup.
				none := unblock.Statement{Blocked: true, Targets: []unblock.Target{role("design")}, Topic: "mocks"}
				apply(t, db, report("U1", "2.0", local(1, 10, 30)), none) // 23:30 UTC Monday
				apply(t, db, report("U1", "3.0", local(1, 11, 30)), none) // 00:30 UTC Tuesday
				apply(t, db, report("U1", "4.0", local(2, 11, 30)), none) // 00:30 UTC Wednesday
				open, err := db.OpenBlockers(ctx, local(2, 12, 0))
				if err != nil {
					t.Fatal(err)
				}
				got := 0
				for _, b := range open {
					if b.To == "role:legal" {
						got++
					}
				}
				if got != tt.want {
					t.Errorf("open blockers on legal = %d, want %d (2 days without it by the person's days, 3 by UTC's; expire_after 3)", got, tt.want)
				}
			})
		}
	})
}
