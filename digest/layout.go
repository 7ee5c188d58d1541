package digest

import (
	"math"
	"slices"

	"github.com/unblock-dev/unblock/graph"
)

// layers assigns the nodes of v to columns, left to right, and orders each column,
// the way Graphviz's dot lays out rankdir=LR: every arrow that is not part of a loop
// points rightwards, and the order within a column keeps arrows short and uncrossed.
//
// It is linear in nodes and edges, with a fixed number of ordering sweeps, so a dense
// graph costs no more than its size: depth-first search orients the edges (the edges
// it finds going back are turned round for ranking), a longest-path pass ranks the
// nodes, and barycentre sweeps order each column.
//
// It returns the columns, each a list of node indices of v.Nodes in drawing order, and
// for each edge of v the indices of its ends (-1 when an edge names a node not in v).
func layers(v graph.View) (cols [][]int, ends [][2]int) {
	n := len(v.Nodes)
	index := make(map[string]int, n)
	for i, nd := range v.Nodes {
		index[nd.ID] = i
	}
	ends = make([][2]int, len(v.Edges))
	// Adjacency in compressed form: the successors of u are adj[start[u]:start[u+1]].
	start := make([]int, n+1)
	for i, e := range v.Edges {
		from, ok1 := index[e.From]
		to, ok2 := index[e.To]
		if !ok1 || !ok2 {
			ends[i] = [2]int{-1, -1}
			continue
		}
		ends[i] = [2]int{from, to}
		start[from+1]++
	}
	for u := range n {
		start[u+1] += start[u]
	}
	adj := make([]int, start[n])
	fill := append([]int(nil), start[:n]...)
	for _, a := range ends {
		if a[0] >= 0 {
			adj[fill[a[0]]] = a[1]
			fill[a[0]]++
		}
	}

	// Reverse post-order of an iterative depth-first search, roots in the order of
	// v.Nodes: an edge from an earlier to a later node in it points forwards.
	seen := make([]bool, n)
	post := make([]int, 0, n)
	type frame struct{ u, next int }
	var calls []frame
	for root := range n {
		if seen[root] {
			continue
		}
		seen[root] = true
		calls = append(calls, frame{root, start[root]})
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			if f.next < start[f.u+1] {
				w := adj[f.next]
				f.next++
				if !seen[w] {
					seen[w] = true
					calls = append(calls, frame{w, start[w]})
				}
				continue
			}
			post = append(post, f.u)
			calls = calls[:len(calls)-1]
		}
	}
	pos := make([]int, n) // position in topological order
	for i, u := range post {
		pos[u] = n - 1 - i
	}
	topo := make([]int, n)
	for u := range n {
		topo[pos[u]] = u
	}

	// Longest path over the forward edges, in topological order.
	rank := make([]int, n)
	for _, u := range topo {
		for _, w := range adj[start[u]:start[u+1]] {
			if pos[w] > pos[u] {
				rank[w] = max(rank[w], rank[u]+1)
			}
		}
	}
	ranks := 0
	for _, r := range rank {
		ranks = max(ranks, r+1)
	}
	// A dense graph with loops can rank its nodes in one long chain, a picture one
	// node high and many wide; fold the ranks into at most about √(2n) columns (the
	// arrows within a column are routed round it, like those going back).
	if most := max(6, int(math.Ceil(math.Sqrt(2*float64(n))))); ranks > most {
		for u := range rank {
			rank[u] = rank[u] * most / ranks
		}
		ranks = most
	}
	cols = make([][]int, ranks)
	for _, u := range topo {
		cols[rank[u]] = append(cols[rank[u]], u)
	}

	// Barycentre ordering: each sweep places a node at the mean position of its
	// neighbours (either direction), first left to right, then right to left.
	at := make([]float64, n) // a node's position within its column
	for _, col := range cols {
		for i, u := range col {
			at[u] = centred(i, len(col))
		}
	}
	sum := make([]float64, n)
	cnt := make([]int, n)
	key := make([]float64, n)
	const sweeps = 4
	for s := range 2 * sweeps {
		clear(sum)
		clear(cnt)
		for _, a := range ends {
			if a[0] < 0 || a[0] == a[1] {
				continue
			}
			sum[a[0]] += at[a[1]]
			cnt[a[0]]++
			sum[a[1]] += at[a[0]]
			cnt[a[1]]++
		}
		order := func(c int) {
			col := cols[c]
			for _, u := range col {
				key[u] = at[u]
				if cnt[u] > 0 {
					key[u] = sum[u] / float64(cnt[u])
				}
			}
			slices.SortStableFunc(col, func(a, b int) int {
				switch {
				case key[a] < key[b]:
					return -1
				case key[a] > key[b]:
					return 1
				}
				return 0
			})
			for i, u := range col {
				at[u] = centred(i, len(col))
			}
		}
		if s%2 == 0 {
			for c := range cols {
				order(c)
			}
		} else {
			for c := len(cols) - 1; c >= 0; c-- {
				order(c)
			}
		}
	}
	return cols, ends
}

// centred returns the position of the i-th of n nodes in a column drawn centred.
func centred(i, n int) float64 { return float64(i) - float64(n-1)/2 }
