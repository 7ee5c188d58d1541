package unblock

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Wait is one mention of a wait as the same-blocker rule compares it: whom or
// what one person waits on, as a canonical graph node with its kind and owning
// role, and the topic. Blocker.Wait and the store's lifecycle build it.
type Wait struct {
	Node  string     // the target's graph node: a user ID, or KIND:slug (Target.Node)
	Kind  TargetKind // the target's kind
	Role  Role       // the role that owns the target (a person's own role); "" when unknown
	Topic string     // what is awaited, in a few words; may be ""
	Still bool       // the report tells it as going on (Statement.Still); no part of identity but for rule 6
}

// SameWait reports whether a and b, two waits of one person, are the same
// blocker: the one rule of blocker identity (docs/DESIGN.md, "Blocker identity").
//
// The targets must agree (SameTarget) and the topics must not tell two things
// apart (TopicsAgree): "blocked on design for the checkout mocks", "still no
// mocks from Bo" (a designer) and "day 4 waiting on the design team" are one
// wait; "design: pricing page mocks" and "design: onboarding copy" are two.
//
// An artifact's owner is only the reader's guess, so a wait on an artifact is
// the same as another wait when its topic's words (its distinctive ones, or its
// generic ones when it has none) are all in the other's topic, whoever owns it ("B: PDF license check" after "waiting on
// legal for the license check for the PDF library"); by owner alone only when
// the artifact is a generic one ("the decision", "mocks"), the other wait has
// no topic, or the topics share a word: "the cart API" is not "review of my PR"
// for an engineer waiting on another engineer.
func SameWait(a, b Wait) bool {
	if a.Node != "" && a.Node == b.Node {
		return TopicsAgree(a.Topic, b.Topic)
	}
	if a.Kind != b.Kind && kindGuessed(a.Kind) && kindGuessed(b.Kind) && nodeName(a.Node) != "" && nodeName(a.Node) == nodeName(b.Node) {
		return TopicsAgree(a.Topic, b.Topic) // rule 7: "the FSA" read as a team one day and as a thing the next
	}
	if a.Kind != TargetArtifact && b.Kind != TargetArtifact {
		return SameTarget(a, b) && TopicsAgree(a.Topic, b.Topic)
	}
	if a.Kind == TargetArtifact && (topicWithin(a.Topic, b.Topic) || namesOutsider(a.Topic, b)) ||
		b.Kind == TargetArtifact && (topicWithin(b.Topic, a.Topic) || namesOutsider(b.Topic, a)) {
		return true
	}
	if !SameTarget(a, b) || !TopicsAgree(a.Topic, b.Topic) {
		return false
	}
	wa, wb := TopicWords(a.Topic), TopicWords(b.Topic)
	generic := a.Kind == TargetArtifact && (len(wa.Distinctive) == 0 || genericThing(a.Node)) ||
		b.Kind == TargetArtifact && (len(wb.Distinctive) == 0 || genericThing(b.Node))
	untold := len(wa.Distinctive)+len(wa.Generic) == 0 || len(wb.Distinctive)+len(wb.Generic) == 0
	return generic || untold || TopicOverlap(a.Topic, b.Topic) > 0
}

// genericThing reports whether an artifact's node names a generic thing ("the
// decision", "mocks"): rule 3 takes it for its owner's wait whatever its topic
// ("still no decision on co-op" and "waiting for Rachel to decide if co-op is
// in scope", Rachel being product).
func genericThing(node string) bool {
	name := nodeName(node)
	if name == "" {
		return false
	}
	w := TopicWords(strings.ReplaceAll(name, "-", " "))
	return len(w.Distinctive) == 0 && len(w.Generic) > 0
}

// kindGuessed reports whether a target of kind k may be the reader's guess of
// a name it does not know: a team, an outsider or a thing ("FSA", "Northgate").
// People and roles are known by the directory and the vocabulary.
func kindGuessed(k TargetKind) bool {
	return k == TargetTeam || k == TargetExternal || k == TargetArtifact
}

// nodeName is the name part of a node ("fsa" of "team:fsa").
func nodeName(node string) string {
	if i := strings.IndexByte(node, ':'); i >= 0 {
		return node[i+1:]
	}
	return ""
}

// topicWithin reports whether the words of topic a are all words of topic b:
// its distinctive words, or when it has none its generic ones ("copy" is within
// "onboarding copy sign-off"). An empty topic is within nothing.
func topicWithin(a, b string) bool {
	wa, wb := TopicWords(a), TopicWords(b)
	words, in := wa.Distinctive, wb.Distinctive
	if len(words) == 0 {
		words = wa.Generic
		in = map[string]bool{}
		for w := range wb.Distinctive {
			in[w] = true
		}
		for w := range wb.Generic {
			in[w] = true
		}
	}
	if len(words) == 0 {
		return false
	}
	for w := range words {
		if !in[w] {
			return false
		}
	}
	return true
}

// namesOutsider reports whether the words of an artifact's topic hold the whole
// name of the outsider w waits on: "Brightway boards" and "TestLab Nord EMC
// results" are the waits on Brightway and on TestLab Nord, said by what they
// bring.
func namesOutsider(topic string, w Wait) bool {
	slug, ok := strings.CutPrefix(w.Node, string(TargetExternal)+":")
	if w.Kind != TargetExternal || !ok || slug == "" {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(topic), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, part := range strings.Split(slug, "-") {
		if !slices.Contains(words, part) {
			return false
		}
	}
	return true
}

// SameTarget reports whether a and b wait on the same target: the same node, or
// two targets that are not both individuals (people or outsiders) and whose
// known owning roles agree: the role "design", a designer named by mention or
// first name, and the "checkout mocks" design owns are one target. Two people
// are two targets even when they share a role.
func SameTarget(a, b Wait) bool {
	if a.Node != "" && a.Node == b.Node {
		return true
	}
	if a.Kind.Individual() && b.Kind.Individual() {
		return false
	}
	return a.Role != RoleUnknown && a.Role == b.Role
}

// Individual reports whether a target of kind k is one person or one outsider,
// not a role, a team or a thing.
func (k TargetKind) Individual() bool { return k == TargetPerson || k == TargetExternal }

// ShortOrFullName reports whether a and b wait on two outsiders one of whose
// names is the first whole words of the other's: "Helix" and "Helix Retail"
// (nodes external:helix and external:helix-retail), not "Acme" and "Acmex". Such
// a pair may be one outsider named short and in full, but "Helix" may as well be
// another company: SameWait never takes them for one; the store does, for one
// person's open blockers, only when nothing else settles it (docs/DESIGN.md,
// "Blocker identity").
func ShortOrFullName(a, b Wait) bool {
	if a.Kind != TargetExternal || b.Kind != TargetExternal {
		return false
	}
	short, full := a.Node, b.Node
	if len(short) > len(full) {
		short, full = full, short
	}
	return short != "" && len(full) > len(short) && full[len(short)] == '-' && strings.HasPrefix(full, short)
}

// TopicsAgree reports whether two topics of waits on one target may name the
// same thing. Only topics that both have distinctive words (words that are not
// generic nouns such as mocks, spec, review or copy (things.txt), filler (waitwords.txt), or
// words for a role (roles.txt)) and share none of them are told apart: a missing or generic
// topic refines nothing.
func TopicsAgree(a, b string) bool {
	da, db := TopicWords(a).Distinctive, TopicWords(b).Distinctive
	if len(da) == 0 || len(db) == 0 {
		return true
	}
	for w := range da {
		if db[w] {
			return true
		}
	}
	return abbreviates(a, b) || abbreviates(b, a)
}

// abbreviates reports whether a word of short written in capitals is the
// initials of words that follow one another in long: "DSA approval" and "the
// data sharing agreement", "CR still with the HoD" and "change request", "P&D
// Committee" and "Planning and Development Committee" (small joining words
// such as "of" and "and" may be left out of the initials).
func abbreviates(short, long string) bool {
	var initials, all []byte // of long's words without and with the joining words
	for _, w := range strings.FieldsFunc(long, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		r, _ := utf8.DecodeRuneInString(w)
		c := byte(unicode.ToLower(r))
		all = append(all, c)
		if !joiningWord(strings.ToLower(w)) {
			initials = append(initials, c)
		}
	}
	if len(all) < 2 {
		return false
	}
	for _, w := range strings.FieldsFunc(short, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '(' || r == ')' }) {
		var acr []byte
		for _, r := range w {
			if unicode.IsUpper(r) {
				acr = append(acr, byte(unicode.ToLower(r)))
			}
		}
		if len(acr) < 2 || len(acr) > 6 || len(acr)*2 < len(w) {
			continue // "DSA", "HoD", "P&D"; not "Gráinne" or "McCarthy"
		}
		if strings.Contains(string(initials), string(acr)) || strings.Contains(string(all), string(acr)) {
			return true
		}
	}
	return false
}

// joiningWord reports whether w is a small word initials leave out.
func joiningWord(w string) bool {
	switch w {
	case "of", "and", "the", "for", "to", "a", "an", "in", "on":
		return true
	}
	return false
}

// TopicOverlap scores how much two topics share, for choosing among several
// open blockers that could match a mention: two points per shared distinctive
// word, one per shared generic word.
func TopicOverlap(a, b string) int {
	wa, wb := TopicWords(a), TopicWords(b)
	n := 0
	for w := range wa.Distinctive {
		if wb.Distinctive[w] {
			n += 2
		}
	}
	for w := range wa.Generic {
		if wb.Generic[w] {
			n++
		}
	}
	if n == 0 && (abbreviates(a, b) || abbreviates(b, a)) {
		n = 2 // "DSA approval" and "the data sharing agreement": one thing, one named by its initials
	}
	return n
}

// JoinTopics returns the topic of one wait told with two topics in one report
// (DESIGN rule 8): a, and b after it when b has a meaningful word a lacks
// ("pricing decision, checkout spec"), cut to MaxTopicRunes. A topic with no
// meaningful word stays as it is: it refines nothing (rule 2), and a word
// added would.
func JoinTopics(a, b string) string {
	wa, wb := TopicWords(a), TopicWords(b)
	if len(wa.Distinctive)+len(wa.Generic) == 0 {
		return a
	}
	for w := range wb.Distinctive {
		if !wa.Distinctive[w] {
			return Cut(a+", "+b, MaxTopicRunes)
		}
	}
	for w := range wb.Generic {
		if !wa.Generic[w] {
			return Cut(a+", "+b, MaxTopicRunes)
		}
	}
	return a
}

// Words are the meaningful words of a topic, lower-cased and singular, split
// into distinctive and generic ones.
type Words struct {
	Distinctive map[string]bool
	Generic     map[string]bool
}

// TopicWords splits a topic into its distinctive and generic words; filler
// ("the", "still", "day") and bare numbers shorter than three digits are dropped.
// The sets may be shared with other calls for the same topic: read them, never
// change them.
func TopicWords(topic string) Words {
	c := &topicWordsCache
	c.mu.Lock()
	w, ok := c.words[topic]
	c.mu.Unlock()
	if ok {
		return w
	}
	w = topicWords(topic)
	c.mu.Lock()
	if len(c.words) >= topicWordsCacheSize || c.words == nil {
		c.words = make(map[string]Words, 256)
	}
	c.words[topic] = w
	c.mu.Unlock()
	return w
}

// topicWordsCache remembers TopicWords's answers: the lifecycle compares the
// same few topics again and again (each open blocker of a person against each
// wait a report names), and the words depend on the topic alone (the built-in
// vocabulary). It is emptied when it holds topicWordsCacheSize topics.
var topicWordsCache struct {
	mu    sync.Mutex
	words map[string]Words
}

const topicWordsCacheSize = 4096

func topicWords(topic string) Words {
	v := waitVocabulary()
	out := Words{Distinctive: map[string]bool{}, Generic: map[string]bool{}}
	add := func(w string) {
		switch {
		case v.stop[w]:
		case isNumber(w) && len(w) < 3:
		case v.generic[w] || ParseRole(w) != RoleUnknown:
			out.Generic[w] = true
		default:
			out.Distinctive[w] = true
		}
	}
	for _, w := range v.canonicalWords(topicTokens(topic)) {
		add(w)
		if _, known := v.same[w]; strings.Contains(w, "-") && !known && !v.stop[w] && !v.generic[w] {
			// "bulk-edit spec" and "bulk edit designs" name one thing: a
			// compound the vocabulary does not know ("sign-off" it does) is
			// also its words.
			for _, part := range strings.Split(w, "-") {
				if len(part) > 1 {
					add(v.canonicalWord(part))
				}
			}
		}
	}
	return out
}

// topicTokens splits s into lower-case words of letters and digits, keeping
// inner hyphens and slashes ("sign-off", "n/a").
func topicTokens(s string) []string { return lowerFields(s, "-/'") }

// lowerFields returns the words of s lower-cased: the runs of letters, digits and
// the runes of keep. ASCII text, nearly all of it, is split in one pass without a
// call per rune (names are split per distinct target of every analysis), into a
// list allocated once at its size.
func lowerFields(s, keep string) []string {
	var buf [16]string
	if words, ok := appendLowerFields(buf[:0], s, keep); ok {
		return slices.Clone(words) // as FieldsFunc, not nil when empty
	}
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(keep, r)
	})
}

// appendLowerFields appends to dst the words of s as lowerFields splits them, and
// reports whether s is ASCII: for other text it appends nothing and returns false.
// A caller that keeps the words only for a moment passes a small array of its own
// as dst, so that splitting a name allocates nothing when it is lower-case.
func appendLowerFields(dst []string, s, keep string) ([]string, bool) {
	// One pass over lower-case ASCII, nearly every name: an upper-case letter lowers
	// the text and starts again; a byte past ASCII ends it (and strings.ToLower could
	// make such text ASCII: the Kelvin sign is a "k").
	n := len(dst)
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		var w bool
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			w = true
		case c >= utf8.RuneSelf:
			return dst[:n], false
		case 'A' <= c && c <= 'Z':
			for j := i + 1; j < len(s); j++ {
				if s[j] >= utf8.RuneSelf {
					return dst[:n], false
				}
			}
			s, dst, start, i = strings.ToLower(s), dst[:n], -1, -1
			continue
		default:
			w = keeps(keep, c)
		}
		switch {
		case w && start < 0:
			start = i
		case !w && start >= 0:
			dst = append(dst, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst, true
}

// keeps reports whether c is one of the bytes of keep, a few (without a call).
func keeps(keep string, c byte) bool {
	for i := 0; i < len(keep); i++ {
		if keep[i] == c {
			return true
		}
	}
	return false
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// Singular returns the singular of a regular English plural, and w otherwise:
// "mocks" -> "mock", "stories" -> "story"; "access", "status" and "analysis"
// stay as they are.
func Singular(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 3 && w[n-1] == 's' && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!latinIs(w) && w[n-2] != '\'':
		return w[:n-1]
	}
	return w
}

// latinIs reports whether w ends in an -is that is no plural: "analysis",
// "basis", "axis", "tennis", "iris", "this". "kpis" and "apis" are plurals.
func latinIs(w string) bool {
	if !strings.HasSuffix(w, "is") {
		return false
	}
	if len(w) <= 3 {
		return true
	}
	switch w[len(w)-3] {
	case 's', 'x', 'n', 'r', 'h': // analysis, axis, tennis, iris, this
		return true
	}
	return false
}

// IsNoneName reports whether an awaited thing's name names nothing ("none",
// "n/a", "-"): such an artifact is never a blocker.
func IsNoneName(name string) bool {
	var buf [8]string
	words, ok := appendLowerFields(buf[:0], name, "-/'")
	if !ok {
		words = topicTokens(name)
	}
	if len(words) == 0 {
		return strings.Trim(name, " \t-–—*_.") == ""
	}
	v := waitVocabulary()
	none := false
	for _, w := range words {
		switch {
		case v.isNone(w):
			none = true
		case !v.isStop(w):
			return false
		}
	}
	return none
}

//go:embed waitwords.txt
var waitWordsFile string

type waitWords struct {
	stop, generic, none, channel map[string]bool
	prompt, notPrompt            map[string]bool      // words of a standup prompt's first line, and of one that is not
	posted                       map[string]bool      // words of a standup bot's first line beside whom it speaks for
	legalForm                    map[string]bool      // a company's legal forms ("corp", "gmbh"), without dots
	same                         map[string]string    // a word -> the word that stands for it
	pairs                        map[[2]string]string // two words ("release candidate") -> the word for them
	// Filters in front of stop, none, same and the first words of pairs, for the
	// names the analysis makes canonical: most of their words are in none of them.
	stopF, noneF, sameF, pairF *wordFilter
}

// wordFilter tells in two loads that a word is not in a set: it keeps, for every
// first byte and every last byte of the set's words, the lengths of the words that
// have it (modulo 64). A word it may hold is looked up in the set itself.
type wordFilter struct{ first, last [256]uint64 }

func (f *wordFilter) add(w string) {
	if w != "" {
		bit := uint64(1) << (len(w) % 64)
		f.first[w[0]] |= bit
		f.last[w[len(w)-1]] |= bit
	}
}

// mayHave reports whether w may be one of the filter's words.
func (f *wordFilter) mayHave(w string) bool {
	if w == "" {
		return true
	}
	bit := uint64(1) << (len(w) % 64)
	return f.first[w[0]]&bit != 0 && f.last[w[len(w)-1]]&bit != 0
}

// isStop reports whether w is a filler word; isNone whether it names nothing.
func (v *waitWords) isStop(w string) bool { return v.stopF.mayHave(w) && v.stop[w] }
func (v *waitWords) isNone(w string) bool { return v.noneF.mayHave(w) && v.none[w] }

// isLegalForm reports whether w, a lower-case word, is a company's legal form
// ("corp", "inc.", "s.a."): dots are no part of it.
func (v *waitWords) isLegalForm(w string) bool {
	if strings.IndexByte(w, '.') >= 0 {
		w = strings.ReplaceAll(w, ".", "")
	}
	return v.legalForm[w]
}

// filter builds the filters of the sets it has.
func (v *waitWords) filter() {
	v.stopF, v.noneF, v.sameF, v.pairF = &wordFilter{}, &wordFilter{}, &wordFilter{}, &wordFilter{}
	for w := range v.stop {
		v.stopF.add(w)
	}
	for w := range v.none {
		v.noneF.add(w)
	}
	for w := range v.same {
		v.sameF.add(w)
	}
	for p := range v.pairs {
		v.pairF.add(p[0])
	}
}

// canonicalWords returns words with canonicalWord applied and each pair of
// words that a same: line names as one word replaced by that word.
func (v *waitWords) canonicalWords(words []string) []string {
	return v.canonicalWordsTo(make([]string, 0, len(words)), words)
}

// canonicalWordsTo appends canonicalWords(words) to out. out may be words[:0]:
// the words are replaced in place, each read before it is written over.
func (v *waitWords) canonicalWordsTo(out, words []string) []string {
	for i := 0; i < len(words); i++ {
		w := v.canonicalWord(words[i])
		if i+1 < len(words) {
			if !v.pairF.mayHave(w) {
				// no pair starts with w
			} else if c, ok := v.pairs[[2]string{w, Singular(strings.ToLower(words[i+1]))}]; ok {
				w = c
				i++
			}
		}
		out = append(out, w)
	}
	return out
}

// canonicalWord returns w lower-cased, singular and as the word that stands for
// it ("environments" -> "env").
func (v *waitWords) canonicalWord(w string) string {
	w = Singular(strings.ToLower(w))
	if !v.sameF.mayHave(w) {
		return w
	}
	if c, ok := v.same[w]; ok {
		return c
	}
	return w
}

// waitVocabulary reads waitwords.txt once. The file is compiled in, so a
// malformed line is a programming error and panics (every test of the rule loads it).
var waitVocabulary = sync.OnceValue(func() *waitWords {
	v, err := parseWaitWords(waitWordsFile)
	if err != nil {
		panic(err)
	}
	v.addGeneric(builtinThings().genericWords())
	return &v
})

// addGeneric adds the words of phrases (things.txt's generic kinds) to the
// generic words, as written (singular) and as the topic rule reads them
// (canonical: "mockups" is "mock", "green light" is "approval").
func (v *waitWords) addGeneric(phrases []string) {
	for _, p := range phrases {
		words := topicTokens(p)
		for _, w := range words {
			v.generic[Singular(w)] = true
		}
		for _, w := range v.canonicalWords(words) {
			v.generic[w] = true
		}
	}
}

func parseWaitWords(file string) (waitWords, error) {
	v := waitWords{stop: map[string]bool{}, generic: map[string]bool{}, none: map[string]bool{}, same: map[string]string{}, pairs: map[[2]string]string{},
		channel: map[string]bool{}, prompt: map[string]bool{}, notPrompt: map[string]bool{}, posted: map[string]bool{},
		legalForm: map[string]bool{}}
	for i, line := range strings.Split(file, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		class, words, ok := strings.Cut(line, ":")
		if class == "same" {
			f := strings.Fields(words)
			if len(f) < 2 {
				return v, fmt.Errorf("waitwords.txt:%d: a same: line needs two words or more, got %q", i+1, line)
			}
			to := Singular(strings.ToLower(f[0]))
			for _, w := range f[1:] {
				if a, b, ok := strings.Cut(strings.ToLower(w), "_"); ok {
					v.pairs[[2]string{Singular(a), Singular(b)}] = to
					continue
				}
				v.same[Singular(strings.ToLower(w))] = to
			}
			continue
		}
		var set map[string]bool
		switch class {
		case "stop":
			set = v.stop
		case "none":
			set = v.none
		case "channel":
			set = v.channel
		case "prompt":
			set = v.prompt
		case "not-prompt":
			set = v.notPrompt
		case "posted":
			set = v.posted
		case "legal-form":
			set = v.legalForm
		}
		if !ok || set == nil {
			return v, fmt.Errorf("waitwords.txt:%d: want \"stop|same|none|channel|prompt|not-prompt|posted|legal-form: words\" (generic kinds are things.txt's), got %q", i+1, line)
		}
		for _, w := range strings.Fields(words) {
			switch class {
			case "stop":
				w = Singular(w)
			case "legal-form":
				w = strings.ReplaceAll(w, ".", "")
			}
			set[strings.ToLower(w)] = true
		}
	}
	v.filter()
	return v, nil
}
