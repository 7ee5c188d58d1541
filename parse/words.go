package parse

import "strings"

// Small closed word classes, as switches: the compiler turns them into fast
// string comparisons and they cost no allocation.

func isBe(w string) bool {
	switch w {
	case "is", "are", "am", "was", "were", "be", "been", "being", "'s", "'re", "'m", "it's", "i'm",
		"we're", "they're", "that's", "he's", "she's", "has", "have", "had", "got", "gets", "get":
		return true
	}
	return false
}

func isDet(w string) bool {
	switch w {
	case "the", "a", "an", "this", "that", "these", "those", "my", "our", "your", "his", "her", "their",
		"its", "some", "any", "all", "each", "every", "another", "more", "further", "new", "final", "first",
		"updated", "latest", "next", "other", "current", "initial", "clear", "official", "formal", "proper",
		"individual", "much", "enough", "few", "two", "several", "'s":
		return true
	}
	return false
}

func isFirstPerson(w string) bool {
	switch w {
	case "me", "us", "my", "our", "myself", "ourselves", "i", "we", "mine", "ours":
		return true
	}
	return false
}

func isSubject(w string) bool {
	switch w {
	case "i", "we", "they", "he", "she", "you", "i've", "we've", "i'll", "we'll", "i'm", "we're", "also", "and", "just":
		return true
	}
	return false
}

// isNegator reports whether w negates what follows it.
func isNegator(w string) bool {
	switch w {
	case "not", "no", "never", "nothing", "none", "nobody", "without", "nowhere", "neither", "nor":
		return true
	}
	return strings.HasSuffix(w, "n't")
}

// isHypothetical reports whether w makes its clause a condition, a
// possibility, a habit or advice rather than a report.
func isHypothetical(w string) bool {
	switch w {
	case "if", "unless", "whether", "could", "would", "might", "may", "should", "often", "frequently",
		"usually", "sometimes", "typically", "generally", "whenever", "otherwise", "become", "becomes",
		"i'd", "we'd", "they'd", "you'd", "it'd", "he'd", "she'd", "'d", "hopefully", "hope", "avoid",
		"prevent", "rarely", "ever", "tend", "tends", "suppose", "imagine", "wouldn't", "shouldn't",
		"mightn't", "lest", "risk", "potentially", "possibly", "perhaps":
		return true
	}
	return false
}

// isFuture reports whether w puts a resolution in the future.
func isFuture(w string) bool {
	switch w {
	case "will", "'ll", "i'll", "we'll", "it'll", "they'll", "once", "until", "till", "when", "to",
		"soon", "expect", "expected", "expecting", "hope", "going", "gonna", "need", "needs":
		return true
	}
	return false
}

// isStop reports whether w is a function word that cannot be part of a noun
// phrase naming a target.
func isStop(w string) bool {
	switch w {
	case "the", "a", "an", "to", "of", "on", "for", "from", "by", "with", "in", "at", "and", "or", "but",
		"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "i",
		"we", "you", "they", "he", "she", "it", "me", "us", "them", "him", "my", "our", "your", "their",
		"this", "that", "these", "those", "so", "because", "since", "until", "till", "once", "before", "after",
		"as", "if", "when", "while", "still", "yet", "now", "then", "just", "also", "again", "about", "re",
		"into", "up", "out", "some", "any", "all", "more", "not", "no", "can", "can't", "will", "would",
		"should", "could", "need", "needs", "waiting", "wait", "blocked", "blocking", "blocker", "blockers",
		"pending", "awaiting", "get", "got", "'s", "which", "who", "what", "there", "here", "it's", "i'm",
		"i'll", "we're", "we'll", "eod", "asap", "today", "tomorrow", "yesterday", "week", "soon", "via",
		"w/", "than", "too", "very", "really", "like", "around", "regarding", "surrounding", "where",
		"its", "his", "her", "please", "though", "however", "otherwise", "due", "against", "per":
		return true
	}
	return false
}

// isCommonCapital reports whether a capitalised word is ordinary (days, months,
// abbreviations) and never a person or an organisation.
func isCommonCapital(w string) bool {
	switch w {
	case "i", "i'm", "i'll", "i've", "i'd", "eod", "eow", "eta", "asap", "fyi", "tbd", "ok", "okay", "monday",
		"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri",
		"january", "february", "march", "april", "june", "july", "august", "september", "october",
		"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
		"dec", "q1", "q2", "q3", "q4", "today", "tomorrow", "yesterday", "staging", "prod", "production",
		"mvp", "wip", "the", "a", "an", "this", "that", "it", "we", "they", "he", "she", "you", "my", "our",
		"please", "thanks", "still", "also", "next", "blocked", "waiting", "need", "pending", "mr", "pr",
		"tl;dr", "nb", "ps", "rc", "rc1", "rc2", "rc3", "ga", "v1", "v2", "v3", "eng", "utc", "pst", "est",
		"cet", "am", "pm", "et", "pt", "hi", "hey", "hello", "dm", "slack", "jira", "github", "google doc",
		"zoom", "email", "it's", "once", "until", "after", "before", "and", "or", "but", "so", "some", "any":
		return true
	}
	return false
}

// progressVerbs follow "can't" in a report of being unable to move on.
func isProgressVerb(w string) bool {
	switch w {
	case "start", "proceed", "continue", "finish", "finalize", "finalise", "complete", "move", "merge", "ship",
		"deploy", "release", "test", "publish", "launch", "begin", "access", "push", "land", "close",
		"build", "progress", "commit", "submit", "login", "log", "go", "do", "work", "get", "finalize,",
		"resume", "deliver", "wrap", "sign", "install", "run", "reproduce", "verify", "validate":
		return true
	}
	return false
}

// isArrival reports whether w says that an awaited thing came, in the clause
// after "until", "once" or "before": "until the spec lands".
func isArrival(w string) bool {
	switch w {
	case "lands", "land", "arrives", "arrive", "available", "avaliable", "ready", "delivered", "done",
		"merged", "approved", "signed", "defined", "decided", "finalized", "finalised", "released",
		"weighed", "weighs", "weigh", "responds", "respond", "replies", "reply", "confirms", "approves",
		"reviewed", "qaed", "in", "get", "gets", "hear", "hears", "receive", "receives", "provides", "provide",
		"shares", "share", "sends", "send", "gives", "give", "green", "back", "has", "have", "fixed",
		"resolved", "unblocked", "clear", "cleared", "sorted", "settled", "published", "shipped", "deployed",
		"finished", "completed", "complete", "live", "agreed", "agrees", "decides", "signs", "lgtm", "okays",
		"finalizes", "finalises", "ships", "merges", "delivers", "publishes", "releases", "answers", "lands.",
		"deploys", "fixes", "resolves", "unblocks", "approve", "review", "reviews", "comes", "come", "ready.":
		return true
	}
	return false
}

// isResponseNoun is what "no …" and "haven't … " say has not come.
func isResponseNoun(w string) bool {
	switch w {
	case "word", "response", "responses", "reply", "replies", "answer", "answers", "eta", "decision",
		"approval", "sign-off", "signoff", "go-ahead", "green", "access", "news", "update", "updates",
		"feedback", "confirmation", "movement", "progress", "review", "reviews", "permission", "permissions":
		return true
	}
	return false
}

// noneWord classifies a word in an explicit "no blockers" answer: 2 for a word
// that says none by itself, 1 for one that may accompany it, 0 otherwise.
func noneWord(w string) int {
	switch w {
	case "none", "nothing", "n/a", "na", "nope", "nop", "non", "no", "nah", "nil", "null", "nada", "zero",
		"0", "nowhere", "not", "nothin", "nein", "negative", "noop", "nan", "none.", "clear", "good", "fine":
		return 2
	case "really", "for", "now", "so", "far", "at", "the", "moment", "currently", "right", "identified", "yet",
		"all", "today", "here", "atm", "thanks", "thank", "you", "major", "new", "to", "report", "that", "i",
		"know", "of", "blockers", "blocker", "blocked", "blocking", "blocks", "me", "anything", "any", "am",
		"i'm", "as", "found", "seen", "this", "week", "time", "just", "okay", "ok", "smooth", "sailing",
		"from", "my", "side", "end", "there", "are", "is", "issues", "impediments", "roadblocks", "risks",
		"obstacles", "problems", "we're", "we", "on", "our", "still", "nothing's", "everything", "great",
		"being", "worked", "on.", "a", "today.", "apart", "usual", "anywhere", "facing", "currently.", "it",
		"dependencies", "significant", "big", "specific", "in", "sight", "need", "help", "needed", "right now",
		"yay", "woohoo", "hooray", "thankfully", "luckily", "happily", "and", "looking", "looks",
		"everything's", "known", "of.", "aware", "whatsoever", "else", "other", "than", "besides", "except":
		return 1
	}
	return 0
}

// isBlockNoun reports whether w names blockers in a none answer: "no
// blockers", "nothing blocking", "no impediments".
func isBlockNoun(w string) bool {
	switch w {
	case "blockers", "blocker", "blocking", "blocked", "blocks", "impediments", "impediment", "roadblocks",
		"roadblock", "obstacles", "obstacle", "blockages", "dependencies":
		return true
	}
	return false
}

// isCalendar reports whether w is where time is booked: what is "blocked" in
// it is booked, not waiting.
func isCalendar(w string) bool {
	switch w {
	case "calendar", "calendars", "schedule", "diary", "agenda", "cal", "slot", "slots":
		return true
	}
	return false
}

// isTimeSpan reports whether w is booked time beside a block word: "time
// blocked", "blocked time", "focus block".
func isTimeSpan(w string) bool {
	switch w {
	case "time", "focus", "hours", "hour", "afternoon", "morning", "mornings", "afternoons", "evening":
		return true
	}
	return false
}

// isCandidateWord reports whether w is a word blockers, resolutions and
// nones are told with (see Candidate).
func isCandidateWord(w string) bool {
	switch w {
	case "blocked", "blocking", "blocker", "blockers", "block", "blocks", "roadblock", "roadblocks", "impediment",
		"impediments", "obstacle", "obstacles", "stuck", "stalled", "bottleneck", "bottlenecked", "unblocked",
		"unblock", "unstuck", "waiting", "wait", "awaiting", "await", "awaits", "waits", "pending", "depends",
		"depend", "dependent", "dependency", "dependencies", "contingent", "gated", "held", "holding", "hold",
		"need", "needs", "needed", "require", "requires", "required", "can't", "cannot", "unable", "couldn't",
		"until", "till", "once", "missing", "lacking", "locked", "eta", "chasing", "chased", "pinged", "nudged",
		"delayed", "resolved", "fixed", "sorted", "cleared", "approved", "merged", "signed", "landed",
		"arrived", "received", "delivered", "unblocks", "vetoed", "rejected", "none", "nope", "nothing":
		return true
	}
	return false
}
