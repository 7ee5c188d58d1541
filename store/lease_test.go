package store_test

import (
	"context"
	"testing"

	"github.com/unblock-dev/unblock/store"
)

// One process at a time holds the schedules' lease; on PostgreSQL a second
// process of the same deployment gets it once the first lets go.
func TestLeadSchedules(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		first, ok, err := db.TryLeadSchedules(ctx)
		if err != nil || !ok {
			t.Fatalf("TryLeadSchedules = %v, %v; want the lease", ok, err)
		}
		if !store.IsPostgres(db.Path()) {
			first.Release()
			return
		}
		other := mustOpenPath(t, db.Path()) // another replica
		if _, ok, err := other.TryLeadSchedules(ctx); err != nil || ok {
			t.Fatalf("a second replica's TryLeadSchedules = %v, %v; want no lease while the first holds it", ok, err)
		}
		got := make(chan *store.Lease)
		go func() {
			l, err := other.LeadSchedules(ctx)
			if err != nil {
				t.Error(err)
			}
			got <- l
		}()
		first.Release()
		second := <-got
		if second == nil {
			t.Fatal("no lease after the first was released")
		}
		if err := second.Err(); err != nil {
			t.Fatalf("lease: %v", err)
		}
		second.Release()
	})
}
