package unblock

import "strings"

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
func Slug(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "-")
}

// Statement is what the parser found in one report.
type Statement struct {
	Text     string   `json:"text"`
	Blocked  bool     `json:"blocked"`  // the author is waiting on someone or something
	Resolved bool     `json:"resolved"` // the author says an earlier blocker cleared
	None     bool     `json:"none"`     // an explicit "no blockers" anywhere, also beside Resolved; never together with Blocked
	Targets  []Target `json:"targets"`  // whom or what is waited on, or what cleared
	Topic    string   `json:"topic"`    // what is awaited, in a few words
}
