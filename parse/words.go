package parse

import "strings"

// Small closed word classes. Their words are lexicon.txt's "class" lines; these
// functions name the tests the rules make.

func isBe(w string) bool {
	return inClass(w, cBe)
}

func isDet(w string) bool {
	return inClass(w, cDet)
}

func isFirstPerson(w string) bool {
	return inClass(w, cFirstPerson)
}

func isSubject(w string) bool {
	return inClass(w, cSubject)
}

// isNegator reports whether w negates what follows it.
func isNegator(w string) bool {
	if inClass(w, cNegator) {
		return true
	}
	return strings.HasSuffix(w, "n't")
}

// isHypothetical reports whether w makes its clause a condition, a
// possibility, a habit or advice rather than a report.
func isHypothetical(w string) bool {
	return inClass(w, cHypothetical)
}

// isFuture reports whether w puts a resolution in the future.
func isFuture(w string) bool {
	return inClass(w, cFuture)
}

// isStop reports whether w is a function word that cannot be part of a noun
// phrase naming a target.
func isStop(w string) bool {
	return inClass(w, cStop)
}

// isCommonCapital reports whether a capitalised word is ordinary (days, months,
// abbreviations) and never a person or an organisation.
func isCommonCapital(w string) bool {
	return inClass(w, cCommonCapital)
}

// progressVerbs follow "can't" in a report of being unable to move on.
func isProgressVerb(w string) bool {
	return inClass(w, cProgressVerb)
}

// isArrival reports whether w says that an awaited thing came, in the clause
// after "until", "once" or "before": "until the spec lands".
func isArrival(w string) bool {
	return inClass(w, cArrival)
}

// isResponseNoun is what "no …" and "haven't … " say has not come.
func isResponseNoun(w string) bool {
	return inClass(w, cResponseNoun)
}

// noneWord classifies a word in an explicit "no blockers" answer: 2 for a word
// that says none by itself, 1 for one that may accompany it, 0 otherwise.
func noneWord(w string) int {
	switch c := gram.classes[w]; {
	case c.has(cNoneWordStrong):
		return 2
	case c.has(cNoneWordWeak):
		return 1
	}
	return 0
}

// isBlockNoun reports whether w names blockers in a none answer: "no
// blockers", "nothing blocking", "no impediments".
func isBlockNoun(w string) bool {
	return inClass(w, cBlockNoun)
}

// isCalendar reports whether w is where time is booked: what is "blocked" in
// it is booked, not waiting.
func isCalendar(w string) bool {
	return inClass(w, cCalendar)
}

// isTimeSpan reports whether w is booked time beside a block word: "time
// blocked", "blocked time", "focus block".
func isTimeSpan(w string) bool {
	return inClass(w, cTimeSpan)
}

// isCandidateWord reports whether w is a word blockers, resolutions and
// nones are told with (see Candidate).
func isCandidateWord(w string) bool {
	return inClass(w, cCandidateWord)
}
