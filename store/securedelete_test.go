package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unblock-dev/unblock/store"
)

// What people wrote, once unblock drops it, leaves no bytes on disk: SQLite
// overwrites what is deleted (secure_delete), so the text is in no free page or
// free space of the database or its inbox file when the store is closed.
func TestDroppedTextLeavesNoBytes(t *testing.T) {
	ctx := context.Background()
	// A payload past a page spills to overflow pages, which are freed whole.
	long := strings.Repeat("lorem ipsum ", 800)
	say := func(t *testing.T, db *store.DB, person, ts string, at time.Time, text string) {
		st := blocked("DPA", role("legal"))
		st.Text = text
		apply(t, db, report(person, ts, at), st)
	}
	settle := func(t *testing.T, db *store.DB) {
		items, err := db.InboxPending(ctx, 10)
		if err != nil || len(items) != 1 {
			t.Fatalf("pending = %+v, %v", items, err)
		}
		if err := db.InboxDone(ctx, items[0].ID, day(0), nil); err != nil {
			t.Fatal(err)
		}
		if err := db.InboxSettle(ctx, items, day(0)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name        string
		write, drop func(t *testing.T, db *store.DB, secret string)
	}{
		{"a processed envelope, store_text off",
			func(t *testing.T, db *store.DB, secret string) {
				db.SetStoreText(false)
				if _, err := db.InboxAdd(ctx, "event:Ev1", "events_api", []byte(`{"text":"`+secret+`"}`), day(0)); err != nil {
					t.Fatal(err)
				}
			},
			func(t *testing.T, db *store.DB, _ string) { settle(t, db) }},
		{"a long processed envelope, store_text off",
			func(t *testing.T, db *store.DB, secret string) {
				db.SetStoreText(false)
				if _, err := db.InboxAdd(ctx, "event:Ev1", "events_api", []byte(`{"text":"`+long+secret+`"}`), day(0)); err != nil {
					t.Fatal(err)
				}
			},
			func(t *testing.T, db *store.DB, _ string) { settle(t, db) }},
		{"a reading, once read, store_text off",
			func(t *testing.T, db *store.DB, secret string) {
				db.SetStoreText(false)
				r, st := report("U1", "1.0", day(0)), blocked("DPA", role("legal"))
				r.Text = secret
				if err := db.Update(ctx, func(tx *store.Tx) error { return tx.QueueReading(ctx, r, st, day(0)) }); err != nil {
					t.Fatal(err)
				}
			},
			func(t *testing.T, db *store.DB, _ string) {
				readings, err := db.PendingReadings(ctx, day(1), 10)
				if err != nil || len(readings) != 1 {
					t.Fatalf("readings = %+v, %v", readings, err)
				}
				if err := db.DropReading(ctx, readings[0].ID); err != nil {
					t.Fatal(err)
				}
			}},
		{"a report's text, past text_days",
			func(t *testing.T, db *store.DB, secret string) {
				say(t, db, "U1", "1.0", day(0), secret)
				say(t, db, "U2", "1.1", day(2), "kept: within text_days")
			},
			func(t *testing.T, db *store.DB, _ string) {
				if n, err := db.DropTextBefore(ctx, day(1)); err != nil || n != 1 {
					t.Fatalf("DropTextBefore = %d, %v", n, err)
				}
			}},
		{"a long report's text, past text_days",
			func(t *testing.T, db *store.DB, secret string) { say(t, db, "U1", "1.0", day(0), long+secret) },
			func(t *testing.T, db *store.DB, _ string) {
				if n, err := db.DropTextBefore(ctx, day(1)); err != nil || n != 1 {
					t.Fatalf("DropTextBefore = %d, %v", n, err)
				}
			}},
		{"a forgotten person's report",
			func(t *testing.T, db *store.DB, secret string) {
				say(t, db, "U0BOB0001", "0.9", day(0), "Bob's, which stays")
				say(t, db, "U0ANA0001", "1.0", day(0), secret)
				say(t, db, "U0BOB0001", "1.1", day(0), "Bob's, which stays too")
			},
			func(t *testing.T, db *store.DB, _ string) {
				if _, err := db.Forget(ctx, "U0ANA0001"); err != nil {
					t.Fatal(err)
				}
			}},
	}
	// onDisk lists the files of dir that hold secret.
	onDisk := func(t *testing.T, dir, secret string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var holding []string
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(data, []byte(secret)) {
				holding = append(holding, e.Name())
			}
		}
		return holding
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db, err := store.Open(ctx, filepath.Join(dir, "unblock.db"))
			if err != nil {
				t.Fatal(err)
			}
			const secret = "waiting on legal for the Zanzibar DPA"
			tc.write(t, db, secret)
			if len(onDisk(t, dir, secret)) == 0 {
				t.Fatal("the text never reached the disk: the test proves nothing")
			}
			tc.drop(t, db, secret)
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if files := onDisk(t, dir, secret); len(files) > 0 {
				t.Errorf("%v still hold the dropped text", files)
			}
		})
	}
}
