package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/unblock-dev/unblock"
)

// A savepoint inside Atomic undoes only what its own fn wrote: the reports
// applied before and after it in the same transaction are kept, and the
// lifecycle's per-transaction caches do not remember the undone blocker (Ana's
// later report, in the same transaction, opens her wait afresh).
func TestSavepoint(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		boom := errors.New("boom")
		err := db.Atomic(ctx, func(ctx context.Context) error {
			if err := db.Savepoint(ctx, func(ctx context.Context) error {
				_, err := db.ApplyReport(ctx, report("U1", "1.1", day(0)), blocked("pricing decision", role("product")))
				return err
			}); err != nil {
				return err
			}
			if err := db.Savepoint(ctx, func(ctx context.Context) error {
				if _, err := db.ApplyReport(ctx, report("U2", "1.2", day(0)), blocked("DPA", role("legal"))); err != nil {
					return err
				}
				return boom
			}); !errors.Is(err, boom) {
				return errors.Join(errors.New("the savepoint did not return fn's error"), err)
			}
			return db.Savepoint(ctx, func(ctx context.Context) error {
				_, err := db.ApplyReport(ctx, report("U2", "1.3", day(1)), blocked("DPA", role("legal")))
				return err
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		open, err := db.OpenBlockers(ctx, day(2))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]unblock.Blocker{}
		for _, b := range open {
			got[b.PersonID] = b
		}
		if len(open) != 2 || got["U1"].Topic != "pricing decision" || got["U2"].Topic != "DPA" {
			t.Fatalf("open = %+v, want U1's pricing decision and U2's DPA", open)
		}
		if !got["U2"].OpenedAt.Equal(day(1)) {
			t.Fatalf("U2's blocker opened %v, want %v (the undone report left nothing)", got["U2"].OpenedAt, day(1))
		}
	})
}

// InboxAddAll commits several envelopes in one transaction and reports which
// were new: a key seen before, or earlier in the same call, is not added again.
func TestInboxAddAll(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		if _, err := db.InboxAdd(ctx, "Ev0", "events_api", []byte(`{}`), day(0)); err != nil {
			t.Fatal(err)
		}
		items := []unblock.InboxItem{
			{Key: "Ev1", Kind: "events_api", Payload: []byte(`{"n":1}`)},
			{Key: "Ev0", Kind: "events_api", Payload: []byte(`{"n":0}`)},
			{Key: "Ev1", Kind: "events_api", Payload: []byte(`{"n":2}`)},
			{Key: "Ev2", Kind: "slash_commands"},
		}
		added, err := db.InboxAddAll(ctx, items, day(1))
		if err != nil {
			t.Fatal(err)
		}
		if want := []bool{true, false, false, true}; len(added) != 4 || added[0] != want[0] || added[1] != want[1] || added[2] != want[2] || added[3] != want[3] {
			t.Fatalf("added = %v, want %v", added, want)
		}
		pending, err := db.InboxPending(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) != 3 || pending[1].Key != "Ev1" || string(pending[1].Payload) != `{"n":1}` || pending[2].Key != "Ev2" {
			t.Fatalf("pending = %+v, want Ev0, Ev1 (its first payload), Ev2", pending)
		}
		if _, err := db.InboxAddAll(ctx, []unblock.InboxItem{{Key: "Ev3"}, {Key: ""}}, day(1)); unblock.ErrorCode(err) != unblock.EINVALID {
			t.Fatalf("InboxAddAll with an empty key: err = %v, want EINVALID", err)
		}
		if pending, _ := db.InboxPending(ctx, 10); len(pending) != 3 {
			t.Fatalf("a failed InboxAddAll added %d items", len(pending)-3)
		}
		// Processed items are settled in the inbox file in one go.
		for _, it := range pending[:2] {
			if err := db.InboxDoneKey(ctx, it.Key, day(2), nil); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.InboxSettle(ctx, pending[:2], day(2)); err != nil {
			t.Fatal(err)
		}
		if n, err := db.InboxDepth(ctx); err != nil || n != 1 {
			t.Fatalf("InboxDepth = %d, %v after settling two of three; want 1", n, err)
		}
	})
}
