package unblock

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestStatementBounded(t *testing.T) {
	long := strings.Repeat("word ", 1000)
	st := Statement{Topic: long, Targets: []Target{
		{Kind: TargetArtifact, Name: long},
		{Kind: TargetPerson, Name: "<@U0123456789>"},
	}}
	for i := 0; i < 30; i++ {
		st.Targets = append(st.Targets, Target{Kind: TargetRole, Name: "design"})
	}
	got := st.Bounded()
	if n := utf8.RuneCountInString(got.Topic); n > MaxTopicRunes || !strings.HasSuffix(got.Topic, "…") {
		t.Errorf("topic: %d runes %q…; want at most %d ending in an ellipsis", n, got.Topic[:20], MaxTopicRunes)
	}
	if len(got.Targets) != MaxTargetsKept {
		t.Errorf("%d targets kept, want %d", len(got.Targets), MaxTargetsKept)
	}
	if n := utf8.RuneCountInString(got.Targets[0].Name); n > MaxNameRunes {
		t.Errorf("artifact name has %d runes, want at most %d", n, MaxNameRunes)
	}
	if got.Targets[1].Name != "<@U0123456789>" {
		t.Errorf("a mention was changed: %q", got.Targets[1].Name)
	}
	if st.Targets[0].Name != long {
		t.Error("Bounded changed the caller's targets")
	}
	short := Statement{Topic: "checkout mocks", Targets: []Target{{Kind: TargetRole, Name: "design"}}}
	if b := short.Bounded(); b.Topic != short.Topic || &b.Targets[0] != &short.Targets[0] {
		t.Errorf("a statement within the limits changed: %+v", b)
	}
}

// FuzzLowerWords checks Slug's and normalWord's one-pass form against what they
// are: the words of the lower-cased text joined with a dash or a space.
func FuzzLowerWords(f *testing.F) {
	for _, s := range []string{"", " ", "API Spec", "api-spec", "a  b", " a", "a ", "a\tb", "a - b", "Ünïcode Name", "team 5", "x\u00a0y", "A\u0085B", "--", "a-", "-a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, sep := range []byte{'-', ' '} {
			want := strings.Join(strings.Fields(strings.ToLower(s)), string(sep))
			if got := lowerWords(s, sep); got != want {
				t.Errorf("lowerWords(%q, %q) = %q, want %q", s, sep, got, want)
			}
		}
	})
}

// FuzzLowerFields checks the one-pass split of topics and names against what it
// is: FieldsFunc over the lower-cased text, keeping letters, digits and some runes.
func FuzzLowerFields(f *testing.F) {
	for _, s := range []string{"", " ", "Sign-off N/A", "the API spec.", "R&D team", "it's", "Ünïcode name", "--", "a..b", "Team 5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, keep := range []string{"-/'", "/.&"} {
			want := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(keep, r)
			})
			if got := lowerFields(s, keep); !reflect.DeepEqual(got, want) {
				t.Errorf("lowerFields(%q, %q) = %q, want %q", s, keep, got, want)
			}
			if got, ok := appendLowerFields([]string{"x"}, s, keep); ok && !reflect.DeepEqual(got[1:], want) ||
				ok != (utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf })) {
				t.Errorf("appendLowerFields(%q, %q) = %q, %v; want %q", s, keep, got, ok, want)
			}
		}
	})
}
