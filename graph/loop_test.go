package graph

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// TestOldestFirstPlain checks that the blockers a loop shows first on an edge
// (oldestFirst, a bounded heap) are those a plain reading gives: every blocker of
// the edge sorted by opening, then ID, then place in the snapshot, and the first n
// kept. Openings and IDs repeat, the snapshot is in no order, and both ways of
// reading it (in full and as integers) are checked.
func TestOldestFirstPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for round := range 200 {
		size := 1 + rng.IntN(300)
		bs := make([]unblock.Blocker, size)
		for i := range bs {
			bs[i] = unblock.Blocker{
				ID:       int64(rng.IntN(size)), // IDs repeat: only the place breaks the tie
				OpenedAt: testAt.Add(-time.Duration(rng.IntN(1+round%20)) * time.Hour).Add(time.Duration(rng.IntN(2))),
			}
		}
		plain := func(edge []int32) []int32 {
			out := slices.Clone(edge)
			slices.SortFunc(out, func(i, j int32) int {
				a, b := bs[i], bs[j]
				return cmp.Or(a.OpenedAt.Compare(b.OpenedAt), cmp.Compare(a.ID, b.ID), cmp.Compare(i, j))
			})
			return out
		}
		edge := make([]int32, 0, size)
		for i := range int32(size) {
			if rng.IntN(3) > 0 {
				edge = append(edge, i)
			}
		}
		rng.Shuffle(len(edge), func(i, j int) { edge[i], edge[j] = edge[j], edge[i] })
		want := plain(edge)
		for name, s := range map[string]*snapshot{
			"in full":     readSnapshot(testAt, bs, nil),
			"as integers": readInts(SnapshotOf(testAt, bs), nil),
		} {
			for _, n := range []int{1, 2, 7, 50, len(edge), len(edge) + 3} {
				if got, _ := s.oldestFirst(edge, n, nil); !slices.Equal(got, want[:min(n, len(want))]) {
					t.Fatalf("round %d, %s, first %d of %d: %v; want %v", round, name, n, len(edge), got, want[:min(n, len(want))])
				}
			}
		}
	}
}

// TestFindCyclesPlain checks the loop search against a plain one on generated
// graphs (two-way edges, self-loops left out, dense clusters, long rings): every
// elementary cycle of 2 to maxLen nodes found by trying every path, ranked
// shortest first, then with more blockers, then by names, and the first maxCount
// kept. The search finds each from its lowest-numbered node, moving a position
// along each node's successors instead of searching them.
func TestFindCyclesPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	for round := range 300 {
		n := 2 + rng.IntN(12)
		var from, to []int32
		for range rng.IntN(4 * n) {
			u, v := rng.Int32N(int32(n)), rng.Int32N(int32(n))
			if u != v {
				from, to = append(from, u), append(to, v)
			}
		}
		if round%5 == 0 { // a ring through every node
			for u := range int32(n) {
				from, to = append(from, u), append(to, (u+1)%int32(n))
			}
		}
		s := plainEdgeSet(n, from, to, rng)
		comp, _ := SCC(s.g)
		maxLen, maxCount := 2+rng.IntN(5), 1+rng.IntN(30)
		got := findCycles(s, comp, maxLen, maxCount, maxLoopSteps)
		want := plainCycles(s, maxLen, maxCount)
		if len(got) != len(want) {
			t.Fatalf("round %d: %d cycles; want %d", round, len(got), len(want))
		}
		for i := range got {
			if !slices.Equal(got[i].nodes, want[i].nodes) || got[i].blockers != want[i].blockers {
				t.Fatalf("round %d: cycle %d is %v (%d blockers); want %v (%d)", round, i, got[i].nodes, got[i].blockers, want[i].nodes, want[i].blockers)
			}
		}
	}
}

// plainEdgeSet returns an edgeSet of the distinct edges from[i] -> to[i], each
// with one to three blockers, its nodes named in an order unlike their numbers.
func plainEdgeSet(n int, from, to []int32, rng *rand.Rand) *edgeSet {
	g := NewDigraph(n, from, to)
	s := &edgeSet{g: &Digraph{Offsets: make([]int32, n+1)}, names: make([]string, n)}
	for v, p := range rng.Perm(n) {
		s.names[v] = fmt.Sprintf("U%02d", p)
	}
	s.evidence = append(s.evidence, 0)
	for u := range int32(n) {
		for i, v := range g.Successors(u) {
			if i > 0 && v == g.Successors(u)[i-1] {
				continue
			}
			s.g.Targets = append(s.g.Targets, v)
			s.evidence = append(s.evidence, s.evidence[len(s.evidence)-1]+1+rng.Int32N(3))
		}
		s.g.Offsets[u+1] = int32(len(s.g.Targets))
	}
	return s
}

// rotated returns a copy of the cycle path starting at its alphabetically
// first name, as findCycles reports a cycle.
func (s *edgeSet) rotated(path []int32) []int32 {
	first := 0
	for i, x := range path {
		if s.names[x] < s.names[path[first]] {
			first = i
		}
	}
	nodes := make([]int32, 0, len(path))
	for i := range path {
		nodes = append(nodes, path[(first+i)%len(path)])
	}
	return nodes
}

// plainCycles returns every elementary cycle of 2 to maxLen nodes of s, each once
// and rotated to start at its alphabetically first name, ranked as findCycles
// ranks them.
func plainCycles(s *edgeSet, maxLen, maxCount int) []cycle {
	var out []cycle
	var path []int32
	var walk func(start, v int32, blockers int)
	walk = func(start, v int32, blockers int) {
		path = append(path, v)
		defer func() { path = path[:len(path)-1] }()
		for e := s.g.Offsets[v]; e < s.g.Offsets[v+1]; e++ {
			w, b := s.g.Targets[e], int(s.evidence[e+1]-s.evidence[e])
			switch {
			case w == start && len(path) >= 2:
				out = append(out, cycle{nodes: s.rotated(path), blockers: blockers + b})
			case w > start && len(path) < maxLen && !slices.Contains(path, w):
				walk(start, w, blockers+b)
			}
		}
	}
	for start := range int32(s.g.Len()) {
		walk(start, start, 0)
	}
	return s.rankCycles(out, maxCount)
}

// TestFindCyclesBounded holds the loop search cut short by its work bound to a
// plain search that counts the same steps (boundedCycles), on generated graphs
// with bounds from none to more than the search needs: the loops found before
// the steps run out are the same.
func TestFindCyclesBounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for round := range 2000 {
		n := 2 + rng.IntN(30)
		var from, to []int32
		for range rng.IntN(5 * n) {
			u, v := rng.Int32N(int32(n)), rng.Int32N(int32(n))
			if u != v {
				from, to = append(from, u), append(to, v)
			}
		}
		s := plainEdgeSet(n, from, to, rng)
		comp, _ := SCC(s.g)
		maxLen, maxCount, steps := 2+rng.IntN(5), 1+rng.IntN(30), rng.IntN(400)
		got := findCycles(s, comp, maxLen, maxCount, steps)
		want := boundedCycles(s, comp, maxLen, maxCount, steps)
		if len(got) != len(want) {
			t.Fatalf("round %d (%d steps): %d cycles; want %d", round, steps, len(got), len(want))
		}
		for i := range got {
			if !slices.Equal(got[i].nodes, want[i].nodes) || got[i].blockers != want[i].blockers {
				t.Fatalf("round %d (%d steps): cycle %d is %v; want %v", round, steps, i, got[i].nodes, want[i].nodes)
			}
		}
	}
}

// boundedCycles is findCycles written plainly: by increasing length until
// maxCount are found, from each node of a component of two or more in turn,
// every path through nodes above the start in its component; each edge to such
// a node taken from a node short of the last is a step, and when the steps run
// out the search ends with what it found.
func boundedCycles(s *edgeSet, comp []int32, maxLen, maxCount, steps int) []cycle {
	size := map[int32]int{}
	for _, c := range comp {
		size[c]++
	}
	var found []cycle
	var path []int32
	var walk func(start int32, length, blockers int) bool // false when the steps ran out
	walk = func(start int32, length, blockers int) bool {
		v := path[len(path)-1]
		if len(path) == length {
			if e := s.g.edge(v, start); e >= 0 {
				found = append(found, cycle{nodes: s.rotated(path), blockers: blockers + int(s.evidence[e+1]-s.evidence[e])})
			}
			return true
		}
		for e := s.g.Offsets[v]; e < s.g.Offsets[v+1]; e++ {
			w := s.g.Targets[e]
			if w <= start {
				continue
			}
			if steps--; steps < 0 {
				return false
			}
			if comp[w] != comp[start] || slices.Contains(path, w) {
				continue
			}
			path = append(path, w)
			ok := walk(start, length, blockers+int(s.evidence[e+1]-s.evidence[e]))
			path = path[:len(path)-1]
			if !ok {
				return false
			}
		}
		return true
	}
	for length := 2; length <= maxLen && len(found) < maxCount; length++ {
		for start := range int32(s.g.Len()) {
			if size[comp[start]] < 2 {
				continue
			}
			path = append(path[:0], start)
			if !walk(start, length, 0) {
				return s.rankCycles(found, maxCount)
			}
		}
	}
	return s.rankCycles(found, maxCount)
}
