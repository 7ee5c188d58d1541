package labelled_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/labelled"
)

func TestRead(t *testing.T) {
	set, err := labelled.Read("testdata/small.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(set), 4; got != want {
		t.Fatalf("len = %d, want %d", got, want)
	}
	if got, want := set[3].ID, "testdata/small.jsonl:5"; got != want {
		t.Errorf("ID without id = %q, want %q (path:line)", got, want)
	}
	if set[0].None != nil || set[2].None == nil || !*set[2].None {
		t.Errorf("none labels = %v, %v; want absent, true", set[0].None, set[2].None)
	}
	if got, want := set[1].Person(), "<@U1>"; got != want {
		t.Errorf("Person() = %q, want %q", got, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{\"text\": \"a\"}\n{not json}\n", "set.jsonl:2: "},
		{"{\"text\": \"a\", \"targets\": [{\"name\": \"x\", \"kind\": \"thing\"}]}\n", "set.jsonl:1: target \"x\" has kind \"thing\""},
	}
	for _, tt := range tests {
		_, err := labelled.Decode(strings.NewReader(tt.in), "set.jsonl")
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Decode(%q) = %v; want an error starting %q", tt.in, err, tt.want)
		}
	}
}

func TestMeasure(t *testing.T) {
	set, err := labelled.Read("testdata/small.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]unblock.Statement{
		// right, with the topic's head word
		"s-1": {Blocked: true, Targets: []unblock.Target{{Kind: unblock.TargetRole, Name: "design", Role: "design"}}, Topic: "mocks"},
		// blocked, but on the wrong person
		"s-2": {Blocked: true, Targets: []unblock.Target{{Kind: unblock.TargetPerson, Name: "<@U2>"}}, Topic: "code review"},
		// missed the "none"
		"s-3": {},
	}
	m := labelled.Measure(set, func(l labelled.Statement) unblock.Statement {
		if st, ok := answers[l.ID]; ok {
			return st
		}
		return unblock.Statement{Resolved: true, Blocked: true} // a false blocker, a right resolution
	})
	checks := []struct {
		name      string
		got, want any
	}{
		{"statements", m.Statements, 4},
		{"blocked", m.Blocked, labelled.Score{TP: 2, FP: 1}},
		{"resolved", m.Resolved, labelled.Score{TP: 1}},
		{"none", m.None, labelled.Score{FN: 1}},
		{"none labelled", m.NoneLabelled, 1},
		{"role", m.Role, labelled.Count{Right: 1, Of: 1}},
		{"person", m.Person, labelled.Count{Right: 0, Of: 1}},
		{"topic head", m.TopicHead, labelled.Count{Right: 2, Of: 2}},
		{"topic match", m.TopicMatch, labelled.Count{Right: 2, Of: 2}},
		{"misses", len(m.Misses), 3},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if got := m.Misses[0].String(); !strings.Contains(got, "s-2") || !strings.Contains(got, "person: got") {
		t.Errorf("first miss = %q, want s-2's person", got)
	}
	if got, want := m.Blocked.F1(), 0.8; got < want-1e-9 || got > want+1e-9 {
		t.Errorf("blocked F1 = %v, want %v", got, want)
	}
	var buf bytes.Buffer
	if err := m.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| blocked | 0.667 | 1.000 | 0.800 | 2 | 1 | 0 |", "| none | 1.000 | 0.000 | 0.000 | 0 | 0 | 1 |", "| person (blockers on a person) | 0 | 1 | 0.000 |"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestTopicHead(t *testing.T) {
	tests := []struct{ in, want string }{
		{"decision on guest checkout", "decision"},
		{"guest checkout decision", "decision"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := labelled.TopicHead(tt.in); got != tt.want {
			t.Errorf("TopicHead(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	if !labelled.HasTopicWord("the Mocks.", "mock") || labelled.HasTopicWord("class", "clas") {
		t.Error("HasTopicWord ignores case, a plural s and punctuation, never a double s")
	}
}
