package unblock

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// The built-in role vocabulary is data: roles.txt lists every role, the words
// that name it in text and the keywords that give it through a profile title.
//
//go:embed roles.txt
var rolesFile string

// Vocabulary is the set of roles unblock knows, with the words that name each
// role in text ("lawyers" -> legal) and the profile-title keywords that give a
// person the role ("Senior Product Designer" -> design). DefaultVocabulary is
// the built-in one; a config extends a copy with its own roles and words. A
// Vocabulary must not be changed while it is read.
type Vocabulary struct {
	roles  []Role
	words  map[string]Role   // normalised word -> role; every role's name is a word for it
	byRole map[Role][]string // the words of each role, in the order added
	titles map[Role][]string // profile-title keywords of each role, lower-case
	// filter is in front of words: Role looks up a few forms of every distinct
	// target of an analysis, and most are no role's word.
	filter wordFilter
}

// NewVocabulary returns an empty vocabulary.
func NewVocabulary() *Vocabulary {
	return &Vocabulary{words: map[string]Role{}, byRole: map[Role][]string{}, titles: map[Role][]string{}}
}

var defaultVocabulary = sync.OnceValue(func() *Vocabulary {
	v, err := ReadVocabulary("roles.txt", rolesFile)
	if err != nil {
		panic(err) // the embedded file is tested; a broken one is a build defect
	}
	return v
})

// DefaultVocabulary returns a copy of the built-in vocabulary, which the
// caller may extend.
func DefaultVocabulary() *Vocabulary { return defaultVocabulary().Clone() }

// ParseRole returns the built-in role a word or phrase names ("lawyers",
// "eng", "the data team"), or RoleUnknown.
func ParseRole(word string) Role { return defaultVocabulary().Role(word) }

// ReadVocabulary reads a vocabulary in the format of roles.txt: lines of
// "ROLE KIND: ITEM, ITEM" with KIND role, words or titles; # starts a comment.
// An error names the file and line.
func ReadVocabulary(name, text string) (*Vocabulary, error) {
	v := NewVocabulary()
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		head, items, ok := strings.Cut(line, ":")
		f := strings.Fields(head)
		if !ok || len(f) != 2 {
			return nil, fmt.Errorf("%s:%d: want \"ROLE KIND: ITEM, ITEM\", got %q", name, n+1, line)
		}
		role := Role(f[0])
		if f[1] != "role" && !v.Has(role) {
			return nil, fmt.Errorf("%s:%d: role %q is not declared (add a %q line first)", name, n+1, role, role+" role:")
		}
		var list []string
		items = strings.TrimSuffix(strings.TrimSpace(items), ",") // a list may go on on the next line
		for _, it := range strings.Split(items, ",") {
			if it = normalWord(it); it != "" {
				list = append(list, it)
			} else if items != "" {
				return nil, fmt.Errorf("%s:%d: an empty item can never match", name, n+1)
			}
		}
		var err error
		switch f[1] {
		case "role":
			err = v.AddRole(role)
			if err == nil {
				err = v.AddWords(role, list...)
			}
		case "words":
			err = v.AddWords(role, list...)
		case "titles":
			v.AddTitleKeywords(role, list...)
		default:
			err = fmt.Errorf("unknown kind %q: want role, words or titles", f[1])
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
		}
	}
	return v, nil
}

// Clone returns a copy of v that can be extended without changing v.
func (v *Vocabulary) Clone() *Vocabulary {
	c := NewVocabulary()
	c.roles = append(c.roles, v.roles...)
	for w, r := range v.words {
		c.words[w] = r
	}
	c.filter = v.filter
	for r, ws := range v.byRole {
		c.byRole[r] = append([]string(nil), ws...)
	}
	for r, ws := range v.titles {
		c.titles[r] = append([]string(nil), ws...)
	}
	return c
}

// AddRole adds a role to the vocabulary; its name becomes a word for it. Adding
// a role that is already there changes nothing.
func (v *Vocabulary) AddRole(r Role) error {
	if v.Has(r) {
		return nil
	}
	name := normalWord(string(r))
	if name == "" || name != string(r) {
		return fmt.Errorf("%q is not a role name: use lower-case words", r)
	}
	if other, ok := v.words[name]; ok {
		return fmt.Errorf("role %q is already a word for role %q", r, other)
	}
	v.roles = append(v.roles, r)
	return v.AddWords(r, name)
}

// AddWords adds words that name role r in text. A word that already names
// another role is an error: a word names one role.
func (v *Vocabulary) AddWords(r Role, words ...string) error {
	if !v.Has(r) {
		return fmt.Errorf("role %q is not in the vocabulary", r)
	}
	for _, w := range words {
		w = normalWord(w)
		if w == "" {
			return fmt.Errorf("an empty word can never match")
		}
		if other, ok := v.words[w]; ok {
			if other != r {
				return fmt.Errorf("%q already names role %q", w, other)
			}
			continue
		}
		v.words[w] = r
		v.filter.add(w)
		v.byRole[r] = append(v.byRole[r], w)
	}
	return nil
}

// AddTitleKeywords adds profile-title keywords that give a person role r.
func (v *Vocabulary) AddTitleKeywords(r Role, words ...string) {
	for _, w := range words {
		if w = normalWord(w); w != "" {
			v.titles[r] = append(v.titles[r], w)
		}
	}
}

// Has reports whether r is a role of the vocabulary.
func (v *Vocabulary) Has(r Role) bool {
	for _, x := range v.roles {
		if x == r {
			return true
		}
	}
	return false
}

// Roles returns the roles in order: the built-in ones, then those added.
func (v *Vocabulary) Roles() []Role { return append([]Role(nil), v.roles...) }

// Words returns the words that name r in text, its name first.
func (v *Vocabulary) Words(r Role) []string { return append([]string(nil), v.byRole[r]...) }

// TitleKeywords returns the profile-title keywords of every role.
func (v *Vocabulary) TitleKeywords() map[Role][]string {
	out := make(map[Role][]string, len(v.titles))
	for r, ws := range v.titles {
		out[r] = append([]string(nil), ws...)
	}
	return out
}

// Role returns the role a word or phrase names, ignoring case, an "@", a
// leading "the" and a trailing "team" ("@Design", "the data team", "data-team"),
// or RoleUnknown.
func (v *Vocabulary) Role(word string) Role {
	w := normalWord(strings.TrimPrefix(strings.TrimSpace(word), "@"))
	for range 2 {
		if r, ok := v.word(w); ok {
			return r
		}
		u, the := strings.CutPrefix(w, "the ")
		if the { // else u is w, looked up above
			if r, ok := v.word(u); ok {
				return r
			}
		}
		for _, suffix := range []string{" team", " teams", " department", " dept"} {
			if s, ok := strings.CutSuffix(u, suffix); ok {
				if r, ok := v.word(s); ok {
					return r
				}
			}
		}
		if strings.IndexByte(w, '-') < 0 {
			break // the second round would look up the same words
		}
		w = strings.ReplaceAll(w, "-", " ") // "data-team"
	}
	return RoleUnknown
}

// word returns the role the normalised word w names.
func (v *Vocabulary) word(w string) (Role, bool) {
	if !v.filter.mayHave(w) {
		return RoleUnknown, false
	}
	r, ok := v.words[w]
	return r, ok
}

// normalWord lower-cases s and collapses its spaces.
func normalWord(s string) string { return lowerWords(s, ' ') }
