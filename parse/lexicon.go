package parse

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/unblock-dev/unblock"
)

// wordClass says what a lexicon entry names.
type wordClass uint8

const (
	classRole     wordClass = iota + 1 // a role: "design", "UX", "lawyers"
	classTeam                          // a team: "platform team", "steering committee"
	classExternal                      // a customer or vendor by name: "Acme"
	classPerson                        // a known person: "Dana"
	classArtifact                      // a thing that is awaited: "mocks", "API spec"
)

// Owner strength of an artifact word: a weak owner ("review" -> engineering,
// "approval" -> leadership) gives way to a strong one in the same phrase
// ("design review" -> design, "DB access approval" -> ops).
const (
	ownerNone   = 0
	ownerWeak   = 1
	ownerStrong = 2
	ownerRole   = 3 // a role word used as a modifier: "legal docs"
	ownerNamed  = 4 // a thing whose phrase names its owner: "UX feedback", "legal review"
)

// entry is one word or phrase the lexicon knows.
type entry struct {
	words    []string // the phrase, lower-cased and tokenised; len 1 for a word
	class    wordClass
	role     unblock.Role
	strength uint8
	name     string // for a person: the mention to report ("<@U123>"), or ""
	caps     bool   // written in capitals ("IT"): matches only a word written in capitals, not the pronoun "it"
}

// Lexicon holds the words the parser knows: role names and synonyms, the owner
// role of artifacts, people, teams, user groups, customers and vendors, and
// phrases dismissed as "not a blocker". NewLexicon returns the built-in
// defaults; the Add methods teach it a company's own words. A Lexicon must not
// be changed while Parse uses it; concurrent Parse calls are safe.
type Lexicon struct {
	entries []entry             // every word and phrase
	index   []int32             // hash table of the words: an index into words, 0 for an empty slot (see id)
	words   []lexWord           // what is known of each word; words[0] is the unknown word
	groups  map[string]group    // user-group ID ("S0123") -> handle and role
	teamsBy map[string]group    // a team's channel ID ("C0123") -> the team's name and role
	ignore  []string            // lower-cased phrases; a statement containing one is no blocker
	vocab   *unblock.Vocabulary // the roles entries may name: roles.txt and the roles taught since
	// surnames maps the last word of a person's full name, lower-cased, to
	// their mention, or to "" when two people share it: "Frau Vogt" is the
	// directory's Karin Vogt when she is the only Vogt.
	surnames map[string]string
}

// lexWord is what a lexicon knows of one word: the grammar's classes and cue
// family, and the entries whose phrase starts with it. The parser looks a
// word up once (classify) and keeps its index in the token.
type lexWord struct {
	text string
	wordInfo
	phrases []int32 // indexes into entries, longest phrase first
}

// id returns the index into l.words of word w, 0 when the lexicon does not
// know it. The parser asks this of every word of every report, so the words
// are found through a hash table of their own rather than a map: the FNV-1a
// hash of the word picks a slot of l.index, and the slots after it are tried
// in turn until the word or an empty slot.
func (l *Lexicon) id(w string) int32 {
	mask := uint32(len(l.index) - 1)
	for i := wordHash(w) & mask; ; i = (i + 1) & mask {
		if id := l.index[i]; id == 0 || l.words[id].text == w {
			return id
		}
	}
}

// wordHash is the 32-bit FNV-1a hash of w, as the model hashes its features.
func wordHash(w string) uint32 { return fnvAdd(fnvOffset, w) }

// word returns the index into l.words of word w, adding it when absent.
func (l *Lexicon) word(w string) int32 {
	if id := l.id(w); id != 0 {
		return id
	}
	l.words = append(l.words, lexWord{text: w})
	if 2*len(l.words) > len(l.index) {
		// At most half full, so a word not known finds an empty slot soon.
		l.index = make([]int32, 4*len(l.index))
		for id := 1; id < len(l.words)-1; id++ {
			l.insert(int32(id))
		}
	}
	id := int32(len(l.words) - 1)
	l.insert(id)
	return id
}

// insert puts the index of words[id] in the first empty slot from its hash.
func (l *Lexicon) insert(id int32) {
	mask := uint32(len(l.index) - 1)
	i := wordHash(l.words[id].text) & mask
	for l.index[i] != 0 {
		i = (i + 1) & mask
	}
	l.index[i] = id
}

// oneWord returns the entry of the word with index id alone (a phrase of one
// word), or nil: "IRB" where "IRB approval" is a longer entry.
func (l *Lexicon) oneWord(id int32) *entry {
	for _, i := range l.words[id].phrases {
		if len(l.entries[i].words) == 1 {
			return &l.entries[i]
		}
	}
	return nil
}

// oneWordOf is oneWord for the word w.
func (l *Lexicon) oneWordOf(w string) *entry {
	return l.oneWord(l.id(w))
}

// phrases returns the indexes of the entries whose phrase starts with word w,
// longest phrase first.
func (l *Lexicon) phrases(w string) []int32 {
	return l.words[l.id(w)].phrases
}

// group is a Slack user group mapped to a role.
type group struct {
	handle string
	role   unblock.Role
}

// NewLexicon returns a lexicon with the built-in vocabulary.
func NewLexicon() *Lexicon {
	l := &Lexicon{index: make([]int32, 1024), words: make([]lexWord, 1, len(gram.info)+512),
		groups: map[string]group{}, teamsBy: map[string]group{}, vocab: unblock.DefaultVocabulary(), surnames: map[string]string{}}
	for w, wi := range gram.info {
		l.words[l.word(w)].wordInfo = wi
	}
	for _, role := range l.vocab.Roles() {
		l.AddRoleWords(role, l.vocab.Words(role)...)
	}
	if err := l.addThings(unblock.Things()); err != nil {
		panic(err) // the embedded file is tested; a broken one is a build defect
	}
	if err := (*grammar)(nil).read("lexicon.txt", lexiconFile, l, true); err != nil {
		panic(err) // the embedded file is tested; a broken one is a build defect
	}
	return l
}

var defaultLexicon = sync.OnceValue(NewLexicon)

// AddRoleWords teaches the lexicon words that name a role ("UX" -> design).
func (l *Lexicon) AddRoleWords(role unblock.Role, words ...string) {
	_ = l.vocab.AddRole(role) // a configured role: its entries may name it; a bad name was reported by the config
	for _, w := range words {
		l.add(w, entry{class: classRole, role: role, strength: ownerRole})
	}
}

// AddPerson teaches the lexicon a person's name. When userID is set, a target
// for the name is reported as the mention "<@userID>", so it resolves like one.
func (l *Lexicon) AddPerson(name, userID string) {
	e := entry{class: classPerson}
	if userID != "" {
		e.name = "<@" + userID + ">"
	}
	l.add(name, e)
	if plain := withoutAccents(name); plain != name {
		l.add(plain, e) // "Chloe" for the directory's Chloé: people type names without their accents
	}
	if f := strings.Fields(name); len(f) > 1 && e.name != "" {
		for _, last := range []string{strings.ToLower(f[len(f)-1]), strings.ToLower(withoutAccents(f[len(f)-1]))} {
			if had, ok := l.surnames[last]; ok && had != e.name {
				l.surnames[last] = "" // two people of that name: a title and the surname name neither
			} else {
				l.surnames[last] = e.name
			}
		}
	}
}

// AddTeam teaches the lexicon a team's name ("platform team") and its role,
// which may be unknown ("").
func (l *Lexicon) AddTeam(name string, role unblock.Role) {
	l.add(name, entry{class: classTeam, role: role, strength: ownerRole})
}

// AddTeamName teaches the lexicon a team of the company by its name, with its
// role (unknown: ""): "checkout team" ("blocked on the checkout team"), and, for
// a short name of letters that no entry has yet ("cs", "sre", "bi"), the name
// in capitals, which matches only so written ("still waiting on CS"). A bare
// name in lower case is often an everyday word ("checkout", "design") and keeps
// its usual meaning.
func (l *Lexicon) AddTeamName(name string, role unblock.Role) {
	l.AddTeam(name+" team", role)
	if n := len(name); n < 2 || n > 4 || strings.IndexFunc(name, func(r rune) bool { return !unicode.IsLetter(r) || r > unicode.MaxASCII }) >= 0 {
		return
	}
	caps := strings.ToUpper(name)
	for _, i := range l.words[l.word(strings.ToLower(name))].phrases {
		if len(l.entries[i].words) == 1 {
			return // "QA", "IT", "ops": a word the lexicon reads already
		}
	}
	l.AddTeam(caps, role)
}

// AddUserGroup maps a Slack user group (ID "S0123", handle "design" or
// "@design") to a role, so a mention <!subteam^S0123|@design> is a team target.
func (l *Lexicon) AddUserGroup(id, handle string, role unblock.Role) {
	handle = strings.TrimPrefix(strings.TrimSpace(handle), "@")
	l.groups[strings.ToUpper(strings.TrimSpace(id))] = group{handle: handle, role: role}
	if handle != "" {
		l.add(handle, entry{class: classTeam, role: role, strength: ownerRole})
	}
}

// AddTeamChannel teaches the lexicon a team's channel (ID "C0123"), so a
// channel named as a party, "blocked on <#C0123>", is the team (name
// "checkout team") with its role, which may be unknown ("").
func (l *Lexicon) AddTeamChannel(id, team string, role unblock.Role) {
	l.teamsBy[strings.ToUpper(strings.TrimSpace(id))] = group{handle: team, role: role}
}

// AddArtifact teaches the lexicon a thing people wait for ("runbook") and the
// role that usually owns it ("" when none).
func (l *Lexicon) AddArtifact(word string, owner unblock.Role) {
	l.add(word, entry{class: classArtifact, role: owner, strength: l.artifactStrength(word, owner, ownerStrong)})
}

// artifactStrength is how surely an artifact phrase names its owner: a phrase
// that holds a word for the owner itself ("UX feedback", "legal review",
// "security sign-off") names it as surely as the role word does, so it
// outranks a thing whose owner is only usual ("reviews/UX feedback" is design's).
func (l *Lexicon) artifactStrength(phrase string, owner unblock.Role, strength uint8) uint8 {
	if owner == unblock.RoleUnknown || strength < ownerStrong {
		return strength
	}
	for _, w := range strings.Fields(strings.ToLower(phrase)) {
		if l.vocab.Role(w) == owner {
			return ownerNamed
		}
	}
	return strength
}

// AddExternal teaches the lexicon a customer or vendor by name ("Acme").
func (l *Lexicon) AddExternal(name string, role unblock.Role) {
	l.add(name, entry{class: classExternal, role: role, strength: ownerRole})
}

// AddIgnore dismisses a phrase as "not a blocker": a statement containing it
// is never reported as blocked.
func (l *Lexicon) AddIgnore(phrase string) {
	p := strings.Join(strings.Fields(strings.ToLower(phrase)), " ")
	if p != "" {
		l.ignore = append(l.ignore, p)
	}
}

// add tokenises phrase like the scanner does and stores e under its first
// word, keeping longer phrases first so the longest match wins. A later entry
// for the same phrase replaces an earlier one.
func (l *Lexicon) add(phrase string, e entry) {
	var s scanner
	s.scan(phrase)
	for _, t := range s.toks {
		if t.kind == tWord {
			e.words = append(e.words, t.low)
		}
	}
	e.caps = e.class != classPerson && len(s.toks) == 1 && s.toks[0].acronym
	if len(e.words) == 0 {
		return
	}
	id := l.word(e.words[0])
	list := l.words[id].phrases
	for _, i := range list {
		if slices.Equal(l.entries[i].words, e.words) {
			l.entries[i] = e
			return
		}
	}
	l.entries = append(l.entries, e)
	list = append(list, int32(len(l.entries)-1))
	for i := len(list) - 1; i > 0 && len(l.entries[list[i]].words) > len(l.entries[list[i-1]].words); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	l.words[id].phrases = list
}

// match returns the longest entry starting at toks[k] and how many tokens it
// spans, or -1 and 0 when nothing matches.
func (l *Lexicon) match(toks []token, k int) (int32, int) {
	return l.matchFrom(toks, k, l.id(toks[k].low))
}

// matchFrom is match for a token whose word has index id into l.words (0
// when the lexicon does not know it).
func (l *Lexicon) matchFrom(toks []token, k int, id int32) (int32, int) {
	t := &toks[k]
	if t.kind != tWord {
		return -1, 0
	}
	low := t.low
	list := l.words[id].phrases
	if t.plural && !t.cls.has(cArrival) {
		// An acronym's plural is the acronym ("OPs" are opcodes, not ops);
		// "legal OKs the terms" is a verb.
		low = low[:len(low)-1]
		list = l.phrases(low)
	}
	if len(list) == 0 {
		// A role word joined to a team word is that role's team: "data-team",
		// "infra-squad" (docs/DESIGN.md, "Canonical nodes").
		if i := strings.LastIndexByte(low, '-'); i > 0 && l.words[l.id(low[i+1:])].cls.has(cTeamSuffix) {
			for _, e := range l.phrases(low[:i]) {
				if en := &l.entries[e]; len(en.words) == 1 && (en.class == classRole || en.class == classTeam) {
					return e, 1
				}
			}
		}
		// A regular plural of a single word the lexicon knows with an owner
		// is that word ("implementations", "audits").
		if n := len(low); n > 4 && low[n-1] == 's' && low[n-2] != 's' && low[n-2] != 'u' && low[n-2] != 'i' {
			for _, i := range l.phrases(low[:n-1]) {
				if e := &l.entries[i]; len(e.words) == 1 && e.role != unblock.RoleUnknown && e.class != classPerson {
					return i, 1
				}
			}
		}
		return -1, 0
	}
	for _, i := range list {
		e := &l.entries[i]
		n := len(e.words)
		if k+n > len(toks) {
			continue
		}
		ok := !e.caps || t.acronym
		for j := 1; ok && j < n; j++ {
			if toks[k+j].kind != tWord || toks[k+j].low != e.words[j] {
				ok = false
				break
			}
		}
		if ok {
			return i, n
		}
	}
	return -1, 0
}

// addThings adds the things people wait for (the root package's things.txt)
// as artifact entries. A phrase the scanner cannot read as words can never
// match and is an error.
func (l *Lexicon) addThings(things []unblock.Thing) error {
	var s scanner
	for _, t := range things {
		if err := phraseWords(&s, t.Phrase); err != nil {
			return fmt.Errorf("things.txt: %w", err)
		}
		strength := uint8(ownerStrong)
		switch {
		case t.Owner == unblock.RoleUnknown:
			strength = ownerNone
		case t.Weak:
			strength = ownerWeak
		}
		l.add(t.Phrase, entry{class: classArtifact, role: t.Owner, strength: l.artifactStrength(t.Phrase, t.Owner, strength)})
	}
	return nil
}
