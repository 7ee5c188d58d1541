package store_test

import (
	"context"
	"testing"
)

// Text older than the cut is dropped; what was read from it, and newer text, stay.
func TestDropTextBefore(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		old, recent := report("U1", "1.1", day(0)), report("U1", "1.2", day(3))
		old.Text, recent.Text = "Blockers: waiting on legal for the DPA", "Blockers: still waiting on legal for the DPA"
		apply(t, db, old, blocked("DPA", role("legal")))
		apply(t, db, recent, blocked("DPA", role("legal")))
		if _, err := db.InboxAdd(ctx, "event:Ev1", "events_api", []byte(`{"text":"waiting on legal"}`), day(0)); err != nil {
			t.Fatal(err)
		}
		items, err := db.InboxPending(ctx, 10)
		if err != nil || len(items) != 1 {
			t.Fatal(items, err)
		}
		if err := db.InboxDone(ctx, items[0].ID, day(0), nil); err != nil {
			t.Fatal(err)
		}

		n, err := db.DropTextBefore(ctx, day(2))
		if err != nil || n != 1 {
			t.Fatalf("DropTextBefore = %d, %v; want 1 report", n, err)
		}
		raw, inbox := rawDB(t, db), rawInbox(t, db)
		var oldText, recentText string
		payload := []byte("unread")
		raw.QueryRow(`SELECT text FROM reports WHERE ts = '1.1'`).Scan(&oldText)
		raw.QueryRow(`SELECT text FROM reports WHERE ts = '1.2'`).Scan(&recentText)
		if err := inbox.QueryRow(`SELECT payload FROM inbox WHERE key = 'event:Ev1'`).Scan(&payload); err != nil {
			t.Fatal(err)
		}
		if oldText != "" || recentText == "" || len(payload) != 0 {
			t.Fatalf("after the cut: old %q, recent %q, payload %q; want old text and payload gone, recent kept", oldText, recentText, payload)
		}
		open, err := db.BlockersOf(ctx, "U1", day(3))
		if err != nil || len(open) != 1 || open[0].Topic != "DPA" || !open[0].OpenedAt.Equal(day(0)) {
			t.Fatalf("what was read is lost: %+v, %v", open, err)
		}
	})
}
