package unblock

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzCanonicalNode checks CanonicalNode's one-split form against what it is:
// Canonical's kind and role, and "KIND:" and the Slug of its name. It checks
// nameWords against its plain form too, and Vocabulary.Role against a plain
// reading that tries every form of the word twice.
func FuzzCanonicalNode(f *testing.F) {
	kinds := []TargetKind{TargetTeam, TargetExternal, TargetArtifact, TargetRole, TargetPerson, ""}
	for _, s := range []string{
		"", " ", "team 5", "the Platform team", "data-team", "the data team", "Acme", "the Acme folks",
		"the API specs", "our new mockups", "the test environments", "release candidates", "PR 12",
		"the", "the the", "R&D team", "a/b testing", "Ünïcode Team", "design", "Design Team", "qa teams",
		"sign-off", "none", "n/a", "mock-ups", "the stories", "engineering department", "a\tb  c",
		"one two three four five six seven eight nine ten", "@design", "the-designers",
		"Acme Corp.", "ACME, Inc.", "Smith & Co", "Müller GmbH", "Corp", "Acme Pty. Ltd.", "co &", "& Co",
	} {
		for i, r := range []Role{"", RoleDesign, "platform", "data"} {
			f.Add(s, uint8(i), string(r))
		}
	}
	f.Fuzz(func(t *testing.T, name string, kind uint8, role string) {
		tg := Target{Kind: kinds[int(kind)%len(kinds)], Name: name, Role: Role(role)}
		c := Canonical(tg)
		wantNode := string(c.Kind) + ":" + Slug(c.Name)
		for _, was := range []string{"", wantNode, wantNode + "x", name} {
			k, r, node := CanonicalNode(tg, was)
			if k != c.Kind || r != c.Role || node != wantNode {
				t.Errorf("CanonicalNode(%+v, %q) = %q, %q, %q; want %q, %q, %q", tg, was, k, r, node, c.Kind, c.Role, wantNode)
			}
		}
		for _, singular := range []bool{false, true} {
			if got, want := nameWords(name, singular), slowNameWords(name, singular); !reflect.DeepEqual(got, want) && (len(got) != 0 || len(want) != 0) {
				t.Errorf("nameWords(%q, %v) = %q; want %q", name, singular, got, want)
			}
		}
		v := defaultVocabulary()
		if got, want := v.Role(name), plainRole(v, name); got != want {
			t.Errorf("Role(%q) = %q; want %q", name, got, want)
		}
	})
}

// plainRole is Vocabulary.Role as it read before it skipped repeated lookups.
func plainRole(v *Vocabulary, word string) Role {
	w := normalWord(strings.TrimPrefix(strings.TrimSpace(word), "@"))
	for range 2 {
		if r, ok := v.words[w]; ok {
			return r
		}
		if r, ok := v.words[strings.TrimPrefix(w, "the ")]; ok {
			return r
		}
		for _, suffix := range []string{" team", " teams", " department", " dept"} {
			if s, ok := strings.CutSuffix(strings.TrimPrefix(w, "the "), suffix); ok {
				if r, ok := v.words[s]; ok {
					return r
				}
			}
		}
		w = strings.ReplaceAll(w, "-", " ")
	}
	return RoleUnknown
}
