package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// An effect is sent by the one process that claims it: a second claim of what
// Due returned fails. On PostgreSQL another replica does not see an effect
// claimed by a live process as due, and sees it due at once when that process
// is gone, whatever the claim's time.
func TestClaimEffect(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		if _, err := db.Enqueue(ctx, unblock.Outgoing{Key: "k1", Kind: "post", CreatedAt: day(0), Deadline: day(1)}); err != nil {
			t.Fatal(err)
		}
		due, err := db.Due(ctx, day(0), 10)
		if err != nil || len(due) != 1 {
			t.Fatalf("Due = %v, %v", due, err)
		}
		if ok, err := db.ClaimEffect(ctx, due[0], day(0).Add(time.Hour)); err != nil || !ok {
			t.Fatalf("first claim = %v, %v; want it claimed", ok, err)
		}
		if ok, err := db.ClaimEffect(ctx, due[0], day(0).Add(time.Hour)); err != nil || ok {
			t.Fatalf("second claim of the same read = %v, %v; want refused", ok, err)
		}
		if !store.IsPostgres(db.Path()) {
			return
		}
		other := mustOpenPath(t, db.Path()) // a replica
		if due, err := other.Due(ctx, day(0), 10); err != nil || len(due) != 0 {
			t.Fatalf("a replica's Due while the claimant lives = %v, %v; want nothing", due, err)
		}
		db.Close() // the claimant is gone
		var freed []unblock.Outgoing
		for len(freed) == 0 {
			if freed, err = other.Due(ctx, day(0), 10); err != nil {
				t.Fatal(err)
			}
		}
		if ok, err := other.ClaimEffect(ctx, freed[0], day(0).Add(time.Hour)); err != nil || !ok {
			t.Fatalf("the replica's claim after the claimant died = %v, %v; want it claimed", ok, err)
		}
	})
}

// An inbox item is processed once: after its done mark, InboxClaim refuses it,
// also to another replica.
func TestInboxClaim(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		if _, err := db.InboxAdd(ctx, "event:E1", "events_api", []byte(`{}`), day(0)); err != nil {
			t.Fatal(err)
		}
		err := db.Atomic(ctx, func(ctx context.Context) error {
			ok, err := db.InboxClaim(ctx, "event:E1")
			if err != nil || !ok {
				t.Fatalf("claim of a new item = %v, %v", ok, err)
			}
			return db.InboxDoneKey(ctx, "event:E1", day(0), nil)
		})
		if err != nil {
			t.Fatal(err)
		}
		replicas := []*store.DB{db}
		if store.IsPostgres(db.Path()) {
			replicas = append(replicas, mustOpenPath(t, db.Path()))
		}
		for _, r := range replicas {
			err := r.Atomic(ctx, func(ctx context.Context) error {
				if ok, err := r.InboxClaim(ctx, "event:E1"); err != nil || ok {
					t.Errorf("claim of a processed item = %v, %v; want refused", ok, err)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}

// A reading is asked about by the one process that claims it; once claimed it
// is not due (to another replica's worker) until the claim runs out.
func TestClaimReading(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		if err := db.Update(ctx, func(tx *store.Tx) error {
			return tx.QueueReading(ctx, report("U2", "2.2", day(0)), blocked("DPA", role("legal")), day(0))
		}); err != nil {
			t.Fatal(err)
		}
		due, err := db.PendingReadings(ctx, day(0), 10)
		if err != nil || len(due) != 1 {
			t.Fatalf("PendingReadings = %v, %v", due, err)
		}
		until := day(0).Add(time.Hour)
		if ok, err := db.ClaimReading(ctx, due[0].ID, day(0), until); err != nil || !ok {
			t.Fatalf("first claim = %v, %v", ok, err)
		}
		if ok, err := db.ClaimReading(ctx, due[0].ID, day(0), until); err != nil || ok {
			t.Fatalf("second claim = %v, %v; want refused", ok, err)
		}
		if due, err := db.PendingReadings(ctx, day(0), 10); err != nil || len(due) != 0 {
			t.Fatalf("a claimed reading is due: %v, %v", due, err)
		}
		if due, err := db.PendingReadings(ctx, until, 10); err != nil || len(due) != 1 {
			t.Fatalf("the reading is not due once its claim ran out: %v, %v", due, err)
		}
	})
}

// A process whose presence connection is lost (a server restart, a proxy that
// dropped it) claims nothing until it has a new one, then claims again; what it
// had claimed is free for the others at once.
func TestClaimEffect_PresenceLost(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		db := MustOpenDB(t)
		if !store.IsPostgres(db.Path()) {
			t.Skip("one process on SQLite: no presence connection")
		}
		ctx := context.Background()
		for _, k := range []string{"k1", "k2"} {
			if _, err := db.Enqueue(ctx, unblock.Outgoing{Key: k, Kind: "post", CreatedAt: day(0), Deadline: day(1)}); err != nil {
				t.Fatal(err)
			}
		}
		due, err := db.Due(ctx, day(0), 10)
		if err != nil || len(due) != 2 {
			t.Fatalf("Due = %v, %v", due, err)
		}
		if ok, err := db.ClaimEffect(ctx, due[0], day(0).Add(time.Hour)); err != nil || !ok {
			t.Fatalf("claim = %v, %v", ok, err)
		}
		raw := rawDB(t, db)
		var pid int
		if err := raw.QueryRow(`SELECT claimed_by FROM outbox WHERE key = 'k1'`).Scan(&pid); err != nil || pid <= 0 {
			t.Fatalf("claimed_by = %d, %v", pid, err)
		}
		if _, err := raw.Exec(`SELECT pg_terminate_backend($1)`, pid); err != nil {
			t.Fatal(err)
		}
		other := mustOpenPath(t, db.Path())
		var freed []unblock.Outgoing
		for len(freed) < 2 { // k1 is free as soon as its claimant's backend is gone
			if freed, err = other.Due(ctx, day(0), 10); err != nil {
				t.Fatal(err)
			}
		}
		// The process claims again once it has a new presence (within a check or two).
		for {
			ok, err := db.ClaimEffect(ctx, due[1], day(0).Add(time.Hour))
			if err == nil && ok {
				break
			}
			if err == nil || unblock.ErrorCode(err) != unblock.EUNAVAILABLE {
				t.Fatalf("claim after the presence was lost = %v, %v; want EUNAVAILABLE until it is back, then claimed", ok, err)
			}
		}
		var again int
		if err := raw.QueryRow(`SELECT claimed_by FROM outbox WHERE key = 'k2'`).Scan(&again); err != nil || again == pid || again <= 0 {
			t.Fatalf("claimed again by backend %d (%v); want a new one, not %d", again, err, pid)
		}
	})
}
