package parse

// Waits told by the silence of a party, with no wait word: a party that
// stopped answering ("the vendor stopped responding to our emails"), nobody
// answering what the author put to them ("no one has reviewed my PR yet"), the
// author still trying to get an answer or a party ("trying to get hold of the
// landlord") and nobody able to say when a party's part comes ("not sure when
// the designer will be available"). A later arrival in the report clears them
// as it clears any wait.

// ruleStopped is the rule of the "stopped" cue family: a party stopped doing
// what the author awaits ("Dana has stopped replying", "legal stopped getting
// back to us"). A thing that stopped responding ("the server stopped
// responding") is an outage, and the author's own "I stopped replying to
// recruiters" is a choice: neither is a party's.
func (p *parser) ruleStopped(k, a, b int, cond bool) bool {
	if !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	j := k + 1
	if p.word(j, a, b) == "getting" && p.word(j+1, a, b) == "back" {
		j++
	} else if !p.wordIs(j, a, b, cAwaitedGerund) {
		return false
	}
	s := k - 1
	for s > a && p.toks[s].kind == tWord && (p.toks[s].cls.has(cPerfectAux) || p.toks[s].cls.has(cLeadFiller)) {
		s-- // "has just stopped", "has suddenly stopped"
	}
	if s < a || p.toks[s].kind == tWord && (p.toks[s].cls.has(cFirstPerson) || p.toks[s].cls.has(cFirstPersonContraction)) {
		return false
	}
	if p.toks[s].kind == tWord && p.toks[s].cls.has(cOtherPronoun) && p.toks[s].cls.has(cSubject) {
		p.note("stopped", s, j+1) // "they stopped responding": a party told before
		p.block(a, b, j+1, scopeAfter)
		return true
	}
	start := p.partyEnding(s)
	if start < 0 {
		return false
	}
	p.note("stopped", start, j+1)
	p.block(a, b, start, scopeAfter)
	return true
}

// nobodyAnswered handles nobody doing what the author put to them: "nobody
// has replied to the ticket yet", "no one is responding on the support
// thread", "no one has reviewed my PR". What was put must be the author's or a
// request ("my PR", "the ticket", "me"), or the words must say the wait goes on
// ("yet", "still"): "nobody replied to the lunch poll" awaits nothing.
func (p *parser) nobodyAnswered(k, a, b int, cond bool) bool {
	toks := p.toks
	j := k + 1
	switch w := toks[k].low; {
	case w == "nobody" || w == "noone":
	case w == "no" && p.word(j, a, b) == "one":
		j++
	default:
		return false
	}
	if !p.report(k, a, cond) || p.conditionBefore(k, a) {
		return false
	}
	for j < b && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].cls.has(cNotYetFiller) || toks[j].cls.has(cLeadFiller)) {
		j++
	}
	if !p.wordIs(j, a, b, cAwaitedAct) && !p.wordIs(j, a, b, cAwaitedGerund) {
		return false
	}
	put := p.hasWord(a, b, "yet") || p.hasWord(a, b, "still")
	for m := j + 1; m < b && m <= j+4 && !put; m++ {
		t := &toks[m]
		put = t.kind == tMention || t.kind == tWord && (t.cls.has(cFirstPerson) || t.cls.has(cThreadNoun) ||
			t.cls.has(cMessageNoun) || t.cls.has(cIncomingRequest) || p.artifactAt(m))
	}
	if !put {
		return false
	}
	p.note("nobody-answered", k, j+1)
	p.block(a, b, j+1, scopeAfter)
	return true
}

// ruleTrying is the rule of the "trying" cue family: the author trying to get
// an answer, an approval or an access from a party ("trying to get approval
// from finance", "trying to get access to the bucket"), or to get hold of,
// reach or hear from a party ("I've been trying to reach the vendor all
// week"). The author's own work ("trying to get the tests to pass") and
// someone else's trying ("Dana is trying to get access for me") are no wait.
func (p *parser) ruleTrying(k, a, b int, cond bool) bool {
	if !p.report(k, a, cond) || p.conditionBefore(k, a) || !p.authorActs(k, a) || p.word(k+1, a, b) != "to" {
		return false
	}
	if p.partySubjectBefore(k, a) {
		return false // "Dana is trying to get access": hers, not the author's
	}
	j := k + 2
	switch p.word(j, a, b) {
	case "get", "obtain", "secure":
		j++
		if p.word(j, a, b) == "hold" && p.word(j+1, a, b) == "of" {
			return p.triedParty(k, j+2, a, b)
		}
		if m := p.doneParticiple(j, a, b); m > 0 {
			p.note("trying-to-get", k, m+1) // "trying to get my PR merged"
			p.block(a, b, j, scopeAfter)
			return true
		}
		for j < b && p.wordIs(j, a, b, cDet) {
			j++
		}
		if !p.wordIs(j, a, b, cResponseNoun) && !p.wordIs(j, a, b, cApprovalNoun) {
			return false
		}
		p.note("trying-to-get", k, j+1)
		p.block(a, b, j, scopeAfter)
		return true
	case "reach", "contact", "hear":
		j++
		if w := p.word(j, a, b); w == "back" || w == "from" {
			j++
		}
		if p.word(j, a, b) == "from" {
			j++
		}
		return p.triedParty(k, j, a, b)
	}
	return false
}

// triedParty records the wait on the party the author tried to reach at j.
func (p *parser) triedParty(k, j, a, b int) bool {
	s, n := p.partyAfter(j, b)
	if n == 0 || p.toks[s].cls.has(cFirstPerson) {
		return false
	}
	p.note("trying-to-get", k, s+n)
	p.block(a, b, s, scopeAfter)
	return true
}

// notSureWhen handles the author unable to say when a party's part comes:
// "not sure when the designer will be available", "unclear when the vendor
// will ship the fix". The "when" at k follows a word of doubt; what comes is a
// party's or a thing's, never the author's ("not sure when I will finish"),
// and it is to come ("will", "is going to"), not a past event ("no idea when
// the bug was introduced").
func (p *parser) notSureWhen(k, a, b int) bool {
	toks := p.toks
	if !p.doubtBefore(k, a) {
		return false
	}
	j := k + 1
	for j < b && p.wordIs(j, a, b, cDet) && !toks[j].cls.has(cFirstPerson) {
		j++
	}
	if j >= b || toks[j].kind == tWord && (toks[j].cls.has(cFirstPerson) || toks[j].cls.has(cFirstPersonContraction)) {
		return false
	}
	if toks[j].kind != tMention && !p.isParty(j, b) && !p.artifactAt(j) {
		return false
	}
	for m := j + 1; m < b && m <= j+5; m++ {
		if !p.wordIs(m, a, b, cWill) && p.word(m, a, b) != "going" {
			continue
		}
		for v := m + 1; v < b && v <= m+4; v++ {
			if t := &toks[v]; t.kind == tWord && (t.cls.has(cReadyState) || t.cls.has(cRequestVerb) || t.cls.has(cPartyAct) ||
				t.cls.has(cThingArrivalVerb)) {
				p.note("not-sure-when", k, v+1)
				p.block(a, b, j, scopeAfter)
				return true
			}
		}
		return false
	}
	return false
}

// doubtBefore reports whether the word before k doubts ("unclear when",
// "unsure when") or a negated word of knowing does ("not sure when", "no idea
// when", "don't know when").
func (p *parser) doubtBefore(k, a int) bool {
	if k-1 < a || p.toks[k-1].kind != tWord {
		return false
	}
	t := &p.toks[k-1]
	if t.cls.has(cDoubt) {
		return true
	}
	return t.cls.has(cKnowing) && p.negated(k-1, a)
}

// partySubjectBefore reports whether a party other than the author is the
// subject of the verb at k: "Dana is trying", "the vendor got".
func (p *parser) partySubjectBefore(k, a int) bool {
	s := k - 1
	for s >= a && p.toks[s].kind == tWord && (p.toks[s].cls.has(cBe) || p.toks[s].cls.has(cLeadFiller) || p.toks[s].cls.has(cPerfectAux)) {
		s--
	}
	return s >= a && p.partyEnding(s) >= 0
}

// doneParticiple finds, after a verb of getting at j-1, a thing and the act
// done to it by whoever owed it: "my PR merged", "the board layout approved
// by the fab house", "the budget signed off". It returns where the participle
// is, or 0.
func (p *parser) doneParticiple(j, a, b int) int {
	toks := p.toks
	for m := j; m < b && m <= j+4; m++ {
		t := &toks[m]
		if t.kind != tWord {
			return 0
		}
		if m > j && (t.cls.has(cArrivalVerb) || t.cls.has(cDoneParticiple)) {
			return m
		}
		if t.cls.has(cStop) && !t.cls.has(cDet) && !t.cls.has(cFirstPerson) || t.cue != 0 {
			return 0
		}
	}
	return 0
}

// gotItDone handles the author getting an awaited act done by whoever owed it:
// "got my PR merged", "got the board layout approved by the fab house",
// "finally managed to get the budget signed off". Another's "Dana got her PR
// merged" is hers.
func (p *parser) gotItDone(k, a, b int, cond bool) bool {
	toks := p.toks
	switch toks[k].low {
	case "got", "gotten":
	case "get":
		if p.word(k-1, a, b) != "to" || !p.wordIs(k-2, a, b, cManaged) {
			return false // "need to get my PR merged" waits
		}
	default:
		return false
	}
	if cond || p.question || hypothetical(toks, a, k) || p.negated(k, a) || p.conditionBefore(k, a) ||
		p.partySubjectBefore(k, a) || !p.authorActs(k, a) {
		return false
	}
	m := p.doneParticiple(k+1, a, b)
	if m == 0 {
		return false
	}
	p.note("got-it-done", k, m+1)
	p.resolveIn(a, b, k+1, b)
	return true
}

// ruleWants is the rule of the "wants" cue family: a party that wants to
// vet what the author did before it goes on ("Legal wants to do another
// review", "the client wants to see the designs first", "security wants to
// check the threat model"). What a party wants to do besides vetting ("product
// wants to ship Friday") and what it wants of the author ("legal wants us to
// remove the logo") are no wait on it.
func (p *parser) ruleWants(k, a, b int, cond bool) bool {
	if !p.report(k, a, cond) || p.conditionBefore(k, a) || p.word(k+1, a, b) != "to" {
		return false
	}
	s := k - 1
	for s > a && p.toks[s].kind == tWord && p.toks[s].cls.has(cLeadFiller) {
		s--
	}
	if s < a || p.toks[s].kind == tWord && p.toks[s].cls.has(cOtherPronoun) {
		return false
	}
	start := p.partyEnding(s)
	if start < 0 {
		return false
	}
	j := k + 2
	if w := p.word(j, a, b); w == "do" || w == "have" || w == "take" {
		j++ // "wants to do another review", "wants to have a look"
		for j < b && p.wordIs(j, a, b, cDet) {
			j++
		}
		if !p.wordIs(j, a, b, cApprovalNoun) && p.word(j, a, b) != "look" {
			return false
		}
	} else if !p.wordIs(j, a, b, cVettingVerb) {
		return false
	}
	p.note("wants-to-vet", start, j+1)
	p.block(a, b, start, scopeAfter)
	return true
}

// thingReadyFirst handles the author's plan told to wait for a thing to be
// ready: "after the mailing lists are ready, we will start the migration",
// "when the API keys are available I'll test the integration". The thing is
// not the author's ("when my PR is ready") and the clause must say the
// author's plan ("when the build is done, the report is emailed" is a process).
func (p *parser) thingReadyFirst(k, a, b int) bool {
	toks := p.toks
	if p.question || toks[k].low == "if" {
		return false
	}
	j := k + 1
	for j < b && p.wordIs(j, a, b, cDet) {
		if toks[j].cls.has(cFirstPerson) {
			return false
		}
		j++
	}
	if j >= b || toks[j].kind != tWord || toks[j].cls.has(cFirstPerson) || toks[j].cls.has(cSubject) || toks[j].cls.has(cStop) {
		return false
	}
	for m := j + 1; m < b && m <= j+4; m++ {
		if !p.wordIs(m, a, b, cBe) {
			if toks[m].kind != tWord || toks[m].cls.has(cStop) {
				return false
			}
			continue
		}
		v := m + 1
		if p.word(v, a, b) == "all" || p.word(v, a, b) == "fully" {
			v++
		}
		if !p.wordIs(v, a, b, cReadyState) || !p.authorPlans() {
			return false
		}
		p.note("thing-ready-first", k, v+1)
		p.block(a, b, j, scopeAfter)
		return true
	}
	return false
}

// ruleTook is the rule of the "took" cue family: a delay told as over, so what
// it waited for came: "it took nearly 8 weeks for our plans to come back from
// council", "it took a while before the legal team could give us the green
// light", "it took three weeks to get the keys from IT". The awaited act is an
// arrival (lexicon classes still-to, ship-verb, handover-verb; after a bare "to"
// only a receipt, receive-verb), so "it took me a day to fix the build" (the
// author's own work) and "it took ages for the page to load" read nothing.
func (p *parser) ruleTook(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || hypothetical(toks, a, k) || p.question {
		return false
	}
	j := k + 1
	if w := p.word(j, a, b); w == "me" || w == "us" || w == "them" {
		j++
	}
	m := j
	switch {
	case p.word(j, a, b) == "a" && p.word(j+1, a, b) == "while":
		m = j + 2
	case p.durationAt(j, b):
		for m < b && !p.wordIs(m, a, b, cElapsedUnit) {
			m++
		}
		m++
	case p.wordIs(j, a, b, cElapsedUnit) || p.wordIs(j, a, b, cSlowTail):
		m = j + 1
	default:
		return false
	}
	act := func(v int) bool {
		return p.wordIs(v, a, b, cStillTo) || p.wordIs(v, a, b, cShipVerb) || p.wordIs(v, a, b, cHandoverVerb)
	}
	switch w := p.word(m, a, b); w {
	case "to":
		if !p.wordIs(m+1, a, b, cReceiveVerb) {
			return false // "it took me a day to fix the build": the author's own work
		}
	case "for", "before", "until":
		v := m + 1
		for v < b && v-m <= 6 && p.word(v, a, b) != "to" && !p.wordIs(v, a, b, cConditionalModal) && p.word(v, a, b) != "can" &&
			!p.wordIs(v, a, b, cPastArrival) && !p.wordIs(v, a, b, cPastPartyAct) {
			v++
		}
		switch {
		case v >= b || v-m > 6:
			return false
		case p.wordIs(v, a, b, cPastArrival) || p.wordIs(v, a, b, cPastPartyAct):
			// "it took a week until IT sent the laptop"
		case !act(v + 1):
			return false // "it took ages for the page to load"
		}
	default:
		return false
	}
	p.note("took-delay", k, m)
	p.resolveIn(a, b, m+1, b)
	return true
}
