package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// With privacy.store_text off, a processed envelope's payload (what people wrote)
// is dropped from the inbox file when it is settled; its key stays, for dedupe.
func TestInboxDropsTextOnceProcessed(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "unblock.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetStoreText(false)
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for _, key := range []string{"done", "pending"} {
		if _, err := db.InboxAdd(ctx, key, "events_api", []byte(`{"text":"waiting on legal for the DPA"}`), at); err != nil {
			t.Fatal(err)
		}
	}
	items, err := db.InboxPending(ctx, 10)
	if err != nil || len(items) != 2 {
		t.Fatalf("pending = %+v, %v", items, err)
	}
	if err := db.InboxDone(ctx, items[0].ID, at, nil); err != nil {
		t.Fatal(err)
	}
	if items, err := db.InboxPending(ctx, 10); err != nil || len(items) != 1 || items[0].Key != "pending" {
		t.Fatalf("pending after done = %+v, %v", items, err)
	}
	payload := func(key string) string {
		var p []byte
		if err := db.inbox.QueryRowContext(ctx, `SELECT payload FROM inbox WHERE key = ?`, key).Scan(&p); err != nil {
			t.Fatal(err)
		}
		return string(p)
	}
	if got := payload("done"); got != "" {
		t.Fatalf("processed payload = %q, want it dropped", got)
	}
	if got := payload("pending"); got == "" {
		t.Fatal("a pending envelope lost its payload before it was processed")
	}
	if added, _ := db.InboxAdd(ctx, "done", "events_api", nil, at); added {
		t.Fatal("a processed key no longer dedupes")
	}
}
