package store_test

import (
	"context"
	"testing"
)

func TestInboxPrune(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		for _, key := range []string{"old", "recent", "pending"} {
			if _, err := db.InboxAdd(ctx, key, "events_api", []byte(`{}`), day(0)); err != nil {
				t.Fatal(err)
			}
		}
		items, err := db.InboxPending(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.InboxDone(ctx, items[0].ID, day(1), nil); err != nil { // old
			t.Fatal(err)
		}
		if err := db.InboxDone(ctx, items[1].ID, day(9), nil); err != nil { // recent
			t.Fatal(err)
		}
		n, err := db.InboxPrune(ctx, day(8))
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("pruned %d, want 1", n)
		}
		// The pruned key is free again; the recent one still dedupes; the pending one stays pending.
		if added, _ := db.InboxAdd(ctx, "old", "events_api", nil, day(10)); !added {
			t.Error("the pruned key should be new again")
		}
		if added, _ := db.InboxAdd(ctx, "recent", "events_api", nil, day(10)); added {
			t.Error("a recently processed key must still dedupe")
		}
		pending, err := db.InboxPending(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) != 2 || pending[0].Key != "pending" {
			t.Fatalf("pending = %+v, want pending then the re-added old", pending)
		}
	})
}
