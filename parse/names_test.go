package parse

import (
	"slices"
	"strings"
	"testing"
)

// TestNamesAreNoLexiconWords checks that no given name in names.txt is a word
// the lexicon knows (a word class, a cue, a role, a team, a thing people wait
// for): a capitalised word the rules read as a word must not turn into a
// person ("Blocked on Design", "Review from Security"). The one class a name
// may be in is everyday-name: a name that is also an ordinary word ("Miles",
// "Grace"), kept because written with a capital it is mostly a name.
func TestNamesAreNoLexiconWords(t *testing.T) {
	lex := defaultLexicon()
	everyday := setOf(cEverydayName)
	for name := range firstNames() {
		if _, cue := gram.cues[name]; cue {
			t.Errorf("names.txt: %q is a cue word of lexicon.txt", name)
		}
		if cls, ok := gram.classes[name]; ok && cls != everyday {
			t.Errorf("names.txt: %q is a word of lexicon.txt's classes or cues", name)
		}
		for _, i := range lex.phrases(name) {
			if e := lex.entries[i]; len(e.words) == 1 {
				t.Errorf("names.txt: %q is a lexicon entry (class %d, role %q)", name, e.class, e.role)
			}
		}
	}
}

// TestNamesFileSorted checks names.txt's form: lower case, sorted, no name twice.
func TestNamesFileSorted(t *testing.T) {
	var all []string
	for _, line := range strings.Split(firstNameList, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		all = append(all, strings.Fields(line)...)
	}
	for i, n := range all {
		if n != strings.ToLower(n) {
			t.Errorf("names.txt: %q is not lower case", n)
		}
		if i > 0 && all[i-1] >= n {
			t.Errorf("names.txt: %q after %q: not sorted, or twice", n, all[i-1])
		}
	}
	if !slices.IsSorted(all) {
		t.Error("names.txt is not sorted")
	}
}
