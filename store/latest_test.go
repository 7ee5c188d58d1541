package store_test

import (
	"context"
	"testing"
)

// LatestReport is the newest report's time, deleted reports left out: what an
// imported export's last day is.
func TestLatestReport(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		if _, ok, err := db.LatestReport(ctx); err != nil || ok {
			t.Fatalf("empty database: ok=%v err=%v, want none", ok, err)
		}
		mustPeople(t, db)
		apply(t, db, report("U1", "1.0", day(0)), blocked("checkout mocks", role("design")))
		apply(t, db, report("U2", "2.0", day(2)), blocked("pricing", role("product")))
		if got, ok, err := db.LatestReport(ctx); err != nil || !ok || !got.Equal(day(2)) {
			t.Fatalf("LatestReport = %v, %v, %v; want %v", got, ok, err, day(2))
		}
		r := report("U2", "2.0", day(2))
		if _, err := db.DeleteReport(ctx, r.Channel, r.TS, day(3)); err != nil {
			t.Fatal(err)
		}
		if got, ok, err := db.LatestReport(ctx); err != nil || !ok || !got.Equal(day(0)) {
			t.Fatalf("after deleting the newest: LatestReport = %v, %v, %v; want %v", got, ok, err, day(0))
		}
	})
}
