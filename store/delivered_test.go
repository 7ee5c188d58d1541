package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// LastDelivered counts a digest only once it went out: a post record decided
// and not sent, or one whose effect was dead-lettered, is no delivery; a sent
// effect is, and so is a record that says where the message went, which
// outlives the outbox's week.
func TestLastDelivered(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		check := func(when string, want time.Time) {
			t.Helper()
			got, err := db.LastDelivered(ctx, "digest:")
			if err != nil || !got.Equal(want) {
				t.Fatalf("%s: LastDelivered = %v, %v; want %v", when, got, err, want)
			}
		}
		decide := func(key string) unblock.Outgoing {
			t.Helper()
			if err := db.SavePost(ctx, key, "", "", day(0)); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Enqueue(ctx, unblock.Outgoing{Key: key, Kind: "digest", Payload: []byte(`{}`), CreatedAt: day(0), Deadline: day(1)}); err != nil {
				t.Fatal(err)
			}
			o, err := db.Outgoing(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			return o
		}
		check("nothing posted", time.Time{})
		channel := decide("digest:2026-11-22:C1")
		check("a digest decided, not sent", time.Time{})
		if err := db.EffectDead(ctx, channel.ID, "not_in_channel", day(0).Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		check("its effect dead-lettered", time.Time{})

		sent := day(0).Add(2 * time.Minute)
		lead := decide("digest:2026-11-22:U1")
		if err := db.EffectSent(ctx, lead.ID, "D1", "1.1", "", sent); err != nil {
			t.Fatal(err)
		}
		check("another's effect sent", sent)
		// The bot saves where it went as it records the send: after the outbox's
		// week, that record still says when.
		if err := db.SavePost(ctx, "digest:2026-11-22:U1", "D1", "1.1", sent); err != nil {
			t.Fatal(err)
		}
		if _, err := db.OutboxPrune(ctx, day(30)); err != nil {
			t.Fatal(err)
		}
		check("the outbox pruned", sent)
		if err := db.SavePost(ctx, "summary:checkout:2026-11-23", "C2", "2.2", day(1)); err != nil {
			t.Fatal(err)
		}
		check("a summary posted later", sent)
	})
}
