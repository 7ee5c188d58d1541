package unblock

import "strings"

// Role is a function in the organisation: engineering, design, product, …
// The zero value means the role is unknown; it is never guessed silently.
type Role string

// The built-in roles, named for code that needs one. The vocabulary itself
// (every role, its words and title keywords) is roles.txt; the config can add
// roles of its own.
const (
	RoleUnknown     Role = ""
	RoleEngineering Role = "engineering"
	RoleDesign      Role = "design"
	RoleProduct     Role = "product"
	RoleQA          Role = "qa"
	RoleData        Role = "data"
	RoleSecurity    Role = "security"
	RoleLegal       Role = "legal"
	RoleOps         Role = "ops"
	RoleLeadership  Role = "leadership"
	RoleCustomer    Role = "customer"
	RoleVendor      Role = "vendor"
)

// BuiltinRoles lists the built-in roles in roles.txt's order.
var BuiltinRoles = defaultVocabulary().Roles()

// IsBuiltin reports whether r is one of the built-in roles.
func (r Role) IsBuiltin() bool {
	for _, b := range BuiltinRoles {
		if r == b {
			return true
		}
	}
	return false
}

// String returns the role name, or "unknown" for the zero role.
func (r Role) String() string {
	if r == RoleUnknown {
		return "unknown"
	}
	return string(r)
}

// Title returns the role name with a capital first letter ("Engineering"), for prose.
func (r Role) Title() string {
	s := r.String()
	if s == "qa" {
		return "QA"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// RoleSource says how a person's role was resolved, in the order docs/DESIGN.md gives.
type RoleSource string

const (
	RoleFromConfig    RoleSource = "config"    // the config's people: section
	RoleFromUserGroup RoleSource = "usergroup" // membership of a mapped Slack user group
	RoleFromTitle     RoleSource = "title"     // keywords in the Slack profile title
	RoleFromTeam      RoleSource = "team"      // the default role of the person's team
	RoleFromNothing   RoleSource = "unknown"   // nothing matched: the role stays unknown
)
