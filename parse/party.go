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
		if w := p.toks[k].low; p.toks[k].kind == tWord && p.toks[k].cls.has(cPartyPronoun) &&
			!(k > a && k >= 2 && p.toks[k-1].low == "for" && (w == "them" || w == "him" || w == "her") && p.toks[k-2].cue == 0) {
			return true // "can't enable the connector for them": whom the author works for, not whom they wait on
		}
	}
	return false
}

// maxAntecedent is how many tokens before a cue's clause a pronoun's party is
// looked for: the clauses before it in its sentence and the sentence before;
// when that sentence names its party by a pronoun too, as many again before it.
const maxAntecedent = 40

// antecedent finds the party a pronoun in the clause starting at a refers
// to: the nearest role, team, outsider or person named before it in the
// sentence or the one before ("Sent the DPA to legal. Waiting on their
// review."). It replaces the clause's awaited things from n0 on by that
// party, as a party named in the clause would, and reports whether it found one.
func (p *parser) antecedent(a, n0 int) bool {
	lo := max(p.lastA, a-maxAntecedent, 0)
	chained := false
	for k := a - 1; k >= lo; k-- {
		t := &p.toks[k]
		var party unblock.Target
		switch {
		case t.kind == tWord && !chained && k < p.sentA && t.cls.has(cPartyPronoun):
			// The sentence before names the party by a pronoun too: its
			// party is named in the sentence before that ("Sent the contract
			// to legal. They said this week. Still waiting on their
			// feedback."). One step back, so the look stays bounded.
			chained = true
			lo = max(min(p.last2A, lo), k-maxAntecedent, 0)
			continue
		case t.kind == tMention:
			party = unblock.Target{Kind: unblock.TargetPerson, Name: p.span(k, k+1)}
		case t.kind != tWord:
			continue
		case p.isPerson(k) || p.personEnd(k, a) > k && k > lo && (p.toks[k-1].cls.has(cNameIntro) || p.toks[k-1].cls.has(cRequestAct)):
			if k-2 >= lo && p.toks[k-1].low == "with" && p.toks[k-2].cls.has(cTalkNoun) {
				continue // "reached out to Oren after a discussion with Aviv": Aviv was talked with, Oren asked
			}
			party = unblock.Target{Kind: unblock.TargetPerson, Name: p.personName(k, p.personEnd(k, a))}
		case k > lo && k < p.sentA && p.unknownOrgAt(k) && (p.toks[k-1].low == "to" || p.toks[k-1].low == "with"):
			// "Sent the impact-report template to Larchmont; … until their
			// programme officer comes back": an organisation the lexicon does
			// not know, sent to in the sentence before.
			e := k + 1
			for e < a && e < k+3 && p.toks[e].kind == tWord && p.toks[e].capital && p.toks[e].cue == 0 && !p.toks[e].cls.has(cCommonCapital) {
				e++
			}
			party = unblock.Target{Kind: unblock.TargetExternal, Name: p.span(k, e), Role: p.orgRole(k, a)}
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
				p.onIdiom(k) || (e.class == classRole || e.class == classTeam) && p.officeOfExternal(k, lo) || p.forPartysAct(k, n, a) {
				continue // "Halden's IT …, waiting on them": the client, read on
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

// unknownOrgAt reports whether toks[k] is a capitalised word the lexicon and
// the names list do not know, not the first of its line: an organisation's
// name ("Larchmont"), never a given name ("Dana").
func (p *parser) unknownOrgAt(k int) bool {
	t := &p.toks[k]
	if _, n := p.match(k); n > 0 {
		return false
	}
	return t.kind == tWord && t.capital && !t.acronym && !t.lineStart && t.cue == 0 && t.cls == (classSet{}) &&
		!p.givenName(k) && !p.isPerson(k)
}

// ofObject reports whether the word at k is the object of "of", after its
// determiners: "an audit of our infrastructure" names a thing, not a party.
func (p *parser) ofObject(k, lo int) bool {
	j := k - 1
	for j >= lo && p.wordIs(j, lo, k, cPureDet) {
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
	for k < p.sentB && p.wordIs(k, k, p.sentB, cPureDet) {
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
		if sentenceEnd(&p.toks[j]) {
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
		if p.toks[k].kind == tWord && p.toks[k].cls.has(cRequestAct) {
			return true
		}
	}
	return false
}

// maxAside is how many tokens an aside in brackets may hold for the words
// after it to go on with the clause before it.
const maxAside = 8

// fromAfterAside adds the party named by "from" or "by" right after an aside
// in brackets that ends the clause at b ("Need approval on the mockup (v3)
// from Ines"): the aside cut the clause, not the wait. It reports whether it
// added one.
func (p *parser) fromAfterAside(b int) bool {
	if b >= p.sentB || p.toks[b].kind != tPunct || p.toks[b].punct != '(' {
		return false
	}
	j := b + 1
	for j < p.sentB && j-b <= maxAside && !(p.toks[j].kind == tPunct && p.toks[j].punct == ')') {
		j++
	}
	if j >= p.sentB || p.toks[j].kind != tPunct || p.toks[j].punct != ')' {
		return false
	}
	if w := p.word(j+1, j, p.sentB); w != "from" && w != "by" {
		return false
	}
	k := j + 2
	for k < p.sentB && p.wordIs(k, k, p.sentB, cPureDet) {
		k++
	}
	if k >= p.sentB {
		return false
	}
	n0 := len(p.targets)
	if end := p.personEnd(k, p.sentB); end > k {
		p.addPerson(p.personName(k, end), k, end, p.sentB)
	} else if n := p.targetAt(k, p.sentB); n > 0 {
		p.addParties(k, k+n)
	}
	if len(p.targets) > n0 {
		p.note("target:from-after-aside", j+1, k+1)
		return true
	}
	return false
}

// thingsOfParties keeps, of the awaited things in targets[n0:m] read before
// the parties in targets[m:] were found, only those a party named in the
// clause would have left standing: a thing that names its owner, awaited
// from a person whose function is not told ("the mockup … from Ines" keeps
// the design mockup); the others are the parties' ("the numbers … from the
// data team").
func (p *parser) thingsOfParties(n0, m int) {
	parties := p.targets[m:]
	person := false
	for _, t := range parties {
		person = person || t.Kind == unblock.TargetPerson && t.Role == ""
	}
	k := n0
	for _, t := range p.targets[n0:m] {
		if t.Kind == unblock.TargetArtifact && !(person && t.Role != "" && !roleNamed(parties, t.Role)) {
			continue
		}
		p.targets[k] = t
		k++
	}
	k += copy(p.targets[k:], parties)
	p.targets = p.targets[:k]
	// The blocker names what is left: indexes past n0 moved.
	named := p.named[:0]
	for _, i := range p.named {
		if i < n0 {
			named = append(named, i)
		}
	}
	for i := n0; i < len(p.targets); i++ {
		named = append(named, i)
	}
	p.named = named
}
