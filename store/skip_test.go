package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// A day skipped with "Skip today" does not count toward expiry by silence: the
// silence ends a day later for each such day before its end; being away does not
// carry it. Reads as of a date and the lifecycle, when the person reports again,
// agree.
func TestSilence_SkippedDays(t *testing.T) { eachBackend(t, testSilenceSkippedDays) }

func testSilenceSkippedDays(t *testing.T) {
	ctx := context.Background()
	legal := unblock.Target{Kind: unblock.TargetRole, Name: "legal", Role: unblock.RoleLegal}
	tests := []struct {
		name    string
		skipped map[int]string // day -> why, for days after the report
		expires time.Time
	}{
		{"no skips", nil, day(2)},
		{"two days skipped", map[int]string{1: unblock.SkipAsked, 2: unblock.SkipAsked}, day(4)},
		{"away is silence", map[int]string{1: "away", 2: "away"}, day(2)},
		{"a skip after the end changes nothing", map[int]string{3: unblock.SkipAsked}, day(2)},
		{"skips carry each other", map[int]string{1: unblock.SkipAsked, 3: unblock.SkipAsked, 4: unblock.SkipAsked}, day(5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpenDB(t)
			db.SetExpireSilence(48 * time.Hour)
			r := report("U1", "1.0", day(0))
			r.Standup = true
			ch := apply(t, db, r, blocked("DPA", legal))
			id := ch.Opened[0].ID
			for d, why := range tt.skipped {
				s := unblock.Session{Team: "checkout", PersonID: "U1", Day: day(d).Format(time.DateOnly), PromptAt: day(d), Skipped: why}
				if _, err := db.SaveSession(ctx, s); err != nil {
					t.Fatal(err)
				}
			}
			// As of just before and at the end of the silence.
			for _, at := range []time.Time{tt.expires.Add(-time.Minute), tt.expires} {
				open, err := db.BlockersOf(ctx, "U1", at)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := len(open), btoi(at.Before(tt.expires)); got != want {
					t.Fatalf("open blockers at %s = %d, want %d", at.Format("Mon 15:04"), got, want)
				}
			}
			// The person reports again later: the stored expiry is the same.
			later := report("U1", "2.0", day(9))
			later.Standup = true
			apply(t, db, later, chatter("T: contract redlines"))
			b, err := db.Blocker(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if !b.ResolvedAt.Equal(tt.expires) || b.Resolution != unblock.ResolvedByExpiry {
				t.Fatalf("stored: %s at %s, want expired at %s", b.Resolution, b.ResolvedAt.Format("Mon 15:04"), tt.expires.Format("Mon 15:04"))
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Many silent people at once read their skipped days in one query: those who
// skipped are still open, the others expired.
func TestSilence_SkippedDaysMany(t *testing.T) { eachBackend(t, testSilenceSkippedDaysMany) }

func testSilenceSkippedDaysMany(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	db.SetExpireSilence(48 * time.Hour)
	legal := unblock.Target{Kind: unblock.TargetRole, Name: "legal", Role: unblock.RoleLegal}
	const people = 40
	for i := range people {
		id := fmt.Sprintf("U%02d", i)
		r := report(id, fmt.Sprintf("%d.0", i), day(0))
		r.Standup = true
		apply(t, db, r, blocked("DPA", legal))
		if i%2 == 0 {
			s := unblock.Session{Team: "checkout", PersonID: id, Day: day(1).Format(time.DateOnly), PromptAt: day(1), Skipped: unblock.SkipAsked}
			if _, err := db.SaveSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	open, err := db.OpenBlockers(ctx, day(2).Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != people/2 {
		t.Fatalf("open blockers = %d, want %d (those who skipped a day)", len(open), people/2)
	}
	for _, b := range open {
		var n int
		fmt.Sscanf(b.PersonID, "U%d", &n)
		if n%2 != 0 {
			t.Fatalf("%s's blocker is open, but they skipped no day", b.PersonID)
		}
	}
}
