package parse

import (
	"strings"

	"github.com/unblock-dev/unblock"
)

// Cues of resolution: "resolved", "design done", "got the mocks",
// "can proceed now".

// completedAfter reports whether a word from k on says a dependency is met.
func (p *parser) completedAfter(k, b int) bool {
	for j := k; j < b; j++ {
		if p.toks[j].cls.has(cMetState) {
			return true
		}
	}
	return false
}

// resolvedWord handles "it's resolved now", "all fixed", "blocker cleared".
// othersThingIs reports whether the word at k follows "is"/"are" after an
// awaited thing a party owns ("the mocks are", "staging is"), not the
// author's ("our mocks are"), or follows the thing right after it as a
// headline that opens its clause ("Access sorted", "VPN access sorted").
// notEngineering leaves out engineering's things, which an engineer fixes or
// readies herself ("the release blocker bug is fixed", "the PR is ready" are
// the author's own work).
func (p *parser) othersThingIs(k, a int, notEngineering bool) bool {
	if k-1 < a {
		return false
	}
	end := k - 2 // the thing's last word
	if !p.toks[k-1].cls.has(cBe) {
		end = k - 1
	}
	if end < a {
		return false
	}
	e, n := p.longestEnding(end, a)
	if end == k-1 && (n == 0 || !p.headline(a, end-n+1)) {
		return false // a headline names the thing first: "Access sorted", "the VPN access sorted"
	}
	if n == 0 || e.class != classArtifact || e.strength == ownerNone ||
		notEngineering && e.role == unblock.RoleEngineering && !p.toks[k-2].cls.has(cApprovalNoun) {
		// An engineer's own thing; a review is someone else's act ("the code review is taking forever").
		return false
	}
	if d := end - n; d >= a && p.toks[d].kind == tWord && p.toks[d].cls.has(cFirstPerson) {
		return false
	}
	return true
}

func (p *parser) resolvedWord(k, a, b int, cond bool) bool {
	w := p.toks[k].low
	pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
	if cond || hypothetical(p.toks, a, k) || p.futureBefore(k, a) || p.negated(k, a) || p.conditionBefore(k, a) {
		return false // "blocked until the API issue is fixed" is still blocked
	}
	if w == "removed" || w == "removing" {
		return false // counted at "blocker"
	}
	if p.bareClause(k, a, b) {
		p.resolve(a, b) // "turned out to be a config flag, sorted", "all fixed now"
		return true
	}
	subject, remedy := false, false
	for j := k - 1; j >= a && j >= k-4; j-- {
		switch c := &p.toks[j].cls; {
		case c.has(cResolvedSubject):
			subject = true
		case c.has(cBlockerNoun):
			subject = !p.wordIs(j-1, a, b, cCompoundBlocker)
		case w == "fixed" && j == k-1 && p.toks[j].kind == tWord && (c.has(cFixingThing) || c.has(cRemedyNoun)) &&
			!p.wordIs(k+1, a, b, cNegator):
			// "the new release fixed it for us", "Dana's patch fixed the
			// crash": what someone shipped fixed the author's trouble; not
			// "the update fixed nothing".
			subject, remedy = true, true
		}
	}
	if w == "resolved" && (p.wordIs(k-1, a, b, cBe) || pw == "now" || pw == "been") && (nw == "" || nw == "now" || nw == "since") {
		subject = true
	}
	if (nw == "" || nw == "now") && p.othersThingIs(k, a, w == "fixed") {
		// "the mocks are sorted; DPA still pending", "staging is fixed": an
		// awaited thing a party owns is the subject.
		subject = true
	}
	if !subject {
		return false
	}
	if nw != "" && (p.wordIs(k+1, a, b, cDet) || p.toks[k+1].kind == tMention) && nw != "now" && !remedy {
		return false // "resolved the merge conflict": the author's own work
	}
	p.resolve(a, b)
	return true
}

// arrived handles "design done", "the API spec landed", "feedback is in",
// "mocks arrived": an awaited thing or a role as subject of an arrival.
func (p *parser) arrived(k, a, b int, cond bool) bool {
	toks := p.toks
	w := toks[k].low
	pw := p.word(k-1, a, b)
	if cond || hypothetical(toks, a, k) || p.futureBefore(k, a) || p.conditionBefore(k, a) || p.needBefore(k, a) {
		return false
	}
	if (w == "shipped" || w == "delivered") && p.stillToArrive(k, b) {
		return false // "the parts shipped and should arrive Monday": still on its way
	}
	switch w {
	case "in", "here", "available":
		if !p.wordIs(k-1, a, b, cBe) && pw != "now" && !(w == "in" && p.word(k+1, a, b) == "hand") {
			return false // but "permit in hand": had
		}
		if w == "in" && p.durationAt(k+1, b) {
			return false // "it's in 1 hr", "the demo is in two days": when, not arrived
		}
		if w == "in" && p.wordIs(k+1, a, b, cPureDet) {
			return false // "the invoices are in the finance folder": where, not arrived
		}
		if w := toks[a].low; (w == "when" || w == "after") && p.wordIs(k-1, a, b, cBe) && toks[k-1].low != "was" && toks[k-1].low != "were" {
			return false // "when the API keys are available I'll test": to come
		}
	case "came":
		if nw := p.word(k+1, a, b); nw != "in" && nw != "through" && nw != "back" {
			return false
		}
	case "signed":
		if p.word(k+1, a, b) != "off" {
			return false
		}
	}
	if p.word(k-1, a, b) == "being" {
		return false // "being delivered by the project": under way, not arrived
	}
	// Walk back over auxiliaries to the subject.
	j := k - 1
	for j >= a {
		l := toks[j].low
		if toks[j].cls.has(cBe) || toks[j].cls.has(cBareFiller) && l != "and" {
			j--
			continue
		}
		break
	}
	j = p.beforeRefs(j, a)
	if j < a || toks[j].kind != tWord {
		return false
	}
	if p.shortPronounReport(j, a) && !p.negated(k, a) && (w == "merged" || w == "approved" || w == "signed" || w == "landed" ||
		w == "shipped" || w == "delivered" || w == "in" || w == "here") {
		p.note("arrived-pronoun", j, k+1)
		p.resolve(a, b) // "it's merged now": the thing the thread waits on
		return true
	}
	inHand := w == "in" && p.word(k+1, a, b) == "hand" // "permit in hand", "we have the contract in hand"
	for m := a; m < j && !inHand; m++ {
		if t := &toks[m]; t.cls.has(cSubject) && (t.cls.has(cFirstPerson) || t.cls.has(cFirstPersonContraction)) {
			return false // "I have done a PR review": the author's own work
		}
	}
	if p.negated(k, a) {
		if e, n := p.matchEnding(j); n > 0 && (e.class == classArtifact || e.class == classRole) {
			p.block(a, b, a, scopeClause) // "the spec isn't ready yet"
			return true
		}
		return false
	}
	e, n := p.matchEnding(j)
	if n == 0 || !(e.class == classArtifact || e.class == classRole || e.class == classTeam) {
		return false
	}
	if e.class == classArtifact && e.strength == ownerNone && (w == "done" || w == "complete" || w == "completed") {
		return false // "Content complete": the author's own work is done, nothing awaited arrived
	}
	if !inHand && !p.objectAwaited(k, b) {
		return false // "the council approved three new members": what it approved nobody awaited
	}
	p.resolveIn(a, b, a, k)
	return true
}

// beforeRefs walks back from j over the numbers that tell which of a thing is
// meant ("PR #114", "PRs #114 and #115", "issue 12") to the thing's last word,
// so "PR #114 got merged" reads as "the PR got merged". Without a number at j
// it returns j.
func (p *parser) beforeRefs(j, a int) int {
	toks := p.toks
	m := j
	for m > a && isRef(&toks[m]) {
		m--
		if m > a && (toks[m].low == "and" || toks[m].kind == tPunct && toks[m].punct == ',') && isRef(&toks[m-1]) {
			m--
		}
	}
	if m == j || toks[m].kind != tWord || isRef(&toks[m]) {
		return j
	}
	return m
}

// isRef reports whether t is an issue or version number: "#114", "114".
func isRef(t *token) bool {
	return t.kind == tWord && allDigits(strings.TrimPrefix(t.low, "#"))
}

// matchEnding finds a lexicon entry whose last word is at j.
func (p *parser) matchEnding(j int) (*entry, int) {
	for s := j; s >= 0 && s >= j-2; s-- {
		if e, n := p.match(s); n > 0 && s+n-1 == j {
			return e, n
		}
	}
	if qaWord(p.toks[j].low) {
		return qaEntry, 1
	}
	return noEntry, 0
}

// troubleIn reports whether toks[a:b] name a trouble ("3 bug reports", "a
// complaint"): what came is no awaited thing.
func (p *parser) troubleIn(a, b int) bool {
	for k := a; k < b; k++ {
		if p.toks[k].cls.has(cTroubleNoun) {
			return true
		}
	}
	return false
}

// longestEnding is the longest lexicon entry whose last word is at j and
// which starts at a or after ("legal review", not "review").
// headline reports whether toks[a:j] are only the determiner and modifiers
// that may open a headline before its thing ("the", "VPN" in "the VPN access
// sorted"): no function word, no first person.
func (p *parser) headline(a, j int) bool {
	for m := a; m < j; m++ {
		t := &p.toks[m]
		if t.kind != tWord || t.cls.has(cFirstPerson) || (t.cls.has(cStop) || t.cls.has(cFunctionWord)) && !(m == a && t.cls.has(cDet)) {
			return false
		}
	}
	return true
}

func (p *parser) longestEnding(j, a int) (*entry, int) {
	for s := max(j-2, a); s <= j; s++ {
		if e, n := p.match(s); n > 0 && s+n-1 == j {
			return e, n
		}
	}
	return noEntry, 0
}

var qaEntry = &entry{class: classRole, role: "qa", strength: ownerRole}

// messageSaying reports whether a message starts at j that tells of a wait:
// "an email from the supplier saying the parts are delayed", "a call
// telling us it isn't ready". What it says is the news, read by its own cues.
func (p *parser) messageSaying(j, b int) bool {
	toks := p.toks
	for j < b && toks[j].kind == tWord && toks[j].cls.has(cDet) {
		j++
	}
	if j >= b || !(toks[j].cls.has(cMessageNoun) || toks[j].low == "call" || toks[j].low == "word") {
		return false
	}
	for m := j + 1; m < b && m <= j+6; m++ {
		if toks[m].kind != tWord || !toks[m].cls.has(cMessageLink) {
			continue
		}
		for n := m + 1; n < b; n++ {
			if f := cueFamilies[toks[n].cue]; f == "delay" || f == "wait" || f == "pending" || f == "not-yet" || f == "block" ||
				f == "supply" || isNegator(&toks[n]) {
				return true // the news is of a wait: "… saying the parts will be delayed"
			}
		}
		return false // "an email from legal saying the DPA is ready": the news came
	}
	return false
}

// inboundWork reports whether a count of work items starts at j: "3 bug
// reports", "a few new tickets", "several support requests".
func (p *parser) inboundWork(j, b int) bool {
	toks := p.toks
	if j < b && toks[j].low == "a" {
		j++
	}
	if j >= b || !(allDigits(toks[j].low) || toks[j].cls.has(cNumberWord)) {
		return false
	}
	return p.wordAhead(j+1, b, 3, cInboundItem)
}

// wordAhead reports whether a word of class c stands in the n words from j,
// before anything that is not a word: "3 bug reports", "my access request".
func (p *parser) wordAhead(j, b, n int, c classID) bool {
	for m := j; m < b && m < j+n; m++ {
		if p.toks[m].kind != tWord {
			return false
		}
		if p.toks[m].cls.has(c) {
			return true
		}
	}
	return false
}

// gotWord handles "got the mocks", "received approval", "heard back from legal".
func (p *parser) gotWord(k, a, b int, cond bool) bool {
	toks := p.toks
	w := toks[k].low
	pw := p.word(k-1, a, b)
	if cond || hypothetical(toks, a, k) || p.negated(k, a) || p.futureBefore(k, a) {
		return false
	}
	if w == "have" || w == "has" {
		// "now have access", "we have the go-ahead to deploy": what the author
		// holds now came; "we have a meeting" holds nothing awaited.
		o := k + 1
		for o < b && toks[o].kind == tWord && toks[o].cls.has(cDet) && !toks[o].cls.has(cFirstPerson) {
			o++
		}
		m := o // "we have full approval from the board": a word or two may describe it
		for m < b && m < o+2 && isModifier(&toks[m]) && toks[m].cue == 0 && !strings.HasSuffix(toks[m].low, "ed") &&
			!toks[m].cls.has(cApprovalWord) && !toks[m].cls.has(cAccessNoun) { // not "have requested approval"
			m++
		}
		granted := o < b && (toks[o].cls.has(cApprovalWord) || toks[o].cls.has(cAccessNoun) ||
			m > o && m < b && toks[m].cls.has(cApprovalWord) &&
				(m+1 >= b || toks[m+1].kind != tWord || toks[m+1].cls.has(cAfterPassive))) && !p.question
		if !p.hasWord(a, b, "now") && !granted || !p.authorActs(k, a) {
			return false
		}
	}
	if pw == "to" || p.yourRequest(k, a, b) {
		return false
	}
	if nw := p.word(k+1, a, b); nw == "zero" || nw == "nothing" || nw == "no" || nw == "none" {
		return false // "received zero response from support", "got nothing from legal": nothing came
	}
	j := k + 1
	if (w == "got" || w == "received") && p.inboundWork(j, b) {
		p.dismiss("distractor:inbound-work", k, j+1)
		return false // "Received 3 bug reports today": work that came in, nothing the author awaited
	}
	if (w == "got" || w == "received") && p.messageSaying(j, b) {
		// "received an email from the supplier saying the parts will be
		// delayed": what the message says is the news, read by its own cues.
		p.note("message-saying", k, j+1)
		return false
	}
	if w == "heard" || w == "hear" { // "hear" only after an emphatic "did" (ruleGot)
		if p.word(j, a, b) == "back" {
			p.resolve(a, b)
			return true
		}
		if p.word(j, a, b) == "from" && j+1 < b && !toks[j+1].cls.has(cFirstPerson) && (p.targetAt(j+1, b) > 0 || p.isParty(j+1, b)) {
			p.note("heard-from", k, j+2)
			p.resolveIn(a, b, j+1, b) // "we heard from the client, they're fine with the scope"
			return true
		}
		return false
	}
	if w == "got" && p.word(j, a, b) == "back" && p.word(j+1, a, b) == "to" && p.wordIs(j+2, a, b, cFirstPerson) &&
		(k == a || !toks[k-1].cls.has(cFirstPerson) && !toks[k-1].cls.has(cFirstPersonContraction)) {
		p.note("got-back-to-us", k, j+3)
		p.resolveIn(a, b, a, k) // "the vendor got back to us this morning"
		return true
	}
	if w == "got" || w == "received" || w == "receive" {
		for m := j; m < b && m <= j+5; m++ {
			if toks[m].low == "back" && m > j {
				p.resolveIn(a, b, j, m) // "got the translations back"
				return true
			}
		}
	}
	for j < b && (p.wordIs(j, a, b, cDet) || p.word(j, a, b) == "the") {
		j++
	}
	owner := j // "got Rafe's approval", "got legal's sign-off": whose approval came
	if j+2 < b && p.word(j+1, a, b) == "'s" && toks[j].kind == tWord && !toks[j].cls.has(cFirstPerson) && toks[j+2].cls.has(cApprovalWord) {
		j += 2
	}
	if (w == "got" || w == "received") && j == owner && j+2 < b && p.word(j+1, a, b) == "'s" && toks[j+2].kind == tWord &&
		(p.artifactAt(j+2) || toks[j+2].cls.has(cResponseNoun)) && // a thing awaited: not "got Dana's flu"

		(toks[j].kind == tMention || p.targetAt(j, b) > 0 || p.isParty(j, b)) && !toks[j].cls.has(cFirstPerson) &&
		!p.troubleIn(j+2, min(b, j+5)) {
		// "Got Tomás's estimate last night": what came is the party's, as
		// "got the estimate from Tomás" says.
		p.note("got-from-party", k, j+3)
		p.resolveIn(a, b, k+1, b)
		return true
	}
	if j < b && toks[j].cls.has(cApprovalWord) && !p.question {
		p.note("got-approval", k, j+1)
		p.resolveIn(a, b, owner, b) // "obtained agreement that no exemption is required", "secured approval"
		return true
	}
	j = owner
	if w == "regained" && !p.accessIn(j, min(b, j+4)) {
		return false // "regained internet access"; "regained my focus" came from nobody
	}
	if (w == "received" || w == "obtained" || w == "gained" || w == "regained") && j < b && toks[j].kind == tWord && !toks[j].cls.has(cStop) &&
		(j > k+1 || p.authorActs(k, a)) && !p.troubleIn(j, min(b, j+4)) {
		// "received the logo files", "Received benchmark pricing from 3rd party
		// vendors", "gained access to the cluster": whatever came, it came to the author.
		p.resolveIn(a, b, k+1, b)
		return true
	}
	for m := j; m < b && m < j+4 && !p.troubleIn(j, min(b, j+4)); m++ {
		e, n := p.match(m)
		if n > 0 && e.class == classArtifact && (e.strength > ownerNone || toks[m].cls.has(cResponseNoun) || toks[m].low == "answers" ||
			!p.indefinite(k+1, m) && j > k+1) { // "got the visas": a thing with no owner, named as the one awaited
			p.resolveIn(a, b, k+1, b)
			return true
		}
		if !isModifier(&toks[m]) {
			break
		}
	}
	if w == "got" || w == "received" {
		// "got the logs from support", "received an email from the vendor":
		// whatever it was, it came from the party awaited.
		for m := j; m < b && m <= j+6 && toks[m].kind == tWord && (!toks[m].cls.has(cFunctionWord) || toks[m].low == "and" ||
			toks[m].low == "of" || toks[m].cls.has(cPureDet) && m > j || // "got the rest of the style guide from Grace"

			m == j && p.relativeWhat(m, a, b)) || m < b && toks[m].low == "from"; m++ { // "got what I needed from data"
			if toks[m].low == "from" {
				if m > j && !p.troubleIn(j, m) && (p.targetAt(m+1, b) > 0 || p.isParty(m+1, b)) {
					p.note("got-from-party", k, m+2)
					p.resolveIn(a, b, k+1, b)
					return true
				}
				break
			}
		}
	}
	return false
}

// proceedWord handles "so I can proceed", "you can continue", "we can move forward".
func (p *parser) proceedWord(k, a, b int, cond bool) bool {
	w := p.toks[k].low
	pw := p.word(k-1, a, b)
	switch w {
	case "ahead":
		if pw != "go" {
			return false
		}
		pw = p.word(k-2, a, b)
	case "forward":
		if pw != "move" && pw != "moving" {
			return false
		}
		pw = p.word(k-2, a, b)
	case "unblocks":
		if !p.wordIs(k+1, a, b, cFirstPerson) {
			return false
		}
		pw = "now"
	}
	if pw == "now" || pw == "finally" {
		pw = "can"
	}
	if !(pw == "can" || pw == "free" && false || p.word(k-2, a, b) == "can" && pw == "now") {
		return false
	}
	if cond || hypothetical(p.toks, a, k) || p.negated(k, a) {
		return false
	}
	for j := a; j < k; j++ {
		if p.toks[j].cls.has(cNotYetTime) {
			return false // "once it lands we can proceed", "then we can continue": not yet
		}
	}
	for j := k + 1; j < b && j <= k+3; j++ {
		if w := p.toks[j].low; w == "using" || w == "by" && strings.HasSuffix(p.word(j+1, a, b), "ing") ||
			w == "meantime" || w == "workaround" {
			return false // "I can continue by using the other host": a workaround, the blocker stays
		}
	}
	p.resolve(a, b)
	return true
}

// objectAwaited reports whether the arrival verb at k has no object, or one
// that names an awaited thing or the author ("legal approved the DPA",
// "design approved our flow"), rather than something nobody waited for.
func (p *parser) objectAwaited(k, b int) bool {
	toks := p.toks
	if k+1 >= b || toks[k+1].kind != tWord || toks[k+1].cls.has(cAfterPassive) || toks[k+1].cls.has(cTimeWord) {
		return true // "the designs landed Friday night": a time, no object
	}
	if toks[k+1].cls.has(cAwaitedObject) {
		return true // a definite object is the awaited thing: "Bart approved the install"
	}
	for j := k + 1; j < b && j <= k+5; j++ {
		if toks[j].cls.has(cFirstPerson) || p.artifactAt(j) || toks[j].kind == tMention {
			return true
		}
	}
	return false
}

// bareClause reports whether the clause toks[a:b] is the word at k alone, with
// at most a degree or time word: "sorted", "all fixed now", "resolved!".
func (p *parser) bareClause(k, a, b int) bool {
	for j := a; j < b; j++ {
		if j == k || p.toks[j].kind != tWord {
			continue
		}
		if p.toks[j].cls.has(cBareFiller) || j == k+1 && p.toks[j].cls.has(cBareArrivalParticle) {
			continue // "Approved!", "Signed off."
		}
		if j == k+1 && p.toks[j].low == "in" && j+2 == b && versionRef(p.toks[j+1].low) {
			j++ // "Fixed in #237411", "fixed in v2.3": where the fix came
			continue
		}
		return false
	}
	return true
}

// versionRef reports whether w names a version, a change or an issue: "#123",
// "v2.3", "515.1635", "1.4.0-rc1".
func versionRef(w string) bool {
	if strings.HasPrefix(w, "#") && len(w) > 1 {
		return true
	}
	w = strings.TrimPrefix(w, "v")
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// conditionBefore reports whether a word before k in the clause makes what
// follows a condition: "blocked until the rule is approved by security".
func (p *parser) conditionBefore(k, a int) bool {
	for j := a; j < k; j++ {
		if p.toks[j].cls.has(cCondition) {
			return true
		}
		if p.toks[j].low == "soon" && j > a && p.toks[j-1].low == "as" && j+1 < k && p.toks[j+1].low == "as" {
			return true // "as soon as the sandbox is back": as "once"
		}
	}
	return false
}

// needBefore reports whether a need word comes before k in the clause: "need
// this PR approved" asks for the arrival, it does not report it.
func (p *parser) needBefore(k, a int) bool {
	for j := a; j < k; j++ {
		if p.toks[j].cue == needFamily {
			return true
		}
	}
	return false
}

// yourRequest reports whether what was received at k is the reader's request
// ("We have received your application", "received your three emails", "got
// your message, will reply tomorrow"): what someone sent the author to
// serve, not what the author awaited.
func (p *parser) yourRequest(k, a, b int) bool {
	if !p.wordIs(k+1, a, b, cSecondPersonPossessive) {
		return false
	}
	for m := k + 2; m < b && m <= k+4 && p.toks[m].kind == tWord; m++ {
		if p.toks[m].cls.has(cIncomingRequest) {
			p.dismiss("received-your-request", k, m+1)
			return true
		}
	}
	return false
}

// accessIn reports whether an access word is in toks[from:to]: "regained
// internet access", "regained our VPN login".
func (p *parser) accessIn(from, to int) bool {
	for m := from; m < to; m++ {
		if p.toks[m].kind == tWord && p.toks[m].cls.has(cAccessNoun) {
			return true
		}
	}
	return false
}

// durationAt reports whether toks[k:] open with a length of time: a number or
// a quantity word and a unit ("1 hr", "two days", "a week", "an hour").
func (p *parser) durationAt(k, b int) bool {
	n := k
	for n < b && n-k < 2 && p.toks[n].kind == tWord && (startsWithDigit(p.toks[n].low) || p.toks[n].cls.has(cQuantity)) {
		n++
	}
	return n > k && p.wordIs(n, k, b, cElapsedUnit)
}

// partyETA reports whether toks[j:b] is a day or a time and nothing else, as
// said by a party: "Tuesday", "next week", "EOD", "by Friday", "end of week".
func (p *parser) partyETA(j, b int) bool {
	if j < b && p.toks[j].kind == tWord && (p.toks[j].low == "by" || p.toks[j].low == "on") {
		j++
	}
	n := 0
	for ; j < b; j++ {
		t := &p.toks[j]
		if t.kind == tPunct && t.punct != '.' && t.punct != '!' {
			return false
		}
		if t.kind != tWord {
			continue
		}
		if !t.cls.has(cTimeWord) && !t.cls.has(cTimeRelative) && t.low != "end" && t.low != "of" && t.low != "the" {
			return false
		}
		n++
	}
	return n > 0 && n <= 4
}

// ruleSaidOK is the rule of the "said-ok" cue family: a party said that what
// the author asked about is fine, an approval received: "Dana said it's fine,
// so I published", "I reviewed it with LF legal, who also said this looks
// fine". Only a party before "said" (or "who" after one) and a short "it's
// fine" after it count; "I said it's fine" and "said it's not fine" do not. A
// party that says only when ("Gareth says Tuesday") tells a wait.
func (p *parser) ruleSaidOK(k, a, b int, cond bool) bool {
	toks := p.toks
	if cond || p.question || hypothetical(toks, a, k) {
		return false
	}
	s := k - 1
	for s >= a && toks[s].kind == tWord && toks[s].cls.has(cWaitAdverb) {
		s-- // "also said", "just said"
	}
	if s >= a && toks[s].low == "who" {
		s-- // the party before the comma, in the sentence's earlier clause
		for s >= p.sentA && toks[s].kind == tPunct && toks[s].punct == ',' {
			s--
		}
		if s < p.sentA {
			return false
		}
	}
	if s < 0 || p.partyEnding(s) < 0 || toks[s].kind == tWord && toks[s].cls.has(cFirstPerson) {
		return false
	}
	from := p.partyEnding(s)
	j := k + 1
	if p.partyETA(j, b) && !toks[s].cls.has(cFirstPerson) {
		// "DPA: Gareth says Tuesday", "the vendor said next week": when the
		// awaited thing will come, so it has not.
		p.note("party-eta", from, b)
		if p.blocked && p.awaitedPartyIn(p.blockFrom, len(p.targets)) {
			// "waiting on the DPA from legal, Rosa says Friday": when the wait
			// told before will end, news of it; the one who says is no party.
			return true
		}
		if o := from - 1; o > p.sentA && toks[o].kind == tPunct && toks[o].punct == '(' {
			// "Moonrail sign-off on checklist (Ellie says next week)": an aside
			// on the wait before it, which names whom it is on.
			p.block(p.sentA, o, p.sentA, scopeClause)
			return true
		}
		p.block(a, b, from, scopeClause)
		return true
	}
	if p.word(j, a, b) == "that" {
		j++
	}
	// "it's fine", "this looks good", "that is ok", "all good", "fine"
	for n := 0; j < b && n < 3 && toks[j].kind == tWord && !toks[j].cls.has(cOKWord); n++ {
		if isNegator(&toks[j]) || !(toks[j].cls.has(cSubject) || toks[j].cls.has(cBe) || toks[j].low == "looks" ||
			toks[j].low == "look" || toks[j].low == "all" || toks[j].low == "this" || toks[j].low == "that" || toks[j].low == "it") {
			return false
		}
		j++
	}
	if j >= b || toks[j].kind != tWord || !toks[j].cls.has(cOKWord) {
		return false
	}
	p.note("said-ok", from, j+1)
	p.resolveIn(a, b, from, s+1)
	return true
}
