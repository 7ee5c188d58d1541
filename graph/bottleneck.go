package graph

import (
	"cmp"
	"math"
	mathbits "math/bits"
	"slices"
	"strings"

	unblock "github.com/unblock-dev/unblock"
)

// bottlenecks returns up to limit targets ranked by the people waiting on them
// directly, then by the people waiting on them directly or through others, then by
// name. Direct counts come from in-degrees for every node. Exact transitive counts
// cost a pass over the graph for every 64 targets, so only 2*limit candidates get
// one: those with the most direct waiters and, among equals, the highest estimate of
// transitive waiters (see estimateWaiters). comp and byComp are from SCC and
// componentOrder.
func (p *personGraph) bottlenecks(comp, byComp []int32, limit int) []unblock.Bottleneck {
	if limit <= 0 {
		return nil
	}
	n := p.g.Len()
	direct := make([]int32, n) // edges are distinct (person, node) pairs
	for _, v := range p.g.Targets {
		direct[v]++
	}
	var estimate []int64
	if p.orig != nil {
		estimate = p.estimateWaitersInOrder(comp)
	} else {
		estimate = p.estimateWaiters(comp, byComp)
	}
	less := func(a, b int32) bool {
		switch {
		case direct[a] != direct[b]:
			return direct[a] > direct[b]
		case estimate[a] != estimate[b]:
			return estimate[a] > estimate[b]
		}
		return p.name(a) < p.name(b)
	}
	// The best 2*limit candidates, kept sorted: a short insertion is cheaper than a heap.
	var top []int32
	for v := int32(0); int(v) < n; v++ {
		if direct[v] == 0 || len(top) == 2*limit && !less(v, top[len(top)-1]) {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, v, func(a, b int32) int {
			if less(a, b) {
				return -1
			}
			return 1
		})
		if len(top) < 2*limit {
			top = append(top, 0)
		}
		copy(top[i+1:], top[i:])
		top[i] = v
	}
	if len(top) == 0 {
		return nil
	}
	var waiting []int
	if p.orig != nil {
		waiting = p.waitersInOrder(top, comp)
	} else {
		waiting = p.waiters(top, comp, byComp)
	}
	out := make([]unblock.Bottleneck, len(top))
	for i, t := range top {
		out[i] = unblock.Bottleneck{
			Target:     p.targetName(t),
			Kind:       p.kind(t),
			Waiting:    int(direct[t]),
			Transitive: waiting[i],
		}
	}
	slices.SortStableFunc(out, func(a, b unblock.Bottleneck) int {
		if c := cmp.Compare(b.Waiting, a.Waiting); c != 0 {
			return c
		}
		return cmp.Compare(b.Transitive, a.Transitive)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// targetName names node v for a Bottleneck: a user ID for a known person, the name
// after "KIND:" for a role, team, external or artifact node ("design", "api-spec"),
// and the whole "person:NAME" key for a person the directory does not know, so that it
// is never taken for a user ID.
func (p *personGraph) targetName(v int32) string {
	key := p.name(v)
	if p.kind(v) == unblock.TargetPerson {
		return key
	}
	if i := strings.IndexByte(key, ':'); i >= 0 {
		return key[i+1:]
	}
	return key
}

// estimateWaiters returns, for every node, an estimate of the people who wait on it
// directly or transitively, in linear time: over the components in topological order,
// each edge into a component adds the waiters of the component it comes from and that
// component's people. It is exact where the waiting forms a tree, as in a long chain,
// and an overestimate where paths meet again; it only orders candidates.
func (p *personGraph) estimateWaiters(comp, byComp []int32) []int64 {
	ncomp := 0
	if len(byComp) > 0 {
		ncomp = int(comp[byComp[len(byComp)-1]]) + 1
	}
	size := make([]int64, ncomp)
	for _, c := range comp {
		size[c]++
	}
	reach := make([]int64, ncomp)           // people outside the component who reach it
	for i := len(byComp) - 1; i >= 0; i-- { // sources first
		u := byComp[i]
		cu := comp[u]
		add := reach[cu] + size[cu]
		for _, v := range p.g.Successors(u) {
			if cv := comp[v]; cv != cu {
				reach[cv] = min(reach[cv]+add, math.MaxInt64/2) // saturate where paths multiply
			}
		}
	}
	out := make([]int64, len(comp))
	for v, c := range comp {
		out[v] = reach[c] + size[c] - 1
	}
	return out
}

// waiters returns, for each target, the people who wait on it directly or through
// others: the nodes other than the target that reach it. Reachability is a bit set
// per component, one bit per target, propagated over the components sinks first
// (byComp order), so each batch of 64 targets costs one linear pass.
func (p *personGraph) waiters(targets, comp, byComp []int32) []int {
	out := make([]int, len(targets))
	ncomp := 0
	if len(byComp) > 0 {
		ncomp = int(comp[byComp[len(byComp)-1]]) + 1
	}
	reach := make([]uint64, ncomp) // bit i: the component reaches targets[batch+i]
	for batch := 0; batch < len(targets); batch += 64 {
		ts := targets[batch:min(batch+64, len(targets))]
		clear(reach)
		for i, t := range ts {
			reach[comp[t]] |= 1 << i
		}
		for _, v := range byComp {
			cv := comp[v]
			for _, w := range p.g.Successors(v) {
				reach[cv] |= reach[comp[w]]
			}
		}
		for v, c := range comp {
			for bits := reach[c]; bits != 0; bits &= bits - 1 {
				i := mathbits.TrailingZeros64(bits)
				if ts[i] != int32(v) {
					out[batch+i]++
				}
			}
		}
	}
	return out
}

// A graph renumbered in component order (inComponentOrder, p.orig set) has the nodes
// of each component consecutive, the components in SCC's order, so every edge
// between two components goes to a lower node. The passes below then keep what they
// propagate per node rather than per component: an edge costs one read at its
// target rather than two in a row (the target's component, then what that component
// holds), each a cache miss once the graph has hundreds of thousands of nodes.
// They return what estimateWaiters and waiters return on that graph.

// estimateWaitersInOrder is estimateWaiters on a graph in component order. The
// waiters brought by edges into a component are added up per node they enter and
// summed over the component's nodes when the pass reaches it, with the same
// saturation: a saturated sum is the same whichever way it is added up.
func (p *personGraph) estimateWaitersInOrder(comp []int32) []int64 {
	const most = math.MaxInt64 / 2
	n := len(comp)
	into := make([]int64, n) // per node: the waiters edges into it bring from other components
	out := make([]int64, n)
	for hi := n; hi > 0; { // sources first: the components from the last
		lo := hi - 1
		for lo > 0 && comp[lo-1] == comp[lo] {
			lo--
		}
		var reach int64 // people outside the component who reach it
		for v := lo; v < hi; v++ {
			reach = min(reach+into[v], most)
		}
		size := int64(hi - lo)
		add := reach + size
		for u := lo; u < hi; u++ {
			for _, v := range p.g.Successors(int32(u)) {
				if int(v) < lo {
					into[v] = min(into[v]+add, most) // saturate where paths multiply
				}
			}
		}
		for v := lo; v < hi; v++ {
			out[v] = reach + size - 1
		}
		hi = lo
	}
	return out
}

// waitersInOrder is waiters on a graph in component order: each node holds the
// bits of its component, set for all its nodes once the pass has been through them.
func (p *personGraph) waitersInOrder(targets, comp []int32) []int {
	out := make([]int, len(targets))
	n := len(comp)
	reach := make([]uint64, n) // bit i: the node's component reaches targets[batch+i]
	for batch := 0; batch < len(targets); batch += 64 {
		ts := targets[batch:min(batch+64, len(targets))]
		clear(reach)
		for i, t := range ts {
			reach[t] |= 1 << i
		}
		for lo := 0; lo < n; { // sinks first
			hi := lo + 1
			for hi < n && comp[hi] == comp[lo] {
				hi++
			}
			var bits uint64
			for v := lo; v < hi; v++ {
				bits |= reach[v]
			}
			for v := lo; v < hi; v++ {
				for _, w := range p.g.Successors(int32(v)) {
					if int(w) < lo {
						bits |= reach[w]
					}
				}
			}
			for v := lo; v < hi; v++ {
				reach[v] = bits
			}
			lo = hi
		}
		for v, r := range reach {
			for bits := r; bits != 0; bits &= bits - 1 {
				i := mathbits.TrailingZeros64(bits)
				if ts[i] != int32(v) {
					out[batch+i]++
				}
			}
		}
	}
	return out
}
