// Package graph analyses a snapshot of open blockers: who waits on whom (the person
// graph) and which role waits on which (the role graph). It finds loops, the longest
// wait chains and the bottlenecks, and builds views for rendering. It does no I/O.
//
// Everything but the loop search is linear in blockers: nodes are interned once into
// flat int32 adjacency arrays (see Digraph), and strongly connected components come
// from an iterative Tarjan (see SCC). The loop search is bounded in length, count and
// work.
package graph

import (
	"time"

	unblock "github.com/unblock-dev/unblock"
)

// Defaults for zero Options fields.
const (
	DefaultMaxLoopLen     = 6  // members in a loop
	DefaultMaxLoops       = 20 // loops of each kind
	DefaultMaxChains      = 10 // chains
	DefaultMaxBottlenecks = 10 // bottlenecks
	DefaultMaxEvidence    = 50 // evidence blockers a loop keeps
)

// Options bounds what Analyze reports. A zero or negative field takes its default.
type Options struct {
	MaxLoopLen     int // most members in a loop (at least 2)
	MaxLoops       int // most role loops, and most person loops
	MaxChains      int // most chains
	MaxBottlenecks int // most bottlenecks
	// MaxEvidence is the most blockers a loop keeps as evidence, the first in the
	// order they are shown (see unblock.Loop); Loop.Blockers counts them all.
	MaxEvidence int
	// Roles is the role vocabulary (the built-in one extended by the config): every
	// role the analysis names is one of its roles, and raw words in old rows are
	// read through it (see Canonicalize). nil means the built-in vocabulary.
	Roles *unblock.Vocabulary
}

func (o Options) withDefaults() Options {
	if o.MaxLoopLen <= 0 {
		o.MaxLoopLen = DefaultMaxLoopLen
	}
	o.MaxLoopLen = max(o.MaxLoopLen, 2)
	if o.MaxLoops <= 0 {
		o.MaxLoops = DefaultMaxLoops
	}
	if o.MaxChains <= 0 {
		o.MaxChains = DefaultMaxChains
	}
	if o.MaxBottlenecks <= 0 {
		o.MaxBottlenecks = DefaultMaxBottlenecks
	}
	if o.MaxEvidence <= 0 {
		o.MaxEvidence = DefaultMaxEvidence
	}
	return o
}

// Analysis is what a snapshot of open blockers shows.
type Analysis struct {
	At time.Time
	// RoleLoops are cycles of roles waiting on each other, of two roles or more;
	// shortest first, then with more blockers, then by name. A role waiting on itself
	// (an engineer on another engineer) is work, not a loop.
	RoleLoops []unblock.Loop
	// PersonLoops are cycles of people (user IDs) waiting on each other, ordered
	// like RoleLoops.
	PersonLoops []unblock.Loop
	// Chains are the longest wait chains over person edges, longest first, then
	// by the age of their oldest link: user IDs, the last maybe a "KIND:NAME" node.
	// At least 3 nodes.
	Chains []unblock.Chain
	// Bottlenecks are the targets most waited on, directly then transitively.
	Bottlenecks []unblock.Bottleneck
	// Roles is the load of every known role the snapshot names, by role name.
	Roles []RoleLoad
	// RolePairs are all pairs of known roles with blockers between them, a role and
	// itself included, by From then To.
	RolePairs []RolePair
}

// Analyze analyses the open blockers as of at. The blockers are those of one
// snapshot (store's OpenBlockers): PersonID, PersonRole, To, ToRole, Target, Topic
// and OpenedAt are used, with nodes and roles made canonical (see Canonicalize;
// loop evidence carries the canonical values). Blockers without a person or
// target, and a person waiting on themself, make no edge; unknown roles make no
// role edge. A loop counts the blockers behind its edges and keeps the first
// opt.MaxEvidence of them as its evidence.
func Analyze(at time.Time, open []unblock.Blocker, opt Options) Analysis {
	opt = opt.withDefaults()
	return analyze(at, readSnapshot(at, open, opt.Roles), opt)
}

// renumberAbove is the most nodes a person graph has for chains and bottlenecks to
// walk it as read. Past it they walk it renumbered in component order: a pass over
// the edges that costs about what each of their passes in node order does once the
// per-node arrays they read (some 30 bytes a node) no longer fit a core's cache of
// half a megabyte to a megabyte, and saves it in each of their three passes.
const renumberAbove = 1 << 16

// analyze analyses a snapshot read by readSnapshot or readInts.
func analyze(at time.Time, snap *snapshot, opt Options) Analysis {
	a := Analysis{At: at}
	people := snap.personGraph()
	comp, ncomp := SCC(people.g)
	loops := findCycles(people.edgeSet, comp, opt.MaxLoopLen, opt.MaxLoops, maxLoopSteps)
	a.PersonLoops = people.loops(loops, snap, opt.MaxEvidence)
	byComp := componentOrder(comp, ncomp)
	walked := people // the graph chains and bottlenecks walk, in component order
	if people.g.Len() > renumberAbove {
		walked, comp = people.inComponentOrder(comp, byComp)
		byComp = make([]int32, len(byComp)) // byComp in the new numbers
		for i := range byComp {
			byComp[i] = int32(i)
		}
	}
	a.Chains = walked.chains(comp, byComp, opt.MaxChains)
	a.Bottlenecks = walked.bottlenecks(comp, byComp, opt.MaxBottlenecks)

	roles := snap.roleGraph(people.blockers) // the person loops' evidence is copied: room
	rcomp, _ := SCC(roles.g)
	loops = findCycles(roles, rcomp, opt.MaxLoopLen, opt.MaxLoops, maxLoopSteps)
	a.RoleLoops = roles.loops(loops, snap, opt.MaxEvidence)
	a.Roles = roleLoads(snap)
	a.RolePairs = rolePairs(roles, snap, people.spare)
	return a
}
