package parse

// Rules for cues that are talked about rather than reported: questions,
// circumstances, proposals and denials.

import "strings"

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
	if p.talkedAbout(k, a, b) {
		p.dismiss("distractor:not-a-report", k, k+1)
		return true
	}
	return false
}

// talkedAbout reports whether the block or wait word at k is talked about
// rather than reported (see notAReport).
func (p *parser) talkedAbout(k, a, b int) bool {
	toks := p.toks
	w := toks[k].low
	// "if" earlier in the sentence, outside an embedded question ("not sure
	// if …"), makes the clauses after it a condition: "if the queue is full
	// and it's stuck behind a big message, you wait".
	if p.ifEarlier(a) {
		return true
	}
	// A clause that opens with the gerund and holds a conditional modal is
	// about the option of waiting: "waiting for X before we do Y would delay Y".
	if k == a && strings.HasSuffix(w, "ing") {
		for j := k + 1; j < b; j++ {
			if toks[j].cls.has(cConditionalModal) {
				return true
			}
		}
	}
	if p.habitual(k, a, b) {
		return true
	}
	// The reader or a generic "you" waits, not the author.
	if p.wordIs(k-1, a, b, cReader) || p.wordIs(k-1, a, b, cBe) && p.word(k-2, a, b) == "you" ||
		p.word(k-1, a, b) == "to" && p.wordIs(k-2, a, b, cReader) { // "I ask you to wait"
		return true
	}
	// "this is what I've been waiting for": the awaited thing is here.
	if (w == "waiting" || w == "wait") && k+2 == b && p.word(k+1, a, b) == "for" && p.hasWord(a, k, "what") {
		return true
	}
	// Blockers as the object of handling them ("listing blockers",
	// "surface blockers early") are talked about, not reported.
	if (w == "blockers" || w == "impediments") && (p.wordIs(k-1, a, b, cHandleVerb) ||
		p.wordIs(k-1, a, b, cDet) && p.wordIs(k-2, a, b, cHandleVerb)) {
		return true
	}
	if p.question && !p.leadsSentence(k) {
		first := false
		for j := p.sentA; j < k; j++ {
			if toks[j].kind == tWord && (toks[j].cls.has(cFirstPerson) || toks[j].cls.has(cFirstPersonContraction)) {
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
		case "when":
			if !p.whenClauseEnds(j, k) {
				return true
			}
		case "let's", "lets":
			return true
		case "let":
			if n := p.word(j+1, a, k+1); n == "'s" || n == "s" || n == "us" {
				return true
			}
		}
	}
	if toks[k].cls.has(cBlockerNoun) {
		for j := p.sentA; j+1 < k; j++ {
			if toks[j].kind == tWord && isNegator(&toks[j]) && p.wordIs(j+1, p.sentA, k, cOpinionVerb) {
				p.none = true
				return true
			}
		}
	}
	return false
}

// leadsSentence reports whether only adverbs of time and state ("still",
// "currently", "now", "also") come before k in its sentence.
func (p *parser) leadsSentence(k int) bool {
	for j := k - 1; j >= p.sentA; j-- {
		t := &p.toks[j]
		if t.kind == tPunct {
			if t.punct == '-' && !t.lineStart {
				// "Distribute the RFC - waiting on Marta for a blurb - someone
				// take over?": the items of a dashed list are sentences of
				// their own.
				return true
			}
			continue
		}
		if t.cls.has(cSentenceLead) {
			continue
		}
		return false
	}
	return true
}

// habitual reports whether the cue at k is told as a habit rather than as
// today's state: a habit word (lexicon class "habit": usually, typically,
// sometimes) later in its clause ("I'm blocked on reviews sometimes"), or
// anywhere in its sentence when the cue's clause opens with "while" or
// "whenever" ("while waiting for your response, I will typically start on
// other projects"). Before the cue, the hypothetical class already counts.
func (p *parser) habitual(k, a, b int) bool {
	toks := p.toks
	for j := k + 1; j < b; j++ {
		if toks[j].kind == tWord && toks[j].cls.has(cHabit) {
			return true
		}
	}
	if w := p.word(a, a, b); w != "while" && w != "whenever" {
		return false
	}
	for j := p.sentA; j < p.sentB; j++ {
		if toks[j].kind == tWord && toks[j].cls.has(cHabit) {
			return true
		}
	}
	return false
}

// ifEarlier reports whether "if" or "unless" earlier in the sentence, outside
// an embedded question ("not sure if …"), makes the clause at a a condition.
func (p *parser) ifEarlier(a int) bool {
	toks := p.toks
	for j := p.sentA; j < a; j++ {
		if toks[j].kind == tWord && (toks[j].low == "if" || toks[j].low == "unless" && !p.unlessWayOut(j, a)) && !p.wordIs(j-1, p.sentA, a, cKnowVerb) {
			return true
		}
	}
	return false
}

// purposeNegation reports whether the negated cue at k states a purpose or a
// way round rather than an answer: "without waiting for the freeze", "so we
// don't get stuck next time", "to avoid being blocked".
func (p *parser) purposeNegation(k, a int) bool {
	for j := k - 1; j >= a && j >= k-4; j-- {
		switch w := p.toks[j].low; {
		case w == "without":
			return true
		case p.toks[j].cls.has(cPurpose) && j+1 < k && (p.toks[j+1].cls.has(cSubject) || p.toks[j+1].cls.has(cNegator)):
			return true // "so we don't", "so that nobody"
		}
	}
	return false
}

// unlessWayOut reports whether "unless" at j opens a way out before a main
// clause at a that tells what happens otherwise: "unless you have time to
// set it up yourself, we'll have to wait until Sam adds me" waits. A comma
// ends the "unless" clause before a. "Blocked unless …" states a rule in one
// clause and stays a condition.
func (p *parser) unlessWayOut(j, a int) bool {
	for m := j + 1; m < a; m++ {
		if t := &p.toks[m]; t.kind == tPunct && t.punct == ',' {
			return true
		}
	}
	return false
}

// whenClauseEnds reports whether the "when" clause opened at j ends before k
// at "and" or "but" followed by the author or a verb's auxiliary: "I sent
// notification when the PR was opened and am awaiting execution by my
// leadership" reports the wait; "helpful when I was stuck" does not.
func (p *parser) whenClauseEnds(j, k int) bool {
	for m := j + 1; m+1 < k; m++ {
		if w := p.toks[m].low; w != "and" && w != "but" {
			continue
		}
		if n := &p.toks[m+1]; n.kind == tWord && (n.cls.has(cFirstPerson) || n.cls.has(cFirstPersonContraction) || n.cls.has(cBe)) {
			return true
		}
	}
	return false
}
