package graph

import (
	"strings"
	"sync"
	"unicode/utf8"

	unblock "github.com/unblock-dev/unblock"
)

// canon makes the roles and nodes of blockers canonical, whatever their rows say:
// every role is one of the vocabulary's (the built-in roles and those the config
// adds) or unknown, and every target is the node unblock.Canonical names. The store
// writes canonical nodes, but rows written before it did hold raw words ("role:eng",
// "team:data-team", a target role "designers", an artifact named "none"), and a
// graph built on them shows one thing as two nodes, or a word as a role.
//
// Canonical forms are memoised: a snapshot has a million blockers and a few thousand
// distinct targets.
type canon struct {
	vocab *unblock.Vocabulary
	roles map[unblock.Role]unblock.Role
	nodes map[nodeMemo]canonTarget
	// The last role read and its canonical form: a target's role and its ToRole
	// are mostly one role, read one after the other.
	lastRole, lastOut unblock.Role
}

type nodeMemo struct {
	to   string
	kind unblock.TargetKind
	role unblock.Role
}

// canonTarget is a target's canonical node and its role; node "" makes no edge. The
// role of a person target is as the blocker gives it (pass it through canon.role);
// any other is canonical. none is set for an artifact named like an explicit none:
// no target at all.
type canonTarget struct {
	node string
	role unblock.Role
	none bool
}

// builtinVocabulary is the built-in vocabulary, copied once: canon only reads it, and
// a copy per analysis costs as much as reading a few thousand blockers.
var builtinVocabulary = sync.OnceValue(unblock.DefaultVocabulary)

func newCanon(vocab *unblock.Vocabulary) *canon {
	if vocab == nil {
		vocab = builtinVocabulary()
	}
	return &canon{vocab: vocab, roles: map[unblock.Role]unblock.Role{}, nodes: map[nodeMemo]canonTarget{}}
}

// role returns r if the vocabulary has it, else the role the word names ("eng",
// "the data team"), else unknown: a raw word never becomes a role.
func (c *canon) role(r unblock.Role) unblock.Role {
	if r == unblock.RoleUnknown {
		return r
	}
	if r == c.lastRole {
		return c.lastOut
	}
	out, ok := c.roles[r]
	if !ok {
		out = r
		if !c.vocab.Has(r) {
			out = c.vocab.Role(string(r))
		}
		c.roles[r] = out
	}
	c.lastRole, c.lastOut = r, out
	return out
}

// target returns the canonical node b waits on and that node's role. A known
// person stays their user ID with the role the snapshot gives them. Any other
// target is read from b.Target (or, when the snapshot left it empty, from b.To's
// "KIND:NAME"): a role or team that names a role of the vocabulary is that role's
// node; the rest are as unblock.Canonical names them. An artifact named like an
// explicit none ("none", "n/a") is no target at all: node "".
func (c *canon) target(b *unblock.Blocker) canonTarget {
	if t, ok := c.personTarget(b); ok {
		return t
	}
	key := nodeMemo{to: b.To, kind: b.Target.Kind, role: b.ToRole}
	if b.To == "" {
		key.to = string(b.Target.Kind) + ":" + unblock.Slug(b.Target.Name)
	}
	if out, ok := c.nodes[key]; ok {
		return out
	}
	out := c.resolve(b)
	c.nodes[key] = out
	return out
}

// targetOnce is target for a reader that reads each distinct To once already
// (readSnapshot's rawTargets, readInts' byKey): it skips the memo, which such a
// reader would only fill, but for a target without To, which the memo keys by its
// slug.
func (c *canon) targetOnce(b *unblock.Blocker) canonTarget {
	if b.To == "" {
		return c.target(b)
	}
	if t, ok := c.personTarget(b); ok {
		return t
	}
	return c.resolve(b)
}

// personTarget returns the node of a known person b waits on: their user ID, with
// the role b gives them.
func (c *canon) personTarget(b *unblock.Blocker) (canonTarget, bool) {
	if b.ToPerson() {
		return canonTarget{node: b.To, role: c.personRole(b)}, true
	}
	if b.To == "" {
		if id := b.Target.MentionID(); id != "" {
			return canonTarget{node: id, role: c.personRole(b)}, true
		}
	}
	return canonTarget{}, false
}

// personRole returns the role of the person b waits on, not yet canonical: theirs
// (ToRole), else the role of what they are asked for (Target.Role).
func (c *canon) personRole(b *unblock.Blocker) unblock.Role {
	if b.ToRole != unblock.RoleUnknown {
		return b.ToRole
	}
	return b.Target.Role
}

func (c *canon) resolve(b *unblock.Blocker) canonTarget {
	t := b.Target
	if !t.Kind.Valid() || strings.TrimSpace(t.Name) == "" {
		kind, name, ok := strings.Cut(b.To, ":")
		if !ok || !unblock.TargetKind(kind).Valid() || name == "" {
			return canonTarget{}
		}
		t = unblock.Target{Kind: unblock.TargetKind(kind), Name: strings.ReplaceAll(name, "-", " "), Role: t.Role}
	}
	if t.Kind == unblock.TargetPerson { // a name the directory does not know
		return canonTarget{node: unblock.Target{Kind: t.Kind, Name: t.Name}.Node(), role: c.personRole(b)}
	}
	// Past a person, every reading of the name ignores ASCII case: lower it once
	// rather than once in each.
	t.Name = lowerASCII(t.Name)
	if t.Kind == unblock.TargetArtifact && unblock.IsNoneName(t.Name) {
		return canonTarget{none: true}
	}
	t.Role = c.role(t.Role)
	if t.Kind == unblock.TargetRole || t.Kind == unblock.TargetTeam {
		if r := c.vocab.Role(t.Name); r != unblock.RoleUnknown {
			t = unblock.Target{Kind: unblock.TargetRole, Name: string(r), Role: r}
		}
	}
	kind, role, node := unblock.CanonicalNode(t, b.To)
	if kind == unblock.TargetRole && !c.vocab.Has(role) {
		// Never a role made of a raw word: a team of that name.
		kind, node = unblock.TargetTeam, string(unblock.TargetTeam)+node[len(unblock.TargetRole):]
	}
	if kind != unblock.TargetRole {
		if role = c.role(b.ToRole); role == unblock.RoleUnknown {
			role = t.Role
		}
	}
	return canonTarget{node: node, role: role}
}

// lowerASCII returns s lower-cased when it is ASCII, else s as it is.
func lowerASCII(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			return s
		} else if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return s
	}
	return strings.ToLower(s)
}

// Canonicalize makes the blockers' nodes and roles canonical in place (To, ToRole
// and PersonRole; see canon) with the role vocabulary vocab (nil: the built-in one),
// and returns them without the ones that wait on nothing: an artifact named like an
// explicit none, which old rows hold. Analyze and the views do the same on their
// own; a caller that also shows the blockers (the digest) canonicalizes first, so
// everything it renders names the same nodes.
func Canonicalize(bs []unblock.Blocker, vocab *unblock.Vocabulary) []unblock.Blocker {
	c := newCanon(vocab)
	out := bs[:0]
	for _, b := range bs {
		t := c.target(&b)
		if t.none {
			continue
		}
		if t.node != "" {
			b.To = t.node
		}
		b.ToRole, b.PersonRole = c.role(t.role), c.role(b.PersonRole)
		out = append(out, b)
	}
	return out
}

// CanonicalizeNumbered is Canonicalize for blockers whose targets a store numbers:
// target[i] is blocker i's number, one number a target as stored (its Target, To and
// ToRole alike in every blocker of that number; -1 for none). Each number's target is
// worked out once, from its first blocker, rather than once a blocker: a digest's
// hundred thousand blockers wait on a few thousand targets. The result is
// Canonicalize's: the memo Canonicalize keeps by node is filled by the same first
// blockers. Without a number a blocker (len(target) != len(bs)) it is Canonicalize.
func CanonicalizeNumbered(bs []unblock.Blocker, target []int32, vocab *unblock.Vocabulary) []unblock.Blocker {
	if len(target) != len(bs) {
		return Canonicalize(bs, vocab)
	}
	c := newCanon(vocab)
	type read struct {
		node  string
		role  unblock.Role // canonical
		state uint8        // unread, read or none (waits on nothing)
	}
	const unread, isRead, none = 0, 1, 2
	top := int32(-1)
	for _, k := range target {
		top = max(top, k)
	}
	byNum := make([]read, top+1)
	n := 0
	for i := range bs {
		b := &bs[i]
		var r read
		if k := target[i]; k >= 0 && byNum[k].state != unread {
			r = byNum[k]
		} else {
			t := c.target(b)
			r = read{node: t.node, state: none}
			if !t.none {
				r.role, r.state = c.role(t.role), isRead
			}
			if k >= 0 {
				byNum[k] = r
			}
		}
		if r.state == none {
			continue
		}
		if r.node != "" {
			b.To = r.node
		}
		b.ToRole, b.PersonRole = r.role, c.role(b.PersonRole)
		if n != i {
			bs[n] = *b
		}
		n++
	}
	return bs[:n]
}

// CanonicalizeTable is Canonicalize for a table of blockers (see
// unblock.BlockerTable), in place: each person's role and each target are made
// canonical once, not once a row, and the rows that wait on nothing are dropped.
// Targets are read in the order of the first row that names each, as
// CanonicalizeNumbered reads them, so every row in full is what Canonicalize gives
// for it. A target whose node becomes a user ID ("<@U1>" with no To) is given that
// ID's number, numbering it after t.Users when the table gives it none.
func CanonicalizeTable(t *unblock.BlockerTable, vocab *unblock.Vocabulary) {
	c := newCanon(vocab)
	for i := range t.People {
		t.People[i].Role = c.role(t.People[i].Role)
	}
	const unread, isRead, none = 0, 1, 2
	state := make([]uint8, len(t.Targets))
	var users map[string]int32 // by ID, made when a target's node becomes one
	userOf := func(id string) int32 {
		if users == nil {
			users = map[string]int32{}
			for _, p := range t.People {
				if p.User >= 0 {
					users[p.ID] = p.User
				}
			}
			for _, g := range t.Targets {
				if g.User >= 0 {
					users[g.To] = g.User
				}
			}
		}
		u, ok := users[id]
		if !ok {
			u = int32(t.Users)
			t.Users++
			users[id] = u
		}
		return u
	}
	n := 0
	for i := range t.Rows {
		k := t.Rows[i].Target
		if state[k] == unread {
			g := &t.Targets[k]
			b := unblock.Blocker{To: g.To, Target: g.Target, ToRole: g.ToRole}
			ct := c.target(&b)
			state[k] = none
			if !ct.none {
				state[k] = isRead
				if ct.node != "" && ct.node != g.To {
					g.To, g.User = ct.node, -1
					if isUserID(ct.node) {
						g.User = userOf(ct.node)
					}
				}
				g.ToRole = c.role(ct.role)
			}
		}
		if state[k] == none {
			continue
		}
		if n != i {
			t.Rows[n] = t.Rows[i]
		}
		n++
	}
	t.Rows = t.Rows[:n]
}
