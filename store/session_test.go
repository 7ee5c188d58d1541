package store_test

import (
	"context"
	"testing"

	"github.com/unblock-dev/unblock"
)

func TestSession(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			s, err := db.SaveSession(ctx, unblock.Session{Team: "checkout", PersonID: "U2", Day: "2026-11-16",
				PromptAt: day(0), Channel: "D2", PromptTS: "1.0"})
			if err != nil {
				t.Fatal(err)
			}
			if s.ID == 0 || !s.PromptAt.Equal(day(0)) || !s.AnsweredAt.IsZero() {
				t.Fatalf("SaveSession=%+v, want an ID, the prompt time and no answer", s)
			}
			if _, err := db.SaveSession(ctx, unblock.Session{Team: "checkout", PersonID: "U1", Day: "2026-11-16", Skipped: "away"}); err != nil {
				t.Fatal(err)
			}

			// The answer arrives: the same (team, person, day) is updated, not duplicated.
			ch := apply(t, db, report("U2", "2.0", day(0)), blocked("mocks", role("product")))
			s.AnsweredAt, s.ReportID = day(0).Add(30*60e9), ch.ReportID
			updated, err := db.SaveSession(ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			if updated.ID != s.ID || updated.ReportID != ch.ReportID || !updated.AnsweredAt.Equal(s.AnsweredAt) {
				t.Fatalf("SaveSession=%+v, want session %d answered by report %d", updated, s.ID, ch.ReportID)
			}
			list, err := db.SessionsOf(ctx, "checkout", "2026-11-16")
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 || list[0].PersonID != "U1" || list[0].Skipped != "away" || list[1].ID != s.ID {
				t.Fatalf("SessionsOf=%+v, want U1 (skipped) then U2", list)
			}
			if got, err := db.Session(ctx, "checkout", "U2", "2026-11-16"); err != nil || got != updated {
				t.Fatalf("Session=%+v, %v; want %+v", got, err, updated)
			}
		})

		t.Run("ErrNotFound", func(t *testing.T) {
			db := MustOpenDB(t)
			if _, err := db.Session(context.Background(), "checkout", "U1", "2026-11-16"); unblock.ErrorCode(err) != unblock.ENOTFOUND {
				t.Fatalf("Session err=%v, want ENOTFOUND", err)
			}
		})

		t.Run("ErrInvalid", func(t *testing.T) {
			db := MustOpenDB(t)
			for _, s := range []unblock.Session{
				{PersonID: "U1", Day: "2026-11-16"},
				{Team: "checkout", Day: "2026-11-16"},
				{Team: "checkout", PersonID: "U1", Day: "16/11/2026"},
			} {
				if _, err := db.SaveSession(context.Background(), s); unblock.ErrorCode(err) != unblock.EINVALID {
					t.Fatalf("SaveSession(%+v) err=%v, want EINVALID", s, err)
				}
			}
		})
	})
}
