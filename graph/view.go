package graph

import (
	"cmp"
	"slices"
	"strings"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// Levels of a View.
const (
	LevelPerson = "person"
	LevelRole   = "role"
)

// maxTopics is the most topics an Edge lists.
const maxTopics = 5

// View is a graph of open blockers ready to render (docs/DESIGN.md, graph JSON contract).
type View struct {
	Level string    // LevelPerson or LevelRole
	At    time.Time // the snapshot: the blockers open at this time
	// Since is the start of the period the view closes, such as a digest's week, or
	// zero. The view shows only what is open at At; Since is for its caption.
	Since time.Time
	Nodes []Node // by ID
	Edges []Edge // by From, then To
}

// Node is a node of a View. At the person level a person's ID is their user ID and
// any other node's is "KIND:NAME" ("role:design"); at the role level the ID is the
// role name.
type Node struct {
	ID    string
	Kind  string // "person", "role", "team", "external" or "artifact"
	Role  unblock.Role
	Label string // a person's display name, else the name as written
	// WaitingOn and WaitedOnBy count open blockers: those the node's people hold, and
	// those on the node. At the role level they are the Analysis's RoleLoad, which
	// counts blockers the view draws no edge for (a role waiting on itself, a person
	// of unknown role), so a picture says what the digest's tables say.
	WaitingOn  int
	WaitedOnBy int
	// Within counts, at the role level, the open blockers of the role's people on the
	// role itself (an engineer on an engineer): part of WaitedOnBy, with no edge.
	Within int
}

// Edge is the waiting of From on To, aggregated over the open blockers between them.
type Edge struct {
	From, To string
	Blockers int
	Oldest   time.Duration
	Topics   []string // distinct topics, oldest blocker first, at most maxTopics
}

// PersonView returns the person-level view: each blocked person waits on a person
// when the target is one, else on a canonical "KIND:NAME" node (see Canonicalize,
// with the role vocabulary vocab; nil is the built-in one). people names and roles
// the people it holds; anyone else is labelled by user ID and the role the blockers
// give. A role node is labelled with its role's name.
func PersonView(at time.Time, open []unblock.Blocker, people map[string]unblock.Person, vocab *unblock.Vocabulary) View {
	snap := readSnapshot(at, open, vocab)
	pg := snap.personGraph()
	n := len(pg.names)
	// A node's role and label come from the first blocker that names it.
	roles := make([]int32, n)
	for i := range roles {
		roles[i] = -1
	}
	labels := make([]string, n)
	waiting, waited := make([]int, n), make([]int, n)
	var order []int32 // the nodes on an edge
	for i, u := range snap.person {
		w := snap.target[i]
		if u < 0 || w < 0 {
			continue
		}
		waiting[u]++
		waited[w]++
		for _, x := range [2]int32{u, w} {
			if roles[x] == -1 {
				roles[x] = -2 // seen, role unknown so far
				order = append(order, x)
			}
		}
		if roles[u] < 0 && snap.from[i] >= 0 {
			roles[u] = snap.from[i]
		}
		if roles[w] < 0 && snap.to[i] >= 0 {
			roles[w] = snap.to[i]
		}
		if labels[w] == "" && !isUserID(pg.names[w]) {
			labels[w] = open[i].Target.Name // as first written
			if pg.kinds[w] == unblock.TargetRole {
				labels[w] = strings.TrimPrefix(pg.names[w], "role:")
			}
		}
	}
	// Nodes and edges come out in name order, by ranking the nodes once.
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(pg.names[a], pg.names[b]) })
	rank := make([]int32, n)
	for r, x := range order {
		rank[x] = int32(r)
	}
	v := View{Level: LevelPerson, At: at, Nodes: make([]Node, 0, len(order)), Edges: make([]Edge, 0, len(pg.g.Targets))}
	var edges []int32
	for _, u := range order {
		node := Node{ID: pg.names[u], Kind: string(pg.kinds[u]), Label: labels[u], WaitingOn: waiting[u], WaitedOnBy: waited[u]}
		if r := roles[u]; r >= 0 {
			node.Role = unblock.Role(snap.roles[r])
		}
		if p, ok := people[node.ID]; ok && isUserID(node.ID) {
			node.Label = p.Label()
			node.Role = cmp.Or(p.Role, node.Role)
		}
		node.Label = cmp.Or(node.Label, node.ID)
		v.Nodes = append(v.Nodes, node)

		edges = edges[:0]
		for e := pg.g.Offsets[u]; e < pg.g.Offsets[u+1]; e++ {
			edges = append(edges, e)
		}
		slices.SortFunc(edges, func(a, b int32) int { return cmp.Compare(rank[pg.g.Targets[a]], rank[pg.g.Targets[b]]) })
		for _, e := range edges {
			v.Edges = append(v.Edges, newEdge(pg.names[u], pg.names[pg.g.Targets[e]], pg.oldest[e], pg.edgeBlockers(e), snap))
		}
	}
	return v
}

// RoleView returns the role-level view: a node for every role of the vocabulary
// vocab (nil: the built-in one) the blockers name, and an edge from the blocked
// person's role to the target's role, aggregated. Unknown roles and a role waiting
// on itself make no edge, but count on the nodes.
func RoleView(at time.Time, open []unblock.Blocker, vocab *unblock.Vocabulary) View {
	snap := readSnapshot(at, open, vocab)
	pairs := snap.roleGraph(nil)
	v := View{Level: LevelRole, At: at}
	for i, load := range roleLoads(snap) { // in snap.roles order
		name := snap.roles[i]
		v.Nodes = append(v.Nodes, Node{ID: name, Kind: string(unblock.TargetRole), Role: unblock.Role(name), Label: name,
			WaitingOn: load.WaitingOn, WaitedOnBy: load.WaitedOnBy})
	}
	for u := int32(0); int(u) < pairs.g.Len(); u++ {
		for e := pairs.g.Offsets[u]; e < pairs.g.Offsets[u+1]; e++ {
			if w := pairs.g.Targets[e]; w != u {
				v.Edges = append(v.Edges, newEdge(pairs.names[u], pairs.names[w], pairs.oldest[e], pairs.edgeBlockers(e), snap))
			} else {
				v.Nodes[u].Within = len(pairs.edgeBlockers(e)) // nodes are in snap.roles order, as the pairs
			}
		}
	}
	sortView(&v)
	return v
}

// newEdge aggregates the blockers bs of one edge.
func newEdge(from, to string, oldest time.Duration, bs []int32, s *snapshot) Edge {
	e := Edge{From: from, To: to, Blockers: len(bs), Oldest: oldest}
	if len(bs) > 1 {
		bs = slices.Clone(bs)
		slices.SortStableFunc(bs, func(a, b int32) int { return cmp.Compare(s.age(int(b)), s.age(int(a))) })
	}
	for _, b := range bs {
		t := s.open[b].Topic
		if t == "" || slices.Contains(e.Topics, t) {
			continue
		}
		e.Topics = append(e.Topics, t)
		if len(e.Topics) == maxTopics {
			break
		}
	}
	return e
}

// sortView orders nodes by ID and edges by From, then To.
func sortView(v *View) {
	slices.SortFunc(v.Nodes, func(a, b Node) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(v.Edges, func(a, b Edge) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
}
