package graph

import (
	"cmp"
	"math"
	"slices"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// maxLoopSteps bounds the edges the loop search follows in one graph. Short loops
// are cheap to find, but the number of longer paths grows exponentially in a dense
// component, so past this much work the search stops with the loops found so far.
const maxLoopSteps = 4 << 20

// cycle is an elementary cycle of an edgeSet: nodes[0] waits on nodes[1], …, and the
// last on nodes[0], which is the node with the alphabetically first name.
type cycle struct {
	nodes    []int32
	blockers int // open blockers behind all its edges
}

// findCycles returns up to maxCount elementary cycles of 2 to maxLen nodes, shortest
// first, then with more blockers first, then by their names. Cycles are searched by
// increasing length (iterative deepening) inside the strongly connected components,
// each found once, from its lowest-numbered node, so longer cycles are only looked
// for once every shorter one is in. steps bounds the total work (edges followed):
// when it runs out, the search returns the best of what it found.
func findCycles(s *edgeSet, comp []int32, maxLen, maxCount, steps int) []cycle {
	sizes := make([]int32, len(s.names))
	for _, c := range comp {
		sizes[c]++
	}
	var starts []int32
	for v, c := range comp {
		if sizes[c] >= 2 {
			starts = append(starts, int32(v))
		}
	}
	if len(starts) == 0 {
		return nil
	}
	g := s.g
	// firstAbove returns the position of the first successor of v above node s. The
	// starts of one length come in increasing order, so each node's position only
	// moves on (above, reset for every length): a pass over its successors a length
	// rather than a binary search each time the search enters it.
	above := make([]int32, len(g.Offsets)-1)
	firstAbove := func(v, s int32) int32 {
		i, end := above[v], g.Offsets[v+1]
		for i < end && g.Targets[i] <= s {
			i++
		}
		above[v] = i
		return i
	}
	// A path closes on its start when its last node has an edge to it. The edges
	// into every start from its component are read once (into, an adjacency in
	// reverse), and before each start's search its own are marked: marked[u] is 1 +
	// the start when u has the edge closing[u] to it. The search then takes a last
	// node only when it closes a cycle, rather than entering each to look.
	into := &Digraph{Offsets: make([]int32, len(g.Offsets))}
	var intoEdge []int32 // the edge of each entry of into
	for _, u := range starts {
		for e := g.Offsets[u]; e < g.Offsets[u+1]; e++ {
			if v := g.Targets[e]; comp[v] == comp[u] {
				into.Offsets[v+1]++
			}
		}
	}
	for v := 1; v < len(into.Offsets); v++ {
		into.Offsets[v] += into.Offsets[v-1]
	}
	into.Targets = make([]int32, into.Offsets[len(into.Offsets)-1])
	intoEdge = make([]int32, len(into.Targets))
	fill := slices.Clone(into.Offsets)
	for _, u := range starts {
		for e := g.Offsets[u]; e < g.Offsets[u+1]; e++ {
			if v := g.Targets[e]; comp[v] == comp[u] {
				into.Targets[fill[v]], intoEdge[fill[v]] = u, e
				fill[v]++
			}
		}
	}
	marked := make([]int32, len(g.Offsets)-1)
	closing := make([]int32, len(g.Offsets)-1)
	var found []cycle
	prune := max(4*maxCount, 1024)
	path := make([]int32, maxLen)
	next := make([]int32, maxLen) // next edge to try from path[d]; the edge taken is next[d]-1
	for length := 2; length <= maxLen; length++ {
		copy(above, g.Offsets)
		for _, start := range starts {
			for k := into.Offsets[start]; k < into.Offsets[start+1]; k++ {
				u := into.Targets[k]
				marked[u], closing[u] = start+1, intoEdge[k]
			}
			path[0], next[0] = start, firstAbove(start, start)
			mark, own := start+1, comp[start]
			d := 0
			for d >= 0 {
				v := path[d]
				end := g.Offsets[v+1]
				if d == length-2 {
					// Each successor left would be the last node: a step each, in
					// one pass, taking those that close the cycle; then back.
					for e := next[d]; e < end; e++ {
						steps--
						if steps < 0 {
							return s.rankCycles(found, maxCount)
						}
						if w := g.Targets[e]; marked[w] == mark && !slices.Contains(path[1:d+1], w) {
							path[d+1], next[d] = w, e+1
							found = append(found, s.newCycle(path[:length], next[:length-1], closing[w]))
							if len(found) >= prune {
								// The best maxCount of all are among the best maxCount so far and the rest.
								found = s.rankCycles(found, maxCount)
							}
						}
					}
					d--
					continue
				}
				if next[d] == end {
					d--
					continue
				}
				w := g.Targets[next[d]]
				next[d]++
				steps--
				if steps < 0 {
					return s.rankCycles(found, maxCount)
				}
				if comp[w] != own || slices.Contains(path[1:d+1], w) {
					continue
				}
				d++
				path[d], next[d] = w, firstAbove(w, start)
			}
		}
		if len(found) >= maxCount {
			break
		}
	}
	return s.rankCycles(found, maxCount)
}

// newCycle returns the cycle along path, where next[d]-1 is the edge path[d] ->
// path[d+1] and closing the edge from the last node back to path[0].
func (s *edgeSet) newCycle(path, next []int32, closing int32) cycle {
	c := cycle{nodes: make([]int32, len(path))}
	first := 0
	for i, v := range path {
		if s.names[v] < s.names[path[first]] {
			first = i
		}
	}
	for i := range path {
		c.nodes[i] = path[(first+i)%len(path)]
	}
	for _, e := range next {
		c.blockers += int(s.evidence[e] - s.evidence[e-1])
	}
	c.blockers += int(s.evidence[closing+1] - s.evidence[closing])
	return c
}

// rankCycles sorts cycles shortest first, then with more blockers, then by their
// member names, and keeps the first limit.
func (s *edgeSet) rankCycles(cs []cycle, limit int) []cycle {
	slices.SortFunc(cs, func(a, b cycle) int {
		if c := cmp.Compare(len(a.nodes), len(b.nodes)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.blockers, a.blockers); c != 0 {
			return c
		}
		for i := range a.nodes {
			if c := cmp.Compare(s.names[a.nodes[i]], s.names[b.nodes[i]]); c != 0 {
				return c
			}
		}
		return 0
	})
	if len(cs) > limit {
		cs = cs[:limit]
	}
	return cs
}

// loops turns cycles into Loops: their members, the number of blockers behind
// their edges, the age of the oldest, and as evidence the first maxEvidence of
// those blockers in loop order (see unblock.Loop), as snap reads them
// (snapshot.blocker). Only the blockers shown are copied: a role loop's edges can
// hold half of the snapshot. An edge's first blockers are picked once, as many as
// the loop that shows most of them needs, for every loop through it.
func (s *edgeSet) loops(cs []cycle, snap *snapshot, maxEvidence int) []unblock.Loop {
	if len(cs) == 0 {
		return nil
	}
	edge := func(c cycle, i int) int32 { return s.g.edge(c.nodes[i], c.nodes[(i+1)%len(c.nodes)]) }
	need := make(map[int32]int) // per edge: how many of its first blockers a loop shows
	for _, c := range cs {
		left := maxEvidence
		for i := range c.nodes {
			e := edge(c, i)
			n := min(int(s.evidence[e+1]-s.evidence[e]), left)
			need[e] = max(need[e], n)
			left -= n
		}
	}
	first := make(map[int32][]int32, len(need))
	var keys []openKey
	for e, n := range need {
		if n > 0 {
			first[e], keys = snap.oldestFirst(s.edgeBlockers(e), n, keys)
		}
	}
	// The evidence of all the loops in one allocation, each loop's a slice of it
	// with no room past its own: twenty loops of fifty blockers are some 270 KB,
	// and one allocation sets up its type bits and pages once rather than twenty
	// times.
	total := 0
	for _, c := range cs {
		total += min(c.blockers, maxEvidence)
	}
	evidence := make([]unblock.Blocker, total)
	out := make([]unblock.Loop, len(cs))
	for k, c := range cs {
		l := &out[k]
		l.Members = make([]string, len(c.nodes))
		l.Blockers = c.blockers
		n := min(c.blockers, maxEvidence)
		l.Evidence, evidence = evidence[:0:n], evidence[n:]
		for i, v := range c.nodes {
			l.Members[i] = s.names[v]
			e := edge(c, i)
			l.Oldest = max(l.Oldest, s.oldest[e])
			for _, b := range first[e] {
				if len(l.Evidence) == maxEvidence {
					break
				}
				l.Evidence = l.Evidence[:len(l.Evidence)+1]
				snap.blocker(&l.Evidence[len(l.Evidence)-1], int(b))
			}
		}
	}
	return out
}

// oldestFirst returns the first n of the snapshot blockers bs in the order a loop
// shows them (compareOpened), in that order, with keys as room to work in (it
// returns it, grown if need be, for the next call). Each opening is read once into
// a key. Only keys no later than the n-th oldest opening so far are kept: when
// they fill the room, a selection (linear) keeps the n oldest and any that tie the
// last of them, and that opening becomes the bound. Only the n kept at the end are
// sorted, and a blocker is read again only on a tie. An edge of a role loop can
// hold half of the snapshot: most of its blockers then cost one comparison.
func (s *snapshot) oldestFirst(bs []int32, n int, keys []openKey) ([]int32, []openKey) {
	n = min(n, len(bs))
	if n == 0 {
		return nil, keys
	}
	keys = keys[:0]
	bound, room := int64(math.MaxInt64), 4*n
	for _, b := range bs {
		at, ok := s.openedKey(b)
		if !ok {
			return s.oldestFirstPlain(bs, n), keys
		}
		if at > bound {
			continue
		}
		keys = append(keys, openKey{at, b})
		if len(keys) == room {
			keys, bound = oldestOpenings(keys, n)
			room = max(room, 2*len(keys)) // many ties: select again only when they double
		}
	}
	keys, _ = oldestOpenings(keys, n)
	slices.SortFunc(keys, func(a, b openKey) int {
		if a.at != b.at {
			return cmp.Compare(a.at, b.at)
		}
		return s.compareOpened(a.i, b.i)
	})
	out := make([]int32, n)
	for j := range out {
		out[j] = keys[j].i
	}
	return out, keys
}

// oldestOpenings reorders keys to keep the n with the oldest openings (n at most
// len(keys)) and all that tie the last of them, and returns them with that opening.
func oldestOpenings(keys []openKey, n int) ([]openKey, int64) {
	if n == len(keys) {
		return keys, slices.MaxFunc(keys, func(a, b openKey) int { return cmp.Compare(a.at, b.at) }).at
	}
	last := nthBy(keys, n-1, func(o openKey) int64 { return o.at })
	m := n
	for j := n; j < len(keys); j++ {
		if keys[j].at == last {
			keys[m], keys[j] = keys[j], keys[m]
			m++
		}
	}
	return keys[:m], last
}

// oldestFirstPlain is oldestFirst by a sort of all of bs, for openings out of the
// range of openKey.
func (s *snapshot) oldestFirstPlain(bs []int32, n int) []int32 {
	out := slices.Clone(bs)
	slices.SortFunc(out, s.compareOpened)
	return out[:n]
}

// openKey is a blocker of the snapshot, i, with its opening in Unix nanoseconds.
type openKey struct {
	at int64
	i  int32
}

// openedKey returns the opening of blocker i in Unix nanoseconds, and false when
// it is too far from now for them (before 1700 or after 2200).
func (s *snapshot) openedKey(i int32) (int64, bool) {
	if s.open == nil {
		return s.opened[i], true
	}
	at := s.open[i].OpenedAt
	if at.Before(minOpenedKey) || at.After(maxOpenedKey) {
		return 0, false
	}
	return at.UnixNano(), true
}

var (
	minOpenedKey = time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC)
	maxOpenedKey = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// compareOpened orders snapshot blockers as a loop shows them on an edge: by
// opening, then by ID, then by their place in the snapshot. A Snapshot gives
// openings as integers and IDs only with the full blocker, read on a tie.
func (s *snapshot) compareOpened(i, j int32) int {
	if s.open != nil {
		a, b := &s.open[i], &s.open[j]
		return cmp.Or(a.OpenedAt.Compare(b.OpenedAt), cmp.Compare(a.ID, b.ID), cmp.Compare(i, j))
	}
	if c := cmp.Compare(s.opened[i], s.opened[j]); c != 0 {
		return c
	}
	return cmp.Or(cmp.Compare(s.full(int(i)).ID, s.full(int(j)).ID), cmp.Compare(i, j))
}
