package graph

import (
	"slices"
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
	// Users is the number of user IDs People and Targets number (their User
	// fields), as a store numbers its people: the analysis then finds a person
	// waited on among the people waiting by number, without reading their IDs.
	// Zero when they number none: the analysis numbers them itself, by their IDs.
	Users int
	// Blocker returns blocker i in full, for the few the analysis shows (the
	// evidence of loops); nil when Person and Target say all there is.
	Blocker func(i int) unblock.Blocker
	// Canonical says People and Targets are canonical as CanonicalizeTable leaves
	// a table, with the vocabulary the analysis is given (Options.Roles): a caller
	// that canonicalized its blockers to show them (the digest) need not have the
	// analysis work every distinct target out again. A target whose To names a
	// node ("KIND:NAME") is then read as that node, a role node with ToRole as its
	// role; any other is worked out as without it. The results are the same.
	Canonical bool
}

// SnapshotPerson is a blocked person of a Snapshot.
type SnapshotPerson struct {
	ID   string
	Role unblock.Role
	// User numbers ID among the snapshot's user IDs (0 to Users-1, one number an
	// ID, here and in Targets): -1 when ID is empty or not a user ID (it has a colon).
	User int32
}

// SnapshotTarget is what blockers of a Snapshot wait on.
type SnapshotTarget struct {
	To     string
	Target unblock.Target
	ToRole unblock.Role
	// User numbers To as SnapshotPerson.User numbers an ID when To is a user ID
	// (a known person; see unblock.Blocker.ToPerson), else -1.
	User int32
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
// looks up the strings of each person and target once rather than once a blocker,
// and a user ID not at all: a person is found by the number the snapshot gives
// their ID (see Snapshot.Users).
func readInts(in *Snapshot, vocab *unblock.Vocabulary) *snapshot {
	if in.Users == 0 && (len(in.People) > 0 || len(in.Targets) > 0) {
		in = in.withUsers()
	}
	n := in.Len()
	s := &snapshot{
		full: in.Blocker, opened: in.Opened, at: in.At.UnixNano(),
		person: make([]int32, n), target: make([]int32, n),
		from: make([]int32, n), to: make([]int32, n),
	}
	if s.full == nil {
		s.full = func(i int) unblock.Blocker { return in.blocker(i) }
	}
	// Nodes are numbered as they first appear. A user ID is a node by its number
	// (userNode, -1 until it is one). Other strings are numbered by one map (keys):
	// the raw keys of targets with no user (To, or "KIND:NAME" without To) and the
	// names of the nodes they are read as, mostly the same strings since a store
	// writes To canonical. They are a few thousand at most, looked up once each, and
	// a map sized for them takes about half the memory of an interner's table of
	// inline slots (new pages at every analysis: a page fault each, half of what a
	// small analysis costs over a large one's rate). byKey holds, per string, the
	// node it names and the reading of a target of that raw key.
	const unread, noRoleNode = -3, -2
	type target struct{ node, roleNode, role int32 }
	type keyed struct {
		node int32  // the node this string names, -1 until it is one
		read target // the reading of a target of this raw key; node unread until read
	}
	others := 0
	for i := range in.Targets {
		if in.Targets[i].User < 0 {
			others++
		}
	}
	keys := make(map[string]int32, others)
	byKey := make([]keyed, 0, others)
	key := func(name string) int32 {
		k, ok := keys[name]
		if !ok {
			k = int32(len(byKey))
			keys[name] = k
			byKey = append(byKey, keyed{node: -1, read: target{node: unread}})
		}
		return k
	}
	s.nodes = make([]string, 0, in.Users+others)
	s.kinds = make([]unblock.TargetKind, 0, in.Users+others)
	newNode := func(name string, kind unblock.TargetKind) int32 {
		s.nodes, s.kinds = append(s.nodes, name), append(s.kinds, kind)
		return int32(len(s.nodes) - 1)
	}
	userNode := make([]int32, in.Users)
	for i := range userNode {
		userNode[i] = -1
	}
	userNodeOf := func(u int32, id string) int32 {
		if userNode[u] < 0 {
			userNode[u] = newNode(id, unblock.TargetPerson)
		}
		return userNode[u]
	}
	var users map[string]int32 // by ID, made when first needed (see node)
	// node returns the node named key. A user ID the snapshot does not number as
	// such (a person a target mentions but does not name in To) is one by name.
	keyNode := func(k int32, name string) int32 { // the node of keys' string k, name
		if byKey[k].node < 0 {
			byKey[k].node = newNode(name, keyKind(name))
		}
		return byKey[k].node
	}
	node := func(name string) int32 {
		if !isUserID(name) {
			return keyNode(key(name), name)
		}
		if users == nil {
			users = in.usersByID()
		}
		u, ok := users[name]
		if !ok {
			u = int32(len(userNode))
			users[name] = u
			userNode = append(userNode, -1)
		}
		return userNodeOf(u, name)
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
	type person struct{ node, role int32 }
	people := make([]person, len(in.People))
	for i := range people {
		people[i].node = unread
	}
	targets := make([]target, len(in.Targets))
	for i := range targets {
		targets[i] = target{node: unread, role: unread}
	}
	readTarget := func(t *SnapshotTarget, withPerson bool) target {
		out := target{node: -1, roleNode: noRoleNode, role: unread}
		if withPerson && t.User >= 0 {
			out.node = userNodeOf(t.User, t.To)
			return out
		}
		b := unblock.Blocker{To: t.To, Target: t.Target, ToRole: t.ToRole}
		if !withPerson && b.To == "" {
			return out // readSnapshot reads no target of a blocker with neither
		}
		raw := b.To
		if raw == "" {
			raw = string(b.Target.Kind) + ":" + b.Target.Name
		}
		k := key(raw)
		if read := byKey[k].read; read.node != unread {
			out.node, out.roleNode = read.node, read.roleNode
			return out
		}
		var ct canonTarget
		switch {
		case in.Canonical && isNodeKey(b.To):
			ct = canonTarget{node: b.To, role: b.ToRole} // the caller's canonical reading
		case withPerson && b.To != "":
			ct = c.resolve(&b) // not a person: it would have a user number
		default:
			ct = c.targetOnce(&b)
		}
		switch {
		case ct.node == "":
		case t.User >= 0 && ct.node == t.To:
			out.node = userNodeOf(t.User, t.To)
		default:
			if ct.node == raw && !isUserID(raw) {
				out.node = keyNode(k, raw) // the raw key names the node, as a store writes it
			} else {
				out.node = node(ct.node)
			}
			if s.kinds[out.node] == unblock.TargetRole {
				out.roleNode = rawRole(ct.role)
			}
		}
		byKey[k].read = out
		return out
	}
	for i := range n {
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
				if p := &in.People[in.Person[i]]; p.User >= 0 {
					pr.node = userNodeOf(p.User, p.ID)
				} else {
					pr.node = node(p.ID)
				}
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
	s.sortRoles()
	return s
}

// usersByID returns the user number of every user ID s numbers.
func (s *Snapshot) usersByID() map[string]int32 {
	out := make(map[string]int32)
	for _, p := range s.People {
		if p.User >= 0 {
			out[p.ID] = p.User
		}
	}
	for _, t := range s.Targets {
		if t.User >= 0 {
			out[t.To] = t.User
		}
	}
	return out
}

// withUsers returns s with its user IDs numbered (see Snapshot.Users), for a
// snapshot that gives no numbers: People and Targets copied, the rest shared.
func (s *Snapshot) withUsers() *Snapshot {
	out := *s
	out.People, out.Targets = slices.Clone(s.People), slices.Clone(s.Targets)
	ids := newInterner(len(s.People) + len(s.Targets))
	user := func(id string) int32 {
		if id == "" || !isUserID(id) {
			return -1
		}
		return ids.id(id)
	}
	for i := range out.People {
		out.People[i].User = user(out.People[i].ID)
	}
	for i := range out.Targets {
		out.Targets[i].User = user(out.Targets[i].To)
	}
	out.Users = len(ids.names)
	return &out
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

// SnapshotOf returns the open blockers as a Snapshot at `at`, numbering people,
// targets and user IDs in order of first appearance (unblock.TableOf): for
// callers that hold the blockers in full and a test that both analyses agree.
func SnapshotOf(at time.Time, open []unblock.Blocker) *Snapshot {
	t := unblock.TableOf(open)
	s := SnapshotOfTable(&t, at)
	s.Blocker = func(i int) unblock.Blocker { return open[i] } // with the report IDs a table leaves out
	return s
}

// SnapshotOfTable returns the rows of t, all open at `at`, as the analysis
// reads them: their people and targets by index, the strings of each given once.
func SnapshotOfTable(t *unblock.BlockerTable, at time.Time) *Snapshot {
	n := len(t.Rows)
	s := &Snapshot{At: at, Person: make([]int32, n), Target: make([]int32, n), Opened: make([]int64, n),
		People: make([]SnapshotPerson, len(t.People)), Targets: make([]SnapshotTarget, len(t.Targets)),
		Users: t.Users, Blocker: t.Blocker}
	for i := range t.Rows {
		r := &t.Rows[i]
		s.Person[i], s.Target[i], s.Opened[i] = r.Person, r.Target, r.OpenedAt
	}
	for i, p := range t.People {
		s.People[i] = SnapshotPerson{ID: p.ID, Role: p.Role, User: p.User}
	}
	for i, g := range t.Targets {
		s.Targets[i] = SnapshotTarget{To: g.To, Target: g.Target, ToRole: g.ToRole, User: g.User}
	}
	return s
}

// SnapshotNumbered returns the open blockers as a Snapshot at `at`, as SnapshotOf
// does, but with the user numbers the caller has (a store's; see
// unblock.UserNumbers), so that no user ID is hashed: a person is one entry of
// People per number and role, a person waited on one entry of Targets per number
// and way of naming them. nums gives a number per blocker of open; an ID it does not
// number (a mention read as To after it numbered them) is numbered here, after
// nums.Users. nums must number one ID one way, as UserNumbers says. Only targets
// that are no user ID are looked up by their To.
func SnapshotNumbered(at time.Time, open []unblock.Blocker, nums unblock.UserNumbers) *Snapshot {
	s := &Snapshot{At: at, Person: make([]int32, len(open)), Target: make([]int32, len(open)), Opened: make([]int64, len(open)),
		Blocker: func(i int) unblock.Blocker { return open[i] },
		// Mostly an entry a person, and a target a person or a few thousand others.
		People: make([]SnapshotPerson, 0, min(nums.Users, len(open))), Targets: make([]SnapshotTarget, 0, min(nums.Users, len(open))+64)}
	users := nums.Users
	var extra map[string]int32 // numbers by ID, made when an ID without one is met
	user := func(id string, u int32) int32 {
		if u >= 0 {
			return u // a user ID's number (nums numbers no other): the ID is not read
		}
		if id == "" || !isUserID(id) {
			return -1
		}
		if extra == nil {
			// Rare (a mention read as To): the numbers nums gives, by ID, so
			// that an ID keeps one number.
			extra = map[string]int32{}
			for j := range open {
				if u := nums.Person[j]; u >= 0 {
					extra[open[j].PersonID] = u
				}
				if u := nums.To[j]; u >= 0 {
					extra[open[j].To] = u
				}
			}
		}
		v, ok := extra[id]
		if !ok {
			v = int32(users)
			users++
			extra[id] = v
		}
		return v
	}
	// The entry last made for each number, in People and in Targets, and for each
	// To that is no user ID: a blocker of the same person (or on the same target)
	// with the same fields shares it. An entry found by a number has that number's
	// ID (one number an ID, in nums and here), so its ID is not compared: in blockers
	// read from a store each ID is a string of its own, and reading the entry's
	// copy of it, at a random place in memory, was much of the comparison's cost.
	person := make([]int32, nums.Users)
	target := make([]int32, nums.Users)
	for i := range person {
		person[i], target[i] = -1, -1
	}
	entry := func(slots *[]int32, u int32) *int32 {
		for int(u) >= len(*slots) {
			*slots = append(*slots, -1)
		}
		return &(*slots)[u]
	}
	others := map[string]int32{}
	for i := range open {
		b := &open[i]
		s.Opened[i] = b.OpenedAt.UnixNano()
		p := SnapshotPerson{ID: b.PersonID, Role: b.PersonRole, User: user(b.PersonID, nums.Person[i])}
		if p.User < 0 {
			s.Person[i] = int32(len(s.People))
			s.People = append(s.People, p)
		} else {
			e := entry(&person, p.User)
			if *e < 0 || s.People[*e].Role != p.Role {
				*e = int32(len(s.People))
				s.People = append(s.People, p)
			}
			s.Person[i] = *e
		}
		t := SnapshotTarget{To: b.To, Target: b.Target, ToRole: b.ToRole, User: user(b.To, nums.To[i])}
		switch {
		case t.User >= 0:
			e := entry(&target, t.User)
			if *e < 0 || s.Targets[*e].Target != t.Target || s.Targets[*e].ToRole != t.ToRole {
				*e = int32(len(s.Targets))
				s.Targets = append(s.Targets, t)
			}
			s.Target[i] = *e
		case t.To != "":
			e, ok := others[t.To]
			if !ok || s.Targets[e] != t {
				e = int32(len(s.Targets))
				others[t.To] = e
				s.Targets = append(s.Targets, t)
			}
			s.Target[i] = e
		default:
			s.Target[i] = int32(len(s.Targets))
			s.Targets = append(s.Targets, t)
		}
	}
	s.Users = users
	return s
}
