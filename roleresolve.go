package unblock

import "strings"

// RoleRules resolve a person's role in the order docs/DESIGN.md fixes: the config's people
// overrides, then a mapped user group, then keywords in the profile title (the config's
// first), then the team's default role. Nothing matched leaves the role unknown.
type RoleRules struct {
	People     map[string]Role // user ID -> role, from the config
	UserGroups map[string]Role // user group ID ("S…") -> role
	// ConfigTitleKeywords are the title keywords the config's roles list: an
	// admin's words for their company's titles, tried before the rest, so
	// "fleet" gives "Fleet & Depot Operations Manager" the config's fleet role
	// over the built-in "operations".
	ConfigTitleKeywords map[Role][]string
	TitleKeywords       map[Role][]string // every role's, the built-in ones and the config's
	TeamDefaults        map[string]Role   // team name -> default role
}

// DefaultTitleKeywords maps lower-case words found in profile titles to roles,
// from the built-in vocabulary (roles.txt). Longer phrases are tried first, so
// "product designer" is design, not product, and "engineering manager" is
// leadership.
var DefaultTitleKeywords = defaultVocabulary().TitleKeywords()

// Resolve returns p's role, how it was found and what matched, given the user groups
// p belongs to.
func (r RoleRules) Resolve(p Person, groups []string) (Role, RoleSource, string) {
	if role, ok := r.People[p.ID]; ok && role != RoleUnknown {
		return role, RoleFromConfig, "people: " + p.ID
	}
	for _, g := range groups {
		if role, ok := r.UserGroups[g]; ok && role != RoleUnknown {
			return role, RoleFromUserGroup, "user group " + g
		}
	}
	if role, word := TitleRole(p.Title, r.ConfigTitleKeywords); role != RoleUnknown {
		return role, RoleFromTitle, "config title keyword \"" + word + "\""
	}
	kw := r.TitleKeywords
	if kw == nil {
		kw = DefaultTitleKeywords
	}
	if role, word := TitleRole(p.Title, kw); role != RoleUnknown {
		return role, RoleFromTitle, "title keyword \"" + word + "\""
	}
	if role, ok := r.TeamDefaults[p.Team]; ok && p.Team != "" && role != RoleUnknown {
		return role, RoleFromTeam, "team " + p.Team
	}
	return RoleUnknown, RoleFromNothing, ""
}

// TitleRole finds the role whose longest keyword occurs as whole words in title.
// Engineering is the fallback: "QA Engineer" and "Security Engineer" name their
// speciality, so engineering keywords count only when no other role matched.
func TitleRole(title string, keywords map[Role][]string) (Role, string) {
	t := " " + strings.Join(strings.FieldsFunc(strings.ToLower(title), func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/')
	}), " ") + " "
	if strings.TrimSpace(t) == "" {
		return RoleUnknown, ""
	}
	var best Role
	var bestWord string
	order := roleOrder(keywords)
	for _, role := range order {
		if role == RoleEngineering && best != RoleUnknown {
			break
		}
		for _, w := range keywords[role] {
			w = strings.ToLower(strings.TrimSpace(w))
			if w == "" || len(w) <= len(bestWord) {
				continue
			}
			if strings.Contains(t, " "+w+" ") {
				best, bestWord = role, w
			}
		}
	}
	return best, bestWord
}

// roleOrder returns the roles of keywords in a stable order: built-ins first.
// Engineering comes last (see TitleRole).
func roleOrder(keywords map[Role][]string) []Role {
	var out []Role
	for _, r := range BuiltinRoles {
		if _, ok := keywords[r]; ok && r != RoleEngineering {
			out = append(out, r)
		}
	}
	var extra []Role
	for r := range keywords {
		if !r.IsBuiltin() {
			extra = append(extra, r)
		}
	}
	for i := 1; i < len(extra); i++ {
		for j := i; j > 0 && extra[j] < extra[j-1]; j-- {
			extra[j], extra[j-1] = extra[j-1], extra[j]
		}
	}
	out = append(out, extra...)
	if _, ok := keywords[RoleEngineering]; ok {
		out = append(out, RoleEngineering)
	}
	return out
}
