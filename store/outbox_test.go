package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

func TestOutbox(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		effect := func(key string) unblock.Outgoing {
			return unblock.Outgoing{Key: key, Kind: "confirm", Payload: []byte(`{}`), CreatedAt: day(0), Deadline: day(1)}
		}
		t.Run("OK", func(t *testing.T) {
			db := MustOpenDB(t)
			for i, key := range []string{"a", "b", "a"} {
				added, err := db.Enqueue(ctx, effect(key))
				if err != nil {
					t.Fatal(err)
				}
				if got, want := added, i < 2; got != want {
					t.Fatalf("Enqueue(%s) #%d added=%v, want %v (one effect per key)", key, i, got, want)
				}
			}
			due, err := db.Due(ctx, day(0), 10)
			if err != nil || len(due) != 2 || due[0].Key != "a" || due[1].Key != "b" {
				t.Fatalf("Due = %+v, %v; want a then b", due, err)
			}
			a, b := due[0], due[1]
			if err := db.BeginAttempt(ctx, a.ID, day(0)); err != nil {
				t.Fatal(err)
			}
			if err := db.EffectRetry(ctx, a.ID, day(0).Add(time.Minute), true, "reset"); err != nil {
				t.Fatal(err)
			}
			if err := db.EffectSent(ctx, b.ID, "D1", "1.2", "", day(0)); err != nil {
				t.Fatal(err)
			}
			if due, _ := db.Due(ctx, day(0), 10); len(due) != 0 {
				t.Fatalf("Due before the retry = %+v, want none", due)
			}
			if at, ok, err := db.NextDue(ctx); err != nil || !ok || !at.Equal(day(0).Add(time.Minute)) {
				t.Fatalf("NextDue = %v, %v, %v; want the retry", at, ok, err)
			}
			got, err := db.Outgoing(ctx, "a")
			if err != nil || got.Attempts != 1 || !got.Uncertain || got.Error != "reset" || got.State != unblock.OutgoingPending {
				t.Fatalf("a = %+v, %v; want one uncertain attempt, pending", got, err)
			}
			if got, _ := db.Outgoing(ctx, "b"); got.State != unblock.OutgoingSent || got.TS != "1.2" {
				t.Fatalf("b = %+v, want sent at 1.2", got)
			}
			if err := db.EffectDead(ctx, a.ID, "deadline passed", day(1)); err != nil {
				t.Fatal(err)
			}
			if n, err := db.OutboxPrune(ctx, day(2)); err != nil || n != 2 {
				t.Fatalf("OutboxPrune = %d, %v; want 2", n, err)
			}
		})
		t.Run("Coalesce", func(t *testing.T) {
			db := MustOpenDB(t)
			for _, key := range []string{"home1", "home2"} {
				o := effect(key)
				o.Coalesce = "home:U1"
				if _, err := db.Enqueue(ctx, o); err != nil {
					t.Fatal(err)
				}
			}
			due, _ := db.Due(ctx, day(0), 10)
			if sup, err := db.Superseded(ctx, due[0]); err != nil || !sup {
				t.Fatalf("Superseded(home1) = %v, %v; want true", sup, err)
			}
			if sup, err := db.Superseded(ctx, due[1]); err != nil || sup {
				t.Fatalf("Superseded(home2) = %v, %v; want false", sup, err)
			}
		})
		// A newer refresh that was sent supersedes an older one waiting to be
		// retried too: retried, the older would overwrite newer state. A newer one
		// given up (dead) carries nothing that was shown.
		t.Run("SupersededBySent", func(t *testing.T) {
			db := MustOpenDB(t)
			for _, key := range []string{"sum1", "sum2", "sum3"} {
				o := effect(key)
				o.Coalesce = "summary:core:2026-11-16"
				if _, err := db.Enqueue(ctx, o); err != nil {
					t.Fatal(err)
				}
			}
			due, _ := db.Due(ctx, day(0), 10)
			sum1, sum2, sum3 := due[0], due[1], due[2]
			if err := db.EffectRetry(ctx, sum1.ID, day(0).Add(time.Minute), false, "503"); err != nil {
				t.Fatal(err)
			}
			if err := db.EffectDead(ctx, sum3.ID, "channel_not_found", day(0)); err != nil {
				t.Fatal(err)
			}
			if err := db.EffectSent(ctx, sum2.ID, "C1", "1.1", "", day(0)); err != nil {
				t.Fatal(err)
			}
			if sup, err := db.Superseded(ctx, sum1); err != nil || !sup {
				t.Fatalf("Superseded(sum1) with sum2 sent = %v, %v; want true", sup, err)
			}
			if sup, err := db.Superseded(ctx, sum2); err != nil || sup {
				t.Fatalf("Superseded(sum2) with only a dead sum3 after it = %v, %v; want false", sup, err)
			}
		})
		// Unsettled names the older refresh of the same thing that may still
		// change it in Slack: one in hand, or one whose attempt's outcome was lost
		// when the caller asks for those too.
		t.Run("Unsettled", func(t *testing.T) {
			db := MustOpenDB(t)
			for _, key := range []string{"other", "sum1", "sum2", "sum3"} {
				o := effect(key)
				o.Coalesce = "summary:core:2026-11-16"
				if key == "other" {
					o.Coalesce = "summary:web:2026-11-16"
				}
				if _, err := db.Enqueue(ctx, o); err != nil {
					t.Fatal(err)
				}
			}
			due, _ := db.Due(ctx, day(0), 10)
			other, sum1, sum2, sum3 := due[0], due[1], due[2], due[3]
			for _, o := range []unblock.Outgoing{other, sum1} {
				if err := db.BeginAttempt(ctx, o.ID, day(0)); err != nil {
					t.Fatal(err)
				}
				if err := db.EffectRetry(ctx, o.ID, day(0).Add(time.Minute), true, "500"); err != nil {
					t.Fatal(err)
				}
			}
			if got, ok, err := db.Unsettled(ctx, sum3, true); err != nil || !ok || got.Key != "sum1" || !got.NextAt.Equal(day(0).Add(time.Minute)) {
				t.Fatalf("Unsettled(sum3, uncertain) = %+v, %v, %v; want sum1, due in a minute", got, ok, err)
			}
			if _, ok, err := db.Unsettled(ctx, sum3, false); err != nil || ok {
				t.Fatalf("Unsettled(sum3) = %v, %v; want none: sum1 is not in hand", ok, err)
			}
			if _, ok, err := db.Unsettled(ctx, sum1, true); err != nil || ok {
				t.Fatalf("Unsettled(sum1, uncertain) = %v, %v; want none: nothing of the same thing is older", ok, err)
			}
			// In hand (claimed) counts whatever its outcome; settled, it does not.
			if claimed, err := db.ClaimEffect(ctx, sum2, day(0).Add(time.Hour)); err != nil || !claimed {
				t.Fatalf("ClaimEffect(sum2) = %v, %v", claimed, err)
			}
			if got, ok, err := db.Unsettled(ctx, sum3, false); err != nil || !ok || got.Key != "sum2" || !got.Claimed {
				t.Fatalf("Unsettled(sum3) with sum2 in hand = %+v, %v, %v; want sum2, claimed", got, ok, err)
			}
			if err := db.EffectSent(ctx, sum2.ID, "C1", "1.1", "", day(0)); err != nil {
				t.Fatal(err)
			}
			if err := db.EffectSent(ctx, sum1.ID, "C1", "1.1", "found", day(0)); err != nil {
				t.Fatal(err)
			}
			if _, ok, err := db.Unsettled(ctx, sum3, true); err != nil || ok {
				t.Fatalf("Unsettled(sum3) with every older one sent = %v, %v; want none", ok, err)
			}
		})
		// Atomic: the state change and the effect it decides commit together or not at all.
		t.Run("AtomicRollback", func(t *testing.T) {
			db := MustOpenDB(t)
			boom := errors.New("boom")
			err := db.Atomic(ctx, func(ctx context.Context) error {
				if err := db.SavePost(ctx, "decided", "", "", day(0)); err != nil {
					return err
				}
				if _, err := db.Enqueue(ctx, effect("x")); err != nil {
					return err
				}
				// Reads inside see the transaction's own writes.
				if _, _, ok, err := db.Post(ctx, "decided"); err != nil || !ok {
					t.Fatalf("Post inside Atomic = %v, %v; want its own write", ok, err)
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("Atomic = %v, want boom", err)
			}
			if _, _, ok, _ := db.Post(ctx, "decided"); ok {
				t.Fatal("the state change survived a rollback")
			}
			if _, err := db.Outgoing(ctx, "x"); unblock.ErrorCode(err) != unblock.ENOTFOUND {
				t.Fatalf("the effect survived a rollback: %v", err)
			}
		})
	})
}
