package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/store"
)

// BenchmarkOpenBlockers_Silence reads 10,000 people's open blockers as of a date,
// with expiry by silence (each person's last report) applied.
func BenchmarkOpenBlockers_Silence(b *testing.B) {
	benchBackends(b, func(b *testing.B) {
		ctx := context.Background()
		db := MustOpenDB(b)
		if err := db.Update(ctx, func(tx *store.Tx) error {
			for i := 0; i < 10000; i++ {
				r := unblock.Report{PersonID: fmt.Sprintf("U%d", i), Channel: "C1", TS: fmt.Sprintf("%d.0", i), At: day(0), Text: "x", Standup: true}
				if _, err := tx.ApplyReport(ctx, r, blocked("mocks", role("design"))); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		// As an import does after its writes (on SQLite a no-op): without
		// statistics PostgreSQL plans the read for empty tables (2.3 s, not 0.1 s).
		if err := db.Analyze(ctx); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			list, err := db.OpenBlockers(ctx, day(3))
			if err != nil || len(list) != 10000 {
				b.Fatal(err, len(list))
			}
		}
	})
}
