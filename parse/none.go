package parse

import "strings"

// Explicit "no blockers" answers.

// noneAnswer reports whether the clause is an explicit "no blockers": only
// words such answers use, at least one of which says none.
//
// "Still not" says that something awaited is still missing ("B: still not in",
// "still hasn't"): a wait that goes on, not a none, unless the clause names
// blockers ("still not blocked"). "Still nothing" and "still none" stay none.
func noneAnswer(toks []token) bool {
	neg, words, stillMissing, blockNoun := false, 0, false, false
	prev := ""
	for i := range toks {
		t := &toks[i]
		if t.kind == tWord {
			if prev == "still" && (t.low == "not" || strings.HasSuffix(t.low, "n't")) {
				stillMissing = true
			}
			blockNoun = blockNoun || t.cls.has(cBlockNoun)
			prev = t.low
		}
	}
	if stillMissing && !blockNoun {
		return false
	}
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tPunct:
			continue
		case tWord:
		default:
			return false
		}
		words++
		switch {
		case t.cls.has(cNoneWordStrong):
			neg = true
		case !t.cls.has(cNoneWordWeak):
			return false
		}
	}
	return neg && words <= 10
}

// noneAfter reports whether "no" at k says there are no blockers: "no blockers", "no roadblocks".
func (p *parser) noneAfter(k, b int) bool {
	for j := k + 1; j < b && j <= k+3; j++ {
		switch c := &p.toks[j].cls; {
		case c.has(cNoneNoun):
			return true
		case c.has(cNoneDegree):
			continue
		}
		return false
	}
	return false
}

// noneWithReason reports whether a Blockers answer says none and then why or
// how far: "None since we didn't do any work over break", "None that
// prevent the demo", "Nothing, as the API was merged". The none word opens
// the clause and a reason word (lexicon class none-reason) follows it; a
// none with an exception ("none except legal") is not one.
func noneWithReason(toks []token) bool {
	i := 0
	for i < len(toks) && toks[i].kind == tPunct {
		i++
	}
	if i+1 >= len(toks) || toks[i].kind != tWord || !toks[i].cls.has(cNoneLead) {
		return false
	}
	j := i + 1
	for j < len(toks) && toks[j].kind == tPunct && toks[j].punct != '.' {
		j++
	}
	if j >= len(toks) || toks[j].kind != tWord || !toks[j].cls.has(cNoneReason) {
		return false
	}
	for ; j < len(toks); j++ {
		if toks[j].kind == tWord && toks[j].cls.has(cNoneMissing) {
			return false // "nothing since Tuesday from legal": something missing, awaited
		}
	}
	return true
}
