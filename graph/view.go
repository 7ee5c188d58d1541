package graph

import (
	"cmp"
	"slices"
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

// View is a graph of open blockers ready to render (DESIGN.md, graph JSON contract).
type View struct {
	Level string // LevelPerson or LevelRole
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
}

// Edge is the waiting of From on To, aggregated over the open blockers between them.
type Edge struct {
	From, To string
	Blockers int
	Oldest   time.Duration
	Topics   []string // distinct topics, oldest blocker first, at most maxTopics
}

// PersonView returns the person-level view: each blocked person waits on a person
// when the target is one, else on a "KIND:NAME" node. people names and roles the
// people it holds; anyone else is labelled by user ID and the role the blockers give.
func PersonView(at time.Time, open []unblock.Blocker, people map[string]unblock.Person) View {
	snap := readSnapshot(at, open)
	pg := snap.personGraph()
	v := View{Level: LevelPerson}
	nodes := make([]Node, len(pg.names))
	used := make([]bool, len(pg.names))
	for i, name := range pg.names {
		nodes[i] = Node{ID: name, Kind: string(pg.kinds[i])}
	}
	for u := int32(0); int(u) < pg.g.Len(); u++ {
		for e := pg.g.Offsets[u]; e < pg.g.Offsets[u+1]; e++ {
			w := pg.g.Targets[e]
			used[u], used[w] = true, true
			bs := pg.edgeBlockers(e)
			for _, b := range bs {
				from, to := roleOf(&open[b])
				nodes[u].Role = cmp.Or(nodes[u].Role, from)
				nodes[w].Role = cmp.Or(nodes[w].Role, to)
				if nodes[w].Label == "" && !isUserID(pg.names[w]) {
					nodes[w].Label = open[b].Target.Name // as first written
				}
			}
			v.Edges = append(v.Edges, newEdge(pg.names[u], pg.names[w], pg.oldest[e], bs, snap))
		}
	}
	for i := range nodes {
		if !used[i] {
			continue
		}
		n := &nodes[i]
		if p, ok := people[n.ID]; ok && isUserID(n.ID) {
			n.Label = p.Label()
			n.Role = cmp.Or(p.Role, n.Role)
		}
		n.Label = cmp.Or(n.Label, n.ID)
		v.Nodes = append(v.Nodes, *n)
	}
	sortView(&v)
	return v
}

// RoleView returns the role-level view: a node for every known role the blockers
// name, and an edge from the blocked person's role to the target's role, aggregated.
// Unknown roles and a role waiting on itself make no edge.
func RoleView(at time.Time, open []unblock.Blocker) View {
	snap := readSnapshot(at, open)
	pairs := snap.roleGraph()
	v := View{Level: LevelRole}
	for _, name := range snap.roles {
		v.Nodes = append(v.Nodes, Node{ID: name, Kind: string(unblock.TargetRole), Role: unblock.Role(name), Label: name})
	}
	for u := int32(0); int(u) < pairs.g.Len(); u++ {
		for e := pairs.g.Offsets[u]; e < pairs.g.Offsets[u+1]; e++ {
			if w := pairs.g.Targets[e]; w != u {
				v.Edges = append(v.Edges, newEdge(pairs.names[u], pairs.names[w], pairs.oldest[e], pairs.edgeBlockers(e), snap))
			}
		}
	}
	sortView(&v)
	return v
}

// newEdge aggregates the blockers bs of one edge.
func newEdge(from, to string, oldest time.Duration, bs []int32, s *snapshot) Edge {
	e := Edge{From: from, To: to, Blockers: len(bs), Oldest: oldest}
	byAge := slices.Clone(bs)
	slices.SortStableFunc(byAge, func(a, b int32) int { return cmp.Compare(s.ages[b], s.ages[a]) })
	for _, b := range byAge {
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
