package graph

import (
	"cmp"
	"slices"

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
	// firstAbove returns the position of the first successor of v above node s.
	firstAbove := func(v, s int32) int32 {
		lo, hi := g.Offsets[v], g.Offsets[v+1]
		i, _ := slices.BinarySearch(g.Targets[lo:hi], s+1)
		return lo + int32(i)
	}
	var found []cycle
	prune := max(4*maxCount, 1024)
	path := make([]int32, maxLen)
	next := make([]int32, maxLen) // next edge to try from path[d]; the edge taken is next[d]-1
	for length := 2; length <= maxLen; length++ {
		for _, start := range starts {
			path[0], next[0] = start, firstAbove(start, start)
			d := 0
			for d >= 0 {
				v := path[d]
				if d == length-1 {
					if e := g.edge(v, start); e >= 0 {
						found = append(found, s.newCycle(path[:length], next[:length-1], e))
						if len(found) >= prune {
							// The best maxCount of all are among the best maxCount so far and the rest.
							found = s.rankCycles(found, maxCount)
						}
					}
					d--
					continue
				}
				if next[d] == g.Offsets[v+1] {
					d--
					continue
				}
				w := g.Targets[next[d]]
				next[d]++
				steps--
				if steps < 0 {
					return s.rankCycles(found, maxCount)
				}
				if comp[w] != comp[start] || slices.Contains(path[1:d+1], w) {
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

// loops turns cycles into Loops with the blockers behind every edge, in loop order.
// The evidence is snap's blockers as it reads them (snapshot.blocker); edgeOf gives
// the edge of snapshot blocker i, or -1 for one on no loop's edge. The
// blockers are gathered in one pass over the snapshot, in snapshot order: picking
// them edge by edge would stride through the whole snapshot once per edge, a miss
// on every read. An edge's blockers are gathered for the first loop through it and
// copied from there for the next.
func (s *edgeSet) loops(cs []cycle, snap *snapshot, edgeOf func(i int) int32) []unblock.Loop {
	if len(cs) == 0 {
		return nil
	}
	out := make([]unblock.Loop, len(cs))
	type place struct{ loop, at int }
	type move struct {
		from, to place
		n        int
	}
	first := make(map[int32]*place) // where the first loop through an edge keeps its blockers
	var copies []move
	for k, c := range cs {
		l := &out[k]
		l.Members = make([]string, len(c.nodes))
		l.Evidence = make([]unblock.Blocker, c.blockers)
		at := 0
		for i, v := range c.nodes {
			l.Members[i] = s.names[v]
			e := s.g.edge(v, c.nodes[(i+1)%len(c.nodes)])
			n := int(s.evidence[e+1] - s.evidence[e])
			if p, ok := first[e]; ok {
				copies = append(copies, move{*p, place{k, at}, n})
			} else {
				first[e] = &place{k, at}
			}
			at += n
			l.Oldest = max(l.Oldest, s.oldest[e])
		}
	}
	for i := range snap.person {
		e := edgeOf(i)
		if e < 0 {
			continue
		}
		if p, ok := first[e]; ok {
			out[p.loop].Evidence[p.at] = snap.blocker(i)
			p.at++
		}
	}
	for _, c := range copies {
		src := out[c.from.loop].Evidence[c.from.at : c.from.at+c.n]
		copy(out[c.to.loop].Evidence[c.to.at:], src)
	}
	return out
}
