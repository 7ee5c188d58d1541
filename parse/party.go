package parse

// The party of a wait its own clause does not name: a pronoun's, whom the
// author asked, the next step's.

import (
	"github.com/unblock-dev/unblock"
)

// partyIn reports whether the targets from n0 on name a party: a person, role,
// team or outsider, not only awaited things.
func (p *parser) partyIn(n0 int) bool {
	for _, t := range p.targets[n0:] {
		if t.Kind != unblock.TargetArtifact {
			return true
		}
	}
	return false
}

// partyPronoun reports whether toks[a:b] refer to a party by a pronoun
// (lexicon class party-pronoun: "their review", "no reply from them").
func (p *parser) partyPronoun(a, b int) bool {
	for k := a; k < b; k++ {
		if p.toks[k].kind == tWord && inClass(p.toks[k].low, cPartyPronoun) {
			return true
		}
	}
	return false
}

// maxAntecedent is how many tokens before a cue's clause a pronoun's party is
// looked for: the clauses before it in its sentence and the sentence before.
const maxAntecedent = 40

// antecedent finds the party a pronoun in the clause starting at a refers
// to: the nearest role, team, outsider or person named before it in the
// sentence or the one before ("Sent the DPA to legal. Waiting on their
// review."). It replaces the clause's awaited things from n0 on by that
// party, as a party named in the clause would, and reports whether it found one.
func (p *parser) antecedent(a, n0 int) bool {
	lo := max(p.lastA, a-maxAntecedent, 0)
	for k := a - 1; k >= lo; k-- {
		t := p.toks[k]
		var party unblock.Target
		switch {
		case t.kind == tMention:
			party = unblock.Target{Kind: unblock.TargetPerson, Name: p.span(k, k+1)}
		case t.kind != tWord:
			continue
		case p.isPerson(k) || p.personEnd(k, a) > k && k > lo && (nameIntro(p.toks[k-1].low) || inClass(p.toks[k-1].low, cRequestAct)):
			party = unblock.Target{Kind: unblock.TargetPerson, Name: p.personName(k, p.personEnd(k, a))}
		default:
			// A role, team or outsider the lexicon knows, as addParties reads
			// them; read backwards, its phrase may start before k ("IT helpdesk").
			for j := k - 1; j >= lo && j >= k-2; j-- {
				if _, n := p.match(j); j+n > k {
					k = j
				}
			}
			e, n := p.match(k)
			if n == 0 || e.role == "" || e.role == unblock.RoleEngineering || p.artifactAt(k+n) || p.ofObject(k, lo) ||
				p.onIdiom(k) {
				continue
			}
			switch e.class {
			case classRole:
				party = unblock.Target{Kind: unblock.TargetRole, Name: p.span(k, min(k+n, a)), Role: e.role}
			case classTeam:
				party = unblock.Target{Kind: unblock.TargetTeam, Name: p.span(k, min(k+n, a)), Role: e.role}
			case classExternal:
				party = unblock.Target{Kind: unblock.TargetExternal, Name: p.span(k, min(k+n, a)), Role: e.role}
			default:
				continue
			}
		}
		p.visit(a - k)
		p.targets = p.targets[:n0]
		p.named = p.named[:0]
		p.note("target:antecedent", k, k+1)
		return p.addTarget(party) || len(p.named) > 0
	}
	p.visit(a - lo)
	return false
}

// ofObject reports whether the word at k is the object of "of", after its
// determiners: "an audit of our infrastructure" names a thing, not a party.
func (p *parser) ofObject(k, lo int) bool {
	j := k - 1
	for j >= lo && isPureDet(p.word(j, lo, k)) {
		j--
	}
	return p.word(j, lo, k) == "of"
}

// thenParty adds the party of a next step told right after the clause
// ending at b: "waiting for review from Rafe, then releng to land", "legal
// for the DPA, then finance to approve". The wait goes on through them.
func (p *parser) thenParty(b int) {
	j := b
	for j < p.sentB && p.toks[j].kind == tPunct && j-b < 2 {
		j++
	}
	if p.word(j, j, p.sentB) == "and" {
		j++
	}
	if p.word(j, j, p.sentB) != "then" {
		return
	}
	k := j + 1
	for k < p.sentB && isPureDet(p.word(k, k, p.sentB)) {
		k++
	}
	if k >= p.sentB {
		return
	}
	n := p.targetAt(k, p.sentB)
	if n == 0 || p.word(k+n, k, p.sentB) != "to" {
		return
	}
	// The party with its own role only: what the first party is asked for
	// is not what the next one does.
	p.note("target:then-party", j, k+n)
	if end := p.personEnd(k, k+n); end > k {
		p.addPerson(p.personName(k, end), k, end, k+n)
		return
	}
	p.addParties(k, k+n)
}

// asked returns the mention a report opens with when its first sentence asks
// a question ("<@U1> any chance to look at it?", "<@U1> can you send the
// numbers?"), else -1. It is looked for once per report.
func (p *parser) asked() int {
	if p.askee != -2 {
		return p.askee
	}
	p.askee = -1
	k := 0
	for k < len(p.toks) && p.toks[k].kind == tPunct {
		k++ // a bullet
	}
	if k >= len(p.toks) || p.toks[k].kind != tMention {
		return -1
	}
	for j := k + 1; j < len(p.toks) && j-k <= maxSentence; j++ {
		p.visit(1)
		if sentenceEnd(p.toks[j]) {
			if p.toks[j].kind == tPunct && p.toks[j].punct == '?' {
				p.askee = k
			}
			break
		}
	}
	return p.askee
}

// ownerless reports whether the targets from n0 on are only awaited things
// that name no owner ("answers", "a reply"), or none.
func (p *parser) ownerless(n0 int) bool {
	for _, t := range p.targets[n0:] {
		if t.Kind != unblock.TargetArtifact || t.Role != "" {
			return false
		}
	}
	return true
}

// askedBefore reports whether the author asked someone in the words before
// the clause at a, in its sentence or the one before (lexicon class
// request-act: "emailed", "pinged", "sent").
func (p *parser) askedBefore(a int) bool {
	lo := max(p.lastA, a-maxAntecedent, 0)
	for k := lo; k < a; k++ {
		if p.toks[k].kind == tWord && inClass(p.toks[k].low, cRequestAct) {
			return true
		}
	}
	return false
}
