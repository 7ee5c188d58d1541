package digest

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/unblock-dev/unblock/graph"
)

// A picture draws at most MaxPNGNodes nodes and MaxPNGEdges arrows: past either, a
// drawing is unreadable, so PNG draws the part a lead needs (see focus) and says what
// it left out. DOT and JSON always carry the whole graph.
const (
	MaxPNGNodes = 100
	MaxPNGEdges = 300
)

// focus returns v when it is within the bounds. Otherwise it returns the subgraph a
// lead needs, within them: first the arrows on loops (most blockers, then oldest,
// first), then the arrows on the longest wait chains (the longest first), each kept
// while its ends fit; and a line saying what was left out. It costs O(E log E).
func focus(v graph.View) (graph.View, string) {
	if len(v.Nodes) <= MaxPNGNodes && len(v.Edges) <= MaxPNGEdges {
		return v, ""
	}
	index := make(map[string]int, len(v.Nodes))
	for i, n := range v.Nodes {
		index[n.ID] = i
	}
	var edgesIn []graph.Edge // an arrow must name nodes of the view
	for _, e := range v.Edges {
		_, ok1 := index[e.From]
		_, ok2 := index[e.To]
		if ok1 && ok2 {
			edgesIn = append(edgesIn, e)
		}
	}
	all := len(v.Edges)
	v.Edges = edgesIn
	onLoop := loopEdges(v)
	// The arrows on no loop join distinct strongly connected components, so they form
	// a DAG: the longest chain through u -> w is up[u] + 1 + down[w].
	n := len(v.Nodes)
	start := make([]int, n+1)
	for i, e := range v.Edges {
		if !onLoop[i] {
			start[index[e.From]+1]++
		}
	}
	for u := range n {
		start[u+1] += start[u]
	}
	adj := make([]int, start[n])
	fill := append([]int(nil), start[:n]...)
	indeg := make([]int, n)
	for i, e := range v.Edges {
		if !onLoop[i] {
			u, w := index[e.From], index[e.To]
			adj[fill[u]] = w
			fill[u]++
			indeg[w]++
		}
	}
	var topo []int // Kahn's algorithm
	for u := range n {
		if indeg[u] == 0 {
			topo = append(topo, u)
		}
	}
	for k := 0; k < len(topo); k++ {
		for _, w := range adj[start[topo[k]]:start[topo[k]+1]] {
			if indeg[w]--; indeg[w] == 0 {
				topo = append(topo, w)
			}
		}
	}
	up, down := make([]int, n), make([]int, n)
	for _, u := range topo {
		for _, w := range adj[start[u]:start[u+1]] {
			up[w] = max(up[w], up[u]+1)
		}
	}
	for k := len(topo) - 1; k >= 0; k-- {
		u := topo[k]
		for _, w := range adj[start[u]:start[u+1]] {
			down[u] = max(down[u], down[w]+1)
		}
	}

	order := make([]int, len(v.Edges))
	for i := range order {
		order[i] = i
	}
	chain := func(i int) int { return up[index[v.Edges[i].From]] + 1 + down[index[v.Edges[i].To]] }
	slices.SortStableFunc(order, func(a, b int) int {
		if onLoop[a] != onLoop[b] {
			if onLoop[a] {
				return -1
			}
			return 1
		}
		if !onLoop[a] {
			if c := cmp.Compare(chain(b), chain(a)); c != 0 {
				return c
			}
		}
		if c := cmp.Compare(v.Edges[b].Blockers, v.Edges[a].Blockers); c != 0 {
			return c
		}
		return cmp.Compare(v.Edges[b].Oldest, v.Edges[a].Oldest)
	})
	keepNode := make([]bool, n)
	keepEdge := make([]bool, len(v.Edges))
	nodes, edges := 0, 0
	for _, i := range order {
		if edges == MaxPNGEdges {
			break
		}
		u, w := index[v.Edges[i].From], index[v.Edges[i].To]
		need := 0
		if !keepNode[u] {
			need++
		}
		if !keepNode[w] && w != u {
			need++
		}
		if nodes+need > MaxPNGNodes {
			continue
		}
		keepNode[u], keepNode[w] = true, true
		nodes += need
		keepEdge[i] = true
		edges++
	}
	out := graph.View{Level: v.Level, At: v.At, Since: v.Since}
	for i, nd := range v.Nodes {
		if keepNode[i] {
			out.Nodes = append(out.Nodes, nd)
		}
	}
	for i, e := range v.Edges {
		if keepEdge[i] {
			out.Edges = append(out.Edges, e)
		}
	}
	note := fmt.Sprintf("Drawn: the arrows on loops, then on the longest wait chains: %d of %d nodes and %d of %d arrows "+
		"(the rest left out; unblock graph -format dot or json has them all).", len(out.Nodes), len(v.Nodes), len(out.Edges), all)
	return out, note
}
