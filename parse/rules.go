package parse

import (
	"strings"

	"github.com/unblock-dev/unblock"
)

// The cue rules: each reads one family of cue words (lexicon.txt's "cue" lines)
// at token k of the clause toks[a:b] and reports whether it found a blocker,
// a resolution or a none there. cond says the clause is a condition.

// ruleBlock is the rule of the "block" cue family.
func (p *parser) ruleBlock(k, a, b int, cond bool) bool {
	if p.asksState(k) || p.talkAbout(k, a) || p.waitsOnAuthor(k, a, b) || p.othersWait(k, a) || p.byChoice() || p.pastFrame(k) {
		return false
	}
	if p.toks[k].cls.has(cBlockerNoun) && p.wordIs(k+1, a, b, cBlockerTalkNoun) {
		p.dismiss("distractor:blockers-as-modifier", k, k+2)
		return false // "thanks for keeping the blockers lines honest": talk of the lines, no wait
	}
	if p.toks[k].cls.has(cByBlock) && p.word(k+1, a, b) != "by" {
		return false // "the bug hampered performance": no wait told
	}
	if p.wordIs(k+1, a, b, cLabelNoun) && p.wordIs(k+2, a, b, cDefineVerb) && k > a && p.toks[k-1].cls.has(cPureDet) {
		p.dismiss("distractor:label-name", k, k+2)
		return false // "the blocked label means it needs triage": a label's name, talked about
	}
	if p.negated(k, a) && p.purposeNegation(k, a) {
		return false // "so we don't get stuck the next time it goes down": a purpose, no explicit none
	}
	if !p.negated(k, a) && p.machineWait(k, a, b) {
		return false // "the main thread is blocked by the sync call"
	}
	if p.ownWorkBlocks(k) {
		p.dismiss("distractor:own-freeze", k, k+1)
		return false // "deploys are blocked this afternoon while we rotate the certs": the team's own planned work
	}
	if p.heldOnItsWay(k, a, b) {
		// "T1 samples are stuck in customs in Memphis": the thing is held on
		// its way; the wait is on it (and on whoever sends it), not on the place.
		p.note("stuck-in-holding", k, k+3)
		p.block(a, k, k, scopeBefore)
		if p.topic == "" {
			e := k
			for e > a && (p.wordIs(e-1, a, k, cBe) || p.wordIs(e-1, a, k, cStateAux) || p.wordIs(e-1, a, k, cFunctionWord)) {
				e-- // "T1 samples are still stuck": the subject ends before its verb
			}
			p.topic = p.nounClause(a, e, false)
		}
		return true
	}
	if p.toks[k].low == "stuck" && p.word(k+1, a, b) == "in" && p.wordIs(k+2, a, b, cStuckPlace) {
		p.dismiss("distractor:stuck-in-place", k, k+3)
		return false // "stuck in bed", "stuck in traffic", "stuck in meetings all day"
	}
	for j := k + 1; j < b && j <= k+4; j++ {
		o := j + 1
		if p.wordIs(o, a, b, cPureDet) {
			o++ // "blocked by the cat"
		}
		if p.toks[j].low == "by" && p.wordIs(o, a, b, cStuckPlace) {
			p.dismiss("distractor:stuck-in-place", k, o+1)
			return false // "blocked half the day by meetings", "blocked by the cat": the author's time, nobody's wait
		}
	}
	if p.othersBlocked(k, a, b) {
		return false
	}
	return !p.notAReport(k, a, b) && p.blockWord(k, a, b, cond)
}

// ruleUnblocked is the rule of the "unblocked" cue family.
func (p *parser) ruleUnblocked(k, a, b int, cond bool) bool {
	found := false
	toks := p.toks
	w := p.toks[k].low
	nw := p.word(k+1, a, b)
	if w == "unblock" && !(nw == "me" || nw == "us") || w == "freed" && nw == "up" {
		return found // "freed up some time": no wait ended
	}
	if p.negated(k, a) {
		p.block(a, b, k+1, scopeClause)
		return true
	}
	if cond || hypothetical(toks, a, k) || p.futureBefore(k, a) {
		return found
	}
	if nt := p.nextTok(k, b); nt >= 0 && (toks[nt].kind == tMention || toks[nt].capital && !toks[nt].acronym ||
		toks[nt].cls.has(cObjectWord)) {
		return found // "unblocked <@U1> on gossipsub": the author helped someone else
	}
	toAuthor := nw != "" && toks[k+1].cls.has(cFirstPerson) && !toks[k+1].cls.has(cSubject) // "Dana unblocked me"
	if !toAuthor && (p.someoneElse(k, a) || p.helpedOthers(k, a)) {
		return found // "reviewed Dana's PR, she's unblocked now": someone else's blocker cleared
	}
	p.resolve(a, b)
	return true
}

// placeAhead reports whether a place one waits in (lexicon class stuck-place)
// stands at j after determiners.
func (p *parser) placeAhead(j, a, b int) bool {
	for j < b && p.toks[j].kind == tWord && p.toks[j].cls.has(cDet) {
		j++
	}
	return p.wordIs(j, a, b, cStuckPlace)
}

// ruleWait is the rule of the "wait" cue family.
func (p *parser) ruleWait(k, a, b int, cond bool) bool {
	if p.asksState(k) || p.chosenWait(k, b) || p.waitsOnAuthor(k, a, b) || p.othersWait(k, a) || p.byChoice() || p.pastFrame(k) || p.machineAwaited(k, a, b) {
		// A question about a wait, a wait chosen, others waiting on the
		// author, a wait long past, a machine's: the rules decided it is no
		// wait of the author's.
		p.dismiss("distractor:not-the-author's-wait", k, k+1)
		return false
	}
	if p.blocked && p.thingWaits(k, a) {
		// "waiting on the masking sign-off, which is waiting on the field
		// list": what the awaited thing waits on is no second wait of the author's.
		p.note("wait-of-the-thing", k, k+1)
		return false
	}
	if t := &p.toks[k]; (t.low == "awaiting" || t.low == "waiting") && k > a && p.toks[k-1].kind == tWord && p.toks[k-1].cls.has(cPureDet) &&
		k+1 < b && p.toks[k+1].kind == tWord && (p.toks[k+1].cls.has(cPersonNoun) || p.toks[k+1].cls.has(cThirdParty) || p.toks[k+1].cls.has(cWaitingPlace)) {
		p.note("distractor:waiting-attribute", k, k+2)
		return false // "sent the links to all awaiting applicants", "the waiting list": who waits, as a kind of people or things
	}
	if w := p.word(k+1, a, b); (w == "in" || w == "at") && p.placeAhead(k+2, a, b) {
		p.dismiss("distractor:stuck-in-place", k, k+2)
		return false // "waiting in the lobby", "waiting at the gate": the author's day, nobody's wait
	}
	if p.negated(k, a) && p.purposeNegation(k, a) {
		return false // "so we can merge without waiting for the freeze": a way round a wait, no explicit none
	}
	if p.negated(k, a) && p.noLonger(k, a, b) {
		return false // "no longer waiting on legal": the no-longer rule read the resolution
	}
	if p.imperativeWait(k) || p.waitForTime(k, a, b) || p.machineWait(k, a, b) {
		return false
	}
	if p.word(k-1, a, b) == "more" && p.word(k-2, a, b) == "no" && !cond && !hypothetical(p.toks, a, k) {
		p.resolve(a, b) // "no more waiting for new nodes!"
		return true
	}
	if p.afterTheWait(k, a, b) && !cond {
		p.note("after-the-wait", k, k+1)
		p.resolve(a, b) // "the review has started after a long wait", "after a three-week wait, the parts arrived"
		return true
	}
	if p.word(k-1, a, b) == "while" && p.word(k+1, a, b) == "" {
		return false // "breaks your focus while waiting": time spent, nothing awaited
	}
	if p.awaitedCame(k, a, b, cond) {
		return true
	}
	return !p.notAReport(k, a, b) && p.waitWord(k, a, b, cond)
}

// awaitedCame reads a wait told in a relative clause whose awaited thing then
// came: "all the bits I had been waiting for were available", "the fix we were
// waiting on landed". The preposition is stranded (no object follows it) and
// the thing before the clause's pronoun is the subject of an arrival.
func (p *parser) awaitedCame(k, a, b int, cond bool) bool {
	toks := p.toks
	if nw := p.word(k+1, a, b); nw != "for" && nw != "on" || cond || hypothetical(toks, a, k) || p.question {
		return false
	}
	s := k - 1 // back over auxiliaries to the clause's pronoun
	for s > a && (toks[s].cls.has(cBe) || toks[s].low == "been" || toks[s].low == "all") {
		s--
	}
	if s <= a || !toks[s].cls.has(cSubject) || !toks[s].cls.has(cFirstPerson) && !toks[s].cls.has(cOtherPronoun) &&
		!toks[s].cls.has(cFirstPersonContraction) || toks[s-1].kind != tWord || toks[s-1].cls.has(cStop) || // "book club and waiting on reviews" is no relative clause
		toks[s-1].cls.has(cTimeWord) {
		return false // "we were waiting for …" tells a wait; "the bits I had been waiting for" names its thing
	}
	j, aux := k+2, false
	for j < b && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].low == "now" || toks[j].low == "finally" ||
		toks[j].low == "just" || toks[j].low == "all") {
		aux = aux || toks[j].cls.has(cBe)
		j++
	}
	if j >= b || toks[j].kind != tWord || !toks[j].cls.has(cArrival) || p.negated(j, a) {
		return false
	}
	if w := toks[j].low; !aux && !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "s") {
		return false // "waiting for available slots": an object, not an arrival
	}
	p.note("awaited-came", k, j+1)
	p.resolveIn(a, b, s-1, s)
	return true
}

// rulePending is the rule of the "pending" cue family.
func (p *parser) rulePending(k, a, b int, cond bool) bool {
	found := false
	toks := p.toks
	pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
	if pw == "patent" || cond || hypothetical(toks, a, k) {
		return found
	}
	if p.negated(k, a) {
		p.none = true
		return found
	}
	if p.machineWait(k, a, b) {
		return false // "3 tests pending, 2 failing": a machine's state, nobody's wait
	}
	if p.proposedBefore(k) {
		return false // "Suggest that technical discussions are held off pending merge": a proposal, no wait yet
	}
	if k > a && allDigits(pw) {
		p.dismiss("distractor:pending-count", k-1, k+1)
		return false // "No blockers, 86 pending review by the TSC": a queue's size, nobody's wait
	}
	if a == p.sentA && k > a+1 && toks[a].kind == tWord && toks[a].cls.has(cRequestVerb) && toks[a+1].kind == tWord &&
		toks[a+1].cls.has(cPureDet) {
		p.dismiss("distractor:told-to-act", a, k+1)
		return false // "Review the pending PRs before standup": an instruction, nobody's wait
	}
	if k+1 < b && k > a && toks[k+1].kind == tWord && !toks[k-1].cls.has(cBe) && !toks[k-1].cls.has(cLeadFiller) && toks[k-1].low != "in" &&
		!toks[k+1].cls.has(cStop) && !toks[k+1].cls.has(cDet) && !p.artifactAt(k+1) && !p.isParty(k+1, b) &&
		!toks[k+1].cls.has(cPendingState) && !toks[k+1].cls.has(cApprovalNoun) {
		p.dismiss("distractor:pending-attribute", k, k+2)
		return false // "our dashboard shows pending orders": a state of things, nobody's wait
	}
	if k > a && k+1 < b && toks[k-1].kind == tWord && toks[k-1].cls.has(cPureDet) && toks[k+1].kind == tWord &&
		!p.wordIs(k-2, a, b, cStatePrep) && p.asked() < 0 {
		// "go through the pending invoices", "a pending PR": a thing's state
		// in a phrase, nobody's wait; but "in a pending merge" is one, and so
		// is "<@U1> can you look at this pending pr?".
		p.dismiss("distractor:pending-attribute", k-1, k+2)
		return false
	}
	sc := scopeAfter
	if nw == "" {
		sc = scopeBefore
	}
	p.block(a, b, k+1, sc)
	return true
}

// ruleDepend is the rule of the "depend" cue family.
func (p *parser) ruleDepend(k, a, b int, cond bool) bool {
	found := false
	toks := p.toks
	w := p.toks[k].low
	nw := p.word(k+1, a, b)
	if !(nw == "on" || nw == "upon" || nw == "by") || cond || hypothetical(toks, a, k) || p.negated(k, a) {
		return found
	}
	if p.waitsOnAuthor(k, a, b) || p.machineWait(k, a, b) {
		return false // "the mobile team depends on our API": they wait on the author
	}
	if p.blocked && k-1 >= a && toks[k-1].kind == tWord && (toks[k-1].low == "it" || toks[k-1].low == "that" || toks[k-1].low == "this") {
		// "still blocked on design for the boss arena. Sofie says it depends on
		// the co-op decision": what the awaited thing waits on is no second
		// wait of the author's.
		p.dismiss("wait-of-the-thing", k-1, k+2)
		return false
	}
	if (w == "relying" || w == "reliant" || w == "counting") && !p.isParty(k+2, b) {
		return false // "relying on the data team" waits; "relying on Postgres" tells how something is built
	}
	if (w == "dependency" || w == "dependencies") && p.completedAfter(k+2, b) {
		p.resolve(a, b)
		return true
	}
	p.block(a, b, k+2, scopeAfter)
	return true
}

// ruleHold is the rule of the "hold" cue family.
func (p *parser) ruleHold(k, a, b int, cond bool) bool {
	if p.ifEarlier(a) {
		return false // "if they don't, it goes on hold": a condition earlier in the sentence
	}
	if p.byChoice() {
		return false // "holding the release on purpose"
	}
	if w := p.toks[k].low; w == "hold" && p.word(k+1, a, b) == "off" && (k == p.sentA || p.wordIs(k-1, a, b, cPoliteness)) {
		p.dismiss("distractor:imperative-hold", k, k+2)
		return false // "hold off on merging to main please": the author tells the reader to wait
	}
	return p.holdWord(k, a, b, cond)
}

// personSubject reports whether the word at j is someone else as a subject:
// a person's given name or a third person's pronoun ("he", "she"; "they" may
// be a party).
func (p *parser) personSubject(j int) bool {
	if j < 0 || p.toks[j].kind != tWord {
		return false
	}
	t := &p.toks[j]
	return t.capital && p.isPersonName(j) || t.cls.has(cOtherPronoun) && t.cls.has(cSubject) && t.low != "you" && t.low != "they"
}

// othersNeed reports whether the need word at k has someone else for its
// subject: a third person's pronoun or a person's name ("he needs", "Ravi
// needs"), not the author, "you" or a party the author waits on ("legal needs
// to sign off" is read by the need rule as a wait on legal).
func (p *parser) othersNeed(k, a int) bool {
	j := k - 1
	for j >= a && p.toks[j].kind == tWord && p.toks[j].cls.has(cLeadFiller) {
		j--
	}
	if j < a || p.toks[j].kind != tWord || p.word(k+1, a, len(p.toks)) == "to" {
		return false
	}
	return p.personSubject(j)
}

// heldOnItsWay reports whether "stuck" at k says a thing is held at a place on
// its way (lexicon class holding-place): "the samples are stuck in customs",
// "parts stuck at the port". A subject must name it: "I'm stuck in transit"
// is the author's own day (stuck-place).
func (p *parser) heldOnItsWay(k, a, b int) bool {
	if p.toks[k].low != "stuck" || k == a {
		return false
	}
	o := k + 2
	if p.wordIs(o, a, b, cPureDet) {
		o++
	}
	if !p.wordIs(o, a, b, cHoldingPlace) || !p.heldAt(o, k+1) {
		return false // heldAt: "in", "at" or "through" before the place
	}
	for j := a; j < k; j++ {
		if t := &p.toks[j]; t.kind == tWord && (t.cls.has(cFirstPerson) || t.cls.has(cFirstPersonContraction)) {
			return false
		}
	}
	return true
}

// ruleNeed is the rule of the "need" cue family.
func (p *parser) ruleNeed(k, a, b int, cond bool) bool {
	if p.processRule(k, a) {
		return false
	}
	if p.wordIs(k-2, a, b, cWill) && p.toks[k-1].kind == tWord && strings.HasSuffix(p.toks[k-1].low, "ly") {
		p.dismiss("need-future", k-2, k+1)
		return false // "will definitely need a lawyer": a need to come, not a wait now
	}
	if p.toks[k].low == "needed" && p.word(k+1, a, b) == "to" && p.resolutions > 0 && !p.blocked {
		// "Merging works fine now. The worker needed to be restarted": the
		// cause of what cleared, told after it.
		p.note("need-past-cause", k, k+2)
		return false
	}
	if p.needOfAuthor(k, a, b) {
		return false
	}
	if p.othersNeed(k, a) {
		if p.blocked && p.awaitedPartyIn(0, len(p.targets)) || p.blocked && p.topic != "" {
			// "CE budget still not approved; Walt needs Rosa's numbers
			// first": beside the author's own wait, another's need tells why
			// it is stuck, a link of their chain, no second wait of theirs.
			p.dismiss("distractor:relayed-need", max(a, k-2), k+1)
			return false
		}
		// "Ravi says he needs Aditi's audit logs": someone else's need; in a
		// report the team's, in chat theirs (chatReading), as "Rosa is waiting".
		p.relayPending = true
	}
	if p.toks[k].low == "needed" && p.wordIs(k-1, a, b, cFirstPerson) && p.relativeWhat(k-2, a, b) {
		// "got what I needed from data", "received everything we needed": the
		// need is what came, no wait.
		p.note("need-met", k-2, k+1)
		return false
	}
	return p.needWord(k, a, b, cond)
}

// relativeWhat reports whether toks[j] opens a free relative that stands for
// a thing: "what", "everything", "all", "whatever", "anything".
func (p *parser) relativeWhat(j, a, b int) bool {
	switch p.word(j, a, b) {
	case "what", "everything", "all", "whatever", "anything":
		return true
	}
	return false
}

// ruleCant is the rule of the "cant" cue family.
func (p *parser) ruleCant(k, a, b int, cond bool) bool {
	if p.toks[k].low == "can" && p.request(k+1, a, b, cond) {
		return true // "can you send the numbers so I can finish?"
	}
	if p.gatedOnAuthor(k, a, b) {
		return false
	}
	return p.cantWord(k, a, b, cond) || p.partyUnable(k, a, b, cond)
}

// gatedOnAuthor reports whether the "can't" at k is a colleague's, gated on
// the author: "he can't start the IP67 soak until I hand them over", "Ben
// can't test before we ship the build". The author is awaited there, not
// waiting.
func (p *parser) gatedOnAuthor(k, a, b int) bool {
	if p.toks[k].low == "can" || !p.personSubject(k-1) {
		return false
	}
	for j := k + 1; j+1 < b; j++ {
		if w := p.toks[j].low; (w == "until" || w == "till" || w == "before") && p.toks[j+1].kind == tWord &&
			p.toks[j+1].cls.has(cFirstPerson) && p.toks[j+1].cls.has(cSubject) {
			p.dismiss("distractor:waits-on-author", k-1, j+2)
			return true
		}
	}
	return false
}

// ruleUntil is the rule of the "until" cue family.
func (p *parser) ruleUntil(k, a, b int, _ bool) bool {
	found := false
	w := p.toks[k].low
	if w == "soon" {
		// "as soon as staging is back we can test": as "once".
		return p.word(k-1, a, b) == "as" && p.word(k+1, a, b) == "as" && p.untilWord(k+1, a, b)
	}
	if (w == "until" || w == "till") && p.toldToWait(k) {
		return false // "Please wait until your PR is reviewed": the reader waits
	}
	if p.machineUntil(k, a) {
		return false // "the request blocks until the lock is released": how a machine behaves
	}
	for j := a + 1; j < k; j++ {
		if t := &p.toks[j]; t.kind == tWord && t.cue == cantFamily && t.low != "can" && p.personSubject(j-1) {
			p.relayPending = true // "Aditi can't rotate the cert until Jonah ships the build": her wait, told by someone else
			break
		}
	}
	if p.untilWord(k, a, b) {
		found = true
	}
	if w == "once" && p.addressee(k, a, b) {
		found = true
	}
	if !found && w == "once" && p.whenPartyActs(k, a, b) {
		found = true // "once legal signs, we launch"
	}
	if !found && (w == "until" || w == "till") && !p.byChoice() && p.untilPartyActs(k, a, b) {
		found = true // "work is at a standstill until IT restores access"
	}
	return found
}

// machineUntil reports whether the clause before k tells a machine blocking
// or waiting (a tech-agent subject, as machineWait reads it): "the request
// blocks until the lock is released", "the job waits until the backup is
// done". "The deploy is blocked until legal signs" awaits a party's act.
func (p *parser) machineUntil(k, a int) bool {
	toks := p.toks
	for m := k - 1; m >= a && m >= k-2; m-- {
		if toks[m].kind != tWord {
			return false
		}
		if f := cueFamilies[toks[m].cue]; f != "block" && f != "wait" || toks[m].cls.has(cWaitingPassive) {
			continue
		}
		j := m - 1
		for j >= a && toks[j].kind == tWord && toks[j].cls.has(cLeadFiller) {
			j--
		}
		return j >= a && toks[j].kind == tWord && toks[j].cls.has(cTechAgent) && !p.partyAmong(k+1, p.sentB)
	}
	return false
}

// toldToWait reports whether the sentence before k tells the reader to wait:
// "Please wait", "I ask you to wait". A bare "Wait to merge until legal
// reviews" may be the team's own wait, and stays one.
func (p *parser) toldToWait(k int) bool {
	a := p.sentA
	for j := a; j < k; j++ {
		if p.toks[j].low != "wait" || p.toks[j].kind != tWord {
			continue
		}
		if p.wordIs(j-1, a, k, cPoliteness) || p.word(j-1, a, k) == "to" && p.wordIs(j-2, a, k, cReader) {
			return true
		}
	}
	return false
}

// ruleAddressee is the rule of the "addressee" cue family.
func (p *parser) ruleAddressee(k, a, b int, cond bool) bool {
	return p.addressee(k, a, b) || p.whenHearBack(k, a, b) || p.whenPartyActs(k, a, b) || p.notSureWhen(k, a, b) ||
		p.thingReadyFirst(k, a, b) || p.afterOwnedThing(k, a, b)
}

// afterOwnedThing reads an act of the author's planned for after a thing a
// role owns: "our source code will be released after the legal scan", "we
// can merge after the security review". The act must be one such a thing
// gates (lexicon class gated-release) and told as a plan, in the clause
// before "after"; the thing must name its owner ("legal scan", not "the
// review").
func (p *parser) afterOwnedThing(k, a, b int) bool {
	toks := p.toks
	if toks[k].low != "after" || p.question || k == p.sentA || !p.authorPlans() {
		return false
	}
	gated, future := false, false
	for m := p.sentA; m < k; m++ { // the clause before "after", which may have ended at it
		gated = gated || toks[m].kind == tWord && toks[m].cls.has(cGatedRelease)
		future = future || toks[m].kind == tWord && (toks[m].cls.has(cWill) || toks[m].low == "can" || toks[m].low == "could")
	}
	if !gated || !future {
		return false // "we released it after the legal review": done, nothing awaited
	}
	j := k + 1
	for j < b && toks[j].kind == tWord && toks[j].cls.has(cDet) && !toks[j].cls.has(cFirstPerson) {
		j++
	}
	if e, n := p.match(j); n > 0 && e.class == classRole && p.wordIs(j+n, a, b, cOwnedAct) {
		p.note("after-owned-thing", k, j+n+1) // "after the legal scan": the role's own act
		p.block(a, b, j, scopeAfter)
		return true
	}
	if j >= b || !p.artifactAt(j) {
		return false
	}
	_, end, role, strength := p.artifactPhrase(j, j, b)
	if role == "" || rank(strength) < ownerRole {
		return false
	}
	p.note("after-owned-thing", k, end)
	p.block(a, b, j, scopeAfter)
	return true
}

// untilPartyActs handles a wait told to last until a party acts: "work is at a
// standstill until IT restores access", "on hold till legal signs". The party
// must act in the present with a party's act (lexicon class party-act).
func (p *parser) untilPartyActs(k, a, b int) bool {
	toks := p.toks
	j := k + 1
	for j < b && toks[j].kind == tWord && toks[j].cls.has(cDet) && !toks[j].cls.has(cFirstPerson) {
		j++
	}
	if j >= b || !p.isParty(j, b) && toks[j].kind != tMention {
		return false
	}
	for m := j + 1; m < b && m <= j+4; m++ {
		if toks[m].kind == tWord && toks[m].cls.has(cPartyAct) && p.partyEnding(m-1) >= 0 {
			p.note("until-party-acts", k, m+1)
			p.block(a, b, j, scopeAfter)
			return true
		}
	}
	return false
}

// authorPlans reports whether the sentence tells the author's plan: the author
// as a subject ("we launch", "I'm on bug fixes"), a future ("will pick up") or
// a plan word ("planning to test").
func (p *parser) authorPlans() bool {
	for j := p.sentA; j < p.sentB; j++ {
		t := &p.toks[j]
		if t.kind == tWord && (t.cls.has(cFirstPerson) && t.cls.has(cSubject) || t.cls.has(cFirstPersonContraction) ||
			t.cls.has(cWill) || t.low == "planning" || t.low == "plan" || t.low == "going") {
			return true
		}
	}
	return false
}

// whenPartyActs handles the author's plan told to wait on a party's act in
// the present: "will pick up billing after the PM finalises the scope", "I'll
// test when ops restores staging", "once legal signs, we launch". The act is
// one a party hands over (lexicon class "party-act"); "when the customer
// clicks Save" describes a product, and a past act ("after legal signed") is
// history.
func (p *parser) whenPartyActs(k, a, b int) bool {
	toks := p.toks
	if p.question || k+2 >= b || toks[k].low == "if" {
		return false // "if the vendor replies we can ship Friday": a hypothetical
	}
	j := k + 1
	for j < b && toks[j].kind == tWord && toks[j].cls.has(cDet) && !toks[j].cls.has(cFirstPerson) {
		j++
	}
	if j >= b || !p.isParty(j, b) && toks[j].kind != tMention {
		return false
	}
	if !p.authorPlans() {
		return false // "when the client approves, the invoice is sent automatically": a process, not the author's plan
	}
	for m := j; m < b && m <= j+4; m++ {
		if toks[m].kind == tWord && toks[m].cls.has(cPartyAct) {
			if p.partyEnding(m-1) < 0 {
				return false // "when the build finishes"
			}
			p.note("when-party-acts", k, m+1)
			p.block(a, b, j, scopeAfter)
			return true
		}
	}
	return false
}

// ruleNoResponse is the rule of the "no-response" cue family.
func (p *parser) ruleNoResponse(k, a, b int, cond bool) bool {
	found := false
	w := p.toks[k].low
	if p.nobodyAnswered(k, a, b, cond) {
		return true
	}
	if w == "nobody" || w == "noone" {
		return false
	}
	if w == "still" && p.stillState(k, a, b, cond) {
		return true
	}
	if w == "zero" || w == "without" {
		return p.noResponse(k, a, b) // "received zero response from support", "emailed them without any reply"
	}
	if p.toks[k].cls.has(cReachWord) {
		return p.partyUnreachable(k, a, b, cond)
	}
	if w != "no" && w != "still" {
		// "our sponsor has been uncommunicative", "the vendor is unresponsive"
		if !p.report(k, a, cond) || p.conditionBefore(k, a) || p.negated(k, a) {
			return false
		}
		if s := k - 1; s > a && p.wordIs(s, a, b, cBe) && p.wordIs(s-1, a, b, cOtherPronoun) && p.wordIs(s-1, a, b, cSubject) &&
			p.toks[s-1].low != "you" {
			// "I contacted the owner, <@U1>, but they are unresponsive": the
			// party told before
			p.note("pronoun-unresponsive", s-1, k+1)
			p.block(a, b, k, scopeClause)
			return true
		}
		return p.partyIs(k, a, b, false)
	}
	if w == "no" && k-1 > a && (p.toks[k-1].low == "said" || p.toks[k-1].low == "says") && !p.noneAfter(k, b) &&
		!p.wordIs(k+1, a, b, cNoWorries) {
		// "finance said no to the extra licenses": a party decided against
		// what the author needs, as "rejected".
		return p.ruleRejected(k-1, a, b, cond)
	}
	if p.noResponse(k, a, b) {
		found = true
	}
	if w == "no" && p.noneAfter(k, b) && !p.toks[a].cls.has(cConditionOpener) && !cond {
		// "when there is no blocker configured, …" is a condition, not an answer
		p.none = true
		found = true
	}
	return found
}

// ruleNotYet is the rule of the "not-yet" cue family.
func (p *parser) ruleNotYet(k, a, b int, cond bool) bool {
	return p.notYet(k, a, b, cond) || p.hadNoResponse(k, a, b, cond) || p.thingNotYet(k, a, b, cond) ||
		p.partyHasItNow(k, a, b, cond)
}

// partyHasItNow reads an awaited thing told to be with a party now: "Brennan's
// legal has the DPA now", "procurement has the PO now". It moved on, and the
// author waits on whoever has it. Only a body (a role, a team, an outsider's
// office) counts: "Jo has the mocks now" may say Jo received them.
func (p *parser) partyHasItNow(k, a, b int, cond bool) bool {
	toks := p.toks
	if toks[k].low != "has" && toks[k].low != "have" || cond || p.question || k == a || !p.hasWord(k, b, "now") {
		return false
	}
	s := p.partyEnding(k - 1)
	if s < a || toks[k-1].kind != tWord || toks[k-1].cls.has(cSubject) || p.isPerson(k-1) || toks[k-1].capital && p.givenName(k-1) {
		return false
	}
	if !p.thingAfterDets(k+1, b) {
		return false
	}
	p.note("party-has-it-now", s, k+1)
	p.block(a, b, s, scopeClause)
	return true
}

// thingNotYet reads an awaited thing told, in so many words, not yet come:
// "spec not yet", "the signed DPA not yet", a terse writer's blocker line.
// The clause is the thing and "not yet", nothing else: "tests not yet
// written" tells the author's own work.
func (p *parser) thingNotYet(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.question || k == a || toks[k].low != "not" || p.word(k+1, a, b) != "yet" || k+2 != b || k-a > 4 {
		return false
	}
	thing := false
	for j := a; j < k; j++ {
		if t := &toks[j]; t.kind != tWord || !(isModifier(t) || t.cls.has(cDet)) || t.cls.has(cFirstPerson) {
			return false
		}
		thing = thing || p.artifactAt(j)
	}
	if !thing {
		return false
	}
	p.note("thing-not-yet", a, b)
	p.block(a, b, a, scopeClause)
	return true
}

// ruleMissing is the rule of the "missing" cue family.
func (p *parser) ruleMissing(k, a, b int, cond bool) bool {
	found := false
	toks := p.toks
	pw := p.word(k-1, a, b)
	if cond || hypothetical(toks, a, k) || p.negated(k, a) {
		return found
	}
	if p.wordIs(k-1, a, b, cBe) || pw == "still" || k == a || p.artifactAt(k-1) {
		p.block(a, b, k+1, scopeClause)
		found = true
	}
	return found
}

// ruleLockedOut is the rule of the "locked-out" cue family.
func (p *parser) ruleLockedOut(k, a, b int, cond bool) bool {
	found := false
	toks := p.toks
	nw := p.word(k+1, a, b)
	if nw == "out" && !cond && !hypothetical(toks, a, k) {
		p.block(a, b, k+2, scopeAfter)
		found = true
	}
	return found
}

// ownRequest reports whether the author's own request or ticket starts at j:
// "my access request", "our ticket with IT".
func (p *parser) ownRequest(j, b int) bool {
	toks := p.toks
	if j >= b || toks[j].kind != tWord || !toks[j].cls.has(cFirstPerson) || toks[j].cls.has(cSubject) {
		return false
	}
	return p.wordAhead(j+1, b, 3, cThreadNoun)
}

// chaseNote handles a note that chases what the author awaits, told as a noun
// ("gentle reminder about the budget approval <@U1>", "friendly ping on the
// DPA <@U1>", "bumping this, still need a review"): a wait on whom it
// mentions, or on the thing's owner.
func (p *parser) chaseNote(k, a, b int) bool {
	toks := p.toks
	if p.toks[k].low == "bumping" {
		if nw := p.word(k+1, a, b); nw != "this" && nw != "it" && nw != "" {
			return false // "bumping the version": no chase
		}
		p.note("chase-note", k, k+1)
		p.block(a, b, a, scopeClause)
		return true
	}
	nw := p.word(k+1, a, b)
	for m := a; m < k; m++ {
		if toks[m].kind == tWord && (!isModifier(&toks[m]) && !toks[m].cls.has(cDet) || toks[m].cls.has(cFirstPerson)) || k-a > 2 {
			return false // the note opens its clause: "gentle reminder …"; "I got a reminder about …" is not the author's chase
		}
	}
	if m := p.mentionIn(p.sentA, p.sentB); nw == "" && m >= 0 && p.toks[k].low != "reminder" {
		// "<@U1> ping?", "friendly nudge <@U1>": the note is all the report
		// says to them, so it chases what the author awaits from them.
		p.note("chase-note", k, k+1)
		p.block(a, b, a, scopeClause)
		p.addTarget(unblock.Target{Kind: unblock.TargetPerson, Name: p.span(m, m+1)})
		return true
	}
	if nw != "on" && nw != "about" && nw != "re" && nw != "regarding" && nw != "for" {
		return false // "ping me", "reminder: standup at 10"
	}
	for m := k + 2; m < b && m <= k+6; m++ {
		if e, n := p.match(m); n > 0 && e.class == classArtifact && e.strength > ownerNone || toks[m].kind == tMention {
			p.note("chase-note", k, m+1)
			p.block(a, b, k+2, scopeAfter)
			if mm := p.firstMention; mm >= 0 {
				p.addTarget(unblock.Target{Kind: unblock.TargetPerson, Name: p.span(mm, mm+1)})
			}
			return true
		}
	}
	return false
}

// ruleAnyUpdate is the rule of the "any-update" cue family.
func (p *parser) ruleAnyUpdate(k, a, b int, _ bool) bool {
	found := false
	toks := p.toks
	pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
	if (pw == "any" || p.question && (pw == "an" || pw == "the")) && (p.wordIs(k+1, a, b, cAboutPrep) || nw == "from" || nw == "with" && p.question) &&
		!hypothetical(toks, p.afterAsking(a, k), k) { // "any update on …", "any news regarding the DPA", "is there an update on the contract?"
		p.block(a, b, k+2, scopeAfter)
		found = true
	} else if pw == "any" && p.question && (nw == "" || p.wordIs(k+1, a, b, cUpdateTail)) && !hypothetical(toks, a, k) {
		// "<@U1> any updates?", "any news here <@U1>?": a status question put
		// to someone the report mentions chases what the author awaits from them.
		if m := p.mentionIn(p.sentA, p.sentB); m >= 0 {
			p.note("status-question", k, k+1)
			p.block(a, b, a, scopeClause)
			p.addTarget(unblock.Target{Kind: unblock.TargetPerson, Name: p.span(m, m+1)})
			found = true
		}
	}
	return found
}

// afterAsking returns where a status question starts when an asking verb
// embeds it ("I was wondering if there were any updates", "not sure whether
// there is news on"): after its "if" or "whether", which asks, not supposes.
// Otherwise a.
func (p *parser) afterAsking(a, k int) int {
	for j := k - 1; j > a; j-- {
		if w := p.toks[j].low; (w == "if" || w == "whether") && p.toks[j-1].cls.has(cKnowVerb) {
			return j + 1
		}
	}
	return a
}

// mentionIn returns the index of the first mention in toks[i:j], or -1.
func (p *parser) mentionIn(i, j int) int {
	for m := i; m < j && m < len(p.toks); m++ {
		if p.toks[m].kind == tMention {
			return m
		}
	}
	return -1
}

// ruleOwes is the rule of the "owes" cue family.
func (p *parser) ruleOwes(k, a, b int, cond bool) bool {
	found := false
	toks := p.toks
	if p.wordIs(k+1, a, b, cFirstPerson) && !cond && !hypothetical(toks, a, k) {
		p.block(a, b, k, scopeBefore)
		found = true
	}
	return found
}

// ruleEta is the rule of the "eta" cue family.
func (p *parser) ruleEta(k, a, b int, _ bool) bool {
	found := false
	pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
	if nw == "on" || nw == "for" || pw == "any" || pw == "an" {
		p.block(a, b, k+1, scopeClause)
		found = true
	}
	return found
}

// ruleChase is the rule of the "chase" cue family.
func (p *parser) ruleChase(k, a, b int, cond bool) bool {
	found := false
	w := p.toks[k].low
	if (w == "followed" || w == "follow" || w == "following") && p.word(k+1, a, b) != "up" {
		return false // "followed the guide"; "followed up again with IT" chases
	}
	if (w == "reminder" || w == "ping" || w == "bumping" || w == "nudge" || w == "poke" || w == "bump") && p.chaseNote(k, a, b) {
		return true // "gentle reminder about the budget approval <@U1>", "friendly ping on the DPA"
	}
	if s := p.partyChased(k, a, cond); s >= 0 {
		// "The supplier has been chased twice but no delivery date yet": the
		// author chased the party, which has not answered.
		p.note("party-chased", s, k+1)
		p.block(a, b, s, scopeClause)
		found = true
	} else if p.hasWord(a, b, "again") || p.hasWord(a, b, "still") || w == "chasing" {
		if p.colleagueActs(a, b) && !p.partyAmong(k+1, b) {
			// "…still blocked on those. Hattie is chasing.": a colleague
			// chases for the author, who waits on whom they chase, not on her.
			p.note("colleague-chasing", a, k+1)
			return false
		}
		p.block(a, b, k+1, scopeAfter)
		found = true
	} else if p.word(k+1, a, b) == "up" && p.word(k+2, a, b) == "on" && p.ownRequest(k+3, b) && p.report(k, a, cond) &&
		!p.futureBefore(k, a) && p.authorActs(k, a) {
		// "following up on my access request from last week": the author
		// chases what they asked for.
		p.note("chase-own-request", k, k+3)
		p.block(a, b, k+3, scopeAfter)
		found = true
	} else if p.report(k, a, cond) && !p.futureBefore(k, a) && !p.conditionBefore(k, a) && p.authorActs(k, a) {
		// Once, with what is asked for: "pinged Sam about the API keys",
		// "followed up with finance on the invoice" (outreach.go).
		found = p.reachedFor(k, a, b)
	}
	return found
}

// partyChased returns where the party starts that the chase word at k tells
// chased in the passive ("the supplier has been chased twice", "legal was
// pinged again"), or -1.
func (p *parser) partyChased(k, a int, cond bool) int {
	toks := p.toks
	if !strings.HasSuffix(toks[k].low, "ed") || k-2 < a || !toks[k-1].cls.has(cPassiveAux) || !p.report(k, a, cond) {
		return -1
	}
	j := k - 2
	for j > a && toks[j].kind == tWord && (toks[j].cls.has(cPerfectAux) || toks[j].cls.has(cLeadFiller)) {
		j--
	}
	if toks[j].kind == tWord && (toks[j].cls.has(cSubject) || toks[j].cls.has(cFirstPerson)) {
		return -1 // "I was pinged about it": someone chased the author
	}
	return p.partyEnding(j)
}

// ruleDelay is the rule of the "delay" cue family.
func (p *parser) ruleDelay(k, a, b int, cond bool) bool {
	found := false
	toks := p.toks
	w := p.toks[k].low
	nw := p.word(k+1, a, b)
	if toks[k].cls.has(cSlipVerb) {
		// "the mocks slipped again", "the DPA keeps slipping": only an
		// awaited thing slips ("I slipped on the ice").
		j := k - 1
		for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cRepeat) || toks[j].cls.has(cLeadFiller) || toks[j].cls.has(cBe)) {
			j--
		}
		if j < a || !p.artifactAt(j) || !p.report(k, a, cond) || p.authorIn(a, j) {
			return false // "my estimate slipped": the author's own
		}
		p.note("thing-slipped", j, k+1)
		p.block(a, b, j+1, scopeBefore)
		return true
	}
	if toks[k].cls.has(cObjectArrival) && p.limitRaised(k, a, b, cond) {
		return true // "AWS bumped the limit overnight": raised, not put off
	}
	if p.wordIs(k+1, a, b, cDelayCause) && !toks[k].cls.has(cPartyLag) &&
		!cond && !hypothetical(toks, a, k) && !(nw == "as" && p.word(k+2, a, b) == "well") {
		// "we have been delayed as some items were not available": the cause follows.
		p.block(a, b, k+1, scopeAfter)
		found = true
	} else if w == "delayed" && p.artifactAt(k-1) && k-1 >= a && !cond && !hypothetical(toks, a, k) && !p.negated(k, a) {
		// "<awaited thing> delayed": "copy approval delayed", "the
		// security review (is) delayed". The thing is the blocker.
		p.block(a, b, k, scopeBefore)
		found = true
	} else if p.thingPutOff(k, a, b, cond) || p.slowParty(k, a, b, cond) || p.meetingPutOff(k, a, b, cond) || p.partyPutOff(k, a, b, cond) {
		found = true
	}
	return found
}

// ownWorkBlocks reports whether the block word at k is followed in its
// sentence by "while we" or "while I" and a verb of the author's own work
// ("deploys are blocked this afternoon while we rotate the RDS certs"). A wait
// there ("blocked while we wait for legal") is a wait.
func (p *parser) ownWorkBlocks(k int) bool {
	toks := p.toks
	for j := k + 1; j+2 < p.sentB && j <= k+8; j++ {
		if toks[j].kind == tWord && toks[j].cls.has(cAwaitPrep) {
			return false // "blocked on legal while we finish the audit": whom it waits on is told
		}
		if toks[j].low != "while" || !toks[j+1].cls.has(cFirstPerson) || !toks[j+1].cls.has(cSubject) {
			continue
		}
		v := &toks[j+2]
		return v.kind == tWord && v.cue == 0 && !v.cls.has(cBe) && !v.cls.has(cStop)
	}
	return false
}

// thingWaits reports whether the wait word at k opens a relative clause on a
// thing named before: ", which is (still) waiting on …".
func (p *parser) thingWaits(k, a int) bool {
	j := k - 1
	for j >= a && p.toks[j].kind == tWord && (p.toks[j].cls.has(cBe) || p.toks[j].cls.has(cLeadFiller)) {
		j--
	}
	return j >= a && p.toks[j].low == "which" && j > 0 && p.toks[j-1].kind == tPunct
}

// limitRaised reads a party that raised a limit the author waited on: "AWS
// bumped the limit overnight", "support raised our quota". "The vendor
// bumped the delivery" put it off (partyPutOff).
func (p *parser) limitRaised(k, a, b int, cond bool) bool {
	toks := p.toks
	o := k + 1
	for o < b && toks[o].kind == tWord && (toks[o].cls.has(cDet) || toks[o].cls.has(cFirstPerson) && !toks[o].cls.has(cSubject)) {
		o++
	}
	if o+1 < b && toks[o].kind == tWord && isModifier(&toks[o]) && !toks[o].cls.has(cRaisedLimit) {
		o++ // "our dyno limit"
	}
	if o >= b || !toks[o].cls.has(cRaisedLimit) || !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cLeadFiller) || toks[j].cls.has(cPerfectAux)) {
		j--
	}
	if j < a || toks[j].kind == tWord && (toks[j].cls.has(cSubject) || toks[j].cls.has(cFirstPerson)) {
		return false // "we bumped the limit": the author's own act
	}
	s := p.partyEnding(j)
	if s < 0 && toks[j].capital && !toks[j].cls.has(cCommonCapital) {
		s = j // "Heroku bumped our dyno limit": an outside body by name
	}
	if s < 0 {
		return false
	}
	p.note("limit-raised", s, o+1)
	p.resolveIn(a, b, s, b)
	return true
}

// partyPutOff reads a party that put off what the author awaits: "the vendor
// pushed the delivery to next week", "Acme postponed the kickoff", "legal
// delayed the review". The author's own choice ("we pushed the launch"), a
// pronoun's ("they pushed the release": whose?) and a plan are none.
func (p *parser) partyPutOff(k, a, b int, cond bool) bool {
	toks := p.toks
	if k == a || !toks[k].cls.has(cPutOffVerb) || !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) {
		return false
	}
	j := k - 1
	for j > a && toks[j].kind == tWord && (toks[j].cls.has(cLeadFiller) || toks[j].cls.has(cRepeat) || toks[j].cls.has(cPerfectAux)) {
		j--
	}
	if t := &toks[j]; t.kind == tWord && (t.cls.has(cSubject) || t.cls.has(cOtherPronoun) || t.cls.has(cFirstPerson)) {
		return false
	}
	s := p.partyEnding(j)
	if s < 0 {
		return false
	}
	for m := a; m < s; m++ {
		if toks[m].kind == tWord && (toks[m].cls.has(cFirstPerson) && toks[m].cls.has(cSubject) || toks[m].cls.has(cCondition)) {
			return false // "we told the vendor to push the delivery", "if legal delays it"
		}
	}
	o := k + 1
	if p.word(o, a, b) == "back" {
		o++ // "pushed back the delivery"
	}
	for o < b && toks[o].kind == tWord && toks[o].cls.has(cDet) {
		o++
	}
	// The thing put off, in its first two words ("the kickoff call"): "the
	// vendor delayed us", "legal pushed back" put off no awaited thing, and
	// "Dana pushed the fix to main" pushed code: a date, a decision or a
	// meeting is what "pushed" puts off.
	e := o
	for ; e < b && e < o+2 && toks[e].kind == tWord; e++ {
		if t := &toks[e]; t.cls.has(cPutOffObject) && t.low != "back" && t.low != "out" || t.cls.has(cMeetingNoun) ||
			p.artifactAt(e) && toks[k].low != "pushed" {
			break
		}
	}
	if e >= b || e == o+2 || toks[e].kind != tWord {
		return false
	}
	p.note("party-put-off", s, e+1)
	p.block(a, b, s, scopeClause)
	return true
}

// meetingPutOff reads a meeting with a party put off ("Meeting with Greta was
// delayed", "the call with the client got postponed again"): the author
// waits for the party's time.
func (p *parser) meetingPutOff(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) {
		return false
	}
	for w := a + 1; w < k; w++ {
		if toks[w].low != "with" || !toks[w-1].cls.has(cMeetingNoun) || w+1 >= k || !p.partyOrPersonAt(w+1, k) ||
			toks[w+1].cls.has(cFirstPerson) {
			continue
		}
		p.note("meeting-put-off", w-1, k+1)
		p.block(a, b, w+1, scopeAfter)
		return true
	}
	return false
}

// slowParty reads an awaited thing or a party that is slow: "the security
// review is taking forever", "legal review is dragging on", "the vendor is
// dragging their feet". The author's own work that takes long ("the
// migration is taking forever") is no wait: engineering's things are left out.
func (p *parser) slowParty(k, a, b int, cond bool) bool {
	toks := p.toks
	w, nw := toks[k].low, p.word(k+1, a, b)
	if !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) || k < a+2 {
		return false
	}
	switch {
	case w == "taking" && k+1 < b && toks[k+1].cls.has(cSlowTail):
	case w == "dragging" && (nw == "on" || nw == "their" || nw == "its" || nw == "his" || nw == "her"):
	case w == "behind" && (nw == "on" || nw == "with" || nw == "schedule" || nw == ""):
		// "design is behind on the onboarding screens": the party owes the work
		return p.partyIs(k, a, b, false)
	case (w == "pushing" || w == "delaying" || w == "postponing") && toks[k-1].cls.has(cRepeat):
		// "the vendor keeps pushing the delivery date"; "keeps pushing new
		// features" pushes no date
		if w == "pushing" && !p.putOffAhead(k+1, a, b) {
			return false
		}
		return p.partyIs(k, a, b, true)
	default:
		return false
	}
	if !p.othersThingIs(k, a, true) {
		if !toks[k-1].cls.has(cBe) || p.partyEnding(k-2) < 0 || toks[k-2].kind == tWord && toks[k-2].cls.has(cSubject) {
			return false // "it is taking forever", "we are dragging our feet"
		}
	}
	p.note("slow-party", k, k+2)
	p.block(a, b, a, scopeClause)
	return true
}

// putOffAhead reports whether a date, a deadline or a thing of time is what
// is pushed at j (lexicon class put-off-object): "pushing the delivery date",
// "pushing it back".
func (p *parser) putOffAhead(j, a, b int) bool {
	for m := j; m < b && m <= j+3; m++ {
		if p.toks[m].kind == tWord && p.toks[m].cls.has(cPutOffObject) {
			return true
		}
	}
	return false
}

// authorIn reports whether the author is named in toks[a:k]: "I", "my", "we're".
func (p *parser) authorIn(a, k int) bool {
	for j := a; j < k; j++ {
		if t := &p.toks[j]; t.kind == tWord && (t.cls.has(cFirstPerson) || t.cls.has(cFirstPersonContraction)) {
			return true
		}
	}
	return false
}

// partyUnreachable reads a party told not reachable: "my solicitor hasn't
// been contactable at all", "the vendor isn't responsive". Without the
// negation ("legal is reachable on Slack") it says nothing.
func (p *parser) partyUnreachable(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.question || !p.negated(k, a) || p.conditionBefore(k, a) {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].cls.has(cLeadFiller) || isNegator(&toks[j]) ||
		toks[j].low == "been" || toks[j].cls.has(cDoAux)) && !toks[j].cls.has(cFirstPerson) && !toks[j].cls.has(cFirstPersonContraction) {
		j--
	}
	if j < a || toks[j].kind == tWord && (toks[j].cls.has(cFirstPerson) || toks[j].low == "you") {
		return false // "I'm not reachable tomorrow": the author's own absence
	}
	s := p.partyEnding(j)
	if s < 0 {
		return false
	}
	p.note("party-unreachable", s, k+1)
	p.block(a, b, s, scopeClause)
	return true
}

// partyIs reports whether a party (a role, team, outside body or person, never
// the author or a pronoun) is the subject of the word at k, told as a report,
// with only "is"/"are", lead words and, if repeat, "keeps" between; if so it
// records the wait on that party.
func (p *parser) partyIs(k, a, b int, repeat bool) bool {
	toks := p.toks
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].cls.has(cLeadFiller) || repeat && toks[j].cls.has(cRepeat)) &&
		!toks[j].cls.has(cFirstPerson) && !toks[j].cls.has(cFirstPersonContraction) {
		j--
	}
	if j < a || j == k-1 && !repeat || toks[j].kind == tWord && (toks[j].cls.has(cSubject) || toks[j].cls.has(cOtherPronoun)) {
		return false // "we're behind on tests": the author's own lag
	}
	s := p.partyEnding(j)
	if s < 0 {
		return false
	}
	for m := a; m < s; m++ {
		if toks[m].kind == tWord && (toks[m].cls.has(cFirstPerson) && toks[m].cls.has(cSubject) || toks[m].cls.has(cCondition)) {
			return false // "we think legal is behind", "if design is behind"; "our vendor is behind" is theirs
		}
	}
	p.note("slow-party", s, k+1)
	p.block(a, b, s, scopeClause)
	return true
}

// ruleResolved is the rule of the "resolved" cue family.
func (p *parser) ruleResolved(k, a, b int, cond bool) bool {
	if p.beingDone(k, a, b) {
		return false
	}
	return p.resolvedWord(k, a, b, cond) || p.doneByParty(k, a, b, cond) || p.passiveArrival(k, a, b, cond) ||
		p.partyDelivered(k, a, b, cond)
}

// beingDone reports whether the arrival or resolution word at k is told in the
// progressive ("the issues are being resolved", "the PR is being merged"):
// under way, not arrived.
func (p *parser) beingDone(k, a, b int) bool {
	if p.word(k-1, a, b) != "being" {
		return false
	}
	p.note("being-done-not-yet", k-1, k+1)
	return true
}

// ruleArrived is the rule of the "arrived" cue family.
func (p *parser) ruleArrived(k, a, b int, cond bool) bool {
	if p.toks[k].low == "in" && p.pendingState(k, a, b, cond) {
		return true // "the PR has sat in review since Tuesday"
	}
	if p.awaitedState(k, a) {
		return false // "waiting for PR merged", "need the contract signed": what is awaited, not what came
	}
	if p.beingDone(k, a, b) || p.nothingCame(k, a) {
		return false
	}
	return p.doneWith(k, a, b, cond) || p.arrived(k, a, b, cond) || p.doneByParty(k, a, b, cond) || p.passiveArrival(k, a, b, cond) || p.bareArrival(k, a, b, cond) ||
		(p.toks[k].cls.has(cArrivalVerb) || p.wordIs(k+1, a, b, cFirstPerson) && !p.wordIs(k+1, a, b, cSubject)) &&
			p.partyDelivered(k, a, b, cond) || p.pronounArrival(k, a, b, cond) ||
		p.toks[k].cls.has(cArriveIntransitive) && p.thingArrived(k, a, b, cond)
}

// doneWith reads a party told done with the thing the author waits on:
// "Harriet's done with the redlines", "<@U1> is done with the review". The
// party and the thing clear. "I'm done with the tests" is the author's own.
func (p *parser) doneWith(k, a, b int, cond bool) bool {
	toks := p.toks
	if toks[k].low != "done" || p.word(k+1, a, b) != "with" || k+2 >= b || !p.report(k, a, cond) || p.question ||
		p.negated(k, a) || p.futureBefore(k, a) {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cLeadFiller) || toks[j].low == "all") {
		j-- // "Harriet's finally done with …"
	}
	if j <= a || toks[j].kind != tWord || !toks[j].cls.has(cBe) {
		return false
	}
	s := p.partyEnding(j - 1)
	if s < a || toks[j-1].kind == tWord && toks[j-1].cls.has(cSubject) {
		return false // "they're done with it": whose work?
	}
	p.note("done-with", s, k+2)
	p.resolveIn(a, b, s, b)
	return true
}

// nothingCame reports whether the subject of the arrival word at k is nothing:
// "No parts came in yet", "no reply came back", "nothing was approved", "let's
// get this budget approved" (a plan: nothing came yet either).
func (p *parser) nothingCame(k, a int) bool {
	toks := p.toks
	for m := a; m < k; m++ {
		t := &toks[m]
		if t.kind != tWord {
			continue
		}
		switch t.low {
		case "and", "but", "so", "yet", "still", "sadly", "unfortunately", "again":
			continue // "but no parts came in yet"
		case "no", "nothing", "none", "neither", "let's", "lets":
			return true
		case "let":
			return p.word(m+1, a, k) == "us" || p.word(m+1, a, k) == "'s"
		}
		return false
	}
	return false
}

// awaitedState reports whether the arrival word at k tells the state a wait
// or a need earlier in its clause awaits: "waiting for PR merged", "need the
// budget approved". Only words of the awaited thing stand between them; a
// verb, a conjunction or punctuation ends the awaited thing ("waited for the
// PR, which got merged", "waiting on legal but the DPA is signed").
func (p *parser) awaitedState(k, a int) bool {
	toks := p.toks
	for m := k - 1; m >= a && m >= k-6; m-- {
		t := &toks[m]
		if t.kind != tWord {
			return false
		}
		if f := cueFamilies[t.cue]; f == "wait" || f == "need" {
			return m < k-1 && (t.low != "waited" && t.low != "needed")
		}
		if t.cue != 0 || t.cls.has(cBe) || t.cls.has(cCoordinator) || t.cls.has(cClauseTurn) || t.cls.has(cSubject) {
			return false
		}
	}
	return false
}

// askedArrival handles a question whether what the author awaits has come:
// "has anyone heard back from the auditors?", "do we have a decision on the
// pricing yet?". The author is still waiting.
func (p *parser) askedArrival(k, a, b int) bool {
	toks := p.toks
	if !p.question {
		return false
	}
	switch toks[k].low {
	case "heard":
		if p.word(k+1, a, b) != "back" && p.word(k+1, a, b) != "from" {
			return false
		}
		for m := k + 1; m < b && m <= k+3; m++ {
			if toks[m].low == "from" && (p.isParty(m+1, b) || m+1 < b && toks[m+1].kind == tMention) {
				p.note("asked-arrival", k, m+2)
				p.block(a, b, m+1, scopeAfter)
				return true
			}
		}
	case "have":
		if !p.hasWord(k, b, "yet") {
			return false
		}
		for m := k + 1; m < b && m <= k+4; m++ {
			if e, n := p.match(m); n > 0 && e.class == classArtifact && e.strength > ownerNone || toks[m].cls.has(cDecisionNoun) {
				p.note("asked-arrival", k, m+1)
				p.block(a, b, m, scopeAfter)
				return true
			}
			if toks[m].kind != tWord || !toks[m].cls.has(cDet) && !isModifier(&toks[m]) {
				return false
			}
		}
	}
	return false
}

// ruleGot is the rule of the "got" cue family.
func (p *parser) ruleGot(k, a, b int, cond bool) bool {
	if w := p.toks[k].low; w == "get" || w == "hear" || w == "receive" {
		if p.word(k-1, a, b) == "did" && !p.negated(k, a) && !p.question {
			return p.gotWord(k, a, b, cond) // "I did hear back from Walter", "we did get the keys"
		}
		if w != "get" {
			return false // "waiting to hear back", "will receive it Monday"
		}
		return p.gotItDone(k, a, b, cond) // "managed to get my PR merged"; any other "get" is no arrival
	}
	if p.askedArrival(k, a, b) || p.gotItDone(k, a, b, cond) {
		return true
	}
	found := false
	w := p.toks[k].low
	if w == "have" && (p.notYet(k, a, b, cond) || p.haveToGet(k, a, b, cond) || p.lacksAccess(k, a, b, cond) || p.partyLacks(k, a, b, cond)) ||
		p.gotWithThanks(k, a, b, cond) || p.gotWord(k, a, b, cond) || p.passiveArrival(k, a, b, cond) {
		found = true
	}
	return found
}

// gotWithThanks reads a receipt the author thanks someone for: "Got the rate
// card, thanks Bea!", "received the updated figures - thank you". The thing
// need be none the lexicon knows: the thanks says it was awaited. It names
// what arrived, so only the waits on it clear.
func (p *parser) gotWithThanks(k, a, b int, cond bool) bool {
	toks := p.toks
	if w := toks[k].low; w != "got" && w != "received" || cond || p.question || p.negated(k, a) || !p.authorActs(k, a) {
		return false
	}
	o := k + 1
	if w := p.word(o, a, p.sentB); w == "them" || w == "both" || w == "those" || w == "these" {
		// "Got them, thank you Nora!": what came is named before, by whom it
		// came from now ("got it, thanks" is understood, not received).
		m := o + 1
		for m < p.sentB && p.toks[m].kind == tPunct {
			m++
		}
		if m+1 < p.sentB && cueFamilies[toks[m].cue] == "thanks" {
			n := m + 1
			if p.word(n, m, p.sentB) == "you" {
				n++
			}
			if n < p.sentB && (toks[n].kind == tMention || p.isPerson(n) || p.givenName(n)) {
				p.note("got-with-thanks", k, n+1)
				p.addPerson(p.span(n, n+1), n, n+1, p.sentB)
				p.resolved = true
				return true
			}
		}
		return false
	}
	if o >= b || toks[o].kind != tWord || !toks[o].cls.has(cAwaitedObject) || toks[o].cls.has(cBackReference) {
		return false // "got the", "got your", "got our"; "got it, thanks" names nothing
	}
	o++
	e := p.nounRun(o, b)
	if e == o || e-o > 4 {
		return false
	}
	for m := o; m < e; m++ {
		if p.artifactAt(m) {
			return false // a thing the lexicon knows is gotWord's, with its owner
		}
	}
	if e < b && toks[e].kind == tWord {
		return false // "got the email about thanks for …": the thanks must follow the thing, set apart
	}
	thanks, at := false, -1
	for m := e; m < p.sentB && m < e+4; m++ {
		if t := &toks[m]; t.kind == tWord && cueFamilies[t.cue] == "thanks" {
			thanks = !p.wordIs(m+2, m, p.sentB, cThanksCourtesy) // "thanks for asking" thanks for no delivery
			at = m
			break
		}
	}
	for m := k - 1; !thanks && m >= p.sentA && m >= k-4; m-- {
		// "Perfect, thanks Aoife, got the page count": the thanks just before
		// the receipt, only a name and a comma between.
		if t := &toks[m]; t.kind == tWord && cueFamilies[t.cue] == "thanks" {
			thanks = m+1 < k && !p.wordIs(m+1, m, k, cThanksCourtesy) && !p.wordIs(m+2, m, k, cThanksCourtesy) &&
				!p.wordIs(m+1, m, k, cFunctionWord)
			at = m
		}
	}
	if !thanks {
		return false
	}
	p.note("got-with-thanks", k, e)
	if p.addTarget(unblock.Target{Kind: unblock.TargetArtifact, Name: p.span(o, e)}) && p.resolvedTopic == "" {
		p.resolvedTopic = p.span(o, e)
	}
	if n := at + 1; n < p.sentB && (toks[n].kind == tMention || p.isPerson(n) || p.givenName(n) && p.targetAt(n, p.sentB) == 1) {
		p.addPerson(p.span(n, n+1), n, n+1, p.sentB) // "thanks Aoife": whom it came from
	}
	p.resolved = true
	return true
}

// lacksAccess reads the author saying they do not have an access someone
// must grant ("I don't have access to the analytics dashboard yet", "still
// don't have permissions to deploy"): a wait on whoever grants it. The
// subject is the author or unsaid; "they don't have access" is news.
func (p *parser) lacksAccess(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.question || hypothetical(toks, a, k) || !p.negated(k, a) {
		return false
	}
	for j := a; j < k; j++ {
		// Only the author, a negation and its auxiliary stand before "have":
		// "users don't have permission to delete posts" is a product rule.
		t := &toks[j]
		if t.kind != tWord || !(t.cls.has(cFirstPerson) || t.cls.has(cFirstPersonContraction) || isNegator(t) ||
			t.cls.has(cLeadFiller) || t.cls.has(cDoAux)) {
			return false
		}
	}
	j := k + 1
	for j < b && toks[j].kind == tWord && toks[j].cls.has(cDet) && !toks[j].cls.has(cFirstPerson) {
		j++
	}
	if p.lacksOwed(j, a, b) {
		p.note("lacks-owed", k, j+1)
		p.block(a, b, j, scopeAfter)
		return true
	}
	for j < b && j <= k+4 && toks[j].kind == tWord && !toks[j].cls.has(cAccessNoun) && !toks[j].cls.has(cResponseNoun) &&
		isModifier(&toks[j]) && !toks[j].cls.has(cStop) {
		j++ // "any real contact", "a final answer"
	}
	if j >= b {
		return false
	}
	if !toks[j].cls.has(cAccessNoun) && !toks[j].cls.has(cResponseNoun) {
		return false
	}
	p.note("lacks-access", k, j+1)
	p.block(a, b, j, scopeAfter)
	return true
}

// partyLacks handles a party that does not have what the author needs from
// it: "the client does not have content yet", "the vendor doesn't have the
// parts". "Users don't have permission" is a product rule and "we don't
// have …" the author's (lacksAccess).
func (p *parser) partyLacks(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.question || hypothetical(toks, a, k) || !p.negated(k, a) {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (isNegator(&toks[j]) || toks[j].cls.has(cDoAux) || toks[j].cls.has(cLeadFiller) ||
		strings.HasSuffix(toks[j].low, "n't")) {
		j--
	}
	if j < a || j == k-1 || toks[j].kind == tWord && (toks[j].cls.has(cSubject) || toks[j].cls.has(cOtherPronoun) || toks[j].cls.has(cAccessSubject)) {
		return false
	}
	s := p.partyEnding(j)
	if s < 0 || k+1 >= b || toks[k+1].kind != tWord {
		return false
	}
	if e, n := p.match(s); n == 0 || e.class == classPerson {
		return false // "Sam doesn't have time this week": news of a colleague
	}
	if toks[k+1].cls.has(cIndefiniteDet) || toks[k+1].cls.has(cQuantifier) {
		return false // "the client doesn't have a strong opinion on colours"
	}
	p.note("party-lacks", s, k+2)
	p.block(a, b, s, scopeClause)
	return true
}

// lacksOwed reports whether the thing the author says they do not have, at j,
// is owed by someone: it comes "from" a party ("still don't have the copy from
// marketing"), or it is a thing with an owner that is still to come ("we don't
// have the mockups yet"). "I don't have time" and "we don't have a plan" are
// no wait on anyone.
func (p *parser) lacksOwed(j, a, b int) bool {
	toks := p.toks
	for m := j; m < b && m <= j+6; m++ {
		if toks[m].kind != tWord {
			return false
		}
		if toks[m].low == "from" && p.isParty(m+1, b) {
			return true
		}
	}
	if !p.hasWord(a, b, "yet") {
		return false
	}
	for m := j; m < b && m <= j+3; m++ {
		if e, n := p.match(m); n > 0 && e.class == classArtifact && e.strength > ownerNone {
			return true
		}
		if toks[m].kind != tWord || !isModifier(&toks[m]) && !toks[m].cls.has(cDet) {
			return false
		}
	}
	return false
}

// ruleFinally is the rule of the "finally" cue family.
func (p *parser) ruleFinally(k, a, b int, cond bool) bool {
	found := false
	toks := p.toks
	nw := p.word(k+1, a, b)
	if !cond && !p.futureBefore(k, a) && !hypothetical(toks, a, k) && nw != "" && nw != "be" &&
		(strings.HasSuffix(nw, "ed") || p.wordIs(k+1, a, b, cFinallyArrival)) {
		p.resolve(a, b)
		found = true
	}
	return found
}

// ruleGoodToGo is the rule of the "good-to-go" cue family.
func (p *parser) ruleGoodToGo(k, a, b int, cond bool) bool {
	found := false
	toks := p.toks
	nw := p.word(k+1, a, b)
	if toks[k].low == "good" && nw == "to" && p.wordIs(k+2, a, b, cProgressVerb) && !cond && !hypothetical(toks, a, k) && !p.negated(k, a) &&
		!p.question {
		// "good to go", "we're good to merge this": whatever held it up is
		// cleared ("happy to merge", "ok to work on" offer or allow, no more).
		// What cleared is named before the phrase ("the DPA is good to go") or
		// after it ("we're good to go on the launch"), never by its words.
		lo, hi := a, k
		if !p.namesThing(a, k) {
			lo, hi = min(k+3, b), b
		}
		p.resolveIn(a, b, lo, hi)
		p.readiness++
		found = true
	} else if (nw == "" || nw == "with") && !cond && !p.question && !p.negated(k, a) && p.partyIsGood(k, a) {
		// "Legal is good.", "the client is good with the terms": the party
		// that had to agree agrees.
		p.note("party-good", a, k+1)
		p.resolveIn(a, b, a, k)
		found = true
	}
	return found
}

// namesThing reports whether toks[lo:hi] hold a word that can name what
// cleared: not only the author, verbs of being, fillers and determiners ("we're
// now", "I am").
func (p *parser) namesThing(lo, hi int) bool {
	for j := lo; j < hi; j++ {
		t := &p.toks[j]
		if t.kind == tMention || t.kind == tWord && !t.cls.has(cFirstPerson) && !t.cls.has(cFirstPersonContraction) &&
			!t.cls.has(cBe) && !t.cls.has(cLeadFiller) && !t.cls.has(cPureDet) && t.low != "now" && t.low != "all" {
			return true
		}
	}
	return false
}

// partyIsGood reports whether "good" at k says of a party that opens the
// clause that it agrees: "Legal is good", "the TSC is good with it"; never
// the author ("we're good") nor a thing ("the build is good").
func (p *parser) partyIsGood(k, a int) bool {
	if k-1 <= a || !p.toks[k-1].cls.has(cBe) {
		return false
	}
	s := p.partyEnding(k - 2)
	if s < 0 {
		return false
	}
	for j := a; j < s; j++ {
		if p.toks[j].kind == tWord && !p.toks[j].cls.has(cDet) {
			return false
		}
	}
	return p.toks[k-2].kind == tMention || !p.toks[k-2].cls.has(cPartyPronoun)
}

// ruleProceed is the rule of the "proceed" cue family.
func (p *parser) ruleProceed(k, a, b int, cond bool) bool {
	return p.lookingForward(k, a, b, cond) || p.proceedWord(k, a, b, cond)
}

// ruleAnymore is the rule of the "anymore" cue family.
func (p *parser) ruleAnymore(k, a, b int, _ bool) bool {
	found := false
	for j := a; j < k; j++ {
		if p.toks[j].cue == cantFamily && p.toks[j].low != "can" {
			return false // "can't access the API anymore": newly shut out, nothing cleared
		}
	}
	if p.negated(k, a) || p.hasWord(a, k, "not") {
		p.resolve(a, b)
		found = true
	}
	return found
}

// ruleNoLonger is the rule of the "no-longer" cue family.
func (p *parser) ruleNoLonger(k, a, b int, _ bool) bool {
	found := false
	pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
	if pw == "no" && (p.blockish(k+1, b) || nw == "") && !p.hasWord(a, k, "will") {
		p.resolve(a, b)
		found = true
	}
	return found
}

// ruleMovedFromBlocked is the rule of the "moved-from-blocked" cue family.
func (p *parser) ruleMovedFromBlocked(k, a, b int, _ bool) bool {
	found := false
	toks := p.toks
	nw := p.word(k+1, a, b)
	if nw == "from" || nw == "out" {
		for j := k + 1; j < b && j <= k+3; j++ {
			if toks[j].low == "blocked" {
				p.resolve(a, b)
				found = true
				break
			}
		}
	}
	return found
}

// ruleHyphenBlocker is the rule of the "hyphen-blocker" cue family.
func (p *parser) ruleHyphenBlocker(k, a, b int, cond bool) bool {
	found := false
	toks := p.toks
	w := p.toks[k].low
	if strings.HasSuffix(w, "-blocker") || strings.HasSuffix(w, "-blocked") {
		if inClass(w[:strings.IndexByte(w, '-')], cBlockDegree) && !cond && !hypothetical(toks, a, k) {
			p.block(a, b, k+1, scopeAfter) // "semi-blocked on legal", "soft-blocker: the DPA"
			found = true
		}
	}
	return found
}

// helpedOthers reports whether the author, before the state word at k, got a
// party unblocked: "I helped the data team get unblocked", "we got <@U1>
// unblocked". The party's blocker cleared, not the author's.
func (p *parser) helpedOthers(k, a int) bool {
	toks := p.toks
	j := k - 1
	for j >= a && toks[j].kind == tWord && toks[j].cls.has(cBe) {
		j--
	}
	if j < a {
		return false
	}
	s := p.partyEnding(j)
	if s < 0 || toks[j].cls.has(cSubject) {
		return false // "they're unblocked" is someoneElse's; "we got unblocked" is the author's
	}
	for m := a; m < s; m++ {
		if toks[m].kind == tWord && (toks[m].cls.has(cFirstPerson) || toks[m].cls.has(cFirstPersonContraction)) {
			return true
		}
	}
	return false
}

// afterTheWait reports whether the noun "wait" at k is what came after
// ("after a long wait", "after the wait of three weeks") in a sentence that
// tells no wait going on: the wait ended. "Still" or a negation anywhere in the
// sentence ("after a long wait, still nothing") keeps it open.
func (p *parser) afterTheWait(k, a, b int) bool {
	toks := p.toks
	if toks[k].low != "wait" {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && isModifier(&toks[j]) && !toks[j].cls.has(cDet) {
		j-- // "long", "three-week", "frustrating"
	}
	if j < a || !toks[j].cls.has(cDet) || j-1 < a || toks[j-1].low != "after" {
		return false
	}
	for m := p.sentA; m < p.sentB; m++ {
		if t := &toks[m]; t.kind == tWord && (t.low == "still" || isNegator(t)) {
			return false
		}
	}
	return true
}
