package parse

import (
	"strings"
	"unicode"

	"github.com/unblock-dev/unblock"
)

// scope says where a cue's targets are: after the cue ("waiting on design"),
// before it ("the API spec is blocking me"), or in the whole clause.
type scope uint8

const (
	scopeAfter scope = iota
	scopeBefore
	scopeClause
)

// clause reads toks[a:b] in section sec.
func (p *parser) clause(a, b int, sec section) {
	p.visit(b - a)
	toks := p.toks
	p.curSec = sec
	cond := p.cond
	if cond && p.condTime && hasClass(toks[a:b], cPastTense) {
		// "After lunch, the design was approved by Gautam": a clause told in
		// the past after "after", "when" or "once" is dated by it, not
		// conditional on it.
		cond = false
	}
	p.cond, p.condTime = false, false
	if p.blocked && a > 0 && b < len(toks) && toks[a-1].kind == tPunct && toks[a-1].punct == '(' &&
		toks[b].kind == tPunct && toks[b].punct == ')' && shortAside(toks, a-1) {
		// "waiting on Redline (our pentest vendor) for the final report",
		// "design (Chloe)", "the keys (partner ticket #88213)": what the
		// brackets say of the wait before is no wait of its own; a person
		// named there after a role is whom it is on.
		if p.blockClause == p.clauseNo && p.bracketParty(a, b) {
			// "B: Corvid data-sharing addendum (legal)": the thing was named
			// by the outsider it concerns; the brackets say whom it is
			// awaited from.
			p.note("target:bracket-party", a-1, b+1)
			e, _ := p.match(a)
			p.targets = p.targets[:p.clauseN0]
			p.addTarget(unblock.Target{Kind: unblock.TargetRole, Name: p.span(a, b), Role: e.role})
			p.wantTargets = false
		} else if m := p.bracketPerson(a, b); m >= 0 {
			// "B: case study approval (Marta)", "font licence (from Sandra)":
			// after a thing, the person in brackets is whom it is awaited from.
			p.note("target:bracket-person", a-1, b+1)
			p.addPerson(p.personName(m, m+1), m, m+1, b)
			p.wantTargets = false // whom it is on is said
		} else if n := len(p.targets); n > 0 {
			p.apposition(n-1, a-1, b+1)
		}
		if p.topic == "" && !p.describesParty(a, b) {
			for k := a; k < b; k++ {
				if p.artifactAt(k) {
					p.topic = p.nounClause(a, b, false) // "Blocked on legal (DPA review)": what it is for
					break
				}
			}
		}
		p.note("aside", a, b)
		p.afterAside = true
		return
	}
	afterAside := p.afterAside
	p.afterAside = false
	if w := toks[a].low; toks[a].kind == tWord {
		switch {
		case toks[a].cls.has(cConditionOpener):
			p.cond = !p.timeSpanAfter(a+1, b) // "after a week, I am still waiting": a time, no condition
			p.condTime = toks[a].cls.has(cTimeOpener)
		case w == "as":
			p.cond = a+2 < b && toks[a+1].low == "soon" && toks[a+2].low == "as"
		}
	}

	if p.curSec == secBlock && p.itemClause == p.clauseNo && p.ownFixing(a, b) {
		// "Anything blocking your progress? Flaky e2e test on the upload
		// page, investigating", "Test data for alerts is messy, cleaning it
		// up": the item is trouble the author is fixing, no wait.
		p.dismiss("blockers-section-own-fixing", a, b)
		p.targets = p.targets[:p.itemN0]
		if p.blockFrom >= p.itemN0 {
			p.blocked = false
			p.topic = ""
		}
		p.itemClause = -1
		return
	}
	if p.blocked && !p.sentBlocked && p.handedOver(a, b) {
		// "It's with Gráinne now so that one's his to chase, not mine": the
		// wait the sentence told is someone else's to chase now, not the
		// author's.
		p.dismiss("handed-over", a, b)
		p.blocked = false
		p.targets = p.targets[:p.sentTargets]
		p.topic = ""
		p.wantTargets, p.wantTopic = false, false
		return
	}
	if p.selfWork(a, b) {
		// "…, I'll pair with <@U1> on it": the author's own work, no wait.
		if p.blocked && !p.sentBlocked {
			p.withdraw(a, b)
		}
		return
	}
	if p.wantTopic && p.blocked && p.topic == "" && a > 0 && p.toks[a-1].kind == tPunct {
		p.wantTopic = false
		if !noneAnswer(toks[a:b]) && !p.ownActivity(a) { // "SCIM date: nope": a none is no topic
			p.topic = p.nounClause(a, b, false)
		}
	}
	if p.wantTargets && p.blocked && a > 0 && (sentenceEnd(&p.toks[a-1]) || p.toks[a-1].kind == tBreak || p.toks[a-1].kind == tPunct && p.toks[a-1].punct == ',') &&
		p.ownGerundOpening(p.afterLeads(a, b)) && p.hasWord(a, b, "'s") {
		// "Waiting on the ESRB for the rating. Reviewing Dev's terms this
		// week.", "Meanwhile reviewing Mei's regression plan": the next
		// sentence is the author's own work on others' things; whose things
		// they are is no party of the wait.
		p.wantTargets = false
	}
	if p.wantTargets && p.blocked && !p.colleagueActs(a, b) {
		p.wantTargets = false
		if n, topic := p.addTargets(a, b, a, scopeClause); n > 0 && topic != "" && p.topicFromCue {
			if t := p.topicFor(p.art, a, b); p.topic == "" || !p.emptyWord(t) {
				p.topic = t // "any ETA?" names no thing: the one told before stays
			}
		}
	}
	words := 0
	for k := a; k < b; k++ {
		if toks[k].kind != tPunct {
			words++
		}
	}
	if words == 0 {
		return
	}
	p.wordClauses++
	if sec == secNone || sec == secBlock || sec == secRisk {
		p.saidStill = p.saidStill || hasClass(toks[a:b], cGoesOn)
	}

	if p.nothingBack(a, b, cond) {
		return
	}
	none := noneAnswer(toks[a:b]) || (sec == secBlock || sec == secRisk) && noneWithReason(toks[a:b])
	if none && (sec == secDone || sec == secPlan || sec == secOther) && blockNounIn(toks[a:b]) {
		// "*Today:* the audit log\n*Blockers* none": a Blockers line without
		// its colon, read while the Today section is open, is the explicit
		// none it says, not a blocker whose topic is "none".
		p.none = true
		p.noneWhole = p.noneWhole || !hasClass(toks[a:b], cNoneExcept)
		p.noneClauses++
		p.note("none-explicit", a, b)
		return
	}
	if none && sec != secBlock && sec != secRisk && p.lastCell(a, b, sec) {
		// "Did: opened a PR - Doing: issue #21 - None", "Week 9 Status Report
		// - meet the advisor - met the advisor - None": a row of a standup's
		// cells whose last, the blockers cell, answers none.
		p.none = true
		p.noneWhole = p.noneWhole || !hasClass(toks[a:b], cNoneExcept)
		p.noneClauses++
		p.note("none-last-cell", a, b)
		return
	}
	switch sec {
	case secNone:
		if none {
			p.noneClauses++
			if p.sentenceOfItsOwn(a, b) {
				p.ownNone = p.wordClauses
			}
			if b-a == 2 && isNegator(&toks[a]) && toks[a+1].cue == blockFamily && !toks[a+1].cls.has(cBlockerNoun) && p.choiceBefore(a) {
				// "We decided to hold the dashboard until Q3 — deliberate, not
				// blocked": the deferral chosen is not blocked, which says
				// nothing of the author's other waits.
				p.dismiss("not-blocked-by-choice", a, b)
				return
			}
			if blockNounIn(toks[a:b]) || toReport(toks[a:b]) || thereWasNo(toks[a:b]) {
				p.none = true // "No blockers today", "nothing blocking", "no problems to report": explicit whatever else is said
				p.noneWhole = p.noneWhole || !hasClass(toks[a:b], cNoneExcept)
				p.note("none-explicit", a, b)
			} else {
				p.note("none-answer", a, b)
			}
			return
		}
		if !onlyFiller(toks[a:b]) && !p.label(a, b) {
			p.contentClauses++
		}
	case secBlock, secRisk:
		if none && p.itemClause > 0 && p.itemClause == p.clauseNo && a > 0 && toks[a-1].kind == tPunct &&
			toks[a-1].punct == ':' {
			// "Blockers: SCIM date: nope", "B: pilot list from Oliver: nothing
			// yet": the none answers for the item named before it, still
			// missing; it says nothing of the author's other blockers.
			p.note("blockers-item-not-yet", a, b)
			if p.blocked && p.topic == "" {
				p.topic = p.nounClause(p.itemA, p.itemB, false) // "SCIM date": what is still missing
				p.wantTopic = p.topic == ""
			}
			return
		}
		if none && sec == secBlock {
			if o, c := p.stillAside(b); c > o {
				// "Blockers: nothing new (still the Corvid samples)": nothing
				// new, and the wait in brackets goes on.
				p.note("none-but-still", a, c+1)
				p.block(o+1, c, o+2, scopeClause)
				if p.topic == "" {
					p.topic = p.nounClause(o+2, c, false)
				}
				return
			}
		}
		if none {
			p.none = true
			p.noneWhole = p.noneWhole || sec == secBlock && !hasClass(toks[a:b], cNoneExcept)
			p.noneInBlockSec = p.noneInBlockSec || sec == secBlock
			p.sectionSaidNone = true
			p.note("none-in-section", a, b)
			return
		}
	}

	heading := false
	if sec == secBlock && p.itemClause > 0 && p.itemClause == p.clauseNo && a > 0 && toks[a-1].kind == tPunct &&
		toks[a-1].punct == ':' && len(p.targets) == p.itemN1 && p.cueIn(a, b) {
		heading = true
		// "B: SOC 2 evidence: need the data-flow diagram from <@U1>": the
		// item before the colon heads the wait its clause tells.
		p.note("blockers-item-heading", p.itemA, p.itemB)
		p.targets = p.targets[:p.itemN0]
		p.topic = ""
		p.prevA, p.prevB = -1, -1 // nor is it the clause before that names what the wait is on
	}
	if p.sameSituation(a, b) && !p.blocked && !p.resolved && !p.none &&
		!((sec == secPlan || sec == secDone) && a > 0 && p.toks[a-1].kind == tPunct && p.toks[a-1].punct == ':') {
		// "Same situation with Corvid samples.", "Same as yesterday re POD
		// screens": the author's waits are as they were ("Today: same as
		// yesterday for the migration" is the day's work).
		p.note("same-situation", a, b)
		p.continues = true
		return
	}
	before, noneBefore := p.blocked, p.none
	found := p.cues(a, b, cond)
	if heading && p.blocked && p.topic == "" {
		p.topic = p.nounClause(p.itemA, p.itemB, false) // "B: DPA: still waiting on legal": the heading says what
	}
	if !found && p.blocked && p.blockClause == p.clauseNo-1 && p.andOnParty(a, b) {
		// "waiting on legal for the amendment, and on Declan to sign off the
		// budget": the clause goes on with the cue of the one before.
		p.note("coordinated-wait", a, a+2)
		p.block(a, b, a+2, scopeAfter)
		found = true
	}
	if sec == secBlock && p.none && !noneBefore && !p.blocked {
		// "Blockers: although not a blocker, …": the section says none.
		p.sectionSaidNone, p.noneInBlockSec = true, true
	}
	if found || sec != secBlock || p.sectionSaidNone {
		// After "B: none", a remark ("but next week is busy") is no blocker
		// unless a cue says so.
		return
	}
	// In a Blockers section, what is written is the blocker, unless it is
	// only a condition or filler.
	if before == p.blocked && onlyFiller(toks[a:b]) && sameAsBefore(toks[a:b]) {
		// "Blockers: same as yesterday", "ditto": the blockers are as they
		// were, whatever they were; the ledger keeps the author's open ones and
		// opens none (Statement.Continues).
		p.note("blockers-section-same", a, b)
		p.continues = true
		return
	}
	if before != p.blocked || onlyFiller(toks[a:b]) || onlyNumbers(toks[a:b]) || hypothetical(toks, a, b) {
		return // "(3000)" after a clause names nothing of its own
	}
	if p.resolutions > p.sentResolutions {
		// "Blockers: (no longer a blocker) the paper's deadline": the text
		// names what cleared, not a new blocker.
		p.note("blockers-section-cleared", a, b)
		return
	}
	if b < p.sentB && allIn(toks[a:b], cAffirmative) {
		// "Did you get stuck anywhere? Yes, while …": the words after the yes
		// tell whether anything is awaited.
		p.note("blockers-section-yes", a, b)
		return
	}
	if w := p.word(a, a, b); (w == "need" || w == "have") && p.word(a+1, a, b) == "to" && a+2 < b &&
		p.toks[a+2].kind == tWord && !p.toks[a+2].cls.has(cNeedToVerb) && !p.partyAmong(a, b) {
		// "Blockers: need to finish the migration first": the author's own
		// next step ("need to get access", "need to hear back" wait on others).
		p.dismiss("blockers-section-own-step", a, b)
		return
	}
	if questionAgain(toks[a:b]) {
		// "Anything blocking you? (What do you need from whom) - No": the
		// question said again in other words, not an answer.
		p.note("blockers-section-question", a, b)
		return
	}
	if p.ownDelivery(a, b) {
		// "B: Sent Raj the onboarding mocks. Copy from product is still
		// pending": what the author handed a colleague is no wait of hers.
		p.dismiss("blockers-section-own-delivery", a, b)
		return
	}
	if p.word(a, a, b) == "on" && p.word(a+1, a, b) == "it" && p.onlyTimeAfter(a+2, b) {
		// "…, on it today": the author is at it, no wait.
		p.note("blockers-section-on-it", a, b)
		return
	}
	if p.wantsFromAuthor(a, b) {
		// "B: in-stock date (Sam). also Rebecca wants my forecast, on it
		// today": a colleague waits on the author, no wait of the author's.
		p.dismiss("blockers-section-wants-from-author", a, b)
		return
	}
	if p.partyPresses(a, b) {
		// "B: Aylin's QA report, Helix asking daily": the customer presses
		// the author; a remark on the wait before, no wait of its own.
		p.note("blockers-section-pressure", a, b)
		return
	}
	if p.ownTrouble(a, b) && !p.namesParty(a, b) {
		// "Did you get stuck anywhere? Yes, while implementing the client I got
		// errors which I will fix", "merge conflicts … (Flutter issues)":
		// trouble in the author's own work, with nobody and nothing awaited named.
		p.dismiss("blockers-section-own-trouble", a, b)
		return
	}
	if p.dismissed && p.dismissedAt >= a && p.dismissedAt < b {
		// "… Sofie says it depends on the co-op decision", "Rachel says she
		// needs Jun's numbers": a rule of the clause read it as no wait of
		// the author's, so it is no item of the section either.
		p.note("blockers-section-dismissed", a, b)
		return
	}
	if p.coverNote(a, b) {
		// "I am OOO from Monday until the 27th, Sofie covers": who stands in
		// for the author, no wait.
		p.note("blockers-section-cover", a, b)
		return
	}
	if p.blocked && p.awaitedPartyIn(p.blockFrom, len(p.targets)) && p.hearsayOpening(a, b) {
		// "B: color chips from Hengda, Rosa says they're on the DHL truck":
		// what a colleague says of the wait told just before, on its party,
		// is news of it, no wait on them. ("VPN still broken, Dale says new
		// profile today" names no party before: Dale is whom it is on.)
		p.note("blockers-section-hearsay", a, b)
		return
	}
	if p.blocked && len(p.targets) > p.blockFrom && afterAside && p.word(a, a, b) == "before" &&
		(p.gate(a) || a+1 < b && p.toks[a+1].kind == tWord && p.toks[a+1].cls.has(cFirstPerson) && p.toks[a+1].cls.has(cSubject)) {
		// "need Mariela's ok on the budget (3 more titles) before I confirm to
		// Sonora": past the aside, the author's next step, no new item.
		p.note("blockers-section-next-step", a, b)
		return
	}
	if p.blocked && (p.word(a, a, b) == "eta" || p.word(a, a, b) == "due") && a+1 < b && p.whenOnly(a+1, b) {
		// "B: his v2 endpoint (eta mon)": when it is due, no thing awaited.
		p.note("blockers-section-eta", a, b)
		return
	}
	if p.blocked && len(p.targets) > p.blockFrom && p.sameThingAs(a, b) {
		// "still no estimate from eng. the YTD call for Hannah hangs on the
		// same thing": what else waits on the wait told before is no new
		// item; whom that is for is no party of it.
		p.note("blockers-section-same-thing", a, b)
		return
	}
	if p.remarkOnWait(a, b) {
		// "waiting on Brixworth to send back the signed DPA, their
		// procurement has it", "… are with <@U1> for sign-off, can't brief
		// sales until then": after a wait told in full, a clause that goes on
		// about it is no new item of the Blockers section.
		p.note("blockers-section-remark", a, b)
		return
	}
	if afterAside && (p.word(a, a, b) == "for" || p.partysTask(a, b)) && len(p.targets) > p.blockFrom {
		// "waiting on Redline (our pentest vendor) for the final report",
		// "waiting on legal (Miriam) to confirm which fields we can share
		// with Corvid": the wait goes on past its aside; what follows says
		// what it is for, or what the party is asked to do (partysTask).
		if p.topic == "" {
			p.topic = p.nounClause(a+1, b, false)
		}
		p.note("blockers-section-goes-on", a, b)
		return
	}
	p.note("blockers-section-text", a, b)
	p.itemClause, p.itemA, p.itemB, p.itemN0 = p.clauseNo, a, b, len(p.targets)
	p.bare = true
	p.block(a, b, a, scopeClause)
	p.bare = false
	p.itemN1 = len(p.targets)
}

// stillAside returns the brackets that open at b with "still" ("nothing new
// (still the Corvid samples)"): the positions of "(" and ")", or c <= o.
func (p *parser) stillAside(b int) (o, c int) {
	toks := p.toks
	if b+2 >= len(toks) || toks[b].kind != tPunct || toks[b].punct != '(' || toks[b+1].low != "still" {
		return 0, 0
	}
	for m := b + 2; m < len(toks) && m <= b+10; m++ {
		if toks[m].kind == tPunct && toks[m].punct == ')' {
			return b, m
		}
		if toks[m].kind == tBreak {
			break
		}
	}
	return 0, 0
}

// coverNote reports whether toks[a:b] say who stands in for the author: a
// person and a verb of covering, and at most a few words more ("Sofie covers",
// "<@U1> is covering for me"), or, after the author says they will be away, a
// person who has what they hand over ("Ben has the NAS runbook").
func (p *parser) coverNote(a, b int) bool {
	e := p.personEnd(a, b)
	if e == a || b-e > 4 {
		return false
	}
	for j := e; j < b; j++ {
		if t := &p.toks[j]; t.kind == tWord && t.cls.has(cCoverVerb) {
			return true
		} else if t.low == "has" && p.awayBefore(a) {
			return true // "I'm on leave next week, Ben has the NAS runbook": a hand-over
		} else if t.kind != tWord || !t.cls.has(cBe) && !t.cls.has(cFuture) && t.low != "will" {
			return false
		}
	}
	return false
}

// awayBefore reports whether the sentence before a says the author will be
// away: "I'm on leave next week", "OOO from Monday".
func (p *parser) awayBefore(a int) bool {
	for j := p.sentA; j < a; j++ {
		if p.toks[j].kind == tWord && p.toks[j].cls.has(cAwayWord) {
			return true
		}
	}
	return false
}

// remarkOnWait reports whether toks[a:b], after a comma, go on about the wait
// the clause before told with a cue: they open with a pronoun for its party
// or thing ("their procurement has it", "it's with finance") or with the
// author's own work it holds up ("can't brief sales until then", "so I can't
// test").
func (p *parser) remarkOnWait(a, b int) bool {
	if a == 0 || p.toks[a-1].kind != tPunct || p.toks[a-1].punct != ',' || !p.blocked ||
		p.blockClause != p.clauseNo-1 || p.itemClause == p.clauseNo-1 {
		return false
	}
	j := a
	if p.word(j, a, b) == "so" || p.word(j, a, b) == "and" {
		j++
	}
	if j >= b || p.toks[j].kind != tWord {
		return false
	}
	t := &p.toks[j]
	if t.cue == cantFamily && t.low != "can" {
		return true
	}
	if (t.cls.has(cFirstPerson) || t.cls.has(cFirstPersonContraction)) && j+1 < b && p.toks[j+1].cue == cantFamily &&
		p.toks[j+1].low != "can" {
		return true
	}
	return t.cls.has(cPartyPronoun) || t.low == "it" || t.low == "it's" || t.low == "its"
}

// onlyTimeAfter reports whether toks[j:b] hold only time words ("today",
// "now") or nothing.
func (p *parser) onlyTimeAfter(j, b int) bool {
	for ; j < b; j++ {
		if t := &p.toks[j]; t.kind == tWord && !t.cls.has(cTimeWord) {
			return false
		}
	}
	return true
}

// wantsFromAuthor reports whether toks[a:b] open with someone who wants,
// needs or asked for what the author owes: "also Rebecca wants my forecast",
// "Sam needs our numbers", "Dana asked for my review".
func (p *parser) wantsFromAuthor(a, b int) bool {
	j := p.afterLeads(a, b)
	if j >= b || !p.isPersonName(j) {
		return false
	}
	j++
	switch p.word(j, a, b) {
	case "wants", "needs", "asked", "asks", "wanted", "needed":
	default:
		return false
	}
	j++
	if p.word(j, a, b) == "for" {
		j++
	}
	return p.wordIs(j, a, b, cFirstPerson)
}

// hearsayOpening reports whether toks[a:b] open with a person and a verb of
// saying: "Rosa says they're on the DHL truck", "Li Wei said Friday".
func (p *parser) hearsayOpening(a, b int) bool {
	j := a
	if j < b && p.isPersonName(j) {
		j++
		if j < b && p.toks[j].kind == tWord && p.toks[j].capital && !p.toks[j].cls.has(cSayVerb) {
			j++ // a surname
		}
	}
	return j > a && p.wordIs(j, a, b, cSayVerb)
}

// ownActivity reports whether the clause at a opens with a verb in -ing that
// no lexicon entry reads as a thing: what the author does meanwhile ("Nora
// hasn't decided yet, building both variants"), not what is awaited.
func (p *parser) ownActivity(a int) bool {
	t := &p.toks[a]
	return t.kind == tWord && len(t.low) > 5 && strings.HasSuffix(t.low, "ing") && t.cue == 0 && !p.artifactAt(a) &&
		p.targetAt(a, len(p.toks)) == 0
}

// bracketParty reports whether toks[a:b], in brackets after a blocker, are
// a role alone ("(legal)") while the blocker's clause named only things and
// organisations, none of that role: "Corvid data-sharing addendum (legal)".
func (p *parser) bracketParty(a, b int) bool {
	e, n := p.match(a)
	if n != b-a || e.class != classRole && e.class != classTeam || e.role == "" || p.clauseN0 >= len(p.targets) {
		return false
	}
	for _, t := range p.targets[p.clauseN0:] {
		if t.Role == e.role || t.Kind == unblock.TargetPerson || t.Kind == unblock.TargetTeam ||
			t.Kind != unblock.TargetArtifact && (t.Name == "" || !unicode.IsUpper([]rune(t.Name)[0])) {
			return false
		}
	}
	return true
}

// bracketPerson returns where the person stands whom toks[a:b], in brackets
// after a blocker that named only things, name alone (or after "from",
// "with", "waiting on"), or -1: "case study approval (Marta)", "the logo files
// (from Sandra)".
func (p *parser) bracketPerson(a, b int) int {
	if p.blockClause != p.clauseNo || p.clauseN0 > len(p.targets) || !p.blocked {
		return -1
	}
	for _, t := range p.targets[p.clauseN0:] {
		if t.Kind != unblock.TargetArtifact {
			return -1
		}
	}
	m := a
	if w := p.word(m, a, b); w == "from" || w == "with" || w == "by" {
		m++
	}
	if m+1 != b {
		return -1
	}
	if p.isPersonName(m) {
		return m
	}
	return -1
}

// afterLeads returns where toks[a:b] go on after the words that lead a
// sentence (lexicon class sentence-lead: "also", "meanwhile").
func (p *parser) afterLeads(a, b int) int {
	for a+1 < b && p.toks[a].kind == tWord && p.toks[a].cls.has(cSentenceLead) {
		a++
	}
	return a
}

// ownGerundOpening reports whether toks[a] opens a sentence with a verb in
// -ing and no subject, the author's own activity: "Reviewing Dev's terms",
// "Drafting the spec" (a party at work needs its party before the verb).
func (p *parser) ownGerundOpening(a int) bool {
	t := &p.toks[a]
	return t.kind == tWord && len(t.low) > 5 && strings.HasSuffix(t.low, "ing") && !p.isPerson(a) && !p.isParty(a, len(p.toks)) &&
		(t.cue == 0 && !p.artifactAt(a) || cueFamilies[t.cue] == "party-at-work")
}

// cueIn reports whether toks[a:b] hold a cue word.
func (p *parser) cueIn(a, b int) bool {
	for k := a; k < b; k++ {
		if p.toks[k].kind == tWord && p.toks[k].cue != 0 {
			return true
		}
	}
	return false
}

// partyPresses reports whether toks[a:b] open with a party pressing the
// author: "Helix asking daily", "Brixworth keeps asking about SCIM", "the
// auditors asked for it specifically".
func (p *parser) partyPresses(a, b int) bool {
	s := a
	for s < b && p.toks[s].kind == tWord && p.toks[s].cls.has(cPureDet) {
		s++
	}
	if s >= b {
		return false
	}
	n := p.targetAt(s, b)
	if n == 0 {
		return false
	}
	v := s + n
	for v < b && p.toks[v].kind == tWord && (p.toks[v].cls.has(cRepeat) || p.toks[v].cls.has(cLeadFiller)) {
		v++ // "keeps asking", "still asking"
	}
	return p.wordIs(v, a, b, cPressingVerb)
}

// describesParty reports whether toks[a:b], an aside in brackets, says who a
// party is: it ends in a word for a party ("our pentest vendor", "the
// client's lawyer") or opens with the author's "our"/"my".
func (p *parser) describesParty(a, b int) bool {
	last := b - 1
	for last > a && p.toks[last].kind != tWord {
		last--
	}
	if t := &p.toks[last]; t.kind == tWord && (p.isParty(last, b) || t.cls.has(cPersonNoun) || t.cls.has(cTeamNoun)) {
		return true
	}
	return p.toks[a].kind == tWord && (p.toks[a].low == "our" || p.toks[a].low == "my")
}

// ownDelivery reports whether toks[a:b] tell the author handing a person
// something: a verb of the "sent" cue family opening the clause (after "I" or
// "we" at most), then the person, then the thing ("Sent Raj the mocks",
// "shared <@U1> the API spec").
func (p *parser) ownDelivery(a, b int) bool {
	k := a
	for k < b && p.toks[k].kind == tWord && (p.toks[k].cls.has(cFirstPerson) || p.toks[k].cls.has(cLeadFiller)) {
		k++
	}
	if k+2 >= b || p.toks[k].kind != tWord || cueFamilies[p.toks[k].cue] != "sent" {
		return false
	}
	j := k + 1
	if t := &p.toks[j]; t.kind != tMention && !p.isPerson(j) && !(t.capital && !t.acronym && p.givenName(j)) {
		return false
	}
	return p.toks[j+1].kind == tWord && (p.toks[j+1].cls.has(cDet) || p.artifactAt(j+1))
}

// allIn reports whether every word of toks is in class c (and there is one).
func allIn(toks []token, c classID) bool {
	n := 0
	for i := range toks {
		t := &toks[i]
		if t.kind == tWord {
			if !t.cls.has(c) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// ownTrouble reports whether a Blockers answer without a cue tells of the
// author's own doing or a trouble (lexicon class trouble-noun, and conflicts,
// errors): "I got errors", "not having enough knowledge about databases",
// "merge conflicts when working across branches". "B: onboarding copy",
// "midterms" name what blocks.
func (p *parser) ownTrouble(a, b int) bool {
	for k := a; k < b; k++ {
		t := &p.toks[k]
		if t.kind == tWord && (t.cls.has(cSubject) && t.cls.has(cFirstPerson) || t.cls.has(cFirstPersonContraction) ||
			t.cls.has(cTroubleNoun) || (k == a || k == a+1 && isNegator(&p.toks[a])) && strings.HasSuffix(t.low, "ing") && !t.cls.has(cIngNoun)) {
			return true
		}
	}
	return false
}

// namesParty reports whether toks[a:b] name someone or something that can be
// waited on: a mention, a role, team, outside body or person the lexicon
// knows, or an awaited thing.
func (p *parser) namesParty(a, b int) bool {
	if p.partyAmong(a, b) {
		return true
	}
	for k := a; k < b; k++ {
		if k > a && (p.toks[k-1].cls.has(cWill) || p.toks[k-1].low == "to") {
			continue // "I will fix", "to review": a verb
		}
		if e, n := p.match(k); n > 0 && e.class == classArtifact && e.strength >= ownerStrong && p.artifactAt(k) {
			if f := k + n; p.wordIs(f, a, b, cTroubleNoun) || p.wordIs(f, a, b, cBe) && p.wordIs(f+1, a, b, cTroubleNoun) {
				continue // "the deployment failed due to a hardcoded port": the trouble, not an awaited thing
			}
			return true // a thing whose owner its words tell ("the API keys", "the DPA"), not "a fix"
		}
	}
	return false
}

// partyAmong reports whether toks[a:b] name a party: a mention, or a role,
// team, outside body or person the lexicon knows ("need to sync with design").
func (p *parser) partyAmong(a, b int) bool {
	for k := a; k < b; k++ {
		if t := &p.toks[k]; t.kind == tMention || t.kind == tGroup || t.kind == tWord && p.isParty(k, b) {
			return true
		}
	}
	return false
}

// sameAsBefore reports whether toks say the answer has not changed
// ("same as yesterday", "ditto", "unchanged").
func sameAsBefore(toks []token) bool {
	for i := range toks {
		t := &toks[i]
		if t.cls.has(cSameAsBefore) {
			return true
		}
	}
	return false
}

// whenOnly reports whether toks[j:b] say only when: time words ("mon",
// "next week", "eod"), numbers and dates ("3/4").
func (p *parser) whenOnly(j, b int) bool {
	for ; j < b; j++ {
		t := &p.toks[j]
		if t.kind == tPunct {
			continue
		}
		if t.kind != tWord || !(t.cls.has(cTimeWord) || t.cls.has(cDet) || allDigits(strings.ReplaceAll(t.low, "/", ""))) {
			return false
		}
	}
	return true
}

// sameThingAs reports whether toks[a:b] refer back to the wait told before as
// "the same thing" ("hangs on the same thing", "blocked by the same issue"):
// "the same" and a word of lexicon class same-what, or "thing".
func (p *parser) sameThingAs(a, b int) bool {
	toks := p.toks
	for k := a + 1; k+1 < b; k++ {
		if toks[k].kind == tWord && toks[k].low == "same" && toks[k-1].low == "the" && toks[k+1].kind == tWord &&
			(toks[k+1].cls.has(cSameWhat) || toks[k+1].low == "thing" || toks[k+1].low == "one") {
			return true
		}
	}
	return false
}

// sameSituation reports whether toks[a:b] open with "same" and say what stays
// the same is a wait's: "Same situation with Corvid samples", "same as
// yesterday re POD screens", "same problem with the vendor". "Same as
// yesterday" alone, outside a Blockers section, may speak of the author's
// tasks.
func (p *parser) sameSituation(a, b int) bool {
	toks := p.toks
	if a+2 >= b || toks[a].kind != tWord || !toks[a].cls.has(cSameAsBefore) {
		return false
	}
	j := a + 1
	switch {
	case toks[j].cls.has(cSameWhat):
		j++
	case toks[j].low == "as" && j+1 < b && toks[j+1].cls.has(cTimeWord):
		j += 2
	default:
		return false
	}
	return j+1 < b && toks[j].kind == tWord && (toks[j].cls.has(cAboutPrep) || toks[j].low == "with" || toks[j].low == "for")
}

// toReport reports whether toks say there is nothing of a kind "to report"
// ("No problems to report!", "no issues to report"): said of the report, an
// explicit none even beside other news.
func toReport(toks []token) bool {
	for i := 1; i < len(toks); i++ {
		if toks[i].low == "report" && toks[i-1].low == "to" && i >= 2 && toks[i-2].cls.has(cNoneNoun) {
			return true
		}
	}
	return false
}

// thereWasNo reports whether the clause says there was no trouble: "There
// was no particular problem", "there are no major issues this week". Told so,
// a none stands beside a remark ("…, but the merge was long"); a bare "no
// problem" may thank someone.
func thereWasNo(toks []token) bool {
	i := 0
	for i < len(toks) && toks[i].kind == tPunct {
		i++
	}
	if i+2 >= len(toks) || toks[i].low != "there" || !toks[i+1].cls.has(cBe) {
		return false
	}
	j := i + 2
	for j < len(toks) && toks[j].kind == tWord && toks[j].cls.has(cBe) {
		j++ // "there have been no …"
	}
	if j >= len(toks) || toks[j].low != "no" {
		return false
	}
	for j++; j < len(toks) && toks[j].cls.has(cNoneDegree); j++ {
	}
	return j < len(toks) && (toks[j].cls.has(cNoneNoun) || toks[j].cls.has(cTroubleNoun))
}

// questionAgain reports whether toks are only words headers use, one of them
// asking ("What do you need from whom"): a Blockers question said again.
func questionAgain(toks []token) bool {
	asks := false
	for i := range toks {
		t := &toks[i]
		switch {
		case t.kind == tPunct:
		case t.kind != tWord || !t.cls.overlaps(&cHeaderWord):
			return false
		default:
			asks = asks || t.cls.has(cHeaderYou)
		}
	}
	return asks
}

// blockNounIn reports whether toks name blockers ("blockers", "nothing
// blocking", "no impediments"), which makes a none answer explicit.
// hasClass reports whether a word of toks is of class c.
func hasClass(toks []token, c classID) bool {
	for i := range toks {
		if toks[i].cls.has(c) {
			return true
		}
	}
	return false
}

func blockNounIn(toks []token) bool { return hasClass(toks, cBlockNoun) }

// onlyFiller reports whether the clause says nothing: greetings, thanks, a
// bare mention of the reader.
func onlyFiller(toks []token) bool {
	for i := range toks {
		t := &toks[i]
		if t.kind != tWord {
			continue
		}
		if !t.cls.has(cFiller) {
			return false
		}
	}
	return true
}

// label reports whether the clause toks[a:b] is a short label that opens a
// line before a colon or a dash ("Legal - No issues at the moment.", "Legal /
// Branding: none"): one to three capitalised words, not content of its own.
func (p *parser) label(a, b int) bool {
	toks := p.toks
	if b >= len(toks) || toks[b].kind != tPunct || toks[b].punct != ':' && toks[b].punct != '-' ||
		a > 0 && toks[a-1].kind != tBreak && !(toks[a-1].kind == tPunct && toks[a-1].punct == '.') {
		return false
	}
	words := 0
	for k := a; k < b; k++ {
		t := &toks[k]
		if t.kind == tPunct && (t.punct == '/' || t.punct == '&') || t.kind == tWord && t.low == "and" {
			continue
		}
		if t.kind != tWord || !t.capital {
			return false
		}
		words++
	}
	return words >= 1 && words <= 3
}

// lastCell reports whether the clause toks[a:b] is the last of a text written
// as a row of at least three cells joined by " - " (the way a table or a
// form's answers are pasted): a dash before it, at least two more before
// that (or one, after a Done or Plan header: "Did: … - Doing: … - none"), and
// nothing but punctuation after it.
func (p *parser) lastCell(a, b int, sec section) bool {
	toks := p.toks
	if a == 0 || toks[a-1].kind != tPunct || toks[a-1].punct != '-' {
		return false
	}
	for k := b; k < len(toks); k++ {
		if toks[k].kind != tPunct {
			return false
		}
	}
	dashes := 0
	for k := 0; k < a-1; k++ {
		if t := &toks[k]; t.kind == tPunct && t.punct == '-' && k > 0 && toks[k-1].kind == tWord {
			dashes++
		}
	}
	return dashes >= 2 || dashes == 1 && (sec == secDone || sec == secPlan)
}

// onlyNumbers reports whether every word of toks is a number ("3000", "#12").
func onlyNumbers(toks []token) bool {
	for i := range toks {
		if t := &toks[i]; t.kind == tWord && !isDigit(t.low) {
			return false
		}
	}
	return true
}

// hypothetical reports whether toks[a:b] holds a word that makes it a
// condition, a possibility or a habit.
func hypothetical(toks []token, a, b int) bool {
	for k := b - 2; k > a; k-- {
		// "and" or "but" and a new subject start a clause of their own: "this
		// PR should be left as-is and it is waiting on the board" reports the
		// wait, whatever the modal before said; a condition before ("if you
		// use the card and it is blocked") still holds.
		if (toks[k].low == "and" || toks[k].low == "but") && toks[k+1].kind == tWord &&
			(toks[k+1].cls.has(cSubject) && toks[k+1].low != "and" && toks[k+1].low != "also" && toks[k+1].low != "just" ||
				toks[k+1].low == "it") {
			for m := a; m < k; m++ {
				if toks[m].cls.has(cConditionOpener) || toks[m].low == "whether" || toks[m].low == "unless" {
					return true
				}
			}
			a = k + 1
			break
		}
	}
	for k := a; k < b; k++ {
		if toks[k].cls.has(cHypothetical) {
			return true
		}
		if toks[k].low == "can" && k+1 < b && (toks[k+1].low == "be" || toks[k+1].low == "become") {
			return true
		}
		if toks[k].low == "in" && k+1 < b && toks[k+1].low == "case" {
			return true
		}
	}
	return false
}

// word returns the lower-case word at k, or "" when k is outside [a, b) or not a word.
func (p *parser) word(k, a, b int) string {
	if k < a || k >= b || p.toks[k].kind != tWord {
		return ""
	}
	return p.toks[k].low
}

// wordIs reports whether the token at k is a word within [a, b) of class c:
// the class set the scanner's token carries, so no map look-up.
func (p *parser) wordIs(k, a, b int, c classID) bool {
	return k >= a && k < b && p.toks[k].kind == tWord && p.toks[k].cls.has(c)
}

// negated reports whether one of the three words before k negates it.
func (p *parser) negated(k, a int) bool {
	for j := k - 1; j >= a && j >= k-3; j-- {
		t := &p.toks[j]
		if t.kind != tWord {
			if t.kind == tPunct && (t.punct == '\'' || t.punct == '"') {
				continue
			}
			return false
		}
		if isNegator(t) {
			if t.low == "no" && j > a && p.toks[j-1].low == "if" {
				return false
			}
			// "no" is a determiner: it negates its own noun ("no much update
			// waiting for review"), so it negates the cue only when nothing
			// but a degree word stands between.
			// "no issues blocking me": the noun between is what blocks, and there is none.
			if t.low == "no" && p.toks[k].low == "blocking" && k-j <= 3 {
				return true
			}
			if t.low == "no" {
				for m := j + 1; m < k; m++ {
					if t := &p.toks[m]; t.cls.has(cNoneDegree) || isQuote(t) {
						continue
					}
					return false
				}
			}
			return true
		}
	}
	return false
}

// noLonger reports whether "no longer" or "not … anymore" frames k.
func (p *parser) noLonger(k, a, b int) bool {
	for j := k - 1; j > a && j >= k-3; j-- {
		if p.toks[j].low == "longer" && p.toks[j-1].low == "no" {
			return true
		}
	}
	for j := a; j < b; j++ {
		w := p.toks[j].low
		if w == "anymore" || w == "any" && j+1 < b && p.toks[j+1].low == "more" {
			return true
		}
	}
	return false
}

// cues reads the clause for blocker, resolution and none cues, in order, and
// reports whether it found any. Each cue word belongs to one family
// (lexicon.txt), read by the family's named rule.
func (p *parser) cues(a, b int, cond bool) bool {
	found := false
	p.clauseNo++
	for k := a; k < b; k++ {
		t := &p.toks[k]
		if t.kind != tWord || t.quoted || t.code {
			continue
		}
		r := cueRuleOf(t.low, t.cue)
		if r == nil || k > a && p.toks[k-1].kind == tWord && p.toks[k-1].cls.has(cTechModifier) {
			continue // "async await": a programming term
		}
		if f := cueFamilies[t.cue]; (f == "need" || f == "block" || f == "wait" || f == "depend" || f == "cant") && p.theirOwnSaid(k) {
			// "Rachel says she needs Jun's numbers first": Rachel's need,
			// told by the author, who waits on Rachel if on anyone.
			p.dismiss("relayed-speech", k, k+1)
			continue
		}
		p.relayPending = false
		if r.read(p, k, a, b, cond) {
			found = true
			p.note(r.name, k, k+1)
		}
	}
	return found
}

// theirOwnSaid reports whether the cue at k is said of a third person by that
// person, as the author tells it: "Rachel says she needs Jun's numbers",
// "Omar said he's blocked on the API" (cues of a wait, not "the supplier says
// they should deliver this week", which is the author's wait on them). The pronoun right before the cue (past
// an auxiliary) follows a say verb whose subject is a person: an outsider that
// says it needs more time tells the author's wait on it.
func (p *parser) theirOwnSaid(k int) bool {
	toks := p.toks
	j := k - 1
	for j > p.sentA && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].cls.has(cLeadFiller)) && !toks[j].cls.has(cOtherPronoun) {
		j--
	}
	if j <= p.sentA || toks[j].kind != tWord || !toks[j].cls.has(cOtherPronoun) || !toks[j].cls.has(cSubject) || toks[j].low == "you" {
		return false
	}
	v := j - 1
	if toks[v].low == "that" && v > p.sentA {
		v--
	}
	if toks[v].kind != tWord || !toks[v].cls.has(cSayVerb) || v-1 < p.sentA {
		return false
	}
	s := v - 1
	return toks[s].kind == tMention || toks[s].kind == tWord && (p.isPerson(s) || p.givenName(s)) // "Acme says they need another week" is Acme's delay
}

// someoneElse reports whether the subject of the state word at k ("she's
// unblocked", "Dana is unblocked now", "<@U1> is unstuck") is a third person: the
// author reports on someone else. "we", "I" and things ("the PR is unblocked")
// are not.
func (p *parser) someoneElse(k, a int) bool {
	for j, n := k-1, 0; j >= a && n < 4; j, n = j-1, n+1 {
		t := &p.toks[j]
		switch {
		case t.cls.has(cStateAux):
			continue
		case t.cls.has(cOtherPronoun):
			return true // "she's unblocked", "you've been unblocked": not the author
		}
		if t.cls.has(cFirstPerson) || strings.HasPrefix(t.low, "i'") || strings.HasPrefix(t.low, "we'") {
			return false
		}
		if t.kind == tMention {
			return true
		}
		_, name := firstNames()[t.low]
		return t.kind == tWord && t.capital && !t.acronym && (j > a || name)
	}
	return false
}

func (p *parser) nextTok(k, b int) int {
	if k+1 < b {
		return k + 1
	}
	return -1
}

func (p *parser) hasWord(a, b int, w string) bool {
	for k := a; k < b; k++ {
		if p.toks[k].kind == tWord && p.toks[k].low == w {
			return true
		}
	}
	return false
}

// futureBefore reports whether a word before k puts k in the future or under a
// condition ("will be unblocked", "once unblocked", "to unblock").
func (p *parser) futureBefore(k, a int) bool {
	for j := k - 1; j >= a && j >= k-4; j-- {
		if p.toks[j].cls.has(cFuture) && (p.toks[j].low != "to" || !p.toNoun(j)) {
			return true // "to" before a noun plans nothing: "access to the repo was granted" reports
		}
	}
	return false
}

// toNoun reports whether the "to" at j is a preposition before a noun phrase
// (a determiner or a party: "access to the repo", "the request to legal"),
// not the mark of an infinitive ("to be granted", "to access the database").
func (p *parser) toNoun(j int) bool {
	if j+1 >= len(p.toks) {
		return false
	}
	t := &p.toks[j+1]
	if t.kind == tMention || t.kind == tGroup {
		return true // "thanks to <@U1>"
	}
	if t.kind != tWord {
		return false
	}
	if t.cls.has(cDet) && !t.cls.has(cBe) || t.capital && !t.acronym && !t.cls.has(cCommonCapital) {
		return true // "thanks to Sam I'm unblocked": a name, no verb
	}
	return p.isParty(j+1, len(p.toks))
}

// blockish reports whether the words at k say blocked or waiting ("no longer blocked").
func (p *parser) blockish(k, b int) bool {
	for j := k; j < b && j <= k+2; j++ {
		if p.toks[j].cls.has(cBlockish) {
			return true
		}
	}
	return false
}

// isModifier reports whether t may modify a noun that follows ("AWS", "final", "checkout").
func isModifier(t *token) bool {
	if t.kind != tWord {
		return false
	}
	if t.cls.has(cStop) || t.cls.has(cSubject) {
		return false // "they'll review it": a subject, never part of a thing's name
	}
	return !strings.HasSuffix(t.low, "ing") || len(t.low) <= 4
}

// artifactAt reports whether the word at k is an awaited thing the lexicon knows.
func (p *parser) artifactAt(k int) bool {
	if k < 0 || k >= len(p.toks) {
		return false
	}
	if p.afterCan(k) {
		return false
	}
	e, n := p.match(k)
	return n > 0 && e.class == classArtifact
}

// afterCan reports whether toks[k] follows "can", "can't" or "cannot", with
// an adverb between at most: a verb there ("before I can go on", "can't
// review", "I can actually commit to"), never an awaited thing.
func (p *parser) afterCan(k int) bool {
	if k <= 0 || k >= len(p.toks) {
		return false
	}
	j := k - 1
	if j > 0 && p.toks[j].kind == tWord && strings.HasSuffix(p.toks[j].low, "ly") {
		j-- // "a date I can actually commit to"
	}
	return p.toks[j].kind == tWord && p.toks[j].cue == cantFamily
}

// pastTime reports whether the clause places itself in the past: "last
// quarter", "two weeks ago", "back then".
func (p *parser) pastTime(a, b int) bool {
	for k := a; k < b; k++ {
		switch w := p.toks[k].low; {
		case p.toks[k].cls.has(cPastMarker):
			return true
		case w == "last" && p.wordIs(k+1, a, b, cPeriod):
			return true
		}
	}
	return false
}

// ownFixing reports whether toks[a:b] is only the author at work on a
// trouble: a verb of fixing in -ing and at most "it", "up", "into it" or "on
// it" ("investigating", "cleaning it up", "looking into it").
func (p *parser) ownFixing(a, b int) bool {
	toks := p.toks
	if a >= b || toks[a].kind != tWord || !toks[a].cls.has(cFixingVerb) || b-a > 3 {
		return false
	}
	for k := a + 1; k < b; k++ {
		if t := &toks[k]; t.kind != tWord || !t.cls.has(cSelfObject) && t.low != "up" && t.low != "into" && t.low != "on" {
			return false
		}
	}
	return true
}

// handedOver reports whether toks[a:b] say a wait belongs to someone else to
// chase: "his to chase", "theirs to follow up", "Dana's to handle", "not
// mine" (lexicon class chase-verb).
func (p *parser) handedOver(a, b int) bool {
	for k := a; k+2 < b+1 && k < b; k++ {
		t := &p.toks[k]
		if t.kind != tWord {
			continue
		}
		if t.low == "not" && p.word(k+1, a, b) == "mine" && p.word(k+2, a, b) != "to" {
			return true // "his to chase, not mine"; "not mine to fix" is a wait still
		}
		owner := t.low == "his" || t.low == "hers" || t.low == "theirs" || t.low == "'s" && k > a
		if owner && p.word(k+1, a, b) == "to" && p.wordIs(k+2, a, b, cChaseVerb) {
			return true
		}
	}
	return false
}

// selfWork reports whether toks[a:b] says the author will do the awaited work
// themselves, referring back to it: "I'll pair with <@U1> on it", "we'll add it
// ourselves". A condition ("I'll build it once the spec lands") still waits.
func (p *parser) selfWork(a, b int) bool {
	toks := p.toks
	k := a
	for k < b && toks[k].kind == tWord && (toks[k].cls.has(cLeadFiller) || toks[k].low == "so" || toks[k].low == "and") {
		k++
	}
	switch {
	case k < b && (toks[k].low == "i'll" || toks[k].low == "we'll"):
		k++
	case k+1 < b && (toks[k].low == "i" || toks[k].low == "we") && toks[k+1].low == "will":
		k += 2
	default:
		return false
	}
	for k < b && toks[k].kind == tWord && toks[k].cls.has(cLeadFiller) {
		k++
	}
	if k >= b || !toks[k].cls.has(cSelfWork) {
		return false
	}
	back := false
	for m := k + 1; m < b; m++ {
		switch c := &toks[m].cls; {
		case c.has(cSelfObject):
			back = true
		case c.has(cSelfWorkCondition):
			return false // "I'll build it once the spec lands": still a wait
		}
	}
	return back
}

// withdraw takes back the need the current sentence opened: its author says
// in toks[a:b] that they will do the work, so nobody is waited on. A blocker
// that names a party (a person, a role, a team) stays, and so does one a cue
// other than a need opened ("blocked on the flaky CI, I'll fix it"): the
// author is blocked until they have.
func (p *parser) withdraw(a, b int) bool {
	need := false
	for k := p.sentA; k < a; k++ {
		if p.toks[k].kind != tWord {
			continue
		}
		switch cueFamilies[p.toks[k].cue] {
		case "need":
			need = true
		case "block", "wait", "pending", "depend", "hold":
			return false
		}
	}
	if !need && p.curSec != secBlock {
		return false // a need, or a Blockers section's bare text ("B: new API field, I'll add it")
	}
	for _, t := range p.targets[p.sentTargets:] {
		if t.Kind != "artifact" {
			return false
		}
	}
	p.dismiss("self-work", a, b)
	p.blocked = false
	p.targets = p.targets[:p.sentTargets]
	p.topic = ""
	p.wantTargets, p.wantTopic = false, false
	return true
}

// timeSpanAfter reports whether the clause from k on is only a span of time:
// "a week", "two more days", "lunch" is not one ("the spec lands" is none).
func (p *parser) timeSpanAfter(k, b int) bool {
	toks := p.toks
	for k < b && toks[k].kind == tWord && (toks[k].cls.has(cDet) || toks[k].cls.has(cNumberWord) || allDigits(toks[k].low)) {
		k++
	}
	if k+1 < b && toks[k].low == "long" {
		k++ // "after a long wait, …"
	}
	return k < b && (toks[k].cls.has(cTimeWord) || toks[k].low == "wait") && (k+1 == b || toks[k+1].kind != tWord)
}

// colleagueActs reports whether toks[a:b] open with a party who chases or
// presses ("Hattie is chasing", "Helix asking daily"): told after a wait that
// named nobody ("blocked on those"), the party is no one the author waits on.
func (p *parser) colleagueActs(a, b int) bool {
	n := p.targetAt(a, b)
	if n == 0 {
		return false
	}
	j := a + n
	for j < b && p.toks[j].kind == tWord && (p.toks[j].cls.has(cBe) || p.toks[j].cls.has(cLeadFiller)) {
		j++
	}
	return j < b && p.toks[j].kind == tWord && (cueFamilies[p.toks[j].cue] == "chase" || p.toks[j].cls.has(cPressingVerb))
}

// andOnParty reports whether toks[a:b] open with "and" and a word that links
// a wait to whom it is on (lexicon class block-link: on, for, from's kin) before
// a party: "and on Declan to sign off the budget".
func (p *parser) andOnParty(a, b int) bool {
	toks := p.toks
	return a+2 < b && toks[a].kind == tWord && toks[a].cls.has(cCoordinator) && toks[a+1].kind == tWord &&
		toks[a+1].cls.has(cBlockLink) && p.targetAt(a+2, b) > 0
}

// choiceBefore reports whether the author's choice is told in the sentence
// before k: "We decided to hold the dashboard until Q3".
func (p *parser) choiceBefore(k int) bool {
	for j := p.sentA; j < k; j++ {
		if t := &p.toks[j]; t.kind == tWord && t.cls.has(cChoiceVerb) && !p.negated(j, p.sentA) {
			return true
		}
	}
	return false
}

// sentenceOfItsOwn reports whether toks[a:b] is a whole sentence after
// another one ("… tomorrow. none", "…\nnothing blocking me"), with no word
// that excepts something ("nothing else") nor one that says a thing is still
// awaited ("none yet", "nothing so far"): an answer of its own, not one to a question just asked
// ("heard back? none") or to a label ("Response: none").
func (p *parser) sentenceOfItsOwn(a, b int) bool {
	toks := p.toks
	if a == 0 || hasClass(toks[a:b], cNoneExcept) {
		return false
	}
	for k := a; k < b; k++ {
		if toks[k].kind == tWord && (toks[k].low == "yet" || toks[k].low == "still" || toks[k].low == "far") {
			return false
		}
	}
	prev := &toks[a-1]
	return prev.kind == tBreak || prev.kind == tPunct && (prev.punct == '.' || prev.punct == '!' || prev.punct == ';')
}
