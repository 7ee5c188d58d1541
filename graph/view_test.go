package graph

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	unblock "github.com/unblock-dev/unblock"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// companyXPeople is the directory for companyx.txt, short of two people (UX1 and UQA1)
// and with one role the blockers do not say.
var companyXPeople = map[string]unblock.Person{
	"UENG1": {ID: "UENG1", Name: "Ana Ruiz", Role: unblock.RoleEngineering},
	"UENG2": {ID: "UENG2", RealName: "Ben Ode", Role: unblock.RoleEngineering},
	"UENG3": {ID: "UENG3", Name: "cy", Role: unblock.RoleEngineering},
	"UENG4": {ID: "UENG4", Name: "dee", Role: unblock.RoleEngineering},
	"UDES1": {ID: "UDES1", Name: "Eve Stone", Role: unblock.RoleDesign},
	"UDES2": {ID: "UDES2", Name: "Fay Lind", Role: unblock.RoleDesign},
	"UPM1":  {ID: "UPM1", Name: "Gus Hale", Role: unblock.RoleProduct},
	"UPM2":  {ID: "UPM2", Name: "Hal Moss"}, // role unknown to the directory: the blockers say product
	"UNONE": {ID: "UNONE", Name: "Not involved"},
}

func TestViews(t *testing.T) {
	tests := []struct {
		golden string
		view   func([]unblock.Blocker) View
	}{
		{"companyx.person.json", func(bs []unblock.Blocker) View { return PersonView(testAt, bs, companyXPeople, nil) }},
		{"companyx.role.json", func(bs []unblock.Blocker) View { return RoleView(testAt, bs, nil) }},
		{"noloops.person.json", func(bs []unblock.Blocker) View { return PersonView(testAt, bs, nil, nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			fixture := tt.golden[:len(tt.golden)-len(filepath.Ext(tt.golden))]
			fixture = fixture[:len(fixture)-len(filepath.Ext(fixture))] + ".txt"
			got, err := json.MarshalIndent(tt.view(readBlockers(t, fixture)), "", "\t")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("view differs from %s (go test -update rewrites it):\n%s", path, got)
			}
		})
	}
}

func TestViewEdgeTopics(t *testing.T) {
	// Eight blockers from one person on one role: topics oldest first, each once,
	// at most maxTopics; blockers without a topic count but name none.
	var bs []unblock.Blocker
	for i, topic := range []string{"a", "b", "", "a", "c", "d", "e", "f"} {
		bs = append(bs, newBlocker(int64(i+1), "U1", "engineering", "role:design", "design", time.Duration(10-i)*day, topic))
	}
	for _, v := range []View{RoleView(testAt, bs, nil), PersonView(testAt, bs, nil, nil)} {
		if len(v.Edges) != 1 {
			t.Fatalf("%s: %d edges; want 1", v.Level, len(v.Edges))
		}
		e := v.Edges[0]
		if got, want := e.Topics, []string{"a", "b", "c", "d", "e"}; !equal(got, want) {
			t.Errorf("%s: Topics = %q; want %q", v.Level, got, want)
		}
		if e.Blockers != 8 || e.Oldest != 10*day {
			t.Errorf("%s: %d blockers, oldest %v; want 8, %v", v.Level, e.Blockers, e.Oldest, 10*day)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
