// Package parse reads standup text and says whether its author is blocked, on
// whom or what, whether an earlier blocker cleared, or whether they said
// explicitly that nothing blocks them. It is pure: no I/O, no clock.
//
// The parser works on tokens, not on regular expressions. A reply is cut into
// lines and sentences; a header ("Blockers:", "*Today*", "Anything blocking
// your progress?") sets the section the following text belongs to; each clause
// is then read for cues ("waiting on", "blocked by", "need … from", "can't …
// until", "no longer blocked", "got the mocks", "no blockers"), with their
// negations, conditions and distractors ("blocked the spammer", "a blocking
// call", "could have blocked"). In a Blockers section anything that is not an
// explicit "none" or a resolution is a blocker.
package parse

import (
	"strings"
	"sync"

	"github.com/unblock-dev/unblock"
)

// section is the part of a standup reply a clause belongs to.
type section uint8

const (
	secNone  section = iota // no header seen: only cues count
	secDone                 // yesterday, done
	secPlan                 // today, next
	secBlock                // blockers, impediments, "anything blocking you?"
	secRisk                 // risks, issues: only an explicit "none" counts without a cue
	secOther                // some other header ("Notes:")
)

// Bounds that keep Parse linear in its input: rules look back and ahead within
// a clause or a sentence, so a run-on text is read in windows of these many
// tokens, and a report keeps at most maxTargets targets.
const (
	maxSentence = 80
	maxClause   = 40
	maxTargets  = 32
)

// sectionNames name the sections in a trace.
var sectionNames = [...]string{secNone: "none", secDone: "done", secPlan: "plan", secBlock: "blockers", secRisk: "risks", secOther: "other"}

// parser holds the state of one Parse call. Parsers are pooled, so a reply
// costs a fixed, small number of allocations.
type parser struct {
	scanner
	lex *Lexicon

	blocked, resolved, none         bool
	noneClauses, contentClauses     int // in text without headers
	targets                         []unblock.Target
	blockFrom                       int // targets[blockFrom:] belong to the current blocker
	clauseNo, blockClause, clauseN0 int // the clause cues reads (a count); that of the last blocker; len(targets) when its clause's first blocker began
	// A wait told of another person ("Chloe is blocked on them"), a report's
	// for its team but in chat the colleague's own (chatReading): relayPending
	// marks the cue read now as one, blockCalls and relayedBlocks count.
	relayPending              bool
	blockCalls, relayedBlocks int
	topic, resolvedTopic      string
	prevA, prevB              int      // the previous clause of the sentence
	topicFromCue              bool     // the topic was guessed from the words after a cue
	wantTopic                 bool     // a blocker's topic was only its target: the next clause may say what
	art                       phrase   // the awaited thing the last addTargets named
	topicBuf                  []byte   // where a topic is composed from words apart ("checkout mocks")
	groupScan                 scanner  // scans a user group's handle for a role word
	handleToks                []token  // a handle's words (handleRole), reused
	cond                      bool     // the previous clause was a condition ("once approved, …")
	condTime                  bool     // …opened by a word that tells a time too ("after", "when", "once")
	store                     int8     // the message names an app store: 1, it does not: -1, not looked yet: 0 (storeContext)
	resolutions, readiness    int      // resolutions read; how many of them only said "good to go"
	wantTargets               bool     // a blocker named nothing: the next clause may say what
	bare                      bool     // the blocker is a Blockers section's text, with no cue: "B: onboarding copy"
	question                  bool     // the sentence is a question: it reports no resolution
	sentA, sentB              int      // the current sentence
	lastA, lastB              int      // the sentence before it (empty at the first)
	last2A                    int      // where the sentence before that starts (a pronoun's party, party.go)
	askee                     int      // the mention a report opens by asking ("<@U1> any chance to look?"), -1 when none, -2 until looked for
	sentBlocked               bool     // blocked before the current sentence
	sentResolutions           int      // resolutions read before the current sentence
	named                     []int    // indexes of the targets the current blocker named, new or not
	sentTargets               int      // len(targets) before the current sentence
	firstMention              int      // the index of the report's first mention, or -1
	choiceWords               bool     // the report holds a word that may say a block is chosen (byChoice)
	work                      int      // token visits of the loops that walk the report (see visit)
	roleless                  []string // names of teams the lexicon knows to own no role ("finance")
	continues                 bool     // a Blockers answer said the blockers are as they were ("same as yesterday")

	mdl       *model // the statement model that adjudicates, nil for the rules alone
	dismissed bool   // a rule read part of the report as no blocker (see dismiss)
	// dismissedAt is where the last part read as no blocker starts, -1 for none:
	// a later cue takes no parties from that clause.
	dismissedAt int
	hashes      hashSink // the model's feature slots, reused between reports

	trace             []Step   // what fired, when tracing
	fired             []string // the rules that fired: features of the statement model
	tracing           bool
	curSec            section // the section of the clause being read
	sectionSaidNone   bool    // the current Blockers section said "none"
	itemClause        int     // the clause (clauseNo) whose text a Blockers section read as its blocker, 0 for none
	itemA, itemB      int     // that clause's tokens
	itemN0, itemN1    int     // the targets it named: p.targets[itemN0:itemN1]
	afterAside        bool    // the clause before was an aside in brackets
	sawBlockSec       bool    // a Blockers header or question was read
	blockedInBlockSec bool    // a blocker was read in a Blockers section
	noneInBlockSec    bool    // the Blockers section says "none"
	blockedAfterNone  bool    // a section after that none states a blocker
	noneWhole         bool    // an explicit none of every blocker was read ("no blockers", not "no other blockers")
	wordClauses       int     // clauses with words read so far
	saidStill         bool    // a clause of the blockers' part tells a wait as going on (lexicon class goes-on)
	ownNone           int     // wordClauses at the last none told as a sentence of its own ("…. none"), 0 for none
	// reading says whether the text is read as a report, as chat, or as chat
	// unless it is shaped like a standup (ParseStandup); shapedMemo holds
	// standupShaped once asked (-1: not yet).
	reading    readingKind
	shapedMemo int8
}

// readingKind is how a text is read: as a report, or as chat (chatReading).
type readingKind uint8

const (
	readReport           readingKind = iota
	readChat                         // ParseChat
	readChatUnlessShaped             // ParseStandup, posted outside any standup
)

var parsers = sync.Pool{New: func() any { return new(parser) }}

// Parse reads one report. lex may be nil for the built-in vocabulary.
func Parse(text string, lex *Lexicon) unblock.Statement {
	st, _ := parsePooled(text, lex, false)
	return st
}

// parsePooled reads one report with a pooled parser and, if shape is asked,
// tells whether its tokens are standup-shaped (standupShaped) and reads one that
// is not as chat (chatReading): ParseStandup's message posted outside any
// standup.
func parsePooled(text string, lex *Lexicon, shape bool) (unblock.Statement, bool) {
	if lex == nil {
		lex = defaultLexicon()
	}
	p := parsers.Get().(*parser)
	if shape {
		p.reading = readChatUnlessShaped
	}
	st := p.parse(text, lex, defaultModel())
	shaped := shape && p.shaped()
	if shape && !shaped {
		st = p.chatReading(st)
	}
	p.release()
	return st, shaped
}

// shaped is standupShaped, worked out once a parse.
func (p *parser) shaped() bool {
	if p.shapedMemo < 0 {
		p.shapedMemo = 0
		if p.standupShaped() {
			p.shapedMemo = 1
		}
	}
	return p.shapedMemo == 1
}

// readAsChat reports whether the text is being read as chat (chatReading will
// judge its reading), once the tokens are classified.
func (p *parser) readAsChat() bool {
	return p.reading == readChat || p.reading == readChatUnlessShaped && !p.shaped()
}

// release drops the parser's hold on text and lexicon and pools it.
func (p *parser) release() {
	p.reading = readReport
	p.lex = nil
	p.text = ""
	p.groupScan.text = ""
	clear(p.targets)
	p.targets = p.targets[:0]
	parsers.Put(p)
}

func (p *parser) parse(text string, lex *Lexicon, mdl *model) unblock.Statement {
	p.lex, p.mdl = lex, mdl
	p.shapedMemo = -1
	p.blocked, p.resolved, p.none = false, false, false
	p.noneClauses, p.contentClauses = 0, 0
	p.wordClauses, p.ownNone, p.saidStill = 0, 0, false
	p.targets = p.targets[:0]
	p.roleless = p.roleless[:0]
	p.continues = false
	p.dismissed, p.dismissedAt = false, -1
	p.blockFrom = 0
	p.clauseNo, p.blockClause, p.clauseN0, p.itemClause, p.afterAside = 0, -1, 0, 0, false
	p.relayPending, p.blockCalls, p.relayedBlocks = false, 0, 0
	p.topic, p.resolvedTopic = "", ""
	p.wantTargets, p.wantTopic = false, false
	p.resolutions, p.readiness = 0, 0
	p.curSec, p.blockedInBlockSec, p.noneInBlockSec, p.sectionSaidNone = secNone, false, false, false
	p.sawBlockSec, p.blockedAfterNone, p.noneWhole = false, false, false
	p.sentA, p.sentB, p.lastA, p.lastB, p.last2A = 0, 0, 0, 0, 0
	p.askee = -2
	p.store = 0
	p.trace = p.trace[:0]
	p.fired = p.fired[:0]
	p.named = p.named[:0]
	p.work = 0
	p.scan(text)
	p.visit(p.ahead)
	p.classify()

	sec := secNone
	toks := p.toks
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && !sentenceEnd(&toks[j]) && !(j > i && p.dashHeader(j)) && j-i < maxSentence {
			j++
		}
		p.visit(j - i + 1)
		if j-i == maxSentence {
			// A run-on "sentence" is read in windows, so every rule looks at a
			// bounded stretch of text and Parse stays linear in its input.
			p.sentence(i, j, false, false, &sec)
			i = j
			continue
		}
		question := j < len(toks) && toks[j].kind == tPunct && toks[j].punct == '?'
		lineEnd := j == len(toks) || toks[j].kind == tBreak
		p.sentence(i, j, question, lineEnd, &sec)
		i = j + 1
	}

	st := unblock.Statement{Text: text, Targets: []unblock.Target{}}
	if !p.blocked && !p.resolved && p.noneClauses > 0 && p.contentClauses == 0 {
		p.none = true
		p.note("none-answer-only", -1, -1)
	}
	// "we're good to go. No blockers.": beside an explicit none, "good to go"
	// says the author is ready, not that an earlier blocker cleared.
	if p.resolved && (p.none || p.noneClauses > 0) && !p.blocked && p.resolutions == p.readiness {
		p.note("ready-beside-none", -1, -1)
		p.resolved = false
		p.none = true
		p.targets = p.targets[:0]
		p.topic, p.resolvedTopic = "", ""
	}
	// "Y: was blocked on design for a bit … Blockers: none": the answer to the
	// blockers question wins over a blocker told as part of another section.
	if p.blocked && p.noneInBlockSec && !p.blockedInBlockSec && !p.blockedAfterNone {
		p.note("blockers-answer-none-wins", -1, -1)
		p.blocked, p.none = false, true
		p.topic = ""
		if p.resolved {
			p.targets = p.targets[:p.blockFrom]
		} else {
			p.targets = p.targets[:0]
		}
	}
	if p.blocked && !p.resolved && !p.blockedInBlockSec && p.ownNone > 0 && p.ownNone == p.wordClauses {
		// "Ben's order form is in my queue, redlining tomorrow. none", "fyi
		// jess is blocked on the stub mocks, design is on it. nothing
		// blocking me": a none that ends the report, a sentence of its own,
		// answers the blockers question; what came before is the author's
		// day. "Waiting on legal. Nothing else" keeps its wait (none-except).
		p.note("report-ends-in-none", -1, -1)
		p.blocked, p.none = false, true
		p.targets = p.targets[:0]
		p.topic = ""
	}
	if p.blocked && p.noneWhole && !p.resolved && len(p.targets) == 0 && p.topic == "" {
		// "database not set up yet, no blockers": a wait that names nothing
		// gives way to the explicit none beside it. "Still blocked, no other
		// blockers" keeps its wait: that none excepts it (noneWhole).
		p.note("none-beats-unnamed-wait", -1, -1)
		p.blocked, p.none = false, true
	}
	if p.blocked && !p.resolved && (p.noneWhole && p.onlyStates() || (p.noneWhole || p.noneClauses > 0) && p.onlyBlockerNouns()) {
		// "Leonor's invoice is pending the payment run on Friday. Nothing
		// blocking": a thing's state told beside an explicit none is news,
		// not a wait of the author's; the none is the answer. So is talk of
		// blockers beside any none: "Blockers from the retro are on the
		// Confluence page. Nothing on my end."
		p.note("none-beats-state", -1, -1)
		p.blocked, p.none = false, true
		p.targets = p.targets[:0]
		p.topic = ""
	}
	if p.blocked && p.ignored() {
		p.dismiss("ignored-phrase", -1, -1)
		p.blocked = false
		p.topic = ""
		if !p.resolved {
			p.targets = p.targets[:0]
		}
	}
	if allDigits(p.topic) {
		p.topic = "" // "for 2 weeks": a count of time, not a thing
	}
	for i := range p.targets {
		if allDigits(p.targets[i].Topic) {
			p.targets[i].Topic = "" // "with legal since 10/2": a date, not a thing
		}
	}
	if p.blocked && !p.resolved && len(p.targets) == 0 && sameAsBefore(p.toks) {
		// "Still blocked on the same thing as yesterday", "same blockers as
		// Monday": the wait names nothing but the one before, so the
		// blockers are as they were (Statement.Continues), not a new one.
		p.note("blocked-same-as-before", -1, -1)
		p.blocked, p.continues, p.topic = false, true, ""
	}
	if !p.blocked && p.unblocksOthers() {
		// "<@U1> you're unblocked, the mocks are in Figma", "this should
		// unblock you": the author tells someone else that their wait
		// cleared; what arrived is theirs, not the author's.
		p.dismiss("distractor:unblocks-others", -1, -1)
		if p.resolved {
			p.resolved = false
			p.targets = p.targets[:0]
			p.topic, p.resolvedTopic = "", ""
		}
	}
	p.settleResolved()
	p.thingSenses()
	p.targetTopics()
	p.adjudicate()
	p.addressedParty() // after the model, which weighs only readings that name nothing
	p.pronounParty()
	p.dropEmptyThings()
	p.dropEmptyTopics()
	st.Blocked, st.Resolved, st.None = p.blocked, p.resolved, p.none && !p.blocked
	st.Continues = p.continues && !st.Blocked && !st.Resolved && !st.None
	st.Still = st.Blocked && p.saidStill
	if st.Blocked || st.Resolved {
		if len(p.targets) > 0 {
			st.Targets = make([]unblock.Target, len(p.targets))
			copy(st.Targets, p.targets)
		}
		st.Topic = p.topic
		if !st.Blocked || st.Topic == "" {
			if p.resolvedTopic != "" && !st.Blocked {
				st.Topic = p.resolvedTopic
			}
		}
	}
	return st
}

// classify looks each scanned word up in the grammar once: its classes and
// cue family. It also notes where the first mention is, so no rule walks the
// report to find it.
func (p *parser) classify() {
	p.firstMention = -1
	p.choiceWords = false
	w := 0 // where toks[k] goes: a title's full stop is dropped
	for k := range p.toks {
		if w < k {
			p.toks[w] = p.toks[k]
		}
		t := &p.toks[w]
		t.match = memoUnknown
		if t.kind == tWord {
			t.word = p.lex.id(t.low)
			lw := &p.lex.words[t.word]
			if lw.canon != "" {
				// "recieved", "wating": read as the word meant, by every rule,
				// the lexicon's phrases and the model.
				t.low = lw.canon
				t.word = p.lex.id(t.low)
				lw = &p.lex.words[t.word]
			}
			t.cls, t.cue = lw.cls, lw.cue
			p.choiceWords = p.choiceWords || t.cls.has(cChoiceAdverb) || t.cls.has(cRuleNoun)
		}
		if t.kind == tLink && p.isChannelParty(w) {
			t.kind = tGroup // "blocked on <#C123|infra-help>": read as the team
		}
		if t.kind == tMention && p.firstMention < 0 {
			p.firstMention = w
		}
		if p.titleStop(w, k) {
			// "Dr. Hale": the full stop is the title's, and ends no sentence.
			p.toks[w-1].end = t.end
			continue
		}
		w++
	}
	p.toks = p.toks[:w]
	p.visit(len(p.toks))
}

// titleStop reports whether toks[w], read from toks[k], is the full stop
// right after a title written with a capital and before a capitalised word:
// "Dr. Hale", "Prof. Weber" (lexicon class honorific), "St. Brigid's" (name-abbrev).
func (p *parser) titleStop(w, k int) bool {
	t := &p.toks[w]
	if t.kind != tPunct || t.punct != '.' || w == 0 || k+1 >= len(p.toks) {
		return false
	}
	title, next := &p.toks[w-1], &p.toks[k+1]
	return title.kind == tWord && title.end == t.start && title.capital && !title.acronym &&
		(title.cls.has(cHonorific) || title.cls.has(cNameAbbrev)) && next.kind == tWord && next.capital
}

// visit counts n token visits. The loops that walk the report (sentences,
// clauses, a phrase looked for anywhere) count what they visit; the rules
// within a clause look a bounded distance around a cue, so they add at most a
// constant per token. Tests read the count to check, without a clock, that
// Parse does work linear in its input whatever the input holds.
func (p *parser) visit(n int) { p.work += n }

// dashHeader reports whether toks[j] is a dash, a slash or a bar that joins a
// header to what went before on one line: "Done: the About page - Next:
// sign-in - Blocked: NA", "yday: triage / today: PRD / blockers: none",
// "Y: docs | T: tests | B: none". The header after it opens a section as it
// would at a line's start.
func (p *parser) dashHeader(j int) bool {
	toks := p.toks
	if toks[j].kind != tPunct || toks[j].punct != '-' && toks[j].punct != '/' && toks[j].punct != '|' {
		return false
	}
	for k := j + 1; k < len(toks) && k-j <= 6; k++ {
		t := &toks[k]
		if t.kind == tPunct && t.punct == ':' {
			return k > j+1 && headerSection(toks[j+1:k], false) != secNone
		}
		if t.kind != tWord {
			return false
		}
	}
	return false
}

func sentenceEnd(t *token) bool {
	if t.kind == tBreak {
		return true
	}
	return t.kind == tPunct && (t.punct == '.' || t.punct == '!' || t.punct == '?' || t.punct == ';')
}

// onlyStates reports whether every blocker the statement read came from a
// thing's pending state ("pending the payment run", "in review"), none from a
// cue that says the author waits ("waiting", "blocked", "need").
func (p *parser) onlyStates() bool {
	state := false
	for _, r := range p.fired {
		switch r {
		case "pending", "pending-state", "in-process":
			state = true
		case "wait", "need", "block", "until", "cant", "no-response", "still-open", "with-party", "with":
			return false
		}
	}
	return state
}

// onlyBlockerNouns reports whether every cue of the statement is the noun
// "blocker(s)" ("Blockers from last sprint's retro are on the Confluence
// page"): talk about blockers, which an explicit none beside it answers.
func (p *parser) onlyBlockerNouns() bool {
	noun := false
	for k := range p.toks {
		t := &p.toks[k]
		if t.kind != tWord || t.cue == 0 {
			continue
		}
		switch fam := cueFamilies[t.cue]; {
		case t.cue == blockFamily && t.cls.has(cBlockerNoun):
			if k+1 < len(p.toks) && p.toks[k+1].kind == tPunct && (p.toks[k+1].punct == ':' || p.toks[k+1].punct == '-') || p.sawBlockSec {
				return false // "Blockers: DPA with legal. Nothing else": a header, its answer a wait
			}
			noun = true
		case t.cue == blockFamily, fam == "wait", fam == "need", fam == "pending", fam == "until", fam == "cant",
			fam == "hold", fam == "depend", fam == "no-response":
			return false
		}
	}
	return noun
}

// ignored reports whether the text contains a phrase the lexicon dismisses.
func (p *parser) ignored() bool {
	for _, phrase := range p.lex.ignore {
		p.visit(len(p.toks))
		if containsWords(p.toks, phrase) {
			return true
		}
	}
	return false
}

// containsWords reports whether the words of phrase occur in a row in toks.
func containsWords(toks []token, phrase string) bool {
	for k := range toks {
		rest := phrase
		for j := k; j < len(toks) && rest != ""; j++ {
			t := &toks[j]
			if t.kind != tWord {
				if t.kind == tPunct && (t.punct == '-' || t.punct == '/') {
					continue
				}
				break
			}
			if !strings.HasPrefix(rest, t.low) {
				break
			}
			rest = strings.TrimLeft(rest[len(t.low):], " -/")
			if rest == "" {
				return true
			}
		}
	}
	return false
}

// sentence reads toks[i:j], a sentence ended by '?' when question and the last
// of its line when lineEnd, updating the current section.
func (p *parser) sentence(i, j int, question, lineEnd bool, sec *section) {
	if j-1 > i && p.enumerates(j-1) {
		j-- // "2. Blockers: None 3. Availability: Less": the "3" numbers the next item
	}
	if h, k := p.header(i, j, question, lineEnd); h != secNone {
		*sec = h
		i0 := i
		i = k
		p.sectionSaidNone = false
		p.sawBlockSec = p.sawBlockSec || h == secBlock
		if p.tracing {
			e := k
			for e > i0 && p.toks[e-1].kind == tPunct {
				e--
			}
			p.note("header:"+sectionNames[h], i0, e)
		}
	}
	if i >= j {
		return
	}
	p.prevA, p.prevB, p.cond, p.condTime = -1, -1, false, false
	p.wantTopic = false
	p.last2A, p.lastA, p.lastB = p.lastA, p.sentA, p.sentB
	p.question, p.sentA, p.sentB = question, i, j
	p.sentBlocked, p.sentTargets = p.blocked, len(p.targets)
	p.sentResolutions = p.resolutions
	a := i
	for k := i; k <= j; k++ {
		// An emoji between words ends a clause as a comma would ("none 🙌
		// maria sent the mocks", "got the mocks 🎉 now waiting on legal"),
		// but is no token of either.
		split := k < j && k > a && p.toks[k].afterEmoji && p.toks[k-1].kind == tWord && p.toks[k].kind == tWord
		if k < j && !split && !clauseEnd(p.toks, k, a) && k-a < maxClause {
			continue
		}
		if m, h := p.inlineHeader(a, k, *sec); h != secNone && !split {
			// "Blockers: N/A Availability: Tuesday": the answer ends where the
			// next header of the same line starts.
			if m > a {
				p.clause(a, m, *sec)
			}
			// "T: pt2 photos with Declan B: part 2 still with the subs": the
			// clause before is another section's, neither party nor topic
			// of what the new one says.
			p.prevA, p.prevB = -1, -1
			// Nor does a party named there answer for the new section's
			// thing ("y: media partner mails t: … b: ads budget, still with
			// Henrik"): the section opens a sentence of its own.
			p.sentA = k + 1
			p.sentBlocked, p.sentTargets, p.sentResolutions = p.blocked, len(p.targets), p.resolutions
			*sec = h
			p.sectionSaidNone = false
			p.sawBlockSec = p.sawBlockSec || h == secBlock
			p.note("header:"+sectionNames[h], m, k)
			a = k + 1
			continue
		}
		if k > a {
			p.clause(a, k, *sec)
			p.prevA, p.prevB = a, k
		} else if *sec == secBlock && k < j && p.toks[k].kind == tPunct && p.toks[k].punct == '-' && onlyPunct(p.toks[i:j]) {
			p.none = true // "Blockers: -"
			p.note("none-dash", k, k+1)
			p.noneInBlockSec = true
		}
		a = k + 1
		if split {
			a, k = k, k-1 // the word after the emoji opens the next clause
		}
	}
}

// unblocksOthers reports whether the report tells the one it is addressed to
// that they are unblocked: "you're unblocked", "you should be unblocked now",
// "this unblocks you".
func (p *parser) unblocksOthers() bool {
	toks := p.toks
	for i := range toks {
		if toks[i].kind != tWord {
			continue
		}
		switch toks[i].low {
		case "you", "you're", "youre", "y'all":
			if i > 0 && toks[i-1].cls.has(cThanksWord) {
				continue // "thank you, I'm unblocked"
			}
			for k := i + 1; k < len(toks) && k <= i+4 && toks[k].kind == tWord &&
				!toks[k].cls.has(cFirstPerson) && !toks[k].cls.has(cFirstPersonContraction); k++ {
				if toks[k].cue == unblockedFamily {
					return true
				}
			}
		default:
			if toks[i].cue == unblockedFamily && i+1 < len(toks) && toks[i+1].low == "you" {
				return true
			}
		}
	}
	return false
}

// enumerates reports whether toks[k], a number of one or two digits, numbers
// the item that starts after the full stop that follows it: "… None 3. Availability".
func (p *parser) enumerates(k int) bool {
	toks := p.toks
	t := &toks[k]
	if t.kind != tWord || len(t.low) > 2 || k+2 >= len(toks) || toks[k+1].kind != tPunct || toks[k+1].punct != '.' ||
		toks[k+2].kind != tWord || !toks[k+2].capital {
		return false
	}
	for _, c := range []byte(t.low) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// inlineHeader finds a header that starts a new section inside a line, after
// an answer: in toks[a:k], ended by a colon at k, its last capitalised words when
// they name a section ("Next Steps:"), or, within a section (sec), one
// capitalised word after a word that could end an answer: a form's next field
// ("Blockers: none Availability: Tuesday"), not what an answer awaits ("waiting
// on Legal: no reply"). It returns where the header starts and its section, or
// secNone.
func (p *parser) inlineHeader(a, k int, sec section) (int, section) {
	toks := p.toks
	if k >= len(toks) || toks[k].kind != tPunct || toks[k].punct != ':' {
		return k, secNone
	}
	for m := max(a+1, k-3); m < k; m++ {
		if !toks[m].capital || toks[m].lineStart {
			continue
		}
		words := true
		for n := m; n < k; n++ {
			words = words && toks[n].kind == tWord
		}
		if h := headerSection(toks[m:k], false); words && h != secNone {
			return m, h
		}
	}
	// In a line that opened with a header, a lower-case one-word header goes on:
	// "t: read replica tomorrow b: nothing", "y: schema t: replica b: none".
	if m := k - 1; sec != secNone && m > a && toks[m].kind == tWord && !toks[m].capital && !toks[m].lineStart &&
		toks[m-1].kind == tWord {
		if h := headerSection(toks[m:k], false); h != secNone && h != secOther {
			return m, h
		}
	}
	// The label is a capitalised word, not an acronym ("on JS PR: …" names a PR);
	// the word before it is no name ("blocked on Dana Kim: no reply" names one
	// person) unless it is a none ("N/A").
	if m := k - 1; sec != secNone && m > a && toks[m].kind == tWord && toks[m].capital && !toks[m].acronym && !toks[m].lineStart &&
		toks[m-1].kind == tWord && !toks[m-1].cls.has(cFunctionWord) && !toks[m-1].cls.has(cStop) &&
		(!toks[m-1].capital || toks[m-1].cls.has(cNoneWordStrong) || toks[m-1].cls.has(cNoneWordWeak)) {
		return m, secOther
	}
	return k, secNone
}

func onlyPunct(toks []token) bool {
	for i := range toks {
		t := &toks[i]
		if t.kind != tPunct {
			return false
		}
	}
	return true
}

// clauseEnd reports whether toks[k] ends a clause that started at a.
func clauseEnd(toks []token, k, a int) bool {
	t := &toks[k]
	switch t.kind {
	case tPunct:
		switch t.punct {
		case ',', '-', ':', '(', ')', '"', '[', ']':
			return true
		}
	case tWord:
		switch t.low {
		case "but", "though", "however", "although", "whereas", "meanwhile":
			return k > a
		}
	}
	return false
}

// shortAside reports whether the bracket at k opens a short aside on the
// word before it, which its clause reads on through: a few words to the
// closing bracket, with no cue word, line break or sentence end ("Redline (our
// pentest vendor)", "design (Chloe)", "the keys (partner ticket #88213)").
func shortAside(toks []token, k int) bool {
	if k == 0 || toks[k-1].kind != tWord && toks[k-1].kind != tMention {
		return false
	}
	for j := k + 1; j < len(toks) && j <= k+9; j++ {
		t := &toks[j]
		switch {
		case t.kind == tPunct && t.punct == ')':
			return j > k+1
		case sentenceEnd(t), t.kind == tPunct && (t.punct == '(' || t.punct == ','), t.kind == tWord && t.cue != 0:
			return false
		}
	}
	return false
}

// header recognises a section header at the start of toks[i:j]: "Blockers:",
// "Y:", "*Today*" alone on its line, "### Blockers", "Anything blocking your
// progress?". It returns the section and where the content after it starts,
// or secNone.
func (p *parser) header(i, j int, question, lineEnd bool) (section, int) {
	toks := p.toks
	// "Word word:" — up to ten header words and a colon ("Issues, problems or
	// concerns:", "Issues / Blockers:", "There are things which are blocking me from progressing - no").
	end := -1
	for k := i; k < j && k-i <= 10; k++ {
		t := &toks[k]
		if t.kind == tPunct && (t.punct == ':' || t.punct == '-' && k > i && k+1 < j) {
			end = k // "Blockers:", or "Blockers - none so far" with words after the dash
			break
		}
		if t.kind != tWord && !(t.kind == tPunct && (t.punct == ',' || t.punct == '/' || t.punct == '&') && k > i) {
			break
		}
	}
	if end > i {
		if sec := headerSection(toks[i:end], false); sec != secNone {
			return sec, end + 1
		}
		return p.longNoneHeader(i, j, false)
	}
	// A question: "What did you do yesterday?", "Any blockers?", "Do you have
	// anything that's getting in the way of doing your work?"
	if question && j-i <= 16 && !p.statusChase(i, j) {
		if sec := headerSection(toks[i:j], true); sec != secNone {
			return sec, j
		}
	}
	// A line of header words alone: "*Blockers*", "### Today", "Yesterday".
	// "Blocked" alone is a status ("Blocked" under a task) unless the next line
	// answers it none ("Blocked\nNone").
	if lineEnd && toks[i].lineStart && j-i <= 4 && (j == len(toks) || toks[j].kind == tBreak) {
		if sec := headerSection(toks[i:j], false); sec != secNone && !(j-i == 1 && toks[i].low == "blocked" && !p.noneAnswerAt(j+1, len(toks))) {
			return sec, j
		}
	}
	return p.longNoneHeader(i, j, question)
}

// longNoneHeader recognises a header too long or too wordy for the header
// words that names issues or blockers and is answered none: "Issues for the
// PMC or the Board: None.", "Licensing and other issues: None at the moment.",
// "Any issues that the PMC should be aware of? No issues that we know of."
// Only a none answer makes it a header: what such a line says otherwise is
// read as written.
func (p *parser) longNoneHeader(i, j int, question bool) (section, int) {
	toks := p.toks
	end := -1
	for k := i; k < j && k-i <= 24; k++ {
		if t := &toks[k]; t.kind == tPunct && t.punct == ':' {
			end = k
			break
		}
	}
	after := end + 1
	if end < 0 {
		if !question || j-i > 24 {
			return secNone, i
		}
		end, after = j, j+1
		for after < len(toks) && toks[after].kind == tBreak {
			after++
		}
	}
	named := false
	for k := i; k < end; k++ {
		named = named || toks[k].kind == tWord && toks[k].cls.has(cNoneNoun)
	}
	if !named || !p.noneAnswerAt(after, len(toks)) {
		return secNone, i
	}
	if end == j {
		return secRisk, j
	}
	return secRisk, end + 1
}

// noneAnswerAt reports whether the words at k answer none: "None", "N/A",
// "Nothing", "No issues", "no blockers that we know of".
func (p *parser) noneAnswerAt(k, b int) bool {
	if k >= b || p.toks[k].kind != tWord || !p.toks[k].cls.has(cNoneWordStrong) {
		return false
	}
	switch p.toks[k].low {
	case "no":
		return p.noneAfter(k, b)
	case "none", "nothing", "n/a", "na", "nil", "nope", "nada", "zilch":
		return true
	}
	return false
}

// headerSection classifies the words of a header (lexicon.txt's header-*
// classes). Every word must be one headers use; at least one must name a
// section.
func headerSection(toks []token, question bool) section {
	var block, risk, done, plan, other, you, decisions, need bool
	for k := range toks {
		t := &toks[k]
		if (block || decisions) && k > 0 && t.kind == tWord && (t.low == "from" || t.low == "for") && cueFamilies[toks[k-1].cue] == "need" {
			// "Decisions needed from the TC -", "Help needed from the design
			// team:": after what is needed, whom it is needed from.
			break
		}
		if t.kind != tWord {
			if t.kind == tPunct && (t.punct == '/' || t.punct == '&' || t.punct == '?' || t.punct == '\'' || t.punct == ',' || t.punct == '(' || t.punct == ')') {
				continue
			}
			return secNone
		}
		c := &t.cls
		if !c.overlaps(&cHeaderWord) {
			return secNone
		}
		block = block || c.has(cHeaderBlockers)
		risk = risk || c.has(cHeaderRisks)
		done = done || c.has(cHeaderDone)
		plan = plan || c.has(cHeaderPlan)
		other = other || c.has(cHeaderOther)
		you = you || c.has(cHeaderYou)
		decisions = decisions || c.has(cHeaderDecisions)
		need = need || c.has(cHeaderNeed)
	}
	if decisions {
		// "Decisions needed from the TC:" asks for them; "Decisions:" in
		// minutes lists what was decided.
		block = block || need
		other = other || !need
	}
	if question && !you && !block {
		return secNone
	}
	switch {
	case block:
		return secBlock
	case risk:
		return secRisk
	case done && !plan:
		return secDone
	case plan:
		return secPlan
	case other && !question:
		return secOther
	}
	return secNone
}

// allDigits reports whether s is a bare number ("2"), which names no awaited thing.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// statusChase reports whether the question toks[i:j] asks for news of a
// thing ("Any updates on this issue?", "any news about the ticket?"): a
// chase of what the author awaits, no Blockers or Issues question.
func (p *parser) statusChase(i, j int) bool {
	for k := i; k+1 < j; k++ {
		if cueFamilies[p.toks[k].cue] == "any-update" && p.toks[k+1].cls.has(cAboutPrep) {
			return true
		}
	}
	return false
}
