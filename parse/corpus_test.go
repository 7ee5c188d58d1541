package parse

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
)

// labelled is one line of a labelled corpus (schema: ../shared/corpus/README.md).
type labelled struct {
	ID       string           `json:"id"`
	Text     string           `json:"text"`
	Blocked  bool             `json:"blocked"`
	Resolved bool             `json:"resolved"`
	Targets  []unblock.Target `json:"targets"`
	Topic    string           `json:"topic"`
	Note     string           `json:"note"`
}

func readLabelled(t *testing.T, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l labelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		if l.ID == "" {
			l.ID = fmt.Sprintf("%s:%d", path, n)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// score counts agreement between predictions and labels.
type score struct {
	tp, fp, fn int
}

func (s *score) add(got, want bool) {
	switch {
	case got && want:
		s.tp++
	case got:
		s.fp++
	case want:
		s.fn++
	}
}

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }
func (s score) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// metrics are the quality measures the issue fixes, over a labelled set.
type metrics struct {
	blocked, resolved      score
	roleBearing, roleRight int
	topics, topicHead      int // blockers found with a labelled topic; those whose head word the topic has
	topicMatch             int // … whose topic contains the labelled one or is contained in it
	mismatches             []string
	topicMisses            []string
}

func measure(set []labelled, lex *Lexicon) metrics {
	var m metrics
	for _, l := range set {
		st := Parse(l.Text, lex)
		m.blocked.add(st.Blocked, l.Blocked)
		m.resolved.add(st.Resolved, l.Resolved)
		var why []string
		if st.Blocked != l.Blocked {
			why = append(why, fmt.Sprintf("blocked=%v want %v", st.Blocked, l.Blocked))
		}
		if st.Resolved != l.Resolved {
			why = append(why, fmt.Sprintf("resolved=%v want %v", st.Resolved, l.Resolved))
		}
		if want := labelledRole(l); l.Blocked && want != "" {
			m.roleBearing++
			if hasRole(st.Targets, want) {
				m.roleRight++
			} else {
				why = append(why, fmt.Sprintf("role: got %v want %s", st.Targets, want))
			}
		}
		if l.Blocked && st.Blocked && l.Topic != "" {
			m.topics++
			head := topicHead(l.Topic)
			if hasTopicWord(st.Topic, head) {
				m.topicHead++
			} else {
				m.topicMisses = append(m.topicMisses, fmt.Sprintf("%s %q: topic %q want %q (head %q)", l.ID, l.Text, st.Topic, l.Topic, head))
			}
			g, w := strings.ToLower(st.Topic), strings.ToLower(l.Topic)
			if g != "" && (strings.Contains(g, w) || strings.Contains(w, g)) {
				m.topicMatch++
			}
		}
		if len(why) > 0 {
			m.mismatches = append(m.mismatches, fmt.Sprintf("%s %q: %s", l.ID, l.Text, strings.Join(why, "; ")))
		}
	}
	return m
}

// topicHead is the head word of a labelled topic: the last word before a
// preposition ("decision on guest checkout" -> "decision"), else the last word
// ("guest checkout decision" -> "decision").
func topicHead(topic string) string {
	words := strings.Fields(strings.ToLower(topic))
	for i, w := range words {
		switch w {
		case "of", "on", "for", "from", "with", "to", "about", "in", "by":
			if i > 0 {
				return words[i-1]
			}
		}
	}
	if len(words) == 0 {
		return ""
	}
	return words[len(words)-1]
}

// hasTopicWord reports whether topic holds the word head, ignoring case, a
// plural s and punctuation around words.
func hasTopicWord(topic, head string) bool {
	stem := func(w string) string {
		w = strings.Trim(strings.ToLower(w), ".,:;!?()\"'`*")
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		return w
	}
	h := stem(head)
	for _, w := range strings.Fields(topic) {
		if stem(w) == h {
			return true
		}
	}
	return false
}

// labelledRole is the first non-empty role among the labelled targets.
func labelledRole(l labelled) unblock.Role {
	for _, t := range l.Targets {
		if t.Role != "" {
			return t.Role
		}
	}
	return ""
}

// hasRole reports whether any target has one of the labelled roles.
func hasRole(ts []unblock.Target, r unblock.Role) bool {
	for _, t := range ts {
		if t.Role == r {
			return true
		}
	}
	return false
}

func (m metrics) report(t *testing.T, name string) {
	t.Logf("%s: blocked P=%.3f R=%.3f F1=%.3f (tp %d fp %d fn %d); resolved P=%.3f R=%.3f F1=%.3f (tp %d fp %d fn %d); role %d/%d = %.3f",
		name, m.blocked.precision(), m.blocked.recall(), m.blocked.f1(), m.blocked.tp, m.blocked.fp, m.blocked.fn,
		m.resolved.precision(), m.resolved.recall(), m.resolved.f1(), m.resolved.tp, m.resolved.fp, m.resolved.fn,
		m.roleRight, m.roleBearing, ratio(m.roleRight, m.roleBearing))
	t.Logf("%s: topic head word %d/%d = %.3f; topic contains or is contained in the label %d/%d = %.3f",
		name, m.topicHead, m.topics, ratio(m.topicHead, m.topics), m.topicMatch, m.topics, ratio(m.topicMatch, m.topics))
	if testing.Verbose() {
		for _, s := range m.mismatches {
			t.Log("  " + s)
		}
		for _, s := range m.topicMisses {
			t.Log("  " + s)
		}
	}
}

// TestCorpus measures the parser on every labelled statement of the shared
// corpus and fails below the quality bar of issue 4.
func TestCorpus(t *testing.T) {
	m := measure(readLabelled(t, "testdata/corpus.jsonl"), nil)
	m.report(t, "corpus")
	if f := m.blocked.f1(); f < 0.92 {
		t.Errorf("blocked F1 = %.3f, want >= 0.92", f)
	}
	if f := m.resolved.f1(); f < 0.85 {
		t.Errorf("resolved F1 = %.3f, want >= 0.85", f)
	}
	if r := ratio(m.roleRight, m.roleBearing); r < 0.85 {
		t.Errorf("right role on %.3f of role-bearing blockers, want >= 0.85", r)
	}
}

// TestDev measures the parser on the dev sets written independently of the
// shared corpus (testdata/dev_heldout*.jsonl, dev_topics.jsonl). They were
// once called held-out but rules were tuned on them, so they are dev sets:
// their figures show lost ground, not how the rules generalise.
func TestDev(t *testing.T) {
	set := append(readLabelled(t, "testdata/dev_heldout.jsonl"), readLabelled(t, "testdata/dev_heldout2.jsonl")...)
	set = append(set, readLabelled(t, "testdata/dev_heldout3.jsonl")...)
	set = append(set, readLabelled(t, "testdata/dev_topics.jsonl")...)
	m := measure(set, nil)
	m.report(t, "dev set")
	if f := m.blocked.f1(); f < 0.92 {
		t.Errorf("dev set: blocked F1 = %.3f, want >= 0.92", f)
	}
	if f := m.resolved.f1(); f < 0.85 {
		t.Errorf("dev set: resolved F1 = %.3f, want >= 0.85", f)
	}
	if r := ratio(m.roleRight, m.roleBearing); r < 0.85 {
		t.Errorf("dev set: right role on %.3f of role-bearing blockers, want >= 0.85", r)
	}
}

// TestDevPublic measures the parser on real statements from public meeting
// notes, standups and issue threads (testdata/dev_public.jsonl). Its first
// run, before any rule saw it, is the honest figure recorded in
// BENCHMARKS.md; rules were tuned on it since, so it is a dev set now. Run
// with -v to see every disagreement.
func TestDevPublic(t *testing.T) {
	m := measure(readLabelled(t, "testdata/dev_public.jsonl"), nil)
	m.report(t, "public dev set")
	if f := m.blocked.f1(); f < publicFloor.blocked {
		t.Errorf("public dev set: blocked F1 = %.3f, want >= %.2f", f, publicFloor.blocked)
	}
	if f := m.resolved.f1(); f < publicFloor.resolved {
		t.Errorf("public dev set: resolved F1 = %.3f, want >= %.2f", f, publicFloor.resolved)
	}
	if r := ratio(m.roleRight, m.roleBearing); r < publicFloor.role {
		t.Errorf("public dev set: right role on %.3f of role-bearing blockers, want >= %.2f", r, publicFloor.role)
	}
}

// publicFloor is what the parser reaches on the public dev set, so a change
// that loses ground there fails.
var publicFloor = struct{ blocked, resolved, role float64 }{0.94, 0.75, 0.58}
