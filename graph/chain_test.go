package graph

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
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
		bs := randomBlockers(rng, people, 1+rng.IntN(120), false, true)
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

// TestInComponentOrderSame holds inComponentOrder, which writes each node's
// successors to their new place in the old order, to the renumbering read in the
// new order (inComponentOrderByNew, as it was first written): the same graph, ages
// and components, on the generated snapshots of TestComponentOrderSame and on the
// benchmark's shape.
func TestInComponentOrderSame(t *testing.T) {
	same := func(name string, p *personGraph) {
		t.Helper()
		comp, ncomp := SCC(p.g)
		byComp := componentOrder(comp, ncomp)
		q, qcomp := p.inComponentOrder(comp, byComp)
		w, wcomp := p.inComponentOrderByNew(comp, byComp)
		if !slices.Equal(qcomp, wcomp) || !slices.Equal(q.g.Offsets, w.g.Offsets) || !slices.Equal(q.g.Targets, w.g.Targets) ||
			!slices.Equal(q.oldest, w.oldest) || !slices.Equal(q.orig, w.orig) {
			t.Fatalf("%s: the renumbered graphs differ", name)
		}
	}
	rng := rand.New(rand.NewPCG(8, 8))
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
		same(fmt.Sprintf("round %d", round), readSnapshot(testAt, bs, nil).personGraph())
	}
	same("benchmark", readInts(SnapshotOf(benchAt, snapshotOf(20_000, 200_000)), nil).personGraph())
}

// inComponentOrderByNew is inComponentOrder as it was first written: the new graph
// filled in its own order, each node's successors read from their old place.
func (p *personGraph) inComponentOrderByNew(comp, byComp []int32) (*personGraph, []int32) {
	n := len(byComp)
	pos := make([]int32, n) // the new number of each node
	for i, v := range byComp {
		pos[v] = int32(i)
	}
	g := &Digraph{Offsets: make([]int32, n+1), Targets: make([]int32, len(p.g.Targets))}
	q := &personGraph{
		edgeSet: &edgeSet{names: p.names, g: g, oldest: make([]time.Duration, len(p.oldest))},
		kinds:   p.kinds,
		orig:    byComp,
	}
	newComp := make([]int32, n)
	k := int32(0)
	for i, v := range byComp {
		newComp[i] = comp[v]
		for e := p.g.Offsets[v]; e < p.g.Offsets[v+1]; e++ {
			g.Targets[k], q.oldest[k] = pos[p.g.Targets[e]], p.oldest[e]
			k++
		}
		g.Offsets[i+1] = k
	}
	return q, newComp
}

// randomBlockers draws n blockers among people (U0…), one in five on a team
// (team:t0…t3): orgChart makes two in three wait down an org chart (on a
// lower number), so that components vary in size; randomAges gives each an
// age of 0 to 2 days, else a day.
func randomBlockers(rng *rand.Rand, people, n int, orgChart, randomAges bool) []unblock.Blocker {
	var bs []unblock.Blocker
	for i := range n {
		u, v := rng.IntN(people), rng.IntN(people)
		if orgChart && rng.IntN(3) > 0 {
			u, v = max(u, v), min(u, v)
		}
		to := fmt.Sprintf("U%d", v)
		if rng.IntN(5) == 0 {
			to = fmt.Sprintf("team:t%d", rng.IntN(4))
		}
		age := day
		if randomAges {
			age = time.Duration(rng.IntN(3)) * day
		}
		bs = append(bs, newBlocker(int64(i+1), fmt.Sprintf("U%d", u), "", to, "", age, ""))
	}
	return bs
}
