package unblock_test

import (
	"strings"
	"testing"

	"github.com/unblock-dev/unblock"
)

func TestParseRole(t *testing.T) {
	tests := []struct {
		in   string
		want unblock.Role
	}{
		{"design", unblock.RoleDesign},
		{"Lawyers", unblock.RoleLegal},
		{"eng", unblock.RoleEngineering},
		{"the data team", unblock.RoleData},
		{"data-team", unblock.RoleData},
		{"@Design", unblock.RoleDesign},
		{"  Product   Managers ", unblock.RoleProduct},
		{"the board", unblock.RoleLeadership},
		{"steering committee", unblock.RoleLeadership},
		{"helpdesk", unblock.RoleOps},
		{"infra team", unblock.RoleOps},
		{"QA", unblock.RoleQA},
		{"checkout", unblock.RoleUnknown},
		{"board", unblock.RoleLeadership},
		{"releng", unblock.RoleOps},
		{"", unblock.RoleUnknown},
		{"finance", unblock.RoleUnknown}, // not built in: a config adds it
	}
	for _, tt := range tests {
		if got := unblock.ParseRole(tt.in); got != tt.want {
			t.Errorf("ParseRole(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestDefaultVocabulary(t *testing.T) {
	v := unblock.DefaultVocabulary()
	consts := []unblock.Role{unblock.RoleEngineering, unblock.RoleDesign, unblock.RoleProduct, unblock.RoleQA,
		unblock.RoleData, unblock.RoleSecurity, unblock.RoleLegal, unblock.RoleOps, unblock.RoleLeadership,
		unblock.RoleCustomer, unblock.RoleVendor}
	if got, want := len(v.Roles()), len(consts); got != want {
		t.Fatalf("built-in roles = %v; want %d", v.Roles(), want)
	}
	for _, r := range consts {
		if !v.Has(r) || !r.IsBuiltin() {
			t.Errorf("role %q is not in roles.txt", r)
		}
		if ws := v.Words(r); len(ws) == 0 || ws[0] != string(r) {
			t.Errorf("Words(%q) = %v; want its name first", r, ws)
		}
	}
	if got := unblock.DefaultTitleKeywords[unblock.RoleDesign]; len(got) == 0 {
		t.Errorf("DefaultTitleKeywords[design] is empty")
	}
}

func TestVocabulary_Extend(t *testing.T) {
	v := unblock.DefaultVocabulary()
	if err := v.AddRole("finance"); err != nil {
		t.Fatal(err)
	}
	if err := v.AddWords("finance", "FP&A", "accounts payable"); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"finance", "fp&a", "Accounts  Payable", "the finance team"} {
		if got := v.Role(w); got != "finance" {
			t.Errorf("Role(%q) = %q; want finance", w, got)
		}
	}
	if got := unblock.ParseRole("fp&a"); got != unblock.RoleUnknown {
		t.Errorf("extending a copy changed the built-in vocabulary: ParseRole(fp&a) = %q", got)
	}
	if err := v.AddWords("finance", "lawyers"); err == nil || !strings.Contains(err.Error(), `already names role "legal"`) {
		t.Errorf("AddWords(finance, lawyers) = %v; want an error naming legal", err)
	}
	if err := v.AddWords("nosuch", "x"); err == nil {
		t.Errorf("AddWords to an unknown role: no error")
	}
	if err := v.AddRole("Bad Name"); err == nil {
		t.Errorf("AddRole(Bad Name): no error")
	}
}

func TestReadVocabulary_Errors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"design words: ux", `x.txt:1: role "design" is not declared`},
		{"design role:\ndesign words: ux,, ui", "x.txt:2: an empty item can never match"},
		{"design role:\ndesign colours: red", `x.txt:2: unknown kind "colours"`},
		{"design role:\nproduct role: design", `x.txt:2: "design" already names role "design"`},
		{"just words", `x.txt:1: want "ROLE KIND: ITEM, ITEM"`},
	}
	for _, tt := range tests {
		_, err := unblock.ReadVocabulary("x.txt", tt.text)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadVocabulary(%q) = %v; want %q", tt.text, err, tt.want)
		}
	}
}
