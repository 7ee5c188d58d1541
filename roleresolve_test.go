package unblock_test

import (
	"testing"

	"github.com/unblock-dev/unblock"
)

func TestRoleRules_Resolve(t *testing.T) {
	rules := unblock.RoleRules{
		People:       map[string]unblock.Role{"U0OVERRIDE": unblock.RoleLegal},
		UserGroups:   map[string]unblock.Role{"S0DESIGN": unblock.RoleDesign},
		TeamDefaults: map[string]unblock.Role{"checkout": unblock.RoleEngineering},
	}
	tests := []struct {
		name   string
		person unblock.Person
		groups []string
		role   unblock.Role
		source unblock.RoleSource
	}{
		{"config wins over title", unblock.Person{ID: "U0OVERRIDE", Title: "Product Manager"}, nil, unblock.RoleLegal, unblock.RoleFromConfig},
		{"user group wins over title", unblock.Person{ID: "U1", Title: "Product Manager"}, []string{"S0X", "S0DESIGN"}, unblock.RoleDesign, unblock.RoleFromUserGroup},
		{"senior product designer", unblock.Person{ID: "U2", Title: "Senior Product Designer"}, nil, unblock.RoleDesign, unblock.RoleFromTitle},
		{"an art director designs", unblock.Person{ID: "U2", Title: "Art Director"}, nil, unblock.RoleDesign, unblock.RoleFromTitle},
		{"a director leads", unblock.Person{ID: "U2", Title: "Studio Director"}, nil, unblock.RoleLeadership, unblock.RoleFromTitle},
		{"qa engineer", unblock.Person{ID: "U3", Title: "QA Engineer"}, nil, unblock.RoleQA, unblock.RoleFromTitle},
		{"product manager", unblock.Person{ID: "U4", Title: "Product Manager"}, nil, unblock.RoleProduct, unblock.RoleFromTitle},
		{"vp of engineering", unblock.Person{ID: "U5", Title: "VP of Engineering"}, nil, unblock.RoleLeadership, unblock.RoleFromTitle},
		{"backend engineer", unblock.Person{ID: "U6", Title: "Backend Engineer II"}, nil, unblock.RoleEngineering, unblock.RoleFromTitle},
		{"team default", unblock.Person{ID: "U7", Title: "Wizard", Team: "checkout"}, nil, unblock.RoleEngineering, unblock.RoleFromTeam},
		{"unknown stays unknown", unblock.Person{ID: "U8", Title: "Wizard"}, nil, unblock.RoleUnknown, unblock.RoleFromNothing},
		{"sre", unblock.Person{ID: "U9", Title: "SRE"}, nil, unblock.RoleOps, unblock.RoleFromTitle},
		{"member of technical staff", unblock.Person{ID: "U10", Title: "Member of Technical Staff"}, nil, unblock.RoleEngineering, unblock.RoleFromTitle},
		{"ios", unblock.Person{ID: "U11", Title: "iOS"}, nil, unblock.RoleEngineering, unblock.RoleFromTitle},
		{"it administrator", unblock.Person{ID: "U12", Title: "IT Administrator"}, nil, unblock.RoleOps, unblock.RoleFromTitle},
		{"it support is ops, not customer support", unblock.Person{ID: "U13", Title: "IT Support Specialist"}, nil, unblock.RoleOps, unblock.RoleFromTitle},
		{"network engineer", unblock.Person{ID: "U14", Title: "Senior Network Engineer"}, nil, unblock.RoleOps, unblock.RoleFromTitle},
		{"ciso", unblock.Person{ID: "U15", Title: "CISO"}, nil, unblock.RoleSecurity, unblock.RoleFromTitle},
		{"account executive sells to customers", unblock.Person{ID: "U16", Title: "Account Executive"}, nil, unblock.RoleCustomer, unblock.RoleFromTitle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			role, source, _ := rules.Resolve(tt.person, tt.groups)
			if role != tt.role || source != tt.source {
				t.Fatalf("Resolve(%+v) = %q, %q; want %q, %q", tt.person, role, source, tt.role, tt.source)
			}
		})
	}
}
