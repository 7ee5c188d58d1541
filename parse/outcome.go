package parse

// The outcome of a thing named before the wait: "Started the pen test on
// Monday. Waiting on results." awaits the results of the pen test, whose owner
// (security) gives them.

import (
	"github.com/unblock-dev/unblock"
)

// outcomeOf gives the wait in toks[from:b] the owner of the thing named before
// it when it awaits only an outcome (lexicon class outcome-noun: "results",
// "the report", "the outcome") that names no party and no owner: the most
// telling thing with an owner in the words before the cue's clause, in its
// sentence or the one before. An outcome target read already takes the
// owner; else one is added. It reports whether it gave one.
func (p *parser) outcomeOf(a, b, from, n0 int) bool {
	k := max(from, a)
	for k < b && !(p.toks[k].kind == tWord && p.toks[k].cls.has(cOutcomeNoun)) {
		k++
	}
	if next := p.word(k+1, k, b); k >= b || next == "from" || next == "by" {
		return false // "a memory report from codeaurora": the wait says whose
	}
	lo := max(p.lastA, a-maxAntecedent, 0)
	p.visit(a - lo)
	role, _, strength := p.ownedIn(lo, a)
	if role == unblock.RoleUnknown || role == unblock.RoleEngineering || strength < ownerWeak {
		// The outcome of code, a bug or a build is no engineer's to give.
		return false
	}
	p.note("target:outcome-of", k, k+1)
	name := p.span(k, k+1)
	for i := n0; i < len(p.targets); i++ {
		if t := &p.targets[i]; t.Kind == unblock.TargetArtifact && t.Role == "" && t.Name == name {
			t.Role = role
			return true
		}
	}
	return p.addTarget(unblock.Target{Kind: unblock.TargetArtifact, Name: name, Role: role})
}
