package unblock

import (
	"strings"
	"unicode/utf8"
)

// Canonical returns t as one graph node names it (docs/DESIGN.md, "Canonical
// nodes"), so that every way of writing one target is one node:
//
//   - a role target is its Role, else the role its word names in the role
//     vocabulary (ParseRole: "eng" and "engineering" are both engineering); one
//     whose word names no known role is a team of that name, never a role made
//     from a raw word;
//   - a team whose name is a role word and "team" ("the data team", "data-team")
//     is that role; other teams drop articles and the word "team";
//   - outsiders drop articles and the legal form that ends a company's name
//     ("Acme Corp." is "acme": waitwords.txt's legal-form words); artifacts
//     drop filler words, are singular and
//     use one word for synonyms ("the API specs" is "api spec", "test
//     environment" is "test env");
//   - a person keeps the name or mention as written (the store resolves it).
func Canonical(t Target) Target {
	switch t.Kind {
	case TargetRole:
		if t.Role == RoleUnknown {
			t.Role = ParseRole(t.Name)
		}
		if t.Role != RoleUnknown {
			t.Name = string(t.Role)
			return t
		}
		t.Kind = TargetTeam
		return Canonical(t)
	case TargetTeam:
		if r := ParseRole(t.Name); r != RoleUnknown {
			return Target{Kind: TargetRole, Name: string(r), Role: r}
		}
		words := nameWords(t.Name, false)
		if n := len(words); n > 1 && (words[n-1] == "team" || words[n-1] == "teams") {
			words = words[:n-1]
		}
		name := strings.Join(words, " ")
		if r := Role(name); r != RoleUnknown && r == t.Role {
			return Target{Kind: TargetRole, Name: name, Role: r}
		}
		t.Name = name
	case TargetExternal:
		t.Name = strings.Join(withoutLegalForm(nameWords(t.Name, false)), " ")
	case TargetArtifact:
		t.Name = strings.Join(nameWords(t.Name, true), " ")
	}
	return t
}

// Node returns the graph node of a target that is not a known person:
// "KIND:slug" of its canonical form ("role:design", "team:platform",
// "artifact:api-spec", "person:jo" for a name the directory does not know).
func (t Target) Node() string {
	_, _, node := CanonicalNode(t, "")
	return node
}

// UserNode reports whether the graph node named key is a Slack user ID (a
// person the directory knows) rather than "KIND:NAME" (Node).
func UserNode(key string) bool { return !strings.Contains(key, ":") }

// CanonicalNode returns the kind and role of Canonical(t) and its graph node, as
// Node names it. The analysis makes every distinct target of a snapshot canonical,
// a few thousand of them per analysis, so a team, outsider or artifact with an
// ASCII name takes one split of its name and one allocation for the node, without
// building the canonical name first; other targets go through Canonical.
//
// was is a node the caller holds for t, if any (a blocker's To, which the store
// writes canonical): when the node is was, CanonicalNode returns was rather than
// a copy of it, and allocates nothing for a lower-case name.
func CanonicalNode(t Target, was string) (TargetKind, Role, string) {
	switch t.Kind {
	case TargetRole:
		if t.Role != RoleUnknown {
			return TargetRole, t.Role, kindNode(TargetRole, Slug(string(t.Role)), was)
		}
	case TargetTeam, TargetExternal, TargetArtifact:
		if t.Kind == TargetTeam {
			if r := ParseRole(t.Name); r != RoleUnknown {
				return TargetRole, r, kindNode(TargetRole, Slug(string(r)), was)
			}
		}
		var buf [8]string
		words, ok := appendNameWords(buf[:0], t.Name, t.Kind == TargetArtifact)
		if !ok {
			break
		}
		switch t.Kind {
		case TargetTeam:
			if n := len(words); n > 1 && (words[n-1] == "team" || words[n-1] == "teams") {
				words = words[:n-1]
			}
			if t.Role != RoleUnknown && joinsTo(words, string(t.Role)) {
				return TargetRole, t.Role, nodeOf(TargetRole, words, was)
			}
		case TargetExternal:
			words = withoutLegalForm(words)
		}
		return t.Kind, t.Role, nodeOf(t.Kind, words, was)
	}
	c := Canonical(t)
	return c.Kind, c.Role, kindNode(c.Kind, Slug(c.Name), was)
}

// withoutLegalForm returns an outsider's name words without the legal forms
// that end it (waitwords.txt's legal-form words: "acme corp" is "acme", "acme
// pty ltd" too, "smith & co" is "smith"). A name that is only a legal form
// keeps its last word.
func withoutLegalForm(words []string) []string {
	v := waitVocabulary()
	for n := len(words); n > 1 && v.isLegalForm(words[n-1]); n = len(words) {
		words = words[:n-1]
		if n := len(words); n > 1 && words[n-1] == "&" {
			words = words[:n-1]
		}
	}
	return words
}

// kindNode returns "KIND:slug", or was when that is it.
func kindNode(kind TargetKind, slug, was string) string {
	if len(was) == len(kind)+1+len(slug) && was[:len(kind)] == string(kind) && was[len(kind)] == ':' && was[len(kind)+1:] == slug {
		return was
	}
	return string(kind) + ":" + slug
}

// joinsTo reports whether words joined with spaces are s.
func joinsTo(words []string, s string) bool {
	for i, w := range words {
		if i > 0 {
			if s == "" || s[0] != ' ' {
				return false
			}
			s = s[1:]
		}
		if !strings.HasPrefix(s, w) {
			return false
		}
		s = s[len(w):]
	}
	return s == ""
}

// nodeOf returns the node of a target of kind whose canonical name is words joined
// with spaces: "KIND:" and Slug of that name, which is the words joined with dashes
// when they are lower-case ASCII without spaces, as nameWords gives them. It
// returns was when that is the node.
func nodeOf(kind TargetKind, words []string, was string) string {
	var buf [64]byte
	b := append(append(buf[:0], kind...), ':')
	for i, w := range words {
		for j := 0; j < len(w); j++ {
			if c := w[j]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || asciiSpace[c] {
				return string(kind) + ":" + Slug(strings.Join(words, " "))
			}
		}
		if i > 0 {
			b = append(b, '-')
		}
		b = append(b, w...)
	}
	if string(b) == was {
		return was
	}
	return string(b)
}

// nameWords returns the lower-case words of a name without the filler words of
// waitwords.txt ("the", "our", "new"), singular when singular is set. A name
// made only of filler keeps its words.
func nameWords(name string, singular bool) []string {
	if out, ok := appendNameWords(nil, name, singular); ok {
		return out
	}
	return slowNameWords(name, singular)
}

// appendNameWords appends nameWords(name, singular) to dst for an ASCII name and
// reports true; for other names it appends nothing and reports false. The words
// are made canonical and filtered in place, after dst's first len(dst).
func appendNameWords(dst []string, name string, singular bool) ([]string, bool) {
	start := len(dst)
	dst, ok := appendLowerFields(dst, name, "/.&")
	if !ok {
		return dst, false
	}
	all := dst[start:]
	v := waitVocabulary()
	if singular {
		all = v.canonicalWordsTo(all[:0], all)
	}
	// Filter in place: a word is written only over a filler word before it, so when
	// every word is filler nothing was written and all is whole.
	k := 0
	for _, w := range all {
		if !v.isStop(w) {
			all[k] = w
			k++
		}
	}
	if k == 0 {
		return dst[:start+len(all)], true
	}
	return dst[:start+k], true
}

// slowNameWords is nameWords for any name.
func slowNameWords(name string, singular bool) []string {
	all := lowerFields(name, "/.&")
	v := waitVocabulary()
	if singular {
		all = v.canonicalWords(all)
	}
	var out []string
	for _, w := range all {
		if !v.stop[w] {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return all
	}
	return out
}
