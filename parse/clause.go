package parse

import (
	"strings"

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
	toks := p.toks
	cond := p.cond
	p.cond = false
	if w := toks[a].low; toks[a].kind == tWord {
		switch w {
		case "if", "once", "when", "unless", "after", "whenever", "assuming", "provided":
			p.cond = true
		case "as":
			p.cond = a+2 < b && toks[a+1].low == "soon" && toks[a+2].low == "as"
		}
	}

	if p.wantTopic && p.blocked && p.topic == "" && a > 0 && p.toks[a-1].kind == tPunct {
		p.wantTopic = false
		p.topic = p.nounClause(a, b, false)
	}
	if p.wantTargets && p.blocked {
		p.wantTargets = false
		if n, topic := p.addTargets(a, b, a, scopeClause); n > 0 && topic != "" && p.topicFromCue {
			p.topic = p.topicFor(p.art, a, b)
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

	none := noneAnswer(toks[a:b])
	switch sec {
	case secNone:
		if none {
			p.noneClauses++
			return
		}
		if !onlyFiller(toks[a:b]) {
			p.contentClauses++
		}
	case secBlock, secRisk:
		if none {
			p.none = true
			return
		}
	}

	before := p.blocked
	found := p.cues(a, b, cond)
	if found || sec != secBlock {
		return
	}
	// In a Blockers section, what is written is the blocker, unless it is
	// only a condition or filler.
	if before != p.blocked || onlyFiller(toks[a:b]) || hypothetical(toks, a, b) {
		return
	}
	p.block(a, b, a, scopeClause)
}

// onlyFiller reports whether the clause says nothing: greetings, thanks, a
// bare mention of the reader.
func onlyFiller(toks []token) bool {
	for _, t := range toks {
		if t.kind != tWord {
			continue
		}
		switch t.low {
		case "thanks", "thank", "you", "hi", "hey", "hello", "cc", "fyi", "ty", "thx", "cheers", "please",
			"see", "above", "below", "same", "as", "yesterday", "ditto", "tbd", "etc", "and", "also", "ok",
			"okay", "update", "updates", "status", "nothing", "new":
			continue
		}
		return false
	}
	return true
}

// noneAnswer reports whether the clause is an explicit "no blockers": only
// words such answers use, at least one of which says none.
func noneAnswer(toks []token) bool {
	neg, words := false, 0
	for _, t := range toks {
		switch t.kind {
		case tPunct:
			continue
		case tWord:
		default:
			return false
		}
		words++
		switch noneWord(t.low) {
		case 0:
			return false
		case 2:
			neg = true
		}
	}
	return neg && words <= 10
}

// hypothetical reports whether toks[a:b] holds a word that makes it a
// condition, a possibility or a habit.
func hypothetical(toks []token, a, b int) bool {
	for k := a; k < b; k++ {
		if toks[k].kind == tWord && isHypothetical(toks[k].low) {
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

// negated reports whether one of the three words before k negates it.
func (p *parser) negated(k, a int) bool {
	for j := k - 1; j >= a && j >= k-3; j-- {
		t := p.toks[j]
		if t.kind != tWord {
			if t.kind == tPunct && (t.punct == '\'' || t.punct == '"') {
				continue
			}
			return false
		}
		if isNegator(t.low) {
			if t.low == "no" && j > a && p.toks[j-1].low == "if" {
				return false
			}
			// "no" is a determiner: it negates its own noun ("no much update
			// waiting for review"), so it negates the cue only when nothing
			// but a degree word stands between.
			if t.low == "no" {
				for m := j + 1; m < k; m++ {
					switch p.toks[m].low {
					case "longer", "more", "one", "real", "big", "major", "'", "\"":
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
// reports whether it found any.
func (p *parser) cues(a, b int, cond bool) bool {
	toks := p.toks
	found := false
	for k := a; k < b; k++ {
		t := toks[k]
		if t.kind != tWord || t.quoted {
			continue
		}
		w := t.low
		pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
		switch w {
		case "blocked", "blocking", "blocker", "blockers", "block", "blocks", "roadblock", "roadblocks",
			"impediment", "impediments", "obstacle", "obstacles", "stuck", "stalled", "bottlenecked":
			if p.notAReport(k, a, b) {
				continue
			}
			if p.blockWord(k, a, b, cond) {
				found = true
			}
		case "unblocked", "unblock", "unstuck":
			if w == "unblock" && !(nw == "me" || nw == "us") {
				continue
			}
			if p.negated(k, a) {
				p.block(a, b, k+1, scopeClause)
				found = true
				continue
			}
			if cond || hypothetical(toks, a, k) || p.futureBefore(k, a) {
				continue
			}
			if nt := p.nextTok(k, b); nt >= 0 && (toks[nt].kind == tMention || toks[nt].capital && !toks[nt].acronym ||
				isObjectWord(toks[nt].low)) {
				continue // "unblocked <@U1> on gossipsub": the author helped someone else
			}
			p.resolve(a, b)
			found = true
		case "waiting", "wait", "awaiting", "await", "awaits", "waits":
			if p.notAReport(k, a, b) {
				continue
			}
			if p.waitWord(k, a, b, cond) {
				found = true
			}
		case "pending":
			if pw == "patent" || cond || hypothetical(toks, a, k) {
				continue
			}
			if p.negated(k, a) {
				p.none = true
				continue
			}
			sc := scopeAfter
			if nw == "" {
				sc = scopeBefore
			}
			p.block(a, b, k+1, sc)
			found = true
		case "depends", "depend", "dependent", "dependant", "dependency", "dependencies", "contingent", "gated":
			if !(nw == "on" || nw == "upon" || nw == "by") || cond || hypothetical(toks, a, k) || p.negated(k, a) {
				continue
			}
			if (w == "dependency" || w == "dependencies") && p.completedAfter(k+2, b) {
				p.resolve(a, b)
				found = true
				continue
			}
			p.block(a, b, k+2, scopeAfter)
			found = true
		case "held", "holding", "hold":
			if p.holdWord(k, a, b, cond) {
				found = true
			}
		case "need", "needs", "needed", "require", "requires", "required", "requiring":
			if p.needWord(k, a, b, cond) {
				found = true
			}
		case "can't", "cannot", "unable", "couldn't", "can":
			if p.cantWord(k, a, b, cond) {
				found = true
			}
		case "until", "till", "once", "before":
			if p.untilWord(k, a, b) {
				found = true
			}
			if w == "once" && p.addressee(k, a, b) {
				found = true
			}
		case "if", "when":
			if p.addressee(k, a, b) {
				found = true
			}
		case "no", "still":
			if p.noResponse(k, a, b) {
				found = true
			}
			if w == "no" && p.noneAfter(k, b) {
				p.none = true
				found = true
			}
		case "haven't", "hasn't", "hadn't", "has", "had", "not", "yet", "didn't":
			if p.notYet(k, a, b, cond) {
				found = true
			}
		case "missing", "lacking":
			if cond || hypothetical(toks, a, k) || p.negated(k, a) {
				continue
			}
			if isBe(pw) || pw == "still" || k == a || p.artifactAt(k-1) {
				p.block(a, b, k+1, scopeClause)
				found = true
			}
		case "locked":
			if nw == "out" && !cond && !hypothetical(toks, a, k) {
				p.block(a, b, k+2, scopeAfter)
				found = true
			}
		case "update", "updates", "news":
			if pw == "any" && (nw == "on" || nw == "from" || nw == "re" || nw == "about") && !hypothetical(toks, a, k) {
				p.block(a, b, k+2, scopeAfter)
				found = true
			}
		case "owes", "owe":
			if isFirstPerson(nw) && !cond && !hypothetical(toks, a, k) {
				p.block(a, b, k, scopeBefore)
				found = true
			}
		case "eta":
			if nw == "on" || nw == "for" || pw == "any" || pw == "an" {
				p.block(a, b, k+1, scopeClause)
				found = true
			}
		case "chasing", "chase", "chased", "ping", "pinged", "nudge", "nudged", "poke", "poked", "pinging", "nudging":
			if p.hasWord(a, b, "again") || p.hasWord(a, b, "still") || w == "chasing" {
				p.block(a, b, k+1, scopeAfter)
				found = true
			}
		case "delayed", "delay":
			if (nw == "by" || nw == "until" || nw == "due" || nw == "pending" || nw == "on") && !cond && !hypothetical(toks, a, k) {
				p.block(a, b, k+1, scopeAfter)
				found = true
			} else if w == "delayed" && p.artifactAt(k-1) && k-1 >= a && !cond && !hypothetical(toks, a, k) && !p.negated(k, a) {
				// "<awaited thing> delayed": "copy approval delayed", "the
				// security review (is) delayed". The thing is the blocker.
				p.block(a, b, k, scopeBefore)
				found = true
			}
		case "resolved", "fixed", "sorted", "cleared", "lifted", "removed", "removing":
			if p.resolvedWord(k, a, b, cond) {
				found = true
			}
		case "done", "complete", "completed", "delivered", "arrived", "landed", "approved", "in", "available",
			"clarified", "provided", "merged", "shipped", "came", "signed", "here", "finalized", "finalised", "decided":
			if p.arrived(k, a, b, cond) {
				found = true
			}
		case "got", "received", "gotten", "heard", "obtained", "secured", "have":
			if w == "have" && p.notYet(k, a, b, cond) || p.gotWord(k, a, b, cond) {
				found = true
			}
		case "finally":
			if !cond && !p.futureBefore(k, a) && !hypothetical(toks, a, k) && nw != "" && nw != "be" &&
				(strings.HasSuffix(nw, "ed") || nw == "got" || nw == "came" || nw == "heard" || nw == "gotten" ||
					nw == "in" || nw == "done" || nw == "here" || nw == "through") {
				p.resolve(a, b)
				found = true
			}
		case "good":
			if nw == "to" && p.word(k+2, a, b) == "go" && !cond && !hypothetical(toks, a, k) && !p.negated(k, a) {
				p.resolve(a, b)
				p.readiness++
				found = true
			}
		case "proceed", "continue", "resume", "ahead", "forward", "unblocks":
			if p.proceedWord(k, a, b, cond) {
				found = true
			}
		case "anymore":
			if p.negated(k, a) || p.hasWord(a, k, "not") {
				p.resolve(a, b)
				found = true
			}
		case "longer":
			if pw == "no" && (p.blockish(k+1, b) || nw == "") {
				p.resolve(a, b)
				found = true
			}
		case "moved":
			if nw == "from" || nw == "out" {
				for j := k + 1; j < b && j <= k+3; j++ {
					if toks[j].low == "blocked" {
						p.resolve(a, b)
						found = true
						break
					}
				}
			}
		default:
			if strings.HasSuffix(w, "-blocker") || strings.HasSuffix(w, "-blocked") {
				switch w[:strings.IndexByte(w, '-')] {
				case "semi", "partial", "partially", "soft", "minor", "major", "hard", "big", "half":
					if !cond && !hypothetical(toks, a, k) {
						p.block(a, b, k+1, scopeAfter)
						found = true
					}
				}
			}
		}
	}
	return found
}

// notAReport reports whether the blocker or waiting cue at k, in the clause
// starting at a, is talked about rather than reported:
//
//   - asked about: in a question, a cue that neither opens the sentence nor
//     follows the author ("I", "we", "my" …) asks about someone else's
//     blocker ("what's the blocker there?", "is anyone blocked if …?",
//     "Sam is blocked on it, right?"); "Waiting on design, can someone look?"
//     and "we're stuck, can you help?" still report one;
//   - a circumstance: "when" before the cue in its clause makes it a time or a
//     habit, not the present ("helpful when I was stuck", "ask early when stuck");
//   - a proposal: "let's" before the cue ("let's not have releases blocked on it");
//   - denied by opinion: a negated verb of opinion earlier in the sentence
//     ("I don't see this being a big, like, blocker"), which the three-word
//     negation window misses when commas cut the sentence.
func (p *parser) notAReport(k, a, b int) bool {
	toks := p.toks
	w := toks[k].low
	// "if" earlier in the sentence, outside an embedded question ("not sure
	// if …"), makes the clauses after it a condition: "if the queue is full
	// and it's stuck behind a big message, you wait".
	for j := p.sentA; j < a; j++ {
		if toks[j].kind == tWord && (toks[j].low == "if" || toks[j].low == "unless") && !knowVerb(p.word(j-1, p.sentA, a)) {
			return true
		}
	}
	// A clause that opens with the gerund and holds a conditional modal is
	// about the option of waiting: "waiting for X before we do Y would delay Y".
	if k == a && strings.HasSuffix(w, "ing") {
		for j := k + 1; j < b; j++ {
			switch toks[j].low {
			case "would", "could", "might", "'d":
				return true
			}
		}
	}
	// The reader or a generic "you" waits, not the author.
	if pw := p.word(k-1, a, b); pw == "you" || pw == "you're" || pw == "u" || pw == "youre" ||
		(isBe(pw) && p.word(k-2, a, b) == "you") {
		return true
	}
	// "this is what I've been waiting for": the awaited thing is here.
	if (w == "waiting" || w == "wait") && k+2 == b && p.word(k+1, a, b) == "for" && p.hasWord(a, k, "what") {
		return true
	}
	// Blockers as the object of handling them ("listing blockers",
	// "surface blockers early") are talked about, not reported.
	if (w == "blockers" || w == "impediments") && handleVerb(p.word(k-1, a, b)) {
		return true
	}
	if p.question && !p.leadsSentence(k) {
		first := false
		for j := p.sentA; j < k; j++ {
			if toks[j].kind == tWord && (isFirstPerson(toks[j].low) || firstPersonContraction(toks[j].low)) {
				first = true
				break
			}
		}
		if !first {
			return true
		}
	}
	for j := a; j < k; j++ {
		if toks[j].kind != tWord {
			continue
		}
		switch toks[j].low {
		case "when", "let's", "lets":
			return true
		case "let":
			if n := p.word(j+1, a, k+1); n == "'s" || n == "s" || n == "us" {
				return true
			}
		}
	}
	switch toks[k].low {
	case "blocker", "blockers", "roadblock", "roadblocks", "impediment", "impediments", "obstacle", "obstacles":
		for j := p.sentA; j+1 < k; j++ {
			if toks[j].kind == tWord && isNegator(toks[j].low) && isOpinionVerb(p.word(j+1, p.sentA, k)) {
				p.none = true
				return true
			}
		}
	}
	return false
}

// knowVerb reports whether w, before "if", makes it "whether": "not sure if",
// "asked if", "check if".
func knowVerb(w string) bool {
	switch w {
	case "sure", "know", "knows", "asked", "ask", "asking", "check", "checking", "see", "wonder", "wondering",
		"unclear", "clear", "confirm", "idea", "tell", "find", "figure":
		return true
	}
	return false
}

// handleVerb reports whether w is a verb of handling blockers as a topic.
func handleVerb(w string) bool {
	switch strings.TrimSuffix(strings.TrimSuffix(w, "ing"), "s") {
	case "list", "track", "rais", "raise", "surfac", "surface", "discuss", "shar", "share", "flagg", "flag",
		"logg", "log", "captur", "capture", "identify", "review", "address", "escalat", "escalate", "handl",
		"handle", "report", "mention":
		return true
	}
	return false
}

// leadsSentence reports whether only adverbs of time and state ("still",
// "currently", "now", "also") come before k in its sentence.
func (p *parser) leadsSentence(k int) bool {
	for j := p.sentA; j < k; j++ {
		t := p.toks[j]
		if t.kind == tPunct {
			continue
		}
		switch t.low {
		case "still", "currently", "now", "also", "just", "and", "so":
			continue
		}
		return false
	}
	return true
}

// firstPersonContraction reports whether w is "I'm", "we're", "I've" and the like.
func firstPersonContraction(w string) bool {
	switch w {
	case "i'm", "im", "we're", "i've", "we've", "i'd", "we'd", "i'll", "we'll":
		return true
	}
	return false
}

// isOpinionVerb reports whether w, negated, denies a judgement ("don't see",
// "don't think").
func isOpinionVerb(w string) bool {
	switch w {
	case "see", "think", "consider", "expect", "believe", "foresee", "anticipate", "view", "regard":
		return true
	}
	return false
}

// isObjectWord reports whether w, after "unblocked", names someone the author helped.
func isObjectWord(w string) bool {
	switch w {
	case "someone", "them", "him", "her", "others", "the", "a", "team", "folks", "people", "everyone", "you":
		return true
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
		if isFuture(p.toks[j].low) {
			return true
		}
	}
	return false
}

// blockish reports whether the words at k say blocked or waiting ("no longer blocked").
func (p *parser) blockish(k, b int) bool {
	for j := k; j < b && j <= k+2; j++ {
		switch p.toks[j].low {
		case "blocked", "blocking", "waiting", "stuck", "blocker", "needed", "an", "a", "issue", "pending", "held":
			return true
		}
	}
	return false
}

// blockWord handles "blocked", "blocker", "blocking", "stuck" and their kin at k.
func (p *parser) blockWord(k, a, b int, cond bool) bool {
	toks := p.toks
	w := toks[k].low
	pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
	ppw, nnw := p.word(k-2, a, b), p.word(k+2, a, b)

	if (pw == "from" && (ppw == "moved" || ppw == "move")) || (pw == "of" && ppw == "out") {
		p.resolve(a, b) // "moved from Blocked to In Progress"
		return true
	}
	if p.noLonger(k, a, b) && (w == "blocked" || w == "stuck" || w == "blocking" || w == "blocker") {
		p.resolve(a, b)
		return true
	}
	if pw == "previously" || pw == "formerly" || pw == "was" && ppw == "previously" {
		p.resolve(a, b)
		return true
	}
	switch w {
	case "blocker", "blockers", "blocks", "roadblock", "roadblocks", "impediment", "impediments", "obstacle", "obstacles":
		if w == "blocks" && (isFirstPerson(nw) || nw == "the" && p.word(k+2, a, b) == "release") {
			if isFirstPerson(nw) && !cond && !hypothetical(toks, a, k) {
				p.block(a, b, k, scopeBefore)
				return true
			}
		}
		if p.negated(k, a) {
			p.none = true
			return true
		}
		if compoundBlocker(pw) {
			return false
		}
		switch nw {
		case "errors", "error", "bug", "bugs", "label", "labels", "column", "field", "status", "tag", "tags",
			"issues", "issue", "list", "lists", "board", "meeting", "meetings", "tracking", "triage":
			return false
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
			switch toks[j].low {
			case "removing", "removed", "remove", "cleared", "clearing", "resolved", "resolving", "fixed", "lifted", "eliminated":
				p.resolve(a, b)
				return true
			}
		}
		for j := k + 1; j < b; j++ {
			switch toks[j].low {
			case "resolved", "cleared", "removed", "gone", "fixed", "lifted", "sorted":
				if p.word(j-1, a, b) != "be" && p.word(j-1, a, b) != "get" {
					p.resolve(a, b)
					return true
				}
			}
		}
		if nw == "for" && !isFirstPerson(nnw) {
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
	case "blocking":
		switch pw {
		case "a", "an", "the", "non", "non-", "is", "'s", "are", "was":
			if pw == "a" || pw == "an" || pw == "the" || pw == "non" || pw == "non-" {
				return false
			}
		case "anything", "what", "what's", "whats", "who", "something":
			return false
		}
		switch nw {
		case "call", "calls", "io", "i/o", "operation", "operations", "read", "reads", "write", "writes", "mode",
			"queue", "socket", "sockets", "thread", "threads", "function", "functions", "api", "apis", "request",
			"requests", "wait", "loop", "lock", "locks", "version", "fashion", "manner", "way", "code", "task", "tasks":
			return false
		}
		if p.negated(k, a) {
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
		if isFirstPerson(nw) || isBe(pw) || k == a || pw == "currently" || pw == "still" || pw == "now" {
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
	case "block":
		if isFirstPerson(nw) && !cond && !hypothetical(toks, a, k) {
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
	if (pw == "were" || pw == "was") && (ppw == "that" || ppw == "which" || ppw == "who") {
		return false // "the tickets that were blocked by the old bug": a description
	}
	if w != "blocked" {
		if pw == "get" || pw == "got" && ppw == "un" {
			return false
		}
		p.block(a, b, k+1, scopeAfter)
		return true
	}
	if p.accessSubject(a, k) || nw == "by" && isFilter(nnw) {
		return false
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
	if isFirstPerson(nw) {
		p.block(a, b, k, scopeBefore) // "this blocked us from …": the cause is the subject
		return true
	}
	// Active use: "I blocked the spammer", "Blocked <@U1>".
	if isSubject(pw) || k == a || pw == "and" {
		nt := k + 1
		if nt < b {
			t := toks[nt]
			object := t.kind == tMention || t.kind == tWord && (isObjectWord(t.low) || t.low == "this" ||
				t.low == "that" || t.low == "an" || t.low == "his" || t.low == "their" || t.low == "some" || t.low == "it")
			if t.low == "a" && (nnw == "little" || nnw == "bit" || nnw == "lot") {
				object = false
			}
			if object {
				return false
			}
		}
	}
	if !isBe(pw) && pw != "still" && pw != "currently" && pw != "now" && pw != "as" && pw != "also" {
		switch nw {
		case "the", "a", "an", "this", "that", "these", "those", "some", "all", "his", "their", "its", "any", "every":
			if !(nw == "a" && (nnw == "little" || nnw == "bit" || nnw == "lot")) {
				return false // "the firewall blocked the requests": something else did the blocking
			}
		}
	}
	from := k + 1
	switch nw {
	case "on", "by", "until", "till", "for", "waiting", "pending", "due", "because", "since", "behind":
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
	s := p.toks[k-1]
	if s.kind != tWord && s.kind != tMention || s.kind == tWord && (isFunctionWord(s.low) || isFilter(s.low) ||
		isFirstPerson(s.low) || isBe(s.low) || isDet(s.low)) || p.accessSubject(a, k) {
		return false
	}
	for j, words := k+1, 0; j < b && words < 4; j++ {
		if l := p.toks[j].low; p.toks[j].kind != tWord || isDet(l) || l == "of" || isFirstPerson(l) {
			continue
		}
		words++
		if isWorkNoun(p.toks[j].low) {
			return true
		}
	}
	return false
}

// isWorkNoun reports whether w names work a blocker holds up.
func isWorkNoun(w string) bool {
	switch w {
	case "progress", "testing", "tests", "generation", "release", "releases", "deploy", "deploys", "deployment",
		"launch", "merge", "merging", "development", "rollout", "work", "handoff", "hand-off", "integration",
		"migration", "build", "builds", "qa", "signoff", "sign-off", "shipping", "implementation", "onboarding":
		return true
	}
	return false
}

// isFunctionWord reports whether w is a pronoun, conjunction, preposition or
// auxiliary, which cannot be the thing that blocks.
func isFunctionWord(w string) bool {
	switch w {
	case "it", "this", "that", "they", "he", "she", "you", "what", "which", "who", "and", "or", "but", "to",
		"of", "in", "on", "for", "with", "not", "will", "would", "could", "can", "may", "might", "should",
		"must", "also", "still", "now", "currently", "just", "anything", "something", "nothing", "non", "non-":
		return true
	}
	return false
}

// accessSubject reports whether the words before k are something that gets
// blocked in the access-control sense: an ad, a user, an IP address, traffic.
func (p *parser) accessSubject(a, k int) bool {
	for j := a; j < k; j++ {
		switch p.toks[j].low {
		case "ad", "ads", "user", "users", "account", "accounts", "spam", "spammer", "spammers", "ip", "ips",
			"email", "emails", "domain", "domains", "traffic", "port", "ports", "popup", "popups", "pop-ups",
			"cookie", "cookies", "tracker", "trackers", "bot", "bots", "sender", "senders", "caller", "callers",
			"video", "conferencing", "url", "urls", "address", "addresses", "number", "numbers", "site", "sites",
			"requests", "scripts", "script", "messages", "comments", "signups", "login", "logins", "country", "countries":
			return true
		}
	}
	return false
}

func isFilter(w string) bool {
	switch w {
	case "firewall", "adblock", "adblocker", "browser", "proxy", "antivirus", "cors", "csp", "filter",
		"cloudflare", "waf", "spam", "admin", "moderator", "moderators", "policy":
		return true
	}
	return strings.HasPrefix(w, "blok") || strings.HasSuffix(w, "block")
}

// waitWord handles "waiting on", "awaiting", "have to wait" at k.
func (p *parser) waitWord(k, a, b int, cond bool) bool {
	w := p.toks[k].low
	pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
	nnw := p.word(k+2, a, b)
	switch nw {
	case "room", "time", "times", "list", "lists", "queue", "state", "period", "screen", "page":
		return false
	}
	if w == "wait" {
		if pw == "can't" || pw == "cannot" || pw == "not" && p.word(k-2, a, b) == "can" {
			return false // "can't wait": eager, not blocked
		}
		if !(pw == "to" || pw == "will" || pw == "'ll" || pw == "must" || pw == "gotta" || pw == "still" ||
			nw == "on" || nw == "for" || nw == "until" || nw == "till") {
			return false
		}
	}
	if p.negated(k, a) {
		p.none = true
		return true
	}
	if cond || hypothetical(p.toks, a, k) {
		return false
	}
	if (nw == "on" || nw == "for") && isFirstPerson(nnw) {
		return false // someone is waiting on the author
	}
	for j := k - 1; j >= a && j >= k-3; j-- {
		l := p.toks[j].low
		if isBe(l) || l == "still" || l == "are" {
			continue
		}
		switch l {
		case "customers", "customer", "users", "user", "clients", "client", "they", "he", "she", "people", "folks",
			"someone", "everyone", "others", "stakeholders", "who":
			return false // a third party waits, not the author
		}
		break
	}
	from := k + 1
	switch nw {
	case "on", "for", "until", "till", "upon":
		from = k + 2
	case "to":
		if nnw == "hear" || nnw == "get" || nnw == "be" || nnw == "receive" || nnw == "see" {
			from = k + 3
		}
	}
	p.block(a, b, from, scopeAfter)
	if len(p.targets) == p.blockFrom {
		p.addTargets(a, k, a, scopeClause) // "PR waiting to be merged": the subject
	}
	return true
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
	case w == "holding" && (isFirstPerson(nw) && nnw == "up" || nw == "up" && isFirstPerson(nnw)):
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
		for sj >= a && (p.word(sj, a, b) == "still" || p.word(sj, a, b) == "just" || p.word(sj, a, b) == "really") {
			sj--
		}
		if sj >= a && p.targetAt(sj, b) > 0 && !isFirstPerson(toks[sj].low) {
			p.block(a, b, k, scopeBefore)
			return true
		}
	}
	if toks[k].low == "needed" && (pw == "help" || pw == "input") {
		return false
	}
	// "<awaited thing> (is) needed": "design review needed", "a decision is
	// needed from product". The thing before is the blocker.
	if toks[k].low == "needed" {
		j := k - 1
		if isBe(pw) {
			j--
		}
		if j >= a && p.artifactAt(j) {
			p.block(a, b, k, scopeBefore)
			return true
		}
	}
	// "need to know/get/hear …": look past the verb.
	start := k + 1
	if nw == "to" {
		switch p.word(k+2, a, b) {
		case "know", "get", "hear", "receive", "have", "see", "wait", "confirm", "find", "check":
			start = k + 3
			if w := p.word(start, a, b); w == "if" || w == "whether" || w == "when" {
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
	// "need <someone> to …" or "need <someone>'s …"
	j := start
	for j < b && isDet(p.word(j, a, b)) {
		j++
	}
	if j < b {
		if n := p.targetAt(j, b); n > 0 {
			after := p.word(j+n, a, b)
			if after == "to" || after == "'s" || after == "sign" || after == "approval" {
				p.block(a, b, j, scopeAfter)
				return true
			}
		}
	}
	// "need … from <someone>" or "need <an awaited thing>"
	for j := start; j < b && j < start+6; j++ {
		t := toks[j]
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
		if !isDet(t.low) && !isModifier(t) {
			break
		}
	}
	return false
}

// isModifier reports whether t may modify a noun that follows ("AWS", "final", "checkout").
func isModifier(t token) bool {
	if t.kind != tWord {
		return false
	}
	if isStop(t.low) {
		return false
	}
	return !strings.HasSuffix(t.low, "ing") || len(t.low) <= 4
}

// artifactAt reports whether the word at k is an awaited thing the lexicon knows.
func (p *parser) artifactAt(k int) bool {
	if k < 0 || k >= len(p.toks) {
		return false
	}
	e, n := p.match(k)
	return n > 0 && e.class == classArtifact
}

// cantWord handles "can't start until …", "unable to deploy", "can not proceed".
func (p *parser) cantWord(k, a, b int, cond bool) bool {
	w := p.toks[k].low
	j := k + 1
	if w == "can" {
		if p.word(j, a, b) != "not" {
			return false
		}
		j++
	}
	for j < b && (p.word(j, a, b) == "to" || p.word(j, a, b) == "really" || p.word(j, a, b) == "yet" ||
		p.word(j, a, b) == "even" || p.word(j, a, b) == "currently" || p.word(j, a, b) == "fully") {
		j++
	}
	if !isProgressVerb(p.word(j, a, b)) || cond || hypothetical(p.toks, a, k) {
		return false
	}
	if p.word(k-1, a, b) == "you" {
		return false
	}
	from := j + 1
	for m := j + 1; m < b; m++ {
		switch p.toks[m].low {
		case "until", "till", "because", "without", "since", "as", "before":
			from = m + 1
			m = b
		}
	}
	p.block(a, b, from, scopeAfter)
	return true
}

// untilWord handles "until X lands", "once design has weighed in", "before the
// mockup is available": what follows must say that something arrives.
func (p *parser) untilWord(k, a, b int) bool {
	toks := p.toks
	nw := p.word(k+1, a, b)
	if nw == "" || nw == "then" || nw == "now" || nw == "again" || nw == "more" {
		return false
	}
	own := nw == "i" || nw == "i'm" || nw == "i've" || nw == "we" || nw == "we're" || nw == "we've" || nw == "you"
	for j := k + 1; j < b; j++ {
		w := toks[j].low
		if toks[j].kind != tWord {
			continue
		}
		if !isArrival(w) && !strings.HasPrefix(w, "avail") && !strings.HasPrefix(w, "avali") {
			continue
		}
		if w == "green" && p.word(j+1, a, b) != "light" {
			continue
		}
		switch w {
		case "get", "gets", "hear", "hears", "receive", "receives", "back", "has", "have", "green":
			if w == "has" || w == "have" {
				if own || !p.artifactAfter(j+1, b) {
					continue
				}
			}
		case "in":
			if !isBe(p.word(j-1, a, b)) && p.word(j-1, a, b) != "weighed" && p.word(j-1, a, b) != "weighs" &&
				p.word(j-1, a, b) != "comes" && p.word(j-1, a, b) != "come" {
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
	for j < b && isDet(p.word(j, a, b)) {
		j++
	}
	nw := p.word(j, a, b)
	if nw == "" || hypothetical(p.toks, a, k) {
		return false
	}
	// "no update from me": the author has nothing to report, nobody owes them.
	if p.word(j+1, a, b) == "from" && isFirstPerson(p.word(j+2, a, b)) {
		return false
	}
	if w == "still" || isResponseNoun(nw) && (p.hasWord(j, b, "from") || p.hasWord(j, b, "yet") || nw != "update" && nw != "updates" && nw != "progress" && nw != "feedback" && nw != "review" && nw != "reviews") {
		if noneWord(nw) == 1 || nw == "blockers" || nw == "issues" {
			return false
		}
		p.block(a, b, j, scopeAfter)
		return true
	}
	return false
}

// noneAfter reports whether "no" at k says there are no blockers: "no blockers", "no roadblocks".
func (p *parser) noneAfter(k, b int) bool {
	for j := k + 1; j < b && j <= k+3; j++ {
		switch p.toks[j].low {
		case "blockers", "blocker", "blocks", "roadblocks", "roadblock", "impediments", "impediment", "obstacles",
			"issues", "problems", "blockages", "dependencies":
			return true
		case "real", "major", "current", "new", "known", "big", "significant", "other", "more", "further":
			continue
		}
		return false
	}
	return false
}

// notYet handles "haven't heard back", "not received …", "Bram hasn't been able to review".
func (p *parser) notYet(k, a, b int, cond bool) bool {
	toks := p.toks
	w := toks[k].low
	j := k + 1
	switch w {
	case "have", "has", "had":
		if p.word(j, a, b) != "not" {
			return false
		}
		j++
	case "not":
		if p.word(k-1, a, b) == "have" || p.word(k-1, a, b) == "has" || p.word(k-1, a, b) == "had" {
			return false // counted at "have"
		}
	case "yet":
		if p.word(j, a, b) != "to" {
			return false
		}
		j++
	}
	for j < b && (p.word(j, a, b) == "yet" || p.word(j, a, b) == "even" || p.word(j, a, b) == "really" ||
		p.word(j, a, b) == "been" || p.word(j, a, b) == "able" || p.word(j, a, b) == "to") {
		j++
	}
	v := p.word(j, a, b)
	if v == "" || cond || hypothetical(toks, a, k) {
		return false
	}
	subjOwn := false
	for m := k - 1; m >= a && m >= k-2; m-- {
		if isFirstPerson(toks[m].low) || toks[m].low == "i've" || toks[m].low == "we've" {
			subjOwn = true
		}
	}
	switch v {
	case "heard", "hear", "received", "receive", "gotten", "got", "get":
		p.block(a, b, j+1, scopeAfter)
		return true
	case "responded", "replied", "approved", "reviewed", "signed", "merged", "looked", "answered", "sent",
		"shared", "delivered", "provided", "confirmed", "take", "look", "review", "respond", "reply", "approve",
		"decided", "landed", "arrived", "released":
		if subjOwn {
			return false
		}
		p.block(a, b, j+1, scopeClause)
		return true
	}
	return false
}

// completedAfter reports whether a word from k on says a dependency is met.
func (p *parser) completedAfter(k, b int) bool {
	for j := k; j < b; j++ {
		switch p.toks[j].low {
		case "completed", "complete", "done", "resolved", "cleared", "met", "landed", "satisfied", "merged", "finished", "removed":
			return true
		}
	}
	return false
}

// resolvedWord handles "it's resolved now", "all fixed", "blocker cleared".
func (p *parser) resolvedWord(k, a, b int, cond bool) bool {
	w := p.toks[k].low
	pw, nw := p.word(k-1, a, b), p.word(k+1, a, b)
	if cond || hypothetical(p.toks, a, k) || p.futureBefore(k, a) || p.negated(k, a) {
		return false
	}
	if w == "removed" || w == "removing" {
		return false // counted at "blocker"
	}
	subject := false
	for j := k - 1; j >= a && j >= k-4; j-- {
		switch p.toks[j].low {
		case "it", "it's", "that", "this", "all", "issue", "issues", "everything", "dependency", "that's", "problem":
			subject = true
		case "blocker", "blockers":
			subject = !compoundBlocker(p.word(j-1, a, b))
		}
	}
	if w == "resolved" && (isBe(pw) || pw == "now" || pw == "been") && (nw == "" || nw == "now" || nw == "since") {
		subject = true
	}
	if !subject {
		return false
	}
	if nw != "" && (isDet(nw) || p.toks[k+1].kind == tMention) && nw != "now" {
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
	if cond || hypothetical(toks, a, k) || p.futureBefore(k, a) {
		return false
	}
	switch w {
	case "in", "here", "available":
		if !isBe(pw) && pw != "now" {
			return false
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
	// Walk back over auxiliaries to the subject.
	j := k - 1
	for j >= a {
		l := toks[j].low
		if isBe(l) || l == "now" || l == "finally" || l == "just" || l == "already" || l == "been" || l == "all" {
			j--
			continue
		}
		break
	}
	if j < a || toks[j].kind != tWord {
		return false
	}
	for m := a; m < j; m++ {
		if w := toks[m].low; w == "i" || w == "we" || w == "i've" || w == "we've" {
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
	p.resolveIn(a, b, a, k)
	return true
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

var qaEntry = &entry{class: classRole, role: "qa", strength: ownerRole}

// gotWord handles "got the mocks", "received approval", "heard back from legal".
func (p *parser) gotWord(k, a, b int, cond bool) bool {
	toks := p.toks
	w := toks[k].low
	pw := p.word(k-1, a, b)
	if cond || hypothetical(toks, a, k) || p.negated(k, a) || p.futureBefore(k, a) {
		return false
	}
	if w == "have" {
		if !p.hasWord(k, b, "now") {
			return false
		}
	}
	if pw == "to" {
		return false
	}
	j := k + 1
	if w == "heard" {
		if p.word(j, a, b) == "back" {
			p.resolve(a, b)
			return true
		}
		return false
	}
	for j < b && (isDet(p.word(j, a, b)) || p.word(j, a, b) == "the") {
		j++
	}
	for m := j; m < b && m < j+4; m++ {
		e, n := p.match(m)
		if n > 0 && e.class == classArtifact && (e.strength > ownerNone || isResponseNoun(toks[m].low) || toks[m].low == "answers") {
			p.resolveIn(a, b, k+1, b)
			return true
		}
		if !isModifier(toks[m]) {
			break
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
		if !isFirstPerson(p.word(k+1, a, b)) {
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
		switch p.toks[j].low {
		case "once", "when", "after", "if", "until", "soon", "then", "tomorrow":
			return false
		}
	}
	p.resolve(a, b)
	return true
}

// addressee handles a request to the reader: "<@U1>, if you give your
// approval, I will start". The author waits on whoever the message mentions.
func (p *parser) addressee(k, a, b int) bool {
	if p.word(k+1, a, b) != "you" {
		return false
	}
	switch p.word(k+2, a, b) {
	case "give", "approve", "sign", "confirm", "review", "ok", "okay", "agree", "provide", "share", "send",
		"green-light", "greenlight", "decide", "merge":
	default:
		return false
	}
	for m := 0; m < len(p.toks); m++ {
		if p.toks[m].kind == tMention {
			p.block(a, b, k+2, scopeAfter)
			p.addTarget(unblock.Target{Kind: unblock.TargetPerson, Name: p.span(m, m+1)})
			return true
		}
	}
	return false
}

// compoundBlocker reports whether w before "blocker" makes it a release or CI
// term ("release blocker", "merge blocker") rather than the author's blocker.
func compoundBlocker(w string) bool {
	switch w {
	case "release", "merge", "launch", "ship", "shipping", "alpha", "beta", "ga", "deploy", "deployment",
		"ci", "test", "build", "parsing", "production", "prod", "upgrade", "milestone", "any", "potential",
		"possible", "known", "ad", "ads", "pop-up", "popup", "spam", "content", "script", "tracker":
		return true
	}
	return false
}

// pastTime reports whether the clause places itself in the past: "last
// quarter", "two weeks ago", "back then".
func (p *parser) pastTime(a, b int) bool {
	for k := a; k < b; k++ {
		switch p.toks[k].low {
		case "ago", "then", "previously", "once":
			return true
		case "last":
			switch p.word(k+1, a, b) {
			case "week", "month", "quarter", "year", "sprint", "time", "summer", "winter", "spring", "fall", "release":
				return true
			}
		}
	}
	return false
}
