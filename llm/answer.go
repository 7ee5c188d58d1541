package llm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/unblock-dev/unblock"
	"github.com/unblock-dev/unblock/parse"
)

// Limits on an answer's shape.
const (
	maxTargets = 8
	maxName    = 200 // bytes of a target name
	maxTopic   = 200 // bytes of a topic
)

// Answer is a validated answer of the model.
type Answer struct {
	Blocked   bool             `json:"blocked"`
	Resolved  bool             `json:"resolved"`
	None      bool             `json:"none"`
	Continues []int64          `json:"continues"`
	Resolves  []int64          `json:"resolves"`
	Targets   []unblock.Target `json:"targets"`
	Topic     string           `json:"topic"`
}

// ErrShape is wrapped by every error about an answer's shape: such an answer
// is dropped and the rules' statement stands. Its messages never quote the
// answer, which may quote the text.
var ErrShape = errors.New("wrong-shaped answer")

// rawAnswer has a pointer per field, so a missing one is told from false.
type rawAnswer struct {
	Blocked   *bool             `json:"blocked"`
	Resolved  *bool             `json:"resolved"`
	None      *bool             `json:"none"`
	Continues *[]int64          `json:"continues"`
	Resolves  *[]int64          `json:"resolves"`
	Targets   *[]unblock.Target `json:"targets"`
	Topic     *string           `json:"topic"`
}

// ParseAnswer validates the model's answer against the schema and against
// what the prompt held, whatever the endpoint claims to enforce: every field
// present and nothing else, known kinds and roles, ids among the open blockers
// given, no "blocked" with "none".
func ParseAnswer(content string, open []OpenBlocker, roles []unblock.Role) (Answer, error) {
	shape := func(format string, args ...any) (Answer, error) {
		return Answer{}, fmt.Errorf("%w: %s", ErrShape, fmt.Sprintf(format, args...))
	}
	dec := json.NewDecoder(strings.NewReader(content))
	dec.DisallowUnknownFields()
	var raw rawAnswer
	if err := dec.Decode(&raw); err != nil {
		// The decoder's message may quote the answer, which may quote the text.
		return shape("not a JSON object of the schema")
	}
	if dec.More() {
		return shape("more than one JSON value")
	}
	if raw.Blocked == nil || raw.Resolved == nil || raw.None == nil || raw.Continues == nil ||
		raw.Resolves == nil || raw.Targets == nil || raw.Topic == nil {
		return shape("a field is missing")
	}
	a := Answer{Blocked: *raw.Blocked, Resolved: *raw.Resolved, None: *raw.None,
		Continues: *raw.Continues, Resolves: *raw.Resolves, Targets: *raw.Targets, Topic: strings.TrimSpace(*raw.Topic)}
	if a.Blocked && a.None {
		return shape("blocked and none at once")
	}
	known := make(map[int64]bool, len(open))
	for _, b := range open {
		known[b.ID] = true
	}
	seen := map[int64]bool{}
	for _, list := range [][]int64{a.Continues, a.Resolves} {
		for _, id := range list {
			if !known[id] {
				return shape("blocker %d was not among the open blockers", id)
			}
			if seen[id] {
				return shape("blocker %d listed twice", id)
			}
			seen[id] = true
		}
	}
	if len(a.Continues) > 0 && !a.Blocked {
		return shape("continues a blocker without being blocked")
	}
	if len(a.Resolves) > 0 && !a.Resolved {
		return shape("resolves a blocker without being resolved")
	}
	if len(a.Targets) > maxTargets {
		return shape("%d targets", len(a.Targets))
	}
	for i := range a.Targets {
		t := &a.Targets[i]
		t.Name = strings.TrimSpace(t.Name)
		switch {
		case !t.Kind.Valid():
			return shape("a target kind outside the schema")
		case t.Name == "" || len(t.Name) > maxName:
			return shape("target name of %d bytes", len(t.Name))
		case t.Role != "" && !slices.Contains(roles, t.Role):
			return shape("a role outside the vocabulary")
		}
	}
	if len(a.Topic) > maxTopic {
		return shape("topic of %d bytes", len(a.Topic))
	}
	return a, nil
}

// Statement merges a valid answer with the rules' statement of the same text:
// the answer decides blocked, resolved and none. A blocker it continues or
// resolves lends its own target and topic, so the ledger's same-blocker rule
// links the statement to it (one it resolves beside a wait that goes on, as a
// target marked resolved with its topic); a target the answer names without a role takes
// the role the rules gave the same name (the rules know the company's words).
func (a Answer) Statement(rules unblock.Statement, open []OpenBlocker) unblock.Statement {
	st := unblock.Statement{Text: rules.Text, Blocked: a.Blocked, Resolved: a.Resolved, None: a.None}
	if a.None {
		return st
	}
	byID := make(map[int64]OpenBlocker, len(open))
	for _, b := range open {
		byID[b.ID] = b
	}
	var linked []OpenBlocker
	if a.Blocked {
		for _, id := range a.Continues {
			linked = append(linked, byID[id])
		}
	} else {
		for _, id := range a.Resolves {
			linked = append(linked, byID[id])
		}
	}
	for _, b := range linked {
		st.Targets = append(st.Targets, b.Target)
	}
	newTargets := a.Targets
	if !a.Blocked && len(linked) > 0 {
		newTargets = nil // a resolution of known blockers is about them only
	}
	for _, t := range newTargets {
		t.Resolved = false // the answer says what cleared by "resolves" alone
		if t.Role == "" {
			t.Role = roleOf(rules.Targets, t.Name)
		}
		if !slices.ContainsFunc(st.Targets, func(o unblock.Target) bool { return sameTarget(o, t) }) {
			st.Targets = append(st.Targets, t)
		}
	}
	switch {
	case len(linked) == 1 && len(st.Targets) == 1:
		st.Topic = linked[0].Topic
	case len(linked) > 0:
		// Several blockers, or old and new ones together: one topic cannot name
		// them all, and an empty one matches each blocker's own.
		st.Topic = ""
	default:
		st.Topic = a.Topic
	}
	if a.Blocked && a.Resolved {
		// One wait cleared, another goes on: the blockers it resolves are
		// targets marked resolved with their own topics (docs/DESIGN.md,
		// "Contract — parse JSON"), so the ledger closes those and no others.
		for _, id := range a.Resolves {
			b := byID[id]
			t := b.Target
			t.Resolved, t.Topic = true, b.Topic
			st.Targets = append(st.Targets, t)
		}
	}
	return st
}

func sameTarget(a, b unblock.Target) bool {
	return a.Kind == b.Kind && strings.EqualFold(a.Name, b.Name)
}

// roleOf is the role the rules gave a target named name, "" if none.
func roleOf(ts []unblock.Target, name string) unblock.Role {
	for _, t := range ts {
		if strings.EqualFold(t.Name, name) && t.Role != "" {
			return t.Role
		}
	}
	return ""
}

// Candidate reports whether the LLM should adjudicate a statement: when the
// rules read it as blocked, resolved or "none" (with the company's words), or
// when it holds what the rules may have passed over: in a standup report (asReport)
// blocker words or a Blockers header (parse.Candidate), in chat blocker words
// said in so many words (parse.ChatCue), as chat is read. Anything else is never sent.
func Candidate(text string, rules unblock.Statement, asReport bool) bool {
	if rules.Blocked || rules.Resolved || rules.None {
		return true
	}
	if asReport {
		return parse.Candidate(text)
	}
	return parse.ChatCue(text)
}

// compactJSON is content without insignificant whitespace, for recording.
func compactJSON(content string) string {
	var b bytes.Buffer
	if json.Compact(&b, []byte(content)) != nil {
		return content
	}
	return b.String()
}
