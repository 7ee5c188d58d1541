package unblock

import (
	"strings"
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
//   - outsiders drop articles; artifacts drop filler words, are singular and
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
		t.Name = strings.Join(nameWords(t.Name, false), " ")
	case TargetArtifact:
		t.Name = strings.Join(nameWords(t.Name, true), " ")
	}
	return t
}

// Node returns the graph node of a target that is not a known person:
// "KIND:slug" of its canonical form ("role:design", "team:platform",
// "artifact:api-spec", "person:jo" for a name the directory does not know).
func (t Target) Node() string {
	c := Canonical(t)
	return string(c.Kind) + ":" + Slug(c.Name)
}

// nameWords returns the lower-case words of a name without the filler words of
// waitwords.txt ("the", "our", "new"), singular when singular is set. A name
// made only of filler keeps its words.
func nameWords(name string, singular bool) []string {
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
