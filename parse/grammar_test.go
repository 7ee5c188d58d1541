package parse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
)

// TestCueRules checks that the cue families of lexicon.txt and the named rules
// agree, and that every family has words.
func TestCueRules(t *testing.T) {
	if len(cueFamilies) != len(cueRules) {
		t.Fatalf("%d cue families, %d rules", len(cueFamilies), len(cueRules))
	}
	used := map[uint8]bool{}
	for _, i := range gram.cues {
		used[i] = true
	}
	for i := 1; i < len(cueRules); i++ {
		if cueRules[i].name != cueFamilies[i] {
			t.Errorf("rule %d is %q, family %q", i, cueRules[i].name, cueFamilies[i])
		}
		if !used[uint8(i)] && cueRules[i].name != "hyphen-blocker" {
			t.Errorf("no word of lexicon.txt starts cue family %q", cueRules[i].name)
		}
	}
	for name, c := range classNames {
		found := false
		for _, cs := range gram.classes {
			found = found || cs.has(c)
		}
		if !found {
			t.Errorf("class %q has no words in lexicon.txt", name)
		}
	}
}

func TestNeedFamily(t *testing.T) {
	if cueFamilies[needFamily] != "need" {
		t.Fatalf("needFamily = %d is %q, want need", needFamily, cueFamilies[needFamily])
	}
	if cueFamilies[cantFamily] != "cant" {
		t.Fatalf("cantFamily = %d is %q, want cant", cantFamily, cueFamilies[cantFamily])
	}
}

func TestLexiconLoad(t *testing.T) {
	lex := NewLexicon()
	lex.AddRoleWords("finance", "finance", "FP&A")
	err := lex.Load("acme.txt", `# Acme's words
artifact finance: budget sign-off, purchase order, PO
artifact ops: runbook
team ops: night shift
external vendor: Globex
ignore: blocked the release train
`)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want unblock.Target
	}{
		{"waiting on the purchase order for the new laptops", unblock.Target{Kind: unblock.TargetArtifact, Name: "purchase order", Role: "finance"}},
		{"blocked until the night shift restarts the job", unblock.Target{Kind: unblock.TargetTeam, Name: "night shift", Role: unblock.RoleOps}},
		{"still waiting on Globex for the API keys", unblock.Target{Kind: unblock.TargetExternal, Name: "Globex", Role: unblock.RoleVendor}},
	}
	for _, tt := range tests {
		st := Parse(tt.in, lex)
		if !st.Blocked || !containsTarget(st.Targets, tt.want) {
			t.Errorf("Parse(%q) = %+v; want blocked with target %+v", tt.in, st, tt.want)
		}
	}
	if st := Parse("we blocked the release train for a day", lex); st.Blocked {
		t.Errorf("an ignored phrase is still a blocker: %+v", st)
	}
}

func containsTarget(ts []unblock.Target, want unblock.Target) bool {
	for _, t := range ts {
		if t == want {
			return true
		}
	}
	return false
}

func TestLexiconLoad_Errors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"artifact design: mocks\nartifact design: ci/cd", `acme.txt:2: "ci/cd" can never match: the scanner splits it at "/"`},
		{"artifact finance: budget", `acme.txt:1: "finance" is not a role of the vocabulary`},
		{"artifact design: mocks,, specs", "acme.txt:1: an empty item can never match"},
		{"class be: is", "acme.txt:1: class lines belong to the built-in lexicon"},
		{"spelling waiting: wating", "acme.txt:1: spelling lines belong to the built-in lexicon"},
		{"artifact design strong: mocks", `acme.txt:1: want "artifact ROLE: phrases"`},
		{"colour design: red", `acme.txt:1: unknown kind "colour"`},
		{"just words", `acme.txt:1: want "KIND [ARGS]: ITEM, ITEM"`},
		{"ignore: ...", `acme.txt:1: "..." can never match`},
	}
	for _, tt := range tests {
		err := NewLexicon().Load("acme.txt", tt.text)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) = %v; want %q", tt.text, err, tt.want)
		}
	}
	g := &grammar{classes: map[string]classSet{}, cues: map[string]uint8{}, spelled: map[string]string{}}
	for _, tt := range []struct{ text, want string }{
		{"class be: is,\nclass be: lands.", `x.txt:2: "lands." can never match: the scanner does not read it as one word`},
		{"class nosuch: x", `x.txt:1: unknown class "nosuch"`},
		{"cue nosuch: x", `x.txt:1: no rule reads cue family "nosuch"`},
		{"cue wait: waiting\ncue block: waiting", `x.txt:2: "waiting" is already a cue of family "wait"`},
		{"class be: right now", `"right now" can never match`},
		{"spelling zebra: zebbra", `x.txt:1: "zebra" is in no class and starts no cue (above this line)`},
		{"cue wait: waiting\nspelling waiting: waiting", `x.txt:2: "waiting" is the word itself`},
		{"cue wait: waiting, wait\nspelling waiting: wait", `x.txt:2: "wait" is a word of the lexicon's own`},
		{"cue wait: waiting\ncue block: blocked\nspelling waiting: wating\nspelling blocked: wating", `x.txt:4: "wating" is already a misspelling of "waiting"`},
		{"cue wait: waiting\nspelling waiting: wat ing", `"wat ing" can never match`},
		{"cue wait: waiting\nspelling: wating", `x.txt:2: want "spelling WORD: misspellings"`},
	} {
		g = &grammar{classes: map[string]classSet{}, cues: map[string]uint8{}, spelled: map[string]string{}}
		if err := g.read("x.txt", tt.text, nil, true); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("read(%q) = %v; want %q", tt.text, err, tt.want)
		}
	}
}

func TestExplain(t *testing.T) {
	st, steps := Explain("Y: shipped the cart\nBlockers: waiting on legal for the DPA", nil)
	if !st.Blocked {
		t.Fatalf("Explain: %+v, want blocked", st)
	}
	var got []string
	for _, s := range steps {
		got = append(got, s.Rule+"("+s.Words+")")
	}
	joined := strings.Join(got, " ")
	for _, want := range []string{"header:blockers(Blockers)", "wait(waiting)"} {
		if !strings.Contains(joined, want) {
			t.Errorf("trace %q lacks %q", joined, want)
		}
	}
	if st2 := Parse("Y: shipped the cart\nBlockers: waiting on legal for the DPA", nil); st2.Topic != st.Topic || st2.Blocked != st.Blocked {
		t.Errorf("Explain and Parse differ: %+v vs %+v", st, st2)
	}
}

// TestClassSet checks that a class set holds classes in every one of its
// words, so classes past the 64th are kept apart like the first ones.
func TestClassSet(t *testing.T) {
	for _, c := range []classID{0, 1, 63, 64, 65, classWords*64 - 1} {
		s := setOf(c)
		for _, d := range []classID{0, 1, 63, 64, 65, classWords*64 - 1} {
			if got, want := s.has(d), c == d; got != want {
				t.Errorf("setOf(%d).has(%d) = %v; want %v", c, d, got, want)
			}
		}
		with, without := setOf(c, 2), setOf(c^1)
		if !s.overlaps(&with) || s.overlaps(&without) {
			t.Errorf("setOf(%d) overlaps wrongly", c)
		}
	}
}

// TestTokenClasses checks that the classes and cue family a token carries
// (classify) are what the grammar gives its word, for every word of the
// lexicon and every word of the dev sets: the rules read a token's classes
// from the token, and only strings that are no token's word are looked up
// (inClass).
func TestTokenClasses(t *testing.T) {
	p := new(parser)
	p.lex = defaultLexicon()
	check := func(text string) {
		p.scan(text)
		p.classify()
		for _, tok := range p.toks {
			if tok.cls != gram.classes[tok.low] || tok.cue != gram.cues[tok.low] {
				t.Errorf("%q: token %q (kind %d) has classes %v and cue %d; the grammar says %v and %d",
					text, tok.low, tok.kind, tok.cls, tok.cue, gram.classes[tok.low], gram.cues[tok.low])
			}
		}
	}
	for w := range gram.classes {
		check("so " + w + " and")
		check(w)
	}
	for w := range gram.cues {
		check("Dr. " + w + ", x")
	}
	for _, path := range devSets(t) {
		for _, l := range readLabelled(t, path) {
			check(l.Text)
		}
	}
}

// TestLexiconWordIndex checks the lexicon's own hash table of words: every
// word added is found at its index, as the table grows, and a word never
// added is not.
func TestLexiconWordIndex(t *testing.T) {
	lex := NewLexicon()
	for w, wi := range gram.info {
		if got := lex.words[lex.id(w)]; got.text != w || got.wordInfo != wi {
			t.Fatalf("id(%q) finds %q %v; want the grammar's word %v", w, got.text, got.wordInfo, wi)
		}
	}
	var added []string
	for i := 0; i < 20_000; i++ {
		w := fmt.Sprintf("person%d", i)
		lex.AddPerson(w, "")
		added = append(added, w)
	}
	for _, w := range added {
		if id := lex.id(w); id == 0 || lex.words[id].text != w || len(lex.phrases(w)) != 1 {
			t.Fatalf("id(%q) = %d (%q), %d phrases; want the word added", w, id, lex.words[id].text, len(lex.phrases(w)))
		}
	}
	for _, w := range []string{"", "person20000", "zzz", "personx"} {
		if id := lex.id(w); id != 0 {
			t.Errorf("id(%q) = %d; want 0 (unknown)", w, id)
		}
	}
}
