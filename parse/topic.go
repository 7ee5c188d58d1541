package parse

import (
	"slices"
	"strings"

	"github.com/unblock-dev/unblock"
)

// The topic is what is awaited, in a few words: "checkout mocks", "guest
// checkout decision". It is read from the noun phrase of the awaited thing,
// with its compound modifiers ("the onboarding flow mocks") and what a
// preposition after it says the thing is for or about ("mocks from design for
// checkout" -> "checkout mocks", "decision on guest checkout" -> "guest
// checkout decision"). Fillers ("still", "the", "any") and trailing times
// ("day 5", "again", "by EOD") are left out, and so is the target: the topic
// of "blocked on design" is not "design" but what follows ("Blocked on design:
// checkout mocks") or nothing. Leads read the topic in the digest, and the
// store treats a repeated blocker as the same one when the words of one topic
// are among the other's (an empty topic matches any), so a topic that names
// the target instead of the thing would split one blocker into two.

// phrase is the tokens [a, b) of a noun phrase; lim bounds what may follow it
// in its clause. A phrase with a >= b is empty.
type phrase struct{ a, b, lim int }

func (s phrase) empty() bool { return s.a >= s.b }

// blockTopic returns the topic of a blocker found in toks[a:b] by a cue whose
// targets start at from in scope sc; own is the awaited thing named in that
// scope. In order it tries: that thing, the words after the cue ("blocked on
// moving the e2e tests"), an awaited thing elsewhere in the clause or the one
// before, and the subject before the cue ("PR reviews blocked on Dario").
func (p *parser) blockTopic(own phrase, a, b, from int, sc scope) string {
	if !own.empty() {
		if t := p.topicFor(own, from, b); t != "" {
			return t
		}
	}
	inClause := !p.art.empty() && p.art != own && p.art.a >= a && p.art.b <= b
	if inClause {
		if t := p.topicFor(p.art, from, b); t != "" {
			return t
		}
	}
	if sc == scopeAfter {
		if t := p.topicFor(phrase{}, from, b); t != "" {
			return t
		}
		for k := a; k < from && k < b; k++ {
			if p.artifactAt(k) {
				s, end, _, _ := p.artifactPhrase(k, a, from)
				if t := p.topicFor(phrase{s, end, from}, from, b); t != "" {
					return t
				}
				break
			}
		}
	}
	if !p.art.empty() && p.art != own && !inClause {
		if t := p.topicFor(p.art, from, b); t != "" {
			return t
		}
	}
	if p.prevA >= 0 && p.prevB <= a {
		if onlyFiller(p.toks[p.prevA:p.prevB]) && sameAsBefore(p.toks[p.prevA:p.prevB]) {
			return "" // "B: same, definition from Rachel": "same" is no topic
		}
		return p.nounClause(p.prevA, p.prevB, true) // "IPLD spec reviews (I'll ping Kofi again)"
	}
	return ""
}

// topicFor returns the topic of a blocker whose awaited thing is art, or, when
// art is empty, the phrase after its cue at from within toks[:b].
func (p *parser) topicFor(art phrase, from, b int) string {
	x := art
	if x.empty() {
		x = p.phraseAt(from, b)
		if x.empty() {
			return ""
		}
	} else {
		for x.a+1 < x.b && (p.toks[x.a].cls.has(cRequestVerb) && !p.nounAt(x.a) || p.verbAt(x.a, x.b)) {
			x.a++ // "to finish regression": the verb is no part of the thing
		}
		x.a = p.modifiersBefore(x.a)
		x.b = p.headAfter(x)
	}
	t, _ := p.compose(x)
	if p.isTargetName(t) {
		return ""
	}
	return t
}

// nounAt reports whether toks[k], a word that may be a verb, is a noun here:
// an awaited thing the lexicon knows, not after "to" ("the release candidate
// build", not "to release the build").
func (p *parser) nounAt(k int) bool {
	return p.artifactAt(k) && (k == 0 || p.toks[k-1].low != "to")
}

// modifiersBefore extends a phrase starting at s back over adjectives the
// target's name leaves out: "the updated tables", "the new CI runners".
func (p *parser) modifiersBefore(s int) int {
	for j := s - 1; j >= 0 && s-j <= 2; j-- {
		t := &p.toks[j]
		if t.kind != tWord || !t.cls.has(cTopicAdjective) {
			break
		}
		s = j
	}
	return s
}

// headAfter extends the awaited thing x over the nouns that follow it in a
// compound the lexicon does not know: "the new CI runners", not "CI".
func (p *parser) headAfter(x phrase) int {
	e := x.b
	for e < x.lim && e-x.a < 6 {
		t := &p.toks[e]
		if t.kind != tWord || t.quoted || topicStop(t) || t.cls.has(cDet) || t.cls.has(cArrival) ||
			strings.HasSuffix(t.low, "ing") && len(t.low) > 4 ||
			p.targetLen(e, x.lim) > 0 || t.capital && !t.acronym && p.nameAt(e, x.a, x.lim) || p.listNumber(e) ||
			p.timeAhead(e, x.lim) {
			break
		}
		e++
	}
	for e > x.b && strings.HasSuffix(p.toks[e-1].low, "ed") {
		e--
	}
	return e
}

// phraseAt finds the noun phrase a cue points at from k: it skips fillers,
// the targets ("waiting on Eve for …") and a leading request verb ("to approve
// the copy"), then takes the run of content words.
func (p *parser) phraseAt(k, b int) phrase {
	toks := p.toks
	verb := false
	from := k
	for k < b {
		t := &toks[k]
		if k > from && t.kind == tWord && t.cls.has(cCondition) && p.wordIs(k+1, k, b, cFirstPerson) {
			return phrase{} // "waiting on legal to sign before we can invoice Q1": the author's next step, no thing awaited
		}
		if t.kind != tWord {
			if t.kind == tPunct && t.punct != '/' && t.punct != '&' {
				return phrase{}
			}
			k++ // a mention, a group, a link
			continue
		}
		if n := p.targetLen(k, b); n > 0 {
			if p.modifiesNext(k, n, b) {
				break // "content team work": the target names whose work
			}
			k += n
			continue
		}
		if t.cls.has(cStop) || t.cls.has(cLeadFiller) || t.cls.has(cDet) && !t.cls.has(cTopicAdjective) || t.cls.has(cGroupWord) {
			k++
			continue
		}
		if !verb && (p.infinitive(k, b) || !p.artifactAt(k) && (t.cls.has(cRequestVerb) || t.cls.has(cPartyAct) || p.verbAt(k, b))) {
			verb = true // "to approve the copy", "until IT gives me an account"
			k++
			if p.wordIs(k, k, b, cParticle) {
				k++ // "until finance signs off": the verb's particle is no thing
			}
			continue
		}
		break
	}
	end := p.nounRun(k, b)
	if end == k {
		return phrase{}
	}
	return phrase{k, end, b}
}

// modifiesNext reports whether the target toks[k:k+n] modifies the noun after
// it ("the content team work") rather than being followed by its verb ("ops
// approves the window") or by something else.
func (p *parser) modifiesNext(k, n, b int) bool {
	j := k + n
	if j >= b || p.toks[k].kind != tWord {
		return false
	}
	t := &p.toks[j]
	return t.kind == tWord && !topicStop(t) && !t.cls.has(cRequestVerb) && p.targetLen(j, b) == 0 &&
		p.targetAt(j, b) == 0 && !p.verbAt(j, b) && !t.cls.has(cPartyAct) // "until finance signs off"
}

// verbAt reports whether toks[k] acts as a verb: after an infinitive "to"
// ("to open the port") or before an object ("gives me", "getting a test
// account").
func (p *parser) verbAt(k, b int) bool {
	if k > 0 && p.toks[k-1].low == "to" && (k < 2 || p.toks[k-2].low != "due") {
		return true
	}
	return k+1 < b && p.toks[k+1].cls.has(cObjectStart)
}

// timeAhead reports whether toks[k] opens a time ("last week", "next
// month"), which ends the name of the thing before it: "sent the samples for
// review last week" awaits review.
func (p *parser) timeAhead(k, hi int) bool {
	return p.toks[k].cls.has(cTimeRelative) && k+1 < hi && p.toks[k+1].cls.has(cTimeWord)
}

// topicStop reports whether the word t ends the words of a topic: a stop
// word, a time, a hypothetical or a topic end.
func topicStop(t *token) bool {
	return t.cls.overlaps(&topicStopClasses)
}

// topicStopClasses are the classes of the words that end a topic.
var topicStopClasses = setOf(cStop, cTimeWord, cHypothetical, cTopicEnd)

// nounRun returns the end of the run of content words from k: up to five
// words, stopping at punctuation, a function word, a time or a target name.
func (p *parser) nounRun(k, b int) int {
	toks := p.toks
	end := k
	for end < b && end-k < 5 {
		t := &toks[end]
		if t.kind != tWord || topicStop(t) || t.quoted {
			break
		}
		if end > k && (p.isPerson(end) || t.capital && !t.acronym && p.nameAt(end, k, b)) {
			break
		}
		if end > k && p.listNumber(end) {
			break // "1. DPA 2. booking confirmation": the next item's number
		}
		if end > k && p.timeAhead(end, b) {
			break // "review last week": a time, not the thing's last word
		}
		end++
	}
	for end > k+1 && strings.HasSuffix(p.toks[end-1].low, "ed") && !p.artifactAt(end-1) {
		end-- // "AWS credits exhausted": a noun phrase does not end in a participle
	}
	return end
}

// targetLen returns how many tokens of toks[k:b] name a target of the current
// blocker, or 0.
func (p *parser) targetLen(k, b int) int {
	t := &p.toks[k]
	if t.kind == tMention || t.kind == tGroup {
		return 1
	}
	if e, n := p.match(k); n > 0 && e.class != classArtifact && !p.artifactAt(k+n) {
		if e.class == classPerson && n == 1 && p.surnameAt(k+1, b) {
			n++ // "Mei Chen": the person's surname is no topic
		}
		return n
	}
	for _, tg := range p.targets[p.blockFrom:] {
		if tg.Kind == "artifact" {
			continue
		}
		for n := 1; n <= 4 && k+n <= b; n++ {
			if strings.EqualFold(p.span(k, k+n), tg.Name) {
				return n
			}
		}
	}
	return 0
}

// isTargetName reports whether s is the name of a target of the current
// blocker (not an awaited thing): such a topic says nothing the target does not.
func (p *parser) isTargetName(s string) bool {
	for _, tg := range p.targets[p.blockFrom:] {
		if tg.Kind != "artifact" && strings.EqualFold(s, tg.Name) {
			return true
		}
	}
	return false
}

// compose returns the topic for the noun phrase x, folding in what follows it
// within x.lim: "from <target>" is skipped, and "for/on/about Y" makes Y a
// modifier ("mocks from design for checkout" -> "checkout mocks"). After a
// word that only says a reply is awaited ("no update on the SDK fix"), Y alone
// is the topic. It also returns the end of the tokens it read.
func (p *parser) compose(x phrase) (string, int) {
	toks := p.toks
	j := x.b
	for j+1 < x.lim && toks[j].kind == tWord && (toks[j].low == "from" || toks[j].low == "by") {
		m := j + 1
		for m < x.lim && p.wordIs(m, m, x.lim, cPureDet) {
			m++
		}
		n := 0
		if m < x.lim {
			n = p.targetLen(m, x.lim)
		}
		if n == 0 {
			break
		}
		j = m + n
	}
	y := p.ppObject(j, x.lim)
	if y.empty() {
		return p.span(x.a, x.b), x.b
	}
	if x.b-x.a == 1 && toks[x.a].cls.has(cEmptyNoun) {
		return p.span(y.a, y.b), y.b
	}
	if p.targetLen(x.a, x.lim) > 0 {
		return p.span(y.a, y.b), y.b // "until product decides on pricing": the target decides, pricing is awaited
	}
	buf := p.topicBuf[:0]
	buf = append(buf, p.text[toks[y.a].start:toks[y.b-1].end]...)
	buf = append(buf, ' ')
	n := len(buf)
	buf = append(buf, p.text[toks[x.a].start:toks[x.b-1].end]...)
	if t := &toks[x.a]; t.capital && !t.acronym && (x.a == p.sentA || t.lineStart) && buf[n] >= 'A' && buf[n] <= 'Z' {
		buf[n] += 'a' - 'A' // "Requirements for the export …" -> "export feature requirements"
	}
	p.topicBuf = buf
	return string(buf), y.b
}

// ppObject returns Y in "for/on/about/re Y" at j (or "to Y" after an access
// word: "access to the prod logs"): up to three content words
// after determiners, not a target, a time or a bare number.
func (p *parser) ppObject(j, lim int) phrase {
	switch w := p.word(j, j, lim); {
	case w == "for" || w == "on" || p.wordIs(j, j, lim, cAboutWord):
	case w == "to" && p.wordIs(j-1, j-1, lim, cAccessNoun) && p.wordIs(j+1, j+1, lim, cDet):
		// "read access to the staging replica" -> "staging replica read access"
	case w == "of":
		if !actionNoun(p.word(j-1, j-1, lim)) && !p.wordIs(j-1, j-1, lim, cContentNoun) {
			return phrase{} // "terms of service" stays as written; "list of pilot accounts" is the accounts' list
		}
	default:
		return phrase{}
	}
	k := j + 1
	for k < lim && p.toks[k].kind == tWord && p.toks[k].cls.has(cDet) {
		k++
	}
	if k >= lim || p.toks[k].kind != tWord || p.targetLen(k, lim) > 0 && !p.subjectMatter(k, p.sentA) {
		return phrase{} // "no movement from Northgate on Savings Pots": a name there is what about
	}
	end := p.nounRun(k, lim)
	if p.toks[k].capital && !p.toks[k].acronym && p.nameAt(k, j, lim) {
		_, first := firstNames()[p.toks[k].low]
		if first || end == k+1 {
			return phrase{} // "mocks for Eve" names whom, not what
		}
	}
	if end == k || end-k > 3 {
		return phrase{}
	}
	if end < lim && p.toks[end].kind == tWord && !topicStop(&p.toks[end]) {
		return phrase{} // the run goes on: not a short noun phrase
	}
	numbers := true
	for m := k; m < end; m++ {
		numbers = numbers && isNumberLike(p.toks[m].low)
	}
	if numbers {
		return phrase{}
	}
	return phrase{k, end, lim}
}

// nounClause returns the topic a clause gives when it is a bare noun phrase
// after the cue's clause: "Blocked on design: checkout mocks, day 5". It
// returns "" when the clause says something else ("will ping them again").
// When strict, the clause must be the noun phrase and fillers, even when it
// names an awaited thing.
func (p *parser) nounClause(a, b int, strict bool) string {
	toks := p.toks
	k := a
	for k < b && toks[k].kind == tWord && (toks[k].cls.has(cPureDet) || toks[k].cls.has(cLeadFiller) ||
		toks[k].low == "still" || toks[k].cls.has(cAboutWord)) {
		k++
	}
	if k >= b || toks[k].kind != tWord || toks[k].cls.has(cStop) || toks[k].cls.has(cRequestVerb) {
		return ""
	}
	end := p.nounRun(k, b)
	if end == k || p.targetLen(k, b) > 0 {
		return "" // "Blocked on design: Eve" names whom, not what
	}
	if n := p.targetAt(k, b); n > 0 && k+n < end && strings.HasSuffix(toks[k+n].low, "ing") && !p.artifactAt(k+n) &&
		!toks[k+n].cls.has(cIngNoun) {
		return "" // "Helix asking daily", "Dana working on it": a party at work, no thing
	}
	if end == k+1 && !p.artifactAt(k) && (toks[k].capital && !toks[k].acronym || strings.HasSuffix(toks[k].low, "ed")) {
		return "" // a name, or a participle ("unblocked now")
	}
	x := phrase{p.modifiersBefore(k), end, b}
	artifact := false
	for m := k; m < end; m++ {
		artifact = artifact || p.artifactAt(m)
	}
	t, used := p.compose(x)
	if !artifact || strict {
		// Without an awaited thing the lexicon knows, only fillers may follow.
		for m := used; m < b; m++ {
			if w := &toks[m]; w.kind == tWord && !w.cls.has(cTimeWord) && !isNumberLike(w.low) && !w.cls.has(cLeadFiller) {
				return ""
			}
		}
	}
	if p.isTargetName(t) {
		return ""
	}
	return t
}

// actionNoun reports whether w names an action whose object "of Y" says what
// it is about: "resolution of the etcd issue" -> "etcd issue resolution".
func actionNoun(w string) bool {
	if inClass(w, cActionNoun) {
		return true
	}
	return len(w) > 6 && (strings.HasSuffix(w, "tion") || strings.HasSuffix(w, "ment"))
}

// noTopic reports whether topic holds no word that can say what is awaited:
// only words of the lexicon class not-topic ("thanks", "hold", "lack",
// "three"), stop words, times and participles of the act awaited ("signed",
// "approved"; "0.1" and "v2" stay: versions are awaited).
// Such a topic would set one wait apart from the same wait
// told again in other words (docs/DESIGN.md, "Blocker identity"), so it is
// dropped.
func noTopic(topic string) bool {
	var buf [32]byte
	words := 0
	for i := 0; i < len(topic); {
		for i < len(topic) && topic[i] == ' ' {
			i++
		}
		j := i
		for j < len(topic) && topic[j] != ' ' {
			j++
		}
		if j == i {
			break
		}
		w := topic[i:j]
		i = j
		words++
		if len(w) > len(buf) {
			return false
		}
		n := 0
		for k := 0; k < len(w); k++ {
			c := w[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[n] = c
			n++
		}
		low := buf[:n]
		cls := gram.classes[string(low)]
		switch {
		case cls.has(cNotTopic), cls.has(cStop), cls.has(cTimeWord):
			continue
		case cls.has(cDoneParticiple), cls.has(cArrivalVerb) && strings.HasSuffix(string(low), "ed"):
			continue // "until it's signed": the act awaited, not what it is done to
		}
		return false
	}
	return words > 0
}

// dropEmptyTopics drops the topics that say nothing (noTopic): the
// statement's, the resolution's and each target's.
// dropEmptyThings removes the awaited things that say only that something is
// awaited ("answer", "reply", "news": lexicon class empty-noun) when the
// report names another target: "TestLab Nord - EMC results, no answer" waits
// on the lab for the results; an "answer" beside them would be a second wait,
// on nothing a lead could chase.
func (p *parser) dropEmptyThings() {
	empty := func(t unblock.Target) bool {
		if t.Kind != unblock.TargetArtifact || strings.ContainsAny(t.Name, " -") {
			return false
		}
		return p.lex.words[p.lex.id(strings.ToLower(t.Name))].cls.has(cEmptyNoun)
	}
	if !slices.ContainsFunc(p.targets, func(t unblock.Target) bool { return !empty(t) }) {
		if len(p.targets) > 0 && p.blocked && !p.resolved {
			// "aws case 1729-88 no reply": a wait on a reply alone names
			// nothing a lead could chase; it goes on with the author's waits.
			p.note("empty-thing-dropped", -1, -1)
			p.targets = p.targets[:0]
		}
		return
	}
	if slices.ContainsFunc(p.targets, empty) {
		p.note("empty-thing-dropped", -1, -1)
		p.targets = slices.DeleteFunc(p.targets, empty)
	}
	thing := slices.ContainsFunc(p.targets, func(t unblock.Target) bool { return t.Kind == unblock.TargetArtifact })
	if thing && empty(unblock.Target{Kind: unblock.TargetArtifact, Name: p.topic}) {
		p.topic = "" // nor is it the topic beside a thing: "EMC results, no answer" waits on the results
	}
}

func (p *parser) dropEmptyTopics() {
	p.topic, p.resolvedTopic = unmarked(p.topic), unmarked(p.resolvedTopic)
	for i := range p.targets {
		p.targets[i].Topic = unmarked(p.targets[i].Topic) // a name stays as written
	}
	if noTopic(p.topic) {
		p.topic = ""
	}
	if noTopic(p.resolvedTopic) {
		p.resolvedTopic = ""
	}
	for i := range p.targets {
		if noTopic(p.targets[i].Topic) {
			p.targets[i].Topic = ""
		}
	}
}

// unmarked returns s without the mrkdwn emphasis a span of the text carries at
// a word's edge ("*pricing* mocks" read from "B: *pricing* mocks"): the
// scanner skips the markup, but a span is the text as written. Markup inside
// a word stays ("snake_case", "a*b").
func unmarked(s string) string {
	if !strings.ContainsAny(s, "*_~`") {
		return s
	}
	b := []byte(s)
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if !isMark(b[i]) {
			out = append(out, b[i])
			i++
			continue
		}
		j := i // a run of markup: kept inside a word, dropped at its edge
		for j < len(b) && isMark(b[j]) {
			j++
		}
		if i > 0 && b[i-1] != ' ' && j < len(b) && b[j] != ' ' {
			out = append(out, b[i:j]...)
		}
		i = j
	}
	return strings.TrimSpace(string(out))
}

func isMark(c byte) bool { return c == '*' || c == '_' || c == '~' || c == '`' }

// emptyWord reports whether topic is one word that says only that something
// is awaited ("ETA", "answer", "update": lexicon class empty-noun).
func (p *parser) emptyWord(topic string) bool {
	return !strings.Contains(topic, " ") && p.lex.words[p.lex.id(strings.ToLower(topic))].cls.has(cEmptyNoun)
}

// actWord reports whether topic is one word for an act on a thing, not the
// thing: "sign-off", "review", "approval" (lexicon classes approval-word,
// approval-noun and review-act).
func (p *parser) actWord(topic string) bool {
	if strings.Contains(topic, " ") {
		return false
	}
	cls := &p.lex.words[p.lex.id(strings.ToLower(topic))].cls
	return cls.has(cApprovalWord) || cls.has(cApprovalNoun) || cls.has(cReviewAct)
}
