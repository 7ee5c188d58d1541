package graph

import (
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// Snapshot is a snapshot of open blockers as integers, the way a store reads it:
// each blocker names its person and its target by number, and the strings of a
// person or a target are given once, however many blockers name them. Analysing it
// hashes no string per blocker, so its cost per blocker stays flat as the snapshot
// grows (issue 16); Analyze hashes every blocker's strings.
//
// Every blocker is open at At. Person, Target and Opened have one entry a blocker,
// in the order Analyze would be given the blockers (by ID).
type Snapshot struct {
	At     time.Time
	Person []int32 // per blocker: its person, an index in People; -1 for none
	Target []int32 // per blocker: what it waits on, an index in Targets; -1 for nothing
	Opened []int64 // per blocker: when it opened, Unix nanoseconds
	// People are the blocked people: PersonID and PersonRole as a blocker of theirs
	// gives them. Targets are what they wait on: To, Target and ToRole as a blocker
	// on it gives them. Raw words in old rows are read as Analyze reads them (see
	// Canonicalize).
	People  []SnapshotPerson
	Targets []SnapshotTarget
	// Blocker returns blocker i in full, for the few the analysis shows (the
	// evidence of loops); nil when Person and Target say all there is.
	Blocker func(i int) unblock.Blocker
}

// SnapshotPerson is a blocked person of a Snapshot.
type SnapshotPerson struct {
	ID   string
	Role unblock.Role
}

// SnapshotTarget is what blockers of a Snapshot wait on.
type SnapshotTarget struct {
	To     string
	Target unblock.Target
	ToRole unblock.Role
}

// Len returns the number of blockers.
func (s *Snapshot) Len() int { return len(s.Person) }

// AnalyzeSnapshot analyses the open blockers of s as Analyze analyses the same
// blockers given in full: the results are the same.
func AnalyzeSnapshot(s *Snapshot, opt Options) Analysis {
	opt = opt.withDefaults()
	return analyze(s.At, readInts(s, opt.Roles), opt)
}

// readInts reads s as readSnapshot reads the same blockers in full, with the same
// node numbers (by first appearance, a target before its blocker's person), but
// looks up the strings of each person and target once rather than once a blocker.
func readInts(in *Snapshot, vocab *unblock.Vocabulary) *snapshot {
	n := in.Len()
	s := &snapshot{
		full: in.Blocker, opened: in.Opened, ages: make([]time.Duration, n),
		person: make([]int32, n), target: make([]int32, n),
		from: make([]int32, n), to: make([]int32, n),
	}
	if s.full == nil {
		s.full = func(i int) unblock.Blocker { return in.blocker(i) }
	}
	nodes := newInterner(len(in.People) + len(in.Targets)) // at most a node each
	node := func(key string) int32 {
		v := nodes.id(key)
		if int(v) == len(s.kinds) {
			s.kinds = append(s.kinds, keyKind(key))
		}
		return v
	}
	roles := make(map[unblock.Role]int32)
	c := newCanon(vocab)
	rawRoles := make(map[unblock.Role]int32)
	rawRole := func(r unblock.Role) int32 {
		v, ok := rawRoles[r]
		if !ok {
			v = -1
			if cr := c.role(r); cr != unblock.RoleUnknown {
				if v, ok = roles[cr]; !ok {
					v = int32(len(s.roles))
					roles[cr] = v
					s.roles = append(s.roles, string(cr))
				}
			}
			rawRoles[r] = v
		}
		return v
	}
	// Each person and target is read when a blocker first names it: a person's node
	// (-1 for none) and role; a target's node (-1 for none), its role when it is a
	// role node (else noRoleNode), and the role it has otherwise, read when first
	// needed. Targets of the same raw key share the reading of the first, as
	// readSnapshot's rawTargets do.
	const unread, noRoleNode = -3, -2
	type person struct{ node, role int32 }
	type target struct{ node, roleNode, role int32 }
	people := make([]person, len(in.People))
	for i := range people {
		people[i].node = unread
	}
	targets := make([]target, len(in.Targets))
	for i := range targets {
		targets[i] = target{node: unread, role: unread}
	}
	// Raw keys read so far, numbered as read, and their readings: an interner rather
	// than a map, as readSnapshot's rawTargets, since it grows from small at less cost.
	rawKeys := newInterner(0)
	var byKey []target
	readTarget := func(t *SnapshotTarget, withPerson bool) target {
		out := target{node: -1, roleNode: noRoleNode, role: unread}
		b := unblock.Blocker{To: t.To, Target: t.Target, ToRole: t.ToRole}
		if withPerson && b.ToPerson() {
			out.node = node(b.To)
			return out
		}
		if !withPerson && b.To == "" {
			return out // readSnapshot reads no target of a blocker with neither
		}
		key := b.To
		if key == "" {
			key = string(b.Target.Kind) + ":" + b.Target.Name
		}
		if k := rawKeys.id(key); int(k) < len(byKey) {
			out.node, out.roleNode = byKey[k].node, byKey[k].roleNode
			return out
		}
		var ct canonTarget
		if withPerson && b.To != "" {
			ct = c.resolve(&b) // not a person: ToPerson said so above
		} else {
			ct = c.targetOnce(&b)
		}
		if ct.node != "" {
			out.node = node(ct.node)
			if s.kinds[out.node] == unblock.TargetRole {
				out.roleNode = rawRole(ct.role)
			}
		}
		byKey = append(byKey, out)
		return out
	}
	at := in.At.UnixNano()
	for i := range n {
		s.ages[i] = time.Duration(max(at-in.Opened[i], 0))
		s.person[i], s.target[i], s.from[i], s.to[i] = -1, -1, -1, -1
		var pr *person
		if p := in.Person[i]; p >= 0 {
			if pr = &people[p]; pr.node == unread {
				pr.node, pr.role = -1, rawRole(in.People[p].Role)
				if id := in.People[p].ID; id != "" {
					pr.node = -2 // named: numbered after the target, as readSnapshot does
				}
			}
		}
		withPerson := pr != nil && pr.node != -1
		read := target{node: -1, roleNode: noRoleNode, role: -1}
		var tr *target
		if t := in.Target[i]; t >= 0 {
			tr = &targets[t]
			if !withPerson {
				read = readTarget(&in.Targets[t], false) // rare: a blocker of nobody
			} else {
				if tr.node == unread {
					role := tr.role
					*tr = readTarget(&in.Targets[t], true)
					tr.role = role
				}
				read = *tr
			}
			if read.roleNode == noRoleNode && tr.role == unread {
				to := in.Targets[t].ToRole // a person's own role, else the role of what is asked for
				if to == unblock.RoleUnknown {
					to = in.Targets[t].Target.Role
				}
				tr.role = rawRole(to)
			}
			read.role = tr.role
		}
		if withPerson {
			if pr.node == -2 {
				pr.node = node(in.People[in.Person[i]].ID)
			}
			s.person[i] = pr.node
			if read.node >= 0 && read.node != pr.node {
				s.target[i] = read.node
			}
		}
		if pr != nil {
			s.from[i] = pr.role
		}
		if read.roleNode != noRoleNode {
			s.to[i] = read.roleNode
		} else {
			s.to[i] = read.role
		}
	}
	s.nodes = nodes.names
	s.sortRoles()
	return s
}

// blocker returns blocker i of s as far as s tells it: person, target and opening.
func (s *Snapshot) blocker(i int) unblock.Blocker {
	b := unblock.Blocker{OpenedAt: time.Unix(0, s.Opened[i]).UTC()}
	if p := s.Person[i]; p >= 0 {
		b.PersonID, b.PersonRole = s.People[p].ID, s.People[p].Role
	}
	if t := s.Target[i]; t >= 0 {
		b.To, b.Target, b.ToRole = s.Targets[t].To, s.Targets[t].Target, s.Targets[t].ToRole
	}
	return b
}

// SnapshotOf returns the open blockers as a Snapshot at `at`, numbering people
// and targets in order of first appearance: for callers that hold the blockers in
// full and a test that both analyses agree.
func SnapshotOf(at time.Time, open []unblock.Blocker) *Snapshot {
	s := &Snapshot{At: at, Person: make([]int32, len(open)), Target: make([]int32, len(open)), Opened: make([]int64, len(open)),
		Blocker: func(i int) unblock.Blocker { return open[i] }}
	people := map[SnapshotPerson]int32{}
	targets := map[SnapshotTarget]int32{}
	for i, b := range open {
		s.Opened[i] = b.OpenedAt.UnixNano()
		p := SnapshotPerson{b.PersonID, b.PersonRole}
		v, ok := people[p]
		if !ok {
			v = int32(len(s.People))
			people[p] = v
			s.People = append(s.People, p)
		}
		s.Person[i] = v
		t := SnapshotTarget{b.To, b.Target, b.ToRole}
		if v, ok = targets[t]; !ok {
			v = int32(len(s.Targets))
			targets[t] = v
			s.Targets = append(s.Targets, t)
		}
		s.Target[i] = v
	}
	return s
}
