package parse

import "strings"

// Distractors: blocker words used for something other than the author's wait.

// asksState reports whether the sentence of the cue at k asks about a state
// rather than reports one: "are we blocked on the foundation?", "What am I
// blocked on?", "is anyone waiting on legal?".
func (p *parser) asksState(k int) bool {
	if !p.question {
		return false
	}
	toks := p.toks
	for j := p.sentA; j+1 < k; j++ {
		w, next := &toks[j].cls, &toks[j+1].cls
		switch {
		case w.has(cQuestionAux):
			if next.has(cSubject) || next.has(cFirstPerson) || next.has(cQuestionSubject) {
				return true // "are we blocked on …?", "is anyone waiting on legal?"
			}
		case w.has(cWhWord):
			if next.has(cBe) || next.has(cQuestionAux) {
				return true // "what am I blocked on?", "who is waiting?"
			}
		}
	}
	return false
}

// chosenWait reports whether the wait at k is chosen, not suffered: "we
// decided to wait for the Q3 numbers", "agreed we'll wait for the review",
// "waiting a bit to see what others do". A choice governs the wait only in
// its own clause: "we plan to release, but need to wait for approval" is a wait.
func (p *parser) chosenWait(k, b int) bool {
	toks := p.toks
	if p.participleAfterComma(k) {
		return false // "we're planning to implement it, just waiting for the spec"
	}
	for j := k - 1; j >= p.sentA; j-- {
		if toks[j].kind == tPunct && toks[j].punct == ':' {
			break // "Y: agreed with Kwame … B: waiting Kwame for …": another section's words
		}
		if toks[j].kind != tWord {
			continue
		}
		if toks[j].cls.has(cClauseTurn) {
			break // "we plan to release the code, but still need to wait for approval": the plan is not the wait
		}
		if toks[j].cls.has(cChoiceVerb) && !p.negated(j, p.sentA) {
			return true
		}
	}
	if pw := p.word(k-1, p.sentA, k); pw == "to" && p.wordIs(k-2, p.sentA, k, cChoiceAdjective) {
		return true // "it seems reasonable to wait for this talk", "happy to wait for the review"
	}
	if pw := p.word(k-1, p.sentA, k); (pw == "can" || pw == "could") && toks[k].low == "wait" {
		return true // "we can wait for a third opinion": an option, not a wait ("can't wait" is read apart)
	}
	if p.word(k-1, p.sentA, k) == "without" && p.toks[k].low == "waiting" {
		return true // "so we can merge without waiting for the freeze": a way round the wait
	}
	if p.wordIs(k+1, k, b, cAwaitPrep) {
		return false // "waiting for hive results to see …": the results are awaited
	}
	for j := k + 1; j+1 < b && j <= k+5; j++ {
		if toks[j].low == "to" && toks[j+1].low == "see" {
			return true // "waiting a little bit to see what others do"
		}
	}
	return false
}

// byChoice reports whether the sentence of a block or wait cue says it
// is done on purpose: "the new icons are blocking the release train on
// purpose, lol", "we're deliberately holding the merge". A block someone chose
// is no wait the author suffers.
func (p *parser) byChoice() bool {
	if !p.choiceWords {
		return false
	}
	toks := p.toks
	for j := p.sentA; j < p.sentB; j++ {
		if toks[j].kind == tWord && toks[j].cls.has(cRuleNoun) && p.byRule(j) {
			p.dismiss("distractor:by-rule", j, j+1)
			return true // "blocked from deploying on Fridays by policy": a rule chose it
		}
		if toks[j].kind != tWord || !toks[j].cls.has(cChoiceAdverb) || p.negated(j, p.sentA) {
			continue
		}
		if toks[j].low == "purpose" && (j == p.sentA || toks[j-1].low != "on") {
			continue // "for the purpose of": only "on purpose" says it was chosen
		}
		p.dismiss("distractor:by-choice", j, j+1)
		return true
	}
	return false
}

// byRule reports whether the rule noun at j is the agent of a "by": "by
// policy", "by our process".
func (p *parser) byRule(j int) bool {
	m := j - 1
	for m > p.sentA && p.toks[m].kind == tWord && p.toks[m].cls.has(cDet) {
		m--
	}
	if j+1 < p.sentB && isModifier(&p.toks[j+1]) {
		return false // "blocked by the policy review": the review is awaited
	}
	return m >= p.sentA && m < j && p.toks[m].low == "by"
}

// talkAbout reports whether the blocker word at k is talked about rather
// than reported: "we talked about what blocks us", "the survey asked what
// blockers people face", "a placeholder to add a blocker to epics".
func (p *parser) talkAbout(k, a int) bool {
	if (p.word(k-1, a, k) == "what" || p.wordIs(k-1, a, k, cBe) && p.word(k-2, a, k) == "what") && !p.question {
		return true
	}
	for j := p.sentA; j < k; j++ {
		if p.toks[j].kind == tWord && p.toks[j].cls.has(cTalkWord) {
			return true
		}
	}
	return false
}

// othersBlocked reports whether the block word at k is said of others in
// general, not of the author ("happy to help anyone blocked on the release",
// "ping me if someone is stuck"), or of blockers as a topic of a process
// ("blockers are discussed in the weekly sync").
func (p *parser) othersBlocked(k, a, b int) bool {
	toks := p.toks
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].cls.has(cLeadFiller)) {
		j--
	}
	if j >= a && toks[j].kind == tWord && toks[j].cls.has(cAnyone) {
		p.dismiss("distractor:others-blocked", j, k+1)
		return true
	}
	if toks[k].cls.has(cBlockerNoun) && p.wordIs(k+1, a, b, cBe) && p.wordIs(k+2, a, b, cBlockerProcess) {
		p.dismiss("distractor:blockers-process", k, k+3)
		return true
	}
	return false
}

// waitsOnAuthor reports whether the block or wait cue at k has someone other
// than the author for its subject and the author for what is awaited: "Sam is
// blocked on my PR review", "the docs team is waiting on me", "the release is
// stuck behind my fix". The author is the blocker there, not the blocked.
func (p *parser) waitsOnAuthor(k, a, b int) bool {
	toks := p.toks
	if !p.othersSubject(k, a) {
		return false // "blocked on my laptop dying", "still waiting for my laptop": no subject, the author's own state
	}
	j := k + 1
	if j >= b || !toks[j].cls.has(cAwaitPrep) {
		return false
	}
	for j++; j < b && toks[j].kind == tWord && (toks[j].cls.has(cDet) && !toks[j].cls.has(cFirstPerson)); j++ {
	}
	if j >= b || !toks[j].cls.has(cFirstPerson) {
		// "Nadia waits for the no-show numbers from me": what they await
		// comes from the author.
		for m := j; m+1 < b && m <= k+7; m++ {
			if toks[m].kind == tWord && toks[m].low == "from" && toks[m+1].kind == tWord && toks[m+1].cls.has(cFirstPerson) &&
				!toks[m+1].cls.has(cSubject) {
				p.dismiss("distractor:waits-on-author", k, m+2)
				return true
			}
		}
		return false
	}
	p.dismiss("distractor:waits-on-author", k, j+1)
	return true
}

// othersWait reports whether, after the author said they have no blockers,
// the clause before the wait cue at k (from a) is only another person, named
// or mentioned, as its subject: "B: none. FYI Hannah is waiting on backend for
// the estimate". That is a colleague's wait the author relays, theirs to
// report: read as the author's, one wait would count twice. Without the none,
// "Rosa is waiting for Milo" in minutes is the team's wait, and a team ("the
// mobile team is blocked") may be the author's own.
func (p *parser) othersWait(k, a int) bool {
	toks := p.toks
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cStateAux) || toks[j].cls.has(cBe) || toks[j].cls.has(cLeadFiller) ||
		toks[j].low == "'s") && !toks[j].cls.has(cFirstPerson) && !toks[j].cls.has(cFirstPersonContraction) {
		j-- // "Jonah's been waiting", "Jonah's waiting": the 's is "has" or "is"
	}
	if j < a || j == k-1 && toks[k].low != "waits" {
		return false // no auxiliary: "Hannah waiting on …" may be a heading's name, "<@U1> Wait till …" says wait; "Lena waits for …" is hers
	}
	s := j // the person: a mention, or a name with its surname
	switch {
	case toks[j].kind == tMention:
	case toks[j].kind == tWord && toks[j].capital:
		if j-1 >= a && toks[j-1].kind == tWord && toks[j-1].capital && p.isPersonName(j-1) {
			s = j - 1
		}
		if !p.isPersonName(s) {
			return false
		}
	default:
		return false
	}
	for m := a; m < s; m++ {
		if t := &toks[m]; t.kind == tWord && !t.cls.has(cFiller) && !t.cls.has(cCoordinator) {
			return false // "Dana and Hannah are", "our designer Hannah is": more than a name
		}
	}
	if !p.none && !p.noneInBlockSec {
		// In minutes and reports, "Rosa is waiting for Milo" is the team's;
		// in chat it is Rosa's (chatReading).
		p.relayPending = true
		return false
	}
	p.dismiss("distractor:others-wait", s, k+1)
	return true
}

// isPersonName reports whether the token at k names a person: a mention, or
// a given name (the directory's people or parse/names.txt).
func (p *parser) isPersonName(k int) bool {
	if p.toks[k].kind == tMention {
		return true
	}
	if e, n := p.match(k); n > 0 && e.class == classPerson {
		return true
	}
	return p.givenName(k)
}

// othersSubject reports whether the clause before k (from a) has a subject
// and it is not the author: "Sam is …", "the docs team …", not "I'm …", "my
// laptop …" or nothing ("still …").
func (p *parser) othersSubject(k, a int) bool {
	subject := false
	for j := a; j < k; j++ {
		t := &p.toks[j]
		if t.kind == tWord && (t.cls.has(cFirstPerson) || t.cls.has(cFirstPersonContraction)) {
			return false
		}
		subject = subject || t.kind == tMention || t.kind == tWord && !t.cls.has(cLeadFiller) && !t.cls.has(cBe)
	}
	return subject
}

// needOfAuthor reports whether the need at k is another's need of the author:
// a subject other than the author, and what it needs the author's ("Sam needs
// my review on the PR", "the auditors still need the access logs from us").
// The author is awaited there, not waiting; a party that needs to act ("legal
// needs to sign first") is awaited by the author.
func (p *parser) needOfAuthor(k, a, b int) bool {
	toks := p.toks
	if k+1 >= b || p.word(k+1, a, b) == "to" || !p.othersSubject(k, a) {
		return false
	}
	end := -1
	if toks[k+1].kind == tWord && toks[k+1].cls.has(cFirstPerson) {
		end = k + 2 // "needs my review", "needs us"
	}
	for m := k + 2; end < 0 && m+1 < b && m <= k+6 && toks[m].kind == tWord; m++ {
		if toks[m].low == "from" && toks[m+1].kind == tWord && toks[m+1].cls.has(cFirstPerson) {
			end = m + 2 // "need the access logs from us"
		}
	}
	if end < 0 || p.word(end, a, b) == "to" {
		return false // "which will require us to decide": what the author must do, no one's wait
	}
	p.dismiss("distractor:needs-of-author", k, end)
	return true
}

// processRule reports whether the need at k states a rule of the process, not
// the author's wait: its clause opens with a gerund or a quantifier for
// subject ("Expanding to other contexts requires IRB approval", "every
// release requires a security review", "deploying to prod needs two
// approvals"), and the author is not in it.
func (p *parser) processRule(k, a int) bool {
	toks := p.toks
	if k == a || toks[a].kind != tWord {
		return false
	}
	w := toks[a].low
	gerund := len(w) > 5 && w[len(w)-3:] == "ing" && toks[a].cue == 0 && !toks[a].cls.has(cIngNoun)
	rule := false
	for j := a; j < k; j++ {
		rule = rule || toks[j].cls.has(cRuleNoun)
	}
	if !gerund && !toks[a].cls.has(cQuantifier) && !rule {
		return false
	}
	for j := a; j < k; j++ {
		if t := &toks[j]; t.kind == tWord && (t.cls.has(cFirstPerson) && (!rule || t.cls.has(cSubject)) ||
			t.cls.has(cFirstPersonContraction)) {
			return false // "we require sign-off": the author's need; "our process requires …" is a rule
		}
	}
	p.dismiss("distractor:process-rule", a, k+1)
	return true
}

// imperativeWait reports whether the bare "wait" at k opens its sentence as
// advice to the reader: softened ("just wait for the approval", "please wait
// until Friday") or followed by the next step ("wait for the approval and
// then go back to the PR"). A note without either ("Wait for QA's feedback")
// is the author's own, told tersely.
func (p *parser) imperativeWait(k int) bool {
	if p.toks[k].low != "wait" {
		return false
	}
	advice := false
	for j := p.sentA; j < k; j++ {
		t := &p.toks[j]
		if t.kind == tWord && !t.cls.has(cSentenceLead) && !t.cls.has(cPoliteness) {
			return false // "we wait", "legal said to wait": not an instruction opening the sentence
		}
		advice = advice || t.cls.has(cPoliteness) && t.low != "also"
	}
	for j := k + 1; j < p.sentB && !advice; j++ {
		advice = p.toks[j].low == "then"
	}
	if !advice {
		return false
	}
	p.dismiss("distractor:imperative-wait", k, k+1)
	return true
}

// waitForTime reports whether what the wait at k awaits is a time, not a
// party or a thing: "we are awaiting Tuesday, which includes the meetup",
// "waiting for next week". The day comes by itself.
func (p *parser) waitForTime(k, a, b int) bool {
	j := k + 1
	if w := p.word(j, a, b); w == "for" {
		j++
	} else if !strings.HasPrefix(p.toks[k].low, "await") {
		return false
	}
	for j < b && p.toks[j].kind == tWord && (p.toks[j].cls.has(cDet) || p.toks[j].low == "next") {
		j++
	}
	e := j + 1
	for e < b && p.toks[e].kind == tWord && p.toks[e].cls.has(cTrailingFiller) {
		e++ // "waiting for the weekend like", "… lol"
	}
	if j >= b || !p.toks[j].cls.has(cTimeWord) && !p.toks[j].cls.has(cDayWord) || p.word(e, a, b) != "" {
		return false // "waiting for next week's release": the release is awaited
	}
	if !p.toks[j].capital && p.word(j-1, a, b) != "next" && !p.toks[j].cls.has(cDayWord) {
		return false // "waiting for now", "waiting for a while": the wait goes on
	}
	p.dismiss("distractor:wait-for-time", k, j+1)
	return true
}

// ruleGiveUp is the rule of the "give-up" cue family: after a wait, the author
// stops waiting ("No response from the email contact within 2 weeks.
// closing!", "no reply to BDM. closing this issue", "after waiting another
// week for a response, their internship was terminated"). A wait that goes on
// in the same clause ("closing this as there is nothing to do but wait") stays.
func (p *parser) ruleGiveUp(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.blocked || !p.report(k, a, cond) || p.futureBefore(k, a) {
		return false
	}
	if p.wordIs(k-1, a, b, cCondition) || p.word(k-1, a, b) == "after" {
		return false // "still waiting on the results before closing this": a plan, the wait goes on
	}
	nw := p.word(k+1, a, b)
	if toks[k].low == "terminated" || toks[k].low == "cancelled" || toks[k].low == "canceled" {
		if !p.wordIs(k-1, a, b, cPassiveAux) {
			return false // "we terminated the contract": the author acted, no wait ended
		}
	} else if nw != "" && !toks[k+1].cls.has(cBackReference) && !(nw == "the" && p.wordIs(k+2, a, b, cThreadNoun)) &&
		!(nw == "for" && p.word(k+2, a, b) == "now") {
		return false // "closing the laptop", "closing remarks"; "closing this", "closing the issue" give up
	}
	for m := k + 1; m < b; m++ {
		if f := cueFamilies[toks[m].cue]; f == "wait" || f == "pending" || f == "until" {
			return false
		}
	}
	p.dismiss("give-up", k, k+1)
	p.blocked = false
	p.targets = p.targets[:p.blockFrom]
	p.topic = ""
	p.wantTargets, p.wantTopic = false, false
	return true
}

// machineWait reports whether a machine waits for a machine: its subject is a
// technical agent (lexicon class tech-agent: a job, a thread, a container) and
// no party is awaited ("the CI job waits for the database container to be
// ready", "the worker is waiting on the lock"). "the deploy job waits for ops
// approval" still waits on a party.
func (p *parser) machineWait(k, a, b int) bool {
	toks := p.toks
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].cls.has(cLeadFiller)) {
		j--
	}
	if j < a || !toks[j].cls.has(cTechAgent) {
		return false
	}
	for m := k + 1; m < b; m++ {
		if toks[m].kind == tMention || p.isParty(m, m+1) || toks[m].cls.has(cApprovalNoun) {
			return false // "scripts are waiting for review": a party's act is awaited
		}
		if e, n := p.match(m); n > 0 && e.class == classArtifact && e.role != "" {
			return false
		}
	}
	p.dismiss("distractor:machine-wait", j, k+1)
	return true
}

// machineAwaited reports whether the wait at k awaits a machine finishing its
// run, or a meeting its time: "waiting for the build to finish", "waiting on
// the tests to pass", "waiting for CI to complete", "waiting for the call to
// start". Nobody owes that; the machine does it by
// itself. "Waiting for the build from the vendor" and "waiting for ops to
// restart the runner" await a party.
func (p *parser) machineAwaited(k, a, b int) bool {
	toks := p.toks
	j := k + 1
	if w := p.word(j, a, b); w == "for" || w == "on" {
		j++
	}
	for j < b && toks[j].kind == tWord && toks[j].cls.has(cDet) {
		j++
	}
	// The head before "to", after at most two modifiers: "the build",
	// "the standup call", "the nightly CI run".
	for h := j; h < b && h <= j+2 && toks[h].kind == tWord; h++ {
		if h+2 >= b || toks[h+1].low != "to" || !toks[h+2].cls.has(cMachineRun) {
			if e, n := p.match(h); !isModifier(&toks[h]) || p.isParty(h, b) || n > 0 && e.role != "" {
				// "waiting for QA to finish regression": QA is a party;
				// "the security review to complete" a thing a party owns
				return false
			}
			continue
		}
		if t := &toks[h]; !t.cls.has(cTechAgent) && !t.cls.has(cCheck) && !t.cls.has(cMeetingNoun) || p.isParty(h, b) {
			return false
		}
		p.dismiss("distractor:machine-awaited", k, h+3)
		return true
	}
	return false
}

// participleAfterComma reports whether the wait word at k, a gerund, opens a
// clause of its own after a comma, a semicolon or a dash, with at most
// adverbs before it ("…, just waiting for the spec", "…; still waiting on
// legal"): what the sentence chose before it does not govern it.
func (p *parser) participleAfterComma(k int) bool {
	gerund := strings.HasSuffix(p.toks[k].low, "ing")
	own := false // the clause's own need: "need to", "have to"
	for j := k - 1; j >= p.sentA; j-- {
		t := &p.toks[j]
		switch {
		case t.kind == tPunct:
			return (gerund || own) && (t.punct == ',' || t.punct == ';' || t.punct == '-')
		case t.kind == tWord && t.cls.has(cWaitAdverb):
			continue
		case !gerund && t.kind == tWord && (t.low == "to" || t.cls.has(cMustWait)):
			own = own || t.cls.has(cMustWait)
			continue // "…, need to wait for the backend", "…; we still have to wait on legal"
		}
		return false
	}
	return false
}

// proposedBefore reports whether the sentence proposes, before k, what the
// cue at k says (lexicon class propose-verb): "suggest that discussions are
// held off pending merge", "I propose we hold the release until legal signs".
// A proposal is a choice not yet made, no wait the author suffers.
func (p *parser) proposedBefore(k int) bool {
	for j := k - 1; j >= p.sentA; j-- {
		t := &p.toks[j]
		if t.kind != tWord {
			continue
		}
		if t.cls.has(cClauseTurn) {
			return false
		}
		if t.cls.has(cProposeVerb) && !p.negated(j, p.sentA) {
			return true
		}
	}
	return false
}
