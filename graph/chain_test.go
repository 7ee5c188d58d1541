package graph

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// TestComponentOrderSame checks that chains and bottlenecks found on the person
// graph renumbered in component order (inComponentOrder) are those found on the
// graph as read, on generated snapshots full of ties: chains of one length and
// one age, targets with as many waiters, people numbered in no order.
func TestComponentOrderSame(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for round := range 300 {
		people := 2 + rng.IntN(40)
		var bs []unblock.Blocker
		for i := range 1 + rng.IntN(120) {
			u, v := rng.IntN(people), rng.IntN(people)
			to := fmt.Sprintf("U%d", v)
			if rng.IntN(5) == 0 {
				to = fmt.Sprintf("team:t%d", rng.IntN(4))
			}
			bs = append(bs, newBlocker(int64(i+1), fmt.Sprintf("U%d", u), "", to, "", time.Duration(rng.IntN(3))*day, ""))
		}
		p := readSnapshot(testAt, bs, nil).personGraph()
		comp, ncomp := SCC(p.g)
		byComp := componentOrder(comp, ncomp)
		for _, limit := range []int{1, 3, 10} {
			wantChains, wantBottlenecks := p.chains(comp, byComp, limit), p.bottlenecks(comp, byComp, limit)
			q, qcomp := p.inComponentOrder(comp, byComp)
			order := make([]int32, len(byComp))
			for i := range order {
				order[i] = int32(i)
			}
			if got := q.chains(qcomp, order, limit); !reflect.DeepEqual(got, wantChains) {
				t.Fatalf("round %d, %d chains: %v; want %v", round, limit, got, wantChains)
			}
			if got := q.bottlenecks(qcomp, order, limit); !reflect.DeepEqual(got, wantBottlenecks) {
				t.Fatalf("round %d, %d bottlenecks: %v; want %v", round, limit, got, wantBottlenecks)
			}
		}
	}
}
