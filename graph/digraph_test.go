package graph

import (
	unblock "github.com/unblock-dev/unblock"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"
)

func TestNewDigraph(t *testing.T) {
	g := NewDigraph(4, []int32{2, 0, 2, 0, 3}, []int32{1, 3, 0, 1, 3})
	want := [][]int32{{1, 3}, {}, {0, 1}, {3}}
	for v := range want {
		if got := g.Successors(int32(v)); !slices.Equal(got, want[v]) {
			t.Errorf("Successors(%d) = %v; want %v", v, got, want[v])
		}
	}
	if g.edge(2, 1) != 3 || g.edge(1, 2) != -1 {
		t.Errorf("edge(2, 1) = %d, edge(1, 2) = %d; want 3, -1", g.edge(2, 1), g.edge(1, 2))
	}
	r := g.reverse()
	wantRev := [][]int32{{2}, {0, 2}, {}, {0, 3}}
	for v := range wantRev {
		if got := r.Successors(int32(v)); !slices.Equal(got, wantRev[v]) {
			t.Errorf("reverse Successors(%d) = %v; want %v", v, got, wantRev[v])
		}
	}
}

func TestSCC(t *testing.T) {
	tests := []struct {
		n        int
		edges    string // "0>1 1>2"
		want     string // components as sets, "0 1|2"
		sinkLast bool
	}{
		{n: 0, want: ""},
		{n: 3, want: "0|1|2"},
		{n: 3, edges: "0>1 1>2", want: "0|1|2"},
		{n: 3, edges: "0>1 1>2 2>0", want: "0 1 2"},
		{n: 2, edges: "0>0 1>1", want: "0|1"},
		{n: 6, edges: "0>1 1>0 1>2 2>3 3>4 4>2 5>5", want: "0 1|2 3 4|5"},
	}
	for _, tt := range tests {
		var from, to []int32
		for _, e := range strings.Fields(tt.edges) {
			u, v, _ := strings.Cut(e, ">")
			from, to = append(from, atoi(u)), append(to, atoi(v))
		}
		g := NewDigraph(tt.n, from, to)
		comp, count := SCC(g)
		if got := partition(comp, count); got != tt.want {
			t.Errorf("SCC(%q) = %q; want %q", tt.edges, got, tt.want)
		}
		checkTopological(t, g, comp)
	}
}

func atoi(s string) int32 {
	n, _ := strconv.Atoi(s)
	return int32(n)
}

// partition writes components as sorted sets, ordered by their smallest node.
func partition(comp []int32, count int) string {
	sets := make([][]string, count)
	for v, c := range comp {
		sets[c] = append(sets[c], strconv.Itoa(v))
	}
	var parts []string
	for _, s := range sets {
		parts = append(parts, strings.Join(s, " "))
	}
	slices.SortFunc(parts, func(a, b string) int {
		return int(atoi(strings.Fields(a)[0]) - atoi(strings.Fields(b)[0]))
	})
	return strings.Join(parts, "|")
}

// checkTopological checks SCC's numbering: no edge goes to a higher component.
func checkTopological(t *testing.T, g *Digraph, comp []int32) {
	t.Helper()
	for u := int32(0); int(u) < g.Len(); u++ {
		for _, v := range g.Successors(u) {
			if comp[u] < comp[v] {
				t.Fatalf("edge %d->%d goes from component %d up to %d", u, v, comp[u], comp[v])
			}
		}
	}
}

// TestSCCGonum compares SCC with gonum's Tarjan on random graphs of every density.
func TestSCCGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		n := 1 + rng.IntN(60)
		m := rng.IntN(3 * n)
		var from, to []int32
		gg := simple.NewDirectedGraph()
		for v := range n {
			gg.AddNode(simple.Node(v))
		}
		for range m {
			u, v := rng.Int32N(int32(n)), rng.Int32N(int32(n))
			from, to = append(from, u), append(to, v)
			if u != v {
				gg.SetEdge(simple.Edge{F: simple.Node(u), T: simple.Node(v)})
			}
		}
		g := NewDigraph(n, from, to)
		comp, count := SCC(g)
		checkTopological(t, g, comp)
		want := make([]int32, n)
		sccs := topo.TarjanSCC(gg)
		for c, nodes := range sccs {
			for _, node := range nodes {
				want[node.ID()] = int32(c)
			}
		}
		if got, want := partition(comp, count), partition(want, len(sccs)); got != want {
			t.Fatalf("round %d: SCC = %q; gonum says %q", round, got, want)
		}
	}
}

// TestSCCDeep runs SCC over paths and rings far deeper than a recursive Tarjan could.
func TestSCCDeep(t *testing.T) {
	const n = 200_000
	from, to := make([]int32, n-1), make([]int32, n-1)
	for i := range from {
		from[i], to[i] = int32(i), int32(i+1)
	}
	if _, count := SCC(NewDigraph(n, from, to)); count != n {
		t.Errorf("path: %d components; want %d", count, n)
	}
	from, to = append(from, n-1), append(to, 0)
	if _, count := SCC(NewDigraph(n, from, to)); count != 1 {
		t.Errorf("ring: %d components; want 1", count)
	}
}

// TestFindCyclesBruteForce compares the bounded search with every elementary cycle
// found by trying every simple path, on small random graphs.
func TestFindCyclesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	total := 0
	for round := range 300 {
		n := 2 + rng.IntN(7)
		m := rng.IntN(n * n)
		names := make([]string, n)
		for v := range names {
			names[v] = string(rune('a'+rng.IntN(26))) + strconv.Itoa(v) // not in node order
		}
		src, dst := make([]int32, m), make([]int32, m)
		for i := range m {
			src[i], dst[i] = rng.Int32N(int32(n)), rng.Int32N(int32(n))
		}
		s := edgeSetOf(names, src, dst)
		comp, _ := SCC(s.g)
		maxLen := 2 + rng.IntN(n)
		var got []string
		for _, c := range findCycles(s, comp, maxLen, 1<<20, maxLoopSteps) {
			got = append(got, cycleString(s, c.nodes))
		}
		want := bruteCycles(s, maxLen)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d (max %d): cycles\n%v\nwant\n%v", round, maxLen, got, want)
		}
		total += len(want)
	}
	if total < 1000 {
		t.Errorf("only %d cycles compared; the random graphs are too sparse to test anything", total)
	}
}

func cycleString(s *edgeSet, nodes []int32) string {
	var parts []string
	for _, v := range nodes {
		parts = append(parts, s.names[v])
	}
	return strings.Join(parts, ">")
}

// bruteCycles returns every elementary cycle of 2 to maxLen nodes, each rotated to
// start at its alphabetically first name, sorted.
func bruteCycles(s *edgeSet, maxLen int) []string {
	seen := map[string]bool{}
	var path []int32
	var walk func(v int32)
	walk = func(v int32) {
		path = append(path, v)
		defer func() { path = path[:len(path)-1] }()
		for _, w := range s.g.Successors(v) {
			if w == path[0] && len(path) >= 2 {
				first := 0
				for i, u := range path {
					if s.names[u] < s.names[path[first]] {
						first = i
					}
				}
				rot := append(slices.Clone(path[first:]), path[:first]...)
				seen[cycleString(s, rot)] = true
			}
			if len(path) < maxLen && !slices.Contains(path, w) {
				walk(w)
			}
		}
	}
	for v := int32(0); int(v) < len(s.names); v++ {
		walk(v)
	}
	var out []string
	for c := range seen {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// TestFindCyclesSteps checks that the work bound stops the search and keeps the
// shortest cycles found so far.
func TestFindCyclesSteps(t *testing.T) {
	const n = 12
	var src, dst []int32
	names := make([]string, n)
	for u := range n {
		names[u] = "U" + strconv.Itoa(100+u)
		for v := range n {
			if u != v {
				src, dst = append(src, int32(u)), append(dst, int32(v))
			}
		}
	}
	s := edgeSetOf(names, src, dst)
	comp, _ := SCC(s.g)
	for _, steps := range []int{0, 5, 100, 10_000} {
		cs := findCycles(s, comp, 6, 1_000_000, steps)
		if len(cs) > steps {
			t.Errorf("steps %d: %d cycles; want at most one a step", steps, len(cs))
		}
		for i := 1; i < len(cs); i++ {
			if len(cs[i].nodes) < len(cs[i-1].nodes) {
				t.Fatalf("steps %d: cycle %d shorter than the one before", steps, i)
			}
		}
	}
}

// reverse returns the transpose of g: every edge u -> v becomes v -> u.
func (g *Digraph) reverse() *Digraph {
	n := g.Len()
	r := &Digraph{Offsets: make([]int32, n+1), Targets: make([]int32, len(g.Targets))}
	for _, v := range g.Targets {
		r.Offsets[v+1]++
	}
	for v := 0; v < n; v++ {
		r.Offsets[v+1] += r.Offsets[v]
	}
	next := slices.Clone(r.Offsets[:n])
	for u := int32(0); int(u) < n; u++ {
		for _, v := range g.Successors(u) {
			r.Targets[next[v]] = u
			next[v]++
		}
	}
	return r
}

// edgeSetOf returns the person graph of blockers names[src[i]] -> names[dst[i]]
// (self edges dropped, as for blockers).
func edgeSetOf(names []string, src, dst []int32) *edgeSet {
	bs := make([]unblock.Blocker, len(src))
	for i := range src {
		bs[i] = newBlocker(int64(i+1), names[src[i]], "", names[dst[i]], "", day, "")
	}
	return readSnapshot(testAt, bs, nil).personGraph().edgeSet
}
