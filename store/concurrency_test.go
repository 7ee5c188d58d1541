package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// TestConcurrentReadersAndWriter reads snapshots in parallel while reports are
// written, as the bot's App Home and /blocked do during an import.
func TestConcurrentReadersAndWriter(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		db := MustOpenDB(t)
		mustPeople(t, db)

		const writes = 200
		done := make(chan struct{})
		errs := make(chan error, 8)
		var wg sync.WaitGroup
		for r := 0; r < 4; r++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				last := 0
				for {
					select {
					case <-done:
						return
					default:
					}
					open, err := db.OpenBlockers(ctx, day(1))
					if err != nil {
						errs <- err
						return
					}
					// Each write opens one blocker and resolves none: a reader never sees fewer than before.
					if len(open) < last {
						errs <- fmt.Errorf("open blockers went from %d to %d", last, len(open))
						return
					}
					last = len(open)
					if _, err := db.People(ctx); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		for i := 0; i < writes; i++ {
			person := fmt.Sprintf("U%d", 100+i)
			r := unblock.Report{PersonID: person, Channel: "C1", TS: fmt.Sprintf("%d.0", i), At: day(0).Add(time.Duration(i) * time.Minute)}
			if _, err := db.ApplyReport(ctx, r, blocked("mocks", role("design"))); err != nil {
				t.Fatal(err)
			}
		}
		close(done)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if got := len(openAt(t, db, day(1))); got != writes {
			t.Fatalf("open=%d, want %d", got, writes)
		}
	})
}
