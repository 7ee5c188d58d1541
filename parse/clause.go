package parse

import "strings"

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
	p.curSec = sec
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
			if blockNounIn(toks[a:b]) {
				p.none = true // "No blockers today", "nothing blocking": explicit whatever else is said
			}
			return
		}
		if !onlyFiller(toks[a:b]) {
			p.contentClauses++
		}
	case secBlock, secRisk:
		if none {
			p.none = true
			p.noneInBlockSec = p.noneInBlockSec || sec == secBlock
			p.sectionSaidNone = true
			return
		}
	}

	before := p.blocked
	found := p.cues(a, b, cond)
	if found || sec != secBlock || p.sectionSaidNone {
		// After "B: none", a remark ("but next week is busy") is no blocker
		// unless a cue says so.
		return
	}
	// In a Blockers section, what is written is the blocker, unless it is
	// only a condition or filler.
	if before != p.blocked || onlyFiller(toks[a:b]) || hypothetical(toks, a, b) {
		return
	}
	p.block(a, b, a, scopeClause)
}

// blockNounIn reports whether toks name blockers ("blockers", "nothing
// blocking", "no impediments"), which makes a none answer explicit.
func blockNounIn(toks []token) bool {
	for _, t := range toks {
		if t.kind == tWord && isBlockNoun(t.low) {
			return true
		}
	}
	return false
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
			// "no issues blocking me": the noun between is what blocks, and there is none.
			if t.low == "no" && p.toks[k].low == "blocking" && k-j <= 3 {
				return true
			}
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
			if p.someoneElse(k, a) {
				continue // "reviewed Dana's PR, she's unblocked now": someone else's blocker cleared
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

// someoneElse reports whether the subject of the state word at k ("she's
// unblocked", "Dana is unblocked now", "<@U1> is unstuck") is a third person: the
// author reports on someone else. "we", "I" and things ("the PR is unblocked")
// are not.
func (p *parser) someoneElse(k, a int) bool {
	for j, n := k-1, 0; j >= a && n < 4; j, n = j-1, n+1 {
		t := p.toks[j]
		switch t.low {
		case "is", "'s", "s", "are", "was", "were", "now", "finally", "also", "all", "got", "get", "gets", "been", "has", "have":
			continue
		case "he", "she", "they", "him", "her", "them":
			return true
		case "am", "'m", "m", "'re", "re":
			continue
		}
		if isFirstPerson(t.low) || strings.HasPrefix(t.low, "i'") || strings.HasPrefix(t.low, "we'") {
			return false
		}
		if t.kind == tMention {
			return true
		}
		_, name := firstNames()[t.low]
		return t.kind == tWord && t.capital && !t.acronym && (j > a || name)
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
