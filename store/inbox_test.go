package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

func TestInbox(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			for i, key := range []string{"Ev1", "Ev2", "Ev1"} {
				added, err := db.InboxAdd(ctx, key, "events_api", []byte(`{"n":`+string(rune('0'+i))+`}`), day(0).Add(0))
				if err != nil {
					t.Fatal(err)
				}
				if got, want := added, i < 2; got != want {
					t.Fatalf("InboxAdd(%s) #%d added=%v, want %v", key, i, got, want)
				}
			}
			pending, err := db.InboxPending(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(pending) != 2 || pending[0].Key != "Ev1" || pending[1].Key != "Ev2" {
				t.Fatalf("InboxPending=%+v, want Ev1 then Ev2", pending)
			}
			if got, want := string(pending[0].Payload), `{"n":0}`; got != want {
				t.Fatalf("Payload=%s, want %s (a redelivery does not overwrite)", got, want)
			}
			if !pending[0].ReceivedAt.Equal(day(0)) || pending[0].Kind != "events_api" {
				t.Fatalf("item=%+v, want kind events_api received at %v", pending[0], day(0))
			}
			if err := db.InboxDone(ctx, pending[0].ID, day(1), nil); err != nil {
				t.Fatal(err)
			}
			if err := db.InboxDone(ctx, pending[1].ID, day(1), errors.New("boom")); err != nil {
				t.Fatal(err)
			}
			if pending, err := db.InboxPending(ctx, 10); err != nil {
				t.Fatal(err)
			} else if len(pending) != 0 {
				t.Fatalf("InboxPending=%+v after done, want none", pending)
			}
			if added, err := db.InboxAdd(ctx, "Ev1", "events_api", nil, day(2)); err != nil || added {
				t.Fatalf("InboxAdd of a processed key = %v, %v; want false, nil", added, err)
			}
		})

		t.Run("ErrNotFound", func(t *testing.T) {
			db := MustOpenDB(t)
			if err := db.InboxDone(context.Background(), 42, day(0), nil); unblock.ErrorCode(err) != unblock.ENOTFOUND {
				t.Fatalf("InboxDone err=%v, want ENOTFOUND", err)
			}
		})

		t.Run("ErrNoKey", func(t *testing.T) {
			db := MustOpenDB(t)
			if _, err := db.InboxAdd(context.Background(), "", "events_api", nil, day(0)); unblock.ErrorCode(err) != unblock.EINVALID {
				t.Fatalf("InboxAdd err=%v, want EINVALID", err)
			}
		})
	})
}

func TestPost(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		t.Run("OK", func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			if _, _, ok, err := db.Post(ctx, "digest:2026-11-20"); err != nil || ok {
				t.Fatalf("Post before save: ok=%v err=%v, want false, nil", ok, err)
			}
			if err := db.SavePost(ctx, "digest:2026-11-20", "C1", "1.0", day(4)); err != nil {
				t.Fatal(err)
			}
			if err := db.SavePost(ctx, "digest:2026-11-20", "C1", "2.0", day(4)); err != nil {
				t.Fatal(err)
			}
			channel, ts, ok, err := db.Post(ctx, "digest:2026-11-20")
			if err != nil || !ok || channel != "C1" || ts != "2.0" {
				t.Fatalf("Post=%q, %q, %v, %v; want C1, 2.0, true, nil", channel, ts, ok, err)
			}
		})

		t.Run("ErrNoKey", func(t *testing.T) {
			db := MustOpenDB(t)
			if err := db.SavePost(context.Background(), "", "C1", "1.0", day(0)); unblock.ErrorCode(err) != unblock.EINVALID {
				t.Fatalf("SavePost err=%v, want EINVALID", err)
			}
		})
	})
}

// Every name of one database has one inbox file, beside the real file: a
// symlink to the database, a symlinked directory, and a database not created
// yet in a symlinked directory.
func TestInboxPath_FollowsSymlinks(t *testing.T) {
	live := t.TempDir()
	real := filepath.Join(live, "unblock.db")
	if err := os.WriteFile(real, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	real, err := filepath.EvalSymlinks(real)
	if err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	link, dirLink := filepath.Join(other, "link.db"), filepath.Join(other, "data")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Dir(real), dirLink); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(filepath.Dir(real), "unblock.inbox.db")
	tests := []struct{ name, path, want string }{
		{"the file", real, want},
		{"a symlink to it", link, want},
		{"through a symlinked directory", filepath.Join(dirLink, "unblock.db"), want},
		{"a new file in a symlinked directory", filepath.Join(dirLink, "new.db"), filepath.Join(filepath.Dir(real), "new.inbox.db")},
	}
	for _, tc := range tests {
		if got := store.InboxPath(tc.path); got != tc.want {
			t.Errorf("%s: InboxPath(%s) = %s, want %s", tc.name, tc.path, got, tc.want)
		}
	}
}
