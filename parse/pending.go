package parse

import (
	"strings"

	"github.com/unblock-dev/unblock"
)

// Implicit waits: no blocker word, but something the author needs has not
// come. Pending states ("sat in review since Tuesday", "still with
// procurement", "the CI runners are still broken", "the ticket remains
// open"), decisions made against ("finance vetoed the spend"), and requests
// that gate work ("can you send the numbers so I can finish?").

// report reports whether the cue at k is told as a report: no condition,
// question, hypothesis or negation.
func (p *parser) report(k, a int, cond bool) bool {
	return !cond && !p.question && !hypothetical(p.toks, a, k) && !p.negated(k, a) && !p.pastFrame(k)
}

// pastFrame reports whether the sentence, before k, frames what it tells as
// long past or habitual: "In the past I have had to wait days for an
// account", "I used to wait weeks for IT", "years ago", "back then". "In the
// past week" is recent.
func (p *parser) pastFrame(k int) bool {
	toks := p.toks
	for j := max(p.sentA, 0); j+1 < k; j++ {
		switch t := &toks[j]; {
		case t.low == "past" && j >= 2 && toks[j-1].low == "the" && toks[j-2].low == "in" && !toks[j+1].cls.has(cTimeWord):
			return true
		case t.low == "used" && toks[j+1].low == "to", t.low == "back" && toks[j+1].low == "then":
			return true
		case t.low == "ago" && j > 0 && (toks[j-1].low == "years" || toks[j-1].low == "year"):
			return true
		}
	}
	return false
}

// pendingState handles "in review", "under review", "in the approval queue":
// the word at k ("in", "under") followed by a pending state, which ends its
// phrase ("in review meetings" is no state).
func (p *parser) pendingState(k, a, b int, cond bool) bool {
	toks := p.toks
	if p.word(k+2, a, b) == "'s" && p.wordIs(k+3, a, b, cHolder) && p.report(k, a, cond) &&
		(toks[k+1].capital || toks[k+1].kind == tMention || p.isParty(k+1, b)) {
		// "the copy is in Cato's hands", "the ball is in legal's court".
		p.note("in-hands", k, k+4)
		p.block(a, k+3, k+1, scopeAfter) // the holder ("court", "hands") is no party of its own
		return true
	}
	if w := p.word(k+1, a, b); (w == "their" || w == "his" || w == "her") && p.wordIs(k+2, a, b, cHolder) && p.report(k, a, cond) {
		// "B: Tramo PO, the ball is in their court": in the hands of the
		// party the pronoun stands for; the court is no party.
		p.note("in-hands", k, k+3)
		p.block(a, k+2, a, scopeClause)
		return true
	}
	j := k + 1
	for j < b && p.wordIs(j, a, b, cDet) {
		j++
	}
	if p.wordIs(j, a, b, cProcessNoun) && p.word(j+1, a, b) == "of" && j+2 < b && p.report(k, a, cond) && !p.conditionBefore(k, a) &&
		!p.authorSubjectAmong(a, k) {
		// "the data is in the process of government approval", "legal is in
		// the process of reviewing it": in someone's process, not arrived
		// ("I'm in the process of writing it" is the author's own work).
		p.note("in-process", k, j+2)
		p.block(a, b, k, scopeClause)
		return true
	}
	if j+1 < b && !toks[j].cls.has(cPendingState) && toks[j+1].cls.has(cHolder) && (p.isParty(j, j+1) || p.artifactAt(j)) {
		j++ // "sitting in the IT queue", "in the legal review queue": whose queue
	}
	if j >= b || !toks[j].cls.has(cPendingState) || !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	if next := p.word(j+1, a, b); next != "" && !p.wordIs(j+1, a, b, cAfterPassive) && !p.wordIs(j+1, a, b, cStateTail) {
		return false // "in review meetings all day" is no state; "in review since Tuesday", "in their review process" are
	}
	for m := a; m < k; m++ {
		if (toks[m].cls.has(cFirstPerson) && toks[m].cls.has(cSubject) || toks[m].cls.has(cFirstPersonContraction)) && m == a {
			return false // "I'm in review all day", "we're under review"? the author is busy, not waiting
		}
	}
	p.note("pending-state", k, j+1)
	p.block(a, b, k, scopeClause)
	if p.topic == "" && k > a && p.nounPhrase(a, k) {
		p.topic = p.nounClause(a, k, false) // "sensors in transit": what is in that state is what is awaited
	}
	return true
}

// stillState handles "still with procurement", "still down", "ticket still
// open": "still" (or "remains") followed by a state that means not yet done.
func (p *parser) stillState(k, a, b int, cond bool) bool {
	toks := p.toks
	j := k + 1
	for j < b && (p.wordIs(j, a, b, cBe) || p.word(j, a, b) == "sitting" || p.word(j, a, b) == "sat") {
		j++
	}
	if j >= b || !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	w := toks[j].low
	if w == "to" && p.wordIs(j+1, a, b, cStillTo) && (toks[j+1].low != "be" || p.wordIs(j+2, a, b, cAwaitedAct) ||
		p.wordIs(j+2, a, b, cArrivalVerb)) {
		// "funding has still to be confirmed", "a lot of stuff still to arrive".
		p.note("still-to", k, j+2)
		p.block(a, b, k, scopeBefore)
		return true
	}
	switch {
	case w == "with" || w == "by" && p.partyAfterDets(j+1, b):
		// "still with procurement", "VoP: still with the FCA": a party holds
		// it; "still by Northgate", as some write it.
		if !p.partyAfterDets(j+1, b) || p.authorSubject(a, k) {
			return false // "I'm still with the client": where the author is
		}
		p.note("still-with", k, j+1)
		p.block(a, b, j+1, scopeAfter)
		return true
	case toks[j].cls.has(cOpenState):
		if p.word(j+1, a, b) == "for" || p.word(j+1, a, b) == "to" {
			return false // "still open for comments", "open to ideas": available, not pending
		}
		p.note("still-open", k, j+1)
		p.block(a, b, k, scopeBefore)
		if len(p.targets) == p.blockFrom {
			p.wantTargets = false
		}
		return true
	}
	return false
}

// partyAfterDets reports whether a party starts at k past its determiners: one
// the lexicon knows, a mention or a capitalised name ("the FCA").
func (p *parser) partyAfterDets(k, b int) bool {
	if k < b && p.targetAt(k, b) > 0 {
		return true // "the bank": a party named with its article
	}
	for k < b && p.toks[k].kind == tWord && p.toks[k].cls.has(cPureDet) {
		k++
	}
	return k < b && (p.targetAt(k, b) > 0 || p.isParty(k, b))
}

// isParty reports whether a party that can hold work starts at k after
// determiners: a role, team, person or outside body.
func (p *parser) isParty(k, b int) bool {
	for k < b && p.toks[k].cls.has(cDet) {
		k++
	}
	e, n := p.match(k)
	return n > 0 && (e.class == classRole || e.class == classTeam || e.class == classPerson || e.class == classExternal)
}

// ruleRemains is the rule of the "remains" cue family: "the ticket remains
// open", "questions remain unanswered".
func (p *parser) ruleRemains(k, a, b int, cond bool) bool {
	if p.toks[k].low == "went" && (p.word(k+1, a, b) == "live" || p.word(k+1, a, b) == "out") {
		return p.thingFinished(k, a, b, cond) // "the new SDK from the platform team went live"
	}
	if w := p.toks[k].low; (w == "gone" || w == "went") && !strings.HasPrefix(p.word(k+1, a, b), "un") {
		if p.word(k+1, a, b) == "down" {
			p.dismiss("outage-told", k, k+2) // "the staging server went down last night": no arrival either
		}
		return false // "it has gone unanswered" waits; "the server went down" is an outage told, "the blocker is gone" cleared
	}
	return p.stillState(k, a, b, cond)
}

// ruleUnder is the rule of the "under" cue family: "under review".
func (p *parser) ruleUnder(k, a, b int, cond bool) bool {
	return p.pendingState(k, a, b, cond)
}

// ruleRejected is the rule of the "rejected" cue family: a party decided
// against what the author needs ("finance vetoed the spend", "legal rejected
// the terms", "the board turned down the budget").
func (p *parser) ruleRejected(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	if toks[k].low == "turned" && p.word(k+1, a, b) == "up" {
		return p.thingArrived(k, a, b, cond) // "the parts turned up this morning", as "showed up"
	}
	if toks[k].low == "turned" && p.word(k+1, a, b) != "down" {
		return false
	}
	party := false
	for j := a; j < k; j++ {
		if toks[j].cls.has(cFirstPerson) && toks[j].cls.has(cSubject) || toks[j].cls.has(cFirstPersonContraction) {
			return false // "we rejected the vendor's quote": the author decided
		}
		if toks[j].kind == tMention || p.isParty(j, k) {
			party = true
		}
	}
	if k > a && toks[k-1].kind == tWord && toks[k-1].cls.has(cPassiveAux) && strings.HasSuffix(toks[k].low, "ed") {
		// "my access request was denied", "the request was rejected by
		// finance": what the author asked for, refused, still awaited.
		if by := k + 1; p.word(by, a, b) == "by" && by+1 < b && (p.isParty(by+1, b) || p.targetAt(by+1, b) > 0) {
			p.block(a, b, by+1, scopeAfter)
			return true
		}
		if p.accessIn(a, k) || p.requestIn(a, k) {
			p.block(a, b, k, scopeBefore)
			return true
		}
		return false
	}
	for j := a; j < k; j++ {
		if toks[j].cls.has(cFirstPerson) {
			return false // "our committee rejected the idea": the author's side decided
		}
	}
	if !party && (k == a || p.partyEnding(k-1) < 0) {
		return false // "Apple rejected the build": a name that opens the clause is a party too
	}
	n0 := len(p.targets)
	p.block(a, b, k, scopeBefore)
	if s := p.partyEnding(k - 1); !party && s >= a && !p.partyIn(n0) && n0 <= len(p.targets) {
		// "Apple rejected 1.0 …, fixed the permission strings and
		// resubmitted": whoever rejected it is whom the author waits on again,
		// not a thing of the author's fix.
		p.note("rejected-by", s, k+1)
		p.targets = append(p.targets[:n0], unblock.Target{Kind: unblock.TargetExternal, Name: p.span(s, k),
			Role: p.orgRole(min(a, p.sentA), max(b, p.sentB))})
		p.wantTargets = false
	}
	return true
}

// requestIn reports whether toks[a:b] name a request the author made
// (lexicon class thread-noun: a request, a ticket, an application).
func (p *parser) requestIn(a, b int) bool {
	for m := a; m < b; m++ {
		if p.toks[m].kind == tWord && p.toks[m].cls.has(cThreadNoun) {
			return true
		}
	}
	return false
}

// request handles a request that gates work, at "you" (k) after "can",
// "could" or "would": "can you send the numbers so I can finish?", "@ana
// could you share the credentials with me?". It must be a question or say
// please, and ask for something a request verb names.
func (p *parser) request(k, a, b int, cond bool) bool {
	toks := p.toks
	if k >= b || cond || p.conditionBefore(k, a) {
		return false
	}
	if !p.question && !p.hasWord(a, b, "please") && !p.hasWord(a, b, "pls") && !p.asksFirst(k-1, a) {
		return false
	}
	if toks[k].cls.has(cFirstPerson) && toks[k].cls.has(cSubject) {
		return p.askedAuthor(k, a, b)
	}
	if !toks[k].cls.has(cRequestee) {
		return false
	}
	for j := k + 1; j < b && j <= k+4; j++ {
		w := toks[j].low
		if toks[j].cls.has(cRequestSoftener) {
			continue // "could you please send", "would you be happy to sign"
		}
		if !toks[j].cls.has(cRequestVerb) || w == "see" || w == "look" || w == "check" {
			return false
		}
		p.note("request", k-1, j+1)
		if toks[k].low == "you" {
			p.block(a, b, a, scopeClause) // "@ana could you share …": whom it asks
		} else {
			p.block(j+1, b, j+1, scopeClause) // "can someone merge this?": what it asks for, never "someone"
		}
		return true
	}
	return false
}

// ruleChance is the rule of the "chance" cue family: a question asking a
// party whether they have got to, or could do, what the author waits on:
// "<@U1> have you had a chance to add <@U2> as a maintainer?", "any chance
// you could review this today?". The author waits on whom it asks, named
// before the question (a mention, a name) or nobody named; what it asks for
// is no second party.
func (p *parser) ruleChance(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.question || cond || p.conditionBefore(k, a) {
		return false
	}
	j := k + 1
	if you := p.youBefore(k, a); you {
		if p.word(j, a, b) != "to" {
			return false // "you have a chance of winning"
		}
		j++
	} else {
		for j < b && j <= k+2 && !toks[j].cls.has(cRequestee) {
			j++
		}
		if j >= b || !toks[j].cls.has(cRequestee) {
			return false
		}
		j++ // "any chance you could": the modal, then the act
		if j >= b || toks[j].cue == 0 || cueFamilies[toks[j].cue] != "request" && toks[j].cue != cantFamily {
			return false
		}
		j++
	}
	for j < b && j <= k+8 && toks[j].cls.has(cRequestSoftener) {
		j++
	}
	if j >= b || !toks[j].cls.has(cRequestVerb) {
		return false
	}
	p.note("chance", k, j+1)
	p.block(a, k, a, scopeClause)
	return true
}

// youBefore reports whether "you" stands in the few words before k in its
// clause: "have you had a chance".
func (p *parser) youBefore(k, a int) bool {
	for j := max(a, k-4); j < k; j++ {
		if p.toks[j].kind == tWord && p.toks[j].low == "you" {
			return true
		}
	}
	return false
}

// asksFirst reports whether the modal at m opens its sentence, after nothing
// but mentions: "Could you review and merge it", "<@U1> can you provide the
// figma design so we can start" ask as a question does, "?" or not.
func (p *parser) asksFirst(m, a int) bool {
	for j := p.sentA; j < m; j++ {
		if t := &p.toks[j]; t.kind != tMention && t.kind != tPunct {
			return false
		}
	}
	return m >= a
}

// askedAuthor handles the author asking, at "I" or "we" (k) after "can",
// "could" or "may", for a thing or for leave to act: "<@U1> could we get a
// privacy policy, please?", "<@U1> can I merge this?". A thing asked for is
// awaited from whoever is asked; leave to act (lexicon class gated-act) only
// from someone the report mentions, since "can I merge this?" alone may be
// the author thinking aloud.
func (p *parser) askedAuthor(k, a, b int) bool {
	toks := p.toks
	j := k + 1
	for j < b && j <= k+3 && toks[j].cls.has(cRequestSoftener) {
		j++
	}
	if j >= b || toks[j].kind != tWord {
		return false
	}
	m := p.mentionIn(p.sentA, p.sentB)
	switch {
	case toks[j].cls.has(cAskedThing):
		t := j + 1
		for t < b && toks[t].kind == tWord && toks[t].cls.has(cDet) {
			t++
		}
		if m < 0 && !p.artifactAt(t) {
			return false // "can I get a coffee?": nothing people wait for, asked of nobody
		}
		p.note("asked-for", k-1, j+1)
		p.block(a, b, j+1, scopeAfter)
		if m >= 0 {
			p.addTarget(unblock.Target{Kind: unblock.TargetPerson, Name: p.span(m, m+1)})
		}
	case toks[j].cls.has(cGatedAct) && p.question:
		if m < 0 {
			return false
		}
		p.note("asked-leave", k-1, j+1)
		p.block(a, b, j+1, scopeAfter)
		p.addTarget(unblock.Target{Kind: unblock.TargetPerson, Name: p.span(m, m+1)})
	default:
		return false
	}
	return true
}

// ruleRequest is the rule of the "request" cue family: "could", "would".
func (p *parser) ruleRequest(k, a, b int, cond bool) bool {
	return p.request(k+1, a, b, cond)
}

// ruleSupply is the rule of the "supply" cue family: what was ordered does not
// come ("the cabinet is out of stock", "backordered", "delivery keeps getting
// pushed back", "the launch slipped again"). "We pushed back the launch" is a
// choice, not a wait.
func (p *parser) ruleSupply(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	s := k // where the supply words start: "out of stock"
	switch toks[k].low {
	case "stock":
		if p.word(k-1, a, b) != "of" || p.word(k-2, a, b) != "out" {
			return false
		}
		s = k - 2
	case "pushed":
		pw := p.word(k-1, a, b)
		if p.word(k+1, a, b) != "back" || !(p.wordIs(k-1, a, b, cBe) || pw == "getting" || pw == "been" || pw == "keeps") {
			// "the design review keeps getting pushed"; "the vendor pushed the
			// delivery"; "we pushed back on the design": no passive, no wait
			return p.thingPutOff(k, a, b, cond) || p.partyPutOff(k, a, b, cond)
		}
	}
	for j := a; j < k; j++ {
		if toks[j].cls.has(cFirstPerson) && toks[j].cls.has(cSubject) && j == a {
			return false // "we slipped the launch": the author's own plan
		}
	}
	p.block(a, b, k, scopeBefore)
	if e := k + 1; e < b && isModifier(&p.toks[e]) {
		for e < b && isModifier(&p.toks[e]) {
			e++
		}
		p.supplierOwes(k+1, e) // the thing told after: "an out of stock cabinet from onecall"
	} else {
		p.supplierOwes(a, s) // the thing told before: "the sensors are backordered"
	}
	return true
}

// supplierOwes gives a supply blocker that names no party to the vendor role:
// stock and shipments are a supplier's ("waiting on an out of stock cabinet",
// "the sensors are backordered").
func (p *parser) supplierOwes(s, e int) {
	n0 := p.blockFrom
	for _, t := range p.targets[n0:] {
		if t.Role != "" {
			return
		}
	}
	if len(p.targets) > n0 {
		for i := n0; i < len(p.targets); i++ {
			if p.targets[i].Kind == unblock.TargetArtifact {
				p.targets[i].Role = unblock.RoleVendor
			}
		}
		return
	}
	for s < e && (p.toks[s].kind != tWord || p.toks[s].cls.has(cStop)) {
		s++ // "the new monitors are expected": the thing, without its article …
	}
	for e > s && (p.toks[e-1].kind != tWord || p.toks[e-1].cls.has(cStop)) {
		e-- // … and its verb
	}
	if s == e {
		return
	}
	if p.addTarget(unblock.Target{Kind: unblock.TargetArtifact, Name: p.span(s, e), Role: unblock.RoleVendor}) {
		p.wantTargets = false
	}
}

// nothingBack handles a clause that says an answer has not come, after the
// author asked for it or from a named party: "asked legal for the DPA on
// Monday, nothing yet", "emailed Priya twice, nothing back", "still nothing
// from design on the palette". Alone ("nothing yet", "Blockers: nothing so
// far") such a clause is an explicit none, and "nothing from my side" is one
// too.
func (p *parser) nothingBack(a, b int, cond bool) bool {
	toks := p.toks
	k := a
	for k < b && toks[k].kind == tWord && (toks[k].cls.has(cLeadFiller) || toks[k].low == "but" || toks[k].low == "and") {
		k++
	}
	// "heard nothing yet", "I've received nothing back", "we have heard
	// nothing from them": an answer the author expects and has not had.
	heard := false
	for m := k; m < b && m < k+3 && toks[m].kind == tWord; m++ {
		if toks[m].cls.has(cAnswerVerb) {
			heard, k = true, m+1
			break
		}
		if !toks[m].cls.has(cFirstPerson) && !toks[m].cls.has(cFirstPersonContraction) && !toks[m].cls.has(cPerfectAux) && !toks[m].cls.has(cLeadFiller) {
			break
		}
	}
	if k >= b || !toks[k].cls.has(cNothing) || cond || p.question {
		return false
	}
	j := k + 1
	for j < b && toks[j].kind == tWord && toks[j].low != "from" && (toks[j].cls.has(cNoReplyTail) || toks[j].cls.has(cTimeWord)) {
		j++ // "nothing back from the vendor", "nothing yet from legal"
	}
	from := false
	if p.word(j, a, b) == "from" {
		s := j + 1
		for s < b && toks[s].kind == tWord && toks[s].cls.has(cDet) && !toks[s].cls.has(cFirstPerson) {
			s++
		}
		if s >= b || toks[s].cls.has(cFirstPerson) || p.targetAt(s, b) == 0 {
			return false // "nothing from me", "nothing from my side"
		}
		from = true
	}
	if !from {
		// Only a word of time or of return may follow: "nothing yet", "nothing back", "nothing so far".
		for m := j; m < b; m++ {
			if toks[m].kind == tWord && !toks[m].cls.has(cTimeWord) && !toks[m].cls.has(cNoReplyTail) {
				return false
			}
		}
		// The request may stand in the sentence before, on the same line:
		// "filed a ticket with IT. Still nothing." Looking back a bounded
		// stretch keeps Parse linear.
		asked := heard
		for m := a - 1; !asked && m >= 0 && m >= a-maxClause && toks[m].kind != tBreak; m-- {
			if toks[m].kind == tWord && toks[m].cls.has(cRequestAct) {
				asked = true
				break
			}
		}
		if s := p.outsiderLabel(a); !asked && s >= 0 && toks[j-1].low == "yet" {
			// "Perforce: nothing yet.": the line is labelled with the outsider
			// the author waits on, and nothing has come from them.
			p.note("nothing-yet-from-label", s, b)
			p.block(a, b, a, scopeClause)
			p.addTarget(unblock.Target{Kind: unblock.TargetExternal, Name: p.span(s, a-1), Role: p.orgRole(s, b)})
			return true
		}
		if s, e := p.outsiderThingLabel(a); !asked && e > s {
			// "Corvid samples: nothing.": the outsider's thing, not come.
			p.note("nothing-from-label", s, b)
			p.block(a, b, a, scopeClause)
			p.addTarget(unblock.Target{Kind: unblock.TargetExternal, Name: p.span(s, e), Role: p.orgRole(s, b)})
			if p.topic == "" {
				p.topic = p.span(e, a-1)
			}
			return true
		}
		if !asked {
			return false
		}
	}
	p.note("nothing-back", a, b)
	if from {
		p.block(a, b, j+1, scopeAfter)
	} else {
		p.block(a, b, a, scopeClause)
	}
	return true
}

// thingPutOff handles an awaited thing put off again and again: "the design
// review keeps getting pushed", "the security review got postponed again",
// "the delivery was delayed again". The repetition (lexicon class "repeat")
// says the author suffers the delay; "the launch was postponed" alone may be
// a choice, and "we postponed the audit" is one.
func (p *parser) thingPutOff(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	again := false
	for m := k + 1; m < b && m <= k+3; m++ {
		again = again || toks[m].cls.has(cRepeat)
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].cls.has(cRepeat) || toks[j].cls.has(cLeadFiller)) {
		again = again || toks[j].cls.has(cRepeat)
		j--
	}
	if !again || j < a || !p.artifactAt(j) {
		return false
	}
	for m := a; m < j; m++ {
		if toks[m].kind == tWord && (toks[m].cls.has(cFirstPerson) || toks[m].cls.has(cFirstPersonContraction)) {
			return false // "we got the review pushed again"? the author moved it
		}
	}
	p.note("put-off", j, k+1)
	p.block(a, b, k, scopeBefore)
	return true
}

// ruleSittingOn is the rule of the "sitting-on" cue family: a party holds
// what the author needs and does nothing with it ("procurement is sitting on
// the PO", "legal has sat on the contract for two weeks").
func (p *parser) ruleSittingOn(k, a, b int, cond bool) bool {
	toks := p.toks
	if p.word(k+1, a, b) != "on" || !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].cls.has(cLeadFiller)) &&
		!toks[j].cls.has(cFirstPerson) && !toks[j].cls.has(cFirstPersonContraction) {
		j--
	}
	if j < a {
		return false
	}
	s := p.partyEnding(j)
	if s < 0 || toks[j].cls.has(cSubject) {
		return false // "we're sitting on the release until Monday": the author holds it
	}
	o := k + 2
	for o < b && toks[o].kind == tWord && toks[o].cls.has(cDet) {
		o++
	}
	if e, n := p.match(o); o < b && (n > 0 && e.class == classTeam || toks[o].cls.has(cGroupWord)) {
		return false // "Sam is sitting on the committee": a member, not a holder
	}
	p.note("sitting-on", s, k+2)
	p.block(a, b, s, scopeClause)
	return true
}

// sentFor handles a thing handed to a party for an act only it can do: "the
// budget request has been sent to the board for approval", "submitted the DPA
// to legal for review", "IRB has been routed to you for approval". The
// author waits on the party's act. A plan ("we want to send it for review")
// and a condition are no wait yet.
func (p *parser) sentFor(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	if p.futureBefore(k, a) {
		p.dismiss("distractor:plan-to-send", k, k+1) // "we want to send the budget to finance for approval": nothing sent yet
		return false
	}
	if toks[k].cls.has(cEscalateVerb) {
		// "the issue has been escalated to senior management", "raised with the supplier".
		if p.colleagueSubject(a, k) {
			// "Grace has escalated to their head of partnerships": a colleague
			// chases for the author, who waits on the party, not on her.
			p.note("colleague-escalated", a, k+1)
			return false
		}
		if p.blocked && p.awaitedPartyIn(p.blockFrom, len(p.targets)) {
			// "still no ship date from Hengda. Escalated to Li Wei's boss.":
			// the author chases the wait told just before, higher up; the
			// wait is still on Hengda, not on whom it was escalated to.
			p.dismiss("escalated-wait", k, k+1) // no item of a Blockers section either: "B: brand terms. Have flagged it to Henrik."
			return false
		}
		for j := k + 1; j < b && j <= k+8; j++ {
			if (toks[j].low == "to" || toks[j].low == "with") && j+1 < b && (p.targetAt(j+1, b) > 0 || p.isParty(j+1, b)) &&
				!toks[j+1].cls.has(cFirstPerson) {
				p.note("escalated-to", k, j+2)
				p.block(a, b, j+1, scopeAfter)
				return true
			}
		}
	}
	if p.requestToParty(k, a, b) || p.messageToParty(k, a, b) {
		return true
	}
	for j := k + 1; j < b && j <= k+12; j++ {
		if toks[j].low != "for" {
			continue
		}
		m := j + 1
		for m < b && toks[m].kind == tWord && toks[m].cls.has(cDet) {
			m++
		}
		if m < b && toks[m].cls.has(cApprovalNoun) {
			p.note("sent-for", k, m+1)
			p.block(a, b, k+1, scopeAfter)
			return true
		}
		if m < b && (p.targetAt(m, b) > 0 || p.isParty(m, b)) {
			// "sent a draft for the legal team to review": for a party to act.
			e := m + 1
			for e < b && e <= m+4 && toks[e].low != "to" {
				e++
			}
			if p.wordIs(e+1, a, b, cRequestVerb) {
				p.note("sent-for", k, e+2)
				p.block(a, b, m, scopeAfter)
				return true
			}
		}
		return false
	}
	return false
}

// colleagueSubject reports whether a person other than the author opens the
// clause as the subject of the verb at k: "Grace has escalated", "<@U1> is
// escalating". An outside body or a role ("legal escalated") is no colleague.
func (p *parser) colleagueSubject(a, k int) bool {
	toks := p.toks
	s := a
	if s >= k {
		return false
	}
	n := p.personEnd(s, k) - s
	if n <= 0 {
		return false
	}
	for j := s + n; j < k; j++ {
		if t := &toks[j]; t.kind != tWord || !(t.cls.has(cBe) || t.cls.has(cPerfectAux) || t.cls.has(cLeadFiller)) {
			return false
		}
	}
	return true
}

// requestToParty handles the author's request, message or ticket told sent
// or made to a party, in the passive or as a headline: "email sent to the exec
// at BDM", "request submitted to IT", "the request to legal has been made".
// The author waits on the party's answer. "The invoice was sent to the
// client" (the author's own bill) names no request.
func (p *parser) requestToParty(k, a, b int) bool {
	toks := p.toks
	req := -1
	for j := a; j < k; j++ {
		if t := &toks[j]; t.kind == tWord && (t.cls.has(cFirstPerson) && t.cls.has(cSubject) || t.cls.has(cOtherPronoun) || t.cls.has(cFirstPersonContraction)) {
			return false // "I sent …" is outreach's; "they sent us …" an arrival
		}
		if t := &toks[j]; t.kind == tWord && t.cls.has(cMessageNoun) {
			req = j
		}
	}
	if req < 0 {
		return false
	}
	party := func(j int) bool {
		return j < b && (toks[j].kind == tMention || p.isParty(j, b)) && !toks[j].cls.has(cFirstPerson)
	}
	for j := req + 1; j < b && j <= k+4; j++ {
		if toks[j].low != "to" || j == k {
			continue
		}
		m := j + 1
		for m < b && toks[m].kind == tWord && toks[m].cls.has(cDet) {
			m++
		}
		if party(m) || party(j+1) {
			p.note("request-to-party", req, k+1)
			p.block(a, b, j+1, scopeAfter)
			return true
		}
	}
	return false
}

// ruleSent is the rule of the "sent" cue family: a thing handed to a party
// for its approval is a wait ("sent to the board for approval"); a party that
// sent the author what they awaited is an arrival ("the vendor sent the keys").
func (p *parser) ruleSent(k, a, b int, cond bool) bool {
	return p.sentFor(k, a, b, cond) || p.partyDelivered(k, a, b, cond) || p.sentBy(k, a, b, cond) ||
		p.sentPassive(k, a, b, cond) || p.requestSent(k, a, b, cond) || p.resubmitted(k, a, b, cond) ||
		p.toks[k].cls.has(cTicketVerb) && p.report(k, a, cond) && !p.futureBefore(k, a) && p.authorActs(k, a) && p.ticketWith(k, a, b)
}

// nounPhrase reports whether toks[a:k] is a short noun phrase and nothing
// else: "the new sensors", not "this stays" or "I am".
func (p *parser) nounPhrase(a, k int) bool {
	if k-a > 4 {
		return false
	}
	for j := a; j < k; j++ {
		if t := &p.toks[j]; t.kind != tWord || !isModifier(t) && !t.cls.has(cDet) || t.cls.has(cBackReference) ||
			t.cls.has(cFirstPerson) || t.cls.has(cFirstPersonContraction) || t.cue != 0 {
			return false
		}
	}
	return true
}

// outsiderLabel returns where the label before the colon at a-1 starts when
// it opens its line and names an outsider: one the lexicon knows, or one to
// three capitalised words that are no header word and no person ("Perforce:",
// "Polyglot Loc:"), else -1. "Ana: nothing yet" reports on Ana.
func (p *parser) outsiderLabel(a int) int {
	toks := p.toks
	if a < 2 || toks[a-1].kind != tPunct || toks[a-1].punct != ':' {
		return -1
	}
	s := a - 2
	for s > 0 && a-1-s < 3 && !toks[s].lineStart && toks[s-1].kind == tWord && toks[s-1].capital {
		s--
	}
	if !toks[s].lineStart && s > 0 {
		return -1
	}
	if e, n := p.match(s); n == a-1-s {
		if e.class == classExternal {
			return s
		}
		return -1
	}
	for m := s; m < a-1; m++ {
		t := &toks[m]
		if t.kind != tWord || !t.capital || t.cue != 0 || t.cls != (classSet{}) || p.givenName(m) || p.isPerson(m) {
			return -1
		}
	}
	return s
}

// outsiderThingLabel returns the outsider's name in a label that opens its
// line with an outsider's name and then a thing of theirs in lower case,
// before the colon at a-1 ("Corvid samples:", "Northgate disks:"): its start
// and end, or e <= s.
func (p *parser) outsiderThingLabel(a int) (s, e int) {
	toks := p.toks
	if a < 3 || toks[a-1].kind != tPunct || toks[a-1].punct != ':' {
		return 0, 0
	}
	t := a - 2 // the thing's words, back to the name
	for t > 0 && a-1-t < 3 && toks[t].kind == tWord && !toks[t].capital && isModifier(&toks[t]) && toks[t].cue == 0 {
		t--
	}
	if t == a-2 || toks[t].kind != tWord || !toks[t].capital {
		return 0, 0
	}
	e = t + 1
	s = t
	for s > 0 && e-s < 3 && !toks[s].lineStart && toks[s-1].kind == tWord && toks[s-1].capital {
		s--
	}
	if !toks[s].lineStart && s > 0 {
		return 0, 0
	}
	if en, n := p.match(s); n > 0 && n == e-s {
		if en.class != classExternal {
			return 0, 0
		}
		return s, e
	}
	for m := s; m < e; m++ {
		if tk := &toks[m]; tk.cue != 0 || tk.cls != (classSet{}) || p.givenName(m) || p.isPerson(m) {
			return 0, 0
		}
	}
	return s, e
}

// resubmitted reads the author sending again what a party refused or left
// unanswered: "The first request was rejected, I have resubmitted it",
// "re-sent the form to the registrar". Sent again, its answer is awaited
// again, from whoever the words name after the verb (or nobody named).
func (p *parser) resubmitted(k, a, b int, cond bool) bool {
	if !p.toks[k].cls.has(cResubmitVerb) || !p.report(k, a, cond) || p.question || hypothetical(p.toks, a, k) ||
		p.negated(k, a) || p.futureBefore(k, a) {
		return false
	}
	for j := a; j < k; j++ {
		if t := &p.toks[j]; t.kind != tWord || !(t.cls.has(cFirstPerson) || t.cls.has(cFirstPersonContraction) ||
			t.cls.has(cPerfectAux) || t.cls.has(cLeadFiller) || t.low == "and") {
			return false // "a different individual resubmitted the fix": someone else's
		}
	}
	p.note("resubmitted", k, k+1)
	p.block(a, b, k+1, scopeAfter)
	return true
}

// requestSent reads a request or an application the author sent, with no
// answer told: "I have submitted a permission request through the contact
// form", "submitted the grant application on Friday", and as a headline,
// "Request email sent.", "Access request submitted". The answer is awaited,
// from whoever the words name (or nobody named). A later arrival clears it.
func (p *parser) requestSent(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.question || hypothetical(toks, a, k) || p.negated(k, a) || p.futureBefore(k, a) ||
		toks[k].low != "submitted" && toks[k].low != "sent" && toks[k].low != "filed" {
		return false
	}
	// Headline: the request's noun right before the verb, first in its clause.
	if j := k - 1; j >= a && toks[j].kind == tWord && toks[j].cls.has(cRequestNoun) ||
		j-1 >= a && toks[j].cls.has(cMessageNoun) && toks[j-1].cls.has(cRequestNoun) {
		for m := a; m < k; m++ {
			if t := &toks[m]; t.kind == tWord && !t.cls.has(cRequestNoun) && !t.cls.has(cMessageNoun) && !t.cls.has(cDet) &&
				!isModifier(t) {
				return false
			}
		}
		p.note("request-sent", a, k+1)
		p.block(a, b, a, scopeClause)
		return true
	}
	if !p.authorActs(k, a) || k == a && !p.toks[a].lineStart {
		return false
	}
	j := k + 1
	for j < b && toks[j].kind == tWord && (toks[j].cls.has(cDet) || isModifier(&toks[j]) && !toks[j].cls.has(cRequestNoun)) && j < k+4 {
		j++ // "a permission request", "the grant application", "my data access request"
	}
	if j >= b || toks[j].kind != tWord || !toks[j].cls.has(cRequestNoun) {
		return false
	}
	p.note("request-sent", k, j+1)
	p.block(a, b, k+1, scopeAfter)
	return true
}

// messageToParty reads a message the author sent a party as reaching out to
// them ("sent a message to the vendor asking for a quote", "sent an email to
// legal about the DPA"): what follows the party must ask for something, as
// after "emailed the vendor" (askedFor).
func (p *parser) messageToParty(k, a, b int) bool {
	toks := p.toks
	if toks[k].low != "sent" || !p.authorActs(k, a) {
		return false
	}
	j := k + 1
	for j < b && p.wordIs(j, a, b, cDet) {
		j++
	}
	if !p.wordIs(j, a, b, cMessageNoun) || p.word(j+1, a, b) != "to" {
		return false
	}
	s, n := p.partyAfter(j+2, b)
	if n == 0 || toks[s].cls.has(cFirstPerson) {
		return false
	}
	return p.askedFor(k, s, n, a, b)
}

// sentPassive handles a thing told sent in the passive, to nobody but the
// author: "access credentials were sent", "the keys have been sent to me". Sent
// to a party ("the draft was sent to legal") or off ("forms have been sent
// off") it went from the author, who now waits.
func (p *parser) sentPassive(k, a, b int, cond bool) bool {
	if !p.toks[k].cls.has(cThingArrivalVerb) || !(p.wordIs(k-1, a, b, cBe) || p.word(k-1, a, b) == "been") {
		return false
	}
	if nw := p.word(k+1, a, b); nw == "off" || nw == "out" || nw == "to" && !p.wordIs(k+2, a, b, cFirstPerson) || p.passedOn(k+1, b) {
		return false
	}
	return p.passiveArrival(k, a, b, cond)
}

// sentBy handles a thing named with the party that sent it ("reviewing the
// documents sent by the legal team", "the draft shared by design"): it came.
func (p *parser) sentBy(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.word(k+1, a, b) != "by" || k+2 >= b || p.targetAt(k+2, b) == 0 && !p.isParty(k+2, b) {
		return false
	}
	if k == a || toks[k-1].kind != tWord || toks[k-1].cls.has(cBe) || toks[k-1].cls.has(cPassiveAux) ||
		toks[k-1].cls.has(cFunctionWord) || toks[k-1].cls.has(cRecordNoun) {
		return false // "it was sent by legal": read as a passive arrival elsewhere, or not at all
	}
	p.note("sent-by", k, k+3)
	p.resolveIn(a, b, k+2, b)
	return true
}

// ruleBeing is the rule of the "being" cue family: an awaited act under way
// by someone else ("currently being reviewed by our legal team", "the PO is
// being processed"). The author is not its subject ("I'm being asked …").
func (p *parser) ruleBeing(k, a, b int, cond bool) bool {
	toks := p.toks
	if k+1 >= b || !toks[k+1].cls.has(cAwaitedAct) || !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	by := k + 3
	for by < b && toks[by].kind == tWord && toks[by].cls.has(cDet) {
		by++
	}
	if !toks[k+1].cls.has(cReviewAct) && !(p.word(k+2, a, b) == "by" && by < b && (p.isParty(by, b) || p.targetAt(by, b) > 0)) &&
		!p.accessBefore(k, a) {
		// "the bug is being fixed": work under way; "being fixed by the
		// vendor" waits, and so does access being made ("the API keys are
		// still being provisioned", "my account is being set up")
		return false
	}
	for j := a; j < k; j++ {
		if c := &toks[j].cls; toks[j].kind == tWord && c.has(cSubject) && (c.has(cFirstPerson) || c.has(cFirstPersonContraction)) {
			return false // "I'm being reviewed"; "my request is being processed" waits
		}
	}
	p.note("being-done", k, k+2)
	p.block(a, b, k+2, scopeAfter)
	if len(p.targets) == p.blockFrom {
		p.addTargets(a, k, a, scopeClause) // "the contract is being reviewed": the subject
	}
	return true
}

// accessBefore reports whether the subject of the verb group before k ends in
// an access word (lexicon class access-noun): "the API keys are still being
// provisioned", not "the login bug is being fixed".
func (p *parser) accessBefore(k, a int) bool {
	j := k - 1
	for j >= a && p.toks[j].kind == tWord && (p.toks[j].cls.has(cBe) || p.toks[j].cls.has(cLeadFiller)) {
		j--
	}
	return j >= a && p.toks[j].kind == tWord && p.toks[j].cls.has(cAccessNoun)
}

// ruleExpected is the rule of the "expected" cue family: a delivery that has
// not come yet ("the server is expected to ship in two weeks", "parts are due
// to arrive Friday", "replacements are on order").
func (p *parser) ruleExpected(k, a, b int, cond bool) bool {
	toks := p.toks
	if toks[k].cls.has(cExpectVerb) && !cond && !p.question && p.negated(k, a) && p.authorActs(k, a) && p.untilAfter(k, b) &&
		(p.word(k+1, a, b) == "to" && p.wordIs(k+2, a, b, cFutureReceive) || p.awaitedAfter(k, a, b)) {
		// "we do not expect to receive the books from the printer until
		// March", "don't expect the laptops before May": the author waits.
		p.note("not-expected-until", k, k+1)
		p.block(a, b, k+1, scopeAfter)
		return true
	}
	if !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	if toks[k].low == "order" || toks[k].low == "on-order" {
		if toks[k].low == "order" && p.word(k-1, a, b) != "on" {
			return false // "in order to", "the order form"
		}
	} else if p.word(k+1, a, b) != "to" || !p.wordIs(k+2, a, b, cShipVerb) {
		return p.expectFrom(k, a, b) || p.hopeFor(k, a, b)
	}
	if toks[k].cls.has(cExpectVerb) {
		// The author expects to receive: "expect to receive the proposal next
		// week", "hoping to hear from legal by Friday".
		if !p.wordIs(k+2, a, b, cReceiveVerb) {
			p.dismiss("distractor:own-deadline", k, k+2)
			return false // "I expect to be done Friday", "we expect to ship": the author's own work
		}
		p.note("expect-to-receive", k, k+3)
		p.block(a, b, k+3, scopeAfter)
		return true
	}
	for j := a; j < k; j++ {
		if toks[j].kind == tWord && (toks[j].cls.has(cFirstPerson) || toks[j].cls.has(cFirstPersonContraction)) {
			p.dismiss("distractor:own-deadline", k, k+1)
			return false // "we're expected to ship Friday": the author's own deadline
		}
	}
	for j := k - 1; j >= 0 && j >= k-2*maxClause; j-- {
		if toks[j].low == "your" {
			return false // "sorry your order is late … orders are expected to ship soon": the reader waits on the author
		}
	}
	p.note("expected-delivery", k, k+3)
	p.block(a, b, k, scopeBefore)
	p.supplierOwes(a, k)
	return true
}

// awaitedAfter reports whether what follows k names a thing people wait for
// or where it comes from: "the laptops from the vendor", "the signed DPA".
func (p *parser) awaitedAfter(k, a, b int) bool {
	for j := k + 1; j < b && j <= k+5; j++ {
		t := &p.toks[j]
		if t.kind != tWord {
			continue
		}
		if p.fromPartyAt(j, b) || t.cls.has(cResponseNoun) || t.cls.has(cAccessNoun) || p.artifactAt(j) {
			return true
		}
	}
	return false
}

// fromParty reports whether "from" and a party follow k within a few words:
// "the keys from IT".
func (p *parser) fromParty(k, b int) bool {
	for j := k + 1; j < b && j <= k+6; j++ {
		if p.fromPartyAt(j, b) {
			return true
		}
	}
	return false
}

// fromPartyAt reports whether "from" at j names a party other than the author.
func (p *parser) fromPartyAt(j, b int) bool {
	return p.toks[j].low == "from" && j+1 < b && p.partyOrPersonAt(j+1, b) && !p.toks[j+1].cls.has(cFirstPerson)
}

// lookingForward handles the author looking forward to what comes to them:
// "looking forward to (hopefully) receiving our permit any day now", "look
// forward to hearing back from legal". Looking forward to doing something
// ("looking forward to shipping it") waits on nothing.
func (p *parser) lookingForward(k, a, b int, cond bool) bool {
	toks := p.toks
	if toks[k].low != "forward" || !strings.HasPrefix(p.word(k-1, a, b), "look") || p.word(k+1, a, b) != "to" {
		return false
	}
	v := k + 2
	for v < b && (toks[v].kind == tPunct && (toks[v].punct == '(' || toks[v].punct == ')') ||
		toks[v].kind == tWord && strings.HasSuffix(toks[v].low, "ly")) {
		v++
	}
	if !p.wordIs(v, a, b, cFutureReceive) || !p.report(k, a, cond) || !p.authorActs(k, a) {
		return false
	}
	if w := p.word(v+1, a, b); !p.awaitedAfter(v, a, b) && !(strings.HasPrefix(toks[v].low, "hear") && (w == "from" || w == "back")) {
		return false
	}
	p.note("looking-forward-to-receive", k, v+1)
	p.block(a, b, v+1, scopeAfter)
	return true
}

// untilAfter reports whether "until" or "till" follows k in its clause.
func (p *parser) untilAfter(k, b int) bool {
	for j := k + 1; j < b; j++ {
		if w := p.toks[j].low; p.toks[j].kind == tWord && (w == "until" || w == "till") {
			return true
		}
	}
	return false
}

// expectFrom handles the author expecting an answer or a thing from a party:
// "expecting an update from them any day now", "we expect feedback from the
// client this week". What the author expects to do ("expecting a lot of
// traffic", "we expect to ship Friday") names no party it comes from.
func (p *parser) expectFrom(k, a, b int) bool {
	toks := p.toks
	if !toks[k].cls.has(cExpectVerb) || !p.authorActs(k, a) || p.negated(k, a) {
		return false
	}
	for j := a; j < k; j++ {
		if toks[j].kind == tMention || toks[j].capital && p.partyOrPersonAt(j, k) {
			p.dismiss("distractor:another-expects", j, k+1)
			return false // "Sam is expecting feedback from me": someone else expects
		}
	}
	for m := k + 1; m < b && m <= k+4; m++ {
		t := &toks[m]
		if t.kind != tWord || !(t.cls.has(cResponseNoun) || p.artifactAt(m)) {
			continue
		}
		for f := m + 1; f < b && f <= m+3; f++ {
			if toks[f].low == "from" && f+1 < b && !toks[f+1].cls.has(cFirstPerson) {
				p.note("expect-from", k, f+1)
				p.block(a, b, f+1, scopeAfter)
				if len(p.targets) == p.blockFrom {
					p.addTargets(k+1, f, k+1, scopeClause) // "expecting the contract back from them": the thing
				}
				return true
			}
		}
		return false
	}
	return false
}

// hopeFor handles the author hoping for a party's act or a thing's arrival:
// "hoping the vendor ships the parts this week", "hope my account gets
// unlocked", "hoping that he would send me a PO number". Hoping for the
// author's own doing ("hoping we ship Friday") or for luck ("hope the demo
// goes well") awaits nobody.
func (p *parser) hopeFor(k, a, b int) bool {
	toks := p.toks
	if w := toks[k].low; w != "hope" && w != "hoping" || !p.authorActs(k, a) || p.negated(k, a) {
		return false
	}
	j := k + 1
	if p.word(j, a, b) == "that" {
		j++
	}
	if j >= b || toks[j].kind == tWord && (toks[j].cls.has(cFirstPerson) && toks[j].cls.has(cSubject) ||
		toks[j].cls.has(cFirstPersonContraction) || toks[j].low == "you") {
		return false // "hoping we ship Friday"; "hope my account gets unlocked" hopes for the author's thing
	}
	for m := j + 1; m < b && m <= j+4; m++ {
		t := &toks[m]
		if t.kind != tWord {
			return false
		}
		party := toks[j].kind == tMention || p.isParty(j, b) || toks[j].cls.has(cOtherPronoun) && toks[j].low != "it" || p.givenName(j)
		switch {
		case party && (t.cls.has(cPartyAct) || t.cls.has(cWill) || t.low == "would" || t.low == "can" || t.low == "could") &&
			(t.cls.has(cPartyAct) || p.wordIs(m+1, a, b, cRequestVerb)):
		case (t.low == "gets" || t.low == "get" || t.cls.has(cBe)) && (p.wordIs(m+1, a, b, cArrivalVerb) ||
			p.wordIs(m+1, a, b, cDoneParticiple) || p.wordIs(m+1, a, b, cThingArrivalVerb)):
		default:
			continue
		}
		p.note("hope-for", k, m+1)
		p.block(a, b, j, scopeAfter)
		return true
	}
	return false
}

// ruleAskedTo is the rule of the "asked-to" cue family: the author asked a
// party to do what gates their work and no answer is told ("asked Dana to
// review the PR", "requested him to add me on Skype", "I asked the client to
// confirm the scope"). A later arrival in the report ("…, she approved it")
// clears it.
func (p *parser) ruleAskedTo(k, a, b int, cond bool) bool {
	if !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) || !p.authorActs(k, a) {
		return false
	}
	j, n := p.partyAfter(k+1, b)
	if n == 0 && (p.requestedFrom(k, a, b) || p.requestedThing(k, a, b)) {
		return true
	}
	if n > 0 && p.blocked && p.onlyPartiesAndTime(j, b) {
		// "Can't make the call until I have eng estimates — asked Tomek and
		// Rory on Friday": whom the author asked is whom the wait is on.
		p.note("asked-after-wait", k, b)
		p.block(a, b, j, scopeAfter)
		return true
	}
	if n > 0 && p.word(j+n, a, b) != "to" {
		return p.askedFor(k, j, n, a, b) // "asked the PM for clarification"
	}
	if n == 0 || !p.wordIs(j+n+1, a, b, cRequestVerb) && !p.aLook(j+n+1, a, b) && !p.soAuthorCan(j+n+1, a, b) {
		return false
	}
	p.note("asked-to", k, j+n+2)
	p.block(a, b, j, scopeAfter)
	return true
}

// onlyPartiesAndTime reports whether toks[j:b] names parties joined by
// "and", "&" or commas, then at most a time: "Tomek and Rory on Friday".
func (p *parser) onlyPartiesAndTime(j, b int) bool {
	toks := p.toks
	for j < b {
		s, n := p.partyAfter(j, b)
		if n == 0 || s != j {
			break
		}
		j = s + n
		if j < b && (toks[j].low == "and" || toks[j].kind == tPunct && (toks[j].punct == '&' || toks[j].punct == ',')) {
			j++
			continue
		}
		for m := j; m < b; m++ {
			if t := &toks[m]; t.kind == tWord && !t.cls.has(cTimeWord) && !t.cls.has(cTimeRelative) && t.low != "on" && t.low != "this" && t.low != "last" {
				return false
			}
		}
		return true
	}
	return false
}

// soAuthorCan reports whether a purpose after k says the author's work waits
// on the act asked for: "asked ops to open the port so I can test", "so that
// we can deploy", "so the team can work". "So they can learn" is theirs.
func (p *parser) soAuthorCan(k, a, b int) bool {
	toks := p.toks
	for m := k; m+2 < b; m++ {
		if toks[m].low != "so" || toks[m].kind != tWord {
			continue
		}
		s := m + 1
		if p.word(s, a, b) == "that" {
			s++
		}
		if p.word(s, a, b) == "the" && p.word(s+1, a, b) == "team" {
			s++
		} else if !p.wordIs(s, a, b, cFirstPerson) || !p.wordIs(s, a, b, cSubject) {
			return false
		}
		w := p.word(s+1, a, b)
		return w == "can" || w == "could"
	}
	return false
}

// authorActs reports whether the author, not someone else, is the subject of
// the verb at k: "asked Dana", "I asked the client", not "she asked me",
// "Dana asked us to wait".
func (p *parser) authorActs(k, a int) bool {
	toks := p.toks
	for j := a; j < k; j++ {
		if t := &toks[j]; t.kind == tWord && t.cls.has(cSubject) && !t.cls.has(cFirstPerson) && !t.cls.has(cFirstPersonContraction) &&
			!t.cls.has(cLeadFiller) && t.low != "and" {
			return false
		}
		if toks[j].kind == tMention || toks[j].capital && !toks[j].acronym && !toks[j].cls.has(cCommonCapital) && j > a {
			return false
		}
	}
	return true
}

// partyAfter finds the party named at j (a person, a mention, a role, a team,
// an outside body, or "him"/"them"), past its determiners: where its words
// start and how many there are, n = 0 when none is named there.
func (p *parser) partyAfter(j, b int) (start, n int) {
	toks := p.toks
	if j >= b {
		return j, 0
	}
	if t := &toks[j]; t.kind == tWord && t.capital && !t.cls.has(cCommonCapital) && !t.cls.has(cFirstPerson) {
		if role, after := p.orgFunction(j+1, b); role != "" {
			return j, after - j // "asked Acme legal to review it": the organisation's office of that role
		}
	}
	if n = p.targetAt(j, b); n > 0 {
		return j, n
	}
	if p.isParty(j, b) {
		for j < b && toks[j].cls.has(cDet) {
			j++
		}
		_, n = p.match(j)
		return j, n
	}
	if toks[j].cls.has(cOtherPronoun) && !toks[j].cls.has(cSubject) {
		return j, 1 // "requested him to add me"
	}
	return j, 0
}

// requestedThing handles the author's request for an answer or an access
// that names no party ("Requested access to the prod database", "I have
// requested approval for the trip"): the answer is awaited. "Requested
// changes" is a reviewer's verdict, not a request made.
func (p *parser) requestedThing(k, a, b int) bool {
	toks := p.toks
	// "Seeking approval from the board", "Nora is seeking sign-off": an answer
	// sought is awaited, whoever on the team seeks it.
	seeking := toks[k].low == "seeking" && !p.negated(k, a)
	progressive := toks[k].low == "requesting" && k > a && p.authorIsBefore(k, a) || seeking
	if toks[k].low != "requested" && !(toks[k].low == "requesting" && k == a) && !progressive {
		return false // "Requested access", "Requesting lab access" (a status line), "we are requesting access"
	}
	j := k + 1
	for j < b && toks[j].kind == tWord && (toks[j].cls.has(cDet) || j < k+3 && isModifier(&toks[j]) && !toks[j].cls.has(cStop) &&
		!toks[j].cls.has(cResponseNoun) && !toks[j].cls.has(cApprovalNoun) && !(progressive && p.artifactAt(j))) {
		j++ // "requested lab access"
	}
	if j >= b || toks[j].kind != tWord || !toks[j].cls.has(cResponseNoun) && !toks[j].cls.has(cApprovalNoun) &&
		!(progressive && p.artifactAt(j)) {
		return false
	}
	for e := j + 1; e < b; e++ {
		if toks[e].low == "from" {
			return false // "requested feedback from me": requestedFrom reads whom
		}
	}
	p.note("requested-thing", k, j+1)
	p.block(a, b, j, scopeAfter)
	return true
}

// authorIsBefore reports whether the author is the subject of the progressive
// at k: "we are requesting", "I'm requesting", "we're still requesting".
func (p *parser) authorIsBefore(k, a int) bool {
	toks := p.toks
	j := k - 1
	for j > a && toks[j].kind == tWord && toks[j].cls.has(cLeadFiller) {
		j--
	}
	if toks[j].kind != tWord {
		return false
	}
	if toks[j].cls.has(cFirstPersonContraction) {
		return true
	}
	return j > a && toks[j].cls.has(cBe) && toks[j-1].kind == tWord && toks[j-1].cls.has(cFirstPerson) && toks[j-1].cls.has(cSubject)
}

// requestedFrom handles the author asking a party for a thing ("Requested
// feedback from the legal team on the page location", "asked for an update
// from the vendor"): a response noun or an awaited thing, then "from" a party.
func (p *parser) requestedFrom(k, a, b int) bool {
	toks := p.toks
	j := k + 1
	if p.word(j, a, b) == "for" {
		j++
	}
	thing := false
	for j < b && j <= k+5 && toks[j].kind == tWord && toks[j].low != "from" {
		thing = thing || toks[j].cls.has(cResponseNoun) || p.artifactAt(j)
		j++
	}
	if !thing || p.word(j, a, b) != "from" || j+1 >= b || p.targetAt(j+1, b) == 0 && !p.isParty(j+1, b) ||
		toks[j+1].cls.has(cFirstPerson) {
		return false
	}
	p.note("requested-from", k, j+2)
	p.block(a, b, j+1, scopeAfter)
	return true
}

// ruleThrough is the rule of the "through" cue family: a thing going through a
// party or a pending state ("this is also going through legal", "the PO is
// going through procurement", "going through security review").
func (p *parser) ruleThrough(k, a, b int, cond bool) bool {
	toks := p.toks
	if pw := p.word(k-1, a, b); (pw == "went" || pw == "gone") && p.report(k, a, cond) && !p.conditionBefore(k, a) &&
		!p.negated(k-1, a) && (p.awaitedThingIn(a, k-1) || p.messageIn(a, k-1)) {
		// "our access request went through", "the payment has gone through": it came
		p.note("went-through", k-1, k+1)
		n0 := len(p.targets)
		p.resolveIn(a, b, a, k-1)
		p.nameAccess(n0, a, k-1)
		return true
	}
	// "this is going through legal"; "the code has to go through a legal
	// review", "it still needs to go through security".
	obliged := p.word(k-1, a, b) == "go" && (p.wordIs(k-2, a, b, cMustWait) ||
		p.word(k-2, a, b) == "to" && p.wordIs(k-3, a, b, cMustWait))
	if p.word(k-1, a, b) != "going" && !obliged || !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	j := k + 1
	for j < b && toks[j].kind == tWord && toks[j].cls.has(cDet) {
		j++
	}
	if j >= b || p.targetAt(j, b) == 0 && !p.isParty(j, b) && !toks[j].cls.has(cPendingState) && !p.reviewAt(j) ||
		toks[j].cls.has(cFirstPerson) {
		return false // "going through the logs", "going through my inbox"
	}
	for m := a; m < k; m++ {
		if toks[m].kind == tWord && toks[m].cls.has(cSubject) && (toks[m].cls.has(cFirstPerson) || toks[m].cls.has(cFirstPersonContraction)) {
			return false // "we're going through legal's comments": the author's own work
		}
	}
	p.note("going-through", k-1, j+1)
	p.block(a, b, j, scopeAfter)
	return true
}

// reviewAt reports whether an artifact that is a party's review or approval
// is named at j: "security review", "the legal sign-off".
func (p *parser) reviewAt(j int) bool {
	_, n := p.match(j)
	return p.artifactAt(j) && p.toks[j+n-1].kind == tWord && p.toks[j+n-1].cls.has(cApprovalNoun)
}

// messageIn reports whether toks[a:k] name a request, an application or the
// like (lexicon class message-noun).
func (p *parser) messageIn(a, k int) bool {
	for m := a; m < k; m++ {
		if p.toks[m].kind == tWord && p.toks[m].cls.has(cMessageNoun) {
			return true
		}
	}
	return false
}

// partyPromised handles a party that promised what the author awaits: "the
// vendor promised the parts by Friday", "legal promised to send the DPA". "As
// promised" and the author's own promises are no wait.
func (p *parser) partyPromised(k, a, b int) bool {
	toks := p.toks
	if p.word(k-1, a, b) == "as" {
		return false // "delivered as promised"
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cLeadFiller) || toks[j].low == "has" || toks[j].low == "have") {
		j--
	}
	if j < a || toks[j].kind == tWord && (toks[j].cls.has(cSubject) || toks[j].cls.has(cFirstPerson)) {
		return false
	}
	s := p.partyEnding(j)
	if s < 0 || k+1 >= b {
		return false
	}
	o := k + 1
	if toks[o].low == "to" && p.wordIs(o+1, a, b, cHandoverVerb) {
		o += 2
	}
	for m := o; m < b && m <= o+4; m++ {
		if toks[m].kind == tWord && (toks[m].cls.has(cFirstPerson) && !toks[m].cls.has(cSubject) || toks[m].cls.has(cBackReference)) {
			break // "promised us …", "promised it by Friday"
		}
		if e, n := p.match(m); n > 0 && e.class == classArtifact {
			break
		}
		if toks[m].kind != tWord || !toks[m].cls.has(cDet) && !isModifier(&toks[m]) {
			return false
		}
		if m == o+4 {
			return false
		}
	}
	p.note("party-promised", s, k+1)
	p.block(a, b, s, scopeClause)
	return true
}

// ruleWith is the rule of the "with" cue family: a thing that is with a party
// ("the contract is with legal", "current status is with <@U1> for the
// quote", "it's with procurement now"). The subject is a thing: "Sam is with
// the design team" and "we're with the client today" say where people are.
func (p *parser) ruleWith(k, a, b int, cond bool) bool {
	toks := p.toks
	be := k - 1
	// "queued with IT", "in progress with HR", "out for signature with the
	// client": a state of waiting between the verb and "with".
	switch {
	case p.wordIs(be, a, b, cHeldState):
		be--
	case be-1 > a && p.word(be-1, a, b) == "in" && p.wordIs(be, a, b, cPendingState) || p.word(be, a, b) == "progress" && p.word(be-1, a, b) == "in":
		be -= 2
	case be-2 > a && p.word(be-2, a, b) == "out" && p.word(be-1, a, b) == "for" && p.wordIs(be, a, b, cPendingState):
		be -= 3
	}
	k0 := k
	k = be + 1
	if k-2 < a || !(toks[k-1].cls.has(cBe) || toks[k-1].low == "still" && k0 > k) || toks[k-1].cls.has(cFirstPersonContraction) ||
		!p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false // "still open w/ Elena": a standup's shorthand keeps "still" for "is still"
	}
	s := &toks[k-2]
	if s.kind != tWord || s.cls.has(cFirstPerson) || s.cls.has(cOtherPronoun) || s.cls.has(cTroubleNoun) ||
		s.capital && !s.acronym && k-2 > a ||
		p.isParty(k-2, k-1) {
		return false
	}
	if _, name := firstNames()[s.low]; name {
		return false
	}
	j := k0 + 1
	for j < b && toks[j].kind == tWord && toks[j].cls.has(cDet) && !toks[j].cls.has(cFirstPerson) {
		j++
	}
	if j >= b || toks[j].cls.has(cFirstPerson) || p.targetAt(j, b) == 0 && !p.isParty(j, b) && !p.partyWord(j, a, b) &&
		!(toks[j].cls.has(cPartyPronoun) && toks[j].low != "their") {
		return false // "the platform team", a team by name, is a party too; "the ball is back with them" names it before
	}
	p.note("with-party", k-1, j+1)
	first := p.topic == ""
	n0 := len(p.targets)
	p.block(a, b, j, scopeAfter)
	if first && !s.cls.has(cBallWord) {
		// "pricing tiers for the data add-on are with <@U1> for sign-off", "the
		// landing copy is with compliance for the financial promotions review":
		// what is with the party is the thing awaited; an act is only its kind.
		end := k - 1
		for m := a; m < end; m++ {
			if w := p.toks[m].low; m > a && (w == "for" || w == "of" || w == "from") {
				end = m // "pricing tiers for the data add-on": the thing, not what it is for
				break
			}
		}
		if subj := p.nounClause(a, end, false); subj != "" && !noTopic(subj) && !p.emptyWord(subj[strings.LastIndexByte(subj, ' ')+1:]) &&
			!(p.toks[a].kind == tWord && p.toks[a].cls.has(cStop) && !p.toks[a].cls.has(cPureDet)) {
			if p.topic != "" && p.actWord(p.topic) {
				subj += " " + p.topic
			}
			for i := n0; i < len(p.targets); i++ {
				if p.targets[i].Topic == p.topic {
					p.targets[i].Topic = "" // what follows the party ("since 10/2") was no thing of its
				}
			}
			p.topic = subj
		}
	}
	return true
}

// rulePartyWill is the rule of the "party-will" cue family: a party will do
// what the author waits for ("Ugo will review the covenant over the weekend
// and give his feedback", "Enid is going to get us access tomorrow", "they
// will send it on e-mail ASAP"). The author's own plans ("I'll send it") and
// other acts ("Sam will present at the all-hands") are no wait.
func (p *parser) rulePartyWill(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.conditionBefore(k, a) || p.ifEarlier(a) {
		return false
	}
	if w := toks[k].low; w == "promised" || w == "promises" {
		return p.partyPromised(k, a, b)
	}
	if p.authorToReceive(k, a, b) {
		return true
	}
	if toks[k].cls.has(cFirstPersonContraction) {
		return false // "we'll", "I'll": only what the author will receive
	}
	v := k + 1
	s := -1
	switch w := toks[k].low; {
	case w == "going":
		if p.word(k+1, a, b) != "to" || !p.wordIs(k-1, a, b, cBe) {
			return false
		}
		v = k + 2
		s = k - 2
	case toks[k].cls.has(cSubject): // "they'll", "he'll"; "she'd" only as said: "Dana said she'd send it"
		said := p.wordIs(k-1, a, b, cSayVerb)
		if strings.HasSuffix(toks[k].low, "'d") && !said {
			return false
		}
		s = k
		if said && k-2 >= a && p.partyEnding(k-2) >= 0 && p.partyWord(k-2, a, k) && !toks[k-2].cls.has(cFirstPerson) {
			s = k - 2 // "legal said they'd review the DPA": who said it is the party
		}
	default:
		s = k - 1
	}
	for v < b && toks[v].kind == tWord && (toks[v].cls.has(cLeadFiller) || strings.HasSuffix(toks[v].low, "ly")) {
		v++
	}
	if v >= b || !toks[v].cls.has(cHandoverVerb) {
		return false
	}
	if toks[k].low == "should" && !p.handoverToAuthor(v, b) {
		return false // "devs should send PRs to main": a rule, not what the author awaits
	}
	if toks[v].low == "get" && !p.wordIs(v+1, a, b, cFirstPerson) &&
		!(p.word(v+1, a, b) == "back" && p.word(v+2, a, b) == "to" && p.wordIs(v+3, a, b, cFirstPerson)) {
		return false // "they will get to it": only "get us access" or "get back to us" hands something over
	}
	for s >= a && toks[s].kind == tWord && toks[s].cls.has(cLeadFiller) {
		s--
	}
	if s >= a && toks[s].cls.has(cCoordinator) {
		// "… and will send it": the subject opens the clause ("They have changed
		// the text and will send it"; "we are working on it and will review").
		s = a
		for s < k && toks[s].kind == tWord && (toks[s].cls.has(cCoordinator) || toks[s].cls.has(cLeadFiller)) {
			s++
		}
		if s < k && !toks[s].cls.has(cSubject) && p.partyEnding(s) < 0 {
			for s+1 < k && p.partyEnding(s+1) >= 0 && p.partyEnding(s+1) <= s {
				s++ // the last word of a party of several words: "the legal team"
			}
		}
	}
	if s < a || s > k || s == k && !toks[k].cls.has(cSubject) {
		return false
	}
	start := s
	if !(toks[s].cls.has(cSubject) && !toks[s].cls.has(cFirstPerson) && !toks[s].cls.has(cFirstPersonContraction) &&
		toks[s].low != "you" && toks[s].low != "you'll") {
		if start = p.partyEnding(s); start < 0 {
			return false
		}
	}
	if toks[s].cls.has(cFirstPerson) || toks[s].cls.has(cFirstPersonContraction) || toks[s].cls.has(cReader) {
		return false
	}
	p.note("party-will", start, v+1)
	p.block(a, b, start, scopeAfter)
	return true
}

// authorToReceive handles the author told to receive what they wait for:
// "I should receive the final mocks from Dana on Thursday", "we'll get our
// approval the first week of May", "should be getting the keys from IT
// tomorrow". What comes is from a party or is a thing people wait for;
// "I'll get back to you", "we should get lunch", "I'll get the PR reviewed"
// and "you should get an email" wait on nothing of the author's.
func (p *parser) authorToReceive(k, a, b int) bool {
	toks := p.toks
	switch t := &toks[k]; {
	case t.cls.has(cFirstPersonContraction):
		if !strings.HasSuffix(t.low, "'ll") {
			return false
		}
	case t.low == "should" || t.low == "will":
		s := k - 1
		for s >= a && toks[s].kind == tWord && toks[s].cls.has(cLeadFiller) {
			s--
		}
		if s >= a && !(toks[s].kind == tWord && toks[s].cls.has(cFirstPerson) && toks[s].cls.has(cSubject)) {
			return false // "you should get an email", "it will get resolved"
		}
	default:
		return false
	}
	v := k + 1
	for v < b && toks[v].kind == tWord && !toks[v].cls.has(cFutureReceive) &&
		(toks[v].cls.has(cLeadFiller) || toks[v].cls.has(cBe) || strings.HasSuffix(toks[v].low, "ly")) {
		v++
	}
	if v >= b || !toks[v].cls.has(cFutureReceive) {
		return false
	}
	for j := v + 1; j < b && j <= v+6; j++ {
		t := &toks[j]
		if t.kind != tWord {
			continue
		}
		if t.low == "to" || t.low == "you" || t.cls.has(cDoneParticiple) {
			return false // "get back to you", "get Sam to review it", "get the PR reviewed"
		}
	}
	if !p.awaitedAfter(v, a, b) || !p.report(k, a, false) || !p.fromParty(v, b) && !hasClass(toks[v:b], cDueTime) {
		return false // "we'll be receiving real feedback on the live service": no one, no when
	}
	p.note("author-to-receive", k, v+1)
	p.block(a, b, v+1, scopeAfter)
	return true
}

// ruleSubjectTo is the rule of the "subject-to" cue family: work gated on a
// party's consent ("officially that happens in July, subject to gathering two
// approvals from senior management", "subject to board approval").
func (p *parser) ruleSubjectTo(k, a, b int, cond bool) bool {
	toks := p.toks
	if p.word(k+1, a, b) != "to" || !p.report(k, a, cond) {
		return false
	}
	for j := k + 2; j < b && j <= k+7; j++ {
		if toks[j].cls.has(cApprovalWord) || toks[j].cls.has(cApprovalNoun) {
			p.note("subject-to", k, j+1)
			p.block(a, b, k+2, scopeAfter)
			return true
		}
	}
	return false
}

// ruleNegotiating is the rule of the "negotiating" cue family: terms not yet
// agreed with a party ("we are still negotiating with the insurers", "contract
// negotiations via the legal team are on-going").
func (p *parser) ruleNegotiating(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.conditionBefore(k, a) || p.pastTime(a, b) {
		return false
	}
	if toks[k].cls.has(cOngoingTalk) && p.word(k-1, a, b) != "still" && p.word(k-1, a, b) != "in" {
		return false // "discussing the design with product"; "still discussing with legal", "in talks with the vendor" wait
	}
	for j := k + 1; j < b && j <= k+4; j++ {
		if (toks[j].low == "with" || toks[j].low == "via") && j+1 < b && (p.targetAt(j+1, b) > 0 || p.isParty(j+1, b)) {
			p.note("negotiating", k, j+2)
			p.block(a, b, j+1, scopeAfter)
			return true
		}
	}
	for j := k + 1; j < b; j++ {
		if toks[j].cls.has(cOngoing) {
			p.note("negotiating", k, j+1)
			p.block(a, b, a, scopeClause)
			return true
		}
	}
	return false
}

// partyUnable handles a party that cannot do what the author needs ("ALC is
// unable to approve our new budget at this time", "legal can't sign until
// March"): a decision or an act withheld, which the author waits out.
func (p *parser) partyUnable(k, a, b int, cond bool) bool {
	toks := p.toks
	if toks[k].low == "can" || !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	v := k + 1
	if p.word(v, a, b) == "to" {
		v++
	}
	if !p.wordIs(v, a, b, cHandoverVerb) {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].cls.has(cLeadFiller)) && !toks[j].cls.has(cFirstPersonContraction) {
		j--
	}
	if j < a {
		return false
	}
	s := p.partyEnding(j)
	if s < 0 && toks[j].acronym && toks[j].cls == (classSet{}) && !p.artifactAt(j) {
		s = j // "ALC is unable to approve": a body known by its initials
	}
	if s < 0 || toks[j].cls.has(cSubject) {
		return false // "we can't sign yet", "they can't": whose act is unclear
	}
	p.note("party-unable", s, v+1)
	p.block(a, b, s, scopeAfter)
	return true
}

// ruleReadyFor is the rule of the "ready-for" cue family: the author's part is
// done and the thing waits for a party's act ("it's now ready for the legal
// committee to review", "ready for QA", "ready for your sign-off <@U1>").
func (p *parser) ruleReadyFor(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	if nw := p.word(k+1, a, b); (nw == "" || nw == "now") && !p.futureBefore(k, a) && p.othersThingIs(k, a, true) {
		p.note("thing-ready", k-1, k+1) // "the mocks are ready": what a party owed came
		p.resolveIn(a, b, a, k)
		return true
	}
	if p.word(k+1, a, b) != "for" {
		return false
	}
	j := k + 2
	for j < b && toks[j].kind == tWord && toks[j].cls.has(cDet) && !toks[j].cls.has(cFirstPerson) {
		j++
	}
	if j >= b || toks[j].cls.has(cFirstPerson) || j > k+2 && toks[j-1].low == "your" {
		return false // "ready for my review": the author acts next; "ready for your review": the reader's turn
	}
	switch {
	case toks[j].cls.has(cPendingState) || toks[j].cls.has(cApprovalWord):
		// "ready for review", "ready for signature"; "ready for comments" invites anyone
	case toks[j].kind == tMention || p.isParty(j, b) || qaWord(toks[j].low):
		// "ready for the legal committee to review", "ready for QA"
	default:
		return false // "ready for the demo", "ready for launch"
	}
	p.note("ready-for", k, j+1)
	p.block(a, b, j, scopeAfter)
	return true
}

// rulePlease is the rule of the "please" cue family: a request to a named
// party that gates the author's work ("<@U1> Please help with the data
// review", "<@U1> please approve the IRB form"). Without someone addressed
// ("please send your comments by Friday") it is a call to anyone.
func (p *parser) rulePlease(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.conditionBefore(k, a) {
		return false
	}
	v := k + 1
	if v < b && toks[v].low == "help" {
		v++ // "please help review", "please help with the data review"
		if p.word(v, a, b) == "with" {
			v++
		}
	}
	asked := toks[k].cls.has(cAskItself) // "<@U1> lmk when I should merge"
	for m := v; m < b && m <= v+2 && !asked; m++ {
		asked = (toks[m].cls.has(cHandoverVerb) && toks[m].low != "get") || toks[m].cls.has(cApprovalNoun) ||
			toks[m].cls.has(cPendingState) ||
			toks[m].low == "let" && p.wordIs(m+1, a, b, cFirstPerson) && p.word(m+2, a, b) == "know"
	}
	if !asked {
		return false // "please note the new times", "please get some rest"
	}
	addressed := -1
	for j := p.sentA; j < k; j++ {
		if toks[j].kind == tMention {
			addressed = j
		}
	}
	if addressed < 0 {
		return p.pleaseOwn(v, a, b) // "please review my PR": asked of whoever reads it
	}
	for addressed > p.sentA && toks[addressed-1].kind == tMention {
		addressed-- // "<@U1> <@U2> please …": both are asked
	}
	p.note("please-party", addressed, v+1)
	p.block(p.sentA, b, addressed, scopeAfter)
	return true
}

// pleaseOwn handles a request to whoever reads it for an act on the author's
// own awaited thing: "please review my PR", "please approve our access
// request". The wait names the thing; "please note my new hours" asks for
// no act a rule knows, and "please review the doc" may be the author's ask of
// a reviewer they are, so only "my" or "our" thing counts.
func (p *parser) pleaseOwn(v, a, b int) bool {
	toks := p.toks
	for m := v; m < b && m <= v+2; m++ {
		if !toks[m].cls.has(cRequestVerb) {
			continue
		}
		o := m + 1
		if o+1 >= b || !toks[o].cls.has(cFirstPerson) || toks[o].cls.has(cSubject) || !p.artifactAt(o+1) {
			return false
		}
		p.note("please-own", m, o+2)
		p.block(a, b, o+1, scopeAfter)
		return true
	}
	return false
}

// rulePossible is the rule of the "possible" cue family: the author asks
// whether they may have a thing, with no "you" to ask ("Is it possible to
// get access to the staging db?", "would it be possible to have the keys?").
// What it asks for must be a thing people wait for; "is it possible to get
// a coffee?" waits on nothing.
func (p *parser) rulePossible(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.question || p.word(k+1, a, b) != "to" || !p.wordIs(k+2, a, b, cAskedThing) {
		return false
	}
	if !(p.word(k-1, a, b) == "be" && p.word(k-2, a, b) == "it" || p.wordIs(k-1, a, b, cBe) && p.word(k-2, a, b) == "it" ||
		p.word(k-1, a, b) == "it" && p.wordIs(k-2, a, b, cBe)) {
		return false
	}
	o := k + 3
	for o < b && toks[o].kind == tWord && (toks[o].cls.has(cDet) || toks[o].cls.has(cFirstPerson)) {
		o++
	}
	if o >= b || !p.artifactAt(o) {
		return false
	}
	p.note("asked-possible", k, o+1)
	p.block(a, b, o, scopeAfter)
	return true
}

// hadNoResponse handles "did not have/get/receive a response" at "not" (k):
// "I sent the signed PDF in July. But I did not have response."
func (p *parser) hadNoResponse(k, a, b int, cond bool) bool {
	toks := p.toks
	if toks[k].low != "not" || cond || p.question || hypothetical(toks, a, k) {
		return false
	}
	v := k + 1
	if v >= b || !(toks[v].cls.has(cReceiveVerb) || toks[v].low == "have") {
		return false
	}
	for j := v + 1; j < b && j <= v+3; j++ {
		if toks[j].cls.has(cResponseNoun) || toks[j].cls.has(cApprovalWord) {
			p.note("had-no-response", k, j+1)
			p.block(a, b, j, scopeAfter)
			return true
		}
		if !toks[j].cls.has(cDet) && !isModifier(&toks[j]) {
			return false
		}
	}
	return false
}

// haveToGet handles "have to get it signed off by legal first": the author
// needs a party's act before going on.
func (p *parser) haveToGet(k, a, b int, cond bool) bool {
	toks := p.toks
	if p.word(k+1, a, b) != "to" || p.word(k+2, a, b) != "get" || cond || hypothetical(toks, a, k) || p.negated(k, a) {
		return false
	}
	for j := k + 3; j < b && j <= k+8; j++ {
		if toks[j].low == "by" && j+1 < b && (p.isParty(j+1, b) || p.targetAt(j+1, b) > 0) && !toks[j+1].cls.has(cFirstPerson) {
			p.note("have-to-get", k, j+2)
			p.block(a, b, j+1, scopeAfter)
			return true
		}
	}
	return false
}

// whenHearBack handles the author's next step gated on an answer: "will close
// this when I hear back from her", "I'll merge it when we get the sign-off".
func (p *parser) whenHearBack(k, a, b int) bool {
	toks := p.toks
	if toks[k].low != "when" || p.question || k+2 >= b {
		return false
	}
	s := &toks[k+1]
	if !s.cls.has(cSubject) || !s.cls.has(cFirstPerson) && !s.cls.has(cFirstPersonContraction) {
		return false
	}
	v := &toks[k+2]
	if !v.cls.has(cReceiveVerb) || v.low == "see" {
		return false
	}
	if p.word(k+3, a, b) != "back" && !p.wordIs(k+3, a, b, cDet) && !p.wordIs(k+3, a, b, cApprovalWord) &&
		!p.wordIs(k+3, a, b, cResponseNoun) {
		return false // "when we get to it", "when I get time"
	}
	if p.word(k+3, a, b) == "back" && v.low != "hear" && p.word(k+4, a, b) != "from" {
		return false // "when we get back into the office": a return, no answer
	}
	p.note("when-hear-back", k, k+4)
	p.block(a, b, k+3, scopeAfter)
	return true
}

// rulePartyAtWork is the rule of the "party-at-work" cue family: a party told
// at work on what the author needs, with nothing yet come of it ("legal is
// reviewing the terms", "security is still looking into our exception",
// "Sam is reviewing my PR"). The party is a role, team or outside body, or a
// person at work on the author's own thing; "we are reviewing", "Sam is
// reviewing the docs" (news of a colleague) and "looking forward" are not.
func (p *parser) rulePartyAtWork(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.conditionBefore(k, a) || p.futureBefore(k, a) || p.pastTime(a, b) {
		return false
	}
	nw := p.word(k+1, a, b)
	if toks[k].low == "looking" && nw == "for" {
		return p.lookingForHelp(k, a, b) // "looking for a reviewer for the auth PR"
	}
	if toks[k].low == "looking" && nw != "into" && nw != "at" {
		return false // "looking forward", "looking good"
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cLeadFiller) || toks[j].low == "now") {
		j--
	}
	aux := j
	if j >= a && toks[j].kind == tWord && !toks[j].cls.has(cBe) && p.hasWord(j+1, k, "still") {
		aux = j + 1 // "legal still reviewing the DPA": a standup's shorthand without "is"
	} else if j < a || toks[j].kind != tWord || !toks[j].cls.has(cBe) || toks[j].cls.has(cFirstPersonContraction) {
		return false // "reviewing mocks" (the author's own act), "we're reviewing"
	}
	s := p.partyAt(aux-1, a)
	if s < 0 && p.bodyByInitials(aux-1, a) && (p.word(k+1, a, b) == "" || p.wordIs(k+1, a, b, cFirstPerson)) {
		// "ESRB still reviewing.": initials nobody configured, alone before
		// the act, are a body at work on what the author awaits.
		p.note("party-at-work", aux-1, k+1)
		p.block(a, b, aux-1, scopeClause)
		if p.waitNamesNoParty() {
			p.addTarget(unblock.Target{Kind: unblock.TargetTeam, Name: p.span(aux-1, aux)})
		}
		return true
	}
	if s < 0 {
		return false
	}
	for m := a; m < s; m++ {
		if toks[m].kind == tWord && (toks[m].cls.has(cFirstPerson) || toks[m].cls.has(cCondition) || toks[m].cls.has(cNegator)) {
			return false // "while we wait for legal…", "if legal is reviewing"
		}
	}
	// What the party works on must be what the author awaits: the author's own
	// thing ("Sam is reviewing my PR"), a pronoun for it ("infra is looking into
	// it"), or, from a role, team or outside body, a definite thing with an owner
	// ("legal is reviewing the terms"). "The board is evaluating three proposals",
	// "legal is reviewing all vendor contracts" and "security is looking into the
	// incident" are news; a person at work on anything but the author's is too.
	own, pronoun, thing := false, false, false
	o := k + 1
	if w := p.word(o, a, b); w == "into" || w == "at" || w == "on" {
		o++
	}
	if o == b {
		thing = true // "Anaconda legal is reviewing."
	}
	if o < b && toks[o].kind == tWord {
		switch t := &toks[o]; {
		case t.cls.has(cFirstPerson) && !t.cls.has(cSubject):
			own = true
		case t.low == "it" || t.low == "this" || t.low == "them":
			pronoun = true
		case t.cls.has(cDet) && !t.cls.has(cQuantifier) && !t.cls.has(cIndefiniteDet):
			for m := o + 1; m < b && m <= o+3; m++ {
				if toks[m].kind != tWord || toks[m].cls.has(cIncidentNoun) {
					break
				}
				if e, n := p.match(m); n > 0 && e.class == classArtifact && e.strength > ownerNone {
					thing = true
					break
				}
				if !isModifier(&toks[m]) {
					break
				}
			}
		}
	}
	if e, n := p.match(s); n == 0 || e.class == classPerson {
		thing, pronoun = false, false // a colleague at work on "it" is news ("Greta is reviewing it with our attorney")
	}
	if !own && !thing && !pronoun {
		return false
	}
	p.note("party-at-work", s, k+1)
	p.block(a, b, s, scopeClause)
	return true
}

// bodyByInitials reports whether toks[j] is initials the lexicon does not
// know, opening the clause at a: "ESRB", "FCA" (a body's name, not a thing's).
func (p *parser) bodyByInitials(j, a int) bool {
	if j != a || j < 0 {
		return false
	}
	t := &p.toks[j]
	_, n := p.match(j)
	return t.kind == tWord && t.acronym && len(t.low) >= 2 && len(t.low) <= 6 && n == 0 && t.cue == 0 && !p.artifactAt(j)
}

// ruleOverdue is the rule of the "overdue" cue family: an awaited thing told
// outstanding, overdue or late ("approval from legal is outstanding", "the
// vendor's quote is late", "feedback from the client is overdue"). The subject
// must be a thing someone owes: "I'm late" and "it's late" await nothing.
func (p *parser) ruleOverdue(k, a, b int, cond bool) bool {
	toks := p.toks
	if p.blocked || !p.report(k, a, cond) || p.conditionBefore(k, a) || p.negated(k, a) {
		return false // "blocked on design. Checkout mocks are late": the wait is told already
	}
	if k+1 < b && toks[k+1].kind == tWord && isModifier(&toks[k+1]) && !toks[k+1].cls.has(cTimeWord) {
		return false // "outstanding work", "late night": a word of a noun, not a state
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cLeadFiller) || toks[j].low == "now") {
		j--
	}
	if j < a || !toks[j].cls.has(cBe) || toks[j].cls.has(cFirstPersonContraction) {
		return false
	}
	owed := false
	for m := a; m < j; m++ {
		t := &toks[m]
		if t.kind != tWord {
			continue
		}
		if t.cls.has(cFirstPerson) && t.cls.has(cSubject) || t.cls.has(cOtherPronoun) {
			return false
		}
		owed = owed || t.cls.has(cApprovalNoun) || t.cls.has(cResponseNoun)
	}
	if !owed && !p.ownedThingIn(a, j) {
		return false
	}
	p.note("overdue", j, k+1)
	p.block(a, b, a, scopeClause)
	return true
}

// lookingForHelp handles the author looking for someone to act on their work:
// "looking for a reviewer for the auth PR", "still looking for someone from
// data to help with the schema". The author waits on whoever answers: the
// party named, else nobody named. "Looking for a new job" asks no one.
func (p *parser) lookingForHelp(k, a, b int) bool {
	toks := p.toks
	for m := a; m < k; m++ {
		if t := &toks[m]; t.kind == tWord && (t.cls.has(cOtherPronoun) || t.cls.has(cSubject) && !t.cls.has(cFirstPerson) &&
			t.low != "also" && t.low != "just" && t.low != "and") {
			return false // "they are looking for a reviewer": someone else's search
		}
	}
	j := k + 2
	for j < b && toks[j].kind == tWord && toks[j].cls.has(cDet) {
		j++
	}
	if j >= b || !toks[j].cls.has(cHelperNoun) {
		return false
	}
	p.note("looking-for-help", k, j+1)
	p.block(a, b, j, scopeAfter)
	return true
}

// authorSubjectAmong reports whether toks[a:b] hold the author as a subject
// ("I", "we", "we're"; not "our", whose thing may well be in someone's hands).
func (p *parser) authorSubjectAmong(a, b int) bool {
	for m := a; m < b; m++ {
		if c := &p.toks[m].cls; c.has(cFirstPerson) && c.has(cSubject) || c.has(cFirstPersonContraction) {
			return true
		}
	}
	return false
}

// handoverToAuthor reports whether what is handed over from v on comes to the
// author or has a time: "should provide us with feedback", "should send it by
// Friday". Said with "should", only that makes a party's act awaited.
func (p *parser) handoverToAuthor(v, b int) bool {
	for j := v + 1; j < b; j++ {
		if c := &p.toks[j].cls; c.has(cFirstPerson) || c.has(cDayWord) || c.has(cTimeWord) {
			return true
		}
	}
	return false
}

// aLook reports whether the words at k ask for a look: "take a look", "have a
// quick look", "give it a pass".
func (p *parser) aLook(k, a, b int) bool {
	if w := p.word(k, a, b); w != "take" && w != "have" && w != "give" {
		return false
	}
	for j := k + 1; j < b && j <= k+4; j++ {
		if p.wordIs(j, a, b, cLookNoun) {
			return true
		}
		if p.toks[j].kind != tWord {
			return false
		}
	}
	return false
}
