package parse

// Arrivals told as a party's act in the passive, or as a decision reached:
// "the DPA has been reviewed by legal", "the report was signed off by
// Procurement", "agreement reached with the supplier", "the board made a
// decision on the budget".

// doneByParty reads a past participle at k after "was", "were", "been" or
// "got", or opening a headline, with the party that did it after "by" ("has
// been reviewed by legal", "was completed and signed off by Procurement",
// "Signed off by legal"): what the party owed was done. "is reviewed by" is
// under way or a rule, not an arrival.
func (p *parser) doneByParty(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) || p.needBefore(k, a) {
		return false
	}
	aux := k - 1
	for aux >= a && toks[aux].kind == tWord && toks[aux].cls.has(cLeadFiller) {
		aux--
	}
	// With no auxiliary, only a headline that opens with the participle is
	// passive: "Reviewed by security", "Signed off by legal today".
	if aux >= a && !toks[aux].cls.has(cDoneAux) {
		return false
	}
	for j := a; j < aux; j++ {
		if toks[j].kind == tWord && (toks[j].cls.has(cFirstPerson) || toks[j].cls.has(cFirstPersonContraction)) &&
			toks[j].cls.has(cSubject) {
			return false // "I was blocked by legal", "we were reviewed by the auditors": the author is the subject
		}
	}
	j := k + 1
	for j < b && toks[j].kind == tWord && (toks[j].cls.has(cVerbParticle) || toks[j].low == "and" ||
		toks[j].cue != 0 && toks[j].low != "by") {
		j++ // "signed off by", "completed and signed off by"
	}
	if j-k > 4 || p.word(j, a, b) != "by" || j+1 >= b || !p.partyOrPersonAt(j+1, b) || toks[j+1].cls.has(cFirstPerson) {
		return false
	}
	p.note("done-by-party", k, j+2)
	p.resolveIn(a, b, j+1, b)
	return true
}

// decisionReached reads a decision that came: a decision noun before
// "reached", "made" or "taken" ("agreement reached with the supplier",
// "resolution was reached", "decision made: we go with Postgres"), or a
// party that made one ("the board made a decision on the budget"). "No
// decision was made", "a decision has to be made" and "we made the call" are
// not arrivals.
func (p *parser) decisionReached(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) || p.needBefore(k, a) {
		return false
	}
	j := k - 1
	for j >= a && toks[j].kind == tWord && (toks[j].cls.has(cPassiveAux) || toks[j].cls.has(cLeadFiller) ||
		toks[j].low == "has" || toks[j].low == "have") {
		j--
	}
	if j >= a && toks[j].kind == tWord && toks[j].cls.has(cDecisionNoun) {
		for m := a; m < j; m++ {
			if toks[m].kind == tWord && (isNegator(&toks[m]) || toks[m].cls.has(cFirstPerson)) {
				return false // "no agreement reached", "our decision was made": not a party's answer
			}
		}
		p.note("decision-reached", j, k+1)
		p.resolveIn(a, b, k+1, b) // with whom: "reached with the vendor"
		return true
	}
	// Active: "<party> made a decision on …".
	o := k + 1
	for o < b && toks[o].kind == tWord && toks[o].cls.has(cDet) {
		o++
	}
	if j < a || o >= b || !toks[o].cls.has(cDecisionNoun) || p.partyEnding(j) < 0 || toks[j].cls.has(cSubject) {
		return false // "we made the call", "it made a difference"
	}
	p.note("decision-reached", p.partyEnding(j), o+1)
	p.resolveIn(a, b, p.partyEnding(j), b)
	return true
}

// ruleMade is the rule of the "made" cue family: a decision made or taken.
func (p *parser) ruleMade(k, a, b int, cond bool) bool {
	if p.report(k, a, cond) && !p.futureBefore(k, a) && !p.conditionBefore(k, a) && p.requestToParty(k, a, b) {
		return true // "the request to legal has been made"
	}
	return p.decisionReached(k, a, b, cond)
}

// ruleTrouble is the rule of the "trouble" cue family: trouble with a party,
// which the author waits on to sort it ("still problems with the detector
// vendor", "issues with the client's VPN", "lack of input from the new
// sponsor"). Trouble with a thing ("problems with the build") is the
// author's own work, and "no issues with legal" is no wait.
func (p *parser) ruleTrouble(k, a, b int, cond bool) bool {
	toks := p.toks
	if !p.report(k, a, cond) || p.futureBefore(k, a) || p.conditionBefore(k, a) {
		return false
	}
	j := k + 1
	if toks[k].cls.has(cLackWord) {
		// "lack of input from the sponsor", "lack of communication with our sponsor"
		if p.word(j, a, b) != "of" {
			return false
		}
		j += 2
		for j < b && j <= k+6 && toks[j].kind == tWord && toks[j].low != "from" && toks[j].low != "with" {
			j++
		}
	}
	if w := p.word(j, a, b); w != "with" && w != "from" {
		return false
	}
	for m := a; m < k; m++ {
		if toks[m].cls.has(cClearVerb) || toks[m].cls.has(cClearedState) {
			return false // "sorted the access issue with IT": a trouble cleared
		}
		if w := toks[m].low; w == "had" || w == "was" || w == "were" {
			return false // "we had some issues with the vendor last year": told as past
		}
	}
	j++
	if j < b && toks[j].cls.has(cFirstPerson) && !toks[j].cls.has(cDet) {
		return false // "issues with me": the author is the trouble; "with our vendor" is a party
	}
	party := -1
	for m := j; m < b && m <= j+3 && toks[m].kind != tPunct; m++ {
		if toks[m].kind == tMention || toks[m].kind == tWord && p.isParty(m, b) {
			party = m // "with SEP detector vendor": the party after its modifiers
			break
		}
	}
	if party < 0 {
		return false
	}
	j = party
	p.note("trouble-with-party", k, j+1)
	p.block(a, b, j, scopeAfter)
	return true
}
