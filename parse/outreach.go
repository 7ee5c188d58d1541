package parse

import (
	"strings"

	"github.com/unblock-dev/unblock"
)

// The author reached out to a party for something and no answer is told: a
// wait, though no wait word is written ("emailed the vendor for a quote",
// "pinged Sam about the API keys", "followed up with finance on the invoice",
// "opened a ticket with IT for a new laptop", "asked the PM for
// clarification"). A later arrival in the report clears it as it clears any
// wait ("asked Sam for the logo, got it this morning").

// ruleOutreach is the rule of the "outreach" cue family: the verbs of getting
// in touch (emailed, messaged, contacted, reached out, wrote to) and of
// opening a request with a party (opened, filed, logged a ticket with IT).
func (p *parser) ruleOutreach(k, a, b int, cond bool) bool {
	if w := p.word(k+1, a, b); p.toks[k].low == "reached" && w != "out" && w != "to" && w != "back" {
		return p.decisionReached(k, a, b, cond) // "agreement reached with the supplier"
	}
	if !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) {
		return false
	}
	if p.toks[k].cls.has(cTicketVerb) && (p.ticketOpened(k, a, b) || p.requestSent(k, a, b, cond)) {
		return true // "Ticket 4471 opened requesting a monitor", "filed the permit application"
	}
	if p.toks[k].cls.has(cOpenedFor) && k > a && p.partyEnding(k-1) >= a && !p.toks[k-1].cls.has(cFirstPerson) &&
		!p.toks[k-1].cls.has(cFirstPersonContraction) && p.wordAhead(k+1, b, 4, cOpenedThing) {
		// "Marek opened the firewall", "IT opened the port for us": a party
		// opened what held the author.
		return p.partyDelivered(k, a, b, cond)
	}
	if !p.authorActs(k, a) {
		return false
	}
	if p.toks[k].cls.has(cTicketVerb) {
		return p.ticketWith(k, a, b)
	}
	return p.reachedFor(k, a, b)
}

// ticketWith reads a ticket or a request the author opened with a party at
// k: "opened a ticket with IT", "filed a request to the data team", "created
// a ticket with the helpdesk", "submitted a ticket to facilities".
func (p *parser) ticketWith(k, a, b int) bool {
	toks := p.toks
	j := k + 1
	for j < b && toks[j].kind == tWord && toks[j].cls.has(cDet) {
		j++
	}
	if j >= b || !toks[j].cls.has(cThreadNoun) {
		return false // "opened the PR", "filed the report"
	}
	j++
	if w := p.word(j, a, b); w != "with" && w != "to" {
		return false // "opened a ticket for the bug": no party asked
	}
	s, n := p.partyAfter(j+1, b)
	if n == 0 || toks[s].cls.has(cFirstPerson) {
		return false
	}
	p.note("outreach:ticket", k, s+n)
	p.block(a, b, s, scopeAfter)
	return true
}

// reachedFor reads the party the verb at k reached, past a particle and "to"
// or "with" ("reached out to legal", "followed up with finance", "wrote to the
// board"), and what it was asked for (askedFor).
func (p *parser) reachedFor(k, a, b int) bool {
	j := k + 1
	if j < b && (p.toks[j].cls.has(cVerbParticle) || p.toks[j].low == "back") {
		j++
	}
	if w := p.word(j, a, b); w == "to" || w == "with" {
		j++
	}
	s, n := p.partyAfter(j, b)
	if n == 0 || p.toks[s].cls.has(cFirstPerson) {
		return false
	}
	return p.askedFor(k, s, n, a, b)
}

// askedFor reads what follows a party the author asked or reached out to at
// toks[j:j+n]: a request ("for a quote", "asking for access") or an awaited
// thing ("about the API keys", "on the invoice"), or the party is written to
// again ("emailed legal again"). Without one the words say
// only that the author got in touch ("emailed the team about the release
// notes" informs; "contacted Dana" awaits nothing said).
func (p *parser) askedFor(k, j, n, a, b int) bool {
	toks := p.toks
	chase := cueFamilies[toks[k].cue] == "chase"
	m := j + n
	w := p.word(m, a, b)
	switch {
	case w == "for":
		e := m + 1
		for e < b && toks[e].kind == tWord && (toks[e].cls.has(cDet) || isDigit(toks[e].low)) {
			e++
		}
		if e >= b || toks[e].cls.has(cDayWord) || toks[e].cls.has(cTimeWord) {
			return false // "pinged Sam for two days": how long, not what
		}
	case w == "asking" || w == "requesting":
		// "emailed the vendor asking for a quote"
	case m < b && toks[m].cls.has(cRepeat):
		// "emailed legal again about the DPA", "mailed him again today": a
		// party written to again has not answered yet (as "pinged him
		// again"); "emailed customers again about the outage" tells them.
		if m+1 < b && toks[m+1].cls.has(cAboutPrep) && !p.partyGives(j, m+2, b, chase) {
			return false
		}
	case m < b && toks[m].cls.has(cAboutPrep):
		if !p.partyGives(j, m+1, b, chase) {
			return false
		}
	default:
		return false
	}
	p.note("asked-for", k, m+1)
	p.block(a, b, j, scopeAfter)
	return true
}

// isDigit reports whether w starts with a digit ("2", "10am").
func isDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// partyGives reports whether what follows "about" at toks[from:b] is
// something the party at j gives, so that writing to them about it asks for
// it: an answer or an approval ("about the sign-off"), a thing the party owns
// ("legal about the DPA", "design about the new icons"), or, from a person or an
// outsider (a vendor, a customer), whose part the words do not tell, any
// awaited thing but an incident; from a customer or another outsider only when
// chased ("chased Brookline re the DPA"; "contacted the client regarding the
// invoice" tells them).
// "Emailed customers about the outage" tells them; it asks for nothing.
func (p *parser) partyGives(j, from, b int, chase bool) bool {
	toks := p.toks
	party, _ := p.match(j)
	person := toks[j].kind == tMention || party.class == classPerson || party.class == 0
	for e := from; e < b && e <= from+5 && toks[e].kind == tWord; e++ {
		t := &toks[e]
		if t.cls.has(cResponseNoun) || t.cls.has(cApprovalNoun) {
			return true
		}
		if !p.artifactAt(e) || t.cls.has(cIncidentNoun) {
			continue
		}
		thing, _ := p.longestEnding(e, from)
		if thing.class != classArtifact {
			thing, _ = p.match(e)
		}
		if person || party.role == unblock.RoleVendor || chase && (party.role == unblock.RoleCustomer || party.class == classExternal) ||
			thing.role != "" && thing.role == party.role {
			return true
		}
	}
	return false
}

// ticketOpened reads a request told as a ticket's headline, in the passive:
// "IT Service Desk ticket RITM0110617 opened requesting a Windows VM",
// "Support case 12345 opened with AWS for the quota". The ticket noun, and
// maybe its number, stand right before the verb; whoever handles it is named
// before the noun or after "with" or "to", or the ticket asks for something
// ("requesting", "asking for").
func (p *parser) ticketOpened(k, a, b int) bool {
	toks := p.toks
	j := k - 1
	if j > a && toks[j].kind == tWord && (isDigit(toks[j].low) || toks[j].acronym || strings.HasPrefix(toks[j].low, "#")) {
		j-- // the ticket's number
	}
	if j < a || toks[j].kind != tWord || !toks[j].cls.has(cThreadNoun) || toks[j].low == "issue" || toks[j].low == "thread" {
		return false // "the issue opened by Dana": an issue is no request to anyone
	}
	if w := p.word(k+1, a, b); w == "with" || w == "to" {
		if s, n := p.partyAfter(k+2, b); n > 0 && !toks[s].cls.has(cFirstPerson) {
			p.note("outreach:ticket-opened", a, s+n)
			p.block(a, b, s, scopeAfter)
			return true
		}
	}
	if p.partyAmong(a, j) {
		p.note("outreach:ticket-opened", a, k+1)
		p.block(a, b, a, scopeAfter) // "IT Service Desk ticket … opened": the desk handles it
		return true
	}
	if w := p.word(k+1, a, b); w == "requesting" || w == "asking" {
		p.note("outreach:ticket-opened", j, k+2)
		p.block(a, b, k+1, scopeAfter)
		return true
	}
	return false
}
