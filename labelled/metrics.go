package labelled

import (
	"fmt"
	"io"
	"strings"

	"github.com/unblock-dev/unblock"
)

// Score counts agreement on one yes/no label.
type Score struct {
	TP, FP, FN int
}

// Add counts one answer against its label.
func (s *Score) Add(got, want bool) {
	switch {
	case got && want:
		s.TP++
	case got:
		s.FP++
	case want:
		s.FN++
	}
}

// Precision is TP / (TP + FP), 1 when nothing was predicted.
func (s Score) Precision() float64 { return Ratio(s.TP, s.TP+s.FP) }

// Recall is TP / (TP + FN), 1 when nothing was labelled.
func (s Score) Recall() float64 { return Ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall, 0 when both are 0.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Count is how many of Of were right.
type Count struct {
	Right, Of int
}

// Ratio is Right / Of, 1 when Of is 0.
func (c Count) Ratio() float64 { return Ratio(c.Right, c.Of) }

func (c *Count) add(right bool) {
	c.Of++
	if right {
		c.Right++
	}
}

// Ratio is a/b, 1 when b is 0 (nothing to get wrong).
func Ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Metrics are the quality measures over a labelled set.
type Metrics struct {
	Statements int
	Blocked    Score
	Resolved   Score
	None       Score // over the statements with a "none" label only
	// NoneLabelled is how many statements carry a "none" label.
	NoneLabelled int
	// Role counts labelled blockers whose labelled role (Statement.Role) is
	// among the targets read, whether or not the reader found the blocker.
	Role Count
	// Person counts labelled blockers on a person whose person is among the
	// targets read (the same mention or name, ignoring case and a leading @).
	Person Count
	// TopicHead counts blockers found, with a labelled topic, whose topic holds
	// the label's head word (TopicHead); TopicMatch those whose topic contains
	// the label or is contained in it.
	TopicHead, TopicMatch Count
	// Misses lists every disagreement on blocked, resolved, none, role or
	// person; TopicMisses every topic without the head word.
	Misses, TopicMisses []Miss
}

// Miss is one statement the reader read otherwise than its label.
type Miss struct {
	ID, Text string
	Why      string
}

func (m Miss) String() string { return fmt.Sprintf("%s %q: %s", m.ID, m.Text, m.Why) }

// Measure scores read over set.
func Measure(set []Statement, read func(Statement) unblock.Statement) Metrics {
	var m Metrics
	for _, l := range set {
		m.Add(l, read(l))
	}
	return m
}

// Add scores one answer st against its label l.
func (m *Metrics) Add(l Statement, st unblock.Statement) {
	m.Statements++
	// "Blockers: same as yesterday" says the author's blockers go on: blocked,
	// as a labeller reads it.
	if st.Continues {
		st.Blocked = true
	}
	m.Blocked.Add(st.Blocked, l.Blocked)
	m.Resolved.Add(st.Resolved, l.Resolved)
	var why []string
	if st.Blocked != l.Blocked {
		why = append(why, fmt.Sprintf("blocked=%v want %v", st.Blocked, l.Blocked))
	}
	if st.Resolved != l.Resolved {
		why = append(why, fmt.Sprintf("resolved=%v want %v", st.Resolved, l.Resolved))
	}
	if l.None != nil {
		m.NoneLabelled++
		m.None.Add(st.None, *l.None)
		if st.None != *l.None {
			why = append(why, fmt.Sprintf("none=%v want %v", st.None, *l.None))
		}
	}
	if want := l.Role(); l.Blocked && want != "" {
		ok := HasRole(st.Targets, want)
		m.Role.add(ok)
		if !ok {
			why = append(why, fmt.Sprintf("role: got %v want %s", st.Targets, want))
		}
	}
	if want := l.Person(); l.Blocked && want != "" {
		ok := HasPerson(st.Targets, want)
		m.Person.add(ok)
		if !ok {
			why = append(why, fmt.Sprintf("person: got %v want %s", st.Targets, want))
		}
	}
	if l.Blocked && st.Blocked && l.Topic != "" {
		head := TopicHead(l.Topic)
		ok := HasTopicWord(st.Topic, head)
		m.TopicHead.add(ok)
		if !ok {
			m.TopicMisses = append(m.TopicMisses, Miss{ID: l.ID, Text: l.Text,
				Why: fmt.Sprintf("topic %q want %q (head %q)", st.Topic, l.Topic, head)})
		}
		g, w := strings.ToLower(st.Topic), strings.ToLower(l.Topic)
		m.TopicMatch.add(g != "" && (strings.Contains(g, w) || strings.Contains(w, g)))
	}
	if len(why) > 0 {
		m.Misses = append(m.Misses, Miss{ID: l.ID, Text: l.Text, Why: strings.Join(why, "; ")})
	}
}

// TopicHead is the head word of a labelled topic: the last word before a
// preposition ("decision on guest checkout" -> "decision"), else the last word
// ("guest checkout decision" -> "decision").
func TopicHead(topic string) string {
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

// HasTopicWord reports whether topic holds the word head, ignoring case, a
// plural s and punctuation around words.
func HasTopicWord(topic, head string) bool {
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

// HasRole reports whether any target has role r.
func HasRole(ts []unblock.Target, r unblock.Role) bool {
	for _, t := range ts {
		if t.Role == r {
			return true
		}
	}
	return false
}

// HasPerson reports whether a person target names who: the same mention's
// user ID, or the same name ignoring case and a leading @.
func HasPerson(ts []unblock.Target, who string) bool {
	id := unblock.MentionID(who)
	norm := func(s string) string { return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "@")) }
	for _, t := range ts {
		if t.Kind != unblock.TargetPerson {
			continue
		}
		if id != "" && t.MentionID() == id || id == "" && norm(t.Name) == norm(who) {
			return true
		}
	}
	return false
}

// Summary is the figures on two lines, as the tests log them.
func (m Metrics) Summary(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: blocked P=%.3f R=%.3f F1=%.3f (tp %d fp %d fn %d); resolved P=%.3f R=%.3f F1=%.3f (tp %d fp %d fn %d); role %d/%d = %.3f",
		name, m.Blocked.Precision(), m.Blocked.Recall(), m.Blocked.F1(), m.Blocked.TP, m.Blocked.FP, m.Blocked.FN,
		m.Resolved.Precision(), m.Resolved.Recall(), m.Resolved.F1(), m.Resolved.TP, m.Resolved.FP, m.Resolved.FN,
		m.Role.Right, m.Role.Of, m.Role.Ratio())
	fmt.Fprintf(&b, "\n%s: topic head word %d/%d = %.3f; topic contains or is contained in the label %d/%d = %.3f; person %d/%d = %.3f",
		name, m.TopicHead.Right, m.TopicHead.Of, m.TopicHead.Ratio(), m.TopicMatch.Right, m.TopicMatch.Of, m.TopicMatch.Ratio(),
		m.Person.Right, m.Person.Of, m.Person.Ratio())
	if m.NoneLabelled > 0 {
		fmt.Fprintf(&b, "; none P=%.3f R=%.3f F1=%.3f (tp %d fp %d fn %d)",
			m.None.Precision(), m.None.Recall(), m.None.F1(), m.None.TP, m.None.FP, m.None.FN)
	}
	return b.String()
}

// WriteTable writes the figures as a Markdown table, the form BENCHMARKS.md
// uses: one row a measure, with precision, recall, F1 and the counts.
func (m Metrics) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d statements\n\n", m.Statements)
	fmt.Fprintln(&b, "| measure | precision | recall | F1 | tp | fp | fn |")
	fmt.Fprintln(&b, "| --- | --- | --- | --- | --- | --- | --- |")
	row := func(name string, s Score) {
		fmt.Fprintf(&b, "| %s | %.3f | %.3f | %.3f | %d | %d | %d |\n", name, s.Precision(), s.Recall(), s.F1(), s.TP, s.FP, s.FN)
	}
	row("blocked", m.Blocked)
	row("resolved", m.Resolved)
	if m.NoneLabelled > 0 {
		row("none", m.None)
	} else {
		fmt.Fprintln(&b, "| none (the set has no \"none\" labels) | - | - | - | - | - | - |")
	}
	fmt.Fprintln(&b)
	fmt.Fprintln(&b, "| measure | right | of | share |")
	fmt.Fprintln(&b, "| --- | --- | --- | --- |")
	count := func(name string, c Count) {
		fmt.Fprintf(&b, "| %s | %d | %d | %.3f |\n", name, c.Right, c.Of, c.Ratio())
	}
	count("role (role-bearing blockers)", m.Role)
	count("person (blockers on a person)", m.Person)
	count("topic holds the label's head word", m.TopicHead)
	count("topic contains or is contained in the label", m.TopicMatch)
	_, err := io.WriteString(w, b.String())
	return err
}
