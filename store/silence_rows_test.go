package store

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/unblock-dev/unblock"
)

// couldSilence on a row's nanoseconds is silenceUntil and heard on the times the
// row gives as a blocker: over rows whose times fall on, just before and just
// after asOf, each other and the silence period, open and closed, with and
// without a last mention, and with every blocker looked up.
func TestCouldSilence(t *testing.T) {
	const period = 3 * 24 * time.Hour
	asOf := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	as := asOf.UnixNano()
	// Times near the edges the checks compare, and a few others.
	var times []int64
	for _, base := range []int64{as, as - int64(period), as - 2*int64(period), as + int64(period)} {
		for _, d := range []int64{-int64(time.Hour), -1, 0, 1, int64(time.Hour)} {
			times = append(times, base+d)
		}
	}
	rng := rand.New(rand.NewPCG(7, 16))
	pick := func(zero bool) int64 {
		if zero && rng.IntN(4) == 0 {
			return 0
		}
		return times[rng.IntN(len(times))]
	}
	db := &DB{}
	for _, every := range []bool{false, true} {
		db.everySilence.Store(every)
		heard := (&Tx{db: db}).heard(period, asOf)
		for n := 0; n < 20000; n++ {
			r := unblock.BlockerRow{OpenedAt: pick(false), LastSeenAt: pick(true), ResolvedAt: pick(true)}
			b := unblock.Blocker{OpenedAt: nanoTime(r.OpenedAt), LastSeenAt: nanoTime(r.LastSeenAt), ResolvedAt: nanoTime(r.ResolvedAt)}
			until := silenceUntil(&b, asOf)
			want := !b.OpenedAt.After(until) && !heard(&b, until)
			if got := couldSilence(&r, as, int64(period), every); got != want {
				t.Fatalf("%s: couldSilence = %v, want %v", fmt.Sprintf("every %v, opened %d, seen %d, resolved %d (asOf %d)",
					every, r.OpenedAt-as, r.LastSeenAt-as, r.ResolvedAt-as, as), got, want)
			}
		}
	}
}
