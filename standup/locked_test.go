package standup_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/standup"
	"github.com/unblock-dev/unblock/store"
)

// A write lock another process holds on the database (a backup, an import, a
// sqlite3 shell) stops a tick at the first member it meets, with one error,
// instead of waiting the lock out once per member; the standups are tried again
// DefaultRetryAfter later, and with the lock gone every member is prompted once.
func TestTick_LockedDatabase(t *testing.T) {
	tm := team(t, "platform", "U1", "U2", "U3")
	people := []unblock.Person{{ID: "U1"}, {ID: "U2"}, {ID: "U3"}}
	start := date(2026, 11, 23, 9, 30, time.UTC) // a Monday, at the prompt time
	h := newHarness(t, start, []standup.Team{tm}, people)
	waited := 0 // members whose session met the lock
	h.s.SetBusy(func(err error) bool {
		busy := store.Busy(err)
		if busy {
			waited++
		}
		return busy
	})

	ctx := context.Background()
	raw, err := sql.Open("sqlite3", h.path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	conn, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}

	err = h.s.Tick(h.ctx)
	if err == nil || !store.Busy(err) {
		t.Fatalf("Tick under another process's lock = %v, want the lock's error", err)
	}
	if waited != 1 {
		t.Errorf("%d members waited for the lock, want the first only", waited)
	}
	if n := len(h.msg.of("prompt")); n != 0 {
		t.Errorf("%d prompts sent under the lock, want none (none could be recorded)", n)
	}
	if next, want := h.s.Next(), start.Add(standup.DefaultRetryAfter); !next.Equal(want) {
		t.Errorf("next tick at %v, want %v (DefaultRetryAfter later)", next, want)
	}

	if _, err := conn.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	h.clk.Set(h.s.Next())
	h.tick()
	for _, id := range []string{"U1", "U2", "U3"} {
		if got := h.msg.byPerson("prompt")[id]; len(got) != 1 {
			t.Errorf("%s prompted %d times after the lock went, want once", id, len(got))
		}
	}
}
