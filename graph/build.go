package graph

import (
	"slices"
	"strings"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// edgeSet is a deduplicated Digraph over named nodes whose every edge carries the open
// blockers behind it. Edge e (a position in g.Targets) has the blockers
// blockers[evidence[e]:evidence[e+1]] (indices into the snapshot, in snapshot order)
// and oldest[e] is the age of the oldest of them.
type edgeSet struct {
	names    []string
	g        *Digraph
	evidence []int32
	blockers []int32
	oldest   []time.Duration
}

// newEdgeSet groups the blockers src[i] -> dst[i] (i indexing the snapshot; src[i] < 0
// drops blocker i) into one edge per distinct pair of nodes.
func newEdgeSet(names []string, src, dst []int32, ages []time.Duration) *edgeSet {
	n := len(names)
	order := sortEdges(n+1, shift(src), shift(dst)) // node -1 (dropped) sorts first as 0
	s := &edgeSet{names: names, g: &Digraph{Offsets: make([]int32, n+1)}}
	s.blockers = make([]int32, 0, len(order))
	prevU, prevV := int32(-1), int32(-1)
	for _, i := range order {
		u, v := src[i], dst[i]
		if u < 0 {
			continue
		}
		if u != prevU || v != prevV {
			s.g.Offsets[u+1]++
			s.g.Targets = append(s.g.Targets, v)
			s.evidence = append(s.evidence, int32(len(s.blockers)))
			s.oldest = append(s.oldest, 0)
			prevU, prevV = u, v
		}
		s.blockers = append(s.blockers, i)
		if e := len(s.oldest) - 1; ages[i] > s.oldest[e] {
			s.oldest[e] = ages[i]
		}
	}
	s.evidence = append(s.evidence, int32(len(s.blockers)))
	for v := 0; v < n; v++ {
		s.g.Offsets[v+1] += s.g.Offsets[v]
	}
	return s
}

// shift returns xs with 1 added to each element, so that -1 becomes a valid bucket.
func shift(xs []int32) []int32 {
	out := make([]int32, len(xs))
	for i, x := range xs {
		out[i] = x + 1
	}
	return out
}

// edgeBlockers returns the snapshot indices of the blockers behind edge e.
func (s *edgeSet) edgeBlockers(e int32) []int32 {
	return s.blockers[s.evidence[e]:s.evidence[e+1]]
}

// personGraph is the graph of who waits on whom: an edge from each blocked person to
// the node they wait on, a user ID when the target is a known person, else "KIND:NAME".
// Only people wait, so every node with successors is a person.
type personGraph struct {
	*edgeSet
	kinds  []unblock.TargetKind // kind of each node; TargetPerson for user IDs
	person []int32              // node of each blocker's person, -1 when it has none
}

// nodeKey returns the graph node b waits on: To, or the target's key when the
// snapshot left To empty. It returns "" for a blocker without a usable target.
func nodeKey(b *unblock.Blocker) string {
	if b.To != "" {
		return b.To
	}
	if id := b.Target.MentionID(); id != "" {
		return id
	}
	if b.Target.Kind.Valid() && unblock.Slug(b.Target.Name) != "" {
		return b.Target.Key()
	}
	return ""
}

// isUserID reports whether the node named key is a user ID rather than "KIND:NAME".
func isUserID(key string) bool { return !strings.Contains(key, ":") }

// keyKind returns the kind of the node named key: a person for a user ID, else the
// kind before the colon of "KIND:NAME".
func keyKind(key string) unblock.TargetKind {
	if i := strings.IndexByte(key, ':'); i >= 0 {
		return unblock.TargetKind(key[:i])
	}
	return unblock.TargetPerson
}

// ages returns the age of every blocker at t.
func ages(at time.Time, open []unblock.Blocker) []time.Duration {
	out := make([]time.Duration, len(open))
	for i := range open {
		out[i] = open[i].Age(at)
	}
	return out
}

// newPersonGraph interns the people and targets of the snapshot and builds the person
// graph. A blocker without a person, without a target, or on the person themself
// makes no edge (its person is still a node).
func newPersonGraph(open []unblock.Blocker, ages []time.Duration) *personGraph {
	index := make(map[string]int32, len(open)/4+16)
	var names []string
	var kinds []unblock.TargetKind
	intern := func(key string) int32 {
		if v, ok := index[key]; ok {
			return v
		}
		v := int32(len(names))
		index[key] = v
		names = append(names, key)
		kinds = append(kinds, keyKind(key))
		return v
	}
	person := make([]int32, len(open))
	src := make([]int32, len(open))
	dst := make([]int32, len(open))
	lastPerson, lastNode := "", int32(-1) // a person's blockers usually come together
	for i := range open {
		b := &open[i]
		person[i], src[i], dst[i] = -1, -1, -1
		if b.PersonID == "" {
			continue
		}
		if b.PersonID != lastPerson || lastNode < 0 {
			lastPerson, lastNode = b.PersonID, intern(b.PersonID)
		}
		person[i] = lastNode
		if to := nodeKey(b); to != "" && to != b.PersonID {
			src[i], dst[i] = lastNode, intern(to)
		}
	}
	return &personGraph{edgeSet: newEdgeSet(names, src, dst, ages), kinds: kinds, person: person}
}

// roleOf returns the roles a blocker connects: the blocked person's and the target's
// (ToRole, else the role the target names). Either may be unknown.
func roleOf(b *unblock.Blocker) (from, to unblock.Role) {
	to = b.ToRole
	if to == unblock.RoleUnknown {
		to = b.Target.Role
	}
	return b.PersonRole, to
}

// roleTable interns role names in name order, so role indices sort like the names.
type roleTable struct {
	names []string
	index map[unblock.Role]int32
}

// newRoleTable returns every known role the snapshot names, on either side.
func newRoleTable(open []unblock.Blocker) *roleTable {
	seen := make(map[unblock.Role]bool)
	var last [2]unblock.Role
	for i := range open {
		from, to := roleOf(&open[i])
		for j, r := range [2]unblock.Role{from, to} {
			if r != unblock.RoleUnknown && r != last[j] {
				seen[r] = true
				last[j] = r
			}
		}
	}
	t := &roleTable{index: make(map[unblock.Role]int32, len(seen))}
	for r := range seen {
		t.names = append(t.names, string(r))
	}
	slices.Sort(t.names)
	for i, name := range t.names {
		t.index[unblock.Role(name)] = int32(i)
	}
	return t
}

// lookup returns the index of r, or -1 for the unknown role.
func (t *roleTable) lookup(r unblock.Role) int32 {
	if v, ok := t.index[r]; ok {
		return v
	}
	return -1
}

// newRolePairs groups the blockers by (role of the blocked person, role of the target),
// both known. Pairs of a role with itself are kept: they are load, and the loop search
// never takes them because a loop visits a node once.
func newRolePairs(open []unblock.Blocker, ages []time.Duration, roles *roleTable) *edgeSet {
	src := make([]int32, len(open))
	dst := make([]int32, len(open))
	var lastFrom, lastTo unblock.Role
	var lastU, lastV int32 = -1, -1
	for i := range open {
		from, to := roleOf(&open[i])
		if from != lastFrom || lastU < 0 {
			lastFrom, lastU = from, roles.lookup(from)
		}
		if to != lastTo || lastV < 0 {
			lastTo, lastV = to, roles.lookup(to)
		}
		src[i], dst[i] = lastU, lastV
		if lastU < 0 || lastV < 0 {
			src[i], dst[i] = -1, -1
		}
	}
	return newEdgeSet(roles.names, src, dst, ages)
}
