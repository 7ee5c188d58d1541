package graph

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	unblock "github.com/unblock-dev/unblock"
)

// TestBottlenecksSearch compares the bit-set count of transitive waiters with a
// plain search backwards from each target, on random graphs with loops and with
// non-person targets, every target a candidate.
func TestBottlenecksSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	kinds := []string{"role:design", "team:platform", "artifact:spec", "person:bob"}
	for round := range 100 {
		n := 2 + rng.IntN(90) // over 64 targets needs two batches
		var bs []unblock.Blocker
		for range rng.IntN(3 * n) {
			to := fmt.Sprintf("U%02d", rng.IntN(n))
			if rng.IntN(4) == 0 {
				to = kinds[rng.IntN(len(kinds))]
			}
			bs = append(bs, newBlocker(int64(len(bs)+1), fmt.Sprintf("U%02d", rng.IntN(n)), "", to, "", day, ""))
		}
		pg := readSnapshot(testAt, bs, nil).personGraph()
		want := searchWaiters(pg)
		a := Analyze(testAt, bs, Options{MaxBottlenecks: 1000})
		if len(a.Bottlenecks) != len(want) {
			t.Fatalf("round %d: %d bottlenecks; want every one of %d targets", round, len(a.Bottlenecks), len(want))
		}
		for i, b := range a.Bottlenecks {
			if w := want[b.Target]; b.Transitive != w {
				t.Fatalf("round %d: %s has %d transitive waiters; a search finds %d", round, b.Target, b.Transitive, w)
			}
			if i > 0 {
				prev := a.Bottlenecks[i-1]
				if prev.Waiting < b.Waiting || prev.Waiting == b.Waiting && prev.Transitive < b.Transitive {
					t.Fatalf("round %d: %+v ranked after %+v", round, b, prev)
				}
			}
		}
	}
}

// searchWaiters counts, for every node with a waiter, the nodes that reach it,
// by a search over the reversed edges.
func searchWaiters(pg *personGraph) map[string]int {
	rev := pg.g.reverse()
	out := map[string]int{}
	for t := int32(0); int(t) < len(pg.names); t++ {
		if len(rev.Successors(t)) == 0 {
			continue
		}
		seen := map[int32]bool{t: true}
		queue := []int32{t}
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			for _, u := range rev.Successors(v) {
				if !seen[u] {
					seen[u] = true
					queue = append(queue, u)
				}
			}
		}
		out[pg.targetName(t)] = len(seen) - 1
	}
	return out
}

// TestWaitersInOrderSame holds the passes bottlenecks takes on a graph renumbered
// in component order (estimateWaitersInOrder, waitersInOrder) to those it takes on
// any graph (estimateWaiters, waiters) on the same renumbered graph, for every
// node as a target: on generated snapshots with loops of every size and on the
// benchmark's shape.
func TestWaitersInOrderSame(t *testing.T) {
	same := func(name string, p *personGraph) {
		t.Helper()
		comp, ncomp := SCC(p.g)
		q, qcomp := p.inComponentOrder(comp, componentOrder(comp, ncomp))
		order := make([]int32, len(qcomp))
		for i := range order {
			order[i] = int32(i)
		}
		if got, want := q.estimateWaitersInOrder(qcomp), q.estimateWaiters(qcomp, order); !slices.Equal(got, want) {
			t.Fatalf("%s: estimateWaitersInOrder = %v; want %v", name, got, want)
		}
		if got, want := q.waitersInOrder(order, qcomp), q.waiters(order, qcomp, order); !slices.Equal(got, want) {
			t.Fatalf("%s: waitersInOrder = %v; want %v", name, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for round := range 300 {
		people := 2 + rng.IntN(60)
		bs := randomBlockers(rng, people, 1+rng.IntN(150), true, false)
		same(fmt.Sprintf("round %d", round), readSnapshot(testAt, bs, nil).personGraph())
	}
	same("benchmark", readInts(SnapshotOf(benchAt, snapshotOf(2_000, 20_000)), nil).personGraph())
}
