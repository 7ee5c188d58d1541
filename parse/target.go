package parse

import (
	"slices"
	"strings"

	"github.com/unblock-dev/unblock"
)

// block records a blocker found in toks[a:b] by a cue; its targets are looked
// for from token `from` in the given scope, then in the rest of the clause.
func (p *parser) block(a, b, from int, sc scope) {
	if sc == scopeAfter && p.waitEnded(from) {
		// "I was waiting on the keys, got them today": the wait is told as
		// over; what it waited on is what came.
		p.resolveIn(a, b, from, b)
		return
	}
	p.blockCalls++
	if p.relayPending {
		p.relayedBlocks++
	}
	if p.curSec == secBlock {
		p.blockedInBlockSec = true
	}
	if p.noneInBlockSec && p.curSec != secDone && p.curSec != secBlock {
		// "B: none\nNotes: just heard I'm waiting on legal": a later section
		// states a new blocker.
		p.blockedAfterNone = true
	}
	if !p.blocked {
		p.blocked = true
		p.blockFrom = len(p.targets)
	}
	n0 := len(p.targets)
	if p.blockClause != p.clauseNo || p.clauseN0 > n0 {
		p.blockClause, p.clauseN0 = p.clauseNo, n0
	}
	p.named = p.named[:0]
	n, topic := p.addTargets(a, b, from, sc)
	own := p.art // the awaited thing in the cue's own scope
	if n == 0 && sc == scopeBefore && from > a && from < len(p.toks) && p.toks[from].low == "blocked" {
		p.wantTargets = true // "This blocked us from …": the next clause says what
		n = -1
	}
	if n == 0 && sc != scopeClause {
		n, topic = p.addTargets(a, b, a, scopeClause)
	}
	if n == 0 && p.prevA >= 0 && p.prevB <= a && !(p.dismissedAt >= p.prevA && p.dismissedAt < p.prevB) &&
		!p.awaitedPartyIn(p.sentTargets, n0) {
		// "… without it": the clause before, unless a rule read it as no wait
		// ("Aditi needs the build from me, I'll cut it once consent ships"),
		// or the sentence named whom it waits on already ("on legal (Miriam)
		// to confirm what we share with Corvid, i.e. the addendum").
		n, topic = p.addTargets(p.prevA, p.prevB, p.prevA, scopeClause)
	}
	if n >= 0 && !p.partyIn(n0) && !p.partyAmong(a, max(b, p.sentB)) && (p.partyPronoun(p.sentA, b) || p.ownerless(n0) && p.askedBefore(a)) &&
		p.antecedent(a, n0) {
		// The pronoun may stand in a clause before the cue's. With no pronoun,
		// an answer nobody owns comes from whom the author asked just before:
		// "Sent Della a list of questions — once I get answers, …".
		// "Sent the DPA to legal. Waiting on their review.": the pronoun is
		// the party named just before, and the review is theirs. Not when the
		// sentence names its own party later: "Sent Raj the mocks. Copy from
		// product is still pending" waits on product, not on Raj.
		n = len(p.targets) - n0
	}
	if n >= 0 && !p.partyIn(n0) && p.ownerless(n0) && p.outcomeOf(a, b, from, n0) {
		n = len(p.targets) - n0 // "Started the pen test. Waiting on results."
	}
	if m := len(p.targets); n >= 0 && !p.partyIn(n0) && p.fromAfterAside(b) {
		p.thingsOfParties(n0, m) // "Need approval on the mockup (v3) from Ines"
		n = len(p.targets) - n0
	}
	if n >= 0 && !p.partyIn(n0) {
		if m := p.asked(); m >= 0 && m < a {
			// "<@U1> any chance to look at it? … the last item we're
			// waiting on": the report asks the person it opens with.
			p.note("target:asked", m, m+1)
			p.addPerson(p.span(m, m+1), m, m+1, m+1)
			n = len(p.targets) - n0
		}
	}
	if n > 0 {
		p.thenParty(b) // "review from Rafe, then releng to land"
	}
	p.awaitAgain(n0)
	if n == 0 && !p.awaitedPartyIn(p.sentTargets, len(p.targets)) {
		p.wantTargets = true // not when another cue of the sentence named the party: "still pending legal"
	}
	if n < 0 {
		return
	}
	first := p.topic == ""
	t := p.blockTopic(own, a, b, from, sc)
	if first {
		p.topicFromCue = topic == ""
		p.topic = t
		p.wantTopic = p.topic == ""
	}
	p.topicPerTarget(n0, t)
	p.coordinated(a, b, from, t)
}

// coordinated reads a second awaited thing joined to the first by "and" in the
// cue's clause: "waiting on product for the pricing decision and the checkout
// spec" is two waits on product. It names the one party of the blocker again
// with the second thing as its topic, when the two are different things
// (unblock.TopicsAgree: "the mocks and the icons" stay one wait).
func (p *parser) coordinated(a, b, from int, t string) {
	if t == "" || len(p.named) == 0 {
		return
	}
	whom := -1
	for _, i := range p.named {
		if p.targets[i].Kind == unblock.TargetArtifact || i == whom {
			continue
		}
		if whom >= 0 {
			return // several parties: whose is the second thing?
		}
		whom = i
	}
	if whom < 0 {
		return
	}
	seen := false // an awaited thing before "and"
	for k := max(from, a); k < b; k++ {
		if p.artifactAt(k) {
			seen = true
			continue
		}
		if !seen || p.toks[k].low != "and" {
			continue
		}
		m := k + 1
		for m < b && p.toks[m].kind == tWord && p.toks[m].cls.has(cPureDet) {
			m++
		}
		if m >= b || p.toks[m].kind != tWord {
			return
		}
		end := m
		for end < b && end-m < 4 && p.toks[end].kind == tWord && !topicStop(&p.toks[end]) && p.targetLen(end, b) == 0 {
			end++
		}
		head := false // the phrase ends in an awaited thing: "the checkout spec"
		for j := m; j < end; j++ {
			head = p.artifactAt(j)
		}
		if !head {
			return
		}
		second := p.span(m, end)
		if strings.Contains(strings.ToLower(t), strings.ToLower(second)) || unblock.TopicsAgree(t, second) ||
			len(p.targets) >= maxTargets {
			return
		}
		if p.targets[whom].Topic == "" {
			p.targets[whom].Topic = t
		}
		tg := p.targets[whom]
		tg.Topic = second
		p.targets = append(p.targets, tg)
		return
	}
}

// topicPerTarget gives the targets the current blocker named its topic t,
// when it named one party at most (of several, it cannot tell whose it is). A
// target an earlier blocker of the report named with a topic that is another
// thing ("blocked on design for the settings page mocks • waiting on design for
// the onboarding illustrations") is a second wait on it: a second target of
// the same name with topic t. Whether two topics are one thing is the
// same-blocker rule's (unblock.TopicsAgree), so the store counts what the
// parser does.
func (p *parser) topicPerTarget(n0 int, t string) {
	if t == "" {
		return
	}
	whom := -1
	for _, i := range p.named {
		if p.targets[i].Kind == unblock.TargetArtifact || i == whom {
			continue
		}
		if whom >= 0 {
			return // "on legal for the DPA and on Samir for the review": whose topic is it?
		}
		whom = i
	}
	for _, i := range p.named {
		if i >= n0 {
			if p.targets[i].Topic == "" {
				p.targets[i].Topic = t
			}
			continue
		}
		if i < p.blockFrom {
			continue // named by a resolution
		}
		if i >= p.sentTargets && p.namedOnce(p.targets[i].Name) {
			// Two cues of a sentence on its one mention: "on hold until the
			// DBA is back", "Until we get GC to add money, the kitchen is on
			// hold" are one wait. A target an earlier sentence or bullet
			// named is not this sentence's mention.
			if p.targets[i].Topic == "" {
				p.targets[i].Topic = t
			}
			continue
		}
		prev := p.targets[i].Topic
		if prev == "" {
			prev = p.topic
		}
		if prev == "" || strings.EqualFold(prev, t) || unblock.TopicsAgree(prev, t) || len(p.targets) >= maxTargets {
			continue
		}
		second := p.targets[i]
		second.Topic = t
		if p.waitNamed(second) {
			continue // the target named twice in one blocker: one second wait
		}
		p.targets = append(p.targets, second)
		p.dropArtifactsIn(n0, t)
	}
}

// namedOnce reports whether the current sentence names name (by its last
// word) once at most: two cues of a clause that name a party named once name
// it from the same words.
func (p *parser) namedOnce(name string) bool {
	last := name[strings.LastIndexByte(name, ' ')+1:]
	n := 0
	for k := p.sentA; k < p.sentB && k < len(p.toks); k++ {
		if strings.EqualFold(p.span(k, k+1), last) {
			n++
		}
	}
	return n <= 1
}

// waitNamed reports whether a target of t's kind and name already waits on
// t's topic.
func (p *parser) waitNamed(t unblock.Target) bool {
	for _, u := range p.targets {
		if u.Kind == t.Kind && strings.EqualFold(u.Name, t.Name) && strings.EqualFold(u.Topic, t.Topic) {
			return true
		}
	}
	return false
}

// dropArtifactsIn removes the awaited things from n0 on that topic t names: the
// second wait on a target says them ("the onboarding illustrations"), so they
// are not a wait of their own.
func (p *parser) dropArtifactsIn(n0 int, t string) {
	low := strings.ToLower(t)
	k := n0
	for _, tg := range p.targets[n0:] {
		if tg.Kind == unblock.TargetArtifact && tg.Topic == "" && strings.Contains(low, strings.ToLower(tg.Name)) {
			continue
		}
		p.targets[k] = tg
		k++
	}
	p.targets = p.targets[:k]
}

// addressedParty names whom a wait is put to when it names no party: a report
// addressed to one mention that speaks to "you" ("<@U1> can you look at this
// pending PR?", "<@U1> we need your input", "<@U1> this PR is blocked because
// you requested changes") waits on that person.
func (p *parser) addressedParty() {
	voc := -1
	if p.firstMention < 0 {
		if voc = p.vocative(); voc < 0 {
			return
		}
	}
	your := p.onlyThingsAwaited() && p.hasWord(0, len(p.toks), "your")
	if !p.waitNamesNoParty() && !your {
		return // "still waiting on your numbers": whose the numbers are, said
	}
	m, you := voc, false
	youHere, thanksHere := false, false // in the sentence being read
	for k := range p.toks {
		t := &p.toks[k]
		switch {
		case t.kind == tMention:
			if m >= 0 && p.toks[m].low != t.low {
				return // more than one person: which is meant is not said
			}
			m = k
		case t.kind == tWord && (t.cls.has(cReader) || t.low == "your"):
			youHere = true
		case t.kind == tWord && t.cls.has(cThanksWord):
			thanksHere = true // "thanks, you rock" speaks to them about nothing awaited
		}
		if sentenceEnd(t) || k == len(p.toks)-1 {
			you = you || youHere && !thanksHere
			youHere, thanksHere = false, false
		}
	}
	if m < 0 || !you {
		return
	}
	p.note("addressed-party", m, m+1)
	name := p.span(m, m+1)
	if e, n := p.match(m); n == 1 && e.class == classPerson && e.name != "" {
		name = e.name
	}
	p.addTarget(unblock.Target{Kind: unblock.TargetPerson, Name: name})
}

// onlyThingsAwaited reports whether the statement is blocked on things alone,
// whoever owns them.
func (p *parser) onlyThingsAwaited() bool {
	if !p.blocked || p.resolved {
		return false
	}
	for _, t := range p.targets {
		if t.Kind != unblock.TargetArtifact {
			return false
		}
	}
	return true
}

// vocative returns where a message opens by naming whom it speaks to, a
// person's name and a comma after a greeting or none ("Aoife, we still need
// your final page count", "Hi Mark, any update?"), or -1.
func (p *parser) vocative() int {
	k := 0
	if len(p.toks) > 0 && p.toks[0].kind == tWord && p.toks[0].cls.has(cFiller) { // "Hi", "Hey"
		k++
	}
	if k+1 >= len(p.toks) || p.toks[k+1].kind != tPunct || p.toks[k+1].punct != ',' {
		return -1
	}
	if e, n := p.match(k); n == 1 && e.class == classPerson || p.givenName(k) {
		return k
	}
	return -1
}

// waitNamesNoParty reports whether the report is a wait (and no arrival) whose
// targets are only things with no owner but a guessed engineering one: no
// party is named, and no owner ("the DPA": legal) says whom it waits on.
func (p *parser) waitNamesNoParty() bool {
	if !p.blocked || p.resolved {
		return false
	}
	for _, t := range p.targets {
		if t.Kind != unblock.TargetArtifact || t.Role != "" && t.Role != unblock.RoleEngineering {
			return false
		}
	}
	return true
}

// pronounParty names whom a wait's "his" or "her" refers to when the report
// names one person before it, as the one the author reached, and the wait
// names no party: "Followed up with Pete about #202. Waiting for his
// response." waits on Pete.
func (p *parser) pronounParty() {
	if !p.waitNamesNoParty() {
		return
	}
	person := -1
	for k := range p.toks {
		t := &p.toks[k]
		if t.kind == tWord && (t.low == "his" || t.low == "her") {
			if person < 0 || k+1 >= len(p.toks) || !(p.toks[k+1].cls.has(cResponseNoun) || p.artifactAt(k+1)) {
				return
			}
			p.note("pronoun-party", person, person+1)
			p.addTarget(unblock.Target{Kind: unblock.TargetPerson, Name: p.span(person, person+1)})
			return
		}
		if t.kind == tMention || t.kind == tWord && t.capital && k > 0 && !t.lineStart && p.givenName(k) {
			if person >= 0 && p.toks[person].low != t.low {
				return // two people: which one is meant is not said
			}
			// The one the author reached: "followed up with Pete", "pinged
			// <@U1>"; "Dale has e-mailed the attorney … her response" is not Dale's.
			if pw := p.word(k-1, 0, len(p.toks)); pw == "with" || pw == "to" || pw == "from" || pw == "on" ||
				k > 0 && p.toks[k-1].cls.has(cRequestAct) {
				person = k
			} else {
				return
			}
		}
	}
}

// thingSenses reads a role word that also names a thing (lexicon class
// thing-sense: "board") as the thing when the report tells of things arriving
// (class physical-arrival: "the boards arrived", "received new board",
// "waiting for the new boards to arrive"): hardware, not the board of
// directors. A role word that also names a document (class document-sense:
// "PO") is the document when the report names another party: "waiting on
// Omar for the PO" awaits a purchase order, not the product owner.
func (p *parser) thingSenses() {
	for i := range p.targets {
		t := &p.targets[i]
		if t.Kind != unblock.TargetRole && !(t.Kind == unblock.TargetArtifact && t.Role == unblock.RoleLeadership) {
			continue
		}
		last := strings.ToLower(t.Name[strings.LastIndexByte(t.Name, ' ')+1:])
		cls := &p.lex.words[p.lex.id(last)].cls
		if !(cls.has(cThingSense) && p.arrivesNear(last) || cls.has(cDocumentSense) && (p.otherParty(i) || p.toldPassive(last))) {
			continue
		}
		p.note("thing-sense", -1, -1)
		t.Kind, t.Role = unblock.TargetArtifact, ""
	}
}

// otherParty reports whether the report names a party besides target i.
func (p *parser) otherParty(i int) bool {
	for j, t := range p.targets {
		if j != i && t.Kind != unblock.TargetArtifact {
			return true
		}
	}
	return false
}

// toldPassive reports whether w is told done to in the passive: "PO still not
// approved", "the PO hasn't been signed", or in a state only a document is in
// ("PO still pending", "PO drafted"; lexicon class document-tell): a
// document, which a person is not.
func (p *parser) toldPassive(w string) bool {
	for k := range p.toks {
		if p.toks[k].low != w {
			continue
		}
		for m := k + 1; m < len(p.toks) && m <= k+5; m++ {
			t := &p.toks[m]
			if t.kind != tWord {
				break
			}
			if t.cls.has(cArrivalVerb) && strings.HasSuffix(t.low, "ed") || t.cls.has(cDocumentTell) {
				if m == k+1 && m+1 < len(p.toks) && p.toks[m+1].kind == tWord && p.toks[m+1].cls.has(cDet) {
					break // "the PO approved the spec": the product owner acted
				}
				return true // "PO still pending", "PO drafted", "the PO number"
			}
			if !(t.cls.has(cBe) || isNegator(t) || t.low == "been" || t.low == "still" || t.low == "yet" || t.cls.has(cPerfectAux)) {
				break
			}
		}
	}
	return false
}

// arrivesNear reports whether a word telling of a thing arriving (class
// physical-arrival) stands within four words of w: "received new board",
// "the boards arrived", not "the SoW was received … approval by the board".
func (p *parser) arrivesNear(w string) bool {
	for k := range p.toks {
		if p.toks[k].low != w {
			continue
		}
		for m := max(0, k-4); m < min(len(p.toks), k+5); m++ {
			if p.toks[m].kind == tWord && p.toks[m].cls.has(cPhysicalArrival) {
				return true
			}
		}
	}
	return false
}

// targetTopics keeps the targets' own topics only when they tell waits apart:
// when every target's topic is the statement's, the statement's topic says it.
func (p *parser) targetTopics() {
	for i, t := range p.targets {
		if t.Kind == unblock.TargetArtifact && t.Topic == t.Name || p.topic != "" && t.Topic != "" && p.emptyWord(t.Topic) {
			p.targets[i].Topic = "" // an awaited thing is its own topic; "ETA" says none
		}
	}
	distinct := false
	for _, t := range p.targets {
		distinct = distinct || t.Topic != "" && t.Topic != p.topic
	}
	if !distinct {
		for i := range p.targets {
			p.targets[i].Topic = ""
		}
	}
}

// resolve records a resolution found in toks[a:b]. A resolution that comes
// after a blocker and names nothing else clears it ("blocked on the spec …
// spec landed, proceeding"); one that names something else leaves it open.
func (p *parser) resolve(a, b int) { p.resolveIn(a, b, a, b) }

// resolveIn is resolve with the cleared thing named in toks[lo:hi].
func (p *parser) resolveIn(a, b, lo, hi int) {
	if p.question {
		return // "Is the design complete?" asks; it does not report
	}
	p.resolutions++
	n0 := len(p.targets)
	hi = p.waitGoesOn(lo, hi)
	_, topic := p.addTargets(lo, hi, lo, scopeClause)
	if p.resolvedTopic == "" {
		p.resolvedTopic = topic
	}
	p.markResolved(n0, topic)
	p.resolved = true
	if !p.blocked {
		return
	}
	res := p.targets[n0:]
	if len(res) == 0 && p.othersNamed(lo, hi) {
		return // "awaiting responses from KMA. Received responses from others.": KMA's is still awaited
	}
	if len(res) == 0 || p.blockFrom >= n0 || overlaps(res, p.targets[p.blockFrom:n0]) {
		p.blocked = false
		p.topic = ""
		p.wantTargets = false
		p.markResolved(p.blockFrom, "") // the blocker it cleared: "blocked on the spec … spec landed"
	}
}

// othersNamed reports whether toks[lo:hi] say what came is from others than
// the party awaited: "from others", "from the rest", "from everyone else".
func (p *parser) othersNamed(lo, hi int) bool {
	for j := lo; j < hi; j++ {
		if w := p.toks[j].low; p.toks[j].kind == tWord && (w == "others" || w == "rest" || w == "else") {
			return true
		}
	}
	return false
}

// waitGoesOn returns where, in toks[lo:hi], the words of what arrived end
// and a wait that goes on begins: "got the mocks from design | and still
// waiting on legal", "received the keys | while still waiting on IT". Else hi.
func (p *parser) waitGoesOn(lo, hi int) int {
	toks := p.toks
	for j := lo + 1; j < hi; j++ {
		if toks[j].kind != tWord || !toks[j].cls.has(cWaitGoesOn) {
			continue
		}
		m := j
		for m < hi && m-j < 4 && toks[m].kind == tWord && (toks[m].cls.has(cWaitGoesOn) ||
			toks[m].cls.has(cFirstPerson) || toks[m].cls.has(cFirstPersonContraction) || toks[m].cls.has(cBe)) {
			m++
		}
		if m < hi && toks[m].kind == tWord && m > j {
			switch toks[m].cue {
			case blockFamily, waitFamily, pendingFamily:
				p.note("wait-goes-on", j, m+1)
				return j
			}
		}
	}
	return hi
}

// markResolved marks the targets from n0 on as what cleared, with topic the
// thing that came from a party ("got the mocks from design": design, "mocks").
// The marks (unblock.Target.Resolved) tell what cleared from what is still
// awaited when a report says both; parse drops them from every other.
func (p *parser) markResolved(n0 int, topic string) {
	for i := n0; i < len(p.targets); i++ {
		t := &p.targets[i]
		if !t.Resolved && topic != "" && t.Topic == "" && t.Kind != unblock.TargetArtifact {
			t.Topic = topic
		}
		t.Resolved = true
	}
}

// awaitAgain makes the targets the current blocker named from n0 on awaited: a
// new one loses the resolution's mark; one a resolution of the report named
// before ("got the mocks from design, still waiting on design for the icons")
// stays what cleared, and the blocker names it again as a wait of its own.
func (p *parser) awaitAgain(n0 int) {
	m := len(p.targets) // the copies made here start at m
	for k, i := range p.named {
		switch {
		case i >= n0:
			p.targets[i].Resolved = false
		case p.targets[i].Resolved:
			t := p.targets[i]
			t.Resolved, t.Topic = false, ""
			j := m
			for j < len(p.targets) && !(p.targets[j].Kind == t.Kind && p.targets[j].Name == t.Name) {
				j++
			}
			if j == len(p.targets) {
				if len(p.targets) >= maxTargets {
					continue
				}
				p.targets = append(p.targets, t) // named again in this blocker: one copy
			}
			p.named[k] = j
		}
	}
	for i := n0; i < len(p.targets); i++ {
		p.targets[i].Resolved = false
	}
}

// settleResolved keeps the marks of what cleared only in a report that is both
// blocked and resolved; elsewhere every target is what is awaited, or every
// one what cleared, and a mark would say nothing.
func (p *parser) settleResolved() {
	if p.blocked && p.resolved && (p.partialDelivery() || p.unfitArrival()) {
		return
	}
	if p.blocked && p.resolved {
		return
	}
	for i := range p.targets {
		if p.targets[i].Resolved {
			p.targets[i].Resolved = false
			if p.targets[i].Kind != unblock.TargetArtifact {
				p.targets[i].Topic = ""
			}
		}
	}
}

// partialDelivery reads a report in which a party both delivered and is still
// awaited ("got 3 of the 5 onboarding illustrations from Femi, still waiting
// on the last two from him") as the one wait going on: part came, the rest is
// awaited, and nothing cleared. It reports whether it did.
func (p *parser) partialDelivery() bool {
	partial := false
	for _, t := range p.targets {
		if !t.Resolved || t.Kind == unblock.TargetArtifact {
			continue
		}
		for _, u := range p.targets {
			topic := u.Topic
			if topic == "" {
				topic = p.topic
			}
			// The same thing, said as what is left ("the last two"): not "got the
			// API keys from ops, still waiting on ops for the VPN".
			partial = partial || !u.Resolved && u.Kind == t.Kind && strings.EqualFold(u.Name, t.Name) &&
				p.remainder(topic)
		}
	}
	if !partial {
		return false
	}
	p.note("partial-delivery", -1, -1)
	p.targets = slices.DeleteFunc(p.targets, func(t unblock.Target) bool { return t.Resolved })
	p.resolved, p.resolvedTopic = false, ""
	return true
}

// unfitArrival reads a report in which what came is unfit and the wait goes
// on ("AV quote arrived Friday but it is 40k over budget, asked Lumen for a
// revised one. So still waiting."): a "but" after the arrival opens a clause
// that says what is wrong with it (lexicon class unfit-word). Nothing cleared.
func (p *parser) unfitArrival() bool {
	toks := p.toks
	for k := 1; k+1 < len(toks); k++ {
		if toks[k].kind != tWord || toks[k].low != "but" {
			continue
		}
		for j := k + 1; j < len(toks) && j <= k+8; j++ {
			if t := &toks[j]; t.kind == tPunct && t.punct != ',' || t.kind == tBreak {
				break
			}
			if toks[j].kind == tWord && toks[j].cls.has(cUnfitWord) {
				p.note("unfit-arrival", k, j+1)
				p.targets = slices.DeleteFunc(p.targets, func(t unblock.Target) bool { return t.Resolved })
				p.resolved, p.resolvedTopic = false, ""
				return true
			}
		}
	}
	return false
}

// remainder reports whether topic names what is left of a thing: "the last
// two", "the rest", "the remaining parts" (lexicon class remainder-word).
func (p *parser) remainder(topic string) bool {
	for _, w := range strings.Fields(strings.ToLower(topic)) {
		if p.lex.words[p.lex.id(w)].cls.has(cRemainderWord) {
			return true
		}
	}
	return false
}

func overlaps(x, y []unblock.Target) bool {
	for _, s := range x {
		for _, t := range y {
			if strings.EqualFold(s.Name, t.Name) || s.Role != "" && s.Role == t.Role {
				return true
			}
		}
	}
	return false
}

// addTarget appends t unless an equal target is already there.
func (p *parser) addTarget(t unblock.Target) bool {
	if len(p.targets) >= maxTargets {
		return false
	}
	for i, u := range p.targets {
		if u.Kind == t.Kind && strings.EqualFold(u.Name, t.Name) {
			p.named = append(p.named, i)
			return false
		}
	}
	p.named = append(p.named, len(p.targets))
	p.targets = append(p.targets, t)
	return true
}

// span returns the original text of toks[i:j].
func (p *parser) span(i, j int) string {
	return p.text[p.toks[i].start:p.toks[j-1].end]
}

// targetAt reports how many tokens a target starting at k spans (0 when none):
// a mention, a known person, team, role or organisation, or a capitalised name.
func (p *parser) targetAt(k, b int) int {
	t := &p.toks[k]
	switch t.kind {
	case tMention, tGroup:
		return 1
	case tWord:
		if e, n := p.match(k); n > 0 && e.class != classArtifact {
			return n
		}
		if qaWord(t.low) {
			return 1
		}
		if t.capital && !t.cls.has(cCommonCapital) && !t.quoted {
			return 1
		}
		if t.cls.has(cPartyNoun) {
			return 1
		}
	}
	return 0
}

// modifierRole is a role target read from a role word that opens a noun
// phrase, toks[k:end]: "data" in "the data retention copy".
type modifierRole struct{ target, k, end int }

// thingsNotParties makes the role targets of mods things when the blocker
// names another party: "waiting on <@U3> for the data retention copy" waits on
// the person for the copy, not on the data role as well (the store opens a
// blocker a party, so one wait would count twice). Alone, a role word stays
// whom the thing is awaited from: "waiting on the infra cost estimate".
func (p *parser) thingsNotParties(n0 int, mods []modifierRole) {
	if len(mods) == 0 {
		return
	}
	other := false
	from := n0
	if p.blocked && p.blockFrom < from && p.blockClause == p.clauseNo {
		// "need <@U1> to get me Brixworth's SAML metadata": the party asked,
		// named before the object in the same clause.
		from = max(p.blockFrom, p.clauseN0)
	}
	for i := from; i < len(p.targets) && !other; i++ {
		if p.targets[i].Kind == unblock.TargetArtifact {
			continue
		}
		other = true
		for _, m := range mods {
			if m.target == i {
				other = false
			}
		}
	}
	if !other {
		return
	}
	for _, m := range mods {
		t := &p.targets[m.target]
		t.Kind, t.Name = unblock.TargetArtifact, p.span(m.k, m.end)
	}
	p.note("target:thing-of-role", mods[0].k, mods[0].end)
}

// nounAfter reports whether the word at j goes on the noun phrase a party word
// before it opens, so that the party word may only say whose the thing is:
// "the data retention copy", "the infra cost estimate". A word that names
// people or a team ("design folks", "the legal team"), a time ("legal today"),
// a cue, a verb in -ing or -ed, a name or a stop word ends the party instead.
func (p *parser) nounAfter(j, hi int) bool {
	if j >= hi || j >= len(p.toks) {
		return false
	}
	t := &p.toks[j]
	if !isModifier(t) || t.cue != 0 && !t.cls.has(cApprovalWord) && !t.cls.has(cDecisionNoun) || t.capital && !t.acronym ||
		isNumberLike(t.low) || strings.HasSuffix(t.low, "ing") || strings.HasSuffix(t.low, "ed") || strings.ContainsAny(t.low, "'’") {
		return false
	}
	for _, c := range [...]classID{cTimeWord, cTeamSuffix, cPeopleSuffix, cPersonNoun, cTeamNoun, cFunctionWord, cPartyNoun} {
		if t.cls.has(c) {
			return false
		}
	}
	if e, n := p.match(j); n > 0 && e.class != classArtifact {
		return false // "the app store Dana": another party
	}
	return true
}

// askedOfName returns where the capitalised name opening the thing's phrase
// toks[s:end] ends (s when none does) when the phrase ends in an answer a party
// gives ("Helix SOW sign-off", "Acme contract signature"): words the lexicon
// does not know, before the thing's first known word at k. "Figma mocks" is a
// tool's, and asks nobody.
func (p *parser) askedOfName(s, k, end int) int {
	if end-1 < 0 || end > len(p.toks) {
		return s
	}
	head := &p.toks[end-1]
	if head.capital && !head.acronym {
		return s // "Important Update", "Community Updates": a title in capitals
	}
	if !head.cls.has(cApprovalNoun) && !head.cls.has(cApprovalWord) && !head.cls.has(cResponseNoun) {
		return s
	}
	if head.cls.has(cAccessNoun) && !head.cls.has(cApprovalNoun) && !head.cls.has(cApprovalWord) {
		return s // "no LaunchDarkly access yet": the tool the access is to, not who gives it
	}
	m := s
	for m < k && m-s < 3 {
		t := &p.toks[m]
		if t.kind != tWord || !t.capital || t.acronym || t.cue != 0 || t.cls.has(cCommonCapital) || t.cls.has(cTimeWord) || t.cls.has(cStop) ||
			t.cls.has(cDet) || t.cls.has(cFunctionWord) || strings.ContainsAny(t.low, "-0123456789") {
			break // initials have their own reading ("CAB approval"), and "Under review" names nobody
		}
		if _, n := p.match(m); n > 0 {
			break
		}
		m++
	}
	if m != k {
		return s
	}
	for j := m; j < end; j++ {
		if r := unblock.Role(p.toks[j].low); r.IsBuiltin() && r != unblock.RoleCustomer && r != unblock.RoleVendor {
			return s // "T&Cs legal review": the answer names its owner; the name is what it is about
		}
	}
	if w := p.word(end, end, p.sentB); (w == "from" || w == "by") && end+1 < p.sentB && p.targetAt(end+1, p.sentB) > 0 {
		return s // "Paywall estimate from Oisín": whom it is awaited from is said; the name is the thing's
	}
	return m // the whole modifier is the name
}

// thingAfterInitials reports whether the word at j, after a name in initials,
// is a noun that the initials only modify: "EMC results", "BOM pricing". An
// answer a body gives ("CAB approval", "IRB review", "ARB decision") makes the
// initials the body asked, and so does the place of a party ("hear from ITS
// services") or a thing that names its owner ("LF legal review").
func (p *parser) thingAfterInitials(j, hi int) bool {
	if j >= hi || j >= len(p.toks) {
		return false
	}
	if j-2 >= 0 && p.toks[j-2].kind == tWord && p.toks[j-2].cls.has(cSourcePrep) {
		return false
	}
	if e, n := p.match(j); n > 0 && (e.class != classArtifact || e.role != "") {
		return false
	}
	t := &p.toks[j]
	// A word in -ing with no object after it is a noun here: "BOM pricing",
	// "EMC testing"; "ACME shipping the parts" is the party's act.
	gerund := t.kind == tWord && strings.HasSuffix(t.low, "ing") && !t.capital && t.cue == 0 &&
		(j+1 >= hi || p.toks[j+1].kind != tWord || !p.toks[j+1].cls.has(cObjectStart))
	if !p.nounAfter(j, hi) && !p.artifactAt(j) && !gerund {
		return false
	}
	return !t.capital && !t.cls.has(cApprovalNoun) && !t.cls.has(cApprovalWord) && !t.cls.has(cResponseNoun) &&
		!t.cls.has(cDecisionNoun)
}

// surnameAt reports whether the word at j, after a person's given name, is a
// capitalised word that names nothing else the lexicon knows: their surname.
func (p *parser) surnameAt(j, hi int) bool {
	if j >= hi || j >= len(p.toks) {
		return false
	}
	t := &p.toks[j]
	if t.kind != tWord || !t.capital || t.acronym || t.lineStart || t.cls.has(cCommonCapital) || t.cls.has(cTimeWord) {
		return false
	}
	_, n := p.match(j)
	return n == 0
}

// nounEnd returns where the noun phrase that goes on at j ends: after at most
// three more words that go on it.
func (p *parser) nounEnd(j, hi int) int {
	end := j
	for end < hi && end-j < 3 && p.nounAfter(end, hi) {
		end++
	}
	return end
}

// qaWord reports whether w is a QA word the lexicon cannot list: "QAed", "QA'd", "QASP".
func qaWord(w string) bool {
	return len(w) >= 2 && len(w) <= 6 && (strings.HasPrefix(w, "qa") || strings.HasPrefix(w, "qc")) &&
		w != "qatar"
}

// addTargets finds the targets in the scope of a cue and appends them. It
// returns how many it found and the awaited thing's phrase for the topic.
func (p *parser) addTargets(a, b, from int, sc scope) (int, string) {
	lo, hi := a, b
	switch sc {
	case scopeAfter:
		lo = from
	case scopeBefore:
		hi = from
	}
	if lo < a {
		lo = a
	}
	toks := p.toks
	n0 := len(p.targets)
	named0 := len(p.named)
	p.art = phrase{}
	var best unblock.Role
	bestStrength := uint8(0)
	artifact := ""
	artifactSeen := false
	bestArtifact := ""
	bestByName := false // best comes from a party's name before the thing: "the Corvid addendum"
	ownedEnd := -1      // where the last awaited thing that names its owner ends ("legal approval")
	if sc == scopeAfter {
		// "blocked on the keys so I'm writing docs": what follows a
		// consequence "so <subject>" is what the author does meanwhile.
		for k := lo; k+1 < hi; k++ {
			if toks[k].kind == tWord && toks[k].low == "so" && toks[k+1].kind == tWord &&
				(toks[k+1].cls.has(cFirstPerson) || toks[k+1].cls.has(cFirstPersonContraction) || toks[k+1].cls.has(cSubject)) {
				hi = k
				break
			}
		}
	}
	for k := lo + 1; k+1 < hi; k++ {
		if toks[k].kind == tWord && p.relativeWait(k, hi) {
			// "waiting on Fiona who's waiting on data": what the party named
			// waits on is their wait, no party of the author's.
			hi = k
			break
		}
	}
	for k := lo + 1; k+1 < hi; k++ {
		if toks[k].kind == tPunct && toks[k].punct == ',' && p.ownGerundOpening(k+1) {
			// "still no approval for the new body, borrowing Maeve's for now":
			// what the author does meanwhile names no party of the wait.
			hi = k
			break
		}
	}
	for k := lo + 1; k < hi; k++ {
		if toks[k].kind == tWord && toks[k].low == "before" && (p.gate(k) || p.nextStepOf(k+1, hi) || p.thingMovesOn(k+1, hi)) {
			// "the estimate from Tomás before I can send it to Harbor": what
			// follows the gate on the author's work is their own next step.
			hi = k
			break
		}
	}
	// The one kept waiting is no target: "QA is blocked until staging is fixed".
	subjA, subjB := p.waitingSubject(lo, hi)
	var mods [4]modifierRole // role words that open a noun phrase: "the data retention copy"
	nMods := 0
	seen := len(p.targets)    // targets added before k: one added since ended right before k
	partyEnd := -1            // where the party named last ends ("on legal (Miriam)")
	task := false             // within what that party is asked to do: "on legal to confirm … with Corvid"
	namedSeen := len(p.named) // parties named (new or again) before k: one named since ended right before k
	for k := lo; k < hi; k++ {
		if len(p.named) != namedSeen && p.targets[p.named[len(p.named)-1]].Kind != unblock.TargetArtifact {
			namedSeen = len(p.named)
			partyEnd = k
			if p.word(k, lo, hi) == "'s" && (p.wordIs(k+1, lo, hi, cApprovalWord) || p.wordIs(k+1, lo, hi, cDecisionNoun)) {
				ownedEnd = k + 2 // "Andrea's ok for the Corvid paid tier": what her answer is for (forWhom)
			}
		}
		if !task && p.purposeAfterParty(k, hi, n0) {
			// "the legal OK from Gráinne for naming the director", "waiting on
			// Sam for booking the venue with the client": what the author
			// wants it for, once whom it is awaited from is named.
			p.note("target:purpose", k, k+2)
			task = true
			k++
			continue
		}
		if task {
			if p.taskEnds(k, hi) {
				task = false
			} else if n := p.targetAt(k, hi); n > 0 {
				if e, m := p.match(k); m > 0 && e.class == classRole && best == "" {
					best = e.role // "waiting for another team to sort the infrastructure out": what the team is asked for
				}
				k += n - 1
				continue // the party's own counterpart or client: their wait, not the author's
			}
		} else if k == partyEnd && p.partysTask(k, hi) {
			p.note("target:partys-task", k, k+2)
			task = true
			k++
			continue
		}
		if just := len(p.targets) != seen; just || len(p.targets) > n0 {
			// "waiting on Redline (our pentest vendor)", "design (Chloe)",
			// "the Intacct keys (partner ticket #88213)": what the brackets
			// say of the target just named, or of a thing once a target is
			// named, is no target of its own.
			seen = len(p.targets)
			i := -1
			if just {
				i = seen - 1
			}
			if close := p.apposition(i, k, hi); close > k {
				if partyEnd == k {
					partyEnd = close + 1 // "on legal (Miriam) to confirm": the bracket names the party
				}
				k = close
				continue
			}
		}
		if ownedEnd >= 0 && p.forWhom(k, ownedEnd) {
			// "legal approval for the new vendor", "design review for the
			// customer portal": whom the owned thing is for, not who owes it.
			k += max(p.targetAt(k, hi), 1) - 1
			continue
		}
		if k >= subjA && k < subjB && p.partyWord(k, a, hi) {
			continue
		}
		t := &toks[k]
		switch t.kind {
		case tMention:
			k = p.addPerson(p.span(k, k+1), k, k+1, hi) - 1
			continue
		case tGroup:
			p.addGroup(k)
			continue
		case tWord:
		default:
			continue
		}
		if t.quoted {
			continue
		}
		if t.cls.has(cHoldingPlace) && p.heldAt(k, lo) {
			continue // "T1 samples still in customs": where the thing is held, no party
		}
		if end := p.honorificEnd(k, hi); end > k {
			p.note("target:honorific", k, end)
			k = p.addPerson(p.titledName(k, end), k, end, hi) - 1
			continue
		}
		if e, n := p.match(k); n > 0 {
			if e.class != classPerson && p.aboutOpening(k) {
				k += n - 1
				continue // "Re the Halden addendum: …": what the message is about
			}
			if e.class == classRole && k > 1 && p.toks[k-1].kind == tWord && (allDigits(p.toks[k-1].low) || p.toks[k-1].cls.has(cNumberWord)) &&
				p.toks[k-2].kind == tWord && (p.toks[k-2].cue == needFamily || p.toks[k-2].cls.has(cFutureReceive)) {
				// "need 8 customers for the onboarding interviews", "two more
				// engineers": people counted are what is needed, not whom it is from.
				p.note("target:counted-people", k-1, k+n)
				k += n - 1
				continue
			}
			if e.class != classPerson && p.forPartysAct(k, n, hi) {
				// "export the logs for the bank's review": whom the thing is
				// for, not whom the author waits on.
				p.note("target:for-partys-act", k, k+n+2)
				k += n
				continue
			}
			if (e.class == classRole || e.class == classTeam) && p.othersOffice(k) {
				// "their head of partnerships", "their PKI team": an office of
				// the party named before, which the pronoun's party is.
				p.note("target:their-office", k-1, k+n)
				k += n - 1
				continue
			}
			if e.class == classRole && n == 1 && p.personsSuperior(k, lo) {
				// "escalated to Bart's manager", "Li Wei's boss": the person's
				// line, who answers for them; the wait stays on them.
				p.note("target:persons-superior", k-2, k+1)
				continue
			}
			if e.class != classPerson && e.class != classArtifact && p.officeOfExternal(k, lo) {
				// "Halden's IT needs to allowlist our IPs": the client's own
				// office is the client, one party.
				p.note("target:office-of-external", k-2, k+n)
				k += n - 1
				continue
			}
			switch e.class {
			case classPerson:
				name := e.name
				if name == "" {
					name = p.span(k, k+n)
				}
				end := k + n
				if n == 1 && p.surnameAt(end, hi) {
					// "Mei Chen" for the directory's Mei Lin (a name from
					// before a rename, a nickname's surname): one person,
					// not Mei and a second one named Chen.
					end++
				}
				k = p.addPerson(name, k, end, hi) - 1
				continue
			case classTeam:
				if e.role == "" {
					// A body the lexicon knows to own no role ("finance",
					// "procurement") keeps none, whatever it is asked for.
					p.roleless = append(p.roleless, p.span(k, k+n))
				}
				p.addTarget(unblock.Target{Kind: unblock.TargetTeam, Name: p.span(k, k+n), Role: e.role})
				k += n - 1
				continue
			case classExternal:
				after := k + n
				if p.word(after, lo, hi) == "'s" {
					after++ // "need <@U1> to get me Brixworth's SAML metadata": whose the thing is
				}
				possessed := after > k+n && after < hi && toks[after].kind == tWord && !p.isParty(after, hi) && !p.givenName(after) &&
					!toks[after].cls.has(cFunctionWord) && !toks[after].cls.has(cTeamNoun) && !toks[after].cls.has(cStop)
				if p.addTarget(unblock.Target{Kind: unblock.TargetExternal, Name: p.span(k, k+n), Role: e.role}) &&
					nMods < len(mods) && (p.nounAfter(after, hi) || possessed) {
					// "on legal for the Fennick contract amendment": the
					// client names the thing, when another party is named.
					end := p.nounEnd(after, hi)
					for possessed && end < hi && end < after+4 && toks[end].kind == tWord && !toks[end].cls.has(cStop) &&
						!p.isParty(end, hi) && toks[end].cue == 0 {
						end++ // "Brixworth's Okta SAML metadata": a name inside the thing goes on it
					}
					mods[nMods] = modifierRole{len(p.targets) - 1, k, end}
					nMods++
				}
				k += n - 1
				continue
			case classRole:
				if n == 1 && p.onIdiom(k) {
					continue // "get people on board": an idiom, no board of directors
				}
				if p.objectOfAct(k, lo) {
					continue // "finance to approve the PO": a thing acted on, no party
				}
				if n == 1 && p.softwareClient(k, lo) {
					continue // "the HTTP client times out": software, no customer
				}
				if n == 1 && toks[k].cls.has(cRoleThing) && partyEnd == k && !(toks[k].capital && !toks[k].lineStart) &&
					!p.wordIs(k+1, lo, hi, cTeamSuffix) && !p.wordIs(k+1, lo, hi, cTeamNoun) {
					// "still core data", "the Verdant stability data": the thing
					// of the party just named, no second party.
					p.note("target:partys-thing", k-1, k+1)
					continue
				}
				if n == 1 && p.roleWordAsHead(k, lo, hi) {
					// "their EHR data", "the checkout design": the thing, awaited
					// from that role, not the people named beside it as well.
					s := k
					if k-1 >= lo && toks[k-1].kind == tWord && isModifier(&toks[k-1]) && !toks[k-1].cls.has(cPureDet) && toks[k-1].cue == 0 {
						s = k - 1 // "their EHR data"
					}
					for s-1 >= lo && k-s < 3 && isModifier(&toks[s-1]) && !toks[s-1].cls.has(cPureDet) && toks[s-1].cue == 0 &&
						p.targetAt(s-1, hi) == 0 {
						s-- // "batch 3 data"
					}
					p.addTarget(unblock.Target{Kind: unblock.TargetArtifact, Name: p.span(s, k+1), Role: e.role})
					continue
				}
				if n == 1 && clientWord(t.low) {
					if e2, n2 := p.match(k + 1); n2 > 0 && e2.class == classRole && e2.role == unblock.RoleEngineering {
						// "client developers": the people who build the client.
						p.addTarget(unblock.Target{Kind: unblock.TargetRole, Name: p.span(k, k+1+n2), Role: e2.role})
						k += n2
						continue
					}
				}
				if end := p.personEnd(k+n, hi); end > k+n {
					// "our PM Dana": the person, with their function (addPerson)
					k = p.addPerson(p.personName(k+n, end), k+n, end, hi) - 1
					continue
				}
				if !p.artifactAt(k + n) {
					end, kind := k+n, unblock.TargetRole
					switch {
					case p.wordIs(end, lo, hi, cTeamSuffix):
						end, kind = end+1, unblock.TargetTeam
					case p.wordIs(end, lo, hi, cPeopleSuffix):
						end++
					}
					// An engineering word names the people only as a plural
					// ("the engineers", "the devs"), a team, or after a word that
					// introduces a party: "backend", "dev" alone are areas.
					// So does a phrase that ends in a group word: "the dev team".
					people := n == 1 && strings.HasSuffix(t.low, "s") || n > 1 && p.toks[k+n-1].cls.has(cTeamSuffix)
					if e.role != "" && (e.role != unblock.RoleEngineering || kind == unblock.TargetTeam || end > k+n || people ||
						p.wordIs(k-1, a, b, cNameIntro)) {
						if p.addTarget(unblock.Target{Kind: kind, Name: p.span(k, end), Role: e.role}) && end == k+n &&
							nMods < len(mods) && p.nounAfter(end, hi) {
							mods[nMods] = modifierRole{len(p.targets) - 1, k, p.nounEnd(end, hi)}
							nMods++
						}
					} else if kind == unblock.TargetTeam {
						p.addTarget(unblock.Target{Kind: kind, Name: p.span(k, end), Role: e.role})
					}
					k = end - 1
					continue
				}
			}
		}
		if t.cls.has(cTeamNoun) && t.capital && k+1 < hi && p.toks[k+1].kind == tWord &&
			p.toks[k+1].capital && !p.toks[k+1].cls.has(cCommonCapital) {
			// "Need API docs from Team X", "waiting on Squad Falcon": a team by name.
			p.addTarget(unblock.Target{Kind: unblock.TargetTeam, Name: p.span(k, k+2)})
			k++
			continue
		}
		if p.wordIs(k+1, lo, hi, cTeamNoun) && !t.cls.has(cStop) && (p.officeOfExternal(k, lo) || p.othersOffice(k)) {
			p.note("target:office-of-external", k-2, k+2)
			k++
			continue // "Northgate's credit committee": the outsider's own body is the outsider
		}
		if p.wordIs(k+1, lo, hi, cTeamNoun) && !t.cls.has(cStop) {
			// "the data team", "Legal Committee signoff": a body that names its
			// role keeps it, whatever it is asked for.
			var role unblock.Role
			if e, n := p.match(k); n == 2 && (e.class == classRole || e.class == classTeam) {
				role = e.role
			}
			p.addTarget(unblock.Target{Kind: unblock.TargetTeam, Name: p.span(k, k+2), Role: role})
			k++
			continue
		}
		if end := p.peopleEnd(k, hi); end > k && sc != scopeClause { // in the cue's own scope only
			// "feedback from other community members", "waiting for author
			// response", "approved by someone else": people not named.
			s := k
			for s-1 >= lo && k-s < 2 && isModifier(&toks[s-1]) && !toks[s-1].cls.has(cPureDet) && !p.artifactAt(s-1) &&
				!toks[s-1].cls.has(cNumberWord) && p.targetAt(s-1, hi) == 0 && !toks[s-1].cls.has(cNameIntro) {
				s--
			}
			p.note("target:unnamed-people", s, end)
			p.addPerson(p.span(s, end), s, end, hi)
			k = end - 1
			continue
		}
		if qaWord(t.low) && !p.artifactAt(k+1) {
			p.addTarget(unblock.Target{Kind: unblock.TargetRole, Name: p.span(k, k+1), Role: unblock.RoleQA})
			continue
		}
		if p.infinitive(k, hi) {
			continue // "need <@U1> to fix the pipeline": "fix" is the asked action; its object is awaited
		}
		if p.afterCan(k) {
			continue // "before I can go on": the author's own next step, not the awaited thing
		}
		if p.actOfParty(k, lo, hi) {
			if partyEnd == k {
				task = true // "until Denise gets the new regulator": what her act involves is hers
			}
			continue // "until Dana reviews the PR": what she does, not what is awaited
		}
		if e, n := p.match(k); n == 1 && e.class == classArtifact && t.capital && k > lo && (toks[k-1].low == "from" || toks[k-1].low == "by") &&
			!(k+1 < hi && toks[k+1].kind == tWord && p.artifactAt(k+1)) {
			// "a response from AWS", "hear back from GCP", "approved by Azure":
			// a thing's name in the party's place is the company that makes it.
			p.note("target:maker", k, k+1)
			p.addTarget(unblock.Target{Kind: unblock.TargetExternal, Name: p.span(k, k+1), Role: p.orgRole(min(a, p.sentA), max(b, p.sentB))})
			continue
		}
		if e, n := p.match(k); n > 0 && e.class == classArtifact || strings.HasPrefix(t.low, "#") && len(t.low) > 1 ||
			p.isRole(k) {
			s, end, role, strength := p.artifactPhrase(k, lo, hi)
			if m := p.askedOfName(s, k, end); m > s && !p.forAfterParty(s, lo, n0) {
				// "B: Helix SOW sign-off", "Acme contract signature": the
				// outsider named before an answer they give is whom it is
				// awaited from; the rest is the thing, not legal's.
				p.note("target:answer-of-name", s, m)
				p.addTarget(unblock.Target{Kind: unblock.TargetExternal, Name: p.span(s, m), Role: p.orgRole(min(a, p.sentA), max(b, p.sentB))})
				s, role, strength = m, "", 0
			}
			if role != "" && rank(strength) >= ownerStrong {
				ownedEnd = end
			}
			name := p.span(s, end)
			if !artifactSeen || rank(strength) > rank(bestStrength) {
				best, bestStrength = role, strength
				bestArtifact = name
				bestByName = p.ownerNamedBefore(s, end, role)
			}
			if !artifactSeen {
				artifact = name
			}
			if p.art.empty() || strings.HasPrefix(toks[p.art.a].low, "#") && !strings.HasPrefix(t.low, "#") {
				p.art = phrase{s, end, hi} // the first awaited thing, a word before an issue number
			}
			artifactSeen = true
			k = end - 1
			continue
		}
		if t.capital && t.cls.has(cCommonCapital) && k+1 < hi && toks[k+1].kind == tWord && toks[k+1].cls.has(cSupportOffice) {
			// "waiting on GitHub support", "a ticket with Zoom support": the
			// helpdesk of the tool's maker, a vendor.
			p.note("target:org-office", k, k+2)
			p.addTarget(unblock.Target{Kind: unblock.TargetTeam, Name: p.span(k, k+2), Role: unblock.RoleVendor})
			k++
			continue
		}
		if p.nameAt(k, a, hi) && !p.subjectMatter(k, a) && !p.forSubject(k, hi) && !p.onAfterParty(k, lo, n0) && !p.forAfterParty(k, lo, n0) {
			end := k + 1
			for end < hi && toks[end].kind == tWord && toks[end].capital && !toks[end].cls.has(cCommonCapital) &&
				!toks[end].acronym && !p.artifactAt(end) && !p.functionWord(end, hi) {
				end++
			}
			if end+1 < hi && toks[end].kind == tPunct && toks[end].punct == '&' && toks[end+1].kind == tWord &&
				toks[end+1].capital && !toks[end+1].cls.has(cCommonCapital) && !p.givenName(k) {
				end += 2 // "Kessler & Moore", "Procter & Gamble": one firm
			}
			name := p.span(k, end)
			known := p.givenName(k)
			role, after := p.orgFunction(end, hi)
			switch {
			case role != "" && !known:
				// "a response from MoFo legal", "Acme's security team": the
				// organisation's own office of that role.
				p.note("target:org-office", k, after)
				p.addTarget(unblock.Target{Kind: unblock.TargetTeam, Name: p.span(k, after), Role: role})
				end = after
			case known && p.word(end, k, hi) == "'s" && p.wordIs(end+1, k, hi, cTeamNoun):
				// "Dana's team": the team, which takes the role of what it is asked for.
				p.addTarget(unblock.Target{Kind: unblock.TargetTeam, Name: p.span(k, end+2)})
				end += 2
			case known && p.atOutsider(end, hi):
				// "Martin at Northgate says …": the outsider's contact; the
				// wait is on the outsider, named next.
				p.note("target:contact-at-outsider", k, end+2)
			case known:
				end = p.addPerson(name, k, end, hi)
			case t.acronym && !p.governs(k, end) && p.thingAfterInitials(end, hi):
				// Unknown initials before a noun that is no body's answer name
				// a thing, not a team: "waiting for EMC results", "BOM
				// pricing", "the SSO metadata" ("CAB approval" is the CAB's).
				ne := max(p.nounEnd(end, hi), end+1) // "BOM pricing": a noun in -ing ends it
				p.note("target:initials-thing", k, ne)
				p.addTarget(unblock.Target{Kind: unblock.TargetArtifact, Name: p.span(k, ne)})
				end = ne
			case t.acronym:
				// A body known by its initials that approves or votes is a
				// governing one: "waiting for the CPC to approve", "approved
				// by SCM members", "pending a TSC vote".
				var role unblock.Role
				if p.governs(k, end) {
					p.note("target:governing-body", k, end)
					role = unblock.RoleLeadership
				}
				p.addTarget(unblock.Target{Kind: unblock.TargetTeam, Name: name, Role: role})
			default:
				p.addTarget(unblock.Target{Kind: unblock.TargetExternal, Name: name, Role: p.orgRole(min(a, p.sentA), max(b, p.sentB))})
			}
			k = end - 1
		}
	}
	p.thingsNotParties(n0, mods[:nMods])
	found := len(p.targets) - n0
	if found > 0 {
		// A team takes the role of what it is asked for. A person's role is
		// their function, which the awaited thing does not tell ("the mocks
		// from Dana": Dana may be a PM): their role stays unknown unless the
		// text states it, and a thing that names its owner strongly is a
		// target of its own with that role ("a security review from <@U1>").
		role := best
		person := false
		for i := n0; i < len(p.targets); i++ {
			t := &p.targets[i]
			person = person || t.Kind == unblock.TargetPerson && t.Role == ""
			if t.Role == "" && t.Kind == unblock.TargetTeam && !slices.Contains(p.roleless, t.Name) {
				if role == "" {
					role = p.ownerIn(p.sentA, p.sentB)
				}
				t.Role = role
			}
		}
		if person {
			owner, name, strength := best, bestArtifact, bestStrength
			if owner == "" && n0 == 0 && !p.blockedWorkIn(a, lo) {
				// "PR reviews blocked on Dario": the thing stands before the cue
				// in its clause. Not when other parties were named: whose thing
				// would it be? Nor when it is what the author cannot do: "can't
				// publish the guidance pages until Margaux has checked them".
				owner, name, strength = p.ownedIn(a, lo)
			}
			// A thing whose owner is a party named already is that party's:
			// "on legal for the DPA and on Samir for the review".
			// Not when only a party's name before it says so and the person
			// named is whom it is awaited from: "Corvid addendum from Miriam".
			if owner != "" && strength >= ownerStrong && !roleNamed(p.targets, owner) && !(bestByName && name == bestArtifact) {
				p.addTarget(unblock.Target{Kind: unblock.TargetArtifact, Name: name, Role: owner})
			}
		}
	}
	if found == 0 && artifactSeen && !p.partyNamedSince(named0) {
		// A bare topic with no cue and no party ("B: onboarding copy") says
		// whose it is only when the awaited thing names an owner strongly:
		// "mocks" are design's, while a "review", the "copy" or an
		// "approval" could be anyone's.
		owner := best
		if p.bare && bestStrength <= ownerWeak {
			owner = unblock.RoleUnknown
		}
		if rank(bestStrength) <= ownerStrong && (owner == unblock.RoleEngineering || owner == unblock.RoleLeadership || owner == "") &&
			inClass(strings.ToLower(lastWord(bestArtifact)), cStoreThing) && p.storeContext() {
			// "the update is still pending approval on the chrome store",
			// "the new version has not been approved by the AMO moderators":
			// a store's review, a vendor's.
			p.note("target:store-review", lo, hi)
			owner = unblock.RoleVendor
		}
		if p.addTarget(unblock.Target{Kind: unblock.TargetArtifact, Name: bestArtifact, Role: owner}) {
			found = 1
		}
		if bestStrength <= ownerWeak {
			// "Shared the file with the Customer, need sign-off": the party
			// named in the sentence is whom the sign-off is awaited from.
			// Not the one kept waiting: "Design is waiting on the API spec".
			// Not when the sentence named whom it waits on already: "on legal
			// (Miriam) to confirm what we share with Corvid, i.e. the copy".
			if sa, sb := p.waitingSubject(p.sentA, hi); sa < lo && sb > sa {
				found += p.addParties(p.sentA, sa) + p.addParties(min(sb, lo), lo)
			} else {
				found += p.addParties(p.sentA, lo)
			}
		}
	}
	if found > 0 {
		p.wantTargets = false
	}
	if bestArtifact != "" {
		artifact = bestArtifact
	}
	return found, artifact
}

// relativeWait reports whether a relative clause about the party just named
// opens at k and tells its own wait: "who's waiting on data", "who is blocked
// on legal", "which needs the DPA", "that depends on the vendor".
func (p *parser) relativeWait(k, hi int) bool {
	switch p.toks[k].low {
	case "who", "who's", "which", "that", "whos":
	default:
		return false
	}
	for j := k + 1; j < hi && j <= k+3; j++ {
		t := &p.toks[j]
		if t.kind != tWord {
			return false
		}
		switch cueFamilies[t.cue] {
		case "wait", "need", "block", "depend":
			return true
		}
		if !t.cls.has(cBe) && !t.cls.has(cStateAux) && !t.cls.has(cLeadFiller) && t.low != "'s" {
			return false
		}
	}
	return false
}

// thingMovesOn reports whether toks[k:] tell the awaited thing moving on
// after the wait: "before it goes to Brookline procurement", "before it can
// go out to the client" (lexicon class moves-on): where it goes next is no
// party of the wait.
func (p *parser) thingMovesOn(k, hi int) bool {
	if k+1 >= hi || p.toks[k].kind != tWord || !p.toks[k].cls.has(cBackReference) {
		return false
	}
	for j := k + 1; j < hi && j <= k+3; j++ {
		if p.toks[j].kind == tWord && p.toks[j].cls.has(cMovesOn) {
			return true
		}
	}
	return false
}

// ownerNamedBefore reports whether the owner role of the thing toks[s:end]
// comes from a party's name that opens it rather than from what the thing
// is: "the Corvid addendum", "Brixworth SSO config" name the thing by the
// party it concerns; "legal approval", "design mocks" say whose it is.
func (p *parser) ownerNamedBefore(s, end int, role unblock.Role) bool {
	e, n := p.match(s)
	if n == 0 || s+n >= end || e.role != role || !p.toks[s].capital {
		return false
	}
	return e.class == classExternal || e.class == classRole && (role == unblock.RoleVendor || role == unblock.RoleCustomer)
}

// heldAt reports whether the holding place at k (lexicon class holding-place)
// follows "in", "at" or "through": "still in customs", "stuck at the port".
func (p *parser) heldAt(k, lo int) bool {
	j := k - 1
	if j >= lo && p.toks[j].kind == tWord && p.toks[j].cls.has(cPureDet) {
		j--
	}
	if j < lo || p.toks[j].kind != tWord {
		return false
	}
	w := p.toks[j].low
	return w == "in" || w == "at" || w == "through"
}

// roleWordAsHead reports whether the role word at k (lexicon class role-thing)
// ends a noun phrase whose modifier names which of it ("their EHR data", "batch 3 data", "the
// sell-through data"): the thing, not the people of that role. Not after a
// preposition or a cue ("waiting on data"), nor before a team word ("the data
// team").
func (p *parser) roleWordAsHead(k, lo, hi int) bool {
	if p.toks[k].capital && !p.toks[k].lineStart || !p.toks[k].cls.has(cRoleThing) {
		return false
	}
	if w := p.word(k+1, lo, hi); (w == "from" || w == "by") && k+2 < hi &&
		(p.targetAt(k+2, hi) > 0 || p.toks[k+2].cls.has(cPartyPronoun) || p.isParty(k+2, hi)) {
		// "waiting for data from them", "the design from Ana": the thing,
		// from whom it comes.
		p.note("target:role-word-as-head", k, k+2)
		return true
	}
	if k-1 < lo {
		return false
	}
	m := &p.toks[k-1]
	_, known := p.match(k - 1)
	opener := (m.lineStart || k-1 == p.sentA) && known == 0 // "Survey data from growth": a capital only because it opens the line
	if m.kind != tWord || !isModifier(m) || m.cue != 0 || m.cls.has(cPureDet) || m.cls.has(cRequestVerb) ||
		m.cls.has(cNameIntro) || p.targetAt(k-1, hi) > 0 && !m.acronym && !opener {
		return false
	}
	if p.wordIs(k+1, lo, hi, cTeamSuffix) || p.wordIs(k+1, lo, hi, cPeopleSuffix) || p.wordIs(k+1, lo, hi, cTeamNoun) {
		return false
	}
	p.note("target:role-word-as-head", k-1, k+1)
	return true
}

// personsSuperior reports whether the leadership word at k follows a named
// person's "'s" after an escalation: "escalated to Bart's manager", "to Li
// Wei's boss".
func (p *parser) personsSuperior(k, lo int) bool {
	if k-2 < lo || p.toks[k-1].low != "'s" {
		return false
	}
	if e, n := p.match(k); n != 1 || e.role != unblock.RoleLeadership {
		return false
	}
	j := k - 2
	if !(p.toks[j].kind == tMention || p.toks[j].kind == tWord && p.toks[j].capital && (p.isPerson(j) || p.givenName(j))) {
		return false
	}
	for m := j - 1; m >= p.sentA && m >= j-8; m-- {
		if p.toks[m].kind == tWord && p.toks[m].cls.has(cEscalateVerb) {
			return true // escalated up their line; "waiting on Dana's manager to approve" waits on the manager
		}
	}
	return false
}

// onAfterParty reports whether the name at k follows "on" (and perhaps a
// determiner) once the clause named whom it waits on: "waiting on Gráinne for
// the legal read on the Mulcahy piece", "no word from the Garda press office on
// Castletroy": what the wait is about, not a second party ("waiting on legal
// and on Acme" names two).
func (p *parser) onAfterParty(k, lo, n0 int) bool {
	j := k - 1
	if j > lo && p.toks[j].kind == tWord && p.toks[j].cls.has(cPureDet) {
		j--
	}
	if j <= lo || p.toks[j].low != "on" || !p.awaitedPartyIn(min(n0, p.sentTargets), len(p.targets)) {
		return false
	}
	prev := &p.toks[j-1]
	return prev.kind != tWord || prev.cue == 0 && !prev.cls.has(cCoordinator) && prev.low != "or"
}

// forAfterParty reports whether the capitalised name at k stands in a "for
// the …" phrase right after the party the sentence waits on is named: "waiting
// on Ikenna for the SIG Lite answers", "on <@U1> for the Acme Pro quote". It
// names the thing, not a second party.
func (p *parser) forAfterParty(k, lo, n0 int) bool {
	if !p.awaitedPartyIn(min(n0, p.sentTargets), len(p.targets)) {
		return false
	}
	for j := k - 1; j > lo; j-- {
		t := &p.toks[j]
		switch {
		case t.kind == tWord && t.low == "for":
			for m := j - 1; m >= p.sentA && m >= j-6; m-- {
				if w := p.toks[m].low; w == "on" || w == "with" {
					return true // "waiting on Ikenna for …"; not "waited until 1 PM for the National Grid"
				}
			}
			return false
		case t.kind == tWord && (t.cls.has(cPureDet) || t.capital || t.acronym):
		default:
			return false
		}
	}
	return false
}

// awaitedPartyIn reports whether targets[from:to] hold a party still awaited
// (not one told as cleared): whom the sentence waits on, named already.
func (p *parser) awaitedPartyIn(from, to int) bool {
	for i := from; i < to && i < len(p.targets); i++ {
		if t := &p.targets[i]; t.Kind != unblock.TargetArtifact && !t.Resolved {
			return true
		}
	}
	return false
}

// partysTask reports whether toks[k:] right after a party named says what
// the party is asked to do, "to" and a verb: "waiting on legal to confirm which
// fields we can share with Corvid", "on Andrea to approve the Corvid sandbox".
// Whoever that act involves is the party's counterpart, not whom the author
// waits on: the wait is on the party. Not "to" before a party, a pronoun or a
// thing ("from design to engineering", "sent to me").
func (p *parser) partysTask(k, hi int) bool {
	if k+1 >= hi || p.toks[k].kind != tWord || p.toks[k].low != "to" {
		return false
	}
	v := &p.toks[k+1]
	return v.kind == tWord && !v.capital && !v.quoted && !v.cls.has(cPureDet) && !v.cls.has(cFirstPerson) &&
		!v.cls.has(cObjectStart) && !allDigits(v.low) && p.targetAt(k+1, hi) == 0 && (!p.artifactAt(k+1) || p.infinitive(k+1, hi))
}

// purposeAfterParty reports whether toks[k] is "for" and a verb in -ing that
// no lexicon entry reads as a thing ("for naming", "for booking"; not "for
// onboarding docs", "for the mocks"), once the statement named an awaited
// party: what the thing is for.
func (p *parser) purposeAfterParty(k, hi, n0 int) bool {
	if k+1 >= hi || p.toks[k].kind != tWord || p.toks[k].low != "for" || !p.awaitedPartyIn(min(n0, p.sentTargets), len(p.targets)) {
		return false
	}
	v := &p.toks[k+1]
	verb := p.wordIs(k+2, k, hi, cObjectStart) // "for booking the venue": a verb with its object
	return v.kind == tWord && len(v.low) > 5 && strings.HasSuffix(v.low, "ing") && v.cue == 0 &&
		(verb || !v.cls.has(cIngNoun) && !p.artifactAt(k+1) && !p.ingModifier(k+1, k+1))
}

// taskEnds reports whether toks[k] ends a party's task (partysTask): the
// sentence ends, or the clause turns to another wait, "and on finance for the
// PO", "and Acme to sign", "or from the vendor".
func (p *parser) taskEnds(k, hi int) bool {
	t := &p.toks[k]
	if t.kind == tPunct && (t.punct == '.' || t.punct == ';' || t.punct == '!' || t.punct == '?') {
		return true
	}
	if !(t.kind == tPunct && t.punct == ',' || t.kind == tWord && (t.cls.has(cCoordinator) || t.low == "or")) {
		return false
	}
	j := k + 1
	for j < hi && p.toks[j].kind == tWord && (p.toks[j].cls.has(cCoordinator) || p.toks[j].low == "or" || p.toks[j].low == "also") {
		j++
	}
	if j >= hi || p.toks[j].kind != tWord && p.toks[j].kind != tMention {
		return false
	}
	switch w := p.toks[j].low; {
	case w == "on" || w == "from" || w == "for" || p.toks[j].cue != 0:
		return true
	}
	if n := p.targetAt(j, hi); n > 0 && j+n < hi {
		next := p.toks[j+n].low
		return next == "to" || next == "for" || next == "on"
	}
	return false
}

// forWhom reports whether toks[k] starts, after "for" and determiners or
// modifiers, right where an owned awaited thing ended at end: the party the
// thing is for ("legal approval for the new vendor"), not the one who owes it.
func (p *parser) forWhom(k, end int) bool {
	j := k - 1
	for j > end && p.toks[j].kind == tWord && (p.toks[j].cls.has(cDet) || isModifier(&p.toks[j])) && p.targetAt(j, k) == 0 {
		j--
	}
	return j == end && p.toks[j].kind == tWord && p.toks[j].low == "for"
}

// infinitive reports whether the awaited-thing word at k is a verb after "to"
// with an object after it ("to fix the pipeline", "to review the mocks"): the
// action asked for, whose object, not the verb, names what is awaited when
// the lexicon knows it (within three words). "due
// to", "prior to" and "up to" introduce nouns.
func (p *parser) infinitive(k, hi int) bool {
	if k < 1 || p.toks[k-1].low != "to" || k+1 >= hi || p.toks[k+1].kind != tWord {
		return false
	}
	if e, n := p.match(k); n != 1 || e.class != classArtifact {
		return false
	}
	if p.wordIs(k-2, 0, k, cToPreposition) {
		return false
	}
	if p.toks[k+1].cls.has(cPureDet) && k >= 2 && p.targetAt(k-2, hi) > 0 {
		return true // "on Mei to build the BF bundle landing page": a party's act before its object
	}
	for j := k + 1; j < hi && j <= k+3; j++ {
		if p.artifactAt(j) {
			return true
		}
	}
	return false
}

// subjectMatter reports whether the name at k is what an awaited answer is
// about, not who owes it: "waiting on Board answer on SQLite", "legal
// feedback re Acme". "an answer from Acme" names the party.
func (p *parser) subjectMatter(k, a int) bool {
	if p.aboutOpening(k) {
		return true
	}
	if k-2 >= 0 && p.toks[k-1].low == "on" && p.toks[k-2].low == "back" {
		return true // "Snowflake still hasn't come back on PrivateLink": what the answer is about
	}
	for k-1 > a && p.toks[k-1].kind == tWord && p.toks[k-1].cls.has(cPureDet) {
		k-- // "the FCA's response on the VoP application"
	}
	if k-2 < a {
		return false
	}
	if p.toks[k-1].low != "on" && !p.toks[k-1].cls.has(cAboutWord) {
		return false
	}
	e, n := p.matchEnding(k - 2)
	if n > 0 && e.class == classArtifact || p.toks[k-2].cls.has(cResponseNoun) {
		return true
	}
	// "waiting on legal re Northwind MSA", "on <@U1> about Acme's renewal":
	// the party is named, and what comes after "re" is what it is about; after
	// "on", only when the party is whom an answer comes from ("no movement
	// from Northgate on Savings Pots").
	s := p.partyEnding(k - 2)
	if s < 0 && p.toks[k-2].kind == tWord && p.toks[k-2].capital && !p.toks[k-2].cls.has(cCommonCapital) {
		s = k - 2 // "from the FCA on the VoP": a body by name
		if s > 0 && p.toks[s-1].cls.has(cPureDet) {
			s--
		}
	}
	if s < 0 {
		return false
	}
	return p.toks[k-1].low != "on" || s > 0 && p.toks[s-1].low == "from"
}

// apposition reads the brackets at k right after target i: a person named
// there is whom the wait is on, with the function of the role or team before
// ("design (Chloe)"); anything else in them describes the target or refers to
// it ("Redline (our pentest vendor)", "the auditors (Kessler & Moore)", "the
// keys (partner ticket #88213)"). It returns the closing bracket, or -1 when
// the brackets say something of their own: a cue ("(still waiting on
// legal)"), a further party ("(and legal)"), or no closing bracket nearby.
func (p *parser) apposition(i, k, hi int) int {
	toks := p.toks
	if k >= hi || toks[k].kind != tPunct || toks[k].punct != '(' {
		return -1
	}
	close := -1
	for j := k + 1; j < hi && j <= k+8; j++ {
		t := &toks[j]
		if t.kind == tPunct && t.punct == ')' {
			close = j
			break
		}
		if t.kind == tWord && (t.cue != 0 || t.cls.has(cCoordinator) && j == k+1) {
			return -1
		}
	}
	if close < 0 || close == k+1 {
		return -1
	}
	if i < 0 {
		for j := k + 1; j < close; j++ {
			if p.targetAt(j, close) > 0 {
				return -1 // "the keys (from Sage)": a party of its own
			}
		}
		p.note("target:aside", k, close+1)
		return close
	}
	tg := &p.targets[i]
	if tg.Kind == unblock.TargetRole || tg.Kind == unblock.TargetTeam {
		if end := p.personEnd(k+1, close); end == close {
			name := p.span(k+1, end)
			if e, n := p.match(k + 1); n > 0 && e.class == classPerson && e.name != "" {
				name = e.name
			}
			p.note("target:apposition-person", k, close+1)
			person := unblock.Target{Kind: unblock.TargetPerson, Name: name, Role: tg.Role}
			for j, u := range p.targets {
				if j != i && u.Kind == person.Kind && strings.EqualFold(u.Name, person.Name) && i == len(p.targets)-1 {
					// Read again (the clause before, for a later cue): the one already named.
					p.targets = p.targets[:i]
					for m, x := range p.named {
						if x == i {
							p.named[m] = j
						}
					}
					return close
				}
			}
			*tg = person
			return close
		}
	}
	p.note("target:apposition", k, close+1)
	return close
}

// atOutsider reports whether "at" or "from" and an outside body the lexicon
// knows follow a person's name ending at end: "Martin at Northgate".
func (p *parser) atOutsider(end, hi int) bool {
	if w := p.word(end, end, hi); w != "at" && w != "from" {
		return false
	}
	j := end + 1
	for j < hi && p.toks[j].kind == tWord && p.toks[j].cls.has(cPureDet) {
		j++
	}
	e, n := p.match(j)
	return j < hi && n > 0 && e.class == classExternal
}

// forPartysAct reports whether the party at k (n words) stands after "for"
// (and its article) with "'s" and an act after it: "for the bank's review",
// "for legal's sign-off".
func (p *parser) forPartysAct(k, n, hi int) bool {
	j := k - 1
	if j >= 0 && p.toks[j].kind == tWord && p.toks[j].cls.has(cPureDet) {
		j--
	}
	if j < 0 || p.toks[j].low != "for" || p.word(k+n, k, hi) != "'s" || j > 0 && p.toks[j-1].kind == tWord && p.toks[j-1].cue != 0 {
		return false // "wait for QA's feedback" waits on QA
	}
	a := &p.toks[min(k+n+1, len(p.toks)-1)]
	return k+n+1 < hi && a.kind == tWord && (a.cls.has(cApprovalWord) || a.cls.has(cApprovalNoun) || a.cls.has(cReviewAct))
}

// othersOffice reports whether the role or team word at k is an office of
// another party's: after "their" or "its" ("their PKI team"), or a title's
// field ("their head of partnerships", "the director of engineering").
func (p *parser) othersOffice(k int) bool {
	if k < 1 {
		return false
	}
	if w := p.toks[k-1].low; w == "their" || w == "its" {
		return true
	}
	return k >= 2 && p.toks[k-1].low == "of" && p.toks[k-2].kind == tWord && p.toks[k-2].cls.has(cTitleHead)
}

// officeOfExternal reports whether the role or team word at k follows an
// outside body the lexicon knows, with or without its "'s": "Halden's IT",
// "Halden IT", "Acme's legal", or a company the config names as a role's
// keyword, written as a name: "Caixa Verde's IT" (Caixa Verde a customer),
// "St. Brigid's legal" (the partner hospital).
func (p *parser) officeOfExternal(k, lo int) bool {
	if k-1 >= lo && p.toks[k-1].low == "'s" && p.companyNameEnding(k-1) {
		return true // "St. Brigid's legal": the name ends with its "'s"
	}
	j := k - 1 // "Halden IT", "Halden's IT"
	if j-1 > lo && p.toks[j].kind == tWord && p.toks[j].cue == 0 && isModifier(&p.toks[j]) && p.toks[j-1].low == "'s" {
		j-- // "Northgate's credit committee": a word of the office's name between
	}
	if j > lo && p.toks[j].low == "'s" {
		j--
	}
	if j < lo || p.toks[j].kind != tWord {
		return false
	}
	if e, n := p.matchEnding(j); n > 0 && e.class == classExternal {
		return true
	}
	if p.toks[j+1].low == "'s" {
		return p.companyNameEnding(j)
	}
	// "Brookline legal", "Acme IT": without the "'s" only an outsider's name
	// (a customer's, a vendor's, or a role the config adds), never a built-in
	// role's ("Product design" is design).
	e, _ := p.matchEnding(j)
	return p.companyNameEnding(j) && (e.role == unblock.RoleCustomer || e.role == unblock.RoleVendor || !builtinRole(e.role))
}

// builtinRole reports whether r is one of the roles every company has
// (roles.txt), not one a config adds.
func builtinRole(r unblock.Role) bool {
	return slices.Contains(unblock.BuiltinRoles, r)
}

// companyNameEnding reports whether a role's keyword that the config gives as a
// company's name ends at toks[j]: written with capitals, within the sentence
// ("Caixa Verde" a customer, "St. Brigid's" the partner hospital), not a role
// word opening it ("Marketing's review").
func (p *parser) companyNameEnding(j int) bool {
	e, n := p.matchEnding(j)
	if n == 0 || e.class != classRole {
		return false
	}
	first := &p.toks[j-n+1]
	return first.capital && !first.acronym && !first.lineStart && j-n+1 > p.sentA
}

// pluralInitials reports whether the word at k is initials with a plural s
// ("IPs", "PRs", "SLAs"): things counted, never a body's name.
func (p *parser) pluralInitials(k int) bool {
	w := p.span(k, k+1)
	if len(w) < 3 || w[len(w)-1] != 's' {
		return false
	}
	for i := 0; i < len(w)-1; i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// aboutOpening reports whether the word at k is in the words a sentence opens
// with to say what it is about: "Re the Halden addendum: I'm blocked on the
// attestation letter".
func (p *parser) aboutOpening(k int) bool {
	s := p.sentA
	if s >= k || p.toks[s].kind != tWord || !p.toks[s].cls.has(cAboutWord) {
		return false
	}
	for j := s + 1; j < k; j++ {
		if p.toks[j].kind != tWord {
			return false
		}
	}
	return true
}

// nextStepOf reports whether a party and "can" start at k: "before marketing
// can brief the agency", "before Jonah can build it": who goes on once the
// wait is over, not whom the author waits on.
func (p *parser) nextStepOf(k, hi int) bool {
	if k >= hi {
		return false
	}
	n := p.targetAt(k, hi)
	if n == 0 && k < hi && p.isParty(k, hi) {
		n = 1
	}
	for j := k; n == 0 && j < hi && j <= k+2 && p.toks[j].kind == tWord && !p.toks[j].cls.has(cFirstPerson) &&
		!p.toks[j].cls.has(cFirstPersonContraction); j++ {
		if w := p.word(j+1, k, hi); w == "can" || w == "could" {
			n = j + 1 - k // "before marketing can …", "before the agency can …"
		}
	}
	if n == 0 {
		return false
	}
	w := p.word(k+n, k, hi)
	return w == "can" || w == "could"
}

// forSubject reports whether the name at k follows "for" after a party the
// sentence names: "a rough estimate from <@U1> for SCIM", "waiting on Sage for
// sandbox keys for the Intacct connector" say what the wait is for, not a
// second party. "for Acme to sign" names one.
func (p *parser) forSubject(k, hi int) bool {
	toks := p.toks
	if p.word(k+1, k, hi) == "to" {
		return false
	}
	j := k - 1
	for j > p.sentA && toks[j].kind == tWord && toks[j].cls.has(cPureDet) {
		j--
	}
	if j <= p.sentA || toks[j].low != "for" || toks[j-1].kind == tWord && toks[j-1].cue != 0 {
		return false // "Rosa is waiting for Milo": whom the cue waits for
	}
	for m := p.sentA; m < j; m++ {
		if t := &toks[m]; t.kind == tMention || t.kind == tGroup || t.kind == tWord && (p.isParty(m, j) || p.givenName(m) ||
			t.capital && !t.acronym && t.cue == 0 && t.cls == (classSet{})) {
			return true // "Trakwise still haven't given us install dates for Leeds": Leeds is what they are for
		}
	}
	return false
}

// nameAt reports whether toks[k] is a capitalised name in a place where a
// person or organisation is waited on: "from Dana", "Wren's approval",
// "Greta/Marco/Irene", "blocked on Tomas".
func (p *parser) nameAt(k, a, hi int) bool {
	t := &p.toks[k]
	if !t.capital || t.cls.has(cCommonCapital) || len(t.low) < 2 || strings.ContainsAny(t.low, "0123456789") || p.pluralInitials(k) {
		return false
	}
	if t.acronym && p.shouted(k) {
		// "ON HOLD FOR MATEJ TO PROVIDE PRIVS": capitals that are the
		// writing's, not a name's; a given name still names a person.
		return p.givenName(k)
	}
	if k+1 < hi && p.toks[k+1].kind == tWord && p.toks[k+1].cls.has(cAccessNoun) && !p.givenName(k) {
		return false // "no LaunchDarkly access yet", "a Figma seat": the tool the access is to
	}
	// "Zowe Launcher implementation": capitalised words before an awaited
	// thing name a component, not an organisation.
	if k+2 < hi && p.toks[k+1].capital && p.toks[k+1].kind == tWord && p.artifactAt(k+2) {
		return false
	}
	if p.thingBeforeFrom(k, hi) && !p.givenName(k) {
		return false // "the LiDAR tiles from Northfield": a name that only says which tiles
	}
	if p.notYetActor(k, hi) {
		return true // "Twilio hasn't replied", "Acme still has not approved the sender ID"
	}
	if k+2 < hi && p.toks[k+1].kind == tPunct && p.toks[k+1].punct == '&' && p.toks[k+2].kind == tWord && p.toks[k+2].capital &&
		!p.toks[k+2].cls.has(cCommonCapital) && !p.givenName(k) {
		return true // "Kessler & Moore say …": a firm's name
	}
	if k == a || t.lineStart {
		return p.givenName(k)
	}
	prev := &p.toks[k-1]
	if prev.kind == tPunct {
		if prev.punct == '/' || prev.punct == '&' || prev.punct == '(' {
			return true
		}
	} else if prev.cls.has(cNameIntro) {
		return true
	} else if prev.low == "the" && k-2 >= a && p.toks[k-2].kind == tWord && p.toks[k-2].cls.has(cNameIntro) &&
		(!t.acronym || p.toks[k-2].low == "with" || p.toks[k-2].low == "from" || p.bodyInitials(k, hi)) && !p.artifactAt(k) && !(k+1 < hi && p.artifactAt(k+1)) {
		// "waiting on the Acme Corp. for the quote": a company named with its
		// article ("still with the FCA": initials too, with "with"); "the
		// Kintsugi spec", "the Chrome update" are things.
		return true
	} else if prev.low == "of" && k-2 >= a && p.toks[k-2].kind == tWord && p.toks[k-2].cls.has(cResponseNoun) {
		return true // "awaiting the response of Omar", "the approval of Dana"
	} else if cueFamilies[prev.cue] == "wait" && !t.cls.has(cTimeWord) {
		return true // "waiting Omar approve PO", "waiting TestLab Nord for results": a wait without its "on"
	} else if prev.cls.has(cCausative) && k+1 < hi && p.toks[k+1].kind == tWord &&
		(p.toks[k+1].cls.has(cRequestVerb) || p.toks[k+1].cls.has(cHandoverVerb)) {
		return true // "we need to have Google sign off on the designs"
	}
	if k+1 < hi {
		next := p.toks[k+1].low
		if next == "'s" || next == "to" || next == "hasn't" || next == "has" || next == "is" || next == "was" {
			return p.givenName(k) || next == "'s" || next == "to"
		}
		if p.toks[k+1].cls.has(cPartyAct) || p.presentAct(k+1, hi) {
			return true // "until Apple approves the build", "until Dana reviews the PR"
		}
	}
	return false
}

// bodyInitials reports whether the unknown initials at k, after "the" and the
// "on" or "for" of a wait ("waiting on the ESRB for the rating", "stuck on the
// FCA"), stand alone, as a body's do: no noun follows them ("the SOW draft",
// "the QBR deck" are things).
func (p *parser) bodyInitials(k, hi int) bool {
	if k-3 < 0 || p.toks[k-3].kind != tWord || p.toks[k-3].cue == 0 {
		return false
	}
	f := cueFamilies[p.toks[k-3].cue]
	if f != "wait" && f != "block" && f != "depend" {
		return false
	}
	return k+1 >= hi || p.toks[k+1].kind != tWord || p.toks[k+1].cls.has(cStop) || p.toks[k+1].cls.has(cTimeWord)
}

// thingBeforeFrom reports whether the capitalised word at k opens a thing's
// name that goes on in lower case and ends before "from" and whom it comes
// from: "the LiDAR tiles from Northfield", "Ghana field plots from the lab".
func (p *parser) thingBeforeFrom(k, hi int) bool {
	toks := p.toks
	j := k + 1
	for j < hi && j <= k+3 && toks[j].kind == tWord && !toks[j].capital && isModifier(&toks[j]) && toks[j].cue == 0 &&
		!toks[j].cls.has(cTimeWord) {
		j++
	}
	return j > k+1 && j+1 < hi && toks[j].kind == tWord && toks[j].low == "from" && (p.isParty(j+1, hi) || toks[j+1].kind == tMention ||
		toks[j+1].kind == tWord && toks[j+1].capital || p.wordIs(j+1, j, hi, cDet))
}

// noEntry is what match returns for a token the lexicon does not know.
var noEntry = &entry{}

// match returns the lexicon entry starting at toks[k] and its length in
// tokens (0 when none), looking each token up at most once per Parse.
func (p *parser) match(k int) (*entry, int) {
	if k < 0 || k >= len(p.toks) {
		return noEntry, 0
	}
	t := &p.toks[k]
	m := t.match
	if m == memoUnknown {
		i, n := p.lex.matchFrom(p.toks, k, t.word)
		m = memoNone
		if n > 0 && !(n == 1 && p.lex.entries[i].class == classPerson && !t.capital && everydayWord(t)) {
			m = i<<4 | int32(n)
		}
		t.match = m
	}
	if m == memoNone {
		return noEntry, 0
	}
	return &p.lex.entries[m>>4], int(m & 15)
}

const (
	memoUnknown int32 = -1
	memoNone    int32 = -2
)

// addParties adds the roles, teams and people named in toks[lo:hi] as
// targets and returns how many it added.
func (p *parser) addParties(lo, hi int) int {
	n0 := len(p.targets)
	for k := lo; k < hi; k++ {
		t := &p.toks[k]
		if t.kind == tMention {
			continue // an addressee, not a party
		}
		if e, n := p.match(k); n > 0 && (e.class == classRole || e.class == classTeam || e.class == classExternal) &&
			!p.artifactAt(k+n) && (e.role != unblock.RoleEngineering) && !p.onIdiom(k) && !p.officeOfExternal(k, lo) {
			kind := unblock.TargetRole
			if e.class == classTeam {
				kind = unblock.TargetTeam
			} else if e.class == classExternal {
				kind = unblock.TargetExternal
			}
			p.addTarget(unblock.Target{Kind: kind, Name: p.span(k, k+n), Role: e.role})
			k += n - 1
		}
	}
	return len(p.targets) - n0
}

// partyNamedSince reports whether a party (not an awaited thing) of the
// current sentence was named since p.named held named0 entries, new or said
// again: a second cue over the same words ("blocked until legal signs the
// DPA") names legal again, so the DPA is legal's, not a target of its own. A
// party of an earlier sentence named again is a second wait on it
// (topicPerTarget), which its thing tells apart.
func (p *parser) partyNamedSince(named0 int) bool {
	for _, i := range p.named[min(named0, len(p.named)):] {
		if i >= p.sentTargets && p.targets[i].Kind != unblock.TargetArtifact {
			return true
		}
	}
	return false
}

// onIdiom reports whether the role word at k ends an idiom after "on" ("get
// everyone on board", lexicon class on-idiom): it names no party. After a
// cue ("blocked on board") it is the party.
func (p *parser) onIdiom(k int) bool {
	return p.toks[k].cls.has(cOnIdiom) && k > 1 && p.toks[k-1].low == "on" && p.toks[k-2].cue == 0 &&
		(k+1 >= len(p.toks) || p.toks[k+1].kind != tWord)
}

// objectOfAct reports whether the word at k is the object of an act asked of
// someone, after its determiners ("to approve the PO", "send the data"): a
// thing, not a party. A word that introduces a party ("ask", "ping") does not
// make one.
func (p *parser) objectOfAct(k, lo int) bool {
	j := k - 1
	for j >= lo && p.wordIs(j, lo, k, cPureDet) {
		j--
	}
	if !p.wordIs(j, lo, k, cRequestVerb) || p.wordIs(j, lo, k, cNameIntro) {
		return false
	}
	// Without a determiner only a verb that vets a thing: "approve PO for
	// the forklift rental" (a purchase order); "send QA the build" names QA.
	return j < k-1 || p.wordIs(j, lo, k, cVettingVerb)
}

// waitingSubject returns the words of toks[lo:hi] that are the subject of a
// waiting state (lexicon classes waiting-state and, after an auxiliary,
// waiting-passive), [s, e), or e == s when there are
// none: "QA is blocked until staging is fixed", "the design team is still
// waiting on the spec", "mobile can't start until the API ships". The subject
// is the one kept waiting, never whom or what it waits on. It runs back from
// the state over its auxiliaries and fillers ("is", "still") to the words after
// the clause's last punctuation or coordinator, at most five.
func (p *parser) waitingSubject(lo, hi int) (int, int) {
	toks := p.toks
	for c := lo + 1; c < hi; c++ {
		passive := toks[c].cls.has(cWaitingPassive)
		if toks[c].kind != tWord || !passive && !toks[c].cls.has(cWaitingState) || toks[c].quoted || toks[c].code {
			continue
		}
		if toks[c-1].kind == tWord && toks[c-1].cls.has(cPureDet) {
			continue // "for the waiting list breakdown": an attribute, nobody kept waiting
		}
		j, aux := c-1, false
		for j >= lo && toks[j].kind == tWord && (toks[j].cls.has(cStateAux) || toks[j].cls.has(cLeadFiller)) &&
			!toks[j].cls.has(cFirstPersonContraction) {
			aux = aux || toks[j].cls.has(cPassiveAux) || toks[j].low == "'s" || toks[j].low == "'re"
			j--
		}
		if passive && !aux {
			continue // "Legal blocked the launch": the subject blocks
		}
		e := j + 1
		s := e
		for s-1 >= lo && e-s < 5 && (toks[s-1].kind == tWord || toks[s-1].kind == tMention || toks[s-1].kind == tGroup) &&
			!toks[s-1].cls.has(cCoordinator) && toks[s-1].cue == 0 {
			s--
		}
		// The subject opens its clause: "blocked by legal, still waiting" has
		// none (the words before "still" are the first cue's).
		if e > s && (s == lo || toks[s-1].kind == tPunct || toks[s-1].cls.has(cCoordinator)) {
			return s, e
		}
	}
	return lo, lo
}

// partyWord reports whether toks[k] names a party rather than a thing: a
// mention, a person, team, outside body or role of the lexicon (not a role word
// before a thing it owns, "legal review"), a team by name, or a capitalised name.
func (p *parser) partyWord(k, a, hi int) bool {
	t := &p.toks[k]
	if t.kind == tMention || t.kind == tGroup {
		return true
	}
	if t.kind != tWord {
		return false
	}
	if t.cls.has(cTeamNoun) || p.wordIs(k+1, a, hi, cTeamNoun) {
		return true // "the mobile team", "Squad Falcon"
	}
	if e, n := p.match(k); n > 0 {
		switch e.class {
		case classPerson, classTeam, classExternal:
			return true
		case classRole:
			return !p.artifactAt(k + n)
		}
		return false
	}
	return p.nameAt(k, a, hi) && !p.artifactAt(k+1)
}

// notYetActor reports whether toks[k] is the subject of an awaited act not
// done yet ("Twilio hasn't replied", "Acme still has not approved the sender
// ID"): whoever has not acted is a party, named even where a capital alone
// would not tell a name, at the start of a sentence.
func (p *parser) notYetActor(k, hi int) bool {
	if t := &p.toks[k]; t.cls.has(cAnyone) || t.cls.has(cAnyPronoun) || t.cls.has(cNegator) {
		return false // "Someone hasn't reviewed it", "Nobody has replied": no one named
	}
	j := k + 1
	if j < hi && p.toks[j].low == "still" {
		j++
	}
	if j >= hi || p.toks[j].kind != tWord {
		return false
	}
	switch aux := &p.toks[j]; {
	case aux.low == "hasn't" || aux.low == "haven't" || aux.low == "hadn't":
		j++
	case aux.cls.has(cPerfectAux) && j+1 < hi && p.toks[j+1].low == "not":
		j += 2
	default:
		return false
	}
	for j < hi && p.toks[j].kind == tWord && p.toks[j].cls.has(cNotYetFiller) {
		j++
	}
	return j < hi && p.toks[j].kind == tWord && p.toks[j].cls.has(cAwaitedAct)
}

// actOfParty reports whether the thing-word at k is a party's verb in the
// present: after a party, in -s, before its object ("until Dana reviews the
// PR", "once legal tests the export"). Its object is the awaited thing.
func (p *parser) actOfParty(k, lo, hi int) bool {
	if k <= lo || !p.presentAct(k, hi) {
		return false
	}
	j := k - 1
	switch prev := &p.toks[j]; {
	case prev.kind == tMention || prev.kind == tGroup:
		return true
	case prev.kind != tWord:
		return false
	case prev.cls.has(cTeamNoun):
		return true // "until the platform team reviews the change"
	}
	if e, n := p.match(j); n == 1 {
		return e.class == classPerson || e.class == classTeam || e.class == classExternal || e.class == classRole
	}
	return p.nameAt(j, lo, hi)
}

// presentAct reports whether toks[k] reads as an awaited act in the present,
// third person, before its object: a verb a party is asked for (lexicon classes
// request-verb, handover-verb, vetting-verb) in -s or -es, followed by a
// determiner or pronoun ("reviews the PR", "tests our build", "fixes the
// staging config"; not "takes a long time").
func (p *parser) presentAct(k, hi int) bool {
	if k+1 >= hi {
		return false
	}
	t, next := &p.toks[k], &p.toks[k+1]
	if t.kind != tWord || !strings.HasSuffix(t.low, "s") || strings.HasSuffix(t.low, "ss") || next.kind != tWord ||
		!next.cls.has(cObjectStart) {
		return false
	}
	asked := func(stem string) bool {
		c := &p.lex.words[p.lex.id(stem)].cls
		return c.has(cRequestVerb) || c.has(cHandoverVerb) || c.has(cVettingVerb)
	}
	stem := t.low[:len(t.low)-1]
	return asked(stem) || strings.HasSuffix(stem, "e") && asked(stem[:len(stem)-1])
}

// waitEnded reports whether the wait whose awaited thing starts at from is told
// in the past and ended in the same sentence: a past form of the wait before
// it ("waited", "was waiting", "were blocked", "had been stuck", "after
// waiting") and, after it, an arrival in the past that nothing negates
// (lexicon class past-arrival, or past-party-act after a subject not the
// author's): "we waited for weeks until approval came back", "after waiting
// three weeks for the vendor, the parts arrived".
func (p *parser) waitEnded(from int) bool {
	toks := p.toks
	past := false
	for j := p.sentA; j < from && j < len(toks); j++ {
		t := &toks[j]
		if t.kind != tWord {
			continue
		}
		switch {
		case t.low == "waited":
			past = true
		case t.cls.has(cWaitingState) || t.cls.has(cWaitingPassive):
			m := j - 1
			for m >= p.sentA && toks[m].kind == tWord && toks[m].cls.has(cLeadFiller) {
				m--
			}
			if m >= p.sentA && toks[m].kind == tWord {
				switch w := toks[m].low; {
				case w == "was" || w == "were" || w == "after":
					past = true
				case w == "been" && m > p.sentA && toks[m-1].low == "had":
					past = true
				}
			}
		}
	}
	if !past {
		return false
	}
	for j := from; j < p.sentB && j < len(toks); j++ {
		t := &toks[j]
		if t.kind != tWord || !t.cls.has(cPastArrival) && !t.cls.has(cPastPartyAct) {
			continue
		}
		if j > 0 && toks[j-1].kind == tWord && (toks[j-1].cls.has(cDet) || toks[j-1].cls.has(cAwaitPrep)) || p.artifactAt(j+1) {
			continue // "waiting for approved designs": a thing's adjective
		}
		if t.cls.has(cPastPartyAct) && (j == 0 || toks[j-1].kind != tWord && toks[j-1].kind != tMention ||
			toks[j-1].cls.has(cFirstPerson) || toks[j-1].cls.has(cCoordinator)) {
			continue // "was blocked for a bit, shipped it": the author's own act
		}
		negated := false
		for m := max(j-3, from); m < j; m++ {
			negated = negated || toks[m].kind == tWord && (isNegator(&toks[m]) || toks[m].cls.has(cNotYetFiller))
		}
		if !negated {
			p.note("wait-ended", j, j+1)
			return true
		}
	}
	return false
}

// storeContext reports whether the message names an app or extension store:
// a store's name ("AMO", "Flathub", "TestFlight") or "store" after a kind of
// store ("the Chrome Web Store", "play store"). Memoised per message.
func (p *parser) storeContext() bool {
	if p.store != 0 {
		return p.store > 0
	}
	p.store = -1
	for i := range p.toks {
		t := &p.toks[i]
		if t.kind != tWord {
			continue
		}
		if t.cls.has(cStoreName) || (t.low == "store" || t.low == "stores") && i > 0 && p.toks[i-1].cls.has(cStoreKind) {
			p.store = 1
			break
		}
	}
	return p.store > 0
}

// lastWord is the last space-separated word of s.
func lastWord(s string) string {
	return s[strings.LastIndexByte(s, ' ')+1:]
}
