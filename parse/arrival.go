package parse

import (
	"strings"

	"github.com/unblock-dev/unblock"
)

// Arrivals told in the passive or as a headline resolve whatever was awaited,
// whoever awaited it: "the grant has been officially approved", "IRB approval
// has been obtained", "Approved by Governing Board on 2-27", "budget approved",
// "SDD signed on 22.02.2019". The active voice ("the council approved new
// members") reports what someone else did, not an arrival.

// passiveArrival reports whether the arrival verb at k (lexicon class
// "arrival-verb") is told in the passive or as a headline, as a report (no
// condition, question, negation or future), and if so records the resolution.
func (p *parser) passiveArrival(k, a, b int, cond bool) bool {
	toks := p.toks
	if !(toks[k].cls.has(cArrivalVerb) || p.checkDone(k, a) || toks[k].cls.has(cThingArrivalVerb) && (p.awaitedThingIn(a, k) || cueFamilies[toks[k].cue] == "thing-arrival" && p.definiteThing(k, a) ||
		p.word(k+1, a, b) == "now" || p.word(k-1, a, b) == "now")) || // "those IP ranges are whitelisted now"
		cond || p.question || hypothetical(toks, a, k) ||
		p.futureBefore(k, a) || p.negated(k, a) || p.word(k-1, a, b) == "being" {
		return false // "being delivered": under way, not arrived
	}
	if p.word(k+1, a, b) == "to" && p.wordIs(k+2, a, b, cPutOffVerb) {
		return false // "the working group agreed to defer the decision": nothing came
	}
	if p.ballWithParty() {
		return false // "answered today, ball is back with them": the author's own answer
	}
	if k+1 < b && (toks[k+1].low == "us" || toks[k+1].low == "me") && k > a && !toks[a].cls.has(cFirstPerson) {
		// "Brand has provided us with direction": given to the author.
		p.note("arrival-to-author", k, k+2)
		p.resolveIn(a, b, k+2, b)
		return true
	}
	if k-3 >= p.sentA && toks[k-1].low == "who" && toks[k-2].kind == tPunct && toks[k-2].punct == ',' {
		// "sent the spec to the client, who approved it": the party named
		// before the relative clause did what the author awaited.
		if s := p.partyEnding(k - 3); s >= p.sentA && !toks[k-3].cls.has(cFirstPerson) {
			p.note("arrival-by-party", s, k+1)
			p.resolveIn(a, b, s, b)
			return true
		}
	}
	s := k - 1 // the party, before the verb or its perfect auxiliary: "NYU IRB has approved the survey"
	if s > a && (toks[s].low == "has" || toks[s].low == "have") {
		s--
	}
	if k+1 < b && s >= a && (toks[k+1].low == "the" || toks[k+1].low == "our" || toks[k+1].low == "my" || p.codeName(k+1)) &&
		(toks[s].kind == tMention || toks[s].capital && !toks[s].cls.has(cCommonCapital) || p.isParty(s, s+1)) {
		// "Bart approved the install", "<@U1> signed the DPA": someone approved
		// the thing the author knows about.
		p.note("arrival-by-party", s, k+1)
		n0 := len(p.targets)
		p.resolveIn(a, b, s, b) // the party too: "Orla signed the DPA" clears the wait on Orla
		if len(p.targets) == n0 && toks[s].kind == tWord && toks[s].capital {
			// "Moonrail approved M4": an outsider the lexicon does not know
			// named what it did; what cleared is theirs, not every wait.
			p.addTarget(unblock.Target{Kind: unblock.TargetExternal, Name: p.span(s, k), Role: p.orgRole(s, b)})
			p.markResolved(n0, "")
		}
		return true
	}
	if toks[k].cls.has(cObjectArrival) && !p.wordIs(k-1, a, b, cPassiveAux) {
		return false // "prices increased last month": only "the limit was increased" tells one, in the passive
	}
	// What follows must not be an object: "approved new core developers" is active.
	if k+1 < b && toks[k+1].kind == tWord && !toks[k+1].cls.has(cAfterPassive) && !toks[k+1].cls.has(cTimeWord) && !startsWithDigit(toks[k+1].low) {
		return false // a date may follow: "the DSA was signed 12/5"
	}
	if p.word(k+1, a, b) == "to" && p.word(k+2, a, b) == "you" {
		return false // "access permissions are given to you": the author gives, the reader receives
	}
	for j := p.sentA; j < k; j++ {
		// "once the approval is received", "to be received", "no approval granted",
		// "need this PR approved": a condition, a plan, a denial or a need, not an arrival.
		// An infinitive "to" plans only in the verb's own clause: "uplifted
		// to aurora, beta is approved" reports the approval.
		if w := toks[j].low; toks[j].kind == tWord && (toks[j].cls.has(cFuture) && (w != "to" || j >= a && p.toInfinitive(j)) ||
			isNegator(&toks[j]) || w == "before" || w == "after" || toks[j].cue == needFamily) {
			return false
		}
	}
	for j := k + 1; j < b; j++ {
		if toks[j].low == "yet" {
			return false // "approval granted … yet" asks for it
		}
	}
	j := k - 1
	aux := false
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].low == "been" || toks[j].cls.has(cAfterPassive) ||
		j == k-1 && p.mannerAdverb(j, a)) {
		aux = aux || toks[j].cls.has(cBe) || toks[j].low == "been"
		j--
	}
	if j >= p.sentA && toks[j].kind == tPunct && toks[j].punct == ')' {
		// "The RFC (rfcs#116) was approved": a short aside closes the
		// subject, a thing, which goes on before it ("only DBAs (database
		// analysts) are authorized" is a party's rule).
		for m := j - 1; m > p.sentA && m >= j-5; m-- {
			if toks[m].kind == tPunct && toks[m].punct == '(' {
				if prev := &toks[m-1]; prev.kind == tWord && (!prev.capital || prev.acronym || p.artifactAt(m-1)) && !p.partyWord(m-1, p.sentA, k) {
					j, a = m-1, min(a, p.sentA)
				}
				break
			}
		}
	}
	switch {
	case j < a:
		// "Approved by the board on Monday", "Approved for 2021": a headline
		// that opens with the verb and goes on with a passive's tail.
		if aux || k+1 >= b || !toks[k+1].cls.has(cHeadlineTail) {
			return false
		}
	case p.shortPronounReport(j, a):
		// "it's been merged", "it was approved yesterday": a short reply whose
		// "it" is the thing the thread waits on.
	case toks[j].kind != tWord || toks[j].cls.has(cFirstPersonContraction) || toks[j].cls.has(cFirstPerson) || toks[j].cls.has(cFunctionWord):
		return false // "I was approved", "which got approved": no awaited thing named
	case !aux:
		// Without an auxiliary only a headline is passive: "budget approved",
		// "SDD signed on 22.02.2019". "the budget that Rolf approved" is active.
		for m := a; m < j; m++ {
			if toks[m].kind == tWord && (toks[m].cls.has(cStop) || toks[m].cls.has(cFunctionWord)) && !toks[m].cls.has(cDet) {
				return false
			}
		}
		if toks[j].capital && !toks[j].acronym && j > a && p.word(k+1, a, b) != "by" {
			return false // "… Rolf approved": a person did it
		}
	}
	if j >= a && p.word(k+1, a, b) == "to" && p.toInfinitive(k+1) && (p.partyWord(j, a, k) || toks[j].cls.has(cPersonNoun) ||
		toks[j].cls.has(cThirdParty) || p.word(a, a, b) == "only") {
		return false // "only admins are approved to merge": who may act, a rule
	}
	if v := j; j >= a && toks[j].kind == tWord {
		if w := toks[j].low; (w == "back" || w == "in" || w == "through") && j > a {
			v = j - 1
		}
		if w := toks[v].low; w == "came" || w == "arrived" {
			return false // "the DPA came back signed": how the thing came, read where it came
		}
	}
	if j >= a && p.recordSubject(j, a) {
		p.dismiss("distractor:record-approved", j, k+1)
		return false // "the minutes were approved", "all registrations are approved": business done, nobody's wait
	}
	p.note("arrival-passive", k, k+1)
	n0 := len(p.targets)
	p.resolveIn(a, b, a, k)
	p.nameAccess(n0, a, k)
	if ts, te := p.definitePassive(k, a); len(p.targets) == n0 && te > ts && cueFamilies[toks[k].cue] == "thing-arrival" {
		// "the deposit has been paid": the thing, so that it clears the
		// waits on it, not every open blocker of the author's.
		p.addTarget(unblock.Target{Kind: unblock.TargetArtifact, Name: p.span(ts, te)})
	}
	return true
}

// definiteThing reports whether definitePassive finds a thing before k.
func (p *parser) definiteThing(k, a int) bool {
	s, e := p.definitePassive(k, a)
	return e > s
}

// nameAccess gives an arrival that named no target the access it told of ("my
// account was unlocked", "our VPN profile is set up"), so that it clears the
// waits on that access, not every open blocker of its author (a resolution
// naming nothing clears them all).
func (p *parser) nameAccess(n0, a, k int) {
	if len(p.targets) > n0 || !p.resolved {
		return
	}
	for m := a; m < k; m++ {
		if t := &p.toks[m]; t.kind == tWord && t.cls.has(cAccessNoun) {
			s := m
			for s > a && p.toks[s-1].kind == tWord && isModifier(&p.toks[s-1]) && !p.toks[s-1].cls.has(cFirstPerson) {
				s--
			}
			if p.addTarget(unblock.Target{Kind: unblock.TargetArtifact, Name: p.span(s, m+1)}) {
				p.markResolved(n0, "")
			}
			return
		}
	}
}

// passedCheck handles "QA passed", "all tests pass", "we passed the security
// review": a check that was awaited came out well.
func (p *parser) passedCheck(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.question || hypothetical(toks, a, k) || p.futureBefore(k, a) || p.negated(k, a) {
		return false
	}
	if w := toks[k].low; w == "pass" && k > a && !toks[k-1].cls.has(cCheck) {
		return false // "waiting on QA's regression pass": a pass is awaited, not passed
	}
	check := false
	for j := k - 1; j >= a && j >= k-3; j-- {
		if toks[j].kind == tWord && toks[j].cls.has(cCheck) {
			check = true
		}
	}
	for j := k + 1; j < b && j <= k+4 && !check; j++ {
		if w := toks[j].low; w == "to" || w == "on" {
			break // "passed it on to design": a handoff
		}
		check = toks[j].kind == tWord && toks[j].cls.has(cCheck)
	}
	if !check {
		return false
	}
	p.resolve(a, b)
	return true
}

// ruleGranted is the rule of the "granted" cue family: arrivals told with a
// verb no other family reads ("access granted", "contract awarded", "tests passed").
func (p *parser) ruleGranted(k, a, b int, cond bool) bool {
	switch p.toks[k].low {
	case "pass", "passed", "passes":
		return p.passedCheck(k, a, b, cond)
	}
	return p.passiveArrival(k, a, b, cond) || p.partyDelivered(k, a, b, cond) // "the county granted the exception"
}

// ruleHelped is the rule of the "helped" cue family: someone else's help got
// the author moving ("Arlo helped me access the elements", "got it working
// with Theo's help", "thanks to Dana's fix"). Helping others is no resolution
// of the author's ("helped Ines out").
func (p *parser) ruleHelped(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.question || hypothetical(toks, a, k) || p.futureBefore(k, a) || p.negated(k, a) {
		return false
	}
	pw := p.word(k-1, a, b)
	switch toks[k].low {
	case "helped":
		if !p.wordIs(k+1, a, b, cFirstPerson) || pw == "" || p.wordIs(k-1, a, b, cFirstPerson) {
			return false // "helped Ines out", "I helped us"
		}
	case "help":
		// "with Theo's help": a possessor between "with" and "help".
		if pw != "'s" || p.word(k-3, a, b) != "with" && p.word(k-4, a, b) != "with" {
			return false
		}
	default:
		return false
	}
	p.resolve(a, b)
	return true
}

// ruleWorks is the rule of the "works" cue family: what was broken works
// again ("merging works fine now", "the VPN is working again"), or the author
// can now work ("can now work on this").
func (p *parser) ruleWorks(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) {
		return false
	}
	pw := p.word(k-1, a, b)
	if toks[k].low == "work" {
		if pw != "now" || p.word(k-2, a, b) != "can" {
			return false
		}
		p.resolve(a, b) // "but can now work on this"
		return true
	}
	if p.wordIs(k-1, a, b, cFirstPerson) || pw == "i'm" || pw == "we're" {
		return false // "I'm working again on …": the author's own work
	}
	if toks[k].low == "working" && p.word(k+1, a, b) == "on" {
		return p.rulePartyAtWork(k, a, b, cond) // "the vendor is still working on the fix"
	}
	if toks[k].low == "worked" {
		return p.remedyWorked(k, a, b)
	}
	j := k + 1
	if !p.wordIs(j, a, b, cWorksWell) {
		if toks[k].low != "works" || p.word(j, a, b) != "" || !p.wordIs(k-1, a, b, cBackReference) || !p.verifiedBefore(k) {
			return false
		}
		// "I have tested the button and it works": the author checked the awaited fix.
		p.note("verified-works", k-1, k+1)
	}
	for j++; j < b; j++ {
		if p.toks[j].kind == tWord && !p.toks[j].cls.has(cWorksWell) {
			return false // "working fine now on the new laptop"? only a clause that ends there
		}
	}
	p.resolve(a, b)
	return true
}

// remedyWorked reads what someone gave the author "worked": "your fix worked
// like a charm", "Dana's workaround worked", "the patch from ops worked", and a
// reply's "that worked, thanks!": the help awaited came. The author's own fix
// ("my patch worked") is their own work, and "it worked" alone says nothing of
// help.
func (p *parser) remedyWorked(k, a, b int) bool {
	toks := p.toks
	if p.negated(k, a) || p.word(k+1, a, b) == "until" || p.word(k+1, a, b) == "till" {
		return false // "the old fix worked until Tuesday": it stopped
	}
	for m := k - 1; m >= a && m >= k-6; m-- {
		t := &toks[m]
		if t.kind != tWord {
			break
		}
		if t.cls.has(cRemedyNoun) {
			if m > a && toks[m-1].cls.has(cFirstPerson) {
				return false // "my fix worked": the author's own
			}
			p.note("remedy-worked", m, k+1)
			p.resolveIn(a, b, a, k)
			return true
		}
	}
	if k-1 == a && toks[a].cls.has(cBackReference) && p.thanked() {
		p.note("remedy-worked", a, k+1)
		p.resolve(a, b) // "that worked! thank you so much"
		return true
	}
	return false
}

// thanked reports whether the report thanks someone.
func (p *parser) thanked() bool {
	for i := range p.toks {
		if t := &p.toks[i]; t.kind == tWord && t.cls.has(cThanksWord) {
			return true
		}
	}
	return false
}

// ballWithParty reports whether the sentence says the matter is now a
// party's to act on: "ball is back with them", "the ball's in their court"
// (lexicon class ball-word). What else it tells as done is the author's own act.
func (p *parser) ballWithParty() bool {
	toks := p.toks
	for k := p.sentA; k < p.sentB && k < len(toks); k++ {
		if toks[k].kind != tWord || !toks[k].cls.has(cBallWord) {
			continue
		}
		for j := k + 1; j < p.sentB && j <= k+4; j++ {
			if w := toks[j].low; w == "with" || w == "court" {
				return true
			}
		}
	}
	return false
}

// checkDone reports whether the word at k says a check was done ("the
// security review was completed", "testing finished"): a check the author
// waited on, unlike their own work.
func (p *parser) checkDone(k, a int) bool {
	if !p.toks[k].cls.has(cMetState) {
		return false
	}
	for j := a; j < k; j++ {
		if p.toks[j].cls.has(cCheck) && !p.toks[a].cls.has(cFirstPerson) {
			return true
		}
	}
	return false
}

// bareArrival handles an arrival said alone: "Arrived. Closing.",
// "Approved!", "Delivered".
func (p *parser) bareArrival(k, a, b int, cond bool) bool {
	if !p.toks[k].cls.has(cBareArrival) {
		return false
	}
	if !p.bareClause(k, a, b) || !p.report(k, a, cond) {
		return false
	}
	p.resolve(a, b)
	return true
}

// ruleDeliveredBy is the rule of the "delivered-by" cue family: an awaited act
// told as done by the party that owed it ("ops restored the VPN", "Legal gave
// us the OK", "the client confirmed the scope", "the vendor finally replied").
func (p *parser) ruleDeliveredBy(k, a, b int, cond bool) bool {
	return p.partyDelivered(k, a, b, cond) || p.doneByParty(k, a, b, cond) || // "the DPA has been reviewed by legal"
		p.passiveArrival(k, a, b, cond) // "the budget has now been confirmed"
}

// partyDelivered reports whether the past-tense verb at k has a party for its
// subject (a role, team, outside body, person, mention or name, never the
// author) and for its object what the author awaits: an awaited thing the
// lexicon knows, the author ("gave us", "my questions"), a pronoun that refers
// back to it, or nothing ("the vendor replied"). If so it records the
// resolution. "I sent the draft to legal" and "the board approved three new
// members" are no arrival for the author.
func (p *parser) partyDelivered(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) || p.needBefore(k, a) || p.nobodyOf(k, a, b) {
		return false // "no one on the data team has replied" is still a wait
	}
	if p.word(k+1, a, b) == "to" && p.wordIs(k+2, a, b, cPutOffVerb) {
		return false // "the working group agreed to defer the decision": nothing came
	}
	j := k - 1 // back over adverbs and the perfect auxiliary to the subject
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cLeadFiller) || toks[j].cls.has(cBe) && !toks[j].cls.has(cFirstPerson) &&
		!toks[j].cls.has(cFirstPersonContraction)) {
		if toks[j].cls.has(cPassiveAux) {
			return false // "the e-mail has been sent", "Discv5 was merged": the subject is the thing, passive
		}
		j--
	}
	if j-1 > a && toks[j].low == "and" && (toks[j-1].cue != 0 && strings.HasSuffix(toks[j-1].low, "ed")) {
		j -= 2 // "Director reviewed and approved the business case": the subject of both verbs
	}
	if j < a {
		return false
	}
	s := p.partyEnding(j)
	if s < 0 && j-1 >= a && toks[j].cls.has(cSupportOffice) && toks[j-1].capital && !toks[j-1].cls.has(cCommonCapital) {
		s = j - 1 // "Fivetran support fixed the connector": an outside body's support desk
	}
	if j-2 >= a && toks[j-1].low == "from" && (s >= 0 || toks[j].capital) && p.partyEnding(j-2) >= 0 {
		s = p.partyEnding(j - 2) // "<@U1> from CNCF has confirmed it": the person of the organisation
	}
	if s < 0 {
		return false
	}
	for m := s - 1; m >= a && !toks[m].cls.has(cCoordinator); m-- {
		if toks[m].kind == tWord && (toks[m].cls.has(cFirstPerson) || toks[m].cls.has(cFirstPersonContraction)) {
			return false // "we shared the mocks": the author's own act ("I asked and he agreed" is the party's)
		}
	}
	if s > a && toks[s-1].kind == tWord && !toks[s-1].cls.has(cCoordinator) &&
		(toks[s-1].cls.has(cNameIntro) || toks[s-1].cls.has(cFunctionWord)) {
		// "sent it to legal, …", "asked Dana": the party is an object there;
		// "the budget that Rolf approved": a relative clause names the thing.
		return false
	}
	o := k + 1
	for o < b && toks[o].kind == tWord && (toks[o].cls.has(cAfterPassive) || toks[o].cls.has(cTimeWord)) && !toks[o].cls.has(cFirstPerson) {
		o++ // "replied this morning", "signed off today"
	}
	for o < b && toks[o].kind == tWord && (toks[o].low == "back" || toks[o].low == "off" || toks[o].low == "over") {
		o++
	}
	if o >= b {
		if toks[k].cls.has(cObjectArrival) {
			return false // "prices increased last month": nothing awaited was raised or chosen
		}
		p.note("delivered-by-party", s, k+1)
		p.resolveIn(a, b, s, k)
		return true
	}
	obj := false
	for m := o; m < b && m <= o+4; m++ {
		t := &toks[m]
		if t.kind != tWord {
			break
		}
		if t.cls.has(cFirstPerson) && !t.cls.has(cSubject) || t.low == "it" || t.low == "them" {
			obj = true // "gave us the OK", "answered my questions"; "and now we are …" starts a clause
			break
		}
		if t.cls.has(cApprovalWord) && !p.indefinite(o, m) {
			obj = true // "QA gave the thumbs up", "legal gave the green light"
			break
		}
		if e, n := p.match(m); n > 0 && e.class == classArtifact && !p.afterCan(m) {
			// An ownerless thing said with "a" or "some" is news, not the
			// awaited thing: "Hana gave an update on the migration".
			obj = e.strength > ownerNone || !p.indefinite(o, m)
			break
		}
		if !t.cls.has(cDet) && !isModifier(t) && !(m > o && toks[m-1].cls.has(cDet) && t.cls.has(cArrivalVerb)) {
			break // "sent the signed order form": a participle after the determiner describes the thing
		}
	}
	if f := cueFamilies[toks[k].cue]; !obj && (toks[k].cls.has(cArrivalVerb) || f == "delivered-by" || f == "thing-arrival" || f == "resolved" ||
		f == "sent" && toks[k].low == "sent" && p.curSec == secBlock) &&
		o < b && toks[o].cls.has(cAwaitedObject) && toks[o].cls.has(cDet) && !toks[o].cls.has(cIndefiniteDet) {
		// "the director reviewed and approved the business case", "customs
		// released the enclosures", "finance paid the deposit": a definite
		// thing, given by a party.
		obj = true
	}
	if !obj && toks[k].cls.has(cArrivalVerb) && o < b && (toks[o].low == "that" || toks[o].cls.has(cBackReference) &&
		toks[o].cls.has(cSubject)) {
		obj = true // "the supplier has confirmed they will comply", "legal agreed that we can ship"
	}
	if !obj && toks[k].cls.has(cArrivalVerb) && o < b && toks[o].cls.has(cAboutPrep) {
		obj = true // "legal replied about the trademark", "the vendor agreed on the price"
	}
	if !obj {
		return false
	}
	if p.passedOn(o, b) {
		p.dismiss("distractor:passed-on", s, k+1) // the party delivered to someone else: no arrival of the author's
		return false
	}
	p.note("delivered-by-party", s, k+1)
	p.resolveIn(a, b, s, b)
	return true
}

// partyEnding returns where a party whose last word is at j starts, or -1: a
// role, team, outside body or person the lexicon knows ("the client", "IT",
// "the data team"), a mention, a given name, or a third-person pronoun
// ("they", "he", "she").
func (p *parser) partyEnding(j int) int {
	t := &p.toks[j]
	if t.kind == tMention {
		return j
	}
	if t.kind != tWord {
		return -1
	}
	if e, n := p.matchEnding(j); n > 0 && (e.class == classRole || e.class == classTeam || e.class == classExternal ||
		e.class == classPerson) {
		return j - n + 1
	}
	for s := j - 1; s >= 0 && s >= j-2; s-- {
		if p.honorificEnd(s, j+1) == j+1 {
			return s // "Dr. Hale confirmed"
		}
	}
	if p.givenName(j) {
		s := j
		for s > 0 && p.toks[s-1].kind == tWord && p.givenName(s-1) && p.toks[s-1].cls == (classSet{}) {
			s-- // "Kurt Falk responded": a given name before a given name is the same person's
		}
		return s
	}
	if _, n := p.match(j); t.capital && !t.acronym && t.cls == (classSet{}) && t.cue == 0 && n == 0 {
		// A run of capitalised words that opens the clause is a name: "Kurt
		// Falk responded", "Maren confirmed".
		s := j
		for s > 0 && p.toks[s-1].kind == tWord && p.toks[s-1].capital && p.toks[s-1].cls == (classSet{}) {
			s--
		}
		if s == 0 || p.toks[s-1].kind != tWord || p.toks[s-1].lineStart || p.toks[s-1].cls.has(cCoordinator) {
			return s // or after "and", "but": "… and Filen stopped responding"
		}
	}
	if t.cls.has(cSubject) && !t.cls.has(cFirstPerson) && !t.cls.has(cFirstPersonContraction) && t.low != "you" &&
		!t.cls.has(cLeadFiller) && t.low != "and" {
		return j
	}
	return -1
}

// passedOn reports whether the object from o on goes to someone other than the
// author: "design shared the mocks with the client", "legal sent the DPA to
// the vendor".
func (p *parser) passedOn(o, b int) bool {
	for m := o; m < b; m++ {
		if w := p.toks[m].low; (w == "to" || w == "with" || w == "from") && m+1 < b && p.partyOrPersonAt(m+1, b) &&
			!p.toks[m+1].cls.has(cFirstPerson) {
			// "answered all the questions from the legal team": the answer went to the party;
			// "gave me access to the VPN": to a thing, not a party
			return true
		}
	}
	return false
}

// partyOrPersonAt reports whether a party or a person is named at k: a role,
// team or outside body the lexicon knows, a mention, a name, or "him"/"them".
func (p *parser) partyOrPersonAt(k, b int) bool {
	t := &p.toks[k]
	return p.isParty(k, b) || t.kind == tMention || p.personEnd(k, b) > k ||
		t.kind == tWord && t.cls.has(cOtherPronoun) && !t.cls.has(cSubject)
}

// indefinite reports whether toks[o:m] holds an indefinite determiner ("a",
// "an", "some", "any"): the noun after it is new to the reader.
func (p *parser) indefinite(o, m int) bool {
	for q := o; q < m; q++ {
		if p.toks[q].cls.has(cIndefiniteDet) {
			return true
		}
	}
	return false
}

// ruleRestored is the rule of the "restored" cue family: what was down works
// again ("staging is back up", "the VPN is up again", "CI is green again",
// "the outage is over"). The subject must be a thing, never the author or a
// person ("I'm back", "Sam is back from leave"), and "back" must say in what
// state ("the bug is back" is a regression, not a resolution).
func (p *parser) ruleRestored(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) || p.needBefore(k, a) {
		return false
	}
	v := k // the verb or state word the subject goes with
	switch toks[k].low {
	case "back":
		nw := p.word(k+1, a, b)
		bare := nw == "" || p.wordIs(k+1, a, b, cTimeWord) // "staging is back", "the VPN is back now": a thing the clause names, checked below
		if !p.wordIs(k+1, a, b, cWorkingState) && !(nw == "to" && p.word(k+2, a, b) == "normal") && !bare {
			return false
		}
	case "again":
		if !p.wordIs(k-1, a, b, cWorkingState) {
			return false
		}
		v = k - 1
		if p.word(v-1, a, b) == "and" && p.wordIs(v-2, a, b, cWorkingState) {
			v -= 2 // "up and running again"
		}
	case "over":
		if k+1 < b && !p.wordIs(k+1, a, b, cTimeWord) {
			return false // "handed it over to QA", "over the weekend"
		}
	}
	j := v - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cLeadFiller) || toks[j].cls.has(cTimeWord) || toks[j].low == "all") {
		j-- // "the sites are all back up"
	}
	if j < a || !p.wordIs(j, a, b, cBe) || toks[j].cls.has(cFirstPerson) || toks[j].cls.has(cFirstPersonContraction) {
		return false
	}
	s := j - 1
	if s < a || toks[s].kind != tWord || toks[s].cls.has(cSubject) || toks[s].cls.has(cFunctionWord) ||
		toks[s].capital && !toks[s].acronym && s > a {
		return false // "we are back up", "it is over", "Dana is back online"
	}
	if e, n := p.matchEnding(s); n > 0 && e.class == classPerson {
		return false
	}
	if _, name := firstNames()[toks[s].low]; name && toks[s].capital {
		return false
	}
	if toks[k].low == "over" && !p.artifactAt(s) && !toks[s].cls.has(cBlockNoun) {
		return false // "the meeting is over": nothing that held the author up
	}
	if toks[k].low == "back" && !p.wordIs(k+1, a, b, cWorkingState) && p.word(k+1, a, b) != "to" && !p.artifactAt(s) {
		return false // "the team is back": only a thing that was down is back on its own ("staging is back")
	}
	p.note("restored", s, k+1)
	p.resolveIn(a, b, a, j)
	return true
}

// pronounArrival handles a wait told earlier in the sentence whose thing then
// came, named by a pronoun: "held up waiting for some parts, but they shipped
// last week", "was blocked on the keys for days, it finally arrived". The verb
// is in the past; the wait was opened by an earlier clause of the sentence.
func (p *parser) pronounArrival(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.blocked || p.sentBlocked || a == p.sentA || !p.report(k, a, cond) || p.futureBefore(k, a) {
		return false
	}
	if w := toks[k].low; !strings.HasSuffix(w, "ed") && w != "came" {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].cls.has(cLeadFiller)) {
		j--
	}
	if j < a || !toks[j].cls.has(cBackReference) {
		return false
	}
	p.note("pronoun-arrival", j, k+1)
	p.resolve(a, b)
	return true
}

// verifiedBefore reports whether the sentence before k says the author
// checked something (lexicon class "verify-verb": tested, verified, tried).
func (p *parser) verifiedBefore(k int) bool {
	for j := p.sentA; j < k; j++ {
		if p.toks[j].cls.has(cVerifyVerb) {
			return true
		}
	}
	return false
}

// toInfinitive reports whether "to" at j starts an infinitive ("to be
// approved", "need to get it signed"), not a preposition ("returned to green
// status", "delivered to Dublin"): a verb the lexicon knows follows it.
func (p *parser) toInfinitive(j int) bool {
	if j+1 >= len(p.toks) || p.toks[j+1].kind != tWord {
		return false
	}
	t := &p.toks[j+1]
	return t.cls.has(cBe) || t.cls.has(cProgressVerb) || t.cls.has(cRequestVerb) || t.cls.has(cReceiveVerb) || t.cue != 0
}

// recordSubject reports whether the subject ending at j is a record or
// routine business (lexicon class record-noun): "the minutes", and its head
// before "of": "Minutes of the last meeting".
func (p *parser) recordSubject(j, a int) bool {
	toks := p.toks
	if toks[j].cls.has(cRecordNoun) {
		return true
	}
	h := a
	for h < j && toks[h].kind == tWord && toks[h].cls.has(cDet) {
		h++
	}
	return h < j && toks[h].kind == tWord && toks[h].cls.has(cRecordNoun) && toks[h+1].low == "of"
}

// ruleApprovalFrom is the rule of the "approval-from" cue family: a party's
// consent told as a headline, with no verb ("Thumbs up from Gentoo",
// "Agreement from the Director that the budget can grow", "green light from
// legal"). A wait or a need in the clause ("approval from legal still
// pending") asks for it instead.
func (p *parser) ruleApprovalFrom(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) {
		return false
	}
	for j := a; j < k; j++ {
		if toks[j].kind == tWord && !toks[j].cls.has(cDet) && !toks[j].cls.has(cLeadFiller) && !toks[j].cls.has(cFinallyArrival) {
			return false // "need approval from legal", "got the approval from" (read by its own verb)
		}
	}
	j := k + 1
	if j < b && toks[j].kind == tWord && !toks[j].cls.has(cApprovalWord) && toks[j].low != "from" {
		j++ // "thumbs up", "green light"
	}
	if p.word(j, a, b) != "from" || j+1 >= b || p.targetAt(j+1, b) == 0 && !p.isParty(j+1, b) {
		return false
	}
	for m := j + 1; m < b; m++ {
		if f := cueFamilies[toks[m].cue]; f == "wait" || f == "pending" || f == "need" || f == "not-yet" ||
			toks[m].cls.has(cOpenState) {
			return false
		}
	}
	p.note("approval-from", k, j+2)
	p.resolveIn(a, b, j+1, b)
	return true
}

// ruleThanks is the rule of the "thanks" cue family: thanks for the act the
// author awaited ("thank you for answering the open questions", "thanks for
// the quick fix"). Thanks for anything else ("thanks for the update") is
// politeness.
func (p *parser) ruleThanks(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.question {
		return false
	}
	j := k + 1
	for j < b && (toks[j].kind == tWord && (toks[j].low == "you" || toks[j].cls.has(cLeadFiller) || toks[j].low == "very" ||
		toks[j].low == "much" || toks[j].low == "so") || toks[j].kind == tMention || j == k+1 && p.partyEnding(j) == j) {
		j++ // "thanks <@U1> for the mocks", "thanks Dana for the review"
	}
	if p.word(j, a, b) != "for" {
		return false
	}
	j++
	if j < b && toks[j].cls.has(cAwaitedGerund) {
		for m := j + 1; m < b && m <= j+3; m++ {
			if toks[m].cls.has(cRecordNoun) {
				return false // "thanks for sending the agenda": routine business, nobody's wait
			}
		}
		p.note("thanks-for", k, j+1)
		p.resolveIn(a, b, j+1, b)
		return true
	}
	for m := j; m < b && m <= j+3; m++ {
		if e, n := p.match(m); n > 0 && e.class == classArtifact && e.strength > ownerNone && !p.indefinite(j, m) {
			p.note("thanks-for", k, m+n)
			p.resolveIn(a, b, m, b)
			return true
		}
		if !toks[m].cls.has(cDet) && !isModifier(&toks[m]) {
			return false // "thanks for entertaining these changes": thanks for something else
		}
	}
	return false
}

// ruleThingArrived is the rule of the "arrive-intransitive" words: a thing
// turned up ("3 large boxes have arrived", "the package showed up", "finally
// the hardware appeared"). Its subject is a thing, not a person or the author
// ("Dana showed up late", "I turned up"), and "appeared" needs it
// to be no trouble ("a bug appeared").
func (p *parser) thingArrived(k, a, b int, cond bool) bool {
	toks := p.toks
	w := toks[k].low
	if w == "showed" && p.word(k+1, a, b) != "up" {
		return false
	}
	if !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cBe) || toks[j].cls.has(cLeadFiller)) {
		j--
	}
	j = p.beforeSource(j, a)
	if j < a || toks[j].kind != tWord || toks[j].cls.has(cSubject) || toks[j].cls.has(cFunctionWord) ||
		toks[j].cls.has(cOpenState) || toks[j].capital && !toks[j].acronym && j > a || p.isParty(j, j+1) {
		return false
	}
	if _, name := firstNames()[toks[j].low]; name {
		return false
	}
	if w == "appeared" && !p.artifactAt(j) {
		return false // "the error appeared again": trouble, not a delivery
	}
	for m := k + 1; m < p.sentB; m++ {
		if f := cueFamilies[toks[m].cue]; f == "wait" || f == "pending" {
			return false // "the tape arrived, just waiting on the cabinet": part came, the wait goes on
		}
	}
	p.note("thing-arrived", j, k+1)
	p.resolveIn(a, b, a, k)
	return true
}

// beforeSource walks back from j over where a thing came from ("the parts
// from Digi-Key", "the samples from the lab") to the thing: the word before
// "from". Without such a phrase it returns j.
func (p *parser) beforeSource(j, a int) int {
	for m := j; m > a && m >= j-3; m-- {
		t := &p.toks[m]
		if t.kind != tWord {
			return j
		}
		if t.low == "from" {
			if m < j && p.toks[m-1].kind == tWord {
				return m - 1
			}
			return j
		}
	}
	return j
}

// settled handles a matter told settled: "the lease is all set", "501c3, it
// is official!", "the service is recovered". The subject is not the author
// ("we're all set" is readiness).
func (p *parser) settled(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.conditionBefore(k, a) || p.futureBefore(k, a) {
		return false
	}
	if toks[k].low == "set" && p.word(k-1, a, b) != "all" {
		return p.setUp(k, a, b) // "set up the repo" is the author's act; "my account has been set up" an arrival
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cLeadFiller) || toks[j].low == "all" || toks[j].low == "now") {
		j--
	}
	if j < a || !toks[j].cls.has(cBe) || toks[j].cls.has(cFirstPersonContraction) || j-1 < a ||
		toks[j-1].cls.has(cFirstPerson) || toks[j-1].kind == tWord && toks[j-1].cls.has(cOtherPronoun) && toks[j-1].low != "it" {
		return false
	}
	p.note("settled", j-1, k+1)
	p.resolveIn(a, b, a, j)
	return true
}

// ruleSettled is the rule of the "settled" cue family.
func (p *parser) ruleSettled(k, a, b int, cond bool) bool {
	return p.settled(k, a, b, cond)
}

// ruleArrive is the rule of the "arrive" cue family: things that turn up.
func (p *parser) ruleArrive(k, a, b int, cond bool) bool {
	if w := p.toks[k].low; w == "arrive" || w == "arrives" {
		return p.inTransit(k, a, b, cond)
	}
	return p.thingArrived(k, a, b, cond)
}

// inTransit handles an awaited thing told still to come: "the laptop will
// arrive next week", "the parts shipped and should arrive Monday", "the
// server arrives Thursday". The author waits on it. "Guests arrive at six"
// names no awaited thing, and "expected to arrive" is the expected family's.
func (p *parser) inTransit(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.question || p.conditionBefore(k, a) || k == a {
		return false
	}
	pw := toks[k-1].low
	if toks[k].low == "arrive" && !toks[k-1].cls.has(cWill) && pw != "should" {
		return false // "expected to arrive", "waiting for it to arrive": read by their own words
	}
	if !p.awaitedThingIn(a, k) {
		return false
	}
	for m := k + 1; m < p.sentB; m++ {
		if p.toks[m].kind == tWord && p.toks[m].cls.has(cConditionOpener) {
			return false // "the license will arrive by email once you register": how it works, not a wait
		}
	}
	for m := a; m < k; m++ {
		if t := &toks[m]; t.kind == tWord && (t.cls.has(cSubject) && !t.cls.has(cCoordinator) || t.cls.has(cFirstPersonContraction)) &&
			t.low != "also" && t.low != "just" {
			return false // "we arrive Monday": people, not a thing
		}
	}
	p.note("in-transit", k-1, k+1)
	p.block(a, b, a, scopeBefore)
	return true
}

// stillToArrive reports whether the clause after k says the thing is still to
// come: "shipped and should arrive Monday", "dispatched, will arrive next week".
func (p *parser) stillToArrive(k, b int) bool {
	for j := k + 1; j+1 < b && j <= k+6; j++ {
		if w := p.toks[j].low; (p.toks[j].cls.has(cWill) || w == "should") && (p.toks[j+1].low == "arrive" || p.toks[j+1].low == "land" || p.toks[j+1].low == "be") {
			return true
		}
	}
	// "the laptop shipped but has been stuck in customs for a week": held on
	// its way (lexicon classes held-state, waiting-state, waiting-passive).
	for j := k + 1; j < p.sentB && j <= k+3; j++ {
		if p.toks[j].low != "but" {
			continue
		}
		for m := j + 1; m < p.sentB && m <= j+5; m++ {
			t := &p.toks[m]
			if t.kind == tWord && (t.cls.has(cHeldState) || t.cls.has(cWaitingState) || t.cls.has(cWaitingPassive)) {
				return true
			}
			if t.kind != tWord || !(t.cls.has(cStateAux) || t.cls.has(cLeadFiller) || t.cls.has(cBackReference)) {
				break // "shipped but the invoice is still pending": another thing's state
			}
		}
	}
	return false
}

// ruleNowThat is the rule of the "now-that" cue family: a wait ended, told as
// the reason the author can go on ("now that the keys arrived, nothing blocks
// me", "unblocked now that legal signed off", "now that I have access").
func (p *parser) ruleNowThat(k, a, b int, cond bool) bool {
	toks := p.toks
	if p.word(k+1, a, b) != "that" || cond || p.question || p.futureBefore(k, a) {
		return false
	}
	for j := p.sentA; j < k; j++ {
		if f := cueFamilies[toks[j].cue]; toks[j].kind == tWord && (f == "party-will" || f == "expected") {
			// "arena layout, should come now that co-op is decided": what
			// cleared is why the awaited thing is expected; it has not come.
			p.note("expected-now-that", j, k+2)
			return false
		}
	}
	for j := k + 2; j < b; j++ {
		if toks[j].kind != tWord {
			continue
		}
		if toks[j].cls.has(cNegator) || strings.HasSuffix(toks[j].low, "n't") {
			return false // "now that the keys haven't come"
		}
		if toks[j].cls.has(cBe) && !strings.HasSuffix(toks[j].low, "ed") && toks[j].low != "got" {
			continue // "now that we have more people": having is no arrival
		}
		switch cueFamilies[toks[j].cue] {
		case "arrived", "resolved", "got", "granted", "delivered-by", "restored", "unblocked", "sent", "arrive", "settled":
			p.note("now-that", k, j+1)
			p.resolveIn(a, b, k+2, b)
			return true
		}
		if toks[j].cls.has(cArrivalVerb) {
			p.note("now-that", k, j+1)
			p.resolveIn(a, b, k+2, b)
			return true
		}
		if (toks[j].low == "works" || toks[j].low == "worked") && j-1 > k+1 && toks[j-1].kind == tWord &&
			!toks[j-1].cls.has(cFirstPerson) && !toks[j-1].cls.has(cFirstPersonContraction) {
			p.note("now-that", k, j+1) // "… now that OAuth works"; "now that I worked through it" is the author's
			p.resolveIn(a, b, k+2, j)
			return true
		}
	}
	return false
}

// setUp handles "my account has been set up", "the staging access is set up
// now": an awaited thing (an access noun, or a thing with an owner) told set
// up in the passive is an arrival. "set up the repo" (the author's act) and
// "the meeting is set up for Tuesday" (nothing awaited) are not.
func (p *parser) setUp(k, a, b int) bool {
	toks := p.toks
	if p.word(k+1, a, b) != "up" {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cLeadFiller) || toks[j].cls.has(cAfterPassive) && !toks[j].cls.has(cBe)) {
		j--
	}
	if j < a || !toks[j].cls.has(cPassiveAux) || toks[j].low == "being" {
		return false // "the account is still being set up": under way, no arrival (ruleBeing)
	}
	for m := a; m < j; m++ {
		if toks[m].kind != tWord {
			continue
		}
		if toks[m].cls.has(cFirstPerson) && toks[m].cls.has(cSubject) || toks[m].cls.has(cOtherPronoun) {
			return false // "we were set up with …", "they are set up": people, not a thing
		}
		if toks[m].cls.has(cAccessNoun) {
			p.note("set-up", m, k+2)
			n0 := len(p.targets)
			p.resolveIn(a, b, a, j)
			p.nameAccess(n0, a, j)
			return true
		}
		if e, n := p.match(m); n > 0 && e.class == classArtifact && e.strength > ownerNone {
			p.note("set-up", m, k+2)
			p.resolveIn(a, b, a, j)
			return true
		}
	}
	return false
}

// ruleThingArrival is the rule of the "thing-arrival" cue family: "the PO has
// been processed", "the software was installed", "the invoice was paid",
// "the mockups were uploaded", or done by a party ("… by IT").
func (p *parser) ruleThingArrival(k, a, b int, cond bool) bool {
	if p.toks[k].low == "wrapped" {
		return p.thingFinished(k, a, b, cond)
	}
	// A party's act in the active as in the passive: "procurement processed
	// the PO", "IT installed the license", "the PO has been processed".
	return p.partyDelivered(k, a, b, cond) || p.doneByParty(k, a, b, cond) || p.passiveArrival(k, a, b, cond)
}

// thingFinished handles an awaited thing told finished in a phrase of its own:
// "the legal review wrapped up yesterday", "the new SDK from the platform team
// went live". The author's own work ("we wrapped up the sprint") is no arrival.
func (p *parser) thingFinished(k, a, b int, cond bool) bool {
	toks := p.toks
	nw := p.word(k+1, a, b)
	if !(toks[k].low == "wrapped" && nw == "up" || toks[k].low == "went" && (nw == "live" || nw == "out")) ||
		!p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) || p.negated(k, a) {
		return false
	}
	for m := a; m < k; m++ {
		if t := &toks[m]; t.kind == tWord && (t.cls.has(cFirstPerson) || t.cls.has(cFirstPersonContraction) || t.cls.has(cOtherPronoun)) {
			return false
		}
	}
	if !p.ownedThingIn(a, k) {
		return false
	}
	p.note("thing-finished", k, k+2)
	p.resolveIn(a, b, a, k)
	return true
}

// ownedThingIn reports whether toks[a:k] name a thing the lexicon gives an
// owner ("the legal review", "the vendor's quote").
func (p *parser) ownedThingIn(a, k int) bool {
	for m := a; m < k; m++ {
		if e, n := p.match(m); n > 0 && e.class == classArtifact && e.strength > ownerNone {
			return true
		}
	}
	return false
}

// partyAt returns where a party whose last word is at j starts (partyEnding),
// or -1 when j is before a or the word there is a pronoun or the author ("we",
// "they", "our"): the subject of a party rule ("legal has to sign").
func (p *parser) partyAt(j, a int) int {
	if j < a {
		return -1
	}
	if t := &p.toks[j]; t.kind == tWord && (t.cls.has(cSubject) || t.cls.has(cOtherPronoun) || t.cls.has(cFirstPerson)) {
		return -1
	}
	return p.partyEnding(j)
}

// awaitedThingIn reports whether toks[a:k] name a thing someone awaits: a
// thing of the lexicon or an access ("my account",
// "permissions"). A ticket or a request created is the author's own act.
func (p *parser) awaitedThingIn(a, k int) bool {
	for m := a; m < k; m++ {
		t := &p.toks[m]
		if t.kind != tWord {
			continue
		}
		if t.cls.has(cAccessNoun) {
			return true
		}
		if e, n := p.match(m); n > 0 && e.class == classArtifact {
			return true // an owned thing, or one people wait for with no owner guessed ("the purchase order")
		}
	}
	return false
}

// startsWithDigit reports whether s starts with a digit: a date or a number.
func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// shortPronounReport reports whether toks[j] is "it", "this" or "that" opening
// clause a (after mentions) of a short report (eight words at most): a reply in a thread whose
// pronoun is the thing the thread is about ("it's merged now", "this got
// approved"). In a longer report the pronoun may be anything told before.
func (p *parser) shortPronounReport(j, a int) bool {
	if j < a || j >= len(p.toks) || p.toks[j].kind != tWord || !p.toks[j].cls.has(cBackReference) ||
		p.toks[j].low == "they" || p.toks[j].low == "these" || p.toks[j].low == "those" {
		return false
	}
	for m := a; m < j; m++ {
		if p.toks[m].kind != tMention && p.toks[m].kind != tPunct {
			return false // only whom it is told to may come first: "<@U1> it's been merged"
		}
	}
	words := 0
	for k := range p.toks {
		if p.toks[k].kind == tWord {
			words++
		}
	}
	return words <= 8
}

// definitePassive returns the thing, toks[s:e], when the verb at k is told in
// the passive of a definite thing that opens its clause: "the deposit has been
// paid", "our enclosures were processed". What was paid or processed is then
// the thing the author knows of, whether or not the lexicon knows the word; "a
// fee was paid" or "fees were paid" tell no thing awaited. e == s when not.
func (p *parser) definitePassive(k, a int) (int, int) {
	toks := p.toks
	e := k // back over the auxiliaries: "has been", "was", "were"
	for e-1 > a && toks[e-1].kind == tWord && (toks[e-1].cls.has(cPassiveAux) || toks[e-1].low == "has" || toks[e-1].low == "have") {
		e--
	}
	if e == k {
		return a, a
	}
	j := a
	for j < e && toks[j].kind == tWord && toks[j].cls.has(cLeadFiller) {
		j++
	}
	if j+1 >= e || toks[j].kind != tWord || !toks[j].cls.has(cPureDet) || toks[j].cls.has(cIndefiniteDet) ||
		toks[j].cls.has(cFirstPerson) && toks[j].low != "my" && toks[j].low != "our" {
		return a, a
	}
	for m := j + 1; m < e; m++ {
		if t := &toks[m]; t.kind != tWord || !isModifier(t) || e-j > 4 {
			return a, a
		}
	}
	return j + 1, e
}

// mannerAdverb reports whether toks[j] is an adverb of manner between a
// passive's auxiliary in the past and its verb: "the package was manually
// approved", "it has been quietly merged" ("requests are manually approved"
// tells how it goes). Only right after the auxiliary is a word in -ly taken
// for one, so "the supply approved" keeps its noun.
func (p *parser) mannerAdverb(j, a int) bool {
	w := p.toks[j].low
	return len(w) > 4 && strings.HasSuffix(w, "ly") && j-1 >= a && p.toks[j-1].kind == tWord && p.toks[j-1].cls.has(cPastPassiveAux)
}

// codeName reports whether toks[k] names one thing by its code, as a
// definite article would: "M4", "v2.1", "SOW-7", "PR 412" is not one word.
// "Moonrail approved M4" approved the milestone the author awaits.
func (p *parser) codeName(k int) bool {
	t := &p.toks[k]
	return t.kind == tWord && t.capital && len(t.low) <= 8 && strings.ContainsAny(t.low, "0123456789") && !isNumberLike(t.low)
}
