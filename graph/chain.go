package graph

import (
	"cmp"
	"slices"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// minChainEdges is the fewest edges a chain needs to be worth reporting: one person
// waiting on another is a blocker, not a chain.
const minChainEdges = 2

// chains returns up to limit of the longest wait chains, by number of edges and then
// by the age of their oldest link, each from a different start. A chain follows only edges between
// different strongly connected components (the cycles inside one are loops), so it
// is a simple path; it is found by dynamic programming over the components in
// reverse topological order (byComp, from componentOrder), linear in nodes and edges.
// A chain that is the tail of a chain already chosen is left out.
func (p *personGraph) chains(comp, byComp []int32, limit int) []unblock.Chain {
	n := p.g.Len()
	g := p.g
	hops := make([]int32, n)
	age := make([]time.Duration, n) // the oldest blocker on any edge of the chain from each node
	next := make([]int32, n)
	maxHops := int32(0)
	for _, v := range byComp {
		next[v] = -1
		for e := g.Offsets[v]; e < g.Offsets[v+1]; e++ {
			w := g.Targets[e]
			if comp[w] == comp[v] {
				continue
			}
			h, a := hops[w]+1, max(age[w], p.oldest[e])
			if h > hops[v] || h == hops[v] && a > age[v] {
				hops[v], age[v], next[v] = h, a, w
			}
		}
		maxHops = max(maxHops, hops[v])
	}
	if maxHops < minChainEdges {
		return nil
	}
	// Starts by number of edges, longest first (a counting sort).
	count := make([]int32, maxHops+1)
	for _, h := range hops {
		if h >= minChainEdges {
			count[h]++
		}
	}
	pos := make([]int32, maxHops+1) // where the starts of h edges begin in byHops
	var total int32
	for h := maxHops; h >= minChainEdges; h-- {
		pos[h] = total
		total += count[h]
	}
	byHops := make([]int32, total)
	fill := slices.Clone(pos)
	for v, h := range hops {
		if h >= minChainEdges {
			byHops[fill[h]] = int32(v)
			fill[h]++
		}
	}
	var out []unblock.Chain
	onChain := make([]bool, n)
	for h := maxHops; h >= minChainEdges && len(out) < limit; h-- {
		level := byHops[pos[h] : pos[h]+count[h]]
		slices.SortFunc(level, func(a, b int32) int {
			if c := cmp.Compare(age[b], age[a]); c != 0 {
				return c
			}
			return cmp.Compare(p.name(a), p.name(b))
		})
		for _, v := range level {
			if len(out) == limit {
				break
			}
			if onChain[v] {
				continue
			}
			c := unblock.Chain{Path: make([]string, 0, h+1), Oldest: age[v]}
			for w := v; w >= 0; w = next[w] {
				onChain[w] = true
				c.Path = append(c.Path, p.name(w))
			}
			out = append(out, c)
		}
	}
	return out
}

// componentOrder returns the nodes ordered by component, as SCC numbers them: sinks
// first, and for every edge between components the target's before the source's.
func componentOrder(comp []int32, ncomp int) []int32 {
	byComp := make([]int32, len(comp))
	first := make([]int32, ncomp+1)
	for _, c := range comp {
		first[c+1]++
	}
	for c := 0; c < ncomp; c++ {
		first[c+1] += first[c]
	}
	for v, c := range comp {
		byComp[first[c]] = int32(v)
		first[c]++
	}
	return byComp
}

// inComponentOrder returns the person graph renumbered in component order (byComp:
// node byComp[i] becomes node i) with its components, for the passes that walk
// the nodes in that order (chains, bottlenecks): they then read the graph's arrays
// in memory order rather than with a cache miss or more a node. Each node keeps
// its successors in their order, so every tie those passes break by successor
// order is broken the same way; the other ties they break by name. Names and
// kinds stay where they are, read through the old numbers (orig) for the few
// nodes whose names are compared or shown.
//
// It reads the graph in its own order and writes each node's successors to their
// new place: read in the new order, each node cost three cache misses one after
// the other (its offsets, then its successors and their ages), which stall the
// pass; written in the old order, its reads are in memory order and what lands at
// random is one offset read a node and the writes, which do not wait.
func (p *personGraph) inComponentOrder(comp, byComp []int32) (*personGraph, []int32) {
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
	for v, i := range pos {
		g.Offsets[i+1] = p.g.Offsets[v+1] - p.g.Offsets[v]
		newComp[i] = comp[v]
	}
	for i := range n {
		g.Offsets[i+1] += g.Offsets[i]
	}
	for v, i := range pos {
		k := g.Offsets[i]
		for e := p.g.Offsets[v]; e < p.g.Offsets[v+1]; e++ {
			g.Targets[k], q.oldest[k] = pos[p.g.Targets[e]], p.oldest[e]
			k++
		}
	}
	return q, newComp
}
