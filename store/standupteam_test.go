package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

func checkoutTeam() unblock.StandupTeam {
	return unblock.StandupTeam{
		Name: "checkout", Channel: "C0STANDUP", Members: []string{"U0ANA0001", "U0DANA001"},
		Time: "09:30", Days: []time.Weekday{time.Monday, time.Wednesday, time.Friday}, Timezone: "Europe/Berlin",
		Questions:     []string{"Done?", "Next?", "Blocked?"},
		ReminderAfter: 2 * time.Hour, AnswerWindow: 4 * time.Hour, EveningBefore: true,
		DigestTo: []string{"U0PRIYA01"}, UpdatedBy: "U0ADMIN01", UpdatedAt: time.Date(2026, 11, 16, 8, 0, 0, 0, time.UTC),
		DefaultRole: "design", NoSummary: true, PublicReminders: true, CreatedView: "V0MODAL01",
	}
}

func TestStandupTeams(t *testing.T) {
	eachBackend(t, testStandupTeams)
}

func testStandupTeams(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		want := checkoutTeam()
		if err := db.SaveStandupTeam(ctx, want); err != nil {
			t.Fatal(err)
		}
		got, err := db.StandupTeam(ctx, "checkout")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("StandupTeam=%+v, want %+v", got, want)
		}

		// Saving again under the same name replaces it, the options too.
		want.Paused, want.Members, want.UserGroup = true, nil, "S0DESIGN1"
		want.DefaultRole, want.NoSummary, want.PublicReminders = "", false, false
		if err := db.SaveStandupTeam(ctx, want); err != nil {
			t.Fatal(err)
		}
		all, err := db.StandupTeams(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want.Members = []string{} // stored as [], never null
		if len(all) != 1 || !reflect.DeepEqual(all[0], want) {
			t.Fatalf("StandupTeams=%+v, want only %+v", all, want)
		}

		v1, err := db.StandupTeamsVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteStandupTeam(ctx, "checkout"); err != nil {
			t.Fatal(err)
		}
		if v2, err := db.StandupTeamsVersion(ctx); err != nil || v2 == v1 {
			t.Fatalf("StandupTeamsVersion after a delete = %q, %v; want other than %q", v2, err, v1)
		}
		if all, err := db.StandupTeams(ctx); err != nil || len(all) != 0 {
			t.Fatalf("StandupTeams after delete = %+v, %v; want none", all, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		db := MustOpenDB(t)
		if _, err := db.StandupTeam(ctx, "nope"); unblock.ErrorCode(err) != unblock.ENOTFOUND {
			t.Fatalf("StandupTeam(nope) err=%v, want ENOTFOUND", err)
		}
		if err := db.DeleteStandupTeam(ctx, "nope"); unblock.ErrorCode(err) != unblock.ENOTFOUND {
			t.Fatalf("DeleteStandupTeam(nope) err=%v, want ENOTFOUND", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		db := MustOpenDB(t)
		bad := checkoutTeam()
		bad.Days = nil
		if err := db.SaveStandupTeam(ctx, bad); unblock.ErrorCode(err) != unblock.EINVALID {
			t.Fatalf("SaveStandupTeam without days err=%v, want EINVALID", err)
		}
	})
}
