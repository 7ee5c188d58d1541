package parse

// Cues of the block family: "blocked on", "blocker", "stuck", "<thing>
// blocking <work>", "held up by".

import "strings"

// blockWord handles "blocked", "blocker", "blocking", "stuck" and their kin at k.
func (p *parser) blockWord(k, a, b int, cond bool) bool {
	toks := p.toks
	w := toks[k].low
	pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
	ppw, nnw := p.word(k-2, a, b), p.word(k+2, a, b)

	if p.calendarSense(k, a, b) {
		p.dismiss("distractor:calendar", k, k+1)
		return false // "blocked off Friday", "my calendar is blocked", "time blocked for deep work"
	}
	if (pw == "from" && (ppw == "moved" || ppw == "move")) || (pw == "of" && ppw == "out") {
		p.resolve(a, b) // "moved from Blocked to In Progress"
		return true
	}
	if p.noLonger(k, a, b) && p.hasWord(a, k, "will") {
		return false // "your PRs will no longer be blocked by the CLA bot": a promise, not a report
	}
	if p.noLonger(k, a, b) && (w == "blocked" || w == "stuck" || w == "blocking" || w == "blocker") {
		p.resolve(a, b)
		return true
	}
	if pw == "previously" || pw == "formerly" || pw == "was" && ppw == "previously" {
		p.resolve(a, b)
		return true
	}
	switch {
	case toks[k].cls.has(cBlockerNoun):
		if w == "blocks" && (p.wordIs(k+1, a, b, cFirstPerson) || nw == "the" && p.word(k+2, a, b) == "release") {
			if p.wordIs(k+1, a, b, cFirstPerson) && !cond && !hypothetical(toks, a, k) {
				p.block(a, b, k, scopeBefore)
				return true
			}
		}
		if p.countedTickets(k, a, b) {
			return false // "we've got 29 open blockers", "1 mac blocker remaining": a bug count
		}
		if p.wordIs(k-1, a, b, cCompoundBlocker) || hypothetical(toks, a, k) && p.negated(k, a) {
			return false // "not a landing blocker", "shouldn't be a blocker": no answer about the author
		}
		if p.negated(k, a) {
			if p.itemNotBlocking(k, a) {
				return false
			}
			p.none = true
			return true
		}
		if p.wordIs(k+1, a, b, cBlockerLabelNoun) {
			return false // "blocker bugs", "the blocker label": a kind of ticket, not a wait
		}
		// "… blockers we have on X" admits blockers even under "may clear".
		if (w == "blockers" || w == "blocker") && (nw == "we" || nw == "i") && (nnw == "have" || nnw == "had") {
			p.block(a, b, k+3, scopeAfter)
			return true
		}
		if cond || hypothetical(toks, a, k) {
			return false
		}
		for j := k - 1; j >= a && j >= k-3; j-- {
			if toks[j].cls.has(cClearVerb) {
				p.resolve(a, b) // "removed the blocker", "cleared my blockers"
				return true
			}
		}
		for j := k + 1; j < b; j++ {
			if toks[j].cls.has(cClearedState) && p.word(j-1, a, b) != "be" && p.word(j-1, a, b) != "get" {
				p.resolve(a, b) // "blocker is gone", "the blocker was lifted"
				return true
			}
		}
		if nw == "for" && !p.wordIs(k+2, a, b, cFirstPerson) {
			return false // "… is a blocker for feature adoption": a general remark
		}
		if w == "blocks" && p.thingBlocksWork(k, a, b) {
			p.block(a, b, k, scopeBefore)
			return true
		}
		if w == "blocks" && pw != "any" && pw != "my" && pw != "our" && pw != "some" {
			return false
		}
		p.block(a, b, k+1, scopeAfter)
		return true
	case w == "blocking":
		if (pw == "was" || pw == "were") && p.wordIs(k-2, a, b, cRelative) {
			return false // "fixed the bug that was blocking checkout": a description of what was
		}
		if p.wordIs(k-1, a, b, cAttributive) || p.wordIs(k-1, a, b, cIndefiniteSubject) {
			return false // "a blocking issue", "non-blocking", "anything blocking?"
		}
		if p.techObject(k+1, b) {
			return false // "a blocking call", "blocking I/O": the technical sense
		}
		if p.negated(k, a) {
			if p.itemNotBlocking(k, a) {
				return false
			}
			p.none = true
			return true
		}
		if cond || hypothetical(toks, a, k) {
			return false
		}
		if p.thingBlocksWork(k, a, b) {
			p.block(a, b, k, scopeBefore)
			return true
		}
		if p.wordIs(k+1, a, b, cFirstPerson) || p.wordIs(k-1, a, b, cBe) || k == a || pw == "currently" || pw == "still" || pw == "now" {
			sc := scopeBefore
			if k == a {
				sc = scopeBefore
				p.block(a, b, k, sc)
				if p.prevA >= 0 && len(p.targets) == p.blockFrom {
					p.addTargets(p.prevA, p.prevB, p.prevA, scopeClause)
				}
				return true
			}
			p.block(a, b, k, sc)
			return true
		}
		return false
	case w == "block":
		if p.wordIs(k+1, a, b, cFirstPerson) && !cond && !hypothetical(toks, a, k) {
			p.block(a, b, k, scopeBefore)
			return true
		}
		if !cond && !hypothetical(toks, a, k) && !p.negated(k, a) && p.thingBlocksWork(k, a, b) {
			p.block(a, b, k, scopeBefore)
			return true
		}
		return false
	}
	// "blocked", "stuck", "stalled"
	if p.negated(k, a) {
		if p.hasWord(k, b, "anymore") {
			p.resolve(a, b)
			return true
		}
		p.none = true
		return true
	}
	if cond || hypothetical(toks, a, k) {
		return false
	}
	if w == "blocked" && (pw == "a" || pw == "an") {
		return false // "a blocked query": describes a thing, not the author
	}
	if (pw == "were" || pw == "was") && p.wordIs(k-2, a, b, cRelative) {
		return false // "the tickets that were blocked by the old bug": a description
	}
	if w != "blocked" {
		if pw == "get" || pw == "got" && ppw == "un" {
			return false
		}
		p.block(a, b, k+1, scopeAfter)
		return true
	}
	if p.accessSubject(a, k) || nw == "by" && p.filterAfter(k+2, b) || p.wordIs(k+1, a, b, cAccessSubject) {
		return false // "the spammer's IP is blocked", "blocked by the sandbox", "one blocked user"
	}
	if p.genericSubject(a, k) && (nw == "from" || p.ruleCondition(k+1, max(b, p.sentB))) {
		// "a driver is blocked from closing a stop if the reading is
		// missing", "any order is blocked unless it is paid": what the
		// product does to anyone, a rule, not the author's wait ("a key
		// dependency is blocked on legal" is one).
		p.dismiss("distractor:product-rule", a, k+1)
		return false
	}
	if nw == "for" && p.wordIs(k+2, a, b, cLockedAct) {
		// "the finance system is blocked for edits after that": a system
		// locked against changes, a rule, no one's wait.
		p.dismiss("distractor:locked-for-changes", k, k+3)
		return false
	}
	if nw == "out" || nw == "off" {
		return false // "blocked out/off time for reviews": the calendar sense
	}
	if (pw == "was" || pw == "were") && p.pastTime(a, b) {
		return false // "the team was blocked last quarter by …": a story, not a report
	}
	if nw == "from" {
		if strings.HasSuffix(nnw, "ing") {
			p.block(a, b, k+2, scopeAfter)
			return true
		}
		return false // "users blocked from Grafana": access control
	}
	if p.wordIs(k+1, a, b, cFirstPerson) {
		p.block(a, b, k, scopeBefore) // "this blocked us from …": the cause is the subject
		return true
	}
	// Active use: "I blocked the spammer", "Blocked <@U1>", "I have blocked
	// Raum Spree for the committee" (a room booked, an account banned: the
	// author's act).
	if s := k - 1; (pw == "have" || pw == "has" || pw == "'ve" || pw == "had") && p.wordIs(s-1, a, b, cFirstPerson) && p.wordIs(s-1, a, b, cSubject) &&
		k+1 < b && toks[k+1].kind == tWord && !toks[k+1].cls.has(cBlockLink) && nw != "on" && nw != "by" && nw != "from" {
		p.dismiss("distractor:author-blocked", s-1, k+1)
		return false
	}
	if p.wordIs(k-1, a, b, cSubject) || k == a || pw == "and" {
		nt := k + 1
		if nt < b {
			t := &toks[nt]
			object := t.kind == tMention || t.kind == tWord && (t.cls.has(cObjectWord) || allDigits(t.low) || t.low == "this" ||
				t.low == "that" || t.low == "an" || t.low == "his" || t.low == "their" || t.low == "some" || t.low == "it")
			if t.low == "a" && p.wordIs(k+2, a, b, cDegreeNoun) {
				object = false
			}
			if object {
				return false
			}
		}
	}
	if !p.wordIs(k-1, a, b, cBe) && pw != "still" && pw != "currently" && pw != "now" && pw != "as" && pw != "also" {
		if p.wordIs(k+1, a, b, cObjectDet) && !(nw == "a" && p.wordIs(k+2, a, b, cDegreeNoun)) {
			return false // "the firewall blocked the requests": something else did the blocking
		}
	}
	from := k + 1
	if p.wordIs(k+1, a, b, cBlockLink) {
		from = k + 2
		if nw == "due" && nnw == "to" {
			from = k + 3
		}
	}
	p.block(a, b, from, scopeAfter)
	return true
}

// thingBlocksWork reports whether the verb "block"/"blocks"/"blocking" at k
// has a thing for its subject and a piece of the team's work for its object:
// "<something> blocking/blocks <work>" ("Prysm bugs blocking progress",
// "login errors block 100% of mobile testing"). The subject is the blocker.
// Pronouns, determiners and filters ("the firewall blocks ports") are not
// such subjects, and without a work noun within four words (not counting
// determiners, "of" and "our") it is not a report.
func (p *parser) thingBlocksWork(k, a, b int) bool {
	if k == a {
		return false
	}
	s := &p.toks[k-1]
	// The subject is the blocker: "login API errors block mobile testing" is no
	// login blocked (accessSubject asks of what gets blocked, here the object,
	// and a work noun is no access subject).
	if s.kind != tWord && s.kind != tMention || s.kind == tWord && (s.cls.has(cFunctionWord) || isFilter(s) ||
		s.cls.has(cFirstPerson) || s.cls.has(cBe) || s.cls.has(cDet)) || s.kind == tWord && s.cls.has(cAccessSubject) {
		return false
	}
	for j, words := k+1, 0; j < b && words < 4; j++ {
		if t := &p.toks[j]; t.kind != tWord || t.cls.has(cDet) || t.low == "of" || t.cls.has(cFirstPerson) {
			continue
		}
		words++
		if p.toks[j].cls.has(cWorkNoun) {
			return true
		}
	}
	return false
}

// genericSubject reports whether the clause before k is a generic subject
// and its auxiliary: an indefinite article or a quantifier, one to three
// nouns, then "is", "are" or "gets" ("a driver is", "every order gets").
func (p *parser) genericSubject(a, k int) bool {
	toks := p.toks
	if k-a < 3 || k-a > 5 || toks[a].kind != tWord || !(toks[a].low == "a" || toks[a].low == "an" || toks[a].cls.has(cQuantifier)) {
		return false
	}
	if aux := &toks[k-1]; aux.kind != tWord || !aux.cls.has(cPassiveAux) || aux.low == "was" || aux.low == "were" || aux.low == "been" {
		return false // "a PR was blocked by …" tells what happened
	}
	for j := a + 1; j < k-1; j++ {
		if t := &toks[j]; t.kind != tWord || !isModifier(t) || t.capital && !t.acronym || t.cls.has(cFirstPerson) {
			return false
		}
	}
	return true
}

// ruleCondition reports whether "if", "unless" or "whenever" stands in
// toks[from:hi]: the condition of a rule ("… is blocked if the reading is
// missing"), where "until" would tell when a wait ends.
func (p *parser) ruleCondition(from, hi int) bool {
	for j := from; j < hi && j < len(p.toks); j++ {
		if w := p.toks[j].low; p.toks[j].kind == tWord && (w == "if" || w == "unless" || w == "whenever") {
			return true
		}
	}
	return false
}

// accessSubject reports whether the words before k are something that gets
// blocked in the access-control sense: an ad, a user, an IP address, traffic.
func (p *parser) accessSubject(a, k int) bool {
	for j := a; j < k; j++ {
		if p.toks[j].cls.has(cAccessSubject) {
			return true
		}
	}
	return false
}

func isFilter(t *token) bool {
	if t.cls.has(cFilter) {
		return true
	}
	return strings.HasPrefix(t.low, "blok") || strings.HasSuffix(t.low, "block")
}

// holdWord handles "held up by", "holding us up", "hold off until", "on hold".
func (p *parser) holdWord(k, a, b int, cond bool) bool {
	w := p.toks[k].low
	pw, nw, nnw := p.word(k-1, a, b), p.word(k+1, a, b), p.word(k+2, a, b)
	if cond || hypothetical(p.toks, a, k) || p.negated(k, a) {
		return false
	}
	switch {
	case w == "held" && nw == "up":
		p.block(a, b, k+2, scopeAfter)
	case w == "holding" && (p.wordIs(k+1, a, b, cFirstPerson) && nnw == "up" || nw == "up" && p.wordIs(k+2, a, b, cFirstPerson)):
		p.block(a, b, k, scopeBefore)
	case w == "holding" && (nnw == "up" && p.wordIs(k+1, a, b, cHeldUp) || nw == "up" && p.wordIs(k+2, a, b, cHeldUp)) && !p.authorSubject(a, k):
		// "legal is holding everything up", "procurement is what's holding
		// things up": the party before holds up the author's work. "I'm
		// holding this up" is the author holding others up.
		p.block(a, b, k, scopeBefore)
	case (w == "hold" || w == "holding") && nw == "off":
		from := k + 2
		for j := k + 2; j < b; j++ {
			if l := p.toks[j].low; l == "until" || l == "till" || l == "pending" {
				from = j + 1
				break
			}
		}
		p.block(a, b, from, scopeAfter)
	case w == "hold" && pw == "on":
		for j := k + 1; j < b; j++ {
			if l := p.toks[j].low; l == "until" || l == "till" || l == "pending" {
				p.block(a, b, j+1, scopeAfter)
				return true
			}
		}
		p.block(a, b, k+1, scopeClause)
	default:
		return false
	}
	return true
}

// authorSubject reports whether the author is a subject in toks[a:k]: "I",
// "we", "I'm", "we've".
func (p *parser) authorSubject(a, k int) bool {
	for j := a; j < k; j++ {
		if t := &p.toks[j]; t.kind == tWord && (t.cls.has(cFirstPerson) && t.cls.has(cSubject) || t.cls.has(cFirstPersonContraction)) {
			return true
		}
	}
	return false
}

// calendarSense reports whether the block word at k books time rather than
// reports a wait: "blocked off Friday", "block out two hours", "time blocked
// for deep work", "my calendar is blocked".
func (p *parser) calendarSense(k, a, b int) bool {
	nw, nnw := p.word(k+1, a, b), p.word(k+2, a, b)
	if (nw == "off" || nw == "out") && nnw != "of" && nnw != "by" && nnw != "on" {
		return true
	}
	if p.wordIs(k-1, a, b, cTimeSpan) || p.wordIs(k+1, a, b, cTimeSpan) {
		return true
	}
	if j := k + 1; nw == "all" || nw == "the" && nnw == "whole" || nw == "for" && nnw == "the" ||
		p.wordIs(k+1, a, b, cDueTime) && nw != "soon" && nw != "shortly" && nw != "asap" {
		// "our marketing team is blocked all Thursday in an offsite",
		// "blocked the whole morning", "I blocked Thursday morning for the
		// workshop prep": time booked, a day's calendar.
		for j < b && j <= k+3 && (p.word(j, a, b) == "all" || p.word(j, a, b) == "the" || p.word(j, a, b) == "whole" || p.word(j, a, b) == "for") {
			j++
		}
		if t := p.word(j, a, b); t != "" && p.wordIs(j, a, b, cDueTime) || t == "day" || t == "week" {
			next := p.word(j+1, a, b)
			// "blocked all week on the DPA", "… by legal": a wait that long
			return next != "on" && next != "by" && next != "until" && next != "till" && next != "waiting" &&
				next != "for" && next != "because"
		}
	}
	for j := a; j < k; j++ {
		if p.toks[j].cls.has(cCalendar) {
			return true
		}
	}
	return false
}

// filterAfter reports whether the noun phrase at k (after "blocked by") names
// a filter: "the sandbox", "privacy badger", "the corporate firewall".
func (p *parser) filterAfter(k, b int) bool {
	for j := k; j < b && j < k+4 && p.toks[j].kind == tWord; j++ {
		if isFilter(&p.toks[j]) {
			return true
		}
	}
	return false
}

// countedTickets reports whether the blocker noun at k is counted as tickets
// in a triage: a number shortly before it and a ticket state in the clause
// ("29 open blockers", "1 mac blocker remaining").
func (p *parser) countedTickets(k, a, b int) bool {
	number := false
	for j := k - 1; j >= a && j >= k-3; j-- {
		if t := &p.toks[j]; allDigits(t.low) || t.cls.has(cNumberWord) {
			number = true
		}
	}
	if !number {
		return false
	}
	for j := a; j < b; j++ {
		if p.toks[j].cls.has(cTicketState) {
			return true
		}
	}
	return false
}

// techObject reports whether the noun phrase from k names a technical thing
// (lexicon class tech-blocking) within three words: "blocking the main
// thread", "a blocking I/O call".
func (p *parser) techObject(k, b int) bool {
	for j := k; j < b && j <= k+3 && p.toks[j].kind == tWord; j++ {
		if p.toks[j].cls.has(cTechBlocking) {
			return true
		}
		if !p.toks[j].cls.has(cDet) && !isModifier(&p.toks[j]) {
			return false
		}
	}
	return false
}

// itemNotBlocking reports whether a negated blocker word says of one thing
// that it is no blocker: "the docs are not a blocker for the release", "this
// is not a blocker to the beta", "content is not blocking the design": news
// about an item, not the author's explicit none, which would clear all their
// open blockers. The subject is the first word after the clause's last
// conjunction:
// the author ("I'm not blocked"), "there", "nothing" or a negation ("no
// blockers", "not blocking me") make it a none as before.
func (p *parser) itemNotBlocking(k, a int) bool {
	toks := p.toks
	s := a
	for j := k - 1; j > a; j-- {
		if toks[j].kind == tWord && (toks[j].cls.has(cCoordinator) || toks[j].cls.has(cClauseTurn)) {
			s = j // "work is going well and there is nothing blocking me": the last clause's subject
			break
		}
	}
	for s < k && toks[s].kind == tWord && (toks[s].cls.has(cCoordinator) || toks[s].cls.has(cClauseTurn)) {
		s++
	}
	if s >= k || toks[s].kind != tWord && toks[s].kind != tMention || isNegator(&toks[s]) && s > a {
		return false // "although not a blocker, …": the author's aside, a none in a Blockers answer
	}
	t := &toks[s]
	if t.kind == tWord && (t.cls.has(cFirstPerson) || t.cls.has(cFirstPersonContraction) || isNegator(t) ||
		t.cls.has(cNoneWordStrong) || t.low == "there" || t.low == "there's" || t.low == "nothing" ||
		t.cls.has(cBlockerNoun) || t.low == "currently" || t.low == "still") {
		return false
	}
	p.dismiss("distractor:item-not-blocking", s, k+1)
	return true
}
