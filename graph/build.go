package graph

import (
	"cmp"
	mathbits "math/bits"
	"slices"
	"strings"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// snapshot is a snapshot of open blockers read once into flat arrays. A snapshot of
// a million blockers is a quarter of a gigabyte, so every pass over it costs; this is
// the only one: loop evidence reads only the blockers of a loop's edges.
type snapshot struct {
	open   []unblock.Blocker           // the blockers, when read in full (nil when read from a Snapshot)
	full   func(i int) unblock.Blocker // blocker i, when read from a Snapshot: for the evidence of loops
	opened []int64                     // per blocker, when read from a Snapshot: its opening (Snapshot.Opened)
	at     int64                       // when read from a Snapshot: its time, Unix nanoseconds
	ages   []time.Duration             // per blocker, when read in full: its age at the snapshot time (see age)
	person []int32                     // per blocker: the node of the blocked person, -1 for none
	target []int32                     // per blocker: the node waited on, -1 when it makes no edge
	nodes  []string                    // node names: user IDs and "KIND:NAME" keys
	kinds  []unblock.TargetKind        // per node: TargetPerson for a user ID, else the key's kind
	roles  []string                    // known roles in name order
	from   []int32                     // per blocker: the blocked person's role, -1 when unknown
	to     []int32                     // per blocker: the target's role, -1 when unknown
}

// readSnapshot reads open as of at, with its nodes and roles made canonical with the
// role vocabulary vocab (nil: the built-in one; see canon). A blocker without a
// person, without a target, or on the person themself makes no edge (its person is
// still a node).
func readSnapshot(at time.Time, open []unblock.Blocker, vocab *unblock.Vocabulary) *snapshot {
	n := len(open)
	s := &snapshot{
		open: open, ages: make([]time.Duration, n),
		person: make([]int32, n), target: make([]int32, n),
		from: make([]int32, n), to: make([]int32, n),
	}
	nodes := newInterner(0)
	node := func(key string) int32 {
		v := nodes.id(key)
		if int(v) == len(s.kinds) {
			s.kinds = append(s.kinds, keyKind(key))
		}
		return v
	}
	roles := make(map[unblock.Role]int32)
	role := func(r unblock.Role) int32 {
		if r == unblock.RoleUnknown {
			return -1
		}
		v, ok := roles[r]
		if !ok {
			v = int32(len(s.roles))
			roles[r] = v
			s.roles = append(s.roles, string(r))
		}
		return v
	}
	c := newCanon(vocab)
	// rawRole numbers a role as a blocker gives it, canonical or not.
	rawRoles := make(map[unblock.Role]int32)
	rawRole := func(r unblock.Role) int32 {
		v, ok := rawRoles[r]
		if !ok {
			v = role(c.role(r))
			rawRoles[r] = v
		}
		return v
	}
	// A known person is their user ID. Other targets are made canonical once per
	// distinct target as the rows write it (rawTargets): canonical[t] is its node, -1
	// for none, and roleNode[t] the role of a role node, or noRoleNode when the
	// target's role is the blocker's own.
	const noRoleNode = -2
	rawTargets := newInterner(0)
	var canonical, roleNode []int32
	// Consecutive blockers often share a person or a role: skip the lookups then.
	lastPerson, lastNode := "", int32(-1)
	var lastFrom, lastTo unblock.Role
	u, v := rawRole(lastFrom), rawRole(lastTo)
	for i := range open {
		b := &open[i]
		s.ages[i] = b.Age(at)
		s.person[i], s.target[i] = -1, -1
		w, r := int32(-1), int32(noRoleNode) // the target's node, and its role if a role node
		if b.PersonID != "" && b.ToPerson() {
			if b.To != b.PersonID {
				w = node(b.To)
			}
		} else if b.PersonID != "" || b.To != "" {
			key := b.To
			if key == "" {
				key = string(b.Target.Kind) + ":" + b.Target.Name // rare: only hand-made snapshots leave To empty
			}
			t := rawTargets.id(key)
			if int(t) == len(canonical) {
				ct := c.targetOnce(b)
				cw, cr := int32(-1), int32(noRoleNode)
				if ct.node != "" {
					cw = node(ct.node)
					if s.kinds[cw] == unblock.TargetRole {
						cr = rawRole(ct.role)
					}
				}
				canonical, roleNode = append(canonical, cw), append(roleNode, cr)
			}
			w, r = canonical[t], roleNode[t]
		}
		if b.PersonID != "" {
			if b.PersonID != lastPerson || lastNode < 0 {
				lastPerson, lastNode = b.PersonID, node(b.PersonID)
			}
			s.person[i] = lastNode
			if w >= 0 && w != lastNode {
				s.target[i] = w
			}
		}
		if from := b.PersonRole; from != lastFrom {
			lastFrom, u = from, rawRole(from)
		}
		if r != noRoleNode {
			s.from[i], s.to[i] = u, r
			continue
		}
		to := b.ToRole // a person's own role, else the role of what is asked for
		if to == unblock.RoleUnknown {
			to = b.Target.Role
		}
		if to != lastTo {
			lastTo, v = to, rawRole(to)
		}
		s.from[i], s.to[i] = u, v
	}
	s.nodes = nodes.names
	s.sortRoles()
	return s
}

// age returns the age of blocker i at the snapshot time. A snapshot read from a
// Snapshot has it from the opening it was given, with no array of ages: at a
// million blockers that is 8 MB less to allocate, write and read back.
func (s *snapshot) age(i int) time.Duration {
	if s.ages != nil {
		return s.ages[i]
	}
	return time.Duration(max(s.at-s.opened[i], 0))
}

// sortRoles renumbers the roles in name order.
func (s *snapshot) sortRoles() {
	order := make([]int32, len(s.roles))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(s.roles[a], s.roles[b]) })
	renumber := make([]int32, len(order))
	names := make([]string, len(order))
	for to, from := range order {
		renumber[from] = int32(to)
		names[to] = s.roles[from]
	}
	s.roles = names
	for i, u := range s.from {
		if u >= 0 {
			s.from[i] = renumber[u]
		}
		if v := s.to[i]; v >= 0 {
			s.to[i] = renumber[v]
		}
	}
}

// blocker sets *b to open blocker i as the snapshot reads it: with its canonical
// target node and roles, for the evidence of a loop. It fills b in place: a blocker
// is some 250 bytes, and each copy of it costs.
func (s *snapshot) blocker(b *unblock.Blocker, i int) {
	if s.open != nil {
		*b = s.open[i]
	} else {
		*b = s.full(i)
	}
	if v := s.target[i]; v >= 0 {
		b.To = s.nodes[v]
	}
	b.PersonRole, b.ToRole = s.roleName(s.from[i]), s.roleName(s.to[i])
}

// roleName returns the name of role r of the snapshot, unknown for -1.
func (s *snapshot) roleName(r int32) unblock.Role {
	if r < 0 {
		return unblock.RoleUnknown
	}
	return unblock.Role(s.roles[r])
}

// isUserID reports whether the node named key is a user ID rather than "KIND:NAME".
func isUserID(key string) bool { return unblock.UserNode(key) }

// isNodeKey reports whether key names a node other than a person's user ID:
// "KIND:NAME" with a kind of target and a name, as a canonical target's To does.
func isNodeKey(key string) bool {
	kind, name, ok := strings.Cut(key, ":")
	return ok && unblock.TargetKind(kind).Valid() && name != ""
}

// keyKind returns the kind of the node named key: a person for a user ID, else the
// kind before the colon of "KIND:NAME".
func keyKind(key string) unblock.TargetKind {
	if i := strings.IndexByte(key, ':'); i >= 0 {
		return unblock.TargetKind(key[:i])
	}
	return unblock.TargetPerson
}

// edgeSet is a deduplicated Digraph over named nodes whose every edge carries the open
// blockers behind it. Edge e (a position in g.Targets) has the blockers
// blockers[evidence[e]:evidence[e+1]] (indices into the snapshot, in snapshot order)
// and oldest[e] is the age of the oldest of them. Successors are sorted.
type edgeSet struct {
	names    []string
	g        *Digraph
	evidence []int32
	blockers []int32
	oldest   []time.Duration
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
	kinds []unblock.TargetKind // kind of each node; TargetPerson for user IDs
	// orig, when set, is the number in names and kinds of each node: the graph is
	// renumbered (inComponentOrder) and they are not.
	orig []int32
	// spare is the room the blockers were sorted in, no longer needed once the
	// graph is built: rolePairs works in it rather than in arrays of its own.
	spare []ageEntry
}

// ageEntry is a blocker in a sort: a key that orders it, and its age.
type ageEntry struct {
	key uint64
	age time.Duration
}

// name returns the name of node v.
func (p *personGraph) name(v int32) string {
	if p.orig != nil {
		v = p.orig[v]
	}
	return p.names[v]
}

// kind returns the kind of node v.
func (p *personGraph) kind(v int32) unblock.TargetKind {
	if p.orig != nil {
		v = p.orig[v]
	}
	return p.kinds[v]
}

// personGraph builds the person graph: the blockers grouped by person into buckets
// (a counting sort), then each person's few blockers sorted by target.
func (s *snapshot) personGraph() *personGraph { return s.personGraphScattered(scatterDirectMax) }

// personGraphScattered is personGraph, scattering the blockers to their people in
// one pass when they are at most direct, else in two (scatterInTwo).
func (s *snapshot) personGraphScattered(direct int) *personGraph {
	n := len(s.nodes)
	start := make([]int32, n+1)
	kept := 0
	for i, u := range s.person {
		if u >= 0 && s.target[i] >= 0 {
			start[u+1]++
			kept++
		}
	}
	for v := 0; v < n; v++ {
		start[v+1] += start[v]
	}
	// An entry is a blocker: its target and index in one key, so that sorting a
	// person's entries by key groups them by target and keeps snapshot order within.
	entries := make([]ageEntry, kept)
	es := &edgeSet{
		names:    s.nodes,
		g:        &Digraph{Offsets: make([]int32, n+1), Targets: make([]int32, 0, kept)},
		blockers: make([]int32, kept),
		evidence: make([]int32, 0, kept+1),
		oldest:   make([]time.Duration, 0, kept),
	}
	if kept <= direct {
		next := slices.Clone(start[:n])
		for i, u := range s.person {
			if v := s.target[i]; u >= 0 && v >= 0 {
				entries[next[u]] = ageEntry{uint64(v)<<32 | uint64(i), s.age(i)}
				next[u]++
			}
		}
		es.addPeople(entries, start, 0, n)
	} else {
		s.scatterInTwo(entries, start, es)
	}
	es.evidence = append(es.evidence, int32(kept))
	return &personGraph{edgeSet: es, kinds: s.kinds, spare: entries}
}

// addPeople sorts the entries of people lo to hi-1 (entries[start[u]:start[u+1]]
// for person u, in snapshot order) in place by key and adds their edges, the
// people before lo's being in.
func (es *edgeSet) addPeople(entries []ageEntry, start []int32, lo, hi int) {
	for u := lo; u < hi; u++ {
		seg := entries[start[u]:start[u+1]]
		slices.SortFunc(seg, func(a, b ageEntry) int { return cmp.Compare(a.key, b.key) })
		for j, en := range seg {
			v := int32(en.key >> 32)
			if j == 0 || v != int32(seg[j-1].key>>32) {
				es.g.Targets = append(es.g.Targets, v)
				es.evidence = append(es.evidence, start[u]+int32(j))
				es.oldest = append(es.oldest, 0)
			}
			es.blockers[start[u]+int32(j)] = int32(uint32(en.key))
			last := len(es.oldest) - 1
			es.oldest[last] = max(es.oldest[last], en.age)
		}
		es.g.Offsets[u+1] = int32(len(es.g.Targets))
	}
}

// scatterDirectMax is the most entries (16 bytes each) the person graph scatters
// to their people in one pass: 16 MB, what a core's second-level TLB maps with pages
// of 4 KB. Past it each write to a random person lands on a page the TLB does not
// map, and the entries are scattered in two passes (scatterInTwo).
const scatterDirectMax = 1 << 20

// scatterInTwo writes the person graph's entries to their people (entries[start[u]:
// start[u+1]] for person u, in snapshot order) in two passes, and adds each group
// of people's edges to es once their entries are in place. The first pass writes
// each entry to the group of people its person is in (a few hundred groups, a few
// hundred places written in order, whose pages and cache lines stay at hand), with
// the low bits of its person beside it; the second, group by group, to their
// people, through a room the size of a group that stays in the cache. Each keeps
// the entries of a person in snapshot order, as one pass does. The low bits are
// kept in es.blockers, one an entry, each group's part written by addPeople only
// once the group's low bits are read: an array of their own was megabytes of new
// pages.
func (s *snapshot) scatterInTwo(entries []ageEntry, start []int32, es *edgeSet) {
	n := len(start) - 1
	shift := min(16, max(0, mathbits.Len(uint(n))-8)) // about 256 groups
	nb := (n + 1<<shift - 1) >> shift
	low := es.blockers // per entry: its person's low bits
	next := make([]int32, max(nb, 1<<shift))
	for b := range nb {
		next[b] = start[b<<shift]
	}
	mask := int32(1)<<shift - 1
	for i, u := range s.person {
		if v := s.target[i]; u >= 0 && v >= 0 {
			k := next[u>>shift]
			entries[k], low[k] = ageEntry{uint64(v)<<32 | uint64(i), s.age(i)}, u&mask
			next[u>>shift]++
		}
	}
	var room []ageEntry
	for b := range nb {
		lo, hi := b<<shift, min((b+1)<<shift, n)
		base := start[lo]
		group, lows := entries[base:start[hi]], low[base:start[hi]]
		room = slices.Grow(room[:0], len(group))[:len(group)]
		for u := lo; u < hi; u++ {
			next[u-lo] = start[u] - base
		}
		for k, en := range group {
			x := lows[k]
			room[next[x]] = en
			next[x]++
		}
		copy(group, room)
		es.addPeople(entries, start, lo, hi)
	}
}

// roleGraph groups the blockers by (role of the blocked person, role of the target),
// both known, with one counting sort over the pairs of roles. Pairs of a role with
// itself are kept: they are load, and the loop search never takes them because a
// loop visits a node once. The blockers of its edges are written in room when it
// has room enough (the person graph's, done with once its loops have their
// evidence), else in an array of their own: at millions of blockers an analysis's
// last allocations are new pages, a page fault each.
func (s *snapshot) roleGraph(room []int32) *edgeSet {
	n := len(s.roles)
	count := make([]int32, n*n+1)
	oldest := make([]time.Duration, n*n)
	for i, u := range s.from {
		if v := s.to[i]; u >= 0 && v >= 0 {
			k := int(u)*n + int(v)
			count[k+1]++
			oldest[k] = max(oldest[k], s.age(i))
		}
	}
	for k := 0; k < n*n; k++ {
		count[k+1] += count[k]
	}
	if cap(room) < int(count[n*n]) {
		room = make([]int32, count[n*n])
	}
	es := &edgeSet{names: s.roles, g: &Digraph{Offsets: make([]int32, n+1)}, blockers: room[:count[n*n]]}
	for k := 0; k < n*n; k++ {
		if count[k+1] > count[k] {
			es.g.Offsets[k/n+1]++
			es.g.Targets = append(es.g.Targets, int32(k%n))
			es.evidence = append(es.evidence, count[k])
			es.oldest = append(es.oldest, oldest[k])
		}
	}
	es.evidence = append(es.evidence, count[n*n])
	for v := 0; v < n; v++ {
		es.g.Offsets[v+1] += es.g.Offsets[v]
	}
	for i, u := range s.from {
		if v := s.to[i]; u >= 0 && v >= 0 {
			k := int(u)*n + int(v)
			es.blockers[count[k]] = int32(i)
			count[k]++
		}
	}
	return es
}
