package parse

// Cues of waiting and needing: "waiting on", "need … from", "can't … until",
// "no response from", "haven't heard back", addressed requests.

import (
	"strings"

	"github.com/unblock-dev/unblock"
)

// waitWord handles "waiting on", "awaiting", "have to wait" at k.
func (p *parser) waitWord(k, a, b int, cond bool) bool {
	w := p.toks[k].low
	pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
	nnw := p.word(k+2, a, b)
	if p.wordIs(k+1, a, b, cWaitCompound) {
		return false // "wait time", "the waiting room"
	}
	if w == "wait" {
		if pw == "can't" || pw == "cannot" || pw == "not" && p.word(k-2, a, b) == "can" {
			return false // "can't wait": eager, not blocked
		}
		if !(p.wordIs(k-1, a, b, cWaitAux) || nw == "on" || nw == "for" || nw == "until" || nw == "till" ||
			p.wordIs(k-1, a, b, cFirstPerson) && p.wordIs(k-1, a, b, cSubject) && (p.partyAfterDets(k+1, b) || p.thingAfterDets(k+1, b))) {
			return false // "I wait Yusuf endpoint", "still I wait the bank for the BINs", "I wait the quote of Polyglot": the author waits on the party
		}
	}
	if p.negated(k, a) {
		if (nw == "on" || nw == "for") && nnw != "" && !p.wordIs(k+2, a, b, cAnyPronoun) {
			// "+1 on not waiting on this", "don't wait for the TAC": a choice
			// or advice about one thing, no answer that nothing blocks.
			p.dismiss("distractor:not-waiting-on-it", k, k+3)
			return false
		}
		p.none = true // "not waiting on anything", "not waiting"
		return true
	}
	if cond || hypothetical(p.toks, a, k) {
		return false
	}
	if p.readersWait(k, a) {
		// "looks like you three are each waiting on the other one", "you're
		// all waiting on infra": the readers' waits, told to them.
		p.note("distractor:readers-wait", k, k+1)
		return false
	}
	if (nw == "on" || nw == "for") && p.wordIs(k+2, a, b, cFirstPerson) && !p.isParty(k+3, b) && !p.ownThingAwaited(k, a, b) {
		p.dismiss("distractor:waits-on-author", k, k+3)
		return false // someone is waiting on the author ("on me", "on my review"); "on our partner" is a wait
	}
	for j := k - 1; j >= a && j >= k-3; j-- {
		l := p.toks[j].low
		if p.toks[j].cls.has(cBe) || l == "still" || l == "are" {
			continue
		}
		if p.toks[j].cls.has(cThirdParty) {
			p.dismiss("distractor:third-party-waits", j, k+1)
			return false // a third party waits, not the author
		}
		break
	}
	from := k + 1
	switch nw {
	case "on", "for", "until", "till", "upon":
		from = k + 2
	case "to":
		if p.wordIs(k+2, a, b, cReceiveVerb) || nnw == "be" {
			from = k + 3
		}
	}
	p.block(a, b, from, scopeAfter)
	if len(p.targets) == p.blockFrom {
		p.addTargets(a, k, a, scopeClause) // "PR waiting to be merged": the subject
	}
	return true
}

// thingAfterDets reports whether an awaited thing the lexicon knows follows
// toks[k:] past determiners: "I wait the feedback from Moonrail".
func (p *parser) thingAfterDets(k, b int) bool {
	for k < b && p.toks[k].kind == tWord && p.toks[k].cls.has(cDet) && !p.toks[k].cls.has(cFirstPerson) {
		k++
	}
	return k < b && p.artifactAt(k)
}

// needWord handles "need X from Y", "need Y to …", "need the mocks", "requires access".
func (p *parser) needWord(k, a, b int, cond bool) bool {
	toks := p.toks
	pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
	if pw == "you" || pw == "u" || cond || hypothetical(toks, a, k) || p.negated(k, a) ||
		pw == "will" || pw == "'ll" || pw == "i'll" || pw == "we'll" {
		return false
	}
	// "<someone> needs to approve …": the author waits on someone else.
	if nw == "to" {
		sj := k - 1
		for sj >= a && p.wordIs(sj, a, b, cLeadFiller) {
			sj--
		}
		if sj >= a && p.targetAt(sj, b) > 0 && !toks[sj].cls.has(cFirstPerson) {
			p.block(a, b, k, scopeBefore)
			return true
		}
	}
	if toks[k].low == "needed" && (pw == "help" || pw == "input") {
		return false
	}
	if (toks[k].low == "needed" || toks[k].low == "required") && (toks[a].low == "no" || toks[a].low == "nothing") {
		return false // "No additional security approvals are required": nothing is awaited
	}
	// "<awaited thing> (is) needed": "design review needed", "a decision is
	// needed from product", "client reply required". The thing before is the blocker.
	if toks[k].low == "needed" || toks[k].low == "required" {
		j := k - 1
		if p.wordIs(k-1, a, b, cBe) {
			j--
		}
		if j >= a && p.artifactAt(j) {
			p.block(a, b, k, scopeBefore)
			return true
		}
	}
	// "needs to be approved by someone", "need to get it approved by SCM",
	// "need this PR approved": what the author needs is someone else's act.
	if j, ok := p.passiveNeed(k, b); ok {
		p.block(a, b, j, scopeAfter)
		return true
	}
	// "need to know/get/hear …": look past the verb.
	start := k + 1
	if nw == "to" {
		switch {
		case p.wordIs(k+2, a, b, cNeedToVerb):
			start = k + 3
			if p.wordIs(start, a, b, cWhetherWord) {
				if p.artifactAfter(start, b) {
					p.block(a, b, start, scopeAfter)
					return true
				}
				return false
			}
		default:
			return false // "need to fix the tests": the author's own work
		}
	}
	if t := p.deliveredBy(); t >= 0 && p.remainderAt(start, b) {
		// "got 4 of the 6 illustrations from Leonor, still need the last
		// two": what is left is still awaited from whom the rest came.
		p.note("need-the-rest", k, b)
		p.block(a, b, start, scopeAfter)
		if !p.awaitedPartyIn(p.sentTargets, len(p.targets)) {
			u := p.targets[t]
			u.Resolved, u.Topic = false, ""
			p.targets = append(p.targets, u)
		}
		return true
	}
	// "need <someone> to …" or "need <someone>'s …", and of a pair: "need
	// both security and legal to sign off", "need Dana or Sam to approve".
	j := start
	for j < b && (p.wordIs(j, a, b, cDet) || p.wordIs(j, a, b, cPairOpener)) {
		j++
	}
	e := j
	for e < b {
		n := p.targetAt(e, b)
		if n == 0 {
			break
		}
		e += n
		if w := p.word(e, a, b); w == "and" || w == "or" {
			f := e + 1
			for f < b && p.wordIs(f, a, b, cDet) {
				f++
			}
			if f < b && p.targetAt(f, b) > 0 {
				e = f
				continue
			}
		}
		if after := p.word(e, a, b); after == "to" || after == "'s" || after == "sign" || after == "approval" {
			p.block(a, b, j, scopeAfter)
			return true
		}
		break
	}
	// "need … from <someone>" or "need <an awaited thing>"; what the thing is
	// for may stand between: "need the data-flow diagram for the ERP
	// connector from <@U1>".
	for j := start; j < b && j < start+9; j++ {
		t := &toks[j]
		if t.kind == tPunct {
			break
		}
		if t.low == "from" && j+1 < b {
			p.block(a, b, start, scopeAfter)
			return true
		}
		if e, n := p.match(j); n > 0 && (e.class == classArtifact || e.class == classRole && p.artifactAt(j+n)) {
			p.block(a, b, start, scopeAfter)
			return true
		}
		// An area in -ing is part of the thing: "need the pricing terms review from legal".
		if !t.cls.has(cDet) && !isModifier(t) && !p.ingModifier(j, start) && t.low != "and" && t.low != "or" &&
			!(t.low == "for" && j > start+1) {
			break
		}
	}
	return false
}

// passiveNeed finds, after the need word at k, a passive act of someone else
// ("to be approved by someone", "to get it signed", "this PR approved") and
// returns where whom it is awaited from starts: after "by", else after k.
func (p *parser) passiveNeed(k, b int) (int, bool) {
	toks := p.toks
	for j := k + 1; j < b && j <= k+8; j++ {
		w := toks[j].low
		if toks[j].kind != tWord {
			return 0, false
		}
		if toks[j].cls.has(cArrivalVerb) || w == "reviewed" || w == "merged" ||
			(w == "made" || w == "taken") && k > 0 && toks[k-1].cls.has(cDecisionNoun) { // "the decision needs to be made"
			if j == k+1 {
				return 0, false // "needed approved …" is no passive
			}
			if j+1 < b && toks[j+1].low == "by" {
				return j + 2, true
			}
			return k + 1, true
		}
		switch {
		case toks[j].cls.has(cPassiveFiller):
		case toks[j].cls.has(cDet) || isModifier(&toks[j]):
		default:
			return 0, false
		}
	}
	return 0, false
}

// cantWord handles "can't start until …", "unable to deploy", "can not proceed".
func (p *parser) cantWord(k, a, b int, cond bool) bool {
	j := p.cantVerb(k, a, b)
	if j < 0 || cond || hypothetical(p.toks, a, k) {
		return false
	}
	if p.word(k-1, a, b) == "you" {
		return false
	}
	if k-1 >= a && p.personSubject(k-1) {
		p.relayPending = true // "Aditi can't deploy": her wait, told by someone else
	}
	others := false
	for m := a; m < k; m++ {
		if t := &p.toks[m]; t.kind == tWord {
			if t.cls.has(cFirstPerson) {
				others = false // "my account can't access staging": the author's
				break
			}
			others = others || t.cls.has(cAccessSubject)
		}
	}
	if others {
		return false // "blocked users can't log in": a product rule, not the author's wait
	}
	from := j + 1
	for m := j + 1; m < b; m++ {
		if p.toks[m].cls.has(cCantReason) {
			from = m + 1
			break
		}
	}
	if p.blocked && (p.withoutIt(j+1, max(b, p.sentB), false) || p.withoutIt(max(p.sentA, k-5), k, true)) {
		// "waiting for Priyanka to decide … — can't finish the alert screens
		// without it", "I wait Ravi's thresholds, without them I cannot
		// finish the regrid": the screens are the author's own work, and "it"
		// the wait told before.
		p.note("cant-without-it", k, j+1)
		return true
	}
	p.block(a, b, from, scopeAfter)
	return true
}

// withoutIt reports whether "without" and a word that refers back ("it",
// "that", and "them" when asked) stand in toks[from:hi], before any other
// punctuation than a comma: "can't finish the alert screens without it",
// "without them I cannot finish" ("can't start without them" after a question
// to someone waits on them), or "until then": "waiting on the rebudget
// approval, can't release the funds until then".
func (p *parser) withoutIt(from, hi int, them bool) bool {
	for m := from; m+1 < hi && m < from+8; m++ {
		if t := &p.toks[m]; t.kind == tPunct && t.punct != ',' || t.kind == tBreak {
			return false
		}
		next := &p.toks[m+1]
		if next.kind != tWord {
			continue
		}
		switch p.toks[m].low {
		case "without":
			if next.cls.has(cBackReference) || them && next.low == "them" {
				return true
			}
		case "until", "till":
			if next.low == "then" && (m+2 >= hi || p.toks[m+2].kind != tWord) {
				return true
			}
		}
	}
	return false
}

// blockedWorkIn reports whether toks[lo:hi] holds what the author cannot do
// ("can't publish the guidance pages", "cannot release the funds"): a "can't"
// with a verb of progress, whose object is the author's own work.
func (p *parser) blockedWorkIn(lo, hi int) bool {
	for k := max(lo, 0); k < hi; k++ {
		if t := &p.toks[k]; t.kind == tWord && t.cue == cantFamily && p.cantVerb(k, lo, hi) >= 0 {
			return true
		}
	}
	return false
}

// cantVerb returns where the verb of progress after the "can't" at k stands
// ("can't publish", "cannot really finish", "can not ship"), or -1.
func (p *parser) cantVerb(k, a, b int) int {
	j := k + 1
	if p.toks[k].low == "can" {
		if p.word(j, a, b) != "not" {
			return -1
		}
		j++
	}
	for j < b && p.wordIs(j, a, b, cCantFiller) {
		j++
	}
	if !p.wordIs(j, a, b, cProgressVerb) {
		return -1
	}
	return j
}

// untilWord handles "until X lands", "once design has weighed in", "before the
// mockup is available": what follows must say that something arrives.
func (p *parser) untilWord(k, a, b int) bool {
	toks := p.toks
	nw := p.word(k+1, a, b)
	if nw == "" || p.wordIs(k+1, a, b, cUntilAdverb) {
		return false
	}
	if toks[k].low == "before" && (strings.HasSuffix(nw, "ing") || p.gate(k)) {
		return false // "before going live", "before I can take it back to Harbor": the author's next step
	}
	for j := a; j < k; j++ {
		if toks[j].kind == tWord && cueFamilies[toks[j].cue] == "took" {
			return false // "it took a while before legal could sign": a delay told as over (ruleTook)
		}
	}
	own := p.wordIs(k+1, a, b, cOwnSubject)
	for j := k + 1; j < b; j++ {
		w := toks[j].low
		if toks[j].kind != tWord {
			continue
		}
		if !toks[j].cls.has(cArrival) && !strings.HasPrefix(w, "avail") && !strings.HasPrefix(w, "avali") {
			continue
		}
		if w == "green" && p.word(j+1, a, b) != "light" {
			continue
		}
		switch {
		case toks[j].cls.has(cUntilReceipt):
			if w == "has" || w == "have" {
				// "until I have the estimates" awaits them; "until I have
				// finished the tests" is the author's own work.
				if own && p.participleAt(j+1, b) || !p.artifactAfter(j+1, b) {
					continue
				}
			}
		case w == "in":
			if !p.wordIs(j-1, a, b, cBe) && !p.wordIs(j-1, a, b, cInVerb) {
				continue
			}
		default:
			if own {
				continue
			}
		}
		p.block(a, b, k+1, scopeAfter)
		return true
	}
	return false
}

// artifactAfter reports whether an awaited thing follows k within a few words.
// participleAt reports whether toks[k] is a past participle, which makes a
// "have" before it a perfect's auxiliary: "have finished", "have done".
func (p *parser) participleAt(k, b int) bool {
	if k >= b || p.toks[k].kind != tWord {
		return false
	}
	w := p.toks[k].low
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || p.toks[k].cls.has(cArrival) || p.toks[k].cls.has(cMetState)
}

func (p *parser) artifactAfter(k, b int) bool {
	for j := k; j < b && j < k+5; j++ {
		if p.artifactAt(j) || p.toks[j].kind == tMention {
			return true
		}
	}
	return false
}

// noResponse handles "no word from legal", "still no decision", "no response yet".
func (p *parser) noResponse(k, a, b int) bool {
	w := p.toks[k].low
	j := k + 1
	if w == "still" {
		if p.word(j, a, b) != "no" && p.word(j, a, b) != "nothing" {
			return false
		}
		j++
	}
	if w == "without" {
		// "sent two emails a month ago without receiving any response": a
		// request the author made that nobody has answered.
		if !hasClass(p.toks[p.sentA:k], cRequestAct) { // emailed, asked, submitted
			return false
		}
		if p.wordIs(j, a, b, cReceiveGerund) {
			j++ // "without receiving any response"; the article after is a determiner
		}
	}
	for j < b && p.wordIs(j, a, b, cDet) {
		j++
	}
	nw := p.word(j, a, b)
	if nw == "" || hypothetical(p.toks, a, k) {
		return false
	}
	// "no update from me": the author has nothing to report, nobody owes them;
	// "no updates from last week": nothing new since then.
	if p.word(j+1, a, b) == "from" && (p.wordIs(j+2, a, b, cFirstPerson) || p.word(j+2, a, b) == "last" ||
		p.wordIs(j+2, a, b, cDayWord) || p.wordIs(j+2, a, b, cTimeWord)) {
		return false
	}
	c := &p.toks[j].cls
	if w == "still" || c.has(cResponseNoun) && (p.hasWord(j, b, "from") || p.hasWord(j, b, "yet") || !c.has(cStatusNoun) || p.elapsedBefore(k)) {
		if !c.has(cNoneWordStrong) && c.has(cNoneWordWeak) || nw == "blockers" || nw == "issues" {
			return false
		}
		p.block(a, b, j, scopeAfter)
		return true
	}
	return false
}

// elapsedBefore reports whether the sentence tells, before k, how long it has
// been: "it's been three days and no update on the PR", "been a week, no news".
// Told so, no status is a wait's, not a report's ("no update today").
func (p *parser) elapsedBefore(k int) bool {
	for j := p.sentA; j < k; j++ {
		if p.toks[j].low != "been" {
			continue
		}
		m := j + 1
		for m < k && m <= j+3 && (p.toks[m].cls.has(cQuantity) || p.toks[m].low != "" && p.toks[m].low[0] >= '0' && p.toks[m].low[0] <= '9') {
			m++ // "been 3 days", "been a couple of weeks", "been over a month"
		}
		if m < k && p.toks[m].cls.has(cElapsedUnit) {
			return true
		}
	}
	return false
}

// ownThingAwaited reports whether "waiting for my X" at k is the author
// waiting for a thing of theirs to come or be acted on ("still waiting for my
// laptop", "waiting on my PR to be reviewed"): no subject but the author, and
// X is no act of the author's that others await ("waiting on my review").
func (p *parser) ownThingAwaited(k, a, b int) bool {
	toks := p.toks
	for j := a; j < k; j++ {
		if t := &toks[j]; t.kind != tWord || !(t.cls.has(cLeadFiller) || t.cls.has(cBe) || t.cls.has(cFirstPerson) ||
			t.cls.has(cFirstPersonContraction)) {
			return false
		}
	}
	if k+2 >= b || toks[k+2].low == "me" || toks[k+2].low == "us" {
		return false
	}
	words := 0
	for x := k + 3; x < b && x <= k+5 && toks[x].kind == tWord && !toks[x].cls.has(cStop); x++ {
		if toks[x].cls.has(cApprovalNoun) || toks[x].cls.has(cResponseNoun) {
			for f := x + 1; f+1 < b; f++ {
				if toks[f].low == "from" && p.partyOrPersonAt(f+1, b) {
					return true // "waiting for my code review from Sam"
				}
			}
			return false
		}
		words++
	}
	return words > 0
}

// notYet handles "haven't heard back", "not received …", "Bram hasn't been able to review".
func (p *parser) notYet(k, a, b int, cond bool) bool {
	toks := p.toks
	w := toks[k].low
	j := k + 1
	switch w {
	case "have", "has", "had":
		if p.word(j, a, b) == "to" && (p.wordIs(j+1, a, b, cHandoverVerb) || p.wordIs(j+1, a, b, cDecideVerb)) && w != "had" {
			return p.partyHasTo(k, a, b, cond)
		}
		if p.word(j, a, b) != "not" && !p.nobodyOf(k, a, b) {
			return false
		}
		if p.word(j, a, b) == "not" {
			j++
		}
	case "not":
		if p.wordIs(k-1, a, b, cPerfectAux) {
			return false // counted at "have"
		}
	case "yet":
		if p.word(j, a, b) != "to" {
			return false
		}
		j++
	case "isn't", "aren't", "wasn't", "weren't":
	}
	for j < b && p.wordIs(j, a, b, cNotYetFiller) {
		j++
	}
	v := p.word(j, a, b)
	if v == "" || cond || hypothetical(toks, a, k) {
		return false
	}
	subjOwn := false
	for m := k - 1; m >= a && m >= k-2; m-- {
		if toks[m].cls.has(cFirstPerson) && (m == k-1 || toks[m+1].kind != tWord || !isModifier(&toks[m+1])) || toks[m].cls.has(cOwnSubject) {
			subjOwn = true // "we haven't reviewed"; "our account hasn't been set up" waits on whoever sets it up
		}
	}
	vc := &toks[j].cls
	if vc.has(cReceiveVerb) || subjOwn && vc.has(cUntilReceipt) && p.word(j-1, a, b) == "been" {
		// "haven't heard back", "we haven't been given the green light from
		// legal": what the author has not been given is awaited.
		p.block(a, b, j+1, scopeAfter)
		return true
	}
	if vc.has(cAwaitedAct) || w == "yet" && (vc.has(cHandoverVerb) || vc.has(cDecideVerb)) ||
		vc.has(cComeVerb) && p.wordIs(j+1, a, b, cArrivalParticle) {
		if subjOwn {
			return false
		}
		p.block(a, b, j+1, scopeClause) // "legal hasn't replied", "product has yet to decide"
		if p.topic == "" {
			// "The test sensors from Trakwise haven't shipped": what has not
			// come opens the clause, before whom it comes from.
			e := a
			for e < k && toks[e].kind == tWord && toks[e].low != "from" && p.targetLen(e, k) == 0 {
				e++
			}
			if e > a && e < k && p.nounPhrase(a, e) {
				p.topic = p.nounClause(a, e, false)
			} else if o := j + 1; o < b && p.wordIs(o, a, b, cDet) && !p.wordIs(o, a, b, cFirstPerson) {
				p.topic = p.nounClause(o, b, false) // "Trakwise haven't shipped the sensors"
			}
		}
		return true
	}
	if vc.has(cAwaitedGerund) && !subjOwn && w == "not" && k > a {
		s := k - 1 // the party: "legal not answering", "the vendor is not responding"
		if p.wordIs(s, a, b, cBe) && !toks[s].cls.has(cFirstPerson) && !toks[s].cls.has(cFirstPersonContraction) && s > a {
			s--
		}
		if p.partyEnding(s) >= 0 && !p.toks[s].cls.has(cSubject) {
			// "due to the client not providing feedback", "legal not answering"
			p.block(a, b, p.partyEnding(s), scopeAfter)
			return true
		}
		if s < k-1 && toks[s].cls.has(cOtherPronoun) && toks[s].cls.has(cSubject) {
			// "they are not responding": a party told before, named nothing here
			p.block(a, b, j+1, scopeAfter)
			return true
		}
	}
	return p.notReadyYet(k, j, a, b, subjOwn)
}

// notReadyYet handles a thing someone else owes told not ready: "the mockups
// aren't ready yet", "the designs are still not final": the author waits on the
// thing's owner. The thing must have an owner in the lexicon and the line must
// say the wait goes on ("yet", "still"); "my PR isn't ready yet" is the author's
// own work and "the room is not ready" no awaited thing.
func (p *parser) notReadyYet(k, v, a, b int, subjOwn bool) bool {
	toks := p.toks
	if subjOwn || !p.wordIs(v, a, b, cReadyState) || !p.hasWord(a, b, "yet") && !p.hasWord(a, b, "still") {
		return false
	}
	thing := -1
	for m := k - 1; m >= a && m >= k-6; m-- {
		if toks[m].kind != tWord || toks[m].cls.has(cFirstPerson) {
			return false
		}
		if e, n := p.match(m); n > 0 && e.class == classArtifact && e.strength > ownerNone && m+n <= k {
			thing = m
		}
	}
	if thing < 0 {
		return false
	}
	p.note("not-ready-yet", thing, v+1)
	p.block(a, b, thing, scopeAfter)
	return true
}

// addressee handles a request to the reader: "<@U1>, if you give your
// approval, I will start". The author waits on whoever the message mentions.
func (p *parser) addressee(k, a, b int) bool {
	if p.word(k+1, a, b) != "you" {
		return false
	}
	if !p.wordIs(k+2, a, b, cAddresseeAct) {
		return false
	}
	if m := p.firstMention; m >= 0 {
		p.block(a, b, k+2, scopeAfter)
		p.addTarget(unblock.Target{Kind: unblock.TargetPerson, Name: p.span(m, m+1)})
		return true
	}
	return false
}

// nobodyOf reports whether the subject before the perfect auxiliary at k is
// nobody of a party: "nobody from product has looked at the PRD", "no one on
// the data team has replied".
func (p *parser) nobodyOf(k, a, b int) bool {
	toks := p.toks
	for m := a; m < k && m <= a+3; m++ {
		w := toks[m].low
		n := m + 1
		if w == "no" && p.word(m+1, a, b) == "one" {
			n = m + 2
		} else if w != "nobody" && w != "noone" {
			continue
		}
		if pw := p.word(n, a, b); (pw == "from" || pw == "on" || pw == "in" || pw == "at") && p.isParty(n+1, k) {
			return true
		}
	}
	return false
}

// partyHasTo handles a party that still has to do what the author awaits:
// "design still has to send the final icons", "legal has to sign first". The
// author's own "I have to send the report" is no wait.
func (p *parser) partyHasTo(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.question || hypothetical(toks, a, k) || p.conditionBefore(k, a) {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && toks[j].cls.has(cLeadFiller) {
		j--
	}
	s := p.partyAt(j, a)
	if s < 0 {
		return false
	}
	for m := a; m < s; m++ {
		if toks[m].kind == tWord && toks[m].cls.has(cFirstPerson) && toks[m].cls.has(cSubject) {
			return false
		}
	}
	p.note("party-has-to", s, k+3)
	p.block(a, b, s, scopeClause)
	return true
}

// deliveredBy returns the index of the party the statement told as having
// delivered something (a resolved person, team or outsider), or -1.
func (p *parser) deliveredBy() int {
	for i := len(p.targets) - 1; i >= 0; i-- {
		if t := &p.targets[i]; t.Resolved && t.Kind != unblock.TargetArtifact {
			return i
		}
	}
	return -1
}

// remainderAt reports whether toks[j:b] open with what is left of a thing
// (lexicon class remainder-word): "the last two", "the rest", "the remaining
// ones".
func (p *parser) remainderAt(j, b int) bool {
	for j < b && p.wordIs(j, j, b, cPureDet) {
		j++
	}
	return j < b && p.wordIs(j, j, b, cRemainderWord)
}

// readersWait reports whether the waiting at k has the readers for subject,
// "you" and its auxiliaries or quantifiers right before it ("you three are
// each waiting", "you're all waiting"), not the author.
func (p *parser) readersWait(k, a int) bool {
	j := k - 1
	for j >= a && j >= k-4 && p.toks[j].kind == tWord && (p.toks[j].cls.has(cBe) || p.toks[j].cls.has(cQuantifier) ||
		p.toks[j].cls.has(cNumberWord) || p.toks[j].low == "each" || p.toks[j].low == "all" || p.toks[j].low == "still") {
		j--
	}
	return j >= a && j < k-1 && p.toks[j].kind == tWord && p.toks[j].cls.has(cReader) || j >= a && j == k-1 && p.toks[j].low == "you're"
}
