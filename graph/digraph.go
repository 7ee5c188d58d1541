package graph

import (
	"fmt"
	"slices"
)

// Digraph is a directed graph in compressed sparse row form. Nodes are 0..Len()-1;
// the successors of node v are Targets[Offsets[v]:Offsets[v+1]], and the position of a
// successor in Targets is the index of that edge. len(Offsets) is Len()+1.
type Digraph struct {
	Offsets []int32
	Targets []int32
}

// NewDigraph builds the graph of n nodes with the edges from[i] -> to[i]. Each node's
// successors come out in ascending order; duplicate edges are kept. It panics if from
// and to differ in length or name a node outside 0..n-1.
func NewDigraph(n int, from, to []int32) *Digraph {
	if len(from) != len(to) {
		panic("graph: NewDigraph: from and to differ in length")
	}
	for i, u := range from {
		if u < 0 || int(u) >= n || to[i] < 0 || int(to[i]) >= n {
			panic(fmt.Sprintf("graph: NewDigraph: edge %d -> %d outside 0..%d", u, to[i], n-1))
		}
	}
	g := &Digraph{Offsets: make([]int32, n+1), Targets: make([]int32, len(to))}
	for _, u := range from {
		g.Offsets[u+1]++
	}
	for v := 0; v < n; v++ {
		g.Offsets[v+1] += g.Offsets[v]
	}
	next := slices.Clone(g.Offsets[:n])
	for i, u := range from {
		g.Targets[next[u]] = to[i]
		next[u]++
	}
	for v := int32(0); int(v) < n; v++ {
		slices.Sort(g.Successors(v))
	}
	return g
}

// Len returns the number of nodes.
func (g *Digraph) Len() int { return len(g.Offsets) - 1 }

// Successors returns the nodes v has an edge to, in ascending order when the graph
// was built by NewDigraph. The slice aliases the graph: do not modify it.
func (g *Digraph) Successors(v int32) []int32 {
	return g.Targets[g.Offsets[v]:g.Offsets[v+1]]
}

// edge returns the index of the edge u -> v, or -1 when there is none.
// The successors of u must be sorted.
func (g *Digraph) edge(u, v int32) int32 {
	lo, hi := g.Offsets[u], g.Offsets[u+1]
	if i, ok := slices.BinarySearch(g.Targets[lo:hi], v); ok {
		return lo + int32(i)
	}
	return -1
}

// SCC returns the strongly connected components of g by Tarjan's algorithm, run with
// an explicit stack so that no path length can overflow the goroutine stack.
// comp[v] is the component of node v, numbered 0..count-1 in reverse topological
// order: every edge u -> v has comp[u] >= comp[v], with equality inside a component.
func SCC(g *Digraph) (comp []int32, count int) {
	n := g.Len()
	comp = make([]int32, n)
	index := make([]int32, n) // 1 + discovery order; 0 while unvisited
	low := make([]int32, n)
	stack := make([]int32, 0, 64) // Tarjan's stack of visited nodes not yet in a component
	type frame struct{ v, next int32 }
	calls := make([]frame, 0, 64) // the depth-first path, each with its next edge to try
	for i := range comp {
		comp[i] = -1
	}
	var clock int32
	for root := int32(0); int(root) < n; root++ {
		if index[root] != 0 {
			continue
		}
		clock++
		index[root], low[root] = clock, clock
		stack = append(stack, root)
		calls = append(calls, frame{root, g.Offsets[root]})
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if end := g.Offsets[v+1]; f.next < end {
				w := g.Targets[f.next]
				f.next++
				switch {
				case index[w] == 0:
					clock++
					index[w], low[w] = clock, clock
					stack = append(stack, w)
					calls = append(calls, frame{w, g.Offsets[w]})
				case comp[w] < 0: // visited and still on the stack
					low[v] = min(low[v], index[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if low[v] == index[v] {
				c := int32(count)
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					comp[w] = c
					if w == v {
						break
					}
				}
				count++
			}
			if len(calls) > 0 {
				p := calls[len(calls)-1].v
				low[p] = min(low[p], low[v])
			}
		}
	}
	return comp, count
}
