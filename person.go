package unblock

import (
	"strings"
	"time"
)

// Person is someone in the workspace, keyed by Slack user ID.
type Person struct {
	ID          string     // Slack user ID, "U…" or "W…"
	Name        string     // display name as shown in Slack
	RealName    string     // full name from the profile
	Title       string     // profile title, e.g. "Senior Product Designer"
	Team        string     // unblock team name from the config, "" if none
	TZ          string     // IANA time zone from the profile, "" if unknown
	Role        Role       // resolved role, RoleUnknown if nothing matched
	RoleSource  RoleSource // how Role was resolved
	RoleDetail  string     // what matched: the user group, the title keyword, the team
	IsBot       bool
	Deleted     bool
	StatusText  string    // Slack status text, e.g. "OOO until Monday"
	StatusEmoji string    // Slack status emoji, e.g. ":palm_tree:"
	AwayUntil   time.Time // set by "/blocked away until DATE"; zero when not away
	UpdatedAt   time.Time
}

// Label returns the best human name for p: display name, real name, then ID.
func (p Person) Label() string {
	switch {
	case p.Name != "":
		return p.Name
	case p.RealName != "":
		return p.RealName
	}
	return p.ID
}

// Team is a group of people who share a standup, from the config.
type Team struct {
	Name        string   // unique team name, e.g. "checkout"
	Channel     string   // Slack channel ID where the summary goes
	DefaultRole Role     // role of members whose role resolves no other way
	Members     []string // Slack user IDs
	UserGroup   string   // Slack user group ID ("S…") whose members are the team
}

// Names lists the names people use for p in standups: display name, real name and
// the real name's first word, each once.
func (p Person) Names() []string {
	var names []string
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.TrimSpace(s)
		if len(s) < 2 || seen[strings.ToLower(s)] {
			return
		}
		seen[strings.ToLower(s)] = true
		names = append(names, s)
	}
	add(p.Name)
	add(p.RealName)
	if f := strings.Fields(p.RealName); len(f) > 1 {
		add(f[0])
	}
	return names
}
