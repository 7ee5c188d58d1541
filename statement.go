package unblock

import (
	"strings"
	"unicode/utf8"
)

// TargetKind says what sort of thing a blocker waits on.
type TargetKind string

const (
	TargetPerson   TargetKind = "person"   // a Slack mention or a known person's name
	TargetRole     TargetKind = "role"     // "design", "legal"
	TargetTeam     TargetKind = "team"     // "the platform team", a user group
	TargetExternal TargetKind = "external" // a customer or vendor by name
	TargetArtifact TargetKind = "artifact" // "the API spec", "PR 123"
)

// Valid reports whether k is one of the known target kinds.
func (k TargetKind) Valid() bool {
	switch k {
	case TargetPerson, TargetRole, TargetTeam, TargetExternal, TargetArtifact:
		return true
	}
	return false
}

// Target is whom or what is waited on. Role is the role that owns it, "" when unknown.
// A person target keeps the mention as written ("<@U024BE7LH>") or the name.
type Target struct {
	Kind TargetKind `json:"kind"`
	Name string     `json:"name"`
	Role Role       `json:"role"`
	// Topic is what is awaited from this target when one report names several
	// waits ("blocked on design for the settings mocks • waiting on design for
	// the illustrations": two targets named design, one topic each); "" when
	// the statement's Topic says it (docs/DESIGN.md, "Parse JSON").
	Topic string `json:"topic,omitempty"`
	// Resolved marks, in a statement both Blocked and Resolved, a target that
	// is what cleared rather than what is still awaited ("got the mocks from
	// design, still waiting on legal for the DPA": design resolved, legal
	// awaited); false everywhere else (docs/DESIGN.md, "Parse JSON").
	Resolved bool `json:"resolved,omitempty"`
}

// Key returns the graph node name for a non-person target: Node, the
// canonical "KIND:NAME" ("artifact:api-spec").
func (t Target) Key() string { return t.Node() }

// MentionID returns the user ID of a Slack mention ("<@U123>" or "<@U123|ana>"),
// or "" when the name is not a mention.
func (t Target) MentionID() string {
	return MentionID(t.Name)
}

// MentionID returns the user ID inside a Slack user mention, or "".
func MentionID(s string) string {
	if !strings.HasPrefix(s, "<@") || !strings.HasSuffix(s, ">") {
		return ""
	}
	id := s[2 : len(s)-1]
	if i := strings.IndexByte(id, '|'); i >= 0 {
		id = id[:i]
	}
	if id == "" {
		return ""
	}
	return id
}

// Slug lower-cases s and joins its words with dashes: "API Spec" -> "api-spec".
func Slug(s string) string { return lowerWords(s, '-') }

// lowerWords lower-cases s and joins its words (as strings.Fields splits them) with
// sep. The analysis makes a few thousand target names canonical per snapshot, so ASCII
// text, nearly all of it, takes one pass and at most one allocation: none when s is
// already in that form.
func lowerWords(s string, sep byte) string {
	same, n, ascii := true, 0, true // n: the length of the result
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			ascii = false
			break
		}
		if asciiSpace[c] {
			inWord = false
			if c != sep || i == 0 || i+1 == len(s) || asciiSpace[s[i+1]] || s[i-1] == sep {
				same = false
			}
			continue
		}
		if 'A' <= c && c <= 'Z' {
			same = false
		}
		if !inWord {
			if n > 0 {
				n++
			}
			inWord = true
		}
		n++
	}
	if !ascii {
		return strings.Join(strings.Fields(strings.ToLower(s)), string(sep))
	}
	if same {
		return s
	}
	out := make([]byte, 0, n)
	inWord = false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if asciiSpace[c] {
			inWord = false
			continue
		}
		if !inWord {
			if len(out) > 0 {
				out = append(out, sep)
			}
			inWord = true
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out = append(out, c)
	}
	return string(out)
}

// asciiSpace is the ASCII space strings.Fields splits on.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Statement is what the parser found in one report.
type Statement struct {
	Text     string   `json:"text"`
	Blocked  bool     `json:"blocked"`  // the author is waiting on someone or something
	Resolved bool     `json:"resolved"` // the author says an earlier blocker cleared
	None     bool     `json:"none"`     // an explicit "no blockers" anywhere, also beside Resolved; never together with Blocked
	Targets  []Target `json:"targets"`  // whom or what is waited on, or what cleared
	Topic    string   `json:"topic"`    // what is awaited, in a few words
	// Continues says the author's blockers are as they were ("Blockers: same
	// as yesterday", "ditto"): every open blocker of theirs goes on and none is
	// opened; never together with Blocked, Resolved or None (docs/DESIGN.md,
	// "Contract — parse JSON").
	Continues bool `json:"continues,omitempty"`
	// Still says a blocked report tells its wait as going on ("still no word
	// from infra", "chased legal again", "not in yet"): a wait on a role or a
	// team so told continues the author's one open wait on it in other words
	// (docs/DESIGN.md, "Blocker identity", rule 6).
	Still bool `json:"still,omitempty"`
}

// AboutBlockers reports whether st says anything about the author's blockers:
// blocked, resolved, an explicit none, or that they are as they were.
func (st Statement) AboutBlockers() bool {
	return st.Blocked || st.Resolved || st.None || st.Continues
}

// Limits on what a statement keeps of its text: a topic is a few words and a name
// is a name, so anything longer is cut (with an ellipsis) before it is stored or
// echoed, and one pasted megabyte cannot break a message to Slack.
const (
	MaxTopicRunes  = 200
	MaxNameRunes   = 120
	MaxTargetsKept = 20
)

// Bounded returns st with its topics and target names cut to MaxTopicRunes and
// MaxNameRunes and at most MaxTargetsKept targets. A person's mention is never cut.
func (st Statement) Bounded() Statement {
	st.Topic = Cut(st.Topic, MaxTopicRunes)
	if len(st.Targets) > MaxTargetsKept {
		st.Targets = st.Targets[:MaxTargetsKept]
	}
	copied := false
	for i, t := range st.Targets {
		longName := MentionID(t.Name) == "" && utf8.RuneCountInString(t.Name) > MaxNameRunes
		if !longName && utf8.RuneCountInString(t.Topic) <= MaxTopicRunes {
			continue
		}
		if !copied { // never change the caller's slice
			st.Targets, copied = append([]Target(nil), st.Targets...), true
		}
		if longName {
			st.Targets[i].Name = Cut(t.Name, MaxNameRunes)
		}
		st.Targets[i].Topic = Cut(t.Topic, MaxTopicRunes)
	}
	return st
}

// Cut returns s cut to at most n runes, ending in "…" when it was cut.
func Cut(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}
