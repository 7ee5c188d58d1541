package parse

// Explicit "no blockers" answers.

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
		switch {
		case t.cls&cNoneWordStrong != 0:
			neg = true
		case t.cls&cNoneWordWeak == 0:
			return false
		}
	}
	return neg && words <= 10
}

// noneAfter reports whether "no" at k says there are no blockers: "no blockers", "no roadblocks".
func (p *parser) noneAfter(k, b int) bool {
	for j := k + 1; j < b && j <= k+3; j++ {
		switch w := p.toks[j].low; {
		case inClass(w, cNoneNoun):
			return true
		case inClass(w, cNoneDegree):
			continue
		}
		return false
	}
	return false
}
